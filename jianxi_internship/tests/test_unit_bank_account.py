"""The unit's bank account (issue 13, point 3): recorded by the unit in the portal, held in the
unit's registered name, digits only; a claim cannot be submitted without it and keeps the account
it was submitted with; the claim form PDF and the officer's payment window show it."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from ..rules import bank_account
from .common import JianxiHttpCase

BANK = "中国农业银行石阡县支行"


@tagged("post_install", "-at_install")
class TestBankAccountRules(TransactionCase):
    def test_account_numbers_as_people_type_them(self):
        compact = bank_account.compact_account_number
        self.assertEqual(compact("6228 4800 1234 5678 901"), "6228480012345678901")
        self.assertEqual(compact("6228-4800-1234"), "622848001234")
        self.assertEqual(compact("6228\u30004800－1234"), "622848001234", "ideographic space, full-width hyphen")
        self.assertEqual(compact("６２２８４８００１２３４"), "622848001234", "full-width digits of a Chinese IME")
        self.assertEqual(compact("1" * 8), "1" * 8)
        self.assertEqual(compact("1" * 30), "1" * 30)

    def test_refused_account_numbers(self):
        for number, code in (
            ("", "empty"),
            ("   ", "empty"),
            (None, "empty"),
            ("6228 4800 ABCD", "not_digits"),
            ("٦٢٢٨٤٨٠٠١٢٣٤", "not_digits"),  # Arabic-Indic digits are digits, not an account number
            ("6228²4800123", "not_digits"),
            ("①②③④⑤⑥⑦⑧", "not_digits"),
            ("1" * 7, "length"),
            ("1" * 31, "length"),
        ):
            with self.subTest(number=number), self.assertRaises(bank_account.BankAccountError) as caught:
                bank_account.compact_account_number(number)
            self.assertEqual(caught.exception.code, code)

    def test_holder_is_the_unit_whatever_the_width_of_its_brackets(self):
        self.assertTrue(bank_account.holder_is_unit("贵州青禾（石阡）有限公司", "贵州青禾(石阡)有限公司"))
        self.assertTrue(bank_account.holder_is_unit(" 贵州青禾 有限公司", "贵州青禾有限公司"))
        self.assertFalse(bank_account.holder_is_unit("孙法人", "贵州青禾有限公司"))
        self.assertFalse(bank_account.holder_is_unit("", ""), "no name is nobody's account")

    def test_bank_name(self):
        self.assertEqual(bank_account.clean_bank_name("  中国农业银行   石阡县支行 "), "中国农业银行 石阡县支行")
        for name, code in (("", "bank_empty"), ("银" * 61, "bank_length")):
            with self.subTest(name=name), self.assertRaises(bank_account.BankAccountError) as caught:
                bank_account.clean_bank_name(name)
            self.assertEqual(caught.exception.code, code)


@tagged("post_install", "-at_install")
class TestUnitBankAccount(JianxiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_unit = cls._make_unit("石阡县新苗农业有限公司", cls.shiqian, "91520623MA6DB0001", bank_account=False)
        cls.new_unit_user = cls._portal_user("t_bank_unit_user", cls.new_unit.partner_id)
        cls.new_unit_user.lang = "en_US"

    def _save(self, **typed):
        return self._post(
            "/my/unit/bank",
            {
                "bank_name": BANK,
                "acc_number": "6228 4800 1234 5678 901",
                "acc_holder_name": self.new_unit.name,
                **typed,
            },
        )

    def test_the_unit_records_its_account_through_the_page(self):
        self._login(self.new_unit_user)
        page = self._html(self._get("/my/unit"))
        self.assertIn("No bank account is recorded yet", page)
        self.assertIn(f'value="{self.new_unit.name}"', page, "the holder starts as the unit's registered name")

        response = self._save()
        self.assertRedirectedTo(response, "/my/unit", "bank_saved")
        self.assertIn("The bank account is saved", self._text(response))
        account = self.new_unit.bank_account_id
        self.assertEqual(account.partner_id, self.new_unit.partner_id)
        self.assertEqual(account.acc_number, "6228480012345678901")
        self.assertEqual(account.acc_holder_name, self.new_unit.name)
        self.assertEqual(account.bank_id.name, BANK)

        # A new bank: a new account, the change in the unit's history; saving the same again makes nothing new.
        self._save(acc_number="6217 0000 9999 8888")
        self._save(acc_number="6217000099998888")
        self.assertEqual(self.new_unit.bank_account_id.acc_number, "6217000099998888")
        self.assertEqual(len(self.new_unit.partner_id.bank_ids), 2)
        tracked = self.new_unit.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "bank_account_id"
        )
        self.assertEqual(len(tracked), 2, "each change of account is tracked (the first record, then the change)")

    def test_refusals_keep_what_was_typed_and_change_nothing(self):
        self._login(self.new_unit_user)
        for typed, message in (
            ({"acc_holder_name": "孙法人"}, "The account holder must be the unit's registered name"),
            ({"acc_number": "6228 ABCD"}, "may hold only digits"),
            ({"acc_number": "1234567"}, "from 8 to 30 digits"),
            ({"acc_number": ""}, "Please enter the account number"),
            ({"bank_name": ""}, "Please enter the bank"),
            ({"bank_name": "农业\x00银行"}, "characters that cannot be stored"),
            ({"acc_holder_name": "x" * 10_000}, "The account holder must be the unit's registered name"),
        ):
            with self.subTest(typed=typed):
                response = self._save(**typed)
                text = self._html(response)
                self.assertIn(message, text)
                self.assertFalse(self.new_unit.bank_account_id)
                self.assertFalse(self.new_unit.partner_id.bank_ids)
                if typed.get("bank_name", BANK) == BANK:
                    self.assertIn(f'value="{BANK}"', text, "what was typed is shown again")

    def test_only_the_unit_or_its_officers_record_its_account(self):
        # Through JSON-RPC a contact of another unit reaches the public method: refused.
        with self.assertRaises(AccessError):
            self.new_unit.with_user(self.other_unit_user).action_save_bank_account(
                BANK, "62284800123456", self.new_unit.name
            )
        self.new_unit.with_user(self.officer_shiqian).action_save_bank_account(
            BANK, "62284800123456", self.new_unit.name
        )
        self.assertEqual(self.new_unit.bank_account_id.acc_number, "62284800123456")
        with self.assertRaises(UserError):
            self.new_unit.with_user(self.new_unit_user).action_save_bank_account(BANK, ["6228"], self.new_unit.name)

    def test_a_claim_needs_the_account_and_keeps_the_one_it_was_submitted_with(self):
        self.env["jianxi.minimum.wage"].create(
            {"region_id": self.shiqian.id, "date_from": "2020-01-01", "amount": 1800}
        )
        claim = self._claim_with_one_intern(self.new_unit, self.applicant, claim_date=date.today())
        self._login(self.new_unit_user)
        page = self._html(self._get(claim.access_url))
        self.assertIn("The unit has no bank account yet", page)
        with self.assertRaisesRegex(UserError, "has no bank account yet"):
            claim.with_user(self.new_unit_user).action_submit()

        self.new_unit.with_user(self.new_unit_user).action_save_bank_account(
            BANK, "6228480012345678901", "石阡县新苗农业有限公司"
        )
        first = self.new_unit.bank_account_id
        claim.with_user(self.new_unit_user).action_submit()
        self.assertEqual(claim.bank_account_id, first)

        # The unit moves to another bank after submitting: the claim keeps the account the bureau checked.
        self.new_unit.with_user(self.new_unit_user).action_save_bank_account(
            "贵州铜仁农村商业银行", "6217000099998888", self.new_unit.name
        )
        self.assertEqual(claim.bank_account_id, first)
        page = self._html(self._get(claim.access_url))
        self.assertIn("6228480012345678901", page)
        self.assertNotIn("6217000099998888", page)

        # The claim form PDF (as HTML) and the officer's payment window show it.
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("jianxi_internship.action_report_subsidy_claim", claim.ids)[0]
            .decode()
        )
        self.assertIn("6228480012345678901", html)
        self.assertIn(BANK, html)
        claim.with_user(self.officer_shiqian).action_approve()
        wizard = (
            self.env["jianxi.claim.payment.wizard"]
            .with_user(self.manager)
            .create({"claim_id": claim.id, "amount": claim.amount_total, "reference": "PZ-1"})
        )
        self.assertEqual(wizard.bank_acc_number, "6228480012345678901")
        self.assertEqual(wizard.bank_acc_holder_name, self.new_unit.name)

    def test_the_account_must_belong_to_the_unit(self):
        stranger = self.env["res.partner"].create({"name": "某个人"})
        account = self.env["res.partner.bank"].create({"partner_id": stranger.id, "acc_number": "6228480000001111"})
        with self.assertRaisesRegex(UserError, "must be an account of the unit itself"):
            self.new_unit.bank_account_id = account
