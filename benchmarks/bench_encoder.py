"""Benchmark of the encoders (torch, ONNX fp32, ONNX int8): export time, query encode p50/p95, build rate in
texts/s on exactly the texts the index embeds, and process start to first vector (with peak memory).

Run: HF_HUB_OFFLINE=1 python benchmarks/bench_encoder.py [--kinds K,...] [--corpus-kinds K,...] [--rounds N] [--starts N]
     HF_HUB_OFFLINE=1 python benchmarks/bench_encoder.py --onnx-dir DIR --batch-sizes 1 4 8 16 32 [--sample N]
        (the ONNX build path only: texts/s and texts per CPU second by batch size, one session per core and one
        session on every core, on a sample of the corpus's texts)
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import describe  # noqa: E402

QUESTION_SETS = [ROOT / "tests" / "data" / "dev_questions.jsonl", ROOT / "tests" / "data" / "questions.jsonl"]
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = ["hc179-environmental-impact-of-microplastics-2016.txt", "hl179-behaviour-change-2011.pdf",
                "post-office-horizon-inquiry-vol1-2025.pdf"]

FIRST_VECTOR = """
import sys, time
t0 = float(sys.argv[1])
from qa.encoder import make_encoder
v = make_encoder(sys.argv[2], onnx_dir=sys.argv[3]).encode(["What did witnesses say about MASH seniority?"])
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(time.time() - t0, int(hwm) // 1024, "torch" in sys.modules)
"""


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values."""
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * len(values)) - 1))]


def index_texts(reports) -> tuple[list[str], list[str]]:
    """The passages and sentences a CorpusIndex embeds, in the order it embeds them."""
    from qa.encoder import HashingEncoder
    from qa.index import CorpusIndex

    seen: list[list[str]] = []

    class Recording(HashingEncoder):
        def encode(self, texts):
            seen.append(list(texts))
            return super().encode(texts)

    with tempfile.TemporaryDirectory() as tmp:
        ix = CorpusIndex(reports, Recording(), cache_dir=tmp)
    return [p.text for p in ix.passages], [ix.sentence_text(s) for s in ix.sentences]


def build_rate(encoder, passages: list[str], sentences: list[str]) -> tuple[float, int, float]:
    """(texts/s, texts embedded, seconds) through the embedding cache, from empty, as an index build does."""
    from qa.cache import EmbeddingCache

    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(encoder, tmp)
        start = time.perf_counter()
        cache.embed(passages + sentences)
        took = time.perf_counter() - start
    return cache.encoded / took, cache.encoded, took


def batch_sizes(onnx_dir: Path, sizes: list[int], texts: list[str]) -> None:
    """The ONNX build path by batch size: one-thread sessions side by side (one per core, the default) against one
    session with an intra-op thread per core (before), in texts/s and texts per CPU second of this process."""
    from qa.encoder import make_encoder
    from qa.onnx_encoder import OnnxEncoder, build_threads

    folder = make_encoder("onnx", onnx_dir=onnx_dir).model_file.parent
    print(f"{len(texts)} texts; {build_threads()} cores")
    print("| batch | sessions | texts/s | texts per CPU s | load |")
    print("| --- | --- | --- | --- | --- |")
    for size in sizes:
        for label in ("one-thread, one per core", "one, a thread per core"):
            encoder = OnnxEncoder(folder, batch_size=size)
            if label.startswith("one,"):
                encoder._pool = [encoder._session(threads=0)]  # the earlier build path
            encoder.encode(texts[:16])  # sessions made, first runs paid
            cpu, wall = time.process_time(), time.perf_counter()
            encoder.encode(texts)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            print(f"| {size} | {label} | {len(texts) / wall:.1f} | {len(texts) / cpu:.1f} | "
                  f"{os.getloadavg()[0]:.1f} |", flush=True)


def main() -> int:
    """Run every measurement and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", default="torch,onnx,onnx-int8")
    ap.add_argument("--corpus-kinds", default="torch,onnx,onnx-int8",
                    help="encoders whose build rate is measured over ../shared/corpus too ('' for none)")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the question sets for query latency")
    ap.add_argument("--starts", type=int, default=3, help="fresh processes per kind for start to first vector")
    ap.add_argument("--onnx-dir", help="reuse the export under this folder (default: export afresh and time it)")
    ap.add_argument("--batch-sizes", type=int, nargs="*", help="measure only the ONNX build path at these batch sizes")
    ap.add_argument("--sample", type=int, default=1000, help="texts of the corpus for --batch-sizes (a fixed sample)")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {describe()}, load average {os.getloadavg()[0]:.1f}")

    from ingest.store import bundled_report_path, ingest_file
    from qa.encoder import default_model_path, make_encoder
    from qa.evaluate import load_questions
    from qa.onnx_export import export_onnx

    work = Path(tempfile.mkdtemp(prefix="bench-encoder-"))
    onnx_dir = Path(args.onnx_dir) if args.onnx_dir else work / "models"
    start = time.perf_counter()
    export_onnx(default_model_path(), onnx_dir, quantize=True)
    if not args.onnx_dir:
        print(f"export to ONNX, fp32 + int8 (child process, torch import included): {time.perf_counter() - start:.1f} s")

    reports = [ingest_file(bundled_report_path())]
    bundled = index_texts(reports)
    corpus = None
    corpus_kinds = [k for k in args.corpus_kinds.split(",") if k]
    if corpus_kinds and CORPUS.is_dir():
        reports += [ingest_file(CORPUS / name) for name in CORPUS_FILES]
        corpus = index_texts(reports)
    for label, (passages, sentences) in [("bundled", bundled)] + ([("corpus", corpus)] if corpus else []):
        unique = len(set(passages + sentences))
        print(f"{label}: {len(passages)} passages + {len(sentences)} sentences = {len(passages) + len(sentences)} "
              f"texts, {unique} distinct (the cache embeds each distinct text once)")

    if args.batch_sizes:
        import random

        texts = list(dict.fromkeys(sum(corpus or bundled, [])))
        batch_sizes(onnx_dir, args.batch_sizes, random.Random(1).sample(texts, min(args.sample, len(texts))))
        return 0
    questions = [q.question for path in QUESTION_SETS for q in load_questions(path)]
    print("\n| encoder | query p50 ms | query p95 ms | query CPU p50 ms | build bundled texts/s | "
          "build corpus texts/s | start to first vector s | peak RSS MB | torch imported |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for kind in kinds:
        encoder = make_encoder(kind, onnx_dir=onnx_dir)
        encoder.encode(questions[:3])  # warm
        times, cpu_times = [], []
        for _ in range(args.rounds):
            for q in questions:
                t, c = time.perf_counter(), time.thread_time()  # a question runs on the calling thread
                encoder.encode([q])
                times.append((time.perf_counter() - t) * 1000)
                cpu_times.append((time.thread_time() - c) * 1000)
        rate_b = build_rate(encoder, *bundled)
        rate_c = build_rate(encoder, *corpus) if corpus and kind in corpus_kinds else None
        starts = []
        for _ in range(args.starts):
            out = subprocess.run([sys.executable, "-c", FIRST_VECTOR, repr(time.time()), kind, str(onnx_dir)],
                                 cwd=ROOT, capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
            starts.append((float(out[0]), int(out[1]), out[2]))
        print(f"| {kind} | {statistics.median(times):.1f} | {pct(times, 0.95):.1f} | {statistics.median(cpu_times):.1f} | "
              f"{rate_b[0]:.0f} ({rate_b[1]} in {rate_b[2]:.1f} s) | "
              f"{f'{rate_c[0]:.0f} ({rate_c[1]} in {rate_c[2]:.1f} s)' if rate_c else '-'} | "
              f"{statistics.median(s[0] for s in starts):.2f} | {max(s[1] for s in starts)} | {starts[0][2]} |",
              flush=True)
    print(f"# load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
