"""/sparql: the SPARQL 1.1 Protocol, read-only, for clients on any origin (CORS).

Results as the request asks (web/sparql_formats.py), 406 for what cannot be served; a browser's GET
gets the query editor, with the results of its query as a table.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from .errors import ApiError, error_response
from .services import services
from .sparql_formats import GRAPH_ACCEPT, RESULT_ACCEPT, pick_format, served
from .sparql_safety import query_form
from .sparql_worker import SparqlError

bp = Blueprint("sparql", __name__)
METHODS = "GET, HEAD, POST, OPTIONS"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After, Content-Disposition"}
EXTENSIONS = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml", "text/csv": "csv",
              "text/tab-separated-values": "tsv", "text/turtle": "ttl", "application/n-triples": "nt",
              "application/rdf+xml": "rdf", "application/ld+json": "jsonld"}
PREFLIGHT = {"Access-Control-Allow-Methods": METHODS, "Access-Control-Allow-Headers": "Content-Type, Accept",
             "Access-Control-Max-Age": "86400", "Allow": METHODS}


def _query_text() -> str | None:
    """The query from GET ?query=, a form POST, or a direct application/sparql-query POST."""
    if request.method in ("GET", "HEAD"):
        return request.args.get("query")
    ctype = (request.mimetype or "").lower()
    if ctype == "application/sparql-query":
        return request.get_data(as_text=True)
    if ctype == "application/x-www-form-urlencoded" or request.form:
        if "update" in request.form:
            raise ApiError("SPARQL Update is not allowed: this endpoint is read-only")
        return request.form.get("query")
    if ctype == "application/sparql-update":
        raise ApiError("SPARQL Update is not allowed: this endpoint is read-only")
    raise ApiError(f"unsupported content type {ctype or '(none)'}: send application/sparql-query or a form", 415)


def _wants_page() -> bool:
    """Whether a GET comes from a browser (HTML preferred over every results format)."""
    offers = [*RESULT_ACCEPT, *GRAPH_ACCEPT, "text/html"]
    return request.method in ("GET", "HEAD") and bool(request.accept_mimetypes) and \
        request.accept_mimetypes.best_match(offers) == "text/html"


def _sparql_error(exc: SparqlError):
    """The JSON error shape, with Retry-After when the slots are full."""
    response = error_response(exc.message, exc.status)
    if exc.retry_after:
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


@bp.route("/sparql", methods=["GET", "HEAD", "POST", "OPTIONS"])
def sparql():
    """Run a read-only query; with no query, a browser gets the query editor."""
    from .pages import sparql_editor

    if request.method == "OPTIONS":
        return Response(status=204, headers=PREFLIGHT)
    query = _query_text()
    fmt = request.args.get("format") or (request.form.get("format") if request.method == "POST" else None)
    if query is None:
        browser = request.accept_mimetypes.best_match(["text/html", "application/json"]) == "text/html"
        if request.method in ("GET", "HEAD") and (browser or fmt == "json"):
            return sparql_editor()
        raise ApiError("no query: pass query=... (SPARQL 1.1 Protocol)")
    limit = int(current_app.config["SPARQL_MAX_QUERY_CHARS"])
    if len(query) > limit:
        raise ApiError(f"the query is longer than {limit} characters", 413)
    if not fmt and _wants_page():
        return _page(query)
    result_name = pick_format(False, fmt, request.accept_mimetypes)
    graph_name = pick_format(True, fmt, request.accept_mimetypes)
    if result_name is None or graph_name is None:  # only then does the query's form matter before it runs
        graph = query_form(query) in ("CONSTRUCT", "DESCRIBE")
        if (graph_name if graph else result_name) is None:
            asked = f"format={fmt}" if fmt else f"Accept: {request.headers.get('Accept')}"
            raise ApiError(f"cannot serve {asked}; a {'CONSTRUCT or DESCRIBE' if graph else 'SELECT or ASK'} "
                           f"query is served as {served(graph)}", 406)
    try:
        ctype, body = services().sparql.query(query, result_name or "json", graph_name or "turtle")
    except SparqlError as exc:
        return _sparql_error(exc)
    headers = {}
    if request.args.get("download"):
        headers["Content-Disposition"] = f'attachment; filename="results.{EXTENSIONS[ctype.split(";")[0]]}"'
    return Response(body, content_type=ctype, headers=headers)


def _page(query: str):
    """The editor with this query and its results (a table, a yes or no, or Turtle), or its error."""
    from .pages import sparql_editor

    try:
        ctype, body = services().sparql.query(query, "json", "turtle")
    except SparqlError as exc:
        response = sparql_editor(query, {"error": exc.message}, exc.status)
        if exc.retry_after:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    if ctype.startswith("text/turtle"):
        return sparql_editor(query, {"turtle": body.decode("utf-8")})
    data = json.loads(body)
    if "boolean" in data:
        return sparql_editor(query, {"boolean": data["boolean"]})
    columns = data["head"]["vars"]
    rows = [[b.get(c, {}).get("value", "") for c in columns] for b in data["results"]["bindings"]]
    return sparql_editor(query, {"columns": columns, "rows": rows})


@bp.after_app_request
def _cors(response):
    """Every /sparql answer may be read by a page on any origin; a 405 there says what is allowed."""
    if request.path == "/sparql":
        response.headers.update(CORS)
        response.vary.add("Accept")
        if response.status_code == 405:
            response.headers["Allow"] = METHODS
    return response
