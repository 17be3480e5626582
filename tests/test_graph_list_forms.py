"""More ways analysts ask for a set, tested on an invented report (the rules, not the corpus's wording):
recommendations due by a date or within a period, witnesses of a month or a year, how many witnesses, items
related to both of two bodies, and more verbs for the relations; then what a user of /api/ask sees."""
from __future__ import annotations

import pytest

from graph.answers import GraphAnswerer
from graph.answers.due import asked_due
from graph.build import build_graph
from graph.entities import build_registry
from graph.store import QueryEngine
from ingest.parse import parse_report
from test_web import app, client  # noqa: F401  (the app over the bundled report, hashing encoder)

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to us about their own experience of the canals.")

CANALS = f"""Foreword

This report looks at how the Canal Police Service (the CPS) keeps the waterways of Northshire safe. {FILL}

Jane Weir AM
Chair of the Waterways Working Group

1. Introduction

{FILL} The Office for Canal Safety (OCS) oversees the Canal Police Service. The Canal Trust looks after the \
towpaths. Currently, there are two sub-committees of the Office for Canal Safety which meet every month. These \
are the Lock Review Committee (the “Review Committee”) and the Towpath Safety Panel. The Pier Board was set up \
in 2021. Its name has changed since. Currently, it is known as the Harbour Redress Board, and it is still \
chaired by Ms Alice Brook. Ms Alice Brook said that the board met every month. {FILL}

The Lock Patrol Unit, a dedicated team within the Canal Police Service, patrols the locks. The Canal Police Service \
was established in June 2020 when the River Squad merged with the Lock Squad. {FILL}

Recommendation 1
• By March 2031, the Canal Police Service should publish a review of lock patrols.
• The Office for Canal Safety should monitor the review closely.

Recommendation 2
• The Canal Police Service should, within 6 months, report on towpath lighting.

Recommendation 3
• The Office for Canal Safety should, by 30 June 2032, set out a plan for the boatyards.

Recommendation 4
• The Canal Police Service and the Office for Canal Safety should map the moorings of Northshire.

Appendix 2 – How we conducted this investigation

The following guests attended the meetings:

4 February 2031
• Tom Reed, Chair, Northshire Boaters Association
• Ann Lock, Chair of the Canal Trust and Chief Executive, Northshire Council

18 February 2031
• Detective Superintendent Sam Hale, Canal Police Service

11 March 2031
• Ruth Mill, Office for Canal Safety
"""


@pytest.fixture(scope="module")
def canals():
    report = parse_report(CANALS, "canals.txt")
    return GraphAnswerer(QueryEngine(build_graph([report], build_registry([report]))), {report.id: report.title})


def _items(answerer, question):
    got = answerer.answer(question)
    assert got is not None and got.found, question
    for f in got.facts:  # every fact keeps its evidence
        assert f["evidence"]["passage"] or f["evidence"]["note"], f
    return got


@pytest.mark.parametrize("question, items, said", [
    ("Which recommendations must be implemented by March 2031?", ["Recommendation 1"], "is due by March 2031"),
    ("Which recommendations have a deadline of March 2031?", ["Recommendation 1"], "is due in March 2031"),
    ("Which recommendations are due in 2032?", ["Recommendation 3"], "is due in 2032 (3: by 30 June 2032)"),
    ("Which recommendations must be done before July 2032?", ["Recommendation 1", "Recommendation 3"],
     "are due before July 2032"),
    ("Which recommendations are due by the end of 2031?", ["Recommendation 1"], "by the end of 2031"),
    ("Which recommendations have to be delivered within 6 months?", ["Recommendation 2"], "is due within 6 months"),
    ("Which recommendations should be done within half a year?", None, None),  # no period it can count
])
def test_recommendations_due_by_a_date_or_within_a_period(canals, question, items, said):
    got = canals.answer(question)
    if items is None:
        assert got is None or got.query["name"] != "recommendation-deadlines" or not got.found
        return
    got = _items(canals, question)
    assert got.items == items and said in got.text, got.text
    assert got.query["name"] == "recommendation-deadlines" and got.query["filter"]
    assert [f["relation"] for f in got.facts] == ["deadline"] * len(items)
    if "within" not in question:  # a time limit with no date is not counted for a date, and the sentence says so
        assert "Recommendation 2 sets a time limit with no date (within 6 months)" in got.text


def test_a_body_and_a_due_date_narrow_each_other(canals):
    """"Which recommendations should the Canal Police Service implement by June 2032?": of those due by then (1 and
    3), the one addressed to the Service, with both facts; none of its recommendations is due in 2032."""
    got = _items(canals, "Which recommendations should the Canal Police Service implement by June 2032?")
    assert got.items == ["Recommendation 1"]
    assert got.text == ("Recommendation 1 is addressed to the Canal Police Service and is due by June 2032 "
                        "(1: By March 2031).")
    assert sorted(f["relation"] for f in got.facts) == ["addressedTo", "deadline"]
    assert got.query["name"] == "recommendation-deadlines" and got.query["also"]["name"] == "relation-facts"
    none = canals.answer("Which recommendations should the Canal Police Service implement in 2032?")
    assert none.found is False and "none of the recommendations addressed to the Canal Police Service" in none.reason


def test_a_due_date_no_deadline_meets_is_not_found_with_the_deadlines_set(canals):
    got = canals.answer("Which recommendations are due in 2040?")
    assert got is not None and got.found is False and got.facts == []
    assert "no recommendation's deadline is due in 2040" in got.reason and "by 30 June 2032" in got.reason


@pytest.mark.parametrize("question", ["Which recommendations were made in 2031?",  # says nothing of being due
                                      "Which recommendations of the Laming review are due in 2031?"])  # not loaded
def test_questions_that_are_no_due_date_question(canals, question):
    got = canals.answer(question)
    assert got is None or got.query["name"] != "recommendation-deadlines"


def test_what_a_question_asks_of_a_deadline():
    assert asked_due("due by 31 October 2025").meets("By 31 October 2025")
    assert not asked_due("due before 31 October 2025").meets("By 31 October 2025")
    assert asked_due("within a year").meets("within the next 12 months")
    assert not asked_due("in 2025").meets("three calendar months following the receipt of an offer")
    assert not asked_due("by 2030").meets("by the end of next year")  # no calendar date: counted for none


@pytest.mark.parametrize("question, items", [
    ("Who gave evidence in February 2031?", ["Ann Lock", "Tom Reed", "Sam Hale"]),
    ("Who spoke to the working group in March 2031?", ["Ruth Mill"]),
    ("Which witnesses appeared during 2031?", ["Ann Lock", "Tom Reed", "Sam Hale", "Ruth Mill"]),
])
def test_witnesses_of_a_month_or_a_year(canals, question, items):
    got = _items(canals, question)
    assert sorted(got.items) == sorted(items)
    assert got.query["name"] == "witnesses-on-date" and got.query["filter"].startswith("dates in ")
    assert all(f["relation"] == "gaveEvidenceOn" and f["object"].startswith("2031-") for f in got.facts)
    assert all(name in got.text for name in items)


def test_a_month_no_session_was_held_in_is_left_to_the_passages(canals):
    assert canals.answer("Who gave evidence in May 2031?") is None


def test_how_many_witnesses_on_a_day(canals):
    got = _items(canals, "How many witnesses gave evidence on 4 February 2031?")
    assert got.text == "2 witnesses gave evidence on 4 February 2031: Ann Lock and Tom Reed."
    assert sorted(got.items) == ["Ann Lock", "Tom Reed"]


def test_items_related_to_both_of_two_bodies(canals):
    got = _items(canals, "Which recommendations are addressed to both the Canal Police Service and the Office for "
                         "Canal Safety?")
    assert got.items == ["Recommendation 1", "Recommendation 4"]
    assert got.text == ("Recommendations 1 and 4 are addressed to both the Canal Police Service and the Office for "
                        "Canal Safety.")
    # each item with its two facts, and both queries to rerun
    assert sorted((f["subject"], f["object"]) for f in got.facts) == [
        ("Recommendation 1", "CPS"), ("Recommendation 1", "OCS"), ("Recommendation 4", "CPS"),
        ("Recommendation 4", "OCS")]  # the bodies by their labels, the short forms the report uses
    assert got.query["name"] == got.query["also"]["name"] == "relation-facts"


@pytest.mark.parametrize("question, chair", [("Who chairs the Canal Trust?", "Ann Lock"),
                                             ("Who chairs the Northshire Boaters Association?", "Tom Reed")])
def test_a_witness_list_line_that_names_a_chair(canals, question, chair):
    """"Ann Lock, Chair of the Canal Trust and Chief Executive, Northshire Council" chairs the Trust, not the Council
    (she works for both); "Tom Reed, Chair, Northshire Boaters Association" chairs the body his line gives."""
    got = _items(canals, question)
    assert got.items == [chair] and [f["relation"] for f in got.facts] == ["headOf"]
    assert chair in got.facts[0]["evidence"]["quote"]  # the list's line is the evidence
    assert canals.answer("Who chairs Northshire Council?") is None
    assert "Ann Lock" in _items(canals, "Who works for Northshire Council?").items


def test_both_with_a_body_the_graph_does_not_know_is_no_answer(canals):
    assert canals.answer("Which recommendations are addressed to both the Canal Police Service and the Ministry "
                         "of Magic?") is None


@pytest.mark.parametrize("question, items", [
    ("Which squads were combined to form the CPS?", ["Lock Squad", "River Squad"]),
    ("Who provides oversight of the Canal Police Service?", ["OCS"]),
    ("Which body exercises oversight over the CPS?", ["OCS"]),
    ("Where is the Lock Patrol Unit based?", ["CPS"]),
    ("What does the working group want the Office for Canal Safety to do?",
     ["Recommendation 1", "Recommendation 3", "Recommendation 4"]),
    ("Which recommendations involve the moorings?", ["Recommendation 4"]),
])
def test_more_words_for_the_relations(canals, question, items):
    assert sorted(_items(canals, question).items) == sorted(items)


def test_a_body_it_stands_for_is_chaired(canals):
    """"Currently, it is known as the Harbour Redress Board, and it is still chaired by Ms Alice Brook": "it" after
    the comma is the board named before it."""
    got = _items(canals, "Who chaired the Harbour Redress Board?")
    assert got.items == ["Ms Alice Brook"] or got.items == ["Alice Brook"]
    assert "chaired by Ms Alice Brook" in got.facts[0]["evidence"]["quote"]


def test_the_sub_bodies_a_count_names_in_the_next_sentence(canals):
    """"there are two sub-committees of the Office for Canal Safety … These are the Lock Review Committee (the
    “Review Committee”) and the Towpath Safety Panel": each is part of the Office; the short name in brackets is
    no third body."""
    got = _items(canals, "Which committees sit under the Office for Canal Safety?")
    assert sorted(got.items) == ["Lock Review Committee", "Towpath Safety Panel"]
    assert all(f["evidence"]["quote"].startswith("These are") for f in got.facts)


@pytest.mark.parametrize("question", ["Who provides oversight of the Ministry of Magic?",  # no such entity
                                      "Where is the Ministry of Magic based?",
                                      "What does the committee want the Ministry of Magic to do?"])
def test_an_entity_the_graph_does_not_hold_gets_no_relation_answer(canals, question):
    assert canals.answer(question) is None


def test_a_report_filter_of_another_report_gets_no_relation_answer(canals):
    assert canals.answer("Who provides oversight of the Canal Police Service?", report="another-report") is None
    assert canals.answer("Which recommendations are due in 2032?", report="another-report") is None


# -- what a user of /api/ask sees, on the bundled report --------------------------------------------------------
RID = "london-assembly-safeguarding-children-met-2014"


def test_ask_lists_the_recommendations_due_by_a_date_with_their_evidence(client):
    """Recommendation 3 (Appendix 1): "By January 2015, the Met should provide the Committee with a report …"."""
    body = client.get("/api/ask", query_string={"q": "Which recommendations must be implemented by January 2015?",
                                                "k": 5}).get_json()
    answer = body["answer"]
    assert body["found"] and answer["items"] == ["Recommendation 3"]
    assert answer["text"].startswith("Recommendation 3 is due by January 2015 (3: By January 2015)")
    assert [(f["subject"], f["relation"], f["object"]) for f in answer["facts"]] == [
        ("Recommendation 3", "deadline", "By January 2015")]
    assert answer["query"]["name"] == "recommendation-deadlines" and answer["query"]["filter"] == "by January 2015"
    cited = [p["id"] for p in body["passages"]]
    assert cited and cited[0] == answer["facts"][0]["evidence"]["passage"] and cited[0].startswith(RID)
    assert "By January 2015" in body["passages"][0]["text"]


def test_ask_answers_both_bodies_and_a_month_of_witnesses(client):
    both = client.get("/api/ask", query_string={"q": "Which recommendations are addressed to both MOPAC and the Met?"}
                      ).get_json()["answer"]
    assert both["text"] == "Recommendations 1 and 7 are addressed to both MOPAC and the Met."
    assert {f["evidence"]["passage"] for f in both["facts"]} and all(f["evidence"]["passage"] for f in both["facts"])
    month = client.get("/api/ask", query_string={"q": "Who spoke to the working group in March 2014?"}).get_json()
    assert sorted(month["answer"]["items"]) == ["Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"]
    assert {p["id"] for p in month["passages"]} == {f["evidence"]["passage"] for f in month["answer"]["facts"]}


def test_the_ask_page_says_which_rows_the_answer_keeps(client):
    html = client.get("/", query_string={"q": "Which recommendations must be implemented by January 2015?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert html.count('class="fact"') == 1 and "By January 2015" in html
    assert '<span class="filter">by January 2015</span>' in html and "/queries/recommendation-deadlines" in html
    both = client.get("/", query_string={"q": "Which recommendations are addressed to both MOPAC and the Met?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert both.count('class="fact"') == 4 and both.count("/queries/relation-facts?") == 2


def test_ask_says_not_found_for_a_due_date_no_deadline_meets(client):
    """The bundled report's deadlines are January 2015 and two 12-month limits: nothing is due in 2025 there."""
    body = client.get("/api/ask", query_string={"q": "Which recommendations are due in 2025?"}).get_json()
    assert body["found"] is False and not body["answer"].get("facts")
    assert "no recommendation's deadline is due in 2025" in body["answer"]["reason"]
    assert "By January 2015" in body["answer"]["reason"]


@pytest.mark.parametrize("question, kind", [
    ("Which organisations are represented on the London Safeguarding Children Board?", "organisation"),
    ("Which bodies sit on the London Safeguarding Children Board?", "organisation"),
    ("Which people are members of the London Safeguarding Children Board?", "person"),
    ("Who sits on the London Safeguarding Children Board?", None),
])
def test_a_question_that_asks_for_bodies_or_people_gets_those_alone(client, question, kind):
    """Members of the London Board are "representatives from London boroughs, the police, health and probation
    services …" (p. 14), and Cheryl Coppell is its Chair (the witness list): "Which organisations …?" lists the
    bodies, "Which people …?" her, "Who …?" both; the query says which rows it kept."""
    body = client.get("/api/ask", query_string={"q": question}).get_json()
    answer = body["answer"]
    assert body["found"] and answer["query"]["name"] == "relation-facts", question
    items = set(answer["items"])
    assert ("Cheryl Coppell" in items) == (kind in (None, "person"))
    assert ({"MOPAC", "police"} <= items) == (kind in (None, "organisation"))
    assert all(f["relation"] == "memberOf" and f["evidence"]["passage"] for f in answer["facts"])
    assert {f["subject"] for f in answer["facts"]} == items and all(i in answer["text"] for i in items)
    assert answer["query"].get("filter") == {"organisation": "organisations only", "person": "people only"}.get(kind)


@pytest.mark.parametrize("question", [
    "Who spoke about child sexual exploitation in 2014?",  # a topic, not the year's witnesses
    "Who gave evidence on child sexual exploitation in 2014?",
    "Which recommendations concern cases that should have been referred in 2013?",  # the cases', not a deadline
    "What does MOPAC expect the Met to do?",  # MOPAC's wishes are no recommendation of the report
    "What did the Met ask MOPAC to do?",
    "Which recommendations should the Home Office implement by January 2015?",  # a body the graph does not know
])
def test_questions_that_are_not_the_list_they_resemble(client, question):
    """Near misses of the list forms (review): each is left to the passages, or answered with no list at all."""
    answer = client.get("/api/ask", query_string={"q": question}).get_json()["answer"]
    assert (answer.get("query") or {}).get("name") not in ("witnesses-on-date", "recommendation-deadlines",
                                                          "relation-facts"), (question, answer["text"])


def test_a_due_date_or_a_month_in_lower_case_is_that_month(client):
    """"by january 2015" is January 2015, not the whole year; "in march 2014" March's witnesses."""
    from graph.answers.due import asked_due

    due = asked_due("Which recommendations are due by january 2015?")
    assert (due.op, str(due.end)) == ("by", "2015-01-31")
    assert not due.meets("By October 2015") and due.meets("By January 2015")
    month = client.get("/api/ask", query_string={"q": "Who gave evidence in march 2014?"}).get_json()["answer"]
    assert sorted(month["items"]) == ["Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"]


def test_a_due_question_for_a_body_keeps_that_bodys_recommendations(client):
    """MOPAC's recommendations (1, 2, 7 and 8) set no deadline of January 2015: not Recommendation 3, the Met's."""
    body = client.get("/api/ask", query_string={"q": "Which recommendations to MOPAC are due by January 2015?"}
                      ).get_json()
    assert "Recommendation 3" not in (body["answer"].get("items") or []) and not body["answer"].get("facts")



def test_a_vice_chair_does_not_chair():
    """"Ken Dale, Vice Chair of the Canal Trust" does not chair the Trust (review)."""
    text = CANALS.replace("• Ruth Mill, Office for Canal Safety",
                          "• Ruth Mill, Office for Canal Safety\n• Ken Dale, Vice Chair of the Canal Trust")
    report = parse_report(text, "canals.txt")
    answerer = GraphAnswerer(QueryEngine(build_graph([report], build_registry([report]))), {report.id: report.title})
    assert "Ken Dale" in {p.name for p in report.people}
    assert _items(answerer, "Who chairs the Canal Trust?").items == ["Ann Lock"]
