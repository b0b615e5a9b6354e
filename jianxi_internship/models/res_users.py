from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    jianxi_region_ids = fields.Many2many(
        "jianxi.region", "jianxi_region_res_users_rel", "user_id", "region_id",
        string="Internship Regions",
        help="Officers see the internship records of these regions and of every region below them.")
