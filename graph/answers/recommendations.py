"""Recommendations: deadlines, numbered ones, the whole set, those of a body on a topic."""
from __future__ import annotations

import re

from ..entities import fold

from .due import Due, dated
from .model import GraphAnswer
from .patterns import _REPORT_MENTION, _TAIL, MAX_PHRASE_WORDS, MAX_SHOWN
from .phrasing import (
    _by_report, _evidence, _fact, _group, _group_by, _in_report, _numbered, _once, _once_each, join_words,
    number_order)


class RecommendationAnswers:
    """Recommendations: deadlines, numbered ones, the whole set, those of a body on a topic.

    A part of GraphAnswerer, whose engine, report_titles, link, _rows and _query it uses.
    """

    def _deadlines(self, report: str | None, named: re.Match | None, due: Due | None = None) -> GraphAnswer | None:
        """The recommendations that set a deadline, each with it; due: only those due by the date or within the
        period a question names ("by January 2015", "within 12 months"), or "not found" naming the deadlines the
        reports set when none is."""
        params = {"report": report} if report else {}
        rows = self._rows("recommendation-deadlines", params)
        if named:  # "What is the deadline for Recommendation 6?": that one's, not every deadline
            rows = [r for r in rows if r["recLabel"] == f"Recommendation {named.group(1)}"]
        if due is not None and rows:
            return self._due(rows, params, due)
        if not rows:
            return None
        facts = [_fact(r["recLabel"], "deadline", r["deadline"], r, self.report_titles) for r in rows]
        parts = self._deadline_parts(rows, ("sets", "set"), "a deadline")
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("recommendation-deadlines", params, []),
                           _evidence(rows), list(dict.fromkeys(r["recLabel"] for r in rows)), _by_report(rows, "recLabel"))


    def _deadline_parts(self, rows: list[dict], verbs: tuple[str, str], what: str) -> list[str]:
        """Report by report, "3 and 5 set a deadline (3: By January 2015; 5: …) in <report>": the recommendations'
        numbers, the verb for one or many, what they set or meet, and each one's deadline."""
        parts = []
        for rid, items in _group(rows).items():
            numbers = list(dict.fromkeys(r["recLabel"].removeprefix("Recommendation ") for r in items))
            when = "; ".join(f"{r['recLabel'].removeprefix('Recommendation ')}: {r['deadline']}"
                             for r in _once(items, "recLabel"))
            parts.append(f"{_numbered(numbers)} {verbs[0] if len(numbers) == 1 else verbs[1]} {what} ({when})"
                         + _in_report(rid, self.report_titles))
        return parts

    def _due(self, rows: list[dict], params: dict, due: Due) -> GraphAnswer:
        """The recommendations whose deadline meets the date or period asked, the sentence saying which deadlines
        name no date and so were not counted; "not found" with every deadline set when none meets it."""
        met = [r for r in rows if due.meets(r["deadline"])]
        undated = [] if due.months is not None else _once([r for r in rows if not dated(r["deadline"])], "rec")
        aside = ("; " + "; ".join(f"{r['recLabel']}{_in_report(r.get('report') or '', self.report_titles)} sets a time "
                                  f"limit with no date ({r['deadline']})" for r in undated)) if undated else ""
        query = self._query("recommendation-deadlines", params, [])
        query["filter"] = due.asked  # the rows kept: those whose deadline is due so
        if not met:
            every = "; ".join(f"{r['recLabel']}{_in_report(r.get('report') or '', self.report_titles)}: {r['deadline']}"
                              for r in _once(rows, "rec"))
            return GraphAnswer("The reports do not seem to cover this question.", [], query, found=False,
                               reason=f"no recommendation's deadline is due {due.asked}: the deadlines set are {every}")
        facts = [_fact(r["recLabel"], "deadline", r["deadline"], r, self.report_titles) for r in met]
        parts = self._deadline_parts(met, ("is", "are"), f"due {due.asked}")
        return GraphAnswer("; ".join(parts) + aside + ".", facts, query, _evidence(met),
                           list(dict.fromkeys(r["recLabel"] for r in met)), _by_report(met, "recLabel"))


    def _due_to(self, due_answer: GraphAnswer, to: GraphAnswer, due: Due) -> GraphAnswer:
        """The recommendations due so that are also addressed to the body named, each with both facts; "not found"
        when none of that body's is due so."""
        mine = {(f["report"], f["subject"]) for f in to.facts}
        body = to.query["entities"][0]["name"] if to.query["entities"] else "the body named"
        kept = [f for f in due_answer.facts if (f["report"], f["subject"]) in mine]
        query = {**due_answer.query, "also": to.query}
        if not kept:
            return GraphAnswer("The reports do not seem to cover this question.", [], query, found=False,
                               reason=f"none of the recommendations addressed to {body} is due {due.asked}: "
                                      f"{due_answer.text.rstrip('.')}")
        wanted = {(f["report"], f["subject"]) for f in kept}
        facts = kept + [f for f in to.facts if (f["report"], f["subject"]) in wanted]
        by_report: dict[str, list[str]] = {}
        for f in kept:
            by_report.setdefault(f["report"] or "", []).append(f["subject"])
        parts = []
        for rid, names in by_report.items():
            when = "; ".join(f"{f['subject'].removeprefix('Recommendation ')}: {f['object']}" for f in kept
                             if (f["report"] or "") == rid)
            many = len(names) > 1
            parts.append(f"{_numbered([n.removeprefix('Recommendation ') for n in names])} "
                         f"{'are' if many else 'is'} addressed to {body} and {'are' if many else 'is'} due "
                         f"{due.asked} ({when}){_in_report(rid, self.report_titles)}")
        evidence = list(dict.fromkeys(f["evidence"]["passage"] for f in facts if f["evidence"]["passage"]))
        items = list(dict.fromkeys(n for names in by_report.values() for n in names))
        return GraphAnswer("; ".join(parts) + ".", facts, query, evidence, items, by_report)


    def _recommendations(self, numbers: list[str], report: str | None, who: bool = False) -> GraphAnswer | None:
        """Numbered recommendations as the report states them: each one's text, then the bodies it is addressed
        to and its deadline, every fact with the passage that holds the recommendation. who: the question asks who
        is to act, so the set it asks for (items) is the addressees, report by report."""
        rows = [r for n in numbers for r in self._rows("recommendation", {"number": n, **({"report": report} if report else {})})]
        if not rows:
            return self._no_such_recommendation(numbers, report)
        # One number reruns as that recommendation's query; several, as the query over every recommendation.
        params = {**({"number": numbers[0]} if len(numbers) == 1 else {}), **({"report": report} if report else {})}
        return self._stated(rows, params, who)


    def _stated(self, rows: list[dict], params: dict, who: bool = False) -> GraphAnswer:
        """Recommendations (the recommendation query's rows) each in full: text, addressees, deadline; who: the
        set asked for is the addressees."""
        facts, parts = [], []
        for (rid, label), group in _group_by(rows, lambda r: (r.get("report") or "", r["recLabel"])).items():
            first = group[0]
            to = list(dict.fromkeys(r["addresseeLabel"] for r in group if r.get("addresseeLabel")))
            facts.append(_fact(label, "text", first["text"], first, self.report_titles))
            facts += [_fact(label, "addressedTo", name, first, self.report_titles) for name in to]
            if first.get("deadline"):
                facts.append(_fact(label, "deadline", first["deadline"], first, self.report_titles))
            said = f"{label}{_in_report(rid, self.report_titles)}: “{' '.join(first['text'].split())}”"
            if to:
                said += f" It is addressed to {join_words(to)}."
            if first.get("deadline"):
                said += f" Deadline: {first['deadline']}."
            parts.append(said)
        if who:
            named = [r for r in rows if r.get("addresseeLabel")]
            return GraphAnswer("\n".join(parts), facts, self._query("recommendation", params, []), _evidence(rows),
                               list(dict.fromkeys(r["addresseeLabel"] for r in named)),
                               _by_report(named, "addresseeLabel"))
        return GraphAnswer("\n".join(parts), facts, self._query("recommendation", params, []), _evidence(rows),
                           list(dict.fromkeys(r["recLabel"] for r in rows)), _by_report(rows, "recLabel"))


    def _all_recommendations(self, report: str | None, count: bool) -> GraphAnswer | None:
        """Every recommendation of the reports (or of the one named): how many, report by report, or each in full;
        None when the graph holds none (the passages may still number them)."""
        params = {"report": report} if report else {}
        rows = self._rows("recommendation", params)
        if not rows:
            return None
        if not count:
            return self._stated(rows, params)
        parts, facts = [], []
        for rid, group in _group(rows).items():
            first = {r["recLabel"]: r for r in reversed(group)}  # each recommendation's first row
            labels = sorted(first, key=number_order)
            numbers = [label.removeprefix("Recommendation ") for label in labels]
            title = self.report_titles.get(rid) if len(self.report_titles) > 1 else None
            parts.append(f"{title or 'The report'} makes {len(labels)} recommendation{'s' if len(labels) != 1 else ''}: "
                         f"{_numbered(numbers)}")
            facts += [_fact(label, "text", first[label]["text"], first[label], self.report_titles) for label in labels]
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("recommendation", params, []), _evidence(rows),
                           list(dict.fromkeys(f["subject"] for f in facts)), _by_report(rows, "recLabel"))


    def _addressees(self, report: str | None) -> GraphAnswer | None:
        """The bodies the recommendations are addressed to, each with the recommendations addressed to it."""
        params = {"report": report} if report else {}
        rows = [r for r in self._rows("recommendation", params) if r.get("addresseeLabel")]
        if not rows:
            return None
        parts, facts = [], []
        for rid, group in _group(rows).items():
            by_body = _group_by(group, lambda r: r["addresseeLabel"])
            listed = "; ".join(f"{body}: {_numbered([r['recLabel'].removeprefix('Recommendation ') for r in _once(got, 'recLabel')])}"
                               for body, got in by_body.items())
            parts.append(f"The recommendations{_in_report(rid, self.report_titles)} are addressed to "
                         f"{join_words(list(by_body))} ({listed})")
            facts += [_fact(r["recLabel"], "addressedTo", r["addresseeLabel"], r, self.report_titles)
                      for r in _once_each(group, ("recLabel", "addresseeLabel"))]
        return GraphAnswer(". ".join(parts) + ".", facts, self._query("recommendation", params, []), _evidence(rows),
                           list(dict.fromkeys(r["addresseeLabel"] for r in rows)), _by_report(rows, "addresseeLabel"))


    def _no_such_recommendation(self, numbers: list[str], report: str | None) -> GraphAnswer | None:
        """"Not found" for a recommendation number the reports do not make, naming the ones they do; None when
        they make none the graph knows (the passages may still number theirs)."""
        params = {"report": report} if report else {}
        made = sorted({r["recLabel"].removeprefix("Recommendation ") for r in self._rows("recommendation", params)},
                      key=number_order)
        if not made:
            return None
        shown = made if len(made) <= MAX_SHOWN else [made[0], "…", made[-1]]
        reason = (f"no recommendation is numbered {join_words(numbers)}: the reports' recommendations are numbered "
                  f"{', '.join(shown) if '…' in shown else join_words(shown)}")
        return GraphAnswer("The reports do not seem to cover this question.", [],
                           self._query("recommendation", {"number": numbers[0], **params}, []), found=False, reason=reason)


    def _own_recommendations(self, body: str, slot: str | None, report: str | None) -> GraphAnswer | None:
        """The recommendations on a topic that a report's own body made: the question names the body as the report
        does ("the committee"), so the answer is that report's; None when no report calls its body so, or when
        several reports answer (which one was meant is the passages' to show)."""
        reports = [rid for rid in self._own_reports(body) if report is None or rid == report]
        answers = [got for rid in reports
                   if (got := self._relation(slot, "concerns", "object", rid) or self._mentioning(slot, rid))]
        return answers[0] if len(answers) == 1 else None


    def _own_reports(self, body: str) -> list[str]:
        """The reports that call their own body by this name ("the Committee": kg:SelfReference)."""
        from ..entities import self_key

        return sorted({r["id"] for r in self._own_rows() if self_key(str(r["n"])) == self_key(body)})


    def _mentioning(self, slot: str | None, report: str | None) -> GraphAnswer | None:
        """Recommendations whose text holds the words the question asks about, when no entity of the graph is
        called that ("Which recommendations concern restorative justice?")."""
        if not slot:
            return None
        phrase = _TAIL.sub("", _REPORT_MENTION.split(slot)[0].strip())
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(" ,;:’'\"“”"), flags=re.I)
        if not phrase or len(phrase.split()) > MAX_PHRASE_WORDS:
            return None
        params = {"phrase": phrase, **({"report": report} if report else {})}
        rows = self._rows("recommendations-mentioning", params)
        if not rows:
            return None
        facts = [_fact(r["recLabel"], "mentions", phrase, r, self.report_titles) for r in rows]
        by_report = _by_report(rows, "recLabel")
        parts = [f"{_numbered([n.removeprefix('Recommendation ') for n in names])} "
                 f"{'mentions' if len(names) == 1 else 'mention'} “{phrase}”{_in_report(rid, self.report_titles)}"
                 for rid, names in by_report.items()]
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("recommendations-mentioning", params, []),
                           _evidence(rows), list(dict.fromkeys(r["recLabel"] for r in rows)), by_report)


    def _addressed_about(self, slot: str | None, topic: str, report: str | None) -> GraphAnswer | None:
        """The recommendations addressed to the named body that also concern (or mention) the topic; None when
        none does, so the question is answered with passages rather than with the body's whole list."""
        to = self._relation(slot, "addressedTo", "object", report)
        about = self._relation(topic, "concerns", "object", report) if self._whole_name(topic) else None
        about = about or self._mentioning(topic, report)
        if to is None or about is None:
            return None
        wanted = {(f["report"], f["subject"]) for f in about.facts}
        facts = [f for f in to.facts if (f["report"], f["subject"]) in wanted]
        if not facts:
            return None
        by_report: dict[str, list[str]] = {}
        for f in facts:
            names = by_report.setdefault(f["report"] or "", [])
            if f["subject"] not in names:
                names.append(f["subject"])
        named = to.query["entities"][0]["name"] if to.query["entities"] else slot
        if about.query["entities"]:
            what, verb = about.query["entities"][0]["name"], ("concerns", "concern")
        else:  # words no entity names: the recommendations whose text holds them
            what, verb = f"“{about.query['params'].get('phrase', topic)}”", ("mentions", "mention")
        parts = []
        for rid, names in by_report.items():
            many = len(names) > 1
            parts.append(f"{_numbered([n.removeprefix('Recommendation ') for n in names])} "
                         f"{'are' if many else 'is'} addressed to {named} and {verb[many]} "
                         f"{what}{_in_report(rid, self.report_titles)}")
        # both facts of each recommendation: to whom it is addressed, and what it concerns, each with its evidence
        facts += [f for f in about.facts if (f["report"], f["subject"]) in {(g["report"], g["subject"]) for g in facts}]
        query = {**to.query, "also": about.query}
        evidence = list(dict.fromkeys(f["evidence"]["passage"] for f in facts if f["evidence"]["passage"]))
        items = list(dict.fromkeys(n for names in by_report.values() for n in names))
        return GraphAnswer("; ".join(parts) + ".", facts, query, evidence, items, by_report)


    def _whole_name(self, text: str) -> bool:
        """Whether the whole of text (less a trailing "in the report") names an entity, not only its first words."""
        linked = self.link(text)
        return bool(linked) and fold(linked[0]) == fold(_TAIL.sub("", text.strip()).strip(" ,;:’'\"“”"))
