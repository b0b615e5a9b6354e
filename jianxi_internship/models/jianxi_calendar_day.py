from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from ..rules import workdays

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
KINDS = [
    ("holiday", "Public Holiday (day off)"),
    ("workday", "Make-up Workday"),
]


class JianxiCalendarDay(models.Model):
    """A day that is not what its weekday says: a public holiday (法定节假日, off even on a weekday)
    or a make-up workday (调休上班, a Saturday or Sunday worked). The State Council publishes the
    schedule each winter; the bureau's managers enter it here. The public notice of subsidy claims
    counts working days with this table (``rules.workdays``)."""

    _name = "jianxi.calendar.day"
    _description = "Public Holiday or Make-up Workday"
    _order = "day desc"
    _rec_name = "day"

    day = fields.Date(string="Date", required=True)
    kind = fields.Selection(KINDS, required=True, default="holiday")
    name = fields.Char(string="Holiday", help="The holiday it belongs to, e.g. 国庆节 or 春节.")
    weekday = fields.Char(compute="_compute_weekday")

    _sql_constraints = [
        ("day_unique", "unique(day)", "This date is in the table already."),
    ]

    @api.depends("day")
    @api.depends_context("lang")
    def _compute_weekday(self):
        for record in self:
            # the weekday's name in the reader's language (babel's): 星期六
            record.weekday = format_date(self.env, record.day, date_format="EEEE") if record.day else False

    @api.constrains("day", "kind")
    def _check_day(self):
        for record in self:
            if not FIRST_DAY <= record.day <= LAST_DAY:
                raise ValidationError(
                    _("Enter a date from %(first)s to %(last)s.", first=FIRST_DAY.year, last=LAST_DAY.year)
                )
            if record.kind == "workday" and record.day.weekday() < 5:
                raise ValidationError(
                    _(
                        "%(day)s is a weekday, a working day already: a make-up workday is a Saturday or a Sunday.",
                        day=record.day.isoformat(),
                    )
                )

    @api.model
    def _jianxi_notice_period(self, approved_on, working_days):
        """The (first, last) day of a public notice that starts after ``approved_on`` and lasts
        ``working_days`` working days, with the table's holidays and make-up workdays: one query."""
        first, last = workdays.search_window(approved_on)
        days = self.sudo().search_fetch([("day", ">=", first), ("day", "<=", last)], ["day", "kind"])
        holidays = frozenset(d.day for d in days if d.kind == "holiday")
        makeup = frozenset(d.day for d in days if d.kind == "workday")
        return workdays.notice_period(approved_on, working_days, holidays, makeup)
