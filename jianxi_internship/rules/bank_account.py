"""A unit's bank account (开户银行、账号、户名): what the bureau pays a subsidy into.

Plain Python, no ORM. Subsidies are paid to the unit's own account, never to a person
(../shared/POLICY.md, "Around the money"), so the account holder must be the unit's registered
name. Chinese bank account numbers are digits only, 8 to 30 of them (cards are 16–19, corporate
accounts up to about 25); people type them in groups, with spaces or hyphens, and sometimes in
full-width digits from a Chinese input method.
"""

import re
import unicodedata

MIN_DIGITS = 8
MAX_DIGITS = 30
MAX_BANK_NAME_LENGTH = 60

# What people put between groups of digits (the ideographic space is among \s), half or full width.
SEPARATORS = re.compile(r"[\s\-\uff0d]+")
ASCII_DIGITS = re.compile(r"[0-9]+")
# Full-width digits (０-９) as typed with a Chinese input method, and only those: NFKC would also
# turn superscripts and circled digits into digits.
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class BankAccountError(ValueError):
    """A refused value; ``code`` says what is wrong (the model renders it in the reader's language)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def compact_account_number(number):
    """The account number as digits only; :class:`BankAccountError` with code ``empty``,
    ``not_digits`` or ``length``."""
    text = SEPARATORS.sub("", (number or "").translate(FULL_WIDTH_DIGITS))
    if not text:
        raise BankAccountError("empty")
    # str.isdigit() accepts other scripts' digits and superscripts: only 0-9 are an account number.
    if not ASCII_DIGITS.fullmatch(text):
        raise BankAccountError("not_digits")
    if not MIN_DIGITS <= len(text) <= MAX_DIGITS:
        raise BankAccountError("length")
    return text


def normalise_name(name):
    """A registered name as compared: full-width and half-width forms alike (（ and (), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name or ""))


def holder_is_unit(holder, unit_name):
    """Whether the account holder (户名) is the unit's registered name."""
    return bool(normalise_name(holder)) and normalise_name(holder) == normalise_name(unit_name)


def clean_bank_name(name):
    """The bank's name (开户银行) trimmed; :class:`BankAccountError` ``bank_empty`` or ``bank_length``."""
    text = " ".join((name or "").split())
    if not text:
        raise BankAccountError("bank_empty")
    if len(text) > MAX_BANK_NAME_LENGTH:
        raise BankAccountError("bank_length")
    return text
