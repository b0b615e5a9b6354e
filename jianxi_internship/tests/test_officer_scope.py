from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JianxiCase


@tagged("post_install", "-at_install")
class TestOfficerScope(JianxiCase):
    """The officer-region rule, with real users: an officer sees the settings of their regions and
    below (and those of their ancestors, which apply to them); a manager sees all; an officer
    without a region sees none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["jianxi.policy"]
        cls.province = cls.env.ref("jianxi_internship.policy_guizhou_2022")
        cls.city = cls.env.ref("jianxi_internship.policy_tongren_2022")
        cls.p_shiqian = cls.city.copy({"name": "石阡县", "region_id": cls.shiqian.id, "date_from": date(2023, 1, 1)})
        cls.p_sinan = cls.city.copy({"name": "思南县", "region_id": cls.sinan.id, "date_from": date(2023, 1, 1)})
        cls.ours = Policy.search([("id", "in", (cls.province | cls.city | cls.p_shiqian | cls.p_sinan).ids)])
        Wage = cls.env["jianxi.minimum.wage"]
        cls.w_shiqian = Wage.create({"region_id": cls.shiqian.id, "date_from": date(2023, 1, 1), "amount": 1600})
        cls.w_sinan = Wage.create({"region_id": cls.sinan.id, "date_from": date(2023, 1, 1), "amount": 1600})

    def visible(self, user, model="jianxi.policy", records=None):
        records = records if records is not None else self.ours
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_county_officer_sees_own_county_and_what_applies_to_it(self):
        self.assertEqual(self.visible(self.officer_shiqian), self.province | self.city | self.p_shiqian)

    def test_county_officer_does_not_see_another_county(self):
        self.assertNotIn(self.p_sinan, self.visible(self.officer_shiqian))
        with self.assertRaises(AccessError):
            self.p_sinan.with_user(self.officer_shiqian).read(["name"])

    def test_a_new_county_takes_effect_at_once(self):
        # Odoo caches each user's rule domains: reassigning the officer must clear that cache.
        wages = self.w_shiqian | self.w_sinan
        self.assertEqual(self.visible(self.officer_shiqian, "jianxi.minimum.wage", wages), self.w_shiqian)
        self.officer_shiqian.with_user(self.manager).jianxi_region_ids = self.sinan
        self.assertEqual(self.visible(self.officer_shiqian, "jianxi.minimum.wage", wages), self.w_sinan)

    def test_city_officer_sees_every_county_below(self):
        self.assertEqual(self.visible(self.officer_tongren), self.ours)

    def test_manager_sees_everything(self):
        self.assertEqual(self.visible(self.manager), self.ours)

    def test_officer_without_region_sees_nothing(self):
        self.assertFalse(self.visible(self.officer_none))
        self.assertFalse(self.visible(self.officer_none, "jianxi.minimum.wage", self.w_shiqian | self.w_sinan))

    def test_same_rule_on_minimum_wages(self):
        wages = self.w_shiqian | self.w_sinan
        self.assertEqual(self.visible(self.officer_shiqian, "jianxi.minimum.wage", wages), self.w_shiqian)
        self.assertEqual(self.visible(self.officer_sinan, "jianxi.minimum.wage", wages), self.w_sinan)
        self.assertEqual(self.visible(self.manager, "jianxi.minimum.wage", wages), wages)

    def test_officers_read_but_do_not_change_settings(self):
        with self.assertRaises(AccessError):
            self.p_shiqian.with_user(self.officer_shiqian).write({"subsidy_rate": 90})
        self.p_shiqian.with_user(self.manager).write({"subsidy_rate": 90})
        self.assertEqual(self.p_shiqian.subsidy_rate, 90)

    def test_nobody_deletes_a_setting(self):
        with self.assertRaises(AccessError):
            self.p_shiqian.with_user(self.manager).unlink()

    def test_lookup_works_for_any_user(self):
        # Portal users and officers of other counties get the policy in force through the lookup.
        policy = self.env["jianxi.policy"].with_user(self.officer_sinan)._lookup(self.shiqian, date(2023, 2, 1))
        self.assertEqual(policy, self.p_shiqian)
