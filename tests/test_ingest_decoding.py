"""Decoding a report's bytes: byte-order marks, a stray byte in UTF-8, and real Windows-1252 files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ingest_cli import kgqa

from ingest.errors import BinaryInput, UndecodableInput
from ingest.text import decode


def _passages(out: Path) -> list[tuple[str, int, int]]:
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    return [(p["text"], p["start"], p["end"]) for p in data["passages"]]


def _with_stray_byte(text: str) -> bytes:
    """The text as UTF-8 with one Latin-1 byte (an é) in place of an ASCII letter halfway through."""
    data = text.encode("utf-8")
    at = data.index(b" the ", len(data) // 2) + 1
    return data[:at] + b"\xe9" + data[at + 1:]


def test_a_stray_byte_in_utf8_is_replaced_and_counted(la_text):
    decoded = decode(_with_stray_byte(la_text), "report.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 1
    assert "â€" not in decoded.text and decoded.text.count("’") == la_text.count("’")
    assert "1 byte that is not UTF-8" in decoded.warning


def test_a_stray_byte_is_reported_by_kgqa_ingest(tmp_path, la_text):
    path = tmp_path / "stray-byte.txt"
    path.write_bytes(_with_stray_byte(la_text))
    result = kgqa("ingest", "--quiet", path, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "warning" in result.stderr and "1 byte that is not UTF-8 replaced" in result.stderr
    data = json.loads((tmp_path / "out" / "stray-byte.json").read_text(encoding="utf-8"))
    assert [w["code"] for w in data["warnings"]][0] == "decoding"
    assert not any("â€" in p["text"] for p in data["passages"])


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff")])
def test_text_with_a_byte_order_mark_reads_as_the_utf8_file_does(tmp_path, la_path, la_text, encoding, bom):
    plain = tmp_path / "plain" / "report.txt"
    marked = tmp_path / "marked" / "report.txt"
    plain.parent.mkdir()
    marked.parent.mkdir()
    plain.write_bytes(la_text.encode("utf-8"))
    marked.write_bytes(bom + la_text.encode(encoding))
    assert decode(marked.read_bytes()).text == la_text
    for path in (plain, marked):
        result = kgqa("ingest", "--quiet", path, "--out", path.parent / "out")
        assert result.returncode == 0, result.stderr
        assert "warning" not in result.stderr
    assert _passages(marked.parent / "out") == _passages(plain.parent / "out")


def test_windows_1252_files_still_read_as_windows_1252():
    text = "The Committee’s “findings” – about Climbié – were clear. " * 40
    decoded = decode(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text, decoded.warning) == ("cp1252", text, None)


def test_a_windows_1252_file_with_one_accent_is_not_taken_for_broken_utf8():
    text = "Plain English text about the Committee and its work. " * 200 + "Victoria Climbié."
    decoded = decode(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


def test_utf8_with_many_bad_bytes_is_not_utf8():
    text = ("Committee’s report " * 50).encode("utf-8") + b"\xe9t\xe9 " * 20
    assert decode(text).encoding == "cp1252"


def test_binary_behind_a_utf16_mark_is_refused():
    with pytest.raises((BinaryInput, UndecodableInput)):
        decode(b"\xff\xfe" + bytes(range(256)) * 64)
    with pytest.raises(BinaryInput):
        decode(b"\xff\xfe" + "\x01\x02\x03\x04 text".encode("utf-16-le") * 100)


def test_a_stray_byte_behind_the_utf8_mark_is_replaced_too():
    text = "Plain English text about the Committee and its work. " * 40
    data = b"\xef\xbb\xbf" + text.encode("utf-8").replace(b"English", b"Engl\xefsh", 1)
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 1 and decoded.warning
    with pytest.raises(UndecodableInput, match="byte-order mark"):
        decode(b"\xef\xbb\xbf" + b"caf\xe9 " * 100)
    with pytest.raises(UndecodableInput, match="UTF-16-LE byte-order mark"):
        decode(b"\xff\xfe" + "text".encode("utf-16-le") + b"\x00\xd8" + "more".encode("utf-16-le"))


@pytest.mark.parametrize("line_end", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_windows_and_old_mac_line_ends_read_as_the_same_report(tmp_path, la_text, line_end):
    """The double-spaced London Assembly text with CRLF line ends gave 118 pages and 5 people instead of 61 and
    18: its blank lines were "\\r". Every passage, note link, person and statement is now the same."""
    docs = []
    for name, text in (("lf", la_text), ("other", la_text.replace("\n", line_end))):
        path = tmp_path / name / "report.txt"
        path.parent.mkdir()
        path.write_bytes(text.encode("utf-8"))
        result = kgqa("ingest", "--quiet", path, "--out", path.parent / "out")
        assert result.returncode == 0, result.stderr
        docs.append(json.loads((path.parent / "out" / "report.json").read_text(encoding="utf-8")))
    lf, other = docs
    for key in ("pages", "passages", "markers", "notes", "recommendations", "people", "statements"):
        assert other[key] == lf[key], key
    assert len(lf["pages"]) == 61 and sum(len(p["notes"]) for p in lf["passages"]) == 118
