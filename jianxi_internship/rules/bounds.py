"""Plausible ranges of what people type: numbers that are finite and of a sane size, dates of
this world. Plain Python, no ORM. Beyond them a value is a typo or an attack, never a fact; the
models refuse it with a message (a 26-digit headcount would otherwise reach PostgreSQL and end
in an HTTP 500, an allowance of 1e26 would be stored)."""

import math
from datetime import date

EARLIEST_DATE = date(1900, 1, 1)
MAX_MONTHLY_AMOUNT = 100_000  # yuan: allowances, premiums
MAX_HEADCOUNT = 1_000  # seats of one position
MAX_STAFF = 1_000_000  # insured staff of one unit
MAX_MONTHS = 12  # an internship never lasts longer (../shared/POLICY.md)
MAX_REFERENCE_LENGTH = 64
# PostgreSQL's integer (ids, counts): beyond it a typed id or count would end in an HTTP 500.
MAX_DATABASE_INTEGER = 2**31 - 1  # characters of a payment voucher or batch number


def within(value, low, high):
    """Whether ``value`` is a finite number from ``low`` to ``high``."""
    return value is not None and math.isfinite(value) and low <= value <= high


def plausible_past_date(day, today):
    """Whether ``day`` (a birth, diploma or registration date) is neither before 1900 nor after today."""
    return EARLIEST_DATE <= day <= today
