"""The relation rules' faster tries give what re's search gave: a pattern that opens with a lazy group of any
characters is tried at the sentence's start alone (graph.relations._finder), checked against search on made-up
patterns and random sentences, on every rule, and on the claims of the bundled and HC 179 reports; and a count of
the tries shows the rules that open so are never searched from every position."""
from __future__ import annotations

import random
import re

import graph.relations as relations
from graph.entities import build_registry
from graph.relations import RULES, RelationFinder, _finder

_WORDS = ["the Met", "SOECA", ",", " a ", " an ", "team", "unit", "within", " in ", " of ", "was", "created", "part",
          "is", "are", "based", "merged", "with", "when", "oversees", "holds", "to", "account", "replaced by",
          "member", "partner", "chaired by", "Mr Creswell", "It", "which", "provides", "support", "\n", "’s", "(",
          ")", "has", "16", "teams", "İn", "ſection", "K", "sub-committee", "brought together", "including", "."]


def _sentence(rnd: random.Random) -> str:
    return "".join(rnd.choice(_WORDS) + rnd.choice([" ", "", " ", ", "]) for _ in range(rnd.randint(0, 30)))


def _same(a: re.Match | None, b: re.Match | None) -> bool:
    """Two results of one pattern alike: both none, or the same span and the same groups at the same spans."""
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict() and all(
        a.span(g) == b.span(g) for g in a.re.groupindex)


def test_a_lazily_opening_pattern_tried_at_the_start_finds_what_search_finds():
    made_up = [re.compile(p, re.I | re.S) for p in (
        r"(?P<s>.+?)\s+within\s+(?P<o>.+)", r"(?P<s>.+?),\s*a\s+team\b", r"(?P<o>.*?)(?<!was )\bcreated\s+(?P<s>\S+)",
        r"(?P<s>.+?)x(?P<o>.+?)y", r"(?P<s>.+?)\b(?:in|of)\b")]
    kept = [re.compile(r"(?P<s>.+?)\s+within", re.I),  # no DOTALL: a newline stops the group, so search it is
            re.compile(r"(?P<s>.+?)\s+(?P=s)", re.S),  # a back-reference to the group: search it is
            re.compile(r"\b(?P<s>\w+)\s+within", re.S)]
    for p in kept:
        assert _finder(p) == p.search
    rnd = random.Random(11)
    tried = found = 0
    for _ in range(3000):
        text = _sentence(rnd)
        for p in made_up + [r.pattern for r in RULES]:
            tried += _finder(p) == p.match
            plain = p.search(text)
            assert _same(_finder(p)(text), plain), (p.pattern, text)
            found += plain is not None
    assert tried > 3000 * len(made_up) and found > 3000  # the start-only try ran, and often found something


def test_the_rules_that_open_lazily_are_tried_once_at_the_start_never_searched(monkeypatch, la_report):
    class Counted:
        """A rule's pattern that counts its tries (match: at the start; search: from every position)."""

        def __init__(self, pattern: re.Pattern) -> None:
            self.real, self.pattern, self.flags = pattern, pattern.pattern, pattern.flags
            self.match_calls = self.search_calls = 0

        def match(self, text):
            self.match_calls += 1
            return self.real.match(text)

        def search(self, text):
            self.search_calls += 1
            return self.real.search(text)

    counted = {r.name: Counted(r.pattern) for r in RULES}
    monkeypatch.setattr(relations, "RULES", [relations.Rule(**{**r.__dict__, "pattern": counted[r.name]})
                                             for r in RULES])
    finder = RelationFinder(build_registry([la_report]))
    for p in la_report.passages:
        finder.text_claims(p.text, la_report.id, passage=p.id)
    lazy = [name for name, c in counted.items() if c.pattern.startswith(("(?P<s>.+?)", "(?P<o>.+?)"))]
    assert len(lazy) >= 12  # most rules open so: what their sentences cost was a search from every position
    assert sum(counted[n].match_calls for n in lazy) > 200
    assert all(counted[n].search_calls == 0 for n in lazy), {n: counted[n].search_calls for n in lazy}


def test_the_reports_claims_are_those_of_the_plain_search(monkeypatch, la_report, hc_report):
    registry = build_registry([la_report, hc_report])

    def claims():
        finder = RelationFinder(registry)
        return [c.__dict__ for r in (la_report, hc_report) for c in finder.report_claims(r)]

    fast = claims()
    monkeypatch.setattr(relations, "_finder", lambda pattern: pattern.search)
    assert claims() == fast
    assert len(fast) > 30
