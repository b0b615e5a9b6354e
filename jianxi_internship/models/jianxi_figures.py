from collections import defaultdict, namedtuple
from datetime import date, datetime, time, timedelta

import pytz

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


# A figure: ``domain`` (what its tile opens) is ``base`` and the equalities ``split`` ((field, value), ...).
Figure = namedtuple("Figure", "model domain measure base split")


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
        """``{figure: Figure}``: the figure's model, its domain (what a tile opens) and its measure,
        ``"__count"`` or ``"field:sum"``. The domain is ``base`` followed by the equalities of
        ``split`` (stored boolean or selection fields): figures of one model and one base are
        measured by a single ``_read_group`` grouped by those fields (``_jianxi_measure``).

        :param regions: ``jianxi.region`` records (their sub-regions count too), or None for every
            region the user sees
        :param date_from, date_to: the period (both days included); by default this year to today
        """
        today = fields.Date.context_today(self)
        date_to = date_to or today
        date_from = date_from or date(date_to.year, 1, 1)
        day_after = date_to + timedelta(days=1)
        where = [("region_id", "child_of", regions.ids)] if regions is not None else []
        specs = {}

        def period(field):
            return [(field, ">=", date_from), (field, "<=", date_to)]

        def add(name, model, base, measure="__count", **split):
            split = tuple(split.items())
            specs[name] = Figure(model, [*base, *((f, "=", v) for f, v in split)], measure, base, split)

        for name, (model, state, activity_type) in REVIEWS.items():
            # the state in the base, not split: read through the state's index, not grouped over the table
            add(name, model, [*where, ("state", "=", state)])
            # the registry's cached xmlid, not env.ref: that one checks the record exists, a query
            # each time the figures are defined
            type_id = self.env["ir.model.data"]._xmlid_to_res_id(activity_type, raise_if_not_found=True)
            overdue = [("activity_type_id", "=", type_id), ("date_deadline", "<", today)]
            add(f"{name}_overdue", model, [*where, ("state", "=", state), ("activity_ids", "any", overdue)])

        published = [*where, ("state", "=", "published")]
        add("positions_published", "jianxi.position", published)
        add("seats_left", "jianxi.position", published, "remaining_count:sum")
        published_in_period = [*where, *period("published_date")]
        add("positions_published_in_period", "jianxi.position", published_in_period)
        add("seats_published_in_period", "jianxi.position", published_in_period, "headcount:sum")
        add("units_certified", "jianxi.unit", where, state="certified")
        # flagged by the daily host-unit job (jianxi.unit._cron_flag_lifecycle): near a withdrawal rule
        add("units_flagged", "jianxi.unit", where, lifecycle_flagged=True)

        # applied_at is a moment (stored in UTC): the period's days are the reader's, as
        # context_today's, so that an application at 07:00 in Guizhou counts on that day there.
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def midnight(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        applied = [*where, ("applied_at", ">=", midnight(date_from)), ("applied_at", "<", midnight(day_after))]
        add("applications", "jianxi.internship", applied, is_legacy=False)
        # started by date_to, and not ended before it (only an ended internship has an actual end:
        # the end's action and the legacy import's rules). Written so that both branches read an
        # index (state and start date; actual end), not every internship that ever started.
        on_duty = [
            *where,
            ("start_date", "<=", date_to),
            "|",
            ("state", "in", tuple(state for state in STARTED_STATES if state != "ended")),
            "&",
            ("state", "=", "ended"),
            ("actual_end_date", ">=", date_to),
        ]
        started_in_period = [*where, ("state", "in", STARTED_STATES), *period("start_date")]
        # as jianxi.retention.report counts them: ended, with an end date, kept on or not
        ended = [*where, ("state", "=", "ended"), *period("actual_end_date")]
        for prefix, legacy in (("", False), ("legacy_", True)):
            add(f"{prefix}on_duty", "jianxi.internship", on_duty, is_legacy=legacy)
            add(f"{prefix}started", "jianxi.internship", started_in_period, is_legacy=legacy)
            add(f"{prefix}ended", "jianxi.internship", ended, is_legacy=legacy)
            add(f"{prefix}kept_on", "jianxi.internship", ended, is_legacy=legacy, kept_on=True)
        for category in CATEGORIES:
            # the applicant's category, stored on the internship: split in the same query as started
            add(
                f"started_{category}",
                "jianxi.internship",
                started_in_period,
                is_legacy=False,
                applicant_category=category,
            )

        # the claim's own measure, as the subsidy dashboards read it
        approved = [*where, ("state", "in", ("approved", "paid"))]
        add("amount_approved", "jianxi.subsidy.claim", [*approved, *period("approved_date")], "amount_approved:sum")
        add(
            "amount_in_notice",
            "jianxi.subsidy.claim",
            [*approved, ("notice_start_date", "<=", date_to), ("notice_end_date", ">=", date_to)],
            "amount_total:sum",
        )
        add("amount_paid", "jianxi.subsidy.claim", [*where, *period("paid_date")], "amount_paid:sum", state="paid")
        add(
            "amount_pending",
            "jianxi.subsidy.claim",
            [*where, ("approved_date", "<=", date_to)],
            "amount_total:sum",
            state="approved",
        )
        return specs

    # ------------------------------------------------------------------ values
    @api.model
    def _jianxi_measure(self, specs, by_region=False):
        """The values of ``specs``: ``{figure: value}``, or with ``by_region``
        ``{region: {figure: value}}`` for the regions of the records (``region_id``) that have any.
        One ``_read_group`` per model and base, grouped by the fields the figures split on (and
        the region): the number of queries depends neither on the data nor on the regions."""
        batches = defaultdict(list)
        for name, spec in specs.items():
            batches[spec.model, repr(spec.base)].append(name)
        results = defaultdict(dict)
        for names in batches.values():
            model, __, __, base, __ = specs[names[0]]
            split_fields = list(dict.fromkeys(f for name in names for f, __ in specs[name].split))
            measures = list(dict.fromkeys(specs[name].measure for name in names))
            groupby = ["region_id", *split_fields] if by_region else split_fields
            for row in self.env[model]._read_group(base, groupby, measures):
                key = row[0] if by_region else None
                # a NULL boolean is False, as the domain ("kept_on", "=", False) reads it
                group = {f: value or False for f, value in zip(groupby, row, strict=False)}
                aggregates = dict(zip(measures, row[len(groupby) :], strict=True))
                for name in names:
                    spec = specs[name]
                    if all(group[f] == value for f, value in spec.split):
                        values = results[key]
                        values[name] = values.get(name, 0) + (aggregates[spec.measure] or 0)
        for values in results.values():
            self._jianxi_rates(specs, values)
        if by_region:
            return dict(results)
        return self._jianxi_rates(specs, dict(results[None]))

    @api.model
    def _jianxi_rates(self, specs, values):
        """Every figure of ``specs`` (0 when no record counts) and the retention rates
        ``retention_rate`` and ``legacy_retention_rate`` (percent, one decimal; None when nobody
        ended), in place."""
        for name in specs:
            values.setdefault(name, 0)
        for prefix in ("", "legacy_"):
            if f"{prefix}ended" in values and f"{prefix}kept_on" in values:
                ended = values[f"{prefix}ended"]
                values[f"{prefix}retention_rate"] = (
                    round(100.0 * values[f"{prefix}kept_on"] / ended, 1) if ended else None
                )
        return values

    @api.model
    def _jianxi_select(self, specs, names):
        return specs if names is None else {name: specs[name] for name in names}

    @api.model
    def _jianxi_figures(self, regions=None, date_from=None, date_to=None, names=None):
        """``{figure: value}`` for the figures of ``_jianxi_figure_specs`` (or only ``names``), with
        the retention rates (``_jianxi_rates``)."""
        specs = self._jianxi_select(self._jianxi_figure_specs(regions, date_from, date_to), names)
        return self._jianxi_measure(specs)

    @api.model
    def _jianxi_figures_by_county(self, counties=None, date_from=None, date_to=None, names=None):
        """``{county: {figure: value}}``: the figures of ``_jianxi_figures`` for each county, with the
        same queries as for one region (grouped by the records' ``region_id``).

        :param counties: ``jianxi.region`` counties, each a key of the result (zeros when nothing
            counts); or None for the counties of every record the user sees, those with figures only

        Units and positions are attached to a county (their constraints), internships and claims
        read it from their position and unit: a record's ``region_id`` is its county. A record of a
        region below one of ``counties`` would count for that county."""
        specs = self._jianxi_select(self._jianxi_figure_specs(counties, date_from, date_to), names)
        by_region = self._jianxi_measure(specs, by_region=True)
        if counties is None:
            return by_region
        result = {county: self._jianxi_rates(specs, {}) for county in counties}
        for region, values in by_region.items():
            county = region
            if county not in result:  # a sub-region's record: its county (parent_path, read only then)
                ancestors = set(region._ancestor_ids())
                county = next((county for county in result if county.id in ancestors), None)
                if county is None:
                    continue
            for name in specs:
                result[county][name] += values[name]
            self._jianxi_rates(specs, result[county])
        return result

    @api.model
    def _jianxi_monthly(self, regions=None, date_from=None, date_to=None):
        """The series of the monthly chart: interns started (by start date) and amounts paid (by
        payment date) in the period, as ``{"started": {month: count}, "paid": {month: amount}}``
        (a month is its first day). Two queries."""
        specs = self._jianxi_figure_specs(regions, date_from, date_to)
        series = {}
        for key, figure, date_field in (("started", "started", "start_date"), ("paid", "amount_paid", "paid_date")):
            spec = specs[figure]
            series[key] = dict(self.env[spec.model]._read_group(spec.domain, [f"{date_field}:month"], [spec.measure]))
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
            raise AccessError(self.env._("Only the bureau's staff see the overview."))
        today = fields.Date.context_today(self)
        year_start = date(today.year, 1, 1)
        # the year's figures but the applications, which are this month's
        specs = self._jianxi_figure_specs(None, year_start, today)
        specs["applications"] = self._jianxi_figure_specs(None, today.replace(day=1), today)["applications"]
        values = self._jianxi_measure(specs)
        currency = self.env.ref("base.CNY")

        def tile(name, label, kind="count", value=None, figure=None):
            spec = specs[figure or name]
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
                "action": {"res_model": spec.model, "domain": spec.domain, "name": label},
            }

        def waiting(name, label):
            result = tile(name, label)
            result["overdue"] = tile(f"{name}_overdue", self.env._("Overdue"))
            result["overdue"]["action"]["name"] = self.env._("%(what)s, Overdue", what=label)
            return result

        sections = [
            {
                "key": "waiting",
                "title": self.env._("Waiting for Me"),
                "tiles": [
                    waiting("certifications", self.env._("Unit Certifications")),
                    waiting("positions_to_review", self.env._("Positions to Review")),
                    waiting("eligibility_reviews", self.env._("Eligibility Reviews")),
                    waiting("claims_to_review", self.env._("Subsidy Claims to Review")),
                ],
            },
            {
                "key": "positions",
                "title": self.env._("Units and Positions"),
                "tiles": [
                    tile("units_certified", self.env._("Certified Units")),
                    tile("positions_published", self.env._("Positions Published")),
                    tile("seats_left", self.env._("Seats Left")),
                    tile("units_flagged", self.env._("Units Near a Withdrawal Rule")),
                ],
            },
            {
                "key": "interns",
                "title": self.env._("Interns"),
                "tiles": [
                    tile("applications", self.env._("Applications This Month")),
                    tile("on_duty", self.env._("Interns on Duty Today")),
                    tile("started", self.env._("Started This Year")),
                    tile("started_college", self.env._("College Graduates Started")),
                    tile("started_vocational", self.env._("Secondary-Vocational Graduates Started")),
                    tile("started_unemployed", self.env._("Unemployed Youth Started")),
                    tile("ended", self.env._("Ended This Year")),
                    tile("kept_on", self.env._("Kept On This Year")),
                    tile("retention_rate", self.env._("Retention Rate This Year"), kind="rate", figure="ended"),
                    tile("legacy_on_duty", self.env._("Legacy Internships on Duty")),
                ],
            },
            {
                "key": "subsidies",
                "title": self.env._("Subsidies This Year"),
                "tiles": [
                    tile("amount_approved", self.env._("Approved"), kind="amount"),
                    tile("amount_in_notice", self.env._("In Public Notice"), kind="amount"),
                    tile("amount_paid", self.env._("Paid"), kind="amount"),
                    tile("amount_pending", self.env._("Approved, Not Paid Yet"), kind="amount"),
                ],
            },
        ]
        return {
            "title": self.env._("Overview"),
            "period": self.env._(
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
            # the statistics' figures by county (jianxi.statistics reads the same)
            by_county = self._jianxi_figures_by_county(None, date_from, date_to, names=["started", "amount_paid"])
            regions = sorted(
                (region for region, values in by_county.items() if values["started"] or values["amount_paid"]),
                key=lambda region: region.name or "",
            )
            charts.append(
                {
                    "key": "by_county",
                    "title": _("New Interns and Amounts Paid by County"),
                    "labels": [region.name or _("No County") for region in regions],
                    "count_label": _("New Interns"),
                    "amount_label": _("Amounts Paid (¥)"),
                    "counts": [by_county[region]["started"] for region in regions],
                    "amounts": [by_county[region]["amount_paid"] for region in regions],
                }
            )
        return charts
