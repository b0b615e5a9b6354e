from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, format_list

from ..rules import bank_account, bounds, host_unit, identity, text

UNIT_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("certified", "Certified"),
    ("rejected", "Rejected"),
    ("suspended", "Suspended"),
]

UNIT_TYPES = [
    ("enterprise", "Enterprise"),
    ("public_institution", "Public Institution"),
    ("social_organisation", "Social Organisation"),
    ("government", "Government Agency"),
    ("other", "Other"),
]

# The host-unit rules a unit may break (rules/host_unit.py), flagged by the daily job
# ``_cron_flag_lifecycle`` for the county's officers.
LIFECYCLE_FLAGS = [
    (host_unit.NO_INTERN, "No Intern"),
    (host_unit.LOW_RETENTION, "Low Retention"),
]
LIFECYCLE_ACTIVITY_TYPE = "jianxi_internship.mail_activity_type_unit_lifecycle"
SUSPENSION_PROPOSED_ACTIVITY_TYPE = "jianxi_internship.mail_activity_type_unit_suspension_proposed"
# Units one run of the daily job flags at most (the rest in the next runs, through ir.cron's
# progress API, each run in its own transaction).
LIFECYCLE_BATCH = 200
# The figures of a flag, cleared with it.
LIFECYCLE_FIGURES = (
    "lifecycle_flag_date",
    "lifecycle_since_date",
    "lifecycle_months",
    "lifecycle_first_year",
    "lifecycle_last_year",
    "lifecycle_ended_count",
    "lifecycle_kept_count",
    "lifecycle_floor",
)

# What a unit's contact may change from the portal (``action_save_profile``): never the company,
# the state or the bureau's fields. The profile form's fields (in its order), then its upload:
# {binary field: file name field}.
UNIT_FORM_FIELDS = (
    "name",
    "credit_code",
    "unit_type",
    "industry_id",
    "region_id",
    "address",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "insured_staff_count",
)
UNIT_FILES = {"business_licence": "business_licence_filename"}
PORTAL_PROFILE_FIELDS = frozenset(UNIT_FORM_FIELDS).union(*UNIT_FILES.items())
# The unit's own data: read-only while the bureau reviews it (see ``write``).
UNIT_DATA_FIELDS = PORTAL_PROFILE_FIELDS | {"partner_id"}


class JianxiUnit(models.Model):
    """An internship unit (见习单位): an employer certified by the bureau to host interns.

    It is linked to a company partner; the portal users whose commercial partner is that company
    act for the unit.

    Certification: draft → submitted → certified, or → rejected (with a reason) and submitted
    again. A manager may suspend a certified unit (with a reason) and reinstate it. Only a
    certified unit's positions can be submitted or published.
    """

    _name = "jianxi.unit"
    _inherit = [
        "jianxi.notification.mixin",
        "mail.activity.mixin",
        "portal.mixin",
        "jianxi.workflow.mixin",
        "jianxi.document.mixin",
        "jianxi.bank.account.mixin",
    ]
    _description = "Internship Unit"
    _jianxi_review_activity_type = "jianxi_internship.mail_activity_type_review_certification"
    _jianxi_document_fields = UNIT_FILES
    _order = "name"

    name = fields.Char(string="Unit Name", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Company",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The company partner; its contacts with portal access act for the unit.",
    )
    credit_code = fields.Char(
        string="Unified Social Credit Code",
        size=18,
        tracking=True,
        copy=False,
        help="统一社会信用代码, 18 characters (GB 32100-2015).",
    )
    unit_type = fields.Selection(UNIT_TYPES, default="enterprise", required=True, tracking=True)
    industry_id = fields.Many2one("res.partner.industry", string="Industry")
    region_id = fields.Many2one(
        "jianxi.region",
        string="County",
        required=True,
        index=True,
        tracking=True,
        domain="[('level', '=', 'county')]",
        ondelete="restrict",
    )
    address = fields.Char()
    legal_representative = fields.Char(tracking=True)
    contact_name = fields.Char(string="Contact Person", tracking=True)
    contact_phone = fields.Char(tracking=True)
    insured_staff_count = fields.Integer(
        string="Insured Staff", tracking=True, help="Employees covered by social insurance at the unit."
    )
    business_licence = fields.Binary(attachment=True, copy=False)
    # Where the bureau pays the unit's subsidies (开户银行、账号、户名): an account of the unit's
    # company, held in the unit's registered name (``action_save_bank_account``).
    bank_account_id = fields.Many2one(
        "res.partner.bank",
        string="Bank Account",
        copy=False,
        tracking=True,
        ondelete="restrict",
        domain="[('partner_id', '=', partner_id)]",
    )
    business_licence_filename = fields.Char()
    state = fields.Selection(
        UNIT_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    suspend_reason = fields.Text(string="Suspension Reason", readonly=True, copy=False, tracking=True)
    certified_date = fields.Date(readonly=True, copy=False)
    certified_by_id = fields.Many2one("res.users", string="Certified By", readonly=True, copy=False)
    position_ids = fields.One2many("jianxi.position", "unit_id", string="Positions")
    internship_ids = fields.One2many("jianxi.internship", "unit_id", string="Internships")
    claim_ids = fields.One2many("jianxi.subsidy.claim", "unit_id", string="Subsidy Claims")
    active = fields.Boolean(default=True)
    position_count = fields.Integer(compute="_compute_counts")
    internship_count = fields.Integer(compute="_compute_counts")
    legacy_internship_count = fields.Integer(
        string="Legacy Internships",
        compute="_compute_counts",
        help="Internships begun before the online zone, imported by the bureau: they are claimed under their legacy "
        "rule set.",
    )

    # Host-unit status (见习基地): the cap on interns and the rules of withdrawal (rules/host_unit.py).
    cap_intern_count = fields.Integer(
        string="Interns Now",
        compute="_compute_cap",
        help="Interns confirmed by the unit, approved by the bureau or on duty: those that count toward the cap.",
    )
    intern_cap = fields.Integer(
        string="Most Interns Allowed",
        compute="_compute_cap",
        help="The share of the insured staff set by the policy in force, rounded down, at least one; 0 when the "
        "policy sets no cap.",
    )
    lifecycle_flag = fields.Selection(
        LIFECYCLE_FLAGS,
        string="Host-Unit Rule Broken",
        readonly=True,
        copy=False,
        tracking=True,
        help="Set by a daily job when the unit breaks a rule of its status; an officer dismisses it with a reason "
        "or proposes a suspension.",
    )
    lifecycle_flagged = fields.Boolean(
        string="Flagged", compute="_compute_lifecycle_flagged", store=True, index=True, copy=False
    )
    lifecycle_flag_text = fields.Text(string="Rule Broken", compute="_compute_lifecycle_flag_text")
    lifecycle_flag_date = fields.Date(string="Flagged On", readonly=True, copy=False)
    # the figures of the flag, rendered in the reader's language by ``_compute_lifecycle_flag_text``
    lifecycle_since_date = fields.Date(string="No Intern Since", readonly=True, copy=False)
    lifecycle_months = fields.Integer(string="Months without Interns", readonly=True, copy=False)
    lifecycle_first_year = fields.Integer(string="First Year Looked At", readonly=True, copy=False)
    lifecycle_last_year = fields.Integer(string="Last Year Looked At", readonly=True, copy=False)
    lifecycle_ended_count = fields.Integer(string="Interns Ended", readonly=True, copy=False)
    lifecycle_kept_count = fields.Integer(string="Interns Kept On", readonly=True, copy=False)
    lifecycle_floor = fields.Float(string="Retention Floor (%)", readonly=True, copy=False)
    # a dismissed flag is not raised again for the same rule before this day
    lifecycle_dismissed_flag = fields.Selection(LIFECYCLE_FLAGS, string="Dismissed Rule", readonly=True, copy=False)
    lifecycle_dismissed_until = fields.Date(
        string="Dismissed Until",
        readonly=True,
        copy=False,
        tracking=True,
        help="The rule dismissed by an officer is not flagged again before this day.",
    )
    lifecycle_dismiss_reason = fields.Text(string="Reason for Dismissing", readonly=True, copy=False, tracking=True)
    suspension_proposed = fields.Boolean(readonly=True, copy=False, tracking=True, index=True)
    suspension_proposal_reason = fields.Text(
        string="Reason for the Proposed Suspension", readonly=True, copy=False, tracking=True
    )
    suspension_proposed_by_id = fields.Many2one("res.users", string="Suspension Proposed By", readonly=True, copy=False)

    _sql_constraints = [
        ("credit_code_unique", "unique(credit_code)", "Another unit already has this unified social credit code."),
    ]

    @api.depends("name")
    def _compute_access_url(self):
        for unit in self:
            unit.access_url = "/my/unit"

    def _compute_counts(self):
        positions = dict(
            self.env["jianxi.position"]._read_group([("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        internships = dict(
            self.env["jianxi.internship"]._read_group([("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        legacy = dict(
            self.env["jianxi.internship"]._read_group(
                [("unit_id", "in", self.ids), ("is_legacy", "=", True)], ["unit_id"], ["__count"]
            )
        )
        for unit in self:
            unit.position_count = positions.get(unit, 0)
            unit.internship_count = internships.get(unit, 0)
            unit.legacy_internship_count = legacy.get(unit, 0)

    def _compute_cap(self):
        figures = self._jianxi_cap_figures()
        for unit in self:
            cap, _ratio, now = figures.get(unit.id, (None, 0.0, 0))
            unit.intern_cap = cap or 0
            unit.cap_intern_count = now

    @api.depends("lifecycle_flag")
    def _compute_lifecycle_flagged(self):
        for unit in self:
            unit.lifecycle_flagged = bool(unit.lifecycle_flag)

    @api.depends_context("lang")
    @api.depends("lifecycle_flag", *LIFECYCLE_FIGURES)
    def _compute_lifecycle_flag_text(self):
        for unit in self:
            unit.lifecycle_flag_text = unit._jianxi_lifecycle_sentence()

    @api.constrains("credit_code")
    def _check_credit_code(self):
        for unit in self.filtered("credit_code"):
            unit._jianxi_compact_credit_code(unit.credit_code)

    @api.constrains("bank_account_id", "partner_id")
    def _check_bank_account_partner(self):
        for unit in self.sudo().filtered("bank_account_id"):
            if unit.bank_account_id.partner_id != unit.partner_id:
                raise ValidationError(
                    _("The bank account of %(unit)s must be an account of the unit itself.", unit=unit.name)
                )

    @api.constrains("insured_staff_count")
    def _check_insured_staff_count(self):
        for unit in self:
            if not bounds.within(unit.insured_staff_count, 0, bounds.MAX_STAFF):
                raise ValidationError(
                    _(
                        "The number of insured staff of %(unit)s must be from 0 to %(max)s.",
                        unit=unit.name,
                        max=bounds.MAX_STAFF,
                    )
                )

    @api.constrains("region_id")
    def _check_region_level(self):
        for unit in self:
            if unit.region_id.level != "county":
                raise ValidationError(
                    _(
                        "The county of %(unit)s must be a county or district, not %(region)s.",
                        unit=unit.name,
                        region=unit.region_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "credit_code" in vals:
                vals["credit_code"] = self._jianxi_compact_credit_code(vals["credit_code"])
        return super().create(vals_list)

    def write(self, vals):
        if "credit_code" in vals:
            vals = dict(vals, credit_code=self._jianxi_compact_credit_code(vals["credit_code"]))
        if UNIT_DATA_FIELDS.intersection(vals):
            self._jianxi_check_data_editable()
        return super().write(vals)

    # ------------------------------------------------------------------ contacts
    def _jianxi_notice_unit(self):
        return self

    def _jianxi_contact_partners(self):
        """The partners of the portal users who act for the unit: the users whose commercial
        partner is the unit's company (the company itself is not one of them)."""
        if not self:
            return self.env["res.partner"]
        companies = self.sudo().partner_id.commercial_partner_id
        users = (
            self.env["res.users"]
            .sudo()
            .search_fetch(
                [("share", "=", True), ("partner_id.commercial_partner_id", "in", companies.ids)], ["partner_id"]
            )
        )
        return users.partner_id - self.sudo().partner_id

    def _jianxi_subscribe_contacts(self, partners=None):
        """Make the unit's contacts (``partners``, by default all) followers of the unit and of
        its positions, internships and claims: they hear what happens there."""
        units = self.sudo().with_context(active_test=False)
        for records in (units, units.position_ids, units.internship_ids, units.claim_ids):
            records._jianxi_subscribe_unit_contacts(partners)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_past_draft(self):
        for unit in self:
            if unit.state != "draft":
                raise UserError(
                    _("%(unit)s is past the draft stage and cannot be deleted: archive it instead.", unit=unit.name)
                )

    # ------------------------------------------------------------------ actions
    # Mails of these actions (jianxi.notification.mixin: posted when the state is reached).
    # The certification result, mailed to the unit's company (its contacts follow in the portal).
    _jianxi_state_templates = {
        "certified": ("jianxi_internship.mail_template_unit_certified",),
        "rejected": ("jianxi_internship.mail_template_unit_rejected",),
        "suspended": ("jianxi_internship.mail_template_unit_suspended",),
    }

    def action_submit(self):
        """Ask the bureau for certification (from draft, or again after a rejection).

        Who: a contact of the unit, or an officer of its county."""
        self._jianxi_check_state("draft", "rejected")
        for unit in self:
            unit._jianxi_check_unit_actor(unit)
            missing = unit._jianxi_missing_for_submission()
            if missing:
                raise UserError(
                    _(
                        "%(unit)s cannot be submitted yet. Please fill in: %(missing)s.",
                        unit=unit.name,
                        missing=_(", ").join(missing),
                    )
                )
        self.sudo().write({"state": "submitted", "reject_reason": False})
        self._jianxi_schedule_review()
        return True

    def action_certify(self):
        """Certify a submitted unit. Who: an officer of its county, or a manager."""
        self._jianxi_check_state("submitted")
        self._jianxi_check_officer()
        self.sudo().write(
            {
                "state": "certified",
                "certified_date": fields.Date.context_today(self),
                "certified_by_id": self.env.user.id,
            }
        )
        self._jianxi_close_review(_("Certified"))
        return True

    def action_reject(self, reason):
        """Refuse a submitted unit's certification, with a reason the unit reads.

        Who: an officer of its county, or a manager."""
        return self._jianxi_reject_submission(reason)

    def action_suspend(self, reason):
        """Suspend a certified unit, with a reason the unit is told (mail_template_unit_suspended):
        its positions can no longer be submitted or published, nor can it confirm interns. A flag of
        the host-unit rules and a proposed suspension are settled with it.

        Who: a manager."""
        self._jianxi_check_state("certified")
        self._jianxi_check_manager()
        reason = self._jianxi_clean_reason(reason)
        self.sudo().write(
            {
                "state": "suspended",
                "suspend_reason": reason,
                "suspension_proposed": False,
                **self._jianxi_lifecycle_cleared(),
            }
        )
        feedback = _("Suspended: %(reason)s", reason=reason)
        self._jianxi_close_review(feedback, activity_type=LIFECYCLE_ACTIVITY_TYPE)
        self._jianxi_close_review(feedback, activity_type=SUSPENSION_PROPOSED_ACTIVITY_TYPE)
        return True

    def action_reinstate(self):
        """Lift a suspension. Who: a manager."""
        self._jianxi_check_state("suspended")
        self._jianxi_check_manager()
        self.sudo().write({"state": "certified", "suspend_reason": False})
        return True

    _jianxi_reason_actions = (
        "action_reject",
        "action_suspend",
        "_jianxi_dismiss_lifecycle_flag",
        "_jianxi_propose_suspension",
    )

    def action_open_reject_wizard(self):
        return self._jianxi_open_reason_wizard("action_reject", _("Reject the Certification"))

    def action_open_suspend_wizard(self):
        return self._jianxi_open_reason_wizard("action_suspend", _("Suspend the Unit"))

    def action_open_dismiss_flag_wizard(self):
        """The window that asks why the flag (or the proposed suspension) is dismissed. Who: an
        officer of the unit's county, or a manager."""
        self._jianxi_check_officer()
        return self._jianxi_open_reason_wizard("_jianxi_dismiss_lifecycle_flag", _("Dismiss the Flag"))

    def action_open_propose_suspension_wizard(self):
        """The window that asks why the officer proposes to suspend the unit. Who: an officer of the
        unit's county, or a manager."""
        self._jianxi_check_officer()
        return self._jianxi_open_reason_wizard("_jianxi_propose_suspension", _("Propose a Suspension"))

    def action_view_positions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Positions"),
            "res_model": "jianxi.position",
            "view_mode": "list,kanban,form",
            "domain": [("unit_id", "=", self.id)],
            "context": {"default_unit_id": self.id, "default_region_id": self.region_id.id},
        }

    def action_start_legacy_claim(self):
        """按原办法申领: a legacy claim for the unit's internships begun before the online zone, started by
        the bureau (``jianxi.subsidy.claim.action_create_legacy_for_unit`` checks who and when)."""
        self.ensure_one()
        claim = self.env["jianxi.subsidy.claim"].action_create_legacy_for_unit(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "jianxi.subsidy.claim",
            "res_id": claim.id,
            "view_mode": "form",
        }

    def action_view_internships(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Internships"),
            "res_model": "jianxi.internship",
            "view_mode": "list,form",
            "domain": [("unit_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------ portal entry points
    # The unit's contacts are portal users who only read their unit: their edits come through the
    # method below, which checks the user and the state, keeps to a whitelist of fields, then
    # writes as superuser (controllers/portal_unit.py).
    def action_save_profile(self, values):
        """Save the unit's profile from the portal.

        Who: a contact of the unit (or an officer of its county). States: draft, rejected (a
        submitted unit waits for the bureau; a certified one asks the bureau to change its data).

        :param values: ``{field: value}`` with only fields of ``PORTAL_PROFILE_FIELDS``: ids for
            the county and the industry, base64 for the business licence
        """
        self.ensure_one()
        self._jianxi_check_state("draft", "rejected")
        self._jianxi_check_unit_actor(self)
        unknown = set(values) - PORTAL_PROFILE_FIELDS
        if unknown:
            raise UserError(
                _(
                    "These fields cannot be changed from the portal: %(fields)s.",
                    fields=format_list(self.env, sorted(unknown)),
                )
            )
        values = dict(values)
        if "name" in values:
            values["name"] = (values["name"] or "").strip()
            if not values["name"]:
                raise UserError(_("Please enter the unit's name."))
        if "region_id" in values:
            region = self.env["jianxi.region"].sudo().browse(values["region_id"] or []).exists()
            if not region or region.level != "county":
                raise UserError(_("Please choose the unit's county from the list."))
        if (
            values.get("industry_id")
            and not self.env["res.partner.industry"].sudo().browse(values["industry_id"]).exists()
        ):
            raise UserError(_("Please choose the industry from the list."))
        if "unit_type" in values and values["unit_type"] not in dict(UNIT_TYPES):
            raise UserError(_("Please choose the unit type from the list."))
        if (values.get("insured_staff_count") or 0) < 0:
            raise UserError(_("The number of insured staff cannot be negative."))
        if values.get("credit_code"):
            values["credit_code"] = self._jianxi_compact_credit_code(values["credit_code"])
            if (
                self.sudo()
                .with_context(active_test=False)
                .search_count([("credit_code", "=", values["credit_code"]), ("id", "!=", self.id)], limit=1)
            ):
                raise UserError(
                    _(
                        "Another unit is already registered with this unified social credit code. "
                        "If it is yours, please contact the bureau."
                    )
                )
        self.sudo().write(values)
        return True

    def action_save_bank_account(self, bank_name, acc_number, holder_name):
        """Record where the bureau pays the unit's subsidies (开户银行、账号、户名).

        Who: a contact of the unit, or an officer of its county; in any state, since a unit may
        change banks after certification (the change is tracked, and a claim keeps the account it
        was submitted with). The holder must be the unit's registered name: subsidies are never
        paid to a person."""
        self.ensure_one()
        self._jianxi_check_unit_actor(self)
        typed = (bank_name, acc_number, holder_name)
        if any(not isinstance(value, str | type(None)) for value in typed) or any(
            text.has_control_characters(value) for value in typed
        ):
            raise UserError(_("The bank account holds characters that cannot be stored. Please type it again."))
        unit = self.sudo()
        try:
            bank_name = bank_account.clean_bank_name(bank_name)
            number = bank_account.compact_account_number(acc_number)
        except bank_account.BankAccountError as error:
            raise UserError(self._jianxi_bank_account_message(error.code)) from error
        if not bank_account.holder_is_unit(holder_name, unit.name):
            raise UserError(
                _(
                    "The account holder must be the unit's registered name, %(unit)s: subsidies are paid "
                    "only to the unit's own account, never to a person.",
                    unit=unit.name,
                )
            )
        Bank = self.env["res.bank"].sudo()
        bank = Bank.search([("name", "=", bank_name)], limit=1) or Bank.create({"name": bank_name})
        account = (
            self.env["res.partner.bank"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "=", unit.partner_id.id), ("sanitized_acc_number", "=", number)], limit=1)
        )
        values = {"bank_id": bank.id, "acc_holder_name": unit.name, "active": True}
        if account:
            account.write(values)
        else:
            account = account.create(dict(values, partner_id=unit.partner_id.id, acc_number=number))
        if unit.bank_account_id != account:
            unit.write({"bank_account_id": account.id})
        return True

    def _jianxi_bank_account_message(self, code):
        return {
            "empty": _("Please enter the account number."),
            "not_digits": _("The account number may hold only digits (spaces and hyphens between groups are fine)."),
            "length": _(
                "The account number must have from %(min)s to %(max)s digits.",
                min=bank_account.MIN_DIGITS,
                max=bank_account.MAX_DIGITS,
            ),
            "bank_empty": _("Please enter the bank where the account is held (开户银行)."),
            "bank_length": _(
                "The bank's name may have at most %(max)s characters.", max=bank_account.MAX_BANK_NAME_LENGTH
            ),
        }[code]

    def _jianxi_bank_account_problem(self):
        """Why the unit cannot be paid into its bank account yet (False when it can)."""
        self.ensure_one()
        unit = self.sudo()
        if not unit.bank_account_id:
            return _("%(unit)s has no bank account yet: please record it on the unit's profile.", unit=unit.name)
        if not bank_account.holder_is_unit(unit.bank_account_id.acc_holder_name, unit.name):
            return _(
                "The holder of %(unit)s's bank account is not the unit's registered name: please record the "
                "account again on the unit's profile.",
                unit=unit.name,
            )
        return False

    # ------------------------------------------------------------------ business methods
    @api.model
    def _jianxi_compact_credit_code(self, code):
        """The code in its compact, upper-case form (False when empty); a ValidationError that says
        what is wrong."""
        if not (code or "").strip():
            return False
        try:
            return identity.validate_credit_code(code)
        except identity.IdentityError as error:
            raise ValidationError(
                _(
                    "“%(code)s” is not a valid unified social credit code: %(reason)s",
                    code=code,
                    reason=self.env._(error.message),
                )
            ) from error

    def _jianxi_missing_for_submission(self):
        """Labels of what the unit must still fill in before it can ask for certification."""
        self.ensure_one()
        unit = self.sudo()
        required = (
            "credit_code",
            "region_id",
            "legal_representative",
            "contact_name",
            "contact_phone",
            "business_licence",
        )
        return [unit._fields[name].get_description(self.env)["string"] for name in required if not unit[name]]

    def _jianxi_check_data_editable(self):
        """While the bureau reviews a unit, only its officers (and managers) change its data.

        The check looks at the real user, even under ``sudo()``: a portal page that writes as
        superuser after its own checks is refused too."""
        real = self.with_env(self.env(su=False))
        for unit in self.filtered(lambda u: u.state == "submitted"):
            if not real._jianxi_user_covers(unit.sudo().region_id):
                raise UserError(
                    _(
                        "%(unit)s is waiting for the bureau's review: its data cannot be changed until an officer "
                        "certifies or rejects it.",
                        unit=unit.sudo().name,
                    )
                )

    # ------------------------------------------------------------------ host-unit status (见习基地)
    def _jianxi_cap_figures(self, today=None, exclude=None):
        """``{unit id: (cap, ratio, interns now)}`` for the units, read in a fixed number of queries:
        the cap of the policy in force ``today`` for the unit's county (None: no cap, or no policy;
        a unit that is not certified may take no intern, the cap is for certified ones), its share
        of insured staff, and the interns that count toward it (``rules.host_unit.CAP_STATES``),
        leaving out the internships ``exclude``."""
        units = self.sudo()
        if not units.ids:
            return {}
        today = today or fields.Date.context_today(self)
        domain = [("unit_id", "in", units.ids), ("state", "in", host_unit.CAP_STATES)]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        counts = dict(self.env["jianxi.internship"].sudo()._read_group(domain, ["unit_id"], ["__count"]))
        policy_on = self.env["jianxi.policy"]._lookup_table(units.region_id, ["max_intern_ratio"])
        figures = {}
        for unit in units:
            policy = policy_on[unit.region_id.id](today) if unit.region_id else None
            ratio = policy.max_intern_ratio if policy else 0.0
            cap = host_unit.intern_cap(unit.insured_staff_count, ratio)
            figures[unit.id] = (cap, ratio, counts.get(unit, 0))
        return figures

    def _jianxi_check_intern_cap(self, internships):
        """Refuse to let ``internships`` count toward their units' caps (the unit confirms them, the
        bureau approves them) when a unit would then hold more interns than its cap, with the
        figures in the message.

        Two confirmations (or approvals) of one unit at once: each touches the unit's row first, so
        that the second transaction waits for the first, fails to serialize and is run again by the
        server (``odoo.service.model.retrying``), and then counts the first's intern. A lock alone
        (``SELECT ... FOR NO KEY UPDATE``) would not do: Odoo's transactions are REPEATABLE READ, so
        the second, once it has the lock, would still count from the snapshot it took before the
        first committed, and both would pass (tests/test_internship_concurrency.py,
        TestInternCapConcurrency, fails with it). The no-op UPDATE takes the same row lock and
        leaves a new row version, which is what makes the second fail to serialize."""
        internships = internships.sudo()
        units = internships.unit_id
        if not units:
            return
        self.env.cr.execute(SQL("UPDATE jianxi_unit SET write_date = write_date WHERE id IN %s", tuple(units.ids)))
        figures = units._jianxi_cap_figures(exclude=internships)
        for unit in units:
            cap, ratio, now = figures[unit.id]
            wanted = len(internships.filtered(lambda i, u=unit: i.unit_id == u))
            if cap is not None and now + wanted > cap:
                share = f"{ratio:g}"
                raise UserError(
                    _(
                        "%(unit)s may hold at most %(cap)s intern(s) at a time: %(ratio)s%% of its %(staff)s insured "
                        "staff, rounded down (at least one). It has %(now)s intern(s) confirmed, approved or on duty "
                        "now, so it cannot take %(wanted)s more. End an internship first, or, if the unit has more "
                        "insured staff now, ask the bureau to update the number.",
                        unit=unit.name,
                        cap=cap,
                        ratio=share,
                        staff=unit.insured_staff_count,
                        now=now,
                        wanted=wanted,
                    )
                )

    def _jianxi_lifecycle_sentence(self):
        """The flag as a sentence in the reader's language (empty without a flag)."""
        self.ensure_one()
        unit = self.sudo()
        if unit.lifecycle_flag == host_unit.NO_INTERN:
            return _(
                "No intern since %(since)s: the unit has had none for %(months)s months or more.",
                since=format_date(self.env, unit.lifecycle_since_date),
                months=unit.lifecycle_months,
            )
        if unit.lifecycle_flag == host_unit.LOW_RETENTION:
            floor = f"{unit.lifecycle_floor:g}"
            return _(
                "In each year from %(first)s to %(last)s the unit kept on fewer than %(floor)s%% of its interns "
                "whose internship ended that year (in all %(kept)s kept on of %(ended)s ended).",
                first=unit.lifecycle_first_year,
                last=unit.lifecycle_last_year,
                floor=floor,
                kept=unit.lifecycle_kept_count,
                ended=unit.lifecycle_ended_count,
            )
        return ""

    @api.model
    def _jianxi_lifecycle_cleared(self):
        """The values of a unit without a flag."""
        return {"lifecycle_flag": False, **dict.fromkeys(LIFECYCLE_FIGURES, False)}

    @api.model
    def _jianxi_lifecycle_values(self, flag, today):
        """The values that store ``flag`` (a ``rules.host_unit.LifecycleFlag``) on a unit."""
        return {
            "lifecycle_flag": flag.code,
            "lifecycle_flag_date": today,
            "lifecycle_since_date": flag.since or False,
            "lifecycle_months": flag.months,
            "lifecycle_first_year": flag.first_year,
            "lifecycle_last_year": flag.last_year,
            "lifecycle_ended_count": flag.ended,
            "lifecycle_kept_count": flag.kept,
            "lifecycle_floor": flag.floor,
        }

    @api.model
    def _jianxi_lifecycle_flags(self, units, today):
        """``{unit: LifecycleFlag or None}`` for the certified ``units``: the figures of all of
        them in three grouped reads of the internships and one of the policies."""
        Internship = self.env["jianxi.internship"].sudo().with_context(active_test=False)
        base = [("unit_id", "in", units.ids), ("active", "=", True)]
        holding = {
            unit for (unit,) in Internship._read_group([*base, ("state", "in", host_unit.CAP_STATES)], ["unit_id"])
        }
        last_end = dict(
            Internship._read_group(
                [*base, ("state", "=", "ended"), ("actual_end_date", "!=", False)],
                ["unit_id"],
                ["actual_end_date:max"],
            )
        )
        policy_on = self.env["jianxi.policy"]._lookup_table(
            units.region_id, ["unit_no_intern_months", "unit_retention_floor", "unit_retention_years"]
        )
        settings = {}
        for unit in units:
            policy = policy_on[unit.region_id.id](today)
            settings[unit] = policy._jianxi_lifecycle_settings() if policy else None
        longest = max((s.retention_years for s in settings.values() if s), default=0)
        by_year = {}
        if longest:
            for unit, year, kept_on, count in Internship._read_group(
                [
                    *base,
                    ("state", "=", "ended"),
                    ("actual_end_date", ">=", date(today.year - longest, 1, 1)),
                    ("actual_end_date", "<", date(today.year, 1, 1)),
                ],
                ["unit_id", "actual_end_date:year", "kept_on"],
                ["__count"],
            ):
                ended, kept = by_year.setdefault(unit, {}).get(year.year, (0, 0))
                by_year[unit][year.year] = (ended + count, kept + (count if kept_on else 0))
        return {
            unit: settings[unit]
            and host_unit.lifecycle_flag(
                today,
                settings[unit],
                unit.certified_date,
                unit in holding,
                last_end.get(unit),
                by_year.get(unit, {}),
            )
            for unit in units
        }

    @api.model
    def _cron_flag_lifecycle(self, today=None):
        """Daily: flag the certified units that break a host-unit rule (no intern for the policy's
        months, retention below the floor for its years running) and open an activity for their
        county's officers; clear the flags whose rule no longer holds. A rule an officer dismissed is
        not flagged again before ``lifecycle_dismissed_until``. A backlog is flagged in runs of
        ``LIFECYCLE_BATCH`` (ir.cron's progress API). Returns the units flagged."""
        today = fields.Date.to_date(today) if today else fields.Date.context_today(self)
        Unit = self.sudo()
        units = Unit.search_fetch(
            [("state", "=", "certified")],
            ["region_id", "certified_date", "lifecycle_flag", "lifecycle_dismissed_flag", "lifecycle_dismissed_until"],
        )
        flags = self._jianxi_lifecycle_flags(units, today)
        to_flag, to_clear = [], Unit.browse()
        for unit, flag in flags.items():
            if flag and unit.lifecycle_flag != flag.code:
                snoozed = unit.lifecycle_dismissed_flag == flag.code and today < (
                    unit.lifecycle_dismissed_until or today
                )
                if not snoozed:
                    to_flag.append((unit, flag))
            elif not flag and unit.lifecycle_flag:
                to_clear |= unit
        # a flag left on a unit that is no longer certified (a manager suspended it meanwhile)
        to_clear |= Unit.search([("lifecycle_flagged", "=", True), ("state", "!=", "certified")])
        if to_clear:
            to_clear.write(self._jianxi_lifecycle_cleared())
            to_clear._jianxi_close_review(_("The rule no longer applies."), activity_type=LIFECYCLE_ACTIVITY_TYPE)
        to_flag.sort(key=lambda item: item[0].id)
        batch = to_flag[:LIFECYCLE_BATCH]
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(to_flag) - len(batch))
        flagged = Unit.browse([unit.id for unit, _flag in batch])
        if not flagged:
            return flagged.with_env(self.env)
        # a unit that breaks another rule now: the activity of the earlier one is done
        flagged.filtered("lifecycle_flag")._jianxi_close_review(
            _("Another rule applies now."), activity_type=LIFECYCLE_ACTIVITY_TYPE
        )
        for unit, flag in batch:
            unit.write(self._jianxi_lifecycle_values(flag, today))
        flagged._jianxi_schedule_review(
            activity_type=LIFECYCLE_ACTIVITY_TYPE, note=lambda unit: unit._jianxi_lifecycle_sentence()
        )
        return flagged.with_env(self.env)

    def _jianxi_dismiss_lifecycle_flag(self, reason):
        """An officer dismisses the flag (and a suspension proposed on it), with a reason kept in the
        chatter: the same rule is not flagged again for the months of the rule (no intern), or before
        the next complete year (low retention). A manager dismissing a proposed suspension declines
        it. Who: an officer of the unit's county, or a manager (through the reason wizard only)."""
        self._jianxi_check_officer()
        reason = self._jianxi_clean_reason(reason)
        today = fields.Date.context_today(self)
        for unit in self.sudo():
            if not unit.lifecycle_flag and not unit.suspension_proposed:
                raise UserError(_("%(unit)s is not flagged: there is nothing to dismiss.", unit=unit.name))
            values = {
                **self._jianxi_lifecycle_cleared(),
                "suspension_proposed": False,
                "lifecycle_dismiss_reason": reason,
            }
            if unit.lifecycle_flag == host_unit.NO_INTERN:
                values.update(
                    lifecycle_dismissed_flag=host_unit.NO_INTERN,
                    lifecycle_dismissed_until=today + relativedelta(months=max(unit.lifecycle_months, 1)),
                )
            elif unit.lifecycle_flag == host_unit.LOW_RETENTION:
                values.update(
                    lifecycle_dismissed_flag=host_unit.LOW_RETENTION,
                    lifecycle_dismissed_until=date(today.year + 1, 1, 1),
                )
            unit.write(values)
            unit.message_post(body=_("Flag dismissed: %(reason)s", reason=reason))
        feedback = _("Dismissed: %(reason)s", reason=reason)
        self._jianxi_close_review(feedback, activity_type=LIFECYCLE_ACTIVITY_TYPE)
        self._jianxi_close_review(feedback, activity_type=SUSPENSION_PROPOSED_ACTIVITY_TYPE)
        return True

    def _jianxi_propose_suspension(self, reason):
        """An officer proposes to suspend a flagged unit, with a reason; the managers get an activity,
        and one of them suspends it (``action_suspend``, with the reason the unit is told) or
        dismisses the proposal. Who: an officer of the unit's county, or a manager (through the
        reason wizard only)."""
        self._jianxi_check_state("certified")
        self._jianxi_check_officer()
        reason = self._jianxi_clean_reason(reason)
        for unit in self.sudo():
            if not unit.lifecycle_flag:
                raise UserError(
                    _(
                        "%(unit)s breaks no host-unit rule: a suspension is proposed on a flag.",
                        unit=unit.name,
                    )
                )
            if unit.suspension_proposed:
                raise UserError(_("A suspension of %(unit)s is already proposed.", unit=unit.name))
        self.sudo().write(
            {
                "suspension_proposed": True,
                "suspension_proposal_reason": reason,
                "suspension_proposed_by_id": self.env.uid,
            }
        )
        self._jianxi_close_review(
            _("Suspension proposed: %(reason)s", reason=reason), activity_type=LIFECYCLE_ACTIVITY_TYPE
        )
        self._jianxi_schedule_for_managers(
            SUSPENSION_PROPOSED_ACTIVITY_TYPE,
            lambda unit: unit.env._(
                "%(rule)s Proposed by %(officer)s: %(reason)s",
                rule=unit._jianxi_lifecycle_sentence(),
                officer=unit.suspension_proposed_by_id.name,
                reason=unit.suspension_proposal_reason,
            ),
        )
        return True

    def _jianxi_schedule_for_managers(self, activity_type, note):
        """An activity of ``activity_type`` (xmlid) on each unit for every internship manager, its
        ``note`` (a function of the unit, in the manager's language) written in their language."""
        activity_type = self.env.ref(activity_type).sudo()
        managers = self._jianxi_managers()
        model_id = self.env["ir.model"].sudo()._get_id(self._name)
        deadline = activity_type._get_date_deadline()
        self.env["mail.activity"].sudo().create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "date_deadline": deadline,
                    "note": note(unit.with_context(lang=manager.lang)),
                    "res_model_id": model_id,
                    "res_id": unit.id,
                    "user_id": manager.id,
                }
                for unit in self.sudo()
                for manager in managers
            ]
        )
