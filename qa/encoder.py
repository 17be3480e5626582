"""Text encoders: the sentence-transformers model (loaded once per process) and a deterministic fake for tests."""
from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelUnavailable
from .model_files import default_cache_dir, default_model_path, model_name

# Up to this many texts are encoded on one thread (see SentenceTransformerEncoder.encode).
SMALL_BATCH = 4


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into unit-length vectors; ``name`` keys the embedding cache."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """A (len(texts), dim) float32 array of L2-normalised vectors."""
        ...


def encode_questions(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """Vectors for questions: the encoder's encode_query where it has one (a faster model whose vectors are compared,
    never stored), else its encode."""
    return getattr(encoder, "encode_query", encoder.encode)(texts)


class SentenceTransformerEncoder:
    """A local sentence-transformers model, always loaded by path and offline."""

    def __init__(self, path: str | None = None, batch_size: int = 64):
        # Offline before the import: loading by hub name or reaching the hub hangs on this machine.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # The library's per-load progress bar would land in every command's output.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        self.path = str(path or default_model_path())
        if not Path(self.path).exists():
            raise ModelUnavailable(f"no embedding model at {self.path}")
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(self.path, device="cpu", local_files_only=True)
        except Exception as exc:  # the library raises many kinds; the user needs one line
            raise ModelUnavailable(f"cannot load the embedding model at {self.path}: {exc}") from exc
        self.batch_size = batch_size
        self.dim = int(getattr(self.model, "get_embedding_dimension", self.model.get_sentence_embedding_dimension)())
        self.name = model_name(self.path, self.dim)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for the texts."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        # A question is encoded on one thread: with two, any other busy process stalls the thread hand-off
        # (measured here: p95 over 400 ms against 11 ms on one thread). Batches of passages keep every thread.
        # torch's thread count is process-wide: the lock keeps one request's setting from leaking into
        # another's encode when the web server answers several questions at once.
        with _THREADS_LOCK:
            threads = torch.get_num_threads()
            single = len(texts) <= SMALL_BATCH and threads > 1
            if single:
                torch.set_num_threads(1)
            try:
                vectors = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                            convert_to_numpy=True, show_progress_bar=False)
            finally:
                if single:
                    torch.set_num_threads(threads)
        return np.asarray(vectors, dtype=np.float32)


_THREADS_LOCK = threading.Lock()


class HashingEncoder:
    """A fast deterministic bag-of-words encoder: for unit tests and for runs without the model.

    Words are lower-cased and cut to their first five letters, so 'officers' and 'officer' share a
    dimension; each word is hashed into a fixed-size vector. It knows no synonyms, which is the point:
    tests that pass with it test the ranking code, not the model.
    """

    def __init__(self, dim: int = 512):
        self.dim = dim
        self.name = f"hashing-{dim}"

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for the texts."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word[:5].encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0
            norm = np.linalg.norm(out[i])
            if norm:
                out[i] /= norm
        return out


_LOCK = threading.Lock()
_ENCODERS: dict[str, SentenceTransformerEncoder] = {}


def get_encoder(path: str | None = None) -> SentenceTransformerEncoder:
    """The model at path (default: the configured one), loaded once per process and shared."""
    key = str(path or default_model_path())
    with _LOCK:
        if key not in _ENCODERS:
            _ENCODERS[key] = SentenceTransformerEncoder(key)
        return _ENCODERS[key]


# The encoders make_encoder builds; "model" is the old name of "torch", kept for existing configurations.
# "onnx-int8-query": the index's texts with fp32 (the same vectors and cache as "onnx"), questions with int8.
ONNX_KINDS = ("onnx", "onnx-int8", "onnx-int8-query")
ENCODER_KINDS = ("onnx-int8", "onnx-int8-query", "onnx", "torch", "model", "hashing")
_ONNX: dict[tuple[str, str], Encoder] = {}


def make_encoder(kind: str, model_path: str | None = None, onnx_dir: str | os.PathLike | None = None,
                 progress=None) -> Encoder:
    """The encoder of this kind, shared per process; ONNX kinds export the model into onnx_dir on first use."""
    if kind == "hashing":
        return HashingEncoder()
    if kind in ("torch", "model"):
        return get_encoder(model_path)
    if kind not in ONNX_KINDS:
        raise ModelUnavailable(f"unknown encoder {kind!r}: use one of {', '.join(ENCODER_KINDS)}")
    from .onnx_encoder import OnnxEncoder
    from .onnx_export import export_onnx

    if onnx_dir is None:
        onnx_dir = default_cache_dir() / "models"
    folder = export_onnx(model_path or default_model_path(), onnx_dir, quantize=True, progress=progress)
    key = (str(folder), kind)
    with _LOCK:
        if key not in _ONNX:
            _ONNX[key] = OnnxEncoder(folder, int8=kind == "onnx-int8", int8_queries=kind == "onnx-int8-query")
        return _ONNX[key]
