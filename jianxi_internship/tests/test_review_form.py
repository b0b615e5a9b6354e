import html
import json
from datetime import date
from urllib.parse import urlencode

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..rules import identity
from .common import JianxiHttpCase
from .test_internship import PDF, START, InternshipCase

PNG = b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
FACT_FIELDS = (
    "applicant_id_number_masked",
    "applicant_age",
    "reference_date",
    "applicant_category",
    "applicant_education_level_id",
    "applicant_school",
    "applicant_major",
    "applicant_diploma_date",
    "applicant_diploma_registration_date",
    "applicant_household_region_id",
    "applicant_unemployment_registration_date",
    "earlier_internships",
)
SCAN_FIELDS = ("applicant_id_card", "applicant_diploma", "applicant_unemployment_proof")


class ReviewFormCase(InternshipCase):
    """A graduate (ID card as PDF, diploma as PNG) with an earlier internship in 思南县, and an
    unemployed youth (unemployment proof as PDF), each confirmed for the 石阡县 unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.graduate = cls._new_applicant(
            "周八",
            birth=(2001, 5, 20),
            id_card=PDF,
            id_card_filename="id.pdf",
            diploma=PNG,
            diploma_filename="diploma.png",
        )
        cls.earlier = cls.Internship.create(
            {
                "applicant_id": cls.graduate.id,
                "position_id": cls.other_position.id,
                "state": "ended",
                "applied_at": "2022-08-01 08:00:00",
                "lifetime_exception": True,
            }
        )
        cls.graduate_internship = cls.Internship.create(
            {
                "applicant_id": cls.graduate.id,
                "position_id": cls.position.id,
                "state": "confirmed",
                "start_date": START,
                "agreement_date": date(2023, 2, 20),
                "lifetime_exception": True,
            }
        )
        cls.unemployed = cls._new_applicant(
            "吴九",
            birth=(1995, 6, 1),
            category="unemployed",
            education_level_id=False,
            diploma_date=False,
            diploma_registration_date=False,
            unemployment_registration_date="2023-01-10",
            unemployment_office="石阡县就业局",
            unemployment_proof=PDF,
            unemployment_proof_filename="proof.pdf",
        )
        cls.unemployed_internship = cls.Internship.create(
            {
                "applicant_id": cls.unemployed.id,
                "position_id": cls.position.id,
                "state": "confirmed",
            }
        )

    def form_arch(self, model="jianxi.internship", user=None):
        views = self.env[model].with_user(user or self.officer_shiqian).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"]), views["models"][model]["fields"]


@tagged("post_install", "-at_install")
class TestReviewForm(ReviewFormCase):
    def test_officer_form_shows_the_facts_and_the_previews(self):
        arch, fields = self.form_arch()
        for name in (*FACT_FIELDS, *SCAN_FIELDS):
            self.assertIn(name, fields)
            self.assertTrue(arch.xpath(f"//field[@name='{name}']"), name)
        for name in SCAN_FIELDS:
            widgets = {node.get("widget") for node in arch.xpath(f"//field[@name='{name}']")}
            self.assertEqual(widgets, {"pdf_viewer", "image"}, name)
            self.assertIn(f"{name}_kind", fields)
        self.assertTrue(arch.xpath("//button[@name='action_reveal_id_number']"))
        # Beside the checklist, on its page.
        page = arch.xpath("//page[@name='checklist']")[0]
        self.assertTrue(page.xpath(".//field[@name='applicant_id_number_masked']"))
        self.assertTrue(page.xpath(".//field[@name='applicant_id_card']"))
        self.assertTrue(page.xpath(".//field[@name='check_ids']"))

    def test_facts_of_a_graduate(self):
        internship = self.graduate_internship.with_user(self.officer_shiqian)
        number = self.graduate.id_number
        self.assertEqual(internship.applicant_id_number_masked, identity.mask_resident_id(number))
        self.assertNotIn(number[6:14], internship.applicant_id_number_masked)
        # The reference date is the start date; born on 2001-05-20, 21 on 2023-03-01.
        self.assertEqual(internship.reference_date, START)
        self.assertEqual(internship.applicant_age, 21)
        self.assertEqual(internship.applicant_category, "college")
        self.assertEqual(internship.applicant_school, "铜仁学院")
        self.assertEqual(internship.applicant_major, "会计学")
        self.assertEqual(internship.applicant_diploma_date, date(2022, 7, 1))
        self.assertEqual(internship.applicant_diploma_registration_date, date(2022, 7, 15))
        self.assertEqual(internship.applicant_household_region_id, self.shiqian)
        # The earlier internship was in another county: shown, although this officer cannot open it.
        self.assertIn("思南县某商贸有限公司", internship.earlier_internships)
        self.assertIn("Ended", internship.earlier_internships)
        self.assertEqual(internship.applicant_id_card_kind, "pdf")
        self.assertEqual(internship.applicant_diploma_kind, "image")
        self.assertFalse(internship.applicant_unemployment_proof_kind)
        self.assertTrue(internship.applicant_id_card)
        # The earlier one has no earlier internship itself.
        self.assertEqual(self.earlier.earlier_internships, "No earlier application.")

    def test_facts_of_an_unemployed_youth(self):
        internship = self.unemployed_internship.with_user(self.officer_shiqian)
        # No agreement yet: measured on the expected start, as the checklist is.
        expected = internship.sudo()._jianxi_expected_start()
        self.assertEqual(internship.reference_date, expected)
        self.assertEqual(internship.applicant_age, identity.age_on(date(1995, 6, 1), expected))
        self.assertEqual(internship.applicant_category, "unemployed")
        self.assertEqual(internship.applicant_unemployment_registration_date, date(2023, 1, 10))
        self.assertFalse(internship.applicant_education_level_id)
        self.assertEqual(internship.earlier_internships, "No earlier application.")
        self.assertEqual(internship.applicant_unemployment_proof_kind, "pdf")
        self.assertFalse(internship.applicant_id_card_kind)

    def test_the_facts_are_the_officers_only(self):
        internship = self.graduate_internship.with_user(self.unit_user)
        with self.assertRaises(AccessError):
            internship.read(["applicant_id_number_masked"])
        with self.assertRaises(AccessError):
            internship.read(["applicant_id_card"])

    def test_reveal_shows_the_full_number_to_the_officer_of_the_county(self):
        for user in (self.officer_shiqian, self.officer_tongren, self.manager):
            action = self.graduate_internship.with_user(user).action_reveal_id_number()
            self.assertEqual(action["tag"], "display_notification")
            self.assertEqual(action["params"]["message"], self.graduate.id_number)

    def test_reveal_is_refused_to_others(self):
        for user in (self.officer_sinan, self.unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.graduate_internship.with_user(user).action_reveal_id_number()

    def test_approve_reject_and_pay_ask_for_confirmation(self):
        arch, _fields = self.form_arch()
        for name in ("action_open_approve", "action_open_reject"):
            (button,) = arch.xpath(f"//header/button[@name='{name}']")
            self.assertTrue(button.get("confirm"), name)
        arch, _fields = self.form_arch("jianxi.subsidy.claim")
        for name in ("action_approve", "action_open_reject"):
            (button,) = arch.xpath(f"//header/button[@name='{name}']")
            self.assertTrue(button.get("confirm"), name)
        # the payment opens a window that asks the amount, the date and the voucher or batch number
        (button,) = arch.xpath("//header/button[@name='action_open_payment']")
        self.assertFalse(button.get("confirm"), "the window is the confirmation")
        arch, fields = self.form_arch("jianxi.claim.payment.wizard")
        for name in ("amount", "payment_date", "reference"):
            self.assertTrue(fields[name]["required"], name)
        (reason,) = arch.xpath("//field[@name='reason']")
        self.assertEqual(reason.get("required"), "amount_differs")
        self.assertTrue(arch.xpath("//footer/button[@name='action_confirm']"))

    def test_reports_are_offered_in_the_states_that_allow_them(self):
        agreement = self.env.ref("jianxi_internship.action_report_internship_agreement")
        certificate = self.env.ref("jianxi_internship.action_report_completion_certificate")
        self.assertTrue(agreement.domain)
        self.assertTrue(certificate.domain)
        reports = (agreement | certificate).with_user(self.manager)
        on_duty = self.make("on_duty", applicant=self._new_applicant("郑十"))
        offered = {
            state: set(reports.get_valid_action_reports("jianxi.internship", record.ids))
            for state, record in (
                ("confirmed", self.graduate_internship),
                ("on_duty", on_duty),
                ("ended", self.earlier),
            )
        }
        self.assertEqual(offered["confirmed"], set())
        self.assertEqual(offered["on_duty"], {agreement.id})
        self.assertEqual(offered["ended"], {agreement.id, certificate.id})

    def test_certificate_of_an_intern_on_duty_says_why(self):
        on_duty = self.make("on_duty", applicant=self._new_applicant("郑十"), **self.onboarding())
        report = self.env["ir.actions.report"].with_user(self.officer_shiqian)
        with self.assertRaisesRegex(UserError, "ended internship only"):
            report._render_qweb_pdf("jianxi_internship.action_report_completion_certificate", on_duty.ids)


@tagged("post_install", "-at_install")
class TestReviewFormDownload(ReviewFormCase, JianxiHttpCase):
    def test_refused_certificate_download_names_the_reason(self):
        """What the web client's Print menu calls (/report/download): the refusal comes back as a
        serialized UserError with its message, which the client shows in an error dialog."""
        on_duty = self.make("on_duty", applicant=self._new_applicant("郑十"), **self.onboarding())
        self.officer_shiqian.password = "officer-pw-123"
        self.authenticate(self.officer_shiqian.login, "officer-pw-123")
        url = f"/report/pdf/jianxi_internship.report_completion_certificate/{on_duty.id}"
        query = urlencode({"data": json.dumps([url, "qweb-pdf"]), "context": json.dumps({"lang": "en_US"})})
        with mute_logger("odoo.addons.web.controllers.report"):
            response = self.url_open(f"/report/download?{query}")
        # No file: the web client's download() reads the body as a serialized error and shows it.
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        error = json.loads(html.unescape(response.text))
        self.assertEqual(error["data"]["name"], "odoo.exceptions.UserError")
        self.assertIn("郑十", error["data"]["message"])
        self.assertIn("ended internship only", error["data"]["message"])
