"""The graph in a SPARQL server against the embedded store: `kgqa load` time, and named-query, neighbour and
path latency on the bundled report, embedded vs `--store` on a local `oxigraph serve`.

    python -m benchmarks.bench_store [--runs 30]

Starts `oxigraph serve` (the oxigraph package of the test extra) on a free loopback port with an on-disk
store in a temporary folder (``--in-memory``: none), runs `kgqa load --store` into it (timed as a whole command, build included, and
the load alone), then times each named query's first page as `kgqa sparql NAME` and /queries/NAME ask for
it (with and without its example parameter), every entity's neighbour list and a spread of paths, through
graph/store.py's QueryEngine and graph/remote.py's RemoteEngine (a new RemoteNetwork for each call, as the
web app makes one per request). Beside each named query's median and p95 it prints the CPU a run cost (this
process's, and the server's for `oxigraph serve`, read from /proc): on a shared machine the wall time includes
waiting for a core, the CPU does not.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.bench_graph import PAGE, PARAMS, percentile
from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parents[1]
# each query's example parameters: bench_graph's, and those of the queries added since (what /api/ask runs)
EXAMPLES = {**PARAMS, "relation-facts": {"entity": "MOPAC", "relation": "addressedTo"},
            "witnesses-on-date": {"date": "2014-03-13"}, "entity-mentions": {"entity": "MOPAC"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _timed(fn, runs: int) -> list[float]:
    fn()  # warm up
    return _timed_runs(fn, runs)


def _timed_runs(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def _line(label: str, what: str, samples: list[float], cpu_ms: float | None = None) -> str:
    cpu = f"   cpu/run {cpu_ms:6.1f} ms" if cpu_ms is not None else ""
    return f"  {label:14s} {what:62s} median {statistics.median(samples):7.1f} ms   p95 {percentile(samples, 95):7.1f} ms{cpu}"


def _cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user and system) this process has used, or the process pid (from /proc: the server's)."""
    if pid is None:
        return time.process_time()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _timed_cpu(fn, runs: int, server_pid: int | None) -> tuple[list[float], float]:
    """Wall samples (ms) of fn, and the CPU each run cost on average (ms): this process's, plus the server's when
    server_pid is given. On a shared machine the CPU is the steadier figure: wall time includes waiting for a core."""
    fn()  # warm up
    before = _cpu_s() + (_cpu_s(server_pid) if server_pid else 0.0)
    samples = _timed_runs(fn, runs)
    after = _cpu_s() + (_cpu_s(server_pid) if server_pid else 0.0)
    return samples, (after - before) * 1000 / runs


def main() -> None:
    """Start the server, load, measure, print, stop."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query (default 30)")
    parser.add_argument("--in-memory", action="store_true", help="run the server without --location (in memory)")
    args = parser.parse_args()
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    port = _free_port()
    where = [] if args.in_memory else ["--location", str(folder / "db")]
    server = subprocess.Popen([binary, "serve", *where, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"# oxigraph serve {'in memory' if args.in_memory else 'on disk'}")
        print(f"# {describe()}; load average {os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sys; from web.cli import main; sys.exit(main())", "load",
                        "--store", url], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        print(f"kgqa load --store (whole command: start, build, load): {time.perf_counter() - started:.2f} s")

        from graph import network as N
        from qa.corpus import cached_corpus
        from graph.namespaces import data_base
        from graph.remote import RemoteEngine, endpoints, load
        from graph.remote_network import RemoteNetwork
        from graph.store import named_queries, run_query

        corpus = cached_corpus()
        loads = [load(corpus.dataset, endpoints(url), data_base(None)).seconds for _ in range(3)]
        print(f"load alone (library call, graph already built), 3 runs: {', '.join(f'{s:.2f}' for s in loads)} s")
        embedded, remote = corpus.engine, RemoteEngine(url)
        worst = {"embedded": 0.0, "oxigraph serve": 0.0}
        print("named queries, first page (cpu/run: this process's CPU, and the server's for oxigraph serve):")
        for name in named_queries():
            for params in [None] + ([EXAMPLES[name]] if name in EXAMPLES else []):
                shown = f"{name}({', '.join(f'{k}={v}' for k, v in params.items())})" if params else name
                for label, engine, pid in (("embedded", embedded, None), ("oxigraph serve", remote, server.pid)):
                    samples, cpu = _timed_cpu(lambda: run_query(engine, name, params, limit=PAGE), args.runs, pid)
                    worst[label] = max(worst[label], percentile(samples, 95))
                    print(_line(label, shown, samples, cpu))
        print(f"slowest named-query p95: embedded {worst['embedded']:.1f} ms, oxigraph serve {worst['oxigraph serve']:.1f} ms")
        net = corpus.network
        nodes = list(net.nodes)
        for label, make in (("embedded", lambda: net), ("oxigraph serve", lambda: RemoteNetwork(remote))):
            samples = []
            for node in nodes:
                t = time.perf_counter()
                N.neighbours(make(), node)
                samples.append((time.perf_counter() - t) * 1000)
            print(_line(label, f"neighbours, each of {len(nodes)} nodes", samples))
        people = [n for n in nodes if net.nodes[n]["kind"] != "recommendation"][::9]
        pairs = list(itertools.combinations(people, 2))
        for label, make in (("embedded", lambda: net), ("oxigraph serve", lambda: RemoteNetwork(remote))):
            samples = []
            for a, b in pairs:
                t = time.perf_counter()
                try:
                    N.shortest_path(make(), a, b)
                except N.NoPath:
                    pass
                samples.append((time.perf_counter() - t) * 1000)
            print(_line(label, f"shortest path, {len(pairs)} pairs", samples))
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
