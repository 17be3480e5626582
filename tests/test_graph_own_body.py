"""A report's names for its own body ("the Committee", "the Sub-Committee", "this Inquiry") name that body, in that
report only: relation questions that use them are answered for the body, by its own name."""
from __future__ import annotations

import textwrap

import pytest

from graph.answers import GraphAnswerer
from graph.build import build_graph
from graph.entities import build_registry, self_names
from graph.store import QueryEngine
from ingest.parse import parse_report

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to us about their own experience of the wards.")


def _page(*paragraphs: str) -> str:
    """One page of text as pdftotext writes it: lines wrapped at 90 characters, a blank line between paragraphs."""
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in paragraphs) + "\n"


def _lords(name: str, topic: str, sub: str, chair: str, sub_chair: str, says: str) -> str:
    """A made-up Lords report: the Select Committee's member list, then the list of the Sub-Committee that carried
    out the inquiry, then a chapter that speaks of the bodies as the report does (says)."""
    return "\f".join([
        _page("HOUSE OF LORDS", f"Select Committee on {name}", "1st Report of Session 2019–21", topic, "Report"),
        _page(f"The Members of the Select Committee on {name} are:", f"Lord Krebs    {chair} (Chairman)",
              "Lord Rooker    Lord Winston", "Declarations of interest are set out in Appendix 1."),
        _page(f"The Members of the Sub-Committee which carried out this inquiry ({sub}) are:",
              f"Lord Patel    {sub_chair} (Chairman)", "Lord Warner"),
        _page("1. Introduction", f"1.1. {says} {FILL}", f"1.2. {FILL}")])


@pytest.fixture(scope="module")
def two_reports():
    """Two Lords reports, each with its own Committee and Sub-Committee: "the Sub-Committee" is a different body in
    each."""
    risk = parse_report(_lords("Risk", "Flood Risk", "Risk Sub-Committee B", "Baroness Hale", "Baroness Neuberger",
                               "The Sub-Committee took evidence from forty witnesses, and the Committee agreed this "
                               "report."), "risk.txt")
    water = parse_report(_lords("Water", "Water Supply", "Water Sub-Committee II", "Lord May", "Lord Rees",
                                "The Committee thanks the Sub-Committee for its work."), "water.txt")
    return [risk, water]


def _facts(answer) -> list[tuple[str, str, str]]:
    return [(f["subject"], f["relation"], f["object"]) for f in answer.facts]


def test_the_sub_committee_is_the_one_the_report_names_as_its_own(two_reports):
    answerer = GraphAnswerer(QueryEngine(build_graph(two_reports[:1])))
    chair = answerer.answer("Who chaired the sub-committee?")
    assert _facts(chair) == [("Baroness Neuberger", "headOf", "Risk Sub-Committee B")]
    assert chair.text == "Baroness Neuberger chairs Risk Sub-Committee B."  # the body by its own name
    members = answerer.answer("Who are the members of the Sub-Committee?")
    assert {f[0] for f in _facts(members)} == {"Lord Patel", "Baroness Neuberger", "Lord Warner"}
    # "the Committee" is the Select Committee that publishes the report, not its Sub-Committee
    assert _facts(answerer.answer("Who chairs the Committee?")) == [("Baroness Hale", "headOf",
                                                                     "Select Committee on Risk")]
    assert {f[0] for f in _facts(answerer.answer("Who sat on this committee?"))} == {
        "Baroness Hale", "Lord Krebs", "Lord Rooker", "Lord Winston"}
    # a name the report never gives itself names nothing: left to the passages
    assert answerer.answer("Who chaired the working group?") is None


def test_with_two_reports_each_names_its_own_body(two_reports):
    """With both reports loaded, "the sub-committee" is each report's own, each fact from its own report; a
    report the question names bounds it to that one."""
    registry = build_registry(two_reports)
    answerer = GraphAnswerer(QueryEngine(build_graph(two_reports, registry)), {r.id: r.title for r in two_reports})
    chair = answerer.answer("Who chaired the sub-committee?")
    assert {(f["subject"], f["object"], f["report"]) for f in chair.facts} == {
        ("Baroness Neuberger", "Risk Sub-Committee B", "risk"), ("Lord Rees", "Water Sub-Committee II", "water")}
    assert "Lord Rees chairs Water Sub-Committee II (in Water Supply)" in chair.text
    bound = answerer.answer("Who chaired the sub-committee in the water supply report?")
    assert _facts(bound) == [("Lord Rees", "headOf", "Water Sub-Committee II")]
    # one registry: the short name is no alias of either body, and lookup names one only within one report
    assert registry.resolve("the Sub-Committee") is None and registry.lookup("the Sub-Committee") is None
    assert [e.pref for e in registry.own_bodies("the sub-committee", ["water"])] == ["Water Sub-Committee II"]


@pytest.mark.parametrize("name, nouns", [
    ("Environmental Audit Committee", ["Committee", "Audit Committee"]),
    ("Science and Technology Sub-Committee I", ["Sub-Committee", "Technology Sub-Committee"]),
    ("Select Committee on Risk", ["Committee", "Select Committee"]),
    ("Safeguarding Working Group", ["Group", "Working Group"]),
    ("Post Office Horizon IT Inquiry", ["Inquiry", "IT Inquiry"]),
    ("Expert Panel B", ["Panel", "Expert Panel"]),
    ("Behaviour Change", []),  # no noun of a body: a title, not a body
])
def test_the_nouns_a_body_is_called_by_in_its_own_report(name, nouns):
    assert self_names(name) == nouns


def test_a_question_may_call_a_body_by_a_name_its_report_never_writes(two_reports, tmp_path):
    """The Risk report writes "the Sub-Committee" and never "the risk sub-committee"; a reader may. A name that fits
    one body of the reports in scope names it in a question; "the sub-committee", each report's own, names neither
    while both are loaded."""
    from qa.encoder import HashingEncoder
    from qa.service import QA

    registry = build_registry(two_reports)
    assert registry.own_bodies("the risk sub-committee") == []  # never written
    assert [e.pref for e in registry.self_named("the risk sub-committee")] == ["Risk Sub-Committee B"]
    assert len(registry.self_named("the sub-committee")) == 2

    def own(qa, question):
        return [(e["label"], e["by"]) for e in qa.ask(question)["answer"]["entities"] if e["by"] == "own body"]

    both = QA(two_reports, HashingEncoder(), cache_dir=tmp_path)
    assert own(both, "What evidence did the risk sub-committee take?") == [("Risk Sub-Committee B", "own body")]
    assert own(both, "What evidence did the sub-committee take?") == []
    one = QA(two_reports[:1], HashingEncoder(), cache_dir=tmp_path)
    assert own(one, "What evidence did the sub-committee take?") == [("Risk Sub-Committee B", "own body")]
