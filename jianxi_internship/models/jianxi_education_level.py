from odoo import fields, models


class JianxiEducationLevel(models.Model):
    """An education level (中职, 专科, 本科 …). Policies name the levels they admit."""

    _name = "jianxi.education.level"
    _description = "Education Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable technical code used by the eligibility rules.")
    sequence = fields.Integer(default=10, help="Ordered from the lowest level to the highest.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another education level already has this code."),
    ]
