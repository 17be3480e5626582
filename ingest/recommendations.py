"""Recommendations: numbered, with bullets, addressees, deadlines, concerns and evidence passages.

Two forms are recognised: a "Recommendation N" heading with bullets (restated in a summary
appendix, which is linked, not duplicated), and House of Commons "Conclusions and
recommendations" paragraphs that end "(Paragraph N)".
"""
from __future__ import annotations

import re

from .ids import slugify
from .joiner import join_lines
from .model import Recommendation, Warning_

_NP = r"((?:the\s+|The\s+)?[A-Z][\w’'&]*(?:\s+(?:and\s+(?:the\s+)?|of\s+|for\s+|&\s+)?[A-Z][\w’'&]*)*)"
# "We recommend that MOPAC …", "urges the Met to …": the named body is the addressee whatever the verb.
_RECOMMEND_THAT = re.compile(rf"\b(?:recommends?|suggests?|urges?|calls? on|asks?)\s+(?:that\s+)?{_NP}")
# "The Met should …", "MOPAC and the Met should …": the subject of should/must.
_SHOULD = re.compile(rf"(?:^|[.;:]\s+|,\s+|•\s*){_NP}(?:,[^,]{{0,40}},)?\s+(?:should|must)\b")
_DEADLINE = re.compile(r"\b(By\s+(?:the\s+end\s+of\s+)?(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December)\s+\d{4}|within\s+(?:the\s+next\s+)?\d+\s+months|"
                       r"by\s+the\s+end\s+of\s+(?:this|next|the)\s+year|by\s+\d{4})", re.I)
_PARAGRAPH_REF = re.compile(r"\(Paragraphs?\s+([\d,\sand–-]+)\)\s*$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s*")
_NOT_ADDRESSEES = {"we", "committee", "the committee", "it", "this", "they", "government's", "the importance"}
_WORDS = re.compile(r"[a-z]{4,}")


def build_recommendations(report, structure, source: str, warnings: list[Warning_]) -> list[Recommendation]:
    """All recommendations in the report, each once."""
    recs = _from_headings(report, structure, source)
    if not recs:
        recs = _from_conclusions(report, structure, source)
    known = _organisation_names(report)
    for rec in recs:
        names = _addressees(rec.text, known)
        if not names and report.publisher and report.publisher.startswith("House of"):
            # Select committee recommendations are addressed to the Government, which must reply.
            names = ["Government"]
        if not names:
            warnings.append(Warning_("recommendation-addressee", f"no addressee found for recommendation {rec.number}",
                                     rec.page, rec.start))
        rec.addressee_names = names
        rec.addressees = [_addressee_org(report, known, n) for n in names]
        m = _DEADLINE.search(rec.text)
        rec.deadline = m.group(1) if m else None
        rec.concerns = _concerns(report, rec)
        rec.evidence = _evidence(report, rec)
    return recs


def _addressee_org(report, known: dict[str, str], name: str) -> str:
    """The id of the organisation a recommendation is addressed to, added to the report's list if new."""
    from .model import Organisation

    acronym = known.get(name.lower())
    expansion = next((g.expansion for g in report.glossary if g.acronym == acronym), None) if acronym else None
    oid = f"{report.id}/org/{slugify(acronym or name)}"
    org = next((o for o in report.organisations if o.id == oid), None)
    if org is None:
        org = Organisation(oid, expansion or name, aliases=[acronym] if acronym and expansion else [])
        report.organisations.append(org)
    if "recommendation addressee" not in org.roles:
        org.roles.append("recommendation addressee")
    return oid


def _from_headings(report, structure, source: str) -> list[Recommendation]:
    by_number: dict[int, Recommendation] = {}
    summaries: dict[int, dict] = {}
    sections = {s.id: s for s in report.sections}
    for rb in structure.recommendations:
        bullets = [join_lines(b.lines, source, [(m.start, m.end) for m in report.markers]).text.lstrip("•").strip()
                   for b in rb.items]
        sec = sections[rb.section]
        top = sections.get(sec.parent) if sec.parent else sec
        start = rb.heading.start
        end = rb.items[-1].end if rb.items else rb.heading.end
        in_summary = top is not None and top.kind == "appendix" and "recommendation" in top.title.lower()
        if in_summary:
            summaries[rb.number] = {"section": rb.section, "start": start, "end": end,
                                    "page": rb.heading.page, "passages": rb.passage_ids, "bullets": bullets}
            continue
        if rb.number in by_number:
            continue
        by_number[rb.number] = Recommendation(
            f"{report.id}/recommendation/{rb.number}", rb.number, " ".join(bullets), bullets, [], [], [], None,
            rb.section, rb.heading.page, start, end, passages=rb.passage_ids)
    for number, summary in summaries.items():
        if number in by_number:
            by_number[number].summary = summary
        else:
            by_number[number] = Recommendation(
                f"{report.id}/recommendation/{number}", number, " ".join(summary["bullets"]), summary["bullets"], [], [],
                [], None, summary["section"], summary["page"], summary["start"], summary["end"],
                passages=summary["passages"])
    return [by_number[n] for n in sorted(by_number)]


def _from_conclusions(report, structure, source: str) -> list[Recommendation]:
    out = []
    for sec in report.sections:
        top = sec if sec.level == 1 else next((s for s in report.sections if s.id == sec.parent), sec)
        if "recommendation" not in top.title.lower():
            continue
        for p in report.passages:
            if p.section != sec.id:
                continue
            m = _NUMBERED.match(p.text)
            if not m:
                if out and out[-1].section == sec.id and not _PARAGRAPH_REF.search(out[-1].text):
                    # A page break split the paragraph: the rest continues the open one.
                    out[-1].text += " " + p.text
                    out[-1].bullets[-1] = out[-1].text
                    out[-1].end = p.end
                    out[-1].passages.append(p.id)
                continue
            number = int(m.group(1))
            text = p.text[m.end():].strip()
            out.append(Recommendation(f"{report.id}/recommendation/{number}", number, text, [text], [], [], [], None,
                                      sec.id, p.page, p.start, p.end, passages=[p.id]))
    for rec in out:
        rec.text = re.sub(r"\s+", " ", rec.text).strip()
        m = _PARAGRAPH_REF.search(rec.text)
        if m:
            rec.paragraph_refs = [int(x) for x in re.findall(r"\d+", m.group(1))]
        rec.bullets = [rec.text]
    return out


def _organisation_names(report) -> dict[str, str]:
    """Lower-cased names and acronyms of bodies the report defines, mapped to one name each."""
    known: dict[str, str] = {}
    for g in report.glossary:
        known[g.acronym.lower()] = g.acronym
        known[g.expansion.lower()] = g.acronym
        known[f"the {g.acronym.lower()}"] = g.acronym
    return known


def _addressees(text: str, known: dict[str, str]) -> list[str]:
    names: list[str] = []
    matches = sorted(list(_RECOMMEND_THAT.finditer(text)) + list(_SHOULD.finditer(text)), key=lambda m: m.start())
    for m in matches:
        for part in re.split(r"\s+and\s+|\s*&\s*", m.group(1)):
            part = part.strip()
            low = part.lower()
            if not part or low in _NOT_ADDRESSEES or low.startswith("the importance") or low.split()[-1] in ("we",):
                continue
            base = re.sub(r"^the\s+", "", low)
            name = known.get(low) or known.get(base) or re.sub(r"^(the|The)\s+", "", part)
            if name.lower() in ("committee", "importance"):
                continue
            if name not in known.values() and " " not in name and name.endswith("s") and name.lower() not in \
                    ("companies",):
                continue  # "Consumers should be able to…": a plural noun, not a body addressed
            if name not in names:
                names.append(name)
    return names


def _concerns(report, rec: Recommendation) -> list[str]:
    out = []
    for g in report.glossary:
        if re.search(rf"\b{re.escape(g.acronym)}s?\b", rec.text) or g.expansion.lower() in rec.text.lower():
            if g.acronym not in [a for a in rec.addressee_names]:
                out.append(g.acronym)
    return out


def _evidence(report, rec: Recommendation, limit: int = 3) -> list[str]:
    """The passages before the recommendation, in its chapter, that share most of its words."""
    sections = {s.id: s for s in report.sections}
    sec = sections[rec.section]
    chapter = sec.parent or sec.id
    words = set(_WORDS.findall(rec.text.lower()))
    scored = []
    for p in report.passages:
        psec = sections[p.section]
        if (psec.parent or psec.id) != chapter or p.start >= rec.start or p.kind == "recommendation":
            continue
        overlap = len(words & set(_WORDS.findall(p.text.lower()))) / max(1, len(words))
        scored.append((overlap, p.start, p.id))
    scored.sort(reverse=True)
    chosen = [pid for score, _, pid in scored[:limit] if score >= 0.2]
    return sorted(chosen, key=lambda pid: report.passage(pid).start)
