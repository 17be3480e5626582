"""The passage index: dense vectors for passages and their sentences, BM25, and what each passage names."""
from __future__ import annotations

import os
import pickle
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import bm25s
import numpy as np
from scipy import sparse

from ingest.model import Passage, Report
from ingest.sentences import sentence_spans

from graph.entities import AGENCY_KINDS, Entity, Matcher, Registry, build_registry, fold as fold_name

from .ann import ANN_FROM_SENTENCES, DenseANN
from .bridge import Bridge, build_bridge
from .cache import EmbeddingCache
from .derived import IndexArrays
from .encoder import Encoder
from .errors import EmptyCorpus
from .text import count_money, count_quantities, fold_text, has_date, tokens

# A paragraph number opening a passage ("20. ", "4.2. ") and a cross-reference closing it ("(Paragraph 20)", as a
# Commons report's conclusions point back to where they were drawn): how a report places it, not what it says.
_OPENING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+(?=\S)")
_CLOSING_REFERENCE = re.compile(r"\s*\((?:paragraphs?|paras?\.?)\s+[\d.,–-]+(?:\s*(?:,|and|to)\s*[\d.–-]+)*\)\s*$", re.I)


def without_place_marks(text: str) -> str:
    """The text less its opening paragraph number and closing cross-reference. The reference is sought in the last
    200 characters only: sought from every place, a long run of "(paragraph 1,1,1,…" took time in its square."""
    text = _OPENING_NUMBER.sub("", text, count=1)
    tail = max(0, len(text) - 200)
    m = _CLOSING_REFERENCE.search(text, tail)
    return text[:m.start()] if m else text


@dataclass
class Sentence:
    """One sentence of a passage, by character offsets into the passage text, with its answer cues."""

    passage: int  # index into CorpusIndex.passages
    start: int
    end: int
    dated: bool = False
    quantities: int = 0
    money: int = 0  # how many of its quantities are sums of money
    reason: bool = False
    attributed: bool = False  # holds a statement, or reports what someone said


# Wording that gives a cause: what a 'why' question wants.
REASON = re.compile(r"\b(because|reflects?|due to|as a result|result of|owing to|reason|caused?|so that|in order to|"
                    r"since|led to|triggered|driven by)\b", re.I)
# Wording that reports what someone said: what 'who' and 'what did X say' questions want.
ATTRIBUTION = re.compile(r"\b(told|said|says|stated|reported|confirmed|informed|explained|warned|admit(?:ted)?|"
                         r"acknowledged|according to|highlighted|questioned|described|believes?|thinks?|“)", re.I)


@dataclass
class PassageInfo:
    """What the ranking needs to know about a passage beyond its text."""

    report: str
    section_title: str
    entities: set[str] = field(default_factory=set)  # entity keys the passage names
    speakers: set[str] = field(default_factory=set)  # entity keys of whoever it quotes or cites
    speaker_names: set[str] = field(default_factory=set)  # speaker names as the text gives them, folded as names
    # entity keys of the bodies its speakers represent, as the report lists them ('George Eustice, Minister at
    # DEFRA': DEFRA): a witness's words are given on their body's behalf
    bodies: set[str] = field(default_factory=set)
    source_kinds: set[str] = field(default_factory=set)
    statements: int = 0
    person_statements: int = 0
    quantities: int = 0
    dated: bool = False
    recommendation: bool = False
    glossary: bool = False  # the passage is (part of) the report's list of acronyms
    listing: bool = False  # it holds an entry of a list of people or bodies (witnesses, members, written evidence)


_LISTED = {"witness", "member", "list"}  # a person listed as a witness or member; any body ingest lists


def section_titles(report: Report) -> dict[str, str]:
    """Section id to title."""
    return {s.id: s.title for s in report.sections}


def bm25_text(passage: Passage, section_title: str) -> str:
    """What BM25 indexes for a passage: its section title (a strong topical cue) and its text."""
    return f"{section_title}. {passage.text}"


class CorpusIndex:
    """Everything searched at question time, built once from a list of reports and the graph's entity registry."""

    def __init__(self, reports: list[Report], encoder: Encoder | None, cache_dir: str | os.PathLike | None = None,
                 progress=None, registry: Registry | None = None):
        # registry: the corpus's entities (graph.entities), the ones the graph was built with; None builds
        # them from the reports by the same rules (for an index made on its own, as in benchmarks).
        # encoder None makes a lexical index: everything but the vectors (a progressive start serves it while the
        # dense index is made; see qa.build.ensure_lexical).
        if not any(r.passages for r in reports):
            raise EmptyCorpus("the reports hold no passages to search")
        self.reports = {r.id: r for r in reports}
        self.registry = registry if registry is not None else build_registry(reports)
        self.encoder = encoder
        self.model_name = encoder.name if encoder is not None else None
        self.cache = EmbeddingCache(encoder, cache_dir, progress) if encoder is not None else None
        self.passages: list[Passage] = []
        self.info: list[PassageInfo] = []
        for report in reports:
            titles = section_titles(report)
            for p in report.passages:
                self.passages.append(p)
                self.info.append(PassageInfo(report.id, titles.get(p.section, "")))
        self.position = {p.id: i for i, p in enumerate(self.passages)}
        # A passage whose text repeats an earlier one in the same report (the summary of recommendations
        # restates each one word for word) is left out of rankings: the first, in its own chapter, stands. Its
        # paragraph number is no part of what it says: a report's conclusions restate paragraph '20. The impacts …'
        # as '2. The impacts … (Paragraph 20)'.
        seen: dict[tuple[str, str], int] = {}
        self.repeat_of: dict[int, int] = {}
        for i, (p, inf) in enumerate(zip(self.passages, self.info)):
            key = (inf.report, fold_text(without_place_marks(p.text)))
            if key in seen:
                self.repeat_of[i] = seen[key]
            seen.setdefault(key, i)
        # Words the reports use in lower case: an acronym that is one of them ('who') is matched in a question
        # only as written ('WHO').
        self.lower_words = {w for p in self.passages for w in re.findall(r"(?<![\w’'-])[a-z]+(?![\w-])", p.text)}
        self._annotate(reports)
        self.sentences = [self._sentence(i, s, e) for i, p in enumerate(self.passages)
                          for s, e in sentence_spans(p.text)]
        self._attribute(reports)
        self.sentence_passage = np.array([s.passage for s in self.sentences], dtype=np.int64)
        # Answer cues as arrays, so a question's type weighs every sentence without a Python loop.
        self.sentence_cues = {
            "dated": np.array([s.dated for s in self.sentences], dtype=np.float32),
            "quantity": np.array([s.quantities > 0 for s in self.sentences], dtype=np.float32),
            # 'How much is the offer?' wants a sum of money; 'How many claimants …?' a count, which a sum is not.
            "money": np.array([s.money > 0 for s in self.sentences], dtype=np.float32),
            "count": np.array([s.quantities > s.money for s in self.sentences], dtype=np.float32),
            "reason": np.array([s.reason for s in self.sentences], dtype=np.float32),
            "attributed": np.array([s.attributed for s in self.sentences], dtype=np.float32),
        }
        self.passage_vectors = self.sentence_vectors = None
        self.bridge: Bridge | None = None
        if encoder is not None:
            # One call for both, so the cache batches passages and sentences together by length.
            vectors = self.cache.embed([p.text for p in self.passages] + [self.sentence_text(s) for s in self.sentences])
            self.passage_vectors, self.sentence_vectors = vectors[:len(self.passages)], vectors[len(self.passages):]
            # The reports' words, each embedded alone (and cached as the passages are), for qa.bridge.
            self.bridge = build_bridge((p.text for p in self.passages), self.cache.embed)
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokens(bm25_text(p, inf.section_title)) or ["_"] for p, inf in zip(self.passages, self.info)],
                        show_progress=False)
        self.vocab = set(self.bm25.vocab_dict)
        self.doc_freq = self._doc_freq()
        self.idf = {t: float(np.log(1 + (len(self.passages) - df + 0.5) / (df + 0.5))) for t, df in self.doc_freq.items()}
        self.term_id = {t: j for j, t in enumerate(self.idf)}
        self.sentence_terms = self._sentence_terms()

    # What save() pickles: everything computed from the reports except the vectors (memory-mapped .npy files),
    # BM25 (bm25s's own files) and what load() takes back from its arguments (reports, encoder).
    _STATE = ("model_name", "info", "position", "repeat_of", "lower_words", "sentences",
              "sentence_passage", "sentence_cues", "vocab", "doc_freq", "idf", "term_id", "sentence_terms")

    def save(self, folder: str | os.PathLike, ann_from: int = ANN_FROM_SENTENCES, say=None) -> None:
        """Write the index state into folder: vectors as .npy, BM25 with bm25s, the rest as one pickle, and the ANN
        index (qa.ann) when the index has at least ann_from sentences."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if self.dense:
            np.save(folder / "passage_vectors.npy", np.ascontiguousarray(self.passage_vectors, dtype=np.float32))
            np.save(folder / "sentence_vectors.npy", np.ascontiguousarray(self.sentence_vectors, dtype=np.float32))
            np.save(folder / "bridge_vectors.npy", np.ascontiguousarray(self.bridge.vectors, dtype=np.float32))
            if len(self.sentences) >= ann_from:  # within the build's "index save" stage
                if say:
                    say(f"building the ANN index over {len(self.passages) + len(self.sentences):,} vectors")
                self.ann.save(folder)
        self.bm25.save(str(folder / "bm25"), show_progress=False)
        state = {k: getattr(self, k) for k in self._STATE}
        if self.bridge is not None:
            state["bridge_words"] = (self.bridge.stems, self.bridge.words)
        with open(folder / "state.pickle", "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)

    @property
    def dense(self) -> bool:
        """Whether the index holds vectors (hybrid retrieval), or only the lexical parts (BM25, annotations)."""
        return self.passage_vectors is not None

    @classmethod
    def load(cls, folder: str | os.PathLike, reports: list[Report], encoder: Encoder | None,
             registry: Registry) -> "CorpusIndex":
        """An index saved by save(), over the registry it was built with: nothing annotated, indexed or embedded
        again; vectors and BM25 memory-mapped. encoder None opens a lexical index (saved without vectors). The
        folder is a build this program wrote (a pickle is code's equal: never load one from elsewhere)."""
        folder = Path(folder)
        self = cls.__new__(cls)
        self.reports = {r.id: r for r in reports}
        self.registry = registry
        self.encoder = encoder
        self.cache = None
        self.passages = [p for r in reports for p in r.passages]
        with open(folder / "state.pickle", "rb") as fh:
            state = pickle.load(fh)
        bridge_words = state.pop("bridge_words", None)
        vars(self).update(state)
        # Plain arrays over the mapped pages: forked workers share them, and products give plain arrays.
        self.passage_vectors = self.sentence_vectors = None
        self.bridge = None
        if encoder is not None:
            self.passage_vectors = np.asarray(np.load(folder / "passage_vectors.npy", mmap_mode="r"))
            self.sentence_vectors = np.asarray(np.load(folder / "sentence_vectors.npy", mmap_mode="r"))
            if bridge_words is not None:
                self.bridge = Bridge(*bridge_words, np.asarray(np.load(folder / "bridge_vectors.npy", mmap_mode="r")))
        self.bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True)
        self._folder = folder
        # Plain ndarray views of the same mapped pages: a np.memmap's Python-level slicing cost about 20 calls a
        # question inside bm25s; the values and the sharing between workers are the same.
        self.bm25.scores = {k: np.asarray(v) if isinstance(v, np.memmap) else v for k, v in self.bm25.scores.items()}
        if len(self.passages) != len(self.info) or (self.dense and self.passage_vectors.shape[0] != len(self.passages)):
            raise ValueError(f"the index in {folder} does not match its reports")
        return self

    def _sentence(self, i: int, start: int, end: int) -> Sentence:
        text = self.passages[i].text[start:end]
        return Sentence(i, start, end, has_date(text), count_quantities(text), count_money(text),
                        bool(REASON.search(text)), bool(ATTRIBUTION.search(text)))

    def _attribute(self, reports: list[Report]) -> None:
        """Mark the sentence that holds each statement with its speaker."""
        first = {}
        for j, s in enumerate(self.sentences):
            first.setdefault(s.passage, j)
        for report in reports:
            for st in report.statements:
                i = self.position.get(st.passage)
                if i is None:
                    continue
                at = self.passages[i].text.find(st.content[:40].strip()) if st.content else -1
                j = first.get(i)
                while j is not None and j + 1 < len(self.sentences) and self.sentences[j + 1].passage == i \
                        and self.sentences[j + 1].start <= at:
                    j += 1
                if j is not None and at >= 0:
                    self.sentences[j].attributed = True

    def _sentence_terms(self) -> sparse.csr_matrix:
        """A binary sentence-by-term matrix, for idf-weighted coverage of a question's words."""
        rows, cols = [], []
        for j, s in enumerate(self.sentences):
            # Each row's terms in the order the sentence uses them (a set's order changes with the process's string
            # hashing): a coverage sums them in this order, so two builds of the same reports answer alike to the bit.
            for t in dict.fromkeys(tokens(self.sentence_text(s))):
                if t in self.term_id:
                    rows.append(j)
                    cols.append(self.term_id[t])
        data = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(self.sentences), len(self.term_id)))

    def coverage_weights(self, weighted: dict[str, float]) -> tuple[np.ndarray | None, float]:
        """The question's terms as a weight over the vocabulary (idf times the term's weight; None when the index knows
        none of them), and the total that a sentence's coverage is a share of (the idf of the terms at weight 1)."""
        cols = [self.term_id[t] for t in weighted if t in self.term_id]
        if not cols:
            return None, 0.0
        w = np.zeros(len(self.term_id), dtype=np.float32)
        w[cols] = np.array([self.idf[t] * weighted[t] for t in weighted if t in self.term_id], dtype=np.float32)
        max_idf = self.derived.max_idf
        return w, sum(self.idf.get(t, max_idf) * v for t, v in weighted.items() if v >= 1)

    def coverage(self, weighted: dict[str, float], rows: np.ndarray | None = None) -> np.ndarray:
        """For every sentence (or the sentences in rows, ascending), the idf-weighted share of the question's terms it
        holds (terms given with weights)."""
        w, total = self.coverage_weights(weighted)
        if w is None:
            return np.zeros(len(self.sentences) if rows is None else len(rows), dtype=np.float32)
        # The matrix (or its rows) times a vector that is zero off the question's terms: each row sums the same terms
        # in the same order as a product with the question's columns alone, without slicing columns out of a CSR.
        got = (self.sentence_terms if rows is None else self.derived.sentence_rows(rows)) @ w
        return np.minimum(1.0, got / max(total, 1e-6)).astype(np.float32)

    @cached_property
    def ann(self) -> DenseANN:
        """The approximate nearest-neighbour index over the vectors: the build's (saved beside them when the index
        was large enough), else built now, once, in this process."""
        folder = getattr(self, "_folder", None)
        found = DenseANN.load(folder, len(self.passages) + len(self.sentences)) if folder is not None else None
        return found if found is not None else DenseANN.build(self.passage_vectors, self.sentence_vectors)

    @cached_property
    def entities(self) -> list[Entity]:
        """The registry's entities, in its order."""
        return list(self.registry)

    @cached_property
    def matcher(self) -> Matcher:
        """Finds entities in passages as the graph finds its mentions (names as written)."""
        return Matcher(self.registry)

    @cached_property
    def question_matcher(self) -> Matcher:
        """Finds entities in questions: as in passages, and names and acronyms typed in any case."""
        return Matcher(self.registry, any_case=True, lower_words=self.lower_words)

    @cached_property
    def derived(self) -> IndexArrays:
        """Arrays and lookups derived from this index for fast questions; made on first use, never stored."""
        return IndexArrays(self)

    def passages_holding(self, strings: list[str]) -> list[str]:
        """The ids of the passages whose text holds any of these strings, as written."""
        return [p.id for p in self.passages if any(s in p.text for s in strings)]

    def passages_mentioning(self, phrase: str) -> list[str] | None:
        """The ids of the passages whose text or section title holds a phrase, case and runs of space ignored: a
        superset of those the graph's `statements-mentioning` keeps. None for a phrase of no words."""
        words = phrase.split()
        if not words:
            return None
        rule = re.compile(r"\s+".join(map(re.escape, words)), re.I)
        return [p.id for p, info in zip(self.passages, self.info) if rule.search(p.text) or rule.search(info.section_title)]

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
            for t in dict.fromkeys(tokens(p.text)):  # first use order, not a set's: the vocabulary's order is the build's
                df[t] = df.get(t, 0) + 1
        return df

    def _annotate(self, reports: list[Report]) -> None:
        """Fill each passage's entities, speakers, source kinds and question-type cues."""
        for i, p in enumerate(self.passages):
            inf = self.info[i]
            inf.entities = {m.key for m in self.matcher.find(p.text)}
            inf.quantities = count_quantities(p.text)
            inf.dated = has_date(p.text)
            inf.recommendation = p.kind == "recommendation"
        for report in reports:
            for g in report.glossary:
                for p in report.passages:
                    if p.start <= g.start < p.end:
                        self.info[self.position[p.id]].glossary = True
            # A listed person's or body's span is its entry, or the whole list where ingest kept only that.
            ordered = sorted(report.passages, key=lambda p: p.start)
            starts = [p.start for p in ordered]
            for listed in [*report.people, *report.organisations]:
                if listed.start is None or listed.end is None or (set(getattr(listed, "groups", ["list"])) & _LISTED) == set():
                    continue
                at = max(bisect_right(starts, listed.start) - 1, 0)
                while at < len(ordered) and ordered[at].start < listed.end:
                    if ordered[at].end > listed.start:
                        self.info[self.position[ordered[at].id]].listing = True
                    at += 1
        for report in reports:
            # Ingest's people and organisations, by their ids, as the registry's entity keys.
            keys = {x.id: e.key for x in [*report.people, *report.organisations]
                    if (e := self.registry.resolve(x.name)) is not None}
            for st in report.statements:
                i = self.position.get(st.passage)
                if i is None:
                    continue
                inf = self.info[i]
                inf.statements += 1
                inf.person_statements += st.speaker_kind == "person"
                inf.speaker_names.add(fold_name(st.speaker_name))
                if st.speaker in keys:
                    inf.speakers.add(keys[st.speaker])
                for named in self.matcher.entities(" ".join(filter(None, [st.speaker_name, st.note_speaker]))):
                    if named.kind == "person" or named.kind in AGENCY_KINDS:
                        inf.speakers.add(named.key)
            for p in report.passages:
                inf = self.info[self.position[p.id]]
                for number in p.notes:
                    note = report.note(number)
                    for src in (note.sources if note else []):
                        inf.source_kinds.add(src.kind)
                        if src.person in keys:
                            inf.speakers.add(keys[src.person])
        for inf in self.info:
            for key in inf.speakers:
                person = self.registry.entities.get(key)
                if person is not None and person.kind == "person" and person.affiliation:
                    inf.bodies.add(person.affiliation)
