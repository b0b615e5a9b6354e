"""How well a person fits a position (匹配度): a few clear criteria, each explained.

Plain Python, no ORM, like ``rules/eligibility.py``. ``evaluate()`` turns what is known about a
person (``Seeker``) and a position (``Opening``) into one ``Criterion`` per criterion of
``CRITERION_LABELS``, each with a result ('met', 'missed' or 'unknown') and the code and
parameters of its reason. The parameters are plain values (codes, names, numbers) that can be
stored as JSON; ``render_reason()`` turns them into the sentence in the reader's language, and
``summary()`` into the short phrases of a recommendation ("学历符合、专业相近、在户籍所在县").

Never a bare score: the order (``sort_key``) is the number of criteria met, then arrival, and
every criterion says why it is met or missed.

Majors are compared through a catalogue of normalised majors that staff maintain
(``MajorCatalogue``: 计算机 and 计算机科学与技术 are one major), with the text similarity of
``similarity()`` as the fallback for majors the catalogue does not know.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from odoo.tools.translate import LazyGettext, LazyTranslate

from . import eligibility

_lt = LazyTranslate(__name__, default_lang="en_US")

MET = "met"
MISSED = "missed"
UNKNOWN = "unknown"

CRITERION_LABELS = {
    "education": _lt("Education level"),
    "major": _lt("Major"),
    "category": _lt("Category"),
    "county": _lt("Household county"),
    "eligibility": _lt("Eligibility pre-check"),
}
CRITERIA = tuple(CRITERION_LABELS)

# Two majors the catalogue does not know are "close" from this similarity (0..1) on.
CLOSE_SIMILARITY = 0.5
# What separates the majors of a position ("计算机科学与技术、会计学") and the aliases of a major.
SEPARATORS = re.compile(r"[、,，;；/／|\s]+")
ALIAS_SEPARATORS = re.compile(r"[、,，;；/／|\n\r\t]+")  # an alias may hold a space (Computer Science)
_IGNORED = re.compile(r"[\s\-_·.。:：!！()（）\[\]【】《》\"'“”‘’]+")
# What a position writes in its majors to mean "any major" (the usual 不限 of Chinese postings),
# normalised. The position stores the verdict (jianxi.position.majors_any), so the SQL that
# narrows positions and this rule cannot disagree.
ANY_MAJOR = frozenset(
    {
        "不限",
        "专业不限",
        "不限专业",
        "专业不限制",
        "不限制",
        "无",
        "无要求",
        "专业无要求",
        "无专业要求",
        "所有专业",
        "各专业",
        "各类专业",
        "any",
    }
)


@dataclass(frozen=True)
class Seeker:
    """The person, as the matching sees them."""

    category: str | None = None  # 'college' | 'vocational' | 'unemployed' (rules.eligibility)
    education_level: str | None = None  # a level code: 'vocational', 'junior_college', 'bachelor'…
    education_rank: int | None = None  # the level's rank: higher is more (its sequence)
    major: str | None = None
    household_county_id: int | None = None
    household_county_name: str | None = None


@dataclass(frozen=True)
class Opening:
    """The position, as the matching sees it."""

    required_level: str | None = None  # a level code; None: any level
    required_rank: int | None = None
    majors: str | None = None  # free text, several majors separated by 、 or commas; None: any major
    accepted_categories: frozenset[str] = frozenset(eligibility.CATEGORY_LABELS)
    county_id: int | None = None
    county_name: str | None = None


@dataclass(frozen=True)
class Criterion:
    """One line of the match: ``reason_code`` and ``reason_params`` are what to store; ``reason``
    is the lazy sentence (``str()`` or ``env._()`` renders it in a language)."""

    criterion: str
    result: str  # MET | MISSED | UNKNOWN
    reason_code: str
    reason_params: dict = field(default_factory=dict, hash=False)

    @property
    def reason(self):
        """:rtype: LazyGettext"""
        return reason_text(self.reason_code, self.reason_params)

    @property
    def label(self):
        """:rtype: LazyGettext"""
        return CRITERION_LABELS[self.criterion]


# ---------------------------------------------------------------------------- majors


def normalise(text):
    """A major's text as it is compared: lower case, without spaces, dashes, dots and brackets."""
    return _IGNORED.sub("", (text or "").lower())


def split_majors(text, separators=SEPARATORS):
    """The majors of a free text, in order, without empties: "计算机、会计学" -> ['计算机', '会计学']."""
    return [part.strip() for part in separators.split(text or "") if normalise(part)]


def bigrams(text):
    """The character pairs of a normalised text (its one character when it has only one)."""
    text = normalise(text)
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(first, second):
    """How alike two majors are written, from 0 to 1: the Dice coefficient of their character
    pairs; 1 when one contains the other whole (软件工程 in 软件工程技术)."""
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    pairs_a, pairs_b = bigrams(a), bigrams(b)
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b))


def any_major(text):
    """True when a position's majors mean every major: none written, or one of them is a 不限
    (``ANY_MAJOR``, however it is spaced or punctuated: "专业：不限。", "计算机、不限")."""
    majors = split_majors(text)
    return not majors or any(normalise(major) in ANY_MAJOR for major in majors)


class MajorCatalogue:
    """The normalised majors staff maintain: each a name and its aliases.

    :param majors: iterable of ``(name, aliases)``: ``aliases`` a text of names separated by 、 or
        commas, or an iterable of names
    """

    def __init__(self, majors=()):
        self._canonical = {}
        self._names = {}
        for name, aliases in majors:
            names = (
                split_majors(aliases, ALIAS_SEPARATORS)
                if isinstance(aliases, str) or aliases is None
                else list(aliases)
            )
            self._names[name] = tuple(dict.fromkeys([name, *names]))
            for each in self._names[name]:
                self._canonical.setdefault(normalise(each), name)

    def canonical(self, text):
        """The catalogue's name of the major ``text`` (a name or an alias), or None."""
        return self._canonical.get(normalise(text))

    def names(self, text):
        """Every way of writing the major ``text``: its catalogue name and aliases, or itself."""
        canonical = self.canonical(text)
        return self._names[canonical] if canonical else ((text,) if normalise(text) else ())


# ---------------------------------------------------------------------------- reasons

# reason code -> callable(**params) -> LazyGettext
REASONS: dict[str, Callable[..., LazyGettext]] = {}
# reason code -> the short phrase of a met criterion, for a recommendation's reason
PHRASES: dict[str, LazyGettext] = {}
# Reason parameters that hold a code, shown with its label (an unknown code is shown as it is).
PARAM_LABELS = {
    "level": eligibility.EDUCATION_LEVEL_LABELS,
    "required": eligibility.EDUCATION_LEVEL_LABELS,
    "category": eligibility.CATEGORY_LABELS,
    "rule": eligibility.RULE_LABELS,
}


def _shown(key, value):
    labels = PARAM_LABELS.get(key)
    return labels.get(value, value) if labels is not None else value


def reason_text(code, params):
    """The lazy sentence of a reason (see ``rules.eligibility.reason_text``).

    :rtype: LazyGettext
    """
    params = dict(params)
    if "check_code" in params:  # the eligibility rule's own reason, rendered in the same language
        params["check"] = eligibility.reason_text(params.pop("check_code"), params.pop("check_params", {}))
    return REASONS[code](**{key: _shown(key, value) for key, value in params.items()})


def render_reason(code, params, translate=str):
    """The sentence of a reason rendered by ``translate`` (``str`` or an environment's ``_``); a
    code or parameters of another version of the rules are shown as the code, never raised."""
    return eligibility.render_reason(code, params, translate, reasons=REASONS, text=reason_text)


def render_criterion(code, translate=str):
    """The name of criterion ``code`` rendered by ``translate``; an unknown code as it is."""
    return eligibility.render_rule(code, translate, labels=CRITERION_LABELS)


def _reasons(reasons, phrases=None):
    REASONS.update(reasons)
    PHRASES.update(phrases or {})


# ---------------------------------------------------------------------------- the criteria

_reasons(
    {
        "education.any": lambda **p: _lt("The position asks for no particular education level."),
        "education.missing": lambda **p: _lt(
            "The position asks for %(required)s or higher; your level is missing.", **p
        ),
        "education.fits": lambda **p: _lt("Education level %(level)s meets the required %(required)s.", **p),
        "education.below": lambda **p: _lt("Education level %(level)s is below the required %(required)s.", **p),
    },
    {"education.any": _lt("any education level"), "education.fits": _lt("education level fits")},
)


def check_education(seeker, opening):
    if not opening.required_level:
        return MET, "education.any", {}
    params = {"required": opening.required_level}
    if not seeker.education_level or seeker.education_rank is None:
        return UNKNOWN, "education.missing", params
    params["level"] = seeker.education_level
    if opening.required_rank is None or seeker.education_rank >= opening.required_rank:
        return MET, "education.fits", params
    return MISSED, "education.below", params


_reasons(
    {
        "major.any": lambda **p: _lt("The position is open to every major."),
        "major.missing": lambda **p: _lt("The position seeks %(listed)s; your major is missing.", **p),
        "major.same": lambda **p: _lt("Major %(major)s is the sought %(listed)s.", **p),
        "major.close": lambda **p: _lt("Major %(major)s is close to the sought %(listed)s.", **p),
        "major.different": lambda **p: _lt("Major %(major)s is none of the sought %(listed)s.", **p),
    },
    {"major.any": _lt("any major"), "major.same": _lt("major matches"), "major.close": _lt("related major")},
)


def check_major(seeker, opening, catalogue):
    sought = split_majors(opening.majors)
    if not sought or any_major(opening.majors):
        return MET, "major.any", {}
    if not normalise(seeker.major):
        return UNKNOWN, "major.missing", {"listed": "、".join(sought)}
    mine = catalogue.canonical(seeker.major)
    params = {"major": seeker.major}
    if mine:
        same = [term for term in sought if catalogue.canonical(term) == mine]
        if same:
            return MET, "major.same", {**params, "listed": same[0]}
    if any(normalise(term) == normalise(seeker.major) for term in sought):
        return MET, "major.same", {**params, "listed": seeker.major}
    # the fallback: the closest of the sought majors, through every name of both
    mine_names = catalogue.names(seeker.major)
    score, closest = max(
        (max(similarity(name, other) for name in mine_names for other in catalogue.names(term)), term)
        for term in sought
    )
    if score >= CLOSE_SIMILARITY:
        return MET, "major.close", {**params, "listed": closest}
    return MISSED, "major.different", {**params, "listed": "、".join(sought)}


_reasons(
    {
        "category.missing": lambda **p: _lt("Your category is missing."),
        "category.accepted": lambda **p: _lt("The position takes a %(category)s.", **p),
        "category.not_accepted": lambda **p: _lt("The position does not take a %(category)s.", **p),
    },
    {"category.accepted": _lt("category accepted")},
)


def check_category(seeker, opening):
    if not seeker.category:
        return UNKNOWN, "category.missing", {}
    params = {"category": seeker.category}
    if seeker.category in opening.accepted_categories:
        return MET, "category.accepted", params
    return MISSED, "category.not_accepted", params


_reasons(
    {
        "county.missing": lambda **p: _lt("The household registration is missing."),
        "county.home": lambda **p: _lt("The work county %(county)s is the household county.", **p),
        "county.away": lambda **p: _lt("The work county %(county)s is not the household county %(home)s.", **p),
    },
    {"county.home": _lt("in the household county")},
)


def check_county(seeker, opening):
    if not seeker.household_county_id:
        return UNKNOWN, "county.missing", {}
    params = {"county": opening.county_name or ""}
    if seeker.household_county_id == opening.county_id:
        return MET, "county.home", params
    return MISSED, "county.away", {**params, "home": seeker.household_county_name or ""}


_reasons(
    {
        "eligibility.no_policy": lambda **p: _lt("No policy applies in the work county: the pre-check cannot run."),
        "eligibility.passes": lambda **p: _lt("Passes every eligibility rule."),
        "eligibility.fails": lambda **p: _lt("Would not pass “%(rule)s”: %(check)s", **p),
        "eligibility.incomplete": lambda **p: _lt("Cannot be decided yet, “%(rule)s”: %(check)s", **p),
    },
    {"eligibility.passes": _lt("meets the eligibility conditions")},
)


def check_eligibility(lines):
    """``lines``: the eligibility checklist (``rules.eligibility.checklist``) for this placement,
    or None when no policy applies. The first failing rule, else the first undecided one."""
    if lines is None:
        return UNKNOWN, "eligibility.no_policy", {}
    for result, outcome, code in ((eligibility.FAIL, MISSED, "fails"), (eligibility.UNKNOWN, UNKNOWN, "incomplete")):
        line = next((line for line in lines if line.result == result), None)
        if line:
            params = {"rule": line.rule, "check_code": line.reason_code, "check_params": dict(line.reason_params)}
            return outcome, f"eligibility.{code}", params
    return MET, "eligibility.passes", {}


def evaluate(seeker, opening, catalogue=None, eligibility_lines=None):
    """Every criterion, in the order of ``CRITERION_LABELS``.

    :param Seeker seeker:
    :param Opening opening:
    :param MajorCatalogue catalogue: the normalised majors (default: none, similarity only)
    :param eligibility_lines: ``rules.eligibility.checklist`` for this person and placement, or
        None when no policy applies
    :rtype: list[Criterion]
    """
    catalogue = catalogue or MajorCatalogue()
    outcomes = {
        "education": check_education(seeker, opening),
        "major": check_major(seeker, opening, catalogue),
        "category": check_category(seeker, opening),
        "county": check_county(seeker, opening),
        "eligibility": check_eligibility(eligibility_lines),
    }
    return [Criterion(code, *outcomes[code]) for code in CRITERIA]


def met_count(criteria):
    return sum(1 for criterion in criteria if criterion.result == MET)


def missed(criteria):
    return [criterion for criterion in criteria if criterion.result == MISSED]


def fits(criteria):
    """True when the person meets the position's own requirements: education, major and
    category are not missed (county and eligibility inform, they do not exclude)."""
    return not any(c.result == MISSED for c in criteria if c.criterion in ("education", "major", "category"))


def summary(criteria):
    """The short phrases of the met criteria, lazy, in order (a recommendation's reason)."""
    return [PHRASES[c.reason_code] for c in criteria if c.result == MET and c.reason_code in PHRASES]


def sort_key(criteria, arrival):
    """The order of a ranking: more criteria met first, then ``arrival`` (a sortable value,
    earliest first: a date, a datetime, an id, or a negated one for newest first)."""
    return (-met_count(criteria), arrival)
