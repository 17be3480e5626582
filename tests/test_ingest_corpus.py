"""The corpus PDFs through `kgqa ingest`: pages, footnotes with text, markers, notes linked from passages.

Every expected figure was read from the PDF itself, not from this project's output:
``pdftotext -layout`` (Debian poppler-utils) numbers the footnotes at each page foot, and the
footnote numbers run 1, 2, 3, ... without a gap to the figure given; the first and last notes
were then checked by eye on the page named in each entry.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS

from ingest.parse import parse_report
from ingest.pdf import PdfLine, PdfPage, _write

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

EXPECTED = {
    # House of Commons, HC 179 (2016): 42 pages; footnotes 1-207, note 1 "Q21, Q87, Q263, Greenpeace UK
    # (EIM0020)" at the foot of PDF page 9 (printed 5), note 207 "Q340" on PDF page 34 (printed 30).
    "hc179-environmental-impact-of-microplastics-2016.pdf": {"pages": 42, "footnotes": 207},
    # House of Lords, HL 179 (2011): 111 pages; footnotes 1-353 straight through, note 1 "The Coalition:
    # our programme for Government ..." on PDF page 7, note 353 "Healthy Lives, Healthy People, op. cit."
    # on PDF page 108 (printed 108).
    "hl179-behaviour-change-2011.pdf": {"pages": 111, "footnotes": 353},
    # Post Office Horizon IT Inquiry, volume 1 (2025): 166 pages; footnotes 1-345, note 1 "The phrase
    # "the Post Office" means Post Office Limited ..." on PDF page 6, note 345 "Transcript, 04/11/2024,
    # Simon Recaldin [INQ00001201] at [51/20] to [52/4]." on PDF page 163.
    "post-office-horizon-inquiry-vol1-2025.pdf": {"pages": 166, "footnotes": 345},
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the report corpus is not at {CORPUS}")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> dict[str, dict]:
    """The JSON `kgqa ingest` writes for each corpus PDF, from one run in a fresh process."""
    out = tmp_path_factory.mktemp("corpus")
    result = subprocess.run([sys.executable, "-m", "web.cli", "ingest", *(str(CORPUS / n) for n in sorted(EXPECTED)),
                             "--out", str(out), "--quiet"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=600)
    assert result.returncode == 0, result.stderr
    docs = [json.loads(p.read_text()) for p in out.glob("*.json")]
    return {Path(d["source_path"]).name: d for d in docs}


def _closing_marker_reaches_its_passage() -> bool:
    """Whether a marker that ends a paragraph lands on that passage's notes (a structure.py fix)."""
    pages = [PdfPage(1, 800.0, [PdfLine("Witnesses agreed on this point. 1", 72.0, 700.0, 12.0, False, [(32, 33)]),
                                PdfLine("1 Q 1.", 72.0, 90.0, 9.0, False, [])])]
    report = parse_report(_write(pages).text, "probe.pdf")
    return any(1 in p.notes for p in report.passages)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pages_footnotes_and_markers(ingested, name):
    report, want = ingested[name], EXPECTED[name]
    assert len(report["pages"]) == want["pages"]
    with_text = [n["number"] for n in report["notes"] if n["text"] and n["status"] != "missing"]
    assert with_text == list(range(1, want["footnotes"] + 1))
    assert [m["number"] for m in report["markers"]] == list(range(1, want["footnotes"] + 1))
    # each marker on the page of its footnote, as footnotes are printed
    note_page = {n["number"]: n["page"] for n in report["notes"]}
    assert sum(m["page"] == note_page[m["number"]] for m in report["markers"]) >= 0.95 * want["footnotes"]


@pytest.mark.xfail(not _closing_marker_reaches_its_passage(), strict=True,
                   reason="a marker closing a paragraph reaches its passage only with main's structure.py fix")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_footnotes_linked_from_their_passages(ingested, name):
    report, want = ingested[name], EXPECTED[name]
    linked = {n for p in report["passages"] for n in p["notes"]}
    assert len(linked & set(range(1, want["footnotes"] + 1))) >= 0.95 * want["footnotes"]
    notes_of = {p["id"]: p["notes"] for p in report["passages"]}
    for m in report["markers"]:
        assert m["number"] in notes_of[m["passage"]]


def test_the_inquirys_witnesses_come_from_its_evidence_references(ingested):
    # Footnote 345 (PDF page 163): "Transcript, 04/11/2024, Simon Recaldin [INQ00001201] at [51/20] to [52/4]."
    report = ingested["post-office-horizon-inquiry-vol1-2025.pdf"]
    people = {p["name"]: p for p in report["people"]}
    assert {"Simon Recaldin", "Carl Creswell", "Kevin Hollinrake", "Lorna Gratton"} <= set(people)
    assert "2024-11-04" in [a["date"] for a in people["Simon Recaldin"]["appearances"]]
    note = next(n for n in report["notes"] if n["number"] == 345)
    assert [(s["kind"], s["person"], s["date"]) for s in note["sources"]] == [
        ("transcript", people["Simon Recaldin"]["id"], "2024-11-04")]


def test_a_witness_cited_by_a_short_first_name_is_one_person(ingested):
    # Notes 238 and 275 (PDF pages 100 and 110): "Professor Christopher Hodges 1st [WITN11710100]" and
    # "Professor Chris Hodges 1st [WITN11710100]" cite the same witness statement.
    report = ingested["post-office-horizon-inquiry-vol1-2025.pdf"]
    hodges = [p for p in report["people"] if p["name"].endswith("Hodges")]
    assert len(hodges) == 1, [p["name"] for p in hodges]
    cited = {s["person"] for n in report["notes"] if n["number"] in (238, 275) for s in n["sources"]}
    assert cited == {hodges[0]["id"]}


def test_inquiry_statements_name_people_by_honorific_and_surname(ingested):
    # Paragraph 4.118 (PDF page 72): "In his oral evidence, Mr Recaldin confirmed that he knew of 319 claims …";
    # paragraph 3.117 (PDF page 31): "According to Mrs Kamran, both Mr Ashraf and she have suffered …".
    report = ingested["post-office-horizon-inquiry-vol1-2025.pdf"]
    people = {p["name"]: p["id"] for p in report["people"]}
    def said(opening):
        return next(s for s in report["statements"] if s["content"].startswith(opening))

    recaldin = said("he knew of 319 claims in which offers had")
    assert (recaldin["speaker"], recaldin["speaker_kind"], recaldin["page"]) == (people["Simon Recaldin"], "person", 72)
    kamran = said("both Mr Ashraf and she have suffered")
    assert (kamran["speaker_name"], kamran["speaker_kind"]) == ("Mrs Kamran", "person")
    # "Initially, Mr Recaldin reported to Mr Ben Foat" is a reporting line, not something he said.
    assert not [s for s in report["statements"] if s["content"].startswith("to Mr Ben Foat")]
    # Sentence openers are not speakers: "That some did …", "Indeed, …", "As I explained in the Interim Report".
    speakers = {s["speaker_name"] for s in report["statements"]}
    assert not speakers & {"That", "Indeed", "Second", "Accordingly", "Further", "Her", "I", "As I"}


def test_a_cited_question_names_the_panel_it_was_put_to(ingested):
    # Footnote 8 (PDF page 12) reads "Q 54."; Appendix 2 (PDF page 82) lists QQ 51–85 as one panel: Dr Sunjai Gupta,
    # Sian Jarvis and Dr Gemma Harper. Footnote 21, "Q 109.", falls in QQ 86–138.
    from graph.build import build_graph
    from graph.namespaces import KG
    from ingest.store import report_from_dict
    from qa.cite import citations

    doc = ingested["hl179-behaviour-change-2011.pdf"]
    report = report_from_dict(doc)
    cited = citations(report, [8])[0]["sources"][0]
    assert (cited["kind"], cited["panel"]) == ("oral evidence", ["Sunjai Gupta", "Sian Jarvis", "Gemma Harper"])
    panel_of = {n["number"]: n["sources"][0]["panel"] for n in doc["notes"] if n["sources"]}
    assert "Susan Michie" in panel_of[21]
    # the graph links the source to each witness on the panel, as people of the report
    ds = build_graph([report])
    witnesses = {str(label) for _, _, w in ds.triples((None, KG.panelWitness, None))
                 for label in ds.objects(w, RDFS.label)}
    assert {"Sunjai Gupta", "Sian Jarvis", "Gemma Harper", "Susan Michie"} <= witnesses


def test_the_lords_members_with_their_chair(ingested):
    # Appendix 1 (PDF page 73): the twelve members of Sub-Committee I, "Baroness Neuberger (Chairman)" among them,
    # "†" marking the co-opted; the front matter (PDF page 2) lists them again beside the whole Committee's.
    report = ingested["hl179-behaviour-change-2011.pdf"]
    members = {p["name"]: p for p in report["people"] if "member" in p["groups"]}
    appendix = {"Lord Alderdice", "Lord Crickhowell", "Baroness Hilton of Eggardon", "Lord Krebs", "Lord May of Oxford",
                "Baroness Neuberger", "Baroness O’Neill of Bengarve", "Lord Patel", "Baroness Perry of Southwark",
                "Earl of Selborne", "Lord Sutherland of Houndwood", "Lord Warner"}
    assert appendix <= set(members)
    # PDF page 2: the whole Committee, two names a line; "Lord Patel   Lord Winston" ends the list, no heading
    committee = {"Lord Broers", "Baroness Perry of Southwark", "Lord Crickhowell", "Lord Rees of Ludlow",
                 "Lord Cunningham of Felling", "Earl of Selborne", "Baroness Hilton of Eggardon", "Lord Wade of Chorlton",
                 "Lord Krebs", "Lord Warner", "Baroness Neuberger", "Lord Willis of Knaresborough", "Lord Patel",
                 "Lord Winston"}
    assert set(members) == appendix | committee
    assert not [s for s in report["sections"] if "Winston" in s["title"]]
    assert (members["Baroness Neuberger"]["chair"], members["Baroness Neuberger"]["role"]) == (True, "Chair")
    assert members["Lord Alderdice"]["role"] == "Member"


def test_the_lords_chapters_with_titles_wrapped_over_two_lines(ingested):
    # PDF page 9: "CHAPTER 2: DEFINITIONS, CATEGORISATION AND THE ETHICS" / "OF BEHAVIOUR CHANGE INTERVENTIONS"
    report = ingested["hl179-behaviour-change-2011.pdf"]
    chapters = {s["number"]: s["title"] for s in report["sections"] if s["kind"] == "chapter" and s["level"] == 1}
    assert sorted(chapters, key=int) == [str(n) for n in range(1, 9)]
    assert chapters["2"] == "Definitions, Categorisation and the Ethics of Behaviour Change Interventions"
    assert chapters["8"] == "Conclusions and Recommendations"


def test_the_lords_publisher_printed_in_capitals_reaches_the_graph(ingested):
    # PDF page 1 prints "HOUSE OF LORDS" in capitals over "Science and Technology Select Committee", and
    # "Ordered to be printed 11 July 2011 and published 19 July 2011".
    from rdflib import DCTERMS, Literal

    from graph.build import Iris, build_graph
    from ingest.store import report_from_dict

    report = report_from_dict(ingested["hl179-behaviour-change-2011.pdf"])
    ds = build_graph([report])
    rep = Iris().report(report.id)
    assert set(ds.objects(rep, DCTERMS.publisher)) == {
        Literal("House of Lords Science and Technology Select Committee")}
    assert [str(d) for d in ds.objects(rep, DCTERMS.date)] == ["2011-07-19"]


def test_the_report_titles_the_web_app_shows_are_the_title_pages(ingested, tmp_path):
    # Read off each title page, the largest type on it: HC 179 PDF page 1 "Environmental impact" / "of
    # microplastics" (32 pt); HL 179 PDF page 1 "Behaviour Change" (42 pt; the PDF's metadata title
    # "Committee Report 4.3" is its Word template's); the inquiry's PDF page 1 "Post Office" / "Horizon IT
    # Inquiry" / "Report" (50 pt), the word "Report" set apart as no part of the title. None is "(title from file name)" any more.
    from web.app import create_app

    paths = []
    for name, doc in ingested.items():
        paths.append(tmp_path / f"{doc['id']}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "build"),
                      "REPORTS": [str(p) for p in paths]})
    try:
        app.extensions["kgqa"].warm()
        client = app.test_client()
        titles = {r["id"]: r["title"] for r in client.get("/api/health").get_json()["reports"]}
        assert titles == {"hc179-environmental-impact-of-microplastics-2016": "Environmental impact of microplastics",
                          "hl179-behaviour-change-2011": "Behaviour Change",
                          "post-office-horizon-inquiry-vol1-2025": "Post Office Horizon IT Inquiry"}
        answer = client.get("/api/ask?q=legal advice funded by the Department before accepting the Fixed Sum Offer&k=1")
        top = answer.get_json()["passages"][0]
        assert (top["report"], top["report_title"]) == ("post-office-horizon-inquiry-vol1-2025",
                                                        "Post Office Horizon IT Inquiry")
    finally:
        app.extensions["kgqa"].close()


def test_the_lords_witnesses_with_their_bodies_whole(ingested):
    # Appendix 2 (PDF pages 75-76): "(QQ 51–85) … Dr Gemma Harper, Chief Social Scientist, Department for
    # Environment, Food and Rural Affairs and Central Office of Information"; "(QQ 595–628) … Professor Peter Bonsall,
    # Professor of Transport Planning, University of Leeds, Sustainable Development Commission, …" (the Commission,
    # starred at BC 83 on PDF page 79, gave oral evidence in its own name); "(BC 2) Professor Gregory Maio, Professor
    # Geoff Haddock, Cardiff University and Dr Katy Tapper, Swansea University" (PDF page 77).
    from rdflib.namespace import ORG

    from graph.build import build_graph
    from ingest.store import report_from_dict

    doc = ingested["hl179-behaviour-change-2011.pdf"]
    people = {p["name"]: p for p in doc["people"]}
    assert (people["Gemma Harper"]["role"], people["Gemma Harper"]["organisation"]) == (
        "Chief Social Scientist", "Department for Environment, Food and Rural Affairs and Central Office of Information")
    assert (people["Peter Bonsall"]["role"], people["Peter Bonsall"]["organisation"]) == (
        "Professor of Transport Planning", "University of Leeds")
    orgs = {o["name"]: o for o in doc["organisations"]}
    assert orgs["Sustainable Development Commission"]["detail"] == "Q595–628"
    assert "Department for Environment, Food and Rural Affairs" in orgs and "Food and Rural Affairs" not in orgs
    assert [(people[n]["organisation"], people[n]["groups"]) for n in ("Gregory Maio", "Katy Tapper")] == [
        ("Cardiff University", ["written evidence"]), ("Swansea University", ["written evidence"])]
    # the graph: each witness a member of the bodies the list gives them
    ds = build_graph([report_from_dict(doc)])
    member_of = {}
    for p, _, o in ds.triples((None, ORG.memberOf, None)):
        member_of.setdefault(str(ds.value(p, RDFS.label)), set()).add(str(ds.value(o, RDFS.label)))
    assert "Department for Environment, Food and Rural Affairs" in member_of["Gemma Harper"]
    assert member_of["Peter Bonsall"] == {"University of Leeds"}


def test_the_commons_written_evidence_by_people(ingested):
    # "Published written evidence" (PDF page 40): "12 Dr Dannielle Green (EIM0040)" … "26 Mr Shay Fennelly
    # (EIM0004)" are people who wrote; note 16 (PDF page 11) cites "Dr Natalie Welden (EIM0003)"; the witness list
    # (PDF page 39) gives "Dr Chris Flower, Director General, The Cosmetics, Toiletry and Perfumery Association".
    doc = ingested["hc179-environmental-impact-of-microplastics-2016.pdf"]
    written = {p["name"] for p in doc["people"] if "written evidence" in p["groups"]}
    assert written == {"Dannielle Green", "Michael Shaver", "Natalie Welden", "Shay Fennelly", "Richard Thompson"}
    welden = next(p["id"] for p in doc["people"] if p["name"] == "Natalie Welden")
    note = next(n for n in doc["notes"] if n["number"] == 16)
    assert [(s["code"], s["person"]) for s in note["sources"]] == [("EIM0003", welden)]
    people = {p["name"]: p for p in doc["people"]}
    assert people["Chris Flower"]["organisation"] == "The Cosmetics, Toiletry and Perfumery Association"
