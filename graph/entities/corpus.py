"""The registry of a corpus: each report's entities, then the short names (a surname, an office, "the
Inquiry") and the bodies each report calls its own, which only the whole corpus can settle."""
from __future__ import annotations

import re

from ingest.authors import BODY_HEADS
from ingest.model import Report
from ingest.people import HONORIFICS, MEMBER_LIST, titles_of

from .. import lexicon
from .extract import HOUSE, extract_entities
from .matcher import Matcher
from .names import AGENCY_KINDS, _PEERAGE, _WORDS, _present, clean_name, fold, surname, words_of
from .registry import Entity, Registry


def build_registry(reports: list[Report]) -> Registry:
    """One registry for a corpus: entities shared by several reports are one node."""
    registry = Registry()
    for report in reports:
        extract_entities(report, registry)
    _short_person_names(registry, reports)
    _own_short_names(registry, reports)
    _own_bodies(registry, reports)
    return registry


_DESIGNATOR = re.compile(r"^(?:[IVX]+|[A-Z]|\d+)$")  # "Sub-Committee I", "Panel B", "Group 2" name one of several
_SELF_HEADS = lexicon.ORG_HEADS | lexicon.UNIT_HEADS | {h.lower() for h in BODY_HEADS}


def self_names(name: str) -> list[str]:
    """The nouns a body's own report may call it by: its head noun, alone and with the word before it
    ("Committee" and "Audit Committee" of "Environmental Audit Committee"; "Sub-Committee" of "Science and
    Technology Sub-Committee I"; "Committee" of "Select Committee on Risk"; "Working Group"). Empty when the
    head is no noun for a body ("Behaviour Change")."""
    words = clean_name(name).split()
    # the head stands before the first "of", "on", "for" or "into": "Select Committee on Risk"
    cut = next((i for i, w in enumerate(words) if i and w.lower() in ("of", "on", "for", "into")), len(words))
    words = words[:cut]
    while len(words) > 1 and _DESIGNATOR.match(words[-1]):
        words.pop()
    # "Sub-Committee" is a committee, "Task-Force" a force
    if len(words) < 2 or words[-1].split("-")[-1].lower() not in _SELF_HEADS:
        return []
    return [words[-1], " ".join(words[-2:])]


def _own_bodies(registry: Registry, reports: list[Report]) -> None:
    """Record what each report calls its own bodies: the body that publishes it and the bodies its member lists
    name ("The Members of the Sub-Committee which carried out this inquiry (Science and Technology Sub-Committee I)
    are:"), each by the nouns of its name (self_names) that the report writes after "the", "this" or "our". A noun
    two of a report's bodies could take goes to the publisher, or else to neither."""
    for r in reports:
        text = "\n".join(p.text for p in r.passages)
        publisher = registry.resolve(HOUSE.sub("", clean_name(r.publisher))) if r.publisher else None
        listed = [registry.resolve(a.organisation) for person in r.people for a in person.appearances
                  if a.meeting == MEMBER_LIST and a.organisation]
        bodies = list({b.key: b for b in [publisher, *listed]
                       if b is not None and b.kind in ("organisation", "unit")}.values())
        claims: dict[str, dict[str, str]] = {}  # folded self-name -> {body key: the report's words}
        names: dict[str, set[str]] = {}  # folded self-name -> the keys of the bodies it may name
        for body in bodies:
            for noun in self_names(body.pref):
                names.setdefault(fold(noun), set()).add(body.key)
                m = re.search(rf"\b(?:the|this|our)\s+({re.escape(noun)})(?![\w-])", text, re.I)
                if m:
                    claims.setdefault(fold(noun), {}).setdefault(body.key, f"the {m.group(1)}")
        own = {}
        for key, held in claims.items():
            if len(held) == 1 or (publisher is not None and publisher.key in held):
                body = next(iter(held)) if len(held) == 1 else publisher.key
                own[key] = (held[body], body)
        if own:
            registry.own[r.id] = own
        # the same rule for the names the report may never write: one body, or the publisher of several
        unwritten = {noun: next(iter(keys)) if len(keys) == 1 else publisher.key for noun, keys in names.items()
                     if len(keys) == 1 or (publisher is not None and publisher.key in keys)}
        if unwritten:
            registry.own_names[r.id] = unwritten


def _own_short_names(registry: Registry, reports: list[Report]) -> None:
    """Let "the Inquiry" name the inquiry (review, commission) whose own report calls itself so, where no other
    report of the corpus writes the bare word outside a longer name: then the short name can mean only it."""
    bodies = {}
    for r in reports:
        body = registry.resolve(HOUSE.sub("", r.publisher)) if r.publisher else None
        head = next((w for w in (body.pref.split() if body else []) if w in BODY_HEADS), None)
        if head and body.kind in AGENCY_KINDS:
            bodies[r.id] = (body, head)
    if not bodies:
        return
    texts = {r.id: "\n".join(p.text for p in r.passages) for r in reports}
    names = Matcher(registry)

    def bare(text: str, word: str) -> bool:
        """Whether text writes word on its own, not as the end of a longer name the registry knows."""
        spans = [(m.start, m.end) for m in names.find(text)] if word in text else []
        return any(not any(a <= m.start() < b for a, b in spans)
                   for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text))

    for rid, (body, head) in bodies.items():
        if not re.search(rf"\b(?:[Tt]he|[Tt]his)\s+{head}\b", texts[rid]):
            continue
        if any(bare(text, head) for other, text in texts.items() if other != rid):
            continue
        registry.alias(body, head)


_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor")


def _writing(writers: dict[str, set[str]], form: str, texts: dict[str, str]) -> list[str]:
    """The reports (of texts, in its order) that write every word of form, by writers (word -> reports): the only
    ones where form can stand as a whole word (_present), since each of its words is then a whole word too."""
    words = set(_WORDS.findall(form))
    if not words:
        return list(texts)
    held = set.intersection(*(writers.get(w, set()) for w in words))
    return [rid for rid in texts if rid in held]


def _short_person_names(registry: Registry, reports: list[Report]) -> None:
    """Let a surname alone ("Rowley"), a rank and surname ("Assistant Commissioner Rowley") and an office
    ("the Assistant Commissioner", "the Deputy Children’s Commissioner") name a person, where only one person
    of the corpus has that surname or holds that office, and only reports that person appears in use it."""
    people = [e for e in registry if e.kind == "person"]
    texts = {r.id: "\n".join(p.text for p in r.passages) for r in reports}
    # A surname that is also an ordinary word ("Green", "Ward") is no name on its own.
    words = {w for text in texts.values() for w in re.findall(r"(?<![\w’'-])[a-z]+(?![\w-])", text)}

    # Which reports write each word: a form is looked for only in the reports that write all its words, not in
    # every report of the corpus (the forms and the reports both grow with the corpus).
    writers: dict[str, set[str]] = {}
    for rid, text in texts.items():
        for w in words_of(text):
            writers.setdefault(w, set()).add(rid)

    def only_in(form: str, person: Entity) -> bool:
        """Whether every report that uses form is one the person appears in."""
        return all(rid in person.reports for rid in _writing(writers, form, texts) if _present(texts[rid], form))

    def unique(values: dict[str, set[str]]) -> dict[str, set[str]]:
        """Each person's values that no other person has."""
        held: dict[str, int] = {}
        for vs in values.values():
            for v in vs:
                held[v] = held.get(v, 0) + 1
        return {k: {v for v in vs if held[v] == 1} for k, vs in values.items()}

    # A peer's territorial designation is no surname: "Oxford" of Lord May of Oxford names a city.
    surnames = unique({e.key: {surname(e.pref)} for e in people if len(e.pref.split()) >= 2
                       and not (_PEERAGE.match(e.pref) and " of " in e.pref)})
    # An office is a bare title ("Deputy Children’s Commissioner"), not a role that names a body ("Chair of the
    # London Safeguarding Children Board"): that one must stay a mention of the board.
    names = Matcher(registry)
    # A person's styles ("Rt Hon", "Professor Sir") are no office: only a rank or a role is.
    offices = unique({e.key: {o for x in (e.title, e.role) if x and 2 <= len((o := clean_name(x)).split()) <= 5
                              and "," not in o and not names.find(o)
                              and not (titles_of(o) and set(titles_of(o)) <= set(HONORIFICS))} for e in people})
    for e in people:
        forms = sorted(offices.get(e.key, ()))
        for last in sorted(surnames.get(e.key, ())):
            if len(last) > 3 and last.split()[-1][0].isupper() and last.lower() not in words:
                # "Sir Williams" is no form of Sir Wyn Williams: a knight's or dame's title goes with the first name
                rank = " ".join(t for t in titles_of(e.title) if t not in ("Sir", "Dame"))  # "Professor" of "Professor Sir"
                forms += [last] + ([f"{rank} {last}"] if rank else [])
                # "Mr Creswell" for Carl Creswell, where a report he appears in writes it
                forms += [f for h in _HONORIFICS if (f := f"{h} {last}") != f"{rank} {last}"
                          and any(_present(texts[rid], f) for rid in e.reports if rid in texts)]
        for form in forms:
            if only_in(form, e) and registry.resolve(form) is None:
                registry.alias(e, form)
