"""The graph in a SPARQL 1.1 server: loading it (Graph Store HTTP Protocol) and querying it (SPARQL Protocol).

``load(dataset, endpoints)`` puts one named graph per report and the shared entities graph (HTTP PUT, so a
reload replaces each), removes graphs of reports no longer in the corpus, and puts the union of the
named graphs, each triple once, as the default graph: the named queries assume that default graph, and
neither ``default-graph-uri`` (several) nor Oxigraph's union-default-graph option gives it (both repeat a
triple stated in two graphs; tests/test_graph_remote.py shows it).

``RemoteEngine`` has the public methods of graph.store.QueryEngine (query, entity_iris, report_graphs), so
the named queries, the graph answers and the pages run unchanged against the server. It keeps no graph:
every call is a request, except that the table of entity names is kept for a minute (``names``).

Servers lay their endpoints out differently; ``endpoints()`` derives the Graph Store endpoint from the
query endpoint for Oxigraph, Apache Jena Fuseki and GraphDB, and takes it explicitly for anything else.
"""
from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from .store import ENTITY_NAMES, QueryFailed, QueryResult, _ox_value, iris_named, names_by_key, with_prefixes

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


class StoreUnavailable(OSError):
    """The SPARQL server could not be reached (status 503), did not answer in time (``timed_out``), or
    answered with a server error (status 502); the message says which."""

    def __init__(self, message: str, status: int = 503, timed_out: bool = False):
        super().__init__(message)
        self.status, self.timed_out = status, timed_out

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers queries (SPARQL Protocol) and takes graphs (Graph Store HTTP Protocol)."""

    query: str
    data: str


def endpoints(query_url: str, data_url: str | None = None) -> Endpoints:
    """The query and Graph Store endpoints of a server, the latter derived from the former when not given:
    Oxigraph ``http://h:7878`` or ``…/query`` → ``…/store``; Fuseki ``…/DS/query`` or ``…/DS/sparql`` (or the
    dataset ``…/DS``) → ``…/DS/data``; GraphDB ``…/repositories/R`` → ``…/repositories/R/rdf-graphs/service``."""
    url = query_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{query_url!r} is not an http(s) URL of a SPARQL query endpoint")
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    query = url if path else at("/query")  # a bare Oxigraph server address
    if data_url:
        return Endpoints(query, data_url.strip())
    if m := re.fullmatch(r"(.*/repositories/[^/]+)", path):  # GraphDB (and RDF4J)
        return Endpoints(query, at(m.group(1) + "/rdf-graphs/service"))
    if path in ("", "/query"):  # Oxigraph
        return Endpoints(query, at("/store"))
    if m := re.fullmatch(r"(/[^/]+)/(?:query|sparql)", path):  # Fuseki: /DS/query or /DS/sparql
        return Endpoints(query, at(m.group(1) + "/data"))
    if re.fullmatch(r"/[^/]+", path):  # Fuseki's dataset URL answers queries itself
        return Endpoints(query, at(path + "/data"))
    raise ValueError(f"cannot tell the Graph Store endpoint of {query_url!r}: give it (--store-data)")


def _request(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
             timeout_s: float = 30.0) -> tuple[int, str, bytes]:
    """One HTTP request: (status, content type, body). A 4xx is returned; an unreachable server or a 5xx
    raises StoreUnavailable, naming the server but not echoing its body (it may be long or HTML)."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    where = urlunsplit(urlsplit(url)[:3] + ("", ""))
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        data = exc.read()
        if exc.code >= 500:
            raise StoreUnavailable(f"the SPARQL server at {where} answered {exc.code}: "
                                   f"{_first_line(data) or exc.reason}", 502) from None
        return exc.code, exc.headers.get("Content-Type", ""), data
    except (socket.timeout, TimeoutError):
        raise StoreUnavailable(f"the SPARQL server at {where} did not answer within {timeout_s:g} s",
                               504, True) from None
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise StoreUnavailable(f"the SPARQL server at {where} did not answer within {timeout_s:g} s",
                                   504, True) from None
        raise StoreUnavailable(f"cannot reach the SPARQL server at {where}: {getattr(reason, 'strerror', None) or reason}") from None


def _first_line(data: bytes, limit: int = 300) -> str:
    text = data.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit] + "…"


@dataclass
class LoadSummary:
    """What ``load`` put into the server."""

    graphs: list[str]
    triples: int
    removed: list[str]
    seconds: float


def _graph_url(data: str, graph: str | None) -> str:
    """The Graph Store URL of a named graph (indirect identification), or of the default graph."""
    sep = "&" if "?" in data else "?"
    return data + sep + ("default" if graph is None else "graph=" + quote(graph, safe=""))


def _put(eps: Endpoints, graph: str | None, ntriples: bytes, timeout_s: float) -> None:
    status, _, body = _request("PUT", _graph_url(eps.data, graph), ntriples,
                               {"Content-Type": N_TRIPLES}, timeout_s)
    if status >= 300:
        raise StoreUnavailable(f"the SPARQL server refused the graph {graph or '(default)'}: {status} {_first_line(body)}", 502)


def load(ds, eps: Endpoints, base: str, timeout_s: float = 300.0) -> LoadSummary:
    """Put a built dataset into a SPARQL server: each named graph (PUT), graphs under ``<base>graph/`` that
    the dataset no longer has removed (DELETE), and the union of the named graphs as the default graph."""
    from .store import to_oxigraph

    started = time.perf_counter()
    store = to_oxigraph(ds)  # named graphs, and their union (each triple once) as the default graph
    names = sorted(g.value for g in store.named_graphs() if g.value.startswith(base))
    total = 0
    for name in names:
        graph = ox.NamedNode(name)
        total += sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        _put(eps, name, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph), timeout_s)
    removed = []
    for stale in sorted(set(named_graphs(eps, timeout_s)) - set(names)):
        if stale.startswith(base + "graph/"):
            status, _, body = _request("DELETE", _graph_url(eps.data, stale), timeout_s=timeout_s)
            if status >= 300 and status != 404:
                raise StoreUnavailable(f"the SPARQL server refused to remove {stale}: {status} {_first_line(body)}", 502)
            removed.append(stale)
    _put(eps, None, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), timeout_s)
    return LoadSummary(names, total, removed, time.perf_counter() - started)


def named_graphs(eps: Endpoints, timeout_s: float = 30.0) -> list[str]:
    """The names of the graphs the server holds."""
    rows = _select(eps, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None, timeout_s)
    return [r["g"] for r in rows.rows]


def _select(eps: Endpoints, text: str, graphs: list[str] | None, timeout_s: float) -> QueryResult:
    ctype, body = sparql_request(eps, text, graphs, timeout_s=timeout_s)
    return parse_result(ctype, body)


def sparql_request(eps: Endpoints, text: str, graphs: list[str] | None = None,
                   accept: str = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9", timeout_s: float = 30.0) -> tuple[str, bytes]:
    """POST a query (SPARQL 1.1 Protocol, form-encoded), over those named graphs as the default graph when
    given: (content type, body). A query the server rejects raises QueryFailed with its first line."""
    form = [("query", text)] + [("default-graph-uri", g) for g in graphs or []]
    status, ctype, body = _request("POST", eps.query, urlencode(form).encode(),
                                   {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, timeout_s)
    if status >= 300:
        raise QueryFailed(f"query failed: {_first_line(body) or status}")
    return ctype, body


def parse_result(ctype: str, body: bytes):
    """A server's answer as a QueryResult (rows of plain values, as QueryEngine gives them)."""
    mime = ctype.split(";")[0].strip().lower()
    if mime in (N_TRIPLES, "text/plain"):
        rows = [{"s": t.subject.value, "p": t.predicate.value, "o": _ox_value(t.object)}
                for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return QueryResult(["s", "p", "o"], rows)
    if mime == "text/turtle":
        rows = [{"s": t.subject.value, "p": t.predicate.value, "o": _ox_value(t.object)}
                for t in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        return QueryResult(["s", "p", "o"], rows)
    if mime not in (RESULTS_JSON, "application/json"):
        raise QueryFailed(f"query failed: the server answered {mime or 'no content type'}, not SPARQL results")
    res = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(res, ox.QueryBoolean):
        return QueryResult([], [], bool(res))
    cols = [v.value for v in res.variables]
    return QueryResult(cols, [{c: _ox_value(sol[c]) for c in cols} for sol in res])


class RemoteEngine:
    """SPARQL over a graph loaded into a SPARQL 1.1 server, with QueryEngine's public methods."""

    engine = "oxigraph"  # named queries bind parameters with VALUES, as for any SPARQL 1.1 engine

    def __init__(self, eps: Endpoints | str, base: str | None = None, timeout_s: float = 30.0,
                 names_ttl_s: float = 60.0) -> None:
        from .namespaces import data_base

        self.endpoints = endpoints(eps) if isinstance(eps, str) else eps
        self.base, self.timeout_s, self.names_ttl_s = data_base(base), float(timeout_s), float(names_ttl_s)
        self._names: dict[tuple, tuple[float, object]] = {}

    def names(self, text: str, derive=lambda result: result):
        """derive(result) of a query for names (every entity's names, every node's label), kept for names_ttl_s:
        resolving a name folds every name in Python, and fetching and folding them all for each request cost
        more than the query that uses them. It is the only thing kept; a reload shows in it after at most
        names_ttl_s."""
        now = time.monotonic()
        key = (text, derive)
        kept = self._names.get(key)
        if kept is None or now - kept[0] > self.names_ttl_s:
            kept = (now, derive(self.query(text)))
            self._names[key] = kept
        return kept[1]

    def query(self, text: str, graphs: list[str] | None = None) -> QueryResult:
        """Run SELECT or ASK (CONSTRUCT/DESCRIBE give rows of s, p, o) over the union of the report graphs
        or, when graphs are given, of those named graphs only."""
        return _select(self.endpoints, with_prefixes(text, self.base), graphs, self.timeout_s)

    def report_graphs(self, report_id: str) -> list[str] | None:
        """The named graph of one report and the shared entities graph, if the server holds that report."""
        own, shared = f"{self.base}graph/{quote(report_id)}", f"{self.base}graph/entities"
        found = self.query(f"SELECT ?g WHERE {{ VALUES ?g {{ <{own}> <{shared}> }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
        names = {r["g"] for r in found.rows}
        return [own] + ([shared] if shared in names else []) if own in names else None

    def entity_iris(self, name: str) -> list[str]:
        """The IRIs of the entities one of whose names (label, full name, alias) folds like name, and of the bodies
        a report calls so as its own (as QueryEngine.entity_iris)."""
        return iris_named(self.names(ENTITY_NAMES, _names_table), name)

    def own_body_iris(self, name: str) -> list[str]:
        """The bodies that name ("the Sub-Committee") stands for only as a report's name for its own body."""
        return iris_named(self.names(ENTITY_NAMES, _names_table), name, own_only=True)

    def construct(self, text: str):
        """The triples a CONSTRUCT or DESCRIBE query gives, as an rdflib Graph (literals typed as stored)."""
        from rdflib import Graph

        _, body = sparql_request(self.endpoints, with_prefixes(text, self.base), accept=N_TRIPLES,
                                 timeout_s=self.timeout_s)
        g = Graph()
        g.parse(data=body.decode("utf-8"), format="nt")
        return g

    def dataset(self):
        """The graphs under the base, each fetched whole (Graph Store GET) into a new rdflib Dataset, for the
        exports; nothing is kept."""
        from rdflib import Dataset, URIRef

        ds = Dataset(default_union=True)
        for name in named_graphs(self.endpoints, self.timeout_s):
            if not name.startswith(self.base + "graph/"):
                continue
            status, _, body = _request("GET", _graph_url(self.endpoints.data, name), None,
                                       {"Accept": N_TRIPLES}, self.timeout_s)
            if status >= 300:
                raise StoreUnavailable(f"the SPARQL server did not give the graph {name}: {status}", 502)
            ds.graph(URIRef(name)).parse(data=body.decode("utf-8"), format="nt")
        return ds


def _names_table(result: QueryResult) -> dict:
    """Entity IRIs by folded name (graph.store.names_by_key), one function so that names() keeps the table."""
    return names_by_key(result.rows)
