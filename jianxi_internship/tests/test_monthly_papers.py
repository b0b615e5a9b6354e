"""Monthly papers from the unit (issue 13, point 1): each month's attendance record (考勤记录) and
allowance payment proof (见习生活补助发放凭证), one upload covering the interns ticked; the claim
says, per intern and month, whether they are there, and the policy pays, flags or leaves out a month
without them.

- the rules, as plain Python, one named case per mode;
- the model: the month and the interns decided by the server, papers locked once claimed;
- the record rules: another unit sees nothing;
- the portal, over HTTP as the unit's contact, with hostile input (never a 500);
- the claim's lines and its papers' ZIP.
"""

import base64
import csv
import io
import zipfile
from datetime import date

from freezegun import freeze_time
from lxml import html as lxml_html

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules import subsidy as sb

from .common import ONBOARDING_PDF, JianxiHttpCase, onboarding_values

PDF = base64.b64decode(ONBOARDING_PDF)
MARCH, APRIL, MAY = date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)


def wage(day):
    return 2000.0


class TestRulesMonthlyPapers(TestCase, metaclass=MetaCase):
    """An internship of March to May 2026 whose April has no papers, under each mode."""

    def line(self, mode, paper_months=frozenset({MARCH, MAY}), **changes):
        values = {
            "key": 1,
            "start": MARCH,
            "planned_end": date(2026, 5, 31),
            "actual_end": date(2026, 5, 31),
            "state": "ended",
            "end_reason": "completed",
            "paper_months": paper_months,
            **changes,
        }
        policy = sb.SubsidyPolicy(missing_papers=mode)
        return sb.compute_line(sb.InternPeriod(**values), date(2026, 6, 10), wage, policy, None)

    def test_pay_mode_pays_and_says_nothing(self):
        line = self.line(sb.PAPERS_PAY)
        self.assertEqual(line.wage_amount, 3600.0)
        self.assertEqual(line.missing_paper_months, (APRIL,))
        self.assertIsNone(line.papers_code)

    def test_flag_mode_pays_and_names_the_months(self):
        line = self.line(sb.PAPERS_FLAG)
        self.assertEqual(line.wage_amount, 3600.0)
        self.assertEqual(line.papers_code, sb.PAPERS_MISSING)
        self.assertEqual(line.papers_params, {"months": "2026-04"})
        self.assertIn("2026-04", sb.render_reason(line.papers_code, line.papers_params))

    def test_exclude_mode_leaves_the_month_unpaid(self):
        line = self.line(sb.PAPERS_EXCLUDE)
        self.assertEqual(line.wage_amount, 2400.0, "March and May at 60% of 2000")
        self.assertEqual(line.months_served, 2.0)
        self.assertEqual([row[0] for row in line.monthly_breakdown], [MARCH, MAY])
        self.assertEqual(line.papers_code, sb.PAPERS_EXCLUDED)
        self.assertIn("not paid", sb.render_reason(line.papers_code, line.papers_params))

    def test_every_month_covered_changes_nothing(self):
        for mode in (sb.PAPERS_PAY, sb.PAPERS_FLAG, sb.PAPERS_EXCLUDE):
            line = self.line(mode, paper_months=frozenset({MARCH, APRIL, MAY}))
            self.assertEqual((line.wage_amount, line.papers_code, line.missing_paper_months), (3600.0, None, ()))

    def test_exempt_internship_asks_for_no_papers(self):
        line = self.line(sb.PAPERS_EXCLUDE, paper_months=None)
        self.assertEqual((line.wage_amount, line.papers_code), (3600.0, None))

    def test_early_hire_months_ask_for_no_papers(self):
        # Hired at the end of March: April and May are paid as early-hire months, no papers asked.
        line = self.line(
            sb.PAPERS_EXCLUDE, paper_months=frozenset({MARCH}), actual_end=date(2026, 3, 31), end_reason="hired"
        )
        self.assertEqual((line.wage_amount, line.early_hire_amount, line.papers_code), (1200.0, 2400.0, None))


@tagged("post_install", "-at_install")
class TestMonthlyPapers(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_user.lang = "en_US"
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        position = cls._make_position(name="月度材料 见习岗", headcount=5)
        cls.zhang, cls.li = cls.env["jianxi.internship"].create(
            [
                {
                    "applicant_id": applicant.id,
                    "position_id": position.id,
                    **onboarding_values(MARCH, date(2026, 5, 31)),
                }
                for applicant in (cls.applicant, cls.other_applicant)
            ]
        )
        (cls.zhang | cls.li)._jianxi_force_state("on_duty")
        cls.Paper = cls.env["jianxi.monthly.paper"]

    def _tree(self, response):
        self.assertEqual(response.status_code, 200, response.text[:300])
        return lxml_html.fromstring(response.text)

    def _paper(self, month, kind, internships, user=None):
        Paper = self.Paper.with_user(user) if user else self.Paper
        return Paper.create(
            {
                "unit_id": self.unit.id,
                "month": month,
                "kind": kind,
                "file": ONBOARDING_PDF,
                "filename": "sheet.pdf",
                "internship_ids": internships.ids,
            }
        )

    def _all_papers(self, months=(MARCH, APRIL, MAY)):
        for month in months:
            for kind in ("attendance", "allowance"):
                self._paper(month, kind, self.zhang | self.li)

    def _end_and_claim(self, mode="flag"):
        self.env["jianxi.policy"]._lookup(self.shiqian, date(2026, 6, 10)).missing_monthly_papers = mode
        (self.zhang | self.li).write({"actual_end_date": date(2026, 5, 31), "end_reason": "completed"})
        (self.zhang | self.li)._jianxi_force_state("ended")
        claim = self.env["jianxi.subsidy.claim"].create({"unit_id": self.unit.id, "claim_date": date(2026, 6, 10)})
        claim._jianxi_generate_lines()
        return claim

    # ------------------------------------------------------------------ the model
    @freeze_time("2026-04-15")
    def test_the_server_decides_the_month_and_the_uploader(self):
        paper = self._paper(date(2026, 4, 20), "attendance", self.zhang, user=self.unit_user)
        self.assertEqual(paper.month, APRIL, "any day stands for its month")
        self.assertEqual(paper.uploaded_by_id, self.unit_user)
        with self.assertRaisesRegex(ValidationError, "current month"):
            self._paper(MAY, "attendance", self.zhang, user=self.unit_user)
        with self.assertRaisesRegex(ValidationError, "not on duty in 2026-02"):
            self._paper(date(2026, 2, 1), "attendance", self.zhang, user=self.unit_user)

    @freeze_time("2026-04-15")
    def test_foreign_internships_are_refused(self):
        foreign = self.env["jianxi.internship"].create(
            {
                "applicant_id": self._make_applicant(self._portal_user("t_foreign").partner_id, "王五").id,
                "position_id": self._make_position(unit=self.other_unit).id,
                **onboarding_values(MARCH, date(2026, 5, 31)),
            }
        )
        foreign._jianxi_force_state("on_duty")
        with self.assertRaisesRegex(ValidationError, "unit's own interns"):
            self._paper(MARCH, "attendance", self.zhang | foreign, user=self.unit_user)

    @freeze_time("2026-06-10")
    def test_papers_of_a_submitted_claim_are_locked(self):
        self._all_papers()
        claim = self._end_and_claim()
        paper = self.Paper.search([("month", "=", APRIL)], limit=1)
        claim.with_user(self.unit_user).action_submit()
        with self.assertRaisesRegex(UserError, "Upload a new paper instead"):
            paper.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "Upload a new paper instead"):
            paper.with_user(self.manager).write({"kind": "allowance"})
        self._paper(APRIL, "attendance", self.zhang, user=self.unit_user)  # a new upload is welcome

    @freeze_time("2026-04-15")
    def test_another_unit_sees_nothing(self):
        paper = self._paper(MARCH, "attendance", self.zhang)
        self.assertFalse(self.Paper.with_user(self.other_unit_user).search([("id", "=", paper.id)]))
        with self.assertRaises(AccessError):
            paper.with_user(self.other_unit_user).read(["filename"])
        self.assertTrue(self.Paper.with_user(self.officer_shiqian).search([("id", "=", paper.id)]))
        self.assertFalse(self.Paper.with_user(self.officer_sinan).search([("id", "=", paper.id)]))
        with self.assertRaises(AccessError):
            self.Paper.with_user(self.other_unit_user).create(
                {
                    "unit_id": self.unit.id,
                    "month": MARCH,
                    "kind": "attendance",
                    "file": ONBOARDING_PDF,
                    "internship_ids": self.zhang.ids,
                }
            )

    # ------------------------------------------------------------------ the claim
    @freeze_time("2026-06-10")
    def test_the_claim_flags_or_excludes_missing_months(self):
        self._all_papers(months=(MARCH, MAY))
        self._paper(APRIL, "attendance", self.zhang)  # April: an attendance record only, for 张三 only
        claim = self._end_and_claim("flag")
        line = claim.line_ids.filtered(lambda line: line.internship_id == self.zhang)
        self.assertEqual(line.wage_amount, 3240.0)
        self.assertEqual(
            line.monthly_papers["2026-04"], {"attendance": True, "allowance": False}, "per month, per paper"
        )
        self.assertTrue(line.papers_missing)
        self.assertIn("2026-04", line.reason)
        self.assertIn("2026-04: Attendance Record ✓, Allowance Payment Proof ✗", line.papers_summary)
        # the claim form the officer prints says it too, in the reader's language
        form = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html("jianxi_internship.action_report_subsidy_claim", claim.ids)[0]
            .decode()
        )
        self.assertIn("见习人员备注", form)
        self.assertIn("2026-04", form.split("见习人员备注", 1)[1])

        claim._jianxi_write_workflow({"claim_date": date(2026, 6, 10)})
        self.env["jianxi.policy"]._lookup(self.shiqian, date(2026, 6, 10)).missing_monthly_papers = "exclude"
        claim._jianxi_generate_lines()
        self.assertEqual(claim.line_ids.mapped("wage_amount"), [2160.0, 2160.0])
        self.assertIn("not paid", claim.line_ids[0].reason)

    @freeze_time("2026-06-10")
    def test_all_papers_keep_the_amount_and_say_nothing(self):
        self._all_papers()
        line = self._end_and_claim("exclude").line_ids[0]
        self.assertEqual((line.wage_amount, line.papers_missing, line.reason), (3240.0, False, False))

    @freeze_time("2026-06-10")
    def test_the_zip_holds_each_upload_once_and_lists_missing_months(self):
        self._all_papers(months=(MARCH, APRIL))
        claim = self._end_and_claim()
        self.officer_shiqian.lang = "en_US"
        with self._force_pdf():
            self._login(self.officer_shiqian)
            response = self._get(f"/jianxi/claims/{claim.id}/papers")
        self.assertEqual(response.status_code, 200)
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        monthly = [name for name in archive.namelist() if name.startswith("Monthly Papers/")]
        self.assertEqual(len(monthly), 4, "one copy per upload, though each covers two interns")
        self.assertEqual(archive.read(monthly[0]), PDF)
        listing = list(csv.reader(io.StringIO(archive.read("List of Papers.csv").decode("utf-8-sig"))))
        self.assertIn(["1", "张三", "2026-05 Attendance Record", "Not uploaded"], listing)
        self.assertIn(["2", "李四", "2026-05 Allowance Payment Proof", "Not uploaded"], listing)
        march = [row for row in listing if row[2] == "2026-03 Attendance Record"]
        self.assertEqual(len(march), 2)
        self.assertEqual(march[0][3], march[1][3], "both interns point to the same file")

    # ------------------------------------------------------------------ the portal
    @freeze_time("2026-04-15")
    def test_the_unit_uploads_through_the_portal(self):
        self._login(self.unit_user)
        page = self._tree(self._get("/my/interns/papers"))
        self.assertEqual(page.xpath("//select[@name='month']/option/@value"), ["2026-04", "2026-03"])
        ticked = page.xpath("//input[@name='internship_ids'][@checked]/@value")
        self.assertEqual(sorted(ticked), sorted(str(i) for i in (self.zhang | self.li).ids), "all on duty by default")
        response = self._post(
            "/my/interns/papers/upload",
            {"month": "2026-03", "kind": "allowance", "internship_ids": [self.zhang.id, self.li.id]},
            files={"file": ("工资表.pdf", PDF, "application/pdf")},
        )
        self.assertRedirectedTo(response, "/my/interns/papers")
        paper = self.Paper.search([("unit_id", "=", self.unit.id)])
        self.assertEqual((paper.month, paper.kind, paper.internship_ids), (MARCH, "allowance", self.zhang | self.li))
        self.assertEqual(paper.filename, "工资表.pdf")
        page = self._tree(self._get("/my/interns/papers?month=2026-03"))
        grid = page.xpath(f"//*[@data-intern='{self.zhang.id}']//tr[@data-month='2026-03']")[0]
        self.assertTrue(
            grid.xpath(".//td[contains(@class, 'o_jianxi_paper_allowance')]/span[contains(@class, 'present')]")
        )
        self.assertTrue(
            grid.xpath(".//td[contains(@class, 'o_jianxi_paper_attendance')]/span[contains(@class, 'missing')]")
        )
        response = self._get(f"/my/interns/papers/{paper.id}/file")
        self.assertEqual(response.content, PDF)

        self._post(f"/my/interns/papers/{paper.id}/delete")
        self.assertFalse(paper.exists())

    @freeze_time("2026-04-15")
    def test_bad_input_gets_a_message_and_keeps_the_form(self):
        self._login(self.unit_user)
        foreign = self.env["jianxi.internship"].search([("unit_id", "!=", self.unit.id)], limit=1)
        cases = {
            "no file": ({"internship_ids": [self.zhang.id]}, None, "choose the file"),
            "bad month": ({"month": "2026-13"}, PDF, "choose the month"),
            "future month": ({"month": "2026-05"}, PDF, "current month"),
            "before the start": ({"month": "2025-12"}, PDF, "not on duty"),
            "no intern": ({"internship_ids": []}, PDF, "tick the interns"),
            "foreign intern": ({"internship_ids": [self.zhang.id, foreign.id or 2**31 - 1]}, PDF, "own interns"),
            "huge id": ({"internship_ids": ["99999999999999999999"]}, PDF, "own interns"),
            "bad kind": ({"kind": "salary"}, PDF, "which paper"),
            "not a document": ({}, b"<html>hello</html>", "must be a PDF, JPEG or PNG"),
        }
        for name, (changes, data, message) in cases.items():
            with self.subTest(name):
                values = {"month": "2026-03", "kind": "attendance", "internship_ids": [self.li.id], **changes}
                files = {"file": ("scan.pdf", data, "application/pdf")} if data is not None else None
                response = self._post("/my/interns/papers/upload", values, files=files)
                self.assertEqual(response.status_code, 200, response.text[:300])
                page = self._tree(response)
                alert = page.xpath("//*[contains(@class, 'o_jianxi_unit_error')]")
                self.assertTrue(alert and message in alert[0].text_content(), (name, response.text[:500]))
                self.assertFalse(self.Paper.search([]), "nothing saved")
        # what was chosen is kept
        response = self._post(
            "/my/interns/papers/upload", {"month": "2026-04", "kind": "allowance", "internship_ids": [self.li.id]}
        )
        page = self._tree(response)
        self.assertEqual(page.xpath("//select[@name='month']/option[@selected]/@value"), ["2026-04"])
        self.assertEqual(page.xpath("//select[@name='kind']/option[@selected]/@value"), ["allowance"])
        self.assertEqual(page.xpath("//input[@name='internship_ids'][@checked]/@value"), [str(self.li.id)])

    @freeze_time("2026-04-15")
    def test_another_unit_gets_404(self):
        paper = self._paper(MARCH, "attendance", self.zhang)
        self._login(self.other_unit_user)
        self.assertEqual(self._get(f"/my/interns/papers/{paper.id}/file").status_code, 404)
        self.assertEqual(self._post(f"/my/interns/papers/{paper.id}/delete").status_code, 404)
        self.assertTrue(paper.exists())
        self.assertNotIn("sheet.pdf", self._get("/my/interns/papers").text)
        self.assertEqual(
            self._post("/my/interns/papers/upload", {"month": "2026-03"}, csrf=False).status_code, 400, "CSRF"
        )
