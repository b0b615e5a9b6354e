from odoo import api, fields, models


class JianxiClaimPaymentWizard(models.TransientModel):
    """The payment of an approved subsidy claim, as an officer records it from the claim form: the
    amount paid (the amount approved unless the finance office paid another), the day, the
    voucher or batch number, and why the amount differs when it does. Its button calls
    ``jianxi.subsidy.claim._jianxi_record_payment``, which checks everything again on the server
    (the payment batches of a later issue call the same method)."""

    _name = "jianxi.claim.payment.wizard"
    _inherit = ["jianxi.typed.text.mixin"]
    _jianxi_text_fields = ("reference", "reason")  # the payment method checks them again
    _description = "Payment of a Subsidy Claim"

    claim_id = fields.Many2one(
        "jianxi.subsidy.claim", string="Subsidy Claim", required=True, readonly=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="claim_id.currency_id")
    approved_amount = fields.Monetary(related="claim_id.amount_total", string="Amount Approved")
    approved_date = fields.Date(related="claim_id.approved_date")
    # where the money goes: the account the claim was submitted with
    bank_name = fields.Char(related="claim_id.bank_name")
    bank_acc_number = fields.Char(related="claim_id.bank_acc_number")
    bank_acc_holder_name = fields.Char(related="claim_id.bank_acc_holder_name")
    amount = fields.Monetary(string="Amount Paid", required=True)
    payment_date = fields.Date(required=True, default=fields.Date.context_today)
    reference = fields.Char(
        string="Voucher or Batch Number",
        required=True,
        help="The number of the payment voucher (凭证号) or of the payment batch (拨付批次号).",
    )
    reason = fields.Text(
        string="Why the Amount Differs", help="Required when the amount paid is not the amount approved."
    )
    amount_differs = fields.Boolean(compute="_compute_amount_differs")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        claim = self.env["jianxi.subsidy.claim"].browse(values.get("claim_id")).exists()
        if claim and "amount" in fields_list and not values.get("amount"):
            values["amount"] = claim.amount_total
        return values

    @api.depends("amount", "approved_amount", "currency_id")
    def _compute_amount_differs(self):
        for wizard in self:
            currency = wizard.currency_id
            wizard.amount_differs = (
                bool(currency) and currency.compare_amounts(wizard.amount, wizard.approved_amount) != 0
            )

    def action_confirm(self):
        self.ensure_one()
        claim = self.claim_id
        # who may pay is the claim's question, asked again here and in the method itself
        claim._jianxi_check_officer()
        claim._jianxi_record_payment(self.amount, self.payment_date, self.reference, reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
