from odoo import api, models, tools
from odoo.tools import SQL


class JianxiMaterializedReport(models.AbstractModel):
    """A dashboard's figures kept as a materialized view (``_auto = False``) that an hourly job
    refreshes (``_cron_refresh``): grouped from a province's data at each read, they took 0.5 to
    9 seconds a pivot (make bench-scale, docs/scale.md)."""

    _name = "jianxi.materialized.report"
    _description = "Report Kept as a Materialized View"

    # columns indexed beyond ``id`` (the dashboards' default filters)
    _jianxi_indexed_columns = ()

    def _jianxi_create_view(self, query):
        """(Re)create the view as ``query``, a SELECT with a unique ``id`` column."""
        table = SQL.identifier(self._table)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE MATERIALIZED VIEW %s AS (%s)", table, query))
        # REFRESH ... CONCURRENTLY needs a unique index: the dashboards stay readable while it runs
        self.env.cr.execute(SQL("CREATE UNIQUE INDEX %s ON %s (id)", SQL.identifier(f"{self._table}_id_uniq"), table))
        for column in self._jianxi_indexed_columns:
            index = SQL.identifier(f"{self._table}_{column}_index")
            self.env.cr.execute(SQL("CREATE INDEX %s ON %s (%s)", index, table, SQL.identifier(column)))

    @api.model
    def _cron_refresh(self):
        """Hourly: recompute the figures (the dashboard shows them as of the last run)."""
        self.env.cr.execute(SQL("REFRESH MATERIALIZED VIEW CONCURRENTLY %s", SQL.identifier(self._table)))
