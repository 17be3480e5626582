"""A real browser against the real server: Debian's Chromium driven by Playwright, on loopback.

Set KGQA_SCREENSHOTS=docs/screenshots to also keep the screenshots for the README.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
pytestmark = [pytest.mark.browser, pytest.mark.model]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`kgqa serve` on a free loopback port, with the real model."""
    port = _free_port()
    build = tmp_path_factory.mktemp("build")
    log = open(build / "serve.log", "w")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port), "--build-dir", str(build)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=Path(__file__).parent.parent)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {(build / 'serve.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/api/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("server did not start in time")
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1200, "height": 1300})
        pg.console_errors = []
        pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)
        yield pg
        browser.close()


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


def test_entity_page_renders_its_neighbourhood(server, page, tmp_path):
    page.goto(server + "/entities/soeca")
    page.wait_for_selector("#neighbourhood.rendered", timeout=20_000)
    assert int(page.get_attribute("#neighbourhood", "data-nodes")) > 3
    assert "is part of" in page.inner_text("main")
    _shot(page, tmp_path, "entity")


def test_graph_explorer_renders_nodes_and_a_path(server, page, tmp_path):
    page.goto(server + "/graph")
    page.wait_for_selector("#graph.rendered", timeout=30_000)
    assert int(page.get_attribute("#graph", "data-nodes")) > 20
    page.fill("input[name=from]", "Project Azure")
    page.fill("input[name=to]", "MOPAC")
    page.click("#graph-controls button[type=submit]")
    page.wait_for_selector("#path-hops li")
    hops = page.inner_text("#path-hops")
    assert "SOECA" in hops and "MOPAC" in hops
    _shot(page, tmp_path, "graph")


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
    for path in ["/", "/entities/soeca", "/graph", "/sparql", "/recommendations", "/queries/relation-evidence"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


def test_a_real_sparql_client_gets_the_local_answer(server, tmp_path):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from rdflib import Graph

    from graph.store import QueryEngine
    from web.app import create_app

    query = ("SELECT ?label WHERE { ?r a <https://kgqa.example.org/ontology#Recommendation> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
    remote = Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    remote_rows = sorted(str(r[0]) for r in remote.query(query))
    app = create_app({"ENCODER": "hashing", "BUILD_DIR": str(tmp_path)})
    with app.app_context():
        local = QueryEngine(app.extensions["kgqa"].dataset).query(query)
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
