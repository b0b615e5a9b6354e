from odoo import fields, models


class JianxiEligibilityCheck(models.Model):
    """One line of an internship's eligibility checklist, as ``rules.eligibility`` computed it
    when last refreshed. Stored so the officer, the report and the audit trail see the same."""

    _name = "jianxi.eligibility.check"
    _description = "Eligibility Check Line"
    _order = "internship_id, sequence"

    internship_id = fields.Many2one("jianxi.internship", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer()
    rule = fields.Char(required=True, help="Technical code of the rule, see rules/eligibility.py.")
    name = fields.Char(string="Rule", required=True)
    result = fields.Selection([("pass", "Pass"), ("fail", "Fail"), ("unknown", "Unknown")], required=True)
    reason = fields.Char()
