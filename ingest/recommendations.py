"""Recommendations: numbered, with bullets, addressees, deadlines, concerns and evidence passages.

Two forms are recognised: a "Recommendation N" heading with bullets (restated in a summary
appendix, which is linked, not duplicated), and numbered paragraphs in a section whose title names
recommendations: House of Commons paragraphs that end "(Paragraph N)", an inquiry's numbered list,
and House of Lords conclusions numbered by chapter ("8.1"), of which those that recommend.
"""
from __future__ import annotations

import re

from .ids import slugify
from .joiner import join_lines
from .model import Recommendation, Warning_
from .people import ORG_WORDS
from .people.entries import _whole_names
from .vocabulary import NUMBER_WORD

_NP = r"((?:the\s+|The\s+)?[A-Z][\w’'&]*(?:\s+(?:and\s+(?:the\s+)?|of\s+|for\s+|&\s+)?[A-Z][\w’'&]*)*)"
# A name that opens a longer noun phrase is not who is asked to act: "that government funding for buses is
# increased", "that Government support for councils should continue", "that councils’ budgets are protected".
# After the name, a possessive, an -ing noun, or a word that the clause's verb follows, at once or after the word's
# own "for/of/on/in/to …" (not an adverb: "the Government also should"), says the name qualifies a noun; the body
# that acts is followed by its verb ("that the Government publish …", "that the Government consult on whether …").
_CLAUSE_VERB = r"(?:is|are|be|was|were|should|must|shall|will|would|can|could|may|has|have)"
_NOT_A_NOUN = r"(?:also|now|then|still|too|therefore|further|itself|themselves|alone|together|jointly|[a-z]+ly)\b"
_OF_A_NOUN = r"\s+(?:for|of|on|in|to|from|at)(?:\s+(?!(?:that|whether|how|what|which|who|why|when|where|it|they|this)\b)[\w’'-]+){1,4}?"
_QUALIFIES = (rf"(?:[’'](?:s\b|(?=\s))|\s+[a-z]{{3,}}ing\b|"
              rf"\s+(?!{_NOT_A_NOUN}|{_CLAUSE_VERB}\b)[a-z]+(?:{_OF_A_NOUN})?\s+{_CLAUSE_VERB}\b)")
# "We recommend that MOPAC …", "urges the Met to …": the named body is the addressee whatever the verb.
_RECOMMEND_THAT = re.compile(rf"\b(?:recommends?|suggests?|urges?|encourages?|invites?|calls? on|asks?)\s+"
                             rf"(?:(?:further|also|therefore)\s+)?(?:that\s*)?(?:,[^,]{{0,60}},\s*)?(?>{_NP})(?!{_QUALIFIES})")
# "The Met should …", "MOPAC and the Met should …": the subject of should/must.
# An aside may stand between them: "Departmental Chief Scientific Advisers, whether or not they have experience
# of the sciences of human behaviour, should be responsible …" (8.8 of HL 179).
_SHOULD = re.compile(rf"(?:^|[.;:]\s+|,\s+|•\s*){_NP}(?:,[^,]{{0,80}},)?\s+(?:should|must)\b")
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A deadline: "By 31 October 2025", "within 12 months", "by the end of next year", and the cut-offs
# "no later than 1 May 2015", "after midnight 27 November 2025" (no claims "shall be entertained after" it), and a
# time limit counted from an event: "up to … the date which is three calendar months following the receipt … of a
# first assessed offer", "no more than 28 days after the decision" (the event is kept: the limit means nothing
# without it).
_COUNT = rf"(?:\d+|{NUMBER_WORD})"
_DEADLINE = re.compile(rf"\b(By\s+(?:the\s+end\s+of\s+)?(?:\d{{1,2}}\s+)?{_MONTHS}\s+\d{{4}}|"
                       rf"within\s+(?:the\s+next\s+)?{_COUNT}\s+(?:months|weeks|years|days)|"
                       rf"{_COUNT}\s+(?:calendar\s+|working\s+|clear\s+)?(?:months?|weeks?|years?|days?)\s+"
                       rf"(?:following|after)\s+(?:the|a|an|its|their|each)\s+[^.;:,()]{{3,80}}|"
                       rf"by\s+the\s+end\s+of\s+(?:(?:this|next|the)\s+year|\d{{4}})|by\s+\d{{4}}|"
                       rf"(?:no|not)\s+later\s+than\s+\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|"
                       rf"after\s+midnight\s+(?:on\s+)?\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})", re.I)
# Public actors reports address by a common noun: "We urge ministers to …", "local authorities should …".
# ("the government should …" in lower case, as inquiries write it)
_ACTOR = (r"(?:the\s+)?government(?!\s+(?:ministers|departments))|(?:government\s+)?ministers|"
          r"(?:government\s+)?departments|local\s+authorities|policy[\s-]?makers|"
          r"regulators|police\s+forces|councils|commissioners")
_ACTOR_ADDRESSED = re.compile(
    rf"\b(?:recommends?\s+that|urges?|calls?\s+on|invites?|encourages?|asks?)\s+({_ACTOR})\b(?!{_QUALIFIES})|"
    rf"(?:^|[.;:]\s+|,\s+|•\s*|\bthat\s+)({_ACTOR})\s+(?:should|must|shall|have\s+a\s+responsibility|need\s+to)\b", re.I)
_PARAGRAPH_REF = re.compile(r"\((?:Paragraphs?|paragraphs?|paras?\.?)\s+([\d.,\sand–-]+?)\)\s*\.?\s*$")
# "3. The Met should …", "8.1. We recommend …", "8.12 The Government …"
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)(?:\.\s*|\s+)(?=\S|$)")
# A conclusion that recommends: what the committee asks someone to do.
_RECOMMENDS = re.compile(r"\b(?:recommend\w*|urg(?:e|es|ed)|call(?:s|ed)? (?:on|upon|for)|invit(?:e|es)|encourag(?:e|es)|should|"
                         r"must|shall|ought to|needs? to|will need|responsibility to|it is (?:important|essential|vital) that|"
                         # "We expect the Government to …", "we ask the Department for Education to …"
                         r"(?:expect|ask|request)s?\s+(?:that\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,6}?\s+(?:to|will)\s+\w+)\b", re.I)
# Inquiry style: "The Department shall …", "By 31 October 2025, the Department, Fujitsu and the Post Office shall …"
_MODAL = re.compile(r"\b(?:shall|should|must)\b")
_LEAD_PHRASE = re.compile(r"^(?:(?:In|By|Within|During|After|Before|Following|As soon as|Once|Where|When|If|Subject to)\b"
                          r"[^,]{0,160},\s*|In\s+[A-Z][\w/]*\s+(?=the\s))")
_BODY = r"(?:(?:the|The)\s+|HM\s+)?[A-Z][\w’'&-]*(?:\s+(?:of\s+|for\s+|on\s+)?(?:the\s+)?[A-Z][\w’'&-]*)*"
_BODY_LIST = re.compile(rf"({_BODY})((?:(?:,\s*(?:and\s+)?|\s+and/or\s+|\s+or\s+|\s+and\s+(?:where appropriate\s+)?|"
                        rf"\s+in conjunction with\s+|\s+together with\s+){_BODY})*)\s*,?\s*$")
_DETERMINERS = {"a", "an", "all", "any", "no", "each", "every", "such", "these", "this", "those", "it", "they", "we"}
_NOT_ADDRESSEES = {"we", "committee", "the committee", "it", "this", "they", "government's", "the importance"}
_WORDS = re.compile(r"[a-z]{4,}")


def build_recommendations(report, structure, source: str, warnings: list[Warning_]) -> list[Recommendation]:
    """All recommendations in the report, each once."""
    recs = _from_headings(report, structure, source)
    if not recs:
        recs = _from_conclusions(report, structure, source)
    if not recs:
        recs = _from_paragraphs(report)
    known = _organisation_names(report)
    # read once for all the recommendations, not once each
    chapters, passage_words = passages_by_chapter(report), {}
    for rec in recs:
        names = _addressees(rec.text, known) or [re.sub(r"^(the|The)\s+", "", n) for n in _modal_subjects(rec.text)]
        select = bool(report.publisher and report.publisher.startswith("House of"))
        concludes = select and not _RECOMMENDS.search(rec.text)  # asks no one to act
        if not names and select and not concludes:
            # Select committee recommendations are addressed to the Government, which must reply; a conclusion
            # among them that asks no one to act ("Microbead pollution does not respect national borders") is
            # addressed to no one.
            names = ["Government"]
        if not names and not concludes:
            warnings.append(Warning_("recommendation-addressee", f"no addressee found for recommendation {rec.label}",
                                     rec.page, rec.start))
        rec.addressee_names = names
        rec.addressees = [_addressee_org(report, known, n) for n in names]
        m = _DEADLINE.search(rec.text)
        rec.deadline = " ".join(m.group(1).split()) if m else None  # one line, as the page breaks it
        rec.concerns = _concerns(report, rec)
        rec.evidence = _evidence(report, rec, chapters=chapters, words_of=passage_words)
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
    spans = [(m.start, m.end) for m in report.markers]
    for rb in structure.recommendations:
        bullets = [join_lines(b.lines, source, spans).text.lstrip("•").strip() for b in rb.items]
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
    out: list[Recommendation] = []
    expected: tuple[int, int] | None = None  # the next chapter-numbered paragraph (8, 2) after 8.1
    for sec in report.sections:
        top = sec if sec.level == 1 else next((s for s in report.sections if s.id == sec.parent), sec)
        if "recommendation" not in top.title.lower():
            continue
        passages = [p for p in report.passages if p.section == sec.id]
        column = _number_column(passages, expected)
        closed = False
        for p in passages:
            if p.id in column:
                label, first = column[p.id]
                if first is None:
                    continue  # a number of the column: it stands with its paragraph below
                if first != p.id:  # the rest of the paragraph, after a break
                    out[-1].text += " " + p.text
                    out[-1].end = p.end
                    out[-1].passages.append(p.id)
                    continue
                out.append(Recommendation(f"{report.id}/recommendation/{label}", len(out) + 1, p.text, [p.text],
                                          [], [], [], None, sec.id, p.page, p.start, p.end, passages=[p.id],
                                          label=label))
                continue
            if _LABEL_ONLY.match(p.text.strip()):
                closed = True  # numbers that found no paragraphs of their own: what follows is none of theirs
                continue
            labelled = _LABELLED.match(p.text)
            if labelled:
                closed = labelled.group(1) != "Recommendation"  # a numbered conclusion is no recommendation
                if not closed and not any(r.label == labelled.group(2) for r in out):
                    out.append(_labelled(report, sec, p, labelled))
                continue
            starts = _numbered_starts(p.text, expected)
            if starts:
                closed = False
            if starts and "." in starts[-1][0]:
                major, minor = map(int, starts[-1][0].split("."))
                expected = (major, minor + 1)
            lead = p.text[:starts[0][1]] if starts else p.text
            if lead.strip() and out and out[-1].section == sec.id and not _PARAGRAPH_REF.search(out[-1].text) \
                    and not closed:
                # A page break split the paragraph: the rest continues the open one.
                out[-1].text += " " + lead
                out[-1].end = p.end
                out[-1].passages.append(p.id)
            for i, (label, at, body_at) in enumerate(starts):
                stop = starts[i + 1][1] if i + 1 < len(starts) else len(p.text)
                text = p.text[body_at:stop].strip()
                out.append(Recommendation(f"{report.id}/recommendation/{label}", len(out) + 1, text, [text], [], [],
                                          [], None, sec.id, p.page, p.start, p.end, passages=[p.id], label=label))
    if not out:
        # "Recommendation 1. …" paragraphs in the chapters, with no list of them: each once, where it first stands
        for p in report.passages:
            labelled = _LABELLED.match(p.text)
            if labelled and labelled.group(1) == "Recommendation" and not any(r.label == labelled.group(2) for r in out):
                out.append(_labelled(report, next(s for s in report.sections if s.id == p.section), p, labelled))
    for rec in out:
        rec.text = _without_leader(re.sub(r"\s+", " ", rec.text).strip())
    split = [(rec, _lettered(rec, source)) for rec in out]
    if len(split) > 1:
        # A lead-in among numbered recommendations: its letters under its number ("4a"), so each label is the list's
        # own and ids stay unique. A lead-in that is the whole list (an audit report's) gives the letters alone.
        for rec, parts in split:
            for part in parts if len(parts) > 1 else []:
                part.label = f"{rec.label}{part.label}"
                part.id = f"{rec.id.rsplit('/', 1)[0]}/{part.label}"
    out = [part for rec, parts in split for part in parts]
    for rec in out:
        m = _PARAGRAPH_REF.search(rec.text)
        if m:
            rec.paragraph_refs = re.findall(r"\d+(?:\.\d+)?", m.group(1))
        # its sub-parts, where it sets them as bullets: the lead-in, then one each
        rec.bullets = sub_parts(rec.text) or [rec.text]
    if any("." in r.label for r in out):
        # Conclusions numbered by chapter (8.1 … 8.33) mix findings with recommendations: keep those
        # that ask someone to act, numbered as printed and counted in order.
        out = [r for r in out if _RECOMMENDS.search(r.text)]
        for i, rec in enumerate(out, 1):
            rec.number = i
    elif all(r.label.isdigit() for r in out):
        for rec in out:  # a plain numbered list: its printed numbers are the numbers
            rec.number = int(rec.label)
    else:
        for i, rec in enumerate(out, 1):  # lettered ones among them ("a", "4a"): all count in order
            rec.number = i
    return out


# Recommendations lettered in place of numbers, under a lead-in, as audit reports set them ("We make the following
# recommendations: a The Department should …. b The Department and … should …"): each letter, in order from "a" right
# after the lead-in's colon, opens a whole recommendation (its first word a capital, after the colon or the last
# one's sentence end), so long as the lead-in asks no one to act (no "should", "must" or "shall", and no addressee).
# Lettered parts under a lead-in that does ("The Department should, by March 2025, do two things: (a) Publish …
# (b) Set …") are that recommendation's parts, in whatever case, as are parts that go on in lower case.
_LETTER = re.compile(r"(?<=[:.;!?])\s+\(?([a-z])[.)]?\s+(?=[A-Z])")


def _lettered(rec: Recommendation, source: str) -> list[Recommendation]:
    """The lettered recommendations a lead-in sets out, each by its letter; else the recommendation itself."""
    colon = rec.text.find(":")
    found: list[re.Match] = []
    for m in _LETTER.finditer(rec.text, max(colon, 0)):
        if m.group(1) == chr(ord("a") + len(found)) and (found or m.start() == colon + 1):
            found.append(m)
    if colon < 0 or len(found) < 2:
        return [rec]
    lead = rec.text[:colon]
    if _MODAL.search(lead) or _addressees(lead, {}):
        return [rec]  # one recommendation, its parts lettered
    out = []
    for i, m in enumerate(found):
        text = rec.text[m.end():found[i + 1].start() if i + 1 < len(found) else len(rec.text)].strip()
        # where its words stand in the file, whitespace as printed
        words = re.compile(r"\s+".join(map(re.escape, text.split()[:6])))
        at = words.search(source, rec.start, rec.end + len(rec.text))
        start = at.start() if at else rec.start
        out.append(Recommendation(f"{rec.id.rsplit('/', 1)[0]}/{m.group(1)}", rec.number, text, [text], [], [], [],
                                  None, rec.section, rec.page, start, start + len(text) if at else rec.end,
                                  passages=list(rec.passages), label=m.group(1)))
    return out


# A committee that sets its recommendations as paragraphs of its text (in bold, as the Scottish Parliament's
# committees do) and lists them nowhere: a numbered paragraph in which it recommends ("The Committee recommends
# that …", "We recommend …", "The Committee calls on …", "The Committee asks … to …") is one, by its number. Whom it
# calls on, asks, urges or invites is a body ("the Scottish Government", "local authorities") or "that …": "We urge
# readers to …" and "the Committee asks three questions" ask no one to act; and words inside a quotation are the
# witness's, not the committee's ("… told us: “We call on the Scottish Government to …”").
_COMMITTEE_ASKS = re.compile(r"(?:^|[.!?]\s+)(?:The\s+Committee|We)\s+(?:(?:also|therefore|further|again|strongly)\s+)?"
                             r"(?:recommends?\b|(?:calls?\s+(?:on|upon)|asks?|urges?|invites?)\s+"
                             rf"(?:that\b|(?:(?:all|each|every)\s+)?(?:the\s+)?(?:HM\s+)?[A-Z]|(?i:{_ACTOR})\b))")


def _committee_asks(body: str) -> bool:
    """Whether the committee itself recommends in a paragraph: a match outside any quotation it holds."""
    for m in _COMMITTEE_ASKS.finditer(body):
        before = body[:m.start()]
        if before.count("“") <= before.count("”") and not before.count('"') % 2:
            return True
    return False


def _from_paragraphs(report) -> list[Recommendation]:
    """Numbered paragraphs of the chapters in which the committee recommends, each once, by its printed number."""
    sections = {s.id: s for s in report.sections}
    out: list[Recommendation] = []
    label, section = None, None
    for p in report.passages:
        sec = sections.get(p.section)
        top = sections.get(sec.parent, sec) if sec is not None and sec.parent else sec
        if top is None or top.kind in ("appendix", "back"):
            continue
        m = _NUMBERED.match(p.text)
        if m and "." not in m.group(1):
            label, section = m.group(1), p.section
            body = p.text[m.end():]
        elif label is None or p.section != section or p.kind != "paragraph":
            label = None  # an unnumbered paragraph, or one in another section, is no numbered paragraph's rest
            continue
        else:
            body = p.text
        if _committee_asks(body):
            if out and out[-1].label == label:
                out[-1].text += " " + body
                out[-1].end = p.end
                out[-1].passages.append(p.id)
            else:
                out.append(Recommendation(f"{report.id}/recommendation/{label}", int(label), body.strip(),
                                          [body.strip()], [], [], [], None, p.section, p.page, p.start, p.end,
                                          passages=[p.id], label=label))
    for rec in out:
        rec.text = re.sub(r"\s+", " ", rec.text).strip()
        rec.bullets = sub_parts(rec.text) or [rec.text]
    return out


_SUB_PART = re.compile(r"\s*•\s*")
# Lettered parts set out after the lead-in's colon ("… by March 2025: a) publish …; b) set …; and c) report …"), each
# part after the last one's semicolon or full stop ("…: (a) Publish …. (b) Set …"); lettered parts run inline
# ("either (a) settled … or (b) …", "the Government (a) establish …; (b) publish …") are one sentence
_LABEL = r"(?:\(?[a-z]\)|\([ivx]{1,4}\))\s"
_LETTERED_LEAD = re.compile(r":\s+(?=\(?a\)\s|\(i\)\s)")
_LETTERED_PART = re.compile(rf"(?:(?<=[:;])|(?<=; and)|(?<=; or)|(?<=\.))\s+(?={_LABEL})")


def sub_parts(text: str) -> list[str]:
    """A recommendation's lead-in and its parts: set as bullets, or lettered after the lead-in's colon."""
    parts = [b.strip() for b in _SUB_PART.split(text) if b.strip()]
    if _LETTERED_LEAD.search(text):
        parts = [q.strip() for b in parts for q in _LETTERED_PART.split(b) if q.strip()]
    return parts
# "Recommendation 1. The Welsh Government should …", "Conclusion 1. We are …" (Senedd style)
_LABELLED = re.compile(r"^(Recommendation|Conclusion)\s+(\d{1,3})[.:]\s+(?=\S)")
# the dotted leader to the page a list of recommendations gives: "… two-year-old. ............ Page 3"
_LEADER = re.compile(r"\s*(?:\.\s*){4,}(?:Page\s*|p\.?\s*)?\d{1,4}$")


def _without_leader(text: str) -> str:
    """The text without a dotted leader to a page number at its end; the full stop that ends its sentence kept."""
    m = _LEADER.search(text)
    if not m:
        return text
    cut = m.start() + (1 if text[m.start()] == "." and m.start() and text[m.start() - 1].isalnum() else 0)
    return text[:cut]


def _labelled(report, sec, p, m: re.Match) -> Recommendation:
    """A recommendation its own words number: "Recommendation 1. The Welsh Government should …"."""
    text = p.text[m.end():]
    return Recommendation(f"{report.id}/recommendation/{m.group(2)}", int(m.group(2)), text, [text], [], [], [],
                          None, sec.id, p.page, p.start, p.end, passages=[p.id], label=m.group(2))


_LABEL_ONLY = re.compile(r"^(\d{1,2}(?:\.\d{1,2})?)\.?$")
_ENDS_SENTENCE = re.compile(r"[.!?:;”\")]$")


def _number_column(passages, expected) -> dict[str, tuple[str, str | None]]:
    """Paragraph numbers set in a column apart from their paragraphs, paired with them.

    pdfminer.six writes a column of hanging numbers as numbers alone ("2." … "9.") and then the
    paragraphs, unnumbered. When the paragraphs up to the next numbered one are as many as the numbers
    (a paragraph a page break cut in two counted once), the n-th takes the n-th number; otherwise
    nothing is paired, for a wrong number is worse than none. Gives passage id -> (label, its text's
    passage) for the paragraphs, and (label, None) for the numbers alone."""
    out: dict[str, tuple[str, str | None]] = {}
    i = 0
    while i < len(passages):
        labels = []
        j = i
        while j < len(passages) and _LABEL_ONLY.match(passages[j].text.strip()):
            labels.append((_LABEL_ONLY.match(passages[j].text.strip()).group(1), passages[j].id))
            j += 1
        if not labels:
            i += 1
            continue
        texts: list[list] = []
        k = j
        while k < len(passages) and not _numbered_starts(passages[k].text, expected) \
                and not _LABEL_ONLY.match(passages[k].text.strip()):
            p = passages[k]
            if texts and (p.text[:1].islower() or not _ENDS_SENTENCE.search(texts[-1][-1].text.rstrip())):
                texts[-1].append(p)  # the rest of a paragraph a page or column break cut
            else:
                texts.append([p])
            k += 1
        numbers = [int(lab) if "." not in lab else None for lab, _ in labels]
        consecutive = all(a is not None and b == a + 1 for a, b in zip(numbers, numbers[1:])) or len(labels) == 1
        if len(texts) == len(labels) and consecutive:
            for (label, pid), group in zip(labels, texts):
                out[pid] = (label, None)
                for p in group:
                    out[p.id] = (label, group[0].id)
            # the second and later passages of one paragraph join the first below
        i = max(k, i + 1)
    return out


_DOTTED = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.(\d{1,2})\.?\s+(?=[A-Z“‘\"])")


def _numbered_starts(text: str, expected: tuple[int, int] | None) -> list[tuple[str, int, int]]:
    """(label, where it starts, where its words start) of each numbered paragraph a passage holds.

    A plain number ("3.") counts only at the passage's start. A chapter number ("8.6.") may follow a
    sub-heading the text ran into ("Role of Government scientists 8.6. We recommend …"), so it counts
    anywhere, but only as the next in the sequence (8.1, 8.2, … or the next chapter's first): that keeps
    cross-references such as "paragraph 2.20" out.
    """
    out = []
    for m in _DOTTED.finditer(text):
        number = (int(m.group(1)), int(m.group(2)))
        if (expected is None and number[1] == 1) or number == expected or \
                (expected is not None and number == (expected[0] + 1, 1)):
            out.append((f"{number[0]}.{number[1]}", m.start(), m.end()))
            expected = (number[0], number[1] + 1)
    if out:
        return out
    m = _NUMBERED.match(text)
    if m and "." not in m.group(1):
        return [(m.group(1), 0, m.end())]
    return []


def _organisation_names(report) -> dict[str, str]:
    """Lower-cased names and acronyms of bodies the report defines, mapped to one name each."""
    known: dict[str, str] = {}
    for g in report.glossary:
        known[g.acronym.lower()] = g.acronym
        known[g.expansion.lower()] = g.acronym
        known[f"the {g.acronym.lower()}"] = g.acronym
    return known


def _modal_subjects(text: str) -> list[str]:
    """The bodies before "shall", "should" or "must": "The Department shall …", "HM Government and/or the
    Department and where appropriate the Post Office and Fujitsu shall …". A clause that is not a list of
    names ("The appointed person shall", "All claimants shall") names no addressee."""
    names: list[str] = []
    for modal in _MODAL.finditer(text):
        # the clause runs back to the sentence's start, or to ", and" that opens a second one
        # ("In HSS the Post Office shall be obliged to make, and the Department shall be obliged …")
        cuts = [(text.rfind(c, 0, modal.start()), len(c)) for c in (".", ";", ":", "•", ", and ", ", but ")]
        start = max((at + width for at, width in cuts if at >= 0), default=0)
        clause = _LEAD_PHRASE.sub("", text[start:modal.start()].strip())
        # "The Department following consultation with …, shall": the head before the aside
        head = re.match(rf"^({_BODY})\s+(?:following|after|in consultation with|having)\b", clause)
        m = _BODY_LIST.fullmatch(clause) or head
        if not m:
            continue
        for part in re.split(r",\s*(?:and\s+)?|\s+and/or\s+|\s+or\s+|\s+and\s+(?:where appropriate\s+)?|"
                             r"\s+in conjunction with\s+|\s+together with\s+", m.group(0) if not head else head.group(1)):
            part = part.strip(" ,")
            words = re.sub(r"^(the|The|HM)\s+", "", part).split()
            if not words or part.split()[0].lower() in _DETERMINERS or not any(w[0].isupper() for w in words):
                continue
            if part not in names:
                names.append(part)
    return names


def _addressees(text: str, known: dict[str, str]) -> list[str]:
    names: list[str] = []
    matches = sorted(list(_RECOMMEND_THAT.finditer(text)) + list(_SHOULD.finditer(text)), key=lambda m: m.start())
    for m in matches:
        for part in _name_parts(_whole_name_before(text, m), known):
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
    for m in _ACTOR_ADDRESSED.finditer(text):
        name = re.sub(r"\s+", " ", m.group(1) or m.group(2))
        name = re.sub(r"^the\s+", "", name, flags=re.I)  # "the government should …"
        name = name[:1].upper() + name[1:].lower()
        if name in ("Ministers", "Departments"):  # the Government's, and no one minister ("the Minister")
            name = f"Government {name.lower()}"
        if name not in names:
            names.append(name)
    # a name's words before its comma, taken from a match inside it, are no name of their own
    return [n for n in names if not any(o.startswith(n + ", ") for o in names)]


# The words of a name that a comma ended, right before a match: "The Department for Environment" of
# "The Department for Environment, Food and Rural Affairs should …"
_NAME_BEFORE_COMMA = re.compile(r"((?:the\s+|The\s+)?[A-Z][\w’'&]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w’'&]*)*),\s+$")


def _whole_name_before(text: str, m: re.Match) -> str:
    """The names a "… should" match holds, with a body's name that holds a comma made whole: the match starts after
    the comma of "Department for Environment, Food and Rural Affairs", and the name goes on before it (the rule
    witness lists use, ``_whole_names``)."""
    names = m.group(1)
    before = _NAME_BEFORE_COMMA.search(text[:m.start(1)])
    if before and len(_whole_names([before.group(1), names])) == 1:
        return f"{before.group(1)}, {names}"
    return names


def _name_parts(names: str, known: dict[str, str] | None = None) -> list[str]:
    """"MOPAC and the Met" names two bodies; "Department of Health and Social Care" and "Department for
    Environment, Food and Rural Affairs" one: after "of" or "for", a short "and …" completes the name, unless
    it is a body of its own ("Department for Education and Ofsted", "… and Network Rail", "… and HM Treasury")."""
    parts: list[str] = []
    # "&" joins the words of one name ("HM Revenue & Customs", "Department for Work & Pensions"), not two bodies
    for part in re.split(r"\s+and\s+", names):
        body = (known or {}).get(part.lower()) or ORG_WORDS.search(part) or re.match(r"[A-Z]{2,}\b", part)
        if parts and re.search(r"\b(?:of|for)\b", parts[-1]) and not re.match(r"(?:the|The)\b", part) \
                and len(part.split()) <= 3 and not body:
            parts[-1] += " and " + part
        elif parts and body and not re.match(r"(?:the|The)\b", part) and _names_no_body(parts[-1], known):
            # "the Education and Skills Funding Agency": a word or two that name no body, then "and" and a body's
            # name, are the first words of that name
            parts[-1] += " and " + part
        else:
            parts.append(part)
    return parts


def _names_no_body(part: str, known: dict[str, str] | None) -> bool:
    """Whether a part cut at "and" is a word or two that name no body ("the Education" of "the Education and Skills
    Funding Agency"), where "the Department", "MOPAC" or "the Met" name one."""
    words = re.sub(r"^(?:the|The)\s+", "", part).split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words) and not ORG_WORDS.search(part) \
        and not (known or {}).get(part.lower()) and not re.match(r"[A-Z]{2,}\b", words[0]) \
        and words[-1] not in ("Department", "Government", "Met", "Mayor", "Treasury", "Minister", "Ministers")


def _concerns(report, rec: Recommendation) -> list[str]:
    out = []
    for g in report.glossary:
        if re.search(rf"\b{re.escape(g.acronym)}s?\b", rec.text) or g.expansion.lower() in rec.text.lower():
            if g.acronym not in [a for a in rec.addressee_names]:
                out.append(g.acronym)
    return out


def _evidence(report, rec: Recommendation, limit: int = 3, chapters: dict[str, list] | None = None,
              words_of: dict[str, set[str]] | None = None) -> list[str]:
    """The passages before the recommendation, in its chapter, that share most of its words. chapters (the
    passages of each chapter) and words_of (each passage's words) are kept from one recommendation to the next."""
    chapters = passages_by_chapter(report) if chapters is None else chapters
    words_of = {} if words_of is None else words_of
    sec = {s.id: s for s in report.sections}[rec.section]
    words = set(_WORDS.findall(rec.text.lower()))
    scored = []
    for p in chapters.get(sec.parent or sec.id, ()):
        if p.start >= rec.start or p.kind == "recommendation":
            continue
        own = words_of.get(p.id)
        if own is None:
            own = words_of[p.id] = set(_WORDS.findall(p.text.lower()))
        overlap = len(words & own) / max(1, len(words))
        scored.append((overlap, p.start, p.id))
    scored.sort(reverse=True)
    chosen = [(start, pid) for score, start, pid in scored[:limit] if score >= 0.2]
    return [pid for _, pid in sorted(chosen, key=lambda c: c[0])]


def passages_by_chapter(report) -> dict[str, list]:
    """The report's passages by the id of their chapter (a top-level section), in report order."""
    sections = {s.id: s for s in report.sections}
    out: dict[str, list] = {}
    for p in report.passages:
        sec = sections[p.section]
        out.setdefault(sec.parent or sec.id, []).append(p)
    return out
