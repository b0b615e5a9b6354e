from odoo import _, api, fields, models
from odoo.exceptions import UserError


class JianxiReasonWizard(models.TransientModel):
    """Asks for the written reason that a reject / decline / return / suspend needs, then calls
    the model's own ``action_*`` method with it (which does every check).

    Open it with ``record._jianxi_open_reason_wizard('action_reject', _('Reject'))``. The action
    must be listed in the model's ``_jianxi_reason_actions``.
    """

    _name = "jianxi.reason.wizard"
    _description = "Reason for a Decision"

    res_model = fields.Char(required=True, readonly=True)
    res_ids = fields.Json(required=True, readonly=True)
    action_name = fields.Char(required=True, readonly=True)
    title = fields.Char(readonly=True)
    # Required in the form, not in the database: the wizard is created before the reason is typed.
    reason = fields.Text()

    @api.constrains("res_model", "action_name")
    def _check_action(self):
        for wizard in self:
            allowed = getattr(self.env[wizard.res_model], "_jianxi_reason_actions", ())
            if wizard.action_name not in allowed:
                raise UserError(_("“%s” does not take a reason.", wizard.action_name))

    def action_confirm(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(_("Please write the reason."))
        records = self.env[self.res_model].browse(self.res_ids).exists()
        getattr(records, self.action_name)(self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
