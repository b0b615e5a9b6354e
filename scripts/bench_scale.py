#!/usr/bin/env python3
"""`make bench-scale`: a province's data, and how fast every page, job and step is on it.

A throwaway database gets the addon (no demo data), then, mostly through SQL as `make bench` does:

- the 88 county-level regions of Guizhou with their real codes, under their 9 cities, read from
  python-stdnum's ``cn/loc.dat`` (its historic codes left out: see ``guizhou_regions``);
- 2,000 certified units and 100,000 positions over five years (the last half year's published);
- 400,000 applicants with their partners and valid ID numbers;
- 1,000,000 internship records over five years in every state, within the addon's own rules:
  one "main" record per person, which may be past approval, and 1.5 more per person on average,
  all withdrawn, declined, released or rejected (the two partial unique indexes hold);
- for the ended internships, paid, approved and submitted claims with their lines, per unit and year;
- one unit (the first) with 1,000 interns: 400 on duty and 600 ended this year, not yet claimed.

Then one Odoo server as deployed (workers=2, no cron thread, loopback) answers, warm, N requests of
each kind: the public board, the unit's /my pages (as that unit's contact), and for an officer of
the unit's county and a manager every menu of the app (list or dashboard, as the web client loads it
with the action's default filters) and the form of the list's first record. Odoo's access log gives
each request's server time and SQL query count. In this process, through the ORM: each daily cron
over the whole data set, generating a claim for the unit with 1,000 interns (rolled back, so
repeated), and the statistics table of this year (就业见习情况统计表) for the whole province as a
manager and for his county as the officer. Last, applies: one at a time, and 50 applicants at once
(scripts/bench_apply.py).

This is a benchmark, not a test: it prints one table and never fails on a number. Targets (issue
15): every page <= 300 ms server time; each cron <= 60 s; the claim <= 2 s; the statistics <= 2 s;
one apply <= 40 queries and <= 60 ms median; 50 applies at once p95 <= 2 s, 0 errors, 0 duplicates;
the board's first page within 2x /web/login.

    make bench-scale                              # the province: about 25-45 minutes on 2 cores
    python3 scripts/bench_scale.py --scale 0.01   # 1% of it, to try the harness (3-5 minutes)
    python3 scripts/bench_scale.py --keep-db      # keep the database to EXPLAIN queries after
"""

import argparse
import datetime
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_board

KEYWORD = bench_board.KEYWORD
DEADLINE_SECONDS = 60 * 60
TODAY = datetime.date.today()
# The province at scale 1 (issue 15).
FULL = {"units": 2000, "positions": 100_000, "applicants": 400_000, "internships": 1_000_000}
BIG_UNIT_INTERNS = 1000  # the unit whose /my pages and claim are measured
TARGET_PAGE_MS = 300
TARGET_CRON_S = 60
TARGET_CLAIM_S = 2
TARGET_STATISTICS_S = 2  # the province's table, 88 counties: as long as a claim may take
log = bench_board.log
# The server in the deployed shape (scripts/serve.sh): two workers; limits that a warm-up of a
# million rows does not hit.
DEPLOYED = (
    "--limit-time-real=600",
    "--limit-time-cpu=600",
    "--limit-memory-soft=4294967296",
    "--limit-memory-hard=6442450944",
)


# ---------------------------------------------------------------------- regions
def guizhou_regions():
    """[(city code, city name, [(county code, county name)])] of Guizhou, from stdnum's cn/loc.dat.

    loc.dat keeps every code ever used. Left out: the 市辖区 placeholders, the prefectures
    renamed into cities (铜仁地区, 毕节地区: their counties are listed again under 铜仁市 and
    毕节市), and 小河区, merged into 花溪区 in 2012. What remains is the province's 88
    county-level regions under its 9 cities (6 市, 3 自治州).
    """
    import stdnum.cn

    path = Path(stdnum.cn.__file__).parent / "loc.dat"
    cities = {}
    for line in path.read_text("utf-8").splitlines():
        match = re.match(r'(52\d{4}) county="([^"]+)" prefecture="([^"]+)"', line)
        if not match:
            continue
        code, county, prefecture = match.groups()
        if county == "市辖区" or prefecture.endswith("地区") or county == "小河区":
            continue
        city = cities.setdefault(code[:4] + "00", (prefecture, []))
        city[1].append((code, county))
    return [(code, name, counties) for code, (name, counties) in sorted(cities.items())]


# ---------------------------------------------------------------------- generation
def sql(cr, query, params=None):
    """``cr.execute`` that always formats the query: ``%%`` is then ``%`` everywhere."""
    cr.execute(query, params or {"_": None})


class Generator:
    """Fills the throwaway database: the ORM for the few records whose rules matter (regions, the
    users who measure), SQL for the many."""

    def __init__(self, conf, db, scale):
        self.conf, self.db, self.scale = conf, db, scale
        self.sizes = {name: max(1, int(round(count * scale))) for name, count in FULL.items()}
        self.sizes["units"] = max(self.sizes["units"], 20)
        self.sizes["applicants"] = max(self.sizes["applicants"], BIG_UNIT_INTERNS * 2)
        self.sizes["internships"] = max(self.sizes["internships"], int(self.sizes["applicants"] * 2.5))
        self.sizes["positions"] = max(self.sizes["positions"], 500)
        self.counts = {}

    def run(self):
        import odoo
        from odoo.modules.registry import Registry

        odoo.tools.config.parse_config(["-c", self.conf, "-d", self.db, "--log-level=warn"])
        registry = Registry(self.db)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
            for step in (
                self.regions,
                self.minimum_wages,
                self.units,
                self.positions,
                self.applicants,
                self.internships,
                self.seats,
                self.claims,
                self.users,
            ):
                started = time.monotonic()
                step(env)
                env.cr.commit()
                env.invalidate_all()
                log(f"  {step.__name__}: {time.monotonic() - started:.0f}s")
            # the dashboards' materialized views, as their hourly jobs would have refreshed them
            started = time.monotonic()
            cr.execute("SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema()")
            for (view,) in cr.fetchall():
                cr.execute(f'REFRESH MATERIALIZED VIEW "{view}"')
            cr.commit()
            log(f"  materialized views: {time.monotonic() - started:.0f}s")
            started = time.monotonic()
        with registry.cursor() as cr:
            cr._cnx.autocommit = True  # VACUUM cannot run in a transaction
            sql(cr, "VACUUM ANALYZE")
            log(f"  vacuum analyze: {time.monotonic() - started:.0f}s")
        return self.counts

    # -- the province
    def regions(self, env):
        Region = env["jianxi.region"]
        province = env.ref("jianxi_internship.region_guizhou")
        existing = {region.code: region for region in Region.with_context(active_test=False).search([])}
        counties = 0
        for city_code, city_name, county_list in guizhou_regions():
            city = existing.get(city_code) or Region.create(
                {"name": city_name, "code": city_code, "level": "city", "parent_id": province.id}
            )
            for code, name in county_list:
                if code not in existing:
                    Region.create({"name": name, "code": code, "level": "county", "parent_id": city.id})
                counties += 1
        self.counts["cities"] = Region.search_count([("level", "=", "city")])
        self.counts["counties"] = Region.search_count([("level", "=", "county")])
        assert counties == self.counts["counties"], "every county of loc.dat is a region"

    def minimum_wages(self, env):
        """The province's minimum wage, so claims can be computed (labelled: bench figures)."""
        province = env.ref("jianxi_internship.region_guizhou")
        for date_from, amount in (("2019-12-01", 1570), ("2023-01-01", 1660)):
            env["jianxi.minimum.wage"].create(
                {
                    "region_id": province.id,
                    "tier": "三类",
                    "date_from": date_from,
                    "amount": amount,
                    "is_demo": True,
                    "note": "bench",
                }
            )

    def units(self, env):
        from stdnum.cn import uscc

        cr = env.cr
        sql(cr, "SELECT id, code FROM jianxi_region WHERE level = 'county' ORDER BY code")
        counties = cr.fetchall()
        rows = []
        for index in range(self.sizes["units"]):
            region_id, code = counties[index % len(counties)]
            name = f"{'东南西北中'[index % 5]}{bench_board.UNIT_NAMES[index % len(bench_board.UNIT_NAMES)]}{index:04d}"
            first17 = f"91{code}MA6DL{index:04d}"
            rows.append(
                (
                    name,
                    region_id,
                    bench_board.UNIT_TYPES[index % len(bench_board.UNIT_TYPES)],
                    first17 + uscc.calc_check_digit(first17),
                )
            )
        sql(
            cr,
            """
            CREATE TEMP TABLE bench_unit_rows
                (k int, name varchar, region_id int, unit_type varchar, credit_code varchar)
            """,
        )
        sql(
            cr,
            "INSERT INTO bench_unit_rows SELECT k - 1, r.name, r.region_id, r.unit_type, r.credit_code "
            "FROM unnest(%s::varchar[], %s::int[], %s::varchar[], %s::varchar[]) WITH ORDINALITY "
            "AS r(name, region_id, unit_type, credit_code, k)",
            [list(column) for column in zip(*rows, strict=True)],
        )
        sql(
            cr,
            """
            WITH partners AS (
                INSERT INTO res_partner (name, complete_name, is_company, active, type, lang, company_id,
                                         create_uid, write_uid, create_date, write_date, ref)
                SELECT name, name, true, true, 'contact', 'zh_CN', NULL, 1, 1, now(), now(), 'bench-unit-' || k
                FROM bench_unit_rows ORDER BY k RETURNING id, ref
            )
            INSERT INTO jianxi_unit (name, partner_id, region_id, unit_type, credit_code, state, certified_date,
                                     legal_representative, contact_name, contact_phone, insured_staff_count,
                                     active, create_uid, write_uid, create_date, write_date)
            SELECT r.name, p.id, r.region_id, r.unit_type, r.credit_code, 'certified', current_date - 1500 + r.k %% 700,
                   '王法人', '赵联系', '0856-1234567', 100 + r.k %% 400, true, 1, 1, now(), now()
            FROM bench_unit_rows r JOIN partners p ON p.ref = 'bench-unit-' || r.k
            """,
        )
        sql(cr, "UPDATE res_partner SET commercial_partner_id = id WHERE ref LIKE 'bench-unit-%%'")
        sql(cr, "SELECT count(*) FROM jianxi_unit")
        self.counts["units"] = cr.fetchone()[0]

    def positions(self, env):
        """Positions over five years, oldest first (their ids follow their publication date): the
        last half year's are published, the older closed; one in twenty is a draft, submitted or
        rejected. One in twenty has the keyword."""
        count = self.sizes["positions"]
        sql(
            env.cr,
            """
            WITH units AS (SELECT id, region_id, unit_type, industry_id, row_number() OVER (ORDER BY id) - 1 AS k
                             FROM jianxi_unit),
                 levels AS (SELECT array_agg(id ORDER BY sequence) AS ids FROM jianxi_education_level),
                 cny AS (SELECT id FROM res_currency WHERE name = 'CNY'),
                 slots AS (SELECT g, current_date - 1825 + (g::bigint * 1825 / %(count)s)::int AS published
                             FROM generate_series(0, %(count)s - 1) AS g)
            INSERT INTO jianxi_position (
                unit_id, region_id, unit_type, industry_id, education_level_id, headcount, duration_months,
                currency_id, allowance, name, content, majors, majors_any, state, planned_start_date, deadline,
                published_date, active, create_uid, write_uid, create_date, write_date)
            SELECT u.id, u.region_id, u.unit_type, u.industry_id, levels.ids[1 + g %% cardinality(levels.ids)],
                   8 + g %% 8, 3 + g %% 10, cny.id, 1800 + (g %% 9) * 100,
                   """
            + bench_board.POSITION_TEXT_SQL
            + """
                   CASE WHEN g %% 20 = 7 THEN (ARRAY['draft', 'submitted', 'rejected'])[1 + (g / 20) %% 3]
                        WHEN published >= current_date - 180 THEN 'published'
                        ELSE 'closed' END,
                   published + 30, published + 200, published, true,
                   1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
            FROM slots JOIN units u ON u.k = g %% (SELECT count(*) FROM units)
            CROSS JOIN levels CROSS JOIN cny ORDER BY g
            """,
            {
                "count": count,
                **bench_board.POSITION_TEXT_PARAMS,
            },
        )
        sql(env.cr, "SELECT state, count(*) FROM jianxi_position GROUP BY state")
        self.counts["positions"] = dict(env.cr.fetchall())

    def applicants(self, env):
        """Applicants with their partners: valid, unique ID numbers (born 1998-2006 in the
        province's counties), every category, verified, who declared their data."""
        from stdnum.cn import ric

        cr = env.cr
        count = self.sizes["applicants"]
        sql(
            cr,
            "SELECT array_agg(id ORDER BY code), array_agg(code ORDER BY code) "
            "FROM jianxi_region WHERE level = 'county'",
        )
        region_ids, codes = cr.fetchone()
        id_numbers, births, households = [], [], []
        for index in range(count):
            county = index % len(codes)
            born = datetime.date(1998, 1, 1) + datetime.timedelta(days=(index * 37) % 3280)
            sequence = f"{(index // len(codes)) % 1000:03d}"
            first17 = f"{codes[county]}{born:%Y%m%d}{sequence}"
            id_numbers.append(first17 + ric.calc_check_digit(first17))
            births.append(born)
            households.append(region_ids[county])
        assert len(set(id_numbers)) == count, "unique ID numbers"
        sql(
            cr,
            "CREATE TEMP TABLE bench_applicant_rows AS "
            "SELECT k::int, id_number::varchar, birth::date, household::int "
            "FROM unnest(%s::varchar[], %s::date[], %s::int[]) WITH ORDINALITY AS r(id_number, birth, household, k)",
            (id_numbers, births, households),
        )
        sql(
            cr,
            """
            WITH partners AS (
                INSERT INTO res_partner (name, complete_name, is_company, active, type, lang,
                                         create_uid, write_uid, create_date, write_date, ref)
                SELECT n, n, false, true, 'contact', 'zh_CN', 1, 1, now(), now(), 'bench-applicant-' || k
                FROM (SELECT k, (%(family)s)[1 + k %% cardinality(%(family)s)]
                                || (%(given)s)[1 + (k / 7) %% cardinality(%(given)s)] AS n
                        FROM bench_applicant_rows) names
                ORDER BY k RETURNING id, ref, name
            ),
            levels AS (SELECT array_agg(id ORDER BY sequence) AS ids FROM jianxi_education_level)
            INSERT INTO jianxi_applicant (
                name, partner_id, id_number, gender, birth_date, household_region_id, category, education_level_id,
                school, major, diploma_date, diploma_registration_date, unemployment_office,
                unemployment_registration_date, is_student, is_employed, has_business_licence, declared_at,
                verification_state, verified_date, verified_by_id, active, create_uid, write_uid, create_date,
                write_date)
            SELECT p.name, p.id, r.id_number,
                   CASE WHEN substr(r.id_number, 17, 1)::int %% 2 = 1 THEN 'male' ELSE 'female' END,
                   r.birth, r.household, c.category,
                   CASE c.category WHEN 'vocational' THEN levels.ids[1]
                                   ELSE levels.ids[2 + r.k %% 3] END,
                   CASE c.category WHEN 'vocational' THEN '贵州省电子信息职业技术学校' ELSE '贵州大学' END,
                   (%(majors)s)[1 + r.k %% cardinality(%(majors)s)],
                   make_date(extract(year FROM r.birth)::int + 22, 7, 1),
                   make_date(extract(year FROM r.birth)::int + 22, 7, 15),
                   CASE c.category WHEN 'unemployed' THEN '石阡县就业局' END,
                   CASE c.category WHEN 'unemployed' THEN make_date(extract(year FROM r.birth)::int + 21, 3, 1) END,
                   'no', 'no', 'no', now() - interval '1 year',
                   CASE WHEN r.k %% 10 = 0 THEN 'unverified' ELSE 'verified' END,
                   CASE WHEN r.k %% 10 = 0 THEN NULL ELSE now() - interval '1 year' END,
                   CASE WHEN r.k %% 10 = 0 THEN NULL ELSE 1 END,
                   true, 1, 1, now(), now()
            FROM bench_applicant_rows r JOIN partners p ON p.ref = 'bench-applicant-' || r.k
            CROSS JOIN levels
            CROSS JOIN LATERAL (SELECT (ARRAY['college', 'college', 'college', 'vocational', 'unemployed'])
                                       [1 + r.k %% 5] AS category) c
            """,
            {
                "family": list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"),
                "given": ["小红", "明", "芳", "伟", "静", "磊", "丽", "强", "敏", "杰", "婷", "勇"],
                "majors": [
                    "计算机科学与技术",
                    "会计学",
                    "市场营销",
                    "护理学",
                    "机械设计制造及其自动化",
                    "茶学",
                    "汉语言文学",
                ],
            },
        )
        sql(cr, "UPDATE res_partner SET commercial_partner_id = id WHERE ref LIKE 'bench-applicant-%%'")
        sql(cr, "SELECT verification_state, count(*) FROM jianxi_applicant GROUP BY 1")
        self.counts["applicants"] = dict(cr.fetchall())

    def internships(self, env):
        """One main record per applicant, placed in time (and so at a position of that time) by a
        hash of the applicant; its state follows from its dates and the hash. Then the extra
        records, all closed before the main one. The first unit's latest ten positions take the
        first 1,000 applicants: 400 on duty, 600 ended this year."""
        cr = env.cr
        applicants = self.sizes["applicants"]
        extra = self.sizes["internships"] - applicants
        sql(
            cr,
            "CREATE TEMP TABLE bench_positions AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id, unit_id, "
            "region_id, published_date, duration_months, currency_id FROM jianxi_position "
            "WHERE state IN ('published', 'closed') ORDER BY id",
        )
        sql(cr, "CREATE UNIQUE INDEX ON bench_positions (k)")
        sql(cr, "SELECT count(*) FROM bench_positions")
        open_positions = cr.fetchone()[0]
        sql(
            cr,
            "CREATE TEMP TABLE bench_big_positions AS SELECT (row_number() OVER (ORDER BY id DESC) - 1)::int AS k, id "
            "FROM jianxi_position WHERE unit_id = (SELECT min(id) FROM jianxi_unit) "
            "AND state IN ('published', 'closed') ORDER BY id DESC LIMIT 10",
        )
        sql(
            cr,
            "CREATE TEMP TABLE bench_applicant_ids AS "
            "SELECT (row_number() OVER (ORDER BY id))::int AS a, id FROM jianxi_applicant",
        )
        sql(cr, "CREATE UNIQUE INDEX ON bench_applicant_ids (a)")
        # the main records: a position by time, the state by the dates and a hash
        sql(
            cr,
            """
            CREATE TEMP TABLE bench_main AS
            SELECT a.a, a.id AS applicant_id, p.id AS position_id, p.unit_id, p.region_id, p.currency_id,
                   p.published_date + (a.a %% 25) AS applied, p.duration_months, (a.a::bigint * 7919) %% 100 AS h
              FROM bench_applicant_ids a
              JOIN bench_positions p ON p.k = ((a.a::bigint * 2654435761) %% %(open_positions)s)
             WHERE a.a > %(big)s
            UNION ALL
            SELECT a.a, a.id, p.id, p.unit_id, p.region_id, p.currency_id,
                   current_date - 300 + (a.a %% 120), 6, NULL
              FROM bench_applicant_ids a
              JOIN bench_big_positions b ON b.k = a.a %% (SELECT count(*)::int FROM bench_big_positions)
              JOIN jianxi_position p ON p.id = b.id
             WHERE a.a <= %(big)s
            """,
            {"open_positions": open_positions, "big": BIG_UNIT_INTERNS},
        )
        sql(
            cr,
            """
            INSERT INTO jianxi_internship (
                applicant_id, position_id, unit_id, region_id, currency_id, state, applied_at, agreement_date,
                start_date, planned_end_date, actual_end_date, end_reason, kept_on, kept_on_date,
                accident_policy_number, accident_date_from, accident_date_to, accident_premium,
                decline_reason, reject_reason, eligibility_result, is_legacy, active,
                create_uid, write_uid, create_date, write_date)
            SELECT applicant_id, position_id, unit_id, region_id, currency_id, state, applied,
                   CASE WHEN onboarded THEN start END, CASE WHEN onboarded THEN start END,
                   CASE WHEN onboarded THEN planned_end END,
                   CASE WHEN state = 'ended' THEN LEAST(actual_end, current_date - 1) END,
                   CASE WHEN state = 'ended' THEN (ARRAY['completed', 'completed', 'completed', 'hired',
                                                         'job_elsewhere'])[1 + h %% 5] END,
                   state = 'ended' AND h %% 5 = 3, CASE WHEN state = 'ended' AND h %% 5 = 3 THEN actual_end END,
                   CASE WHEN onboarded THEN 'PAB' || lpad(a::text, 10, '0') END,
                   CASE WHEN onboarded THEN start END, CASE WHEN onboarded THEN planned_end END,
                   CASE WHEN onboarded THEN 120 END,
                   CASE WHEN state = 'declined' THEN '岗位已招满' END,
                   CASE WHEN state = 'rejected' THEN '不符合见习人员条件' END,
                   CASE WHEN state NOT IN ('applied', 'declined', 'withdrawn') THEN
                        CASE WHEN state = 'rejected' THEN 'fail' ELSE 'pass' END END,
                   false, true, 1, 1, applied, now()
            FROM (
                SELECT b0.*, (start + make_interval(months => duration_months))::date - 1 AS planned_end,
                       CASE WHEN h %% 5 = 4 THEN (start + make_interval(months => duration_months / 2))::date
                            ELSE (start + make_interval(months => duration_months))::date - 1 END AS actual_end,
                       state IN ('approved', 'on_duty', 'end_requested', 'ended', 'not_arrived') AS onboarded
                FROM (
                    SELECT b.*, b.applied + 20 AS start,
                           CASE
                             WHEN b.h IS NULL THEN CASE WHEN b.a %% 5 < 2 THEN 'on_duty' ELSE 'ended' END
                             WHEN b.h >= 80 THEN (ARRAY['not_arrived', 'rejected', 'declined', 'withdrawn'])
                                                 [1 + (b.h - 80) / 5]
                             WHEN b.applied + 20 + make_interval(months => b.duration_months) < current_date
                               THEN CASE WHEN b.h < 3 THEN 'end_requested' ELSE 'ended' END
                             WHEN b.applied + 20 <= current_date AND b.h < 60 THEN 'on_duty'
                             WHEN b.h < 65 THEN 'approved'
                             WHEN b.h < 72 THEN 'confirmed'
                             ELSE 'applied'
                           END AS state
                    FROM bench_main b
                ) b0
            ) m
            """,
        )
        # the big unit's interns: 400 on duty (started this year), 600 ended this year
        sql(
            cr,
            """
            UPDATE jianxi_internship i SET
                start_date = current_date - 200 + (i.id %% 30), agreement_date = current_date - 200 + (i.id %% 30),
                accident_date_from = current_date - 200 + (i.id %% 30),
                planned_end_date = current_date - 200 + (i.id %% 30) + 182,
                accident_date_to = current_date - 200 + (i.id %% 30) + 182,
                actual_end_date = CASE WHEN i.state = 'ended' THEN current_date - 20 - (i.id %% 30) END,
                end_reason = CASE WHEN i.state = 'ended' THEN 'completed' END,
                applied_at = current_date - 230 + (i.id %% 30)
            WHERE i.unit_id = (SELECT min(id) FROM jianxi_unit)
            """,
        )
        # the extra records, closed before the main one (never past approval)
        sql(
            cr,
            """
            INSERT INTO jianxi_internship (
                applicant_id, position_id, unit_id, region_id, currency_id, state, applied_at, decline_reason,
                reject_reason, eligibility_result, is_legacy, active, create_uid, write_uid, create_date, write_date)
            SELECT a.id, p.id, p.unit_id, p.region_id, p.currency_id, s.state, p.published_date + (g %% 25),
                   CASE WHEN s.state = 'declined' THEN '岗位已招满' END,
                   CASE WHEN s.state = 'rejected' THEN '不符合见习人员条件' END,
                   CASE s.state WHEN 'rejected' THEN 'fail' WHEN 'released' THEN 'pass' END,
                   false, true, 1, 1, now(), now()
            FROM generate_series(1, %(extra)s) AS g
            JOIN bench_applicant_ids a ON a.a = 1 + (g - 1) %% %(applicants)s
            JOIN bench_positions p ON p.k = ((g * 40503::bigint) %% %(open_positions)s)
            CROSS JOIN LATERAL (SELECT (ARRAY['withdrawn', 'declined', 'released', 'rejected'])[1 + g %% 4] AS state) s
            """,
            {"extra": extra, "applicants": applicants, "open_positions": open_positions},
        )
        # the applicant's category, stored on the internship (applicant_category) as the ORM fills it
        sql(
            cr,
            """
            UPDATE jianxi_internship i SET applicant_category = a.category
              FROM jianxi_applicant a
             WHERE a.id = i.applicant_id
            """,
        )
        sql(cr, "SELECT state, count(*) FROM jianxi_internship GROUP BY state ORDER BY 2 DESC")
        self.counts["internships"] = dict(cr.fetchall())

    def seats(self, env):
        """The positions' stored seats taken and left (jianxi.position._compute_filled, in SQL)."""
        sql(
            env.cr,
            """
            UPDATE jianxi_position p
               SET filled_count = coalesce(f.filled, 0),
                   remaining_count = GREATEST(p.headcount - coalesce(f.filled, 0), 0)
              FROM jianxi_position p2
              LEFT JOIN (SELECT position_id, count(*) AS filled FROM jianxi_internship
                          WHERE state IN ('confirmed', 'approved', 'on_duty', 'end_requested', 'ended') AND active
                          GROUP BY position_id) f ON f.position_id = p2.id
             WHERE p.id = p2.id
            """,
        )
        sql(env.cr, "SELECT count(*) FROM jianxi_position WHERE state = 'published' AND remaining_count > 0")
        self.counts["published positions with seats left"] = env.cr.fetchone()[0]

    def claims(self, env):
        """Claims of the ended internships, per unit and year of the end (not the big unit's:
        it claims in the benchmark): paid before this year, approved or submitted this year; one
        line per intern with plausible amounts (60% of the minimum wage a month)."""
        cr = env.cr
        sql(
            cr,
            """
            CREATE TEMP TABLE bench_claims AS
            SELECT i.unit_id, extract(year FROM i.actual_end_date)::int AS year, count(*) AS interns,
                   min(u.region_id) AS region_id, min(i.currency_id) AS currency_id
              FROM jianxi_internship i JOIN jianxi_unit u ON u.id = i.unit_id
             WHERE i.state = 'ended' AND i.unit_id <> (SELECT min(id) FROM jianxi_unit)
             GROUP BY 1, 2
            """,
        )
        sql(
            cr,
            """
            INSERT INTO jianxi_subsidy_claim (name, unit_id, region_id, currency_id, state, claim_date, submitted_date,
                                              approved_date, paid_date, intern_count, is_legacy, create_uid,
                                              write_uid, create_date, write_date)
            SELECT 'BENCH/' || year || '/' || lpad(unit_id::text, 5, '0'), unit_id, region_id, currency_id,
                   CASE WHEN year < extract(year FROM current_date) THEN 'paid'
                        WHEN unit_id %% 2 = 0 THEN 'approved' ELSE 'submitted' END,
                   LEAST(make_date(year + 1, 1, 15), current_date), LEAST(make_date(year + 1, 1, 15), current_date),
                   CASE WHEN year < extract(year FROM current_date) OR unit_id %% 2 = 0
                        THEN LEAST(make_date(year + 1, 2, 1), current_date) END,
                   CASE WHEN year < extract(year FROM current_date) THEN make_date(year + 1, 3, 1) END,
                   interns, false, 1, 1, now(), now()
            FROM bench_claims
            """,
        )
        sql(
            cr,
            """
            INSERT INTO jianxi_subsidy_claim_line (
                claim_id, internship_id, applicant_id, region_id, state, included, start_date, planned_end_date,
                end_date, end_reason, kept_on, months_served, wage_amount, early_hire_amount, insurance_amount,
                bonus_amount, insurance_cost, total, rate, create_uid, write_uid, create_date, write_date)
            SELECT c.id, i.id, i.applicant_id, c.region_id, c.state, true, i.start_date, i.planned_end_date,
                   i.actual_end_date, i.end_reason, i.kept_on, m.months, m.months * 996, 0, 120, 0, 120,
                   m.months * 996 + 120, 0.6, 1, 1, now(), now()
            FROM jianxi_internship i
            JOIN jianxi_subsidy_claim c ON c.unit_id = i.unit_id
                 AND c.name = 'BENCH/' || extract(year FROM i.actual_end_date)::int
                              || '/' || lpad(i.unit_id::text, 5, '0')
            CROSS JOIN LATERAL (SELECT GREATEST(1, (i.actual_end_date - i.start_date) / 30) AS months) m
            WHERE i.state = 'ended'
            """,
        )
        sql(
            cr,
            """
            UPDATE jianxi_subsidy_claim c SET amount_wage = t.wage, amount_insurance = t.insurance,
                   amount_early_hire = 0, amount_bonus = 0, amount_total = t.total,
                   paid_amount = CASE WHEN c.state = 'paid' THEN t.total END, rate = 0.6
              FROM (SELECT claim_id, sum(wage_amount) AS wage, sum(insurance_amount) AS insurance, sum(total) AS total
                      FROM jianxi_subsidy_claim_line GROUP BY claim_id) t
             WHERE t.claim_id = c.id
            """,
        )
        sql(cr, "SELECT state, count(*) FROM jianxi_subsidy_claim GROUP BY 1")
        self.counts["claims"] = dict(cr.fetchall())
        sql(cr, "SELECT count(*) FROM jianxi_subsidy_claim_line")
        self.counts["claim lines"] = cr.fetchone()[0]

    def users(self, env):
        """The people who measure: the big unit's contact, an officer of its county, a manager."""
        from odoo import Command

        unit = env["jianxi.unit"].search([], order="id", limit=1)

        def user(login, name, *groups):
            return env["res.users"].create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "lang": "zh_CN",
                    "groups_id": [Command.set([env.ref(group).id for group in groups])],
                }
            )

        user("bench_unit", "赵联系", "base.group_portal").partner_id.parent_id = unit.partner_id
        officer = user(
            "bench_officer", "见习专干", "base.group_user", "jianxi_internship.jianxi_internship_group_officer"
        )
        officer.jianxi_region_ids = [Command.set(unit.region_id.ids)]
        user("bench_manager", "见习科长", "base.group_user", "jianxi_internship.jianxi_internship_group_manager")
        sql(
            env.cr,
            "SELECT count(*) FILTER (WHERE state = 'on_duty'), count(*) FILTER (WHERE state = 'ended') "
            "FROM jianxi_internship WHERE unit_id = %s",
            [unit.id],
        )
        on_duty, ended = env.cr.fetchone()
        self.counts["big unit"] = f"{unit.name} ({unit.region_id.name}): {on_duty} on duty, {ended} ended"
        self.big_unit_id = unit.id


# ---------------------------------------------------------------------- HTTP sessions
class Session:
    """A signed-in (or anonymous) browser: cookies, the CSRF token, GET and JSON-RPC."""

    def __init__(self, server, login=None):
        import requests

        self.server, self.http = server, requests.Session()
        self.http.cookies.set("frontend_lang", "zh_CN")
        if login:
            page = self.http.get(f"{server.base}/web/login", timeout=60).text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
            response = self.http.post(
                f"{server.base}/web/login",
                data={"login": login, "password": login, "csrf_token": token, "redirect": "/odoo"},
                timeout=60,
                allow_redirects=False,
            )
            if response.status_code != 303 or "/web/login" in response.headers.get("Location", ""):
                raise RuntimeError(f"{login} could not sign in ({response.status_code})")

    def get(self, path):
        response = self.http.get(self.server.base + path, timeout=120)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        return response.text

    def call(self, model, method, args, kwargs, tag):
        path = f"/web/dataset/call_kw/{model}/{method}?bench={tag}"
        response = self.http.post(
            self.server.base + path,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
            },
            timeout=120,
        )
        body = response.json()
        if "error" in body:
            raise RuntimeError(f"{model}.{method}: {body['error']['data'].get('message')}")
        return body["result"]


# ---------------------------------------------------------------------- the backend, as the web client loads it
def _relation_spec(field, limit=None):
    """The web client's specification of one field: the display name of related records."""
    if field["type"] in ("many2one", "many2many", "one2many"):
        spec = {"fields": {"display_name": {}}}
        if limit and field["type"] == "one2many":
            spec["limit"] = limit
        return spec
    return {}


# What the web client asks when it opens a client action of the app: {tag: (model, method)}.
CLIENT_ACTION_CALLS = {"jianxi_overview": ("jianxi.figures", "overview_data")}


class BackendScreens:
    """[(label, model, method, args, kwargs)] for every act_window menu of the app that a user
    sees: the first view of the action (a list with its default filters as web_search_read, or
    web_read_group when it groups; a pivot or graph as read_group), and for lists the form of
    the first record (web_read)."""

    def __init__(self, env):
        from dateutil.relativedelta import relativedelta

        from odoo.tools import safe_eval as safe_eval_module

        self.env, self.calls = env, []
        today = datetime.date.today()
        self.eval_context = {
            "uid": env.uid,
            "context_today": lambda: today,
            "datetime": safe_eval_module.datetime,
            "relativedelta": relativedelta,
            "time": safe_eval_module.time,
            "current_date": today.isoformat(),
            "today": today.isoformat(),
            "allowed_company_ids": [env.company.id],
            "active_id": False,
        }

    def eval(self, text):
        from odoo.tools.safe_eval import safe_eval

        return safe_eval(text, self.eval_context)

    def collect(self):
        root = self.env.ref("jianxi_internship.jianxi_internship_menu_root")
        menus = self.env["ir.ui.menu"].search(
            [("id", "child_of", root.id), ("action", "!=", False)], order="parent_path"
        )
        seen = set()
        for menu in menus:
            action = menu.action.sudo()  # the definition: a client action is not readable by every user
            if action.id in seen:
                continue
            seen.add(action.id)
            if action._name == "ir.actions.client" and action.tag in CLIENT_ACTION_CALLS:
                # a client action's own RPC (the overview: every tile and chart in one call)
                model, method = CLIENT_ACTION_CALLS[action.tag]
                label = menu.complete_name.split("/", 1)[-1].strip()
                self.calls.append((label, model, method, [], {"context": self.env.context}))
                continue
            if action._name != "ir.actions.act_window":
                continue
            if self.env[action.res_model].has_access("read"):
                self.screen(menu.complete_name.split("/", 1)[-1].strip(), action)
        return self.calls

    def default_filters(self, action, search_arch):
        """The action's domain with its search_default_* filters; the group-bys they ask for."""
        domain, group_by = self.eval(action.domain or "[]"), []
        for key, value in self.eval(action.context or "{}").items():
            if not key.startswith("search_default_") or not value:
                continue
            node = search_arch.find(f".//filter[@name='{key[len('search_default_') :]}']")
            if node is None:
                continue
            if node.get("domain"):
                domain = domain + self.eval(node.get("domain"))
            if node.get("context"):
                group_by.append(self.eval(node.get("context")).get("group_by"))
        return domain, [name for name in group_by if name]

    def screen(self, label, action):
        model = action.res_model
        view_type = action.view_mode.split(",")[0]
        views = self.env[model].get_views([(False, view_type), (False, "search"), (False, "form")])
        domain, group_by = self.default_filters(action, ET.fromstring(views["views"]["search"]["arch"]))
        arch = ET.fromstring(views["views"][view_type]["arch"])
        fields = views["models"][model]["fields"]
        context = self.env.context
        if view_type in ("pivot", "graph"):
            self.dashboard(label, model, view_type, arch, fields, domain, group_by)
            return
        if view_type not in ("list", "kanban"):
            return
        nodes = arch.iter("field") if view_type == "kanban" else (node for node in arch if node.tag == "field")
        specification = {
            name: _relation_spec(fields[name])
            for name in dict.fromkeys(node.get("name") for node in nodes)
            if name in fields
        }
        if group_by:
            kwargs = {"limit": 80, "lazy": True, "context": context}
            self.calls.append((label, model, "web_read_group", [domain, list(specification), group_by[:1]], kwargs))
        else:
            kwargs = {"domain": domain, "specification": specification, "offset": 0, "limit": 80}
            self.calls.append((label, model, "web_search_read", [], dict(kwargs, count_limit=10001, context=context)))
        first = self.env[model].search(domain, limit=1)
        if first:
            form_spec = {}
            for node in ET.fromstring(views["views"]["form"]["arch"]).iter("field"):
                name = node.get("name")
                if name in fields and name not in form_spec:
                    form_spec[name] = _relation_spec(fields[name], limit=40)
            self.calls.append(
                (f"{label} › 表单", model, "web_read", [first.ids], {"specification": form_spec, "context": context})
            )

    def dashboard(self, label, model, view_type, arch, fields, domain, group_by):
        """A pivot asks for the total, the rows, the columns and the cells; a graph for its groups."""
        by_type = {}
        for node in arch.iter("field"):
            kind = node.get("type") or ("row" if view_type == "graph" else None)
            by_type.setdefault(kind, []).append(node.get("name"))
        measures = by_type.get("measure") or ["__count"]
        aggregates = [m if m == "__count" else f"{m}:{fields[m].get('aggregator') or 'sum'}" for m in measures]
        rows, cols = (group_by or by_type.get("row", []))[:1], by_type.get("col", [])[:1]
        levels = [[], rows] + ([cols, rows + cols] if cols else []) if view_type == "pivot" else [rows]
        for level in levels:
            kwargs = {"lazy": False, "context": self.env.context}
            self.calls.append((label, model, "read_group", [domain, aggregates, level], kwargs))


def backend_requests(db, login):
    """The calls of every backend screen ``login`` sees (``BackendScreens``)."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", login)])
        return BackendScreens(
            env(user=user.id, context={"lang": "zh_CN", "tz": "Asia/Shanghai", "uid": user.id})
        ).collect()


# ---------------------------------------------------------------------- measuring
class Measure:
    def __init__(self, server, repeat):
        self.server, self.repeat, self.rows, self.counter = server, repeat, [], 0

    def _tag(self):
        self.counter += 1
        return f"b{self.counter}"

    def _server_stats(self, tags):
        time.sleep(0.5)  # let the workers' last access-log lines reach the file
        access = {}
        for match in bench_board.LOG_LINE.finditer(Path(self.server.logfile).read_text("utf-8", "replace")):
            tag = re.search(r"bench=(b\d+)", match["path"])
            if tag:
                access[tag[1]] = (
                    int(match["queries"]),
                    (float(match["query_time"]) + float(match["other_time"])) * 1000,
                )
        return [access[tag] for tag in tags if tag in access]

    def add(self, group, label, queries, server_ms, client_ms=None, target=None, unit="ms"):
        self.rows.append(
            {
                "group": group,
                "label": label,
                "queries": queries,
                "median": statistics.median(server_ms) if server_ms else float("nan"),
                "p95": bench_board.percentile(server_ms, 0.95) if server_ms else float("nan"),
                "client": statistics.median(client_ms) if client_ms else None,
                "target": target,
                "unit": unit,
            }
        )

    def add_in_process(self, group, label, queries, seconds, target):
        """A row measured in this process: ``queries`` the set of counts seen, ``seconds`` the times."""
        self.add(group, label, "–".join(map(str, sorted(queries))), seconds, None, target, unit="s")

    @staticmethod
    def _queries(stats):
        counts = sorted({entry[0] for entry in stats})
        if not counts:
            return "?"
        return str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"

    def page(self, group, label, session, path):
        for _ in range(3):  # warm: templates, assets, caches
            session.get(bench_board.tagged(path, "warm"))
        tags, client = [], []
        for _ in range(self.repeat):
            tag = self._tag()
            started = time.perf_counter()
            session.get(bench_board.tagged(path, tag))
            client.append((time.perf_counter() - started) * 1000)
            tags.append(tag)
        stats = self._server_stats(tags)
        self.add(group, label, self._queries(stats), [s[1] for s in stats], client, TARGET_PAGE_MS)
        return self.rows[-1]

    def rpc(self, group, label, session, calls):
        """``calls``: the JSON-RPC calls one screen makes; timed together, queries summed."""
        for _ in range(2):
            for model, method, args, kwargs in calls:
                session.call(model, method, args, kwargs, "warm")
        totals_ms, totals_q, client = [], [], []
        for _ in range(self.repeat):
            tags = []
            started = time.perf_counter()
            for model, method, args, kwargs in calls:
                tag = self._tag()
                session.call(model, method, args, kwargs, tag)
                tags.append(tag)
            client.append((time.perf_counter() - started) * 1000)
            stats = self._server_stats(tags) if _ == self.repeat - 1 else None
            if stats is not None:
                totals_q.append(sum(s[0] for s in stats))
            totals_ms.append(tags)
        all_tags = [tag for tags in totals_ms for tag in tags]
        stats = dict(zip(all_tags, self._server_stats(all_tags), strict=False))
        per_screen = [sum(stats[tag][1] for tag in tags if tag in stats) for tags in totals_ms]
        queries = sorted({sum(stats[tag][0] for tag in tags if tag in stats) for tags in totals_ms})
        self.add(
            group,
            label + (f" ({len(calls)} calls)" if len(calls) > 1 else ""),
            str(queries[0]) if len(queries) == 1 else f"{queries[0]}–{queries[-1]}",
            per_screen,
            client,
            TARGET_PAGE_MS,
        )


def measure_crons(conf, db, measure):
    """Each of the addon's jobs (daily, and the hourly refreshes of the dashboards), once, over the whole
    data set, in this process; rolled back."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        crons = env["ir.cron"].search([("ir_actions_server_id.model_id.model", "like", "jianxi.%")])
        for cron in crons:
            cr.execute("SAVEPOINT bench_cron")
            env.invalidate_all()
            before = cr.sql_log_count
            started = time.perf_counter()
            cron.with_user(cron.user_id).ir_actions_server_id.run()
            env.flush_all()
            elapsed = time.perf_counter() - started
            queries = cr.sql_log_count - before
            cr.execute("ROLLBACK TO SAVEPOINT bench_cron")
            measure.add("jobs", cron.name, str(queries), [elapsed], None, TARGET_CRON_S, unit="s")
            log(f"  cron {cron.name}: {elapsed:.1f}s, {queries} queries")
        cr.rollback()


def measure_claim(conf, db, unit_id, measure, repeat=3):
    """A claim for the unit with 1,000 interns, generated as its contact would (rolled back)."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"})
        user = env["res.users"].search([("login", "=", "bench_unit")])
        seconds, queries, interns = [], set(), 0
        for _ in range(repeat):
            cr.execute("SAVEPOINT bench_claim")
            env.invalidate_all()
            before = cr.sql_log_count
            started = time.perf_counter()
            claim = env["jianxi.subsidy.claim"].with_user(user).action_create_for_unit(unit_id)
            env.flush_all()
            seconds.append(time.perf_counter() - started)
            queries.add(cr.sql_log_count - before)
            interns = claim.sudo().intern_count, len(claim.sudo().line_ids)
            cr.execute("ROLLBACK TO SAVEPOINT bench_claim")
        cr.rollback()
    measure.add_in_process(
        "claim", f"generate a claim: {interns[1]} lines, {interns[0]} interns claimed", queries, seconds, TARGET_CLAIM_S
    )


def statistics_tables(env):
    """The statistics tables the benchmark measures: ``[(label, user, region)]``: the manager's for the
    whole province (every county a row) and the officer's for his county."""
    manager = env["res.users"].search([("login", "=", "bench_manager")])
    officer = env["res.users"].search([("login", "=", "bench_officer")])
    province = env["jianxi.region"].search([("level", "=", "province")], order="code", limit=1)
    counties = env["jianxi.region"].search_count([("id", "child_of", province.ids), ("level", "=", "county")])
    county = officer.jianxi_region_ids[:1]
    return [
        (f"manager, {province.name}: {counties} counties", manager, province),
        (f"officer, {county.name}", officer, county),
    ]


def measure_table(env, user, region, date_from, date_to):
    """One 就业见习情况统计表 as ``user`` sees it, caches emptied first: ``(seconds, queries, rows)``."""
    cr = env.cr
    form = (
        env["jianxi.statistics"]
        .with_user(user)
        .create({"region_id": region.id, "date_from": date_from, "date_to": date_to})
    )
    env.invalidate_all()
    before = cr.sql_log_count
    started = time.perf_counter()
    table = form._jianxi_table()
    elapsed = time.perf_counter() - started
    return elapsed, cr.sql_log_count - before, len(table["rows"])


def measure_statistics(conf, db, measure, repeat=3):
    """The province's statistics table (issue 16) for this year, in this process through the ORM as the
    form's XLSX and PDF compute it: the manager's for the province, the officer's for his county."""
    import odoo
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        statistics_rows(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"}), measure, repeat)
        cr.rollback()


def statistics_rows(env, measure, repeat=3):
    """measure_statistics' rows, in ``env``'s transaction (the forms are left to its rollback)."""
    period = (datetime.date(TODAY.year, 1, 1), TODAY)
    for label, user, region in statistics_tables(env):
        measure_table(env, user, region, *period)  # warm: the registry's caches, as a server's
        seconds, queries = [], set()
        for _ in range(repeat):
            elapsed, count, rows = measure_table(env, user, region, *period)
            seconds.append(elapsed)
            queries.add(count)
        measure.add_in_process("statistics", f"{label} ({rows} rows)", queries, seconds, TARGET_STATISTICS_S)
        log(f"  statistics {label}: {statistics.median(seconds):.2f}s, {sorted(queries)} queries")


def applicant_logins(conf, db, count):
    """``count`` applicants who may apply (no open record, never past approval), each given a
    portal user; returns their logins and the open positions to apply to."""
    import odoo
    from odoo import Command
    from odoo.modules.registry import Registry

    with Registry(db).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True})
        cr.execute(
            """
            SELECT a.id FROM jianxi_applicant a
             WHERE a.verification_state = 'verified'
               AND NOT EXISTS (SELECT 1 FROM jianxi_internship i WHERE i.applicant_id = a.id
                               AND i.state IN ('applied', 'confirmed', 'approved', 'on_duty', 'end_requested', 'ended'))
             ORDER BY a.id DESC LIMIT %s
            """,
            [count],
        )
        applicants = env["jianxi.applicant"].browse([row[0] for row in cr.fetchall()])
        portal = env.ref("base.group_portal")
        logins = []
        for index, applicant in enumerate(applicants):
            login = f"bench_applicant_{os.getpid()}_{index}"
            env["res.users"].create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": applicant.partner_id.id,
                    "groups_id": [Command.set([portal.id])],
                }
            )
            logins.append(login)
        applicants.write({"declared_at": odoo.fields.Datetime.now()})
        positions = env["jianxi.position"].search([("is_open_for_applications", "=", True)], limit=count)
        cr.commit()
        return logins, positions.ids


def measure_applies(server, db, logins, position_ids, measure, concurrency=50):
    """scripts/bench_apply.py's measure: one apply at a time (server time and queries from the
    access log), then ``concurrency`` applicants at once (p50, p95, errors, duplicates)."""
    import bench_apply

    if not position_ids:
        raise RuntimeError("no position is open for applications: nothing to apply to")
    entries = [(login, login, position_ids[index % len(position_ids)]) for index, login in enumerate(logins)]
    result = bench_apply.measure_apply(
        server.base, entries, concurrency, sequential=20, warmup=8, access_log=server.logfile, db=db
    )
    seq, crowd = result["sequential"], result["concurrent"]
    queries = sorted(seq["queries"])
    measure.rows.append(
        {
            "group": "apply",
            "label": f"one apply at a time ({seq['n']}: {seq['outcomes']})",
            "queries": f"{queries[0]}–{queries[-1]}" if queries and queries[0] != queries[-1] else str(queries[:1]),
            "median": seq["server_median_ms"],
            "p95": seq["server_p95_ms"],
            "client": seq["client_median_ms"],
            "target": 60,
            "unit": "ms",
        }
    )
    measure.rows.append(
        {
            "group": "apply",
            "label": f"{crowd['n']} applicants at once: {crowd['errors']} errors, "
            f"{result['duplicates']} duplicate open applications",
            "queries": "",
            "median": crowd["p50_ms"],
            "p95": crowd["p95_ms"],
            "client": None,
            "target": 2000,
            "unit": "ms (client)",
        }
    )


def print_table(measure, counts, elapsed):
    print()
    print(
        "Province benchmark (make bench-scale): one server as deployed (workers=2), warm; "
        f"{measure.repeat} requests per page."
    )
    for name, value in counts.items():
        print(f"- {name}: {value}")
    print()
    print("median / p95 = Odoo's server time (SQL + Python) from its access log, or this process's for jobs and the")
    print("claim; client = wall time seen by the client, median; SQL = queries (a range if they varied).")
    print()
    header = ("what", "SQL", "median", "p95", "client", "target", "")
    lines = []
    for row in measure.rows:
        unit = row["unit"]
        scale = 1
        fmt = "{:.1f}" if unit.startswith("ms") else "{:.2f}"
        verdict = ""
        if row["target"] is not None and row["median"] == row["median"]:
            value = row["p95"] if "at once" in row["label"] else row["median"]
            verdict = "ok" if value <= row["target"] else "OVER"
        lines.append(
            (
                f"{row['group']}: {row['label']}",
                row["queries"],
                fmt.format(row["median"] * scale) + (" s" if unit == "s" else ""),
                fmt.format(row["p95"] * scale) + (" s" if unit == "s" else ""),
                "" if row["client"] is None else f"{row['client']:.1f}",
                "" if row["target"] is None else f"{row['target']} {unit.split()[0]}",
                verdict,
            )
        )
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    print("| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(header)) + " |")
    print("| " + " | ".join("-" * widths[i] for i in range(len(header))) + " |")
    for line in lines:
        print("| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(line)) + " |")
    print()
    over = [
        row
        for row in measure.rows
        if row["target"] is not None and ((row["p95"] if "at once" in row["label"] else row["median"]) > row["target"])
    ]
    print(f"{len(measure.rows) - len(over)} of {len(measure.rows)} within target; run took {elapsed / 60:.0f} min.")


# ---------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the province's data (0.001-1)")
    parser.add_argument("--repeat", type=int, default=10, help="requests per page")
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end (to EXPLAIN queries)")
    parser.add_argument("--db", help="measure an existing database made by --keep-db instead of generating one")
    args = parser.parse_args()
    if not 0.001 <= args.scale <= 1 or not 1 <= args.repeat <= 100:
        parser.error("scale between 0.001 and 1, repeat between 1 and 100")

    venv, conf, _odoo_src = bench_board.in_virtualenv(__file__)

    started = time.monotonic()
    db = args.db or f"jianxi_scale_{os.getpid()}"
    logfile = Path(conf).parent / f"bench-{db}.log"
    server = None
    keep = args.keep_db or bool(args.db)
    try:
        if args.db:
            import odoo

            odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
            counts = {"database": db}
        else:
            bench_board.install(venv, conf, db, logfile, "--load-language=zh_CN")
            log(f"generating the province at scale {args.scale}")
            generator = Generator(conf, db, args.scale)
            counts = generator.run()
            log(f"generated in {time.monotonic() - started:.0f}s: {json.dumps(counts, ensure_ascii=False)}")
        import odoo
        from odoo.modules.registry import Registry

        with Registry(db).cursor() as cr:
            cr.execute("SELECT min(id) FROM jianxi_unit")
            big_unit = cr.fetchone()[0]
        measure = Measure(None, args.repeat)
        measure_claim(conf, db, big_unit, measure)
        measure_statistics(conf, db, measure)
        measure_crons(conf, db, measure)
        backend = {login: backend_requests(db, login) for login in ("bench_officer", "bench_manager")}
        logins, positions = applicant_logins(conf, db, 8 + 20 + 50)
        odoo.sql_db.close_all()

        server = bench_board.Server(
            venv,
            conf,
            db,
            logfile,
            *DEPLOYED,
            workers=2,
            mode="a",  # the install's and the generator's log stay
        )
        server.wait_ready()
        measure.server = server
        visitor = Session(server)
        login_row = measure.page("public", "/web/login", visitor, "/web/login")
        first = measure.page("public", "board: first page", visitor, "/internships")
        measure.page(
            "public", f"board: search {KEYWORD}", visitor, "/internships?search=" + urllib.parse.quote(KEYWORD)
        )
        counts["board first page / web login"] = f"{first['median'] / login_row['median']:.1f}x (target <= 2x)"
        unit = Session(server, "bench_unit")
        for path in ("/my", "/my/applications", "/my/interns", "/my/claims"):
            measure.page("unit (1,000 interns)", path, unit, path)
        for login, calls in backend.items():
            session = Session(server, login)
            role = "officer" if "officer" in login else "manager"
            screens = {}
            for label, model, method, args_, kwargs in calls:
                screens.setdefault(label, []).append((model, method, args_, kwargs))
            for label, screen_calls in screens.items():
                measure.rpc(role, label, session, screen_calls)
        measure_applies(server, db, logins, positions, measure)
        print_table(measure, counts, time.monotonic() - started)
        log(f"done in {time.monotonic() - started:.0f}s")
    finally:
        if server:
            server.stop()
        odoo_loaded = "odoo" in sys.modules
        if odoo_loaded:
            sys.modules["odoo"].sql_db.close_all()
        bench_board.drop_database(conf, db, logfile, keep=keep)


if __name__ == "__main__":
    main()
