"""Writing the document model as JSON, atomically, and reading it back."""
from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
import time
from dataclasses import fields
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from . import model
from .errors import DuplicateReport, UnreadableReportJSON
from .text import DEFAULT_MAX_BYTES, load_text
from .validate import document_fault

SCHEMA_VERSION = 1
DECODING_WARNING = "decoding"  # the code of a warning that bytes of the input were replaced


def bundled_report_path() -> Path:
    """The report shipped with the project: the default input of every command."""
    return Path(str(resources.files("ingest") / "bundled" / "london-assembly-safeguarding-children-met-2014.txt"))


# Our temporary files: ".<name>.kgqa-<random>.tmp" beside the file being written. The marker
# keeps the clean-up below from ever touching another program's temporary files.
_TEMP_TAG = ".kgqa-"
_OUR_TEMP = re.compile(r"^\..+\.kgqa-[a-z0-9_]{8}\.tmp$")
# A temporary file this old whose writer holds no lock on it was left by a killed writer. The age
# covers the instant between creating the file and locking it, when it is unlocked but alive.
STALE_TEMP_S = 60


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write a file so that a crash leaves either the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path.parent, also_untagged=path.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}{_TEMP_TAG}", suffix=".tmp", dir=path.parent)
    # Held until the file is closed: tells remove_stale_temps in other processes that a writer lives.
    fcntl.flock(fd, fcntl.LOCK_EX)
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


def remove_stale_temps(directory: Path, min_age_s: float = STALE_TEMP_S,
                       also_untagged: str | None = None) -> list[Path]:
    """Remove our temporary files that a killed writer left in a folder; return what was removed.

    Only files named as atomic_write names them, older than min_age_s, and not locked by a
    live writer (a writer holds an exclusive lock on its temporary file until it is done).
    ``also_untagged`` names a file whose temporary files from before the kgqa tag
    (".<name>.<random>.tmp") go too.
    """
    removed = []
    legacy = re.compile(rf"^\.{re.escape(also_untagged)}\.[a-z0-9_]{{8}}\.tmp$") if also_untagged else None
    try:
        names = [e for e in os.scandir(directory) if _OUR_TEMP.match(e.name) or legacy and legacy.match(e.name)]
    except OSError:
        return removed
    now = time.time()
    for entry in names:
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime < min_age_s or not entry.is_file(follow_symlinks=False):
                continue
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue  # gone already (another process cleaned it up), or not ours to open
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a live writer holds it
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except FileNotFoundError:
            pass
        finally:
            os.close(fd)
    return removed


def report_to_json(report: model.Report) -> str:
    """The document model as JSON text."""
    data = {"schema_version": SCHEMA_VERSION, **report.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=1)


def ingest_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
                progress: Callable[[str], None] = lambda _: None) -> model.Report:
    """Read and parse one report file (text or PDF)."""
    from .parse import parse_report  # not at import: serving a warm build never parses (its start is faster)

    source = load_text(path, max_bytes)
    progress(f"read {path}: {len(source.text):,} characters ({source.kind}, {source.encoding})")
    report = parse_report(source.text, str(path), source.sha256, progress=progress, title=source.title)
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
        "transcripts": model.TranscriptPlace,
    }
    if cls is model.Source and isinstance(data.get("transcript"), dict) and "transcripts" not in data:
        data = {**data, "transcripts": [data["transcript"]]}  # a model written before a note could give several places
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
    """Read a report's JSON written by ``ingest``, refusing (one line) any that breaks the schema or its references."""
    refuse = f"{path} is not a document model written by 'kgqa ingest'"
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except UnicodeDecodeError:
        raise UnreadableReportJSON(f"{refuse}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise UnreadableReportJSON(f"{refuse}: not JSON (line {exc.lineno} column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise UnreadableReportJSON(f"{refuse}: JSON nested too deeply") from None
    fault = document_fault(data)
    if fault is not None:
        raise UnreadableReportJSON(f"{refuse}: {fault}")
    try:
        return report_from_dict(data)
    except (TypeError, KeyError, ValueError) as exc:  # the schema and the dataclasses disagree: still one line
        raise UnreadableReportJSON(f"{refuse}: {exc}") from None


def read_report(path: str | os.PathLike) -> model.Report:
    """A report from its text or PDF (parsed), or from the JSON that ``kgqa ingest`` wrote (read back)."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return ingest_file(path)
    if not path.is_file():
        raise UnreadableReportJSON(f"no such file: {path}")
    return load_report(path)


def read_reports(paths: list[str | os.PathLike] | None = None) -> list[model.Report]:
    """Every report at paths (default: the bundled one), refusing two that would share an id."""
    reports = [read_report(p) for p in (paths or [bundled_report_path()])]
    ids = [r.id for r in reports]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DuplicateReport(f"two inputs would both be report {dupes[0]!r} (same file name); rename one")
    return reports
