from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import JianxiCase


@tagged("post_install", "-at_install")
class TestMinimumWage(JianxiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wage = cls.env["jianxi.minimum.wage"]
        # Our own table (the demo's figures may or may not be loaded): a region the demo leaves alone.
        cls.sinan_2020 = cls.Wage.create({"region_id": cls.sinan.id, "date_from": date(2020, 1, 1), "amount": 1500})
        cls.sinan_2022 = cls.Wage.create({"region_id": cls.sinan.id, "date_from": date(2022, 7, 1), "amount": 1600})
        cls.tongren_2021 = cls.Wage.create(
            {"region_id": cls.tongren.id, "date_from": date(2021, 1, 1), "amount": 1700, "tier": "二类"}
        )

    def test_county_wage_by_date(self):
        self.assertEqual(self.Wage._lookup(self.sinan, date(2022, 6, 30)).amount, 1500)
        self.assertEqual(self.Wage._lookup(self.sinan, date(2022, 7, 1)).amount, 1600)

    def test_county_without_own_wage_uses_its_city(self):
        self.assertEqual(self.Wage._lookup(self.yanhe, date(2022, 1, 1)), self.tongren_2021)

    def test_no_wage_before_the_first_date(self):
        wages = self.Wage.search([("region_id", "in", self.yanhe._ancestor_ids())])
        first = min(wages.mapped("date_from"))
        with self.assertRaisesRegex(UserError, "No Minimum Wage applies"):
            self.Wage._lookup(self.yanhe, date(first.year - 1, 1, 1))

    def test_amount_must_be_positive(self):
        with self.assertRaisesRegex(ValidationError, "positive"):
            self.Wage.create({"region_id": self.sinan.id, "date_from": date(2024, 1, 1), "amount": 0})
