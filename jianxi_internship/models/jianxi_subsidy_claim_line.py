from odoo import fields, models

EXCLUSIONS = [
    ("not_ended", "Not Ended (人员终止 missing)"),
    ("late", "Claimed after the Window"),
    ("already_claimed", "Already Claimed"),
]


class JianxiSubsidyClaimLine(models.Model):
    """One intern on a claim, as ``rules.subsidy`` computed it, or an intern left out and why."""

    _name = "jianxi.subsidy.claim.line"
    _description = "Subsidy Claim Line"
    _order = "claim_id, included desc, id"

    claim_id = fields.Many2one("jianxi.subsidy.claim", required=True, index=True, ondelete="cascade")
    internship_id = fields.Many2one("jianxi.internship", required=True, index=True, ondelete="restrict")
    applicant_id = fields.Many2one(related="internship_id.applicant_id", store=True, string="Intern")
    region_id = fields.Many2one(related="claim_id.region_id", store=True, string="County")
    state = fields.Selection(related="claim_id.state", store=True, string="Claim Status")
    currency_id = fields.Many2one(related="claim_id.currency_id")
    included = fields.Boolean(default=True)
    exclusion = fields.Selection(EXCLUSIONS)
    reason = fields.Char()
    start_date = fields.Date()
    end_date = fields.Date()
    months_served = fields.Float(digits=(16, 4))
    months_early_hire = fields.Float(digits=(16, 4))
    rate = fields.Float(string="Rate (%)")
    wage_amount = fields.Monetary(string="Subsidy for Months Served")
    early_hire_amount = fields.Monetary(string="Early-Hire Months")
    insurance_amount = fields.Monetary(string="Insurance")
    bonus_amount = fields.Monetary(string="Retention Bonus")
    total = fields.Monetary()
