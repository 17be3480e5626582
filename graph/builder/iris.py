"""The IRIs of a corpus's graph: entities shared by every report, everything else scoped by its report."""
from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDFS, SKOS, XSD

from ..namespaces import KG, OA, data_base

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


def bind_prefixes(g: Graph, iris: Iris | None = None) -> None:
    """The prefixes every serialisation uses."""
    iris = iris or Iris()
    for prefix, ns in (("kg", str(KG._NS)), ("org", str(ORG)), ("foaf", str(FOAF)), ("skos", str(SKOS)),
                       ("prov", str(PROV)), ("dcterms", str(DCTERMS)), ("oa", str(OA)), ("rdfs", str(RDFS)),
                       ("xsd", str(XSD)), ("ent", f"{iris.base}entity/"), ("rep", f"{iris.base}report/")):
        g.bind(prefix, ns, override=True, replace=True)
