"""People and organisations the report lists: members, witnesses, written evidence, site visits.

Each person is resolved across the forms of name the report uses: a rank or its abbreviation
("Assistant Commissioner Mark Rowley", "AC Mark Rowley", "AC Rowley") and misspellings one or
two letters apart ("Malcom Ward", "Sue Berelowitiz"). The canonical name is the spelling the
report uses most often.

The parts: ``names`` (titles, ranks, when two forms are one person), ``entries`` (one list entry read into
people, posts and bodies), ``lists`` (the lists read section by section: ``find_people``), ``panels`` (panels by
the questions they answered, written evidence by code) and ``resolve`` (one person across name forms and the
text). The names other modules use are here.
"""
from __future__ import annotations

from .entries import parse_person_entry
from .lists import MEMBER_LIST, find_people, member_body
from .names import (HONORIFICS, NAME_JOINS, NAME_PARTICLES, ORG_WORDS, PEER_TITLES, SurnameIndex, entry_name,
                    is_person_name, peer_title, person_id, similar_names, split_title, titles_of)
from .resolve import NameIndex, add_cited_witnesses

__all__ = ["HONORIFICS", "MEMBER_LIST", "NAME_JOINS", "NAME_PARTICLES", "ORG_WORDS", "PEER_TITLES", "NameIndex",
           "SurnameIndex", "add_cited_witnesses", "entry_name", "find_people", "is_person_name", "member_body",
           "parse_person_entry", "peer_title", "person_id", "similar_names", "split_title", "titles_of"]
