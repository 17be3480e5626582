"""Runaway SPARQL queries against the rest of the service: do /api/health and /api/ask keep their latency?

    python -m benchmarks.sparql_isolation                       # the real encoder, 20 runaway clients, 40 s
    python -m benchmarks.sparql_isolation --encoder hashing --runaway 20 --seconds 40

Starts `kgqa serve` on a free loopback port, measures health and ask latency alone, then again while
RUNAWAY clients each loop a query that runs until the time limit (a three-way cross join), firing the
next one the moment an answer (400 time limit, or 503 busy) comes back, with no back-off (a flood), or,
with --honour-retry-after, after the pause a 503's Retry-After asks for (a polite client). One prober asks
/api/health and /api/ask in turn, one at a time, all along. Requests go only to 127.0.0.1; every loop
stops at its deadline.
"""
from __future__ import annotations

import argparse
import collections
import http.client
import threading
import time
import urllib.parse

from benchmarks.machine import describe
from benchmarks.serve import start_server, stop_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
QUESTIONS = ["What did witnesses say about MASH seniority?", "Which recommendations are for MOPAC?",
             "How many child abuse investigation teams does SOECA have?", "What does IDVA stand for?"]


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes, str | None]:
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read(), r.getheader("Retry-After")


def runaway_client(port: int, until: float, statuses: collections.Counter, lock, polite: bool) -> None:
    """Loop the runaway query until the deadline: at once, or after a 503's Retry-After when polite."""
    path = "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < until:
        retry = None
        try:
            status, _, retry = _get(conn, path)
        except (OSError, http.client.HTTPException):
            status = "connection error"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        with lock:
            statuses[status] += 1
        if polite and retry:
            time.sleep(min(float(retry), max(0.0, until - time.perf_counter())))


def probe(port: int, until: float, pause_s: float) -> dict[str, list[float]]:
    """Ask /api/health and /api/ask in turn until the deadline; the latency of each answer, in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    out: dict[str, list[float]] = {"health": [], "ask": [], "failed": []}
    i = 0
    while time.perf_counter() < until:
        q = QUESTIONS[i % len(QUESTIONS)]
        i += 1
        for name, path in (("health", "/api/health"), ("ask", "/api/ask?" + urllib.parse.urlencode({"q": q, "k": 5}))):
            t0 = time.perf_counter()
            try:
                status = _get(conn, path)[0]
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ms = (time.perf_counter() - t0) * 1000
            out[name if status == 200 else "failed"].append(ms)
        time.sleep(pause_s)
    return out


def summary(values: list[float]) -> str:
    """Median, p95 and max of some latencies."""
    if not values:
        return "no answers"
    v = sorted(values)
    return (f"n={len(v)}, median {v[len(v) // 2]:.1f} ms, p95 {v[int(0.95 * (len(v) - 1))]:.1f} ms, "
            f"max {v[-1]:.1f} ms")


def main() -> None:
    """Measure health and ask alone, then under the runaway load, and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", choices=["model", "hashing"], default="model")
    ap.add_argument("--runaway", type=int, default=20, help="concurrent runaway clients (default 20)")
    ap.add_argument("--seconds", type=float, default=40, help="length of the loaded phase (default 40)")
    ap.add_argument("--baseline-seconds", type=float, default=10)
    ap.add_argument("--pause", type=float, default=0.05, help="prober pause between rounds, s (default 0.05)")
    ap.add_argument("--honour-retry-after", action="store_true", help="runaway clients wait as a 503 asks")
    ap.add_argument("--build-dir", default="out")
    args = ap.parse_args()
    proc, port = start_server(args.build_dir, encoder=args.encoder)
    try:
        probe(port, time.perf_counter() + 2, args.pause)  # warm: the first answers load caches
        alone = probe(port, time.perf_counter() + args.baseline_seconds, args.pause)
        statuses: collections.Counter = collections.Counter()
        lock = threading.Lock()
        until = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=runaway_client, args=(port, until, statuses, lock, args.honour_retry_after),
                                    daemon=True)
                   for _ in range(args.runaway)]
        for t in threads:
            t.start()
        time.sleep(1)  # the runaway queries take the slots first
        loaded = probe(port, until, args.pause)
        for t in threads:
            t.join(120)
    finally:
        stop_server(proc)
    print(f"machine: {describe()}")
    print(f"kgqa serve, encoder {args.encoder}; SPARQL settings as configured (KGQA_SPARQL_* or defaults)")
    print(f"alone:          /api/health {summary(alone['health'])}")
    print(f"                /api/ask    {summary(alone['ask'])}")
    print(f"{args.runaway} runaway clients, {'honouring Retry-After' if args.honour_retry_after else 'no back-off'}, "
          f"{args.seconds:.0f} s:")
    print(f"                /api/health {summary(loaded['health'])}")
    print(f"                /api/ask    {summary(loaded['ask'])}")
    print(f"                failed probes: {len(loaded['failed'])}")
    print(f"runaway answers by status: {dict(sorted(statuses.items(), key=str))}")


if __name__ == "__main__":
    main()
