"""The app matches its OpenAPI document: every documented operation is called, and each response
validates against the schema documented for its status (errors against the one error shape)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from web.app import create_app  # noqa: E402
from web.openapi import document  # noqa: E402
from web.settings import defaults  # noqa: E402

SPEC = json.loads((Path(__file__).parent.parent / "web" / "openapi.json").read_text(encoding="utf-8"))

# Sample requests per operation: good ones and bad ones, so both documented statuses are exercised.
CALLS = [
    ("get", "/api/ask", {"q": "How many officers undertake serious case reviews?", "k": 3}),
    ("get", "/api/ask", {"q": ""}),
    ("get", "/api/ask", {"q": "MASH", "k": 50}),
    ("get", "/api/entities", {"q": "mash"}),
    ("get", "/api/entities/soeca", {}),
    ("get", "/api/entities/not-an-entity", {}),
    ("get", "/api/passages/london-assembly-safeguarding-children-met-2014-p0010", {}),
    ("get", "/api/passages/nope", {}),
    ("get", "/api/notes/london-assembly-safeguarding-children-met-2014/15", {}),
    ("get", "/api/notes/london-assembly-safeguarding-children-met-2014/999", {}),
    ("get", "/api/recommendations", {"addressee": "MOPAC"}),
    ("get", "/api/people", {}),
    ("get", "/api/queries", {}),
    ("get", "/api/queries/statements-on-topic", {"topic": "FGM", "limit": 3}),
    ("get", "/api/queries/statements-on-topic", {"topic": "Unicorns"}),
    ("get", "/api/queries/no-such-query", {}),
    ("get", "/api/path", {"from": "SCO5", "to": "MOPAC"}),
    ("get", "/api/path", {"from": "SCO5"}),
    ("get", "/api/graph", {"relation_kind": "stated"}),
    ("get", "/api/export/ttl", {}),
    ("get", "/api/export/doc", {}),
    ("get", "/api/health", {}),
    ("get", "/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 2"}),
    ("get", "/sparql", {"query": "SELECT * WHERE {"}),
]


def _template(path: str) -> str | None:
    """The documented path template a concrete path matches."""
    parts = path.strip("/").split("/")
    for template in SPEC["paths"]:
        tparts = template.strip("/").split("/")
        if len(tparts) == len(parts) and all(t.startswith("{") or t == p for t, p in zip(tparts, parts)):
            return template
    return None


def _resolve(node: dict) -> dict:
    """A response given as {"$ref": "#/components/responses/Name"}, resolved."""
    while "$ref" in node:
        *_, section, name = node["$ref"].split("/")
        node = SPEC["components"][section][name]
    return node


def _schema(template: str, method: str, status: int, media: str) -> dict:
    responses = SPEC["paths"][template][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {template} answered {status}, which is not documented"
    content = _resolve(responses[str(status)])["content"]
    entry = content.get(media) or content.get("*/*")
    assert entry is not None, f"{template} {status} answered {media}, not documented"
    return {**entry["schema"], "components": SPEC["components"]}


@pytest.fixture(scope="module")
def client(hashing_build_dir):
    app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": hashing_build_dir})
    yield app.test_client()
    app.extensions["kgqa"].close()


@pytest.mark.parametrize("method, path, params", CALLS)
def test_response_matches_the_document(client, method, path, params):
    template = _template(path)
    assert template, f"{path} is not in the OpenAPI document"
    r = getattr(client, method)(path, query_string=params)
    schema = _schema(template, method, r.status_code, r.mimetype)
    if r.mimetype.endswith("json"):
        # the schema carries the document's components, so its "#/components/..." refs resolve
        jsonschema.validate(r.get_json(), schema)


def test_every_documented_operation_is_exercised():
    called = {(m, _template(p)) for m, p, _ in CALLS}
    documented = {(m, t) for t, ops in SPEC["paths"].items() for m in ops if not (t == "/sparql" and m == "post")}
    assert documented <= called


def _parameter(spec: dict, template: str, name: str) -> dict:
    return next(p for p in spec["paths"][template]["get"]["parameters"] if p["name"] == name)


def test_the_file_is_the_document_served_with_the_default_settings():
    assert document(defaults()) == SPEC


def test_served_bounds_are_the_configured_ones_and_enforced(tmp_path):
    from graph.exports import FORMATS

    config = {"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": str(tmp_path), "MAX_K": 7, "DEFAULT_K": 3,
              "MAX_QUESTION_CHARS": 100, "QUERY_MAX_LIMIT": 50, "SPARQL_MAX_QUERY_CHARS": 999}
    app = create_app(config)
    try:
        client = app.test_client()
        served = client.get("/api/openapi.json").get_json()
        k = _parameter(served, "/api/ask", "k")["schema"]
        assert (k["minimum"], k["maximum"], k["default"]) == (1, 7, 3)
        assert _parameter(served, "/api/ask", "q")["schema"]["maxLength"] == 100
        limit = _parameter(served, "/api/queries/{name}", "limit")["schema"]
        assert (limit["maximum"], limit["default"]) == (50, 50)
        assert _parameter(served, "/sparql", "query")["schema"]["maxLength"] == 999
        assert _parameter(served, "/api/export/{format}", "format")["schema"]["enum"] == list(FORMATS)
        export = served["paths"]["/api/export/{format}"]["get"]["responses"]["200"]["content"]
        assert set(export) == {f.media_type for f in FORMATS.values()}
        # and the app refuses just past them
        assert client.get("/api/ask", query_string={"q": "MASH", "k": 8}).status_code == 400
        assert client.get("/api/ask", query_string={"q": "M" * 101}).status_code == 400
        assert client.get("/api/queries/statements-on-topic", query_string={"limit": 51}).status_code == 400
    finally:
        app.extensions["kgqa"].close()


@pytest.mark.parametrize("template, method", [(t, m) for t, ops in SPEC["paths"].items() for m in ops])
def test_every_error_is_documented_with_the_error_shape(template, method):
    responses = SPEC["paths"][template][method]["responses"]
    assert {"414", "431"} <= set(responses), "every operation can meet an overlong URL or header"
    for status, response in responses.items():
        if status[0] in "45":
            assert _resolve(response)["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
