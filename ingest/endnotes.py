"""End notes: gathered under a heading at the back of the report, or closing each chapter under its own heading
and numbered again from 1 in each, the body's markers for each run found in the text before it."""
from __future__ import annotations

import re
from dataclasses import replace

from .blocks import top_level_heading
from .layout import Layout, Line
from .markers import Candidate, find_markers
from .model import Note, Warning_
from .notes import NOTES_TITLE, parse_endnotes

_ENDNOTES = re.compile(r"\b(End ?[Nn]otes|Endnotes|Notes)$")
_OPENS_NOTE = re.compile(r"^(\d{1,4})(?:\s+\S|$)")  # "12 Transcript, Day 3", or "12" alone (pdftotext)


def endnote_sections(layout: Layout, lines: list[Line]) -> list[tuple[int, int]]:
    """Each end-notes section as (index of its heading, index after its last line) in ``lines``: an "End Notes"
    heading (alone, or closing an appendix's title), or "Notes" or "References" alone over note 1. A section
    lasts to the next chapter-level heading that opens a page, or that no note carrying on the count follows, so
    a chapter may follow its notes."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if _is_notes_heading(layout, lines, i):
            end = _section_end(lines, i + 1)
            out.append((i, end))
            i = end
        else:
            i += 1
    return out


def _content_after(lines: list[Line], i: int) -> Line | None:
    return next((ln for ln in lines[i + 1:] if not (ln.blank or ln.furniture)), None)


def _is_notes_heading(layout: Layout, lines: list[Line], i: int) -> bool:
    ln = lines[i]
    if ln.blank or ln.furniture:
        return False
    h = top_level_heading(ln.text)
    if h and _ENDNOTES.search(h[2]) and (ln.page_start or not layout.double_spaced):
        return True
    if not NOTES_TITLE.fullmatch(ln.text.strip()):
        return False
    nxt = _content_after(lines, i)  # "Notes" or "References" is the notes' heading when note 1 is next
    m = _OPENS_NOTE.match(nxt.text) if nxt is not None else None
    return bool(m) and m.group(1) == "1"


def named_endnotes(lines: list[Line], sections: list[tuple[int, int]]) -> bool:
    """Whether any section's heading names end notes ("Endnotes", "Appendix 4: End Notes"): a bare "Notes" or
    "References" over "1 …" may as well be a numbered list in an annex of a report whose notes are at page feet."""
    return any(_is_heading_of_notes(lines[h].text) or lines[h].text.strip().lower().replace(" ", "") == "endnotes"
               for h, _ in sections)


def _section_end(lines: list[Line], start: int) -> int:
    """Where notes that start at ``start`` end: at a chapter-level heading opening a page that is no note. A line
    that opens with a number above the last note's is a note when the next numbered line goes on from it: "32
    Ofsted (2008) Joint Area Review, Haringey" at the bundled report's page top is one, as "33 …" after it shows,
    though its text lost notes 6-12 and the count before it stalled at 5; "2 Funding" after note 4 is a chapter."""
    last = 0
    for j in range(start, len(lines)):
        ln = lines[j]
        if ln.blank or ln.furniture:
            continue
        m = _OPENS_NOTE.match(ln.text)
        number = int(m.group(1)) if m else 0
        if m and (last < number <= last + 3 or (number > last and _goes_on(lines, j, number))):
            last = number
            continue
        # A chapter-level heading ends the notes where it opens a page, or where the line after it opens no note
        # that carries on the count (text without page breaks: "2 The response" after notes 1 and 2, then
        # paragraph 3, is the next chapter). At a page's top, a line that reads as a note's text ("Annex B,
        # paragraph 12.", the rest of the note before) with the count carried on after it is no heading.
        if top_level_heading(ln.text) and not _is_heading_of_notes(ln.text) \
                and not (_carries_on(lines, j, last) and (not ln.page_start or _reads_as_text(ln.text))):
            return j
    return len(lines)


# A heading's look that a note's text has: a sentence's stop at its end, or a paragraph or page cited in it
_NOTE_TEXT = re.compile(r"[.,;]$|\b(?:paragraphs?|paras?\.?|pp?\.)\s*\d", re.I)


def _reads_as_text(text: str) -> bool:
    """Whether a heading-like line reads as running text: "Annex B, paragraph 12." or "Chapter 4, p. 12"."""
    return bool(_NOTE_TEXT.search(text.strip()))


def _carries_on(lines: list[Line], j: int, last: int) -> bool:
    """Whether the next line after lines[j] with text opens a note numbered a little above ``last``."""
    nxt = _content_after(lines, j)
    m = _OPENS_NOTE.match(nxt.text) if nxt is not None else None
    return bool(m) and last < int(m.group(1)) <= last + 3


def _goes_on(lines: list[Line], j: int, number: int) -> bool:
    """Whether the next line after lines[j] that opens with a number opens with one of the next few after it."""
    for ln in lines[j + 1:]:
        m = None if ln.blank or ln.furniture else _OPENS_NOTE.match(ln.text)
        if m:
            return number < int(m.group(1)) <= number + 3
    return False


def _is_heading_of_notes(text: str) -> bool:
    h = top_level_heading(text)
    return bool(h and _ENDNOTES.search(h[2]))


def read_endnotes(lines: list[Line], sections: list[tuple[int, int]], source: str,
                  warnings: list[Warning_]) -> tuple[list[Line], list[Note], list[Candidate], list[int], list]:
    """The body lines (all but the notes), the notes, the markers, the marker numbers skipped and the URL lines.

    Each section's markers are looked for in the text since the section before, numbered from 1 as printed;
    notes and markers of later sections are numbered on through the report, so every note number is unique."""
    inside = {k for h, e in sections for k in range(h, e)}
    body = [ln for k, ln in enumerate(lines) if k not in inside]
    notes: list[Note] = []
    markers: list[Candidate] = []
    skipped: list[int] = []
    urls: list = []
    prev_end = 0
    for h, e in sections:
        runs = _runs(lines[h + 1:e])
        text_lines = lines[prev_end:h]
        for run_lines in runs:
            # One run in one section: the whole text before it is searched, with no bound (as a report with its
            # notes at the back always was); run by run, the run's own highest number bounds its markers, and the
            # next run's are looked for from the chapter after the last marker found.
            bound = None if len(sections) == 1 and len(runs) == 1 else _highest(run_lines)
            found, lost = find_markers(text_lines, source, bound)
            run, run_urls = parse_endnotes(run_lines, max(len(found), bound or 0, 1), warnings)
            base = len(notes)
            notes += [replace(n, number=n.number + base) for n in run]
            markers += [replace(c, number=c.number + base) for c in found]
            skipped += [n + base for n in lost]
            urls += run_urls
            if found:
                text_lines = _from_next_chapter([ln for ln in text_lines if ln.start > found[-1].start])
        prev_end = e
    return body, notes, markers, skipped, urls


def _runs(lines: list[Line]) -> list[list[Line]]:
    """The runs of notes numbered from 1 in a notes section: end notes gathered at the back may start again at 1
    for each chapter, under a heading naming it ("Chapter 2", "2. The night of the flood"), which is no note's."""
    runs: list[list[Line]] = [[]]
    last = 0
    for k, ln in enumerate(lines):
        m = None if ln.blank or ln.furniture else _OPENS_NOTE.match(ln.text)
        # numbering starts again where a 1 is followed by a 2 (a note's line that opens "1 April 2014" is no note)
        if m and int(m.group(1)) == 1 and last >= 1 and _goes_on(lines, k, 1):
            runs.append([])
            last = 0
        if m and last < int(m.group(1)) <= last + 3:
            last = int(m.group(1))
        runs[-1].append(ln)
    heads = {id(ln) for k, ln in enumerate(lines) if not (ln.blank or ln.furniture) and _heads_a_run(lines, k)}
    runs = [[ln for ln in run if id(ln) not in heads] for run in runs]
    return [run for run in runs if run]


_CHAPTER_WORD = re.compile(r"(?:Chapter|CHAPTER|Part|PART|Section|SECTION)\s+\d{1,2}\b.*")


def _names_a_chapter(text: str) -> bool:
    h = top_level_heading(text)
    return bool(h and h[0] in ("chapter", "appendix")) or bool(_CHAPTER_WORD.fullmatch(text))


def _heads_a_run(lines: list[Line], k: int) -> bool:
    """Whether lines[k] is a chapter's heading over its run of notes: it names a chapter, and note 1 comes next (a
    note's own line may read like a heading, "3 Environment Agency, Flood warning review": it is kept)."""
    if not _names_a_chapter(lines[k].text):
        return False
    nxt = _content_after(lines, k)
    m = _OPENS_NOTE.match(nxt.text) if nxt is not None else None
    return bool(m) and m.group(1) == "1"


def _from_next_chapter(lines: list[Line]) -> list[Line]:
    """The lines from the first chapter-level heading on (all of them when none stands there)."""
    at = next((k for k, ln in enumerate(lines) if not ln.blank and _names_a_chapter(ln.text)), 0)
    return lines[at:]


def _highest(lines: list[Line]) -> int:
    """The last number of a run of notes numbered from 1 (a few lost numbers allowed)."""
    last = 0
    for ln in lines:
        m = None if ln.blank or ln.furniture else _OPENS_NOTE.match(ln.text)
        if m and last < int(m.group(1)) <= last + 3:
            last = int(m.group(1))
    return last
