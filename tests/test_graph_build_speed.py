"""The graph build's faster lookups give what the plain scans they replaced gave: each is checked against that scan
(kept here as the oracle) on made-up names and random text, and on the bundled and HC 179 reports."""
from __future__ import annotations

import random
import re

import pytest

from graph.entities import Matcher, Registry, build_registry
from graph.entities.names import _APOS

_BEFORE, _TAIL = r"(?<![\w’'-])", r"(?:s|es|’s|'s|s’)?(?![\w-])"


def _plain_find(matcher: Matcher, text: str) -> list[tuple[str, int, int, str]]:
    """Matcher.find as it was: one alternation of every form, longest first, run over the whole text."""
    found = []
    for table, flags in ((matcher._exact, 0), (matcher._blind, re.I)):
        if not table:
            continue
        rx = re.compile(_BEFORE + "(?:" + "|".join(re.escape(f) for f in sorted(table, key=len, reverse=True))
                        + ")" + _TAIL, flags)
        for m in rx.finditer(text):
            probe = m.group(0).lower().translate(_APOS) if flags else m.group(0)
            key = next((table[c] for c in (probe, re.sub(r"(’s|'s|s’|s)$", "", probe), re.sub(r"es$", "", probe))
                        if c in table), None)
            if key:
                found.append((key, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    out: list = []
    for m in found:
        if not out or m[1] >= out[-1][2]:
            out.append(m)
    return out


def _found(matcher: Matcher, text: str) -> list[tuple[str, int, int, str]]:
    return [(m.key, m.start, m.end, m.form) for m in matcher.find(text)]


def _made_up_registry() -> Registry:
    """Names that try the index: plurals and possessives, prefixes of one another, hyphens, curly quotes, names
    that begin with no letter, topics (found in any case) and letters re.I takes for others ("ſ", "İ", "ς")."""
    registry = Registry()
    registry.add("organisation", "Metropolitan Police Service", ["the Met", "Met"], acronym="MPS", report="r")
    registry.add("unit", "Child Abuse Investigation Team", acronym="CAIT", report="r")
    registry.add("unit", "Child Abuse Investigation Command", acronym="SCO5", report="r")
    registry.add("unit", "Multi-Agency Safeguarding Hub", acronym="MASH", report="r")
    registry.add("organisation", "Mayor’s Office for Policing and Crime", acronym="MOPAC", report="r")
    registry.add("organisation", "Child Abuse", report="r")
    registry.add("organisation", "Business", report="r")
    registry.add("publication", "“Working Together” guidance", report="r")
    registry.add("publication", "(Draft) Code of Practice", report="r")
    registry.add("person", "Siân Berry", report="r")
    registry.add("person", "Zoë Ödegaard", report="r")
    registry.add("topic", "child sexual exploitation", report="r")
    registry.add("topic", "state aid", report="r")
    registry.add("topic", "sexual exploitation", report="r")
    registry.add("topic", "σύστημα control", report="r")
    registry.add("topic", "éducation nationale", report="r")
    registry.add("topic", "kin care", report="r")
    registry.add("topic", "aid scheme", report="r")
    registry.add("topic", "control room", report="r")
    registry.add("topic", "care home", report="r")
    registry.add("topic", "ice", report="r")
    return registry


def _scramble(rnd: random.Random, word: str) -> str:
    """A word as a text may write it: in another case, with letters re.I takes for its own, or cut."""
    pick = rnd.random()
    if pick < 0.15:
        word = word.upper()
    elif pick < 0.3:
        word = word.lower()
    elif pick < 0.4:
        word = word.title()
    elif pick < 0.5:
        word = word.replace("s", "ſ").replace("i", "ı").replace("I", "İ").replace("k", "\u212a").replace("σ", "ς")
    elif pick < 0.55:
        word = word[:-1]
    return word + rnd.choice(["", "", "", "s", "es", "’s", "'s", "s’", "-", "x", "’", "ſ"])


@pytest.mark.parametrize("any_case", [False, True])
def test_matcher_finds_what_one_alternation_of_every_form_finds_on_random_text(any_case):
    registry = _made_up_registry()
    matcher = Matcher(registry, any_case=any_case, lower_words={"ice"})
    forms = sorted(set(matcher._exact) | set(matcher._blind))
    words = forms + ["the", "of", "a", "hub", "Met", "Mets", "Child", "Abuse", "Team", "said", "”", "“", "(", ")",
                     "Working", "Together", "state", "kin", "ices", "business", "Businesses"]
    rnd = random.Random(7)
    found = 0
    for _ in range(4000):
        parts = [_scramble(rnd, rnd.choice(words)) for _ in range(rnd.randint(1, 10))]
        text = "".join(p + rnd.choice([" ", " ", "-", "’", "\n", "(", ", ", ""]) for p in parts)
        expected = _plain_find(matcher, text)
        assert _found(matcher, text) == expected, text
        found += len(expected)
    assert found > 4000  # the texts do name things, in every form the oracle finds


@pytest.mark.parametrize("text", [
    "the ſtate aid scheme",  # re.I takes "ſ" for "s": "state aid" is matched there, so "aid scheme" is not
    "a ΣΎΣΤΗΜΑ control room", "a ςύςτημα control room",  # and "ς" for "σ"
    "\u212aIN CARE HOME", "kİn care home", "Kın care home",  # the Kelvin sign for "k", "İ" and "ı" for "i"
    "(Draft) Code of Practices and “Working Together” guidance’s", "CAITs’ and the Met’s MASHes",
])
def test_matcher_takes_letters_for_others_as_the_alternation_does(text):
    matcher = Matcher(_made_up_registry())
    assert _found(matcher, text) == _plain_find(matcher, text)


def test_matcher_finds_what_one_alternation_finds_in_reports(la_report, hc_report):
    registry = build_registry([la_report, hc_report])
    for matcher in (Matcher(registry), Matcher(registry, any_case=True, lower_words={"who", "it"})):
        texts = [p.text for r in (la_report, hc_report) for p in r.passages]
        assert [_found(matcher, t) for t in texts] == [_plain_find(matcher, t) for t in texts]
    assert sum(len(matcher.find(t)) for t in texts) > 1000


def _random_text(rnd: random.Random, pieces: list[str]) -> str:
    return "".join(rnd.choice(pieces) + rnd.choice([" ", "", "-", "’", "\n", ".", "s"]) for _ in range(rnd.randint(0, 12)))


_PIECES = ["Rowley", "Row", "ley", "Mr", "Mr Rowley", "Assistant Commissioner", "the hub", "hub", "é", "Ödegaard",
           "_", "1", "Wardle", "Ward", "the", "Hub", "van Sebille", "’", "-"]


def test_occurs_finds_what_the_look_behind_search_finds():
    from graph.entities.names import _present, may_occur, occurs, words_of

    rnd = random.Random(3)
    skipped = 0
    joins = [re.compile(r"\w"), re.compile(r"[\w-]")]
    hits = 0
    for _ in range(5000):
        text, form = _random_text(rnd, _PIECES), rnd.choice(_PIECES + ["", "Mr Row", "hub-"])
        for j in joins:
            expected = re.search(rf"(?<!{j.pattern})" + re.escape(form) + rf"(?!{j.pattern})", text) is not None
            assert occurs(text, form, j) is expected, (text, form, j.pattern)
            hits += expected
        assert _present(text, form) is occurs(text, form, joins[0])
        # the word look-up that stands before these searches never says no where they say yes
        assert may_occur(form, words_of(text)) or not occurs(text, form, joins[0])
        skipped += not may_occur(form, words_of(text))
    assert 1000 < hits < 9000 and skipped > 1000  # both answers are tried often, and the word look-up saves searches


def test_a_form_is_looked_for_in_the_reports_that_write_its_words_and_no_others():
    from graph.entities.corpus import _writing
    from graph.entities.names import words_of
    from graph.entities.names import _present

    rnd = random.Random(5)
    for _ in range(300):
        texts = {f"r{i}": _random_text(rnd, _PIECES) for i in range(6)}
        writers: dict[str, set[str]] = {}
        for rid, text in texts.items():
            for w in words_of(text):
                writers.setdefault(w, set()).add(rid)
        for form in _PIECES + ["", "Mr Row", "Ward Rowley", "’"]:
            using = [rid for rid, text in texts.items() if _present(text, form)]
            looked = _writing(writers, form, texts)
            assert set(using) <= set(looked), (texts, form)
            assert looked == [rid for rid in texts if rid in looked]  # in the corpus's order


def _plain_merge_short_publications(registry: Registry) -> None:
    """_merge_short_publications as it was: every title compared with every other."""
    from graph.entities.names import fold

    expand = {fold(e.acronym): fold(e.pref) for e in registry if e.acronym}

    def spelled(e):
        return " ".join(expand.get(w, w) for w in fold(e.pref).split())

    for same in (True, False):
        pubs = sorted((e for e in registry if e.kind == "publication"), key=lambda e: len(spelled(e)))
        for short in pubs:
            sw = spelled(short)
            longer = [e for e in pubs if e is not short and e.key in registry.entities and short.key in registry.entities
                      and (spelled(e) == sw if same else
                           (spelled(e).startswith(sw + " ") or spelled(e).endswith(" " + sw)))]
            if len(longer) == 1:
                registry.merge(short, longer[0])


def _plain_merge_misspellings(registry: Registry, text: str, rid: str) -> None:
    """_merge_misspellings as it was: every pair of names of one kind and length compared."""
    from graph.entities.extract import _misspelt_word
    from graph.entities.names import fold

    by_shape: dict[tuple, list] = {}
    for e in registry:
        if e.kind != "person" and len(e.pref.split()) >= 2:
            by_shape.setdefault((e.kind, len(e.pref.split())), []).append(e)
    for group in by_shape.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.key not in registry.entities or b.key not in registry.entities:
                    continue
                pairs = [(x, y) for x, y in zip(fold(a.pref).split(), fold(b.pref).split()) if x != y]
                if len(pairs) == 1 and _misspelt_word(*pairs[0]):
                    keep, drop = sorted((a, b), key=lambda e: (not (e.reports - {rid}), -text.count(e.pref)))
                    registry.merge(drop, keep)


def _state(registry: Registry) -> list:
    """Everything a merge may change: the entities in order, with their names and reports, and the index."""
    return [(e.key, e.kind, e.label, e.pref, sorted(e.aliases), sorted(e.reports), sorted(e.origins))
            for e in registry] + sorted(registry._index.items())


_NAME_WORDS = ["Marine", "Conservation", "Conversation", "Society", "Environment", "Environmental", "Audit",
               "Cosmetic", "Cosmetics", "Association", "Multi-Agency", "Safeguarding", "Hub", "Hubs", "The", "of",
               "London", "Child", "Sexual", "Exploitation", "CSE", "Protocol", "Review", "Munro", "Report",
               "Secure", "Rescue", "&", "Trust", "Trusts"]


_SPELLINGS = {"Conservation": "Conversation", "Conversation": "Conservation", "Environment": "Environmental",
              "Environmental": "Environment", "Cosmetic": "Cosmetics", "Cosmetics": "Cosmetic", "Secure": "Rescue"}


def _random_registry(rnd: random.Random) -> Registry:
    """Organisations, units and publications whose names share words, differ in one (some misspelt, some
    hyphenated so that their folded words are more), or hold one another; across three reports."""
    registry = Registry()
    registry.add("topic", "Child Sexual Exploitation", acronym="CSE", report="r0")
    names: list[str] = []
    for _ in range(rnd.randint(5, 40)):
        name = " ".join(rnd.choice(_NAME_WORDS) for _ in range(rnd.randint(1, 5)))
        if names and rnd.random() < 0.4:  # another spelling of one word of an earlier name
            words = [_SPELLINGS.get(w, w) if rnd.random() < 0.5 else w for w in rnd.choice(names).split()]
            # "The Marine Conversation" beside "Marine Conservation Society": as many words, one fewer folded
            name = " ".join(["The", *words[:-1]] if rnd.random() < 0.3 else words)
        names.append(name)
        try:
            registry.add(rnd.choice(["organisation", "unit", "publication", "publication"]), name,
                         report=rnd.choice(["r0", "r1", "r2"]))
        except ValueError:
            pass  # a name that folds to nothing
    return registry


def test_merges_found_by_index_are_the_merges_of_every_pair():
    import copy

    from graph.entities.extract import _merge_misspellings, _merge_short_publications

    rnd = random.Random(11)
    merged = [0, 0]
    for _ in range(400):
        registry = _random_registry(rnd)
        text = " ".join(rnd.choice(_NAME_WORDS) for _ in range(60))
        plain, indexed = copy.deepcopy(registry), copy.deepcopy(registry)
        _plain_merge_short_publications(plain)
        _merge_short_publications(indexed)
        assert _state(indexed) == _state(plain)
        before = len(plain)
        _plain_merge_misspellings(plain, text, "r1")
        _merge_misspellings(indexed, text, "r1")
        assert _state(indexed) == _state(plain)
        merged = [merged[0] + len(registry) - before, merged[1] + before - len(plain)]
    assert min(merged) > 50, merged  # merges happened, of both kinds


def test_iri_parts_are_quoted_as_urllib_quotes_them():
    from urllib.parse import quote

    from graph.build import _quote

    rnd = random.Random(13)
    alphabet = "az09AZ_.~-/ %#?&é’\n+:;="
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
        for safe in ("/", ""):
            assert _quote(text, safe) == quote(text, safe=safe), (text, safe)
