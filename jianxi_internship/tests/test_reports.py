import io
import unicodedata
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_date
from odoo.tools.pdf import PdfFileReader

from ..rules import identity
from .common import JianxiWorkflowCase

CLAIM_DATE = date(2024, 2, 1)

# Qt writes the ToUnicode map of the Noto CJK fonts with the radical code points that share a glyph
# with an ideograph (⽅ for 方, ⻅ for 见): NFKC folds the Kangxi radicals back, this table the
# simplified radicals of the CJK Radicals Supplement that NFKC leaves alone.
_SIMPLIFIED_RADICALS = str.maketrans(
    "⻅⻆⻉⻋⻓⻔⻙⻚⻛⻜⻝⻢⻣⻥⻦⻧⻨⻩⻪⻬⻮⻰⻤⻘⺠", "见角贝车长门韦页风飞食马骨鱼鸟卤麦黄黾齐齿龙鬼青民"
)


def fold(text):
    """Text as extracted from a PDF, comparable with what was written: radicals folded to
    ideographs, full-width punctuation to ASCII (NFKC), and no white space at all (the extraction
    puts line breaks and tabs where the layout wrapped)."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_SIMPLIFIED_RADICALS).split())


@tagged("post_install", "-at_install")
class TestReports(JianxiWorkflowCase):
    """The four PDF reports, rendered for real by wkhtmltopdf, then read back as text.

    The scene, in 石阡县 (60% of a ¥1,500 minimum wage = ¥900 a month, insurance repaid up to ¥300):
    - 张三 interned at the unit from 2023-09-01 and left on 2024-01-10 for a job elsewhere:
      4 × ¥900 + 10/31 × ¥900 (¥290.32) + ¥200 of insurance = ¥4,090.32 (肆仟零玖拾元零叁角贰分);
    - 李四 is still on duty although the agreement ended on 2023-12-31: the claim leaves them out
      because the unit never recorded the end (人员终止);
    - 王五 was approved by the bureau for the other unit, in 思南县 (no dates yet).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_settings_of(cls.shiqian)
        cls._make_policy("石阡县报表测试政策", cls.shiqian)
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1500})
        cls.unit.address = "石阡县汤山镇民主路8号"
        cls.applicant.partner_id.phone = "13985012345"
        cls.position = cls._make_position(cls.unit, name="财务助理见习岗", headcount=10, allowance=2500)
        cls.other_position = cls._make_position(cls.other_unit, name="电商运营见习岗", headcount=10, allowance=2500)
        cls.left = cls._internship(
            cls.applicant,
            cls.position,
            "ended",
            start="2023-09-01",
            planned_end="2024-02-29",
            actual_end_date="2024-01-10",
            end_reason="job_elsewhere",
            accident_policy_number="PA20230901001",
            accident_date_from="2023-09-01",
            accident_date_to="2024-08-31",
            accident_premium=120,
            medical_policy_number="MI20230901002",
            medical_date_from="2023-09-01",
            medical_date_to="2024-08-31",
            medical_premium=80,
        )
        cls.forgotten = cls._internship(
            cls.other_applicant, cls.position, "on_duty", start="2023-07-01", planned_end="2023-12-31"
        )
        wang = cls._make_applicant(cls.env["res.partner"].create({"name": "王五"}), "王五", birth=(2000, 5, 5))
        cls.approved_elsewhere = cls._internship(wang, cls.other_position, "approved")
        cls.claim = cls.env["jianxi.subsidy.claim"]._jianxi_create_for_unit(cls.unit, CLAIM_DATE)

    @classmethod
    def _internship(cls, applicant, position, state, start=None, planned_end=None, **vals):
        return (
            cls.env["jianxi.internship"]
            .create(
                {
                    "applicant_id": applicant.id,
                    "position_id": position.id,
                    "agreement_date": start,
                    "start_date": start,
                    "planned_end_date": planned_end,
                    **vals,
                }
            )
            ._jianxi_force_state(state)
        )

    def _render(self, report, records, user=None):
        """Render ``report`` for ``records`` as ``user`` with wkhtmltopdf; return (pages, folded text)."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        content, report_type = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            f"jianxi_internship.{report}", records.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"), "wkhtmltopdf did not produce a PDF")
        reader = PdfFileReader(io.BytesIO(content))
        return len(reader.pages), fold("".join(page.extract_text() for page in reader.pages))

    def day(self, value):
        """A date as the reports print it: in the format of the reader's language."""
        return format_date(self.env, value)

    def assertInPdf(self, text, *expected):
        for value in expected:
            self.assertIn(fold(str(value)), text)

    def assertNotInPdf(self, text, *unexpected):
        for value in unexpected:
            self.assertNotIn(fold(str(value)), text)

    # ------------------------------------------------------------------ 见习补贴申领表
    def test_claim_form_has_lines_totals_in_figures_and_words_and_the_excluded_interns(self):
        self.assertEqual(self.claim.amount_total, 4090.32)
        _pages, text = self._render("action_report_subsidy_claim", self.claim, self.officer_shiqian)
        self.assertInPdf(
            text,
            self.claim.name,
            self.unit.name,
            self.unit.credit_code,
            "石阡县",
            "张三",
            "3,890.32",
            "200.00",
            "4,090.32",
            "肆仟零玖拾元零叁角贰分",
            "60%",
        )
        # The forgotten intern is listed apart, with the reason the unit must act on.
        self.assertInPdf(text, "李四", "人员终止 missing")

    # ------------------------------------------------------------------ 见习人员花名册
    def test_claim_roster_lists_the_claimed_interns_with_full_ids_for_an_officer(self):
        _pages, text = self._render("action_report_subsidy_claim_roster", self.claim, self.officer_shiqian)
        self.assertInPdf(text, self.claim.name, "张三", self.applicant.id_number, "财务助理见习岗", "Ended")
        self.assertNotInPdf(text, "李四")

    def test_unit_roster_masks_id_numbers_for_the_unit_portal_user(self):
        _pages, text = self._render("action_report_unit_roster", self.unit, self.unit_user)
        masked = identity.mask_resident_id(self.applicant.id_number)
        self.assertEqual(masked, self.applicant.id_number[:6] + "********" + self.applicant.id_number[-4:])
        self.assertInPdf(text, self.unit.name, "张三", "李四", masked, "Ended", "Confirmed on Duty")
        self.assertNotInPdf(text, self.applicant.id_number, self.other_applicant.id_number)

    def test_unit_roster_prints_one_document_per_unit_with_full_ids_for_an_officer(self):
        pages, text = self._render("action_report_unit_roster", self.unit | self.other_unit, self.officer_tongren)
        self.assertGreaterEqual(pages, 2)
        self.assertInPdf(
            text,
            self.unit.name,
            self.other_unit.name,
            self.applicant.id_number,
            self.approved_elsewhere.applicant_id.id_number,
            "王五",
            "Eligibility Approved",
        )

    def test_unit_roster_is_refused_to_another_unit(self):
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.other_unit_user).with_context(
                force_report_rendering=True
            )._render_qweb_pdf("jianxi_internship.action_report_unit_roster", self.unit.ids)

    # ------------------------------------------------------------------ 就业见习协议书
    def test_agreement_is_prefilled_from_the_internship_for_the_unit(self):
        # The unit's portal contact prints it, although portal rules hide the applicant record itself.
        _pages, text = self._render("action_report_internship_agreement", self.left, self.unit_user)
        self.assertInPdf(
            text,
            self.unit.name,
            self.unit.credit_code,
            "王法人",
            "石阡县汤山镇民主路8号",
            "赵联系",
            "0856-1234567",
            "张三",
            self.applicant.id_number,
            "13985012345",
            "贵州大学",
            "计算机科学与技术",
            "财务助理见习岗",
            self.day("2023-09-01"),
            self.day("2024-02-29"),
            "6 months",
            "2,500.00",
            "贰仟伍佰元整",
            "PA20230901001",
            "MI20230901002",
            "120.00",
            "80.00",
            self.day("2024-08-31"),
        )

    def test_agreement_reads_as_chinese_in_chinese(self):
        # Party B is a person (姓名, not 名称), and the amount in words sits in Chinese brackets.
        self.env["res.lang"]._activate_lang("zh_CN")
        (self.unit_user.partner_id | self.applicant.partner_id).write({"lang": "zh_CN"})
        html = (
            self.env["ir.actions.report"]
            .with_user(self.unit_user)
            .with_context(lang="zh_CN")
            ._render_qweb_html("jianxi_internship.action_report_internship_agreement", self.left.ids)[0]
            .decode()
        )
        self.assertIn("（大写：<span>贰仟伍佰元整</span>）", html)
        self.assertNotIn("(in words", html)
        self.assertIn("<th>姓名</th>", html)
        self.assertNotIn("<th>名称</th>", html)

    def test_agreement_is_refused_before_the_eligibility_approval(self):
        applied = self._internship(
            self._make_applicant(self.env["res.partner"].create({"name": "赵六"}), "赵六"), self.position, "applied"
        )
        with self.assertRaises(UserError) as catcher:
            self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "jianxi_internship.action_report_internship_agreement", applied.ids
            )
        self.assertIn("once the bureau has approved the eligibility", str(catcher.exception))

    # ------------------------------------------------------------------ 见习证明
    def test_certificate_of_an_ended_internship(self):
        _pages, text = self._render("action_report_completion_certificate", self.left, self.officer_shiqian)
        self.assertInPdf(
            text,
            f"JXZM-2024-{self.left.id:06d}",
            "张三",
            self.applicant.id_number,
            self.unit.name,
            "财务助理见习岗",
            self.day("2023-09-01"),
            self.day("2024-01-10"),
            "4 months and 10 days",
            "Job Elsewhere",
        )

    def test_certificate_is_refused_for_an_internship_not_ended(self):
        with self.assertRaises(UserError) as catcher:
            self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "jianxi_internship.action_report_completion_certificate", (self.left | self.forgotten).ids
            )
        self.assertIn("ended internship only", str(catcher.exception))
        self.assertIn("李四", str(catcher.exception))
