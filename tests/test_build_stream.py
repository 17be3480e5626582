"""A build makes the graph a report at a time (graph.build.report_graphs, graph.store.StoreWriter,
graph.network.NetworkParts), so that memory never holds the corpus's triples; what it writes must be what the whole
corpus in memory gives: the same N-Quads, the same store (named graphs and their union as the default graph) and the
same network."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from networkx.readwrite import json_graph

from graph.build import build_graph, nquads, report_graphs
from graph.entities import build_registry
from graph.network import build_network
from graph.store import StoreWriter, to_oxigraph

BASE = "https://kgqa.example.org/id/"


def _renamed_copy(report, new_id: str, folder: Path):
    """A renamed copy of a report (benchmarks/scale.py's), read back as a build reads an ingested report."""
    from benchmarks.scale import renamed
    from ingest.store import read_report, report_to_json

    path = folder / f"{new_id}.json"
    path.write_text(json.dumps(renamed(json.loads(report_to_json(report)), new_id)), encoding="utf-8")
    return path, read_report(path)


@pytest.fixture(scope="module")
def three_reports(la_report, hc_report, tmp_path_factory):
    """The bundled report, HC 179 and a renamed copy of the bundled report: two reports that name the same
    entities (the shared graph describes them once), and one that names others."""
    _, copy = _renamed_copy(la_report, f"{la_report.id}-copy-001", tmp_path_factory.mktemp("copy"))
    return [la_report, hc_report, copy]


@pytest.fixture(scope="module")
def whole(three_reports):
    """The corpus in memory at once, as build_graph makes it for exports and a corpus made in memory."""
    return build_graph(three_reports, build_registry(three_reports), base=BASE)


@pytest.fixture(scope="module")
def streamed(three_reports, tmp_path_factory):
    """What a build writes: graph.nq, the on-disk store and network.json, a report's graph at a time."""
    from qa.build import _build_graph

    tmp = tmp_path_factory.mktemp("stream")
    said: list[str] = []
    _, store = _build_graph(three_reports, tmp, BASE, said.append)
    store.join()
    return tmp, said


def _lines(data: bytes) -> set[bytes]:
    return {line for line in data.splitlines() if line.strip()}


def _quads(store) -> set[str]:
    return {str(q) for q in store}


def test_graph_nq_holds_the_same_quads_as_the_whole_corpus_in_memory(whole, streamed, three_reports):
    folder, said = streamed
    written = (folder / "graph.nq").read_bytes()
    assert _lines(written) == _lines(whole.serialize(format="nquads", encoding="utf-8"))
    assert len(written.splitlines()) == len(_lines(written))  # each quad once, no blank lines
    # every report's named graph, and the shared entities graph, with what the report says
    graphs = {line.rsplit(b" ", 2)[-2] for line in _lines(written)}
    assert graphs == {f"<{BASE}graph/{r.id}>".encode() for r in three_reports} | {f"<{BASE}graph/entities>".encode()}
    for r in three_reports:
        passages = [line for line in _lines(written) if line.endswith(f"<{BASE}graph/{r.id}> .".encode())
                    and b"ontology#Passage>" in line and b"rdf-syntax-ns#type>" in line]
        assert len(passages) == len(r.passages), r.id
    assert any(s.startswith("stage oxigraph: ") for s in said) and any(s.startswith("stage graph: ") for s in said)


def test_the_store_holds_each_named_graph_and_their_union_once_as_the_whole_corpus_does(whole, streamed):
    import pyoxigraph as ox

    folder, _ = streamed
    store = ox.Store.read_only(str(folder / "oxigraph"))
    made = to_oxigraph(whole)
    assert _quads(store) == _quads(made)
    default = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    counts = [[int(next(iter(s.query(q)))["n"].value) for q in (default, named)] for s in (store, made)]
    assert counts[0] == counts[1] and counts[0][0] < counts[0][1]  # the copy repeats triples: held once by default


def test_network_json_is_the_network_of_the_whole_corpus(whole, streamed):
    folder, _ = streamed
    saved = json.loads((folder / "network.json").read_text(encoding="utf-8"))
    expected = json.loads(json.dumps(json_graph.node_link_data(build_network(whole), edges="edges")))
    assert saved == expected
    # a relation both the bundled report and its copy state is one edge, with both reports' evidence
    both = [e for e in saved["edges"] if e["kind"] == "stated" and len(e["report"]) == 2]
    assert both and all(any("-copy-001#" in ev for ev in e["evidence"]) for e in both)


def test_the_writer_gives_the_same_store_whatever_its_chunks(three_reports, whole, tmp_path):
    """A chunk per graph (the most chunks) loads what one chunk does."""
    writer = StoreWriter(tmp_path / "graph.nq", tmp_path / "oxigraph", chunk_bytes=1)
    for g in report_graphs(three_reports, build_registry(three_reports), base=BASE):
        writer.add(nquads(g), str(g.identifier))
    writer.close()
    writer.join()
    import pyoxigraph as ox

    assert _quads(ox.Store.read_only(str(tmp_path / "oxigraph"))) == _quads(to_oxigraph(whole))
    assert writer.quads == len(_lines((tmp_path / "graph.nq").read_bytes()))


def test_the_writer_refuses_lines_of_another_graph(tmp_path):
    writer = StoreWriter(tmp_path / "graph.nq", tmp_path / "oxigraph")
    try:
        with pytest.raises(ValueError, match="lines of another graph"):
            writer.add(b"<urn:a> <urn:b> <urn:c> <urn:g1> .\n", "urn:g2")
    finally:
        writer.wait()


def test_a_build_that_fails_midway_leaves_no_folder_and_no_thread_writing(tmp_path, monkeypatch, la_report):
    """A report whose graph cannot be made: the build raises, its temporary folder is removed, and the store's
    thread has ended (it would otherwise write into a folder being removed)."""
    import graph.build
    from qa.build import ensure_build

    inputs = [_renamed_copy(la_report, f"{la_report.id}-{name}", tmp_path)[0] for name in ("one", "two")]
    real = graph.build.build_report
    calls = []

    def second_fails(report, *args):
        calls.append(report.id)
        if len(calls) == 2:
            raise RuntimeError("no graph for this report")
        return real(report, *args)

    monkeypatch.setattr(graph.build, "build_report", second_fails)
    build_dir = tmp_path / "build"
    with pytest.raises(RuntimeError, match="no graph for this report"):
        ensure_build(inputs, build_dir, BASE, "hashing")
    assert not list(build_dir.glob("build-*")) and not list(build_dir.glob(".build-*"))
    assert not [t for t in threading.enumerate() if t.name == "kgqa-build-oxigraph"]
