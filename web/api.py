"""The JSON API: /api/ask, entities, passages, recommendations, people, path, export, health, OpenAPI."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from . import explorer, views
from .errors import ApiError, NotFound
from .services import services

bp = Blueprint("api", __name__, url_prefix="/api")


def _filters() -> dict:
    return {f: request.args.get(f, "") for f in views.FILTERS}


@bp.get("/ask")
def ask():
    """Answer a question with cited passages."""
    return jsonify(views.ask_data(request.args.get("q"), request.args.get("k"), _filters()))


@bp.get("/passages/<path:pid>")
def passage(pid):
    """A passage in context."""
    return jsonify(views.passage_data(pid))


@bp.get("/notes/<rid>/<int:number>")
def note(rid, number):
    """A note and the passages that cite it."""
    return jsonify(views.note_data(rid, number))


@bp.get("/entities")
def entities():
    """Entities, searchable by name and kind."""
    return jsonify(views.entity_list(request.args.get("q"), request.args.get("kind")))


@bp.get("/entities/<path:eid>")
def entity(eid):
    """One entity with its relations and evidence."""
    return jsonify(views.entity_data(eid))


@bp.get("/recommendations")
def recommendations():
    """All recommendations."""
    return jsonify(views.recommendations_data(request.args.get("addressee")))


@bp.get("/people")
def people():
    """Witnesses and members, with what each said."""
    return jsonify(views.people_data())


@bp.get("/queries")
def queries():
    """The named analyst queries and their parameters."""
    return jsonify(views.query_list())


@bp.get("/queries/<name>")
def query(name):
    """One page of a named query, its parameters given as query arguments."""
    return jsonify(views.query_data(name, request.args.to_dict(), "api.query"))


@bp.get("/path")
def path():
    """The shortest explained path between two entities."""
    return jsonify(views.path_data(request.args.get("from"), request.args.get("to")))


@bp.get("/graph")
def graph():
    """The entity network as Cytoscape.js elements."""
    kinds = [k for k in request.args.get("kinds", "").split(",") if k]
    relation_kind = request.args.get("relation_kind") or None
    if relation_kind not in (None, "stated", "co-mention"):
        raise ApiError("relation_kind is stated or co-mention")
    return jsonify(explorer.graph_data(kinds, relation_kind))


@bp.get("/export/<fmt>")
def export(fmt):
    """The graph in an export format, as a download."""
    from graph.exports import FORMATS, export as export_graph

    if fmt not in FORMATS:
        raise NotFound(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    spec = FORMATS[fmt]
    svc = services()
    if svc.store:  # the graph is in a SPARQL server: fetched for this export, nothing kept
        body = export_graph(svc.dataset if spec.holds == "rdf" else svc.network.whole(), fmt)
    else:
        source = svc.dataset if spec.holds == "rdf" else svc.network
        # An export takes seconds and the graph never changes while it is loaded: make each format once.
        made = current_app.extensions.setdefault("kgqa_exports", {})
        if fmt not in made or made[fmt][0] is not source:
            made[fmt] = (source, export_graph(source, fmt))
        body = made[fmt][1]
    return Response(body, mimetype=spec.media_type,
                    headers={"Content-Disposition": f'attachment; filename="kgqa-graph.{spec.extension}"'})


@bp.get("/health")
def health():
    """Liveness and what is loaded."""
    return jsonify(views.health_data())


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI description of this API, its bounds those of this server's settings."""
    from .openapi import document

    return jsonify(document(current_app.config))


@bp.get("/<path:anything>")
def unknown(anything):
    """Every other /api path is a JSON 404."""
    raise NotFound(f"no API endpoint /api/{anything}")
