"""PDF reading on the corpus: the candidate libraries per page, and whole ingest per report.

    python -m benchmarks.bench_pdf [--runs 3] [--libraries]

For each PDF in ../shared/corpus, and for one 300-page-plus PDF made of all of their pages, it
prints the pages, the footnotes found with text and linked from passages, the markers, and the
ingest time (reading the PDF plus parse_report; median of --runs, wall clock and CPU of this process).
It then times the whole command a user runs on the 300-page-plus PDF, `kgqa ingest PDF --out DIR`
(a new Python process: its start and imports, reading, parsing, and writing the JSON; median of --runs,
wall clock and the child's CPU). With --libraries it first
times, per page, what each candidate library needs to read every character's font size and
position: pdfplumber (over pdfminer.six; timed only if installed, it is not a dependency),
pypdfium2 asked about every character, and pypdfium2 as ingest.pdf uses it (a few characters a line).
"""
from __future__ import annotations

import argparse
import ctypes
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.machine import describe
from ingest.parse import parse_report
from ingest.pdf import pdf_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _plumber_chars(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        n = 0
        for page in pdf.pages:
            n += len(page.chars)  # each with fontname, size, x0, top, ...
            page.flush_cache()
        return n


def _pdfium_every_char(data: bytes) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    x, y, matrix, n = ctypes.c_double(), ctypes.c_double(), raw.FS_MATRIX(), 0
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        for k in range(len(text)):
            raw.FPDFText_GetFontSize(textpage, k)
            raw.FPDFText_GetMatrix(textpage, k, matrix)
            raw.FPDFText_GetCharOrigin(textpage, k, x, y)
        n += len(text)
        textpage.close()
        page.close()
    pdf.close()
    return n


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _joined(paths: list[Path]) -> bytes:
    """One PDF holding every page of the given PDFs, in order."""
    import io

    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for path in paths:
        src = pdfium.PdfDocument(path)
        out.import_pages(src)
        src.close()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    return buf.getvalue()


def _ingest(data: bytes, name: str):
    """The report, and the wall-clock and CPU seconds reading and parsing it took."""
    t0, c0 = time.perf_counter(), time.process_time()
    report = parse_report(pdf_text(data, name), name)
    return report, time.perf_counter() - t0, time.process_time() - c0


def _command(data: bytes, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `kgqa ingest` on the PDF, each run a new process."""
    wall, cpu = [], []
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "all-corpus.pdf"
        pdf.write_bytes(data)
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "web.cli", "ingest", str(pdf), "--out", folder, "--quiet"],
                           check=True, stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
            wall.append(time.perf_counter() - t0)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--libraries", action="store_true", help="also time the candidate libraries")
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDFs in {CORPUS}")
    print(f"machine: {describe()}")
    inputs = [(p.name, p.read_bytes()) for p in paths]
    inputs.append((f"all {len(paths)} corpus PDFs in one", _joined(paths)))
    if args.libraries:
        print(f"\n{'PDF':48} {'pages':>5} {'pdfplumber':>12} {'pdfium, all':>12} {'pdfium, ingest':>15}  (ms per page)")
        for name, data in inputs[:-1]:
            pages = _pages(data)
            cells = []
            for fn in (_plumber_chars, _pdfium_every_char, lambda d: pdf_text(d)):
                try:
                    t0 = time.perf_counter()
                    fn(data)
                    cells.append(f"{(time.perf_counter() - t0) * 1000 / pages:.1f}")
                except ImportError:
                    cells.append("not installed")
            print(f"{name:48} {pages:5} {cells[0]:>12} {cells[1]:>12} {cells[2]:>15}")
    print(f"\n{'PDF':48} {'pages':>5} {'notes':>6} {'linked':>6} {'markers':>7} {'recs':>4} {'people':>6} "
          f"{'ingest s (median)':>17} {'CPU s':>6}")
    for name, data in inputs:
        times, cpu = [], []
        for _ in range(args.runs):
            report, seconds, cpu_seconds = _ingest(data, name)
            times.append(seconds)
            cpu.append(cpu_seconds)
        with_text = {n.number for n in report.notes if n.text and n.status != "missing"}
        linked = with_text & {n for p in report.passages for n in p.notes}
        print(f"{name:48} {len(report.pages):5} {len(with_text):6} {len(linked):6} {len(report.markers):7} "
              f"{len(report.recommendations):4} {len(report.people):6} {statistics.median(times):17.2f} "
              f"{statistics.median(cpu):6.2f}")
    name, data = inputs[-1]
    wall, cpu = _command(data, args.runs)
    print(f"\n`kgqa ingest` on {name} ({_pages(data)} pages), the whole command: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(median of {args.runs})")


if __name__ == "__main__":
    main()
