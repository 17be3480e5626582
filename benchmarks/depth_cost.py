"""What ranking to a depth saves: a warm `QA.ask` (k 5) with its sentences scored only in the passages that may be
among the first ones, against the same service scoring every passage, alternated question by question in one process
over a build folder as `kgqa serve` opens it (each question's vector made once before timing, so the encoder is out).

    python -m benchmarks.depth_cost --build-dir out [--corpus] [--report PATH ...] [--rounds 6]

CPU time (process_time) per question; the two alternate which goes first from round to round, so load changes hit
both alike. The answers are the same (tests/test_qa_depth.py); this measures the cost only.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.ask_cost import line
from benchmarks.bench_encoder import CORPUS, CORPUS_FILES, QUESTION_SETS
from benchmarks.machine import describe


class Remembering:
    """An encoder whose question vectors are made once per text (the timing leaves the model out)."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.known: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """The inner encoder's vectors."""
        return self.inner.encode(texts)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        """A question's vectors, made on its first ask."""
        key = "\n".join(texts)
        if key not in self.known:
            from qa.encoder import encode_questions

            self.known[key] = encode_questions(self.inner, texts)
        return self.known[key]


def main() -> None:
    """Open the build, warm every question on both services, then time them alternately."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True, type=Path)
    ap.add_argument("--encoder", default="onnx")
    ap.add_argument("--corpus", action="store_true", help="serve the four reports of ../shared/corpus too")
    ap.add_argument("--report", action="append", default=[], metavar="PATH", help="serve these reports instead")
    ap.add_argument("--rounds", type=int, default=6)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ingest.store import bundled_report_path
    from qa.evaluate import load_questions
    from qa.retrieve import Retriever
    from qa.service import QA
    from web.app import create_app

    reports = args.report or [str(bundled_report_path())] + ([str(CORPUS / f) for f in CORPUS_FILES] if args.corpus else [])
    app = create_app({"BUILD_DIR": str(args.build_dir), "ENCODER": args.encoder, "REPORTS": reports})
    with app.app_context():
        from web.services import services

        pruning = services().qa
    pruning.index.encoder = Remembering(pruning.index.encoder)
    whole = QA.from_index(pruning.index, graph=pruning.graph)
    whole.retriever = Retriever(pruning.index, prune_from=sys.maxsize)  # every passage scored
    questions = [q.question for p in QUESTION_SETS for q in load_questions(p)]
    scored = []
    for q in questions:  # warm: every vector made, every lazy structure built
        pruning.ask(q, k=5), whole.ask(q, k=5)
        ranking = pruning.retriever.rank(q, depth=5)
        scored.append(int((~np.isnan(ranking.score) & ranking.mask).sum()))
    ix = pruning.index
    print(f"machine: {describe()}; load average {os.getloadavg()[0]:.2f}")
    print(f"{len(ix.passages)} passages, {len(ix.sentences)} sentences; {len(questions)} questions x {args.rounds}; "
          f"passages scored to depth 5: median {statistics.median(scored):.0f}, max {max(scored)}")
    cpu = {"pruning": [], "whole": []}
    for r in range(args.rounds):
        for q in questions:
            for name, svc in (("pruning", pruning), ("whole", whole))[:: -1 if r % 2 else 1]:
                started = time.process_time()
                svc.ask(q, k=5)
                cpu[name].append((time.process_time() - started) * 1000)
    print(line("QA.ask, every passage scored, CPU", cpu["whole"], width=44))
    print(line("QA.ask, ranked to depth 5, CPU", cpu["pruning"], width=44))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
