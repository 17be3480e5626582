"""Joining source lines into reader text while keeping a map back to source offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Line

_WORD_HYPHEN = re.compile(r"[\w’']-$")


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
    chars: list[str] = []
    offsets: list[int] = []
    ci = 0
    for line in lines:
        if line.blank:
            continue
        if chars:
            prev = "".join(chars[-2:])
            if not _WORD_HYPHEN.search(prev) and chars[-1] != " ":
                chars.append(" ")
                offsets.append(line.start - 1)
        pos = line.start
        while pos < line.end:
            while ci < len(cut) and cut[ci][1] <= pos:
                ci += 1
            if ci < len(cut) and cut[ci][0] <= pos < cut[ci][1]:
                pos = cut[ci][1]
                continue
            ch = source[pos]
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(pos)
            else:
                chars.append(ch)
                offsets.append(pos)
            pos += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    text = "".join(chars)
    # A marker cut out before punctuation leaves "word ." behind; close the gap.
    fixed = Joined()
    for i, ch in enumerate(text):
        if ch == " " and i + 1 < len(text) and text[i + 1] in ",.;:" and i > 0 and _was_cut(offsets, i, cut):
            continue
        fixed.text += ch
        fixed.offsets.append(offsets[i])
    return fixed


def _was_cut(offsets: list[int], i: int, cut: list[tuple[int, int]]) -> bool:
    before, after = offsets[i - 1], offsets[i + 1]
    return any(before < s < after for s, _ in cut)
