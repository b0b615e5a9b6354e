"""Text typed by people: what may never be stored or searched.

Plain Python, no ORM. Control characters (NUL above all: PostgreSQL refuses it in a string, so
it would end in an HTTP 500) and the invisible bidirectional overrides that make a file name or a
reason read otherwise than it is stored. Tab, line feed and carriage return stay: multi-line
fields need them.
"""

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_control_characters(text):
    """Whether ``text`` holds a character a person cannot have meant to type."""
    return bool(text) and bool(CONTROL_CHARACTERS.search(text))


def strip_control_characters(text):
    """``text`` without those characters (for searches, where refusing helps nobody)."""
    return CONTROL_CHARACTERS.sub("", text or "")
