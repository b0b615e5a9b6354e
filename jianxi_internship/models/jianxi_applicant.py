from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import identity
from .jianxi_workflow_mixin import OFFICER_GROUP

CATEGORIES = [
    ("college", "College Graduate"),
    ("vocational", "Secondary-Vocational Graduate"),
    ("unemployed", "Unemployed Youth"),
]
# Changing one of these on a verified applicant takes the real-name verification back.
IDENTITY_FIELDS = ("name", "id_number")


class JianxiApplicant(models.Model):
    """A young person (见习人员): one record per person, keyed by the resident ID number."""

    _name = "jianxi.applicant"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin"]
    _description = "Internship Applicant"
    _jianxi_document_fields = ("id_card", "diploma", "unemployment_proof")
    _order = "name"
    _jianxi_region_field = "household_region_id"

    name = fields.Char(string="Full Name", required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Contact", required=True, index=True, ondelete="restrict")
    phone = fields.Char(related="partner_id.phone", readonly=False)
    email = fields.Char(related="partner_id.email", readonly=False)
    id_number = fields.Char(string="Resident ID Number", size=18, tracking=True, copy=False,
                            help="居民身份证号码, 18 characters (GB 11643-1999).")
    birth_date = fields.Date(compute="_compute_from_id_number", store=True)
    gender = fields.Selection([("male", "Male"), ("female", "Female")], compute="_compute_from_id_number",
                              store=True)
    category = fields.Selection(CATEGORIES, tracking=True)
    education_level_id = fields.Many2one("jianxi.education.level", string="Education Level", tracking=True,
                                         ondelete="restrict")
    school = fields.Char(tracking=True)
    major = fields.Char(tracking=True)
    diploma_date = fields.Date(string="Diploma Date", tracking=True, help="The graduation date on the diploma.")
    diploma_registration_date = fields.Date(
        string="Diploma Registration Date", tracking=True,
        help="毕业证书登记日期: this year's graduates may only start after it.")
    household_region_id = fields.Many2one("jianxi.region", string="Household Registration", tracking=True,
                                          ondelete="restrict", index=True, help="户籍所在地")
    unemployment_registration_date = fields.Date(tracking=True)
    unemployment_office = fields.Char(string="Unemployment Registration Office", tracking=True)
    out_of_province_special_major = fields.Boolean(
        string="Out-of-Province Special Major", tracking=True,
        help="Set by an officer: an out-of-province graduate of a special major who qualifies all the same.")
    is_student = fields.Boolean(string="Currently a Student", tracking=True)
    is_employed = fields.Boolean(string="In a Labour Relationship", tracking=True)
    has_business_licence = fields.Boolean(string="Holds a Business Licence", tracking=True)
    id_card = fields.Binary(string="ID Card Scan", attachment=True, copy=False)
    id_card_filename = fields.Char()
    diploma = fields.Binary(string="Diploma Scan", attachment=True, copy=False)
    diploma_filename = fields.Char()
    unemployment_proof = fields.Binary(string="Unemployment Registration Proof", attachment=True, copy=False)
    unemployment_proof_filename = fields.Char()
    verification_state = fields.Selection(
        [("unverified", "Unverified"), ("verified", "Verified")], string="Real-Name Status",
        default="unverified", required=True, readonly=True, copy=False, tracking=True)
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True, copy=False, tracking=True)
    verified_date = fields.Datetime(string="Verified On", readonly=True, copy=False)
    internship_ids = fields.One2many("jianxi.internship", "applicant_id", string="Applications")
    internship_count = fields.Integer(compute="_compute_internship_count", string="Application Count")
    is_my_county = fields.Boolean(
        string="In My Counties", compute="_compute_is_my_county", search="_search_is_my_county",
        help="Registered in, or applied in, one of the regions assigned to me.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("id_number_unique", "unique(id_number)", "Another applicant already has this resident ID number."),
        ("partner_unique", "unique(partner_id)", "This contact already has an applicant record."),
    ]

    @api.depends("id_number")
    def _compute_from_id_number(self):
        for applicant in self:
            try:
                parsed = identity.parse_resident_id(applicant.id_number) if applicant.id_number else None
            except identity.IdentityError:
                parsed = None
            applicant.birth_date = parsed.birth_date if parsed else False
            applicant.gender = parsed.gender if parsed else False

    @api.depends("name")
    def _compute_access_url(self):
        for applicant in self:
            applicant.access_url = "/my/profile"

    @api.depends("internship_ids")
    def _compute_internship_count(self):
        counts = dict(self.env["jianxi.internship"].with_context(active_test=False)._read_group(
            [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]))
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

    @api.constrains("id_number")
    def _check_id_number(self):
        for applicant in self:
            if not applicant.id_number:
                continue
            try:
                identity.parse_resident_id(applicant.id_number, today=fields.Date.context_today(applicant))
            except identity.IdentityError as error:
                raise ValidationError(_(
                    "Resident ID number of %(person)s: %(error)s",
                    person=applicant.name, error=self.env._(error.message)))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._jianxi_prepare_values(vals) for vals in vals_list]
        if any(vals.get("out_of_province_special_major") for vals in vals_list):
            self._jianxi_check_special_major_rights()
        return super().create(vals_list)

    def write(self, vals):
        vals = self._jianxi_prepare_values(vals)
        if "out_of_province_special_major" in vals and any(
                applicant.out_of_province_special_major != bool(vals["out_of_province_special_major"])
                for applicant in self):
            self._jianxi_check_special_major_rights()
        unverify = self.browse()
        if any(name in vals for name in IDENTITY_FIELDS):
            unverify = self.filtered(lambda a: a.verification_state == "verified" and any(
                name in vals and (a[name] or False) != (vals[name] or False) for name in IDENTITY_FIELDS))
        result = super().write(vals)
        if unverify:
            unverify.sudo().write({"verification_state": "unverified", "verified_by_id": False,
                                   "verified_date": False})
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_past_applied(self):
        internships = self.sudo().with_context(active_test=False).internship_ids
        started = internships.filtered(lambda i: i.state != "applied")
        if started:
            raise UserError(_(
                "%(person)s has applications that went past “Applied” (%(records)s): the record stays for "
                "the audit trail. Archive it instead.",
                person=started[0].applicant_id.name, records=", ".join(started.mapped("display_name"))))
        # Applications nobody answered yet leave with the person.
        internships.unlink()

    # ------------------------------------------------------------------ actions
    def action_verify(self):
        """Real-name verification (实名认证): an officer of the person's household region or of a county
        they applied in (or a manager) has checked the ID card against the record."""
        self._jianxi_check_verifier()
        missing = self.filtered(lambda a: not a.id_number)
        if missing:
            raise UserError(_("%(person)s has no resident ID number yet: it cannot be verified.",
                              person=missing[0].name))
        self.sudo().write({"verification_state": "verified", "verified_by_id": self.env.uid,
                           "verified_date": fields.Datetime.now()})
        return True

    def action_unverify(self):
        self._jianxi_check_verifier()
        self.sudo().write({"verification_state": "unverified", "verified_by_id": False, "verified_date": False})
        return True

    def action_view_internships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("jianxi_internship.jianxi_internship_action")
        action.update({
            "domain": [("applicant_id", "=", self.id)],
            "context": {"default_applicant_id": self.id, "active_test": False},
        })
        return action

    # ------------------------------------------------------------------ business methods
    @api.model
    def _jianxi_prepare_values(self, vals):
        """The ID number is stored compact: no spaces or dashes, ASCII digits, capital X."""
        if "id_number" in vals:
            vals = dict(vals, id_number=identity.compact_resident_id(vals["id_number"]) or False)
        return vals

    @api.model
    def _jianxi_check_special_major_rights(self):
        # env.user, not env.su: a portal page that writes the profile as superuser must not set it.
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(_("Only an internship officer can set the out-of-province special-major flag."))

    def _jianxi_check_verifier(self):
        """An officer covering the household region or a county the person applied in, or a manager."""
        for applicant in self:
            regions = applicant.sudo().household_region_id | applicant.sudo().with_context(
                active_test=False).internship_ids.region_id
            if not any(self._jianxi_user_covers(region) for region in regions) and not self._jianxi_is_manager():
                raise AccessError(_(
                    "Only an internship officer of the household region of %(person)s, or of a county they "
                    "applied in, can verify their real name.", person=applicant.sudo().name))
