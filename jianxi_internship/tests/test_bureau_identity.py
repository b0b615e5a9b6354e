from lxml import html as lxml_html

from odoo.tests import tagged
from odoo.tools import config

from .common import JianxiHttpCase

BUREAU = "石阡县人力资源和社会保障局"


@tagged("post_install", "-at_install")
class TestBureauIdentity(JianxiHttpCase):
    """The demo is the 石阡 bureau's, not Odoo's "YourCompany" (issue 10, point 4): every page
    and mail a person reads carries the bureau's name, and nobody outside reaches the database
    manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company = cls.env.ref("base.main_company")

    def _zh_get(self, url):
        self.opener.cookies["frontend_lang"] = "zh_CN"
        return lxml_html.fromstring(self._html(self._get(url)))

    def test_the_demo_company_is_the_bureau(self):
        self.assertEqual(self.company.name, BUREAU)
        self.assertEqual((self.company.phone, self.company.city), ("0856-7623252", "石阡县"))
        self.assertTrue(self.company.logo, "the bureau's logo replaces Odoo's “Your logo”")

    def test_public_pages_carry_the_bureau_and_no_odoo_demo_words(self):
        for url in ("/internships", "/web/signup", "/web/login"):
            page = self._zh_get(url)
            text = page.text_content()
            self.assertIn(BUREAU, text, url)
            self.assertNotIn("YourCompany", text, url)
            self.assertFalse(page.xpath("//img[contains(@src, 'logo') and contains(@alt, 'Your')]"), url)
            self.assertFalse(page.xpath("//a[contains(@href, '/web/database/manager')]"), f"{url}: 管理数据库")
        name = self._zh_get("/web/signup").xpath("//input[@name='name']")[0]
        self.assertEqual(name.get("placeholder"), "例如：张三")

    def test_the_generated_configuration_hides_the_database_manager(self):
        self.assertFalse(config["list_db"])

    def test_the_welcome_mail_carries_the_bureau(self):
        template = self.env.ref("auth_signup.mail_template_user_signup_account_created").with_context(lang="zh_CN")
        user = self.applicant_user
        subject = template._render_field("subject", user.ids)[user.id]
        body = template._render_field("body_html", user.ids)[user.id]
        self.assertIn(BUREAU, subject)
        self.assertNotIn("YourCompany", subject + body)
