"""What a question asks: its type, the entities it names (and what they expand to), and whose words it wants."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from graph.entities import AGENCY_KINDS, Entity

from .errors import EmptyQuestion
from .index import CorpusIndex
from .text import STOPWORDS, fold_text, priced_words, stem, tokens, words

# An acronym's head noun ('hubs' for MASH, the Multi-Agency Safeguarding Hub) expands a question only when the
# head is this rare: in at most this share of passages. Common heads ('team', 'review', 'service') would drag in noise.
HEAD_MAX_SHARE = 0.06

# Wording that asks for what someone said. 'report' is left out: in committee reports it is mostly a noun.
_SAID = re.compile(r"\b(say|said|says|tell|told|describe|described|think|thinks|thought|view|views|claim|claimed|warn|"
                   r"warned|according to|argue|argued|explain|explained|concede|conceded|admit|admitted|feel|felt)\b")


@dataclass
class Query:
    """A question, analysed."""

    text: str
    types: set[str]  # who | when | date | quantity (money | count) | said | reason | recommendation | define
    tokens: list[str]
    entities: list[Entity] = field(default_factory=list)  # named directly
    expanded: list[Entity] = field(default_factory=list)  # reached through a head noun ('the hubs')
    speakers: list[Entity] = field(default_factory=list)  # people or organisations whose words it asks for
    names: list[str] = field(default_factory=list)  # its capitalised words and acronyms (see question_names)
    # the speakers the question asks the words of, by where it names them: before its verb of saying ('What did X
    # say about the Met?') or after 'according to'; not those its topic names ('the Met' there)
    voices: list[Entity] = field(default_factory=list)
    # the reports' own bodies it names as a report may call itself ('the working group'; see own_bodies_named):
    # linked for the reader, but no ranking cue, since every passage of a report is its own body's
    self_named: list[Entity] = field(default_factory=list)
    # report words that stand in for its words the reports never use, each with its weight in a sentence's coverage
    # (qa.bridge; the ranking fills it, since the weight and the floor are the ranking's settings)
    bridged: dict[str, float] = field(default_factory=dict)

    def expansion_text(self) -> str:
        """The other names of every entity the question names or implies."""
        return " ".join(e.expansion() for e in self.entities + self.expanded)

    @cached_property
    def expansion_tokens(self) -> list[str]:
        """The words the entities' other names add to the question, each once: a word the question holds, or
        that several names share ('London CSE Protocol', 'London Child Sexual Exploitation Protocol'), is not
        counted again (asked for by the ranking and by every answer sentence: made once)."""
        own = set(self.tokens)
        return [t for t in dict.fromkeys(tokens(self.expansion_text())) if t not in own]

    @cached_property
    def frame(self) -> set[str]:
        """The words that only ask for someone's words ('according to', 'say', 'think'): the attribution cue
        looks for an attributed sentence, whatever its verb, so a sentence does not cover them by using the
        same verb ('According to X, this increase reflects …' is no answer to 'Why was SOECA set up, according
        to X?'). Empty unless the question asks what was said."""
        if "said" not in self.types:
            return set()
        return {t for m in _SAID.finditer(fold_text(self.text)) for t in tokens(m.group(0))}

    @cached_property
    def speaker_names(self) -> set[str]:
        """The word stems of the names of the voices (see voices); empty unless the question asks what was said."""
        if "said" not in self.types:
            return set()
        return {t for e in self.voices for t in tokens(" ".join(e.forms()))}

    @cached_property
    def search_tokens(self) -> list[str]:
        """The question's terms as BM25 looks for them: whose words it wants is left to the statements (the speaker
        boost and coverage), since a passage of their words need not name them."""
        return [t for t in self.tokens if t not in self.speaker_names and t not in self.frame]

    def coverage_terms(self) -> list[str]:
        """The question's own terms that a sentence's coverage counts: all but the frame words."""
        return [t for t in dict.fromkeys(self.tokens) if t not in self.frame]

    def weighted_terms(self, expansion_weight: float) -> dict[str, float]:
        """The question's own terms (less the frame words) at weight 1, its entities' other names at
        expansion_weight, and the report words bridged to its other words at their own weights."""
        out = {t: 1.0 for t in self.coverage_terms()}
        for t in self.expansion_tokens:
            out.setdefault(t, expansion_weight)
        for t, weight in self.bridged.items():
            out.setdefault(t, weight)
        return out

    def dense_text(self, mode: str = "full") -> str:
        """What the model embeds: the question, then (mode full) every other name of its entities, (mode label)
        only their main names, or (mode raw) nothing."""
        if mode == "raw":
            return self.text
        if mode == "label":
            folded = fold_text(self.text)
            extra = " ".join(e.label for e in self.entities + self.expanded if fold_text(e.label) not in folded)
        else:
            extra = self.expansion_text()
        return f"{self.text} ({extra})" if extra else self.text


# A name in a question: a capitalised word that does not open the question or a sentence of it, or an acronym.
_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]{2,}\b|\b[A-Z]{2,}s?\b")


def question_names(text: str) -> list[str]:
    """The names a question uses ('Fire', 'Brigade', 'FGM'), each once: a report that never uses one of them
    cannot be what the question is about."""
    return list(dict.fromkeys(m.group(0) for m in _NAME.finditer(text.strip()) if tokens(m.group(0))))


# The report's own body as the one whose words are asked for ('What did the committee say …', 'according to the
# report'): it asks for the report's own findings, in its own words, not for a witness's statement.
_OWN_BODY = r"(?:the|this|our) (?:committee|sub-committee|inquiry|report|working group|panel)(?:'s)?"
_OWN_VOICE = re.compile(rf"\b{_OWN_BODY}\s+$")
_OWN_VOICE_AFTER = re.compile(rf"\s*{_OWN_BODY}\b")


_GENERIC_WHEN = re.compile(r"when (?:does|do) (?:a|an|any|every)\b|when do (?!(?:the|its|their|this|that|these|those|our"
                           r"|your|his|her|you|we|they|i|it)\b)[a-z]+s\b")


def question_types(text: str) -> set[str]:
    """The kinds of answer the question wants, from its wording."""
    q = fold_text(text)
    types = set()
    if re.match(r"(who|whom|whose)\b", q) or re.search(r"\b(which|what) (person|people|witness|witnesses|"
                                                       r"organisations?|officer|body|group|member)\b", q):
        types.add("who")
    if re.match(r"(when|by when|what date|which year|what year|by what date)\b", q) or re.search(
            r"\b(deadline|what date|which year|by when|how long|how soon)\b", q):
        types.add("when")
    # It asks for a date itself, not a span of time ('how long'): only a passage that names one can answer. Not a
    # 'when' in the present simple of something generic (a, any, every; a bare plural): 'When does a serious case
    # review happen?' asks in what circumstances, and 'after a child dies' answers it.
    if re.match(r"(when|by when|(on |by |in )?(what|which) (date|day|month|year))\b", q) and not _GENERIC_WHEN.match(q):
        types.add("date")
    if re.search(r"\bhow (many|much|far|large|big)\b|\b(number|percentage|per cent|proportion|figure|rate|"
                 r"increase|rise|rose|fall|fell|drop)\b", q):
        types.add("quantity")
    if "quantity" in types and priced_words(text) is not None:  # 'How much did X cost?': a sum of money
        types.add("money")
    elif "quantity" in types and (re.search(r"\bhow many\b", q) or re.search(r"\bnumber of\b", q)
                                  and not re.search(r"\bhow much\b", q)):
        types.add("count")
    said = _SAID.search(q)
    if said and not _OWN_VOICE.search(q[:said.start()]) and not (said.group(0) == "according to"
                                                              and _OWN_VOICE_AFTER.match(q[said.end():])):
        types.add("said")
    if re.match(r"(why|for what reason|what (caused|explains|drove|is behind))\b", q):
        types.add("reason")
    if re.search(r"\brecommend", q):
        types.add("recommendation")
    if re.search(r"\b(stand for|stands for|acronym|abbreviation|short for)\b", q):
        types.add("define")
    return types


def analyse(text: str, index: CorpusIndex, reports: set[str] | None = None) -> Query:
    """Parse a question against the index's entities (the graph's registry), within these reports."""
    if not text or not words(text):
        raise EmptyQuestion("the question is empty")
    types = question_types(text)
    toks = tokens(text)
    toks += [t for t in closed_compounds(text, index.vocab) if t not in toks]
    named = [e for e in index.question_matcher.entities(text) if reports is None or e.reports & reports]
    self_named = [e for e in own_bodies_named(text, index, reports) if e.key not in {n.key for n in named}]
    named_keys = {e.key for e in named}
    limit = max(2, HEAD_MAX_SHARE * len(index.passages))
    # Acronyms whose head noun the question holds, in the registry's order. A head noun within a name the question
    # uses ('teams' of 'the child abuse investigation teams', CAIT) is that name's and implies no other acronym (a
    # 'Behavioural Insights Team' of another report).
    heads = index.derived.terms_by_head
    own = set().union(*(index.derived.entity_tokens(e) for e in named)) | name_qualified(text)
    candidates = sorted((c for head in set(toks) - own if head in heads and index.doc_freq.get(head, 0) <= limit
                         for c in heads[head]), key=lambda c: c[0])
    expanded = [e for _, e in candidates
                if e.key not in named_keys and (reports is None or e.reports & reports)]
    # Whose words the question wants: any person it names, and, when it asks what was said, a body the
    # reports quote or cite (not a unit or topic it merely asks about), or one whose people the reports quote when
    # the question asks for its words ('What did DEFRA say …': its minister's are; not the SOECA of 'What did AC
    # Rowley say about the pressure on SOECA?', though he speaks for it).
    quoted, represented = index.derived.speaker_passages, index.derived.voice_passages
    bodies = [e for e in named if e.kind in AGENCY_KINDS and "said" in types and e.key in represented]
    asked = {e.key for e in bodies if e.key in quoted} | {e.key for e in voices(text, bodies, index)}
    speakers = [e for e in named if e.kind == "person" or e.key in asked]
    return Query(text, types, toks, named, expanded, speakers, question_names(text), voices(text, speakers, index),
                 self_named)


def closed_compounds(text: str, vocabulary) -> list[str]:
    """The stems of the one-word forms of the question's two-word compounds that the reports write closed up: 'front
    line' is also 'frontline', 'health care' 'healthcare', where the vocabulary (of stems) holds the joined word. A
    compound is one word in one report and two in another, or in one passage and the next; the question may use
    either."""
    found = words(text)
    out = []
    for a, b in zip(found, found[1:]):
        if a in STOPWORDS or b in STOPWORDS or not (a.isalpha() and b.isalpha()) or min(len(a), len(b)) < 3:
            continue
        joined = stem(a + b)
        if joined in vocabulary and joined not in out:
            out.append(joined)
    return out


# A word of a question, with where it stands.
_QWORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def name_qualified(text: str) -> set[str]:
    """The stems of the question's nouns that a name qualifies: a word within two words after a capitalised word
    or an acronym that does not open the question ('the MEND obesity programme', 'English councils', 'the Court of
    Appeal'). Such a noun is that name's, and implies no acronym whose full name ends in it (another report's
    'Waste & Resources Action Programme')."""
    found = list(_QWORD.finditer(text))
    out = set()
    for n, m in enumerate(found):
        if n == 0 or not m.group(0)[0].isupper():
            continue
        for after in found[n + 1:n + 3]:
            out.update(tokens(after.group(0)))
    return out


# "the working group", "this committee", "our inquiry": a body a report may call itself by
_SELF_NAME = re.compile(r"\b(?:the|this|our)\s+((?:[A-Za-z-]+\s+)?[A-Za-z-]+)\b", re.I)


def own_bodies_named(text: str, index: CorpusIndex, reports: set[str] | None = None) -> list[Entity]:
    """The bodies a question names as a report calls its own ('the working group': the Safeguarding Working Group
    of the report it wrote), where the name fits one body of the reports in scope; the report itself need never
    write it."""
    registry = index.registry
    out: dict[str, Entity] = {}
    for m in _SELF_NAME.finditer(text):
        words = m.group(1).split()
        for name in (" ".join(words), words[0]) if len(words) == 2 else (words[0],):  # 'the committee said
            bodies = registry.self_named(name, reports)
            if len(bodies) == 1:
                out.setdefault(bodies[0].key, bodies[0])
                break
    return list(out.values())


def voices(text: str, speakers: list[Entity], index: CorpusIndex) -> list[Entity]:
    """The speakers named where a question asks whose words it wants: after 'according to' when it says so, else
    before its first verb of saying. 'What did AC Rowley say the Met got wrong?' gives Mark Rowley, not the Met;
    'Why does the Met miss training, according to DCS Niven?' gives Keith Niven."""
    lower = text.lower()  # offsets into text, as the matcher's are
    said = _SAID.search(lower)
    if not said or not speakers:
        return []
    according = lower.find("according to")
    wanted = [m for m in index.question_matcher.find(text) if m.key in {e.key for e in speakers}]
    if according >= 0:  # the one named next
        keys = set([m.key for m in wanted if m.start > according][:1])
    else:
        keys = {m.key for m in wanted if m.end <= said.start()}
    return [e for e in speakers if e.key in keys]
