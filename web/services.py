"""The corpus the web app serves, opened once per process on first use.

``init_app(app)`` registers a ``Services`` object; ``services()`` returns it inside a request. It is a thin
lazy holder over ``corpus.Corpus``: the build is made (or reused, when inputs, code, base IRI and encoder
are unchanged) on first use, then every part is read from it. Besides the corpus it holds what only the
web app needs: the SPARQL worker processes and the compiled entity patterns of the pages.

With the STORE setting, the graph lives in a SPARQL server (loaded by ``kgqa load``): the named queries,
graph answers, networks, exports and /sparql all ask that server, and this process keeps no graph of its own.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from flask import Flask, current_app

from qa.corpus import Corpus, open_corpus
from ingest.model import Report
from ingest.store import bundled_report_path


class Services:
    """The corpus of one app, opened on first use, and the SPARQL runner over its store."""

    def __init__(self, config: dict, progress=None):
        self.config = config
        self.progress = progress or (lambda msg: None)
        self._lock = threading.RLock()
        self._corpus: Corpus | None = None
        self._sparql = None
        self._passages = None
        self._items = None

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
        """The served corpus: its build reused, or made first when missing or stale."""
        with self._lock:
            if self._corpus is None:
                corpus = open_corpus(self.report_paths(), self.build_dir, self.base_iri,
                                     self.config.get("ENCODER") or "onnx", self.config.get("MODEL_PATH"),
                                     progress=self.progress)
                if self.store:
                    from graph.remote import RemoteEngine  # holds the server's address, no graph

                    corpus.use_engine(RemoteEngine(self.store, base=self.base_iri,
                                                   timeout_s=self.config["STORE_TIMEOUT_S"]))
                self._corpus = corpus
            return self._corpus

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
        with self._lock:
            c = self.config
            if self._sparql is None and self.store:
                from .sparql_remote import RemoteSparql

                self._sparql = RemoteSparql(self.engine, timeout_s=c["SPARQL_TIMEOUT_S"], max_rows=c["SPARQL_MAX_ROWS"],
                                            workers=c["SPARQL_WORKERS"], queue_size=c["SPARQL_QUEUE"],
                                            queue_wait_s=c["SPARQL_QUEUE_WAIT_S"])
            if self._sparql is None or self._sparql.pid != os.getpid():
                from .sparql_worker import SparqlRunner

                self._sparql = SparqlRunner(self.corpus.store_path, self.base_iri, timeout_s=c["SPARQL_TIMEOUT_S"],
                                            max_rows=c["SPARQL_MAX_ROWS"], workers=c["SPARQL_WORKERS"],
                                            queue_size=c["SPARQL_QUEUE"], queue_wait_s=c["SPARQL_QUEUE_WAIT_S"])
            return self._sparql

    @property
    def passage_index(self) -> dict:
        """Passage id -> (report, passage), for lookups by id."""
        with self._lock:
            if self._passages is None:
                self._passages = {p.id: (r, p) for r in self.reports for p in r.passages}
            return self._passages

    @property
    def document_items(self) -> dict:
        """The graph IRI of every passage, recommendation and statement -> (its place in the reports, kind, report,
        the document model's object): what the pages show for the items a graph query names."""
        from graph.build import Iris

        with self._lock:
            if self._items is None:
                iris, items = Iris(self.base_iri), {}
                for n, r in enumerate(self.reports):
                    for i, p in enumerate(r.passages):
                        items[str(iris.passage(r.id, p.id))] = ((n, 0, i), "passage", r, p)
                    for i, rec in enumerate(r.recommendations):
                        items[str(iris.recommendation(r.id, rec.label))] = ((n, 1, i), "recommendation", r, rec)
                    for i, s in enumerate(r.statements):
                        items[str(iris.statement(r.id, s.id))] = ((n, 2, i), "statement", r, s)
                self._items = items
            return self._items

    def status(self) -> dict:
        """What is loaded so far, without loading anything."""
        parts = self._corpus._parts if self._corpus is not None else {}
        reports = parts.get("reports") or []
        return {"reports": reports, "qa": parts.get("qa"), "graph": "engine" in parts or "dataset" in parts}

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
        self.qa.encoder.encode(["warm-up"])  # the model's first call pays one-off costs: at start, not on a question
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
        load = getattr(encoder, "loaded", None)  # a build's LazyEncoder; an in-memory corpus's encoder is loaded

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
        if self._sparql is not None and self._sparql.pid == os.getpid():
            self._sparql.close()
        if self._corpus is not None:
            self._corpus.close()  # a forked worker closes its copy only: the master's hold stays


def init_app(app: Flask, progress=None) -> Services:
    """Attach the services to an app."""
    svc = Services(app.config, progress)
    app.extensions["kgqa"] = svc
    return svc


def services() -> Services:
    """The current app's services."""
    return current_app.extensions["kgqa"]
