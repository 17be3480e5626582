"""The result formats /sparql serves, how a request picks one, and how pyoxigraph writes them.

SELECT and ASK: SPARQL results in JSON, XML, CSV or TSV. CONSTRUCT and DESCRIBE: Turtle, N-Triples,
RDF/XML or JSON-LD. A request picks by ``format=`` (a short name, as SPARQLWrapper sends, or a media
type) or else by its Accept header; no Accept, or ``*/*``, gets the first (JSON, Turtle).
"""
from __future__ import annotations

import json

# name -> media type of the response
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
# Accept media types -> name, the default first (what */* and no Accept get).
RESULT_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_ACCEPT = {
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "text/n3": "turtle", "text/rdf+n3": "turtle",  # Turtle is N3
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "application/json": "jsonld",
}
# format= names (SPARQLWrapper's among them) -> name
RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "nt": "ntriples", "ntriples": "ntriples",
               "n-triples": "ntriples", "xml": "rdfxml", "rdf": "rdfxml", "rdf+xml": "rdfxml", "rdfxml": "rdfxml",
               "json": "jsonld", "json-ld": "jsonld", "jsonld": "jsonld"}


def pick_format(graph: bool, fmt: str | None, accept) -> str | None:
    """The format name for a query that gives a graph (or not), from format= or the Accept header
    (a werkzeug MIMEAccept); None when neither can be served."""
    names, offers = (GRAPH_NAMES, GRAPH_ACCEPT) if graph else (RESULT_NAMES, RESULT_ACCEPT)
    if fmt:
        fmt = fmt.strip().lower()
        return names.get(fmt) or offers.get(fmt.split(";")[0].strip())
    if not accept:
        return next(iter(offers.values()))
    best = accept.best_match(list(offers))
    return offers[best] if best else None


def served(graph: bool) -> str:
    """The media types served for one kind of result, for a 406 message."""
    return ", ".join(t.split(";")[0] for t in (GRAPH_TYPES if graph else RESULT_TYPES).values())


def _term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate), "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def write_solutions(variables: list[str], rows: list[list], name: str) -> bytes:
    """SELECT rows in a results format: JSON written here, the others by pyoxigraph from that JSON."""
    import pyoxigraph as ox

    bindings = [{v: _term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    body = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if name == "json":
        return body
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=getattr(ox.QueryResultsFormat, name.upper()))


def write_boolean(value, name: str) -> bytes:
    """An ASK answer in a results format."""
    import pyoxigraph as ox

    return value.serialize(format=getattr(ox.QueryResultsFormat, name.upper()))


def write_triples(triples: list, name: str, prefixes: dict[str, str]) -> bytes:
    """CONSTRUCT or DESCRIBE triples in an RDF format (prefixes where the syntax has them)."""
    import pyoxigraph as ox

    fmt = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML,
           "jsonld": ox.RdfFormat.JSON_LD}[name]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    return ox.serialize(triples, format=fmt) or b""
