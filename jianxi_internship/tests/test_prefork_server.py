"""Odoo as it is deployed: the prefork server, its workers and its websocket (issue 14, point 2).

The other HTTP tests run in the test process's threaded server, inside the test's transaction.
This one starts ``odoo-bin`` with 2 HTTP workers and the gevent process, on a database of its own
(a copy of the installed template that ``scripts/test.sh`` makes before pytest connects) and on
free ports, never 8069/8072. An officer listens on ``/websocket``; a unit contact posts and submits
a position through the portal forms; the officer must receive the bus notification of the review
activity that gives them, and no process may log a traceback.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta

import requests
import websocket

import odoo
from odoo.tests import BaseCase, tagged
from odoo.tools import config

from odoo.addons.bus.websocket import WebsocketConnectionHandler

from .database_copies import admin_sql, copy_template, drop_database, free_port

STARTUP_TIMEOUT = 120  # seconds: two workers and the gevent process load the registry on a busy machine
NOTIFICATION_TIMEOUT = 60


def _csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@tagged("post_install", "-at_install")
class TestPreforkServer(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        template = os.environ.get("JIANXI_TEMPLATE_DB")
        if not template:
            raise RuntimeError("JIANXI_TEMPLATE_DB is not set: run the suite through scripts/test.sh (make test)")
        cls.db = f"jianxi_prefork_{uuid.uuid4().hex[:8]}"
        copy_template(template, cls.db)
        cls.addClassCleanup(cls._drop_database)
        # The officer is notified in Odoo (inbox), as officers who work in the backend choose: the
        # assignment of the review activity then reaches them on the bus as well as by mail.
        admin_sql("UPDATE res_users SET notification_type = 'inbox' WHERE login = 'jx_officer'", dbname=cls.db)

        cls.http_port, cls.gevent_port = free_port(), free_port()
        cls.base = f"http://127.0.0.1:{cls.http_port}"
        cls.logfile = os.path.join(config["data_dir"], f"{cls.db}.log")
        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
        cls.server = subprocess.Popen(
            [
                sys.executable,
                odoo_bin,
                "-c",
                config.rcfile,
                "-d",
                cls.db,
                f"--db-filter=^{cls.db}$",
                f"--http-port={cls.http_port}",
                f"--gevent-port={cls.gevent_port}",
                "--workers=2",
                "--max-cron-threads=0",
                "--log-level=info",
                f"--logfile={cls.logfile}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped whole at the end
        )
        cls.addClassCleanup(cls._stop_server)
        cls._wait_until_serving()

    # ------------------------------------------------------------------ fixtures
    @classmethod
    def _wait_until_serving(cls):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if cls.server.poll() is not None:
                raise RuntimeError(f"odoo-bin stopped at start (code {cls.server.returncode}): see {cls.logfile}")
            try:
                web = requests.get(f"{cls.base}/web/login", timeout=10)
                ws = requests.get(f"http://127.0.0.1:{cls.gevent_port}/websocket/health", timeout=10)
                if web.status_code == 200 and ws.status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(1)  # not listening yet: the workers are still loading the registry
                continue
            time.sleep(1)
        raise RuntimeError(f"odoo-bin did not serve within {STARTUP_TIMEOUT} s: see {cls.logfile}")

    @classmethod
    def _stop_server(cls):
        if cls.server.poll() is None:
            os.killpg(cls.server.pid, signal.SIGTERM)
            try:
                cls.server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(cls.server.pid, signal.SIGKILL)
                cls.server.wait()

    @classmethod
    def _drop_database(cls):
        drop_database(cls.db)
        if os.path.exists(cls.logfile):
            os.unlink(cls.logfile)

    def _session(self, login):
        session = requests.Session()
        response = session.post(
            f"{self.base}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": self.db, "login": login, "password": login}},
            timeout=60,
        )
        self.assertNotIn("error", response.json(), login)
        return session

    def _log(self):
        with open(self.logfile, encoding="utf-8", errors="replace") as log:
            return log.read()

    # ------------------------------------------------------------------ the test
    def test_workers_serve_and_the_websocket_delivers(self):
        log = self._log()
        self.assertEqual(len(re.findall(r"Worker WorkerHTTP \(\d+\) alive", log)), 2, "two HTTP workers")
        self.assertIn("Evented Service (longpolling) running", log)

        officer = self._session("jx_officer")
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{self.gevent_port}/websocket?version={WebsocketConnectionHandler._VERSION}",
            cookie=f"session_id={officer.cookies['session_id']}",
            origin=f"http://127.0.0.1:{self.gevent_port}",  # Odoo keeps the session only when it matches the host
            timeout=10,
        )
        self.addCleanup(ws.close)
        ((last_id,),) = admin_sql("SELECT coalesce(max(id), 0) FROM bus_bus", dbname=self.db)
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": last_id}}))

        # The unit contact posts a position and submits it, through the portal's forms.
        unit = self._session("jx_unit")
        form = unit.get(f"{self.base}/my/positions/new", timeout=60).text
        education = re.search(r'name="education_level_id".*?<option value="(\d+)"', form, re.S).group(1)
        today = date.today()
        created = unit.post(
            f"{self.base}/my/positions/new",
            data={
                "csrf_token": _csrf(form),
                "name": "茶叶电商运营见习岗",
                "content": "负责网店日常运营与客户服务。",
                "education_level_id": education,
                "majors": "电子商务",
                "headcount": "2",
                "duration_months": "6",
                "allowance": "3000",
                "planned_start_date": (today + timedelta(days=40)).isoformat(),
                "deadline": (today + timedelta(days=30)).isoformat(),
            },
            timeout=60,
        )
        position_id = re.search(r"/my/positions/(\d+)", created.url)
        self.assertTrue(position_id, f"the form was refused: {created.url}")
        page = unit.get(created.url, timeout=60).text
        submitted = unit.post(
            f"{self.base}/my/positions/{position_id.group(1)}/submit", data={"csrf_token": _csrf(page)}, timeout=60
        )
        self.assertEqual(submitted.status_code, 200)

        # The officer of the county hears of the review activity, live: the assignment's message
        # lands in their inbox.
        deadline = time.monotonic() + NOTIFICATION_TIMEOUT
        received = []
        while time.monotonic() < deadline and not any(n["message"]["type"] == "mail.message/inbox" for n in received):
            ws.settimeout(max(1, deadline - time.monotonic()))
            try:
                received.extend(json.loads(ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        types = [n["message"]["type"] for n in received]
        self.assertIn("mail.message/inbox", types, f"notifications received: {types}")
        inbox = next(n["message"]["payload"] for n in received if n["message"]["type"] == "mail.message/inbox")
        self.assertIn("茶叶电商运营见习岗", json.dumps(inbox, ensure_ascii=False))
        self.assertTrue(all(n["id"] > last_id for n in received))

        self._stop_server()
        log = self._log()
        self.assertNotIn("Traceback", log, log[-4000:])
        self.assertNotRegex(log, r" (ERROR|CRITICAL) ", log[-4000:])
