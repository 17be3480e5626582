"""Entity mentions in text, by the registry's names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable
from .names import _ACRONYM, _APOS
from .registry import Entity, Registry




@dataclass(frozen=True)
class Mention:
    """An entity named in a text, by character span."""

    key: str
    start: int
    end: int
    form: str


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
        self._rx_exact = self._compile(exact, 0)
        self._rx_blind = self._compile(blind, re.I)

    @staticmethod
    def _compile(forms: dict[str, str], flags: int):
        if not forms:
            return None
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # A plural or possessive names the same thing: "CAITs", "hubs", "the Met’s", "Boards’", "businesses".
        return re.compile(r"(?<![\w’'-])(?:" + alts + r")(?:s|es|’s|'s|s’)?(?![\w-])", flags)

    def _key(self, form: str, table: dict[str, str], blind: bool) -> str | None:
        probe = form.lower().translate(_APOS) if blind else form
        for cand in (probe, re.sub(r"(’s|'s|s’|s)$", "", probe), re.sub(r"es$", "", probe)):
            if cand in table:
                return table[cand]
        return None

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in text, longest first, in order of position."""
        found: list[Mention] = []
        for rx, table, blind in ((self._rx_exact, self._exact, False), (self._rx_blind, self._blind, True)):
            if rx is None:
                continue
            for m in rx.finditer(text):
                key = self._key(m.group(0), table, blind)
                if key:
                    found.append(Mention(key, m.start(), m.end(), m.group(0)))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    def entities(self, text: str) -> list[Entity]:
        """The entities text names, each once, in order of first mention."""
        keys = dict.fromkeys(m.key for m in self.find(text))
        return [self.registry.get(k) for k in keys if k in self.registry.entities]
