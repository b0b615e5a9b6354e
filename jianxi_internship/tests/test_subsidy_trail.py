"""The money trail on the dashboards (issue 13, point 6): claims with missing monthly papers, and
the amounts under review, awaiting their public notice, in notice, to pay and paid."""

from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from .common import ONBOARDING_PDF
from .test_claim_payment import APPROVED, ClaimPaymentCase


@tagged("post_install", "-at_install")
class TestSubsidyTrail(ClaimPaymentCase):
    """CLAIM_DATE is Friday 15 March 2024: a claim approved that day is in notice from 18 to 22
    March. One unit's claims, one intern each (September 2023 to February 2024), in every stage."""

    def setUp(self):
        super().setUp()
        # (ClaimPaymentCase made the first intern.) Approved on CLAIM_DATE: its notice is to come.
        self.awaiting = self._submitted()
        self.awaiting.with_user(self.officer_shiqian).action_approve()
        self._intern(name="公示期满者")
        self.to_pay = self._approved()
        self._intern(name="已拨付者")
        self.paid = self._approved()
        self._pay(self.paid, self.officer_shiqian, amount=5000, reason="扣减600元")
        # the last one has its twelve monthly papers, and is still under review
        papered = self._intern(name="材料齐全者")
        month = date(2023, 9, 1)
        while month <= date(2024, 2, 1):
            for kind in ("attendance", "allowance"):
                self.env["jianxi.monthly.paper"].create(
                    {
                        "unit_id": self.unit.id,
                        "month": month,
                        "kind": kind,
                        "file": ONBOARDING_PDF,
                        "filename": "月度.pdf",
                        "internship_ids": papered.ids,
                    }
                )
            month += relativedelta(months=1)
        self.review = self._submitted()
        self.claims = self.awaiting | self.to_pay | self.paid | self.review

    def trail(self, user=None):
        Trail = self.env["jianxi.subsidy.trail.report"].with_user(user or self.manager)
        groups = Trail.read_group(
            [("claim_id", "in", self.claims.ids)],
            ["amount:sum", "claim_count:sum", "missing_papers_count:sum"],
            ["stage"],
        )
        return {g["stage"]: (g["claim_count"], g["amount"], g["missing_papers_count"]) for g in groups}

    def test_every_stage_with_its_amount(self):
        self.assertEqual(
            self.trail(),
            {
                "1_review": (1, APPROVED, 0),
                "2_awaiting_notice": (1, APPROVED, 1),
                "4_to_pay": (1, APPROVED, 1),
                "5_paid": (1, 5000.0, 1),
            },
        )

    def test_the_stage_follows_the_clock(self):
        with freeze_time("2024-03-20"):
            self.assertEqual(self.trail()["3_in_notice"], (1, APPROVED, 1))
        with freeze_time("2024-03-25"):
            self.assertEqual(self.trail()["4_to_pay"], (2, 2 * APPROVED, 2))
            self.assertNotIn("3_in_notice", self.trail())

    def test_claims_with_missing_papers(self):
        Trail = self.env["jianxi.subsidy.trail.report"].with_user(self.officer_shiqian)
        missing = Trail.search([("has_missing_papers", "=", True), ("claim_id", "in", self.claims.ids)])
        self.assertEqual(missing.claim_id, self.awaiting | self.to_pay | self.paid)
        Claim = self.env["jianxi.subsidy.claim"].with_user(self.officer_shiqian)
        self.assertEqual(
            Claim.search([("line_ids.papers_missing", "=", True), ("id", "in", self.claims.ids)]),
            self.awaiting | self.to_pay | self.paid,
            "the claim list's filter says the same",
        )

    def test_officers_see_their_counties(self):
        self.assertEqual(sum(count for count, _amount, _missing in self.trail(self.officer_shiqian).values()), 4)
        self.assertFalse(self.trail(self.officer_sinan))

    def test_the_query_count_does_not_grow_with_the_claims(self):
        Trail = self.env["jianxi.subsidy.trail.report"].with_user(self.officer_shiqian)

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Trail.read_group([], ["amount:sum", "claim_count:sum"], ["stage", "region_id"])
            return self.cr.sql_log_count - before

        queries()  # (the caches of the access rules, warm from now on)
        with_four = queries()
        for name in ("第五名", "第六名", "第七名"):
            self._intern(name=name)
            self._approved()
        self.assertEqual(queries(), with_four, "the same queries for 4 claims and for 7")
