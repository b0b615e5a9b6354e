#!/usr/bin/env python3
"""`make bench`: how fast is the public position board, and does its query count stay flat?

A throwaway database gets the addon (no demo data), then 100, 1,000 and 10,000 published positions
with Chinese titles and job content; 10% of them contain the keyword 电商. One Odoo server
(workers=0, loopback only) answers N sequential requests per kind and size: the first page, a
keyword search, the last page, a detail page, and /web/login (the framework's floor); then, signed
in as an applicant with a complete profile (a college graduate, 本科, 计算机科学与技术), the
matching of issue 17: the recommendations (推荐岗位) of their home /my, and the board's "fits my
profile" filter (/internships?fits=1). Odoo's access log (werkzeug at INFO) gives the SQL query
count of each request. The table shows the median and 95th-percentile wall time seen by the
client, and the query count.

The peer is Odoo's own website_hr_recruitment /jobs page at 10,000 published jobs, measured on
this kind of machine: first page 163 ms (13 queries), keyword search 1,668 ms, detail 47 ms,
/web/login 30 ms. Our targets at 10,000: first page <= 81.5 ms, search <= 166.8 ms; the
recommendations and the fits filter stay within the board's speed: <= 81.5 ms too.

This is a benchmark, not a test: it prints and never fails on a number.

    make bench                                  # sizes 100, 1000, 10000; 30 requests each
    python3 scripts/bench_board.py --sizes 100,1000 --repeat 10
"""

import argparse
import http.cookiejar
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KEYWORD = "电商"
PAGE_SIZE = 20  # JianxiPositionBoard._items_per_page
PEER = {"first page": "163 (13 q)", "search": "1,668", "last page": "—", "detail": "47", "/web/login": "30"}
TARGET = {"first page": 163 / 2, "search": 1668 / 10, "recommendations": 163 / 2, "fits filter": 163 / 2}
# The applicant the matching is measured for: a complete profile, as the profile form records it.
APPLICANT = {"login": "bench.applicant@example.com", "password": "Bench-Applicant-2027", "name": "程见习"}
DEADLINE_SECONDS = 30 * 60  # the whole run, set-up included
LOG_LINE = re.compile(
    r'"(?:GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"(?P<queries>\d+) (?P<query_time>[\d.]+) (?P<other_time>[\d.]+)"
)

# Realistic positions. None of these texts contains the keyword, except the ones marked so.
TITLES = [
    "软件开发见习岗",
    "会计助理",
    "行政文员",
    "市场营销助理",
    "小学教师助理",
    "护理见习岗",
    "机械维修技术员",
    "茶叶加工技术员",
    "数据录入员",
    "UI设计见习生",
    "人力资源助理",
    "酒店前台接待",
    "物流调度员",
    "药房见习岗",
    "农业技术推广员",
    "新媒体编辑",
    "建筑施工员",
    "质量检测员",
    "客户服务专员",
    "出纳见习岗",
]
KEYWORD_TITLES = ["电商运营助理", "农村电商推广员", "电商客服专员", "跨境电商见习生"]
SENTENCES = [
    "在导师指导下参与日常业务工作，学习岗位所需的专业技能。",
    "协助部门整理资料、录入数据并完成各类报表。",
    "参与项目的需求调研、方案设计与实施，按时完成交办任务。",
    "负责客户接待与咨询答复，做好服务记录和回访工作。",
    "学习生产工艺和质量管理流程，参与产品检测与改进。",
    "协助开展宣传推广活动，撰写活动方案与总结材料。",
    "参与设备的日常维护保养，记录运行情况并及时报告问题。",
    "配合财务人员完成凭证整理、账目核对和票据管理。",
]
KEYWORD_SENTENCE = "负责电商平台店铺的日常运营、商品上架与直播带货数据分析。"
MAJORS = [
    "计算机科学与技术、软件工程",
    "会计学、财务管理",
    "市场营销、工商管理",
    "护理学",
    "机械设计制造及其自动化",
    "茶学、食品科学与工程",
    "汉语言文学、新闻学",
    "不限专业",
]
# The entries of MAJORS that mean every major (rules.matching.any_major): the positions store that
# verdict (majors_any), which the ORM computes and this SQL must set itself.
ANY_MAJORS = ["不限专业"]
UNIT_NAMES = [
    "科技有限公司",
    "人民医院",
    "茶业有限公司",
    "建筑工程有限公司",
    "物流有限公司",
    "中心小学",
    "农业发展有限公司",
    "酒店管理有限公司",
    "文化传媒有限公司",
    "社会工作服务中心",
]
UNIT_TYPES = [
    "enterprise",
    "public_institution",
    "enterprise",
    "enterprise",
    "enterprise",
    "public_institution",
    "enterprise",
    "enterprise",
    "enterprise",
    "social_organisation",
]
UNIT_COUNT = 40


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------- set-up through scripts/common.sh
def bash_common(snippet, *args, **popen):
    """Run ``snippet`` in bash after sourcing scripts/common.sh (its setup_all, odoo_bin, ...)."""
    script = f'source "{REPO}/scripts/common.sh"; {snippet}'
    return ["bash", "-c", script, "bench", *args], popen


def setup_all():
    """setup_all of scripts/common.sh; returns its VENV, ODOO_CONF and ODOO_SRC."""
    command, _ = bash_common('setup_all >&2 && printf "%s\\n" "$VENV" "$ODOO_CONF" "$ODOO_SRC"')
    out = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout.split("\n")
    return out[0], out[1], out[2]


def odoo_bin_command(venv, conf, *args):
    """The command line of odoo_bin (scripts/common.sh) with ``args``."""
    command, _ = bash_common('VENV=$1; ODOO_CONF=$2; shift 2; odoo_bin "$@"', venv, conf, *args)
    return command


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def conf_value(conf, key):
    for line in Path(conf).read_text().splitlines():
        name, _, value = line.partition("=")
        if name.strip() == key:
            return value.strip()
    return None


def install(venv, conf, db, logfile, *options):
    """A new database ``db`` with the addon and without demo data (Odoo's log in ``logfile``)."""
    log(f"installing jianxi_internship without demo data into the throwaway database {db}")
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    command = odoo_bin_command(venv, conf, "-d", db, "-i", "jianxi_internship", "--without-demo=all", *options)
    subprocess.run([*command, "--stop-after-init", "--log-level=warn", f"--logfile={logfile}"], check=True)


def in_virtualenv(script):
    """(VENV, ODOO_CONF, ODOO_SRC), once ``script`` runs inside Odoo's virtualenv with ODOO_SRC on
    its path: otherwise run setup_all and start ``script`` again there (never returns)."""
    venv, conf, odoo_src = os.environ.get("VENV"), os.environ.get("ODOO_CONF"), os.environ.get("ODOO_SRC")
    if not (venv and conf and odoo_src and Path(sys.prefix).resolve() == Path(venv).resolve()):
        venv, conf, odoo_src = setup_all()
        log(f"re-running inside the virtualenv {venv}")
        env = dict(os.environ, VENV=venv, ODOO_CONF=conf, ODOO_SRC=odoo_src)
        os.execve(f"{venv}/bin/python", [f"{venv}/bin/python", script, *sys.argv[1:]], env)
    sys.path.insert(0, odoo_src)
    return venv, conf, odoo_src


def drop_database(conf, db, logfile, keep=False):
    """Drop the throwaway database ``db`` and its filestore, unless ``keep``."""
    if keep:
        log(f"kept the database {db}: drop it with `dropdb {db}` (server log: {logfile})")
        return
    subprocess.run(["dropdb", "--if-exists", db], check=False)
    data_dir = conf_value(conf, "data_dir")
    if data_dir:
        shutil.rmtree(Path(data_dir) / "filestore" / db, ignore_errors=True)
    log(f"dropped the database {db} (server log: {logfile})")


# ---------------------------------------------------------------------- seeding
def seed_units(conf, db):
    """Certified units in every county, through the ORM (so their own rules and defaults apply)."""
    # Imported here: only the virtualenv has them, with ODOO_SRC on the path (see main()).
    from stdnum.cn import uscc

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        counties = env["jianxi.region"].search([("level", "=", "county")])
        for index in range(UNIT_COUNT):
            county = counties[index % len(counties)]
            name = f"{county.name}{'东南西北中'[index % 5]}{UNIT_NAMES[index % len(UNIT_NAMES)]}{index:02d}"
            partner = env["res.partner"].create({"name": name, "is_company": True})
            code17 = f"91{county.code}MA6DL{index:04d}"
            unit = env["jianxi.unit"].create(
                {
                    "name": name,
                    "partner_id": partner.id,
                    "region_id": county.id,
                    "unit_type": UNIT_TYPES[index % len(UNIT_TYPES)],
                    "credit_code": code17 + uscc.calc_check_digit(code17),
                    "legal_representative": "王法人",
                    "contact_name": "赵联系",
                    "contact_phone": "0856-1234567",
                    "insured_staff_count": 50,
                }
            )
            unit._jianxi_force_state("certified")
        seed_applicant(env, counties[0])
        cr.commit()
    odoo.sql_db.close_all()


def seed_applicant(env, county):
    """The portal user ``APPLICANT`` with a complete profile (the matching's recommendations and
    the board's fits filter are theirs), living in ``county``."""
    from odoo.addons.jianxi_internship.rules import identity

    user = env["res.users"].create(
        {
            "name": APPLICANT["name"],
            "login": APPLICANT["login"],
            "password": APPLICANT["password"],
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    area = county.code if len(county.code or "") == 6 else "520623"
    first17 = f"{area}20010315123"
    env["jianxi.applicant"].create(
        {
            "name": APPLICANT["name"],
            "partner_id": user.partner_id.id,
            "id_number": first17 + identity.resident_id_check_character(first17),
            "category": "college",
            "education_level_id": env.ref("jianxi_internship.education_level_bachelor").id,
            "school": "贵州大学",
            "major": "计算机科学与技术",
            "diploma_date": "2026-07-01",
            "diploma_registration_date": "2026-07-15",
            "household_region_id": county.id,
            "is_student": "no",
            "is_employed": "no",
            "has_business_licence": "no",
        }
    )


# A generated position's name, content, majors and majors_any, as SQL over generate_series' ``g``
# (one in twenty titled with the keyword, one in twenty with it in the text), with its parameters:
# the board's positions here and the province's in bench_scale.py read alike.
POSITION_TEXT_SQL = """
                   CASE WHEN g %% 20 = 0 THEN (%(kw_titles)s)[1 + (g / 20) %% cardinality(%(kw_titles)s)]
                        ELSE (%(titles)s)[1 + (g * 7) %% cardinality(%(titles)s)] END,
                   (%(sentences)s)[1 + g %% cardinality(%(sentences)s)]
                     || (%(sentences)s)[1 + (g / 3) %% cardinality(%(sentences)s)]
                     || CASE WHEN g %% 20 = 10 THEN %(kw_sentence)s ELSE '' END
                     || (%(sentences)s)[1 + (g / 7) %% cardinality(%(sentences)s)],
                   (%(majors)s)[1 + (g / 2) %% cardinality(%(majors)s)],
                   (%(majors)s)[1 + (g / 2) %% cardinality(%(majors)s)] = ANY(%(any_majors)s),
"""
POSITION_TEXT_PARAMS = {
    "titles": TITLES,
    "kw_titles": KEYWORD_TITLES,
    "sentences": SENTENCES,
    "kw_sentence": KEYWORD_SENTENCE,
    "majors": MAJORS,
    "any_majors": ANY_MAJORS,
}


def seed_positions(db, first, last):
    """Published positions ``first``..``last`` (1-based), by one INSERT ... SELECT generate_series."""
    import psycopg2

    with psycopg2.connect(dbname=db) as conn, conn.cursor() as cr:
        cr.execute(
            """
            WITH units AS (SELECT id, region_id, unit_type, row_number() OVER (ORDER BY id) - 1 AS k FROM jianxi_unit),
                 levels AS (SELECT array_agg(id ORDER BY sequence) AS ids FROM jianxi_education_level),
                 cny AS (SELECT id FROM res_currency WHERE name = 'CNY')
            INSERT INTO jianxi_position (
                unit_id, region_id, unit_type, education_level_id, headcount, filled_count, remaining_count,
                duration_months, currency_id, allowance,
                name, content, majors, majors_any, accepts_college, accepts_vocational, accepts_unemployed,
                state, planned_start_date, deadline, published_date, active,
                create_uid, write_uid, create_date, write_date)
            SELECT u.id, u.region_id, u.unit_type, levels.ids[1 + g %% cardinality(levels.ids)], 1 + g %% 5,
                   0, 1 + g %% 5, 3 + g %% 10, cny.id, 1800 + (g %% 9) * 100,
                   """
            + POSITION_TEXT_SQL
            + """
                   true, g %% 3 <> 0, g %% 4 <> 0, 'published',
                   current_date + 30, current_date + 60 + g %% 200, current_date - g %% 90, true,
                   1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
            FROM generate_series(%(first)s, %(last)s) AS g
            JOIN units u ON u.k = g %% (SELECT count(*) FROM units)
            CROSS JOIN levels CROSS JOIN cny
        """,
            {
                "first": first,
                "last": last,
                **POSITION_TEXT_PARAMS,
            },
        )
        cr.execute("ANALYZE")  # as autovacuum would, in time
        cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE name || content || coalesce(majors, '') LIKE %s), "
            "min(id), max(id) FROM jianxi_position",
            (f"%{KEYWORD}%",),
        )
        return cr.fetchone()


# ---------------------------------------------------------------------- measuring
class Server:
    """One Odoo server on a free loopback port, without cron threads, its log (werkzeug at INFO,
    each request's queries) in ``logfile``. ``workers=0`` is the threaded server; ``workers=N``
    the prefork one, as deployed. ``options`` add to or override the defaults."""

    def __init__(self, venv, conf, db, logfile, *options, workers=0, mode="w"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logfile = logfile
        self.log_handle = open(logfile, mode)  # closed in stop()
        command = odoo_bin_command(
            venv,
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={self.port}",
            f"--workers={workers}",
            "--max-cron-threads=0",
            "--log-handler=werkzeug:INFO",
            *([f"--gevent-port={free_port()}"] if workers else []),
            *options,
        )
        self.process = subprocess.Popen(
            command, stdout=self.log_handle, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout=120):
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Odoo server stopped (see {self.logfile})")
            try:
                urllib.request.urlopen(f"{self.base}/web/login", timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError(f"the Odoo server did not answer in {timeout}s (see {self.logfile})")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)  # the process group this script started, and only it
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        self.log_handle.close()

    def sign_in(self, login, password):
        """Sign in on /web/login as a browser does; ``get(..., signed_in=True)`` then sends the
        session's cookie."""
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with self.opener.open(f"{self.base}/web/login", timeout=60) as response:
            token = re.search(r'name="csrf_token" value="([^"]+)"', response.read().decode())[1]
        form = {"login": login, "password": password, "csrf_token": token, "redirect": "/my"}
        with self.opener.open(f"{self.base}/web/login", urllib.parse.urlencode(form).encode(), timeout=60) as response:
            if not response.url.split("?")[0].endswith("/my"):
                raise RuntimeError(f"signing in as {login} failed: landed on {response.url}")

    def get(self, path, signed_in=False):
        """GET ``path``, as the visitor or (``signed_in``) as the user of ``sign_in``; returns
        (status, body, client milliseconds)."""
        started = time.perf_counter()
        try:
            with (self.opener.open if signed_in else urllib.request.urlopen)(self.base + path, timeout=60) as response:
                body, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        return status, body.decode("utf-8", "replace"), (time.perf_counter() - started) * 1000

    def access_log(self):
        """{tagged path: (status, queries, server ms)} from Odoo's werkzeug access log."""
        stats = {}
        for match in LOG_LINE.finditer(Path(self.logfile).read_text("utf-8", "replace")):
            server_ms = (float(match["query_time"]) + float(match["other_time"])) * 1000
            # werkzeug logs the path percent-decoded
            stats[match["path"]] = (int(match["status"]), int(match["queries"]), server_ms)
        return stats


def tagged(path, tag):
    return f"{path}{'&' if '?' in path else '?'}bench={tag}"


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(server, size, repeat, position_ids):
    search = "/internships?search=" + urllib.parse.quote(KEYWORD)
    status, body, _ = server.get(f"/internships?bench=probe{size}")
    total = int(re.search(r"Positions open for applications: (\d+)", body)[1])
    status, body, _ = server.get(f"{search}&bench=probe{size}")
    matches = int(re.search(r"Positions open for applications: (\d+)", body)[1])
    status, body, _ = server.get(f"/my?bench=probe{size}", signed_in=True)
    recommended = body.count('o_jianxi_recommendation"')
    status, body, _ = server.get(f"/internships?fits=1&bench=probe{size}", signed_in=True)
    fitting = int(re.search(r"Positions open for applications: (\d+)", body)[1])
    kinds = {
        "first page": ("/internships", False),
        "search": (search, False),
        "last page": (f"/internships/page/{math.ceil(total / PAGE_SIZE)}", False),
        "detail": (f"/internships/positions/{position_ids[len(position_ids) // 2]}", False),
        "/web/login": ("/web/login", False),
        # signed in as APPLICANT: the matching (rules/matching.py)
        "recommendations": ("/my", True),
        "fits filter": ("/internships?fits=1", True),
    }
    for path, signed_in in kinds.values():  # warm the server (templates, assets, caches) for this size
        for index in range(5):
            server.get(tagged(path, f"warm-{size}-{index}"), signed_in=signed_in)
    results = {}
    for number, (kind, (path, signed_in)) in enumerate(kinds.items()):
        client_ms, tags = [], []
        for index in range(repeat):
            tag = f"{size}-{number}-{index}"
            status, body, elapsed = server.get(tagged(path, tag), signed_in=signed_in)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            client_ms.append(elapsed)
            tags.append(tagged(path, tag))
        results[kind] = (path, client_ms, tags)
    time.sleep(0.5)  # let the last access-log lines reach the file
    access = server.access_log()
    rows = []
    for kind, (path, client_ms, tags) in results.items():
        logged = [access[key] for key in map(urllib.parse.unquote, tags) if key in access]
        queries = sorted({entry[1] for entry in logged})
        server_ms = [entry[2] for entry in logged]
        rows.append(
            {
                "size": size,
                "kind": kind,
                "path": path,
                "median": statistics.median(client_ms),
                "p95": percentile(client_ms, 0.95),
                "server_median": statistics.median(server_ms) if server_ms else float("nan"),
                "queries": "–".join(str(q) for q in (queries[0], queries[-1]) if queries)
                if len(queries) > 1
                else (str(queries[0]) if queries else "?"),
            }
        )
    return rows, total, matches, recommended, fitting


def print_table(rows, repeat):
    print()
    print(f"Public position board, {repeat} sequential requests per row, warm server, workers=0, loopback.")
    print("ms = wall time seen by the client (median, p95); server = Odoo's own time (SQL + Python), median;")
    print("SQL = queries per request from Odoo's access log (a range if they varied).")
    print("recommendations (/my), fits filter (/internships?fits=1): signed in, an applicant with a complete profile.")
    print()
    header = ("positions", "request", "median ms", "p95 ms", "server ms", "SQL", "peer /jobs @10k (ms)")
    lines = [header] + [
        (
            f"{row['size']:,}",
            row["kind"],
            f"{row['median']:.1f}",
            f"{row['p95']:.1f}",
            f"{row['server_median']:.1f}",
            row["queries"],
            PEER.get(row["kind"], "—") if row["size"] == 10000 else "",
        )
        for row in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    print("| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(header)) + " |")
    print("| " + " | ".join("-" * widths[i] for i in range(len(header))) + " |")
    for line in lines[1:]:
        print("| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(line)) + " |")
    print()
    largest = max(row["size"] for row in rows)
    for kind, target in TARGET.items():
        row = next((r for r in rows if r["size"] == largest and r["kind"] == kind), None)
        if row:
            verdict = "within" if row["median"] <= target else "OVER"
            print(f"{kind} at {largest:,}: median {row['median']:.1f} ms, target <= {target:.1f} ms: {verdict}")
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row["kind"], set()).add(row["queries"])
    flat = all(len(counts) == 1 for counts in by_kind.values())
    print("query count per request kind across sizes: " + ("flat" if flat else f"NOT flat: {by_kind}"))


# ---------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated position counts, increasing")
    parser.add_argument("--repeat", type=int, default=30, help="requests per kind and size")
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end (to EXPLAIN queries)")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    if not sizes or sizes[0] < PAGE_SIZE or sizes[-1] > 100000 or not 1 <= args.repeat <= 200:
        parser.error(f"sizes between {PAGE_SIZE} and 100000, repeat between 1 and 200")

    venv, conf, odoo_src = in_virtualenv(__file__)

    started = time.monotonic()
    db = f"jianxi_bench_{os.getpid()}"
    logfile = Path(conf).parent / f"bench-{db}.log"
    server = None
    try:
        install(venv, conf, db, logfile)
        seed_units(conf, db)
        server = Server(venv, conf, db, logfile)
        server.wait_ready()
        server.sign_in(APPLICANT["login"], APPLICANT["password"])
        rows, seeded = [], 0
        for size in sizes:
            if time.monotonic() - started > DEADLINE_SECONDS:
                raise RuntimeError(f"over the time limit of {DEADLINE_SECONDS}s: stopped before size {size}")
            count, with_keyword, first_id, last_id = seed_positions(db, seeded + 1, size)
            seeded = size
            log(f"{count:,} published positions, {with_keyword:,} with {KEYWORD}: measuring")
            size_rows, total, matches, recommended, fitting = measure(
                server, size, args.repeat, list(range(first_id, last_id + 1))
            )
            log(f"the board lists {total:,}; the search for {KEYWORD} finds {matches:,}")
            log(f"the applicant is recommended {recommended} positions; {fitting:,} fit their profile")
            rows += size_rows
        print_table(rows, args.repeat)
        log(f"done in {time.monotonic() - started:.0f}s")
    finally:
        if server:
            server.stop()
        drop_database(conf, db, logfile, keep=args.keep_db)


if __name__ == "__main__":
    main()
