"""parse_report(): run every ingest step in order and return the document model."""
from __future__ import annotations

import bisect
import re
from typing import Callable

from .vocabulary import ORDINAL_WORD

from . import authors as authors_mod
from . import glossary as glossary_mod
from . import people as people_mod
from . import recommendations as recs_mod
from . import sources as sources_mod
from . import statements as statements_mod
from .blocks import build_blocks, norm_title
from .errors import NotAReport
from .ids import report_slug
from .layout import Layout, analyse
from .markers import find_markers
from .model import Report, Section, Warning_
from .numbering import PARAGRAPH_NUMBER
from .endnotes import endnote_sections, named_endnotes, read_endnotes
from .notes import find_footnotes
from .structure import build_structure
from .titles import goes_on, title_page_title

Progress = Callable[[str], None]
_CONTENTS = re.compile(r"^(Contents|Table of contents)$", re.I)


def _noop(_: str) -> None:
    pass


# A paragraph number alone on its line ("1." or "4.49."), its text after a line break or a blank line:
# how pdftotext and pdfminer write a number set apart from its paragraph by a tab or a hanging indent.
_LONE_NUMBER = re.compile(rf"^({PARAGRAPH_NUMBER}\.)([ \t]*\n(?:[ \t]*\n)?)(?=[ \t]*[A-Z“\"‘(])", re.M)


_NUMBER_LINE_BEFORE = re.compile(rf"(?:^|\n)[ \t]*{PARAGRAPH_NUMBER}\.[ \t]*\n(?:[ \t]*\n)*[ \t]*$")
# A paragraph's first letter left on its number's line, the rest of the word on the next ("3.117. A" /
# " ccording to Mrs Kamran"), as pdftotext writes a paragraph whose number and first letter the PDF sets in one
# run: a line of a number and one capital letter cannot be a full line of text, so the letter opens the word below.
_SPLIT_INITIAL = re.compile(rf"^([ \t]*{PARAGRAPH_NUMBER}\.?[ \t]+)([A-Z])([ \t]*\n[ \t]*)(?=[a-z])", re.M)


def join_lone_numbers(text: str) -> str:
    """The text with each lone paragraph number joined to its paragraph, the line breaks between them
    turned into spaces: the same length, so every offset into the source still holds. A first letter left
    on the number's line moves down to the rest of its word ("3.117. A" / " ccording" is "3.117.   According").

    The last of a column of numbers ("2." … "9." each alone, then their eight paragraphs, as pdfminer.six
    writes numbers set in a column apart) is left alone: the paragraph after it is the column's first,
    not its own (the recommendations pair a column with its paragraphs)."""
    def join(m: re.Match) -> str:
        if _NUMBER_LINE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            return m.group(0)
        return m.group(1) + " " * len(m.group(2))
    text = _SPLIT_INITIAL.sub(lambda m: m.group(1) + " " * len(m.group(3)) + m.group(2), text)
    return _LONE_NUMBER.sub(join, text)


def parse_report(text: str, path: str = "report.txt", sha256: str = "", report_id: str | None = None,
                 progress: Progress = _noop, title: str | None = None) -> Report:
    """Parse a report's text into the document model; ``title`` is one read from a PDF, when there is one."""
    if not text.strip():
        raise NotAReport(f"{path}: no text")
    rid = report_id or report_slug(path)
    text = join_lone_numbers(text)
    layout = analyse(text)
    progress(f"layout: {len(layout.pages)} pages, {'double' if layout.double_spaced else 'single'}-spaced, "
             f"{'form feeds' if layout.form_feeds else 'page-start lines'}")
    warnings: list[Warning_] = []
    starts = [p.start for p in layout.pages]

    def page_of(offset: int) -> int:
        return max(1, bisect.bisect_right(starts, offset))

    contents_titles, contents_ids = _contents(layout)
    lines = [ln for ln in layout.lines if id(ln) not in contents_ids]
    note_sections = endnote_sections(layout, lines)
    note_warnings: list[Warning_] = []  # reported after the markers' own, as they always were
    urls: list[tuple[str, int, int]] = []
    printed: dict[int, int] = {}  # notes numbered on through the report -> the number their marker carries
    footnotes = None
    if note_sections and not named_endnotes(lines, note_sections):
        # Only bare "Notes"/"References" headings: notes found at page feet outside the lists under them win (the
        # lists being an annex's references); notes found only under them are those sections read as page feet.
        footnotes = find_footnotes(layout, lines, printed)
        under = {id(ln) for h, e in note_sections for ln in lines[h:e]}
        if footnotes[0] and footnotes[1] - under:
            note_sections = []
        else:
            printed.clear()
    if note_sections:
        body, notes, markers, skipped, urls = read_endnotes(lines, note_sections, text, note_warnings)
        style, has_notes = "endnotes", True
    else:
        style = "footnotes"
        notes, foot_ids = footnotes or find_footnotes(layout, lines, printed)
        body = [ln for ln in lines if id(ln) not in foot_ids]
        # With no notes to point at, a number glued to a word is just a number: take no markers.
        has_notes = bool(notes)
        markers, skipped = find_markers(body, text, notes[-1].number if notes else 0,
                                         note_pages={n.number: n.page for n in notes} or None, printed=printed,
                                         note_starts={n.number: n.start for n in notes if n.start is not None})
    if not has_notes:
        warnings.append(Warning_("no-notes", "no end notes section or page footnotes found; no note markers taken"))
    if skipped:
        warnings.append(Warning_("markers-skipped", f"note markers not found in the text: {skipped}"))
    progress(f"markers: {len(markers)} found")

    blocks = build_blocks(layout, body, contents_titles)
    body_end = body[-1].end if body else len(text)
    structure = build_structure(rid, blocks, text, markers, page_of, body_end)
    progress(f"structure: {len(structure.sections)} sections, {len(structure.passages)} passages")
    if not structure.passages:
        raise NotAReport(f"{path}: no paragraphs of text were recognised")

    warnings += note_warnings
    if len(note_sections) == 1:  # notes gathered at the back: a section of their own (a chapter's are its own)
        at, after = note_sections[0]
        heading_line = lines[at]
        top = [s for s in structure.sections if s.level == 1 and s.start <= heading_line.start]
        # (the notes end where a chapter-level heading after them opens a page, else with the text)
        notes_section = Section(f"{rid}/notes", heading_line.text, 1, "back", _appendix_number(heading_line.text),
                                None, heading_line.start,
                                lines[after].start if after < len(lines) else len(text.rstrip()), heading_line.page)
        structure.sections.insert(next((k for k, s in enumerate(structure.sections) if s.start > heading_line.start),
                                       len(structure.sections)), notes_section)  # in the order the text has them
        if top:
            top[-1].end = min(top[-1].end, heading_line.start)
    title = title or _title(layout, path)
    report = Report(id=rid, title=title, style=f"{'form-feed' if layout.form_feeds else 'page-start'} pages, {style}",
                    source_path=path, source_sha256=sha256, text_length=len(text), pages=layout.pages,
                    sections=structure.sections, passages=structure.passages, notes=notes, warnings=warnings)
    report.publisher, report.date = _publisher_and_date(text)
    # An inquiry, review or commission publishes its own report: its name is the report's body.
    report.publisher = report.publisher or authors_mod.report_body(title, text)
    from .model import Marker
    report.markers = [Marker(m.number, m.start, m.end, m.page, m.passage) for m in markers]
    progress(f"notes: {sum(1 for n in notes if n.status != 'missing')} with text, "
             f"{sum(1 for n in notes if n.status == 'missing')} missing")

    report.glossary = glossary_mod.find_glossary(structure, text, page_of)
    report.people, report.organisations = people_mod.find_people(report, structure, text, page_of)
    sources_mod.attach_sources(report, urls, text)
    people_mod.add_cited_witnesses(report)
    authors_mod.add_authors(report)
    report.recommendations = recs_mod.build_recommendations(report, structure, text, warnings)
    report.statements = statements_mod.find_statements(report, structure)
    _drop_bare_numbers(report)
    progress(f"entities: {len(report.glossary)} glossary, {len(report.people)} people, "
             f"{len(report.recommendations)} recommendations, {len(report.statements)} statements")
    return report


# A passage that is only a number ("37", "9."): a page number or a footnote's number an extraction set apart,
# or a paragraph number from a column of them (pdfminer.six), which the recommendations have paired by now.
_BARE_NUMBER = re.compile(r"\(?\d{1,4}[.)]?")


def _drop_bare_numbers(report: Report) -> None:
    """Take out the passages that are only a number and cite no note: nothing in them can be read or
    cited. Ids stay as they are (a gap where such a passage was), so no other passage's citations move."""
    bare = {p.id for p in report.passages if _BARE_NUMBER.fullmatch(p.text.strip()) and not p.notes}
    if not bare:
        return
    report.passages = [p for p in report.passages if p.id not in bare]
    for rec in report.recommendations:
        rec.passages = [x for x in rec.passages if x not in bare]
        rec.evidence = [x for x in rec.evidence if x not in bare]


def _appendix_number(text: str) -> str | None:
    m = re.match(r"^(Appendix|Annexe?)\s+(\w+)", text)
    return f"{m.group(1)} {m.group(2)}" if m else None


def _contents(layout: Layout) -> tuple[set[str] | None, set[int]]:
    """Titles listed on a contents page, and that page's lines (kept out of the body)."""
    for ln in layout.lines[:400]:
        if ln.blank or ln.furniture or not _CONTENTS.match(ln.text):
            continue
        page_lines = [x for x in layout.lines if x.page == ln.page and not x.furniture]
        idx = page_lines.index(ln)
        titles: set[str] = set()
        body = [x for x in page_lines[idx + 1:] if not x.blank]
        for i, x in enumerate(body):
            t = x.text.strip()
            if re.fullmatch(r"\d{1,3}", t):
                continue
            t = re.sub(r"^(?:(?:chapter|section|part)\s+)?\d{1,2}\s*[:.–—-]?\s+", "", t, flags=re.I)
            t = re.sub(r"\s+\d{1,3}$", "", t)
            if re.search(r"[^\W\d_]", t):  # a number alone ("2.") titles nothing: it would make headings of numbers
                titles.add(norm_title(t))
        return titles, {id(x) for x in page_lines}
    return None, set()


def _title(layout: Layout, path: str) -> str:
    """The title on a title page, when the first page has one; else the file's name in words."""
    first = [ln.text for ln in layout.lines if ln.page == 1 and not ln.blank][:12]
    if first and first[0] == "House of Commons":
        # House style: "House of Commons / <Committee> / <title lines> / <Nth Report of Session>"
        body = []
        committee_end = 2  # the committee's name may be set over two lines ("Environment, Food and" / "Rural …")
        while committee_end < len(first) and goes_on(first[committee_end - 1]):
            committee_end += 1
        # or broken anywhere, its last line the one that ends "Committee" ("Public Administration and Constitutional
        # Affairs" / "Committee")
        named = next((k for k in (2, 3) if k < len(first) and re.search(r"\bCommittee$", first[k], re.I)
                      and not re.search(r"\bCommittee$", first[1], re.I)), None)
        committee_end = max(committee_end, named + 1) if named is not None else committee_end
        for t in first[committee_end:]:
            if re.match(rf"^{ORDINAL_WORD} Report", t):
                break
            body.append(t)
        if body:
            return " ".join(body)
    title = title_page_title([ln.text for ln in layout.lines if ln.page == 1 and not ln.blank])
    if title:
        return title
    from .ids import report_slug as slug
    # No title page: the file's name in words, marked as such so no one mistakes it for the report's own.
    small = {"and", "of", "the", "on", "in", "for", "to", "a"}
    words = [w if (w in small and i) else w.capitalize() for i, w in enumerate(slug(path).split("-"))]
    return " ".join(words) + " (title from file name)"


def _publisher_and_date(text: str) -> tuple[str | None, str | None]:
    date = None
    # "Published on 20 September 2016" (Commons), "Ordered to be printed … and published 19 July 2011" (Lords)
    m = re.search(r"\b[Pp]ublished (?:on )?(\d{1,2}) (\w+) (\d{4})", text[:5000])
    if m:
        from .dates import iso_date
        date = iso_date(f"{m.group(1)} {m.group(2)} {m.group(3)}")
    return authors_mod.report_publisher(text), date
