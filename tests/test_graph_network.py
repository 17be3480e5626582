"""Traversal: the networkx projection, explained paths, neighbours, and the command line."""
import pytest

from graph.network import EntityNotFound, neighbours, resolve_node, shortest_path
from web.cli import main


@pytest.fixture
def net(graph_network):
    """The networkx projection, then the same network read from an Oxigraph server by SPARQL."""
    return graph_network


def test_nodes_are_typed_and_edges_labelled(net):
    assert net.nodes["soeca"]["kind"] == "unit" and net.nodes["soeca"]["color"].startswith("#")
    kinds = {d["kind"] for _, _, d in net.edges(data=True)}
    assert kinds == {"stated", "co-mention"}
    for _, _, d in net.edges(data=True):
        assert d["relation"] and d["weight"] >= 1 and d["evidence"]


@pytest.mark.parametrize("a, b", [("Project Azure", "MOPAC"), ("project azure", "Mayor’s Office for Policing and Crime")])
def test_path_from_project_azure_to_mopac(net, a, b):
    hops = shortest_path(net, a, b)
    assert [hops[0].source] + [h.target for h in hops] == ["project-azure", "soeca", "metropolitan-police-service", "mopac"]
    assert all(h.kind == "stated" for h in hops)
    assert "a dedicated team within SOECA" in hops[0].quote and hops[0].relation == "is part of"
    assert "When the Met created SOECA" in hops[1].quote and hops[1].forward
    assert "MOPAC" in hops[2].quote and not hops[2].forward  # MOPAC oversees the Met: read backwards
    assert all(h.evidence[0].startswith("london-assembly-safeguarding-children-met-2014#p") for h in hops)


def test_lists_stay_lists(net):
    """Names, evidence, rules and reports are lists in the network, embedded or read from the server alike."""
    assert net.nodes["metropolitan-police-service"]["aliases"] == ["MPS", "Met", "Metropolitan Police", "the Met"]
    assert net.nodes["london-assembly-safeguarding-children-met-2014/recommendation-1"]["aliases"] == []
    [(_, _, stated)] = [e for e in net.out_edges("project-azure", data=True) if e[1] == "soeca" and e[2]["kind"] == "stated"]
    assert stated["evidence"] == ["london-assembly-safeguarding-children-met-2014#p0080"]
    assert stated["rule"] == ["team-within"] and stated["report"] == ["london-assembly-safeguarding-children-met-2014"]
    [(_, _, co)] = [e for e in net.out_edges("mash", data=True) if e[1] == "mopac" and e[2]["kind"] == "co-mention"]
    assert co["evidence"] == [f"london-assembly-safeguarding-children-met-2014#p{n:04d}" for n in (111, 114, 117)]
    assert co["rule"] == ["co-mention"] and co["report"] == []


def test_path_by_alias_and_unknown_name(net):
    from qa.corpus import cached_corpus

    registry = cached_corpus().registry
    assert resolve_node(net, "AC Rowley") == resolve_node(net, "Assistant Commissioner Mark Rowley") == "person-mark-rowley"
    # "the hub" is the registry's rule (Registry.lookup), the one entity linking everywhere uses
    assert resolve_node(net, "the hub", registry) == registry.lookup("the hub").key == "mash"
    assert [h.target for h in shortest_path(net, "the hub", "MOPAC", registry=registry)][-1] == "mopac"
    assert neighbours(net, "the hub", registry=registry) == neighbours(net, "mash")
    with pytest.raises(EntityNotFound):
        resolve_node(net, "Ministry of Magic", registry)


def test_neighbours_grouped(net):
    groups = neighbours(net, "SOECA")
    assert {"CAIT", "Project Azure"} <= {i["label"] for i in groups["← is part of"]}
    assert [i["label"] for i in groups["is part of"]] == ["Met"]
    assert {"SCO2", "SCO5"} <= {i["label"] for i in groups["was formed by merging"]}
    assert "appears with" in groups and list(groups)[-1] == "appears with"  # co-mentions come last, apart
    assert "appears with" not in neighbours(net, "SOECA", include_comentions=False)


def test_cli_path(capsys):
    assert main(["path", "Project Azure", "MOPAC"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Project Azure → SOECA → Met → MOPAC"
    assert "a dedicated team within SOECA" in out and "p.25" in out


def test_cli_neighbours_and_sparql(capsys):
    assert main(["neighbours", "the Met", "--no-comentions"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Met (organisation)") and "← oversees:" in out and "MOPAC" in out
    assert main(["sparql", "recommendations-by-addressee", "--param", "addressee=MOPAC", "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert sorted(int(r.split("\t")[3]) for r in rows) == [1, 2, 7, 8]


def test_cli_sparql_pages_a_named_query(capsys):
    assert main(["sparql", "sources-by-kind", "--format", "tsv", "--limit", "20"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 + 20 and "more rows follow: --offset 20" in err
    assert main(["sparql", "sources-by-kind", "--format", "json", "--limit", "3", "--offset", "3"]) == 0
    import json
    page = json.loads(capsys.readouterr().out)
    assert len(page["rows"]) == 3 and (page["offset"], page["limit"], page["next_offset"]) == (3, 3, 6)
    assert main(["sparql", "sources-by-kind", "--all", "--format", "tsv"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) > 21 and "more rows" not in err
    assert [r.split("\t")[2] for r in out.splitlines()[1:][3:6]] == [str(r["note"]) for r in page["rows"]]


@pytest.mark.parametrize("argv, message", [
    (["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--limit", "5"], "apply to named queries"),
    (["sparql", "units-of-command", "--all", "--limit", "5"], "leave out --limit"),
    (["sparql", "units-of-command", "--limit", "0"], "1 or more"),
    (["path", "Nobody Atall", "MOPAC"], "no entity called 'Nobody Atall'"),
    (["sparql", "SELECT WHERE {"], "query failed"),
    (["sparql", "no-such-query"], "no named query 'no-such-query'"),
    (["sparql", "@/no/such/file.rq"], "no such query file"),
    (["sparql", "units-of-command", "--param", "colour=red"], "takes command"),
    (["sparql", "sources-by-kind", "--param", "report=no-such-report"], "no report 'no-such-report'"),
    (["sparql", "statements-on-topic", "--param", "topic=Unicorns"], "no entity called 'Unicorns'"),
    (["export", "--format", "ttl", "--report", "/no/such/report.txt"], "/no/such/report.txt"),
])
def test_cli_errors_are_one_line(capsys, argv, message):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_report_json_round_trip_and_bad_json(tmp_path, capsys):
    from ingest.store import atomic_write, bundled_report_path, ingest_file, report_to_json
    good = tmp_path / "report.json"
    atomic_write(good, report_to_json(ingest_file(bundled_report_path())))
    assert main(["path", "Project Azure", "MOPAC", "--report", str(good)]) == 0
    assert capsys.readouterr().out.startswith("Project Azure → SOECA → Met → MOPAC")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["neighbours", "Met", "--report", str(bad)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a document model" in err
