"""What a request asks to be answered in: JSON or HTML (used by the pages and by the app's error handlers)."""
from __future__ import annotations

from flask import request


def wants_json() -> bool:
    """Whether this request is for JSON: the API, a .json twin, or an Accept header asking for it."""
    if request.path.startswith(("/api/", "/sparql")) or request.path.endswith(".json"):
        return True
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"
