from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..rules import bounds


class JianxiPriorInternship(models.Model):
    """An internship a person held outside this database (issue 12, point 2): before the online
    zone, in another county's or province's system, or on paper. An officer records it from the
    bureau's evidence; it counts for "once in a lifetime" (../shared/POLICY.md, "The transition of
    2022") like an internship in the database, and shows on the officer's eligibility review."""

    _name = "jianxi.prior.internship"
    _inherit = ["mail.thread", "jianxi.typed.text.mixin"]
    _jianxi_text_fields = ("unit_name", "source_document", "note")
    _description = "Internship Held Elsewhere"
    _order = "date_start desc, id desc"

    applicant_id = fields.Many2one(
        "jianxi.applicant", string="Applicant", required=True, index=True, ondelete="cascade", tracking=True
    )
    unit_name = fields.Char(string="Internship Unit", required=True, tracking=True)
    region_id = fields.Many2one("jianxi.region", string="County", ondelete="restrict", tracking=True)
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", tracking=True, help="Empty when the paper does not say.")
    source_document = fields.Char(
        string="Evidence",
        required=True,
        tracking=True,
        help="The paper that proves it: its reference number, or where the bureau keeps it "
        "(e.g. 石人社通〔2021〕16号 roster).",
    )
    note = fields.Text()
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, default=lambda self: self.env.user, copy=False
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for prior in self:
            for day in (prior.date_start, prior.date_end):
                if day and not bounds.plausible_past_date(day, today):
                    raise ValidationError(
                        _(
                            "The dates of an internship held elsewhere must be between %(earliest)s and today.",
                            earliest=bounds.EARLIEST_DATE.isoformat(),
                        )
                    )
            if prior.date_end and prior.date_end < prior.date_start:
                raise ValidationError(_("An internship held elsewhere cannot end before it starts."))

    def _jianxi_summary(self):
        """One line for the officer: period · unit (county) · evidence."""
        self.ensure_one()
        period = fields.Date.to_string(self.date_start) + (
            f" – {fields.Date.to_string(self.date_end)}" if self.date_end else ""
        )
        if self.region_id:
            return _(
                "%(period)s · %(unit)s, %(county)s · held outside this system (%(evidence)s)",
                period=period,
                unit=self.unit_name,
                county=self.region_id.name,
                evidence=self.source_document,
            )
        return _(
            "%(period)s · %(unit)s · held outside this system (%(evidence)s)",
            period=period,
            unit=self.unit_name,
            evidence=self.source_document,
        )
