"""Take the README's screenshots from a running demo server, in headless Chromium.

Usage: screenshots.py BASE_URL OUT_DIR   (with `make run` serving the demo database)
Logs in as each demo user through the real login form, then captures pages at a desktop and a
phone width with the Chrome DevTools protocol (websocket-client, already needed by Odoo's tours).
"""

import base64
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

SHOTS = [
    # (file, login or None, path, width, height)
    ("board_zh_CN.png", None, "/internships", 1280, 900),
    ("board_phone_zh_CN.png", None, "/internships", 390, 844),
    ("applicant_status_zh_CN.png", "jx_applicant", "/my/internships", 1280, 900),
    ("unit_claim_zh_CN.png", "jx_unit", "/my/claims", 1280, 1100),
    (
        "dashboard_funnel_zh_CN.png",
        "jx_manager",
        "/odoo/action-jianxi_internship.jianxi_funnel_report_action",
        1280,
        800,
    ),
]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="jianxi-shots-")
        self.proc = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=9333",
                f"--user-data-dir={self.profile}",
                "--lang=zh-CN",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.seq = 0

    def call(self, method, **params):
        self.seq += 1
        self.ws.send(json.dumps({"id": self.seq, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.seq:
                return message.get("result", {})

    def goto(self, url, settle=2.0):
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
        deadline = time.time() + 30
        while time.time() < deadline:
            state = self.call("Runtime.evaluate", expression="document.readyState").get("result", {}).get("value")
            if state == "complete":
                break
            time.sleep(0.2)
        time.sleep(settle)

    def shot(self, path, width, height):
        self.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600
        )
        time.sleep(0.5)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self.ws.close()
        self.proc.terminate()


def login(browser, base, login_name):
    browser.call("Network.clearBrowserCookies")
    browser.goto(f"{base}/web/login", settle=0.5)
    script = (
        f"document.querySelector('input[name=login]').value={json.dumps(login_name)};"
        f"document.querySelector('input[name=password]').value={json.dumps(login_name)};"
        "document.querySelector('form.oe_login_form').submit();"
    )
    browser.call("Runtime.evaluate", expression=script)
    time.sleep(3)


def main(base, out):
    browser = Browser()
    try:
        current = "?"
        for name, user, path, width, height in SHOTS:
            if user != current:
                if user:
                    login(browser, base, user)
                else:
                    browser.call("Network.clearBrowserCookies")
                current = user
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            browser.goto(base + path, settle=3.0 if path.startswith("/odoo") else 1.5)
            if re.search(r"/my/(internships|claims)$", path):
                # open the first record of the list
                href = browser.call(
                    "Runtime.evaluate",
                    expression=("(document.querySelector('a[href^=\"" + path + "/\"]')||{}).href||''"),
                ).get("result", {})
                if href.get("value"):
                    browser.goto(href["value"], settle=1.5)
            browser.shot(f"{out}/{name}", width, height)
            print("saved", f"{out}/{name}")
    finally:
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
