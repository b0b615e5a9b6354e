from odoo import api, fields, models

CATEGORIES = [
    ("college", "College Graduate"),
    ("vocational", "Secondary-Vocational Graduate"),
    ("unemployed", "Unemployed Youth"),
]


class JianxiApplicant(models.Model):
    """A young person (见习人员): one record per person, keyed by the resident ID number."""

    _name = "jianxi.applicant"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin"]
    _description = "Internship Applicant"
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
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True, copy=False)
    verified_date = fields.Datetime(string="Verified On", readonly=True, copy=False)
    internship_ids = fields.One2many("jianxi.internship", "applicant_id", string="Applications")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("id_number_unique", "unique(id_number)", "Another applicant already has this resident ID number."),
        ("partner_unique", "unique(partner_id)", "This contact already has an applicant record."),
    ]

    @api.depends("id_number")
    def _compute_from_id_number(self):
        from ..rules import identity

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
