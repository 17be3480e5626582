"""A relation question's answer, and when a statement speaks of a topic."""
from __future__ import annotations


from dataclasses import dataclass, field
from ingest.fold import fold_text
from ingest.sentences import sentence_spans


@dataclass
class GraphAnswer:
    """A relation question's answer: the sentence, every fact with its evidence, and how it was found."""

    text: str
    facts: list[dict]
    query: dict
    evidence: list[str] = field(default_factory=list)  # passage ids, in fact order, once each
    items: list[str] = field(default_factory=list)  # the set asked for: the labels at the facts' other end
    items_by_report: dict[str, list[str]] = field(default_factory=dict)  # the same set, per report it comes from
    # False when the graph itself shows the question has no answer ("Who gave evidence on 4 May 2016?" where the
    # witness lists date no session that day); reason says what the graph holds instead.
    found: bool = True
    reason: str | None = None


def speaks_of(row: dict, phrase: str) -> bool:
    """Whether a statement found in a passage that holds the phrase speaks of it: the phrase stands in the
    statement's own sentence, in the sentence just before it (its lead-in: "… the impact of food labelling …
    Professor Marteau said, for example: …"), or in its section's title ("Transitional issues: labelling").
    A statement four sentences after a list that names "car labelling" in passing does not. A row without the
    passage's text (a query run elsewhere) is kept, as the passage rule keeps it."""
    phrase = fold_text(phrase)
    text = row.get("text")
    if not text or phrase in fold_text(row.get("sectionTitle") or "") or phrase in fold_text(row.get("content") or ""):
        return True
    at = text.find((row.get("content") or "")[:40])
    if at < 0:
        return True  # the statement's words are not where the passage's text would show them: no narrowing
    spans = sentence_spans(text)
    here = next((n for n, (start, end) in enumerate(spans) if start <= at < end), len(spans) - 1)
    return any(phrase in fold_text(text[start:end]) for start, end in spans[max(0, here - 1):here + 1])
