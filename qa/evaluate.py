"""Evaluation: Hit@k, MRR@10 and not-found share on a question set, beside BM25, dense and naive-chunk baselines."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import bm25s
import numpy as np

from .encoder import encode_questions
from .errors import BadQuestionSet
from .index import CorpusIndex
from .text import fold_text, tokens

CHUNK_CHARS = 1000  # the naive baseline's chunk size: what most RAG tutorials build
MAX_PASSAGE_CHARS = 1200  # the contract's limit on a returned passage


@dataclass
class Question:
    """One evaluation question; an empty gold list means the corpus cannot answer it."""

    id: str
    question: str
    gold: list[str]
    extra: dict = field(default_factory=dict)


def load_questions(path: str | os.PathLike) -> list[Question]:
    """Read a JSON-lines question set of {"id", "question", "gold": [snippets]}; a list question has
    {"id", "question", "gold_set": [items]} instead: the whole set the answer must name."""
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise BadQuestionSet(f"no question set at {path}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            gold = raw["gold"] if "gold_set" not in raw else []
            if "gold_set" in raw and not isinstance(raw["gold_set"], list):
                raise TypeError("gold_set must be a list")
            if any(isinstance(g, dict) and "item" not in g for g in raw.get("gold_set", [])):
                raise TypeError('a gold item tied to a report is {"report", "item"}')
            q = Question(str(raw["id"]), str(raw["question"]), [str(g) for g in gold],
                         {k: v for k, v in raw.items() if k not in ("id", "question", "gold")})
        except (ValueError, KeyError, TypeError) as exc:
            raise BadQuestionSet(f"{path}:{n}: not a question line ({exc})") from exc
        out.append(q)
    if not out:
        raise BadQuestionSet(f"{path}: no questions")
    return out


def answers(text: str, gold: list[str]) -> bool:
    """Whether a returned text answers: after folding it contains a gold snippet, and it is citable in length."""
    if len(text) > MAX_PASSAGE_CHARS:
        return False
    folded = fold_text(text)
    return any(fold_text(g) in folded for g in gold)


@dataclass
class Scores:
    """The measures for one method on one question set."""

    method: str
    hit1: float
    hit3: float
    hit5: float
    mrr10: float
    not_found: float  # share of all questions answered "not found"
    unanswerable_caught: str  # "n/m" unanswerable questions answered "not found"
    answerable_refused: str  # "n/m" answerable questions answered "not found"
    answerable: int
    misses: list[str] = field(default_factory=list)  # ids of answerable questions not hit at 1
    uncaught: list[str] = field(default_factory=list)  # ids of unanswerable questions given an answer

    def row(self) -> str:
        """One line of the results table."""
        return (f"{self.method:<28} {self.hit1:6.3f} {self.hit3:6.3f} {self.hit5:6.3f} {self.mrr10:7.3f} "
                f"{self.not_found:9.3f}   {self.unanswerable_caught:>7} {self.answerable_refused:>7}")


@dataclass
class SetScores:
    """How well a system names the whole set that list questions ask for."""

    questions: int
    complete: int  # questions answered with every item and nothing else
    precision: float  # mean over questions: named items that are gold
    recall: float  # mean over questions: gold items that are named
    misses: list[str] = field(default_factory=list)  # ids of questions not answered completely

    def row(self) -> str:
        """One line: complete answers, mean set precision and recall."""
        return (f"list questions: {self.complete}/{self.questions} with every item and nothing else; "
                f"set precision {self.precision:.3f}, recall {self.recall:.3f}")


def score_sets(questions: list[Question], named: list[list], loaded: set[str] | None = None) -> SetScores:
    """Set precision and recall of each list question's named items against its gold set, after folding.
    A gold item may be a list of the names it goes by (["Metropolitan Police Authority", "MPA"]), and may be
    tied to one report ({"report": id, "item": name or names}) where a label recurs across reports
    ("Recommendation 1"). A named item is a label, or a (report, label) pair: only pairs meet tied gold items.
    loaded: the ids of the reports searched; a gold item tied to a report not among them is not asked for (a
    question that names no report is answered from every report loaded, and its gold set lists each one's items),
    and a question all of whose gold items are so, answered with nothing, is not counted."""
    complete, precision, recall, misses, asked = 0, 0.0, 0.0, [], 0
    for q, items in zip(questions, named):
        every = [_gold_item(g) for g in q.extra["gold_set"]]
        gold = [g for g in every if loaded is None or g[0] is None or g[0] in loaded]
        if every and not gold and not items:
            continue  # its items are all of reports not loaded, and nothing is named: not one for these reports
        asked += 1
        got = {(i[0], fold_text(i[1])) if isinstance(i, (tuple, list)) else (None, fold_text(i)) for i in items}

        def meets(item: tuple, g: tuple) -> bool:
            return item[1] in g[1] and (g[0] is None or g[0] == item[0])

        found = sum(1 for g in gold if any(meets(i, g) for i in got))
        right = sum(1 for i in got if any(meets(i, g) for g in gold))
        precision += right / len(got) if got else 0.0
        recall += found / len(gold) if gold else float(not got)
        if found == len(gold) and right == len(got):
            complete += 1
        else:
            misses.append(q.id)
    n = max(1, asked)
    return SetScores(asked, complete, precision / n, recall / n, misses)


def _gold_item(g) -> tuple[str | None, set[str]]:
    """A gold item as (report or None, its folded names)."""
    report, names = (g.get("report"), g["item"]) if isinstance(g, dict) else (None, g)
    return report, {fold_text(n) for n in (names if isinstance(names, list) else [names])}


@dataclass
class SpeakerScores:
    """Whether the answers name who said what: questions with a gold speaker whose answer lists that speaker."""

    questions: int
    named: int
    misses: list[str] = field(default_factory=list)  # "id: gold speaker, what the passage listed"

    def row(self) -> str:
        """One line: speakers named, n of m."""
        return f"speakers named: {self.named}/{self.questions}"


def score_speakers(questions: list[Question], returned: list[list[dict]],
                   same_speaker: Callable[[str, str], bool]) -> SpeakerScores:
    """For each question with a gold "speaker": the first returned passage that holds a gold snippet (the one the
    answer quotes when it is right at rank 1) must list that speaker among its `speakers`, as /api/ask gives them.
    The passage that holds the words is judged, not the first one cited, so a ranking miss (which Hit@1 already
    counts) is not counted twice; when no returned passage holds the words the speaker is not named."""
    asked = [(q, passages) for q, passages in zip(questions, returned) if q.extra.get("speaker")]
    named, misses = 0, []
    for q, passages in asked:
        gold = q.extra["speaker"]
        holder = next((p for p in passages[:10] if answers(p["text"], q.gold)), None)
        listed = [s["name"] for s in holder["speakers"]] if holder else []
        if holder and any(same_speaker(gold, name) for name in listed):
            named += 1
        else:
            where = f"{holder['id']} lists {'; '.join(listed) or 'no one'}" if holder else "no passage holds the words"
            misses.append(f"{q.id}: {gold} ({where})")
    return SpeakerScores(len(asked), named, misses)


def speaker_matcher(registry) -> Callable[[str, str], bool]:
    """Whether two speaker names name one speaker: the same after the registry's folding, or one entity of the
    registry by any of its names and aliases ("AC Rowley" and "Mark Rowley")."""
    from graph.entities import fold

    def same(gold: str, listed: str) -> bool:
        if fold(gold) == fold(listed):
            return True
        a, b = registry.lookup(gold), registry.lookup(listed)
        return a is not None and a is b

    return same


HEADER = (f"{'method':<28} {'Hit@1':>6} {'Hit@3':>6} {'Hit@5':>6} {'MRR@10':>7} {'not-found':>9}   "
          f"{'caught':>7} {'refused':>7}")


def score(method: str, questions: list[Question], ranked: list[list[str]], found: list[bool] | None = None) -> Scores:
    """Measures from each question's ranked texts; a "not found" answer to an answerable question is a miss."""
    found = found if found is not None else [True] * len(questions)
    answerable = [i for i, q in enumerate(questions) if q.gold]
    unanswerable = [i for i, q in enumerate(questions) if not q.gold]
    hits = {1: 0, 3: 0, 5: 0}
    rr = 0.0
    misses = []
    for i in answerable:
        rank = next((r for r, text in enumerate(ranked[i][:10], 1) if answers(text, questions[i].gold)), None)
        if not found[i]:
            rank = None
        for k in hits:
            hits[k] += rank is not None and rank <= k
        rr += 1.0 / rank if rank else 0.0
        if rank != 1:
            misses.append(questions[i].id)
    n = max(1, len(answerable))
    return Scores(method, hits[1] / n, hits[3] / n, hits[5] / n, rr / n,
                  sum(not f for f in found) / max(1, len(questions)),
                  f"{sum(not found[i] for i in unanswerable)}/{len(unanswerable)}",
                  f"{sum(not found[i] for i in answerable)}/{len(answerable)}", len(answerable), misses,
                  [questions[i].id for i in unanswerable if found[i]])


class Baselines:
    """The anchors every figure stands beside, on the same passages and the same model."""

    def __init__(self, index: CorpusIndex):
        self.index = index
        texts = [p.text for p in index.passages]
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokens(t) or ["_"] for t in texts], show_progress=False)
        self.bm25_vocab = set(self.bm25.vocab_dict)
        self.chunks = naive_chunks(index)
        self.chunk_vectors = index.cache.embed(self.chunks)

    def bm25_alone(self, question: str, k: int = 10) -> list[str]:
        """Plain BM25 over the passages."""
        known = [t for t in tokens(question) if t in self.bm25_vocab]
        if not known:
            return []
        scores = self.bm25.get_scores(known)
        return [self.index.passages[i].text for i in np.argsort(-scores, kind="stable")[:k]]

    def dense_alone(self, question: str, k: int = 10, vector: np.ndarray | None = None) -> list[str]:
        """Plain cosine between the question and each passage."""
        v = vector if vector is not None else encode_questions(self.index.encoder, [question])[0]
        return [self.index.passages[i].text for i in np.argsort(-(self.index.passage_vectors @ v), kind="stable")[:k]]

    def naive_chunks(self, question: str, k: int = 10, vector: np.ndarray | None = None) -> list[str]:
        """Cosine over fixed 1,000-character chunks of the reader text, as most RAG tutorials build."""
        v = vector if vector is not None else encode_questions(self.index.encoder, [question])[0]
        return [self.chunks[i] for i in np.argsort(-(self.chunk_vectors @ v), kind="stable")[:k]]


def naive_chunks(index: CorpusIndex, size: int = CHUNK_CHARS) -> list[str]:
    """Each report's passages joined in order, cut every `size` characters with no regard to sense."""
    out = []
    for rid in index.reports:
        text = "\n\n".join(p.text for p, inf in zip(index.passages, index.info) if inf.report == rid)
        out.extend(text[i:i + size] for i in range(0, len(text), size))
    return out


def evaluate(questions: list[Question], system: Callable[[str], tuple[list[str], bool]],
             index: CorpusIndex, method: str = "kgqa hybrid") -> list[Scores]:
    """The system's measures, then BM25 alone, dense alone and naive chunks, on the same questions."""
    ranked, found = [], []
    for q in questions:
        texts, ok = system(q.question)
        ranked.append(texts)
        found.append(ok)
    base = Baselines(index)
    # One question at a time, on the encoder's question path, as the service encodes them (an int8 model's vectors
    # depend on the batch they share: its activations are quantised per run).
    vectors = [encode_questions(index.encoder, [q.question])[0] for q in questions]
    return [
        score(method, questions, ranked, found),
        score("BM25 alone", questions, [base.bm25_alone(q.question) for q in questions]),
        score("dense alone", questions, [base.dense_alone(q.question, vector=v) for q, v in zip(questions, vectors)]),
        score("naive 1000-char chunks", questions,
              [base.naive_chunks(q.question, vector=v) for q, v in zip(questions, vectors)]),
    ]
