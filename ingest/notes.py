"""Notes: end notes collected in an appendix, or footnotes at each page foot; URL lists after them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout, Line
from .model import Note, Warning_

# A note starts with its number (any number of digits: reports with 1,000 notes and more exist).
_NOTE_START = re.compile(r"^(\d+)(?!\d)\s*(?=\S)(.*)$")
_URL_LINE = re.compile(r"^(https?://|www\.)\S+$")
_ENDS_CUT = re.compile(r"([–—,-]|\b(and|of|the|to|for|in|on|by|a|an|with))$")


@dataclass
class NoteBlock:
    """Lines that belong to one note, or to a fragment stranded by a page break."""

    number: int | None
    lines: list[Line] = field(default_factory=list)
    urls_after: bool = False

    @property
    def text(self) -> str:
        """The note's text with lines joined."""
        parts = []
        for i, ln in enumerate(self.lines):
            t = ln.text
            if i == 0 and self.number is not None:
                t = _NOTE_START.match(t).group(2)
            parts.append(t)
        return join_note_lines(parts)


def join_note_lines(parts: list[str]) -> str:
    """A note's lines as one line: a word broken by a hyphen at a line end is kept whole."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not re.search(r"\w-$", out):
            out += " "
        out += p
    return re.sub(r"\s+", " ", out).strip()


def parse_endnotes(lines: list[Line], max_number: int, warnings: list[Warning_]) -> tuple[list[Note], list[tuple[str, int, int]]]:
    """Notes numbered up to max_number, from the lines of an end-notes section, and the URL lines."""
    blocks: list[NoteBlock] = []
    urls: list[tuple[str, int, int]] = []  # (url, page, offset)
    last = 0
    current: NoteBlock | None = None
    for line in lines:
        if line.blank or line.furniture:
            continue
        if _URL_LINE.match(line.text):
            urls.append((line.text, line.page, line.start))
            if current is not None:
                current.urls_after = True
            current = None
            continue
        m = _NOTE_START.match(line.text)
        if m and last < int(m.group(1)) <= max_number and int(m.group(1)) - last <= 40:
            last = int(m.group(1))
            current = NoteBlock(last, [line])
            blocks.append(current)
        elif line.page_start or current is None:
            # A page break in the notes can strand part of another note here; it is kept
            # out of every note rather than glued to the one before it.
            current = NoteBlock(None, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    notes: dict[int, Note] = {}
    for i, block in enumerate(blocks):
        if block.number is None:
            warnings.append(Warning_("stranded-note-fragment",
                                     f"text after a page break in the notes belongs to no note: {block.text[:80]!r}",
                                     block.lines[0].page, block.lines[0].start))
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text = block.text
        cut = bool(_ENDS_CUT.search(text)) or (nxt is not None and nxt.number is None)
        if nxt is not None and nxt.number is not None and nxt.number != block.number + 1 \
                and nxt.lines[0].page != block.lines[-1].page:
            cut = True
        notes[block.number] = Note(block.number, text, "cut" if cut else "found", block.lines[0].start,
                                   block.lines[-1].end, block.lines[0].page)
    out = []
    for n in range(1, max_number + 1):
        if n in notes:
            out.append(notes[n])
        else:
            out.append(Note(n, None, "missing"))
    missing = [n.number for n in out if n.status == "missing"]
    if missing:
        warnings.append(Warning_("notes-missing", f"{len(missing)} notes have no text in the source: {_ranges(missing)}"))
    return out, urls


def find_footnotes(layout: Layout, lines: list[Line]) -> tuple[list[Note], set[int]]:
    """Footnotes at page feet: numbered consecutively through the report. Returns notes and their line ids."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        if not ln.blank and not ln.furniture:
            by_page.setdefault(ln.page, []).append(ln)
    expected = 1
    notes: list[Note] = []
    taken: set[int] = set()
    for page in sorted(by_page):
        page_lines = by_page[page]
        start = _footnote_start(page_lines, expected)
        if start is None:
            # One-line notes to the page foot that skip a number or two (a note the PDF reading lost)
            # still count: the numbering goes on from them rather than stalling for the rest of the report.
            skip = next(((i, n) for i in range(len(page_lines)) for n in range(expected + 1, expected + 4)
                         if _numbered_to_foot(page_lines[i:], n)), None)
            if skip is None:
                continue
            start, expected = skip
        current: NoteBlock | None = None
        blocks: list[NoteBlock] = []
        for ln in page_lines[start:]:
            taken.add(id(ln))
            m = _NOTE_START.match(ln.text)
            if m and int(m.group(1)) == expected and _footnote_gap(m):
                current = NoteBlock(expected, [ln])
                blocks.append(current)
                expected += 1
            elif current is not None:
                current.lines.append(ln)
        for b in blocks:
            notes.append(Note(b.number, b.text, "found", b.lines[0].start, b.lines[-1].end, b.lines[0].page))
    return notes, taken


def _footnote_gap(m: re.Match) -> bool:
    # Footnote numbers are followed by white space, never by a full stop (that is a numbered paragraph).
    return not m.group(2).startswith(".")


def _footnote_start(page_lines: list[Line], expected: int) -> int | None:
    """Index of the first footnote line on a page: from there on, numbers run on from ``expected``."""
    # Notes one a line to the page foot (as ingest.pdf writes them) are taken first, so a body line
    # that happens to open with the expected number cannot start the notes early.
    for i in range(len(page_lines)):
        if _numbered_to_foot(page_lines[i:], expected):
            return i
    for i, ln in enumerate(page_lines):
        m = _NOTE_START.match(ln.text)
        if not (m and int(m.group(1)) == expected and _footnote_gap(m) and not ln.text.endswith(".") or
                m and int(m.group(1)) == expected and _footnote_gap(m) and len(ln.text) < 90):
            continue
        want = expected + 1
        ok = True
        since = 0  # lines since the last footnote start: a footnote runs to a few lines at most
        for later in page_lines[i + 1:]:
            m2 = _NOTE_START.match(later.text)
            if m2 and _footnote_gap(m2) and int(m2.group(1)) == want:
                want += 1
                since = 0
            elif m2 and _footnote_gap(m2) and want < int(m2.group(1)) < want + 5:
                ok = False
                break
            else:
                since += 1
                if since > 4:
                    ok = False
                    break
        if ok:
            return i
    return None


def _numbered_to_foot(page_lines: list[Line], expected: int) -> bool:
    """Every line from here to the page's foot is the next note, one line each, numbers set off
    by two spaces (``12  Q 703.``): the form ``ingest.pdf`` writes footnotes in."""
    for k, ln in enumerate(page_lines):
        if not re.match(rf"{expected + k}  \S", ln.text):
            return False
    return bool(page_lines)


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(out)
