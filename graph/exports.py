"""Exports by format name: RDF (ttl, nt, jsonld with a compact @context, trig, nq) and the entity
network (graphml, gexf, cyjs, csv). ``export(obj, fmt) -> bytes``; ``FORMATS`` says what opens each."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Callable

import networkx as nx
from rdflib import Dataset, Graph

from .build import Iris, bind_prefixes
from .network import build_network
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
    """All report graphs merged into one (graph names dropped: use trig or nq to keep them)."""
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
        g = union_graph(ds)
        if fmt == "json-ld":
            return g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True, encoding="utf-8")
        return g.serialize(format=fmt, encoding="utf-8")
    return write


def _dataset(fmt: str):
    def write(ds: Graph) -> bytes:
        """The dataset, one named graph per report, in this quad syntax."""
        return ds.serialize(format=fmt, encoding="utf-8")
    return write


def _for_xml(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, plus the viz colour Gephi reads."""
    out = nx.MultiDiGraph()
    for n, d in net.nodes(data=True):
        colour = d.get("color", "#333333").lstrip("#")
        out.add_node(n, **{k: v for k, v in d.items() if v is not None})
        out.nodes[n]["viz"] = {"color": {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16),
                                         "b": int(colour[4:6], 16), "a": 1.0}}
    for a, b, k, d in net.edges(keys=True, data=True):
        out.add_edge(a, b, key=k, **{x: v for x, v in d.items() if v is not None})
    return out


def _graphml(net: nx.MultiDiGraph) -> bytes:
    g = _for_xml(net)
    for _, d in g.nodes(data=True):
        d.pop("viz", None)  # GraphML has no viz namespace; yEd maps the plain "color" attribute
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue()


def _gexf(net: nx.MultiDiGraph) -> bytes:
    buf = io.BytesIO()
    nx.write_gexf(_for_xml(net), buf, encoding="utf-8", version="1.2draft")
    return buf.getvalue()


def _cyjs(net: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js elements JSON: nodes and edges with their data."""
    # "value" repeats the id for readers (networkx cytoscape_graph) that key nodes by it
    nodes = [{"data": {"id": n, "value": n, **d}} for n, d in net.nodes(data=True)]
    edges = [{"data": {"id": f"{a}|{k}|{b}", "source": a, "target": b, "key": k, **d}}
             for a, b, k, d in net.edges(keys=True, data=True)]
    doc = {"format_version": "1.0", "generated_by": "kgqa", "target_cytoscapejs_version": "~3",
           "data": {"name": "kgqa entity network"}, "directed": True, "multigraph": True,
           "elements": {"nodes": nodes, "edges": edges}}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


NODE_COLUMNS = ["id", "label", "kind", "name", "aliases", "iri", "color"]
EDGE_COLUMNS = ["source", "target", "kind", "relation", "predicate", "weight", "evidence", "quote", "page", "rule", "report"]


def _csv(net: nx.MultiDiGraph) -> bytes:
    """A zip of nodes.csv and edges.csv."""
    def table(columns, rows) -> str:
        """One CSV table as text."""
        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        return out.getvalue()
    nodes = [{"id": n, **d} for n, d in net.nodes(data=True)]
    edges = [{"source": a, "target": b, **d} for a, b, d in net.edges(data=True)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("nodes.csv", table(NODE_COLUMNS, nodes))
        z.writestr("edges.csv", table(EDGE_COLUMNS, edges))
    return buf.getvalue()


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("ttl", "text/turtle", "ttl", "rdf", "any RDF tool: rdflib, Protégé, GraphDB, Apache Jena riot", _rdf("turtle")),
    Format("nt", "application/n-triples", "nt", "rdf", "any RDF tool; line-based, good for grep and bulk loads", _rdf("nt")),
    Format("jsonld", "application/ld+json", "jsonld", "rdf", "JSON-LD Playground, jsonld.js, rdflib", _rdf("json-ld")),
    Format("trig", "application/trig", "trig", "rdf", "RDF tools that keep named graphs (one per report): Jena, Oxigraph",
           _dataset("trig")),
    Format("nq", "application/n-quads", "nq", "rdf", "triple stores' bulk loaders, named graphs kept", _dataset("nquads")),
    Format("graphml", "application/graphml+xml", "graphml", "network", "yEd, Gephi, Cytoscape desktop, networkx", _graphml),
    Format("gexf", "application/gexf+xml", "gexf", "network", "Gephi (colours and types ready), networkx", _gexf),
    Format("cyjs", "application/json", "cyjs", "network", "Cytoscape.js and Cytoscape desktop (File > Import > Network)", _cyjs),
    Format("csv", "application/zip", "zip", "network", "spreadsheets, pandas, Gephi's import of node and edge tables", _csv),
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
    net = obj if isinstance(obj, nx.Graph) else build_network(obj)
    return f.write(net)
