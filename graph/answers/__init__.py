"""Questions about relations, answered from the graph: the whole set, each fact with its evidence.

A question pattern names a relation and which end of it the question's entity stands at ("Which
recommendations are addressed to MOPAC?": ``addressedTo``, MOPAC the object). The entity is linked
through the graph's own names (labels, acronyms, aliases), and the answer is the rows of a shipped
named query, so a user can rerun it in the SPARQL editor or on /queries. No language model: a question
that matches no pattern, or names no entity the graph knows, gets None and is answered with passages.
"""
from .answerer import GraphAnswerer
from .model import GraphAnswer, speaks_of
from .phrasing import join_words, number_order

__all__ = ["GraphAnswer", "GraphAnswerer", "join_words", "number_order", "speaks_of"]
