"""The service with the fake encoder: the JSON contract field by field, filters, expansion, not-found, speakers."""
from __future__ import annotations

import json
import re

import pytest

from qa.encoder import HashingEncoder
from qa.errors import BadFilter, QAError
from qa.service import QA

MASH_Q = "What did witnesses say about MASH seniority?"


def _passage(qa, pid):
    return qa.index.passages[qa.index.position[pid]]


def test_contract_fields_and_types(fake_qa):
    r = fake_qa.ask(MASH_Q, k=5)
    assert list(r) == ["question", "found", "answer", "passages", "took_ms"]
    assert r["question"] == MASH_Q
    assert isinstance(r["found"], bool)
    assert isinstance(r["answer"]["text"], str) and isinstance(r["answer"]["sentences"], list)
    assert isinstance(r["took_ms"], float) and r["took_ms"] >= 0
    assert len(r["passages"]) == 5
    for p in r["passages"]:
        for key, kind in [("id", str), ("text", str), ("report", str), ("section", str), ("page", int),
                          ("score", float), ("url", str), ("citations", list), ("speakers", list)]:
            assert isinstance(p[key], kind), key
        assert len(p["text"]) <= 1200
        assert p["url"] == f"/passages/{p['id']}"
        assert p["text"] == _passage(fake_qa, p["id"]).text
        for c in p["citations"]:
            assert set(c) >= {"note", "text", "source"}
            if c["source"] is not None:
                assert set(c["source"]) == {"label", "kind", "person", "organisation", "date", "url"}
        for s in p["speakers"]:
            assert set(s) >= {"name", "role", "organisation"} and s["name"]
    scores = [p["score"] for p in r["passages"]]
    assert scores == sorted(scores, reverse=True)
    json.dumps(r)  # JSON-ready throughout


def test_answer_sentences_are_exact_quotes_with_a_key_span(fake_qa):
    r = fake_qa.ask("How many officers does SOECA have abstracted?")
    assert r["found"] and 1 <= len(r["answer"]["sentences"]) <= 3
    for s in r["answer"]["sentences"]:
        passage = _passage(fake_qa, s["passage"])
        assert passage.text[s["start"]:s["end"]] == s["text"]
        key = s["key"]
        assert s["text"][key["start"]:key["end"]] == key["text"]
        assert s["marked"].replace("**", "") == s["text"]
    assert r["answer"]["text"].startswith(r["answer"]["sentences"][0]["text"])
    first = r["answer"]["sentences"][0]
    assert re.fullmatch(r"[\d,]+", first["key"]["text"])  # a 'how many' question marks the number


def test_mash_question_cites_the_passage_its_speakers_and_notes(fake_qa):
    r = fake_qa.ask(MASH_Q, k=5)
    texts = [p["text"] for p in r["passages"]]
    assert any("not senior enough to direct resources" in t for t in texts)
    seniority = next(p for p in r["passages"] if "not senior enough to direct resources" in p["text"])
    assert seniority["section"] == "Information sharing and MASH" and seniority["page"] == 20
    assert {"non-police partners"} <= {s["name"] for s in seniority["speakers"]}


def test_notes_carry_their_sources(fake_qa, london):
    noted = next(p for p in london.passages if any(
        (n := london.note(x)) and n.source and n.source.kind == "transcript" for x in p.notes))
    from qa.cite import citations

    cites = citations(london, noted.notes)
    transcript = next(c for c in cites if c["source"] and c["source"]["kind"] == "transcript")
    assert transcript["source"]["date"] and transcript["source"]["label"]
    assert [c["note"] for c in cites] == noted.notes


def test_alias_ac_rowley_finds_mark_rowley(fake_qa):
    r = fake_qa.ask("What did AC Rowley say about the pressure on the command?", k=3)
    top = r["passages"][0]
    assert "Mark Rowley" in {s["name"] for s in top["speakers"]}
    q = fake_qa.rank("What did AC Rowley say?").query
    assert [e.label for e in q.speakers] == ["Mark Rowley"]


def test_the_hubs_expands_to_mash(fake_qa):
    q = fake_qa.rank("What internal problems do the hubs face?").query
    assert [e.label for e in q.expanded] == ["MASH"]
    assert "MASH" in q.dense_text("label")
    r = fake_qa.ask("What internal problems do the hubs face?", k=3)
    assert "MASH" in r["passages"][0]["text"]


def test_acronym_expansion_works_both_ways(fake_qa):
    q = fake_qa.rank("What does the Crown Prosecution Service do about FGM?").query
    assert {"CPS", "FGM"} <= {e.label for e in q.entities}
    assert "female genital mutilation" in q.expansion_text().lower()
    assert "cps" in q.expansion_text().lower()


def test_project_azure_finds_the_fgm_team(fake_qa):
    r = fake_qa.ask("What is Project Azure?", k=3)
    assert "Project Azure" in r["passages"][0]["text"] and "FGM" in r["passages"][0]["text"]


def test_section_filter(fake_qa):
    r = fake_qa.ask("What did the Met say?", k=10, section="Workforce")
    assert r["passages"] and all(p["section"] == "Workforce" for p in r["passages"])


def test_speaker_filter_uses_aliases(fake_qa):
    r = fake_qa.ask("What was said about officers?", k=10, speaker="AC Rowley")
    assert r["passages"]
    for p in r["passages"]:
        assert "Mark Rowley" in {s["name"] for s in p["speakers"]} or \
            any(c["source"] and c["source"]["person"] == "Mark Rowley" for c in p["citations"])


def test_entity_and_source_kind_filters(fake_qa):
    r = fake_qa.ask("What happened?", k=10, entity="FGM")
    assert r["passages"] and all("FGM" in p["text"] or "genital mutilation" in p["text"].lower()
                                 for p in r["passages"])
    r = fake_qa.ask("What happened?", k=10, source_kind="transcript")
    assert r["passages"] and all(any(c["source"] and c["source"]["kind"] == "transcript" for c in p["citations"])
                                 for p in r["passages"])


def test_report_filter_across_two_reports(london, hc, tmp_path):
    qa = QA([london, hc], HashingEncoder(), cache_dir=tmp_path)
    r = qa.ask("What are microplastics?", k=10, report=hc.id)
    assert r["passages"] and {p["report"] for p in r["passages"]} == {hc.id}
    r = qa.ask("What are microplastics?", k=10, report="london-assembly")
    assert {p["report"] for p in r["passages"]} == {london.id}


def test_a_filter_that_matches_nothing_is_an_error(fake_qa):
    with pytest.raises(BadFilter):
        fake_qa.ask("anything", section="No such section")
    with pytest.raises(BadFilter):
        fake_qa.ask("anything", speaker="Nobody Atall")
    with pytest.raises(QAError):
        fake_qa.ask("anything", colour="red")
    with pytest.raises(QAError):
        fake_qa.ask("anything", k=0)


def test_a_name_the_reports_never_use_is_not_found(fake_qa):
    r = fake_qa.ask("What is the budget of the Fire Brigade?")
    assert r["found"] is False
    assert r["answer"]["sentences"] == [] and "do not seem to cover" in r["answer"]["text"]
    assert r["passages"] and all(p["nearest"] for p in r["passages"])
    found = fake_qa.ask("How many officers does SOECA have abstracted?")
    assert found["found"] and not any(p["nearest"] for p in found["passages"])


def test_recommendation_facts_by_addressee(fake_qa):
    r = fake_qa.ask("Which recommendations are for MOPAC?")
    numbers = [rec["number"] for rec in r["recommendations"]]
    assert numbers and all("MOPAC" in rec["addressees"] for rec in r["recommendations"])
    assert numbers == sorted(numbers)
    for rec in r["recommendations"]:
        assert rec["passages"] and rec["url"] == f"/passages/{rec['passages'][0]}"
    assert "recommendations" not in fake_qa.ask("How many officers does SOECA have abstracted?")


def test_restated_recommendations_appear_once_unless_their_section_is_asked_for(fake_qa):
    r = fake_qa.ask("What did the committee recommend about MACIE training?", k=10)
    texts = [p["text"] for p in r["passages"]]
    assert len(texts) == len(set(texts))
    appendix = fake_qa.ask("What did the committee recommend about MACIE training?", k=10,
                           section="Summary of recommendations")
    assert appendix["passages"] and all(p["section"].startswith("Appendix 1") for p in appendix["passages"])


@pytest.mark.parametrize("question, name", [
    ("What does SCO5 investigate?", "Child Abuse Investigation Command"),  # an acronym the text defines
    ("How busy is the child abuse command?", "Child Abuse Investigation Command"),  # a lower-case alias
    ("What did Laming find?", "Lord Laming"),  # a name only the notes give
    ("Who sits on the London Board?", "London Safeguarding Children Board"),  # "the London Board"
])
def test_questions_link_to_names_only_the_registry_knows(fake_qa, question, name):
    """The answer names the graph's entity the question means, and ranks passages that name it, by any name."""
    entity = fake_qa.index.registry.resolve(name)
    r = fake_qa.ask(question, k=5)
    assert entity.key in [e["key"] for e in r["answer"]["entities"]]
    forms = [f.lower() for f in entity.forms()]
    assert any(f in p["text"].lower() for p in r["passages"][:3] for f in forms)
