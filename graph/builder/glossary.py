"""The names a report defines: its glossary, and what it calls its own bodies ("the Sub-Committee")."""
from __future__ import annotations

from rdflib.namespace import RDF, RDFS, SKOS

from ingest.ids import slugify

from ..namespaces import KG
from .core import _lit


class GlossaryMixin:
    """The glossary and the report's own names for its bodies (mixed into graph.build.ReportBuilder)."""

    def glossary(self) -> set[str]:
        """The glossary as a SKOS concept scheme, each entry pointing at the entity it names."""
        used = set()
        scheme = self.iris.part(self.rid, "glossary")
        self.add(scheme, RDF.type, SKOS.ConceptScheme)
        self.add(scheme, RDFS.label, _lit(f"Glossary of {self.r.title}"))
        self.add(scheme, KG.inReport, self.rep)
        for g in self.r.glossary:
            it = self.iris.part(self.rid, "glossary", g.acronym)
            self.add(it, RDF.type, KG.GlossaryEntry)
            self.add(it, RDF.type, SKOS.Concept)
            self.add(it, SKOS.inScheme, scheme)
            self.add(it, SKOS.prefLabel, _lit(g.expansion))
            self.add(it, SKOS.notation, _lit(g.acronym))
            self.add(it, SKOS.altLabel, _lit(g.acronym))
            self.add(it, KG.page, _lit(g.page))
            self.add(it, KG.start, _lit(g.start))
            self.add(it, KG.end, _lit(g.end))
            self.add(it, KG.inReport, self.rep)
            ent = self.reg.resolve(g.acronym)
            if ent:
                used.add(ent.key)
                self.add(it, KG.denotes, self.iris.entity(ent.key))
        return used

    def self_references(self) -> set[str]:
        """What the report calls its own bodies ("the Sub-Committee", "the Inquiry"): a name that holds only in this
        report, so it is a node of the report's graph pointing at the body, never an alias of the shared entity."""
        used = set()
        for written, key in self.reg.own.get(self.rid, {}).values():
            it = self.iris.part(self.rid, "self", slugify(written))
            self.add(it, RDF.type, KG.SelfReference)
            self.add(it, RDFS.label, _lit(written))
            self.add(it, KG.denotes, self.iris.entity(key))
            self.add(it, KG.inReport, self.rep)
            used.add(key)
        return used
