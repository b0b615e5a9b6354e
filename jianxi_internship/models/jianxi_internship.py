from odoo import api, fields, models

INTERNSHIP_STATES = [
    ("applied", "Applied"),
    ("withdrawn", "Withdrawn"),
    ("declined", "Declined by Unit"),
    ("released", "Released"),
    ("confirmed", "Confirmed by Unit"),
    ("approved", "Eligibility Approved"),
    ("rejected", "Eligibility Rejected"),
    ("on_duty", "Confirmed on Duty"),
    ("not_arrived", "Confirmed Not Arrived"),
    ("end_requested", "End Requested"),
    ("ended", "Ended"),
]
# An applicant has at most one record in these states (a partial unique index enforces it).
OPEN_STATES = ("applied", "confirmed", "approved", "on_duty", "end_requested")
# Past the bureau's approval: counts for "one internship per lifetime".
PAST_APPROVAL_STATES = ("approved", "on_duty", "end_requested", "ended")

END_REASONS = [
    ("completed", "Completed"),
    ("hired", "Hired by This Unit"),
    ("job_elsewhere", "Job Elsewhere"),
    ("special", "Special Reason"),
    ("unit_ended", "Ended by the Unit"),
]


class JianxiInternship(models.Model):
    """One application, followed through its whole life: applied → confirmed by the unit →
    eligibility approved → on duty → ended (人员终止), with the side exits on the way."""

    _name = "jianxi.internship"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin"]
    _description = "Internship"
    _order = "applied_at desc, id desc"

    applicant_id = fields.Many2one("jianxi.applicant", string="Applicant", required=True, index=True,
                                   ondelete="restrict", tracking=True)
    position_id = fields.Many2one("jianxi.position", string="Position", required=True, index=True,
                                  ondelete="restrict", tracking=True)
    unit_id = fields.Many2one(related="position_id.unit_id", store=True, index=True, string="Internship Unit")
    region_id = fields.Many2one(related="position_id.region_id", store=True, index=True, string="County")
    applied_at = fields.Datetime(string="Applied On", default=fields.Datetime.now, required=True, readonly=True,
                                 copy=False, help="Units see their applications in this order.")
    state = fields.Selection(INTERNSHIP_STATES, default="applied", required=True, readonly=True, copy=False,
                             tracking=True, index=True)

    # Reasons given along the way
    decline_reason = fields.Text(readonly=True, copy=False, tracking=True)
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    override_reason = fields.Text(
        string="Eligibility Override Reason", readonly=True, copy=False, tracking=True,
        help="Why the officer approved although a line of the checklist did not pass.")
    lifetime_exception = fields.Boolean(
        string="Exception to Once per Lifetime", readonly=True, copy=False, tracking=True,
        help="Recorded by a manager: this person may intern again.")
    lifetime_exception_reason = fields.Text(readonly=True, copy=False, tracking=True)
    end_request_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # The agreement and its period
    agreement_date = fields.Date(string="Agreement Signed On", tracking=True)
    start_date = fields.Date(tracking=True)
    planned_end_date = fields.Date(string="Planned End", tracking=True)
    actual_end_date = fields.Date(string="Actual End", readonly=True, copy=False, tracking=True)
    end_reason = fields.Selection(END_REASONS, readonly=True, copy=False, tracking=True)
    end_note = fields.Text(string="End Justification", readonly=True, copy=False, tracking=True)
    kept_on = fields.Boolean(string="Kept On", readonly=True, copy=False, tracking=True,
                             help="留用: the unit hired the intern at or before the end.")
    kept_on_date = fields.Date(readonly=True, copy=False, tracking=True)

    # The two commercial insurances
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    accident_policy_number = fields.Char(string="Accident Policy No.", tracking=True)
    accident_date_from = fields.Date(string="Accident Cover From")
    accident_date_to = fields.Date(string="Accident Cover To")
    accident_premium = fields.Monetary(string="Accident Premium")
    medical_policy_number = fields.Char(string="Inpatient Medical Policy No.", tracking=True)
    medical_date_from = fields.Date(string="Medical Cover From")
    medical_date_to = fields.Date(string="Medical Cover To")
    medical_premium = fields.Monetary(string="Medical Premium")

    # Onboarding papers
    agreement_file = fields.Binary(string="Internship Agreement", attachment=True, copy=False)
    agreement_filename = fields.Char()
    accident_policy_file = fields.Binary(string="Accident Policy", attachment=True, copy=False)
    accident_policy_filename = fields.Char()
    medical_policy_file = fields.Binary(string="Medical Policy", attachment=True, copy=False)
    medical_policy_filename = fields.Char()
    invoice_file = fields.Binary(string="Insurance Invoice", attachment=True, copy=False)
    invoice_filename = fields.Char()

    check_ids = fields.One2many("jianxi.eligibility.check", "internship_id", string="Eligibility Checklist",
                                readonly=True)
    claim_line_ids = fields.One2many("jianxi.subsidy.claim.line", "internship_id", string="Claim Lines",
                                     readonly=True)
    active = fields.Boolean(default=True)

    @api.depends("applicant_id.name", "position_id.name")
    def _compute_display_name(self):
        for internship in self.sudo():
            internship.display_name = f"{internship.applicant_id.name} – {internship.position_id.name}"

    @api.depends("state")
    def _compute_access_url(self):
        for internship in self:
            internship.access_url = f"/my/internships/{internship.id}"
