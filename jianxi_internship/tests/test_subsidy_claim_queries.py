import logging
import math

from odoo import models
from odoo.tests import tagged

from .test_subsidy_claim import _INTERN_NUMBERS, CLAIM_DATE, SubsidyClaimCase

_logger = logging.getLogger(__name__)

# Queries of one computation (portal user, cold record cache), whatever the number of interns
# (24 since the monthly papers of all the interns are read in one more search).
QUERIES = 24


@tagged("post_install", "-at_install", "is_query_count")
class TestSubsidyClaimQueries(SubsidyClaimCase):
    """Claim generation costs a fixed number of queries, whatever the number of interns: the
    internships, the previous claims' lines, the monthly papers and the minimum wages are each read once, the old lines
    are deleted in one statement and the new ones created in one ``create``.

    The only thing that grows is the ORM's own batching of that one ``create``: PostgreSQL receives
    the rows as INSERTs of ``models.INSERT_BATCH_SIZE`` (100) rows each.
    """

    quiet_mail = False  # counts queries, tracking included

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["jianxi.minimum.wage"].create({"region_id": cls.sinan.id, "date_from": "2020-01-01", "amount": 2000})
        cls.small_unit, cls.small_user = cls._unit_with_user("石阡县小型见习单位", "91520623MA6DL0010", "t_small_unit")
        cls.big_unit, cls.big_user = cls._unit_with_user("石阡县大型见习单位", "91520623MA6DL0011", "t_big_unit")
        cls._interns_of(cls.small_unit, 10)
        cls._interns_of(cls.big_unit, 1000)

    @classmethod
    def _unit_with_user(cls, name, code17, login):
        unit = cls._make_unit(name, cls.shiqian, code17)
        return unit, cls._portal_user(login, unit.partner_id)

    @classmethod
    def _interns_of(cls, unit, count):
        """``count`` internships of ``unit``, created in batches, mixing every case of a claim: one in
        ten forgotten (not ended), one in ten late, one in ten kept on, one in ten working in 思南县
        (another minimum wage), the rest ended at term."""
        env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        )
        at_home = cls._make_position(unit, headcount=count, allowance=2500)
        abroad = cls._make_position(unit, headcount=count, allowance=2500, region_id=cls.sinan.id)
        numbers = [next(_INTERN_NUMBERS) for _i in range(count)]
        partners = env["res.partner"].create([{"name": f"批量见习生{number}"} for number in numbers])
        applicants = env["jianxi.applicant"].create(
            [
                cls._applicant_values(partner.name, number, partner)
                for number, partner in zip(numbers, partners, strict=True)
            ]
        )
        vals_list = []
        for index, applicant in enumerate(applicants):
            kind = index % 10
            vals = {
                "applicant_id": applicant.id,
                "position_id": (abroad if kind == 3 else at_home).id,
                "start_date": "2023-09-01",
                "planned_end_date": "2024-02-29",
                "actual_end_date": "2024-02-29",
                "end_reason": "completed",
                "kept_on": kind == 2,
                "accident_premium": 120,
                "medical_premium": 80,
            }
            if kind == 0:
                vals.update(planned_end_date="2024-01-31", actual_end_date=False, end_reason=False)
            elif kind == 1:
                vals.update(start_date="2023-06-01", planned_end_date="2023-11-30", actual_end_date="2023-11-30")
            vals_list.append(vals)
        internships = env["jianxi.internship"].create(vals_list)
        forgotten = internships[::10]
        forgotten._jianxi_force_state("on_duty")
        (internships - forgotten)._jianxi_force_state("ended")
        return internships

    def _compute_counted(self, claim, expected):
        """Compute ``claim`` again from a cold record cache under ``assertQueryCount(expected)``;
        return the number of queries it took."""
        self.env.flush_all()
        self.env.cr.flush()  # pending tracking of earlier writes, as assertQueryCount does
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            start = self.cr.sql_log_count
            claim.action_compute()
            self.env.flush_all()
            self.env.cr.flush()
            count = self.cr.sql_log_count - start
        return count

    def test_claim_generation_queries_do_not_grow_with_the_number_of_interns(self):
        small = self.Claim.with_user(self.small_user)._jianxi_create_for_unit(self.small_unit, CLAIM_DATE)
        big = self.Claim.with_user(self.big_user)._jianxi_create_for_unit(self.big_unit, CLAIM_DATE)
        # the same mix of cases on both claims
        self.assertEqual((small.intern_count, len(small.excluded_line_ids)), (8, 2))
        self.assertEqual((big.intern_count, len(big.excluded_line_ids)), (800, 200))
        self.assertEqual(big.amount_total, 100 * small.amount_total)

        # 1,000 lines reach PostgreSQL as 10 INSERTs of 100 rows, 10 lines as one: nothing else may grow.
        extra_batches = math.ceil(1000 / models.INSERT_BATCH_SIZE) - math.ceil(10 / models.INSERT_BATCH_SIZE)
        # Warm the registry caches (access rights, rules, tracked fields; the first tracking flush
        # clears some of them) so that both measures start from the same state.
        for claim in (small, big, small):
            claim.action_compute()
            self.env.flush_all()
            self.env.cr.flush()
        queries_small = self._compute_counted(small, QUERIES)
        queries_big = self._compute_counted(big, QUERIES + extra_batches)
        _logger.info(
            "Subsidy claim computation: %s queries for 10 interns, %s queries for 1,000 interns "
            "(%s of them the ORM's extra 100-row INSERT batches)",
            queries_small,
            queries_big,
            extra_batches,
        )
        self.assertLessEqual(queries_big - queries_small, extra_batches)
        self.assertEqual(big.intern_count, 800)
