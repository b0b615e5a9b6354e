"""Working days (工作日) and the public notice (公示) of a subsidy claim. Plain Python, no ORM.

A day is a working day when it is a weekday that is not a public holiday, or a weekend day that
the State Council's schedule makes a make-up workday (调休上班). The bureau's managers keep the
holidays and make-up workdays in a dated table (``jianxi.calendar.day``); this module takes them
as two sets of dates.

A claim approved on a day is published from the next working day, for a number of working days
that the policy sets (both ends included); it may be paid from the day after the notice's last day.
"""

from datetime import date, timedelta

# A notice of at most this many working days (a policy beyond it is a typo): 30 working days are
# six weeks. The search for the period stops after this many calendar days, whatever the table.
MAX_NOTICE_WORKING_DAYS = 30
_SEARCH_LIMIT_DAYS = 366


def is_working_day(day: date, holidays=frozenset(), workdays=frozenset()) -> bool:
    """Whether ``day`` is a working day, given the public ``holidays`` (days off, whatever the
    weekday) and the make-up ``workdays`` (weekend days worked)."""
    if day in holidays:
        return False
    if day in workdays:
        return True
    return day.weekday() < 5


def notice_period(approved_on: date, working_days: int, holidays=frozenset(), workdays=frozenset()):
    """The first and the last day of the public notice of a claim approved on ``approved_on``:
    from the next working day, for ``working_days`` working days (both ends included).

    :raise ValueError: when ``working_days`` is not from 1 to ``MAX_NOTICE_WORKING_DAYS``, or
        when a year passes without enough working days (a table that marks every day a holiday)
    """
    if isinstance(working_days, bool) or not isinstance(working_days, int):
        raise ValueError(f"working_days must be an integer, not {working_days!r}")
    if not 1 <= working_days <= MAX_NOTICE_WORKING_DAYS:
        raise ValueError(f"working_days must be from 1 to {MAX_NOTICE_WORKING_DAYS}, not {working_days}")
    first = last = None
    counted = 0
    day = approved_on
    for _step in range(_SEARCH_LIMIT_DAYS):
        day += timedelta(days=1)
        if not is_working_day(day, holidays, workdays):
            continue
        first = first or day
        counted += 1
        if counted == working_days:
            last = day
            break
    if last is None:
        raise ValueError(f"fewer than {working_days} working days in the year after {approved_on}")
    return first, last


def search_window(approved_on: date):
    """The calendar days (first, last) in which ``notice_period`` looks, whatever the notice's
    length, so that a caller reads the holidays and make-up workdays of that window only."""
    return approved_on + timedelta(days=1), approved_on + timedelta(days=_SEARCH_LIMIT_DAYS)
