"""The OpenAPI document as served: web/openapi.json with every bound filled in from this app's settings.

Wherever the file says ``"x-kgqa-from": {"maximum": "MAX_K"}``, the served document's ``maximum`` is the
app's MAX_K; the file itself carries the defaults, so it reads correctly on its own.
"""
from __future__ import annotations

import json
from pathlib import Path

FILE = Path(__file__).parent / "openapi.json"
FILL = "x-kgqa-from"


def bound_values(config) -> dict:
    """Every value the document takes from the settings (and from what they imply) by name."""
    from graph.exports import FORMATS
    from graph.store import DEFAULT_PAGE

    from .views import MAX_OFFSET

    values = {name: config[name] for name in ("MAX_QUESTION_CHARS", "DEFAULT_K", "MAX_K", "QUERY_MAX_LIMIT",
                                              "SPARQL_MAX_QUERY_CHARS")}
    values = {name: int(value) for name, value in values.items()}
    values["QUERY_DEFAULT_LIMIT"] = min(DEFAULT_PAGE, values["QUERY_MAX_LIMIT"])
    values["MAX_OFFSET"] = MAX_OFFSET
    values["EXPORT_FORMATS"] = list(FORMATS)
    from .sparql_formats import GRAPH_NAMES, RESULT_NAMES

    values["SPARQL_FORMATS"] = sorted(set(RESULT_NAMES) | set(GRAPH_NAMES))
    values["EXPORT_CONTENT"] = {f.media_type: _export_content(f.media_type) for f in FORMATS.values()}
    return values


def _export_content(media_type: str) -> dict:
    if media_type.endswith("json"):
        return {"schema": {"type": ["object", "array"]}}
    if media_type == "application/zip":
        return {"schema": {"type": "string", "format": "binary"}}
    return {"schema": {"type": "string"}}


def document(config) -> dict:
    """The OpenAPI document with the bounds of an app configured so."""
    spec = json.loads(FILE.read_text(encoding="utf-8"))
    _fill(spec, bound_values(config))
    return spec


def _fill(node, values: dict) -> None:
    if isinstance(node, dict):
        for key, name in node.get(FILL, {}).items():
            node[key] = values[name]
        for child in node.values():
            _fill(child, values)
    elif isinstance(node, list):
        for child in node:
            _fill(child, values)
