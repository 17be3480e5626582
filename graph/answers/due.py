"""When a question asks for recommendations due: a date ("by January 2015", "before November 2025", "in 2025") or a
period ("within 12 months"), and whether a deadline as a report writes it meets it."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ingest.dates import MONTHS

_MONTH = "|".join(MONTHS)
# a day, a month or a year as a question or a deadline writes it: "10 October 2025", "January 2015", "2025"
_WHEN = rf"(?:(?:\d{{1,2}}\s+)?(?:{_MONTH})\s+\d{{4}}|(?:19|20)\d{{2}})"
_WORDS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_PERIOD = rf"(?:the\s+next\s+)?(?P<n>{_NUMBER})\s+(?:calendar\s+)?(?P<unit>days?|weeks?|months?|years?)"

# "by January 2015", "before November 2025", "due in 2025", "of January 2015", "no later than 31 October 2025",
# "by the end of 2025"; the word before the date says how the deadline must stand to it
_DATE_ASKED = re.compile(rf"\b(?P<op>by|before|until|till|in|during|of|on|for|no\s+later\s+than)\s+"
                         rf"(?:the\s+(?:end|close)\s+of\s+)?(?P<when>{_WHEN})\b", re.I)
_PERIOD_ASKED = re.compile(rf"\bwithin\s+{_PERIOD}\b", re.I)

# A question for the recommendations due by a date or within a period, in words that say they are to be done:
# "Which recommendations must be implemented by January 2015?", "… are due in 2025?", "… have to be delivered
# within 12 months?". "Which recommendations were made in 2014?" says nothing of being due, and is not one.
# A few words between, none opening a clause of its own: "… concern cases that should have been referred in 2013?"
# asks of cases, not of the recommendations' deadlines (review); bounded, so a long question costs no more than its length.
_GAP = r"(?:\s+(?!(?:that|which|who|whom|whose|where|when)\b)[\w’'&.,-]+){0,8}?"
DUE_QUESTION = re.compile(
    rf"\brecommendations?\b{_GAP}\s+(?:due|must|should|shall|ha(?:ve|s)\s+to|needs?\s+to|(?:is|are)\s+to|expected\s+to|"
    rf"required\s+to|deadlines?|time ?limits?|timescales?)\b{_GAP}\s+(?:{_DATE_ASKED.pattern}|{_PERIOD_ASKED.pattern})",
    re.I)


@dataclass(frozen=True)
class Due:
    """What a question asks of a deadline: a date with how the deadline stands to it, or a period."""

    op: str | None = None  # "by", "before" or "in"
    start: date | None = None
    end: date | None = None
    months: float | None = None  # a period, in months ("within 12 months", "within a year")
    asked: str = ""  # how the answer says it: "by January 2015", "before November 2025", "in 2025", "within 12 months"

    def meets(self, deadline: str) -> bool:
        """Whether a deadline as the report writes it ("By 31 October 2025", "within the next 12 months") meets
        this; a deadline that names no calendar date ("three calendar months following the receipt …", "by the end
        of next year") meets no date, and only a period of the same length meets a period."""
        if self.months is not None:
            m = _PERIOD_ASKED.search(deadline)
            return bool(m) and _months(m) == self.months
        span = _span(deadline)
        if span is None:
            return False
        if self.op == "before":
            return span[1] < self.start
        if self.op == "by":
            return span[1] <= self.end
        return self.start <= span[0] and span[1] <= self.end


def asked_due(question: str) -> Due | None:
    """The date or period a question for recommendations due names, or None when it names neither."""
    m = _PERIOD_ASKED.search(question)
    if m:
        return Due(months=_months(m), asked=" ".join(m.group(0).split()))
    m = _DATE_ASKED.search(question)
    if not m:
        return None
    start, end = _span(m.group("when"))
    op = m.group("op").lower()
    op = "by" if op in ("by", "until", "till") or op.startswith("no") else "before" if op == "before" else "in"
    when = " ".join(m.group("when").split())
    if re.search(r"\bend\s+of\b", m.group(0), re.I):
        return Due("by", start, end, asked=f"by the end of {when}")  # on or before its last day
    return Due(op, start, end, asked=f"{op} {when}")


def dated(deadline: str) -> bool:
    """Whether a deadline names a calendar date (a day, a month or a year)."""
    return _span(deadline) is not None


def _span(text: str) -> tuple[date, date] | None:
    """The first day and last day of the first date written in text: a day, a month or a year."""
    m = re.search(_WHEN, text, re.I)  # "by january 2015" is January's, as the question's pattern reads it
    if not m:
        return None
    words = m.group(0).split()
    year = int(words[-1])
    if len(words) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    month = MONTHS.index(words[-2].capitalize()) + 1
    if len(words) == 3:
        try:
            day = date(year, month, int(words[0]))
        except ValueError:
            return None
        return day, day
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months(m: re.Match) -> float:
    """A period's length in months: 12 months and a year are one length."""
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else _WORDS[n]
    unit = m.group("unit").lower().rstrip("s")
    return count * {"day": 1 / 30, "week": 7 / 30, "month": 1, "year": 12}[unit]
