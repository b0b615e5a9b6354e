"""Host units (见习基地 / 见习单位): how many interns a unit may hold, and when it breaks a rule
of its status. Plain Python, no ORM: the model gathers the figures, these functions decide.

- The cap: interns at most a share of the unit's insured staff (参保职工), rounded down, at least
  one for any certified unit. A share of 0 means no cap.
- No intern: a certified unit that has had no intern for the set number of months (12 in
  Guizhou), counted from the end of its last intern, or from its certification when it never had
  one, is flagged.
- Low retention: a unit that kept on (留用) fewer than the floor (20%) of the interns whose
  internship ended in each of the last complete years (2 running) is flagged. A year in which no
  intern of the unit ended says nothing about its retention: it breaks the run.

The cap is a gate on new placements (the unit confirms, the bureau approves). Internships imported
from before the online zone (legacy import) record what happened under the old rules: the import
is not refused by today's cap, but those on duty count toward it for what the unit confirms next,
and the ended ones count in both withdrawal rules.
"""

import math
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

# The interns that count toward the cap: confirmed by the unit, approved by the bureau, on duty
# (an intern who asked to end is still on duty). An application not yet answered, an intern who
# never arrived and an ended internship do not.
CAP_STATES = ("confirmed", "approved", "on_duty", "end_requested")

NO_INTERN = "no_intern"
LOW_RETENTION = "low_retention"


def intern_cap(insured_staff, ratio_percent):
    """The most interns a certified unit may hold: ``floor(insured_staff × ratio)``, at least 1;
    None when the policy sets no cap (a share of 0)."""
    if not ratio_percent:
        return None
    # the product rounded to 6 decimals first: 30% of 10 is 3, not 2.9999999999999996
    return max(1, math.floor(round(max(insured_staff or 0, 0) * ratio_percent / 100.0, 6)))


@dataclass(frozen=True)
class LifecycleSettings:
    no_intern_months: int
    retention_floor: float  # percent
    retention_years: int


@dataclass(frozen=True)
class LifecycleFlag:
    """A broken rule, as a code with its figures (the model stores them and renders the sentence)."""

    code: str
    since: date | None = None  # no intern: the last day with an intern, or the certification
    months: int = 0  # no intern: the setting
    first_year: int = 0  # low retention: the years looked at
    last_year: int = 0
    ended: int = 0  # low retention: interns ended in those years, and kept on among them
    kept: int = 0
    floor: float = 0.0


def no_intern_flag(today, settings, certified_date, has_intern_now, last_end):
    """The ``NO_INTERN`` flag when the unit has had no intern for ``settings.no_intern_months``
    months, else None.

    :param certified_date: the day the unit was certified (None: unknown, never flagged)
    :param has_intern_now: an intern of the unit counts toward the cap today
    :param last_end: the last day of the unit's latest ended intern, or None
    """
    if has_intern_now or not settings.no_intern_months or not certified_date:
        return None
    since = max(filter(None, (certified_date, last_end)))
    if since + relativedelta(months=settings.no_intern_months) > today:
        return None
    return LifecycleFlag(NO_INTERN, since=since, months=settings.no_intern_months)


def retention_years(today, settings):
    """The complete calendar years the retention rule looks at, oldest first."""
    return list(range(today.year - settings.retention_years, today.year))


def low_retention_flag(today, settings, by_year):
    """The ``LOW_RETENTION`` flag when, in each of the last ``settings.retention_years`` complete
    years, the unit kept on fewer than ``settings.retention_floor`` percent of its interns ended
    that year; else None.

    :param by_year: ``{year: (ended, kept)}``
    """
    years = retention_years(today, settings)
    if not years:
        return None
    for year in years:
        ended, kept = by_year.get(year, (0, 0))
        if not ended or kept * 100.0 >= settings.retention_floor * ended:
            return None
    return LifecycleFlag(
        LOW_RETENTION,
        first_year=years[0],
        last_year=years[-1],
        ended=sum(by_year[year][0] for year in years),
        kept=sum(by_year[year][1] for year in years),
        floor=settings.retention_floor,
    )


def lifecycle_flag(today, settings, certified_date, has_intern_now, last_end, by_year):
    """The rule the unit breaks (no intern first), or None."""
    return no_intern_flag(today, settings, certified_date, has_intern_now, last_end) or low_retention_flag(
        today, settings, by_year
    )
