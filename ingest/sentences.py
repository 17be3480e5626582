"""Sentence boundaries in reader text, without NLTK data (which cannot be fetched offline)."""
from __future__ import annotations

import re

from .numbering import LETTERED_PART

_ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "no", "st", "vs", "etc", "cf", "prof", "sir", "al", "para", "paras", "p", "pp"}
# (a sentence ends before a lettered sub-part too: "… legislation].\n(b) How many …")
_BOUNDARY = re.compile(rf"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9•]|{LETTERED_PART}\s)|\n+(?=•)")
# (?<!\w): a match can only start at a word start, so the engine need not try inside words.
_LAST_WORD = re.compile(r"(?<!\w)(\w+(?:\.\w+)*)\.$")
_INITIAL = re.compile(r"\b[A-Z]\.$")
# The last word is looked for in the sentence's tail only, so a long sentence costs no more
# than a short one; abbreviations are short, and a word that fills the tail is looked up whole.
_TAIL = 64


# Every full stop that may end an abbreviation or an initial, found in one pass: only boundaries
# there (or before a bullet, where closing quotes may stand between) need the checks below. The
# pattern starts with the full stop so the engine jumps from one to the next.
_SUSPECT = re.compile(r"\.(?:" + "|".join(rf"(?<=(?<!\w)(?i:{re.escape(a)})\.)" for a in sorted(_ABBREVIATIONS))
                      + r"|(?<=\b[A-Z]\.))")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text."""
    spans, start = [], 0
    suspects = {m.end() for m in _SUSPECT.finditer(text)}
    for m in _BOUNDARY.finditer(text):
        if m.start() in suspects or text[m.start()] == "\n":
            if _not_an_end(text, start, m.start()):
                continue
        end = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("”’\"')]")))
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _not_an_end(text: str, start: int, at: int) -> bool:
    """Whether the full stop before ``at`` ends an abbreviation or an initial rather than a sentence."""
    head = text[max(start, at - _TAIL):at].rstrip("”’\"')]")
    last_word = _LAST_WORD.search(head)
    if at - _TAIL > start and (len(head) < 3 or last_word and last_word.start() == 0):
        head = text[start:at].rstrip("”’\"')]")
        last_word = _LAST_WORD.search(head)
    if last_word and last_word.group(1).lower() in _ABBREVIATIONS:
        return True
    # An initial ("K. Smith") is not a sentence end.
    return bool(_INITIAL.search(head))
