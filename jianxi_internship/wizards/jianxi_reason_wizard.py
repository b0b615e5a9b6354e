from odoo import _, api, fields, models
from odoo.exceptions import UserError


class JianxiReasonWizard(models.TransientModel):
    """Asks for the written reason that a reject / decline / return / suspend needs, then runs
    the model's own ``action_*`` method with it (which does every check).

    Open it with ``record._jianxi_open_reason_wizard('action_reject', _('Reject'))``. The action
    must be listed in the model's ``_jianxi_reason_actions``, which ``_jianxi_apply_reason``
    dispatches on.
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
            records = self.env[wizard.res_model]
            if not (
                isinstance(records, self.pool["jianxi.workflow.mixin"])
                and wizard.action_name in records._jianxi_reason_actions
            ):
                raise UserError(_("“%s” does not take a reason.", wizard.action_name))

    def action_confirm(self):
        self.ensure_one()
        records = self.env[self.res_model].browse(self.res_ids).exists()
        records._jianxi_apply_reason(self.action_name, self.reason)
        return {"type": "ir.actions.act_window_close"}
