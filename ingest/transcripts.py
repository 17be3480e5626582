"""Where a note points into a hearing's transcript: the hearing day, the page and the line, to an end.

Inquiries print these places in a few forms, all read here:
"Transcript, Day 45, page 12, line 3", "Day 96, page 4, line 10 to page 5, line 2", "Alan Bates, Day 2, p. 34",
"Day 45/12:3-17" (day/page:line–line), "[INQ00001201] at [51/20] to [52/4]" (page/line in brackets) and
"Mr Smith, 12 March 2024, 45/3–46/2".
"""
from __future__ import annotations

import re

from .dates import DAY_MONTH_YEAR
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


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def place_in(text: str, day: int | None = None) -> TranscriptPlace | None:
    """The first transcript place a reference gives (day, page, line, to an end page and line); None if none."""
    m = _DAY_PAGE_LINE.search(text)
    if m:
        page = int(m.group(2))
        return TranscriptPlace(int(m.group(1)), page, int(m.group(3)), _int(m.group(4)) or (page if m.group(5) else None),
                               _int(m.group(5)))
    day_m = _DAY.search(text)
    day = int(day_m.group(1)) if day_m else day
    after = text[day_m.end():] if day_m else text
    m = _BRACKETS.search(after) or _WORDS.search(after) or _SLASHES.search(after) or (
        _SLASHES_AFTER_DAY.search(after) if day_m else None)
    if m is None:
        return TranscriptPlace(day) if day is not None else None
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
