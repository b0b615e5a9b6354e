#!/usr/bin/env python3
"""How much does one apply (投递) cost, and how long do 50 applicants applying at once wait?

``measure_apply`` works against a RUNNING Odoo server (workers=2 in production, werkzeug logging
at INFO so that its access log gives the SQL query count of each request, as scripts/bench_board.py
reads it). Each applicant signs in through /web/login (with the form's CSRF token) and opens the
position's page (for the session's CSRF token of the apply form); none of that is measured. Then:

1. a few warm-up applies, one at a time (not counted: templates, caches, each worker);
2. ``sequential`` applies one at a time: the server's own time (SQL + Python, from the access
   log) and its SQL query count, median and range;
3. ``concurrency`` applicants applying at the same moment (one thread each, released together):
   the wall time each waits (p50, p95, max), the errors, and, counted afterwards in the database,
   the applicants with more than one open application (the one-open-application rule). A few of
   them (``double_clicks``) post twice at once, as a double click does: the second must be refused.

Measured is the POST itself (answered 303 to the position's page with ``?applied=1``), not the
page the browser loads next. It is a benchmark: it prints and never fails on a number.

Alone, it makes a throwaway database (the addon without demo data, certified units, published
positions, complete applicants made through the ORM), starts Odoo with 2 workers, measures and
drops the database:

    python3 scripts/bench_apply.py                       # 20 one at a time, 50 at once
    python3 scripts/bench_apply.py --concurrency 100 --keep-db

From another benchmark (the province's data), with a server of its own:

    from bench_apply import measure_apply, print_report
    result = measure_apply("http://127.0.0.1:8069", [(login, password, position_id), ...],
                           concurrency=50, access_log="/path/odoo.log", db="province")
    print_report(result)
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_board import (
    LOG_LINE,
    Server,
    drop_database,
    in_virtualenv,
    log,
    odoo_bin_command,
    percentile,
    seed_positions,
    seed_units,
)

OPEN_STATES = ("applied", "confirmed", "approved", "on_duty", "end_requested")  # jianxi_internship.py
CSRF_INPUT = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
DEFAULT_PASSWORD = "Bench-Apply-2024"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 of an apply is the answer measured: not followed


class Applicant:
    """One applicant's browser: a cookie jar, signed in, with the apply form's CSRF token."""

    def __init__(self, base_url, login, password, position_id):
        self.base_url, self.login, self.password, self.position_id = base_url.rstrip("/"), login, password, position_id
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        self.no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
        self.csrf = None

    def _open(self, opener, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with opener.open(self.base_url + path, data=body, timeout=120) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def sign_in(self):
        """Through the login form, then the position's page for the session's CSRF token."""
        status, _headers, page = self._open(self.opener, "/web/login")
        token = CSRF_INPUT.search(page)
        if status != 200 or not token:
            raise RuntimeError(f"/web/login answered {status} without a CSRF token")
        form = {"login": self.login, "password": self.password, "csrf_token": token[1], "redirect": "/my"}
        status, headers, _page = self._open(self.no_redirect, "/web/login", form)
        if status not in (302, 303) or "/web/login" in (headers.get("Location") or ""):
            raise RuntimeError(f"{self.login} could not sign in (answer {status})")
        status, _headers, page = self._open(self.opener, f"/internships/positions/{self.position_id}")
        token = CSRF_INPUT.search(page[page.find("o_jianxi_apply_form") :])
        if status != 200 or "o_jianxi_apply_form" not in page or not token:
            raise RuntimeError(f"{self.login} sees no apply form on position {self.position_id} (answer {status})")
        self.csrf = token[1]
        return self

    def apply(self, tag):
        """POST the apply form; returns (outcome, client ms): outcome is ``applied`` (303 to the
        page with ?applied=1), ``refused`` (200: the page with the model's message) or ``error: …``."""
        path = f"/internships/positions/{self.position_id}/apply?bench={tag}"
        started = time.perf_counter()
        try:
            status, headers, _page = self._open(self.no_redirect, path, {"csrf_token": self.csrf})
        except OSError as error:  # refused or reset connection, time-out
            return f"error: {error}", (time.perf_counter() - started) * 1000
        elapsed = (time.perf_counter() - started) * 1000
        if status == 303 and "applied=1" in (headers.get("Location") or ""):
            return "applied", elapsed
        if status == 200:
            return "refused", elapsed
        return f"error: HTTP {status}", elapsed


def _access_log(path):
    """{logged path: (status, queries, server ms)} from Odoo's werkzeug access log."""
    stats = {}
    for match in LOG_LINE.finditer(Path(path).read_text("utf-8", "replace")):
        stats[match["path"]] = (
            int(match["status"]),
            int(match["queries"]),
            (float(match["query_time"]) + float(match["other_time"])) * 1000,
        )
    return stats


def _duplicates(db):
    """(applicants with more than one open application, open applications) in database ``db``."""
    query = (
        "SELECT (SELECT count(*) FROM (SELECT applicant_id FROM jianxi_internship WHERE state IN %(open)s "
        "GROUP BY applicant_id HAVING count(*) > 1) AS d), "
        "(SELECT count(*) FROM jianxi_internship WHERE state IN %(open)s)"
    )
    try:
        import psycopg2
    except ImportError:  # outside Odoo's virtualenv: the psql client
        sql = query.replace("%(open)s", "(" + ", ".join(f"'{s}'" for s in OPEN_STATES) + ")")
        out = subprocess.run(["psql", "-d", db, "-tAc", sql], check=True, capture_output=True, text=True).stdout
        return tuple(int(value) for value in out.strip().split("|"))
    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(query, {"open": OPEN_STATES})
        return cr.fetchone()


def measure_apply(
    base_url,
    logins_password_position,
    concurrency=50,
    *,
    sequential=20,
    warmup=4,
    double_clicks=5,
    access_log=None,
    db=None,
):
    """Measure applies against the running server at ``base_url``.

    :param logins_password_position: ``[(login, password, position id), ...]``: applicants with
        complete profiles and no open application, each for a published position; at least
        ``warmup + sequential + concurrency`` of them, used in that order, each once
    :param concurrency: applicants applying at the same moment
    :param sequential: applies one at a time, for the server time and the query count
    :param warmup: applies one at a time before, not counted
    :param double_clicks: among the ``concurrency`` applicants, how many post the form twice at once
    :param access_log: the server's log file (werkzeug at INFO): without it, no server time nor
        query count
    :param db: the database (PostgreSQL, local socket): without it, the duplicate open applications
        are not counted
    :return: a dict: ``sequential`` {n, server_median_ms, server_p95_ms, client_median_ms, queries
        (sorted list, one per apply), outcomes}, ``concurrent`` {n, requests, p50_ms, p95_ms, max_ms,
        wall_s, errors, refused, applied, server_median_ms, queries, outcomes}, ``duplicates``
        (applicants with more than one open application, or None), ``open_applications``
    """
    needed = warmup + sequential + concurrency
    if len(logins_password_position) < needed:
        raise ValueError(
            f"{needed} applicants needed (warm-up, one at a time, at once), got {len(logins_password_position)}"
        )
    run = f"{os.getpid()}-{int(time.time())}"
    applicants = [Applicant(base_url, *entry) for entry in logins_password_position[:needed]]
    log(f"signing in {needed} applicants")
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(Applicant.sign_in, applicants))

    for index, applicant in enumerate(applicants[:warmup]):
        applicant.apply(f"{run}-warm-{index}")
    log(f"{sequential} applies one at a time")
    seq_tags, seq_outcomes, seq_client = [], [], []
    for index, applicant in enumerate(applicants[warmup : warmup + sequential]):
        tag = f"{run}-seq-{index}"
        outcome, elapsed = applicant.apply(tag)
        seq_tags.append((applicant, tag))
        seq_outcomes.append(outcome)
        seq_client.append(elapsed)

    crowd = applicants[warmup + sequential :]
    jobs = [(applicant, f"{run}-at-once-{index}") for index, applicant in enumerate(crowd)]
    jobs += [(applicant, f"{run}-twice-{index}") for index, applicant in enumerate(crowd[:double_clicks])]
    log(f"{len(crowd)} applicants at once ({len(jobs)} requests: {min(double_clicks, len(crowd))} double clicks)")
    barrier = threading.Barrier(len(jobs))

    def at_once(job):
        barrier.wait()
        return job[0].apply(job[1])

    started = time.perf_counter()
    with ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(at_once, jobs))
    wall = time.perf_counter() - started
    times = [elapsed for _outcome, elapsed in results]
    outcomes = [outcome for outcome, _elapsed in results]

    time.sleep(1)  # the workers' last access-log lines reach the file
    logged = _access_log(access_log) if access_log else {}

    def server_stats(tagged):
        entries = [
            logged[key]
            for key in (f"/internships/positions/{a.position_id}/apply?bench={tag}" for a, tag in tagged)
            if key in logged
        ]
        return [entry[2] for entry in entries], sorted(entry[1] for entry in entries)

    seq_server, seq_queries = server_stats(seq_tags)
    crowd_server, crowd_queries = server_stats(jobs)
    duplicates, open_count = _duplicates(db) if db else (None, None)

    def median(values):
        return statistics.median(values) if values else None

    return {
        "sequential": {
            "n": sequential,
            "server_median_ms": median(seq_server),
            "server_p95_ms": percentile(seq_server, 0.95) if seq_server else None,
            "client_median_ms": median(seq_client),
            "queries": seq_queries,
            "outcomes": {o: seq_outcomes.count(o) for o in sorted(set(seq_outcomes))},
        },
        "concurrent": {
            "n": len(crowd),
            "requests": len(jobs),
            "p50_ms": median(times),
            "p95_ms": percentile(times, 0.95),
            "max_ms": max(times),
            "wall_s": wall,
            "applied": outcomes.count("applied"),
            "refused": outcomes.count("refused"),
            "errors": sum(1 for o in outcomes if o.startswith("error")),
            "server_median_ms": median(crowd_server),
            "queries": crowd_queries,
            "outcomes": {o: outcomes.count(o) for o in sorted(set(outcomes))},
        },
        "duplicates": duplicates,
        "open_applications": open_count,
    }


def _span(values):
    if not values:
        return "?"
    return (
        str(values[0])
        if values[0] == values[-1]
        else f"{values[0]}–{values[-1]} (median {statistics.median(values):g})"
    )


def _ms(value):
    return "?" if value is None else f"{value:.1f}"


def print_report(result):
    seq, crowd = result["sequential"], result["concurrent"]
    print()
    print(f"One apply at a time ({seq['n']} applicants, warm server):")
    print(
        f"  server time (SQL + Python, access log): median {_ms(seq['server_median_ms'])} ms, "
        f"p95 {_ms(seq['server_p95_ms'])} ms; client median {_ms(seq['client_median_ms'])} ms"
    )
    print(f"  SQL queries per apply: {_span(seq['queries'])}")
    print(f"  outcomes: {seq['outcomes']}")
    print(f"{crowd['n']} applicants at once ({crowd['requests']} requests, the extra ones double clicks):")
    print(
        f"  wait (client): p50 {_ms(crowd['p50_ms'])} ms, p95 {_ms(crowd['p95_ms'])} ms, "
        f"max {_ms(crowd['max_ms'])} ms; all answered in {crowd['wall_s']:.2f} s"
    )
    print(
        f"  applied {crowd['applied']}, refused {crowd['refused']}, errors {crowd['errors']}; "
        f"server median {_ms(crowd['server_median_ms'])} ms, SQL {_span(crowd['queries'])}"
    )
    if crowd["errors"]:
        print(f"  outcomes: {crowd['outcomes']}")
    if result["duplicates"] is not None:
        print(
            f"duplicate open applications (applicants with more than one): {result['duplicates']} "
            f"(open applications in the database: {result['open_applications']})"
        )
    print()


# ---------------------------------------------------------------------- alone: a throwaway database
def seed_applicants(conf, db, count, password):
    """``count`` portal users with complete applicant profiles (real-name data, the three answers,
    the declaration), through the ORM; returns their logins. One password hash, copied to all."""
    import odoo
    from odoo import Command
    from odoo.modules.registry import Registry

    from odoo.addons.jianxi_internship.rules import identity

    del conf  # the configuration is parsed once per process, by seed_units (called first)
    context = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "mail_create_nosubscribe": True,
        "no_reset_password": True,
    }
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)
        counties = env["jianxi.region"].search([("level", "=", "county")])
        bachelor = env.ref("jianxi_internship.education_level_bachelor")
        portal = env.ref("base.group_portal")
        surnames, given = "王李张刘陈杨黄赵吴周", "伟芳娜敏静丽强磊洋艳"
        logins = [f"applicant{index:05d}@bench.example.com" for index in range(count)]
        users = env["res.users"].create(
            [
                {
                    "name": f"{surnames[index % 10]}{given[(index // 10) % 10]}{index:03d}",
                    "login": login,
                    "email": login,
                    "lang": "zh_CN",
                    "groups_id": [Command.set(portal.ids)],
                }
                for index, login in enumerate(logins)
            ]
        )
        # A contact per unit (a portal user of its company, in Chinese, with an e-mail): the unit's
        # contacts follow its internships and are mailed each new application.
        units = env["jianxi.unit"].search([])
        units.partner_id.lang = "zh_CN"
        contacts = env["res.users"].create(
            [
                {
                    "name": f"{unit.name}人事",
                    "login": f"hr{unit.id:04d}@bench.example.com",
                    "email": f"hr{unit.id:04d}@bench.example.com",
                    "lang": "zh_CN",
                    "groups_id": [Command.set(portal.ids)],
                }
                for unit in units
            ]
        )
        for unit, contact in zip(units, contacts, strict=True):
            contact.partner_id.parent_id = unit.partner_id
        users[0].password = password  # one hash (slow on purpose), the same for all
        env.flush_all()
        cr.execute(
            "UPDATE res_users SET password = (SELECT password FROM res_users WHERE id = %s) WHERE id IN %s",
            (users[0].id, tuple(users.ids)),
        )
        values = []
        for index, user in enumerate(users):
            county = counties[index % len(counties)]
            birth = date(2000 + index % 4, 1 + index % 12, 1 + index % 28)
            first17 = f"{county.code}{birth:%Y%m%d}{index % 1000:03d}"
            values.append(
                {
                    "name": user.name,
                    "partner_id": user.partner_id.id,
                    "id_number": first17 + identity.resident_id_check_character(first17),
                    "category": "college",
                    "education_level_id": bachelor.id,
                    "school": "贵州大学",
                    "major": "计算机科学与技术",
                    "diploma_date": "2024-07-01",
                    "diploma_registration_date": "2024-07-15",
                    "household_region_id": county.id,
                    "is_student": "no",
                    "is_employed": "no",
                    "has_business_licence": "no",
                    "declared_at": "2024-08-01 00:00:00",
                }
            )
        env["jianxi.applicant"].create(values)
        cr.commit()
    odoo.sql_db.close_all()
    return logins


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--concurrency", type=int, default=50, help="applicants applying at once (default 50)")
    parser.add_argument("--sequential", type=int, default=20, help="applies one at a time (default 20)")
    parser.add_argument(
        "--double-clicks", type=int, default=5, help="of those at once, how many post twice (default 5)"
    )
    parser.add_argument("--workers", type=int, default=2, help="Odoo's HTTP workers (default 2)")
    parser.add_argument("--positions", type=int, default=200, help="published positions (default 200)")
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    if not (
        1 <= args.concurrency <= 500 and 1 <= args.sequential <= 200 and 0 <= args.double_clicks <= args.concurrency
    ):
        parser.error("concurrency 1..500, sequential 1..200, double clicks 0..concurrency")

    venv, conf, _odoo_src = in_virtualenv(__file__)

    started = time.monotonic()
    db = f"jianxi_bench_apply_{os.getpid()}"
    logfile = Path(conf).parent / f"bench-{db}.log"
    server = None
    warmup = 8  # applies one at a time before measuring: enough to reach both workers
    try:
        log(f"installing jianxi_internship without demo data into the throwaway database {db}")
        subprocess.run(["dropdb", "--if-exists", db], check=True)
        install = [
            "-d",
            db,
            "-i",
            "jianxi_internship",
            "--without-demo=all",
            "--load-language=zh_CN",
            "--stop-after-init",
            "--log-level=warn",
        ]
        subprocess.run(odoo_bin_command(venv, conf, *install, f"--logfile={logfile}"), check=True)
        seed_units(conf, db)
        _count, _kw, first_id, last_id = seed_positions(db, 1, args.positions)
        count = warmup + args.sequential + args.concurrency
        logins = seed_applicants(conf, db, count, DEFAULT_PASSWORD)
        positions = list(range(first_id, last_id + 1))
        entries = [(login, DEFAULT_PASSWORD, positions[index % len(positions)]) for index, login in enumerate(logins)]
        log(f"{count} applicants, {len(positions)} positions: starting Odoo with {args.workers} workers")
        server = Server(venv, conf, db, logfile, workers=args.workers)
        server.wait_ready()
        result = measure_apply(
            server.base,
            entries,
            args.concurrency,
            sequential=args.sequential,
            warmup=warmup,
            double_clicks=args.double_clicks,
            access_log=logfile,
            db=db,
        )
        print(f"\nApply (投递), Odoo with {args.workers} workers, loopback, {args.positions} published positions.")
        print_report(result)
        log(f"done in {time.monotonic() - started:.0f}s")
    finally:
        if server:
            server.stop()
        drop_database(conf, db, logfile, keep=args.keep_db)


if __name__ == "__main__":
    main()
