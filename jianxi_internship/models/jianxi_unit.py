from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_list

from ..rules import bank_account, bounds, identity, text

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
        """Suspend a certified unit: its positions can no longer be submitted or published.

        Who: a manager."""
        self._jianxi_check_state("certified")
        self._jianxi_check_manager()
        self.sudo().write({"state": "suspended", "suspend_reason": self._jianxi_clean_reason(reason)})
        return True

    def action_reinstate(self):
        """Lift a suspension. Who: a manager."""
        self._jianxi_check_state("suspended")
        self._jianxi_check_manager()
        self.sudo().write({"state": "certified", "suspend_reason": False})
        return True

    _jianxi_reason_actions = ("action_reject", "action_suspend")

    def action_open_reject_wizard(self):
        return self._jianxi_open_reason_wizard("action_reject", _("Reject the Certification"))

    def action_open_suspend_wizard(self):
        return self._jianxi_open_reason_wizard("action_suspend", _("Suspend the Unit"))

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
