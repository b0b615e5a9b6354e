from odoo import fields, models
from odoo.tools import SQL


class JianxiRetentionReport(models.Model):
    """Ended internships by unit and year, with the share kept on (留用): the figure that decides
    the 80% subsidy rate.

    A materialized view of one row per unit, county and year, refreshed every hour by a job
    (``_cron_refresh``): computed from the internships at each read, a province's year of
    53,000 ended internships took 590 ms for the manager's four read_groups (make bench-scale,
    docs/scale.md). The rate of a group is its kept over its ended (``_read_group_select``), not
    the mean of its rows' rates."""

    _name = "jianxi.retention.report"
    _inherit = "jianxi.materialized.report"
    _description = "Retention by Unit and Year"
    _auto = False
    _jianxi_indexed_columns = ("year",)  # the dashboard opens on this year
    _order = "year desc, unit_id"

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
        self._jianxi_create_view(
            SQL("""
                SELECT row_number() OVER (ORDER BY year, unit_id, region_id) AS id, *,
                       100.0 * kept_count / ended_count AS retention_rate
                  FROM (
                    SELECT i.unit_id, i.region_id, to_char(i.actual_end_date, 'YYYY') AS year,
                           count(*) AS ended_count, count(*) FILTER (WHERE i.kept_on) AS kept_count
                      FROM jianxi_internship i
                     WHERE i.state = 'ended' AND i.actual_end_date IS NOT NULL AND i.active
                     GROUP BY i.unit_id, i.region_id, to_char(i.actual_end_date, 'YYYY')
                  ) AS per_unit
            """)
        )

    def _read_group_select(self, aggregate_spec, query):
        # a group's rate is its kept over its ended, whatever the number of its rows
        if aggregate_spec == "retention_rate:avg":
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, "kept_count", query),
                self._field_to_sql(self._table, "ended_count", query),
            )
        return super()._read_group_select(aggregate_spec, query)
