"""The corpus: one build on disk (``kgqa build``) and the one object that opens it for every user.

``ensure_build`` makes or reuses a build folder (corpus/build.py); ``Corpus`` opens one read-only
(corpus/corpus.py) and gives the reports, entity registry, SPARQL engine, network, passage index and
QA service. The CLI, the web app and the benchmarks all go through ``Corpus``.
"""
from .build import BuildError, build_lock, ensure_build
from .corpus import Corpus, cached_corpus, load_corpus, open_corpus

__all__ = ["BuildError", "Corpus", "build_lock", "cached_corpus", "ensure_build", "load_corpus", "open_corpus"]
