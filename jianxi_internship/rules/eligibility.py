"""Who may be an intern (见习对象): the eligibility checklist.

Plain Python, no ORM. ``checklist()`` turns what is known about a person, a
placement and their history into one ``CheckLine`` per applicable rule, each
with a result ('pass', 'fail' or 'unknown') and the code and parameters of its
reason. Unknown data never passes: the line is 'unknown' and says what is missing.

Each rule is one function registered with ``@rule(code, reasons)``, run in the
order of ``RULE_LABELS``. A rule returns ``None`` when it does not apply, else
``(result, reason_code, reason_params)``: the params are plain values (ISO dates,
numbers, codes) that can be stored as JSON; ``render_reason()`` turns them into
the sentence in the reader's language, with the lazy translations of ``reasons``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from dateutil.relativedelta import relativedelta

from odoo.tools.translate import LazyGettext, LazyTranslate

from . import identity

_lt = LazyTranslate(__name__, default_lang="en_US")

PASS = "pass"
FAIL = "fail"
UNKNOWN = "unknown"

COLLEGE = "college"
VOCATIONAL = "vocational"
UNEMPLOYED = "unemployed"
GRADUATE_CATEGORIES = (COLLEGE, VOCATIONAL)

CATEGORY_LABELS = {
    COLLEGE: _lt("college graduate"),
    VOCATIONAL: _lt("secondary vocational graduate"),
    UNEMPLOYED: _lt("unemployed young person"),
}

EDUCATION_LEVEL_LABELS = {
    "vocational": _lt("secondary vocational"),
    "junior_college": _lt("junior college"),
    "bachelor": _lt("bachelor"),
    "master": _lt("master"),
    "doctor": _lt("doctor"),
}

RULE_LABELS = {
    "id_number": _lt("ID number"),
    "exclusions": _lt("Not a student, employed or business owner"),
    "category": _lt("Category"),
    "age": _lt("Age"),
    "education_level": _lt("Education level"),
    "vocational_area": _lt("Key county or hardship area"),
    "graduation_window": _lt("Time since graduation"),
    "diploma_registration": _lt("Diploma registration"),
    "household": _lt("Household registration"),
    "unemployment_registration": _lt("Unemployment registration"),
    "once_per_lifetime": _lt("Once per lifetime"),
    "one_open_application": _lt("One open application"),
}
RULES = tuple(RULE_LABELS)

# Which date the windows were measured on (reason parameter 'ref_label'). Before the agreement
# exists (the bureau reviews first), the expected start: the position's planned start, or the day
# of the review when that has passed.
START_DATE = "start_date"
AGREEMENT_DATE = "agreement_date"
PLANNED_START = "planned_start"
TODAY = "today"
REFERENCE_LABELS = {
    START_DATE: _lt("start date"),
    AGREEMENT_DATE: _lt("agreement date"),
    PLANNED_START: _lt("planned start date"),
    TODAY: _lt("date of the check"),
}
# An exclusion flag (reason parameters 'student', 'employed', 'licence'): True, False or None.
FLAG_LABELS = {
    True: _lt("yes"),
    False: _lt("no"),
    None: _lt("not recorded"),
}
# Reason parameters that hold a code, shown with its label (an unknown code is shown as it is).
PARAM_LABELS = {
    "category": CATEGORY_LABELS,
    "level": EDUCATION_LEVEL_LABELS,
    "ref_label": REFERENCE_LABELS,
    "student": FLAG_LABELS,
    "employed": FLAG_LABELS,
    "licence": FLAG_LABELS,
}


@dataclass(frozen=True)
class Person:
    id_number: str | None
    category: str | None  # 'college' | 'vocational' | 'unemployed'
    education_level: str | None  # 'vocational' (中职), 'junior_college' (专科), 'bachelor', 'master', 'doctor'
    diploma_date: date | None
    diploma_registration_date: date | None
    household_region_codes: frozenset[str] = frozenset()  # household region AND all its ancestors
    unemployment_registration_date: date | None = None
    out_of_province_special_major: bool = False  # set by an officer on the applicant
    is_student: bool | None = None
    is_employed: bool | None = None
    has_business_licence: bool | None = None


@dataclass(frozen=True)
class Placement:
    agreement_date: date | None
    start_date: date | None
    key_county: bool = False  # work county is 国家乡村振兴重点帮扶县
    hardship_area: bool = False  # work county is 艰苦边远地区
    special_major_exception: bool = False  # officer marked the position as special-major exception
    # Without agreement and start dates: the day to measure on instead, and which day it is
    # (PLANNED_START or TODAY).
    expected_start: date | None = None
    expected_label: str = PLANNED_START


@dataclass(frozen=True)
class History:
    previous_internships: int = 0  # other internships of this person that passed eligibility approval
    prior_internships: int = 0  # internships held outside this database, recorded by an officer
    lifetime_exception: bool = False  # a manager recorded an exception to once-per-lifetime
    other_open_applications: int = 0


@dataclass(frozen=True)
class EligibilityPolicy:
    min_age: int = 16
    max_age: int = 24  # inclusive: 16 <= age <= 24, i.e. age < 25
    graduation_window_years: int = 2
    college_levels: frozenset[str] = frozenset({"junior_college", "bachelor", "master", "doctor"})
    vocational_levels: frozenset[str] = frozenset({"vocational"})
    household_region_code: str | None = "520600"  # None = no household requirement
    extra_cohort_years: frozenset[int] = frozenset()  # graduation years admitted outside the window
    household_region_name: str | None = None  # shown in reasons instead of the code, e.g. '铜仁市'


@dataclass(frozen=True)
class CheckLine:
    """One line of the checklist: ``reason_code`` and ``reason_params`` are what to store;
    ``reason`` is the lazy sentence (``str()`` or ``env._()`` renders it in a language)."""

    rule: str
    result: str  # PASS | FAIL | UNKNOWN
    reason_code: str  # a key of REASONS, e.g. 'age.outside'
    # Plain values; a dict cannot be hashed, so the params stay out of hash() (not out of ==).
    reason_params: dict = field(default_factory=dict, hash=False)

    @property
    def reason(self):
        """:rtype: LazyGettext"""
        return reason_text(self.reason_code, self.reason_params)


def is_eligible(lines):
    """True when every line passes (no FAIL and no UNKNOWN)."""
    return all(line.result == PASS for line in lines)


def failing(lines):
    """The lines that fail."""
    return [line for line in lines if line.result == FAIL]


def missing(lines):
    """The lines that cannot be decided for lack of data."""
    return [line for line in lines if line.result == UNKNOWN]


def reference_date(placement):
    """The date windows are measured against: the start date, else the agreement date, else the
    expected start."""
    return placement.start_date or placement.agreement_date or placement.expected_start


def reference_label(placement):
    """Which date ``reference_date`` is (a key of REFERENCE_LABELS)."""
    if placement.start_date:
        return START_DATE
    if placement.agreement_date:
        return AGREEMENT_DATE
    return placement.expected_label


# ---------------------------------------------------------------------------- reasons

# reason code -> callable(**params) -> LazyGettext. Filled by ``@rule``; a failing ID number
# gives the identity error's code and parameters: 'id_number.<IdentityError.code>'.
REASONS: dict[str, Callable[..., LazyGettext]] = {
    f"id_number.{code}": message for code, message in identity.RESIDENT_ID_ERRORS.items()
}


def _shown(key, value):
    labels = PARAM_LABELS.get(key)
    return labels.get(value, value) if labels is not None else value


def reason_text(code, params):
    """The lazy sentence of a reason: ``str()`` gives English outside a request, ``env._()``
    the language of that environment (the labels among the params are translated with it).

    :param str code: a key of ``REASONS``
    :param dict params: the reason's parameters, as a rule returned them
    :rtype: LazyGettext
    """
    return REASONS[code](**{key: _shown(key, value) for key, value in params.items()})


def render_reason(code, params, translate=str, reasons=None, text=None):
    """The sentence of a reason, rendered by ``translate``: ``str`` (English outside a
    request) or an environment's ``_`` (its language), e.g. ``render_reason(code, params, env._)``.

    A code this version does not know (stored by another version of the rules) is shown as it is,
    never raised: a stored checklist must stay readable. ``reasons`` and ``text`` are another
    module's ``REASONS`` and ``reason_text`` (``rules.matching``)."""
    if code not in (REASONS if reasons is None else reasons):
        return code or ""
    try:
        return translate((text or reason_text)(code, params or {}))
    except (KeyError, TypeError, ValueError):  # parameters of another version of the reason
        return code


def render_rule(code, translate=str, labels=None):
    """The name of rule ``code`` rendered by ``translate`` (see ``render_reason``); an unknown
    code is shown as it is. ``labels``: another module's labels (``rules.matching``)."""
    label = (RULE_LABELS if labels is None else labels).get(code)
    return translate(label) if label is not None else code or ""


# ---------------------------------------------------------------------------- the rules

RULE_FUNCTIONS = {}  # rule code -> function, filled by @rule in the order of RULE_LABELS


def rule(code, reasons):
    """Register the function of rule ``code`` (a key of ``RULE_LABELS``) and its reasons.

    The function takes a ``Case`` and returns ``None`` when the rule does not apply, else
    ``(result, reason_code, reason_params)`` with a reason code of ``reasons``.
    """
    if code not in RULE_LABELS:
        raise KeyError(f"unknown rule {code!r}: add it to RULE_LABELS")

    def register(func):
        RULE_FUNCTIONS[code] = func
        REASONS.update(reasons)
        return func

    return register


@dataclass(frozen=True)
class Case:
    """What the rules read, with the facts that several rules share."""

    person: Person
    placement: Placement
    history: History
    policy: EligibilityPolicy
    today: date

    @cached_property
    def id_check(self):
        """(ResidentId or None, IdentityError or None); both None without an ID number."""
        if not self.person.id_number:
            return None, None
        try:
            return identity.parse_resident_id(self.person.id_number, today=self.today), None
        except identity.IdentityError as error:
            return None, error

    @property
    def resident_id(self):
        return self.id_check[0]

    @property
    def category(self):
        """The person's category when it is a known one, else None."""
        category = self.person.category
        return category if category in CATEGORY_LABELS else None

    @property
    def is_graduate(self):
        return self.category in GRADUATE_CATEGORIES

    @property
    def ref(self):
        return reference_date(self.placement)

    @property
    def ref_params(self):
        """The reference date and which date it is, as reason parameters."""
        return {"ref_label": reference_label(self.placement), "ref": self.ref.isoformat()}


@rule(
    "id_number",
    {
        "id_number.missing": lambda **p: _lt("The ID number is missing."),
        "id_number.valid": lambda **p: _lt("Valid ID number; birth date %(birth_date)s.", **p),
    },
)
def _check_id_number(case):
    resident_id, error = case.id_check
    if error:
        return FAIL, f"id_number.{error.code}", error.params
    if resident_id is None:
        return UNKNOWN, "id_number.missing", {}
    return PASS, "id_number.valid", {"birth_date": resident_id.birth_date.isoformat()}


@rule(
    "exclusions",
    {
        "exclusions.excluded": lambda **p: _lt(
            "Excluded: student: %(student)s; employed: %(employed)s; business licence: %(licence)s.", **p
        ),
        "exclusions.not_recorded": lambda **p: _lt(
            "Not all recorded: student: %(student)s; employed: %(employed)s; business licence: %(licence)s.", **p
        ),
        "exclusions.none": lambda **p: _lt("Not a student, not employed and no business licence."),
    },
)
def _check_exclusions(case):
    person = case.person
    values = {"student": person.is_student, "employed": person.is_employed, "licence": person.has_business_licence}
    flags = {key: None if value is None else bool(value) for key, value in values.items()}
    if any(flags.values()):
        return FAIL, "exclusions.excluded", flags
    if None in flags.values():
        return UNKNOWN, "exclusions.not_recorded", flags
    return PASS, "exclusions.none", {}


@rule(
    "category",
    {
        "category.missing": lambda **p: _lt("The applicant's category is missing."),
        "category.unrecognised": lambda **p: _lt("Unrecognised category %(category)s.", **p),
        "category.valid": lambda **p: _lt("Category: %(category)s.", **p),
    },
)
def _check_category(case):
    category = case.person.category
    if not category:
        return UNKNOWN, "category.missing", {}
    if category not in CATEGORY_LABELS:
        return FAIL, "category.unrecognised", {"category": category}
    return PASS, "category.valid", {"category": category}


@rule(
    "age",
    {
        "age.no_id": lambda **p: _lt("The age cannot be computed without a valid ID number."),
        "age.no_agreement_date": lambda **p: _lt("The agreement date is missing, so the age cannot be computed."),
        "age.within": lambda **p: _lt("Age %(age)s on the agreement date %(date)s is within %(min)s–%(max)s.", **p),
        "age.outside": lambda **p: _lt("Age %(age)s on the agreement date %(date)s is outside %(min)s–%(max)s.", **p),
        "age.expected_within": lambda **p: _lt(
            "No agreement yet: age %(age)s on the %(ref_label)s %(date)s is within %(min)s–%(max)s.", **p
        ),
        "age.expected_outside": lambda **p: _lt(
            "No agreement yet: age %(age)s on the %(ref_label)s %(date)s is outside %(min)s–%(max)s.", **p
        ),
    },
)
def _check_age(case):
    """Unemployed young people only; the age is counted on the agreement date (before the
    agreement exists, on the expected start, and the reason says which day that is)."""
    if case.category != UNEMPLOYED:
        return None
    placement, policy = case.placement, case.policy
    day = placement.agreement_date or placement.expected_start
    if case.resident_id is None:
        return UNKNOWN, "age.no_id", {}
    if not day:
        return UNKNOWN, "age.no_agreement_date", {}
    age = identity.age_on(case.resident_id.birth_date, day)
    params = {"age": age, "date": day.isoformat(), "min": policy.min_age, "max": policy.max_age}
    within = policy.min_age <= age <= policy.max_age
    if not placement.agreement_date:
        params["ref_label"] = placement.expected_label
        return (PASS, "age.expected_within", params) if within else (FAIL, "age.expected_outside", params)
    return (PASS, "age.within", params) if within else (FAIL, "age.outside", params)


@rule(
    "education_level",
    {
        "education_level.missing": lambda **p: _lt("The education level is missing."),
        "education_level.accepted": lambda **p: _lt("Education level %(level)s is accepted for a %(category)s.", **p),
        "education_level.not_accepted": lambda **p: _lt(
            "Education level %(level)s is not accepted for a %(category)s.", **p
        ),
    },
)
def _check_education_level(case):
    """Graduates only: the level must be one the policy accepts for their category."""
    if not case.is_graduate:
        return None
    policy, level = case.policy, case.person.education_level
    accepted = policy.college_levels if case.category == COLLEGE else policy.vocational_levels
    if not level:
        return UNKNOWN, "education_level.missing", {}
    params = {"level": level, "category": case.category}
    if level in accepted:
        return PASS, "education_level.accepted", params
    return FAIL, "education_level.not_accepted", params


@rule(
    "vocational_area",
    {
        "vocational_area.both": lambda **p: _lt("The work county is a key county and a hardship/remote area."),
        "vocational_area.key_county": lambda **p: _lt("The work county is a national rural-revitalisation key county."),
        "vocational_area.hardship_area": lambda **p: _lt("The work county is a hardship/remote area."),
        "vocational_area.neither": lambda **p: _lt(
            "Secondary vocational graduates qualify only in a key county or a hardship/remote area; "
            "the work county is neither."
        ),
    },
)
def _check_vocational_area(case):
    """Secondary vocational graduates only: the work county is a key county or a hardship area."""
    if case.category != VOCATIONAL:
        return None
    key_county, hardship_area = case.placement.key_county, case.placement.hardship_area
    if key_county and hardship_area:
        return PASS, "vocational_area.both", {}
    if key_county:
        return PASS, "vocational_area.key_county", {}
    if hardship_area:
        return PASS, "vocational_area.hardship_area", {}
    return FAIL, "vocational_area.neither", {}


@rule(
    "graduation_window",
    {
        "graduation_window.no_diploma_date": lambda **p: _lt("The diploma date is missing."),
        "graduation_window.no_reference_date": lambda **p: _lt(
            "The start date and the agreement date are both missing."
        ),
        "graduation_window.diploma_after_reference": lambda **p: _lt(
            "The diploma date %(diploma)s is after the %(ref_label)s %(ref)s.", **p
        ),
        "graduation_window.within": lambda **p: _lt(
            "Diploma dated %(diploma)s: the %(years)s-year window runs to %(end)s, "
            "covering the %(ref_label)s %(ref)s.",
            **p,
        ),
        "graduation_window.cohort_exception": lambda **p: _lt(
            "Cohort exception: the class of %(year)s is admitted by policy, although the %(years)s-year "
            "window ended on %(end)s.",
            **p,
        ),
        "graduation_window.ended": lambda **p: _lt(
            "Diploma dated %(diploma)s: the %(years)s-year window ended on %(end)s, "
            "before the %(ref_label)s %(ref)s.",
            **p,
        ),
    },
)
def _check_graduation_window(case):
    """Graduates only: the reference date is within the window after the diploma date (29
    February + 1 year is 28 February), or the diploma's year is a cohort the policy admits."""
    if not case.is_graduate:
        return None
    diploma, ref, years = case.person.diploma_date, case.ref, case.policy.graduation_window_years
    if not diploma:
        return UNKNOWN, "graduation_window.no_diploma_date", {}
    if not ref:
        return UNKNOWN, "graduation_window.no_reference_date", {}
    window_end = diploma + relativedelta(years=years)
    params = {"diploma": diploma.isoformat(), "years": years, "end": window_end.isoformat(), **case.ref_params}
    if diploma > ref:
        return FAIL, "graduation_window.diploma_after_reference", params
    if ref <= window_end:
        return PASS, "graduation_window.within", params
    if diploma.year in case.policy.extra_cohort_years:
        return (
            PASS,
            "graduation_window.cohort_exception",
            {"year": diploma.year, "years": years, "end": window_end.isoformat()},
        )
    return FAIL, "graduation_window.ended", params


@rule(
    "diploma_registration",
    {
        "diploma_registration.missing": lambda **p: _lt(
            "This year's graduate: the diploma registration date is missing."
        ),
        "diploma_registration.on_or_after": lambda **p: _lt(
            "This year's graduate: the %(ref_label)s %(ref)s is on or after the diploma registration "
            "date %(registration)s.",
            **p,
        ),
        "diploma_registration.before": lambda **p: _lt(
            "This year's graduate: the %(ref_label)s %(ref)s is before the diploma registration "
            "date %(registration)s.",
            **p,
        ),
    },
)
def _check_diploma_registration(case):
    """This year's graduates only: they start on or after the diploma's registration date.
    Older cohorts get no line; without a diploma or reference date, graduation_window is unknown."""
    diploma, ref = case.person.diploma_date, case.ref
    if not (case.is_graduate and diploma and ref and diploma.year == ref.year):
        return None
    registration = case.person.diploma_registration_date
    if not registration:
        return UNKNOWN, "diploma_registration.missing", {}
    params = {**case.ref_params, "registration": registration.isoformat()}
    if ref >= registration:
        return PASS, "diploma_registration.on_or_after", params
    return FAIL, "diploma_registration.before", params


@rule(
    "household",
    {
        "household.within": lambda **p: _lt("The household registration is within region %(region)s.", **p),
        "household.position_exception": lambda **p: _lt(
            "Special-major exception on the position: household registration outside region %(region)s " "is accepted.",
            **p,
        ),
        "household.applicant_exception": lambda **p: _lt(
            "Special-major exception on the applicant: household registration outside region %(region)s "
            "is accepted.",
            **p,
        ),
        "household.missing": lambda **p: _lt("The household registration region is missing."),
        "household.outside": lambda **p: _lt("The household registration is not within region %(region)s.", **p),
    },
)
def _check_household(case):
    """When the policy requires a household region: within it, or a graduate with a special-major
    exception (on the position or on the applicant)."""
    required = case.policy.household_region_code
    if not required:
        return None
    codes = case.person.household_region_codes
    params = {"region": case.policy.household_region_name or required}
    if required in codes:
        return PASS, "household.within", params
    if case.is_graduate and case.placement.special_major_exception:
        return PASS, "household.position_exception", params
    if case.is_graduate and case.person.out_of_province_special_major:
        return PASS, "household.applicant_exception", params
    if not codes:
        return UNKNOWN, "household.missing", {}
    return FAIL, "household.outside", params


@rule(
    "unemployment_registration",
    {
        "unemployment_registration.missing": lambda **p: _lt("The unemployment registration date is missing."),
        "unemployment_registration.no_reference_date": lambda **p: _lt(
            "The start date and the agreement date are both missing."
        ),
        "unemployment_registration.before": lambda **p: _lt(
            "Registered as unemployed on %(registration)s, before the %(ref_label)s %(ref)s.", **p
        ),
        "unemployment_registration.not_before": lambda **p: _lt(
            "Registered as unemployed on %(registration)s; the internship must start after that day, "
            "but the %(ref_label)s is %(ref)s.",
            **p,
        ),
    },
)
def _check_unemployment_registration(case):
    """Unemployed young people only: registered as unemployed before the internship starts."""
    if case.category != UNEMPLOYED:
        return None
    registration, ref = case.person.unemployment_registration_date, case.ref
    if not registration:
        return UNKNOWN, "unemployment_registration.missing", {}
    if not ref:
        return UNKNOWN, "unemployment_registration.no_reference_date", {}
    params = {"registration": registration.isoformat(), **case.ref_params}
    if ref > registration:
        return PASS, "unemployment_registration.before", params
    return FAIL, "unemployment_registration.not_before", params


@rule(
    "once_per_lifetime",
    {
        "once_per_lifetime.first": lambda **p: _lt("No earlier approved internship."),
        "once_per_lifetime.exception": lambda **p: _lt(
            "%(count)s earlier approved internship(s), accepted by a manager exception.", **p
        ),
        "once_per_lifetime.again": lambda **p: _lt(
            "%(count)s earlier approved internship(s): each person interns only once.", **p
        ),
        "once_per_lifetime.again_elsewhere": lambda **p: _lt(
            "%(count)s earlier internship(s), %(prior)s of them held outside this system and recorded by the bureau: "
            "each person interns only once.",
            **p,
        ),
    },
)
def _check_once_per_lifetime(case):
    prior = case.history.prior_internships
    previous = case.history.previous_internships + prior
    if previous <= 0:
        return PASS, "once_per_lifetime.first", {}
    if case.history.lifetime_exception:
        return PASS, "once_per_lifetime.exception", {"count": previous}
    if prior:
        return FAIL, "once_per_lifetime.again_elsewhere", {"count": previous, "prior": prior}
    return FAIL, "once_per_lifetime.again", {"count": previous}


@rule(
    "one_open_application",
    {
        "one_open_application.others": lambda **p: _lt(
            "%(count)s other open application(s): only one is allowed at a time.", **p
        ),
        "one_open_application.none": lambda **p: _lt("No other open application."),
    },
)
def _check_one_open_application(case):
    others = case.history.other_open_applications
    if others > 0:
        return FAIL, "one_open_application.others", {"count": others}
    return PASS, "one_open_application.none", {}


def checklist(person, placement, history, policy, today=None):
    """Evaluate every applicable rule, in the order of ``RULE_LABELS``.

    :param Person person:
    :param Placement placement:
    :param History history:
    :param EligibilityPolicy policy:
    :param date today: for the "birth date in the future" check (default: system date)
    :rtype: list[CheckLine]
    """
    case = Case(person, placement, history, policy, today or date.today())
    lines = []
    for code in RULES:
        outcome = RULE_FUNCTIONS[code](case)
        if outcome is not None:
            lines.append(CheckLine(code, *outcome))
    return lines
