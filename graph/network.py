"""The networkx projection of the entities: typed nodes, labelled weighted edges with evidence,
explained shortest paths, and neighbours grouped by relation.

Stated relations (``kind="stated"``) and co-mentions (``kind="co-mention"``) are separate edges, so a
reader can tell "the report says X is part of Y" from "X and Y appear in the same passage".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from .entities import Registry, fold
from .namespaces import KG, OA

KIND_COLOURS = {  # colour-ready attributes for Gephi, yEd and Cytoscape
    "organisation": "#1f77b4", "unit": "#17becf", "project": "#9edae5", "operation": "#d62728",
    "person": "#ff7f0e", "place": "#2ca02c", "publication": "#8c564b", "topic": "#9467bd",
    "sector": "#7f7f7f", "recommendation": "#e377c2",
}

RELATION_LABELS = {
    ORG.subOrganizationOf: "is part of", KG.formedByMergerOf: "was formed by merging", KG.oversees: "oversees",
    KG.holdsToAccount: "holds to account", DCTERMS.replaces: "replaced", KG.supports: "supports",
    ORG.memberOf: "is a member of", ORG.headOf: "chairs", KG.partnerIn: "is a partner in", KG.participatedIn: "took part in",
    KG.establishedBy: "was established by", KG.addressedTo: "is addressed to", KG.concerns: "concerns",
    KG.spokeAbout: "spoke about", DCTERMS.creator: "is by",
}
# Path costs: what the report says about how bodies are organised explains a link better than
# who spoke about what; co-mentions are used only when nothing stated connects two entities.
RELATION_COST = {KG.spokeAbout: 3.0, KG.addressedTo: 3.0, KG.concerns: 3.0}


class EntityNotFound(LookupError):
    """No entity in the graph goes by that name."""


class NoPath(LookupError):
    """Two entities are not connected."""


def node_id(iri: str) -> str:
    """The network's node id for an entity's or a recommendation's IRI."""
    return _key(iri)


def _key(iri: str) -> str:
    """A node id: the IRI's last segment for entities, report-scoped path for recommendations."""
    m = re.search(r"/entity/(.+)$", iri)
    if m:
        return m.group(1)
    m = re.search(r"/report/([^/]+)/recommendation/(\d+)$", iri)
    return f"{m.group(1)}/recommendation-{m.group(2)}" if m else iri


def _passage_label(iri: str) -> str:
    """A short, readable id for a passage or note IRI."""
    m = re.search(r"/report/([^/]+)/(passage|note)/([^/#]+)$", iri)
    return f"{m.group(1)}#{m.group(3) if m.group(2) == 'passage' else 'note-' + m.group(3)}" if m else iri


def build_network(g: Graph) -> nx.MultiDiGraph:
    """Project the RDF graph onto entities (and recommendations) with stated and co-mention edges."""
    parts = NetworkParts()
    parts.add(g)
    return parts.network(g)


class NetworkParts:
    """The network gathered a graph at a time (a build adds each report's named graph as it is made, then the shared
    entities graph), so that no graph of the whole corpus is held: what each part gives is kept small (a claim's
    ends, evidence, quote and rule; a co-mention's pair and evidence) and ordered as build_network orders it.
    Holds for graphs that share no claim, co-mention or recommendation, as report graphs do (their IRIs are
    scoped by the report)."""

    def __init__(self) -> None:
        self.recommendations: list[tuple[str, dict]] = []
        self.claims: dict[tuple, list[tuple]] = {}  # (subject key, predicate, object key) -> [(claim IRI, ...)]
        self.comentions: dict[tuple[str, str], list[tuple]] = {}  # pair -> [(co-mention IRI, weight, evidence)]

    def add(self, g: Graph) -> None:
        """What one graph holds: its recommendations, claims and co-mentions."""
        for s in set(g.subjects(RDF.type, KG.Recommendation)):
            self.recommendations.append((str(s), dict(
                label=f"{g.value(s, RDFS.label)} ({str(g.value(s, KG.inReport)).rsplit('/', 1)[-1]})",
                kind="recommendation", name=str(g.value(s, KG.text) or "")[:200], aliases=[], iri=str(s),
                color=KIND_COLOURS["recommendation"])))
        for c in set(g.subjects(RDF.type, KG.Claim)):
            s, p, o = g.value(c, RDF.subject), g.value(c, RDF.predicate), g.value(c, RDF.object)
            ev = g.value(c, PROV.wasDerivedFrom)
            selectors = sorted(g.objects(c, OA.hasSelector))
            quote = next((str(g.value(sel, OA.exact)) for sel in selectors if g.value(sel, OA.exact) is not None), "")
            start = next((int(g.value(sel, OA.start)) for sel in selectors if g.value(sel, OA.start) is not None), -1)
            page = g.value(ev, KG.page) if ev is not None else None
            self.claims.setdefault((_key(str(s)), p, _key(str(o))), []).append((
                c, _passage_label(str(ev)) if ev is not None else "", quote, start,
                str(page) if page is not None else "", str(g.value(c, KG.rule)),
                str(g.value(c, KG.inReport)).rsplit("/", 1)[-1]))
        for cm in set(g.subjects(RDF.type, KG.CoMention)):
            ents = sorted(_key(str(e)) for e in g.objects(cm, KG.entity))
            if len(ents) == 2:
                self.comentions.setdefault((ents[0], ents[1]), []).append((
                    cm, int(g.value(cm, KG.weight) or 0), sorted(_passage_label(str(p)) for p in g.objects(cm, KG.evidence))))

    def network(self, entities: Graph) -> nx.MultiDiGraph:
        """The network: the entities entities describes (the shared graph, or a whole dataset), with what the
        graphs added gave."""
        g = entities
        net = nx.MultiDiGraph()
        # Every loop runs in IRI order, so the network (and every export of it) is the same in every run.
        for s in sorted(set(g.subjects(RDF.type, KG.Entity))):
            kind = str(g.value(s, KG.kind) or "organisation")
            aliases = sorted({str(a) for a in g.objects(s, SKOS.altLabel)})
            net.add_node(_key(str(s)), label=str(g.value(s, RDFS.label) or _key(str(s))), kind=kind,
                         name=str(g.value(s, SKOS.prefLabel) or ""), aliases=aliases, iri=str(s),
                         color=KIND_COLOURS.get(kind, "#333333"))
        for iri, data in sorted(self.recommendations, key=lambda r: r[0]):
            net.add_node(_key(iri), **data)
        order = list(RELATION_LABELS)
        for (a, p, b), claims in sorted(self.claims.items(), key=lambda kv: (kv[0][0], str(kv[0][1]), kv[0][2])):
            if a not in net or b not in net:
                continue
            claims = sorted(claims, key=lambda c: c[0])  # claim IRI order, as the whole graph's loop takes them
            # The earliest passage first, so the quoted evidence is the first place the report says it; within one
            # passage the earliest sentence (two sentences of one passage can state the same relation).
            ranked = sorted(((c[1], c[3], c[2], c[4]) for c in claims), key=lambda t: (_order(t[0]), t[1], t[2]))
            labels, _, quotes, pages = [list(x) for x in zip(*ranked)]
            # Ties between equally cheap links go to the plainer relation: "oversees" before "holds to account".
            cost = RELATION_COST.get(p, 1.0) + 0.001 * (order.index(p) if p in order else len(order))
            net.add_edge(a, b, key=f"{_curie(p)}", kind="stated", relation=RELATION_LABELS.get(p, _curie(p)),
                         predicate=_curie(p), weight=len(labels), evidence=[c for c in labels if c],
                         quote=quotes[0], page=pages[0], rule=sorted({c[5] for c in claims}),
                         report=sorted({c[6] for c in claims}), cost=cost)
        for (a, b), found in sorted(self.comentions.items()):
            if a not in net or b not in net:
                continue
            found = sorted(found, key=lambda c: c[0])
            weight = sum(c[1] for c in found)
            net.add_edge(a, b, key="co-mention", kind="co-mention", relation="appears with", predicate="kg:CoMention",
                         weight=weight, evidence=[e for c in found for e in c[2]], quote="", page="",
                         rule=["co-mention"], report=[], cost=10.0 / weight)
        return net


def edge_id(source: str, key: str, target: str) -> str:
    """An edge's id in every export: its ends and its key (the predicate, or "co-mention"), unique in the
    network because one pair of entities has at most one edge of each key."""
    return f"{source}|{key}|{target}"


def _order(label: str) -> tuple:
    """Sort key for evidence labels: report, then passages before notes, then by number."""
    rep, _, local = label.partition("#")
    num = re.search(r"(\d+)", local)
    return (rep, local.startswith("note"), int(num.group(1)) if num else 0)


def _curie(term: URIRef) -> str:
    for prefix, ns in (("org", str(ORG)), ("kg", str(KG._NS)), ("dcterms", str(DCTERMS))):
        if str(term).startswith(ns):
            return f"{prefix}:{str(term)[len(ns):]}"
    return str(term)


def resolve_node(net: nx.MultiDiGraph, name: str, registry: Registry | None = None) -> str:
    """The node a name refers to: its id; the entity the registry resolves the name to (any form of its name,
    "the hub"); else a node whose label, full name or alias folds alike (recommendations are in no registry)."""
    if not isinstance(net, nx.Graph):  # graph.remote_network.RemoteNetwork: the graph is in a SPARQL server
        return net.resolve_node(name, registry)
    if name in net:
        return name
    entity = registry.lookup(name) if registry is not None else None
    if entity is not None and entity.key in net:
        return entity.key
    want = fold(name)
    hits = [n for n, d in net.nodes(data=True)
            if want in {fold(d.get("label", "")), fold(d.get("name", "")), *(fold(a) for a in d.get("aliases", []))}]
    if not hits:
        raise EntityNotFound(f"no entity called {name!r}")
    return sorted(hits, key=lambda n: (net.nodes[n]["kind"] == "recommendation", -net.degree(n)))[0]


@dataclass
class Hop:
    """One step of an explained path."""

    source: str
    target: str
    relation: str  # as read from source to target
    forward: bool  # False when the stated relation runs target -> source
    kind: str  # stated | co-mention
    evidence: list[str]  # "report#p0001", "report#note-15": the passages and notes that state it
    quote: str
    page: str
    predicate: str = ""  # the edge's predicate as a CURIE ("org:subOrganizationOf", "kg:CoMention")

    def explain(self, net: nx.MultiDiGraph) -> str:
        """One line: A —relation→ B, because "…" (passage, page)."""
        a, b = net.nodes[self.source]["label"], net.nodes[self.target]["label"]
        rel = self.relation if self.forward else f"← {self.relation} —"
        why = f' “{_short(self.quote)}”' if self.quote else ""
        where = f" [{(self.evidence or [''])[0]}{', p.' + self.page if self.page else ''}]"
        return f"{a} —{rel}→ {b}{why}{where}" if self.forward else f"{a} {rel} {b}{why}{where}"


def _short(text: str, n: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def _undirected(net: nx.MultiDiGraph, kinds: set[str]) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(net.nodes)
    for a, b, k, d in net.edges(keys=True, data=True):
        if d["kind"] not in kinds:
            continue
        if not g.has_edge(a, b) or g[a][b]["cost"] > d["cost"]:
            g.add_edge(a, b, cost=d["cost"], edge=(a, b, k))
    return g


def shortest_path(net: nx.MultiDiGraph, a: str, b: str, allow_comention: bool = True,
                  registry: Registry | None = None) -> list[Hop]:
    """The cheapest chain of stated relations between two entities named in any form, each hop explained.
    Co-mentions are used only when no stated chain exists (each such hop says so)."""
    if not isinstance(net, nx.Graph):
        return net.shortest_path(a, b, allow_comention, registry)
    src, dst = resolve_node(net, a, registry), resolve_node(net, b, registry)
    for kinds in ({"stated"}, {"stated", "co-mention"} if allow_comention else None):
        if kinds is None:
            break
        g = _undirected(net, kinds)
        try:
            nodes = nx.shortest_path(g, src, dst, weight="cost")
        except nx.NetworkXNoPath:
            continue
        hops = []
        for x, y in zip(nodes, nodes[1:]):
            s, t, k = g[x][y]["edge"]
            d = net.edges[s, t, k]
            hops.append(Hop(x, y, d["relation"], s == x, d["kind"], d["evidence"], d["quote"], d["page"],
                            d.get("predicate", "")))
        return hops
    raise NoPath(f"{net.nodes[src]['label']} and {net.nodes[dst]['label']} are not connected")


def neighbours(net: nx.MultiDiGraph, x: str, include_comentions: bool = True,
               registry: Registry | None = None) -> dict[str, list[dict]]:
    """An entity's relations grouped by relation and direction ("is part of", "has part: ..."), strongest first."""
    if not isinstance(net, nx.Graph):
        return net.neighbours(x, include_comentions, registry)
    node = resolve_node(net, x, registry)
    groups: dict[str, list[dict]] = {}
    for _, other, d in net.out_edges(node, data=True):
        if d["kind"] == "co-mention" and not include_comentions:
            continue
        groups.setdefault(d["relation"], []).append(_neighbour(net, other, d))
    for other, _, d in net.in_edges(node, data=True):
        if d["kind"] == "co-mention":
            if include_comentions:
                groups.setdefault(d["relation"], []).append(_neighbour(net, other, d))
            continue
        groups.setdefault(f"← {d['relation']}", []).append(_neighbour(net, other, d))
    for items in groups.values():
        items.sort(key=lambda i: (-i["weight"], i["label"]))
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "appears with", kv[0])))


def _neighbour(net, other: str, d: dict) -> dict:
    return {"id": other, "label": net.nodes[other]["label"], "kind": net.nodes[other]["kind"], "weight": d["weight"],
            "evidence": d["evidence"], "quote": d["quote"], "page": d["page"]}
