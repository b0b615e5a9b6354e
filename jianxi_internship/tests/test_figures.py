from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import JianxiWorkflowCase

# _jianxi_figures' queries for a county: one per model and base (jianxi.figures' _jianxi_measure)
FIGURES_QUERIES = 22


@tagged("post_install", "-at_install")
class TestFigures(JianxiWorkflowCase):
    """The programme's figures (``jianxi.figures``, issue 16), each compared with the records it
    counts, read one by one and filtered in plain Python, on the demo data and a few records of
    the test's own (legacy, categories, an overdue review)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["jianxi.figures"])
        position = cls._make_position()
        Internship = cls.env["jianxi.internship"]
        cls.mine = Internship
        plan = [
            ("on_duty", "college", False, cls.today - relativedelta(months=2), None, False),
            ("on_duty", "unemployed", True, cls.today - relativedelta(months=3), None, False),
            ("ended", "vocational", False, cls.today - relativedelta(months=5), cls.today - timedelta(days=3), True),
            ("ended", "college", False, cls.today - relativedelta(months=6), cls.today - timedelta(days=10), False),
            ("confirmed", "college", False, None, None, False),
        ]
        for number, (state, category, legacy, start, end, kept) in enumerate(plan):
            partner = cls.env["res.partner"].create({"name": f"数字{number}"})
            applicant = cls._make_applicant(partner, f"数字{number}")
            applicant.category = category
            values = {"applicant_id": applicant.id, "position_id": position.id, "is_legacy": legacy}
            if start:
                values.update(start_date=start, planned_end_date=start + relativedelta(months=6))
            if end:
                values.update(actual_end_date=end, end_reason="completed", kept_on=kept)
            cls.mine |= Internship.create(values)._jianxi_force_state(state)
        # a review past its deadline
        cls.mine[-1]._jianxi_schedule_review()
        cls.mine[-1].activity_ids.date_deadline = cls.today - timedelta(days=1)
        # a unit the daily host-unit job flagged (near a withdrawal rule)
        position.unit_id.lifecycle_flag = "no_intern"
        cls.env.flush_all()

    def expected(self, user, regions, date_from, date_to):
        """Every figure, from the records read one by one (as ``user``) and filtered in Python."""
        env = self.env(user=user)

        def within(day):
            return bool(day) and date_from <= day <= date_to

        def in_regions(record):
            return regions is None or bool(set(record.region_id.sudo()._ancestor_ids()) & set(regions.ids))

        def records(model):
            return env[model].search([]).filtered(in_regions)

        units, positions = records("jianxi.unit"), records("jianxi.position")
        internships, claims = records("jianxi.internship"), records("jianxi.subsidy.claim")
        result = {}
        reviews = {
            "certifications": (units, "submitted"),
            "positions_to_review": (positions, "submitted"),
            "eligibility_reviews": (internships, "confirmed"),
            "claims_to_review": (claims, "submitted"),
        }
        for name, (recs, state) in reviews.items():
            waiting = recs.filtered(lambda r, state=state: r.state == state)
            result[name] = len(waiting)
            result[f"{name}_overdue"] = len(
                waiting.filtered(
                    lambda r: any(
                        a.date_deadline < self.today
                        and a.activity_type_id == self.env.ref(r._jianxi_review_activity_type)
                        for a in r.sudo().activity_ids
                    )
                )
            )
        published = positions.filtered(lambda p: p.state == "published")
        result["positions_published"] = len(published)
        result["seats_left"] = sum(published.mapped("remaining_count"))
        in_period = positions.filtered(lambda p: within(p.published_date))
        result["positions_published_in_period"] = len(in_period)
        result["seats_published_in_period"] = sum(in_period.mapped("headcount"))
        result["units_certified"] = len(units.filtered(lambda u: u.state == "certified"))
        result["units_flagged"] = len(units.filtered("lifecycle_flagged"))
        result["applications"] = len(
            internships.filtered(lambda i: not i.is_legacy and within(fields.Date.to_date(i.applied_at)))
        )
        for prefix, legacy in (("", False), ("legacy_", True)):
            mine = internships.filtered(lambda i, legacy=legacy: i.is_legacy == legacy)
            started = mine.filtered(lambda i: i.state in ("on_duty", "end_requested", "ended"))
            result[f"{prefix}on_duty"] = len(
                started.filtered(
                    lambda i: i.start_date
                    and i.start_date <= date_to
                    and (not i.actual_end_date or i.actual_end_date >= date_to)
                )
            )
            started_in_period = started.filtered(lambda i: within(i.start_date))
            result[f"{prefix}started"] = len(started_in_period)
            if not legacy:
                for category in ("college", "vocational", "unemployed"):
                    result[f"started_{category}"] = len(
                        started_in_period.filtered(lambda i, c=category: i.sudo().applicant_id.category == c)
                    )
            ended = mine.filtered(lambda i: i.state == "ended" and within(i.actual_end_date))
            result[f"{prefix}ended"] = len(ended)
            result[f"{prefix}kept_on"] = len(ended.filtered("kept_on"))
            result[f"{prefix}retention_rate"] = (
                round(100.0 * result[f"{prefix}kept_on"] / len(ended), 1) if ended else None
            )
        approved = claims.filtered(lambda c: c.state in ("approved", "paid"))
        result["amount_approved"] = sum(approved.filtered(lambda c: within(c.approved_date)).mapped("amount_total"))
        result["amount_in_notice"] = sum(
            approved.filtered(
                lambda c: c.notice_start_date and c.notice_start_date <= date_to <= c.notice_end_date
            ).mapped("amount_total")
        )
        result["amount_paid"] = sum(
            claims.filtered(lambda c: c.state == "paid" and within(c.paid_date)).mapped("paid_amount")
        )
        result["amount_pending"] = sum(
            claims.filtered(lambda c: c.state == "approved" and c.approved_date <= date_to).mapped("amount_total")
        )
        return result

    def assertFigures(self, user, regions, date_from, date_to):
        figures = self.env["jianxi.figures"].with_user(user)._jianxi_figures(regions, date_from, date_to)
        expected = self.expected(user, regions, date_from, date_to)
        self.assertEqual(set(figures), set(expected))
        for name, value in expected.items():
            self.assertAlmostEqual(figures[name], value, places=2, msg=name)
        return figures

    def test_figures_agree_with_the_records_for_a_manager(self):
        figures = self.assertFigures(self.manager, None, self.today - relativedelta(years=2), self.today)
        # the test's own records are in: not every figure is a trivial zero
        for name in ("on_duty", "legacy_on_duty", "started", "ended", "kept_on", "eligibility_reviews_overdue"):
            self.assertGreater(figures[name], 0, name)
        self.assertGreater(figures["started_college"], 0)
        self.assertGreater(figures["started_vocational"], 0)

    def test_figures_of_a_year_for_a_county_officer(self):
        figures = self.assertFigures(self.officer_shiqian, self.shiqian, date(self.today.year, 1, 1), self.today)
        other = self.assertFigures(self.officer_sinan, self.sinan, date(self.today.year, 1, 1), self.today)
        self.assertNotEqual(figures, other)

    def test_an_officer_sees_nothing_of_another_county(self):
        figures = self.env["jianxi.figures"].with_user(self.officer_sinan)._jianxi_figures()
        mine = self.env["jianxi.figures"].with_user(self.officer_sinan)._jianxi_figures(self.sinan)
        self.assertEqual(figures, mine)
        self.assertFigures(self.officer_none, None, self.today - relativedelta(years=2), self.today)

    def test_a_region_counts_the_counties_below_it(self):
        self.assertFigures(self.manager, self.tongren, self.today - relativedelta(years=2), self.today)

    def test_on_duty_on_a_past_day(self):
        """On duty on a day: started by then and not ended before it. An intern whose internship
        ended three days ago was on duty four days ago (the end's day counts), not two days ago."""
        ended = self.mine[2]
        self.assertEqual(ended.actual_end_date, self.today - timedelta(days=3))
        Figures = self.env["jianxi.figures"].with_user(self.manager)

        def on_duty(day):
            return Figures._jianxi_figures(None, day - relativedelta(years=1), day, names=["on_duty"])["on_duty"]

        self.assertEqual(on_duty(self.today - timedelta(days=3)), on_duty(self.today - timedelta(days=2)) + 1)
        for days in (2, 3, 4, 40):
            self.assertFigures(self.manager, None, self.today - relativedelta(years=1), self.today - timedelta(days))

    def test_a_change_of_category_moves_the_intern(self):
        """The category is the applicant's, stored on the internship for the figures: when the
        applicant's category changes, the intern is counted in the new one."""
        Figures = self.env["jianxi.figures"].with_user(self.manager)
        names = ["started_college", "started_vocational"]
        period = (self.today - relativedelta(years=1), self.today)
        before = Figures._jianxi_figures(None, *period, names=names)
        self.mine[0].applicant_id.category = "vocational"  # on duty, a college graduate until now
        self.env.flush_all()
        after = Figures._jianxi_figures(None, *period, names=names)
        self.assertEqual(after["started_college"], before["started_college"] - 1)
        self.assertEqual(after["started_vocational"], before["started_vocational"] + 1)
        self.assertFigures(self.manager, None, *period)

    def test_applications_are_counted_on_the_readers_day(self):
        """An application made at 07:00 on 1 March in Guizhou is 23:00 on 28 February in UTC: an
        officer in Asia/Shanghai counts it in March, as the day they saw it happen."""
        internship = self.mine[-1]
        internship.sudo().applied_at = "2025-02-28 23:00:00"
        self.env.flush_all()
        Figures = self.env["jianxi.figures"].with_user(self.officer_shiqian)
        region = internship.region_id

        def count(tz, date_from, date_to):
            figures = Figures.with_context(tz=tz)._jianxi_figures(region, date_from, date_to, names=["applications"])
            return figures["applications"]

        march, february = (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 2, 1), date(2025, 2, 28))
        self.assertEqual(count("Asia/Shanghai", *march), count("UTC", *march) + 1)
        self.assertEqual(count("UTC", *february), count("Asia/Shanghai", *february) + 1)

    def test_fixed_query_count(self):
        Figures = self.env["jianxi.figures"].with_user(self.officer_shiqian)
        Figures._jianxi_figures(self.shiqian)  # warm the caches (activity types, groups)
        # one query per model and base: a figure on a new base adds one
        self.env.invalidate_all()
        with self.assertQueryCount(FIGURES_QUERIES):
            Figures._jianxi_figures(self.shiqian)

    def test_the_dashboards_agree_with_the_figures(self):
        """The retention report and the funnel count what the figures count (issue 16, point 2)."""
        Figures = self.env["jianxi.figures"].with_user(self.officer_shiqian)
        year = self.today.year
        figures = Figures._jianxi_figures(self.shiqian, date(year, 1, 1), date(year, 12, 31))
        self.env["jianxi.retention.report"]._cron_refresh()  # the hourly job: retention is read from its last run
        Retention = self.env["jianxi.retention.report"].with_user(self.officer_shiqian)
        [(ended, kept)] = Retention._read_group(
            [("year", "=", str(year)), ("region_id", "child_of", self.shiqian.ids)],
            [],
            ["ended_count:sum", "kept_count:sum"],
        )
        # the report counts the legacy internships with the others
        self.assertEqual(ended or 0, figures["ended"] + figures["legacy_ended"])
        self.assertEqual(kept or 0, figures["kept_on"] + figures["legacy_kept_on"])
        self.assertGreater(ended, 0)
        # the funnel's first stage: the applications of the period (the legacy ones apart)
        Funnel = self.env["jianxi.funnel.report"].with_user(self.officer_shiqian)
        period = [("applied_at", ">=", date(year, 1, 1)), ("applied_at", "<=", date(year, 12, 31))]
        legacy = (
            self.env["jianxi.internship"]
            .with_user(self.officer_shiqian)
            .search_count([("is_legacy", "=", True), ("applied_at", ">=", date(year, 1, 1))])
        )
        applied = Funnel.search_count(
            [*period, ("stage", "=", "1_applied"), ("region_id", "child_of", self.shiqian.ids)]
        )
        self.assertEqual(applied, figures["applications"] + legacy)
        self.assertGreater(applied, 0)
