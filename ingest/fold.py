"""Running text folded for comparison: one rule for every stage (the graph's topic check, the QA index and ranking,
the evaluation contract). Names are folded by graph.entities.fold, the rule for telling two forms of a name apart."""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"', "″": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-", "‒": "-", "−": "-", "\u00ad": ""})


def fold_text(text: str) -> str:
    """Running text folded as the eval contract compares it: case, quotes, dashes and white space. (Names are
    folded by graph.entities.fold, the one rule for telling two forms of a name apart.)"""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip()
