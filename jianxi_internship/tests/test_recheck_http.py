"""The re-check at 确认上岗 through the pages (issue 11, point 5): the unit's page and refusal, and
the officer's approval in the web client, in Chinese browsers. The rules themselves are tested in
test_eligibility_review.py."""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import common as odoo_test_common
from odoo.tests import tagged

from .common import ChineseChromeBrowser, JianxiHttpCase, applied_on


@tagged("post_install", "-at_install")
class TestRecheckThroughThePages(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        (cls.unit_user | cls.officer_shiqian).write({"lang": "zh_CN"})
        today = date.today()
        birthday = today + relativedelta(days=40)
        if (birthday.month, birthday.day) == (2, 29):
            birthday += relativedelta(days=1)
        partner = cls.env["res.partner"].create({"name": "郑待业"})
        person = cls._make_applicant(
            partner,
            "郑待业",
            birth=(birthday.year - 25, birthday.month, birthday.day),
            category="unemployed",
            education_level_id=False,
            diploma_date=False,
            diploma_registration_date=False,
            unemployment_registration_date=today - relativedelta(months=1),
            unemployment_office="石阡县就业局",
        )
        position = cls._make_position(name="数据整理见习岗", planned_start_date=today + relativedelta(days=10))
        cls.internship = applied_on(
            cls.env["jianxi.internship"].create(
                {"applicant_id": person.id, "position_id": position.id, "state": "confirmed"}
            )
        )
        cls._verify(person)
        cls.internship.with_user(cls.officer_shiqian).action_approve()
        # The unit records an agreement that starts after the 25th birthday: the re-check fails.
        late_start = birthday + relativedelta(days=5)
        cls.internship.with_user(cls.unit_user).action_save_onboarding(cls.onboarding(late_start))

    def setUp(self):
        super().setUp()
        self.patch(odoo_test_common, "ChromeBrowser", ChineseChromeBrowser)

    def test_unit_is_blocked_until_the_officer_approves_the_recheck(self):
        self.assertTrue(self.internship.recheck_blocked)
        intern_page = f"/my/interns/{self.internship.id}"
        self.start_tour(intern_page, "jianxi_recheck_unit_is_blocked", login=self.unit_user.login)
        self.assertEqual(self.internship.state, "approved")
        self.start_tour(
            f"/odoo/jianxi.internship/{self.internship.id}",
            "jianxi_recheck_officer_approves",
            login=self.officer_shiqian.login,
        )
        self.internship.invalidate_recordset()
        self.assertEqual(self.internship.override_reason, "签约推迟系单位原因，经核实同意见习。")
        self.assertEqual(self.internship.overridden_rules, ["age"])
        self.start_tour(intern_page, "jianxi_recheck_unit_confirms_on_duty", login=self.unit_user.login)
        self.internship.invalidate_recordset()
        self.assertEqual(self.internship.state, "on_duty")
