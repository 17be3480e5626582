"""``kgqa ingest`` as a user runs it: output, progress, schema, bad input and atomic writes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HC_PDF, corpus_file

ROOT = Path(__file__).resolve().parent.parent
REPORT_ID = "london-assembly-safeguarding-children-met-2014"


def kgqa(*args, cwd=None):
    """Run the command line in a fresh process, as a user would."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "web.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=300)


def assert_one_line_error(result, *words):
    """A clear single-line message on stderr, non-zero exit, no traceback."""
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and lines[0].startswith("kgqa ingest: error:")
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = kgqa("ingest", "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result


def test_ingest_bundled_report_prints_progress_and_summary(ingested):
    out, result = ingested
    assert "markers: 118 found" in result.stderr and "layout:" in result.stderr
    assert "118 markers" in result.stdout and "8 recommendations" in result.stdout and "16 glossary" in result.stdout
    assert (out / f"{REPORT_ID}.json").exists()


def test_output_follows_the_json_schema_and_the_contract_names(ingested):
    jsonschema = pytest.importorskip("jsonschema")
    out, _ = ingested
    data = json.loads((out / f"{REPORT_ID}.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "ingest" / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    passage = data["passages"][0]
    assert {"id", "text", "section", "page", "notes"} <= set(passage)
    assert {"number", "text", "source"} <= set(data["notes"][14])
    assert {"number", "text", "addressees", "deadline"} <= set(data["recommendations"][0])
    assert {"glossary", "people", "statements"} <= set(data)


def test_committed_schema_matches_the_model():
    from ingest.schema import document_schema

    committed = json.loads((ROOT / "ingest" / "schema.json").read_text(encoding="utf-8"))
    assert committed == document_schema(), "run: python -m ingest.schema > ingest/schema.json"


def test_reingest_keeps_every_id(ingested, tmp_path):
    out, _ = ingested
    assert kgqa("ingest", "--out", tmp_path, "--quiet").returncode == 0
    assert (tmp_path / f"{REPORT_ID}.json").read_bytes() == (out / f"{REPORT_ID}.json").read_bytes()


def test_help_explains_the_command():
    result = kgqa("ingest", "--help")
    assert result.returncode == 0
    for word in ["PATH", "--out", "--max-bytes", ".pdf", "atomically"]:
        assert word in result.stdout


def test_pdf_and_two_reports_in_one_run(tmp_path):
    pdf = corpus_file(HC_PDF)
    result = kgqa("ingest", pdf, ROOT / "ingest" / "bundled" / f"{REPORT_ID}.txt", "--out", tmp_path, "--quiet")
    assert result.returncode == 0, result.stderr
    assert "207 markers" in result.stdout and "14 recommendations" in result.stdout
    assert sorted(p.name for p in tmp_path.glob("*.json")) == [
        "hc179-environmental-impact-of-microplastics-2016.json", f"{REPORT_ID}.json"]


def _blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


BAD_INPUTS = {
    "empty": (lambda d: _write(d / "empty.txt", b""), ["empty"]),
    "whitespace": (lambda d: _write(d / "blank.txt", b"   \n\n \n"), ["white space"]),
    "binary": (lambda d: _write(d / "data.bin", bytes(range(256)) * 64), ["binary"]),
    "missing": (lambda d: d / "nope.txt", ["no such file"]),
    "directory": (lambda d: d, ["directory"]),
    "pdf without text": (lambda d: _blank_pdf(d / "scan.pdf"), ["no text layer"]),
    "broken pdf": (lambda d: _write(d / "broken.pdf", b"%PDF-1.4\n garbage"), ["PDF"]),
    "huge": (lambda d: _write(d / "huge.txt", b"word " * (10 * 1024 * 1024)), ["50.0 MiB", "limit"]),
    "html page": (lambda d: _write(d / "report.txt", b"\n<!DOCTYPE html>\n<html><body><h1>Report</h1><p>The "
                                                     b"committee recommends.</p></body></html>"), ["HTML page"]),
    "html without doctype": (lambda d: _write(d / "report.htm", b"<html lang='en'><p>Text</p></html>"), ["HTML"]),
    "saved html page": (lambda d: _write(d / "report.html", b"<!-- saved from url=(0014)about:internet -->\n<html>"
                                                           b"<body><p>Text</p></body></html>"), ["HTML"]),
    "html fragment": (lambda d: _write(d / "page.txt", b"<meta charset='utf-8'><title>Report</title><p>Text"), ["HTML"]),
    "xml": (lambda d: _write(d / "report.xml", b"<?xml version='1.0'?><report>Text</report>"), ["XML"]),
    "rtf": (lambda d: _write(d / "report.rtf", b"{\\rtf1\\ansi Report text}"), ["RTF"]),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gets_one_clear_line(tmp_path, case):
    make, words = BAD_INPUTS[case]
    target = make(tmp_path)
    result = kgqa("ingest", target, "--out", tmp_path / "out")
    assert_one_line_error(result, *words)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_latin1_text_is_decoded(tmp_path, la_text):
    latin = la_text.replace("’", "'").replace("“", '"').replace("”", '"').replace("–", "-").replace("•", "*")
    path = tmp_path / "latin1-report.txt"
    path.write_bytes(latin.encode("latin-1", errors="replace"))
    from ingest.store import ingest_file

    report = ingest_file(path)
    assert any("Climbié" in p.text for p in report.passages)
    assert len(report.markers) == 118


def test_text_with_no_notes_section(tmp_path):
    text = ("Introduction\n\nThe panel met 3 times in 2014 and heard from 12 witnesses about the service.\n\n"
            "It found that response times rose by 14 per cent.2 It recommends a review.\n")
    path = tmp_path / "no-notes.txt"
    path.write_text(text, encoding="utf-8")
    from ingest.store import ingest_file

    report = ingest_file(path)
    assert report.markers == [] and report.notes == []
    assert any(w.code == "no-notes" for w in report.warnings)
    assert "14 per cent.2 It" in " ".join(p.text for p in report.passages)


def test_failed_ingest_leaves_previous_output_untouched(ingested, tmp_path):
    out, _ = ingested
    before = (out / f"{REPORT_ID}.json").read_bytes()
    result = kgqa("ingest", ROOT / "ingest" / "bundled" / f"{REPORT_ID}.txt", tmp_path / "missing.txt", "--out", out)
    assert result.returncode == 1
    assert (out / f"{REPORT_ID}.json").read_bytes() == before


def test_crash_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    from ingest import store

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr(store.os, "replace", crash)
    with pytest.raises(OSError):
        store.atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("command", [["path", "SOECA", "MOPAC"], ["sparql", "units-of-command"]])
def test_a_json_input_that_is_not_a_document_model_is_one_line(tmp_path, command):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a report"}', encoding="utf-8")
    result = kgqa(*command, "--report", bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert str(bad) in last and "not a document model" in last and '$: "id" is a required property' in last


def test_read_reports_refuses_two_reports_with_one_id(tmp_path, la_text):
    from ingest.errors import DuplicateReport
    from ingest.store import read_reports

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(la_text, encoding="utf-8")
    with pytest.raises(DuplicateReport):
        read_reports([tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"])


def test_a_number_alone_is_no_passage(tmp_path):
    """A page number or paragraph number an extraction left on a line of its own ("37", "9.") is not a passage:
    the summary counts the four paragraphs and the title page's two lines, and the JSON holds no number alone."""
    import textwrap

    fill = ("The evidence we received on this point was extensive, and it came from public bodies, from charities "
            "and from many individuals who wrote to the Inquiry about their own experience of the wards.")
    page = lambda *ps: "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in ps) + "\n"  # noqa: E731
    src = tmp_path / "riverside.txt"
    src.write_text("\f".join([page("The Riverside Hospital Inquiry", "Report"),
                              page("1. Introduction", f"1.1. {fill}", "37", f"1.2. {fill}"),
                              page("2. Findings", f"2.1. {fill}", "9.", f"2.2. {fill}")]), encoding="utf-8")
    result = kgqa("ingest", src, "--out", tmp_path / "out", "--quiet")
    assert result.returncode == 0, result.stderr
    assert " 6 passages," in result.stdout
    doc = json.loads((tmp_path / "out" / "riverside.json").read_text())
    assert [p["text"][:4] for p in doc["passages"]] == ["The ", "Repo", "1.1.", "1.2.", "2.1.", "2.2."]
