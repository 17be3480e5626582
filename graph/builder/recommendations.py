"""A report's recommendations: bullets, deadline, passages, and the bodies they are addressed to and concern."""
from __future__ import annotations

from rdflib.namespace import RDF, RDFS, SKOS

from ..namespaces import KG
from ..relations import heading_topic
from .core import _lit


class RecommendationsMixin:
    """Recommendations (mixed into graph.build.ReportBuilder)."""

    def recommendations(self) -> set[str]:
        """Recommendations with bullets, deadline, passages, addressees and concerns; returns entity keys used."""
        used = set()
        named = set().union(*self.mentioned.values()) if self.mentioned else set()  # what the passages name
        for rec in self.r.recommendations:
            it = self.iris.recommendation(self.rid, rec.label)
            add = self.add
            add(it, RDF.type, KG.Recommendation)
            add(it, KG.number, _lit(rec.number))
            add(it, RDFS.label, _lit(f"Recommendation {rec.label}"))
            add(it, SKOS.notation, _lit(rec.label))  # the number as the report prints it: "3", "8.1"
            add(it, KG.text, _lit(rec.text))
            add(it, KG.inReport, self.rep)
            add(it, KG.page, _lit(rec.page))
            add(it, KG.start, _lit(rec.start))
            add(it, KG.end, _lit(rec.end))
            if rec.deadline:
                add(it, KG.deadline, _lit(rec.deadline))
            for i, b in enumerate(rec.bullets, 1):
                bit = self.iris.part(self.rid, "recommendation", rec.label, "bullet", i)
                add(it, KG.bullet, bit)
                add(bit, RDF.type, KG.Bullet)
                add(bit, KG.text, _lit(b))
                add(bit, KG.ordinal, _lit(i))
            held = rec.passages[0] if rec.passages else None
            for pid in rec.passages:
                add(it, KG.heldIn, self.passage_iri(pid))
            for pid in rec.evidence:
                add(it, KG.evidence, self.passage_iri(pid))
            ev = self.passage_iri(held) if held else self.rep
            quote_text, offset = self.locate(held, rec.text)
            for name in rec.addressee_names:
                ent = self.reg.resolve(name)
                if ent:
                    used.add(ent.key)
                    self.assert_with_provenance(it, KG.addressedTo, self.iris.entity(ent.key), "addressee",
                                                quote_text, offset, ev)
            concerns = {m.key for m in self.matcher.find(rec.text)} | {
                e.key for e in (self.reg.resolve(c) for c in rec.concerns) if e}
            # the topic its heading names: every recommendation under a topic's heading concerns it, whatever else
            # it names (the answer shows the heading, graph/answers/answerer.py)
            headed = heading_topic(self.r, rec, self.reg, named)
            addressees = {self.reg.resolve(n).key for n in rec.addressee_names if self.reg.resolve(n)}
            for key in sorted((concerns | {headed} - {None}) - addressees):
                used.add(key)
                rule = "concerns" if key in concerns else "heading"
                self.assert_with_provenance(it, KG.concerns, self.iris.entity(key), rule, quote_text, offset, ev)
        return used
