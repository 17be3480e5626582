"""What one warm `/api/ask` costs inside the server process, by part: CPU time per request through the Flask app
(test client: no sockets, no waitress), the question's encoding alone, and `QA.ask` alone, over a build folder as
`kgqa serve` opens it; optionally a cProfile of the requests.

    python -m benchmarks.request_cost --build-dir out [--encoder onnx] [--rounds 5] [--profile 40] [--corpus]
    python -m benchmarks.request_cost --build-dir DIR --report A.json --report B.json ...   # any reports

CPU time (process_time) is the figure to compare on a shared machine; the parts are measured alternately, question
by question, so that load changes hit each alike.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.ask_cost import line as ask_cost_line, print_profile
from benchmarks.bench_encoder import CORPUS, CORPUS_FILES, QUESTION_SETS
from benchmarks.machine import describe


def line(name: str, values: list[float]) -> str:
    """'name: mean, p50, p95' in ms (ask_cost's line, with room for longer names)."""
    return ask_cost_line(name, values, width=40)


def main() -> None:
    """Open the build, warm every question, then time the request path, the encoding and QA.ask per question."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True, type=Path)
    ap.add_argument("--encoder", default="onnx")
    ap.add_argument("--corpus", action="store_true", help="serve the four reports of ../shared/corpus too")
    ap.add_argument("--report", action="append", default=[], metavar="PATH",
                    help="serve these reports instead (repeatable; e.g. the inputs benchmarks.scale --keep leaves)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    ap.add_argument("--sort", default="tottime", help="cProfile sort key (tottime, cumulative)")
    ap.add_argument("--profile-out", type=Path, help="also save the profile here (pstats format)")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import logging

    from ingest.store import bundled_report_path
    from qa.encoder import encode_questions
    from qa.evaluate import load_questions
    from web.app import create_app

    reports = args.report or [str(bundled_report_path())] + ([str(CORPUS / f) for f in CORPUS_FILES] if args.corpus else [])
    app = create_app({"BUILD_DIR": str(args.build_dir), "ENCODER": args.encoder, "REPORTS": reports})
    logging.getLogger("kgqa.web").setLevel(logging.INFO)  # the access log is written, as the server writes it
    logging.getLogger("kgqa.web").addHandler(logging.NullHandler())
    client = app.test_client()
    questions = [q.question for p in QUESTION_SETS for q in load_questions(p)]
    urls = [f"/api/ask?{urlencode({'q': q, 'k': 5})}" for q in questions]
    with app.app_context():
        from web.services import services

        qa = services().qa
    for url in urls:  # warm: every lazy structure made
        assert client.get(url).status_code == 200
    encoder = qa.index.encoder
    dense = [qa.rank(q).query.dense_text(qa.retriever.weights.dense_query) for q in questions]
    print(f"machine: {describe()}; load average {os.getloadavg()[0]:.2f}")
    print(f"{len(qa.index.passages)} passages; encoder {encoder.name}; {len(questions)} questions x {args.rounds}")
    req, enc, ask = [], [], []
    for _ in range(args.rounds):
        for url, q, d in zip(urls, questions, dense):
            c = time.process_time()
            client.get(url)
            req.append((time.process_time() - c) * 1000)
            c = time.process_time()
            encode_questions(encoder, [d])
            enc.append((time.process_time() - c) * 1000)
            c = time.process_time()
            qa.ask(q, k=5)
            ask.append((time.process_time() - c) * 1000)
    print(line("GET /api/ask (test client), CPU", req))
    print(line("  QA.ask alone, CPU", ask))
    print(line("  encoding the question alone, CPU", enc))
    rest = [r - e for r, e in zip(req, enc)]
    print(line("  request less encoding, CPU", rest))
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    if args.profile:
        print_profile(client.get, urls, args.profile, args.sort, args.profile_out)


if __name__ == "__main__":
    main()
