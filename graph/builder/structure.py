"""A report's structure in its graph: the report, its section tree, passages, notes and the sources they name."""
from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..entities import cited_title
from ..namespaces import KG
from .core import _lit
from .iris import _local


class StructureMixin:
    """The report, sections, passages, notes and sources (mixed into graph.build.ReportBuilder)."""

    def structure(self) -> None:
        """The report, its section tree, passages (text, page, offsets), notes and their sources."""
        r, add, rep = self.r, self.add, self.rep
        add(rep, RDF.type, KG.Report)
        add(rep, RDF.type, PROV.Entity)
        add(rep, DCTERMS.title, _lit(r.title))
        add(rep, RDFS.label, _lit(r.title))
        add(rep, DCTERMS.identifier, _lit(r.id))
        if r.publisher:
            add(rep, DCTERMS.publisher, _lit(r.publisher))
        if r.date:
            add(rep, DCTERMS.date, _lit(r.date))
        add(rep, KG.style, _lit(r.style))
        add(rep, KG.sha256, _lit(r.source_sha256))
        for s in r.sections:
            it = self.iris.part(self.rid, "section", _local(self.rid, s.id))
            add(it, RDF.type, KG.Section)
            add(it, DCTERMS.title, _lit(s.title))
            add(it, RDFS.label, _lit(s.title))
            add(it, KG.level, _lit(s.level))
            add(it, KG.sectionKind, _lit(s.kind))
            if s.number:
                add(it, KG.number, _lit(s.number))
            add(it, KG.page, _lit(s.page))
            add(it, KG.start, _lit(s.start))
            add(it, KG.end, _lit(s.end))
            add(it, KG.inReport, rep)
            parent = self.iris.part(self.rid, "section", _local(self.rid, s.parent)) if s.parent else rep
            add(it, DCTERMS.isPartOf, parent)
        for p in r.passages:
            it = self.passage_iri(p.id)
            add(it, RDF.type, KG.Passage)
            add(it, KG.text, _lit(p.text))
            add(it, KG.page, _lit(p.page))
            add(it, KG.pageEnd, _lit(p.page_end))
            add(it, KG.start, _lit(p.start))
            add(it, KG.end, _lit(p.end))
            add(it, KG.ordinal, _lit(p.ordinal))
            add(it, KG.passageKind, _lit(p.kind))
            add(it, DCTERMS.identifier, _lit(p.id))
            add(it, DCTERMS.isPartOf, self.iris.part(self.rid, "section", _local(self.rid, p.section)))
            add(it, KG.inReport, rep)
            for n in p.notes:
                add(it, KG.citesNote, self.note_iri(n))
        for n in r.notes:
            it = self.note_iri(n.number)
            add(it, RDF.type, KG.Note)
            add(it, KG.number, _lit(n.number))
            add(it, KG.status, _lit(n.status))
            add(it, KG.inReport, rep)
            if n.text:
                add(it, KG.text, _lit(n.text))
            for attr, term in (("page", KG.page), ("start", KG.start), ("end", KG.end)):
                if getattr(n, attr) is not None:
                    add(it, term, _lit(getattr(n, attr)))
            for i, src in enumerate(n.sources, 1):
                self.source(it, n.number, i, src)

    def source(self, note_iri: URIRef, number: int, i: int, src) -> None:
        """One source a note names: kind, person, organisation, date, meeting, code, questions, each place in a
        transcript (day, page and line), and URL."""
        it = self.iris.part(self.rid, "note", number, "source", i)
        add = self.add
        add(note_iri, DCTERMS.source, it)
        add(it, RDF.type, KG.Source)
        add(it, RDFS.label, _lit(src.label))
        add(it, KG.sourceKind, _lit(src.kind))
        add(it, KG.inReport, self.rep)
        person = self.reg.resolve(src.person_name) if src.person_name else None
        if person:
            add(it, KG.person, self.iris.entity(person.key))
        for name in src.panel:
            witness = self.reg.resolve(name)
            if witness:
                add(it, KG.panelWitness, self.iris.entity(witness.key))
        org = self.reg.resolve(src.organisation) if src.organisation else None
        if org and org.kind != "person":
            add(it, KG.organisation, self.iris.entity(org.key))
        elif org:
            add(it, KG.person, self.iris.entity(org.key))
        for attr, term in (("date", DCTERMS.date), ("meeting", KG.meeting), ("code", KG.code)):
            if getattr(src, attr):
                add(it, term, _lit(getattr(src, attr)))
        for q in src.questions:
            add(it, KG.question, _lit(q))
        # each place in the transcript a node of its own, so a day's page is never read with another place's line
        for k, place in enumerate(src.transcripts, 1):
            at = self.iris.part(self.rid, "note", number, "source", i, "place", k)
            add(it, KG.transcriptPlace, at)
            add(at, RDF.type, KG.TranscriptPlace)
            add(at, KG.ordinal, _lit(k))
            for attr, term in (("day", KG.hearingDay), ("page", KG.transcriptPage), ("line", KG.transcriptLine),
                               ("page_end", KG.transcriptPageEnd), ("line_end", KG.transcriptLineEnd)):
                if getattr(place, attr) is not None:
                    add(at, term, _lit(getattr(place, attr)))
        if src.url:
            add(it, KG.url, _lit(src.url, XSD.anyURI))
        work = self.reg.resolve(cited_title(src.title))
        if work and work.kind == "publication":
            add(it, KG.cites, self.iris.entity(work.key))
