"""Who may be an intern (见习对象): the eligibility checklist.

Plain Python, no ORM. ``checklist()`` turns what is known about a person, a
placement and their history into one ``CheckLine`` per applicable rule, each
with a result ('pass', 'fail' or 'unknown') and a lazy, translatable reason.
Unknown data never passes: the line is 'unknown' and says what is missing.
"""

from dataclasses import dataclass, field
from datetime import date

from odoo.tools.translate import LazyGettext, LazyTranslate

from . import identity

_lt = LazyTranslate(__name__, default_lang='en_US')

PASS = 'pass'
FAIL = 'fail'
UNKNOWN = 'unknown'

COLLEGE = 'college'
VOCATIONAL = 'vocational'
UNEMPLOYED = 'unemployed'
GRADUATE_CATEGORIES = (COLLEGE, VOCATIONAL)

CATEGORY_LABELS = {
    COLLEGE: _lt("college graduate"),
    VOCATIONAL: _lt("secondary vocational graduate"),
    UNEMPLOYED: _lt("unemployed young person"),
}

EDUCATION_LEVEL_LABELS = {
    'vocational': _lt("secondary vocational"),
    'junior_college': _lt("junior college"),
    'bachelor': _lt("bachelor"),
    'master': _lt("master"),
    'doctor': _lt("doctor"),
}

RULE_LABELS = {
    'id_number': _lt("ID number"),
    'exclusions': _lt("Not a student, employed or business owner"),
    'category': _lt("Category"),
    'age': _lt("Age"),
    'education_level': _lt("Education level"),
    'vocational_area': _lt("Key county or hardship area"),
    'graduation_window': _lt("Time since graduation"),
    'diploma_registration': _lt("Diploma registration"),
    'household': _lt("Household registration"),
    'unemployment_registration': _lt("Unemployment registration"),
    'once_per_lifetime': _lt("Once per lifetime"),
    'one_open_application': _lt("One open application"),
}
RULES = tuple(RULE_LABELS)

_YES = _lt("yes")
_NO = _lt("no")
_NOT_RECORDED = _lt("not recorded")
_START_DATE = _lt("start date")
_AGREEMENT_DATE = _lt("agreement date")


@dataclass(frozen=True)
class Person:
    id_number: str | None
    category: str | None            # 'college' | 'vocational' | 'unemployed'
    education_level: str | None     # 'vocational' (中职), 'junior_college' (专科), 'bachelor', 'master', 'doctor'
    diploma_date: date | None
    diploma_registration_date: date | None
    household_region_codes: frozenset[str] = frozenset()   # household region AND all its ancestors
    unemployment_registration_date: date | None = None
    out_of_province_special_major: bool = False   # set by an officer on the applicant
    is_student: bool | None = None
    is_employed: bool | None = None
    has_business_licence: bool | None = None


@dataclass(frozen=True)
class Placement:
    agreement_date: date | None
    start_date: date | None
    key_county: bool = False          # work county is 国家乡村振兴重点帮扶县
    hardship_area: bool = False       # work county is 艰苦边远地区
    special_major_exception: bool = False   # officer marked the position as special-major exception


@dataclass(frozen=True)
class History:
    previous_internships: int = 0     # other internships of this person that passed eligibility approval
    lifetime_exception: bool = False  # a manager recorded an exception to once-per-lifetime
    other_open_applications: int = 0


@dataclass(frozen=True)
class EligibilityPolicy:
    min_age: int = 16
    max_age: int = 24                      # inclusive: 16 <= age <= 24, i.e. age < 25
    graduation_window_years: int = 2
    college_levels: frozenset[str] = frozenset({'junior_college', 'bachelor', 'master', 'doctor'})
    vocational_levels: frozenset[str] = frozenset({'vocational'})
    household_region_code: str | None = '520600'   # None = no household requirement
    extra_cohort_years: frozenset[int] = frozenset()  # graduation years admitted outside the window
    household_region_name: str | None = None       # shown in reasons instead of the code, e.g. '铜仁市'


@dataclass(frozen=True)
class CheckLine:
    rule: str
    result: str                  # PASS | FAIL | UNKNOWN
    # LazyGettext refuses == and hash(), so the reason stays out of comparisons.
    reason: LazyGettext = field(compare=False)


def is_eligible(lines):
    """True when every line passes (no FAIL and no UNKNOWN)."""
    return all(line.result == PASS for line in lines)


def failing(lines):
    """The lines that fail."""
    return [line for line in lines if line.result == FAIL]


def missing(lines):
    """The lines that cannot be decided for lack of data."""
    return [line for line in lines if line.result == UNKNOWN]


def add_years(day, years):
    """Same calendar day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def reference_date(placement):
    """The date windows are measured against: the start date, else the agreement date."""
    return placement.start_date or placement.agreement_date


def _label(labels, code):
    return labels.get(code, code)


def checklist(person, placement, history, policy, today=None):
    """Evaluate every applicable rule, in a fixed order.

    :param Person person:
    :param Placement placement:
    :param History history:
    :param EligibilityPolicy policy:
    :param date today: for the "birth date in the future" check (default: system date)
    :rtype: list[CheckLine]
    """
    today = today or date.today()
    ref = reference_date(placement)
    ref_label = _START_DATE if placement.start_date else _AGREEMENT_DATE
    category = person.category
    lines = []

    def add(rule, result, reason):
        lines.append(CheckLine(rule, result, reason))

    # id_number
    resident_id = None
    if not person.id_number:
        add('id_number', UNKNOWN, _lt("The ID number is missing."))
    else:
        try:
            resident_id = identity.parse_resident_id(person.id_number, today=today)
        except identity.IdentityError as error:
            add('id_number', FAIL, error.message)
        else:
            add('id_number', PASS, _lt("Valid ID number; birth date %(birth_date)s.",
                                       birth_date=resident_id.birth_date.isoformat()))

    # exclusions
    flags = (person.is_student, person.is_employed, person.has_business_licence)
    shown = {
        key: _YES if value else _NO if value is not None else _NOT_RECORDED
        for key, value in zip(('student', 'employed', 'licence'), flags, strict=True)
    }
    if any(flags):
        add('exclusions', FAIL, _lt(
            "Excluded: student: %(student)s; employed: %(employed)s; business licence: %(licence)s.", **shown))
    elif None in flags:
        add('exclusions', UNKNOWN, _lt(
            "Not all recorded: student: %(student)s; employed: %(employed)s; business licence: %(licence)s.",
            **shown))
    else:
        add('exclusions', PASS, _lt("Not a student, not employed and no business licence."))

    # category
    if not category:
        add('category', UNKNOWN, _lt("The applicant's category is missing."))
        category = None
    elif category not in CATEGORY_LABELS:
        add('category', FAIL, _lt("Unrecognised category %(category)s.", category=category))
        category = None
    else:
        add('category', PASS, _lt("Category: %(category)s.", category=CATEGORY_LABELS[category]))

    # age (unemployed only)
    if category == UNEMPLOYED:
        if resident_id is None:
            add('age', UNKNOWN, _lt("The age cannot be computed without a valid ID number."))
        elif not placement.agreement_date:
            add('age', UNKNOWN, _lt("The agreement date is missing, so the age cannot be computed."))
        else:
            age = identity.age_on(resident_id.birth_date, placement.agreement_date)
            values = {'age': age, 'date': placement.agreement_date.isoformat(),
                      'min': policy.min_age, 'max': policy.max_age}
            if policy.min_age <= age <= policy.max_age:
                add('age', PASS, _lt("Age %(age)s on the agreement date %(date)s is within %(min)s–%(max)s.",
                                     **values))
            else:
                add('age', FAIL, _lt("Age %(age)s on the agreement date %(date)s is outside %(min)s–%(max)s.",
                                     **values))

    # education_level (graduates only)
    if category in GRADUATE_CATEGORIES:
        accepted = policy.college_levels if category == COLLEGE else policy.vocational_levels
        level = person.education_level
        if not level:
            add('education_level', UNKNOWN, _lt("The education level is missing."))
        elif level in accepted:
            add('education_level', PASS, _lt("Education level %(level)s is accepted for a %(category)s.",
                                             level=_label(EDUCATION_LEVEL_LABELS, level),
                                             category=CATEGORY_LABELS[category]))
        else:
            add('education_level', FAIL, _lt("Education level %(level)s is not accepted for a %(category)s.",
                                             level=_label(EDUCATION_LEVEL_LABELS, level),
                                             category=CATEGORY_LABELS[category]))

    # vocational_area (secondary vocational graduates only)
    if category == VOCATIONAL:
        if placement.key_county and placement.hardship_area:
            add('vocational_area', PASS, _lt("The work county is a key county and a hardship/remote area."))
        elif placement.key_county:
            add('vocational_area', PASS, _lt("The work county is a national rural-revitalisation key county."))
        elif placement.hardship_area:
            add('vocational_area', PASS, _lt("The work county is a hardship/remote area."))
        else:
            add('vocational_area', FAIL, _lt(
                "Secondary vocational graduates qualify only in a key county or a hardship/remote area; "
                "the work county is neither."))

    # graduation_window and diploma_registration (graduates only)
    if category in GRADUATE_CATEGORIES:
        diploma = person.diploma_date
        years = policy.graduation_window_years
        if not diploma:
            add('graduation_window', UNKNOWN, _lt("The diploma date is missing."))
        elif not ref:
            add('graduation_window', UNKNOWN, _lt("The start date and the agreement date are both missing."))
        else:
            window_end = add_years(diploma, years)
            values = {'diploma': diploma.isoformat(), 'years': years, 'end': window_end.isoformat(),
                      'ref_label': ref_label, 'ref': ref.isoformat()}
            if diploma > ref:
                add('graduation_window', FAIL, _lt(
                    "The diploma date %(diploma)s is after the %(ref_label)s %(ref)s.", **values))
            elif ref <= window_end:
                add('graduation_window', PASS, _lt(
                    "Diploma dated %(diploma)s: the %(years)s-year window runs to %(end)s, "
                    "covering the %(ref_label)s %(ref)s.", **values))
            elif diploma.year in policy.extra_cohort_years:
                add('graduation_window', PASS, _lt(
                    "Cohort exception: the class of %(year)s is admitted by policy, although the %(years)s-year "
                    "window ended on %(end)s.", year=diploma.year, years=years, end=window_end.isoformat()))
            else:
                add('graduation_window', FAIL, _lt(
                    "Diploma dated %(diploma)s: the %(years)s-year window ended on %(end)s, "
                    "before the %(ref_label)s %(ref)s.", **values))

        # Only this year's graduates; older cohorts get no line. When the diploma
        # date or reference date is missing, graduation_window is already unknown.
        if diploma and ref and diploma.year == ref.year:
            registration = person.diploma_registration_date
            if not registration:
                add('diploma_registration', UNKNOWN, _lt(
                    "This year's graduate: the diploma registration date is missing."))
            elif ref >= registration:
                add('diploma_registration', PASS, _lt(
                    "This year's graduate: the %(ref_label)s %(ref)s is on or after the diploma registration "
                    "date %(registration)s.", ref_label=ref_label, ref=ref.isoformat(),
                    registration=registration.isoformat()))
            else:
                add('diploma_registration', FAIL, _lt(
                    "This year's graduate: the %(ref_label)s %(ref)s is before the diploma registration "
                    "date %(registration)s.", ref_label=ref_label, ref=ref.isoformat(),
                    registration=registration.isoformat()))

    # household
    required = policy.household_region_code
    if required:
        codes = person.household_region_codes
        region = policy.household_region_name or required
        if required in codes:
            add('household', PASS, _lt("The household registration is within region %(region)s.", region=region))
        elif category in GRADUATE_CATEGORIES and placement.special_major_exception:
            add('household', PASS, _lt(
                "Special-major exception on the position: household registration outside region %(region)s "
                "is accepted.", region=region))
        elif category in GRADUATE_CATEGORIES and person.out_of_province_special_major:
            add('household', PASS, _lt(
                "Special-major exception on the applicant: household registration outside region %(region)s "
                "is accepted.", region=region))
        elif not codes:
            add('household', UNKNOWN, _lt("The household registration region is missing."))
        else:
            add('household', FAIL, _lt(
                "The household registration is not within region %(region)s.", region=region))

    # unemployment_registration (unemployed only)
    if category == UNEMPLOYED:
        registration = person.unemployment_registration_date
        if not registration:
            add('unemployment_registration', UNKNOWN, _lt("The unemployment registration date is missing."))
        elif not ref:
            add('unemployment_registration', UNKNOWN, _lt(
                "The start date and the agreement date are both missing."))
        elif ref > registration:
            add('unemployment_registration', PASS, _lt(
                "Registered as unemployed on %(registration)s, before the %(ref_label)s %(ref)s.",
                registration=registration.isoformat(), ref_label=ref_label, ref=ref.isoformat()))
        else:
            add('unemployment_registration', FAIL, _lt(
                "Registered as unemployed on %(registration)s; the internship must start after that day, "
                "but the %(ref_label)s is %(ref)s.",
                registration=registration.isoformat(), ref_label=ref_label, ref=ref.isoformat()))

    # once_per_lifetime
    previous = history.previous_internships
    if previous <= 0:
        add('once_per_lifetime', PASS, _lt("No earlier approved internship."))
    elif history.lifetime_exception:
        add('once_per_lifetime', PASS, _lt(
            "%(count)s earlier approved internship(s), accepted by a manager exception.", count=previous))
    else:
        add('once_per_lifetime', FAIL, _lt(
            "%(count)s earlier approved internship(s): each person interns only once.", count=previous))

    # one_open_application
    others = history.other_open_applications
    if others > 0:
        add('one_open_application', FAIL, _lt(
            "%(count)s other open application(s): only one is allowed at a time.", count=others))
    else:
        add('one_open_application', PASS, _lt("No other open application."))

    return lines
