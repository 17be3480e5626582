"""Who wrote the report and for which body: an inquiry's, review's or commission's own name, the signatory
who signs the body of the report off ("Sir Wyn Williams" / "6 June 2025"), and the chair the signatory holds
when the report says so in the first person ("my appointment as Chair of this Inquiry").

Only what the report prints is taken: no signature line, no author; no first-person appointment, no chair.
"""
from __future__ import annotations

import re

from .dates import MONTHS
from .model import Appearance, Person
from .vocabulary import LEGISLATURES, OPEN_END, ORDINAL_WORD
from .people import entry_name, is_person_name, person_id, similar_names

STATED_POST = "stated post"  # Appearance.meeting of a post the report states its writer holds ("Chair")

# The heads of the names bodies of inquiry go by: "Post Office Horizon IT Inquiry", "Independent Review of …",
# "Royal Commission on …", "Morecambe Bay Investigation".
BODY_HEADS = ("Inquiry", "Review", "Commission", "Investigation")
_HEAD = "|".join(BODY_HEADS)
_CAP = r"[A-Z][\w’'&.-]*"
_LINK = r"(?:of|into|on|for|and|the|in|to)"
# A body's name: capitalised words ending in a head, then any "into/of/on …" it goes on with.
_BODY_NAME = re.compile(rf"(?P<body>(?:{_CAP}\s+(?:{_LINK}\s+)*){{1,8}}(?:{_HEAD})"
                        rf"(?:\s+(?:into|of|on)(?:\s+(?:{_CAP}|{_LINK}))*\s+{_CAP})?)$")
# What a title adds around the body's name: "Report of the …", "The …", ": Volume 1", " – Final Report".
_TITLE_LEAD = re.compile(rf"^(?:(?:The\s+)?(?:(?:Final|Interim|{ORDINAL_WORD})\s+)?Report\s+(?:of|by)\s+)?(?:the\s+)?",
                         re.I)
_TITLE_TAIL = re.compile(r"\s*(?:[:–—]|\s-\s|,).*$|\s+(?:(?:Final|Interim)\s+)?Report(?:\s+Volume\s+\w+)?$", re.I)

_HONORIFIC = r"(?:(?:The\s+)?(?:Rt\.?\s+Hon\.?|Right\s+Honourable)\s+)?"
_TITLES = r"(?:Sir|Dame|Lord|Baroness|Lady|Dr|Professor|Prof|Mr|Mrs|Ms|Judge)"
_HONOURS = r"(?:MP|KC|QC|AM|MSP|MS|PC|KCB|CB|CBE|OBE|MBE|KBE|DBE|GBE|FRS|FBA|FMedSci|FREng|DL|JP)"
_POSTNOMINALS = rf"(?:[\s,]+{_HONOURS}\b)*"
_NAME_WORD = rf"(?!Chair(?:man|woman|person)?\b|{_HONOURS}\b)[A-Z][a-zA-Z’'\-]+"
# The post a signatory holds, printed with the name or on the line below it: "Chair", "Chair of the Inquiry".
_POST = rf"(?:{_CAP}\s+){{0,3}}Chair(?:man|woman|person)?(?:\s+of\s+(?:the\s+)?(?:{_CAP}\s*){{1,8}})?"
# A signature: the name as its owner signs it, alone on its line, perhaps with the post held and the date after.
_SIGNATURE = re.compile(
    rf"^(?P<signed>{_HONORIFIC}(?:(?P<title>{_TITLES})\s+)?(?P<name>{_NAME_WORD}(?:\s+(?:of\s+|van\s+|de\s+)?{_NAME_WORD}){{0,3}})"
    rf"{_POSTNOMINALS})"
    rf"(?:\s*[,\n]?\s*(?P<post>{_POST}))?"
    rf"(?:\s+(?P<date>(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"(?:{'|'.join(MONTHS)})\s+\d{{4}}))?$")
_DATE = re.compile(rf"^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+"
                   rf"(?:{'|'.join(MONTHS)})\s+\d{{4}}\.?$|^(?:{'|'.join(MONTHS)})\s+\d{{4}}$")
# The close of a letter: a name after it signs the letter, not the report.
_VALEDICTION = re.compile(r"\b(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:Kind|Best|Warm)\s+regards|"
                          r"With\s+best\s+wishes)\W*$", re.I)
# The writer saying, in the first person, that they were appointed to chair: "my appointment as Chair of this
# Inquiry", "I was appointed as Chairman", "I was appointed to chair such an Inquiry".
APPOINTED_CHAIR = re.compile(
    r"\b(?:(?:[Mm]y|[Oo]ur)\s+appointment\s+as\s+(?:the\s+)?Chair(?:man|woman|person)?|"
    r"I\s+(?:was|have\s+been|had\s+been)\s+(?:formally\s+)?appointed\s+(?:as\s+)?(?:the\s+)?Chair(?:man|woman|person)?|"
    r"I\s+(?:was|have\s+been|had\s+been)\s+(?:formally\s+)?appointed\s+to\s+chair)\b"
    r"(?:\s+(?:of\s+)?(?P<ref>(?:this|the|such\s+an?|our)\s+[\w’'-]+(?:\s+(?:[A-Z][\w’'&-]*|of|for|into|on|and)"
    r"(?![\w’'-]))*))?")


# The House (or other legislature) and the committee a parliamentary title page prints, in either case: "House of
# Commons" / "Environmental Audit Committee", "HOUSE OF LORDS" / "Science and Technology Select Committee", "Welsh
# Parliament" / "Children, Young People and Education Committee".
_LEGISLATURE = "|".join(r"\s+".join(n.split()) for n in sorted(LEGISLATURES, key=len, reverse=True))
_HOUSE = re.compile(rf"^\s*({_LEGISLATURE})\s*$", re.M | re.I)
# "Environmental Audit Committee", "Select Committee on the Arctic", "EUROPEAN UNION COMMITTEE", and a name set over two
# lines, broken after a word no name ends on: "Culture, Communications, Welsh Language, Sport and" / "International
# Relations Committee" is one committee, not "International Relations Committee".
_LINE = r"[\w ,’'&-]*"
_COMMITTEE = re.compile(rf"^\s*([A-Z]{_LINE}(?:(?i:{OPEN_END})[ \t]*\n[ \t]*{_LINE})?\s+(?:Committee|COMMITTEE)"
                        rf"(?:\s+(?:on|ON|for|FOR)\s+{_LINE})?)\s*$", re.M)
_SMALL_WORDS = {"and", "of", "the", "on", "for", "in", "to", "a", "an"}


def _printed_case(name: str) -> str:
    """A name set in capitals, as it is written in text: "HOUSE OF LORDS" is "House of Lords"."""
    if not name.isupper():
        return name
    words = name.lower().split()
    return " ".join(w if (i and w in _SMALL_WORDS) else w.capitalize() for i, w in enumerate(words))


def report_publisher(text: str) -> str | None:
    """The body a report's first pages say publishes it: a House and its committee ("House of Lords Science and
    Technology Select Committee"), the House alone, or a London Assembly committee."""
    head = text[:5000]
    house = _HOUSE.search(head)
    if house:
        committee = _COMMITTEE.search(head)
        name = _printed_case(" ".join(house.group(1).split()))
        return f"{name} {_printed_case(' '.join(committee.group(1).split()))}" if committee else name
    m = re.search(r"London Assembly[ \w]*Committee", text)
    return m.group(0) if m else None


def report_body(title: str, text: str) -> str | None:
    """The inquiry, review or commission that wrote the report: named by the report's title ("Post Office Horizon
    IT Inquiry", "The Grenfell Tower Inquiry: Phase 1 Report", "Report of the Independent Inquiry into Child
    Sexual Abuse"), or else by the name the text gives the body it calls "this Inquiry" twice or more."""
    if title and "(title from file name)" not in title:
        name = _TITLE_TAIL.sub("", _TITLE_LEAD.sub("", " ".join(title.split()), count=1))
        m = _BODY_NAME.match(name)
        if m and len(name.split()) >= 2:
            return m.group("body")
    for head in BODY_HEADS:
        if len(re.findall(rf"\b[Tt]his\s+{head}\b", text)) < 2:
            continue
        names: dict[str, int] = {}
        for m in re.finditer(rf"\b[Tt]he\s+((?:[A-Z][\w’'&-]*\s+(?:(?:of|for|and|on)\s+)?){{1,6}}{head})\b", text):
            names[m.group(1)] = names.get(m.group(1), 0) + 1
        if names:
            return max(names, key=lambda n: (names[n], len(n)))
    return None


def appointment_sentence(text: str) -> tuple[str, int] | None:
    """The sentence of a passage in which the writer says they were appointed chair, and where it starts; None
    when the passage says no such thing, or says it only inside a quotation (someone else's words)."""
    for m in APPOINTED_CHAIR.finditer(text):
        before = text[:m.start()]
        if before.count("“") > before.count("”") or before.count('"') % 2:
            continue
        start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
        start = start + 2 if start >= 0 else 0
        stop = re.search(r"[.!?](?=\s|$)", text[m.end():])
        end = m.end() + stop.end() if stop else len(text)
        # a paragraph's own number ("1.13.") is no part of its first sentence
        lead = re.match(r"\d+(?:\.\d+)*\.?\s+", text[start:end])
        start += lead.end() if lead else 0
        return text[start:end].strip(), start
    return None


def _signatures(report) -> list[tuple[re.Match, str | None, object, object]]:
    """(signature match, post held, name passage, last passage) of every signature that closes a section: a name
    line, the post held on it or on the line below, and a date line, the last lines of a chapter or front-matter
    section. Names in lists, in appendices and after a letter's "Yours sincerely" sign nothing of the report's."""
    kinds = {s.id: s.kind for s in report.sections}
    passages = report.passages
    out = []
    for i, p in enumerate(passages):
        if kinds.get(p.section) in ("appendix", "back") or p.kind != "paragraph":
            continue
        m = _SIGNATURE.match(p.text.strip())
        if m is None or not _is_person(m):
            continue
        post, j = m.group("post"), i + 1
        if not m.group("date"):
            below = [x for x in passages[i + 1:i + 3] if x.section == p.section]
            if not post and below and re.fullmatch(_POST, below[0].text.strip()):
                post, below, j = below[0].text.strip(), below[1:], j + 1
            if not below or not _DATE.match(below[0].text.strip()):
                continue
            j += 1
        if j < len(passages) and passages[j].section == p.section:
            continue  # more text follows in the section: a date line in a list, not a sign-off
        prev = passages[i - 1] if i else None
        if prev is not None and (_VALEDICTION.search(prev.text) or prev.text.count("“") > prev.text.count("”")):
            continue
        out.append((m, post, p, passages[j - 1]))
    return out


def _is_person(m: re.Match) -> bool:
    """Whether a signature's name is a person's ("Sir Wyn Williams"), not a heading in capitals or a body's name."""
    name = f"{m.group('title')} {m.group('name')}" if m.group("title") else m.group("name")
    return not m.group("name").isupper() and not _NOT_NAMES.search(name) and is_person_name(name)


# Words of headings and list titles that are never a signatory's name ("Second Report", "Current Membership").
_NOT_NAMES = re.compile(r"\b(?:Report|Reports|Special|Membership|Interests|Justice|Evidence|Volume|Chapter|Annex|"
                        r"Appendix|Summary|Introduction|Contents|Conclusions?|Recommendations?|Change|Minutes)\b")


def add_authors(report) -> None:
    """The report's signatory (group "author"), and the chair they hold of the report's body when the report
    says in the first person that its writer was appointed chair. One signatory at most: several signatures
    close sections of a collection, not one report's body."""
    found = _signatures(report)
    if len(found) != 1:
        return
    m, post, p, last = found[0]
    title, name = entry_name(f"{m.group('title')} {m.group('name')}" if m.group("title") else m.group("name"))
    signed = " ".join(m.group("signed").replace(",", " ").split())
    person = next((x for x in report.people if similar_names(x.name, name)), None)
    if person is None:
        person = Person(person_id(report.id, name), name, [], title=title, start=p.start, end=last.end, page=p.page)
        report.people.append(person)
    person.title = person.title or title
    if "author" not in person.groups:
        person.groups.append("author")
    for form in {signed, f"{title} {name}" if title and not name.startswith(title) else name}:
        if form != person.name and form not in person.aliases:
            person.aliases.append(form)
    body = _post_body(post, report.publisher)
    stated = _appointment(report) if report.publisher else None
    if stated is not None:
        evidence, body = stated, report.publisher
    elif body is not None:
        evidence = p  # "Sir Jane Doe / Chair / 1 May 2025": the signature states the post
    else:
        return
    person.chair = True
    person.role = person.role or "Chair"
    person.appearances.append(Appearance(None, STATED_POST, "Chair", body, start=evidence.start))


def _post_body(post: str | None, publisher: str | None) -> str | None:
    """The body a signature's post names: "Chair of the X Review" names X Review; a bare "Chair", the report's."""
    if not post:
        return None
    named = re.search(r"\bof\s+(?:the\s+)?(.+)$", post)
    if named:
        # "Chair of the Inquiry" names the report's own body by its head word
        own = publisher and named.group(1).strip().lower() == publisher.split()[-1].lower()
        return publisher if own else named.group(1).strip()
    return publisher if re.fullmatch(r"(?:[A-Z]\w+\s+)?Chair(?:man|woman|person)?", post) else None


def _appointment(report):
    """The first passage in which the writer says they were appointed chair of the report's own body ("this
    Inquiry", "the Inquiry", "such an Inquiry", its full name, or no body named); one naming another body is not."""
    words = report.publisher.split()
    head = next((w for w in words if w in BODY_HEADS), words[-1]).lower()
    for p in report.passages:
        found = appointment_sentence(p.text)
        if found is None:
            continue
        ref = APPOINTED_CHAIR.search(found[0]).group("ref")
        named = re.sub(r"^(?:this|the|such\s+an?|our)\s+|(?:\s+(?:of|for|into|on|and))+$", "", ref or "")
        if ref is None or named.lower() == head or (head in named.lower().split() and named in report.publisher):
            return p
    return None
