from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..rules import bounds, text
from .common import JianxiWorkflowCase, applied_on


@tagged("post_install", "-at_install")
class TestBounds(JianxiWorkflowCase):
    """Values that are typos or attacks, never facts, are refused with a message instead of being
    stored or ending in an HTTP 500 (issue 11, point 2)."""

    def test_positions_refuse_absurd_terms_even_in_draft(self):
        position = self._make_position(state="draft")
        cases = {
            "duration_months": (0, -3, 13, 120),
            # (inf and NaN never reach a model: Odoo cannot round them, the forms refuse them)
            "allowance": (1e26, -1),
            "headcount": (bounds.MAX_HEADCOUNT + 1,),
        }
        for name, values in cases.items():
            for value in values:
                with self.subTest(field=name, value=value), self.assertRaises(ValidationError):
                    position.write({name: value})
                    position.flush_recordset()
        position.write({"duration_months": 12, "allowance": 2500, "headcount": 5})  # still fine

    def test_units_refuse_absurd_staff_counts(self):
        for value in (-1, bounds.MAX_STAFF + 1):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                self.unit.insured_staff_count = value
        self.unit.insured_staff_count = 250

    def test_profile_dates_are_of_this_world(self):
        tomorrow = date.today() + timedelta(days=1)
        for name in ("diploma_date", "diploma_registration_date", "unemployment_registration_date"):
            for value in (date(9999, 12, 31), tomorrow, date(1899, 12, 31)):
                with self.subTest(field=name, value=value), self.assertRaises(ValidationError) as cm:
                    self.applicant.write({name: value})
                self.assertIn("today", str(cm.exception))
        self.applicant.diploma_date = date(2023, 7, 1)

    def test_premiums_are_finite_and_bounded(self):
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position().id}
        )
        for value in (1e26, -5):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                internship.accident_premium = value
        internship.medical_premium = 150

    def test_an_internship_does_not_start_before_the_application(self):
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": self._make_position().id}
        )
        internship._jianxi_force_state("approved")
        applied_on(internship, "2026-03-10")
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_save_onboarding({"start_date": "2026-03-09"})
        self.assertIn("before the application", str(cm.exception))
        internship.with_user(self.unit_user).action_save_onboarding({"start_date": "2026-03-10"})
        self.assertEqual(internship.start_date, date(2026, 3, 10))

    def test_control_characters(self):
        self.assertTrue(text.has_control_characters("张\x00三"))
        self.assertTrue(text.has_control_characters("invoice\u202efdp.exe"))
        self.assertFalse(text.has_control_characters("第一行\n第二行\t（制表）\r\n"))
        self.assertEqual(text.strip_control_characters("软\x00件\x1b开发"), "软件开发")
