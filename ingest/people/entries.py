"""One list entry read into its people, posts and bodies: "Name, Role, Organisation[, and Name, …]", a
House of Lords panel, a written-evidence entry."""
from __future__ import annotations

import re
from collections import Counter

from ..vocabulary import UNIT_NOUNS, word_pattern
from .names import (NAME_JOINS, ORG_WORDS, _AFTER_DEGREES, _BODY_HEADS, _DEGREES, _POST_LETTERS, _ROLE_WORDS,
                    _TITLE_RE, _is_name, entry_name, split_title)


# Spaces pypdf sets inside a word of kerned type: before a possessive ("King ’s College") or a word's hyphen
# ("Cross -Government"); a dash with spaces either side is left alone
_INNER_SPACE = re.compile(r"(?<=\w) +(?=[’']s\b)|(?<=\w) +(?=-\w)|(?<=\w) +(?=”)")


def _tidy(text: str) -> str:
    """A list entry's text on one line: white space runs made one space, and pypdf's spaces inside words taken out."""
    return _INNER_SPACE.sub("", " ".join(text.split()))


def _unsplit(text: str, words: Counter, source: str) -> str:
    """The text with each word pypdf split in kerned type whole again ("Hea d of", "British Med ical Association"):
    two pieces are one word when the report uses the joined word more often than the rarer piece stands alone
    (outside this split): "of the" stays two, "ofthe" being no word, and so does "to day", "day" being commoner
    than "today". words counts the report's words."""
    out: list[str] = []
    for token in text.split(" "):
        a = out[-1] if out else ""
        b = token.rstrip(",;:.)”")  # the piece's word, before any stop after it
        if a.isalpha() and b.isalpha() and b.islower() and words[a + b] \
                and words[a + b] > min(words[a], words[b]) - source.count(f"{a} {b}"):
            out[-1] = a + token
        else:
            out.append(token)
    return " ".join(out)


def _rejoined(part: str) -> str:
    """A name whose word an extraction split ("Professor John Bri tton", "Ms Anne M ilton MP", as pypdf sets kerned
    type): a lower-case piece that is no particle of a name ("van", "de") nor a joining word joins the capitalised
    word before it. The caller keeps the result only when it reads as a name."""
    words = part.split()
    out: list[str] = []
    for w in words:
        if out and w.isalpha() and w.islower() and w not in NAME_JOINS and out[-1][:1].isupper() and out[-1].isalpha():
            out[-1] += w
        else:
            out.append(w)
    return " ".join(out)



def _name_in(part: str) -> str | None:
    """The part as a listed person's name, rejoining a word the extraction split; None when it is no name."""
    if _is_name(part):
        return part
    joined = _rejoined(part)
    return joined if joined != part and _is_name(joined) else None


def _title_case_run(part: str) -> bool:
    """Whether every word of the part is capitalised or a name's joining word ("Department for Environment")."""
    words = part.split()
    return bool(words) and all(w[:1].isupper() or w in NAME_JOINS for w in words)


def _continues_name(before: str, part: str) -> bool:
    """Whether a comma cut one body's name: the part is the end of a list of words in a name, its last two joined by
    "and" ("Food and Rural Affairs", "Toiletry and Perfumery Association"), and what stands before the comma is a
    name that has not ended: capitalised words, no person's name or post, its last word no head of a body's name
    ("Department for Environment", "The Cosmetics"; not "Great Yarmouth Community Trust")."""
    m = re.match(r"^(?:[A-Z][\w’'&-]*\s+){1,3}and\s+[A-Z]", part)
    if not m or not _title_case_run(part) or not _title_case_run(before):
        return False
    last = before.split()[-1]
    return (not _is_name(before) and not _ROLE_WORDS.search(before) and not re.fullmatch(_BODY_HEADS, last)
            and last not in NAME_JOINS)


def _whole_names(parts: list[str]) -> list[str]:
    """The parts of an entry cut at its commas, with each body's name that holds commas made whole again:
    "Department for Environment", "Food and Rural Affairs" is "Department for Environment, Food and Rural Affairs"."""
    out: list[str] = []
    for part in parts:
        if out and _continues_name(out[-1], part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


# Place names that a body's name holds and a person's does not ("Safer Streets London", "Homes England")
_PLACE_WORDS = re.compile(r"\b(?:London|England|Scotland|Wales|Ireland|Britain|British|UK|Europe|European)\b")


def _reads_as_body(part: str) -> bool:
    """Whether a name ending a witness entry reads as a body's: an organisation's word or a place in it, more than
    three words, or a possessive ("Barnardo’s"); else it is a person's ("Craig Mackey")."""
    return bool(ORG_WORDS.search(part) or _PLACE_WORDS.search(part) or len(part.split()) > 3
                or re.search(r"[’']s\b", part))


def parse_person_entry(text: str, must_start_with_name: bool = True) -> list[dict]:
    """People in a witness entry: 'Name, Role, Organisation[, and Name, Role, Organisation]'."""
    text = _tidy(text).rstrip(".")
    if ";" in text:
        # House of Commons panels: "Name, Role, Body; Name, Role, Body; and Name, Role, Body"
        entries = [parse_person_entry(part, must_start_with_name) for part in re.split(r";\s*(?:and\s+)?", text)]
        return [] if must_start_with_name and not all(entries) else [e for part in entries for e in part]
    extra = re.search(r"\s*\(and ([^()]+)\)", text)  # "Dr Peter Green (and Dr Jason Payne-James), ..."
    if extra:
        text = text[:extra.start()] + text[extra.end():]
    parts = _whole_names([p.strip() for p in re.split(r",\s*", text) if p.strip()])
    people: list[dict] = []
    for i, part in enumerate(parts):
        # A new person starts the entry, or follows the previous one's role or organisation.
        starts_new = i == 0 or (people and people[-1]["rest"]) or part.startswith("and ")
        named = _name_in(part) if starts_new else None
        if named and i == len(parts) - 1 and not part.startswith("and ") and not split_title(named)[0] \
                and _ROLE_WORDS.search(people[-1]["rest"][-1] if people and people[-1]["rest"] else "") \
                and _reads_as_body(part):
            # "Jane Okafor, Chief Executive, Safer Streets London": an untitled name right after a post, ending the
            # entry, is the body the post is held in when it reads as a body's; a second person has a post of their
            # own ("…, Ian Malcomber, Science Director, Unilever"), is joined by "and", titled, set after a ";", or
            # named in a person's two or three words ("…, Deputy Mayor for Policing, Craig Mackey")
            named = None
        if named:
            title, name = entry_name(re.sub(r"^and\s+", "", named))
            name = _POST_LETTERS.sub("", name)
            people.append({"title": title, "name": name, "rest": []})
        elif people:
            people[-1]["rest"].append(re.sub(r"^and\s+", "", part))
        elif must_start_with_name:
            return []
    if extra and people:
        title, name = entry_name(extra.group(1))
        people.append({"title": title, "name": name, "rest": list(people[0]["rest"])})
    for p in people:
        rest = p.pop("rest")
        org = None
        at = re.search(r"\s+at\s+([A-Z].+)$", rest[-1]) if rest else None
        if at:
            # "Science Director at Unilever": role, then the body after "at"
            rest[-1], org = rest[-1][:at.start()], at.group(1)
        elif rest and (ORG_WORDS.search(rest[-1]) or rest[-1].isupper() or re.match(r"HM\s+[A-Z]", rest[-1])) \
                and not re.search(r"\b(Consultant|Manager|Officer)$", rest[-1]):
            org = rest.pop()
            # "Faculty of Natural Sciences, the Grantham Institute, Imperial College": the last is the body.
        if not org and len(rest) >= 2 and _ROLE_WORDS.search(rest[0]) and not _ROLE_WORDS.search(rest[-1]):
            org = rest.pop()  # "Chief Executive, Children in Wales": after a role, the body it is held in
        if not org and rest and " – " in rest[-1]:
            # "Designated Doctor for Child Safeguarding – Wandsworth CCG": role, dash, body
            rest[-1], org = rest[-1].split(" – ", 1)
        p["organisation"] = org
        p["role"] = ", ".join(rest) or None
    return people


def _joint_bodies(entry: str) -> list[str]:
    """The bodies of one written-evidence entry: "Greenpeace UK, the Environmental Investigation Agency, Fauna & Flora
    International, and the Marine Conservation Society" (a list closed by ", and") gave it jointly, four bodies;
    any other entry is one ("Brunel University, London", "Department for Environment, Food and Rural Affairs")."""
    if not re.search(r",\s+and\s+", entry):
        return [entry]
    parts = _whole_names([p.strip() for p in re.split(r",\s*(?:and\s+)?", entry) if p.strip()])
    if all(re.match(r"(?:the\s+)?[A-Z0-9]", p) for p in parts):
        return parts
    return [entry]


def _written_by(entry: str) -> list[dict]:
    """The people a written-evidence entry names, with the body the list gives them: "Dr Natalie Welden" and "Dr Jane
    Doe, University of Exeter" are people (titled: an untitled "Richard Shirres" reads no differently from a body's
    name, "Plastic Oceans"); "Brunel University, London" and "Keep Britain Tidy" are bodies, so none."""
    first = re.split(r",|\s+and\s+", entry)[0].strip()
    if not split_title(first)[0] or not _is_name(first):
        return []
    return parse_person_entry(entry)


def _written_people(entry: str) -> list[dict]:
    """The people of a written-evidence entry, each with the post and body it gives them: a titled name, or an
    untitled one that opens the entry before a comma ("Carolyn Lester, Public Health Wales"). Names listed before
    one body share it ("Dr Alison Bish and Professor Susan Michie, University College London"). None when the
    entry opens with a body's name."""
    entry = re.sub(r"\s*\([a-z][^()]*\)$", "", entry)  # "(supplementary)": a note on the entry, no part of it
    first = _AFTER_DEGREES.sub("", re.split(r",|\s+and\s+", entry)[0].strip())
    if not _is_name(first) or not (split_title(first)[0] or "," in entry):
        return []
    people = [e for e in _panel_entries(entry, written=True) if e["name"]]
    for e in people:
        if e["role"] and not e["organisation"] and not re.search(r",|\band\b", e["role"]) \
                and not _ROLE_WORDS.search(e["role"]) and not _is_name(e["role"]):
            e["organisation"], e["role"] = e["role"], None  # "Steve Martin, Influence at Work": the body he wrote for
    for before, after in reversed(list(zip(people, people[1:]))):
        if not before["organisation"] and not before["role"]:
            before["organisation"], before["role"] = after["organisation"], after["role"]
    return people


def _panel_entries(text: str, written: bool = False) -> list[dict]:
    """"Department of Health and Professor Erik Millstone, Professor of Science Policy, University of Sussex":
    a titled name opens a person, whose role and body follow; untitled names before any person are bodies.
    An untitled name followed by a role ("Peter Denton, Chief Executive, Homes England") opens one too, and in a
    written-evidence entry (written) one that opens it and is followed by anything ("Joan Costa-Font, London School
    of Economics") or follows "and" before a comma ("…, Arizona State University and Steve Martin, Influence at
    Work")."""
    untitled_after = r"|\s+and\s+(?=[A-Z][\w’'-]+\s+[A-Z][\w’'-]+,)" if written else ""
    # a list's marks ("*", "**", a column of them as pdfminer.six sets it) are no part of a name
    parts = _whole_names([x.strip(" *") for x in re.split(
        rf",\s*(?:and\s+)?|;\s*(?:and\s+)?|\s+and\s+(?=(?:{_TITLE_RE})\s+[A-Z][a-z]){untitled_after}", text)
        if x.strip(" *")])
    out: list[dict] = []
    current = None
    for i, part in enumerate(parts):
        part = _name_in(part) or part
        title, name = entry_name(part)
        # a written entry may list several untitled names before their body ("Andrew Dapaah, Ann Paraiso, …,
        # Leicester University Medical Students"); the last part, though, is their body ("…, Public Health Wales")
        untitled = (not title and (current is None or current["rest"] or written) and _is_name(part)
                    and i + 1 < len(parts) and (bool(_ROLE_WORDS.search(parts[i + 1])) or written))
        if (title and _is_name(part)) or untitled:
            current = {"title": title, "name": _AFTER_DEGREES.sub("", _POST_LETTERS.sub("", name)), "rest": []}
            out.append(current)
        elif current is not None and not re.fullmatch(rf"{_DEGREES}(?:\s+{_DEGREES})*", part):
            current["rest"].append(part)
        else:
            out.append({"title": None, "name": None, "rest": [], "organisation": part, "role": None})
    others = []
    for e in out:
        if e["name"] is None:
            continue
        post, e["organisation"], more = _post_and_body(e.pop("rest"))
        e["role"] = ", ".join(post) or None
        # the body of a second post ("…, and Chair, Cross-Government Expert Advisory Group"): one the list names
        e["held"] = [part for part in post[1:] if _is_body(part) and e["organisation"]]
        others += [{"title": None, "name": None, "organisation": body, "role": None} for body in more]
    for e in out:
        e.pop("rest", None)
    return out + others


# Words that head a part of a larger body as often as a body of its own ("Centre for Transport Research, University
# of Aberdeen", "Faculty of Natural Sciences, …, Imperial College"): before another body, it is that body's part.
_PART_HEADS = re.compile(word_pattern(UNIT_NOUNS + ("Centre", "Faculty", "School", "Department", "Institute", "Division")))


def _is_body(part: str) -> bool:
    """Whether a part of a witness entry names a body and no post: "University of Leeds", "MRC", "HM Treasury"."""
    if _ROLE_WORDS.search(part):
        return False
    return bool(ORG_WORDS.search(part) or re.fullmatch(r"[A-Z]{2,}", part) or re.match(r"HM\s+[A-Z]", part))


def _post_and_body(rest: list[str]) -> tuple[list[str], str | None, list[str]]:
    """A panel witness's (post, body, other bodies) from the parts after the name. The body is the one that follows
    the first post, after any parts of it ("Director, Transport Studies Unit, University of Oxford"), or the first
    part when no post comes first; a post after it opens a second post ("…, MRC, and Chair, Cross-Government …"),
    and a "Body and Director of …" is a body and a second post. A whole body right after the witness's own is one
    the panel names in its own name, not theirs ("Professor of Transport Planning, University of Leeds, Sustainable
    Development Commission"; "Cabinet Office, and the Government … Team"). With no named body, the part after a
    post is the body it is held in ("Principal Scientist, Shell Global Solutions")."""
    parts = [q for part in rest for q in re.split(r"\s+and\s+(?=(?:[A-Z][\w-]*\s+)?(?:Director|Head|Chair|Professor)\b)",
                                                  part)]
    start = 1 if parts and not _is_body(parts[0]) else 0  # the first post, if one comes first
    at = start
    while at + 1 < len(parts) and _is_body(parts[at]) and _PART_HEADS.search(parts[at]) and _is_body(parts[at + 1]):
        at += 1  # a part of the body after it
    if at < len(parts) and _is_body(parts[at]):
        body, others = parts[at], []
        after = at + 1
        while after < len(parts) and _is_body(parts[after]) and (parts[after].startswith("the ")
                                                                 or not _PART_HEADS.search(parts[after].split()[-1])):
            others.append(parts[after])
            after += 1
        return parts[:at] + parts[after:], body, others
    if start == 1 and len(parts) == 2 and not _ROLE_WORDS.search(parts[1]):
        return parts[:1], parts[1], []
    return parts, None, []
