"""Exports by format name: RDF (ttl, nt, jsonld with a compact @context, trig, nq) and the entity
network (graphml, gexf, cyjs, csv; written by ``network_exports``). ``export(obj, fmt) -> bytes``;
``FORMATS`` says what opens each. Two exports of the same build are byte-identical in every format."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Callable

from rdflib import Dataset, Graph

from .build import Iris, bind_prefixes
from .store import PREFIXES


class UnknownFormat(ValueError):
    """No export format has that name."""


@dataclass(frozen=True)
class Format:
    """An export format: what it holds, its media type, file extension and the tool that opens it."""

    name: str
    media_type: str
    extension: str
    holds: str  # rdf | network
    opens_with: str
    write: Callable


def union_graph(ds: Graph) -> Graph:
    """All report graphs merged into one (graph names dropped: trig, nq and jsonld keep them)."""
    if not isinstance(ds, Dataset):
        return ds
    g = Graph()
    bind_prefixes(g)
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


def jsonld_context(base: str | None = None) -> dict:
    """The compact @context: the vocabulary prefixes and the data base."""
    iris = Iris(base)
    ctx = dict(PREFIXES)
    ctx.update({"ent": f"{iris.base}entity/", "rep": f"{iris.base}report/"})
    return ctx


def _rdf(fmt: str):
    def write(ds: Graph) -> bytes:
        """The union of the report graphs in this RDF syntax."""
        data = union_graph(ds).serialize(format=fmt, encoding="utf-8")
        return _sorted_lines(data) if fmt == "nt" else data
    return write


def _dataset(fmt: str):
    def write(ds: Graph) -> bytes:
        """The dataset, one named graph per report, in this quad syntax."""
        if fmt == "trig":
            return _trig(ds)
        return _sorted_lines(ds.serialize(format=fmt, encoding="utf-8"))
    return write


def _trig(ds: Graph) -> bytes:
    """TriG with the named graphs in name order (rdflib writes them in its store's set order, which varies
    by run; within a graph its Turtle writer already sorts subjects)."""
    from rdflib.plugins.serializers.trig import TrigSerializer

    writer = TrigSerializer(ds)
    writer.contexts.sort(key=lambda g: str(g.identifier))
    buf = io.BytesIO()
    writer.serialize(buf, encoding="utf-8")
    return buf.getvalue()


def _sorted_lines(data: bytes) -> bytes:
    """N-Triples and N-Quads in line order: rdflib writes them in its store's order, which varies by run."""
    return b"".join(sorted(line + b"\n" for line in data.splitlines() if line.strip()))


def _jsonld(ds: Graph) -> bytes:
    """JSON-LD with the compact @context; a dataset keeps its named graphs, one ``@graph`` per report."""
    doc = json.loads(ds.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    return (json.dumps(_sorted_jsonld(doc), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_jsonld(value, key: str | None = None):
    """A JSON-LD document with every array in a fixed order. JSON-LD arrays are sets except under ``@list``
    (and the @context), so ordering them changes no triple and makes the file the same in every run."""
    if isinstance(value, dict):
        return {k: v if k == "@context" else _sorted_jsonld(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _network(writer: str):
    def write(net) -> bytes:
        """The network in this format (network_exports and networkx load on the first export, not at start)."""
        from . import network_exports

        return getattr(network_exports, writer)(net)
    return write


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ttl", "text/turtle", "ttl", "rdf", "any RDF tool: rdflib, Protégé, GraphDB, Apache Jena riot", _rdf("turtle")),
    Format("nt", "application/n-triples", "nt", "rdf", "any RDF tool; line-based, good for grep and bulk loads", _rdf("nt")),
    Format("jsonld", "application/ld+json", "jsonld", "rdf",
           "JSON-LD Playground, jsonld.js, rdflib; one named graph per report", _jsonld),
    Format("trig", "application/trig", "trig", "rdf", "RDF tools that keep named graphs (one per report): Jena, Oxigraph",
           _dataset("trig")),
    Format("nq", "application/n-quads", "nq", "rdf", "triple stores' bulk loaders, named graphs kept", _dataset("nquads")),
    Format("graphml", "application/graphml+xml", "graphml", "network",
           "Gephi Lite and sigma.js (graphology-graphml), cytoscape.js (cytoscape-graphml), yEd, Gephi, networkx, igraph",
           _network("graphml")),
    Format("gexf", "application/gexf+xml", "gexf", "network",
           "Gephi and Gephi Lite (colours and types ready; graphology-gexf), networkx", _network("gexf")),
    Format("cyjs", "application/json", "cyjs", "network", "Cytoscape.js and Cytoscape desktop (File > Import > Network)",
           _network("cyjs")),
    Format("csv", "application/zip", "zip", "network",
           "spreadsheets, pandas, igraph, Gephi's import of node and edge tables", _network("csv_zip")),
]}


def export(obj, fmt: str) -> bytes:
    """The graph (an rdflib Dataset/Graph) or its network (networkx) in a named format, as bytes."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    f = FORMATS[fmt]
    if f.holds == "rdf":
        if not isinstance(obj, Graph):
            raise UnknownFormat(f"{fmt} exports the RDF graph, not a network")
        return f.write(obj)
    import networkx as nx

    from .network import build_network

    net = obj if isinstance(obj, nx.Graph) else build_network(obj)
    return f.write(net)
