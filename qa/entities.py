"""The entities the document model already names (glossary terms, people, organisations), with every surface form."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import Report

from .text import fold

# Organisation "names" longer than this are list items the parser took for organisations; matching them adds noise.
_MAX_ORG_WORDS = 7


@dataclass
class Entity:
    """One thing a question or passage can name, scoped by its report."""

    key: str
    report: str
    kind: str  # term | person | organisation
    label: str
    forms: list[str] = field(default_factory=list)  # folded surface forms matched case-insensitively
    exact_forms: list[str] = field(default_factory=list)  # forms matched case-sensitively (short or ambiguous)
    head: str | None = None  # for terms: the last word of the expansion ('hub' of Multi-Agency Safeguarding Hub)

    def expansion(self) -> str:
        """Every name of the entity, for query expansion."""
        names = [self.label] + [f for f in self.exact_forms] + [f for f in self.forms]
        return " ".join(dict.fromkeys(names))


def _pattern(forms: list[str], flags: int) -> re.Pattern | None:
    forms = sorted({f for f in forms if f}, key=len, reverse=True)
    if not forms:
        return None
    # Plural 's' allowed: 'CAITs', 'hubs', 'Safeguarding Children Boards'.
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?:s|es)?(?![\w-])", flags)


class EntityMatcher:
    """Finds which entities a text names."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._folded = [(_pattern(e.forms, 0), _pattern(e.exact_forms, 0)) for e in entities]
        # A pattern can match only where one of its forms stands verbatim: a substring test over every form is far
        # cheaper than a regular-expression search per entity, and leaves only the few entities worth searching for.
        self._loose_forms = [(f, at) for at, e in enumerate(entities) for f in dict.fromkeys(e.forms) if f]
        self._exact_forms = [(f, at) for at, e in enumerate(entities) for f in dict.fromkeys(e.exact_forms) if f]

    def find(self, text: str) -> list[Entity]:
        """Entities named in text, in entity order."""
        folded = fold(text)
        flat = re.sub(r"\s+", " ", text).replace("’", "'")
        loose = {at for f, at in self._loose_forms if f in folded}
        exact = {at for f, at in self._exact_forms if f in flat}
        found = []
        for at in sorted(loose | exact):
            loose_pattern, exact_pattern = self._folded[at]
            if (at in loose and loose_pattern.search(folded)) or (at in exact and exact_pattern.search(flat)):
                found.append(self.entities[at])
        return found


def _is_acronym_like(acronym: str) -> bool:
    """Whether an acronym can be matched without regard to case ('MASH' yes; 'Met', 'AVA' stay exact)."""
    return len(acronym) >= 3 and acronym.isupper() and acronym.lower() not in {"ava", "cps"}


def report_entities(report: Report) -> list[Entity]:
    """The glossary terms, people and organisations of one report."""
    out: list[Entity] = []
    for g in report.glossary:
        forms = [fold(g.expansion)]
        exact = [g.acronym]
        if _is_acronym_like(g.acronym):
            forms.append(fold(g.acronym))
        head = fold(g.expansion).split()[-1] if g.expansion.split() else None
        out.append(Entity(f"{report.id}/term/{g.acronym}", report.id, "term", g.acronym, forms, exact, head))
    surnames: dict[str, int] = {}
    for p in report.people:
        last = p.name.split()[-1]
        surnames[last] = surnames.get(last, 0) + 1
    # A title or role held by one person only ('the Assistant Commissioner', 'the Deputy Children's Commissioner')
    # names that person; titles shared by several people, or one-word ones ('Chair'), name no one.
    offices: dict[str, int] = {}
    for p in report.people:
        for office in {fold(x) for x in (p.title, p.role) if x and len(x.split()) >= 2}:
            offices[office] = offices.get(office, 0) + 1
    for p in report.people:
        names = [p.name] + list(p.aliases)
        names += [x for x in (p.title, p.role) if x and len(x.split()) >= 2 and offices.get(fold(x)) == 1]
        forms = [fold(n) for n in names]
        exact = []
        last = p.name.split()[-1]
        if surnames.get(last) == 1 and len(last) > 3:
            exact.append(last)  # 'Rowley' alone, matched only capitalised, and only when no one else shares it
            if p.title:
                forms.append(fold(f"{p.title} {last}"))
        out.append(Entity(p.id, report.id, "person", p.name, forms, exact))
    for o in report.organisations:
        names = [o.name] + list(o.aliases)
        names = [re.sub(r"^the\s+", "", n, flags=re.I) for n in names if len(n.split()) <= _MAX_ORG_WORDS]
        if names:
            out.append(Entity(o.id, report.id, "organisation", o.name, [fold(n) for n in names if len(n) > 4],
                              [n for n in names if len(n) <= 4]))
    return out
