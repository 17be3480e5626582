"""Every setting of the service in one table: name, default and what it does.

Set them in ``instance/config.py``, as ``KGQA_<NAME>`` environment variables, or (tests) in
the dict passed to ``create_app``. A test fails when one of them is missing from the README.

This module and the command line are the only places that read the environment: the libraries (graph/, qa/)
take every value as an argument.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Mapping


PREFIX = "KGQA_"  # of the environment variables, as create_app's from_prefixed_env("KGQA") reads them


@dataclass(frozen=True)
class Setting:
    """One configurable value."""

    name: str
    default: Any
    help: str


SETTINGS: list[Setting] = [
    Setting("REPORTS", [], "Report files (.txt, .pdf, or ingest .json) to serve; empty serves the bundled report."),
    Setting("BUILD_DIR", "out", "Folder for the builds (`build-<key>/`, see Build), the ingested document models and "
                                "the embedding cache."),
    Setting("ENCODER", "onnx", "How the model runs: 'onnx' (ONNX Runtime, fp32; exported once into BUILD_DIR/models; "
                               "no torch in the server), 'onnx-int8' (the same, weights quantised to int8), 'onnx-int8-query' "
                               "(the index's texts with fp32, the question with int8: the stored vectors and the "
                               "embedding cache are fp32's), 'torch' "
                               "(sentence-transformers; 'model' is an old name for it), or 'hashing' (the small "
                               "deterministic encoder the unit tests use)."),
    Setting("MODEL_PATH", None, "A local sentence-transformers model folder; default: the packaged all-MiniLM-L6-v2."),
    Setting("CACHE", None, "Folder of the embedding cache and ONNX exports of the commands that index in memory "
                           "(`kgqa ask`, `kgqa eval`; their --cache); None: ~/.cache/kgqa. The server keeps "
                           "them in BUILD_DIR."),
    Setting("BASE_IRI", "https://kgqa.example.org/id/", "Base of every instance IRI (ending in '/'): the same in "
            "the graph, the SPARQL endpoint and every export; the app answers each IRI under it at its own /id/... path."),
    Setting("MAX_QUESTION_CHARS", 500, "Longest question accepted (characters)."),
    Setting("DEFAULT_K", 5, "Passages returned when a request gives no k."),
    Setting("MAX_K", 20, "Largest k a request may ask for."),
    Setting("MAX_URL_BYTES", 65536, "Longest request target (path and query, as sent) accepted; longer is a 414."),
    Setting("MAX_HEADER_BYTES", 32768, "Most bytes of request header fields accepted; more is a 431."),
    Setting("SPARQL_TIMEOUT_S", 5.0, "Seconds a SPARQL query may run before it is stopped with an error."),
    Setting("SPARQL_MAX_ROWS", 5000, "Most result rows a SPARQL query returns; more is an error, not a truncation."),
    Setting("SPARQL_MAX_QUERY_CHARS", 20000, "Longest SPARQL query accepted (characters)."),
    Setting("SPARQL_WORKERS", 1, "SPARQL queries run at once, each in its own worker process (the slots)."),
    Setting("SPARQL_QUEUE", 2, "SPARQL requests that may wait for a busy slot; more get 503 at once."),
    Setting("SPARQL_QUEUE_WAIT_S", 1.0, "Seconds a SPARQL request waits for a slot before it gets 503 with Retry-After."),
    Setting("STORE", None, "A SPARQL 1.1 server's query endpoint (e.g. http://127.0.0.1:7878/query) holding the graph "
            "'kgqa load' put there; every graph query, path, neighbour list, entity page and /sparql request then goes "
            "to it. None: the embedded store."),
    Setting("STORE_TIMEOUT_S", 30.0, "Seconds the pages and API wait for the STORE server (/sparql waits SPARQL_TIMEOUT_S)."),
    Setting("QUERY_MAX_LIMIT", 1000, "Most rows one page of a named query (/queries/NAME, /api/queries/NAME) may ask for."),
    Setting("ANN_FROM_SENTENCES", 50000, "The fewest sentences a corpus needs for a question's ranking to take its "
            "cosines from an approximate nearest-neighbour index (faiss HNSW) instead of computing every one: the ANN "
            "index proposes the nearest and farthest vectors, and every score is then computed exactly for the "
            "passages that may rank first. Below it every cosine is computed. A build of this many sentences or more "
            "(at the default) holds the ANN index; a server set lower builds it at start. 0 uses it on every corpus."),
    Setting("DENSE_BUILD_GATE", None, "For tests and benchmarks of a progressive start: a file path; the background "
            "build of the dense index waits until that file exists, so the lexical stage can be looked at for as long "
            "as needed. None: it starts at once."),
]


def defaults() -> dict[str, Any]:
    """The default value of every setting."""
    return {s.name: s.default for s in SETTINGS}


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting as the command line sees it: the default, or its ``KGQA_<NAME>`` variable read as the app
    reads it (as Flask's from_prefixed_env does: JSON where the value parses as JSON, else the text)."""
    environ = os.environ if environ is None else environ
    out = defaults()
    for name in out:
        raw = environ.get(f"{PREFIX}{name}")
        if raw is not None:
            try:
                out[name] = json.loads(raw)
            except ValueError:
                out[name] = raw
    return out
