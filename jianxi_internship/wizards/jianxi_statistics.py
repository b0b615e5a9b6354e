import io
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

MANAGER_GROUP = "jianxi_internship.jianxi_internship_group_manager"
OFFICER_GROUP = "jianxi_internship.jianxi_internship_group_officer"

# The table's columns: (figure of jianxi.figures, kind). The headers are in _jianxi_columns.
COLUMNS = (
    ("units_certified", "count"),
    ("positions_published_in_period", "count"),
    ("seats_published_in_period", "count"),
    ("started", "count"),
    ("started_college", "count"),
    ("started_vocational", "count"),
    ("started_unemployed", "count"),
    ("on_duty", "count"),
    ("ended", "count"),
    ("kept_on", "count"),
    ("retention_rate", "rate"),
    ("amount_approved", "amount"),
    ("amount_paid", "amount"),
    ("legacy_started", "count"),
    ("legacy_on_duty", "count"),
    ("legacy_ended", "count"),
    ("legacy_kept_on", "count"),
)


class JianxiStatistics(models.TransientModel):
    """就业见习情况统计表: the programme's figures of a region and a period, one row per county and
    a total row (issue 16). The figures are those of ``jianxi.figures``, never defined again here.

    Transient: the table is computed from the records at any time, so the bureau keeps the XLSX or
    PDF it sends, not the form; nothing here decides money or a state.
    """

    _name = "jianxi.statistics"
    _description = "Internship Statistics"

    region_id = fields.Many2one(
        "jianxi.region",
        string="Region",
        required=True,
        default=lambda self: self.env.user.jianxi_region_ids[:1],
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: date(fields.Date.context_today(self).year, 1, 1)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    # ------------------------------------------------------------------ checks
    def _jianxi_check(self):
        """The server's check: staff only, a period in order, and an officer's region within
        their counties."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only the bureau's staff produce statistics."))
        if self.date_from > self.date_to:
            raise UserError(_("The period's start must not be after its end."))
        if not user.has_group(MANAGER_GROUP):
            allowed = self.env["jianxi.region"].sudo().search([("id", "child_of", user.jianxi_region_ids.ids)])
            if self.region_id not in allowed:
                raise AccessError(_("You may only produce statistics for your own counties."))

    def _jianxi_counties(self):
        """The counties of the region (the region itself when it is a county), in code order."""
        self.ensure_one()
        region = self.region_id
        if region.level == "county":
            return region
        counties = self.env["jianxi.region"].search([("id", "child_of", region.ids), ("level", "=", "county")])
        if not self.env.user.has_group(MANAGER_GROUP):
            counties = counties.filtered_domain([("id", "child_of", self.env.user.jianxi_region_ids.ids)])
        return counties.sorted(lambda r: (r.code or "", r.id))

    # ------------------------------------------------------------------ the table
    @api.model
    def _jianxi_columns(self):
        """``[(figure, kind, header)]`` with the headers in the reader's language."""
        headers = {
            "units_certified": _("Units Certified"),
            "positions_published_in_period": _("Positions Published"),
            "seats_published_in_period": _("Seats Published"),
            "started": _("Started"),
            "started_college": _("College Graduates"),
            "started_vocational": _("Vocational Graduates"),
            "started_unemployed": _("Unemployed Youth"),
            "on_duty": _("On Duty at Period End"),
            "ended": _("Ended"),
            "kept_on": _("Kept On"),
            "retention_rate": _("Retention Rate (%)"),
            "amount_approved": _("Subsidies Approved (CNY)"),
            "amount_paid": _("Subsidies Paid (CNY)"),
            "legacy_started": _("Legacy: Started"),
            "legacy_on_duty": _("Legacy: On Duty"),
            "legacy_ended": _("Legacy: Ended"),
            "legacy_kept_on": _("Legacy: Kept On"),
        }
        return [(name, kind, headers[name]) for name, kind in COLUMNS]

    def _jianxi_table(self):
        """``{"rows": [(county name, {figure: value})], "total": {figure: value}}``: each county's
        figures and the region's (the total, measured once for all the counties, so that it agrees
        with jianxi.figures for the region)."""
        self._jianxi_check()
        figures = self.env["jianxi.figures"]
        names = [name for name, kind in COLUMNS if kind != "rate"] + ["ended", "kept_on"]
        names = list(dict.fromkeys(names))
        rows = [
            (county.name, figures._jianxi_figures(county, self.date_from, self.date_to, names=names))
            for county in self._jianxi_counties()
        ]
        total = figures._jianxi_figures(self._jianxi_counties(), self.date_from, self.date_to, names=names)
        return {"rows": rows, "total": total}

    def _jianxi_title(self):
        self.ensure_one()
        return _(
            "Youth Internship Statistics: %(region)s, %(date_from)s to %(date_to)s",
            region=self.region_id.complete_name or self.region_id.name,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    # ------------------------------------------------------------------ outputs
    def _jianxi_xlsx(self):
        """The table as an XLSX file (bytes)."""
        import xlsxwriter

        table = self._jianxi_table()
        columns = self._jianxi_columns()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(_("Statistics"))
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center"})
        formats = {
            "count": book.add_format({"border": 1, "num_format": "0"}),
            "amount": book.add_format({"border": 1, "num_format": "#,##0.00"}),
            "rate": book.add_format({"border": 1, "num_format": "0.0"}),
        }
        bold = {
            kind: book.add_format({"border": 1, "bold": True, "num_format": fmt})
            for kind, fmt in (("count", "0"), ("amount", "#,##0.00"), ("rate", "0.0"))
        }
        text = book.add_format({"border": 1})
        text_bold = book.add_format({"border": 1, "bold": True})
        sheet.write(0, 0, self._jianxi_title(), title)
        sheet.write(2, 0, _("County or District"), head)
        for col, (__, __, header) in enumerate(columns, start=1):
            sheet.write(2, col, header, head)
        sheet.set_row(2, 45)
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, len(columns), 12)
        lines = [(name, values, text, formats) for name, values in table["rows"]]
        lines.append((_("Total"), table["total"], text_bold, bold))
        for row, (name, values, name_format, value_formats) in enumerate(lines, start=3):
            sheet.write(row, 0, name, name_format)
            for col, (figure, kind, __) in enumerate(columns, start=1):
                value = values.get(figure)
                if value is None:
                    sheet.write_blank(row, col, None, value_formats[kind])
                else:
                    sheet.write_number(row, col, value, value_formats[kind])
        book.close()
        return output.getvalue()

    def action_download_xlsx(self):
        self.ensure_one()
        self._jianxi_check()
        return {
            "type": "ir.actions.act_url",
            "url": f"/jianxi/statistics/{self.id}/xlsx",
            "target": "self",
        }

    def action_print_pdf(self):
        self.ensure_one()
        self._jianxi_check()
        return self.env.ref("jianxi_internship.action_report_statistics").report_action(self)
