"""Shared fixtures: the parsed reports (once per session) and paths to the test inputs."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DATA = Path(__file__).parent / "data"
# Fetched public reports live beside the project, never in it (../shared/corpus; CI has it).
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
HC_TXT = CORPUS / "hc179-environmental-impact-of-microplastics-2016.txt"
HC_PDF = CORPUS / "hc179-environmental-impact-of-microplastics-2016.pdf"


def pytest_itemcollected(item):
    """Give each schemathesis operation test the node id its name says (test_x[GET /api/ask]).

    schemathesis 4 names its items so but, under pytest 9, leaves them all the function's bare node id;
    pytest-xdist schedules by node id, so it ran one operation of test_contract's fifteen."""
    if type(item).__name__ == "SchemathesisFunction" and item.name != item.originalname \
            and not item.nodeid.endswith("]"):
        item._id = item.parent.id.child(item.name)  # what pytest's Node gives an item that names no id


def corpus_file(path: Path) -> Path:
    """A report of ../shared/corpus, or skip the test with the reason when it is not there."""
    if not path.is_file():
        pytest.skip(f"{path.name} is read from ../shared/corpus, which this checkout does not have")
    return path


@pytest.fixture(scope="session")
def hc_txt() -> Path:
    """The HC 179 report's extracted text, from ../shared/corpus."""
    return corpus_file(HC_TXT)


@pytest.fixture(scope="session")
def la_path() -> Path:
    """The bundled London Assembly report."""
    from ingest.store import bundled_report_path

    return bundled_report_path()


@pytest.fixture(scope="session")
def la_text(la_path) -> str:
    """The bundled report's text, as the parser sees it."""
    return la_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def la_report(la_path):
    """The bundled report, parsed once per test session."""
    from ingest.store import ingest_file

    return ingest_file(la_path)


@pytest.fixture(scope="session")
def hc_report():
    """The HC 179 report from its extracted text."""
    from ingest.store import ingest_file

    return ingest_file(corpus_file(HC_TXT))


@pytest.fixture(scope="session")
def hc_pdf_report():
    """The HC 179 report read straight from its PDF."""
    from ingest.store import ingest_file

    return ingest_file(corpus_file(HC_PDF))


CORPUS_REPORTS = ["hc179-environmental-impact-of-microplastics-2016.txt", "hl179-behaviour-change-2011.pdf",
                  "post-office-horizon-inquiry-vol1-2025.pdf"]


def shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder of this run that every pytest-xdist worker shares (a worker's own temp folder is <run>/popen-gwN).

    For builds: one is made under its folder's lock, and reused by any process whose inputs, code, base IRI
    and encoder match, so the modules (and workers) that serve the same reports build them once."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def hashing_build_dir(tmp_path_factory) -> str:
    """The BUILD_DIR of the apps over the bundled report with the hashing encoder (built once per run)."""
    return str(shared_folder(tmp_path_factory, "build-bundled-hashing"))


@pytest.fixture(scope="session")
def corpus_reports() -> list[str]:
    """The bundled report and the three corpus reports (text, Lords PDF, inquiry PDF), or skip when absent."""
    from ingest.store import bundled_report_path

    if not all((CORPUS / n).is_file() for n in CORPUS_REPORTS):
        pytest.skip(f"the corpus reports are read from {CORPUS}, which this checkout does not have")
    return [str(bundled_report_path()), *(str(CORPUS / n) for n in CORPUS_REPORTS)]


@pytest.fixture(scope="session")
def corpus_build_dir(tmp_path_factory) -> str:
    """The BUILD_DIR of the four reports with the hashing encoder, shared by the modules that ask them."""
    return str(shared_folder(tmp_path_factory, "build-corpus-hashing"))


def free_port() -> int:
    """A free TCP port on loopback, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_error(response, status: int, *words: str):
    """The one JSON error shape, with this status, and these words in its message."""
    assert response.status_code == status, response.data[:300]
    body = response.get_json()
    assert body == {"ok": False, "error": body["error"], "status": status}
    for w in words:
        assert w in body["error"], body["error"]


ROOT = Path(__file__).resolve().parents[1]


def start_serve(build_dir: Path, *, hashing: bool = False, stdout=None, stderr=None, new_session: bool = False,
                log_tail=lambda: "", args: tuple[str, ...] = (), env: dict | None = None) -> tuple[subprocess.Popen, int]:
    """`kgqa serve [ARGS]` over the bundled report on a free loopback port, returned once /api/health answers
    (on an empty build folder that is with lexical retrieval: see wait_for_dense_index)."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), **({"KGQA_ENCODER": "hashing"} if hashing else {}),
           **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), "--build-dir",
                             str(build_dir), *args], cwd=ROOT, env=env, stdout=stdout, stderr=stderr,
                            start_new_session=new_session)
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log_tail()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start in time")


def wait_for_dense_index(port: int, proc: subprocess.Popen | None = None, limit_s: float = 600) -> dict:
    """Wait until a served process's /api/health says its dense index is no longer building (a progressive start's
    background build has finished, or failed); its index state. limit_s only bounds a hang: nothing is timed."""
    import json

    deadline = time.time() + limit_s
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("the server exited while its dense index was being built")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=30) as r:
            state = json.loads(r.read())["index"]
        if state["state"] != "building":
            return state
        time.sleep(0.2)
    raise RuntimeError("the dense index was still building")


def oxigraph_binary() -> str:
    """The `oxigraph` server program (the oxigraph PyPI package, in the test extra): on PATH or beside this Python."""
    import shutil

    from external_tools import missing

    beside = Path(sys.executable).parent / "oxigraph"
    found = shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)
    if found is None:
        missing("the oxigraph server is not installed", "pip install -e '.[test]' installs it (the oxigraph package)")
    return found


@contextmanager
def running_oxigraph(folder: Path):
    """`oxigraph serve` on a free loopback port, storing in folder, until the block ends: its query endpoint."""
    binary = oxigraph_binary()
    port = free_port()
    log = open(folder / "server.log", "wb")
    proc = subprocess.Popen([binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.time() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start: {(folder / 'server.log').read_text()[-2000:]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server on a free loopback port for the whole session (its query endpoint URL)."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def oxigraph_store(oxigraph_server):
    """The Oxigraph server with the bundled report loaded by `kgqa load`'s library call (once per session)."""
    from qa.corpus import cached_corpus
    from graph.namespaces import data_base
    from graph.remote import endpoints, load

    load(cached_corpus().dataset, endpoints(oxigraph_server), data_base(None))
    return oxigraph_server


@pytest.fixture(scope="session")
def two_report_store(tmp_path_factory):
    """The bundled report and HC 179 (they share entities: the UK Government, London) in an Oxigraph server of their
    own, loaded as `kgqa load` loads them: (their in-memory corpus, read only, and the server's query endpoint)."""
    from qa.corpus import cached_corpus
    from graph.namespaces import data_base
    from graph.remote import endpoints, load
    from ingest.store import bundled_report_path

    corpus = cached_corpus([bundled_report_path(), corpus_file(HC_TXT)])
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-two")) as url:
        load(corpus.dataset, endpoints(url), data_base(None))
        yield corpus, url


STORES = ["embedded", "oxigraph-server"]


@pytest.fixture(scope="session", params=STORES)
def graph_engine(request):
    """The query engine of the bundled report: the embedded store, then an Oxigraph server (same suite on both)."""
    from qa.corpus import cached_corpus

    if request.param == "embedded":
        return cached_corpus().engine
    from graph.remote import RemoteEngine

    return RemoteEngine(request.getfixturevalue("oxigraph_store"))


@pytest.fixture(params=STORES)
def graph_network(request):
    """The entity network of the bundled report: networkx, then the Oxigraph server read by SPARQL."""
    from qa.corpus import cached_corpus

    if request.param == "embedded":
        return cached_corpus().network
    from graph.remote import RemoteEngine
    from graph.remote_network import RemoteNetwork

    return RemoteNetwork(RemoteEngine(request.getfixturevalue("oxigraph_store")))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`kgqa serve` on a free loopback port (hashing encoder), returned the moment /api/health first answers
    (a server per test module), and its log file."""
    build = tmp_path_factory.mktemp("serve")
    log_path = build / "serve.log"
    with open(log_path, "w") as log:
        proc, port = start_serve(build, hashing=True, stdout=log, stderr=subprocess.STDOUT,
                                 log_tail=log_path.read_text)
    yield port, log_path
    proc.terminate()
    proc.wait(20)


# The QA fixtures, registered here so that each is made once per session (see conftest_qa).
from conftest_qa import cli_cache, fake_qa, hc, london, model_cache, real_qa  # noqa: E402,F401
