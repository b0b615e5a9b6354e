from odoo import fields, models
from odoo.tools import SQL

from .jianxi_internship import END_REASONS, INTERNSHIP_STATES


class JianxiInternshipAnalysis(models.Model):
    """Internships counted by county, unit, state, month applied and month started: the figures
    of the 见习分析 dashboard.

    A materialized view refreshed every hour by a job (``_cron_refresh``), as the retention
    report: grouped at each read, a province's year of 200,000 internships took 554 ms for the
    manager's four read_groups (make bench-scale, docs/scale.md). Each row holds the number of
    internships it stands for, and a group's count is their sum (``_read_group_select``), so the
    pivot's Count is still a number of internships."""

    _name = "jianxi.internship.analysis"
    _inherit = "jianxi.materialized.report"
    _description = "Internship Analysis"
    _auto = False
    _jianxi_indexed_columns = ("applied_month",)  # the dashboard opens on this year
    _order = "applied_month desc, region_id, unit_id"

    region_id = fields.Many2one("jianxi.region", string="County", readonly=True)
    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", readonly=True)
    state = fields.Selection(INTERNSHIP_STATES, string="Status", readonly=True)
    # first days of months: the month in UTC, as the internships' "Applied This Year" filter
    applied_month = fields.Date(string="Month Applied", readonly=True)
    start_date = fields.Date(string="Start Month", readonly=True)
    end_reason = fields.Selection(END_REASONS, readonly=True)
    is_legacy = fields.Boolean(string="Legacy Internship", readonly=True)
    kept_on = fields.Boolean(readonly=True)
    internship_count = fields.Integer(string="Internships", readonly=True, aggregator="sum")

    def init(self):
        self._jianxi_create_view(
            SQL("""
                SELECT row_number() OVER (
                           ORDER BY applied_month, region_id, unit_id, state, start_date, end_reason, is_legacy, kept_on
                       ) AS id, *
                  FROM (
                    SELECT i.region_id, i.unit_id, i.state,
                           date_trunc('month', i.applied_at)::date AS applied_month,
                           date_trunc('month', i.start_date)::date AS start_date,
                           i.end_reason, coalesce(i.is_legacy, FALSE) AS is_legacy,
                           coalesce(i.kept_on, FALSE) AS kept_on, count(*)::int AS internship_count
                      FROM jianxi_internship i
                     WHERE i.active
                     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                  ) AS grouped
            """)
        )

    def _read_group_select(self, aggregate_spec, query):
        # a row stands for internship_count internships: Count is their sum, not the rows'
        if aggregate_spec == "__count":
            return SQL("COALESCE(SUM(%s), 0)::int", self._field_to_sql(self._table, "internship_count", query))
        return super()._read_group_select(aggregate_spec, query)
