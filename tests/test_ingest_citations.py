"""What a note cites reaches the answer a user reads: every reference form the ingest records as a source
(a transcript's day, page and line; "Ibid." and "op. cit."; questions; evidence codes; inquiry documents) is in
the citations of `/api/ask` and on the ask page, and a transcript's place is in the graph.

The reports are printed to PDF by Chromium (tests/synthetic_reports.py), read by ingest as any PDF is, and
served by the web app; the Post Office inquiry's notes are checked where the corpus is present.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from ingest.model import Note, TranscriptPlace
from ingest.sources import parse_sources
from ingest.sources.repeats import repeated as _repeated
from ingest.store import ingest_file, report_to_json
from ingest.transcripts import place_in, places_in
from synthetic_reports import cover

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities "
        "and from many individuals who wrote to the Inquiry about their own experience.")


@pytest.mark.parametrize("text, place, label", [
    ("Transcript, Day 45, page 12, line 3", (45, 12, 3, None, None), "Day 45, p. 12, l. 3"),
    ("Transcript, Day 96, page 4, line 10 to page 5, line 2", (96, 4, 10, 5, 2), "Day 96, p. 4, l. 10 to p. 5, l. 2"),
    ("Alan Bates, Day 2, p. 34", (2, 34, None, None, None), "Day 2, p. 34"),
    ("Day 45/12:3-17", (45, 12, 3, 12, 17), "Day 45, p. 12, ll. 3–17"),
    ("{Day 45/12:3-13:4}", (45, 12, 3, 13, 4), "Day 45, p. 12, l. 3 to p. 13, l. 4"),
    ("Mr Smith, 12 March 2024, 45/3–46/2", (None, 45, 3, 46, 2), "p. 45, l. 3 to p. 46, l. 2"),
    ("[INQ00001057] at [72/5] to [72/9]", (None, 72, 5, 72, 9), "p. 72, ll. 5–9"),
    ("Transcript, Day 7, pp 45–47", (7, 45, None, 47, None), "Day 7, pp. 45–47"),
])
def test_a_transcript_place_in_every_form_inquiries_print(text, place, label):
    got = place_in(text)
    assert (got.day, got.page, got.line, got.page_end, got.line_end) == place
    assert got.label() == label


@pytest.mark.parametrize("text, labels", [
    ("Day 45/12:3-14:2; Day 46/3:1-5:9", ["Day 45, p. 12, l. 3 to p. 14, l. 2", "Day 46, p. 3, l. 1 to p. 5, l. 9"]),
    ("Transcript of 13 March 2014, pp 5-7 and 12-14", ["pp. 5–7", "pp. 12–14"]),
    ("Transcript, Day 45, page 12, line 3; Transcript, Day 46, page 4, line 1", ["Day 45, p. 12, l. 3", "Day 46, p. 4, l. 1"]),
    ("Transcript, Day 4, p. 34, ll. 3–17 and 20–25", ["Day 4, p. 34, ll. 3–17", "Day 4, p. 34, ll. 20–25"]),
    ("Transcript, Day 4, page 34, line 3 and page 40, line 2", ["Day 4, p. 34, l. 3", "Day 4, p. 40, l. 2"]),
    ("Transcript, 13 May 2024, at 12/4 and 15/2-16/1", ["p. 12, l. 4", "p. 15, l. 2 to p. 16, l. 1"]),
    # what is not run on from a place is none: a date after the pages, a paragraph, a page of another work
    ("Transcript of 13 March 2014, pp 5-7, 14 March 2014", ["pp. 5–7"]),
    ("Transcript, Day 7, pp 45–47, 2014", ["Day 7, pp. 45–47"]),
    ("Transcript, Day 4, pp 12-14 and para 5", ["Day 4, pp. 12–14"]),
    ("Transcript, Day 45, page 12, line 3. See Report, p 45", ["Day 45, p. 12, l. 3"]),
])
def test_every_place_a_note_gives_is_read(text, labels):
    """A note may cite several places, on one hearing day or on several: each is a place of its own."""
    assert [p.label() for p in places_in(text)] == labels
    (src,) = parse_sources(text, [])
    assert [p.label() for p in src.transcripts] == labels


def test_an_inquiry_reference_with_several_places_keeps_each():
    note = "Transcript, 11/10/2024, Nick Read, [INQ00001195] at [1/10] to [6/24] and [9/1] to [9/20]."
    (src,) = parse_sources(note, [])
    assert [p.label() for p in src.transcripts] == ["p. 1, l. 10 to p. 6, l. 24", "p. 9, ll. 1–20"]


def test_dates_and_other_numbers_are_no_transcript_place():
    """A date's slashes are no page and line; a note with no page gives none."""
    assert place_in("Transcript, 06/11/2024, Carl Creswell [INQ00001202].") is None
    assert place_in("DCS Keith Niven, Safeguarding Working Group, 13 February 2014 – transcript") is None
    # a financial year or "24/7" in a title is no page and line: a bare pair stands after a date, "at" or "Day N"
    assert place_in("Transcript of the 2013/14 budget meeting, Budget Committee") is None
    assert place_in("London Assembly transcript, 24/7 helpline discussion") is None
    assert place_in("Transcript, 13 May 2024, at 12/4").label() == "p. 12, l. 4"
    # a sentence that cites nothing gives no source, so no place, though it names a day of the hearings
    assert parse_sources("Day 12 of the hearings was cancelled.", []) == []
    # more numbers after a place are more pages only when they stand as pages do: not "10am", "2 witnesses" or
    # a date's day ("2 and 3 July")
    for note, label in [("Transcript, Day 45, page 12, line 3, 10am session", ["Day 45, p. 12, l. 3"]),
                        ("Transcript of 13 March 2014, p 5, 2 witnesses", ["p. 5"]),
                        ("Transcript of 13 March 2014, pp 5-7, 2 and 3 July", ["pp. 5–7"]),
                        ("Transcript of 13 March 2014, pp 5-7 and 12-14", ["pp. 5–7", "pp. 12–14"])]:
        assert [p.label() for p in places_in(note)] == label, note


@pytest.mark.parametrize("note, kind, person, date, label", [
    # the forms of the Post Office inquiry's notes 117, 286 and 344 (commas before the code, or none at all)
    ("Transcript, 04/11/2024, Simon Recaldin, [INQ00001200] at [69/22] to [70/9].", "transcript", "Simon Recaldin",
     "2024-11-04", "p. 69, l. 22 to p. 70, l. 9"),
    ("Transcript, 6/11/2024, Carl Creswell [INQ00001202] [204/16] to [205/13].", "transcript", "Carl Creswell",
     "2024-11-06", "p. 204, l. 16 to p. 205, l. 13"),
    ("Transcript 11/11/2024 William Paul Patterson [INQ00001205] at [228/23] to [231/10].", "transcript",
     "William Paul Patterson", "2024-11-11", "p. 228, l. 23 to p. 231, l. 10"),
    # a hearing cited by its day, with no "Transcript": the witness is named
    ("Alan Bates, Day 2, p. 34", "transcript", "Alan Bates", None, "Day 2, p. 34"),
    ("Mr Smith, 12 March 2024, 45/3–46/2", "transcript", "Mr Smith", "2024-03-12", "p. 45, l. 3 to p. 46, l. 2"),
])
def test_transcript_sources_carry_their_place(note, kind, person, date, label):
    (src,) = parse_sources(note, [])
    assert (src.kind, src.person_name, src.date, [p.label() for p in src.transcripts]) == (kind, person, date, [label])


def test_two_transcripts_in_one_note_each_keep_their_place():
    """Post Office note 335: two days of one witness's evidence, each at its own pages."""
    note = ("Transcript, 11/10/2024, Nick Read, [INQ00001195] at [1/10] to [6/24] and Transcript 9/10/2024, "
            "Nick Read [INQ00001193] at [101/10] to [102/20].")
    assert [(s.kind, s.date, s.transcripts[0].label()) for s in parse_sources(note, [])] == [
        ("transcript", "2024-10-11", "p. 1, l. 10 to p. 6, l. 24"),
        ("transcript", "2024-10-09", "p. 101, l. 10 to p. 102, l. 20")]


def test_ibid_repeats_a_transcript_at_its_own_place():
    """"Ibid at [126/4] to [130/4]" after a transcript note: the same day's transcript, the pages it names;
    a bare "Ibid." the same place; the earlier note's place is left as it was."""
    first = Note(1, "Transcript, Day 9, page 122, line 18 to page 124, line 21.", "found")
    first.sources = parse_sources(first.text, [])
    (moved,) = _repeated("Ibid at [126/4] to [130/4].", [first])
    assert (moved.kind, moved.kind_basis, moved.transcripts) == ("transcript", "ibid", [TranscriptPlace(9, 126, 4, 130, 4)])
    (same,) = _repeated("Ibid.", [first])
    assert [p.label() for p in same.transcripts] == ["Day 9, p. 122, l. 18 to p. 124, l. 21"]
    assert first.sources[0].transcripts == [TranscriptPlace(9, 122, 18, 124, 21)]
    # after a note that cites a witness statement first, "[89/190]" is the statement's page and paragraph
    statement_first = Note(2, "Lorna Gratton 1st [WITN01230100] at [87/188]; Transcript, 04/11/2024, Simon Recaldin, "
                              "[INQ00001200] at [39/4].", "found")
    statement_first.sources = parse_sources(statement_first.text, [])
    assert [s.kind for s in statement_first.sources][-1] == "transcript"
    repeated = _repeated("Ibid at [89/190].", [statement_first])
    assert [s.transcripts for s in repeated if s.kind == "transcript"] == [[TranscriptPlace(None, 39, 4)]]


def hearings() -> list[tuple[list, list]]:
    """A public inquiry whose notes cite its hearings in the forms inquiries print, ibid. and op. cit. among them."""
    return [
        ([("title", "The Lakeside Water Inquiry"), ("big", "Report"), ("p", "Chair: Dame Ruth Marsh")], []),
        ([("h1", "Chapter 1: The outbreak"),
          ("p", "1.1 The utility learnt of the contamination from a customer complaint in May.[1] " + FILL),
          ("p", "1.2 Alan Bates described the first week as chaotic at the pumping station.[2] " + FILL),
          ("p", "1.3 The regulator was told of the samples only a fortnight later.[3] " + FILL),
          ("p", "1.4 Nobody at the regulator read the laboratory reports that month.[4] " + FILL),
          ("p", "1.5 The chief chemist twice warned the board that the filters were failing.[5] " + FILL),
          ("p", "1.6 The board minutes record no discussion of the filters.[6] " + FILL)],
         [(1, "Transcript, 04/11/2024, Jane Holt [INQ00001200] at [69/22] to [70/9]."),
          (2, "Alan Bates, Day 2, p. 34"), (3, "Day 45/12:3-17"), (4, "Ibid at [14/2] to [14/9]."),
          (5, "Day 45/12:3-14:2; Day 46/3:1-5:9"), (6, "Transcript of 13 March 2024, pp 5-7 and 12-14")]),
    ]


def lords_references() -> list[tuple[list, list]]:
    """A House of Lords report whose notes cite questions and evidence codes as the Lords print them."""
    return [
        (cover("HOUSE OF LORDS", "Select Committee on Science and Technology", "Tidal Power",
               "4th Report of Session 2022–23"), []),
        ([("h1", "Chapter 1: Introduction"),
          ("p", "1.1 Tidal streams could meet a tenth of the demand for electricity.[1] " + FILL),
          ("p", "1.2 The turbines have not yet been proved at scale in open water.[2] " + FILL),
          ("p", "1.3 Seabed surveys are needed before any array is licensed.[3] " + FILL),
          ("p", "1.4 According to Brunel University, the turbines stir up the sediment of the seabed.[4] " + FILL)],
         [(1, "QQ 2, 55, 58"), (2, "BC 45, BC 103, Q 47"),
          (3, "Q 12, Grantham Institute, Imperial College (TID0027), Brunel University, London (TID0028)"),
          (4, "Brunel University, London (TID0028)")]),
    ]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Synthetic reports printed to PDF, ingested and served; a client of the app."""
    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (.ci/run installs it); it prints the test PDFs")
    from synthetic_reports import commons, inquiry, lords, statutory_inquiry, write_pdf
    from web.app import create_app

    out = tmp_path_factory.mktemp("citations")
    paths = []
    for name, build in (("commons", commons), ("lords", lords), ("inquiry", inquiry),
                        ("statutory_inquiry", statutory_inquiry), ("hearings", hearings),
                        ("lords_references", lords_references)):
        report = ingest_file(write_pdf(build(), f"{name.title()} report", out / f"{name}.pdf"))
        paths.append(out / f"{report.id}.json")
        paths[-1].write_text(report_to_json(report), encoding="utf-8")
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(out / "build"),
                      "REPORTS": [str(p) for p in paths]})
    app.extensions["kgqa"].warm()
    yield app.test_client()
    app.extensions["kgqa"].close()


def cited(client, question: str, words: str) -> tuple[dict, str]:
    """The citations of the passage holding these words among the answer's passages, and the ask page's HTML."""
    body = client.get("/api/ask", query_string={"q": question, "k": 10}).get_json()
    passage = next((p for p in body["passages"] if words in p["text"]), None)
    assert passage is not None, [p["text"][:60] for p in body["passages"]]
    page = client.get("/ask", query_string={"q": question, "k": 10}).get_data(as_text=True)
    return {c["note"]: c for c in passage["citations"]}, html.unescape(page)


def test_the_transcripts_day_page_and_line_reach_the_answer(served):
    """Statutory inquiry note 3, "Transcript, Day 45, page 12, line 3": the citation and the ask page give the place."""
    notes, page = cited(served, "Did the Home Office accept that it had not shared what it knew?", "Home Office accepted")
    (src,) = notes[3]["sources"]
    assert src["kind"] == "transcript"
    assert src["transcripts"] == [{"day": 45, "page": 12, "line": 3, "page_end": None, "line_end": None,
                                   "label": "Day 45, p. 12, l. 3"}]
    assert "Day 45, p. 12, l. 3" in page


def test_every_hearing_form_reaches_the_answer(served):
    expect = {1: ("Jane Holt", "2024-11-04", "p. 69, l. 22 to p. 70, l. 9"), 2: ("Alan Bates", None, "Day 2, p. 34"),
              3: (None, None, "Day 45, p. 12, ll. 3–17"), 4: (None, None, "Day 45, p. 14, ll. 2–9")}
    for number, words in ((1, "customer complaint in May"), (2, "first week as chaotic"),
                          (3, "told of the samples only a fortnight"), (4, "Nobody at the regulator read")):
        notes, page = cited(served, words, words)
        src = notes[number]["sources"][0]
        assert (src["kind"], src["person"], src["date"], [p["label"] for p in src["transcripts"]]) == (
            "transcript", *expect[number][:2], [expect[number][2]])
        assert expect[number][2] in page
    # "Ibid at [14/2] to [14/9]" repeats note 3's hearing day, at its own page
    assert notes[4]["text"].startswith("Ibid")


def test_questions_codes_and_ibid_reach_the_answer(served):
    """Commons notes: "Q 23 [Councillor Jane Hill]" (a question of the 10 March session), "Department for
    Transport (RBS0012)" (an evidence code) then "Ibid., para 4" (the same written evidence), "Qq 45–47"."""
    notes, page = cited(served, "Councils told us that they could no longer fund routes that carry few passengers",
                        "no longer fund routes")
    q = notes[2]["sources"][0]
    assert (q["kind"], q["questions"], q["date"]) == ("oral evidence", ["Q23"], "2020-03-10")
    assert "Q23" in page
    notes, page = cited(served, "The Department for Transport said that its new funding would reverse the decline",
                        "new funding would reverse")
    assert [(s["kind"], s["code"], s["organisation"]) for s in notes[3]["sources"]] == [
        ("written evidence", "RBS0012", "Department for Transport")]
    # "Ibid." repeats it: the same kind, code and body, under the note's own words
    assert [(s["label"], s["kind"], s["code"], s["organisation"]) for s in notes[4]["sources"]] == [
        ("Ibid., para 4", "written evidence", "RBS0012", "Department for Transport")]
    assert "RBS0012" in page
    notes, _ = cited(served, "funding is awarded for one year at a time, which makes planning impossible",
                     "one year at a time")
    assert [(s["kind"], s["questions"]) for s in notes[5]["sources"]] == [("oral evidence", ["Q45–47"])]


def test_every_place_of_a_note_reaches_the_answer(served):
    """"Day 45/12:3-14:2; Day 46/3:1-5:9" (two days) and "Transcript of 13 March 2024, pp 5-7 and 12-14" (two
    ranges of one day): the citation lists each place, and the ask page shows each."""
    notes, page = cited(served, "The chief chemist twice warned the board that the filters were failing",
                        "twice warned the board")
    (src,) = notes[5]["sources"]
    assert [(p["day"], p["page"], p["line"], p["page_end"], p["line_end"]) for p in src["transcripts"]] == [
        (45, 12, 3, 14, 2), (46, 3, 1, 5, 9)]
    assert "Day 45, p. 12, l. 3 to p. 14, l. 2" in page and "Day 46, p. 3, l. 1 to p. 5, l. 9" in page
    # and the command line's answer prints each place on the note's line
    from web.cli_qa import format_answer

    result = served.get("/api/ask", query_string={"q": "The chief chemist twice warned the board", "k": 10}).get_json()
    assert "note 5: transcript, Day 45, p. 12, l. 3 to p. 14, l. 2; Day 46, p. 3, l. 1 to p. 5, l. 9" in format_answer(result)
    notes, page = cited(served, "The board minutes record no discussion of the filters", "board minutes record")
    (src,) = notes[6]["sources"]
    assert (src["kind"], src["date"], [p["label"] for p in src["transcripts"]]) == (
        "transcript", "2024-03-13", ["pp. 5–7", "pp. 12–14"])
    assert "pp. 5–7" in page and "pp. 12–14" in page


def test_a_body_whose_name_holds_a_comma_gives_the_written_evidence(served):
    """"Grantham Institute, Imperial College (TID0027), Brunel University, London (TID0028)": each code's giver is
    the whole name before it, commas and all (it was "Imperial College" and "London")."""
    notes, page = cited(served, "Seabed surveys are needed before any array is licensed", "Seabed surveys")
    assert [(s["kind"], s["code"], s["organisation"]) for s in notes[3]["sources"]] == [
        ("oral evidence", None, None), ("written evidence", "TID0027", "Grantham Institute, Imperial College"),
        ("written evidence", "TID0028", "Brunel University, London")]
    assert "Brunel University, London" in page
    # the words' speaker, named more fully by the note, is one speaker, not two (nor "London")
    body = served.get("/api/ask", query_string={"q": "the turbines stir up the sediment of the seabed", "k": 10}).get_json()
    passage = next(p for p in body["passages"] if "stir up the sediment" in p["text"])
    assert [s["name"] for s in passage["speakers"]] == ["Brunel University"]
    assert passage["citations"][0]["sources"][0]["organisation"] == "Brunel University, London"


def test_lords_questions_and_evidence_codes_reach_the_answer(served):
    """"QQ 2, 55, 58" names three questions; "BC 45, BC 103, Q 47" a question and two pieces of written evidence."""
    notes, page = cited(served, "Tidal streams could meet a tenth of the demand for electricity", "Tidal streams")
    assert [(s["kind"], s["questions"]) for s in notes[1]["sources"]] == [("oral evidence", ["Q2", "Q55", "Q58"])]
    assert "Q2, Q55, Q58" in page
    notes, page = cited(served, "The turbines have not yet been proved at scale in open water", "turbines have not")
    assert [(s["kind"], s["code"], s["questions"]) for s in notes[2]["sources"]] == [
        ("oral evidence", None, ["Q47"]), ("written evidence", "BC 45", []), ("written evidence", "BC 103", [])]
    assert "BC 45" in page and "BC 103" in page


def test_op_cit_reaches_the_answer(served):
    """Lords chapter 3's note 3, "Smith, op. cit., p 9" (the report's sixth), repeats chapter 1's "Smith, J., The
    State of Soils, Soil Association, 2021, p 4"; its "Ibid." repeats that again."""
    notes, _ = cited(served, "Monitoring would cost little beside the value of the soil it protects",
                     "Monitoring would cost little")
    first = notes[6]["sources"][0]
    assert (first["label"], first["kind"]) == ("Smith, op. cit., p 9", "publication")
    assert first["person"] == "Smith" or first["organisation"] == "Soil Association", first
    notes, _ = cited(served, "The same point was made by the farmers we met", "made by the farmers we met")
    assert [(s["label"], s["kind"], s["person"], s["organisation"]) for s in notes[7]["sources"]] == [
        ("Ibid.", first["kind"], first["person"], first["organisation"])]


def test_inquiry_documents_and_witness_statements_reach_the_answer(served):
    """"Witness statement of Jane Doe, WITN1234001, para 12", "[INQ00012345]" and "Dr Amal Shah 1st
    [WITN01230100] at para 14": each code, and the witness, in the citation and on the page."""
    notes, page = cited(served, "The Care Quality Commission inspected Thornbury House four times",
                        "inspected Thornbury House")
    assert [(s["kind"], s["code"], s["person"]) for s in notes[1]["sources"]] == [
        ("written evidence", "WITN1234001", "Jane Doe")]
    assert "WITN1234001" in page
    notes, page = cited(served, "Its inspectors were not told of the complaints the council had received",
                        "inspectors were not told")
    assert [(s["kind"], s["code"]) for s in notes[2]["sources"]] == [("inquiry document", "INQ00012345")]
    assert "INQ00012345" in page
    notes, page = cited(served, "The Trust accepted that its staffing had been unsafe", "staffing had been unsafe")
    assert [(s["kind"], s["code"], s["person"]) for s in notes[3]["sources"]] == [
        ("written evidence", "WITN01230100", "Dr Amal Shah")]
    assert "WITN01230100" in page


def test_a_transcripts_place_is_in_the_graph(served):
    """The source of statutory inquiry note 5, "Transcript, Day 96, page 4, line 10 to page 5, line 2"."""
    query = """SELECT ?day ?page ?line ?pageEnd ?lineEnd WHERE {
      ?note a kg:Note ; kg:number 5 ; dcterms:source ?src .
      ?src kg:sourceKind "transcript" ; kg:transcriptPlace ?at .
      ?at kg:hearingDay ?day ; kg:transcriptPage ?page ; kg:transcriptLine ?line ;
          kg:transcriptPageEnd ?pageEnd ; kg:transcriptLineEnd ?lineEnd .
      ?note kg:inReport ?r . ?r dcterms:title "The Thornbury Care Homes Inquiry" }"""
    res = served.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    rows = [{k: int(v["value"]) for k, v in b.items()} for b in json.loads(res.data)["results"]["bindings"]]
    assert rows == [{"day": 96, "page": 4, "line": 10, "pageEnd": 5, "lineEnd": 2}]
    # a note citing two days: two places, each day with its own pages
    query = """SELECT ?n ?day ?page WHERE {
      ?note a kg:Note ; kg:number 5 ; dcterms:source ?src ; kg:inReport ?r . ?r dcterms:title "The Lakeside Water Inquiry" .
      ?src kg:transcriptPlace ?at . ?at kg:ordinal ?n ; kg:hearingDay ?day ; kg:transcriptPage ?page } ORDER BY ?n"""
    res = served.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    rows = [{k: int(v["value"]) for k, v in b.items()} for b in json.loads(res.data)["results"]["bindings"]]
    assert rows == [{"n": 1, "day": 45, "page": 12}, {"n": 2, "day": 46, "page": 3}]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the report corpus is not at {CORPUS}")
def test_the_post_office_inquirys_transcripts_with_their_pages_and_lines():
    """Post Office Horizon IT Inquiry, vol. 1: every footnote that cites a transcript by its date and document gives
    the page and line it points to. Read off the PDF: note 55 (PDF p. 27) "Transcript, 06/07/2022, POHITI
    Compensation Issues Hearing, [INQ00001057] at [72/5] to [72/9]."; note 117 (PDF p. 46) "Transcript, 04/11/2024,
    Simon Recaldin, [INQ00001200] at [69/22] to [70/9]." (a comma before the document, which was read as a document
    and no transcript before); note 280 (PDF p. 111) "Ibid at [126/4] to [130/4]." after note 279's transcript of
    Sarah Munby; note 345 (PDF p. 163) "… [INQ00001201] at [51/20] to [52/4]."."""
    from graph.build import build_graph
    from graph.namespaces import KG
    from qa.cite import citations

    report = ingest_file(CORPUS / "post-office-horizon-inquiry-vol1-2025.pdf")
    notes = {n.number: n for n in report.notes}
    place = {n: notes[n].sources[0].transcripts[0].label() for n in (55, 117, 280, 345)}
    assert place == {55: "p. 72, ll. 5–9", 117: "p. 69, l. 22 to p. 70, l. 9", 280: "p. 126, l. 4 to p. 130, l. 4",
                     345: "p. 51, l. 20 to p. 52, l. 4"}
    assert (notes[117].sources[0].kind, notes[117].sources[0].person_name) == ("transcript", "Simon Recaldin")
    assert (notes[280].sources[0].person_name, notes[280].sources[0].kind_basis) == ("Sarah Munby", "ibid")
    # every transcript the notes cite by date and document: the notes print "Transcript" 31 times (`pdftotext -layout`
    # finds 30 followed by a date on its line, and note 335's second, "… and Transcript" / "9/10/2024, Nick Read
    # [INQ00001193] …", ends a line); "Transcript, 06/11/2024, Carl Creswell [INQ00001202]." (note 224) and
    # "Transcript, 01/10/2024, Henry Staunton, [INQ00001189]." (note 268) give no place
    transcripts = [s for n in report.notes for s in n.sources if s.kind == "transcript" and s.kind_basis == "stated"]
    assert len(transcripts) == 31
    assert sum(bool(s.transcripts) for s in transcripts) == 29
    # the citation a user reads, and the graph
    (c,) = citations(report, [117])
    assert [p["label"] for p in c["sources"][0]["transcripts"]] == ["p. 69, l. 22 to p. 70, l. 9"]
    ds = build_graph([report])
    pages = {int(o) for o in ds.objects(None, KG.transcriptPage)}
    assert {72, 69, 126, 51} <= pages
