"""Which passages name which entities, and the entities named together (never a stated relation)."""
from __future__ import annotations

from rdflib.namespace import RDF

from ..namespaces import KG
from .core import _lit


class MentionsMixin:
    """Mentions and co-mentions (mixed into graph.build.ReportBuilder)."""

    def mentions(self) -> None:
        """Which passages name which entities (in any of their forms)."""
        for p in self.r.passages:
            keys = {m.key for m in self.matcher.find(p.text)}
            self.mentioned[p.id] = keys
            it = self.passage_iri(p.id)
            for key in keys:
                self.add(it, KG.mentions, self.iris.entity(key))

    def comentions(self) -> None:
        """Entities named in the same passage: weighted, with the passages as evidence; never a stated relation."""
        pairs: dict[tuple[str, str], list[str]] = {}
        for pid, keys in self.mentioned.items():
            ks = sorted(k for k in keys if self.reg.get(k).kind != "topic")
            for i, a in enumerate(ks):
                for b in ks[i + 1:]:
                    pairs.setdefault((a, b), []).append(pid)
        for (a, b), pids in pairs.items():
            it = self.iris.part(self.rid, "comention", f"{a}--{b}")
            self.add(it, RDF.type, KG.CoMention)
            self.add(it, KG.entity, self.iris.entity(a))
            self.add(it, KG.entity, self.iris.entity(b))
            self.add(it, KG.weight, _lit(len(pids)))
            self.add(it, KG.inReport, self.rep)
            for pid in pids:
                self.add(it, KG.evidence, self.passage_iri(pid))
