"""Names: the one folding rule (fold), the kinds, and what a name's words say it names (a body by its
head word, a person by its shape)."""
from __future__ import annotations

import functools
import re
import unicodedata

from ingest.vocabulary import ORDINAL_WORD
from ingest.people import NAME_PARTICLES, PEER_TITLES, split_title

from .. import lexicon


# Kinds, most specific first: when two sources disagree about one entity the more specific wins.
KIND_RANK = {"person": 0, "unit": 1, "operation": 2, "project": 3, "organisation": 4, "publication": 5,
             "place": 6, "sector": 7, "topic": 8}
AGENCY_KINDS = {"organisation", "unit", "project", "sector"}

_APOS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
CONNECTORS = {"of", "the", "for", "and", "on", "in", "to", "&"}  # the small words a name joins its words with
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9][a-z]?$")


@functools.lru_cache(maxsize=1 << 16)  # the registry folds each entity's names again for every report it adds
def fold(name: str) -> str:
    """The key two forms of one name share: quotes, dashes, case, white space, "the" and plurals folded."""
    text = re.sub(r"\s+", " ", name.translate(_APOS)).strip(" ,.;:")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"^(?:the|a|an) ", "", text, flags=re.I)
    text = re.sub(r"'s$", "", text)
    text = text.replace("-", " ")
    # "Fauna & Flora International", "Cosmetics, Toiletry and Perfumery Association": "&" is "and", commas go.
    text = re.sub(r"\s+", " ", text.replace("&", " and ").replace(",", " ")).strip()
    # "SC05" for "SCO5": a zero typed for the letter O inside a code names the same thing.
    text = re.sub(r"\b([A-Z]{2,})0(\d)\b", r"\1O\2", text)
    low = text.lower()
    # An acronym's plural (CAITs, BOCUs) names the same thing as its singular.
    if re.fullmatch(r"[A-Z][A-Z0-9]+s", text):
        low = low[:-1]
    # A plural last word names the same kind of body: "local Safeguarding Children Boards".
    low = re.sub(r"(?<=[a-z]{3})s$", "", low) if not low.endswith("ss") else low
    return low


def clean_name(name: str) -> str:
    """A name with white space folded and trailing punctuation and list debris cut."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    # Ingest sometimes runs the next line on ("MOPAC A targeted written call ..."): cut at a new sentence.
    name = re.split(r"\s+(?:The|A|An)\s+[a-z]", name)[0]
    return name.strip(" ,.;:")


def cited_title(title: str | None) -> str | None:
    """The entity name of a title a note cites: cleaned, cut at its subtitle, without a leading "The";
    None when one word is left ("Absent: An exploration of …"), which would match ordinary prose."""
    name = re.sub(r"^The\s+", "", clean_name(title or ""))
    # "Ofsted (2013) Annual Report" and "CQC (2014) Annual Report" are two works: a generic title names neither
    return name if len(name.split()) >= 2 and not _GENERIC_TITLE.match(name) else None


def head_kind(name: str) -> str | None:
    """What a name's last word says it names: unit, organisation, publication, or None."""
    words = re.findall(r"[\w’']+", name.translate(_APOS))
    if not words:
        return None
    if re.match(r"^Act \d{4}$", " ".join(words[-2:])):
        return "publication"
    # The head of "Office for Policing and Crime" or "Report of the Committee" stands before the first of/on/for.
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if w in ("of", "on", "for") and i > 0), None)
    head_at = cut - 1 if cut else len(lowered) - 1
    last = lowered[head_at].removesuffix("'s")
    if head_at and lowered[head_at - 1] in lexicon.POST_OPENERS:
        return None  # "Group Chief Executive", "Deputy Commissioner": a post, though its noun can head a body's name
    if last in lexicon.UNIT_HEADS:
        return "unit"
    if last in lexicon.ORG_HEADS:
        return "organisation"
    if last in lexicon.PUBLICATION_HEADS:
        return "publication"
    return None


# A name word: "Kelly", "Heaton-Jones", "McCarthy", "O’Neill"; a surname may follow a particle ("van Sebille").
_NAME_WORD = r"[A-Z][a-z’']+(?:-?[A-Z][a-z’']+)*"
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
_PERSONISH = re.compile(rf"^(?:(?:Professor|Dr|Sir|Dame|Lord|Baroness|Mr|Mrs|Ms)\s+)*{_NAME_WORD}"
                        rf"(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_NAME_WORD}){{0,2}}$")


def given_name(name: str) -> str | None:
    """The folded first name of a person's name without its title ("frank" of "Professor Frank Kelly"); None
    when the name has no first name ("Professor Kelly", "Lord Krebs")."""
    _, bare = split_title(clean_name(name))
    words = bare.split()
    return fold(words[0]).rstrip(".") if len(words) >= 2 else None


def same_person(a: str, b: str) -> bool:
    """Whether two person names may be one person: their first names agree, one is the other's initial or
    short form ("Chris", "Christopher"), or one name has none. Mike Kelly and Frank Kelly are two people."""
    x, y = given_name(a), given_name(b)
    if x is None or y is None or x == y:
        return True
    short, full = sorted((x, y), key=len)
    return len(short) == 1 and full.startswith(short) or len(short) >= 3 and full.startswith(short)


def surname(name: str) -> str:
    """A person's surname with its particle: "Kelly" of "Frank Kelly", "van Sebille" of "Erik van Sebille"."""
    return re.search(rf"(?:\b{_PARTICLE}\s+)*\S+$", clean_name(name)).group(0)


# A peer as the House of Lords names them: "Lord May of Oxford", "Baroness O’Neill of Bengarve", "Earl of Selborne".
_PEERAGE = re.compile(rf"^(?:{'|'.join(PEER_TITLES)})(?:\s+of)?"
                      rf"\s+{_NAME_WORD}(?:\s+of\s+{_NAME_WORD}(?:\s+{_NAME_WORD})?)?$")


def looks_like_person(name: str) -> bool:
    """True for "Malcolm Ward", "Professor Galloway" or "Lord May of Oxford"; false for "Independent Social Work"."""
    name = clean_name(name)
    if _PEERAGE.match(name):
        return True
    if not _PERSONISH.match(name):
        return False
    words = [w.lower().strip("’'") for w in name.split()]
    if any(w in lexicon.NOT_PERSON_WORDS for w in words):
        return False
    return len(words) >= 2


_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def words_of(text: str) -> set[str]:
    """The words (runs of word characters) a text writes, for may_occur."""
    return set(_WORDS.findall(text))


def may_occur(form: str, words: set[str]) -> bool:
    """Whether every word of form is one of words (words_of a text): if not, form stands nowhere in that text as a
    whole word (_present, occurs), since each of its words would then be a whole word of the text. A set look-up
    in place of a scan of the whole text, for the many names that a report never writes."""
    return all(w in words for w in _WORDS.findall(form))


def _present(text: str, form: str) -> bool:
    """Whether a name occurs in text as a whole word (case-sensitive)."""
    return occurs(text, form, _WORD_CHAR)


def occurs(text: str, form: str, joins: re.Pattern) -> bool:
    """Whether form occurs in text (case-sensitive) with no character joins matches just before or after it: what
    searching for ``(?<!J)form(?!J)`` finds. Each occurrence str.find gives is checked, where that regex, beginning
    with a look-behind, would try every position of a long report."""
    i, end = text.find(form), len(form)
    while i >= 0:
        if (i == 0 or not joins.match(text, i - 1)) and not joins.match(text, i + end):
            return True
        i = text.find(form, i + 1)
    return False


# "the Committee's Twelfth Report", "Draft Report", "Fourth Report of Session 2016", "the US Act": a
# report's list of its committee's reports and its formal minutes name no particular publication.
_GENERIC_TITLE = re.compile(
    rf"^(?:(?:the\s+)?Committee[’']s\s+)?(?:{ORDINAL_WORD}|Draft|Special|Final|Interim)\s+Report(?:\s+of\s+(?:the\s+Committee|Session(?:\s+[\d–-]+)?))?$"
    r"|^[A-Z]{1,3}\s+Act$|^Annual\s+Report(?:\s+and\s+Accounts)?$", re.I)
