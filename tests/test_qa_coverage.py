"""What a sentence covers of a question: an entity named by another of its names covers the question's words of
that name, and the words that only ask for someone's words are covered by no sentence. On an invented report."""
from __future__ import annotations

import pytest

from qa.encoder import HashingEncoder
from qa.service import QA

REPORT = """Introduction

The Riverside Transport Partnership (RTP) was set up in March 2019 to run the river buses between the piers. It \
reports to the Mayor every year on the number of passengers it carries and on the state of the piers.

The RTP hired 40 new crews in 2023 to run the extra evening services. Crews are trained at the piers over six \
weeks before they take passengers.

The Riverside Transport Partnership hired 40 new crews in 2023 to run the extra evening services, the board said.

According to the Port Authority, the river buses were set up to take traffic off the bridges. Jane Holloway told \
us that the river buses were set up to take traffic off the bridges.
"""


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    """The invented report, with the deterministic hashing encoder (coverage does not depend on the model)."""
    from ingest.store import ingest_file

    folder = tmp_path_factory.mktemp("coverage")
    (folder / "riverside.txt").write_text(REPORT, encoding="utf-8")
    return QA([ingest_file(folder / "riverside.txt")], HashingEncoder(), cache_dir=folder / "cache")


def coverage_of(qa, question: str, sentence_start: str) -> float:
    """The coverage of the question by the sentence of the index that begins with these words."""
    ranking = qa.rank(question)
    ix = qa.index
    [j] = [j for j, s in enumerate(ix.sentences) if ix.sentence_text(s).startswith(sentence_start)]
    return float(ranking.sentence_coverage[j])


def test_an_acronym_covers_the_words_of_the_full_name_it_stands_for(qa):
    question = "How many crews did the Riverside Transport Partnership hire?"
    assert [e.label for e in qa.rank(question).query.entities] == ["RTP"]
    by_acronym = coverage_of(qa, question, "The RTP hired 40 new crews")
    by_name = coverage_of(qa, question, "The Riverside Transport Partnership hired 40 new crews")
    # The acronym's sentence covers the question's words of the name as the full name's does; it also holds
    # "RTP", a term the question's entity adds at the expansion weight (0.25 of its idf).
    assert by_name > 0.5 and by_name <= by_acronym <= by_name + 0.25
    # and the other way round: the question's acronym is covered by the full name (whose words the question's
    # entity adds as expansion terms besides)
    question = "How many crews did the RTP hire?"
    assert coverage_of(qa, question, "The Riverside Transport Partnership hired") >= coverage_of(
        qa, question, "The RTP hired 40 new crews")


def test_words_that_ask_for_someones_words_are_not_covered_by_the_same_verb(qa):
    question = "Why were the river buses set up, according to Jane Holloway?"
    query = qa.rank(question).query
    assert query.frame == {"accord"} and "accord" not in query.coverage_terms()
    # "According to the Port Authority, …" and "Jane Holloway told us that …" say the same: neither is preferred
    # for sharing the question's "according to".
    assert coverage_of(qa, question, "According to the Port Authority") < coverage_of(qa, question, "Jane Holloway told us")
    assert qa.rank("Why were the river buses set up?").query.frame == set()
