from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

NOTICE_STATUSES = [
    ("none", "Not Published"),
    ("upcoming", "Notice Not Begun"),
    ("in_notice", "In Public Notice"),
    ("ended", "Notice Ended"),
]
# The states of a claim that has been published: approved, then paid.
PUBLISHED_STATES = ("approved", "paid")


class JianxiSubsidyClaimNotice(models.AbstractModel):
    """The public notice (公示) of an approved claim (issue 13, point 4): the part of
    ``jianxi.subsidy.claim`` (which inherits it) about the notice, called by the claim's workflow.

    On approval the server sets the notice period: from the next working day, for the number of
    working days of the policy in force that day (``notice_working_days``), counted with the
    managers' table of public holidays and make-up workdays (``jianxi.calendar.day``). In that
    period the claim is published at /internships/notices (unit, county, interns, amount, period),
    where anybody may object (``jianxi.notice.objection``). The claim is paid only after the notice
    has ended and while no objection is open, unless a manager records an override with a reason
    (``action_override_notice``): the hold is one more reason why nobody may record the payment
    (``_jianxi_duty_refusal``), so the payment window, the single payment and the payment batches
    all refuse it in the same words. A claim approved before public notices existed has no period
    and is not held."""

    _name = "jianxi.subsidy.claim.notice"
    _description = "Public Notice of a Subsidy Claim"

    notice_start_date = fields.Date(string="Notice From", readonly=True, copy=False, tracking=True)
    notice_end_date = fields.Date(string="Notice Until", readonly=True, copy=False, tracking=True)
    notice_status = fields.Selection(
        NOTICE_STATUSES, string="Public Notice", compute="_compute_notice_status", search="_search_notice_status"
    )
    notice_override_reason = fields.Text(
        string="Paid before the Notice Ended, because",
        readonly=True,
        copy=False,
        tracking=True,
        groups="jianxi_internship.jianxi_internship_group_officer",
    )
    notice_override_by_id = fields.Many2one(
        "res.users",
        string="Override Recorded By",
        readonly=True,
        copy=False,
        groups="jianxi_internship.jianxi_internship_group_officer",
    )
    objection_ids = fields.One2many(
        "jianxi.notice.objection",
        "claim_id",
        string="Objections",
        readonly=True,
        groups="jianxi_internship.jianxi_internship_group_officer",
    )
    can_override_notice = fields.Boolean(compute="_compute_can_override_notice")

    # ------------------------------------------------------------------ computes
    @api.depends("state", "notice_start_date", "notice_end_date")
    @api.depends_context("tz")
    def _compute_notice_status(self):
        today = fields.Date.context_today(self)
        for claim in self:
            claim.notice_status = claim._jianxi_notice_status(today)

    def _jianxi_notice_status(self, today):
        self.ensure_one()
        if self.state not in PUBLISHED_STATES or not self.notice_end_date:
            return "none"
        if today < self.notice_start_date:
            return "upcoming"
        if today <= self.notice_end_date:
            return "in_notice"
        return "ended"

    def _search_notice_status(self, operator, value):
        if operator not in ("=", "in") or not value:
            raise UserError(_("Search on the public notice with = or “in” only."))
        today = fields.Date.context_today(self)
        published = [("state", "in", PUBLISHED_STATES), ("notice_end_date", "!=", False)]
        domains = {
            "none": ["|", ("state", "not in", PUBLISHED_STATES), ("notice_end_date", "=", False)],
            "upcoming": [*published, ("notice_start_date", ">", today)],
            "in_notice": [*published, ("notice_start_date", "<=", today), ("notice_end_date", ">=", today)],
            "ended": [*published, ("notice_end_date", "<", today)],
        }
        values = [value] if isinstance(value, str) else list(value)
        # expression.OR, not a "|" prefixed to the lists: each status is several leaves and-ed.
        return expression.OR([domains[v] for v in values if v in domains] or [expression.FALSE_DOMAIN])

    @api.depends("state", "notice_end_date", "notice_override_reason")
    @api.depends_context("uid", "tz")
    def _compute_can_override_notice(self):
        is_manager = self._jianxi_is_manager()
        today = fields.Date.context_today(self)
        for claim in self:
            claim.can_override_notice = (
                is_manager
                and claim.state == "approved"
                and claim._jianxi_notice_status(today) in ("upcoming", "in_notice")
                and not claim.sudo().notice_override_reason
            )

    # ------------------------------------------------------------------ the notice
    def _jianxi_start_notice(self):
        """Set the notice period of claims just approved (``action_approve``), under the policy in
        force on the approval day for each county (legacy claims too: their money is paid like any
        other)."""
        for claim in self.sudo():
            approved_on = claim.approved_date
            policy = self.env["jianxi.policy"]._lookup(claim.region_id, approved_on)
            first, last = self.env["jianxi.calendar.day"]._jianxi_notice_period(
                approved_on, policy.sudo().notice_working_days
            )
            claim._jianxi_write_workflow({"notice_start_date": first, "notice_end_date": last})

    def _jianxi_in_notice(self, today=None):
        """Whether the claim is published today: approved or paid, within its notice period."""
        self.ensure_one()
        return self._jianxi_notice_status(today or fields.Date.context_today(self)) == "in_notice"

    def _jianxi_payment_hold(self):
        """Why an approved claim may not be paid yet, in the reader's language, or False: its
        notice has not ended (and no manager recorded an override), or an objection is open."""
        self.ensure_one()
        claim = self.sudo()
        if claim.state != "approved":
            return False
        open_objections = claim.objection_ids.filtered(lambda o: o.state == "open")
        if open_objections:
            return _(
                "Subsidy claim %(claim)s has %(count)s objection(s) to its public notice still to handle: it is paid "
                "once they are handled.",
                claim=claim.name,
                count=len(open_objections),
            )
        today = fields.Date.context_today(self)
        if claim._jianxi_notice_status(today) in ("upcoming", "in_notice") and not claim.notice_override_reason:
            return _(
                "Subsidy claim %(claim)s is in public notice until %(end)s: it can be paid from %(next)s, or earlier "
                "if a manager records why it cannot wait.",
                claim=claim.name,
                end=format_date(self.env, claim.notice_end_date),
                next=format_date(self.env, claim.notice_end_date + timedelta(days=1)),
            )
        return False

    def _jianxi_check_paid_after_notice(self, day):
        """Refuse a payment dated ``day`` within the notice, unless a manager recorded an override."""
        self.ensure_one()
        claim = self.sudo()
        if claim.notice_end_date and not claim.notice_override_reason and day <= claim.notice_end_date:
            raise UserError(
                _(
                    "The payment date must be after the public notice, which ended on %(end)s.",
                    end=format_date(self.env, claim.notice_end_date),
                )
            )

    # ------------------------------------------------------------------ the override
    def action_open_notice_override(self):
        return self._jianxi_open_reason_wizard("action_override_notice", _("Pay before the Notice Ends"))

    def action_override_notice(self, reason):
        """Let an approved claim be paid before its public notice ends, with ``reason`` (e.g. a
        court order, the end of the fiscal year). Who: a manager. Open objections still hold it."""
        reason = self._jianxi_clean_reason(reason)
        self._jianxi_check_manager()
        self._jianxi_check_state("approved")
        today = fields.Date.context_today(self)
        for claim in self.sudo():
            if claim._jianxi_notice_status(today) not in ("upcoming", "in_notice"):
                raise UserError(
                    _("Subsidy claim %(claim)s is not in public notice: nothing to override.", claim=claim.name)
                )
        self.sudo()._jianxi_write_workflow({"notice_override_reason": reason, "notice_override_by_id": self.env.uid})
        return True
