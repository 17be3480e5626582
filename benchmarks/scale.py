"""Scale benchmark: a corpus of N reports (every report of ../shared/corpus and the bundled one, plus renamed
copies of them), built and served as the service does.

    python -m benchmarks.scale --reports 100 --onnx-from out/models      # everything, N = 100
    python -m benchmarks.scale --reports 20 50 100 --profile-only        # build stages only, for each N
    python -m benchmarks.scale --reports 500 --keep /tmp/scale --seconds 20

The distinct reports are ingested once (into the work folder's ingest cache) and every copy is their ingested
JSON with each identifier moved under a new report id (``copy-NNN``), so a copy is a new report to the registry,
the graph, the network and the index, but its texts are the original's: the embedding cache embeds each distinct
text once, so a cold build embeds only the distinct reports' texts (about 10,500 with the corpus as it is).

Printed, for each N: the build's stages (ingest, registry, graph, N-Quads, Oxigraph, network, index, index save),
each with this process's RSS then and at its peak so far (the build runs in this process), from an empty build
folder (cold: no embeddings) and again with the embedding cache warm, the build's size; then (unless
--profile-only) for `kgqa serve --workers 1 2 4`: RSS and PSS of each process, /api/ask p50/p95 from one client,
requests/s with wrk at 16 connections (benchmarks/load_ask.py), and every named query's p95
(benchmarks/bench_store.py's examples, the first page as `kgqa sparql NAME` asks for it) on the build's store.
Copies live in a temporary folder (or --keep DIR), never in the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.bench_build import corpus_paths, memory, size, tree
from benchmarks.bench_graph import PAGE, percentile
from benchmarks.bench_store import EXAMPLES, _timed
from benchmarks.load_ask import questions, run_wrk, sequential
from benchmarks.machine import describe
from benchmarks.serve import start_server, stop_server

BASE = "https://kgqa.example.org/id/"
SLOW_MS = 10_000  # a named query slower than this once is reported from that one run


def log(msg: str) -> None:
    """One progress line with the UTC time, flushed at once (the long steps take minutes)."""
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {msg}", flush=True)


def renamed(data: dict, new_id: str) -> dict:
    """A report's ingested JSON with every identifier that its id scopes moved under new_id (texts unchanged)."""
    old = data["id"]
    scoped = re.compile(rf"^{re.escape(old)}(?=$|[/\-#])")

    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key not in ("text", "content", "quote", "title", "source_path"):
            return scoped.sub(new_id, value)
        return value

    out = walk(data)
    out["title"] = f"{data['title']} ({new_id.rsplit('-', 2)[-2]} {new_id.rsplit('-', 1)[-1]})"
    return out


def make_inputs(n: int, work: Path) -> list[Path]:
    """N report inputs as ingested JSON: the distinct reports (ingested once, reused while unchanged), then
    renamed copies of them in turn."""
    from qa.build import ingest_or_reuse

    ingested = work / "ingested"
    ingested.mkdir(parents=True, exist_ok=True)
    originals = []
    for p in corpus_paths():
        started = time.perf_counter()
        report = ingest_or_reuse(Path(p), ingested, lambda msg: None)
        originals.append(ingested / f"{report.id}.json")
        log(f"ingested {Path(p).name} ({len(report.passages)} passages) in {time.perf_counter() - started:.1f} s")
    inputs = work / f"inputs-{n}"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir()
    paths = []
    sources = [json.loads(p.read_text(encoding="utf-8")) for p in originals]
    for i in range(n):
        data = sources[i % len(sources)]
        if i >= len(sources):
            data = renamed(data, f"{data['id']}-copy-{i // len(sources):03d}")
        path = inputs / f"{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    log(f"{n} inputs in {inputs} ({len(sources)} distinct reports, {max(0, n - len(sources))} renamed copies)")
    return paths


def rss() -> str:
    """This process's resident memory now and at its peak (the build runs in this process)."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    mb = {k: int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM") if k in status}
    return f"RSS {mb.get('VmRSS', 0):,.0f} MB, peak {mb.get('VmHWM', 0):,.0f} MB"


def build(paths: list[Path], build_dir: Path, encoder: str, label: str, force: bool = False) -> Path:
    """One build in this process as `kgqa build` makes it, printing each stage's time as it ends."""
    from qa.build import ensure_build

    stages: dict[str, float] = {}

    def say(msg: str) -> None:
        if msg.startswith("stage "):
            what, seconds = msg[6:].rsplit(": ", 1)
            stages[what] = float(seconds.split()[0])
        done = re.match(r"embedded (\d+)/(\d+)", msg)
        if done and int(done.group(1)) % 2048 >= 128 and done.group(1) != done.group(2):
            return  # the cache says every 128 texts; every 2,048 is enough here
        if msg.startswith(("stage ", "built ")):
            log(f"  {msg} ({rss()})")
        elif msg.startswith(("embedded ", "indexing ", "ingesting ")):
            log(f"  {msg}")

    started = time.perf_counter()
    cpu = time.process_time()
    folder = ensure_build(paths, build_dir, BASE, encoder, progress=say, force=force)
    took, took_cpu = time.perf_counter() - started, time.process_time() - cpu
    manifest = json.loads((folder / "manifest.json").read_text())
    log(f"BUILD {label}: {took:.1f} s wall, {took_cpu:.1f} s CPU (this process); "
        + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    log(f"  {len(paths)} reports, {manifest['index']['passages']:,} passages, "
        f"{manifest['index']['sentences']:,} sentences")
    return folder


def show_size(folder: Path) -> None:
    """The build's size on disk, part by part."""
    parts = {p.name: size(p) if p.is_dir() else p.stat().st_size for p in folder.iterdir()}
    log(f"SIZE {size(folder) / 1e6:.1f} MB (" + ", ".join(f"{k} {v / 1e6:.1f}" for k, v in
                                                    sorted(parts.items(), key=lambda kv: -kv[1])) + ")")


def serve_figures(paths: list[Path], build_dir: Path, encoder: str, workers: int, seconds: float,
                  asked: int | None = None) -> None:
    """Memory of each process, one client's p50/p95 and wrk at 16 connections, for `kgqa serve --workers N`."""
    serve_args = [*map(str, paths)] + (["--workers", str(workers)] if workers > 1 else [])
    started = time.perf_counter()
    proc, port = start_server(build_dir, encoder=encoder, serve_args=serve_args)
    base = f"http://127.0.0.1:{port}"
    try:
        log(f"--workers {workers}: ready in {time.perf_counter() - started:.1f} s")
        qs = questions()
        # asked: every k-th question of the shipped sets, for the one-client figures (a large corpus answers slowly)
        seq = sequential(base, qs[::max(1, len(qs) // asked)][:asked] if asked else qs, 1, proc.pid)
        log(f"  ASK one client, warm ({seq['requests']} requests): p50 {seq['p50']:.1f} ms, p95 {seq['p95']:.1f} ms, "
            f"max {seq['max']:.1f} ms; server CPU {seq['server_cpu']:.1f} ms per request")
        q = urllib.parse.urlencode({"q": qs[0]})
        for _ in range(8 * workers):  # every worker has answered (and loaded what a question needs)
            urllib.request.urlopen(f"{base}/api/ask?{q}", timeout=60).read()
        rows = []
        for pid, cmd in [(proc.pid, "master")] + tree(proc.pid):
            rss, pss = memory(pid)
            kind = ("master" if pid == proc.pid else "mp-tracker" if "resource_tracker" in cmd
                    else "sparql" if "multiprocessing" in cmd else "worker")
            rows.append((kind, rss, pss))
        log("  MEMORY " + "; ".join(f"{k}: RSS {r:.0f} MB, PSS {s:.0f} MB" for k, r, s in rows)
            + f"; total PSS {sum(r[2] for r in rows):.0f} MB")
        load = run_wrk(base, qs, 16, seconds, 1)
        log(f"  WRK 16 connections, {load['seconds']:.0f} s: {load['rate']:.1f} requests/s, p50 {load['p50']:.1f} ms, "
            f"p95 {load['p95']:.1f} ms, p99 {load['p99']:.1f} ms; not 2xx {load['not_2xx']}, errors {load['errors']}")
    finally:
        stop_server(proc)


def named_query_figures(folder: Path, runs: int) -> None:
    """Every named query's p95 (first page, without and with its example parameters) on the build's own store."""
    from qa.corpus import Corpus
    from graph.store import named_queries, run_query

    corpus = Corpus(folder)
    try:
        worst = (0.0, "")
        for name in named_queries():
            for params in [None] + ([EXAMPLES[name]] if name in EXAMPLES else []):
                shown = f"{name}({', '.join(f'{k}={v}' for k, v in params.items())})" if params else name
                started = time.perf_counter()
                run_query(corpus.engine, name, params, limit=PAGE)
                first = (time.perf_counter() - started) * 1000
                if first > SLOW_MS:  # timing it again would take the whole session: one run says enough
                    worst = max(worst, (first, shown))
                    log(f"  query {shown:60s} one run {first:9.0f} ms (over {SLOW_MS / 1000:.0f} s: not repeated)")
                    continue
                samples = _timed(lambda: run_query(corpus.engine, name, params, limit=PAGE), runs)
                p95 = percentile(samples, 95)
                worst = max(worst, (p95, shown))
                log(f"  query {shown:60s} p50 {sorted(samples)[len(samples) // 2]:7.1f} ms  p95 {p95:7.1f} ms")
        log(f"NAMED QUERIES slowest p95 {worst[0]:.1f} ms ({worst[1]})")
    finally:
        corpus.close()


def main() -> int:
    """Measure each N asked for."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, nargs="+", default=[500], help="corpus sizes N (default 500)")
    ap.add_argument("--encoder", default="onnx", choices=["onnx", "onnx-int8", "onnx-int8-query", "torch", "model", "hashing"])
    ap.add_argument("--onnx-from", metavar="DIR", help="copy an ONNX export (a BUILD_DIR/models folder) into each "
                                                          "empty build folder, so builds leave out the one-off export")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it: ingested reports, inputs, builds")
    ap.add_argument("--profile-only", action="store_true", help="the build stages only (no serving, no queries)")
    ap.add_argument("--warm-only", action="store_true",
                    help="build over the work folder's embedding cache (skip the cold build)")
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    ap.add_argument("--seconds", type=float, default=20, help="length of each wrk run (default 20)")
    ap.add_argument("--runs", type=int, default=20, help="timed runs per named query (default 20)")
    ap.add_argument("--questions", type=int, metavar="N",
                    help="ask one client only N of the shipped questions, spread over the sets (default: all)")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kgqa-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    log(f"{describe()}; load average {os.getloadavg()[0]:.1f}; work folder {work}")
    log("command: python -m benchmarks.scale " + " ".join(sys.argv[1:]))
    try:
        for n in args.reports:
            log(f"== N = {n}")
            paths = make_inputs(n, work)
            cache = work / "embeddings"  # shared by every build below, as BUILD_DIR/embeddings is
            build_dir = work / f"build-dir-{n}"
            shutil.rmtree(build_dir, ignore_errors=True)
            build_dir.mkdir()
            if args.onnx_from:
                shutil.copytree(args.onnx_from, build_dir / "models")
            if args.warm_only and cache.exists():
                shutil.copytree(cache, build_dir / "embeddings")
                folder = build(paths, build_dir, args.encoder, "embedding cache warm (from the work folder)")
            else:
                folder = build(paths, build_dir, args.encoder, "cold (empty build folder, no embeddings)")
                folder = build(paths, build_dir, args.encoder, "again, embedding cache warm", force=True)
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(build_dir / "embeddings", cache)
            show_size(folder)
            log(f"  load average {os.getloadavg()[0]:.1f}")
            if args.profile_only:
                continue
            for workers in args.workers:
                serve_figures(paths, build_dir, args.encoder, workers, args.seconds, args.questions)
                log(f"  load average {os.getloadavg()[0]:.1f}")
            named_query_figures(folder, args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
