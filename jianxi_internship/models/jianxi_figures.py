from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import format_amount, format_date

OFFICER_GROUP = "jianxi_internship.jianxi_internship_group_officer"
MANAGER_GROUP = "jianxi_internship.jianxi_internship_group_manager"

# The states an internship is in once the intern started (确认上岗) and until it is ended.
STARTED_STATES = ("on_duty", "end_requested", "ended")
# The applicant's categories counted apart among the people who started (高校毕业生 / 中职毕业生 / 失业青年).
CATEGORIES = ("college", "vocational", "unemployed")
# What waits for the county's officers: {figure: (model, state under review, review activity type)}.
REVIEWS = {
    "certifications": ("jianxi.unit", "submitted", "jianxi_internship.mail_activity_type_review_certification"),
    "positions_to_review": ("jianxi.position", "submitted", "jianxi_internship.mail_activity_type_review_position"),
    "eligibility_reviews": (
        "jianxi.internship",
        "confirmed",
        "jianxi_internship.mail_activity_type_review_eligibility",
    ),
    "claims_to_review": ("jianxi.subsidy.claim", "submitted", "jianxi_internship.mail_activity_type_review_claim"),
}


class JianxiFigures(models.AbstractModel):
    """The programme's figures, defined in one place (issue 16): the overview's tiles and charts, the
    province's statistics and the dashboards read them here.

    A figure is measured for a set of regions (counties, or any region: the counties below it count)
    and a period [date_from, date_to]. Each figure is a *domain* on one model (so that a tile opens
    the filtered list) and a measure (a count, or the sum of a field), computed with one
    ``_read_group`` per figure: the number of queries does not depend on the data. The figures are
    read as the current user, so an officer's record rules keep them to their counties.

    ``_jianxi_figure_specs(regions, date_from, date_to)`` gives the definitions,
    ``_jianxi_figures(regions, date_from, date_to)`` the values. Definitions (POLICY.md):

    - waiting (待我处理): units whose certification is submitted, positions submitted, internships
      confirmed by their unit (eligibility review), claims submitted; ``*_overdue``: those whose
      review activity is past its deadline;
    - positions published now and their seats left; positions published in the period and their seats;
    - applications made in the period;
    - on duty at ``date_to``: started on or before it, not ended before it;
    - started in the period (确认上岗, by start date), by category; ended in the period (by actual end),
      of whom kept on (留用) and the rate, as the retention report counts them
      (``jianxi.retention.report``);
    - subsidies: amounts approved in the period (approved or paid since), in public notice at
      ``date_to``, paid in the period (the amounts paid), approved but not paid yet (pending payment);
    - internships imported from the paper era (``is_legacy``) are counted apart (``legacy_*``): the
      other internship figures leave them out.
    """

    _name = "jianxi.figures"
    _description = "Figures of the Internship Programme"

    # ------------------------------------------------------------------ definitions
    @api.model
    def _jianxi_figure_specs(self, regions=None, date_from=None, date_to=None):
        """``{figure: (model, domain, measure)}`` where measure is ``"__count"`` or ``"field:sum"``.

        :param regions: ``jianxi.region`` records (their sub-regions count too), or None for every
            region the user sees
        :param date_from, date_to: the period (both days included); by default this year to today
        """
        today = fields.Date.context_today(self)
        date_to = date_to or today
        date_from = date_from or date(date_to.year, 1, 1)
        day_after = date_to + timedelta(days=1)
        where = [("region_id", "child_of", regions.ids)] if regions is not None else []

        def period(field):
            return [(field, ">=", date_from), (field, "<=", date_to)]

        specs = {}
        for name, (model, state, activity_type) in REVIEWS.items():
            waiting = [*where, ("state", "=", state)]
            specs[name] = (model, waiting, "__count")
            type_id = self.env.ref(activity_type).id
            overdue = [("activity_type_id", "=", type_id), ("date_deadline", "<", today)]
            specs[f"{name}_overdue"] = (model, [*waiting, ("activity_ids", "any", overdue)], "__count")

        published = [*where, ("state", "=", "published")]
        specs["positions_published"] = ("jianxi.position", published, "__count")
        specs["seats_left"] = ("jianxi.position", published, "remaining_count:sum")
        published_in_period = [*where, *period("published_date")]
        specs["positions_published_in_period"] = ("jianxi.position", published_in_period, "__count")
        specs["seats_published_in_period"] = ("jianxi.position", published_in_period, "headcount:sum")
        specs["units_certified"] = ("jianxi.unit", [*where, ("state", "=", "certified")], "__count")
        # flagged by the daily host-unit job (jianxi.unit._cron_flag_lifecycle): near a withdrawal rule
        specs["units_flagged"] = ("jianxi.unit", [*where, ("lifecycle_flagged", "=", True)], "__count")

        for prefix, legacy in (("", False), ("legacy_", True)):
            internships = [*where, ("is_legacy", "=", legacy)]
            if not legacy:
                applied = [("applied_at", ">=", date_from), ("applied_at", "<", day_after)]
                specs["applications"] = ("jianxi.internship", [*internships, *applied], "__count")
            started = [*internships, ("state", "in", STARTED_STATES)]
            specs[f"{prefix}on_duty"] = (
                "jianxi.internship",
                [
                    *started,
                    ("start_date", "<=", date_to),
                    "|",
                    ("actual_end_date", "=", False),
                    ("actual_end_date", ">=", date_to),
                ],
                "__count",
            )
            started_in_period = [*started, *period("start_date")]
            specs[f"{prefix}started"] = ("jianxi.internship", started_in_period, "__count")
            if not legacy:
                for category in CATEGORIES:
                    specs[f"started_{category}"] = (
                        "jianxi.internship",
                        [*started_in_period, ("applicant_id.category", "=", category)],
                        "__count",
                    )
            # as jianxi.retention.report counts them: ended, with an end date, kept on or not
            ended = [*internships, ("state", "=", "ended"), *period("actual_end_date")]
            specs[f"{prefix}ended"] = ("jianxi.internship", ended, "__count")
            specs[f"{prefix}kept_on"] = ("jianxi.internship", [*ended, ("kept_on", "=", True)], "__count")

        approved = [*where, ("state", "in", ("approved", "paid"))]
        specs["amount_approved"] = (
            "jianxi.subsidy.claim",
            [*approved, *period("approved_date")],
            "amount_approved:sum",  # the claim's own measure, as the subsidy dashboards read it
        )
        specs["amount_in_notice"] = (
            "jianxi.subsidy.claim",
            [*approved, ("notice_start_date", "<=", date_to), ("notice_end_date", ">=", date_to)],
            "amount_total:sum",
        )
        specs["amount_paid"] = (
            "jianxi.subsidy.claim",
            [*where, ("state", "=", "paid"), *period("paid_date")],
            "amount_paid:sum",
        )
        specs["amount_pending"] = (
            "jianxi.subsidy.claim",
            [*where, ("state", "=", "approved"), ("approved_date", "<=", date_to)],
            "amount_total:sum",
        )
        return specs

    # ------------------------------------------------------------------ values
    @api.model
    def _jianxi_figures(self, regions=None, date_from=None, date_to=None, names=None):
        """``{figure: value}`` for the figures of ``_jianxi_figure_specs`` (or only ``names``), plus
        the retention rates ``retention_rate`` and ``legacy_retention_rate`` (percent, one decimal;
        None when nobody ended). One query per figure."""
        specs = self._jianxi_figure_specs(regions, date_from, date_to)
        if names is not None:
            specs = {name: specs[name] for name in names}
        values = {}
        for name, (model, domain, measure) in specs.items():
            [(value,)] = self.env[model]._read_group(domain, [], [measure])
            values[name] = value or 0
        for prefix in ("", "legacy_"):
            if f"{prefix}ended" in values and f"{prefix}kept_on" in values:
                ended = values[f"{prefix}ended"]
                values[f"{prefix}retention_rate"] = (
                    round(100.0 * values[f"{prefix}kept_on"] / ended, 1) if ended else None
                )
        return values

    @api.model
    def _jianxi_monthly(self, regions=None, date_from=None, date_to=None, by_region=False):
        """The series of the charts: interns started (by start date) and amounts paid (by payment
        date) in the period, as ``{"started": {key: count}, "paid": {key: amount}}`` where a key is
        the first day of a month, or with ``by_region`` a county (``jianxi.region``). Two queries."""
        specs = self._jianxi_figure_specs(regions, date_from, date_to)
        series = {}
        for key, figure, date_field, measure in (
            ("started", "started", "start_date", "__count"),
            ("paid", "amount_paid", "paid_date", "amount_paid:sum"),
        ):
            model, domain, __ = specs[figure]
            groupby = "region_id" if by_region else f"{date_field}:month"
            series[key] = dict(self.env[model]._read_group(domain, [groupby], [measure]))
        return series

    # ------------------------------------------------------------------ the overview
    @api.model
    def overview_data(self):
        """Everything the staff's overview (the client action ``jianxi_overview``) shows, in one
        call: sections of tiles (label, value as shown, the list it opens) and the chart series.
        The figures are those of this year up to today (applications: this month; on duty: today),
        in the counties the user sees (an officer's record rules). Nothing here comes from the
        caller. The number of queries does not depend on the data."""
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only the bureau's staff see the overview."))
        today = fields.Date.context_today(self)
        year_start = date(today.year, 1, 1)
        specs = self._jianxi_figure_specs(None, year_start, today)
        values = self._jianxi_figures(None, year_start, today)
        month_start = today.replace(day=1)
        month_specs = self._jianxi_figure_specs(None, month_start, today)
        specs["applications"] = month_specs["applications"]
        values.update(self._jianxi_figures(None, month_start, today, names=["applications"]))
        currency = self.env.ref("base.CNY")

        def tile(name, label, kind="count", value=None, figure=None):
            model, domain, __ = specs[figure or name]
            value = values[name] if value is None else value
            if kind == "amount":
                shown = format_amount(self.env, value, currency)
            elif kind == "rate":
                shown = "—" if value is None else f"{value:g}%"
            else:
                shown = str(value)
            return {
                "key": name,
                "label": label,
                "value": shown,
                "count": value,
                "action": {"res_model": model, "domain": domain, "name": label},
            }

        def waiting(name, label):
            result = tile(name, label)
            result["overdue"] = tile(f"{name}_overdue", _("Overdue"))
            result["overdue"]["action"]["name"] = _("%(what)s, Overdue", what=label)
            return result

        sections = [
            {
                "key": "waiting",
                "title": _("Waiting for Me"),
                "tiles": [
                    waiting("certifications", _("Unit Certifications")),
                    waiting("positions_to_review", _("Positions to Review")),
                    waiting("eligibility_reviews", _("Eligibility Reviews")),
                    waiting("claims_to_review", _("Subsidy Claims to Review")),
                ],
            },
            {
                "key": "positions",
                "title": _("Units and Positions"),
                "tiles": [
                    tile("units_certified", _("Certified Units")),
                    tile("positions_published", _("Positions Published")),
                    tile("seats_left", _("Seats Left")),
                    tile("units_flagged", _("Units Near a Withdrawal Rule")),
                ],
            },
            {
                "key": "interns",
                "title": _("Interns"),
                "tiles": [
                    tile("applications", _("Applications This Month")),
                    tile("on_duty", _("Interns on Duty Today")),
                    tile("started", _("Started This Year")),
                    tile("started_college", _("College Graduates Started")),
                    tile("started_vocational", _("Secondary-Vocational Graduates Started")),
                    tile("started_unemployed", _("Unemployed Youth Started")),
                    tile("ended", _("Ended This Year")),
                    tile("kept_on", _("Kept On This Year")),
                    tile("retention_rate", _("Retention Rate This Year"), kind="rate", figure="ended"),
                    tile("legacy_on_duty", _("Legacy Internships on Duty")),
                ],
            },
            {
                "key": "subsidies",
                "title": _("Subsidies This Year"),
                "tiles": [
                    tile("amount_approved", _("Approved"), kind="amount"),
                    tile("amount_in_notice", _("In Public Notice"), kind="amount"),
                    tile("amount_paid", _("Paid"), kind="amount"),
                    tile("amount_pending", _("Approved, Not Paid Yet"), kind="amount"),
                ],
            },
        ]
        return {
            "title": _("Overview"),
            "period": _(
                "%(start)s to %(end)s",
                start=format_date(self.env, year_start),
                end=format_date(self.env, today),
            ),
            "sections": sections,
            "charts": self._jianxi_overview_charts(year_start, today),
        }

    @api.model
    def _jianxi_overview_charts(self, date_from, date_to):
        """The overview's charts: interns started and amounts paid by month of the period; for a
        manager, the same by county."""
        monthly = self._jianxi_monthly(None, date_from, date_to)
        months = []
        month = date_from.replace(day=1)
        while month <= date_to:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        charts = [
            {
                "key": "monthly",
                "title": _("New Interns and Amounts Paid by Month"),
                "labels": [format_date(self.env, month, date_format="MMM") for month in months],
                "count_label": _("New Interns"),
                "amount_label": _("Amounts Paid (¥)"),
                "counts": [monthly["started"].get(month, 0) for month in months],
                "amounts": [monthly["paid"].get(month, 0.0) for month in months],
            }
        ]
        if self.env.user.has_group(MANAGER_GROUP):
            by_region = self._jianxi_monthly(None, date_from, date_to, by_region=True)
            started, paid = by_region["started"], by_region["paid"]
            regions = sorted(set(started) | set(paid), key=lambda region: region.name or "")
            charts.append(
                {
                    "key": "by_county",
                    "title": _("New Interns and Amounts Paid by County"),
                    "labels": [region.name or _("No County") for region in regions],
                    "count_label": _("New Interns"),
                    "amount_label": _("Amounts Paid (¥)"),
                    "counts": [started.get(region, 0) for region in regions],
                    "amounts": [paid.get(region, 0.0) for region in regions],
                }
            )
        return charts
