"""Reading a PDF by its layout: markers, footnotes, run-on notes, restarted numbering, furniture.

The pages here are built line by line (text, baseline, type size, superscript digits) as the
pypdfium2 reader yields them, and then go through the whole text pipeline, so each test checks
what the document model makes of a layout.
"""
from ingest.layout import analyse
from ingest.markers import find_markers
from ingest.parse import parse_report
from ingest.pdf import PdfLine, PdfPage, _write, pdf_title

BODY, NOTE = 12.0, 9.0


def body(text: str, y: float, sup: str | None = None, x: float = 72.0) -> PdfLine:
    """A body line; ``sup`` names the superscript number in it, if any."""
    sups = []
    if sup is not None:
        at = text.rindex(sup)
        sups = [(at, at + len(sup))]
    return PdfLine(text, x, y, BODY, False, sups)


def note(text: str, y: float, size: float = NOTE) -> PdfLine:
    return PdfLine(text, 72.0, y, size, False, [])


FILLER = ("The committee took evidence over several months from many witnesses across the country "
          "and considered the written submissions it received with care.")


def page(number: int, lines: list[PdfLine]) -> PdfPage:
    return PdfPage(number, 800.0, lines)


def test_superscript_markers_are_glued_and_footnotes_follow_the_body():
    pages = [page(1, [
        body("1. Introduction", 720),
        body("The Minister told us that the scheme had failed. 1 He added that it", 690, sup="1"),
        body("would be replaced within the year. 2", 676, sup="2"),
        body(FILLER, 650),
        note("1 Q 23.", 90), note("2 Department for Transport (BC 12), para 4.", 79),
    ])]
    out = _write(pages)
    assert "failed.1 He added" in out.text and "the year.2" in out.text
    assert out.text.rstrip().endswith("1  Q 23.\n2  Department for Transport (BC 12), para 4.")
    assert (out.footnotes, out.superscripts, out.restarts) == (2, 2, [])
    report = parse_report(out.text, "layout.pdf")
    assert [(n.number, n.text) for n in report.notes] == [(1, "Q 23."), (2, "Department for Transport (BC 12), para 4.")]
    assert [m.number for m in report.markers] == [1, 2]
    passage = next(p for p in report.passages if "scheme had failed" in p.text)
    assert 1 in passage.notes and "failed. He added" in passage.text


def test_a_note_that_runs_onto_the_next_page_is_joined():
    pages = [
        page(1, [body("Evidence was mixed. 1 Some said more. 2", 700, sup="2"), body(FILLER, 686),
                 note("1 Q 1.", 90), note("2 The witness went on to describe at length the arrangements for", 79)]),
        page(2, [body("Others disagreed. 3", 700, sup="3"), body(FILLER, 686),
                 note("handling complaints in each region.", 101), note("3 Q 7.", 90)]),
    ]
    first = pages[0].lines[0]
    first.sups = [(first.text.index(" 1 ") + 1, first.text.index(" 1 ") + 2)] + first.sups
    out = _write(pages)
    assert "2  The witness went on to describe at length the arrangements for handling complaints in each region." \
        in out.text
    report = parse_report(out.text, "layout.pdf")
    assert report.note(2).text.endswith("handling complaints in each region.")
    assert report.note(3).text == "Q 7."
    assert not any("handling complaints" in p.text for p in report.passages)


def test_numbering_that_restarts_in_a_chapter_keeps_every_note_unique():
    pages = [
        page(1, [body("First chapter text. 1", 700, sup="1"), body("More of it. 2", 686, sup="2"),
                 body(FILLER, 660), note("1 Q 1.", 90), note("2 Q 2.", 79)]),
        page(2, [body("Second chapter text. 1", 700, sup="1"), body(FILLER, 660), note("1 Q 9.", 90)]),
    ]
    out = _write(pages)
    assert out.restarts == [2] and out.footnotes == 3
    assert "chapter text.3" in out.text and "3  Q 9." in out.text
    report = parse_report(out.text, "layout.pdf")
    assert [(n.number, n.text) for n in report.notes] == [(1, "Q 1."), (2, "Q 2."), (3, "Q 9.")]
    assert [m.number for m in report.markers] == [1, 2, 3]


def test_small_numbered_lines_without_superscripts_are_not_notes():
    # A contents page (or a numbered list) set in smaller type is body text, not footnotes.
    contents = page(1, [body("Contents", 720)] + [
        note(f"{i} Chapter title number {i} {i * 4}", 700 - 14 * i, size=11.0) for i in range(1, 5)])
    text_page = page(2, [body("The report begins. 1", 700, sup="1"), body(FILLER, 686), note("1 Q 3.", 90)])
    out = _write([contents, text_page, page(3, [body(FILLER, 700)]), page(4, [body(FILLER, 700)])])
    assert out.footnotes == 1
    assert "1  Q 3." in out.text and "1  Chapter" not in out.text


def test_running_headers_go_first_on_their_page():
    pages = [page(n, [PdfLine(f"{n} Behaviour change", 72.0, 770.0, 10.0, False, []),
                      body(FILLER, 700), body(FILLER, 686)]) for n in range(1, 6)]
    out = _write(pages)
    layout = analyse(out.text)
    headers = [ln for ln in layout.lines if ln.text.endswith("Behaviour change")]
    assert len(headers) == 5 and all(ln.furniture for ln in headers)
    assert [p.label for p in layout.pages] == ["1", "2", "3", "4", "5"]


def _markers(text: str) -> list[int]:
    layout = analyse(text)
    return [m.number for m in find_markers(layout.lines, text)[0]]


def test_a_numbered_paragraph_is_not_a_marker():
    text = ("4.1. The scheme opened.1 It was slow.2\n\n4.3. Claims rose.3\n\n4.4. Payments fell.4\n\n"
            "4.5. Offers were made.5 Most accepted.6\n")
    assert _markers(text) == [1, 2, 3, 4, 5, 6]


def test_a_jump_is_refused_when_the_skipped_number_comes_next():
    # "£11,503.28" reads like a marker after "11,503."; the real 3 comes after it.
    text = "One.1 Two.2 A shortfall of £11,503.28. Then.3 Then.4 Then.5 Then.6 Then.28 Then.29 Then.30\n"
    assert _markers(text)[:6] == [1, 2, 3, 4, 5, 6]


def test_a_note_lost_from_the_foot_does_not_stall_the_rest():
    # Note 2's line was lost: the notes after it are still read, and marker 3 still comes after 2.
    pages = [page(1, [body("Claims rose. 1", 700, sup="1"), body("Claims fell. 2", 686, sup="2"),
                      body(FILLER, 660), note("1 Q 1.", 90)]),
             page(2, [body("Offers were made. 3", 700, sup="3"), body(FILLER, 686), note("3 Q 3.", 90)])]
    out = _write(pages)
    report = parse_report(out.text, "layout.pdf")
    assert [(n.number, n.text) for n in report.notes] == [(1, "Q 1."), (3, "Q 3.")]
    assert [m.number for m in report.markers] == [1, 2, 3]


def test_a_body_line_opening_with_the_note_number_is_not_a_note():
    pages = [page(1, [body("The committee met in public. 1", 700, sup="1"), body(FILLER, 686),
                      body("1 witness gave oral evidence on that day", 660),
                      note("1 Q 1.", 90)])]
    report = parse_report(_write(pages).text, "layout.pdf")
    assert [(n.number, n.text) for n in report.notes] == [(1, "Q 1.")]
    assert any("1 witness gave oral evidence" in p.text for p in report.passages)


def _title_page(*lines: tuple[str, float, float]) -> list[PdfPage]:
    """A title page of (text, baseline, size) lines, then a page of body text."""
    return [page(1, [PdfLine(t, 72.0, y, size, False, []) for t, y, size in lines]),
            page(2, [body(FILLER, 700 - 14 * k) for k in range(20)])]


def test_the_title_is_the_largest_type_on_the_title_page():
    pages = _title_page(("HOUSE OF LORDS", 760, 20.0), ("Select Committee on Science", 700, 20.0),
                        ("of microplastics", 552, 32.0), ("Environmental impact", 588, 32.0), ("Report", 400, 24.0))
    assert pdf_title(pages) == "Environmental impact of microplastics"  # top to bottom, whatever order read
    assert pdf_title(_title_page(("BEHAVIOUR CHANGE", 536, 42.0))) == "Behaviour Change"
    # a report that opens on its first chapter has no title page
    assert pdf_title(_title_page(("1 Introduction", 700, 18.0))) is None
    # no line larger than the text: no title page, no title made up
    assert pdf_title([page(1, [body(FILLER, 700 - 14 * k) for k in range(20)])]) is None


def test_metadata_titles_count_only_when_the_pages_print_them():
    pages = _title_page(("Behaviour Change", 536, 42.0), ("Committee Report", 300, 14.0))
    assert pdf_title(pages, "Behaviour change") == "Behaviour change"
    # a template's or a tool's title is not the report's
    assert pdf_title(pages, "Committee Report 4.3") == "Behaviour Change"
    assert pdf_title(pages, "Microsoft Word - Behaviour Change.docx") == "Behaviour Change"
    assert pdf_title(pages, "") == "Behaviour Change"
