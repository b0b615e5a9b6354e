from odoo import fields, models, tools


class JianxiRetentionReport(models.Model):
    """Ended internships by unit and year, with the share kept on (留用): the figure that decides
    the 80% subsidy rate."""

    _name = "jianxi.retention.report"
    _description = "Retention by Unit and Year"
    _auto = False
    _order = "year desc, unit_id"

    internship_id = fields.Many2one("jianxi.internship", readonly=True)
    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", readonly=True)
    region_id = fields.Many2one("jianxi.region", string="County", readonly=True)
    year = fields.Char(readonly=True)
    ended_count = fields.Integer(string="Ended", readonly=True, aggregator="sum")
    kept_count = fields.Integer(string="Kept On", readonly=True, aggregator="sum")
    retention_rate = fields.Float(
        string="Retention Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the interns ended in the year whom the unit kept on.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                SELECT i.id, i.id AS internship_id, i.unit_id, i.region_id,
                       to_char(i.actual_end_date, 'YYYY') AS year, 1 AS ended_count,
                       CASE WHEN i.kept_on THEN 1 ELSE 0 END AS kept_count,
                       CASE WHEN i.kept_on THEN 100.0 ELSE 0.0 END AS retention_rate
                  FROM jianxi_internship i
                 WHERE i.state = 'ended' AND i.actual_end_date IS NOT NULL AND i.active
            )""")
