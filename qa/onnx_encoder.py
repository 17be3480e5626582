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
# Texts per ONNX run in a build; measured in benchmarks/bench_encoder.py (length-sorted, so padding is small).
BATCH_SIZE = 32


class OnnxEncoder:
    """An exported model folder (see qa/onnx_export.py) run on the CPU, fp32 or int8."""

    def __init__(self, folder: str | os.PathLike, int8: bool = False, batch_size: int = BATCH_SIZE):
        self.folder = Path(folder)
        self.model_file = self.folder / (INT8_FILE if int8 else FP32_FILE)
        try:
            stamp = json.loads((self.folder / STAMP_FILE).read_text(encoding="utf-8"))
            max_len = int(json.loads((self.folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
                          ["max_seq_length"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailable(f"no complete ONNX export in {self.folder}: {exc}") from exc
        if not self.model_file.is_file():
            raise ModelUnavailable(f"no {self.model_file.name} in {self.folder}")
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        # The tokenizer file carries its own (shorter) truncation and padding; the model's length wins,
        # and padding is done per batch below.
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.no_padding()
        self.batch_size = batch_size
        # A question costs one small session; the all-cores session is made on the first build-sized batch.
        self._single = self._session(threads=1)
        self._multi = None
        self._multi_lock = threading.Lock()
        width = self._single.get_outputs()[0].shape[-1]
        self.dim = width if isinstance(width, int) else self._probe_dim()
        self.name = f"{stamp['label']}-onnx{'-int8' if int8 else ''}"

    def _session(self, threads: int):
        """An ONNX Runtime CPU session using this many threads (0: one per core)."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        return ort.InferenceSession(str(self.model_file), sess_options=options, providers=["CPUExecutionProvider"])

    def _probe_dim(self) -> int:
        """The vector size, by running one token (for graphs whose output shape is symbolic)."""
        return int(self._run(self._single, [[101, 102]]).shape[1])

    def _multi_session(self):
        with self._multi_lock:
            if self._multi is None:
                self._multi = self._session(threads=0)
            return self._multi

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for the texts, in their order; long lists are run in batches of similar length."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]
        if len(texts) <= SMALL_BATCH:
            return self._run(self._single, ids)
        session = self._multi_session()
        # Sorting by length keeps each batch's padding (wasted work) small; the result is put back in order.
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start:start + self.batch_size]
            out[chunk] = self._run(session, [ids[i] for i in chunk])
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
