"""Take the README's screenshots from a running demo server, in headless Chromium.

Usage: screenshots.py BASE_URL OUT_DIR [FILE ...]   (with `make run` serving the demo database;
FILE names the shots to take again, by default all)
Logs in as each demo user through the real login form, then captures pages at a desktop and a
phone width with the Chrome DevTools protocol (websocket-client, already needed by Odoo's tours).
A path may name a record by ``{model:domain}``: the first record the user reads with that domain
(e.g. the officer's first internship waiting for review), or ``{+model:values}``: a record the user
creates (a form filled in, e.g. the statistics' region and period). A ``.pdf`` shot downloads the report as
the user would and renders its first page with poppler's ``pdftoppm`` (Debian's poppler-utils).
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

SHOTS = [
    # (file, login or None, path, width, height); ``{model:domain}`` is the id of a record
    ("board_zh_CN.png", None, "/internships", 1280, 900),
    ("board_phone_zh_CN.png", None, "/internships", 390, 844),
    ("applicant_status_zh_CN.png", "jx_applicant", "/my/internships", 1280, 900),
    ("unit_claim_zh_CN.png", "jx_unit", "/my/claims", 1280, 1100),
    # The unit's profile with its bank account (收款账户), and the claim page that names it.
    ("unit_bank_zh_CN.png", "jx_unit", "/my/unit#jianxi_bank", 1280, 1900),
    ("unit_claim_page_zh_CN.png", "jx_unit", "/my/claims/{jianxi.subsidy.claim:[]}", 1280, 1500),
    # The staff's overview (issue 16), as a manager sees it: every county, the chart by county too.
    (
        "overview_zh_CN.png",
        "jx_manager",
        "/odoo/action-jianxi_internship.jianxi_overview_action",
        1280,
        1000,
    ),
    (
        "dashboard_funnel_zh_CN.png",
        "jx_manager",
        "/odoo/action-jianxi_internship.jianxi_funnel_report_action",
        1280,
        800,
    ),
    # The officer's review form of an application waiting for the eligibility review (见习人员审核):
    # the checklist, in the reader's language.
    (
        "review_form_zh_CN.png",
        "jx_officer",
        "/odoo/jianxi.internship/{jianxi.internship:[('state', '=', 'confirmed')]}",
        1280,
        1300,
    ),
    # The officer's form of the unit's claim: the interns, their amounts, those left out and why.
    (
        "claim_backend_zh_CN.png",
        "jx_officer",
        "/odoo/jianxi.subsidy.claim/{jianxi.subsidy.claim:[]}",
        1280,
        1100,
    ),
    # The province's statistics (就业见习情况统计表, issue 16) as a manager prints them for 铜仁市 since
    # the demo data's first year: the form is created as the manager would fill it ({+model:values}).
    (
        "statistics_zh_CN.png",
        "jx_manager",
        "/report/pdf/jianxi_internship.report_statistics/{+jianxi.statistics:"
        "{'region_id': '@jianxi.region:[(\"code\", \"=\", \"520600\")]', 'date_from': '2023-01-01'}}",
        0,
        0,
    ),
    # Matching (issue 17): the unit's inbox sorted by match (匹配), each application's criteria met
    # and missed; the applicant's home with 推荐岗位; the first recommended position as they see it.
    ("inbox_match_zh_CN.png", "jx_unit", "/my/applications?filterby=all&sortby=match", 1280, 1370),
    ("recommendations_zh_CN.png", "jx_graduate", "/my", 1280, 900),
    ("position_fit_zh_CN.png", "jx_graduate", "/my", 1280, 1300),
    # The claim form (见习补贴申领表) as the unit downloads it, first page.
    ("claim_form_pdf_zh_CN.png", "jx_unit", "/my/claims/{jianxi.subsidy.claim:[]}/report/claim?download=1", 0, 0),
    # The agreement (就业见习协议书) as the unit downloads it, first page.
    (
        "agreement_pdf_zh_CN.png",
        "jx_unit",
        "/my/interns/{jianxi.internship:[('state', 'in', ('on_duty', 'ended'))]}/report/agreement?download=1",
        0,
        0,
    ),
]

RECORD = re.compile(r"\{(\+?[\w.]+):(.*?)\}(?=/|$|\?)")
# Shots of the page a link leads to: the first element the selector finds on PATH, followed.
FOLLOW = {"position_fit_zh_CN.png": "a.o_jianxi_recommendation"}


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
        # A Chinese reader's browser: navigator.language (read by pdf.js, the PDF viewer's toolbar)
        # and Accept-Language; headless Chromium reports en-US whatever --lang says.
        self.call("Emulation.setLocaleOverride", locale="zh-CN")
        user_agent = self.call("Browser.getVersion")["userAgent"].replace("HeadlessChrome", "Chrome")
        self.call("Network.setUserAgentOverride", userAgent=user_agent, acceptLanguage="zh-CN,zh", platform="Linux")

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


def call_kw(browser, model, method, args, kwargs=None):
    """``model.method(*args, **kwargs)`` through JSON-RPC, as the signed-in user."""
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
    }
    script = (
        "fetch('/web/dataset/call_kw', {method: 'POST', headers: {'Content-Type': 'application/json'}, "
        f"body: {json.dumps(json.dumps(body))}}}).then(r => r.json()).then(r => JSON.stringify(r))"
    )
    answer = json.loads(browser.call("Runtime.evaluate", expression=script, awaitPromise=True)["result"]["value"])
    if "error" in answer:
        raise SystemExit(f"{model}.{method}: {answer['error']['data']['message']}")
    return answer["result"]


def resolve(browser, path):
    """Replace ``{model:domain}`` in ``path`` by the id of the first record the user reads, and
    ``{+model:values}`` by the id of a record the user creates with ``values`` (a Python dict; a
    value ``"@model:domain"`` is the id of the first such record)."""

    def first_id(model, domain, text):
        ids = call_kw(
            browser, model, "search", [json.loads(python_domain_to_json(domain))], {"limit": 1, "order": "id"}
        )
        if not ids:
            raise SystemExit(f"no record for {text} as this user: is the demo database loaded?")
        return ids[0]

    def record_id(match):
        if match[1].startswith("+"):
            values = eval(match[2], {"__builtins__": {}})  # the script's own constants, not input
            for key, value in values.items():
                if isinstance(value, str) and value.startswith("@"):
                    model, domain = value[1:].split(":", 1)
                    values[key] = first_id(model, domain, value)
            return str(call_kw(browser, match[1][1:], "create", [values]))
        return str(first_id(match[1], match[2], match[0]))

    return RECORD.sub(record_id, path)


def python_domain_to_json(domain):
    return json.dumps(eval(domain or "[]", {"__builtins__": {}}))


def download_pdf_page(browser, url, path):
    """Download ``url`` with the browser's session, and render its first page to ``path``."""
    script = (
        f"fetch({json.dumps(url)}).then(r => r.arrayBuffer()).then(b => {{let s = ''; const a = new Uint8Array(b); "
        "for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]); return btoa(s);})"
    )
    data = base64.b64decode(browser.call("Runtime.evaluate", expression=script, awaitPromise=True)["result"]["value"])
    if not data.startswith(b"%PDF"):
        raise SystemExit(f"{url} did not answer a PDF")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "report.pdf")
        with open(pdf, "wb") as f:
            f.write(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", pdf, path[:-4]], check=True
        )


def main(base, out, *only):
    browser = Browser()
    try:
        current = "?"
        for name, user, path, width, height in SHOTS:
            if only and name not in only:
                continue
            if user != current:
                if user:
                    login(browser, base, user)
                else:
                    browser.call("Network.clearBrowserCookies")
                current = user
            path = resolve(browser, path) if "{" in path else path
            if "/report/" in path:
                download_pdf_page(browser, base + path, f"{out}/{name}")
                print("saved", f"{out}/{name}")
                continue
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            browser.goto(base + path, settle=3.0 if path.startswith("/odoo") else 1.5)
            if name in FOLLOW:
                href = browser.call(
                    "Runtime.evaluate",
                    expression=f"(document.querySelector({json.dumps(FOLLOW[name])})||{{}}).href||''",
                ).get("result", {})
                if not href.get("value"):
                    raise SystemExit(f"{name}: nothing matches {FOLLOW[name]} on {path}")
                browser.goto(href["value"], settle=1.5)
            elif re.search(r"/my/(internships|claims)$", path):
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
    main(*sys.argv[1:])
