"""Reference knowledge the reports take for granted: head words that say what a name denotes,
names the reports use without defining them, places, and the service sectors that agencies
belong to.

None of it makes a node by itself: an entry only matters once a report uses one of its forms.
"""
from __future__ import annotations

from ingest.vocabulary import ORG_NOUNS, UNIT_NOUNS

# The last word of a name says what it names ("Specialist Crime Directorate" is a unit): the nouns of
# ingest/vocabulary.py, lower-cased. "Inquiry" heads a publication here (BODY_OR_WORK_NOUNS).
UNIT_HEADS = {w.lower() for w in UNIT_NOUNS}
ORG_HEADS = {w.lower() for w in ORG_NOUNS}
# Words that make a post of the organisation noun after them: "Chief Executive", "Assistant Commissioner".
POST_OPENERS = {"chief", "deputy", "assistant"}
PUBLICATION_HEADS = {"review", "inquiry", "protocol", "strategy", "procedures", "report", "act",
                     "guidance", "framework", "plan"}

# Forms the reports use for bodies they never define. Each tuple: kind, preferred name, other names.
KNOWN_NAMES: list[tuple[str, str, list[str]]] = [
    ("organisation", "Metropolitan Police Service", ["Met", "MPS", "Metropolitan Police", "the Met"]),
    ("organisation", "UK Government", ["Government", "the Government", "HM Government"]),
    ("organisation", "Mayor of London", ["the Mayor", "Mayor"]),
    ("organisation", "Office of the Children’s Commissioner", ["Children’s Commissioner",
                                                              "the Children’s Commissioner"]),
    ("organisation", "Department for Education", ["Department of Education", "DfE"]),
    ("organisation", "Department for Environment, Food and Rural Affairs", ["DEFRA", "Defra"]),
    ("organisation", "FORWARD", ["Forward", "ForwardUK", "FORWARD UK"]),
    ("organisation", "Crown Prosecution Service", ["CPS"]),
    ("organisation", "Marine Conservation Society", ["MCS", "The MCS"]),
    ("organisation", "Environmental Investigation Agency", ["EIA", "The EIA"]),
    ("organisation", "Fauna & Flora International", ["FFI"]),
    ("organisation", "British Plastics Federation", ["BPF", "The BPF"]),
    ("organisation", "European Commission", []),
    ("organisation", "National Health Service", ["NHS"]),
    ("organisation", "Ofsted", ["Office for Standards in Education, Children’s Services and Skills"]),
]

# Places: boroughs and the other places these reports name.
PLACES = [
    "London", "Heathrow", "Devon", "England", "Wales", "Scotland", "Northern Ireland", "United Kingdom",
    "Nigeria", "Liberia", "Sierra Leone", "Singapore", "Dubai", "Africa", "Europe",
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
    "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
    "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth",
    "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Richmond", "Southwark", "Sutton",
    "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster", "City of London",
]
PLACE_ALIASES = {"United Kingdom": ["UK"]}

# The service sectors that lists of members name ("police, children's social care, education ...").
SECTORS: list[tuple[str, list[str]]] = [
    ("police", ["the police", "police"]),
    ("children’s social care", ["children’s social care", "children's social care"]),
    ("education", ["education"]),
    ("probation", ["probation services", "probation"]),
    ("health", ["health services", "health"]),
    ("London boroughs", ["London boroughs", "local authorities"]),
    ("voluntary and community agencies", ["voluntary and community agencies", "voluntary", "community agencies"]),
]

# Words that never stand in a person's name: they mark an organisation, list heading or place.
NOT_PERSON_WORDS = UNIT_HEADS | ORG_HEADS | {"operation", "region", "work", "social", "independent",
                                             "children", "london", "the", "and", "of", "for", "project"}

# Capitalised words that open a sentence or a phrase, not a name ("While the Committee ...").
LEADING_NOISE = {"while", "that", "through", "in", "members", "membership", "when", "where", "if", "as", "at", "by",
                 "for", "from", "with", "under", "since", "both", "each", "every", "many", "some", "all", "also",
                 "however", "although", "following", "during", "within", "before", "after", "unlike", "like",
                 "only", "then", "this", "these", "those", "our", "its", "their", "the", "a", "an", "of", "and",
                 "whereas", "to", "on", "yet", "but", "so", "currently", "recently"}
# Headings that are about the report itself, not a topic in it.
NOT_TOPICS = {"introduction", "summary", "conclusion", "conclusions", "background", "foreword", "contents"}
# Words that open a job title, not a name ("Deputy Children’s Commissioner").
ROLE_WORDS = {"assistant", "deputy", "director", "chair", "chief", "head", "executive", "manager", "member",
              "minister", "secretary", "resolved"}
