"""Make, or reuse, one build folder: everything a server needs, computed once and opened read-only by any worker.

A build is ``BUILD_DIR/build-<key>/``; the key hashes the manifest (each input's name and sha256, the code
versions of ingest/, graph/ and qa/, the base IRI, the encoder), so a build is reused exactly when
all of those are unchanged. It is made in a temporary folder and renamed into place, all under
``BUILD_DIR/.lock``, so two processes starting at once never see a half-made build: the second waits and
reuses the first's. Older builds no open corpus holds (a shared lock on their manifest) are then removed.

A progressive start (``kgqa serve``, one process) first makes ``BUILD_DIR/lexical-<key>/`` the same way
(``ensure_lexical``): the build less its dense vectors, which answers with BM25 and the graph while ensure_build
makes the whole build beside it.

Ingested reports are also kept as ``BUILD_DIR/<id>.json`` (recorded in ``inputs.json``) and embeddings in
``BUILD_DIR/embeddings``, so a build after a code change re-ingests and re-embeds only what changed.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ingest.errors import DuplicateReport, IngestError, UnreadableReportJSON
from ingest.model import Report
from ingest.store import atomic_write, ingest_file, load_report, read_report, report_to_json
from ingest.text import read_bytes

FORMAT = 1  # the layout of a build folder; a new layout makes every older build stale
MANIFEST = "manifest.json"


class BuildError(IngestError):
    """A build could not be made; the message says why in one line."""


@contextmanager
def stage(say, what: str) -> Iterator[None]:
    """Say how long one stage of a build took (`kgqa build` prints it; benchmarks/scale.py collects it)."""
    started = time.perf_counter()
    yield
    say(f"stage {what}: {time.perf_counter() - started:.2f} s")


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on a build folder (a lock file in it) across processes and threads."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "a") as fh:  # flock locks belong to this open file: threads exclude too
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def code_files(package: str) -> list[Path]:
    """The files a package's code version hashes: its Python, in subpackages too (ingest/people/, graph/entities/),
    its ontology and schema files and its named queries."""
    root = Path(__file__).resolve().parent.parent / package
    return sorted(root.rglob("*.py")) + sorted(root.glob("*.ttl")) + sorted(root.glob("*.json")) \
        + sorted(root.glob("queries/*.rq"))


def code_version(package: str = "graph") -> str:
    """A fingerprint of a package's code, so a build from older code (a graph, an ingested report) is redone."""
    h = hashlib.sha256()
    for p in code_files(package):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def manifest_for(paths: list[Path], base: str, encoder_kind: str, model_path: str | None) -> dict:
    """What decides reuse: the inputs (file name and sha256, in order), code versions, base IRI and encoder."""
    from .build_encoder import encoder_identity

    return {
        "format": FORMAT,
        "inputs": [{"name": p.name, "sha256": hashlib.sha256(read_bytes(p)).hexdigest()} for p in paths],
        "code": {pkg: code_version(pkg) for pkg in ("ingest", "graph", "qa")},
        "base": base,
        "encoder": {"kind": encoder_kind, "identity": encoder_identity(encoder_kind, model_path)},
    }


def build_key(manifest: dict) -> str:
    """The build folder's name for a manifest."""
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:16]


def read_manifest(folder: Path) -> dict | None:
    """A build folder's manifest, or None when it is missing or unreadable (an unfinished build)."""
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_build(paths: list[Path], build_dir: Path, base: str, encoder_kind: str = "onnx",
                  model_path: str | None = None) -> Path | None:
    """The finished build folder for these inputs, if there is one (nothing is made or locked)."""
    wanted = manifest_for(paths, base, encoder_kind, model_path)
    folder = Path(build_dir) / f"build-{build_key(wanted)}"
    found = read_manifest(folder)
    return folder if found is not None and {k: found.get(k) for k in wanted} == wanted else None


def ensure_build(paths: list[Path], build_dir: Path, base: str, encoder_kind: str = "onnx",
                 model_path: str | None = None, progress=None, force: bool = False, holder=None) -> Path:
    """The build folder for these inputs: reused when its manifest matches, else made (under the lock) first.
    holder(folder), when given, is called before the lock is released (corpus.Corpus takes its reader lock
    there, so no other process removes the build in between)."""
    say = progress or (lambda msg: None)
    build_dir = Path(build_dir)
    with build_lock(build_dir):
        wanted = manifest_for(paths, base, encoder_kind, model_path)
        folder = build_dir / f"build-{build_key(wanted)}"
        found = read_manifest(folder)
        if not force and found is not None and {k: found.get(k) for k in wanted} == wanted:
            say(f"reusing {folder} (inputs, code, base IRI and encoder unchanged)")
        else:
            started = time.perf_counter()
            _make(paths, build_dir, folder, wanted, encoder_kind, model_path, say)
            say(f"built {folder} in {time.perf_counter() - started:.1f} s")
            _remove_unused(build_dir, keep=folder, say=say)
        if holder:
            holder(folder)
    return folder


def ensure_lexical(paths: list[Path], build_dir: Path, base: str, encoder_kind: str = "onnx",
                   model_path: str | None = None, progress=None, holder=None) -> tuple[Path, bool]:
    """What a progressive start serves first, under the lock: (the build folder, True) when the whole build of
    these inputs is there; else (its lexical build, False), reused or made: ``lexical-<key>/``, the build less the
    dense vectors (no encoder loaded, nothing embedded), renamed into place as a build is. ensure_build then
    makes the whole build as it always does. holder(folder) as for ensure_build."""
    say = progress or (lambda msg: None)
    build_dir = Path(build_dir)
    with build_lock(build_dir):
        wanted = manifest_for(paths, base, encoder_kind, model_path)
        key = build_key(wanted)
        whole, folder = build_dir / f"build-{key}", build_dir / f"lexical-{key}"
        for candidate, complete in ((whole, True), (folder, False)):
            found = read_manifest(candidate)
            if found is not None and {k: found.get(k) for k in wanted} == wanted:
                say(f"reusing {candidate} (inputs, code, base IRI and encoder unchanged)")
                if holder:
                    holder(candidate)
                return candidate, complete
        started = time.perf_counter()
        _make(paths, build_dir, folder, wanted, encoder_kind, model_path, say, dense=False)
        say(f"built the lexical parts {folder} in {time.perf_counter() - started:.1f} s")
        if holder:
            holder(folder)
    return folder, False


def _make(paths: list[Path], build_dir: Path, folder: Path, manifest: dict, encoder_kind: str,
          model_path: str | None, say, dense: bool = True) -> None:
    """Build into a temporary folder beside the target, then rename it into place; dense=False leaves out the
    vectors (a lexical build: no encoder loaded)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=build_dir))
    try:
        with stage(say, "ingest"):
            reports = [ingest_or_reuse(p, build_dir, say) for p in paths]
        ids = [r.id for r in reports]
        if len(set(ids)) != len(ids):
            raise DuplicateReport(f"two reports have the same id {sorted({i for i in ids if ids.count(i) > 1})[0]!r}"
                                  " (same file name); rename one")
        (tmp / "reports").mkdir()
        with stage(say, "reports"):
            for r in reports:
                (tmp / "reports" / f"{r.id}.json").write_text(report_to_json(r), encoding="utf-8")
        manifest = {**manifest, "reports": ids}
        registry, store = _build_graph(reports, tmp, manifest["base"], say)
        try:
            if dense:
                manifest["index"] = _build_index(reports, registry, tmp, build_dir, encoder_kind, model_path, say)
            else:
                manifest["index"] = _build_lexical_index(reports, registry, tmp, say)
        finally:
            store.join()  # never leave the thread writing into a folder that is being removed
        manifest["built"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        # The manifest last: a folder without one is never taken for a build.
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)  # an unfinished or damaged build of this key (no reader holds one)
        tmp.chmod(0o755)  # mkdtemp made it private; a build is read by every worker
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _build_graph(reports: list[Report], tmp: Path, base: str, say):
    """The RDF (an on-disk Oxigraph store and the N-Quads for exports), the registry and the network, a report's
    named graph at a time, so that memory holds one report's triples, never the corpus's; returns the registry
    (the passage index takes its entities from it) and the store's writer, still loading (join() waits for it)."""
    import pickle

    from networkx.readwrite import json_graph

    from graph.build import nquads, report_graphs
    from graph.entities import build_registry
    from graph.network import NetworkParts
    from graph.store import StoreWriter

    say("building the knowledge graph")
    with stage(say, "registry"):
        registry = build_registry(reports)
    # The store is mostly RocksDB writing with the GIL let go: its writer loads each chunk of graphs in a thread
    # while the next reports' graphs are made, then while the index is made; _make waits for it before the manifest.
    store = StoreWriter(tmp / "graph.nq", tmp / "oxigraph", say=say)
    try:
        parts, took = NetworkParts(), {"graph": 0.0, "graph.nq": 0.0, "network": 0.0}
        clock = time.perf_counter()
        for g in report_graphs(reports, registry, base=base):
            took["graph"] += time.perf_counter() - clock
            clock = time.perf_counter()
            store.add(nquads(g), str(g.identifier))
            took["graph.nq"] += time.perf_counter() - clock
            clock = time.perf_counter()
            parts.add(g)
            took["network"] += time.perf_counter() - clock
            shared, clock = g, time.perf_counter()  # the last graph is the shared entities graph
        store.close()
        for what in ("graph", "graph.nq"):
            say(f"stage {what}: {took[what]:.2f} s")
        with open(tmp / "registry.pickle", "wb") as fh:
            pickle.dump(registry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        clock = time.perf_counter()
        net = parts.network(shared)
        (tmp / "network.json").write_text(json.dumps(json_graph.node_link_data(net, edges="edges")), encoding="utf-8")
        say(f"stage network: {took['network'] + time.perf_counter() - clock:.2f} s")
    except BaseException:
        store.wait()  # the folder is removed next: the store's thread must be done writing into it
        raise
    return registry, store


def _build_index(reports: list[Report], registry, tmp: Path, build_dir: Path, encoder_kind: str,
                 model_path: str | None, say) -> dict:
    """The passage index, saved whole; returns the encoder's name and dimension for the manifest."""
    from qa.index import CorpusIndex

    from qa.encoder import make_encoder

    encoder = make_encoder(encoder_kind, model_path, build_dir / "models", progress=say)
    say(f"indexing {sum(len(r.passages) for r in reports)} passages with {encoder.name}")
    with stage(say, "index"):
        index = CorpusIndex(reports, encoder, build_dir / "embeddings", say, registry)
    with stage(say, "index save"):
        index.save(tmp / "index", say=say)
    return {"encoder_name": encoder.name, "dim": int(encoder.dim), "model_path": model_path,
            "passages": len(index.passages), "sentences": len(index.sentences)}


def _build_lexical_index(reports: list[Report], registry, tmp: Path, say) -> dict:
    """The passage index without its vectors (BM25, annotations, sentences), saved; returns its manifest entry."""
    from qa.index import CorpusIndex

    with stage(say, "lexical index"):
        index = CorpusIndex(reports, None, None, say, registry)
        index.save(tmp / "index")
    return {"dense": False, "passages": len(index.passages), "sentences": len(index.sentences)}


def ingest_or_reuse(path: Path, build_dir: Path, say) -> Report:
    """A report from its input: ingest JSON read and checked, other inputs reused from an unchanged ingest."""
    if path.suffix.lower() == ".json":
        return read_report(path)  # a clear error for JSON that is not a document model
    digest = hashlib.sha256(read_bytes(path)).hexdigest()
    code = code_version("ingest")
    stamp = build_dir / "inputs.json"
    entry = _read_inputs(stamp).get(str(path.resolve()))
    if entry and entry.get("sha256") == digest and entry.get("code") == code and Path(entry["json"]).exists():
        try:
            report = load_report(entry["json"])
        except UnreadableReportJSON as exc:
            say(f"rebuilding: {exc}")
        else:
            if report.source_sha256 == digest:
                say(f"reusing {entry['json']} (input and ingest code unchanged)")
                return report
    say(f"ingesting {path}")
    report = ingest_file(path, progress=say)
    out = build_dir / f"{report.id}.json"
    atomic_write(out, report_to_json(report))
    # Drop every other input that named this file: it now holds this input's report, and inputs.json
    # must only say what the files hold.
    known = {k: v for k, v in _read_inputs(stamp).items() if v.get("json") != str(out)}
    known[str(path.resolve())] = {"sha256": digest, "code": code, "json": str(out)}
    atomic_write(stamp, json.dumps(known, indent=1, sort_keys=True))
    return report


def _read_inputs(stamp: Path) -> dict:
    """What inputs.json says was built from which input; nothing, if it is missing or unreadable."""
    try:
        known = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(known, dict):
        return {}
    return {k: v for k, v in known.items() if isinstance(v, dict) and isinstance(v.get("json"), str)}


def remove_unused(build_dir: Path, keep: Path, progress=None) -> None:
    """Under the lock, remove the builds (and lexical builds) other than keep that no open corpus holds: what a
    progressive start calls once it has let go of its lexical build."""
    with build_lock(Path(build_dir)):
        _remove_unused(Path(build_dir), Path(keep), progress or (lambda msg: None))


def _remove_unused(build_dir: Path, keep: Path, say) -> None:
    """Remove other builds and lexical builds that no open corpus holds (each holder has a shared lock on its
    manifest), and temporary folders of builds a killed process left."""
    for other in sorted(build_dir.glob("build-*")) + sorted(build_dir.glob("lexical-*")) \
            + sorted(build_dir.glob(".build-*.tmp")) + sorted(build_dir.glob(".lexical-*.tmp")):
        if other == keep or not other.is_dir():
            continue
        if other.name.endswith(".tmp"):
            shutil.rmtree(other, ignore_errors=True)  # we hold the lock: no build is being made there
            continue
        try:
            fh = open(other / MANIFEST, "rb")
        except OSError:
            shutil.rmtree(other, ignore_errors=True)  # never finished
            continue
        with fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a server still reads it
            shutil.rmtree(other, ignore_errors=True)
            say(f"removed the unused build {other}")
