"""Entity mentions in text, by the registry's names."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable
from .names import _ACRONYM, _APOS
from .registry import Entity, Registry


# A name starts where no word, apostrophe or hyphen stands before it; a plural or possessive names the same thing
# ("CAITs", "hubs", "the Met’s", "Boards’", "businesses"), and it ends where no word or hyphen follows.
BEFORE = r"(?<![\w’'-])"
TAIL = r"(?:s|es|’s|'s|s’)?(?![\w-])"
_TOKEN = re.compile(BEFORE + r"\w+")  # where a name that begins with a word character may start: a word's start
_LEAD = re.compile(r"\w+")
_TAILS = {0: re.compile(TAIL), re.I: re.compile(TAIL, re.I)}


@dataclass(frozen=True)
class Mention:
    """An entity named in text, by character span."""

    key: str
    start: int
    end: int
    form: str


@functools.lru_cache(maxsize=4096)
def _case_char(c: str) -> str:
    """The key character of c when case is ignored: the ASCII letter re.I takes it for ("ſ" for "s", "İ" for
    "i"), else its lower case."""
    found = next((a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, c, re.I)), None)
    low = c.lower()
    return found or (low if len(low) == 1 else c)


def _case_key(word: str) -> str:
    """A word's key when case is ignored: two words re.I takes for one another share it, when one is ASCII."""
    return word.lower() if word.isascii() else "".join(map(_case_char, word))


class _Forms:
    """One table of forms (exact, or case-blind) and where in a text they are named: the matches, in order, of
    one alternation of all the forms, longest first, between BEFORE and TAIL. Rather than try every form at
    every position, each form is indexed by its first word, looked up at each word's start (and its singular:
    "hubs", "businesses"); forms that begin with no word character are tried where their first character stands."""

    def __init__(self, table: dict[str, str], flags: int) -> None:
        self.table, self.flags = table, flags
        self.order = sorted(table, key=len, reverse=True)  # the alternation's order: the first form that fits wins
        self.by_word: dict[str, list[int]] = {}
        self.anywhere: list[int] = []  # tried at every word's start: case-blind first words that are not ASCII
        self.unworded: list[int] = []  # forms that begin with no word character
        for i, form in enumerate(self.order):
            lead = _LEAD.match(form)
            if lead is None:
                self.unworded.append(i)
            elif flags and not lead.group(0).isascii():
                self.anywhere.append(i)  # re.I takes "σ" for "ς": no key settles every such pair
            else:
                self.by_word.setdefault(_case_key(lead.group(0)) if flags else lead.group(0), []).append(i)
        firsts = sorted({self.order[i][0] for i in self.unworded})
        self._starts = re.compile(BEFORE + "[" + "".join(re.escape(c) for c in firsts) + "]", flags) \
            if firsts else None
        self._tail = _TAILS[flags]
        self._rx: dict[int, re.Pattern] = {}  # a case-blind form's own pattern, compiled when first tried

    def _candidates(self, text: str) -> dict[int, list[int]]:
        """Each position where some form may be named, with the forms (indices into order) that may be."""
        at: dict[int, list[int]] = {}
        by_word, blind = self.by_word, self.flags
        for m in _TOKEN.finditer(text):
            word = m.group(0)
            key = _case_key(word) if blind else word
            hits = by_word.get(key, [])
            if key.endswith("s"):
                hits = hits + by_word.get(key[:-1], [])
                if key.endswith("es"):
                    hits = hits + by_word.get(key[:-2], [])
            if self.anywhere:
                hits = hits + self.anywhere
            if hits:
                at[m.start()] = hits
        if self._starts is not None:
            for m in self._starts.finditer(text):
                at[m.start()] = at.get(m.start(), []) + self.unworded
        return at

    def _end(self, i: int, text: str, start: int) -> int | None:
        """Where form i, with its plural or possessive, ends when named at start; None when it is not."""
        form = self.order[i]
        if not self.flags:
            m = self._tail.match(text, start + len(form)) if text.startswith(form, start) else None
        else:
            rx = self._rx.get(i)
            if rx is None:
                rx = self._rx[i] = re.compile(re.escape(form) + TAIL, self.flags)
            m = rx.match(text, start)
        return m.end() if m else None

    def scan(self, text: str) -> Iterable[tuple[int, int]]:
        """(start, end) of each name in text, as the alternation's finditer gives them: leftmost, not overlapping."""
        at = self._candidates(text)
        reached = 0
        for start in sorted(at):
            if start < reached:
                continue
            for i in sorted(set(at[start])):
                end = self._end(i, text, start)
                if end is not None:
                    yield start, end
                    reached = end
                    break


class Matcher:
    """Finds entity mentions in text: proper names case-sensitively, topics and lower-case forms case-blind.

    With any_case (for questions, which people type as they like) names of two words or more and acronyms
    of three capitals or more are also found in any case ("multi-agency safeguarding hub", "mash"), except
    an acronym that is an ordinary word of the corpus (lower_words: the words its texts use in lower case,
    so "who" never names WHO)."""

    def __init__(self, registry: Registry, any_case: bool = False, lower_words: Iterable[str] = ()) -> None:
        self.registry = registry
        exact: dict[str, str] = {}
        blind: dict[str, str] = {}
        lower_words = set(lower_words)
        for e in registry:
            if not e.mentionable:
                continue
            for form in sorted(e.forms()):
                if len(form) < 2 or form.lower() in {"the", "met"} and form != "Met":
                    continue
                # A topic's acronym keeps its case: "IT" (Income Tax) is no "it".
                if (e.kind == "topic" and not _ACRONYM.match(form)) or form[0].islower() or form.startswith("the "):
                    blind.setdefault(form.lower().translate(_APOS), e.key)
                else:
                    exact.setdefault(form, e.key)
                    if "’" in form:
                        exact.setdefault(form.replace("’", "'"), e.key)
        if any_case:
            for form, key in list(exact.items()):
                low = form.lower().translate(_APOS)
                if " " in form.strip() or (len(form) >= 3 and form.isupper() and low not in lower_words):
                    blind.setdefault(low, key)
        self._exact = exact
        self._blind = blind
        self._tables = [(_Forms(table, flags), table, bool(flags)) for table, flags in ((exact, 0), (blind, re.I))
                        if table]
        # A build finds the mentions of each passage twice (the graph's mentions, then its relations): the second
        # time is a look-up. Bounded, as a server's question matcher sees ever new texts.
        self._found = functools.lru_cache(maxsize=1 << 13)(self._find)

    def _key(self, form: str, table: dict[str, str], blind: bool) -> str | None:
        probe = form.lower().translate(_APOS) if blind else form
        for cand in (probe, re.sub(r"(’s|'s|s’|s)$", "", probe), re.sub(r"es$", "", probe)):
            if cand in table:
                return table[cand]
        return None

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in text, longest first, in order of position."""
        return list(self._found(text))

    def _find(self, text: str) -> tuple[Mention, ...]:
        """find's answer, as a tuple (it is kept for the next call with the same text)."""
        found: list[Mention] = []
        for forms, table, blind in self._tables:
            for start, end in forms.scan(text):
                key = self._key(text[start:end], table, blind)
                if key:
                    found.append(Mention(key, start, end, text[start:end]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return tuple(out)

    def entities(self, text: str) -> list[Entity]:
        """The entities text names, each once, in order of first mention."""
        keys = dict.fromkeys(m.key for m in self.find(text))
        return [self.registry.get(k) for k in keys if k in self.registry.entities]
