"""Questions about relations, answered from the graph: the whole set, each fact with its evidence.

A question pattern names a relation and which end of it the question's entity stands at ("Which
recommendations are addressed to MOPAC?": ``addressedTo``, MOPAC the object). The entity is linked
through the graph's own names (labels, acronyms, aliases), and the answer is the rows of a shipped
named query, so a user can rerun it in the SPARQL editor or on /queries. No language model: a question
that matches no pattern, or names no entity the graph knows, gets None and is answered with passages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from ingest.dates import DAY_MONTH_YEAR, iso_date, real_day, written_date
from ingest.fold import fold_text
from ingest.sentences import sentence_spans

from .entities import CONNECTORS, definitions, fold, own_words
from .relations import PREDICATES
from .store import QueryEngine, QueryFailed, get_query

_UNIT = r"(?:units?|teams?|commands?|bodies|parts?|divisions?|directorates?|squads?|organi[sz]ations?|groups?|services?)"
_REC = r"(?:recommendations?|recs?)"  # "Which recs concern FGM?"
# Who spoke about a topic: the verbs of speaking a question uses, and the words for the speakers it asks for.
_SPOKE = (r"(?:spoke|speak|spoken|talked|talk|commented|comment|testified|testify|said\s+(?:something|anything|things)|"
          r"say\s+(?:something|anything)|gave\s+(?:oral\s+|written\s+)?evidence|give\s+(?:oral\s+|written\s+)?evidence|"
          r"(?:raised|raise|expressed|express|voiced|voice)\s+(?:(?:any|their|the)\s+)?(?:concerns?|views?|issues?|questions?|doubts?|points?)|"
          r"argued|warned|mentioned|discussed|remarked|complained)")
_SPEAKERS = r"(?:witnesses|witness|people|persons|individuals|speakers|organisations|organizations|bodies)"
_PERSONS = re.compile(r"witness|people|person|individual", re.I)  # asked for people, not the bodies that spoke
# (pattern, relation, the end the named entity stands at): "object" asks for the subjects, and back.
PATTERNS: list[tuple[re.Pattern, str, str]] = [(re.compile(p, re.I), rel, end) for p, rel, end in [
    # "Which recommendations is MOPAC expected to implement?"
    (rf"\bwhich\s+{_REC}\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:expected|required|asked|told|supposed|due|meant|obliged|"
     r"responsible|tasked|charged)\s+(?:to|for|with)\b", "addressedTo", "object"),
    # the report's whole set: how many ("How many recommendations does the report make?"; one "to", "for" or
    # "about" a body or topic is the relation patterns' below), or each in full ("List the recommendations",
    # "What are the report's recommendations?")
    (rf"^\W*how\s+many\s+{_REC}\b(?!.*\b(?:to|at|for|about|on|concern\w*|mention\w*|regarding|cover\w*)\s+\w)",
     "recommendationCount", ""),
    (rf"^\W*(?:list|show|give|name|summari[sz]e)(?:\s+me)?\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?{_REC}"
     r"(?:\s+(?:of|in|from|made\s+(?:by|in))\s+(?:the|this)\s+[^?]*)?\W*$", "allRecommendations", ""),
    (rf"^\W*(?:what|which)\s+(?:are|were)\s+(?:all\s+)?(?:of\s+)?(?:the|its|their|this|that|the\s+[^?]{{1,60}}?['’]s)\s+"
     rf"{_REC}(?:\s+(?:of|in|from|made\s+(?:by|in))\s+(?:the|this)\s+[^?]*)?\W*$", "allRecommendations", ""),
    # the bodies the recommendations are addressed to, each with its own ("Which organisations does the report
    # address recommendations to?", "To whom are the recommendations addressed?")
    (rf"^\W*(?:which|what)\s+(?:organi[sz]ations|bodies|agencies|departments|institutions|authorities)\b"
     rf"(?=.*\b(?:address\w*|direct\w*|aim\w*|made|make|makes)\b).*?\b{_REC}\b[^?]*?\W*$", "addressees", ""),
    (rf"^\W*(?:who|to\s+whom)\s+(?:are|were)\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?{_REC}"
     r"(?:\s+(?:in|of|by|from)\s+(?:the|this)\s+[^?]*?)?\s+(?:addressed|directed|aimed|made)(?:\s+(?:to|at))?"
     r"(?:\s+(?:in|of|by)\s+(?:the|this)\s+[^?]*)?\W*$", "addressees", ""),
    (rf"\b{_REC}\b.*?\b(?:addressed|directed|made|make|makes|aimed|given|issued|address|addresses)\s+(?:to|at)\s+(?P<x>.+)",
     "addressedTo", "object"),
    (rf"\b{_REC}\s+(?:are|is|were|was)\s+for\s+(?P<x>.+)", "addressedTo", "object"),
    # "List the recommendations for the Post Office", "What are the recommendations to the Met?", "Show me all
    # recommendations for MOPAC": a request for the set, the body after "for" or "to" (a topic there links to no
    # body, and falls through to the patterns below)
    (rf"^\W*(?:(?:please\s+)?(?:list|show|give|name|tell)(?:\s+me)?|(?:what|which)\s+(?:are|were))\s+"
     rf"(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:report['’]s\s+)?{_REC}\s+(?:for|to)\s+(?P<x>.+)", "addressedTo", "object"),
    (rf"\bwhich\s+{_REC}\s+(?:must|should|does|do|did|will)\s+(?P<x>.+?)\s+(?:act on|implement|respond to|carry out|take forward|address)\b",
     "addressedTo", "object"),
    (r"\bwhat\s+(?:did|does)\s+the\s+(?:\w+\s+){0,2}recommend\s+(?:to|for)\s+(?P<x>.+?)"
     r"(?:\s+(?:about|on|regarding|concerning)\s+(?P<topic>.+))?$", "addressedTo", "object"),
    # "What should MOPAC do about Serious Case Reviews?": a topic after the addressee narrows the set
    (r"\bwhat\s+(?:must|should)\s+(?P<x>.+?)\s+do\b(?:\s+(?:about|on|regarding|concerning|with|for)\s+(?P<topic>.+))?",
     "addressedTo", "object"),
    # "What did the committee recommend about multi-agency training?": the recommendations on the topic of the
    # reports whose own body the question names ("the committee", "this inquiry"; see graph.entities.self_names)
    (r"^\W*what\s+(?:did|does|do|has|have)\s+(?P<own>(?:the|this|our)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
     r"recommend(?:ed)?\s+(?:about|on|regarding|concerning|for)\s+(?P<x>.+)", "concerns", "own"),
    (rf"\b{_REC}\b.*?\b(?:concern|concerns|concerning|about|on|mention|mentions|mentioning|relate to|relating to|"
     rf"regarding|cover|covers|deal with|deals with|dealing with|refer to|refers to|referring to|touch on)\s+(?P<x>.+)", "concerns", "object"),
    (rf"\b{_REC}\b.*?\b(?:deadlines?|time ?limits?|timescales?|target dates?|by when)\b", "deadline", ""),
    (rf"\b(?:deadlines?|time ?limits?|timescales?|target dates?|by when)\b.*?\b{_REC}\b", "deadline", ""),
    (rf"\b(?:which|what)\s+{_UNIT}\b.*?\b(?:sit|sits|are|is|belong|belongs|fall|falls|operate|operates|work|based|housed|located)\s+"
     rf"(?:(?:with)?in|under|(?:a\s+)?part\s+of)\s+(?P<x>.+)", "subOrganizationOf", "object"),
    (rf"\bwhat\s+{_UNIT}\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:have|include|contain|comprise|run)\b",
     "subOrganizationOf", "object"),
    (rf"\b(?:which|what)\s+{_UNIT}\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:part of|in|within|under)\b",
     "subOrganizationOf", "subject"),
    (r"\bwhere\s+(?:does|do|did|is|are)\s+(?P<x>.+?)\s+(?:sit|belong|fit)\b", "subOrganizationOf", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:a\s+)?part\s+of\s*\??$", "subOrganizationOf",
     "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:sit|belong)\s+(?:(?:with)?in|to|under)\b",
     "subOrganizationOf", "subject"),
    (r"\bwho\s+(?:oversees|oversaw|supervises|scrutinises|scrutinizes|monitors)\s+(?P<x>.+)", "oversees", "object"),
    (r"\b(?:which|what)\s+(?:body|bodies|organi[sz]ations?|agenc(?:y|ies)|departments?|authorit(?:y|ies)|committees?|boards?|"
     r"panels?|units?|teams?|groups?)\s+(?:oversee|oversees|oversaw|supervise|supervises|scrutinise|scrutinises|scrutinize|"
     r"scrutinizes|monitor|monitors)\s+(?P<x>.+)", "oversees", "object"),
    (r"\b(?:what|who|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:oversee|supervise|scrutinise|scrutinize)\b",
     "oversees", "subject"),
    (r"\bwho\s+(?:holds|hold|held|will hold)\s+(?P<x>.+?)\s+to\s+account\b", "holdsToAccount", "object"),
    (r"\b(?:what|who|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+hold\s+to\s+account\b", "holdsToAccount", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:replaced|replaces|superseded|took over from)\s+(?P<x>.+)", "replaces", "object"),
    (r"\bwhat\s+(?:did|does)\s+(?P<x>.+?)\s+(?:replace|supersede)\b", "replaces", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:was|were|is)\s+(?P<x>.+?)\s+(?:formed|created|made)\s+(?:from|by merging|by the merger of)\b",
     "formedByMergerOf", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:merged|were merged|was merged)\s+(?:into|to form)\s+(?P<x>.+)", "formedByMergerOf", "object"),
    (r"\bwho\s+(?:are|were|is)\s+(?:the\s+|a\s+)?members?\s+of\s+(?P<x>.+)", "memberOf", "object"),
    (r"\bwho\s+(?:sits|sit|sat|serves|serve|served|is|are|was|were)\s+on\s+(?P<x>.+)", "memberOf", "object"),
    (r"\bwho\s+(?:chairs|chaired|heads|headed)\s+(?P<x>.+)", "headOf", "object"),
    (r"\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:chair|chairman|chairwoman|chairperson|convenor|head)\s+of\s+(?P<x>.+)",
     "headOf", "object"),
    (r"\b(?:what|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:chair|head)\b", "headOf", "subject"),
    (r"\bwho\s+(?:works|work|worked)\s+(?:for|at)\s+(?P<x>.+)", "memberOf", "object"),
    # witnesses from an organisation: the people the graph holds as its members (the witness list's affiliations)
    (r"\bwho\s+(?:gave|presented|provided|submitted)\s+(?:oral\s+|written\s+)?evidence\s+(?:from|for|on behalf of)\s+(?P<x>.+)",
     "memberOf", "object"),
    (r"\b(?:which|what)\s+(?:witnesses|witness|people|persons|individuals)\s+(?:came|come|comes|were|was|are|is|worked|work|works)"
     r"\s+(?:from|for|at|with)\s+(?P<x>.+)", "memberOf", "object"),
    (r"\bwho\s+(?:from|at)\s+(?P<x>.+?)\s+(?:gave|presented|provided|submitted|spoke|testified|appeared)\b", "memberOf", "object"),
    (r"\bwho\s+(?:represented|represents|represent|spoke for|appeared for)\s+(?P<x>.+)", "memberOf", "object"),
    (r"\b(?:what|which\s+\w+|who)\s+(?:does|do|did)\s+(?P<x>.+?)\s+work\s+(?:for|at)\b", "memberOf", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:is|was|are|were)\s+(?P<x>.+?)\s+(?:a\s+)?members?\s+of\b", "memberOf", "subject"),
    (r"\bwho\s+(?:supports|supported|support)\s+(?P<x>.+)", "supports", "object"),
    (r"\b(?:what|who|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+support\b", "supports", "subject"),
    (r"\bwho\s+(?:established|set up|created|founded)\s+(?P<x>.+)", "establishedBy", "subject"),
    (r"\b(?:who|which\s+\w+)\s+(?:is|are|was|were)\s+(?:a\s+)?partners?\s+in\s+(?P<x>.+)", "partnerIn", "object"),
    (r"\bwho\s+(?:wrote|authored)\s+(?P<x>.+)", "creator", "subject"),
    (r"\bwho\b.*?\b(?:gave|give|presented|provided|submitted|heard|hear|appeared|testified|attended|attend)\b.*?\bon\s+"
     r"(?P<x>.+)", "gaveEvidenceOn", ""),
    (r"\b(?:which|what)\s+witnesses\b.*?\bon\s+(?P<x>.+)", "gaveEvidenceOn", ""),
    # what an acronym stands for ("What does GLOS stand for?", "What is MOPAC short for?")
    (r"^\W*what\s+(?:does|do|did)\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+)?[“\"‘']?(?P<x>[\w&-]+?)[”\"’']?\s+"
     r"(?:stand|stands)\s+for\b", "standsFor", "subject"),
    (r"^\W*what\s+is\s+[“\"‘']?(?P<x>[\w&-]+?)[”\"’']?\s+(?:short|an?\s+(?:acronym|abbreviation))\s+for\b",
     "standsFor", "subject"),
    # every witness, no day asked ("Who gave evidence to the committee?", "Which witnesses appeared before the
    # inquiry?", "Who were the witnesses?"): the witness lists, day by day
    (r"^\W*(?:who|(?:which|what)\s+(?:witnesses|people|persons|individuals))\s+(?:(?:has|have|had|did)\s+)?"
     r"(?:gave|give|given|presented|provided|submitted|appeared|testified)(?:\s+(?:(?P<kind>oral|written)\s+)?evidence)?"
     r"(?:\s+(?:to|before|at|in|for)\s+(?P<x>[^?]+?))?\s*\??\s*$", "witnessIn", "object"),
    (r"^\W*(?:who|what|which)\s+(?:were|are|was)\s+(?:the\s+)?witnesses(?:\s+(?:to|before|at|of|in)\s+(?P<x>[^?]+?))?"
     r"\s*\??\s*$", "witnessIn", "object"),
    # "Name the witnesses who appeared before the committee", "List the witnesses", "Who did the Lords committee
    # hear from?"
    (r"^\W*(?:list|name|show|give)(?:\s+me)?\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?witnesses(?:\s+(?:who|that)\s+"
     r"(?:gave|appeared|testified|presented|submitted)(?:\s+(?:(?P<kind>oral|written)\s+)?evidence)?)?"
     r"(?:\s+(?:to|before|at|in|for|of)\s+(?P<x>[^?]+?))?\s*[?.]?\s*$", "witnessIn", "object"),
    (r"^\W*(?:who|(?:which|what)\s+(?:witnesses|people|persons|individuals))\s+did\s+(?P<x>[^?]+?)\s+(?:hear|take\s+"
     r"evidence|receive\s+evidence|take\s+(?P<kind>oral|written)\s+evidence)\s+from\s*\??\s*$", "witnessIn", "object"),
    # who spoke about a topic: the speakers of the statements about it ("Which witnesses spoke about labelling?")
    (rf"^\W*(?:who|(?:which|what)\s+(?P<who>{_SPEAKERS}))\s+(?:(?:has|have|had|did)\s+)?{_SPOKE}\s+"
     r"(?:(?:about|on|regarding|concerning|over|of)\s+)(?P<x>.+)", "spokeAbout", "object"),
    # the other way round: the days a witness gave evidence ("When did Cheryl Coppell give evidence?")
    (r"\b(?:when|on\s+what\s+(?:date|day)s?|(?:what|which)\s+(?:date|day)s?)\s+(?:did|does|do|was|were|is|has|have)\s+"
     r"(?P<x>.+?)\s+(?:give|gave|given|present|presented|provide|provided|appear|appeared|testify|testified|speak|spoke|"
     r"been\s+heard|heard|questioned|examined)\b", "evidenceDates", "subject"),
]]
# "What is the path between MOPAC and CAIT?", "How is the Post Office connected to Fujitsu?": the two names are
# told apart at a separator where both sides name an entity ("Department for Business and Trade" stays whole).
_PATH_QUESTIONS = [(re.compile(p, re.I), seps) for p, seps in [
    (r"\b(?:path|link|connection|chain|route)s?\s+between\s+(?P<pair>.+)", (" and ",)),
    (r"\b(?:path|link|connection|chain|route)s?\s+from\s+(?P<pair>.+)", (" to ",)),
    (r"\bhow\s+(?:is|are|was|were)\s+(?P<pair>.+?\s+(?:connected|linked|related)\s+(?:to|with)\s+.+)",
     (" connected to ", " linked to ", " related to ", " connected with ", " linked with ", " related with ")),
    (r"\bhow\s+(?:does|do|did)\s+(?P<pair>.+?\s+(?:connect|relate|link)\s+(?:to|with)\s+.+)",
     (" connect to ", " relate to ", " link to ", " connect with ", " relate with ", " link with ")),
    (r"\bwhat\s+(?:connects|links)\s+(?P<pair>.+)", (" and ", " to ", " with ")),
]]
MAX_SHOWN = 8  # a "not found" names what the reports do hold (session days, recommendation numbers), up to this many
MAX_QUESTION = 300  # characters: a relation question is one short sentence
MAX_NAME_WORDS = 12  # an entity's name is at most this many words ("Mayor's Office for Policing and Crime")
# The words after a name that carry it on: a capitalised word ("the Met Office"), or "for", "of", "&" or "and"
# before one ("the Department for Education", "the Ministry of Justice", "Business and Trade").
_NAME_GOES_ON = re.compile(r"(?:[A-Z]|(?:for|of|&|and)\s+[A-Z])")
# "in the Post Office inquiry", "the Environmental Audit Committee", "the microplastics report's": a report the
# question names by words of its title, publisher or id, which then bounds the answer.
_REPORT_MENTION = re.compile(r"\bthe\s+(?P<name>(?:[\w&’'-]+\s+){1,6}?)(?:report|inquiry|committee|review)(?:['’]s)?\b", re.I)
_NAME_STOPWORDS = {"the", "of", "and", "on", "in", "for", "a", "an", "to", "s"}
_WORD = re.compile(r"[\w&]+")
MAX_PHRASE_WORDS = 6  # "Which recommendations mention <phrase>?": a topic is a few words
_NAMED_RECOMMENDATION = re.compile(r"\brecommendation\s+(\d{1,2}(?:\.\d{1,2})?)\b", re.I)
# "What does Recommendation 3 say?", "Tell me about recommendation 8.5", "Who is recommendation 2 addressed to?":
# a question about numbered recommendations themselves, answered with their text, addressees and deadline. A
# question about their deadline is the deadline pattern's, and one that asks for a set names no number.
# A question that, once its "recommendation N" is set aside, only asks what it says or whom it is for: "What
# does Recommendation 3 say?", "Tell me about recommendations 1 and 7", "Who is recommendation 2 addressed to?".
# Anything more ("What did the Met say in response to recommendation 3?") is left to the passages.
_ABOUT_NAMED_RECOMMENDATIONS = re.compile(
    r"^\W*(?:(?:what|which)\s+(?:does|did|do|is|was|are|were)\s+(?:the\s+(?:text|wording)\s+of\s+)?REC"
    r"(?:\s+(?:say|says|state|states|recommend|propose|ask|ask\s+for|call\s+for|require|mean|cover|read|about))?"
    r"|what\s+did\s+the\s+(?:\w+\s+){0,2}recommend\s+in\s+REC"
    r"|(?:tell\s+me\s+about|show(?:\s+me)?|give\s+me|quote|read(?:\s+me)?|summari[sz]e)\s+REC"
    r"|who\s+(?:is|was|are|were)\s+REC\s+(?:addressed\s+to|directed\s+(?:to|at)|aimed\s+at|for)"
    r"|to\s+whom\s+(?:is|was|are|were)\s+REC\s+(?:addressed|directed)"
    r"|(?:who|which\s+(?:\w+\s+)?(?:bodies|organi[sz]ations|departments|agencies|people|persons))\s+"
    r"(?:must|should|has\s+to|have\s+to|is\s+to|are\s+to|will)\s+"
    r"(?:act\s+on|implement|respond\s+to|carry\s+out|take\s+forward)\s+REC"
    r"|(?:which|what)\s+(?:\w+\s+)?(?:bodies|organi[sz]ations|departments|agencies)\s+(?:is|was|are|were)\s+REC\s+"
    r"(?:addressed\s+to|directed\s+(?:to|at)|aimed\s+at|for)"
    r"|REC)\W*$", re.I)
# "recommendation 3", "recommendations 1 and 7", "Recommendations 8.2, 8.3 and 8.5", "recommendations 1 to 3":
# the numbers a question names
_NUMBER = r"\d{1,2}(?:\.\d{1,2})?"
_NUMBERED_RECOMMENDATIONS = re.compile(
    rf"\b(?:the\s+)?recommendations?\s+({_NUMBER}(?:\s*(?:,|and|&|or|to|-|–)\s*{_NUMBER})*)\b", re.I)
# A question about numbered recommendations that asks who is to act ("Which bodies must act on recommendation 3?",
# "Who is recommendation 2 addressed to?"): the set it asks for is the addressees, not the recommendations.
_ASKS_WHO = re.compile(r"^\W*(?:who|to\s+whom|(?:which|what)\s+(?:\w+\s+)?(?:bodies|organi[sz]ations|departments|"
                       r"agencies|people|persons))\b", re.I)
_DEADLINE_WORDS = re.compile(r"\b(?:deadlines?|time ?limits?|timescales?|target dates?|by when|when)\b", re.I)
# Words a question adds after the entity ("… to MOPAC in the report?").
_TAIL = re.compile(r"\s+(?:in|of|from|according to|within)\s+(?:the|this|that)\s+(?:report|inquiry|review|committee)\b.*$"
                   r"|\s+(?:to do|to act|to act on)\b.*$|[?.!\s]+$", re.I)
_PLURAL = {"addressedTo": ("is addressed to", "are addressed to"), "headOf": ("chairs", "chair"), "concerns": ("concerns", "concern"),
           "subOrganizationOf": ("is part of", "are part of"), "oversees": ("oversees", "oversee"),
           "holdsToAccount": ("holds", "hold"), "replaces": ("replaced", "replaced"),
           "memberOf": ("is a member of", "are members of"), "supports": ("supports", "support"),
           "partnerIn": ("is a partner in", "are partners in"), "formedByMergerOf": ("was formed by merging",
                                                                                    "were formed by merging")}


@dataclass
class GraphAnswer:
    """A relation question's answer: the sentence, every fact with its evidence, and how it was found."""

    text: str
    facts: list[dict]
    query: dict
    evidence: list[str] = field(default_factory=list)  # passage ids, in fact order, once each
    items: list[str] = field(default_factory=list)  # the set asked for: the labels at the facts' other end
    items_by_report: dict[str, list[str]] = field(default_factory=dict)  # the same set, per report it comes from
    # False when the graph itself shows the question has no answer ("Who gave evidence on 4 May 2016?" where the
    # witness lists date no session that day); reason says what the graph holds instead.
    found: bool = True
    reason: str | None = None


def speaks_of(row: dict, phrase: str) -> bool:
    """Whether a statement found in a passage that holds the phrase speaks of it: the phrase stands in the
    statement's own sentence, in the sentence just before it (its lead-in: "… the impact of food labelling …
    Professor Marteau said, for example: …"), or in its section's title ("Transitional issues: labelling").
    A statement four sentences after a list that names "car labelling" in passing does not. A row without the
    passage's text (a query run elsewhere) is kept, as the passage rule keeps it."""
    phrase = fold_text(phrase)
    text = row.get("text")
    if not text or phrase in fold_text(row.get("sectionTitle") or "") or phrase in fold_text(row.get("content") or ""):
        return True
    at = text.find((row.get("content") or "")[:40])
    if at < 0:
        return True  # the statement's words are not where the passage's text would show them: no narrowing
    spans = sentence_spans(text)
    here = next((n for n, (start, end) in enumerate(spans) if start <= at < end), len(spans) - 1)
    return any(phrase in fold_text(text[start:end]) for start, end in spans[max(0, here - 1):here + 1])


class GraphAnswerer:
    """Answers relation questions from one query engine (the embedded store or a SPARQL server)."""

    def __init__(self, engine: QueryEngine, report_titles: dict[str, str] | None = None, network=None):
        # network: a callable giving the entity network (networkx, or graph.remote_network.RemoteNetwork), asked
        # only when a question asks for the path between two entities; None answers no path question.
        self.engine = engine
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
        for pattern, relation, end in PATTERNS:
            m = pattern.search(question)
            if not m:
                continue
            slot = m.groupdict().get("x")
            if relation == "deadline":
                got = self._deadlines(report, _NAMED_RECOMMENDATION.search(question))
            elif relation in ("recommendationCount", "allRecommendations", "addressees") and numbers:
                continue  # "Which bodies are recommendations 3 and 4 addressed to?" asks of those, not of all
            elif relation in ("recommendationCount", "allRecommendations"):
                got = self._all_recommendations(report, count=relation == "recommendationCount")
            elif relation == "addressees":
                got = self._addressees(report)
            elif relation == "gaveEvidenceOn":
                got = self._witnesses(slot, report)
            elif relation == "witnessIn":
                got = self._all_witnesses(slot, report, (m.groupdict().get("kind") or "").lower() or None)
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
            else:
                got = self._relation(slot, relation, end, report)
                if got is None and relation == "concerns":
                    got = self._mentioning(slot, report)
            if got is not None:
                return got
        return None

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
    def _relation(self, slot: str | None, relation: str, end: str, report: str | None) -> GraphAnswer | None:
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
        if not rows:
            return None
        other = "subjectLabel" if end == "object" else "objectLabel"
        # Report by report, the items in their own order: Recommendation 2 before Recommendation 10.
        rows.sort(key=lambda r: (r.get("report") or "", number_order(r[other])))
        facts = [_fact(r["subjectLabel"], relation, r["objectLabel"], r, self.report_titles) for r in rows]
        # The entity as the question names it ("the Met"), which the reader knows it by; a report's name for its own
        # body ("the sub-committee") by the body's name, which differs from report to report.
        by_report = _by_report(rows, other)
        own = set(self.engine.own_body_iris(name))
        named = {r.get("report") or "": r[end + "Label"] for r in rows if r[end] in own}
        text = _sentence(relation, end, name, by_report, self.report_titles, named)
        items = list(dict.fromkeys(r[other] for r in rows))
        return GraphAnswer(text, facts, self._query("relation-facts", params, [(name, iris)]), _evidence(rows), items,
                           by_report)

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

    def _deadlines(self, report: str | None, named: re.Match | None) -> GraphAnswer | None:
        params = {"report": report} if report else {}
        rows = self._rows("recommendation-deadlines", params)
        if named:  # "What is the deadline for Recommendation 6?": that one's, not every deadline
            rows = [r for r in rows if r["recLabel"] == f"Recommendation {named.group(1)}"]
        if not rows:
            return None
        facts = [_fact(r["recLabel"], "deadline", r["deadline"], r, self.report_titles) for r in rows]
        parts = []
        for rid, items in _group(rows).items():
            numbers = list(dict.fromkeys(r["recLabel"].removeprefix("Recommendation ") for r in items))
            when = "; ".join(f"{r['recLabel'].removeprefix('Recommendation ')}: {r['deadline']}"
                             for r in _once(items, "recLabel"))
            parts.append(f"{_numbered(numbers)} {'sets' if len(numbers) == 1 else 'set'} a deadline ({when})"
                         + _in_report(rid, self.report_titles))
        return GraphAnswer("; ".join(parts) + ".", facts, self._query("recommendation-deadlines", params, []),
                           _evidence(rows), list(dict.fromkeys(r["recLabel"] for r in rows)), _by_report(rows, "recLabel"))

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
        from .entities import self_key

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
            rows = self._rows(query, params)
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

    def _witnesses(self, slot: str | None, report: str | None) -> GraphAnswer | None:
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
        text = f"{join_words(names)} gave evidence on {when.group(0)}."
        return GraphAnswer(text, facts, self._query("witnesses-on-date", params, []), _evidence(rows), names,
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
                reports |= self._lists_naming(linked[1])
            elif not linked and not reports and len(whole.split()) <= 3:
                # "the working group": no name of its own, but the head noun of a body whose witness list's section
                # names it (the Safeguarding Working Group), as a report's readers call it
                reports |= self._lists_naming(self.engine.head_noun_iris(whole)[:MAX_SHOWN])
            if report is not None and self.named_report(f"the {body}") == report:
                reports.add(report)  # "in the microplastics report": the report it names
            if report is not None:
                reports &= {report}
            if not reports:
                return None
        params = {"report": report} if report else {}
        rows = [r for r in self._rows("witnesses", params) if reports is None or r.get("report") in reports]
        if kind:  # "Which witnesses gave oral evidence?": those the lists give as such
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
        try:
            rows = self.engine.query("SELECT ?id ?text ?page ?report WHERE { ?p a kg:Passage ; kg:text ?text ; "
                                     "dcterms:identifier ?id ; kg:inReport ?r . ?r dcterms:identifier ?report . "
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

    def _lists_naming(self, iris: list[str]) -> set[str]:
        """The reports whose witness list stands in a section that names one of these bodies ("The Safeguarding
        Working Group held two public meetings … The following guests attended the meetings:"), but for the bodies
        that report's witnesses came from."""
        values = " ".join(f"<{iri}>" for iri in iris)
        try:
            rows = self.engine.query(
                # from the named bodies' mentions outwards: Oxigraph joins in this order, and starting from every
                # appearance cost 16 ms on five reports against 0.5 ms, growing with the corpus
                "SELECT DISTINCT ?id WHERE { VALUES ?e { " + values + " } ?p kg:mentions ?e ; dcterms:isPartOf ?sec ; "
                "kg:inReport ?r . ?ev dcterms:isPartOf ?sec . ?a prov:wasDerivedFrom ?ev ; a kg:Appearance ; "
                "kg:inReport ?r . ?r dcterms:identifier ?id "
                # a body a witness came from (MOPAC, the Met) is named beside the list, and heard no evidence
                "FILTER NOT EXISTS { ?m a org:Membership ; org:organization ?e ; org:member ?w ; kg:inReport ?r . "
                "?other a kg:Appearance ; kg:witness ?w ; kg:inReport ?r } }").rows
        except QueryFailed:
            return set()
        return {r["id"] for r in rows}

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
        from .network import EntityNotFound, NoPath, node_id, shortest_path

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

    # -- running the named queries -----------------------------------------------------------------
    def _rows(self, name: str, params: dict, by_iri: bool = False) -> list[dict]:
        """The rows of a named query; by_iri when the entity is an IRI an earlier step found (no name lookup)."""
        resolve = (lambda iri: [iri]) if by_iri else self.engine.entity_iris
        graphs = self.engine.report_graphs(params["report"]) if params.get("report") else None
        if params.get("report") and not graphs:
            return []
        try:
            text = get_query(name).bind(params, resolve, engine=self.engine.engine)
            return self.engine.query(text, graphs).rows
        except QueryFailed:
            return []

    def _query(self, name: str, params: dict, linked: list[tuple[str, list[str]]]) -> dict:
        """How the answer was found: the named query, its parameters, the linked entities and the SPARQL."""
        return {"name": name, "params": params, "entities": [{"name": n, "iris": i} for n, i in linked],
                "sparql": get_query(name).bind(params, self.engine.entity_iris),
                "url": f"/queries/{name}?{urlencode(params)}"}


# How a fact's relation reads between its subject and object ("Recommendation 1 is addressed to MOPAC").
RELATION_WORDS = {**{name: labels[0] for name, labels in PREDICATES.items()}, "addressedTo": "is addressed to",
                  "concerns": "concerns", "deadline": "sets the deadline", "mentions": "mentions",
                  "gaveEvidenceOn": "gave evidence on", "witnessIn": "gave evidence to the body of", "standsFor": "stands for", "creator": "was written by",
                  "spokeAbout": "spoke about", "text": "reads"}


def _fact(subject: str, relation: str, obj: str, row: dict, titles: dict) -> dict:
    evidence = {"passage": row.get("evidence") if not row.get("note") else None,
                "note": int(row["note"]) if row.get("note") else None,
                "page": int(row["page"]) if row.get("page") else None, "quote": row.get("exact")}
    return {"subject": subject, "relation": relation, "relation_label": RELATION_WORDS.get(relation, relation),
            "object": obj, "evidence": evidence,
            "report": row.get("report"), "report_title": titles.get(row.get("report") or "")}


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


def _evidence(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["evidence"] for r in rows if r.get("evidence") and not r.get("note")))


def _numbers_named(listed: str) -> list[str]:
    """"1 and 7" as [1, 7]; "1 to 3" as [1, 2, 3] (whole numbers only: "8.2 to 8.5" gives its two ends)."""
    out: list[str] = []
    for part in re.split(r"\s*(?:,|and|&|or)\s*", listed):
        ends = re.split(r"\s*(?:to|-|–)\s*", part)
        if len(ends) == 2 and all(e.isdigit() for e in ends) and 0 < int(ends[1]) - int(ends[0]) < 50:
            out += [str(n) for n in range(int(ends[0]), int(ends[1]) + 1)]
        else:
            out += [e for e in ends if e]
    return list(dict.fromkeys(out))


def _group_by(rows: list[dict], key) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def _group(rows: list[dict]) -> dict[str, list[dict]]:
    return _group_by(rows, lambda r: r.get("report") or "")


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


def _once(rows: list[dict], key: str) -> list[dict]:
    return list({r[key]: r for r in reversed(rows)}.values())[::-1]


def _once_each(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """The first row of each combination of these keys' values, in order."""
    return list({tuple(r[k] for k in keys): r for r in reversed(rows)}.values())[::-1]


def _by_report(rows: list[dict], key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        names = out.setdefault(r.get("report") or "", [])
        if r[key] not in names:
            names.append(r[key])
    return out


def _sentence(relation: str, end: str, named: str, found: dict[str, list[str]], titles: dict,
              named_in: dict[str, str] | None = None) -> str:
    """"Recommendations 1, 2, 7 and 8 are addressed to MOPAC." for each report the facts come from; named_in gives
    the entity's name in a report where the question's name for it is no name of its own ("the sub-committee")."""
    parts = []
    whole = named
    for rid, names in found.items():
        named = (named_in or {}).get(rid, whole)
        recs = all(n.startswith("Recommendation ") for n in names)
        listed = _numbered([n.split(" ", 1)[1] for n in names]) if recs else join_words(names)
        many = len(names) > 1
        if end == "object":
            singular, plural = _PLURAL.get(relation, (PREDICATES.get(relation, (relation,))[0],) * 2)
            verb = plural if many else singular
            tail = " to account" if relation == "holdsToAccount" else ""
            parts.append(f"{listed} {verb} {named}{tail}{_in_report(rid, titles)}")
        else:
            label = PREDICATES.get(relation, (relation, relation))[0]
            if relation == "holdsToAccount":  # "MOPAC holds the Met to account", not "holds to account … to account"
                label, tail = label.removesuffix(" to account"), " to account"
            else:
                tail = ""
            parts.append(f"{named} {label} {listed}{tail}{_in_report(rid, titles)}")
    return "; ".join(parts) + "."


def _in_report(rid: str, titles: dict) -> str:
    return f" (in {titles[rid]})" if rid in titles and len(titles) > 1 else ""


def _numbered(numbers: list[str]) -> str:
    """Recommendation 7, or Recommendations 1, 2, 7 and 8 (in the report's order, not the alphabet's: 2 before 10)."""
    return f"Recommendation{'s' if len(numbers) > 1 else ''} {join_words(sorted(numbers, key=number_order))}"


def number_order(label: str) -> tuple:
    """A sort key that orders the numbers in a label as numbers: "8.2" before "8.10", "2" before "10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.findall(r"\d+|\D+", label))


def join_words(items, conjunction: str = "and") -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C" (or "or" for the conjunction)."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
