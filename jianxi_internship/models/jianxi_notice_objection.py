from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..rules import text

MAX_NAME_LENGTH = 50
MAX_PHONE_LENGTH = 30
MAX_CONTENT_LENGTH = 2000
STATES = [
    ("open", "To Handle"),
    ("closed", "Handled"),
]


class JianxiNoticeObjection(models.Model):
    """An objection (异议) to a subsidy claim in public notice (公示), sent by anybody through the
    form of the notice page (/internships/notices). It lands on the desk of the officers of the
    claim's county as an activity; while it is open, the claim is not paid. An officer handles it
    by writing what the bureau found (``action_close``), which the chatter keeps.

    Only the notice page creates objections (``_jianxi_submit``, as superuser, after the throttle);
    the public has no access to the model. Bureau staff read those of their counties."""

    _name = "jianxi.notice.objection"
    _inherit = ["mail.thread", "mail.activity.mixin", "jianxi.workflow.mixin"]
    _description = "Objection to a Public Notice"
    _order = "id desc"
    _jianxi_review_activity_type = "jianxi_internship.mail_activity_type_objection"

    claim_id = fields.Many2one(
        "jianxi.subsidy.claim", string="Subsidy Claim", required=True, readonly=True, index=True, ondelete="restrict"
    )
    unit_id = fields.Many2one(related="claim_id.unit_id", string="Internship Unit")
    region_id = fields.Many2one(related="claim_id.region_id", store=True, index=True, string="County", precompute=True)
    name = fields.Char(readonly=True, help="Who objects, as they wrote it (may be empty).")
    phone = fields.Char(readonly=True)
    content = fields.Text(string="Objection", required=True, readonly=True)
    state = fields.Selection(STATES, default="open", required=True, readonly=True, tracking=True, index=True)
    outcome = fields.Text(string="What the Bureau Found", readonly=True, tracking=True)
    handled_by_id = fields.Many2one("res.users", string="Handled By", readonly=True)
    handled_date = fields.Date(readonly=True)

    @api.depends("claim_id")
    def _compute_display_name(self):
        for objection in self:
            objection.display_name = _("Objection to %(claim)s", claim=objection.sudo().claim_id.name or "")

    # ------------------------------------------------------------------ from the notice page
    @api.model
    def _jianxi_clean_submission(self, name, phone, content):
        """The form's values, stripped and checked, or a UserError saying what to change."""
        values = {}
        for key, value, label, limit, required in (
            ("name", name, _("Your name"), MAX_NAME_LENGTH, False),
            ("phone", phone, _("Phone"), MAX_PHONE_LENGTH, False),
            ("content", content, _("Objection"), MAX_CONTENT_LENGTH, True),
        ):
            value = value.strip() if isinstance(value, str) else ""
            if required and not value:
                raise UserError(_("Please write your objection: what is wrong, and how you know it."))
            if text.has_control_characters(value) or (key != "content" and any(c in value for c in "\n\r\t")):
                raise UserError(
                    _("%(field)s contains characters nobody types (such as NUL): please type it again.", field=label)
                )
            if len(value) > limit:
                raise UserError(_("%(field)s may have %(max)s characters at most.", field=label, max=limit))
            values[key] = value or False
        return values

    @api.model
    def _jianxi_submit(self, claim, name, phone, content):
        """Record an objection to ``claim``, sent through the notice page, and put it on the desk of
        the county's officers. The claim must be in its notice period today (the server's day).
        Runs as superuser: the caller (the page) has throttled the sender."""
        claim = claim.sudo()
        if not claim._jianxi_in_notice():
            raise UserError(_("The public notice of this claim is over: objections are no longer taken."))
        objection = self.sudo().create({"claim_id": claim.id, **self._jianxi_clean_submission(name, phone, content)})
        objection._jianxi_schedule_review()
        claim.message_post(
            body=_("An objection to the public notice was received: %(objection)s.", objection=objection.display_name),
            subtype_xmlid="mail.mt_note",
        )
        return objection

    # ------------------------------------------------------------------ the officer's answer
    _jianxi_reason_actions = ("action_close",)

    def action_open_close(self):
        return self._jianxi_open_reason_wizard("action_close", _("Handle the Objection"))

    def action_close(self, outcome):
        """Close an open objection with ``outcome``: what the bureau checked and found. Who: an
        officer of the claim's county, or a manager. The claim may then be paid (when nothing else
        stands in the way)."""
        outcome = self._jianxi_clean_reason(outcome)
        self._jianxi_check_state("open")
        self._jianxi_check_officer()
        self.sudo().write(
            {
                "state": "closed",
                "outcome": outcome,
                "handled_by_id": self.env.uid,
                "handled_date": fields.Date.context_today(self),
            }
        )
        self._jianxi_close_review(_("Handled: %(outcome)s", outcome=outcome))
        return True
