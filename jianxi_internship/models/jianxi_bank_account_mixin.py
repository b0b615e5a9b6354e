from odoo import fields, models


class JianxiBankAccountMixin(models.AbstractModel):
    """What a reader sees of a record's ``bank_account_id`` (开户银行、账号、户名), read as superuser
    (related fields are), since portal users and officers may not read ``res.partner.bank``.
    Each model says what its ``bank_account_id`` is: the unit's current account, or the one a
    claim keeps."""

    _name = "jianxi.bank.account.mixin"
    _description = "Bank Account Shown"

    bank_account_id = fields.Many2one("res.partner.bank", string="Bank Account", copy=False, ondelete="restrict")
    bank_name = fields.Char(string="Bank", related="bank_account_id.bank_id.name")
    bank_acc_number = fields.Char(string="Account Number", related="bank_account_id.acc_number")
    bank_acc_holder_name = fields.Char(
        string="Account Holder",
        related="bank_account_id.acc_holder_name",
        help="户名: the unit's registered name, since subsidies are paid only into the unit's own account.",
    )
