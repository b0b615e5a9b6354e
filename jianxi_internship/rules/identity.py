"""Identity numbers: the resident ID number (GB 11643-1999) and the unified
social credit code (GB 32100-2015).

Plain Python on top of python-stdnum; no ORM. Errors carry a lazy,
translatable message in ``IdentityError.message`` and a stable ``code``.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric, uscc
from stdnum.util import clean

from odoo.tools.translate import LazyTranslate

# default_lang: outside an env (tests, scripts) str() falls back to English silently.
_lt = LazyTranslate(__name__, default_lang="en_US")

RESIDENT_ID_LENGTH = 18
CREDIT_CODE_LENGTH = 18
# GB 32100-2015: 0-9 and A-Z without I, O, S, V, Z (31 symbols, valued 0..30).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MIN_BIRTH_YEAR = 1900


class IdentityError(ValueError):
    """An identity number is not valid.

    :param message: lazy translatable message (``LazyGettext``)
    :param code: stable machine-readable reason: 'empty', 'length', 'format',
        'birth_date', 'checksum', 'future_birth_date'
    :param dict params: the values in the message, so that a caller can store ``code`` and
        ``params`` and render the message later (for a resident ID: ``RESIDENT_ID_ERRORS``)
    """

    def __init__(self, message, code, params=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params or {}

    def __str__(self):
        return str(self.message)


# The errors of a resident ID number by code: each builds its lazy message from its parameters.
RESIDENT_ID_ERRORS = {
    "empty": lambda **params: _lt("The ID number is empty."),
    "length": lambda **params: _lt("The ID number must have 18 characters, not %(count)s.", **params),
    "format": lambda **params: _lt("The ID number may only contain digits, with X allowed as the last character."),
    "birth_date": lambda **params: _lt("The ID number contains an invalid birth date (%(digits)s).", **params),
    "checksum": lambda **params: _lt(
        "The check character (last character) of the ID number does not match; please look for a typing error."
    ),
    "future_birth_date": lambda **params: _lt(
        "The birth date %(birth_date)s in the ID number is in the future.", **params
    ),
}


def _resident_id_error(code, **params):
    return IdentityError(RESIDENT_ID_ERRORS[code](**params), code, params)


@dataclass(frozen=True)
class ResidentId:
    number: str  # compact, upper-case X
    birth_date: date
    gender: str  # 'male' | 'female'
    address_code: str  # first 6 characters: where the number was first issued (a hint, not the 户籍)


def _normalize(value):
    """NFKC turns full-width input (１２３Ｘ, common with Chinese keyboards) into ASCII."""
    return unicodedata.normalize("NFKC", value or "")


def compact_resident_id(number):
    """Strip spaces and dashes, convert full-width characters, upper-case the X."""
    return ric.compact(clean(_normalize(number), " -"))


def resident_id_check_character(first17):
    """ISO 7064 MOD 11-2 check character for the first 17 digits."""
    return ric.calc_check_digit(first17 + "0")


def parse_resident_id(number, today=None):
    """Validate an 18-character resident ID number and split it.

    Checks, in order: length, characters, birth date, check character, birth
    date not in the future (relative to ``today``, default: the system date).
    The address code is not checked against a table: new codes appear and it
    is only a hint of where the number was issued.

    :rtype: ResidentId
    :raises IdentityError:
    """
    number = compact_resident_id(number)
    if not number:
        raise _resident_id_error("empty")
    if len(number) != RESIDENT_ID_LENGTH:
        raise _resident_id_error("length", count=len(number))
    if not number[:17].isdecimal() or not number[:17].isascii() or number[17] not in "0123456789X":
        raise _resident_id_error("format")
    try:
        birth_date = ric.get_birth_date(number)
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date.year < MIN_BIRTH_YEAR:
        raise _resident_id_error("birth_date", digits=number[6:14])
    if number[17] != resident_id_check_character(number[:17]):
        raise _resident_id_error("checksum")
    today = today or date.today()
    if birth_date > today:
        raise _resident_id_error("future_birth_date", birth_date=birth_date.isoformat())
    return ResidentId(
        number=number,
        birth_date=birth_date,
        gender="male" if int(number[16]) % 2 else "female",
        address_code=number[:6],
    )


def mask_resident_id(number):
    """Keep the first 6 and last 4 characters, mask the rest with '*'.

    An 18-character number gives 6 + 8 stars + 4. A value of 10 characters or
    fewer cannot be masked that way and is masked entirely.
    """
    number = compact_resident_id(number)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number):
    """Keep the first 3 and last 4 characters of a phone number, mask the rest with '*'
    (138****5678), as the ID number is masked until the unit confirms the person. A value of 7
    characters or fewer is masked entirely."""
    number = "".join(_normalize(number).split())
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def age_on(birth_date, day):
    """Age in full years (周岁) on ``day``. Someone born on 29 February turns a
    year older on 1 March in common years (``relativedelta(day, birth_date).years``
    would count 28 February, so it is not used here)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# The errors of a unified social credit code by code, like ``RESIDENT_ID_ERRORS``.
CREDIT_CODE_ERRORS = {
    "empty": lambda **params: _lt("The unified social credit code is empty."),
    "length": lambda **params: _lt("The unified social credit code must have 18 characters, not %(count)s.", **params),
    "format": lambda **params: _lt(
        "The unified social credit code may only contain digits and capital letters other than "
        "I, O, S, V and Z, and its characters 3 to 8 must be digits."
    ),
    "checksum": lambda **params: _lt(
        "The check character (last character) of the unified social credit code does not match; "
        "please look for a typing error."
    ),
}


def _credit_code_error(code, **params):
    return IdentityError(CREDIT_CODE_ERRORS[code](**params), code, params)


def validate_credit_code(code):
    """Validate a unified social credit code and return it compact and upper-case.

    Checks length, alphabet (all 18 characters in the 31-symbol alphabet, the
    6-character region code digits only) and the MOD 31 check character.
    Unlike ``stdnum.cn.uscc.validate``, letters are accepted in the first two
    positions (registering authority and entity type, e.g. 'N2' rural
    collective organisations, 'Y1' other authorities), as GB 32100 allows.

    :raises IdentityError:
    """
    code = uscc.compact(_normalize(code))
    if not code:
        raise _credit_code_error("empty")
    if len(code) != CREDIT_CODE_LENGTH:
        raise _credit_code_error("length", count=len(code))
    if any(c not in CREDIT_CODE_ALPHABET for c in code) or not code[2:8].isdecimal():
        raise _credit_code_error("format")
    if code[17] != uscc.calc_check_digit(code):
        raise _credit_code_error("checksum")
    return code
