"""Reports the ingest was never tuned on: small reports in fourteen house styles printed to PDF by Chromium
(tests/synthetic_reports.py), read from the PDF and from the text of the three common extractors.

Each must give every recommendation numbered as printed, every footnote with its text and linked from its
passage (numbering that starts again in each chapter included, each note keeping a unique number), and
"Ibid." and "op. cit." resolved to the source they repeat.
"""
from __future__ import annotations

import shutil

import pytest

from ingest.store import ingest_file
from synthetic_reports import EXPECTED, STYLES, write_pdf
from test_ingest_extractors import extract

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None,
                                reason="chromium is not installed (.ci/run installs it); it prints the test PDFs")
TITLES = {"commons": "Rural bus services", "lords": "Soil Health", "inquiry": "The Riverside Hospital Inquiry",
          "public_accounts": "Support for households with the cost of living",
          "commons_chapters": "Workforce: recruitment, training and retention in health and social care",
          "lords_summary": "Meeting housing demand", "statutory_inquiry": "The Thornbury Care Homes Inquiry",
          "senedd": "Childcare in Wales: access and affordability",
          "london_assembly": "Keeping young Londoners safe from knife crime",
          "inquiry_chapter_notes": "The Westbrook Flooding Inquiry",
          "commons_run_over": "Government use of consultants", "review_back_notes": "Independent Review of Youth Custody",
          "scottish_parliament": "Dentistry in rural Scotland", "audit_office": "Condition of school buildings"}  # the committee's name broken before "Committee"
# What a reader of each printed report finds: each recommendation's addressees and deadline, by its printed number
# (a finding among them asks no one to act); and the sub-parts of those that set them out.
ADDRESSED = {
    "inquiry": {"1": (["Trust"], None), "2": (["NHS England"], "within six months"),
                "3": (["Department of Health and Social Care"], None),
                "4": ([], None)},  # "that government funding … is increased": the inquiry names no one to act
    "public_accounts": {"1": (["Department"], "within six months"), "2": (["HM Treasury"], "by March 2024"),
                        "3": (["Cabinet Office"], "by the end of 2023"),
                        "4": (["Department for Work & Pensions", "HM Revenue & Customs"], "within three months")},
    "commons_chapters": {"1": ([], None), "2": (["Government"], "by the end of 2023"),
                         "3": (["NHS England", "Department of Health and Social Care"], "within six months")},
    "lords_summary": {"1": ([], None), "2": (["Government"], "within 12 months"),
                      "3": (["Homes England"], "by March 2024")},
    "statutory_inquiry": {"12": (["Government"], "within 28 days"),
                          "13": (["Home Office", "National Fire Chiefs Council"], "by 31 December 2026"),
                          "14": (["Care Quality Commission"], "within six months")},
    "senedd": {"1": (["Welsh Government"], "within six months"), "2": (["Welsh Government"], "by March 2024")},
    "london_assembly": {"1": (["Mayor", "MOPAC"], "by March 2020"), "2": (["MOPAC"], None),
                        "3": (["Met"], "within six months")},
    # a body's name with a comma in it is one addressee
    "inquiry_chapter_notes": {"1": (["Environment Agency"], "by 1 October 2025"),
                              "2": (["Environment Agency", "Westbrook Borough Council"], None),
                              "3": (["Department for Environment, Food and Rural Affairs"], "within two years")},
    "commons_run_over": {"1": ([], None), "2": (["Cabinet Office"], "by March 2025"), "3": (["HM Treasury"], None)},
    "review_back_notes": {"1": (["Ministry of Justice"], "by 2028"), "2": (["Youth Custody Service"], None)},
    # bold paragraphs in which the committee recommends, by their paragraph's number
    "scottish_parliament": {"4": (["Scottish Government"], "within six months"),
                            "6": (["NHS Education for Scotland"], "by April 2026"), "8": (["Scottish Government"], None)},
    # lettered under the summary's lead-in, each to its bodies
    "audit_office": {"a": (["Department"], "by March 2024"),
                     "b": (["Department", "Education and Skills Funding Agency"], None),
                     "c": (["Local authorities"], "within three months")},
}
SUB_PARTS = {("public_accounts", "4"): ["set out how many households on prepayment meters did not redeem their vouchers;",
                                       "explain what they did to reach those households; and",
                                       "report what they will do differently in any future scheme."],
             ("statutory_inquiry", "12"): ["(a) whoever made the complaint;",
                                           "(b) whether or not the complaint has been investigated; and",
                                           "(c) whether or not the home has been told of it."],
             # a Commons conclusion's lettered parts, after its lead-in's colon
             ("commons_run_over", "2"): ["a) publish each department’s spending on consultants every quarter;",
                                         "b) set a limit on the share of any project that consultants may deliver; and",
                                         "c) report to us on its progress. (Paragraph 5)"]}
# witnesses by name: the date of the session, or the questions they answered where no date is printed
WITNESSES = {
    "public_accounts": {"Peter Schofield": "2023-03-20", "Jim Harra": "2023-03-20"},
    "commons_chapters": {"Stephen Powis": "2022-10-25",  # titled "Professor Sir"
                         "Pat Cullen": "2022-10-25", "Steve Barclay": "2022-11-08"},
    "lords_summary": {"Jane Smith": "Q1–10", "Peter Denton": "Q11–20"},
    "senedd": {"Jane Doe": "2023-01-12", "Julie Morgan": "2023-01-26"},
    # London Assembly: the guests at each meeting, listed under its date ("Commander" is a title)
    "london_assembly": {"Jane Okafor": "2019-02-13", "Mark Bell": "2019-02-13", "David Hale": "2019-03-06",
                        "Sam Patel": "2019-03-06"},
    # Scottish Parliament: "Oral evidence", then each meeting "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024"
    # over its witnesses
    "scottish_parliament": {"Fiona Grant": "2024-01-23", "Tom Ellis": "2024-01-23", "Jenni Minto": "2024-02-06"},
}
HEADERS = {"london_assembly": "London Assembly | Police and Crime Committee"}  # the running header, where it is the house's
EXTRACTORS = ["pdf", "pdftotext", "pdftotext-layout", "pypdf", "pdfminer"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict:
    """Each style's report as a PDF."""
    out = tmp_path_factory.mktemp("synthetic")
    return {name: write_pdf(build(), HEADERS.get(name, f"{name.title()} report"), out / f"{name}.pdf")
            for name, build in STYLES.items()}


def _report(pdf, extractor: str, tmp_path):
    """The report read from the PDF, or from the text the extractor gives."""
    if extractor == "pdf":
        return ingest_file(pdf)
    out = tmp_path / f"{pdf.stem}.txt"
    extract(pdf, extractor, out)  # as the corpus extractor tests run each tool
    return ingest_file(out)


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", sorted(STYLES))
def test_recommendations_and_footnotes_in_every_style(pdfs, tmp_path, name, extractor):
    report = _report(pdfs[name], extractor, tmp_path)
    labels, total = EXPECTED[name]
    assert [r.label for r in report.recommendations] == labels
    assert report.title == TITLES[name]  # from the title page, whether read from the PDF or its text
    assert all(r.text and not r.text.endswith(("Page 3", "Page 4")) for r in report.recommendations)
    numbers = [n.number for n in report.notes if n.text]
    assert numbers == list(range(1, total + 1))  # unique, numbered on through the report
    linked = {n for p in report.passages for n in p.notes}
    assert linked == set(numbers)


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_committee_name_set_over_two_lines_is_whole(pdfs, tmp_path, extractor):
    """The Senedd committee's name breaks after "Sport and" on the title page: the report is the whole committee's, and
    the graph names the committee so, not "International Relations Committee"."""
    from graph.entities import build_registry

    report = _report(pdfs["senedd"], extractor, tmp_path)
    committee = "Culture, Communications, Welsh Language, Sport and International Relations Committee"
    assert report.publisher == f"Welsh Parliament {committee}"
    assert report.title == TITLES["senedd"]
    assert build_registry([report]).resolve(report.publisher).label == committee


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_notes_numbered_by_chapter_reach_their_passages(pdfs, tmp_path, extractor):
    report = _report(pdfs["lords"], extractor, tmp_path)
    notes = {n.number: n for n in report.notes}
    # Chapter 2's note 1 is the report's fourth: on the paragraph that carries its marker
    assert notes[4].text.startswith("Department for Environment, Food and Rural Affairs")
    assert 4 in next(p for p in report.passages if "no national monitoring of soil health" in p.text).notes
    # "Smith, op. cit., p 9" repeats note 1's publication; "Ibid." after it repeats that again
    assert [s.kind for s in notes[1].sources] == ["publication"]
    assert [(s.kind, s.kind_basis) for s in notes[6].sources] == [("publication", "op. cit.")]
    assert [(s.kind, s.kind_basis) for s in notes[7].sources] == [("publication", "ibid")]
    by = {r.label: r for r in report.recommendations}
    assert by["3.2"].addressee_names == ["Government"] and by["3.2"].deadline == "by 2025"
    assert by["3.2"].paragraph_refs == ["2.2"]


def test_commons_notes_name_their_sources(pdfs, tmp_path):
    report = _report(pdfs["commons"], "pdf", tmp_path)
    notes = {n.number: n for n in report.notes}
    assert report.title == "Rural bus services"
    # "Q 23 [Councillor Jane Hill]": a question, answered in the session of 10 March 2020 (Q1–30)
    assert [(s.kind, s.date) for s in notes[2].sources] == [("oral evidence", "2020-03-10")]
    assert [(s.kind, s.kind_basis) for s in notes[4].sources] == [("written evidence", "ibid")]
    assert [s.kind for s in notes[1].sources] == ["publication"]
    by = {r.label: r for r in report.recommendations}
    assert by["3"].addressee_names == ["Department for Transport"] and by["3"].deadline == "by March 2022"


def test_inquiry_recommendation_headings_with_their_text(pdfs, tmp_path):
    report = _report(pdfs["inquiry"], "pdf", tmp_path)
    assert report.title == "The Riverside Hospital Inquiry"
    by = {r.label: r for r in report.recommendations}
    assert by["1"].text == "The Trust shall publish its ward staffing levels every month."
    assert (by["2"].addressee_names, by["2"].deadline) == (["NHS England"], "within six months")
    assert by["3"].addressee_names == ["Department of Health and Social Care"]
    assert [s.code for s in report.notes[2].sources] == ["WITN01230100"]


def test_commons_witnesses_with_their_sessions(pdfs, tmp_path):
    """"Councillor Jane Hill, Chair, Rural Transport Forum Q1–30" is one person of a body, on 10 March; the peer
    of the 17 March panel ("Baroness Vere of Norbiton, Minister, Department for Transport") keeps her name."""
    report = _report(pdfs["commons"], "pdf", tmp_path)
    witnesses = {p.name: p for p in report.people if "witness" in p.groups}
    assert set(witnesses) == {"Jane Hill", "Baroness Vere of Norbiton"}
    hill, vere = witnesses["Jane Hill"], witnesses["Baroness Vere of Norbiton"]
    assert (hill.title, hill.role, hill.organisation) == ("Councillor", "Chair", "Rural Transport Forum")
    assert (vere.role, vere.organisation) == ("Minister", "Department for Transport")
    assert [a.date for a in hill.appearances] == ["2020-03-10"] and [a.date for a in vere.appearances] == ["2020-03-17"]


@pytest.mark.parametrize("lines, title", [
    (["London Assembly", "Police and Crime Committee", "Knife crime", "March 2019"], "Knife crime"),
    (["Spending Review 2015", "November 2015"], "Spending Review 2015"),  # a year inside a title is the title's
    (["THE GRENFELL TOWER INQUIRY", "Volume 1"], "The Grenfell Tower Inquiry"),
    (["HOUSE OF LORDS", "Science and Technology Select Committee", "2nd Report of Session 2010–12",
      "Behaviour Change", "Report"], "Behaviour Change"),
])
def test_title_pages_in_every_style(lines, title):
    from ingest.titles import title_page_title

    assert title_page_title(lines) == title


@pytest.mark.parametrize("entry, people", [
    ("The Lord Mayor, City of London Corporation", []),  # an office, not a peer
    ("Lord Chief Justice, Judiciary of England and Wales", []),
    ("Lord Krebs, Chairman, Food Standards Agency", [("Lord Krebs", "Food Standards Agency")]),
    ("Erik van Sebille, Lecturer, Imperial College London", [("Erik van Sebille", "Imperial College London")]),
])
def test_witness_entries(entry, people):
    from ingest.people import parse_person_entry

    assert [(p["name"], p["organisation"]) for p in parse_person_entry(entry)] == people


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_notes_numbered_again_on_the_page_that_closes_a_chapter(tmp_path, extractor):
    """Chapter 2 opens on the page whose foot holds chapter 1's notes 3 and 4 and then chapter 2's 1 and 2:
    seven notes, numbered on through the report, each on the paragraph whose marker cites it."""
    from synthetic_reports import lords_shared_page

    pdf = write_pdf(lords_shared_page(), "Lords report", tmp_path / "hedgerows.pdf")
    report = _report(pdf, extractor, tmp_path)
    notes = {n.number: n.text for n in report.notes}
    assert sorted(notes) == list(range(1, 8))
    assert notes[4] == "Q 22 (Mr Tom Lane)" and notes[5].startswith("Department for Environment, Food and Rural")
    assert notes[6].startswith("Written evidence from the Horticultural Trades") and notes[7] == "Q 40 (Dr Mary Oak)"
    cites = {n: p.text for p in report.passages for n in p.notes}
    # (pypdf's text runs the chapter heading into paragraph 1.4, so 1.4 and 2.1 may share a passage)
    assert "1.4 Councils seldom enforce" in cites[4] and "2.1 The Government has promised" in cites[5]
    assert "2.2 Nurseries" in cites[6] and "2.3 New hedges" in cites[7]
    assert sorted((m.number, m.passage) for m in report.markers) == sorted(
        (n, next(p.id for p in report.passages if n in p.notes)) for n in range(1, 8))


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_notes_numbered_again_twice_on_one_page(tmp_path, extractor):
    """Chapters 2 and 3 both open on the page whose foot holds chapter 1's note 3, chapter 2's 1 and 2 and chapter
    3's 1: each run numbered on (notes 4-5, then 6), each marker on the paragraph that carries it. Before, the PDF
    reading ran the three later notes into note 3 (chapter 2's closing superscript, set apart by PDFium at 10 pt
    over 12, was no marker), and every text extraction ran chapter 3's note into chapter 2's."""
    from synthetic_reports import lords_three_chapters_page

    pdf = write_pdf(lords_three_chapters_page(), "Lords report", tmp_path / "margins.pdf")
    report = _report(pdf, extractor, tmp_path)
    notes = {n.number: n.text for n in report.notes}
    assert notes == {1: "Natural England, Field Margin Survey, 2019", 2: "Written evidence from Buglife (FMA0004)",
                     3: "Q 14 (Ms Ann Field)", 4: "Department for Environment, Food and Rural Affairs, Payment Guide, 2023",
                     5: "Q 22 (Mr Tom Lane)", 6: "Q 40 (Dr Mary Oak)", 7: "Written evidence from the RSPB (FMA0009)"}
    opening = {1: "1.1 Field margins", 2: "1.2 A third", 3: "1.3 Farmers told", 4: "2.1 The Government",
               5: "2.2 Few farmers", 6: "3.1 Margins cut", 7: "3.2 Flailing"}
    passage = {p.id: p.text for p in report.passages}
    # (pypdf's text runs a chapter heading into the paragraph before it, so two paragraphs may share a passage)
    assert {m.number: opening[m.number] in passage[m.passage] for m in report.markers} == dict.fromkeys(range(1, 8), True)
    assert [(s.kind, s.questions) for s in report.note(6).sources] == [("oral evidence", ["Q40"])]


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", sorted(ADDRESSED))
def test_recommendations_addressed_in_every_style(pdfs, tmp_path, name, extractor):
    """Each recommendation's addressees, resolved to the report's organisations, its deadline and its sub-parts."""
    report = _report(pdfs[name], extractor, tmp_path)
    orgs = {o.id: o.name for o in report.organisations}
    got = {r.label: (r.addressee_names, r.deadline) for r in report.recommendations}
    assert got == ADDRESSED[name]
    for rec in report.recommendations:
        assert [orgs[a] for a in rec.addressees] == rec.addressee_names
        if (name, rec.label) in SUB_PARTS:
            assert rec.bullets[1:] == SUB_PARTS[name, rec.label]


@pytest.mark.parametrize("extractor", EXTRACTORS)
@pytest.mark.parametrize("name", sorted(WITNESSES))
def test_witnesses_in_every_style(pdfs, tmp_path, name, extractor):
    """Commons panels several to a session ("Name, Role, Body; Name, …"), Lords panels by question range ("** Name,
    Role, Body  QQ 11–20"), a Senedd table of sessions: every witness, with the session's date or questions."""
    report = _report(pdfs[name], extractor, tmp_path)
    witnesses = {p.name: (p.appearances[0].date or p.appearances[0].questions) if p.appearances else None
                 for p in report.people if "witness" in p.groups}
    assert witnesses == WITNESSES[name]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_a_witness_body_set_over_two_table_lines_is_whole(pdfs, tmp_path, extractor):
    """The Senedd's table cell "Julie Morgan MS, Deputy Minister for Social Services, Welsh" / "Government": the
    witness is of the Welsh Government, as the graph shows her, not of "Welsh" (pdftotext and pdfminer.six)."""
    from graph.entities import build_registry

    report = _report(pdfs["senedd"], extractor, tmp_path)
    morgan = next(p for p in report.people if p.name == "Julie Morgan")
    assert (morgan.role, morgan.organisation) == ("Deputy Minister for Social Services", "Welsh Government")
    registry = build_registry([report])
    assert registry.entities[registry.resolve("Julie Morgan").affiliation].label == "Welsh Government"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_lords_members_and_their_chair(pdfs, tmp_path, extractor):
    """pdfminer.six sets each name apart: "Lord Young of Cookham" before "Declarations of interest" is a member, not a
    sub-heading."""
    report = _report(pdfs["lords_summary"], extractor, tmp_path)
    members = {p.name: p.chair for p in report.people if "member" in p.groups}
    assert members == {"Baroness Blake of Leeds": False, "Lord Moylan": True, "Lord Young of Cookham": False}
    assert not [s.title for s in report.sections if s.title.startswith(("Lord", "Baroness"))]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_commons_notes_numbered_by_chapter_and_conclusions_over_a_page_break(pdfs, tmp_path, extractor):
    report = _report(pdfs["commons_chapters"], extractor, tmp_path)
    notes = {n.number: n for n in report.notes}
    # chapter 2's note 1, "Q12 [Professor Sir Stephen Powis]", is the report's fourth, on its paragraph
    assert notes[4].text == "Q12 [Professor Sir Stephen Powis]"
    assert 4 in next(p for p in report.passages if "international recruitment" in p.text).notes
    assert [(s.kind, s.date) for s in notes[4].sources] == [("oral evidence", "2022-10-25")]
    by = {r.label: r for r in report.recommendations}
    assert by["3"].text.endswith("the decisions of staff to leave. (Paragraph 8)") and by["3"].paragraph_refs == ["8"]


def test_inquiry_notes_cite_documents_statements_and_transcripts(pdfs, tmp_path):
    report = _report(pdfs["statutory_inquiry"], "pdf", tmp_path)
    notes = {n.number: n for n in report.notes}
    assert [(s.kind, s.code, s.person_name) for s in notes[1].sources] == [("written evidence", "WITN1234001", "Jane Doe")]
    assert [(s.kind, s.code) for s in notes[2].sources] == [("inquiry document", "INQ00012345")]
    assert [s.kind for s in notes[3].sources] == ["transcript"]
    # paragraphs numbered by chapter ("113.4") are no recommendations: only the three headed ones are
    assert [r.label for r in report.recommendations] == ["12", "13", "14"]


def test_public_accounts_notes_name_the_evidence_session(pdfs, tmp_path):
    """"Q 67; C&AG's Report, para 3.8": a question of the 20 March session and the C&AG's report."""
    report = _report(pdfs["public_accounts"], "pdf", tmp_path)
    notes = {n.number: n for n in report.notes}
    assert [(s.kind, s.date) for s in notes[6].sources] == [("oral evidence", "2023-03-20"), ("publication", None)]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_london_assembly_end_notes_members_and_guests(pdfs, tmp_path, extractor):
    """A London Assembly report's notes stand at the back under "Endnotes", in the body's flow: note 12 runs over the
    page break whole (it was cut, its end stranded, from every reader), pdftotext's and pdfminer.six's numbers
    set alone on their lines open their notes (9 and 3 notes had no text), and the PDF reading no longer takes the
    notes at the foot of the page they begin on for footnotes. The committee's members are read with their parties
    from a bulleted list, and the guests at each meeting under its date (none were found from any reader: the
    bulleted entries ran on into the lines after them)."""
    from synthetic_reports import LA_NOTES

    report = _report(pdfs["london_assembly"], extractor, tmp_path)
    assert [n.text for n in report.notes] == LA_NOTES
    assert report.publisher == "London Assembly Police and Crime Committee"
    members = {p.name: (p.party, p.chair) for p in report.people if "member" in p.groups}
    assert members == {"Anna Webb": ("Labour", True), "Tom Ashby": ("Conservative", False),
                       "Priya Shah": ("Green", False)}
    okafor = next(p for p in report.people if p.name == "Jane Okafor")
    assert (okafor.role, okafor.organisation) == ("Chief Executive", "Safer Streets London")
    assert [(s.kind, s.person_name, s.date) for s in report.note(3).sources] == [
        ("transcript", "Jane Okafor", "2019-02-13")]
    assert [s.title for s in report.sections if s.level == 1][:2] == ["Front matter", "Chair’s foreword"]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_notes_at_each_chapter_end_reach_their_passages(pdfs, tmp_path, extractor):
    """Each chapter's notes close it under "Endnotes", numbered from 1, pages after their markers. Before, the first
    "Endnotes" heading was taken for the report's notes section: chapters 2 and 3, their notes and all three
    recommendations were lost (4 notes of 9, no recommendation, from the PDF and every extractor)."""
    report = _report(pdfs["inquiry_chapter_notes"], extractor, tmp_path)
    assert [s.title for s in report.sections if s.level == 1] == [
        "Front matter", "Background", "The night of the flood", "Recommendations"]
    cites = {n: p.text for p in report.passages for n in p.notes}
    # chapter 2's note 1 is the report's fifth, on the paragraph whose marker cites it, three pages before it
    assert report.note(5).text.startswith("Environment Agency, Flood forecast") and "2.1 The river rose" in cites[5]
    assert "2.4 The duty officer" in cites[6] and "2.7 No one checked" in cites[7] and "3.1 We make" in cites[9]
    assert [(s.kind, s.kind_basis) for s in report.note(8).sources] == [("transcript", "ibid")]
    assert not any("Endnotes" in p.text or "Terms of Reference" in p.text for p in report.passages)


def test_end_notes_reach_the_answer_s_citations(pdfs, tmp_path):
    """What a user reads: the answer's passage cites chapter 2's notes with their sources, the London Assembly
    passage the note run over a page break, whole, and the people page the committee's guests and members."""
    from synthetic_reports import LA_NOTES
    from test_ingest_styles import _served

    with _served(tmp_path, pdfs["inquiry_chapter_notes"]) as client:
        body = client.get("/api/ask", query_string={"q": "Who checked the gauge by hand?", "k": 5}).get_json()
    passage = next(p for p in body["passages"] if "No one checked the gauge" in p["text"])
    assert [(c["note"], c["sources"][0]["kind"]) for c in passage["citations"]] == [(7, "transcript"), (8, "transcript")]
    with _served(tmp_path, pdfs["london_assembly"]) as client:
        body = client.get("/api/ask", query_string={"q": "admissions for assault with a sharp object", "k": 5}).get_json()
        people = client.get("/api/people").get_json()["people"]
    passage = next(p for p in body["passages"] if "sharp object have risen" in p["text"])
    assert [c["text"] for c in passage["citations"]] == [LA_NOTES[10], LA_NOTES[11]]
    # the guests at each meeting, with its date, and the members, on the people page
    listed = {p["name"]: (p["groups"], [a["date"] for a in p["appearances"]]) for p in people}
    assert listed["Jane Okafor"] == (["witness"], ["2019-02-13"]) and listed["David Hale"] == (["witness"], ["2019-03-06"])
    assert listed["Anna Webb"][0] == ["member"]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_footnotes_run_over_a_page_break_are_whole(pdfs, tmp_path, extractor):
    """Notes 3 and 6 run over to the next page's foot, above its own notes. From every extractor's text the rest was
    read as a paragraph of the body (and the note cut short); now it ends its note, and no passage holds it."""
    from synthetic_reports import RUN_OVER

    report = _report(pdfs["commons_run_over"], extractor, tmp_path)
    assert (report.note(3).text, report.note(6).text) == tuple(" ".join(parts) for parts in RUN_OVER)
    assert not [p.id for p in report.passages for _, rest in RUN_OVER if rest[:30] in p.text]
    assert [p.text[:2] for p in report.passages if 6 in p.notes] == ["5."]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_end_notes_at_the_back_numbered_by_chapter(pdfs, tmp_path, extractor):
    """Notes gathered under "Endnotes" at the back, numbered again from 1 under each chapter's name: chapter 2's run
    is numbered on (notes 4-6), its markers looked for from chapter 2 on. Before, only chapter 1's three were read
    (none from pdftotext's text, and pdfminer.six's gave note 3 chapter 2's last note's text)."""
    report = _report(pdfs["review_back_notes"], extractor, tmp_path)
    assert [n.text for n in report.notes] == [
        "Youth Custody Service, Youth custody data, January 2025",
        "Ministry of Justice, Distance from home of children in custody, 2024",
        "Interview with staff, HMYOI Northfield, 12 June 2024",
        "HM Inspectorate of Prisons, Children in custody 2023–24, 2024, p 18", "Ibid., p 22",
        "Letter from the governors of HMYOI Northfield to the review, 3 September 2024"]
    cites = {n: p.text for p in report.passages for n in p.notes}
    assert "fifteen hours of education" in cites[4] and "lessons were cancelled" in cites[5]
    assert "The governors agreed" in cites[6]
    assert report.note(5).sources[0].kind_basis == "ibid"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_text_set_in_two_columns(tmp_path, extractor):
    """An inquiry set in two columns, markers in both: from every reader every note is found and linked. The PDF
    reading, pypdf and pdfminer.six (which writes the columns' paragraphs row by row, 1.1, 1.3, 1.2, 1.4) put each
    note on its own paragraph; pdftotext interleaves the columns' lines, or with -layout sets them side by side, so
    its passages hold both columns (README, Reports never seen). Before, note 3's marker, written before note 2's,
    was lost from pdftotext's and pdfminer.six's text (5 of 6 linked)."""
    from synthetic_reports import inquiry_two_columns

    pdf = write_pdf(inquiry_two_columns(), "Inquiry report", tmp_path / "appeals.pdf")
    report = _report(pdf, extractor, tmp_path)
    assert [n.number for n in report.notes if n.text] == [1, 2, 3, 4, 5, 6]
    cites = {n: p.text for p in report.passages for n in p.notes}
    assert sorted(cites) == [1, 2, 3, 4, 5, 6]
    if extractor in ("pdf", "pypdf", "pdfminer"):
        assert "1.2 Its decisions" in cites[2] and "1.3 Claimants told us" in cites[3] and "1.4 The department" in cites[4]
    if extractor != "pdfminer":  # (pdfminer.six runs paragraph 2.2 into recommendation 1)
        assert [(r.label, r.addressee_names, r.deadline) for r in report.recommendations] == [
            ("1", ["Ministry of Justice"], "within three months"), ("2", ["Department for Work and Pensions"], "by 2026")]


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_audit_office_parts_and_lettered_recommendations(pdfs, tmp_path, extractor):
    """An audit report numbers its summary's paragraphs "1 The Department …" as footnotes are numbered, and letters
    its recommendations "a The Department should …" under a lead-in. Before: from pdftotext's text paragraphs 1-3
    were read as notes 1-3 (their markers lost), the lead-in "4" was the one recommendation holding all three, and
    "Part One" over "The school estate" was no chapter, so the part ran into the recommendations (PDF)."""
    report = _report(pdfs["audit_office"], extractor, tmp_path)
    assert [n.text for n in report.notes][:3] == [
        "Department for Education, Condition of School Buildings Survey: key findings, May 2023",
        "National Audit Office analysis of Department for Education data",
        "Comptroller and Auditor General, Capital funding for schools, Session 2016–17, HC 1014, National Audit "
        "Office, March 2017"]
    cites = {n: p.text for p in report.passages for n in p.notes}
    assert cites[1].startswith("1 The Department for Education is responsible") and cites[4].startswith("1.1 Most")
    assert [(s.title, s.number) for s in report.sections if s.level == 1][-2:] == [("Recommendations", None),
                                                                                ("The school estate", "1")]
    assert [r.text for r in report.recommendations][0] == ("The Department should publish, by March 2024, the "
                                                           "condition of every school building it funds.")
