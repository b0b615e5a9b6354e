import io
from datetime import date, timedelta

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import JianxiHttpCase

STATES = ("applied", "confirmed", "approved", "on_duty", "end_requested", "ended")
CATEGORIES = ("college", "vocational", "unemployed")


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
