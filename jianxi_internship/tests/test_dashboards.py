from datetime import date

from lxml import etree

from odoo import models
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import JianxiWorkflowCase

# The queries of each dashboard's pivot for a manager (TestDashboardQueries): its four read_groups,
# and the display names of its groups (units, regions: one query a model).
DASHBOARD_QUERIES = {
    "Position Analysis": 5,
    "Internship Analysis": 5,
    "Funnel": 5,
    "Retention": 5,
    "Subsidies": 8,
    "Money Trail": 6,
    "Supply and Demand": 6,
}


@tagged("post_install", "-at_install")
class TestDashboards(JianxiWorkflowCase):
    """The funnel and the retention figures, and the county scope of both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.position = cls._make_position()
        cls.sinan_position = cls._make_position(cls.other_unit, region_id=cls.sinan.id)
        states = ["applied", "confirmed", "approved", "on_duty", "ended", "ended", "ended", "declined"]
        cls.internships = cls.env["jianxi.internship"]
        for number, state in enumerate(states):
            partner = cls.env["res.partner"].create({"name": f"漏斗{number}"})
            applicant = cls._make_applicant(partner, f"漏斗{number}")
            values = {"applicant_id": applicant.id, "position_id": cls.position.id}
            if state == "ended":
                values.update(
                    start_date=date(2024, 1, 1),
                    planned_end_date=date(2024, 6, 30),
                    actual_end_date=date(2024, 6, 30),
                    end_reason="completed",
                    kept_on=number == 4,
                )
            cls.internships |= cls.env["jianxi.internship"].create(values)._jianxi_force_state(state)
        partner = cls.env["res.partner"].create({"name": "思南人"})
        cls.sinan_internship = cls.env["jianxi.internship"].create(
            {"applicant_id": cls._make_applicant(partner, "思南人").id, "position_id": cls.sinan_position.id}
        )
        cls.env.flush_all()
        cls.env["jianxi.retention.report"]._cron_refresh()  # the hourly job: retention is read from its last run
        cls.env["jianxi.internship.analysis"]._cron_refresh()

    def funnel(self, user=None):
        Funnel = self.env["jianxi.funnel.report"].with_user(user or self.env.user)
        ids = (self.internships | self.sinan_internship).ids
        return dict(Funnel._read_group([("internship_id", "in", ids)], ["stage"], ["count:sum"]))

    def test_funnel_counts_how_far_applications_went(self):
        # 9 applied; confirmed or further: confirmed, approved, on duty, 3 ended = 6; approved+: 5; on duty+: 4.
        self.assertEqual(
            self.funnel(), {"1_applied": 9, "2_confirmed": 6, "3_approved": 5, "4_on_duty": 4, "5_ended": 3}
        )

    def test_funnel_is_limited_to_the_officers_counties(self):
        self.assertEqual(self.funnel(self.officer_shiqian)["1_applied"], 8)
        self.assertEqual(self.funnel(self.officer_sinan), {"1_applied": 1})
        self.assertEqual(self.funnel(self.officer_none), {})

    def test_retention_rate_per_unit_and_year(self):
        Retention = self.env["jianxi.retention.report"].with_user(self.officer_shiqian)
        groups = Retention._read_group(
            [("unit_id", "=", self.unit.id)], ["year"], ["ended_count:sum", "kept_count:sum", "retention_rate:avg"]
        )
        year, ended, kept, rate = groups[0]
        self.assertEqual((year, ended, kept), ("2024", 3, 1))
        self.assertAlmostEqual(rate, 100 / 3, places=2)
        self.assertFalse(
            self.env["jianxi.retention.report"].with_user(self.officer_sinan).search([("unit_id", "=", self.unit.id)])
        )

    def test_retention_figures_equal_the_live_ones(self):
        """The job's pre-aggregated figures are the internships' own, per unit and year and in total
        (the rate of a group is its kept over its ended, not the mean of its units' rates)."""
        live = {}
        for internship in self.env["jianxi.internship"].search(
            [("state", "=", "ended"), ("actual_end_date", "!=", False)]
        ):
            key = (internship.unit_id, str(internship.actual_end_date.year))
            ended, kept = live.get(key, (0, 0))
            live[key] = (ended + 1, kept + internship.kept_on)
        self.assertIn((self.unit, "2024"), live)
        Retention = self.env["jianxi.retention.report"].with_user(self.manager)
        groups = Retention._read_group(
            [], ["unit_id", "year"], ["ended_count:sum", "kept_count:sum", "retention_rate:avg"]
        )
        self.assertEqual({(unit, year): (ended, kept) for unit, year, ended, kept, _rate in groups}, live)
        for unit, year, ended, kept, rate in groups:
            self.assertAlmostEqual(rate, 100 * kept / ended, places=6, msg=(unit.name, year))
        ((total_ended, total_kept, total_rate),) = Retention._read_group(
            [], [], ["ended_count:sum", "kept_count:sum", "retention_rate:avg"]
        )
        self.assertEqual((total_ended, total_kept), tuple(map(sum, zip(*live.values(), strict=False))))
        self.assertAlmostEqual(total_rate, 100 * total_kept / total_ended, places=6)

    def test_retention_is_refreshed_by_the_job(self):
        cron = self.env.ref("jianxi_internship.ir_cron_jianxi_retention_refresh")
        self.assertEqual((cron.code, cron.interval_type, cron.active), ("model._cron_refresh()", "hours", True))
        ended = self.internships.filtered(lambda i: i.state == "ended")[:1]
        ended.kept_on = not ended.kept_on
        self.env.flush_all()
        Retention = self.env["jianxi.retention.report"]
        before = Retention._read_group([("unit_id", "=", self.unit.id)], [], ["kept_count:sum"])[0][0]
        cron.ir_actions_server_id.run()
        after = Retention._read_group([("unit_id", "=", self.unit.id)], [], ["kept_count:sum"])[0][0]
        self.assertEqual(after - before, 1 if ended.kept_on else -1)

    def test_internship_analysis_equals_the_internships(self):
        """The job's counts are the internships' own read_group, for the whole province (a manager)
        and within an officer's counties, by each group-by of the dashboard, this year's filter
        included."""
        groupbys = [["region_id", "unit_id", "state"], ["start_date:month", "state"], ["end_reason"], []]
        this_year = f"{date.today().year}-01-01"
        filters = [
            ([], []),
            ([("applied_at", ">=", this_year)], [("applied_month", ">=", this_year)]),
            ([("is_legacy", "=", True)], [("is_legacy", "=", True)]),
        ]

        def figures(groups):
            # {(group values, records as ids): count}: the internships' groups come in their own order
            return {
                tuple(
                    tuple(value.ids) if isinstance(value, models.BaseModel) else value for value in group[:-1]
                ): group[-1]
                for group in groups
            }

        for user in (self.manager, self.officer_shiqian, self.officer_sinan):
            Internship = self.env["jianxi.internship"].with_user(user)
            Analysis = self.env["jianxi.internship.analysis"].with_user(user)
            for groupby in groupbys:
                for live_domain, domain in filters:
                    with self.subTest(user=user.login, groupby=groupby, domain=domain):
                        live = figures(Internship._read_group(live_domain, groupby, ["__count"]))
                        self.assertTrue(live or live_domain[0][0] == "is_legacy")  # no legacy record here
                        self.assertEqual(figures(Analysis._read_group(domain, groupby, ["__count"])), live)
                        self.assertEqual(figures(Analysis._read_group(domain, groupby, ["internship_count:sum"])), live)
            # the officer sees their counties only: here, our nine internships split eight and one
            counted = dict(
                Analysis._read_group([("unit_id", "in", (self.unit | self.other_unit).ids)], ["unit_id"], ["__count"])
            )
            if user == self.officer_sinan:
                self.assertEqual(counted, {self.other_unit: 1})
            elif user == self.officer_shiqian:
                self.assertEqual(counted.get(self.unit), 8)
                self.assertNotIn(self.other_unit, counted)
        self.assertFalse(self.env["jianxi.internship.analysis"].with_user(self.officer_none).search([]))

    def test_internship_analysis_is_refreshed_by_the_job(self):
        cron = self.env.ref("jianxi_internship.ir_cron_jianxi_internship_analysis_refresh")
        self.assertEqual((cron.code, cron.interval_type, cron.active), ("model._cron_refresh()", "hours", True))
        Analysis = self.env["jianxi.internship.analysis"]
        before = Analysis._read_group([("unit_id", "=", self.unit.id)], [], ["__count"])[0][0]
        partner = self.env["res.partner"].create({"name": "新来的"})
        self.env["jianxi.internship"].create(
            {"applicant_id": self._make_applicant(partner, "新来的").id, "position_id": self.position.id}
        )
        self.env.flush_all()
        self.assertEqual(Analysis._read_group([("unit_id", "=", self.unit.id)], [], ["__count"])[0][0], before)
        cron.ir_actions_server_id.run()
        self.assertEqual(Analysis._read_group([("unit_id", "=", self.unit.id)], [], ["__count"])[0][0], before + 1)

    def test_dashboard_menu_opens_pivot_and_graph_views(self):
        menu = self.env.ref("jianxi_internship.jianxi_dashboard_menu")
        # the province's statistics (a form that downloads a table) sits with the dashboards
        statistics = self.env.ref("jianxi_internship.jianxi_statistics_menu")
        self.assertEqual(statistics.parent_id, menu)
        modes = {m.action.res_model: m.action.view_mode.split(",")[:2] for m in menu.child_id - statistics}
        self.assertEqual(
            set(modes),
            {
                "jianxi.position",
                "jianxi.internship.analysis",
                "jianxi.funnel.report",
                "jianxi.retention.report",
                "jianxi.subsidy.claim",
                "jianxi.subsidy.trail.report",
                "jianxi.supply.demand.report",
            },
        )
        for model, first in modes.items():
            self.assertTrue({"pivot", "graph"} & set(first), model)
            for view_type in ("pivot", "graph"):
                self.env[model].with_user(self.officer_shiqian).get_view(view_type=view_type)


@tagged("post_install", "-at_install")
class TestDashboardQueries(JianxiWorkflowCase):
    """Each dashboard of the Dashboard menu, read as its pivot reads it (the total, then its first
    row and column group-bys, with its measures), runs the same number of queries whatever the
    data: the materialized views (analysis, retention, supply and demand) and the stored figures
    that make a province's dashboards fast (docs/scale.md) cannot silently turn into a query
    per group or per record."""

    def dashboards(self):
        """[(label, model, domain, measures, row and column group-bys)] of the menu's dashboards."""
        menu = self.env.ref("jianxi_internship.jianxi_dashboard_menu")
        statistics = self.env.ref("jianxi_internship.jianxi_statistics_menu")
        result = []
        for child in (menu.child_id - statistics).sorted("sequence"):
            action = child.action.sudo()
            Model = self.env[action.res_model]
            arch = Model.get_view(view_type="pivot")["arch"]
            nodes = etree.fromstring(arch).iter("field")
            by_type = {}
            for node in nodes:
                by_type.setdefault(node.get("type"), []).append(node.get("name"))
            measures = [f"{name}:{Model._fields[name].aggregator or 'sum'}" for name in by_type.get("measure", [])] or [
                "__count"
            ]
            groupbys = by_type.get("row", [])[:1] + by_type.get("col", [])[:1]
            result.append((child.name, action.res_model, safe_eval(action.domain or "[]"), measures, groupbys))
        return result

    def queries(self, user):
        """{dashboard: queries} as ``user``, with the registry's caches warm (as after a first request)."""
        counts = {}
        for label, model, domain, measures, groupbys in self.dashboards():
            Model = self.env[model].with_user(user)

            def read(Model=Model, domain=domain, measures=measures, groupbys=groupbys):
                Model.read_group(domain, measures, [])
                for groupby in groupbys:
                    Model.read_group(domain, measures, [groupby], lazy=True)
                Model.read_group(domain, measures, groupbys, lazy=False)

            read()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            read()
            counts[label] = self.cr.sql_log_count - before
        return counts

    def add_internships(self, tag, copies):
        """``copies`` internships in every state, in two counties, some ended and kept on; then the
        materialized views refreshed, as their hourly job does."""
        position = self._make_position()
        sinan_position = self._make_position(self.other_unit, region_id=self.sinan.id)
        states = ("applied", "confirmed", "approved", "on_duty", "ended", "declined") * copies
        for number, state in enumerate(states):
            partner = self.env["res.partner"].create({"name": f"{tag}{number}"})
            values = {
                "applicant_id": self._make_applicant(partner, f"{tag}{number}").id,
                "position_id": (position if number % 2 else sinan_position).id,
            }
            if state in ("on_duty", "ended"):
                values.update(start_date=date(2025, 1, 1), planned_end_date=date(2025, 6, 30))
            if state == "ended":
                values.update(actual_end_date=date(2025, 6, 30), end_reason="completed", kept_on=bool(number % 2))
            self.env["jianxi.internship"].create(values)._jianxi_force_state(state)
        self.env.flush_all()
        for model in ("jianxi.internship.analysis", "jianxi.retention.report", "jianxi.supply.demand.report"):
            self.env[model]._cron_refresh()

    def test_dashboards_read_in_fixed_queries(self):
        users = (self.manager, self.officer_shiqian)
        self.add_internships("看板", 1)
        counts = {user: self.queries(user) for user in users}
        self.add_internships("更多", 3)  # three times as many, on positions and units of their own
        for user in users:
            with self.subTest(user=user.login):
                self.assertEqual(self.queries(user), counts[user])
        self.assertEqual(counts[self.manager], DASHBOARD_QUERIES)
