"""Sources named in notes: who, what kind, which meeting, when, and a URL where one clearly matches."""
from __future__ import annotations

import bisect
import re

from .codes import coded_names
from .dates import DAY_MONTH_YEAR, MONTHS, day_month, iso_date, last_iso_date
from .model import Person, Source
from .people import NAME_JOINS, ORG_WORDS, similar_names, split_title, titles_of
from .transcripts import hearing_witness, is_hearing, places_in

_PRESS = re.compile(r"\b(Evening Standard|The Guardian|Guardian|The Times|Telegraph|The Independent|BBC News|"
                    r"Daily \w+|Financial Times|The Observer|Mirror)\b")
_PUBLICATION = re.compile(r"\(\d{4}\)|\b(Report|Review|Strategy|Protocol|Briefing|Inquiry|Note|Paper|Guidance|"
                          r"Study|Act|Commission(?:ing)?|Assessment|Evaluation|Survey)\b", re.I)
# "Q21", "Q 12", "Qq 45–47", "QQ 2–5": a question, or a run of them, as Commons and Lords notes write them
_QUESTION = re.compile(r"\b(?:QQ?|Qq)\s?(\d+)(?:\s?[–-]\s?(\d+))?\b")
# "Safeguarding Working Group, 13 February 2014": a meeting's name, a comma, then a date. The end (the meeting word
# to the month) is found first, then the name back from it: a pattern that let the name be any run of words before
# the meeting word was tried again from every capital of a long run without one (quadratic: a 40,000-character note
# of capitalised words took 3 s).
_MEETING_END = re.compile(r"(?P<word>Working Group|Committee|Panel|hearing|meeting|Board)\s*,\s*"
                          rf"(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})")
_NOT_IN_NAME = re.compile(r"[^\w’' ]")  # what a meeting's name cannot hold: it is words, apostrophes and spaces
_CAPITAL = re.compile(r"[A-Z]")
_MEETING_WORDS = re.compile(r"\b(Working Group|Committee|Panel|hearing|meeting)\b")
_ROLE_ONLY = re.compile(r"^(Chair|Chief Executive|Director|Manager|Deputy|Assistant)\b.*\b(of the|Officer)\b")
_URL = re.compile(r"(https?://\S+|www\.\S+)")
_LEAD = re.compile(r"^(?:For example|See also|See|e\.g\.)[:,]?\s*", re.I)
# "Lord Laming (2009) The Protection of Children in England" or "Dorkenoo et al (2007), A statistical study …"
_AUTHOR_YEAR = re.compile(r"^(?P<author>[A-Z][^()]*?)\s*\((?P<year>\d{4})\),?\s+(?P<title>[^,(]+?)\s*"
                          r"(?:,|\(|\.\s+\S|(?<=[?!])\s+\S|\.?$)")  # ends at a comma, a bracket or a new sentence
_TITLE_SERIES = re.compile(r"^(?P<title>[A-Z][^,]+),\s*(?:POST\s*[Nn]ote|Briefing Paper|Research Briefing|Standard Note)"
                           r"[^,]*,\s*(?P<publisher>[A-Z][^,]+),")
_QUOTED_TITLE = re.compile(r"^[‘“\"](?P<title>[^’”\"]+)[’”\"],\s*(?P<publisher>[A-Z][^,]+),")
# " and " before a second "Author (year)": two publications in one note
_SECOND_WORK = re.compile(r" and (?=(?:[A-Z][\w’'.-]*\s){0,5}?[A-Z][\w’'.-]*\s\(\d{4}\))")
_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "is", "are", "be", "as", "at", "by", "with",
         "from", "http", "https", "www", "com", "co", "uk", "org", "gov", "html", "htm", "pdf", "news", "site",
         "documents", "default", "files", "sites", "key", "issues"}


# A note that opens with references: "Q 54.", "QQ 2, 55, 58.", "BC 81, BC 103, Q 47.", "QQ 544–5."
_REF = r"(?:QQ?|Qq)\s?\d+(?:\s?[–-]\s?\d+)?|[A-Z]{2,4}\s\d{1,4}"
# … and may name who answered, as Commons notes do: "Q 23 [Councillor Jane Hill]", "Q 12 (Sir James Bevan)".
_REF_LIST = re.compile(rf"^((?:{_REF})(?:,\s*(?:(?:{_REF})|\d+(?:\s?[–-]\s?\d+)?))*)\s*(?:\[[^\]]*\]|\([^)]*\))?\s*(?:\.|$)")
# Inquiry documents by their reference number: "[INQ00002032]", "[POL00462746]", "[WITN01230100]"
# … or bare, as some inquiries print them ("WITN1234001", "INQY1000150"; six digits or more, so a select
# committee's evidence code "HBF0012" is none)
_INQUIRY_DOC = re.compile(r"\[([A-Z]{3,5}\d{5,}(?:_\d+)?)\]|(?<![\w\[])([A-Z]{3,5}\d{6,}(?:_\d+)?)(?![\w\]])")
# "Witness statement of Jane Doe, WITN1234001", "Written Statement of Jane Doe WITN1234001"
_STATEMENT_OF = re.compile(r"\b(?:Witness|Written)\s+[Ss]tatement\s+of\s+((?:[A-Z][\w’'-]*\s*){1,5}?),?\s*"
                           r"\[?([A-Z]{3,5}\d{5,}(?:_\d+)?)\]?")
# An inquiry's oral evidence: "Transcript, 04/11/2024, Simon Recaldin [INQ00001201]", commas optional
# ("Transcript, 08/11/2024, Gareth Thomas, [INQ00001204]", "Transcript 11/11/2024 William Paul Patterson [INQ…]").
_TRANSCRIPT_REF = re.compile(r"Transcript,?\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?!\d),?\s*([^,\[\]]+?),?\s*\[([A-Z]{3,5}\d{5,}(?:_\d+)?)\]")
# The places a transcript reference goes on to give: "at [51/20] to [52/4]", "[204/16] to [205/13]", and more run on
# ("at [1/10] to [6/24] and [9/1] to [9/20]")
_BRACKET_RANGE = r"\[\d{1,4}/\d{1,3}\](?:\s*(?:to|[-–])\s*\[\d{1,4}/\d{1,3}\])?"
_PINPOINT = re.compile(rf"\s*(?:at\s*)?{_BRACKET_RANGE}(?:\s*(?:,|;|and|&)\s*{_BRACKET_RANGE})*")
# A witness's numbered statement: "Simon Recaldin 6th [WITN09890600]", "See Professor Christopher Hodges 1st [...]",
# "Gareth Thomas 2nd, [WITN11490200]".
_STATEMENT_REF = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,5}?)\d+(?:st|nd|rd|th),?\s+(?:witness statement\s+)?"
                            r"\[([A-Z]{3,5}\d{5,}(?:_\d+)?)\]")
# A reference set out as "Author, Title, Publisher, 2021, p 4" or "Department …, Plan, October 2020, table 3":
# a year (or month and year) standing as one of its comma-separated parts.
_CITED_WORK = re.compile(rf"^[A-Z][^,]{{1,120}},.+,\s*(?:\d{{1,2}}\s+)?(?:(?:{'|'.join(MONTHS)})\s+)?(?:19|20)\d{{2}}\s*(?:,|\.?$)")
# "Ibid." and its English forms: the Commons' "As above" (HC 179 has 23), "idem".
_IBID = re.compile(r"^(?:ibid|ibidem|idem|as above)\b\.?", re.I)
_OP_CIT = re.compile(r"^(.{2,80}?),?\s+op\.?\s*cit\b", re.I)
# A comma-separated part of a note that is a question reference, not a name: "Q21", "QQ 2–5", "Qq 45"
_QUESTION_PART = re.compile(r"^(?:QQ?|Qq)\s?\d")


def _references(text: str, label: str, sessions: list[dict]) -> list[Source]:
    """Oral evidence by question number and written evidence by code, from a note that lists them."""
    m = _REF_LIST.match(text)
    if not m:
        return []
    out: list[Source] = []
    questions: list[str] = []
    in_questions = False
    for part in re.split(r",\s*", m.group(1)):
        q = re.match(r"^(?:QQ?|Qq)\s?(\d+(?:\s?[–-]\s?\d+)?)$", part)
        if q or (in_questions and re.match(r"^\d", part)):  # "QQ 2, 55, 58": the numbers after QQ are questions
            questions.append("Q" + re.sub(r"\s", "", q.group(1) if q else part))
            in_questions = True
        else:
            in_questions = False
            out.append(Source(part, "written evidence", code=part))
    if questions:
        src = Source(label, "oral evidence", questions=questions, kind_basis="stated")
        _answered_by(src, int(re.match(r"Q(\d+)", questions[0]).group(1)), sessions)
        out.insert(0, src)
    return out


def _inquiry_references(text: str, label: str) -> list[Source]:
    """Inquiry documents by reference number; a transcript names its witness and day, and a numbered
    witness statement its witness."""
    said: dict[str, Source] = {}
    for m in _TRANSCRIPT_REF.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
        name = _witness_name(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            pin = _PINPOINT.match(text, m.end())
            said[m.group(5)] = Source(f"[{m.group(5)}]", "transcript", person_name=name,
                                      date=f"{year:04d}-{month:02d}-{day:02d}", code=m.group(5),
                                      transcripts=places_in(pin.group(0)) if pin else [])
    for m in _STATEMENT_REF.finditer(text):
        name = _witness_name(re.sub(r"^(?:See|and|Also|Cf)\s+", "", m.group(1).strip()))
        if name and m.group(2) not in said:
            said[m.group(2)] = Source(f"[{m.group(2)}]", "written evidence", person_name=name, code=m.group(2))
    for m in _STATEMENT_OF.finditer(text):
        name = _witness_name(m.group(1))
        if name and m.group(2) not in said:
            said[m.group(2)] = Source(f"[{m.group(2)}]", "written evidence", person_name=name, code=m.group(2))
    out = []
    for n, doc in enumerate(dict.fromkeys(a or b for a, b in _INQUIRY_DOC.findall(text))):
        src = said.get(doc) or Source(f"[{doc}]", "inquiry document", code=doc)
        if n == 0:
            src.label = label
        out.append(src)
    return out


def _witness_name(text: str) -> str | None:
    """A person's name as an inquiry reference gives it ("Kevin Hollinrake MP", "Professor Christopher
    Hodges"); None for "Submissions" or "POHITI Compensation Issues Hearing"."""
    text = re.sub(r"\s+", " ", text).strip()
    words = split_title(text)[1].split()
    if not 2 <= len(words) <= 5 or re.search(r"\b(Hearing|Submissions?|Inquiry|Statement|Opening|Closing|Office)\b", text):
        return None
    return text if all(w[0].isupper() for w in words) and not any(w.isupper() and len(w) > 3 for w in words) else None


def parse_sources(text: str, people: list[Person], sessions: list[dict] | None = None) -> list[Source]:
    """The sources a note's text names; an explanatory note with none gives an empty list."""
    text = text.strip()
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) > 1 and any(_REF_LIST.match(p) for p in parts):
        # "Q 67; C&AG's Report, para 3.8": questions and a publication, each read on its own
        return [src for p in parts for src in parse_sources(p, people, sessions)]
    label = text
    out: list[Source] = _references(text, label, sessions or [])
    out += _inquiry_references(text, label)
    if out:
        return out
    codes = coded_names(text, stops="(),", acronyms=False, open_end=True)
    questions = _QUESTION.findall(text)
    if questions and _QUESTION.match(text):
        qs = [f"Q{a}" + (f"–{b}" if b else "") for a, b in questions]
        src = Source(label, "oral evidence", questions=qs, kind_basis="stated")
        _answered_by(src, int(questions[0][0]), sessions or [])
        out.append(src)
    if codes:
        after = 0  # where the last code ended: the next giver's name starts after it
        for m in codes:
            org = _code_giver(text[after:m.code_start].rstrip(" (")) or m.name.strip().strip(" ,")
            src = Source(f"{org} ({m.code})", "written evidence", organisation=org, code=m.code)
            person = _person_in(org, people)  # "Dr Natalie Welden (EIM0003)": a person the lists name gave it
            if person:
                src.person, src.person_name, src.organisation = person.id, person.name, person.organisation
            out.append(src)
            after = m.end
        return out
    if out:
        return out
    segments = _split_segments(text)
    for seg in segments:
        src = _one_source(seg, label if len(segments) == 1 else seg, people)
        if src:
            out.append(src)
    return out


def _code_giver(before: str) -> str | None:
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


def _split_segments(text: str) -> list[str]:
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


def _one_source(text: str, label: str, people: list[Person]) -> Source | None:
    low = text.lower()
    url = _URL.search(text)
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
    elif _meeting(text) and _person_in(text, people):
        # "DCS Keith Niven, Safeguarding Working Group, 13 February 2014 –" cut before "transcript":
        # a listed witness at a named meeting on a date gave oral evidence there.
        kind = "oral evidence"
    elif _witness_named(text, people):
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
    person = _person_in(text, people)
    if person:
        src.person, src.person_name = person.id, person.name
        if kind == "oral evidence" and src.date is None:
            src.date = _appearance_date(person, day_month(text))
        # The note's own words win where they name a body ("…, London Borough of Haringey, Safeguarding
        # Working Group, …"), even when the witness list says otherwise; else the witness list's.
        src.organisation = _stated_organisation(text) or person.organisation
    else:
        # "Alan Bates, Day 2, p. 34": the witness of a hearing cited by its day
        name = (_witness_name(hearing_witness(text) or "") if is_hearing(text) else None) or _named_person(text)
        # A publication names its author as "Surname, I" or "Name (2013)"; "Marine Microplastic Pollution,
        # POST Note 528, …" is a title, then a series.
        if name and kind == "publication" and not re.search(rf"{re.escape(name)}(?:,\s*[A-Z]\b|\s*\(\d{{4}}\))", text):
            name = None
        if name:
            src.person_name = name
    meeting = _meeting(text)
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
            src.title = _cited_title(body)
    return src


def _cited_title(text: str) -> str | None:
    """The title in "Author (year) Title[, more]", as far as the first comma; None in other forms,
    where the author and the title cannot be told apart safely."""
    m = _AUTHOR_YEAR.match(text)
    if not m:
        return None
    title = m.group("title").strip(" .:;")
    return title if len(title.split()) >= 2 and not re.fullmatch(r"[\d\W]+", title) else None


def _meeting(text: str) -> str | None:
    """The first meeting a note names before a date: from the first capital of the words before the meeting word
    ("Safeguarding Working Group, 13 February 2014") to that word's end; None when it names none."""
    stops: list[int] | None = None
    for m in _MEETING_END.finditer(text):
        if stops is None:  # the run before each end is found by bisection, so the text is read once in all
            stops = [x.start() for x in _NOT_IN_NAME.finditer(text)]
        run = stops[bisect.bisect_left(stops, m.start()) - 1] + 1 if stops and stops[0] < m.start() else 0
        first = _CAPITAL.search(text, run, m.start())
        if first:
            return text[first.start():m.end("word")]
    return None


def _stated_organisation(text: str) -> str | None:
    """The body a transcript note names between the speaker and the meeting, if it names one."""
    parts = [p.strip() for p in re.split(r",\s*", text)]
    meeting = next((i for i, p in enumerate(parts) if _MEETING_WORDS.search(p)), None)
    if meeting is None or meeting < 2:
        return None
    candidate = parts[meeting - 1]
    if ORG_WORDS.search(candidate) and not _ROLE_ONLY.match(candidate):
        return candidate
    return None


def _named_person(text: str) -> str | None:
    m = re.match(r"^(?:Letter from\s+)?((?:(?:Sir|Dame|Dr|Professor|Lord|Baroness)\s+)+)?([A-Z][a-z]+(?:\s+[A-Z][a-z\-]+(?:-[A-Z][a-z]+)?){1,2})\b(?=,|\s+to\b|\s+speaking)", text)
    if not m:
        return None
    name = m.group(2)
    if re.search(r"\b(Department|Office|Mayor|Metropolitan|London|Royal|University|Children)\b", name):
        return None
    return name


def _witness_named(text: str, people: list[Person]) -> bool:
    """A short note that opens with a listed witness's name, then only their role and organisation."""
    person = _person_in(text, people)
    return bool(person and person.appearances and len(text) < 160 and not re.search(r"[.;:]\s", text))


def _appearance_date(person: Person, month_day: str | None) -> str | None:
    """The date of the witness's appearance that a year-less date ("13 February") or a lost one points to."""
    dates = sorted({a.date for a in person.appearances if a.date and len(a.date) == 10})
    if month_day:
        dates = [d for d in dates if d.endswith(month_day)]
    # only when it is the one appearance that fits: a guess between two sessions is no date
    return dates[0] if len(dates) == 1 else None


class People(list):
    """The report's people, each with their name forms read once (a report's notes ask about every person):
    a form set, the forms by the initial of what follows their first space, and the surname."""

    def __init__(self, people):
        super().__init__(people)
        self.read = []
        for p in self:
            forms = {p.name, *p.aliases}
            by_initial: dict[str, list[str]] = {}
            for f in forms:
                by_initial.setdefault(f.partition(" ")[2][:1], []).append(f)
            self.read.append((p, forms, by_initial, p.name.split()[-1]))


def _person_in(text: str, people: list[Person]) -> Person | None:
    """The listed person a note names first, in any of their forms."""
    head = re.split(r",", text, maxsplit=1)[0].strip()
    head = re.sub(r"^Letter from\s+", "", head)
    title, bare = split_title(head)
    if not isinstance(people, People):
        people = People(people)
    # similar_names holds for two different names only when what follows their first spaces starts alike
    initial = bare.partition(" ")[2][:1] if " " in bare else ""
    for p, forms, by_initial, surname in people.read:
        if head in forms or bare in forms or initial and any(similar_names(bare, f) for f in by_initial.get(initial, ())):
            return p
        if title and bare == surname and (p.title == title or title in titles_of(p.title)):
            return p
    return None


def _repeated(text: str, cited: list) -> list[Source]:
    """"Ibid." repeats the last note's sources; "Laming, op. cit." the last that names Laming."""
    from dataclasses import replace

    if _IBID.match(text):
        # the note just before, whatever it names: an older note's source would be a wrong citation
        if not cited:
            return []
        return _at_own_place([replace(s, label=text, kind_basis="ibid") for s in cited[-1].sources], text)
    m = _OP_CIT.match(text)
    if m:
        who = m.group(1).strip()
        for earlier in reversed(cited):
            if earlier.sources and who in (earlier.text or ""):
                return _at_own_place([replace(s, label=text, kind_basis="op. cit.") for s in earlier.sources],
                                     text[m.end():])
    return []


def _at_own_place(sources: list[Source], text: str) -> list[Source]:
    """"Ibid at [126/4] to [130/4]" repeats a transcript at another place: when the note repeated cites a transcript
    first, that transcript takes the places the note gives (its day kept unless the note gives one); a note that
    gives none keeps the places. A pinpoint after a note that cites a witness statement first ("[87/188]" is its
    page and paragraph) is that statement's, and moves no transcript."""
    from dataclasses import replace

    first = sources[0] if sources and sources[0].kind == "transcript" else None
    day = first.transcripts[0].day if first and first.transcripts else None
    places = places_in(text, day) if first else []
    if first is not None and places and places[0].page is not None:
        first.transcripts = places
    for s in sources:
        if s is not first or not places or places[0].page is None:
            s.transcripts = [replace(p) for p in s.transcripts]  # its own copies: the two notes' places are apart
    return sources


def _answered_by(src: Source, question: int, sessions: list[dict]) -> None:
    """The session a question was asked in: its date and meeting, and who answered it (a panel of one names its
    witness; a larger panel names every witness on it, as the witness list does)."""
    session = _session_for(question, sessions)
    if not session:
        return
    src.date, src.meeting = session["date"], session["meeting"]
    panel = session.get("people") or []
    if len(panel) == 1:
        src.person, src.person_name = panel[0].id, panel[0].name
        src.organisation = panel[0].organisation
    elif panel:
        src.panel = [p.name for p in panel]
        if len({p.organisation for p in panel}) == 1:
            src.organisation = panel[0].organisation


def _session_for(question: int, sessions: list[dict]) -> dict | None:
    for s in sessions:
        if s["first"] <= question <= s["last"]:
            return s
    return None


def url_tokens(url: str) -> set[str]:
    """Words in a URL's path, for matching it to a note's title."""
    path = re.sub(r"^https?://[^/]+", "", url)
    return {t for t in re.split(r"[^a-z]+", path.lower()) if len(t) > 2 and t not in _STOP}


def text_tokens(text: str) -> set[str]:
    """Words in a note, for matching URLs."""
    return {t for t in re.split(r"[^a-z]+", text.lower().replace("-", "")) if len(t) > 2 and t not in _STOP} | \
        {t for t in re.split(r"[^a-z]+", text.lower()) if len(t) > 2 and t not in _STOP}


_URL_DATE = re.compile(r"(\d{1,2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{4})")


def attach_sources(report, urls: list[tuple[str, int, int]], source: str) -> None:
    """Parse every note's sources, link people, and attach listed URLs where the match is clear."""
    sessions = _sessions(report, source)
    cited: list = []  # earlier notes with text, latest last
    people = People(report.people)  # no note changes who they are
    for note in report.notes:
        if note.text:
            note.sources = parse_sources(note.text, people, sessions) or _repeated(note.text, cited)
            note.urls = [u.rstrip(".,)") for u in _URL.findall(note.text)]
            cited.append(note)
    distinct = list(dict.fromkeys(u for u, _, _ in urls))
    sources = [(n, s) for n in report.notes for s in n.sources]
    for url in distinct:
        m = _URL_DATE.search(url)
        if m and "transcript" in url.lower():
            month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].index(m.group(2)) + 1
            iso = f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
            for note, s in sources:
                # the transcript of a meeting records the oral evidence given there
                if s.kind in ("transcript", "oral evidence") and s.date == iso and not s.url:
                    s.url = url
            continue
        tokens = url_tokens(url)
        if len(tokens) < 2:
            continue
        scored = []
        for note, s in sources:
            overlap = len(tokens & text_tokens(note.text or ""))
            scored.append((overlap / len(tokens), overlap, note.number, s))
        scored.sort(key=lambda x: (-x[0], -x[1]))
        # Clear: most of the URL's words are in one note's title, and more than in any other.
        if scored and scored[0][0] >= 0.6 and scored[0][1] >= 2:
            best = scored[0][0]
            for ratio, _, _, s in scored:
                if ratio == best and not s.url:
                    s.url = url


def _sessions(report, source: str) -> list[dict]:
    """Oral evidence sessions with their question ranges: from a House of Commons witness list (dated), or
    from the question ranges a House of Lords list gives each panel (with the panel's people)."""
    out: list[dict] = []
    panels: dict[tuple[int, int], list] = {}
    for person in report.people:
        for a in person.appearances:
            m = re.match(r"^Q(\d+)[–-](\d+)$", a.questions or "")
            if m:
                panels.setdefault((int(m.group(1)), int(m.group(2))), []).append(person)
    for (first, last), people in sorted(panels.items()):
        out.append({"first": first, "last": last, "date": None, "meeting": f"Oral evidence, QQ {first}–{last}",
                    "people": people})
    for sec in report.sections:
        if sec.title.lower() != "witnesses":
            continue
        date = None
        for line in source[sec.start:sec.end].splitlines():
            line = line.strip()
            if DAY_MONTH_YEAR.match(re.sub(r"^[A-Z][a-z]+day\s+", "", line)) and len(line) < 60:
                date = iso_date(line)
            m = re.search(r"\bQ(\d+)\s*[–-]\s*(\d+)$", line)
            if m and date:
                out.append({"first": int(m.group(1)), "last": int(m.group(2)), "date": date,
                            "meeting": f"Oral evidence session, {date}"})
    return out
