from odoo.tests import tagged

from .common import JianxiCase


@tagged("post_install", "-at_install")
class TestInstall(JianxiCase):
    def test_module_installed_with_its_data(self):
        module = self.env["ir.module.module"].search([("name", "=", "jianxi_internship")])
        self.assertEqual(module.state, "installed")
        # The database holds the version the code declares: no update is pending.
        self.assertEqual(module.latest_version, module.installed_version)
        # Its models, and records from its data files (regions, policy, activity type, cron).
        self.assertTrue(self.env["ir.model"]._get("jianxi.internship"))
        for xmlid in (
            "jianxi_internship.region_guizhou",
            "jianxi_internship.policy_guizhou_2022",
            "jianxi_internship.mail_activity_type_review_eligibility",
            "jianxi_internship.education_level_bachelor",
        ):
            self.assertTrue(self.env.ref(xmlid, raise_if_not_found=False), f"{xmlid} is loaded")

    def test_groups_are_chained_officer_to_manager(self):
        officer = self.env.ref("jianxi_internship.jianxi_internship_group_officer")
        manager = self.env.ref("jianxi_internship.jianxi_internship_group_manager")
        self.assertIn(officer, manager.implied_ids)
        self.assertIn(self.env.ref("base.group_user"), officer.implied_ids)
        self.assertEqual(officer.category_id, manager.category_id)
        self.assertTrue(self.manager.has_group("jianxi_internship.jianxi_internship_group_officer"))

    def test_configuration_menus_reach_every_setting(self):
        config = self.env.ref("jianxi_internship.jianxi_internship_menu_config")
        actions = [menu.action.res_model for menu in config.child_id]
        self.assertEqual(
            sorted(actions),
            [
                "jianxi.access.log",
                "jianxi.calendar.day",
                "jianxi.education.level",
                "jianxi.inperson.registration",
                "jianxi.legacy.import",
                "jianxi.major",
                "jianxi.minimum.wage",
                "jianxi.policy",
                "jianxi.region",
                "res.users",
            ],
        )

    def test_default_policy_holds_guizhou_numbers(self):
        policy = self.env.ref("jianxi_internship.policy_guizhou_2022")
        self.assertEqual((policy.min_age, policy.max_age), (16, 24))
        self.assertEqual(policy.graduation_window_years, 2)
        self.assertEqual((policy.duration_min_months, policy.duration_max_months), (3, 12))
        self.assertEqual(
            (policy.subsidy_rate, policy.subsidy_rate_retained, policy.retention_threshold), (60.0, 80.0, 50.0)
        )
        self.assertEqual((policy.retention_bonus, policy.insurance_cap), (500.0, 300.0))
        self.assertEqual(policy.early_hire_min_fraction, 0.0)
        self.assertEqual(policy.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(policy._get_extra_cohort_years(), frozenset({2020}))
        self.assertEqual(
            sorted(policy.college_level_ids.mapped("code")), ["bachelor", "doctor", "junior_college", "master"]
        )
        self.assertEqual(policy.vocational_level_ids.mapped("code"), ["vocational"])
