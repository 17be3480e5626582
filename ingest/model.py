"""The document model: what ingest recovers from one report.

Every element keeps ``start``/``end`` character offsets into the decoded source text
and the ``page`` it starts on, so later stages can quote it exactly.
Field names follow the API contract in the design where they overlap.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Page:
    """One page of the source, as a character range."""

    number: int
    start: int
    end: int
    label: str | None = None  # the printed page number, where the text shows one


@dataclass
class Section:
    """A heading and the text under it; sections form a tree through ``parent``."""

    id: str
    title: str
    level: int
    kind: str  # front | chapter | subsection | appendix | back
    number: str | None
    parent: str | None
    start: int
    end: int
    page: int


@dataclass
class Marker:
    """A note marker in the body text, such as the 68 glued to ``arrangement68``."""

    number: int
    start: int
    end: int
    page: int
    passage: str | None = None


@dataclass
class Passage:
    """A readable paragraph (or part of one), markers removed, at most about 1,200 characters."""

    id: str
    text: str
    section: str
    page: int
    page_end: int
    start: int
    end: int
    notes: list[int] = field(default_factory=list)
    kind: str = "paragraph"  # paragraph | list | recommendation | heading-free block
    ordinal: int = 0


@dataclass
class TranscriptPlace:
    """Where in a hearing's transcript a note points: the hearing day and the page and line, to an end page and
    line ("Transcript, Day 45, page 12, line 3"; "[INQ00001201] at [51/20] to [52/4]"; "Day 45/12:3-17")."""

    day: int | None = None  # the inquiry's hearing day, where the note numbers it ("Day 45")
    page: int | None = None
    line: int | None = None
    page_end: int | None = None
    line_end: int | None = None

    def label(self) -> str:
        """The place as a reader writes it: "Day 12, p. 34, l. 5", "p. 72, ll. 5–9", "p. 69, l. 22 to p. 70, l. 9"."""
        parts = [f"Day {self.day}"] if self.day is not None else []
        if self.page is not None:
            end_page = self.page_end if self.page_end not in (None, self.page) else None
            if self.line is None:
                parts.append(f"pp. {self.page}–{end_page}" if end_page else f"p. {self.page}")
            elif end_page:
                parts.append(f"p. {self.page}, l. {self.line} to p. {end_page}"
                             + (f", l. {self.line_end}" if self.line_end is not None else ""))
            elif self.line_end is not None and self.line_end != self.line:
                parts.append(f"p. {self.page}, ll. {self.line}–{self.line_end}")
            else:
                parts.append(f"p. {self.page}, l. {self.line}")
        return ", ".join(parts)


@dataclass
class Source:
    """Where a note says a claim came from."""

    label: str
    kind: str  # transcript | written evidence | letter | publication | press | web | oral evidence | inquiry document
    person: str | None = None  # person id
    person_name: str | None = None
    organisation: str | None = None
    date: str | None = None  # ISO 8601
    meeting: str | None = None
    url: str | None = None
    code: str | None = None  # written evidence code, e.g. EIM0020
    questions: list[str] = field(default_factory=list)  # oral evidence question numbers, e.g. Q21
    kind_basis: str = "stated"  # stated | meeting (inferred from a known evidence session) | witness list | ibid | op. cit.
    title: str | None = None  # a cited publication's title: "Ofsted (2008) Joint Area Review, …" gives Joint Area Review
    panel: list[str] = field(default_factory=list)  # the witnesses of the panel a cited question was put to, when several
    # each place in a transcript the note gives: day, page and line ("Day 45/12:3-14:2; Day 46/3:1-5:9" gives two)
    transcripts: list[TranscriptPlace] = field(default_factory=list)


@dataclass
class Note:
    """A numbered end note or footnote, with its parsed source when it names one."""

    number: int
    text: str | None
    status: str  # found | missing | cut
    start: int | None = None
    end: int | None = None
    page: int | None = None
    sources: list[Source] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @property
    def source(self) -> Source | None:
        """The first source the note names, if any."""
        return self.sources[0] if self.sources else None


@dataclass
class Recommendation:
    """A numbered recommendation, its bullets, addressees and deadline."""

    id: str
    number: int
    text: str
    bullets: list[str]
    addressees: list[str]  # organisation ids
    addressee_names: list[str]
    concerns: list[str]
    deadline: str | None
    section: str
    page: int
    start: int
    end: int
    passages: list[str] = field(default_factory=list)  # the passages that hold it
    evidence: list[str] = field(default_factory=list)  # passages just before it
    summary: dict[str, Any] | None = None  # the restatement in a summary appendix
    paragraph_refs: list[str] = field(default_factory=list)  # "(Paragraph 13)", "(paragraph 2.20)": the body it sums up
    label: str = ""  # the number as the report prints it: "3", "8.1"; number is then its place in the report

    def __post_init__(self):
        self.label = self.label or str(self.number)


@dataclass
class GlossaryEntry:
    """An acronym and its expansion."""

    acronym: str
    expansion: str
    start: int
    end: int
    page: int


@dataclass
class Appearance:
    """A person's appearance before the committee, or their place in it."""

    date: str | None
    meeting: str | None
    role: str | None = None
    organisation: str | None = None
    questions: str | None = None
    start: int | None = None  # where the list prints it (a member list's line)


@dataclass
class Person:
    """A witness, committee member or other named person, with every form of name seen."""

    id: str
    name: str
    aliases: list[str]
    title: str | None = None  # rank or honorific: Assistant Commissioner, Dr, Professor
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    chair: bool = False
    groups: list[str] = field(default_factory=list)  # witness | member | author
    appearances: list[Appearance] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    page: int | None = None


@dataclass
class Organisation:
    """An organisation the report lists: written evidence, site visits and the like."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # written evidence | site visit | witness organisation
    detail: str | None = None
    code: str | None = None
    start: int | None = None
    end: int | None = None
    page: int | None = None


@dataclass
class Statement:
    """Who said what: an attributed claim or quote in a passage."""

    id: str
    speaker: str | None  # person or organisation id; None for an unnamed group
    speaker_name: str
    speaker_kind: str  # person | organisation | group
    verb: str
    content: str
    quote: str | None
    passage: str
    start: int
    end: int
    page: int
    note: int | None = None
    note_speaker: str | None = None  # who the note names, which may differ from the text
    date: str | None = None


@dataclass
class Warning_:
    """Something the parser could not recognise, left out and reported."""

    code: str
    message: str
    page: int | None = None
    start: int | None = None


@dataclass
class Report:
    """Everything ingest recovered from one report."""

    id: str
    title: str
    style: str
    source_path: str
    source_sha256: str
    text_length: int
    publisher: str | None = None
    date: str | None = None
    pages: list[Page] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole model."""
        data = asdict(self)
        for note, raw in zip(self.notes, data["notes"]):
            raw["source"] = asdict(note.source) if note.source else None
        return data

    def summary(self) -> dict[str, int]:
        """The counts printed after an ingest."""
        return {
            "pages": len(self.pages),
            "sections": len(self.sections),
            "passages": len(self.passages),
            "markers": len(self.markers),
            "notes_found": sum(1 for n in self.notes if n.status != "missing"),
            "notes_missing": sum(1 for n in self.notes if n.status == "missing"),
            "recommendations": len(self.recommendations),
            "glossary": len(self.glossary),
            "people": len(self.people),
            "organisations": len(self.organisations),
            "statements": len(self.statements),
            "warnings": len(self.warnings),
        }

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id."""
        for p in self.passages:
            if p.id == passage_id:
                return p
        raise KeyError(passage_id)

    def note(self, number: int) -> Note | None:
        """The note with this number, if the report has one."""
        for n in self.notes:
            if n.number == number:
                return n
        return None
