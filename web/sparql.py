"""/sparql: the SPARQL 1.1 Protocol, read-only, JSON (or CSV/TSV) results and Turtle graphs."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request

from .errors import ApiError
from .services import services
from .sparql_worker import SparqlError

bp = Blueprint("sparql", __name__)

_RESULTS = {"application/sparql-results+json": "json", "application/json": "json", "text/csv": "csv",
            "text/tab-separated-values": "tsv"}
_GRAPHS = {"text/turtle": "turtle", "application/n-triples": "ntriples"}


def _query_text() -> str | None:
    """The query from GET ?query=, a form POST, or a direct application/sparql-query POST."""
    if request.method == "GET":
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


@bp.route("/sparql", methods=["GET", "POST"])
def sparql():
    """Run a read-only query; with no query, a browser gets the query editor."""
    query = _query_text()
    if query is None:
        browser = request.accept_mimetypes.best_match(["text/html", "application/json"]) == "text/html"
        if request.method == "GET" and (browser or request.args.get("format") == "json"):
            from .pages import sparql_editor

            return sparql_editor()
        raise ApiError("no query: pass query=... (SPARQL 1.1 Protocol)")
    if len(query) > int(current_app.config["SPARQL_MAX_QUERY_CHARS"]):
        raise ApiError(f"the query is longer than {current_app.config['SPARQL_MAX_QUERY_CHARS']} characters", 413)
    fmt = request.args.get("format") or request.form.get("format")
    result_format = {"json": "json", "csv": "csv", "tsv": "tsv"}.get(fmt or "") or \
        _RESULTS.get(request.accept_mimetypes.best_match(list(_RESULTS)) or "", "json")
    graph_format = _GRAPHS.get(request.accept_mimetypes.best_match(list(_GRAPHS)) or "", "turtle")
    try:
        ctype, body = services().sparql.query(query, result_format, graph_format)
    except SparqlError as exc:
        raise ApiError(exc.message, exc.status) from None
    headers = {}
    if fmt in ("csv", "json", "tsv") and request.args.get("download"):
        headers["Content-Disposition"] = f'attachment; filename="results.{fmt}"'
    return Response(body, content_type=ctype, headers=headers)
