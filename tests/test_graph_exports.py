"""Every export opened with the parsers the tools themselves use, and the same counts, labels, kinds and
relations read by all of them; two exports of the same build byte-identical, in one process and across two.

- JavaScript (node, tests/js): graphology-graphml and graphology-gexf (Gephi Lite, sigma.js), cytoscape.js
  with cytoscape-graphml, and jsonld.js (the JSON-LD Playground's processor).
- Python: networkx and python-igraph; rdflib.
- RDF: Debian's rapper (raptor2) for Turtle, N-Triples, TriG and N-Quads.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import igraph
import networkx as nx
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from external_tools import js_parsers, read_with_js, require  # noqa: F401  (fixture)
from qa.corpus import cached_corpus
from graph.exports import FORMATS, UnknownFormat, export, union_graph
from graph.network import edge_id
from web.cli import main

ROOT = Path(__file__).resolve().parent.parent
REPORT_GRAPHS = {"https://kgqa.example.org/id/graph/entities",
                 "https://kgqa.example.org/id/graph/london-assembly-safeguarding-children-met-2014"}


@pytest.fixture(scope="module")
def corpus():
    return cached_corpus()


@pytest.fixture(scope="module")
def union(corpus):
    return union_graph(corpus.dataset)


@pytest.fixture(scope="module")
def files(corpus, tmp_path_factory) -> dict[str, Path]:
    """Every export of the bundled report, as files named by format."""
    out = tmp_path_factory.mktemp("exports")
    paths = {}
    for f in FORMATS.values():
        paths[f.name] = out / f"graph.{f.extension}"
        paths[f.name].write_bytes(export(corpus.dataset if f.holds == "rdf" else corpus.network, f.name))
    return paths


# -- RDF ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, parser", [("ttl", "turtle"), ("nt", "nt")])
def test_rdf_exports_read_back_isomorphic(files, union, fmt, parser):
    back = Graph().parse(files[fmt], format=parser)
    assert len(back) == len(union) > 10000
    assert isomorphic(back, union)


@pytest.mark.parametrize("fmt, parser", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_exports_keep_one_graph_per_report(corpus, files, fmt, parser):
    back = Dataset()
    back.parse(files[fmt], format=parser)
    original = {str(g.identifier): g for g in corpus.dataset.graphs() if len(g)}
    restored = {str(g.identifier): g for g in back.graphs() if len(g)}
    assert set(original) == set(restored) == REPORT_GRAPHS  # the report's graph and the entities graph
    for name, g in original.items():
        assert isomorphic(g, restored[name])


def test_jsonld_has_compact_context_and_named_graphs(files):
    doc = json.loads(files["jsonld"].read_bytes())
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    assert {g["@id"] for g in doc["@graph"]} == REPORT_GRAPHS
    entities = next(g for g in doc["@graph"] if g["@id"].endswith("/entities"))
    assert any(str(node.get("@id", "")).startswith("ent:") for node in entities["@graph"])


@pytest.mark.parametrize("fmt, syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("trig", "trig"), ("nq", "nquads")])
def test_rapper_validates_rdf_with_rdflibs_count(union, files, fmt, syntax):
    rapper = require("rapper", "install Debian's raptor2-utils (apt-get install raptor2-utils), as .ci/run does")
    done = subprocess.run([rapper, "-i", syntax, "-c", str(files[fmt])], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "warning" not in done.stderr.lower(), done.stderr
    counted = re.search(r"Parsing returned (\d+) triples", done.stderr)
    assert counted and int(counted.group(1)) == len(union) > 10000


def test_jsonld_read_by_jsonld_js(js_parsers, union, files):
    (seen,) = read_with_js([("jsonld", files["jsonld"])])
    assert "error" not in seen, seen
    assert seen["quads"] == len(union) and set(seen["graphs"]) == REPORT_GRAPHS


# -- the network, as every parser reads it -------------------------------------------------------------------

def _expected(net: nx.MultiDiGraph) -> tuple[dict, dict]:
    """What every reader should see: nodes {id: (label, kind)}, edges {id: (source, target, kind, relation, quote)}."""
    nodes = {n: (d["label"], d["kind"]) for n, d in net.nodes(data=True)}
    edges = {edge_id(a, k, b): (a, b, d["kind"], d["relation"], d["quote"]) for a, b, k, d in net.edges(keys=True, data=True)}
    return nodes, edges


def _from_js(seen: dict, edge_kind: str = "kind") -> tuple[dict, dict]:
    """A JavaScript parser's summary in the shape of ``_expected``."""
    assert "error" not in seen, seen["error"]
    assert (seen["nodes"], seen["edges"]) == (len(seen["node"]), len(seen["edge"]))
    nodes = {n: (d.get("label"), d.get("kind")) for n, d in seen["node"].items()}
    edges = {e: (d["source"], d["target"], d.get(edge_kind), d.get("relation"), d.get("quote"))
             for e, d in seen["edge"].items()}
    return nodes, edges


def _from_networkx(g: nx.MultiDiGraph, edge_ids) -> tuple[dict, dict]:
    nodes = {n: (d.get("label"), d.get("kind")) for n, d in g.nodes(data=True)}
    edges = {edge_ids(a, k, d): (a, b, d.get("kind"), d.get("relation"), d.get("quote"))
             for a, b, k, d in g.edges(keys=True, data=True)}
    return nodes, edges


def _csv_tables(path: Path) -> tuple[list[dict], list[dict]]:
    z = zipfile.ZipFile(path)
    return tuple(list(csv.DictReader(io.StringIO(z.read(name).decode("utf-8")))) for name in ("nodes.csv", "edges.csv"))


def _from_igraph(g: igraph.Graph, with_ids: bool) -> tuple[dict, dict]:
    names = g.vs["id"] if "id" in g.vs.attributes() else g.vs["name"]
    nodes = {name: (v["label"], v["kind"]) for name, v in zip(names, g.vs)}
    edges = {}
    for e in g.es:
        a, b = names[e.source], names[e.target]
        # igraph 1.0.0's GraphML reader fills the edge "id" attribute with vertex ids, so there the id is
        # rebuilt from the edge's ends and predicate (unique per pair) and checked by the other readers.
        key = e["id"] if with_ids else f"{a}|{'co-mention' if e['kind'] == 'co-mention' else e['predicate']}|{b}"
        edges[key] = (a, b, e["kind"], e["relation"], e["quote"])
    return nodes, edges


@pytest.fixture(scope="module")
def js_seen(js_parsers, files) -> dict[str, dict]:
    """The network exports as the JavaScript parsers read them (one node process)."""
    jobs = [("graphology-graphml", files["graphml"]), ("graphology-gexf", files["gexf"]),
            ("cytoscape-graphml", files["graphml"]), ("cytoscape-json", files["cyjs"])]
    return dict(zip([reader for reader, _ in jobs], read_with_js(jobs)))


# cytoscape-graphml names data by GraphML key id: the edge "kind" key is "edge_kind" (node "kind" has "kind").
@pytest.mark.parametrize("reader, edge_kind", [("graphology-graphml", "kind"), ("graphology-gexf", "kind"),
                                               ("cytoscape-graphml", "edge_kind"), ("cytoscape-json", "kind")])
def test_javascript_parsers_read_the_network(corpus, js_seen, reader, edge_kind):
    nodes, edges = _from_js(js_seen[reader], edge_kind)
    want_nodes, want_edges = _expected(corpus.network)
    assert len(nodes) == corpus.network.number_of_nodes() > 100 and len(edges) == corpus.network.number_of_edges() > 700
    assert nodes == want_nodes
    assert edges == want_edges
    if reader.startswith("graphology"):
        seen = js_seen[reader]
        assert seen["type"] == "directed" and seen["multi"]
        typed = seen["edge"][edge_id("project-azure", "org:subOrganizationOf", "soeca")]
        assert isinstance(typed["weight"], (int, float)) and typed["weight"] >= 1


MET = "metropolitan-police-service"
AZURE_IN_SOECA = edge_id("project-azure", "org:subOrganizationOf", "soeca")
MASH_MOPAC = edge_id("mash", "co-mention", "mopac")
LA = "london-assembly-safeguarding-children-met-2014"


def test_lists_flattened_only_in_graphml_gexf_and_csv(js_seen, files):
    """The network holds lists; GraphML, GEXF and CSV cells hold them joined with '|', as the tools read them;
    Cytoscape.js JSON keeps them as lists."""
    for reader, kind_key in (("graphology-graphml", "kind"), ("graphology-gexf", "kind"),
                             ("cytoscape-graphml", "edge_kind")):
        seen = js_seen[reader]
        assert seen["node"][MET]["aliases"] == "MPS|Met|Metropolitan Police|the Met", reader
        assert seen["edge"][MASH_MOPAC]["evidence"] == f"{LA}#p0111|{LA}#p0114|{LA}#p0117", reader
        assert seen["edge"][AZURE_IN_SOECA]["evidence"] == f"{LA}#p0080", reader
    cy = js_seen["cytoscape-json"]
    assert cy["node"][MET]["aliases"] == ["MPS", "Met", "Metropolitan Police", "the Met"]
    assert cy["edge"][MASH_MOPAC]["evidence"] == [f"{LA}#p0111", f"{LA}#p0114", f"{LA}#p0117"]
    assert cy["edge"][AZURE_IN_SOECA]["rule"] == ["team-within"]
    nodes, edges = _csv_tables(files["csv"])
    assert next(n for n in nodes if n["id"] == MET)["aliases"] == "MPS|Met|Metropolitan Police|the Met"
    row = next(e for e in edges if e["id"] == AZURE_IN_SOECA)
    assert (row["evidence"], row["rule"], row["report"]) == (f"{LA}#p0080", "team-within", LA)


def test_gexf_colours_in_graphology(js_seen):
    assert js_seen["graphology-gexf"]["node"]["mopac"]["color"] == "rgba(31,119,180,1.0)"  # organisation blue


@pytest.mark.parametrize("reader", ["graphml", "gexf", "cyjs", "csv", "igraph-graphml", "igraph-csv"])
def test_python_readers_read_the_network(corpus, files, reader):
    if reader == "graphml":  # networkx keys a multigraph's edges by their GraphML ids
        seen = _from_networkx(nx.read_graphml(files["graphml"], force_multigraph=True), lambda a, k, d: k)
    elif reader == "gexf":
        seen = _from_networkx(nx.read_gexf(files["gexf"]), lambda a, k, d: d["id"])
    elif reader == "cyjs":
        seen = _from_networkx(nx.cytoscape_graph(json.loads(files["cyjs"].read_bytes())), lambda a, k, d: d["id"])
    elif reader == "csv":
        nodes, edges = _csv_tables(files["csv"])
        seen = ({r["id"]: (r["label"], r["kind"]) for r in nodes},
                {r["id"]: (r["source"], r["target"], r["kind"], r["relation"], r["quote"]) for r in edges})
        assert len(edges) == corpus.network.number_of_edges()
    elif reader == "igraph-graphml":
        seen = _from_igraph(igraph.Graph.Read_GraphML(str(files["graphml"])), with_ids=False)
    else:
        nodes, edges = _csv_tables(files["csv"])
        g = igraph.Graph.DictList(vertices=nodes, edges=edges, directed=True, vertex_name_attr="id",
                                  edge_foreign_keys=("source", "target"))
        seen = _from_igraph(g, with_ids=True)
    assert seen == _expected(corpus.network)


def test_graphml_ids_unique_and_keys_typed(files):
    root = ET.parse(files["graphml"]).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    assert len({k.get("id") for k in keys}) == len(keys)
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("edge", "weight")] == "long" and types[("edge", "cost")] == "double"
    assert types[("node", "label")] == types[("edge", "kind")] == "string"
    edge_ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) > 700
    declared = {k.get("id") for k in keys}
    assert {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")} <= declared


def test_gexf_has_no_internal_attributes_and_has_colours(files):
    text = files["gexf"].read_text(encoding="utf-8")
    assert "networkx" not in text and "lastmodifieddate" not in text
    back = nx.read_gexf(files["gexf"])
    assert back.nodes["mopac"]["viz"]["color"]["r"] == 0x1f
    stated = [d for a, b, d in back.edges(data=True) if (a, b) == ("project-azure", "soeca")]
    assert any(d["label"] == "is part of" and "dedicated team within SOECA" in d["quote"] for d in stated)


def test_csv_has_edge_ids_costs_and_weights(corpus, files):
    nodes, edges = _csv_tables(files["csv"])
    assert {"id", "label", "kind", "color"} <= set(nodes[0])
    assert {"id", "source", "target", "relation", "evidence", "weight", "cost"} <= set(edges[0])
    assert len({e["id"] for e in edges}) == len(edges) == corpus.network.number_of_edges()
    net = corpus.network
    for e in edges:
        a, b = e["source"], e["target"]
        d = next(d for k, d in net[a][b].items() if edge_id(a, k, b) == e["id"])
        assert float(e["cost"]) == d["cost"] and int(e["weight"]) == d["weight"]


# -- a small network with every kind of value ---------------------------------------------------------------

def _awkward_network() -> nx.MultiDiGraph:
    """Values the writers must flatten or escape: lists, sets, booleans, None, floats, markup, control bytes."""
    net = nx.MultiDiGraph()
    net.add_node("a", label='A & <B> "quoted"', kind="organisation", aliases=["Alpha", "Ay"], active=True,
                 size=2.5, note=None, color="#ff7f0e")
    net.add_node("b/c", label="Bé\x0cC", kind="person", aliases=[], active=False, size=1, color="#1f77b4")
    net.add_edge("a", "b/c", key="kg:oversees", kind="stated", relation="oversees", weight=2, cost=1.5,
                 quote="“line one\nline two”", tags={"y", "x"})
    net.add_edge("a", "b/c", key="co-mention", kind="co-mention", relation="appears with", weight=1, cost=10.0,
                 quote="", tags=set())
    return net


def test_awkward_values_flattened_and_escaped(tmp_path, js_parsers):
    net = _awkward_network()
    paths = {}
    for fmt in ("graphml", "gexf", "cyjs", "csv"):
        paths[fmt] = tmp_path / f"awkward.{FORMATS[fmt].extension}"
        paths[fmt].write_bytes(export(net, fmt))
    jobs = [("graphology-graphml", paths["graphml"]), ("graphology-gexf", paths["gexf"]),
            ("cytoscape-graphml", paths["graphml"]), ("cytoscape-json", paths["cyjs"])]
    seen = dict(zip([r for r, _ in jobs], read_with_js(jobs)))
    for reader in ("graphology-graphml", "graphology-gexf"):
        a = seen[reader]["node"]["a"]
        assert a["label"] == 'A & <B> "quoted"' and a["aliases"] == "Alpha|Ay" and a["active"] is True
        assert a["size"] == 2.5 and "note" not in a
        assert seen[reader]["node"]["b/c"]["label"] == "BéC"  # the form feed XML cannot carry is dropped
        stated = seen[reader]["edge"][edge_id("a", "kg:oversees", "b/c")]
        assert stated["quote"] == "“line one\nline two”" and stated["tags"] == "x|y" and stated["weight"] == 2
    assert seen["cytoscape-graphml"]["node"]["a"]["aliases"] == "Alpha|Ay"
    cy = seen["cytoscape-json"]
    assert cy["node"]["a"]["aliases"] == ["Alpha", "Ay"] and cy["node"]["b/c"]["label"] == "Bé\x0cC"
    graphml = nx.read_graphml(paths["graphml"], force_multigraph=True)
    assert graphml.nodes["b/c"]["active"] is False and graphml.nodes["b/c"]["size"] == 1.0
    nodes, edges = _csv_tables(paths["csv"])
    assert [n["id"] for n in nodes] == ["a", "b/c"] and nodes[0]["aliases"] == "Alpha|Ay" and nodes[0]["active"] == "true"
    assert [e["id"] for e in edges] == ["a|co-mention|b/c", "a|kg:oversees|b/c"] and edges[1]["tags"] == "x|y"


# -- byte for byte -------------------------------------------------------------------------------------------

EXPORT_ALL = """
import sys
from pathlib import Path
from qa.corpus import load_corpus
from graph.exports import FORMATS, export
corpus, out = load_corpus(), Path(sys.argv[1])
for f in FORMATS.values():
    (out / f.name).write_bytes(export(corpus.dataset if f.holds == "rdf" else corpus.network, f.name))
"""


def test_exports_byte_identical_across_builds_and_processes(files, tmp_path):
    """Two processes with different hash seeds build the graph afresh; every export matches this one's."""
    runs = []
    for seed in ("1", "7"):  # two seeds under which rdflib once wrote TriG graphs in different orders
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
        runs.append((out, subprocess.Popen([sys.executable, "-c", EXPORT_ALL, str(out)], env=env, cwd=ROOT,
                                           stderr=subprocess.PIPE, text=True)))
    for out, proc in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    for fmt, path in files.items():
        mine = path.read_bytes()
        for out, _ in runs:
            assert (out / fmt).read_bytes() == mine, f"{fmt} differs between two builds of the same report"


def test_stated_edge_quotes_the_earliest_sentence(corpus):
    """Two sentences of one passage state that Mark Rowley spoke about CSE: the edge quotes the first."""
    d = corpus.network.edges["person-mark-rowley", "cse", "kg:spokeAbout"]
    assert d["quote"].startswith("SOECA was brought into being")


# -- the registry and the command line ----------------------------------------------------------------------

def test_every_format_has_a_media_type_and_a_tool():
    assert set(FORMATS) >= {"ttl", "nt", "jsonld", "graphml", "gexf", "cyjs", "csv"}
    for f in FORMATS.values():
        assert "/" in f.media_type and f.opens_with


def test_unknown_format_and_cli_export(tmp_path, corpus, files):
    with pytest.raises(UnknownFormat):
        export(corpus.dataset, "xlsx")
    out = tmp_path / "g.gexf"
    assert main(["export", "--format", "gexf", "-o", str(out)]) == 0
    assert out.read_bytes() == files["gexf"].read_bytes()
