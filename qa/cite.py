"""Citations: each passage with its report, section, page, notes and their sources, and its speakers;
and the recommendations the document model links to a question's entities."""
from __future__ import annotations

from graph.entities import fold
from ingest.model import Person, Report

from .derived import CitingLookup
from .index import CorpusIndex
from .query import Query


def recommendation_facts(index: CorpusIndex, query: Query) -> list[dict]:
    """For a question about recommendations, those the document model links to the entities it names:
    addressed to them ('which recommendations are for MOPAC?') or, failing that, concerning them;
    every recommendation when the question names none. Each comes with the passages that hold it and
    the evidence before it."""
    if "recommendation" not in query.types:
        return []
    wanted = {e.key for e in query.entities + query.expanded if e.kind != "person"}
    registry = index.registry

    def keys(names: list[str]) -> set[str]:
        """The registry's keys for these names."""
        return {e.key for n in names if (e := registry.resolve(n)) is not None}

    recs = [(r, rec) for r in index.reports.values() for rec in r.recommendations]
    addressed = [(r, rec) for r, rec in recs if wanted & keys(rec.addressee_names)]
    concerned = [(r, rec) for r, rec in recs if wanted & keys(rec.concerns)]
    chosen = addressed or concerned or ([] if wanted else recs)
    return [{"report": r.id, "number": rec.number, "label": rec.label, "text": rec.text, "addressees": rec.addressee_names,
             "concerns": rec.concerns, "deadline": rec.deadline, "passages": rec.passages, "evidence": rec.evidence,
             "url": f"/passages/{rec.passages[0]}" if rec.passages else None} for r, rec in chosen]


def passage_record(index: CorpusIndex, i: int, score: float, nearest: bool) -> dict:
    """One cited passage in the contract's shape, with its notes' sources and its speakers."""
    p = index.passages[i]
    report = index.report_of(i)
    return {
        "id": p.id,
        "text": p.text,
        "report": report.id,
        "report_title": report.title,  # every answer says which report it comes from
        "section": index.info[i].section_title,
        "page": p.page,
        "score": round(float(score), 4),
        "url": f"/passages/{p.id}",
        "citations": citations(report, p.notes, index.derived.citing[report.id]),
        "speakers": speakers(report, p.id, index.derived.citing[report.id], p.notes),
        "section_id": p.section,
        "kind": p.kind,
        "nearest": nearest,  # true when the corpus does not answer and this is only the closest material
    }


CONTRACT_SOURCE_FIELDS = ("label", "kind", "person", "organisation", "date", "url")  # ../shared/DESIGN.md


def citations(report: Report, numbers: list[int], lookup: CitingLookup | None = None) -> list[dict]:
    """The passage's notes with their first source, as the contract shapes them (lookup: the report's, made once)."""
    lookup = lookup or CitingLookup(report)
    out = []
    for n in numbers:
        note = lookup.notes.get(n)
        if note is None:
            out.append({"note": n, "text": None, "status": "missing", "source": None})
            continue
        sources = [{"label": src.label, "kind": src.kind, "person": src.person_name, "organisation": src.organisation,
                    "date": src.date, "title": src.title, "url": src.url, "panel": src.panel, "code": src.code,
                    "questions": src.questions, "transcripts": transcript_places(src)} for src in note.sources]
        if sources and not sources[0]["url"] and note.urls:
            sources[0]["url"] = note.urls[0]  # the URL the notes page lists beside this note
        # "source" is the first, with exactly the contract's fields; "sources" names them all, with titles
        # ("Lord Laming (2003) The Victoria Climbié Inquiry and Lord Laming (2009) …").
        first = {k: v for k, v in sources[0].items() if k in CONTRACT_SOURCE_FIELDS} if sources else None
        out.append({"note": n, "text": note.text, "status": note.status, "source": first, "sources": sources})
    return out


def transcript_places(src) -> list[dict]:
    """Each place in a cited transcript as the API gives it: day, page and line, with the place as a reader writes
    it ("Day 12, p. 34, l. 5"); one for each place the note gives, none when it gives no place."""
    return [{"day": place.day, "page": place.page, "line": place.line, "page_end": place.page_end,
             "line_end": place.line_end, "label": place.label()} for place in src.transcripts]


EVIDENCE_KINDS = ("transcript", "oral evidence", "written evidence", "letter")  # sources whose giver is a speaker


def speakers(report: Report, passage_id: str, lookup: CitingLookup | None = None,
             notes: list[int] | tuple = ()) -> list[dict]:
    """Who the passage's statements are attributed to, by the text or by their note, then whoever gave the
    evidence its notes cite (a transcript, written evidence or a letter), each once (lookup: the report's, made
    once)."""
    lookup = lookup or CitingLookup(report)
    people, orgs = lookup.people, lookup.organisations
    seen, out = set(), []

    def add(entry: dict) -> None:
        """Add a speaker once, by folded name. A body a note names more fully ("Brunel University, London" behind
        "According to Brunel University, …"), its name before the comma a speaker already, is that speaker."""
        key = fold(entry["name"])
        if entry["kind"] == "cited in note" and fold(entry["name"].split(",")[0]) in seen:
            return
        if key not in seen:
            seen.add(key)
            out.append(entry)

    for st in lookup.statements.get(passage_id, ()):
        person = people.get(st.speaker) if st.speaker else None
        if person is None and st.speaker_kind != "group":
            person = _person_by_office(lookup, st.speaker_name)
        if person:
            add(_person_entry(person))
        elif st.speaker in orgs:
            add({"name": orgs[st.speaker].name, "role": None, "organisation": None, "kind": "organisation"})
        elif st.speaker_kind == "group" and not st.speaker_name.startswith("unnamed"):
            add({"name": st.speaker_name, "role": None, "organisation": None, "kind": "group"})
        elif st.speaker_kind == "organisation":
            add({"name": st.speaker_name, "role": None, "organisation": None, "kind": "organisation"})
        if st.note_speaker:
            named = lookup.person_by_name.get(fold(st.note_speaker))
            add(_person_entry(named) if named else
                {"name": st.note_speaker, "role": None, "organisation": None, "kind": "cited in note"})
    # Words the report gives without naming who said them ("Local partners are concerned …", "They identify the
    # protocol as …", "the evidence provided by the Royal College of Midwives") still carry a note whose source
    # is a witness's transcript or written evidence: the witness is a speaker of the passage.
    for n in notes:
        note = lookup.notes.get(n)
        src = note.sources[0] if note is not None and note.sources else None
        if src is None or src.kind not in EVIDENCE_KINDS:
            continue
        if src.person_name:
            named = lookup.person_by_name.get(fold(src.person_name))
            add(_person_entry(named) if named else
                {"name": src.person_name, "role": None, "organisation": src.organisation, "kind": "cited in note"})
        elif src.organisation:
            add({"name": src.organisation, "role": None, "organisation": None, "kind": "cited in note"})
    return out


def _person_entry(p: Person) -> dict:
    role = ", ".join(x for x in (p.title, p.role) if x) or None
    return {"name": p.name, "role": role, "organisation": p.organisation, "kind": "person"}


def _person_by_office(lookup: CitingLookup, name: str) -> Person | None:
    """The one person whose role contains name: ingest sometimes takes a witness's role ('Chief Operating Officer')
    for the speaker's name."""
    folded = fold(name)
    if len(folded) < 6:
        return None
    matches = [p for p, role in lookup.folded_roles if folded in role]
    return matches[0] if len(matches) == 1 else None
