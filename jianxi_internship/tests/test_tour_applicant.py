import base64
from datetime import date, timedelta

from odoo.tests import tagged

from .common import JianxiHttpCase

TOUR_ID_NUMBER = "520623200309094689"  # typed by tour 1 (static/tests/tours/jianxi_applicant_flow_tour.js)


@tagged("post_install", "-at_install")
class TestApplicantTours(JianxiHttpCase):
    """The browser tours of the sign-up and the applicant's pages, in Chromium, at desktop size
    (and at phone size in the subclass below)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls.position = cls._make_position(name="TourOne 行政助理见习岗", deadline=date.today() + timedelta(days=30))

    def _signed_up(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertEqual(len(user), 1)
        self.assertTrue(user.share)
        self.assertFalse(user.groups_id & self.env.ref("base.group_user"), "portal only")
        return user

    def test_tour_1_visitor_signs_up_fills_the_profile_and_applies_once(self):
        self.start_tour("/internships", "jianxi_applicant_flow_tour", login=None)
        user = self._signed_up("tour.applicant@example.com")
        applicant = self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)])
        self.assertEqual(
            (applicant.name, applicant.id_number, applicant.category), ("周见习", TOUR_ID_NUMBER, "college")
        )
        self.assertEqual(
            (applicant.household_region_id, applicant.school, str(applicant.diploma_date)),
            (self.shiqian, "铜仁学院", "2025-07-01"),
        )
        self.assertTrue(base64.b64decode(applicant.id_card).startswith(b"%PDF-"))
        self.assertEqual(applicant.diploma_filename, "diploma.pdf")
        internships = self.env["jianxi.internship"].search([("applicant_id", "=", applicant.id)])
        self.assertEqual(len(internships), 1, "the second apply was refused")
        self.assertEqual((internships.position_id, internships.state), (self.position, "applied"))

    def test_tour_3_unit_representative_signs_up_fills_the_profile_and_submits_it(self):
        self.start_tour("/web/signup", "jianxi_unit_signup_tour", login=None)
        user = self._signed_up("tour.unit@example.com")
        company = user.partner_id.parent_id
        self.assertTrue(company.is_company)
        self.assertEqual(user.commercial_partner_id, company)
        unit = self.env["jianxi.unit"].search([("partner_id", "=", company.id)])
        self.assertEqual(len(unit), 1)
        self.assertEqual(
            (unit.name, unit.region_id, unit.state), ("TourThree 石阡县某农业有限公司", self.shiqian, "submitted")
        )
        self.assertEqual(
            (unit.credit_code, unit.legal_representative, unit.contact_name, unit.insured_staff_count),
            ("91520623MA6DT77771", "孙法人", "钱代表", 25),
        )
        self.assertTrue(base64.b64decode(unit.business_licence).startswith(b"%PDF-"))
        self.assertTrue(unit.activity_ids, "the county's officers have the review on their desk")


@tagged("post_install", "-at_install")
class TestApplicantToursPhone(TestApplicantTours):
    """The same tours on a phone-sized touch screen: most applicants use one."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True  # Odoo's own runner only runs a class's own methods otherwise
