"""`kgqa serve --workers 2`: two gunicorn worker processes forked from a master that preloaded the build answer
the pages, API and SPARQL; gunicorn's own error replies keep the JSON shape; Ctrl-C and SIGTERM stop it cleanly."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import start_serve

QUESTION = "Which recommendations are addressed to MOPAC?"


def _children(pid: int) -> set[int]:
    """The live child processes of pid, from the process tree in /proc."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            out.add(int(stat.parent.name))
    return out


def _raw(port: int, data: bytes) -> tuple[int, dict]:
    """Send raw bytes; the status and JSON body of the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(data)
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert b"application/json" in head, reply[:500]
    return int(head.split()[1]), json.loads(body)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("log") / "serve.log"
    with open(log, "wb") as fh:
        proc, port = start_serve(tmp_path_factory.mktemp("build"), hashing=True, stdout=fh, stderr=subprocess.STDOUT,
                                 new_session=True, log_tail=lambda: log.read_text(), args=("--workers", "2"))
    yield proc, port, log
    if proc.poll() is None:
        proc.kill()
        proc.wait(30)


def test_two_worker_processes_answer(server):
    proc, port, log = server
    url = f"http://127.0.0.1:{port}/api/ask?" + urllib.parse.urlencode({"q": QUESTION})

    def ask(_):
        with urllib.request.urlopen(url, timeout=120) as r:
            return json.loads(r.read())

    deadline = time.time() + 120
    pids: set[int] = set()
    while len(pids) < 2 and time.time() < deadline:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(ask, range(16)))
        assert all(a["answer"]["text"] == "Recommendations 1, 2, 7 and 8 are addressed to MOPAC." for a in answers)
        time.sleep(0.5)  # the log lines are written
        # one log line per request, with the pid of the worker that answered it
        pids = {int(m) for m in re.findall(r"\[(\d+)\] 127\.0\.0\.1 GET /api/ask\?", log.read_text())}
    workers = _children(proc.pid)
    assert len(pids) == 2 and pids <= workers, (pids, workers)


def test_pages_and_sparql_answer_from_the_workers(server):
    _, port, _ = server
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/entities/mopac", timeout=60) as r:
        assert r.status == 200 and b"MOPAC" in r.read()
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    for _ in range(4):  # whichever worker answers, its SPARQL process opened the store itself
        req = urllib.request.Request(f"http://127.0.0.1:{port}/sparql?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            assert json.loads(r.read())["results"]["bindings"][0]["n"]["value"] == "2"  # the report and the entities


def test_gunicorns_own_error_replies_are_json(server):
    _, port, _ = server
    status, body = _raw(port, b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + b"".join(
        b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n")
    assert status == 431 and body["ok"] is False and body["status"] == 431
    status, body = _raw(port, b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 120_000 + b"\r\n\r\n")
    assert status == 431 and body["status"] == 431
    status, body = _raw(port, b"GET /api/health HTTP/9.9 extra\r\n\r\n")
    assert status == 400 and body == {"ok": False, "error": body["error"], "status": 400}
    # within gunicorn's limits, the app's own limits answer, as under waitress
    status, body = _raw(port, b"GET /api/health?" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert status == 414 and "limit" in body["error"]


@pytest.mark.parametrize("how", ["sigterm", "ctrl-c"])
def test_stopping_exits_cleanly_with_the_workers(tmp_path, how):
    log = tmp_path / "serve.log"
    with open(log, "wb") as fh:
        proc, port = start_serve(tmp_path / "build", hashing=True, stdout=fh, stderr=subprocess.STDOUT,
                                 new_session=True, log_tail=lambda: log.read_text(), args=("--workers", "2"))
    query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?{query}", timeout=60) as r:
        assert b"true" in r.read()
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole foreground group
    else:
        proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 0
    text = log.read_text()
    assert "Traceback" not in text and text.rstrip().endswith("stopped") and text.count("stopped") == 1, text[-3000:]
    time.sleep(0.5)
    assert [p for p in Path("/proc").glob("[0-9]*") if _in_group(p, proc.pid)] == []  # workers and SPARQL gone


def _in_group(proc_dir: Path, pgid: int) -> bool:
    try:
        fields = (proc_dir / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return int(fields[2]) == pgid and fields[0] not in ("Z", "X")


def test_workers_below_one_is_one_clear_error(tmp_path):
    import sys

    result = subprocess.run([sys.executable, "-m", "web.cli", "serve", "--workers", "0", "--build-dir", str(tmp_path)],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=120,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert result.returncode == 1 and result.stderr.strip() == "kgqa serve: error: --workers must be 1 or more, not 0"
