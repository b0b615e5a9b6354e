import io
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

MANAGER_GROUP = "jianxi_internship.jianxi_internship_group_manager"
OFFICER_GROUP = "jianxi_internship.jianxi_internship_group_officer"

# The bounds of a period (checked on the server): the national youth internship programme began in
# 2009 and the bureau's paper-era internships (is_legacy) are imported from the years before the
# online zone; 2000 keeps room for both, and an earlier date is a typo (or a probe), not a question.
PERIOD_START = date(2000, 1, 1)
# ten years: a decade's comparison is the longest a province asks for; a longer period is a mistake
PERIOD_MAX_YEARS = 10

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
        self._jianxi_check_period()
        if not user.has_group(MANAGER_GROUP):
            allowed = self.env["jianxi.region"].sudo().search([("id", "child_of", user.jianxi_region_ids.ids)])
            if self.region_id not in allowed:
                raise AccessError(_("You may only produce statistics for your own counties."))

    @api.constrains("date_from", "date_to")
    def _jianxi_check_period(self):
        """The period, bounded on the server whatever the form or an RPC sends: not before
        PERIOD_START, not beyond a year from today, at most PERIOD_MAX_YEARS long."""
        today = fields.Date.context_today(self)
        latest = today + relativedelta(years=1)
        for statistics in self:
            date_from, date_to = statistics.date_from, statistics.date_to
            if not date_from or not date_to:
                continue
            if date_from > date_to:
                raise ValidationError(_("The period's start must not be after its end."))
            if date_from < PERIOD_START:
                raise ValidationError(
                    _(
                        "The period cannot start before %(earliest)s.",
                        earliest=format_date(self.env, PERIOD_START),
                    )
                )
            if date_to > latest:
                raise ValidationError(
                    _("The period cannot end after %(latest)s.", latest=format_date(self.env, latest))
                )
            if date_to >= date_from + relativedelta(years=PERIOD_MAX_YEARS):
                raise ValidationError(_("The period cannot be longer than %(years)s years.", years=PERIOD_MAX_YEARS))

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
        counties = self._jianxi_counties()
        # one query per figure, whatever the number of counties (88 for the province)
        by_county = figures._jianxi_figures_by_county(counties, self.date_from, self.date_to, names=names)
        rows = [(county.name, by_county[county]) for county in counties]
        total = figures._jianxi_figures(counties, self.date_from, self.date_to, names=names)
        return {"rows": rows, "total": total}

    def _jianxi_title(self):
        self.ensure_one()
        return _(
            "Youth Internship Statistics: %(region)s, %(date_from)s to %(date_to)s",
            region=self.region_id.complete_name or self.region_id.name,
            date_from=format_date(self.env, self.date_from),
            date_to=format_date(self.env, self.date_to),
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
