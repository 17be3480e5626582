"""Relation questions answered from the knowledge graph: the whole set, each fact with its evidence."""
import pytest

from graph.answers import GraphAnswerer, speaks_of
from test_web import app, client  # noqa: F401  (the app over the bundled report, hashing encoder)

RID = "london-assembly-safeguarding-children-met-2014"


@pytest.fixture
def answerer(graph_engine):
    """The graph answers over the embedded store, then over an Oxigraph server (tests/conftest.py), with the
    registry's reports' own bodies, as qa.corpus.Corpus gives them."""
    from qa.corpus import cached_corpus

    return GraphAnswerer(graph_engine, own_names=cached_corpus().registry.reports_calling)


# question -> (the relation, the set the graph holds, as the answer lists it)
QUESTIONS = [
    ("Which recommendations are addressed to MOPAC?", "addressedTo",
     {"Recommendation 1", "Recommendation 2", "Recommendation 7", "Recommendation 8"}),
    ("Which recommendations are addressed to the Met?", "addressedTo",
     {f"Recommendation {n}" for n in (1, 3, 4, 5, 6, 7)}),
    ("What must MOPAC do?", "addressedTo",
     {"Recommendation 1", "Recommendation 2", "Recommendation 7", "Recommendation 8"}),
    ("Which recommendations concern FGM?", "concerns", {"Recommendation 7"}),
    ("Which recommendations set a deadline?", "deadline", {"Recommendation 3", "Recommendation 6", "Recommendation 8"}),
    ("Who gave evidence to the working group on 13 March 2014?", "gaveEvidenceOn",
     {"Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"}),
    ("Which teams sit within SOECA?", "subOrganizationOf", {"CAIT", "Project Azure"}),
    ("Where does Project Azure sit?", "subOrganizationOf", {"SOECA"}),
    ("Who holds the Met to account?", "holdsToAccount", {"MOPAC"}),
    ("What was SOECA formed from?", "formedByMergerOf", {"SCO2", "SCO5"}),
]


@pytest.mark.parametrize("question, relation, expected", QUESTIONS)
def test_relation_questions_get_the_whole_set(answerer, question, relation, expected):
    got = answerer.answer(question)
    assert got is not None, question
    assert {f["relation"] for f in got.facts} == {relation}
    named = {f["subject"] for f in got.facts} | {f["object"] for f in got.facts}
    assert expected <= named, (expected - named)
    for item in expected:  # the sentence names every item ("Recommendations 1, 2, 7 and 8 …")
        assert item.removeprefix("Recommendation ") in got.text
    for f in got.facts:  # every fact has its evidence: a passage with its page, or a note
        ev = f["evidence"]
        assert (ev["passage"] and ev["passage"].startswith(RID) and ev["page"]) or ev["note"], f
        assert f["report"] == RID


MET = "Recommendations 1, 3, 4, 5, 6 and 7 are addressed to the Met"
MOPAC = "Recommendations 1, 2, 7 and 8 are addressed to MOPAC"


@pytest.mark.parametrize("question, said", [
    # words after a name that do not carry it on
    ("Which recommendations are addressed to MOPAC in 2014?", MOPAC),
    ("Which recommendations are addressed to MOPAC about FGM?", MOPAC),
    ("Which recommendations are addressed to MOPAC and the Met?", MOPAC),
    ("Which recommendations are addressed to the Met for 2015?", MET),
    ("Which recommendations are addressed to the Met, MOPAC and the LSCB?", MET),
    # words that carry it on, all of them words of its own names
    ("Which recommendations are addressed to the Met Police?", MET),
])
def test_a_name_keeps_its_link_unless_it_is_cut_short_of_another(answerer, question, said):
    got = answerer.answer(question)
    assert got is not None and said in got.text


def test_who_is_held_to_account_reads_as_a_sentence(answerer):
    assert answerer.answer("Who does MOPAC hold to account?").text == "MOPAC holds Met to account."


def test_every_witness_day_by_day_with_the_list_as_evidence(answerer):
    got = answerer.answer("Who gave evidence to the Safeguarding Working Group?")
    assert got is not None and got.query["name"] == "witnesses"
    assert "on 13 March 2014, Cheryl Coppell, Helen Bailey, Mark Rowley and Yvette Stanley" in got.text
    assert {"Sue Berelowitz", "Kathy Evans", "Mark Rowley", "Helen Bailey"} <= set(got.items)
    days = {f["subject"]: f["object"] for f in got.facts if f["relation"] == "gaveEvidenceOn"}
    assert days["Sue Berelowitz"] == "2014-02-13" and days["Mark Rowley"] == "2014-03-13"
    for f in got.facts:  # the witness list's passage, on its page
        assert f["evidence"]["passage"].startswith(RID) and f["evidence"]["page"] in (35, 36), f
    # the report's own body by its own name gives the same list; "the witnesses" are those heard at its two
    # meetings, not the two doctors its written-evidence list names (PDF p.36)
    assert answerer.answer("Who gave evidence to the committee?").items == got.items
    wrote = {"Peter Green", "Jason Payne-James"}
    assert wrote <= set(got.items)
    for question in ("Who were the witnesses?", "Which witnesses appeared?"):
        assert answerer.answer(question).items == [n for n in got.items if n not in wrote], question


@pytest.mark.parametrize("question", ["Who gave evidence to the Home Affairs Committee?",
                                      "Who gave evidence to the Ministry of Magic?",
                                      # bodies the witnesses came from, named beside the list
                                      "Who gave evidence to MOPAC?", "Who gave evidence to the Met?",
                                      # more than the body: a topic is not every witness
                                      "Who gave evidence to the committee about child sexual exploitation?"])
def test_witnesses_of_another_body_are_not_this_reports(answerer, question):
    assert answerer.answer(question) is None
    assert answerer.answer(question, report=RID) is None  # nor when the question is asked of the report alone


def test_witnesses_of_a_month_are_that_months_not_every_witness(answerer):
    """More than the body: "in March 2014" asks for the witnesses of the sessions that month (13 March 2014)."""
    got = answerer.answer("Who gave evidence to the committee in March 2014?")
    assert sorted(got.items) == ["Cheryl Coppell", "Helen Bailey", "Mark Rowley", "Yvette Stanley"]
    assert {f["object"] for f in got.facts} == {"2014-03-13"}


def test_oral_evidence_is_the_witnesses_heard(answerer):
    everyone = answerer.answer("Who gave evidence to the committee?").items
    oral = answerer.answer("Which witnesses gave oral evidence?").items
    # the two doctors answered the written call for evidence (p.36)
    assert set(everyone) - set(oral) == {"Peter Green", "Jason Payne-James"}
    assert answerer.answer("Who gave written evidence?").items == ["Jason Payne-James", "Peter Green"]


@pytest.mark.parametrize("question, full", [("What does IDVA stand for?", "Independent Domestic Violence Advocate"),
                                            ("What is MOPAC short for?", "Mayor’s Office for Policing and Crime"),
                                            ("What does the acronym CAIT stand for?", "Child Abuse Investigation Team")])
def test_what_an_acronym_stands_for(answerer, client, question, full):
    got = answerer.answer(question)
    assert got is not None and got.query["name"] == "acronym" and got.items == [full]
    acronym = question.split()[-3]  # "What does IDVA stand for?", "What is MOPAC short for?"
    assert got.text == f"{acronym} stands for {full}."
    body = client.get("/api/ask", query_string={"q": question}).get_json()
    assert body["answer"]["text"] == got.text
    # the evidence writes the full name out, and is the first passage cited
    assert full.lower() in body["passages"][0]["text"].lower()
    assert body["passages"][0]["id"] == got.facts[0]["evidence"]["passage"]


@pytest.mark.parametrize("question", ["What does SCO2 stand for?",  # the rape command: a role, not its letters
                                      "What does the Met stand for?",  # a short name, no acronym
                                      "What does XYZZY stand for?"])
def test_what_is_no_acronym_of_a_name_is_left_to_the_passages(answerer, question):
    assert answerer.answer(question) is None


def test_units_are_followed_down_the_command(answerer):
    got = answerer.answer("Which units are part of the Met?")
    under = {f["subject"] for f in got.facts}
    assert {"SOECA", "CAIT", "Project Azure"} <= under  # CAIT is in SOECA, which is in the Met


@pytest.mark.parametrize("question", ["What did witnesses say about MASH seniority?",
                                      "How many child abuse investigation teams does SOECA have?",
                                      "Which recommendations are addressed to the Ministry of Magic?",
                                      # a known name ("the Met", "MOPAC") cut short of the name asked about
                                      "Which recommendations are addressed to the Met Office?",
                                      "Which recommendations are addressed to MOPAC Oversight Board?",
                                      "Which recommendations are addressed to the Met of Ruritania?"])
def test_other_questions_are_left_to_the_passages(answerer, question):
    assert answerer.answer(question) is None


def test_ask_answers_from_the_graph_with_its_evidence(client):
    body = client.get("/api/ask", query_string={"q": "Which recommendations are addressed to MOPAC?", "k": 5}).get_json()
    answer = body["answer"]
    assert body["found"] and answer["text"] == "Recommendations 1, 2, 7 and 8 are addressed to MOPAC."
    assert [f["subject"] for f in answer["facts"]] == [f"Recommendation {n}" for n in (1, 2, 7, 8)]
    assert all(set(f) >= {"subject", "relation", "object", "evidence"} for f in answer["facts"])
    assert all(set(f["evidence"]) >= {"passage", "note"} for f in answer["facts"])
    # the cited passages are the evidence, and each holds the recommendation it supports
    cited = [p["id"] for p in body["passages"]]
    assert cited == [f["evidence"]["passage"] for f in answer["facts"]]
    for f, p in zip(answer["facts"], body["passages"]):
        assert f["subject"] in p["text"]
    # the query can be rerun: the named query's page lists the same recommendations
    q = answer["query"]
    assert q["name"] == "relation-facts" and q["entities"][0]["name"] == "MOPAC" and "VALUES" in q["sparql"]
    rows = client.get("/api" + q["url"], headers={"Accept": "application/json"}).get_json()["rows"]
    assert sorted({r["subjectLabel"] for r in rows}) == [f"Recommendation {n}" for n in (1, 2, 7, 8)]


def test_what_the_committee_recommended_about_a_topic(client, answerer):
    """"The Committee" is the bundled report's own body (the Police and Crime Committee, its publisher); its
    Recommendation 4 (p.24): "The Met should work with partner agencies to explore opportunities to increase its
    investment in multi-agency training, in particular, MACIE training." A body that is no report's own is left to
    the passages."""
    body = client.get("/api/ask", query_string={"q": "What did the committee recommend about multi-agency training?",
                                                "k": 5}).get_json()
    assert body["found"] and [f["subject"] for f in body["answer"]["facts"]] == ["Recommendation 4"]
    assert "investment in multi-agency training" in body["passages"][0]["text"]
    assert answerer.answer("What did MOPAC recommend about training?") is None


def test_ask_page_lists_the_facts_with_links_to_evidence(client):
    html = client.get("/", query_string={"q": "Which recommendations set a deadline?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="facts"' in html and "By January 2015" in html
    assert html.count('class="fact"') == 3
    assert f"/passages/{RID}-p00" in html and "/queries/recommendation-deadlines" in html


def test_a_passage_question_keeps_its_passage_answer(client):
    body = client.get("/api/ask", query_string={"q": "What did witnesses say about MASH seniority?"}).get_json()
    assert body["found"] and "facts" not in body["answer"] and body["answer"]["sentences"]
    # each passage says which report it comes from, and so does the page
    titles = {p["report_title"] for p in body["passages"]}
    assert len(titles) == 1 and titles.pop()
    html = client.get("/", query_string={"q": "What did witnesses say about MASH seniority?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert html.count('<span class="report">') == len(body["passages"])


def test_a_body_the_graph_does_not_know_gets_no_facts_of_another(client):
    """The Met Office is not the Met: the answer lists none of the Met's recommendations as its own."""
    body = client.get("/api/ask", query_string={"q": "Which recommendations are addressed to the Met Office?"}).get_json()
    assert "facts" not in body["answer"] and "are addressed to" not in body["answer"]["text"]


def test_the_witness_list_is_the_answer_page_and_json(client):
    body = client.get("/api/ask", query_string={"q": "Who gave evidence to the committee?"}).get_json()
    assert body["answer"]["query"]["name"] == "witnesses" and len(body["answer"]["facts"]) == 14
    assert body["answer"]["text"].startswith("14 witnesses gave evidence: on 13 February 2014,")
    assert {p["id"] for p in body["passages"]} >= {f"{RID}-p0112", f"{RID}-p0113"}
    html = client.get("/", query_string={"q": "Who gave evidence to the committee?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert html.count('class="fact"') == 14 and "Cheryl Coppell" in html


def test_a_report_filter_keeps_the_answer_to_that_report(answerer):
    got = answerer.answer("Which recommendations are addressed to MOPAC?", report=RID)
    assert got is not None and len(got.facts) == 4
    assert answerer.answer("Which teams sit within SOECA?", report=RID).items == ["CAIT", "Project Azure"]
    assert answerer.answer("Which recommendations are addressed to MOPAC?", report="no-such-report") is None


def test_a_deadline_question_about_one_recommendation(answerer):
    got = answerer.answer("Is there a deadline for recommendation 6?")
    assert got.items == ["Recommendation 6"] and "within 12 months" in got.text
    assert answerer.answer("What is the deadline for Recommendation 2?") is None  # it sets none


@pytest.mark.parametrize("question", ["Which recommendations are addressed to " + "the " * 400 + "MOPAC?",
                                      "recommendations " * 300 + "x"])
def test_long_questions_are_left_to_the_passages(answerer, question):
    assert answerer.answer(question) is None


@pytest.mark.parametrize("question, person, day, written", [
    ("When did Cheryl Coppell give evidence?", "Cheryl Coppell", "2014-03-13", "13 March 2014"),
    ("On what date did AC Rowley give evidence?", "Mark Rowley", "2014-03-13", "13 March 2014"),
    ("When did Malcolm Ward appear before the working group?", "Malcolm Ward", "2014-02-13", "13 February 2014"),
])
def test_when_a_witness_gave_evidence(answerer, question, person, day, written):
    """The day from the witness list (its passage) and from the transcripts the notes cite (each note)."""
    got = answerer.answer(question)
    assert got.text == f"{person} gave evidence on {written}." and got.items == [day]
    assert {(f["subject"], f["relation"], f["object"]) for f in got.facts} == {(person, "gaveEvidenceOn", day)}
    listed = [f for f in got.facts if f["evidence"]["passage"]]
    assert listed and all(f["evidence"]["page"] == 35 for f in listed)  # the witness list, printed page 35
    assert any(f["evidence"]["note"] for f in got.facts)


def test_when_asks_only_about_people(answerer):
    assert answerer.answer("When did the Met give evidence?") is None


def test_the_ask_page_answers_when_a_witness_gave_evidence(client):
    body = client.get("/api/ask", query_string={"q": "When did Cheryl Coppell give evidence?"}).get_json()
    assert body["found"] and body["answer"]["text"] == "Cheryl Coppell gave evidence on 13 March 2014."
    assert body["passages"][0]["id"] == f"{RID}-p0113" and "13 March 2014" in body["passages"][0]["text"]
    rows = client.get("/api" + body["answer"]["query"]["url"], headers={"Accept": "application/json"}).get_json()["rows"]
    assert {r["date"] for r in rows} == {"2014-03-13"}


PATHS = [
    ("What is the path between MOPAC and CAIT?",
     [("MOPAC", "oversees", "Met"), ("SOECA", "is part of", "Met"), ("CAIT", "is part of", "SOECA")]),
    ("How is Project Azure connected to MOPAC?",
     [("Project Azure", "is part of", "SOECA"), ("SOECA", "is part of", "Met"), ("MOPAC", "oversees", "Met")]),
]


@pytest.mark.parametrize("question, steps", PATHS)
def test_path_questions_walk_the_network(graph_network, question, steps):
    """The explained path, hop by hop with its passage, on the embedded network and through the Oxigraph server."""
    from qa.corpus import cached_corpus

    engine = getattr(graph_network, "engine", None) or cached_corpus().engine
    got = GraphAnswerer(engine, network=lambda: graph_network).answer(question)
    assert [(f["subject"], f["relation_label"], f["object"]) for f in got.facts] == steps
    assert [f["relation"] for f in got.facts if f["relation_label"] == "is part of"] == ["subOrganizationOf"] * 2
    assert got.text.endswith("; ".join(" ".join(s) for s in steps) + ".")
    assert all(f["evidence"]["passage"].startswith(RID) and f["evidence"]["page"] for f in got.facts)


def test_a_path_question_names_two_entities_the_graph_knows(answerer):
    assert answerer.answer("What is the path between MOPAC and CAIT?") is None  # no network given: not answered
    from qa.corpus import cached_corpus

    corpus = cached_corpus()
    with_network = GraphAnswerer(corpus.engine, network=lambda: corpus.network)
    assert with_network.answer("What is the path between MOPAC and the Ministry of Magic?") is None
    assert with_network.answer("What is the path between MOPAC and CAIT?", report=RID) is None  # a filter: passages


def test_ask_answers_a_path_question_and_the_sparql_reruns_it(client):
    body = client.get("/api/ask", query_string={"q": "What is the path between MOPAC and CAIT?"}).get_json()
    answer = body["answer"]
    assert answer["text"] == ("MOPAC and CAIT are linked in 3 steps: MOPAC oversees Met; SOECA is part of Met; "
                              "CAIT is part of SOECA.")
    assert [p["id"] for p in body["passages"]] == [f["evidence"]["passage"] for f in answer["facts"]]
    assert answer["items"] == ["MOPAC", "Met", "SOECA", "CAIT"]
    rerun = client.get(answer["query"]["url"]).get_json()  # /api/path: the same hops
    assert [h["target_label"] for h in rerun["hops"]] == ["Met", "SOECA", "CAIT"]
    rows = client.post("/sparql", data={"query": answer["query"]["sparql"]},
                       headers={"Accept": "application/sparql-results+json"}).get_json()["results"]["bindings"]
    stated = {(r["subjectLabel"]["value"], r["objectLabel"]["value"]) for r in rows}
    assert {("MOPAC", "Met"), ("SOECA", "Met"), ("CAIT", "SOECA")} <= stated


def test_the_ask_page_reads_each_fact_in_words(client):
    html = client.get("/", query_string={"q": "When did Cheryl Coppell give evidence?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'title="gaveEvidenceOn">gave evidence on</span> 2014-03-13' in html
    html = client.get("/", query_string={"q": "What is the path between MOPAC and CAIT?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "shortest path</a> from MOPAC to CAIT." in " ".join(html.split()) and 'class="fact"' in html


def test_who_spoke_about_an_entity(client):
    """The speakers of the statements about FGM (named query statements-on-topic), each with the passage that quotes
    them; the query reruns on /queries and gives the same speakers."""
    body = client.get("/api/ask", query_string={"q": "Who raised concerns about FGM?", "k": 10}).get_json()
    answer = body["answer"]
    assert answer["query"]["name"] == "statements-on-topic" and answer["query"]["entities"][0]["name"] == "FGM"
    assert {f["relation"] for f in answer["facts"]} == {"spokeAbout"}
    assert {f["object"] for f in answer["facts"]} == {"FGM"}
    speakers = {f["subject"] for f in answer["facts"]}
    assert "Mark Rowley" in speakers and answer["text"].endswith("spoke about FGM.")
    assert all(s in answer["text"] for s in speakers)
    for f in answer["facts"]:
        assert f["evidence"]["passage"].startswith(RID) and f["evidence"]["page"] and f["evidence"]["quote"]
    assert [p["id"] for p in body["passages"]] == list(dict.fromkeys(f["evidence"]["passage"] for f in answer["facts"]))
    rows = client.get("/api" + answer["query"]["url"], headers={"Accept": "application/json"}).get_json()["rows"]
    assert speakers <= {r["speakerLabel"] for r in rows}
    # "witnesses" asks for people: the bodies that spoke (the Met, a foundation) are left out
    people = client.get("/api/ask", query_string={"q": "Which witnesses spoke about FGM?"}).get_json()["answer"]
    assert {f["subject"] for f in people["facts"]} == {"Mark Rowley"}


def test_who_spoke_about_words_no_entity_names(answerer):
    """A topic the graph has no entity for: the statements in passages whose text holds the words."""
    got = answerer.answer("Who commented on training?")
    assert got is not None and got.query["name"] == "statements-mentioning"
    assert got.query["params"]["phrase"] == "training" and "Mark Rowley" in got.items  # "… invest more in multi-agency training"
    # "Sue Berelowitz told us how she would like to see the Met accelerating what they are doing in response to
    # CSE." speaks of CSE; "training" comes two sentences on, in what the Committee heard from others.
    assert "Sue Berelowitz" not in got.items
    assert all(f["relation"] == "spokeAbout" and f["object"] == "training" for f in got.facts)
    assert got.text.endswith("spoke about “training”.")


# An invented passage: a list names "car labelling" in passing; statements further on are about something else.
_PASSAGE = ("The team works on organ donation, car labelling and food hygiene. Its budget is small. Dr Lane said "
            "that the team began in 2010. In relation to food labelling, Ms Orr said that the evidence was mixed. "
            "Many shoppers read the labels. Some witnesses doubted that the labelling worked. Mr Pike told us that:")


@pytest.mark.parametrize("content, section, spoke", [
    ("the team began in 2010.", "The team", False),  # two sentences after the word: it was only listed
    ("the evidence was mixed.", "The team", True),  # its own sentence leads in with the word
    ("that:", "The team", True),  # the sentence before it is its lead-in
    ("the team began in 2010.", "Transitional issues: labelling", True),  # the section is about it
    ("not in this passage", "The team", True),  # the statement cannot be placed: the passage rule stands
])
def test_a_statement_speaks_of_words_in_its_sentence_lead_in_or_section(content, section, spoke):
    row = {"text": _PASSAGE, "content": content, "sectionTitle": section}
    assert speaks_of(row, "labelling") is spoke
    assert speaks_of({"content": content}, "labelling") is True  # no passage text: nothing to narrow by


@pytest.mark.parametrize("question", ["Who spoke about unicorns?", "Which witnesses commented on the weather in Paris?"])
def test_who_spoke_about_nothing_the_reports_hold_is_left_to_the_passages(answerer, question):
    assert answerer.answer(question) is None


def test_what_a_body_should_do_about_a_topic(client):
    """An addressee and a topic: the recommendations addressed to MOPAC that concern Serious Case Reviews, not all four."""
    body = client.get("/api/ask", query_string={"q": "What should MOPAC do about Serious Case Reviews?"}).get_json()
    answer = body["answer"]
    assert answer["items"] == ["Recommendation 2"]
    assert answer["text"].startswith("Recommendation 2 is addressed to MOPAC and concerns ")
    assert {f["relation"] for f in answer["facts"]} >= {"addressedTo"}
    assert "MOPAC should monitor and hold the Met to account on Serious Case Reviews" in body["passages"][0]["text"]


def test_what_a_body_should_do_about_a_topic_none_concerns_falls_back_to_passages(answerer):
    assert answerer.answer("What should MOPAC do about unicorns?") is None
    assert answerer.answer("What should MOPAC do?").items == [f"Recommendation {n}" for n in (1, 2, 7, 8)]


@pytest.mark.parametrize("question, numbers", [
    ("What does recommendation 3 say?", ["3"]),
    ("What is Recommendation 4?", ["4"]),
    ("Who is recommendation 2 addressed to?", ["2"]),
    ("Tell me about recommendations 1 and 7", ["1", "7"]),
    ("recommendation 8?", ["8"]),
])
def test_a_numbered_recommendation_is_answered_with_its_text(answerer, question, numbers):
    """The report's recommendations (pp.13-31): asked by number, the answer is each one's text, addressees and deadline."""
    got = answerer.answer(question)
    # asked who is to act, the set asked for is the addressees; asked what it says, the recommendations
    asked = ["MOPAC"] if question.startswith("Who") else [f"Recommendation {n}" for n in numbers]
    assert got is not None and got.items == asked
    for n in numbers:
        fact = next(f for f in got.facts if f["subject"] == f"Recommendation {n}" and f["relation"] == "text")
        assert fact["object"] and " ".join(fact["object"].split()) in got.text
        assert fact["evidence"]["passage"].startswith(RID) and fact["evidence"]["page"] in range(13, 32)
    relations = {(f["subject"], f["relation"], f["object"]) for f in got.facts}
    if numbers == ["3"]:  # "By January 2015, the Met should provide the Committee with a report …"
        assert {("Recommendation 3", "addressedTo", "Met"), ("Recommendation 3", "deadline", "By January 2015")} <= relations
        assert got.text.startswith("Recommendation 3: “The Met should include a robust evaluation")
    if numbers == ["2"]:
        assert ("Recommendation 2", "addressedTo", "MOPAC") in relations and "It is addressed to MOPAC." in got.text


@pytest.mark.parametrize("question", ["When is recommendation 3 due?",  # a deadline question: not the text
                                      "Which recommendations concern FGM?",
                                      # asking more than what it says: the passages answer
                                      "What did the Met say in response to recommendation 3?",
                                      "Which witnesses supported recommendation 4?",
                                      "What evidence supports recommendation 5?",
                                      "Who is recommendation 2 for and what did the Met say?"])
def test_only_a_question_about_the_recommendation_itself_gets_its_text(answerer, question):
    got = answerer.answer(question)
    assert got is None or got.query["name"] != "recommendation"


def test_a_range_of_recommendations_and_a_number_the_report_does_not_make(answerer):
    assert answerer.answer("What were recommendations 1 to 3?").items == [f"Recommendation {n}" for n in (1, 2, 3)]
    got = answerer.answer("What does recommendation 42 say?")  # the report makes eight
    assert not got.found and got.facts == []
    assert got.reason == "no recommendation is numbered 42: the reports' recommendations are numbered 1, 2, 3, 4, 5, 6, 7 and 8"


def test_ask_says_a_recommendation_number_the_report_does_not_make_is_not_found(client):
    body = client.get("/api/ask", query_string={"q": "What does recommendation 42 say?"}).get_json()
    assert body["found"] is False and "no recommendation is numbered 42" in body["answer"]["reason"]


def test_ask_quotes_a_numbered_recommendation_and_cites_its_passage(client):
    body = client.get("/api/ask", query_string={"q": "What does recommendation 5 say?"}).get_json()
    answer = body["answer"]
    assert body["found"] and answer["text"].startswith("Recommendation 5: “We recommend that the Met determine how")
    assert [p["id"] for p in body["passages"]] == [answer["facts"][0]["evidence"]["passage"]]
    assert "Recommendation 5" in body["passages"][0]["text"] and body["passages"][0]["page"] == 22
    rows = client.get("/api" + answer["query"]["url"], headers={"Accept": "application/json"}).get_json()["rows"]
    assert {r["recLabel"] for r in rows} == {"Recommendation 5"} and rows[0]["text"].startswith("We recommend")
    html = client.get("/", query_string={"q": "What does recommendation 5 say?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<span class="relation" title="text">reads</span> <q class="quote">We recommend that the Met' in html


def test_no_witness_on_a_day_the_witness_list_does_not_date_is_not_found(answerer):
    """The working group's witness list dates its sessions (13 March 2014 among them); asked for another day, the
    graph shows that no one gave evidence then, and says which days it does hold."""
    got = answerer.answer("Who gave evidence to the working group on 4 May 2014?")
    assert got is not None and not got.found and got.facts == [] and got.items == []
    assert got.reason.startswith("no witness gave evidence on 4 May 2014: the witness lists date their sessions")
    assert "13 March 2014" in got.reason
    assert answerer.answer("Who gave evidence to the working group on 13 March 2014?").found
    assert answerer.answer("Who gave evidence on 31 February 2014?") is None  # no such day: left to the passages


def test_ask_says_not_found_with_the_days_the_witness_list_holds(client):
    body = client.get("/api/ask", query_string={"q": "Which witnesses gave evidence on 4 May 2014?"}).get_json()
    assert body["found"] is False and "facts" not in body["answer"] and body["passages"]
    assert "no witness gave evidence on 4 May 2014" in body["answer"]["reason"] and "13 March 2014" in body["answer"]["reason"]
    html = client.get("/", query_string={"q": "Which witnesses gave evidence on 4 May 2014?"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "no witness gave evidence on 4 May 2014" in html


def test_a_day_the_passages_name_is_left_to_them(app):
    """"No listed witness that day" gives way when a passage near the question names the day: the text may say who
    spoke then (a hearing no witness list dates). A stand-in graph says "no witness" for 13 March 2014, a day the
    report's passages name, and the passages answer; for 4 May 2014, which no passage names, it stays not found."""
    from graph.answers import GraphAnswer
    qa = app.extensions["kgqa"].qa

    class NoSession:  # the graph's answer as it is for a day no witness list dates
        def answer(self, question, report=None):
            return GraphAnswer("The reports do not seem to cover this question.", [],
                               {"name": "witnesses-on-date", "params": {"date": "2014-03-13"}}, found=False, reason="x")
    real, qa.graph = qa.graph, NoSession()
    try:
        assert qa.ask("Who gave evidence to the working group on 13 March 2014?")["found"] is True
        qa.graph.answer = lambda question, report=None: GraphAnswer(
            "The reports do not seem to cover this question.", [], {"name": "witnesses-on-date", "params": {"date": "2014-05-04"}},
            found=False, reason="no witness gave evidence on 4 May 2014")
        assert qa.ask("Who gave evidence to the working group on 4 May 2014?")["found"] is False
    finally:
        qa.graph = real
