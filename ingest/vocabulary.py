"""Words every stage reads names and numbers by: the nouns that make a name an organisation's or a unit's,
and number words. One list each, used by ingest (witness lists, note sources, addressees), graph (what a
name's head word says it names) and qa (the quantities a passage states).
"""
from __future__ import annotations

import re

# Nouns that make a name a body's, as printed: "Environment Agency", "Marine Conservation Society",
# "Rural Transport Forum", "Campaign for Better Transport", "Thames Water", "Procter & Gamble Ltd".
ORG_NOUNS = (
    "Service", "Services", "Board", "Boards", "Office", "Group", "Council", "Borough", "University", "Society",
    "Trust", "Hospital", "Agency", "Police", "Force", "Department", "Ministry", "Government", "Executive",
    "Institute", "College", "School", "Academy", "Federation", "Association", "Foundation", "Programme",
    "Scheme", "Commission", "Commissioner", "Authority", "Committee", "Assembly", "Panel", "Tribunal", "Taskforce",
    "Consortium", "Centre", "Laboratory", "Observatory", "Forum", "Network", "Alliance", "Partnership",
    "Coalition", "Union", "Campaign", "Charity", "Party", "Company", "Corporation", "Limited", "Ltd", "plc", "LLP",
    "Industries", "Bank", "Fund", "Water", "Utilities", "Europe",
    # acronyms that are the noun of the body they name
    "NHS", "CCG", "NGO", "NGOs", "NSPCC",
)
# Nouns that make a name a unit's, a part of a body: "Specialist Crime Directorate", "Child Abuse
# Investigation Teams".
UNIT_NOUNS = ("Command", "Team", "Teams", "Unit", "Units", "Directorate", "Hub", "Hubs", "Section", "Squad",
              "CAIT", "CAITs", "BOCU", "BOCUs")
# Nouns that head both a body's name and a publication's ("the Post Office Horizon IT Inquiry" wrote the
# report; "the Laming Inquiry" is cited as one): a witness's affiliation is a body, a name's head alone says
# a publication.
BODY_OR_WORK_NOUNS = ("Inquiry",)


# The legislatures and assemblies whose committees publish reports, as title pages name them: "House of Commons" /
# "Transport Committee", "Welsh Parliament" (or "Senedd Cymru") / "Children, Young People and Education Committee",
# "London Assembly" / "Police and Crime Committee".
LEGISLATURES = ("House of Commons", "House of Lords", "Welsh Parliament", "Senedd Cymru", "Senedd", "Scottish Parliament",
                "Northern Ireland Assembly", "National Assembly for Wales", "London Assembly")
# Words a title or a name cannot end on, so one set over two lines goes on after them: "… Welsh Language, Sport and"
# / "International Relations Committee"; and a line that ends on one, or on a comma or "&", goes on in the next.
DANGLING_WORDS = ("and", "of", "for", "with", "the", "to", "in", "on", "a", "an", "by", "from", "at", "or", "how", "we")
OPEN_END = rf"(?:[,&]|\b(?:{'|'.join(DANGLING_WORDS)}))"


def word_pattern(words) -> str:
    """A regular-expression alternation of the words, each whole."""
    return r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"


# Number words as reports spell counts ("within six months", "twenty-four hours", "hundreds of children").
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# A count in words: "six", "twenty-four", "twenty four".
NUMBER_WORD = (rf"(?:(?:{'|'.join(_TENS)})[\s-](?:{'|'.join(NUMBER_WORDS[:9])})|"
               rf"{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})")
# Ordinals as reports number themselves and their sessions: "Second Report", "Twelfth Report of Session".
ORDINAL_WORDS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
                 "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
                 "Eighteenth", "Nineteenth", "Twentieth")
_UNITS_TH = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
# An ordinal in words or figures: "Twenty-first Report", "2nd Report of Session 2010–12".
ORDINAL_WORD = (rf"(?:\d+(?:st|nd|rd|th)|(?:Twenty|Thirty|Forty|Fifty)-(?i:{'|'.join(_UNITS_TH)})|Thirtieth|Fortieth|Fiftieth|"
                rf"{'|'.join(sorted(ORDINAL_WORDS, key=len, reverse=True))})")
