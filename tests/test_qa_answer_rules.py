"""What kind of passage a question's wording asks for, tested on invented reports (the rules, not the bundled
report's wording): a date for "when", a cause for "why"."""
from __future__ import annotations

import pytest

from qa.encoder import HashingEncoder
from qa.query import question_types
from qa.retrieve import Weights
from qa.service import QA

from test_qa_notfound import invented

PARAGRAPH = "\n \n"  # how a text report parts its paragraphs: a line holding a space

# The unit's full name is spelt out where no date is given; its acronym stands beside the date it was created.
HARBOUR_POLICE = PARAGRAPH.join([
    "Introduction",
    "The Harbour Patrol and River Rescue Command (HPRRC) has too few boats and too few crews for the river it "
    "patrols, and the Harbour Patrol and River Rescue Command is seriously stretched at night.",
    "The HPRRC was created in May 2016 when the harbour police merged with the river rescue service.",
    "The Committee heard that the piers are busy at peak times and that queues form on the embankment.",
])

# Ferry delays: two passages say they have risen, one of them gives the cause.
FERRY_DELAYS = PARAGRAPH.join([
    "Introduction",
    "Ferry delays have gone up at every pier this year, and ferry delays are now the main complaint of passengers.",
    "The operator told us that ferry delays have gone up. This reflects a shortage of trained crews on the evening "
    "ferries.",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


@pytest.mark.parametrize("question, asks_date", [
    ("When was the Harbour Patrol and River Rescue Command created?", True),
    ("By when must the Board report?", True),
    ("In which year did the Board meet?", True),
    ("On what date did the Board meet?", True),
    ("How long did the review take?", False),  # a span of time, not a date
    ("What did the Board say about the deadline?", False),
])
def test_a_question_that_asks_for_a_date_is_told_from_one_about_time(question, asks_date):
    assert ("date" in question_types(question)) is asks_date


def test_a_question_asking_for_a_date_is_answered_by_a_passage_that_gives_one(tmp_path):
    """'When was the Harbour Patrol and River Rescue Command created?': the passage spelling out the name (every word
    of the question but one) gives no date; the one that gives it calls the unit by its acronym."""
    qa = invented(tmp_path, "harbour-police", HARBOUR_POLICE)
    question = "When was the Harbour Patrol and River Rescue Command created?"
    body = qa.ask(question)
    assert body["found"] is True
    assert "May 2016" in body["passages"][0]["text"]
    assert body["answer"]["sentences"][0]["text"].startswith("The HPRRC was created in May 2016")
    assert body["answer"]["sentences"][0]["key"]["text"] == "May 2016"
    # The rule is what puts it first: without it the name's words win.
    plain = QA.from_index(qa.index, Weights(undated=0.0))
    assert "May 2016" not in plain.ask(question)["passages"][0]["text"]


def test_a_why_question_is_answered_by_a_passage_that_gives_a_cause(tmp_path):
    """'Why have ferry delays gone up?': two passages say they have, and the one that says it twice weighs more
    by its words; the other says why ('This reflects …'), and that puts it first."""
    qa = invented(tmp_path, "ferry-delays", FERRY_DELAYS)
    question = "Why have ferry delays gone up?"
    body = qa.ask(question)
    assert body["found"] is True
    assert body["passages"][0]["text"].startswith("The operator told us that ferry delays have gone up.")
    assert "shortage of trained crews" in body["answer"]["text"]
    plain = QA.from_index(qa.index, Weights(qtype=0.0))
    assert plain.ask(question)["passages"][0]["text"].startswith("Ferry delays have gone up")
