import re
from datetime import date, timedelta
from html import unescape as html_unescape
from unittest.mock import patch
from urllib.parse import parse_qs, urlsplit

from odoo import http
from odoo.http import request
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from ..controllers.board import JianxiPositionBoard
from .common import JianxiHttpCase

TOKEN = "BoardTk"  # in every title of this file's positions, to find them among the demo data


# Queries of one board page for a visitor (the session, the website, the page and its pager).
BOARD_PAGE_QUERIES = 15


@tagged("post_install", "-at_install")
class TestPositionBoard(JianxiHttpCase):
    """The public board /internships and the detail pages, as a visitor who is not signed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bachelor = cls.env.ref("jianxi_internship.education_level_bachelor")
        cls.junior_college = cls.env.ref("jianxi_internship.education_level_junior_college")
        cls.published = cls._make_position(name=f"{TOKEN} 软件开发见习岗", majors="计算机科学与技术")
        cls.sinan_position = cls._make_position(
            cls.other_unit,
            name=f"{TOKEN} 电商运营助理",
            content="负责电商平台店铺的日常运营。",
            education_level_id=cls.bachelor.id,
        )
        cls.hidden = {
            state: cls._make_position(name=f"{TOKEN} 隐藏岗位{state}", state=state)
            for state in ("draft", "submitted", "rejected", "closed")
        }
        yesterday = date.today() - timedelta(days=1)
        cls.expired = cls._make_position(name=f"{TOKEN} 已过期岗位", deadline=yesterday)
        suspended_unit = cls._make_unit("石阡县某暂停单位", cls.shiqian, "91520623MA6DL9999X", state="suspended")
        cls.of_suspended_unit = cls._make_position(suspended_unit, name=f"{TOKEN} 暂停单位岗位")

    def _board(self, **params):
        response = self.url_open("/internships?" + "&".join(f"{k}={v}" for k, v in params.items()))
        self.assertEqual(response.status_code, 200)
        return response.text

    def _titles(self, html):
        return set(re.findall(rf"{TOKEN} [^<\n]*", html))

    def test_board_lists_only_published_open_positions(self):
        html = self._board(search=TOKEN)
        titles = self._titles(html)
        self.assertEqual(titles, {self.published.name, self.sinan_position.name})
        self.assertIn(self.unit.name, html, "the unit's name is shown (read with sudo for the display only)")
        self.assertIn(self.published.access_url, html)
        # Without a keyword too: the positions without a publication date come first.
        self.assertIn(self.published.name, self._board())

    def test_board_hides_a_position_whose_seats_are_all_taken(self):
        position = self._make_position(name=f"{TOKEN} 满员岗位", headcount=1)
        internship = self.env["jianxi.internship"].create(
            {"applicant_id": self.applicant.id, "position_id": position.id}
        )
        internship._jianxi_force_state("confirmed")
        self.assertNotIn(position.name, self._board(search=TOKEN))

    def test_keyword_searches_title_content_majors_and_unit(self):
        cases = {
            "软件开发": {self.published.name},  # title
            "店铺": {self.sinan_position.name},  # job content
            "科学与技术": {self.published.name},  # majors
            "电商": {self.sinan_position.name},  # two Chinese characters
            "商贸": {self.sinan_position.name},  # unit name: 思南县某商贸有限公司
            "boardtk 软件": {self.published.name},  # every word must match, in any case
        }
        for keyword, expected in cases.items():
            with self.subTest(keyword=keyword):
                self.assertEqual(self._titles(self._board(search=keyword)) & self._titles_mine(), expected)
        self.assertFalse(self._titles(self._board(search="电子商务")), "no position has this word")
        self.assertIn("No position matches your search.", self._board(search="100%25"))

    def test_control_characters_and_absurd_filters_are_ignored(self):
        # A NUL reached PostgreSQL (HTTP 500); absurd ids (inf, NaN, 26 digits) are no filter.
        self.assertEqual(self._titles(self._board(search="软件%00开发")) & self._titles_mine(), {self.published.name})
        self.assertEqual(self._titles(self._board(search="%E2%80%AE软件")) & self._titles_mine(), {self.published.name})
        for value in ("inf", "NaN", "1e308", "9" * 26, "-1", "%00"):
            with self.subTest(value=value):
                self._board(region=value, education=value, unit_type=value, page=value)

    def _titles_mine(self):
        return {self.published.name, self.sinan_position.name}

    def test_filters_county_city_education_and_unit_type(self):
        self.other_unit.sudo().unit_type = "public_institution"
        self.assertEqual(self._titles(self._board(search=TOKEN, region=self.sinan.id)), {self.sinan_position.name})
        self.assertEqual(self._titles(self._board(search=TOKEN, region=self.shiqian.id)), {self.published.name})
        self.assertEqual(
            self._titles(self._board(search=TOKEN, region=self.tongren.id)),
            self._titles_mine(),
            "a city includes its counties",
        )
        self.assertEqual(
            self._titles(self._board(search=TOKEN, education=self.bachelor.id)), {self.sinan_position.name}
        )
        self.assertEqual(
            self._titles(self._board(search=TOKEN, unit_type="public_institution")), {self.sinan_position.name}
        )
        self.assertEqual(self._titles(self._board(search=TOKEN, unit_type="enterprise")), {self.published.name})
        # Nonsense filters are ignored, never an error.
        self.assertEqual(
            self._titles(self._board(search=TOKEN, region="x", education="-1", unit_type="nope")), self._titles_mine()
        )

    def test_pager_reaches_the_last_page(self):
        names = {self._make_position(name=f"{TOKEN} 分页岗位{index:02d}").name for index in range(23)}
        names |= self._titles_mine()
        first = self._board(search=TOKEN)
        self.assertIn("Positions open for applications: 25", first)
        self.assertEqual(len(self._titles(first)), 20)
        self.assertIn(f"/internships/page/2?search={TOKEN}", first)
        last = self.url_open(f"/internships/page/2?search={TOKEN}")
        self.assertEqual(last.status_code, 200)
        self.assertEqual(len(self._titles(last.text)), 5)
        self.assertEqual(self._titles(first) | self._titles(last.text), names)
        # A page past the end shows the last page.
        self.assertEqual(
            self._titles(self.url_open(f"/internships/page/99?search={TOKEN}").text), self._titles(last.text)
        )

    def test_detail_page_of_a_published_position(self):
        response = self.url_open(self.published.access_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.published.name, response.text)
        self.assertIn("参与业务系统的开发与测试", response.text)
        self.assertIn(self.unit.name, response.text)
        for private in (self.unit.contact_phone, self.unit.credit_code, self.unit.legal_representative):
            self.assertNotIn(private, response.text, "a unit's private data never reaches the public")

    @mute_logger("odoo.http")
    def test_detail_page_is_404_unless_published(self):
        for state, position in self.hidden.items():
            with self.subTest(state=state):
                self.assertEqual(self.url_open(position.access_url).status_code, 404)
        self.assertEqual(self.url_open("/internships/positions/2147483000").status_code, 404)
        self.assertEqual(self.url_open("/internships/positions/abc").status_code, 404)

    def test_detail_page_of_an_expired_position_takes_no_applications(self):
        html = self.url_open(self.expired.access_url).text
        self.assertIn("This position no longer takes applications.", html)
        self.assertNotIn("/web/login?redirect=", html)

    def test_visitor_is_sent_to_sign_in_and_back(self):
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        html = self.url_open(self.published.access_url).text
        self.assertIn(f'href="/web/login?redirect={self.published.access_url}"', html)
        self.assertIn(f'href="/web/signup?redirect={self.published.access_url}"', html)
        self.assertNotIn("o_jianxi_apply_form", html, "no apply form for a visitor")
        # The apply route itself wants a signed-in user.
        response = self.url_open(f"{self.published.access_url}/apply", data={"csrf_token": "x"})
        self.assertEqual(urlsplit(response.url).path, "/web/login")

    def test_query_count_is_flat(self):
        """The number of SQL queries per request does not grow with the number of positions."""
        urls = (
            "/internships",
            f"/internships?search={TOKEN}",
            f"/internships?search={TOKEN}&region={self.tongren.id}",
            f"/internships/page/2?search={TOKEN}",
            self.published.access_url,
        )
        for index in range(3):  # 5 positions of this file on the board
            self._make_position(name=f"{TOKEN} 计数岗位{index}")
        small = {url: self._request_query_count(url) for url in urls}
        for index in range(3, 48):  # 50
            self._make_position(name=f"{TOKEN} 计数岗位{index}")
        large = {url: self._request_query_count(url) for url in urls}
        self.assertEqual(small, large)
        self.assertLess(max(large.values()), 25)

    def test_board_query_budget(self):
        """The board's first page and a keyword search, warm, within a fixed number of queries
        (the seats left are stored: no count of the applications per request; make bench-scale)."""
        for url in ("/internships", f"/internships?search={TOKEN}"):
            self.env.flush_all()
            self.url_open(url)  # warm the caches
            with self.assertQueryCount(BOARD_PAGE_QUERIES):
                self.assertEqual(self.url_open(url).status_code, 200)

    def _request_query_count(self, url):
        self.env.flush_all()
        self.url_open(url)  # warm the caches
        count0 = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - count0

    def test_search_uses_the_indexes(self):
        """The board's keyword condition and Odoo's own ilike on the title can use their GIN indexes."""
        Position = self.env["jianxi.position"].with_user(self.env.ref("base.public_user"))
        board = Position._search(Position._jianxi_board_domain("电商"), limit=20, order="published_date desc, id desc")
        # Odoo's own ilike, alone (as superuser, archived included: no other condition to use).
        ilike = self.env["jianxi.position"].with_context(active_test=False)._search([("name", "ilike", "软件开发")])
        self.env.flush_all()
        # With a handful of positions the indexes on the state (the board's order is one, partial) are
        # as cheap as any: out of the way, in this test's transaction only, the GIN index must serve.
        self.cr.execute("DROP INDEX jianxi_position_board_order_index, jianxi_position__state_index")
        self.cr.execute("SET LOCAL enable_seqscan = off")
        self.cr.execute("SET LOCAL enable_indexscan = off")
        try:
            plans = {}
            for name, query in (("board", board), ("ilike", ilike)):
                self.cr.execute(SQL("EXPLAIN %s", query.select()))
                plans[name] = "\n".join(row[0] for row in self.cr.fetchall())
        finally:
            self.cr.execute("RESET enable_seqscan")
            self.cr.execute("RESET enable_indexscan")
        self.assertIn("jianxi_position_published_ngrams_index", plans["board"])
        self.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if self.cr.fetchone():
            self.assertIn("jianxi_position_name_trgm_index", plans["ilike"])


@tagged("post_install", "-at_install")
class TestBoardReadsTheReplica(JianxiHttpCase):
    """The public's board and position pages run on a read-only cursor (the replica when one is
    configured); a signed-in person's on the primary. The test cursor of a read-only request is a
    real READ ONLY transaction, so a page that writes makes Odoo log its retry warning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.position = cls._make_position(name="只读岗位")

    def _cursor_modes(self, url, login=None):
        """The read-only flag of the cursor each board helper ran on, while ``url`` is requested."""
        modes = []
        board, page = JianxiPositionBoard._jianxi_board_values, JianxiPositionBoard._jianxi_position_values

        def spy(original):
            def wrapper(controller, *args, **kwargs):
                modes.append(bool(request.env.cr.readonly))
                return original(controller, *args, **kwargs)

            return wrapper

        if login:
            self.authenticate(login, login)
        with (
            patch.object(JianxiPositionBoard, "_jianxi_board_values", spy(board)),
            patch.object(JianxiPositionBoard, "_jianxi_position_values", spy(page)),
            self.assertNoLogs("odoo.http", "WARNING"),  # "… retrying with a read/write cursor"
        ):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return modes

    def test_visitors_read_read_only_without_a_retry(self):
        for url in (
            "/internships",
            "/internships?search=只读&region=%d" % self.shiqian.id,
            "/internships/page/2",
            self.position.access_url,
        ):
            self.assertEqual(self._cursor_modes(url), [True], url)

    def test_a_signed_in_person_reads_the_primary(self):
        self.assertEqual(self._cursor_modes(self.position.access_url, login=self.applicant_user.login), [False])
        self.assertEqual(self._cursor_modes("/internships", login=self.applicant_user.login), [False])


@tagged("post_install", "-at_install")
class TestPositionApply(JianxiHttpCase):
    """Applying from the detail page, signed in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.position = cls._make_position(name=f"{TOKEN} 申请岗位")
        cls.second = cls._make_position(cls.other_unit, name=f"{TOKEN} 第二岗位")

    def _post_apply(self, position, **data):
        data.setdefault("csrf_token", http.Request.csrf_token(self))
        return self.url_open(f"{position.access_url}/apply", data=data)

    def test_applicant_applies_once_then_gets_the_message(self):
        self.authenticate(self.applicant_user.login, self.applicant_user.login)
        html = self.url_open(self.position.access_url).text
        self.assertIn("o_jianxi_apply_form", html)
        self.assertIn('name="csrf_token"', html)

        response = self._post_apply(self.position)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlsplit(response.url).path, self.position.access_url)
        self.assertEqual(parse_qs(urlsplit(response.url).query), {"applied": ["1"]})
        self.assertIn("o_jianxi_apply_success", response.text)
        internship = self.env["jianxi.internship"].search([("applicant_id", "=", self.applicant.id)])
        self.assertEqual(internship.position_id, self.position)
        self.assertEqual(internship.state, "applied")

        response = self._post_apply(self.second)
        self.assertEqual(response.status_code, 200)
        # The model's message (in the user's language) names the open application.
        errors = re.findall(r"o_jianxi_apply_error[^>]*>([^<]*)<", response.text)
        self.assertEqual(len(errors), 1)
        self.assertIn(internship.display_name, html_unescape(errors[0]))
        self.assertEqual(self.env["jianxi.internship"].search_count([("applicant_id", "=", self.applicant.id)]), 1)

    def test_user_without_applicant_record_is_sent_to_the_profile(self):
        self.authenticate(self.unit_user.login, self.unit_user.login)
        html = self.url_open(self.position.access_url).text
        self.assertIn('href="/my/profile"', html)
        self.assertNotIn("o_jianxi_apply_form", html)
        response = self._post_apply(self.position, applicant_id=str(self.applicant.id))
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        self.assertFalse(
            self.env["jianxi.internship"].search([("position_id", "=", self.position.id)]),
            "a posted applicant id is never used",
        )

    @mute_logger("odoo.http")
    def test_apply_refuses_without_csrf_token_or_unpublished_position(self):
        self.authenticate(self.applicant_user.login, self.applicant_user.login)
        self.assertEqual(self._post_apply(self.position, csrf_token="forged").status_code, 400)
        draft = self._make_position(name=f"{TOKEN} 草稿", state="draft")
        self.assertEqual(self._post_apply(draft).status_code, 404)
        self.assertFalse(self.env["jianxi.internship"].search([("applicant_id", "=", self.applicant.id)]))
