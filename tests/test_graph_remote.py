"""The graph in a real SPARQL server (`oxigraph serve`): loading, the same answers as the embedded store
through the library, the web pages and /sparql, and clear errors when the server is down."""
from __future__ import annotations

import itertools
import json
from urllib.parse import urlencode

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import assert_error, free_port, running_oxigraph
from graph import network as N
from qa.corpus import cached_corpus
from graph.namespaces import data_base
from graph.remote import RemoteEngine, StoreUnavailable, endpoints, named_graphs, sparql_request
from graph.remote_network import RemoteNetwork
from graph.store import named_queries, run_query
from web.app import create_app
from web.cli import main

LA = "london-assembly-safeguarding-children-met-2014"


@pytest.mark.parametrize("given, query, data", [
    ("http://h:7878", "http://h:7878/query", "http://h:7878/store"),
    ("http://h:7878/query", "http://h:7878/query", "http://h:7878/store"),
    ("http://h:3030/ds/query", "http://h:3030/ds/query", "http://h:3030/ds/data"),
    ("http://h:3030/ds/sparql", "http://h:3030/ds/sparql", "http://h:3030/ds/data"),
    ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds/data"),
    ("http://h:7200/repositories/kgqa", "http://h:7200/repositories/kgqa",
     "http://h:7200/repositories/kgqa/rdf-graphs/service"),
])
def test_endpoints_of_oxigraph_fuseki_and_graphdb(given, query, data):
    assert endpoints(given) == endpoints(given, None)
    assert (endpoints(given).query, endpoints(given).data) == (query, data)


def test_endpoints_that_cannot_be_told():
    with pytest.raises(ValueError, match="--store-data"):
        endpoints("http://h/a/b/c")
    assert endpoints("http://h/a/b/c", "http://h/gsp").data == "http://h/gsp"
    with pytest.raises(ValueError, match="not an http"):
        endpoints("ftp://h/query")


def test_load_puts_one_graph_per_report_and_the_union(oxigraph_store):
    graphs = set(named_graphs(endpoints(oxigraph_store)))
    base = data_base(None)
    assert graphs == {f"{base}graph/{LA}", f"{base}graph/entities"}
    # the default graph is the union, each triple once: as many triples as the embedded store's default graph
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert RemoteEngine(oxigraph_store).query(count).rows == cached_corpus().engine.query(count).rows


@pytest.fixture(scope="module")
def two_reports(two_report_store):
    """The bundled report and HC 179 in a server of their own (the corpus is this process's; read only)."""
    return two_report_store


def test_default_graph_uris_repeat_a_triple_two_graphs_hold(two_reports):
    """Why load writes the union as the default graph: on Oxigraph, default-graph-uri (one per graph) repeats
    a triple two graphs both hold, as does its union-default-graph option; the embedded store's default graph
    (and the one load writes) holds it once."""
    from graph.remote import _graph_url, _request

    _, url = two_reports
    eps = endpoints(url)
    triple = b"<http://example.org/t/a> <http://example.org/t/p> <http://example.org/t/b> .\n"
    graphs = ["http://example.org/t/g1", "http://example.org/t/g2"]
    for g in graphs:
        assert _request("PUT", _graph_url(eps.data, g), triple, {"Content-Type": "application/n-triples"})[0] < 300
    try:
        pattern = "SELECT ?o WHERE { <http://example.org/t/a> <http://example.org/t/p> ?o }"
        assert len(json.loads(sparql_request(eps, pattern, graphs)[1])["results"]["bindings"]) == 2
        union = json.loads(_request("GET", url + "?union-default-graph&" + urlencode({"query": pattern}),
                                    headers={"Accept": "application/sparql-results+json"})[2])
        assert len(union["results"]["bindings"]) == 2
    finally:
        for g in graphs:
            _request("DELETE", _graph_url(eps.data, g))


def test_two_reports_share_entities_in_the_server(two_reports):
    corpus, url = two_reports
    both = ("SELECT DISTINCT ?e WHERE { ?p1 kg:mentions ?e ; kg:inReport ?r1 . ?p2 kg:mentions ?e ; kg:inReport ?r2 . "
            "FILTER(?r1 != ?r2) } ORDER BY ?e")
    shared = RemoteEngine(url).query(both).rows
    assert shared and shared == corpus.engine.query(both).rows


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_on_two_reports_agree_with_the_embedded_store(two_reports, name):
    corpus, url = two_reports
    remote = RemoteEngine(url)
    for params in (None, {"report": "hc179-environmental-impact-of-microplastics-2016"}):
        if params and "report" not in named_queries()[name].params:
            continue
        want = run_query(corpus.engine, name, params, limit=1000)
        assert run_query(remote, name, params, limit=1000).rows == want.rows


def test_the_network_read_by_sparql_is_the_networkx_one(two_reports):
    corpus, url = two_reports
    net, remote = corpus.network, RemoteNetwork(RemoteEngine(url))
    assert list(remote.whole().nodes(data=True)) == list(net.nodes(data=True))
    assert list(remote.whole().edges(keys=True, data=True)) == list(net.edges(keys=True, data=True))
    for node in ["uk-government", "london", "metropolitan-police-service", "mopac"]:
        if node in net:
            assert N.neighbours(RemoteNetwork(RemoteEngine(url)), node) == N.neighbours(net, node)


def test_every_neighbour_list_and_many_paths_match_networkx(oxigraph_store):
    """Every entity's neighbours, and the path between every pair of a spread of entities (stated chains,
    co-mention fallbacks and unconnected pairs), as graph/network.py gives them."""
    net, engine = cached_corpus().network, RemoteEngine(oxigraph_store)
    for node in net.nodes:
        assert N.neighbours(RemoteNetwork(engine), node) == N.neighbours(net, node), node
    nodes = [n for n in net.nodes if net.nodes[n]["kind"] != "recommendation"][::9]
    kinds = set()
    for a, b in itertools.combinations(nodes, 2):
        try:
            want = N.shortest_path(net, a, b)
        except N.NoPath as exc:
            want = str(exc)
        try:
            got = N.shortest_path(RemoteNetwork(engine), a, b)
        except N.NoPath as exc:
            got = str(exc)
        assert got == want, (a, b)
        kinds |= {h.kind for h in want} if isinstance(want, list) else {"none"}
    assert {"stated", "co-mention"} <= kinds


# -- the web app with STORE ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def embedded_client(hashing_build_dir):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir})
    yield app.test_client()
    app.extensions["kgqa"].close()


@pytest.fixture(scope="module")
def store_app(hashing_build_dir, oxigraph_store):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir,
                      "STORE": oxigraph_store, "SPARQL_MAX_ROWS": 50})
    app.extensions["kgqa"].warm()
    yield app
    app.extensions["kgqa"].close()


PAGES = [
    "/entities.json", "/entities.json?q=police", "/entities/soeca.json", "/entities/mopac.json",
    "/api/entities/person-mark-rowley", f"/api/entities/{LA}/recommendation-7", "/api/entities/health",
    "/api/path?from=Project%20Azure&to=MOPAC", "/api/path?from=AC%20Rowley&to=the%20hub",
    f"/passages/{LA}-p0080.json", "/recommendations.json?addressee=the%20Met", "/people.json",
    "/api/queries/units-of-command?command=the%20Met", "/queries/statements-on-topic.json?topic=FGM&limit=5&offset=5",
    f"/api/queries/relation-facts?entity=MOPAC&relation=oversees&report={LA}",
    "/api/ask?q=Which%20recommendations%20are%20addressed%20to%20MOPAC%3F",
    "/api/ask?q=Which%20units%20are%20part%20of%20the%20Met%3F", "/api/graph", "/api/graph?kinds=unit,organisation",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_the_same_from_the_server(embedded_client, store_app, url):
    got, want = store_app.test_client().get(url), embedded_client.get(url)
    assert got.status_code == want.status_code == 200, got.data[:300]
    a, b = got.get_json(), want.get_json()
    for body in (a, b):
        body.pop("took_ms", None)
    assert a == b


@pytest.mark.parametrize("url", ["/entities/soeca", "/api/path?from=Project%20Azure&to=Ministry%20of%20Magic",
                                 "/entities/nope.json", "/api/entities/a%20b", "/api/queries/units-of-command?command=nobody"])
def test_pages_and_errors_match_status_and_body(embedded_client, store_app, url):
    got, want = store_app.test_client().get(url), embedded_client.get(url)
    assert got.status_code == want.status_code
    assert got.data == want.data or "text/html" in got.content_type


def test_rdf_of_an_entity_and_the_exports_come_from_the_server(embedded_client, store_app):
    client = store_app.test_client()
    for url in ("/entities/soeca", "/id/entity/mopac"):
        a = client.get(url, headers={"Accept": "text/turtle"})
        b = embedded_client.get(url, headers={"Accept": "text/turtle"})
        assert a.status_code == 200 and isomorphic(Graph().parse(data=a.data, format="turtle"),
                                                   Graph().parse(data=b.data, format="turtle"))
    a, b = client.get("/api/export/nt"), embedded_client.get("/api/export/nt")
    assert isomorphic(Graph().parse(data=a.data, format="nt"), Graph().parse(data=b.data, format="nt"))
    assert client.get("/api/export/graphml").data == embedded_client.get("/api/export/graphml").data


SPARQL = [
    {"query": "SELECT ?u ?l WHERE { ?u org:subOrganizationOf ent:soeca ; rdfs:label ?l } ORDER BY ?u"},
    {"query": "SELECT ?u ?l WHERE { ?u org:subOrganizationOf ent:soeca ; rdfs:label ?l } ORDER BY ?u", "format": "csv"},
    {"query": "ASK { ent:mopac kg:oversees ent:metropolitan-police-service }"},
    {"query": "CONSTRUCT { ent:soeca ?p ?o } WHERE { ent:soeca ?p ?o FILTER(isLiteral(?o)) }", "format": "nt"},
    {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"},
    {"query": "SELECT ?x WHERE {\n  ?x ?y"},
    {"query": "INSERT DATA { <a:b> <a:b> <a:b> }"},
]


@pytest.mark.parametrize("args", SPARQL)
def test_sparql_answers_the_same_from_the_server(embedded_client, store_app, args):
    got, want = store_app.test_client().get("/sparql", query_string=args), embedded_client.get("/sparql", query_string=args)
    assert (got.status_code, got.content_type) == (want.status_code, want.content_type)
    if "CONSTRUCT" in args["query"]:
        assert sorted(got.data.splitlines()) == sorted(want.data.splitlines())
    else:
        assert got.data == want.data
    assert got.headers["Access-Control-Allow-Origin"] == "*"


def test_sparql_keeps_the_row_limit(store_app):
    assert_error(store_app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"}),
                 400, "more than 50 rows")


def test_the_web_process_holds_no_graph(store_app):
    svc = store_app.extensions["kgqa"]
    store_app.test_client().get("/entities/soeca.json")
    parts = svc.corpus._parts
    assert "dataset" not in parts and "network" not in parts
    # nor does the QA service: its graph answers go to the server too
    assert type(svc.qa.graph.engine).__name__ == "RemoteEngine"
    assert type(svc.engine).__name__ == "RemoteEngine" and type(svc.sparql).__name__ == "RemoteSparql"


def test_a_server_that_is_down_gives_a_clear_error(store_app, tmp_path):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path),
                      "STORE": f"http://127.0.0.1:{free_port()}/query"})
    client = app.test_client()
    assert_error(client.get("/api/entities/soeca"), 503, "cannot reach the SPARQL server")
    assert_error(client.get("/api/queries/units-of-command"), 503, "cannot reach the SPARQL server")
    assert_error(client.get("/sparql?query=ASK%7B%7D"), 503, "cannot reach the SPARQL server")
    page = client.get("/entities/soeca")
    assert page.status_code == 503 and b"cannot reach the SPARQL server" in page.data
    with pytest.raises(StoreUnavailable):
        app.extensions["kgqa"].warm()


def test_kgqa_load_errors_are_one_line(capsys):
    assert main(["load", "--store", f"http://127.0.0.1:{free_port()}/query"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kgqa load: error: cannot reach the SPARQL server") and err.count("\n") == 1
    assert main(["load", "--store", "http://h/a/b/c"]) == 1
    assert "--store-data" in capsys.readouterr().err


def test_kgqa_load_then_serve_reads_it(tmp_path, capsys):
    """`kgqa load` into a fresh server; an app whose STORE is that server answers a named query."""
    from ingest.errors import IngestError

    with running_oxigraph(tmp_path) as url:
        empty = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "b"), "STORE": url})
        with pytest.raises(IngestError, match="holds no graph for london-assembly.*run 'kgqa load --store"):
            empty.extensions["kgqa"].warm()
        assert main(["load", "--store", url]) == 0
        assert "loaded 2 named graphs" in capsys.readouterr().err
        app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "b"), "STORE": url})
        rows = app.test_client().get("/api/queries/recommendations-by-addressee?addressee=MOPAC").get_json()["rows"]
        assert {r["number"] for r in rows} == {1, 2, 7, 8}
