"""The document model to RDF: one named graph per report, every extracted fact traceable to its passage.

Provenance pattern (reification, documented in notes/graph.md): each stated relation is asserted
directly (``ex:soeca org:subOrganizationOf ex:met``) so plain queries stay plain, and is also
described by a ``kg:Claim`` node (an ``rdf:Statement``) with ``rdf:subject/predicate/object``,
``prov:wasDerivedFrom`` the passage (or note), the rule that found it, and two Web Annotation
selectors: ``oa:TextQuoteSelector`` (the exact sentence) and ``oa:TextPositionSelector``
(``oa:start``/``oa:end`` into the passage text). Passages carry their own source offsets.
The named graph says which report asserts it; entities (names, kinds, aliases) are described once in
a shared graph, ``<base>graph/entities``, so that reports meet on them without repeating them.

The writing is split by concern in graph/builder/: iris (the IRIs), core (triples and the provenance pattern),
structure (sections, passages, notes and sources), mentions, people and bodies (witness and member lists),
recommendations, statements, glossary (and the report's own names), describe (the shared entities graph).
This module puts them together and keeps the public names (Iris, build_graph, report_graphs, nquads, …).
"""
from __future__ import annotations

import re
from typing import Iterator

from rdflib import Dataset, Graph

from ingest.model import Report

from .builder.bodies import BodiesMixin, _find_line, _subsets
from .builder.core import INVERSES, PREDICATE_TERMS, ReportCore, _lit
from .builder.describe import KIND_CLASSES, describe_entity
from .builder.glossary import GlossaryMixin
from .builder.iris import Iris, _local, _quote, bind_prefixes
from .builder.mentions import MentionsMixin
from .builder.people import WITNESS_GROUPS, PeopleMixin, _counsel, _evidence_kind
from .builder.recommendations import RecommendationsMixin
from .builder.statements import StatementsMixin
from .builder.structure import StructureMixin
from .entities import Matcher, Registry, build_registry
from .relations import RelationFinder, apply_kinds

# graph.build's names, as they were before the writing was split (callers and tests import them from here)
__all__ = ["INVERSES", "KIND_CLASSES", "PREDICATE_TERMS", "WITNESS_GROUPS", "Iris", "ReportBuilder", "_counsel",
           "_evidence_kind", "_find_line", "_lit", "_local", "_quote", "_subsets", "bind_prefixes", "build_graph",
           "build_report", "describe_entity", "nquads", "report_graphs", "report_of"]


class ReportBuilder(StructureMixin, MentionsMixin, PeopleMixin, BodiesMixin, RecommendationsMixin, StatementsMixin,
                    GlossaryMixin, ReportCore):
    """Writes one report's triples into its named graph: each part of the report in its own module."""


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


def report_of(iri: str) -> str | None:
    """The report id an IRI is scoped by, if any."""
    m = re.search(r"/report/([^/#]+)", iri)
    return m.group(1) if m else None
