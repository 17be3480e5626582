"""The glossary: acronyms and their expansions, from a Glossary section."""
from __future__ import annotations

import re

from .model import GlossaryEntry

# "MASH  Multi-Agency Safeguarding Hub": the acronym, two spaces (or one after an all-capital
# acronym), then the expansion starting with a capital.
_ENTRY = re.compile(r"^([A-Z][A-Za-z&]{1,11})(?:\s{2,}|\s(?=[A-Z][a-z]))([A-Z].+?)\s*$")


def find_glossary(structure, source: str, page_of) -> list[GlossaryEntry]:
    """Glossary entries from every section whose title says Glossary."""
    out: list[GlossaryEntry] = []
    for sec in structure.sections:
        if "glossary" not in sec.title.lower():
            continue
        for block in structure.section_blocks.get(sec.id, []):
            for line in block.lines:
                m = _ENTRY.match(line.text)
                if not m or not _acronym_like(m.group(1)):
                    continue
                out.append(GlossaryEntry(m.group(1), m.group(2).strip(), line.start, line.end, page_of(line.start)))
    return out


def _acronym_like(token: str) -> bool:
    capitals = sum(1 for c in token if c.isupper())
    return capitals >= 2 or len(token) <= 4
