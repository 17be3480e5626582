"""The question-answering service: one call that returns the /api/ask JSON, and a load-once getter for it."""
from __future__ import annotations

import os
import time

from ingest.model import Report
from ingest.errors import IngestError
from ingest.store import read_reports

from .ann import ANN_FROM_SENTENCES
from .answer import ANSWER_PASSAGES, answer
from .cite import passage_record, recommendation_facts
from .encoder import Encoder, get_encoder
from .errors import QAError
from .index import CorpusIndex
from .notfound import NotFoundPolicy, days_named
from .retrieve import Filters, Ranking, Retriever, Weights

def load_reports(paths: list[str | os.PathLike] | None = None) -> list[Report]:
    """Reports from paths (text, PDF or ingest JSON); default the bundled report. Errors say why in one line."""
    try:
        return read_reports(paths)
    except IngestError as exc:
        raise QAError(str(exc)) from None


def entity_links(query) -> list[dict]:
    """The registry's entities a question names (by any of their names, or as a report calls its own body: 'the
    working group') or implies by a head noun ('the hubs')."""
    return [{"key": e.key, "label": e.label, "kind": e.kind, "by": by}
            for by, found in (("name", query.entities), ("head noun", query.expanded), ("own body", query.self_named))
            for e in found]


class QA:
    """Answers questions over a fixed set of reports; build once, then ask many times (thread-safe reads)."""

    def __init__(self, reports: list[Report], encoder: Encoder | None = None, weights: Weights | None = None,
                 cache_dir: str | os.PathLike | None = None, policy: NotFoundPolicy | None = None, progress=None,
                 graph=None, registry=None):
        # graph: answers relation questions from the knowledge graph (graph.answers.GraphAnswerer, or
        # anything with answer(question, report=None) -> GraphAnswer | None); None answers with passages only.
        # registry: the graph's entity registry of these reports (graph.entities.Registry); None builds it.
        self.graph = graph
        self.encoder = encoder or get_encoder()
        if progress:
            progress(f"indexing {sum(len(r.passages) for r in reports)} passages with {self.encoder.name}")
        self.index = CorpusIndex(reports, self.encoder, cache_dir, progress, registry)
        self.retriever = Retriever(self.index, weights)
        self.policy = policy or NotFoundPolicy.for_encoder(self.encoder)
        # The model's first call pays one-off set-up costs (hundreds of ms); pay them at load, not on a question.
        self.encoder.encode(["warm-up"])

    @classmethod
    def from_index(cls, index: CorpusIndex, weights: Weights | None = None, policy: NotFoundPolicy | None = None,
                   graph=None, ann_from: int = ANN_FROM_SENTENCES) -> "QA":
        """The service over an index already built (a build folder's, opened by corpus.Corpus); no warm-up encode.
        ann_from: the fewest sentences for rankings to use the ANN index (the ANN_FROM_SENTENCES setting)."""
        self = cls.__new__(cls)
        self.graph, self.encoder, self.index = graph, index.encoder, index
        self.retriever = Retriever(index, weights, ann_from=ann_from)
        # A lexical index (no vectors, no encoder) has no cosine floor to measure against.
        self.policy = policy or (NotFoundPolicy.for_encoder(index.encoder) if index.dense else NotFoundPolicy())
        return self

    @property
    def model_name(self) -> str | None:
        """The name of the model the index was embedded with (None for a lexical index, not embedded yet)."""
        return self.index.model_name

    @property
    def retrieval(self) -> str:
        """How questions are ranked: "hybrid" (dense and BM25), or "lexical" while the index has no vectors."""
        return "hybrid" if self.index.dense else "lexical"

    def rank(self, question: str, **filters) -> Ranking:
        """The full ranking for a question, within filters (report, section, speaker, entity, source_kind)."""
        return self.retriever.rank(question, Filters(**filters) if filters else None)

    def ask(self, question: str, k: int = 5, **filters) -> dict:
        """Answer a question: the /api/ask JSON (question, found, answer, passages, took_ms). k is 1 or more; its
        upper bound is the caller's (the MAX_K setting, which the web app and the command line both apply)."""
        started = time.perf_counter()
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise QAError("k must be a whole number of 1 or more")
        unknown = set(filters) - set(vars(Filters()))
        if unknown:
            raise QAError(f"unknown filter {sorted(unknown)[0]!r}; use report, section, speaker, entity, source_kind")
        question = (question or "").strip()
        given = {k_: v for k_, v in filters.items() if v}
        # Only the first k passages are shown and the first ANSWER_PASSAGES answer: the rest need no scoring.
        ranking = self.retriever.rank(question, Filters(**given) if given else None, depth=max(k, ANSWER_PASSAGES))
        from_graph = self.graph.answer(question, report=filters.get("report")) if self.graph else None
        if from_graph is not None and not from_graph.found and self._top_passages_name_day(ranking, from_graph):
            from_graph = None  # no listed witness that day, but the text speaks of it: the passages answer
        if from_graph is not None:
            result = self._graph_result(question, from_graph, ranking, k)
            result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
            return result
        found, reason = self.policy.decide(self.index, ranking)
        passages = [passage_record(self.index, i, ranking.passage_score(i), not found) for i in ranking.order[:k]]
        result = {
            "question": question,
            "found": found,
            "answer": answer(self.index, ranking, found),
            "passages": passages,
            "took_ms": 0.0,
        }
        if reason:
            result["answer"]["reason"] = reason
        # The graph's entities the question was linked to, so a reader can check what the ranking looked for.
        result["answer"]["entities"] = entity_links(ranking.query)
        facts = recommendation_facts(self.index, ranking.query) if found else []
        if facts:
            result["recommendations"] = facts  # graph facts beside the passages, outside the core contract
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result


    def _top_passages_name_day(self, ranking: Ranking, from_graph) -> bool:
        """Whether a passage near the question, or a note it cites, names the day a "not found" from the graph is about."""
        day = from_graph.query.get("params", {}).get("date")
        return bool(day) and any(day in days_named(self.index, i) for i in ranking.order[:ANSWER_PASSAGES])

    def _graph_result(self, question: str, from_graph, ranking: Ranking, k: int) -> dict:
        """A relation question's answer: the graph's facts and sentence, and their evidence passages as citations."""
        if not from_graph.found:  # the graph shows there is no answer: say why, beside the passages its reason names
            named = [self.index.position[pid] for pid in from_graph.evidence if pid in self.index.position]
            shown = list(dict.fromkeys(named + list(ranking.order[:k])))[:k]  # then the nearest passages
            return {"question": question, "found": False,
                    "answer": {"text": from_graph.text, "sentences": [], "reason": from_graph.reason,
                               "query": from_graph.query, "entities": entity_links(ranking.query)},
                    "passages": [passage_record(self.index, i, ranking.passage_score(i), True) for i in shown],
                    "took_ms": 0.0}
        evidence = [self.index.position[pid] for pid in from_graph.evidence if pid in self.index.position]
        sentences = [{"text": f["evidence"]["quote"], "marked": f["evidence"]["quote"], "key": None,
                      "passage": f["evidence"]["passage"], "report": f["report"], "start": None, "end": None}
                     for f in from_graph.facts if f["evidence"]["quote"] and f["evidence"]["passage"]]
        return {
            "question": question,
            "found": True,
            "answer": {"text": from_graph.text,
                       "sentences": list({(s["text"], s["passage"]): s for s in sentences}.values()),
                       "items": from_graph.items,
                       "items_by_report": from_graph.items_by_report, "facts": from_graph.facts, "query": from_graph.query},
            "passages": [passage_record(self.index, i, ranking.passage_score(i), False) for i in evidence[:k]],
            "took_ms": 0.0,
        }
