"""Statements: who said what, found by the attribution phrases reports use.

"AC Rowley told us that …", "Sue Berelowitz, Deputy Children's Commissioner, told us …",
"Malcolm Ward reported: “…”", "According to Assistant Commissioner Mark Rowley, …",
"we were told by non-police partners that …", "We heard that …" (unnamed).
The note at the end of the statement gives its source; where the text and the note name
different speakers, both are kept.
"""
from __future__ import annotations

import bisect
import functools
import re

from .model import Statement
from .sentences import sentence_spans

_VERBS = (r"told (?:us|the Committee|Assembly Members|the Working Group)|informed (?:us|the Committee|Assembly Members)|"
          r"reported(?! to\b)|confirmed|stated|said|added(?=:|\s+that\b)|explained|highlighted|questioned whether|"
          r"warned|argued|expressed|acknowledged|admitted|admit|believes?|suggested|noted|recognised|stressed|estimated|"
          r"went on to say|went on the say|gave (?:an|the|another) example(?=:)")
# "MOPAC also told us", "The Met Commissioner has stated": a word between the speaker and the verb.
_BETWEEN = re.compile(r"\s+(?:also|has|have|had|further|later|then)$")
# The speaker name of words the text gives no one ("We heard …", "witnesses told us").
UNNAMED_SPEAKER = "unnamed witnesses"
_UNNAMED = re.compile(r"^(?:[A-Z][\w ]{0,30}, )?(?:We|we) (?:heard|were told|were informed|were also told|were also informed|also heard)"
                      r"(?! by)(?: how| that|,)?|^(?:[A-Z][\w ]{0,30}, )?(?:The Committee|Assembly Members) (?:heard|was informed|were informed)(?: how| that)?")
_BY_GROUP = re.compile(r"\b(?:we|We) were (?:told|informed) by ([^,.“]+?) that")
_ACCORDING = re.compile(r"\bAccording to ([^,]+),")
_ORG_SUBJECT = re.compile(r"((?:The |the )?(?:[A-Z][\w’'é\-]*\s?){1,5}?)\s*$")
# "Mr Recaldin said", "Professor Hodges explained": a person by honorific and surname.
_HONOURED = re.compile(r"(?:^|(?<=[\s,(“]))((?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Lord|Lady|Baroness|Minister)\.?\s+)+"
                       r"(?:[A-Z][a-z]*\.?\s+)?([A-Z][\w\-]*(?:[’'][A-Z][\w\-]*)?)(?:\s+(?:KC|QC|MP|MSP|AM))?)$")
_POSTNOMINALS = re.compile(r"(?:\s+(?:MP|MSP|MEP|AM|QC|KC|MBE|OBE|CBE|DBE|KBE|FRS))+$")
# "According to Mr Creswell’s evidence (…)": the evidence is his.
_WHOSE_EVIDENCE = re.compile(r"^(.+?)[’']s? (?:oral |written )?(?:evidence|witness statement|statement|account|testimony)\b")


def find_statements(report, structure) -> list[Statement]:
    """Every attributed statement in the report's passages."""
    people = report.people
    forms = _Forms(sorted(((f, p) for p in people for f in {p.name, *p.aliases}), key=lambda x: -len(x[0])))
    person_of: dict[str, object] = {}  # by id, the first of the list's people
    for p in people:
        person_of.setdefault(p.id, p)
    # Words the report also writes in lower case are words, not names: "That", "Indeed", "Second" said nothing.
    words = frozenset(w for p in report.passages for w in re.findall(r"\b[a-z][a-z’'\-]*\b", p.text))
    verb_re = re.compile(rf"\b({_VERBS})\b[:,]?\s*(?:that\s*[:,]?\s+)?")
    out: list[Statement] = []
    open_at_end: dict[str, tuple] = {}  # passage id -> the speaker whose quote runs on past its end
    lead_in_at_end: dict[str, tuple] = {}  # passage id -> the speaker of its closing "X said:", whose quote comes next
    previous = None
    last_named = None  # the last person the previous passage named
    for passage in report.passages:
        joined = structure.joined[passage.id]
        text = passage.text
        # "He added:", a lead-in of its own above a quote, is the person the paragraph before it (in the same
        # section) named last; a longer paragraph may name someone else before its "he" or "she"
        last_person = last_named if previous is not None and previous.section == passage.section \
            and _PRONOUN_LEAD_IN.match(text) else None
        taken: list[tuple[int, int]] = []
        carried = open_at_end.get(structure.continues.get(passage.id, ""))
        if carried is None and previous is not None and previous.section == passage.section \
                and passage.id not in structure.continues:
            # "Dr Chris Flower, CTPA, said:" ends a paragraph and the quote is set apart below it, a paragraph of
            # its own: that paragraph is the speaker's, up to its closing quote mark if it has one.
            carried = lead_in_at_end.get(previous.id)
            led_in = carried is not None
        else:
            led_in = False
        previous = passage
        if carried is not None:
            # The paragraph was split inside a quote: this passage goes on with that speaker's words.
            speaker, name, kind, opening = carried[:4]
            if kind == "person" and speaker is not None and last_person is None:
                last_person = person_of.get(speaker)  # "He added:" below means them
            close = _unopened_close(text) if led_in else text.find("”")
            if close == -1:
                # A quotation set apart, with no closing mark, ends at its note ("… in a better way.22"): the
                # paragraph a text extraction ran on after it is read for its own speakers.
                close = _first_marker_end(report, passage, joined) - 1
            c_end = close + 1 if close >= 0 else len(text)
            content = text[:c_end].strip()
            taken.append((0, c_end))
            src_start, src_end = joined.source_span(0, c_end)
            note = _note_for(report, passage, src_start, src_end)
            out.append(Statement(f"{passage.id}-s{len(taken)}", speaker, name, kind, carried[4] if led_in else "went on", content,
                                 content.rstrip("”").strip() or None, passage.id, src_start, src_end, passage.page,
                                 note.number if note else None, _note_speaker(note), note.source.date
                                 if note and note.source else None))
            if note is not None and opening is not None and opening.note is None:
                # the note closing the quote is the source of its opening words too
                opening.note, opening.note_speaker = note.number, _note_speaker(note)
                opening.date = opening.date or (note.source.date if note.source else None)
            if close == -1:
                open_at_end[passage.id] = carried
        clauses = _clauses(text)
        found_at = [_attributed(text[s:e], forms, verb_re, None, words) for s, e in clauses]
        for i, (s, e) in enumerate(clauses):
            # Only a "he"/"she" needs the last person named; without one the first pass's answer stands. A clause
            # opening on the pronoun ("… also conducted a study on seabirds. He said:") means the person an earlier
            # sentence of the paragraph named, though none of them said anything.
            who = last_person
            if who is None and found_at[i] is None and i and _PRONOUN_OPENS.match(text[s:e]):
                who = _named_in(text[clauses[i - 1][0]:clauses[i - 1][1]], forms)  # the sentence just before
            found = found_at[i] if who is None else _attributed(text[s:e], forms, verb_re, who, words)
            if found is None:
                continue
            speaker, name, kind, verb, c_start = found
            if speaker is not None and kind == "person":
                last_person = person_of[speaker]
            c_start += s
            # A clause after a semicolon that names no speaker of its own goes on with this one.
            j = i
            while j + 1 < len(clauses) and text[clauses[j][1] - 1] == ";" and found_at[j + 1] is None:
                j += 1
            c_end = _content_end(text, c_start, clauses[j][1])
            content = text[c_start:c_end].strip().lstrip(",;: ").strip()
            runs_on = c_end >= len(text.rstrip()) and (not content or content.count("“") > content.count("”"))
            if len(content) < 12 or any(a <= c_start < b for a, b in taken):
                if runs_on:  # a lead-in ("X told us:") that ends the passage
                    open_at_end[passage.id] = (speaker, name, kind, None)
                    if not content and text.rstrip().endswith(":"):
                        lead_in_at_end[passage.id] = (speaker, name, kind, None, verb)
                continue
            taken.append((s, c_end))
            quote = _quote(content)
            src_start, src_end = joined.source_span(s, c_end)
            note = _note_for(report, passage, src_start, src_end)
            out.append(Statement(f"{passage.id}-s{len(taken)}", speaker, name, kind, verb, content, quote,
                                 passage.id, src_start, src_end, passage.page,
                                 note.number if note else None, _note_speaker(note),
                                 note.source.date if note and note.source else None))
            if runs_on:  # a quote still open at the passage's end
                open_at_end[passage.id] = (speaker, name, kind, out[-1])
        last_named = last_person
    return out


_PRONOUN_LEAD_IN = re.compile(r"^(?:He|She)\s[^.:;]{1,40}:$")
_PRONOUN_OPENS = re.compile(r"\s*(?:He|She)\s")


def _unopened_close(text: str) -> int:
    """Where a quote that began before text closes: the first ” no “ in text opened (a quote set apart may quote
    another, “containing microplastics”, inside it), or -1 when it runs to the end."""
    depth = 0
    for m in re.finditer("[“”]", text):
        if m.group() == "“":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return m.start()
    return -1


def _note_speaker(note) -> str | None:
    """Who a statement's note names as its source: a person, or a body that gave evidence."""
    if note is None or not note.source:
        return None
    src = note.source
    # a publication's author is not a speaker; evidence givers are
    spoken = src.kind in ("transcript", "oral evidence", "written evidence", "letter")
    if src.person_name or spoken:
        return src.person_name or src.organisation
    # a press item's headline that has a named person speak ("Met chief Sir Bernard Hogan-Howe calls for shake-up
    # to tackle FGM"): the person the report's "The Met Commissioner has stated …" quotes
    m = _HEADLINE_SPEAKER.search(src.label or "") if src.kind == "press" else None
    return m.group("name") if m else None


# A headline's speaker: a person with an honorific, then a verb of saying ("Sir Ann Bell warns …"). A name with no
# honorific may be anyone the headline is about ("Police arrest John Smith"), and is not taken.
_HEADLINE_SPEAKER = re.compile(
    r"\b(?:Sir|Dame|Lord|Baroness|Dr|Professor|Prof|Mr|Mrs|Ms)\.?\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\s+"
    r"(?:says|said|calls|called|warns|warned|urges|urged|tells|told|admits|admitted|claims|insists|demands|pledges|"
    r"vows)\b")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, also split at semicolons outside quotes: "…MACIE; AC Rowley confirmed that …"."""
    out = []
    for s, e in sentence_spans(text):
        start = s
        i = text.find(";", s, e)
        while i != -1:  # jump from semicolon to semicolon: a long sentence is not walked a character at a time
            if text[start:i].count("“") == text[start:i].count("”"):
                out.append((start, i + 1))
                start = i + 2
            i = text.find(";", i + 1, e)
        out.append((start, e))
    return [(a, b) for a, b in out if a < b]


def _attributed(sentence: str, forms, verb_re, last_person, words: frozenset = frozenset()):
    """(speaker id, name, kind, verb, content start) when a sentence attributes what it says."""
    m = _ACCORDING.search(sentence)
    if m:
        who = m.group(1).strip()
        whose = _WHOSE_EVIDENCE.match(who)
        if whose:
            who = whose.group(1).strip()
            named = _honoured(who, forms)
            if named:
                return *named, "according to", m.end()
        person = _match_person(who, forms)
        if person:
            return person.id, person.name, "person", "according to", m.end()
        named = _honoured(who, forms)
        if named:  # "According to Mrs Kamran,": a person the report names nowhere else
            return *named, "according to", m.end()
        # "According to the Mayoral Strategy on …": a document, not a speaker
        kind = "publication" if re.search(r"\b(Strategy|Report|Review|Protocol|Study|study|report|review)\b", who) \
            else "organisation"
        return None, who, kind, "according to", m.end()
    m = _BY_GROUP.search(sentence)
    if m:
        who = m.group(1).strip()
        person = _match_person(who, forms)
        if person:
            return person.id, person.name, "person", "told", m.end()
        kind = "group" if who[:1].islower() else "organisation"
        return None, who, kind, "told", m.end()
    for vm in verb_re.finditer(sentence):
        head = _BETWEEN.sub("", sentence[:vm.start()].rstrip().rstrip(",").rstrip())
        # "Helen Bailey, Chief Operating Officer, MOPAC, told us": drop appositives back to the name.
        candidates = [head]
        trimmed = head
        for _ in range(4):
            cut = trimmed.rfind(",")
            if cut <= 0:
                break
            trimmed = trimmed[:cut].rstrip()
            candidates.append(trimmed)
        subject = None
        for cand in candidates:
            subject = _subject(cand, forms, last_person, people_only=True, words=words)
            if subject:
                break
        for cand in candidates if subject is None else []:
            # "The Children’s Society, for example, told us": a body, after its aside
            subject = _subject(cand, forms, last_person, words=words)
            if subject:
                break
        if subject is None:
            continue
        speaker, name, kind = subject
        return speaker, name, kind, vm.group(1), vm.end()
    m = _UNNAMED.search(sentence)
    if m and m.start() < 40:
        return None, UNNAMED_SPEAKER, "group", m.group(0).strip(), m.end()
    return None


class _Forms(list):
    """The listed people's name forms as (form, person), longest first, with one pattern for them all: a sentence
    is searched once, not once a form (a pattern made for each form of 1,000 witnesses missed re's cache of 512,
    so every sentence compiled them all again: time the people times the sentences). The forms, the surnames and
    the people are also looked up by their text, so that a clause's speaker is found without reading every form
    (which grew as the people times the clauses)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.person_of: dict[str, object] = {}
        self.rank: dict[str, int] = {}  # each form's place in the list: the first of two is the longer
        for i, (form, person) in enumerate(self):
            self.person_of.setdefault(form, person)  # two people of one name: the first, as the list is read
            self.rank.setdefault(form, i)
        self.longest = max((len(f) for f, _ in self), default=0)
        # at the leftmost place any form stands, the first of them in the list's order: the longest
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f, _ in self) + r")(?![\w-])")

    @functools.cached_property
    def by_surname(self) -> dict[str, dict[str, object]]:
        """The people by the last word of their name: surname -> {person id: person}, as the forms give them."""
        out: dict[str, dict[str, object]] = {}
        for _, person in self:
            out.setdefault((person.name.split() or [""])[-1], {})[person.id] = person
        return out

    @functools.cached_property
    def longest_surname(self) -> int:
        """The length of the longest last word of a name: no word's beginning longer than it is one."""
        return max(map(len, self.by_surname), default=0)

    @functools.cached_property
    def office_holders(self) -> dict[str, object]:
        """_by_office's answers so far, by office: a report names the same few offices again and again."""
        return {}

    def first_of(self, texts) -> object | None:
        """The person of the first form in the list's order that is one of texts, or None."""
        found = [t for t in texts if t in self.rank]
        return self.person_of[min(found, key=self.rank.__getitem__)] if found else None

    def ending(self, *heads: str) -> object | None:
        """The person of the first form in the list's order that one of heads ends with, after no letter or
        digit: its ends no longer than the longest form, at each place that may start a word."""
        return self.first_of(h[i:] for h in heads for i in range(max(0, len(h) - self.longest), len(h) + 1)
                             if i == 0 or not h[i - 1].isalnum())


def _as_forms(forms) -> _Forms:
    """The forms as _Forms (find_statements makes them so; a list of (form, person) is made into them)."""
    return forms if isinstance(forms, _Forms) else _Forms(forms)


def _first_named(head: str, forms):
    """The listed person a sentence names first, in any of their forms, or None."""
    forms = _as_forms(forms)
    m = forms.pattern.search(head) if forms else None
    return forms.person_of[m.group()] if m else None


def _named_in(sentence: str, forms):
    """The one listed person a sentence names: in any of their forms, or by an honorific and their surname with
    its particles ("Dr van Sebille" for Dr Erik van Sebille); None when it names none, or several by surname."""
    person = _first_named(sentence, forms)
    if person is not None:
        return person
    # the people whose surname's last word begins a word of the sentence (it stands after a space there), looked
    # up by the words' beginnings rather than by reading every person: a long list met every pronoun lead-in
    forms = _as_forms(forms)
    by_surname, longest = forms.by_surname, forms.longest_surname
    people = {p.id: p for word in sentence.split() for k in range(1, min(len(word), longest) + 1)
              for p in by_surname.get(word[:k], {}).values()}
    found = {p.id: p for p in people.values() for surname in [_surname(p.name)]
             if surname and re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Lord|Lady|Baroness)\.?\s+"
                                      rf"(?:[A-Z][\w\-]*\s+)?{re.escape(surname)}\b", sentence)}
    return next(iter(found.values())) if len(found) == 1 else None


def _surname(name: str) -> str:
    """A person's surname with the particles before it ("van Sebille", "de la Mare"), or their last word."""
    words = name.split()
    at = len(words) - 1
    while at > 1 and words[at - 1] in ("van", "von", "de", "der", "den", "la", "le", "du", "da", "di"):
        at -= 1
    return " ".join(words[at:])


def _honoured(head: str, forms):
    """(id, name, "person") for a head ending in an honorific and surname: the one known person of that
    surname, else the person as the report names them."""
    m = _HONOURED.search(head)
    if not m:
        return None
    known = _as_forms(forms).by_surname.get(m.group(2), {})
    if len(known) == 1:
        person = next(iter(known.values()))
        return person.id, person.name, "person"
    return None, m.group(1), "person"


def _subject(head: str, forms, last_person, people_only: bool = False, words: frozenset = frozenset()):
    """The speaker named just before an attribution verb: a person in any form, a pronoun, or a body."""
    # "Anne Milton MP said": the person, whose letters after the name the witness list leaves out
    bare = _POSTNOMINALS.sub("", head)
    forms = _as_forms(forms)
    person = forms.ending(head, bare)
    if person is not None:
        return person.id, person.name, "person"
    named = _honoured(head, forms)
    if named:
        return named
    if head.endswith(("’s", "'s")):  # "Mr Creswell’s suggested decision": a possessive, not a speaker
        return None
    if re.search(r"(?:^|[\s,])(?:He|She|he|she)$", head):
        # "Mr Letwin indicated a similar view when he said": the person the sentence names before the pronoun
        named = _first_named(head, forms)
        if named is not None:
            return named.id, named.name, "person"
        if last_person is not None:
            return last_person.id, last_person.name, "person"
    if people_only:
        return None
    m = _ORG_SUBJECT.search(head)
    if m:
        name = m.group(1).strip()
        before = head[:m.start()].rstrip()
        if not name or name.split()[0] in ("It", "This", "These", "They", "There", "We", "Our", "However", "He", "She",
                                           "Furthermore", "Moreover", "Additionally", "Therefore", "Similarly", "Also"):
            return None
        if before and not before.endswith((",", ";", ":", "“")) and before.split()[-1] not in ("and", "that", "also", "However"):
            # the name must start the clause, e.g. "The Met told us" or "However, MOPAC said"
            if before.split()[-1][0].isupper():
                return None
            if before.split()[-1] not in ("However", "Similarly", "also"):
                return None
        if name.lower() in ("the committee", "committee", "members", "assembly members", "the report"):
            return None
        if (" " not in name and name.lower() in words) or "I" in name.split():
            return None  # "As I explained", "Indeed, …": words, not a body
        if re.fullmatch(r"(?:(?:Several|Many|Some|Most|Other)\s+)?[A-Z]{2,}s", name):  # "NGOs told us": a kind of body
            return None, name, "group"
        office = _by_office(name, forms)
        if office is not None:  # "The Minister said": the one witness who holds that office
            return office.id, office.name, "person"
        return None, re.sub(r"^the ", "The ", name), "organisation"
    return None


def _by_office(name: str, forms):
    """The one person whose role is the office a name gives ("The Minister"), if exactly one."""
    office = re.sub(r"^(The|the)\s+", "", name).strip().lower()
    if not office or " " in office and len(office.split()) > 3:
        return None
    # a word of the role, not of a hyphened one ("Cross-Government Expert Advisory Group" holds no office "Government")
    forms = _as_forms(forms)
    if office not in forms.office_holders:
        holders = {p.id: p for _, p in forms if p.role and office in p.role.lower()
                   and re.search(rf"(?<![\w-]){re.escape(office)}(?![\w-])", p.role.lower())}
        forms.office_holders[office] = next(iter(holders.values())) if len(holders) == 1 else None
    return forms.office_holders[office]


def _match_person(who: str, forms):
    """The listed person who is, ends with (after a space) or begins with (before a comma): the first such form in
    the list's order."""
    return _as_forms(forms).first_of([who, *(who[i + 1:] for i, c in enumerate(who) if c == " "),
                                      *(who[:i] for i, c in enumerate(who) if c == ",")])


def _content_end(text: str, start: int, sentence_end: int) -> int:
    """The end of the sentence, or of the quotation it opens, whichever is later."""
    segment = text[start:sentence_end]
    if segment.count("“") > segment.count("”"):
        close = text.find("”", sentence_end)
        if close != -1:
            end = close + 1
            while end < len(text) and text[end] in ".”":
                end += 1
            return end
    return sentence_end


def _quote(content: str) -> str | None:
    m = re.search(r"“(.+?)”(?=[^”]*$)|“(.+)”", content, re.S)
    if not m:
        return None
    return (m.group(1) or m.group(2)).strip()


def _first_marker_end(report, passage, joined) -> int:
    """Where in the passage's text its first note marker stood, when words follow it; 0 when none does."""
    starts = [m.start for m in report.markers if m.passage == passage.id]
    if not starts:
        return 0
    at = bisect.bisect_left(joined.offsets, min(starts))
    return at if at < len(passage.text.rstrip()) else 0


def _note_for(report, passage, start: int, end: int):
    """The note whose marker falls in the statement, or the first one right after it in the passage."""
    best = None
    for marker in report.markers:
        if marker.passage != passage.id:
            continue
        if start <= marker.start <= end + 2:
            best = marker
            break
    if best is None:
        return None
    return report.note(best.number)
