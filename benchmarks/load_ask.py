"""Load test of /api/ask on loopback: a warm sequential run (one client), then N connections for T seconds.

    python -m benchmarks.load_ask                          # starts `kgqa serve` on a free port; 16 connections, 60 s
    python -m benchmarks.load_ask --workers 2                  # the server with two gunicorn workers
    python -m benchmarks.load_ask --serve-args "--threads 4"   # other arguments for `kgqa serve`
    python -m benchmarks.load_ask --url http://127.0.0.1:5000 --connections 16 --seconds 60

The load comes from wrk (Debian package `wrk`) when it is installed: a C client on one thread, which leaves the
cores to the server, driven by a Lua script that rotates through the shipped questions (GET /api/ask?q=...&k=5).
Without wrk (or with --client python) Python client threads do it, which take CPU from the server on a small
machine. Printed: requests/s, latency p50/p95/p99, and the requests that failed or answered other than 2xx.
Requests go only to 127.0.0.1; every loop is bounded by the duration and stops by itself.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from benchmarks.machine import describe
from benchmarks.serve import start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
QUESTION_SETS = ("dev_questions.jsonl", "questions.jsonl")

# wrk's script: each thread starts at its own place in the list and takes the next path per request; a response
# that is not a 2xx, or a 200 without passages, counts as bad; done() prints one JSON line with the figures.
WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
function setup(thread)
  thread:set("first", #threads * 7)
  table.insert(threads, thread)
end
function init(args)
  counter = first
  bad = 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status < 200 or status > 299 or not string.find(body, '"passages"', 1, true) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("bad") end
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "duration_us": %%d, "bad": %%d, "connect": %%d, "read": %%d, "write": %%d, ' ..
    '"status": %%d, "timeout": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, failed, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def questions() -> list[str]:
    """The questions of the shipped question sets."""
    out = []
    for name in QUESTION_SETS:
        path = ROOT / "tests" / "data" / name
        if path.exists():
            out += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out or ["What did witnesses say about MASH seniority?"]


def ask_path(question: str) -> str:
    """The /api/ask request target for a question."""
    return "/api/ask?" + urllib.parse.urlencode({"q": question, "k": 5})


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(base: str, qs: list[str], connections: int, seconds: float, threads: int) -> dict:
    """Drive the load with wrk and return its figures (latencies in ms)."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "ask.lua"
        script.write_text(WRK_SCRIPT % {"paths": ", ".join(_lua_string(ask_path(q)) for q in qs)}, encoding="utf-8")
        out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:.0f}s",
                              "--timeout", "30s", "--latency", "-s", str(script), base],
                             capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    raw = json.loads(line[4:])
    seconds_run = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {"client": f"wrk, {threads} thread(s)", "requests": raw["requests"], "seconds": seconds_run,
            "rate": raw["requests"] / seconds_run, "p50": raw["p50_us"] / 1000, "p95": raw["p95_us"] / 1000,
            "p99": raw["p99_us"] / 1000, "max": raw["max_us"] / 1000, "not_2xx": raw["bad"], "errors": errors}


def _client(host: str, port: int, qs: list[str], until: float, offset: int, latencies: list, bad: list, lock) -> None:
    """One Python client: keep-alive requests, round-robin over the questions, until the deadline."""
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = offset
    while time.perf_counter() < until:
        path = ask_path(qs[i % len(qs)])
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            ok = 200 <= r.status < 300 and b'"passages"' in body
        except (OSError, http.client.HTTPException):
            ok = False
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            (latencies if ok else bad).append(ms)


def run_python(base: str, qs: list[str], connections: int, seconds: float) -> dict:
    """Drive the load with Python client threads (the fallback without wrk) and return the figures."""
    parsed = urllib.parse.urlparse(base)
    latencies: list[float] = []
    bad: list[float] = []
    lock = threading.Lock()
    started = time.perf_counter()
    until = started + seconds
    threads = [threading.Thread(target=_client, args=(parsed.hostname, parsed.port, qs, until, k * 7, latencies,
                                                      bad, lock)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"client": "Python threads", "requests": len(latencies) + len(bad), "seconds": elapsed,
            "rate": (len(latencies) + len(bad)) / elapsed, **percentiles(latencies), "not_2xx": len(bad), "errors": 0}


def percentiles(values: list[float]) -> dict:
    """p50, p95, p99 and max of latencies in ms (nan when there are none)."""
    v = sorted(values)
    if not v:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan"), "max": float("nan")}
    at = lambda q: v[min(len(v) - 1, round(q * (len(v) - 1)))]  # noqa: E731
    return {"p50": statistics.median(v), "p95": at(0.95), "p99": at(0.99), "max": v[-1]}


def server_cpu_s(pid: int) -> float:
    """CPU seconds used so far by a process and its children (gunicorn's workers), from /proc."""
    def used(stat: str) -> float:
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if entry.name == str(pid) or stat.rsplit(")", 1)[1].split()[1] == str(pid):
            total += used(stat)
    return total


def sequential(base: str, qs: list[str], rounds: int, pid: int | None = None) -> dict:
    """One client asking every question in turn, warm (a first round unmeasured): latency figures in ms, and with
    the server's pid, the server's CPU per request."""
    parsed = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    out = []
    cpu_before = 0.0
    for n in range(rounds + 1):
        if n == 1 and pid:
            cpu_before = server_cpu_s(pid)
        for q in qs:
            t0 = time.perf_counter()
            conn.request("GET", ask_path(q))
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                raise SystemExit(f"/api/ask answered {r.status} for {q!r}")
            if n:
                out.append((time.perf_counter() - t0) * 1000)
    cpu = (server_cpu_s(pid) - cpu_before) * 1000 / len(out) if pid and out else None
    return {"requests": len(out), **percentiles(out), "server_cpu": cpu}


def main() -> None:
    """Start the server (unless --url), run the sequential and the concurrent load, and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server on loopback (default: start one)")
    ap.add_argument("--connections", "--clients", type=int, default=16, help="concurrent connections (default 16)")
    ap.add_argument("--seconds", type=float, default=60, help="length of the concurrent run (default 60)")
    ap.add_argument("--sequential-rounds", type=int, default=2,
                    help="rounds of the question list asked one at a time before the load (default 2; 0: none)")
    ap.add_argument("--client", choices=["auto", "wrk", "python"], default="auto",
                    help="what drives the load: wrk if installed (auto), or Python threads")
    ap.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1: the cores go to the server)")
    ap.add_argument("--build-dir", default="out")
    ap.add_argument("--encoder", choices=["onnx", "onnx-int8", "onnx-int8-query", "torch", "model", "hashing"], default="onnx",
                    help="the server's encoder (default onnx, as the service)")
    ap.add_argument("--serve-args", default="", help='more arguments for `kgqa serve`, e.g. "--workers 2"')
    ap.add_argument("--workers", type=int, default=1, help="kgqa serve --workers N (default 1: waitress)")
    args = ap.parse_args()
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); use --client python")
    proc = None
    base = args.url
    if base:
        host = urllib.parse.urlparse(base).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("load tests stay on loopback")
    else:
        serve_args = f"{args.serve_args} --workers {args.workers}" if args.workers > 1 else args.serve_args
        proc, port = start_server(args.build_dir, encoder=args.encoder, serve_args=serve_args)
        base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    try:
        qs = questions()
        seq = sequential(base, qs, args.sequential_rounds, proc.pid if proc else None) if args.sequential_rounds else None
        if client == "wrk":
            load = run_wrk(base, qs, args.connections, args.seconds, args.wrk_threads)
        else:
            load = run_python(base, qs, args.connections, args.seconds)
    finally:
        if proc:
            stop_server(proc)
    print(f"machine: {describe()}; load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
    served = "a running server" if args.url else f"kgqa serve {args.serve_args}".strip() + f", encoder {args.encoder}"
    print(f"{served}; {len(qs)} distinct questions")
    if seq:
        print(f"sequential (one client, warm, {seq['requests']} requests): p50 {seq['p50']:.1f} ms, "
              f"p95 {seq['p95']:.1f} ms, max {seq['max']:.1f} ms"
              + (f"; server CPU {seq['server_cpu']:.2f} ms per request" if seq["server_cpu"] is not None else ""))
    print(f"/api/ask, {args.connections} connections, {load['seconds']:.0f} s, load from {load['client']}:")
    print(f"  {load['requests']} requests, {load['rate']:.1f} requests/s; latency p50 {load['p50']:.1f} ms, "
          f"p95 {load['p95']:.1f} ms, p99 {load['p99']:.1f} ms, max {load['max']:.1f} ms")
    print(f"  not 2xx (or no passages): {load['not_2xx']}; socket errors and timeouts: {load['errors']}")


if __name__ == "__main__":
    main()
