"""Pages and lines: where each page starts, which lines are page furniture, and paragraph breaks.

Two page conventions are recognised:

* form feeds between pages (pdftotext, pypdf through ``ingest.pdf``);
* the London Assembly extraction, where a page starts at a line that begins with exactly
  one space and directly follows text (list items that begin with a space follow a blank).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Page

_LONE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
_PAGE_START = re.compile(r"^ \S")
_GLUED_NUMBER = re.compile(r"^(\d{1,3})\s+\D.*$|^.*\D\s+(\d{1,3})$")


_NUMBER_THEN_SPACE = re.compile(r"\d{1,3}\s+")


def _header_key(text: str) -> str:
    """A page-edge line without the page number glued to either end."""
    # Both ends are matched with anchored patterns (the tail on the reversed text): one
    # unanchored search would try every position of a line that can be megabytes long.
    s = text.strip()
    lead = _NUMBER_THEN_SPACE.match(s)
    trail = _NUMBER_THEN_SPACE.match(s[::-1])
    cut = lead.end() if lead else 0
    start = len(s) - trail.end() if trail else len(s)
    return s[cut:start] if start >= cut else s[cut:]


@dataclass
class Line:
    """One source line: its stripped text, where it sits, and what the layout made of it."""

    text: str
    start: int  # offset of text[0] in the source
    end: int
    page: int
    page_start: bool = False  # first content line of its page
    indent: int = 0
    blank: bool = False  # empty or white space only
    furniture: bool = False  # running header or page number


@dataclass
class Layout:
    """The source split into pages and lines, with its paragraph-break convention."""

    pages: list[Page]
    lines: list[Line]
    double_spaced: bool  # every text line followed by an empty line; breaks are " " lines
    form_feeds: bool


def split_lines(text: str) -> list[tuple[str, int]]:
    """Each raw line (without its newline) and the offset where it starts."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((raw, pos))
        pos += len(raw) + 1
    return out


def _is_double_spaced(raw_lines: list[tuple[str, int]]) -> bool:
    """Whether an empty line follows every text line, inside paragraphs too (the London Assembly extraction).

    pdfminer.six writes an empty line after each paragraph, so a report of short paragraphs (a title page,
    lists, headings) has most lines followed by one too, and a text saved a paragraph a line has every line
    followed by one. What only double spacing shows is a sentence that goes on over the empty line: a full
    line that stops mid-sentence (a comma, a lower-case word), the empty line, then a line opening in lower
    case. Most such lines must go on so: a list item or a name that ends in lower case ("• Ann Lock, Chair,
    Northshire Council") has a new item or a heading after it, and counting those, not continuations, made one
    more paragraph flip a whole report to double spacing (all of it one paragraph, no sections)."""
    followed = total = mid_followed = goes_on = 0
    for k, (cur, _) in enumerate(raw_lines[:-1]):
        if not cur.strip():
            continue
        nxt = raw_lines[k + 1][0]
        total += 1
        followed += nxt == ""
        if nxt == "" and len(cur.strip()) >= 50 and _MID_SENTENCE.search(cur):  # a full line, not a heading
            mid_followed += 1
            after = raw_lines[k + 2][0].lstrip() if k + 2 < len(raw_lines) else ""
            goes_on += after[:1].islower()
    # Two such lines at least: one can be chance (a list item whose next item opens in lower case).
    return total > 0 and followed / total > 0.6 and goes_on >= 2 and goes_on / mid_followed > 0.5


_MID_SENTENCE = re.compile(r"[a-z,]\s*$")


def analyse(text: str) -> Layout:
    """Split a report's text into pages and lines, marking page starts and furniture."""
    raw_lines = split_lines(text)
    form_feeds = "\f" in text
    double_spaced = _is_double_spaced(raw_lines)
    lines: list[Line] = []
    page_starts: list[int] = [0]
    page = 1
    prev_raw = None
    prev_content = None  # previous line that is not empty
    need_start = True
    # A form feed can sit inside a line ("…(EIM0011)\f9 Environmental…"): split there too.
    pieces: list[tuple[str, int, bool]] = []  # (text, offset, starts a new page)
    for raw, pos in raw_lines:
        if form_feeds and "\f" in raw:
            offset = 0
            for k, piece in enumerate(raw.split("\f")):
                if k == 0:
                    if piece:
                        pieces.append((piece, pos, False))
                else:
                    pieces.append((piece, pos + offset, True))
                offset += len(piece) + 1
        else:
            pieces.append((raw, pos, False))
    # Without form feeds, pages start at single-space lines (London Assembly extraction) or,
    # failing that, at a running header that recurs down the text.
    single_space = 0 if form_feeds else _count_single_space_starts(raw_lines)
    header_starts = set() if form_feeds or single_space >= 3 else _header_page_starts(raw_lines)
    for raw, pos, new_page in pieces:
        if new_page or (pos in header_starts and lines):
            if not new_page:
                page += 1
                page_starts.append(pos)
                need_start = True
                new_page = True
                stripped = raw.strip()
                lead = len(raw) - len(raw.lstrip())
                line = Line(stripped, pos + lead, pos + lead + len(stripped), page, indent=lead, blank=not stripped)
                if stripped:
                    line.page_start, need_start = True, False
                lines.append(line)
                prev_raw, prev_content = raw, raw if raw else prev_content
                continue
            page += 1
            page_starts.append(pos)
            need_start = True
            if not raw:
                continue
        elif not form_feeds and single_space >= 3 and lines and _PAGE_START.match(raw) and (
                (prev_raw or "") != "" or (prev_content is not None and not prev_content.strip())):
            page += 1
            page_starts.append(pos)
            need_start = True
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        line = Line(stripped, pos + lead, pos + lead + len(stripped), page, indent=lead, blank=not stripped)
        if stripped and need_start:
            line.page_start = True
            need_start = False
        lines.append(line)
        prev_raw = raw
        if raw != "":
            prev_content = raw
    ends = page_starts[1:] + [len(text)]
    pages = [Page(i + 1, s, e) for i, (s, e) in enumerate(zip(page_starts, ends))]
    _mark_furniture(lines, pages)
    return Layout(pages, lines, double_spaced, form_feeds)


def _single_space_start(raw: str, prev_raw: str | None, prev_content: str | None) -> bool:
    return bool(_PAGE_START.match(raw)) and ((prev_raw or "") != "" or (prev_content is not None and not prev_content.strip()))


def _count_single_space_starts(raw_lines: list[tuple[str, int]]) -> int:
    """How many lines start a page by the single-space convention."""
    count, prev_raw, prev_content = 0, None, None
    for i, (raw, _) in enumerate(raw_lines):
        if i and _single_space_start(raw, prev_raw, prev_content):
            count += 1
        prev_raw = raw
        if raw != "":
            prev_content = raw
    return count


def _header_page_starts(raw_lines: list[tuple[str, int]]) -> set[int]:
    """Offsets where a page starts, at a running header (and the page number just before it)."""
    keys = Counter(_header_key(raw) for raw, _ in raw_lines if 5 <= len(raw.strip()) <= 100)
    candidates = [(k, c) for k, c in keys.items() if c >= 3 and not _LONE_NUMBER.match(k) and any(ch.isalpha() for ch in k)]
    best = None
    for key, count in sorted(candidates, key=lambda kc: -kc[1]):
        at = [i for i, (raw, _) in enumerate(raw_lines) if _header_key(raw) == key]
        gaps = [b - a for a, b in zip(at, at[1:])]
        # a running header stands once a page: a page's worth of lines apart, as a rule
        if gaps and sorted(gaps)[len(gaps) // 2] >= 15:
            best = at
            break
    if not best:
        return set()
    starts = set()
    for i in best:
        j = i
        # "4" then a blank line then the header: the page starts at its number
        for back in range(i - 1, max(-1, i - 4), -1):
            if raw_lines[back][0].strip() == "":
                continue
            if _LONE_NUMBER.match(raw_lines[back][0]):
                j = back
            break
        starts.add(raw_lines[j][1])
    return starts


def _mark_furniture(lines: list[Line], pages: list[Page]) -> None:
    """Mark running headers and printed page numbers at the top or foot of pages."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if not line.blank:
            by_page.setdefault(line.page, []).append(line)
    edge_texts = Counter()
    for page_lines in by_page.values():
        # Only the top lines: a footnote such as "30 As above" recurs at page feet too.
        for key in {_header_key(ln.text) for ln in page_lines[:3]}:
            edge_texts[key] += 1
    # A line that recurs at the edge of at least a quarter of the pages is a running header
    # (pypdf glues the page number to it: "5 Environmental impact of microplastics").
    threshold = max(3, len(by_page) // 4)
    running = {t for t, c in edge_texts.items() if c >= threshold and t and not _LONE_NUMBER.match(t) and len(t) < 100}
    # A running footer (pdfminer.six writes a page's running header after its footnotes, last on the
    # page) must stand at the foot of half the pages: a note's text such as "Ibid." recurs there too.
    foot_texts = Counter(key for page_lines in by_page.values() for key in {_header_key(ln.text) for ln in page_lines[-2:]})
    running_foot = {t for t, c in foot_texts.items()
                    if c >= max(3, len(by_page) // 2) and any(ch.isalpha() for ch in t) and len(t) < 100}
    from_header: list[int] = []  # pages labelled by a number in their running header
    for number, page_lines in by_page.items():
        label_taken = False
        top, foot = page_lines[:3], page_lines[-2:]
        edge = top + [ln for ln in foot if all(ln is not t for t in top)]
        if _LONE_NUMBER.match(page_lines[-1].text):
            # A number last on the page is its page number: a lone number at the top is then no page number but a
            # chapter's, or an end note's set alone on its line ("Endnotes" / "1" / "Metropolitan Police …")
            edge = [page_lines[-1]] + [ln for ln in edge if ln is not page_lines[-1]]
        for line in edge:
            key = _header_key(line.text)
            if (key in running and line is not page_lines[-1]
                    or key in running_foot and any(line is f for f in foot)) and not _goes_on(line, page_lines):
                line.furniture = True
                glued = _GLUED_NUMBER.match(line.text)
                if glued and not label_taken:
                    pages[number - 1].label = glued.group(1) or glued.group(2)
                    from_header.append(number - 1)
                    label_taken = True
            elif (not label_taken and _LONE_NUMBER.match(line.text)
                  and (line is page_lines[-1] or _near_top(line, page_lines))):
                # Only one page number per page: a second lone number is a chapter number.
                line.furniture = label_taken = True
                pages[number - 1].label = line.text.strip()
    # A number every running header shares ("… Report: Volume 1") is the header's own, not a page number.
    if len(from_header) > 2 and len({pages[i].label for i in from_header}) == 1:
        for i in from_header:
            pages[i].label = None
    # A page whose first line was furniture starts at its next content line.
    for page_lines in by_page.values():
        content = [ln for ln in page_lines if not ln.furniture]
        for ln in page_lines:
            ln.page_start = False
        if content:
            content[0].page_start = True


_ENDS_CLAUSE = re.compile(r"[.,;:!?\"”’)]$")


def _goes_on(line: Line, page_lines: list[Line]) -> bool:
    """A line of several words that opens in lower case under a line with no closing punctuation goes on with that
    line's sentence, though the same words stand at the edge of other pages too (a repeated sentence wrapped the
    same way each time): not a running header or footer, which stands apart from the text above it."""
    k = next(i for i, ln in enumerate(page_lines) if ln is line)
    return (k > 0 and line.text[:1].islower() and len(line.text.split()) >= 4
            and not _ENDS_CLAUSE.search(page_lines[k - 1].text))


def _near_top(line: Line, page_lines: list[Line]) -> bool:
    """A lone number among the first lines, before any running text, is a page number."""
    for ln in page_lines:
        if ln is line:
            return True
        if len(ln.text) > 60:
            return False
    return False
