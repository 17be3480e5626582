"""An entity described once, in the shared entities graph: its types, kind, names and aliases."""
from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

from ..entities import Entity
from ..namespaces import KG
from .core import _lit
from .iris import Iris

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
