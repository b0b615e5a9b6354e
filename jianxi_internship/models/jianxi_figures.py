from datetime import date, timedelta

from odoo import api, fields, models

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
        specs["amount_approved"] = ("jianxi.subsidy.claim", [*approved, *period("approved_date")], "amount_total:sum")
        specs["amount_in_notice"] = (
            "jianxi.subsidy.claim",
            [*approved, ("notice_start_date", "<=", date_to), ("notice_end_date", ">=", date_to)],
            "amount_total:sum",
        )
        specs["amount_paid"] = (
            "jianxi.subsidy.claim",
            [*where, ("state", "=", "paid"), *period("paid_date")],
            "paid_amount:sum",
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
        """The monthly series of the charts: interns started (by start date) and amounts paid (by
        payment date) in the period, as ``{"started": {key: count}, "paid": {key: amount}}`` where a
        key is the first day of the month, or ``(first day, region)`` with ``by_region``. Two queries."""
        specs = self._jianxi_figure_specs(regions, date_from, date_to)
        groupby = ["start_date:month", "region_id"] if by_region else ["start_date:month"]
        model, domain, __ = specs["started"]
        started = {
            (row[0] if not by_region else row[:2]): row[-1]
            for row in self.env[model]._read_group(domain, groupby, ["__count"])
        }
        groupby = ["paid_date:month", "region_id"] if by_region else ["paid_date:month"]
        model, domain, __ = specs["amount_paid"]
        paid = {
            (row[0] if not by_region else row[:2]): row[-1]
            for row in self.env[model]._read_group(domain, groupby, ["paid_amount:sum"])
        }
        return {"started": started, "paid": paid}
