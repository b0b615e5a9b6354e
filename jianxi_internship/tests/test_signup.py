from html import unescape as html_unescape
from urllib.parse import parse_qs, urlsplit

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import JianxiHttpCase

PASSWORD = "Jianxi-Signup-2024"


@tagged("post_install", "-at_install")
class TestSelfSignup(JianxiHttpCase):
    """Self sign-up (b2c) through the real form POST to /web/signup: applicants and unit
    representatives become portal users with their records; bad input creates nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls.internal_group = cls.env.ref("base.group_user")
        cls.portal_group = cls.env.ref("base.group_portal")

    def _signup(self, login, name, **data):
        self._visit()
        response = self._post_signup(login, name, PASSWORD, **data)
        if response.status_code != 303:
            return response
        # Signed in: the server rotated the session. Drop the test's own cookie (domain '') so
        # that the server's new one is sent, then follow the redirect.
        self.opener.cookies.clear("", "/", "session_id")
        return self.url_open(response.headers["Location"])

    def _visit(self):
        self.authenticate(None, None)
        self.opener.cookies["frontend_lang"] = "en_US"

    def _user(self, login):
        return self.env["res.users"].with_context(active_test=False).search([("login", "=", login)])

    def assertPortalOnly(self, user):
        self.assertTrue(user.share)
        self.assertIn(self.portal_group, user.groups_id)
        self.assertFalse(user.groups_id & self.internal_group, "no group implying internal users")
        self.assertFalse(user._is_internal())

    # ------------------------------------------------------------------ success
    def test_applicant_signup_makes_a_portal_user_with_an_applicant_record(self):
        response = self._signup("xiaoming@example.com", "王小明", jianxi_signup_kind="applicant")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        user = self._user("xiaoming@example.com")
        self.assertPortalOnly(user)
        applicant = self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)])
        self.assertEqual(applicant.name, "王小明")
        self.assertEqual(applicant.verification_state, "unverified")
        self.assertFalse(user.partner_id.parent_id, "an applicant is a private person")
        self.assertFalse(self.env["jianxi.unit"].search([("partner_id", "=", user.commercial_partner_id.id)]))
        self.assertIn("My Applicant Profile", response.text, "signed in, on the profile page")

    def test_applicant_who_came_from_a_position_goes_back_there_through_the_profile(self):
        response = self._signup(
            "from.board@example.com", "李小红", jianxi_signup_kind="applicant", redirect="/internships/positions/42"
        )
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        self.assertEqual(parse_qs(urlsplit(response.url).query), {"redirect": ["/internships/positions/42"]})
        self.assertIn('name="redirect" value="/internships/positions/42"', response.text)

    def test_signup_never_redirects_off_site(self):
        response = self._signup(
            "offsite@example.com", "赵小刚", jianxi_signup_kind="applicant", redirect="https://evil.example.com/x"
        )
        self.assertEqual(urlsplit(response.url).netloc, urlsplit(self.base_url()).netloc)
        self.assertEqual(urlsplit(response.url).path, "/my/profile")
        self.assertFalse(urlsplit(response.url).query)

    def test_unit_signup_makes_a_company_parent_and_a_draft_unit(self):
        response = self._signup(
            "hr@shiqian-tea.example.com",
            "陈人事",
            jianxi_signup_kind="unit",
            jianxi_unit_name="  石阡县某茶业   有限公司 ",
            jianxi_unit_region_id=str(self.shiqian.id),
        )
        self.assertEqual(urlsplit(response.url).path, "/my/unit")
        user = self._user("hr@shiqian-tea.example.com")
        self.assertPortalOnly(user)
        company = user.partner_id.parent_id
        self.assertTrue(company.is_company)
        self.assertEqual(company.name, "石阡县某茶业 有限公司")
        self.assertEqual(user.commercial_partner_id, company)
        self.assertEqual(user.partner_id.name, "陈人事", "the person keeps their own name")
        unit = self.env["jianxi.unit"].search([("partner_id", "=", company.id)])
        self.assertEqual(len(unit), 1)
        self.assertEqual(
            (unit.name, unit.state, unit.region_id, unit.contact_name),
            ("石阡县某茶业 有限公司", "draft", self.shiqian, "陈人事"),
        )
        self.assertFalse(self.env["jianxi.applicant"].search([("partner_id", "=", user.partner_id.id)]))
        # The new contact reads the unit through the portal record rule.
        self.assertEqual(self.env["jianxi.unit"].with_user(user).search([]), unit)

    # ------------------------------------------------------------------ bad input
    def test_bad_choices_show_a_message_and_create_nothing(self):
        existing = self.env["jianxi.unit"].create(
            {
                "name": "思南县已注册单位",
                "region_id": self.sinan.id,
                "partner_id": self.env["res.partner"].create({"name": "思南县已注册单位", "is_company": True}).id,
            }
        )
        cases = {
            "no choice": ({}, "Please choose whether you are looking for an internship"),
            "unknown choice": ({"jianxi_signup_kind": "officer"}, "Please choose whether you are looking"),
            "unit without name": (
                {"jianxi_signup_kind": "unit", "jianxi_unit_region_id": str(self.shiqian.id)},
                "Please enter the name of your internship unit.",
            ),
            "unit without county": (
                {"jianxi_signup_kind": "unit", "jianxi_unit_name": "某某公司"},
                "Please choose the county of your internship unit.",
            ),
            "unit in a city": (
                {
                    "jianxi_signup_kind": "unit",
                    "jianxi_unit_name": "某某公司",
                    "jianxi_unit_region_id": str(self.tongren.id),
                },
                "Please choose the county",
            ),
            "county not a number": (
                {"jianxi_signup_kind": "unit", "jianxi_unit_name": "某某公司", "jianxi_unit_region_id": "1 OR 1=1"},
                "Please choose the county",
            ),
            "unit already registered": (
                {
                    "jianxi_signup_kind": "unit",
                    "jianxi_unit_name": existing.name,
                    "jianxi_unit_region_id": str(self.sinan.id),
                },
                "is already registered. Ask its representative to invite you",
            ),
        }
        partners_before = self.env["res.partner"].with_context(active_test=False).search_count([])
        units_before = self.env["jianxi.unit"].with_context(active_test=False).search_count([])
        for index, (case, (data, message)) in enumerate(cases.items()):
            with self.subTest(case=case):
                login = f"bad{index}@example.com"
                response = self._signup(login, f"坏输入{index}", **data)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(urlsplit(response.url).path, "/web/signup")
                self.assertIn(message, html_unescape(response.text))
                self.assertIn('name="jianxi_signup_kind"', response.text, "the form is shown again")
                self.assertFalse(self._user(login))
        self.assertEqual(self.env["res.partner"].with_context(active_test=False).search_count([]), partners_before)
        self.assertEqual(self.env["jianxi.unit"].with_context(active_test=False).search_count([]), units_before)
        self.assertFalse(self.env["jianxi.applicant"].search([("name", "like", "坏输入")]))

    def test_form_keeps_the_choice_after_an_error(self):
        response = self._signup("keep@example.com", "保留", jianxi_signup_kind="unit", jianxi_unit_name="保留公司")
        html = response.text
        self.assertIn('value="保留公司"', html)
        self.assertRegex(html, r'<input id="jianxi_signup_kind_unit"[^>]*\svalue="unit"[^>]*\schecked')

    def test_signup_form_asks_for_the_choice_and_lists_counties(self):
        self._visit()
        html = self.url_open("/web/signup").text
        self.assertIn("I am looking for an internship", html)
        self.assertIn("I represent an internship unit", html)
        self.assertIn(f'value="{self.shiqian.id}"', html)
        self.assertNotIn(f'value="{self.tongren.id}"', html, "only counties")

    def test_model_refuses_an_unknown_choice_without_http(self):
        """The check lives in res.users: any caller of signup() gets it."""
        Users = self.env["res.users"].sudo()
        with self.assertRaises(UserError) as cm:
            Users.signup(
                {"login": "direct@example.com", "name": "直接", "password": PASSWORD, "jianxi_signup_kind": "manager"}
            )
        self.assertIn("Please choose whether you are looking", str(cm.exception))
        self.assertFalse(self._user("direct@example.com"))
        login, _password = Users.signup(
            {"login": "direct@example.com", "name": "直接", "password": PASSWORD, "jianxi_signup_kind": "applicant"}
        )
        self.assertTrue(self.env["jianxi.applicant"].search([("partner_id", "=", self._user(login).partner_id.id)]))

    # ------------------------------------------------------------------ throttle and logins (issue 11, point 8)
    def test_the_hour_limit_per_address_refuses_with_a_message(self):
        self.env["ir.config_parameter"].sudo().set_param("jianxi_internship.signup_limit_per_hour", 2)
        for n in (1, 2):
            response = self._signup(f"cafe{n}@example.com", f"网吧{n}", jianxi_signup_kind="applicant")
            self.assertEqual(urlsplit(response.url).path, "/my/profile")
        response = self._signup("cafe3@example.com", "网吧3", jianxi_signup_kind="applicant")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Too many accounts were created from your network in the last hour", self._text(response))
        self.assertFalse(self._user("cafe3@example.com"), "nothing created")
        # The hour passes: the address may sign up again.
        self.env["jianxi.signup.attempt"].search([]).write({"created_at": "2000-01-01 00:00:00"})
        response = self._signup("cafe3@example.com", "网吧3", jianxi_signup_kind="applicant")
        self.assertEqual(urlsplit(response.url).path, "/my/profile")

    def test_a_login_differing_only_in_case_is_the_same_login(self):
        self._signup("xiaohong@example.com", "李小红", jianxi_signup_kind="applicant")
        response = self._signup("XiaoHong@Example.com", "冒名者", jianxi_signup_kind="applicant")
        self.assertIn("Another user is already registered using this email address.", self._text(response))
        self.assertEqual(
            len(self.env["res.users"].search([("login", "=ilike", "xiaohong@example.com")])), 1, "one account"
        )
        # Signing in with other capitals finds the account.
        self.authenticate(None, None)
        response = self.url_open(
            "/web/login",
            data={"login": "XIAOHONG@example.com", "password": PASSWORD, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, "signed in")
