"""The money: internship subsidy claim lines (见习补贴).

Plain Python, no ORM. Amounts are computed in ``Decimal`` and rounded half-up
to the fen: each month of the breakdown is rounded, a component is the sum of
its rounded months (so the breakdown adds up on paper), and the total is the
sum of the rounded components. Results are returned as floats.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from odoo.tools.translate import LazyGettext, LazyTranslate

_lt = LazyTranslate(__name__, default_lang="en_US")

NOT_ENDED = "not_ended"
LATE = "late"
ALREADY_CLAIMED = "already_claimed"
EARLY_HIRE_SHORT = "early_hire_short"  # a remark on an included line, not an exclusion
# Monthly papers (考勤记录 and 补助发放凭证) missing for months on duty: a remark on an included line,
# paid anyway (PAPERS_MISSING) or those months left unpaid (PAPERS_EXCLUDED), by the policy's mode.
PAPERS_MISSING = "papers_missing"
PAPERS_EXCLUDED = "papers_excluded"
# What the policy does with a month on duty without both papers (SubsidyPolicy.missing_papers).
PAPERS_PAY = "pay"  # paid, nothing said
PAPERS_FLAG = "flag"  # paid, the line names the months
PAPERS_EXCLUDE = "exclude"  # not paid, the line names the months

# reason code -> callable(**params) -> LazyGettext. A claim line stores the code and its plain
# parameters (ISO dates, numbers); ``render_reason()`` gives the sentence in the reader's language.
REASONS: dict[str, Callable[..., LazyGettext]] = {
    NOT_ENDED: lambda **p: _lt(
        "The internship ended on %(planned_end)s by plan but was not ended in the system "
        "(人员终止 missing); it cannot be claimed.",
        **p,
    ),
    ALREADY_CLAIMED: lambda **p: _lt("This internship has already been claimed."),
    LATE: lambda **p: _lt(
        "Claimed on %(claim_date)s, after the last day of the %(days)s-day claim window, %(last_day)s "
        "(internship ended %(end)s).",
        **p,
    ),
    EARLY_HIRE_SHORT: lambda **p: _lt(
        "Hired early after %(served)s of %(planned)s months, less than the required %(min)s%%: "
        "the remaining months are not paid.",
        **p,
    ),
    PAPERS_MISSING: lambda **p: _lt(
        "Monthly papers (attendance record and allowance payment proof) missing for %(months)s: paid, to be "
        "checked.",
        **p,
    ),
    PAPERS_EXCLUDED: lambda **p: _lt(
        "Monthly papers (attendance record and allowance payment proof) missing for %(months)s: these months "
        "are not paid.",
        **p,
    ),
}


def render_reason(code, params, translate=str):
    """The sentence of a claim line's reason, rendered by ``translate``: ``str`` (English outside
    a request) or an environment's ``_`` (its language). No code, no sentence; an unknown code
    (stored by another version of the rules) is shown as it is."""
    if not code:
        return ""
    if code not in REASONS:
        return code
    try:
        return translate(REASONS[code](**(params or {})))
    except (KeyError, TypeError, ValueError):  # parameters of another version of the reason
        return code


_CENT = Decimal("0.01")
_MONTHS_DIGITS = 4
# retention 1/2 must meet a 0.5 threshold whatever float noise a caller's ratio carries
_RATIO_EPSILON = 1e-9


class MissingWageError(ValueError):
    """``wage_for`` returned no wage for a day; ``.message`` is lazy and translatable."""

    def __init__(self, day):
        self.day = day
        self.message = _lt("No minimum wage is set for %(day)s.", day=day.isoformat())
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class InternPeriod:
    key: object  # caller's id
    start: date
    planned_end: date
    actual_end: date | None  # None = not ended (人员终止 missing)
    state: str  # 'on_duty' | 'end_requested' | 'ended'
    end_reason: str | None  # 'completed' | 'hired' | 'job_elsewhere' | 'special' | 'unit_ended'
    kept_on: bool = False
    insurance_cost: float = 0.0
    already_claimed: bool = False
    # The months (first days) for which the unit uploaded both monthly papers; None when papers
    # are not asked for (an internship begun before the online zone).
    paper_months: frozenset | None = None


@dataclass(frozen=True)
class SubsidyPolicy:
    rate: float = 0.60
    retained_rate: float = 0.80
    retention_threshold: float = 0.50
    retention_bonus: float = 500.0
    insurance_cap: float = 300.0
    early_hire_min_fraction: float = 0.0  # share of the planned period served before remaining months are paid
    claim_window_days: int = 90  # days after the actual end in which the claim must be made
    missing_papers: str = PAPERS_FLAG  # PAPERS_PAY | PAPERS_FLAG | PAPERS_EXCLUDE


@dataclass(frozen=True)
class ClaimLine:
    key: object
    included: bool
    exclusion: str | None  # None | NOT_ENDED | LATE | ALREADY_CLAIMED
    reason_code: str | None = None  # a key of REASONS: why excluded, or a remark on the amount
    # Plain values; a dict cannot be hashed, so the params stay out of hash() (not out of ==).
    reason_params: dict = field(default_factory=dict, hash=False)
    months_served: float = 0.0
    months_early_hire: float = 0.0
    rate: float = 0.0
    wage_amount: float = 0.0
    early_hire_amount: float = 0.0
    insurance_amount: float = 0.0
    bonus_amount: float = 0.0
    total: float = 0.0
    # (month_first_day, fraction, wage, amount), served months then early-hire months
    monthly_breakdown: tuple = ()
    # The months on duty (first days) without both monthly papers, and the remark saying so
    # (PAPERS_MISSING or PAPERS_EXCLUDED; none in the PAPERS_PAY mode).
    missing_paper_months: tuple = ()
    papers_code: str | None = None
    papers_params: dict = field(default_factory=dict, hash=False)

    @property
    def reason(self):
        """The lazy sentence of the reason (``str()`` renders it in English), or None."""
        return REASONS[self.reason_code](**self.reason_params) if self.reason_code else None


def _money(value):
    return Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


def days_in_period_by_month(start, end):
    """Split [start, end] (both inclusive) by calendar month.

    :return: list of (first day of the month, days covered, days in the month);
        empty when end < start
    """
    result = []
    day = start
    while day <= end:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        month_first = day.replace(day=1)
        month_last = month_first.replace(day=days_in_month)
        covered_until = min(end, month_last)
        result.append((month_first, (covered_until - day).days + 1, days_in_month))
        day = month_last + timedelta(days=1)
    return result


def months_between(start, end):
    """Pro-rated number of months in [start, end]: full months count 1, partial
    months days covered / days in that month."""
    return sum(covered / in_month for _first, covered, in_month in days_in_period_by_month(start, end))


def retention_rate(periods_ended_in_year):
    """Share of ended internships whose intern was kept on (留用).

    :param periods_ended_in_year: InternPeriod of the unit's internships that
        ended in the year; periods not in state 'ended' are ignored
    :return: float, or None when no internship ended
    """
    ended = [period for period in periods_ended_in_year if period.state == "ended"]
    if not ended:
        return None
    return sum(1 for period in ended if period.kept_on) / len(ended)


def retained_rate_applies(retention, policy):
    return retention is not None and retention >= policy.retention_threshold - _RATIO_EPSILON


def duty_months(start, end):
    """The months (first days) that [start, end] touches: each asks for its monthly papers."""
    return [month_first for month_first, _covered, _in_month in days_in_period_by_month(start, end)]


def missing_paper_months(period, served_end):
    """The months on duty in [start, served_end] without both monthly papers (none when the
    internship is exempt: ``paper_months`` is None)."""
    if period.paper_months is None:
        return ()
    return tuple(month for month in duty_months(period.start, served_end) if month not in period.paper_months)


def _paid_months(start, end, wage_for, rate, unpaid=()):
    """Breakdown rows and their total for [start, end]; each month paid at the
    wage valid on its first covered day, except the months ``unpaid`` (left out)."""
    rows = []
    total = Decimal(0)
    months = 0.0
    for month_first, covered, in_month in days_in_period_by_month(start, end):
        if month_first in unpaid:
            continue
        first_covered = max(start, month_first)
        wage = wage_for(first_covered)
        if wage is None:
            raise MissingWageError(first_covered)
        amount = (Decimal(covered) * Decimal(str(wage)) * rate / Decimal(in_month)).quantize(
            _CENT, rounding=ROUND_HALF_UP
        )
        fraction = covered / in_month
        rows.append((month_first, fraction, float(wage), float(amount)))
        total += amount
        months += fraction
    return rows, total, months


def _excluded(period, exclusion, **params):
    return ClaimLine(key=period.key, included=False, exclusion=exclusion, reason_code=exclusion, reason_params=params)


def compute_line(period, claim_date, wage_for, policy, retention):
    """The claim line of one internship, or None when it is not yet due
    (not ended and its planned end is not before the claim date)."""
    if period.state != "ended" or period.actual_end is None:
        if period.planned_end < claim_date:
            return _excluded(period, NOT_ENDED, planned_end=period.planned_end.isoformat())
        return None
    if period.already_claimed:
        return _excluded(period, ALREADY_CLAIMED)
    last_day = period.actual_end + timedelta(days=policy.claim_window_days)
    if claim_date > last_day:
        return _excluded(
            period,
            LATE,
            claim_date=claim_date.isoformat(),
            days=policy.claim_window_days,
            last_day=last_day.isoformat(),
            end=period.actual_end.isoformat(),
        )

    retained = retained_rate_applies(retention, policy)
    rate = policy.retained_rate if retained else policy.rate
    dec_rate = Decimal(str(rate))
    reason_code, reason_params = None, {}

    # The agreed period is the most that is paid, even if the end was recorded late.
    served_end = min(period.actual_end, period.planned_end)
    missing = missing_paper_months(period, served_end)
    papers_code = None if not missing or policy.missing_papers == PAPERS_PAY else PAPERS_MISSING
    if missing and policy.missing_papers == PAPERS_EXCLUDE:
        papers_code = PAPERS_EXCLUDED
    unpaid = frozenset(missing) if papers_code == PAPERS_EXCLUDED else frozenset()
    # months_served counts the months paid; the share served (early hire) counts every month on duty
    rows, wage_amount, months_served = _paid_months(period.start, served_end, wage_for, dec_rate, unpaid)

    early_amount = Decimal(0)
    months_early = 0.0
    if period.end_reason == "hired" and served_end < period.planned_end:
        planned_months = months_between(period.start, period.planned_end)
        months_on_duty = months_between(period.start, served_end)
        served_share = months_on_duty / planned_months if planned_months else 0.0
        if served_share >= policy.early_hire_min_fraction - _RATIO_EPSILON:
            early_rows, early_amount, months_early = _paid_months(
                served_end + timedelta(days=1), period.planned_end, wage_for, dec_rate
            )
            rows += early_rows
        else:
            reason_code = EARLY_HIRE_SHORT
            reason_params = {
                "served": f"{months_on_duty:.2f}",
                "planned": f"{planned_months:.2f}",
                "min": f"{policy.early_hire_min_fraction * 100:.0f}",
            }

    insurance = _money(min(max(period.insurance_cost, 0.0), policy.insurance_cap))
    bonus = _money(policy.retention_bonus) if (period.kept_on and retained) else Decimal(0)
    total = wage_amount + early_amount + insurance + bonus
    return ClaimLine(
        key=period.key,
        included=True,
        exclusion=None,
        reason_code=reason_code,
        reason_params=reason_params,
        months_served=round(months_served, _MONTHS_DIGITS),
        months_early_hire=round(months_early, _MONTHS_DIGITS),
        rate=rate,
        wage_amount=float(wage_amount),
        early_hire_amount=float(early_amount),
        insurance_amount=float(insurance),
        bonus_amount=float(bonus),
        total=float(total),
        monthly_breakdown=tuple(rows),
        missing_paper_months=missing,
        papers_code=papers_code,
        papers_params={"months": ", ".join(f"{month:%Y-%m}" for month in missing)} if papers_code else {},
    )


def compute_lines(periods, claim_date, wage_for, policy, retention):
    """Claim lines for a unit's internships, in input order.

    :param periods: iterable of InternPeriod
    :param date claim_date: the day the claim is made
    :param wage_for: callable(day) -> monthly minimum wage valid on that day (the caller binds the county);
        returning None raises MissingWageError
    :param SubsidyPolicy policy:
    :param retention: the unit's retention rate for the year (float) or None
    :rtype: list[ClaimLine]
    """
    lines = []
    for period in periods:
        line = compute_line(period, claim_date, wage_for, policy, retention)
        if line is not None:
            lines.append(line)
    return lines


def claim_totals(lines):
    """Totals of a claim over its included lines.

    :return: dict with 'count' (included interns), 'excluded' (excluded lines),
        'wage_amount', 'early_hire_amount', 'insurance_amount', 'bonus_amount', 'total'
    """
    included = [line for line in lines if line.included]
    components = ("wage_amount", "early_hire_amount", "insurance_amount", "bonus_amount", "total")
    totals = {name: float(sum((_money(getattr(line, name)) for line in included), Decimal(0))) for name in components}
    totals["count"] = len(included)
    totals["excluded"] = len(lines) - len(included)
    return totals
