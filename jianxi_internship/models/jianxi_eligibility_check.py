from odoo import api, fields, models

from ..rules import eligibility

# Lines written before reasons were codes (addon 18.0.1.0.0) keep their sentence as it was written,
# in the language of whoever computed it: ``{"text": ...}`` (migrations/18.0.1.1.0).
STORED_TEXT = "stored_text"


def render_stored_reason(code, params, render):
    """``render(code, params)``, or the sentence kept from before reasons were codes."""
    if code == STORED_TEXT:
        return (params or {}).get("text") or ""
    return render(code, params)


class JianxiEligibilityCheck(models.Model):
    """One line of an internship's eligibility checklist, as ``rules.eligibility`` computed it
    when last refreshed. Stored so the officer, the report and the audit trail see the same.

    What is stored is language-free: the rule's code, the result, and the reason as a code with
    its parameters (dates, numbers, codes). ``name`` and ``reason`` are the sentences a reader
    sees, rendered when read in the reader's language, so an officer working in Chinese never
    stores Chinese for an English reader (or the reverse), and exports and the API read the same
    words as the screen.

    Lines are written by ``jianxi.internship._refresh_eligibility()`` only (as superuser, after the
    caller's checks): officers and managers read them.
    """

    _name = "jianxi.eligibility.check"
    _description = "Eligibility Check Line"
    _order = "internship_id, sequence, id"

    internship_id = fields.Many2one(
        "jianxi.internship", string="Internship", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    rule = fields.Char(string="Rule Code", required=True, help="Technical code of the rule, see rules/eligibility.py.")
    name = fields.Char(string="Rule", compute="_compute_texts")
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail"), ("unknown", "Unknown")], required=True)
    reason_code = fields.Char(required=True, help="Technical code of the reason, see rules/eligibility.py.")
    reason_params = fields.Json(help="The reason's values (dates, numbers, codes), language-free.")
    reason = fields.Char(compute="_compute_texts")

    @api.depends("rule", "reason_code", "reason_params")
    @api.depends_context("lang")
    def _compute_texts(self):
        for check in self:
            check.name = eligibility.render_rule(check.rule, self.env._)
            check.reason = render_stored_reason(
                check.reason_code,
                check.reason_params,
                lambda code, params: eligibility.render_reason(code, params, self.env._),
            )
