"""Benchmark entity linking in questions: the registry's Matcher in question mode over every question of
tests/data, for the bundled report or the reports given.

    python -m benchmarks.bench_entity_link [REPORT ...] [--runs 5]
"""
from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from benchmarks.machine import describe
from graph.entities import Matcher, build_registry
from ingest.store import read_reports
from qa.evaluate import load_questions

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def main() -> None:
    """Print the registry's size, the matcher's set-up time and the median time to link one question."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", help="reports (default: the bundled one)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    reports = read_reports(args.reports or None)
    registry = build_registry(reports)
    words = {w for r in reports for p in r.passages for w in re.findall(r"(?<![\w’'-])[a-z]+(?![\w-])", p.text)}
    started = time.perf_counter()
    matcher = Matcher(registry, any_case=True, lower_words=words)
    setup = time.perf_counter() - started
    questions = [q.question for f in ("dev_questions.jsonl", "questions.jsonl") for q in load_questions(DATA / f)]
    per_question = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for q in questions:
            matcher.entities(q)
        per_question.append((time.perf_counter() - started) / len(questions) * 1000)
    print(f"{len(reports)} reports, {len(registry)} entities, {len(questions)} questions; matcher set-up "
          f"{setup * 1000:.0f} ms; median {statistics.median(per_question):.2f} ms a question ({describe()})")


if __name__ == "__main__":
    main()
