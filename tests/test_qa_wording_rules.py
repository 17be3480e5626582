"""Rules for how a question's wording meets a report's, tested on invented reports (the rules, not any real report's
wording): a compound written open or closed, a passage that only asks questions, a 'when' about what generally
happens, a restated paragraph under another number, and whose words a 'Who said …' question asks for."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from qa.notfound import said_topic
from qa.query import closed_compounds, question_types
from qa.retrieve import Weights
from qa.service import QA
from qa.text import tokens

from test_qa_answer_rules import RIVERS
from test_qa_notfound import invented

PARAGRAPH = "\n \n"  # how a text report parts its paragraphs: a line holding a space

# The first passage shares more of the question's other words; only the second speaks of the front line, closed up.
WARDENS = PARAGRAPH.join([
    "Introduction",
    "Forty town wardens now work night shifts in the town centre, the council told us.",
    "Forty wardens now work frontline shifts, the council told us.",
])


def test_a_compound_written_open_finds_it_written_closed(tmp_path, monkeypatch):
    qa = invented(tmp_path, "wardens", WARDENS)
    vocabulary = qa.index.vocab
    assert closed_compounds("Do wardens work front line shifts?", vocabulary) == tokens("frontline")
    assert closed_compounds("Do wardens work night shifts?", vocabulary) == []  # 'nightshifts' is no word of it
    assert closed_compounds("Who is on the line?", vocabulary) == []  # a stop word joins nothing
    body = qa.ask("Do town wardens work front line shifts?")
    assert body["found"] is True
    assert "frontline shifts" in body["passages"][0]["text"]
    # The rule is what puts it first: without the closed-up form the other passage's words win.
    monkeypatch.setattr("qa.query.closed_compounds", lambda text, vocabulary: [])
    assert "night shifts" in qa.ask("Do town wardens work front line shifts?")["passages"][0]["text"]


# A sub-heading that is a question, then the paragraph under it, which answers in other words.
FERRIES = PARAGRAPH.join([
    "Introduction",
    "Are ferry timetables evidence-based?",
    "The ferry timetables were drawn up from a survey of passengers, so they rest on evidence of demand.",
    "The pier staff told us that queues form on the embankment at peak times.",
    "Ticket prices rose twice last year, and the operator blamed the cost of fuel.",
    "Two new ferries were ordered in the spring and will enter service next year.",
    "The harbour board meets four times a year to review the operator's performance.",
])


def test_a_passage_that_only_asks_questions_answers_nothing(tmp_path):
    qa = invented(tmp_path, "ferries", FERRIES)
    asking = [qa.index.passages[i].text for i in range(len(qa.index.passages)) if qa.index.derived.asks_only[i]]
    assert asking == ["Are ferry timetables evidence-based?"]
    question = "Which ferry timetables are evidence-based?"
    assert qa.ask(question)["passages"][0]["text"].startswith("The ferry timetables were drawn up")
    # The rule is what puts the answer first: without it the heading's words win.
    plain = QA.from_index(qa.index, Weights(asking=0.0))
    assert plain.ask(question)["passages"][0]["text"] == "Are ferry timetables evidence-based?"


@pytest.mark.parametrize("question, asks_date", [
    ("When does a ferry inspection happen?", False),  # what generally happens: in what circumstances
    ("When do inspectors board the ferries?", False),
    ("When does the consultation close?", True),  # one thing: a date
    ("When do the inspectors report?", True),
    ("When did the board review its rules?", True),
])
def test_a_when_about_what_generally_happens_asks_no_date(question, asks_date):
    assert "when" in question_types(question)
    assert ("date" in question_types(question)) is asks_date


# A dated passage about inspections, then the one that says when an inspection happens, naming no date.
INSPECTIONS = PARAGRAPH.join([
    "Introduction",
    "In May 2016 the harbour board reviewed the rules for a ferry inspection.",
    "A ferry inspection happens after every collision or near miss on the river.",
    "The pier staff told us that queues form on the embankment at peak times.",
    "Ticket prices rose twice last year, and the operator blamed the cost of fuel.",
])


def test_a_when_about_what_generally_happens_is_answered_without_a_date(tmp_path, monkeypatch):
    qa = invented(tmp_path, "inspections", INSPECTIONS)
    body = qa.ask("When does a ferry inspection happen?")
    assert body["found"] is True
    assert body["passages"][0]["text"].startswith("A ferry inspection happens after every collision")
    # a date asked of one event still wants the dated passage
    assert qa.ask("When did the harbour board review the inspection rules?")["passages"][0]["text"].startswith("In May 2016")
    # The rule is what lets it answer: asked as a date, the passage that names none goes below the dated one.
    monkeypatch.setattr("qa.query._GENERIC_WHEN", re.compile(r"(?!)"))
    assert qa.ask("When does a ferry inspection happen?")["passages"][0]["text"].startswith("In May 2016")


# A report's conclusions restate paragraph 20 as their paragraph 2, pointing back to it.
RESTATED = PARAGRAPH.join([
    "Introduction",
    "20. The piers are overcrowded at peak times and the embankment queues reach the road.",
    "21. The operator has ordered two new ferries.",
    "Conclusions",
    "2. The piers are overcrowded at peak times and the embankment queues reach the road. (Paragraph 20)",
])


def test_a_paragraph_restated_under_another_number_is_a_repeat(tmp_path):
    qa = invented(tmp_path, "restated", RESTATED)
    texts = [p.text for p in qa.index.passages]
    first, again = texts.index(next(t for t in texts if t.startswith("20."))), \
        texts.index(next(t for t in texts if t.startswith("2. ")))
    assert qa.index.repeat_of == {again: first}
    body = qa.ask("Are the piers overcrowded at peak times?", k=5)
    assert [p["text"][:3] for p in body["passages"]].count("2. ") == 0  # the restatement is left out
    assert body["passages"][0]["text"].startswith("20.")


def test_whose_words_a_who_said_question_asks_for_are_no_topic_rule():
    """'Who told the committee that the Agency had cut patrols on the front line?' asks who spoke; the Agency it
    names is what they spoke about, so no rule looks for the Agency's words on 'the front line'."""
    agency = SimpleNamespace(key="agency", forms=lambda: ["the Agency"])
    asked = SimpleNamespace(text="Who told the committee that the Agency had cut patrols on the front line?",
                            types={"said", "who"}, speakers=[agency], voices=[])
    assert said_topic(asked) == []
    voiced = SimpleNamespace(text="What did the Agency say about patrols on the front line?", types={"said"},
                             speakers=[agency], voices=[agency])
    assert said_topic(voiced) == ["patrols", "front", "line"]


# The report prices beach cleaning, and says fitting filters would be costly without a sum.
FILTERS = PARAGRAPH.join([
    "Introduction",
    "Fitting fine filters at every sewage works would be costly, the water companies told us.",
    "Cleaning the beaches of plastic costs the councils £20 million a year.",
    "Filters remove some of the fibres from waste water before it reaches the rivers.",
])


def test_what_an_act_costs_is_answered_only_by_a_sum_for_that_act(tmp_path):
    """'How much would it cost to fit filters …?' prices the filters: another sum of the same passages (beach
    cleaning) is no answer, and a sum beside the filters is."""
    question = "How much would it cost to fit filters at sewage works?"
    body = invented(tmp_path, "filters", FILTERS).ask(question)
    assert body["found"] is False
    assert body["answer"]["reason"] == "no passage near the question gives a sum for filter"
    priced = FILTERS + PARAGRAPH + "Fitting filters at one sewage works costs about £2 million, Thames Water said."
    body = invented(tmp_path, "filters-priced", priced).ask(question)
    assert body["found"] is True and "£2 million" in body["answer"]["sentences"][0]["text"]


# The first passage holds the question's words but names no one; the second is a named witness's words.
CREWS = PARAGRAPH.join([
    "Introduction",
    "We heard that ferry crews are leaving the service.",
    "Captain Mary Brennan, Harbour Pilots Association, told us that “ferry crews are leaving the service because "
    "the pay is poor”.",
    "The operator has ordered two new ferries, which will enter service next year.",
    "Ticket prices rose twice last year, and the operator blamed the cost of fuel.",
    "The harbour board meets four times a year to review the operator's performance.",
])


def test_who_said_something_is_answered_by_a_passage_that_names_a_speaker(tmp_path):
    qa = invented(tmp_path, "crews", CREWS)
    question = "Who said ferry crews are leaving the service?"
    assert qa.ask(question)["passages"][0]["text"].startswith("Captain Mary Brennan")
    # The rule is what puts it first: without it the unattributed passage's words win.
    plain = QA.from_index(qa.index, Weights(unnamed=0.0))
    assert plain.ask(question)["passages"][0]["text"].startswith("We heard that")


def test_a_quote_set_apart_is_named_by_its_lead_in(tmp_path):
    """A quote block after 'Dr Jane Doe … The survey took a year. She said:' (a pronoun the parser leaves alone, as the
    sentence just before it names no one) is named by that lead-in, so a 'Who said …' question may be answered by
    it; an unattributed 'We heard …' is not."""
    text = RIVERS.replace("The Rivers Agency has promised a plan. Dr Jane Doe, Director of Waterways, Rivers Agency, "
                          "said:", "Dr Jane Doe, Director of Waterways, studied the estuary. The survey took a year. She said:")
    qa = invented(tmp_path, "lead-in", text + PARAGRAPH + "We heard that silt is dumped in the estuary.")
    at = {p.text[:12]: i for i, p in enumerate(qa.index.passages)}
    quote, unattributed = at["“We will sto"], at["We heard tha"]
    assert not qa.index.info[quote].speakers  # the parser gives the quote no speaker
    assert qa.index.derived.names_speaker[quote] and not qa.index.derived.names_speaker[unattributed]
