"""``kgqa build``: make (or reuse) the build folder that ``kgqa serve`` and its workers open read-only."""
from __future__ import annotations

import sys
import time
from pathlib import Path


def register(sub) -> None:
    """Add the build subcommand."""
    p = sub.add_parser(
        "build", help="ingest, index and build the graph of the reports into one build folder",
        description="Make the build folder the server opens: the ingested reports, the RDF as an on-disk Oxigraph "
                    "store and as N-Quads, the entity registry, the network, and the passage index with its "
                    "vectors. A build whose inputs, code, base IRI and encoder are unchanged is reused. With no "
                    "PATH, builds the bundled report. Settings (BASE_IRI, ENCODER, MODEL_PATH) are read as "
                    "'kgqa serve' reads them.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="reports (.txt, .pdf or ingest .json)")
    p.add_argument("--build-dir", default=None, metavar="DIR", help="where builds are kept (default: out)")
    p.add_argument("--force", action="store_true", help="build again even when an unchanged build exists")
    p.set_defaults(handler=run)


def settings(args):
    """The services of an app configured as `kgqa serve` would be for these arguments (reports, build folder)."""
    from .app import create_app

    overrides = {"REPORTS": [str(p) for p in args.paths]} if args.paths else {}
    if args.build_dir:
        overrides["BUILD_DIR"] = args.build_dir
    if getattr(args, "store", None):
        overrides["STORE"] = args.store
    return create_app(overrides, progress=lambda msg: print(f"  {msg}", file=sys.stderr))


def build_args(svc) -> tuple:
    """ensure_build's arguments for an app's services: (paths, build folder, base IRI, encoder, model path)."""
    c = svc.config
    return svc.report_paths(), svc.build_dir, svc.base_iri, c.get("ENCODER") or "onnx", c.get("MODEL_PATH")


def run(args) -> int:
    """Make or reuse the build and print where it is and what it holds."""
    import json

    from qa.build import ensure_build

    svc = settings(args).extensions["kgqa"]
    started = time.perf_counter()
    folder = ensure_build(*build_args(svc), progress=svc.progress, force=args.force)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    size = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
    ix = manifest["index"]
    print(f"{folder}: {len(manifest['reports'])} reports, {ix['passages']} passages, {ix['sentences']} sentences, "
          f"encoder {ix['encoder_name']}, {size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s")
    return 0
