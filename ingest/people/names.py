"""Names as the lists print them: titles and ranks, the words that mark a body or a post, and when two
forms of a name are one person."""
from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from ..ids import slugify
from ..vocabulary import BODY_OR_WORK_NOUNS, ORG_NOUNS, UNIT_NOUNS, word_pattern


RANKS = {
    "Assistant Commissioner": "AC", "Deputy Assistant Commissioner": "DAC", "Commissioner": None,
    "Detective Chief Superintendent": "DCS", "Detective Superintendent": "DSupt", "Chief Superintendent": "Ch Supt",
    "Detective Chief Inspector": "DCI", "Detective Inspector": "DI", "Detective Sergeant": "DS",
    "Superintendent": "Supt", "Chief Inspector": "CI", "Inspector": "Insp", "Commander": "Cdr",
    "Professor": "Prof", "Dr": None, "Sir": None, "Dame": None, "Lord": None, "Baroness": None,
    "Mr": None, "Mrs": None, "Ms": None, "Miss": None, "Councillor": "Cllr", "Rt Hon": None,
}
# Titles of peers, whose names run "Baroness Vere of Norbiton" ("of" is part of the name), and the particles of
# surnames ("Erik van Sebille"): one list each, for the ingest and for the graph's registry.
PEER_TITLES = ("Lord", "Baroness", "Lady", "Earl", "Viscount", "Viscountess", "Countess", "Bishop", "Duke", "Marquess")
NAME_PARTICLES = ("van", "von", "de", "der", "den", "du", "da", "di", "del", "la", "le", "ter")
# The small words a name holds between its capitalised ones: a person's particles, a body's joining words ("Fauna &
# Flora International", "University of Exeter", "Department for Environment, Food and Rural Affairs")
NAME_JOINS = frozenset({*NAME_PARTICLES, "of", "and", "&", "the", "for", "at", "in", "on", "to"})
RANKS.update({t: None for t in PEER_TITLES if t not in RANKS})
# Offices that follow a peer's title and name no peer: "the Lord Mayor", "the Lord Chancellor", "Lady Justice".
_PEER_OFFICES = {"Mayor", "Chancellor", "Justice", "Chief", "Speaker", "President", "Lieutenant", "Advocate",
                 "Provost", "Chamberlain", "Steward", "Privy", "Spiritual", "Temporal"}
_ABBREV_TO_RANK = {v: k for k, v in RANKS.items() if v}
_TITLE_RE = "|".join(sorted((re.escape(t) for t in list(RANKS) + list(_ABBREV_TO_RANK)), key=len, reverse=True))
# Titles as printed before a name, one or several in their order: "Dr", "Professor Sir", "Rt Hon Lord", "Prof Dame".
_TITLE_RUN = rf"(?:{_TITLE_RE})(?:\s+(?:{_TITLE_RE}))*"
# The titles that style a person rather than name an office they hold ("Assistant Commissioner", "Councillor").
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Sir", "Dame", "Rt Hon", *PEER_TITLES)
_NAME_WORD = r"[A-Z][a-zA-Z’'\-]+"
NAME = rf"(?:(?P<title>{_TITLE_RE})\s+)?(?P<name>{_NAME_WORD}(?:\s+(?:van|von|de|der|Mc)?\s?{_NAME_WORD}){{1,2}})"


# Bodies the witness lists name with no organisation noun in the name ("Unilever", "Procter & Gamble",
# "Barnardo’s", "Southall Black Sisters", "Children England"): a word of theirs marks an affiliation, though it
# heads no organisation's name in general.
_NAMED_BODY_WORDS = ("MOPAC", "DEFRA", "Barnardo’s", "Gamble", "Unilever", "L’Oréal", "Children England", "Sisters",
                     "Midwives", "Science", "International", "England")
# A word that marks a witness's affiliation, a note's source or an addressee as a body: the nouns of
# organisations and of their units (ingest/vocabulary.py), "Inquiry", and the names above.
ORG_WORDS = re.compile(word_pattern(ORG_NOUNS + UNIT_NOUNS + BODY_OR_WORK_NOUNS + _NAMED_BODY_WORDS))
# The head of a body's name, its last word ("Trust", "Unit"): a name that ends on one is whole.
_BODY_HEADS = word_pattern(ORG_NOUNS + UNIT_NOUNS + BODY_OR_WORK_NOUNS)
_ROLE_WORDS = re.compile(
    r"\b(Consultant|Officer|Manager|Director|Chair|Commissioner|Adviser|Advisor|Campaigner|Head|Minister|"
    r"Professor|Scientist|Co-ordinator|Coordinator|Clerk|Lead|Secretary|Chief|Deputy|Member)\b")
# A member's letters after a name: of the Commons, the Senedd, the Scottish Parliament, the Northern Ireland Assembly
_POST_LETTERS = re.compile(r"\s+(?:MP|MS|MSP|MLA)\b")
# Degrees after a name ("Dr John Coggon LLB, PhD", "Mr John Porter MSc: Director"): no part of it, nor a post
_DEGREES = r"(?:LLB|LLM|BA|BSc|MA|MSc|MBA|MPhil|PhD|DPhil|MD|FRS|FBA|FMedSci)"
_AFTER_DEGREES = re.compile(rf"\s+{_DEGREES}\b.*$")


def person_id(report_id: str, name: str) -> str:
    """A person's id, scoped by report."""
    return f"{report_id}/person/{slugify(name)}"


def org_id(report_id: str, name: str) -> str:
    """An organisation's id, scoped by report."""
    return f"{report_id}/org/{slugify(name)}"


def split_title(text: str) -> tuple[str | None, str]:
    """('Assistant Commissioner', 'Mark Rowley') from 'Assistant Commissioner Mark Rowley' or 'AC Mark Rowley'; several
    titles are kept whole, in their order: ('Professor Sir', 'Stephen Powis') from 'Prof Sir Stephen Powis'."""
    m = re.match(rf"^({_TITLE_RUN})\s+(.+)$", text.strip())
    if not m:
        return None, text.strip()
    return " ".join(titles_of(m.group(1))), m.group(2).strip()


def titles_of(title: str | None) -> list[str]:
    """Each title of a person's title, in full and in order: ['Professor', 'Sir'] of 'Prof Sir'; [] of None."""
    found = re.findall(rf"(?<!\S)(?:{_TITLE_RE})(?!\S)", title or "")
    return [_ABBREV_TO_RANK.get(t, t) for t in found]


def abbreviated(title: str) -> str | None:
    """The title as ranks are abbreviated ('Prof Sir' of 'Professor Sir', 'DCI' of 'Detective Chief Inspector'); None
    when no title of it has an abbreviation."""
    titles = titles_of(title)
    short = [RANKS.get(t) or t for t in titles]
    return " ".join(short) if short != titles else None


def peer_title(title: str | None) -> str | None:
    """The peer's title that ends a person's title ('Lord' of 'Rt Hon Lord'), which is part of the peer's name."""
    titles = titles_of(title)
    return titles[-1] if titles and titles[-1] in PEER_TITLES else None


def entry_name(text: str) -> tuple[str | None, str]:
    """A listed person's (title, name): split_title's, except that a peer's title is part of the name as lists
    print it ("Baroness Vere of Norbiton", "Lord Krebs")."""
    title, name = split_title(text)
    peer = peer_title(title)
    return (title, f"{peer} {name}") if peer else (title, name)


def is_person_name(text: str) -> bool:
    """Whether text is a person's name as lists print it ("Dr Peter Green", "Lord Krebs"), not a body's or a role's."""
    return _is_name(text)


def _is_name(part: str) -> bool:
    part = re.sub(r"^and\s+", "", part.strip())
    title, rest = split_title(part)
    if ORG_WORDS.search(rest) or (_ROLE_WORDS.search(rest) and not title):
        return False
    words = _POST_LETTERS.sub("", rest).split()
    peer = peer_title(title)
    if peer:
        if _PEER_OFFICES & set(words):
            return False  # "Lord Mayor", "Lord Chief Justice": an office
        if len(words) == 1:
            return True  # "Lord Krebs"
    if not 2 <= len(words) <= 4 or words[0] in ("The", "A", "An"):
        return False
    particles = {*NAME_PARTICLES, *({"of"} if peer else set())}
    return all(w[0].isupper() or w in particles for w in words)


def similar_names(a: str, b: str) -> bool:
    """Same first name (or its short form, surname then exact) and a surname within a letter or two: one person."""
    fa, _, sa = a.partition(" ")
    fb, _, sb = b.partition(" ")
    if a == b:
        return True
    if not sa or not sb:
        return False
    if sa == sb and _short_form(fa, fb):
        return True
    # the cheap tests first (a ratio of 0.85 needs lengths within 0.7 of each other): lists compare many pairs
    if sa[0] != sb[0] or min(len(sa), len(sb)) < 0.7 * max(len(sa), len(sb)):
        return False
    return (fa == fb or _ratio_at_least(fa, fb, 0.8)) and _ratio_at_least(sa, sb, 0.85)


def _ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """SequenceMatcher's ratio of a and b reaches threshold: its cheap upper bounds are tested first (the
    ratio never exceeds them), so most pairs are ruled out without matching."""
    m = SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


# A surname longer than this is compared with every other long one of a fitting length instead of being indexed
# by its deletions: one of 16 letters has 2,517 strings with up to 4 letters left out, one of 20 has 21,700.
_LONG_SURNAME = 15


@functools.lru_cache(maxsize=None)
def _deletable(n: int) -> int:
    """How many of a surname's n letters may be left out of a common subsequence with a surname similar_names may
    take for it: a ratio of 0.85 needs 2 * matches >= 0.85 * (n + m) of two surnames of n and m letters, whose
    lengths are within 0.7 of each other, and SequenceMatcher's matches are a common subsequence."""
    most = 0
    for m in range(1, 2 * n + 2):
        if min(n, m) < 0.7 * max(n, m):
            continue
        common = next((c for c in range(min(n, m) + 1) if 2.0 * c / (n + m) >= 0.85), None)
        if common is not None:
            most = max(most, n - common)
    return most


def _deletions(word: str) -> set[str]:
    """The word with up to _deletable(len(word)) of its letters left out, every way."""
    out = level = {word}
    for _ in range(_deletable(len(word))):
        level = {w[:i] + w[i + 1:] for w in level for i in range(len(w))}
        out = out | level
    return out


class SurnameIndex:
    """Surnames, each found again by the surnames similar_names may take for it (same initial, lengths within 0.7
    of each other, a SequenceMatcher ratio of 0.85 or more) without comparing it with every other: two such
    surnames have a common subsequence that leaves out at most _deletable letters of each, so both are indexed by
    that subsequence (the symmetric-deletion index of spelling correctors), and one long enough for that ratio is
    found. near() gives every such surname and the few more whose SequenceMatcher matches fall short of their
    longest common subsequence, which the caller tests with similar_names; comparing each with every other made
    lists of a thousand witnesses grow as the square of their length."""

    def __init__(self) -> None:
        self._by_deletion: dict[str, set[str]] = {}  # surnames of up to _LONG_SURNAME letters
        self._by_length: dict[int, set[str]] = {}

    def add(self, surname: str) -> None:
        """Index a surname (again: no change)."""
        if surname in self._by_length.get(len(surname), ()):
            return
        self._by_length.setdefault(len(surname), set()).add(surname)
        if len(surname) <= _LONG_SURNAME:
            for d in _deletions(surname):
                self._by_deletion.setdefault(d, set()).add(surname)

    def near(self, surname: str) -> set[str]:
        """Every indexed surname that may be surname misspelt, itself included when indexed."""
        n = len(surname)
        if not n:
            return set()
        fits = range(int(n * 0.7), int(n / 0.7) + 2)  # the lengths within 0.7 of n, and one more either side
        # a long surname, or one a long surname may fit, is compared with every long one of a fitting length
        found = {s for m in fits if n > _LONG_SURNAME or m > _LONG_SURNAME for s in self._by_length.get(m, ())}
        if n <= _LONG_SURNAME:  # a common subsequence d, long enough for a ratio of 0.85
            found.update(s for d in _deletions(surname) for s in self._by_deletion.get(d, ())
                         if 2.0 * len(d) / (n + len(s)) >= 0.85)
        return {s for s in found if s[0] == surname[0] and min(n, len(s)) >= 0.7 * max(n, len(s))}


def _short_form(a: str, b: str) -> bool:
    """One first name is the other's short form ("Chris" and "Christopher", "Sam" and "Samuel")."""
    short, full = sorted((a, b), key=len)
    # Three letters at least: "Jo" could as well be Joanna as John.
    return len(short) >= 3 and full.startswith(short) and short != full
