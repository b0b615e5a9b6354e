from odoo import fields, models


class JianxiEligibilityCheck(models.Model):
    """One line of an internship's eligibility checklist, as ``rules.eligibility`` computed it
    when last refreshed. Stored so the officer, the report and the audit trail see the same.

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
    name = fields.Char(string="Rule", required=True)
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail"), ("unknown", "Unknown")], required=True)
    reason = fields.Char()
