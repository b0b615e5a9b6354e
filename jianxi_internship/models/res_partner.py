from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        res = super().write(vals)
        if "parent_id" in vals:
            self._jianxi_follow_unit_records()
        return res

    def _jianxi_follow_unit_records(self):
        """A portal user who joins a unit's company (signed up for it, invited, or moved there)
        follows the unit's records, as its other contacts do."""
        contacts = self.sudo().filtered(lambda partner: partner.user_ids.filtered("share"))
        if not contacts:
            return
        units = (
            self.env["jianxi.unit"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", contacts.commercial_partner_id.ids)])
        )
        units._jianxi_subscribe_contacts(contacts)  # each record keeps the contacts of its own unit
