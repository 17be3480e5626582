"""An entity's names as the pages show them."""
from __future__ import annotations


def entity_forms(data: dict) -> list[str]:
    """A network node's names (label, full name, aliases) of three characters or more, longest first."""
    forms = {data.get("label", ""), data.get("name", "")} | set(data.get("aliases", []))
    return sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)
