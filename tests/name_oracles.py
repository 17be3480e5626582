"""The name rule computed plainly, with no shortcut: the oracle the faster similar_names is checked against."""
from __future__ import annotations

from difflib import SequenceMatcher

from ingest.people.names import _short_form


def plain_similar_names(a: str, b: str) -> bool:
    """similar_names as the rule states it: the same name, a short form of the first name with the same rest, or
    both ratios met outright (first names 0.8, the rest 0.85) with the rest's initial the same."""
    fa, _, sa = a.partition(" ")
    fb, _, sb = b.partition(" ")
    if a == b:
        return True
    if not sa or not sb:
        return False
    if sa == sb and _short_form(fa, fb):
        return True
    first_ok = fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.8
    return first_ok and SequenceMatcher(None, sa, sb).ratio() >= 0.85 and sa[:1] == sb[:1]
