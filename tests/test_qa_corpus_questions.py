"""Passage questions over reports the project was not written for: tests/data/corpus_questions.jsonl asks the three
reports of ../shared/corpus (HL 179, the Post Office Horizon inquiry, HC 179) with every report loaded, as `kgqa
eval` does with the four --report of README "Evaluation". The questions and their gold were written from the
reports' text before the service first answered them (two gold spans were widened after, see docs/evaluation-log.md)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from conftest import DATA
from floors import asked, assert_floors
from qa.evaluate import load_questions, score_speakers, speaker_matcher
from qa.text import fold_text

pytestmark = pytest.mark.model

# Floors a little under what the set scored on 2026-12-01 with the ONNX encoder (Hit@1 0.806, Hit@5 0.889, MRR@10
# 0.831; 4 of 5 unanswerable questions "not found", no answerable one refused; 5 of 6 speakers named).
HIT1, HIT5, MRR10, CAUGHT, SPEAKERS = 0.77, 0.86, 0.80, 4, 5


@pytest.fixture(scope="module")
def corpus_qa(corpus_reports, model_cache):
    """The service over the four reports with the ONNX encoder, made as `kgqa eval --report …` makes it."""
    from web.cli_qa import _service

    return _service(SimpleNamespace(cache=model_cache, encoder="onnx", model=None, report=corpus_reports))


def test_corpus_passage_questions_meet_their_floors(corpus_qa):
    questions = load_questions(DATA / "corpus_questions.jsonl")
    ours, baselines, returned = asked(corpus_qa, questions)
    assert_floors(ours, baselines, HIT1, HIT5, MRR10, CAUGHT, 0)
    spoken = score_speakers(questions, returned, speaker_matcher(corpus_qa.index.registry))
    assert spoken.named >= SPEAKERS, spoken.misses


# The held-out proxy sets with the four reports loaded (see the README, "Evaluation"): written from the reports' text
# before the service first answered them. Floors a little under what they scored on 2026-12-01 with the ONNX encoder:
# the corpus one Hit@1 0.733, Hit@5 0.800, MRR@10 0.767, 2 of 3 caught, 1 of 15 refused, SPEAKERS_HC of 4 speakers;
# the bundled one, among 2,291 passages, Hit@1 0.739, Hit@5 0.913, MRR@10 0.798, 3 of 4 caught, 1 of 23 refused.
HELDOUT_FLOORS = {"heldout_corpus_questions.jsonl": (0.70, 0.77, 0.73, 2, 1),
                  "heldout_questions.jsonl": (0.70, 0.88, 0.77, 3, 1)}
SPEAKERS_HC = 3


@pytest.mark.parametrize("name", sorted(HELDOUT_FLOORS))
def test_heldout_passage_questions_meet_their_floors_with_every_report(corpus_qa, name):
    questions = load_questions(DATA / name)
    passages = [fold_text(p.text) for p in corpus_qa.index.passages]
    for q in questions:  # the gold stands in the reports as the service reads them
        assert all(any(fold_text(g) in t for t in passages) for g in q.gold), q.id
    ours, baselines, returned = asked(corpus_qa, questions)
    assert_floors(ours, baselines, *HELDOUT_FLOORS[name])
    if name == "heldout_corpus_questions.jsonl":
        spoken = score_speakers(questions, returned, speaker_matcher(corpus_qa.index.registry))
        assert spoken.named >= SPEAKERS_HC, spoken.misses


# The reworded proxy of the corpus reports (tests/data/reworded_corpus_questions.jsonl: 12 passage questions and 1
# unanswerable, worded away from the reports, never tuned on; see the README, "Evaluation"). It scored Hit@1 0.250,
# Hit@5 0.583, MRR@10 0.402, 0 of 1 caught, 0 of 12 refused, on 2026-12-01 with the ONNX encoder, below the dense
# baseline (MRR@10 0.607): these floors keep what it scores, with no baseline asserted.
REWORDED_FLOORS = (0.2, 0.5, 0.37, 0, 0)


def test_reworded_corpus_questions_keep_their_floors(corpus_qa):
    questions = load_questions(DATA / "reworded_corpus_questions.jsonl")
    passages = [fold_text(p.text) for p in corpus_qa.index.passages]
    for q in questions:  # the gold stands in the reports as the service reads them
        assert all(any(fold_text(g) in t for t in passages) for g in q.gold), q.id
    hit1, hit5, mrr10, caught, refused = REWORDED_FLOORS
    ours, _, _ = asked(corpus_qa, questions)
    assert ours.hit1 >= hit1 and ours.hit5 >= hit5 and ours.mrr10 >= mrr10, (ours.row(), ours.misses)
    assert int(ours.unanswerable_caught.split("/")[0]) >= caught, ours.row()
    assert int(ours.answerable_refused.split("/")[0]) <= refused, ours.row()
