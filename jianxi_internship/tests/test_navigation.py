import ast
from html import unescape as html_unescape

from lxml import html as lxml_html

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..rules import identity
from .common import JianxiHttpCase

TOKEN = "NavTk"  # in every title of this file's positions
PHONE = "13812345678"
HOME_ACTION = "jianxi_internship.jianxi_overview_action"
OFFICER = "jianxi_internship.jianxi_internship_group_officer"


@tagged("post_install", "-at_install")
class TestNavigation(JianxiHttpCase):
    """Issue 9, points 5 and 7: the ways a person finds without help (the header, the /my cards, the
    people a unit confirmed, the staff's home, the menus, the officers' counties), and the phone
    masked like the ID number until the unit confirms the person. As real users, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for region in (cls.shiqian, cls.sinan):
            cls.env["jianxi.minimum.wage"].create({"region_id": region.id, "date_from": "2020-01-01", "amount": 1800})
        (cls.unit_user | cls.applicant_user | cls.manager | cls.officer_shiqian).write({"lang": "en_US"})
        cls.position = cls._make_position(name=f"{TOKEN} 软件开发见习岗", headcount=5)
        cls.applicant.phone = PHONE
        cls.application = cls.env["jianxi.internship"].create(
            {"applicant_id": cls.applicant.id, "position_id": cls.position.id}
        )

    # ------------------------------------------------------------------ helpers
    def _login(self, user):
        self.authenticate(user.login if user else None, user.login if user else None)

    def _get(self, url):
        self.env.flush_all()
        response = self.url_open(url)
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200, url)
        return response

    def _post(self, url, data=None):
        self.env.flush_all()
        response = self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **(data or {})})
        self.env.invalidate_all()
        return response

    @staticmethod
    def _tree(response):
        return lxml_html.fromstring(response.content)

    # ------------------------------------------------------------------ header
    def test_visitor_header_links_to_the_board_and_to_sign_up(self):
        self._login(None)
        for url in ("/internships", f"/internships/positions/{self.position.id}"):
            with self.subTest(url=url):
                header = self._tree(self._get(url)).xpath("//header")[0]
                hrefs = header.xpath(".//a/@href")
                self.assertIn("/internships", hrefs)
                self.assertIn("/web/signup", hrefs)
                self.assertTrue(any(href.startswith("/web/login") for href in hrefs))
        # Signed in: the board stays, sign-up goes.
        self._login(self.applicant_user)
        hrefs = self._tree(self._get("/my/home")).xpath("//header//a/@href")
        self.assertIn("/internships", hrefs)
        self.assertNotIn("/web/signup", hrefs)

    def test_sign_up_link_follows_the_sign_up_setting(self):
        self.env["ir.config_parameter"].set_param("auth_signup.invitation_scope", "b2b")
        self._login(None)
        hrefs = self._tree(self._get("/internships")).xpath("//header//a/@href")
        self.assertIn("/internships", hrefs)
        self.assertNotIn("/web/signup", hrefs)

    # ------------------------------------------------------------------ /my cards
    def test_applicant_home_has_a_find_a_position_card(self):
        self._login(self.applicant_user)
        tree = self._tree(self._get("/my/home"))
        cards = tree.xpath("//div[hasclass('o_portal_index_card')]//a[@href='/internships']") or tree.xpath(
            "//main//a[@href='/internships']"
        )
        self.assertTrue(cards, "a card leads to the board")
        self.assertIn("Find a Position", cards[0].text_content())

    def test_unit_home_has_a_card_for_each_unit_page(self):
        self._login(self.unit_user)
        tree = self._tree(self._get("/my/home"))
        links = tree.xpath("//div[@id='portal_jianxi_unit_category']//a/@href")
        for url in ("/my/unit", "/my/positions", "/my/applications", "/my/interns", "/my/claims"):
            self.assertIn(url, links)
        self.assertFalse(tree.xpath("//main//a[@href='/internships']"), "no applicant card for a unit")

    # ------------------------------------------------------------------ confirmed people
    def test_unit_sees_the_person_it_confirmed_with_status_until_approval(self):
        self._login(self.unit_user)
        self.assertEqual(self._post(f"/my/applications/{self.application.id}/confirm").status_code, 200)
        self.assertEqual(self.application.state, "confirmed")
        status = dict(self.application._fields["state"]._description_selection(self.env))
        for url in ("/my/interns", "/my/interns?filterby=review"):
            with self.subTest(url=url):
                rows = self._tree(self._get(url)).xpath("//tr[hasclass('o_jianxi_intern_row')]")
                self.assertEqual(len(rows), 1)
                self.assertIn(self.applicant.name, rows[0].text_content())
                self.assertIn(status["confirmed"], rows[0].text_content())
        home = self._tree(self._get("/my/home"))
        count = home.xpath("//a[@href='/my/interns']//div[hasclass('mt-0')]")[0].text
        self.assertEqual(count.strip(), "1", "the interns card counts the confirmed person")
        # The bureau refuses: still there, with that status. Approved: an intern, in the list too.
        self.application._jianxi_force_state("rejected")
        row = self._tree(self._get("/my/interns")).xpath("//tr[hasclass('o_jianxi_intern_row')]")[0]
        self.assertIn(status["rejected"], row.text_content())
        self.application._jianxi_force_state("approved")
        self.assertFalse(
            self._tree(self._get("/my/interns?filterby=review")).xpath("//tr[hasclass('o_jianxi_intern_row')]")
        )
        row = self._tree(self._get("/my/interns")).xpath("//tr[hasclass('o_jianxi_intern_row')]")[0]
        self.assertIn(status["approved"], row.text_content())

    # ------------------------------------------------------------------ phone (point 7)
    def test_phone_masked_until_the_unit_confirms(self):
        masked = identity.mask_phone(PHONE)
        self.assertEqual(masked, "138****5678")
        self._login(self.unit_user)
        html = html_unescape(self._get("/my/applications").text)
        self.assertIn(self.applicant.name, html)
        self.assertIn(masked, html)
        self.assertNotIn(PHONE, html)
        self.assertNotIn(f"tel:{PHONE}", html)
        self._post(f"/my/applications/{self.application.id}/confirm")
        for url in ("/my/applications?filterby=confirmed", f"/my/interns/{self.application.id}"):
            with self.subTest(url=url):
                html = html_unescape(self._get(url).text)
                self.assertIn(f'href="tel:{PHONE}"', html)
                self.assertNotIn(masked, html)

    def test_mask_phone(self):
        self.assertEqual(identity.mask_phone("0856-1234567"), "085*****4567")
        self.assertEqual(identity.mask_phone(" 138 1234 5678 "), "138****5678")
        self.assertEqual(identity.mask_phone("1234567"), "*******")
        self.assertEqual(identity.mask_phone(""), "")

    # ------------------------------------------------------------------ staff home
    def test_new_staff_start_in_the_internship_app(self):
        action = self.env.ref(HOME_ACTION)
        officer = new_test_user(self.env, login="t_nav_new_officer", groups=f"base.group_user,{OFFICER}")
        self.assertEqual(officer.action_id.id, action.id)
        # Added later, through the user or through the group.
        clerk = new_test_user(self.env, login="t_nav_clerk", groups="base.group_user")
        self.assertFalse(clerk.action_id)
        clerk.groups_id = [Command.link(self.env.ref(OFFICER).id)]
        self.assertEqual(clerk.action_id.id, action.id)
        clerk2 = new_test_user(self.env, login="t_nav_clerk2", groups="base.group_user")
        self.env.ref("jianxi_internship.jianxi_internship_group_manager").users = [Command.link(clerk2.id)]
        self.assertEqual(clerk2.action_id.id, action.id)
        # A home someone chose is kept; the staff of the data (admin, the test officers) have it.
        chosen = self.env.ref("base.action_res_users")
        clerk3 = new_test_user(self.env, login="t_nav_clerk3", groups="base.group_user")
        clerk3.action_id = chosen.id
        clerk3.groups_id = [Command.link(self.env.ref(OFFICER).id)]
        self.assertEqual(clerk3.action_id.id, chosen.id)
        self.assertEqual(self.env.ref("base.user_admin").action_id.id, action.id)
        # The action is the app's first menu, as the web client opens it.
        menus = self.env["ir.ui.menu"].with_user(officer).load_web_menus(False)
        root = self.env.ref("jianxi_internship.jianxi_internship_menu_root")
        self.assertEqual(menus[root.id]["actionID"], action.id)
        # Signing in lands there: the web client's session names it as the home action.
        self.authenticate(officer.login, officer.login)
        response = self.url_open(
            "/web/session/get_session_info", data="{}", headers={"Content-Type": "application/json"}
        )
        self.assertEqual(response.json()["result"]["home_action_id"], action.id)

    # ------------------------------------------------------------------ menus
    def test_one_name_per_menu(self):
        root = self.env.ref("jianxi_internship.jianxi_internship_menu_root")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "jianxi_internship")])._update_translations(["zh_CN"])
        for lang in ("en_US", "zh_CN"):
            with self.subTest(lang=lang):
                menus = self.env["ir.ui.menu"].with_context(lang=lang).search([("id", "child_of", root.id)])
                names = menus.mapped("name")
                duplicates = sorted({name for name in names if names.count(name) > 1})
                self.assertFalse(duplicates, f"menus share a name: {duplicates}")
        self.assertEqual(root.with_context(lang="zh_CN").name, "青年就业见习")

    # ------------------------------------------------------------------ officers' counties
    def test_manager_assigns_officer_counties_in_configuration(self):
        action = self.env.ref("jianxi_internship.jianxi_staff_action")
        menu = self.env.ref("jianxi_internship.jianxi_staff_menu")
        self.assertEqual(menu.parent_id, self.env.ref("jianxi_internship.jianxi_internship_menu_config"))
        as_manager = self.env(user=self.manager)
        self.assertIn(menu, as_manager["ir.ui.menu"].search([("id", "=", menu.id)]))
        self.assertFalse(self.env(user=self.officer_shiqian)["ir.ui.menu"].search([("id", "=", menu.id)]))
        # The action's list, as the web client asks for it: editable for the manager.
        Users = as_manager["res.users"]
        views = Users.get_views([(action.view_id.id, "list")])
        arch = lxml_html.fromstring(views["views"]["list"]["arch"])
        self.assertEqual(arch.get("editable"), "bottom")
        self.assertNotIn(arch.get("edit"), ("0", "false", "False"))
        staff = Users.search(ast.literal_eval(action.domain))
        self.assertIn(self.officer_none, staff)
        self.assertNotIn(self.unit_user, staff)
        # Saved as the list saves it.
        self.officer_none.with_user(self.manager).web_save(
            {"jianxi_region_ids": [Command.set(self.sinan.ids)]}, {"jianxi_region_ids": {}}
        )
        self.assertEqual(self.officer_none.jianxi_region_ids, self.sinan)
        # Only the counties, and only of staff.
        with self.assertRaises(AccessError):
            self.officer_none.with_user(self.manager).write({"login": "t_renamed"})
        with self.assertRaises(AccessError):
            self.unit_user.with_user(self.manager).write({"jianxi_region_ids": [Command.set(self.sinan.ids)]})
        with self.assertRaises(AccessError):
            self.officer_none.with_user(self.officer_shiqian).write({"jianxi_region_ids": [Command.clear()]})
        # Not themselves either, beyond the preferences every user may change: no way to more rights.
        admin_group = self.env.ref("base.group_system")
        with self.assertRaises(AccessError):
            self.manager.with_user(self.manager).write({"groups_id": [Command.link(admin_group.id)]})
        self.assertNotIn(admin_group, self.manager.groups_id)
        self.manager.with_user(self.manager).write({"signature": "<p>石阡县人社局</p>"})
