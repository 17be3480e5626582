"""Sources named in notes: who, what kind, which meeting, when, and a URL where one clearly matches.

The parts: ``references`` (question numbers, evidence codes, inquiry documents and transcripts, and the oral
evidence sessions questions fall in), ``kinds`` (one source read from a note's words), ``works`` (published works
and who gave coded evidence), ``meetings`` (a meeting and the body beside it), ``listed`` (the listed people a
note names), ``repeats`` ("Ibid." and "op. cit.") and ``urls`` (listed URLs matched to sources). The names other
modules use are here.
"""
from __future__ import annotations

from ..codes import coded_names
from ..model import Person, Source
from .kinds import one_source
from .listed import ListedPeople, person_in
from .references import QUESTION, REF_LIST, answered_by, inquiry_references, references, sessions_of
from .repeats import repeated
from .urls import URL, attach_urls, text_tokens, url_tokens
from .works import code_giver, split_segments

__all__ = ["attach_sources", "parse_sources", "text_tokens", "url_tokens"]


def parse_sources(text: str, people: list[Person], sessions: list[dict] | None = None) -> list[Source]:
    """The sources a note's text names; an explanatory note with none gives an empty list."""
    text = text.strip()
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) > 1 and any(REF_LIST.match(p) for p in parts):
        # "Q 67; C&AG's Report, para 3.8": questions and a publication, each read on its own
        return [src for p in parts for src in parse_sources(p, people, sessions)]
    label = text
    out: list[Source] = references(text, label, sessions or [])
    out += inquiry_references(text, label)
    if out:
        return out
    codes = coded_names(text, stops="(),", acronyms=False, open_end=True)
    questions = QUESTION.findall(text)
    if questions and QUESTION.match(text):
        qs = [f"Q{a}" + (f"–{b}" if b else "") for a, b in questions]
        src = Source(label, "oral evidence", questions=qs, kind_basis="stated")
        answered_by(src, int(questions[0][0]), sessions or [])
        out.append(src)
    if codes:
        after = 0  # where the last code ended: the next giver's name starts after it
        for m in codes:
            org = code_giver(text[after:m.code_start].rstrip(" (")) or m.name.strip().strip(" ,")
            src = Source(f"{org} ({m.code})", "written evidence", organisation=org, code=m.code)
            person = person_in(org, people)  # "Dr Natalie Welden (EIM0003)": a person the lists name gave it
            if person:
                src.person, src.person_name, src.organisation = person.id, person.name, person.organisation
            out.append(src)
            after = m.end
        return out
    if out:
        return out
    segments = split_segments(text)
    for seg in segments:
        src = one_source(seg, label if len(segments) == 1 else seg, people)
        if src:
            out.append(src)
    return out


def attach_sources(report, urls: list[tuple[str, int, int]], source: str) -> None:
    """Parse every note's sources, link people, and attach listed URLs where the match is clear."""
    sessions = sessions_of(report, source)
    people = ListedPeople(report.people)
    cited: list = []  # earlier notes with text, latest last
    for note in report.notes:
        if note.text:
            note.sources = parse_sources(note.text, people, sessions) or repeated(note.text, cited)
            note.urls = [u.rstrip(".,)") for u in URL.findall(note.text)]
            cited.append(note)
    attach_urls(report, urls)
