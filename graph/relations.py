"""Relations the text states, found by explicit sentence rules; each keeps the sentence that states it.

A rule is a regular expression over one sentence with named groups: ``s`` (subject side) and ``o``
(object side), or ``items`` (a list of members). The entities are the mentions that fall inside a
group, so "The Met's response to FGM is led by Project Azure, a dedicated team within SOECA" gives
Project Azure (the last agency before the comma) and SOECA (the first after "within").
"It" and "They" stand for the first agency of the sentence before. Sentences that recommend
("should") state no fact and are skipped.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.model import Report
from ingest.people import HONORIFICS
from ingest.sentences import sentence_spans

from . import lexicon
from .entities import AGENCY_KINDS, Matcher, Mention, Registry, cited_title, fold, head_kind, looks_like_person

HIERARCHY = "subOrganizationOf"


@dataclass
class Claim:
    """One stated relation and where it is stated."""

    subject: str  # entity key
    predicate: str  # a name from PREDICATES
    object: str  # entity key
    rule: str
    report: str
    sentence: str
    passage: str | None = None  # passage id, or None when a note states it
    note: int | None = None
    offset: int = 0  # where the sentence starts in the passage (or note) text
    count: int | None = None  # "It has 16 child abuse investigation teams"
    extra: dict = field(default_factory=dict)


# predicate name -> (human label, inverse label); the RDF terms are in graph/builder/core.py
PREDICATES = {
    "subOrganizationOf": ("is part of", "has part"),
    "formedByMergerOf": ("was formed by merging", "merged to form"),
    "oversees": ("oversees", "is overseen by"),
    "holdsToAccount": ("holds to account", "is held to account by"),
    "replaces": ("replaced", "was replaced by"),
    "supports": ("supports", "is supported by"),
    "memberOf": ("is a member of", "has member"),
    "headOf": ("chairs", "is chaired by"),
    "partnerIn": ("is a partner in", "has partner"),
    "participatedIn": ("took part in", "involved"),
    "establishedBy": ("was established by", "established"),
    "createdBy": ("is by", "wrote"),
}
HEAD_RULES = frozenset({"titled-head"})  # rules whose org:headOf is a body's head ("Head of BIT"); the others' a chair
CITATION_RULE = "note-citation"  # "Lord Laming (2009) The Protection of Children in England": the note names the author

_AGENCY = AGENCY_KINDS


@dataclass(frozen=True)
class Rule:
    """A sentence pattern and what it states."""

    name: str
    pattern: re.Pattern
    predicate: str
    pick_s: str = "first"  # which agency in the s group: first | last
    kinds_s: frozenset | None = frozenset(_AGENCY)
    kinds_o: frozenset | None = frozenset(_AGENCY)
    subject_kind: str | None = None  # the kind the rule shows the subject to be ("a team within" -> unit)
    swap: bool = False  # the o group is the subject ("It has 16 teams": the teams are part of it)
    cue: str = ""  # words the sentence must hold before the (slower) pattern is tried


def _cue_matches(rule: "Rule", low: str) -> bool:
    """A cheap test that lets most sentences skip a rule's pattern."""
    return not rule.cue or _compiled(rule.cue).search(low) is not None


@lru_cache(maxsize=None)
def _compiled(cue: str) -> re.Pattern:
    """A cue compiled once (re.search would look it up in re's cache for every sentence and rule)."""
    return re.compile(cue)


# A pattern that opens with a lazy group of any characters ("(?P<s>.+?)…", the dot taking newlines too) matches
# somewhere only if it matches at the sentence's start, where the group can take whatever stands before any later
# match; so search's leftmost match is the one tried at the start. Trying it there alone gives search's answer,
# where search would try again from every later position, each scanning the rest of the sentence (a sentence's
# length squared, for the sentences that state nothing).
_OPENS_LAZILY = re.compile(r"^\(\?P<\w+>\.[+*]\?\)")


@lru_cache(maxsize=None)
def _finder(pattern: re.Pattern):
    """pattern.match where it gives what pattern.search gives (a lazy opening group of any characters, no
    back-reference to it), else pattern.search."""
    text = pattern.pattern
    if pattern.flags & re.S and _OPENS_LAZILY.match(text) and "(?P=" not in text and not re.search(r"\\\d", text):
        return pattern.match
    return pattern.search


def _r(rx: str) -> re.Pattern:
    return re.compile(rx, re.I | re.S)


# The titles that style a person ("Mr", "Miss", "Professor", "Rt Hon", "Baroness"), as ingest knows them.
_HONORIFIC = "|".join(r"\s+".join(map(re.escape, h.split())) for h in sorted(HONORIFICS, key=len, reverse=True))
# A chair's name after "chaired by": a title, then up to four capitalised words (case matters: names).
_CHAIR_NAME = rf"(?:(?:{_HONORIFIC})\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}"
# "(now known as the “Remediation Committee”)", "a committee now known as the Horizon Matters Committee"
_KNOWN_AS = r"(?:now\s+|later\s+|since\s+|also\s+|hereafter\s+)?(?:known|referred\s+to|called|named)\s+as\s+"
_BODY_NOUN = r"(?:sub-?)?(?:committee|board|panel|group|unit|team|body|council|commission)"


# What may stand between a body's name and the verb it is the subject of: a comma, a bracket or quote closing it
_ADJOINS = re.compile(r"[\s,)”’\"]*")

RULES = [
    Rule("team-within", _r(r"(?P<s>.+?),\s*(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:team|unit|command|section|squad)\s+"
                           r"(?:within|in|of)\s+(?P<o>.+)"), HIERARCHY, pick_s="last", subject_kind="unit", cue=r"within|\bin\b|\bof\b"),
    Rule("created-within", _r(r"(?P<s>.+?)\s+was\s+(?:created|established|set up|formed)\s+within\s+(?P<o>.+)"),
         HIERARCHY, pick_s="last", subject_kind="unit", cue=r"within"),
    Rule("part-of", _r(r"(?P<s>.+?)\s+(?:is|are)\s+(?:now\s+)?part\s+of\s+(?P<o>.+)"), HIERARCHY, pick_s="last", cue=r"part of"),
    # "BIT, a small team of civil servants and academics, is based in the Cabinet Office"
    Rule("based-in", _r(r"(?P<s>.+?)\s+(?:is|are|was|were)\s+(?:now\s+)?(?:based|housed|located)\s+(?:with)?in\s+(?P<o>.+)"),
         HIERARCHY, pick_s="last", cue=r"based|housed|located"),
    # "The Audit Panel, a sub-committee of the Board, …", and the sub-body named after it: "a sub-committee of the
    # Post Office Board (now known as the “Remediation Committee”) was constituted"
    Rule("sub-body-of", _r(r"(?P<s>.+?),\s*(?:a|an|the)\s+(?:\w+\s+)?sub-?(?:committee|group|panel|board)\s+of\s+"
                           r"(?P<o>.+)"), HIERARCHY, pick_s="last", cue=r"sub-?(?:committee|group|panel|board) of"),
    Rule("sub-body-named", _r(r"\b(?:a|an|the)\s+(?:\w+\s+)?sub-?(?:committee|group|panel|board)\s+of\s+"
                              r"(?P<o>[^()]+?)\s*\(\s*" + _KNOWN_AS + r"(?P<s>[^()]+)\)"),
         HIERARCHY, cue=r"sub-?(?:committee|group|panel|board) of"),
    Rule("has-units", _r(r"^(?P<s>.+?)\s+has\s+(?P<n>\d+)\s+(?P<o>.+)"), HIERARCHY, swap=True, cue=r"has \d"),
    # Matched on adjacent mentions rather than by this pattern: see RelationFinder._possessive.
    Rule("possessive-unit", _r(r"(?P<o>\S+)[’']s\s+(?:[a-z-]+\s+){0,3}\(?(?P<s>\S+)"), HIERARCHY, cue=r"[’']s\b"),
    # "When the Met created SOECA": the thing made follows the verb (not "set up by": see created-by-passive)
    Rule("created-by", _r(r"(?P<o>.+?)(?<!was )(?<!were )(?<!been )(?<!be )\b(?:created|established|set up)\s+"
                          r"(?!by\b)(?P<s>.+)"),
         "establishedBy", pick_s="first", cue=r"created|established|set up"),
    # "The Lights Committee, set up by the Harbour Board in 2022, …", "SOECA was established by the Met": the
    # thing made is the last body before the verb, its maker the first after "by"
    Rule("created-by-passive", _r(r"(?P<s>.+?)\s+(?:(?:was|were|has been|had been)\s+)?"
                                  r"(?:created|established|set up|formed)\s+by\s+(?P<o>.+)"),
         "establishedBy", pick_s="last", cue=r"(?:created|established|set up|formed) by"),
    Rule("merger", _r(r"(?P<s>.+?)\s+was\s+(?:established|formed|created)\b.*?\bwhen\s+(?P<items>.+?\s+merged\s+with\s+.+)"),
         "formedByMergerOf", pick_s="last", cue=r"merged"),
    Rule("oversees", _r(r"(?P<s>.+?)\s+(?:has\s+responsibility\s+for\s+overseeing|is\s+responsible\s+for\s+overseeing|"
                        r"responsible\s+for\s+providing\s+oversight\s+of|oversees|(?:regularly\s+)?monitors)\s+(?P<o>.+)"),
         "oversees", cue=r"overs|monitors"),
    # "the Department’s oversight of HSS": the body overseen is named right after "oversight of".
    Rule("oversight-of", _r(r"(?P<s>\S+[’']s)\s+(?:\w+\s+)?oversight\s+of\s+(?P<o>(?:the\s+)?\S+(?:\s+\S+){0,3})"),
         "oversees", pick_s="last", cue=r"oversight of"),
    Rule("holds-to-account", _r(r"(?P<s>.+?)\s+(?:must\s+|to\s+|will\s+)?(?:\w+ly\s+)?holds?\s+(?P<o>.+?)\s+to\s+account"),
         "holdsToAccount", cue=r"account"),
    Rule("replaced-by", _r(r"(?P<o>.+?)\s+was\s+(?:disbanded\s+and\s+)?replaced\s+by\s+(?P<s>.+)"), "replaces",
         cue=r"replaced by"),
    Rule("supports", _r(r"(?P<s>.+?),?\s+which\s+provides\s+(?:[\w\s]+?)?support\s+to\s+(?P<o>.+)"), "supports",
         pick_s="last", cue=r"support to"),
    Rule("member-of", _r(r"(?P<s>.+?)\s+(?:is|are)\s+(?:also\s+)?(?:an?\s+)?(?:\w+\s+)?(?:member\s+of|represented\s+on)\s+"
                         r"(?P<o>.+)"), "memberOf", cue=r"member of|represented on"),
    Rule("members-are", _r(r"Members\s+of\s+(?P<o>.+?)\s+are\s+(?:representatives\s+from\s+)?(?P<items>.+)"), "memberOf", cue=r"members of"),
    Rule("brought-together", _r(r"(?P<s>.+?)\s+has\s+brought\s+together\s+.*?including\s+(?P<items>.+?)(?:,?\s+into\b|$)"),
         "memberOf", cue=r"brought together"),
    # "The HSS Steering Committee is chaired by Mr Creswell": the body is the run of capitalised words just
    # before the verb, so "The Board constituted by the Department … was chaired by" states nothing of the Department.
    Rule("chaired-by", re.compile(r"(?:^|.*?\s)(?P<s>(?:[A-Z][\w&’'-]*\s+){0,6}[A-Z][\w&’'-]*)\s+(?:is|was|are|were|has\s+"
                          r"(?:always\s+)?been|will\s+be)\s+chaired\s+by\s+(?P<o>" + _CHAIR_NAME + ")", re.S),
         "headOf", kinds_s=frozenset({"person"}), swap=True, cue=r"chaired by"),
    # "Currently, it is known as the Horizon Redress Convictions Board, and it is still chaired by Mr Creswell": "it"
    # (or "which") after a comma is the body named just before it
    Rule("chaired-by-it", re.compile(r"(?:^|.*?\s)(?P<s>(?:[A-Z][\w&’'-]*\s+){0,6}[A-Z][\w&’'-]*)\s*,\s*"
                                     r"(?:and\s+)?(?:it|which)\s+(?:is|was|has\s+(?:always\s+)?been)\s+"
                                     r"(?:still\s+|also\s+|now\s+)?chaired\s+by\s+(?P<o>" + _CHAIR_NAME + ")", re.S),
         "headOf", kinds_s=frozenset({"person"}), swap=True, cue=r"chaired by"),
    Rule("partner-in", _r(r"(?P<s>.+?)\s+(?:is|are)\s+(?:an?\s+)?(?:\w+\s+)?partner\s+(?:in|on|of)\s+(?P<o>.+)"),
         "partnerIn", cue=r"partner"),
    Rule("through-operation", _r(r"Through\s+(?P<o>Operation\s+\w+),\s+(?P<items>.+)"), "participatedIn",
         kinds_o=frozenset({"operation"}), cue=r"through operation"),
    Rule("officers-from", _r(r"Officers\s+from\s+(?P<items>.+?)\s+(?:approached|took part|worked|were)"),
         "participatedIn", kinds_o=frozenset({"operation"}), cue=r"officers from"),
]

# "The Board constituted by the Department in August 2021 was chaired by Mr Creswell": a body named by the noun
# of its name ("Board"), which points back to the body of that noun named last (the Overturned Convictions Board,
# two paragraphs before); the chair's name is matched as the chaired-by rule matches it.
# "there are two sub-committees of …", "three working groups of …": a count of a body's parts, named in the next
# sentence ("These are …")
_COUNTED_PARTS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several)\s+"
                            r"(?:sub-?committees|sub-?groups|working\s+groups|panels|boards|committees|units|"
                            r"teams)\s+of\s+",
                            re.I)
_THESE_ARE = re.compile(r"^\W*(?:These|They)\s+are\s+", re.I)

_DESCRIBED_CHAIR = re.compile(r"^\W*The\s+(?P<noun>[A-Za-z][\w-]*)\b[^.;:]*?\s+(?:is|was|are|were|"
                              r"has\s+(?:always\s+)?been|will\s+be)\s+(?:still\s+|now\s+|also\s+)?chaired\s+by\s+"
                              r"(?P<o>" + _CHAIR_NAME + ")")
# "Dr Halpern, Head of BIT, agreed …", "DCS Keith Niven (Detective Chief Superintendent responsible for SOECA)": a
# person's title in apposition (after a comma or in brackets) that makes them the head of the body named right after
# it. The title opens the apposition, so "Medical Director of Weight Concern" or "Deputy Head of …" heads nothing;
# "responsible for" follows a title of capitalised words, so "the team, responsible for providing oversight of …"
# does not.
_HEAD_TITLE = re.compile(r"\s*[,(]\s*(?:(?:Head|Leader|Director|Chief\s+Executive)\s+of|"
                         r"(?:[A-Z][\w-]*\s+){1,4}responsible\s+for)\s+(?:the\s+)?")
_HEAD_ENDS = re.compile(r"\s*(?:[,;:.)]|$|and\b)")  # the body's name ends the title: "Leader of the MRC programme" no
_OWNED_BY = re.compile(r"[’']s\s+")  # "Head of the Cabinet Office’s BIT": the body is the one owned
# What may stand between a body that is a sentence's subject and its verb: auxiliaries, adverbs, an aside between
# commas or in brackets ("GLOS is, and from its inception, has been governed by …"); no other words, so "The Board
# said that local fishermen have a …" or "Officers of …" make no body the subject.
_SUBJECT_GAP = (r"(?:\s*\([^()]*\)|\s*,[^,;:]*,|\s+(?:is|was|are|were|has|have|had|been|be|will|would|also|now|"
                r"still|always|already|long|since|then|\w+ly)\b)*\s+")
_TO_VERB = re.compile(_SUBJECT_GAP)
# a body that is the object of a preposition ("Officers of the Harbour Crime Command") is no subject
_GOVERNED = re.compile(r"\b(?:of|for|from|by|with|to|in|at|on|about|under|over|than|like|unlike)\s+(?:the\s+)?$", re.I)
# A noun phrase ends at a stop, a bracket, a clause ("which", "chaired by …") or a preposition: "a steering group
# chaired by …", "the Horizon Matters Committee, which …", not "board meetings" or "the Board’s staff".
_PHRASE_ENDS = re.compile(r"\s*(?:[,;:.()]|$|(?:which|that|who|whose|where|when|chaired|led|made|set|formed|composed|"
                          r"comprising|consisting|including|of|for|to|with|in|on|at|by|from|during|since|until|after|"
                          r"before|as|and|or|but|is|was|are|were|has|had|meets|met)\b)", re.I)
# "this sub-committee sat above a committee now known as the Horizon Matters Committee": a rank in a hierarchy of
# bodies; the body above has the other as its part. The verbs are those of standing ("is under" says too much else),
# and the other body is named right after the direction (an article, or "a committee now known as", between), so
# "sat under enormous pressure from X" or "ranked below expectations, according to X" rank nothing.
_RANKED = re.compile(r"\b(?:sat|sits|sit|stood|stands|ranked|ranks)\s+(?:directly\s+|immediately\s+)?"
                     r"(?P<dir>above|below|beneath|under)\s+(?:(?:a|an|the)\s+(?:[\w-]+\s+)?" + _BODY_NOUN + r"\s*,?\s*"
                     + _KNOWN_AS + r")?", re.I)
_ARTICLE = re.compile(r"(?:the\s+)?")
_DESCRIBED = re.compile(r"\b(?:this|that|the)\s+(?:sub-?)?(?P<noun>committee|board|panel|group|unit|team|body|council|"
                        r"commission)\s*$", re.I)  # "this sub-committee" is a committee named before
# "BIT has a steering group chaired by Sir Gus O’Donnell", "GLOS … has been governed by a steering group which is
# made up of …": a body the report never names, brought in by the body the sentence opens with, as the subject of
# "has" or "governed by"; the group is a whole noun phrase, words of its own before the group noun (no "observer at
# board meetings"). It is named after that body ("BIT steering group"), so "the group is chaired by …" and questions
# can name it.
_NOT_MODIFIER = r"(?!(?:at|of|in|on|for|with|from|by|to|into|about|and|or|the|a|an|its|their|his|her|our|this|that)\b)"
_UNNAMED_GROUP = re.compile(_SUBJECT_GAP + r"(?:(?P<has>has|had|have)|(?:governed|run|overseen|managed|steered)\s+by)"
                            r"\s+(?:a|an)\s+(?P<noun>(?:" + _NOT_MODIFIER + r"[a-z-]+\s+){0,2}?"
                            r"(?:group|committee|sub-committee|board|panel|council|forum))(?=" + _PHRASE_ENDS.pattern + ")"
                            r"(?P<chair>\s*,?\s*(?:which\s+is\s+|that\s+is\s+)?chaired\s+by\s+)?")
_STEERING = re.compile(r"(?:steering|oversight|governing|management|supervisory)\b")
_TITLED_NAME = re.compile(rf"(?:(?:{_HONORIFIC})\s+)+"
                          r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\b")  # a first name and a surname at least
_OPENS = re.compile(r"^\W*(?:\d{1,3}(?:\.\d{1,3})*\.?\s*)?(?:The\s+)?$")  # "4.208. GLOS …", "The Board …"
DESCRIPTION_REACH = 4  # passages back that a definite description ("The Board") may point to
_PRONOUN = re.compile(r"^\W*(it|they|this|the operation)\b", re.I)
_NORMATIVE = re.compile(r"\b(should|recommend|recommends|urge|encourage)\b", re.I)


class RelationFinder:
    """Applies the rules to every sentence of a report."""

    def __init__(self, registry: Registry, matcher: Matcher | None = None) -> None:
        self.registry = registry
        self.matcher = matcher or Matcher(registry)
        self._sector_rx = [(key, re.compile(r"(?<![\w’'])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                                              + r")(?![\w’'])", re.I))
                           for key, forms in self._sectors()]

    def _sectors(self):
        for name, forms in lexicon.SECTORS:
            ent = self.registry.resolve(name)
            if ent:
                yield ent.key, forms

    def _kind(self, key: str) -> str:
        return self.registry.get(key).kind

    def _in(self, mentions: list[Mention], span: tuple[int, int], kinds) -> list[Mention]:
        return [m for m in mentions if span[0] <= m.start and m.end <= span[1] and (kinds is None or self._kind(m.key) in kinds)]

    def _items(self, text: str, span: tuple[int, int], mentions: list[Mention], kinds) -> list[str]:
        """Members named in a list: agencies by mention, service sectors by name."""
        keys = [m.key for m in self._in(mentions, span, kinds)]
        chunk = text[span[0]:span[1]]
        for key, rx in self._sector_rx:
            if rx.search(chunk) and key not in keys:
                keys.append(key)
        return keys

    def sentence_claims(self, text: str, start: int, end: int, mentions: list[Mention],
                        antecedent: str | None) -> list[tuple[str, str, str, str, int | None]]:
        """(subject, predicate, object, rule, count) stated by the sentence text[start:end]."""
        sentence = text[start:end]
        if _NORMATIVE.search(sentence):
            return []
        low = sentence.lower()
        local = [Mention(m.key, m.start - start, m.end - start, m.form) for m in mentions if start <= m.start < end]
        out = []
        for rule in RULES:
            if rule.name == "possessive-unit":
                if _cue_matches(rule, low):
                    out += self._possessive(sentence, local)
                continue
            if not _cue_matches(rule, low):
                continue
            m = _finder(rule.pattern)(sentence)
            if not m:
                continue
            groups = m.groupdict()
            count = int(groups["n"]) if groups.get("n") else None
            if groups.get("items") is not None:
                out += self._list_claims(rule, sentence, m, local, antecedent)
                continue
            s_span, o_span = m.span("s"), m.span("o")
            subj_kinds, obj_kinds = rule.kinds_s, rule.kinds_o
            if rule.swap:  # "It has 16 teams": the teams are the subject of "part of"
                s_span, o_span = o_span, s_span
            subs = self._in(local, s_span, subj_kinds)
            objs = self._in(local, o_span, obj_kinds)
            pron_side = o_span if rule.swap else s_span
            pron = _PRONOUN.match(sentence[pron_side[0]:pron_side[1]])
            if rule.swap:
                if pron and antecedent:
                    objs = [Mention(antecedent, 0, 0, "it")]
                subject = subs[0].key if subs else None
                obj = objs[0].key if objs else None
            else:
                if pron and antecedent and (not subs or (rule.pick_s == "first" and subs[0].start > pron.end())):
                    subs = [Mention(antecedent, 0, 0, "it")]
                if rule.name == "created-by-passive" and subs and not _ADJOINS.fullmatch(sentence[subs[-1].end:s_span[1]]):
                    continue  # "a steering committee established by the Department": what was made is no body named
                if not subs:
                    continue
                subject = subs[-1].key if rule.pick_s == "last" else subs[0].key
                obj = objs[0].key if objs else None
            predicate = rule.predicate
            if rule.name in ("created-by", "created-by-passive") and subject and self._kind(subject) == "unit":
                predicate = HIERARCHY  # "When the Met created SOECA": a unit the organisation set up is part of it
            if subject and obj and subject != obj:
                out.append((subject, predicate, obj, rule.name, count))
        return out

    def _possessive(self, sentence: str, local: list[Mention]) -> list[tuple]:
        """"the Met's rape command (SCO2)", "SOECA's CAITs": a unit of the owner named before it."""
        out = []
        for a, b in zip(local, local[1:]):
            between = sentence[a.end:b.start]
            owner, unit = self.registry.get(a.key), self.registry.get(b.key)
            if not re.search(r"[’']s$", a.form) and not re.match(r"^[’']s", between):
                continue
            if re.fullmatch(r"(?:[’']s)?\s+(?:[a-z-]+\s+){0,3}\(?", between) and unit.kind == "unit" \
                    and owner.kind in ("organisation", "unit") and owner.key != unit.key:
                out.append((unit.key, HIERARCHY, owner.key, "possessive-unit", None))
        return out

    def _list_claims(self, rule: Rule, sentence: str, m: re.Match, local: list[Mention], antecedent: str | None):
        out = []
        items_span = m.span("items")
        if rule.name == "merger":
            subs = self._in(local, m.span("s"), rule.kinds_s)
            if not subs:
                return out
            parts = self._in(local, items_span, frozenset({"unit", "organisation"}))
            # "the Met's rape command (SCO2) merged with the child abuse command (SCO5)": units only, not their owner.
            units = [p.key for p in parts if self._kind(p.key) == "unit"]
            for key in dict.fromkeys(units):
                out.append((subs[-1].key, rule.predicate, key, rule.name, None))
            return out
        if rule.name in ("through-operation", "officers-from"):
            op = None
            if "o" in m.groupdict() and m.group("o"):
                ent = self.registry.resolve(m.group("o"))
                op = ent.key if ent else None
            elif antecedent and self._kind(antecedent) == "operation":
                op = antecedent
            if not op:
                return out
            for key in self._items(sentence, items_span, local, frozenset({"organisation", "unit"})):
                if self._kind(key) != "sector":
                    out.append((key, rule.predicate, op, rule.name, None))
            return out
        # members: "Members of X are ..." / "X has brought together ... including ..."
        if "o" in m.groupdict() and m.group("o") is not None:
            owners = self._in(local, m.span("o"), frozenset({"organisation", "unit"}))
        else:
            owners = self._in(local, m.span("s"), frozenset({"organisation", "unit"}))
            if _PRONOUN.match(m.group("s")) and antecedent:
                owners = [Mention(antecedent, 0, 0, "it")]
        if not owners:
            return out
        owner = owners[0].key
        for key in self._items(sentence, items_span, local, frozenset({"organisation", "unit"})):
            if key != owner:
                out.append((key, rule.predicate, owner, rule.name, None))
        return out

    def _antecedent(self, mentions: list[Mention], start: int, end: int, prefer_operation: bool = False) -> str | None:
        """The entity "It" refers to: the first agency of the sentence (or the operation it is about)."""
        inside = [m for m in mentions if start <= m.start < end]
        if prefer_operation:
            ops = [m.key for m in inside if self._kind(m.key) == "operation"]
            if ops:
                return ops[-1]
        agencies = [m.key for m in inside if self._kind(m.key) in ("organisation", "unit", "project")]
        return agencies[0] if agencies else None

    def text_claims(self, text: str, report: str, passage: str | None = None, note: int | None = None,
                    before: deque | None = None) -> list[Claim]:
        """Every claim stated in one passage or note text; before holds the (text, mentions) of the passages just
        before it, which a definite description ("The Board … was chaired by") may point back to."""
        mentions = self.matcher.find(text)
        claims: list[Claim] = []
        antecedent = None
        operation = None
        parts_of = None  # the body a sentence counts the sub-bodies of ("there are two sub-committees of X")
        for start, end in sentence_spans(text):
            inside = [m for m in mentions if start <= m.start < end]
            op_here = [m.key for m in inside if self._kind(m.key) == "operation"]
            context = operation if re.match(r"\W*(the operation|officers from)", text[start:end], re.I) else antecedent
            grouped, group = self._unnamed_group(text, start, end, inside, report)
            if group is not None:  # later sentences may name it by its noun ("The group is chaired by …")
                mentions = sorted([*mentions, group], key=lambda x: x.start)
            found = self.sentence_claims(text, start, end, mentions, context) + grouped
            found += self._listed_parts(text, start, end, inside, parts_of)
            parts_of = self._counted_parts_of(text, start, end, inside)
            found += self._titled_heads(text, start, end, inside)
            found += self._ranked(text, start, end, mentions, before)
            if before is not None and not any(p == "headOf" for _, p, _, _, _ in found):
                found += self._described_chair(text, start, end, mentions, before)
            for s, p, o, rule, count in found:
                claims.append(Claim(s, p, o, rule, report, text[start:end], passage, note, start, count))
            antecedent = self._antecedent(mentions, start, end) or antecedent
            operation = op_here[-1] if op_here else operation
        if before is not None:
            before.append((text, mentions))
        return claims

    def _unnamed_group(self, text: str, start: int, end: int, inside: list[Mention],
                       report: str) -> tuple[list[tuple], Mention | None]:
        """A group the sentence's opening body has ("has a steering group") or is governed by, which the report
        never names: registered as "<body> <noun>", part of the body, or overseeing it when it governs or steers
        it, with its chair when the sentence names one ("… chaired by Sir Gus O’Donnell"); and a mention of it for
        the sentences after."""
        agencies = [x for x in inside if self._kind(x.key) in ("organisation", "unit")]
        if not agencies or not _OPENS.match(text[start:agencies[0].start]):
            return [], None
        body = self.registry.get(agencies[0].key)
        m = _UNNAMED_GROUP.match(text, agencies[0].end, end)
        if not m or any(agencies[0].end <= x.start < m.start("noun") for x in agencies):
            return [], None
        noun = " ".join(m.group("noun").split())
        names = [f"{n}{s} {noun}" for n in dict.fromkeys([body.label, body.pref, *sorted(body.forms())])
                 for s in ("", "’s")]
        group = self.registry.add(head_kind(noun) or "organisation", names[0], names[1:], origin="described",
                                  report=report)
        steers = not m.group("has") or _STEERING.match(noun)  # a steering group steers its body, not a team of it
        out = [(group.key, "oversees" if steers else HIERARCHY, body.key, "unnamed-group", None)]
        if m.group("chair"):
            chair = next((x.key for x in inside if x.start >= m.end() and self._kind(x.key) == "person"
                          and re.fullmatch(r"[\s,]*(?:[A-Z][a-z]{1,9}\.?\s+)?", text[m.end():x.start])), None)
            titled = _TITLED_NAME.match(text, m.end(), end)
            if chair is None and titled and looks_like_person(titled.group("name")):
                # a chair named nowhere else: the honorific shows a person ("Sir Gus O’Donnell")
                chair = self.registry.add("person", titled.group("name"), [titled.group(0)], origin="described",
                                          report=report).key
            if chair is not None:
                out.append((chair, "headOf", group.key, "unnamed-group", None))
        return out, Mention(group.key, m.start("noun"), m.end("noun"), m.group("noun"))

    def _titled_heads(self, text: str, start: int, end: int, inside: list[Mention]) -> list[tuple]:
        """A person heads the body their title in apposition names ("Dr Halpern, Head of BIT, agreed", "Keith Niven
        (Detective Chief Superintendent responsible for SOECA)"): the body named right after the title, the one a
        possessive leads to ("Head of the Cabinet Office’s BIT"), and a name the title ends with."""
        out = []
        for i, person in enumerate(inside):
            if self._kind(person.key) != "person":
                continue
            m = _HEAD_TITLE.match(text, person.end, end)
            if not m:
                continue
            j = next((k for k in range(i + 1, len(inside)) if inside[k].start == m.end()), None)
            j = self._owned(text, inside, j)
            if j is None or self._kind(inside[j].key) not in ("organisation", "unit") \
                    or not _HEAD_ENDS.match(text, inside[j].end, end):
                continue
            out.append((person.key, "headOf", inside[j].key, "titled-head", None))
        return out

    @staticmethod
    def _owned(text: str, mentions: list[Mention], j: int | None) -> int | None:
        """The mention a possessive chain from mentions[j] leads to ("the Cabinet Office’s BIT": BIT), or j."""
        while j is not None and j + 1 < len(mentions) and _OWNED_BY.fullmatch(text[mentions[j].end:mentions[j + 1].start]):
            j += 1
        return j

    def _ranked(self, text: str, start: int, end: int, mentions: list[Mention], before: deque | None) -> list[tuple]:
        """"X sat above Y" (Y is part of X), "X sits below Y" (X is part of Y): X is the body that is the verb's
        subject (or the one a description there, "this sub-committee", points to), Y the body named right after the
        direction, whose name ends its noun phrase ("sits under the Board’s audit panel": the panel)."""
        m = _RANKED.search(text, start, end)
        if not m:
            return []
        agency = ("organisation", "unit")
        inside = [x for x in mentions if start <= x.start < end]
        j = next((k for k, x in enumerate(inside) if x.start >= m.end() and _ARTICLE.fullmatch(text[m.end():x.start])),
                 None)
        j = self._owned(text, inside, j)
        if j is None or self._kind(inside[j].key) not in agency or not _PHRASE_ENDS.match(text, inside[j].end, end):
            return []
        lower = inside[j].key
        described = _DESCRIBED.search(text, start, m.start())
        if described:
            subject = self._named_before(described.group("noun"), text, start, mentions, before or ())
        else:
            upper = [x for x in inside if x.end <= m.start() and self._kind(x.key) in agency
                     and _TO_VERB.fullmatch(text, x.end, m.start()) and not _GOVERNED.search(text, start, x.start)]
            subject = upper[-1].key if upper else None
        if subject is None or lower == subject:
            return []
        low, high = (lower, subject) if m.group("dir").lower() == "above" else (subject, lower)
        return [(low, HIERARCHY, high, "ranked", None)]

    def _named_before(self, noun: str, text: str, start: int, mentions: list[Mention], before) -> str | None:
        """The body of this noun ("committee") named last before start, in this passage or the ones before it;
        None when a body of that noun was brought in unnamed since ("a steering group …")."""
        noun = fold(noun)
        unnamed = re.compile(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:sub-?)?{re.escape(noun)}s?\b", re.I)
        for words, found in [(text[:start], mentions), *reversed(before)]:
            named = [x for x in found if x.end <= len(words) and self._kind(x.key) in ("organisation", "unit")
                     and self.registry.get(x.key).head == noun]
            last_unnamed = None
            for u in unnamed.finditer(words):
                last_unnamed = u
            if last_unnamed and (not named or last_unnamed.start() > named[-1].start):
                return None
            if named:
                return named[-1].key
        return None

    def _counted_parts_of(self, text: str, start: int, end: int, inside: list[Mention]) -> str | None:
        """The body whose sub-bodies a sentence counts without naming them ("Currently, there are two sub-committees
        of the Horizon Matters Committee which …"): the agency named right after "of"."""
        m = _COUNTED_PARTS.search(text, start, end)
        if not m:
            return None
        at = m.end()
        first = next((x for x in inside if x.start >= at), None)
        if first is None or text[at:first.start].strip(" ") not in ("", "the") or \
                self._kind(first.key) not in ("organisation", "unit"):
            return None
        return first.key

    def _listed_parts(self, text: str, start: int, end: int, inside: list[Mention], owner: str | None) -> list[tuple]:
        """The sub-bodies the sentence after such a count names ("These are the HSS Panel Recommendations Review
        Committee (the “Review Committee”) and the DRP Decision Committee."): each is part of the body counted; a
        short name in brackets is the same body, not another."""
        if owner is None or not _THESE_ARE.match(text[start:end]):
            return []
        sentence = text[start:end]
        brackets = [(a.start() + start, a.end() + start) for a in re.finditer(r"\([^()]*\)", sentence)]
        keys = [x.key for x in inside if self._kind(x.key) in ("organisation", "unit") and x.key != owner
                and not any(a <= x.start < b for a, b in brackets)]
        return [(key, HIERARCHY, owner, "counted-parts", None) for key in dict.fromkeys(keys)]

    def _described_chair(self, text: str, start: int, end: int, mentions: list[Mention], before: deque) -> list[tuple]:
        """"The Board constituted by the Department … was chaired by Mr Creswell", "The group is chaired by …": the
        body is the one of that noun named last, in this passage before the sentence or in the passages before it,
        unless a body of that noun was brought in unnamed since that no rule names (see _unnamed_group)."""
        sentence = text[start:end]
        m = _DESCRIBED_CHAIR.match(sentence)
        if not m or head_kind(m.group("noun")) not in ("organisation", "unit") \
                or any(x.start < start + m.end("noun") and x.end > start + m.start("noun") for x in mentions):
            return []  # no description, a noun that names no body, or the noun is part of a name ("The Board of X")
        chairs = [x for x in mentions
                  if start + m.start("o") <= x.start < start + m.end("o") and self._kind(x.key) == "person"]
        if not chairs:
            return []
        body = self._named_before(m.group("noun"), text, start, mentions, before)
        return [(chairs[0].key, "headOf", body, "chaired-by-description", None)] if body else []

    def citation_claims(self, note, report: str) -> list[Claim]:
        """Who wrote each publication a note cites ("Ofsted (2008) Joint Area Review"), when ingest
        read the title and both the title and the author are known entities."""
        out = []
        for src in note.sources:
            work = self.registry.resolve(cited_title(src.title))
            author = self.registry.resolve(src.person_name) or self.registry.resolve(src.organisation)
            if work is None or author is None or work.key == author.key or work.kind != "publication":
                continue
            at = note.text.find(src.label)
            words, offset = (src.label, at) if at >= 0 else (note.text, 0)
            out.append(Claim(work.key, "createdBy", author.key, CITATION_RULE, report, words, note=note.number,
                             offset=offset))
        return out

    def report_claims(self, report: Report) -> list[Claim]:
        """Every claim the report's passages and notes state, without repeats within a passage."""
        out: list[Claim] = []
        before: deque = deque(maxlen=DESCRIPTION_REACH)
        for p in report.passages:
            if p.kind == "recommendation":
                continue
            out += self.text_claims(p.text, report.id, passage=p.id, before=before)
        for n in report.notes:
            if n.text:
                out += self.text_claims(n.text, report.id, note=n.number)
                out += self.citation_claims(n, report.id)
        seen, unique = set(), []
        for c in out:
            key = (c.subject, c.predicate, c.object, c.passage, c.note)
            if key not in seen:
                seen.add(key)
                unique.append(c)
        return unique


# a heading that names the recommendations themselves, not what they are about
_NO_TOPIC = re.compile(r"\b(?:recommendations?|conclusions?|summary|annex|appendix)\b", re.I)


def heading_topic(report: Report, rec, registry: Registry, named: set[str]) -> str | None:
    """The entity a recommendation's heading names ("Voluntary agreements" over HL 179's 8.25), where the heading
    stands over recommendations alone, as in a list of conclusions under topic headings, and is a topic's name, not a
    heading of its own ("Other matters", "Next steps"): the report names that entity in its text (named: the keys its
    passages name), or the recommendations under it hold each word of it of four letters or more ("Guidance to policy
    makers" over "… guidance … accessible to policy makers"). A heading over a chapter's discussion as well (the
    recommendation printed at the end of a section on another matter) names no topic."""
    section = next((s for s in report.sections if s.id == rec.section), None)
    if section is None or not section.title or _NO_TOPIC.search(section.title):
        return None
    held = {pid for r in report.recommendations if r.section == rec.section for pid in r.passages}
    under = {p.id for p in report.passages if p.section == rec.section}
    if not under or under - held:
        return None
    ent = registry.resolve(section.title)
    if ent is None or ent.kind == "person":
        return None
    if ent.key in named:
        return ent.key
    said = fold(" ".join(r.text for r in report.recommendations if r.section == rec.section))
    words = [w for w in re.findall(r"[a-z0-9]+", fold(section.title)) if len(w) > 3]
    return ent.key if words and all(re.search(rf"\b{w}", said) for w in words) else None


def apply_kinds(claims: list[Claim], registry: Registry) -> None:
    """What the rules show about kinds: "Project Azure, a dedicated team within SOECA" is a unit."""
    for c in claims:
        rule = next((r for r in RULES if r.name == c.rule), None)
        if rule and rule.subject_kind:
            registry.set_kind(registry.get(c.subject), rule.subject_kind)


__all__ = ["Claim", "HEAD_RULES", "RelationFinder", "RULES", "PREDICATES", "apply_kinds", "heading_topic"]
