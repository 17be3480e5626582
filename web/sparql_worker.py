"""Read-only SPARQL with a time limit and a row limit, run in a worker process that can be stopped.

pyoxigraph cannot cancel a query from another thread, so a runaway query would hold a server
thread and a core for as long as it runs. Here queries run in a separate process holding its own
copy of the store; when one passes the time limit the process is killed, the request gets a clear
error, and the next query starts a fresh worker.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import re
import threading

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_TYPES = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples"}
# A keyword, not a variable (?add), a prefixed name (kg:add) or a prefix label ("PREFIX add:").
_UPDATE = re.compile(r"(?<![?$:\w])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b(?!\s*:)", re.I)
# SERVICE would make this server fetch any URL a caller names (federated query): never allowed here.
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE\b(?!\s*:)", re.I)


class SparqlError(Exception):
    """A query the endpoint refuses or could not run; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def strip_literals(query: str) -> str:
    """The query without comments, IRIs and string literals, for keyword checks."""
    query = re.sub(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'', '""', query)
    query = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', query)
    query = re.sub(r"<[^<>\s]*>", "<>", query)
    return re.sub(r"#[^\n]*", "", query)


def check_read_only(query: str) -> None:
    """Refuse SPARQL Update (this endpoint only reads) and federated SERVICE calls (no outgoing requests)."""
    bare = strip_literals(query)
    m = _UPDATE.search(bare)
    if m:
        raise SparqlError(f"SPARQL Update ({m.group(1).upper()}) is not allowed: this endpoint is read-only", 400)
    if _SERVICE.search(bare):
        raise SparqlError("SERVICE (federated query) is not allowed: this endpoint queries only its own graph", 400)


def _term_json(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def run_query(store, query: str, result_format: str, graph_format: str, max_rows: int) -> tuple[str, bytes]:
    """Run one query on a pyoxigraph store: (content type, body). Raises SparqlError."""
    import pyoxigraph as ox

    check_read_only(query)
    try:
        # the default graph holds the union of the report graphs, each triple once (see graph.store)
        result = store.query(query)
    except SyntaxError as exc:
        raise SparqlError(f"malformed query: {exc}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise SparqlError(f"query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        if result_format == "json":
            return RESULT_TYPES["json"], json.dumps({"head": {}, "boolean": bool(result)}).encode()
        return RESULT_TYPES[result_format], f"_askResult\n{str(bool(result)).lower()}\n".encode()
    if isinstance(result, ox.QueryTriples):
        triples = []
        for t in result:
            triples.append(t)
            if len(triples) > max_rows:
                raise SparqlError(f"the query returns more than {max_rows} triples; add a LIMIT", 400)
        fmt = ox.RdfFormat.TURTLE if graph_format == "turtle" else ox.RdfFormat.N_TRIPLES
        return GRAPH_TYPES[graph_format], ox.serialize(triples, format=fmt) or b""
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([solution[v] for v in variables])
        if len(rows) > max_rows:
            raise SparqlError(f"the query returns more than {max_rows} rows; add a LIMIT", 400)
    if result_format == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        body = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return RESULT_TYPES["json"], json.dumps(body, ensure_ascii=False).encode()
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="," if result_format == "csv" else "\t", lineterminator="\n")
    writer.writerow(variables if result_format == "csv" else [f"?{v}" for v in variables])
    for row in rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return RESULT_TYPES[result_format], buf.getvalue().encode()


def _serve(conn, nquads: bytes, max_rows: int) -> None:
    """The worker process: load the store, then answer queries until told to stop."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the union, as graph.store does
    conn.send(("ready",))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        query, result_format, graph_format = msg
        try:
            conn.send(("ok",) + run_query(store, query, result_format, graph_format, max_rows))
        except SparqlError as exc:
            conn.send(("error", exc.status, exc.message))
        except Exception as exc:  # a term the serialisers do not know, an engine error: the worker lives on
            conn.send(("error", 400, f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))


class SparqlRunner:
    """Runs queries in a worker process; kills and replaces it when a query passes the time limit."""

    def __init__(self, dataset, timeout_s: float, max_rows: int):
        self.nquads = dataset.serialize(format="nquads", encoding="utf-8")
        self.timeout_s, self.max_rows = float(timeout_s), int(max_rows)
        self._lock = threading.Lock()
        self._proc = None
        self._conn = None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")  # a clean interpreter: no torch threads or server sockets inherited
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, self.nquads, self.max_rows), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent
        if not parent.poll(120) or parent.recv() != ("ready",):
            self._stop()
            raise SparqlError("the SPARQL worker did not start", 503)

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        self._proc = self._conn = None

    def query(self, query: str, result_format: str = "json", graph_format: str = "turtle") -> tuple[str, bytes]:
        """Run a read-only query within the time and row limits: (content type, body)."""
        from graph.store import _with_prefixes

        check_read_only(query)
        query = _with_prefixes(query)  # kg:, org:, ent: … as `kgqa sparql` declares them
        # One query at a time per worker; a caller waits at most one time limit for its turn,
        # so slow queries cannot pile up and hold every server thread.
        if not self._lock.acquire(timeout=self.timeout_s):
            raise SparqlError("the SPARQL endpoint is busy; try again shortly", 503)
        try:
            if self._proc is None or not self._proc.is_alive():
                self._start()
            try:
                self._conn.send((query, result_format, graph_format))
                if not self._conn.poll(self.timeout_s):
                    self._stop()
                    raise SparqlError(f"the query was stopped after the {self.timeout_s:g} s time limit", 400)
                reply = self._conn.recv()
            except (EOFError, OSError):
                self._stop()  # the worker died; the next query starts a fresh one
                raise SparqlError("the query could not be run (the SPARQL worker stopped); try again", 503) from None
        finally:
            self._lock.release()
        if reply[0] == "error":
            raise SparqlError(reply[2], reply[1])
        return reply[1], reply[2]

    def close(self) -> None:
        """Stop the worker."""
        with self._lock:
            if self._proc is not None and self._conn is not None:
                try:
                    self._conn.send(None)
                except OSError:
                    pass
            self._stop()
