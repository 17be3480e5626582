"""An entity's names as the pages show them, and a pattern that finds any of them as whole words in a text."""
from __future__ import annotations

import re


def entity_forms(data: dict) -> list[str]:
    """A network node's names (label, full name, aliases) of three characters or more, longest first."""
    forms = {data.get("label", ""), data.get("name", "")} | set(data.get("aliases", []))
    return sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)


def forms_pattern(forms: list[str]) -> re.Pattern | None:
    """A pattern matching any of these names as whole words (None for no names)."""
    if not forms:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def entity_pattern(data: dict) -> re.Pattern | None:
    """A pattern matching any of an entity's names as whole words."""
    return forms_pattern(entity_forms(data))
