"""When /api/ask says "not found": what the answering report never speaks of, counts and sums it does not give,
names no one report uses together; and the answerable questions it must not refuse."""
from __future__ import annotations

import pytest

from qa.encoder import HashingEncoder
from qa.notfound import priced_words
from qa.query import question_names
from qa.service import QA


@pytest.mark.parametrize("question, words", [
    ("What is the salary of the Metropolitan Police Commissioner?", ["salary"]),
    ("What is the Met’s annual budget for child protection?", ["met", "annual", "budget"]),
    ("How much did Operation Limelight cost?", []),  # a sum, with no words of its own to look for
    ("What was SOECA's budgeted workforce total in 2013-14?", None),  # a head count, not money
    ("How many more police staff did SOECA budget for in 2013-14 than the year before?", None),
    ("What will the budget cuts mean for SOECA?", None),  # asks for consequences, not a sum
])
def test_what_a_question_asks_the_price_of(question, words):
    assert priced_words(question) == words


def test_question_names_are_capitalised_words_after_the_first_and_acronyms():
    assert question_names("What did Boris Johnson say about FGM?") == ["Boris", "Johnson", "FGM"]
    assert question_names("Which CAITs sit in the MASH? What does the Met say?") == ["CAITs", "MASH", "Met"]
    assert question_names("How many officers are there?") == []


@pytest.fixture(scope="module")
def two_reports(london, hc, tmp_path_factory):
    """The bundled report and HC 179 together, with the deterministic hashing encoder (the rules, not the model)."""
    return QA([london, hc], HashingEncoder(), cache_dir=tmp_path_factory.mktemp("two-reports"))


def test_a_name_only_one_report_uses_sends_the_question_to_that_report(two_reports):
    r = two_reports.ask("What did AC Rowley say about the pressure on SOECA?", k=5)
    assert r["found"] is True
    assert {p["report"] for p in r["passages"]} == {"london-assembly-safeguarding-children-met-2014"}
    assert "massively pressurised area" in r["passages"][0]["text"]


def test_names_no_one_report_uses_together_are_not_found(two_reports):
    # Rowley is the London report's, Microbeads HC 179's: each report knows one, neither can answer.
    r = two_reports.ask("What did Rowley say about Microbeads?")
    assert r["found"] is False and r["answer"]["sentences"] == []
    assert r["answer"]["reason"] == "no report mentions all of Rowley, Microbeads"
    assert r["passages"] and all(p["nearest"] for p in r["passages"])
    # In lower case 'microbeads' is a topic, not a name: the London report answers for Rowley, and what it
    # quotes him on is something else.
    alone = two_reports.ask("What did Rowley say about microbeads?")
    assert alone["found"] is False
    assert alone["answer"]["reason"] == "no passage quoting Mark Rowley near the question speaks of microbeads"


@pytest.fixture(scope="module")
def client(london, model_cache, tmp_path_factory):
    """The web app over the bundled report with the real model (torch, shared with the other model tests)."""
    from web.app import create_app

    app = create_app({"TESTING": True, "ENCODER": "torch", "BUILD_DIR": str(tmp_path_factory.mktemp("build"))})
    yield app.test_client()
    app.extensions["kgqa"].close()


def ask(client, question: str) -> dict:
    r = client.get("/api/ask", query_string={"q": question, "k": 5})
    assert r.status_code == 200
    return r.get_json()


@pytest.mark.model
@pytest.mark.parametrize("question, reason", [
    ("How many knife crimes were recorded in London in 2013?", "never speaks of knife"),  # crimes are counted, knives never named
    ("How many police dogs does SOECA use?", "never speaks of dogs"),
    ("What is the salary of the Metropolitan Police Commissioner?", "never speaks of salary"),
    ("What is the Met's annual budget for child protection?", "no passage near the question gives a sum of money"),
    ("How much did Operation Limelight cost?", "no passage near the question gives a sum of money"),
    ("What did Boris Johnson say about FGM?", "the reports never mention Boris, Johnson"),
    ("What did the Children's Society say about traffic congestion near schools?",
     "no passage quoting Children’s Society near the question speaks of traffic congestion near schools"),
])
def test_api_ask_says_not_found(client, question, reason):
    body = ask(client, question)
    assert body["found"] is False
    assert body["answer"]["sentences"] == [] and "do not seem to cover" in body["answer"]["text"]
    assert reason in body["answer"]["reason"]
    assert body["passages"] and all(p["nearest"] for p in body["passages"])  # the nearest material, marked


@pytest.mark.model
@pytest.mark.parametrize("question, gold", [
    ("How many police officer posts were unfilled in September 2013?", "over 50 police officer posts were vacant"),
    ("How many officers carry out serious case reviews for the whole of London?", "only two officers who undertake SCRs"),
    ("What was SOECA's budgeted workforce total in 2013-14?", "966 police officers and 210 police staff"),
    ("Which party does Roger Evans represent?", "Roger Evans AM (Conservative)"),
    ("How many boroughs have a MASH?", "operational in 30 London boroughs"),
    ("What did the Children's Society say about police awareness of safeguarding?", "depend on who answers the phone"),
])
def test_api_ask_answers_what_the_report_holds(client, question, gold):
    body = ask(client, question)
    assert body["found"] is True and "reason" not in body["answer"]
    assert gold in body["passages"][0]["text"]
    assert not any(p["nearest"] for p in body["passages"])
