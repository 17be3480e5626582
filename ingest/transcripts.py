"""Where a note points into a hearing's transcript: the hearing day, the page and the line, to an end.

Inquiries print these places in a few forms, all read here:
"Transcript, Day 45, page 12, line 3", "Day 96, page 4, line 10 to page 5, line 2", "Alan Bates, Day 2, p. 34",
"Day 45/12:3-17" (day/page:line–line), "[INQ00001201] at [51/20] to [52/4]" (page/line in brackets) and
"Mr Smith, 12 March 2024, 45/3–46/2". A note may give several places, each read: "Day 45/12:3-14:2; Day
46/3:1-5:9", "Transcript of 13 March 2014, pp 5-7 and 12-14", "[51/20] to [52/4] and [60/1] to [61/3]".
"""
from __future__ import annotations

import re

from .dates import DAY_MONTH_YEAR, MONTHS
from .model import TranscriptPlace

_DAY = re.compile(r"\bDay\s*(\d{1,3})\b")
# "Day 45/12:3-17", "Day 45/12:3–13:4"
_DAY_PAGE_LINE = re.compile(r"\bDay\s*(\d{1,3})\s*/\s*(\d{1,4})\s*:\s*(\d{1,3})(?:\s*[-–]\s*(?:(\d{1,4})\s*:\s*)?(\d{1,3}))?")
# "[51/20] to [52/4]", "at [207/3]", "[204/16] to [205/13]"
_BRACKETS = re.compile(r"\[(\d{1,4})/(\d{1,3})\](?:\s*(?:to|[-–])\s*\[(\d{1,4})/(\d{1,3})\])?")
# "45/3–46/2", "12/5": a page and a line not inside a date (no slash or digit either side), standing where a place
# stands: after the hearing's date ("Mr Smith, 12 March 2024, 45/3–46/2"), after "at", or right after "Day N" (not
# a financial year, "the 2013/14 budget", or "24/7" in a title)
_SLASH_PAIR = r"(?<![\d/])(?P<p>\d{1,4})/(?P<l>\d{1,3})(?:\s*[-–]\s*(?P<p2>\d{1,4})/(?P<l2>\d{1,3}))?(?![\d/])"
_SLASHES = re.compile(rf"(?:{DAY_MONTH_YEAR.pattern}\s*,?\s*|\bat\s+){_SLASH_PAIR}")
_SLASHES_AFTER_DAY = re.compile(rf"^\s*,?\s*{_SLASH_PAIR}")
_PAGE = r"(?:\bpages?|\bpp?\.?)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?"
_LINE = r"(?:\blines?|\bll?\.)\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?"
# "page 12, line 3", "p. 34", "pp 45–47", "page 4, line 10 to page 5, line 2", "p 34, ll 3–17"
_WORDS = re.compile(rf"{_PAGE}(?:,?\s*{_LINE})?(?:\s*(?:to|[-–])\s*{_PAGE}(?:,?\s*{_LINE})?)?", re.I)
# A hearing cited without the word "Transcript": "Alan Bates, Day 2, p. 34", "Day 45/12:3-17"
_HEARING_DAY = re.compile(rf"\bDay\s*\d{{1,3}}\s*(?:/\s*\d|,?\s*{_PAGE})", re.I)
# … or by the witness, the day and the page and line alone: "Mr Smith, 12 March 2024, 45/3–46/2"
_DATED_PAGE_LINE = re.compile(rf"^(?P<name>[A-Z][^,\d]{{2,60}}),\s*(?P<date>{DAY_MONTH_YEAR.pattern}),"
                              r"\s*\d{1,4}/\d{1,3}(?:\s*[-–]\s*\d{1,4}/\d{1,3})?\.?$")


# What may stand between two places of one note: separators, "at", "see also", the word "Transcript" and a date
# or a hearing day that the next place is on ("…; Transcript, Day 46, page 4", "pp 5-7 and 12-14")
_BETWEEN = re.compile(rf"(?:\s+|[,;&]|\band\b|\bat\b|\bsee also\b|\btranscript(?:\s+of)?\b|{DAY_MONTH_YEAR.pattern}"
                      r"|\bDay\s*\d{1,3}\b(?!\s*/))+", re.I)
# "pp 5–7 and 12–14", "p 34, ll 3–17 and 20–25": more numbers of the same kind, run on without "pp" or "ll" (not a
# date's day, "pp 5–7, 13 March" or "2 and 3 July", a year, "pp 5–7, 2014", a page and line, "and 12/4", nor a
# number before a word, "10am", "2 witnesses")
_MORE = re.compile(rf"\s*(?:,|\band\b|&)\s*(?!(?:19|20)\d\d\b)(\d{{1,4}})(?:\s*[-–]\s*(\d{{1,4}}))?(?![\d/:\]])"
                   rf"(?!\s+(?:{'|'.join(MONTHS)})\b)(?!\s*(?:and|&|,)\s*\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\b)"
                   # a page stands before a stop, a separator or the end, not before a word ("10am", "2 witnesses")
                   r"(?=\s*(?:[,;.)\]]|\band\b|&|$))")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _place(m: re.Match, day: int | None) -> TranscriptPlace:
    """The place one match of a form gives, on the hearing day the note names before it."""
    if m.re is _DAY_PAGE_LINE:
        page = int(m.group(2))
        return TranscriptPlace(int(m.group(1)), page, int(m.group(3)), _int(m.group(4)) or (page if m.group(5) else None),
                               _int(m.group(5)))
    if m.re is _WORDS:
        page, page_to, line, line_to, page2, page2_to, line2, line2_to = m.groups()
        page_end = _int(page2) or _int(page_to)
        line_end = _int(line2) or _int(line_to)
        if line_to and not page2:  # "lines 3–17" on one page
            page_end = int(page)
        return TranscriptPlace(day, int(page), _int(line), page_end, line_end)
    if m.re is _BRACKETS:
        page, line, page_end, line_end = m.groups()
    else:
        page, line, page_end, line_end = m.group("p", "l", "p2", "l2")
    return TranscriptPlace(day, int(page), int(line), _int(page_end), _int(line_end))


def _first(text: str, day: int | None) -> tuple[TranscriptPlace | None, int]:
    """The first place a reference gives, and where it ends in the text."""
    m = _DAY_PAGE_LINE.search(text)
    if m:
        return _place(m, None), m.end()
    day_m = _DAY.search(text)
    day = int(day_m.group(1)) if day_m else day
    at = day_m.end() if day_m else 0
    after = text[at:]
    m = _BRACKETS.search(after) or _WORDS.search(after) or _SLASHES.search(after) or (
        _SLASHES_AFTER_DAY.search(after) if day_m else None)
    if m is None:
        return (TranscriptPlace(day) if day is not None else None), len(text)
    return _place(m, day), at + m.end()


_SLASH_PLACE = re.compile(_SLASH_PAIR)


def _next(text: str, at: int, before: TranscriptPlace) -> tuple[TranscriptPlace, int] | None:
    """The place run on from the one before, where only separators, "Transcript", a date or a day stand between."""
    more = _MORE.match(text, at)
    if more and before.page is not None:
        first, last = int(more.group(1)), _int(more.group(2))
        if before.line is None:  # "pp 5–7 and 12–14": more pages
            return TranscriptPlace(before.day, first, None, last), more.end()
        if before.page_end in (None, before.page):  # "p 34, ll 3–17 and 20–25": more lines on the page
            return TranscriptPlace(before.day, before.page, first, before.page if last else None, last), more.end()
    gap = _BETWEEN.match(text, at)
    if gap is None or not re.search(r"[,;&]|\band\b", gap.group(0), re.I):
        return None
    days = _DAY.findall(gap.group(0))
    day = int(days[-1]) if days else before.day
    for form in (_DAY_PAGE_LINE, _BRACKETS, _WORDS, _SLASH_PLACE):
        m = form.match(text, gap.end())
        if m:
            return _place(m, day), m.end()
    return None


def places_in(text: str, day: int | None = None) -> list[TranscriptPlace]:
    """Every transcript place a reference gives, in order (day, page, line, to an end page and line): the first,
    then each run on from it ("Day 45/12:3-14:2; Day 46/3:1-5:9", "pp 5-7 and 12-14"); empty if none."""
    place, at = _first(text, day)
    places = [place] if place is not None else []
    while places and places[-1].page is not None:
        step = _next(text, at, places[-1])
        if step is None:
            break
        places.append(step[0])
        at = step[1]
    return places


def place_in(text: str, day: int | None = None) -> TranscriptPlace | None:
    """The first transcript place a reference gives (day, page, line, to an end page and line); None if none."""
    return _first(text, day)[0]


def is_hearing(text: str) -> bool:
    """Whether a note cites a hearing by its day and place, without the word "Transcript"."""
    return bool(_HEARING_DAY.search(text) or _DATED_PAGE_LINE.match(text.strip()))


def hearing_witness(text: str) -> str | None:
    """The words before the day or the date in "Alan Bates, Day 2, p. 34" or "Mr Smith, 12 March 2024, 45/3"."""
    m = _DATED_PAGE_LINE.match(text.strip())
    if m:
        return m.group("name").strip()
    head = re.split(r",?\s*\bDay\s*\d", text, maxsplit=1)[0].strip(" ,")
    return head or None
