from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.jianxi_internship.rules import identity

from .common import JianxiHttpCase


@tagged("post_install", "-at_install")
class TestMatching(JianxiHttpCase):
    """Matching (匹配度) as real users see it: the unit's inbox sorted by match, the applicant's
    recommended positions, the board's "fits my profile" filter and the position page; the
    queries of the recommendations and of the inbox sort do not grow with the records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bachelor = cls.env.ref("jianxi_internship.education_level_bachelor")
        cls.position = cls._make_position(name="软件开发见习岗", majors="计算机科学与技术、软件工程")
        cls.accounting = cls._make_position(name="会计见习岗", majors="会计学", education_level_id=bachelor.id)
        cls.unemployed_only = cls._make_position(
            name="社区服务见习岗", majors=False, accepts_college=False, accepts_vocational=False
        )
        # 张三 (计算机科学与技术, 石阡县) and 李四 (汉语言文学, 思南县) both apply, 李四 first.
        cls.other_applicant.write({"major": "汉语言文学", "household_region_id": cls.sinan.id})
        Internship = cls.env["jianxi.internship"]
        cls.first = Internship.create({"applicant_id": cls.other_applicant.id, "position_id": cls.position.id})
        cls.second = Internship.create({"applicant_id": cls.applicant.id, "position_id": cls.position.id})
        cls.second.applied_at = cls.first.applied_at + timedelta(hours=1)

    def test_inbox_in_arrival_order_shows_the_criteria_met_and_missed(self):
        self._login(self.unit_user)
        html = self._html(self._get("/my/applications"))
        self.assertLess(html.index("李四"), html.index("张三"), "arrival order by default")
        self.assertIn("Applications are listed in the order they arrived.", html)
        self.assertNotIn("requirements the person meets", html)
        self.assertIn("Major 汉语言文学 is none of the sought 计算机科学与技术、软件工程.", html)
        self.assertIn("The work county 石阡县 is not the household county 思南县.", html)
        self.assertIn("Major 计算机科学与技术 is the sought 计算机科学与技术.", html)
        for applicant in (self.applicant, self.other_applicant):
            self.assertNotIn(applicant.id_number, html)
            self.assertIn(identity.mask_resident_id(applicant.id_number), html)

    def test_inbox_sorted_by_match(self):
        self._login(self.unit_user)
        html = self._html(self._get("/my/applications?sortby=match"))
        self.assertLess(html.index("张三"), html.index("李四"), "the better match first")
        self.assertIn("Best Match First", html)
        # the page says the order it shows
        self.assertIn("listed by how many of the position's requirements the person meets", html)
        self.assertNotIn("Applications are listed in the order they arrived.", html)
        self.assertNotIn(self.applicant.id_number, html)
        # an unknown sort falls back to arrival
        html = self._html(self._get("/my/applications?sortby=salary%00"))
        self.assertLess(html.index("李四"), html.index("张三"))

    def test_recommendations_on_my_home_with_the_reason(self):
        self._login(self.applicant_user)
        html = self._html(self._get("/my"))
        self.assertIn("Recommended Positions", html)
        section = html[html.index("o_jianxi_recommendations") :]
        self.assertIn("软件开发见习岗", section)
        self.assertIn("education level fits, major matches, category accepted, in the household county", section)
        self.assertNotIn("会计见习岗", section, "another major")
        self.assertNotIn("社区服务见习岗", section, "takes unemployed youth only")
        self.assertIn(self.position.access_url, section)

    def test_recommendation_reason_is_joined_in_the_reader_language(self):
        Internship = self.env["jianxi.internship"]
        (criteria,) = Internship._jianxi_match_pairs([(self.applicant, self.position, Internship)])
        self.assertEqual(
            Internship._jianxi_match_view(criteria)["summary"],
            "education level fits, major matches, category accepted, in the household county",
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(
            Internship.with_context(lang="zh_CN")._jianxi_match_view(criteria)["summary"],
            "学历符合、专业对口、类别符合、在户籍所在县",
        )
        self.assertEqual(Internship._jianxi_match_view([])["summary"], "")

    def test_recommendation_of_an_unrestricted_major(self):
        # 不限 means any major: the position is recommended to the person whatever their major
        unrestricted = self._make_position(name="综合文员见习岗", majors="不限")
        found = [position for position, _criteria in self.env["jianxi.position"]._jianxi_recommend(self.applicant)]
        self.assertIn(unrestricted, found)
        self._login(self.applicant_user)
        self.assertIn("综合文员见习岗", self._html(self._get("/internships?fits=1")))

    def test_unrestricted_major_however_written_reads_the_same_in_sql_and_in_the_rule(self):
        # The SQL that narrows the board's fits filter and the recommendations reads the verdict the
        # rule stored (majors_any): a spaced or punctuated 不限 is not lost on the way.
        written = {"专业：不限": True, "无专业要求。": True, "计算机、不限": True, "不限于会计学": False}
        positions = {
            text: self._make_position(name=f"综合岗{number}", majors=text) for number, text in enumerate(written)
        }
        for text, position in positions.items():
            self.assertEqual(position.majors_any, written[text], text)
        found = [position for position, _criteria in self.env["jianxi.position"]._jianxi_recommend(self.applicant, 50)]
        self._login(self.applicant_user)
        board = self._html(self._get("/internships?fits=1"))
        for text, position in positions.items():
            self.assertEqual(position in found, written[text], text)
            self.assertEqual(position.name in board, written[text], text)
        positions["不限于会计学"].majors = "不限"
        self.assertTrue(positions["不限于会计学"].majors_any, "recomputed when the majors change")

    def test_recommendation_sort_and_fixed_queries(self):
        Position = self.env["jianxi.position"].with_user(self.applicant_user)
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        found = Position._jianxi_recommend(self.applicant)
        few = self.env.cr.sql_log_count - start
        positions = [position for position, _criteria in found]
        self.assertEqual(positions[0], self.position)
        self.assertNotIn(self.accounting, positions, "another major")
        self.assertNotIn(self.unemployed_only, positions, "takes unemployed youth only")
        # Twenty more fitting positions in other counties: the same number of queries.
        for number in range(20):
            self._make_position(name=f"软件岗{number}", majors="计算机", region_id=self.sinan.id)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            found = Position._jianxi_recommend(self.applicant)
        self.assertEqual(len(found), 5)
        self.assertEqual(found[0][0], self.position, "the household county meets one more criterion")

    def _my_home_queries(self):
        """The queries of the applicant's /my (推荐岗位), warm, as the server counts them."""
        self.env.flush_all()
        self.url_open("/my")  # warm the caches (views, rules, the session's device)
        before = self.cr.sql_log_count
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return self.cr.sql_log_count - before, self._text(response)

    def test_recommendations_on_my_home_in_fixed_queries(self):
        # The request as a whole, not only _jianxi_recommend: the page reads the person's level and
        # household county before the recommendations do, which then skipped reading them when
        # every candidate was in that county or asked that level (make bench: 39 queries at 10,000
        # positions, 40 at 100 and 1,000).
        Position = self.env["jianxi.position"]
        Position.search([("region_id", "!=", self.applicant.household_region_id.id)]).active = False
        self.assertTrue(Position.search([("region_id", "=", self.applicant.household_region_id.id)]))
        self._login(self.applicant_user)
        alone, html = self._my_home_queries()
        self.assertIn("软件开发见习岗", html, "in 石阡县, the household county, as every position so far")
        self.assertLess(html.count('o_jianxi_recommendation"'), 5)
        levels = ["vocational", "junior_college", "bachelor"]
        for number, county in enumerate((self.sinan, self.bijiang, self.yanhe) * 2):
            level = self.env.ref(f"jianxi_internship.education_level_{levels[number % 3]}")
            self._make_position(
                name=f"见习岗{number}",
                majors="不限" if number % 2 else "计算机",
                region_id=county.id,
                education_level_id=level.id,
            )
        many, html = self._my_home_queries()
        self.assertEqual(html.count('o_jianxi_recommendation"'), 5, "more fit than are shown")
        self.assertEqual(many, alone, "other counties and levels: the same number of queries")

    def test_inbox_match_sort_runs_in_fixed_queries(self):
        Internship = self.env["jianxi.internship"].with_user(self.unit_user)
        everyone = Internship.search([("unit_id", "=", self.unit.id)])

        def match(records):
            return Internship._jianxi_match_pairs([(i.applicant_id, i.position_id, i) for i in records])

        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        match(everyone)
        few = self.env.cr.sql_log_count - start
        for number in range(6):
            partner = self.env["res.partner"].create({"name": f"申请人{number}"})
            applicant = self._make_applicant(partner, f"申请人{number}", household_region_id=self.sinan.id)
            self.env["jianxi.internship"].create({"applicant_id": applicant.id, "position_id": self.accounting.id})
        everyone = Internship.search([("unit_id", "=", self.unit.id)])
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            match(everyone)

    def test_board_fits_my_profile_filter(self):
        self._login(self.applicant_user)
        html = self._html(self._get("/internships?fits=1"))
        self.assertIn("Only positions that fit my profile", html)
        self.assertIn("软件开发见习岗", html)
        self.assertNotIn("会计见习岗", html)
        self.assertNotIn("社区服务见习岗", html)
        html = self._html(self._get("/internships"))
        self.assertIn("会计见习岗", html)
        # the public has no such filter, and the parameter changes nothing for it
        self._login(None)
        html = self._html(self._get("/internships?fits=1"))
        self.assertNotIn("Only positions that fit my profile", html)
        self.assertIn("会计见习岗", html)

    def test_position_page_tells_the_applicant_what_fits(self):
        self._login(self.applicant_user)
        html = self._html(self._get(self.unemployed_only.access_url))
        self.assertIn("How You Fit This Position", html)
        self.assertIn("The position does not take a college graduate.", html)
        self.assertIn("The position is open to every major.", html)
        self._login(None)
        self.assertNotIn("How You Fit This Position", self._html(self._get(self.unemployed_only.access_url)))

    def test_supply_and_demand_per_county(self):
        Report = self.env["jianxi.supply.demand.report"].with_user(self.officer_shiqian)
        self.env.flush_all()
        Report._cron_refresh()  # the hourly job: the figures are read from its last run
        computing = self.env.ref("jianxi_internship.major_computer_science")
        rows = Report._read_group(
            [("region_id", "=", self.shiqian.id), ("major_id", "=", computing.id)],
            [],
            ["seat_count:sum", "applicant_count:sum"],
        )
        seats, applicants = rows[0]
        self.assertGreaterEqual(seats, self.position.headcount)
        self.assertGreaterEqual(applicants, 1, "张三 of 石阡县, 计算机科学与技术")
        self.assertFalse(Report.search([("region_id", "=", self.sinan.id)]), "an officer of 石阡县 sees only 石阡县")
