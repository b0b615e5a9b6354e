from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import JianxiCase


@tagged("post_install", "-at_install")
class TestPolicyLookup(JianxiCase):
    quiet_mail = False  # asserts tracking

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["jianxi.policy"]
        cls.province_2022 = cls.env.ref("jianxi_internship.policy_guizhou_2022")
        cls.city_2022 = cls.env.ref("jianxi_internship.policy_tongren_2022")
        # The 2024 Guizhou revision, and a county that pays differently from mid-2023.
        cls.province_2024 = cls.province_2022.copy({"name": "贵州省 2024", "date_from": date(2024, 7, 1)})
        cls.shiqian_2023 = cls.city_2022.copy(
            {"name": "石阡县 2023", "region_id": cls.shiqian.id, "date_from": date(2023, 6, 1), "subsidy_rate": 70}
        )

    def test_province_policy_applies_to_a_county_without_its_own(self):
        # 碧江区 has nothing of its own, nor has its city in 2021? The city has 2022: it wins over the province.
        self.assertEqual(self.Policy._lookup(self.bijiang, date(2022, 6, 1)), self.city_2022)

    def test_most_specific_region_wins(self):
        self.assertEqual(self.Policy._lookup(self.shiqian, date(2023, 6, 1)), self.shiqian_2023)
        self.assertEqual(self.Policy._lookup(self.shiqian, date(2023, 6, 1)).subsidy_rate, 70)

    def test_specific_region_wins_even_over_a_later_general_one(self):
        # The province's 2024 revision does not override the county's own 2023 setting.
        self.assertEqual(self.Policy._lookup(self.shiqian, date(2025, 1, 1)), self.shiqian_2023)

    def test_specific_setting_not_yet_valid_falls_back_to_parent(self):
        # Before 2023-06-01 石阡县's own setting does not exist yet: the city's applies.
        self.assertEqual(self.Policy._lookup(self.shiqian, date(2023, 5, 31)), self.city_2022)

    def test_latest_start_on_or_before_the_day(self):
        self.assertEqual(self.Policy._lookup(self.guizhou, date(2024, 6, 30)), self.province_2022)
        self.assertEqual(self.Policy._lookup(self.guizhou, date(2024, 7, 1)), self.province_2024)

    def test_validity_end_is_derived_from_the_next_start(self):
        self.assertEqual(self.province_2022.date_to, date(2024, 6, 30))
        self.assertFalse(self.province_2024.date_to)

    def test_day_before_any_setting_gives_a_clear_error(self):
        with self.assertRaisesRegex(UserError, r"No Internship Policy applies to .*石阡县 on 2021-12-31"):
            self.Policy._lookup(self.shiqian, date(2021, 12, 31))
        self.assertFalse(self.Policy._lookup(self.shiqian, date(2021, 12, 31), raise_if_missing=False))

    def test_archived_setting_is_ignored(self):
        self.shiqian_2023.active = False
        self.assertEqual(self.Policy._lookup(self.shiqian, date(2023, 7, 1)), self.city_2022)

    def test_city_policy_requires_local_household(self):
        self.assertEqual(self.Policy._lookup(self.sinan, date(2022, 6, 1)).household_region_id, self.tongren)
        self.assertFalse(self.province_2022.household_region_id)

    def assertRefused(self, vals, message):
        # Odoo's assertRaises rolls the savepoint back (unittest's assertRaisesRegex would not).
        with self.assertRaises(ValidationError) as caught:
            self.province_2024.write(vals)
        self.assertIn(message, str(caught.exception))

    def test_bad_numbers_are_refused_with_a_message(self):
        self.assertRefused({"max_age": 15}, "minimum age")
        self.assertRefused({"subsidy_rate": 160}, "percentages")
        self.assertRefused({"duration_min_months": 13}, "shortest internship")
        self.assertRefused({"claim_window_days": 0}, "must be positive")
        self.assertRefused({"extra_cohort_years": "2020, last year"}, "graduation years")
        self.assertEqual(self.province_2024.max_age, 24)

    def test_extra_cohorts_accept_chinese_separators(self):
        self.province_2024.extra_cohort_years = "2020，2021、 2019"
        self.assertEqual(self.province_2024._get_extra_cohort_years(), frozenset({2019, 2020, 2021}))

    def test_changes_are_tracked(self):
        # (Records created in the same transaction get a creation message instead of tracking.)
        self.province_2022.subsidy_rate = 65
        self.env.flush_all()
        self.env.cr.precommit.run()  # mail writes tracking values just before the commit
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "jianxi.policy"),
                ("mail_message_id.res_id", "=", self.province_2022.id),
                ("field_id.name", "=", "subsidy_rate"),
            ]
        )
        self.assertEqual((tracked.old_value_float, tracked.new_value_float), (60.0, 65.0))
