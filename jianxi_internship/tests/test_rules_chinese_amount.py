# Pure Python, no database: Odoo's TestCase with MetaCase runs under Odoo's runner and plain pytest.
from decimal import Decimal

from odoo.tests.case import TestCase
from odoo.tests.common import MetaCase

from odoo.addons.jianxi_internship.rules.chinese_amount import amount_to_chinese_capital, to_decimal

# (amount, expected): each case names the rule of the PBoC voucher-writing rules it proves.
CASES = {
    "whole yuan end with 整": (12552.00, "壹万贰仟伍佰伍拾贰元整"),
    "jiao and fen, no 整 after 分": (1234.56, "壹仟贰佰叁拾肆元伍角陆分"),
    "fen only, below one yuan": (0.05, "伍分"),
    "jiao only, below one yuan": (0.5, "伍角"),
    "jiao and fen below one yuan": (0.15, "壹角伍分"),
    "yuan ending in 0 then jiao: 元零壹角": (100000.10, "壹拾万元零壹角"),
    "zero jiao before fen: 元零伍分": (1.05, "壹元零伍分"),
    "one 零 for zeros at the units and the jiao": (10.05, "壹拾元零伍分"),
    "jiao without fen: no 整 after 角": (1.10, "壹元壹角"),
    "zeros in the middle: one 零": (10005, "壹万零伍元整"),
    "zeros inside a group": (1010, "壹仟零壹拾元整"),
    "拾 keeps its digit": (10, "壹拾元整"),
    "壹拾万": (100000, "壹拾万元整"),
    "just below 万": (9999, "玖仟玖佰玖拾玖元整"),
    "exactly 万": (10000, "壹万元整"),
    "leading zeros of the low group: 零": (10100, "壹万零壹佰元整"),
    "whole 万 group followed by 仟": (11000, "壹万壹仟元整"),
    "just below 亿": (99999999, "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"),
    "exactly 亿": (100000000, "壹亿元整"),
    "empty 万 group between 亿 and units": (100000001, "壹亿零壹元整"),
    "亿 then 万 after a zero run": (100010000, "壹亿零壹万元整"),
    "亿 then 仟万": (110000000, "壹亿壹仟万元整"),
    "壹拾亿 then 仟 after an empty 万 group": (1000001000, "壹拾亿零壹仟元整"),
    "zero at the 亿 position is not written": (1010000000, "壹拾亿壹仟万元整"),
    "万亿": (1000000000000, "壹万亿元整"),
    "nothing at all": (0, "零元整"),
    "a typical claim total": (5600, "伍仟陆佰元整"),
    "a typical minimum wage": (1800, "壹仟捌佰元整"),
}


class TestRulesChineseAmount(TestCase, metaclass=MetaCase):
    def test_each_case_is_written_as_on_a_voucher(self):
        for rule, (amount, expected) in CASES.items():
            with self.subTest(rule=rule, amount=amount):
                self.assertEqual(amount_to_chinese_capital(amount), expected)

    def test_decimal_and_string_amounts_are_accepted(self):
        self.assertEqual(amount_to_chinese_capital(Decimal("1234.56")), "壹仟贰佰叁拾肆元伍角陆分")
        self.assertEqual(amount_to_chinese_capital("100000.10"), "壹拾万元零壹角")

    def test_float_noise_does_not_change_the_cents(self):
        # 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
        self.assertEqual(amount_to_chinese_capital(0.1 + 0.2), "叁角")
        self.assertEqual(amount_to_chinese_capital(1234.5600000000002), "壹仟贰佰叁拾肆元伍角陆分")

    def test_rounds_half_up_to_the_cent(self):
        self.assertEqual(to_decimal("2.345"), Decimal("2.35"))
        self.assertEqual(amount_to_chinese_capital("2.345"), "贰元叁角伍分")
        self.assertEqual(amount_to_chinese_capital("0.004"), "零元整")
        self.assertEqual(amount_to_chinese_capital(9.995), "壹拾元整")

    def test_negative_amount_is_refused(self):
        with self.assertRaises(ValueError) as catcher:
            amount_to_chinese_capital(-1)
        self.assertIn("negative", str(catcher.exception))
        with self.assertRaises(ValueError):
            amount_to_chinese_capital("-0.05")

    def test_not_a_number_is_refused(self):
        for value in ("abc", "", float("nan"), float("inf"), None, True):
            with self.subTest(value=value), self.assertRaises(ValueError):
                amount_to_chinese_capital(value)

    def test_largest_amount_and_beyond(self):
        self.assertEqual(
            amount_to_chinese_capital("9999999999999999.99"),
            "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        )
        with self.assertRaises(ValueError) as catcher:
            amount_to_chinese_capital(10**16)
        self.assertIn("too large", str(catcher.exception))
