"""A report's title as its title page prints it, whatever else the page prints."""
from __future__ import annotations

import re

from .vocabulary import LEGISLATURES, OPEN_END, ORDINAL_WORD

_LEGISLATURE = "|".join(sorted(LEGISLATURES, key=len, reverse=True))
_WRAPPED = re.compile(rf"{OPEN_END}$", re.I)

# A government body's name alone on its line, as an audit report names the body it audits over the title: a few
# words and no digits ("Department for Environment, Food and Rural Affairs", "HM Treasury"). A title that opens with
# one ("Ministry of Defence Equipment Plan 2023 to 2033") is longer or holds digits, and a line that is only a body's
# name is the title where the page prints no other ("Ministry of Defence Procurement Reform").
_BODY = (r"(?:the )?(?:Department|Ministry) (?:for|of) [A-Z][\w’']*(?:,? (?:and |& )?[A-Z][\w’']*){0,5}|"
         r"HM [A-Z]\w+(?: [A-Z]\w+){0,2}|(?:Cabinet|Home) Office")
_BODY_ALONE = re.compile(rf"^(?:{_BODY})$")

# What a title page prints besides the title: the House, the committee, the session, the paper's number,
# "Report", "Volume 1", the printing order, the publisher and the price.
TITLE_PAGE_OTHER = re.compile(
    rf"^(?:{_LEGISLATURE}|.*\bCommittee\b.*|.*\bReport of Session\b.*|.*\bSession \d{{4}}.*|"
    # "3rd Report, 2024 (Session 6)" (Scottish Parliament), "SP Paper 512", "HC 1234 SESSION 2022–23"
    rf"(?:(?:Final|Interim|{ORDINAL_WORD})\s+)?Report(?:\s+(?:of|by|into|on)\b.*|,.*)?|.*\(Session \d+\)|Volume \w+|"
    r"(?:HC|HL)(?: Paper)? \d+.*|[A-Z]{2,4} Paper \d+.*|Ordered\b.*|"
    r"Published\b.*|Presented\b.*|London\s*:.*|£.*|.*\btogether with\b.*|"
    rf"{_BODY}|"
    r"London Assembly|Greater London Authority|GLA|Mayor of London|"
    # a line that is only a date: "March 2019", "15 June 2016", "2014-15" (a year inside a title is the title's)
    r"(?:\w+day\s+)?(?:\d{1,2}\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+)?(?:19|20)\d\d(?:\s*[–/-]\s*\d{2,4})?)$", re.I)


def title_page_title(lines: list[str]) -> str | None:
    """The title on a title page (a first page of a few short lines): the first lines that are none of what
    else such a page prints ("HOUSE OF LORDS" / "… Select Committee" / "2nd Report of Session 2010–12" /
    "Behaviour Change" / "Report" gives "Behaviour Change")."""
    if not lines or len(lines) > 20 or max(len(t) for t in lines) > 90:
        return None
    picked: list[str] = []
    lines = _unwrapped(" ".join(x.split()) for x in lines)
    other = [bool(TITLE_PAGE_OTHER.match(t) or not re.search(r"[^\W\d_]{3}", t)) for t in lines]
    if all(other):
        # no line but a body's name: that name is the title ("Ministry of Defence Procurement Reform")
        other = [o and not _BODY_ALONE.match(t) for o, t in zip(other, lines)]
    for t, is_other in zip(lines, other):
        if is_other:
            if picked:
                break
            continue
        picked.append(t.title() if t.isupper() else t)  # "THE GRENFELL TOWER INQUIRY", a line at a time
        if len(picked) == 3:
            break
    title = " ".join(picked)
    if not picked or len(title) > 150:
        return None
    return title


def goes_on(line: str) -> bool:
    """Whether a title-page line ends on a word no name ends on ("… Sport and"), so its name goes on in the next."""
    return bool(_WRAPPED.search(line))


def _unwrapped(lines) -> list[str]:
    """Title-page lines with a name set over two lines made one ("Culture, Communications, Welsh Language, Sport and" /
    "International Relations Committee"): a line that ends on a word no name ends on goes on in the next."""
    out: list[str] = []
    for t in lines:
        if out and goes_on(out[-1]) and t:
            out[-1] = f"{out[-1]} {t}"
        else:
            out.append(t)
    return out
