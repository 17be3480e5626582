"""Shared fixtures of the QA tests: the parsed reports, a fake-encoder service, and the real-model service.

Imported by the tests/test_qa_*.py modules (pytest finds fixtures in a module's globals).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.store import bundled_report_path, ingest_file
from qa.encoder import HashingEncoder
from qa.service import QA

from conftest import HC_TXT, corpus_file

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
    """One embedding cache folder for every real-model test, so only the first one embeds."""
    return str(tmp_path_factory.mktemp("model-cache"))


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
