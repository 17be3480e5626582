"""Saving, loading and querying the graph, and the named analyst queries in graph/queries/*.rq.

Queries run on pyoxigraph by default: the graph is copied into an in-memory Oxigraph store once
(N-Quads, named graphs kept) and the union of the named graphs is materialised, each triple once, as
the default graph, so a triple several reports state does not multiply the rows of a join.
Named-query parameters that name an entity are resolved to its IRIs first (any of its names), then
bound with VALUES, so the query starts from the index rather than filtering every row.
Named queries answer a page at a time when asked (limit and offset). Oxigraph pays for every row a join
touches, so a query whose whole result is large chooses its page first, from one index, in a subquery
marked ``# PAGE``, and joins only that page's rows to labels; the other queries page their final rows.
``engine="rdflib"`` runs the same query on rdflib's own store; benchmarks/bench_graph.py measures both.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal

from .namespaces import KG

PREFIXES = {
    "kg": str(KG._NS), "org": "http://www.w3.org/ns/org#", "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "oa": "http://www.w3.org/ns/oa#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_PARAM_MARK = re.compile(r"^\s*#\s*PARAMS\s*$", re.M)
_IF_PARAM = re.compile(r"#\s*if\s+(\w+)\s*$")
_PAGE_MARK = re.compile(r"^\s*#\s*PAGE\s*$", re.M)
DEFAULT_PAGE = 100  # rows of a named query that `kgqa sparql` prints, and the SPARQL editor's examples ask for


# Every name an entity goes by, and (own = true) what a report calls its own body: "the Committee" is one body in
# each report that says it, so it is no alias of any entity but a kg:SelfReference node of that report's graph.
ENTITY_NAMES = ("SELECT ?e ?n ?own WHERE { { ?e a kg:Entity ; rdfs:label|skos:prefLabel|skos:altLabel ?n } UNION "
                "{ ?s a kg:SelfReference ; rdfs:label ?n ; kg:denotes ?e . BIND(true AS ?own) } }")


def names_by_key(rows: list[dict]) -> dict[str, list[str]]:
    """Entity IRIs by folded name (graph.entities.fold), and by self_key for a report's names for its own body,
    in the order the rows of ENTITY_NAMES give them."""
    from .entities import fold, self_key

    names: dict[str, list[str]] = {}
    for r in rows:
        key = ("own", self_key(str(r["n"]))) if r.get("own") else fold(str(r["n"]))
        iris = names.setdefault(key, [])
        if r["e"] not in iris:
            iris.append(r["e"])
    return names


def iris_named(names: dict, name: str, own_only: bool = False) -> list[str]:
    """The IRIs a name gives in a names_by_key table: the entities it names, then the bodies a report calls so;
    own_only: those bodies, when the name is no entity's own name."""
    from .entities import fold, self_key

    found = list(names.get(fold(name), []))
    own = [iri for iri in names.get(("own", self_key(name)), []) if iri not in found]
    return ([] if found else own) if own_only else found + own


class QueryFailed(ValueError):
    """A SPARQL query could not be parsed or run; the message says why in one line."""


class UnknownQuery(LookupError):
    """No named query has that name."""


@dataclass
class QueryResult:
    """Rows of a SELECT (or ASK) result, as plain Python values."""

    columns: list[str]
    rows: list[dict]
    boolean: bool | None = None
    more: bool = False  # a page of a named query, with rows after it

    def as_table(self) -> list[list[str]]:
        """The rows as lists of strings, in column order."""
        return [[("" if r.get(c) is None else str(r.get(c))) for c in self.columns] for r in self.rows]


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: an entity named in any form, a literal value, or a report
    (whose named graph, with the shared entities graph, becomes the default graph)."""

    kind: str  # entity | literal | report
    var: str
    description: str


@dataclass
class NamedQuery:
    """An analyst query shipped as graph/queries/<name>.rq."""

    name: str
    title: str
    params: dict[str, Param]
    text: str

    def bind(self, values: dict[str, str] | None = None, resolve=None, limit: int | None = None,
             offset: int = 0, engine: str = "oxigraph", within: dict[str, list[str]] | None = None) -> str:
        """The query text with parameter values injected as a VALUES block wherever it says ``# PARAMS``;
        resolve(name) gives the IRIs of the entity a name refers to. Lines that end ``# if NAME`` are
        kept only when NAME is given, so an absent parameter costs nothing. A report parameter adds
        nothing to the text: run_query runs the query over that report's named graph. With a limit, the page is
        cut where it says ``# PAGE`` (in the subquery that chooses rows), or else at the end: the same
        rows, as the subquery and the whole query order alike.

        For engine="rdflib" the values become ``FILTER(?x IN (...))`` and the page is always cut at the
        end: rdflib joins a subquery that holds VALUES or a slice with every outer row, which takes
        seconds where these forms take tens of milliseconds (measured in benchmarks/bench_graph.py).

        within narrows a variable to literal values a caller found faster than the store can (the passages whose
        text holds a phrase, from the passage index in memory): the same rows when those values are a superset of
        the ones the query keeps."""
        values = {k: v for k, v in (values or {}).items() if v is not None}
        unknown = set(values) - set(self.params)
        if unknown:
            raise QueryFailed(f"query {self.name!r} takes {', '.join(self.params) or 'no parameters'}, "
                              f"not {', '.join(sorted(unknown))}")
        blocks = []
        for name, value in values.items():
            param = self.params[name]
            if param.kind == "report":
                continue  # run_query queries that report's named graph instead (see NamedQuery.report)
            if param.kind == "entity":
                iris = resolve(value) if resolve else []
                if not iris:
                    raise QueryFailed(f"no entity called {value!r}")
                terms = [f"<{i}>" for i in iris]
            else:
                terms = [Literal(value).n3()]
            # A literal the query only reads (a phrase to look for) must be bound: VALUES, which rdflib
            # handles well outside subqueries.
            filter_form = engine == "rdflib" and (param.kind == "entity" or "SELECT" in self.text.split("WHERE", 1)[1])
            blocks.append(f"FILTER(?{param.var} IN ({', '.join(terms)}))" if filter_form
                          else f"VALUES ?{param.var} {{ {' '.join(terms)} }}")
        for var, allowed in (within or {}).items():
            if not re.fullmatch(r"\w+", var):
                raise QueryFailed(f"no variable {var!r}")
            terms = [Literal(v).n3() for v in allowed]
            blocks.append(f"FILTER(?{var} IN ({', '.join(terms)}))" if engine == "rdflib"
                          else f"VALUES ?{var} {{ {' '.join(terms)} }}")
        text = "\n".join(line for line in self.text.splitlines()
                         if not (m := _IF_PARAM.search(line)) or m.group(1) in values)
        if blocks:
            # every mark: Oxigraph plans an OPTIONAL's group on its own, so a group that joins several patterns
            # to a parameter's variable scans the whole store unless the values are repeated inside it
            text = _PARAM_MARK.sub(lambda _: " ".join(blocks), text)
        if limit is None:
            return text
        if not (isinstance(limit, int) and isinstance(offset, int) and limit >= 1 and offset >= 0):
            raise QueryFailed(f"a page needs a limit of 1 or more and an offset of 0 or more, not {limit!r}, {offset!r}")
        clause = f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
        if engine != "rdflib" and _PAGE_MARK.search(text):
            return _PAGE_MARK.sub(lambda _: clause, text, count=1)
        return text.rstrip() + "\n" + clause + "\n"

    def report(self, values: dict[str, str] | None) -> str | None:
        """The report id a report parameter names, if one is given."""
        for name, value in (values or {}).items():
            if value is not None and name in self.params and self.params[name].kind == "report":
                return value
        return None


@cache  # the .rq files ship with the package: read them once per process, not on every query
def named_queries() -> dict[str, NamedQuery]:
    """Every query in graph/queries, by file name without .rq."""
    out = {}
    folder = resources.files("graph") / "queries"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        title = re.search(r"^#\s*title:\s*(.+)$", text, re.M)
        params = {m[0]: Param(m[1], m[2], m[3].strip())
                  for m in re.findall(r"^#\s*param:\s*(\w+)\s*=\s*(entity|literal|report)\s*\?(\w+)\s*-\s*(.+)$", text, re.M)}
        name = entry.name[:-3]
        out[name] = NamedQuery(name, title.group(1).strip() if title else name, params, text)
    return out


def get_query(name: str) -> NamedQuery:
    """The named query, or UnknownQuery listing those there are."""
    queries = named_queries()
    if name not in queries:
        raise UnknownQuery(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def to_oxigraph(ds: Graph) -> ox.Store:
    """An in-memory Oxigraph store: the named graphs, and their union (each triple once) as the default graph."""
    store = ox.Store()
    if isinstance(ds, Dataset):
        store.bulk_load(ds.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    else:
        store.bulk_load(ds.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


class StoreWriter:
    """Writes a dataset a named graph at a time into graph.nq (the N-Quads, for exports and rdflib) and a new on-disk
    Oxigraph store laid out as to_oxigraph's (the named graphs, and their union as the default graph, each triple
    once), in a thread: bulk loading is RocksDB writing with the GIL let go, so the caller goes on building the
    next graphs meanwhile. Graphs are loaded in chunks of about chunk_bytes of N-Quads, at most one chunk
    waiting, so memory holds a few chunks, never the whole dataset."""

    def __init__(self, nq_path: str | Path, store_path: str | Path, chunk_bytes: int = 64 << 20, say=None) -> None:
        import queue
        import threading

        self.nq_path, self.store_path, self.chunk_bytes = Path(nq_path), Path(store_path), chunk_bytes
        self._say = say or (lambda msg: None)
        self._chunk: list[bytes] = []
        self._size = 0
        self._queue: queue.Queue = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._stop = False
        self.quads = 0
        self._thread = threading.Thread(target=self._run, name="kgqa-build-oxigraph", daemon=True)
        self._thread.start()

    def add(self, data: bytes, graph: str) -> None:
        """One named graph's N-Quads (graph.build.nquads: every line in the named graph graph)."""
        suffix = f" <{graph}> .\n".encode()
        if data.count(b"\n") != data.count(suffix):  # a raw newline only ends a line in N-Quads
            raise ValueError(f"N-Quads given for {graph} hold lines of another graph")
        # The same lines without their graph name: the triples of the default graph (the union); a triple that
        # several graphs hold is one key of the store, kept once.
        self._chunk += [data, data.replace(suffix, b" .\n")]
        self._size += len(data)
        if self._size >= self.chunk_bytes:
            self._put(self._chunk)
            self._chunk, self._size = [], 0

    def close(self) -> None:
        """No more graphs: the thread loads what is left and compacts the store (join waits for it)."""
        if self._chunk:
            self._put(self._chunk)
            self._chunk, self._size = [], 0
        self._put(None)

    def abort(self) -> None:
        """Stop loading and wait for the thread (the folder is about to be removed); its error is dropped."""
        import queue

        self._stop, self._chunk = True, []
        while self._thread.is_alive():
            try:
                self._queue.put_nowait(None)  # wakes it if it waits for a chunk
            except queue.Full:
                try:
                    self._queue.get_nowait()  # a chunk it will not load: make room
                except queue.Empty:
                    pass
            self._thread.join(timeout=0.1)

    def wait(self) -> None:
        """Stop loading (unless everything was given) and wait for the thread to end, whatever its outcome."""
        if self._thread.is_alive() and not self._stop:
            self.abort()
        self._thread.join()

    def join(self) -> None:
        """Wait until everything given is loaded and the store is closed; raise the thread's error, if any."""
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _put(self, item) -> None:
        import queue

        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(item, timeout=1)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        import time

        busy = 0.0
        try:
            store = ox.Store(str(self.store_path))
            with open(self.nq_path, "wb") as fh:
                while not self._stop:
                    chunk = self._queue.get()
                    if chunk is None:
                        break
                    started = time.perf_counter()
                    for named in chunk[0::2]:
                        fh.write(named)
                        self.quads += named.count(b"\n")
                    store.bulk_load(b"".join(chunk), format=ox.RdfFormat.N_QUADS)
                    busy += time.perf_counter() - started
            if self._stop:
                return
            started = time.perf_counter()
            store.optimize()
            store.flush()
            del store  # closes RocksDB: the folder is whole before it is renamed into place
            self._say(f"stage oxigraph: {busy:.2f} s")
            self._say(f"stage oxigraph optimize: {time.perf_counter() - started:.2f} s")
        except BaseException as exc:  # noqa: BLE001  (raised again by join, in the building thread)
            self._error = exc


def open_store(path: str | Path) -> ox.Store:
    """An on-disk Oxigraph store opened read-only (any number of processes may hold it)."""
    return ox.Store.read_only(str(path))


def _ox_value(term):
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        if dt.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return term.value


def known_prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes every query may use undeclared: kg, org, ..., and ent/rep under the data base."""
    from .namespaces import data_base
    base = data_base(base)
    return {**PREFIXES, "ent": f"{base}entity/", "rep": f"{base}report/"}


def with_prefixes(query: str, base: str | None = None) -> str:
    """The query with the usual prefixes declared (kg, org, ..., and ent/rep under the data base)."""
    declared = set(re.findall(r"PREFIX\s+(\w*):", query, re.I))
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in known_prefixes(base).items() if p not in declared)
    return head + query


class QueryEngine:
    """SPARQL over a built dataset: pyoxigraph (default) or rdflib."""

    def __init__(self, ds: Dataset | None, engine: str = "oxigraph", base: str | None = None,
                 store_path: str | Path | None = None) -> None:
        # store_path: an on-disk Oxigraph store written by StoreWriter (a build's), opened read-only instead
        # of copying ds; it opens on first use in each process, since a RocksDB handle must not cross a fork.
        if engine not in ("oxigraph", "rdflib"):
            raise QueryFailed(f"unknown engine {engine!r}: use oxigraph or rdflib")
        if store_path is not None and engine != "oxigraph":
            raise QueryFailed("an on-disk store is queried with the oxigraph engine")
        self.ds, self.engine, self.base = ds, engine, base
        self.store_path = None if store_path is None else str(store_path)
        self._ox = to_oxigraph(ds) if engine == "oxigraph" and store_path is None else None
        self._ox_pid = os.getpid()
        self._names: dict[str, list[str]] | None = None
        self._subgraphs: dict[tuple[str, ...], Graph] = {}

    @property
    def _store(self) -> ox.Store | None:
        """The Oxigraph store of this process (None for the rdflib engine)."""
        if self.store_path is not None and (self._ox is None or self._ox_pid != os.getpid()):
            self._ox, self._ox_pid = open_store(self.store_path), os.getpid()
        return self._ox

    def report_graphs(self, report_id: str) -> list[str] | None:
        """The named graph of one report and the shared entities graph (whatever the data base), or None."""
        if self._store is not None:
            names = [g.value for g in self._store.named_graphs()]
        else:
            names = [str(g.identifier) for g in self.ds.graphs() if len(g)]
        own = [n for n in names if n.endswith("/graph/" + quote(report_id))]
        if not own:
            return None
        shared = own[0][: -len(quote(report_id))] + "entities"
        return [own[0]] + ([shared] if shared in names else [])

    def _subgraph(self, graphs: list[str]) -> Graph:
        """For rdflib: the union of some named graphs, copied once."""
        key = tuple(graphs)
        if key not in self._subgraphs:
            from rdflib import URIRef
            g = Graph()
            for name in graphs:
                for t in self.ds.graph(URIRef(name)):
                    g.add(t)
            self._subgraphs[key] = g
        return self._subgraphs[key]

    def entity_iris(self, name: str) -> list[str]:
        """The IRIs of the entities one of whose names (label, full name, alias) folds like name, and of the bodies
        a report calls so as its own ("the Sub-Committee"; see ENTITY_NAMES)."""
        if self._names is None:
            self._names = names_by_key(self.query(ENTITY_NAMES).rows)
        return iris_named(self._names, name)

    def own_body_iris(self, name: str) -> list[str]:
        """The bodies that name ("the Sub-Committee") stands for only as a report's name for its own body."""
        self.entity_iris(name)
        return iris_named(self._names, name, own_only=True)

    def query(self, text: str, graphs: list[str] | None = None) -> QueryResult:
        """Run SELECT or ASK (CONSTRUCT/DESCRIBE give rows of s, p, o), over the union of all graphs or,
        when graphs are given, of those named graphs only."""
        try:
            if self._store is not None:
                # the prefixes are handed to the parser, not prepended, so error positions are the caller's own
                prefixes = known_prefixes(self.base)
                if graphs:
                    res = self._store.query(text, prefixes=prefixes, default_graph=[ox.NamedNode(g) for g in graphs])
                else:
                    res = self._store.query(text, prefixes=prefixes)
                if isinstance(res, ox.QueryBoolean):
                    return QueryResult([], [], bool(res))
                if isinstance(res, ox.QueryTriples):
                    rows = [{"s": t.subject.value, "p": t.predicate.value, "o": _ox_value(t.object)} for t in res]
                    return QueryResult(["s", "p", "o"], rows)
                cols = [v.value for v in res.variables]
                return QueryResult(cols, [{c: _ox_value(sol[c]) for c in cols} for sol in res])
            res = (self._subgraph(graphs) if graphs else self.ds).query(with_prefixes(text, self.base))
        except Exception as exc:  # pyoxigraph raises SyntaxError or OSError; rdflib, pyparsing errors
            raise QueryFailed(f"query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from exc
        if res.type == "ASK":
            return QueryResult([], [], bool(res.askAnswer))
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(["s", "p", "o"], [{"s": str(s), "p": str(p), "o": _rdflib_value(o)} for s, p, o in res])
        cols = [str(v) for v in res.vars]
        return QueryResult(cols, [{c: _rdflib_value(row[i]) for i, c in enumerate(cols)} for row in res])


def _rdflib_value(term):
    """A result term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        v = term.toPython()
        return v if isinstance(v, (int, float, str)) else str(term)
    return str(term)


def is_named(query: str) -> bool:
    """Whether a QUERY argument names a shipped query (rather than being SPARQL text or @file)."""
    return bool(re.fullmatch(r"[\w-]+", query.strip()))


def run_query(ds_or_engine, query: str, params: dict[str, str] | None = None, engine: str = "oxigraph",
              limit: int | None = None, offset: int = 0) -> QueryResult:
    """Run a query given as SPARQL text, @file, or the name of a shipped query (with its parameters);
    a named query answers one page when given a limit, and says whether more rows follow."""
    # an engine: this module's, or graph.remote.RemoteEngine (a SPARQL server), which has the same methods
    qe = ds_or_engine if hasattr(ds_or_engine, "entity_iris") else QueryEngine(ds_or_engine, engine)
    graphs = None
    if is_named(query) and params:
        report = get_query(query.strip()).report(params)
        if report is not None:
            graphs = qe.report_graphs(report)
            if not graphs:
                raise QueryFailed(f"no report {report!r} in this corpus")
    if not is_named(query):
        if limit is not None:
            raise QueryFailed("paging applies to named queries; write LIMIT and OFFSET into your own query")
        return qe.query(resolve_query_text(query, params), graphs)
    named = get_query(query.strip())
    if limit is None:
        return qe.query(named.bind(params, qe.entity_iris, engine=qe.engine), graphs)
    if not isinstance(limit, int) or limit < 1:
        raise QueryFailed(f"a page needs a limit of 1 or more, not {limit!r}")
    # One row more than the page, to tell whether another page follows.
    result = qe.query(named.bind(params, qe.entity_iris, limit + 1, offset, engine=qe.engine), graphs)
    result.more, result.rows = len(result.rows) > limit, result.rows[:limit]
    return result


def resolve_query_text(query: str, params: dict[str, str] | None = None, resolve=None) -> str:
    """SPARQL text from text, '@path', or a named query."""
    if query.startswith("@"):
        path = Path(query[1:])
        if not path.is_file():
            raise QueryFailed(f"no such query file: {path}")
        return path.read_text(encoding="utf-8")
    if is_named(query):
        return get_query(query.strip()).bind(params, resolve)
    if params:
        raise QueryFailed("parameters apply only to named queries")
    return query


def save(ds: Dataset, path: str | Path) -> None:
    """Write the dataset as TriG or N-Quads (by suffix), named graphs kept, atomically."""
    from ingest.store import atomic_write
    fmt = "nquads" if str(path).endswith(".nq") else "trig"
    atomic_write(Path(path), ds.serialize(format=fmt, encoding="utf-8"))


def load(path: str | Path) -> Dataset:
    """Read a dataset written by save (TriG or N-Quads)."""
    ds = Dataset(default_union=True)
    ds.parse(str(path), format="nquads" if str(path).endswith(".nq") else "trig")
    return ds
