from datetime import date, timedelta
from html import unescape as html_unescape
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from ..rules import identity
from .common import PORTAL_ONBOARDING_DEFAULTS, JianxiHttpCase


@tagged("post_install", "-at_install")
class TestPortalReports(JianxiHttpCase):
    """The PDF reports on the portal: the unit's contact downloads the claim form and the claim's
    roster (/my/claims/<id>), the agreement and the certificate of its interns (/my/interns/<id>) and
    its intern roster (/my/unit); the applicant downloads their own agreement and certificate
    (/my/internships/<id>). Records are read as the user first: 404 (or the sign-in page) for anybody
    else; a report that does not apply to the state is refused on the record's page.

    In tests Odoo renders reports as HTML unless ``force_report_rendering`` is set: two tests force
    wkhtmltopdf (``_force_pdf``) and check a real PDF; the others read the HTML fallback.
    """

    onboarding_defaults = PORTAL_ONBOARDING_DEFAULTS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.unit_user | cls.other_unit_user | cls.applicant_user | cls.other_applicant_user).write({"lang": "en_US"})
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.position = cls._make_position(name="PortalReports 财务助理见习岗", headcount=5)
        start = (date.today() - relativedelta(months=7)).replace(day=1)
        end = start + relativedelta(months=6) - timedelta(days=1)
        onboarded = cls.onboarding(start, end, papers=["agreement_file"])
        # 张三 (the applicant) ended; 李四 (the other applicant) is approved; 王五 never arrived.
        cls.ended = cls._internship(cls.applicant, "ended", **onboarded, actual_end_date=end, end_reason="completed")
        cls.approved = cls._internship(cls.other_applicant, "approved", **onboarded)
        wang = cls._make_applicant(cls.env["res.partner"].create({"name": "王五"}), "王五", birth=(2000, 5, 5))
        cls.not_arrived = cls._internship(wang, "not_arrived")
        cls.claim = cls.env["jianxi.subsidy.claim"].create({"unit_id": cls.unit.id})

    @classmethod
    def _internship(cls, applicant, state, **vals):
        return (
            cls.env["jianxi.internship"]
            .create({"applicant_id": applicant.id, "position_id": cls.position.id, **vals})
            ._jianxi_force_state(state)
        )

    # ------------------------------------------------------------------ helpers
    def assertReport(self, response, *expected):
        """A report served as a PDF download (its HTML fallback in tests), with ``expected`` in it."""
        self.assertEqual(response.status_code, 200, response.url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(".pdf", response.headers["Content-Disposition"])
        text = html_unescape(response.content.decode())
        for value in expected:
            self.assertIn(value, text)
        return text

    def assertRefusedPage(self, response, message):
        """The record's page (HTML), with the report model's refusal; no file."""
        self.assertEqual(response.status_code, 200, response.url)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn(message, html_unescape(response.text))

    def assertNoData(self, response, *secrets):
        """A wrong user: a 404, or the sign-in page for a visitor, and none of the data."""
        if urlsplit(response.url).path == "/web/login":
            self.assertEqual(response.status_code, 200)
        else:
            self.assertEqual(response.status_code, 404, response.url)
        self.assertNotIn("Content-Disposition", response.headers)
        text = html_unescape(response.text)
        for secret in secrets:
            self.assertNotIn(secret, text)

    # ------------------------------------------------------------------ the unit's contact
    def test_unit_contact_downloads_the_claim_form_as_a_real_pdf(self):
        self._login(self.unit_user)
        with self._force_pdf():
            response = self._get(f"/my/claims/{self.claim.id}/report/claim?download=1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"), "wkhtmltopdf did not produce a PDF")
        disposition = response.headers["Content-Disposition"]
        self.assertIn("attachment;", disposition)
        self.assertIn(".pdf", disposition)

    def test_unit_contact_downloads_the_claim_roster_and_the_unit_roster_with_masked_ids(self):
        self._login(self.unit_user)
        self.assertReport(self._get(f"/my/claims/{self.claim.id}/report/roster?download=1"), self.claim.name)
        text = self.assertReport(
            self._get("/my/unit/report/roster?download=1"),
            self.unit.name,
            "张三",
            "李四",
            identity.mask_resident_id(self.applicant.id_number),
        )
        self.assertNotIn(self.applicant.id_number, text)
        self.assertNotIn("王五", text, "never arrived: not on the roster")

    def test_unit_contact_downloads_the_agreement_and_the_certificate_of_its_interns(self):
        self._login(self.unit_user)
        # Both parties sign the agreement and the certificate is the intern's: full ID numbers.
        self.assertReport(
            self._get(f"/my/interns/{self.approved.id}/report/agreement?download=1"),
            "李四",
            self.other_applicant.id_number,
            self.unit.name,
        )
        # It carries the full ID number: each print is in the access log (docs/personal_data.md).
        line = self.env["jianxi.access.log"].search([("document", "=", "agreement")])
        self.assertEqual(
            (line.user_id, line.applicant_id, line.code, line.res_id),
            (self.unit_user, self.other_applicant, "download", self.approved.id),
        )
        self.assertReport(
            self._get(f"/my/interns/{self.ended.id}/report/certificate"),
            "张三",
            self.applicant.id_number,
            f"JXZM-{self.ended.actual_end_date.year}-",
        )

    def test_unit_pages_link_to_the_reports_that_apply(self):
        self._login(self.unit_user)
        html = html_unescape(self._get(f"/my/interns/{self.ended.id}").text)
        self.assertIn(f"/my/interns/{self.ended.id}/report/agreement?download=1", html)
        self.assertIn(f"/my/interns/{self.ended.id}/report/certificate?download=1", html)
        html = html_unescape(self._get(f"/my/interns/{self.approved.id}").text)
        self.assertIn(f"/my/interns/{self.approved.id}/report/agreement", html)
        self.assertNotIn("/report/certificate", html)
        html = html_unescape(self._get(f"/my/interns/{self.not_arrived.id}").text)
        self.assertNotIn("/report/", html)
        html = html_unescape(self._get(f"/my/claims/{self.claim.id}").text)
        self.assertIn(f"/my/claims/{self.claim.id}/report/claim?download=1", html)
        self.assertIn(f"/my/claims/{self.claim.id}/report/roster?download=1", html)
        self.assertIn("/my/unit/report/roster?download=1", html_unescape(self._get("/my/unit").text))

    def test_unit_contact_is_refused_a_report_that_does_not_apply_to_the_state(self):
        self._login(self.unit_user)
        self.assertRefusedPage(
            self._get(f"/my/interns/{self.approved.id}/report/certificate"),
            "A completion certificate is issued for an ended internship only",
        )
        self.assertRefusedPage(
            self._get(f"/my/interns/{self.not_arrived.id}/report/agreement"),
            "can be printed once the bureau has approved the eligibility",
        )
        self.assertNoData(self._get(f"/my/interns/{self.ended.id}/report/invoice"))
        self.assertNoData(self._get(f"/my/claims/{self.claim.id}/report/certificate"))

    def test_unit_reports_are_refused_to_other_users(self):
        urls = [
            f"/my/claims/{self.claim.id}/report/claim",
            f"/my/claims/{self.claim.id}/report/roster",
            f"/my/interns/{self.approved.id}/report/agreement",
            f"/my/interns/{self.ended.id}/report/certificate",
        ]
        secrets = ("张三", "李四", self.applicant.id_number, self.other_applicant.id_number, self.claim.name)
        for user in (self.other_unit_user, self.applicant_user, None):
            self._login(user)
            for url in urls:
                with self.subTest(user=user and user.login, url=url):
                    self.assertNoData(self._get(url), *secrets)
        # Another unit's contact gets their own unit's roster, without this unit's interns; an
        # applicant (no unit) and a visitor get nothing.
        self._login(self.other_unit_user)
        text = self.assertReport(self._get("/my/unit/report/roster"), self.other_unit.name)
        for secret in (self.unit.name, *secrets):
            self.assertNotIn(secret, text)
        for user in (self.applicant_user, None):
            self._login(user)
            self.assertNoData(self._get("/my/unit/report/roster"), self.unit.name, "张三")

    # ------------------------------------------------------------------ the applicant
    def test_applicant_downloads_their_certificate_as_a_real_pdf(self):
        self._login(self.applicant_user)
        with self._force_pdf():
            response = self._get(f"/my/internships/{self.ended.id}/report/certificate?download=1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"), "wkhtmltopdf did not produce a PDF")
        self.assertIn("attachment;", response.headers["Content-Disposition"])

    def test_applicant_downloads_their_agreement_and_sees_the_links(self):
        self._login(self.applicant_user)
        self.assertReport(
            self._get(f"/my/internships/{self.ended.id}/report/agreement?download=1"),
            "张三",
            self.applicant.id_number,
            self.unit.name,
        )
        html = html_unescape(self._get(f"/my/internships/{self.ended.id}").text)
        self.assertIn(f"/my/internships/{self.ended.id}/report/agreement?download=1", html)
        self.assertIn(f"/my/internships/{self.ended.id}/report/certificate?download=1", html)
        self._login(self.other_applicant_user)
        html = html_unescape(self._get(f"/my/internships/{self.approved.id}").text)
        self.assertIn(f"/my/internships/{self.approved.id}/report/agreement?download=1", html)
        self.assertNotIn("/report/certificate", html)

    def test_applicant_is_refused_a_certificate_before_the_end(self):
        self._login(self.other_applicant_user)
        self.assertRefusedPage(
            self._get(f"/my/internships/{self.approved.id}/report/certificate"),
            "A completion certificate is issued for an ended internship only",
        )
        self.assertNoData(self._get(f"/my/internships/{self.approved.id}/report/roster"))

    def test_applicant_reports_are_refused_to_other_users(self):
        urls = [
            f"/my/internships/{self.ended.id}/report/agreement",
            f"/my/internships/{self.ended.id}/report/certificate",
        ]
        # The other applicant, the unit's contact (who uses /my/interns) and a visitor.
        for user in (self.other_applicant_user, self.unit_user, None):
            self._login(user)
            for url in urls:
                with self.subTest(user=user and user.login, url=url):
                    self.assertNoData(self._get(url), "张三", self.applicant.id_number)
