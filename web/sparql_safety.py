"""What a /sparql query may do: read this graph, never update it, never fetch another URL (SERVICE).

A SERVICE clause makes the engine fetch whatever URL the caller names (server-side request forgery),
and pyoxigraph has no switch to turn federation off. So a query is refused when its tokens hold the
SERVICE keyword (a SPARQL tokenizer: comments, all four string forms, IRIs and prefixed names are
single tokens, so a word inside them is not a keyword), checked on the text as Oxigraph reads it and
with \\u escapes expanded as the SPARQL specification and rdflib read it. The worker process then
parses the query with rdflib's SPARQL parser and refuses any ServiceGraphPattern in the parse tree, so
a trick must fool two independent parsers before the engine sees it.
"""
from __future__ import annotations

import re

# SPARQL 1.1 terminals, longest forms first; everything else is one character of punctuation.
_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             |'(?:[^'\\\r\n]|\\.)*'
             |"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[^\W\d]\w*(?:[.-]+\w+)*)?:
               (?:[\w:-]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%]|\.(?=[\w:%\\-]))*)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.X | re.S)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
# One message for every refused SERVICE, whatever its target: nothing about ports or hosts.
SERVICE_REFUSED = "SERVICE (federated query) is not allowed: this endpoint queries only its own graph"
UPDATE_REFUSED = "SPARQL Update ({}) is not allowed: this endpoint is read-only"


class UnsafeQuery(ValueError):
    """A query this endpoint refuses to run: an update or a SERVICE call."""


def tokens(query: str) -> list[tuple[str, str]]:
    """The query as (kind, text) tokens: ws, comment, string, iri, var, pname, langtag, word or other."""
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(query)]


def keywords(query: str) -> list[str]:
    """The bare words of a query, upper-cased, outside comments, strings, IRIs, variables and prefixed names."""
    return [text.upper() for kind, text in tokens(query) if kind == "word"]


def expand_codepoints(query: str) -> str:
    """The query with \\uXXXX and \\UXXXXXXXX escapes replaced, as SPARQL 1.1 section 19.2 reads them."""
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return _CODEPOINT.sub(char, query)


def query_form(query: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK (the first form keyword), or None when there is none."""
    return next((w for w in keywords(query) if w in FORMS), None)


def check_query(query: str) -> None:
    """Refuse SPARQL Update and any SERVICE keyword (raises UnsafeQuery); other faults are left to the engine."""
    for text in {query, expand_codepoints(query)}:
        toks = tokens(text)
        # Oxigraph's parser needs no word boundary after a keyword: it reads `SERVICE:x`, `SERVICEex:x`
        # and `SERVICESILENT<...>` as SERVICE clauses, so any word or prefixed name that starts so is refused.
        if any(kind in ("word", "pname") and tok.upper().startswith("SERVICE") for kind, tok in toks):
            raise UnsafeQuery(SERVICE_REFUSED)
        first = next((w for w in (t.upper() for k, t in toks if k == "word") if w in FORMS or w in UPDATES), None)
        if first in UPDATES:
            raise UnsafeQuery(UPDATE_REFUSED.format(first))


def check_parsed(query: str) -> None:
    """Refuse a query whose rdflib parse tree holds a SERVICE pattern; a query rdflib cannot parse passes
    (Oxigraph reads SPARQL 1.2 forms rdflib does not), as the token check has already run on it."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except (ParseException, ValueError, TypeError, RecursionError):
        return
    if _holds_service(tree):
        raise UnsafeQuery(SERVICE_REFUSED)


def _holds_service(node, depth: int = 0) -> bool:
    """Whether a parse tree (CompValue dicts, ParseResults and lists) holds a ServiceGraphPattern."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 500:
        return True  # deeper than any real query: refuse rather than miss a pattern
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            return True
        return any(_holds_service(v, depth + 1) for v in node.values())
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return any(_holds_service(v, depth + 1) for v in node)
    return False
