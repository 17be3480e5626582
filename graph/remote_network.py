"""The entity network of a graph held in a SPARQL server, read by SPARQL as it is needed.

``RemoteNetwork`` answers what graph/network.py answers from its networkx projection (resolve a name, an
entity's neighbours, the explained shortest path) with the same results, and offers the read-only part of
the networkx API the web views use (``x in net``, ``net.nodes[x]``, ``net.nodes(data=True)``, ``degree``,
``edges``, ``in_edges``, ``out_edges``). It holds no graph between uses: make one per request (the web app
does), and it keeps what that request fetched.

How each answer stays the same as the networkx one: the rows a query returns (claims, co-mentions, node
names) are projected by ``assemble``, which applies build_network's rules and its order, into a small
networkx graph holding the nodes asked about with every edge they have; graph/network.py's own functions
then run on that graph.

- neighbours(x): x's claims (through ``kg:involves``) and co-mentions, and the names of the other ends.
- shortest_path(a, b): bidirectional breadth-first expansion, one round of queries per level (VALUES holds
  the level's nodes), from whichever end has the smaller frontier. After each level, Dijkstra (networkx,
  build_network's costs) runs on the part fetched. A path not wholly inside the part has more hops than the
  levels expanded from both ends together (L), so it costs at least (L + 1) * c_min (c_min: the cheapest edge
  cost, 1.0 for stated relations); a path found that costs less is final. A side whose frontier empties has
  fetched its whole component, so the answer (or NoPath) is then final too.
"""
from __future__ import annotations

import re

import networkx as nx

from . import network as netmod
from .entities import fold
from .network import KIND_COLOURS, RELATION_COST, RELATION_LABELS, EntityNotFound, NoPath, _curie, _key, \
    _order, _passage_label

_CLAIMS = """SELECT ?c ?s ?p ?o ?ev ?page ?quote ?start ?rule ?report WHERE {{
  {focus}
  ?c a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER((EXISTS {{ ?s a kg:Entity }} || EXISTS {{ ?s a kg:Recommendation }}) &&
         (EXISTS {{ ?o a kg:Entity }} || EXISTS {{ ?o a kg:Recommendation }}))
  OPTIONAL {{ ?c prov:wasDerivedFrom ?ev . OPTIONAL {{ ?ev kg:page ?page }} }}
  OPTIONAL {{ ?c oa:hasSelector ?qs . ?qs oa:exact ?quote }}
  OPTIONAL {{ ?c oa:hasSelector ?ps . ?ps oa:start ?start }}
  OPTIONAL {{ ?c kg:rule ?rule }}
  OPTIONAL {{ ?c kg:inReport ?report }}
}}"""
_COMENTIONS = """SELECT ?cm ?e ?w ?ev WHERE {{
  {focus}
  ?cm a kg:CoMention ; kg:entity ?e .
  OPTIONAL {{ ?cm kg:weight ?w }}
  OPTIONAL {{ ?cm kg:evidence ?ev }}
}}"""
_NODES = """SELECT ?n ?t ?label ?kind ?name ?alias ?text ?report WHERE {{
  {focus}
  {{ ?n a kg:Entity . BIND("entity" AS ?t) OPTIONAL {{ ?n rdfs:label ?label }} OPTIONAL {{ ?n kg:kind ?kind }}
     OPTIONAL {{ ?n skos:prefLabel ?name }} OPTIONAL {{ ?n skos:altLabel ?alias }} }}
  UNION
  {{ ?n a kg:Recommendation . BIND("recommendation" AS ?t) OPTIONAL {{ ?n rdfs:label ?label }}
     OPTIONAL {{ ?n kg:text ?text }} OPTIONAL {{ ?n kg:inReport ?report }} }}
}}"""
# The expansion needs only which edges there are: a stated edge's cost comes from its predicate alone.
_LINKS = """SELECT DISTINCT ?s ?p ?o WHERE {{
  {focus}
  ?c kg:involves ?x ; a kg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER((EXISTS {{ ?s a kg:Entity }} || EXISTS {{ ?s a kg:Recommendation }}) &&
         (EXISTS {{ ?o a kg:Entity }} || EXISTS {{ ?o a kg:Recommendation }}))
}}"""
# Co-mentions summed per pair on the server (one row a pair, not one per co-mention node and entity).
_CM_LINKS = """SELECT ?x ?e (SUM(?w0) AS ?w) WHERE {{
  {focus}
  ?cm kg:entity ?x ; a kg:CoMention ; kg:entity ?e .
  FILTER(?e != ?x)
  OPTIONAL {{ ?cm kg:weight ?w1 }}
  BIND(COALESCE(?w1, 0) AS ?w0)
}} GROUP BY ?x ?e"""
_MAX_COMENTION = """SELECT (MAX(?weight) AS ?max) WHERE {
  { SELECT ?a ?b (SUM(?w) AS ?weight) WHERE {
      ?cm a kg:CoMention ; kg:entity ?a, ?b ; kg:weight ?w . FILTER(STR(?a) < STR(?b)) } GROUP BY ?a ?b } }"""


_IRI_PART = re.compile(r"[^\s<>\"{}|^`\\]+")


def _values(var: str, iris) -> str:
    return f"VALUES ?{var} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def node_rows_to_data(rows: list[dict]) -> dict[str, dict]:
    """Node attributes by IRI, as build_network gives them (entities first, then recommendations, by IRI)."""
    found: dict[str, dict] = {}
    for r in rows:
        d = found.setdefault(r["n"], {"t": r["t"], "label": None, "kind": None, "name": None, "aliases": set(),
                                      "text": None, "report": None})
        for k in ("label", "kind", "name", "text", "report"):
            if r.get(k) is not None and d[k] is None:
                d[k] = str(r[k])
        if r.get("alias") is not None:
            d["aliases"].add(str(r["alias"]))
    out: dict[str, dict] = {}
    for iri in sorted((i for i, d in found.items() if d["t"] == "entity")):
        d = found[iri]
        kind = d["kind"] or "organisation"
        out[iri] = {"label": d["label"] or _key(iri), "kind": kind, "name": d["name"] or "",
                    "aliases": sorted(d["aliases"]), "iri": iri, "color": KIND_COLOURS.get(kind, "#333333")}
    for iri in sorted((i for i, d in found.items() if d["t"] == "recommendation" and i not in out)):
        d = found[iri]
        out[iri] = {"label": f"{d['label']} ({str(d['report']).rsplit('/', 1)[-1]})", "kind": "recommendation",
                    "name": (d["text"] or "")[:200], "aliases": [], "iri": iri, "color": KIND_COLOURS["recommendation"]}
    return out


def assemble(nodes: dict[str, dict], claims: list[dict], comentions: list[dict]) -> nx.MultiDiGraph:
    """A networkx projection of fetched rows by build_network's rules and in its order: nodes (IRI -> data,
    from node_rows_to_data), claim rows and co-mention rows. An edge whose ends are not both among the
    nodes is left out, as build_network leaves out edges to things that are not nodes."""
    from rdflib import URIRef

    net = nx.MultiDiGraph()
    for iri, d in nodes.items():
        net.add_node(_key(iri), **d)
    per_claim: dict[str, dict] = {}
    for r in claims:
        c = per_claim.setdefault(r["c"], {"s": r["s"], "p": r["p"], "o": r["o"], "ev": None, "page": None,
                                          "quote": None, "start": None, "rule": None, "report": None})
        for k in ("ev", "page", "quote", "start", "rule", "report"):
            if c[k] is None and r.get(k) is not None:
                c[k] = r[k]
    stated: dict[tuple, dict] = {}
    for cid in sorted(per_claim):
        c = per_claim[cid]
        a, b = _key(c["s"]), _key(c["o"])
        if a not in net or b not in net:
            continue
        edge = stated.setdefault((a, c["p"], b), {"claims": [], "quotes": [], "starts": [], "pages": [],
                                                   "rules": set(), "reports": set()})
        edge["claims"].append(_passage_label(str(c["ev"])) if c["ev"] is not None else "")
        edge["quotes"].append(str(c["quote"]) if c["quote"] is not None else "")
        edge["starts"].append(int(c["start"]) if c["start"] is not None else -1)
        edge["pages"].append(str(c["page"]) if c["page"] is not None else "")
        edge["rules"].add(str(c["rule"]))
        edge["reports"].add(str(c["report"]).rsplit("/", 1)[-1])
    order = list(RELATION_LABELS)
    for (a, p_iri, b), e in sorted(stated.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        p = URIRef(p_iri)
        ranked = sorted(zip(e["claims"], e["starts"], e["quotes"], e["pages"]), key=lambda t: (_order(t[0]), t[1], t[2]))
        claims_, _, quotes, pages = [list(x) for x in zip(*ranked)]
        cost = RELATION_COST.get(p, 1.0) + 0.001 * (order.index(p) if p in order else len(order))
        net.add_edge(a, b, key=f"{_curie(p)}", kind="stated", relation=RELATION_LABELS.get(p, _curie(p)),
                     predicate=_curie(p), weight=len(claims_), evidence=[c for c in claims_ if c], quote=quotes[0],
                     page=pages[0], rule=sorted(e["rules"]), report=sorted(e["reports"]), cost=cost)
    per_cm: dict[str, dict] = {}
    for r in comentions:
        cm = per_cm.setdefault(r["cm"], {"entities": set(), "weight": None, "evidence": set()})
        cm["entities"].add(r["e"])
        if cm["weight"] is None and r.get("w") is not None:
            cm["weight"] = int(r["w"])
        if r.get("ev") is not None:
            cm["evidence"].add(r["ev"])
    pairs: dict[tuple[str, str], dict] = {}
    for cid in sorted(per_cm):
        cm = per_cm[cid]
        ents = sorted(_key(e) for e in cm["entities"])
        if len(ents) != 2 or ents[0] not in net or ents[1] not in net:
            continue
        entry = pairs.setdefault((ents[0], ents[1]), {"weight": 0, "evidence": []})
        entry["weight"] += cm["weight"] or 0
        entry["evidence"] += sorted(_passage_label(p) for p in cm["evidence"])
    for (a, b), e in sorted(pairs.items()):
        net.add_edge(a, b, key="co-mention", kind="co-mention", relation="appears with", predicate="kg:CoMention",
                     weight=e["weight"], evidence=e["evidence"], quote="", page="", rule=["co-mention"],
                     report=[], cost=10.0 / e["weight"])
    return net


class _Nodes:
    """``net.nodes``: ``net.nodes[x]`` is one node's data, ``net.nodes(data=True)`` every node."""

    def __init__(self, owner: "RemoteNetwork"):
        self.owner = owner

    def __getitem__(self, key: str) -> dict:
        data = self.owner.node_data([key]).get(key)
        if data is None:
            raise KeyError(key)
        return data

    def __call__(self, data: bool = False):
        nodes = self.owner.all_nodes()
        return list(nodes.items()) if data else list(nodes)

    def __iter__(self):
        return iter(self.owner.all_nodes())


class RemoteNetwork:
    """The entity network of a RemoteEngine's server, fetched by SPARQL for each question asked of it."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self._nodes: dict[str, dict | None] = {}  # what this object (one request) has fetched
        self._whole: nx.MultiDiGraph | None = None
        self._all: dict[str, dict] | None = None
        self._parts: dict[tuple, nx.MultiDiGraph] = {}
        self.nodes = _Nodes(self)

    # -- fetching ----------------------------------------------------------------------------
    def iri(self, key: str) -> str | None:
        """The IRI of a node id (an entity's key, or REPORT/recommendation-N); None for what cannot be one."""
        base = self.engine.base
        if not _IRI_PART.fullmatch(key):
            return None  # a name with spaces or quotes is no node id (and must not reach a query's text)
        if m := re.fullmatch(r"([^/]+)/recommendation-(\d+)", key):
            return f"{base}report/{m.group(1)}/recommendation/{m.group(2)}"
        if re.match(r"https?://", key):
            return key
        return f"{base}entity/{key}"

    def node_data(self, keys) -> dict[str, dict]:
        """The data of these nodes (those that exist), by node id."""
        missing = [k for k in keys if k not in self._nodes]
        for k in [k for k in missing if self.iri(k) is None]:
            self._nodes[k] = None
            missing.remove(k)
        if missing:
            rows = self.engine.query(_NODES.format(focus=_values("n", {self.iri(k) for k in missing}))).rows
            found = {_key(iri): d for iri, d in node_rows_to_data(rows).items()}
            for k in missing:
                self._nodes[k] = found.get(k)
        return {k: self._nodes[k] for k in keys if self._nodes.get(k) is not None}

    def part(self, keys, comentions: bool = True, extra_nodes=()) -> nx.MultiDiGraph:
        """The nodes with these ids, every edge they have (co-mentions too, when asked) and the other ends."""
        memo = (tuple(sorted(keys)), comentions, tuple(sorted(extra_nodes)))
        if memo in self._parts:  # one request asks for an entity's edges more than once (page, neighbourhood)
            return self._parts[memo]
        iris = {i for i in (self.iri(k) for k in keys) if i}
        if not iris:
            return nx.MultiDiGraph()
        claims = self.engine.query(_CLAIMS.format(focus=_values("x", iris) + " ?c kg:involves ?x .")).rows
        cms = self.engine.query(_COMENTIONS.format(focus=_values("x", iris) + " ?cm kg:entity ?x .")).rows \
            if comentions else []
        ends = set(keys) | set(extra_nodes) | {_key(r[k]) for r in claims for k in ("s", "o")} | \
            {_key(r["e"]) for r in cms}
        nodes = self.node_data(sorted(ends))
        self._parts[memo] = assemble({d["iri"]: d for d in nodes.values()}, claims, cms)
        return self._parts[memo]

    def all_nodes(self) -> dict[str, dict]:
        """Every node's data by node id, in the network's order (one query, kept by this object)."""
        if self._all is None:
            self._all = self.engine.names(_NODES.format(focus=""), _node_table)[0]  # kept by the engine for a minute
            self._nodes.update(self._all)
        return self._all

    def whole(self) -> nx.MultiDiGraph:
        """The whole projection (for views that draw or count all of it), fetched once per object."""
        if self._whole is None:
            nodes = node_rows_to_data(self.engine.query(_NODES.format(focus="")).rows)
            claims = self.engine.query(_CLAIMS.format(focus="")).rows
            cms = self.engine.query(_COMENTIONS.format(focus="")).rows
            self._whole = assemble(nodes, claims, cms)
        return self._whole

    # -- what graph/network.py answers -------------------------------------------------------
    def resolve_node(self, name: str, registry=None) -> str:
        """The node a name refers to, as network.resolve_node: its id, the registry's entity, or a node whose
        label, full name or alias folds alike."""
        if self.node_data([name]):
            return name
        entity = registry.lookup(name) if registry is not None else None
        if entity is not None and self.node_data([entity.key]):
            return entity.key
        data = self.all_nodes()
        hits = list(self.engine.names(_NODES.format(focus=""), _node_table)[1].get(fold(name), []))
        if not hits:
            raise EntityNotFound(f"no entity called {name!r}")
        if len(hits) == 1:
            return hits[0]
        near = self.part(hits)
        return sorted(hits, key=lambda n: (data[n]["kind"] == "recommendation", -near.degree(n)))[0]

    def neighbours(self, x: str, include_comentions: bool = True, registry=None) -> dict[str, list[dict]]:
        """An entity's relations grouped by relation and direction, strongest first (network.neighbours)."""
        node = self.resolve_node(x, registry)
        return netmod.neighbours(self.part([node], include_comentions), node, include_comentions)

    def shortest_path(self, a: str, b: str, allow_comention: bool = True, registry=None) -> list:
        """The cheapest chain of stated relations (then co-mentions), each hop explained (network.shortest_path)."""
        src, dst = self.resolve_node(a, registry), self.resolve_node(b, registry)
        for kinds in ({"stated"}, {"stated", "co-mention"} if allow_comention else None):
            if kinds is None:
                break
            hops = self._cheapest(src, dst, kinds)
            if hops is not None:
                return hops
        labels = self.node_data([src, dst])
        raise NoPath(f"{labels[src]['label']} and {labels[dst]['label']} are not connected")

    def _cheapest(self, src: str, dst: str, kinds: set[str]):
        """The hops of the cheapest path using edges of these kinds, or None. The expansion fetches only
        which edges there are (their costs need no more); the hops found then get their evidence."""
        comentions = "co-mention" in kinds
        c_min = 1.0
        if comentions:
            top = self.engine.query(_MAX_COMENTION).rows
            if top and top[0].get("max"):
                c_min = min(c_min, 10.0 / float(top[0]["max"]))
        links: list[dict] = []
        cms: list[dict] = []
        frontier, levels, expanded = [{src}, {dst}], [0, 0], set()
        while True:
            side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
            level = frontier[side] - expanded
            focus = _values("x", {self.iri(k) for k in level})
            links += [{**r, "c": f"{r['s']}|{r['p']}|{r['o']}"}
                      for r in self.engine.query(_LINKS.format(focus=focus)).rows]
            if comentions:
                for r in self.engine.query(_CM_LINKS.format(focus=focus)).rows:
                    pair = "|".join(sorted((r["x"], r["e"])))  # one id a pair, whichever end fetched it
                    cms += [{"cm": pair, "e": r["x"], "w": r["w"]}, {"cm": pair, "e": r["e"], "w": r["w"]}]
            expanded |= level
            levels[side] += 1
            ends = {_key(r[k]) for r in links for k in ("s", "o")} | {_key(r["e"]) for r in cms} | {src, dst}
            nodes = self.node_data(sorted(ends))
            part = assemble({d["iri"]: d for d in nodes.values()}, links, cms)
            g = netmod._undirected(part, kinds)
            frontier[side] = {m for n in level if n in g for m in g.neighbors(n) if m not in expanded}
            try:
                path = nx.shortest_path(g, src, dst, weight="cost")
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                path = None
            exhausted = not frontier[0] or not frontier[1]
            if path is not None and (exhausted or nx.path_weight(g, path, "cost") < (sum(levels) + 1) * c_min - 1e-9):
                return self._explain(g, path)
            if path is None and exhausted:
                return None  # one end's whole component is fetched, and it does not hold the other end

    def _explain(self, g: nx.Graph, path: list[str]) -> list:
        """The hops of a path found on the light projection, with the evidence of each edge fetched."""
        edges = [g[x][y]["edge"] for x, y in zip(path, path[1:])]
        stated = [(s, t, k) for s, t, k in edges if k != "co-mention"]
        paired = [(s, t) for s, t, k in edges if k == "co-mention"]
        claims = cms = []
        if stated:
            rows = " ".join(f"(<{self.iri(s)}> <{_uncurie(k)}> <{self.iri(t)}>)" for s, t, k in stated)
            claims = self.engine.query(_CLAIMS.format(focus=f"VALUES (?s ?p ?o) {{ {rows} }}")).rows
        if paired:
            rows = " ".join(f"(<{self.iri(s)}> <{self.iri(t)}>)" for s, t in paired)
            cms = self.engine.query(_COMENTIONS.format(
                focus=f"VALUES (?a ?b) {{ {rows} }} ?cm kg:entity ?a, ?b .")).rows
        nodes = self.node_data(path)
        full = assemble({d["iri"]: d for d in nodes.values()}, claims, cms)
        hops = []
        for (x, y), (s, t, k) in zip(zip(path, path[1:]), edges):
            d = full.edges[s, t, k]
            hops.append(netmod.Hop(x, y, d["relation"], s == x, d["kind"], d["evidence"], d["quote"], d["page"],
                                   d.get("predicate", "")))
        return hops

    # -- the read-only networkx API the views use --------------------------------------------
    def __contains__(self, key) -> bool:
        return isinstance(key, str) and bool(self.node_data([key]))

    def degree(self, node=None):
        """A node's number of edges (or, with no node, every node's), as networkx counts them."""
        return self.whole().degree(node)

    def edges(self, *args, **kwargs):
        """Every edge of the projection, as networkx's edges()."""
        return self.whole().edges(*args, **kwargs)

    def out_edges(self, node, *args, **kwargs):
        """A node's outgoing edges, as networkx's out_edges()."""
        return self.part([node]).out_edges(node, *args, **kwargs)

    def in_edges(self, node, *args, **kwargs):
        """A node's incoming edges, as networkx's in_edges()."""
        return self.part([node]).in_edges(node, *args, **kwargs)


def _uncurie(curie: str) -> str:
    """The predicate IRI of an edge key (network._curie's inverse)."""
    from rdflib.namespace import DCTERMS, ORG

    from .namespaces import KG

    for prefix, ns in (("org", str(ORG)), ("kg", str(KG._NS)), ("dcterms", str(DCTERMS))):
        if curie.startswith(prefix + ":"):
            return ns + curie[len(prefix) + 1:]
    return curie


def _node_table(result) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """Every node's data by node id, and the node ids by each folded name (label, full name, alias), in node order."""
    data = {_key(i): d for i, d in node_rows_to_data(result.rows).items()}
    index: dict[str, list[str]] = {}
    for n, d in data.items():
        for form in {fold(d.get("label", "")), fold(d.get("name", "")),
                     *(fold(a) for a in d.get("aliases", []))}:
            index.setdefault(form, []).append(n)
    return data, index
