"""Joining source lines into reader text while keeping a map back to source offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .layout import Line

_WORD_HYPHEN = re.compile(r"[\w’']-$")
# White space the joined text must change: a run of two or more characters (one space is left), or one
# character that is not a plain space (it becomes one). \s is str.isspace(), character for character.
_SPACE_TO_FOLD = re.compile(r"\s{2,}|[^\S ]")
_SPACE_BEFORE_STOP = re.compile(r" (?=[,.;:])")


@dataclass
class Joined:
    """Reader text and, for each of its characters, the source offset it came from."""

    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering reader characters [start, end)."""
        end = max(end, start + 1)
        return self.offsets[start], self.offsets[min(end, len(self.offsets)) - 1] + 1

    def slice(self, start: int, end: int) -> "Joined":
        """The reader text [start, end) with its offsets."""
        return Joined(self.text[start:end], self.offsets[start:end])


def join_lines(lines: list[Line], source: str, cut: list[tuple[int, int]] | None = None) -> Joined:
    """Join lines into one string: spaces between lines, none after a word-final hyphen.

    ``cut`` holds source spans (note markers) to leave out of the reader text.
    """
    cut = sorted(cut or [])
    pieces, piece_offsets = _stream(lines, source, cut)
    if not pieces:
        return Joined()
    # Every white-space run becomes one space, at its first character's offset, none at the start or the end.
    # Only the runs that change are visited (one pattern over the whole stream); the text between them is
    # copied in slices, so a one-line file of megabytes is joined in linear time.
    stream = "".join(pieces)
    at: list[int] = []  # the source offset of each character of the stream
    for piece, offset in zip(pieces, piece_offsets):
        at.extend(range(offset, offset + len(piece)))
    begin, end = len(stream) - len(stream.lstrip()), len(stream.rstrip())
    texts: list[str] = []
    offsets: list[int] = []
    pos = begin
    for m in _SPACE_TO_FOLD.finditer(stream, begin, end):
        texts.append(stream[pos:m.start()])
        offsets.extend(at[pos:m.start()])
        texts.append(" ")
        offsets.append(at[m.start()])
        pos = m.end()
    texts.append(stream[pos:end])
    offsets.extend(at[pos:end])
    return _close_cut_gaps("".join(texts), offsets, cut)


def _stream(lines: list[Line], source: str, cut: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
    """The source pieces to join (lines less the cut spans, a space between lines) and where each starts."""
    pieces: list[str] = []
    offsets: list[int] = []
    tail = ""  # the stream's last two characters, for the word-final hyphen rule
    ci = 0
    for line in lines:
        if line.blank:
            continue
        if not _WORD_HYPHEN.search(tail):
            pieces.append(" ")
            offsets.append(line.start - 1)
            tail = tail[-1:] + " "
        pos = line.start
        while pos < line.end:
            while ci < len(cut) and cut[ci][1] <= pos:
                ci += 1
            if ci < len(cut) and cut[ci][0] <= pos:
                pos = cut[ci][1]
                continue
            seg_end = min(line.end, cut[ci][0]) if ci < len(cut) else line.end
            pieces.append(source[pos:seg_end])
            offsets.append(pos)
            tail = (tail + pieces[-1])[-2:]
            pos = seg_end
    return pieces, offsets


def _close_cut_gaps(text: str, offsets: list[int], cut: list[tuple[int, int]]) -> Joined:
    """A marker cut out before punctuation leaves "word ." behind; close the gap."""
    starts = [s for s, _ in cut]
    drop = [m.start() for m in _SPACE_BEFORE_STOP.finditer(text)
            if m.start() > 0 and _cut_between(starts, offsets[m.start() - 1], offsets[m.start() + 1])]
    if not drop:
        return Joined(text, offsets)
    kept_text: list[str] = []
    kept_offsets: list[int] = []
    prev = 0
    for i in drop:
        kept_text.append(text[prev:i])
        kept_offsets.extend(offsets[prev:i])
        prev = i + 1
    kept_text.append(text[prev:])
    kept_offsets.extend(offsets[prev:])
    return Joined("".join(kept_text), kept_offsets)


def _cut_between(starts: list[int], before: int, after: int) -> bool:
    """Some cut span starts strictly between two source offsets."""
    i = bisect.bisect_right(starts, before)
    return i < len(starts) and starts[i] < after
