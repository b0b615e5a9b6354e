from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules import subsidy

PAPER_KINDS = [
    ("attendance", "Attendance Record"),
    ("allowance", "Allowance Payment Proof"),
]
# The internships that ask for monthly papers: on duty, or ended (their months on duty stay).
DUTY_STATES = ("on_duty", "end_requested", "ended")
# A claim in these states has been handed in: the papers of its months are evidence, kept as they are.
LOCKING_CLAIM_STATES = ("submitted", "approved", "paid")


class JianxiMonthlyPaper(models.Model):
    """One monthly paper a unit uploads (考勤记录 or 见习生活补助发放凭证) for one month and the
    interns it covers: one payroll sheet may cover several interns.

    The server decides what may be uploaded: the month is stored as its first day and lies between
    the first month of the interns it covers and the current month; every intern it covers is an
    intern of the unit on duty that month. A paper whose month was claimed (a submitted, approved or
    paid claim paying that intern for that month) can be neither changed nor deleted: the unit adds
    a new upload instead. The claim reads the papers in one search (``_jianxi_months_with_papers``).
    """

    _name = "jianxi.monthly.paper"
    _inherit = ["jianxi.document.mixin", "mail.thread"]
    _description = "Monthly Internship Paper"
    _order = "month desc, kind, id desc"
    _jianxi_document_fields = {"file": "filename"}

    unit_id = fields.Many2one("jianxi.unit", string="Internship Unit", required=True, index=True, ondelete="restrict")
    region_id = fields.Many2one(related="unit_id.region_id", store=True, index=True, string="County")
    month = fields.Date(required=True, index=True, tracking=True, help="The month the paper is for (its first day).")
    kind = fields.Selection(PAPER_KINDS, string="Paper", required=True, tracking=True)
    file = fields.Binary(string="Monthly Paper File", attachment=True, required=True, copy=False)
    filename = fields.Char(string="File Name")
    internship_ids = fields.Many2many(
        "jianxi.internship",
        "jianxi_monthly_paper_internship_rel",
        "paper_id",
        "internship_id",
        string="Interns Covered",
        required=True,
        tracking=True,
    )
    uploaded_by_id = fields.Many2one("res.users", string="Uploaded By", readonly=True, ondelete="restrict")

    @api.depends("month", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for paper in self:
            month = f"{paper.month:%Y-%m}" if paper.month else ""
            paper.display_name = f"{month} {kinds.get(paper.kind, '')}".strip()

    @api.constrains("month", "unit_id", "internship_ids")
    def _check_month_and_interns(self):
        """The month and the interns, decided by the server whoever writes them (a form, JSON-RPC)."""
        today = fields.Date.context_today(self)
        current_month = today.replace(day=1)
        for paper in self.sudo():
            if not paper.month:
                continue  # required: the database refuses it
            if paper.month > current_month:
                raise ValidationError(
                    _(
                        "Monthly papers can be uploaded for the current month (%(month)s) or earlier, not for "
                        "%(chosen)s.",
                        month=current_month.strftime("%Y-%m"),
                        chosen=paper.month.strftime("%Y-%m"),
                    )
                )
            foreign = paper.internship_ids.filtered(lambda i, paper=paper: i.unit_id != paper.unit_id)
            if foreign:
                raise ValidationError(_("A monthly paper may only cover the unit's own interns."))
            off_duty = paper.internship_ids - self._jianxi_on_duty_in(paper.internship_ids, paper.month)
            if off_duty:
                raise ValidationError(
                    _(
                        "These interns were not on duty in %(month)s: %(interns)s.",
                        month=paper.month.strftime("%Y-%m"),
                        interns=_(", ").join(off_duty.applicant_id.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [
            # Any day of the month stands for the month; the uploader is who is signed in.
            {**vals, "month": self._jianxi_first_of_month(vals.get("month")), "uploaded_by_id": self.env.uid}
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        self._jianxi_check_not_claimed()
        if "month" in vals:
            vals = {**vals, "month": self._jianxi_first_of_month(vals["month"])}
        vals.pop("uploaded_by_id", None)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_claimed(self):
        self._jianxi_check_not_claimed()

    @api.model
    def _jianxi_first_of_month(self, day):
        day = fields.Date.to_date(day) if day else None
        return day.replace(day=1) if day else False

    def _jianxi_claimed(self):
        """The papers whose month is paid by a claim handed in (a claim line of one of their
        interns, in a submitted, approved or paid claim, whose period touches the month)."""
        lines = (
            self.env["jianxi.subsidy.claim.line"]
            .sudo()
            .search_fetch(
                [
                    ("internship_id", "in", self.sudo().internship_ids.ids),
                    ("included", "=", True),
                    ("state", "in", LOCKING_CLAIM_STATES),
                ],
                ["internship_id", "start_date", "end_date", "planned_end_date"],
            )
        )
        claimed = self.browse()
        for paper in self.sudo():
            month_end = paper.month + relativedelta(months=1, days=-1)
            if any(
                line.internship_id in paper.internship_ids
                and line.start_date
                and line.start_date <= month_end
                and (line.end_date or line.planned_end_date or month_end) >= paper.month
                for line in lines
            ):
                claimed |= paper
        return claimed

    def _jianxi_check_not_claimed(self):
        claimed = self._jianxi_claimed()
        if claimed:
            raise UserError(
                _(
                    "%(paper)s belongs to a claim already submitted: it can no longer be changed or deleted. "
                    "Upload a new paper instead.",
                    paper=claimed[0].display_name,
                )
            )

    @api.model
    def _jianxi_months_with_papers(self, internships):
        """``{internship id: {month: {'attendance': bool, 'allowance': bool}}}`` for ``internships``,
        over every month that has at least one paper; one search for all of them (as superuser:
        the caller has checked access)."""
        result = {internship_id: {} for internship_id in internships.ids}
        papers = self.sudo().search_fetch(
            [("internship_ids", "in", internships.ids)], ["month", "kind", "internship_ids"]
        )
        for paper in papers:
            for internship_id in paper.internship_ids.ids:
                if internship_id in result:
                    months = result[internship_id].setdefault(
                        paper.month, {kind: False for kind, _label in PAPER_KINDS}
                    )
                    months[paper.kind] = True
        return result

    @api.model
    def _jianxi_complete_months(self, presence):
        """The months of ``presence`` (one internship's value of ``_jianxi_months_with_papers``)
        that have every kind of paper, as the rules take them."""
        return frozenset(month for month, kinds in presence.items() if all(kinds.values()))

    @api.model
    def _jianxi_on_duty_in(self, internships, month):
        """The ``internships`` on duty at some day of ``month`` (its first day)."""
        return internships.filtered(lambda i: month in self._jianxi_duty_months(i, month))

    @api.model
    def _jianxi_duty_months(self, internship, until):
        """The months (first days) in which ``internship`` was on duty, up to the month of ``until``."""
        if not (internship.start_date and internship.state in DUTY_STATES):
            return []
        until = until + relativedelta(day=31)  # the whole month of ``until``
        end = min(internship.actual_end_date or internship.planned_end_date or until, until)
        return subsidy.duty_months(internship.start_date, end)
