from odoo import fields, models
from odoo.tools import SQL

# Where the money of a claim handed in stands today, in the order it goes.
STAGES = [
    ("1_review", "Under Review"),
    ("2_awaiting_notice", "Awaiting Public Notice"),
    ("3_in_notice", "In Public Notice"),
    ("4_to_pay", "Notice Ended, to Pay"),
    ("5_paid", "Paid"),
]


class JianxiSubsidyTrailReport(models.Model):
    """The money trail (issue 13, point 6): one row per subsidy claim handed in (submitted,
    approved or paid), with where its money stands today (under review, awaiting its public
    notice, in notice, notice ended and to pay, paid), its amount (the amount paid once paid, else
    the amount claimed) and its interns with months lacking monthly papers. The stage depends on
    the day, so the query is built when it is read (``_table_query``), with the reader's today:
    the same day as the claim's own ``notice_status``."""

    _name = "jianxi.subsidy.trail.report"
    _description = "Subsidy Money Trail"
    _auto = False
    _order = "stage, claim_date desc"
    _rec_name = "claim_id"

    claim_id = fields.Many2one("jianxi.subsidy.claim", string="Subsidy Claim", readonly=True)
    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", readonly=True)
    region_id = fields.Many2one("jianxi.region", string="County", readonly=True)
    claim_date = fields.Date(readonly=True)
    stage = fields.Selection(STAGES, readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(readonly=True, aggregator="sum")
    intern_count = fields.Integer(string="Interns", readonly=True, aggregator="sum")
    missing_papers_count = fields.Integer(
        string="Interns with Missing Papers",
        readonly=True,
        aggregator="sum",
        help="Interns of the claim with a month on duty lacking its attendance record or allowance payment proof.",
    )
    has_missing_papers = fields.Boolean(string="Monthly Papers Missing", readonly=True)
    claim_count = fields.Integer(string="Claims", readonly=True, aggregator="sum")

    # What the query reads: the ORM writes these pending values to the database before reading.
    _depends = {
        "jianxi.subsidy.claim": [
            "unit_id",
            "region_id",
            "claim_date",
            "currency_id",
            "state",
            "notice_start_date",
            "notice_end_date",
            "paid_amount",
            "amount_total",
            "intern_count",
        ],
        "jianxi.subsidy.claim.line": ["claim_id", "included", "papers_missing"],
    }

    @property
    def _table_query(self):
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT c.id, c.id AS claim_id, c.unit_id, c.region_id, c.claim_date, c.currency_id,
                   CASE
                       WHEN c.state = 'submitted' THEN '1_review'
                       WHEN c.state = 'paid' THEN '5_paid'
                       WHEN c.notice_end_date IS NULL OR c.notice_end_date < %(today)s THEN '4_to_pay'
                       WHEN c.notice_start_date > %(today)s THEN '2_awaiting_notice'
                       ELSE '3_in_notice'
                   END AS stage,
                   CASE WHEN c.state = 'paid' THEN c.paid_amount ELSE c.amount_total END AS amount,
                   c.intern_count,
                   COALESCE(p.missing, 0)::integer AS missing_papers_count,
                   COALESCE(p.missing, 0) > 0 AS has_missing_papers,
                   1 AS claim_count
              FROM jianxi_subsidy_claim c
              LEFT JOIN (
                    SELECT claim_id, COUNT(*) AS missing
                      FROM jianxi_subsidy_claim_line
                     WHERE included AND papers_missing
                     GROUP BY claim_id
              ) p ON p.claim_id = c.id
             WHERE c.state IN ('submitted', 'approved', 'paid')
            """,
            today=today,
        )
