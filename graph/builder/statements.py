"""Who said what: a report's statements, their speaker (or an unnamed one) and what they are about."""
from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from ingest.ids import slugify

from ..namespaces import KG
from .core import _lit


class StatementsMixin:
    """Statements (mixed into graph.build.ReportBuilder)."""

    def statements(self) -> set[str]:
        """Who said what: speaker (or an explicit unnamed one), passage, note, and what it is about."""
        used = set()
        for st in self.r.statements:
            it = self.iris.statement(self.rid, st.id)
            add = self.add
            add(it, RDF.type, KG.Statement)
            add(it, RDF.type, PROV.Entity)
            add(it, KG.inReport, self.rep)
            add(it, KG.verb, _lit(st.verb))
            add(it, KG.content, _lit(st.content))
            add(it, KG.speakerName, _lit(st.speaker_name))
            add(it, KG.speakerKind, _lit(st.speaker_kind))
            add(it, KG.page, _lit(st.page))
            pit = self.passage_iri(st.passage)
            add(it, KG.inPassage, pit)
            add(it, PROV.wasDerivedFrom, pit)
            if st.quote:
                add(it, KG.quote, _lit(st.quote))
            if st.date:
                add(it, DCTERMS.date, _lit(st.date))
            if st.note is not None:
                add(it, KG.note, self.note_iri(st.note))
                add(it, DCTERMS.source, self.note_iri(st.note))
            if st.note_speaker:
                add(it, KG.noteSpeaker, _lit(st.note_speaker))
            speaker = self.reg.resolve(st.speaker_name) if st.speaker_kind != "group" else None
            if speaker:
                used.add(speaker.key)
                add(it, PROV.wasAttributedTo, self.iris.entity(speaker.key))
            else:
                # "we were told by non-police partners": an unnamed speaker, named as the report names it.
                sp = self.iris.part(self.rid, "speaker", slugify(st.speaker_name))
                add(sp, RDF.type, KG.UnnamedSpeaker)
                add(sp, RDF.type, PROV.Agent)
                add(sp, RDFS.label, _lit(st.speaker_name))
                add(it, PROV.wasAttributedTo, sp)
            about = {m.key for m in self.matcher.find(st.content)}
            if speaker:
                about.discard(speaker.key)
            for key in sorted(about):
                used.add(key)
                add(it, KG.about, self.iris.entity(key))
                if speaker:
                    quote_text, offset = self.locate(st.passage, st.content)
                    self.assert_with_provenance(self.iris.entity(speaker.key), KG.spokeAbout, self.iris.entity(key),
                                                "statement", quote_text, offset, pit)
        return used
