"""The JSON Schema of the document model, derived from the dataclasses so the two cannot drift.

``python -m ingest.schema > ingest/schema.json`` rewrites the committed copy; a test checks it.
The schema cannot say that a passage's section exists: ``ingest.validate`` checks the references.
"""
from __future__ import annotations

import dataclasses
import json
import types
import typing

from . import model

_PRIMITIVES = {str: {"type": "string"}, int: {"type": "integer"}, bool: {"type": "boolean"},
               float: {"type": "number"}, typing.Any: {}}


def _schema_for(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_for(a, defs) for a in typing.get_args(tp)]
        return {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if origin is list:
        (item,) = typing.get_args(tp) or (typing.Any,)
        return {"type": "array", "items": _schema_for(item, defs)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__.rstrip("_")
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(tp)
            props = {f.name: _schema_for(hints[f.name], defs) for f in dataclasses.fields(tp)}
            required = [f.name for f in dataclasses.fields(tp)
                        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
            defs[name] = {"type": "object", "description": (tp.__doc__ or "").strip().splitlines()[0],
                          "properties": props, "required": required}
        return {"$ref": f"#/$defs/{name}"}
    return dict(_PRIMITIVES.get(tp, {}))


def document_schema() -> dict:
    """The JSON Schema that ``kgqa ingest`` output follows."""
    defs: dict = {}
    root = _schema_for(model.Report, defs)
    report = defs["Report"]
    report["properties"]["schema_version"] = {"type": "integer", "const": 1}
    # What every consumer needs: the version that says this is a document model, and at least
    # one section and one passage (ingest refuses a report with none).
    report["required"] = [*report["required"], "schema_version", "sections", "passages"]
    report["properties"]["sections"]["minItems"] = 1
    report["properties"]["passages"]["minItems"] = 1
    # Each note also carries "source": its first source, for readers that want one.
    defs["Note"]["properties"]["source"] = {"anyOf": [{"$ref": "#/$defs/Source"}, {"type": "null"}]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "urn:kgqa:schema:document-model",
            "title": "kgqa document model", **{k: v for k, v in report.items()},
            "$defs": {k: v for k, v in defs.items() if k != "Report"}, **({} if root else {})}


if __name__ == "__main__":
    print(json.dumps(document_schema(), indent=1, ensure_ascii=False))
