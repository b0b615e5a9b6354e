import itertools
import re
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import JianxiWorkflowCase

# Distinct, valid ID numbers for the interns these tests create (born 1999–2000, sequence 7xx).
_INTERN_NUMBERS = itertools.count(1)

CLAIM_DATE = date(2024, 3, 15)


class SubsidyClaimCase(JianxiWorkflowCase):
    """A scene with known numbers: 石阡县 has its own policy (60% / 80% at 50% retention, ¥500 bonus,
    ¥300 insurance cap, 90-day window) and a minimum wage of ¥1,500 (so 60% = ¥900 and 80% = ¥1,200
    a month). Settings that demo data may have put on the two test counties are archived, so the
    figures cannot drift."""

    # The scenes' claims are made on CLAIM_DATE: a claim takes the server's day when it is first
    # submitted, so the server's clock stands on that day.
    freeze_time = CLAIM_DATE.isoformat()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._archive_settings_of(cls.shiqian | cls.sinan)
        cls.policy = cls._make_policy("石阡县测试政策", cls.shiqian)
        cls.wage = cls.env["jianxi.minimum.wage"].create(
            {"region_id": cls.shiqian.id, "date_from": "2020-01-01", "amount": 1500}
        )
        cls.position = cls._make_position(cls.unit, headcount=100, allowance=2500)
        cls.other_position = cls._make_position(cls.other_unit, headcount=100, allowance=2500)
        cls.Claim = cls.env["jianxi.subsidy.claim"]

    # ------------------------------------------------------------------ factories
    @classmethod
    def _applicant_values(cls, name, number, partner=None):
        birth = date(1999, 1, 1) + timedelta(days=number % 700)
        partner = partner or cls.env["res.partner"].create({"name": name})
        return {
            "name": name,
            "partner_id": partner.id,
            "category": "college",
            "id_number": cls.make_id_number((birth.year, birth.month, birth.day), sequence=700 + number // 700),
            "education_level_id": cls.env.ref("jianxi_internship.education_level_bachelor").id,
            "diploma_date": "2022-07-01",
            "household_region_id": cls.shiqian.id,
        }

    @classmethod
    def _intern(
        cls,
        state="ended",
        start="2023-09-01",
        planned_end="2024-02-29",
        actual_end=None,
        end_reason="completed",
        kept_on=False,
        accident=120.0,
        medical=80.0,
        position=None,
        name=None,
    ):
        """An internship of ``cls.unit`` (by default: six full months, ended at term, ¥200 of insurance)."""
        number = next(_INTERN_NUMBERS)
        name = name or f"见习生{number}"
        applicant = cls.env["jianxi.applicant"].create(cls._applicant_values(name, number))
        ended = state == "ended"
        internship = cls.env["jianxi.internship"].create(
            {
                "applicant_id": applicant.id,
                "position_id": (position or cls.position).id,
                "agreement_date": start,
                "start_date": start,
                "planned_end_date": planned_end,
                "actual_end_date": (actual_end or planned_end) if ended else False,
                "end_reason": end_reason if ended else False,
                "kept_on": kept_on and ended,
                "accident_premium": accident,
                "medical_premium": medical,
            }
        )
        return internship._jianxi_force_state(state)

    def _claim(self, user=None, claim_date=CLAIM_DATE, unit=None):
        Claim = self.Claim.with_user(user) if user else self.Claim
        return Claim._jianxi_create_for_unit(unit or self.unit, claim_date)

    @staticmethod
    def _line(claim, internship):
        return (
            claim.env["jianxi.subsidy.claim.line"]
            .sudo()
            .search([("claim_id", "=", claim.id), ("internship_id", "=", internship.id)])
        )


@tagged("post_install", "-at_install")
class TestSubsidyClaimAmounts(SubsidyClaimCase):
    """The money of a claim, through the ORM: the rules fed with the database's internships,
    policy and minimum wages."""

    def test_full_months_are_paid_at_60_percent_plus_insurance(self):
        intern = self._intern()
        claim = self._claim()
        line = self._line(claim, intern)
        self.assertTrue(line.included)
        self.assertEqual(line.months_served, 6.0)
        self.assertEqual(line.rate, 60.0)
        self.assertEqual(line.wage_amount, 6 * 900.0)
        self.assertEqual(line.insurance_amount, 200.0)
        self.assertEqual(line.total, 5600.0)
        self.assertEqual((claim.rate, claim.amount_total), (60.0, 5600.0))
        self.assertEqual(claim.policy_id, self.policy)

    def test_partial_month_is_prorated_by_days(self):
        # 16–30 September is 15 of 30 days, then October to February in full.
        intern = self._intern(start="2023-09-16")
        line = self._line(self._claim(), intern)
        self.assertEqual(line.months_served, 5.5)
        self.assertEqual(line.wage_amount, 450.0 + 5 * 900.0)
        self.assertIn("2023-09: 0.5000 × 1500.00 × 60% = 450.00", line.breakdown)

    def test_early_end_is_prorated_to_the_end_date(self):
        # Left on 10 January 2024 for a job elsewhere: 10 of 31 days of January are paid.
        intern = self._intern(actual_end="2024-01-10", end_reason="job_elsewhere")
        line = self._line(self._claim(claim_date=date(2024, 2, 1)), intern)
        self.assertEqual(line.wage_amount, 4 * 900.0 + 290.32)  # 10/31 × 900 = 290.32
        self.assertEqual(line.early_hire_amount, 0.0)

    def test_rate_switches_to_80_percent_at_50_percent_retention(self):
        kept = self._intern(kept_on=True)
        left = self._intern()
        claim = self._claim()
        self.assertEqual(claim.retention_rate, 50.0)
        self.assertEqual(claim.rate, 80.0)
        self.assertEqual((claim.year_kept_count, claim.year_ended_count, claim.retention_year), (1, 2, 2024))
        self.assertEqual(self._line(claim, left).wage_amount, 6 * 1200.0)
        self.assertEqual(self._line(claim, kept).rate, 80.0)

    def test_rate_stays_60_percent_below_the_retention_threshold(self):
        self._intern(kept_on=True)
        self._intern()
        self._intern()
        claim = self._claim()
        self.assertAlmostEqual(claim.retention_rate, 100 / 3, places=2)
        self.assertEqual(claim.rate, 60.0)
        self.assertEqual(claim.amount_wage, 3 * 6 * 900.0)

    def test_bonus_of_500_per_kept_intern_only_at_the_retained_rate(self):
        kept = self._intern(kept_on=True)
        left = self._intern()
        claim = self._claim()
        self.assertEqual(self._line(claim, kept).bonus_amount, 500.0)
        self.assertEqual(self._line(claim, left).bonus_amount, 0.0)
        self.assertEqual(claim.amount_bonus, 500.0)
        self.assertEqual(self._line(claim, kept).total, 6 * 1200.0 + 200.0 + 500.0)

    def test_kept_intern_earns_no_bonus_below_the_retention_threshold(self):
        kept = self._intern(kept_on=True)
        self._intern()
        self._intern()
        claim = self._claim()
        self.assertEqual(self._line(claim, kept).bonus_amount, 0.0)
        self.assertEqual(claim.amount_bonus, 0.0)

    def test_insurance_is_repaid_at_cost_up_to_the_cap(self):
        cheap = self._intern(accident=90.0, medical=60.0)
        dear = self._intern(accident=250.0, medical=150.0)
        claim = self._claim()
        self.assertEqual(self._line(claim, cheap).insurance_amount, 150.0)
        self.assertEqual(self._line(claim, dear).insurance_amount, 300.0)
        self.assertEqual(self._line(claim, dear).insurance_cost, 400.0)
        self.assertEqual(claim.amount_insurance, 450.0)

    def test_early_hire_is_paid_the_remaining_months(self):
        # Hired by the unit after four of six months: the last two are paid all the same.
        intern = self._intern(actual_end="2023-12-31", end_reason="hired", kept_on=True)
        claim = self._claim(claim_date=date(2024, 1, 10))
        line = self._line(claim, intern)
        self.assertEqual((line.months_served, line.months_early_hire), (4.0, 2.0))
        self.assertEqual(line.wage_amount, 4 * 900.0)
        self.assertEqual(line.early_hire_amount, 2 * 900.0)
        self.assertEqual(claim.amount_early_hire, 1800.0)
        # ended in 2023, so it does not count for the retention of the claim year 2024
        self.assertEqual((claim.rate, line.bonus_amount), (60.0, 0.0))

    def test_late_claim_excludes_the_intern_with_the_window_reason(self):
        late = self._intern(start="2023-06-01", planned_end="2023-11-30")
        on_time = self._intern()
        claim = self._claim()
        line = self._line(claim, late)
        self.assertFalse(line.included)
        self.assertEqual(line.exclusion, "late")
        self.assertIn("2024-02-28", line.reason)  # 30 November + 90 days
        self.assertIn("claim window", line.reason)
        self.assertEqual(line.total, 0.0)
        self.assertEqual(claim.line_ids.internship_id, on_time)
        self.assertEqual(claim.excluded_line_ids.internship_id, late)

    def test_exclusion_reason_is_stored_as_a_code_and_read_in_each_reader_language(self):
        """The unit reads the claim in Chinese, an English-speaking auditor in English: the line
        holds the reason's code and dates only."""
        late = self._intern(start="2023-06-01", planned_end="2023-11-30")
        line = self._line(self._claim(self.unit_user), late)
        self.assertEqual(line.reason_code, "late")
        self.assertEqual(
            line.reason_params,
            {"claim_date": "2024-03-15", "days": 90, "last_day": "2024-02-28", "end": "2023-11-30"},
        )
        self.env.cr.execute("SELECT * FROM jianxi_subsidy_claim_line WHERE id = %s", [line.id])
        self.assertNotIn("reason", self.env.cr.dictfetchone(), "the sentence is not stored")
        self.assertIn("after the last day of the 90-day claim window", line.with_context(lang="en_US").reason)
        chinese = line.with_context(lang="zh_CN").reason
        self.assertIn("2024-02-28", chinese)
        self.assertFalse(re.search("[A-Za-z]{3,}", chinese), chinese)

    def test_forgotten_end_is_listed_as_not_ended_with_the_reason(self):
        forgotten = self._intern(state="on_duty", start="2023-08-01", planned_end="2024-01-31")
        self._intern()
        claim = self._claim()
        line = self._line(claim, forgotten)
        self.assertFalse(line.included)
        self.assertEqual(line.exclusion, "not_ended")
        self.assertIn("人员终止", line.reason)
        self.assertIn("2024-01-31", line.reason)
        self.assertEqual(claim.excluded_count, 1)

    def test_end_requested_past_planned_end_is_not_ended_either(self):
        waiting = self._intern(state="end_requested", start="2023-08-01", planned_end="2024-01-31")
        self.assertEqual(self._line(self._claim(), waiting).exclusion, "not_ended")

    def test_intern_still_within_the_agreed_period_is_not_listed(self):
        running = self._intern(state="on_duty", start="2024-01-01", planned_end="2024-06-30")
        self._intern()
        claim = self._claim()
        self.assertFalse(self._line(claim, running))
        self.assertEqual(claim.intern_count, 1)

    def test_already_claimed_intern_is_excluded(self):
        intern = self._intern()
        first = self._claim()
        first.with_user(self.unit_user).action_submit()
        second = self._claim(claim_date=date(2024, 4, 1))
        line = self._line(second, intern)
        self.assertFalse(line.included)
        self.assertEqual(line.exclusion, "already_claimed")
        self.assertTrue(line.reason)

    def test_intern_of_an_approved_claim_is_not_listed_again(self):
        intern = self._intern()
        first = self._claim()
        first.with_user(self.unit_user).action_submit()
        first.with_user(self.officer_shiqian).action_approve()
        self._intern(start="2024-01-01", planned_end="2024-03-31")  # a new intern, so the claim has a line
        second = self._claim(claim_date=date(2024, 4, 1))
        self.assertFalse(self._line(second, intern))

    def test_intern_of_a_rejected_claim_can_be_claimed_again(self):
        intern = self._intern()
        first = self._claim()
        first.with_user(self.unit_user).action_submit()
        first.with_user(self.officer_shiqian).action_reject("花名册与协议不符")
        second = self._claim(claim_date=date(2024, 4, 1))
        self.assertTrue(self._line(second, intern).included)

    def test_intern_count_equals_the_included_lines(self):
        for _i in range(3):
            self._intern()
        self._intern(state="on_duty", start="2023-08-01", planned_end="2024-01-31")
        self._intern(start="2023-06-01", planned_end="2023-11-30")
        claim = self._claim()
        self.assertEqual(claim.intern_count, 3)
        self.assertEqual(claim.intern_count, len(claim.line_ids))
        self.assertEqual(len(claim.excluded_line_ids), 2)
        self.assertEqual(claim.amount_total, sum(claim.line_ids.mapped("total")))

    def test_intern_count_cannot_be_typed(self):
        # A claim of the officer's own county, for a unit without an open claim, and one the unit's
        # own contact asks for: the county's record rule, the one-open-claim check and (for the
        # contact) the access rights come after the check of the creation values, so that check is
        # what refuses each of these, and its message says so.
        for user in (self.unit_user, self.officer_shiqian):
            for fname, value, label in (("intern_count", 40, "Interns Claimed"), ("amount_total", 99999.0, "Total")):
                with self.subTest(user=user.login, field=fname):
                    with self.assertRaises(UserError) as cm:
                        self.Claim.with_user(user).create({"unit_id": self.unit.id, fname: value})
                    self.assertNotIsInstance(cm.exception, AccessError)
                    self.assertEqual(
                        str(cm.exception),
                        "A new subsidy claim starts as a draft, and the system computes its number, interns and "
                        f"amounts: “{label}” cannot be given.",
                    )
        self.assertFalse(self.Claim.search([("unit_id", "=", self.unit.id)]))
        # Nor can they be written on the claim afterwards.
        self._intern()
        claim = self._claim()
        with self.assertRaises(UserError) as cm:
            claim.with_user(self.officer_shiqian).write({"intern_count": 40})
        self.assertIn("never typed", str(cm.exception))
        self.assertEqual((claim.intern_count, claim.amount_total), (1, 5600.0))

    def test_wage_change_between_months_uses_each_months_wage(self):
        self.env["jianxi.minimum.wage"].create(
            {"region_id": self.shiqian.id, "date_from": "2023-12-01", "amount": 1800}
        )
        intern = self._intern()
        line = self._line(self._claim(), intern)
        # September–November at 60% of 1,500, December–February at 60% of 1,800
        self.assertEqual(line.wage_amount, 3 * 900.0 + 3 * 1080.0)
        self.assertIn("2023-11: 1.0000 × 1500.00 × 60% = 900.00", line.breakdown)
        self.assertIn("2023-12: 1.0000 × 1800.00 × 60% = 1080.00", line.breakdown)

    def test_wage_is_the_minimum_wage_of_the_interns_work_county(self):
        self.env["jianxi.minimum.wage"].create({"region_id": self.sinan.id, "date_from": "2020-01-01", "amount": 2000})
        at_home = self._intern()
        abroad = self._intern(position=self._make_position(self.unit, region_id=self.sinan.id, allowance=2500))
        claim = self._claim()
        self.assertEqual(self._line(claim, at_home).wage_amount, 6 * 900.0)
        self.assertEqual(self._line(claim, abroad).wage_amount, 6 * 1200.0)

    def test_retention_counts_only_internships_ended_in_the_claim_year(self):
        # kept on, but ended in 2023: it does not lift the 2024 retention
        self._intern(start="2023-06-01", planned_end="2023-11-30", kept_on=True)
        self._intern()
        claim = self._claim()
        self.assertEqual((claim.year_ended_count, claim.year_kept_count), (1, 0))
        self.assertEqual((claim.retention_rate, claim.rate), (0.0, 60.0))

    def test_policy_in_force_on_the_claim_date_sets_the_numbers(self):
        self.env["jianxi.policy"].create(
            {
                "name": "石阡县测试政策 2024",
                "region_id": self.shiqian.id,
                "date_from": "2024-01-01",
                "subsidy_rate": 70,
                "subsidy_rate_retained": 90,
                "retention_threshold": 50,
                "retention_bonus": 500,
                "insurance_cap": 100,
                "claim_window_days": 30,
                "duration_min_months": 3,
                "duration_max_months": 12,
            }
        )
        intern = self._intern()
        claim = self._claim()
        line = self._line(claim, intern)
        self.assertEqual(claim.rate, 70.0)
        self.assertEqual(line.wage_amount, 6 * 1050.0)
        self.assertEqual(line.insurance_amount, 100.0)

    def test_missing_minimum_wage_is_a_clear_error(self):
        self.wage.active = False
        self.env["jianxi.minimum.wage"].search([("region_id", "in", (self.tongren | self.guizhou).ids)]).active = False
        self._intern()
        with self.assertRaises(UserError) as cm:
            self._claim()
        self.assertIn("No minimum wage is set for", str(cm.exception))
        self.assertIn(self.shiqian.name, str(cm.exception))


@tagged("post_install", "-at_install")
class TestSubsidyClaimWorkflow(SubsidyClaimCase):
    """Who may do what, in which state, and what it leaves behind."""

    quiet_mail = False  # asserts review activities

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intern = cls._intern()

    def _submitted(self):
        claim = self._claim(self.unit_user)
        claim.action_submit()
        return claim

    def _review_activities(self, claim):
        review = self.env.ref("jianxi_internship.mail_activity_type_review_claim")
        return claim.sudo().activity_ids.filtered(lambda a: a.activity_type_id == review)

    # --- creation
    def test_unit_user_creates_a_draft_claim_with_its_lines(self):
        claim = self._claim(self.unit_user)
        self.assertEqual(claim.env.user, self.unit_user)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.line_ids.internship_id, self.intern)
        self.assertEqual(claim.intern_count, 1)

    def test_claim_number_comes_from_the_sequence(self):
        claim = self._claim(self.unit_user)
        self.assertRegex(claim.name, r"^JXBT/2024/\d{5}$")
        other = self._claim(self.other_unit_user, unit=self.other_unit)
        number = int(re.search(r"(\d+)$", claim.name).group(1))
        self.assertEqual(other.name, f"JXBT/2024/{number + 1:05d}")

    def test_other_units_portal_user_cannot_create_a_claim_for_the_unit(self):
        with self.assertRaises(AccessError):
            self._claim(self.other_unit_user)

    def test_officer_of_another_county_cannot_create_a_claim(self):
        with self.assertRaises(AccessError):
            self._claim(self.officer_sinan)

    def test_officer_without_region_cannot_create_a_claim(self):
        with self.assertRaises(AccessError):
            self._claim(self.officer_none)

    def test_county_officer_starts_a_claim_on_the_units_behalf(self):
        claim = self._claim(self.officer_shiqian)
        self.assertEqual((claim.state, claim.intern_count), ("draft", 1))

    def test_backend_new_claim_then_compute(self):
        # The officer's form: the unit, save, then Compute. The date is the server's.
        Claim = self.Claim.with_user(self.officer_shiqian)
        with self.assertRaises(UserError):
            Claim.create({"unit_id": self.unit.id, "claim_date": date(2024, 1, 1)})
        claim = Claim.with_context(default_claim_date="2024-01-01").create({"unit_id": self.unit.id})
        self.assertEqual(claim.claim_date, CLAIM_DATE, "today, whatever the caller's context says")
        self.assertRegex(claim.name, r"^JXBT/2024/\d{5}$")
        self.assertFalse(claim.line_ids)
        claim.action_compute()
        self.assertEqual(claim.line_ids.internship_id, self.intern)

    def test_the_claim_date_is_the_servers(self):
        # issue 11, point 1: a unit once dated its claim in the past through JSON-RPC, so that a
        # late intern fell inside the window. No public method takes a date any more; the window
        # is measured on the day of the first submission, which a returned claim keeps.
        with self.assertRaises(TypeError):
            self.Claim.with_user(self.unit_user).action_create_for_unit(self.unit.id, "2023-08-01")
        claim = self._claim(self.unit_user, claim_date=date(2024, 2, 1))
        with self.assertRaises(UserError):
            claim.write({"claim_date": date(2023, 8, 1)})
        claim.action_submit()
        self.assertEqual(claim.claim_date, CLAIM_DATE, "the day of the first submission")
        claim.with_user(self.officer_shiqian).action_return("请补充保单")
        claim.action_submit()
        self.assertEqual(claim.claim_date, CLAIM_DATE)

    def test_second_open_claim_is_refused_naming_the_first(self):
        first = self._claim(self.unit_user)
        with self.assertRaises(UserError) as cm:
            self._claim(self.unit_user2)
        self.assertIn(first.name, str(cm.exception))

    # --- compute and submit
    def test_compute_regenerates_lines_from_the_internships(self):
        claim = self._claim(self.unit_user)
        second = self._intern()
        claim.action_compute()
        self.assertEqual(claim.line_ids.internship_id, self.intern | second)
        self.assertEqual(len(claim.sudo().env["jianxi.subsidy.claim.line"].search([("claim_id", "=", claim.id)])), 2)

    def test_submit_schedules_the_review_for_the_county_officers(self):
        claim = self._submitted()
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.submitted_date, fields.Date.context_today(claim))
        self.assertIn(self.officer_shiqian, self._review_activities(claim).user_id)
        self.assertNotIn(self.officer_sinan, self._review_activities(claim).user_id)

    def test_submit_recomputes_first(self):
        forgotten = self._intern(state="on_duty", start="2023-08-01", planned_end="2024-01-31")
        claim = self._claim(self.unit_user)
        self.assertEqual(self._line(claim, forgotten).exclusion, "not_ended")
        # the unit records the end it forgot, then submits: the intern is claimed
        forgotten.sudo().write({"actual_end_date": "2024-01-31", "end_reason": "completed"})
        forgotten._jianxi_force_state("ended")
        claim.action_submit()
        self.assertTrue(self._line(claim, forgotten).included)
        self.assertEqual(claim.intern_count, 2)

    def test_submit_without_an_included_intern_is_refused(self):
        self.intern.sudo().actual_end_date = "2023-11-30"  # now outside the window
        claim = self._claim(self.unit_user)
        with self.assertRaises(UserError) as cm:
            claim.action_submit()
        self.assertIn("includes no intern", str(cm.exception))
        self.assertEqual(claim.state, "draft")

    def test_other_units_portal_user_cannot_submit(self):
        claim = self._claim(self.unit_user)
        with self.assertRaises(AccessError):
            claim.with_user(self.other_unit_user).action_submit()

    # --- review
    def test_county_officer_approves_and_the_review_closes(self):
        claim = self._submitted()
        claim.with_user(self.officer_shiqian).action_approve()
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_by_id, self.officer_shiqian)
        self.assertFalse(self._review_activities(claim))

    def test_city_officer_and_manager_may_approve(self):
        claim = self._submitted()
        claim.with_user(self.officer_tongren).action_approve()
        self.assertEqual(claim.state, "approved")
        self._skip_notice(claim)
        claim.with_user(self.manager)._jianxi_record_payment(claim.amount_total, CLAIM_DATE, "BANK-1")
        self.assertEqual((claim.state, claim.paid_by_id), ("paid", self.manager))

    def test_officer_of_another_county_cannot_approve(self):
        claim = self._submitted()
        with self.assertRaises(AccessError):
            claim.with_user(self.officer_sinan).action_approve()
        self.assertEqual(claim.state, "submitted")

    def test_officer_without_region_cannot_approve(self):
        claim = self._submitted()
        with self.assertRaises(AccessError):
            claim.with_user(self.officer_none).action_approve()

    def test_unit_cannot_approve_its_own_claim(self):
        claim = self._submitted()
        with self.assertRaises(AccessError):
            claim.with_user(self.unit_user).action_approve()

    def test_draft_cannot_be_approved(self):
        claim = self._claim(self.unit_user)
        with self.assertRaises(UserError) as cm:
            claim.with_user(self.officer_shiqian).action_approve()
        self.assertIn("Draft", str(cm.exception))

    def test_return_for_correction_then_resubmit(self):
        claim = self._submitted()
        claim.with_user(self.officer_shiqian).action_return("请补充考勤记录")
        self.assertEqual((claim.state, claim.return_reason), ("returned", "请补充考勤记录"))
        self.assertFalse(self._review_activities(claim))
        claim.action_compute()
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertTrue(self._review_activities(claim))

    def test_return_needs_a_reason(self):
        claim = self._submitted()
        with self.assertRaises(UserError):
            claim.with_user(self.officer_shiqian).action_return("  ")
        self.assertEqual(claim.state, "submitted")

    def test_reject_with_reason(self):
        claim = self._submitted()
        claim.with_user(self.officer_shiqian).action_reject("重复申领")
        self.assertEqual((claim.state, claim.reject_reason), ("rejected", "重复申领"))
        self.assertFalse(self._review_activities(claim))
        with self.assertRaises(UserError):
            claim.action_submit()

    def test_reason_wizard_returns_the_claim(self):
        claim = self._submitted()
        action = claim.with_user(self.officer_shiqian).action_open_return()
        wizard = self.env["jianxi.reason.wizard"].with_user(self.officer_shiqian).browse(action["res_id"])
        wizard.reason = "材料不全"
        wizard.action_confirm()
        self.assertEqual((claim.state, claim.return_reason), ("returned", "材料不全"))

    # --- payment (the rules of the payment itself: test_claim_payment.py)
    def test_payment_records_the_amount_the_date_and_the_reference(self):
        claim = self._submitted()
        officer_claim = claim.with_user(self.officer_shiqian)
        officer_claim.action_approve()
        self._skip_notice(claim)
        officer_claim._jianxi_record_payment(5600.0, CLAIM_DATE, "ICBC-20240401-7")
        self.assertEqual((claim.state, claim.paid_date, claim.paid_amount), ("paid", CLAIM_DATE, 5600.0))
        self.assertEqual(claim.payment_reference, "ICBC-20240401-7")

    def test_payment_needs_an_approved_claim(self):
        claim = self._submitted()
        with self.assertRaises(UserError):
            claim.with_user(self.officer_shiqian)._jianxi_record_payment(5600.0, CLAIM_DATE, "X")

    def test_unit_cannot_record_the_payment_of_its_claim(self):
        claim = self._submitted()
        claim.with_user(self.officer_shiqian).action_approve()
        with self.assertRaises(AccessError):
            claim.with_user(self.unit_user)._jianxi_record_payment(5600.0, CLAIM_DATE, "X")
        with self.assertRaises(AccessError):
            claim.with_user(self.unit_user).action_open_payment()

    # --- read-only, deletion
    def test_submitted_claim_is_read_only(self):
        claim = self._submitted().with_user(self.officer_shiqian)
        with self.assertRaises(UserError) as cm:
            claim.currency_id = self.env.ref("base.USD")
        self.assertIn("read-only", str(cm.exception))
        with self.assertRaises(UserError):
            claim.action_compute()
        with self.assertRaises(UserError):
            claim.sudo().line_ids.write({"total": 1.0})
        with self.assertRaises(UserError):
            claim.sudo().line_ids.unlink()
        self.assertEqual(claim.amount_total, 5600.0)

    def test_state_is_written_by_the_workflow_only(self):
        claim = self._claim(self.unit_user).with_user(self.officer_shiqian)
        with self.assertRaises(UserError):
            claim.write({"state": "approved"})
        self.assertEqual(claim.state, "draft")

    def test_only_drafts_can_be_deleted(self):
        draft = self._claim(self.officer_shiqian)
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())
        submitted = self._submitted()
        with self.assertRaises(UserError):
            submitted.with_user(self.manager).unlink()

    # --- record rules
    def test_unit_contacts_read_their_claims_and_nobody_elses(self):
        claim = self._claim(self.unit_user)
        self.assertEqual(claim.with_user(self.unit_user2).amount_total, 5600.0)
        self.assertEqual(claim.with_user(self.unit_user2).line_ids.total, 5600.0)
        self.assertFalse(self.Claim.with_user(self.other_unit_user).search([("id", "=", claim.id)]))
        with self.assertRaises(AccessError):
            claim.with_user(self.other_unit_user).read(["amount_total"])
        with self.assertRaises(AccessError):
            claim.sudo().line_ids.with_user(self.other_unit_user).read(["total"])
        with self.assertRaises(AccessError):
            claim.with_user(self.applicant_user).read(["amount_total"])

    def test_portal_user_cannot_write_a_claim_directly(self):
        claim = self._claim(self.unit_user)
        with self.assertRaises(AccessError):
            claim.write({"unit_id": self.unit.id})

    def test_backend_views_load_for_an_officer(self):
        views = self.Claim.with_user(self.officer_shiqian).get_views(
            [(False, view) for view in ("list", "form", "kanban", "pivot", "graph", "search")]
        )
        self.assertEqual(set(views["views"]), {"list", "form", "kanban", "pivot", "graph", "search"})
        self.assertIn("excluded_line_ids", views["views"]["form"]["arch"])

    def test_officer_sees_only_the_claims_of_their_counties(self):
        claim = self._claim(self.unit_user)
        self.assertTrue(claim.with_user(self.officer_tongren).is_my_county)
        self.assertFalse(self.Claim.with_user(self.officer_sinan).search([("id", "=", claim.id)]))
        self.assertEqual(
            self.Claim.with_user(self.officer_shiqian).search([("id", "=", claim.id), ("is_my_county", "=", True)]),
            claim,
        )
