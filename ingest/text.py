"""Reading a report's bytes into text: size limits, binary detection and decoding."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import (BinaryInput, EmptyInput, MarkupInput, InputTooLarge, NoSuchPath, NotAFile,
                     UndecodableInput)

# 20 MB of text is about 200 reports of this length; anything larger is almost certainly
# not one report, and parsing it would hold a worker for minutes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Control characters that never occur in extracted report text (form feed, tab, CR, LF do).
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


# pdftotext writes a few of them where a PDF sets a paragraph number apart from its text ("3.212. \x07Ms Connolly
# said"): read as spaces, one for one, so every offset still holds and the name is a word again.
_STRAY_CONTROLS = re.compile("[" + "".join(chr(c) for c in sorted(_BINARY_CONTROLS - {0})) + "]")
# Windows (CRLF) and old Mac (CR) line ends read as "\n", as Python's universal newlines read them: a blank line
# of a double-spaced extraction is then empty, not "\r", and offsets count the text as read.
_LINE_END = re.compile(r"\r\n?")
# A file that opens as a web page, an XML document or RTF is markup: ingested as text, its tags became passages
# and names. The few kinds people save a report as, recognised by how they begin (after white space).
_MARKUP = [(re.compile(r"(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<(?:html|head|body|title)[\s>]|<meta\s)", re.I | re.S),
            "an HTML page"),
           (re.compile(r"<\?xml[\s?]", re.I), "an XML document"),
           (re.compile(r"\{\\rtf"), "an RTF document")]


@dataclass
class SourceText:
    """Decoded text of a report with where it came from."""

    text: str
    path: str
    sha256: str
    encoding: str
    kind: str  # text | pdf
    warnings: list[str] = field(default_factory=list)  # what decoding had to replace
    title: str | None = None  # a PDF's title, read from its metadata or title page


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing missing paths, directories, empty and oversized files."""
    p = Path(path)
    if not p.exists():
        raise NoSuchPath(f"{p}: no such file")
    if not p.is_file():
        raise NotAFile(f"{p}: is a directory, not a report file" if p.is_dir() else f"{p}: not a regular file")
    size = p.stat().st_size
    if size == 0:
        raise EmptyInput(f"{p}: the file is empty")
    if size > max_bytes:
        raise InputTooLarge(
            f"{p}: {size / 2**20:.1f} MiB is over the {max_bytes / 2**20:.0f} MiB limit for one report "
            "(--max-bytes raises it)")
    return p.read_bytes()


# Byte-order marks of the wide encodings, longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
_WIDE_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
              (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
# A file is read as UTF-8 with its bad bytes replaced when fewer than 1 byte in this many is bad
# and it holds more well-formed non-ASCII UTF-8 characters than bad bytes (or starts with the
# UTF-8 byte-order mark): a stray byte in a UTF-8 file. A Windows-1252 file has (almost) no
# well-formed multi-byte sequences, so it is still read as Windows-1252.
INVALID_UTF8_PER = 1000
_ESCAPED = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of each undecodable byte


@dataclass
class Decoded:
    """Text decoded from bytes, the encoding used, and what had to be replaced (a warning, or None)."""

    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes, name: str = "input") -> Decoded:
    """Decode report bytes: by byte-order mark, else UTF-8 (a few bad bytes replaced), else Windows-1252."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                                       f"{encoding.upper()} text ({exc.reason})") from None
            _refuse_binary(text, name)
            return Decoded(text, encoding)
    marked = data.startswith(codecs.BOM_UTF8)
    if marked:
        data = data[len(codecs.BOM_UTF8):]
    _refuse_binary(data, name)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    well_formed_non_ascii = len(escaped) - len(escaped.encode("ascii", errors="ignore")) - bad
    if bad * INVALID_UTF8_PER < len(data) and (marked or well_formed_non_ascii > bad):
        return Decoded(_ESCAPED.sub("\ufffd", escaped), "utf-8",
                       f"{name}: {bad} byte{'s' if bad != 1 else ''} that {'are' if bad != 1 else 'is'} not UTF-8 "
                       f"replaced with U+FFFD (the rest of the file is UTF-8)")
    if marked:
        raise UndecodableInput(f"{name}: starts with the UTF-8 byte-order mark but {bad:,} bytes are not UTF-8")
    # cp1252 is a superset of Latin-1's printable range and is what Windows tools wrote;
    # its five undefined bytes mean the data is something else.
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"{name}: not UTF-8 and not Windows-1252/Latin-1 text ({exc.reason})") from None


def _refuse_binary(data: bytes | str, name: str) -> None:
    """Refuse data whose start holds NUL or other control characters that text never does."""
    head = data[:65536]
    codes = head if isinstance(head, bytes) else [ord(c) for c in head]
    if 0 in codes:
        raise BinaryInput(f"{name}: binary data (NUL bytes), not a text report or PDF")
    controls = sum(1 for b in codes if b in _BINARY_CONTROLS)
    if controls > max(8, len(head) // 200):
        raise BinaryInput(f"{name}: binary data (control bytes), not a text report or PDF")


def load_text(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Load a text or PDF report as decoded text, with its hash."""
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if data[:5] == b"%PDF-":
        from .pdf import read_pdf

        pdf = read_pdf(data, str(path))
        return SourceText(pdf.text, str(path), digest, "pdf", "pdf", title=pdf.title)
    decoded = decode(data, str(path))
    if not decoded.text.strip():
        raise EmptyInput(f"{path}: the file holds only white space")
    head = decoded.text[:1024].lstrip()
    for pattern, kind in _MARKUP:
        if pattern.match(head):
            raise MarkupInput(f"{path}: {kind}, not a report's text: ingest the report's PDF, or text extracted from it")
    text = _STRAY_CONTROLS.sub(" ", _LINE_END.sub("\n", decoded.text))
    return SourceText(text, str(path), digest, decoded.encoding, "text",
                      [decoded.warning] if decoded.warning else [])
