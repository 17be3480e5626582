"""Benchmark of question answering: index build (cold and from cache), process start to first answer,
warm ask latency over the question sets, and peak memory; each as median and 95th percentile, with the machine.

Run: HF_HUB_OFFLINE=1 python benchmarks/bench_qa.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
QUESTION_SETS = [ROOT / "tests" / "data" / "dev_questions.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]

FIRST_ANSWER = """
import os, sys, time
t0 = float(sys.argv[1])
from pathlib import Path
from qa.corpus import load_corpus
from qa.encoder import make_encoder
cache = Path(sys.argv[2])  # the warm cache, passed in: the library reads no environment
r = load_corpus(encoder=make_encoder("onnx", onnx_dir=cache / "models"), cache_dir=cache).qa.ask("What did witnesses say about MASH seniority?")
assert r["passages"]
# VmHWM, not ru_maxrss: on Linux ru_maxrss keeps the forking parent's size across exec.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(time.time() - t0, hwm)
"""


def machine() -> str:
    """One line naming the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import torch

    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, torch {torch.__version__} (CPU, {torch.get_num_threads()} threads)")


def summary(name: str, values: list[float], unit: str = "ms") -> str:
    """'name: median X, p95 Y (n runs)'."""
    values = sorted(values)
    p95 = values[min(len(values) - 1, max(0, round(0.95 * len(values)) - 1))]
    return f"{name:<44} median {statistics.median(values):9.1f} {unit}   p95 {p95:9.1f} {unit}   (n={len(values)})"


def main() -> int:
    """Run every measurement and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each build and start measurement (default 5)")
    ap.add_argument("--repeat", type=int, default=5, help="times each question is asked warm (default 5)")
    args = ap.parse_args()

    from ingest.store import bundled_report_path, ingest_file
    from qa.encoder import get_encoder
    from qa.evaluate import load_questions
    from qa.index import CorpusIndex
    from qa.service import QA

    print(f"machine: {machine()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine skews p95)")
    t = time.perf_counter()
    encoder = get_encoder()
    print(f"model load (once per process): {(time.perf_counter() - t) * 1000:.0f} ms; model {encoder.name}")
    t = time.perf_counter()
    report = ingest_file(bundled_report_path())
    print(f"ingest of the bundled report: {(time.perf_counter() - t) * 1000:.0f} ms "
          f"({len(report.passages)} passages)\n")

    cold, cached = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            folder = Path(tmp) / f"cold-{run}"
            t = time.perf_counter()
            index = CorpusIndex([report], encoder, folder)
            cold.append((time.perf_counter() - t) * 1000)
            assert index.cache.encoded > 0
        for _ in range(args.runs * 2):
            t = time.perf_counter()
            index = CorpusIndex([report], encoder, Path(tmp) / "cold-0")
            cached.append((time.perf_counter() - t) * 1000)
            assert index.cache.encoded == 0  # nothing re-embedded
        print(summary(f"index build, cold ({len(index.passages)} passages, {len(index.sentences)} sentences)", cold))
        print(summary("index build, from cache", cached))

        env = dict(os.environ, HF_HUB_OFFLINE="1")
        starts, child_rss = [], []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", FIRST_ANSWER, repr(time.time()), str(Path(tmp) / "cold-0")], env=env, cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout.split()
            starts.append(float(out[-2]) * 1000)
            child_rss.append(int(out[-1]) / 1024)
        print(summary("process start to first answer (warm cache)", starts))

        qa = QA([report], encoder, cache_dir=Path(tmp) / "cold-0")
        questions = [q.question for path in QUESTION_SETS for q in load_questions(path)]
        for q in questions:  # warm-up: first calls pay one-off costs
            qa.ask(q)
        asks, searches = [], []
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                qa.ask(q, k=5)
                asks.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                qa.rank(q)
                searches.append((time.perf_counter() - t) * 1000)
        print(summary(f"warm ask, whole answer ({len(questions)} questions x {args.repeat})", asks))
        print(summary("  of which ranking alone (query encode + search)", searches))

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): this process {peak:.0f} MB; "
          f"a fresh process to its first answer: median {statistics.median(child_rss):.0f} MB, "
          f"max {max(child_rss):.0f} MB")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("targets: warm ask < 30 ms median and < 60 ms p95; index build from cache < 1 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
