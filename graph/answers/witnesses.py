"""Witnesses: who spoke about a topic, who gave evidence (on a day, to a body), and when."""
from __future__ import annotations

import re

from ingest.dates import DAY_MONTH_YEAR, iso_date, real_day, written_date

from ..entities import fold
from ..store import QueryFailed

from .model import GraphAnswer, speaks_of
from .patterns import _PERSONS, _REPORT_MENTION, _TAIL, MAX_PHRASE_WORDS, MAX_SHOWN
from .phrasing import _by_report, _evidence, _fact, _group, _in_report, _once, join_words


class WitnessAnswers:
    """Witnesses: who spoke about a topic, who gave evidence (on a day, to a body), and when.

    A part of GraphAnswerer, whose engine, report_titles, link, _rows and _query it uses.
    """

    def _speakers(self, slot: str | None, report: str | None, asked: str | None) -> GraphAnswer | None:
        """Who spoke about a topic: the named speakers of the statements about the entity the topic names, or, when
        it names none, of the statements in passages whose text holds its words; people alone when the question asks
        for witnesses or people, bodies alone when it asks for organisations."""
        if not slot:
            return None
        topic = _TAIL.sub("", _REPORT_MENTION.split(slot)[0].strip()).strip(" ,;:’'\"“”")
        topic = re.sub(r"^(?:the|a|an)\s+", "", topic, flags=re.I)
        if not topic or len(topic.split()) > MAX_PHRASE_WORDS:
            return None
        want = None if not asked else "person" if _PERSONS.search(asked) else "organisation"
        linked = self.link(topic) if self._whole_name(topic) else None
        # An entity no statement is about ("information sharing") is looked for as words, as a topic no entity names.
        for linked in ([linked, None] if linked else [None]):
            if linked:
                name, query = linked[0], "statements-on-topic"
                params = {"topic": name, **({"report": report} if report else {})}
            else:
                name, query = topic, "statements-mentioning"
                params = {"phrase": topic, **({"report": report} if report else {})}
            within = None
            if not linked and self.passages_mentioning is not None:
                held = self.passages_mentioning(topic)
                within = {"passage": held} if held is not None else None
            rows = self._rows(query, params, within=within) if within is None or within["passage"] else []
            if not linked:
                rows = [r for r in rows if speaks_of(r, topic)]
            kinds = self._speaker_kinds({r["speaker"] for r in rows})
            rows = [r for r in rows if kinds.get(r["speaker"]) and (want is None or kinds[r["speaker"]] == want)]
            if rows:
                break
        if not rows:
            return None
        facts = [_fact(r["speakerLabel"], "spokeAbout", r.get("topicLabel") or name,
                       {**r, "evidence": r["passage"], "exact": r.get("quote") or r["content"]}, self.report_titles)
                 for r in rows]
        by_report = _by_report(rows, "speakerLabel")
        shown = f"“{name}”" if not linked else name
        parts = [f"{join_words(names)} spoke about {shown}{_in_report(rid, self.report_titles)}" for rid, names in by_report.items()]
        return GraphAnswer("; ".join(parts) + ".", facts, self._query(query, params, [linked] if linked else []),
                           list(dict.fromkeys(r["passage"] for r in rows)),
                           list(dict.fromkeys(r["speakerLabel"] for r in rows)), by_report)


    def _speaker_kinds(self, speakers: set[str]) -> dict[str, str]:
        """Each named speaker's kind (person or organisation); unnamed speakers ("non-police partners") have none."""
        if not speakers:
            return {}
        values = " ".join(f"<{s}>" for s in sorted(speakers))
        try:
            rows = self.engine.query(f"SELECT ?s ?person WHERE {{ VALUES ?s {{ {values} }} ?s a kg:Entity . "
                                     "BIND(EXISTS { ?s a foaf:Person } AS ?person) }").rows
        except QueryFailed:
            return {}
        return {r["s"]: "person" if r["person"] in (True, "true", "1") else "organisation" for r in rows}


    def _witnesses(self, slot: str | None, report: str | None, count: bool = False) -> GraphAnswer | None:
        """Who gave evidence on a day; count: the question asks how many, and the sentence says it first."""
        when = DAY_MONTH_YEAR.search(slot or "")
        if when is None:
            return None
        day = iso_date(when.group(0))
        params = {"date": day, **({"report": report} if report else {})}
        rows = self._rows("witnesses-on-date", params)
        if not rows:
            return self._no_session(when.group(0), report)
        facts = [_fact(r["personLabel"], "gaveEvidenceOn", day, r, self.report_titles) for r in rows]
        names = list(dict.fromkeys(r["personLabel"] for r in rows))
        text = (f"{_counted(names)} gave evidence on {when.group(0)}: {join_words(names)}." if count
                else f"{join_words(names)} gave evidence on {when.group(0)}.")
        return GraphAnswer(text, facts, self._query("witnesses-on-date", params, []), _evidence(rows), names,
                           _by_report(rows, "personLabel"))


    def _witnesses_in(self, period: str | None, report: str | None, count: bool = False) -> GraphAnswer | None:
        """Who gave evidence in a month or a year ("in March 2014", "during 2016"): the witness lists' days that
        fall in it, day by day; None when the lists date no session then (the passages may still name one)."""
        period = (period or "").strip().capitalize()  # "march 2014" is March's
        m = re.fullmatch(r"(?:(\w+)\s+)?(\d{4})", period)
        if not m or (m.group(1) and iso_date(period) is None):
            return None
        prefix = iso_date(period) if m.group(1) else m.group(2)  # 2014-03, or 2014
        params = {"report": report} if report else {}
        rows = [r for r in self._rows("witnesses-on-date", params) if (r.get("date") or "").startswith(prefix)]
        if not rows:
            return None
        rows.sort(key=lambda r: (r.get("report") or "", r["date"]))
        facts = [_fact(r["personLabel"], "gaveEvidenceOn", r["date"], r, self.report_titles) for r in rows]
        parts = []
        for rid, items in _group(rows).items():
            days: dict[str, list[str]] = {}
            for r in items:
                days.setdefault(r["date"], []).append(r["personLabel"])
            said = "; ".join(f"on {written_date(day)}, {join_words(list(dict.fromkeys(n)))}" for day, n in days.items())
            people = list(dict.fromkeys(r["personLabel"] for r in items))
            parts.append(f"{_counted(people) if count else join_words(people)} gave evidence in {period.strip()}"
                         f"{_in_report(rid, self.report_titles)}: {said}")
        names = list(dict.fromkeys(r["personLabel"] for r in rows))
        # the query reruns over every dated session; the answer keeps those in the period
        query = {**self._query("witnesses-on-date", params, []), "filter": f"dates in {period.strip()}"}
        return GraphAnswer("; ".join(parts) + ".", facts, query, _evidence(rows), names,
                           _by_report(rows, "personLabel"))


    def _all_witnesses(self, body: str | None, report: str | None, kind: str | None = None) -> GraphAnswer | None:
        """Everyone the reports' witness lists (and evidence references) name, day by day, each with the passage
        that lists them. A body named ("to the committee", "before the Sub-Committee") must be a report's own:
        the witnesses of one committee are no answer about another."""
        reports = None
        if body:
            reports = set(self._own_reports(body))
            linked = self.link(body)
            # The body is all the question names: "to the committee in March 2014" or "about obesity" asks for
            # less than every witness, and is left to the other rules or the passages.
            whole = fold(_TAIL.sub("", body).strip(" ,;:’'\"“”"))
            if linked and fold(linked[0]) == whole:
                reports |= {r["id"] for r in self._own_rows() if r.get("e") in linked[1]}
            if self.own_names is not None:
                # a report's own body by its name, or by a noun its name gives that the report never writes ("the
                # working group": the bundled report's Safeguarding Working Group, which its member list names)
                reports |= set(self.own_names(whole))
            if report is not None and self.named_report(f"the {body}") == report:
                reports.add(report)  # "in the microplastics report": the report it names
            if report is not None:
                reports &= {report}
            if not reports:
                return None
        params = {"report": report} if report else {}
        rows = [r for r in self._rows("witnesses", params) if reports is None or r.get("report") in reports]
        if kind == "heard":  # "Who were the witnesses?": those heard, where a report heard any
            oral = {r.get("report") for r in rows if r.get("kind") == "oral"}
            rows = [r for r in rows if r.get("report") not in oral or r.get("kind") != "written"]
        elif kind:  # "Which witnesses gave oral evidence?": those the lists give as such
            rows = [r for r in rows if r.get("kind") == kind]
        if not rows:
            return None
        facts, parts = [], []
        for rid, items in _group(rows).items():
            days: dict[str, list[str]] = {}  # the day (or "") -> the names, in the list's order
            for r in items:
                names = days.setdefault(r.get("date") or "", [])
                if r["personLabel"] not in names:
                    names.append(r["personLabel"])
            undated = [n for n in days.pop("", []) if not any(n in names for names in days.values())]
            said = [f"on {written_date(day)}, {join_words(names)}" for day, names in days.items()]
            if undated:
                said.append(join_words(undated) if not said else f"and, undated, {join_words(undated)}")
            count = len({r["person"] for r in items})
            parts.append(f"{count} witness{'es' if count > 1 else ''} gave evidence{_in_report(rid, self.report_titles)}"
                         f"{':' if said else ''} {'; '.join(said)}".rstrip())
            for r in _once(items, "person"):
                when = sorted({x["date"] for x in items if x["person"] == r["person"] and x.get("date")})
                facts += [_fact(r["personLabel"], "gaveEvidenceOn", day, r, self.report_titles) for day in when] or \
                    [_fact(r["personLabel"], "witnessIn", self.report_titles.get(rid) or rid, r, self.report_titles)]
        names = list(dict.fromkeys(r["personLabel"] for r in rows))
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("witnesses", params, []), _evidence(rows), names,
                           _by_report(rows, "personLabel"))


    def heard(self, rows: list[dict], key: str) -> list[dict]:
        """The rows but those whose person (row[key]) only wrote to the row's report, where that report heard oral
        evidence: a Commons report lists its witnesses apart from its written evidence, and a question for the
        witnesses from a body ("Which witnesses came from UCL?") asks for those it heard."""
        people = {r[key] for r in rows}
        if not people:
            return rows
        values = " ".join(f"<{iri}>" for iri in people)
        try:
            found = self.engine.query("SELECT ?w ?id ?kind WHERE { VALUES ?w { " + values + " } ?a kg:witness ?w ; "
                                      "a kg:Appearance ; kg:inReport ?r . ?r dcterms:identifier ?id . "
                                      "OPTIONAL { ?a kg:evidenceKind ?kind } }").rows
            heard_any = {f["id"] for f in self.engine.query(
                'SELECT DISTINCT ?id WHERE { ?a a kg:Appearance ; kg:evidenceKind "oral" ; kg:inReport ?r . '
                "?r dcterms:identifier ?id }").rows}
        except QueryFailed:
            return rows
        kinds: dict[tuple, set] = {}
        for f in found:
            kinds.setdefault((f["w"], f["id"]), set()).add(f.get("kind"))
        return [r for r in rows
                if r.get("report") not in heard_any or kinds.get((r[key], r.get("report"))) != {"written"}]

    def _own_rows(self) -> list[dict]:
        """The reports' names for their own bodies: report id, name and the body it denotes (kg:SelfReference)."""
        if self._own is None:
            try:
                self._own = self.engine.query("SELECT ?id ?n ?e WHERE { ?s a kg:SelfReference ; rdfs:label ?n ; "
                                              "kg:denotes ?e ; kg:inReport ?r . ?r dcterms:identifier ?id }").rows
            except QueryFailed:
                self._own = []
        return self._own


    def _no_session(self, asked: str, report: str | None) -> GraphAnswer | None:
        """"Not found" for a real day on which no listed witness gave evidence, with the days the witness lists do
        date (or the reports whose lists date none); None for a day that does not exist. A list that dates no session
        (a Lords list by question numbers) cannot rule a day out, so the asking service still answers from passages
        that name the day: what the text does not name, no passage can answer, and a passage dated another day
        would be a wrong answer. The query it names reruns for the day asked, and has no rows."""
        iso = iso_date(asked) or ""
        if not real_day(iso):
            return None
        params = {"report": report} if report else {}
        rows = self._rows("witnesses-on-date", params)
        days = sorted({r["date"] for r in rows if r.get("date")})
        dating = {r.get("report") for r in rows if r.get("date")}
        undated = sorted(set(self.report_titles if not report else [report]) - dating)
        params = {"date": iso, **params}
        if days:
            shown = [written_date(d) for d in days[:MAX_SHOWN]] + (["…"] if len(days) > MAX_SHOWN else [])
            reason = (f"no witness gave evidence on {asked}: the witness lists date their sessions "
                      f"{join_words(shown) if shown[-1] != '…' else ', '.join(shown)}")
            if undated:
                reason += f"; {self._titles(undated)} dates none, and no passage near the question names that day"
        else:
            reason = (f"no passage near the question names {asked}, and the witness lists date no session "
                      f"({self._titles(undated)})" if undated else f"no witness list dates a session on {asked}")
        return GraphAnswer("The reports do not seem to cover this question.", [], self._query("witnesses-on-date", params, []),
                           found=False, reason=reason)


    def _titles(self, report_ids: list[str]) -> str:
        """Reports named for a reader: their titles where known, else their ids."""
        names = [self.report_titles.get(rid) or rid for rid in report_ids[:MAX_SHOWN]]
        return join_words(names + (["…"] if len(report_ids) > MAX_SHOWN else []))


    def _evidence_dates(self, slot: str | None, report: str | None) -> GraphAnswer | None:
        """The days a witness gave evidence: from the witness list, and from the transcripts the notes cite."""
        linked = self.link(slot)
        if linked is None:
            return None
        name, iris = linked
        params = {"witness": name, **({"report": report} if report else {})}
        rows = [r for r in self._rows("evidence-dates", params) if r["person"] in iris]
        # The witness list's passage is tied to the person, not to a day: it is a day's evidence only when the
        # person has no other day.
        days = {}
        for r in rows:
            days.setdefault(r["person"], set()).add(r["date"])
        rows = [{**r, "evidence": None} if r.get("evidence") and len(days[r["person"]]) > 1 else r for r in rows]
        # A day some passage or note gives needs no row that gives none.
        backed = {r["date"] for r in rows if r.get("evidence") or r.get("note")}
        rows = [r for r in rows if r.get("evidence") or r.get("note") or r["date"] not in backed]
        if not rows:
            return None
        facts = [_fact(r["personLabel"], "gaveEvidenceOn", r["date"], r, self.report_titles)
                 for r in {(r["date"], r.get("evidence"), r.get("note")): r for r in rows}.values()]
        parts = []
        for person in dict.fromkeys(r["personLabel"] for r in rows):
            days = list(dict.fromkeys(r["date"] for r in rows if r["personLabel"] == person))
            parts.append(f"{person} gave evidence on {join_words([written_date(d) for d in days])}")
        days = list(dict.fromkeys(r["date"] for r in rows))
        # The passages to cite: the witness list's, and those whose markers cite the transcripts.
        cited = list(dict.fromkeys(_evidence(rows) + [r["citedIn"] for r in rows if r.get("citedIn")]))
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("evidence-dates", params, [linked]),
                           cited, days, _by_report(rows, "date"))


def _counted(names: list[str]) -> str:
    """"4 witnesses", "1 witness"."""
    return f"{len(names)} witness{'es' if len(names) != 1 else ''}"
