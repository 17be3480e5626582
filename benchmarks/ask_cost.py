"""What a warm QA.ask costs apart from encoding the question: CPU and wall time per question, whole answer, ranking
alone and graph answering alone, on the bundled report or with every report of ../shared/corpus loaded.

    python -m benchmarks.ask_cost                 # the bundled report
    python -m benchmarks.ask_cost --corpus        # the bundled report and the four of ../shared/corpus
    python -m benchmarks.ask_cost --profile 30    # and the 30 costliest functions (cProfile, by own time)

The question encoder is the hashing encoder with each question's vector made once before timing, so the figures are
the rest of the request path (analysis, ranking, answer, citations, graph patterns); the model's encode comes on top.
CPU time is the figure that decides throughput on a shared machine; wall time includes waiting for the CPU.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.machine import describe

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_REPORTS = ["hc179-environmental-impact-of-microplastics-2016.txt", "hl179-behaviour-change-2011.pdf",
                  "post-office-horizon-inquiry-vol1-2025.pdf"]
QUESTION_SETS = [ROOT / "tests" / "data" / "dev_questions.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]


class PrecomputedEncoder:
    """The hashing encoder, with the vectors of known texts made before the timing starts."""

    def __init__(self):
        from qa.encoder import HashingEncoder

        self.inner = HashingEncoder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.known: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Vectors for the texts; one known text costs a dictionary look-up."""
        if len(texts) == 1 and texts[0] in self.known:
            return self.known[texts[0]]
        return self.inner.encode(texts)

    def learn(self, texts: list[str]) -> None:
        """Make the vectors of these texts now."""
        for t in texts:
            self.known[t] = self.inner.encode([t])


def timed(fn, questions: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """(CPU ms, wall ms) of fn(question) for every question, rounds times."""
    cpu, wall = [], []
    for _ in range(rounds):
        for q in questions:
            c, w = time.process_time(), time.perf_counter()
            fn(q)
            cpu.append((time.process_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
    return cpu, wall


def line(name: str, values: list[float], width: int = 34) -> str:
    """'name: mean, p50, p95' in ms."""
    v = sorted(values)
    return (f"{name:<{width}} mean {statistics.mean(v):6.2f}  p50 {statistics.median(v):6.2f}  "
            f"p95 {v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]:6.2f} ms")


def print_profile(fn, items, top: int, sort: str = "tottime", out: Path | None = None) -> None:
    """Run fn on every item under cProfile and print the top functions (and save the stats to out, if given)."""
    prof = cProfile.Profile()
    prof.enable()
    for item in items:
        fn(item)
    prof.disable()
    if out:
        prof.dump_stats(str(out))
    pstats.Stats(prof).sort_stats(sort).print_stats(top)


def main() -> None:
    """Build the service, time every question warm, and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="store_true", help="load the four reports of ../shared/corpus too")
    ap.add_argument("--rounds", type=int, default=5, help="times each question is asked (default 5)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ingest.store import bundled_report_path
    from qa.corpus import Corpus
    from qa.evaluate import load_questions
    from qa.service import load_reports
    from qa.retrieve import Weights

    paths = [bundled_report_path()] + ([CORPUS / name for name in CORPUS_REPORTS] if args.corpus else [])
    reports = load_reports(paths)
    encoder = PrecomputedEncoder()
    cache = tempfile.TemporaryDirectory(prefix="kgqa-ask-cost-")  # removed when the run ends
    qa = Corpus.in_memory(reports, encoder=encoder, cache_dir=cache.name).qa  # as a build's: with graph answers
    graph = qa.graph
    questions = [q.question for path in QUESTION_SETS for q in load_questions(path)]
    dense_mode = Weights().dense_query
    for q in questions:  # what the ranking will ask the encoder for
        qa.ask(q)
    encoder.learn([qa.rank(q).query.dense_text(dense_mode) for q in questions])
    for q in questions:  # warm: every lazy structure made, every vector known
        qa.ask(q)
    print(f"machine: {describe()}; load average {os.getloadavg()[0]:.2f}")
    print(f"{len(reports)} report(s), {len(qa.index.passages)} passages, {len(qa.index.sentences)} sentences; "
          f"{len(questions)} questions x {args.rounds}")
    ask_cpu, ask_wall = timed(lambda q: qa.ask(q), questions, args.rounds)
    rank_cpu, _ = timed(lambda q: qa.rank(q), questions, args.rounds)
    graph_cpu, _ = timed(lambda q: graph.answer(q), questions, args.rounds)
    print(line("QA.ask, CPU", ask_cpu))
    print(line("QA.ask, wall", ask_wall))
    print(line("  ranking alone (QA.rank), CPU", rank_cpu))
    print(line("  graph patterns alone, CPU", graph_cpu))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    if args.profile:
        print_profile(qa.ask, questions, args.profile)


if __name__ == "__main__":
    main()
