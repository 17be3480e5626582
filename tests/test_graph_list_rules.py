"""Rules behind list and relation answers, tested on an invented inquiry report (the rules, not the corpus's
wording): a definition made inside a quotation, a time limit counted from an event, a section heading that names
what its statements are about."""
from __future__ import annotations

import pytest

from graph.answers import GraphAnswerer
from graph.build import build_graph
from graph.entities import build_registry, own_texts, own_words
from graph.store import QueryEngine
from ingest.parse import parse_report
from qa.encoder import HashingEncoder
from qa.index import CorpusIndex

from invented_pages import FILL, page as _page


# An inquiry that quotes its interim report's recommendation: the quotation defines Boat Duty (BD) and Mooring Tax
# (MT); the report's own words use BD in another name ("the Ferry BD Working Party") and never use MT.
FERRY = "\f".join([
    _page("Ferry Safety Inquiry", "Report: Volume 1",
          "Presented to Parliament pursuant to Section 26 of the Inquiries Act 2005"),
    _page("1. INTRODUCTION", f"1.1. This is the report of the Ferry Safety Inquiry. {FILL}",
          f"1.2. The Harbour Compensation Scheme (“HCS”) pays boat owners for their losses. {FILL}"),
    _page("2. RECOMMENDATIONS",
          "1. The Harbour Authority and the Pier Board shall provide written responses to my recommendations "
          "by 10 October 2030, and shall publish them on their websites when they do so.",
          "2. Any claimant may accept the fixed offer up to and including the date which is two calendar months "
          "following the receipt of a first offer, and not after it.",
          "3. The Harbour Authority shall review the lighting of every pier as soon as is practicable."),
    _page("4. GOVERNANCE",
          f"4.1. In May 2021, the Harbour Authority set up the River Claims Panel to oversee the payments. {FILL}",
          f"4.2. Payments were made promptly to every claimant who applied, as the Pier Users Group had asked. {FILL}",
          "4.3. The Panel constituted by the Harbour Authority in May 2021 was chaired by Ms Alice Brook. Its other "
          "members were officials of the Harbour Authority.",
          "4.4. The fixed offers are governed by a steering group which is made up of officials of the Harbour "
          "Authority. The group is chaired by Mr Bob Hill. It meets every week.",
          "4.5. Ms Alice Brook said that the Panel met every month. Mr Bob Hill said that the group had met every "
          "week since it began.",
          "4.6. In 2022, a sub-committee of the Harbour Board (now known as the “Lights Committee”) was "
          "constituted. "
          "The Fares Panel, a sub-committee of the Harbour Board, meets every month."),
    _page("3. TAXATION",
          "3.1. Recommendation 4 of my interim report was in the following terms:",
          "“The Harbour Authority shall publish its plans for exempting payments from Boat Duty (BD) and from "
          "Mooring Tax (MT) as soon as it reasonably can.”",
          f"3.2. The report of the Ferry BD Working Party was published in 2020. {FILL}"),
])


@pytest.fixture(scope="module")
def ferry():
    return parse_report(FERRY, "ferry.txt")


@pytest.fixture(scope="module")
def answerer(ferry):
    registry = build_registry([ferry])
    return GraphAnswerer(QueryEngine(build_graph([ferry], registry)), {ferry.id: ferry.title})


def test_own_words_blank_quotations_but_not_quoted_names():
    text = "The Harbour Compensation Scheme (“HCS”) said: “we will pay every claimant within the year”."
    own, still_open = own_words(text)
    assert len(own) == len(text) and "(“HCS”)" in own and "claimant" not in own and not still_open
    # a quotation left open runs on into the next text, up to its closing mark; never into a numbered paragraph
    texts = ["3.4. It wrote: “Recommendation accepted", "Payments are exempt from MT.",
             "Details follow.” Then more.", "4.1. The Authority agreed."]
    assert [t.strip() for t in own_texts(texts)] == ["3.4. It wrote:", "", "Then more.", "4.1. The Authority agreed."]
    assert own_texts(["It wrote: “Open", "5.1. MT is a tax."])[1] == "5.1. MT is a tax."


def test_a_definition_inside_a_quotation_is_not_the_reports_when_its_own_words_use_the_short_form(ferry):
    """BD: the report's own words use it in another name, so the quotation's "Boat Duty (BD)" is the quoted
    writer's; MT: only the quotation uses it, so its definition is the report's; HCS: defined in its own words."""
    registry = build_registry([ferry])
    assert registry.resolve("BD") is None or registry.resolve("BD").pref != "Boat Duty"
    assert registry.resolve("MT").pref == "Mooring Tax"
    assert registry.resolve("HCS").pref == "Harbour Compensation Scheme"


def test_what_an_acronym_defined_only_in_a_quotation_stands_for(answerer):
    got = answerer.answer("What does BD stand for?")
    assert got is not None and got.found is False and got.facts == []
    assert "no report defines BD in its own words" in got.reason and "“Boat Duty (BD)” in a quotation" in got.reason
    assert got.evidence and got.evidence[0].startswith("ferry-")  # the quoting passage, shown beside the reason
    assert answerer.answer("What does MT stand for?").text == "MT stands for Mooring Tax."
    assert answerer.answer("What does ZQ stand for?") is None  # written nowhere: left to the passages


def test_the_passage_index_narrows_the_quotation_search(ferry):
    """With the passages that hold "(BD)" given by the passage index (as qa.corpus.Corpus gives them), the answer
    is the store search's, and a short form no passage holds asks the store nothing."""
    registry = build_registry([ferry])
    engine = QueryEngine(build_graph([ferry], registry))
    asked = []

    def holding(strings):
        asked.append(strings)
        return [p.id for p in ferry.passages if any(s in p.text for s in strings)]

    indexed = GraphAnswerer(engine, {ferry.id: ferry.title}, passages_holding=holding)
    plain = GraphAnswerer(engine, {ferry.id: ferry.title})
    got, want = indexed.answer("What does BD stand for?"), plain.answer("What does BD stand for?")
    assert (got.found, got.reason, got.evidence) == (want.found, want.reason, want.evidence) and got.found is False
    assert asked and asked[0] == ["(BD)", "(“BD”)"]
    queries = []
    engine.query, query = (lambda text, graphs=None: queries.append(text) or query(text, graphs)), engine.query
    try:
        assert indexed.answer("What does ZQ stand for?") is None
    finally:
        engine.query = query
    assert not any("kg:Passage" in q for q in queries)  # no passage holds "(ZQ)": the store is not searched


def test_a_passage_id_is_a_literal_in_the_query(ferry):
    """The ids the passage index gives go into the query as literals: an id holding a quote and a brace (a report
    read from JSON may carry any id) neither breaks the query nor changes its answer (review)."""
    registry = build_registry([ferry])
    engine = QueryEngine(build_graph([ferry], registry))
    holding = lambda strings: [p.id for p in ferry.passages if any(s in p.text for s in strings)] + [
        'ferry-p0016" } FILTER(false) #']
    got = GraphAnswerer(engine, {ferry.id: ferry.title}, passages_holding=holding).answer("What does BD stand for?")
    assert got is not None and got.found is False and got.evidence


def test_a_time_limit_counted_from_an_event_is_a_deadline(ferry, answerer):
    by = {r.label: r.deadline for r in ferry.recommendations}
    assert by["1"] == "by 10 October 2030"
    assert by["2"] == "two calendar months following the receipt of a first offer"
    assert by["3"] is None  # "as soon as is practicable" names no time
    got = answerer.answer("Which recommendations set a deadline?")
    assert got.items == ["Recommendation 1", "Recommendation 2"] and "2: two calendar months following" in got.text


# A Commons-style section headed by its topic: the second witness's quote stands in a passage of its own that never
# says "labelling"; the heading says what it is about.
PIERS = "\f".join([
    _page("House of Commons", "Transport Committee", "Pier Safety", "First Report of Session 2030–31"),
    _page("1 Introduction", f"1. {FILL}", f"2. {FILL}"),
    _page("2 Labelling of life jackets",
          "3. The Committee asked whether life jackets carry clear labels. Dr Jane Doe, Pier Trust, said that "
          "labelling was inconsistent across the operators.",
          "4. Operators believed it was unnecessary to change anything. Mr John Roe, Ferry Operators Association, "
          "said:",
          "“We would be telling passengers not to trust our boats.”",
          f"5. {FILL}"),
    _page("3 Lighting", "6. Ms Ann Poe, Harbour Lights, said that the lamps were too dim at night.", f"7. {FILL}"),
])


def test_a_statement_under_a_heading_that_names_the_topic_is_about_it():
    """"Who spoke about labelling?": Dr Doe says the word; Mr Roe's quote does not, but stands under the heading
    "Labelling of life jackets"; Ms Poe speaks under another heading and is not asked for."""
    report = parse_report(PIERS, "piers.txt")
    speakers = {s.speaker_name for s in report.statements}
    assert {"Dr Jane Doe", "Mr John Roe"} <= speakers or {"Jane Doe", "John Roe"} <= speakers, speakers
    answerer = GraphAnswerer(QueryEngine(build_graph([report], build_registry([report]))))
    got = answerer.answer("Which witnesses spoke about labelling?")
    assert got is not None and got.query["name"] == "statements-mentioning"
    assert {"Jane Doe", "John Roe"} <= {n.removeprefix("Dr ").removeprefix("Mr ") for n in got.items}, got.items
    assert not any("Poe" in n for n in got.items)


def test_the_passage_index_narrows_the_statements_near_words(tmp_path):
    """The passages the index finds holding the words, in their text or their section's title, narrow the store's
    search: the same speakers and facts, the query asks only for those passages, and words no passage holds ask
    the store nothing."""
    report = parse_report(PIERS, "piers.txt")
    engine = QueryEngine(build_graph([report], build_registry([report])))
    index = CorpusIndex([report], HashingEncoder(64), tmp_path)
    plain = GraphAnswerer(engine)
    narrowed = GraphAnswerer(engine, passages_mentioning=index.passages_mentioning)
    queries = []
    engine.query, query = (lambda text, graphs=None: queries.append(text) or query(text, graphs)), engine.query
    try:
        for question in ("Which witnesses spoke about labelling?", "Who spoke about labelling of life jackets?",
                         "Who spoke about the lamps?"):
            want, got = plain.answer(question), narrowed.answer(question)
            assert want is not None and got is not None, question
            assert (got.text, got.facts, got.evidence) == (want.text, want.facts, want.evidence), question
            near = [q for q in queries if "Statements near words" in q]
            assert len(near) == 2 and "VALUES ?passage" in near[1] and "VALUES ?passage" not in near[0]
            queries.clear()
        heading_only = [p for p in report.passages if "trust our boats" in p.text]
        assert heading_only and heading_only[0].id in index.passages_mentioning("labelling")  # by its section title
        queries.clear()
        assert narrowed.answer("Who spoke about harbour dredging?") is None
        assert not any("Statements near words" in q for q in queries)
    finally:
        engine.query = query


def test_a_body_named_by_its_noun_is_the_one_of_that_noun_named_last(ferry, answerer):
    """"The Panel constituted by the Harbour Authority … was chaired by Ms Alice Brook" points back two paragraphs to
    the River Claims Panel; "The group is chaired by Mr Bob Hill" points to "a steering group", which has no name:
    no fact, rather than the wrong body."""
    got = answerer.answer("What does Ms Alice Brook chair?")
    assert got is not None and [(f["subject"], f["relation"], f["object"]) for f in got.facts] == [
        ("Ms Alice Brook", "headOf", "River Claims Panel")]
    assert got.facts[0]["evidence"]["passage"].startswith("ferry-")
    assert answerer.answer("Who chairs the River Claims Panel?").items == ["Ms Alice Brook"]
    assert answerer.answer("What does Mr Bob Hill chair?") is None  # not the Pier Users Group, named before it


@pytest.mark.parametrize("body", ["Lights Committee", "Fares Panel"])
def test_a_sub_committee_of_a_body_is_part_of_it(answerer, body):
    """"a sub-committee of the Harbour Board (now known as the “Lights Committee”)" and "The Fares Panel, a
    sub-committee of the Harbour Board": each is part of the Board."""
    got = answerer.answer(f"What is the {body} part of?")
    assert got is not None and [(f["subject"], f["relation"], f["object"]) for f in got.facts] == [
        (body, "subOrganizationOf", "Harbour Board")]


def test_which_bodies_must_act_on_a_numbered_recommendation(answerer):
    """Asked who is to act, the set is the addressees ("Harbour Authority", "Pier Board"), not the recommendation;
    asked what it says, the recommendation."""
    who = answerer.answer("Which bodies must act on recommendation 1?")
    assert who is not None and sorted(who.items) == ["Harbour Authority", "Pier Board"]
    assert who.items_by_report == {"ferry": who.items} and "It is addressed to " in who.text
    assert answerer.answer("What does recommendation 1 say?").items == ["Recommendation 1"]


@pytest.mark.parametrize("question", ["List the recommendations for the Harbour Authority",
                                      "What are the recommendations to the Harbour Authority?",
                                      "Show me all recommendations for the Harbour Authority"])
def test_a_request_for_the_recommendations_for_a_body(answerer, question):
    got = answerer.answer(question)
    assert got is not None and got.items == ["Recommendation 1", "Recommendation 3"]
    assert got.text.startswith("Recommendations 1 and 3 are addressed to the Harbour Authority")


def test_written_only_people_are_left_out_only_where_the_report_heard_anyone():
    """heard(): in a report that heard oral evidence, a person who only wrote is no witness from a body; in a
    report that took written evidence only, everyone it lists is (review)."""
    from types import SimpleNamespace

    kinds = [{"w": "ann", "id": "oral-report", "kind": "written"}, {"w": "bob", "id": "oral-report", "kind": "oral"},
             {"w": "cy", "id": "written-report", "kind": "written"}]

    class Engine:
        def query(self, text, graphs=None):
            if "DISTINCT ?id" in text:  # the reports that heard anyone
                return SimpleNamespace(rows=[{"id": "oral-report"}])
            return SimpleNamespace(rows=kinds)

    rows = [{"subject": "ann", "report": "oral-report"}, {"subject": "bob", "report": "oral-report"},
            {"subject": "cy", "report": "written-report"}]
    kept = GraphAnswerer(Engine()).heard(rows, "subject")
    assert [r["subject"] for r in kept] == ["bob", "cy"]
