"""The build and the start over it: `kgqa build` time and size, restart to ready over a warm build, RSS per worker.

    python -m benchmarks.bench_build                      # the bundled report, real model
    python -m benchmarks.bench_build --corpus             # the bundled report + every report in ../shared/corpus
    python -m benchmarks.bench_build --encoder hashing    # without the model (start time without the encoder)
    python -m benchmarks.bench_build --onnx-from out/models  # the first build without the one-off ONNX export
    python -m benchmarks.bench_build --workers 1 2 4      # RSS (and PSS) per worker process
    python -m benchmarks.bench_build --keep DIR --reuse   # only the restarts, over the build already in DIR
    python -m benchmarks.bench_build --fresh 3            # fresh install to first answer, and to the first hybrid one
    python -m benchmarks.bench_build --fresh 3 --checkout ../main   # the same for another checkout's `kgqa serve`

Each build starts from an empty build folder (nothing ingested, nothing embedded). "Ready" is the time from
starting `kgqa serve` to its first answer on /api/health, which it gives only once it can answer questions.
Servers listen on 127.0.0.1 only.

--fresh N starts `kgqa serve` N times on an empty build folder (so an empty ONNX export folder, BUILD_DIR/models,
and no embedding cache: a fresh install) and times, from starting the process: the first 200 answer of /api/ask
with passages (asked every 50 ms until one comes), its retrieval mode, and the first answer whose retrieval is
hybrid (asked once /api/health, polled every 100 ms, says the dense index is ready).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_paths() -> list[str]:
    """The bundled report and the four reports of ../shared/corpus (HC 179 once, as its text)."""
    from ingest.store import bundled_report_path

    chosen: dict[str, Path] = {}
    for p in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.pdf")):
        chosen.setdefault(p.stem, p)  # the text of a report given as text and PDF
    return [str(bundled_report_path())] + [str(p) for p in chosen.values()]


def env(encoder: str, checkout: Path = ROOT) -> dict:
    """The environment of every child: offline, this checkout (or the one given) first, the chosen encoder."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(checkout), "KGQA_ENCODER": encoder}


def build(paths: list[str], build_dir: Path, encoder: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `kgqa build` into build_dir."""
    import resource

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    t, c = time.perf_counter(), cpu()
    subprocess.run([sys.executable, "-m", "web.cli", "build", *paths, "--build-dir", str(build_dir)], cwd=ROOT,
                   env=env(encoder), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t, cpu() - c


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) a process and its descendants have used so far."""
    total = 0.0
    for p in [pid] + [c for c, _ in tree(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            continue
    return total


def size(folder: Path) -> int:
    """Bytes of every file under folder."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(paths: list[str], build_dir: Path, encoder: str, workers: int) -> tuple[subprocess.Popen, int, float, float]:
    """Start `kgqa serve`; (process, port, wall seconds until /api/health answered, CPU seconds used by then)."""
    port = free_port()
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", *paths, "--port", str(port), "--build-dir",
                             str(build_dir), "--workers", str(workers)], cwd=ROOT, env=env(encoder),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    while time.perf_counter() - t < 600:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5):
                return proc, port, time.perf_counter() - t, cpu_seconds(proc.pid)
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the server did not start")


def fresh_start(paths: list[str], encoder: str, checkout: Path) -> tuple[float, str, float | None, float]:
    """One `kgqa serve` on an empty build folder: (seconds to the first 200 answer with passages, its retrieval
    mode, seconds to the first hybrid answer or None when the server never gets there, CPU seconds by the first)."""
    port = free_port()
    q = urllib.parse.urlencode({"q": "When was SOECA set up?", "k": 3})
    build_dir = Path(tempfile.mkdtemp(prefix="kgqa-bench-fresh-"))
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", *paths, "--port", str(port), "--build-dir",
                             str(build_dir)], cwd=checkout, env=env(encoder, checkout),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def ask() -> dict | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/ask?{q}", timeout=60) as r:
                body = json.loads(r.read())
                return body if r.status == 200 and body.get("passages") else None
        except OSError:
            return None

    try:
        first = None
        while first is None:
            if proc.poll() is not None or time.perf_counter() - t > 900:
                raise SystemExit("the server exited or did not answer")
            first = ask()
            if first is None:
                time.sleep(0.05)
        first_s, used = time.perf_counter() - t, cpu_seconds(proc.pid)
        mode = first.get("retrieval", {}).get("mode", "hybrid")  # a checkout without the field answers hybrid only
        hybrid_s = first_s if mode == "hybrid" else None
        while hybrid_s is None and proc.poll() is None and time.perf_counter() - t < 900:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=60) as r:
                state = json.loads(r.read())["index"]["state"]
            if state == "failed":
                break
            if state == "ready" and (answer := ask()) and answer["retrieval"]["mode"] == "hybrid":
                hybrid_s = time.perf_counter() - t
            else:
                time.sleep(0.1)
        return first_s, mode, hybrid_s, used
    finally:
        stop(proc)
        shutil.rmtree(build_dir, ignore_errors=True)


def fresh_starts(paths: list[str], args) -> int:
    """Time args.fresh fresh installs to their first answer and first hybrid answer; print them."""
    checkout = Path(args.checkout).resolve() if args.checkout else ROOT
    rows = []
    for n in range(args.fresh):
        load = os.getloadavg()[0]
        first_s, mode, hybrid_s, used = fresh_start(paths, args.encoder, checkout)
        rows.append((first_s, hybrid_s))
        print(f"fresh start {n + 1} ({checkout.name}, load average {load:.1f} before): first answer with passages "
              f"{first_s:.2f} s ({mode}; server CPU by then {used:.1f} s), first hybrid answer "
              + (f"{hybrid_s:.2f} s" if hybrid_s is not None else "never (the background build failed)"))
    firsts = [r[0] for r in rows]
    hybrids = [r[1] for r in rows if r[1] is not None]
    print(f"fresh install to first answer: median {statistics.median(firsts):.2f} s (min {min(firsts):.2f}, "
          f"max {max(firsts):.2f}, n={len(firsts)})"
          + (f"; to the first hybrid answer: median {statistics.median(hybrids):.2f} s (min {min(hybrids):.2f}, "
             f"max {max(hybrids):.2f})" if hybrids else ""))
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM, and wait."""
    proc.terminate()
    proc.wait(60)


def memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB; PSS shares each page among the processes that map it."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss / 1024, pss / 1024


def tree(pid: int) -> list[tuple[int, str]]:
    """(pid, command) of pid's children, grandchildren and so on."""
    out, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent:
                    child = int(stat.parent.name)
                    cmd = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    out.append((child, cmd))
                    todo.append(child)
            except (OSError, ValueError):
                continue
    return out


def main() -> int:
    """Run the measurements asked for and print them with the machine."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="store_true", help="the bundled report and every report in ../shared/corpus")
    ap.add_argument("--encoder", default="onnx", choices=["onnx", "onnx-int8", "onnx-int8-query", "torch", "model", "hashing"])
    ap.add_argument("--onnx-from", metavar="DIR", help="copy an ONNX export (a BUILD_DIR/models folder) into the empty "
                                                          "build folder first, so the first build leaves out the one-off export")
    ap.add_argument("--restarts", type=int, default=5, help="restarts over the warm build to time")
    ap.add_argument("--workers", type=int, nargs="*", default=[], help="worker counts to measure memory for")
    ap.add_argument("--keep", metavar="DIR", help="build into DIR and keep it (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="with --keep: no first build, time the restarts over DIR's "
                                                         "build (made again first if this code would not reuse it)")
    ap.add_argument("--fresh", type=int, default=0, metavar="N", help="only time N fresh installs (empty build and "
                                                                       "ONNX export folders) to the first answer")
    ap.add_argument("--checkout", metavar="DIR", help="with --fresh: run this checkout's `kgqa serve` (default: this one)")
    args = ap.parse_args()
    if args.reuse and not args.keep:
        ap.error("--reuse needs --keep DIR")
    paths = corpus_paths() if args.corpus else []
    print(describe(), f"load average {os.getloadavg()[0]:.1f}", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    print(f"reports: {len(paths) or 1} ({', '.join(Path(p).name for p in paths) or 'bundled'}), encoder {args.encoder}")
    if args.fresh:
        return fresh_starts(paths, args)
    build_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kgqa-bench-build-"))
    try:
        if args.reuse:
            took, _ = build(paths, build_dir, args.encoder)
            print(f"kgqa build over {build_dir}: {took:.1f} s (reused unless the code or inputs changed)")
            return restarts(paths, build_dir, args)
        shutil.rmtree(build_dir, ignore_errors=True)
        if args.onnx_from:
            shutil.copytree(args.onnx_from, build_dir / "models")
            print(f"ONNX export copied from {args.onnx_from}: the first build below does not export")
        took, took_cpu = build(paths, build_dir, args.encoder)
        [folder] = build_dir.glob("build-*")
        manifest = json.loads((folder / "manifest.json").read_text())
        parts = {p.name: size(p) if p.is_dir() else p.stat().st_size for p in folder.iterdir()}
        print(f"kgqa build, first (empty build folder): {took:.1f} s wall, {took_cpu:.1f} s CPU; "
              f"{manifest['index']['passages']} passages, "
              f"{manifest['index']['sentences']} sentences")
        print(f"build size: {size(folder) / 1e6:.1f} MB (" + ", ".join(f"{k} {v / 1e6:.1f}" for k, v in
                                                                    sorted(parts.items(), key=lambda kv: -kv[1])) + ")")
        again, again_cpu = build(paths, build_dir, args.encoder)
        print(f"kgqa build again (reused): {again:.2f} s wall, {again_cpu:.2f} s CPU")
        return restarts(paths, build_dir, args)
    finally:
        if not args.keep:
            shutil.rmtree(build_dir, ignore_errors=True)


def restarts(paths: list[str], build_dir: Path, args) -> int:
    """Time restarts to ready over the warm build, then memory per worker count; print them."""
    ready, ready_cpu = [], []
    for _ in range(args.restarts):
        proc, _, seconds, used = serve(paths, build_dir, args.encoder, 1)
        ready.append(seconds)
        ready_cpu.append(used)
        stop(proc)
    if ready:
        print(f"restart to ready over the warm build, 1 process (waitress): median {statistics.median(ready):.2f} s "
              f"wall (min {min(ready):.2f}, max {max(ready):.2f}), CPU by then {statistics.median(ready_cpu):.2f} s "
              f"(the server, and its SPARQL process once started; n={len(ready)})")
    for n in args.workers:
        proc, port, seconds, _ = serve(paths, build_dir, args.encoder, n)
        q = urllib.parse.urlencode({"q": "What did witnesses say about MASH seniority?"})
        for _ in range(8 * n):  # every worker has answered a few questions
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/ask?{q}", timeout=60).read()
        procs = [(proc.pid, "master")] + tree(proc.pid)
        rows = []
        for pid, cmd in procs:
            rss, pss = memory(pid)
            kind = ("master" if pid == proc.pid else "mp-tracker" if "resource_tracker" in cmd
                    else "sparql" if "multiprocessing" in cmd else "worker")
            rows.append((kind, pid, rss, pss))
        stop(proc)
        web = [r for r in rows if r[0] in ("worker", "master")]
        print(f"--workers {n}: ready in {seconds:.1f} s; " + "; ".join(f"{k} {p}: RSS {r:.0f} MB, PSS {s:.0f} MB"
                                                                       for k, p, r, s in rows))
        print(f"  total PSS {sum(r[3] for r in rows):.0f} MB, of which web processes {sum(r[3] for r in web):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
