"""Published works and written evidence as notes cite them: two works in one note, a work's title, and who gave
the evidence an evidence code cites."""
from __future__ import annotations

import re

from ..people import NAME_JOINS

_LEAD = re.compile(r"^(?:For example|See also|See|e\.g\.)[:,]?\s*", re.I)
# "Lord Laming (2009) The Protection of Children in England" or "Dorkenoo et al (2007), A statistical study …"
_AUTHOR_YEAR = re.compile(r"^(?P<author>[A-Z][^()]*?)\s*\((?P<year>\d{4})\),?\s+(?P<title>[^,(]+?)\s*"
                          r"(?:,|\(|\.\s+\S|(?<=[?!])\s+\S|\.?$)")  # ends at a comma, a bracket or a new sentence
# " and " before a second "Author (year)": two publications in one note
_SECOND_WORK = re.compile(r" and (?=(?:[A-Z][\w’'.-]*\s){0,5}?[A-Z][\w’'.-]*\s\(\d{4}\))")
# A comma-separated part of a note that is a question reference, not a name: "Q21", "QQ 2–5", "Qq 45"
_QUESTION_PART = re.compile(r"^(?:QQ?|Qq)\s?\d")


def code_giver(before: str) -> str | None:
    """Who gave the written evidence an evidence code cites: the name before the code, which may hold commas
    ("Brunel University, London (EIM0028)", "Grantham Institute, Imperial College (EIM0027)"). It runs back over
    comma-separated parts while each is a name (capitalised words, with "of", "and", "&" and the like between),
    stopping at a question reference ("Q21, Greenpeace UK"), a lead-in or a clause ("As noted by …, Fidra"); a
    lead-in run into the name leaves the name ("See written evidence from Fidra (EIM0012)")."""
    def named(word: str) -> bool:
        return word[0].isupper() or word[0].isdigit() or word in NAME_JOINS

    parts: list[str] = []
    for part in reversed(re.split(r"\s*,\s*", before)):
        words = part.strip(" ;").split()
        if not words or _QUESTION_PART.match(part.strip()):
            break
        if not all(named(w) for w in words) or words[0] in NAME_JOINS:
            if not parts:  # the name's own part: its last words that are a name
                tail: list[str] = []
                for w in reversed(words):
                    if not named(w):
                        break
                    tail.insert(0, w)
                while tail and tail[0] in NAME_JOINS:
                    tail.pop(0)
                parts = [" ".join(tail)] if tail else []
            break
        parts.insert(0, " ".join(words))
    return ", ".join(parts) or None


def split_segments(text: str) -> list[str]:
    """'A – written evidence … and B – written evidence …' names two sources, and so does
    'For example: Lord Laming (2003) The Victoria Climbié Inquiry and Lord Laming (2009) The Protection …'."""
    kinds = list(re.finditer(r"written evidence|transcript", text))
    if len(kinds) > 1:
        parts = re.split(r"(?<=Group) and (?=[A-Z])", text)
        if len(parts) > 1:
            return parts
    if len(re.findall(r"\(\d{4}\)", text)) > 1:
        parts: list[str] = []
        pending = ""
        for part in _SECOND_WORK.split(_LEAD.sub("", text)):
            # "Food and Agriculture Organization (2016) …": an " and " inside a name, not between two works
            part = f"{pending} and {part}" if pending else part
            if re.search(r"\(\d{4}\)", part):
                parts.append(part)
                pending = ""
            else:
                pending = part
        if pending and parts:
            parts[-1] += " and " + pending
        if len(parts) > 1:
            return parts
    return [text]


def cited_title(text: str) -> str | None:
    """The title in "Author (year) Title[, more]", as far as the first comma; None in other forms,
    where the author and the title cannot be told apart safely."""
    m = _AUTHOR_YEAR.match(text)
    if not m:
        return None
    title = m.group("title").strip(" .:;")
    return title if len(title.split()) >= 2 and not re.fullmatch(r"[\d\W]+", title) else None
