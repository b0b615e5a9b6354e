from odoo import api, fields, models

POSITION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("published", "Published"),
    ("rejected", "Rejected"),
    ("closed", "Closed"),
]


class JianxiPosition(models.Model):
    """An internship position (见习岗位) of a certified unit, screened by the bureau before the
    public sees it."""

    _name = "jianxi.position"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin", "jianxi.workflow.mixin"]
    _description = "Internship Position"
    _order = "published_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", required=True, index=True,
                              ondelete="restrict", tracking=True)
    content = fields.Text(string="Job Content", required=True,
                          help="The real technical or business content of the job.")
    education_level_id = fields.Many2one("jianxi.education.level", string="Required Education Level",
                                         ondelete="restrict")
    majors = fields.Char(help="Majors sought, e.g. 计算机科学与技术、会计学.")
    headcount = fields.Integer(default=1, required=True, tracking=True)
    duration_months = fields.Integer(string="Duration (months)", default=6, required=True, tracking=True)
    allowance = fields.Monetary(string="Monthly Living Allowance", required=True, tracking=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.ref("base.CNY"), required=True)
    region_id = fields.Many2one("jianxi.region", string="Work County", required=True, index=True,
                                domain="[('level', '=', 'county')]", ondelete="restrict", tracking=True)
    planned_start_date = fields.Date(string="Planned Start", required=True, tracking=True)
    deadline = fields.Date(string="Application Deadline", required=True, tracking=True)
    special_major_exception = fields.Boolean(
        string="Special-Major Exception", tracking=True,
        help="Set by an officer: graduates from outside the province also qualify for this position.")
    state = fields.Selection(POSITION_STATES, default="draft", required=True, readonly=True, copy=False,
                             tracking=True, index=True)
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False, tracking=True)
    published_date = fields.Date(readonly=True, copy=False)
    internship_ids = fields.One2many("jianxi.internship", "position_id", string="Applications")
    active = fields.Boolean(default=True)

    @api.depends("name")
    def _compute_access_url(self):
        for position in self:
            position.access_url = f"/internships/positions/{position.id}"
