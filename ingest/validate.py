"""Checking a document model's JSON before anything uses it: the schema, then the references between parts.

A report read back from JSON (``kgqa serve report.json``, a reused build) is checked here first,
so a file with wrong types or dangling references is refused with one line instead of failing
later inside a request.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

import jsonschema_rs

_MAX_MESSAGE = 160  # a fault's message quotes the bad value; a long one is cut to keep the line short


@lru_cache(maxsize=1)
def _validator():
    schema = json.loads((resources.files("ingest") / "schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema)


def document_fault(data: Any) -> str | None:
    """The first fault of a document model's JSON as "JSON path: what is wrong", or None when it is sound."""
    error = next(iter(_validator().iter_errors(data)), None)
    if error is not None:
        return f"{_json_path(error.instance_path)}: {_short(error.message)}"
    return next(_reference_faults(data), None)


def _json_path(parts) -> str:
    """A JSONPath such as $.passages[3].text."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= _MAX_MESSAGE else message[:_MAX_MESSAGE - 1] + "…"


def _reference_faults(data: dict) -> Iterator[str]:
    """Faults the schema cannot see: duplicate ids, and references to sections or passages that do not exist."""
    sections = _unique_ids(data, "sections")
    passages = _unique_ids(data, "passages")
    if isinstance(sections, str):
        yield sections
        return
    if isinstance(passages, str):
        yield passages
        return
    for i, s in enumerate(data["sections"]):
        if s["parent"] is not None and s["parent"] not in sections:
            yield f"$.sections[{i}].parent: names no section of the report ({s['parent']!r})"
    yield from _parent_cycles(data["sections"])
    for i, p in enumerate(data["passages"]):
        if p["section"] not in sections:
            yield f"$.passages[{i}].section: names no section of the report ({p['section']!r})"
    for i, m in enumerate(data.get("markers", [])):
        if m.get("passage") is not None and m["passage"] not in passages:
            yield f"$.markers[{i}].passage: names no passage of the report ({m['passage']!r})"
    for i, st in enumerate(data.get("statements", [])):
        if st["passage"] not in passages:
            yield f"$.statements[{i}].passage: names no passage of the report ({st['passage']!r})"
    for i, r in enumerate(data.get("recommendations", [])):
        if r["section"] not in sections:
            yield f"$.recommendations[{i}].section: names no section of the report ({r['section']!r})"
        for field in ("passages", "evidence"):
            for j, pid in enumerate(r.get(field, [])):
                if pid not in passages:
                    yield f"$.recommendations[{i}].{field}[{j}]: names no passage of the report ({pid!r})"


def _unique_ids(data: dict, key: str) -> set[str] | str:
    """The ids of data[key], or a fault when two share one."""
    seen: set[str] = set()
    for i, item in enumerate(data[key]):
        if item["id"] in seen:
            return f"$.{key}[{i}].id: {item['id']!r} is the id of an earlier one too"
        seen.add(item["id"])
    return seen


def _parent_cycles(sections: list[dict]) -> Iterator[str]:
    """A section that is its own ancestor (the section tree would never end)."""
    parent = {s["id"]: s["parent"] for s in sections}
    for i, s in enumerate(sections):
        seen, at = {s["id"]}, s["parent"]
        while at is not None and at in parent:
            if at in seen:
                yield f"$.sections[{i}].parent: the section is its own ancestor ({s['id']!r})"
                return
            seen.add(at)
            at = parent[at]
