"""Export a local sentence-transformers model to ONNX (fp32 and int8), once, offline; torch is imported only here."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import ModelUnavailable
from .model_files import model_name

FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
# Written last: a folder holding it is a complete export (the folder itself appears by one rename).
STAMP_FILE = "export.json"
# Copied beside the graph: the tokenizer and the sequence length the model was trained with.
TOKENIZER_FILES = ("tokenizer.json", "sentence_bert_config.json")
INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OPSET = 17
# Bumped whenever the export changes what it writes, so older exports are redone.
EXPORT_VERSION = 1


def model_label(model_path: str | os.PathLike) -> str:
    """The name of the source model, as the torch encoder names it (folder label plus a hash of its files)."""
    path = Path(model_path)
    try:
        dim = int(json.loads((path / "config.json").read_text(encoding="utf-8"))["hidden_size"])
    except (OSError, ValueError, KeyError) as exc:
        raise ModelUnavailable(f"no transformer config.json with hidden_size in {path}") from exc
    return model_name(str(path), dim)


def export_dir(model_path: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
    """The folder under out_dir that holds (or will hold) the export of this model."""
    return Path(out_dir) / f"{model_label(model_path)}-onnx-v{EXPORT_VERSION}"


def is_exported(folder: Path, quantize: bool) -> bool:
    """Whether folder holds a complete export (with the int8 model too, if asked)."""
    return (folder / STAMP_FILE).is_file() and (not quantize or (folder / INT8_FILE).is_file())


def export_onnx(model_path: str | os.PathLike, out_dir: str | os.PathLike, quantize: bool = True,
                progress=None) -> Path:
    """The export folder of the model under out_dir, exporting it first if it is missing; safe across processes."""
    model_path = Path(model_path)
    if not (model_path / "config.json").is_file():
        raise ModelUnavailable(f"no transformer model at {model_path}")
    target = export_dir(model_path, out_dir)
    if is_exported(target, quantize):
        return target
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    # One exporter at a time per folder: a second process waits, then finds the export done.
    with _lock(Path(out_dir) / ".export.lock"):
        if is_exported(target, quantize):
            return target
        for stale in Path(out_dir).glob(".export-*"):  # left by a killed exporter; a live one would hold the lock
            shutil.rmtree(stale, ignore_errors=True)
        started = time.perf_counter()
        if progress:
            progress(f"exporting the embedding model to ONNX in {target} (once per model)")
        if not (target / STAMP_FILE).is_file():
            _export_new(model_path, target, quantize)
        else:  # an fp32-only export asked for int8 later: add the one file
            _quantize_into(target)
        if progress:
            progress(f"exported in {time.perf_counter() - started:.1f} s")
    return target


def _export_new(model_path: Path, target: Path, quantize: bool) -> None:
    """Write a full export to a private temporary folder, then rename it into place."""
    tmp = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; other users' servers may read the export
        _run_isolated(model_path, tmp, quantize)
        for name in TOKENIZER_FILES:
            if not (model_path / name).is_file():
                raise ModelUnavailable(f"the model at {model_path} has no {name}")
            shutil.copyfile(model_path / name, tmp / name)
        (tmp / STAMP_FILE).write_text(json.dumps({"source": str(model_path), "label": model_label(model_path),
                                                  "version": EXPORT_VERSION, "opset": OPSET}, indent=1),
                                      encoding="utf-8")
        if target.exists():  # an incomplete folder left by an older version's crash: never read, safe to drop
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run_isolated(model_path: Path, tmp: Path, quantize: bool) -> None:
    """Export (and quantise) in a child process, so the caller (a web worker) never holds torch in memory."""
    package_root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
    cmd = [sys.executable, "-m", "qa.onnx_export", str(model_path), str(tmp)] + (["--int8"] if quantize else [])
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ModelUnavailable(f"exporting the model at {model_path} to ONNX failed: {last}")


def _quantize_into(target: Path) -> None:
    """Add the int8 model to an existing export, atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".int8-", suffix=".onnx", dir=target)
    os.close(fd)
    try:
        _quantize(target / FP32_FILE, Path(tmp))
        os.replace(tmp, target / INT8_FILE)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _torch_export(model_path: Path, out: Path) -> None:
    """The transformer (without pooling) as an ONNX graph with dynamic batch and sequence axes."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    # Eager attention: the tracer records plain MatMul/Softmax, which every ONNX Runtime build runs.
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True, attn_implementation="eager").eval()

    class LastHiddenState(torch.nn.Module):
        """Inputs by keyword (transformers 5 reorders forward's arguments), one output."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    dummy = tuple(torch.ones(2, 8, dtype=torch.long) for _ in INPUT_NAMES)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES + ["last_hidden_state"]}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python conditions on shapes; parity is tested
        # The TorchScript exporter needs only torch and onnx; the dynamo one would add onnxscript.
        torch.onnx.export(LastHiddenState(model), dummy, str(out), input_names=INPUT_NAMES,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=OPSET, dynamo=False)


def _quantize(source: Path, out: Path) -> None:
    """Dynamic int8 quantisation of the MatMul weights, per output channel."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel MatMul-only keeps cosine to torch at 0.98 or more on report text; per-tensor over
    # every op (the default) fell to 0.87 on long passages.
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # it warns at root level to pre-process first
    try:
        quantize_dynamic(str(source), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         per_channel=True)
    finally:
        logging.getLogger().setLevel(quiet)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock on a file, across processes and threads."""
    with open(path, "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _main(argv: list[str]) -> int:
    """The child process of _run_isolated: MODEL_PATH OUT_DIR [--int8] writes the graph files into OUT_DIR."""
    model_path, out = Path(argv[0]), Path(argv[1])
    _torch_export(model_path, out / FP32_FILE)
    if "--int8" in argv[2:]:
        _quantize(out / FP32_FILE, out / INT8_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
