"""PDF to text by layout (pypdfium2): body, glued note markers and page-foot footnotes.

Each page is read as lines with their font size, baseline and weight. From those:

* running headers and page numbers (lines at a page edge that recur) go first on the page,
  where the text pipeline takes them as page furniture;
* superscript digits in the body (smaller type, a raised baseline or a raised glyph) are note
  markers: written glued to the word before them (``controller.15``), as the marker rule reads them;
* footnotes (small type at the page foot, each starting with the next note number) go after the
  body, one line each as ``N  text`` (a note that runs onto the next page's foot is joined);
* a vertical gap, or a change of size or weight, between lines is a paragraph break (a blank line).

Pages are separated by form feeds, as pdftotext writes them, so the rest of ingest reads a PDF
the way it reads extracted text. Footnote numbering that restarts (in each chapter) is numbered
on through the report, markers with it, so every note keeps a unique number; ``read_pdf`` lists
the pages where the numbering restarted.
"""
from __future__ import annotations

import ctypes
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field

from .errors import NoTextLayer, UnreadablePDF
from .notes import NOTES_TITLE, join_note_lines
from .titles import TITLE_PAGE_OTHER

# PDFium ends lines with CR LF; a hyphen at a line's end (U+FFFE) it joins to the next line,
# which is split again here so each line keeps one baseline.
_LINE_BREAK = re.compile(r"\r\n|\r|\n|(?<=\ufffe)")
_LINE_END_HYPHEN = "\ufffe"
_GLUED_PARAGRAPH_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,3})+\.(?=[A-Z“‘\"(])")
_NUMBERED_PARAGRAPH = re.compile(r"^\d{1,2}(\.\d{1,3})*\.\s")
_DIGITS = re.compile(r"\d+")
_NOTE_NUMBER = re.compile(r"^\s*(\d{1,4})(?!\d)\s*(?=\S)")
_EDGE_KEY_DIGITS = re.compile(r"\d+")
# PDFium is not thread-safe: one document is read at a time (the web app may ingest from threads).
_PDFIUM = threading.Lock()


@dataclass
class PdfLine:
    """One text line of a page with the typography the layout rules need."""

    text: str
    x: float  # left edge (origin of its first character)
    y: float  # baseline, from the page's foot upwards
    size: float  # font size in points
    bold: bool
    sups: list[tuple[int, int]] = field(default_factory=list)  # superscript digit runs (start, end) in text


@dataclass
class PdfPage:
    """A page's lines, top to bottom, and its height."""

    number: int
    height: float
    lines: list[PdfLine]


@dataclass
class PdfText:
    """The text a PDF yields, with what the layout reading found."""

    text: str
    pages: int
    footnotes: int
    superscripts: int  # superscript numbers written as markers (the note sequence then picks the markers)
    restarts: list[int]  # pages where footnote numbering starts again at 1
    title: str | None = None  # the report's title, from the metadata or the title page's largest type


def pdf_text(data: bytes, name: str = "input.pdf") -> str:
    """Extract a PDF's text by layout, pages separated by form feeds."""
    return read_pdf(data, name).text


def read_pdf(data: bytes, name: str = "input.pdf") -> PdfText:
    """Read a PDF's pages by layout and write them as text (see the module docstring)."""
    with _PDFIUM:
        pages, metadata_title = _read_pages(data, name)
    if sum(len(ln.text) for p in pages for ln in p.lines) < 20 * max(1, len(pages) // 10):
        raise NoTextLayer(f"{name}: the PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf")
    out = _write(pages)
    out.title = pdf_title(pages, metadata_title)
    return out


_TITLE_PAGES = 3  # a title page stands among the first pages, after a cover that may hold no text
# Titles a tool writes for its template or file, not the report's: "Microsoft Word - hc179.docx", "Untitled".
_TOOL_TITLE = re.compile(r"^(?:Microsoft \w+ - |untitled\b|document\d*$|slide \d)|\.(?:docx?|pdf|indd|rtf)$", re.I)


def pdf_title(pages: list[PdfPage], metadata_title: str | None = None) -> str | None:
    """The report's title: the PDF's own Title when the first pages print each of its words (a
    template's "Committee Report 4.3" is not), else the lines in the largest type on the first pages."""
    first = pages[:_TITLE_PAGES]
    printed = " ".join(ln.text for p in first for ln in p.lines).lower()
    meta = " ".join((metadata_title or "").split())
    words = re.findall(r"\w+(?:\.\w+)*", meta.lower())
    if meta and not _TOOL_TITLE.search(meta) and words and all(re.search(rf"\b{re.escape(w)}\b", printed) for w in words):
        return meta
    body = _body_size(pages)
    lines = [(p.number, ln) for p in first for ln in p.lines if re.search(r"[^\W\d_]{2}", ln.text)]
    if not lines:
        return None
    top = max(ln.size for _, ln in lines)
    if top < 1.3 * body:
        return None  # nothing set larger than the text: no title page to read
    page = min(n for n, ln in lines if abs(ln.size - top) < 0.5)
    # the title's lines, top to bottom, as one title ("Environmental impact" / "of microplastics")
    title = [ln for n, ln in lines if n == page and abs(ln.size - top) < 0.5]
    title.sort(key=lambda ln: -ln.y)
    # "Post Office" / "Horizon IT Inquiry" / "Report", all in 50 pt: the word "Report" is no part of the title
    title = [ln for ln in title if not TITLE_PAGE_OTHER.match(" ".join(ln.text.split()))] or title
    text = " ".join(" ".join(ln.text.split()) for ln in title[:6])
    from .blocks import top_level_heading

    if top_level_heading(text) is not None:
        return None  # "1 Introduction", "Foreword": the report opens with no title page
    return text.title() if text.isupper() else text


def _read_pages(data: bytes, name: str) -> tuple[list[PdfPage], str | None]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, ValueError, TypeError) as exc:
        raise UnreadablePDF(f"{name}: not a readable PDF ({exc})") from None
    try:
        if len(pdf) == 0:
            raise UnreadablePDF(f"{name}: the PDF has no pages")
        try:
            metadata_title = pdf.get_metadata_dict().get("Title") or None
        except (pdfium.PdfiumError, UnicodeDecodeError):
            metadata_title = None
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                textpage = page.get_textpage()
                try:
                    out.append(PdfPage(i + 1, page.get_height(), _page_lines(textpage)))
                finally:
                    textpage.close()
            finally:
                page.close()
        return out, metadata_title
    except pdfium.PdfiumError as exc:
        raise UnreadablePDF(f"{name}: not a readable PDF ({exc})") from None
    finally:
        pdf.close()


class _Chars:
    """Per-character queries on a pdfium text page (a few C calls per character asked about)."""

    def __init__(self, textpage):
        import pypdfium2.raw as raw

        # The page's raw handle and the C functions, bound once: a pdfium object passed to a C function is
        # read through a Python property on every call, and these are called some 20 times a line.
        self.tp = textpage.raw
        self._font_size, self._matrix_of = raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix
        self._origin, self._box, self._weight = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetCharBox, \
            raw.FPDFText_GetFontWeight
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.box = [ctypes.c_double() for _ in range(4)]
        self.matrix = raw.FS_MATRIX()

    def size(self, i: int) -> float:
        """Font size in points, with the text matrix's scale."""
        size = self._font_size(self.tp, i)
        if self._matrix_of(self.tp, i, self.matrix):
            size *= (self.matrix.c ** 2 + self.matrix.d ** 2) ** 0.5
        return size

    def origin(self, i: int) -> tuple[float, float]:
        """Where the character's baseline starts."""
        self._origin(self.tp, i, self.x, self.y)
        return self.x.value, self.y.value

    def glyph_bottom(self, i: int) -> float:
        """The bottom of the character's glyph (a superscript glyph sits above the baseline)."""
        left, right, bottom, top = self.box
        self._box(self.tp, i, left, right, bottom, top)
        return bottom.value

    def bold(self, i: int) -> bool:
        """Whether the character's font weight is bold."""
        return self._weight(self.tp, i) >= 600


def _page_lines(textpage) -> list[PdfLine]:
    """A page's lines with typography sampled from a few characters each (speed: not every character)."""
    text = textpage.get_text_range()
    chars = _Chars(textpage)
    lines: list[PdfLine] = []
    pos = 0
    for m in list(_LINE_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        raw_line = text[pos:end]
        start = pos
        pos = m.end() if m else len(text)
        line = _line(raw_line, start, chars)
        if line is None:
            continue
        prev = lines[-1] if lines else None
        if prev is not None and _stray_marker(line, prev):
            # A raised number the extraction set on a line of its own: the marker ending prev.
            prev.sups.append((len(prev.text), len(prev.text) + len(line.text)))
            prev.text += line.text
            continue
        if prev is not None and _split_at_marker(line, prev):
            # One printed line that PDFium broke at a raised number ("… today." / "³ The", or "… today.³" /
            # "The"): joined again, the number glued to the word before it.
            gap = "" if line.sups and line.sups[0][0] == 0 else " "
            shift = len(prev.text) + len(gap)
            prev.sups.extend((a + shift, b + shift) for a, b in line.sups)
            prev.text += gap + line.text
            continue
        lines.append(line)
    return lines


def _split_at_marker(line: PdfLine, prev: PdfLine) -> bool:
    """A line level with the one before it and to its right, with a raised number where they meet."""
    at_marker = (bool(prev.sups) and prev.sups[-1][1] == len(prev.text)) or (bool(line.sups) and line.sups[0][0] == 0)
    return (at_marker and abs(line.y - prev.y) < 0.3 * prev.size and line.x > prev.x
            and abs(line.size - prev.size) < 0.2 * prev.size)


def _stray_marker(line: PdfLine, prev: PdfLine) -> bool:
    """A short number in smaller type level with the line before it, to its right: much smaller, or a little
    smaller and raised (Chromium sets a paragraph's closing superscript at 10 pt over 12 pt text, on its own)."""
    smaller = line.size < 0.8 * prev.size or (line.size < 0.95 * prev.size and line.y - prev.y > 0.2 * prev.size)
    return (line.text.isdigit() and len(line.text) <= 4 and smaller
            and abs(line.y - prev.y) < prev.size and line.x > prev.x)


def _line(raw_line: str, start: int, chars: _Chars) -> PdfLine | None:
    """One line's typography: size, baseline and weight of its letters; superscript digit runs."""
    lead = len(raw_line) - len(raw_line.lstrip())
    text = raw_line.strip().replace(_LINE_END_HYPHEN, "-")
    if not text:
        return None
    sample = _letter_sample(raw_line, lead)
    sizes = [chars.size(start + k) for k in sample]
    origins = [chars.origin(start + k) for k in sample]
    size = statistics.median(sizes)
    base = statistics.median(y for _, y in origins)
    x = origins[0][0] if sample and sample[0] == lead else chars.origin(start + lead)[0]
    bold = sum(chars.bold(start + k) for k in sample) * 2 > len(sample)
    sups = []
    for d in _DIGITS.finditer(raw_line):
        if d.end() - d.start() > 4:
            continue
        k = start + d.start()
        dsize = chars.size(k)
        _, dy = chars.origin(k)
        raised = dy - base > 0.2 * size or chars.glyph_bottom(k) - dy > 0.25 * size
        if dsize < 0.8 * size or raised:
            sups.append((d.start() - lead, d.end() - lead))
    glued = _GLUED_PARAGRAPH_NUMBER.match(text)
    if glued:
        # "8.14.In general": the number stands apart on the page though no space is drawn
        at = glued.end()
        text = f"{text[:at]} {text[at:]}"
        sups = [(a + (a >= at), b + (a >= at)) for a, b in sups]
    return PdfLine(text, x, base, size, bold, sups)


def _letter_sample(raw_line: str, lead: int) -> list[int]:
    """Up to five letters spread along the line (digits may be raised; letters show the line's type)."""
    picks: list[int] = []
    last = len(raw_line) - 1
    for j in range(5):
        k = lead + j * (last - lead) // 4
        while k <= last and not raw_line[k].isalpha():
            k += 1
        if k <= last and k not in picks:
            picks.append(k)
    return picks or [k for k, ch in enumerate(raw_line) if not ch.isspace()][:3]


def _write(pages: list[PdfPage]) -> PdfText:
    """Lay the pages out as text: furniture, body with glued markers, then footnotes."""
    body_size = _body_size(pages)
    furniture = _furniture(pages)
    printed_next = 1  # the next note number as the report prints it
    seq = 0  # notes numbered so far through the report
    base = 0  # added to printed numbers: the notes before the current run of numbering
    restarts: list[int] = []
    rendered: list[list] = []  # per page: text lines, and notes as [number, line, line, ...]
    markers = 0
    open_note: list[str] | None = None  # the last note so far, while it may run on to the next page
    open_size: float | None = None
    seen: set[int] = set()  # superscript numbers met in the body: a footnote answers one of them
    for page in pages:
        edge = [ln for ln in page.lines if id(ln) in furniture]
        rest = [ln for ln in page.lines if id(ln) not in furniture]
        for ln in rest:
            seen.update(int(ln.text[a:b]) for a, b in ln.sups)
        foot_at, numbered, restart = _footnote_zone(rest, body_size, printed_next, open_size, page.height,
                                                    seen)
        if restart:
            restarts.append(page.number)
            base, printed_next = seq, 1
            seen = {int(ln.text[a:b]) for ln in rest[:foot_at] for a, b in ln.sups}
        notes: list[list[str]] = []
        page_bases = [base]  # the page's first base, then one for each run numbered again from 1 below it
        for ln in rest[foot_at:]:
            m = _NOTE_NUMBER.match(ln.text)
            if m and id(ln) in numbered:
                if int(m.group(1)) < printed_next and notes:  # numbering starts again under the page's first notes
                    restarts.append(page.number)
                    base = seq
                    page_bases.append(base)
                printed_next = int(m.group(1)) + 1
                seq = base + int(m.group(1))
                notes.append([str(seq), ln.text[m.end():]])
            elif notes:
                notes[-1].append(ln.text)
            elif open_note is not None:
                open_note.append(ln.text)  # a note run on from the previous page's foot
        body_lines, n_markers = _body_text(rest[:foot_at], body_size, page_bases)
        markers += n_markers
        page_out: list = [ln.text for ln in edge] + ([""] if edge else []) + body_lines
        if notes:
            page_out += [""] + notes
            open_note, open_size = notes[-1], rest[-1].size
        elif foot_at == len(rest) and body_lines:
            open_note = open_size = None
        rendered.append(page_out)
    text_pages = ["\n".join(f"{item[0]}  {join_note_lines(item[1:])}" if isinstance(item, list) else item
                             for item in page_out) for page_out in rendered]
    return PdfText("\f".join(text_pages), len(pages), seq, markers, restarts)


def _body_size(pages: list[PdfPage]) -> float:
    """The font size most of the text is set in."""
    weight: Counter = Counter()
    for page in pages:
        for ln in page.lines:
            weight[round(ln.size * 2) / 2] += len(ln.text)
    return weight.most_common(1)[0][0] if weight else 10.0


def _edge_key(text: str) -> str:
    return _EDGE_KEY_DIGITS.sub("#", text).strip().lower()


def _furniture(pages: list[PdfPage]) -> set[int]:
    """Running headers, footers and page numbers: lines in a page's top or foot margin whose text
    (numbers aside) recurs at the same height on many pages. A footnote that recurs ("Ibid.",
    "As above") sits at a different height from page to page, so it stays."""
    def margin_lines(page: PdfPage) -> list[PdfLine]:
        return [ln for ln in page.lines if ln.y > 0.88 * page.height or ln.y < 0.1 * page.height]

    counts: Counter = Counter()
    for page in pages:
        for key in {(_edge_key(ln.text), round(ln.y / 4)) for ln in margin_lines(page)}:
            counts[key] += 1
    threshold = max(3, len(pages) // 4)
    out: set[int] = set()
    for page in pages:
        for ln in margin_lines(page):
            key = _edge_key(ln.text)
            if key in ("#", "page #", "# of #") or counts[key, round(ln.y / 4)] >= threshold:
                out.add(id(ln))
    return out


def _footnote_zone(lines: list[PdfLine], body_size: float, expected: int, open_size: float | None,
                   height: float, seen: set[int]) -> tuple[int, set[int], bool]:
    """Where a page's footnotes start: small type at the foot whose numbered lines run on from
    ``expected`` (or start again at 1). ``open_size`` is the type size of the previous page's last
    note, which may run on here. Returns the index, the numbered lines' ids, and whether the
    numbering restarted. A run of notes counts only if the body has shown a superscript for its
    first number: a contents page or a numbered list set small has none."""
    i = len(lines)
    while i > 0 and lines[i - 1].size < 0.95 * body_size:
        i -= 1
    if i == len(lines) or (i > 0 and NOTES_TITLE.fullmatch(lines[i - 1].text.strip())):
        # (small type under a heading of its own, "Endnotes" or "Notes", is end notes: read as text, as a
        # report's notes at the back or a chapter's at its end are)
        return len(lines), set(), False
    zone = lines[i:]
    # The next number, or one a few on (a note the extraction lost), or 1 (numbering restarts).
    for first in (expected, expected + 1, expected + 2, expected + 3, 1):
        numbered = _numbered(zone, first)
        if numbered and first == 1 and expected != 1 and not _has_marker(lines[:i], "1"):
            continue  # a numbered list set small (written evidence), not notes starting again
        if numbered and first not in seen:
            continue
        if numbered:
            start_idx = next(k for k, ln in enumerate(zone) if id(ln) in numbered)
            above = _run_on(zone[:start_idx], open_size, height)
            return i + start_idx - above, numbered | _restarted_below(zone, numbered, lines[:i]), \
                first == 1 and expected != 1
    if _run_on(zone, open_size, height) == len(zone) and i > 0:
        return i, set(), False  # the whole foot continues the previous page's last note
    return len(lines), set(), False


def _restarted_below(zone: list[PdfLine], numbered: set[int], body: list[PdfLine]) -> set[int]:
    """Notes numbered again from 1 under a page's first run of notes (a chapter ends and the next begins
    on the page, or end notes follow), as many runs as the body shows a superscript 1 after a higher one
    (two chapters that open on one page give two)."""
    last = max(k for k, ln in enumerate(zone) if id(ln) in numbered)
    first_number = int(_NOTE_NUMBER.match(zone[last].text).group(1)) - len(numbered) + 1
    sups = [int(ln.text[a:b]) for ln in body for a, b in ln.sups]
    restarts = sum(1 for k, n in enumerate(sups) if n == 1 and any(m > 1 for m in sups[:k]))
    out: set[int] = set()
    if first_number == 1:
        return out
    for _ in range(restarts):
        again = _numbered(zone[last + 1:], 1)
        if not again:
            break
        out |= again
        last = max(k for k, ln in enumerate(zone) if id(ln) in again)
    return out


def _run_on(lines: list[PdfLine], open_size: float | None, height: float) -> int:
    """How many of the last lines continue the previous page's last note: lines in the notes' own
    type, in the lower part of the page, not opening with a number."""
    if open_size is None:
        return 0
    k = len(lines)
    while k > 0 and abs(lines[k - 1].size - open_size) < 0.3 and lines[k - 1].y < 0.45 * height:
        k -= 1
    if k < len(lines) and _NOTE_NUMBER.match(lines[k].text):
        return 0
    return len(lines) - k


def _has_marker(lines: list[PdfLine], number: str) -> bool:
    """Whether a superscript ``number`` stands in the lines."""
    return any(ln.text[s:e] == number for ln in lines for s, e in ln.sups)


def _numbered(zone: list[PdfLine], first: int) -> set[int]:
    """Lines of the zone that start notes first, first+1, ... at one left edge."""
    want = first
    x_edge = None
    out: set[int] = set()
    for ln in zone:
        m = _NOTE_NUMBER.match(ln.text)
        if not m or int(m.group(1)) != want:
            continue
        if x_edge is not None and abs(ln.x - x_edge) > 3:
            continue
        x_edge = ln.x
        out.add(id(ln))
        want += 1
    return out


def _body_text(body: list[PdfLine], body_size: float, page_bases: list[int]) -> tuple[list[str], int]:
    """Body lines as text: markers glued to the word before them, blank lines between paragraphs. The markers are
    numbered on from ``page_bases[0]``; where the page's notes start again at 1 (more bases), each superscript 1
    after a higher number moves the markers after it on to the next base."""
    out: list[str] = []
    markers = 0
    bases = _marker_bases(body, page_bases)
    gaps = [a.y - b.y for a, b in zip(body, body[1:]) if abs(a.size - b.size) < 0.5 and a.y > b.y]
    leading = statistics.median(gaps) if gaps else body_size * 1.2
    prev: PdfLine | None = None
    for k, ln in enumerate(body):
        opening, text, n = _glue_markers(ln, bases[k])
        markers += n
        if opening:  # a marker that opens the line belongs to the line before
            last = next((k for k in range(len(out) - 1, -1, -1) if out[k]), None)
            if last is not None:
                out[last] += opening
            else:
                text = f"{opening} {text}"
            if not text.strip():
                continue  # the line was only the marker, set a little above the line before
        if prev is not None:
            gap = prev.y - ln.y
            # a gap, a change of type, a line set out to the left of the one before (a hanging
            # paragraph number) or a numbered paragraph starts a new block
            if (gap > 1.4 * leading or gap < 0 or abs(prev.size - ln.size) > 0.5 or prev.bold != ln.bold
                    or ln.x < prev.x - 5 or _NUMBERED_PARAGRAPH.match(text)):
                out.append("")
        out.append(text.strip())
        prev = ln
    return out, markers


def _marker_bases(body: list[PdfLine], page_bases: list[int]) -> list[list[int]]:
    """For each line, the base of each of its superscripts: the next of ``page_bases`` from each superscript 1
    that follows a higher number (while there is a next), the first before."""
    out: list[list[int]] = []
    run, highest = 0, 0
    for ln in body:
        row = []
        for a, b in ln.sups:
            number = int(ln.text[a:b])
            if number == 1 and highest > 1 and run + 1 < len(page_bases):
                run, highest = run + 1, 0
            highest = max(highest, number)
            row.append(page_bases[run])
        out.append(row)
    return out


def _glue_markers(ln: PdfLine, bases: list[int]) -> tuple[str | None, str, int]:
    """The line's text with each superscript number glued to the word before it (numbered on by
    base), the number that opens the line if one does (it closes the line before), and the count."""
    if not ln.sups:
        return None, ln.text, 0
    text = ln.text
    opening = None
    pieces: list[str] = []
    pos = 0
    for (s, e), base in zip(ln.sups, bases):
        number = str(int(text[s:e]) + base)
        before = text[pos:s].rstrip()
        if not before and pos == 0:
            opening = number
        elif re.search(r"\d[,;:]$", before):
            pieces.append(f"{before} {number}")  # "2011,346" would read as one number; "2011, 346" as a marker
        else:
            pieces.append(before + number)
        if text[e:e + 1].isalnum():
            pieces.append(" ")
        pos = e
    pieces.append(text[pos:])
    return opening, "".join(pieces).strip(), len(ln.sups)
