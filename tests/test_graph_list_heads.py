"""Relation rules tested on an invented inquiry report (the rules, not the corpus's wording): a title in apposition
that makes a person a body's head, a quoted short name in brackets, a body that sat above another, a group the
report never names, and a heading that stands over recommendations alone; and ordinary sentences with the rules'
words (sat under pressure, said that others have a committee, a generic heading) that must state nothing."""
from __future__ import annotations

import pytest
from rdflib import Literal

from graph.answers import GraphAnswerer
from graph.build import build_graph
from graph.entities import build_registry, definitions
from graph.namespaces import KG
from graph.network import build_network
from graph.store import QueryEngine
from ingest.parse import parse_report
from qa.encoder import HashingEncoder
from qa.service import QA

from invented_pages import FILL, page as _page


PIER = "\f".join([
    _page("Pier Safety Inquiry", "Report: Volume 1",
          "Presented to Parliament pursuant to Section 26 of the Inquiries Act 2005"),
    _page("1. INTRODUCTION", f"1.1. This is the report of the Pier Safety Inquiry. Pier lighting was the matter raised "
          f"with us most often. {FILL}",
          f"1.2. Dr Tom Reed, Head of the Pier Safety Unit, told us that the lights were often broken. {FILL}",
          f"1.3. Dr Ian Vale, Medical Director of the Harbour Clinic Trust, said that injuries had risen. {FILL}",
          "1.4. DCS Ann Cole (Detective Chief Superintendent responsible for the Harbour Crime Command) told us "
          f"about thefts on the piers. Ms Ann Cole said that thefts had fallen. {FILL}",
          "1.5. Ms Kay Lowe, Chief Executive of the Harbour Company, told us that charges had doubled, and that she "
          f"chairs a regional forum of ports. {FILL}"),
    _page("2. GOVERNANCE",
          f"2.1. The Pier Safety Unit has a steering group chaired by Sir Tim Vance, the Harbour Master. {FILL}",
          "2.2. In 2022, a sub-committee of the Harbour Board (now known as the “Lights Committee”) was "
          "constituted. It has always consisted of members of the Harbour Board. In the hierarchy of committees, "
          "this sub-committee sat above a committee now known as the Beacon Matters Committee, which meets weekly.",
          "2.3. Currently, there are two sub-committees of the Beacon Matters Committee. These are the Harbour "
          f"Claims Review Committee (the “Review Committee”) and the Mooring Decision Committee. {FILL}",
          f"2.4. The board of directors of the Harbour Company (the “Company Board”) meets monthly. {FILL}",
          # ordinary sentences with the words of the rules, stating no rank and no group
          "2.5. The Harbour Board sat under enormous pressure from the Pier Safety Unit during 2020. The Mooring "
          "Decision Committee stands under the supervision of nobody, unlike the Harbour Board. The Harbour Clinic "
          "Trust ranked below expectations, according to the Harbour Board. Officers of the Harbour Crime Command sit "
          f"above the Pier Safety Unit in the harbour tower. {FILL}",
          "2.6. The Harbour Board said that local fishermen have a residents committee chaired by Mr Paul Green. The "
          "Pier Safety Unit has an observer at board meetings of the Mooring Decision Committee. The Harbour Clinic "
          f"Trust had a board meeting in May. {FILL}",
          f"2.7. The Harbour Clinic Trust has a patients panel chaired by Miss Rose Hart. {FILL}"),
    _page("3. CONCLUSIONS AND RECOMMENDATIONS",
          "Pier lighting",
          "3.1. We recommend that the Harbour Board replace every broken lamp on the piers within a year.",
          "3.2. We recommend that the Harbour Board publish the lamp survey with the Pier Safety Unit.",
          "Mooring fees",
          "3.3. We recommend that the Harbour Company freeze its charges for the next three years.",
          f"3.4. Charges for moorings have doubled since 2020. {FILL}",
          "Other matters",
          "3.5. We recommend that the Harbour Board repaint the railings.",
          "3.6. We recommend that the Harbour Company publish its accounts.",
          "Next steps",
          "3.7. We recommend that the Harbour Board report on its progress within the next year."),
])


@pytest.fixture(scope="module")
def pier():
    return parse_report(PIER, "pier.txt")


@pytest.fixture(scope="module")
def registry(pier):
    return build_registry([pier])


@pytest.fixture(scope="module")
def dataset(pier, registry):
    return build_graph([pier], registry)


@pytest.fixture(scope="module")
def answerer(pier, dataset):
    return GraphAnswerer(QueryEngine(dataset), {pier.id: pier.title}, network=lambda: build_network(dataset))


@pytest.fixture(scope="module")
def qa(pier, registry, answerer, tmp_path_factory):
    """The asking service over the invented report, with its graph: what /api/ask answers."""
    return QA([pier], HashingEncoder(), cache_dir=tmp_path_factory.mktemp("pier-cache"), graph=answerer,
              registry=registry)


def _claims(dataset, rule: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of the claims one rule made, by the local names of their IRIs."""
    rows = dataset.query("""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE { GRAPH ?g { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ?r ?rule } }""",
                         initBindings={"rule": Literal(rule), "r": KG.rule})
    return {tuple(str(x).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for x in row) for row in rows}


def _facts(answer) -> list[tuple[str, str, str]]:
    return [(f["subject"], f["relation"], f["object"]) for f in answer.facts]


def test_a_title_in_apposition_makes_a_person_the_head_of_the_body_it_names(answerer):
    """"Dr Tom Reed, Head of the Pier Safety Unit, told us …" and "DCS Ann Cole (Detective Chief Superintendent
    responsible for the Harbour Crime Command)": each heads the body, and the answer says "heads", not "chairs"."""
    got = answerer.answer("Who leads the Pier Safety Unit?")
    assert got is not None and got.text == "Dr Tom Reed heads the Pier Safety Unit."
    assert _facts(got) == [("Dr Tom Reed", "headOf", "Pier Safety Unit")]
    fact = got.facts[0]
    assert fact["relation_label"] == "heads" and "Head of the Pier Safety Unit" in fact["evidence"]["quote"]
    assert fact["evidence"]["passage"] == "pier-p0005"
    got = answerer.answer("Who is the head of the Harbour Crime Command?")
    assert got is not None and got.items == ["Ms Ann Cole"] and "heads" in got.text
    assert "responsible for the Harbour Crime Command" in got.facts[0]["evidence"]["quote"]
    # a title that does not open the apposition heads nothing: a medical director is not the trust's head
    assert answerer.answer("Who leads the Harbour Clinic Trust?") is None


def test_a_quoted_short_name_in_brackets_is_the_same_body(answerer, registry):
    """"the Harbour Claims Review Committee (the “Review Committee”)": one body by either name; "the board of
    directors of the Harbour Company (the “Company Board”)" does not make the Company Board the Harbour Company."""
    got = answerer.answer("What is the Review Committee part of?")
    assert got is not None and _facts(got) == [("Harbour Claims Review Committee", "subOrganizationOf",
                                                "Beacon Matters Committee")]
    got = answerer.answer("Which committees sit under the Beacon Matters Committee?")
    assert got is not None and sorted(got.items) == ["Harbour Claims Review Committee", "Mooring Decision Committee"]
    company = registry.lookup("Harbour Company")
    assert company is not None and registry.lookup("Company Board") is not company
    # a short name must keep the name's head noun: a company's trading name is no committee's short name
    assert definitions("Pier Counters Limited (“the Pier Company”) ran the piers.") == []
    assert definitions("The Harbour Advisory Board (“the Advisory Board”) met.") == [("Harbour Advisory Board",
                                                                                      "Advisory Board")]


def test_a_body_that_sat_above_another_has_it_as_its_part(answerer):
    """"a sub-committee of the Harbour Board (now known as the “Lights Committee”) … this sub-committee sat above a
    committee now known as the Beacon Matters Committee": "this sub-committee" is the committee named before it,
    and the path from the Review Committee up to the Harbour Board goes through both."""
    got = answerer.answer("What is the Beacon Matters Committee part of?")
    assert got is not None and _facts(got) == [("Beacon Matters Committee", "subOrganizationOf", "Lights Committee")]
    assert "sat above" in got.facts[0]["evidence"]["quote"]
    path = answerer.answer("How is the Review Committee connected to the Harbour Board?")
    assert path is not None and [f["object"] for f in path.facts] == ["Beacon Matters Committee", "Lights Committee",
                                                                      "Harbour Board"]


def test_a_group_the_report_never_names_is_named_after_its_body(answerer):
    """"The Pier Safety Unit has a steering group chaired by Sir Tim Vance": a group that steers the unit (not a team
    of it), with its chair (a person named nowhere else, shown one by the honorific)."""
    got = answerer.answer("Who chairs the Pier Safety Unit's steering group?")
    assert got is not None and got.text == "Tim Vance chairs the Pier Safety Unit's steering group."
    assert _facts(got) == [("Tim Vance", "headOf", "Pier Safety Unit steering group")]
    assert got.facts[0]["relation_label"] == "chairs"
    got = answerer.answer("What does the Pier Safety Unit steering group oversee?")  # it steers the unit
    assert got is not None and got.items == ["Pier Safety Unit"]
    assert answerer.answer("Which teams are part of the Pier Safety Unit?") is None


def test_a_heading_over_recommendations_alone_names_their_topic(answerer):
    """"Pier lighting" stands over 3.1 and 3.2 alone, which never say the words: both concern it. "Mooring fees"
    stands over a paragraph of discussion too, so it names no topic of 3.3."""
    got = answerer.answer("Which recommendations concern pier lighting?")
    assert got is not None and got.items == ["Recommendation 3.1", "Recommendation 3.2"]
    assert got.text == "Recommendations 3.1 and 3.2 concern pier lighting."
    assert all(f["relation"] == "concerns" and f["evidence"]["passage"] for f in got.facts)
    assert answerer.answer("Which recommendations concern mooring fees?") is None


def test_words_of_standing_rank_no_body_unless_a_body_follows_them(answerer, dataset, qa):
    """"The Harbour Board sat under enormous pressure from the Pier Safety Unit", "stands under the supervision of
    nobody, unlike the Harbour Board", "ranked below expectations, according to the Harbour Board", "Officers of the
    Harbour Crime Command sit above the Pier Safety Unit": no body is named right after the direction, or the body
    before it is no subject; only "this sub-committee sat above a committee now known as …" ranks."""
    assert _claims(dataset, "ranked") == {("beacon-matters-committee", "subOrganizationOf", "lights-committee")}
    assert answerer.answer("What is the Harbour Board part of?") is None
    assert answerer.answer("What is the Harbour Clinic Trust part of?") is None
    assert answerer.answer("What is the Pier Safety Unit part of?") is None
    got = answerer.answer("What is the Mooring Decision Committee part of?")
    assert got is not None and _facts(got) == [("Mooring Decision Committee", "subOrganizationOf",
                                                "Beacon Matters Committee")]
    body = qa.ask("What is the Mooring Decision Committee part of?")
    assert body["answer"]["items"] == ["Beacon Matters Committee"]
    assert "Harbour Board" not in body["answer"]["text"]
    assert "part of" not in qa.ask("What is the Harbour Board part of?")["answer"]["text"]


def test_a_group_is_brought_in_only_by_the_body_that_has_it(answerer, dataset, registry, qa):
    """"The Harbour Board said that local fishermen have a residents committee chaired by Mr Paul Green" (the body is
    no subject of "have"), "The Pier Safety Unit has an observer at board meetings of …", "The Harbour Clinic Trust
    had a board meeting in May" (no whole noun phrase ending in the group noun) bring in no group; "… has a patients
    panel chaired by Miss Rose Hart" does, with its chair shown a person by any honorific ingest knows."""
    assert _claims(dataset, "unnamed-group") == {
        ("pier-safety-unit-steering-group", "oversees", "pier-safety-unit"),
        ("person-tim-vance", "headOf", "pier-safety-unit-steering-group"),
        ("harbour-clinic-trust-patients-panel", "subOrganizationOf", "harbour-clinic-trust"),
        ("person-rose-hart", "headOf", "harbour-clinic-trust-patients-panel")}
    for name in ("Harbour Board residents committee", "Pier Safety Unit observer at board", "Harbour Clinic Trust board"):
        assert registry.lookup(name) is None
    assert answerer.answer("Who chairs the Harbour Board residents committee?") is None
    assert answerer.answer("Which bodies are part of the Pier Safety Unit?") is None
    got = answerer.answer("Who chairs the Harbour Clinic Trust patients panel?")
    assert got is not None and got.text == "Rose Hart chairs the Harbour Clinic Trust patients panel."
    body = qa.ask("Who chairs the Harbour Clinic Trust patients panel?")
    assert body["answer"]["items"] == ["Rose Hart"] and body["answer"]["facts"][0]["relation_label"] == "chairs"
    assert "Paul Green chairs" not in qa.ask("Who chairs the Harbour Board residents committee?")["answer"]["text"]


def test_the_rule_not_the_quote_says_whether_a_head_chairs(answerer, qa):
    """"Ms Kay Lowe, Chief Executive of the Harbour Company, told us … that she chairs a regional forum": her title
    makes her the company's head; the word "chairs" elsewhere in the sentence does not make her its chair."""
    got = answerer.answer("Who leads the Harbour Company?")
    assert got is not None and got.text == "Ms Kay Lowe heads the Harbour Company."
    assert got.facts[0]["relation_label"] == "heads" and "chairs" in got.facts[0]["evidence"]["quote"]
    body = qa.ask("Who is the head of the Harbour Company?")
    assert body["answer"]["text"] == "Ms Kay Lowe heads the Harbour Company."


def test_a_heading_of_its_own_names_no_topic(pier, answerer, dataset, qa):
    """"Other matters" over 3.5 and 3.6 and "Next steps" over 3.7 stand over recommendations alone, but the report
    names neither anywhere else and the recommendations do not say their words: no topic. "Pier lighting", which
    the report names in 1.1, is one, and the facts show the heading as their evidence, beside the recommendation."""
    assert {o for _, _, o in _claims(dataset, "heading")} == {"pier-lighting"}
    assert answerer.answer("Which recommendations concern other matters?") is None
    assert answerer.answer("Which recommendations concern next steps?") is None
    body = qa.ask("Which recommendations concern other matters?")
    assert "concern other matters" not in body["answer"]["text"] and not body["answer"].get("facts")
    body = qa.ask("Which recommendations concern pier lighting?")
    assert body["answer"]["text"] == "Recommendations 3.1 and 3.2 concern pier lighting."
    assert [f["evidence"]["heading"] for f in body["answer"]["facts"]] == ["Pier lighting", "Pier lighting"]
    held = [p.id for p in pier.passages if p.text.startswith(("3.1.", "3.2."))]
    assert [f["evidence"]["passage"] for f in body["answer"]["facts"]] == held and len(held) == 2
    assert [p["id"] for p in body["passages"]] == held  # the recommendations are cited


def test_a_body_set_up_by_another_is_made_by_it_not_its_maker():
    """"The Lights Committee, set up by the Harbour Board in 2022, meets monthly": the committee was established by
    the board (the active "When the Harbour Board set up the Lights Committee" says the same), never the reverse."""
    for sentence in ("The Lights Committee, set up by the Harbour Board in 2022, meets monthly.",
                     "The Lights Committee was established by the Harbour Board in 2022.",
                     "When the Harbour Board set up the Lights Committee in 2022, it met monthly."):
        report = parse_report(_page("Pier Inquiry", "1. INTRODUCTION", f"1.1. {sentence} {FILL}"), "lights.txt")
        dataset = build_graph([report], build_registry([report]))
        made = _claims(dataset, "created-by") | _claims(dataset, "created-by-passive")
        assert made == {("lights-committee", "establishedBy", "harbour-board")}, (sentence, made)
    # what was made is no body named: "a steering committee established by the Harbour Board" is not the Pier
    # Safety Unit, the body named before it
    report = parse_report(_page("Pier Inquiry", "1. INTRODUCTION", "1.1. The Pier Safety Unit attended a steering "
                                f"committee established by the Harbour Board. {FILL}"), "steering.txt")
    dataset = build_graph([report], build_registry([report]))
    assert _claims(dataset, "created-by") | _claims(dataset, "created-by-passive") == set()
