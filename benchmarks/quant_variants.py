"""int8 variants of the ONNX encoder against fp32: cosine to fp32 over the corpus's texts, one question's encode in
CPU ms on one thread, and the build rate; each variant is written as a cache folder that `kgqa eval --cache DIR
--encoder onnx-int8` runs, so every retrieval figure can be compared with fp32's.

    python -m benchmarks.quant_variants --export DIR/models/LABEL-onnx-v1 --out /tmp/qv [--variants a,b] \
        [--sample 1500] [--rounds 5] [--build-sample 600]

Then for each variant NAME: `kgqa eval SETS --cache /tmp/qv/NAME --encoder onnx-int8 --json` (each folder keeps its
own embedding cache, so no variant reads another's vectors).
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import statistics
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_encoder import CORPUS, CORPUS_FILES, QUESTION_SETS, index_texts
from benchmarks.machine import describe

LAYERS = 6
FFN = ("intermediate/dense/MatMul", "output/dense/MatMul")
ATTN_PROJ = ("attention/self/query/MatMul", "attention/self/key/MatMul", "attention/self/value/MatMul",
             "attention/output/dense/MatMul")


def nodes(layers, parts) -> list[str]:
    """The MatMul node names of these parts in these layers (names as the torch export gives them)."""
    return [f"/inner/encoder/layer.{n}/{p}" for n in layers for p in parts]


# name -> keyword arguments of quantize_dynamic beyond the model paths (weights QInt8 unless said).
VARIANTS = {
    "all": dict(per_channel=True),  # what model-int8.onnx is today
    "all-tensor": dict(per_channel=False),
    "all-rr": dict(per_channel=True, reduce_range=True),
    "all-u8": dict(per_channel=True, weight_type="QUInt8"),
    "ffn": dict(per_channel=True, nodes_to_quantize=nodes(range(LAYERS), FFN)),
    "ffn-rr": dict(per_channel=True, reduce_range=True, nodes_to_quantize=nodes(range(LAYERS), FFN)),
    "ffn-not-last": dict(per_channel=True, nodes_to_quantize=nodes(range(LAYERS - 1), FFN)),
    "ffn-in": dict(per_channel=True, nodes_to_quantize=nodes(range(LAYERS), FFN[:1])),
    "not-last": dict(per_channel=True, nodes_to_quantize=nodes(range(LAYERS - 1), FFN + ATTN_PROJ)),
    "proj": dict(per_channel=True, nodes_to_quantize=nodes(range(LAYERS), ATTN_PROJ)),
}


def make_variant(export: Path, out: Path, name: str) -> Path:
    """A copy of the export folder whose model-int8.onnx is this variant, under out/name/models/; its path."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target = out / name / "models" / export.name
    if (target / "model-int8.onnx").is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for f in export.iterdir():
        if f.name != "model-int8.onnx":
            dest = target / f.name
            if not dest.exists():
                (dest.symlink_to(f) if f.suffix == ".onnx" else shutil.copyfile(f, dest))
    kw = dict(VARIANTS[name])
    kw["weight_type"] = getattr(QuantType, kw.pop("weight_type", "QInt8"))
    logging.getLogger().setLevel(logging.ERROR)
    tmp = target / ".int8.onnx"
    quantize_dynamic(str(export / "model.onnx"), str(tmp), op_types_to_quantize=["MatMul"], **kw)
    os.replace(tmp, target / "model-int8.onnx")
    return target


def cpu_ms_per_question(encoders: dict, questions: list[str], rounds: int) -> dict[str, list[float]]:
    """CPU ms of each encoder's encode([q]), alternating encoders question by question so load hits all alike."""
    out = {name: [] for name in encoders}
    for _ in range(rounds):
        for q in questions:
            for name, enc in encoders.items():
                c = time.process_time()
                enc.encode([q])
                out[name].append((time.process_time() - c) * 1000)
    return out


def main() -> None:
    """Make the variants, then print cosine, query CPU time and build rate for each beside fp32."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--export", required=True, type=Path, help="an export folder (with model.onnx)")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--sample", type=int, default=1500, help="corpus texts for the cosine (default 1500)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--build-sample", type=int, default=600, help="texts for the build rate (0: skip)")
    args = ap.parse_args()
    from qa.evaluate import load_questions
    from qa.onnx_encoder import OnnxEncoder
    from qa.service import load_reports
    from ingest.store import bundled_report_path

    names = args.variants.split(",")
    folders = {n: make_variant(args.export, args.out, n) for n in names}
    reports = load_reports([bundled_report_path()] + [CORPUS / f for f in CORPUS_FILES])
    passages, sentences = index_texts(reports)
    texts = sorted(set(passages + sentences))
    random.Random(0).shuffle(texts)
    sample = texts[:args.sample]
    questions = [q.question for p in QUESTION_SETS for q in load_questions(p)]
    print(f"machine: {describe()}; load average {os.getloadavg()[0]:.2f}")
    print(f"{len(texts)} distinct corpus texts, {len(sample)} sampled; {len(questions)} questions x {args.rounds}")
    fp32 = OnnxEncoder(args.export)
    encoders = {"fp32": fp32} | {n: OnnxEncoder(f, int8=True) for n, f in folders.items()}
    ref_t, ref_q = fp32.encode(sample), fp32.encode(questions)
    rows = {}
    for n in names:
        enc = encoders[n]
        cos_t = np.sum(enc.encode(sample) * ref_t, axis=1)
        cos_q = np.sum(np.vstack([enc.encode([q]) for q in questions]) * ref_q, axis=1)
        rows[n] = (float(cos_t.mean()), float(np.percentile(cos_t, 1)), float(cos_t.min()), float(cos_q.mean()),
                   float(cos_q.min()))
    cpu = cpu_ms_per_question(encoders, questions, args.rounds)
    build = {}
    if args.build_sample:
        bs = texts[:args.build_sample]
        for n, enc in encoders.items():
            enc.encode(bs[:16])  # makes the build's sessions
            w, c = time.perf_counter(), time.process_time()
            enc.encode(bs)
            build[n] = (len(bs) / (time.perf_counter() - w), len(bs) / (time.process_time() - c))
    print(f"{'variant':<14} {'cos texts mean/p1/min':>24} {'cos questions mean/min':>24} {'query CPU p50/mean':>20} "
          f"{'build texts/s, per CPU s':>26}")
    for n in ["fp32"] + names:
        cos = rows.get(n, (1, 1, 1, 1, 1))
        b = build.get(n, (0, 0))
        print(f"{n:<14} {cos[0]:8.4f}/{cos[1]:.4f}/{cos[2]:.4f} {cos[3]:11.4f}/{cos[4]:.4f} "
              f"{statistics.median(cpu[n]):10.2f}/{statistics.mean(cpu[n]):.2f} ms {b[0]:14.1f}, {b[1]:.1f}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
