"""One list of organisation nouns and one of number words (ingest/vocabulary.py), read alike by every stage:
a witness's affiliation, a note's source and the graph's kind for a name agree on what a body is, and a count
spelled in words is a count to the recommendations and to the answers alike."""
from __future__ import annotations

import textwrap

import pytest

from graph.entities import head_kind
from ingest.parse import parse_report
from ingest.people import ORG_WORDS
from ingest.sources.meetings import stated_organisation
from ingest.vocabulary import ORG_NOUNS, UNIT_NOUNS
from qa.notfound import _numbers

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to the Inquiry about their own experience of the wards.")


@pytest.mark.parametrize("noun", ORG_NOUNS)
def test_a_name_headed_by_an_organisation_noun_is_a_body_to_every_stage(noun):
    name = f"Northern {noun}"
    assert head_kind(name) == "organisation"  # the graph's entity kind
    assert ORG_WORDS.search(name)  # a witness list's affiliation, an addressee
    if noun not in ("Committee", "Panel"):  # those name the meeting itself in a transcript note
        assert stated_organisation(f"Jane Smith, {name}, Health Committee, 3 March 2014") == name


@pytest.mark.parametrize("noun", UNIT_NOUNS)
def test_a_name_headed_by_a_unit_noun_is_a_unit_and_an_affiliation(noun):
    assert head_kind(f"Northern {noun}") == "unit" and ORG_WORDS.search(f"Northern {noun}")


def test_a_post_is_no_body():
    """"Mr Justin King, Group Chief Executive, Sainsbury’s" (HL 179's evidence list): the post is no organisation."""
    assert head_kind("Group Chief Executive") is None and head_kind("Deputy Commissioner") is None
    assert head_kind("Better Regulation Executive") == "organisation"


def _report(*recommendations: str):
    page = lambda *ps: "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in ps) + "\n"  # noqa: E731
    recs = [x for i, r in enumerate(recommendations, 1) for x in (f"Recommendation {i}", r)]
    return parse_report("\f".join([page("The Riverside Hospital Inquiry", "Report"),
                                   page("1. Introduction", f"1.1. {FILL}", f"1.2. {FILL}"),
                                   page("2. Recommendations", *recs)]), "riverside.txt")


def test_deadlines_counted_in_words():
    report = _report("The Trust should publish its staffing levels within thirteen weeks.",
                     "The Department of Health should review the wards within twenty-four months.",
                     "The Trust should report to the Department within sixteen months.")
    assert [r.deadline for r in report.recommendations] == [
        "within thirteen weeks", "within twenty-four months", "within sixteen months"]


def test_counts_in_words_are_counted_once():
    text = "thirteen wards, seventy beds and twenty-four nurses"
    assert [text[i:].split()[0] for i in _numbers(text, set())] == ["thirteen", "seventy", "twenty-four"]
