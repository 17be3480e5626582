"""Load test of /api/ask on loopback: N concurrent clients for T seconds; prints throughput and latency.

    python -m benchmarks.load_ask                 # starts `kgqa serve` on a free port, 16 clients, 60 s
    python -m benchmarks.load_ask --url http://127.0.0.1:5000 --clients 16 --seconds 60
    python -m benchmarks.load_ask --workers 2             # the server with two gunicorn workers

Requests go only to 127.0.0.1; every loop is bounded by the duration and stops by itself.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parent.parent


def questions() -> list[str]:
    """The questions of the shipped question sets."""
    out = []
    for name in ("dev_questions.jsonl", "questions.jsonl"):
        path = ROOT / "tests" / "data" / name
        if path.exists():
            out += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out or ["What did witnesses say about MASH seniority?"]


def start_server(build: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`kgqa serve [--workers N]` on a free loopback port; returns once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), "--build-dir", build,
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server did not start")


def client(base: str, qs: list[str], until: float, offset: int, latencies: list, errors: list, lock) -> None:
    """One client: keep-alive requests, round-robin over the questions, until the deadline."""
    parsed = urllib.parse.urlparse(base)
    assert parsed.hostname in ("127.0.0.1", "localhost", "::1"), "load tests stay on loopback"
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    i = offset
    while time.perf_counter() < until:
        q = qs[i % len(qs)]
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("GET", "/api/ask?" + urllib.parse.urlencode({"q": q, "k": 5}))
            r = conn.getresponse()
            body = r.read()
            ok = r.status == 200 and b'"passages"' in body
        except (OSError, http.client.HTTPException) as exc:
            ok = False
            body = str(exc).encode()
            conn.close()
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            (latencies if ok else errors).append(ms if ok else body[:200])


def main() -> None:
    """Run the load and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server on loopback (default: start one)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--build-dir", default="out")
    ap.add_argument("--workers", type=int, default=1, help="kgqa serve --workers N (default 1: waitress)")
    args = ap.parse_args()
    proc = None
    base = args.url
    if not base:
        proc, base = start_server(args.build_dir, args.workers)
    try:
        qs = questions()
        latencies: list[float] = []
        errors: list = []
        lock = threading.Lock()
        until = time.perf_counter() + args.seconds
        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(base, qs, until, k * 7, latencies, errors, lock))
                   for k in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
    finally:
        if proc:
            proc.terminate()
            proc.wait(10)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"machine: {describe()}")
    print(f"/api/ask, {args.clients} clients, {elapsed:.0f} s, {len(qs)} distinct questions")
    print(f"requests: {len(latencies) + len(errors)}, errors: {len(errors)}")
    print(f"throughput: {len(latencies) / elapsed:.1f} requests/s")
    if latencies:
        print(f"latency: median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms")
    for e in errors[:3]:
        print(f"  error: {e!r}")


if __name__ == "__main__":
    main()
