"""Writing the document model as JSON, atomically, and reading it back."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from . import model
from .errors import DuplicateReport, UnreadableReportJSON
from .parse import parse_report
from .text import DEFAULT_MAX_BYTES, load_text

SCHEMA_VERSION = 1
DECODING_WARNING = "decoding"  # the code of a warning that bytes of the input were replaced


def bundled_report_path() -> Path:
    """The report shipped with the project: the default input of every command."""
    return Path(str(resources.files("ingest") / "bundled" / "london-assembly-safeguarding-children-met-2014.txt"))


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600 files; give the output the usual permissions
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def report_to_json(report: model.Report) -> str:
    """The document model as JSON text."""
    data = {"schema_version": SCHEMA_VERSION, **report.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=1)


def ingest_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Callable[[str], None] = lambda _: None) -> model.Report:
    """Read and parse one report file (text or PDF)."""
    source = load_text(path, max_bytes)
    progress(f"read {path}: {len(source.text):,} characters ({source.kind}, {source.encoding})")
    report = parse_report(source.text, str(path), source.sha256, progress=progress)
    report.warnings[:0] = [model.Warning_(DECODING_WARNING, message) for message in source.warnings]
    return report


def ingest_to_dir(paths: list[str | os.PathLike], out_dir: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                  progress: Callable[[str], None] = lambda _: None) -> list[model.Report]:
    """Parse every report, then write each one's JSON; nothing is written unless all parse."""
    reports = [ingest_file(p, max_bytes, progress) for p in paths]
    ids = [r.id for r in reports]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise DuplicateReport(f"two inputs would both be report {dupes[0]!r} (same file name); ingest them separately")
    out = Path(out_dir)
    for report in reports:
        atomic_write(out / f"{report.id}.json", report_to_json(report))
    return reports


def _build(cls, data: Any):
    """Rebuild a dataclass (and its nested dataclasses) from its JSON dict."""
    if data is None:
        return None
    kwargs = {}
    nested = {
        "pages": model.Page, "sections": model.Section, "passages": model.Passage, "markers": model.Marker,
        "notes": model.Note, "recommendations": model.Recommendation, "glossary": model.GlossaryEntry,
        "people": model.Person, "organisations": model.Organisation, "statements": model.Statement,
        "warnings": model.Warning_, "sources": model.Source, "appearances": model.Appearance,
    }
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in nested and isinstance(value, list):
            value = [_build(nested[f.name], v) if isinstance(v, dict) else v for v in value]
        kwargs[f.name] = value
    return cls(**kwargs)


def report_from_dict(data: dict) -> model.Report:
    """The document model from its JSON dict."""
    return _build(model.Report, data)


def load_report(path: str | os.PathLike) -> model.Report:
    """Read a report's JSON written by ``ingest``."""
    with open(path, encoding="utf-8") as fh:
        return report_from_dict(json.load(fh))


def read_report(path: str | os.PathLike) -> model.Report:
    """A report from its text or PDF (parsed), or from the JSON that ``kgqa ingest`` wrote (read back)."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return ingest_file(path)
    if not path.is_file():
        raise UnreadableReportJSON(f"no such file: {path}")
    try:
        return load_report(path)
    except (ValueError, KeyError, TypeError) as exc:  # bad JSON, or JSON of another shape
        raise UnreadableReportJSON(f"{path} is not a document model written by 'kgqa ingest' ({exc})") from None


def read_reports(paths: list[str | os.PathLike] | None = None) -> list[model.Report]:
    """Every report at paths (default: the bundled one), refusing two that would share an id."""
    reports = [read_report(p) for p in (paths or [bundled_report_path()])]
    ids = [r.id for r in reports]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DuplicateReport(f"two inputs would both be report {dupes[0]!r} (same file name); rename one")
    return reports
