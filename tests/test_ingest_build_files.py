"""Build files: malformed report JSON is refused in one line; temporary files and inputs.json stay sound."""
from __future__ import annotations

import copy
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from test_ingest_cli import kgqa

from ingest.errors import UnreadableReportJSON
from ingest.store import atomic_write, ingest_file, load_report, read_report, remove_stale_temps, report_to_json


@pytest.fixture(scope="module")
def good(la_report) -> dict:
    """The bundled report's document model as JSON."""
    return json.loads(report_to_json(la_report))


def _set(path: str, value):
    """A change to a document: path like "passages.3.text", value the new one (or DROP to remove it)."""
    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        key = int(last) if last.isdigit() else last
        if value is DROP:
            del node[key]
        else:
            node[key] = value
    return change


DROP = object()
MALFORMED = {  # name: (change, what the error must name)
    "passages as an int": (_set("passages", 5), "$.passages: 5 is not of type"),
    "passages as null": (_set("passages", None), "$.passages: null is not of type"),
    "id as an int": (_set("id", 7), "$.id: 7 is not of type"),
    "text as null": (_set("passages.3.text", None), "$.passages[3].text: null is not of type"),
    "no sections": (_set("sections", []), "$.sections"),
    "no passages": (_set("passages", []), "$.passages"),
    "a passage without an id": (_set("passages.2.id", DROP), "$.passages[2]"),
    "a section no one has": (_set("passages.5.section", "nowhere"), "$.passages[5].section: names no section"),
    "a dangling parent": (_set("sections.4.parent", "nowhere"), "$.sections[4].parent"),
    "a statement about no passage": (_set("statements.0.passage", "nowhere"), "$.statements[0].passage"),
    "two passages with one id": (lambda d: d["passages"][1].update(id=d["passages"][0]["id"]), "$.passages[1].id"),
    "not a document model": (lambda d: d.clear() or d.update({"not": "a report"}), "$: "),
}


def _write_bad(tmp_path: Path, good: dict, case: str) -> Path:
    change, _ = MALFORMED[case]
    doc = copy.deepcopy(good)
    change(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_report_json_is_refused_naming_the_file_and_the_fault(tmp_path, good, case):
    path = _write_bad(tmp_path, good, case)
    with pytest.raises(UnreadableReportJSON) as caught:
        read_report(path)
    message = str(caught.value)
    assert str(path) in message and MALFORMED[case][1] in message and "\n" not in message


@pytest.mark.parametrize("case", MALFORMED)
def test_serve_loading_path_refuses_malformed_json(tmp_path, good, case):
    from web.app import create_app

    path = _write_bad(tmp_path, good, case)
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "build"),
                      "REPORTS": [str(path)]})
    with pytest.raises(UnreadableReportJSON, match=r"\$"):
        app.extensions["kgqa"].warm()


@pytest.mark.parametrize("case", ["passages as an int", "passages as null", "id as an int", "text as null",
                                  "no sections", "a section no one has"])
def test_kgqa_serve_exits_with_one_line_for_malformed_json(tmp_path, good, case):
    path = _write_bad(tmp_path, good, case)
    result = kgqa("serve", path, "--port", "0", "--build-dir", tmp_path / "build")
    assert result.returncode == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("kgqa")]
    assert "Traceback" not in result.stderr and len(errors) == 1, result.stderr
    assert errors[0].startswith("kgqa serve: error:") and str(path) in errors[0] and MALFORMED[case][1] in errors[0]


def test_kgqa_sparql_exits_with_one_line_for_json_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x", "passages": [', encoding="utf-8")
    result = kgqa("sparql", "units-of-command", "--report", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not JSON (line 1 column 26" in result.stderr.strip().splitlines()[-1]


def test_json_nested_too_deeply_is_one_line(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UnreadableReportJSON, match="nested too deeply"):
        read_report(path)


def _odd_but_valid(good: dict) -> dict[str, dict]:
    """Reports that pass validation yet are unusual: minimal, notes that do not exist, no entities."""
    minimal = {k: good[k] for k in ("schema_version", "id", "title", "style", "source_path", "source_sha256",
                                    "text_length")}
    section = dict(good["sections"][0], parent=None)
    minimal["sections"] = [section]
    minimal["passages"] = [dict(good["passages"][0], section=section["id"], notes=[])]
    dangling_notes = copy.deepcopy(good)
    for p in dangling_notes["passages"]:
        p["notes"] = [*p.get("notes", []), 9999]
    dangling_notes["notes"] = dangling_notes["notes"][:3]
    bare = copy.deepcopy(good)
    for key in ("markers", "notes", "recommendations", "glossary", "people", "organisations", "statements",
                "warnings", "pages"):
        bare.pop(key)
    return {"minimal": minimal, "dangling-notes": dangling_notes, "bare": bare}


@pytest.mark.parametrize("variant", ["minimal", "dangling-notes", "bare"])
def test_passages_of_a_valid_report_never_give_500(tmp_path, good, variant):
    from web.app import create_app

    doc = _odd_but_valid(good)[variant]
    path = tmp_path / f"{variant}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    load_report(path)  # passes validation
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "build"),
                      "REPORTS": [str(path)]})
    client = app.test_client()
    try:
        for p in doc["passages"]:
            r = client.get(f"/api/passages/{p['id']}")
            assert r.status_code == 200, (p["id"], r.data[:300])
            assert r.get_json()["text"] == p["text"]
        assert client.get("/api/passages/no-such-passage").status_code == 404
    finally:
        app.extensions["kgqa"].close()


# -- temporary files ------------------------------------------------------------------------
def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_of_a_killed_writer_are_removed(tmp_path):
    stale = tmp_path / ".report.json.kgqa-abcd1234.tmp"
    fresh = tmp_path / ".report.json.kgqa-efgh5678.tmp"
    legacy = tmp_path / ".report.json.x1y2z3w4.tmp"  # written before the kgqa tag, for the file being written
    other = tmp_path / ".notes.json.abcd1234.tmp"  # no kgqa tag, and not for the file being written
    for p in (stale, fresh, legacy, other):
        p.write_text("half a file", encoding="utf-8")
        if p is not fresh:
            _age(p, 3600)
    atomic_write(tmp_path / "report.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name, "report.json"])


def _hold_lock_on(path: str, ready, done) -> None:
    import fcntl

    with open(path, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        ready.set()
        done.wait(30)


def test_a_temporary_file_a_live_writer_holds_is_kept(tmp_path):
    held = tmp_path / ".big.json.kgqa-live0001.tmp"
    held.write_text("being written", encoding="utf-8")
    _age(held, 3600)  # a slow writer: old, but alive
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    writer = ctx.Process(target=_hold_lock_on, args=(str(held), ready, done))
    writer.start()
    try:
        assert ready.wait(60)
        assert remove_stale_temps(tmp_path) == []
        assert held.exists()
    finally:
        done.set()
        writer.join(30)
    assert remove_stale_temps(tmp_path) == [held]


def test_a_killed_ingest_leaves_nothing_after_the_next_run(tmp_path, la_path):
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".london-assembly-safeguarding-children-met-2014.json.kgqa-k1ll3d00.tmp"
    left.write_text('{"half": ', encoding="utf-8")
    _age(left, 600)
    assert kgqa("ingest", "--quiet", la_path, "--out", out).returncode == 0
    assert [p.name for p in out.iterdir()] == ["london-assembly-safeguarding-children-met-2014.json"]


# -- two servers on one build folder --------------------------------------------------------
def _serve_repeatedly(build_dir: str, report: str, rounds: int, start) -> None:
    from web.services import Services

    start.wait(60)
    for _ in range(rounds):
        svc = Services({"BUILD_DIR": build_dir, "REPORTS": [report]})
        assert svc.reports[0].source_sha256


def _small_report(words: str) -> str:
    para = f"The committee heard that {words} matter to the police and to children. " * 6
    return "\n\n".join(["Introduction", para, "Findings", para]) + "\n"


def test_two_servers_with_different_inputs_keep_the_build_folder_consistent(tmp_path):
    build = tmp_path / "build"
    inputs = []
    for folder, words in (("a", "schools"), ("b", "hospitals"), ("c", "councils")):
        (tmp_path / folder).mkdir()
        # a and b share a file name, so both build into report.json: the hardest case
        name = "other.txt" if folder == "c" else "report.txt"
        (tmp_path / folder / name).write_text(_small_report(words), encoding="utf-8")
        inputs.append(str(tmp_path / folder / name))
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [ctx.Process(target=_serve_repeatedly, args=(str(build), path, 6, start)) for path in inputs]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(300)
    assert [w.exitcode for w in workers] == [0, 0, 0]

    known = json.loads((build / "inputs.json").read_text(encoding="utf-8"))
    assert known, "inputs.json names no build"
    for source, entry in known.items():
        report = load_report(entry["json"])  # whole and valid
        assert report.source_sha256 == entry["sha256"] == ingest_file(source).source_sha256
    named = {Path(e["json"]).name for e in known.values()}
    assert {p.name for p in build.glob("*.json")} - {"inputs.json"} == named
    assert not list(build.glob(".*.tmp"))
