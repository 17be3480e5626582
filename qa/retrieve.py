"""Ranking: dense and BM25 scores fused, then guided by the question's entities, speakers and type, within filters."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .encoder import encode_questions
from .errors import BadFilter
from .index import CorpusIndex
from .query import Query, analyse
from graph.entities import AGENCY_KINDS, fold as fold_name

from .text import fold_text, tokens


@dataclass(frozen=True)
class Weights:
    """The ranking's settings; the defaults are the ones chosen by measurement (see the README, "Question answering")."""

    fusion: str = "linear"  # linear (min-max normalised, weighted sum) | rrf (reciprocal rank)
    alpha: float = 0.3  # dense share of a linear fusion
    dense: str = "max"  # passage | sentence | max: the passage's own vector, its best sentence, or the larger
    expansion: float = 0.25  # weight of the BM25 score of the entity expansion beside the question's own
    entity: float = 0.1  # boost for naming the question's entities (scaled by the share named)
    speaker: float = 0.15  # boost for holding statements by, or notes citing, someone the question names
    qtype: float = 0.15  # boost for carrying what the question type wants (dates, numbers, speakers, …)
    sentence: float = 1.0  # weight of the passage's best sentence beside the passage-level fusion
    sentence_alpha: float = 0.5  # dense share of a sentence's score; the rest is its coverage of the question
    sentence_type: float = 0.15  # boost for a sentence that carries what the question type wants
    glossary: float = 0.3  # penalty for the acronym list unless the question asks what an acronym stands for
    # A list entry that quotes no one (a witness list) never holds what was said: when the question asks for that,
    # it goes below every passage that might (fused scores and boosts stay within about 1 of each other).
    listing: float = 1.0
    dense_query: str = "label"  # what the model embeds beside the question: full | label | raw (see Query.dense_text)
    rrf_k: int = 60


@dataclass
class Filters:
    """Restrict the search; each given filter must hold. Values are ids or (part of) names."""

    report: str | None = None
    section: str | None = None
    speaker: str | None = None
    entity: str | None = None
    source_kind: str | None = None

    def given(self) -> dict[str, str]:
        """The filters that are set."""
        return {k: v for k, v in vars(self).items() if v}


@dataclass
class Ranking:
    """The outcome of one search: the analysed question and every passage's scores."""

    query: Query
    query_vector: np.ndarray
    order: list[int]  # passage indices, best first, within the filters
    score: np.ndarray
    dense: np.ndarray
    bm25: np.ndarray
    sentence_cos: np.ndarray  # cosine of every sentence in the index
    sentence_score: np.ndarray  # every sentence's answer score (dense, coverage and type cues)
    sentence_coverage: np.ndarray  # every sentence's idf-weighted share of the question's words
    best_sentence: np.ndarray  # for every passage, the index of its best sentence
    mask: np.ndarray = field(repr=False, default=None)
    # The reports within the filters that use every name the question uses (all of them when it uses none).
    knowing: set[str] = field(default_factory=set)
    # "hybrid" (dense and BM25), or "lexical" over an index without vectors (no dense score: every cosine is 0)
    mode: str = "hybrid"


class Retriever:
    """Hybrid, entity-guided ranking over one CorpusIndex."""

    def __init__(self, index: CorpusIndex, weights: Weights | None = None):
        self.index = index
        self.weights = weights or Weights()
        index.derived, index.question_matcher  # made now, at load, rather than on the first question

    def mask(self, filters: Filters | None) -> np.ndarray:
        """Which passages pass the filters; a filter that matches nothing in the corpus is an error."""
        ix = self.index
        keep = np.ones(len(ix.passages), dtype=bool)
        if not filters:
            return keep
        for name, value in filters.given().items():
            test = getattr(self, f"_filter_{name}")(value)
            hits = np.array([test(i) for i in range(len(ix.passages))], dtype=bool)
            if not hits.any():
                raise BadFilter(f"no passage matches {name.replace('_', ' ')} {value!r}")
            keep &= hits
        return keep

    def _filter_report(self, value: str):
        value = fold_text(value)
        ids = {rid for rid in self.index.reports if fold_text(rid) == value or value in fold_text(rid)}
        return lambda i: self.index.info[i].report in ids

    def _filter_section(self, value: str):
        ix, value = self.index, fold_text(value)
        return lambda i: fold_text(ix.passages[i].section) == value or value in fold_text(ix.info[i].section_title)

    def _entities_named(self, value: str) -> list:
        """The registry's entities a filter value names: the one it resolves to, else those named in it."""
        ix = self.index
        found = ix.registry.lookup(value)
        return [found] if found is not None and found.mentionable else ix.question_matcher.entities(value)

    def _filter_speaker(self, value: str):
        ix, name = self.index, fold_name(value)
        keys = {e.key for e in self._entities_named(value) if e.kind == "person" or e.kind in AGENCY_KINDS}
        return lambda i: bool(ix.info[i].speakers & keys) or any(name in n for n in ix.info[i].speaker_names)

    def _filter_entity(self, value: str):
        ix, text = self.index, fold_text(value)
        keys = {e.key for e in self._entities_named(value)}
        return lambda i: bool(ix.info[i].entities & keys) if keys else text in fold_text(ix.passages[i].text)

    def _filter_source_kind(self, value: str):
        value = fold_text(value)
        return lambda i: any(value == fold_text(k) for k in self.index.info[i].source_kinds)

    def rank(self, question: str, filters: Filters | None = None, query_vector: np.ndarray | None = None) -> Ranking:
        """Score every passage for the question and order those within the filters."""
        ix, w = self.index, self.weights
        d = ix.derived
        keep = self.mask(filters)
        within = d.reports_within(keep)
        query = analyse(question, ix, within)
        if ix.dense:
            qv = query_vector if query_vector is not None else encode_questions(ix.encoder, [query.dense_text(w.dense_query)])[0]
            sentence_cos = ix.sentence_vectors @ qv
            passage_cos = ix.passage_vectors @ qv
        else:  # lexical: a dense score of 0 everywhere scales to 0, so BM25, coverage and the boosts rank alone
            qv = None
            sentence_cos = np.zeros(len(ix.sentences), dtype=np.float32)
            passage_cos = np.zeros(len(ix.passages), dtype=np.float32)
        best_cos = d.best_value_by_passage(sentence_cos, -1.0)
        dense = {"passage": passage_cos, "sentence": best_cos, "max": np.maximum(passage_cos, best_cos)}[w.dense]
        bm25 = ix.bm25_scores(query.tokens)
        if query.entities or query.expanded:
            bm25 = bm25 + w.expansion * ix.bm25_scores(query.expansion_tokens)
        coverage = self._entity_coverage(query, ix.coverage(query.weighted_terms(w.expansion)))
        sentence_score = self._sentence_scores(query, sentence_cos, coverage, keep)
        best_sentence = d.best_by_passage(sentence_score)
        best = np.where(best_sentence >= 0, sentence_score[np.maximum(best_sentence, 0)], 0.0)
        score = self._fuse(dense, bm25, keep) + w.sentence * best + self._boosts(query)
        score = np.where(keep, score, -np.inf)
        # A repeat is left out only when the passage it repeats is within the filters.
        ranked = np.argsort(-score, kind="stable")
        ranked = ranked[d.rankable(keep)[ranked]]
        knowing = d.reports_knowing(tokens(n) for n in query.names) & within
        if knowing and knowing != within:
            # A name that only some reports use says which report the question is about: their passages go
            # first ('What did AC Rowley say …' is not answered from a report that never names him).
            codes = [c for c, rid in enumerate(d.report_ids) if rid in knowing]
            first = np.isin(d.passage_report[ranked], codes)
            ranked = np.concatenate([ranked[first], ranked[~first]])
        return Ranking(query, qv, ranked.tolist(), score, dense, bm25, sentence_cos, sentence_score, coverage,
                       best_sentence, keep, knowing, "hybrid" if ix.dense else "lexical")

    def _entity_coverage(self, query: Query, coverage: np.ndarray) -> np.ndarray:
        """Coverage where a sentence names an entity of the question by another of its names: 'CSE' covers the
        words 'child sexual exploitation' of the question, as if it held them (a name is one thing, not the words
        of one of its forms). Only the question's own words are credited: crediting the other names' expansion
        terms too lifted every sentence naming 'the Met' over one that says 'It' (measured: own set, four reports,
        Hit@1 0.933 against 0.921)."""
        ix = self.index
        asked = dict.fromkeys(query.coverage_terms())
        total = sum(ix.idf.get(t, ix.derived.max_idf) for t in asked)  # as qa.index.coverage counts the question
        if not total:
            return coverage
        out = coverage.copy()
        for e in query.entities + query.expanded:
            named = {t for f in e.forms() for t in tokens(f)}
            own = [t for t in asked if t in named and t in ix.term_id]
            sentences = ix.derived.entity_sentences(e.key) if own else None
            if sentences is None or not sentences.size:
                continue
            weights = np.zeros(len(ix.term_id), dtype=np.float32)
            weights[[ix.term_id[t] for t in own]] = [ix.idf[t] for t in own]
            held = ix.sentence_terms[sentences] @ weights  # what the sentence already gets for those words
            out[sentences] = np.minimum(1.0, out[sentences] + (weights.sum() - held) / total)
        return out

    def _sentence_scores(self, query: Query, cos: np.ndarray, coverage: np.ndarray, keep: np.ndarray) -> np.ndarray:
        """Each sentence's fitness as an answer: its meaning, its coverage of the question's words, its cues."""
        ix, w = self.index, self.weights
        kept = keep[ix.sentence_passage]
        score = w.sentence_alpha * _minmax(cos, kept) + (1 - w.sentence_alpha) * coverage
        cues = _sentence_cues(query.types, ix.sentence_cues)
        if cues:
            score = score + w.sentence_type * sum(cues) / len(cues)
        return score.astype(np.float32)

    def _fuse(self, dense: np.ndarray, bm25: np.ndarray, keep: np.ndarray) -> np.ndarray:
        w = self.weights
        if w.fusion == "rrf":
            out = np.zeros(len(dense), dtype=np.float32)
            for scores in (dense, bm25):
                ranks = np.empty(len(scores), dtype=np.int64)
                ranks[np.argsort(-np.where(keep, scores, -np.inf), kind="stable")] = np.arange(len(scores))
                out += (w.rrf_k + 1) / (w.rrf_k + 1 + ranks)  # scaled so rank 1 scores 1 in each list
            return out / 2
        return w.alpha * _minmax(dense, keep) + (1 - w.alpha) * _minmax(bm25, keep)

    def _boosts(self, query: Query) -> np.ndarray:
        # Added in float32 term by term, in the order (and so with the rounding) of a loop over the passages.
        ix, w = self.index, self.weights
        d = ix.derived
        out = np.zeros(len(ix.passages), dtype=np.float32)
        wanted = {e.key for e in query.entities + query.expanded}
        if wanted:
            named = np.zeros(len(ix.passages), dtype=np.int64)
            for hits in d.passages_with(d.entity_passages, wanted):
                named[hits] += 1
            out += (w.entity * named / len(wanted)).astype(np.float32)
        speakers = {e.key for e in query.speakers}
        if speakers:
            quoted = np.zeros(len(ix.passages), dtype=bool)
            for hits in (d.passages_with(d.speaker_passages, speakers)
                         + d.passages_with(d.speaker_name_passages, {fold_name(f) for e in query.speakers for f in e.forms()})):
                quoted[hits] = True
            out[quoted] += np.float32(w.speaker)
        fit = _type_fit(query.types, d)
        if fit is not None:
            out += (w.qtype * fit).astype(np.float32)
        if "define" not in query.types:
            out[d.glossary] = np.float32(0.0) - np.float32(w.glossary)
        if "said" in query.types:  # what someone said is in their words, not in the list that names them
            out[d.bare_listing] -= np.float32(w.listing)
        return out


def _sentence_cues(types: set[str], cues: dict[str, np.ndarray]) -> list[np.ndarray]:
    """For each thing the question type wants, which sentences carry it (1) or not (0)."""
    out = []
    if "who" in types or "said" in types:
        out.append(cues["attributed"])
    if "when" in types:
        out.append(cues["dated"])
    if "quantity" in types:
        out.append(cues["quantity"])
    if "reason" in types:
        out.append(cues["reason"])
    return out


def _type_fit(types: set[str], d) -> np.ndarray | None:
    """For every passage, the share of what the question type wants that it carries; None when it wants nothing."""
    fits = []
    if "who" in types:
        fits.append(np.where(d.has_person_statements, 1.0, np.where(d.has_statements, 0.5, 0.0)))
    if "said" in types:
        fits.append(d.has_statements.astype(np.float64))
    if "when" in types:
        fits.append(d.dated.astype(np.float64))
    if "quantity" in types:
        fits.append(d.has_quantities.astype(np.float64))
    if "recommendation" in types:
        fits.append(d.recommendation.astype(np.float64))
    if not fits:
        return None
    total = fits[0].copy()
    for f in fits[1:]:
        total += f
    return total / len(fits)


def _minmax(x: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """x scaled to 0..1 over the kept entries."""
    if not keep.any():
        return np.zeros_like(x)
    lo, hi = float(x[keep].min()), float(x[keep].max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
