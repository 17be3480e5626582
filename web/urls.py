"""The stable URLs of the pages that other pages link to (passages, notes, entities)."""
from __future__ import annotations

from flask import url_for


def passage_url(pid: str) -> str:
    """The stable URL of a passage page."""
    return url_for("pages.passage", pid=pid)


def entity_url(node: str) -> str:
    """The stable URL of an entity page."""
    return url_for("pages.entity", eid=node)


def note_url(rid: str, number: int) -> str:
    """The stable URL of a note page."""
    return url_for("pages.note", rid=rid, number=number)
