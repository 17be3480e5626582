"""Benchmark the knowledge graph: build time, triple count, load time, and the median and 95th-percentile
latency of each named query, for the bundled report and for a synthetic corpus of N renamed copies.

    python benchmarks/bench_graph.py [--copies 50] [--runs 30]
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from graph.build import build_graph
from graph.entities import build_registry
from graph.store import QueryEngine, load, named_queries, run_query, save
from ingest.model import Report
from ingest.store import bundled_report_path, ingest_file

# One realistic parameter per query, as an analyst would run it.
PARAMS = {
    "recommendations-by-addressee": {"addressee": "MOPAC"},
    "witnesses-and-topics": {"witness": "AC Rowley"},
    "units-of-command": {"command": "the Met"},
    "statements-on-topic": {"topic": "FGM"},
    "sources-by-kind": {"kind": "transcript"},
    "relation-evidence": {"entity": "SOECA"},
}


def renamed_copy(report: Report, n: int) -> Report:
    """A copy of the report whose every identifier is scoped by a new report id."""
    old, new = report.id, f"{report.id}-copy{n:02d}"

    def ren(value):
        """An id moved under the new report id."""
        return value.replace(old, new, 1) if isinstance(value, str) and value.startswith(old) else value

    def fix(obj):
        """A copy of a model element with its ids moved."""
        changes = {f.name: ren(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                   if f.name in ("id", "section", "parent", "passage", "speaker")}
        if hasattr(obj, "passages") and isinstance(getattr(obj, "passages"), list) and not hasattr(obj, "pages"):
            changes["passages"] = [ren(p) for p in obj.passages]
        if hasattr(obj, "evidence"):
            changes["evidence"] = [ren(p) for p in obj.evidence]
        return dataclasses.replace(obj, **changes)

    return dataclasses.replace(
        report, id=new,
        sections=[fix(s) for s in report.sections], passages=[fix(p) for p in report.passages],
        recommendations=[fix(r) for r in report.recommendations], people=[fix(p) for p in report.people],
        statements=[fix(s) for s in report.statements])


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


PAGE = 100  # what `kgqa sparql NAME` answers unless given --limit or --all


def time_queries(engine, runs: int, label: str, report_id: str | None) -> None:
    """Print median and p95 latency of each named query: the first page and a late page as
    `kgqa sparql` asks for them, every row at once (--all), with its example parameter, and limited to
    one report (when report_id is given)."""
    for name, query in named_queries().items():
        everything = len(run_query(engine, name).rows)
        late = max(0, (everything - 1) // PAGE * PAGE)  # the offset of the last page
        variants = [(None, PAGE, 0, "first page")] + ([(None, PAGE, late, f"offset {late}")] if late else []) + \
            [(None, None, 0, "all rows"), (PARAMS.get(name), PAGE, 0, "first page")]
        if report_id and "report" in query.params:
            variants.append(({"report": report_id}, PAGE, 0, "first page"))
        for params, limit, offset, what in variants:
            run_query(engine, name, params, limit=limit, offset=offset)  # warm up
            samples = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = len(run_query(engine, name, params, limit=limit, offset=offset).rows)
                samples.append((time.perf_counter() - t) * 1000)
            shown = f"{name}({', '.join(f'{k}={v}' for k, v in params.items())})" if params else name
            print(f"  [{label}] {shown:56s} {what:12s} median {statistics.median(samples):7.1f} ms   "
                  f"p95 {percentile(samples, 95):7.1f} ms   rows {rows}")


def measure(reports: list[Report], runs: int, title: str, compare_engines: bool) -> None:
    """Build, count, save, load and query one corpus."""
    print(f"\n== {title}: {len(reports)} report(s)")
    t = time.perf_counter()
    registry = build_registry(reports)
    ds = build_graph(reports, registry)
    build = time.perf_counter() - t
    print(f"build (entities, relations, RDF): {build:.2f} s")
    print(f"triples: {len(ds):,} in {sum(1 for g in ds.graphs() if len(g))} named graphs")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nq"
        t = time.perf_counter()
        save(ds, path)
        print(f"save N-Quads: {time.perf_counter() - t:.2f} s ({path.stat().st_size / 1e6:.1f} MB)")
        t = time.perf_counter()
        load(path)
        print(f"load N-Quads into rdflib: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    ox = QueryEngine(ds, "oxigraph")
    print(f"load into pyoxigraph (in memory): {time.perf_counter() - t:.2f} s")
    time_queries(ox, runs, "oxigraph", reports[0].id)
    if compare_engines:
        time_queries(QueryEngine(ds, "rdflib"), max(3, runs // 6), "rdflib  ", reports[0].id)
        oxr = Dataset(store="Oxigraph", default_union=True)
        t = time.perf_counter()
        oxr.addN(ds.quads((None, None, None, None)))
        print(f"load into oxrdflib (rdflib API on Oxigraph): {time.perf_counter() - t:.2f} s")
        # Not per report: the rdflib path copies a report's graph into memory, which says nothing of oxrdflib.
        time_queries(QueryEngine(oxr, "rdflib"), max(3, runs // 6), "oxrdflib", None)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="copies in the synthetic corpus (default 50)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query (default 30)")
    parser.add_argument("--skip-engines", action="store_true", help="do not compare rdflib and oxrdflib")
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    t = time.perf_counter()
    report = ingest_file(bundled_report_path())
    print(f"ingest of the bundled report: {time.perf_counter() - t:.2f} s (not counted in build)")
    measure([report], args.runs, "bundled report", compare_engines=not args.skip_engines)
    copies = [renamed_copy(report, i) for i in range(1, args.copies + 1)]
    measure(copies, args.runs, f"synthetic corpus of {args.copies} renamed copies", compare_engines=False)


if __name__ == "__main__":
    main()
