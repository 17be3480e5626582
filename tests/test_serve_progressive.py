"""A progressive start: `kgqa serve` (one process) on an empty build folder answers from the lexical build (BM25 and
the graph) and says so, while the whole build is made in the background; then it answers as a server started over
the whole build does. The background build waits on a gate file (the DENSE_BUILD_GATE setting), so each stage is
looked at for as long as a test needs, with no timer to race."""
from __future__ import annotations

import json
import logging
import subprocess
import threading
import urllib.parse
import urllib.request

import pytest

from conftest import assert_error, start_serve, wait_for_dense_index

QUESTIONS = ["When was SOECA set up?", "What did witnesses say about MASH seniority?",
             "Which recommendations are addressed to MOPAC?", "What is the salary of the Commissioner?"]


def _app(build_dir, **config):
    from web.app import create_app

    return create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(build_dir), **config})


def _ask(client, q: str, **args) -> dict:
    r = client.get("/api/ask", query_string={"q": q, "k": 3, **args})
    assert r.status_code == 200, r.data[:300]
    return r.get_json()


def _without_time(answer: dict) -> dict:
    return {k: v for k, v in answer.items() if k != "took_ms"}


@pytest.fixture(scope="module")
def progressive(tmp_path_factory):
    """An app opened progressively over an empty build folder, its background build held at the gate."""
    build = tmp_path_factory.mktemp("progressive")
    gate = build.parent / f"{build.name}-gate"
    app = _app(build, DENSE_BUILD_GATE=str(gate))
    svc = app.extensions["kgqa"]
    assert svc.open_progressive() is True  # no whole build: the lexical one was made
    svc.warm(pages=False)
    thread = svc.build_in_background()
    yield app, build, gate, thread
    svc.close()


def test_before_the_dense_index_answers_are_lexical_and_say_so(progressive):
    app, build, gate, thread = progressive
    client = app.test_client()
    [lexical] = build.glob("lexical-*")
    assert not (lexical / "index" / "passage_vectors.npy").exists() and not list(build.glob("build-*"))
    health = client.get("/api/health").get_json()
    assert health["index"] == {"state": "building", "retrieval": "lexical", "error": None}
    answer = _ask(client, "When was SOECA set up?")
    assert answer["passages"] and answer["retrieval"]["mode"] == "lexical"
    assert answer["retrieval"]["index"] == "building" and "still building" in answer["retrieval"]["notice"]
    # The graph answers relation questions from the first moment, as it will after the switch.
    assert _ask(client, "Which recommendations are addressed to MOPAC?")["answer"]["facts"]
    page = client.get("/", query_string={"q": "When was SOECA set up?"}).get_data(as_text=True)
    assert 'id="retrieval-notice"' in page and "Lexical answer" in page
    assert app.extensions["kgqa"].qa.encoder is None  # no model behind a lexical answer
    assert not gate.exists() and thread.is_alive()  # held at the gate all along


def test_a_lexical_ranking_keeps_the_not_found_rules_that_need_no_model(progressive):
    app, *_ = progressive
    svc = app.extensions["kgqa"]
    assert svc.qa.retrieval == "lexical"  # this module's app is still held at its gate
    answer = svc.qa.ask("What did the London Fire Brigade say about fires?", k=3)
    assert answer["found"] is False and "never mention" in answer["answer"]["reason"]


def _pause(monkeypatch, obj, name: str) -> tuple[threading.Event, threading.Event]:
    """Make obj.name wait, once entered (the first event), until the second event is set."""
    entered, resume = threading.Event(), threading.Event()
    call = getattr(obj, name)

    def paused(*args, **kwargs):
        entered.set()
        assert resume.wait(600)
        return call(*args, **kwargs)

    monkeypatch.setattr(obj, name, paused)
    return entered, resume


def test_a_request_begun_before_the_switch_finishes_on_the_lexical_build(progressive, monkeypatch):
    """A request that holds the lexical build when the switch comes finishes on it: the build is let go of, and its
    folder removed, only when that request ends (it reads the network, which nothing had loaded before)."""
    app, build, gate, thread = progressive
    svc = app.extensions["kgqa"]
    [lexical] = build.glob("lexical-*")
    lexical_qa = svc.qa
    assert lexical_qa.retrieval == "lexical" and "network" not in svc.corpus._parts
    entered, resume = _pause(monkeypatch, lexical_qa, "ask")
    lexical_sparql = svc.sparql  # its worker process is not started yet: the first query starts it
    sparql_entered, sparql_resume = _pause(monkeypatch, lexical_sparql, "query")
    replies, counted = [], []
    question = "What is the path between MOPAC and CAIT?"
    count = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    asking = threading.Thread(target=lambda: replies.append(
        app.test_client().get("/api/ask", query_string={"q": question, "k": 3})))
    counting = threading.Thread(target=lambda: counted.append(
        app.test_client().get("/sparql", query_string=count, headers={"Accept": "application/sparql-results+json"})))
    asking.start()
    counting.start()
    assert entered.wait(120) and sparql_entered.wait(120)  # inside the lexical build's QA service and SPARQL runner
    gate.touch()
    thread.join(600)
    assert not thread.is_alive()
    client = app.test_client()
    assert client.get("/api/health").get_json()["index"] == {"state": "ready", "retrieval": "hybrid", "error": None}
    assert _ask(client, question)["retrieval"] == {"mode": "hybrid", "index": "ready"}  # new requests: the new build
    assert (lexical / "network.json").exists()  # still held by the paused requests
    resume.set()
    asking.join(600)
    assert (lexical / "oxigraph").exists()  # still held by the paused /sparql request
    sparql_resume.set()
    counting.join(600)
    [counted] = counted
    assert counted.status_code == 200, counted.data[:500]
    n = counted.get_json()["results"]["bindings"][0]["n"]["value"]
    assert client.get("/sparql", query_string=count, headers={"Accept": "application/sparql-results+json"}
                      ).get_json()["results"]["bindings"][0]["n"]["value"] == n  # the new build's store: the same graph
    [reply] = replies
    assert reply.status_code == 200, reply.data[:500]
    answer = reply.get_json()
    assert answer["retrieval"]["mode"] == "lexical"  # answered where it began
    hops = [(f["subject"], f["object"]) for f in answer["answer"]["facts"]]
    assert hops and hops == [(f["subject"], f["object"]) for f in _ask(client, question)["answer"]["facts"]]
    letting_go = svc.letting_go()
    if letting_go is not None:
        letting_go.join(120)
    assert not lexical.exists()  # let go of once the request ended


def test_after_the_dense_index_answers_are_todays(progressive, tmp_path):
    app, build, gate, thread = progressive
    client = app.test_client()
    gate.touch()
    thread.join(600)
    assert not thread.is_alive()
    assert client.get("/api/health").get_json()["index"] == {"state": "ready", "retrieval": "hybrid", "error": None}
    [whole] = build.glob("build-*")
    assert (whole / "index" / "passage_vectors.npy").exists()
    assert not list(build.glob("lexical-*"))  # let go of, and removed
    after = {q: _ask(client, q) for q in QUESTIONS}
    for answer in after.values():
        assert answer["retrieval"] == {"mode": "hybrid", "index": "ready"}
    page = client.get("/", query_string={"q": "When was SOECA set up?"}).get_data(as_text=True)
    assert "retrieval-notice" not in page and "Lexical answer" not in page
    # Exactly what a server that made the whole build before it listened (today's start) answers.
    today = _app(build)
    try:
        other = today.test_client()
        for q in QUESTIONS:
            assert _without_time(_ask(other, q)) == _without_time(after[q])
        assert other.get("/api/health").get_json()["index"]["state"] == "ready"
    finally:
        today.extensions["kgqa"].close()
    # A restart over the whole build opens it as it is: nothing in the background.
    again = _app(build)
    try:
        assert again.extensions["kgqa"].open_progressive() is False
        assert again.test_client().get("/api/health").get_json()["index"]["retrieval"] == "hybrid"
    finally:
        again.extensions["kgqa"].close()


def test_a_lexical_build_left_by_a_stopped_server_is_reused(tmp_path):
    from qa.build import ensure_lexical
    from graph.namespaces import data_base
    from ingest.store import bundled_report_path

    said = []
    args = ([bundled_report_path()], tmp_path, data_base(None), "hashing")
    first, complete = ensure_lexical(*args, progress=said.append)
    assert not complete and first.name.startswith("lexical-")
    said.clear()
    again, complete = ensure_lexical(*args, progress=said.append)
    assert again == first and not complete and any("reusing" in s for s in said)
    assert not any("ingesting" in s or "stage graph" in s for s in said)


def test_a_failed_background_build_keeps_the_last_good_build_and_is_reported(tmp_path, caplog):
    from qa.build import ensure_build
    from graph.namespaces import data_base
    from ingest.store import bundled_report_path

    good = ensure_build([bundled_report_path()], tmp_path, data_base(None), "hashing")
    before = {p.relative_to(good): p.read_bytes() for p in good.rglob("*") if p.is_file()}
    # Another encoder makes another build; its model is missing, so its build fails after the lexical stage.
    app = _app(tmp_path, ENCODER="torch", MODEL_PATH=str(tmp_path / "no-model-here"))
    svc = app.extensions["kgqa"]
    try:
        assert svc.open_progressive() is True
        svc.warm(pages=False)
        with caplog.at_level(logging.ERROR, logger="kgqa"):
            svc.build_in_background().join(600)
        client = app.test_client()
        state = client.get("/api/health").get_json()["index"]
        assert state["state"] == "failed" and state["retrieval"] == "lexical"
        assert "no embedding model" in state["error"]
        assert any("background build failed" in r.getMessage() for r in caplog.records)
        answer = _ask(client, "When was SOECA set up?")  # the server answers on, lexically, and says why
        assert answer["passages"] and answer["retrieval"]["index"] == "failed"
        assert "failed" in answer["retrieval"]["notice"]
        assert_error(client.get("/api/ask", query_string={"q": ""}), 400, "empty")
    finally:
        svc.close()
    assert {p.relative_to(good): p.read_bytes() for p in good.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.glob("build-*")) == [good.name]
    assert not list(tmp_path.glob(".build-*.tmp"))


def _get(port: int, path: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as r:
        return json.loads(r.read())


def test_a_served_process_answers_lexically_then_switches_to_hybrid(tmp_path):
    gate = tmp_path / "gate"
    build = tmp_path / "build"
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc, port = start_serve(build, hashing=True, stdout=log, stderr=subprocess.STDOUT,
                                 log_tail=log_path.read_text, env={"KGQA_DENSE_BUILD_GATE": str(gate)})
    try:
        q = urllib.parse.urlencode({"q": "When was SOECA set up?", "k": 3})
        assert _get(port, "/api/health")["index"] == {"state": "building", "retrieval": "lexical", "error": None}
        before = _get(port, f"/api/ask?{q}")
        assert before["passages"] and before["retrieval"]["mode"] == "lexical" and before["retrieval"]["notice"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?{q}", timeout=120) as r:
            assert "Lexical answer" in r.read().decode()
        sparql = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        count = _get(port, f"/sparql?{sparql}")["results"]["bindings"][0]["n"]["value"]
        gate.touch()
        assert wait_for_dense_index(port, proc) == {"state": "ready", "retrieval": "hybrid", "error": None}
        after = _get(port, f"/api/ask?{q}")
        assert after["retrieval"] == {"mode": "hybrid", "index": "ready"} and after["passages"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?{q}", timeout=120) as r:
            assert "Lexical answer" not in r.read().decode()
        # /sparql answers from the whole build's store as it did from the lexical build's
        assert _get(port, f"/sparql?{sparql}")["results"]["bindings"][0]["n"]["value"] == count
    finally:
        proc.terminate()
        proc.wait(30)
    text = log_path.read_text()
    assert "with lexical retrieval" in text and "the dense index is ready" in text
    assert "Traceback" not in text and "failed" not in text
    assert proc.returncode == 0


def test_a_build_failing_while_its_store_is_written_leaves_no_folder(tmp_path, monkeypatch):
    # The store is written in a thread beside the network: a failure there waits for it before the folder goes.
    import graph.network
    from qa.build import ensure_lexical
    from graph.namespaces import data_base
    from ingest.store import bundled_report_path

    def broken(self, entities):
        raise RuntimeError("no network today")

    monkeypatch.setattr(graph.network.NetworkParts, "network", broken)
    with pytest.raises(RuntimeError, match="no network today"):
        ensure_lexical([bundled_report_path()], tmp_path, data_base(None), "hashing")
    assert not list(tmp_path.glob("lexical-*")) and not list(tmp_path.glob(".lexical-*.tmp"))
