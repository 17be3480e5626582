"""What every part of a report's graph is written with: its triples, passage and note IRIs, where words stand in a
passage, and a stated relation asserted with its provenance (a kg:Claim with its rule, evidence and selectors)."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF

from ingest.ids import short_hash
from ingest.model import Report

from ..entities import Matcher, Registry
from ..namespaces import KG, OA
from ..relations import Claim
from .iris import Iris

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

INVERSES = {ORG.subOrganizationOf: ORG.hasSubOrganization, ORG.memberOf: ORG.hasMember,
            DCTERMS.replaces: DCTERMS.isReplacedBy}


def _lit(value, datatype=None) -> Literal:
    """A literal, typed when a datatype is given."""
    return Literal(value, datatype=datatype) if datatype else Literal(value)


class ReportCore:
    """One report's named graph being written: the report, the registry, the IRIs, and the provenance pattern."""

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

    def passage_at(self, offset: int | None) -> str | None:
        """The passage whose source range holds an offset (for list entries such as witnesses)."""
        if offset is None:
            return None
        for p in self.r.passages:
            if p.start <= offset < max(p.end, p.start + 1):
                return p.id
        return None

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
