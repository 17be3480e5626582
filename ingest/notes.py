"""Notes: end notes collected in an appendix, or footnotes at each page foot; URL lists after them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout, Line
from .markers import glued_at
from .model import Note, Warning_
from .numbering import LETTERED_PART

# A note starts with its number (any number of digits: reports with 1,000 notes and more exist).
_NOTE_START = re.compile(r"^(\d+)(?!\d)\s*(?=\S)(.*)$")
# The heading notes stand under, alone on its line: "Endnotes", "End Notes", "Notes", "References", or in capitals
NOTES_TITLE = re.compile(r"(?:E(?i:nd ?notes)|N(?i:otes)|R(?i:eferences))")
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
                m = _NOTE_START.match(t)
                t = m.group(2) if m else ""  # a number alone on its line: the text is on the lines after it
            parts.append(t)
        return join_note_lines(parts)


def join_note_lines(parts: list[str]) -> str:
    """A note's lines as one line: a word broken by a hyphen at a line end is kept whole, and so is a range of
    numbers broken at its dash ("2013–14 to 2017–" / "18")."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and not re.search(r"\w-$", out) and not (re.search(r"\d–$", out) and p[:1].isdigit()):
            out += " "
        out += p
    return re.sub(r"\s+", " ", out).strip()


def parse_endnotes(lines: list[Line], max_number: int, warnings: list[Warning_]) -> tuple[list[Note], list[tuple[str, int, int]]]:
    """Notes numbered up to max_number, from the lines of an end-notes section, and the URL lines."""
    blocks: list[NoteBlock] = []
    urls: list[tuple[str, int, int]] = []  # (url, page, offset)
    last = 0
    current: NoteBlock | None = None
    content = [ln for ln in lines if not (ln.blank or ln.furniture)]
    for k, line in enumerate(content):
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
        elif _lone_note_number(content, k, last):
            # pdftotext and pdfminer.six set a note's number on a line of its own, its text on the lines after
            last = int(line.text)
            current = NoteBlock(last, [line])
            blocks.append(current)
        elif line.page_start or current is None:
            # A page break in the notes can strand part of another note here; it is kept
            # out of every note rather than glued to the one before it.
            current = NoteBlock(None, [line])
            blocks.append(current)
        else:
            current.lines.append(line)
    blocks = _rejoin_over_page_breaks(blocks)
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


def _lone_note_number(content: list[Line], k: int, last: int) -> bool:
    """Whether content[k] is a note's number set alone on its line: the next number of the notes (or one of the
    next few, where an extraction lost some), its text on the next line of the same page, which is no note itself."""
    line = content[k]
    if not re.fullmatch(r"\d{1,4}", line.text) or not last < int(line.text) <= last + 3 or k + 1 >= len(content):
        return False
    nxt = content[k + 1]
    return nxt.page == line.page and not _NOTE_START.match(nxt.text) and not re.fullmatch(r"\d+", nxt.text) \
        and not _URL_LINE.match(nxt.text)


def _rejoin_over_page_breaks(blocks: list[NoteBlock]) -> list[NoteBlock]:
    """A note run over a page break: the unnumbered text that opens a page goes on with the note before it when
    the next note after it is that note's next number, and no number of the notes so far was lost. An extraction
    that lost notes lost text at its page breaks (the bundled report's notes 6-12 went with the top of a page, its
    note 12's last words left after note 5): there the text may be any lost words', and it stays apart."""
    out: list[NoteBlock] = []
    numbered = 0  # the numbered notes so far
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        prev = out[-1] if out else None
        numbered += block.number is not None
        if block.number is None and prev is not None and prev.number == numbered and not prev.urls_after \
                and nxt is not None and nxt.number == prev.number + 1:
            prev.lines.extend(block.lines)
            continue
        out.append(block)
    return out


def find_footnotes(layout: Layout, lines: list[Line], printed: dict[int, int] | None = None) -> tuple[list[Note], set[int]]:
    """Footnotes at page feet, numbered consecutively through the report. Returns notes and their line ids.

    Numbering that starts again at 1 after a chapter heading (as many reports number notes by chapter)
    is numbered on, so every note keeps a unique number; ``printed`` (when given) is filled with each
    such note's number as printed, which its marker in the text carries."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        if not ln.blank and not ln.furniture:
            by_page.setdefault(ln.page, []).append(ln)
    # Lines after a blank line open a new text box (pdfminer.six sets its boxes apart so).
    after_blank: set[int] = set()
    for prev, ln in zip(lines, lines[1:]):
        if prev.blank and not ln.blank:
            after_blank.add(id(ln))
    expected = 1
    base = 0  # the notes before the current run of numbering
    chapter_since = False  # a chapter heading stands after the last notes found: numbering may start again
    notes: list[Note] = []
    taken: set[int] = set()
    before: list[Line] = []
    for page in sorted(by_page):
        page_lines = by_page[page]
        zone = _footnote_zone(page_lines, expected, before, after_blank)
        heading_at = None if expected == 1 else \
            next((k for k, ln in enumerate(page_lines) if len(ln.text) < 200 and _chapter_heading(ln.text)), None)
        if zone is None and expected > 1 and (chapter_since or heading_at is not None):
            zone = _footnote_zone(page_lines, 1, before if heading_at is None else page_lines[heading_at:heading_at],
                                  after_blank)
            # a new run of numbering needs its first markers in the text above it (an appendix's numbered
            # list at a page foot has none)
            above = page_lines[(heading_at or 0):zone[0]] if zone is not None else []
            if zone is not None and zone[1][0].number == 1 and (heading_at is None or heading_at < zone[0]) \
                    and all(_marked_above(above, b.number) for b in zone[1][:2]):
                base, expected = notes[-1].number if notes else 0, 1
            else:
                zone = None
        chapter_since = chapter_since or heading_at is not None
        before = page_lines
        apart = _column_apart(page_lines, expected, after_blank) if zone is None and expected > 1 else None
        if apart is not None:  # numbers in a column, their texts at the page foot, a quotation between
            column, blocks = apart
            taken.update(id(ln) for ln in column + [ln for b in blocks for ln in b.lines])
            notes.extend(Note(base + b.number, b.text, "found", b.lines[0].start, b.lines[0].end, b.lines[0].page)
                         for b in blocks)
            expected = blocks[-1].number + 1
            continue
        if zone is None:
            continue
        start, blocks = zone
        chapter_since = False
        # a note cut mid-sentence on the page just before (a page between would have held its rest)
        run_on = _run_on_above(page_lines, start, after_blank, _body_runs_on(by_page.get(page - 1, []), taken)) \
            if notes and notes[-1].page == page - 1 and notes[-1].text and blocks[0].number == expected \
            and re.search(r"[a-z,;–—-]$", notes[-1].text) else None
        if run_on is not None:
            # the last note of the page before, run over the page break: its rest stands above this page's notes
            notes[-1].text = join_note_lines([notes[-1].text] + [ln.text for ln in page_lines[run_on:start]])
            start = run_on
        taken.update(id(ln) for ln in page_lines[start:])
        # A chapter that opens on the page numbers its notes from 1 under the last chapter's (and a third
        # chapter opening there, under the second's)
        runs = [blocks] + (_runs_again(blocks, page_lines, heading_at, start) if heading_at is not None else [])
        for k, run in enumerate(runs):
            for b in run:
                if k and b is run[0]:
                    base = notes[-1].number
                notes.append(Note(base + b.number, b.text, "found", b.lines[0].start, b.lines[-1].end, b.lines[0].page))
                if printed is not None and base:
                    printed[base + b.number] = b.number
        expected = runs[-1][-1].number + 1
    return notes, taken


def _run_on_above(page_lines: list[Line], start: int, after_blank: set[int], body_runs_on: bool) -> int | None:
    """Where the rest of a note run over from the page before begins, right above the page's first note (at
    ``start``): a line that opens on a word in lower case (no list label, "b) MARPOL …"), in a box of its own that
    runs on to the notes with no blank line and no numbered line (after a blank line, or, pypdf, which writes none,
    after a line that ends a sentence; at the page top, only where the body of the page before ended a sentence,
    not ``body_runs_on``). No line of it ends with a marker ("in person.2": the body's). A few lines at most; None
    where there is none."""
    for k in range(start - 1, max(-1, start - 1 - _RUN_ON_LINES), -1):
        ln = page_lines[k]
        if _start_number(ln) is not None or _NUMBERED_PARAGRAPH.match(ln.text) or id(page_lines[k + 1]) in after_blank \
                or re.match(rf"(?:[•\u2022\u25cf\uf0b7–-]|\(?[a-z]\)|{LETTERED_PART})\s", ln.text) \
                or _ENDS_MARKER.search(ln.text.rstrip()):
            return None  # a numbered or listed line, or one that marks a note, is the body's
        if re.match(r"[a-z][\w’'-]*(?:\s|$)", ln.text) and (
                id(ln) in after_blank or (k == 0 and not body_runs_on)
                or (k > 0 and _ENDS_SENTENCE.search(page_lines[k - 1].text.rstrip()))):
            return k
    return None


def _body_runs_on(page_lines: list[Line], taken: set[int]) -> bool:
    """Whether the body's last line above a page's notes (those in ``taken``) ends with no sentence's end."""
    first = next((k for k, ln in enumerate(page_lines) if id(ln) in taken), 0)
    return first > 0 and not _ENDS_SENTENCE.search(page_lines[first - 1].text.rstrip())


# A marker glued to a word's stop ("in person.2"), not a page after "p." or "pp."
_ENDS_MARKER = re.compile(r"(?<![\s(]p)(?<![\s(]pp)(?<=[A-Za-z)\]”’\"'%])[.,;:!?][”’\"]?\d{1,4}$")


_RUN_ON_LINES = 6  # the most lines of a note run over a page break that are looked for above the next notes
# A sentence's end (a marker may follow it), not an abbreviation's stop ("e.g.", "p."); or a paragraph's closing
# reference, "(Paragraph 6)"
_ENDS_SENTENCE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bp)(?<!\bpp)[.!?][”\"’]?\d*$|\d\)$")


def _runs_again(blocks: list[NoteBlock], page_lines: list[Line], heading_at: int, start: int) -> list[list[NoteBlock]]:
    """The runs numbered again from 1 inside a page's notes: one for each chapter heading on the page above
    them (from ``heading_at``) whose text marks a 1, each split off the run before it."""
    headings = [k for k in range(heading_at, start) if len(page_lines[k].text) < 200
                and _chapter_heading(page_lines[k].text)]
    runs: list[list[NoteBlock]] = []
    for h in headings:
        again = _numbered_again(runs[-1] if runs else blocks, page_lines[h:start])
        if not again:
            break
        runs.append(again)
    return runs


def _numbered_again(blocks: list[NoteBlock], below_heading: list[Line]) -> list[NoteBlock]:
    """Notes numbered again from 1 inside a page's run of notes, after a chapter heading on the page
    ("3 …", "4 …", then the new chapter's "1 …", "2 …"), whose 1 is marked in the text after the heading:
    split off the blocks (which end the notes taken before them) and returned; else none."""
    for b in blocks:
        if isinstance(b, _NumberedApart) or b.number == 1:
            continue
        at = next((k for k, ln in enumerate(b.lines) if k and _start_number(ln) == 1), None)
        if at is None or not _marked_above(below_heading, 1):
            continue
        tail = b.lines[at:] + [ln for later in blocks[blocks.index(b) + 1:] for ln in later.lines]
        again = [NoteBlock(1, [tail[0]])]
        for ln in tail[1:]:
            if _start_number(ln) == again[-1].number + 1:
                again.append(NoteBlock(again[-1].number + 1, [ln]))
            else:
                again[-1].lines.append(ln)
        del blocks[blocks.index(b) + 1:]
        b.lines = b.lines[:at]
        return again
    return []


def _column_apart(page_lines: list[Line], expected: int,
                  after_blank: set[int]) -> tuple[list[Line], list[NoteBlock]] | None:
    """The page's notes when their numbers stand alone in a column ("249" … "253", as pdftotext writes a
    column it reads before a quotation set beside it) and their texts at the page foot, one a line, in
    the last box of the page: the n-th number takes the n-th line when the box holds as many lines as
    there are numbers, none of them opening with a number, and the first number is marked in the text
    above the column. Returns the number lines and the notes; None otherwise: a wrong text is worse than none."""
    start = next((k for k, ln in enumerate(page_lines) if ln.text == str(expected)), None)
    if start is None:
        return None
    numbers = []
    for ln in page_lines[start:]:
        if ln.text != str(expected + len(numbers)):
            break
        numbers.append(ln)
    box = next((k for k in range(len(page_lines) - 1, start, -1) if id(page_lines[k]) in after_blank), None)
    if len(numbers) < 2 or box is None or box < start + len(numbers):
        return None
    texts = page_lines[box:]
    if len(texts) != len(numbers) or any(_NOTE_START.match(ln.text) for ln in texts) \
            or not _marked_above(page_lines[:start], expected):
        return None
    return numbers, [_NumberedApart(expected + k, [text]) for k, text in enumerate(texts)]


def _chapter_heading(text: str) -> bool:
    from .blocks import top_level_heading

    heading = top_level_heading(text)
    return heading is not None and heading[0] in ("chapter", "appendix")


# A footnote runs to this many lines after its first at most; more is body text.
MAX_NOTE_LINES = 14
# Numbers a page's first footnote may skip (notes a text extraction lost), and more when the run confirms it.
SKIP_ALONE, SKIP_CONFIRMED = 3, 40
# "3.21. Second, ..." or "7. Most of ...": a numbered paragraph, which is body text, never a footnote line.
_NUMBERED_PARAGRAPH = re.compile(r"^\d+(\.\d+)*\.\s")


def _footnote_zone(page_lines: list[Line], expected: int, before: list[Line],
                   after_blank: set[int] = frozenset()) -> tuple[int, list[NoteBlock]] | None:
    """Where a page's footnotes start, and the notes: a run of consecutive numbers from ``expected``
    (or a little after it, when an extraction lost some) that lasts to the foot of the page.
    ``before`` is the page before, where the marker of a note pushed over the page break stands;
    ``after_blank`` holds the ids of lines that follow a blank line."""
    # Notes one a line to the page foot (as ingest.pdf writes them) are taken first, so a body line
    # that happens to open with the expected number cannot start the notes early.
    for i in range(len(page_lines)):
        if _numbered_to_foot(page_lines[i:], expected):
            return i, [NoteBlock(expected + k, [ln]) for k, ln in enumerate(page_lines[i:])]
    # A run that opens with the expected number comes first: one that skips numbers may have started at a
    # body line that opens with a number ("2 Fraud and error", a chapter's heading above the notes).
    for skipping in (False, True):
        for i, ln in enumerate(page_lines):
            number = _start_number(ln)
            if number is None or not expected <= number <= expected + SKIP_CONFIRMED or (number > expected) != skipping:
                continue
            run = _run_to_foot(page_lines[i:], number, page_lines[:i], after_blank)
            if run is None:
                continue
            blocks, lead = run
            if i - lead == 0 and not before:
                continue  # notes stand below the text that cites them: these are a first page's numbered headings
            first = blocks[0].lines
            # (not a line that goes on from one cut mid-phrase: "… published on" then "1 November 2015")
            if any(_start_number(ln) == number and not _ENDS_CUT.search(prev.text.rstrip())
                   for prev, ln in zip(first, first[1:])):
                # the first note's lines hold a line that opens with its number again: that line opens the notes,
                # and this one is a heading or paragraph numbered like it ("2 Fraud and error" over a page's
                # paragraphs, then its notes "2 C&AG's Report, …", "3 …")
                continue
            # A lone note must have its marker in the text above it; a run of them needs one of theirs there: an
            # audit report numbers its paragraphs "1 The Department …", "2 …" as notes are numbered, and they are
            # no notes, at the foot of a page with none or above the page's own "1 Department for Education, …"
            # (a run's marker may be glued to a number's stop as the marker rule takes it: "accepted in 63.169")
            above = before + page_lines[:i]
            if len(blocks) >= 2 and any(_marked_above(above, b.number) or any(glued_at(ln.text, b.number) for ln in above)
                                        for b in blocks) \
                    or number <= expected + SKIP_ALONE and _marked_above(above, number):
                return i - lead, blocks
    return None


def _marked_above(lines: list[Line], number: int) -> bool:
    """The number stands where a note marker can, in one of these lines (glued to a word or punctuation,
    or after punctuation and a space)."""
    mark = re.compile(rf"(?:[A-Za-z)\]”’\"']|[A-Za-z)\]”’\"'%][.,;:]|[.,;:”’)] ){number}(?![\d%])")
    return any(mark.search(ln.text) for ln in lines)


def _start_number(line: Line) -> int | None:
    """The number a footnote's first line opens with (``12  Text``, or ``12`` alone with its text on the
    lines after it, as some extractions write a raised number); None for other lines."""
    if line.text.isdigit():
        return int(line.text)
    m = _NOTE_START.match(line.text)
    return int(m.group(1)) if m and _footnote_gap(m) else None


def _new_block(line: Line, number: int) -> NoteBlock:
    """The block a note's first line opens: the number line itself is no part of the text when it stands alone."""
    return _NumberedApart(number, []) if line.text.isdigit() else NoteBlock(number, [line])


def _run_to_foot(lines: list[Line], first: int, above: list[Line] = (),
                 after_blank: set[int] = frozenset()) -> tuple[list[NoteBlock], int] | None:
    """Notes first, first + 1, ... each with a few continuation lines, through the last line, and how
    many lines of ``above`` (the page's lines before them) hold texts of theirs; else None."""
    blocks = [_new_block(lines[0], first)]
    for ln in lines[1:]:
        # After a number alone, a line opening with the next number is that note, unless a blank line
        # sets it apart (a column of numbers, then texts that may open with a number).
        if _start_number(ln) == blocks[-1].number + 1 and (blocks[-1].lines or ln.text.isdigit()
                                                           or id(ln) not in after_blank):
            blocks.append(_new_block(ln, blocks[-1].number + 1))
        elif _body_paragraph(ln, blocks[-1]) or len(blocks[-1].lines) > MAX_NOTE_LINES * _waiting(blocks):
            return None
        else:
            blocks[-1].lines.append(ln)
    lead = 0
    if _interleaved(blocks):
        pooled = _pool_texts(blocks, above, after_blank)
        if pooled is None:
            return None
        blocks, lead = pooled
    else:
        blocks = _fill_number_columns(blocks)
    # One long "note" with nothing after it, its number opening a line of text, is more likely a
    # body line that opens with a number; a number on a line of its own is a footnote's.
    if not blocks or len(blocks) == 1 and len(blocks[0].lines) > 8 and not isinstance(blocks[0], _NumberedApart):
        return None
    return blocks, lead


def _interleaved(blocks: list[NoteBlock]) -> bool:
    """Numbers alone on their lines stand between notes whose numbers open their text: pdfminer.six
    writes the notes it could set beside their numbers there, and the other texts in boxes apart."""
    alone = [k for k, b in enumerate(blocks) if isinstance(b, _NumberedApart)]
    return bool(alone) and any(not isinstance(b, _NumberedApart) for b in blocks[alone[0] + 1:])


def _finished(text: str) -> bool:
    """A note's line that can end it: closed by a full stop, a bracket or a quote."""
    return text.rstrip().endswith((".", ")", "]", "”", "’", '"', "?", "!"))


def _pool_texts(blocks: list[NoteBlock], above: list[Line],
                after_blank: set[int]) -> tuple[list[NoteBlock], int] | None:
    """The texts standing apart from their numbers, given to the numbers that stand alone, in order.
    A note whose number opens its text is that line, and when the line is unfinished, the next piece
    of text after it that opens in lower case (else the next piece); the other pieces, and as many
    boxes just above the run as the numbers still want, are the texts of the lone numbers."""
    alone: list[NoteBlock] = []
    texts: list[Line] = []
    unfinished: list[tuple[NoteBlock, int]] = []  # and how many text lines stood before its number
    for b in blocks:
        if isinstance(b, _NumberedApart):
            alone.append(b)
            texts.extend(b.lines)
        else:
            if not _finished(b.lines[0].text):
                unfinished.append((b, len(texts)))
            texts.extend(b.lines[1:])
            b.lines = b.lines[:1]
    # an unfinished note with no text after its number ends the run: its line is all of it ("59 DEFRA (EIM0034")
    unfinished = [(b, before) for b, before in unfinished if before < len(texts)]
    wanted = len(alone) + len(unfinished)
    lead = 0
    # Boxes above the first number, whole, while the numbers want more texts than there are.
    while len(_pieces(texts, after_blank)) + len(_pieces(list(above[len(above) - lead:]), after_blank)) < wanted \
            and lead < len(above):
        k = len(above) - lead - 1
        while k > 0 and id(above[k]) not in after_blank:
            k -= 1
        box = above[k:len(above) - lead]
        if any(_NUMBERED_PARAGRAPH.match(ln.text) for ln in box) or id(above[k]) not in after_blank:
            lead = 0  # the body: no texts above
            break
        lead += len(box)
    head = _pieces(list(above[len(above) - lead:]), after_blank)
    pieces = head + _pieces(texts, after_blank)
    # Fewer pieces than numbers, all below them ("Q349" / "Q361", no full stops, a piece each way):
    # the lines are shared among the numbers where notes most likely break, as a column of numbers.
    if len(pieces) < wanted and (unfinished or head or len(texts) < len(alone)):
        return None
    taken: set[int] = set()
    for b, before in unfinished:
        later = [i for i, p in enumerate(pieces) if i >= len(head) and i not in taken
                 and (not before or texts.index(p[0]) >= before)] if texts else []
        if not later:
            return None
        pick = next((i for i in later if pieces[i][0].text[:1].islower()), later[0])
        taken.add(pick)
        b.lines = b.lines + pieces[pick]
    rest = [p for i, p in enumerate(pieces) if i not in taken]
    if len(rest) == len(alone):
        for b, p in zip(alone, rest):
            b.lines = p
    elif alone:
        lines = [ln for p in rest for ln in p]
        if len(lines) > MAX_NOTE_LINES * len(alone):
            return None
        cuts = [0] + _note_breaks(lines, len(alone), after_blank) + [len(lines)]
        for b, (x, y) in zip(alone, zip(cuts, cuts[1:])):
            b.lines = lines[x:y]
    return blocks, lead


def _pieces(lines: list[Line], after_blank: set[int]) -> list[list[Line]]:
    """Lines grouped into the least texts a note can be: within a box, a line goes on an unfinished
    line or one it continues in lower case."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and id(ln) not in after_blank and (not _finished(out[-1][-1].text) or ln.text[:1].islower()):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _waiting(blocks: list[NoteBlock]) -> int:
    """How many notes the last block's lines may be shared among: it and the empty numbers just before it."""
    k = 1
    while k < len(blocks) and not blocks[-1 - k].lines:
        k += 1
    return k


def _fill_number_columns(blocks: list[NoteBlock]) -> list[NoteBlock] | None:
    """Give numbers that stood on lines of their own, with no text after them, their texts: some extractions
    write a column of numbers (``61`` ``62`` ...) and then the notes' texts, or the texts and then the numbers."""
    out: list[NoteBlock] = []
    i = 0
    while i < len(blocks):
        if blocks[i].lines:
            out.append(blocks[i])
            i += 1
            continue
        j = i
        while j < len(blocks) and not blocks[j].lines:
            j += 1
        if j < len(blocks) and isinstance(blocks[j], _NumberedApart):
            targets, i = blocks[i:j + 1], j + 1  # numbers first, then all their texts
        elif j == len(blocks) and out:
            targets, i = [out.pop()] + blocks[i:j], j  # texts first, then their numbers at the foot
        else:
            return None
        texts = [ln for t in targets for ln in t.lines]
        if len(texts) < len(targets):
            return None
        cuts = [0] + _note_breaks(texts, len(targets)) + [len(texts)]
        for t, (a, b) in zip(targets, zip(cuts, cuts[1:])):
            t.lines = texts[a:b]
        out.extend(targets)
    return out


def _body_paragraph(line: Line, note: NoteBlock) -> bool:
    """A numbered paragraph of the body: "3.21. Second, ...", or "7. Most of ..." after a finished sentence
    (in a note, "Q" then "467. Mr King ..." on the next line is the note going on)."""
    if not _NUMBERED_PARAGRAPH.match(line.text):
        return False
    return "." in line.text.split(" ", 1)[0][:-1] or not note.lines or note.lines[-1].text.endswith((".", ")", "”", ":"))


class _NumberedApart(NoteBlock):
    """A note whose first line does not carry its number (the number stood in a column of its own)."""

    @property
    def text(self) -> str:
        """The note's text with lines joined."""
        return join_note_lines([ln.text for ln in self.lines])


def _note_breaks(texts: list[Line], k: int, after_blank: set[int] = frozenset()) -> list[int]:
    """Where k notes written one after another begin (k - 1 indices into texts): a line after a short
    line, or after a blank line, begins a note; a line that opens in lower case, or follows a
    full-width line, goes on."""
    width = max(len(t.text) for t in texts)

    def goes_on(j: int) -> float:  # how likely line j continues line j - 1
        prev, line = texts[j - 1].text, texts[j].text
        return (line[:1].islower() * 2 + len(prev) / width - prev.endswith((".", ")")) * 0.5
                - (id(texts[j]) in after_blank))

    return sorted(sorted(range(1, len(texts)), key=goes_on)[:k - 1])


def _footnote_gap(m: re.Match) -> bool:
    # Footnote numbers are followed by white space, never by a full stop (that is a numbered paragraph).
    return not m.group(2).startswith(".")


def _numbered_to_foot(page_lines: list[Line], expected: int) -> bool:
    """Every line from here to the page's foot is the next note, one line each, numbers set off
    by two spaces (``12  Q 703.``): the form ``ingest.pdf`` writes footnotes in."""
    for k, ln in enumerate(page_lines):
        # the number, two spaces and then text: tested as strings, for a pattern made for each number missed
        # re's cache once a report had more than a few hundred notes
        head = f"{expected + k}  "
        if not (ln.text.startswith(head) and len(ln.text) > len(head) and not ln.text[len(head)].isspace()):
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
