"""People and organisations the report lists: members, witnesses, written evidence, site visits.

Each person is resolved across the forms of name the report uses: a rank or its abbreviation
("Assistant Commissioner Mark Rowley", "AC Mark Rowley", "AC Rowley") and misspellings one or
two letters apart ("Malcom Ward", "Sue Berelowitiz"). The canonical name is the spelling the
report uses most often.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from dataclasses import replace
from difflib import SequenceMatcher

from .codes import coded_names
from .dates import iso_date
from .ids import slugify
from .model import Appearance, Organisation, Person
from .vocabulary import BODY_OR_WORK_NOUNS, ORG_NOUNS, UNIT_NOUNS, word_pattern

RANKS = {
    "Assistant Commissioner": "AC", "Deputy Assistant Commissioner": "DAC", "Commissioner": None,
    "Detective Chief Superintendent": "DCS", "Detective Superintendent": "DSupt", "Chief Superintendent": "Ch Supt",
    "Detective Chief Inspector": "DCI", "Detective Inspector": "DI", "Detective Sergeant": "DS",
    "Superintendent": "Supt", "Chief Inspector": "CI", "Inspector": "Insp", "Commander": "Cdr",
    "Professor": "Prof", "Dr": None, "Sir": None, "Dame": None, "Lord": None, "Baroness": None,
    "Mr": None, "Mrs": None, "Ms": None, "Miss": None, "Councillor": "Cllr", "Rt Hon": None,
}
# Titles of peers, whose names run "Baroness Vere of Norbiton" ("of" is part of the name), and the particles of
# surnames ("Erik van Sebille"): one list each, for the ingest and for the graph's registry.
PEER_TITLES = ("Lord", "Baroness", "Lady", "Earl", "Viscount", "Viscountess", "Countess", "Bishop", "Duke", "Marquess")
NAME_PARTICLES = ("van", "von", "de", "der", "den", "du", "da", "di", "del", "la", "le", "ter")
# The small words a name holds between its capitalised ones: a person's particles, a body's joining words ("Fauna &
# Flora International", "University of Exeter", "Department for Environment, Food and Rural Affairs")
NAME_JOINS = frozenset({*NAME_PARTICLES, "of", "and", "&", "the", "for", "at", "in", "on", "to"})
RANKS.update({t: None for t in PEER_TITLES if t not in RANKS})
# Offices that follow a peer's title and name no peer: "the Lord Mayor", "the Lord Chancellor", "Lady Justice".
_PEER_OFFICES = {"Mayor", "Chancellor", "Justice", "Chief", "Speaker", "President", "Lieutenant", "Advocate",
                 "Provost", "Chamberlain", "Steward", "Privy", "Spiritual", "Temporal"}
_ABBREV_TO_RANK = {v: k for k, v in RANKS.items() if v}
_TITLE_RE = "|".join(sorted((re.escape(t) for t in list(RANKS) + list(_ABBREV_TO_RANK)), key=len, reverse=True))
# Titles as printed before a name, one or several in their order: "Dr", "Professor Sir", "Rt Hon Lord", "Prof Dame".
_TITLE_RUN = rf"(?:{_TITLE_RE})(?:\s+(?:{_TITLE_RE}))*"
# The titles that style a person rather than name an office they hold ("Assistant Commissioner", "Councillor").
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Sir", "Dame", "Rt Hon", *PEER_TITLES)
_NAME_WORD = r"[A-Z][a-zA-Z’'\-]+"
NAME = rf"(?:(?P<title>{_TITLE_RE})\s+)?(?P<name>{_NAME_WORD}(?:\s+(?:van|von|de|der|Mc)?\s?{_NAME_WORD}){{1,2}})"
_MEMBER = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}?)(?:\s+(?:MBE|OBE|CBE|QC|KC))*\s+(?P<post>AM|MP)\s*"
    r"\((?P<party>[^()]*(?:\([^()]*\))?[^()]*)\)\s*(?:\((?P<chair>Chair)\))?")
# A member of the House of Lords as its lists print them: "Lord Krebs (Chairman)", "Baroness Perry of Southwark",
# "the Earl of Selborne"; "†" marks a co-opted member.
_PEER = re.compile(rf"(?:†\s*)?(?:the\s+)?(?P<name>(?:{'|'.join(PEER_TITLES)})(?:\s+of)?\s+[A-Z][\w’'\-]+(?:\s+of\s+[A-Z][\w’'\-]+)?)"
                   r"(?:\s*\((?P<chair>Chairman|Chair|Chairwoman)\))?")
# Bodies the witness lists name with no organisation noun in the name ("Unilever", "Procter & Gamble",
# "Barnardo’s", "Southall Black Sisters", "Children England"): a word of theirs marks an affiliation, though it
# heads no organisation's name in general.
_NAMED_BODY_WORDS = ("MOPAC", "DEFRA", "Barnardo’s", "Gamble", "Unilever", "L’Oréal", "Children England", "Sisters",
                     "Midwives", "Science", "International", "England")
# A word that marks a witness's affiliation, a note's source or an addressee as a body: the nouns of
# organisations and of their units (ingest/vocabulary.py), "Inquiry", and the names above.
ORG_WORDS = re.compile(word_pattern(ORG_NOUNS + UNIT_NOUNS + BODY_OR_WORK_NOUNS + _NAMED_BODY_WORDS))
# The head of a body's name, its last word ("Trust", "Unit"): a name that ends on one is whole.
_BODY_HEADS = word_pattern(ORG_NOUNS + UNIT_NOUNS + BODY_OR_WORK_NOUNS)
_ROLE_WORDS = re.compile(
    r"\b(Consultant|Officer|Manager|Director|Chair|Commissioner|Adviser|Advisor|Campaigner|Head|Minister|"
    r"Professor|Scientist|Co-ordinator|Coordinator|Clerk|Lead|Secretary|Chief|Deputy|Member)\b")
# A member's letters after a name: of the Commons, the Senedd, the Scottish Parliament, the Northern Ireland Assembly
_POST_LETTERS = re.compile(r"\s+(?:MP|MS|MSP|MLA)\b")
# Degrees after a name ("Dr John Coggon LLB, PhD", "Mr John Porter MSc: Director"): no part of it, nor a post
_DEGREES = r"(?:LLB|LLM|BA|BSc|MA|MSc|MBA|MPhil|PhD|DPhil|MD|FRS|FBA|FMedSci)"
_AFTER_DEGREES = re.compile(rf"\s+{_DEGREES}\b.*$")
_DATE_ONLY = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?\s*\d{1,2}\s+\w+\s+\d{4}$")
_QUESTIONS = re.compile(r"^Q\d+\s*[–-]\s*\d+$")


def person_id(report_id: str, name: str) -> str:
    """A person's id, scoped by report."""
    return f"{report_id}/person/{slugify(name)}"


def org_id(report_id: str, name: str) -> str:
    """An organisation's id, scoped by report."""
    return f"{report_id}/org/{slugify(name)}"


def split_title(text: str) -> tuple[str | None, str]:
    """('Assistant Commissioner', 'Mark Rowley') from 'Assistant Commissioner Mark Rowley' or 'AC Mark Rowley'; several
    titles are kept whole, in their order: ('Professor Sir', 'Stephen Powis') from 'Prof Sir Stephen Powis'."""
    m = re.match(rf"^({_TITLE_RUN})\s+(.+)$", text.strip())
    if not m:
        return None, text.strip()
    return " ".join(titles_of(m.group(1))), m.group(2).strip()


def titles_of(title: str | None) -> list[str]:
    """Each title of a person's title, in full and in order: ['Professor', 'Sir'] of 'Prof Sir'; [] of None."""
    found = re.findall(rf"(?<!\S)(?:{_TITLE_RE})(?!\S)", title or "")
    return [_ABBREV_TO_RANK.get(t, t) for t in found]


def abbreviated(title: str) -> str | None:
    """The title as ranks are abbreviated ('Prof Sir' of 'Professor Sir', 'DCI' of 'Detective Chief Inspector'); None
    when no title of it has an abbreviation."""
    titles = titles_of(title)
    short = [RANKS.get(t) or t for t in titles]
    return " ".join(short) if short != titles else None


def peer_title(title: str | None) -> str | None:
    """The peer's title that ends a person's title ('Lord' of 'Rt Hon Lord'), which is part of the peer's name."""
    titles = titles_of(title)
    return titles[-1] if titles and titles[-1] in PEER_TITLES else None


def entry_name(text: str) -> tuple[str | None, str]:
    """A listed person's (title, name): split_title's, except that a peer's title is part of the name as lists
    print it ("Baroness Vere of Norbiton", "Lord Krebs")."""
    title, name = split_title(text)
    peer = peer_title(title)
    return (title, f"{peer} {name}") if peer else (title, name)


def is_person_name(text: str) -> bool:
    """Whether text is a person's name as lists print it ("Dr Peter Green", "Lord Krebs"), not a body's or a role's."""
    return _is_name(text)


def _is_name(part: str) -> bool:
    part = re.sub(r"^and\s+", "", part.strip())
    title, rest = split_title(part)
    if ORG_WORDS.search(rest) or (_ROLE_WORDS.search(rest) and not title):
        return False
    words = _POST_LETTERS.sub("", rest).split()
    peer = peer_title(title)
    if peer:
        if _PEER_OFFICES & set(words):
            return False  # "Lord Mayor", "Lord Chief Justice": an office
        if len(words) == 1:
            return True  # "Lord Krebs"
    if not 2 <= len(words) <= 4 or words[0] in ("The", "A", "An"):
        return False
    particles = {*NAME_PARTICLES, *({"of"} if peer else set())}
    return all(w[0].isupper() or w in particles for w in words)


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


def find_people(report, structure, source: str, page_of) -> tuple[list[Person], list[Organisation]]:
    """Members, witnesses, evidence givers and visits from the report's lists, resolved across name forms."""
    rid = report.id
    found: list[Person] = []
    orgs: dict[str, Organisation] = {}

    def add_org(name: str, role: str, start: int, end: int, detail: str | None = None, code: str | None = None):
        name = re.sub(r"^the\s+", "", name.strip().rstrip("."))  # "Asda, and the Fitness Industry Association"
        acronym = re.search(r"\s*\(([A-Z][A-Za-z]{1,7})\)$", name)
        if acronym:
            name = name[:acronym.start()]
        if not name:
            return
        oid = org_id(rid, name)
        org = orgs.get(oid)
        if org is None:
            org = orgs[oid] = Organisation(oid, name, start=start, end=end, page=page_of(start), detail=detail, code=code)
        if role not in org.roles:
            org.roles.append(role)
        if acronym and acronym.group(1) not in org.aliases:
            org.aliases.append(acronym.group(1))

    for sec in structure.sections:
        # what the list under the last lead-in holds: a "Members" heading (House of Lords appendix) heads members
        context = "member" if _MEMBERS_HEADING.match(sec.title) else None
        body = None  # the body a member list's lead-in names ("The Members of the … Committee are:")
        date = None
        listed = _NumberedList()
        carry = ""  # the start of a coded entry whose code is on a later line
        for block in structure.section_blocks.get(sec.id, []):
            text = " ".join(ln.text for ln in block.lines).strip()
            low = text.lower()
            if context == "member" and block.kind in ("paragraph", "item"):
                peers = _peer_lines(block)
                if peers:
                    for name, chair in peers:
                        found.append(Person("", name, [], role="Chair" if chair else "Member", chair=chair,
                                            groups=["member"], start=block.start, end=block.end, page=block.page,
                                            appearances=_listed_in(body, chair, block.start)))
                    continue
            for m in [_MEMBER.match(ln.text) for ln in block.lines]:
                if m:
                    party = m.group("party")
                    chair = bool(m.group("chair")) or bool(re.search(r"[–-]\s*Chair$", party))
                    party = re.sub(r"\s*[–-]\s*Chair$", "", party).split(",")[0].strip()
                    found.append(Person("", m.group("name"), [], title=None, role="Member" if not chair else "Chair",
                                        organisation=sec.title if False else None, party=party, chair=chair,
                                        groups=["member"], start=block.start, end=block.end, page=block.page,
                                        appearances=_listed_in(body, chair, block.start)))
            if block.kind == "paragraph" and context == "witness" and "," in text:
                # House of Commons style: witness panels are paragraphs, not list items, and a
                # PDF's text layer runs dates, panels and question ranges together.
                date, added = _witness_panels(block, date, found, sec)
                if added:
                    continue
            if block.kind in ("paragraph", "item") and context == "written evidence" and coded_names(text):
                # House of Commons written evidence: "Anglian Water (EIM0046)", one per line; an entry whose
                # name runs over two lines ("Greenpeace UK, …, Fauna & Flora" / "International, and the Marine
                # Conservation Society (EIM0020)") takes the line without a code before it
                for ln in block.lines:
                    # "Environmental Investigation Agency (EIA) (EIM0022)": a name may carry its acronym
                    found_codes = coded_names(ln.text)
                    if not found_codes:
                        carry = "" if re.search(r"[.:]\s*$", ln.text) else f"{carry} {ln.text.strip()}".strip()
                        continue
                    for k, mm in enumerate(found_codes):
                        raw = f"{carry} {mm.name.strip()}" if k == 0 and carry else mm.name
                        name = listed.entry(raw.strip(), ln.start).strip(" ,")
                        given = _written_by(name)
                        if given:
                            _add_witnesses(found, given, None, ln, sec, group="written evidence")
                        for body in ([] if given else _joint_bodies(name)):
                            add_org(body, "written evidence", ln.start, ln.end, code=mm.code)
                    carry = ""
                continue
            if block.kind == "item" and context == "written evidence" and listed.place \
                    and not re.search(r"[.:]\s*$", text):
                carry = f"{carry} {text}".strip()  # a coded list's entry whose code an item after it holds
                continue
            carry = ""
            if block.kind == "paragraph":
                # A list's lead-in says what the list holds; any other paragraph ends the list.
                if _MEMBERS_HEADING.match(text):
                    context = "member"
                    continue
                if re.fullmatch(r"declarations? of interests?", low):
                    context = "other"  # the same names again, each with what they declared
                    continue
                if low.endswith(":") or any(ln.text.rstrip().endswith(":") for ln in block.lines):
                    if re.search(r"\b(guests|witnesses)\b", low):
                        context = "witness"
                    elif re.search(r"(responded|received|submitted|sent)\b.*\b(written call|written evidence)", low):
                        context = "written evidence"
                    elif "site visit" in low:
                        context = "site visit"
                    else:
                        context = "member" if re.search(r"\bmembers(?:hip)?\b", low) else "other"
                        body = member_body(text) if context == "member" else None
                elif re.search(r"\bwitnesses (?:gave|provided) (?:oral )?evidence\b", low):
                    context = "witness"
                    rows = _after_lead_in(block)
                    if rows is not None:  # no blank line between the lead-in and the list (pypdf)
                        date, _ = _witness_panels(rows, date, found, sec)
                        continue
                elif re.search(r"written evidence was received", low):
                    context = "written evidence"
                elif len(text) > 120:
                    context = None
                for ln in block.lines:
                    lead = _LEADING_DATE.match(ln.text.strip())
                    if lead and len(lead.group("rest").split()) <= 3:  # "Monday 9 May 2016 Question number"
                        date = iso_date(ln.text)
                if _DATE_ONLY.match(text):
                    continue
                if _QUESTIONS.match(text) or text == "Question number":
                    continue
            if block.kind != "item":
                continue
            item = re.sub(r"^[•\-–]\s*", "", text)
            if context == "witness":
                _add_witnesses(found, parse_person_entry(item), date, block, sec)
            elif context == "written evidence":
                entries = parse_person_entry(item, must_start_with_name=True)
                if entries and _is_name(item.split(",")[0].split(" (")[0]):
                    _add_witnesses(found, entries, None, block, sec, group="written evidence")
                else:
                    name, _, detail = item.partition(", ")
                    add_org(name, "written evidence", block.start, block.end, detail=detail or None)
            elif context == "site visit":
                add_org(item, "site visit", block.start, block.end)
        _question_panels(structure.section_blocks.get(sec.id, []), found, sec, add_org, source)
        for start, name in listed.late_cuts():
            org = next((o for o in orgs.values() if o.start == start and "written evidence" in o.roles), None)
            if org is not None:
                del orgs[org.id]
                org.name, org.id = name, org_id(rid, name)
                orgs.setdefault(org.id, org)
    people = _resolve(rid, found, source, report)
    return people, list(orgs.values())


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


def _peer_lines(block) -> list[tuple[str, bool]]:
    """(name, chairs) of every peer in a block made only of peers' names, one or two columns a line; else []."""
    out: list[tuple[str, bool]] = []
    for ln in block.lines:
        text = ln.text.strip()
        matches = list(_PEER.finditer(text))
        if not matches or re.sub(r"\s+", "", _PEER.sub("", text)):
            return []  # anything but names on the line: not a list of members
        out += [(m.group("name"), bool(m.group("chair"))) for m in matches]
    return out


MEMBER_LIST = "member list"  # Appearance.meeting of a place in a member list


def member_body(lead_in: str) -> str | None:
    """The body whose members a list's lead-in introduces: "The Members of the Science and Technology Committee
    are:" and "Membership of the Safeguarding Working Group was:" name it; "the Sub-Committee which carried out
    this inquiry (Science and Technology Sub-Committee I)" names it in brackets."""
    m = re.search(r"\b(?:members|membership)\s+of\s+(?:the\s+)?(?P<body>.+?)\s+(?:are|were|was|is)\s*:", lead_in,
                  re.I | re.S)
    if not m:
        return None
    body = re.sub(r"(?<=\w-)\s+(?=[A-Z])", "", re.sub(r"\s+", " ", m.group("body")))  # "Sub-\nCommittee"
    named = re.search(r"\(([^()]+)\)$", body)
    body = named.group(1).strip() if named else body
    return body if re.match(r"[A-Z]", body) else None


def _listed_in(body: str | None, chair: bool, start: int) -> list[Appearance]:
    """A member's place in the list of the body its lead-in names (none when the lead-in names no body)."""
    return [Appearance(None, MEMBER_LIST, "Chair" if chair else "Member", body, start=start)] if body else []


class _NumberedList:
    """The entries of one printed evidence list, whose numbers may run into the names ("25 Marine
    Conservation Society", "1 5 Gyres Institute"). A leading number is cut when it is the entry's place in
    the list (repeats and all). The first entry's "1" is cut at once only before another number ("1 5 Gyres
    Institute"), otherwise once other entries show that the list is numbered: a list of names with no
    printed numbers may begin with "1 in 4 Campaign"."""

    def __init__(self) -> None:
        self.place = 0
        self.cut = 0
        self.first: tuple[int, str] | None = None

    def entry(self, raw: str, start: int) -> str:
        """The name of the next entry."""
        self.place += 1
        numbered = re.match(r"^(\d+)\s+(?=\S)", raw)
        if not numbered or int(numbered.group(1)) != self.place:
            return raw
        rest = raw[numbered.end():]
        if self.place > 1 or rest[:1].isdigit():
            self.cut += 1
            return rest
        self.first = (start, rest.strip(" ,"))
        return raw

    def late_cuts(self) -> list[tuple[int, str]]:
        """(start, name) of a first entry whose "1" turned out to be the list's numbering."""
        return [self.first] if self.first and self.cut >= 2 else []


_MEMBERS_HEADING = re.compile(r"^(?:List of )?Members(?:hip)?(?: of the Committee)?$", re.I)
_LEADING_DATE = re.compile(r"^((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?\d{1,2}\s+"
                           r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                           r"\s+\d{4}\b(?P<rest>.*)$")
_QUESTION_RANGE = re.compile(r"\s*\bQ\d+\s*[–-]\s*\d+\s*$")


def _after_lead_in(block):
    """The block's lines after the sentence that leads into a list, as a block of their own, if any follow."""
    for k, line in enumerate(block.lines[:-1]):
        if re.search(r"[.:]$", line.text):
            return replace(block, lines=block.lines[k + 1:])
    return None


def _witness_panels(block, date, found, sec) -> tuple[str | None, bool]:
    """Witness panels in a paragraph, line by line: a date line opens a session, a question range ends a panel."""
    buffer: list[str] = []
    added = False

    def flush():
        nonlocal buffer, added
        entries = parse_person_entry(" ".join(buffer)) if buffer else []
        if entries:
            _add_witnesses(found, entries, date, block, sec)
            added = True
        buffer = []

    for line in block.lines:
        m = _LEADING_DATE.match(line.text)
        if m and len(m.group("rest").split()) <= 3:
            flush()
            date = iso_date(line.text)
            continue
        text = line.text
        if m and "," in m.group("rest"):
            # a table's row: the session's date, then who gave evidence ("12 January 2023   Jane Doe, Chief …")
            flush()
            date = iso_date(text[:len(text) - len(m.group("rest"))])
            text = m.group("rest").strip()
        if _QUESTION_RANGE.search(text):
            buffer.append(_QUESTION_RANGE.sub("", text))
            flush()
            continue
        buffer.append(text)
    flush()
    return date, added


# House of Lords style: "* (QQ 1–50) Dr David Halpern, Head of the Behavioural Insights Team, Cabinet Office, …"
_PANEL = re.compile(r"\*{0,2}\s*\(QQ?\s*(\d+)\s*[–-]\s*(\d+)\)\s*(.+?)\s*(?=\*{0,2}\s*\(QQ?\s*\d|Written evidence\b|$)")
# … and as they are listed today, the questions after the names: "* Name, Role, Body QQ 1–10" ("**": and written)
_PANEL_AFTER = re.compile(r"(?:^|(?<=\s))\*{1,2}\s*([^*]+?)\s+QQ?\s*(\d+)\s*[–-]\s*(\d+)\b")


# what each panel pattern below needs: a question number ("Q 12", "QQ 1–50")
_ANY_QUESTION = re.compile(r"Q\s*\d")


def _question_panels(blocks, found: list[Person], sec, add_org, source: str) -> None:
    """Witness panels listed by the questions they answered. The section's text is read as one run, since a
    panel's names wrap across lines and pages; a panel of bodies alone gives organisations."""
    if not _ANY_QUESTION.search(" ".join(ln.text for b in blocks for ln in b.lines)):
        return  # every way of listing panels gives each its questions ("QQ 1–50"): a section of none lists none
    pieces = [_tidy(" ".join(ln.text for ln in b.lines)) for b in blocks]
    text = " ".join(pieces)
    # where each paragraph ends in text: a block followed by a blank line in the source
    ends = [at for at, b, after in zip(accumulate(len(p) + 1 for p in pieces), blocks, blocks[1:])
            if re.search(r"\n[ \t\f]*\n", source[b.end:after.start])]
    panels = _ranges_apart([(m.group(1), m.group(2), m.start(3), m.end(3)) for m in _PANEL.finditer(text)], text, ends)
    if len(panels) < 2:
        # House of Lords lists of today: "** Peter Denton, Chief Executive, Homes England QQ 11–20"
        panels = [(m.group(2), m.group(3), m.group(1)) for m in _PANEL_AFTER.finditer(text)]
    if len(panels) < 2:
        panels = _column_panels(text)
    if len(panels) < 2:  # one stray "(QQ 1–5)" is a citation, not a list of witnesses
        return
    first = blocks[0]
    words = Counter(re.findall(r"[^\W\d_]+", source))
    for low, high, entry_text in panels:
        entry_text = _unsplit(entry_text, words, source)
        questions = f"Q{low}–{high}"
        for entry in _panel_entries(entry_text):
            if entry["name"] is None:  # a body that gave evidence in its own name
                add_org(entry["organisation"], "oral evidence", first.start, blocks[-1].end, detail=questions)
                continue
            for body in entry.get("held", []):
                add_org(body, "witness organisation", first.start, blocks[-1].end)
            found.append(Person("", entry["name"], [], title=entry["title"], role=entry["role"],
                                organisation=entry["organisation"], groups=["witness"],
                                appearances=[Appearance(None, "oral evidence", entry["role"], entry["organisation"],
                                                        questions)],
                                start=first.start, end=blocks[-1].end, page=first.page))
    for code, _, entry_text in _written_by_code(text, ends):
        # marks of the entries after it, and a page number after them, as pdftotext sets a column of marks
        entry_text = re.sub(r"(?:\s*\*)+(?:\s+\d{1,3})?\s*$", "", _RUNNING_HEAD.sub("", entry_text))
        entry_text = _unsplit(entry_text, words, source).strip(" *")
        given = _written_people(entry_text)
        for e in given:
            found.append(Person("", e["name"], [], title=e["title"], role=e["role"], organisation=e["organisation"],
                                groups=["written evidence"], start=first.start, end=blocks[-1].end, page=first.page))
        for body in ([] if given else _joint_bodies(re.sub(r"\s*\([a-z][^()]*\)$", "", entry_text))):
            add_org(body, "written evidence", first.start, blocks[-1].end, code=code)


# A written-evidence list that gives each entry its code first, as the House of Lords lists them in order of receipt
# ("* (BC 2) Professor Gregory Maio, …"): an entry runs to the next code
_BY_CODE = re.compile(r"\*{0,2}\s*\(([A-Z]{1,4}\s?\d{1,4})\)\s*(.*?)\s*(?=\*{0,2}\s*\([A-Z]{1,4}\s?\d{1,4}\)|$)")
# a running header pypdf sets into the text: two words or more in capitals, then the page number ("Sustrans
# BEHAVIOUR CHANGE 77"); one ("NHS 24", "Unit B2") is a name's
_RUNNING_HEAD = re.compile(r"\s+[A-Z]{2,}(?:\s+[A-Z]{2,})+\s+\d{1,3}\b")


def _written_by_code(text: str, ends: list[int]) -> list[tuple[str, str, str]]:
    """(code, code, entry) of each entry of a written-evidence list by code after the "Written evidence" heading;
    codes set in a column apart from their entries (pdfminer.six) are paired as question ranges are."""
    heading = re.search(r"\bWritten evidence\b", text)
    if heading is None:
        return []
    # the list in order of receipt ends where the same list in alphabetical order begins (its codes after the names)
    alphabetical = re.compile(r"\b[Aa]lphabetical\b").search(text, heading.end())
    coded = [(m.group(1), m.group(1), m.start(2), m.end(2))
             for m in _BY_CODE.finditer(text, heading.end(), alphabetical.start() if alphabetical else len(text))]
    return [e for e in _ranges_apart(coded, text, ends) if e[2].strip(" *")] if len(coded) >= 2 else []


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


def _ranges_apart(panels: list[tuple[str, str, int, int]], text: str, ends: list[int]) -> list[tuple[str, str, str]]:
    """Panels as (first question, last, entry). pdfminer.six may set a run of panels' question ranges as a column
    before their entries ("(QQ 1–50) * (QQ 51–85) * (QQ 86–138)", then three paragraphs): ranges with no entry,
    then an entry of as many paragraphs (ends: where each ends in text, at a blank line) as the run has ranges:
    the n-th range takes the n-th paragraph.
    When the counts differ nothing is guessed, and the ranges alone name no one."""
    def named(entry: str) -> bool:
        return bool(re.sub(r"[*\s]", "", entry))

    out: list[tuple[str, str, str]] = []
    run: list[tuple[str, str]] = []
    for low, high, start, end in panels:
        entry = text[start:end]
        if not named(entry):
            run.append((low, high))
            continue
        if run:
            cuts = [start, *(e for e in ends if start < e < end), end]
            paragraphs = [p for p in (text[a:b].strip(" *") for a, b in zip(cuts, cuts[1:])) if named(p)]
            if len(paragraphs) == len(run) + 1:
                out += [(lo, hi, p) for (lo, hi), p in zip([*run, (low, high)], paragraphs)]
                run = []
                continue
            out += [(lo, hi, "") for lo, hi in run]
            run = []
        out.append((low, high, entry))
    return out + [(lo, hi, "") for lo, hi in run]


def _column_panels(text: str) -> list[tuple[str, str, str]]:
    """Marked entries whose question ranges an extraction set after them all, as pdfminer.six writes a column
    ("* Name, Role, Body ** Name, Role, Body QQ 1–10 QQ 11–20"): the n-th range is the n-th entry's, when
    the ranges are as many as the entries."""
    entries = [m.group(1) for m in re.finditer(r"(?:^|(?<=\s))\*{1,2}\s*([^*]+)", text)
               if m.group(1)[:1].isupper()]  # "marked with ** gave both …" explains the marks
    ranges = [r for e in entries for r in _BARE_RANGE.findall(e)]
    if len(ranges) != len(entries):
        return []
    return [(low, high, _BARE_RANGE.sub("", e).strip()) for (low, high), e in zip(ranges, entries)]


_BARE_RANGE = re.compile(r"(?<!\()\bQQ?\s*(\d+)\s*[–-]\s*(\d+)\b(?!\))")


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


def _add_witnesses(found: list[Person], entries: list[dict], date: str | None, block, sec, group: str = "witness"):
    for e in entries:
        found.append(Person("", e["name"], [], title=e["title"], role=e["role"], organisation=e["organisation"],
                            groups=[group], appearances=[Appearance(date, None, e["role"], e["organisation"])] if date else [],
                            start=block.start, end=block.end, page=block.page))


def similar_names(a: str, b: str) -> bool:
    """Same first name (or its short form, surname then exact) and a surname within a letter or two: one person."""
    fa, _, sa = a.partition(" ")
    fb, _, sb = b.partition(" ")
    if a == b:
        return True
    if not sa or not sb:
        return False
    if sa == sb and _short_form(fa, fb):
        return True
    # the cheap tests first (a ratio of 0.85 needs lengths within 0.7 of each other): lists compare many pairs
    if sa[0] != sb[0] or min(len(sa), len(sb)) < 0.7 * max(len(sa), len(sb)):
        return False
    return (fa == fb or _ratio_at_least(fa, fb, 0.8)) and _ratio_at_least(sa, sb, 0.85)


def _ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """SequenceMatcher's ratio of a and b reaches threshold: its cheap upper bounds are tested first (the
    ratio never exceeds them), so most pairs are ruled out without matching."""
    m = SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


def _short_form(a: str, b: str) -> bool:
    """One first name is the other's short form ("Chris" and "Christopher", "Sam" and "Samuel")."""
    short, full = sorted((a, b), key=len)
    # Three letters at least: "Jo" could as well be Joanna as John.
    return len(short) >= 3 and full.startswith(short) and short != full


class NameIndex:
    """Names in the order added, each found again by similar_names without comparing it with every other: two
    names it calls one person are equal, or have surnames (the text after the first space) of the same initial and
    of lengths within 0.7 of each other (a ratio of 0.85 needs that), so only those are compared. Comparing every
    name with every other made a list of 1,000 witnesses take seconds (quadratic)."""

    def __init__(self):
        self._exact: dict[str, tuple[int, object]] = {}
        self._keyed: dict[tuple[str, int], list[tuple[int, str, object]]] = {}
        self._count = 0

    def add(self, name: str, value) -> None:
        """Index value under name."""
        self._exact.setdefault(name, (self._count, value))
        surname = name.partition(" ")[2]
        if surname:
            self._keyed.setdefault((surname[0], len(surname)), []).append((self._count, name, value))
        self._count += 1

    def first(self, name: str):
        """The value of the first name added that similar_names(that name, name) holds for, or None."""
        best = self._exact.get(name)
        surname = name.partition(" ")[2]
        n = len(surname)
        for length in range(int(n * 0.7), int(n / 0.7) + 2) if surname else ():
            for at, other, value in self._keyed.get((surname[0], length), ()):
                if best is not None and at >= best[0]:
                    break
                if similar_names(other, name):
                    best = (at, value)
                    break
        return best[1] if best else None


def _resolve(rid: str, found: list[Person], source: str, report) -> list[Person]:
    """Merge entries for one person and collect every name form the text uses for them."""
    merged: list[Person] = []
    index = NameIndex()
    for p in found:
        same = index.first(p.name)
        if same is None:
            merged.append(p)
            index.add(p.name, p)
            continue
        same.aliases.append(p.name)
        same.title = same.title or p.title
        same.role = same.role or p.role
        same.organisation = same.organisation or p.organisation
        same.party = same.party or p.party
        same.chair = same.chair or p.chair
        if same.chair and same.role == "Member":  # listed twice, once as the chair
            same.role = "Chair"
        same.groups += [g for g in p.groups if g not in same.groups]
        same.appearances += p.appearances
    runs = _name_runs(source) if merged else []  # scanned once for everyone, and not at all for no one
    keyed = _keyed_runs(runs)
    for p in merged:
        forms = Counter()
        variants = {p.name, *p.aliases}
        for form in _mentions(runs, keyed, p, variants):
            forms[form] += 1
        spellings = Counter()
        for form, n in forms.items():
            # a justified line's wide spaces ("David  Halpern", as pdfminer.six writes them) spell no other name
            bare = " ".join(split_title(form)[1].split())
            if " " in bare:
                spellings[bare] += n
        for v in variants:
            spellings[v] += 1  # the lists count once
        canonical = max(spellings, key=lambda s: (spellings[s], s == p.name))
        names = {p.name, *p.aliases, *forms}
        if p.title:
            names.add(f"{p.title} {canonical}")
            abbr = abbreviated(p.title)
            if abbr:
                names.add(f"{abbr} {canonical}")
        names = {re.sub(r"\s+", " ", n).strip() for n in names}
        # "Commissioner Mark Rowley" is only the tail of "Assistant Commissioner Mark Rowley".
        names = {n for n in names if not any(o != n and o.endswith(" " + n) and split_title(n)[0] for o in names)}
        p.name = canonical
        p.aliases = sorted(n for n in names if n != canonical)
        p.id = person_id(rid, canonical)
    return merged


def _name_runs(source: str) -> list[tuple[str, str, str | None]]:
    """Every capitalised word, or pair of them, with any rank before it: (whole match, first, second)."""
    abbrevs = list(_ABBREV_TO_RANK) + list(RANKS)
    title_alt = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    # a run starts with a capital or a rank's first letter: tested first, so the ranks are not tried at every
    # character of the report
    starts = "".join(sorted({a[0] for a in abbrevs} | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    pattern = re.compile(rf"(?=[{re.escape(starts)}])(?:\b(?:{title_alt})\s+)?\b({_NAME_WORD})(?:\s+({_NAME_WORD}))?")
    return [(m.group(0), m.group(1), m.group(2)) for m in pattern.finditer(source)]


def _keyed_runs(runs: list[tuple[str, str, str | None]]) -> dict[tuple, list[int]]:
    """Where each run is, by what _mentions looks for: a pair by its second word's initial and length, a single
    word by itself; so each person reads only the runs that can name them, not the whole text's (quadratic)."""
    keyed: dict[tuple, list[int]] = {}
    for i, (_, first, second) in enumerate(runs):
        keyed.setdefault((second[:1], len(second)) if second else (first,), []).append(i)
    return keyed


def _mentions(runs: list[tuple[str, str, str | None]], keyed: dict[tuple, list[int]], person: Person,
              variants: set[str]) -> list[str]:
    """Every form in the text that names this person: full names, misspellings, rank plus surname."""
    out = []
    surnames = {v.split()[-1] for v in variants}
    # a misspelt surname keeps its initial and its length within two; a surname alone is itself
    keys = {(sn[:1], n) for sn in surnames for n in range(len(sn) - 2, len(sn) + 3)}
    keys |= {(sn,) for sn in surnames} if person.title else set()
    at = sorted(i for k in keys for i in keyed.get(k, ()))
    same: dict[str, bool] = {}  # a pair of words -> whether it names the person (a text repeats its names)
    for whole, first, second in (runs[i] for i in at):
        if second:
            # cheap checks first: a misspelt surname keeps its initial and its length within two
            if not any(second[:1] == sn[:1] and abs(len(second) - len(sn)) <= 2 for sn in surnames):
                continue
            pair = f"{first} {second}"
            if pair not in same:
                same[pair] = any(similar_names(pair, v) for v in variants)
            if same[pair]:
                out.append(whole if whole.split()[0] != first else f"{first} {second}")
        elif person.title and first in surnames and whole != first:
            # "AC Rowley": a rank (or its abbreviation) before the surname alone
            title = whole[: whole.rfind(first)].strip()
            if title and _ABBREV_TO_RANK.get(title, title) in titles_of(person.title):
                out.append(whole[: whole.rfind(first) + len(first)])
    return out


def add_cited_witnesses(report) -> None:
    """People an inquiry's evidence references name ("Transcript, 04/11/2024, Simon Recaldin [INQ…]",
    "Carl Creswell 1st [WITN…]", "Alan Bates, Day 2, p. 34"): witnesses the report lists nowhere else, with the days they gave evidence.
    Each such source then points at its person."""
    for note in report.notes:
        for src in note.sources:
            if src.person or not src.person_name or not (src.code or src.transcripts) \
                    or src.kind not in ("transcript", "written evidence"):
                continue
            title, name = split_title(src.person_name)
            honours = re.search(r"(\s+(MP|KC|QC|MSP|AM|KCB|CB|CBE|OBE|MBE|DBE|KBE|FRS))+$", name)
            name = name[:honours.start()] if honours else name
            person = next((p for p in report.people if similar_names(p.name, name)), None)
            if person is None:
                person = Person(person_id(report.id, name), name, [], title=title, groups=["witness"],
                                start=note.start, end=note.end, page=note.page)
                report.people.append(person)
            if src.person_name != person.name and src.person_name not in person.aliases:
                person.aliases.append(src.person_name)
            if "witness" not in person.groups:
                person.groups.append("witness")
            src.person = person.id
            if src.kind == "transcript" and src.date and src.date not in {a.date for a in person.appearances}:
                person.appearances.append(Appearance(src.date, None))
    for person in report.people:
        person.appearances.sort(key=lambda a: a.date or "")
