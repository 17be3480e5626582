"""Relation rules tested on an invented inquiry report (the rules, not the corpus's wording): a title in apposition
that makes a person a body's head, a quoted short name in brackets, a body that sat above another, a group the
report never names, and a heading that stands over recommendations alone."""
from __future__ import annotations

import textwrap

import pytest

from graph.answers import GraphAnswerer
from graph.build import build_graph
from graph.entities import build_registry, definitions
from graph.network import build_network
from graph.store import QueryEngine
from ingest.parse import parse_report

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to us about their own experience of the piers.")


def _page(*paragraphs: str) -> str:
    """One page of text as pdftotext writes it: lines wrapped at 90 characters, a blank line between paragraphs."""
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in paragraphs) + "\n"


PIER = "\f".join([
    _page("Pier Safety Inquiry", "Report: Volume 1",
          "Presented to Parliament pursuant to Section 26 of the Inquiries Act 2005"),
    _page("1. INTRODUCTION", f"1.1. This is the report of the Pier Safety Inquiry. {FILL}",
          f"1.2. Dr Tom Reed, Head of the Pier Safety Unit, told us that the lights were often broken. {FILL}",
          f"1.3. Dr Ian Vale, Medical Director of the Harbour Clinic Trust, said that injuries had risen. {FILL}",
          "1.4. DCS Ann Cole (Detective Chief Superintendent responsible for the Harbour Crime Command) told us "
          f"about thefts on the piers. Ms Ann Cole said that thefts had fallen. {FILL}"),
    _page("2. GOVERNANCE",
          f"2.1. The Pier Safety Unit has a steering group chaired by Sir Tim Vance, the Harbour Master. {FILL}",
          "2.2. In 2022, a sub-committee of the Harbour Board (now known as the “Lights Committee”) was "
          "constituted. It has always consisted of members of the Harbour Board. In the hierarchy of committees, "
          "this sub-committee sat above a committee now known as the Beacon Matters Committee, which meets weekly.",
          "2.3. Currently, there are two sub-committees of the Beacon Matters Committee. These are the Harbour "
          f"Claims Review Committee (the “Review Committee”) and the Mooring Decision Committee. {FILL}",
          f"2.4. The board of directors of the Harbour Company (the “Company Board”) meets monthly. {FILL}"),
    _page("3. CONCLUSIONS AND RECOMMENDATIONS",
          "Pier lighting",
          "3.1. We recommend that the Harbour Board replace every broken lamp on the piers within a year.",
          "3.2. We recommend that the Harbour Board publish the lamp survey.",
          "Mooring fees",
          "3.3. We recommend that the Harbour Company freeze its charges for the next three years.",
          f"3.4. Charges for moorings have doubled since 2020. {FILL}"),
])


@pytest.fixture(scope="module")
def pier():
    return parse_report(PIER, "pier.txt")


@pytest.fixture(scope="module")
def registry(pier):
    return build_registry([pier])


@pytest.fixture(scope="module")
def answerer(pier, registry):
    ds = build_graph([pier], registry)
    return GraphAnswerer(QueryEngine(ds), {pier.id: pier.title}, network=lambda: build_network(ds))


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
