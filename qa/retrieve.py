"""Ranking: dense and BM25 scores fused, then guided by the question's entities, speakers and type, within filters."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable

import numpy as np

from .ann import ANN_FROM_SENTENCES, SEARCH_K, SEARCH_MAX_K, ExactCosines
from .bridge import bridged_terms, floor_for
from .encoder import encode_questions
from .errors import BadFilter
from .derived import best_in_runs
from .index import CorpusIndex
from .query import Query, analyse
from graph.entities import AGENCY_KINDS, fold as fold_name

from .text import fold_text, tokens


# Bounds are compared with this slack, far above float32 rounding of scores near 1, so rounding never leaves out a
# passage that belongs among the first ones.
BOUND_MARGIN = 1e-4
_NO_PASSAGES = np.zeros(0, dtype=np.int64)
# Below this many sentences, bounding the passages costs more than scoring every sentence (measured in one process,
# QA.ask with k 5, load 10: 499 sentences, 0.84 ms against 0.70 scoring all; 7,372: 1.81 against 1.97; 15,742:
# 2.64 against 3.15). The answers are the same either way.
PRUNE_FROM_SENTENCES = 4000


@dataclass(frozen=True)
class Weights:
    """The ranking's settings; the defaults are the ones chosen by measurement (see the README, "Question answering")."""

    fusion: str = "linear"  # linear (min-max normalised, weighted sum) | rrf (reciprocal rank)
    alpha: float = 0.3  # dense share of a linear fusion
    dense: str = "max"  # passage | sentence | max: the passage's own vector, its best sentence, or the larger
    expansion: float = 0.25  # weight of the BM25 score of the entity expansion beside the question's own
    entity: float = 0.15  # boost for naming the question's entities (scaled by the share named)
    speaker: float = 0.15  # boost for holding statements by, or notes citing, someone the question names
    qtype: float = 0.15  # boost for carrying what the question type wants (dates, numbers, speakers, …)
    sentence: float = 1.0  # weight of the passage's best sentence beside the passage-level fusion
    sentence_alpha: float = 0.5  # dense share of a sentence's score; the rest is its coverage of the question
    sentence_type: float = 0.15  # boost for a sentence that carries what the question type wants
    glossary: float = 0.3  # penalty for the acronym list unless the question asks what an acronym stands for
    # A list entry that quotes no one (a witness list) never holds what was said: when the question asks for that,
    # it goes below every passage that might (fused scores and boosts stay within about 1 of each other).
    listing: float = 1.0
    # Likewise a question that asks for a date ('When was X set up?') is not answered by a passage that names none,
    # in its text or its notes: such passages go below every passage that does.
    undated: float = 1.0
    # And what someone said ('What did X say about …') is not answered by a passage that neither quotes nor names X.
    unvoiced: float = 1.0
    # And a passage that only asks questions (a sub-heading 'Are Government policies evidence-based?') states no
    # answer: it goes below every passage that states something. Such a heading holds the question's words and
    # little else, so it tops both the fused score and the best sentence's (together up to about 2): 1 is not enough.
    asking: float = 2.0
    # And who said something ('Who said the hubs break down barriers?') is not answered by a passage that names no
    # one who could have: such passages go below every one that does.
    unnamed: float = 1.0
    dense_query: str = "label"  # what the model embeds beside the question: full | label | raw (see Query.dense_text)
    # The vocabulary bridge (qa/bridge.py): the weight, in a sentence's coverage of the question, of the report words
    # that stand in for a question's words the reports use in at most bridge_rare passages (0: never; bridge 0: no
    # bridge); bridge_cosine: how close they must be (None: the floor measured for the encoder; an encoder never
    # measured has no bridge). In coverage only: in BM25 too it lost as much as it won (see the README).
    bridge: float = 0.5
    bridge_rare: int = 0
    bridge_cosine: float | None = None
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
    order: list[int]  # passage indices, best first, within the filters: all of them, or the first `depth` (rank)
    # Every passage's score (-inf outside the filters). A ranking with a depth scores the passages that may be among
    # its first ones: the others are NaN here, and passage_score scores them on demand.
    score: np.ndarray
    dense: np.ndarray
    bm25: np.ndarray
    sentence_cos: np.ndarray  # cosine of every sentence in the index
    sentence_score: np.ndarray  # every scored sentence's answer score (dense, coverage and type cues); NaN: not scored
    sentence_coverage: np.ndarray  # every scored sentence's idf-weighted share of the question's words; NaN: not scored
    best_sentence: np.ndarray  # for every scored passage, the index of its best sentence (-1: none, or not scored)
    mask: np.ndarray = field(repr=False, default=None)
    # The reports within the filters that use every name the question uses (all of them when it uses none).
    knowing: set[str] = field(default_factory=set)
    # "hybrid" (dense and BM25), or "lexical" over an index without vectors (no dense score: every cosine is 0)
    mode: str = "hybrid"
    # Scores the passages a ranking with a depth left unscored (their score NaN), as the whole ranking scores them.
    rescore: Callable[[np.ndarray], np.ndarray] | None = field(default=None, repr=False)

    def passage_score(self, i: int) -> float:
        """Passage i's score, scored now if this ranking (one with a depth) left it out."""
        value = self.score[i]
        if np.isnan(value) and self.rescore is not None:
            value = self.rescore(np.array([i]))[0]
        return float(value)


class Retriever:
    """Hybrid, entity-guided ranking over one CorpusIndex."""

    def __init__(self, index: CorpusIndex, weights: Weights | None = None, prune_from: int = PRUNE_FROM_SENTENCES,
                 ann_from: int = ANN_FROM_SENTENCES, ann_k: int = SEARCH_K, ann_max_k: int = SEARCH_MAX_K):
        # prune_from: the fewest sentences an index needs for a ranking to a depth to leave passages unscored (below
        # it every passage is scored: the same answers, for less work on a small corpus). ann_from: the fewest for a
        # ranking to a depth to take its cosines from the ANN index's candidates (the ANN_FROM_SENTENCES setting);
        # ann_k: how many vectors it is first asked for, each way; ann_max_k: the most it is asked for the far side.
        self.index = index
        self.ann_k, self.ann_max_k = ann_k, ann_max_k
        self.weights = weights or Weights()
        self.prune_from = prune_from
        index.derived, index.question_matcher  # made now, at load, rather than on the first question
        # Loaded (or built) now too: before a fork, so that workers share it.
        self.ann = index.ann if index.dense and len(index.sentences) >= ann_from else None

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

    def rank(self, question: str, filters: Filters | None = None, query_vector: np.ndarray | None = None,
             depth: int | None = None) -> Ranking:
        """Score the passages for the question and order those within the filters: all of them, or (depth) the first
        depth of them, in the order the whole ranking gives them. With a depth, only the passages that may be among
        them have their sentences scored (see _candidates); every score that is given is the whole ranking's. Over a
        corpus of ann_from sentences or more, a ranking to a depth with no filter takes its cosines from the ANN
        index's candidates (see _rank_ann)."""
        ix, w = self.index, self.weights
        d = ix.derived
        keep = self.mask(filters)
        within = d.reports_within(keep)
        query = analyse(question, ix, within)
        floor = w.bridge_cosine if w.bridge_cosine is not None else floor_for(ix.model_name)
        if floor is not None and ix.dense:
            query.bridged = bridged_terms(ix, query, floor, w.bridge, w.bridge_rare)
        qv = None
        if ix.dense:
            qv = query_vector if query_vector is not None else encode_questions(ix.encoder, [query.dense_text(w.dense_query)])[0]
        bm25 = ix.bm25_scores(query.search_tokens)
        if query.entities or query.expanded:
            bm25 = bm25 + w.expansion * ix.bm25_scores(query.expansion_tokens)
        boosts = self._boosts(query)
        weighted = query.weighted_terms(w.expansion)
        rankable = d.rankable(keep)  # a repeat is left out only when the passage it repeats is within the filters
        knowing = d.reports_knowing(tokens(n) for n in query.names) & within
        # A name that only some reports use says which report the question is about: their passages go first
        # ('What did AC Rowley say …' is not answered from a report that never names him).
        first = np.isin(d.passage_report, [c for c, rid in enumerate(d.report_ids) if rid in knowing]) \
            if knowing and knowing != within else None
        if (self.ann is not None and qv is not None and depth is not None and keep.all() and w.fusion == "linear"
                and w.dense == "max"):
            found = self._rank_ann(query, qv, keep, bm25, boosts, weighted, rankable, knowing, first, depth)
            if found is not None:
                return found
        if qv is not None:
            sentence_cos = ix.sentence_vectors @ qv
            passage_cos = ix.passage_vectors @ qv
        else:  # lexical: a dense score of 0 everywhere scales to 0, so BM25, coverage and the boosts rank alone
            sentence_cos = np.zeros(len(ix.sentences), dtype=np.float32)
            passage_cos = np.zeros(len(ix.passages), dtype=np.float32)
        best_cos = d.best_value_by_passage(sentence_cos, -1.0)
        dense = {"passage": passage_cos, "sentence": best_cos, "max": np.maximum(passage_cos, best_cos)}[w.dense]
        # Every kept sentence's cosine is scaled by the lowest and highest of them, scored or not.
        cos_range = _range(sentence_cos, None if keep.all() else keep[ix.sentence_passage])
        fused = self._fuse(dense, bm25, keep)
        score_of = partial(self._score_passages, query, keep, sentence_cos, cos_range, weighted, fused, boosts)
        scored = None if depth is None else self._candidates(query, weighted, fused, fused, boosts, best_cos, best_cos,
                                                             cos_range, rankable, first, depth)
        n = len(ix.passages)
        if scored is None:  # every passage
            score, rows, sentence_score, coverage, best = score_of(np.arange(n))
            ranked = np.argsort(-score, kind="stable")
            ranked = ranked[rankable[ranked]]
            if first is not None:
                ahead = first[ranked]
                ranked = np.concatenate([ranked[ahead], ranked[~ahead]])
            if depth is not None:
                ranked = ranked[:depth]
            return Ranking(query, qv, ranked.tolist(), score, dense, bm25, sentence_cos, sentence_score, coverage,
                           best, keep, knowing, "hybrid" if ix.dense else "lexical", None)
        return self._ranked(query, qv, scored, score_of, keep, rankable, first, depth, dense, bm25, sentence_cos,
                            knowing, lambda passages: score_of(passages)[0])

    def _ranked(self, query: Query, qv, scored: np.ndarray, score_of, keep: np.ndarray, rankable: np.ndarray,
                first: np.ndarray | None, depth: int, dense: np.ndarray, bm25: np.ndarray, sentence_cos: np.ndarray,
                knowing: set[str], rescore) -> Ranking:
        """The ranking to a depth that scores only the passages in scored (ascending): their scores, sentences and
        order; the other passages' scores are NaN (rescore gives them)."""
        ix = self.index
        n, m = len(ix.passages), len(ix.sentences)
        part, rows, sentence_score, coverage, best = score_of(scored)
        score = np.full(n, np.nan, dtype=np.float32)
        score[~keep] = -np.inf
        score[scored] = part
        sentence_score_all = np.full(m, np.nan, dtype=np.float32)
        sentence_score_all[rows] = sentence_score
        coverage_all = np.full(m, np.nan, dtype=np.float32)
        coverage_all[rows] = coverage
        best_sentence = np.full(n, -1, dtype=np.int64)
        best_sentence[scored] = best
        ranked = scored[np.argsort(-part, kind="stable")]
        ranked = ranked[rankable[ranked]]
        if first is not None:
            ahead = first[ranked]
            ranked = np.concatenate([ranked[ahead], ranked[~ahead]])
        ranked = ranked[:depth]
        return Ranking(query, qv, ranked.tolist(), score, dense, bm25, sentence_cos, sentence_score_all, coverage_all,
                       best_sentence, keep, knowing, "hybrid" if ix.dense else "lexical", rescore)

    def _rank_ann(self, query: Query, qv: np.ndarray, keep: np.ndarray, bm25: np.ndarray, boosts: np.ndarray,
                  weighted: dict, rankable: np.ndarray, knowing: set[str], first: np.ndarray | None,
                  depth: int) -> Ranking | None:
        """The ranking to a depth, with exact cosines for only the passages that may be among the first ones: None
        when the ANN index's answers leave the highest sentence cosine unsettled (the caller then computes every one).

        The ANN index gives the vectors nearest the question (every other vector is at most as close as the farthest
        of them, t) and those farthest from it; their passages' cosines are computed exactly. The lowest and highest
        dense scores and sentence cosines, which scale every score, are taken among the computed ones: the highest
        is exact when the nearest vector is among them; the lowest is the farthest found (a graph search reaches
        the far side of the corpus less surely: the one approximation besides recall), asking for more of them
        while a passage not found could still score lower (at most ann_max_k: past it, the lowest found stands,
        uncertain). Every other passage's dense
        score and closest sentence's cosine is at most t; _candidates bounds each passage as it does with every
        cosine known, and each passage it chooses that has no cosine yet gets them, until every passage it chooses
        is known (its choice then rests on exact lower bounds and on upper bounds that hold). So when the ANN index
        returns the true nearest vectors and the true farthest one, every score is the exact ranking's."""
        ix, w, ann = self.index, self.weights, self.ann
        cos = ExactCosines(ix, qv)
        near = ann.search(qv, self.ann_k)
        cos.ensure_ids(near, ann.n_passages)
        t = float(cos.values(near, ann.n_passages).min())
        k = self.ann_k
        while True:  # farther vectors, until the lowest cosines found are no higher than every vector not found
            far = ann.search(-qv, k)
            cos.ensure_ids(far, ann.n_passages)
            b = min(float(cos.values(far, ann.n_passages).max()), t)
            lo_d, lo_s = float(np.nanmin(cos.dense)), float(np.nanmin(cos.sentence))
            if (lo_d <= b and lo_s <= b) or k >= self.ann_max_k or len(far) < k:
                break
            k *= 2
        hi_d, hi_s = float(np.nanmax(cos.dense)), float(np.nanmax(cos.sentence))
        if hi_s < t:  # the nearest vectors were all passages: the highest sentence cosine is not settled
            return None
        cos_range = (lo_s, hi_s)
        lexical = (1 - w.alpha) * _minmax(bm25, keep)

        def fuse(dense: np.ndarray, at: np.ndarray | None = None) -> np.ndarray:
            """The fused score of every passage with these dense scores (or of the passages at)."""
            return w.alpha * _scaled(dense, lo_d, hi_d) + (lexical if at is None else lexical[at])

        while True:
            known = cos.known
            fused_lo = fuse(np.where(known, cos.dense, np.float32(b)))
            fused_hi = fuse(np.where(known, cos.dense, np.float32(t)))
            scored = self._candidates(query, weighted, fused_lo, fused_hi, boosts,
                                      np.where(known, cos.best, np.float32(b)),
                                      np.where(known, cos.best, np.float32(t)), cos_range, rankable, first, depth,
                                      any_size=True)
            if scored is None:
                return None
            if not len(cos.ensure(scored)):
                break
        fused = fuse(cos.dense)  # NaN where no cosine was computed

        def rescore(passages: np.ndarray) -> np.ndarray:
            new = cos.ensure(passages)
            fused[new] = fuse(cos.dense[new], new)
            return score_of(passages)[0]

        score_of = partial(self._score_passages, query, keep, cos.sentence, cos_range, weighted, fused, boosts)
        return self._ranked(query, qv, scored, score_of, keep, rankable, first, depth, cos.dense, bm25, cos.sentence,
                            knowing, rescore)

    def _score_passages(self, query: Query, keep: np.ndarray, sentence_cos: np.ndarray, cos_range, weighted: dict,
                        fused: np.ndarray, boosts: np.ndarray, passages: np.ndarray):
        """The scores of these passages (ascending indices), from their sentences: (scores, the sentences' indices,
        their answer scores, their coverage, each passage's best sentence or -1). Each value is what scoring every
        passage gives: every step is element by element, in the same order."""
        ix, w = self.index, self.weights
        d = ix.derived
        whole = len(passages) == len(ix.passages)
        if whole:
            rows, starts, ends = None, d.sentence_start, d.sentence_end
        else:
            rows, starts, ends = d.runs(passages)
        coverage = self._entity_coverage(query, ix.coverage(weighted, rows), rows)
        sentence_score = self._sentence_scores(query, sentence_cos if rows is None else sentence_cos[rows], coverage,
                                               cos_range, rows)
        best = best_in_runs(sentence_score, starts, ends)
        top = np.where(best >= 0, sentence_score[np.maximum(best, 0)], 0.0) if len(sentence_score) else \
            np.zeros(len(passages), dtype=np.float32)
        score = fused[passages] + w.sentence * top + boosts[passages]
        score = np.where(keep[passages], score, -np.inf)
        if rows is not None:
            best = np.where(best >= 0, rows[np.maximum(best, 0)], -1)
        return score, (np.arange(len(ix.sentences)) if rows is None else rows), sentence_score, coverage, best

    def _candidates(self, query: Query, weighted: dict, fused_lo: np.ndarray, fused_hi: np.ndarray, boosts: np.ndarray,
                    best_lo: np.ndarray, best_hi: np.ndarray, cos_range, rankable: np.ndarray,
                    first: np.ndarray | None, depth: int, any_size: bool = False) -> np.ndarray | None:
        """The passages that may be among the first `depth` of the ranking (ascending), or None to score them all.

        A passage's score is its fused score and boosts (known for every passage) plus its best sentence's score,
        which lies between two bounds made without scoring any sentence: at least the dense part of its closest
        sentence (coverage and cues are never negative), at most that plus the coverage its sentences' words could
        give together (and the entities' other names) and its sentences' best cue. The depth-th largest lower bound
        is a score some depth passages reach, so a passage whose upper bound is below it cannot be among them. The
        fused score and the closest sentence's cosine are given as bounds (the same array twice when known). any_size:
        bound however few sentences the index has (a ranking from the ANN index always needs the bounds)."""
        ix, w = self.index, self.weights
        d = ix.derived
        if (min(w.sentence, w.sentence_alpha, 1 - w.sentence_alpha, w.sentence_type) < 0 or depth >= rankable.sum()
                or (len(ix.sentences) < self.prune_from and not any_size)):
            return None
        lo, hi = cos_range if cos_range else (0.0, 0.0)
        near_lo, near_hi = ((best.astype(np.float64) - lo) / (hi - lo) if hi > lo else np.zeros(len(best))
                            for best in (best_lo, best_hi))
        # What the question's words could give: every term any sentence of the passage holds.
        reach = np.zeros(len(ix.passages))
        vector, total = ix.coverage_weights(weighted)
        if vector is not None:
            for col in {ix.term_id[t] for t in weighted if t in ix.term_id}:
                reach[d.term_passages(col)] += float(vector[col])
            reach /= max(total, 1e-6)
        asked = dict.fromkeys(query.coverage_terms())
        own_total = sum(ix.idf.get(t, d.max_idf) for t in asked)
        if own_total:  # a sentence naming an entity of the question covers its words (see _entity_coverage)
            speakers = {e.key for e in query.speakers}
            for e in query.entities + query.expanded:
                named = d.entity_tokens(e)
                gain = sum(ix.idf[t] for t in asked if t in named and t in ix.term_id)
                if gain:
                    at = d.entity_passages.get(e.key, _NO_PASSAGES)
                    if e.key in speakers:  # a speaker's quotes cover their name too (see _entity_coverage)
                        at = np.union1d(at, d.quoted_passages(e.key))
                    reach[at] += gain / own_total
        names = _cue_names(query.types)
        cue = sum(d.passage_cues[c] for c in names) / len(names) if names else 0.0
        lower = w.sentence_alpha * near_lo
        upper = w.sentence_alpha * near_hi + (1 - w.sentence_alpha) * np.minimum(1.0, reach) + w.sentence_type * cue
        lower = fused_lo + boosts + w.sentence * np.where(d.no_sentence, 0.0, lower)  # no sentence: that part is 0
        upper = fused_hi + boosts + w.sentence * np.where(d.no_sentence, 0.0, upper)
        if not (np.isfinite(lower).all() and np.isfinite(upper).all()):
            return None
        chosen = np.zeros(len(ix.passages), dtype=bool)
        need = depth
        for pool in ([rankable & first, rankable & ~first] if first is not None else [rankable]):
            members = np.flatnonzero(pool)
            if len(members) <= need:
                chosen[members] = True
                need -= len(members)
                continue
            floor = np.partition(lower[members], len(members) - need)[len(members) - need]
            chosen[members[upper[members] >= floor - BOUND_MARGIN]] = True
            break
        return np.flatnonzero(chosen)

    def _entity_coverage(self, query: Query, coverage: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Coverage where a sentence names an entity of the question by another of its names: 'CSE' covers the
        words 'child sexual exploitation' of the question, as if it held them (a name is one thing, not the words
        of one of its forms). Only the question's own words are credited: crediting the other names' expansion
        terms too lifted every sentence naming 'the Met' over one that says 'It' (measured: own set, four reports,
        Hit@1 0.933 against 0.921). coverage is of every sentence, or of those in rows (ascending)."""
        ix = self.index
        asked = dict.fromkeys(query.coverage_terms())
        total = sum(ix.idf.get(t, ix.derived.max_idf) for t in asked)  # as qa.index.coverage counts the question
        if not total or (rows is not None and not len(rows)):
            return coverage
        out = coverage.copy()
        # Whose words the question asks for are theirs however they are quoted: a sentence of a passage holding the
        # speaker's statement covers their name (the quote after 'George Eustice, Minister at DEFRA, said:').
        speakers = {e.key for e in query.speakers}
        for e in query.entities + query.expanded:
            named = ix.derived.entity_tokens(e)
            own = [t for t in asked if t in named and t in ix.term_id]
            quoted = e.key in speakers
            sentences = ix.derived.entity_sentences(e.key, quoted) if own else None
            if sentences is None or not sentences.size:
                continue
            weights = np.zeros(len(ix.term_id), dtype=np.float32)
            weights[[ix.term_id[t] for t in own]] = [ix.idf[t] for t in own]
            held = ix.derived.entity_sentence_terms(e.key, quoted) @ weights  # what the sentence already gets for those words
            at = sentences
            if rows is not None:  # the entity's sentences among rows, by their place in rows
                at = np.minimum(np.searchsorted(rows, sentences), len(rows) - 1)
                hit = rows[at] == sentences
                at, held = at[hit], held[hit]
            out[at] = np.minimum(1.0, out[at] + (weights.sum() - held) / total)
        return out

    def _sentence_scores(self, query: Query, cos: np.ndarray, coverage: np.ndarray, cos_range,
                         rows: np.ndarray | None = None) -> np.ndarray:
        """Each sentence's fitness as an answer (of every sentence, or of those in rows): its meaning (its cosine scaled
        by cos_range, the kept sentences' lowest and highest), its coverage of the question's words, its cues."""
        ix, w = self.index, self.weights
        lo, hi = cos_range if cos_range else (0.0, 0.0)
        scaled = (cos - lo) / (hi - lo) if hi > lo else np.zeros_like(cos)
        score = w.sentence_alpha * scaled + (1 - w.sentence_alpha) * coverage
        cues = [ix.sentence_cues[c] if rows is None else ix.sentence_cues[c][rows] for c in _cue_names(query.types)]
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
            for hits in (d.passages_with(d.voice_passages, speakers)
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
        if "date" in query.types:
            out[~d.dated_or_noted] -= np.float32(w.undated)
        out[d.asks_only] -= np.float32(w.asking)
        if "who" in query.types and "said" in query.types:
            out[~d.names_speaker] -= np.float32(w.unnamed)
        if query.voices:  # what X said is in a passage of X's words, or one that names X; another's words are no answer
            voiced = np.zeros(len(ix.passages), dtype=bool)
            keys = {e.key for e in query.voices}
            for hits in (d.passages_with(d.voice_passages, keys) + d.passages_with(d.entity_passages, keys)
                         + d.passages_with(d.speaker_name_passages, {fold_name(f) for e in query.voices for f in e.forms()})):
                voiced[hits] = True
            out[~voiced] -= np.float32(w.unvoiced)
        return out


def _cue_names(types: set[str]) -> list[str]:
    """The answer cues (qa.index sentence_cues) the question type wants a sentence to carry."""
    out = []
    if "who" in types or "said" in types:
        out.append("attributed")
    if "when" in types:
        out.append("dated")
    if "quantity" in types:  # a sum of money, a count, or any quantity
        out.append("money" if "money" in types else "count" if "count" in types else "quantity")
    if "reason" in types:
        out.append("reason")
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
        kind = "money" if "money" in types else "count" if "count" in types else None
        fits.append((d.passage_cues[kind] > 0).astype(np.float64) if kind else d.has_quantities.astype(np.float64))
    if "reason" in types:
        fits.append(d.passage_cues["reason"].astype(np.float64))
    if "recommendation" in types:
        fits.append(d.recommendation.astype(np.float64))
    if not fits:
        return None
    total = fits[0].copy()
    for f in fits[1:]:
        total += f
    return total / len(fits)


def _range(x: np.ndarray, keep: np.ndarray | None) -> tuple[float, float] | None:
    """The lowest and highest of x over the kept entries (keep None: every entry); None when none is kept."""
    if keep is not None and not keep.all():
        if not keep.any():
            return None
        x = x[keep]
    return (float(x.min()), float(x.max())) if len(x) else None


def _minmax(x: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """x scaled to 0..1 over the kept entries."""
    kept = _range(x, keep)
    if kept is None:
        return np.zeros_like(x)
    return _scaled(x, *kept)


def _scaled(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """x scaled by the lowest and highest values lo and hi (0 everywhere when they are equal)."""
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)
