"""The report's lists read section by section: members, witnesses, written evidence and site visits."""
from __future__ import annotations

import re
from dataclasses import replace

from ..codes import coded_names
from ..dates import MONTHS, iso_date
from ..model import Appearance, Organisation, Person
from .entries import _joint_bodies, _written_by, parse_person_entry
from .names import PEER_TITLES, _NAME_WORD, _is_name, org_id
from .panels import _question_panels
from .resolve import _resolve


_MEMBER = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}?)(?:\s+(?:MBE|OBE|CBE|QC|KC))*\s+(?P<post>AM|MP)\s*"
    r"\((?P<party>[^()]*(?:\([^()]*\))?[^()]*)\)\s*(?:\((?P<chair>Chair)\))?")
# A member of the House of Lords as its lists print them: "Lord Krebs (Chairman)", "Baroness Perry of Southwark",
# "the Earl of Selborne"; "†" marks a co-opted member.
_PEER = re.compile(rf"(?:†\s*)?(?:the\s+)?(?P<name>(?:{'|'.join(PEER_TITLES)})(?:\s+of)?\s+[A-Z][\w’'\-]+(?:\s+of\s+[A-Z][\w’'\-]+)?)"
                   r"(?:\s*\((?P<chair>Chairman|Chair|Chairwoman)\))?")


_LIST_MARK = re.compile(r"^[•\u25cf\u25aa\uf0b7\-–]\s*")  # a list entry's bullet ("• Anna Webb AM (Labour)")
_DATE_ONLY = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?\s*\d{1,2}\s+\w+\s+\d{4}$")
_QUESTIONS = re.compile(r"^Q\d+\s*[–-]\s*\d+$")


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
            for m in [_MEMBER.match(_LIST_MARK.sub("", ln.text)) for ln in block.lines]:
                if m:
                    party = m.group("party")
                    chair = bool(m.group("chair")) or bool(re.search(r"[–-]\s*Chair$", party))
                    party = re.sub(r"\s*[–-]\s*Chair$", "", party).split(",")[0].strip()
                    found.append(Person("", m.group("name"), [], title=None, role="Member" if not chair else "Chair",
                                        organisation=sec.title if False else None, party=party, chair=chair,
                                        groups=["member"], start=block.start, end=block.end, page=block.page,
                                        appearances=_listed_in(body, chair, block.start)))
            if block.kind == "paragraph" and any(_ORAL_EVIDENCE.match(ln.text.strip()) for ln in block.lines):
                context = "witness"  # "Oral evidence" over the meetings and who gave evidence at each
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
                    meeting = _MEETING_DATE.match(ln.text.strip())
                    if meeting:  # "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024"
                        date = iso_date(meeting.group("date"))
                if _DATE_ONLY.match(text):
                    continue
                if _QUESTIONS.match(text) or text == "Question number":
                    continue
            if block.kind != "item":
                continue
            item = _LIST_MARK.sub("", text)
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
_MONTH = "|".join(MONTHS)
_LEADING_DATE = re.compile(r"^((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?\d{1,2}\s+"
                           rf"(?:{_MONTH})\s+\d{{4}}\b(?P<rest>.*)$")
# A heading of a list of who gave oral evidence, as the Scottish Parliament and the Senedd title it
_ORAL_EVIDENCE = re.compile(r"^Oral evidence(?: sessions?)?$", re.I)
# A meeting named, then the date it was held on, last: "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024"
_MEETING_DATE = re.compile(r"^[^.;:]{0,60}\bMeeting\b[^.;:]{0,60}?,\s*(?:\w+day\s+)?(?P<date>\d{1,2}\s+"
                           rf"(?:{_MONTH})\s+\d{{4}})$")
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
        meeting = _MEETING_DATE.match(line.text.strip())
        if meeting or _ORAL_EVIDENCE.match(line.text.strip()):
            # "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024" opens a session, as a date line does
            flush()
            date = iso_date(meeting.group("date")) if meeting else date
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


def _add_witnesses(found: list[Person], entries: list[dict], date: str | None, block, sec, group: str = "witness"):
    for e in entries:
        found.append(Person("", e["name"], [], title=e["title"], role=e["role"], organisation=e["organisation"],
                            groups=[group], appearances=[Appearance(date, None, e["role"], e["organisation"])] if date else [],
                            start=block.start, end=block.end, page=block.page))
