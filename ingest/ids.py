"""Stable identifiers: a report slug plus an ordinal or a short content hash."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:max_len].rstrip("-") or "x"


def short_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of the text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def report_slug(path: str) -> str:
    """The report's id, from its file name."""
    name = re.sub(r"\.(txt|pdf)$", "", path.replace("\\", "/").rsplit("/", 1)[-1], flags=re.I)
    return slugify(name)
