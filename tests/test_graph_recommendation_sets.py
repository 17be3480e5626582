"""A report's recommendations as a set: how many, all of them, the bodies they are addressed to, and the ways
people ask for one body's ("List the recommendations for MOPAC"), through /api/ask as a user sees them.

Bundled report, "Recommendations" section: eight recommendations; 1, 2, 7 and 8 name MOPAC, 1, 3, 4, 5, 6 and 7
the Met. HC 179 (corpus): its "Conclusions and recommendations" number fourteen.
"""
import pytest

from graph.answers import GraphAnswerer
from test_web import app, client  # noqa: F401  (the app over the bundled report, hashing encoder)

MOPAC = {f"Recommendation {n}" for n in (1, 2, 7, 8)}
MET = {f"Recommendation {n}" for n in (1, 3, 4, 5, 6, 7)}
ALL = [f"Recommendation {n}" for n in range(1, 9)]


@pytest.fixture
def answerer(graph_engine):
    """The graph answers over the embedded store, then over an Oxigraph server (tests/conftest.py), with the
    registry's names a report may call its own body by (as qa.corpus.Corpus gives them)."""
    from qa.corpus import cached_corpus

    return GraphAnswerer(graph_engine, own_names=cached_corpus().registry.reports_calling)


def ask(client, question: str) -> dict:
    body = client.get("/api/ask", query_string={"q": question, "k": 10}).get_json()
    assert body["found"] and body["answer"].get("facts"), (question, body["answer"]["text"])
    return body


@pytest.mark.parametrize("question, relation, expected", [
    ("List the recommendations for MOPAC.", "addressedTo", MOPAC),
    ("Show me the recommendations to the Met", "addressedTo", MET),
    ("Which recommendations is the Mayor's Office for Policing and Crime expected to implement?", "addressedTo", MOPAC),
    ("Which recommendations is the Met required to act on?", "addressedTo", MET),
    ("How many recommendations are addressed to MOPAC?", "addressedTo", MOPAC),  # the set, so the count too
    ("Which recs concern FGM?", "concerns", {"Recommendation 7"}),
    ("Who attended the meeting on 13 March 2014?", "gaveEvidenceOn",
     {"Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"}),
    ("Who spoke at the meeting on 13 March 2014?", "gaveEvidenceOn",
     {"Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"}),
    ("What units make up the Sexual Offences, Exploitation and Child Abuse Command?", "subOrganizationOf",
     {"CAIT", "Project Azure"}),
    ("Which body holds the Met to account?", "holdsToAccount", {"MOPAC"}),
    ("Who is responsible for overseeing the Met?", "oversees", {"MOPAC", "Violence Against Women and Girls Panel"}),
    # the parts a body was formed from, asked the other way round (the pattern put SOECA at the wrong end)
    ("Which commands were merged to create SOECA?", "formedByMergerOf", {"SCO2", "SCO5"}),
    ("What merged to form SOECA?", "formedByMergerOf", {"SCO2", "SCO5"}),
])
def test_more_ways_to_ask_for_a_relation(answerer, question, relation, expected):
    got = answerer.answer(question)
    assert got is not None, question
    assert {f["relation"] for f in got.facts} == {relation}
    assert set(got.items) == expected


@pytest.mark.parametrize("question", [
    # another document, another author, or more than the set (review: each gave the report's whole set)
    "How many recommendations did Lord Laming make?", "How many recommendations have been implemented?",
    "How many recommendations were accepted by the Met?", "How many recommendations has the Government accepted?",
    "How many recommendations in the Laming report were implemented?",
    "What were the recommendations of the Laming review?", "What were the HMIC's recommendations?",
    "What are the Met's recommendations?", "Which organisations made recommendations to the committee?",
    "Which organisations are directly affected by the recommendations?",
    "Who were the recommendations made by the review?"])
def test_what_is_not_the_whole_set(answerer, question):
    got = answerer.answer(question)
    assert got is None or got.query["name"] != "recommendation", (question, got.text)


@pytest.mark.parametrize("question", ["What are the recommendations in the report about training?",
                                      "List the recommendations in the report about FGM"])
def test_a_topic_after_the_report_is_that_topics_set(answerer, question):
    got = answerer.answer(question)
    assert got is not None and got.query["name"] in ("relation-facts", "recommendations-mentioning")
    assert len(got.items) < len(ALL)


@pytest.mark.parametrize("question", ["How many recommendations does the report make?",
                                      "How many recommendations are there?",
                                      "how many recommendations did the working group make"])
def test_how_many_recommendations(client, question):
    answer = ask(client, question)["answer"]
    assert answer["text"] == "The report makes 8 recommendations: Recommendations 1, 2, 3, 4, 5, 6, 7 and 8."
    assert [f["subject"] for f in answer["facts"]] == ALL
    assert answer["query"]["name"] == "recommendation"


@pytest.mark.parametrize("question", ["List the recommendations", "What are the report's recommendations?",
                                      "What are all the recommendations?", "Show me all of the recommendations.",
                                      # "the recommendations in the report" names no other report (review)
                                      "What were the recommendations of the committee?",
                                      "What are the recommendations in the report?",
                                      "List the recommendations in the report",
                                      "What were all the recommendations made in the report?"])
def test_every_recommendation_in_full(client, question):
    body = ask(client, question)
    facts = body["answer"]["facts"]
    texts = [f for f in facts if f["relation"] == "text"]
    assert [f["subject"] for f in texts] == ALL
    # each fact's evidence is the passage that holds the recommendation's words, and that passage is cited
    cited = {p["id"]: p["text"] for p in body["passages"]}
    for f in texts:
        passage = f["evidence"]["passage"]
        assert passage in cited and " ".join(f["object"].split()[:8]) in " ".join(cited[passage].split())
    addressed = {(f["subject"], f["object"]) for f in facts if f["relation"] == "addressedTo"}
    assert {s for s, o in addressed if o == "MOPAC"} == MOPAC


@pytest.mark.parametrize("question", ["Which organisations are the recommendations of the report addressed to?",
                                      "Which organisations does the report address recommendations to?",
                                      "To whom are the recommendations addressed?",
                                      "Who are the recommendations addressed to?",
                                      "Which bodies are the recommendations aimed at?"])
def test_the_bodies_recommendations_are_addressed_to(client, question):
    answer = ask(client, question)["answer"]
    by_body: dict[str, set[str]] = {}
    for f in answer["facts"]:
        assert f["relation"] == "addressedTo" and f["evidence"]["passage"]
        by_body.setdefault(f["object"], set()).add(f["subject"])
    assert by_body == {"MOPAC": MOPAC, "Met": MET}
    assert answer["text"] == ("The recommendations are addressed to MOPAC and Met (MOPAC: Recommendations 1, 2, 7 and "
                              "8; Met: Recommendations 1, 3, 4, 5, 6 and 7).")


def test_numbered_recommendations_keep_their_numbers(answerer):
    """A question that names recommendations asks of those, not of the whole set."""
    got = answerer.answer("Which bodies are recommendations 3 and 4 addressed to?")
    assert got is not None and got.query["name"] == "recommendation"
    assert got.items == ["Met"]  # who is to act: the addressees of those two
    assert [f["subject"] for f in got.facts if f["relation"] == "text"] == ["Recommendation 3", "Recommendation 4"]
    assert {(f["subject"], f["object"]) for f in got.facts if f["relation"] == "addressedTo"} == {
        ("Recommendation 3", "Met"), ("Recommendation 4", "Met")}


def test_how_many_of_a_topic_is_that_topics_set(answerer):
    got = answerer.answer("How many recommendations concern FGM?")
    assert got.query["name"] == "relation-facts" and got.items == ["Recommendation 7"]


@pytest.mark.parametrize("question", ["What are the risks of the recommendations?", "Which organisations gave evidence?",
                                      "Which organisations are the recommendations about?"])
def test_not_every_question_about_recommendations_is_the_whole_set(answerer, question):
    got = answerer.answer(question)
    assert got is None or got.query["name"] != "recommendation", got.text


def test_counted_report_by_report(corpus_reports, corpus_build_dir):
    """With the corpus loaded, each report's count under its own title; a report the question names bounds it."""
    from web.app import create_app

    corpus_app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": corpus_build_dir, "REPORTS": corpus_reports})
    try:
        corpus_client = corpus_app.test_client()
        text = ask(corpus_client, "How many recommendations are there?")["answer"]["text"]
        assert "Environmental impact of microplastics makes 14 recommendations" in text
        assert "makes 8 recommendations: Recommendations 1, 2, 3, 4, 5, 6, 7 and 8" in text
        named = ask(corpus_client, "How many recommendations does the microplastics report make?")["answer"]
        assert named["text"].startswith("Environmental impact of microplastics makes 14 recommendations")
        assert len(named["facts"]) == 14 and ";" not in named["text"]
    finally:
        corpus_app.extensions["kgqa"].close()


@pytest.mark.parametrize("question", ["List the witnesses.", "Name the witnesses who appeared before the working group",
                                      # the report never writes "the working group": its body's head noun
                                      "Who gave evidence to the working group?",
                                      "Who did the working group hear from?", "Show me all the witnesses"])
def test_more_ways_to_ask_for_the_witnesses(answerer, question):
    # "the witnesses" are those heard; "who gave evidence" takes in those who wrote too (test_graph_answers)
    asked = "Who were the witnesses?" if "witnesses" in question else "Who gave evidence to the committee?"
    everyone = answerer.answer(asked)
    got = answerer.answer(question)
    assert got is not None and got.query["name"] == "witnesses", question
    assert got.items == everyone.items and "Sue Berelowitz" in got.items


@pytest.mark.parametrize("question", ["Name the witnesses who appeared before the Home Affairs Committee",
                                      "Who did MOPAC hear from?", "Who gave evidence to the panel?"])
def test_the_witnesses_of_another_body_are_still_not_this_reports(answerer, question):
    assert answerer.answer(question) is None


def test_a_common_noun_is_no_reports_own_body_on_the_corpus(corpus_reports, corpus_build_dir):
    """Only a name a report's own body gives ("the working group": the bundled report's Safeguarding Working
    Group) stands for it; "the panel", "the board" or "the council" name no report's own body on any of the four."""
    from web.app import create_app

    corpus_app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": corpus_build_dir,
                             "REPORTS": corpus_reports})
    try:
        corpus_client = corpus_app.test_client()
        for question in ("Who gave evidence to the panel?", "Who gave evidence to the board?",
                         "Who gave evidence to the department?", "Who gave evidence to Unilever?", "Who did the board hear from?",
                         "Who gave evidence to the agency?", "Who gave evidence to the council?"):
            answer = corpus_client.get("/api/ask", query_string={"q": question}).get_json()["answer"]
            assert (answer.get("query") or {}).get("name") != "witnesses", (question, answer["text"])
        answer = ask(corpus_client, "Who gave evidence to the working group?")["answer"]
        assert answer["query"]["name"] == "witnesses" and "Sue Berelowitz" in answer["items"]
        assert set(answer["items_by_report"]) == {"london-assembly-safeguarding-children-met-2014"}
    finally:
        corpus_app.extensions["kgqa"].close()


@pytest.mark.parametrize("question", ["Which body oversees the Met?", "Which bodies oversee the Met?",
                                      "What organisation scrutinises the Met?"])
def test_which_body_oversees(answerer, question):
    got = answerer.answer(question)
    assert got is not None and got.items == answerer.answer("Who oversees the Met?").items
    assert "MOPAC" in got.items
