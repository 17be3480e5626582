"""What a progressive start's lexical answers are worth: `kgqa eval`'s measures of the lexical build's QA service
(BM25, sentence coverage, the entity, speaker and type boosts, the graph; no dense score, no cosine floor for "not
found"), on the same question sets, beside the figures of `kgqa eval` (the hybrid service) in the README.

    python -m benchmarks.eval_lexical [QUESTIONS.jsonl ...]   # default: the two sets of tests/data

The lexical build is made in a temporary folder, as `kgqa serve` makes it on an empty build folder.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "data" / "dev_questions.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]


def main() -> int:
    """Make the lexical build of the bundled report, then score its answers on each question set."""
    from graph.namespaces import data_base
    from ingest.store import bundled_report_path
    from qa.build import ensure_lexical
    from qa.corpus import Corpus
    from qa.evaluate import HEADER, load_questions, score

    paths = [Path(p) for p in sys.argv[1:]] or [p for p in SETS if p.is_file()]
    with tempfile.TemporaryDirectory(prefix="kgqa-lexical-") as tmp:
        folder, complete = ensure_lexical([bundled_report_path()], Path(tmp), data_base(None))
        assert not complete
        corpus = Corpus(folder)
        qa = corpus.qa
        assert qa.retrieval == "lexical"
        for path in paths:
            questions = [q for q in load_questions(path) if "gold_set" not in q.extra]
            ranked, found = [], []
            for q in questions:
                r = qa.ask(q.question, k=10)
                ranked.append([p["text"] for p in r["passages"]])
                found.append(r["found"])
            s = score("kgqa lexical", questions, ranked, found)
            print(f"{path}: {len(questions)} questions ({s.answerable} answerable), {len(qa.index.passages)} passages")
            print(HEADER)
            print(s.row())
            print(f"{'':<4}missed at 1: {' '.join(s.misses)}")
            print(f"{'':<4}answered, not caught: {' '.join(s.uncaught)}\n")
        corpus.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
