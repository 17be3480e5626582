"""Recommendations and witnesses in the house styles of ../shared/corpus: recommendations numbered as each
report numbers them, House of Lords witnesses by the questions they answered.

Expected figures were read from the PDFs: the House of Lords report's chapter 8 "Conclusions and
recommendations" (printed pages 67-72) numbers paragraphs 8.1-8.33, each ending "(paragraph N.M)";
the Post Office Horizon IT Inquiry's section 2 "Recommendations" (PDF pages 10-11) numbers 19.
"""
import pytest

from conftest import CORPUS, corpus_file
from ingest.recommendations import _modal_subjects

HL = CORPUS / "hl179-behaviour-change-2011.pdf"
INQUIRY = CORPUS / "post-office-horizon-inquiry-vol1-2025.pdf"


@pytest.fixture(scope="module")
def lords():
    from ingest.store import ingest_file

    return ingest_file(corpus_file(HL))


@pytest.fixture(scope="module")
def inquiry():
    from ingest.store import ingest_file

    return ingest_file(corpus_file(INQUIRY))


def test_lords_conclusions_are_numbered_by_chapter(lords):
    recs = lords.recommendations
    labels = [r.label for r in recs]
    assert all(label.startswith("8.") for label in labels)
    assert labels == sorted(labels, key=lambda x: int(x.split(".")[1]))  # in printed order, each once
    assert [r.number for r in recs] == list(range(1, len(recs) + 1))
    by = {r.label: r for r in recs}
    # the ones that ask someone to act are there ...
    assert by["8.6"].text.startswith("We recommend that, at the earliest opportunity, the Government appoint")
    assert by["8.6"].addressee_names == ["Government"] and by["8.6"].paragraph_refs == ["4.23"]
    assert by["8.9"].addressee_names == ["Cabinet Secretary"]
    assert by["8.27"].addressee_names == ["Department for Transport"]
    # bodies addressed by a common noun, or named before a long aside
    assert by["8.5"].text.startswith("We urge ministers to consult") and by["8.5"].addressee_names == ["Government ministers"]
    assert by["8.8"].addressee_names == ["Departmental Chief Scientific Advisers"]  # "…, whether or not …, should"
    assert by["8.33"].text.startswith("We recommend that the Government (a) establish and publish targets")
    assert by["8.33"].paragraph_refs == ["7.48"]
    # ... and the findings that ask nothing are not ("the evidence supports the conclusion that …")
    assert "8.14" not in by and "8.15" not in by
    # a cross-reference such as "(paragraph 2.20)" is never taken for a numbered paragraph
    assert "2.20" not in by


def test_inquiry_recommendations_and_who_shall_act(inquiry):
    recs = inquiry.recommendations
    assert [r.label for r in recs] == [str(n) for n in range(1, 20)]
    assert [r.number for r in recs] == list(range(1, 20))
    by = {r.number: r for r in recs}
    assert by[1].addressee_names == ["HM Government", "Department", "Post Office", "Fujitsu"]
    assert by[8].addressee_names == ["Post Office", "Department"]
    assert by[1].deadline == "by 10 October 2025"
    assert by[17].addressee_names == ["HM Government"]
    assert by[19].addressee_names == ["Department", "Fujitsu", "Post Office"] and by[19].deadline == "By 31 October 2025"
    # "All claimants in HSS shall be entitled …" and "A suitably qualified senior lawyer shall be appointed"
    # name no body that must act
    assert by[4].addressee_names == [] and by[6].addressee_names == []


@pytest.mark.parametrize("text, names", [
    ("The Department shall issue a supplementary document.", ["The Department"]),
    ("HM Government and/or the Department and where appropriate the Post Office and Fujitsu shall provide "
     "written responses.", ["HM Government", "the Department", "the Post Office", "Fujitsu"]),
    ("By 31 October 2025, the Department, Fujitsu and the Post Office shall publish a report.",
     ["the Department", "Fujitsu", "the Post Office"]),
    ("In HSS the Post Office shall be obliged to make a first offer.", ["the Post Office"]),
    ("The Department following consultation with the Advisory Board, claimants’ representatives and any "
     "other persons, shall give urgent consideration.", ["The Department"]),
    ("The appointed person shall be given appropriate powers.", []),
    ("All claimants in HSS shall be entitled to obtain legal advice.", []),
    ("The scheme documents governing GLOS should be amended.", []),
])
def test_the_bodies_before_shall(text, names):
    assert _modal_subjects(text) == names


def test_a_second_clause_names_its_own_body():
    text = ("In HSS the Post Office shall be obliged to make, and the Department shall be obliged to approve "
            "(when necessary) a first offer.")
    assert _modal_subjects(text) == ["the Post Office", "the Department"]


def test_lords_witnesses_with_their_questions(lords):
    """Appendix 2 (printed pages 75-76) lists 32 named oral witnesses in panels by question range."""
    oral = [p for p in lords.people if any(a.questions for a in p.appearances)]
    assert len(oral) == 32
    by = {p.name: p for p in oral}
    halpern = by["David Halpern"]
    assert halpern.title == "Dr" and halpern.appearances[0].questions == "Q1–50"
    assert by["Erik Millstone"].organisation == "University of Sussex"  # after "Department of Health and …"
    assert by["Oliver Letwin"].role == "Minister of State" and by["Oliver Letwin"].organisation == "Cabinet Office"
    bodies = {o.name for o in lords.organisations if "oral evidence" in o.roles}
    assert {"Diageo", "Sainsbury’s", "Unilever", "Department for Transport"} <= bodies
    # a footnote citing a question of a one-witness panel names the witness; a panel of three, no one
    cites = {n.number: n.sources[0] for n in lords.notes if n.sources and n.sources[0].questions}
    assert cites[16].questions == ["Q47"] and cites[16].person_name == "David Halpern"
    assert cites[9].questions == ["Q703"] and cites[9].person_name is None
    assert cites[9].meeting == "Oral evidence, QQ 702–740"


def _pdfminer_style_report() -> str:
    """An inquiry's recommendations as pdfminer.six writes a column of hanging numbers: the numbers
    alone, then their paragraphs, justified lines with a double space between words."""
    body = ["1. Introduction", "",
            "This  report  sets  out  what  the  inquiry  found  and  what  it  recommends  to  the  bodies",
            "concerned, in the order the chapters below take, with the evidence for each of its",
            "findings set out in the chapter that makes it, and with its sources in the notes.", "",
            "2.  Recommendations", "",
            "1. ", "",
            "The  Department  shall  publish  a  response  to  these  recommendations  within  three",
            "months of this report.", "",
            "2. ", "", "3. ", "", "4. ", "",
            "The  Post  Office  shall  make  a  public  announcement  of  how  it  will  meet  the  costs",
            "of the claimants who have not yet been paid.", "",
            "In  each  scheme  the  Department  shall  be  obliged  to  appoint  an  independent  person",
            "to  hear  appeals  against  the  first  offer  made  to  a  claimant  under  the  scheme  as",
            "soon as that is practicable.", "",
            "All claimants shall be entitled to legal advice funded by the Department before they",
            "accept an offer.", "",
            "5.  The  Minister  shall  report  to  Parliament  on  progress  each  year.", ""]
    findings = ["3. Findings", "",
                "The inquiry heard from many witnesses over the course of its hearings, and read the",
                "statements of many more, from the claimants, the Post Office, the Department and the",
                "companies that built and ran the system, and from those who advised each of them.", "",
                "What follows sets out the evidence it received on each of the questions it was asked to",
                "answer, in the order of its terms of reference, and what it makes of that evidence.", ""]
    return "\n".join(body) + "\n\f" + "\n".join(findings)


def test_numbers_in_a_column_apart_from_their_paragraphs():
    from ingest.parse import parse_report

    report = parse_report(_pdfminer_style_report(), "inquiry.txt")
    recs = {r.label: r.text for r in report.recommendations}
    assert list(recs) == ["1", "2", "3", "4", "5"]
    assert recs["2"].startswith("The Post Office shall make a public announcement")
    assert recs["3"].startswith("In each scheme the Department shall be obliged")  # justified text, not a table
    assert recs["4"].startswith("All claimants shall be entitled")
    assert recs["5"].startswith("The Minister shall report")
    # no number of the column is taken for a heading
    assert not [s for s in report.sections if s.title.strip(". ").isdigit()]


def test_a_column_with_more_paragraphs_than_numbers_is_not_guessed():
    from ingest.parse import parse_report

    text = _pdfminer_style_report().replace("accept an offer.\n", "accept an offer.\n\nA further paragraph of the inquiry's own.\n")
    labels = [r.label for r in parse_report(text, "inquiry.txt").recommendations]
    assert "2" not in labels and "3" not in labels and "4" not in labels


@pytest.mark.parametrize("text, names", [
    ("Department for Education and Ofsted", ["Department for Education and Ofsted"]),  # no way to tell, unless known
    ("Department for Transport and Network Rail", ["Department for Transport", "Network Rail"]),
    ("Ministry of Justice and HM Treasury", ["Ministry of Justice", "HM Treasury"]),
    ("Department of Health and Social Care", ["Department of Health and Social Care"]),
    ("Department for Environment, Food and Rural Affairs", ["Department for Environment, Food and Rural Affairs"]),
])
def test_one_body_or_two(text, names):
    from ingest.recommendations import _name_parts

    assert _name_parts(text) == names
    assert _name_parts("Department for Education and Ofsted", {"ofsted": "Ofsted"}) == ["Department for Education",
                                                                                       "Ofsted"]


@pytest.mark.parametrize("text, asks", [
    ("We expect the Government to set out its plans by the summer.", True),
    ("We ask the Department for Education to publish the figures.", True),
    ("We expect that the Department will respond within two months.", True),
    ("Microbead pollution does not respect national borders.", False),
    ("We expected more evidence than we received.", False),
])
def test_a_paragraph_that_asks_someone_to_act(text, asks):
    from ingest.recommendations import _RECOMMENDS

    assert bool(_RECOMMENDS.search(text)) is asks
