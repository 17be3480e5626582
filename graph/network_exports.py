"""The entity network in the file formats of graph tools: GraphML, GEXF 1.2, Cytoscape.js JSON and a zip of
CSV tables.

Every writer gives the same bytes for the same network: nodes in id order, edges in (source, target, key)
order, attributes in name order, edge ids from content (``edge_id``), and no dates or other run-dependent
values. Lists are kept as lists in the network and in the Cytoscape JSON; GraphML, GEXF and CSV cells hold
them joined with ``|``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx

from .network import edge_id

LIST_SEPARATOR = "|"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
# Characters XML 1.0 cannot carry at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ExportError(ValueError):
    """The network cannot be written in this format as it stands."""


def _nodes(net: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    """Nodes in id order, attributes in name order, None values left out."""
    return [(str(n), _clean(d)) for n, d in sorted(net.nodes(data=True), key=lambda nd: str(nd[0]))]


def _edges(net: nx.MultiDiGraph) -> list[tuple[str, str, str, str, dict]]:
    """Edges as (id, source, target, key, attributes), in (source, target, key) order."""
    rows = sorted((str(a), str(b), str(k), d) for a, b, k, d in net.edges(keys=True, data=True))
    return [(edge_id(a, k, b), a, b, k, _clean(d)) for a, b, k, d in rows]


def _clean(attrs: dict) -> dict:
    return {k: attrs[k] for k in sorted(attrs) if attrs[k] is not None}


def _flat(value) -> str:
    """One attribute value as the text of a GraphML, GEXF or CSV cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_flat(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return LIST_SEPARATOR.join(sorted(_flat(v) for v in value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _xml_text(value) -> str:
    return _NOT_XML.sub("", _flat(value))


def _value_type(values: list) -> str:
    """The declared type of one attribute: boolean, long, double or string (lists are strings)."""
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _schema(rows: list[dict]) -> dict[str, str]:
    """Attribute name -> declared type over a list of attribute dicts, in name order."""
    values: dict[str, list] = {}
    for attrs in rows:
        for k, v in attrs.items():
            values.setdefault(k, []).append(v)
    return {k: _value_type(values[k]) for k in sorted(values)}


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def graphml(net: nx.MultiDiGraph) -> bytes:
    """GraphML: one <key> per attribute with its type, unique edge ids."""
    nodes, edges = _nodes(net), _edges(net)
    node_schema, edge_schema = _schema([d for _, d in nodes]), _schema([d for *_, d in edges])
    # cytoscape-graphml names data by key id, so a key's id is its attribute name; GraphML wants key ids
    # unique, so an edge attribute that shares a node attribute's name gets "edge_" before its id.
    node_keys = {name: name for name in node_schema}
    edge_keys = {name: f"edge_{name}" if name in node_keys else name for name in edge_schema}
    if set(node_keys.values()) & set(edge_keys.values()):
        raise ExportError(f"GraphML key ids clash: {sorted(set(node_keys.values()) & set(edge_keys.values()))}")
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                                  "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"})
    for domain, schema, keys in (("node", node_schema, node_keys), ("edge", edge_schema, edge_keys)):
        for name, kind in schema.items():
            ET.SubElement(root, "key", {"id": keys[name], "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "kgqa", "edgedefault": "directed"})
    for n, attrs in nodes:
        el = ET.SubElement(graph, "node", {"id": n})
        for name, value in attrs.items():
            ET.SubElement(el, "data", {"key": node_keys[name]}).text = _xml_text(value)
    for eid, a, b, _, attrs in edges:
        el = ET.SubElement(graph, "edge", {"id": eid, "source": a, "target": b})
        for name, value in attrs.items():
            ET.SubElement(el, "data", {"key": edge_keys[name]}).text = _xml_text(value)
    return _xml_bytes(root)


def gexf(net: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2draft: labels, weights and viz colours where Gephi looks for them, the rest as attributes."""
    nodes, edges = _nodes(net), _edges(net)
    # label, weight and colour have places of their own in GEXF; the edge label is the relation, as read.
    node_schema = _schema([{k: v for k, v in d.items() if k != "label"} for _, d in nodes])
    edge_schema = _schema([{k: v for k, v in d.items() if k != "weight"} for *_, d in edges])
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": f"{GEXF_NS}/viz", "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "kgqa"
    ET.SubElement(meta, "description").text = "entity network of the knowledge graph"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for domain, schema in (("node", node_schema), ("edge", edge_schema)):
        declared = ET.SubElement(graph, "attributes", {"class": domain, "mode": "static"})
        for name, kind in schema.items():
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": kind})
    node_list = ET.SubElement(graph, "nodes")
    for n, attrs in nodes:
        el = ET.SubElement(node_list, "node", {"id": n, "label": _xml_text(attrs.get("label", n))})
        _attvalues(el, {k: v for k, v in attrs.items() if k != "label"})
        colour = _rgb(attrs.get("color"))
        if colour:
            ET.SubElement(el, "viz:color", {"r": str(colour[0]), "g": str(colour[1]), "b": str(colour[2]), "a": "1.0"})
    edge_list = ET.SubElement(graph, "edges")
    for eid, a, b, _, attrs in edges:
        head = {"id": eid, "source": a, "target": b}
        if "relation" in attrs:
            head["label"] = _xml_text(attrs["relation"])
        if "weight" in attrs:
            head["weight"] = _xml_text(attrs["weight"])
        el = ET.SubElement(edge_list, "edge", head)
        _attvalues(el, {k: v for k, v in attrs.items() if k != "weight"})
    return _xml_bytes(root)


def _attvalues(el: ET.Element, attrs: dict) -> None:
    if attrs:
        values = ET.SubElement(el, "attvalues")
        for name, value in attrs.items():
            ET.SubElement(values, "attvalue", {"for": name, "value": _xml_text(value)})


def _rgb(colour) -> tuple[int, int, int] | None:
    """A #rrggbb colour as its three channels (None when it is not one)."""
    m = re.fullmatch(r"#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", colour or "")
    return tuple(int(x, 16) for x in m.groups()) if m else None


def cyjs(net: nx.MultiDiGraph) -> bytes:
    """Cytoscape.js elements JSON; attribute values (lists included) as they are in the network."""
    # "value" repeats the id and "key" the networkx key for networkx.cytoscape_graph, which reads both.
    nodes = [{"data": {"id": n, "value": n, **_jsonable(attrs)}} for n, attrs in _nodes(net)]
    edges = [{"data": {"id": eid, "source": a, "target": b, "key": k, **_jsonable(attrs)}}
             for eid, a, b, k, attrs in _edges(net)]
    doc = {"format_version": "1.0", "generated_by": "kgqa", "target_cytoscapejs_version": "~3",
           "data": {"name": "kgqa entity network"}, "directed": True, "multigraph": True,
           "elements": {"nodes": nodes, "edges": edges}}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _jsonable(attrs: dict) -> dict:
    """Attributes as JSON holds them: tuples as lists, sets as sorted lists."""
    return {k: sorted(v, key=str) if isinstance(v, (set, frozenset)) else list(v) if isinstance(v, tuple) else v
            for k, v in attrs.items()}


NODE_COLUMNS = ["id", "label", "kind", "name", "aliases", "iri", "color"]
EDGE_COLUMNS = ["id", "source", "target", "kind", "relation", "predicate", "weight", "cost", "evidence", "quote",
                "page", "rule", "report"]


def csv_zip(net: nx.MultiDiGraph) -> bytes:
    """A zip of nodes.csv and edges.csv: the leading columns above, then any other attribute in name order."""
    nodes = [{"id": n, **attrs} for n, attrs in _nodes(net)]
    edges = [{"id": eid, "source": a, "target": b, **attrs} for eid, a, b, _, attrs in _edges(net)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, leading, rows in (("nodes.csv", NODE_COLUMNS, nodes), ("edges.csv", EDGE_COLUMNS, edges)):
            # A fixed date and mode: zipfile would otherwise stamp each member with the time of the export.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            z.writestr(info, _table(leading, rows))
    return buf.getvalue()


def _table(leading: list[str], rows: list[dict]) -> str:
    """One CSV table as text, values flattened."""
    extra = sorted({k for r in rows for k in r} - set(leading))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=leading + extra)
    w.writeheader()
    w.writerows({k: _flat(v) for k, v in r.items()} for r in rows)
    return out.getvalue()
