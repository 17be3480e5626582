"""Dates written out in reports ("13 February 2014", "February 2014") as ISO 8601."""
from __future__ import annotations

import re
from datetime import date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_MONTH_RE = "|".join(MONTHS)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b")
MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b")


def iso_date(text: str) -> str | None:
    """The first full date in text as YYYY-MM-DD, else YYYY-MM for a month, else None."""
    m = DAY_MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group(3)):04d}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
    m = MONTH_YEAR.search(text)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS.index(m.group(1)) + 1:02d}"
    return None


DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\b(?!\s+\d{{4}})")


def day_month(text: str) -> str | None:
    """The last day and month written with no year ("13 February" in a note cut short) as "MM-DD"."""
    found = list(DAY_MONTH.finditer(text))
    if not found:
        return None
    m = found[-1]
    return f"{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"


def last_iso_date(text: str) -> str | None:
    """The last date in text (a note's date comes after its title)."""
    found = list(DAY_MONTH_YEAR.finditer(text))
    if found:
        return iso_date(found[-1].group(0))
    found = list(MONTH_YEAR.finditer(text))
    if found:
        return iso_date(found[-1].group(0))
    m = re.findall(r"\((\d{4})\)", text)
    return m[-1] if m else None


def real_day(iso: str) -> bool:
    """Whether YYYY-MM-DD is a day of the calendar (not 31 February)."""
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def written_date(iso: str) -> str:
    """2014-03-13 as 13 March 2014 (2014-03 as March 2014), as reports write it."""
    parts = [int(p) for p in iso.split("-")] if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", iso) else []
    if not parts or not 1 <= parts[1] <= 12:
        return iso
    month = MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
