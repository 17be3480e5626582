"""The entity registry: every entity of a corpus, indexed by every folded form of its names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ingest.ids import slugify
from .names import KIND_RANK, _ACRONYM, clean_name, fold, same_person



@dataclass
class Entity:
    """One thing the reports name, with every form of its name."""

    key: str
    kind: str
    label: str  # the short name shown to readers (an acronym where there is one)
    pref: str  # the full name
    aliases: set[str] = field(default_factory=set)
    acronym: str | None = None
    origins: set[str] = field(default_factory=set)  # how it was found: glossary, witness list, text ...
    reports: set[str] = field(default_factory=set)
    mentionable: bool = True  # sectors are only named inside lists, never matched in running text
    title: str | None = None  # a person's rank or honorific
    role: str | None = None
    affiliation: str | None = None  # key of a person's organisation
    party: str | None = None

    def forms(self) -> set[str]:
        """Every surface form: label, full name, acronym and aliases."""
        out = {self.label, self.pref, *self.aliases}
        if self.acronym:
            out.add(self.acronym)
        return {f for f in out if f}

    @property
    def head(self) -> str | None:
        """The folded last word of a full name of two words or more ('hub' of Multi-Agency Safeguarding
        Hub): the noun "the hub" or "hubs" names the entity by; None for one-word names."""
        words = fold(self.pref).split()
        return words[-1] if len(words) >= 2 else None

    def expansion(self) -> str:
        """Each distinct name of the entity once (forms that fold alike count once), the label first: what a
        question naming it is expanded with."""
        names: dict[str, str] = {}
        for form in [self.label, self.pref, *sorted(self.forms())]:
            names.setdefault(fold(form), form)
        return " ".join(names.values())


class Registry:
    """Entities of a corpus, indexed by every folded form of their names."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self._index: dict[str, str] = {}
        self._shared: set[str] = set()  # folded forms that name two people of the corpus, so name none
        # What each report calls its own bodies: report id -> {folded self-name: (the report's words, entity key)};
        # "the Committee" is the Environmental Audit Committee in one report and the Police and Crime Committee in
        # another, so these forms are kept per report, never in the corpus-wide index.
        self.own: dict[str, dict[str, tuple[str, str]]] = {}
        # Every name of that kind each report's own bodies may be called by, whether or not the report writes it:
        # report id -> {folded self-name: entity key}. A reader asks about "the working group" that wrote a report
        # which only ever says "the Committee" (see self_named).
        self.own_names: dict[str, dict[str, str]] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities.values())

    def resolve(self, name: str | None) -> Entity | None:
        """The entity one of whose names folds to the same key as name, if any."""
        if not name:
            return None
        key = self._index.get(fold(name))
        return self.entities.get(key) if key else None

    def lookup(self, name: str) -> Entity | None:
        """Like resolve, and also "the sub-committee" (the one body that a report calls so as its own, see
        own_bodies) and "the hub": a definite head noun names the one unit or organisation whose full name ends
        in it."""
        found = self.resolve(name)
        if found:
            return found
        own = {e.key: e for e in self.own_bodies(name)}
        if len(own) == 1:
            return next(iter(own.values()))
        if len(fold(name).split()) != 1:
            return None
        head = fold(name)
        hits = [e for e in self if e.kind in ("unit", "organisation") and e.head == head]
        return hits[0] if len(hits) == 1 else None

    def own_bodies(self, name: str, reports: Iterable[str] | None = None) -> list[Entity]:
        """The bodies that reports (all, or these) call by name as their own: "the Committee", "this Inquiry",
        "our Sub-Committee", one per report that writes it, in report order."""
        key = self_key(name)
        wanted = None if reports is None else set(reports)
        return [self.entities[held[1]] for rid, names in self.own.items()
                if (wanted is None or rid in wanted) and (held := names.get(key)) and held[1] in self.entities]

    def self_named(self, name: str, reports: Iterable[str] | None = None) -> list[Entity]:
        """The bodies that reports (all, or these) call or may call by this name as their own ("the working group"
        of a report by its Safeguarding Working Group), one per report, each once, in report order."""
        key = self_key(name)
        wanted = None if reports is None else set(reports)
        found = {names[key]: None for rid, names in self.own_names.items()
                 if (wanted is None or rid in wanted) and key in names and names[key] in self.entities}
        return [self.entities[k] for k in found]

    def reports_calling(self, name: str) -> list[str]:
        """The reports whose own body (its publisher, or a body its member list names, where its name gives a noun
        for a body: own_names) this name is, by that body's name or by that noun, though the report never writes it
        so ("the working group" of a report by its Safeguarding Working Group), in report order."""
        key = self_key(name)
        named = self.resolve(name)
        return [rid for rid, names in self.own_names.items()
                if (key in names and names[key] in self.entities) or (named is not None and named.key in names.values())]

    def get(self, key: str) -> Entity:
        """The entity with this key."""
        return self.entities[key]

    def add(self, kind: str, name: str, aliases: Iterable[str] = (), *, acronym: str | None = None,
            origin: str = "text", report: str | None = None, mentionable: bool = True) -> Entity:
        """Add a name (and its other forms), merging with the entity any form already resolves to."""
        name = clean_name(name)
        if not fold(name):
            raise ValueError(f"empty entity name for a {kind}")
        forms = [name, *(clean_name(a) for a in aliases if a), *([acronym] if acronym else [])]
        forms = [f for f in forms if f and fold(f) and fold(f) not in self._shared]
        # "Professor Kelly" may be Frank Kelly of one report and Mike Kelly of another: a person merges only
        # with an entity that is no other person.
        found = next((e for f in forms if (e := self.resolve(f)) is not None
                      and not (kind == "person" and e.kind == "person" and not same_person(e.pref, name))), None)
        if found is None:
            label = acronym or name
            key = slugify(label) if kind != "person" else "person-" + slugify(name)
            while key in self.entities:
                key += "-x"
            found = Entity(key=key, kind=kind, label=label, pref=name, acronym=acronym, mentionable=mentionable)
            self.entities[key] = found
        elif KIND_RANK.get(kind, 9) < KIND_RANK.get(found.kind, 9) and "person" not in (kind, found.kind) \
                and found.kind != "place":
            found.kind = kind
        if acronym and not found.acronym:
            found.acronym = acronym
            found.aliases.add(found.label)
            found.label = acronym
        if origin == "glossary" or (_ACRONYM.match(found.pref) and not _ACRONYM.match(name)):
            # The glossary's expansion is the report's own full name for the thing.
            found.aliases.add(found.pref)
            found.pref = name
        for f in forms:
            other = self.resolve(f)
            if other is not None and other is not found and other.kind == "person" == found.kind:
                self._unshare(f, other)
                continue
            if f not in (found.label, found.pref):
                found.aliases.add(f)
            self._index.setdefault(fold(f), found.key)
        found.origins.add(origin)
        if report:
            found.reports.add(report)
        found.mentionable = found.mentionable or mentionable
        return found

    def _unshare(self, form: str, holder: Entity) -> None:
        """A short form two people go by ("Professor Kelly") names neither of them: it leaves the index."""
        key = fold(form)
        self._shared.add(key)
        self._index.pop(key, None)
        holder.aliases = {a for a in holder.aliases if fold(a) != key}

    def merge(self, other: Entity, into: Entity) -> None:
        """Make other's names, origins and reports into's, and forget other."""
        for form in other.forms():
            into.aliases.add(form)
            self._index[fold(form)] = into.key
        into.origins |= other.origins
        into.reports |= other.reports
        del self.entities[other.key]
        for e in self.entities.values():
            if e.affiliation == other.key:
                e.affiliation = into.key

    def alias(self, entity: Entity, form: str) -> None:
        """Record one more form of an entity's name."""
        form = clean_name(form)
        if form and fold(form) not in self._index and fold(form) not in self._shared:
            entity.aliases.add(form)
            self._index[fold(form)] = entity.key

    def set_kind(self, entity: Entity, kind: str) -> None:
        """Make an entity's kind more specific (a rule learned that "Project Azure" is a team)."""
        if KIND_RANK.get(kind, 9) < KIND_RANK.get(entity.kind, 9):
            entity.kind = kind


# How a report speaks of itself as a body: "the Committee", "this Inquiry", "our working group".
_SELF_OPENER = re.compile(r"^(?:the|this|our)\s+", re.I)


def self_key(name: str) -> str:
    """The key a report's name for itself is kept under: "this Inquiry", "our Inquiry" and "the inquiry" share one."""
    return fold(_SELF_OPENER.sub("", clean_name(name)))
