from odoo import api, fields, models

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


class JianxiUnit(models.Model):
    """An internship unit (见习单位): an employer certified by the bureau to host interns.

    It is linked to a company partner; the portal users whose commercial partner is that company
    act for the unit.
    """

    _name = "jianxi.unit"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin"]
    _description = "Internship Unit"
    _order = "name"

    name = fields.Char(string="Unit Name", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Company", required=True, index=True, ondelete="restrict", tracking=True,
        help="The company partner; its contacts with portal access act for the unit.")
    credit_code = fields.Char(
        string="Unified Social Credit Code", size=18, tracking=True, copy=False,
        help="统一社会信用代码, 18 characters (GB 32100-2015).")
    unit_type = fields.Selection(UNIT_TYPES, string="Unit Type", default="enterprise", required=True, tracking=True)
    industry_id = fields.Many2one("res.partner.industry", string="Industry")
    region_id = fields.Many2one("jianxi.region", string="County", required=True, index=True, tracking=True,
                                domain="[('level', '=', 'county')]", ondelete="restrict")
    address = fields.Char()
    legal_representative = fields.Char(tracking=True)
    contact_name = fields.Char(string="Contact Person", tracking=True)
    contact_phone = fields.Char(string="Contact Phone", tracking=True)
    insured_staff_count = fields.Integer(string="Insured Staff", tracking=True,
                                         help="Employees covered by social insurance at the unit.")
    business_licence = fields.Binary(string="Business Licence", attachment=True, copy=False)
    business_licence_filename = fields.Char()
    state = fields.Selection(UNIT_STATES, default="draft", required=True, readonly=True, copy=False,
                             tracking=True, index=True)
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    suspend_reason = fields.Text(string="Suspension Reason", readonly=True, copy=False, tracking=True)
    certified_date = fields.Date(readonly=True, copy=False)
    certified_by_id = fields.Many2one("res.users", string="Certified By", readonly=True, copy=False)
    position_ids = fields.One2many("jianxi.position", "unit_id", string="Positions")
    internship_ids = fields.One2many("jianxi.internship", "unit_id", string="Internships")
    claim_ids = fields.One2many("jianxi.subsidy.claim", "unit_id", string="Subsidy Claims")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("credit_code_unique", "unique(credit_code)", "Another unit already has this unified social credit code."),
    ]

    @api.depends("name")
    def _compute_access_url(self):
        for unit in self:
            unit.access_url = "/my/unit"
