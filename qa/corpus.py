"""``Corpus``: one build folder opened read-only; the one corpus object of the CLI, the web app and the benchmarks.

Every part loads on first use and is then shared by all threads. The parts that are plain data (reports,
registry, network, index state with its memory-mapped vectors) may be loaded before a fork and shared by
the forked workers; the Oxigraph store and the encoder open in each process on first use (a RocksDB handle,
a model session and torch's threads must not cross a fork).
"""
from __future__ import annotations

import fcntl
import json
import os
import pickle
import threading
from pathlib import Path

from ingest.errors import DuplicateReport
from ingest.model import Report
from ingest.store import load_report

from .ann import ANN_FROM_SENTENCES
from .build import MANIFEST, ensure_build, read_manifest


class Corpus:
    """The reports, entity registry, RDF store, network, passage index and QA service of one corpus.

    Opened from a build folder (``Corpus(folder)``, read-only: what servers and workers use), or made in
    memory from reports (``Corpus.in_memory``: what one-off commands and tests use, writing nothing)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        manifest = read_manifest(self.folder)
        if manifest is None:
            raise FileNotFoundError(f"no finished build in {self.folder} (run 'kgqa build')")
        self.manifest = manifest
        self.base: str | None = manifest["base"]
        # A shared lock on the manifest for as long as this process (and its forks) live: a newer build
        # removes this one only when no corpus holds it.
        self._hold = open(self.folder / MANIFEST, "rb")
        fcntl.flock(self._hold.fileno(), fcntl.LOCK_SH)
        self._lock = threading.RLock()
        self._parts: dict[str, object] = {}
        self._memory: dict | None = None
        self.ann_from = ANN_FROM_SENTENCES  # the ANN_FROM_SENTENCES setting, given to the QA service when it is made

    @classmethod
    def in_memory(cls, reports: list[Report], base: str | None = None, encoder=None, cache_dir=None,
                  progress=None) -> "Corpus":
        """A corpus computed in this process from reports (nothing written but the embedding cache);
        base None is the default base; encoder None is the packaged model, loaded when the index is first used."""
        ids = [r.id for r in reports]
        if len(set(ids)) != len(ids):
            raise DuplicateReport(f"two reports have the same id {sorted({i for i in ids if ids.count(i) > 1})[0]!r}"
                                  " (same file name); rename one")
        self = cls.__new__(cls)
        self.folder, self.manifest, self.base, self._hold = None, None, base, None
        self._lock = threading.RLock()
        self._parts = {"reports": list(reports)}
        self._memory = {"encoder": encoder, "cache_dir": cache_dir, "progress": progress}
        self.ann_from = ANN_FROM_SENTENCES
        return self

    def _part(self, name: str, load):
        part = self._parts.get(name)
        if part is not None:  # loaded: no lock, so a request never waits on another part loading in the background
            return part
        with self._lock:
            if name not in self._parts:
                self._parts[name] = load()
            return self._parts[name]

    @property
    def reports(self) -> list[Report]:
        """The reports, in the order given to the build."""
        return self._part("reports", lambda: [load_report(self.folder / "reports" / f"{rid}.json")
                                             for rid in self.manifest["reports"]])

    def report(self, report_id: str) -> Report | None:
        """The report with this id."""
        return next((r for r in self.reports if r.id == report_id), None)

    @property
    def registry(self):
        """The entity registry (graph.entities.Registry) the graph was built with."""
        def load():
            if self._memory is not None:
                from graph.build import build_graph
                from graph.entities import build_registry

                # The graph's rules refine kinds ("Project Azure, a dedicated team within SOECA" is a unit), so
                # the registry is the one the graph was built with only once that graph is built: build both.
                registry = build_registry(self.reports)
                self._parts["dataset"] = build_graph(self.reports, registry, base=self.base)
                return registry
            with open(self.folder / "registry.pickle", "rb") as fh:
                return pickle.load(fh)  # written by this program's build (see CorpusIndex.load on pickles)
        return self._part("registry", load)

    def resolve(self, name: str):
        """The entity a name (acronym, expansion, alias) refers to."""
        return self.registry.lookup(name)

    @property
    def engine(self):
        """The SPARQL engine: over the build's on-disk store opened read-only (in each process, on first
        query), or over an in-memory copy of the dataset."""
        from graph.store import QueryEngine

        if self._memory is not None:
            return self._part("engine", lambda: QueryEngine(self.dataset, base=self.base))
        return self._part("engine", lambda: QueryEngine(None, base=self.base, store_path=self.store_path))

    def use_engine(self, engine) -> None:
        """Answer every graph query through this engine (graph.remote.RemoteEngine: the graph in a SPARQL
        server) instead of the build's own store; before the QA service is first made."""
        with self._lock:
            self._parts["engine"] = engine

    @property
    def store_path(self) -> Path:
        """The build's on-disk Oxigraph store (named graph per report, their union as the default graph)."""
        return self.folder / "oxigraph"

    @property
    def dataset(self):
        """The RDF dataset in rdflib, for exports and rdflib's own engine (from a build: read from its N-Quads, about 1 s)."""
        def load():
            if self._memory is not None:
                _ = self.registry  # builds the dataset with it
                return self._parts["dataset"]
            from graph.store import load as load_nquads

            return load_nquads(self.folder / "graph.nq")
        return self._part("dataset", load)

    @property
    def network(self):
        """The networkx projection of the entities."""
        def load():
            if self._memory is not None:
                from graph.network import build_network

                return build_network(self.dataset)
            from networkx.readwrite import json_graph

            data = json.loads((self.folder / "network.json").read_text(encoding="utf-8"))
            return json_graph.node_link_graph(data, edges="edges")
        return self._part("network", load)

    @property
    def dense(self) -> bool:
        """Whether the index has its vectors: False for a lexical build (qa.build.ensure_lexical), which has no
        encoder and ranks with BM25 and the graph alone."""
        return self.manifest is None or self.manifest["index"].get("dense", True)

    @property
    def encoder(self):
        """The encoder of the passage index; from a build, loaded on first encode in each process; None for a
        lexical build."""
        if not self.dense:
            return None

        def load():
            if self._memory is not None:
                from qa.encoder import make_encoder

                return self._memory["encoder"] or make_encoder("onnx")
            from .build_encoder import LazyEncoder

            ix = self.manifest["index"]
            return LazyEncoder(self.manifest["encoder"]["kind"], ix.get("model_path"), ix["encoder_name"], ix["dim"],
                               onnx_dir=self.folder.parent / "models")
        return self._part("encoder", load)

    @property
    def index(self):
        """The passage index over the corpus's entity registry: from a build, nothing annotated, indexed or
        embedded again."""
        from qa.index import CorpusIndex

        def load():
            if self._memory is not None:
                progress = self._memory["progress"]
                if progress:
                    progress(f"indexing {sum(len(r.passages) for r in self.reports)} passages with {self.encoder.name}")
                return CorpusIndex(self.reports, self.encoder, self._memory["cache_dir"], progress, self.registry)
            return CorpusIndex.load(self.folder / "index", self.reports, self.encoder, self.registry)
        return self._part("index", load)

    @property
    def qa(self):
        """The question-answering service, answering relation questions from the graph."""
        from graph.answers import GraphAnswerer
        from qa.service import QA

        return self._part("qa", lambda: QA.from_index(self.index, graph=GraphAnswerer(
            self.engine, {r.id: r.title for r in self.reports}, network=self._answer_network,
            own_names=self.registry.reports_calling, passages_holding=self.index.passages_holding,
            passages_mentioning=self.index.passages_mentioning), ann_from=self.ann_from))

    def _answer_network(self):
        """The network path questions walk: the engine's server's when the graph is in one, else the build's."""
        from graph.remote import RemoteEngine

        if isinstance(self.engine, RemoteEngine):
            from graph.remote_network import RemoteNetwork

            return RemoteNetwork(self.engine)
        return self.network

    def close(self) -> None:
        """Let a newer build remove this one once every process holding it has closed it."""
        if self._hold is not None:
            self._hold.close()


def open_corpus(paths: list[Path], build_dir: str | os.PathLike, base: str, encoder: str = "onnx",
                model_path: str | None = None, progress=None, force: bool = False) -> Corpus:
    """The corpus of these reports: its build reused, or made first when missing or stale, then opened."""
    opened: list[Corpus] = []
    ensure_build([Path(p) for p in paths], Path(build_dir), base, encoder, model_path, progress, force,
                 holder=lambda folder: opened.append(Corpus(folder)))
    return opened[0]


def load_corpus(paths: list[str | os.PathLike] | None = None, base: str | None = None, **kw) -> Corpus:
    """An in-memory corpus of the reports at paths (text, PDF or ingest JSON; default: the bundled report)."""
    from ingest.store import read_reports

    return Corpus.in_memory(read_reports(paths), base, **kw)


_CACHE_LOCK = threading.Lock()
_CACHE: dict[tuple[str, ...], Corpus] = {}


def cached_corpus(paths: list[str | os.PathLike] | None = None) -> Corpus:
    """The in-memory corpus of these reports (default: the bundled one), made once per process and shared."""
    from ingest.store import bundled_report_path

    key = tuple(str(Path(p).resolve()) for p in (paths or [bundled_report_path()]))
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = load_corpus(list(key))
        return _CACHE[key]
