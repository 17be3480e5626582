"""Ingest time per report (no embeddings): median and p95 over repeated runs.

    python -m benchmarks.bench_ingest [--runs 20] [--long-runs 5]

Also times whole ingests (read, decode, parse) of one-line synthetic files of 1 MB and 2 MB,
the shape that once took quadratic time.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe
from ingest.parse import parse_report
from ingest.store import bundled_report_path, ingest_file
from ingest.text import load_text

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [bundled_report_path(),
           ROOT.parent / "shared" / "corpus" / "hc179-environmental-impact-of-microplastics-2016.txt",
           ROOT.parent / "shared" / "corpus" / "hc179-environmental-impact-of-microplastics-2016.pdf"]
ONE_LINE_SIZES = [1_000_000, 2_000_000]
# Report-like prose with no line breaks: sentences, capitals, numbers, a year and a full stop.
_SENTENCE = "The committee heard evidence from the Metropolitan Police about safeguarding children, 2014. "


def one_line_file(folder: Path, size: int) -> Path:
    """A one-line text file of size bytes made of report-like sentences."""
    path = folder / f"one-line-{size // 1_000_000}mb.txt"
    path.write_text((_SENTENCE * (size // len(_SENTENCE) + 1))[:size - 1] + "\n", encoding="utf-8")
    return path


def _p95(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--long-runs", type=int, default=5, help="runs of each one-line file")
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
        print(f"{path.name:58} {read_ms:8.1f} {statistics.median(times):18.1f} {_p95(times):8.1f}")
    print()
    print(f"{'one-line file (whole ingest)':40} {'wall s (median)':>16} {'max':>6} {'CPU s (median)':>15}")
    with tempfile.TemporaryDirectory() as folder:
        for size in ONE_LINE_SIZES:
            path = one_line_file(Path(folder), size)
            wall, cpu = [], []
            for _ in range(args.long_runs):
                w0, c0 = time.perf_counter(), time.process_time()
                ingest_file(path)
                wall.append(time.perf_counter() - w0)
                cpu.append(time.process_time() - c0)
            print(f"{path.name + f' ({size:,} bytes)':40} {statistics.median(wall):16.2f} {max(wall):6.2f} "
                  f"{statistics.median(cpu):15.2f}")


if __name__ == "__main__":
    main()
