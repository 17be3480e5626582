"""Reading a report's bytes into text: size limits, binary detection and decoding."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import (BinaryInput, EmptyInput, InputTooLarge, NoSuchPath, NotAFile,
                     UndecodableInput)

# 20 MB of text is about 200 reports of this length; anything larger is almost certainly
# not one report, and parsing it would hold a worker for minutes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Control characters that never occur in extracted report text (form feed, tab, CR, LF do).
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


@dataclass
class SourceText:
    """Decoded text of a report with where it came from."""

    text: str
    path: str
    sha256: str
    encoding: str
    kind: str  # text | pdf


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


def decode(data: bytes, name: str = "input") -> tuple[str, str]:
    """Decode report bytes as UTF-8, falling back to Windows-1252 for Latin-1 era files."""
    if b"\x00" in data[:65536]:
        raise BinaryInput(f"{name}: binary data (NUL bytes), not a text report or PDF")
    controls = sum(1 for b in data[:65536] if b in _BINARY_CONTROLS)
    if controls > max(8, len(data[:65536]) // 200):
        raise BinaryInput(f"{name}: binary data (control bytes), not a text report or PDF")
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding), "utf-8"
        except UnicodeDecodeError:
            pass
    # cp1252 is a superset of Latin-1's printable range and is what Windows tools wrote;
    # its five undefined bytes mean the data is something else.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableInput(f"{name}: not UTF-8 and not Windows-1252/Latin-1 text ({exc.reason})") from None
    return text, "cp1252"


def load_text(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Load a text or PDF report as decoded text, with its hash."""
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if data[:5] == b"%PDF-":
        from .pdf import pdf_text

        return SourceText(pdf_text(data, str(path)), str(path), digest, "pdf", "pdf")
    text, encoding = decode(data, str(path))
    if not text.strip():
        raise EmptyInput(f"{path}: the file holds only white space")
    return SourceText(text, str(path), digest, encoding, "text")
