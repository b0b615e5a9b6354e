import io
from datetime import date, timedelta

import openpyxl
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import JianxiHttpCase

STATES = ("applied", "confirmed", "approved", "on_duty", "end_requested", "ended")
CATEGORIES = ("college", "vocational", "unemployed")
# the table's queries, whatever the number of counties: see test_query_count_does_not_grow_with_the_counties
STATISTICS_QUERIES = 20
OFFICER_STATISTICS_QUERIES = 21
# the periods' examples: derandomized, no example database (as tests/test_portal_fuzz.py)
FUZZ = settings(
    max_examples=60, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)


@tagged("post_install", "-at_install")
class TestStatistics(JianxiHttpCase):
    """就业见习情况统计表 (issue 16 point 3): its figures are jianxi.figures' for each county and for
    the region, on the demo data and on about 200 generated internships in mixed states; it
    downloads as XLSX with the figures and prints as PDF; an officer cannot ask for another county."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["jianxi.figures"])
        positions = [
            cls._make_position(headcount=200),
            cls._make_position(cls.other_unit, region_id=cls.sinan.id, headcount=200),
        ]
        Internship = cls.env["jianxi.internship"]
        for number in range(200):
            state = STATES[number % len(STATES)]
            partner = cls.env["res.partner"].create({"name": f"统计{number}"})
            applicant = cls._make_applicant(partner, f"统计{number}")
            applicant.category = CATEGORIES[number % 3]
            values = {
                "applicant_id": applicant.id,
                "position_id": positions[number % 2].id,
                "is_legacy": number % 7 == 0,
            }
            if state in ("on_duty", "end_requested", "ended"):
                start = cls.today - relativedelta(months=1 + number % 14)
                values.update(start_date=start, planned_end_date=start + relativedelta(months=6))
            if state == "ended":
                end = min(values["start_date"] + timedelta(days=30 + number % 150), cls.today)
                values.update(actual_end_date=end, end_reason="completed", kept_on=number % 4 == 0)
            Internship.create(values)._jianxi_force_state(state)
        cls.env.flush_all()

    def statistics(self, user, region, date_from=None, date_to=None):
        return (
            self.env["jianxi.statistics"]
            .with_user(user)
            .create(
                {
                    "region_id": region.id,
                    "date_from": date_from or date(self.today.year, 1, 1),
                    "date_to": date_to or self.today,
                }
            )
        )

    def assert_agrees(self, user, region, date_from, date_to):
        statistics = self.statistics(user, region, date_from, date_to)
        table = statistics._jianxi_table()
        figures = self.env["jianxi.figures"].with_user(user)
        columns = [name for name, __, __ in statistics._jianxi_columns()]
        expected = figures._jianxi_figures(region, date_from, date_to)
        for name in columns:
            self.assertEqual(table["total"][name], expected[name], name)
        counties = statistics._jianxi_counties()
        self.assertEqual([row[0] for row in table["rows"]], counties.mapped("name"))
        for county, (__, values) in zip(counties, table["rows"], strict=True):
            expected = figures._jianxi_figures(county, date_from, date_to)
            for name in columns:
                self.assertEqual(values[name], expected[name], f"{county.name} {name}")
        # the counties' counts add up to the region's (a county's records are in one county)
        for name in columns:
            if name not in ("retention_rate",):
                self.assertAlmostEqual(sum(values[name] for __, values in table["rows"]), table["total"][name])
        return table

    def test_agrees_with_figures(self):
        periods = [
            (date(self.today.year, 1, 1), self.today),
            (date(2023, 1, 1), date(2023, 12, 31)),  # the demo data's years
            (self.today - relativedelta(years=2), self.today),
        ]
        for date_from, date_to in periods:
            with self.subTest(period=(date_from, date_to)):
                table = self.assert_agrees(self.manager, self.tongren, date_from, date_to)
        # the generated set is really counted: people started in the last two years, of each category
        self.assertGreater(table["total"]["started"], 50)
        for category in CATEGORIES:
            self.assertGreater(table["total"][f"started_{category}"], 0)
        self.assertGreater(table["total"]["legacy_started"], 0)
        self.assertGreater(table["total"]["kept_on"], 0)
        self.assert_agrees(self.officer_shiqian, self.shiqian, self.today - relativedelta(years=2), self.today)

    def test_officer_cannot_produce_another_county(self):
        with self.assertRaises(AccessError):
            self.statistics(self.officer_shiqian, self.sinan)._jianxi_table()
        with self.assertRaises(AccessError):
            self.statistics(self.officer_shiqian, self.tongren).action_print_pdf()
        # the XLSX route answers 404 too
        statistics = self.statistics(self.officer_shiqian, self.sinan)
        self.authenticate(self.officer_shiqian.login, self.officer_shiqian.login)
        response = self.url_open(f"/jianxi/statistics/{statistics.id}/xlsx")
        self.assertEqual(response.status_code, 404)
        # nor another user's form
        mine = self.statistics(self.officer_sinan, self.sinan)
        response = self.url_open(f"/jianxi/statistics/{mine.id}/xlsx")
        self.assertEqual(response.status_code, 404)
        with self.assertRaises(UserError):
            self.statistics(self.manager, self.tongren, self.today, self.today - timedelta(days=1))._jianxi_table()

    def test_xlsx_has_the_figures(self):
        statistics = self.statistics(self.officer_tongren, self.tongren, self.today - relativedelta(years=2))
        action = statistics.action_download_xlsx()
        self.authenticate(self.officer_tongren.login, self.officer_tongren.login)
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.active
        statistics = statistics.with_context(lang=self.officer_tongren.lang)
        table = statistics._jianxi_table()
        self.assertIn(self.tongren.name, sheet.cell(1, 1).value)
        columns = statistics._jianxi_columns()
        self.assertEqual([sheet.cell(3, col).value for col in range(2, len(columns) + 2)], [c[2] for c in columns])
        rows = [*table["rows"], (None, table["total"])]
        for offset, (name, values) in enumerate(rows):
            if name:
                self.assertEqual(sheet.cell(4 + offset, 1).value, name)
            for col, (figure, __, __) in enumerate(columns, start=2):
                self.assertEqual(sheet.cell(4 + offset, col).value, values[figure], figure)
        self.assertEqual(sheet.cell(4 + len(rows) - 1, 2).number_format, "0")
        amount_col = [c[0] for c in columns].index("amount_paid") + 2
        self.assertEqual(sheet.cell(4, amount_col).number_format, "#,##0.00")

    def test_xlsx_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.officer_tongren.lang = "zh_CN"
        statistics = self.statistics(self.officer_tongren, self.tongren)
        self.authenticate(self.officer_tongren.login, self.officer_tongren.login)
        response = self.url_open(f"/jianxi/statistics/{statistics.id}/xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertIn("见习", sheet.cell(1, 1).value)
        self.assertEqual(sheet.cell(3, 1).value, "县（区）")
        self.assertIn("高校毕业生", [sheet.cell(3, col).value for col in range(1, 20)])

    def test_pdf_renders(self):
        statistics = self.statistics(self.manager, self.tongren, self.today - relativedelta(years=2))
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("jianxi_internship.report_statistics", statistics.ids)
        )
        html = html.decode()
        table = statistics._jianxi_table()
        self.assertIn("Youth Internship Statistics", html)
        for name, __ in table["rows"]:
            self.assertIn(name, html)
        self.assertIn(f">{table['total']['started']}<", html.replace(" ", "").replace("\n", ""))
        self.assertIn("Total", html)
        report = self.env.ref("jianxi_internship.action_report_statistics")
        self.assertEqual(report.paperformat_id.orientation, "Landscape")

    # ------------------------------------------------------------------ cost and bounds
    def _county_with_data(self, county, number):
        """A certified unit in ``county`` with a published position and an intern started this year."""
        unit = self._make_unit(f"统计县{number}单位", county, f"91{county.code}MA6D{number:05d}")
        position = self._make_position(unit, headcount=3)
        partner = self.env["res.partner"].create({"name": f"县{number}"})
        applicant = self._make_applicant(partner, f"县{number}")
        start = max(date(self.today.year, 1, 1), self.today - timedelta(days=10))
        self.env["jianxi.internship"].create(
            {
                "applicant_id": applicant.id,
                "position_id": position.id,
                "start_date": start,
                "planned_end_date": start + relativedelta(months=6),
            }
        )._jianxi_force_state("on_duty")

    def test_query_count_does_not_grow_with_the_counties(self):
        """The table costs one query per figure (and per model and base, see jianxi.figures'
        _jianxi_measure), not one per figure and county: 铜仁市 with 8 counties with data costs what
        遵义市 with 3 does."""
        counties = self.env["jianxi.region"].search([("parent_id", "=", self.tongren.id), ("level", "=", "county")])
        others = counties - self.shiqian - self.sinan
        self.assertGreaterEqual(len(others), 6)
        for number, county in enumerate(others[:6]):
            self._county_with_data(county, number)
        zunyi = self.env["jianxi.region"].create({"name": "遵义市", "code": "520300", "parent_id": self.guizhou.id})
        for number, code in enumerate(("520302", "520303", "520304"), start=10):
            county = self.env["jianxi.region"].create({"name": f"县{code}", "code": code, "parent_id": zunyi.id})
            self._county_with_data(county, number)
        self.env.flush_all()
        period = (date(self.today.year, 1, 1), self.today)

        def table_queries(user, region, expected_counties):
            statistics = self.statistics(user, region, *period)
            statistics._jianxi_table()  # the registry's caches (groups, xmlids, record rules), as a server's
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            table = statistics._jianxi_table()
            queries = self.cr.sql_log_count - before
            with_data = [name for name, values in table["rows"] if values["started"]]
            self.assertEqual(len(with_data), expected_counties, with_data)
            return queries

        # the test's first table reads jianxi.statistics' record rules once more (a cache that fills
        # on the first form, whatever the counties): measured and left out
        table_queries(self.manager, zunyi, 3)
        eight = table_queries(self.manager, self.tongren, 8)
        three = table_queries(self.manager, zunyi, 3)
        self.assertEqual(three, eight)
        # pinned: the form, its region and counties; 7 grouped queries for the counties, 7 for the total
        self.assertEqual(table_queries(self.manager, self.tongren, 8), STATISTICS_QUERIES)
        # the officer's own county: about the same (his counties read for the check)
        self.assertEqual(table_queries(self.officer_shiqian, self.shiqian, 1), OFFICER_STATISTICS_QUERIES)

    def test_absurd_periods_are_refused(self):
        """Whatever dates the form or an RPC sends, the period is bounded on the server: from
        2000-01-01, to a year from today, at most 10 years; a refusal is a UserError, never a crash."""
        Statistics = self.env["jianxi.statistics"].with_user(self.manager)
        latest = self.today + relativedelta(years=1)

        @FUZZ
        @given(
            date_from=st.dates(date(1, 1, 1), date(9999, 12, 31)) | st.dates(date(1999, 1, 1), latest),
            date_to=st.dates(date(1, 1, 1), date(9999, 12, 31)) | st.dates(date(1999, 1, 1), latest),
        )
        def example(date_from, date_to):
            valid = date(2000, 1, 1) <= date_from <= date_to <= latest and date_to < date_from + relativedelta(years=10)
            values = {"region_id": self.shiqian.id, "date_from": date_from, "date_to": date_to}
            if not valid:
                # the savepoint inside: rolled back (the record and the cache), the refusal caught
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    Statistics.create(values)
                return
            statistics = Statistics.create(values)
            self.assertTrue(statistics._jianxi_table()["rows"])
            with self.assertRaises(UserError), self.env.cr.savepoint():
                statistics.write({"date_from": date(1999, 12, 31)})

        example()

    def test_absurd_periods_through_rpc(self):
        """The same bounds through JSON-RPC, as the form sends them; a malformed date is an error
        answer (Odoo's), not an HTTP 500, and stores nothing."""
        self.authenticate(self.manager.login, self.manager.login)
        latest = self.today + relativedelta(years=1)
        Statistics = self.env["jianxi.statistics"]
        before = Statistics.search_count([])

        def create(date_from, date_to):
            values = {"region_id": self.tongren.id, "date_from": date_from, "date_to": date_to}
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw/jianxi.statistics/create",
                {"model": "jianxi.statistics", "method": "create", "args": [values], "kwargs": {}},
            )

        refused = [
            ("0001-01-01", "2020-12-31"),
            ("1999-12-31", "2005-01-01"),
            ("2020-01-01", "9999-12-31"),
            ("2020-01-01", str(latest + timedelta(days=1))),
            ("2010-01-01", "2020-01-01"),  # eleven calendar years, both ends included
            (str(self.today), str(self.today - timedelta(days=1))),
        ]
        for date_from, date_to in refused:
            with self.subTest(period=(date_from, date_to)), self.assertRaises(JsonRpcException) as caught:
                create(date_from, date_to)
            self.assertEqual(caught.exception.args[0], "odoo.exceptions.ValidationError")
        for date_from, date_to in (("2024-02-30", "2024-03-01"), ("x", "2024-03-01"), ("10000-01-01", "2024-03-01")):
            with self.subTest(period=(date_from, date_to)), self.assertRaises(JsonRpcException):
                create(date_from, date_to)
        self.assertEqual(Statistics.search_count([]), before)
        # the bounds themselves are accepted
        self.assertTrue(create("2000-01-01", "2009-12-31"))
        self.assertTrue(create(str(latest - relativedelta(years=10) + timedelta(days=1)), str(latest)))

    def test_title_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        statistics = self.statistics(self.manager, self.shiqian, date(2024, 1, 1), date(2024, 6, 30))
        self.assertIn("01/01/2024", statistics.with_context(lang="en_US")._jianxi_title())
        title = statistics.with_context(lang="zh_CN")._jianxi_title()
        self.assertIn("2024年01月01日", title)
        self.assertIn("2024年06月30日", title)
        self.assertNotIn("2024-01-01", title)
