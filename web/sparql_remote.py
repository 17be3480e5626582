"""/sparql over a SPARQL server (the STORE setting): the user's query forwarded, with this endpoint's guards.

The same checks as the worker processes run come first (no SPARQL Update, no SERVICE, by the tokenizer and
by rdflib's parse tree), then the query is parsed by Oxigraph against an empty store, so a syntax error reads
exactly as it does with the embedded store. The server answers SPARQL JSON results or N-Triples; the rows
are counted against the row limit and written in the format asked for by the same writers as the embedded
endpoint. The time limit is the HTTP request's timeout. ``SPARQL_WORKERS`` queries run at once; a request
waits at most ``SPARQL_QUEUE_WAIT_S`` for a turn, and one more than ``SPARQL_QUEUE`` waiting gets 503.
"""
from __future__ import annotations

import math
import os
import threading

from .sparql_formats import GRAPH_TYPES, RESULT_TYPES, write_boolean, write_solutions, write_triples
from .sparql_worker import SparqlError, _short, refuse_unsafe


class RemoteSparql:
    """The guarded /sparql runner when the graph lives in a SPARQL server (same interface as SparqlRunner)."""

    def __init__(self, engine, timeout_s: float, max_rows: int, workers: int = 1, queue_size: int = 2,
                 queue_wait_s: float = 1.0):
        from graph.store import known_prefixes

        self.engine, self.prefixes = engine, known_prefixes(engine.base)
        self.timeout_s, self.max_rows = float(timeout_s), int(max_rows)
        self.queue_wait_s = float(queue_wait_s)
        self._slots = threading.BoundedSemaphore(max(1, int(workers)))
        self._room = threading.BoundedSemaphore(max(1, int(workers)) + max(0, int(queue_size)))
        self.retry_after = max(1, math.ceil(self.timeout_s + 1))
        self.pid = os.getpid()  # as SparqlRunner's: a forked worker makes its own (it holds no process)

    def launch(self) -> None:
        """Nothing to launch: the server runs the queries."""

    def start(self) -> None:
        """Nothing to start: the server runs the queries."""

    def close(self) -> None:
        """Nothing to stop."""

    def query(self, query: str, result_format: str = "json", graph_format: str = "turtle") -> tuple[str, bytes]:
        """Check a read-only query, run it on the server within the time and row limits: (content type, body)."""
        if not self._room.acquire(blocking=False):
            raise SparqlError("the SPARQL endpoint is busy; try again shortly", 503, self.retry_after)
        try:
            if not self._slots.acquire(timeout=self.queue_wait_s):
                raise SparqlError("the SPARQL endpoint is busy; try again shortly", 503, self.retry_after)
            try:
                return self._run(query, result_format, graph_format)
            finally:
                self._slots.release()
        finally:
            self._room.release()

    def _run(self, query: str, result_format: str, graph_format: str) -> tuple[str, bytes]:
        import pyoxigraph as ox

        from graph.remote import N_TRIPLES, RESULTS_JSON, StoreUnavailable, sparql_request
        from graph.store import QueryFailed, with_prefixes

        refuse_unsafe(query)
        try:
            ox.Store().query(query, prefixes=self.prefixes)  # the embedded endpoint's syntax errors, word for word
        except SyntaxError as exc:
            raise SparqlError(f"malformed query: {_short(exc)}") from None
        except (OSError, ValueError, RuntimeError):
            pass  # evaluation against nothing: the server's answer is what counts
        try:
            ctype, body = sparql_request(self.engine.endpoints, with_prefixes(query, self.engine.base),
                                         accept=f"{RESULTS_JSON}, {N_TRIPLES};q=0.9", timeout_s=self.timeout_s)
        except QueryFailed as exc:
            raise SparqlError(str(exc)) from None
        except StoreUnavailable as exc:
            if exc.timed_out:
                raise SparqlError(f"the query was stopped after the {self.timeout_s:g} s time limit", 400) from None
            raise SparqlError(str(exc), exc.status) from None
        mime = ctype.split(";")[0].strip().lower()
        try:
            if mime in (N_TRIPLES, "text/plain"):
                triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
                if len(triples) > self.max_rows:
                    raise SparqlError(f"the query returns more than {self.max_rows} triples; add a LIMIT", 400)
                return GRAPH_TYPES[graph_format], write_triples(triples, graph_format, self.prefixes)
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError:
            raise SparqlError("the SPARQL server's answer could not be read", 502) from None
        if isinstance(result, ox.QueryBoolean):
            return RESULT_TYPES[result_format], write_boolean(result, result_format)
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append([solution[v] for v in variables])
            if len(rows) > self.max_rows:
                raise SparqlError(f"the query returns more than {self.max_rows} rows; add a LIMIT", 400)
        return RESULT_TYPES[result_format], write_solutions(variables, rows, result_format)
