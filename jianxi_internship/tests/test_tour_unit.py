import base64

from odoo.tests import tagged

from .common import JianxiHttpCase
from .test_portal_unit import agreed_period

TOUR_APPLICANT = "冯见习"  # the name tour 2 looks for (static/tests/tours/jianxi_unit_flow_tour.js)


@tagged("post_install", "-at_install")
class TestUnitTour(JianxiHttpCase):
    """Tour 2 in Chromium, at desktop size (and at phone size in the subclass below): a unit user
    confirms an applicant; the bureau approves (here, in the test code); the unit enters the
    agreement and insurances with the scans, confirms the intern on duty, ends the internship,
    and creates and submits a subsidy claim showing the computed amount."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A minimum wage for the county, so that the claim has amounts: 1,800 a month.
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1800})
        cls.position = cls._make_position(name="TourTwo 软件开发见习岗")
        partner = cls.env["res.partner"].create({"name": TOUR_APPLICANT})
        cls.tour_applicant = cls._make_applicant(partner, TOUR_APPLICANT, birth=(2002, 4, 4))
        cls.internship = cls.env["jianxi.internship"].create(
            {"applicant_id": cls.tour_applicant.id, "position_id": cls.position.id}
        )

    def test_tour_2_unit_confirms_onboards_ends_and_claims(self):
        # Part A: the unit confirms the applicant from its inbox.
        self.start_tour("/my/applications", "jianxi_unit_confirm_tour", login=self.unit_user.login)
        self.internship.invalidate_recordset()
        self.assertEqual(self.internship.state, "confirmed")

        # The bureau's eligibility review (见习人员审核), by the officer of 石阡县.
        self.internship.with_user(self.officer_shiqian).action_approve(
            override_reason="Checked against the originals at the service counter."
        )
        self.assertEqual(self.internship.state, "approved")

        # Part B: onboarding with the scans, 确认上岗, 人员终止, then the subsidy claim.
        self.start_tour("/my/interns", "jianxi_unit_onboarding_claim_tour", login=self.unit_user.login)
        self.env.invalidate_all()
        start, end = agreed_period()
        internship = self.internship
        self.assertEqual(
            (internship.state, internship.end_reason, internship.actual_end_date), ("ended", "completed", end)
        )
        self.assertEqual((internship.start_date, internship.planned_end_date), (start, end))
        self.assertEqual((internship.accident_policy_number, internship.medical_premium), ("PA-TOUR-1", 150))
        for name in ("agreement_file", "accident_policy_file", "medical_policy_file", "invoice_file"):
            self.assertTrue(base64.b64decode(internship[name]).startswith(b"%PDF-"), name)
        self.assertEqual(internship.invoice_filename, "invoice_file.pdf")
        claim = self.env["jianxi.subsidy.claim"].search([("unit_id", "=", self.unit.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.line_ids.internship_id, internship)
        # 6 months × 1,800 × 60 % = 6,480, plus the premiums 100 + 150 (under the 300 cap).
        self.assertEqual(claim.amount_total, 6730.0)


@tagged("post_install", "-at_install")
class TestUnitTourPhone(TestUnitTour):
    """The same tour on a phone-sized touch screen."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True  # Odoo's own runner only runs a class's own methods otherwise
