"""/sparql as its clients see it: CORS, formats (SPARQLWrapper and rdflib read them back), 406, one base
IRI, error positions, the browser's page, SERVICE refused in every disguise, and the bounded slots."""
from __future__ import annotations

import http.server
import io
import threading
import time

import pytest
from rdflib import Graph

from web.app import create_app
from web.sparql_safety import SERVICE_REFUSED, UnsafeQuery, check_parsed, check_query, query_form
from conftest import assert_error

SELECT = "SELECT ?s ?label WHERE { ?s a org:Organization ; rdfs:label ?label } ORDER BY ?s LIMIT 5"
ASK = "ASK { ?s a kg:Recommendation }"
CONSTRUCT = ("CONSTRUCT { ?s rdfs:label ?l } WHERE { { SELECT DISTINCT ?s ?l WHERE { ?s a kg:Recommendation ; "
             "rdfs:label ?l } ORDER BY ?s LIMIT 12 } }")
BASE = "https://kgqa.example.org/id/"


@pytest.fixture(scope="module")
def app(hashing_build_dir):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir,
                      "SPARQL_TIMEOUT_S": 20, "SPARQL_WORKERS": 2, "SPARQL_QUEUE": 8, "SPARQL_QUEUE_WAIT_S": 30})
    yield app
    app.extensions["kgqa"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def live(app):
    """The app behind waitress on a free loopback port, for real HTTP clients."""
    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}/sparql"
    server.close()


# -- CORS, HEAD, 405 ------------------------------------------------------------------------------
def test_cors_on_answers_and_errors(client):
    origin = {"Origin": "https://yasgui.example.org"}
    for r in [client.get("/sparql", query_string={"query": SELECT}, headers=origin),
              client.post("/sparql", data={"query": SELECT}, headers=origin),
              client.get("/sparql", query_string={"query": "SELECT * {"}, headers=origin)]:
        assert r.headers["Access-Control-Allow-Origin"] == "*"
        assert "Accept" in r.headers["Vary"]


def test_preflight_a_browser_accepts(client):
    r = client.options("/sparql", headers={"Origin": "https://yasgui.example.org",
                                           "Access-Control-Request-Method": "POST",
                                           "Access-Control-Request-Headers": "content-type, accept"})
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert {"GET", "POST"} <= {m.strip() for m in r.headers["Access-Control-Allow-Methods"].split(",")}
    allowed = {h.strip().lower() for h in r.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "accept"} <= allowed


def test_head_is_get_without_a_body(client):
    get = client.get("/sparql", query_string={"query": SELECT})
    head = client.head("/sparql", query_string={"query": SELECT})
    assert head.status_code == get.status_code == 200
    assert head.headers["Content-Type"] == get.headers["Content-Type"] and head.data == b""


def test_405_says_what_is_allowed(client):
    r = client.put("/sparql", data={"query": SELECT})
    assert_error(r, 405)
    assert {"GET", "HEAD", "POST", "OPTIONS"} <= {m.strip() for m in r.headers["Allow"].split(",")}


# -- formats ---------------------------------------------------------------------------------------
def _rows(ctype: str, body: bytes) -> list[tuple]:
    """SELECT rows from any results format, read by pyoxigraph's results parser."""
    import csv

    import pyoxigraph as ox

    if ctype == "text/csv":  # lossy by design: pyoxigraph will not read it, Python's csv module does
        return [tuple(row) for row in list(csv.reader(io.StringIO(body.decode("utf-8"))))[1:]]
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}[ctype]
    return [tuple(t.value for t in s) for s in ox.parse_query_results(body, format=fmt)]


@pytest.mark.parametrize("how, ctype", [
    ({"headers": {"Accept": "application/sparql-results+json"}}, "application/sparql-results+json"),
    ({"headers": {"Accept": "application/sparql-results+xml"}}, "application/sparql-results+xml"),
    ({"headers": {"Accept": "text/csv"}}, "text/csv"),
    ({"headers": {"Accept": "text/tab-separated-values"}}, "text/tab-separated-values"),
    ({"query_string": {"format": "xml"}}, "application/sparql-results+xml"),
    ({"query_string": {"format": "tsv"}}, "text/tab-separated-values"),
    ({"headers": {"Accept": "*/*"}}, "application/sparql-results+json"),
    ({}, "application/sparql-results+json"),
])
def test_select_in_every_results_format(client, how, ctype):
    qs = {"query": SELECT, **how.get("query_string", {})}
    r = client.get("/sparql", query_string=qs, headers=how.get("headers", {}))
    assert r.status_code == 200 and r.mimetype == ctype
    rows = _rows(ctype, r.data)
    assert len(rows) == 5 and all(s.startswith(BASE + "entity/") for s, _ in rows)
    assert rows == _rows("application/sparql-results+json",
                         client.get("/sparql", query_string={"query": SELECT}).data)


def recommendation_count(client) -> int:
    """How many labelled recommendations there are (at most 12), by a SELECT: what CONSTRUCT must give."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?s ?l WHERE { ?s a kg:Recommendation ; rdfs:label ?l } LIMIT 12 } }"
    n = int(client.get("/sparql", query_string={"query": q}).get_json()["results"]["bindings"][0]["n"]["value"])
    assert n > 3
    return n


@pytest.mark.parametrize("accept, ctype, rdflib_format", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
])
def test_construct_in_every_rdf_format(client, accept, ctype, rdflib_format):
    r = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == ctype
    g = Graph().parse(data=r.data, format=rdflib_format)
    assert len(g) == recommendation_count(client) and all(str(s).startswith(BASE + "report/") for s in g.subjects())
    nt = Graph().parse(data=client.post("/sparql", data={"query": CONSTRUCT},
                                        headers={"Accept": "application/n-triples"}).data, format="nt")
    assert set(g) == set(nt)


def test_downloads_are_named_by_their_format(client):
    r = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "application/ld+json", "download": "1"})
    assert r.mimetype == "application/ld+json"
    assert r.headers["Content-Disposition"] == 'attachment; filename="results.jsonld"'


def test_ask_in_xml(client):
    r = client.get("/sparql", query_string={"query": ASK}, headers={"Accept": "application/sparql-results+xml"})
    assert r.mimetype == "application/sparql-results+xml" and b"<boolean>true</boolean>" in r.data


@pytest.mark.parametrize("query, how", [
    (SELECT, {"headers": {"Accept": "image/png"}}),
    (SELECT, {"headers": {"Accept": "text/turtle"}}),
    (SELECT, {"query_string": {"format": "turtle"}}),
    (CONSTRUCT, {"headers": {"Accept": "application/sparql-results+json"}}),
    (CONSTRUCT, {"query_string": {"format": "csv"}}),
])
def test_406_for_what_cannot_be_served(client, query, how):
    r = client.get("/sparql", query_string={"query": query, **how.get("query_string", {})},
                   headers=how.get("headers", {}))
    assert_error(r, 406, "cannot serve")
    assert r.headers["Access-Control-Allow-Origin"] == "*"


# -- real clients ----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_in_each_format(live, fmt, method):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    w = SPARQLWrapper(live)
    w.setMethod(method)
    w.setQuery(SELECT)
    w.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV}[fmt])
    result = w.query()
    body = result.convert()
    if fmt == "json":
        values = [b["s"]["value"] for b in body["results"]["bindings"]]
    elif fmt == "xml":  # a DOM document of the SPARQL XML results
        values = [u.firstChild.data for u in body.getElementsByTagName("uri")]
    else:
        values = [line.split("," if fmt == "csv" else "\t")[0].strip("<>")
                  for line in body.decode().splitlines()[1:]]
    assert len(values) == 5 and all(v.startswith(BASE + "entity/") for v in values)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_sparqlwrapper_ask(live, fmt):
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    w = SPARQLWrapper(live)
    w.setQuery(ASK)
    w.setReturnFormat(JSON if fmt == "json" else XML)
    body = w.query().convert()
    assert body["boolean"] is True if fmt == "json" else \
        body.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("fmt", ["turtle", "n3", "rdfxml", "jsonld"])
def test_sparqlwrapper_construct_read_back_by_rdflib(live, client, fmt):
    from SPARQLWrapper import JSONLD, N3, RDFXML, TURTLE, SPARQLWrapper

    w = SPARQLWrapper(live)
    w.setQuery(CONSTRUCT)
    w.setReturnFormat({"turtle": TURTLE, "n3": N3, "rdfxml": RDFXML, "jsonld": JSONLD}[fmt])
    body = w.query().convert()
    g = body if isinstance(body, Graph) else Graph().parse(data=body, format="turtle")
    assert len(g) == recommendation_count(client)


def test_rdflib_sparqlstore_describe(live):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(live, returnFormat="xml")
    iri = next(iter(Graph(store=store).query(SELECT)))[0]
    g = Graph(store=SPARQLStore(live)).query(f"DESCRIBE <{iri}>").graph
    assert len(g) > 0 and all(str(s) == str(iri) or str(o) == str(iri) for s, _, o in g)


# -- one base IRI --------------------------------------------------------------------------------
def test_a_query_written_against_the_cli_export_matches_the_endpoint(client, tmp_path):
    """An IRI read from `kgqa export` is found on the endpoint, and dereferences at its /id/ path."""
    from web.cli import main

    out = tmp_path / "graph.nt"
    assert main(["export", "--format", "nt", "-o", str(out)]) == 0
    exported = Graph().parse(out, format="nt")
    iri = next(str(s) for s in exported.subjects() if str(s).startswith(BASE + "entity/"))
    r = client.get("/sparql", query_string={"query": f"ASK {{ <{iri}> ?p ?o }}"})
    assert r.get_json()["boolean"] is True
    page = client.get("/id/" + iri[len(BASE):], headers={"Accept": "text/html"})
    assert page.status_code == 303 and "/entities/" in page.headers["Location"]


def test_the_cli_takes_the_same_base(tmp_path, monkeypatch):
    from web.cli import main

    out = tmp_path / "graph.nt"
    monkeypatch.setenv("KGQA_BASE_IRI", "http://example.com/kg/")  # what `kgqa serve` would read too
    assert main(["export", "--format", "nt", "-o", str(out)]) == 0
    from rdflib import URIRef

    subjects = {str(s) for s in Graph().parse(out, format="nt").subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith(("http://example.com/kg/", "https://kgqa.example.org/ontology#"))
                            for s in subjects)


# -- errors point into the caller's own query ------------------------------------------------------
def test_syntax_error_positions_are_the_users_own(client):
    r = client.get("/sparql", query_string={"query": "SELECT ?s WHERE {\n  ?s kg:p }"})
    assert_error(r, 400, "malformed query", "error at 2:11")  # the closing brace, counted from 1
    assert len(r.get_json()["error"]) < 400


# -- the browser's page ------------------------------------------------------------------------------
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_browser_get_shows_the_editor_with_a_table(client):
    r = client.get("/sparql", query_string={"query": SELECT}, headers=BROWSER)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "org:Organization" in html and "<th>label</th>" in html and html.count("<tr>") == 6
    assert "5 rows" in html


def test_browser_get_of_construct_and_of_a_bad_query(client):
    r = client.get("/sparql", query_string={"query": CONSTRUCT}, headers=BROWSER)
    assert r.mimetype == "text/html" and "rdfs:label" in r.get_data(as_text=True)
    r = client.get("/sparql", query_string={"query": "SELECT * {"}, headers=BROWSER)
    assert r.status_code == 400 and r.mimetype == "text/html" and "malformed query" in r.get_data(as_text=True)


def test_programs_still_get_results(client):
    for accept in ["*/*", "application/sparql-results+json,application/json,text/javascript,application/javascript"]:
        r = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
        assert r.mimetype == "application/sparql-results+json"


# -- SERVICE, in every disguise -------------------------------------------------------------------
@pytest.fixture(scope="module")
def listener():
    """An HTTP server on loopback that records every request it gets."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_response(403)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", seen
    server.shutdown()


HOSTILE = [
    "SELECT * WHERE { SERVICE <U> { ?s ?p ?o } }",
    "select * where { service <U> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <U> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE sIlEnT <U> { ?s ?p ?o } }",
    "SELECT*WHERE{SERVICE<U>{?s ?p ?o}}",
    "SELECT * WHERE { SERVICESILENT<U> { ?s ?p ?o } }",
    "PREFIX : <U> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "PREFIX ex: <U> SELECT * WHERE { SERVICEex:x { ?s ?p ?o } }",
    'SELECT * WHERE {\n# """\nSERVICE <U> { ?s ?p ?o }\n# """\n}',
    "SELECT * WHERE {\n# '''\nSERVICE <U> { ?s ?p ?o }\n# '''\n}",
    'SELECT * WHERE {\n# "\nSERVICE <U> { ?s ?p ?o }\n# "\n}',
    "SELECT * WHERE {\n# '\nSERVICE <U> { ?s ?p ?o } # <\n}",
    'SELECT * WHERE { BIND("#" AS ?h) SERVICE <U> { ?s ?p ?o } }',
    'SELECT * WHERE { BIND("""a"" # b""" AS ?h) SERVICE <U> { ?s ?p ?o } }',
    "SELECT * WHERE { BIND('''it''s''' AS ?h) SERVICE <U> { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("\\"#" AS ?h) SERVICE <U> { ?s ?p ?o } }',
    "SELECT * WHERE { ?s ?p <http://x.org/a#b> . SERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s kg:a\\#b ?o . SERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<U> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    "SELECT * WHERE { OPTIONAL { SERVICE <U> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <U> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <U> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <U> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <U> { ?s ?p ?o } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <U> { ?s ?p ?o } } }",
    "ASK { SERVICE <U> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <U> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <U> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <U> { ?s ?p ?o } }",
]
HARMLESS = [
    "SELECT ?s WHERE { ?s a org:Organization } LIMIT 1 # SERVICE <U> { ?s ?p ?o }",
    'SELECT ("SERVICE <U> { }" AS ?x) WHERE { }',
    "SELECT ('''SERVICE <U>''' AS ?x) WHERE { }",
    'SELECT ("""\nSERVICE <U> { }\n""" AS ?x) WHERE { }',
    "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> } LIMIT 1",
    "SELECT ?service WHERE { BIND(1 AS ?service) }",
    "SELECT * WHERE { ?s kg:service ?o } LIMIT 1",
    "SELECT * FROM <U> WHERE { ?s ?p ?o } LIMIT 1",  # Oxigraph reads FROM as a graph of its own store
    "SELECT * FROM NAMED <U> WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
    "DESCRIBE <U>",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_service_is_refused_and_nothing_is_fetched(client, listener, query):
    url, seen = listener
    r = client.post("/sparql", data={"query": query.replace("<U>", f"<{url}x>")})
    assert r.status_code == 400 and seen == []
    assert r.get_json()["error"] in (SERVICE_REFUSED,) or "malformed query" in r.get_json()["error"]
    assert str(url.rsplit(":", 1)[1]) not in r.get_json()["error"]  # no port, no host, no remote status


@pytest.mark.parametrize("query", HARMLESS)
def test_service_in_comments_strings_and_names_is_no_service(client, listener, query):
    url, seen = listener
    r = client.post("/sparql", data={"query": query.replace("<U>", f"<{url}x>")})
    assert r.status_code == 200, r.data
    assert seen == []


@pytest.mark.parametrize("query", HOSTILE[:5] + HOSTILE[19:28])
def test_the_parsed_check_alone_finds_service(query):
    """rdflib's parse tree, the second of the two checks, finds each SERVICE that rdflib can parse."""
    with pytest.raises(UnsafeQuery):
        check_parsed(query.replace("<U>", "<http://127.0.0.1:9/x>"))


def test_the_token_check_and_the_query_form():
    check_query(HARMLESS[0])
    with pytest.raises(UnsafeQuery, match="read-only"):
        check_query("PREFIX select: <a:> INSERT DATA { <a:b> <a:c> <a:d> }")
    assert query_form("PREFIX ask: <a:> # CONSTRUCT\nSELECT * { { SELECT ?x {} } }") == "SELECT"
    assert query_form("CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"


# -- bounded slots -----------------------------------------------------------------------------------
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_full_slots_give_503_with_retry_after_and_health_still_answers(tmp_path, app):
    small = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": app.config["BUILD_DIR"],
                        "SPARQL_TIMEOUT_S": 4, "SPARQL_WORKERS": 1, "SPARQL_QUEUE": 0, "SPARQL_QUEUE_WAIT_S": 0.1})
    try:
        small.extensions["kgqa"].sparql.query("ASK {}")  # the worker is up before the runaway takes its slot
        results = []
        runaway = threading.Thread(target=lambda: results.append(
            small.test_client().get("/sparql", query_string={"query": RUNAWAY})))
        runaway.start()
        time.sleep(1.0)  # nothing competes for the slot meanwhile; the runaway holds it for 4 s
        client = small.test_client()
        busy = client.get("/sparql", query_string={"query": ASK})
        assert_error(busy, 503, "busy")
        assert int(busy.headers["Retry-After"]) >= 1
        health = client.get("/api/health")
        assert health.status_code == 200
        runaway.join(30)
        assert_error(results[0], 400, "time limit")
        assert client.get("/sparql", query_string={"query": ASK}).status_code == 200
    finally:
        small.extensions["kgqa"].close()
