"""Every `/api/ask` answer of the shipped question sets, as the app returns them (test client, over a build folder),
written one per line without `took_ms`, with a digest: run it before and after a change to the request path and
compare (the digests must be equal, or `diff` the files).

    python -m benchmarks.answer_digest --build-dir out --out answers.jsonl [--encoder hashing] [--corpus]

Each question is asked with k 5 and 10, with no filter and with each filter that the question sets' passages carry
(its report, its section), so the filtered paths are compared too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.bench_encoder import CORPUS, CORPUS_FILES, QUESTION_SETS

ROOT = Path(__file__).resolve().parent.parent
SETS = QUESTION_SETS + [ROOT / "tests" / "data" / "list_questions.jsonl",
                        ROOT / "tests" / "data" / "list_questions_corpus.jsonl"]


def main() -> None:
    """Ask every question through the app and write the answers and their digest."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--encoder", default="hashing")
    ap.add_argument("--corpus", action="store_true", help="serve the four reports of ../shared/corpus too")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ingest.store import bundled_report_path
    from qa.evaluate import load_questions
    from web.app import create_app

    reports = [str(bundled_report_path())] + ([str(CORPUS / f) for f in CORPUS_FILES] if args.corpus else [])
    app = create_app({"BUILD_DIR": str(args.build_dir), "ENCODER": args.encoder, "REPORTS": reports})
    client = app.test_client()
    questions = [q.question for p in SETS for q in load_questions(p)]
    first = client.get("/api/ask?" + urlencode({"q": questions[0], "k": 1})).get_json()["passages"][0]
    variants = [{}, {"report": first["report"]}, {"section": first["section"]}, {"speaker": "Rowley"},
                {"source_kind": "transcript"}]
    digest = hashlib.sha256()
    n = 0
    with args.out.open("w", encoding="utf-8") as out:
        for q in questions:
            for k in (5, 10):
                for filters in variants:
                    resp = client.get("/api/ask?" + urlencode({"q": q, "k": k, **filters}))
                    body = resp.get_json()
                    body.pop("took_ms", None)
                    line = json.dumps({"status": resp.status_code, "q": q, "k": k, "filters": filters, "body": body},
                                      ensure_ascii=False, sort_keys=True)
                    out.write(line + "\n")
                    digest.update(line.encode("utf-8"))
                    n += 1
    print(f"{n} answers, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
