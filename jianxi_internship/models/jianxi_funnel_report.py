from odoo import fields, models, tools

STAGES = [
    ("1_applied", "Applied"),
    ("2_confirmed", "Confirmed by Unit"),
    ("3_approved", "Eligibility Approved"),
    ("4_on_duty", "On Duty"),
    ("5_ended", "Ended"),
]


class JianxiFunnelReport(models.Model):
    """The funnel from application to end: one row for every stage an internship reached, so a
    graph grouped by stage shows how many applications went how far."""

    _name = "jianxi.funnel.report"
    _description = "Internship Funnel"
    _auto = False
    _order = "stage"

    internship_id = fields.Many2one("jianxi.internship", readonly=True)
    stage = fields.Selection(STAGES, readonly=True)
    region_id = fields.Many2one("jianxi.region", string="County", readonly=True)
    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", string="Industry", readonly=True)
    applied_at = fields.Date(string="Applied On", readonly=True)
    count = fields.Integer(string="Internships", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT i.id * 10 + s.step AS id, i.id AS internship_id, s.stage, i.region_id, i.unit_id,
                       u.industry_id, i.applied_at::date AS applied_at, 1 AS count
                  FROM jianxi_internship i
                  JOIN jianxi_unit u ON u.id = i.unit_id
                 CROSS JOIN LATERAL (VALUES
                       (1, '1_applied', TRUE),
                       (2, '2_confirmed', i.state IN ('confirmed', 'approved', 'rejected', 'on_duty', 'not_arrived',
                                                      'end_requested', 'ended')),
                       (3, '3_approved', i.state IN ('approved', 'on_duty', 'not_arrived', 'end_requested', 'ended')),
                       (4, '4_on_duty', i.state IN ('on_duty', 'end_requested', 'ended')),
                       (5, '5_ended', i.state = 'ended')
                 ) AS s(step, stage, reached)
                 WHERE s.reached AND i.active
            )""")
