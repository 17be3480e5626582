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


# One witness quoted in a block after a lead-in, another speaking of the same thing in the report's own words.
DREDGING = PARAGRAPH.join([
    "Introduction",
    "Professor Alan Smith, of the River Institute, said that dredging harms fish. Dredging in the spring is the "
    "worst, he said: dredging stirs up the mud.",
    "The Government has not yet decided. Dr Jane Doe, Minister for Rivers, said:",
    "“We will not dredge in the spring. We will consult the boatmen before the summer.”",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


@pytest.fixture(scope="module")
def dredging(tmp_path_factory):
    """The invented report with a lead-in and its quote."""
    return invented(tmp_path_factory.mktemp("dredging"), "dredging", DREDGING)


@pytest.mark.parametrize("question, voices", [
    ("What did AC Rowley say the Met got wrong in the past?", ["Mark Rowley"]),  # the Met is the topic
    ("Why does the Met miss local multi-agency training days, according to DCS Niven?", ["Keith Niven"]),
    ("According to MOPAC, what does the Met do about CSE?", ["MOPAC"]),
    ("What did the Met say about FGM?", ["Met"]),
    ("What does the Met do about FGM?", []),  # no one's words asked for
])
def test_whose_words_a_question_asks_for(fake_qa, question, voices):
    from qa.query import analyse

    assert [e.label for e in analyse(question, fake_qa.index).voices] == voices


def test_what_someone_said_is_answered_by_their_quote_not_another_speakers(dredging):
    """'What did Dr Jane Doe say about dredging?': her words are the block after 'Dr Jane Doe, Minister for Rivers,
    said:', which never names her; Professor Smith says 'dredging' three times, but they are his words."""
    body = dredging.ask("What did Dr Jane Doe say about dredging?")
    assert body["found"] is True
    assert body["passages"][0]["text"].startswith("“We will not dredge in the spring.")
    assert body["answer"]["text"].startswith("“We will not dredge in the spring.")
    # Another speaker's passage goes below every passage that quotes or names her, by the rule's weight.
    ranking = dredging.rank("What did Dr Jane Doe say about dredging?")
    plain = QA.from_index(dredging.index, Weights(unvoiced=0.0)).rank("What did Dr Jane Doe say about dredging?")
    ids = [p.id for p in dredging.index.passages]
    smith = ids.index("dredging-p0001")
    assert plain.score[smith] - ranking.score[smith] == pytest.approx(Weights().unvoiced, abs=1e-3)
    for quoted in ("dredging-p0002", "dredging-p0003"):
        assert ranking.score[ids.index(quoted)] == pytest.approx(plain.score[ids.index(quoted)], abs=1e-6)


def test_a_lead_in_is_answered_with_the_quote_it_introduces(dredging):
    """A lead-in ending in a colon says who spoke, not what: the answer goes on with the quote set apart after it."""
    body = dredging.ask("What did Dr Jane Doe say?")
    texts = [s["text"] for s in body["answer"]["sentences"]]
    assert texts[0] == "The Government has not yet decided. Dr Jane Doe, Minister for Rivers, said:" or \
        texts[0] == "Dr Jane Doe, Minister for Rivers, said:", texts
    assert texts[1:] == ["“We will not dredge in the spring.", "We will consult the boatmen before the summer.”"]
    assert [s["passage"] for s in body["answer"]["sentences"]][1:] == ["dredging-p0003"] * 2


@pytest.mark.model
def test_a_ministers_words_answer_what_the_minister_said(hc_report, model_cache):
    """HC 179 quotes George Eustice three times, each in a block after 'George Eustice, Minister at DEFRA, said:'.
    What he said about microbeads is the quote that speaks of them, not a lead-in, nor another witness's words."""
    from qa.encoder import get_encoder

    qa = QA([hc_report], get_encoder(), cache_dir=model_cache)
    body = qa.ask("What did George Eustice say about microbeads?")
    assert body["found"] is True
    assert "filter microbeads out" in body["answer"]["sentences"][0]["text"], body["answer"]["text"]
    body = qa.ask("What did George Eustice say?")
    first, *rest = body["answer"]["sentences"]
    assert first["text"].endswith("George Eustice, Minister at DEFRA, said:") and rest, body["answer"]["text"]
    assert all(s["passage"] != first["passage"] for s in rest)


TEAMS = PARAGRAPH.join([
    "Introduction",
    "The River Rescue Team (RRT) pulls swimmers out of the river in summer.",
    "The Harbour Safety Team (HST) inspects the boats before each season.",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


def test_a_head_noun_within_a_name_the_question_uses_implies_no_other_acronym(tmp_path):
    """'the teams' may mean any team the report names by an acronym; 'the river rescue team' means one of them, and
    its head noun brings in no other ('the Harbour Safety Team')."""
    from qa.query import analyse

    qa = invented(tmp_path, "teams", TEAMS)
    query = analyse("What does the river rescue team do?", qa.index)
    assert [e.label for e in query.entities] == ["RRT"] and query.expanded == []
    assert sorted(e.label for e in analyse("What do the teams do?", qa.index).expanded) == ["HST", "RRT"]
    body = qa.ask("What does the river rescue team do?")
    assert [e["label"] for e in body["answer"]["entities"]] == ["RRT"]
    assert body["passages"][0]["text"].startswith("The River Rescue Team (RRT)")


# A report that names a programme by an acronym; the question asks about another programme, named.
PROGRAMMES = PARAGRAPH.join([
    "Introduction",
    "The Waste and Resources Action Programme (WRAP) gave written evidence on recycling.",
    "The Harbour Swim programme teaches children to swim; an independent study found it cost £900 per child taught.",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


@pytest.mark.parametrize("question, qualified", [
    ("How cost-effective is the Harbour Swim programme?", {"swim", "programm"}),
    ("How much do English councils spend on cycling?", {"council", "spend"}),
    ("How many convictions did the Court of Appeal overturn?", {"appeal", "overturn"}),
    ("What do the programmes cost?", set()),  # no name: 'programmes' may be any programme the reports name
])
def test_a_noun_a_name_qualifies_is_that_names(question, qualified):
    from qa.query import name_qualified

    assert name_qualified(question) == qualified


def test_a_noun_a_name_qualifies_implies_no_acronym(tmp_path):
    """'the Harbour Swim programme' is that programme: its head noun brings in no acronym whose full name ends in
    'programme' (WRAP), while 'the programmes' alone may mean it."""
    from qa.query import analyse

    qa = invented(tmp_path, "programmes", PROGRAMMES)
    assert analyse("How cost-effective is the Harbour Swim programme?", qa.index).expanded == []
    assert [e.label for e in analyse("What do the programmes cost?", qa.index).expanded] == ["WRAP"]
    body = qa.ask("How cost-effective is the Harbour Swim programme?")
    assert body["answer"]["entities"] == [] or "WRAP" not in [e["label"] for e in body["answer"]["entities"]]
    assert body["passages"][0]["text"].startswith("The Harbour Swim programme")


# A witness who represents a body (as the witness list gives them) is quoted in a block after a lead-in that names
# them; another witness, of another body, speaks of something else.
RIVERS = PARAGRAPH.join([
    "Introduction",
    "The Committee looked at how the rivers are kept clean and who pays for the work.",
    "The Rivers Agency has promised a plan. Dr Jane Doe, Director of Waterways, Rivers Agency, said:",
    "“We will stop dumping silt in the estuary by the end of 2019. We finished the first survey in 2017.”",
    "Professor Alan Smith, of the River Institute, said that silt harms fish, and that the estuary was dredged in "
    "2015.",
    "The Rivers Agency publishes a report each year on the state of the rivers, as of 2018.",
    "Witnesses",
    "The following witnesses gave evidence.",
    "Tuesday 14 June 2016",
    "Dr Jane Doe, Director of Waterways, Rivers Agency, and Professor Alan Smith, Professor of Fish Biology, "
    "River Institute",
])


def test_a_witness_speaks_for_the_body_they_represent(tmp_path):
    """'What did the Rivers Agency say about silt?': the Agency's words are those of Dr Jane Doe, its director (the
    witness list says so), in the quote after her lead-in, which never names the Agency. Professor Smith's words,
    given for the River Institute, are not the Agency's: what it said about fish is not found."""
    qa = invented(tmp_path, "rivers", RIVERS)
    ids = [p.id for p in qa.index.passages]
    quote = ids.index("rivers-p0003")
    assert qa.index.info[quote].bodies == {qa.index.registry.resolve("Rivers Agency").key}
    body = qa.ask("What did the Rivers Agency say about silt?")
    assert body["found"] is True
    assert body["passages"][0]["text"].startswith("“We will stop dumping silt in the estuary")
    for topic in ("fish", "glitter"):  # Professor Smith speaks of fish; no one of glitter
        body = qa.ask(f"What did the Rivers Agency say about {topic}?")
        assert body["found"] is False, topic


@pytest.mark.parametrize("question, said", [
    ("Which policies did the committee say took no account of the evidence?", False),
    ("What was the committee's view of the ferry timetables?", False),
    ("According to the report, what is wrong with the ferry timetables?", False),
    ("What does the inquiry say about redress?", False),
    ("What did the operator say about the ferry timetables?", True),
    ("According to the operator, what is wrong with the ferry timetables?", True),
    ("What did the Met say about FGM?", True),
])
def test_the_reports_own_view_is_not_a_witness_statement(question, said):
    """'What did the committee say …' asks for the report's own findings, in its own words (no statement is
    attributed to the body that writes the report); 'What did the operator say …' asks for a witness's."""
    assert ("said" in question_types(question)) is said


FERRY_TIMETABLES = PARAGRAPH.join([
    "Introduction",
    "We found that the ferry timetables take no account of the tides, and that the ferry timetables change too often.",
    "The operator told us that the ferry timetables are set each spring.",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


def test_what_the_committee_said_is_answered_by_its_own_finding(tmp_path):
    """The committee's finding answers what the committee said; a witness's statement gets no lift for being one
    (its score is what it is with the statement cues weighed at nothing), while the operator's words answer what
    the operator said."""
    qa = invented(tmp_path, "ferry-timetables", FERRY_TIMETABLES)
    question = "What did the committee say about the ferry timetables?"
    assert qa.ask(question)["passages"][0]["text"].startswith("We found that the ferry timetables")
    operator = [p.id for p in qa.index.passages].index("ferry-timetables-p0002")
    plain = QA.from_index(qa.index, Weights(qtype=0.0, sentence_type=0.0))
    assert qa.rank(question).score[operator] == pytest.approx(plain.rank(question).score[operator], abs=1e-6)
    body = qa.ask("What did the operator say about the ferry timetables?")
    assert body["passages"][0]["text"].startswith("The operator told us")


@pytest.mark.parametrize("question, kind", [
    ("How much does the ferry pass cost?", "money"),
    ("How much funding does the fund offer?", "money"),
    ("How much money could be saved?", "money"),
    ("How many claimants took part in the litigation?", "count"),
    ("What is the number of officers in the team?", "count"),
    ("How much did the budgeted number of officers grow?", None),  # a quantity, of no one kind
    ("How much plastic would someone swallow?", None),
])
def test_a_quantity_question_says_whether_it_wants_a_sum_of_money_or_a_count(question, kind):
    types = question_types(question)
    assert "quantity" in types
    assert {"money", "count"} & types == ({kind} if kind else set())


# One passage counts the passes sold and names the pass twice; the other gives its price.
FERRY_PASS = PARAGRAPH.join([
    "Introduction",
    "The ferry pass is popular: last year 3,000 passengers bought the ferry pass at 40 piers.",
    "The operator sells the ferry pass for £120, the price it charged in 2015.",
    "The Committee visited three piers and spoke to passengers waiting for the ferries.",
])


def test_what_something_costs_is_answered_by_a_sum_of_money_not_a_count(tmp_path):
    """'How much does the ferry pass cost?' is answered by the price (£120), though the passage counting the passes
    sold names the pass more often; 'How many passengers …' by the count."""
    qa = invented(tmp_path, "ferry-pass", FERRY_PASS)
    body = qa.ask("How much does the ferry pass cost?")
    assert body["passages"][0]["text"].startswith("The operator sells the ferry pass for £120")
    body = qa.ask("How many passengers bought the ferry pass?")
    assert body["passages"][0]["text"].startswith("The ferry pass is popular: last year 3,000 passengers")
