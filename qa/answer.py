"""Extractive answers: the best one to three sentences, quoted exactly with a key span (qa.notfound says when there is none)."""
from __future__ import annotations

import re

from .index import CorpusIndex, Sentence
from .query import Query
from .retrieve import Ranking
from .text import DATE, NUMBER, fold_text, tokens

# Further sentences join the best one only when they score nearly as well: beyond this gap they are padding.
EXTRA_SENTENCE_GAP = 0.08
MAX_SENTENCES = 3
# Sentences are looked for in this many of the top passages.
ANSWER_PASSAGES = 3


def select_sentences(index: CorpusIndex, ranking: Ranking) -> list[Sentence]:
    """The best sentence of the top passages, and up to two more that score nearly as well, in reading order."""
    if not ranking.order:
        return []
    top = ranking.order[:ANSWER_PASSAGES]
    rank_of = {p: r for r, p in enumerate(top)}
    candidates = index.derived.sentences_of(top).tolist()
    # The answer starts from the top passage: the ranking already weighed passage and sentence evidence.
    first = int(ranking.best_sentence[top[0]])
    if first < 0:
        return []
    # Another sentence joins only if it scores nearly as well and holds at least as much of the question's
    # wording: a sentence that merely sounds alike ('positive stories of how MASH is going') is padding.
    floor = float(ranking.sentence_score[first]) - EXTRA_SENTENCE_GAP
    cover = float(ranking.sentence_coverage[first])
    extra = sorted((j for j in candidates if j != first and ranking.sentence_score[j] >= floor
                    and ranking.sentence_coverage[j] >= cover), key=lambda j: -ranking.sentence_score[j])
    # A sentence the answer already holds word for word (a lead-in repeated before each quote: "George Eustice,
    # Minister at DEFRA, said:") is said once.
    said = {fold_text(index.sentence_text(index.sentences[first]))}
    kept = []
    for j in extra:
        text = fold_text(index.sentence_text(index.sentences[j]))
        if text not in said:
            said.add(text)
            kept.append(j)
    # A why-question wants a cause: when the best sentence gives none and the one right after it in its passage
    # does ('Delays have gone up. This reflects a shortage of crews.'), that one says why and joins the answer.
    cause = first + 1
    if ("reason" in ranking.query.types and not index.sentence_cues["reason"][first]
            and cause < len(index.sentences) and index.sentences[cause].passage == index.sentences[first].passage
            and index.sentence_cues["reason"][cause]):
        kept = [cause] + [j for j in kept if j != cause]
    chosen = [first] + kept[:MAX_SENTENCES - 1]
    chosen.sort(key=lambda j: (rank_of[index.sentences[j].passage], index.sentences[j].start))
    quote = quote_after(index, first)
    if quote:  # the lead-in, then the words it introduces, in place of padding
        chosen = [first] + quote[:MAX_SENTENCES - 1]
    return [index.sentences[j] for j in chosen]


def quote_after(index: CorpusIndex, j: int) -> list[int]:
    """The sentences a lead-in introduces: when sentence j ends in a colon and ends its passage ('George Eustice,
    Minister at DEFRA, said:'), those of the next passage of the same section (the quote, set apart as a block);
    else none. A lead-in alone says who spoke, not what they said."""
    sentence = index.sentences[j]
    i = sentence.passage
    if not index.sentence_text(sentence).rstrip().endswith(":") or i + 1 >= len(index.passages):
        return []
    d = index.derived
    if j + 1 != d.sentence_end[i] or index.info[i + 1].report != index.info[i].report \
            or index.passages[i + 1].section != index.passages[i].section:
        return []
    return list(range(d.sentence_start[i + 1], d.sentence_end[i + 1]))


def key_span(text: str, query: Query, index: CorpusIndex) -> tuple[int, int] | None:
    """The part of a sentence that answers: a number, a date, a name, or the clause that best matches."""
    types = query.types
    if "quantity" in types:
        found = [m for m in NUMBER.finditer(text) if not re.fullmatch(r"(?:19|20)\d\d", m.group(0))]
        asked = {m.group(0) for m in NUMBER.finditer(query.text)}
        found = [m for m in found if m.group(0) not in asked] or found
        if found:
            return found[0].span()
    if "when" in types:
        m = DATE.search(text)
        if m:
            return m.span()
    if "define" in types:
        folded = fold_text(text)
        for e in query.entities:
            # The longest other name the sentence holds: what the acronym stands for.
            for form in sorted((fold_text(f) for f in e.forms()), key=len, reverse=True):
                at = folded.find(form)
                if at >= 0 and len(form) > len(e.label):
                    return at, at + len(form)
    if "said" in types:
        # What someone said: their words in quotation marks, when the sentence quotes them.
        quoted = [m for m in re.finditer(r"“([^”]{12,})”", text)]
        if quoted:
            return quoted[0].span(1)
    if "who" in types:
        m = re.search(r"(?:[A-Z][\w’'-]+ ){1,3}[A-Z][\w’'-]+|(?:non-police|[a-z]+) partners", text)
        if m:
            return m.span()
    span = _best_clause(text, query)
    if span:
        # 'X told us that …', 'We are concerned that …': the answer is what follows the reporting frame.
        frame = _FRAME.match(text[span[0]:span[1]])
        if frame and span[1] - span[0] - frame.end() > 20:
            span = (span[0] + frame.end(), span[1])
    return span


_FRAME = re.compile(r"^[^“\"]{0,80}?\b(?:told|informed|reminded|heard|concerned|reported|confirmed|said|stated|"
                    r"explained|warned|believes?|agrees?|recommends?|acknowledged|pleased)\b(?: (?:us|the committee|"
                    r"members))?(?: how| that)?,? ", re.I)


def _best_clause(text: str, query: Query) -> tuple[int, int] | None:
    """The clause (between punctuation) holding most of the question's words, rare words counting more."""
    wanted = set(query.tokens) | set(query.expansion_tokens)
    best, best_score = None, 0.0
    for m in re.finditer(r"[^,;:–—()“”\"]+", text):
        clause = m.group(0)
        toks = set(tokens(clause))
        if len(toks) < 2:
            continue
        score = len(toks & wanted) + 0.01 * len(toks)  # ties go to the fuller clause
        if score > best_score:
            lead = len(clause) - len(clause.lstrip())
            best, best_score = (m.start() + lead, m.start() + len(clause.rstrip())), score
    return best


def answer(index: CorpusIndex, ranking: Ranking, found: bool) -> dict:
    """The answer part of the contract: the exact sentences joined, and each with its passage and key span."""
    if not found:
        return {"text": "The reports do not seem to cover this question.", "sentences": []}
    out = []
    for s in select_sentences(index, ranking):
        p = index.passages[s.passage]
        text = p.text[s.start:s.end]
        span = key_span(text, ranking.query, index)
        key = {"text": text[span[0]:span[1]], "start": span[0], "end": span[1]} if span else None
        marked = f"{text[:span[0]]}**{text[span[0]:span[1]]}**{text[span[1]:]}" if span else text
        out.append({"text": text, "marked": marked, "key": key, "passage": p.id, "report": index.info[s.passage].report,
                    "start": s.start, "end": s.end})
    return {"text": " ".join(s["text"] for s in out), "sentences": out}
