"""Pages, sections, passages and note markers of the bundled report, checked against its own words."""
import re

import pytest


def test_all_118_markers_in_order(la_report):
    assert [m.number for m in la_report.markers] == list(range(1, 119))


@pytest.mark.parametrize("glued, number", [
    ("arrangement68", 68), ("MASH65", 65), ("2004.6", 6), ("Listened,77", 77), ("effectively. 5", 5),
    ("Children, 61", 61), ("Group118", 118), ("deputy.44", 44), ("responsibility”.” 52", 52),
])
def test_glued_markers_found_where_they_stand(la_report, la_text, glued, number):
    marker = next(m for m in la_report.markers if m.number == number)
    at = la_text.index(glued)
    assert at <= marker.start < at + len(glued)
    assert la_text[marker.start:marker.end] == str(number)


@pytest.mark.parametrize("phrase", ["2,268", "Children Act 2004", "100 per cent", "30 London boroughs",
                                    "from 26 in 2012 to 69 in 2013", "966 police officers", "(SC05)", "(SCO2)"])
def test_real_numbers_are_not_markers(la_report, la_text, phrase):
    at = la_text.index(phrase)
    inside = [m for m in la_report.markers if at <= m.start < at + len(phrase)]
    assert inside == [] or phrase == "Children Act 2004"  # "2004.6": the 6 after the full stop is marker 6
    if phrase == "Children Act 2004":
        assert all(la_text[m.start - 1] == "." for m in inside)


def test_markers_are_removed_from_passage_text_and_kept_as_notes(la_report):
    mash = next(p for p in la_report.passages if "co-location is the most effective arrangement" in p.text)
    assert "arrangement68" not in mash.text and "arrangement and" in mash.text
    assert {67, 68, 69, 70} <= set(mash.notes)
    assert "Children Act 2004. This Act" in next(p.text for p in la_report.passages if "Children Act 2004" in p.text)


def test_pages_start_at_single_space_lines(la_report, la_text):
    starts = [p.start for p in la_report.pages]
    assert la_text.startswith(" Foreword") and starts[0] == 0
    # " for collaboration between the police" opens page 3 mid-sentence
    assert la_text.index(" for collaboration between the police") + 0 in starts or \
        la_text.index("for collaboration between the police") - 1 in starts
    # appendix list items also begin with one space, but follow a blank line: not page starts
    item = la_text.index(" Joanne McCartney AM")
    assert item not in starts


def test_a_page_break_inside_a_sentence_does_not_split_it(la_report):
    p = next(p for p in la_report.passages if "procedures and protocols for collaboration" in p.text)
    assert "for collaboration between the police, social care, health and other partners have been established" in p.text
    assert p.page_end == p.page + 1


@pytest.mark.parametrize("joined", ["2012-13 to 583 in 2013-14", "information-sharing.", "multi-agency training",
                                    "non-police partners", "borough-based officers", "performance-monitoring framework"])
def test_line_end_hyphens_join(la_report, joined):
    assert any(joined in p.text for p in la_report.passages), joined


def test_passages_are_citable(la_report):
    assert all(len(p.text) <= 1200 for p in la_report.passages)
    assert all(p.text == p.text.strip() and "  " not in p.text for p in la_report.passages)
    ids = [p.id for p in la_report.passages]
    assert len(ids) == len(set(ids))


def test_passages_quote_the_source_exactly(la_report, la_text):
    # Every word of a passage occurs, in order, in the source span it cites.
    for p in la_report.passages:
        span = la_text[p.start:p.end]
        words = re.findall(r"[A-Za-z]{4,}", p.text)
        pos = 0
        for w in words:
            pos = span.find(w, pos)
            assert pos >= 0, (p.id, w)


def test_chapter_sections_and_wrapped_titles(la_report):
    top = [s.title for s in la_report.sections if s.level == 1]
    assert top[:7] == ["Foreword", "Summary", "Introduction", "Allegations, investigations and Met resources",
                       "How the Met works with partner agencies", "Challenges and priorities for the future",
                       "The role of the Mayor and MOPAC"]
    appendices = [s for s in la_report.sections if (s.number or "").startswith("Appendix")]
    assert [a.number for a in appendices] == ["Appendix 1", "Appendix 2", "Appendix 3", "Appendix 4"]
    assert "Summary of recommendations" in appendices[0].title


def test_sub_headings_sit_in_their_chapters(la_report):
    by_id = {s.id: s for s in la_report.sections}
    subs = {s.title: by_id[s.parent].title for s in la_report.sections if s.level == 2}
    assert subs["Workforce"] == "Allegations, investigations and Met resources"
    assert subs["Information sharing and MASH"] == "How the Met works with partner agencies"
    assert subs["Female Genital Mutilation"] == "Challenges and priorities for the future"
    assert subs["Why we carried out this investigation"].startswith("Appendix 2")


def test_every_passage_is_in_a_section_and_on_a_page(la_report):
    sections = {s.id for s in la_report.sections}
    pages = len(la_report.pages)
    for p in la_report.passages:
        assert p.section in sections and 1 <= p.page <= p.page_end <= pages


def test_ids_are_stable_across_ingests(la_path):
    from ingest.store import ingest_file, report_to_json

    assert report_to_json(ingest_file(la_path)) == report_to_json(ingest_file(la_path))


def test_a_split_keeps_the_quote_with_its_speaker():
    """A quote too long for one passage: its speaker and note reach every passage it runs into."""
    from ingest.parse import parse_report

    clause = ("we need every agency to share what it knows about a child at risk, and we need it shared at once, "
              "not weeks later when the harm is done; ")
    quote = (clause * 16).strip().rstrip(";") + "."
    text = ("Safeguarding report\n\n1. Introduction\n\nThe Committee took evidence from many witnesses.\n\n"
            f"Jane Smith, Director of Children's Services, London Borough of Merton, told us: “{quote}”1 "
            "The Committee agrees.\n\f1 Jane Smith, oral evidence, 3 March 2014\n")
    report = parse_report(text, "synthetic.txt")
    parts = [p for p in report.passages if "we need every agency" in p.text]
    assert len(parts) == 2 and all(len(p.text) <= 1200 for p in parts)
    # the cut falls inside the quote, never inside the speaker's name and role
    assert parts[0].text.startswith("Jane Smith, Director of Children's Services, London Borough of Merton, told us: “")
    said = {s.passage: s for s in report.statements}
    assert [said[p.id].speaker_name for p in parts] == ["Jane Smith", "Jane Smith"]
    assert [said[p.id].note for p in parts] == [1, 1]
    assert said[parts[1].id].quote.endswith("when the harm is done.")


def test_a_number_every_running_header_shares_is_not_a_page_number():
    """'Inquiry Report: Volume 1' heads every page of the inquiry: no page is labelled '1' by it,
    while a header whose number changes page by page still labels its pages."""
    from ingest.parse import parse_report

    body = "The Inquiry heard from many postmasters about the shortfalls and what followed them.\n"
    same = "\f".join(f"Inquiry Report: Volume 1\n\n{n}.1. {body}" for n in range(1, 6))
    assert {p.label for p in parse_report(same, "inquiry.txt").pages} == {None}
    varying = "\f".join(f"{n + 4} Environmental impact of microplastics\n\n{n}. {body}" for n in range(1, 6))
    assert [p.label for p in parse_report(varying, "hc.txt").pages] == ["5", "6", "7", "8", "9"]


def test_a_speaker_with_letters_after_the_name_is_the_listed_person():
    """"Anne Milton MP … said": the witness the list names without "MP", not a body called "Anne Milton MP"."""
    from ingest.statements import _subject
    from ingest.model import Person

    milton = Person("r/person/anne-milton", "Anne Milton", aliases=["Ms Anne Milton"])
    forms = [(f, milton) for f in ("Ms Anne Milton", "Anne Milton")]
    assert _subject("In relation to food labelling, Anne Milton MP", forms, None) == (milton.id, "Anne Milton", "person")


def _numbered_report(chapter_two: str):
    """A made-up report with no contents page: chapters "1 Introduction", chapter_two (its lines as printed,
    then a blank line) and "3 Staffing", each over numbered paragraphs."""
    import textwrap

    def para(n):
        return (f"{n}. Paragraph {n} sets out evidence number {n * 7} that we received on this point, from public "
                f"bodies, from {n + 3} charities and from {n * 11} people who wrote to us about their own experience "
                f"of wards, and of {n * 13} visits to {n + 17} hospitals.")

    def page(*ps):
        return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in ps) + "\n"

    from ingest.parse import parse_report

    return parse_report("\f".join([page("Riverside Wards", "Report"), page("1 Introduction", para(1), para(2)),
                                   chapter_two + "\n\n" + page(para(3), para(4)), page("3 Staffing", para(5))]),
                        "riverside.txt")


def test_a_long_chapter_title_wrapped_over_two_lines_is_a_title():
    report = _numbered_report("2 The role of local authorities and the national regulators in the inspection\n"
                              "of hospital wards")
    chapters = [(s.number, s.title) for s in report.sections if s.kind == "chapter"]
    assert chapters == [("1", "Introduction"), ("2", "The role of local authorities and the national regulators in "
                                                      "the inspection of hospital wards"), ("3", "Staffing")]
    assert not [p for p in report.passages if "The role of local" in p.text]


def test_a_numbered_paragraph_whose_sentence_runs_on_is_no_title():
    report = _numbered_report("2 The Department shall publish a response to these recommendations within three\n"
                              "months of the date of this report.")
    assert [s.number for s in report.sections if s.kind == "chapter"] == ["1", "3"]
    assert [p for p in report.passages if p.text.startswith("2 The Department shall publish")]


def test_a_break_inside_a_sentence_does_not_split_its_passage():
    """A quoted minute set apart, or a change of type, can put a gap inside a sentence (PO PDF p.62: "the Minister
    should con-" / "sider how such an appeal process could be introduced"; p.115: "such a scheme should
    sympathetically" / "record the experiences of postmasters"; HL 179 PDF p.10: "Prohibiting goods or services
    e.g." / "banning certain drugs"): the passage keeps the whole sentence. A lettered entry ("a. The need …")
    and a paragraph after a full stop still stand apart."""
    from ingest.parse import parse_report

    text = ("Redress report\n\n1. Introduction\n\n"
            "1.1. The Board met four times in the year to review the scheme and the appeals it\n"
            "had heard. The Board recommended that the Minister should con-\n\n"
            "sider how such an appeal process could be introduced, and how it\n"
            "would be paid for.\n\n"
            "1.2. They proposed a memorial scheme for the families of those who had been wronged;\n"
            "such a scheme should sympathetically\n\n"
            "record the experiences of postmasters and of their families over\n"
            "the many years of the scandal.\n\n"
            "1.3. The interventions the Board considered are of several kinds, the strongest of them\n"
            "prohibiting goods or services e.g.\n\n"
            "banning certain drugs, and others restricting the options available to\n"
            "people who use them.\n\n"
            "1.4. The Board listed two needs that the scheme must meet in every case that it\n"
            "decides, whatever the sums involved:\n\n"
            "a. The need to identify every element of loss.\n\n"
            "b. The need to compensate every loss in full.\n\n"
            "The Board ended its work in 2024 and reported to the Minister in the\n"
            "spring of that year.\n")
    report = parse_report(text, "synthetic.txt")
    texts = [p.text for p in report.passages]
    assert any("should con-sider how such an appeal process" in t or "should consider how such an appeal" in t
               for t in texts), texts
    assert any("should sympathetically record the experiences of postmasters" in t for t in texts), texts
    assert any("goods or services e.g. banning certain drugs," in t for t in texts), texts
    assert not any(t[:1].islower() and not re.match(r"[a-z][.)] ", t) for t in texts), texts
    assert any(t.startswith("a. The need to identify") for t in texts) or any(
        "two needs: a. The need" in t for t in texts), texts
    assert any(t.startswith("The Board ended its work") for t in texts), texts


def test_a_paragraph_that_ends_a_sentence_is_not_joined_to_a_lower_case_block():
    """A sentence's end closes its paragraph, however short its last word ("for 2014.", "now."): a block after it that
    opens in lower case (a web address) stands apart."""
    from ingest.parse import parse_report

    text = ("Web report\n\n1. Introduction\n\n1.1. The Board met four times in the year to review the scheme and the\n"
            "plan it had set out for 2014.\n\nwww.example.org.uk/board/minutes\n\n"
            "1.2. The Board said that action was needed on the scheme and that it was needed\nnow.\n\n"
            "www.example.org.uk/board/actions\n")
    texts = [p.text for p in parse_report(text, "synthetic.txt").passages]
    assert "www.example.org.uk/board/minutes" in texts and "www.example.org.uk/board/actions" in texts, texts


# A text saved a paragraph a line, with an empty line between: no line is wrapped, and its numbered headings are
# no footnotes (nothing above them cites them).
PARAGRAPH_A_LINE = """1 Introduction

1.1 The Committee held hearings on the state of the river path and on the new road across the marshes, and \
it heard from the River Trust, from the council and from local residents about both. Dr Jane Holloway, Director \
of the River Trust, told the Committee that “the river path floods every winter, and the council must raise it \
before the next one.”

2 The new road

2.1 The new road across the marshes opened in the spring, and the council built tunnels beneath it so that \
animals could pass from one side of the marshes to the other. A paper by Dr Holloway found that the new \
wildlife crossings under the road had never been evaluated.

2.2 The council told the Committee that it would evaluate the crossings in the coming year.
"""


def test_a_text_saved_a_paragraph_a_line_gives_its_sections_and_paragraphs(tmp_path):
    from ingest.store import ingest_file

    (tmp_path / "marshes.txt").write_text(PARAGRAPH_A_LINE, encoding="utf-8")
    report = ingest_file(tmp_path / "marshes.txt")
    assert [s.title for s in report.sections] == ["Introduction", "The new road"]
    assert [p.text.split()[0] for p in report.passages] == ["1.1", "2.1", "2.2"]
    assert report.notes == [] and report.markers == []
