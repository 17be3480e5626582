"""``kgqa ingest``: parse reports into the document model (JSON)."""
from __future__ import annotations

import sys
import time

from ingest.store import DECODING_WARNING, bundled_report_path, ingest_to_dir
from ingest.text import DEFAULT_MAX_BYTES


def register(sub) -> None:
    """Add the ingest subcommand."""
    p = sub.add_parser(
        "ingest", help="parse reports (.txt or .pdf) into the document model",
        description="Parse committee reports (text extracted from a PDF, or the PDF itself) into the document "
                    "model: pages, sections, passages, note markers, notes and their sources, recommendations, "
                    "glossary, people, organisations and statements, each with page and character offsets. "
                    "Writes OUT/<report-id>.json atomically; a failed run leaves earlier output untouched. "
                    "With no PATH, ingests the bundled London Assembly report.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="report files (.txt or .pdf); default: the bundled report")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"refuse inputs larger than N bytes (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.add_argument("--warnings", action="store_true", help="print every warning, not just their count")
    p.set_defaults(handler=run)


def run(args) -> int:
    """Ingest the given reports and print progress and a summary for each."""
    paths = args.paths or [str(bundled_report_path())]
    started = time.perf_counter()

    def progress(msg: str) -> None:
        if not args.quiet:
            print(f"  {msg}", file=sys.stderr)

    reports = ingest_to_dir(paths, args.out, args.max_bytes, progress)
    for report in reports:
        for w in report.warnings:
            if w.code == DECODING_WARNING:  # damaged input: said on stderr even with --quiet
                print(f"kgqa ingest: warning: {w.message}", file=sys.stderr)
        counts = report.summary()
        print(f"{report.id}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
        shown = report.warnings if args.warnings else report.warnings[:5]
        for w in shown:
            print(f"  warning [{w.code}]{f' p.{w.page}' if w.page else ''}: {w.message}")
        if len(report.warnings) > len(shown):
            print(f"  … {len(report.warnings) - len(shown)} more warnings (--warnings shows all)")
        print(f"  wrote {args.out}/{report.id}.json")
    print(f"ingested {len(reports)} report(s) in {time.perf_counter() - started:.2f} s")
    return 0
