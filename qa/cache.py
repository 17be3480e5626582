"""An on-disk embedding cache keyed by text hash and model, so unchanged text is never embedded twice."""
from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
from pathlib import Path

import numpy as np

from ingest.store import atomic_write

from .encoder import Encoder
from .model_files import default_cache_dir

def text_key(text: str) -> str:
    """The cache key of one text: the SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors for one model, stored as one .npz file per model and rewritten atomically when it grows."""

    def __init__(self, encoder: Encoder, directory: str | os.PathLike | None = None, progress=None):
        self.encoder = encoder
        self.progress = progress  # called with one line as a long embedding goes on
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", encoder.name)
        self.path = self.directory / f"embeddings-{safe}.npz"
        self._vectors: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()
        self.encoded = 0  # texts this cache has sent to the model since it was created

    def _load(self) -> dict[str, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            if self.path.exists():
                try:
                    with np.load(self.path, allow_pickle=False) as data:
                        if data["vectors"].shape[1:] == (self.encoder.dim,):
                            self._vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
                except (OSError, ValueError, KeyError):
                    self._vectors = {}  # a damaged cache costs one re-embedding, never a wrong vector
        return self._vectors

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors for texts, encoding only those not cached yet, then saving the cache."""
        with self._lock:
            vectors = self._load()
            keys = [text_key(t) for t in texts]
            missing = list(dict.fromkeys(k for k in keys if k not in vectors))
            if missing:
                by_key = dict(zip(keys, texts))
                # Shortest first, so each chunk (and the encoder's batches within it) holds texts of about one
                # length: little padding, which the model would compute like text.
                missing.sort(key=lambda k: len(by_key[k]))
                # In chunks, so a first build says where it is instead of going quiet for seconds.
                chunk = 128
                began = time.perf_counter()
                for start in range(0, len(missing), chunk):
                    part = missing[start:start + chunk]
                    vectors.update(zip(part, self.encoder.encode([by_key[k] for k in part])))
                    if self.progress and len(missing) > chunk:
                        took = time.perf_counter() - began
                        done = min(start + chunk, len(missing))
                        self.progress(f"embedded {done}/{len(missing)} new texts ({done / took:.0f} texts/s)")
                self.encoded += len(missing)
                self._save()
            if not texts:
                return np.zeros((0, self.encoder.dim), dtype=np.float32)
            return np.stack([vectors[k] for k in keys]).astype(np.float32, copy=False)

    def _save(self) -> None:
        assert self._vectors is not None
        buf = io.BytesIO()
        keys = np.array(list(self._vectors.keys()), dtype="U64")
        np.savez(buf, keys=keys, vectors=np.stack(list(self._vectors.values())).astype(np.float32),
                 model=np.array(self.encoder.name))
        try:
            atomic_write(self.path, buf.getvalue())
        except OSError:
            pass  # a read-only cache folder slows the next start but must not stop answering
