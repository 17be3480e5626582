"""The passage index: dense vectors for passages and their sentences, BM25, and what each passage names."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import bm25s
import numpy as np

from ingest.model import Passage, Report
from ingest.sentences import sentence_spans

from .cache import EmbeddingCache
from .encoder import Encoder
from .entities import Entity, EntityMatcher, report_entities
from .errors import EmptyCorpus
from .text import count_quantities, fold, has_date, tokens


@dataclass
class Sentence:
    """One sentence of a passage, by character offsets into the passage text."""

    passage: int  # index into CorpusIndex.passages
    start: int
    end: int


@dataclass
class PassageInfo:
    """What the ranking needs to know about a passage beyond its text."""

    report: str
    section_title: str
    entities: set[str] = field(default_factory=set)  # entity keys the passage names
    speakers: set[str] = field(default_factory=set)  # entity keys or folded names of whoever it quotes or cites
    speaker_names: set[str] = field(default_factory=set)  # folded speaker names as the text gives them
    source_kinds: set[str] = field(default_factory=set)
    statements: int = 0
    person_statements: int = 0
    quantities: int = 0
    dated: bool = False
    recommendation: bool = False


def section_titles(report: Report) -> dict[str, str]:
    """Section id to title."""
    return {s.id: s.title for s in report.sections}


def bm25_text(passage: Passage, section_title: str) -> str:
    """What BM25 indexes for a passage: its section title (a strong topical cue) and its text."""
    return f"{section_title}. {passage.text}"


class CorpusIndex:
    """Everything searched at question time, built once from a list of reports."""

    def __init__(self, reports: list[Report], encoder: Encoder, cache_dir: str | os.PathLike | None = None):
        if not any(r.passages for r in reports):
            raise EmptyCorpus("the reports hold no passages to search")
        self.reports = {r.id: r for r in reports}
        self.encoder = encoder
        self.model_name = encoder.name
        self.cache = EmbeddingCache(encoder, cache_dir)
        self.passages: list[Passage] = []
        self.info: list[PassageInfo] = []
        self.entities: list[Entity] = []
        for report in reports:
            titles = section_titles(report)
            self.entities.extend(report_entities(report))
            for p in report.passages:
                self.passages.append(p)
                self.info.append(PassageInfo(report.id, titles.get(p.section, "")))
        self.position = {p.id: i for i, p in enumerate(self.passages)}
        self.matcher = EntityMatcher(self.entities)
        self.entity_by_key = {e.key: e for e in self.entities}
        self._annotate(reports)
        self.sentences = [Sentence(i, s, e) for i, p in enumerate(self.passages) for s, e in sentence_spans(p.text)]
        self.sentence_passage = np.array([s.passage for s in self.sentences], dtype=np.int64)
        self.passage_vectors = self.cache.embed([p.text for p in self.passages])
        self.sentence_vectors = self.cache.embed([self.sentence_text(s) for s in self.sentences])
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokens(bm25_text(p, inf.section_title)) or ["_"] for p, inf in zip(self.passages, self.info)],
                        show_progress=False)
        self.vocab = set(self.bm25.vocab_dict)
        self.doc_freq = self._doc_freq()

    def sentence_text(self, s: Sentence) -> str:
        """The text of one sentence."""
        return self.passages[s.passage].text[s.start:s.end]

    def report_of(self, i: int) -> Report:
        """The report that holds passage i."""
        return self.reports[self.info[i].report]

    def bm25_scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query tokens (unknown tokens ignored)."""
        known = [t for t in query_tokens if t in self.vocab]
        if not known:
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(known), dtype=np.float32)

    def _doc_freq(self) -> dict[str, int]:
        df: dict[str, int] = {}
        for p in self.passages:
            for t in set(tokens(p.text)):
                df[t] = df.get(t, 0) + 1
        return df

    def _annotate(self, reports: list[Report]) -> None:
        """Fill each passage's entities, speakers, source kinds and question-type cues."""
        for i, p in enumerate(self.passages):
            inf = self.info[i]
            inf.entities = {e.key for e in self.matcher.find(p.text) if e.report == inf.report}
            inf.quantities = count_quantities(p.text)
            inf.dated = has_date(p.text)
            inf.recommendation = p.kind == "recommendation"
        for report in reports:
            people = {pp.id for pp in report.people}
            for st in report.statements:
                i = self.position.get(st.passage)
                if i is None:
                    continue
                inf = self.info[i]
                inf.statements += 1
                inf.person_statements += st.speaker_kind == "person"
                inf.speaker_names.add(fold(st.speaker_name))
                if st.speaker:
                    inf.speakers.add(st.speaker)
                for named in self.matcher.find(" ".join(filter(None, [st.speaker_name, st.note_speaker]))):
                    if named.report == report.id and named.kind in ("person", "organisation"):
                        inf.speakers.add(named.key)
            for p in report.passages:
                inf = self.info[self.position[p.id]]
                for number in p.notes:
                    note = report.note(number)
                    for src in (note.sources if note else []):
                        inf.source_kinds.add(src.kind)
                        if src.person and src.person in people:
                            inf.speakers.add(src.person)
