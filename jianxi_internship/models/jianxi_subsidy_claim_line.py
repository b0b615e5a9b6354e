from odoo import api, fields, models

from ..rules import subsidy
from .jianxi_eligibility_check import render_stored_reason
from .jianxi_internship import END_REASONS

EXCLUSIONS = [
    ("not_ended", "Not Ended (人员终止 missing)"),
    ("late", "Claimed after the Window"),
    ("already_claimed", "Already Claimed"),
]


class JianxiSubsidyClaimLine(models.Model):
    """One intern on a claim, as ``rules.subsidy`` computed it, or an intern left out and why.

    Lines are written by the claim's computation only (as superuser); they are a snapshot of the
    internship at that moment, and they cannot change once the claim is submitted.
    """

    _name = "jianxi.subsidy.claim.line"
    _description = "Subsidy Claim Line"
    _order = "claim_id, included desc, id"

    claim_id = fields.Many2one("jianxi.subsidy.claim", required=True, index=True, ondelete="cascade")
    internship_id = fields.Many2one("jianxi.internship", required=True, index=True, ondelete="restrict")
    applicant_id = fields.Many2one(related="internship_id.applicant_id", store=True, string="Intern", precompute=True)
    region_id = fields.Many2one(related="claim_id.region_id", store=True, string="County", precompute=True)
    state = fields.Selection(related="claim_id.state", store=True, string="Claim Status", precompute=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    included = fields.Boolean(default=True)
    exclusion = fields.Selection(EXCLUSIONS)
    reason_code = fields.Char(help="Technical code of the reason, see rules/subsidy.py.")
    reason_params = fields.Json(help="The reason's values (dates, numbers), language-free.")
    reason = fields.Char(
        compute="_compute_reason",
        help="Why the intern is left out, or a remark on how the amount was computed, in the reader's language.",
    )
    start_date = fields.Date()
    planned_end_date = fields.Date(string="Planned End")
    end_date = fields.Date(string="Actual End")
    end_reason = fields.Selection(END_REASONS)
    kept_on = fields.Boolean()
    insurance_cost = fields.Monetary(
        string="Insurance Premiums", help="Accident and inpatient medical premiums actually paid."
    )
    months_served = fields.Float(digits=(16, 4))
    months_early_hire = fields.Float(digits=(16, 4))
    rate = fields.Float(string="Rate (%)")
    wage_amount = fields.Monetary(string="Subsidy for Months Served")
    early_hire_amount = fields.Monetary(string="Early-Hire Subsidy")
    insurance_amount = fields.Monetary(string="Insurance")
    bonus_amount = fields.Monetary(string="Retention Bonus")
    total = fields.Monetary()
    breakdown = fields.Text(
        string="Monthly Breakdown", help="Each month: share of the month × minimum wage × rate = amount."
    )
    papers_reason_code = fields.Char(help="Technical code of the remark on the monthly papers, see rules/subsidy.py.")
    papers_reason_params = fields.Json(help="The remark's values (the months), language-free.")
    monthly_papers = fields.Json(
        string="Monthly Papers per Month",
        help="Each month on duty (YYYY-MM): whether the attendance record and the allowance payment proof were "
        "uploaded when the claim was computed. Empty for internships begun before the online zone.",
    )
    papers_missing = fields.Boolean(
        string="Monthly Papers Missing", help="A month on duty lacks its attendance record or allowance payment proof."
    )
    papers_summary = fields.Text(
        string="Monthly Papers", compute="_compute_papers_summary", help="Each month on duty: the papers uploaded."
    )

    @api.depends("reason_code", "reason_params", "papers_reason_code", "papers_reason_params")
    @api.depends_context("lang")
    def _compute_reason(self):
        def render(code, params):
            return subsidy.render_reason(code, params, self.env._)

        for line in self:
            sentences = [
                render_stored_reason(line.reason_code, line.reason_params, render),
                render(line.papers_reason_code, line.papers_reason_params),
            ]
            line.reason = " ".join(sentence for sentence in sentences if sentence) or False

    @api.depends("monthly_papers")
    @api.depends_context("lang")
    def _compute_papers_summary(self):
        kinds = dict(self.env["jianxi.monthly.paper"]._fields["kind"]._description_selection(self.env))
        for line in self:
            rows = []
            for month, present in sorted((line.monthly_papers or {}).items()):
                marks = [f"{label} {'✓' if present.get(kind) else '✗'}" for kind, label in kinds.items()]
                rows.append(f"{month}: {self.env._(', ').join(marks)}")
            line.papers_summary = "\n".join(rows) or False

    @api.depends("applicant_id")
    def _compute_display_name(self):
        for line in self.sudo():
            line.display_name = line.applicant_id.name or line.internship_id.display_name

    @api.model_create_multi
    def create(self, vals_list):
        claim_ids = {vals.get("claim_id") for vals in vals_list}
        self.env["jianxi.subsidy.claim"].browse(claim_ids - {None, False})._jianxi_check_lines_editable()
        return super().create(vals_list)

    def write(self, vals):
        claims = self.claim_id
        if vals.get("claim_id"):
            claims |= claims.browse(vals["claim_id"])
        claims._jianxi_check_lines_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_claim_locked(self):
        self.claim_id._jianxi_check_lines_editable()
