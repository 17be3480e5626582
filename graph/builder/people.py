"""The people a report lists (witnesses, members, signatories): roles, memberships, chairs, appearances."""
from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS

from ingest.ids import short_hash, slugify

from ..namespaces import KG
from .bodies import _find_line
from .core import _lit

WITNESS_GROUPS = {"witness", "written evidence"}  # the people lists of those who gave a report's body evidence


def _counsel(person) -> bool:
    """Whether a person is named as King's or Queen's Counsel ("Sam Stein KC"): a transcript of counsel cited in a
    note gives their submissions, not evidence, so they are no witness unless a witness list names them."""
    return any(re.search(r"\b[KQ]C$", name) for name in [person.name, *person.aliases])


def _evidence_kind(person) -> str | None:
    """"oral" for a witness heard on a day or asked questions (a Lords list's QQ 1–50), "written" for one only a
    written-evidence list names, else None (a witness statement cited in a note says neither)."""
    if any(a.date or a.questions for a in person.appearances):
        return "oral"
    return "written" if set(person.groups) & WITNESS_GROUPS == {"written evidence"} else None


class PeopleMixin:
    """Roles, affiliations and evidence given, from the witness and member lists (mixed into ReportBuilder)."""

    def _first_citing(self, key: str) -> str | None:
        """The first passage whose notes cite a source by this person (made once per report)."""
        if self._citing is None:
            self._citing = {}
            for p in self.r.passages:
                for number in p.notes:
                    note = self.r.note(number)
                    for src in (note.sources if note else []):
                        person = self.reg.resolve(src.person_name) if src.person_name else None
                        if person is not None:
                            self._citing.setdefault(person.key, p.id)
        return self._citing.get(key)

    def people(self) -> set[str]:
        """Roles and affiliations from the witness and member lists."""
        used = set()
        committee = self._committee()
        for person in self.r.people:
            ent = self.reg.resolve(person.name)
            if ent is None or ent.kind != "person":
                continue
            used.add(ent.key)
            pit = self.iris.entity(ent.key)
            if ent.title:
                self.add(pit, FOAF.title, _lit(ent.title))
            evidence = self.passage_at(person.start)
            ev = self.passage_iri(evidence) if evidence else self.rep
            text = self.r.passage(evidence).text if evidence else None
            orgs = []
            bodies = self._organisations(person.organisation)
            whole = self.reg.resolve(person.organisation) if len(bodies) > 1 else None
            if ent.affiliation and not (whole and whole.key == ent.affiliation):  # the two, not their joint name
                orgs.append(ent.affiliation)
            for org2 in bodies:
                if org2.key not in orgs and org2.kind != "person":
                    orgs.append(org2.key)
            # The member lists whose body is an organisation or unit the graph knows: a list naming none ("The
            # Members of the Inquiry are:", a publication's word) leaves the member to the report's committee.
            listed = self._listed_bodies(person)
            if committee and "member" in person.groups and committee not in orgs and not listed:
                orgs.append(committee)  # the member list of the committee that wrote the report
            # "Chair of the London Safeguarding Children Board and Chief Executive": the role names a body too.
            parents = [k for k in orgs if self.reg.get(k).kind == "organisation"]
            for m in self.matcher.find(person.role or ""):
                if self.reg.get(m.key).kind in ("organisation", "unit") and m.key not in orgs:
                    orgs.append(m.key)
                    # "Director, Transport Studies Unit, University of Oxford": the list line names a unit of the
                    # organisation it gives.
                    if self.reg.get(m.key).kind == "unit" and len(parents) == 1 and text:
                        quote_text, offset = _find_line(text, [person.name, *person.aliases])
                        used.add(parents[0])
                        self.assert_with_provenance(self.iris.entity(m.key), ORG.subOrganizationOf,
                                                    self.iris.entity(parents[0]), "people-list", quote_text, offset, ev)
            chaired = self._chaired(person, orgs)
            for key in orgs:
                used.add(key)
                oit = self.iris.entity(key)
                quote_text, offset = _find_line(text, [person.name, *person.aliases]) if text else (None, None)
                self.assert_with_provenance(pit, ORG.memberOf, oit, "people-list", quote_text, offset, ev)
                if key in chaired:
                    self.assert_with_provenance(pit, ORG.headOf, oit, "people-list", quote_text, offset, ev)
                mit = self.iris.part(self.rid, "membership", short_hash(f"{ent.key}|{key}", 10))
                self.add(mit, RDF.type, ORG.Membership)
                self.add(mit, ORG.member, pit)
                self.add(mit, ORG.organization, oit)
                self.add(mit, KG.inReport, self.rep)
                self.add(mit, PROV.wasDerivedFrom, ev)
                role = person.role if person.role and not self.reg.resolve(person.role) else (ent.role or person.title)
                if role:
                    rit = URIRef(f"{self.iris.base}role/{slugify(role)}")
                    self.add(mit, ORG.role, rit)
                    self.shared.add((rit, RDF.type, ORG.Role))
                    self.shared.add((rit, RDFS.label, _lit(role)))
            self._listed_memberships(ent, person, listed, used)
            self._stated_posts(ent, person, committee, used)
            if committee and person.chair and "member" in person.groups and not listed:
                quote_text, offset = _find_line(text, [person.name, *person.aliases]) if text else (None, None)
                used.add(committee)
                self.assert_with_provenance(pit, ORG.headOf, self.iris.entity(committee), "people-list", quote_text,
                                            offset, ev)
            for group in person.groups:
                self.add(pit, RDFS.comment, _lit(f"{group} ({self.r.title})"))
            if WITNESS_GROUPS & set(person.groups) and not (evidence is None and _counsel(person)):
                # "Who gave evidence to the committee?": the days on a node of this report, for the person is
                # shared by the corpus, and another report's witness list gives its own days.
                ait = self.iris.part(self.rid, "appearance", ent.key)
                self.add(ait, RDF.type, KG.Appearance)
                self.add(ait, KG.witness, pit)
                self.add(ait, KG.inReport, self.rep)
                for a in person.appearances:
                    if a.date:
                        self.add(ait, DCTERMS.date, _lit(a.date))
                kind = _evidence_kind(person)
                if kind:
                    self.add(ait, KG.evidenceKind, _lit(kind))
                cited = evidence or self._first_citing(ent.key)  # a witness named only in notes: where it is cited
                if cited:
                    self.add(ait, PROV.wasDerivedFrom, self.passage_iri(cited))
            for a in person.appearances:
                if a.date:
                    self.add(pit, DCTERMS.date, _lit(a.date))
                    if evidence:  # where the day is read: the witness list, the evidence of "who gave evidence on"
                        self.add(pit, KG.listedIn, ev)
        return used
