"""ONNX Runtime session options for the question path (one text, one thread): CPU ms per question for each option
set, on fp32 and int8, alternated question by question so that load hits every set alike. Options that change no
arithmetic (memory arena, memory patterns, spinning, execution mode, graph optimisation level) are compared with
the service's session; the vectors of each set are checked against it.

    python -m benchmarks.query_session --export DIR/models/LABEL-onnx-v1 [--rounds 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_encoder import QUESTION_SETS
from benchmarks.machine import describe


def option_sets(ort) -> dict[str, dict]:
    """name -> SessionOptions attributes (and config entries under 'config'), beside the service's own."""
    g = ort.GraphOptimizationLevel
    return {
        "service (all, arena, sequential)": {},
        "no memory arena": {"enable_cpu_mem_arena": False},
        "no memory pattern": {"enable_mem_pattern": False},
        "no spinning": {"config": {"session.intra_op.allow_spinning": "0"}},
        "parallel execution mode": {"execution_mode": ort.ExecutionMode.ORT_PARALLEL},
        "optimisation: extended": {"graph_optimization_level": g.ORT_ENABLE_EXTENDED},
        "optimisation: basic": {"graph_optimization_level": g.ORT_ENABLE_BASIC},
        "optimisation: none": {"graph_optimization_level": g.ORT_DISABLE_ALL},
    }


def session(ort, model: Path, attrs: dict):
    """A one-thread CPU session of model with the service's options, then attrs."""
    o = ort.SessionOptions()
    o.intra_op_num_threads = 1
    o.inter_op_num_threads = 1
    o.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    o.log_severity_level = 3
    for k, v in attrs.items():
        if k == "config":
            for ck, cv in v.items():
                o.add_session_config_entry(ck, cv)
        else:
            setattr(o, k, v)
    return ort.InferenceSession(str(model), sess_options=o, providers=["CPUExecutionProvider"])


def main() -> None:
    """Time every option set on both models and print CPU ms per question."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--export", required=True, type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    import onnxruntime as ort

    from qa.evaluate import load_questions
    from qa.onnx_encoder import OnnxEncoder

    questions = [q.question for p in QUESTION_SETS for q in load_questions(p)]
    enc = OnnxEncoder(args.export)
    ids = [[e.ids] for e in enc.tokenizer.encode_batch(questions, add_special_tokens=True)]
    print(f"machine: {describe()}; load average {os.getloadavg()[0]:.2f}; {len(questions)} questions x {args.rounds}")
    for model in ("model.onnx", "model-int8.onnx"):
        sets = {name: session(ort, args.export / model, attrs) for name, attrs in option_sets(ort).items()}
        ref = [enc._run(sets["service (all, arena, sequential)"], i) for i in ids]
        cpu = {name: [] for name in sets}
        for name, s in sets.items():
            worst = max(float(np.abs(enc._run(s, i) - r).max()) for i, r in zip(ids, ref))
            print(f"  {model} {name}: largest difference from the service's vectors {worst:.2e}")
        for _ in range(args.rounds):
            for i in ids:
                for name, s in sets.items():
                    c = time.process_time()
                    enc._run(s, i)
                    cpu[name].append((time.process_time() - c) * 1000)
        for name, v in cpu.items():
            print(f"{model:<16} {name:<34} CPU p50 {statistics.median(v):6.2f}  mean {statistics.mean(v):6.2f} ms")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
