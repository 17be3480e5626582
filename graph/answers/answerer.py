"""GraphAnswerer: a question's relation found by pattern, its entity linked, its named query run."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from ..entities import CONNECTORS, fold
from ..store import get_query, QueryEngine, QueryFailed

from .acronyms import AcronymAnswers
from .due import DUE_QUESTION, asked_due
from .model import GraphAnswer
from .paths import PathAnswers
from .patterns import (
    _HEARD, _WITNESS_NOUN, _WRITTEN,
    _ABOUT_NAMED_RECOMMENDATIONS, _ASKS_WHO, _DEADLINE_WORDS, _NAME_GOES_ON, _NAME_STOPWORDS,
    _NAMED_RECOMMENDATION, _NUMBERED_RECOMMENDATIONS, _REPORT_MENTION, _TAIL, _WORD, MAX_NAME_WORDS,
    MAX_QUESTION, PATTERNS)
from .phrasing import _by_report, _evidence, _fact, _numbers_named, _sentence, head_words, number_order
from .recommendations import RecommendationAnswers
from .witnesses import WitnessAnswers


# "addressed to both MOPAC and the Met": the items that stand in the relation to each of the two
_BOTH = re.compile(r"^\s*both\s+(.+)", re.I)

_HOW_MANY = re.compile(r"^\W*how\s+many\b", re.I)

# words a question uses for the set it asks about, which name no report ("the recommendations in the report")
_SET_WORDS = {"recommendation", "recommendations", "recs", "rec", "report", "reports", "all", "its", "their"}


# "Which organisations …?" asks for bodies alone, "Which people …?" for persons alone; "Who …?" for either
_ASKS_KIND = re.compile(r"^\W*(?:which|what)\s+(?:(?P<organisation>organi[sz]ations?|bodies|body|agenc(?:y|ies)|"
                        r"institutions?|departments?|authorit(?:y|ies)|charit(?:y|ies))|(?P<person>people|persons?|"
                        r"individuals?|witnesses|witness|officials?|officers?))\b", re.I)


def _asked_kind(question: str) -> str | None:
    """"person" or "organisation" when the question asks for those alone, else None."""
    m = _ASKS_KIND.search(question)
    return None if m is None else "organisation" if m.group("organisation") else "person"


class GraphAnswerer(RecommendationAnswers, WitnessAnswers, AcronymAnswers, PathAnswers):
    """Answers relation questions from one query engine (the embedded store or a SPARQL server)."""

    def __init__(self, engine: QueryEngine, report_titles: dict[str, str] | None = None, network=None,
                 own_names=None, passages_holding=None, passages_mentioning=None):
        # network: a callable giving the entity network (networkx, or graph.remote_network.RemoteNetwork), asked
        # only when a question asks for the path between two entities; None answers no path question.
        # own_names: a callable giving the reports whose own body a name may stand for though they never write it
        # ("the working group": graph.entities.Registry.reports_calling); None: only the names the graph holds.
        # passages_holding: a callable giving the ids of the passages whose text holds any of some strings (the
        # passage index's, in memory); None: the store is searched. passages_mentioning: one giving the ids of the
        # passages whose text or section title holds a phrase, case ignored (None: the store's scan of every
        # passage's text alone, which grew with the corpus: 45-66 ms a question on four reports).
        self.engine = engine
        self.passages_mentioning = passages_mentioning
        self.own_names = own_names
        self.passages_holding = passages_holding
        self.report_titles = report_titles or {}
        self.network = network
        self._names: dict[str, set[str]] | None = None
        self._own: list[dict] | None = None  # the reports' names for their own bodies (kg:SelfReference rows)


    def answer(self, question: str, report: str | None = None) -> GraphAnswer | None:
        """The graph's answer to a relation question, or None when the question asks for no relation it holds.
        A report the question names ("in the Post Office inquiry") bounds the answer when report is not given."""
        if len(question) > MAX_QUESTION:
            return None  # relation questions are short; a long text is left to the passages, and costs nothing here
        path = self._path(question, report)  # a report named in the question only names an end of the path
        report = report or self.named_report(question)
        if path is not None:
            return path
        numbers = [n for m in _NUMBERED_RECOMMENDATIONS.finditer(question) for n in _numbers_named(m.group(1))]
        if numbers and _ABOUT_NAMED_RECOMMENDATIONS.search(_NUMBERED_RECOMMENDATIONS.sub("REC", question)) \
                and not _DEADLINE_WORDS.search(question):
            got = self._recommendations(list(dict.fromkeys(numbers)), report, bool(_ASKS_WHO.search(question)))
            if got is not None:
                return got
        due = asked_due(question) if DUE_QUESTION.search(question) else None
        if due is not None and self.named_report(question) is None and self._names_another_report(question):
            due = None  # "… of the Laming review due in 2015": a report not loaded; the passages may name it
        unmet = None  # "not found" for a due date no deadline meets, given when no other rule answers
        if due is not None:
            got = self._deadlines(report, _NAMED_RECOMMENDATION.search(question), due)
            if got is not None and got.found:
                to, named = self._addressed(question, report)  # "Which recommendations should the Met implement by …?"
                if to is None and named:
                    return None  # a body the graph does not know: its recommendations are not told apart (review)
                return got if to is None else self._due_to(got, to, due)
            unmet = got
        for pattern, relation, end in PATTERNS:
            m = pattern.search(question)
            if not m:
                continue
            slot = m.groupdict().get("x")
            if relation == "deadline":
                if due is not None:
                    continue  # asked and answered above
                got = self._deadlines(report, _NAMED_RECOMMENDATION.search(question))
            elif relation in ("recommendationCount", "allRecommendations", "addressees") and (
                    numbers or (self.named_report(question) is None and self._names_another_report(question))):
                # "Which bodies are recommendations 3 and 4 addressed to?" asks of those, not of all; "What were the
                # recommendations of the Laming review?" of a report that is not loaded
                continue
            elif relation in ("recommendationCount", "allRecommendations"):
                got = self._all_recommendations(report, count=relation == "recommendationCount")
            elif relation == "addressees":
                got = self._addressees(report)
            elif relation == "gaveEvidenceOn":
                got = self._witnesses(slot, report, bool(_HOW_MANY.match(question)))
            elif relation == "gaveEvidenceIn":
                got = self._witnesses_in(slot, report, bool(_HOW_MANY.match(question)))
            elif relation == "witnessIn":
                kind = (m.groupdict().get("kind") or "").lower() or None
                got = self._all_witnesses(slot, report, kind or ("heard" if _WITNESS_NOUN.search(question) else None))
            elif relation == "standsFor":
                got = self._stands_for(slot, report)
            elif relation == "evidenceDates":
                got = self._evidence_dates(slot, report)
            elif relation == "spokeAbout":
                got = self._speakers(slot, report, m.group("who"))
            elif end == "own":
                got = self._own_recommendations(m.group("own"), slot, report)
            elif relation == "addressedTo" and m.groupdict().get("topic"):
                got = self._addressed_about(slot, m.group("topic"), report)
            elif end in ("object", "subject") and _BOTH.match(slot or ""):
                got = self._both(_BOTH.match(slot).group(1), relation, end, report)
            else:
                heard = relation == "memberOf" and bool(_HEARD.search(question)) and not _WRITTEN.search(question)
                got = self._relation(slot, relation, end, report, heard, _asked_kind(question))
                if got is None and relation == "concerns":
                    got = self._mentioning(slot, report)
            if got is not None:
                return got
        return unmet


    def _addressed(self, question: str, report: str | None) -> tuple[GraphAnswer | None, bool]:
        """The recommendations addressed to the body a question names, by the first addressee pattern that links
        one (None when none does), and whether any addressee pattern found a body named at all."""
        named = False
        for pattern, relation, end in PATTERNS:
            m = pattern.search(question) if relation == "addressedTo" and end == "object" else None
            if not (m and m.groupdict().get("x")):
                continue
            named = True
            got = self._relation(m.group("x"), relation, end, report)
            if got is not None:
                return got, True
        return None, named


    def named_report(self, question: str) -> str | None:
        """The one report whose title, publisher or id holds every word of a report the question names, if any."""
        names = self._report_names()
        # from every "the", not only after the last match: "the sub-committee in the water supply report"
        mentions = (_REPORT_MENTION.match(question, at.start()) for at in re.finditer(r"\bthe\s", question, re.I))
        for m in filter(None, mentions):
            words = {w for w in _WORD.findall(fold(m.group("name"))) if w not in _NAME_STOPWORDS}
            hits = [rid for rid, known in names.items() if words and words <= known]
            if len(hits) == 1:
                return hits[0]
        return None


    def _names_another_report(self, question: str) -> bool:
        """Whether the question names a report ("the Laming review") that is none of those loaded."""
        for at in re.finditer(r"\bthe\s", question, re.I):
            m = _REPORT_MENTION.match(question, at.start())
            words = set(_WORD.findall(fold(m.group("name")))) if m else set()
            # "the recommendations in the report" names no report: the mention runs over "the"
            if words and "the" not in words and words - _NAME_STOPWORDS - _SET_WORDS:
                return True  # named_report found no loaded report of these words
        return False

    def _report_names(self) -> dict[str, set[str]]:
        """Each report's name words: its id, title and publisher, folded (read from the graph once)."""
        if self._names is None:
            texts: dict[str, list[str]] = {rid: [rid.replace("-", " "), title] for rid, title in self.report_titles.items()}
            try:
                rows = self.engine.query("SELECT DISTINCT ?id ?name WHERE { ?r a kg:Report ; dcterms:identifier ?id . "
                                         "{ ?r dcterms:title ?name } UNION { ?r dcterms:publisher ?name } }").rows
            except QueryFailed:
                rows = []
            for r in rows:
                texts.setdefault(r["id"], [r["id"].replace("-", " ")]).append(r["name"])
            # "(title from file name)" says how a title was found, not what the report is called
            self._names = {rid: set(_WORD.findall(fold(re.sub(r"\([^)]*\)", " ", " ".join(t))))) for rid, t in texts.items()}
        return self._names


    # -- entity linking ------------------------------------------------------------------------
    def link(self, text: str | None) -> tuple[str, list[str]] | None:
        """The longest run of words at the start of text that names an entity the graph knows, and its IRIs."""
        if not text:
            return None
        words = _TAIL.sub("", text.strip()).split()[:MAX_NAME_WORDS]
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).strip(" ,;:’'\"“”")
            iris = self.engine.entity_iris(name) if name else []
            if iris:
                # "the Department for Education" is not "the Department", nor "the Met Office" "the Met": a known
                # name cut short of the question's name would answer for another body, so none is linked; but
                # "the Met Police" and "the Department for Business and Trade" (the report's "Department of
                # Business and Trade") go on in words of the entity's own names.
                rest = " ".join(words[n:])
                if words[n - 1].endswith(",") or not _NAME_GOES_ON.match(rest) or self._names_hold(iris, rest):
                    return name, iris
                return None
        return None


    def _names_hold(self, iris: list[str], rest: str) -> bool:
        """Whether the words a name goes on with (its capitalised run: "for Business and Trade") are all words
        of these entities' own names."""
        run = re.match(r"(?:(?:[A-Z][\w’'-]*|for|of|and|&|the)\s*)+", rest)
        going_on = {w for w in _WORD.findall(fold(run.group(0) if run else "")) if w not in CONNECTORS}
        values = " ".join(f"<{iri}>" for iri in iris)
        try:
            rows = self.engine.query("SELECT ?n WHERE { VALUES ?e { " + values + " } "
                                     "?e rdfs:label|skos:prefLabel|skos:altLabel ?n }").rows
        except QueryFailed:
            return False
        known = {w for r in rows for w in _WORD.findall(fold(str(r["n"])))}
        return bool(going_on) and going_on <= known


    # -- the three kinds of question -------------------------------------------------------------
    def _relation(self, slot: str | None, relation: str, end: str, report: str | None,
                  heard: bool = False, kind: str | None = None) -> GraphAnswer | None:
        """The set at the other end of a relation from the entity the slot names; heard: the people only of those
        who gave a report oral evidence where it heard any (see WitnessAnswers.heard); kind: "person" or
        "organisation", when the question asks for those alone ("Which organisations are represented on …?")."""
        linked = self.link(slot)
        if linked is None:
            return None
        name, iris = linked
        params = {"entity": name, "relation": relation, **({"report": report} if report else {})}
        rows = self._rows("relation-facts", params)
        # Keep the rows where the named entity stands at the end the question put it.
        rows = [r for r in rows if r[end] in iris]
        if relation == "subOrganizationOf" and end == "object":
            rows = self._below(rows, relation, report)
        if heard and end == "object":
            rows = self.heard(rows, "subject")
        if kind is not None:
            at = "subject" if end == "object" else "object"
            kinds = self._speaker_kinds({r[at] for r in rows})
            rows = [r for r in rows if kinds.get(r[at], kind) == kind]  # an item that is no entity is kept
        if not rows:
            return None
        if relation in ("headOf", "concerns"):
            rows = self._with_rules(rows)
        other = "subjectLabel" if end == "object" else "objectLabel"
        # Report by report, the items in their own order: Recommendation 2 before Recommendation 10.
        rows.sort(key=lambda r: (r.get("report") or "", number_order(r[other])))
        facts = [_fact(r["subjectLabel"], relation, r["objectLabel"], r, self.report_titles) for r in rows]
        # The entity as the question names it ("the Met"), which the reader knows it by; a report's name for its own
        # body ("the sub-committee") by the body's name, which differs from report to report.
        by_report = _by_report(rows, other)
        own = set(self.engine.own_body_iris(name))
        named = {r.get("report") or "": r[end + "Label"] for r in rows if r[end] in own}
        verbs = head_words(rows) if relation == "headOf" else None
        text = _sentence(relation, end, name, by_report, self.report_titles, named, verbs)
        items = list(dict.fromkeys(r[other] for r in rows))
        query = self._query("relation-facts", params, [(name, iris)])
        if kind is not None:
            query["filter"] = "people only" if kind == "person" else "organisations only"
        return GraphAnswer(text, facts, query, _evidence(rows), items, by_report)


    def _both(self, pair: str, relation: str, end: str, report: str | None) -> GraphAnswer | None:
        """The items in the relation to both of two entities ("Which recommendations are addressed to both MOPAC and
        the Met?"), each with its two facts; None unless the words split at "and" into two names the graph knows."""
        ends = self._two_entities(_TAIL.sub("", pair), (" and ", " & "))
        if not ends:
            return None
        answers = [self._relation(name, relation, end, report) for name, _ in ends]
        if any(a is None for a in answers):
            return None
        other = "subject" if end == "object" else "object"
        keys = [{(f["report"], f[other]) for f in a.facts} for a in answers]
        common = keys[0] & keys[1]
        if not common:
            return None
        facts = [f for a in answers for f in a.facts if (f["report"], f[other]) in common]
        by_report: dict[str, list[str]] = {}
        for a in answers[:1]:
            for rid, items in a.items_by_report.items():
                kept = [i for i in items if (rid or None, i) in common or (rid, i) in common]
                if kept:
                    by_report[rid] = kept
        named = f"both {answers[0].query['entities'][0]['name']} and {answers[1].query['entities'][0]['name']}"
        text = _sentence(relation, end, named, by_report, self.report_titles)
        items = list(dict.fromkeys(i for names in by_report.values() for i in names))
        evidence = list(dict.fromkeys(f["evidence"]["passage"] for f in facts if f["evidence"]["passage"]))
        return GraphAnswer(text, facts, {**answers[0].query, "also": answers[1].query}, evidence, items, by_report)


    def _with_rules(self, rows: list[dict]) -> list[dict]:
        """The rows with the rules that made their claims ("titled-head": a head, not a chair) and, for a claim the
        recommendation's heading makes ("heading"), that heading: the evidence a reader checks it by."""
        claims = " ".join(f"<{r['claim']}>" for r in rows if r.get("claim"))
        if not claims:
            return rows
        try:
            found = self.engine.query(
                "SELECT ?claim ?rule ?heading WHERE { VALUES ?claim { " + claims + " } ?claim kg:rule ?rule . "
                "OPTIONAL { FILTER(?rule = \"heading\") ?claim prov:wasDerivedFrom ?ev . ?ev dcterms:isPartOf ?s . "
                "?s dcterms:title ?heading } }").rows
        except QueryFailed:
            return rows
        rules: dict[str, set] = {}
        headings: dict[str, str] = {}
        for f in found:
            rules.setdefault(str(f["claim"]), set()).add(str(f["rule"]))
            if f.get("heading"):
                headings[str(f["claim"])] = str(f["heading"])
        return [{**r, "rules": sorted(rules.get(r.get("claim"), ())),
                 **({"heading": headings[r["claim"]]} if r.get("claim") in headings else {})} for r in rows]

    def _below(self, rows: list[dict], relation: str, report: str | None) -> list[dict]:
        """Units within units: follow part-of down from the named command, each level with its evidence."""
        seen = {r["subject"] for r in rows}
        frontier = sorted(seen)
        while frontier:
            nxt = []
            for iri in frontier:
                for r in self._rows("relation-facts", {"entity": iri, "relation": relation,
                                                       **({"report": report} if report else {})}, by_iri=True):
                    if r["object"] == iri:
                        rows.append(r)
                        if r["subject"] not in seen:
                            seen.add(r["subject"])
                            nxt.append(r["subject"])
            frontier = nxt
        return rows


    # -- running the named queries -----------------------------------------------------------------
    def _rows(self, name: str, params: dict, by_iri: bool = False, within: dict[str, list[str]] | None = None) -> list[dict]:
        """The rows of a named query; by_iri when the entity is an IRI an earlier step found (no name lookup); within
        narrows variables to values found beforehand (NamedQuery.bind)."""
        resolve = (lambda iri: [iri]) if by_iri else self.engine.entity_iris
        graphs = self.engine.report_graphs(params["report"]) if params.get("report") else None
        if params.get("report") and not graphs:
            return []
        try:
            text = get_query(name).bind(params, resolve, engine=self.engine.engine, within=within)
            return self.engine.query(text, graphs).rows
        except QueryFailed:
            return []


    def _query(self, name: str, params: dict, linked: list[tuple[str, list[str]]]) -> dict:
        """How the answer was found: the named query, its parameters, the linked entities and the SPARQL."""
        return {"name": name, "params": params, "entities": [{"name": n, "iris": i} for n, i in linked],
                "sparql": get_query(name).bind(params, self.engine.entity_iris),
                "url": f"/queries/{name}?{urlencode(params)}"}
