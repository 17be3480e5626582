"""How `kgqa serve` starts: what an answer needs before it listens, the pages' parts and the SPARQL worker after,
and every page and the SPARQL endpoint answering from the first moment all the same."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT


def _services(build_dir):
    from web.app import create_app

    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(build_dir)})
    return app.extensions["kgqa"]


def test_warm_for_answers_leaves_the_pages_parts_and_the_sparql_workers(tmp_path):
    svc = _services(tmp_path / "build")
    svc.warm(pages=False)
    try:
        parts = svc.corpus._parts
        assert {"reports", "qa", "encoder", "engine"} <= set(parts)
        assert parts["encoder"]._real is not None  # loaded beside the index, and used once
        assert "network" not in parts and svc._items is None and svc._sparql is None
        answer = svc.qa.ask("When was SOECA set up?", k=3)
        assert answer["passages"]
        svc.warm_pages()
        assert "network" in parts and svc._items is not None and svc._sparql is None
    finally:
        svc.close()


def test_warm_opens_everything_when_asked_for_the_pages(tmp_path):
    svc = _services(tmp_path / "build")
    svc.warm()
    try:
        assert "network" in svc.corpus._parts and svc._items is not None
        assert all(w.ready for w in svc.sparql._workers)  # started and waited for, as before
    finally:
        svc.close()


def test_an_encoder_that_fails_to_load_still_stops_the_start(tmp_path):
    # The encoder loads in a thread; its error must not be lost there, but stop the start with its message.
    svc = _services(tmp_path / "build")
    encoder = svc.corpus.encoder

    def broken():
        raise RuntimeError("no model here")

    encoder.loaded = broken
    try:
        with pytest.raises(RuntimeError, match="no model here"):
            svc.warm(pages=False)
    finally:
        svc.close()


def _get(port: int, path: str, accept: str = "application/json") -> tuple[int, bytes]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, r.read()


def test_once_healthy_it_answers_questions_pages_and_sparql(served):
    port, log_path = served
    status, body = _get(port, "/api/ask?" + urllib.parse.urlencode({"q": "When was SOECA set up?", "k": 3}))
    assert status == 200 and json.loads(body)["passages"]
    # The network (loaded in the background after the server listens) serves the explorer's data and paths.
    status, body = _get(port, "/api/path?" + urllib.parse.urlencode({"from": "SOECA", "to": "MOPAC"}))
    assert status == 200 and json.loads(body)
    # The SPARQL worker was started, not waited for: the first query waits for it.
    q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    status, body = _get(port, f"/sparql?{q}", accept="application/sparql-results+json")
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1000
    assert "Traceback" not in log_path.read_text() and "failed" not in log_path.read_text()


def test_the_command_line_starts_without_the_exporters_or_the_parser():
    # Building the parser of every subcommand (each `kgqa` start) must not import what only an export or an ingest
    # uses: networkx and the export writers, the report parser.
    script = ("import sys, web.cli; web.cli.build_parser(); "
              "print(sorted(m for m in ('networkx', 'graph.network_exports', 'ingest.parse') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                  env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
