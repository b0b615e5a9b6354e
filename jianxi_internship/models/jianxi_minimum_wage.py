from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class JianxiMinimumWage(models.Model):
    """The monthly minimum wage of a region (or wage tier), from a date on.

    Positions' allowances and subsidy amounts read it with ``_lookup(region, day)``.
    """

    _name = "jianxi.minimum.wage"
    _inherit = ["jianxi.dated.setting.mixin"]
    _description = "Minimum Wage"

    tier = fields.Char(help="The wage tier of the region in the provincial table, e.g. 一类 / 二类 / 三类.")
    amount = fields.Monetary(string="Monthly Minimum Wage", required=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    is_demo = fields.Boolean(string="Demo Value", help="Sample figure shipped with the demo data: check it before use.")
    note = fields.Char()

    _sql_constraints = [
        (
            "region_date_unique",
            "unique(region_id, date_from)",
            "This region already has a minimum wage starting on that date.",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        if any(wage.amount <= 0 for wage in self):
            raise ValidationError(_("A minimum wage must be a positive amount."))

    @api.depends("region_id", "amount", "date_from")
    def _compute_display_name(self):
        for wage in self:
            wage.display_name = f"{wage.region_id.name or ''} {wage.date_from or ''}: {wage.amount}"
