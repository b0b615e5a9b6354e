from odoo import api, models

from .res_users import STAFF_GROUP


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups._jianxi_set_staff_home()
        return groups

    def write(self, vals):
        result = super().write(vals)
        if "users" in vals or "implied_ids" in vals:
            self._jianxi_set_staff_home()
        return result

    def _jianxi_set_staff_home(self):
        """Users who join the staff group through a group (its users, or a group implying it) get
        the internship app as their home too (``res.users._jianxi_set_staff_home``)."""
        staff_group = self.env.ref(STAFF_GROUP, raise_if_not_found=False)
        if staff_group:
            staff_group.sudo().users._jianxi_set_staff_home()
