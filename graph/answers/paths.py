"""The path between two entities, each hop a fact with its evidence."""
from __future__ import annotations


from urllib.parse import urlencode

from .model import GraphAnswer
from .patterns import _PATH_QUESTIONS
from .phrasing import _fact


class PathAnswers:
    """The path between two entities, each hop a fact with its evidence.

    A part of GraphAnswerer, whose engine, report_titles, link, _rows and _query it uses.
    """

    def _path(self, question: str, report: str | None) -> GraphAnswer | None:
        """The shortest explained path between the two entities a question names, each hop a fact. The network
        spans every report, so a question bound to one report is left to the passages."""
        if self.network is None or report:
            return None
        for pattern, separators in _PATH_QUESTIONS:
            m = pattern.search(question)
            ends = m and self._two_entities(m.group("pair"), separators)
            if ends:
                return self._path_answer(*ends)
        return None


    def _two_entities(self, pair: str, separators: tuple[str, ...]):
        """((name, IRIs), (name, IRIs)) where pair splits at a separator into two names the graph knows."""
        low = pair.lower()
        for sep in separators:
            at = low.find(sep)
            while at > 0:
                first = pair[:at].strip(" ,;:’'\"“”")
                iris = self.engine.entity_iris(first)
                second = self.link(pair[at + len(sep):])
                if iris and second:
                    return (first, iris), second
                at = low.find(sep, at + 1)
        return None


    def _path_answer(self, first: tuple[str, list[str]], second: tuple[str, list[str]]) -> GraphAnswer | None:
        from ..network import EntityNotFound, NoPath, node_id, shortest_path

        net = self.network()
        try:
            hops = shortest_path(net, node_id(first[1][0]), node_id(second[1][0]))
        except (EntityNotFound, NoPath):
            return None
        if all(h.kind == "co-mention" for h in hops):
            return None  # named together, nothing stated between them: the passages say more
        label = {h.source: net.nodes[h.source]["label"] for h in hops} | {h.target: net.nodes[h.target]["label"] for h in hops}
        facts, steps = [], []
        for h in hops:
            subject, obj = (h.source, h.target) if h.forward else (h.target, h.source)
            fact = _fact(label[subject], h.predicate.rpartition(":")[2] or h.relation, label[obj], _hop_evidence(h),
                         self.report_titles)
            facts.append({**fact, "relation_label": h.relation})  # the network's wording: "is part of"
            steps.append(f"{label[subject]} and {label[obj]} are named together" if h.kind == "co-mention"
                         else f"{label[subject]} {h.relation} {label[obj]}")
        a, b = label[hops[0].source], label[hops[-1].target]
        text = (f"{a} and {b} are linked in {len(hops)} step{'s' if len(hops) > 1 else ''}: " + "; ".join(steps) + ".")
        params = {"from": first[0], "to": second[0]}
        nodes = [hops[0].source] + [h.target for h in hops]
        query = {"name": "path", "params": params, "entities": [{"name": n, "iris": i} for n, i in (first, second)],
                 "sparql": _claims_between([(net.nodes[x].get("iri"), net.nodes[y].get("iri"))
                                            for x, y in zip(nodes, nodes[1:])]),
                 "url": f"/api/path?{urlencode(params)}"}
        by_report: dict[str, list[str]] = {}
        for f in facts:
            by_report.setdefault(f["report"] or "", []).extend(x for x in (f["subject"], f["object"])
                                                                if x not in by_report.get(f["report"] or "", []))
        return GraphAnswer(text, facts, query, list(dict.fromkeys(f["evidence"]["passage"] for f in facts
                                                                  if f["evidence"]["passage"])),
                           [label[n] for n in nodes], by_report)



def _hop_evidence(hop) -> dict:
    """A path hop's first evidence ("rid#p0012" or "rid#note-15") as a query row, for _fact."""
    rid, _, local = (hop.evidence or [""])[0].partition("#")
    return {"evidence": f"{rid}-{local}" if local and not local.startswith("note-") else None,
            "note": local[5:] if local.startswith("note-") else None, "page": hop.page or None,
            "exact": hop.quote or None, "report": rid or None}


def _claims_between(pairs: list[tuple[str | None, str | None]]) -> str:
    """SPARQL for the stated relations between each pair of neighbours on a path, either way round, with evidence:
    what a reader reruns to check a path answer (co-mentions state no relation, so they have no rows)."""
    values = " ".join(f"(<{a}> <{b}>) (<{b}> <{a}>)" for a, b in pairs if a and b)
    return ("SELECT ?subjectLabel ?predicate ?objectLabel ?evidence ?page WHERE {\n"
            f"  VALUES (?subject ?object) {{ {values} }}\n"
            "  ?claim rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ; prov:wasDerivedFrom ?ev .\n"
            "  ?subject rdfs:label ?subjectLabel . ?object rdfs:label ?objectLabel .\n"
            "  OPTIONAL { ?ev dcterms:identifier ?evidence } OPTIONAL { ?ev kg:page ?page }\n"
            "}\nORDER BY ?subjectLabel ?objectLabel")
