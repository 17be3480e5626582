"""The sentence-transformers model run by ONNX Runtime: same vectors, no torch in the process."""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import numpy as np

from .errors import ModelUnavailable
from .onnx_export import FP32_FILE, INT8_FILE, STAMP_FILE

# Up to this many texts (a question) run on one thread; see SentenceTransformerEncoder.encode for why.
SMALL_BATCH = 4
# Texts per ONNX run in a build, length-sorted so padding is small. 8 beat 1, 4, 16 and 32 in texts/s (131 against 92
# at 32 on this 2-core machine; a small batch's activations stay in cache): benchmarks/bench_encoder.py --batch-sizes.
BATCH_SIZE = 8


def build_threads() -> int:
    """Sessions a build runs side by side: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OnnxEncoder:
    """An exported model folder (see qa/onnx_export.py) run on the CPU, fp32 or int8; with int8_queries, the
    texts of an index are embedded with fp32 and questions (encode_query) with int8."""

    def __init__(self, folder: str | os.PathLike, int8: bool = False, batch_size: int = BATCH_SIZE,
                 threads: int | None = None, int8_queries: bool = False):
        self.folder = Path(folder)
        self.model_file = self.folder / (INT8_FILE if int8 else FP32_FILE)
        query_file = self.folder / INT8_FILE if int8_queries and not int8 else None
        try:
            stamp = json.loads((self.folder / STAMP_FILE).read_text(encoding="utf-8"))
            max_len = int(json.loads((self.folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
                          ["max_seq_length"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailable(f"no complete ONNX export in {self.folder}: {exc}") from exc
        for needed in (self.model_file, query_file):
            if needed is not None and not needed.is_file():
                raise ModelUnavailable(f"no {needed.name} in {self.folder}")
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        # The tokenizer file carries its own (shorter) truncation and padding; the model's length wins,
        # and padding is done per batch below.
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.no_padding()
        self.batch_size = batch_size
        self.threads = threads or build_threads()
        # A question costs one small session. A build runs one-thread sessions side by side, one per core, each on
        # its own batches (ONNX Runtime lets go of the GIL while it runs): on this 2-core machine at load 4 that
        # embedded 66 texts/s against 29 for one session with two intra-op threads, whose threads wait on each
        # other at every operator when another process holds a core. Made on the first build-sized call.
        self._single = self._session(threads=1)
        # A question's vector is only compared with the index's, never stored: a faster model may make it while the
        # stored vectors stay fp32's (the name, which keys the embedding cache, is then fp32's too).
        self._query = self._session(threads=1, model_file=query_file) if query_file else self._single
        self._pool: list = []
        self._pool_lock = threading.Lock()
        width = self._single.get_outputs()[0].shape[-1]
        self.dim = width if isinstance(width, int) else self._probe_dim()
        self.name = f"{stamp['label']}-onnx{'-int8' if int8 else ''}"

    def _session(self, threads: int, model_file: Path | None = None):
        """An ONNX Runtime CPU session of the model file (default: this encoder's) using this many threads."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        return ort.InferenceSession(str(model_file or self.model_file), sess_options=options, providers=["CPUExecutionProvider"])

    def _probe_dim(self) -> int:
        """The vector size, by running one token (for graphs whose output shape is symbolic)."""
        return int(self._run(self._single, [[101, 102]]).shape[1])

    def _sessions(self) -> list:
        """The build's one-thread sessions, one per thread (the question session is the first)."""
        with self._pool_lock:
            if not self._pool:
                self._pool = [self._single] + [self._session(threads=1) for _ in range(self.threads - 1)]
            return self._pool

    def encode_query(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for questions (a few short texts), on the question session; never stored in a cache."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]
        return self._run(self._query, ids)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for the texts, in their order; long lists are run in batches of similar length."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]
        if len(texts) <= SMALL_BATCH:
            return self._run(self._single, ids)
        # Sorting by length keeps each batch's padding (wasted work) small; the result is put back in order.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        batches = [order[start:start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        sessions = self._sessions()[:len(batches)]
        if len(sessions) == 1:
            for chunk in batches:
                out[chunk] = self._run(sessions[0], [ids[i] for i in chunk])
            return out
        todo = iter(batches)
        todo_lock = threading.Lock()
        errors: list[BaseException] = []

        def work(session) -> None:
            while True:
                with todo_lock:
                    chunk = next(todo, None)
                if chunk is None or errors:
                    return
                try:
                    out[chunk] = self._run(session, [ids[i] for i in chunk])
                except BaseException as exc:  # re-raised in the caller's thread below
                    errors.append(exc)
                    return

        workers = [threading.Thread(target=work, args=(s,), daemon=True) for s in sessions]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if errors:
            raise errors[0]
        return out

    @staticmethod
    def _run(session, ids: list[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors for token id lists (padded to the longest)."""
        width = max(len(x) for x in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, seq in enumerate(ids):
            input_ids[row, :len(seq)] = seq
            mask[row, :len(seq)] = 1
        hidden = session.run(None, {"input_ids": input_ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(input_ids)})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
