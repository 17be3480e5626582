"""The sets of questions worded away from the bundled report's words, each committed before the service first
answered it (see the README, "Evaluation"): tests/data/paraphrase_questions.jsonl (15 passage questions worded as a
journalist asks, and 2 unanswerable) and tests/data/unseen_bundled_questions.jsonl (21 and 2). A set's first run is
the measure of unseen paraphrase; these floors keep what the service scores on it now."""
from __future__ import annotations

import pytest

from conftest_qa import DATA
from floors import asked, assert_floors
from qa.evaluate import load_questions
from qa.text import fold_text

# Each set with its size, its unanswerable questions, and floors a little under what it scored with the ONNX encoder
# over the bundled report: Hit@1, Hit@5, MRR@10, unanswerable caught, answerable refused.
SETS = {
    # first run 2026-12-01: Hit@1 0.467, Hit@5 0.933, MRR@10 0.635, caught 1/2, refused 0/15
    "paraphrase_questions.jsonl": (17, 2, (0.45, 0.9, 0.62, 1, 0)),
    # first run 2026-12-01 (session 22): Hit@1 0.714, Hit@5 0.857, MRR@10 0.754, caught 2/2, refused 0/21
    "unseen_bundled_questions.jsonl": (23, 2, (0.7, 0.85, 0.74, 2, 0)),
}


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_well_formed(london, name):
    size, unanswerable, _ = SETS[name]
    questions = load_questions(DATA / name)
    assert len({q.id for q in questions}) == len(questions) == size
    assert sum(1 for q in questions if not q.gold) == unanswerable
    passages = [fold_text(p.text) for p in london.passages]
    for q in questions:
        for gold in q.gold:
            assert any(fold_text(gold) in t for t in passages), f"{q.id}: {gold!r} is not in the report"


@pytest.mark.model
@pytest.mark.parametrize("name", SETS)
def test_the_set_meets_its_floors(real_qa, name):
    ours, baselines, _ = asked(real_qa, load_questions(DATA / name))
    assert_floors(ours, baselines, *SETS[name][2])
