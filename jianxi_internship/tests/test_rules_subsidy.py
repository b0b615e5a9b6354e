# Pure-Python rules, no database: see test_rules_identity.py for why TestCase + MetaCase.
from dataclasses import replace
from datetime import date, timedelta

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules import subsidy as sb

POLICY = sb.SubsidyPolicy()
# 60% and 80% of a 1660 monthly minimum wage (Guizhou third tier from 2023-02-01)
M60 = 996.0
M80 = 1328.0


def flat_wage(day):
    return 1660.0


def step_wage(day):
    """1570 until 2023-01-31, 1660 from 2023-02-01."""
    return 1570.0 if day < date(2023, 2, 1) else 1660.0


def period(key="A", start=date(2023, 3, 1), end=date(2023, 8, 31), **changes):
    """An internship that ran its full agreed period and was ended in the system."""
    values = {
        "key": key,
        "start": start,
        "planned_end": end,
        "actual_end": end,
        "state": "ended",
        "end_reason": "completed",
    }
    values.update(changes)
    return sb.InternPeriod(**values)


class TestRulesSubsidy(TestCase, metaclass=MetaCase):
    def one(self, intern, claim_date=None, wage_for=flat_wage, policy=POLICY, retention=None):
        # default: claimed 10 days after the end, well within the 90-day window
        claim_date = claim_date or (intern.actual_end or intern.planned_end) + timedelta(days=10)
        lines = sb.compute_lines([intern], claim_date, wage_for, policy, retention)
        self.assertEqual(len(lines), 1)
        return lines[0]

    # --- calendar helpers -------------------------------------------------------------

    def test_days_in_period_by_month(self):
        self.assertEqual(
            sb.days_in_period_by_month(date(2024, 1, 15), date(2024, 3, 10)),
            [
                (date(2024, 1, 1), 17, 31),  # 15..31 January
                (date(2024, 2, 1), 29, 29),  # leap February
                (date(2024, 3, 1), 10, 31),
            ],
        )
        self.assertEqual(sb.days_in_period_by_month(date(2024, 5, 31), date(2024, 5, 31)), [(date(2024, 5, 1), 1, 31)])
        self.assertEqual(sb.days_in_period_by_month(date(2024, 5, 2), date(2024, 5, 1)), [])

    def test_months_between_prorates_by_days(self):
        self.assertEqual(sb.months_between(date(2023, 3, 1), date(2023, 8, 31)), 6.0)
        # 17/31 + 1 + 10/31 = 1 + 27/31
        self.assertAlmostEqual(sb.months_between(date(2024, 1, 15), date(2024, 3, 10)), 1 + 27 / 31, places=12)

    # --- wage part --------------------------------------------------------------------

    def test_full_months_at_60_percent(self):
        line = self.one(period())
        self.assertTrue(line.included)
        self.assertIsNone(line.exclusion)
        self.assertEqual(line.rate, 0.6)
        self.assertEqual(line.months_served, 6.0)
        self.assertEqual(line.wage_amount, 5976.0)  # 6 x 1660 x 0.6
        self.assertEqual(line.total, 5976.0)
        self.assertEqual(line.monthly_breakdown[0], (date(2023, 3, 1), 1.0, 1660.0, M60))
        self.assertEqual(len(line.monthly_breakdown), 6)

    def test_partial_months_prorated_at_both_ends(self):
        line = self.one(period(start=date(2023, 3, 16), end=date(2023, 9, 15)))
        # March 16/31 x 996 = 514.0645 -> 514.06; April-August 5 x 996 = 4980; September 15/30 x 996 = 498.00
        self.assertEqual([row[3] for row in line.monthly_breakdown], [514.06, M60, M60, M60, M60, M60, 498.0])
        self.assertEqual(line.wage_amount, 5992.06)
        self.assertEqual(line.months_served, 6.0161)  # 16/31 + 5 + 15/30
        self.assertEqual(line.total, 5992.06)

    def test_february_prorated_in_common_and_leap_years(self):
        # 2023: February 10..28 = 19/28 x 996 = 675.857 -> 675.86; May 1..9 = 9/31 x 996 = 289.161 -> 289.16
        common = self.one(period(start=date(2023, 2, 10), end=date(2023, 5, 9)), claim_date=date(2023, 6, 1))
        self.assertEqual(common.monthly_breakdown[0][:3], (date(2023, 2, 1), 19 / 28, 1660.0))
        self.assertEqual([row[3] for row in common.monthly_breakdown], [675.86, M60, M60, 289.16])
        self.assertEqual(common.wage_amount, 2957.02)
        # 2024: February 10..29 = 20/29 x 996 = 686.897 -> 686.90
        leap = self.one(period(start=date(2024, 2, 10), end=date(2024, 5, 9)), claim_date=date(2024, 6, 1))
        self.assertEqual([row[3] for row in leap.monthly_breakdown], [686.9, M60, M60, 289.16])
        self.assertEqual(leap.wage_amount, 2968.06)

    def test_wage_change_mid_internship(self):
        # December and January at 1570 x 0.6 = 942, February and March at 1660 x 0.6 = 996
        line = self.one(
            period(start=date(2022, 12, 1), end=date(2023, 3, 31)), claim_date=date(2023, 4, 10), wage_for=step_wage
        )
        self.assertEqual([row[2] for row in line.monthly_breakdown], [1570.0, 1570.0, 1660.0, 1660.0])
        self.assertEqual(line.wage_amount, 3876.0)

    def test_wage_of_a_month_is_the_one_valid_on_its_first_covered_day(self):
        def wage(day):
            return 1570.0 if day < date(2023, 2, 15) else 1660.0

        # January 16..31: 16/31 x 942 = 486.19; February (first day 1st, old wage): 942;
        # March 1..15: 15/31 x 996 = 481.935 -> 481.94
        line = self.one(
            period(start=date(2023, 1, 16), end=date(2023, 3, 15)), claim_date=date(2023, 4, 1), wage_for=wage
        )
        self.assertEqual(
            [row[2:] for row in line.monthly_breakdown], [(1570.0, 486.19), (1570.0, 942.0), (1660.0, 481.94)]
        )
        self.assertEqual(line.wage_amount, 1910.13)

    def test_amounts_round_half_up(self):
        # 15/30 x 1234.55 x 0.6 = 370.365 exactly -> 370.37 (half-even would give 370.36)
        line = self.one(
            period(start=date(2023, 9, 1), end=date(2023, 9, 15)),
            claim_date=date(2023, 10, 1),
            wage_for=lambda day: 1234.55,
        )
        self.assertEqual(line.wage_amount, 370.37)

    def test_missing_wage_raises(self):
        with self.assertRaises(sb.MissingWageError) as catcher:
            self.one(
                period(start=date(2023, 1, 16), end=date(2023, 3, 15)),
                wage_for=lambda day: None if day >= date(2023, 2, 1) else 1570.0,
            )
        self.assertEqual(str(catcher.exception), "No minimum wage is set for 2023-02-01.")

    # --- retention, rate and bonus ----------------------------------------------------

    def test_retention_rate(self):
        kept, left = period(kept_on=True), period()
        self.assertEqual(sb.retention_rate([kept, kept, left, left]), 0.5)
        self.assertEqual(sb.retention_rate([kept, left, left]), 1 / 3)
        self.assertIsNone(sb.retention_rate([]))
        # interns still on duty are not counted
        self.assertIsNone(sb.retention_rate([replace(kept, state="on_duty", actual_end=None)]))
        self.assertEqual(sb.retention_rate([kept, replace(left, state="on_duty", actual_end=None)]), 1.0)

    def test_rate_switches_to_80_percent_exactly_at_50_percent_retention(self):
        kept, left = period(kept_on=True), period()
        at_threshold = self.one(period(), retention=sb.retention_rate([kept, kept, left, left]))
        self.assertEqual(at_threshold.rate, 0.8)
        self.assertEqual(at_threshold.wage_amount, 7968.0)  # 6 x 1660 x 0.8
        below = self.one(period(), retention=sb.retention_rate([kept, left, left]))
        self.assertEqual(below.rate, 0.6)
        self.assertEqual(below.wage_amount, 5976.0)
        self.assertEqual(self.one(period(), retention=0.4999).rate, 0.6)
        self.assertEqual(self.one(period(), retention=None).rate, 0.6)

    def test_bonus_only_for_kept_intern_with_retained_rate(self):
        retained = self.one(period(kept_on=True), retention=0.5)
        self.assertEqual(retained.bonus_amount, 500.0)
        self.assertEqual(retained.total, 8468.0)  # 7968 + 500
        below = self.one(period(kept_on=True), retention=0.4)
        self.assertEqual(below.bonus_amount, 0.0)
        self.assertEqual(below.total, 5976.0)
        not_kept = self.one(period(kept_on=False), retention=0.5)
        self.assertEqual(not_kept.bonus_amount, 0.0)
        self.assertEqual(not_kept.total, 7968.0)

    # --- insurance --------------------------------------------------------------------

    def test_insurance_repaid_at_cost_up_to_cap(self):
        self.assertEqual(self.one(period(insurance_cost=280.0)).insurance_amount, 280.0)
        self.assertEqual(self.one(period(insurance_cost=300.0)).insurance_amount, 300.0)
        above = self.one(period(insurance_cost=350.5))
        self.assertEqual(above.insurance_amount, 300.0)
        self.assertEqual(above.total, 6276.0)  # 5976 + 300
        self.assertEqual(
            self.one(period(insurance_cost=350.5), policy=replace(POLICY, insurance_cap=400.0)).insurance_amount, 350.5
        )

    # --- early hire -------------------------------------------------------------------

    def test_early_hire_pays_remaining_months(self):
        # served March-April (2 x 996 = 1992), remaining May-August paid too (4 x 996 = 3984)
        line = self.one(period(actual_end=date(2023, 4, 30), end_reason="hired"))
        self.assertEqual((line.months_served, line.months_early_hire), (2.0, 4.0))
        self.assertEqual((line.wage_amount, line.early_hire_amount, line.total), (1992.0, 3984.0, 5976.0))
        self.assertEqual(len(line.monthly_breakdown), 6)
        self.assertIsNone(line.reason)

    def test_early_hire_mid_month_splits_that_month(self):
        # served March + April 1..15 (996 + 498); remaining April 16..30 (498) + May-August (3984)
        line = self.one(period(actual_end=date(2023, 4, 15), end_reason="hired"))
        self.assertEqual((line.months_served, line.months_early_hire), (1.5, 4.5))
        self.assertEqual((line.wage_amount, line.early_hire_amount, line.total), (1494.0, 4482.0, 5976.0))

    def test_early_hire_below_one_third_not_paid(self):
        policy = replace(POLICY, early_hire_min_fraction=1 / 3)
        # 1 of 6 months served < 1/3
        line = self.one(period(actual_end=date(2023, 3, 31), end_reason="hired"), policy=policy)
        self.assertEqual((line.wage_amount, line.early_hire_amount, line.months_early_hire), (996.0, 0.0, 0.0))
        self.assertEqual(
            str(line.reason),
            "Hired early after 1.00 of 6.00 months, less than the required 33%: " "the remaining months are not paid.",
        )
        # exactly 2 of 6 months = 1/3: paid
        line = self.one(period(actual_end=date(2023, 4, 30), end_reason="hired"), policy=policy)
        self.assertEqual((line.wage_amount, line.early_hire_amount), (1992.0, 3984.0))

    def test_early_end_for_job_elsewhere_pays_only_served_months(self):
        line = self.one(period(actual_end=date(2023, 4, 30), end_reason="job_elsewhere"))
        self.assertEqual((line.wage_amount, line.early_hire_amount, line.total), (1992.0, 0.0, 1992.0))

    def test_end_recorded_after_planned_end_is_capped_at_agreed_period(self):
        line = self.one(period(actual_end=date(2023, 9, 15)))
        self.assertEqual((line.months_served, line.wage_amount), (6.0, 5976.0))

    # --- exclusions -------------------------------------------------------------------

    def test_claim_on_last_day_of_window_included(self):
        # 2023-08-31 + 90 days = 2023-11-29
        self.assertTrue(self.one(period(), claim_date=date(2023, 11, 29)).included)

    def test_late_claim_one_day_after_window_excluded(self):
        line = self.one(period(insurance_cost=200.0), claim_date=date(2023, 11, 30))
        self.assertFalse(line.included)
        self.assertEqual(line.exclusion, sb.LATE)
        self.assertEqual(line.total, 0.0)
        self.assertEqual(
            str(line.reason),
            "Claimed on 2023-11-30, after the last day of the 90-day claim window, "
            "2023-11-29 (internship ended 2023-08-31).",
        )

    def test_not_ended_after_planned_end_excluded(self):
        for state in ("on_duty", "end_requested"):
            line = self.one(period(state=state, actual_end=None), claim_date=date(2023, 9, 1))
            self.assertEqual((line.included, line.exclusion, line.total), (False, sb.NOT_ENDED, 0.0))
            self.assertEqual(
                str(line.reason),
                "The internship ended on 2023-08-31 by plan but was not ended in the "
                "system (人员终止 missing); it cannot be claimed.",
            )

    def test_not_ended_before_planned_end_not_returned(self):
        running = period(state="on_duty", actual_end=None)
        self.assertEqual(sb.compute_lines([running], date(2023, 8, 31), flat_wage, POLICY, None), [])
        self.assertEqual(sb.compute_lines([running], date(2023, 7, 1), flat_wage, POLICY, None), [])

    def test_already_claimed_excluded(self):
        line = self.one(period(already_claimed=True, insurance_cost=100.0))
        self.assertEqual((line.included, line.exclusion, line.total), (False, sb.ALREADY_CLAIMED, 0.0))

    def test_actual_end_without_state_ended_is_not_ended(self):
        # An end date recorded while the internship is still 离岗申请中 (or on duty): the period counts
        # as not ended until its state says so, whatever its dates.
        for state in ("on_duty", "end_requested"):
            with self.subTest(state=state):
                intern = period(state=state, actual_end=date(2023, 8, 31), insurance_cost=200.0)
                line = self.one(intern, claim_date=date(2023, 9, 1))
                self.assertEqual((line.included, line.exclusion, line.total), (False, sb.NOT_ENDED, 0.0))
                # not yet past its planned end: not due, no line at all
                self.assertEqual(sb.compute_lines([intern], date(2023, 8, 31), flat_wage, POLICY, None), [])
        # and the reverse: state ended without an end date is not ended either
        line = self.one(period(actual_end=None), claim_date=date(2023, 9, 1))
        self.assertEqual((line.included, line.exclusion, line.total), (False, sb.NOT_ENDED, 0.0))

    def test_excluded_lines_carry_no_amounts_and_no_breakdown(self):
        # each exclusion of an internship that would otherwise be paid (insurance, bonus at the retained rate)
        kept = {"kept_on": True, "insurance_cost": 200.0}
        cases = (
            (sb.NOT_ENDED, period(state="end_requested", actual_end=None, **kept), date(2023, 9, 1)),
            (sb.ALREADY_CLAIMED, period(already_claimed=True, **kept), date(2023, 9, 1)),
            (sb.LATE, period(**kept), date(2023, 11, 30)),
        )
        for exclusion, intern, claim_date in cases:
            with self.subTest(exclusion=exclusion):
                line = self.one(intern, claim_date=claim_date, retention=1.0)
                self.assertEqual((line.key, line.included, line.exclusion), ("A", False, exclusion))
                self.assertEqual(
                    (
                        line.months_served,
                        line.months_early_hire,
                        line.rate,
                        line.wage_amount,
                        line.early_hire_amount,
                        line.insurance_amount,
                        line.bonus_amount,
                        line.total,
                        line.monthly_breakdown,
                    ),
                    (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ()),
                )
                self.assertEqual(
                    sb.claim_totals([line]),
                    {
                        "count": 0,
                        "excluded": 1,
                        "wage_amount": 0.0,
                        "early_hire_amount": 0.0,
                        "insurance_amount": 0.0,
                        "bonus_amount": 0.0,
                        "total": 0.0,
                    },
                )

    # --- totals -----------------------------------------------------------------------

    def test_claim_totals(self):
        interns = [
            # 7968 + bonus 500 + insurance 280 = 8748
            period("A", kept_on=True, insurance_cost=280.0),
            # March 16/31 x 1328 = 685.42, April-August 5 x 1328 = 6640, September 15/30 x 1328 = 664
            # = 7989.42, + insurance capped at 300 = 8289.42
            period("B", start=date(2023, 3, 16), end=date(2023, 9, 15), insurance_cost=350.0),
            period("C", end=date(2023, 9, 10), state="on_duty", actual_end=None),  # not ended: excluded
            period("D", already_claimed=True),  # excluded
            period("E", end=date(2023, 12, 31), state="on_duty", actual_end=None),  # not due: not returned
        ]
        lines = sb.compute_lines(interns, date(2023, 9, 20), flat_wage, POLICY, 0.5)
        self.assertEqual(
            [(line.key, line.included) for line in lines], [("A", True), ("B", True), ("C", False), ("D", False)]
        )
        self.assertEqual((lines[0].total, lines[1].total), (8748.0, 8289.42))
        self.assertEqual(
            sb.claim_totals(lines),
            {
                "count": 2,
                "excluded": 2,
                "wage_amount": 15957.42,
                "early_hire_amount": 0.0,
                "insurance_amount": 580.0,
                "bonus_amount": 500.0,
                "total": 17037.42,
            },
        )
