from datetime import date, datetime, timedelta

import psycopg2.errors

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ONBOARDING_PDF as PDF
from .common import JianxiWorkflowCase, applied_on

START = date(2023, 3, 1)


class InternshipCase(JianxiWorkflowCase):
    """The workflow scene: a published position of the 石阡县 unit with free seats, a second one,
    county flags cleared (demo data may set them), and helpers to place an internship in a state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.shiqian | cls.sinan).write({"key_county": False, "hardship_area": False})
        cls.Internship = cls.env["jianxi.internship"]
        cls.position = cls._make_position(headcount=5)
        cls.position2 = cls._make_position(name="财务见习岗", headcount=5)
        cls.other_position = cls._make_position(unit=cls.other_unit, headcount=5)
        cls.review_type = cls.env.ref("jianxi_internship.mail_activity_type_review_eligibility")

    @classmethod
    def _new_applicant(cls, name="王五", birth=(2001, 5, 20), **vals):
        partner = cls.env["res.partner"].create({"name": name})
        return cls._make_applicant(partner, name, birth, **{"school": "铜仁学院", "major": "会计学", **vals})

    def make(self, state="applied", applicant=None, position=None, **vals):
        """An internship placed directly in ``state`` (as superuser), to set a scene."""
        return applied_on(
            self.Internship.create(
                {
                    "applicant_id": (applicant or self.applicant).id,
                    "position_id": (position or self.position).id,
                    "state": state,
                    **vals,
                }
            )
        )

    def reviews(self, internship):
        return internship.activity_ids.filtered(lambda a: a.activity_type_id == self.review_type)


@tagged("post_install", "-at_install")
class TestInternshipApply(InternshipCase):
    quiet_mail = False  # asserts review activities

    def test_applicant_applies_to_an_open_position(self):
        internship = self.Internship.with_user(self.applicant_user).action_apply(self.applicant, self.position)
        self.assertEqual(internship.state, "applied")
        self.assertEqual(internship.env.user, self.applicant_user)
        self.assertEqual(internship.sudo().unit_id, self.unit)
        self.assertEqual(internship.sudo().region_id, self.shiqian)
        self.assertTrue(internship.applied_at)
        # Nothing lands on the officers' desks before the unit has answered.
        self.assertFalse(self.reviews(internship.sudo()))

    def test_apply_accepts_ids_as_the_portal_sends_them(self):
        internship = self.Internship.with_user(self.applicant_user).action_apply(self.applicant.id, self.position.id)
        self.assertEqual(internship.sudo().applicant_id, self.applicant)

    def test_apply_for_someone_else_is_refused(self):
        with self.assertRaises(AccessError):
            self.Internship.with_user(self.other_applicant_user).action_apply(self.applicant, self.position)
        with self.assertRaises(AccessError):
            self.Internship.with_user(self.unit_user).action_apply(self.applicant, self.position)

    def test_apply_to_a_position_that_is_not_open_is_refused(self):
        draft = self._make_position(state="draft")
        with self.assertRaises(UserError) as cm:
            self.Internship.with_user(self.applicant_user).action_apply(self.applicant, draft)
        self.assertIn("is not open for applications", str(cm.exception))
        expired = self._make_position(deadline="2023-01-01", planned_start_date="2023-01-15")
        with self.assertRaises(UserError):
            self.Internship.with_user(self.applicant_user).action_apply(self.applicant, expired)

    def test_apply_without_real_name_data_is_refused(self):
        self.applicant.category = False
        with self.assertRaises(UserError) as cm:
            self.Internship.with_user(self.applicant_user).action_apply(self.applicant, self.position)
        self.assertIn("Category", str(cm.exception))

    def test_apply_needs_the_three_answers_and_a_current_declaration(self):
        """People declare (issue 11, point 6): an unanswered question, or no declaration (承诺) since
        the last change, is refused with a message that sends the person to their profile."""
        Internship = self.Internship.with_user(self.applicant_user)
        self.applicant.write({"is_employed": False})  # not answered
        self.assertFalse(self.applicant.declared_at, "a changed answer takes the declaration back")
        with self.assertRaises(UserError) as cm:
            Internship.action_apply(self.applicant, self.position)
        self.assertIn(
            "must answer on the applicant profile (My Applicant Profile): In a Labour Relationship", str(cm.exception)
        )
        with self.assertRaises(UserError) as cm:
            Internship.with_context(lang="zh_CN").action_apply(self.applicant, self.position)
        self.assertIn("我的见习人员资料", str(cm.exception))
        self.assertIn("存在劳动关系", str(cm.exception))

        self.applicant.with_user(self.applicant_user).action_save_profile({"is_employed": "no"})
        self.assertFalse(self.applicant.declared_at, "answering is not declaring")
        with self.assertRaises(UserError) as cm:
            Internship.action_apply(self.applicant, self.position)
        self.assertIn("must tick the declaration that the data are true and complete", str(cm.exception))
        with self.assertRaises(UserError) as cm:
            Internship.with_context(lang="zh_CN").action_apply(self.applicant, self.position)
        self.assertIn("本人承诺以上信息真实、完整", str(cm.exception))
        self.assertFalse(self.Internship.search([("applicant_id", "=", self.applicant.id)]))

        self.applicant.with_user(self.applicant_user).action_save_profile({}, declare=True)
        self.assertTrue(self.applicant.declared_at)
        self.assertEqual(Internship.action_apply(self.applicant, self.position).state, "applied")

    def test_second_open_application_is_refused_naming_the_first(self):
        Internship = self.Internship.with_user(self.applicant_user)
        first = Internship.action_apply(self.applicant, self.position)
        with self.assertRaises(UserError) as cm:
            Internship.action_apply(self.applicant, self.position2)
        message = str(cm.exception)
        self.assertIn(first.sudo().display_name, message)
        self.assertIn("withdraw it first", message)

    def test_apply_again_after_withdrawing(self):
        Internship = self.Internship.with_user(self.applicant_user)
        Internship.action_apply(self.applicant, self.position).action_withdraw()
        second = Internship.action_apply(self.applicant, self.position2)
        self.assertEqual(second.state, "applied")

    @mute_logger("odoo.sql_db")
    def test_database_refuses_two_open_applications(self):
        """The partial unique index holds even when the ORM's own checks are bypassed."""
        self.make("confirmed")
        with self.assertRaises(psycopg2.errors.UniqueViolation) as cm:
            self.make("applied", position=self.position2)
            self.env.flush_all()
        self.assertEqual(cm.exception.diag.constraint_name, "jianxi_internship_one_open_application_uniq")

    @mute_logger("odoo.sql_db")
    def test_database_allows_closed_and_one_open_application(self):
        for state in ("withdrawn", "declined", "released", "rejected", "not_arrived"):
            self.make(state)
        self.make("applied")
        self.env.flush_all()
        self.assertEqual(len(self.applicant.with_context(active_test=False).internship_ids), 6)


@tagged("post_install", "-at_install")
class TestInternshipUnitAnswers(InternshipCase):
    quiet_mail = False  # asserts review activities

    def test_applicant_withdraws(self):
        internship = self.make()
        internship.with_user(self.applicant_user).action_withdraw()
        self.assertEqual(internship.state, "withdrawn")

    def test_tracked_state_reads_in_the_reader_language(self):
        """Odoo stores a tracked selection's label in the writer's language: the unit's contact
        confirms in English, the Chinese applicant's chatter still reads Chinese, and the reverse."""
        internship = self.make()
        self.env.cr.flush()  # records created in this transaction log their changes in the creation message
        internship.with_user(self.unit_user).with_context(lang="en_US").action_confirm()
        self.env.cr.flush()
        internship.invalidate_recordset(["message_ids"])
        state = internship.sudo().message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(state.new_value_char, "Confirmed by Unit", "stored as Odoo stores it")
        states = dict(self.Internship.with_context(lang="zh_CN").fields_get(["state"])["state"]["selection"])
        chinese = state.with_context(lang="zh_CN")._tracking_value_format()[0]
        self.assertEqual(
            (chinese["oldValue"]["value"], chinese["newValue"]["value"]), (states["applied"], states["confirmed"])
        )
        self.assertNotEqual(states["confirmed"], "Confirmed by Unit")
        # Written in Chinese, read in English.
        state.sudo().write({"new_value_char": states["confirmed"]})
        english = state.with_context(lang="en_US")._tracking_value_format()[0]
        self.assertEqual(english["newValue"]["value"], "Confirmed by Unit")
        # A label the field no longer has is shown as stored.
        state.sudo().write({"new_value_char": "Retired State"})
        self.assertEqual(state._tracking_value_format()[0]["newValue"]["value"], "Retired State")

    def test_withdraw_refused_for_others_and_after_confirmation(self):
        internship = self.make()
        for user in (self.other_applicant_user, self.unit_user, self.officer_sinan):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_withdraw()
        internship._jianxi_force_state("confirmed")
        with self.assertRaises(UserError):
            internship.with_user(self.applicant_user).action_withdraw()

    def test_unit_declines_with_a_reason(self):
        internship = self.make()
        internship.with_user(self.unit_user).action_decline("专业不对口")
        self.assertEqual(internship.state, "declined")
        self.assertEqual(internship.decline_reason, "专业不对口")

    def test_decline_refused_without_reason_or_by_another_unit(self):
        internship = self.make()
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_decline("  ")
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan, self.officer_none):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_decline("no")
        self.assertEqual(internship.state, "applied")

    def test_unit_confirms_and_the_county_officers_get_the_review(self):
        internship = self.make(start_date=START)
        internship.with_user(self.unit_user2).action_confirm()
        self.assertEqual(internship.state, "confirmed")
        self.assertTrue(internship.check_ids)
        self.assertEqual(internship.eligibility_result, "pass")
        officers = self.reviews(internship).user_id
        self.assertIn(self.officer_shiqian, officers)
        self.assertNotIn(self.officer_sinan, officers)

    def test_officer_of_the_county_confirms_for_the_unit(self):
        internship = self.make()
        internship.with_user(self.officer_shiqian).action_confirm()
        self.assertEqual(internship.state, "confirmed")

    def test_confirm_refused_for_wrong_users_and_wrong_state(self):
        internship = self.make()
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_confirm()
        internship._jianxi_force_state("withdrawn")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_confirm()

    def test_confirm_refused_when_the_unit_is_not_certified(self):
        internship = self.make()
        self.unit._jianxi_force_state("suspended")
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_confirm()
        self.assertIn("not certified", str(cm.exception))

    def test_confirming_the_last_seat_closes_the_position(self):
        position = self._make_position(headcount=1)
        first = self.make(position=position)
        second = self.make(applicant=self.other_applicant, position=position)
        first.with_user(self.unit_user).action_confirm()
        self.assertEqual(position.state, "closed")
        with self.assertRaises(UserError) as cm:
            second.with_user(self.unit_user).action_confirm()
        self.assertIn("are filled", str(cm.exception))


@tagged("post_install", "-at_install")
class TestInternshipReview(InternshipCase):
    quiet_mail = False  # asserts review activities

    def confirmed(self, applicant=None, verified=True, **vals):
        """Confirmed by the unit; the applicant's real name verified by the officer unless
        ``verified=False``."""
        internship = self.make(applicant=applicant, start_date=START, **vals)
        if verified:
            self._verify(internship.applicant_id)
        internship.with_user(self.unit_user).action_confirm()
        return internship

    def test_officer_of_the_county_approves_and_the_activity_closes(self):
        internship = self.confirmed()
        self.assertTrue(self.reviews(internship))
        internship.with_user(self.officer_shiqian).action_approve()
        self.assertEqual(internship.state, "approved")
        self.assertFalse(self.reviews(internship))
        self.assertFalse(internship.override_reason)

    def test_city_officer_and_manager_may_approve(self):
        internship = self.confirmed()
        internship.with_user(self.officer_tongren).action_approve()
        self.assertEqual(internship.state, "approved")
        other = self.confirmed(applicant=self.other_applicant)
        other.with_user(self.manager).action_approve()
        self.assertEqual(other.state, "approved")

    def test_approve_refused_for_other_counties_and_portal_users(self):
        internship = self.confirmed()
        for user in (self.officer_sinan, self.officer_none, self.unit_user, self.applicant_user):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_approve()
        self.assertEqual(internship.state, "confirmed")

    def test_approve_refused_before_the_unit_confirms(self):
        internship = self.make(start_date=START)
        with self.assertRaises(UserError):
            internship.with_user(self.officer_shiqian).action_approve()

    def test_officer_rejects_with_a_reason_and_the_activity_closes(self):
        internship = self.confirmed()
        with self.assertRaises(AccessError):
            internship.with_user(self.officer_sinan).action_reject("不符合条件")
        internship.with_user(self.officer_shiqian).action_reject("不符合条件")
        self.assertEqual(internship.state, "rejected")
        self.assertEqual(internship.reject_reason, "不符合条件")
        self.assertFalse(self.reviews(internship))

    def test_backend_approve_button_opens_the_override_wizard_only_when_needed(self):
        internship = self.confirmed()
        self.assertTrue(internship.with_user(self.officer_shiqian).action_open_approve())
        self.assertEqual(internship.state, "approved")
        failing = self.confirmed(applicant=self.other_applicant)
        failing.applicant_id.is_employed = "yes"
        action = failing.with_user(self.officer_shiqian).action_open_approve()
        self.assertEqual(action["res_model"], "jianxi.reason.wizard")
        wizard = self.env["jianxi.reason.wizard"].with_user(self.officer_shiqian).browse(action["res_id"])
        wizard.reason = "劳动关系已于签约前解除，见附件。"
        wizard.action_confirm()
        self.assertEqual(failing.state, "approved")
        self.assertEqual(failing.override_reason, "劳动关系已于签约前解除，见附件。")

    def test_approving_an_unverified_real_name_needs_a_written_override(self):
        """Officers verify (issue 11, point 6): the checklist passes, but 实名未认证 refuses the
        approval, in the officer's language, until a reason is written; the approval says so."""
        internship = self.confirmed(verified=False)
        self.assertEqual(internship.eligibility_result, "pass")
        officer = internship.with_user(self.officer_shiqian)
        with self.assertRaises(UserError) as cm:
            officer.action_approve()
        self.assertIn("the real name of 张三 is not verified", str(cm.exception))
        with self.assertRaises(UserError) as cm:
            officer.with_context(lang="zh_CN").action_approve()
        self.assertIn("实名未认证", str(cm.exception))
        self.assertEqual(internship.state, "confirmed")
        # The backend's button asks for the reason, saying what it overrides.
        action = officer.action_open_approve()
        self.assertEqual(action["res_model"], "jianxi.reason.wizard")
        self.assertEqual(action["name"], "Approve without Real-Name Verification")
        self.assertEqual(internship.state, "confirmed")
        officer.action_approve("身份证原件已在窗口当面核对。")
        self.assertEqual(internship.state, "approved")
        self.assertEqual(internship.override_reason, "身份证原件已在窗口当面核对。")
        self.assertTrue(internship.approved_unverified)
        self.assertEqual(internship.applicant_id.verification_state, "unverified")

    def test_officer_verifies_the_real_name_from_the_review_form_then_approves(self):
        internship = self.confirmed(verified=False)
        for user in (self.officer_sinan, self.unit_user, self.applicant_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                internship.with_user(user).action_verify_applicant()
        self.assertEqual(internship.applicant_verification_state, "unverified")
        internship.with_user(self.officer_shiqian).action_verify_applicant()
        applicant = internship.applicant_id
        self.assertEqual((applicant.verification_state, applicant.verified_by_id), ("verified", self.officer_shiqian))
        self.assertEqual(internship.applicant_verification_state, "verified")
        self.assertIs(internship.with_user(self.officer_shiqian).action_open_approve(), True, "no wizard")
        self.assertEqual(internship.state, "approved")
        self.assertFalse(internship.override_reason or internship.approved_unverified)

    def test_a_failing_checklist_and_an_unverified_real_name_are_both_named(self):
        failing = self.confirmed(applicant=self.other_applicant, verified=False)
        failing.applicant_id.is_employed = "yes"
        action = failing.with_user(self.officer_shiqian).action_open_approve()
        self.assertEqual(action["name"], "Approve despite the Checklist, without Real-Name Verification")
        self._verify(failing.applicant_id)
        action = failing.with_user(self.officer_shiqian).action_open_approve()
        self.assertEqual(action["name"], "Approve despite the Checklist")

    def test_decline_through_the_reason_wizard(self):
        internship = self.make()
        action = internship.with_user(self.officer_shiqian).action_open_decline()
        wizard = self.env["jianxi.reason.wizard"].with_user(self.officer_shiqian).browse(action["res_id"])
        wizard.reason = "岗位已满"
        wizard.action_confirm()
        self.assertEqual(internship.state, "declined")


@tagged("post_install", "-at_install")
class TestOncePerLifetime(InternshipCase):
    @mute_logger("odoo.sql_db")
    def test_second_internship_cannot_pass_approval(self):
        self.make("ended", start_date=START)
        second = self.make("confirmed", position=self.position2, start_date=date(2023, 10, 1))
        with self.assertRaises(UserError) as cm:
            second.with_user(self.officer_shiqian).action_approve("override without exception")
        self.assertIn("interns only once", str(cm.exception))
        self.assertEqual(second.state, "confirmed")

    def test_manager_exception_lets_the_second_internship_through(self):
        self.make("ended", start_date=START)
        second = self.make("confirmed", position=self.position2, start_date=date(2023, 10, 1))
        with self.assertRaises(AccessError):
            second.with_user(self.officer_shiqian).action_record_lifetime_exception("公司倒闭，见习中断")
        second.with_user(self.manager).action_record_lifetime_exception("公司倒闭，见习中断")
        self.assertTrue(second.lifetime_exception)
        lifetime = second.check_ids.filtered(lambda c: c.rule == "once_per_lifetime")
        self.assertEqual(lifetime.result, "pass")
        self._verify(self.applicant)
        second.with_user(self.officer_shiqian).action_approve()
        self.assertEqual(second.state, "approved")


@tagged("post_install", "-at_install")
class TestInternshipOnboarding(InternshipCase):
    def test_unit_saves_the_onboarding_papers_then_confirms_on_duty(self):
        internship = self.make("approved")
        internship.with_user(self.unit_user).action_save_onboarding(self.onboarding())
        self.assertEqual(internship.accident_policy_number, "PEAC-001")
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")

    def test_onboarding_refused_for_other_fields_users_and_states(self):
        internship = self.make("approved")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_save_onboarding({"state": "ended"})
        with self.assertRaises(AccessError):
            internship.with_user(self.other_unit_user).action_save_onboarding({"start_date": START})
        internship._jianxi_force_state("on_duty")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_save_onboarding({"start_date": START})
        internship.with_user(self.unit_user).action_save_onboarding({"invoice_file": PDF})  # papers still go
        internship._jianxi_force_state("confirmed")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_save_onboarding({"invoice_file": PDF})

    def test_on_duty_lists_everything_missing_in_one_message(self):
        internship = self.make(
            "approved", **self.onboarding(medical_policy_number=False, invoice_file=False, agreement_file=False)
        )
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_set_on_duty()
        message = str(cm.exception)
        for label in ("Inpatient Medical Policy No.", "Insurance Invoice", "Internship Agreement"):
            self.assertIn(label, message)
        self.assertNotIn("Accident Policy No.", message)

    def test_on_duty_refused_for_another_unit_and_wrong_state(self):
        internship = self.make("approved", **self.onboarding())
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_set_on_duty()
        internship._jianxi_force_state("confirmed")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_set_on_duty()

    def test_duration_bounds_count_calendar_months(self):
        # 1 March 2023 + 12 months − 1 day = 29 February 2024: exactly 12 months, allowed.
        internship = self.make("approved", **self.onboarding(months=12))
        self.assertEqual(internship.planned_end_date, date(2024, 2, 29))
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")

    def test_duration_over_the_maximum_is_refused(self):
        internship = self.make("approved", **self.onboarding(planned_end_date=date(2024, 3, 1)))
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_set_on_duty()
        self.assertIn("3 to 12 months", str(cm.exception))

    def test_duration_under_the_minimum_is_refused(self):
        # 3 months from 1 March end on 31 May; 30 May is one day short.
        ok = self.make("approved", **self.onboarding(months=3))
        self.assertEqual(ok.planned_end_date, date(2023, 5, 31))
        ok.with_user(self.unit_user).action_set_on_duty()
        short = self.make(
            "approved", applicant=self.other_applicant, **self.onboarding(planned_end_date=date(2023, 5, 30))
        )
        with self.assertRaises(UserError):
            short.with_user(self.unit_user).action_set_on_duty()

    def test_duration_uses_the_policy_of_the_county_on_the_start_date(self):
        policy = self.env.ref("jianxi_internship.policy_tongren_2022").copy(
            {
                "name": "石阡县 2023",
                "region_id": self.shiqian.id,
                "date_from": date(2023, 1, 1),
                "duration_max_months": 6,
            }
        )
        self.assertTrue(policy)
        internship = self.make("approved", **self.onboarding(months=7))
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_set_on_duty()
        earlier = self.make(
            "approved", applicant=self.other_applicant, **self.onboarding(start=date(2022, 8, 1), months=7)
        )
        earlier.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(earlier.state, "on_duty")

    def test_unit_records_not_arrived_which_frees_the_applicant(self):
        internship = self.make("approved")
        with self.assertRaises(AccessError):
            internship.with_user(self.other_unit_user).action_set_not_arrived()
        internship.with_user(self.unit_user).action_set_not_arrived()
        self.assertEqual(internship.state, "not_arrived")
        again = self.Internship.with_user(self.applicant_user).action_apply(self.applicant, self.position2)
        self.assertEqual(again.state, "applied")


@tagged("post_install", "-at_install")
class TestInsuranceWarning(InternshipCase):
    def test_no_warning_when_both_insurances_cover_the_period(self):
        internship = self.make("approved", **self.onboarding())
        self.assertFalse(internship.insurance_warning)

    def test_warning_when_an_insurance_ends_early_but_on_duty_is_not_blocked(self):
        internship = self.make("approved", **self.onboarding(accident_date_to=date(2023, 6, 30)))
        self.assertIn("accident insurance covers 2023-03-01 to 2023-06-30 only", internship.insurance_warning)
        self.assertNotIn("medical", internship.insurance_warning)
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")

    def test_warning_when_cover_dates_are_missing(self):
        internship = self.make("approved", **self.onboarding(medical_date_from=False, medical_date_to=False))
        self.assertIn("inpatient medical insurance are not recorded", internship.insurance_warning)

    def test_no_warning_before_the_period_is_known(self):
        self.assertFalse(self.make("applied").insurance_warning)


@tagged("post_install", "-at_install")
class TestInternshipEnd(InternshipCase):
    quiet_mail = False  # asserts a chatter message

    def on_duty(self, applicant=None, **overrides):
        return self.make("on_duty", applicant=applicant, **self.onboarding(**overrides))

    def test_intern_requests_the_end_and_the_unit_ends_for_a_job_elsewhere(self):
        internship = self.on_duty()
        for user in (self.other_applicant_user, self.unit_user):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_request_end("找到其他工作")
        internship.with_user(self.applicant_user).action_request_end("找到其他工作")
        self.assertEqual(internship.state, "end_requested")
        self.assertEqual(internship.end_request_reason, "找到其他工作")
        internship.with_user(self.unit_user).action_end(date(2023, 6, 15), "job_elsewhere")
        self.assertEqual(internship.state, "ended")
        self.assertEqual(internship.actual_end_date, date(2023, 6, 15))
        self.assertEqual(internship.end_reason, "job_elsewhere")
        self.assertFalse(internship.kept_on)

    def test_unit_cannot_end_for_the_interns_reasons_without_a_request(self):
        internship = self.on_duty()
        for reason in ("job_elsewhere", "special"):
            with self.assertRaises(UserError) as cm:
                internship.with_user(self.unit_user).action_end(date(2023, 6, 15), reason)
            self.assertIn("intern's own request", str(cm.exception))
        internship.with_user(self.officer_shiqian).action_end(date(2023, 6, 15), "special")
        self.assertEqual(internship.end_reason, "special")

    def test_completed_only_on_the_planned_end(self):
        internship = self.on_duty()
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_end(date(2023, 8, 1), "completed")
        internship.with_user(self.unit_user).action_end(date(2023, 8, 31), "completed", kept_on=True)
        self.assertEqual(internship.state, "ended")
        self.assertTrue(internship.kept_on)
        self.assertEqual(internship.kept_on_date, date(2023, 8, 31))

    def test_hired_early_keeps_the_intern_on(self):
        internship = self.on_duty()
        internship.with_user(self.unit_user2).action_end("2023-05-31", "hired")
        self.assertEqual(internship.end_reason, "hired")
        self.assertTrue(internship.kept_on)
        self.assertEqual(internship.kept_on_date, date(2023, 5, 31))

    def test_unit_ended_needs_a_written_justification(self):
        internship = self.on_duty()
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_end(date(2023, 5, 31), "unit_ended")
        self.assertIn("arbitrarily", str(cm.exception))
        internship.with_user(self.unit_user).action_end(date(2023, 5, 31), "unit_ended", note="连续旷工十日")
        self.assertEqual(internship.end_note, "连续旷工十日")

    def test_end_dates_outside_the_period_are_refused(self):
        internship = self.on_duty()
        tomorrow = date.today() + timedelta(days=1)
        for end_date in (date(2023, 2, 28), date(2023, 9, 1), tomorrow):
            with self.assertRaises(UserError):
                internship.with_user(self.unit_user).action_end(end_date, "hired")
        self.assertEqual(internship.state, "on_duty")

    def test_kept_on_only_with_completed_or_hired(self):
        internship = self.on_duty()
        internship._jianxi_force_state("end_requested")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_end(date(2023, 6, 1), "job_elsewhere", kept_on=True)

    def test_end_refused_for_wrong_users_and_states(self):
        internship = self.on_duty()
        for user in (self.other_unit_user, self.applicant_user, self.officer_sinan):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_end(date(2023, 8, 31), "completed")
        internship._jianxi_force_state("approved")
        with self.assertRaises(UserError):
            internship.with_user(self.unit_user).action_end(date(2023, 8, 31), "completed")

    def test_unit_refuses_an_end_request(self):
        internship = self.on_duty()
        internship.with_user(self.applicant_user).action_request_end("想回家")
        internship.with_user(self.unit_user).action_refuse_end_request("协议期未满，理由不充分")
        self.assertEqual(internship.state, "on_duty")
        self.assertTrue(internship.message_ids.filtered(lambda m: "理由不充分" in (m.body or "")))

    def test_officer_ends_through_the_backend_wizard(self):
        internship = self.on_duty()
        action = internship.with_user(self.officer_shiqian).action_open_end_wizard()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.officer_shiqian).with_context(**action["context"])
        )
        self.assertEqual(wizard_form.end_reason, "completed")  # the planned end has passed
        self.assertEqual(wizard_form.end_date, date(2023, 8, 31))
        wizard_form.end_reason = "hired"
        self.assertTrue(wizard_form.kept_on)
        wizard_form.end_date = date(2023, 7, 31)
        wizard_form.save().action_confirm()
        self.assertEqual(internship.state, "ended")
        self.assertEqual(internship.end_reason, "hired")
        self.assertEqual(internship.actual_end_date, date(2023, 7, 31))


@tagged("post_install", "-at_install")
class TestInternshipReleaseAndHousekeeping(InternshipCase):
    quiet_mail = False  # asserts tracking

    def test_cron_releases_applications_left_unanswered(self):
        now = datetime.now()
        stale = self.make(applied_at=now - timedelta(days=16))
        fresh = self.make(applicant=self.other_applicant, applied_at=now - timedelta(days=14))
        answered = self.make("confirmed", applicant=self._new_applicant(), applied_at=now - timedelta(days=40))
        released = self.Internship._cron_release_stale()
        self.assertIn(stale, released)
        self.assertEqual(stale.state, "released")
        self.assertEqual(fresh.state, "applied")
        self.assertEqual(answered.state, "confirmed")

    def test_cron_uses_the_policy_of_each_county(self):
        self.env.ref("jianxi_internship.policy_tongren_2022").copy(
            {"name": "思南县", "region_id": self.sinan.id, "date_from": date(2023, 1, 1), "application_release_days": 5}
        )
        now = datetime.now()
        in_sinan = self.make(position=self.other_position, applied_at=now - timedelta(days=6))
        in_shiqian = self.make(applicant=self.other_applicant, applied_at=now - timedelta(days=6))
        self.Internship._cron_release_stale()
        self.assertEqual(in_sinan.state, "released")
        self.assertEqual(in_shiqian.state, "applied")

    def test_only_fresh_applications_are_deleted_others_are_archived(self):
        fresh = self.make()
        fresh.with_user(self.manager).unlink()
        self.assertFalse(fresh.exists())
        answered = self.make("declined")
        with self.assertRaises(UserError) as cm:
            answered.with_user(self.manager).unlink()
        self.assertIn("Archive it instead", str(cm.exception))
        answered.with_user(self.manager).action_archive()
        self.assertFalse(answered.active)

    def test_state_changes_are_tracked_in_the_chatter(self):
        internship = self.make()
        self.env.cr.flush()  # records created in this transaction log their changes in the creation message
        internship.with_user(self.unit_user).action_decline("人数已满")
        self.env.cr.flush()
        internship.invalidate_recordset(["message_ids"])
        values = internship.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "state")
        self.assertEqual(values[:1].new_value_char, "Declined by Unit")


@tagged("post_install", "-at_install")
class TestInternshipRecordRules(InternshipCase):
    def test_unit_contacts_see_their_units_internships_only(self):
        ours = self.make()
        theirs = self.make(applicant=self.other_applicant, position=self.other_position)
        visible = self.Internship.with_user(self.unit_user2).search([("id", "in", (ours | theirs).ids)])
        self.assertEqual(visible, ours)
        with self.assertRaises(AccessError):
            theirs.with_user(self.unit_user).read(["state"])

    def test_applicants_see_their_own_internships_only(self):
        mine = self.make()
        other = self.make(applicant=self.other_applicant)
        visible = self.Internship.with_user(self.applicant_user).search([("id", "in", (mine | other).ids)])
        self.assertEqual(visible, mine)

    def test_officers_see_their_counties_only(self):
        ours = self.make()
        theirs = self.make(applicant=self.other_applicant, position=self.other_position)
        both = ours | theirs
        self.assertEqual(self.Internship.with_user(self.officer_shiqian).search([("id", "in", both.ids)]), ours)
        self.assertEqual(self.Internship.with_user(self.officer_tongren).search([("id", "in", both.ids)]), both)
        self.assertFalse(self.Internship.with_user(self.officer_none).search([("id", "in", both.ids)]))
        mine = self.Internship.with_user(self.officer_sinan).search(
            [("id", "in", both.ids), ("is_my_county", "=", True)]
        )
        self.assertEqual(mine, theirs)

    def test_portal_users_cannot_write_internships_directly(self):
        internship = self.make("approved")
        with self.assertRaises(AccessError):
            internship.with_user(self.unit_user).write({"start_date": START})
