"""A built corpus: the reports, their entities, the RDF dataset, and (on first use) the network and
the SPARQL engine. ``get_corpus()`` builds the default corpus once per process for the web app."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from ingest.model import Report
from ingest.store import read_reports

from .build import build_graph
from .entities import Entity, Registry, build_registry
from .network import build_network
from .store import QueryEngine


@dataclass
class Corpus:
    """Everything graph/ builds from a set of reports."""

    reports: list[Report]
    registry: Registry
    dataset: Dataset
    base: str | None = None  # base of instance IRIs; None is the default (graph.namespaces.DEFAULT_BASE)
    _network: nx.MultiDiGraph | None = field(default=None, repr=False)
    _engine: QueryEngine | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def network(self) -> nx.MultiDiGraph:
        """The networkx projection, built on first use."""
        with self._lock:
            if self._network is None:
                self._network = build_network(self.dataset)
            return self._network

    @property
    def engine(self) -> QueryEngine:
        """The SPARQL engine (pyoxigraph), loaded on first use."""
        with self._lock:
            if self._engine is None:
                self._engine = QueryEngine(self.dataset, base=self.base)
            return self._engine

    def resolve(self, name: str) -> Entity | None:
        """The entity a name (acronym, expansion, alias) refers to."""
        return self.registry.lookup(name)


def build_corpus(reports: list[Report], base: str | None = None) -> Corpus:
    """Build the graph of a set of reports, its IRIs under base (default: the default base)."""
    registry = build_registry(reports)
    return Corpus(reports, registry, build_graph(reports, registry, base=base), base)


def load_corpus(paths: list[str | Path] | None = None, base: str | None = None) -> Corpus:
    """Build the graph of the reports at paths (default: the bundled report)."""
    return build_corpus(read_reports(paths), base)


_DEFAULT_LOCK = threading.Lock()
_CACHE: dict[tuple[str, ...], Corpus] = {}


def cached_corpus(paths: list[str | Path]) -> Corpus:
    """The corpus of these reports, built once per process (keyed by their resolved paths)."""
    key = tuple(str(Path(p).resolve()) for p in paths)
    with _DEFAULT_LOCK:
        if key not in _CACHE:
            _CACHE[key] = load_corpus(list(paths))
        return _CACHE[key]


_DEFAULT: Corpus | None = None


def get_corpus() -> Corpus:
    """The default corpus (the bundled report), built once per process and shared."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = load_corpus()
        return _DEFAULT
