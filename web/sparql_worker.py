"""Read-only SPARQL with a time limit and a row limit, run in worker processes that can be stopped.

pyoxigraph cannot cancel a query from another thread, so a runaway query would hold a server
thread and a core for as long as it runs. Here queries run in separate processes (the slots), each
opening the build's on-disk store read-only at a lower CPU priority; when a query passes the time limit its
process is killed, the request gets a clear error, and the slot's next query starts a fresh worker.
A request waits for a slot only briefly, and only a few may wait at all: the rest get 503 with
Retry-After at once, so SPARQL can never hold every server thread and the pages and API keep answering.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import queue
import signal
import threading

from .sparql_formats import GRAPH_TYPES, RESULT_TYPES, write_boolean, write_solutions, write_triples
from .sparql_safety import UnsafeQuery, check_parsed, check_query


class SparqlError(Exception):
    """A query the endpoint refuses or could not run; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400, retry_after: int | None = None):
        super().__init__(message)
        self.message, self.status, self.retry_after = message, status, retry_after


def refuse_unsafe(query: str) -> None:
    """SparqlError (400) for what this endpoint never runs: updates, SERVICE, and the rest sparql_safety refuses."""
    try:
        check_query(query)
        check_parsed(query)
    except UnsafeQuery as exc:
        raise SparqlError(str(exc)) from None


def run_query(store, query: str, result_format: str, graph_format: str, max_rows: int,
              prefixes: dict[str, str]) -> tuple[str, bytes]:
    """Run one query on a pyoxigraph store: (content type, body). Raises SparqlError."""
    import pyoxigraph as ox

    refuse_unsafe(query)
    try:
        # The usual prefixes go to the parser, not into the text, so error positions are the caller's own.
        # The default graph holds the union of the report graphs, each triple once (see graph.store).
        result = store.query(query, prefixes=prefixes)
        if isinstance(result, ox.QueryBoolean):
            return RESULT_TYPES[result_format], write_boolean(result, result_format)
        if isinstance(result, ox.QueryTriples):
            triples = []
            for t in result:
                triples.append(t)
                if len(triples) > max_rows:
                    raise SparqlError(f"the query returns more than {max_rows} triples; add a LIMIT", 400)
            return GRAPH_TYPES[graph_format], write_triples(triples, graph_format, prefixes)
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append([solution[v] for v in variables])
            if len(rows) > max_rows:
                raise SparqlError(f"the query returns more than {max_rows} rows; add a LIMIT", 400)
    except SyntaxError as exc:
        raise SparqlError(f"malformed query: {_short(exc)}") from None
    except OSError:
        # Say nothing of what any remote end answered: no host, port or status leaks out.
        raise SparqlError("query failed: the query could not be evaluated") from None
    except (ValueError, RuntimeError) as exc:
        raise SparqlError(f"query failed: {_first_line(exc)}") from None
    return RESULT_TYPES[result_format], write_solutions(variables, rows, result_format)


def _first_line(exc: Exception) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _short(exc: Exception, limit: int = 240) -> str:
    """An engine message cut to a readable length (its lists of expected characters run long)."""
    text = _first_line(exc)
    return text if len(text) <= limit else text[:limit].rsplit(",", 1)[0] + ", …"


def _serve(conn, store_path: str, max_rows: int, prefixes: dict[str, str]) -> None:
    """The worker process: open the store read-only, then answer queries until told to stop or the server goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server stops us
    os.nice(10)  # a runaway query yields the CPU to the pages and API
    from rdflib.plugins.sparql import parser  # noqa: F401  (imported now, not during the first query)

    from graph.store import open_store

    store = open_store(store_path)  # the union of the report graphs is its default graph (see graph.store)
    try:
        conn.send(("ready",))
        while True:
            msg = conn.recv()
            if msg is None:
                return
            query, result_format, graph_format = msg
            try:
                conn.send(("ok",) + run_query(store, query, result_format, graph_format, max_rows, prefixes))
            except SparqlError as exc:
                conn.send(("error", exc.status, exc.message))
            except Exception as exc:  # a term a serialiser does not know, an engine error: the worker lives on
                conn.send(("error", 400, f"query failed: {type(exc).__name__}: {_first_line(exc)}"))
    except (EOFError, OSError):
        return  # the server has gone (stopped, or killed): nothing to answer, nothing to print


class _Worker:
    """One slot: a worker process, started when first needed and again after it is killed."""

    def __init__(self, store_path: str, max_rows: int, prefixes: dict[str, str]):
        self.args = (store_path, max_rows, prefixes)
        self.proc = self.conn = None
        self.ready = False

    def start(self) -> None:
        """Start the process and wait until its store is open."""
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the process, without waiting for it (it opens the store while the server loads the rest)."""
        ctx = mp.get_context("spawn")  # a clean interpreter: no torch threads or server sockets inherited
        self.ready = False
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, *self.args), daemon=True)
        # The child starts with SIGINT blocked (it inherits this thread's mask), so a Ctrl-C that lands
        # while it is still importing cannot print a traceback either.
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.proc.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
        child.close()
        self.conn = parent

    def wait_ready(self) -> None:
        """Wait until a launched process has opened its store."""
        try:
            ready = self.conn.poll(120) and self.conn.recv() == ("ready",)
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise SparqlError("the SPARQL worker did not start", 503)
        self.ready = True

    def stop(self, polite: bool = False) -> None:
        """End the process: ask it to (polite) or kill it."""
        proc, conn = self.proc, self.conn
        self.proc = self.conn = None
        if proc is None:
            return
        if polite and conn is not None:
            try:
                conn.send(None)
                proc.join(2)
            except OSError:
                pass
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        if conn is not None:
            conn.close()

    def run(self, msg: tuple, timeout_s: float) -> tuple:
        """Send one query and wait for its reply within the time limit."""
        if self.proc is None or not self.proc.is_alive():
            self.stop()
            self.start()
        elif not self.ready:
            self.wait_ready()  # launched at start-up, not yet waited for
        try:
            self.conn.send(msg)
            if not self.conn.poll(timeout_s):
                self.stop()
                raise SparqlError(f"the query was stopped after the {timeout_s:g} s time limit", 400)
            return self.conn.recv()
        except (EOFError, OSError, AttributeError):
            self.stop()  # the worker died (or the server is stopping); the next query starts a fresh one
            raise SparqlError("the query could not be run (the SPARQL worker stopped); try again", 503) from None


class SparqlRunner:
    """A fixed pool of SPARQL slots with a short, bounded queue in front of it."""

    def __init__(self, store_path, base: str, timeout_s: float, max_rows: int, workers: int = 1, queue_size: int = 2,
                 queue_wait_s: float = 1.0):
        from graph.store import known_prefixes

        self.pid = os.getpid()  # the workers belong to this process: a forked server starts its own
        self.prefixes = known_prefixes(base)
        self.timeout_s, self.max_rows = float(timeout_s), int(max_rows)
        self.queue_size, self.queue_wait_s = max(0, int(queue_size)), float(queue_wait_s)
        self._workers = [_Worker(str(store_path), self.max_rows, self.prefixes) for _ in range(max(1, int(workers)))]
        self._idle = _new_idle(self._workers)
        self._waiting = 0
        self._count = threading.Lock()
        # a slot frees within one time limit (plus a worker restart): a fair time to come back
        self.retry_after = max(1, math.ceil(self.timeout_s + 1))

    @property
    def launched(self) -> bool:
        """Whether a worker process has been started."""
        return any(w.proc is not None for w in self._workers)

    def launch(self) -> None:
        """Start every worker process that is not running, without waiting for them."""
        for worker in self._workers:
            if worker.proc is None:
                worker.launch()

    def start(self) -> None:
        """Start every worker now and wait until each is ready (serve does, so the first queries do not wait)."""
        self.launch()
        for worker in self._workers:
            if worker.conn is not None and not worker.ready:
                worker.wait_ready()

    def _busy(self) -> SparqlError:
        return SparqlError("the SPARQL endpoint is busy; try again shortly", 503, self.retry_after)

    def _take_slot(self) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._count:
            if self._waiting >= self.queue_size:
                raise self._busy()
            self._waiting += 1
        try:
            return self._idle.get(timeout=self.queue_wait_s)
        except queue.Empty:
            raise self._busy() from None
        finally:
            with self._count:
                self._waiting -= 1

    def query(self, query: str, result_format: str = "json", graph_format: str = "turtle") -> tuple[str, bytes]:
        """Run a read-only query within the time and row limits: (content type, body)."""
        worker = self._take_slot()  # first: when the slots are full, a 503 costs the least
        try:
            check_query(query)
            reply = worker.run((query, result_format, graph_format), self.timeout_s)
        except UnsafeQuery as exc:
            raise SparqlError(str(exc)) from None
        finally:
            self._idle.put(worker)
        if reply[0] == "error":
            raise SparqlError(reply[2], reply[1])
        return reply[1], reply[2]

    def close(self) -> None:
        """Stop every worker (a query still running gets a 503)."""
        for worker in self._workers:
            worker.stop(polite=True)

    def retire(self) -> None:
        """Stop every worker once its running query, if any, is done (within one time limit): for a runner that new
        queries no longer reach (a progressive start's, replaced by the whole build's)."""
        for _ in self._workers:
            try:
                self._idle.get(timeout=self.timeout_s + 1)
            except queue.Empty:
                break
        self.close()


def _new_idle(workers: list[_Worker]) -> queue.LifoQueue:
    idle: queue.LifoQueue = queue.LifoQueue()
    for w in workers:
        idle.put(w)
    return idle
