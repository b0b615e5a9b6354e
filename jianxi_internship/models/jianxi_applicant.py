import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_list

from ..rules import bounds, eligibility, identity, matching
from .jianxi_access_log import positive_int_param
from .jianxi_internship import OPEN_STATES, PAST_APPROVAL_STATES
from .jianxi_workflow_mixin import OFFICER_GROUP

_logger = logging.getLogger(__name__)

# The identity scans the retention job purges (the papers backing payments are accounting records: kept).
IDENTITY_SCANS = ("id_card", "diploma", "unemployment_proof")
# The setting: purge them this many years after the person's last internship ended (5 unless set).
SCAN_RETENTION_PARAM = "jianxi_internship.identity_scan_retention_years"
DEFAULT_SCAN_RETENTION_YEARS = 5

CATEGORIES = [
    ("college", "College Graduate"),
    ("vocational", "Secondary-Vocational Graduate"),
    ("unemployed", "Unemployed Youth"),
]
# Changing one of these on a verified applicant takes the real-name verification back.
IDENTITY_FIELDS = ("name", "id_number")
# What the applicant answers explicitly (是 / 否): empty means not answered, which the eligibility
# checklist reads as "not recorded". Each is read as True, False or None by ``rules.eligibility``.
ANSWERS = [("yes", "Yes"), ("no", "No")]
ANSWER_VALUES = {"yes": True, "no": False}
ANSWER_FIELDS = ("is_student", "is_employed", "has_business_licence")
# The declaration (承诺) covers these: a change to one of them takes it back, unless the same save
# declares again.
DECLARED_FIELDS = (*IDENTITY_FIELDS, *ANSWER_FIELDS)
# What the applicant fills in on the portal (action_save_profile): never the verification, the
# officer's special-major flag or the links. The profile form's fields (the portal controller's
# too), then its uploads: {binary field: file name field}.
PROFILE_DATE_FIELDS = ("diploma_date", "diploma_registration_date", "unemployment_registration_date")
PROFILE_FORM_FIELDS = (
    "name",
    "phone",
    "id_number",
    "category",
    "education_level_id",
    "school",
    "major",
    *PROFILE_DATE_FIELDS,
    "household_region_id",
    "unemployment_office",
    "is_student",
    "is_employed",
    "has_business_licence",
)
PROFILE_FILES = {name: f"{name}_filename" for name in ("id_card", "diploma", "unemployment_proof")}
PROFILE_FIELDS = (*PROFILE_FORM_FIELDS, *(name for upload in PROFILE_FILES.items() for name in upload))


class JianxiApplicant(models.Model):
    """A young person (见习人员): one record per person, keyed by the resident ID number."""

    _name = "jianxi.applicant"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin", "jianxi.document.mixin"]
    _description = "Internship Applicant"
    _jianxi_document_fields = PROFILE_FILES
    _order = "name"
    _jianxi_region_field = "household_region_id"

    # Indexed: the lists' order (_order); a province's first page must not sort 400,000 names.
    name = fields.Char(string="Full Name", required=True, tracking=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="restrict")
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    id_number = fields.Char(
        string="Resident ID Number",
        size=18,
        tracking=True,
        copy=False,
        help="居民身份证号码, 18 characters (GB 11643-1999).",
    )
    # What staff see in lists, forms and exports (docs/personal_data.md): the full number only
    # through the reveal action (logged); a number is typed in the entry field, never read back.
    id_number_masked = fields.Char(
        string="ID Number (Masked)",
        compute="_compute_id_number_masked",
        help="Masked: the reveal button shows the full number, and logs who looked.",
    )
    id_number_entry = fields.Char(
        string="New Resident ID Number",
        compute="_compute_id_number_entry",
        inverse="_inverse_id_number_entry",
        help="Type the full number to record or correct it: the number recorded is never shown here.",
    )
    # Tracked: the purge's chatter note is these two values under the subtype "scans purged", which
    # each reader's chatter shows in their own language (see _cron_purge_identity_scans).
    scans_purged_at = fields.Datetime(
        string="Identity Scans Purged On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the retention job deleted the ID card, diploma and unemployment proof scans, years after "
        "the last internship ended. The figures and the papers backing payments are kept.",
    )
    scans_retention_years = fields.Integer(
        string="Scans Kept After the Last Internship (Years)",
        readonly=True,
        copy=False,
        tracking=True,
        help="The retention setting when the identity scans were purged.",
    )
    birth_date = fields.Date(compute="_compute_from_id_number", store=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], compute="_compute_from_id_number", store=True)
    category = fields.Selection(CATEGORIES, tracking=True)
    education_level_id = fields.Many2one(
        "jianxi.education.level", string="Education Level", tracking=True, ondelete="restrict"
    )
    school = fields.Char(tracking=True)
    major = fields.Char(tracking=True)
    diploma_date = fields.Date(tracking=True, help="The graduation date on the diploma.")
    diploma_registration_date = fields.Date(
        tracking=True,
        help="毕业证书登记日期: this year's graduates may only start after it.",
    )
    household_region_id = fields.Many2one(
        "jianxi.region",
        string="Household Registration",
        tracking=True,
        ondelete="restrict",
        index=True,
        help="户籍所在地",
    )
    unemployment_registration_date = fields.Date(tracking=True)
    unemployment_office = fields.Char(string="Unemployment Registration Office", tracking=True)
    out_of_province_special_major = fields.Boolean(
        string="Out-of-Province Special Major",
        tracking=True,
        help="Set by an officer: an out-of-province graduate of a special major who qualifies all the same.",
    )
    # Declared by the applicant (the bureau may correct them, tracked): empty = not answered.
    is_student = fields.Selection(ANSWERS, string="Currently a Student", tracking=True)
    is_employed = fields.Selection(ANSWERS, string="In a Labour Relationship", tracking=True)
    has_business_licence = fields.Selection(ANSWERS, string="Holds a Business Licence", tracking=True)
    declared_at = fields.Datetime(
        string="Declared On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the applicant declared their real-name data and answers true and complete (承诺), ticking the "
        "declaration on their profile. Set by the server; cleared when the name, the ID number or an answer "
        "changes afterwards without a new declaration.",
    )
    id_card = fields.Binary(string="ID Card Scan", attachment=True, copy=False)
    id_card_filename = fields.Char()
    diploma = fields.Binary(string="Diploma Scan", attachment=True, copy=False)
    diploma_filename = fields.Char()
    unemployment_proof = fields.Binary(string="Unemployment Registration Proof", attachment=True, copy=False)
    unemployment_proof_filename = fields.Char()
    verification_state = fields.Selection(
        [("unverified", "Unverified"), ("verified", "Verified")],
        string="Real-Name Status",
        default="unverified",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True, copy=False, tracking=True)
    verified_date = fields.Datetime(string="Verified On", readonly=True, copy=False)
    internship_ids = fields.One2many("jianxi.internship", "applicant_id", string="Applications")
    prior_internship_ids = fields.One2many(
        "jianxi.prior.internship",
        "applicant_id",
        string="Internships Held Elsewhere",
        groups=OFFICER_GROUP,
        help="Internships held outside this system, recorded by an officer: they count for once in a lifetime.",
    )
    inperson_registration_ids = fields.One2many(
        "jianxi.inperson.registration", "applicant_id", string="In-Person Registrations", groups=OFFICER_GROUP
    )
    inperson_registration_id = fields.Many2one(
        "jianxi.inperson.registration",
        string="In-Person Registration",
        compute="_compute_inperson_registration_id",
        search="_search_inperson_registration_id",
        groups=OFFICER_GROUP,
        help="The bureau's record of this person's registration in person (before the online zone), "
        "linked by the ID number.",
    )
    inperson_registered_on = fields.Date(
        related="inperson_registration_id.registered_on", string="Registered in Person On", groups=OFFICER_GROUP
    )
    inperson_registration_source = fields.Char(
        related="inperson_registration_id.source", string="Registration Source", groups=OFFICER_GROUP
    )
    internship_count = fields.Integer(compute="_compute_internship_count", string="Application Count")
    is_my_county = fields.Boolean(
        string="In My Counties",
        compute="_compute_is_my_county",
        search="_search_is_my_county",
        help="Registered in, or applied in, one of the regions assigned to me.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("id_number_unique", "unique(id_number)", "Another applicant already has this resident ID number."),
        ("partner_unique", "unique(partner_id)", "This contact already has an applicant record."),
    ]

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for applicant in self:
            number = applicant.sudo().id_number
            applicant.id_number_masked = number and identity.mask_resident_id(number)

    def _compute_id_number_entry(self):
        self.id_number_entry = False

    def _inverse_id_number_entry(self):
        for applicant in self:
            if applicant.id_number_entry:
                applicant.id_number = applicant.id_number_entry

    @api.depends("id_number")
    def _compute_from_id_number(self):
        for applicant in self:
            try:
                parsed = identity.parse_resident_id(applicant.id_number) if applicant.id_number else None
            except identity.IdentityError:
                parsed = None
            applicant.birth_date = parsed.birth_date if parsed else False
            applicant.gender = parsed.gender if parsed else False

    @api.depends("inperson_registration_ids")
    def _compute_inperson_registration_id(self):
        # one at most: the ID number is unique on both sides
        for applicant in self:
            applicant.inperson_registration_id = applicant.inperson_registration_ids[:1]

    def _search_inperson_registration_id(self, operator, value):
        return [("inperson_registration_ids", operator, value)]

    @api.depends("name")
    def _compute_access_url(self):
        for applicant in self:
            applicant.access_url = "/my/profile"

    @api.depends("internship_ids")
    def _compute_internship_count(self):
        counts = dict(
            self.env["jianxi.internship"]
            .with_context(active_test=False)
            ._read_group([("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"])
        )
        for applicant in self:
            applicant.internship_count = counts.get(applicant, 0)

    @api.depends_context("uid")
    def _compute_is_my_county(self):
        domain = self._search_is_my_county("=", True)
        mine = self.with_context(active_test=False).search([("id", "in", self._origin.ids), *domain])
        for applicant in self:
            applicant.is_my_county = applicant._origin in mine

    def _search_is_my_county(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “In My Counties”."))
        regions = self.env.user.jianxi_region_ids.ids
        domain = ["|", ("household_region_id", "child_of", regions), ("internship_ids.region_id", "child_of", regions)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains(*PROFILE_DATE_FIELDS)
    def _check_dates_are_plausible(self):
        # A diploma of 9999-12-31 broke the eligibility rules' date arithmetic (HTTP 500).
        today = fields.Date.context_today(self)
        for applicant in self:
            for name in PROFILE_DATE_FIELDS:
                day = applicant[name]
                if day and not bounds.plausible_past_date(day, today):
                    raise ValidationError(
                        _(
                            "%(field)s must be a date from %(earliest)s to today, not %(date)s.",
                            field=applicant._fields[name]._description_string(self.env),
                            earliest=format_date(self.env, bounds.EARLIEST_DATE),
                            date=format_date(self.env, day),
                        )
                    )

    @api.constrains("id_number")
    def _check_id_number(self):
        for applicant in self:
            if not applicant.id_number:
                continue
            try:
                identity.parse_resident_id(applicant.id_number, today=fields.Date.context_today(applicant))
            except identity.IdentityError as error:
                raise ValidationError(
                    _(
                        "Resident ID number of %(person)s: %(error)s",
                        person=applicant.name,
                        error=self.env._(error.message),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._jianxi_prepare_values(vals) for vals in vals_list]
        if any(vals.get("out_of_province_special_major") for vals in vals_list):
            self._jianxi_check_special_major_rights()
        applicants = super().create(vals_list)
        applicants.filtered("id_number")._jianxi_link_inperson_registrations()
        return applicants

    def write(self, vals):
        vals = self._jianxi_prepare_values(vals)
        # Staff read the phone masked (models/base.py): a masked value typed back is no number.
        if isinstance(vals.get("phone"), str) and "*" in vals["phone"]:
            raise UserError(_("Please type the full phone number: a masked number cannot be saved."))
        if "out_of_province_special_major" in vals and any(
            applicant.out_of_province_special_major != bool(vals["out_of_province_special_major"]) for applicant in self
        ):
            self._jianxi_check_special_major_rights()
        # Field-level rule: a new name or ID number takes the real-name verification back.
        identity_changed = self._jianxi_identity_changed(vals)
        # A new name, ID number or answer takes the declaration back, unless this write declares again.
        undeclared = self.browse() if "declared_at" in vals else self._jianxi_changed(vals, DECLARED_FIELDS)
        result = super().write(vals)
        if "id_number" in vals:
            self._jianxi_link_inperson_registrations()
        identity_changed._jianxi_reset_verification()
        undeclared = undeclared.filtered("declared_at")
        if undeclared:
            undeclared.sudo().write({"declared_at": False})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_past_applied(self):
        internships = self.sudo().with_context(active_test=False).internship_ids
        started = internships.filtered(lambda i: i.state != "applied")
        if started:
            raise UserError(
                _(
                    "%(person)s has applications that went past “Applied” (%(records)s): the record stays for "
                    "the audit trail. Archive it instead.",
                    person=started[0].applicant_id.name,
                    records=format_list(self.env, started.mapped("display_name")),
                )
            )
        # Applications nobody answered yet leave with the person.
        internships.unlink()

    # ------------------------------------------------------------------ actions
    def action_verify(self):
        """Real-name verification (实名认证): an officer of the person's household region or of a county
        they applied in (or a manager) has checked the ID card against the record."""
        self._jianxi_check_verifier()
        missing = self.filtered(lambda a: not a.id_number)
        if missing:
            raise UserError(
                _("%(person)s has no resident ID number yet: it cannot be verified.", person=missing[0].name)
            )
        self.sudo().write(
            {"verification_state": "verified", "verified_by_id": self.env.uid, "verified_date": fields.Datetime.now()}
        )
        return True

    def action_unverify(self):
        self._jianxi_check_verifier()
        self._jianxi_reset_verification()
        return True

    def action_reveal_id_number(self):
        """Show the person's full resident ID number to staff who may read the record: the one way
        the full number reaches the backend, logged in jianxi.access.log (who, whose, when, from where)."""
        self._jianxi_check_reveal_rights()
        return self._jianxi_reveal_id_number(self)

    def action_reveal_phone(self):
        """Show the person's full phone number to staff who may read the record (read everywhere
        else masked, see models/base.py), logged like the ID number's reveal."""
        self._jianxi_check_reveal_rights()
        return self._jianxi_reveal("reveal_phone", self)

    def _jianxi_check_reveal_rights(self):
        self.ensure_one()
        self.check_access("read")
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only internship officers and managers can reveal a full ID number or phone number."))

    def _jianxi_reveal_id_number(self, record):
        """Log the reveal of the full ID number of this applicant by the current user, from
        ``record`` (the applicant, or the internship of the review form; the caller checked the
        user's rights), and return the notification that shows it."""
        return self._jianxi_reveal("reveal_id", record)

    def _jianxi_reveal(self, code, record):
        """Log ``code`` (``reveal_id`` or ``reveal_phone``) on this applicant by the current user,
        from ``record`` (the caller checked the user's rights), and return the notification that
        shows the full value."""
        self.ensure_one()
        applicant = self.sudo()
        self.env["jianxi.access.log"]._jianxi_log(code, applicant, record=record)
        if code == "reveal_phone":
            title = self.env._("Phone Number of %(person)s", person=applicant.name)
            message = applicant.phone or self.env._("No phone number recorded.")
        else:
            title = self.env._("Resident ID Number of %(person)s", person=applicant.name)
            message = applicant.id_number or self.env._("No ID number recorded.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": title, "message": message, "type": "info", "sticky": True},
        }

    def action_view_internships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("jianxi_internship.jianxi_internship_action")
        action.update(
            {
                "domain": [("applicant_id", "=", self.id)],
                "context": {"default_applicant_id": self.id, "active_test": False},
            }
        )
        return action

    # ------------------------------------------------------------------ retention
    @api.model
    def _jianxi_scan_retention_years(self):
        return positive_int_param(self.env, SCAN_RETENTION_PARAM, DEFAULT_SCAN_RETENTION_YEARS)

    @api.model
    def _cron_purge_identity_scans(self):
        """Delete the identity scans (ID card, diploma, unemployment proof) of people whose last
        internship ended more than the retention setting ago and who have no internship under way.
        The figures, the internships and their papers (agreement, insurance, invoices, monthly
        papers: they back payments) stay. Each person keeps the date of the purge and a note in the
        chatter; the access log has a line per person with the number of scans removed."""
        limit = fields.Date.context_today(self) - relativedelta(years=self._jianxi_scan_retention_years())
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_field", "in", IDENTITY_SCANS), ("res_id", "!=", False)])
        )
        scans = {}
        for attachment in attachments:
            scans[attachment.res_id] = scans.get(attachment.res_id, 0) + 1
        Internship = self.env["jianxi.internship"].sudo().with_context(active_test=False)
        groups = Internship._read_group(
            [("applicant_id", "in", list(scans))], ["applicant_id", "state"], ["actual_end_date:max"]
        )
        last_end, under_way = {}, set()
        for applicant, state, end in groups:
            if state in OPEN_STATES:
                under_way.add(applicant.id)
            elif state == "ended" and end:
                last_end[applicant.id] = max(end, last_end.get(applicant.id, end))
        due = (
            self.sudo()
            .with_context(active_test=False)
            .browse(sorted(pid for pid, end in last_end.items() if end < limit and pid not in under_way))
        )
        if not due:
            return 0
        now = fields.Datetime.now()
        values = {name: False for name in IDENTITY_SCANS}
        values.update({f"{name}_filename": False for name in IDENTITY_SCANS})
        # The note in each person's chatter is the tracking of this write (codes and values, no
        # sentence) under the subtype "scans purged" (_track_subtype): the reader's chatter renders
        # the subtype's description, the field labels and the date in the reader's language and
        # time zone, where a sentence posted here would stay in the job's language (OdooBot's).
        years = self._jianxi_scan_retention_years()
        tracked = due.with_context(tracking_disable=False, mail_notrack=False)
        tracked.write(dict(values, scans_purged_at=now, scans_retention_years=years))
        for applicant in due:
            self.env["jianxi.access.log"]._jianxi_log("purge_scans", applicant, count=scans[applicant.id])
        total = sum(scans[applicant.id] for applicant in due)
        _logger.info("Purged %s identity scans of %s people whose internship ended before %s", total, len(due), limit)
        return total

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "scans_purged_at" in init_values and self.scans_purged_at:
            return self.env.ref("jianxi_internship.mt_applicant_scans_purged")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------ business methods
    @api.model
    def _jianxi_prepare_values(self, vals):
        """The ID number is stored compact: no spaces or dashes, ASCII digits, capital X."""
        if "id_number" in vals:
            vals = dict(vals, id_number=identity.compact_resident_id(vals["id_number"]) or False)
        return vals

    def _jianxi_link_inperson_registrations(self):
        """Link these applicants to the in-person registrations with their ID numbers, and
        unlink those whose number no longer matches (as superuser: a portal user saving their
        profile neither reads nor writes the bureau's lists)."""
        if not self:
            return
        numbers = [number for number in self.sudo().mapped("id_number") if number]
        self.env["jianxi.inperson.registration"].sudo().search(
            ["|", ("applicant_id", "in", self.ids), ("id_number", "in", numbers)]
        )._jianxi_link_applicants()

    def _jianxi_identity_changed(self, vals):
        """The verified applicants whose name or ID number ``vals`` (compact) changes."""
        return self._jianxi_changed(vals, IDENTITY_FIELDS).filtered(lambda a: a.verification_state == "verified")

    def _jianxi_changed(self, vals, names):
        """The applicants of which ``vals`` changes one of the fields ``names`` (read as superuser)."""
        if not set(names).intersection(vals):
            return self.browse()
        return self.filtered(
            lambda a: any(name in vals and (a.sudo()[name] or False) != (vals[name] or False) for name in names)
        )

    def _jianxi_reset_verification(self):
        """Take the real-name verification back (the bureau checks the ID card again)."""
        if self:
            self.sudo().write({"verification_state": "unverified", "verified_by_id": False, "verified_date": False})

    @api.model
    def _jianxi_check_special_major_rights(self):
        # env.user, not env.su: a portal page that writes the profile as superuser must not set it.
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only an internship officer can set the out-of-province special-major flag."))

    def _jianxi_check_verifier(self):
        """An officer covering the household region or a county the person applied in, or a manager."""
        for applicant in self:
            regions = (
                applicant.sudo().household_region_id
                | applicant.sudo().with_context(active_test=False).internship_ids.region_id
            )
            if not any(self._jianxi_user_covers(region) for region in regions) and not self._jianxi_is_manager():
                raise AccessError(
                    _(
                        "Only an internship officer of the household region of %(person)s, or of a county they "
                        "applied in, can verify their real name.",
                        person=applicant.sudo().name,
                    )
                )

    # ================================================================== portal: the applicant's own profile
    # (Used by controllers/portal_applicant.py; every method checks the acting user itself.)

    @api.model
    def _jianxi_create_for_current_user(self):
        """Start the applicant record of the signed-in portal user who has none yet (an invited
        contact, an account older than the choice on the sign-up form). Unit contacts, staff and
        the public are refused: they do not apply for positions."""
        user = self.env.user
        if user._is_public() or user._is_internal():
            raise AccessError(_("Only a signed-in applicant has an applicant profile."))
        existing = self.sudo().with_context(active_test=False).search([("partner_id", "=", user.partner_id.id)])
        if existing:
            return existing.with_env(self.env)
        if self.env["jianxi.unit"].sudo().search_count([("partner_id", "=", user.commercial_partner_id.id)]):
            raise UserError(_("Your account represents an internship unit: units do not apply for positions."))
        return self.sudo().create({"name": user.partner_id.name, "partner_id": user.partner_id.id}).with_env(self.env)

    def action_save_profile(self, values, declare=False):
        """The applicant saves their real-name data, answers and scans (portal entry point:
        portal users only read their record, so the checked write happens here).

        Who: the applicant themself, or an officer covering them (a declaration signed on paper at
        the bureau's counter). Only the fields of ``PROFILE_FIELDS``; once the real name is
        verified, the name and the ID number no longer change here (the bureau corrects them).
        Documents are checked by the workflow mixin (PDF, JPEG or PNG within the size limit),
        before anything is saved.

        :param values: ``{field: value}`` typed as the ORM takes them: ids for the regions and the
            education level, dates (or ISO strings, as JSON-RPC sends them) or False, 'yes', 'no'
            or False (not answered) for the three answers, base64 for the scans. The portal's form
            is read into such values by its controller (``JianxiPages._jianxi_form_values``); the
            checks here hold for every caller.
        :param declare: the applicant ticked the declaration (承诺) that the data are true and
            complete: the server dates it now (``declared_at``). It needs the three answers. Without
            it, a change to the name, the ID number or an answer takes an earlier declaration back.
        """
        self.ensure_one()
        self._jianxi_check_applicant_actor(self)
        unknown = set(values) - set(PROFILE_FIELDS)
        if unknown:
            raise UserError(
                _(
                    "These fields are not part of the applicant profile: %(fields)s.",
                    fields=format_list(self.env, sorted(unknown)),
                )
            )
        values = self._jianxi_clean_profile_values(values)
        applicant = self.sudo()
        if applicant.verification_state == "verified":
            changed = [
                applicant._fields[name]._description_string(self.env)
                for name in IDENTITY_FIELDS
                if name in values and (values[name] or False) != (applicant[name] or False)
            ]
            if changed:
                raise UserError(
                    _(
                        "Your real name is verified: %(fields)s can no longer be changed here. Please ask the bureau "
                        "to correct it.",
                        fields=format_list(self.env, changed),
                    )
                )
        if values.get("id_number") and applicant.search_count(
            [("id_number", "=", values["id_number"]), ("id", "!=", applicant.id)], limit=1
        ):
            raise UserError(
                _(
                    "Another applicant is already registered with this resident ID number. If it is "
                    "yours, please contact the bureau."
                )
            )
        if declare:
            unanswered = applicant._jianxi_unanswered({**applicant._jianxi_answers(), **values})
            if unanswered:
                raise UserError(
                    _(
                        "Please answer every question before you declare your data true and complete: %(questions)s.",
                        questions=format_list(self.env, unanswered),
                    )
                )
            values["declared_at"] = fields.Datetime.now()
        applicant.write(values)
        applicant.flush_recordset()
        return True

    @api.model
    def _jianxi_clean_profile_values(self, values):
        """Checked values for ``action_save_profile``: the ID number compact, free text on single
        spaces; a UserError naming the field whose value the profile does not take."""
        values = self._jianxi_prepare_values(dict(values))

        def label(name):
            return self._fields[name]._description_string(self.env)

        for name in ("name", "school", "major", "unemployment_office", "phone"):
            if name in values:
                values[name] = " ".join((values[name] or "").split()) or False
        if "name" in values and not values["name"]:
            raise UserError(_("Please enter your full name."))
        if values.get("category") and values["category"] not in dict(CATEGORIES):
            raise UserError(_("Please choose a category from the list."))
        for name in ANSWER_FIELDS:
            if name not in values:
                continue
            if values[name] and values[name] not in ANSWER_VALUES:
                raise UserError(_("Please answer “%(question)s” with yes or no.", question=label(name)))
            values[name] = values[name] or False
        for name, model, domain in (
            ("education_level_id", "jianxi.education.level", []),
            ("household_region_id", "jianxi.region", [("level", "=", "county")]),
        ):
            record_id = values.get(name)
            if record_id and (
                not isinstance(record_id, int)
                or isinstance(record_id, bool)
                or not self.env[model].sudo().search_count([("id", "=", record_id), *domain], limit=1)
            ):
                raise UserError(_("Please choose %(field)s from the list.", field=label(name)))
            if name in values and not record_id:
                values[name] = False
        for name in PROFILE_DATE_FIELDS:
            if values.get(name):
                try:
                    fields.Date.to_date(values[name])  # as the ORM reads it (JSON-RPC sends strings)
                except (TypeError, ValueError):
                    raise UserError(_("%(field)s is not a valid date (YYYY-MM-DD).", field=label(name))) from None
            elif name in values:
                values[name] = False
        return values

    def _jianxi_profile_missing(self):
        """Labels of the data the applicant has not given yet and needs, for their category."""
        self.ensure_one()
        applicant = self.sudo()
        names = ["id_number", "category", "household_region_id", "id_card"]
        if applicant.category in ("college", "vocational"):
            names += ["education_level_id", "school", "diploma_date", "diploma"]
        elif applicant.category == "unemployed":
            names += ["unemployment_registration_date", "unemployment_office", "unemployment_proof"]
        missing = [applicant._fields[name]._description_string(self.env) for name in names if not applicant[name]]
        return missing + applicant._jianxi_declaration_missing()

    def _jianxi_answers(self):
        """``{answer field: 'yes', 'no' or False}`` (read as superuser)."""
        self.ensure_one()
        return {name: self.sudo()[name] for name in ANSWER_FIELDS}

    def _jianxi_unanswered(self, answers):
        """Labels of the questions ``answers`` (``{answer field: value}``) leaves unanswered."""
        return [self._fields[name]._description_string(self.env) for name in ANSWER_FIELDS if not answers.get(name)]

    def _jianxi_declaration_missing(self):
        """Labels of what the applicant has still to declare before applying: the unanswered
        questions, then the declaration (承诺) itself."""
        self.ensure_one()
        unanswered = self._jianxi_unanswered(self._jianxi_answers())
        if unanswered or self.sudo().declared_at:
            return unanswered
        return [self.env._("Declaration that the data are true and complete")]

    def _jianxi_real_name_missing(self):
        """Labels of the real-name data an application needs and the applicant has not given."""
        self.ensure_one()
        applicant = self.sudo()
        return [
            applicant._fields[name]._description_string(self.env)
            for name in ("id_number", "category")
            if not applicant[name]
        ]

    def _jianxi_apply_missing(self):
        """Labels of what the applicant must still give before applying (``_jianxi_check_can_apply``),
        for the position page: empty when they may apply."""
        self.ensure_one()
        return self._jianxi_real_name_missing() + self._jianxi_declaration_missing()

    def _jianxi_check_can_apply(self):
        """Refuse (UserError) unless the applicant may apply: the real-name data (ID number,
        category), the three answers and a current declaration (承诺) are on the profile."""
        self.ensure_one()
        applicant = self.sudo()
        missing = applicant._jianxi_real_name_missing()
        if missing:
            raise UserError(
                _(
                    "Before applying, %(person)s must complete the real-name data: %(missing)s.",
                    person=applicant.name,
                    missing=format_list(self.env, missing),
                )
            )
        unanswered = applicant._jianxi_unanswered(applicant._jianxi_answers())
        if unanswered:
            raise UserError(
                _(
                    "Before applying, %(person)s must answer on the applicant profile (My Applicant Profile): "
                    "%(questions)s; then tick the declaration that the data are true and complete, and save.",
                    person=applicant.name,
                    questions=format_list(self.env, unanswered),
                )
            )
        if not applicant.declared_at:
            raise UserError(
                _(
                    "Before applying, %(person)s must tick the declaration that the data are true and complete on "
                    "the applicant profile (My Applicant Profile), and save.",
                    person=applicant.name,
                )
            )

    def _jianxi_eligibility_person(self):
        """The person as ``rules.eligibility`` sees them (read as superuser)."""
        self.ensure_one()
        applicant = self.sudo()
        household = applicant.household_region_id
        return eligibility.Person(
            id_number=applicant.id_number or None,
            category=applicant.category or None,
            education_level=applicant.education_level_id.code or None,
            diploma_date=applicant.diploma_date or None,
            diploma_registration_date=applicant.diploma_registration_date or None,
            household_region_codes=frozenset(
                household.browse(household._ancestor_ids()).mapped("code") if household else ()
            ),
            unemployment_registration_date=applicant.unemployment_registration_date or None,
            out_of_province_special_major=applicant.out_of_province_special_major,
            # not answered: None, which the checklist shows as "not recorded"
            is_student=ANSWER_VALUES.get(applicant.is_student),
            is_employed=ANSWER_VALUES.get(applicant.is_employed),
            has_business_licence=ANSWER_VALUES.get(applicant.has_business_licence),
        )

    def _jianxi_match_seeker(self):
        """The person as ``rules.matching`` sees them (read as superuser)."""
        self.ensure_one()
        applicant = self.sudo()
        level, county = applicant.education_level_id, applicant.household_region_id
        return matching.Seeker(
            category=applicant.category or None,
            education_level=level.code or None,
            education_rank=level.sequence if level else None,
            major=applicant.major or None,
            household_county_id=county.id or None,
            household_county_name=county.name or None,
        )

    def _jianxi_precheck(self, today=None):
        """The eligibility pre-check shown to the applicant before they apply: the checklist of
        ``rules.eligibility`` on their own data, with the policy of their household county (of
        Tongren when none is given), measured on ``today`` (no agreement exists yet).

        :return: a list of ``{'rule', 'label', 'result', 'reason'}`` in the user's language;
            empty when no policy applies
        """
        self.ensure_one()
        applicant = self.sudo()
        today = fields.Date.to_date(today) or fields.Date.context_today(self)
        region = applicant.household_region_id or self.env.ref(
            "jianxi_internship.region_tongren", raise_if_not_found=False
        )
        policy = region and self.env["jianxi.policy"]._lookup(region, today, raise_if_missing=False)
        if not policy:
            return []
        person = applicant._jianxi_eligibility_person()
        placement = eligibility.Placement(
            agreement_date=None,
            start_date=None,
            expected_start=today,
            expected_label=eligibility.TODAY,
            key_county=region.key_county,
            hardship_area=region.hardship_area,
        )
        states = dict(
            self.env["jianxi.internship"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("applicant_id", "=", applicant.id)], ["state"], ["__count"])
        )
        history = eligibility.History(
            previous_internships=sum(states.get(state, 0) for state in PAST_APPROVAL_STATES),
            prior_internships=len(applicant.sudo().prior_internship_ids),
            other_open_applications=sum(states.get(state, 0) for state in OPEN_STATES),
        )
        rules_policy = policy._jianxi_eligibility_policy()
        return [
            {
                "rule": line.rule,
                "label": self.env._(eligibility.RULE_LABELS[line.rule]),
                "result": line.result,
                "reason": self.env._(line.reason),
            }
            for line in eligibility.checklist(person, placement, history, rules_policy, today=today)
        ]
