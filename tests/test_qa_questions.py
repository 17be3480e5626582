"""The shipped question sets are well formed, and every gold snippet really occurs in the report."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest_qa import QUESTION_SETS
from qa.evaluate import load_questions
from qa.text import fold_text


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_gold_snippets_occur_in_the_report_text(london, path):
    passages = [fold_text(p.text) for p in london.passages]
    for q in load_questions(path):
        for gold in q.gold:
            assert any(fold_text(gold) in t for t in passages), f"{q.id}: {gold!r} is not in the report"


def test_own_set_covers_what_the_issue_asks():
    questions = load_questions(QUESTION_SETS[1])
    assert len(questions) >= 40
    assert len({q.id for q in questions}) == len(questions)
    assert sum(1 for q in questions if not q.gold) >= 5  # unanswerable questions
    kinds = Counter()
    for q in questions:
        text = q.question.lower()
        kinds["who-said"] += any(w in text for w in ("who ", "say", "tell", "said"))
        kinds["number"] += "how many" in text or "how much" in text
        kinds["date"] += "when" in text or "within what" in text or "how soon" in text
        kinds["acronym"] += "stand for" in text
        kinds["recommendation"] += "recommend" in text
    assert all(kinds[k] >= 2 for k in ("who-said", "number", "date", "acronym", "recommendation")), kinds


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_gold_speakers_say_why_and_are_named_in_the_report(path):
    from ingest.store import bundled_report_path

    text = fold_text(bundled_report_path().read_text(encoding="utf-8"))
    spoken = [q for q in load_questions(path) if "speaker" in q.extra]
    assert spoken, "the set carries gold speakers"
    for q in spoken:
        assert q.gold, f"{q.id}: a gold speaker needs the words they said"
        assert q.extra.get("speaker_by", "").startswith(("text:", "note ")), f"{q.id}: say how the speaker was decided"
        assert fold_text(q.extra["speaker"]) in text, q.id
