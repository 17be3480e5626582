"""Note markers glued to words or punctuation in the body text.

A marker is a number that (a) sits where a marker can sit, glued to a word or punctuation
(``arrangement68``, ``2004.6``, ``Listened,77``) or after punctuation and one space
(``effectively. 5``, ``Children, 61``), and (b) is the next number in the note sequence.
The sequence rule is what keeps real numbers out: "2,268", "2004", "100 per cent",
"30 London boroughs" and "from 26 in 2012 to 69 in 2013" never carry the expected number
at a marker position.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .layout import Line
from .numbering import PARAGRAPH_NUMBER

# Glued: the number follows a letter, a closing quote or bracket, or punctuation that follows a letter.
# Not after a digit-comma (2,268) and not followed by more digits, letters or a per cent sign, except after a
# comma that four digits stand before ("by 31 May 2024,106 and"): no number groups its thousands so, so a year
# and its comma end there. pypdf may set a space before the stop: "Healthy People .350 It was".
# Numbers of any length: the sequence rule, not a digit count, keeps years out, so note 1000
# and after are found. The leading (?=\d) lets the engine skip non-digits before the lookbehinds.
GLUED = re.compile(r"(?=\d)(?:(?<=[A-Za-z\)\]”’\"'?!])|(?<=[A-Za-z\)\]”’\"'%][.,;:])|(?<=[A-Za-z\)\]”’\"] [.,;:])|(?<=\d\.)|(?<=(?<![\d,])\d{4},))(\d+)"
                    r"(?![\d%A-Za-z,.]\w|[\d%])")
_PARAGRAPH_NUMBER = re.compile(rf"^{PARAGRAPH_NUMBER}(?=\.?(?:\s|$))")  # "4.311. Ms …", "1.4 Councils …"
# Spaced: punctuation, a space (or the few a justified line widens it to: "February 2024.  248  Its"), the
# number, then white space or the end of the line.
_SPACED = re.compile(r"(?<=[.,;:”’\"])[ \t]{1,3}(\d+)(?=\s|$)")
# A number opening a line whose line before ended a sentence: "… Ms Sarah Munby." then "265 Mr Staunton received
# …", as pypdf sets a marker its line break cut from its sentence (pdftotext sets it on a line of its own). Loose,
# so taken only on its footnote's page, before the note itself: a footnote's own number opens its line too.
_LINE_START = re.compile(r"^(\d+)(?= [A-Z]|\s*$)")
_SENTENCE_END = re.compile(r"[.!?”’\"]\s*$")
# Loose: a number standing alone after a word or a bracket (``Interventions) 4 sets``). Taken only
# for footnotes, on the page its note stands on, where the page and the sequence keep real numbers out.
# Also before a dash or a clause's or sentence's stop: "do not 151—a point", "positive) 275, much of", "assessed
# claims 229. Nonetheless".
_LOOSE = re.compile(r" (?<=[A-Za-z\)\]] )(\d+)(?=\s|$|[—–]|[,;:.](?:\s|$))")


def glued_at(text: str, number: int) -> bool:
    """Whether number stands in text where a marker glued to its word can ("controller.15", "in 63.169")."""
    return any(int(m.group(1)) == number for m in GLUED.finditer(text))


@dataclass
class Candidate:
    """A number at a marker position."""

    number: int
    start: int
    end: int
    page: int
    strength: int  # 2 glued to a word, 1 after punctuation and a space
    passage: str | None = None  # the passage whose notes it joins, once passages are made
    after_stop: bool = False  # glued to a full stop, comma or closing quote ("months.3"), not to a letter ("Q3")


def _after_stop(text: str, at: int) -> bool:
    """Whether the number at ``at`` is glued to a sentence's or clause's stop after a word ("months.3", "said”4"),
    not to a decimal's point ("12.3 per cent") or a name's letters ("Q3")."""
    before = text[at - 1] if at > 0 else ""
    if before in "”’\")":
        return True
    return before in ".,;:" and at > 1 and (text[at - 2].isalpha() or text[at - 2] in "”’\")]")


def candidates(lines: list[Line], source: str) -> list[Candidate]:
    """Every number in the lines that sits where a note marker could."""
    out: list[Candidate] = []
    before = ""  # the last text line's text
    for line in lines:
        if line.blank or line.furniture:
            continue
        text = source[line.start:line.end]
        opening = _LINE_START.match(text) if _SENTENCE_END.search(before) else None
        before = text
        if opening:
            out.append(Candidate(int(opening.group(1)), line.start, line.start + opening.end(1), line.page, 0))
        for m in GLUED.finditer(text):
            # "SC05", "SCO2" and "Q21" are names with digits, not markers.
            if m.group(1).startswith("0"):
                continue
            # "4.311. Ms Hazzleton ..." opening a line is a numbered paragraph, not a marker.
            numbered = _PARAGRAPH_NUMBER.match(text)
            if numbered and m.end(1) == numbered.end():
                continue
            out.append(Candidate(int(m.group(1)), line.start + m.start(1), line.start + m.end(1), line.page, 2,
                                 after_stop=_after_stop(text, m.start(1))))
        for m in _SPACED.finditer(text):
            out.append(Candidate(int(m.group(1)), line.start + m.start(1), line.start + m.end(1), line.page, 1))
        for m in _LOOSE.finditer(text):
            out.append(Candidate(int(m.group(1)), line.start + m.start(1), line.start + m.end(1), line.page, 0))
    out.sort(key=lambda c: c.start)
    return out


def find_markers(lines: list[Line], source: str, max_number: int | None = None,
                 max_gap: int = 3, note_pages: dict[int, int] | None = None,
                 printed: dict[int, int] | None = None,
                 note_starts: dict[int, int] | None = None) -> tuple[list[Candidate], list[int]]:
    """Markers in order, taking only the next numbers of the sequence; also the numbers skipped.
    With note_pages (footnote number -> its page), each marker is looked for on its note's page, before
    the note itself (``note_starts``: where each note's line starts); ``printed`` gives the number a
    note's marker carries where it differs (numbering by chapter)."""
    cands = candidates(lines, source)
    if note_pages:
        return _on_note_pages(cands, note_pages, printed or {}, note_starts or {})
    cands = [c for c in cands if c.strength > 0]
    chosen: list[Candidate] = []
    skipped: list[int] = []
    expected = 1
    for i, cand in enumerate(cands):
        if max_number is not None and cand.number > max_number:
            continue
        if cand.number == expected:
            chosen.append(cand)
            expected += 1
        elif expected < cand.number <= expected + max_gap and cand.strength == 2 and _confirmed(cands, i, expected):
            # A marker lost in extraction: accept the jump only if the numbers after it continue from it.
            skipped.extend(range(expected, cand.number))
            chosen.append(cand)
            expected = cand.number + 1
    return chosen, skipped


def _on_note_pages(cands: list[Candidate], note_pages: dict[int, int], printed: dict[int, int],
                   note_starts: dict[int, int]) -> tuple[list[Candidate], list[int]]:
    """For each footnote in turn, its marker: the number after the last marker taken, on the note's page
    (or the page before, for a note pushed over a page break), glued before spaced before loose."""
    by_number: dict[int, list[Candidate]] = {}
    for c in cands:
        by_number.setdefault(c.number, []).append(c)
    chosen: list[Candidate] = []
    skipped: list[int] = []
    after = -1
    known = sorted(note_pages)
    for number in range(1, max(note_pages) + 1):
        if number in note_pages:
            low, high, weakest = note_pages[number] - 1, note_pages[number], 0
        else:
            # A note the text lost: its marker is still looked for, between its neighbours' pages,
            # and only where a marker is plainly set (glued, or after punctuation).
            i = bisect.bisect(known, number)
            low = note_pages[known[i - 1]] if i else 1
            high, weakest = note_pages[known[i]], 1
        # never on or after the note's own line ("…employed on short326 Q 647.": the foot's first note
        # run into the last body line is no marker, and taking it would pass over the page's markers)
        limit = note_starts.get(number, len(cands) and cands[-1].end + 1)
        fits = [c for c in by_number.get(printed.get(number, number), []) if after < c.start < limit
                and low <= c.page <= high and c.strength >= weakest]
        if not fits:
            # Text set in two columns and written out of column order (pdfminer.six row by row, pdftotext line by
            # line) puts a marker before the one it follows: on the note's own page, a marker glued to a sentence's
            # stop that no note took, before the last one taken, is this note's
            taken = {c.start for c in chosen}
            back = [c for c in by_number.get(printed.get(number, number), []) if c.start < after and c.after_stop
                    and c.start not in taken and c.page == note_pages.get(number) and c.start < limit]
            if back:
                chosen.append(replace(back[-1], number=number))
                continue
            skipped.append(number)
            continue
        # The next note's marker comes after this one: a candidate past the first place the next number
        # stands ("…agreed”. 326 … 327 … short326 Q 647.") would leave the page's later markers behind.
        nxt = [c.start for c in by_number.get(printed.get(number + 1, number + 1), []) if c.start > fits[0].start
               and c.strength >= 1]
        before_next = [c for c in fits if not nxt or c.start < nxt[0]]
        best = min(before_next or fits, key=lambda c: (-c.strength, c.start))
        if best.number != number:
            best = replace(best, number=number)  # the note's number through the report, not as printed
        chosen.append(best)
        after = best.end
    return chosen, skipped


def _confirmed(cands: list[Candidate], i: int, expected: int) -> bool:
    """The next two candidates continue the sequence from cands[i], and the numbers it would
    skip do not come first ("£11,503.28" before the real 25, 26, 27: the 28 is an amount)."""
    want = cands[i].number + 1
    seen = 0
    for c in cands[i + 1:i + 40]:
        if c.strength == 2 and c.number == expected:
            return False
        if c.number == want:
            want += 1
            seen += 1
            if seen == 2:
                return True
    return False
