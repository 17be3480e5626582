"""A ranking with a depth scores the sentences of only the passages that may be among its first ones; what it gives is
the whole ranking's: the same first passages in the same order, the same scores, the same answer."""
from __future__ import annotations

import numpy as np
import pytest

from qa.encoder import HashingEncoder
from qa.evaluate import load_questions
from qa.retrieve import Filters, Retriever
from qa.service import QA

from conftest_qa import DATA, QUESTION_SETS

FILTERS = [None, Filters(speaker="Rowley"), Filters(source_kind="transcript"), Filters(section="Recommendations")]


class WholeRetriever(Retriever):
    """Ranks every passage whatever depth it is asked for: the ranking as it was before depths."""

    def rank(self, question, filters=None, query_vector=None, depth=None):
        """The whole ranking."""
        return super().rank(question, filters, query_vector)


def questions() -> list[str]:
    """Every question of the shipped sets that the bundled report is asked."""
    return [q.question for p in [*QUESTION_SETS, DATA / "list_questions.jsonl"] for q in load_questions(p)]


def same_start(whole, part, depth: int) -> None:
    """part, ranked to depth, starts as whole does: passages, scores, their best sentences and those sentences' scores."""
    first = whole.order[:depth]
    assert part.order == first
    assert np.array_equal(part.score[first], whole.score[first])
    for i in first:
        assert part.passage_score(i) == float(whole.score[i])
        assert part.best_sentence[i] == whole.best_sentence[i]
    for j in range(len(whole.sentence_score)):
        if not np.isnan(part.sentence_score[j]):
            assert part.sentence_score[j] == whole.sentence_score[j]
            assert part.sentence_coverage[j] == whole.sentence_coverage[j]


@pytest.fixture(scope="module")
def pruning_qa(fake_qa):
    """The service over the bundled report, leaving passages unscored however small the corpus is."""
    qa = QA.from_index(fake_qa.index, graph=fake_qa.graph)
    qa.retriever = Retriever(fake_qa.index, prune_from=0)
    return qa


@pytest.mark.parametrize("depth", [3, 10])
def test_a_ranking_to_a_depth_starts_as_the_whole_ranking(pruning_qa, depth):
    retriever, pruned = pruning_qa.retriever, 0
    for question in questions():
        for filters in FILTERS:
            whole = retriever.rank(question, filters)
            part = retriever.rank(question, filters, depth=depth)
            same_start(whole, part, depth)
            pruned += bool(np.isnan(part.score).any())
            # a passage left unscored is scored on demand as the whole ranking scores it (graph answers cite any)
            for i in np.flatnonzero(np.isnan(part.score))[:3]:
                assert part.passage_score(int(i)) == float(whole.score[i])
    assert pruned > len(questions())  # most rankings left passages unscored: the test compares real prunings


def test_the_answers_are_the_whole_rankings(pruning_qa):
    """What /api/ask returns is the same with rankings to a depth as with whole rankings, k 1 to 20, filtered or not."""
    whole = QA.from_index(pruning_qa.index, graph=pruning_qa.graph)
    whole.retriever = WholeRetriever(pruning_qa.index)
    for question in questions():
        for k in (1, 5, 20):
            for filters in ({}, {"speaker": "Rowley"}):
                got, want = pruning_qa.ask(question, k=k, **filters), whole.ask(question, k=k, **filters)
                got.pop("took_ms"), want.pop("took_ms")
                assert got == want, (question, k, filters)


REPORT = """Introduction

The Harbour Board runs the ferries between the islands and the mainland. It meets four times a year and publishes its \
accounts each spring.

Ferries

The Harbour Board said the ferries carried more passengers than ever. The board said the ferries were late. \
Timetables were changed in the winter. Piers were repaired in the summer. Crews were hired in the autumn.

The new night ferry to the north island was cancelled in 2022 because the engines of the old boat failed.

Fares

Fares rose in 2021. Fares fell in 2023. The Harbour Board said fares would be frozen.
"""


def test_a_passage_that_wins_by_its_best_sentence_is_kept(tmp_path):
    """The night-ferry passage answers by one sentence that holds every word of the question; with a depth of one
    it is still the first, as in the whole ranking, whatever its fused score."""
    from ingest.store import ingest_file

    (tmp_path / "harbour.txt").write_text(REPORT, encoding="utf-8")
    qa = QA([ingest_file(tmp_path / "harbour.txt")], HashingEncoder(), cache_dir=tmp_path / "cache")
    qa.retriever = Retriever(qa.index, prune_from=0)
    for question in ["Why was the night ferry to the north island cancelled?", "When did fares rise?",
                     "What did the Harbour Board say about the ferries?"]:
        whole = qa.retriever.rank(question)
        for depth in (1, 2, 3):
            same_start(whole, qa.retriever.rank(question, depth=depth), depth)
    assert "night ferry" in qa.ask("Why was the night ferry to the north island cancelled?", k=1)["answer"]["text"]


BUILD = """
import sys
from pathlib import Path
from ingest.store import ingest_file
from qa.encoder import HashingEncoder
from qa.index import CorpusIndex
folder = Path(sys.argv[1])
CorpusIndex([ingest_file(folder / "harbour.txt")], HashingEncoder(), folder / "cache").save(folder / sys.argv[2])
"""


def test_two_builds_of_the_same_report_hold_the_same_vocabulary_in_the_same_order(tmp_path):
    """A sentence's coverage sums its terms' weights in the vocabulary's order, so that order must not depend on the
    process's string hashing (PYTHONHASHSEED): two builds then answer alike to the last bit."""
    import os
    import pickle
    import subprocess
    import sys

    (tmp_path / "harbour.txt").write_text(REPORT, encoding="utf-8")
    states = []
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", BUILD, str(tmp_path), f"index-{seed}"], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        with open(tmp_path / f"index-{seed}" / "state.pickle", "rb") as fh:
            states.append(pickle.load(fh))
    one, two = states
    assert list(one["term_id"]) == list(two["term_id"]) and list(one["idf"]) == list(two["idf"])
    assert (one["sentence_terms"] != two["sentence_terms"]).nnz == 0
    assert one["sentence_terms"].indices.tolist() == two["sentence_terms"].indices.tolist()


def test_a_small_corpus_is_scored_whole(fake_qa):
    """Below PRUNE_FROM_SENTENCES sentences every passage is scored (bounding them would cost more)."""
    from qa.retrieve import PRUNE_FROM_SENTENCES

    assert len(fake_qa.index.sentences) < PRUNE_FROM_SENTENCES
    ranking = fake_qa.retriever.rank("What did AC Rowley say about SOECA?", depth=3)
    assert not np.isnan(ranking.score).any() and len(ranking.order) == 3
