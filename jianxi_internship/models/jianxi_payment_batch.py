import io

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..rules import chinese_amount


class JianxiPaymentBatch(models.Model):
    """A payment batch (拨付批次, issue 13, point 5): approved subsidy claims that the finance office
    pays together, from one list (拨付清单) with totals.

    A manager selects approved claims (list view action ``action_create_payment_batch`` of
    jianxi.subsidy.claim) and gets a draft batch with its own number. It prints as a PDF list and
    exports an XLSX for the finance office with each unit's bank account, the one each claim was
    submitted with. Once the finance office has paid, the manager enters the day and the voucher
    number and marks the batch paid: every claim is recorded paid through the one per-claim method
    that single payments use (``jianxi.subsidy.claim._jianxi_record_payment``), which checks the
    state, the duties and the values, logs it in the claim's chatter and mails the unit. One claim
    refused refuses the whole batch: nothing is half paid.
    """

    _name = "jianxi.payment.batch"
    _inherit = ["mail.thread"]
    _description = "Subsidy Payment Batch"
    _order = "id desc"

    name = fields.Char(string="Batch Number", required=True, readonly=True, copy=False, default="/")
    state = fields.Selection(
        [("draft", "To Pay"), ("paid", "Paid")], default="draft", required=True, readonly=True, tracking=True
    )
    claim_ids = fields.One2many("jianxi.subsidy.claim", "payment_batch_id", string="Subsidy Claims", readonly=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    claim_count = fields.Integer(string="Claims", compute="_compute_totals", store=True)
    intern_count = fields.Integer(string="Interns", compute="_compute_totals", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_totals", store=True, tracking=True)
    amount_in_words = fields.Char(string="Total in Words", compute="_compute_amount_in_words")
    payment_date = fields.Date(
        tracking=True, help="The day the finance office paid the batch: recorded on every claim of the batch."
    )
    payment_reference = fields.Char(
        string="Voucher Number",
        tracking=True,
        help="The number of the payment voucher (凭证号) of the batch: recorded on every claim of the batch.",
    )
    paid_by_id = fields.Many2one("res.users", string="Payment Recorded By", readonly=True, copy=False)

    @api.depends("claim_ids.amount_total", "claim_ids.intern_count")
    def _compute_totals(self):
        for batch in self:
            claims = batch.claim_ids
            batch.claim_count = len(claims)
            batch.intern_count = sum(claims.mapped("intern_count"))
            batch.amount_total = sum(claims.mapped("amount_total"))

    @api.depends("amount_total")
    def _compute_amount_in_words(self):
        for batch in self:
            batch.amount_in_words = chinese_amount.amount_to_chinese_capital(batch.amount_total)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["jianxi.subsidy.claim"]._jianxi_check_manager()
        Sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = Sequence.next_by_code("jianxi.payment.batch") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if {"payment_date", "payment_reference"} & set(vals) and any(b.state == "paid" for b in self):
            raise UserError(_("A paid batch keeps the day and the voucher number it was paid with."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid(self):
        if any(batch.state == "paid" for batch in self):
            raise UserError(_("A paid batch stays on record."))

    # ------------------------------------------------------------------ actions
    def action_mark_paid(self):
        """Record the batch's payment on each of its claims (see the class). Who: a manager."""
        self.env["jianxi.subsidy.claim"]._jianxi_check_manager()
        for batch in self:
            if batch.state != "draft":
                raise UserError(_("Payment batch %(batch)s is paid already.", batch=batch.name))
            if not (batch.payment_date and batch.payment_reference):
                raise UserError(
                    _(
                        "Enter the day the finance office paid batch %(batch)s and its voucher number first.",
                        batch=batch.name,
                    )
                )
            if not batch.claim_ids:
                raise UserError(_("Payment batch %(batch)s has no claim.", batch=batch.name))
            for claim in batch.claim_ids:
                # the approved amount, the batch's day and number: the claim's own checks decide
                claim._jianxi_record_payment(claim.amount_total, batch.payment_date, batch.payment_reference)
            batch.sudo().write({"state": "paid", "paid_by_id": self.env.uid})
        return True

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/jianxi/payment_batches/{self.id}/xlsx", "target": "download"}

    # ------------------------------------------------------------------ the finance office's list
    def _jianxi_rows(self):
        """One row per claim: unit, county, number, interns, bank, account, holder, amount."""
        self.ensure_one()
        return [
            {
                "claim": claim.name,
                "unit": claim.unit_id.name,
                "county": claim.region_id.name,
                "interns": claim.intern_count,
                "bank": claim.bank_account_id.bank_id.name or "",
                "account": claim.bank_account_id.acc_number or "",
                "holder": claim.bank_account_id.acc_holder_name or claim.bank_account_id.partner_id.name or "",
                "amount": claim.amount_total,
            }
            for claim in self.sudo().claim_ids.sorted(lambda c: (c.region_id.code or "", c.name))
        ]

    def _jianxi_xlsx(self):
        """The list for the finance office as a workbook, in the reader's language, with its totals."""
        self.ensure_one()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self.name.replace("/", "-")[:31])
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        text = workbook.add_format({"num_format": "@"})
        sheet.write(0, 0, _("Payment List %(batch)s", batch=self.name), bold)
        headers = (
            _("No."),
            _("Claim Number"),
            _("Internship Unit"),
            _("County"),
            _("Interns"),
            _("Bank"),
            _("Account Number"),
            _("Account Holder"),
            _("Amount"),
        )
        sheet.write_row(2, 0, headers, bold)
        rows = self._jianxi_rows()
        for index, row in enumerate(rows, start=1):
            line = 2 + index
            sheet.write_row(line, 0, (index, row["claim"], row["unit"], row["county"], row["interns"], row["bank"]))
            sheet.write_string(line, 6, row["account"], text)  # a long account number stays digits
            sheet.write(line, 7, row["holder"])
            sheet.write_number(line, 8, row["amount"], money)
        total_line = 3 + len(rows)
        sheet.write(total_line, 0, _("Total"), bold)
        sheet.write_number(total_line, 4, self.intern_count, bold)
        sheet.write_number(total_line, 8, self.amount_total, money_bold)
        sheet.write(total_line + 1, 0, _("In words (RMB)"), bold)
        sheet.write(total_line + 1, 1, self.amount_in_words)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 32)
        sheet.set_column(5, 7, 24)
        sheet.set_column(8, 8, 14)
        workbook.close()
        return output.getvalue()
