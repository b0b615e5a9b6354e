"""The legacy import (历史见习导入, issue 12): the bureau's spreadsheet of internships begun before
the online zone, checked row by row.

Plain Python, no ORM. ``parse_rows()`` takes the rows of the file (the header row first) and what
it needs to know of the database as plain values (the counties, the legacy rule set's numbers),
and returns one ``LegacyRow`` per data row: its values, language-free (ISO dates, numbers, codes),
and its errors as ``(code, params)`` pairs. ``render_error()`` turns an error into the sentence in
the reader's language, like the eligibility checklist's reasons: errors are stored as codes, so a
manager reading in Chinese and another in English read the same dry run.

The checks that need the database (the person's other internships, an earlier import of the same
row) live in the model, ``jianxi.legacy.import``; their reasons are declared here, so that every
reason of a row renders the same way.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from odoo.tools.translate import LazyGettext, LazyTranslate

from . import bounds, identity, text

_lt = LazyTranslate(__name__, default_lang="en_US")

# A file is read whole in one request: beyond this many data rows the bureau splits it.
MAX_ROWS = 5_000
MAX_TEXT_LENGTH = 200  # characters of a name, a unit or a position title


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the template's header, in Chinese: the bureau's spreadsheets are
    required: bool
    kind: str  # 'text', 'id_number', 'credit_code', 'county', 'date', 'amount', a choice name
    hint: str  # what to write, shown on the template's instructions sheet


# The columns of the template, in its order. The headers are the file's own words (Chinese in
# every language of the reader): a file is matched on them, not on the position of its columns.
COLUMNS = (
    Column("name", "姓名", True, "text", "见习人员姓名"),
    Column("id_number", "身份证号码", True, "id_number", "18位居民身份证号码，请设置为文本格式"),
    Column("phone", "联系电话", False, "text", "手机号码"),
    Column("category", "人员类别", False, "category", "高校毕业生、中职毕业生或失业青年"),
    Column("unit_name", "见习单位名称", True, "text", "与营业执照一致的单位名称"),
    Column("credit_code", "统一社会信用代码", True, "credit_code", "18位统一社会信用代码"),
    Column("county", "单位所在县", True, "county", "6位行政区划代码（如520623）或县名全称（如石阡县）"),
    Column("position", "见习岗位", True, "text", "岗位名称"),
    Column("allowance", "月生活补助（元）", True, "amount", "每月发放的基本生活补助，不低于当地最低工资标准"),
    Column("agreement_date", "协议签订日期", False, "date", "如 2021-09-01；空白时按见习开始日期"),
    Column("start_date", "见习开始日期", True, "date", "如 2021-09-01，须早于线上见习专区启用日期"),
    Column("planned_end_date", "协议约定结束日期", True, "date", "如 2022-02-28"),
    Column("state", "见习状态", True, "state", "在岗、申请终止或已终止"),
    Column("actual_end_date", "实际结束日期", False, "date", "已终止时填写"),
    Column(
        "end_reason",
        "终止原因",
        False,
        "end_reason",
        "已终止时填写：期满、本单位录用、到其他单位就业、特殊原因或单位终止",
    ),
    Column("kept_on", "是否留用", False, "yes_no", "是或否；空白为否"),
    Column("accident_premium", "意外伤害保险费（元）", False, "amount", "实际缴纳的保险费"),
    Column("medical_premium", "住院医疗保险费（元）", False, "amount", "实际缴纳的保险费"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

# The words of the choice columns, as a bureau writes them: {column kind: {word: code}}.
CHOICES = {
    "category": {
        "高校毕业生": "college",
        "中职毕业生": "vocational",
        "失业青年": "unemployed",
    },
    "state": {"在岗": "on_duty", "申请终止": "end_requested", "已终止": "ended"},
    "end_reason": {
        "期满": "completed",
        "本单位录用": "hired",
        "到其他单位就业": "job_elsewhere",
        "特殊原因": "special",
        "单位终止": "unit_ended",
    },
    "yes_no": {"是": True, "否": False},
}
KEPT_ON_REASONS = ("completed", "hired")

ERRORS: dict[str, Callable[..., LazyGettext]] = {
    **{f"id_number.{code}": message for code, message in identity.RESIDENT_ID_ERRORS.items()},
    **{f"credit_code.{code}": message for code, message in identity.CREDIT_CODE_ERRORS.items()},
    "file.unreadable": lambda **p: _lt("The file cannot be read as an Excel workbook (.xlsx): save it as .xlsx."),
    "file.too_large": lambda **p: _lt("The file is larger than %(max)s MB: split it into several files.", **p),
    "file.empty": lambda **p: _lt("The file has no rows under its header."),
    "file.too_many_rows": lambda **p: _lt(
        "The file has %(count)s rows; at most %(max)s are imported at once: split it into several files.", **p
    ),
    "file.missing_columns": lambda **p: _lt(
        "The header row lacks the columns %(columns)s: start from the template.", **p
    ),
    "cell.missing": lambda **p: _lt("“%(column)s” is empty.", **p),
    "cell.too_long": lambda **p: _lt("“%(column)s” is longer than %(max)s characters.", **p),
    "cell.control_characters": lambda **p: _lt("“%(column)s” contains characters that cannot be typed.", **p),
    "date.format": lambda **p: _lt("“%(column)s”: “%(value)s” is not a date (write it as 2021-09-01).", **p),
    "date.range": lambda **p: _lt("“%(column)s”: %(value)s is not between %(earliest)s and today.", **p),
    "amount.format": lambda **p: _lt("“%(column)s”: “%(value)s” is not an amount in yuan.", **p),
    "amount.range": lambda **p: _lt("“%(column)s”: %(value)s is not an amount from 0 to %(max)s.", **p),
    "choice.unknown": lambda **p: _lt("“%(column)s”: “%(value)s” is not one of %(choices)s.", **p),
    "county.unknown": lambda **p: _lt("No county has the code or the name “%(value)s”.", **p),
    "county.ambiguous": lambda **p: _lt("Several regions are named “%(value)s”: write the 6-digit code instead.", **p),
    "county.level": lambda **p: _lt("“%(value)s” is not a county or district.", **p),
    "period.after_cutoff": lambda **p: _lt(
        "The internship started on %(start)s, on or after %(cutoff)s: it belongs to the online zone, not to "
        "“%(policy)s”.",
        **p,
    ),
    "period.order": lambda **p: _lt("The agreed end %(end)s is not after the start %(start)s.", **p),
    "period.duration": lambda **p: _lt(
        "The agreed period lasts %(months)s months; “%(policy)s” allows %(min)s to %(max)s months.", **p
    ),
    "period.agreement_after_start": lambda **p: _lt(
        "The agreement date %(agreement)s is after the start %(start)s.", **p
    ),
    "end.missing": lambda **p: _lt("An ended internship needs its actual end date and its end reason."),
    "end.unexpected": lambda **p: _lt(
        "Only an ended internship has an actual end date or an end reason; this one is “%(state)s”.", **p
    ),
    "end.range": lambda **p: _lt(
        "The actual end %(end)s must lie between the start %(start)s and the agreed end %(planned)s, and not in "
        "the future.",
        **p,
    ),
    "end.completed": lambda **p: _lt(
        "An internship that ran its full term (期满) ends on its agreed end %(planned)s.", **p
    ),
    "end.kept_on": lambda **p: _lt("Only an intern who completed the term or was hired by the unit is kept on."),
    "row.duplicate": lambda **p: _lt("Same person, unit and start date as row %(row)s.", **p),
    "person.twice": lambda **p: _lt(
        "The same person also has row %(row)s, another internship: an internship is once in a lifetime.", **p
    ),
    # checks against the database (``jianxi.legacy.import``)
    "person.name_mismatch": lambda **p: _lt(
        "This ID number belongs to %(name)s in the system, not to the name of this row.", **p
    ),
    "person.interned": lambda **p: _lt(
        "This person already has an internship in the system (%(unit)s, from %(start)s): an internship is once "
        "in a lifetime.",
        **p,
    ),
    "person.open_application": lambda **p: _lt(
        "This person has an open application in the online zone (%(unit)s): it must be closed before the "
        "earlier internship is imported.",
        **p,
    ),
    "existing.online": lambda **p: _lt(
        "An internship of this person at this unit from %(start)s was made in the online zone: an import does "
        "not replace it.",
        **p,
    ),
    "existing.claimed": lambda **p: _lt(
        "This internship was imported before and is on subsidy claim %(claim)s: it can no longer change.", **p
    ),
    "existing.unit_mismatch": lambda **p: _lt(
        "The credit code belongs to “%(unit)s” in the system, not to the unit name of this row.", **p
    ),
    "wage.missing": lambda **p: _lt(
        "No minimum wage is set for %(county)s on %(day)s: a manager adds it before the import.", **p
    ),
    "wage.below": lambda **p: _lt(
        "The allowance %(allowance)s is below the minimum wage of %(county)s on %(day)s (%(wage)s).", **p
    ),
}


def render_error(code, params, translate=str):
    """The sentence of error ``code`` rendered by ``translate`` (``str``, or an environment's ``_``
    for its language). An unknown code (another version) is shown as it is, never raised."""
    if code not in ERRORS:
        return code or ""
    try:
        return translate(ERRORS[code](**(params or {})))
    except (KeyError, TypeError, ValueError):
        return code


@dataclass(frozen=True)
class County:
    id: int
    name: str
    code: str
    level: str


@dataclass(frozen=True)
class Context:
    """What the rows are checked against, read from the database by the caller."""

    today: date
    counties_by_code: dict  # 6-digit code -> County
    counties_by_name: dict  # full name -> [County, ...]
    cutoff: date  # internships starting on or after it belong to the online zone
    policy_name: str
    duration_min_months: int
    duration_max_months: int


@dataclass
class LegacyRow:
    number: int  # the row's number in the spreadsheet (the header is row 1)
    values: dict = field(default_factory=dict)  # key -> language-free value
    errors: list = field(default_factory=list)  # [(code, params)]

    @property
    def key(self):
        """The natural key of the internship: ID number, credit code, start date."""
        return (self.values.get("id_number"), self.values.get("credit_code"), self.values.get("start_date"))

    def error(self, code, **params):
        self.errors.append((code, params))


def months_between(start, end):
    """The agreed period in months, counted as the agreements count them: 2021-09-01 to 2022-02-28
    is 6 months (the end is the last day)."""
    span = relativedelta(end + relativedelta(days=1), start)
    return span.years * 12 + span.months + (1 if span.days else 0)


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = _cell_text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", raw) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", raw
    )
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _parse_amount(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    raw = _cell_text(value).replace(",", "").replace("，", "").removesuffix("元")
    try:
        amount = float(raw)
    except ValueError:
        return None
    return amount if math.isfinite(amount) else None


def header_map(header_row):
    """{column key: index in the row} for the template's headers found in ``header_row``, and the
    headers of the required columns that are missing."""
    positions = {}
    for index, cell in enumerate(header_row):
        name = re.sub(r"\s+", "", _cell_text(cell)).removeprefix("*")
        for column in COLUMNS:
            if name == column.header and column.key not in positions:
                positions[column.key] = index
    missing = [column.header for column in COLUMNS if column.required and column.key not in positions]
    return positions, missing


def parse_rows(rows, context):
    """Check the rows of a legacy file (``rows``: the header row, then the data rows, each a
    sequence of cell values as openpyxl reads them).

    :returns: ``(file_errors, rows)``: errors of the file as a whole (``[(code, params)]``), and
        one ``LegacyRow`` per data row that is not entirely empty.
    """
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        return [("file.empty", {})], []
    positions, missing = header_map(header)
    if missing:
        return [("file.missing_columns", {"columns": "、".join(missing)})], []
    result = []
    for number, cells in enumerate(rows, start=2):
        if not any(_cell_text(cell) for cell in cells):
            continue
        if len(result) >= MAX_ROWS:
            return [("file.too_many_rows", {"count": f"{MAX_ROWS}+", "max": MAX_ROWS})], []
        row = LegacyRow(number)
        for column in COLUMNS:
            index = positions.get(column.key)
            cell = cells[index] if index is not None and index < len(cells) else None
            _parse_cell(row, column, cell, context)
        if not row.errors:
            _check_row(row, context)
        result.append(row)
    if not result:
        return [("file.empty", {})], []
    _check_across_rows(result)
    return [], result


def _parse_cell(row, column, cell, context):
    """Set ``row.values[column.key]`` from the cell, or add the cell's error."""
    raw = _cell_text(cell)
    if not raw:
        if column.required:
            row.error("cell.missing", column=column.header)
        return
    if len(raw) > MAX_TEXT_LENGTH:
        row.error("cell.too_long", column=column.header, max=MAX_TEXT_LENGTH)
        return
    if text.has_control_characters(raw):
        row.error("cell.control_characters", column=column.header)
        return
    parse = PARSERS.get(column.kind, _parse_choice)
    parse(row, column, cell, raw, context)


def _parse_text(row, column, cell, raw, context):
    row.values[column.key] = raw


def _parse_id_number(row, column, cell, raw, context):
    try:
        row.values[column.key] = identity.parse_resident_id(raw, today=context.today).number
    except identity.IdentityError as error:
        row.error(f"id_number.{error.code}", **error.params)


def _parse_credit_code(row, column, cell, raw, context):
    try:
        row.values[column.key] = identity.validate_credit_code(raw)
    except identity.IdentityError as error:
        row.error(f"credit_code.{error.code}", **error.params)


def _parse_date_cell(row, column, cell, raw, context):
    day = _parse_date(cell)
    if day is None:
        row.error("date.format", column=column.header, value=raw)
    elif not bounds.plausible_past_date(day, context.today):
        row.error("date.range", column=column.header, value=day.isoformat(), earliest=bounds.EARLIEST_DATE.isoformat())
    else:
        row.values[column.key] = day.isoformat()


def _parse_amount_cell(row, column, cell, raw, context):
    amount = _parse_amount(cell)
    if amount is None:
        row.error("amount.format", column=column.header, value=raw)
    elif not bounds.within(amount, 0, bounds.MAX_MONTHLY_AMOUNT):
        row.error("amount.range", column=column.header, value=raw, max=bounds.MAX_MONTHLY_AMOUNT)
    else:
        row.values[column.key] = round(amount, 2)


def _parse_choice(row, column, cell, raw, context):
    choices = CHOICES[column.kind]
    if raw not in choices:
        row.error("choice.unknown", column=column.header, value=raw, choices="、".join(choices))
    else:
        row.values[column.key] = choices[raw]


def _parse_county_cell(row, column, cell, raw, context):
    _parse_county(row, raw, context)


# How a cell of each kind of column is read (the choice columns: ``_parse_choice``).
PARSERS = {
    "text": _parse_text,
    "id_number": _parse_id_number,
    "credit_code": _parse_credit_code,
    "county": _parse_county_cell,
    "date": _parse_date_cell,
    "amount": _parse_amount_cell,
}


def _parse_county(row, raw, context):
    if raw.isdigit():
        county = context.counties_by_code.get(raw)
        candidates = [county] if county else []
    else:
        candidates = context.counties_by_name.get(raw, [])
    if not candidates:
        row.error("county.unknown", value=raw)
    elif len(candidates) > 1:
        row.error("county.ambiguous", value=raw)
    elif candidates[0].level != "county":
        row.error("county.level", value=raw)
    else:
        row.values["county"] = candidates[0].id


def _check_row(row, context):
    """The checks across the cells of one row (the cells themselves are valid)."""
    values = row.values
    start = date.fromisoformat(values["start_date"])
    planned = date.fromisoformat(values["planned_end_date"])
    if start >= context.cutoff:
        row.error(
            "period.after_cutoff",
            start=start.isoformat(),
            cutoff=context.cutoff.isoformat(),
            policy=context.policy_name,
        )
    if planned <= start:
        row.error("period.order", start=start.isoformat(), end=planned.isoformat())
    else:
        months = months_between(start, planned)
        if not context.duration_min_months <= months <= context.duration_max_months:
            row.error(
                "period.duration",
                months=months,
                min=context.duration_min_months,
                max=context.duration_max_months,
                policy=context.policy_name,
            )
    agreement = values.get("agreement_date")
    if agreement and date.fromisoformat(agreement) > start:
        row.error("period.agreement_after_start", agreement=agreement, start=start.isoformat())
    values.setdefault("agreement_date", start.isoformat())
    state = values["state"]
    has_end = "actual_end_date" in values or "end_reason" in values
    if state != "ended":
        if has_end:
            labels = {code: word for word, code in CHOICES["state"].items()}
            row.error("end.unexpected", state=labels[state])
        if values.get("kept_on"):
            row.error("end.kept_on")
        return
    if not ("actual_end_date" in values and "end_reason" in values):
        row.error("end.missing")
        return
    end = date.fromisoformat(values["actual_end_date"])
    if not start <= end <= min(planned, context.today):
        row.error("end.range", end=end.isoformat(), start=start.isoformat(), planned=planned.isoformat())
    elif values["end_reason"] == "completed" and end != planned:
        row.error("end.completed", planned=planned.isoformat())
    if values["end_reason"] == "hired":
        values["kept_on"] = True
    if values.get("kept_on") and values["end_reason"] not in KEPT_ON_REASONS:
        row.error("end.kept_on")


def _check_across_rows(rows):
    """A key once per file; a person once per file (once in a lifetime)."""
    first_of_key, first_of_person = {}, {}
    for row in rows:
        if row.errors:
            continue
        if row.key in first_of_key:
            row.error("row.duplicate", row=first_of_key[row.key])
            continue
        first_of_key[row.key] = row.number
        person = row.values["id_number"]
        if person in first_of_person:
            row.error("person.twice", row=first_of_person[person])
            continue
        first_of_person[person] = row.number
