from odoo import api, fields, models

from ..models.jianxi_internship import END_REASONS


class JianxiInternshipEndWizard(models.TransientModel):
    """人员终止 from the backend: asks for the end date, the reason, the kept-on flag and the
    justification, then calls ``jianxi.internship.action_end`` (which does every check)."""

    _name = "jianxi.internship.end.wizard"
    _description = "End of Internship"

    internship_id = fields.Many2one(
        "jianxi.internship", string="Internship", required=True, readonly=True, ondelete="cascade"
    )
    state = fields.Selection(related="internship_id.state")
    planned_end_date = fields.Date(related="internship_id.planned_end_date")
    end_request_reason = fields.Text(related="internship_id.end_request_reason")
    end_date = fields.Date(required=True, default=fields.Date.context_today)
    end_reason = fields.Selection(END_REASONS, required=True)
    kept_on = fields.Boolean(help="留用: the unit hires the intern.")
    note = fields.Text(string="Justification", help="Required when the unit ends the internship itself.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        internship = self.env["jianxi.internship"].browse(values.get("internship_id"))
        today = fields.Date.context_today(self)
        if internship and internship.planned_end_date and internship.planned_end_date <= today:
            values.setdefault("end_reason", "completed")
            if "end_date" in fields_list:
                values["end_date"] = internship.planned_end_date
        return values

    @api.onchange("end_reason")
    def _onchange_end_reason(self):
        if self.end_reason == "hired":
            self.kept_on = True
        elif self.end_reason not in ("completed", "hired"):
            self.kept_on = False

    def action_confirm(self):
        self.ensure_one()
        self.internship_id.action_end(self.end_date, self.end_reason, kept_on=self.kept_on, note=self.note)
        return {"type": "ir.actions.act_window_close"}
