"""The HTML pages; each has a JSON twin (``.json``, ``?format=json`` or ``Accept: application/json``)."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, jsonify, make_response, redirect, render_template, request, url_for

from . import views
from .errors import NotFound
from .negotiation import wants_json
from .params import PATH_NUMBER
from .services import services

bp = Blueprint("pages", __name__)

EXAMPLES = [
    "What did witnesses say about MASH seniority?",
    "Which recommendations are for MOPAC?",
    "How many child abuse investigation teams does SOECA have?",
    "What did AC Rowley say about pressure on SOECA?",
    "How did FGM referrals to the Met change between 2012 and 2013?",
    "What does IDVA stand for?",
]
_RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


def page(template: str, data: dict, **extra):
    """Render a page, or its JSON twin when JSON is asked for."""
    if wants_json():
        return jsonify(data)
    return render_template(template, data=data, **extra)


def rdf_requested() -> str | None:
    """The RDF format an Accept header prefers over HTML, if any."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json", *_RDF_TYPES])
    return _RDF_TYPES.get(best or "")


def describe(iri: str, fmt: str) -> Response:
    """The triples about a resource (its concise bounded description) in an RDF format."""
    from rdflib import Graph, URIRef

    from graph.build import bind_prefixes

    svc = services()
    g = Graph()
    bind_prefixes(g)
    subject = URIRef(iri)
    if svc.store:  # the graph is in a SPARQL server: the same triples, by one CONSTRUCT over its union graph
        if not re.fullmatch(r"[^\s<>\"{}|^`\\]+", iri):
            raise NotFound(f"no resource {iri}")
        g += svc.engine.construct(f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} "
                                  f"WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?q <{iri}> }} }}")
    else:
        ds = svc.dataset
        for s, p, o, _ in ds.quads((subject, None, None, None)):
            g.add((s, p, o))
        for s, p, o, _ in ds.quads((None, None, subject, None)):
            g.add((s, p, o))
    if len(g) == 0:
        raise NotFound(f"no resource {iri}")
    mime = next(k for k, v in _RDF_TYPES.items() if v == fmt)
    return Response(g.serialize(format=fmt, encoding="utf-8"), mimetype=mime)


def _split_key(sentence: dict) -> dict:
    """A sentence cut around its key span, for marking without unescaped HTML."""
    key = sentence.get("key")
    text = sentence["text"]
    if not key:
        return {**sentence, "pre": text, "mark": "", "post": ""}
    return {**sentence, "pre": text[:key["start"]], "mark": text[key["start"]:key["end"]], "post": text[key["end"]:]}


@bp.get("/")
@bp.get("/ask")
def ask():
    """The question box, and the answer with its cited passages."""
    q = request.args.get("q")
    filters = {f: request.args.get(f, "") for f in views.FILTERS}
    if not q:
        data = {"question": None, "examples": EXAMPLES}
        if wants_json():
            return jsonify(data)
        return render_template("ask.html", data=None, examples=EXAMPLES, choices=views.filter_choices(),
                               filters=filters, k=request.args.get("k", ""))
    data = views.ask_data(q, request.args.get("k") or None, filters)  # a blank k field is no k
    if wants_json():
        return jsonify(data)
    sentences = [_split_key(s) for s in data["answer"]["sentences"]]
    return render_template("ask.html", data=data, sentences=sentences, examples=EXAMPLES,
                           choices=views.filter_choices(), filters=filters, k=request.args.get("k", ""))


@bp.get("/passages/<path:pid>")
def passage(pid):
    """A passage highlighted within its section, with its notes, statements and entities."""
    as_json = pid.endswith(".json")
    pid = pid[:-5] if as_json else pid
    fmt = rdf_requested()
    if fmt:
        report, p = views.find_passage(pid)
        from graph.build import Iris, _local

        return describe(str(Iris(services().base_iri).part(report.id, "passage", _local(report.id, p.id))), fmt)
    data = views.passage_data(pid)
    return jsonify(data) if as_json else page("passage.html", data)


@bp.get("/notes/<rid>/<int:number>")
def note(rid, number):
    """One note in full and the passages that cite it."""
    return page("note.html", views.note_data(rid, number))


@bp.get("/entities")
def entities():
    """All entities, searchable."""
    return page("entities.html", views.entity_list(request.args.get("q"), request.args.get("kind")),
                q=request.args.get("q", ""), kind=request.args.get("kind", ""))


@bp.get("/entities/<path:eid>")
def entity(eid):
    """An entity: names, relations with evidence, recommendations, statements, passages, neighbourhood."""
    as_json = eid.endswith(".json")
    eid = eid[:-5] if as_json else eid
    fmt = rdf_requested()
    if fmt:
        net = services().network
        if eid not in net:
            raise NotFound(f"no entity {eid!r}")
        return describe(net.nodes[eid]["iri"], fmt)
    data = views.entity_data(eid)
    return jsonify(data) if as_json else page("entity.html", data)


@bp.get("/recommendations")
def recommendations():
    """All recommendations with bullets, addressees, deadlines and evidence."""
    return page("recommendations.html", views.recommendations_data(request.args.get("addressee")))


@bp.get("/people")
def people():
    """Witnesses and members, with what each said."""
    return page("people.html", views.people_data())


@bp.get("/graph")
def graph():
    """The interactive network explorer (its data comes from /api/graph)."""
    kinds = views.entity_list()["kinds"]
    return page("graph.html", {"kinds": kinds, "elements": "/api/graph", "path": "/api/path",
                               "entity_api": "/api/entities/"})


@bp.get("/queries")
def queries():
    """The named analyst queries, each a form."""
    return page("queries.html", views.query_list())


@bp.get("/queries/<name>")
def query(name):
    """A named query: its form, and a page of its rows with links to the next and previous pages."""
    as_json = name.endswith(".json")
    name = name[:-5] if as_json else name
    # a form's blank field is no value; the API (/api/queries/NAME) takes an empty number as a bad one
    args = {key: value for key, value in request.args.items() if value != ""}
    data = views.query_data(name, args, suffix=".json" if as_json else "")
    return jsonify(data) if as_json else page("query.html", data)


@bp.get("/downloads")
def downloads():
    """Every export format, with the tool that opens it."""
    from graph.exports import FORMATS

    items = [{"format": f.name, "url": url_for("api.export", fmt=f.name), "media_type": f.media_type,
              "extension": f.extension, "holds": f.holds, "opens_with": f.opens_with} for f in FORMATS.values()]
    items.append({"format": "ontology", "url": url_for("pages.ontology"), "media_type": "text/turtle",
                  "extension": "ttl", "holds": "rdf", "opens_with": "the project ontology: Protégé, any RDF tool"})
    return page("downloads.html", {"downloads": items})


@bp.get("/ontology.ttl")
def ontology():
    """The project's ontology."""
    path = Path(__file__).resolve().parent.parent / "graph" / "ontology.ttl"
    return Response(path.read_text(encoding="utf-8"), mimetype="text/turtle")


# The JSON twins: same views under their own endpoint names, so url_for() keeps giving the HTML URL.
for _rule, _view in [("/ask.json", ask), ("/notes/<rid>/<int:number>.json", note), ("/entities.json", entities),
                     ("/recommendations.json", recommendations), ("/people.json", people), ("/graph.json", graph),
                     ("/downloads.json", downloads), ("/queries.json", queries)]:
    bp.add_url_rule(_rule, endpoint=f"{_view.__name__}_json", view_func=_view)


def sparql_editor(query: str | None = None, outcome: dict | None = None, status: int = 200):
    """The SPARQL query editor, with the named analyst queries as examples (a browser's GET of /sparql);
    given a query, it is filled in and its outcome (columns and rows, a boolean, Turtle, or an error) shown."""
    from graph.store import DEFAULT_PAGE, named_queries, with_prefixes

    base = services().base_iri
    examples = [{"name": q.name, "title": q.title, "text": with_prefixes(q.bind({}, limit=DEFAULT_PAGE), base)}
                for q in named_queries().values()]
    data = {"examples": examples, "endpoint": url_for("sparql.sparql")}
    # /sparql answers JSON errors for protocol clients, so the page decides here, not by path
    if query is None and (request.args.get("format") == "json" or
                          request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"):
        return jsonify(data)
    data.update(query=query, outcome=outcome)
    return make_response(render_template("sparql.html", data=data), status)


@bp.get("/id/<path:rest>")
def resource(rest):
    """Every IRI under the base answers: HTML pages for people, RDF for RDF clients."""
    svc = services()  # Flask has already decoded the path once
    iri = svc.base_iri + rest
    fmt = rdf_requested()
    if fmt:
        return describe(iri, fmt)
    parts = rest.split("/")
    if parts[0] == "entity" and len(parts) == 2:
        return redirect(url_for("pages.entity", eid=parts[1]), 303)
    if parts[0] == "report" and len(parts) >= 4 and parts[2] == "passage":
        return redirect(url_for("pages.passage", pid=f"{parts[1]}-{parts[3]}"), 303)
    if parts[0] == "report" and len(parts) >= 4 and parts[2] == "note" and PATH_NUMBER.fullmatch(parts[3]):
        return redirect(url_for("pages.note", rid=parts[1], number=int(parts[3])), 303)
    if parts[0] == "report" and len(parts) >= 4 and parts[2] == "recommendation":
        return redirect(url_for("pages.recommendations") + f"#{parts[1]}/recommendation/{parts[3]}", 303)
    return describe(iri, "turtle")
