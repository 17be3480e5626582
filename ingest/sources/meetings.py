"""The meeting a note names ("Safeguarding Working Group, 13 February 2014") and the body it names beside it."""
from __future__ import annotations

import bisect
import re

from ..dates import MONTHS
from ..people import ORG_WORDS

# "Safeguarding Working Group, 13 February 2014": a meeting's name, a comma, then a date. The end (the meeting word
# to the month) is found first, then the name back from it: a pattern that let the name be any run of words before
# the meeting word was tried again from every capital of a long run without one (quadratic: a 40,000-character note
# of capitalised words took 3 s).
_MEETING_END = re.compile(r"(?P<word>Working Group|Committee|Panel|hearing|meeting|Board)\s*,\s*"
                          rf"(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})")
_NOT_IN_NAME = re.compile(r"[^\w’' ]")  # what a meeting's name cannot hold: it is words, apostrophes and spaces
_CAPITAL = re.compile(r"[A-Z]")
_MEETING_WORDS = re.compile(r"\b(Working Group|Committee|Panel|hearing|meeting)\b")
_ROLE_ONLY = re.compile(r"^(Chair|Chief Executive|Director|Manager|Deputy|Assistant)\b.*\b(of the|Officer)\b")


def meeting(text: str) -> str | None:
    """The first meeting a note names before a date: from the first capital of the words before the meeting word
    ("Safeguarding Working Group, 13 February 2014") to that word's end; None when it names none."""
    stops: list[int] | None = None
    for m in _MEETING_END.finditer(text):
        if stops is None:  # the run before each end is found by bisection, so the text is read once in all
            stops = [x.start() for x in _NOT_IN_NAME.finditer(text)]
        run = stops[bisect.bisect_left(stops, m.start()) - 1] + 1 if stops and stops[0] < m.start() else 0
        first = _CAPITAL.search(text, run, m.start())
        if first:
            return text[first.start():m.end("word")]
    return None


def stated_organisation(text: str) -> str | None:
    """The body a transcript note names between the speaker and the meeting, if it names one."""
    parts = [p.strip() for p in re.split(r",\s*", text)]
    meeting = next((i for i, p in enumerate(parts) if _MEETING_WORDS.search(p)), None)
    if meeting is None or meeting < 2:
        return None
    candidate = parts[meeting - 1]
    if ORG_WORDS.search(candidate) and not _ROLE_ONLY.match(candidate):
        return candidate
    return None
