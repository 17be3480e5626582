"""One source read from a note's words: its kind (transcript, written evidence, letter, press, web, oral
evidence, publication), its person or body, meeting, date, URL and title."""
from __future__ import annotations

import re

from ..dates import MONTHS, day_month, last_iso_date
from ..model import Person, Source
from ..transcripts import hearing_witness, is_hearing, places_in
from .listed import appearance_date, named_person, person_in, witness_named
from .meetings import meeting as meeting_in, stated_organisation
from .references import witness_name
from .urls import URL
from .works import cited_title

_PRESS = re.compile(r"\b(Evening Standard|The Guardian|Guardian|The Times|Telegraph|The Independent|BBC News|"
                    r"Daily \w+|Financial Times|The Observer|Mirror)\b")
_PUBLICATION = re.compile(r"\(\d{4}\)|\b(Report|Review|Strategy|Protocol|Briefing|Inquiry|Note|Paper|Guidance|"
                          r"Study|Act|Commission(?:ing)?|Assessment|Evaluation|Survey)\b", re.I)
_TITLE_SERIES = re.compile(r"^(?P<title>[A-Z][^,]+),\s*(?:POST\s*[Nn]ote|Briefing Paper|Research Briefing|Standard Note)"
                           r"[^,]*,\s*(?P<publisher>[A-Z][^,]+),")
_QUOTED_TITLE = re.compile(r"^[‘“\"](?P<title>[^’”\"]+)[’”\"],\s*(?P<publisher>[A-Z][^,]+),")
# A reference set out as "Author, Title, Publisher, 2021, p 4" or "Department …, Plan, October 2020, table 3":
# a year (or month and year) standing as one of its comma-separated parts.
_CITED_WORK = re.compile(rf"^[A-Z][^,]{{1,120}},.+,\s*(?:\d{{1,2}}\s+)?(?:(?:{'|'.join(MONTHS)})\s+)?(?:19|20)\d{{2}}\s*(?:,|\.?$)")


def one_source(text: str, label: str, people: list[Person]) -> Source | None:
    """The source a note (or one part of it) names, of the kind its words show; None for an explanatory note."""
    low = text.lower()
    url = URL.search(text)
    basis = None
    if "transcript" in low or is_hearing(text):
        kind = "transcript"
    elif "written evidence" in low or "response to the committee" in low:
        kind = "written evidence"
    elif re.match(r"^letter\b", low):
        kind = "letter"
    elif _PRESS.search(text):
        kind = "press"
    elif re.match(r"^see\s+(https?://|www\.)", low) or (url and len(text) < len(url.group(0)) + 30):
        kind = "web"
    elif re.search(r"\bspeaking at\b", low):
        kind = "oral evidence"
    elif _PUBLICATION.search(text) and len(text) < 200:
        kind = "publication"
    elif meeting_in(text) and person_in(text, people):
        # "DCS Keith Niven, Safeguarding Working Group, 13 February 2014 –" cut before "transcript":
        # a listed witness at a named meeting on a date gave oral evidence there.
        kind = "oral evidence"
    elif witness_named(text, people):
        # "Malcolm Ward, Independent Social Work, Training and Child Protection", cut by a page break:
        # a note that is a listed witness's name and role cites their evidence.
        kind, basis = "oral evidence", "witness list"
    elif _CITED_WORK.match(text) and len(text) < 300:
        kind = "publication"
    else:
        return None  # an explanatory note, not a citation
    if basis is None:
        basis = "meeting" if kind == "oral evidence" and "speaking at" not in low else "stated"
    src = Source(label, kind, date=last_iso_date(text), url=url.group(0).rstrip(".,)") if url else None,
                 kind_basis=basis, transcripts=places_in(text) if kind == "transcript" else [])
    person = person_in(text, people)
    if person:
        src.person, src.person_name = person.id, person.name
        if kind == "oral evidence" and src.date is None:
            src.date = appearance_date(person, day_month(text))
        # The note's own words win where they name a body ("…, London Borough of Haringey, Safeguarding
        # Working Group, …"), even when the witness list says otherwise; else the witness list's.
        src.organisation = stated_organisation(text) or person.organisation
    else:
        # "Alan Bates, Day 2, p. 34": the witness of a hearing cited by its day
        name = (witness_name(hearing_witness(text) or "") if is_hearing(text) else None) or named_person(text)
        # A publication names its author as "Surname, I" or "Name (2013)"; "Marine Microplastic Pollution,
        # POST Note 528, …" is a title, then a series.
        if name and kind == "publication" and not re.search(rf"{re.escape(name)}(?:,\s*[A-Z]\b|\s*\(\d{{4}}\))", text):
            name = None
        if name:
            src.person_name = name
    meeting = meeting_in(text)
    if meeting:
        src.meeting = meeting.strip()
    if kind == "written evidence" and not src.organisation:
        org = re.split(r"\s+[–-]\s+(?:written evidence|response)", text)[0]
        org = re.sub(r"^(Chair|Business Manager),\s*", "", org).strip()
        src.organisation = org or None
    elif kind in ("publication", "press") and not src.organisation:
        body = re.sub(r"^(For example|See|e\.g\.)[:,]?\s*", "", text)
        m = re.match(r"^([A-Z][^,()]+?)\s*(?:\(\d{4}\)|,)", body)
        published = _TITLE_SERIES.match(body) or _QUOTED_TITLE.match(body) if kind == "publication" else None
        if published:
            # House of Commons style: "Title, POST Note 528, Publisher, June 2016" or "‘Title’, Publisher, 2015"
            src.title, src.organisation = published.group("title").strip(), published.group("publisher").strip()
            return src
        if m and not re.search(r"\d", m.group(1)):
            author = m.group(1).strip()
            # "Metropolitan Police The London Child … Protocol": the author, then a title that starts "The"
            titled = re.match(r"^(.+?)\s+The\s+[A-Z]", author)
            author = titled.group(1) if titled else author
            peer = re.match(r"^(?:Lord|Lady|Baroness)\s+[A-Z]", author)  # "Lord Laming (2009) …": the title is the name
            honorific = re.match(r"^(?:(?:Professor|Dr|Sir|Dame)\s+)+(?=[A-Z])", author)  # "Professor Sir …" whole
            # "Shalev Green, K and Pakes, F (2013)" and "Dorkenoo et al (2007)" name people, not a body
            scholarly = re.search(r"\bet al\.?$", author) or re.match(rf"{re.escape(author)},\s*[A-Z]\b", body)
            if (peer or honorific or scholarly) and len(author.split()) <= 5:
                src.person_name = src.person_name or (author[honorific.end():] if honorific else author)
            elif len(author.split()) <= 6 and not re.match(r"^(Lord|Lady|Sir|Dame)\b", author):
                src.organisation = author
        if kind == "publication":
            src.title = cited_title(body)
    return src
