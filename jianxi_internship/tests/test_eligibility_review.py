from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.jianxi_internship.rules import eligibility

from .common import GRADUATE_RULES
from .test_internship import START, InternshipCase


@tagged("post_install", "-at_install")
class TestEligibilityReview(InternshipCase):
    """The checklist built by ``_refresh_eligibility`` from real records: applicant, position,
    county flags, history and the policy of the county on the reference date. Each test names the
    rule it proves."""

    quiet_mail = False  # asserts tracking

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Region = cls.env["jianxi.region"]
        guiyang = Region.search([("code", "=", "520100")]) or Region.create(
            {"name": "贵阳市", "code": "520100", "parent_id": cls.guizhou.id}
        )
        cls.nanming = Region.search([("code", "=", "520102")]) or Region.create(
            {"name": "南明区", "code": "520102", "parent_id": guiyang.id}
        )
        cls.level_vocational = cls.env.ref("jianxi_internship.education_level_vocational")

    def review(self, applicant=None, position=None, **vals):
        """A confirmed internship with its checklist refreshed by the county's officer."""
        vals = {"start_date": START, "agreement_date": START, **vals}
        internship = self.make("confirmed", applicant=applicant, position=position, **vals)
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        return internship

    @staticmethod
    def lines(internship):
        return {line.rule: line for line in internship.check_ids}

    def unemployed(self, birth, registered=date(2023, 1, 10)):
        return self._new_applicant(
            "赵六",
            birth=birth,
            category="unemployed",
            education_level_id=False,
            diploma_date=False,
            diploma_registration_date=False,
            unemployment_registration_date=registered,
            unemployment_office="石阡县就业局",
        )

    def vocational(self):
        return self._new_applicant("钱七", category="vocational", education_level_id=self.level_vocational.id)

    # ------------------------------------------------------------------ passing
    def test_passing_college_graduate_every_line_passes(self):
        internship = self.review()
        lines = self.lines(internship)
        self.assertEqual(list(lines), GRADUATE_RULES)
        self.assertEqual({line.result for line in lines.values()}, {"pass"})
        self.assertEqual(internship.eligibility_result, "pass")
        self.assertEqual(lines["education_level"].name, "Education level")
        self.assertIn("covering the start date 2023-03-01", lines["graduation_window"].reason)

    # ------------------------------------------------------------------ vocational_area
    def test_vocational_graduate_fails_outside_key_county_or_hardship_area(self):
        internship = self.review(applicant=self.vocational())
        lines = self.lines(internship)
        self.assertEqual(lines["education_level"].result, "pass")
        self.assertEqual(lines["vocational_area"].result, "fail")
        self.assertEqual(internship.eligibility_result, "fail")

    def test_vocational_graduate_passes_in_a_key_county(self):
        self.shiqian.key_county = True
        internship = self.review(applicant=self.vocational())
        self.assertEqual(self.lines(internship)["vocational_area"].result, "pass")
        self.assertEqual(internship.eligibility_result, "pass")

    def test_vocational_graduate_passes_in_a_hardship_area(self):
        self.shiqian.hardship_area = True
        internship = self.review(applicant=self.vocational())
        self.assertIn("hardship/remote area", self.lines(internship)["vocational_area"].reason)
        self.assertEqual(self.lines(internship)["vocational_area"].result, "pass")

    def test_college_level_required_for_a_college_graduate(self):
        applicant = self._new_applicant(education_level_id=self.level_vocational.id)
        self.assertEqual(self.lines(self.review(applicant=applicant))["education_level"].result, "fail")

    # ------------------------------------------------------------------ age
    def test_unemployed_youth_aged_24_on_the_agreement_date_passes(self):
        internship = self.review(applicant=self.unemployed(birth=(1998, 3, 15)))
        lines = self.lines(internship)
        self.assertEqual(lines["age"].result, "pass")
        self.assertIn("Age 24", lines["age"].reason)
        self.assertNotIn("education_level", lines)
        self.assertEqual(internship.eligibility_result, "pass")

    def test_unemployed_youth_turning_25_before_the_agreement_fails(self):
        internship = self.review(applicant=self.unemployed(birth=(1998, 3, 15)), agreement_date=date(2023, 3, 15))
        self.assertEqual(self.lines(internship)["age"].result, "fail")

    def test_age_bounds_come_from_the_county_policy_on_the_reference_date(self):
        self.env.ref("jianxi_internship.policy_tongren_2022").copy(
            {"name": "石阡县 2023", "region_id": self.shiqian.id, "date_from": date(2023, 1, 1), "max_age": 30}
        )
        # Aged 26: admitted by the county's 2023 policy (up to 30), not by the city's 2022 one (up to 24).
        in_2023 = self.review(applicant=self.unemployed(birth=(1996, 6, 1)))
        self.assertEqual(self.lines(in_2023)["age"].result, "pass")
        in_2022 = self.review(
            applicant=self.unemployed(birth=(1996, 6, 1), registered=date(2022, 11, 1)),
            start_date=date(2022, 12, 1),
            agreement_date=date(2022, 12, 1),
        )
        self.assertEqual(self.lines(in_2022)["age"].result, "fail")

    # ------------------------------------------------------------------ unemployment_registration
    def test_unemployment_registration_must_come_before_the_start(self):
        applicant = self.unemployed(birth=(2000, 1, 1), registered=START)
        self.assertEqual(self.lines(self.review(applicant=applicant))["unemployment_registration"].result, "fail")

    # ------------------------------------------------------------------ household
    def test_household_outside_tongren_fails(self):
        applicant = self._new_applicant(household_region_id=self.nanming.id)
        line = self.lines(self.review(applicant=applicant))["household"]
        self.assertEqual(line.result, "fail")
        self.assertIn("铜仁市", line.reason)

    def test_household_outside_tongren_passes_with_the_positions_special_major_exception(self):
        position = self._make_position(special_major_exception=True)
        applicant = self._new_applicant(household_region_id=self.nanming.id)
        line = self.lines(self.review(applicant=applicant, position=position))["household"]
        self.assertEqual(line.result, "pass")
        self.assertIn("Special-major exception on the position", line.reason)

    def test_household_outside_tongren_passes_with_the_applicants_special_major(self):
        applicant = self._new_applicant(household_region_id=self.nanming.id)
        internship = self.review(applicant=applicant)
        self.assertEqual(self.lines(internship)["household"].result, "fail")
        # An officer of the county where the person applied sets the flag, then refreshes.
        applicant.with_user(self.officer_shiqian).out_of_province_special_major = True
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        line = self.lines(internship)["household"]
        self.assertEqual(line.result, "pass")
        self.assertIn("Special-major exception on the applicant", line.reason)

    # ------------------------------------------------------------------ graduation_window, cohorts
    def test_graduation_window_closed_fails_but_the_2020_cohort_is_admitted(self):
        old = self._new_applicant(diploma_date="2019-07-01", diploma_registration_date="2019-07-15")
        self.assertEqual(self.lines(self.review(applicant=old))["graduation_window"].result, "fail")
        cohort = self._new_applicant("孙八", diploma_date="2020-07-01", diploma_registration_date="2020-07-15")
        line = self.lines(self.review(applicant=cohort))["graduation_window"]
        self.assertEqual(line.result, "pass")
        self.assertIn("Cohort exception", line.reason)

    # ------------------------------------------------------------------ diploma_registration
    def test_this_years_graduate_may_not_start_before_diploma_registration(self):
        applicant = self._new_applicant(diploma_date="2023-06-30", diploma_registration_date="2023-07-10")
        internship = self.review(applicant=applicant, start_date=date(2023, 7, 1), agreement_date=date(2023, 7, 1))
        self.assertEqual(self.lines(internship)["diploma_registration"].result, "fail")
        internship.start_date = date(2023, 7, 10)
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(self.lines(internship)["diploma_registration"].result, "pass")

    # ------------------------------------------------------------------ exclusions
    def test_an_employed_person_is_excluded(self):
        applicant = self._new_applicant(is_employed="yes")
        line = self.lines(self.review(applicant=applicant))["exclusions"]
        self.assertEqual(line.result, "fail")
        self.assertIn("employed: yes", line.reason)

    def test_an_unanswered_question_is_not_recorded(self):
        """Unanswered is unknown, never "no" (issue 11, point 6): the line says what is not recorded
        and the approval needs an override."""
        applicant = self._new_applicant(has_business_licence=False)
        internship = self.review(applicant=applicant)
        line = self.lines(internship)["exclusions"]
        self.assertEqual((line.result, line.reason_code), ("unknown", "exclusions.not_recorded"))
        self.assertEqual(line.reason_params, {"student": False, "employed": False, "licence": None})
        self.assertEqual(line.reason, "Not all recorded: student: no; employed: no; business licence: not recorded.")
        self.assertIn("持有营业执照：未填写", line.with_context(lang="zh_CN").reason)
        self.assertEqual(internship.eligibility_result, "unknown")
        self._verify(applicant)
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.officer_shiqian).action_approve()
        self.assertIn("business licence: not recorded", str(cm.exception))
        # Answered on the profile: the next refresh passes.
        applicant.write({"has_business_licence": "no"})
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(self.lines(internship)["exclusions"].result, "pass")

    # ------------------------------------------------------------------ once_per_lifetime
    def test_an_earlier_approved_internship_fails_once_per_lifetime(self):
        self.make("ended", start_date=date(2022, 9, 1))
        self.make("withdrawn")  # does not count
        internship = self.review(position=self.position2)
        line = self.lines(internship)["once_per_lifetime"]
        self.assertEqual(line.result, "fail")
        self.assertIn("1 earlier approved internship", line.reason)

    # ------------------------------------------------------------------ the officer's decision
    def test_missing_data_is_unknown_and_needs_an_override(self):
        applicant = self._verify(self._new_applicant(diploma_date=False))
        internship = self.review(applicant=applicant)
        self.assertEqual(self.lines(internship)["graduation_window"].result, "unknown")
        self.assertEqual(internship.eligibility_result, "unknown")
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.officer_shiqian).action_approve()
        self.assertIn("The diploma date is missing.", str(cm.exception))

    def test_override_is_required_stored_and_tracked(self):
        applicant = self._new_applicant(household_region_id=self.nanming.id)
        internship = self.review(applicant=applicant)
        self._verify(applicant)  # by the officer of the county applied in
        self.env.cr.flush()  # records created in this transaction log their changes in the creation message
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.officer_shiqian).action_approve()
        self.assertIn("Household registration", str(cm.exception))
        internship.with_user(self.officer_shiqian).action_approve("户籍已迁入铜仁，见新户口簿。")
        self.assertEqual(internship.state, "approved")
        self.assertEqual(internship.override_reason, "户籍已迁入铜仁，见新户口簿。")
        self.env.cr.flush()
        internship.invalidate_recordset(["message_ids"])
        tracked = internship.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "override_reason")
        self.assertEqual(tracked.new_value_text, "户籍已迁入铜仁，见新户口簿。")
        self.assertEqual(tracked.mail_message_id.author_id, self.officer_shiqian.partner_id)

    def test_reference_date_falls_back_to_the_agreement_date(self):
        internship = self.review(start_date=False, agreement_date=date(2023, 4, 1))
        line = self.lines(internship)["graduation_window"]
        self.assertIn("agreement date 2023-04-01", line.reason)

    def test_refresh_is_for_the_county_officers_who_alone_see_the_lines(self):
        internship = self.review(applicant=self._new_applicant(is_student="yes"))
        self.assertEqual(internship.eligibility_result, "fail")
        internship.applicant_id.is_student = "no"
        with self.assertRaises(AccessError):
            internship.with_user(self.officer_sinan).action_refresh_eligibility()
        with self.assertRaises(AccessError):
            internship.with_user(self.unit_user).action_refresh_eligibility()
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        self.assertEqual(internship.eligibility_result, "pass")
        Check = self.env["jianxi.eligibility.check"]
        self.assertEqual(
            Check.with_user(self.officer_shiqian).search([("internship_id", "=", internship.id)]), internship.check_ids
        )
        self.assertFalse(Check.with_user(self.officer_sinan).search([("internship_id", "=", internship.id)]))

    def test_reason_renders_in_the_reader_language(self):
        """A reason is a code and parameters: each reader gets the sentence in their own language."""
        params = {"student": True, "employed": False, "licence": None}
        zh, en = self.env(context={"lang": "zh_CN"}), self.env(context={"lang": "en_US"})
        self.assertEqual(
            eligibility.render_reason("exclusions.excluded", params, zh._),
            "不符合见习条件：在校生：是；已就业：否；持有营业执照：未填写。",
        )
        self.assertEqual(
            eligibility.render_reason("exclusions.excluded", params, en._),
            "Excluded: student: yes; employed: no; business licence: not recorded.",
        )

    def test_stored_line_is_a_code_read_in_each_reader_language(self):
        """The checklist an officer working in Chinese refreshed is English for an English reader,
        and the reverse: the database holds the codes and values only."""
        internship = self.review(applicant=self._new_applicant(is_employed="yes"))
        self.officer_shiqian.lang = "zh_CN"
        internship.with_user(self.officer_shiqian).action_refresh_eligibility()
        line = self.lines(internship)["exclusions"]
        self.assertEqual((line.result, line.reason_code), ("fail", "exclusions.excluded"))
        self.assertEqual(line.reason_params, {"student": False, "employed": True, "licence": False})
        self.env.cr.execute("SELECT * FROM jianxi_eligibility_check WHERE id = %s", [line.id])
        stored = self.env.cr.dictfetchone()
        self.assertNotIn("name", stored, "the rule's name is not stored")
        self.assertNotIn("reason", stored, "the sentence is not stored")
        english = line.with_context(lang="en_US")
        self.assertEqual(english.name, "Not a student, employed or business owner")
        self.assertEqual(english.reason, "Excluded: student: no; employed: yes; business licence: no.")
        chinese = line.with_user(self.officer_shiqian).with_context(lang="zh_CN")
        self.assertEqual(chinese.reason, "不符合见习条件：在校生：否；已就业：是；持有营业执照：否。")
        self.assertNotEqual(chinese.name, english.name)
        # The export and the API read the same words as the screen.
        exported = internship.check_ids.with_context(lang="zh_CN").export_data(["rule", "name", "reason"])["datas"]
        self.assertIn(["exclusions", chinese.name, chinese.reason], exported)

    def test_reason_of_another_version_stays_readable(self):
        """A code or parameters the rules no longer know show as the code, never as an error."""
        line = self.lines(self.review())["once_per_lifetime"]
        line.sudo().write({"reason_code": "once_per_lifetime.retired_rule"})
        self.assertEqual(line.reason, "once_per_lifetime.retired_rule")
        line.sudo().write({"reason_code": "once_per_lifetime.again", "reason_params": {"unexpected": 1}})
        self.assertEqual(line.reason, "once_per_lifetime.again")

    # ------------------------------------------------------------------ before the agreement, and the re-check
    def test_before_the_agreement_reasons_name_the_planned_start(self):
        """Reviewed before any agreement: the windows and the age are measured on the position's planned
        start, and the reasons say so, never "agreement date"."""
        today = date.today()
        planned = today + relativedelta(days=20)
        self.position.sudo().planned_start_date = planned
        person = self.unemployed(birth=(today.year - 22, 1, 10), registered=today - relativedelta(months=2))
        lines = self.lines(self.review(applicant=person, start_date=False, agreement_date=False))
        self.assertEqual((lines["age"].result, lines["age"].reason_code), ("pass", "age.expected_within"))
        self.assertEqual(lines["age"].reason_params["ref_label"], "planned_start")
        self.assertIn(f"planned start date {planned.isoformat()}", lines["age"].reason)
        self.assertNotIn("agreement date", lines["age"].reason)
        self.assertIn("planned start date", lines["unemployment_registration"].reason)
        self.assertIn("计划开始日期", lines["age"].with_context(lang="zh_CN").reason)

    def test_before_the_agreement_a_past_planned_start_is_measured_on_the_day_of_the_check(self):
        today = date.today()
        self.position.sudo().planned_start_date = today - relativedelta(months=1)
        lines = self.lines(self.review(start_date=False, agreement_date=False))
        window = lines["graduation_window"]
        self.assertEqual(window.reason_params["ref_label"], "today")
        self.assertIn(f"date of the check {today.isoformat()}", window.reason)

    def _turning_25(self):
        """An unemployed person who is 24 on the planned start and 25 on the agreement the unit records."""
        today = date.today()
        self.officer_shiqian.lang = "zh_CN"  # the activity's note is written in the officer's language
        self.position.sudo().planned_start_date = today + relativedelta(days=10)
        birthday = today + relativedelta(days=40)
        if (birthday.month, birthday.day) == (2, 29):
            birthday += relativedelta(days=1)
        person = self.unemployed(birth=(birthday.year - 25, birthday.month, birthday.day), registered=today)
        internship = self.review(applicant=person, start_date=False, agreement_date=False)
        self.assertEqual(self.lines(internship)["age"].result, "pass", "24 on the planned start")
        self._verify(person)
        internship.with_user(self.officer_shiqian).action_approve()
        self.env.cr.flush()
        return internship, birthday + relativedelta(days=5)

    def test_recheck_on_the_agreement_dates_blocks_on_duty_until_an_officer_approves(self):
        internship, late_start = self._turning_25()
        self.assertFalse(self.reviews(internship.sudo()), "the approval closed the review")
        internship.with_user(self.unit_user).action_save_onboarding(self.onboarding(late_start))
        age = self.lines(internship)["age"]
        self.assertEqual((age.result, age.reason_code), ("fail", "age.outside"), "measured on the agreement now")
        self.assertTrue(internship.recheck_blocked)
        review = self.reviews(internship.sudo())
        self.assertIn(self.officer_shiqian, review.user_id, "back on the county officers' desks")
        mine = review.filtered(lambda a: a.user_id == self.officer_shiqian)
        self.assertIn("按协议日期复核：年龄：", str(mine.note), "in the officer's language (set in _turning_25)")
        with self.assertRaises(UserError) as cm:
            internship.with_user(self.unit_user).action_set_on_duty()
        self.assertIn("no longer passes", str(cm.exception))
        self.assertIn("Age 25", str(cm.exception))
        self.assertEqual(internship.state, "approved")
        # Saving again does not stack reviews.
        internship.with_user(self.unit_user).action_save_onboarding({"agreement_date": late_start})
        self.assertEqual(len(self.reviews(internship.sudo())), len(review))
        # Only an officer of the county approves, and only in writing.
        for user in (self.unit_user, self.officer_sinan):
            with self.assertRaises(AccessError):
                internship.with_user(user).action_approve_recheck("同意")
        with self.assertRaises(UserError):
            internship.with_user(self.officer_shiqian).action_approve_recheck("  ")
        internship.with_user(self.officer_shiqian).action_approve_recheck("签约推迟系单位原因，同意见习。")
        self.assertEqual(internship.overridden_rules, ["age"])
        self.assertFalse(internship.recheck_blocked)
        self.assertFalse(self.reviews(internship.sudo()))
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")

    def test_recheck_that_passes_lets_the_intern_on_duty_and_has_nothing_to_approve(self):
        internship, _late_start = self._turning_25()
        on_time = date.today() + relativedelta(days=10)
        internship.with_user(self.unit_user).action_save_onboarding(self.onboarding(on_time))
        self.assertFalse(internship.recheck_blocked)
        self.assertFalse(self.reviews(internship.sudo()))
        with self.assertRaises(UserError):
            internship.with_user(self.officer_shiqian).action_approve_recheck("同意")
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")

    def test_an_override_at_approval_covers_its_rules_at_the_recheck_but_no_other(self):
        internship = self.review(
            applicant=self._verify(self._new_applicant(is_employed="yes")), start_date=False, agreement_date=False
        )
        internship.with_user(self.officer_shiqian).action_approve("劳动合同已于签约前解除。")
        self.assertIn("exclusions", internship.overridden_rules)
        start = date.today() + relativedelta(days=3)
        internship.with_user(self.unit_user).action_save_onboarding(self.onboarding(start))
        self.assertFalse(internship.recheck_blocked, "the employment was overridden at approval")
        internship.applicant_id.is_student = "yes"  # a new failure, of the same rule
        internship.with_user(self.unit_user).action_set_on_duty()
        self.assertEqual(internship.state, "on_duty")
