"""The data behind the graph explorer and an entity's neighbourhood: Cytoscape.js elements in a stable order,
short labels, each node's reports, and the legend the explorer draws its colours from."""
from __future__ import annotations

from .services import services
from .urls import entity_url

# How the explorer draws each relation kind; the legend is drawn from the same table.
RELATION_KIND_STYLES = {
    "stated": {"label": "stated relation (arrow: subject to object)", "color": "#8a8a8a", "line": "solid",
               "arrow": True},
    "co-mention": {"label": "named in the same passages", "color": "#c8c8c8", "line": "dashed", "arrow": False},
}


def neighbourhood(eid: str, limit: int = 25) -> dict:
    """Cytoscape.js elements for an entity and its nearest neighbours."""
    net = services().network
    near = {eid}
    edges = [(d, other) for _, other, d in net.out_edges(eid, data=True)] + \
        [(d, other) for other, _, d in net.in_edges(eid, data=True)]
    # stated relations first, then the strongest co-mentions
    weighted = sorted({(d.get("kind") != "stated", -d.get("weight", 1), other) for d, other in edges})
    for _, _, other in weighted:
        if len(near) > limit:
            break
        near.add(other)
    elements = cy_elements(near, lambda a, b, d: a == eid or b == eid)
    elements["legend"] = legend(elements, sorted({n["data"]["kind"] for n in elements["nodes"]}))
    return elements


def report_titles() -> dict[str, str]:
    """Each served report's title by its id."""
    return {r.id: r.title for r in services().reports}


def node_reports(net) -> dict[str, set[str]]:
    """The reports each node comes from: a recommendation's own, else those its relations cite."""
    out: dict[str, set[str]] = {}
    for a, b, d in net.edges(data=True):
        cited = {ref.partition("#")[0] for ref in d.get("evidence", [])}
        out.setdefault(a, set()).update(cited)
        out.setdefault(b, set()).update(cited)
    for node, data in net.nodes(data=True):
        if data.get("kind") == "recommendation":
            out[node] = {node.partition("/")[0]}
    return out


def short_label(node: str, data: dict) -> str:
    """A node's name without the report slug a recommendation's label carries ("Recommendation 6")."""
    label = data["label"]
    if data.get("kind") == "recommendation":
        return label.removesuffix(f" ({node.partition('/')[0]})")
    return label


def recommendation_texts() -> dict[str, str]:
    """Each recommendation's whole text by its network node id (the network keeps only its start)."""
    return {f"{r.id}/recommendation-{rec.number}": rec.text for r in services().reports for rec in r.recommendations}


def node_summary(node: str, data: dict, reports: set[str], titles: dict[str, str], texts: dict[str, str]) -> dict:
    """What the explorer shows of a node: short label, kind, colour, names (a recommendation's text), reports, page."""
    label, name = short_label(node, data), texts.get(node) or data.get("name", "")
    return {"id": node, "label": label, "kind": data["kind"], "color": data.get("color", "#888"), "name": name,
            "aliases": [a for a in data.get("aliases", []) if a not in (label, name)],
            "reports": [{"id": r, "title": titles.get(r, r)} for r in sorted(reports)], "url": entity_url(node)}


def cy_elements(nodes, edge_filter=None) -> dict:
    """Cytoscape.js elements for a set of nodes and the edges between them, in a stable order."""
    net = services().network
    reports, titles, texts = node_reports(net), report_titles(), recommendation_texts()
    # Sorted, so the seeded layout sees the same input on every load and every server start.
    out_nodes = [{"data": node_summary(n, net.nodes[n], reports.get(n, set()), titles, texts)} for n in sorted(nodes)]
    edges, seen = [], set()
    for a, b, k, d in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[3]["relation"], e[2])):
        if a in nodes and b in nodes and (edge_filter is None or edge_filter(a, b, d)):
            key = (a, b, d["relation"])
            if key in seen:
                continue
            seen.add(key)
            edges.append({"data": {"id": f"e{len(edges)}", "source": a, "target": b, "relation": d["relation"],
                                   "kind": d["kind"], "weight": d.get("weight", 1)}})
    return {"nodes": out_nodes, "edges": edges}


def legend(elements: dict, kinds: list[str]) -> dict:
    """The kind-to-colour table the explorer styles its nodes and edges by, with how many of each are shown."""
    from graph.network import KIND_COLOURS

    node_counts: dict[str, int] = {}
    for n in elements["nodes"]:
        node_counts[n["data"]["kind"]] = node_counts.get(n["data"]["kind"], 0) + 1
    edge_counts: dict[str, int] = {}
    for e in elements["edges"]:
        edge_counts[e["data"]["kind"]] = edge_counts.get(e["data"]["kind"], 0) + 1
    return {"nodes": [{"kind": k, "color": KIND_COLOURS.get(k, "#333333"), "count": node_counts.get(k, 0)}
                      for k in kinds],
            "edges": [{"kind": k, **style, "count": edge_counts.get(k, 0)}
                      for k, style in RELATION_KIND_STYLES.items()]}


def graph_data(kinds: list[str] | None = None, relation_kind: str | None = None) -> dict:
    """The whole entity network as Cytoscape.js elements, filtered by node kind and relation kind, with its legend."""
    net = services().network
    nodes = {n for n, d in net.nodes(data=True) if not kinds or d.get("kind") in kinds}
    elements = cy_elements(nodes, lambda a, b, d: relation_kind in (None, "", d["kind"]))
    # An entity with no relation of the kinds shown would only float loose: leave it out.
    linked = {e["data"]["source"] for e in elements["edges"]} | {e["data"]["target"] for e in elements["edges"]}
    elements["nodes"] = [n for n in elements["nodes"] if n["data"]["id"] in linked]
    elements["kinds"] = sorted({d.get("kind") for _, d in net.nodes(data=True)})
    elements["legend"] = legend(elements, elements["kinds"])
    return elements
