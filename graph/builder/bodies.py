"""The bodies a people list's line names: the organisations of a witness line, the report's committee, the bodies
member lists and stated posts name, and the ones a chair's title says the person chairs."""
from __future__ import annotations

import re

from rdflib.namespace import ORG

from ingest.authors import STATED_POST, appointment_sentence
from ingest.people import MEMBER_LIST

from ..entities import HOUSE, Entity

# A chair's title in a witness or member list's line, alone ("Chair") or naming its body ("Chair of the …")
_CHAIR = re.compile(r"(?:Chair|Chairman|Chairwoman|Chairperson|Convenor)", re.I)
# the chair, not a vice, deputy, former, acting or co-chair (review)
_CHAIR_OF = re.compile(r"(?<![\w-])(?<!Vice[ -])(?<!Deputy )(?<!Former )(?<!former )(?<!Acting )(?<!Co-)(?<!Co )"
                       r"(?:Chair|Chairman|Chairwoman|Chairperson|Convenor)\s+of\s+(?:the\s+)?$")


class BodiesMixin:
    """The bodies a list line names (mixed into graph.build.ReportBuilder)."""

    def _listed_bodies(self, person) -> list[tuple]:
        """(appearance, body, evidence passage) of each member list that names a body the registry holds as an
        organisation or unit, on a line some passage holds."""
        out = []
        for a in person.appearances:
            if a.meeting != MEMBER_LIST or not a.organisation:
                continue
            body = self.reg.resolve(a.organisation)
            evidence = self.passage_at(a.start) if a.start is not None else None
            if body is not None and body.kind in ("organisation", "unit") and evidence is not None:
                out.append((a, body, evidence))
        return out

    def _listed_memberships(self, ent: Entity, person, listed: list, used: set[str]) -> None:
        """Member of (and chair of) the body each member list names: "The Members of the Sub-Committee … are:
        … Baroness Neuberger (Chairman)", with that list's line as the evidence."""
        pit = self.iris.entity(ent.key)
        for a, body, evidence in listed:
            used.add(body.key)
            text = self.r.passage(evidence).text
            quote_text, offset = _find_line(text, [person.name, *person.aliases])
            ev = self.passage_iri(evidence)
            self.assert_with_provenance(pit, ORG.memberOf, self.iris.entity(body.key), "member-list", quote_text,
                                        offset, ev)
            if a.role == "Chair":
                self.assert_with_provenance(pit, ORG.headOf, self.iris.entity(body.key), "member-list", quote_text,
                                            offset, ev)

    def _chaired(self, person, orgs: list[str]) -> set[str]:
        """The bodies a list line says the person chairs: the one a chair's title names ("Chair of the London
        Safeguarding Children Board and Chief Executive, …"), or the line's organisation after a role that is a
        chair's title alone ("Dominic Clout, Chair, Camden Safeguarding Children Board")."""
        role = person.role or ""
        named = {m.key for m in self.matcher.find(role) if _CHAIR_OF.search(role[:m.start])}
        if _CHAIR.fullmatch(role.strip(" ,")):
            bodies = [b.key for b in self._organisations(person.organisation) if b.kind != "person"]
            named |= set(bodies[:1]) if len(bodies) == 1 else set()
        return named & set(orgs)

    def _stated_posts(self, ent: Entity, person, committee: str | None, used: set[str]) -> None:
        """Chair of the body the report says its writer was appointed to chair ("From the moment of my appointment
        as Chair of this Inquiry, …"), or that the signature names: the sentence that says so is the evidence."""
        for a in person.appearances:
            if a.meeting != STATED_POST or a.role != "Chair" or a.start is None:
                continue
            body = self.reg.get(committee) if committee and a.organisation == self.r.publisher \
                else self.reg.resolve(a.organisation)
            evidence = self.passage_at(a.start)
            if body is None or body.kind not in ("organisation", "unit") or evidence is None:
                continue
            text = self.r.passage(evidence).text
            said = appointment_sentence(text)
            quote_text, offset = said if said else _find_line(text, [person.name, *person.aliases])
            used.add(body.key)
            self.assert_with_provenance(self.iris.entity(ent.key), ORG.headOf, self.iris.entity(body.key),
                                        "stated-post", quote_text, offset, self.passage_iri(evidence))

    def _organisations(self, name: str | None) -> list:
        """The organisations a witness list names: "King's College London and University of Cambridge" is two
        when each part is an organisation the registry knows, else the one it resolves to."""
        if not name:
            return []
        pieces = re.split(r"\s+and\s+", name)
        # the cuts at "and" that leave only bodies the registry knows, fewest first: "Department for Environment,
        # Food and Rural Affairs and Central Office of Information" is two, cut at its second "and"
        for cuts in sorted(_subsets(len(pieces) - 1), key=len):
            if not cuts:
                continue
            bounds = [0, *cuts, len(pieces)]
            parts = [self.reg.resolve(" and ".join(pieces[a:b])) for a, b in zip(bounds, bounds[1:])]
            if all(p is not None and p.kind in ("organisation", "unit") for p in parts):
                return parts
        whole = self.reg.resolve(name)
        return [whole] if whole else []

    def _committee(self) -> str | None:
        """The entity key of the committee that published the report ("House of Commons Environmental Audit
        Committee" -> Environmental Audit Committee), when the registry knows it."""
        name = self.r.publisher or ""
        for form in (name, HOUSE.sub("", name)):
            ent = self.reg.resolve(form) if form else None
            if ent is not None and ent.kind in ("organisation", "unit"):
                return ent.key
        return None


def _subsets(n: int) -> list[tuple[int, ...]]:
    """Every set of the cut positions 1..n, as sorted tuples (none past six cuts: a name of seven "and"s is one)."""
    from itertools import combinations

    n = n if n <= 6 else 0
    return [c for k in range(n + 1) for c in combinations(range(1, n + 1), k)]


def _find_line(text: str, names: list[str]) -> tuple[str, int]:
    """The line of a list passage that names someone (in any of their forms), and where it starts;
    the whole passage when no form is found, so every claim keeps an exact quote."""
    i = next((text.find(n) for n in names if n and text.find(n) >= 0), -1)
    if i < 0:
        i = next((text.find(n.split()[-1]) for n in names if n and text.find(n.split()[-1]) >= 0), -1)
    if i < 0:
        return text, 0
    start = max(text.rfind("•", 0, i), text.rfind("\n", 0, i), 0)
    end = min([j for j in (text.find("•", i), text.find("\n", i)) if j >= 0] or [len(text)])
    start = start + 1 if text[start:start + 1] in "•\n" and start < i else start
    return text[start:end].strip() or None, start + (len(text[start:end]) - len(text[start:end].lstrip()))
