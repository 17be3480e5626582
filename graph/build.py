"""The document model to RDF: one named graph per report, every extracted fact traceable to its passage.

Provenance pattern (reification, documented in notes/graph.md): each stated relation is asserted
directly (``ex:soeca org:subOrganizationOf ex:met``) so plain queries stay plain, and is also
described by a ``kg:Claim`` node (an ``rdf:Statement``) with ``rdf:subject/predicate/object``,
``prov:wasDerivedFrom`` the passage (or note), the rule that found it, and two Web Annotation
selectors: ``oa:TextQuoteSelector`` (the exact sentence) and ``oa:TextPositionSelector``
(``oa:start``/``oa:end`` into the passage text). Passages carry their own source offsets.
The named graph says which report asserts it; entities (names, kinds, aliases) are described once in
a shared graph, ``<base>graph/entities``, so that reports meet on them without repeating them.
"""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from ingest.ids import short_hash, slugify
from ingest.model import Report
from ingest.authors import STATED_POST, appointment_sentence
from ingest.people import MEMBER_LIST

from .entities import HOUSE, Entity, Matcher, Registry, build_registry, cited_title
from .namespaces import KG, OA, data_base
from .relations import Claim, RelationFinder, apply_kinds, heading_topic

KIND_CLASSES = {
    "organisation": [ORG.Organization],
    "unit": [ORG.OrganizationalUnit, ORG.Organization],
    "project": [KG.Project],
    "operation": [KG.Operation],
    "person": [FOAF.Person],
    "place": [KG.Place, DCTERMS.Location],
    "publication": [KG.Publication, DCTERMS.BibliographicResource],
    "topic": [KG.Topic, SKOS.Concept],
    "sector": [KG.Sector, ORG.Organization],
}

PREDICATE_TERMS = {
    "subOrganizationOf": ORG.subOrganizationOf,
    "formedByMergerOf": KG.formedByMergerOf,
    "oversees": KG.oversees,
    "holdsToAccount": KG.holdsToAccount,
    "replaces": DCTERMS.replaces,
    "supports": KG.supports,
    "memberOf": ORG.memberOf,
    "headOf": ORG.headOf,
    "partnerIn": KG.partnerIn,
    "participatedIn": KG.participatedIn,
    "establishedBy": KG.establishedBy,
    "addressedTo": KG.addressedTo,
    "concerns": KG.concerns,
    "spokeAbout": KG.spokeAbout,
    "createdBy": DCTERMS.creator,
}
# A chair's title in a witness or member list's line, alone ("Chair") or naming its body ("Chair of the …")
_CHAIR = re.compile(r"(?:Chair|Chairman|Chairwoman|Chairperson|Convenor)", re.I)
# the chair, not a vice, deputy, former, acting or co-chair (review)
_CHAIR_OF = re.compile(r"(?<![\w-])(?<!Vice[ -])(?<!Deputy )(?<!Former )(?<!former )(?<!Acting )(?<!Co-)(?<!Co )"
                       r"(?:Chair|Chairman|Chairwoman|Chairperson|Convenor)\s+of\s+(?:the\s+)?$")

INVERSES = {ORG.subOrganizationOf: ORG.hasSubOrganization, ORG.memberOf: ORG.hasMember,
            DCTERMS.replaces: DCTERMS.isReplacedBy}


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote leaves as it is, whatever its safe characters


def _quote(text: str, safe: str = "/") -> str:
    """urllib's quote, returning a plain identifier ("p0001", "source") at once: a build quotes one for every node."""
    return text if _PLAIN.fullmatch(text) else quote(text, safe=safe)


class Iris:
    """IRIs of one corpus: entities are shared, everything else is scoped by its report."""

    def __init__(self, base: str | None = None) -> None:
        self.base = data_base(base)

    def entity(self, key: str) -> URIRef:
        """An entity's IRI."""
        return URIRef(f"{self.base}entity/{_quote(key)}")

    def report(self, rid: str) -> URIRef:
        """A report's IRI."""
        return URIRef(f"{self.base}report/{_quote(rid)}")

    def graph(self, rid: str) -> URIRef:
        """The named graph holding what a report states."""
        return URIRef(f"{self.base}graph/{_quote(rid)}")

    def entities_graph(self) -> URIRef:
        """The named graph describing the corpus's entities once (names, kinds), shared by every report."""
        return URIRef(f"{self.base}graph/entities")

    def part(self, rid: str, *path: str | int) -> URIRef:
        """A part of a report: report/<rid>/<kind>/<id>..."""
        return URIRef(f"{self.base}report/{_quote(rid)}/" + "/".join(_quote(str(p), safe="") for p in path))

    def passage(self, rid: str, pid: str) -> URIRef:
        """A passage's IRI, from its ingest id."""
        return self.part(rid, "passage", _local(rid, pid))

    def statement(self, rid: str, sid: str) -> URIRef:
        """A statement's IRI, from its ingest id."""
        return self.part(rid, "statement", _local(rid, sid))

    def recommendation(self, rid: str, label: str) -> URIRef:
        """A recommendation's IRI, from its label as the report prints it ("3", "8.1")."""
        return self.part(rid, "recommendation", label)


def _local(rid: str, ident: str) -> str:
    """An ingest id without its report prefix ("<rid>-p0001" -> "p0001", "<rid>/1-intro" -> "1-intro")."""
    for sep in ("/", "-"):
        if ident.startswith(rid + sep):
            return ident[len(rid) + 1:]
    return ident


def _lit(value, datatype=None) -> Literal:
    return Literal(value, datatype=datatype) if datatype else Literal(value)


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


class ReportBuilder:
    """Writes one report's triples into its named graph."""

    def __init__(self, report: Report, g: Graph, registry: Registry, matcher: Matcher, iris: Iris,
                 shared: Graph | None = None) -> None:
        self.r, self.g, self.reg, self.matcher, self.iris = report, g, registry, matcher, iris
        self.shared = shared if shared is not None else g  # where corpus-wide nodes (roles) are described
        self.rid = report.id
        self.rep = iris.report(report.id)
        self.passages = {p.id: p for p in report.passages}
        self._citing: dict[str, str] | None = None  # person key -> the first passage citing their evidence
        self.mentioned: dict[str, set[str]] = {}  # passage id -> entity keys

    def add(self, s, p, o) -> None:
        """Add one triple to the report's graph."""
        self.g.add((s, p, o))

    def passage_iri(self, pid: str) -> URIRef:
        """The IRI of a passage, from its ingest id."""
        return self.iris.passage(self.rid, pid)

    def note_iri(self, number: int) -> URIRef:
        """The IRI of a note, from its number."""
        return self.iris.part(self.rid, "note", number)

    def locate(self, passage_id: str | None, text: str) -> tuple[str | None, int | None]:
        """Where text stands in a passage's reader text: (exact words, offset); the whole passage when
        ingest reworded it, so that a selector never points at words the passage does not hold."""
        passage = self.passages.get(passage_id) if passage_id else None
        if passage is None:
            return text, None
        i = passage.text.find(text)
        if i >= 0:
            return text, i
        return passage.text, 0

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

    def passage_at(self, offset: int | None) -> str | None:
        """The passage whose source range holds an offset (for list entries such as witnesses)."""
        if offset is None:
            return None
        for p in self.r.passages:
            if p.start <= offset < max(p.end, p.start + 1):
                return p.id
        return None

    # -- structure -------------------------------------------------------------------------
    def structure(self) -> None:
        """The report, its section tree, passages (text, page, offsets), notes and their sources."""
        r, add, rep = self.r, self.add, self.rep
        add(rep, RDF.type, KG.Report)
        add(rep, RDF.type, PROV.Entity)
        add(rep, DCTERMS.title, _lit(r.title))
        add(rep, RDFS.label, _lit(r.title))
        add(rep, DCTERMS.identifier, _lit(r.id))
        if r.publisher:
            add(rep, DCTERMS.publisher, _lit(r.publisher))
        if r.date:
            add(rep, DCTERMS.date, _lit(r.date))
        add(rep, KG.style, _lit(r.style))
        add(rep, KG.sha256, _lit(r.source_sha256))
        for s in r.sections:
            it = self.iris.part(self.rid, "section", _local(self.rid, s.id))
            add(it, RDF.type, KG.Section)
            add(it, DCTERMS.title, _lit(s.title))
            add(it, RDFS.label, _lit(s.title))
            add(it, KG.level, _lit(s.level))
            add(it, KG.sectionKind, _lit(s.kind))
            if s.number:
                add(it, KG.number, _lit(s.number))
            add(it, KG.page, _lit(s.page))
            add(it, KG.start, _lit(s.start))
            add(it, KG.end, _lit(s.end))
            add(it, KG.inReport, rep)
            parent = self.iris.part(self.rid, "section", _local(self.rid, s.parent)) if s.parent else rep
            add(it, DCTERMS.isPartOf, parent)
        for p in r.passages:
            it = self.passage_iri(p.id)
            add(it, RDF.type, KG.Passage)
            add(it, KG.text, _lit(p.text))
            add(it, KG.page, _lit(p.page))
            add(it, KG.pageEnd, _lit(p.page_end))
            add(it, KG.start, _lit(p.start))
            add(it, KG.end, _lit(p.end))
            add(it, KG.ordinal, _lit(p.ordinal))
            add(it, KG.passageKind, _lit(p.kind))
            add(it, DCTERMS.identifier, _lit(p.id))
            add(it, DCTERMS.isPartOf, self.iris.part(self.rid, "section", _local(self.rid, p.section)))
            add(it, KG.inReport, rep)
            for n in p.notes:
                add(it, KG.citesNote, self.note_iri(n))
        for n in r.notes:
            it = self.note_iri(n.number)
            add(it, RDF.type, KG.Note)
            add(it, KG.number, _lit(n.number))
            add(it, KG.status, _lit(n.status))
            add(it, KG.inReport, rep)
            if n.text:
                add(it, KG.text, _lit(n.text))
            for attr, term in (("page", KG.page), ("start", KG.start), ("end", KG.end)):
                if getattr(n, attr) is not None:
                    add(it, term, _lit(getattr(n, attr)))
            for i, src in enumerate(n.sources, 1):
                self.source(it, n.number, i, src)

    def source(self, note_iri: URIRef, number: int, i: int, src) -> None:
        """One source a note names: kind, person, organisation, date, meeting, code, questions, each place in a
        transcript (day, page and line), and URL."""
        it = self.iris.part(self.rid, "note", number, "source", i)
        add = self.add
        add(note_iri, DCTERMS.source, it)
        add(it, RDF.type, KG.Source)
        add(it, RDFS.label, _lit(src.label))
        add(it, KG.sourceKind, _lit(src.kind))
        add(it, KG.inReport, self.rep)
        person = self.reg.resolve(src.person_name) if src.person_name else None
        if person:
            add(it, KG.person, self.iris.entity(person.key))
        for name in src.panel:
            witness = self.reg.resolve(name)
            if witness:
                add(it, KG.panelWitness, self.iris.entity(witness.key))
        org = self.reg.resolve(src.organisation) if src.organisation else None
        if org and org.kind != "person":
            add(it, KG.organisation, self.iris.entity(org.key))
        elif org:
            add(it, KG.person, self.iris.entity(org.key))
        for attr, term in (("date", DCTERMS.date), ("meeting", KG.meeting), ("code", KG.code)):
            if getattr(src, attr):
                add(it, term, _lit(getattr(src, attr)))
        for q in src.questions:
            add(it, KG.question, _lit(q))
        # each place in the transcript a node of its own, so a day's page is never read with another place's line
        for k, place in enumerate(src.transcripts, 1):
            at = self.iris.part(self.rid, "note", number, "source", i, "place", k)
            add(it, KG.transcriptPlace, at)
            add(at, RDF.type, KG.TranscriptPlace)
            add(at, KG.ordinal, _lit(k))
            for attr, term in (("day", KG.hearingDay), ("page", KG.transcriptPage), ("line", KG.transcriptLine),
                               ("page_end", KG.transcriptPageEnd), ("line_end", KG.transcriptLineEnd)):
                if getattr(place, attr) is not None:
                    add(at, term, _lit(getattr(place, attr)))
        if src.url:
            add(it, KG.url, _lit(src.url, XSD.anyURI))
        work = self.reg.resolve(cited_title(src.title))
        if work and work.kind == "publication":
            add(it, KG.cites, self.iris.entity(work.key))

    # -- entities and mentions ---------------------------------------------------------------
    def mentions(self) -> None:
        """Which passages name which entities (in any of their forms)."""
        for p in self.r.passages:
            keys = {m.key for m in self.matcher.find(p.text)}
            self.mentioned[p.id] = keys
            it = self.passage_iri(p.id)
            for key in keys:
                self.add(it, KG.mentions, self.iris.entity(key))

    # -- claims ------------------------------------------------------------------------------
    def claim(self, c: Claim) -> None:
        """A relation a sentence states, with its provenance."""
        s, o = self.iris.entity(c.subject), self.iris.entity(c.object)
        p = PREDICATE_TERMS[c.predicate]
        self.assert_with_provenance(s, p, o, c.rule, c.sentence, c.offset,
                                    self.passage_iri(c.passage) if c.passage else self.note_iri(c.note), c.count)

    def assert_with_provenance(self, s, p, o, rule: str, quote_text: str | None, offset: int | None,
                               evidence: URIRef, count: int | None = None) -> URIRef:
        """Assert s p o and describe the assertion: its rule, its evidence and the exact words."""
        add = self.add
        add(s, p, o)
        if p in INVERSES:
            add(o, INVERSES[p], s)
        cid = short_hash(f"{s}|{p}|{o}|{evidence}|{offset}", 12)
        it = self.iris.part(self.rid, "claim", cid)
        add(it, RDF.type, KG.Claim)
        add(it, RDF.type, RDF.Statement)
        add(it, RDF.subject, s)
        add(it, RDF.predicate, p)
        add(it, RDF.object, o)
        # Both ends again under one property, so "the claims about X" is one index lookup.
        add(it, KG.involves, s)
        add(it, KG.involves, o)
        add(it, KG.rule, _lit(rule))
        add(it, KG.inReport, self.rep)
        add(it, PROV.wasDerivedFrom, evidence)
        if count is not None:
            add(it, KG.count, _lit(count))
        if quote_text:
            q = URIRef(f"{it}#quote")
            add(it, OA.hasSelector, q)
            add(q, RDF.type, OA.TextQuoteSelector)
            add(q, OA.exact, _lit(quote_text))
        if offset is not None and quote_text:
            pos = URIRef(f"{it}#position")
            add(it, OA.hasSelector, pos)
            add(pos, RDF.type, OA.TextPositionSelector)
            add(pos, OA.start, _lit(offset))
            add(pos, OA.end, _lit(offset + len(quote_text)))
        return it

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

    def recommendations(self) -> set[str]:
        """Recommendations with bullets, deadline, passages, addressees and concerns; returns entity keys used."""
        used = set()
        for rec in self.r.recommendations:
            it = self.iris.recommendation(self.rid, rec.label)
            add = self.add
            add(it, RDF.type, KG.Recommendation)
            add(it, KG.number, _lit(rec.number))
            add(it, RDFS.label, _lit(f"Recommendation {rec.label}"))
            add(it, SKOS.notation, _lit(rec.label))  # the number as the report prints it: "3", "8.1"
            add(it, KG.text, _lit(rec.text))
            add(it, KG.inReport, self.rep)
            add(it, KG.page, _lit(rec.page))
            add(it, KG.start, _lit(rec.start))
            add(it, KG.end, _lit(rec.end))
            if rec.deadline:
                add(it, KG.deadline, _lit(rec.deadline))
            for i, b in enumerate(rec.bullets, 1):
                bit = self.iris.part(self.rid, "recommendation", rec.label, "bullet", i)
                add(it, KG.bullet, bit)
                add(bit, RDF.type, KG.Bullet)
                add(bit, KG.text, _lit(b))
                add(bit, KG.ordinal, _lit(i))
            held = rec.passages[0] if rec.passages else None
            for pid in rec.passages:
                add(it, KG.heldIn, self.passage_iri(pid))
            for pid in rec.evidence:
                add(it, KG.evidence, self.passage_iri(pid))
            ev = self.passage_iri(held) if held else self.rep
            quote_text, offset = self.locate(held, rec.text)
            for name in rec.addressee_names:
                ent = self.reg.resolve(name)
                if ent:
                    used.add(ent.key)
                    self.assert_with_provenance(it, KG.addressedTo, self.iris.entity(ent.key), "addressee",
                                                quote_text, offset, ev)
            concerns = {m.key for m in self.matcher.find(rec.text)} | {
                e.key for e in (self.reg.resolve(c) for c in rec.concerns) if e}
            headed = heading_topic(self.r, rec, self.reg)  # the topic its heading names, where it says none itself
            addressees = {self.reg.resolve(n).key for n in rec.addressee_names if self.reg.resolve(n)}
            for key in sorted((concerns | {headed} - {None}) - addressees):
                used.add(key)
                rule = "concerns" if key in concerns else "heading"
                self.assert_with_provenance(it, KG.concerns, self.iris.entity(key), rule, quote_text, offset, ev)
        return used

    def statements(self) -> set[str]:
        """Who said what: speaker (or an explicit unnamed one), passage, note, and what it is about."""
        used = set()
        for st in self.r.statements:
            it = self.iris.statement(self.rid, st.id)
            add = self.add
            add(it, RDF.type, KG.Statement)
            add(it, RDF.type, PROV.Entity)
            add(it, KG.inReport, self.rep)
            add(it, KG.verb, _lit(st.verb))
            add(it, KG.content, _lit(st.content))
            add(it, KG.speakerName, _lit(st.speaker_name))
            add(it, KG.speakerKind, _lit(st.speaker_kind))
            add(it, KG.page, _lit(st.page))
            pit = self.passage_iri(st.passage)
            add(it, KG.inPassage, pit)
            add(it, PROV.wasDerivedFrom, pit)
            if st.quote:
                add(it, KG.quote, _lit(st.quote))
            if st.date:
                add(it, DCTERMS.date, _lit(st.date))
            if st.note is not None:
                add(it, KG.note, self.note_iri(st.note))
                add(it, DCTERMS.source, self.note_iri(st.note))
            if st.note_speaker:
                add(it, KG.noteSpeaker, _lit(st.note_speaker))
            speaker = self.reg.resolve(st.speaker_name) if st.speaker_kind != "group" else None
            if speaker:
                used.add(speaker.key)
                add(it, PROV.wasAttributedTo, self.iris.entity(speaker.key))
            else:
                # "we were told by non-police partners": an unnamed speaker, named as the report names it.
                sp = self.iris.part(self.rid, "speaker", slugify(st.speaker_name))
                add(sp, RDF.type, KG.UnnamedSpeaker)
                add(sp, RDF.type, PROV.Agent)
                add(sp, RDFS.label, _lit(st.speaker_name))
                add(it, PROV.wasAttributedTo, sp)
            about = {m.key for m in self.matcher.find(st.content)}
            if speaker:
                about.discard(speaker.key)
            for key in sorted(about):
                used.add(key)
                add(it, KG.about, self.iris.entity(key))
                if speaker:
                    quote_text, offset = self.locate(st.passage, st.content)
                    self.assert_with_provenance(self.iris.entity(speaker.key), KG.spokeAbout, self.iris.entity(key),
                                                "statement", quote_text, offset, pit)
        return used

    def glossary(self) -> set[str]:
        """The glossary as a SKOS concept scheme, each entry pointing at the entity it names."""
        used = set()
        scheme = self.iris.part(self.rid, "glossary")
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, RDFS.label, _lit(f"Glossary of {self.r.title}"))
        self.add(scheme, KG.inReport, self.rep)
        for g in self.r.glossary:
            it = self.iris.part(self.rid, "glossary", g.acronym)
            self.add(it, RDF.type, KG.GlossaryEntry)
            self.add(it, RDF.type, SKOS.Concept)
            self.add(it, SKOS.inScheme, scheme)
            self.add(it, SKOS.prefLabel, _lit(g.expansion))
            self.add(it, SKOS.notation, _lit(g.acronym))
            self.add(it, SKOS.altLabel, _lit(g.acronym))
            self.add(it, KG.page, _lit(g.page))
            self.add(it, KG.start, _lit(g.start))
            self.add(it, KG.end, _lit(g.end))
            self.add(it, KG.inReport, self.rep)
            ent = self.reg.resolve(g.acronym)
            if ent:
                used.add(ent.key)
                self.add(it, KG.denotes, self.iris.entity(ent.key))
        return used

    def self_references(self) -> set[str]:
        """What the report calls its own bodies ("the Sub-Committee", "the Inquiry"): a name that holds only in this
        report, so it is a node of the report's graph pointing at the body, never an alias of the shared entity."""
        used = set()
        for written, key in self.reg.own.get(self.rid, {}).values():
            it = self.iris.part(self.rid, "self", slugify(written))
            self.add(it, RDF.type, KG.SelfReference)
            self.add(it, RDFS.label, _lit(written))
            self.add(it, KG.denotes, self.iris.entity(key))
            self.add(it, KG.inReport, self.rep)
            used.add(key)
        return used

    def comentions(self) -> None:
        """Entities named in the same passage: weighted, with the passages as evidence; never a stated relation."""
        pairs: dict[tuple[str, str], list[str]] = {}
        for pid, keys in self.mentioned.items():
            ks = sorted(k for k in keys if self.reg.get(k).kind != "topic")
            for i, a in enumerate(ks):
                for b in ks[i + 1:]:
                    pairs.setdefault((a, b), []).append(pid)
        for (a, b), pids in pairs.items():
            it = self.iris.part(self.rid, "comention", f"{a}--{b}")
            self.add(it, RDF.type, KG.CoMention)
            self.add(it, KG.entity, self.iris.entity(a))
            self.add(it, KG.entity, self.iris.entity(b))
            self.add(it, KG.weight, _lit(len(pids)))
            self.add(it, KG.inReport, self.rep)
            for pid in pids:
                self.add(it, KG.evidence, self.passage_iri(pid))


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


def describe_entity(g: Graph, e: Entity, iris: Iris) -> None:
    """An entity's types, kind, names and aliases."""
    it = iris.entity(e.key)
    g.add((it, RDF.type, KG.Entity))
    for cls in KIND_CLASSES[e.kind]:
        g.add((it, RDF.type, cls))
    g.add((it, KG.kind, _lit(e.kind)))
    g.add((it, RDFS.label, _lit(e.label)))
    g.add((it, SKOS.prefLabel, _lit(e.pref)))
    if e.kind == "person":
        g.add((it, FOAF.name, _lit(e.pref)))
    if e.acronym:
        g.add((it, SKOS.notation, _lit(e.acronym)))
    for alias in sorted(e.forms() - {e.pref}):
        g.add((it, SKOS.altLabel, _lit(alias)))


def build_report(report: Report, g: Graph, shared: Graph, registry: Registry, matcher: Matcher,
                 finder: RelationFinder, iris: Iris) -> set[str]:
    """Write one report's triples into its named graph g (corpus-wide nodes, roles, into shared); return the keys
    of the entities it uses."""
    b = ReportBuilder(report, g, registry, matcher, iris, shared)
    b.structure()
    b.mentions()
    claims = finder.report_claims(report)
    apply_kinds(claims, registry)
    used: set[str] = set().union(*b.mentioned.values()) if b.mentioned else set()
    for c in claims:
        b.claim(c)
        used |= {c.subject, c.object}
    used |= b.people() | b.recommendations() | b.statements() | b.glossary() | b.self_references()
    b.comentions()
    return used


def report_graphs(reports: list[Report], registry: Registry | None = None, base: str | None = None,
                  graph_for=None) -> Iterator[Graph]:
    """A corpus's named graphs one at a time: each report's, in the order given, then the shared entities graph
    (the entities the reports used, and the roles they named). graph_for(iri) makes each graph (default: a new
    Dataset holding only it, so a caller may serialise it as N-Quads and let it go before the next report: memory
    stays that of one report). Reports are built in order because a report's rules refine the registry's kinds
    for the reports after it, as they do in build_graph."""
    registry = registry or build_registry(reports)
    matcher = Matcher(registry)
    finder = RelationFinder(registry, matcher)
    iris = Iris(base)
    graph_for = graph_for or (lambda iri: _own_dataset(iris).graph(iri))
    shared = graph_for(iris.entities_graph())  # built up across the reports, given last
    used: set[str] = set()
    for report in reports:
        g = graph_for(iris.graph(report.id))
        used |= build_report(report, g, shared, registry, matcher, finder, iris)
        yield g
    # Entities are described once, in their own graph: the reports meet on them without repeating them.
    for key in sorted(used):
        describe_entity(shared, registry.get(key), iris)
    yield shared


def _own_dataset(iris: Iris) -> Dataset:
    """A dataset for one named graph, with the prefixes every serialisation uses."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds, iris)
    return ds


def nquads(g: Graph) -> bytes:
    """A named graph report_graphs made on its own, as N-Quads (UTF-8): the lines graph.nq holds for it."""
    data = Dataset(store=g.store).serialize(format="nquads", encoding="utf-8").rstrip(b"\n")  # the store holds g alone
    return data + b"\n" if data else b""


def build_graph(reports: list[Report], registry: Registry | None = None, base: str | None = None) -> Dataset:
    """The RDF dataset of a corpus: one named graph per report, entities shared between them (the whole corpus in
    memory: for exports, tests and a corpus made in memory; a build streams report_graphs instead)."""
    ds = _own_dataset(Iris(base))
    for _ in report_graphs(reports, registry, base, graph_for=ds.graph):
        pass
    return ds


def bind_prefixes(g: Graph, iris: Iris | None = None) -> None:
    """The prefixes every serialisation uses."""
    iris = iris or Iris()
    for prefix, ns in (("kg", str(KG._NS)), ("org", str(ORG)), ("foaf", str(FOAF)), ("skos", str(SKOS)),
                       ("prov", str(PROV)), ("dcterms", str(DCTERMS)), ("oa", str(OA)), ("rdfs", str(RDFS)),
                       ("xsd", str(XSD)), ("ent", f"{iris.base}entity/"), ("rep", f"{iris.base}report/")):
        g.bind(prefix, ns, override=True, replace=True)


def report_of(iri: str) -> str | None:
    """The report id an IRI is scoped by, if any."""
    m = re.search(r"/report/([^/#]+)", iri)
    return m.group(1) if m else None
