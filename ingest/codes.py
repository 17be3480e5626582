"""Evidence codes ("Anglian Water (EIM0046)") and the names before them, found in time linear in the text.

A pattern that lets the name be any run of characters before the code ("(?:[^()])+?\\s*\\(EIM0046\\)") is tried
again from every position of a long run that has no code, so a 20,000-character paragraph or note took seconds
(quadratic). Here the codes are found first and each name is the text back to the code before it, cut where the
caller's rule says a name cannot reach.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "(EIM0046)": two to five capitals and three to five digits; open_end also takes one whose bracket the text ends
# inside, as a note may lose it ("Fauna & Flora International (EIM0016")
_CLOSED = re.compile(r"\(([A-Z]{2,5}\d{3,5})\)")
_OPEN = re.compile(r"\(([A-Z]{2,5}\d{3,5})(?:\)|\s*$)")
# a name's own acronym in brackets, "Environmental Investigation Agency (EIA) (EIM0022)", which a name may hold
_ACRONYM = re.compile(r"\([A-Z][A-Za-z]{1,7}\)")


@dataclass(frozen=True)
class Coded:
    """One evidence code: the name before it (as written, spaces and all), the code, where the code's bracket opens,
    and where the code ends."""

    name: str
    code: str
    code_start: int
    end: int


def coded_names(text: str, stops: str = "()", acronyms: bool = True, open_end: bool = False) -> list[Coded]:
    """Each evidence code in text with the name before it: the text back to the previous code, or to the last of
    the stop characters before it (a bracket not of a short acronym "(EIA)" when acronyms is true). A code with
    nothing at all before it back to a stop gives no entry."""
    out: list[Coded] = []
    after = 0
    for m in (_OPEN if open_end else _CLOSED).finditer(text):
        segment = text[after:m.start()]
        kept = _ACRONYM.sub(lambda a: "\0" * len(a.group()), segment) if acronyms else segment
        cut = max((kept.rfind(c) for c in stops), default=-1) + 1
        if segment[cut:]:  # as the pattern wanted one character at least, a space too
            out.append(Coded(segment[cut:], m.group(1), m.start(), m.end()))
        after = m.end()
    return out
