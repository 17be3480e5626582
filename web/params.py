"""Whole-number request parameters: ASCII digits only, within bounds, one rule for query and path."""
from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter

from .errors import ApiError

# Python's int() also takes "1_0", "+3", " 3" and other scripts' digits ("٣"); a request parameter takes none of them.
DIGITS = re.compile(r"[0-9]+")
# A number in a path: at most nine digits, so that a longer one is simply no page (404), never a huge int.
PATH_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(raw, name: str, low: int, high: int, default: int) -> int:
    """A whole-number request argument from low to high (default when absent), else a 400 naming it.
    An empty value is not absent: the pages drop their forms' blank fields before they get here."""
    if raw is None:
        return default
    text = str(raw)
    significant = text.lstrip("0") or "0"
    # the length test comes first so that ten thousand digits never reach int()
    if not DIGITS.fullmatch(text) or len(significant) > len(str(high)) or not low <= int(significant) <= high:
        raise ApiError(f"{name} must be a whole number from {low} to {high}, in the digits 0-9")
    return int(significant)


class AsciiIntConverter(IntegerConverter):
    """The <int:...> URL converter, taking ASCII digits only (Werkzeug's takes any Unicode digit)."""

    regex = PATH_NUMBER.pattern
