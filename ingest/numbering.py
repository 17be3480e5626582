"""How reports number their paragraphs and the parts of a recommendation: one pattern each, for every stage
that reads them (blocks, markers, sentences, the structure and the parser's joining of lone numbers)."""
from __future__ import annotations

# A paragraph's number as reports print it: "12", "2.20", "4.311", "113.4" (the full stop after it, or none, and
# what may follow it, are the reader's: "12. The …" opens a paragraph, "4.311." alone on its line waits for one).
PARAGRAPH_NUMBER = r"\d{1,3}(?:\.\d{1,3})*"
# A lettered or roman sub-part of a recommendation or a list, as printed: "(a)", "(c)", "(iv)".
LETTERED_PART = r"\((?:[a-z]|[ivx]{1,4})\)"
