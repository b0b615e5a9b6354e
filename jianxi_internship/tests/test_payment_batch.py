"""Payment batches (拨付批次, issue 13, point 5): a manager batches approved claims, prints the list
(拨付清单) with its totals in figures and in 大写, exports it for the finance office with each
unit's bank account, and marks it paid: every claim is paid through the per-claim method."""

import io
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from ..rules import chinese_amount
from .common import JianxiHttpCase
from .test_claim_payment import APPROVED, ClaimPaymentCase
from .test_reports import fold
from .test_subsidy_claim import CLAIM_DATE


class PaymentBatchCase(ClaimPaymentCase):
    def _two_approved(self):
        first = self._approved()
        self._intern(name="第二名见习生")
        second = self._approved()
        self.assertNotEqual(first, second)
        return first | second

    def _batch(self, claims, user=None):
        action = claims.with_user(user or self.manager).action_create_payment_batch()
        return self.env["jianxi.payment.batch"].browse(action["res_id"])


@tagged("post_install", "-at_install")
class TestPaymentBatch(PaymentBatchCase):
    def test_a_batch_of_approved_claims_with_its_number_and_totals(self):
        claims = self._two_approved()
        batch = self._batch(claims)
        self.assertRegex(batch.name, r"^JXBF/\d{4}/\d{4}$")
        self.assertEqual(batch.claim_ids, claims)
        self.assertEqual(claims.payment_batch_id, batch)
        self.assertEqual((batch.claim_count, batch.intern_count), (2, 2))
        self.assertEqual(batch.amount_total, 2 * APPROVED)
        self.assertEqual(batch.amount_in_words, chinese_amount.amount_to_chinese_capital(2 * APPROVED))
        self.assertEqual(batch.amount_in_words, "壹万壹仟贰佰元整")

    def test_only_managers_batch_approved_claims_once(self):
        claims = self._two_approved()
        with self.assertRaises(AccessError):
            self._batch(claims, user=self.officer_shiqian)
        self._intern(name="第三名见习生")
        submitted = self._submitted()
        with self.assertRaisesRegex(UserError, "needs it to be"):
            self._batch(submitted)
        self._batch(claims[0])
        with self.assertRaisesRegex(UserError, "is in payment batch"):
            self._batch(claims)
        with self.assertRaises(UserError):
            claims[1].with_user(self.manager).write({"payment_batch_id": False})

    def test_marking_paid_pays_every_claim_through_the_per_claim_method(self):
        claims = self._two_approved()
        batch = self._batch(claims).with_user(self.manager)
        with self.assertRaisesRegex(UserError, "voucher number first"):
            batch.action_mark_paid()
        batch.write({"payment_date": CLAIM_DATE, "payment_reference": "石人社拨〔2024〕0315号"})
        batch.action_mark_paid()
        self.assertEqual(batch.state, "paid")
        for claim in claims:
            self.assertEqual(
                (claim.state, claim.paid_amount, claim.paid_date, claim.payment_reference, claim.paid_by_id),
                ("paid", APPROVED, CLAIM_DATE, "石人社拨〔2024〕0315号", self.manager),
            )
        with self.assertRaises(UserError):
            batch.write({"payment_reference": "改"})
        with self.assertRaises(UserError):
            batch.unlink()

    def test_one_claim_refused_refuses_the_whole_batch(self):
        claims = self._two_approved()
        batch = self._batch(claims).with_user(self.manager)
        # a day in the future: the per-claim method refuses it, and nothing is half paid
        batch.write({"payment_date": date(2099, 1, 1), "payment_reference": "石人社拨〔2024〕0316号"})
        with self.assertRaises(UserError):
            batch.action_mark_paid()
        for claim in claims:
            self.assertUnpaid(claim)
        self.assertEqual(batch.state, "draft")

    def test_the_list_reads_back_with_its_totals_and_bank_accounts(self):
        claims = self._two_approved()
        batch = self._batch(claims)
        # the XLSX for the finance office
        sheet = load_workbook(io.BytesIO(batch.with_user(self.manager)._jianxi_xlsx())).active
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        self.assertEqual([row[1] for row in rows[:2]], sorted(claims.mapped("name")))
        account = claims[0].bank_account_id
        self.assertEqual(rows[0][6], account.acc_number)
        self.assertEqual(rows[0][7], account.acc_holder_name)
        self.assertEqual(rows[0][8], APPROVED)
        self.assertEqual((rows[2][4], rows[2][8]), (2, 2 * APPROVED))
        self.assertEqual(rows[3][1], "壹万壹仟贰佰元整")
        # the PDF list, in Chinese for a manager reading Chinese
        self.env["res.lang"]._activate_lang("zh_CN")
        self.manager.lang = "zh_CN"
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("jianxi_internship.action_report_payment_batch", batch.ids)
        )
        reader = PdfFileReader(io.BytesIO(content))
        text = fold("".join(page.extract_text() for page in reader.pages))
        self.assertIn(fold("壹万壹仟贰佰元整"), text)
        self.assertIn(fold("11,200.00"), text)
        self.assertIn(fold(account.acc_number), text)
        self.assertIn(fold(batch.name), text)


@tagged("post_install", "-at_install")
class TestPaymentBatchHttp(PaymentBatchCase, JianxiHttpCase):
    def test_the_export_is_for_managers_only(self):
        batch = self._batch(self._two_approved())
        self._login(self.manager)
        response = self._get(f"/jianxi/payment_batches/{batch.id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(load_workbook(io.BytesIO(response.content)).active["I6"].value, 2 * APPROVED)
        self._login(self.officer_shiqian)
        self.assertEqual(self._get(f"/jianxi/payment_batches/{batch.id}/xlsx").status_code, 404)

    def test_manager_batches_and_pays_from_the_screen(self):
        claims = self._two_approved()
        self.env["res.lang"]._activate_lang("zh_CN")
        self.manager.lang = "zh_CN"
        self.start_tour(
            "/odoo/action-jianxi_internship.jianxi_subsidy_claim_action",
            "jianxi_payment_batch_manager",
            login="t_manager",
        )
        self.assertEqual(claims.mapped("state"), ["paid", "paid"])
        self.assertEqual(set(claims.mapped("payment_reference")), {"石人社拨〔2024〕0315号"})
        self.assertEqual(claims.sudo().payment_batch_id.state, "paid")
