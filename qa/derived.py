"""Lookups derived once from a built CorpusIndex, so that a question costs array operations and dictionary look-ups
rather than Python loops over every passage, sentence or statement of the corpus.

Everything here is a function of the index's saved state (passages, info, sentences, entities, idf, reports), so an
index read back from disk rebuilds it on first use (CorpusIndex.derived) instead of having to store it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

import numpy as np
from scipy import sparse

from ingest.model import Note, Organisation, Person, Report, Statement
from ingest.statements import UNNAMED_SPEAKER

from graph.entities import Entity, fold

from .text import has_date, stem, tokens

_NONE = np.zeros(0, dtype=np.int64)


def _inverted(sets: Iterable[set[str]]) -> dict[str, np.ndarray]:
    """For each value, the ascending indices of the sets that hold it."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, values in enumerate(sets):
        for v in values:
            out[v].append(i)
    return {v: np.array(ix, dtype=np.int64) for v, ix in out.items()}


def _heads_by_report(index) -> dict[tuple[str, str], list[str]]:
    """(report, head noun) -> the keys of that report's entities whose full name ends in the noun."""
    by_head: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in index.entities:
        if e.mentionable and e.head and e.kind != "person":
            for rid in e.reports:
                by_head[(rid, e.head)].append(e.key)
    return by_head


def definite_heads(text: str, report: str, by_head: dict[tuple[str, str], list[str]]) -> set[str]:
    """The entities a text of this report names by a definite head noun alone ('the protocol' for the London CSE
    Protocol): those whose full name ends in that noun, when no other entity of the report's does."""
    said = {fold(m) for m in _THE_NOUN.findall(text)}
    return {keys[0] for h in said if len(keys := by_head.get((report, h), ())) == 1}


def _definite_heads(index, by_head: dict[tuple[str, str], list[str]]) -> list[set[str]]:
    """For each passage, the entities it names by a definite head noun alone (see definite_heads)."""
    return [definite_heads(p.text, inf.report, by_head) for p, inf in zip(index.passages, index.info)]


def _report_terms(index, passage_report: np.ndarray, report_ids: list[str]) -> dict[str, frozenset[str]]:
    """Each report's word stems: what one report can speak of, apart from what the other reports loaded say."""
    terms = np.array(list(index.term_id), dtype=object)
    rows = index.sentence_terms.tocsr()
    sentence_report = passage_report[index.sentence_passage]
    return {rid: frozenset(terms[np.unique(rows[np.flatnonzero(sentence_report == code)].indices)].tolist())
            for code, rid in enumerate(report_ids)}


def _is_question(text: str) -> bool:
    """Whether a sentence (or a passage with none) is a question: it ends in '?', before any closing quote."""
    return text.rstrip().rstrip("\"'”’)").endswith("?")


def _notes_dated(index, i: int) -> bool:
    """Whether a note passage i cites gives a date, as its text or as a source's date."""
    notes = index.passages[i].notes
    if not notes:
        return False
    report = index.reports.get(index.info[i].report)
    for number in notes:
        note = report.note(number) if report is not None else None
        if note is not None and (any(src.date for src in note.sources) or has_date(note.text or "")):
            return True
    return False


_THE_NOUN = re.compile(r"\b[Tt]he ([A-Za-z][a-z]+)\b(?![\w’'-])")


class IndexArrays:
    """Per-passage facts as arrays, inverted indexes of entities and speakers, and each passage's sentence range."""

    def __init__(self, index):
        n = len(index.passages)
        info = index.info
        # Sentences are made passage by passage, so each passage's sentences are one contiguous run.
        positions = np.arange(n)
        self.sentence_passage = index.sentence_passage
        self.sentence_start = np.searchsorted(index.sentence_passage, positions, "left")
        self.sentence_end = np.searchsorted(index.sentence_passage, positions, "right")
        self.report_ids = list(dict.fromkeys(inf.report for inf in info))
        code = {rid: c for c, rid in enumerate(self.report_ids)}
        self.passage_report = np.array([code[inf.report] for inf in info], dtype=np.int64)
        self.repeat_source = np.full(n, -1, dtype=np.int64)
        for i, j in index.repeat_of.items():
            self.repeat_source[i] = j
        self.glossary = np.array([inf.glossary for inf in info], dtype=bool)
        # A list entry that quotes no one ("Professor Theresa Marteau, King's College London") names a speaker but
        # never holds what they said.
        self.bare_listing = np.array([inf.listing and not inf.statements for inf in info], dtype=bool)
        self.has_statements = np.array([inf.statements > 0 for inf in info], dtype=bool)
        self.has_person_statements = np.array([inf.person_statements > 0 for inf in info], dtype=bool)
        # Whether a passage names anyone who could have said what it holds: a speaker of its statements or of the
        # notes it cites, or a person it names ("Professor John Britton … gave an example: “…”", a quote the
        # parser gives no speaker). "We heard …" and "witnesses told us" name no one.
        unnamed = {fold(UNNAMED_SPEAKER)}
        persons = {e.key for e in index.entities if e.kind == "person"}
        named = [bool(inf.speakers or inf.entities & persons or inf.speaker_names - unnamed) for inf in info]
        # A quote set apart after its lead-in ("Dr van Sebille … He said:") is named by the lead-in before it.
        self.names_speaker = np.array([named[i] or (i > 0 and named[i - 1] and info[i - 1].report == info[i].report
                                                    and index.passages[i - 1].text.rstrip().endswith(":"))
                                       for i in range(n)], dtype=bool)
        self.dated = np.array([bool(inf.dated) for inf in info], dtype=bool)
        # Dated in its text or in a note it cites ("letter, 21 January 2014"): what can answer a question asking for
        # a date, as the reader sees the note beside the passage.
        self.dated_or_noted = self.dated | np.array([_notes_dated(index, i) for i in range(n)], dtype=bool)
        self.has_quantities = np.array([inf.quantities > 0 for inf in info], dtype=bool)
        self.recommendation = np.array([bool(inf.recommendation) for inf in info], dtype=bool)
        self._by_head = _heads_by_report(index)
        self.entity_passages = _inverted(inf.entities | heads
                                         for inf, heads in zip(info, _definite_heads(index, self._by_head)))
        self.speaker_passages = _inverted(inf.speakers for inf in info)
        # Whose words a passage holds, or on whose behalf: its speakers and the bodies they represent (the words of
        # 'George Eustice, Minister at DEFRA' are DEFRA's too).
        self.voice_passages = _inverted(inf.speakers | inf.bodies for inf in info)
        self.speaker_name_passages = _inverted(inf.speaker_names for inf in info)
        self.max_idf = max(index.idf.values(), default=1.0)
        # Acronyms ('MASH') by the stem of their full name's head noun ('hub'), with their place in the
        # registry (for its order): a question about 'the hubs' is about them.
        self.terms_by_head: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
        for at, e in enumerate(index.entities):
            if e.acronym and e.head and e.mentionable:
                self.terms_by_head[stem(e.head)].append((at, e))
        self.citing = {rid: CitingLookup(report) for rid, report in index.reports.items()}
        self.report_terms = _report_terms(index, self.passage_report, self.report_ids)
        # The words a report names things by: its text's, and its notes' ("Marie Snelling, letter, 21 January 2014"),
        # since a report knows the people and bodies its notes cite though its text may never name them. Made once:
        # a question only looks them up.
        self.name_terms = {rid: terms | frozenset(t for n in index.reports[rid].notes for t in tokens(n.text or ""))
                           if rid in index.reports else terms for rid, terms in self.report_terms.items()}
        # Per-sentence work of the not-found rules (qa/notfound.py), made the first time a sentence is looked at and
        # kept for the index's life; it depends on the sentence alone.
        self.count_views: dict[int, tuple] = {}
        self.plain_sentences: dict[str, list[str]] = {}  # a report's sentences as qa.notfound._plain folds them
        self.word_vectors: dict[str, np.ndarray] = {}  # single words' encoder vectors (qa.bridge.word_vectors)
        self._index = index
        self._entity_sentences: dict[tuple[str, bool], np.ndarray] = {}
        self._entity_terms: dict[tuple[str, bool], sparse.csr_matrix] = {}
        # For a ranking's bounds (qa/retrieve.py): which passages hold each term in some sentence (a passage's
        # sentences cover at most what their union covers), and each passage's largest value of each answer cue.
        has = sparse.csr_matrix((np.ones(len(index.sentence_passage), dtype=np.float32),
                                 (index.sentence_passage, np.arange(len(index.sentence_passage)))),
                                shape=(n, len(index.sentence_passage)))
        self.passage_terms = (has @ index.sentence_terms).tocsc()
        self.passage_cues = {name: self.best_value_by_passage(values, 0.0) for name, values in index.sentence_cues.items()}
        self.no_sentence = self.sentence_end == self.sentence_start
        # A passage made only of questions ('Are Government policies evidence-based?', a sub-heading; a call for
        # evidence's numbered questions) states nothing, so it answers nothing, however close its words.
        # (Only a passage that ends on a question can be one: its other sentences are read for those alone.)
        self.asks_only = np.array([_is_question(p.text) and all(_is_question(index.sentence_text(index.sentences[j]))
                                                                for j in range(a, b))
                                   for p, a, b in zip(index.passages, self.sentence_start, self.sentence_end)],
                                  dtype=bool)
        self._entity_tokens: dict[str, frozenset[str]] = {}

    def entity_sentences(self, key: str, quoted: bool = False) -> np.ndarray:
        """The ascending indices of the sentences that name this entity by any of its forms (found by the
        passages' matcher) or by its definite head noun, as passages do; with quoted, also every sentence of a
        passage holding its statements or citing it (see quoted_passages). Made on first ask, then kept."""
        found = self._entity_sentences.get((key, quoted))
        if found is None:
            if quoted:
                found = np.union1d(self.entity_sentences(key), self.sentences_of(self.quoted_passages(key).tolist()))
            else:
                ix = self._index

                def names(j: int) -> bool:
                    text = ix.sentence_text(ix.sentences[j])
                    return (any(m.key == key for m in ix.matcher.find(text))
                            or key in definite_heads(text, ix.info[ix.sentence_passage[j]].report, self._by_head))

                candidates = self.sentences_of(self.entity_passages.get(key, _NONE).tolist())
                found = np.array([j for j in candidates.tolist() if names(j)], dtype=np.int64)
            self._entity_sentences[(key, quoted)] = found  # one array per key: a race only computes it twice
        return found

    def quoted_passages(self, key: str) -> np.ndarray:
        """The passages whose statements and cited notes are this person's or body's alone: their words, which need
        not name them ('George Eustice, Minister at DEFRA, said:' names him; the quote block after it does not). A
        body's words include those of the people who represent it (his are DEFRA's). A passage that quotes others
        too says whose words each sentence holds by naming them."""
        info, registry = self._index.info, self._index.registry

        def side(k: str) -> str:
            """Whose words a speaker's are: a person's who represents a body are the body's too."""
            e = registry.entities.get(k)
            return e.affiliation if key != k and e is not None and e.kind == "person" and e.affiliation else k

        held = self.voice_passages.get(key, _NONE)
        alone = [info[i].speakers == {key} or {side(k) for k in info[i].speakers} == {key} for i in held.tolist()]
        return held[np.array(alone, dtype=bool)] if held.size else held

    def entity_sentence_terms(self, key: str, quoted: bool = False) -> sparse.csr_matrix:
        """The rows of the sentence-by-term matrix for entity_sentences(key, quoted), in that order; made on first
        ask, then kept (slicing rows out of the matrix cost more than the product with them)."""
        found = self._entity_terms.get((key, quoted))
        if found is None:
            found = self._index.sentence_terms[self.entity_sentences(key, quoted)]
            self._entity_terms[(key, quoted)] = found
        return found

    def entity_tokens(self, entity: Entity) -> frozenset[str]:
        """The word stems of all of an entity's names (what the question's words of the entity are compared with);
        made on first ask, then kept."""
        found = self._entity_tokens.get(entity.key)
        if found is None:
            found = frozenset(t for f in entity.forms() for t in tokens(f))
            self._entity_tokens[entity.key] = found
        return found

    def sentence_rows(self, rows: np.ndarray) -> sparse.csr_matrix:
        """These rows (ascending) of the sentence-by-term matrix, each with its terms in their stored order, so a
        product with them sums each row as the product with the whole matrix does; gathered directly, since
        indexing the matrix with an array cost more than the product with every row on a small corpus."""
        m = self._index.sentence_terms
        starts = m.indptr[rows]
        lengths = m.indptr[rows + 1] - starts
        indptr = np.zeros(len(rows) + 1, dtype=m.indptr.dtype)
        np.cumsum(lengths, out=indptr[1:])
        at = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1], dtype=m.indptr.dtype)
        return sparse.csr_matrix((m.data[at], m.indices[at], indptr), shape=(len(rows), m.shape[1]))

    def term_passages(self, term: int) -> np.ndarray:
        """The passages whose sentences hold this term (by its column in the sentence-by-term matrix)."""
        m = self.passage_terms
        return m.indices[m.indptr[term]:m.indptr[term + 1]]

    def reports_knowing(self, names: Iterable[list[str]]) -> set[str]:
        """The reports whose text or notes use every one of these names (each given as its word stems; any stem will
        do)."""
        names = [set(stems) for stems in names]
        return {rid for rid, terms in self.name_terms.items() if all(stems & terms for stems in names)}

    def passages_with(self, table: dict[str, np.ndarray], keys: Iterable[str]) -> list[np.ndarray]:
        """The passage-index arrays of every key the table holds."""
        return [table.get(k, _NONE) for k in keys]

    def sentences_of(self, passages: Iterable[int]) -> np.ndarray:
        """The ascending indices of every sentence of these passages."""
        runs = [np.arange(self.sentence_start[p], self.sentence_end[p]) for p in set(passages)]
        return np.sort(np.concatenate(runs)) if runs else _NONE

    def reports_within(self, keep: np.ndarray) -> set[str]:
        """The ids of the reports that hold a kept passage."""
        held = np.bincount(self.passage_report[keep], minlength=len(self.report_ids))
        return {self.report_ids[c] for c in np.flatnonzero(held)}

    def rankable(self, keep: np.ndarray) -> np.ndarray:
        """The kept passages less the repeats whose original is kept too (the original stands in the ranking)."""
        source = self.repeat_source
        repeat_kept = (source >= 0) & keep[np.maximum(source, 0)]
        return keep & ~repeat_kept

    def best_by_passage(self, values: np.ndarray) -> np.ndarray:
        """For each passage, the index of its sentence with the largest value, the first on a tie (-1: no sentence)."""
        return best_in_runs(values, self.sentence_start, self.sentence_end)

    def runs(self, passages: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The sentences of these passages (ascending), and where each passage's run starts and ends among them."""
        lengths = self.sentence_end[passages] - self.sentence_start[passages]
        ends = np.cumsum(lengths)
        starts = ends - lengths
        sentences = np.repeat(self.sentence_start[passages] - starts, lengths) + np.arange(ends[-1] if len(ends) else 0)
        return sentences, starts, ends

    def best_value_by_passage(self, values: np.ndarray, floor: float) -> np.ndarray:
        """For each passage, the larger of floor and its sentences' largest value."""
        out = np.full(len(self.sentence_start), floor, dtype=values.dtype)
        filled = self.sentence_end > self.sentence_start
        if filled.any():
            out[filled] = np.maximum(out[filled], np.maximum.reduceat(values, self.sentence_start[filled]))
        return out


def best_in_runs(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each run values[start:end], the index of its largest value, the first on a tie (-1: an empty run). The
    runs tile values in order (each starts where the one before ends), as each passage's sentences do."""
    out = np.full(len(starts), -1, dtype=np.int64)
    filled = ends > starts
    if not filled.any():
        return out
    lengths = ends - starts
    if np.isnan(values).any():  # NaN never equals a maximum: sort instead, as a total order
        run_of = np.repeat(np.arange(len(starts)), lengths)
        order = np.lexsort((-values, run_of))
        groups = run_of[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = groups[1:] != groups[:-1]
        out[groups[first]] = order[first]
        return out
    maxima = np.maximum.reduceat(values, starts[filled])
    best = np.flatnonzero(values == np.repeat(maxima, lengths[filled]))
    groups = np.repeat(np.flatnonzero(filled), lengths[filled])[best]
    first = np.ones(len(best), dtype=bool)
    first[1:] = groups[1:] != groups[:-1]
    out[groups[first]] = best[first]
    return out


class CitingLookup:
    """One report's people, organisations, notes and statements by key, for citing a passage."""

    def __init__(self, report: Report):
        self.people: dict[str, Person] = {p.id: p for p in report.people}
        self.organisations: dict[str, Organisation] = {o.id: o for o in report.organisations}
        self.notes: dict[int, Note] = {}
        for note in report.notes:
            self.notes.setdefault(note.number, note)  # Report.note gives the first with a number
        self.statements: dict[str, list[Statement]] = defaultdict(list)
        for st in report.statements:
            self.statements[st.passage].append(st)
        # A note's speaker is the first person any of whose names folds to it.
        self.person_by_name: dict[str, Person] = {}
        for p in report.people:
            for name in [p.name, *p.aliases]:
                self.person_by_name.setdefault(fold(name), p)
        self.folded_roles = [(p, fold(p.role)) for p in report.people if p.role]
