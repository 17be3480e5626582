"""The rules the house styles of tests/synthetic_reports.py called for, one at a time: headings, recommendation
forms, addressees and deadlines, witness lists, note sources, and how each extractor's text is read."""
from __future__ import annotations

import re
import textwrap
from contextlib import contextmanager

import pytest

from ingest.blocks import top_level_heading
from ingest.layout import analyse
from ingest.parse import parse_report
from ingest.pdf import PdfLine, _split_at_marker
from ingest.people import parse_person_entry
from ingest.people.panels import _column_panels
from ingest.recommendations import _DEADLINE, _addressees
from ingest.sources import parse_sources
from ingest.store import ingest_file

@contextmanager
def _served(tmp_path, path):
    """A test client of the web app over the one report at path (hashing encoder), closed after use."""
    from web.app import create_app

    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "build"),
                      "REPORTS": [str(path)]})
    try:
        yield app.test_client()
    finally:
        app.extensions["kgqa"].close()


def _text(*paragraphs: str) -> str:
    """Paragraphs as an extractor writes them: wrapped at 80 characters, an empty line after each."""
    return "\n\n".join(textwrap.fill(p, 80) for p in paragraphs) + "\n"


FILLER = ("The evidence we received on this point was extensive, and it came from public bodies, from charities "
          "and from many individuals who wrote to us about their own experience.")


@pytest.mark.parametrize("line, heading", [
    ("Summary of conclusions and recommendations", ("back", None, "Summary of conclusions and recommendations")),
    ("SUMMARY OF CONCLUSIONS AND RECOMMENDATIONS", ("back", None, "Summary of conclusions and recommendations")),
    ("Recommendations and conclusions", ("back", None, "Recommendations and conclusions")),  # Senedd
    ("Conclusions and recommendations", ("back", None, "Conclusions and recommendations")),
    ("Summary of the evidence", None),
])
def test_closing_lists_in_every_house_style_are_headings(line, heading):
    assert top_level_heading(line) == heading


def test_recommendation_headings_with_a_title_but_not_a_sentence():
    """"Recommendation 12: Sharing complaints" heads its text; "Recommendation 13: The Board shall, as part of its"
    is the recommendation's own words, run on from its number (as the Post Office inquiry prints them)."""
    report = parse_report(
        "The Example Inquiry\n\n1. Introduction\n\n1.1 The Inquiry heard evidence over forty days.\n\n"
        "2. Recommendations\n\nRecommendation 12: Sharing complaints\n\n"
        "The government should require every council to share each complaint within 28 days.\n\n"
        "Recommendation 13: The Board shall, as part of its\nrole, advise the Minister.\n", "example.txt")
    assert [(r.label, r.addressee_names, r.deadline) for r in report.recommendations] == \
        [("12", ["Government"], "within 28 days")]


def test_senedd_recommendations_numbered_in_their_words():
    """"Recommendation 1. The Welsh Government should …" in the list at the front, with a dotted leader to its page,
    is recommendation 1 (once, though the chapter restates it); "Conclusion 1. …" is none."""
    report = parse_report(_text("Welsh Parliament", "Childcare in Wales") + "\f" + _text(
        "Recommendations and conclusions",
        "Recommendation 1. The Welsh Government should publish a plan within six months. ........ Page 3",
        "Conclusion 1. We are not persuaded that the offer reaches those who need it. ........ Page 3",
        "1. Introduction", "1. Parents in Wales spend more on childcare than most. " + FILLER,
        "Recommendation 1. The Welsh Government should publish a plan within six months."), "senedd.txt")
    assert [(r.label, r.text, r.addressee_names, r.deadline) for r in report.recommendations] == [
        ("1", "The Welsh Government should publish a plan within six months.", ["Welsh Government"],
         "within six months")]
    assert report.title == "Childcare in Wales"  # "Welsh Parliament" names the legislature, not the report


def test_chapter_headings_after_the_chapters_are_sub_headings():
    """A Lords summary groups its conclusions under the chapters' titles; "Introduction" there is no new chapter."""
    report = parse_report(_text(
        "Chapter 1: Introduction", "1. England has not built enough homes. " + FILLER,
        "Summary of conclusions and recommendations", "Introduction", "1. The target has never been met. (Paragraph 1)",
        "Supply", "2. We recommend that the Government publish a strategy within 12 months. (Paragraph 1)"), "lords.txt")
    assert [(s.title, s.level) for s in report.sections][-3:] == [
        ("Summary of conclusions and recommendations", 1), ("Introduction", 2), ("Supply", 2)]
    assert [r.label for r in report.recommendations] == ["1", "2"]


def test_a_named_heading_after_a_marked_sentence_without_a_blank_line():
    """pypdf writes no blank lines: "powers.6" (a sentence and its note marker) then "Summary of conclusions and
    recommendations" opens that section."""
    text = ("Chapter 1: Supply\n1. Homes England should set out how it will use its land assembly powers and\n"
            "say so.1\n" + FILLER + "\nSummary of conclusions and recommendations\n"
            "1. Homes England should set out how it will use its powers. (Paragraph 1)\n\f1  Q 14 (Peter Denton)\n")
    report = parse_report(text, "pypdf.txt")
    assert "Summary of conclusions and recommendations" in [s.title for s in report.sections]
    assert [r.label for r in report.recommendations] == ["1"]


def test_pdfminer_paragraph_breaks_are_not_double_spacing():
    """pdfminer.six ends every paragraph with an empty line, so a report of short paragraphs has most lines followed
    by one; the London Assembly's double spacing puts one after every line, mid-sentence too."""
    pdfminer = "\n".join(["HOUSE OF LORDS", "", "Meeting housing demand", "", "Chapter 1: Introduction", "",
                          "1. England has not built 300,000 homes in any year since the target was set. The",
                          "evidence we received on this point was extensive, and it came from public bodies,",
                          "from many individuals who wrote to us.", "", "Lord Moylan (Chair)", "", "Lord Best", ""])
    double = "\n\n".join(["1. England has not built 300,000 homes in any year since the target was set. The",
                          "evidence we received on this point was extensive, and it came from public bodies,",
                          "from many individuals who wrote to us.", "Lord Moylan (Chair)", "Lord Best"])
    assert analyse(pdfminer).double_spaced is False
    assert analyse(double).double_spaced is True


@pytest.mark.parametrize("second, joined", [
    (PdfLine("3 The", 456.7, 531.2, 12.0, False, sups=[(0, 1)]), "today.3 The"),  # broken before the marker
    (PdfLine("The", 462.0, 531.2, 12.0, False), None),  # level, but no marker where they meet
    (PdfLine("3 The", 70.9, 515.7, 12.0, False, sups=[(0, 1)]), None),  # the next line down
])
def test_a_line_pdfium_broke_at_a_superscript(second, joined):
    first = PdfLine("3. Small builders build one in ten today.", 70.9, 531.2, 12.0, False)
    assert _split_at_marker(second, first) is (joined is not None)


@pytest.mark.parametrize("text, deadline", [
    ("The Cabinet Office should publish, by the end of 2023, guidance for departments.", "by the end of 2023"),
    ("Councils should share each complaint within 28 days.", "within 28 days"),
    ("The Department should report by the end of next year.", "by the end of next year"),
])
def test_deadlines(text, deadline):
    assert " ".join(_DEADLINE.search(text).group(1).split()) == deadline


@pytest.mark.parametrize("text, names", [
    ("The government should require every local authority to share complaints.", ["Government"]),
    ("The Department for Work & Pensions and HM Revenue & Customs should, within three months, report.",
     ["Department for Work & Pensions", "HM Revenue & Customs"]),  # "&" joins one name's words
    ("NHS England and the Department of Health and Social Care should set out a plan.",
     ["NHS England", "Department of Health and Social Care"]),
])
def test_addressees(text, names):
    assert _addressees(text, {}) == names


@pytest.mark.parametrize("text, names", [
    # who is asked to act: the name the clause's verb follows
    ("We recommend that the Government publish a strategy for rural buses.", ["Government"]),
    ("We recommend that the government review its funding formula.", ["Government"]),
    ("We recommend that the Government also publish its evidence.", ["Government"]),
    ("We recommend that the Government consult on whether it should act.", ["Government"]),
    ("We urge ministers to publish the data.", ["Government ministers"]),
    ("We recommend that the Department for Transport publish the data.", ["Department for Transport"]),
    # a modal verb after the name is the clause's verb, not a noun the name qualifies
    ("We recommend that the Department for Transport should be given the power to act.", ["Department for Transport"]),
    ("We recommend that the Home Office must be clear about its plans.", ["Home Office"]),
    ("We recommend that the Government will be required to report.", ["Government"]),
    # a name that only qualifies the noun the clause is about asks no one to act
    ("We recommend that government funding for rural buses is increased.", []),
    ("We recommend that Government support for councils should continue.", []),
    ("We recommend that the Government’s strategy is revised.", []),
    ("We recommend that local authorities’ budgets are protected.", []),
    ("We recommend that government spending on buses rises with costs.", []),
    ("We recommend that Department for Transport funding is increased.", []),
])
def test_the_addressee_is_who_the_verb_follows(text, names):
    """A report's recommendation is addressed to the name the recommending clause's verb follows, not to a name that
    qualifies a noun ("government funding … is increased"): what the recommendation's page lists as addressed."""
    report = parse_report(_text("Rural bus services", "1. Introduction", "1. " + FILLER,
                                "Conclusions and recommendations", f"1. {text} (Paragraph 1)"), "addressed.txt")
    assert [r.addressee_names for r in report.recommendations] == [names]


def test_commons_panels_of_several_witnesses():
    """"Name, Role, Body; Name, Role, Body": a Commons session's panel, one person each side of the semicolon."""
    entry = ("Peter Schofield, Permanent Secretary, Department for Work & Pensions; Jim Harra, First Permanent "
             "Secretary and Chief Executive, HM Revenue & Customs")
    assert [(p["name"], p["role"], p["organisation"]) for p in parse_person_entry(entry)] == [
        ("Peter Schofield", "Permanent Secretary", "Department for Work & Pensions"),
        ("Jim Harra", "First Permanent Secretary and Chief Executive", "HM Revenue & Customs")]
    assert [(p["name"], p["role"], p["organisation"]) for p in parse_person_entry(
        "Julie Morgan MS, Deputy Minister for Social Services, Welsh Government")] == [
        ("Julie Morgan", "Deputy Minister for Social Services", "Welsh Government")]
    assert [(p["role"], p["organisation"]) for p in parse_person_entry("Jane Doe, Chief Executive, Children in Wales")] \
        == [("Chief Executive", "Children in Wales")]


def test_lords_question_ranges_set_in_a_column():
    """pdfminer.six writes the column of question ranges after all the entries: the n-th is the n-th entry's."""
    text = ("Those witnesses marked with ** gave both oral and written evidence. Those marked with * gave oral "
            "evidence. * Professor Jane Smith, Professor of Planning, University College London ** Peter Denton, "
            "Chief Executive, Homes England QQ 1–10 QQ 11–20")
    assert _column_panels(text) == [
        ("1", "10", "Professor Jane Smith, Professor of Planning, University College London"),
        ("11", "20", "Peter Denton, Chief Executive, Homes England")]
    assert _column_panels(text + " QQ 21–30") == []  # more ranges than entries: none is paired


@pytest.mark.parametrize("note, sources", [
    ("Q 67; C&AG's Report, para 3.8", [("oral evidence", None), ("publication", None)]),
    ("Witness statement of Jane Doe, WITN1234001, para 12", [("written evidence", "WITN1234001")]),
    ("Jane Doe, Transcript, INQY1000150, pp 45–47", [("inquiry document", "INQY1000150")]),
    ("Home Builders Federation (HBF0012)", [("written evidence", "HBF0012")]),  # four digits: an evidence code
])
def test_note_sources_in_every_style(note, sources):
    assert [(s.kind, s.code) for s in parse_sources(note, [])] == sources


def test_a_long_paragraph_is_never_cut_after_its_number():
    """A numbered paragraph with a list too long for one passage splits at a sentence, never after "17."."""
    from ingest.joiner import Joined
    from ingest.structure import _split

    text = "17. The Committee would welcome submissions in order to examine: " + " ".join(
        f"({letter}) what the evidence says about question {letter} and its many implications for policy;"
        for letter in "abcdefghijklmnopq")
    chunks = _split(Joined(text, list(range(len(text)))))
    assert len(chunks) > 1 and chunks[0].text.startswith("17. The Committee")


# House of Lords, as pdfminer.six writes an older list: the question ranges of the first panels set as a column
# before their entries, each entry a paragraph of its own (its lines' spaces widened by justification)
LORDS_RANGES_APART = [
    "Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
    "Oral evidence in chronological order", "", "*", "", "(QQ 1–50)", "", "*", "", "(QQ 51–85)", "",
    "Dr Jane  Doe,  Head  of  Research,  Cabinet  Office", "",
    "Professor Tom  Field,  Professor of  Planning,", "University  of  Leeds, and Dr Amy  Stone,",
    "Director, Arts Council", "", "*", "", "(QQ 86–90)  Mr Sam Lee, Chief Executive, Cycling Trust"]
LORDS_RANGES_APART_WITNESSES = [("Jane Doe", "Cabinet Office", None, "Q1–50"),
                                ("Tom Field", "University of Leeds", None, "Q51–85"),
                                ("Amy Stone", "Arts Council", None, "Q51–85"), ("Sam Lee", "Cycling Trust", None, "Q86–90")]


def _listed(lines: list[str], body: str = FILLER) -> list[tuple]:
    report = parse_report("1. Introduction\n\n" + textwrap.fill("1. " + body, 80) + "\n\f" + "\n".join(lines) + "\n",
                          "witnesses.pdfminer.txt")
    return [(p.name, p.organisation, p.appearances[0].date if p.appearances else None,
             p.appearances[0].questions if p.appearances else None) for p in report.people if "witness" in p.groups]


def test_question_ranges_set_apart_from_their_panels():
    """pdfminer.six: "(QQ 1–50)", "(QQ 51–85)" alone, then two paragraphs: the n-th range is the n-th paragraph's.
    A justified line's wide spaces ("Dr Amy  Stone" in the body too) make no other spelling of a name."""
    body = "Dr Amy  Stone  told  us  that  the  arts  councils  fund  too  few  projects. " + FILLER
    assert _listed(LORDS_RANGES_APART, body) == LORDS_RANGES_APART_WITNESSES
    # a third paragraph where two ranges stand: which range is whose cannot be told, and none is guessed
    extra = LORDS_RANGES_APART[:16] + ["Ms Ann Bell, Adviser, Theatres Trust", ""] + LORDS_RANGES_APART[16:]
    assert "Q1–50" not in {questions for *_, questions in _listed(extra)}


# House of Lords, as pypdf writes a list set in kerned type: words split inside ("Bri tton", "M ilton"), a space
# before a possessive or a word's hyphen ("King ’s", "Cross -Government")
LORDS_SPLIT_WORDS = [
    "Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
    "Oral evidence in chronological order",
    "* (QQ 1–10) Professor Mike Kelly, National Institute for Clinical Excellence, Professor John Bri tton,",
    "  University of Nottingham, and Dr Tim Chatterton, University of the West of England",
    "* (QQ 11–20) Dr Siobhan Campbe ll, Head of Policy Evaluation, Department of Energy and Climate Change,",
    "  and Ms Anne M ilton MP, Parliamentary Under Secretary of State for Public Health",
    "* (QQ 21–30) Professor Theresa Marteau, King ’s College London, and Dr Susan Jebb, Chair, Cross -Government",
    "  Expert Advisory Group on Obesity"]


def test_names_an_extraction_split_inside_a_word():
    """A lower-case piece after a capitalised word of a listed name is that word's end ("Bri tton" is Britton),
    so the witness is found and the panel's next body stays with its own witness."""
    assert _listed(LORDS_SPLIT_WORDS) == [
        ("Mike Kelly", "National Institute for Clinical Excellence", None, "Q1–10"),
        ("John Britton", "University of Nottingham", None, "Q1–10"),
        ("Tim Chatterton", "University of the West of England", None, "Q1–10"),
        ("Siobhan Campbell", "Department of Energy and Climate Change", None, "Q11–20"),
        ("Anne Milton", None, None, "Q11–20"), ("Theresa Marteau", "King’s College London", None, "Q21–30"),
        ("Susan Jebb", "Cross-Government Expert Advisory Group on Obesity", None, "Q21–30")]
    assert [p["name"] for p in parse_person_entry("Professor John Bri tton, University of Nottingham")] == [
        "John Britton"]
    # a name's particles and a role's small words stay apart
    assert [p["name"] for p in parse_person_entry("Professor Erik van Sebille, Utrecht University")] == [
        "Erik van Sebille"]


def _people_page(tmp_path, lines: list[str]) -> dict:
    """The witnesses /api/people lists for a report of these lines: name -> (body, each appearance's body)."""
    path = tmp_path / "witnesses.txt"
    path.write_text("1. Introduction\n\n" + textwrap.fill("1. " + FILLER, 80) + "\n\f" + "\n".join(lines) + "\n",
                    encoding="utf-8")
    with _served(tmp_path, path) as client:
        people = client.get("/api/people").get_json()["people"]
    return {p["name"]: (p["organisation"], [a["organisation"] for a in p["appearances"]]) for p in people
            if "witness" in p["groups"]}


def test_witnesses_an_extraction_split_reach_the_people_page(tmp_path):
    """What a user reads at /api/people: John Britton of the University of Nottingham, not a lost witness whose
    body is given to Mike Kelly."""
    got = _people_page(tmp_path, LORDS_SPLIT_WORDS)
    assert got["John Britton"] == ("University of Nottingham", ["University of Nottingham"])
    assert got["Mike Kelly"] == ("National Institute for Clinical Excellence", ["National Institute for Clinical Excellence"])
    assert "Anne Milton" in got and "Siobhan Campbell" in got
    assert got["Theresa Marteau"] == ("King’s College London", ["King’s College London"])


def test_witnesses_whose_ranges_were_set_apart_reach_the_people_page(tmp_path):
    """What a user reads at /api/people: each witness with the body and the questions of their own panel."""
    got = _people_page(tmp_path, LORDS_RANGES_APART)
    assert got == {"Jane Doe": ("Cabinet Office", ["Cabinet Office"]),
                   "Tom Field": ("University of Leeds", ["University of Leeds"]),
                   "Amy Stone": ("Arts Council", ["Arts Council"]), "Sam Lee": ("Cycling Trust", ["Cycling Trust"])}


@pytest.mark.parametrize("lines, witnesses", [
    # House of Commons, as pdftotext -layout sets the question range beside the panel's last line
    (["Witnesses", "", "The following witnesses gave evidence.", "", "Monday 20 March 2023", "",
      "Peter Schofield, Permanent Secretary, Department for Work & Pensions; Jim",
      "Harra, Chief Executive, HM Revenue & Customs                              Q1–98"],
     [("Peter Schofield", "Department for Work & Pensions", "2023-03-20", None),
      ("Jim Harra", "HM Revenue & Customs", "2023-03-20", None)]),
    # House of Lords today: the questions after the names; "**" oral and written evidence, "*" oral only
    (["Appendix 2: List of Witnesses", "", "Those witnesses marked with ** gave both oral and written evidence.",
      "", "Oral evidence in chronological order", "",
      "* Professor Jane Smith, Professor of Planning, University College London     QQ 1–10", "",
      "** Peter Denton, Chief Executive, Homes England     QQ 11–20"],
     [("Jane Smith", "University College London", None, "Q1–10"), ("Peter Denton", "Homes England", None, "Q11–20")]),
    # Senedd: a table of sessions, the date in its first column
    (["Annex A: List of oral evidence sessions", "",
      "The following witnesses provided oral evidence to the Committee on the dates noted below.", "",
      "12 January 2023       Jane Doe, Chief Executive, Children in Wales", "",
      "26 January 2023       Julie Morgan MS, Deputy Minister for Social Services, Welsh Government"],
     [("Jane Doe", "Children in Wales", "2023-01-12", None), ("Julie Morgan", "Welsh Government", "2023-01-26", None)]),
])
def test_witness_lists_in_every_house_style(lines, witnesses):
    report = parse_report("1. Introduction\n\n" + textwrap.fill("1. " + FILLER, 80) + "\n\f" + "\n".join(lines) + "\n",
                          "witnesses.txt")
    found = [(p.name, p.organisation, p.appearances[0].date if p.appearances else None,
              p.appearances[0].questions if p.appearances else None)
             for p in report.people if "witness" in p.groups]
    assert found == witnesses


def test_lords_members_under_a_members_heading():
    """"Appendix 1: List of Members and declarations of interest": the names under "Members", the chair marked; the
    same names under "Declarations of interest" are no new members. A peer's name on a line of its own, before a
    longer line ("Lord Young of Cookham" / "Declarations of interest", "Lord Moylan" / "No relevant interests
    declared"), is a list's entry, not a sub-heading."""
    report = parse_report("1. Introduction\n\n" + textwrap.fill("1. " + FILLER, 80) + "\n\f" + "\n\n".join([
        "Appendix 1: List of Members and declarations of interest", "Members", "Baroness Blake of Leeds",
        "Lord Moylan (Chair)", "Lord Young of Cookham", "Declarations of interest", "Baroness Blake of Leeds",
        "Vice-President, Local Government Association", "Lord Moylan", "No relevant interests declared"]) + "\n",
        "members.txt")
    assert [(p.name, p.chair) for p in report.people if "member" in p.groups] == [
        ("Baroness Blake of Leeds", False), ("Lord Moylan", True), ("Lord Young of Cookham", False)]
    assert [s.title for s in report.sections] == ["Introduction", "Appendix 1: List of Members and declarations of interest"]


def test_a_commons_title_page_with_a_hyphenated_report_number():
    report = parse_report("\n".join(["House of Commons", "Committee of Public Accounts", "Support for households",
                                     "Fifty-Second Report of Session 2022–23", "HC 1234"]) + "\n\f1. Introduction\n\n"
                          + textwrap.fill("1. " + FILLER, 80) + "\n", "pac.txt")
    assert report.title == "Support for households"


def test_notes_start_at_the_expected_number_not_at_a_heading_above_them():
    """pdftotext writes a Commons chapter heading ("2 Fraud and error") above the page's notes 1-2: the notes open
    at "1", not at the heading that happens to open with the number 2."""
    body = "\n".join(textwrap.fill(f"{k}. " + FILLER + " " + FILLER + (str(k) if k <= 3 else ""), 90)
                     for k in range(1, 6))
    page = ("1 Targeting support\n" + body + "\n\n2 Fraud and error\n"
            "4. The Cabinet Office estimates that fraud in emergency schemes cost £2 billion.\n\n"
            "1 C&AG's Report, Cost of living support, Session 2022–23, HC 1300, 3 March 2023\n"
            "2 C&AG's Report, paras 2.4–2.6\n3 Qq 12–15\n\n4\n")
    report = parse_report("Title page\n\f" + page, "pac.txt")
    assert [(n.number, n.text) for n in report.notes] == [
        (1, "C&AG's Report, Cost of living support, Session 2022–23, HC 1300, 3 March 2023"),
        (2, "C&AG's Report, paras 2.4–2.6"), (3, "Qq 12–15")]


def test_a_pronoun_lead_in_of_its_own_speaks_for_the_person_named_before():
    """"He added:" set apart above a quote (pypdf's text of HC 179 sets it so now, as the PDF does) is the person
    the paragraph before named; the sentence before a lettered part ends there ("… legislation].\\n(b) How …")."""
    from ingest.sentences import sentence_spans

    text = "Witnesses\n\nThe following witnesses gave evidence.\n\nWednesday 8 June 2016\n\n" \
           "Professor Richard Thompson, Professor of Marine Biology, Plymouth University Q263–286\n"
    report = parse_report(_text("1 Introduction", "1. Professor Richard Thompson highlighted the need for policy "
                                "prioritisation. " + FILLER, "He added:", "On the basis of current knowledge it "
                                "would be difficult to prioritise policy measures.") + "\f" + text, "hc.txt")
    assert [(s.speaker_name, s.verb) for s in report.statements if s.content.startswith("On the basis")] == [
        ("Richard Thompson", "added")]
    quoted = "as to: “(a) How many are under consideration.\n(b) How many people have been confirmed?"
    assert [quoted[a:b] for a, b in sentence_spans(quoted)][-1] == "(b) How many people have been confirmed?"


def test_a_pronoun_lead_in_ending_a_paragraph_speaks_for_the_person_it_named_before():
    """"Professor Thompson … studied seabirds. He said:" ends a paragraph, and the quote is set apart below it: the
    quote is the person the sentence before the pronoun named, though that sentence said nothing of its own."""
    text = "Witnesses\n\nThe following witnesses gave evidence.\n\nWednesday 8 June 2016\n\n" \
           "Professor Richard Thompson, Professor of Marine Biology, Plymouth University Q263–286\n"
    report = parse_report(_text("1 Introduction", "1. " + FILLER + " Professor Richard Thompson also conducted a "
                                "study of seabirds. He said:", "We found that most seabirds swallow plastic.")
                          + "\f" + text, "hc.txt")
    assert [s.speaker_name for s in report.statements if s.content.startswith("We found")] == ["Richard Thompson"]
    # by an honorific and a surname with its particles; a sentence further back is not looked at
    listed = text.replace("Professor Richard Thompson", "Dr Erik van Sebille")
    report = parse_report(_text("1 Introduction", "1. Professor Jane Roe studied fish. " + FILLER + " Dr van Sebille "
                                "also studied seabirds. He said:", "We found that most seabirds swallow plastic.")
                          + "\f" + listed, "hc.txt")
    assert [s.speaker_name for s in report.statements if s.content.startswith("We found")] == ["Erik van Sebille"]
    report = parse_report(_text("1 Introduction", "1. Dr van Sebille studied fish. " + FILLER + " Others studied "
                                "seabirds. He said:", "We found that most seabirds swallow plastic.")
                          + "\f" + listed, "hc.txt")
    assert [s.speaker_name for s in report.statements if s.content.startswith("We found")] == []
    # "gave an example:" introduces a quote as "said:" does
    report = parse_report(_text("1 Introduction", "1. Professor Richard Thompson, Plymouth University, gave an "
                                "example: “we cannot filter every drain in the country”. " + FILLER) + "\f" + text, "hc.txt")
    assert [s.speaker_name for s in report.statements if "filter every drain" in s.content] == ["Richard Thompson"]


def test_a_witness_keeps_every_title_printed_before_the_name():
    """"Professor Sir …", "Prof Dame …", "Rt Hon Lord …": a person's titles, however many, are the person's title in
    their order, and the graph names a knight or dame by all of them, as the list prints them (not "Sir Jane Doe",
    which loses "Professor"); a peer styled "Rt Hon" is still the peer "Lord Smith of Finsbury"."""
    from graph.answers import GraphAnswerer
    from graph.build import build_graph
    from graph.store import QueryEngine

    report = parse_report("1. Introduction\n\n" + textwrap.fill("1. " + FILLER, 80) + "\n\f" + "\n".join([
        "Witnesses", "", "The following witnesses gave evidence.", "", "Tuesday 25 October 2022", "",
        "Professor Sir Jane Doe, National Medical Director, NHS England; Prof Dame Ann Roe, Chief",
        "Medical Officer, Department of Health and Social Care                   Q1–45", "",
        "Tuesday 8 November 2022", "",
        "Rt Hon Lord Smith of Finsbury, Chair, Environment Agency                 Q46–90"]) + "\n", "titles.txt")
    found = [(p.title, p.name) for p in report.people if "witness" in p.groups]
    assert found == [("Professor Sir", "Jane Doe"), ("Professor Dame", "Ann Roe"), ("Rt Hon Lord", "Lord Smith of Finsbury")]
    answerer = GraphAnswerer(QueryEngine(build_graph([report])))
    first = answerer.answer("Who gave evidence on 25 October 2022?")
    assert sorted(f["subject"] for f in first.facts) == ["Professor Dame Ann Roe", "Professor Sir Jane Doe"]
    assert "Professor Sir Jane Doe" in first.text
    second = answerer.answer("Who gave evidence on 8 November 2022?")
    assert [f["subject"] for f in second.facts] == ["Lord Smith of Finsbury"]


@pytest.mark.parametrize("note", ["Sir Jane Doe (2019) The State of Soils, p 4",
                                  "Professor Sir Jane Doe (2019) The State of Soils, p 4",
                                  "Letter from Professor Sir Jane Doe, to the Chair, 3 May 2019"])
def test_a_note_names_its_person_without_any_of_the_titles(note):
    """A note's source names the person as the lists do, with no title, however many stand before the name
    ("Professor Sir Jane Doe" is Jane Doe, as "Sir Jane Doe" is): not "Sir Jane Doe", one title of two taken off."""
    assert [s.person_name for s in parse_sources(note, [])] == ["Jane Doe"]


def test_a_body_set_over_two_lines_of_a_list_without_blank_lines():
    """pypdf's text has no blank lines: "…, Welsh" / "Government" is one entry's body (a line of a few words and no
    comma ends the entry above it), while "…, in the Chair" / "Witnesses" / "The following …" still opens a section."""
    text = "\n".join([
        "1. Introduction", textwrap.fill("1. " + FILLER, 80), textwrap.fill("2. " + FILLER, 80), "Formal minutes",
        "Tuesday 12 July 2022", "Members present:", "Steve Brine, in the Chair", "Witnesses",
        textwrap.fill("The following witnesses gave evidence. Transcripts can be viewed on the inquiry publications "
                      "page of the Committee’s website.", 80), "Tuesday 25 October 2022",
        "Julie Morgan MS, Deputy Minister for Social Services, Welsh", "Government"]) + "\n"
    report = parse_report(text, "pypdf.txt")
    assert "Witnesses" in [s.title for s in report.sections]
    assert [(p.name, p.organisation, p.appearances[0].date) for p in report.people if "witness" in p.groups] == [
        ("Julie Morgan", "Welsh Government", "2022-10-25")]


# A page as pypdf writes an inquiry's: markers glued to a year's comma, set after a stop and wide spaces, before a
# stop, opening the line after their sentence (the line break cut them from it), after a space-then-stop.
PYPDF_PAGE = "\n".join([
    "1. Introduction",
    "1.1 The scheme had made offers to 2,720 claimants by 31 May 2024,1 and 2,248 claimants ",
    "had accepted them. The dispute about the panel had not been determined.  2 However, the ",
    "Inquiry heard that no postmaster had yet opted for assessed claims 3. Nonetheless, the ",
    "Department described the process in detail to the permanent secretary, Ms Jane Roe. ",
    "4 Mr Smith received a letter from her dated 9 December 2022 and replied at once. ",
    *textwrap.wrap(FILLER, 90),
    "1.2. The scheme was set out in the White Paper Fair Redress .5 It was used widely. ",
    *textwrap.wrap(FILLER, 90),
    "1  Jane Roe 1st [WITN00000100] at [5/13].",
    "2  Jane Roe 2nd [WITN00000200].",
    "3  Ibid at [2/6].",
    "4  John Smith 1st [WITN00000300].",
    "5  Department for Business, Fair Redress, 2024",
]) + "\n"


@pytest.mark.parametrize("page", [PYPDF_PAGE, PYPDF_PAGE.replace("\n4 Mr Smith", "\n4\nMr Smith")],
                         ids=["pypdf", "pdftotext, a marker alone on its line"])
def test_markers_where_pypdf_sets_them(page):
    """Each marker is found where pypdf set it, and no year, amount or paragraph number is taken for one."""
    text = "The Redress Inquiry\nReport\n\f" + page
    report = parse_report(text, "redress.pypdf.txt")
    assert [(m.number, text[m.start - 6:m.end]) for m in report.markers] == [
        (1, " 2024,1"), (2, "ned.  2"), (3, "laims 3"), (4, "Roe. \n4"), (5, "ress .5")]
    notes = {n: p.text[:4] for p in report.passages for n in p.notes}
    assert notes == {1: "1.1 ", 2: "1.1 ", 3: "1.1 ", 4: "1.1 ", 5: "1.2."}


def test_markers_where_pypdf_sets_them_reach_the_citations(tmp_path):
    """What a user reads: the answer's passage cites each of its notes, with the note's source."""
    path = tmp_path / "redress.txt"
    path.write_text("The Redress Inquiry\nReport\n\f" + PYPDF_PAGE, encoding="utf-8")
    with _served(tmp_path, path) as client:
        body = client.get("/api/ask", query_string={"q": "Mr Smith received a letter dated 9 December 2022",
                                                    "k": 5}).get_json()
        passage = next(p for p in body["passages"] if "Mr Smith received" in p["text"])
        assert [c["note"] for c in passage["citations"]] == [1, 2, 3, 4]
        assert passage["citations"][3]["sources"][0]["code"] == "WITN00000300"
        body = client.get("/api/ask", query_string={"q": "the White Paper Fair Redress", "k": 5}).get_json()
        passage = next(p for p in body["passages"] if "White Paper Fair Redress" in p["text"])
        assert [(c["note"], c["text"]) for c in passage["citations"]] == [
            (5, "Department for Business, Fair Redress, 2024")]


# pdftotext (without -layout) runs a quotation set apart into the paragraph after it, and writes a control character
# where the PDF sets a paragraph's number apart from its text ("3.212. \x07Ms Connolly said")
FIBRES = "Fibres report\n\f" + _text(
    "1 Introduction", "1. \x07Professor Tom Field said that fibres were very hard to remove.1 " + FILLER,
    "He further stated:",
    "I feel that solving the fibre problem might mean engineering solutions, where it is about better filtering of "
    "wastewater treatment plants.2 In Europe, the Environment Agency estimates that there are between 68,500 and "
    "275,000 tonnes of larger plastics in the sea. Dr Jane Roe highlighted this discrepancy in the figures when she "
    "gave evidence to us in March.3") + "1  Q 12 (Professor Tom Field)\n2  Q 13 (Professor Tom Field)\n" \
    "3  Q 40 (Dr Jane Roe)\n\f" + _text(
    "Witnesses", "The following witnesses gave evidence.", "Wednesday 8 June 2016",
    "Professor Tom Field, Professor of Water Engineering, Leeds University Q1–30",
    "Dr Jane Roe, Director, Marine Trust Q31–60")


def test_a_quotation_set_apart_ends_at_its_note(tmp_path):
    """The quotation a lead-in ("He further stated:") sets apart, with no closing mark, ends at its note; the words
    an extraction ran on after it are read for their own speaker (Dr Jane Roe was lost, the quote taking it all).
    A control character in the text is a space, so "\\x07Professor Tom Field said" names him."""
    path = tmp_path / "fibres.txt"
    path.write_text(FIBRES, encoding="utf-8")
    report = ingest_file(path)
    said = [(s.speaker_name, s.verb, s.content[:30], s.content[-12:]) for s in report.statements]
    assert said == [("Tom Field", "said", "fibres were very hard to remov", "d to remove."),
                    ("Tom Field", "stated", "I feel that solving the fibre ", "ment plants."),
                    ("Jane Roe", "highlighted", "this discrepancy in the figure", "us in March.")]
    assert report.passages[1].text.startswith("1. Professor Tom Field said")


def test_a_quotation_set_apart_keeps_both_speakers_in_the_answer(tmp_path):
    """What a user reads: the passage holding the quotation and the words after it has both speakers."""
    path = tmp_path / "fibres.txt"
    path.write_text(FIBRES, encoding="utf-8")
    with _served(tmp_path, path) as client:
        body = client.get("/api/ask", query_string={
            "q": "Who highlighted the discrepancy in the figures of plastics in the sea?", "k": 5}).get_json()
    passage = next(p for p in body["passages"] if "discrepancy in the figures" in p["text"])
    assert [s["name"] for s in passage["speakers"]] == ["Tom Field", "Jane Roe"]


# A Lords panel whose first witness's body is followed by another the entry names, in lower case ("and the …")
LORDS_SECOND_BODY = "Behaviour report\n\f" + _text(
    "Chapter 1: Introduction", "1.1 The Behavioural Insights Team told us that it worked across Whitehall.1 " + FILLER,
    "1.2 " + FILLER + "2") + "1  Q 5.\n2  Q 14.\n\f" + "\n".join([
        "Appendix 2: List of Witnesses", "", "Witnesses marked with * gave both oral and written evidence.", "",
        "Oral evidence in chronological order",
        "* (QQ 1–10) Dr Anna Hale, Head of the Behavioural Insights Team, Cabinet Office, and the",
        "  Government Economic and Social Research Team",
        "* (QQ 11–20) Dr Ben Fox, Chief Scientist, Department for Transport"]) + "\n"


def test_a_second_body_in_lower_case_is_not_the_witness_s(tmp_path):
    """"Dr Anna Hale, Head of …, Cabinet Office, and the Government Economic and Social Research Team": her body is
    the Cabinet Office; and the note citing her question says so in the answer's citation."""
    path = tmp_path / "behaviour.txt"
    path.write_text(LORDS_SECOND_BODY, encoding="utf-8")
    report = ingest_file(path)
    assert [(p.name, p.role, p.organisation) for p in report.people if "witness" in p.groups] == [
        ("Anna Hale", "Head of the Behavioural Insights Team", "Cabinet Office"),
        ("Ben Fox", "Chief Scientist", "Department for Transport")]
    with _served(tmp_path, path) as client:
        body = client.get("/api/ask", query_string={
            "q": "The Behavioural Insights Team told us that it worked across Whitehall", "k": 3}).get_json()
    passage = next(p for p in body["passages"] if "worked across Whitehall" in p["text"])
    assert [(c["source"]["person"], c["source"]["organisation"]) for c in passage["citations"]] == [
        ("Anna Hale", "Cabinet Office")]


def test_a_postscript_after_the_signature_is_a_section_of_its_own(tmp_path):
    """pypdf's text sets no blank line: "Sir Jane Hale" / "6 June 2025", a page break, then "Postscript" and its text.
    "Postscript" (or "Afterword", "Epilogue") heads a section, so the name and date close the report and sign it."""
    header = "The Lakeside Inquiry Report: Volume 1"  # the running header, atop every page
    pages = [["1. Introduction", *textwrap.wrap("1.1 " + FILLER + " " + FILLER, 88)],
             [*textwrap.wrap("1.2 " + FILLER, 88), "Dame Jane Hale", "6 June 2025"],
             ["Postscript", *textwrap.wrap("Just as I was completing this report, I received a letter of some "
                                           "importance. " + FILLER, 88)]]
    path = tmp_path / "lakeside.pypdf.txt"
    path.write_text("The Lakeside Inquiry\n\f" + "\n\f".join("\n".join([header, *p]) for p in pages) + "\n",
                    encoding="utf-8")
    report = ingest_file(path)
    assert [s.title for s in report.sections][-1] == "Postscript"
    assert [(p.name, p.groups) for p in report.people] == [("Jane Hale", ["author"])]
    people = _people_groups(tmp_path, path)
    assert people == {"Jane Hale": ["author"]}


def _people_groups(tmp_path, path) -> dict:
    """Each person /api/people lists for the report at path, with their groups."""
    with _served(tmp_path, path) as client:
        return {p["name"]: p["groups"] for p in client.get("/api/people").get_json()["people"]}


# End notes at the back as pdftotext writes them: each number alone on its line, its text after a blank line, and a
# note run over a page break (the next page opens with its last words); each page's number at its foot.
ENDNOTES_PDFTOTEXT = "London Assembly\nPolice and Crime Committee\nSafer parks\n\f" + _text(
    "1. Introduction", "Parks are used more than ever.1 Park keepers told us that their numbers had halved.2 " + FILLER,
    "Councils said that they could not fund more.3 It was read again.4 " + FILLER, "2") + "\f" + _text(
    "Endnotes", "1", "Parks Trust, Annual survey, 2019", "2", "Jane Okafor, Chief Executive, Parks Trust, Police and "
    "Crime Committee meeting, 13 February 2019 – transcript", "3", "Local Government Association, Parks funding, "
    "2018, a series", "3") + "\f" + _text("that counts each park once", "4", "Ibid.", "4") + "\f"


def test_end_notes_numbered_alone_and_run_over_a_page():
    """"1" alone then "Parks Trust, …": note 1 (pdftotext and pdfminer.six set end notes so; each had been text of
    no note); the last words on the next page go on with note 3, since no number was lost."""
    report = parse_report(ENDNOTES_PDFTOTEXT, "parks.txt")
    assert [(n.number, n.text, n.status) for n in report.notes] == [
        (1, "Parks Trust, Annual survey, 2019", "found"),
        (2, "Jane Okafor, Chief Executive, Parks Trust, Police and Crime Committee meeting, 13 February 2019 – "
            "transcript", "found"),
        (3, "Local Government Association, Parks funding, 2018, a series that counts each park once", "found"),
        (4, "Ibid.", "found")]
    assert {n for p in report.passages for n in p.notes} == {1, 2, 3, 4}


def test_a_page_opening_after_lost_notes_stays_apart():
    """Where the notes before lost a number, a page's opening words may be any lost note's: they join none."""
    text = re.sub(r"\n2\n\nJane Okafor.*?transcript\n", "\n", ENDNOTES_PDFTOTEXT, flags=re.S)
    assert "Okafor" not in text
    report = parse_report(text, "parks.txt")
    assert report.note(3).text == "Local Government Association, Parks funding, 2018, a series"
    assert any(w.code == "stranded-note-fragment" and "counts each park" in w.message for w in report.warnings)


def test_notes_at_each_chapter_end():
    """Notes under "Notes" at the end of each chapter, numbered from 1 in each, the next chapter on a new page: every
    chapter is read (the first notes heading had been taken for the report's notes, and all after it lost), each
    run numbered on, each marker on its paragraph."""
    text = "The Example Review\nReport\n\f" + _text(
        "Chapter 1: Background", "1.1 The town flooded in 2022.1 " + FILLER, "1.2 It had flooded before.2 " + FILLER,
        "Notes") + "1 Council, Flood report, 2022\n2 Agency, Flood map, 2019\n\f" + _text(
        "Chapter 2: Warnings", "2.1 The warning came late.1 " + FILLER, "2.2 No one checked the gauge.2 " + FILLER,
        "Recommendation 1", "The Environment Agency should install a second gauge by 2025.", "References") + \
        "1 Transcript, Day 12, page 40, line 5\n2 Ibid.\n"
    report = parse_report(text, "review.txt")
    assert [s.title for s in report.sections if s.level == 1] == ["Front matter", "Background", "Warnings"]
    assert [n.text for n in report.notes] == ["Council, Flood report, 2022", "Agency, Flood map, 2019",
                                              "Transcript, Day 12, page 40, line 5", "Ibid."]
    assert {n: p.text[:4] for p in report.passages for n in p.notes} == {1: "1.1 ", 2: "1.2 ", 3: "2.1 ", 4: "2.2 "}
    assert [(r.label, r.addressee_names, r.deadline) for r in report.recommendations] == [
        ("1", ["Environment Agency"], "by 2025")]


def test_bulleted_members_and_guests_under_their_meeting_dates():
    """A London Assembly list with no blank lines (as a PDF sets it): a bulleted entry ends on its short line, and a
    date alone on its line heads the guests under it; members with their parties, a bullet before each."""
    text = "London Assembly\nPolice and Crime Committee\nSafer parks\n\f" + _text(
        "1. Introduction", "Parks are used more than ever. " + FILLER) + "\f" + "\n".join([
            "Our approach", "The Committee agreed to investigate parks. Membership of the Committee was:",
            "• Anna Webb AM (Labour – Chair)", "• Tom Ashby AM (Conservative)",
            "The Committee held two public meetings. The following guests attended the meetings:",
            "13 February 2019", "• Jane Okafor, Chief Executive, Safer Streets London",
            "• Mark Bell, Head of Youth Services, London Borough of", "Lambeth", "6 March 2019",
            "• Commander David Hale, Metropolitan Police Service"]) + "\n"
    report = parse_report(text, "parks.txt")
    people = {p.name: (p.groups, p.party, p.chair, p.organisation, [a.date for a in p.appearances])
              for p in report.people}
    assert people == {
        "Anna Webb": (["member"], "Labour", True, None, [None]),
        "Tom Ashby": (["member"], "Conservative", False, None, [None]),
        "Jane Okafor": (["witness"], None, False, "Safer Streets London", ["2019-02-13"]),
        "Mark Bell": (["witness"], None, False, "London Borough of Lambeth", ["2019-02-13"]),
        "David Hale": (["witness"], None, False, "Metropolitan Police Service", ["2019-03-06"])}
    assert report.publisher == "London Assembly Police and Crime Committee"


@pytest.mark.parametrize("entry, people", [
    ("Jane Okafor, Chief Executive, Safer Streets London", [("Jane Okafor", "Chief Executive", "Safer Streets London")]),
    # a second person with a post of their own is a person
    ("Laurent Gilbert, Director of Research at L’Oréal, Ian Malcomber, Science Director, Unilever",
     [("Laurent Gilbert", "Director of Research", "L’Oréal"), ("Ian Malcomber", "Science Director", "Unilever")]),
    # a person's two words with no body's word, place or possessive in them are a second person, not a body
    ("Kit Malthouse AM, Deputy Mayor for Policing, Craig Mackey",
     [("Kit Malthouse AM", "Deputy Mayor for Policing", None), ("Craig Mackey", None, None)]),
    ("Peter Denton, Chief Executive, Homes England", [("Peter Denton", "Chief Executive", "Homes England")]),
])
def test_an_untitled_name_ending_an_entry_after_a_post_is_its_body(entry, people):
    assert [(p["name"], p["role"], p["organisation"]) for p in parse_person_entry(entry)] == people


def test_an_addressee_whose_name_holds_a_comma_is_one():
    assert _addressees("The Department for Environment, Food and Rural Affairs should fund new defences.", {}) == \
        ["Department for Environment, Food and Rural Affairs"]
    assert _addressees("In 2020, the Home Office and MOPAC should act.", {}) == ["Home Office", "MOPAC"]


@pytest.mark.parametrize("line, kind", [("Chair’s foreword", "front"), ("Ministerial foreword", "front"),
                                         ("Foreword", "front"), ("A foreword to the plan", None)])
def test_forewords_are_front_matter(line, kind):
    assert (top_level_heading(line) or (None,))[0] == kind


def test_a_number_range_broken_at_its_dash_is_whole():
    from ingest.notes import join_note_lines

    assert join_note_lines(["Statistics, 2013–14 to 2017–", "18, November 2018"]) == \
        "Statistics, 2013–14 to 2017–18, November 2018"
    assert join_note_lines(["Smith –", "a letter"]) == "Smith – a letter"


def _run_over_page(blank: str) -> str:
    """Two pages of a Commons report as an extractor writes them, note 2 run over to the second page's foot, set
    above its own note 3; ``blank`` is what stands between the body and the notes ("\\n", or "" for pypdf)."""
    body = textwrap.fill("1. Rural bus services have declined by a quarter.1 Councils cannot fund them.2 " + FILLER, 80)
    more = textwrap.fill("2. Operators told us that fares had risen.3 " + FILLER + " They wrote to us about the cost "
                         "of diesel, e.g.", 80)
    return "House of Commons\nTransport Committee\nRural buses\n\f" + "\n".join([
        "Summary", body, blank + "1 Department for Transport, Annual bus statistics, 2020",
        "2 Campaign for Better Transport (RBS0031), which sets out, county by county, the routes withdrawn and",
        "2", "\f" + more, "the new engines.", blank + "the subsidies paid for each of them in 2019", "3 Qq 45–47",
        "3"]) + "\n"


@pytest.mark.parametrize("blank", ["\n", ""], ids=["pdftotext", "pypdf"])
def test_a_footnote_run_over_a_page_break_is_whole(blank):
    """The rest of note 2 opens the next page's notes, in lower case, in a box of its own: it ends note 2 (it was a
    paragraph of the body); "the new engines." after "e.g." is the body's."""
    report = parse_report(_run_over_page(blank), "buses.txt")
    assert [n.text for n in report.notes] == [
        "Department for Transport, Annual bus statistics, 2020",
        "Campaign for Better Transport (RBS0031), which sets out, county by county, the routes withdrawn and the "
        "subsidies paid for each of them in 2019", "Qq 45–47"]
    assert not [p for p in report.passages if "subsidies paid" in p.text]
    assert any("the new engines." in p.text for p in report.passages)


def test_body_text_in_lower_case_above_the_notes_is_the_body_s():
    """A list label ("b) MARPOL …") or a line after a blank line between it and the notes is no note's rest."""
    text = _run_over_page("\n").replace("the subsidies paid", "b) subsidies paid")
    assert "b) subsidies" not in parse_report(text, "buses.txt").note(2).text
    text = _run_over_page("\n").replace("the subsidies paid for each of them in 2019\n",
                                        "the subsidies paid for each of them in 2019\n\n")
    assert "subsidies" not in parse_report(text, "buses.txt").note(2).text


def test_lettered_parts_after_a_colon_are_sub_parts():
    """"… by March 2025: a) publish …; b) set …; and c) report …": three parts; parts run inline are one."""
    from ingest.recommendations import sub_parts

    assert sub_parts("The Cabinet Office should, by March 2025: a) publish each; b) set a limit; and c) report to us. "
                     "(Paragraph 5)") == ["The Cabinet Office should, by March 2025:", "a) publish each;",
                                          "b) set a limit; and", "c) report to us. (Paragraph 5)"]
    assert sub_parts("It should either (a) settle or (b) pay.") == ["It should either (a) settle or (b) pay."]
    # HL 179's 8.33 runs its parts inline, after no colon: one sentence
    assert len(sub_parts("We recommend that the Government (a) establish targets; (b) publish an estimate; and (c) "
                         "details of the steps (paragraph 7.48).")) == 1


def test_a_commons_committee_name_broken_before_committee():
    text = "House of Commons\nPublic Administration and Constitutional Affairs\nCommittee\nGovernment use of " \
           "consultants\nSeventh Report of Session 2023–24\n\f" + _text("1 Introduction", "1. Departments spent more. "
                                                                          + FILLER)
    assert parse_report(text, "consultants.txt").title == "Government use of consultants"


def test_end_notes_at_the_back_numbered_again_for_each_chapter():
    """"Endnotes" / "Chapter 1" / 1, 2 / "Chapter 2" / 1, 2: the second run is numbered on, the chapters' names are no
    note's text, and chapter 2's markers are looked for from chapter 2 on ("The A1 road" is no marker)."""
    text = "The Example Review\nReport\n\f" + _text(
        "Chapter 1: Background", "1.1 The town flooded in 2022.1 " + FILLER, "1.2 It had flooded before.2 " + FILLER) + \
        "\f" + _text("Chapter 2: Warnings", "2.1 The warning came late.1 " + FILLER,
                     "2.2 No one checked the gauge.2 " + FILLER, "2.3 The A1 road closed. " + FILLER) + "\f" + \
        _text("Endnotes", "Chapter 1") + "1 Council, Flood report, 2022\n2 Agency, Flood map, 2019\n\n" + \
        _text("Chapter 2") + "1 Transcript, Day 12, page 40, line 5\n2 Ibid.\n"
    report = parse_report(text, "review.txt")
    assert [n.text for n in report.notes] == ["Council, Flood report, 2022", "Agency, Flood map, 2019",
                                              "Transcript, Day 12, page 40, line 5", "Ibid."]
    assert {n: p.text[:4] for p in report.passages for n in p.notes} == {1: "1.1 ", 2: "1.2 ", 3: "2.1 ", 4: "2.2 "}
    assert not report.warnings


def test_paragraphs_numbered_by_chapter_without_blank_lines():
    """pypdf writes no blank lines: "1.2 The town …" after a sentence's end opens a paragraph (it ran on into 1.1's
    passage, with its note); a wrapped line that opens "2.5 Million …" after no sentence's end does not."""
    text = "The Example Inquiry\nReport\n\f" + "\n".join([
        "Chapter 1: Background",
        "1.1 The town flooded on the night of 3 February 2022, and 214 homes were lost.1 The",
        "water rose faster than anyone had seen before, and the defences were over-topped.",
        "1.2 The town had flooded twice before, in 1968 and in 2007.2 The cost was put at",
        "2.5 Million pounds by the council, which had no insurance for its own buildings.",
        "1 Council, Flood report, 2022", "2 Agency, Flood map, 2019"]) + "\n"
    report = parse_report(text, "flood.pypdf.txt")
    assert {n: p.text[:4] for p in report.passages for n in p.notes} == {1: "1.1 ", 2: "1.2 "}
    assert any("at 2.5 Million pounds" in p.text for p in report.passages)


def test_an_appendix_after_the_end_notes_is_read():
    """End notes at the back end where a chapter-level heading opens a page: the appendix after them is read (its
    witness found), not taken for notes' text."""
    text = "The Example Review\nReport\n\f" + _text(
        "1. Background", "The town flooded in 2022.1 " + FILLER, "It had flooded before.2 " + FILLER) + "\f" + \
        _text("End Notes") + "1 Council, Flood report, 2022\n2 Agency, Flood map, 2019\n\f" + _text(
            "Appendix 1: Witnesses", "The following witnesses gave evidence:", "Jane Doe, Director, Flood Action Group")
    report = parse_report(text, "review.txt")
    assert [n.text for n in report.notes] == ["Council, Flood report, 2022", "Agency, Flood map, 2019"]
    assert [s.title for s in report.sections if s.level == 1] == [
        "Front matter", "Background", "End Notes", "Appendix 1: Witnesses"]
    assert any(p.text.startswith("The following witnesses") for p in report.passages)
    assert [(p.name, p.groups, p.organisation) for p in report.people] == [("Jane Doe", ["witness"], "Flood Action Group")]


def _pages(*pages: list[str]) -> str:
    """Pages of lines as an extractor writes them, a form feed between pages."""
    return "\n\f".join("\n".join(p) for p in pages) + "\n"


B = "The evidence we received on this point was extensive, and it came from public bodies and"
C = "charities across the country over many months, and we are grateful to all who wrote to us."


def test_a_numbered_references_list_in_an_annex_keeps_the_footnotes():
    """A footnoted report with an annex's "References" over "1 Smith …": the notes at the page feet are the notes,
    the list is the annex's text and paragraph 6 after it is read (the list was taken for end notes)."""
    text = _pages(
        ["Inquiry into things", "", "1 Introduction", "", "1. " + B, C[:-1] + ".1", "", "2. " + B, C, "",
         "1 Written evidence from the Home Office (ABC001).", "", "1"],
        ["3. " + B, C[:-1] + ".2", "", "4. " + B, C, "", "2 Oral evidence, 12 May 2015, Q12.", "", "2"],
        ["Annex 1: Research evidence", "", "5. " + B, C, "", "References", "",
         "1 Smith J (2019) Policing and society. London: Routledge.",
         "2 Jones K (2020) Safer streets. Bristol: Policy Press.", "", "6. " + B, C, "", "3"])
    report = parse_report(text, "x.txt")
    assert report.style.endswith("footnotes")
    assert [n.text for n in report.notes] == ["Written evidence from the Home Office (ABC001).",
                                              "Oral evidence, 12 May 2015, Q12."]
    assert {n: p.text[:3] for p in report.passages for n in p.notes} == {1: "1. ", 2: "3. "}
    assert any(p.text.startswith("6. ") for p in report.passages)
    assert any(p.text.startswith("1 Smith J") for p in report.passages)


def test_notes_closing_a_chapter_in_text_without_page_breaks_end_at_the_next_chapter():
    """"Notes" / 1, 2 closing chapter 1, then "2 The response" and its paragraphs, with no form feed between: the
    heading, with no note carrying on the count after it, ends the notes (they swallowed the rest of the report)."""
    def para(n: int, marker: str = "") -> str:
        return f"{n}. {FILLER}{marker}"

    text = "Inquiry into things\n\n" + _text("1 Introduction", para(1, "1"), para(2, "2"), "Notes") + \
        "1 Written evidence, Home Office.\n2 Oral evidence, Q12.\n\n" + \
        _text("2 The response", para(3), para(4), "3 Conclusions", para(5))
    report = parse_report(text, "x.txt")
    assert [n.text for n in report.notes] == ["Written evidence, Home Office.", "Oral evidence, Q12."]
    assert [s.title for s in report.sections if s.level == 1][-2:] == ["The response", "Conclusions"]
    assert [p.text[:3] for p in report.passages if p.text[:1].isdigit()] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert {n: p.text[:3] for p in report.passages for n in p.notes} == {1: "1. ", 2: "2. "}


def test_body_text_carried_over_a_page_break_is_no_footnote_s_rest():
    """Paragraph 2 runs over the page break with no full stop above its notes; the next page opens with its rest,
    which ends with a marker ("in person.2"), over note 2: that line is the body's, not the rest of note 1."""
    text = _pages(
        ["Inquiry into things", "", "1 Introduction", "", "1. " + B, C[:-1] + ".1", "", "2. " + B, C[:-1], "",
         "1 Written evidence from the Home Office", "", "1"],
        ["and to those who came to give evidence in person.2", "2 Oral evidence, 12 May 2015, Q12.", "", "2"])
    report = parse_report(text, "x.txt")
    assert [n.text for n in report.notes] == ["Written evidence from the Home Office", "Oral evidence, 12 May 2015, Q12."]
    assert report.passages[-1].text.endswith("who wrote to us and to those who came to give evidence in person.")
    assert {n: p.text[:3] for p in report.passages for n in p.notes} == {1: "1. ", 2: "2. "}


def test_back_notes_go_on_over_a_page_opening_with_a_note_s_rest_that_reads_like_a_heading():
    """Note 2 runs over to a page that opens "Annex B, paragraph 12." and then note 3: a line that reads as a
    note's text (it ends a sentence, or cites a paragraph) with the count carried on after it ends no notes (note 3
    was lost and the line read as an annex)."""
    text = _pages(
        ["Inquiry into things", "", "1 Introduction", "", "1. " + B, C[:-1] + ".1", "", "2. " + B, C[:-1] + ".2", "",
         "3. " + B, C[:-1] + ".3", "", "1"],
        ["Endnotes", "", "1 Written evidence from the Home Office.",
         "2 The Inquiry's interim report, published in 2019, at", ""],
        ["Annex B, paragraph 12.", "3 Oral evidence, 12 May 2015, Q12.", ""])
    report = parse_report(text, "x.txt")
    assert [n.text for n in report.notes] == [
        "Written evidence from the Home Office.", "The Inquiry's interim report, published in 2019, at Annex B, "
        "paragraph 12.", "Oral evidence, 12 May 2015, Q12."]
    assert [s.title for s in report.sections if s.level == 1] == ["Front matter", "Introduction", "Endnotes"]
    assert {n: p.text[:3] for p in report.passages for n in p.notes} == {1: "1. ", 2: "2. ", 3: "3. "}


def test_a_body_s_name_holding_a_comma_after_we_recommend_that_is_one_addressee():
    """"We recommend that the Department for Environment, Food and Rural Affairs should …": the whole name only,
    not also its words before the comma."""
    assert _addressees("We recommend that the Department for Environment, Food and Rural Affairs should publish a "
                       "plan.", {}) == ["Department for Environment, Food and Rural Affairs"]


# --- rules the Scottish Parliament and audit office styles called for -------------------------------------------

@pytest.mark.parametrize("lines, title", [
    (["Scottish Parliament", "Health, Social Care and Sport Committee", "Dentistry in rural Scotland",
      "3rd Report, 2024 (Session 6)", "SP Paper 512"], "Dentistry in rural Scotland"),
    (["Report by the Comptroller and Auditor General", "Department for Education", "Condition of school buildings",
      "HC 1234 SESSION 2022–23 23 JUNE 2023"], "Condition of school buildings"),
    (["Ministry of Defence: the Equipment Plan", "HC 12"], "Ministry of Defence: the Equipment Plan"),  # a title
    # a title that opens with a body's name is the title; a body's name alone is the title where nothing else is
    (["Report by the Comptroller and Auditor General", "Ministry of Defence Equipment Plan 2023 to 2033",
      "HC 2094 SESSION 2022–23"], "Ministry of Defence Equipment Plan 2023 to 2033"),
    (["House of Commons", "Defence Committee", "Ministry of Defence Procurement Reform",
      "Third Report of Session 2023–24"], "Ministry of Defence Procurement Reform"),
    (["House of Commons", "Work and Pensions Committee", "Department for Work and Pensions Employment Support",
      "Fifth Report of Session 2022–23"], "Department for Work and Pensions Employment Support"),
    (["Report by the Comptroller and Auditor General", "Department for Environment, Food and Rural Affairs",
      "Flood defences", "HC 12 SESSION 2023–24"], "Flood defences"),
])
def test_title_pages_name_sessions_papers_and_audited_bodies_apart(lines, title):
    from ingest.titles import title_page_title

    assert title_page_title(lines) == title


@pytest.mark.parametrize("line, heading", [
    ("Part One: The school estate", ("chapter", "1", "The school estate")),
    ("PART TWO – FUNDING", ("chapter", "2", "Funding")),
    ("Annexe A: Evidence", ("appendix", "Annexe A", "Annexe A: Evidence")),
])
def test_parts_numbered_in_words_and_annexes(line, heading):
    assert top_level_heading(line) == heading


def test_a_part_named_over_its_title_opens_a_chapter():
    """"Part One" alone, its title on the next line: one chapter heading, "The school estate", numbered 1."""
    report = parse_report(_text("Summary", "1 The Department is responsible for schools. " + FILLER,
                                "Part One", "The school estate", "1.1 Most schools were built before 1980. " + FILLER,
                                "Part Two", "Funding", "2.1 Funding has fallen. " + FILLER), "nao.txt")
    assert [(s.title, s.number) for s in report.sections if s.kind == "chapter"] == [("The school estate", "1"),
                                                                                     ("Funding", "2")]


def test_recommendations_lettered_under_a_lead_in():
    """"We make the following recommendations:" then "a The Department should …", "b …": each letter is a
    recommendation. Lettered parts in lower case after a recommendation's own colon stay its parts."""
    report = parse_report(_text(
        "Summary", "1 The Department funds repairs. " + FILLER, "Recommendations",
        "2 We make the following recommendations:",
        "a The Department should publish the condition of every school by March 2024.",
        "b The Department and the Education and Skills Funding Agency should set out how they will fund repairs.",
        "Part One", "Background", "1.1 Schools are old. " + FILLER), "nao.txt")
    assert [(r.label, r.number, r.addressee_names) for r in report.recommendations] == [
        ("a", 1, ["Department"]), ("b", 2, ["Department", "Education and Skills Funding Agency"])]
    parts = parse_report(_text("House of Commons", "Transport Committee", "Buses") + "\f" + _text(
        "1 Introduction", "1. We took evidence. " + FILLER, "2. We heard from councils. " + FILLER,
        "Conclusions and recommendations",
        "1. The Cabinet Office should, by March 2025: a) publish its spending; b) set a limit; and c) report to us. "
        "(Paragraph 1)"), "commons.txt")
    assert [(r.label, r.bullets) for r in parts.recommendations] == [
        ("1", ["The Cabinet Office should, by March 2025:", "a) publish its spending;", "b) set a limit; and",
               "c) report to us. (Paragraph 1)"])]


def test_a_committee_s_recommending_paragraphs_where_it_lists_none():
    """No list and no "Recommendation N": numbered paragraphs in which the committee recommends, calls on or asks
    a body are its recommendations, by their numbers; a paragraph that reports what others recommend is none."""
    report = parse_report(_text(
        "Scottish Parliament", "Dentistry") + "\f" + _text(
        "Introduction", "1. Witnesses recommended that the Government act. " + FILLER,
        "2. The Committee recommends that the Scottish Government publishes a plan within six months.",
        "3. Patients travel far. " + FILLER,
        "4. The Committee calls on NHS Education for Scotland to fund more places by April 2026. " + FILLER),
        "sp.txt")
    assert [(r.label, r.addressee_names, r.deadline) for r in report.recommendations] == [
        ("2", ["Scottish Government"], "within six months"), ("4", ["NHS Education for Scotland"], "by April 2026")]


def test_paragraphs_numbered_as_footnotes_are_above_the_page_s_notes():
    """A page whose paragraphs open "1 The …", "2 …" as its footnotes do: the notes are the run at the page's foot,
    and the paragraphs keep their markers."""
    page = ("Summary\n\n1 The Department is responsible for schools. It has 22,000 of them in\nEngland.1 "
            "It spends a billion pounds a year.\n2 Around 700,000 pupils learn in a school that needs\nrebuilding.2 "
            "The evidence was extensive.\n\n1 Department for Education, Condition survey, May 2023\n"
            "2 National Audit Office analysis of Department data\n\n2\n")
    report = parse_report("Condition of school buildings\n\f" + page, "nao.txt")
    assert [(n.number, n.text) for n in report.notes] == [(1, "Department for Education, Condition survey, May 2023"),
                                                          (2, "National Audit Office analysis of Department data")]
    cites = {n: p.text for p in report.passages for n in p.notes}
    assert "1 The Department" in cites[1] and "2 Around" in cites[2]


def test_oral_evidence_listed_by_meeting_and_date():
    """Scottish Parliament: "Oral evidence", then "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024" over a
    bulleted list of those who gave it: each witness with the meeting's date."""
    report = parse_report(_text("Scottish Parliament", "Dentistry") + "\f" + _text(
        "Introduction", "1. Patients travel far. " + FILLER, "Annexe A: Evidence", "Oral evidence",
        "3rd Meeting, 2024 (Session 6), Tuesday 23 January 2024",
        "• Dr Fiona Grant, Director of Dentistry, NHS Highland",
        "5th Meeting, 2024 (Session 6), Tuesday 6 February 2024",
        "• Tom Ellis, Chair, British Dental Association Scotland"), "sp.txt")
    assert {p.name: (p.organisation, p.appearances[0].date) for p in report.people} == {
        "Fiona Grant": ("NHS Highland", "2024-01-23"), "Tom Ellis": ("British Dental Association Scotland", "2024-02-06")}


def test_a_title_page_title_opening_with_a_department_s_name_is_the_report_s_title():
    text = ("Report by the Comptroller and Auditor General\n\nMinistry of Defence Equipment Plan 2023 to 2033\n\n"
            "HC 2094 SESSION 2022–23 4 DECEMBER 2023\n\f" + _text(
                "Summary", "1 The Ministry of Defence plans to spend £305 billion. " + FILLER,
                "2 It faces a gap. " + FILLER))
    assert parse_report(text, "nao-equipment-plan.txt").title == "Ministry of Defence Equipment Plan 2023 to 2033"


def _commons_list(*recommendations: str):
    return parse_report(_text("House of Commons", "Transport Committee", "Buses") + "\f" + _text(
        "1 Introduction", "1. We took evidence. " + FILLER, "2. We heard from councils. " + FILLER,
        "Conclusions and recommendations", *recommendations), "commons.txt").recommendations


def test_lettered_parts_in_capitals_of_a_recommendation_that_asks_someone_to_act_are_its_parts():
    """"The Department should, by March 2025, do two things: (a) Publish …. (b) Set …": one recommendation to the
    Department, its parts lettered; only a lead-in that asks no one to act sets out lettered recommendations."""
    recs = _commons_list(
        "1. The Department should, by March 2025, do two things: (a) Publish its spending on bus services. "
        "(b) Set a limit on fares. (Paragraph 1)",
        "2. The Department should fund rural routes. (Paragraph 2)",
        "3. Local authorities should, within a year: (a) Review every route. (b) Consult passengers. (Paragraph 2)")
    assert [(r.id, r.number, r.addressee_names, r.paragraph_refs) for r in recs] == [
        ("commons/recommendation/1", 1, ["Department"], ["1"]),
        ("commons/recommendation/2", 2, ["Department"], ["2"]),
        ("commons/recommendation/3", 3, ["Local authorities"], ["2"])]
    assert recs[0].bullets == ["The Department should, by March 2025, do two things:",
                               "(a) Publish its spending on bus services.", "(b) Set a limit on fares. (Paragraph 1)"]


def test_lettered_recommendations_under_lead_ins_among_numbered_ones_take_their_numbers():
    """Two numbered lead-ins that ask no one to act, each lettering recommendations from "a": "1a", "1b", "3a", …,
    each id once, counted in order."""
    recs = _commons_list(
        "1. We make the following recommendations: (a) The Department should publish its spending. "
        "(b) The Treasury should set a limit on fares. (Paragraph 1)",
        "2. The Department should fund rural routes. (Paragraph 2)",
        "3. We make two further recommendations: (a) Local authorities should review every route. "
        "(b) Ofcom should consult passengers. (Paragraph 2)")
    assert [(r.id.rsplit("/", 1)[1], r.number, r.addressee_names) for r in recs] == [
        ("1a", 1, ["Department"]), ("1b", 2, ["Treasury"]), ("2", 3, ["Department"]),
        ("3a", 4, ["Local authorities"]), ("3b", 5, ["Ofcom"])]
    assert len({r.id for r in recs}) == 5


def _scottish(*paragraphs: str):
    return parse_report(_text("Scottish Parliament", "Dentistry") + "\f" + _text(
        "Introduction", "1. Patients travel far. " + FILLER, *paragraphs), "sp.txt").recommendations


def test_a_witness_s_call_quoted_in_a_paragraph_is_no_recommendation_of_the_committee_s():
    recs = _scottish(
        "2. The British Dental Association told us: “Practices are closing every month. We call on the Scottish "
        "Government to double the rural allowance.”",
        "3. The Committee recommends that the Scottish Government publishes a plan within six months.")
    assert [(r.label, r.addressee_names) for r in recs] == [("3", ["Scottish Government"])]


@pytest.mark.parametrize("paragraph", [
    "2. We urge readers to consult the transcript for the full exchange. " + FILLER,
    "2. We invite readers to consider the case studies in Annexe B. " + FILLER,
    "2. The Committee asks three questions. Are there enough dentists? Can patients reach them?",
])
def test_urging_or_asking_no_body_is_no_recommendation(paragraph):
    """The committee urges, invites, asks or calls on a body (or "that …") to recommend; readers and questions
    are no body."""
    recs = _scottish(paragraph, "3. We urge local authorities to publish their waiting times. " + FILLER,
                     "4. The Committee asks that the Scottish Government reports by June 2025.")
    assert [(r.label, r.addressee_names) for r in recs] == [("3", ["Local authorities"]),
                                                            ("4", ["Scottish Government"])]
