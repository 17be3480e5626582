"""Ingest time per report (no embeddings): median and p95 over repeated runs.

    python -m benchmarks.bench_ingest [--runs 20]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from benchmarks.machine import describe
from ingest.parse import parse_report
from ingest.store import bundled_report_path
from ingest.text import load_text

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [bundled_report_path(),
           ROOT.parent / "shared" / "corpus" / "hc179-environmental-impact-of-microplastics-2016.txt",
           ROOT.parent / "shared" / "corpus" / "hc179-environmental-impact-of-microplastics-2016.pdf"]


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {describe()}")
    print(f"{'report':58} {'read ms':>8} {'parse ms (median)':>18} {'p95':>8}")
    for path in REPORTS:
        t0 = time.perf_counter()
        source = load_text(path)
        read_ms = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            parse_report(source.text, str(path), source.sha256)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"{path.name:58} {read_ms:8.1f} {statistics.median(times):18.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
