"""Entities: find the organisations, units, operations, people, places, publications and topics a
report names, and resolve every form of a name (acronym, expansion, "AC Rowley") to one entity.

Sources, in order: reference names (graph/lexicon.py, only where a report uses them), the glossary,
the people and organisation lists, note sources, recommendation addressees, definitions in the text
("Child Abuse Investigation Command (SCO5)"), capitalised names with a telling head word
("Specialist Crime Directorate"), "Operation X" / "Project X", section headings (topics) and places.

The parts: ``names`` (the one folding rule, ``fold``; kinds; what a name's words say it names), ``registry``
(``Entity``, ``Registry``), ``definitions`` (names a text defines, and a report's own words), ``extract`` (one
report's entities), ``corpus`` (``build_registry``: the names only a whole corpus settles) and ``matcher``
(mentions in text). The names other modules use are here.
"""
from __future__ import annotations

from .corpus import build_registry, self_names
from .definitions import definitions, own_texts, own_words
from .extract import HOUSE
from .matcher import Matcher, Mention
from .names import (AGENCY_KINDS, CONNECTORS, cited_title, fold, head_kind, looks_like_person, same_person,
                    surname)
from .registry import Entity, Registry, self_key

__all__ = ["AGENCY_KINDS", "CONNECTORS", "HOUSE", "Entity", "Matcher", "Mention", "Registry", "build_registry",
           "cited_title", "definitions", "fold", "head_kind", "looks_like_person", "own_texts", "own_words",
           "same_person", "self_key", "self_names", "surname"]
