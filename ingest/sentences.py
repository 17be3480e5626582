"""Sentence boundaries in reader text, without NLTK data (which cannot be fetched offline)."""
from __future__ import annotations

import re

_ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "no", "st", "vs", "etc", "cf", "prof", "sir", "al", "para", "paras", "p", "pp"}
_BOUNDARY = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9•])|\n+(?=•)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start:m.start()].rstrip("”’\"')]")
        last_word = re.search(r"(\w+(?:\.\w+)*)\.$", head)
        if last_word and last_word.group(1).lower() in _ABBREVIATIONS:
            continue
        # An initial ("K. Smith") is not a sentence end.
        if re.search(r"\b[A-Z]\.$", head):
            continue
        end = m.start() + (len(m.group(0)) - len(m.group(0).lstrip("”’\"')]")))
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]
