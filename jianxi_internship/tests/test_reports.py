import io
import re
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

    Each document reads in the language of whom it is for (the intern's agreement and certificate,
    the unit's claim form and rosters), whoever prints it: everyone speaks English unless a test
    says otherwise.
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
        # Each document is printed in the language of whom it is for (the unit, the intern): they
        # speak English, the source language the tests assert, unless a test makes them speak another.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.unit | cls.other_unit).partner_id.lang = "en_US"
        (cls.applicant | cls.other_applicant | wang).partner_id.lang = "en_US"

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

    def day(self, value, lang=None):
        """A date as the reports print it: in the format of the reader's language, or of ``lang``."""
        return format_date(self.env(context=dict(self.env.context, lang=lang)) if lang else self.env, value)

    def _html(self, report, records, user, lang):
        """Render ``report`` for ``records`` as HTML, as ``user`` reading ``lang``; return the
        documents (one per record, in the single article) and the whole HTML."""
        html = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_qweb_html(f"jianxi_internship.{report}", records.ids)[0]
            .decode()
        )
        # Every record prints in ONE article (Debian's wkhtmltopdf takes a single document).
        self.assertEqual(html.count('<div class="article'), 1, html)
        return re.split(r'<div class="jx-doc\b', html)[1:], html

    def _speak(self, partners, lang):
        self.env["res.lang"]._activate_lang(lang)
        partners.write({"lang": lang})

    def _state_label(self, record, lang, field="state"):
        """The label of ``record``'s state (or other selection ``field``) in ``lang``."""
        env = self.env(context=dict(self.env.context, lang=lang))
        return dict(record._fields[field]._description_selection(env))[record[field]]

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

    def test_claim_form_is_in_the_units_language_for_a_chinese_officer(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self._speak(self.unit.partner_id, "en_US")
        self.officer_shiqian.lang = "zh_CN"
        (document,), html = self._html("action_report_subsidy_claim", self.claim, self.officer_shiqian, "zh_CN")
        self.assertIn("<h1>Internship Subsidy Claim Form</h1>", document)
        self.assertIn(self.day(CLAIM_DATE, "en_US"), document)
        self.assertNotIn(self.day(CLAIM_DATE, "zh_CN"), document)
        self.assertIn(self._state_label(self.claim, "en_US"), document)
        # The reasons and the retention, computed when read, are read in the unit's language too.
        self.assertIn(self.claim.excluded_line_ids.with_context(lang="en_US").reason, document)
        self.assertIn(self.claim.with_context(lang="en_US").retention_summary, document)
        self.assertNotIn("见习补贴申领表", document)
        self.assertIn("<title>Subsidy Claim Form</title>", html)

    def test_claim_form_is_in_the_readers_language_when_the_unit_has_none(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.unit.partner_id.lang = False
        (document,), _html = self._html("action_report_subsidy_claim", self.claim, self.officer_shiqian, "zh_CN")
        self.assertIn("<h1>见习补贴申领表</h1>", document)
        self.assertIn(self.day(CLAIM_DATE, "zh_CN"), document)
        self.assertIn(self._state_label(self.claim, "zh_CN"), document)
        (document,), _html = self._html("action_report_subsidy_claim", self.claim, self.officer_shiqian, "en_US")
        self.assertIn("<h1>Internship Subsidy Claim Form</h1>", document)

    # ------------------------------------------------------------------ 见习人员花名册
    def test_claim_roster_is_in_the_units_language(self):
        self._speak(self.unit.partner_id, "zh_CN")
        (document,), _html = self._html("action_report_subsidy_claim_roster", self.claim, self.officer_shiqian, "en_US")
        self.assertIn("<h1>见习人员花名册</h1>", document)
        # The claim's number and date in one sentence, with Chinese brackets.
        self.assertIn(f"<span>{self.claim.name}（{self.day(CLAIM_DATE, 'zh_CN')}）</span>", document)
        self.assertIn(self._state_label(self.left, "zh_CN"), document)
        self.assertNotIn("Intern Roster", document)

    def test_unit_rosters_printed_together_are_each_in_their_units_language(self):
        self._speak(self.unit.partner_id, "zh_CN")
        self._speak(self.other_unit.partner_id, "en_US")
        (chinese, english), html = self._html(
            "action_report_unit_roster", self.unit | self.other_unit, self.officer_tongren, "en_US"
        )
        self.assertIn("<h1>见习人员花名册</h1>", chinese)
        self.assertIn(self._state_label(self.left, "zh_CN"), chinese)
        self.assertIn(self._state_label(self.forgotten, "zh_CN"), chinese)
        self.assertIn(self.day("2023-09-01", "zh_CN"), chinese)
        self.assertIn("<h1>Intern Roster</h1>", english)
        self.assertIn(self._state_label(self.approved_elsewhere, "en_US"), english)
        self.assertNotIn(self._state_label(self.approved_elsewhere, "zh_CN"), english)
        # Two languages: the PDF's title is the reader's.
        self.assertIn("<title>Intern Roster</title>", html)

    def test_claim_roster_lists_the_claimed_interns_with_masked_ids_for_an_officer(self):
        # docs/personal_data.md: staff read a full number only through the reveal (logged).
        _pages, text = self._render("action_report_subsidy_claim_roster", self.claim, self.officer_shiqian)
        masked = identity.mask_resident_id(self.applicant.id_number)
        self.assertInPdf(text, self.claim.name, "张三", masked, "财务助理见习岗", "Ended")
        self.assertNotInPdf(text, "李四", self.applicant.id_number)

    def test_unit_roster_masks_id_numbers_for_the_unit_portal_user(self):
        _pages, text = self._render("action_report_unit_roster", self.unit, self.unit_user)
        masked = identity.mask_resident_id(self.applicant.id_number)
        self.assertEqual(masked, self.applicant.id_number[:6] + "********" + self.applicant.id_number[-4:])
        self.assertInPdf(text, self.unit.name, "张三", "李四", masked, "Ended", "Confirmed on Duty")
        self.assertNotInPdf(text, self.applicant.id_number, self.other_applicant.id_number)

    def test_unit_roster_prints_one_document_per_unit_with_masked_ids_for_an_officer(self):
        pages, text = self._render("action_report_unit_roster", self.unit | self.other_unit, self.officer_tongren)
        self.assertGreaterEqual(pages, 2)
        self.assertInPdf(
            text,
            self.unit.name,
            self.other_unit.name,
            identity.mask_resident_id(self.applicant.id_number),
            identity.mask_resident_id(self.approved_elsewhere.applicant_id.id_number),
            "王五",
            "Eligibility Approved",
        )
        self.assertNotInPdf(text, self.applicant.id_number, self.approved_elsewhere.applicant_id.id_number)

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

    def test_agreement_is_in_the_interns_language_whoever_prints_it(self):
        # The unit's contact reads English; the intern speaks Chinese: the agreement is theirs.
        self._speak(self.applicant.partner_id, "zh_CN")
        (document,), html = self._html("action_report_internship_agreement", self.left, self.unit_user, "en_US")
        self.assertIn("<h1>就业见习协议书</h1>", document)
        self.assertIn("<th>姓名</th>", document)
        self.assertIn("（大写：<span>贰仟伍佰元整</span>）", document)
        self.assertIn(self.day("2024-08-31", "zh_CN"), document)  # the insurance cover
        self.assertNotIn(self.day("2024-08-31", "en_US"), document)
        self.assertNotIn("Youth Employment Internship Agreement", document)
        self.assertNotIn("Party A", document)
        # The PDF's title is the document's too, as it is the only one.
        self.assertIn("<title>就业见习协议书</title>", html)

    def test_agreement_period_reads_as_one_chinese_sentence(self):
        self._speak(self.applicant.partner_id, "zh_CN")
        (document,), _html = self._html("action_report_internship_agreement", self.left, self.unit_user, "en_US")
        start, end = self.day("2023-09-01", "zh_CN"), self.day("2024-02-29", "zh_CN")
        period = re.search(r"<th>见习期间</th>\s*<td[^>]*>(.*?)</td>", document, re.S).group(1).strip()
        self.assertEqual(period, f"自{start}至{end}，共6个月")
        self.assertNotIn(", ", period)

    def test_agreements_printed_together_are_each_in_their_interns_language(self):
        # 张三 speaks Chinese, 李四 English: one print, one article, two languages.
        self._speak(self.applicant.partner_id, "zh_CN")
        self._speak(self.other_applicant.partner_id, "en_US")
        chinese, english = self._html(
            "action_report_internship_agreement", self.left | self.forgotten, self.officer_shiqian, "zh_CN"
        )[0]
        self.assertIn("<h1>就业见习协议书</h1>", chinese)
        self.assertIn("张三", chinese)
        self.assertIn(f"自{self.day('2023-09-01', 'zh_CN')}至{self.day('2024-02-29', 'zh_CN')}，共6个月", chinese)
        self.assertIn("<h1>Youth Employment Internship Agreement</h1>", english)
        self.assertIn("李四", english)
        self.assertIn(f"From {self.day('2023-07-01', 'en_US')} to {self.day('2023-12-31', 'en_US')}, 6 months", english)
        self.assertNotIn("就业见习协议书", english)
        self.assertNotIn("见习期间", english)

    def test_agreement_is_in_the_readers_language_when_the_intern_has_none_installed(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.applicant.partner_id.lang = False
        (document,), _html = self._html("action_report_internship_agreement", self.left, self.unit_user, "zh_CN")
        self.assertIn("<h1>就业见习协议书</h1>", document)
        self.assertIn(self.day("2023-09-01", "zh_CN"), document)
        # A language that is no longer installed (as if deactivated after it was set).
        self.env.cr.execute("UPDATE res_partner SET lang = 'fr_FR' WHERE id = %s", [self.applicant.partner_id.id])
        self.env.invalidate_all()
        self.assertNotIn("fr_FR", dict(self.env["res.lang"].get_installed()))
        (document,), _html = self._html("action_report_internship_agreement", self.left, self.unit_user, "zh_CN")
        self.assertIn("<h1>就业见习协议书</h1>", document)
        (document,), _html = self._html("action_report_internship_agreement", self.left, self.unit_user, "en_US")
        self.assertIn("<h1>Youth Employment Internship Agreement</h1>", document)
        self.assertIn(self.day("2023-09-01", "en_US"), document)

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

    def test_certificate_is_in_the_interns_language_whoever_prints_it(self):
        self._speak(self.applicant.partner_id, "zh_CN")
        (document,), _html = self._html(
            "action_report_completion_certificate", self.left, self.officer_shiqian, "en_US"
        )
        self.assertIn("见习证明", document)
        self.assertIn(self.day("2023-09-01", "zh_CN"), document)
        self.assertIn(self.day("2024-01-10", "zh_CN"), document)
        self.assertIn("4个月10天", document)
        self.assertIn(self._state_label(self.left, "zh_CN", "end_reason"), document)
        self.assertNotIn("This is to certify", document)

    def test_certificate_is_refused_for_an_internship_not_ended(self):
        with self.assertRaises(UserError) as catcher:
            self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
                "jianxi_internship.action_report_completion_certificate", (self.left | self.forgotten).ids
            )
        self.assertIn("ended internship only", str(catcher.exception))
        self.assertIn("李四", str(catcher.exception))
