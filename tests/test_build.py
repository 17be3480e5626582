"""One build on disk: `kgqa build` makes it whole (even when two start at once), `Corpus` opens it read-only and
answers as a corpus made in memory does, and a build in use is never removed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa.build import ensure_build
from qa.corpus import Corpus, open_corpus
from ingest.store import bundled_report_path

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://kgqa.example.org/id/"
QUESTIONS = ["Which recommendations are addressed to MOPAC?", "What did witnesses say about MASH seniority?",
             "Who gave evidence to the working group on 13 March 2014?", "How many officers work in the CAITs?"]


def kgqa_build(build_dir: Path, *paths) -> subprocess.Popen:
    """`kgqa build` with the hashing encoder, started (not waited for)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "KGQA_ENCODER": "hashing"}
    return subprocess.Popen([sys.executable, "-m", "web.cli", "build", *map(str, paths), "--build-dir", str(build_dir)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One build of the bundled report, made by two `kgqa build` processes started at once."""
    build_dir = tmp_path_factory.mktemp("build")
    procs = [kgqa_build(build_dir) for _ in range(2)]
    results = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    return build_dir


def test_two_builds_started_at_once_both_succeed_and_leave_one_whole_build(built):
    [folder] = built.glob("build-*")
    assert not list(built.glob(".build-*"))  # no temporary folder left
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["reports"] == ["london-assembly-safeguarding-children-met-2014"]
    assert manifest["encoder"]["kind"] == "hashing" and manifest["index"]["encoder_name"] == "hashing-512"
    assert manifest["base"] == BASE and set(manifest["code"]) == {"ingest", "graph", "qa"}
    for part in ("graph.nq", "network.json", "registry.pickle", "oxigraph", "index/passage_vectors.npy",
                 "index/sentence_vectors.npy", "index/state.pickle", "index/bm25",
                 "reports/london-assembly-safeguarding-children-met-2014.json"):
        assert (folder / part).exists(), part
    corpus = Corpus(folder)
    try:
        assert corpus.qa.ask(QUESTIONS[0])["answer"]["text"] == "Recommendations 1, 2, 7 and 8 are addressed to MOPAC."
    finally:
        corpus.close()


def test_the_second_build_reuses_the_first(built):
    proc = kgqa_build(built)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "reusing" in err and "ingesting" not in err, err


def test_a_build_opens_read_only_and_answers_as_a_corpus_made_in_memory(built):
    from qa.encoder import HashingEncoder

    [folder] = built.glob("build-*")
    opened = Corpus(folder)
    made = Corpus.in_memory(opened.reports, base=None, encoder=HashingEncoder(), cache_dir=built / "embeddings")
    try:
        for vectors in (opened.index.passage_vectors, opened.index.sentence_vectors):
            assert isinstance(vectors.base, np.memmap) and not vectors.flags.writeable  # mapped, not read
        for question in QUESTIONS:
            a, b = opened.qa.ask(question), made.qa.ask(question)
            a.pop("took_ms"), b.pop("took_ms")
            assert a == b, question
        # the network from its file keeps every attribute, lists as lists
        assert sorted(opened.network.nodes(data=True)) == sorted(made.network.nodes(data=True))
        assert sorted(opened.network.edges(keys=True, data=True)) == sorted(made.network.edges(keys=True, data=True))
        saved = json.loads((folder / "network.json").read_text(encoding="utf-8"))
        met = next(n for n in saved["nodes"] if n["id"] == "metropolitan-police-service")
        assert met["aliases"] == ["MPS", "Met", "Metropolitan Police", "the Met"]
        assert all(isinstance(e["evidence"], list) and isinstance(e["rule"], list) for e in saved["edges"])
        assert opened.resolve("MOPAC").key == made.resolve("MOPAC").key
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert opened.engine.query(count).rows == made.engine.query(count).rows
        graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert sorted(map(str, opened.engine.query(graphs).rows)) == sorted(map(str, made.engine.query(graphs).rows))
    finally:
        opened.close()


def test_a_store_opened_read_only_cannot_be_written(built):
    [folder] = built.glob("build-*")
    corpus = Corpus(folder)
    try:
        with pytest.raises(Exception):
            corpus.engine._store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    finally:
        corpus.close()


def _small_report(tmp_path: Path, words: str) -> Path:
    para = f"The committee heard that {words} matter to the police and to children. " * 6
    path = tmp_path / "report.txt"
    path.write_text("\n\n".join(["Introduction", para, "Findings", para]) + "\n", encoding="utf-8")
    return path


def test_a_changed_input_makes_a_new_build_and_a_build_in_use_is_kept_until_closed(tmp_path):
    build_dir = tmp_path / "build"
    first = open_corpus([_small_report(tmp_path, "schools")], build_dir, BASE, "hashing")
    second = open_corpus([_small_report(tmp_path, "hospitals")], build_dir, BASE, "hashing")
    assert first.folder != second.folder and first.folder.exists()  # the first is held open: kept
    assert "hospitals" in second.reports[0].passages[0].text
    first.close()
    second.close()
    third = open_corpus([_small_report(tmp_path, "councils")], build_dir, BASE, "hashing")
    assert sorted(build_dir.glob("build-*")) == [third.folder]  # nothing holds the older two: removed
    third.close()


def test_the_code_version_covers_the_code_in_subpackages():
    """A build is redone when the code that made it changes, also the code in a package's own folders
    (ingest/people/, graph/entities/): the hashed files hold every Python file below the package."""
    from qa.build import code_files

    for package in ("ingest", "graph", "qa"):
        hashed = {p.relative_to(ROOT).as_posix() for p in code_files(package)}
        below = {p.relative_to(ROOT).as_posix() for p in (ROOT / package).rglob("*.py")}
        assert below <= hashed, below - hashed
    assert {"ingest/people/names.py", "graph/entities/registry.py"} <= {
        p.relative_to(ROOT).as_posix() for pkg in ("ingest", "graph") for p in code_files(pkg)}


def test_a_half_made_build_is_never_opened(tmp_path):
    build_dir = tmp_path / "build"
    corpus = open_corpus([_small_report(tmp_path, "schools")], build_dir, BASE, "hashing")
    corpus.close()
    (corpus.folder / "manifest.json").unlink()  # as if a build stopped before its last step
    with pytest.raises(FileNotFoundError):
        Corpus(corpus.folder)
    messages = []
    again = ensure_build([tmp_path / "report.txt"], build_dir, BASE, "hashing", progress=messages.append)
    assert again == corpus.folder and (again / "manifest.json").exists()
    assert any(m.startswith("built") for m in messages)


def test_kgqa_build_refuses_a_missing_file_in_one_line(tmp_path):
    proc = kgqa_build(tmp_path / "build", tmp_path / "missing.txt")
    _, err = proc.communicate(timeout=300)
    lines = [ln for ln in err.splitlines() if ln.startswith("kgqa")]
    assert proc.returncode == 1 and "Traceback" not in err and lines[0].startswith("kgqa build: error:"), err


def test_bundled_report_path_is_the_default(built):
    [folder] = built.glob("build-*")
    assert json.loads((folder / "manifest.json").read_text())["inputs"][0]["name"] == bundled_report_path().name
