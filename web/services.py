"""The corpus the web app serves, opened once per process on first use.

``init_app(app)`` registers a ``Services`` object; ``services()`` returns it inside a request. It is a thin
lazy holder over ``corpus.Corpus``: the build is made (or reused, when inputs, code, base IRI and encoder
are unchanged) on first use, then every part is read from it. Besides the corpus it holds what only the
web app needs: the SPARQL worker processes and the compiled entity patterns of the pages.

With the STORE setting, the graph lives in a SPARQL server (loaded by ``kgqa load``): the named queries,
graph answers, networks, exports and /sparql all ask that server, and this process keeps no graph of its own.

A progressive start (``open_progressive``, then ``build_in_background``: what ``kgqa serve`` does in one process)
serves the lexical build (qa.build.ensure_lexical: everything but the dense vectors) while a thread makes the whole
build as ``kgqa build`` does, then switches to it; ``index_state`` says where that stands.

Each request takes a lease on the corpus it first uses and keeps it to its end (``corpus`` inside a request, given
back by the app's teardown), so a request is answered by one corpus throughout. The corpus a switch replaces, and
its SPARQL workers, are let go of (closed, and the folder removed) when its last lease ends, never under a request.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from flask import Flask, current_app

from qa.corpus import Corpus, open_corpus
from qa.encoder import encode_questions
from ingest.model import Report
from ingest.store import bundled_report_path

LEASE = "kgqa_corpus"  # the flask.g attribute holding the corpus a request leased


class Services:
    """The corpus of one app, opened on first use, and the SPARQL runner over its store."""

    def __init__(self, config: dict, progress=None):
        self.config = config
        self.progress = progress or (lambda msg: None)
        self._lock = threading.RLock()
        self._corpus: Corpus | None = None
        self._sparql = None
        self._passages = None  # (corpus, passage id -> (report, passage)): see passage_index
        self._items = None  # (corpus, items): see document_items
        # The dense index of a progressive start: "ready" unless open_progressive opened a lexical build.
        self._index = {"state": "ready", "error": None}
        self._closed = False
        self._retired = None  # (lexical corpus, its SPARQL runner) between a switch and letting go of them
        # Requests in flight on each corpus (the leases), and what is given back when one ends. Its own lock, not
        # _lock (held while a build opens): a request ending never waits for that.
        self._leases: dict[Corpus, int] = {}
        self._lease_lock = threading.Lock()
        self._letting_go: threading.Thread | None = None

    @property
    def build_dir(self) -> Path:
        """Where builds are kept."""
        return Path(self.config.get("BUILD_DIR") or "out")

    def report_paths(self) -> list[Path]:
        """The configured report files, or the bundled report."""
        paths = self.config.get("REPORTS") or []
        if isinstance(paths, str):
            paths = [p for p in paths.split(os.pathsep) if p]
        return [Path(p) for p in paths] or [bundled_report_path()]

    @property
    def base_iri(self) -> str:
        """Base of instance IRIs (the BASE_IRI setting), ending in '/'."""
        from graph.namespaces import data_base

        return data_base(self.config.get("BASE_IRI"))

    @property
    def store(self) -> str | None:
        """The SPARQL server's query endpoint (the STORE setting), or None for the build's embedded store."""
        return self.config.get("STORE") or None

    @property
    def corpus(self) -> Corpus:
        """The served corpus: its build reused, or made first when missing or stale. Inside a request, the corpus
        that request first used (it holds a lease on it until it ends), even after a switch to a newer build."""
        from flask import g, has_request_context

        if not has_request_context():
            return self._current()
        corpus = g.get(LEASE)
        if corpus is None:
            self._current()  # opened first (under _lock) when this is the first use
            with self._lease_lock:  # read again under the lease lock: a switch may have come in between
                corpus = self._corpus
                self._leases[corpus] = self._leases.get(corpus, 0) + 1
            setattr(g, LEASE, corpus)
        return corpus

    def _current(self) -> Corpus:
        """The corpus new requests get: opened (made first when missing or stale) on first use."""
        with self._lock:
            if self._corpus is None:
                self._corpus = self._with_store(open_corpus(*self._build_args(), progress=self.progress))
            return self._corpus

    def end_lease(self, corpus: Corpus) -> None:
        """A request that used corpus has ended (the app's teardown calls this); the last request on a corpus a
        switch replaced starts letting go of it."""
        with self._lease_lock:
            left = self._leases.get(corpus, 0) - 1
            if left > 0:
                self._leases[corpus] = left
            else:
                self._leases.pop(corpus, None)
        if left <= 0:
            self._let_go_when_unused(corpus)

    def letting_go(self) -> threading.Thread | None:
        """The thread letting go of a replaced corpus, once its last request has ended (tests wait on it)."""
        return self._letting_go

    def _build_args(self) -> tuple:
        """ensure_build's arguments: (report paths, build folder, base IRI, encoder, model path)."""
        c = self.config
        return self.report_paths(), self.build_dir, self.base_iri, c.get("ENCODER") or "onnx", c.get("MODEL_PATH")

    def _with_store(self, corpus: Corpus) -> Corpus:
        """The corpus, answering its graph queries from the STORE server when one is set, and ranking with the ANN
        index from the ANN_FROM_SENTENCES setting's corpus size."""
        corpus.ann_from = int(self.config.get("ANN_FROM_SENTENCES", corpus.ann_from))
        if self.store:
            from graph.remote import RemoteEngine  # holds the server's address, no graph

            corpus.use_engine(RemoteEngine(self.store, base=self.base_iri, timeout_s=self.config["STORE_TIMEOUT_S"]))
        return corpus

    # -- a progressive start ----------------------------------------------------------------------------
    def open_progressive(self) -> bool:
        """Open the whole build when it is there; else the lexical build (made first when missing: ingest, graph,
        BM25, no encoder) with the dense index "building". True when build_in_background has the rest to do."""
        from qa.build import ensure_lexical

        with self._lock:
            if self._corpus is not None:
                return False
            opened: list[Corpus] = []
            _, complete = ensure_lexical(*self._build_args(), progress=self.progress,
                                         holder=lambda folder: opened.append(Corpus(folder)))
            self._corpus = self._with_store(opened[0])
            if not complete:
                self._index = {"state": "building", "error": None}
            return not complete

    def build_in_background(self) -> threading.Thread:
        """Make the whole build in a thread (ONNX export, embeddings: as `kgqa build` does, under the build lock),
        then serve it in place of the lexical build. A failure is logged and kept in index_state; the lexical build
        goes on answering and every finished build stays as it was."""
        thread = threading.Thread(target=self._build_whole, name="kgqa-dense-build", daemon=True)
        thread.start()
        return thread

    def index_state(self) -> dict:
        """Where the dense index stands: state ("unopened" before the first use, "building", "ready" or "failed"),
        retrieval ("hybrid", "lexical", or None before the first use) and the failure's message (error)."""
        corpus = self._corpus
        if corpus is None:
            return {"state": "unopened", "retrieval": None, "error": None}
        return {**self._index, "retrieval": "hybrid" if corpus.dense else "lexical"}

    def _build_whole(self) -> None:
        log = logging.getLogger("kgqa")
        corpus = None
        try:
            self._wait_for_gate()
            if self._closed:
                return
            log.info("building the dense index in the background; answers are lexical until it is ready")
            started = time.perf_counter()
            corpus = self._with_store(open_corpus(*self._build_args(), progress=self.progress))
            # Everything an answer uses, loaded before the switch, so no question waits for it.
            _ = corpus.reports, corpus.qa, corpus.registry
            corpus.engine.entity_iris("")
            encode_questions(corpus.encoder, ["warm-up"])  # the question session (int8 for onnx-int8-query)
            if not self.store:
                _ = corpus.network
        except Exception as exc:  # noqa: BLE001  (reported in the log and /api/health; the lexical build serves on)
            if corpus is not None:
                corpus.close()
            self._index = {"state": "failed", "error": f"{type(exc).__name__}: {exc}"}
            log.error("the background build failed; answers stay lexical until a restart: %s: %s",
                      type(exc).__name__, exc)
            return
        old = self._switch_to(corpus)
        if old is not None:
            log.info("the dense index is ready (%.1f s): answers are hybrid from now on", time.perf_counter() - started)
            try:
                _ = self.passage_index, self.document_items  # made again from the new build's reports
            except Exception as exc:  # noqa: BLE001  (the first request that needs them makes them, or says why)
                log.warning("loading the pages' parts of the whole build failed: %s: %s", type(exc).__name__, exc)
            with self._lease_lock:
                busy = self._leases.get(old, 0)
            if busy:
                log.info("%d request(s) still use the lexical build: it is let go of when the last one ends", busy)
            self._let_go_when_unused(old)

    def _wait_for_gate(self) -> None:
        """With the DENSE_BUILD_GATE setting (tests and benchmarks), wait until that file exists."""
        gate = self.config.get("DENSE_BUILD_GATE")
        while gate and not Path(gate).exists() and not self._closed:
            time.sleep(0.05)

    def _switch_to(self, corpus: Corpus) -> Corpus | None:
        """Serve corpus from now on, and return the corpus it replaces (None, and nothing changed, once the server is
        closed); that corpus and its SPARQL runner are kept in _retired until they are let go of."""
        with self._lock:  # close() takes it too: no SPARQL worker is started after the server has stopped
            if self._closed:
                corpus.close()
                return None
            with self._lease_lock:  # a request from now on leases the new corpus
                old, self._corpus = self._corpus, corpus
            old_sparql = self._sparql if not self.store else None
            if old_sparql is not None:
                self._sparql = None
                if old_sparql.launched:
                    self.sparql.launch()  # on the new build's store; the first query waits for it if it must
            self._index = {"state": "ready", "error": None}
            with self._lease_lock:  # a request ending from now on may be the last on old, and let go of it
                self._retired = (old, old_sparql)
        return old

    def _let_go_when_unused(self, corpus: Corpus) -> None:
        """Let go of corpus, in a thread, if a switch replaced it and no request holds it any more: the last of the
        build thread and the requests on it to get here does it, once."""
        with self._lease_lock:
            if self._retired is None or self._retired[0] is not corpus or self._leases.get(corpus):
                return
            retired, self._retired = self._retired, None
            self._letting_go = threading.Thread(target=self._let_go, args=retired, name="kgqa-let-go", daemon=True)
        self._letting_go.start()

    def _let_go(self, old: Corpus, old_sparql) -> None:
        """After a switch, once no request uses the lexical build: stop its SPARQL workers (their queries are done: a
        query holds its request's lease), close it and remove it. Answers are hybrid already, so a failure here is
        only logged."""
        try:
            if old_sparql is not None:
                old_sparql.retire()
            old.close()
            from qa.build import remove_unused

            remove_unused(self.build_dir, self._current().folder, self.progress)
        except Exception as exc:  # noqa: BLE001
            logging.getLogger("kgqa").warning("letting go of the lexical build failed: %s: %s", type(exc).__name__, exc)

    @property
    def reports(self) -> list[Report]:
        """Every report served."""
        return self.corpus.reports

    def report(self, report_id: str) -> Report | None:
        """The served report with this id."""
        return self.corpus.report(report_id)

    @property
    def qa(self):
        """The question-answering service over the served reports."""
        return self.corpus.qa

    @property
    def dataset(self):
        """The RDF dataset (rdflib) of the served reports, for exports and descriptions. With STORE, it is
        fetched from the server each time it is asked for (the exports), and not kept."""
        if self.store:
            return self.engine.dataset()
        return self.corpus.dataset

    @property
    def network(self):
        """The networkx projection of the entities. With STORE, a graph.remote_network.RemoteNetwork that asks
        the server, one per request (it keeps only what that request fetched)."""
        if self.store:
            from flask import g, has_request_context

            from graph.remote_network import RemoteNetwork

            if not has_request_context():
                return RemoteNetwork(self.engine)
            if "kgqa_network" not in g:
                g.kgqa_network = RemoteNetwork(self.engine)
            return g.kgqa_network
        return self.corpus.network

    @property
    def engine(self):
        """The SPARQL engine the pages' named queries run on: the on-disk store, read-only, or the STORE server."""
        return self.corpus.engine

    @property
    def sparql(self):
        """The guarded SPARQL runner for /sparql: worker processes that open the store themselves."""
        leased = self.corpus  # inside a request, a lease: the runner given here is not retired before the request ends
        with self._lock:
            retired = self._retired
            if retired is not None and retired[0] is leased and retired[1] is not None:
                return retired[1]  # a request begun on the replaced build queries that build's workers to its end
            c = self.config
            if self._sparql is None and self.store:
                from .sparql_remote import RemoteSparql

                self._sparql = RemoteSparql(self.engine, timeout_s=c["SPARQL_TIMEOUT_S"], max_rows=c["SPARQL_MAX_ROWS"],
                                            workers=c["SPARQL_WORKERS"], queue_size=c["SPARQL_QUEUE"],
                                            queue_wait_s=c["SPARQL_QUEUE_WAIT_S"])
            if self._sparql is None or self._sparql.pid != os.getpid():
                from .sparql_worker import SparqlRunner

                self._sparql = SparqlRunner(self._current().store_path, self.base_iri, timeout_s=c["SPARQL_TIMEOUT_S"],
                                            max_rows=c["SPARQL_MAX_ROWS"], workers=c["SPARQL_WORKERS"],
                                            queue_size=c["SPARQL_QUEUE"], queue_wait_s=c["SPARQL_QUEUE_WAIT_S"])
            return self._sparql

    @property
    def passage_index(self) -> dict:
        """Passage id -> (report, passage), for lookups by id."""
        corpus = self.corpus
        with self._lock:
            made = self._passages
            if made is None or made[0] is not corpus:
                made = (corpus, {p.id: (r, p) for r in corpus.reports for p in r.passages})
                if corpus is self._corpus:  # kept for the served corpus only, not a request's replaced one
                    self._passages = made
            return made[1]

    @property
    def document_items(self) -> dict:
        """The graph IRI of every passage, recommendation and statement -> (its place in the reports, kind, report,
        the document model's object): what the pages show for the items a graph query names."""
        from graph.build import Iris

        corpus = self.corpus
        with self._lock:
            made = self._items
            if made is None or made[0] is not corpus:
                iris, items = Iris(self.base_iri), {}
                for n, r in enumerate(corpus.reports):
                    for i, p in enumerate(r.passages):
                        items[str(iris.passage(r.id, p.id))] = ((n, 0, i), "passage", r, p)
                    for i, rec in enumerate(r.recommendations):
                        items[str(iris.recommendation(r.id, rec.label))] = ((n, 1, i), "recommendation", r, rec)
                    for i, s in enumerate(r.statements):
                        items[str(iris.statement(r.id, s.id))] = ((n, 2, i), "statement", r, s)
                made = (corpus, items)
                if corpus is self._corpus:  # kept for the served corpus only, not a request's replaced one
                    self._items = made
            return made[1]

    def status(self) -> dict:
        """What is loaded so far, without loading anything."""
        parts = self._corpus._parts if self._corpus is not None else {}
        reports = parts.get("reports") or []
        return {"reports": reports, "qa": parts.get("qa"), "graph": "engine" in parts or "dataset" in parts,
                "index": self.index_state()}

    def warm_shared(self, pages: bool = True) -> None:
        """Load the read-only parts a fork may share (reports, index state, mapped vectors, network); with STORE,
        check that the server holds every served report. pages=False leaves what only the pages use to warm_pages."""
        if self.store:
            missing = [r.id for r in self.reports if self.engine.report_graphs(r.id) is None]
            if missing:
                from ingest.errors import IngestError

                raise IngestError(f"the SPARQL server at {self.store} holds no graph for {', '.join(missing)}: "
                                  f"run 'kgqa load --store {self.store}' with the same reports first")
            _ = self.reports, self.qa, self.passage_index  # the network stays on the server
        else:
            _ = self.reports, self.qa, self.passage_index
            _ = self.qa.index.derived  # the ranking's arrays: made once here, shared by every forked worker
        if pages:
            self.warm_pages()

    def warm_pages(self) -> None:
        """Load what only the pages use, not an answer: the network (not with STORE), the items graph queries name,
        and the entity registry the entity, path and people pages resolve names with."""
        if not self.store:
            _ = self.network
        _ = self.document_items, self.corpus.registry

    def warm_process(self, pages: bool = True) -> None:
        """Open what each process needs its own of: the store, the encoder (one warm-up encode), and with pages the
        SPARQL workers, waited for."""
        if pages:
            self.sparql.launch()  # they open the store in their own processes while this one loads the rest
        self.engine.entity_iris("")  # opens the store and reads every entity name once
        if self.qa.encoder is not None:  # a lexical build has none
            encode_questions(self.qa.encoder, ["warm-up"])  # the model's first call pays one-off costs: at start, not on a question
        if pages:
            self.sparql.start()

    def warm(self, pages: bool = True) -> None:
        """Build or open everything the pages and API use now. pages=False opens only what an answer needs, and
        neither loads warm_pages's parts nor starts the SPARQL workers: serve starts them once this is done, so
        that they take no core from it meanwhile, and loads the pages' parts once it listens."""
        _ = self.corpus  # the build first: the SPARQL workers open its store
        if pages:
            self.sparql.launch()
        beside = self._load_encoder_beside()
        self.warm_shared(pages)
        beside.join()
        self.warm_process(pages)

    def _load_encoder_beside(self) -> threading.Thread:
        """Load the build's encoder in a thread while this one loads the index: making an ONNX Runtime session is
        mostly native code that lets go of the GIL. A failure here is raised again by the warm-up encode."""
        encoder = self.corpus.encoder
        load = getattr(encoder, "loaded", None)  # a build's LazyEncoder; an in-memory corpus's is loaded; a lexical
        # build has none

        def run() -> None:
            try:
                if load is not None:
                    load()
            except Exception:  # noqa: BLE001  (the warm-up encode in warm_process raises it with its message)
                pass

        thread = threading.Thread(target=run, name="kgqa-encoder-load", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        """Stop the SPARQL workers, if they run, and let go of the build (a newer one may then remove it)."""
        with self._lock:
            self._closed = True  # a background build then neither waits for its gate nor switches
            if self._sparql is not None and self._sparql.pid == os.getpid():
                self._sparql.close()
            if self._corpus is not None:
                self._corpus.close()  # a forked worker closes its copy only: the master's hold stays
            if self._retired is not None:  # replaced, and a request still held it: stopping ends that request too
                old, old_sparql = self._retired
                if old_sparql is not None and old_sparql.pid == os.getpid():
                    old_sparql.close()
                old.close()


def init_app(app: Flask, progress=None) -> Services:
    """Attach the services to an app."""
    svc = Services(app.config, progress)
    app.extensions["kgqa"] = svc

    @app.teardown_request
    def _end_lease(exc=None):
        from flask import g

        corpus = g.pop(LEASE, None)
        if corpus is not None:
            svc.end_lease(corpus)

    return svc


def services() -> Services:
    """The current app's services."""
    return current_app.extensions["kgqa"]
