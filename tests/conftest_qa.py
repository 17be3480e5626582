"""Shared fixtures of the QA tests: the parsed reports, a fake-encoder service, and the real-model service.

conftest.py imports them, so each is made once per session (a test module that imported them itself would
get its own copy of every "session" fixture: the model loaded, and the passages embedded, once per module).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.store import bundled_report_path, ingest_file
from qa.encoder import HashingEncoder
from qa.service import QA

from conftest import HC_TXT, corpus_file, shared_folder

DATA = Path(__file__).parent / "data"
QUESTION_SETS = [DATA / "dev_questions.jsonl", DATA / "questions.jsonl"]


@pytest.fixture(scope="session")
def london():
    """The bundled London Assembly report, parsed."""
    return ingest_file(bundled_report_path())


@pytest.fixture(scope="session")
def hc():
    """The House of Commons microplastics report, parsed."""
    return ingest_file(corpus_file(HC_TXT))


@pytest.fixture(scope="session")
def fake_qa(london, tmp_path_factory):
    """The service over the London report with the deterministic hashing encoder (no model, no torch)."""
    return QA([london], HashingEncoder(), cache_dir=tmp_path_factory.mktemp("fake-cache"))


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory):
    """One embedding cache and ONNX export folder for every real-model test, shared by the pytest-xdist workers,
    so only the first one embeds or exports (the cache is rewritten atomically; the export is made under a lock)."""
    return str(shared_folder(tmp_path_factory, "model-cache"))


@pytest.fixture(scope="session")
def real_qa(london, model_cache):
    """The service over the London report with the real model, loaded once per test session."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from qa.encoder import get_encoder

    return QA([london], get_encoder(), cache_dir=model_cache)


@pytest.fixture(scope="session")
def cli_cache(model_cache):
    """The command-line tests share the real-model tests' embedding cache."""
    return model_cache
