"""The service through Flask's test client: every page and endpoint, errors, safety headers, SPARQL."""
from __future__ import annotations

import json
import re

import pytest

from web.app import create_app
from conftest import assert_error


@pytest.fixture(scope="module")
def app(hashing_build_dir):
    """The app over the bundled report, with the small deterministic encoder (fast, no torch)."""
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir,
                      "SPARQL_TIMEOUT_S": 20})
    yield app
    app.extensions["kgqa"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


PAGES = [
    ("/", "Ask the reports"),
    ("/?q=How+many+child+abuse+investigation+teams+does+SOECA+have%3F", "read in context"),
    ("/recommendations", "Recommendation 8"),
    ("/people", "Mark Rowley"),
    ("/entities", "SOECA"),
    ("/entities/soeca", "SOECA"),
    ("/graph", "Graph explorer"),
    ("/downloads", "graphml"),
    ("/passages/london-assembly-safeguarding-children-met-2014-p0031", "150 officers abstracted"),
    ("/notes/london-assembly-safeguarding-children-met-2014/15", "AC Mark Rowley"),
    ("/notes/london-assembly-safeguarding-children-met-2014/7", "missing from the source text"),
    ("/queries", "Statements on a topic"),
    ("/queries/statements-on-topic?topic=FGM", "Mark Rowley"),
    ("/queries/units-of-command?command=the+Met&limit=2", "next 2"),
]


@pytest.mark.parametrize("url, text", PAGES)
def test_pages_render(client, url, text):
    r = client.get(url, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert text in r.get_data(as_text=True)


@pytest.mark.parametrize("url, text", PAGES)
def test_every_page_has_a_json_twin(client, url, text):
    r = client.get(url, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.mimetype == "application/json"
    joiner = "&" if "?" in url else "?"
    twin, body = client.get(f"{url}{joiner}format=json").get_json(), r.get_json()
    for b in (twin, body):
        b.pop("took_ms", None)  # the only field that differs between two asks
    for link in ("next", "previous"):  # a ?format=json page links to ?format=json pages
        if twin.get(link):
            twin[link] = twin[link].replace("&format=json", "")
    assert twin == body


def test_navigation_links_go_to_html_pages(client):
    html = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    for path in ["/recommendations", "/people", "/entities", "/graph", "/queries", "/sparql", "/downloads"]:
        assert f'href="{path}"' in html
    assert 'action="/"' in html or 'action="/ask"' in html


def test_sparql_editor_page(client):
    r = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "<textarea" in html and "recommendations-by-addressee" in html
    twin = client.get("/sparql", query_string={"format": "json"})
    assert twin.mimetype == "application/json" and twin.get_json()["examples"]


def test_api_ask_contract(client):
    r = client.get("/api/ask", query_string={"q": "What did AC Rowley say about pressure on SOECA?", "k": 3})
    body = r.get_json()
    assert r.status_code == 200
    assert set(body) >= {"question", "found", "answer", "passages", "took_ms"}
    assert set(body["answer"]) >= {"text", "sentences"} and len(body["passages"]) == 3
    p = body["passages"][0]
    assert set(p) >= {"id", "text", "report", "section", "page", "score", "url", "citations", "speakers"}
    assert len(p["text"]) <= 1200
    for c in (c for q in body["passages"] for c in q["citations"]):
        assert set(c) >= {"note", "text", "source"}
        if c["source"]:
            assert set(c["source"]) >= {"label", "kind", "person", "organisation", "date", "url"}
    assert client.get(p["url"]).status_code == 200


def test_api_lists(client):
    recs = client.get("/api/recommendations").get_json()
    assert recs["count"] == 8
    assert [r["number"] for r in recs["recommendations"] if "MOPAC" in r["addressees"]] == [1, 2, 7, 8]
    for name in ["MOPAC", "Mayor’s Office for Policing and Crime"]:
        got = client.get("/api/recommendations", query_string={"addressee": name}).get_json()
        assert [r["number"] for r in got["recommendations"]] == [1, 2, 7, 8]
    for name in ["the Met", "Metropolitan Police Service", "MPS"]:
        got = client.get("/api/recommendations", query_string={"addressee": name}).get_json()
        assert [r["number"] for r in got["recommendations"]] == [1, 3, 4, 5, 6, 7]
    people = client.get("/api/people").get_json()["people"]
    rowley = next(p for p in people if p["name"] == "Mark Rowley")
    assert rowley["statements"] and rowley["appearances"][0]["date"] == "2014-03-13"
    ents = client.get("/api/entities", query_string={"q": "azure"}).get_json()
    assert any(e["label"] == "Project Azure" for e in ents["entities"])


def test_api_entity_and_passage(client):
    e = client.get("/api/entities/soeca").get_json()
    assert e["label"] == "SOECA" and e["relations"] and e["neighbourhood"]["nodes"]
    assert any(r["number"] == 1 for r in e["recommendations"])
    p = client.get("/api/passages/london-assembly-safeguarding-children-met-2014-p0031").get_json()
    assert p["page"] == 11 and p["notes"][0]["number"] == 25 and p["section"]["title"] == "Workforce"


def test_every_marker_reaches_its_passage_and_the_answer(app, client):
    """A note whose marker closes a paragraph is still cited: by the passage page and by /api/ask."""
    rid = "london-assembly-safeguarding-children-met-2014"
    with app.app_context():
        from web.services import services

        markers = services().report(rid).markers
    assert len(markers) == 118
    for m in markers:
        page = client.get(f"/api/passages/{m.passage}").get_json()
        assert m.number in [n["number"] for n in page["notes"]], (m.number, m.passage)
        note = client.get(f"/api/notes/{rid}/{m.number}").get_json()
        assert m.passage in [p["id"] for p in note["cited_by"]], m.number
    # Note 15 closes the paragraph on the rise in reports after the Jimmy Savile case.
    body = client.get("/api/ask", query_string={"q": "Why did reports rise after the Jimmy Savile case?",
                                                 "k": 3}).get_json()
    cited = {(p["id"], c["note"]) for p in body["passages"] for c in p["citations"]}
    assert (f"{rid}-p0026", 15) in cited, cited


def test_api_path_explains_each_hop(client):
    body = client.get("/api/path", query_string={"from": "Project Azure", "to": "MOPAC"}).get_json()
    labels = [body["from"]["label"]] + [h["target_label"] for h in body["hops"]]
    assert labels == ["Project Azure", "SOECA", "Met", "MOPAC"]
    assert all(h["quote"] and h["evidence"] for h in body["hops"])


RID = "london-assembly-safeguarding-children-met-2014"


def test_graph_api_gives_short_labels_reports_and_the_legend(client):
    from graph.network import KIND_COLOURS

    body = client.get("/api/graph").get_json()
    nodes = {n["data"]["id"]: n["data"] for n in body["nodes"]}
    rec = nodes[f"{RID}/recommendation-6"]
    assert rec["label"] == "Recommendation 6" and rec["kind"] == "recommendation"
    assert [r["id"] for r in rec["reports"]] == [RID] and rec["reports"][0]["title"]
    assert rec["name"].startswith("The Met should, within 12 months") and rec["name"].endswith("updates on progress.")
    assert not any(RID in n["label"] for n in nodes.values())
    soeca = nodes["soeca"]
    assert soeca["name"] == "Sexual Offences, Exploitation and Child Abuse" and "SOECA" not in soeca["aliases"]
    assert soeca["url"] == "/entities/soeca" and [r["id"] for r in soeca["reports"]] == [RID]
    # the legend is the table the explorer colours by: every kind shown, its colour and how many are drawn
    legend = {k["kind"]: k for k in body["legend"]["nodes"]}
    assert set(legend) == set(body["kinds"]) and legend["unit"]["color"] == KIND_COLOURS["unit"]
    for kind, entry in legend.items():
        assert entry["count"] == sum(1 for n in nodes.values() if n["kind"] == kind)
        assert all(n["color"] == entry["color"] for n in nodes.values() if n["kind"] == kind)
    relations = {k["kind"]: k for k in body["legend"]["edges"]}
    assert set(relations) == {"stated", "co-mention"}
    assert sum(k["count"] for k in relations.values()) == len(body["edges"])
    assert relations["co-mention"]["line"] == "dashed" and relations["stated"]["arrow"] is True
    stated = client.get("/api/graph", query_string={"relation_kind": "stated"}).get_json()
    assert {k["kind"]: k["count"] for k in stated["legend"]["edges"]} == {"stated": len(stated["edges"]), "co-mention": 0}
    # a stable order, so a seeded layout sees the same input every time
    assert [n["data"]["id"] for n in body["nodes"]] == sorted(nodes)
    assert client.get("/api/graph").get_json() == body


def test_graph_page_carries_the_explorer_and_its_vendored_layout(client):
    html = client.get("/graph", headers={"Accept": "text/html"}).get_data(as_text=True)
    for part in ['id="graph-legend"', 'id="graph-panel"', 'id="graph-tip"', 'data-entity-api="/api/entities/"',
                 'data-zoom="fit"']:
        assert part in html
    scripts = re.findall(r'<script src="([^"]+)"></script>', html)
    assert [s.rsplit("/", 1)[-1] for s in scripts] == ["cytoscape-3.35.0.min.js", "layout-base-2.0.1.js",
                                                       "cose-base-2.2.0.js", "cytoscape-fcose-2.2.0.js", "app.js", "graph.js"]
    for src in scripts:
        r = client.get(src)
        assert r.status_code == 200 and len(r.data) > 1_000
        r.close()
    assert "style=" not in html and "<style" not in html and "<script>" not in html  # CSP: nothing inline


def _sparql_ids(client, where: str) -> set[str]:
    """The values of ?id a SPARQL query over /sparql gives (what an outside client sees of the graph)."""
    r = client.get("/sparql", query_string={"query": f"SELECT DISTINCT ?id WHERE {{ {where} }}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.data[:300]
    return {b["id"]["value"] for b in r.get_json()["results"]["bindings"]}


def test_entity_page_lists_what_the_graph_says(client):
    """The entity page's passages, recommendations and statements are the graph's kg:mentions, kg:addressedTo /
    kg:concerns and prov:wasAttributedTo / kg:about, as /sparql gives them, in document order."""
    e = client.get("/api/entities/mopac").get_json()
    mentions = _sparql_ids(client, "?p kg:mentions ent:mopac ; dcterms:identifier ?id")
    assert len(mentions) >= 20 and mentions <= {p["id"] for p in e["passages"]}
    assert [p["id"] for p in e["passages"]] == sorted(p["id"] for p in e["passages"])
    assert [(r["number"], r["relation"]) for r in e["recommendations"]] == \
        [(1, "addressed to"), (2, "addressed to"), (7, "addressed to"), (8, "addressed to")]
    about = _sparql_ids(client, "?s kg:about ent:mopac ; kg:content ?id")
    assert about and about == {s["content"] for s in e["statements"] if s["role"] == "about"}
    rowley = client.get("/api/entities/person-mark-rowley").get_json()
    by = _sparql_ids(client, "?s prov:wasAttributedTo ent:person-mark-rowley ; kg:content ?id")
    assert by and by == {s["content"] for s in rowley["statements"] if s["role"] == "by"}
    assert {s["speaker"] for s in rowley["statements"] if s["role"] == "by"} == {"Mark Rowley"}
    html = client.get("/entities/mopac").get_data(as_text=True)
    assert f"Passages that mention it ({len(e['passages'])})" in html and "Recommendation 7" in html


def test_passage_page_links_the_entities_the_graph_says_it_names(client):
    pid = f"{RID}-p0080"
    named = _sparql_ids(client, f'?p dcterms:identifier "{pid}" ; kg:mentions ?e . ?e rdfs:label ?id')
    page = client.get(f"/api/passages/{pid}").get_json()
    assert {"Project Azure", "SOECA"} <= named == {e["label"] for e in page["entities"]}
    assert all(e["url"] == f"/entities/{e['id']}" for e in page["entities"])


def test_entity_page_of_a_recommendation_shows_it_and_where_it_is_held(client):
    e = client.get(f"/api/entities/{RID}/recommendation-7").get_json()
    assert [(r["number"], r["relation"]) for r in e["recommendations"]] == [(7, "itself")]
    assert f"{RID}-p0092" in [p["id"] for p in e["passages"]]


def test_entity_of_a_recommendation_has_its_short_label_and_report(client):
    e = client.get(f"/api/entities/{RID}/recommendation-1").get_json()
    assert e["label"] == "Recommendation 1" and [r["id"] for r in e["reports"]] == [RID]
    soeca = client.get("/api/entities/soeca").get_json()
    items = [i for g in soeca["relations"] for i in g["items"]]
    assert any(i["label"].startswith("Recommendation ") for i in items)
    assert not any(RID in i["label"] for i in items)


def _people_articles(html: str) -> dict[str, str]:
    """Each person's article on the people page, by the name in its heading."""
    out = {}
    for article in re.findall(r'<article class="person".*?</article>', html, flags=re.S):
        name = re.sub(r"<[^>]+>", "", re.search(r"<h2>(.*?)</h2>", article, flags=re.S).group(1)).strip()
        assert name not in out, f"{name} is listed twice"
        out[name] = article
    return out


def test_people_page_links_names_and_lists_each_role_once(client):
    html = client.get("/people", headers={"Accept": "text/html"}).get_data(as_text=True)
    people = _people_articles(html)
    assert '<h2><a href="/entities/person-mark-rowley">Mark Rowley</a></h2>' in people["Mark Rowley"]
    assert client.get("/entities/person-mark-rowley").status_code == 200
    for name, article in people.items():
        meta = re.sub(r"\s+", " ", re.search(r'<p class="meta">(.*?)</p>', article, flags=re.S).group(1))
        parts = [re.sub(r"<[^>]+>", "", p).strip().lower() for p in meta.split(" · ")]
        assert len(parts) == len(set(parts)), f"{name}: {parts}"
        groups = {g.strip() for g in parts[0].split(",")}
        assert not groups & set(parts[1:]), f"{name} repeats a group as a role: {parts}"
    pidgeon = re.search(r'<p class="meta">(.*?)</p>', people["Caroline Pidgeon"], flags=re.S).group(1)
    assert pidgeon.count("Chair") == 1
    assert "Deputy Children’s Commissioner, Office of the Children’s Commissioner" in people["Sue Berelowitz"]


def test_people_json_twin_has_each_person_once_with_distinct_roles(client):
    body = client.get("/people.json").get_json()
    assert body == client.get("/api/people").get_json()
    names = [p["name"] for p in body["people"]]
    assert len(names) == len(set(names)) == body["count"]
    for p in body["people"]:
        roles = [(r["role"], r["organisation"]) for r in p["roles"]]
        assert len(roles) == len(set(roles))
        if p["url"]:
            assert p["url"] == f"/entities/{p['entity']}"
    rowley = next(p for p in body["people"] if p["name"] == "Mark Rowley")
    assert rowley["url"] == "/entities/person-mark-rowley" and rowley["dates"] == ["2014-03-13"]
    assert rowley["roles"] == [{"role": None, "organisation": "Metropolitan Police Service"}]
    niven = next(p for p in body["people"] if p["name"] == "Keith Niven")
    assert niven["roles"] == [{"role": "SOECA", "organisation": "Metropolitan Police Service"}]


def test_two_reports_list_a_person_once_and_keep_their_recommendations_apart(tmp_path):
    """The same report served under a second name: every person in both, every recommendation twice."""
    from ingest.store import bundled_report_path

    second = tmp_path / "second-look-2015.txt"
    second.write_text(bundled_report_path().read_text(encoding="utf-8"), encoding="utf-8")
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "build"),
                      "REPORTS": [str(bundled_report_path()), str(second)]})
    try:
        c = app.test_client()
        people = c.get("/api/people").get_json()["people"]
        rowley = [p for p in people if p["name"] == "Mark Rowley"]
        assert len(rowley) == 1 and rowley[0]["reports"] == [RID, "second-look-2015"]
        assert rowley[0]["roles"] == [{"role": None, "organisation": "Metropolitan Police Service"}]
        assert rowley[0]["dates"] == ["2014-03-13"]
        html = c.get("/people", headers={"Accept": "text/html"}).get_data(as_text=True)
        assert "Mark Rowley" in _people_articles(html)  # and no name twice
        nodes = [n["data"] for n in c.get("/api/graph").get_json()["nodes"] if n["data"]["label"] == "Recommendation 1"]
        assert sorted(r["id"] for n in nodes for r in n["reports"]) == [RID, "second-look-2015"]
        soeca = next(n["data"] for n in c.get("/api/graph").get_json()["nodes"] if n["data"]["id"] == "soeca")
        assert [r["id"] for r in soeca["reports"]] == [RID, "second-look-2015"]
    finally:
        app.extensions["kgqa"].close()


def test_distinct_roles_keeps_the_fuller_of_two_pairs():
    from web.views import distinct_roles

    got = distinct_roles([("Chair", None), (None, "MOPAC"), ("chair", None), ("Chair", "MOPAC"), (None, None),
                          ("Member", None)])
    assert got == [{"role": "Chair", "organisation": "MOPAC"}, {"role": "Member", "organisation": None}]


@pytest.mark.parametrize("fmt, mime", [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                                       ("jsonld", "application/ld+json"), ("graphml", "application/graphml+xml"),
                                       ("gexf", "application/gexf+xml"), ("cyjs", "application/json"),
                                       ("csv", "application/zip")])
def test_api_export(client, fmt, mime):
    r = client.get(f"/api/export/{fmt}")
    assert r.status_code == 200 and r.mimetype == mime and len(r.data) > 1000
    assert "attachment" in r.headers["Content-Disposition"]


def test_api_health_and_openapi(client):
    assert client.get("/api/health").get_json()["ok"] is True
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and "/api/ask" in spec["paths"]


@pytest.mark.parametrize("k, refused", [(0, True), (-1, True), (1, False), (20, False), (21, True), (50, True)])
def test_the_cli_and_the_api_refuse_the_same_k(client, tmp_path, capsys, k, refused):
    """One bound, the MAX_K setting: /api/ask and `kgqa ask` refuse and accept the same k, with the same words."""
    from web.cli import main

    question = "How many child abuse investigation teams does SOECA have?"  # answered with k passages
    r = client.get("/api/ask", query_string={"q": question, "k": k})
    if refused:
        assert_error(r, 400, "k must be a whole number from 1 to 20")
        assert main(["ask", question, "-k", str(k)]) == 1
        assert capsys.readouterr().err.strip() == "kgqa ask: error: k must be a whole number from 1 to 20"
    else:
        assert r.status_code == 200 and len(r.get_json()["passages"]) == k
        assert main(["ask", question, "-k", str(k), "--json", "--encoder", "hashing",
                     "--cache", str(tmp_path)]) == 0
        assert len(json.loads(capsys.readouterr().out)["passages"]) == k


BAD_REQUESTS = [
    ("/api/ask", 400, "empty"),
    ("/api/ask?q=" + "x" * 501, 400, "limit"),
    ("/api/ask?q=hello&k=0", 400, "k must be"),
    ("/api/ask?q=hello&k=abc", 400, "k must be"),
    ("/api/ask?q=hello&k=21", 400, "k must be"),
    ("/api/ask?q=%00", 400, "NUL"),
    ("/api/export/exe", 404, "unknown export format"),
    ("/api/export/..%2F..%2Fetc%2Fpasswd", 404, ""),
    ("/api/entities/no-such-thing", 404, "no entity"),
    ("/api/passages/no-such-passage", 404, "no passage"),
    ("/api/path?from=Project+Azure", 400, "both ends"),
    ("/api/path?from=Nobody+Here&to=MOPAC", 404, "no entity"),
    ("/api/nothing", 404, "no API endpoint"),
    ("/api/graph?relation_kind=bogus", 400, "relation_kind"),
    ("/api/queries/no-such-query", 404, "no named query"),
    ("/api/queries/statements-on-topic?topic=Unicorns", 400, "no entity called 'Unicorns'"),
    ("/api/queries/statements-on-topic?colour=red", 400, "takes topic, report"),
    ("/api/queries/statements-on-topic?limit=0", 400, "limit must be"),
    ("/api/queries/statements-on-topic?limit=1001", 400, "limit must be"),
    ("/api/queries/statements-on-topic?offset=-1", 400, "offset must be"),
    ("/api/queries/statements-on-topic?limit=ten", 400, "limit must be"),
    ("/api/queries/statements-on-topic?topic=" + "x" * 201, 400, "200 characters"),
    ("/api/queries/sources-by-kind?report=no-such-report", 400, "no report"),
]


@pytest.mark.parametrize("url, status, words", BAD_REQUESTS)
def test_bad_requests_get_the_error_shape(client, url, status, words):
    assert_error(client.get(url), status, words)


def test_path_traversal_gets_no_file(client):
    for url in ["/static/../../../etc/passwd", "/static/..%2f..%2fpyproject.toml", "/api/export/../../pyproject.toml"]:
        r = client.get(url)
        assert r.status_code in (400, 404) and b"[project]" not in r.data and b"root:" not in r.data


def test_security_headers(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["X-Frame-Options"] == "DENY"


def test_question_with_script_is_escaped(client):
    r = client.get("/", query_string={"q": "<script>alert(1)</script> MASH"}, headers={"Accept": "text/html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_text_with_script_is_escaped(tmp_path):
    text = ("Introduction\n\nThe witness said <script>alert('x')</script> about safeguarding in the capital "
            "and the Met.1\n\nEnd Notes\n\n1 A Person, Working Group, 1 May 2014 – transcript\n")
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path / "b"), "REPORTS": [str(path)]})
    client = app.test_client()
    pid = app.extensions["kgqa"].reports[0].passages[0].id
    html = client.get(f"/passages/{pid}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html and "&lt;script&gt;" in html
    html = client.get("/", query_string={"q": "what did the witness say"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<script>alert('x')</script>" not in html


def test_entity_and_passage_urls_answer_rdf(client):
    r = client.get("/entities/soeca", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle" and b"SOECA" in r.data
    r = client.get("/passages/london-assembly-safeguarding-children-met-2014-p0031", headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.mimetype == "application/ld+json"
    assert json.loads(r.data)


def test_iris_under_the_base_dereference(client, app):
    iri = client.get("/api/entities/soeca").get_json()["iri"]
    path = "/id/" + iri.split("/id/", 1)[1]
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/entities/soeca")
    assert client.get(path, headers={"Accept": "text/turtle"}).mimetype == "text/turtle"


# -- SPARQL protocol --------------------------------------------------------------------------
SELECT = "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/org#Organization> } LIMIT 5"


def test_sparql_get_and_post(client):
    for r in [client.get("/sparql", query_string={"query": SELECT}),
              client.post("/sparql", data={"query": SELECT}),
              client.post("/sparql", data=SELECT, content_type="application/sparql-query")]:
        assert r.status_code == 200 and r.mimetype == "application/sparql-results+json"
        assert len(r.get_json()["results"]["bindings"]) == 5


def test_sparql_construct_gives_turtle(client):
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    r = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"


def test_sparql_csv(client):
    r = client.get("/sparql", query_string={"query": SELECT, "format": "csv"})
    assert r.status_code == 200 and r.mimetype == "text/csv" and r.data.startswith(b"s\r\n")  # RFC 4180 line ends


@pytest.mark.parametrize("kwargs, status, words", [
    ({"data": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, 400, "read-only"),
    ({"data": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 400, "read-only"),
    ({"data": "DROP ALL", "content_type": "application/sparql-update"}, 400, "read-only"),
    ({"data": {"query": "SELECT * WHERE {"}}, 400, "malformed"),
    ({"data": {"query": "SELECT * WHERE { ?s ?p ?o }"}}, 400, "more than"),
    ({"data": {"query": "x" * 20001}}, 413, "longer than"),
    ({"data": "<xml/>", "content_type": "application/xml"}, 415, "unsupported content type"),
    ({"data": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"}}, 400, "SERVICE"),
])
def test_sparql_refusals(client, kwargs, status, words):
    assert_error(client.post("/sparql", **kwargs), status, words)


def test_sparql_keeps_answering_after_a_failed_query(client):
    assert client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
    assert client.get("/sparql", query_string={"query": SELECT}).status_code == 200


def test_sparql_prefix_names_are_not_keywords_and_usual_prefixes_are_declared(client):
    q = "PREFIX add: <http://www.w3.org/ns/org#> SELECT ?s WHERE { ?s a add:Organization } LIMIT 1"
    assert client.get("/sparql", query_string={"query": q}).status_code == 200
    q = "SELECT ?s WHERE { ?s a kg:Recommendation } LIMIT 1"
    assert client.get("/sparql", query_string={"query": q}).status_code == 200


def test_runaway_sparql_query_is_stopped(tmp_path):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path), "SPARQL_TIMEOUT_S": 1.5})
    client = app.test_client()
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        assert_error(client.get("/sparql", query_string={"query": slow}), 400, "time limit")
        # the worker was replaced: the next query answers
        assert client.get("/sparql", query_string={"query": SELECT}).status_code == 200
    finally:
        app.extensions["kgqa"].close()


def test_named_query_pages_follow_each_other(client):
    """The next links walk a query's rows once each, in the order of one big page."""
    whole = client.get("/api/queries/sources-by-kind?limit=1000").get_json()
    rows, url = [], "/api/queries/sources-by-kind?limit=25"
    while url:
        page = client.get(url).get_json()
        assert page["limit"] == 25 and len(page["rows"]) <= 25
        rows += page["rows"]
        url = page["next"]
    assert len(whole["rows"]) > 25 and whole["next"] is None and rows == whole["rows"]
    assert page["previous"].startswith("/api/queries/sources-by-kind?") and "offset=" in page["previous"]


def test_named_query_cells_link_to_their_resources(client):
    page = client.get("/api/queries/statements-on-topic?topic=FGM&limit=3").get_json()
    assert page["given"] == {"topic": "FGM"} and len(page["rows"]) == 3
    column = page["columns"].index("statement")
    link = page["links"][0][column]
    assert link.startswith("/id/report/") and client.get(link).status_code in (200, 303)
    html = client.get("/queries/statements-on-topic?topic=FGM&limit=3", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'href="{link}"' in html and 'value="FGM"' in html
    passage = page["links"][0][page["columns"].index("passage")]
    assert passage == f"/passages/{page['rows'][0]['passage']}" and client.get(passage).status_code == 200


def test_named_query_page_errors_are_pages(client):
    r = client.get("/queries/no-such-query", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.mimetype == "text/html" and "no named query" in r.get_data(as_text=True)
    assert_error(client.get("/queries/units-of-command.json?limit=0"), 400, "limit must be")


@pytest.mark.parametrize("url, following", [
    ("/queries/units-of-command.json?limit=2", "/queries/units-of-command.json?limit=2&offset=2"),
    ("/queries/units-of-command?limit=2&format=json", "/queries/units-of-command?limit=2&offset=2&format=json"),
    ("/api/queries/units-of-command?limit=2", "/api/queries/units-of-command?limit=2&offset=2"),
])
def test_json_pages_link_to_json_pages(client, url, following):
    assert client.get(url).get_json()["next"] == following


def test_a_note_naming_two_publications_shows_both(client):
    note = client.get("/api/notes/london-assembly-safeguarding-children-met-2014/1").get_json()
    assert [(s["title"], s["date"]) for s in note["sources"]] == [
        ("The Victoria Climbié Inquiry", "2003"), ("The Protection of Children in England: A progress Report", "2009")]
    html = client.get("/notes/london-assembly-safeguarding-children-met-2014/1", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<cite>The Victoria Climbié Inquiry</cite>" in html and "<cite>The Protection of Children in England" in html


def test_ask_citations_carry_every_source_of_a_note(app):
    from qa.cite import citations
    with app.app_context():
        report = app.extensions["kgqa"].reports[0]
        [cited] = citations(report, [1])
    extra = ("title", "panel", "code", "questions", "transcripts")  # in sources only: "source" keeps the contract's fields
    assert len(cited["sources"]) == 2 and cited["source"] == {k: v for k, v in cited["sources"][0].items() if k not in extra}
    assert cited["sources"][1]["person"] == "Lord Laming"


def test_a_build_from_older_ingest_code_is_redone(tmp_path):
    """The served report is re-ingested when the ingest code changed, even if the input did not."""
    import json as _json

    def serve():
        messages = []
        app = create_app({"ENCODER": "hashing", "BUILD_DIR": str(tmp_path)})
        app.extensions["kgqa"].progress = messages.append
        with app.app_context():
            app.extensions["kgqa"].reports
        return messages

    assert any(m.startswith("ingesting") for m in serve())
    assert any(m.startswith("reusing") for m in serve())
    stamp = tmp_path / "inputs.json"
    known = _json.loads(stamp.read_text())
    for entry in known.values():
        entry["code"] = "older-code"
    stamp.write_text(_json.dumps(known))
    [manifest] = tmp_path.glob("build-*/manifest.json")  # the build, too, says which ingest code made it
    recorded = _json.loads(manifest.read_text())
    recorded["code"]["ingest"] = "older-code"
    manifest.write_text(_json.dumps(recorded))
    assert any(m.startswith("ingesting") for m in serve())
