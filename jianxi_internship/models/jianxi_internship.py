import functools
import logging
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import psycopg2.errors
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date, format_list

from ..rules import bounds, eligibility, identity, matching
from .jianxi_workflow_mixin import OFFICER_GROUP

_logger = logging.getLogger(__name__)

FORGOTTEN_END_ACTIVITY_TYPE = "jianxi_internship.mail_activity_type_forgotten_end"

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
# End reasons that only follow the intern's own request (or an officer's decision).
INTERN_END_REASONS = ("job_elsewhere", "special")

# How the review form previews an applicant's scan: a PDF viewer or an image.
SCAN_KINDS = [("pdf", "PDF"), ("image", "Image")]
# The applicant's scans previewed on the review form: {internship field: applicant field}.
APPLICANT_SCANS = {
    "applicant_id_card": "id_card",
    "applicant_diploma": "diploma",
    "applicant_unemployment_proof": "unemployment_proof",
}

# The mail that tells the unit of a new application, posted by the cron _cron_tell_units_of_applications.
NEW_APPLICATION_TEMPLATE = "jianxi_internship.mail_template_internship_new_application"
# How many new applications one run of that cron tells their units of.
UNIT_NOTICE_BATCH = 200
# The partial index of init() that finds the applications whose unit is not told yet.
UNIT_NOTICE_INDEX = "jianxi_internship_unit_notice_pending_idx"
# The index of init() on (state, start_date), for the figures.
STATE_START_INDEX = "jianxi_internship_state_start_date_idx"

# The partial unique indexes of init(); their names identify the violation to translate.
ONE_OPEN_INDEX = "jianxi_internship_one_open_application_uniq"
ONCE_PER_LIFETIME_INDEX = "jianxi_internship_once_per_lifetime_uniq"

# The papers of the onboarding: {binary field: file name field}.
ONBOARDING_FILES = {
    "agreement_file": "agreement_filename",
    "accident_policy_file": "accident_policy_filename",
    "medical_policy_file": "medical_policy_filename",
    "invoice_file": "invoice_filename",
}
# What the unit fills in after the eligibility approval (确认上岗 needs all of it).
ONBOARDING_FIELDS = (
    "agreement_date",
    "start_date",
    "planned_end_date",
    "accident_policy_number",
    "accident_date_from",
    "accident_date_to",
    "accident_premium",
    "medical_policy_number",
    "medical_date_from",
    "medical_date_to",
    "medical_premium",
    *(name for upload in ONBOARDING_FILES.items() for name in upload),
)
# The agreed period: fixed once the intern is on duty (the duration was checked then).
# Reminders one run of a daily job sends at most. Each is a mail rendered in its reader's language
# and posted: a backlog (the first day in a province, a job that did not run for a week) is sent in
# runs of this size, each committed, through ir.cron's progress API, not in one transaction.
REMINDER_BATCH = 200
PERIOD_FIELDS = ("agreement_date", "start_date", "planned_end_date")
ON_DUTY_REQUIRED_FIELDS = (
    "agreement_date",
    "start_date",
    "planned_end_date",
    "accident_policy_number",
    "medical_policy_number",
    "agreement_file",
    "accident_policy_file",
    "medical_policy_file",
    "invoice_file",
)


class JianxiInternship(models.Model):
    """One application, followed through its whole life: applied → confirmed by the unit →
    eligibility approved → on duty → ended (人员终止), with the side exits on the way.

    Who does what (every step is an ``action_*`` method that checks state and user):

    ============================  =========================  =================================
    method                        who                        from → to
    ============================  =========================  =================================
    ``action_apply`` (model)      the applicant              – → applied
    ``action_withdraw``           the applicant              applied → withdrawn
    ``action_decline(reason)``    the unit                   applied → declined
    ``action_confirm``            the unit (certified, cap)  applied → confirmed
    ``action_approve``            officer of the county      confirmed → approved
    ``action_reject(reason)``     officer of the county      confirmed → rejected
    ``action_set_on_duty``        the unit                   approved → on_duty
    ``action_set_not_arrived``    the unit                   approved → not_arrived
    ``action_request_end``        the intern                 on_duty → end_requested
    ``action_refuse_end_request`` the unit                   end_requested → on_duty
    ``action_end``                the unit                   on_duty, end_requested → ended
    ``_cron_release_stale``       the system                 applied → released
    ============================  =========================  =================================

    "The unit" is a contact of the unit's company (portal or internal) or an officer of its
    county; "the applicant" is the person themself or an officer covering them.
    """

    _name = "jianxi.internship"
    _inherit = [
        "jianxi.notification.mixin",
        "mail.activity.mixin",
        "portal.mixin",
        "jianxi.workflow.mixin",
        "jianxi.document.mixin",
    ]
    _description = "Internship"
    _jianxi_review_activity_type = "jianxi_internship.mail_activity_type_review_eligibility"
    _jianxi_document_fields = ONBOARDING_FILES
    _order = "applied_at desc, id desc"

    applicant_id = fields.Many2one(
        "jianxi.applicant", string="Applicant", required=True, index=True, ondelete="restrict", tracking=True
    )
    position_id = fields.Many2one(
        "jianxi.position", string="Position", required=True, index=True, ondelete="restrict", tracking=True
    )
    # precompute: set by the INSERT of an apply, not by an UPDATE after it
    unit_id = fields.Many2one(
        related="position_id.unit_id", store=True, precompute=True, index=True, string="Internship Unit"
    )
    region_id = fields.Many2one(
        related="position_id.region_id", store=True, precompute=True, index=True, string="County"
    )
    applied_at = fields.Datetime(
        string="Applied On",
        default=fields.Datetime.now,
        required=True,
        readonly=True,
        copy=False,
        index=True,  # the lists' order (_order): a province's first page reads 80 index entries
        help="Units see their applications in this order.",
    )
    state = fields.Selection(
        INTERNSHIP_STATES, default="applied", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    applicant_verification_state = fields.Selection(
        related="applicant_id.verification_state", string="Applicant's Real-Name Status", tracking=False
    )
    approved_unverified = fields.Boolean(
        string="Approved without Real-Name Verification",
        readonly=True,
        copy=False,
        tracking=True,
        help="The officer approved the eligibility while the applicant's real name was not verified: the override "
        "reason says why.",
    )

    # Reasons given along the way
    decline_reason = fields.Text(readonly=True, copy=False, tracking=True)
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    override_reason = fields.Text(
        string="Eligibility Override Reason",
        readonly=True,
        copy=False,
        tracking=True,
        help="Why the officer approved although a line of the checklist did not pass.",
    )
    overridden_rules = fields.Json(
        readonly=True,
        copy=False,
        help="The checklist rules (codes) that the officer's override covers: a re-check that fails on "
        "another rule blocks 确认上岗 again.",
    )
    recheck_blocked = fields.Boolean(
        string="Re-check Blocks On Duty",
        compute="_compute_recheck_blocked",
        help="The checklist, re-run on the agreement's dates, fails on a rule no override covers: the intern "
        "cannot be confirmed on duty until an officer approves an override.",
    )
    lifetime_exception = fields.Boolean(
        string="Exception to Once per Lifetime",
        default=False,
        readonly=True,
        copy=False,
        tracking=True,
        help="Recorded by a manager: this person may intern again.",
    )
    lifetime_exception_reason = fields.Text(readonly=True, copy=False, tracking=True)
    end_request_reason = fields.Text(readonly=True, copy=False, tracking=True)

    # The agreement and its period
    agreement_date = fields.Date(string="Agreement Signed On", tracking=True)
    start_date = fields.Date(tracking=True)
    planned_end_date = fields.Date(string="Planned End", tracking=True)
    # indexed: the figures' "ended in the period" and "on duty on a day" (jianxi.figures)
    actual_end_date = fields.Date(string="Actual End", readonly=True, copy=False, tracking=True, index=True)
    end_reason = fields.Selection(END_REASONS, readonly=True, copy=False, tracking=True)
    end_note = fields.Text(string="End Justification", readonly=True, copy=False, tracking=True)
    kept_on = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="留用: the unit hired the intern at or before the end.",
    )
    kept_on_date = fields.Date(readonly=True, copy=False, tracking=True)

    # The two commercial insurances
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    accident_policy_number = fields.Char(string="Accident Policy No.", tracking=True)
    accident_date_from = fields.Date(string="Accident Cover From")
    accident_date_to = fields.Date(string="Accident Cover To")
    accident_premium = fields.Monetary()
    medical_policy_number = fields.Char(string="Inpatient Medical Policy No.", tracking=True)
    medical_date_from = fields.Date(string="Medical Cover From")
    medical_date_to = fields.Date(string="Medical Cover To")
    medical_premium = fields.Monetary()
    insurance_warning = fields.Char(
        compute="_compute_insurance_warning",
        help="Set when an insurance does not cover the whole planned period. It does not block.",
    )

    # Onboarding papers
    agreement_file = fields.Binary(string="Internship Agreement", attachment=True, copy=False)
    agreement_filename = fields.Char()
    accident_policy_file = fields.Binary(string="Accident Policy", attachment=True, copy=False)
    accident_policy_filename = fields.Char()
    medical_policy_file = fields.Binary(string="Medical Policy", attachment=True, copy=False)
    medical_policy_filename = fields.Char()
    invoice_file = fields.Binary(string="Insurance Invoice", attachment=True, copy=False)
    invoice_filename = fields.Char()

    check_ids = fields.One2many(
        "jianxi.eligibility.check", "internship_id", string="Eligibility Checklist", readonly=True
    )
    eligibility_result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("unknown", "Unknown")],
        string="Eligibility",
        compute="_compute_eligibility_result",
        store=True,
        precompute=True,
        help="Summary of the checklist: Fail if a line fails, Unknown if a line lacks data, else Pass.",
    )
    claim_line_ids = fields.One2many("jianxi.subsidy.claim.line", "internship_id", string="Claim Lines", readonly=True)
    # The transition of 2022: an internship begun before the online zone, imported by a manager
    # (jianxi.legacy.import). It keeps its legacy rule set, under which it is claimed, and skips
    # the checks that did not exist then (the online declarations, the re-check at 确认上岗).
    is_legacy = fields.Boolean(
        string="Legacy Internship",
        readonly=True,
        copy=False,
        index=True,
        help="Begun before the online zone and imported from the bureau's records.",
    )
    legacy_policy_id = fields.Many2one(
        "jianxi.policy", string="Legacy Rule Set", readonly=True, copy=False, ondelete="restrict"
    )
    legacy_import_id = fields.Many2one(
        "jianxi.legacy.import", string="Legacy Import", readonly=True, copy=False, ondelete="set null"
    )
    legacy_row = fields.Integer(string="Row of the Legacy File", readonly=True, copy=False)
    legacy_notice = fields.Char(compute="_compute_legacy_notice")
    active = fields.Boolean(default=True)

    # The unit is told of a new application by a cron, not during the apply (see create).
    unit_notice_pending = fields.Boolean(
        string="Unit Not Told Yet",
        readonly=True,
        copy=False,
        help="A new application whose unit is mailed by the next run of the notice cron (within a minute or two).",
    )

    # Reminders (the daily crons)
    forgotten_end_reminded_on = fields.Date(
        string="End Reminder Sent On",
        readonly=True,
        copy=False,
        help="The day the unit was reminded to record the end of this internship past its planned end.",
    )
    claim_window_reminded_on = fields.Date(
        string="Claim Reminder Sent On",
        readonly=True,
        copy=False,
        help="The day the unit was reminded that the claim window of this ended intern closes soon.",
    )
    needs_attention = fields.Boolean(
        readonly=True,
        copy=False,
        index=True,
        help="Set by the daily check: the internship nears the longest duration allowed, or an insurance "
        "expires before the planned end.",
    )
    attention_reason = fields.Text(string="Why It Needs Attention", readonly=True, copy=False)

    # What the officer judges, shown beside the checklist (officers only: the unit reads the
    # internship, never the applicant's papers).
    applicant_id_number_masked = fields.Char(
        string="Resident ID Number",
        compute="_compute_applicant_facts",
        groups=OFFICER_GROUP,
        help="Masked: the reveal button shows the full number.",
    )
    reference_date = fields.Date(
        compute="_compute_applicant_facts",
        groups=OFFICER_GROUP,
        help="The day the windows and the age are measured on: the start date, else the agreement date, else the "
        "expected start.",
    )
    applicant_age = fields.Integer(
        string="Age on the Reference Date", compute="_compute_applicant_facts", groups=OFFICER_GROUP
    )
    # stored: the overview and the statistics count the interns started by category in the
    # query that counts them all (jianxi.figures), not in one join of the applicants per category
    applicant_category = fields.Selection(
        related="applicant_id.category", store=True, precompute=True, string="Category", groups=OFFICER_GROUP
    )
    applicant_education_level_id = fields.Many2one(
        related="applicant_id.education_level_id", string="Education Level", groups=OFFICER_GROUP
    )
    applicant_school = fields.Char(related="applicant_id.school", string="School", groups=OFFICER_GROUP)
    applicant_major = fields.Char(related="applicant_id.major", string="Major", groups=OFFICER_GROUP)
    applicant_diploma_date = fields.Date(
        related="applicant_id.diploma_date", string="Diploma Date", groups=OFFICER_GROUP
    )
    applicant_diploma_registration_date = fields.Date(
        related="applicant_id.diploma_registration_date", string="Diploma Registration Date", groups=OFFICER_GROUP
    )
    applicant_declared_at = fields.Datetime(
        related="applicant_id.declared_at", string="Declared On", groups=OFFICER_GROUP
    )
    applicant_household_region_id = fields.Many2one(
        related="applicant_id.household_region_id", string="Household Registration", groups=OFFICER_GROUP
    )
    applicant_unemployment_registration_date = fields.Date(
        related="applicant_id.unemployment_registration_date",
        string="Unemployment Registration Date",
        groups=OFFICER_GROUP,
    )
    earlier_internships = fields.Text(
        compute="_compute_earlier_internships",
        groups=OFFICER_GROUP,
        help="The applicant's applications made before this one, in every county, archived ones included.",
    )
    applicant_inperson_registration = fields.Char(
        string="In-Person Registration",
        compute="_compute_applicant_inperson_registration",
        groups=OFFICER_GROUP,
        help="The bureau's record of the applicant's registration in person, before the online zone.",
    )
    applicant_id_card = fields.Binary(related="applicant_id.id_card", string="ID Card Scan", groups=OFFICER_GROUP)
    applicant_id_card_filename = fields.Char(related="applicant_id.id_card_filename", groups=OFFICER_GROUP)
    applicant_id_card_kind = fields.Selection(
        SCAN_KINDS, string="ID Card Scan Kind", compute="_compute_scan_kinds", groups=OFFICER_GROUP
    )
    applicant_diploma = fields.Binary(related="applicant_id.diploma", string="Diploma Scan", groups=OFFICER_GROUP)
    applicant_diploma_filename = fields.Char(related="applicant_id.diploma_filename", groups=OFFICER_GROUP)
    applicant_diploma_kind = fields.Selection(
        SCAN_KINDS, string="Diploma Scan Kind", compute="_compute_scan_kinds", groups=OFFICER_GROUP
    )
    applicant_unemployment_proof = fields.Binary(
        related="applicant_id.unemployment_proof", string="Unemployment Registration Proof", groups=OFFICER_GROUP
    )
    applicant_unemployment_proof_filename = fields.Char(
        related="applicant_id.unemployment_proof_filename", groups=OFFICER_GROUP
    )
    applicant_unemployment_proof_kind = fields.Selection(
        SCAN_KINDS, string="Unemployment Proof Kind", compute="_compute_scan_kinds", groups=OFFICER_GROUP
    )

    def init(self):
        result = super().init()
        # Two concurrent requests must not both succeed: the database has the last word.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (applicant_id) WHERE state IN %s",
                SQL.identifier(ONE_OPEN_INDEX),
                SQL.identifier(self._table),
                OPEN_STATES,
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (applicant_id) "
                "WHERE state IN %s AND lifetime_exception IS NOT TRUE",
                SQL.identifier(ONCE_PER_LIFETIME_INDEX),
                SQL.identifier(self._table),
                PAST_APPROVAL_STATES,
            )
        )
        # The figures (jianxi.figures) count the interns started in a period, and those on duty,
        # among a province's million records: state and start date in one index.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (state, start_date)",
                SQL.identifier(STATE_START_INDEX),
                SQL.identifier(self._table),
            )
        )
        # The notice cron reads the few applications waiting for it, whatever the table's size.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (id) WHERE unit_notice_pending",
                SQL.identifier(UNIT_NOTICE_INDEX),
                SQL.identifier(self._table),
            )
        )
        return result

    # ------------------------------------------------------------------ compute / search
    @api.depends("applicant_id.name", "position_id.name")
    def _compute_display_name(self):
        for internship in self.sudo():
            internship.display_name = f"{internship.applicant_id.name} – {internship.position_id.name}"

    @api.depends("state")
    def _compute_access_url(self):
        for internship in self:
            internship.access_url = f"/my/internships/{internship.id}"

    @api.depends("applicant_id.id_number", "applicant_id.birth_date", "agreement_date", "start_date", "position_id")
    @api.depends_context("uid")
    def _compute_applicant_facts(self):
        for internship in self:
            applicant = internship.sudo().applicant_id
            reference = internship._jianxi_fact_reference_date() if applicant else False
            internship.reference_date = reference
            internship.applicant_id_number_masked = applicant.id_number and identity.mask_resident_id(
                applicant.id_number
            )
            internship.applicant_age = (
                identity.age_on(applicant.birth_date, reference) if applicant.birth_date and reference else 0
            )

    def _jianxi_fact_reference_date(self):
        """``rules.eligibility.reference_date`` of the placement the checklist is computed on: before the
        agreement exists, the expected start."""
        self.ensure_one()
        return self.start_date or self.agreement_date or self._jianxi_expected_start()

    @api.depends("applicant_id", "applicant_id.prior_internship_ids")
    def _compute_earlier_internships(self):
        """One line per earlier application: applied on, unit, position, state. Read as superuser and
        shown as text: an officer must see them even when they were in another county."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for internship in self:
            if not internship.applicant_id:
                internship.earlier_internships = False
                continue
            domain = [("applicant_id", "=", internship.applicant_id.id)]
            if internship.id:
                domain += [("id", "!=", internship.id), ("applied_at", "<=", internship.applied_at)]
            earlier = self.sudo().with_context(active_test=False).search(domain)
            lines = [
                f"{format_date(self.env, other.applied_at)} · {other.unit_id.name} · {other.position_id.name} · "
                f"{states.get(other.state, other.state)}"
                for other in earlier
            ]
            # the internships held outside this system, as an officer recorded them
            lines += [prior._jianxi_summary() for prior in internship.applicant_id.sudo().prior_internship_ids]
            internship.earlier_internships = "\n".join(lines) or self.env._("No earlier application.")

    @api.depends("is_legacy", "legacy_policy_id", "legacy_import_id", "legacy_row")
    @api.depends_context("lang")
    def _compute_legacy_notice(self):
        for internship in self:
            if not internship.is_legacy:
                internship.legacy_notice = False
                continue
            record = internship.sudo()
            internship.legacy_notice = _(
                "Begun before the online zone and imported from %(file)s (row %(row)s): it follows %(policy)s and is "
                "claimed under it. The online declarations and the re-check at 确认上岗 did not exist then and do not "
                "apply.",
                file=record.legacy_import_id.file_name or "—",
                row=record.legacy_row or "—",
                policy=record.legacy_policy_id.display_name or "—",
            )

    @api.depends("applicant_id.inperson_registration_ids")
    def _compute_applicant_inperson_registration(self):
        """Read as superuser and shown as text, as the earlier internships: the person may have
        registered in another county than the officer's."""
        for internship in self:
            registration = internship.applicant_id.sudo().inperson_registration_ids[:1]
            internship.applicant_inperson_registration = registration._jianxi_summary() if registration else False

    @api.depends(*(f"applicant_id.{name}" for name in APPLICANT_SCANS.values()))
    def _compute_scan_kinds(self):
        """Whether each scan is a PDF or an image, told by the stored attachment's mimetype."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search_read(
                [
                    ("res_model", "=", "jianxi.applicant"),
                    ("res_id", "in", self.applicant_id.ids),
                    ("res_field", "in", list(APPLICANT_SCANS.values())),
                ],
                ["res_id", "res_field", "mimetype"],
            )
        )
        mimetypes = {(a["res_id"], a["res_field"]): a["mimetype"] or "" for a in attachments}
        for internship in self:
            for field_name, applicant_field in APPLICANT_SCANS.items():
                mimetype = mimetypes.get((internship.applicant_id.id, applicant_field), "")
                kind = "pdf" if mimetype == "application/pdf" else "image" if mimetype.startswith("image/") else False
                internship[f"{field_name}_kind"] = kind

    @api.depends("state", "check_ids.result", "check_ids.rule", "overridden_rules")
    def _compute_recheck_blocked(self):
        for internship in self:
            internship.recheck_blocked = internship.state == "approved" and bool(
                internship.sudo()._jianxi_recheck_blocking()
            )

    @api.depends("check_ids.result")
    def _compute_eligibility_result(self):
        for internship in self:
            results = set(internship.check_ids.mapped("result"))
            if not results:
                internship.eligibility_result = False
            elif "fail" in results:
                internship.eligibility_result = "fail"
            elif "unknown" in results:
                internship.eligibility_result = "unknown"
            else:
                internship.eligibility_result = "pass"

    @api.depends(
        "is_legacy",
        "start_date",
        "planned_end_date",
        "accident_date_from",
        "accident_date_to",
        "medical_date_from",
        "medical_date_to",
    )
    def _compute_insurance_warning(self):
        for internship in self:
            start, end = internship.start_date, internship.planned_end_date
            # a legacy internship's cover dates were never recorded online (the paper file has them)
            if not (start and end) or internship.is_legacy:
                internship.insurance_warning = False
                continue
            problems = []
            for label, date_from, date_to in (
                (_("accident insurance"), internship.accident_date_from, internship.accident_date_to),
                (_("inpatient medical insurance"), internship.medical_date_from, internship.medical_date_to),
            ):
                if not (date_from and date_to):
                    problems.append(_("the cover dates of the %(insurance)s are not recorded", insurance=label))
                elif date_from > start or date_to < end:
                    problems.append(
                        _(
                            "the %(insurance)s covers %(date_from)s to %(date_to)s only",
                            insurance=label,
                            date_from=date_from,
                            date_to=date_to,
                        )
                    )
            internship.insurance_warning = bool(problems) and _(
                "Insurance does not cover the whole planned period %(start)s to %(end)s: %(problems)s.",
                start=start,
                end=end,
                problems="; ".join(problems),
            )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        # The state counts as tracked from the creation on: the mail of the state a record is
        # created in is posted (jianxi.notification.mixin).
        # A new application tells its unit too, but through a queue: rendering and posting that
        # mail (composer, notifications, the mail in the unit's language) cost an apply most of its
        # time and queries, and 50 applicants at once waited seconds for it. The cron posts it
        # within a minute or two (it is not woken: a trigger costs each apply 5 queries more); the
        # chatter's creation note says who applied meanwhile.
        # Data files and the callers that silence the chatter (imports) tell no unit, as before.
        quiet = any(self.env.context.get(key) for key in ("install_module", "tracking_disable", "mail_notrack"))
        for vals in vals_list:
            vals.setdefault("state", "applied")
            if vals["state"] == "applied" and not quiet:
                vals.setdefault("unit_notice_pending", True)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        answered = self.filtered(lambda i: i.state != "applied")
        if answered:
            raise UserError(
                _(
                    "%(record)s is no longer a fresh application: internships are kept for the audit trail. "
                    "Archive it instead.",
                    record=answered[0].sudo().display_name,
                )
            )

    # ------------------------------------------------------------------ actions: applying
    # Mails of the actions below, posted in the chatter when the internship reaches a state
    # (jianxi.notification.mixin): to the applicant, and to the unit for the eligibility result.
    # The unit's mail of a new application is posted by a cron (create, _cron_tell_units_of_applications).
    _jianxi_state_templates = {
        "confirmed": ("jianxi_internship.mail_template_internship_confirmed",),
        "declined": ("jianxi_internship.mail_template_internship_declined",),
        "approved": (
            "jianxi_internship.mail_template_internship_approved",
            "jianxi_internship.mail_template_internship_unit_approved",
        ),
        "rejected": (
            "jianxi_internship.mail_template_internship_rejected",
            "jianxi_internship.mail_template_internship_unit_rejected",
        ),
        "on_duty": ("jianxi_internship.mail_template_internship_on_duty",),
        "ended": ("jianxi_internship.mail_template_internship_ended",),
        "released": ("jianxi_internship.mail_template_internship_released",),
    }

    @api.model
    def action_apply(self, applicant, position):
        """The applicant applies (投递) for ``position``. Called by the portal as the applicant user
        (never as superuser: the actor check reads the current user).

        :param applicant: a ``jianxi.applicant`` record or id
        :param position: a ``jianxi.position`` record or id
        :return: the new internship, in the caller's environment
        """
        applicant = self._jianxi_browse("jianxi.applicant", applicant)
        position = self._jianxi_browse("jianxi.position", position)
        self._jianxi_check_applicant_actor(applicant)
        applicant_su, position_su = applicant.sudo(), position.sudo()
        if not applicant_su.active:
            raise UserError(_("The applicant record of %(person)s is archived.", person=applicant_su.name))
        if not position_su.is_open_for_applications:
            raise UserError(
                _(
                    "The position “%(position)s” of %(unit)s is not open for applications.",
                    position=position_su.name,
                    unit=position_su.unit_id.name,
                )
            )
        # the real-name data, the three answers and a current declaration (承诺)
        applicant.with_env(self.env)._jianxi_check_can_apply()  # in the caller's language
        open_application = self.sudo().search(
            [("applicant_id", "=", applicant.id), ("state", "in", OPEN_STATES)], limit=1
        )
        if open_application:
            raise UserError(self._jianxi_open_application_message(applicant_su, open_application))
        with self._jianxi_unique_guard(applicant.id):
            internship = self.sudo().create({"applicant_id": applicant.id, "position_id": position.id})
            internship.flush_recordset()
        return internship.with_env(self.env)

    def action_withdraw(self):
        """The applicant takes back an application the unit has not answered yet."""
        self._jianxi_check_state("applied")
        for internship in self:
            self._jianxi_check_applicant_actor(internship.sudo().applicant_id)
        self.sudo().write({"state": "withdrawn"})
        return True

    # ------------------------------------------------------------------ actions: the unit answers
    def action_decline(self, reason):
        self._jianxi_check_state("applied")
        self._jianxi_check_unit_actors()
        self.sudo().write({"state": "declined", "decline_reason": self._jianxi_clean_reason(reason)})
        return True

    def action_confirm(self):
        """The unit takes the applicant (见习人员确认); the county's officers review eligibility next."""
        self._jianxi_check_state("applied")
        self._jianxi_check_unit_actors()
        for internship in self.sudo():
            if internship.unit_id.state != "certified":
                raise UserError(_("%(unit)s is not certified: it cannot take interns.", unit=internship.unit_id.name))
        internships = self.sudo()
        for position in internships.position_id:
            wanted = len(internships.filtered(lambda i, p=position: i.position_id == p))
            if position.remaining_count < wanted:
                raise UserError(
                    _(
                        "The %(headcount)s seat(s) of the position “%(position)s” are filled: decline the remaining "
                        "applications, or raise the headcount first.",
                        headcount=position.headcount,
                        position=position.name,
                    )
                )
        self.env["jianxi.unit"]._jianxi_check_intern_cap(internships)
        internships.write({"state": "confirmed"})
        internships._refresh_eligibility()
        internships._jianxi_schedule_review()
        internships.position_id._close_if_filled()
        return True

    # ------------------------------------------------------------------ actions: the bureau reviews
    def action_refresh_eligibility(self):
        self._jianxi_check_officer()
        self._refresh_eligibility()
        return True

    def action_approve(self, override_reason=None):
        """Eligibility approved (见习人员审核). A line that does not pass, or a real name not
        verified (实名未认证), needs a written override."""
        self._jianxi_check_state("confirmed")
        self._jianxi_check_officer()
        override_reason = self._jianxi_clean_reason(override_reason, required=False)
        self._jianxi_check_verified(override_reason)
        self._refresh_eligibility()
        for internship in self.sudo():
            open_lines = internship.check_ids.filtered(lambda c: c.result != "pass")
            if open_lines and not override_reason:
                raise UserError(
                    _(
                        "The checklist of %(record)s does not pass: %(lines)s. "
                        "Approve with a written override reason, or reject.",
                        record=internship.display_name,
                        lines=internship._jianxi_lines_text(open_lines),
                    )
                )
        # the unit's insured staff, or the policy, may have changed since it confirmed the intern
        self.env["jianxi.unit"]._jianxi_check_intern_cap(self)
        for internship in self:
            values = {"state": "approved"}
            if override_reason:
                not_passing = internship.sudo().check_ids.filtered(lambda c: c.result != "pass")
                values.update(override_reason=override_reason, overridden_rules=not_passing.mapped("rule"))
            with self._jianxi_unique_guard(internship.sudo().applicant_id.id):
                internship.sudo().write(values)
                internship.flush_recordset()
        unverified = self.sudo().filtered(lambda i: i.applicant_id.verification_state != "verified")
        if unverified:
            unverified.write({"approved_unverified": True})
        self._jianxi_close_review(feedback=_("Approved"))
        return True

    def action_batch_approve(self):
        """Approve in one go the selected internships whose eligibility review passes (the list's
        action 批量审核通过). Only staff reach it; each record goes through ``action_approve``, the
        single approval, so the rule lives in one place and each approval is logged as one is."""
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only an internship officer or a manager can approve internships in one go."))
        return self._jianxi_batch_approve()

    def _jianxi_batch_approve(self):
        """Approve each record without an override, apart: one that does not pass (checklist, real
        name, state, county) stays as it was and is named in the summary with the reason."""
        approved = self.browse()
        refused = []
        for internship in self:
            try:
                with self.env.cr.savepoint():
                    internship.action_approve()
            except (UserError, AccessError) as error:
                self.env.invalidate_all()
                refused.append(_("%(record)s: %(reason)s", record=internship.sudo().display_name, reason=error.args[0]))
            else:
                approved |= internship
        message = _("%(approved)s approved, %(refused)s not approved.", approved=len(approved), refused=len(refused))
        if refused:
            message = "\n".join([message, *refused])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Approve the Eligibility in One Go"),
                "message": message,
                "type": "warning" if refused else "success",
                "sticky": bool(refused),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_approve_recheck(self, reason):
        """The checklist, re-run on the agreement's dates, no longer passes: an officer approves it
        anyway, in writing, so that the unit can confirm the intern on duty. The override covers the
        rules that fail now; the reason replaces the earlier one (both stay in the chatter)."""
        self._jianxi_check_state("approved")
        self._jianxi_check_officer()
        reason = self._jianxi_clean_reason(reason)
        self._refresh_eligibility()
        for internship in self.sudo():
            blocking = internship._jianxi_recheck_blocking()
            if not blocking:
                raise UserError(
                    _(
                        "The checklist of %(record)s passes: there is nothing to approve.",
                        record=internship.display_name,
                    )
                )
            covered = set(internship.overridden_rules or []) | set(blocking.mapped("rule"))
            internship.write({"override_reason": reason, "overridden_rules": sorted(covered)})
        self._jianxi_close_review(feedback=_("Re-check approved"))
        return True

    def action_verify_applicant(self):
        """Verify the applicant's real name (实名认证) from the review form, where the officer sees
        the masked ID number (and may reveal it) beside the ID card scan: the applicant's own
        ``action_verify``, as the officer, with its checks (an officer of the household region or
        of the county applied in, or a manager; an ID number recorded)."""
        self._jianxi_check_officer()
        self.applicant_id.action_verify()
        return True

    def _jianxi_check_verified(self, override_reason):
        """Refuse to approve an applicant whose real name is not verified, unless the officer
        writes an override reason."""
        if override_reason:
            return
        for internship in self.sudo():
            if internship.applicant_id.verification_state != "verified":
                raise UserError(
                    _(
                        "%(record)s: the real name of %(person)s is not verified. Check the ID number against the ID "
                        "card scan and verify it first, or approve with a written override reason.",
                        record=internship.display_name,
                        person=internship.applicant_id.name,
                    )
                )

    def action_reject(self, reason):
        self._jianxi_check_state("confirmed")
        self._jianxi_check_officer()
        self.sudo().write({"state": "rejected", "reject_reason": self._jianxi_clean_reason(reason)})
        self._jianxi_close_review(feedback=_("Rejected"))
        return True

    def action_record_lifetime_exception(self, reason):
        """A manager lets this person intern again although they already had an approved internship."""
        self._jianxi_check_manager()
        self._jianxi_check_state("applied", "confirmed")
        self.sudo().write({"lifetime_exception": True, "lifetime_exception_reason": self._jianxi_clean_reason(reason)})
        self.filtered(lambda i: i.state == "confirmed")._refresh_eligibility()
        return True

    # ------------------------------------------------------------------ actions: onboarding
    def action_save_onboarding(self, values):
        """The unit records the agreement, the insurances and their papers (portal entry point:
        portal users only read internships, so the checked write happens here).

        Who: the unit. States: approved; on duty for the insurances and papers only (the agreed
        period is fixed once the intern is on duty)."""
        self._jianxi_check_state("approved", "on_duty")
        self._jianxi_check_unit_actors()
        unknown = set(values) - set(ONBOARDING_FIELDS)
        if unknown:
            raise UserError(
                _(
                    "These fields are not part of the onboarding: %(fields)s.",
                    fields=format_list(self.env, sorted(unknown)),
                )
            )
        if set(values) & set(PERIOD_FIELDS) and "on_duty" in self.mapped("state"):
            raise UserError(_("The intern is on duty: the agreed period can no longer change."))
        if values.get("start_date"):
            self.sudo()._jianxi_check_start_after_application(fields.Date.to_date(values["start_date"]))
        self.sudo().write(values)
        if {"agreement_date", "start_date"} & set(values):
            self.filtered(lambda i: i.state == "approved")._jianxi_recheck_eligibility()
        return True

    def action_set_on_duty(self):
        """确认上岗: the agreement is signed, both insurances bought and every paper uploaded."""
        self._jianxi_check_state("approved")
        self._jianxi_check_unit_actors()
        for internship in self.sudo():
            missing = [
                internship._fields[name]._description_string(self.env)
                for name in ON_DUTY_REQUIRED_FIELDS
                if not internship[name]
            ]
            if missing:
                raise UserError(
                    _(
                        "%(record)s cannot be confirmed on duty yet. Missing: %(missing)s.",
                        record=internship.display_name,
                        missing=format_list(self.env, missing),
                    )
                )
            internship._jianxi_check_duration()
        self._refresh_eligibility()
        for internship in self.sudo():
            blocking = internship._jianxi_recheck_blocking()
            if blocking:
                raise UserError(
                    _(
                        "%(record)s cannot be confirmed on duty: on the agreement's dates the eligibility checklist "
                        "no longer passes (%(lines)s). An officer of the bureau must approve it first; the officers "
                        "were asked when the dates were recorded.",
                        record=internship.display_name,
                        lines=internship._jianxi_lines_text(blocking),
                    )
                )
        self.sudo().write({"state": "on_duty"})
        return True

    def action_set_not_arrived(self):
        """确认未到岗: the approved intern never reported for work."""
        self._jianxi_check_state("approved")
        self._jianxi_check_unit_actors()
        self.sudo().write({"state": "not_arrived"})
        return True

    # ------------------------------------------------------------------ actions: ending
    def action_request_end(self, reason):
        """The intern asks to end early, for a job elsewhere or a special reason."""
        self._jianxi_check_state("on_duty")
        for internship in self:
            self._jianxi_check_applicant_actor(internship.sudo().applicant_id)
        self.sudo().write({"state": "end_requested", "end_request_reason": self._jianxi_clean_reason(reason)})
        return True

    def action_refuse_end_request(self, reason):
        """The unit answers the intern's request with a refusal: the internship goes on."""
        self._jianxi_check_state("end_requested")
        self._jianxi_check_unit_actors()
        reason = self._jianxi_clean_reason(reason)
        for internship in self.sudo():
            internship.write({"state": "on_duty"})
            internship.message_post(body=_("End request refused: %(reason)s", reason=reason))
        return True

    def action_end(self, end_date, end_reason, kept_on=False, note=None):
        """人员终止, recorded by the unit.

        :param end_date: the last day of the internship (not after the planned end, not in the future)
        :param end_reason: one of END_REASONS. 'completed' ends on the planned end date; 'hired'
            (留用) keeps the intern on; 'job_elsewhere' and 'special' follow the intern's request
            (or an officer's decision); 'unit_ended' needs a written justification in ``note``.
        :param kept_on: the unit keeps the intern on ('completed' or 'hired' only)
        :param note: a justification, required for 'unit_ended'
        """
        self._jianxi_check_state("on_duty", "end_requested")
        self._jianxi_check_unit_actors()
        end_date = fields.Date.to_date(end_date)
        reasons = dict(self._fields["end_reason"]._description_selection(self.env))
        note = self._jianxi_clean_reason(note, required=False)
        if not end_date:
            raise UserError(_("Please give the end date."))
        if end_reason not in reasons:
            raise UserError(_("Please choose the end reason."))
        if end_date > fields.Date.context_today(self):
            raise UserError(
                _("The end date %(date)s is in the future: record the end once it happened.", date=end_date)
            )
        if end_reason == "unit_ended" and not note:
            raise UserError(_("The unit may not end an internship arbitrarily: write the justification."))
        if kept_on and end_reason not in ("completed", "hired"):
            raise UserError(_("An intern ended for “%(reason)s” cannot be kept on.", reason=reasons[end_reason]))
        for internship in self.sudo():
            if not (internship.start_date and internship.planned_end_date):
                raise UserError(
                    _(
                        "%(record)s has no start date or planned end: record the agreement first.",
                        record=internship.display_name,
                    )
                )
            if end_date < internship.start_date:
                raise UserError(
                    _(
                        "The end date %(date)s is before the start date %(start)s.",
                        date=end_date,
                        start=internship.start_date,
                    )
                )
            if end_date > internship.planned_end_date:
                raise UserError(
                    _(
                        "The end date %(date)s is after the planned end %(planned)s: an internship does not run "
                        "past its agreement.",
                        date=end_date,
                        planned=internship.planned_end_date,
                    )
                )
            if end_reason == "completed" and end_date != internship.planned_end_date:
                raise UserError(
                    _(
                        "An internship is completed on its planned end %(planned)s; before that, choose the reason "
                        "it ended early.",
                        planned=internship.planned_end_date,
                    )
                )
            if (
                end_reason in INTERN_END_REASONS
                and internship.state != "end_requested"
                and not self._jianxi_user_covers(internship.region_id)
            ):
                raise UserError(
                    _(
                        "“%(reason)s” needs the intern's own request first (or an officer's decision).",
                        reason=reasons[end_reason],
                    )
                )
        kept_on = kept_on or end_reason == "hired"
        self.sudo().write(
            {
                "state": "ended",
                "actual_end_date": end_date,
                "end_reason": end_reason,
                "end_note": note or False,
                "kept_on": kept_on,
                "kept_on_date": end_date if kept_on else False,
            }
        )
        return True

    # ------------------------------------------------------------------ backend buttons
    _jianxi_reason_actions = (
        "action_decline",
        "action_reject",
        "action_approve",
        "action_approve_recheck",
        "action_request_end",
        "action_refuse_end_request",
        "action_record_lifetime_exception",
    )

    def action_open_decline(self):
        return self._jianxi_open_reason_wizard("action_decline", _("Decline the Application"))

    def action_open_reject(self):
        return self._jianxi_open_reason_wizard("action_reject", _("Reject the Eligibility"))

    def action_open_approve(self):
        """Approve directly when the checklist passes and the real name is verified, else ask for
        the override reason, the window's title saying what it overrides."""
        self._jianxi_check_state("confirmed")
        self._jianxi_check_officer()
        self._refresh_eligibility()
        internships = self.sudo()
        failing = any(internship.eligibility_result != "pass" for internship in internships)
        unverified = any(internship.applicant_id.verification_state != "verified" for internship in internships)
        if not failing and not unverified:
            return self.action_approve()
        if failing and unverified:
            title = _("Approve despite the Checklist, without Real-Name Verification")
        elif unverified:
            title = _("Approve without Real-Name Verification")
        else:
            title = _("Approve despite the Checklist")
        return self._jianxi_open_reason_wizard("action_approve", title)

    def action_open_approve_recheck(self):
        return self._jianxi_open_reason_wizard("action_approve_recheck", _("Approve the Re-check"))

    def action_reveal_id_number(self):
        """Show the applicant's full resident ID number to an officer of the county (or a manager).

        The one place the full number leaves the server for the review form: logged in
        jianxi.access.log (who, whose, when, from where)."""
        self.ensure_one()
        self._jianxi_check_officer()
        return self.sudo().applicant_id._jianxi_reveal_id_number(self)

    def action_open_request_end(self):
        return self._jianxi_open_reason_wizard("action_request_end", _("Request to End the Internship"))

    def action_open_refuse_end_request(self):
        return self._jianxi_open_reason_wizard("action_refuse_end_request", _("Refuse the End Request"))

    def action_open_lifetime_exception(self):
        return self._jianxi_open_reason_wizard("action_record_lifetime_exception", _("Exception to Once per Lifetime"))

    def action_open_end_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("End the Internship"),
            "res_model": "jianxi.internship.end.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_internship_id": self.id},
        }

    # ------------------------------------------------------------------ business methods
    def _refresh_eligibility(self):
        """Recompute the checklist with ``rules.eligibility`` and replace the stored lines."""
        today = fields.Date.context_today(self)
        values = []
        for internship in self.sudo():
            lines = eligibility.checklist(*internship._jianxi_eligibility_inputs(), today=today)
            values += [
                {
                    "internship_id": internship.id,
                    "sequence": sequence,
                    "rule": line.rule,
                    "result": line.result,
                    "reason_code": line.reason_code,
                    "reason_params": line.reason_params,
                }
                for sequence, line in enumerate(lines, start=1)
            ]
        self.sudo().check_ids.unlink()
        self.env["jianxi.eligibility.check"].sudo().create(values)

    def _jianxi_recheck_blocking(self):
        """The checklist lines that do not pass and that no override covers (as superuser)."""
        self.ensure_one()
        covered = set(self.sudo().overridden_rules or [])
        return self.sudo().check_ids.filtered(lambda c: c.result != "pass" and c.rule not in covered)

    def _jianxi_recheck_eligibility(self):
        """Re-run the checklist of approved internships on the dates the unit recorded. Those it now
        blocks go back on the desk of the county's officers (once: no second open review)."""
        self._refresh_eligibility()
        blocked = self.sudo().filtered(lambda i: i._jianxi_recheck_blocking() and not i._jianxi_has_open_review())
        blocked._jianxi_schedule_review(
            note=lambda internship: internship.env._(
                "Re-check on the agreement's dates: %(lines)s. Approve the re-check with a reason, or the unit "
                "cannot confirm the intern on duty.",
                lines=internship._jianxi_lines_text(internship._jianxi_recheck_blocking()),
            )
        )

    def _jianxi_has_open_review(self):
        self.ensure_one()
        review = self.env.ref(self._jianxi_review_activity_type)
        return bool(self.sudo().activity_ids.filtered(lambda a: a.activity_type_id == review))

    def _jianxi_lines_text(self, lines):
        """“rule: reason rule: reason” of checklist ``lines`` (each reason is a sentence), in this
        environment's language."""
        return " ".join(
            self.env._("%(rule)s: %(reason)s", rule=line.name, reason=line.reason) for line in lines.with_env(self.env)
        )

    def _jianxi_expected_start(self):
        """Before the agreement exists (the bureau reviews first), windows and ages are measured on
        the expected start: the position's planned start, or today when that has passed."""
        return self._jianxi_expected_start_and_label()[0]

    def _jianxi_expected_start_and_label(self):
        """(the expected start, which day it is: ``rules.eligibility.PLANNED_START`` or ``TODAY``)."""
        self.ensure_one()
        return self._jianxi_expected_start_on(self.sudo().position_id, fields.Date.context_today(self))

    @staticmethod
    def _jianxi_expected_start_on(position, today):
        """The expected start of an application to ``position`` on ``today``: the position's planned
        start, or today when that has passed; with which day it is (``rules.eligibility``'s label)."""
        planned = position.planned_start_date
        if planned and planned >= today:
            return planned, eligibility.PLANNED_START
        return today, eligibility.TODAY

    @api.model
    def _jianxi_placement(self, position, internship, today):
        """The placement ``rules.eligibility.checklist`` judges: ``internship`` (the application, or an
        empty recordset for one not made yet) at ``position``, measured on the expected start before
        the agreement exists. Both the review's checklist and the matching's pre-check build it here.

        :return: (``rules.eligibility.Placement``, the day the policy applies on: start, else
            agreement, else the expected start)
        """
        county = position.region_id
        expected, expected_label = self._jianxi_expected_start_on(position, today)
        placement = eligibility.Placement(
            agreement_date=internship.agreement_date or None,
            start_date=internship.start_date or None,
            expected_start=expected,
            expected_label=expected_label,
            key_county=county.key_county,
            hardship_area=county.hardship_area,
            special_major_exception=position.special_major_exception,
        )
        return placement, placement.start_date or placement.agreement_date or expected

    @staticmethod
    def _jianxi_history(other_states, prior_internships, lifetime_exception):
        """``rules.eligibility.History`` from the states of the person's other applications
        (``{state: count}``), their prior internships (a count) and the lifetime exception."""
        return eligibility.History(
            previous_internships=sum(other_states.get(state, 0) for state in PAST_APPROVAL_STATES),
            prior_internships=prior_internships,
            lifetime_exception=bool(lifetime_exception),
            other_open_applications=sum(other_states.get(state, 0) for state in OPEN_STATES),
        )

    def _jianxi_reference_date(self):
        """The day the policy and the windows are measured on: start, else agreement, else expected start."""
        self.ensure_one()
        return self.start_date or self.agreement_date or self._jianxi_expected_start()

    def _jianxi_eligibility_inputs(self):
        """What ``rules.eligibility.checklist`` needs, read from the records (as superuser)."""
        self.ensure_one()
        internship = self.sudo()
        applicant = internship.applicant_id
        person = applicant._jianxi_eligibility_person()
        # Reviewed before the agreement exists: measure on the expected start, and say which day it is.
        placement, day = self._jianxi_placement(internship.position_id, internship, fields.Date.context_today(self))
        others = dict(
            internship.with_context(active_test=False)._read_group(
                [("applicant_id", "=", applicant.id), ("id", "!=", internship.id)], ["state"], ["__count"]
            )
        )
        history = self._jianxi_history(others, len(applicant.prior_internship_ids), internship.lifetime_exception)
        policy = self.env["jianxi.policy"]._lookup(internship.region_id, day)
        rules_policy = policy._jianxi_eligibility_policy()
        return person, placement, history, rules_policy

    @api.model
    def _jianxi_match_pairs(self, pairs, today=None):
        """How well each person fits each position (``rules.matching``), for many pairs at once in
        a fixed number of queries: the unit's inbox sorted by match, the recommendations.

        The eligibility pre-check of each pair is the checklist the bureau's review would run on it
        (policy of the work county on the expected start, the person's other applications), as
        ``_jianxi_eligibility_inputs`` builds it for one internship. Reads as superuser: the caller
        has found the records as the user.

        :param pairs: ``[(applicant, position, internship)]``, ``internship`` the application being
            judged (left out of the person's history), or an empty recordset
        :return: a list of ``rules.matching.Criterion`` lists, in the order of ``pairs``
        """
        if not pairs:
            return []
        today = today or fields.Date.context_today(self)
        applicants = self.env["jianxi.applicant"].sudo().browse(list(dict.fromkeys(a.id for a, _p, _i in pairs)))
        positions = self.env["jianxi.position"].sudo().browse(list(dict.fromkeys(p.id for _a, p, _i in pairs)))
        internships = self.sudo().browse([i.id for _a, _p, i in pairs if i])
        # One read a model: what the seekers, openings and checklists read below.
        internships.fetch(["state", "agreement_date", "start_date", "lifetime_exception"])
        positions.fetch(
            ["education_level_id", "majors", "region_id", "planned_start_date", "special_major_exception"]
            + [f"accepts_{code}" for code in ("college", "vocational", "unemployed")]
        )
        applicants.fetch(
            [
                "id_number",
                "category",
                "education_level_id",
                "major",
                "diploma_date",
                "diploma_registration_date",
                "household_region_id",
                "unemployment_registration_date",
                "out_of_province_special_major",
                "is_student",
                "is_employed",
                "has_business_licence",
            ]
        )
        # Read even what the request has already read: fetch() skips records in the cache (the
        # person's level and household county, read by /my), so the count changed with the
        # positions found (make bench: 40 queries at 100 positions, 39 at 10,000 where all the
        # candidates were in the person's county).
        self._jianxi_fetch_always(applicants.education_level_id | positions.education_level_id, ["code", "sequence"])
        households = applicants.household_region_id
        counties = positions.region_id
        self._jianxi_fetch_always(households | counties, ["name", "parent_path", "key_county", "hardship_area"])
        self._jianxi_fetch_always(
            households.browse({rid for region in households for rid in region._ancestor_ids()}), ["code"]
        )
        catalogue = self.env["jianxi.major"]._jianxi_catalogue()
        states = {applicant.id: Counter() for applicant in applicants}
        for applicant, state, count in (
            self.sudo()
            .with_context(active_test=False)
            ._read_group([("applicant_id", "in", applicants.ids)], ["applicant_id", "state"], ["__count"])
        ):
            states[applicant.id][state] += count
        prior = {
            applicant.id: count
            for applicant, count in self.env["jianxi.prior.internship"]
            .sudo()
            ._read_group([("applicant_id", "in", applicants.ids)], ["applicant_id"], ["__count"])
        }
        settings = self.env["jianxi.policy"]._lookup_table(counties)
        rules_policies = {}
        results = []
        for applicant, position, internship in pairs:
            applicant, position, internship = applicant.sudo(), position.sudo(), internship.sudo()
            county = position.region_id
            placement, day = self._jianxi_placement(position, internship, today)
            policy = settings[county.id](day) if county else None
            lines = None
            if policy:
                if policy.id not in rules_policies:
                    rules_policies[policy.id] = policy._jianxi_eligibility_policy()
                counts = Counter(states[applicant.id])
                if internship:
                    counts[internship.state] -= 1
                history = self._jianxi_history(counts, prior.get(applicant.id, 0), internship.lifetime_exception)
                person = applicant._jianxi_eligibility_person()
                lines = eligibility.checklist(person, placement, history, rules_policies[policy.id], today=today)
            results.append(
                matching.evaluate(applicant._jianxi_match_seeker(), position._jianxi_match_opening(), catalogue, lines)
            )
        return results

    @api.model
    def _jianxi_fetch_always(self, records, fnames):
        """``records.fetch(fnames)`` in one query whatever the cache already holds, so that a
        caller's query count does not depend on what was read before it."""
        records.invalidate_recordset(fnames)
        records.fetch(fnames)

    @api.model
    def _jianxi_match_view(self, criteria):
        """``criteria`` (``rules.matching``) as the templates show them, in this environment's
        language: ``{'met', 'total', 'lines': [{'criterion', 'label', 'result', 'reason'}], 'summary'}``."""
        phrases = [self.env._(phrase) for phrase in matching.summary(criteria)]
        return {
            "met": matching.met_count(criteria),
            "total": len(criteria),
            "fits": matching.fits(criteria),
            "lines": [
                {
                    "criterion": criterion.criterion,
                    "label": self.env._(criterion.label),
                    "result": criterion.result,
                    "reason": self.env._(criterion.reason),
                }
                for criterion in criteria
            ],
            # "a, b, c" in English; the translation joins with 、 (学历符合、专业相近、在户籍所在县)
            "summary": functools.reduce(
                lambda earlier, phrase: self.env._("%(earlier)s, %(phrase)s", earlier=earlier, phrase=phrase),
                phrases[1:],
                phrases[0] if phrases else "",
            ),
        }

    @api.constrains("accident_premium", "medical_premium")
    def _check_premiums(self):
        for internship in self:
            for name in ("accident_premium", "medical_premium"):
                if not bounds.within(internship[name], 0, bounds.MAX_MONTHLY_AMOUNT):
                    raise ValidationError(
                        _(
                            "%(field)s must be an amount from 0 to %(max)s.",
                            field=internship._fields[name]._description_string(self.env),
                            max=bounds.MAX_MONTHLY_AMOUNT,
                        )
                    )

    def _jianxi_check_start_after_application(self, start):
        """The agreed start is not before the day the person applied."""
        for internship in self:
            applied = fields.Date.context_today(internship, internship.create_date)
            if start and start < applied:
                raise UserError(
                    _(
                        "The start date %(start)s is before the application of %(date)s: an internship starts after "
                        "the person applied.",
                        start=format_date(self.env, start),
                        date=format_date(self.env, applied),
                    )
                )

    def _jianxi_check_duration(self):
        """The agreed period (start → planned end) stays within the policy bounds, in calendar
        months: start + N months − 1 day is exactly N months."""
        self.ensure_one()
        start, end = self.start_date, self.planned_end_date
        if end < start:
            raise UserError(_("The planned end %(end)s is before the start %(start)s.", end=end, start=start))
        policy = self.env["jianxi.policy"]._lookup(self.region_id, start)
        shortest = start + relativedelta(months=policy.duration_min_months) - timedelta(days=1)
        longest = start + relativedelta(months=policy.duration_max_months) - timedelta(days=1)
        if not shortest <= end <= longest:
            raise UserError(
                _(
                    "An internship lasts %(min)s to %(max)s months: starting on %(start)s, it must end between "
                    "%(shortest)s and %(longest)s, not on %(end)s.",
                    min=policy.duration_min_months,
                    max=policy.duration_max_months,
                    start=start,
                    shortest=shortest,
                    longest=longest,
                    end=end,
                )
            )

    def _jianxi_check_unit_actors(self):
        for internship in self:
            self._jianxi_check_unit_actor(internship.sudo().unit_id)

    @api.model
    def _jianxi_browse(self, model, record):
        """A record of ``model`` from a record or an id, exactly one."""
        if not isinstance(record, models.BaseModel):
            record = self.env[model].browse(int(record) if record else [])
        record.ensure_one()
        if not record.sudo().exists():
            raise UserError(_("This record does not exist any more."))
        return record

    @api.model
    def _jianxi_open_application_message(self, applicant, open_application):
        if open_application:
            selection = dict(self._fields["state"]._description_selection(self.env))
            return _(
                "%(person)s already has an open application: %(record)s (%(state)s). Only one application may "
                "be open at a time: withdraw it first (possible while it is “Applied”), or wait until it is "
                "answered.",
                person=applicant.name,
                record=open_application.display_name,
                state=selection[open_application.state],
            )
        return _(
            "%(person)s already has an open application, made at the same moment. Only one application may be "
            "open at a time: reload the page to see it, and withdraw it first if you want this one instead.",
            person=applicant.name,
        )

    @contextmanager
    def _jianxi_unique_guard(self, applicant_id):
        """Run the block in a savepoint and turn a violation of the partial unique indexes
        (raised by PostgreSQL at flush) into a clear UserError."""
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.UniqueViolation as error:
            constraint = error.diag.constraint_name
            applicant = self.env["jianxi.applicant"].sudo().browse(applicant_id)
            if constraint == ONE_OPEN_INDEX:
                open_application = self.sudo().search(
                    [("applicant_id", "=", applicant_id), ("state", "in", OPEN_STATES)], limit=1
                )
                raise UserError(self._jianxi_open_application_message(applicant, open_application)) from None
            if constraint == ONCE_PER_LIFETIME_INDEX:
                raise UserError(
                    _(
                        "%(person)s already had an internship past the eligibility approval. Each person interns only "
                        "once, unless a manager records an exception on this application.",
                        person=applicant.name,
                    )
                ) from None
            raise

    @api.model
    def _cron_release_stale(self):
        """Release the applications a unit left unanswered longer than the policy allows
        (``application_release_days`` of the policy of the position's county, today).
        One query per county that has waiting applications, not per application."""
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        Internship = self.sudo().with_context(active_test=False)
        Policy = self.env["jianxi.policy"].sudo()
        released = Internship.browse()
        for region, oldest in Internship._read_group([("state", "=", "applied")], ["region_id"], ["applied_at:min"]):
            policy = region and Policy._lookup(region, today, raise_if_missing=False)
            if not policy:
                continue
            cutoff = now - timedelta(days=policy.application_release_days)
            if oldest >= cutoff:
                continue
            released |= Internship.search(
                [("state", "=", "applied"), ("region_id", "=", region.id), ("applied_at", "<", cutoff)]
            )
        released.write({"state": "released"})
        return released

    @api.model
    def _cron_tell_units_of_applications(self):
        """Post the mail of each new application to its unit (NEW_APPLICATION_TEMPLATE, in the unit's
        language, shown in its portal chatter), queued by ``create``: as the person who applied
        (its author), as the apply itself did. An application already answered, withdrawn or
        archived by then needs no notice."""
        Internship = self.sudo().with_context(active_test=False)
        domain = [("unit_notice_pending", "=", True)]
        # a batch a run (after a long stop of the crons, thousands may wait): Odoo runs the cron
        # again at once while some remain
        pending = Internship.search(domain, order="id", limit=UNIT_NOTICE_BATCH)
        waiting = pending.filtered(lambda internship: internship.state == "applied" and internship.active)
        for author in waiting.create_uid:
            mine = waiting.filtered(lambda internship, author=author: internship.create_uid == author)
            try:
                with self.env.cr.savepoint():
                    mine.with_user(author)._jianxi_post_template(NEW_APPLICATION_TEMPLATE)
            except Exception:  # one notice that cannot be posted must not hold up the others
                _logger.exception("could not tell the units of the applications %s", mine.ids)
        pending.write({"unit_notice_pending": False})
        remaining = Internship.search_count(domain) if len(pending) == UNIT_NOTICE_BATCH else 0
        self.env["ir.cron"]._notify_progress(done=len(pending), remaining=remaining)
        return waiting

    def _jianxi_track_templates(self, changes):
        internship = self[:1]
        if internship.state == "on_duty" and internship.end_request_reason:
            # Back on duty after a refused end request: the intern was told when it started.
            return {}
        return super()._jianxi_track_templates(changes)

    def _jianxi_end_reason_label(self):
        """The end reason in the reader's language (for the mail templates)."""
        self.ensure_one()
        return dict(self._fields["end_reason"]._description_selection(self.env)).get(self.end_reason, "")

    def _jianxi_claim_deadline(self, policy=None):
        """The last day the unit can claim this intern's subsidy: the end (recorded, else planned)
        plus the claim window of the policy in force today; False when unknown."""
        self.ensure_one()
        internship = self.sudo()
        end = internship.actual_end_date or internship.planned_end_date
        if not (end and internship.region_id):
            return False
        if internship.is_legacy:
            policy = internship.legacy_policy_id
        policy = policy or self.env["jianxi.policy"]._lookup(
            internship.region_id, fields.Date.context_today(self), raise_if_missing=False
        )
        return bool(policy) and end + timedelta(days=policy.claim_window_days)

    # ---- reminders
    @api.model
    def _jianxi_policies_today(self, regions, today):
        """{region: policy in force on ``today``} for ``regions`` (one read for all, not one per record)."""
        policy_on = self.env["jianxi.policy"]._lookup_table(regions)
        return {region: policy_on[region.id](today) for region in regions}

    @api.model
    def _jianxi_longest_claim_window(self):
        """The longest claim window of all policies: nothing older can still be claimed."""
        windows = (
            self.env["jianxi.policy"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([], ["claim_window_days"])
            .mapped("claim_window_days")
        )
        return max(windows, default=0)

    @api.model
    def _cron_remind_forgotten_ends(self, today=None):
        """Daily: internships past their planned end by the policy's ``reminder_forgotten_end_days``
        but not ended (人员终止 missing), while their claim window is still open. The unit gets
        the reminder mail and the county's officers a review activity, once per internship (the
        activity is closed when the internship is ended). Returns the internships reminded."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        Internship = self.sudo()
        reminder = self.env.ref(FORGOTTEN_END_ACTIVITY_TYPE)
        Internship.search(
            [
                ("state", "=", "ended"),
                ("forgotten_end_reminded_on", "!=", False),
                ("activity_type_id", "=", reminder.id),
            ]
        )._jianxi_close_review(feedback=_("Ended"), activity_type=FORGOTTEN_END_ACTIVITY_TYPE)
        oldest = today - timedelta(days=self._jianxi_longest_claim_window())
        candidates = Internship.search_fetch(
            [
                ("state", "in", ("on_duty", "end_requested")),
                ("forgotten_end_reminded_on", "=", False),
                ("planned_end_date", "<", today),
                ("planned_end_date", ">=", oldest),
            ],
            ["planned_end_date", "region_id", "applicant_id"],
        )
        policies = self._jianxi_policies_today(candidates.region_id, today)

        def is_due(internship):
            policy = policies.get(internship.region_id)
            end = internship.planned_end_date
            return bool(policy) and (
                end + timedelta(days=policy.reminder_forgotten_end_days)
                <= today
                <= end + timedelta(days=policy.claim_window_days)
            )

        due = self._jianxi_reminder_batch(candidates.filtered(is_due))
        if due:
            due._jianxi_post_template("jianxi_internship.mail_template_internship_forgotten_end")
            due._jianxi_schedule_review(
                activity_type=FORGOTTEN_END_ACTIVITY_TYPE,
                note=lambda internship: internship.env._(
                    "The planned end %(end)s has passed, but the unit has not recorded the end (人员终止). "
                    "The subsidy for this intern is lost if it is not claimed by %(deadline)s.",
                    end=internship.planned_end_date,
                    deadline=internship._jianxi_claim_deadline(policies[internship.region_id]),
                ),
            )
            due.write({"forgotten_end_reminded_on": today})
        return due.with_env(self.env)

    @api.model
    def _jianxi_reminder_batch(self, due):
        """The first ``REMINDER_BATCH`` of ``due``, oldest first; the job is told how many remain,
        and ir.cron runs it again at once for them (each run in its own transaction)."""
        due = due.sorted("id")
        batch = due[:REMINDER_BATCH]
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
        return batch

    @api.model
    def _cron_remind_claim_window(self, today=None):
        """Daily: ended interns not yet claimed whose claim window closes within the policy's
        ``reminder_claim_window_days``: the unit gets the reminder mail, once per internship.
        Returns the internships reminded."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        Internship = self.sudo()
        oldest = today - timedelta(days=self._jianxi_longest_claim_window())
        candidates = Internship.search_fetch(
            [
                ("state", "=", "ended"),
                ("claim_window_reminded_on", "=", False),
                ("actual_end_date", "!=", False),
                ("actual_end_date", ">=", oldest),
            ],
            ["actual_end_date", "region_id"],
        )
        claimed_ids = set(
            self.env["jianxi.subsidy.claim.line"]
            .sudo()
            .search_fetch(
                [
                    ("internship_id", "in", candidates.ids),
                    ("included", "=", True),
                    ("state", "!=", "rejected"),
                ],
                ["internship_id"],
            )
            .internship_id.ids
        )
        policies = self._jianxi_policies_today(candidates.region_id, today)

        def is_due(internship):
            policy = policies.get(internship.region_id)
            if not policy or internship.id in claimed_ids:
                return False
            closes = internship.actual_end_date + timedelta(days=policy.claim_window_days)
            return closes - timedelta(days=policy.reminder_claim_window_days) <= today <= closes

        due = self._jianxi_reminder_batch(candidates.filtered(is_due))
        if due:
            due._jianxi_post_template("jianxi_internship.mail_template_internship_claim_window")
            due.write({"claim_window_reminded_on": today})
        return due.with_env(self.env)

    @api.model
    def _cron_flag_attention(self, today=None):
        """Daily: set ``needs_attention`` (with the reason) on the running internships that reach the
        longest duration allowed within the policy's ``reminder_duration_limit_days``, and on those
        with an insurance that expires before the planned end; clear it on the others.
        Returns the internships flagged."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        Internship = self.sudo()
        candidates = Internship.search_fetch(
            [
                ("state", "in", ("approved", "on_duty", "end_requested")),
                ("planned_end_date", "!=", False),
            ],
            [
                "state",
                "start_date",
                "planned_end_date",
                "accident_date_to",
                "medical_date_to",
                "region_id",
                "needs_attention",
                "attention_reason",
            ],
        )
        policies = self._jianxi_policies_today(candidates.region_id, today)
        reasons = {}
        for internship in candidates:
            problems = []
            policy = policies.get(internship.region_id)
            start, end = internship.start_date, internship.planned_end_date
            if policy and start and internship.state != "approved":
                longest = start + relativedelta(months=policy.duration_max_months) - timedelta(days=1)
                if today >= longest - timedelta(days=policy.reminder_duration_limit_days):
                    problems.append(
                        _(
                            "The internship reaches the longest duration allowed (%(months)s months) on %(longest)s: "
                            "it must end by then.",
                            months=policy.duration_max_months,
                            longest=longest,
                        )
                    )
            for label, date_to in (
                (_("accident insurance"), internship.accident_date_to),
                (_("inpatient medical insurance"), internship.medical_date_to),
            ):
                if date_to and date_to < end:
                    problems.append(
                        _(
                            "The %(insurance)s expires on %(date)s, before the planned end %(end)s.",
                            insurance=label,
                            date=date_to,
                            end=end,
                        )
                    )
            if problems:
                reasons[internship] = "\n".join(problems)
        flagged = Internship.browse([internship.id for internship in reasons])
        for internship, reason in reasons.items():
            if not internship.needs_attention or internship.attention_reason != reason:
                internship.write({"needs_attention": True, "attention_reason": reason})
        Internship.with_context(active_test=False).search(
            [("needs_attention", "=", True), ("id", "not in", flagged.ids)]
        ).write({"needs_attention": False, "attention_reason": False})
        return flagged.with_env(self.env)
