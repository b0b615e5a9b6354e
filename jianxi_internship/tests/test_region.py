import psycopg2
from stdnum import numdb

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import JianxiCase

TONGREN_COUNTIES = {
    "520602": "碧江区",
    "520603": "万山区",
    "520621": "江口县",
    "520622": "玉屏侗族自治县",
    "520623": "石阡县",
    "520624": "思南县",
    "520625": "印江土家族苗族自治县",
    "520626": "德江县",
    "520627": "沿河土家族自治县",
    "520628": "松桃苗族自治县",
}


@tagged("post_install", "-at_install")
class TestRegion(JianxiCase):
    def test_tree_province_city_counties(self):
        self.assertEqual(
            (self.guizhou.code, self.guizhou.level, self.guizhou.parent_id.id), ("520000", "province", False)
        )
        self.assertEqual(
            (self.tongren.code, self.tongren.level, self.tongren.parent_id), ("520600", "city", self.guizhou)
        )
        counties = self.tongren.child_ids
        self.assertEqual({c.code: c.name for c in counties}, TONGREN_COUNTIES)
        self.assertEqual(set(counties.mapped("level")), {"county"})
        self.assertEqual(self.shiqian.complete_name, "贵州省 / 铜仁市 / 石阡县")

    def test_codes_agree_with_stdnum_loc_dat(self):
        # python-stdnum's table of administrative codes knows every county of the data file.
        loc = numdb.get("cn/loc")
        for code in TONGREN_COUNTIES:
            info = loc.info(code)
            self.assertTrue(info[0][1], f"{code} is not in stdnum's cn/loc.dat")
        self.assertTrue(loc.info("520623")[0][1])

    def test_child_of_uses_the_tree(self):
        under_tongren = self.Region.search([("id", "child_of", self.tongren.id)])
        self.assertEqual(len(under_tongren), 11)
        self.assertEqual(self.shiqian._ancestor_ids(), [self.shiqian.id, self.tongren.id, self.guizhou.id])

    @mute_logger("odoo.sql_db")
    def test_code_is_unique(self):
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.Region.create({"name": "重复", "code": "520623", "parent_id": self.tongren.id})

    def test_code_must_be_six_digits(self):
        with self.assertRaisesRegex(ValidationError, "6 digits"):
            self.Region.create({"name": "坏码", "code": "52A601", "parent_id": self.tongren.id})

    def test_code_must_fit_under_parent(self):
        with self.assertRaisesRegex(ValidationError, "does not belong under"):
            self.Region.create({"name": "错位县", "code": "520121", "parent_id": self.tongren.id})

    def test_no_cycles(self):
        # The parent_store refuses it first; our constraint stands behind it.
        with self.assertRaises(UserError):
            self.guizhou.parent_id = self.shiqian
            self.env.flush_all()

    def test_flags_are_set_by_staff(self):
        self.sinan.with_user(self.manager).write({"key_county": True, "hardship_area": True})
        self.assertTrue(self.sinan.key_county and self.sinan.hardship_area)
