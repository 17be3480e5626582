"""A real browser against the real server: Debian's Chromium driven by Playwright, on loopback.

Set KGQA_SCREENSHOTS=docs/screenshots to also keep the screenshots for the README.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import start_serve, wait_for_dense_index

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def server(tmp_path_factory, model_cache):
    """`kgqa serve` on a free loopback port, with the real model (ONNX)."""
    from qa.encoder import default_model_path
    from qa.onnx_export import export_onnx

    build = tmp_path_factory.mktemp("build")
    # The session's ONNX export (test_qa_onnx tests exporting) stands in for the server's own export into
    # BUILD_DIR/models, which would take as long again.
    exported = export_onnx(default_model_path(), Path(model_cache) / "models", quantize=True)
    shutil.copytree(exported, build / "models" / exported.name)
    log = open(build / "serve.log", "w")
    proc, port = start_serve(build, stdout=log, stderr=subprocess.STDOUT,
                             log_tail=lambda: (build / "serve.log").read_text())
    # The pages are tested with the full hybrid answers: after a progressive start's background build.
    assert wait_for_dense_index(port, proc)["state"] == "ready"
    base = f"http://127.0.0.1:{port}"
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _new_page(browser, **context):
    """A page in a fresh context that keeps the console errors it sees."""
    pg = browser.new_context(**context).new_page()
    pg.console_errors = []
    pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    return pg


@pytest.fixture(scope="module")
def page(browser):
    pg = _new_page(browser, viewport={"width": 1200, "height": 1300})
    yield pg
    pg.context.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page (390x844, touch)."""
    pg = _new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                   device_scale_factor=2)
    yield pg
    pg.context.close()


def _shot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    keep = os.environ.get("KGQA_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def test_ask_in_the_page(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("#q", "What did witnesses say about MASH seniority?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#passages article.passage")
    text = page.inner_text("#passages")
    assert "not senior enough to direct resources" in text
    assert "non-police partners" in page.inner_text("#passages .speakers")
    assert page.locator("#answer mark").count() >= 1 or "Not found" not in page.inner_text("#answer")
    assert _shot(page, tmp_path, "ask").stat().st_size > 10_000


def test_a_lexical_answer_shows_its_notice(browser, tmp_path):
    # A fresh start held before its dense index (the gate file never appears): the notice is on the page, visible.
    log = open(tmp_path / "serve.log", "w")
    proc, port = start_serve(tmp_path / "build", hashing=True, stdout=log, stderr=subprocess.STDOUT,
                             log_tail=lambda: (tmp_path / "serve.log").read_text(),
                             env={"KGQA_DENSE_BUILD_GATE": str(tmp_path / "never")})
    pg = _new_page(browser, viewport={"width": 1200, "height": 900})
    try:
        pg.goto(f"http://127.0.0.1:{port}/")
        pg.fill("#q", "When was SOECA set up?")
        pg.click("form.ask button[type=submit]")
        pg.wait_for_selector("#passages article.passage")
        notice = pg.locator("#retrieval-notice")
        assert notice.is_visible() and "Lexical answer" in notice.inner_text()
        assert notice.bounding_box()["y"] < pg.locator("#answer").bounding_box()["y"]  # read before the answer
        assert not [e for e in pg.console_errors if "Content Security Policy" in e], pg.console_errors
        _shot(pg, tmp_path, "ask-lexical")
    finally:
        pg.context.close()
        proc.terminate()
        proc.wait(30)
        log.close()


def test_a_relation_question_lists_the_facts_with_their_evidence(server, page, tmp_path):
    page.goto(server + "/")
    page.fill("#q", "Which recommendations are addressed to MOPAC?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#facts li.fact")
    assert page.inner_text("#answer .graph-answer") == "Recommendations 1, 2, 7 and 8 are addressed to MOPAC."
    assert page.locator("#facts li.fact").count() == 4
    # each fact links to the passage that states it, and that passage holds the recommendation
    page.click("#facts li.fact >> nth=2 >> a.cite")
    page.wait_for_selector("main")
    assert "MOPAC and the Met should conduct a mapping exercise" in page.inner_text("main")
    page.go_back()
    page.wait_for_selector("#facts")
    assert _shot(page, tmp_path, "ask-graph").stat().st_size > 10_000


def test_entity_page_renders_its_neighbourhood(server, page, tmp_path):
    page.goto(server + "/entities/soeca")
    page.wait_for_selector("#neighbourhood.rendered", timeout=20_000)
    assert int(page.get_attribute("#neighbourhood", "data-nodes")) > 3
    assert "is part of" in page.inner_text("main")
    _shot(page, tmp_path, "entity")


POSITIONS = "() => kgqaGraph.nodes().map((n) => [n.id(), n.position()])"
# Cytoscape's own box of each drawn label (rendered pixels), the label's on-screen font size, and the viewport.
LABELS = """() => {
  const z = kgqaGraph.zoom(), pan = kgqaGraph.pan();
  return {width: kgqaGraph.width(), height: kgqaGraph.height(), labels: kgqaGraph.nodes('.labelled').map((n) => {
    const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
    return {id: n.id(), label: n.data('label'), px: n.numericStyle('font-size') * z,
            x1: b.x1 * z + pan.x, x2: b.x2 * z + pan.x, y1: b.y1 * z + pan.y, y2: b.y2 * z + pan.y};
  })};
}"""


def _open_graph(pg, server):
    pg.goto(server + "/graph")
    pg.wait_for_selector("#graph.rendered", timeout=60_000)
    pg.wait_for_selector("#graph-legend li")


def _tap_point(pg, node_id):
    """Where a node is on the page, in CSS pixels."""
    pos = pg.evaluate("(id) => kgqaGraph.getElementById(id).renderedPosition()", node_id)
    box = pg.locator("#graph").bounding_box()
    return box["x"] + pos["x"], box["y"] + pos["y"]


def test_graph_explorer_renders_nodes_and_a_path(server, page, tmp_path):
    _open_graph(page, server)
    assert int(page.get_attribute("#graph", "data-nodes")) > 20
    page.fill("input[name=from]", "Project Azure")
    page.fill("input[name=to]", "MOPAC")
    page.click("#graph-controls button[type=submit]")
    page.wait_for_selector("#path-hops li")
    hops = page.inner_text("#path-hops")
    assert "SOECA" in hops and "MOPAC" in hops
    labelled = page.evaluate("() => kgqaGraph.nodes('.path.labelled').map((n) => n.data('label'))")
    assert {"Project Azure", "SOECA", "Met", "MOPAC"} <= set(labelled)  # the path's names are always shown
    _shot(page, tmp_path, "graph")


def test_graph_layout_is_the_same_on_every_load(server, browser):
    first, second = (_new_page(browser, viewport={"width": 1200, "height": 1000}) for _ in range(2))
    _open_graph(first, server)
    first.evaluate("() => { for (let i = 0; i < 1000; i++) Math.random(); }")  # a different state, if it mattered
    _open_graph(second, server)
    a, b = first.evaluate(POSITIONS), second.evaluate(POSITIONS)
    assert len(a) > 20 and a == b
    first.reload()
    _open_graph(first, server)
    assert first.evaluate(POSITIONS) == a
    first.context.close()
    second.context.close()


def test_graph_legend_names_every_kind_in_its_colour(server, page):
    _open_graph(page, server)
    legend = page.evaluate("""() => Array.from(document.querySelectorAll('#graph-legend .legend-kinds li')).map(
        (li) => [li.dataset.kind, li.querySelector('circle').getAttribute('fill')])""")
    drawn = page.evaluate("""() => Object.fromEntries(kgqaGraph.nodes().map(
        (n) => [n.data('kind'), n.style('background-color')]))""")
    assert {k for k, _ in legend} >= set(drawn) and len(drawn) >= 5
    for kind, colour in legend:
        if kind in drawn:  # the node's colour as Cytoscape draws it is the legend's
            r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
            assert drawn[kind] == f"rgb({r},{g},{b})"
    relations = page.inner_text("#graph-legend .legend-relations")
    assert "stated relation" in relations and "named in the same passages" in relations


def test_graph_overview_labels_are_readable_and_never_overlap(server, page):
    _open_graph(page, server)
    overview = _labels_apart(page.evaluate(LABELS))
    labels = overview["labels"]
    assert len(labels) >= 15, [lab["label"] for lab in labels]
    assert {"Met", "SOECA", "MOPAC"} <= {lab["label"] for lab in labels}  # the hubs are named first
    assert not any("Recommendation" in lab["label"] and "(" in lab["label"] for lab in labels)
    assert len(labels) < page.evaluate("() => kgqaGraph.nodes().length")  # the overview does not name everything
    # zoomed in on the centre: other names, just as large and just as far apart
    for _ in range(3):
        page.click("[data-zoom=in]")
        page.wait_for_timeout(150)
        zoomed = _labels_apart(page.evaluate(LABELS))["labels"]
        assert len(zoomed) >= 10
    assert {lab["label"] for lab in zoomed} - {lab["label"] for lab in labels}


def _labels_apart(view: dict) -> dict:
    """Every drawn label inside the graph, readable, and clear of every other."""
    labels = view["labels"]
    for lab in labels:
        assert lab["px"] >= 11.5, lab  # the same on-screen size at any zoom
        assert lab["x1"] >= -1 and lab["x2"] <= view["width"] + 1 and lab["y1"] >= -1 and lab["y2"] <= view["height"] + 1
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            apart = a["x2"] <= b["x1"] or b["x2"] <= a["x1"] or a["y2"] <= b["y1"] or b["y2"] <= a["y1"]
            assert apart, f"{a['label']} overlaps {b['label']}"
    return view


def test_graph_side_panel_shows_the_selected_node(server, page, tmp_path):
    _open_graph(page, server)
    rid = "london-assembly-safeguarding-children-met-2014"
    x, y = _tap_point(page, f"{rid}/recommendation-1")
    page.mouse.move(x, y)
    page.wait_for_selector("#graph-tip:not([hidden])")
    tip = page.inner_text("#graph-tip")
    assert "Recommendation 1" in tip and "recommendation" in tip and "London Assembly" in tip and rid not in tip
    page.mouse.click(x, y)
    page.wait_for_selector("#graph-panel.loaded")
    panel = page.inner_text("#graph-panel")
    assert panel.startswith("×") or "Recommendation 1" in panel.splitlines()[1]
    assert "Report" in panel and "London Assembly" in panel and rid not in panel
    assert "is addressed to" in panel
    assert page.get_attribute("#graph-panel .entity-link a", "href") == f"/entities/{rid}/recommendation-1"
    # evidence links go to the passages behind each relation
    cites = page.eval_on_selector_all("#graph-panel a.cite", "(as) => as.map((a) => a.getAttribute('href'))")
    assert cites and all(c.startswith("/passages/") or c.startswith("/notes/") for c in cites)
    # an entity: its full name and other names
    x, y = _tap_point(page, "soeca")
    page.mouse.click(x, y)
    page.wait_for_function("() => document.querySelector('#graph-panel h2').textContent === 'SOECA'")
    page.wait_for_selector("#graph-panel.loaded")
    panel = page.inner_text("#graph-panel")
    assert "Sexual Offences, Exploitation and Child Abuse" in panel and "Also called" in panel and "is part of" in panel
    assert page.evaluate("() => kgqaGraph.$(':selected').id()") == "soeca"
    page.click("#graph-panel .close")
    assert "Select a node" in page.inner_text("#graph-panel")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_graph_on_a_phone(server, phone, tmp_path):
    _open_graph(phone, server)
    width = phone.evaluate("() => document.documentElement.clientWidth")
    assert width == 390
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= width  # nothing overflows sideways
    wide = phone.evaluate("""() => Array.from(document.querySelectorAll('body *')).filter((e) => {
        const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5);
      }).map((e) => e.tagName + '#' + e.id + '.' + e.className)""")
    assert not wide, wide
    graph = phone.locator("#graph canvas").first.bounding_box()
    assert graph["width"] >= 300 and graph["height"] >= 250 and graph["x"] >= 0 and graph["x"] + graph["width"] <= width
    # the controls fold up above the graph, so it fits the first screen; the side column comes below it
    assert not phone.locator("#graph-controls").is_visible()
    options = phone.locator("#graph-options").bounding_box()
    legend = phone.locator("#graph-legend").bounding_box()
    assert options["y"] + options["height"] <= graph["y"] <= legend["y"] and graph["y"] + 250 < 844
    assert phone.evaluate("() => kgqaGraph.nodes('.labelled').length") >= 8
    _shot(phone, tmp_path, "graph-mobile-overview")
    phone.locator("#graph").scroll_into_view_if_needed()
    x, y = _tap_point(phone, "soeca")
    phone.touchscreen.tap(x, y)
    phone.wait_for_selector("#graph-panel.loaded")
    panel = phone.locator("#graph-panel").bounding_box()
    assert "SOECA" in phone.inner_text("#graph-panel h2")
    # a bottom sheet inside the screen, with the graph still visible above it
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= width and panel["y"] + panel["height"] <= 844 + 0.5
    graph = phone.locator("#graph").bounding_box()
    assert graph["y"] < panel["y"] - 200
    pos = phone.evaluate("() => kgqaGraph.getElementById('soeca').renderedPosition()")
    assert 0 <= graph["y"] + pos["y"] < panel["y"]  # the tapped node is in view
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= width
    _shot(phone, tmp_path, "graph-mobile")
    phone.tap("#graph-panel .close")
    assert phone.locator("#graph-panel").bounding_box()["y"] > graph["y"] + graph["height"] - 1
    # unfolded, the controls stack in the screen's width
    phone.tap("#graph-options summary")
    for field in ["select[name=relation_kind]", "input[name=find]", "input[name=from]", "input[name=to]",
                  "#graph-controls button[type=submit]"]:
        box = phone.locator(field).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 24, field
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= width
    assert not [e for e in phone.console_errors if "Content Security Policy" in e]


def test_analyst_query_form_and_pages(server, page, tmp_path):
    """Pick a named query, name a topic by its acronym, run it, and page through the rows."""
    page.goto(server + "/queries")
    page.click("text=Statements on a topic")
    page.fill("input[name=topic]", "FGM")
    page.fill("input[name=limit]", "4")
    page.click("form.query-form button[type=submit]")
    page.wait_for_selector("#query-results tbody tr")
    assert page.locator("#query-results tbody tr").count() == 4
    assert "FGM" in page.inner_text("#query-results") and "Rows 1–4" in page.inner_text("#query-range")
    first = page.inner_text("#query-results tbody")
    page.click("a[rel=next]")
    page.wait_for_selector("#query-results tbody tr")
    assert "Rows 5–8" in page.inner_text("#query-range") and page.inner_text("#query-results tbody") != first
    _shot(page, tmp_path, "query")


def test_no_page_breaks_the_content_security_policy(server, page):
    page.console_errors.clear()
    for path in ["/", "/entities/soeca", "/graph", "/people", "/sparql", "/recommendations",
                 "/queries/relation-evidence"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def test_a_real_sparql_client_gets_the_local_answer(server, hashing_build_dir):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from rdflib import Graph

    from graph.store import QueryEngine
    from web.app import create_app

    query = ("SELECT ?label WHERE { ?r a <https://kgqa.example.org/ontology#Recommendation> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
    remote = Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    remote_rows = sorted(str(r[0]) for r in remote.query(query))
    app = create_app({"ENCODER": "hashing", "BUILD_DIR": hashing_build_dir})
    with app.app_context():
        local = QueryEngine(app.extensions["kgqa"].dataset).query(query)
    app.extensions["kgqa"].close()
    local_rows = sorted(str(r["label"]) for r in local.rows)
    assert remote_rows and remote_rows == local_rows


@pytest.fixture(scope="module")
def other_origin():
    """A page on another origin (another loopback port), as YASGUI would be."""
    import http.server
    import threading

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!doctype html><title>another origin</title><p>elsewhere</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


def test_a_page_on_another_origin_can_query(server, page, other_origin):
    """Chromium's own CORS checks: a preflighted POST (application/sparql-query) and a GET asking for XML."""
    page.goto(other_origin)
    got = page.evaluate("""async (endpoint) => {
        const q = "SELECT ?r WHERE { ?r a kg:Recommendation } LIMIT 3";
        const post = await fetch(endpoint, { method: "POST", body: q,
            headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" } });
        const json = await post.json();
        const get = await fetch(endpoint + "?" + new URLSearchParams({ query: q }),
            { headers: { "Accept": "application/sparql-results+xml" } });
        return { status: post.status, rows: json.results.bindings.length,
                 xml: get.headers.get("Content-Type"), body: await get.text() };
    }""", server + "/sparql")
    assert got["status"] == 200 and got["rows"] == 3
    assert got["xml"].startswith("application/sparql-results+xml") and "<sparql" in got["body"]
