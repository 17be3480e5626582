"""The encoder of a build: its identity for the manifest, and a stand-in that loads it in each process.

A build records the encoder's identity (which model, which weights) in its manifest, since the vectors
depend on it; a worker that opens the build loads the encoder itself, lazily, in its own process
(model sessions and torch's threads must not cross a fork).
"""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np


def encoder_identity(kind: str, model_path: str | None = None) -> str:
    """A stable identity of the encoder a setting names, found without loading it."""
    if kind == "hashing":
        return "hashing-512"
    from qa.encoder import default_model_path

    p = Path(model_path or default_model_path())
    files = sorted((f.name, f.stat().st_size) for f in p.rglob("*") if f.is_file()) if p.is_dir() else []
    return f"{kind}:{p.name}:{hashlib.sha256(repr(files).encode()).hexdigest()[:12]}"


class LazyEncoder:
    """An encoder known by name and dimension (from a build's manifest) and loaded on first encode, once per process."""

    def __init__(self, kind: str, model_path: str | None, name: str, dim: int, onnx_dir: Path | None = None):
        self.kind, self.model_path, self.name, self.dim = kind, model_path, name, int(dim)
        self.onnx_dir = onnx_dir  # where the ONNX export of the model is (made by the build)
        self._real = None
        self._pid = None
        self._lock = threading.Lock()

    def loaded(self):
        """The real encoder of this process (loaded now if needed); a forked worker loads its own."""
        with self._lock:
            if self._real is None or self._pid != os.getpid():
                from qa.encoder import make_encoder

                self._real, self._pid = make_encoder(self.kind, self.model_path, self.onnx_dir), os.getpid()
            return self._real

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for the texts, from the real encoder."""
        return self.loaded().encode(texts)

    def encode_query(self, texts: list[str]) -> np.ndarray:
        """Vectors for questions, from the real encoder's question path."""
        from qa.encoder import encode_questions

        return encode_questions(self.loaded(), texts)
