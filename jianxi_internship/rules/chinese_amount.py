"""Amounts of money in Chinese capital numerals (中文大写金额), as written on financial forms.

Plain Python, no ORM. num2words has no Chinese; Odoo's ``amount_to_text`` relies on it. The
writing follows the People's Bank of China rules for filling in vouchers (正确填写票据和结算凭证的
基本规定):

- digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 within a group of four digits, groups 万 and 亿;
- 拾 always keeps its digit: 10 → 壹拾元整, 100000 → 壹拾万元整;
- one 零 stands for a run of zeros between two non-zero digits: 10005 → 壹万零伍元整,
  100010000 → 壹亿零壹万元整;
- 元 is followed by 整 when there is no 角 or 分: 12552.00 → 壹万贰仟伍佰伍拾贰元整;
- after 角, and after 分, no 整: 1234.56 → 壹仟贰佰叁拾肆元伍角陆分;
- a zero between the yuan and the first non-zero fraction digit is written 零 (when the yuan
  end with 0, or when 角 is 0 before 分): 100000.10 → 壹拾万元零壹角, 1.05 → 壹元零伍分;
- below one yuan, only the fraction is written: 0.05 → 伍分; nothing at all is 零元整.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
# Units inside a group of four digits, from the highest: 仟 佰 拾 and the group's own unit.
SMALL_UNITS = ("仟", "佰", "拾", "")
# Units of the groups of four digits, from the lowest: 元, 万, 亿, 万亿.
GROUP_UNITS = ("", "万", "亿", "万亿")
# Up to 9999 万亿 (16 integer digits).
MAX_AMOUNT = Decimal("9999999999999999.99")
CENT = Decimal("0.01")


def _group_text(group):
    """A group of four digits (1..9999), without leading 零: 1010 → 壹仟零壹拾, 5 → 伍."""
    text = []
    pending_zero = False
    for position, char in enumerate(f"{group:04d}"):
        digit = int(char)
        if not digit:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text.append(DIGITS[0])
            pending_zero = False
        text.append(DIGITS[digit] + SMALL_UNITS[position])
    return "".join(text)


def _integer_text(number):
    """The yuan part (a positive integer) without 元: 100010000 → 壹亿零壹万."""
    groups = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    text = []
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            pending_zero = bool(text)
            continue
        # Zeros between this group and the previous non-zero digit: an empty group, or
        # leading zeros in this one (1_0100 → 壹万零壹佰).
        if text and (pending_zero or group < 1000):
            text.append(DIGITS[0])
        text.append(_group_text(group) + GROUP_UNITS[index])
        pending_zero = False
    return "".join(text)


def to_decimal(amount):
    """``amount`` (int, float, Decimal or numeric string) rounded half-up to the cent.

    Floats go through ``repr`` so that 0.1 + 0.2 is 0.30, not 0.3000000000000000444….

    :raises ValueError: not a finite number
    """
    if isinstance(amount, bool):
        raise ValueError(f"Not an amount of money: {amount!r}")
    try:
        value = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(str(amount).strip())
    except InvalidOperation:
        raise ValueError(f"Not an amount of money: {amount!r}") from None
    if not value.is_finite():
        raise ValueError(f"Not an amount of money: {amount!r}")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def amount_to_chinese_capital(amount):
    """Write ``amount`` (in yuan) in Chinese capital numerals, rounded half-up to the cent.

    >>> amount_to_chinese_capital(12552)
    '壹万贰仟伍佰伍拾贰元整'
    >>> amount_to_chinese_capital('1234.56')
    '壹仟贰佰叁拾肆元伍角陆分'

    :param amount: int, float, Decimal or numeric string; not negative
    :raises ValueError: a negative, non-finite or non-numeric amount, or one of 10^16 yuan or more
    """
    value = to_decimal(amount)
    if value < 0:
        raise ValueError(f"A negative amount cannot be written in capital numerals: {amount!r}")
    if value > MAX_AMOUNT:
        raise ValueError(f"The amount is too large to be written in capital numerals: {amount!r}")
    cents = int(value * 100)
    yuan, fraction = divmod(cents, 100)
    jiao, fen = divmod(fraction, 10)
    if not yuan and not fraction:
        return DIGITS[0] + "元整"
    text = _integer_text(yuan) + "元" if yuan else ""
    if not fraction:
        return text + "整"
    if jiao:
        if yuan and yuan % 10 == 0:
            text += DIGITS[0]
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += DIGITS[0]
    if fen:
        text += DIGITS[fen] + "分"
    return text
