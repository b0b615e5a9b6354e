from datetime import date, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import common as odoo_test_common
from odoo.tests import new_test_user, tagged

from .common import ChineseChromeBrowser, JianxiHttpCase

# the overview's queries, whatever the data (test_pinned_query_count)
OFFICER_QUERIES = 26
MANAGER_QUERIES = 29


@tagged("post_install", "-at_install")
class TestOverview(JianxiHttpCase):
    """The staff's overview (issue 16): one call returns every tile and chart, with a number of
    queries that does not grow with the data; an officer's tiles count only their counties; the
    tiles open the lists of what they count; in Chinese, through the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["jianxi.figures"])
        cls.position = cls._make_position(headcount=200)
        cls.sinan_position = cls._make_position(cls.other_unit, region_id=cls.sinan.id)
        cls.waiting = cls._internships(cls.position, 2, "confirmed", "概览甲")
        cls.waiting._jianxi_schedule_review()
        cls.waiting[0].sudo().activity_ids.date_deadline = cls.today - timedelta(days=1)
        cls._internships(cls.sinan_position, 1, "confirmed", "思南概览")
        cls.env.flush_all()

    @classmethod
    def _internships(cls, position, count, state, name, **values):
        Internship = cls.env["jianxi.internship"]
        result = Internship
        for number in range(count):
            partner = cls.env["res.partner"].create({"name": f"{name}{number}"})
            applicant = cls._make_applicant(partner, f"{name}{number}")
            result |= Internship.create(
                {"applicant_id": applicant.id, "position_id": position.id, **values}
            )._jianxi_force_state(state)
        return result

    def overview(self, user):
        return self.env["jianxi.figures"].with_user(user).overview_data()

    @staticmethod
    def tiles(data):
        result = {}
        for section in data["sections"]:
            for tile in section["tiles"]:
                result[tile["key"]] = tile
                if tile.get("overdue"):
                    result[tile["overdue"]["key"]] = tile["overdue"]
        return result

    def queries(self, user):
        """The queries of one overview, caches emptied first (as a new request)."""
        self.env.invalidate_all()
        self.env.registry.clear_cache()
        self.overview(user)  # the registry's caches (groups, xmlids) as after a first request
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.overview(user)
        return self.cr.sql_log_count - before

    def test_every_figure_has_a_tile_that_opens_its_list(self):
        tiles = self.tiles(self.overview(self.manager))
        figures = (
            self.env["jianxi.figures"]
            .with_user(self.manager)
            ._jianxi_figures(None, date(self.today.year, 1, 1), self.today)
        )
        shown = set(figures) - {"positions_published_in_period", "seats_published_in_period", "legacy_started"}
        shown -= {"legacy_ended", "legacy_kept_on", "legacy_retention_rate"}
        self.assertLessEqual(shown, set(tiles))
        for key, tile in tiles.items():
            with self.subTest(tile=key):
                model = self.env[tile["action"]["res_model"]].with_user(self.manager)
                found = model.search_count(tile["action"]["domain"])
                if key == "retention_rate":
                    self.assertEqual(found, figures["ended"])
                elif key.startswith(("amount_", "seats_")):
                    self.assertTrue(tile["value"])
                else:
                    self.assertEqual(found, tile["count"])
                    self.assertEqual(tile["value"], str(tile["count"]))

    def test_the_officer_sees_only_their_counties(self):
        shiqian = self.tiles(self.overview(self.officer_shiqian))
        sinan = self.tiles(self.overview(self.officer_sinan))
        Figures = self.env["jianxi.figures"].with_user(self.manager)
        year = (date(self.today.year, 1, 1), self.today)
        for officer, county, tiles in (
            (self.officer_shiqian, self.shiqian, shiqian),
            (self.officer_sinan, self.sinan, sinan),
        ):
            expected = Figures._jianxi_figures(county, *year)
            for key in ("eligibility_reviews", "eligibility_reviews_overdue", "positions_published", "on_duty"):
                self.assertEqual(tiles[key]["count"], expected[key], f"{officer.login} {key}")
        self.assertGreaterEqual(shiqian["eligibility_reviews"]["count"], 2)
        self.assertGreaterEqual(shiqian["eligibility_reviews_overdue"]["count"], 1)
        self.assertEqual(sinan["eligibility_reviews"]["count"], 1)
        # the list a tile opens, read by the officer, holds the same records
        listed = (
            self.env["jianxi.internship"]
            .with_user(self.officer_sinan)
            .search(sinan["eligibility_reviews"]["action"]["domain"])
        )
        self.assertEqual(listed.region_id, self.sinan)
        # an officer has no chart by county; a manager has one
        self.assertEqual([chart["key"] for chart in self.overview(self.officer_shiqian)["charts"]], ["monthly"])
        self.assertEqual([chart["key"] for chart in self.overview(self.manager)["charts"]], ["monthly", "by_county"])

    def test_only_the_staff_see_the_overview(self):
        clerk = new_test_user(self.env, login="t_overview_clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.overview(clerk)
        with self.assertRaises(AccessError):
            self.overview(self.unit_user)

    def test_the_query_count_does_not_grow_with_the_data(self):
        users = (self.officer_shiqian, self.manager)
        counts = {user: self.queries(user) for user in users}
        # about 50 more internships, in every state and both counties, started this year and ended
        start = max(date(self.today.year, 1, 1), self.today - timedelta(days=60))
        for state in ("applied", "confirmed", "on_duty", "ended", "approved"):
            for position in (self.position, self.sinan_position):
                values = {}
                if state in ("on_duty", "ended"):
                    values = {"start_date": start, "planned_end_date": start + timedelta(days=180)}
                if state == "ended":
                    values.update(actual_end_date=self.today, end_reason="completed", kept_on=True)
                self._internships(position, 5, state, f"多{state}{position.id}", **values)
        self.position.sudo().headcount = 300
        self.env.flush_all()
        for user in users:
            with self.subTest(user=user.login):
                self.assertEqual(self.queries(user), counts[user])
        # one query per figure and series, a few for the user's groups and the labels
        self.assertLessEqual(counts[self.manager], MANAGER_QUERIES)

    def test_pinned_query_count(self):
        """The overview's queries, pinned (they were 57): figures of one model and one base share a
        grouped query (jianxi.figures' _jianxi_measure); a manager's chart by county adds two."""
        for user, count in ((self.officer_shiqian, OFFICER_QUERIES), (self.manager, MANAGER_QUERIES)):
            with self.subTest(user=user.login):
                self.overview(user)  # the registry's caches (groups, xmlids), as after a first request
                self.env.invalidate_all()
                with self.assertQueryCount(count):
                    self.overview(user)

    def test_the_overview_is_the_staffs_first_menu(self):
        action = self.env.ref("jianxi_internship.jianxi_overview_action")
        menus = self.env["ir.ui.menu"].with_user(self.officer_shiqian).load_web_menus(False)
        root = self.env.ref("jianxi_internship.jianxi_internship_menu_root")
        self.assertEqual(menus[root.id]["actionID"], action.id)

    def test_tour_the_officer_opens_a_tile_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.officer_shiqian.write({"lang": "zh_CN", "groups_id": [Command.link(self.env.ref("base.group_user").id)]})
        self.patch(odoo_test_common, "ChromeBrowser", ChineseChromeBrowser)
        self.start_tour(
            "/odoo/action-jianxi_internship.jianxi_overview_action",
            "jianxi_overview_officer",
            login=self.officer_shiqian.login,
        )
