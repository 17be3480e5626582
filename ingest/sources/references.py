"""Sources cited by reference: question numbers, evidence codes, inquiry documents, transcripts by day and the
oral evidence sessions that question numbers fall in."""
from __future__ import annotations

import re

from ..dates import DAY_MONTH_YEAR, iso_date
from ..model import Source
from ..people import split_title
from ..transcripts import places_in

# "Q21", "Q 12", "Qq 45–47", "QQ 2–5": a question, or a run of them, as Commons and Lords notes write them
QUESTION = re.compile(r"\b(?:QQ?|Qq)\s?(\d+)(?:\s?[–-]\s?(\d+))?\b")
# A note that opens with references: "Q 54.", "QQ 2, 55, 58.", "BC 81, BC 103, Q 47.", "QQ 544–5."
_REF = r"(?:QQ?|Qq)\s?\d+(?:\s?[–-]\s?\d+)?|[A-Z]{2,4}\s\d{1,4}"
# … and may name who answered, as Commons notes do: "Q 23 [Councillor Jane Hill]", "Q 12 (Sir James Bevan)".
REF_LIST = re.compile(rf"^((?:{_REF})(?:,\s*(?:(?:{_REF})|\d+(?:\s?[–-]\s?\d+)?))*)\s*(?:\[[^\]]*\]|\([^)]*\))?\s*(?:\.|$)")
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


def references(text: str, label: str, sessions: list[dict]) -> list[Source]:
    """Oral evidence by question number and written evidence by code, from a note that lists them."""
    m = REF_LIST.match(text)
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
        answered_by(src, int(re.match(r"Q(\d+)", questions[0]).group(1)), sessions)
        out.insert(0, src)
    return out


def inquiry_references(text: str, label: str) -> list[Source]:
    """Inquiry documents by reference number; a transcript names its witness and day, and a numbered
    witness statement its witness."""
    said: dict[str, Source] = {}
    for m in _TRANSCRIPT_REF.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
        name = witness_name(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            pin = _PINPOINT.match(text, m.end())
            said[m.group(5)] = Source(f"[{m.group(5)}]", "transcript", person_name=name,
                                      date=f"{year:04d}-{month:02d}-{day:02d}", code=m.group(5),
                                      transcripts=places_in(pin.group(0)) if pin else [])
    for m in _STATEMENT_REF.finditer(text):
        name = witness_name(re.sub(r"^(?:See|and|Also|Cf)\s+", "", m.group(1).strip()))
        if name and m.group(2) not in said:
            said[m.group(2)] = Source(f"[{m.group(2)}]", "written evidence", person_name=name, code=m.group(2))
    for m in _STATEMENT_OF.finditer(text):
        name = witness_name(m.group(1))
        if name and m.group(2) not in said:
            said[m.group(2)] = Source(f"[{m.group(2)}]", "written evidence", person_name=name, code=m.group(2))
    out = []
    for n, doc in enumerate(dict.fromkeys(a or b for a, b in _INQUIRY_DOC.findall(text))):
        src = said.get(doc) or Source(f"[{doc}]", "inquiry document", code=doc)
        if n == 0:
            src.label = label
        out.append(src)
    return out


def witness_name(text: str) -> str | None:
    """A person's name as an inquiry reference gives it ("Kevin Hollinrake MP", "Professor Christopher
    Hodges"); None for "Submissions" or "POHITI Compensation Issues Hearing"."""
    text = re.sub(r"\s+", " ", text).strip()
    words = split_title(text)[1].split()
    if not 2 <= len(words) <= 5 or re.search(r"\b(Hearing|Submissions?|Inquiry|Statement|Opening|Closing|Office)\b", text):
        return None
    return text if all(w[0].isupper() for w in words) and not any(w.isupper() and len(w) > 3 for w in words) else None


def answered_by(src: Source, question: int, sessions: list[dict]) -> None:
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


def sessions_of(report, source: str) -> list[dict]:
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
