from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ONBOARDING_PDF as LICENCE
from .common import JianxiWorkflowCase


@tagged("post_install", "-at_install")
class JianxiUnitCase(JianxiWorkflowCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_type = cls.env.ref("jianxi_internship.mail_activity_type_review_certification")
        cls.unit.write({"business_licence": LICENCE, "business_licence_filename": "licence.pdf"})

    def draft_unit(self):
        """``unit`` (whose contacts are ``unit_user`` and ``unit_user2``) back at the start."""
        return self.unit._jianxi_force_state("draft")

    def submitted_unit(self):
        self.draft_unit().with_user(self.unit_user).action_submit()
        return self.unit

    def review_activities(self, record):
        return record.activity_ids.filtered(lambda a: a.activity_type_id == self.review_type)

    def flush_tracking(self):
        """Write the pending tracking values, as a commit would. Records created in the same
        transaction are not tracked until then: call this before the steps to track, too."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def tracked_states(self, record):
        self.flush_tracking()
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
                ("field_id.name", "=", "state"),
            ]
        )
        return [(t.old_value_char, t.new_value_char) for t in values.sorted("id")]


@tagged("post_install", "-at_install")
class TestUnitSubmission(JianxiUnitCase):
    quiet_mail = False  # asserts review activities

    def test_unit_contact_submits_a_complete_draft(self):
        self.draft_unit().with_user(self.unit_user).action_submit()
        self.assertEqual(self.unit.state, "submitted")

    def test_any_contact_of_the_company_may_submit(self):
        self.draft_unit().with_user(self.unit_user2).action_submit()
        self.assertEqual(self.unit.state, "submitted")

    def test_county_officer_may_submit_on_the_units_behalf(self):
        self.draft_unit().with_user(self.officer_shiqian).action_submit()
        self.assertEqual(self.unit.state, "submitted")

    def test_submission_lists_everything_missing_in_one_message(self):
        unit = self.draft_unit()
        unit.write({"legal_representative": False, "contact_phone": False, "business_licence": False})
        with self.assertRaises(UserError) as cm:
            unit.with_user(self.unit_user).action_submit()
        message = str(cm.exception)
        for label in ("Legal Representative", "Contact Phone", "Business Licence"):
            self.assertIn(label, message)
        self.assertNotIn("Contact Person", message)
        self.assertEqual(unit.state, "draft")

    def test_submission_needs_the_credit_code(self):
        unit = self.draft_unit()
        unit.credit_code = False
        with self.assertRaises(UserError) as cm:
            unit.with_user(self.unit_user).action_submit()
        self.assertIn("Unified Social Credit Code", str(cm.exception))

    def test_submission_refused_to_other_users(self):
        unit = self.draft_unit()
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan, self.officer_none):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                unit.with_user(user).action_submit()
        self.assertEqual(unit.state, "draft")

    def test_submission_refused_in_wrong_state(self):
        with self.assertRaises(UserError) as cm:
            self.unit.with_user(self.unit_user).action_submit()  # certified
        self.assertIn("Certified", str(cm.exception))

    def test_submission_opens_a_review_activity_for_the_county_officers(self):
        self.submitted_unit()
        activities = self.review_activities(self.unit)
        self.assertIn(self.officer_shiqian, activities.user_id)
        self.assertNotIn(self.officer_sinan, activities.user_id)

    def test_rejected_unit_is_resubmitted_and_the_old_reason_cleared(self):
        self.submitted_unit().with_user(self.officer_shiqian).action_reject("营业执照不清晰")
        self.unit.with_user(self.unit_user).action_submit()
        self.assertEqual(self.unit.state, "submitted")
        self.assertFalse(self.unit.reject_reason)


@tagged("post_install", "-at_install")
class TestUnitReview(JianxiUnitCase):
    quiet_mail = False  # asserts activities and tracking

    def test_county_officer_certifies(self):
        self.submitted_unit().with_user(self.officer_shiqian).action_certify()
        self.assertEqual(self.unit.state, "certified")
        self.assertEqual(self.unit.certified_by_id, self.officer_shiqian)
        self.assertEqual(self.unit.certified_date, fields.Date.context_today(self.unit))

    def test_city_officer_and_manager_certify_below_them(self):
        for user in (self.officer_tongren, self.manager):
            with self.subTest(user=user.login):
                self.submitted_unit().with_user(user).action_certify()
                self.assertEqual(self.unit.state, "certified")

    def test_certification_closes_the_review_activity(self):
        self.submitted_unit()
        self.assertTrue(self.review_activities(self.unit))
        self.unit.with_user(self.officer_shiqian).action_certify()
        self.assertFalse(self.review_activities(self.unit))

    def test_certification_refused_to_the_unit_itself(self):
        unit = self.submitted_unit()
        with self.assertRaises(AccessError) as cm:
            unit.with_user(self.unit_user).action_certify()
        self.assertIn("Only an internship officer of", str(cm.exception))
        self.assertEqual(unit.state, "submitted")

    def test_certification_refused_to_officers_of_other_counties_and_without_region(self):
        unit = self.submitted_unit()
        for user in (self.officer_sinan, self.officer_none, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                unit.with_user(user).action_certify()
        self.assertEqual(unit.state, "submitted")

    def test_certification_refused_unless_submitted(self):
        with self.assertRaises(UserError) as cm:
            self.draft_unit().with_user(self.officer_shiqian).action_certify()
        self.assertIn("Draft", str(cm.exception))

    def test_officer_rejects_with_a_reason_and_closes_the_activity(self):
        self.submitted_unit().with_user(self.officer_shiqian).action_reject("  营业执照已过期  ")
        self.assertEqual(self.unit.state, "rejected")
        self.assertEqual(self.unit.reject_reason, "营业执照已过期")
        self.assertFalse(self.review_activities(self.unit))

    def test_rejection_needs_a_reason(self):
        unit = self.submitted_unit()
        with self.assertRaises(UserError):
            unit.with_user(self.officer_shiqian).action_reject("   ")
        self.assertEqual(unit.state, "submitted")

    def test_rejection_refused_to_other_county_and_wrong_state(self):
        unit = self.submitted_unit()
        with self.assertRaises(AccessError):
            unit.with_user(self.officer_sinan).action_reject("no")
        unit.with_user(self.officer_shiqian).action_certify()
        with self.assertRaises(UserError):
            unit.with_user(self.officer_shiqian).action_reject("too late")
        self.assertEqual(unit.state, "certified")

    def test_rejection_through_the_reason_wizard(self):
        unit = self.submitted_unit().with_user(self.officer_shiqian)
        action = unit.action_open_reject_wizard()
        wizard = self.env["jianxi.reason.wizard"].with_user(self.officer_shiqian).browse(action["res_id"])
        wizard.reason = "法定代表人信息与执照不符"
        wizard.action_confirm()
        self.assertEqual(self.unit.state, "rejected")
        self.assertEqual(self.unit.reject_reason, "法定代表人信息与执照不符")

    def test_state_changes_are_tracked_in_the_chatter(self):
        self.draft_unit()
        self.flush_tracking()
        self.unit.with_user(self.unit_user).action_submit()
        self.flush_tracking()
        self.unit.with_user(self.officer_shiqian).action_certify()
        tracked = self.tracked_states(self.unit)
        self.assertIn(("Draft", "Submitted"), tracked)
        self.assertIn(("Submitted", "Certified"), tracked)


@tagged("post_install", "-at_install")
class TestUnitSuspension(JianxiUnitCase):
    def test_manager_suspends_and_reinstates(self):
        self.unit.with_user(self.manager).action_suspend("连续两年留用率低于20%")
        self.assertEqual(self.unit.state, "suspended")
        self.assertEqual(self.unit.suspend_reason, "连续两年留用率低于20%")
        self.unit.with_user(self.manager).action_reinstate()
        self.assertEqual(self.unit.state, "certified")
        self.assertFalse(self.unit.suspend_reason)

    def test_officers_and_the_unit_cannot_suspend(self):
        for user in (self.officer_shiqian, self.officer_tongren, self.unit_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError) as cm:
                self.unit.with_user(user).action_suspend("no")
            self.assertIn("Only an internship manager", str(cm.exception))
        self.assertEqual(self.unit.state, "certified")

    def test_only_a_manager_reinstates(self):
        self.unit.with_user(self.manager).action_suspend("检查")
        with self.assertRaises(AccessError):
            self.unit.with_user(self.officer_shiqian).action_reinstate()
        self.assertEqual(self.unit.state, "suspended")

    def test_suspension_and_reinstatement_need_the_right_state(self):
        with self.assertRaises(UserError):
            self.unit.with_user(self.manager).action_reinstate()  # certified, not suspended
        unit = self.draft_unit()
        with self.assertRaises(UserError):
            unit.with_user(self.manager).action_suspend("draft")
        self.assertEqual(unit.state, "draft")

    def test_suspension_through_the_reason_wizard(self):
        action = self.unit.with_user(self.manager).action_open_suspend_wizard()
        wizard = self.env["jianxi.reason.wizard"].with_user(self.manager).browse(action["res_id"])
        wizard.reason = "一年内未接收见习人员"
        wizard.action_confirm()
        self.assertEqual(self.unit.state, "suspended")


@tagged("post_install", "-at_install")
class TestUnitData(JianxiUnitCase):
    def new_unit(self, code, **vals):
        partner = self.env["res.partner"].create({"name": "测试单位", "is_company": True})
        return self.env["jianxi.unit"].create(
            dict(
                {"name": "测试单位", "partner_id": partner.id, "region_id": self.shiqian.id, "credit_code": code},
                **vals,
            )
        )

    def test_credit_code_is_stored_in_compact_upper_case_form(self):
        code = self.make_credit_code("91520623MA6DL9999")
        messy = f" {code[:4]} {code[4:10]}-{code[10:].lower()} "
        self.assertEqual(self.new_unit(messy).credit_code, code)

    def test_bad_credit_codes_are_refused_with_the_reason(self):
        code = self.make_credit_code("91520623MA6DL9999")
        wrong_check = code[:17] + ("0" if code[17] != "0" else "1")
        cases = {wrong_check: "check character", "915206": "18 characters", "9152062IMA6DL9999X": "capital letters"}
        for bad, reason in cases.items():
            with self.subTest(code=bad), self.assertRaises(ValidationError) as cm:
                self.new_unit(bad)
            self.assertIn("is not a valid unified social credit code", str(cm.exception))
            self.assertIn(reason, str(cm.exception))
        with self.assertRaises(ValidationError):
            self.unit.credit_code = wrong_check

    def test_credit_code_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.new_unit(self.unit.credit_code.lower())
            self.env.flush_all()

    def test_county_must_be_a_county(self):
        with self.assertRaises(ValidationError):
            self.new_unit(self.make_credit_code("91520623MA6DL9998"), region_id=self.tongren.id)

    def test_submitted_data_is_read_only_for_the_unit_even_through_sudo(self):
        unit = self.submitted_unit()
        with self.assertRaises(UserError) as cm:
            unit.with_user(self.unit_user).sudo().write({"contact_phone": "13800000000"})
        self.assertIn("waiting for the bureau's review", str(cm.exception))
        self.assertEqual(unit.contact_phone, "0856-1234567")

    def test_officer_may_correct_a_submitted_unit(self):
        unit = self.submitted_unit()
        unit.with_user(self.officer_shiqian).write({"contact_phone": "13800000000"})
        self.assertEqual(unit.contact_phone, "13800000000")

    def test_unit_edits_its_draft(self):
        unit = self.draft_unit()
        unit.with_user(self.unit_user).sudo().write({"contact_phone": "13800000000"})
        self.assertEqual(unit.contact_phone, "13800000000")

    def test_only_drafts_are_deleted(self):
        with self.assertRaises(UserError) as cm:
            self.unit.with_user(self.manager).unlink()
        self.assertIn("archive it instead", str(cm.exception))
        draft = self.new_unit(self.make_credit_code("91520623MA6DL9997"))
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_smart_button_counts_and_action(self):
        self._make_position(self.unit)
        self._make_position(self.unit, state="draft")
        self.assertEqual(self.unit.position_count, 2)
        action = self.unit.action_view_positions()
        self.assertEqual(self.env["jianxi.position"].search(action["domain"]), self.unit.position_ids)


@tagged("post_install", "-at_install")
class TestUnitVisibility(JianxiUnitCase):
    quiet_mail = False  # searches by activity

    def visible(self, user, domain=()):
        ours = self.unit | self.other_unit
        return self.env["jianxi.unit"].with_user(user).search([("id", "in", ours.ids), *domain])

    def test_unit_user_sees_only_their_own_unit(self):
        self.assertEqual(self.visible(self.unit_user), self.unit)
        self.assertEqual(self.visible(self.other_unit_user), self.other_unit)
        with self.assertRaises(AccessError):
            self.other_unit.with_user(self.unit_user).read(["name"])

    def test_applicant_sees_no_unit(self):
        self.assertFalse(self.visible(self.applicant_user))

    def test_officers_see_their_counties(self):
        self.assertEqual(self.visible(self.officer_shiqian), self.unit)
        self.assertEqual(self.visible(self.officer_tongren), self.unit | self.other_unit)
        self.assertFalse(self.visible(self.officer_none))

    def test_my_counties_and_waiting_for_me_filters(self):
        self.other_unit._jianxi_force_state("submitted")
        self.submitted_unit()
        self.assertEqual(self.visible(self.manager, [("is_my_county", "=", True)]), self.env["jianxi.unit"])
        self.assertEqual(self.visible(self.officer_tongren, [("is_my_county", "=", True)]), self.unit | self.other_unit)
        self.assertEqual(
            self.visible(self.officer_shiqian, [("activity_user_id", "=", self.officer_shiqian.id)]), self.unit
        )
        self.assertTrue(self.unit.with_user(self.officer_shiqian).can_review)
        self.assertFalse(self.unit.with_user(self.unit_user).can_review)
