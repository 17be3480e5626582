"""Who wrote a report and for which body: the inquiry a title names, the signatory whose name and date close the
body, and the chair the writer says in the first person they were appointed to. Names that sign a quoted letter,
stand in an appendix's list or sit in a committee's member list sign nothing."""
from __future__ import annotations

import textwrap

import pytest

from conftest import CORPUS, corpus_file
from ingest.authors import STATED_POST, appointment_sentence, report_body
from ingest.parse import parse_report

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to the Inquiry about their own experience of the wards.")


def _page(*paragraphs: str) -> str:
    """One page of text as pdftotext writes it: lines wrapped at 90 characters, a blank line between paragraphs."""
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in paragraphs) + "\n"


def _inquiry(signature: list[str], appointed: str = "I was appointed Chair of the Inquiry by the Secretary of State "
                                                    "on 3 March 2021.") -> str:
    """A made-up inquiry report: a quoted chair's words, a letter quoted with its sign-off, a signed last
    chapter, and a witness list of names and dates in an appendix."""
    return "\f".join([
        _page("The Riverside Hospital Inquiry", "Report", "Volume 1"),
        _page("1. Introduction", f"1.1. {appointed} {FILL}",
              f"1.2. The Trust's chief executive told the Inquiry: “Since my appointment as Chair of the Trust Board I "
              f"have changed how the wards are staffed.” {FILL}",
              f"1.3. This Inquiry heard from forty witnesses. {FILL}"),
        _page("2. The Trust's letter", f"2.1. The Trust wrote to this Inquiry in May 2021. {FILL} It closed so.",
              "Yours sincerely", "Dr John Smith", "3 May 2021"),
        _page("3. Conclusions", f"3.1. The Trust should publish its ward staffing levels every month. {FILL}",
              *signature),
        _page("Appendix 1: Witnesses", "Professor Alan Grey", "12 June 2021"),
    ])


def _authors(report) -> list:
    return [p for p in report.people if "author" in p.groups]


def test_the_signatory_chairs_the_inquiry_the_title_names():
    report = parse_report(_inquiry(["Dame Jane Holt DBE", "30 April 2022"]), "riverside.txt")
    assert report.publisher == "Riverside Hospital Inquiry"
    [author] = _authors(report)
    assert (author.name, author.title, author.role, author.chair) == ("Jane Holt", "Dame", "Chair", True)
    assert "Dame Jane Holt DBE" in author.aliases
    assert author.start == report.passage("riverside-p0012").start  # the signature's own line
    [post] = [a for a in author.appearances if a.meeting == STATED_POST]
    assert (post.role, post.organisation) == ("Chair", "Riverside Hospital Inquiry")
    said = report.passage("riverside-p0004")
    assert post.start == said.start
    assert appointment_sentence(said.text)[0] == ("I was appointed Chair of the Inquiry by the Secretary of State on "
                                                  "3 March 2021.")
    # the letter's signatory and the appendix's witness sign nothing, and nobody else is taken for a writer
    assert {p.name for p in report.people} == {"Jane Holt"}


@pytest.mark.parametrize("signature", [["Dame Jane Holt DBE 30 April 2022"],
                                       ["The Rt Hon Dame Jane Holt DBE", "Chair", "30 April 2022"]])
def test_a_signature_on_one_line_or_with_the_post_it_holds(signature):
    report = parse_report(_inquiry(signature, appointed="The Inquiry was set up on 3 March 2021."), "riverside.txt")
    [author] = _authors(report)
    assert author.name == "Jane Holt"
    posts = [a for a in author.appearances if a.meeting == STATED_POST]
    # with no first-person appointment, only a signature that prints "Chair" says who chairs the Inquiry
    assert [a.organisation for a in posts] == (["Riverside Hospital Inquiry"] if "Chair" in signature else [])


def test_no_closing_signature_no_author():
    """A name and a date that text follows in the same chapter are no sign-off; nor is an appointment someone
    else tells of, or one to another body."""
    report = parse_report(_inquiry(["Dame Jane Holt DBE", "30 April 2022", f"3.2. {FILL}"],
                                   appointed="I was appointed to chair the Trust Board in 2019."), "riverside.txt")
    assert _authors(report) == [] and not any(p.chair for p in report.people)


@pytest.mark.parametrize("title, body", [
    ("Post Office Horizon IT Inquiry", "Post Office Horizon IT Inquiry"),
    ("The Grenfell Tower Inquiry: Phase 1 Report", "Grenfell Tower Inquiry"),
    ("Report of the Independent Inquiry into Child Sexual Abuse", "Independent Inquiry into Child Sexual Abuse"),
    ("Independent Review of Children’s Social Care: Final Report", "Independent Review of Children’s Social Care"),
    ("Report of the Morecambe Bay Investigation", "Morecambe Bay Investigation"),
    ("Behaviour Change", None), ("Environmental impact of microplastics", None),
    ("Riverside Inquiry (title from file name)", None),
])
def test_the_body_a_title_names(title, body):
    assert report_body(title, "") == body


def test_the_body_the_text_calls_this_inquiry():
    text = "This Inquiry heard from the Trust. The Thirlwall Inquiry was set up in 2023. This Inquiry sat in Liverpool."
    assert report_body("Final report", text) == "Thirlwall Inquiry"
    assert report_body("Final report", "The Thirlwall Inquiry was set up in 2023.") is None


def test_the_post_office_inquiry_is_signed_by_its_chair():
    """PO PDF p.1 names the Post Office Horizon IT Inquiry; p.8 para 1.13 "From the moment of my appointment as
    Chair of this Inquiry, …"; p.163 closes the body with "Sir Wyn Williams" and "6 June 2025"."""
    from ingest.store import ingest_file

    report = ingest_file(corpus_file(CORPUS / "post-office-horizon-inquiry-vol1-2025.pdf"))
    assert report.publisher == "Post Office Horizon IT Inquiry"
    [author] = _authors(report)
    assert (author.name, author.title, author.chair, author.page) == ("Wyn Williams", "Sir", True, 163)
    [post] = [a for a in author.appearances if a.meeting == STATED_POST]
    said = next(p for p in report.passages if p.start == post.start)
    assert said.page == 8 and appointment_sentence(said.text)[0].startswith(
        "From the moment of my appointment as Chair of this Inquiry, I was always of the view")


@pytest.mark.parametrize("name", ["la", "hc179-environmental-impact-of-microplastics-2016.txt",
                                  "hc179-environmental-impact-of-microplastics-2016.pdf", "hl179-behaviour-change-2011.pdf"])
def test_committee_reports_have_no_signatory(name, la_report):
    """The committee reports are signed by no one: their chairs stand in their member lists, and nothing else
    (a witness list's names and dates, a list of reports) is taken for a signature."""
    from ingest.store import ingest_file

    report = la_report if name == "la" else ingest_file(corpus_file(CORPUS / name))
    assert _authors(report) == []
    assert all("member" in p.groups for p in report.people if p.chair)
    assert not any(a.meeting == STATED_POST for p in report.people for a in p.appearances)


def test_the_graph_answers_who_chairs_a_report_never_seen(la_report):
    """The made-up inquiry beside the bundled report: "the Inquiry" names it, its signatory chairs it, and the
    answer quotes the sentence in which she says so."""
    from graph.answers import GraphAnswerer
    from graph.build import build_graph
    from graph.store import QueryEngine

    report = parse_report(_inquiry(["Dame Jane Holt DBE", "30 April 2022"]), "riverside.txt")
    answerer = GraphAnswerer(QueryEngine(build_graph([la_report, report])))
    for question in ("Who chairs the Riverside Hospital Inquiry?", "Who chaired the Inquiry?"):
        got = answerer.answer(question)
        assert [(f["subject"], f["relation"], f["object"]) for f in got.facts] == [
            ("Dame Jane Holt", "headOf", "Riverside Hospital Inquiry")], question
        assert got.text.startswith("Dame Jane Holt chairs the ")
        assert got.facts[0]["evidence"]["passage"] == "riverside-p0004"
        assert got.facts[0]["evidence"]["quote"] == ("I was appointed Chair of the Inquiry by the Secretary of State "
                                                     "on 3 March 2021.")
    assert answerer.answer("Who chairs the Trust Board?") is None


@pytest.mark.parametrize("house, committee, publisher", [
    ("HOUSE OF LORDS", "Science and Technology Select Committee", "House of Lords Science and Technology Select Committee"),
    ("HOUSE OF COMMONS", "ENVIRONMENT, FOOD AND RURAL AFFAIRS COMMITTEE",
     "House of Commons Environment, Food and Rural Affairs Committee"),
    ("House of Commons", "Environmental Audit Committee", "House of Commons Environmental Audit Committee"),
    # the other legislatures, and a committee's name set over two lines (broken after a word no name ends on)
    ("Welsh Parliament", "Children, Young People and\nEducation Committee",
     "Welsh Parliament Children, Young People and Education Committee"),
    ("Scottish Parliament", "Health, Social Care and Sport Committee", "Scottish Parliament Health, Social Care and Sport Committee"),
    ("House of Commons", "Environment, Food and\nRural Affairs Committee", "House of Commons Environment, Food and Rural Affairs Committee"),
])
def test_a_house_and_committee_printed_in_capitals_publish_the_report(house, committee, publisher):
    text = "\f".join([_page(house) + "\n" + committee + "\n\n" + _page("Fourth Report of Session 2019–21", "Plastic Waste", "Report"),
                      _page("1. Introduction", f"1.1. {FILL}", f"1.2. {FILL}")])
    report = parse_report(text, "plastic-waste.txt")
    assert (report.publisher, report.title) == (publisher, "Plastic Waste")


def test_members_of_a_list_naming_no_body_belong_to_the_committee_that_publishes():
    """"The Members of the Inquiry are:" names no body the graph holds as an organisation ("Inquiry" alone is a
    publication's word): the members are the publishing committee's, as an unnamed list's would be, and its
    Chairman chairs it. Before, the list was counted as naming a body before the body was resolved, and the
    four peers were members of nothing."""
    from graph.answers import GraphAnswerer
    from graph.build import build_graph
    from graph.store import QueryEngine

    text = "\f".join([_page("HOUSE OF LORDS", "Select Committee on Risk", "1st Report of Session 2019–21",
                            "Risk Assessment", "Report"),
                      _page("The Members of the Inquiry are:", "Lord Krebs (Chairman)    Baroness Neuberger",
                            "Lord Patel    Lord Warner"),
                      _page("1. Introduction", f"1.1. {FILL}", f"1.2. {FILL}")])
    report = parse_report(text, "risk.txt")
    assert report.publisher == "House of Lords Select Committee on Risk"
    answerer = GraphAnswerer(QueryEngine(build_graph([report])))
    members = answerer.answer("Who is on the Select Committee on Risk?")
    assert sorted(f["subject"] for f in members.facts) == ["Baroness Neuberger", "Lord Krebs", "Lord Patel",
                                                           "Lord Warner"]
    chair = answerer.answer("Who chairs the Select Committee on Risk?")
    assert [(f["subject"], f["relation"]) for f in chair.facts] == [("Lord Krebs", "headOf")]
