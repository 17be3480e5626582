"""The question patterns: which relation a question asks for, and which end its entity stands at."""
from __future__ import annotations

import re

from ingest.dates import MONTHS


_UNIT = (r"(?:units?|teams?|commands?|bodies|parts?|divisions?|directorates?|squads?|organi[sz]ations?|groups?|"
         r"services?|(?:sub-?)?committees?|boards?|panels?|sections?|branches|offices?)")

_REC = r"(?:recommendations?|recs?)"  # "Which recs concern FGM?"
# The report or its own body, as a question names it: "the report", "this inquiry", "the microplastics report",
# "the committee", "the working group" (GraphAnswerer.answer checks that a report so named is one loaded).
_OWN_BODY = (r"(?:the|this|its|their)\s+(?:[\w’'&-]+\s+){0,6}?(?:report|inquiry|review|committee|sub-committee|"
             r"working\s+group|group|panel|commission|assembly)")

# Who spoke about a topic: the verbs of speaking a question uses, and the words for the speakers it asks for.
_SPOKE = (r"(?:spoke|speak|spoken|talked|talk|commented|comment|testified|testify|said\s+(?:something|anything|things)|"
          r"say\s+(?:something|anything)|gave\s+(?:oral\s+|written\s+)?evidence|give\s+(?:oral\s+|written\s+)?evidence|"
          r"(?:raised|raise|expressed|express|voiced|voice)\s+(?:(?:any|their|the)\s+)?(?:concerns?|views?|issues?|questions?|doubts?|points?)|"
          r"argued|warned|mentioned|discussed|remarked|complained)")

# the verbs of giving evidence at a session ("Who gave evidence on …", "Which witnesses appeared in …")
_TOLD = (r"(?:gave|give|given|presented|provided|submitted|heard|hear|appeared|appear|testified|attended|attend|spoke|"
         r"speak|addressed|came|come)")
_MONTHS = "(?:" + "|".join(MONTHS) + ")"

_SPEAKERS = r"(?:witnesses|witness|people|persons|individuals|speakers|organisations|organizations|bodies)"

_PERSONS = re.compile(r"witness|people|person|individual", re.I)  # asked for people, not the bodies that spoke

# (pattern, relation, the end the named entity stands at): "object" asks for the subjects, and back.
PATTERNS: list[tuple[re.Pattern, str, str]] = [(re.compile(p, re.I), rel, end) for p, rel, end in [
    # "Which recommendations is MOPAC expected to implement?"
    (rf"\bwhich\s+{_REC}\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:expected|required|asked|told|supposed|due|meant|obliged|"
     r"responsible|tasked|charged)\s+(?:to|for|with)\b", "addressedTo", "object"),
    # the report's whole set, asked in a closed form: how many ("How many recommendations does the report make?",
    # "How many recommendations are there?"), each in full ("List the recommendations", "What are the report's
    # recommendations?"), and the bodies they are addressed to ("Which organisations does the report address
    # recommendations to?", "To whom are the recommendations addressed?"). Anything more ("… did Lord Laming make?",
    # "… have been implemented?", "… of the Laming review?", "… about training?") is not the set: a report a question
    # names must be one loaded (GraphAnswerer.answer checks), and the rest is left to the other patterns.
    (rf"^\W*how\s+many\s+{_REC}\s+(?:are\s+there|(?:does|did|do|has|have)\s+{_OWN_BODY}\s+(?:make|made|contain|include|"
     rf"set\s+out)|(?:are|were)\s+(?:made|set\s+out|given)\s+in\s+{_OWN_BODY})(?:\s+in\s+{_OWN_BODY})?\W*$",
     "recommendationCount", ""),
    (rf"^\W*(?:list|show|give|name|summari[sz]e)(?:\s+me)?\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?{_REC}"
     rf"(?:\s+(?:of|in|from|made\s+(?:by|in))\s+{_OWN_BODY})?\W*$", "allRecommendations", ""),
    (rf"^\W*(?:what|which)\s+(?:are|were)\s+(?:all\s+)?(?:of\s+)?(?:the|its|their|{_OWN_BODY}['’]s)\s+"
     rf"{_REC}(?:\s+(?:of|in|from|made\s+(?:by|in))\s+{_OWN_BODY})?\W*$", "allRecommendations", ""),
    (rf"^\W*(?:which|what)\s+(?:organi[sz]ations|bodies|agencies|departments|institutions|authorities)\s+"
     rf"(?:does|did|do)\s+{_OWN_BODY}\s+(?:address|direct|aim)\s+(?:its\s+|the\s+)?{_REC}\s+(?:to|at)\W*$",
     "addressees", ""),
    (rf"^\W*(?:which|what)\s+(?:organi[sz]ations|bodies|agencies|departments|institutions|authorities)\s+(?:are|were)\s+"
     rf"(?:the\s+|its\s+)?{_REC}(?:\s+(?:of|in)\s+{_OWN_BODY})?\s+(?:addressed|directed|aimed)\s+(?:to|at)\W*$",
     "addressees", ""),
    (rf"^\W*(?:who|to\s+whom)\s+(?:are|were)\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?{_REC}"
     rf"(?:\s+(?:in|of)\s+{_OWN_BODY})?\s+(?:(?:addressed|directed|aimed)(?:\s+(?:to|at))?|made\s+to)"
     rf"(?:\s+(?:in|of)\s+{_OWN_BODY})?\W*$", "addressees", ""),
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
    # "Which recommendations to MOPAC are due by January 2015?", "Which recommendations for the Met must be done?"
    (rf"\bwhich\s+{_REC}\s+(?:to|for)\s+(?P<x>.+?)\s+(?:are|is|were|was|must|should|need|needs|have|has)\b",
     "addressedTo", "object"),
    (r"\bwhat\s+(?:did|does)\s+the\s+(?:\w+\s+){0,2}recommend\s+(?:to|for)\s+(?P<x>.+?)"
     r"(?:\s+(?:about|on|regarding|concerning)\s+(?P<topic>.+))?$", "addressedTo", "object"),
    # "What should MOPAC do about Serious Case Reviews?": a topic after the addressee narrows the set
    (r"\bwhat\s+(?:must|should)\s+(?P<x>.+?)\s+do\b(?:\s+(?:about|on|regarding|concerning|with|for)\s+(?P<topic>.+))?",
     "addressedTo", "object"),
    # "What does the committee want the Environment Agency to do?", "What is the Met expected to do?"
    # the one who wants is the report's own body: "What does MOPAC expect the Met to do?" asks no recommendation (review)
    (rf"\bwhat\s+(?:does|do|did)\s+(?:{_OWN_BODY}|you|we)\s+"
     r"(?:want|expect|ask|urge|need|require|call\s+on)\s+(?P<x>.+?)\s+to\s+do\b", "addressedTo", "object"),
    (r"\bwhat\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:expected|asked|urged|required|told|recommended)\s+to\s+do\b",
     "addressedTo", "object"),
    # "What did the committee recommend about multi-agency training?": the recommendations on the topic of the
    # reports whose own body the question names ("the committee", "this inquiry"; see graph.entities.self_names)
    (r"^\W*what\s+(?:did|does|do|has|have)\s+(?P<own>(?:the|this|our)\s+[\w-]+(?:\s+[\w-]+)?)\s+"
     r"recommend(?:ed)?\s+(?:about|on|regarding|concerning|for)\s+(?P<x>.+)", "concerns", "own"),
    (rf"\b{_REC}\b.*?\b(?:concern|concerns|concerning|about|on|mention|mentions|mentioning|relate to|relating to|"
     rf"regarding|cover|covers|deal with|deals with|dealing with|refer to|refers to|referring to|touch on|"
     rf"involve|involves|involving|name|names|naming|cite|cites|affect|affects)\s+(?P<x>.+)", "concerns", "object"),
    (rf"\b{_REC}\b.*?\b(?:deadlines?|time ?limits?|timescales?|target dates?|by when)\b", "deadline", ""),
    (rf"\b(?:deadlines?|time ?limits?|timescales?|target dates?|by when)\b.*?\b{_REC}\b", "deadline", ""),
    (rf"\b(?:which|what)\s+{_UNIT}\b.*?\b(?:sit|sits|are|is|belong|belongs|fall|falls|operate|operates|work|based|housed|located)\s+"
     rf"(?:(?:with)?in|under|(?:a\s+)?part\s+of)\s+(?P<x>.+)", "subOrganizationOf", "object"),
    (rf"\bwhat\s+{_UNIT}\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:have|include|contain|comprise|run)\b",
     "subOrganizationOf", "object"),
    # "What units make up SOECA?"
    (rf"\b(?:which|what)\s+{_UNIT}\s+(?:make\s+up|made\s+up|form|formed|constitute|comprise|compose)\s+(?P<x>.+)",
     "subOrganizationOf", "object"),
    (rf"\b(?:which|what)\s+{_UNIT}\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:part of|in|within|under)\b",
     "subOrganizationOf", "subject"),
    (r"\bwhere\s+(?:does|do|did|is|are)\s+(?P<x>.+?)\s+(?:sit|belong|fit)\b", "subOrganizationOf", "subject"),
    (r"\bwhere\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:based|located|housed|situated)\b", "subOrganizationOf",
     "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:is|are|was|were)\s+(?P<x>.+?)\s+(?:a\s+)?part\s+of\s*\??$", "subOrganizationOf",
     "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:sit|belong)\s+(?:(?:with)?in|to|under)\b",
     "subOrganizationOf", "subject"),
    (r"\bwho\s+(?:oversees|oversaw|supervises|scrutinises|scrutinizes|monitors)\s+(?P<x>.+)", "oversees", "object"),
    (r"\b(?:who|(?:which|what)\s+\w+)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:responsible|in\s+charge)\s+"
     r"(?:for|of)\s+(?:overseeing|supervising|scrutinising|scrutinizing|monitoring)\s+(?P<x>.+)", "oversees", "object"),
    (r"\b(?:which|what)\s+(?:body|bodies|organi[sz]ations?|agenc(?:y|ies)|departments?|authorit(?:y|ies)|committees?|boards?|"
     r"panels?|units?|teams?|groups?)\s+(?:oversee|oversees|oversaw|supervise|supervises|scrutinise|scrutinises|scrutinize|"
     r"scrutinizes|monitor|monitors)\s+(?P<x>.+)", "oversees", "object"),
    # "Who provides oversight of the Met?", "Which body has oversight over HSS?"
    (r"\b(?:who|(?:which|what)\s+\w+)\s+(?:(?:is|are|was|were)\s+responsible\s+for\s+)?(?:provides?|provided|providing|"
     r"exercises?|exercised|exercising|has|have|had|carries\s+out|carry\s+out)\s+(?:the\s+)?(?:\w+\s+)?oversight\s+"
     r"(?:of|over)\s+(?P<x>.+)", "oversees", "object"),
    (r"\b(?:what|who|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+(?:oversee|supervise|scrutinise|scrutinize)\b",
     "oversees", "subject"),
    (r"\b(?:who|(?:which|what)\s+\w+)\s+(?:holds|hold|held|will hold)\s+(?P<x>.+?)\s+to\s+account\b",
     "holdsToAccount", "object"),
    (r"\b(?:what|who|which\s+\w+)\s+(?:does|do|did)\s+(?P<x>.+?)\s+hold\s+to\s+account\b", "holdsToAccount", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:replaced|replaces|superseded|took over from)\s+(?P<x>.+)", "replaces", "object"),
    (r"\bwhat\s+(?:did|does)\s+(?P<x>.+?)\s+(?:replace|supersede)\b", "replaces", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:was|were|is)\s+(?P<x>.+?)\s+(?:formed|created|made)\s+(?:from|by merging|by the merger of)\b",
     "formedByMergerOf", "subject"),
    (r"\b(?:what|which\s+\w+)\s+(?:(?:was|were)\s+)?(?:merged|combined|amalgamated|joined|brought\s+together|united)\s+"
     r"(?:into|to\s+(?:form|create|make|set\s+up|establish|become))\s+(?P<x>.+)",
     "formedByMergerOf", "subject"),  # X formedByMergerOf its parts: the question's entity is the subject
    (r"\bwho\s+(?:are|were|is)\s+(?:the\s+|a\s+)?members?\s+of\s+(?P<x>.+)", "memberOf", "object"),
    (r"\bwho\s+(?:sits|sit|sat|serves|serve|served|is|are|was|were)\s+on\s+(?P<x>.+)", "memberOf", "object"),
    # "Which organisations are represented on the Board?", "Which bodies sit on it?", "What agencies are members of it?"
    (r"\b(?:who|(?:which|what)\s+\w+)\s+(?:(?:is|are|was|were)\s+(?:represented\s+(?:on|in)|(?:the\s+)?members?\s+of)|"
     r"(?:sits|sit|sat|serves|serve|served)\s+on)\s+(?P<x>.+)", "memberOf", "object"),
    (r"\bwho\s+(?:chairs|chaired|heads|headed|leads|led|runs|ran)\s+(?P<x>.+)", "headOf", "object"),
    (r"\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:chair|chairman|chairwoman|chairperson|convenor|head|"
     r"leader)\s+of\s+(?P<x>.+)",
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
    (rf"\bwho\b.*?\b{_TOLD}\b.*?\bon\s+(?P<x>.+)", "gaveEvidenceOn", ""),
    (r"\b(?:which|what|how\s+many)\s+(?:witnesses|people|persons|individuals|guests)\b.*?\bon\s+(?P<x>.+)",
     "gaveEvidenceOn", ""),
    # a month or a year, not a day: "Who spoke to the working group in March 2014?", "How many witnesses appeared
    # before the committee during 2016?"
    # Between the verb and the date stand only the evidence and whom it was given to: "Who spoke about CSE in 2014?"
    # asks about a topic, not for the year's witnesses (review).
    (rf"^\W*(?:who|(?:which|what|how\s+many)\s+(?:witnesses|people|persons|individuals|guests))\b.*?\b{_TOLD}\b"
     r"(?:\s+(?:oral\s+|written\s+)?evidence)?(?:\s+(?:(?:to|before)\s+)?(?:the|this|its)\s+(?:[\w’'&-]+\s+){0,4}?"
     r"(?:committee|sub-committee|inquiry|review|working\s+group|group|panel|commission|assembly|meetings?|sessions?|"
     rf"hearings?))?\s+(?:in|during)\s+(?P<x>(?:{_MONTHS}\s+)?(?:19|20)\d\d)\W*$", "gaveEvidenceIn", ""),
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

# A question for the witnesses ("Who were the witnesses?", "Which witnesses came from UCL?", "Who gave evidence
# from King's College London?"), not those who only wrote: the report's oral witnesses where it has any. A
# Commons report lists its witnesses apart from its written evidence; "who gave evidence" takes in both.
_WITNESS_NOUN = re.compile(r"\bwitness(?:es)?\b", re.I)
_HEARD = re.compile(r"\b(?:witness(?:es)?|evidence|testif(?:y|ied)|appeared|represent(?:s|ed)?|spoke\s+for)\b", re.I)
_WRITTEN = re.compile(r"\bwritten\b", re.I)

# Who is to act on a recommendation, as a question asks for them: "who", "to whom", "which (public) bodies", …
_WHO_ACTS = r"(?:who|to\s+whom|(?:which|what)\s+(?:\w+\s+)?(?:bodies|organi[sz]ations|departments|agencies|people|persons))"

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
    rf"|{_WHO_ACTS}\s+(?:is|was|are|were)\s+REC\s+(?:addressed(?:\s+to)?|directed(?:\s+(?:to|at))?|aimed\s+at|for)"
    rf"|{_WHO_ACTS}\s+(?:must|should|has\s+to|have\s+to|is\s+to|are\s+to|will)\s+"
    r"(?:act\s+on|implement|respond\s+to|carry\s+out|take\s+forward)\s+REC"
    r"|REC)\W*$", re.I)

# "recommendation 3", "recommendations 1 and 7", "Recommendations 8.2, 8.3 and 8.5", "recommendations 1 to 3":
# the numbers a question names
_NUMBER = r"\d{1,2}(?:\.\d{1,2})?"

_NUMBERED_RECOMMENDATIONS = re.compile(
    rf"\b(?:the\s+)?recommendations?\s+({_NUMBER}(?:\s*(?:,|and|&|or|to|-|–)\s*{_NUMBER})*)\b", re.I)

# A question about numbered recommendations that asks who is to act ("Which bodies must act on recommendation 3?",
# "Who is recommendation 2 addressed to?"): the set it asks for is the addressees, not the recommendations.
_ASKS_WHO = re.compile(rf"^\W*{_WHO_ACTS}\b", re.I)

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
