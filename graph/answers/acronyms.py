"""What an acronym stands for."""
from __future__ import annotations

from rdflib import Literal

import re

from ..entities import CONNECTORS, definitions, own_words
from ..store import QueryFailed

from .model import GraphAnswer
from .phrasing import _by_report, _evidence, _fact, _once, join_words


class AcronymAnswers:
    """What an acronym stands for.

    A part of GraphAnswerer, whose engine, report_titles, link, _rows and _query it uses.
    """

    def _stands_for(self, acronym: str | None, report: str | None) -> GraphAnswer | None:
        """The full name of the entity an acronym names, with the first passage of each report that writes it out;
        None for a name that is no acronym of the entity ("the Met", a code such as SCO2 named by its role)."""
        if not acronym or not _ACRONYM.fullmatch(acronym):
            return None
        linked = self.link(acronym)
        if linked is None:
            return self._quoted_only(acronym, report)
        name, iris = linked
        params = {"entity": name, **({"report": report} if report else {})}
        # the entity's own short name, not one its name folds like (GLO is not GLOS)
        rows = [r for r in self._rows("acronym", params)
                if r["entity"] in iris and r["label"] in (acronym, acronym.removesuffix("s")) and _spells(r["full"], acronym)]
        if not rows:
            return None
        first = _once([r for r in rows if r.get("evidence")], "report") or rows[:1]  # each report's first passage
        full = list(dict.fromkeys(r["full"] for r in rows))
        facts = [_fact(acronym, "standsFor", r["full"], r, self.report_titles) for r in first]
        return GraphAnswer(f"{acronym} stands for {join_words(full, 'or')}.", facts,
                           self._query("acronym", params, [linked]), _evidence(first), full, _by_report(first, "full"))


    def _quoted_only(self, acronym: str, report: str | None) -> GraphAnswer | None:
        """"Not found" for an acronym no report defines in its own words, when a passage writes it out inside a
        quotation ("… exempt from Income Tax (IT) …" in a recommendation an inquiry quotes from its interim report):
        the quoted writer's expansion, which the graph does not take as the report's (graph.entities.own_words), is
        given as the reason, with the passage. None when no passage writes it out so."""
        written = [f"({acronym})", f"(“{acronym}”)"]
        rule = " || ".join(f'CONTAINS(?text, "{w}")' for w in written)  # an acronym is letters and digits only
        # the passages that may hold it, from the passage index when there is one: the store's scan of every
        # passage's text took 64 ms on four reports, growing with the corpus
        held = self.passages_holding(written) if self.passages_holding is not None else None
        if held is not None and not held:
            return None
        only = "VALUES ?id { " + " ".join(Literal(i).n3() for i in held) + " } " if held else ""
        try:
            rows = self.engine.query("SELECT ?id ?text ?page ?report WHERE { " + only + "?p dcterms:identifier ?id ; "
                                     "a kg:Passage ; kg:text ?text ; kg:inReport ?r . ?r dcterms:identifier ?report . "
                                     f"OPTIONAL {{ ?p kg:page ?page }} FILTER({rule}) }} ORDER BY ?id",
                                     self.engine.report_graphs(report) if report else None).rows
        except QueryFailed:
            return None
        quoted = []
        for r in rows:
            own = own_words(r["text"])[0]
            at = next((r["text"].find(w) for w in written if w in r["text"]), -1)
            if at >= 0 and not own[at:at + len(written[0])].strip():
                name = definitions(r["text"][:at + len(written[1]) + 1])
                quoted.append((r, next((n for n, short in reversed(name) if short == acronym), None)))
        if not quoted or len(quoted) < len(rows):
            return None  # written out in a report's own words too: what the passages say is the answer
        said = "; ".join(f"“{full} ({acronym})” in a quotation in "
                         f"{self.report_titles.get(r['report']) or r['report']}"
                         + (f", p.{r['page']}" if r.get("page") else "") for r, full in quoted if full)
        if not said:
            return None
        params = {"report": report} if report else {}  # every acronym the graph holds: this one is not among them
        return GraphAnswer("The reports do not seem to cover this question.", [], self._query("acronym", params, []),
                           [r["id"] for r, full in quoted if full], found=False,
                           reason=f"no report defines {acronym} in its own words; it is written out only in a "
                                  f"passage a report quotes: {said}")



_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,11}s?")  # GLOS, MOPAC, SCO5, CAITs


def _spells(full: str, acronym: str) -> bool:
    """Whether an acronym is the initials of a full name, in order, each word giving one (a small word may give
    one or none): MOPAC is "Mayor’s Office for Policing and Crime", GLOS "Group Litigation Order Scheme"; GLO is
    not GLOS's, nor SCO2 "rape command"'s."""
    letters = acronym.removesuffix("s") if acronym[-1:] == "s" and acronym[:-1].isupper() else acronym
    words = re.findall(r"[A-Za-z][\w’'-]*", full)  # "Mayor’s" is one word

    def fits(i: int, j: int) -> bool:
        if j == len(letters):
            return all(w.lower() in CONNECTORS for w in words[i:])
        if i == len(words):
            return False
        small = words[i].lower() in CONNECTORS
        return (words[i][0].upper() == letters[j] and fits(i + 1, j + 1)) or (small and fits(i + 1, j))

    return letters.isalpha() and len(words) >= 2 and fits(0, 0)
