"""A report's structure must not hang on how its text happened to be extracted: invented reports, each varied in
the ways real extractions vary (a paragraph more or less, lines wrapped at 70, 90 or 110 columns or not at all,
blank lines doubled or dropped, a page break moved, CRLF line ends), must keep their section titles, numbered
recommendations, notes and people. The variations are an explicit table, the same on every run."""
from __future__ import annotations

from ingest.layout import analyse
from ingest.parse import parse_report

from test_graph_list_forms import CANALS, FILL


def test_list_items_ending_in_a_name_are_not_double_spacing():
    """A paragraph a line with an empty line after each, and list items whose names end in lower case: no sentence
    goes on over an empty line, so this is not the London Assembly's double spacing, however many paragraphs."""
    items = ["• Tom Reed, Chair, Northshire Boaters Association, and Chief Executive, Northshire Council",
             "• Sam Hale, Detective Superintendent of the Canal Police Service, Northshire Constabulary"]
    for paragraphs in range(1, 6):
        text = "\n\n".join(["Foreword", *[f"Paragraph {k} of the report. {FILL}" for k in range(paragraphs)],
                            "Witnesses", *items, "4 February 2031"]) + "\n"
        assert analyse(text).double_spaced is False, paragraphs


def test_a_sentence_going_on_over_empty_lines_is_double_spacing():
    """The London Assembly extraction: an empty line after every line, mid-sentence too, the sentence going on
    in lower case after it."""
    lines = ["Given recent high profile child abuse cases over the last few years,",
             "it is vital that Londoners have confidence in the approach to safeguarding",
             "children and young people. The Met deserves credit for the improvements",
             "it has put in place to keep children safe in the capital.", " "]
    assert analyse("\n\n".join(lines * 3)).double_spaced is True


def test_one_more_paragraph_keeps_the_sections_and_people():
    """The invented canals report with one standalone paragraph more: it was read as double-spaced, all one
    "Foreword" section with no people."""
    extra = CANALS.replace("1. Introduction\n\n", f"1. Introduction\n\nA short paragraph about the canals. {FILL}\n\n")
    for text in (CANALS, extra):
        report = parse_report(text, "canals.txt")
        assert [s.title for s in report.sections if s.level == 1] == [
            "Foreword", "Introduction", "Appendix 2 – How we conducted this investigation"]
        assert sorted(p.name for p in report.people) == ["Ann Lock", "Ruth Mill", "Sam Hale", "Tom Reed"]
        assert [r.label for r in report.recommendations] == ["1", "2", "3", "4"]
