"""The libraries the web app serves, loaded once per process on first use.

``init_app(app)`` registers a ``Services`` object; ``services()`` returns it inside a request.
Reports, the question-answering index, the RDF dataset, its network projection and the SPARQL
engine are each built on first use and then shared by every request (reads are thread-safe).
A build already on disk is reused when its input is unchanged (same hash, same base IRI).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from flask import Flask, current_app

from ingest.errors import UnreadableReportJSON
from ingest.model import Report
from ingest.store import atomic_write, bundled_report_path, ingest_file, load_report, read_report, report_to_json
from ingest.text import read_bytes

class Services:
    """Lazily built corpus, QA service, graph, network and SPARQL engine for one app."""

    def __init__(self, config: dict, progress=None):
        self.config = config
        self.progress = progress or (lambda msg: None)
        self._lock = threading.RLock()
        self._reports: list[Report] | None = None
        self._qa = None
        self._dataset = None
        self._network = None
        self._engine = None
        self._sparql = None
        self._passages = None
        self._patterns = None

    # -- corpus ---------------------------------------------------------------------------
    @property
    def build_dir(self) -> Path:
        """Where built artefacts are kept."""
        return Path(self.config.get("BUILD_DIR") or "out")

    def report_paths(self) -> list[Path]:
        """The configured report files, or the bundled report."""
        paths = self.config.get("REPORTS") or []
        if isinstance(paths, str):
            paths = [p for p in paths.split(os.pathsep) if p]
        return [Path(p) for p in paths] or [bundled_report_path()]

    @property
    def reports(self) -> list[Report]:
        """Every report served, parsed once (or read back from an unchanged earlier build)."""
        with self._lock:
            if self._reports is None:
                reports = [self._load_or_ingest(p) for p in self.report_paths()]
                ids = [r.id for r in reports]
                if len(set(ids)) != len(ids):
                    from ingest.errors import DuplicateReport

                    raise DuplicateReport(f"two reports have the same id {sorted({i for i in ids if ids.count(i) > 1})[0]!r}"
                                          " (same file name); rename one")
                self._reports = reports
            return self._reports

    def _load_or_ingest(self, path: Path) -> Report:
        if path.suffix.lower() == ".json":
            return read_report(path)  # a clear error for JSON that is not a document model
        digest = hashlib.sha256(read_bytes(path)).hexdigest()
        code = _code_version("ingest")
        # Other servers may share this build folder: the check, the build and the update of
        # inputs.json happen under one lock, so no two of them interleave.
        with build_lock(self.build_dir):
            stamp = self.build_dir / "inputs.json"
            entry = _read_inputs(stamp).get(str(path.resolve()))
            if entry and entry.get("sha256") == digest and entry.get("code") == code and Path(entry["json"]).exists():
                try:
                    report = load_report(entry["json"])
                except UnreadableReportJSON as exc:
                    self.progress(f"rebuilding: {exc}")
                else:
                    if report.source_sha256 == digest:
                        self.progress(f"reusing {entry['json']} (input and ingest code unchanged)")
                        return report
            self.progress(f"ingesting {path}")
            report = ingest_file(path, progress=self.progress)
            out = self.build_dir / f"{report.id}.json"
            atomic_write(out, report_to_json(report))
            # Read again under the lock and drop every other input that named this file: it now
            # holds this input's report, and inputs.json must only say what the files hold.
            known = {k: v for k, v in _read_inputs(stamp).items() if v.get("json") != str(out)}
            known[str(path.resolve())] = {"sha256": digest, "code": code, "json": str(out)}
            atomic_write(stamp, json.dumps(known, indent=1, sort_keys=True))
            return report

    def report(self, report_id: str) -> Report | None:
        """The served report with this id."""
        return next((r for r in self.reports if r.id == report_id), None)

    # -- question answering ---------------------------------------------------------------
    @property
    def qa(self):
        """The question-answering service over the served reports."""
        with self._lock:
            if self._qa is None:
                from qa.encoder import make_encoder
                from qa.service import QA

                encoder = make_encoder(self.config.get("ENCODER"), self.config.get("MODEL_PATH"),
                                       onnx_dir=self.build_dir / "models", progress=self.progress)
                from graph.answers import GraphAnswerer

                titles = {r.id: r.title for r in self.reports}
                self._qa = QA(self.reports, encoder, cache_dir=self.build_dir / "embeddings", progress=self.progress,
                              graph=GraphAnswerer(self.engine, titles))
            return self._qa

    # -- graph ----------------------------------------------------------------------------
    @property
    def base_iri(self) -> str:
        """Base of instance IRIs (the BASE_IRI setting), ending in '/'."""
        from graph.namespaces import data_base

        return data_base(self.config.get("BASE_IRI"))

    @property
    def dataset(self):
        """The RDF dataset of the served reports (one named graph per report)."""
        with self._lock:
            if self._dataset is None:
                from graph.build import build_graph
                from graph.store import load, save

                key = hashlib.sha256(json.dumps([r.source_sha256 for r in self.reports] + [self.base_iri,
                                                 _code_version(), _code_version("ingest")]).encode()).hexdigest()[:16]
                cached = self.build_dir / f"graph-{key}.nq"
                if cached.exists():
                    self.progress(f"reusing {cached}")
                    self._dataset = load(cached)
                else:
                    self.progress("building the knowledge graph")
                    self._dataset = build_graph(self.reports, base=self.base_iri)
                    save(self._dataset, cached)
            return self._dataset

    @property
    def network(self):
        """The networkx projection of the entities."""
        with self._lock:
            if self._network is None:
                from graph.network import build_network

                self._network = build_network(self.dataset)
            return self._network

    @property
    def engine(self):
        """The in-process SPARQL engine (for the named queries the pages run)."""
        with self._lock:
            if self._engine is None:
                from graph.store import QueryEngine

                self._engine = QueryEngine(self.dataset, base=self.base_iri)
            return self._engine

    @property
    def sparql(self):
        """The guarded SPARQL runner for /sparql: a worker process that can be stopped."""
        with self._lock:
            if self._sparql is None:
                from .sparql_worker import SparqlRunner

                c = self.config
                self._sparql = SparqlRunner(self.dataset, self.base_iri, timeout_s=c["SPARQL_TIMEOUT_S"],
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
    def entity_patterns(self) -> list:
        """(node id, node data, compiled pattern of its names) for every entity, compiled once."""
        with self._lock:
            if self._patterns is None:
                from .views import entity_pattern

                self._patterns = [(n, d, entity_pattern(d)) for n, d in self.network.nodes(data=True)
                                  if d.get("kind") != "recommendation"]
            return self._patterns

    def warm(self) -> None:
        """Build everything the pages and API use now (serve does this before it listens)."""
        _ = self.reports, self.qa, self.network, self.passage_index, self.entity_patterns
        self.sparql.start()

    def close(self) -> None:
        """Stop the SPARQL worker, if one runs."""
        if self._sparql is not None:
            self._sparql.close()


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on a build folder (a lock file in it) across processes and threads."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "a") as fh:  # flock locks belong to this open file: threads exclude too
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _read_inputs(stamp: Path) -> dict:
    """What inputs.json says was built from which input; nothing, if it is missing or unreadable."""
    try:
        known = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict):
        return {}
    return {k: v for k, v in known.items() if isinstance(v, dict) and isinstance(v.get("json"), str)}


def _code_version(package: str = "graph") -> str:
    """A fingerprint of a package's code, so a build from older code (a graph, an ingested report) is redone."""
    root = Path(__file__).resolve().parent.parent / package
    h = hashlib.sha256()
    for p in sorted(root.glob("*.py")) + sorted(root.glob("*.ttl")) + sorted(root.glob("*.json")):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def init_app(app: Flask, progress=None) -> Services:
    """Attach the services to an app."""
    svc = Services(app.config, progress)
    app.extensions["kgqa"] = svc
    return svc


def services() -> Services:
    """The current app's services."""
    return current_app.extensions["kgqa"]
