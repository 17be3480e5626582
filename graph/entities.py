"""Entities: find the organisations, units, operations, people, places, publications and topics a
report names, and resolve every form of a name (acronym, expansion, "AC Rowley") to one entity.

Sources, in order: reference names (graph/lexicon.py, only where a report uses them), the glossary,
the people and organisation lists, note sources, recommendation addressees, definitions in the text
("Child Abuse Investigation Command (SCO5)"), capitalised names with a telling head word
("Specialist Crime Directorate"), "Operation X" / "Project X", section headings (topics) and places.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from ingest.authors import BODY_HEADS
from ingest.ids import slugify
from ingest.model import Report
from ingest.vocabulary import LEGISLATURES, ORDINAL_WORD
from ingest.people import HONORIFICS, MEMBER_LIST, NAME_PARTICLES, PEER_TITLES, split_title, titles_of

from . import lexicon

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


@dataclass
class Entity:
    """One thing the reports name, with every form of its name."""

    key: str
    kind: str
    label: str  # the short name shown to readers (an acronym where there is one)
    pref: str  # the full name
    aliases: set[str] = field(default_factory=set)
    acronym: str | None = None
    origins: set[str] = field(default_factory=set)  # how it was found: glossary, witness list, text ...
    reports: set[str] = field(default_factory=set)
    mentionable: bool = True  # sectors are only named inside lists, never matched in running text
    title: str | None = None  # a person's rank or honorific
    role: str | None = None
    affiliation: str | None = None  # key of a person's organisation
    party: str | None = None

    def forms(self) -> set[str]:
        """Every surface form: label, full name, acronym and aliases."""
        out = {self.label, self.pref, *self.aliases}
        if self.acronym:
            out.add(self.acronym)
        return {f for f in out if f}

    @property
    def head(self) -> str | None:
        """The folded last word of a full name of two words or more ('hub' of Multi-Agency Safeguarding
        Hub): the noun "the hub" or "hubs" names the entity by; None for one-word names."""
        words = fold(self.pref).split()
        return words[-1] if len(words) >= 2 else None

    def expansion(self) -> str:
        """Each distinct name of the entity once (forms that fold alike count once), the label first: what a
        question naming it is expanded with."""
        names: dict[str, str] = {}
        for form in [self.label, self.pref, *sorted(self.forms())]:
            names.setdefault(fold(form), form)
        return " ".join(names.values())


class Registry:
    """Entities of a corpus, indexed by every folded form of their names."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self._index: dict[str, str] = {}
        self._shared: set[str] = set()  # folded forms that name two people of the corpus, so name none
        # What each report calls its own bodies: report id -> {folded self-name: (the report's words, entity key)};
        # "the Committee" is the Environmental Audit Committee in one report and the Police and Crime Committee in
        # another, so these forms are kept per report, never in the corpus-wide index.
        self.own: dict[str, dict[str, tuple[str, str]]] = {}
        # Every name of that kind each report's own bodies may be called by, whether or not the report writes it:
        # report id -> {folded self-name: entity key}. A reader asks about "the working group" that wrote a report
        # which only ever says "the Committee" (see self_named).
        self.own_names: dict[str, dict[str, str]] = {}

    def __len__(self) -> int:
        return len(self.entities)

    def __iter__(self):
        return iter(self.entities.values())

    def resolve(self, name: str | None) -> Entity | None:
        """The entity one of whose names folds to the same key as name, if any."""
        if not name:
            return None
        key = self._index.get(fold(name))
        return self.entities.get(key) if key else None

    def lookup(self, name: str) -> Entity | None:
        """Like resolve, and also "the sub-committee" (the one body that a report calls so as its own, see
        own_bodies) and "the hub": a definite head noun names the one unit or organisation whose full name ends
        in it."""
        found = self.resolve(name)
        if found:
            return found
        own = {e.key: e for e in self.own_bodies(name)}
        if len(own) == 1:
            return next(iter(own.values()))
        if len(fold(name).split()) != 1:
            return None
        head = fold(name)
        hits = [e for e in self if e.kind in ("unit", "organisation") and e.head == head]
        return hits[0] if len(hits) == 1 else None

    def own_bodies(self, name: str, reports: Iterable[str] | None = None) -> list[Entity]:
        """The bodies that reports (all, or these) call by name as their own: "the Committee", "this Inquiry",
        "our Sub-Committee", one per report that writes it, in report order."""
        key = self_key(name)
        wanted = None if reports is None else set(reports)
        return [self.entities[held[1]] for rid, names in self.own.items()
                if (wanted is None or rid in wanted) and (held := names.get(key)) and held[1] in self.entities]

    def self_named(self, name: str, reports: Iterable[str] | None = None) -> list[Entity]:
        """The bodies that reports (all, or these) call or may call by this name as their own ("the working group"
        of a report by its Safeguarding Working Group), one per report, each once, in report order."""
        key = self_key(name)
        wanted = None if reports is None else set(reports)
        found = {names[key]: None for rid, names in self.own_names.items()
                 if (wanted is None or rid in wanted) and key in names and names[key] in self.entities}
        return [self.entities[k] for k in found]

    def reports_calling(self, name: str) -> list[str]:
        """The reports whose own body (its publisher, or a body its member list names, where its name gives a noun
        for a body: own_names) this name is, by that body's name or by that noun, though the report never writes it
        so ("the working group" of a report by its Safeguarding Working Group), in report order."""
        key = self_key(name)
        named = self.resolve(name)
        return [rid for rid, names in self.own_names.items()
                if (key in names and names[key] in self.entities) or (named is not None and named.key in names.values())]

    def get(self, key: str) -> Entity:
        """The entity with this key."""
        return self.entities[key]

    def add(self, kind: str, name: str, aliases: Iterable[str] = (), *, acronym: str | None = None,
            origin: str = "text", report: str | None = None, mentionable: bool = True) -> Entity:
        """Add a name (and its other forms), merging with the entity any form already resolves to."""
        name = clean_name(name)
        if not fold(name):
            raise ValueError(f"empty entity name for a {kind}")
        forms = [name, *(clean_name(a) for a in aliases if a), *([acronym] if acronym else [])]
        forms = [f for f in forms if f and fold(f) and fold(f) not in self._shared]
        # "Professor Kelly" may be Frank Kelly of one report and Mike Kelly of another: a person merges only
        # with an entity that is no other person.
        found = next((e for f in forms if (e := self.resolve(f)) is not None
                      and not (kind == "person" and e.kind == "person" and not same_person(e.pref, name))), None)
        if found is None:
            label = acronym or name
            key = slugify(label) if kind != "person" else "person-" + slugify(name)
            while key in self.entities:
                key += "-x"
            found = Entity(key=key, kind=kind, label=label, pref=name, acronym=acronym, mentionable=mentionable)
            self.entities[key] = found
        elif KIND_RANK.get(kind, 9) < KIND_RANK.get(found.kind, 9) and "person" not in (kind, found.kind) \
                and found.kind != "place":
            found.kind = kind
        if acronym and not found.acronym:
            found.acronym = acronym
            found.aliases.add(found.label)
            found.label = acronym
        if origin == "glossary" or (_ACRONYM.match(found.pref) and not _ACRONYM.match(name)):
            # The glossary's expansion is the report's own full name for the thing.
            found.aliases.add(found.pref)
            found.pref = name
        for f in forms:
            other = self.resolve(f)
            if other is not None and other is not found and other.kind == "person" == found.kind:
                self._unshare(f, other)
                continue
            if f not in (found.label, found.pref):
                found.aliases.add(f)
            self._index.setdefault(fold(f), found.key)
        found.origins.add(origin)
        if report:
            found.reports.add(report)
        found.mentionable = found.mentionable or mentionable
        return found

    def _unshare(self, form: str, holder: Entity) -> None:
        """A short form two people go by ("Professor Kelly") names neither of them: it leaves the index."""
        key = fold(form)
        self._shared.add(key)
        self._index.pop(key, None)
        holder.aliases = {a for a in holder.aliases if fold(a) != key}

    def merge(self, other: Entity, into: Entity) -> None:
        """Make other's names, origins and reports into's, and forget other."""
        for form in other.forms():
            into.aliases.add(form)
            self._index[fold(form)] = into.key
        into.origins |= other.origins
        into.reports |= other.reports
        del self.entities[other.key]
        for e in self.entities.values():
            if e.affiliation == other.key:
                e.affiliation = into.key

    def alias(self, entity: Entity, form: str) -> None:
        """Record one more form of an entity's name."""
        form = clean_name(form)
        if form and fold(form) not in self._index and fold(form) not in self._shared:
            entity.aliases.add(form)
            self._index[fold(form)] = entity.key

    def set_kind(self, entity: Entity, kind: str) -> None:
        """Make an entity's kind more specific (a rule learned that "Project Azure" is a team)."""
        if KIND_RANK.get(kind, 9) < KIND_RANK.get(entity.kind, 9):
            entity.kind = kind


# --- extraction -------------------------------------------------------------------------------

_CODE = re.compile(r"^[A-Z]{2,}\d{3,}$")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_CAP_TOKEN = re.compile(r"^[A-Z][\w’'&.-]*,?$|^[A-Z0-9]{2,},?$")
_HEADED_NAME = re.compile(
    r"\b(?:local\s+)?(?:[A-Z][\w’'&-]*,?\s+(?:(?:of|for|and|the|on|in|against|&)\s+)*){1,7}"
    r"(?P<head>[A-Z][a-z]+)(?:\s+\d{4})?"
    r"(?:\s+(?:on|for|of)(?:\s+(?:[A-Z][\w’'-]*|and|of|the|to))+)?")
_OPERATION = re.compile(r"\b(Operation|Project)\s+([A-Z][a-z]+)\b")
# A defined term: "“Department” means the Department of Business and Trade and any predecessor department",
# "In this report “the Act” refers to the Data Protection Act 2018". Inquiries and statutes define their short
# names so; the definiens must be a capitalised name ("“the Minister” means any Minister of …" names a role).
_MEANS = re.compile(
    r"[“\"‘]((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4})[”\"’]\s+"
    r"(?:means|refers to|is used to (?:mean|refer to))\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'&-]*\s+(?:(?:of|for|and|the|on|in)\s+)*){0,7}[A-Z][\w’'&-]*(?<![’']s)(?:\s+\d{4})?)"
    # the name ends the clause: "“Subpostmaster” refers to the Post Office’s agents" names no body
    r"(?=\s*(?:[,.;:()]|$|and\b|or\b|from\b|as\b))")
_QUOTED_TITLE = re.compile(r"“((?:[A-Z][\w’'-]*\s+)(?:(?:[A-Z][\w’'-]*|to|of|and|the|in|for)\s+){1,8}[A-Z][\w’'-]*)”")
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


def _name_before(text: str, end: int) -> str:
    """The capitalised name that ends at end ("... the Specialist Crime Directorate"), or ''."""
    tokens = text[:end].split()
    name: list[str] = []
    for tok in reversed(tokens):
        bare = tok.strip("“”\"")
        if _CAP_TOKEN.match(bare) or (name and bare.lower() in CONNECTORS - {"the"}):
            name.insert(0, bare)
            if len(name) > 9:
                break
            continue
        break
    while name and name[0].lower() in CONNECTORS:
        name.pop(0)
    return " ".join(name).rstrip(",").removesuffix("’s").removesuffix("'s")


def _initials_fit(name: str, acronym: str) -> bool:
    """Whether an acronym could stand for name: same first letter, or a digit-bearing code (SCO5)."""
    if any(c.isdigit() for c in acronym):
        return True
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in CONNECTORS]
    return bool(words) and words[0][0].upper() == acronym[0].upper() and len(words) >= 2


def definitions(text: str) -> list[tuple[str, str]]:
    """(name, short form) pairs a text defines: "Name (ACR)", "ACR (Name)", "rape command (SCO2)", "(the Met)",
    "“Department” means the Department of …"."""
    out = []
    for m in _PAREN.finditer(text):
        # "the Horizon Shortfall Scheme (“HSS”)": an inquiry quotes the short name it defines
        inner = m.group(1).strip().strip("“”‘’\"'").strip()
        before = text[:m.start()].rstrip()
        if re.fullmatch(r"the [A-Z]\w+", inner):  # "Metropolitan Police Service (the Met)"
            name = _name_before(before, len(before))
            if name:
                out.append((name, inner[4:]))
            continue
        if _CODE.match(inner):
            continue  # a written-evidence code such as EIM0020, not a short name
        if _ACRONYM.match(inner) and len(inner) <= 10:
            name = _name_before(before, len(before))
            # "the Cabinet Office’s Behavioural Insights Team (BIT)": the owner before the possessive is no part
            # of the name, unless the initials say it is ("Mayor’s Office for Policing and Crime (MOPAC)").
            owned = re.split(r"\S+[’']s\s+", name)[-1]
            if name and not _initials_fit(name, inner) and owned != name and _initials_fit(owned, inner):
                name = owned
            low = re.search(r"(?<![\w’'])((?:[a-z’'-]+\s+){0,3}(?:command|team|teams|unit|units|hub|hubs))$", before)
            if name and _initials_fit(name, inner) and name != inner:
                out.append((name, inner))
            elif low:
                words = low.group(1).split()
                # Drop determiners and possessives: "its child abuse command" is "child abuse command".
                while words and (words[0] in ("the", "a", "an", "its", "their", "his", "her") or words[0].endswith(("’s", "'s"))):
                    words.pop(0)
                if len(words) >= 2:
                    out.append((" ".join(words), inner))
            continue
        acr = re.search(r"([A-Z][A-Za-z0-9]{1,9})$", before)
        if acr and _ACRONYM.match(acr.group(1)) and re.match(r"[A-Z]", inner) and len(inner.split()) >= 2:
            if inner[0].upper() == acr.group(1)[0] and len(inner) <= 70:
                after = text[m.end():m.end() + 12]
                tail = re.match(r"\s+(command|team|unit|hub)\b", after)  # "SOECA (Sexual Offences ...) command"
                out.append((inner + (" " + tail.group(1).capitalize() if tail else ""), acr.group(1)))
    for m in _MEANS.finditer(text):
        short, name = re.sub(r"^the\s+", "", m.group(1)), m.group(2)
        if len(name.split()) >= 2 and fold(name) != fold(short):
            out.append((name, short))
    return out


# a “…” run of this many words or more is a quotation; shorter ones are names or terms (“HSS”, “full and fair”)
QUOTATION_WORDS = 6
MAX_QUOTED_TEXTS = 6  # a quotation left open runs on through at most this many texts (passages) after it
_QUOTED_RUN = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_NUMBERED_PARAGRAPH = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s")  # "4.51. As foreshadowed …": the report's words


def own_words(text: str, inside: bool = False) -> tuple[str, bool]:
    """The text with its quotations blanked (same length): what the report says in its own words; and whether a
    quotation is still open at its end. A quotation is a run between quotation marks of QUOTATION_WORDS words or
    more, an opening mark left open to the end of the text, or, when the text begins inside a quotation (inside),
    the words up to the first closing mark."""
    out = list(text)

    def blank(start: int, end: int) -> None:
        out[start:end] = re.sub(r"\S", " ", text[start:end])

    for m in _QUOTED_RUN.finditer(text):
        if len(m.group(0).split()) >= QUOTATION_WORDS:
            blank(m.start(), m.end())
    first_open, first_close = text.find("“"), text.find("”")
    if inside and first_close < 0:
        return " " * len(text) if text else text, True
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        blank(0, first_close + 1)  # a quotation begun before this text ends here
    last_open = text.rfind("“")
    still_open = last_open >= 0 and text.find("”", last_open) < 0
    if still_open:
        blank(last_open, len(text))
    return "".join(out), still_open


def own_texts(texts: list[str]) -> list[str]:
    """Texts in the report's order in their own words (see own_words): a quotation left open at the end of one
    runs on into the next, up to MAX_QUOTED_TEXTS of them, and never into a numbered paragraph."""
    out, inside, carried = [], False, 0
    for text in texts:
        inside = inside and carried < MAX_QUOTED_TEXTS and not _NUMBERED_PARAGRAPH.match(text)
        words, still_open = own_words(text, inside)
        carried = carried + 1 if inside and still_open else 0
        inside = still_open
        out.append(words)
    return out


def _report_definitions(texts: list[str], notes: list[str]) -> list[tuple[str, str]]:
    """The (name, short form) pairs a report's passages and notes define. A definition made inside a quotation
    ("… exempt from Income Tax (IT) …" in a passage the report quotes) is the quoted writer's: it is the report's
    too only when the report defines the short form nowhere in its own words and never uses it there ("the Horizon
    IT Inquiry"), where it may stand for something else."""
    raw = texts + notes
    own_text = own_texts(texts) + own_texts(notes)  # a note does not continue a passage's quotation
    own = [definitions(text) for text in own_text]
    defined = {short for found in own for _, short in found}
    used = "\n".join(own_text)
    out = []
    for text, found in zip(raw, own):  # in the texts' order, as before: the first definition of a name names it
        out += found + [(name, short) for name, short in definitions(text) if (name, short) not in found
                        and short not in defined and not _present(used, short)]
    return out


def _topic_titles(report: Report) -> list[str]:
    """Topics from the headings of chapters and their sub-headings ("Information sharing and MASH")."""
    chapters = {s.id for s in report.sections if s.kind == "chapter"}
    titles = [s.title for s in report.sections
              if (s.kind == "chapter" and len(s.title.split()) <= 3) or (s.kind == "subsection" and s.parent in chapters)]
    out = []
    for title in titles:
        if re.search(r"\b(we|our|us|why|how|what)\b|’s\b", title) or title.lower() in lexicon.NOT_TOPICS:
            continue
        for part in re.split(r"\s+and\s+(?=[A-Z])", re.sub(r"\s*\(.*?\)", "", title)):
            part = part.strip()
            if 1 <= len(part.split()) <= 5:
                out.append(part)
    return out


def _present(text: str, form: str) -> bool:
    """Whether a name occurs in text as a whole word (case-sensitive)."""
    # The substring test first: it is a fast scan, where the regex tries every position of a long report.
    return form in text and re.search(r"(?<![\w])" + re.escape(form) + r"(?![\w])", text) is not None


def _strip_leading(name: str, registry: Registry) -> str:
    """Drop sentence-opening words ("While the Committee") and a leading possessive ("Harrow’s Multi ...")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(",") in lexicon.LEADING_NOISE:
        words.pop(0)
    if len(words) > 1 and re.search(r"[’']s$", words[0]) and registry.resolve(words[0][:-2]) \
            and not registry.resolve(" ".join(words)):
        words.pop(0)
    if len(words) > 2 and re.fullmatch(r"[A-Z]{2,}", words[0]) and registry.resolve(" ".join(words[1:])):
        words.pop(0)  # "MPA Metropolitan Police Authority" on a glossary line
    return " ".join(words)


def _headed_parts(name: str, registry: Registry) -> list[str]:
    """Split "UK Border Force and National Crime Agency" into its two names; keep "Police and Crime Committee"."""
    if registry.resolve(name):
        return [name]
    if ", " in name:
        # "Chair, Camden Safeguarding Children Board" or "However, the Government": keep the parts that name something.
        parts = [_strip_leading(p, registry) for p in name.split(", ")]
        return [q for p in parts for q in _headed_parts(p, registry)
                if registry.resolve(q) or (head_kind(q) and len(q.split()) >= 2)]
    m = re.match(r"^(.+?)(?:,\s+|\s+and\s+(?:the\s+)?|\s+&\s+)(.+)$", name)
    if not m:
        return [name]
    left, right = m.group(1), m.group(2)
    known = registry.resolve(left)
    left_is_name = (known and known.kind != "sector") or (head_kind(left) and len(left.split()) >= 2)
    right_is_name = registry.resolve(right) or (head_kind(right) and len(right.split()) >= 2)
    if left_is_name and right_is_name:
        return [left, *_headed_parts(right, registry)]
    if known and known.kind != "sector":
        return [left]  # "the Mayor and Commissioner": a known name and a bare title
    return [name]  # "Mayoral Strategy on Violence Against Women and Girls" is one name


def _is_personal(name: str) -> bool:
    """A list entry that names a person by title ("Dr Peter Green"), not an organisation."""
    return bool(re.match(r"^(?:Dr|Professor|Prof|Mr|Mrs|Ms|Sir|Dame|Lord|Baroness)\s", name)) and looks_like_person(name)


def _reader_texts(report: Report) -> list[str]:
    """Passage texts, without the glossary's own lines (they hold every acronym beside its expansion)."""
    spans = [(g.start, g.end) for g in report.glossary]
    return [p.text for p in report.passages if not any(p.start <= a < p.end for a, _ in spans)]


def extract_entities(report: Report, registry: Registry) -> None:
    """Add every entity the report names to the registry."""
    rid = report.id
    texts = _reader_texts(report)
    notes = [n.text for n in report.notes if n.text]
    whole = "\n".join(texts + notes + [p.text for p in report.passages])

    for kind, name, aliases in lexicon.KNOWN_NAMES:
        used = [f for f in [name, *aliases] if not f.startswith("the ") and _present(whole, f)]
        if used:
            registry.add(kind, name, aliases, origin="reference", report=rid)
    for place in lexicon.PLACES:
        if _present(whole, place):
            registry.add("place", place, lexicon.PLACE_ALIASES.get(place, []), origin="gazetteer", report=rid)
    for name, forms in lexicon.SECTORS:
        registry.add("sector", name, forms, origin="reference", report=rid, mentionable=False)

    for g in report.glossary:
        kind = head_kind(g.expansion) or "topic"
        registry.add(kind, g.expansion, [], acronym=g.acronym, origin="glossary", report=rid)

    found = _report_definitions(texts, notes)
    # Capitalised definitions first, so "Child Abuse Investigation Command (SCO5)" names the entity, not "its ... (SC05)".
    for name, short in sorted(found, key=lambda d: d[0][:1].islower()):
        kind = head_kind(name) or ("unit" if re.match(r"SCO\d", short) else "topic")
        acronym = short if _ACRONYM.match(short) else None
        registry.add(kind, name, [] if acronym else [short], acronym=acronym, origin="definition", report=rid)

    for person in report.people:
        if looks_like_person(person.name):
            _add_person(person, registry, rid)

    for org in report.organisations:
        name = _strip_leading(clean_name(org.name), registry)
        long = len(name.split()) > 8 and "witness organisation" not in org.roles  # a witness list's names are names
        if not fold(name) or long or re.search(r"\b(should|recommend|must)\b", name):
            continue  # a recommendation that ingest listed as a site visit
        bare = re.sub(r"\s*\(.*$", "", name)
        head, _, rest = bare.partition(", ")
        if rest and (registry.resolve(rest) or head_kind(head)):
            # "Operation Limelight, Heathrow" or "Brunel University, London": the place is not part of the name.
            name = bare = head
        if _is_personal(bare):
            registry.add("person", bare, origin="evidence list", report=rid)
        else:
            registry.add(head_kind(name) or "organisation", name, origin="evidence list", report=rid)

    headings = {fold(s.title) for s in report.sections if s.title}
    for note in report.notes:
        for src in note.sources:
            if src.kind == "written evidence" and src.organisation and fold(clean_name(src.organisation)):
                name = clean_name(src.organisation)
                kind = "person" if _is_personal(name) else head_kind(name) or "organisation"
                registry.add(kind, name, origin="note source", report=rid)
            title = cited_title(src.title)
            # A cited title that is also one of the report's own headings ("Information sharing") stays a topic.
            if title and fold(title) not in headings:
                # "Lord Laming (2009) The Protection of Children in England: …": a publication, and its author
                registry.add("publication", title, origin="note source", report=rid)
                peer = re.match(r"^(?:Lord|Lady|Baroness)\s+([A-Z][\w’'-]+)$", src.person_name or "")
                if peer:
                    registry.add("person", src.person_name, [peer.group(1)], origin="note source", report=rid)

    for rec in report.recommendations:
        for name in rec.addressee_names:
            if fold(name):
                registry.add(head_kind(name) or "organisation", name, origin="addressee", report=rid)

    headed: list[str] = []
    for text in texts:
        for m in _OPERATION.finditer(text):
            registry.add("operation" if m.group(1) == "Operation" else "project", m.group(0), origin="text", report=rid)
        headed += [m.group(0).strip() for m in _HEADED_NAME.finditer(text)]
        for m in re.finditer(r"\bthe ((?:[a-z]+ ){1,2}command)\b", text):
            if not registry.resolve(m.group(1)) and not re.search(r"\b(its|their|this|that)\b", m.group(1)):
                registry.add("unit", m.group(1).capitalize(), [m.group(1)], origin="text", report=rid)

    for text in texts + notes:  # quoted titles: “Working Together to Safeguard Children”
        for m in _QUOTED_TITLE.finditer(text):
            registry.add(head_kind(m.group(1)) or "publication", m.group(1), origin="text", report=rid)

    # Longest first, so that "London Safeguarding Children Board" is known before "the London Board"; names of one
    # length in the alphabet's order, not the set's, which moves with the hash seed and so made builds differ.
    for raw in sorted(set(headed), key=lambda name: (-len(name), name)):
        for part in _headed_parts(_strip_leading(raw, registry), registry):
            part = _strip_leading(part, registry)
            kind = head_kind(part)
            if registry.resolve(part):
                registry.resolve(part).reports.add(rid)
            elif kind and len(part.split()) >= 2 and part.split()[0].lower() not in lexicon.ROLE_WORDS \
                    and not _GENERIC_TITLE.match(part):
                longer = [e for e in registry if e.kind in ("unit", "organisation") and len(e.pref.split()) > 2
                          and fold(e.pref).split()[0] == fold(part).split()[0]
                          and fold(e.pref).split()[-1] == fold(part).split()[-1]]
                if len(part.split()) == 2 and len(longer) == 1:
                    registry.alias(longer[0], part)  # "the London Board" is the London Safeguarding Children Board
                else:
                    registry.add(kind, part, origin="text", report=rid)

    for title in _topic_titles(report):
        ent = registry.resolve(title)
        if ent is None:
            registry.add("topic", title, [title.lower()], origin="heading", report=rid)
        else:
            ent.reports.add(rid)

    for s in report.statements:
        name = clean_name(s.speaker_name)
        if s.speaker_kind != "group" and fold(name) and not registry.resolve(name) and looks_like_person(name):
            registry.add("person", name, origin="statement", report=rid)

    _merge_short_publications(registry)
    _merge_misspellings(registry, whole, rid)
    _definite_heads(registry, whole)
    _publisher(report, registry)


# The House, legislature or assembly a committee's name is published under ("House of Commons Transport Committee",
# "Welsh Parliament Children, Young People and Education Committee"): the committee is named without it.
HOUSE = re.compile(rf"^(?:{'|'.join(sorted((*LEGISLATURES, 'London Assembly'), key=len, reverse=True))})\s+(?=\S)")


def _publisher(report: Report, registry: Registry) -> Entity | None:
    """The body that published the report, as an organisation: an inquiry's name stands on its title page and in
    its notes, where the text pass may have taken it for a publication; a committee's is named without its House."""
    if not report.publisher or not fold(clean_name(report.publisher)):
        return None
    short = HOUSE.sub("", clean_name(report.publisher))
    kind = "unit" if head_kind(short) == "unit" else "organisation"
    body = registry.add(kind, short, [report.publisher] if short != report.publisher else [], origin="publisher",
                        report=report.id)
    # "Horizon IT Inquiry" for the Post Office Horizon IT Inquiry: the tail of its name, ending in its head word,
    # that the text pass took for a publication, names the body too.
    head = body.pref.split()[-1]
    for e in list(registry):
        if e is not body and e.kind == "publication" and e.key in registry.entities and any(
                len(f.split()) >= 2 and f.split()[-1] == head and fold(body.pref).endswith(" " + fold(f))
                for f in e.forms()):
            registry.merge(e, body)
    # A House's "Science and Technology Select Committee" (its title page) is the "Science and Technology
    # Committee" of its member list, named as the list names it.
    unselected = re.sub(r"\bSelect\s+(?=Committee\b)", "", short)
    same = registry.resolve(unselected) if unselected != short else None
    if same is not None and same is not body and same.kind in ("organisation", "unit"):
        registry.merge(body, same)
        return same
    if unselected != short and same is None:
        registry.alias(body, unselected)
    return body


def _add_person(person, registry: Registry, rid: str) -> Entity:
    """A person from the people lists, with aliases, rank, role and affiliation."""
    aliases = [re.sub(r"\s+", " ", a) for a in person.aliases]
    ent = registry.add("person", person.name, aliases, origin="people list", report=rid)
    ent.title = ent.title or person.title
    knighted = [t for t in titles_of(ent.title) if t in ("Sir", "Dame")]
    if knighted and ent.label == ent.pref:
        # A knight or dame is named with the title ("Sir Wyn Williams"), as a peer is: readers know them so, and by
        # every title printed before it ("Professor Sir Stephen Powis").
        registry.alias(ent, f"{knighted[0]} {ent.pref}")
        registry.alias(ent, f"{ent.title} {ent.pref}")
        ent.label = f"{ent.title} {ent.pref}"
    role = person.role
    unit = registry.resolve(role) if role else None
    if unit and unit.kind in ("unit", "organisation"):
        # "Detective Chief Superintendent Keith Niven, SOECA, Metropolitan Police Service": SOECA is where he works.
        ent.affiliation = ent.affiliation or unit.key
        role = person.title
    if person.organisation and fold(clean_name(person.organisation)):
        org_name = clean_name(person.organisation)
        org = registry.resolve(org_name) or registry.add(head_kind(org_name) or "organisation", org_name,
                                                         origin="people list", report=rid)
        org.reports.add(rid)
        ent.affiliation = ent.affiliation or org.key
    ent.role = ent.role or role
    ent.party = ent.party or person.party
    for a in person.appearances:  # the bodies the member lists name ("Science and Technology Sub-Committee I")
        if a.meeting == MEMBER_LIST and a.organisation and fold(clean_name(a.organisation)):
            body = registry.resolve(a.organisation) or registry.add(head_kind(a.organisation) or "organisation",
                                                                    a.organisation, origin="people list", report=rid)
            body.reports.add(rid)
    return ent


def _merge_short_publications(registry: Registry) -> None:
    """Fold "London CSE Protocol" into "London Child Sexual Exploitation Protocol", "Munro Review" into a longer title."""
    expand = {fold(e.acronym): fold(e.pref) for e in registry if e.acronym}

    def spelled(e: Entity) -> str:
        """The folded name with acronyms spelled out."""
        return " ".join(expand.get(w, w) for w in fold(e.pref).split())

    # First the same title spelled two ways, then a short title inside exactly one longer one.
    for same in (True, False):
        pubs = sorted((e for e in registry if e.kind == "publication"), key=lambda e: len(spelled(e)))
        for short in pubs:
            sw = spelled(short)
            longer = [e for e in pubs if e is not short and e.key in registry.entities and short.key in registry.entities
                      and (spelled(e) == sw if same else
                           (spelled(e).startswith(sw + " ") or spelled(e).endswith(" " + sw)))]
            if len(longer) == 1:
                registry.merge(short, longer[0])


# "the Committee's Twelfth Report", "Draft Report", "Fourth Report of Session 2016", "the US Act": a
# report's list of its committee's reports and its formal minutes name no particular publication.
_GENERIC_TITLE = re.compile(
    rf"^(?:(?:the\s+)?Committee[’']s\s+)?(?:{ORDINAL_WORD}|Draft|Special|Final|Interim)\s+Report(?:\s+of\s+(?:the\s+Committee|Session(?:\s+[\d–-]+)?))?$"
    r"|^[A-Z]{1,3}\s+Act$|^Annual\s+Report(?:\s+and\s+Accounts)?$", re.I)


def _misspelt_word(a: str, b: str) -> bool:
    """Two spellings of one word: two letters swapped ("Conversation" for "Conservation"), an adjective for
    its noun ("Environment" for "Environmental") or a plural ("Cosmetic" for "Cosmetics"). Other anagrams
    ("Secure", "Rescue") differ."""
    if len(a) < 6 or len(b) < 6:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    swapped = len(a) == len(b) and len(differ) == 2 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]
    return swapped or a + "al" == b or b + "al" == a or a + "s" == b or b + "s" == a


def _merge_misspellings(registry: Registry, text: str, rid: str) -> None:
    """Fold "Marine Conversation Society" into "Marine Conservation Society": names of one kind that differ
    in one word, spelt two ways. A name an earlier report used stays; else the form this report's text
    uses more often names the entity."""
    by_shape: dict[tuple, list[Entity]] = {}
    for e in registry:
        if e.kind != "person" and len(e.pref.split()) >= 2:
            by_shape.setdefault((e.kind, len(e.pref.split())), []).append(e)
    for group in by_shape.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.key not in registry.entities or b.key not in registry.entities:
                    continue
                pairs = [(x, y) for x, y in zip(fold(a.pref).split(), fold(b.pref).split()) if x != y]
                if len(pairs) == 1 and _misspelt_word(*pairs[0]):
                    keep, drop = sorted((a, b), key=lambda e: (not (e.reports - {rid}), -text.count(e.pref)))
                    registry.merge(drop, keep)


def _definite_heads(registry: Registry, text: str) -> None:
    """Let "the hub" name MASH and "the London Board" the London Safeguarding Children Board, where the
    report uses that form and only one entity could be meant."""
    low = text.lower().translate(_APOS)
    by_head: dict[str, list[Entity]] = {}
    for e in registry:
        if e.kind in ("unit", "organisation") and len(e.pref.split()) >= 2:
            by_head.setdefault(e.pref.split()[-1].lower().rstrip("s"), []).append(e)
    for head, ents in by_head.items():
        candidates = [(e, f"the {head}") for e in ents if len(ents) == 1 and head in lexicon.UNIT_HEADS]
        firsts = [e.pref.split()[0] for e in ents]
        candidates += [(e, f"the {e.pref.split()[0]} {e.pref.split()[-1]}") for e in ents
                       if len(e.pref.split()) > 2 and firsts.count(e.pref.split()[0]) == 1]
        for e, form in candidates:
            wanted = form.lower().translate(_APOS)
            if wanted in low and re.search(r"(?<![\w-])" + re.escape(wanted) + r"(?![\w-])", low):
                registry.alias(e, form)


def build_registry(reports: list[Report]) -> Registry:
    """One registry for a corpus: entities shared by several reports are one node."""
    registry = Registry()
    for report in reports:
        extract_entities(report, registry)
    _short_person_names(registry, reports)
    _own_short_names(registry, reports)
    _own_bodies(registry, reports)
    return registry


# How a report speaks of itself as a body: "the Committee", "this Inquiry", "our working group".
_SELF_OPENER = re.compile(r"^(?:the|this|our)\s+", re.I)
_DESIGNATOR = re.compile(r"^(?:[IVX]+|[A-Z]|\d+)$")  # "Sub-Committee I", "Panel B", "Group 2" name one of several
_SELF_HEADS = lexicon.ORG_HEADS | lexicon.UNIT_HEADS | {h.lower() for h in BODY_HEADS}


def self_key(name: str) -> str:
    """The key a report's name for itself is kept under: "this Inquiry", "our Inquiry" and "the inquiry" share one."""
    return fold(_SELF_OPENER.sub("", clean_name(name)))


def self_names(name: str) -> list[str]:
    """The nouns a body's own report may call it by: its head noun, alone and with the word before it
    ("Committee" and "Audit Committee" of "Environmental Audit Committee"; "Sub-Committee" of "Science and
    Technology Sub-Committee I"; "Committee" of "Select Committee on Risk"; "Working Group"). Empty when the
    head is no noun for a body ("Behaviour Change")."""
    words = clean_name(name).split()
    # the head stands before the first "of", "on", "for" or "into": "Select Committee on Risk"
    cut = next((i for i, w in enumerate(words) if i and w.lower() in ("of", "on", "for", "into")), len(words))
    words = words[:cut]
    while len(words) > 1 and _DESIGNATOR.match(words[-1]):
        words.pop()
    # "Sub-Committee" is a committee, "Task-Force" a force
    if len(words) < 2 or words[-1].split("-")[-1].lower() not in _SELF_HEADS:
        return []
    return [words[-1], " ".join(words[-2:])]


def _own_bodies(registry: Registry, reports: list[Report]) -> None:
    """Record what each report calls its own bodies: the body that publishes it and the bodies its member lists
    name ("The Members of the Sub-Committee which carried out this inquiry (Science and Technology Sub-Committee I)
    are:"), each by the nouns of its name (self_names) that the report writes after "the", "this" or "our". A noun
    two of a report's bodies could take goes to the publisher, or else to neither."""
    for r in reports:
        text = "\n".join(p.text for p in r.passages)
        publisher = registry.resolve(HOUSE.sub("", clean_name(r.publisher))) if r.publisher else None
        listed = [registry.resolve(a.organisation) for person in r.people for a in person.appearances
                  if a.meeting == MEMBER_LIST and a.organisation]
        bodies = list({b.key: b for b in [publisher, *listed]
                       if b is not None and b.kind in ("organisation", "unit")}.values())
        claims: dict[str, dict[str, str]] = {}  # folded self-name -> {body key: the report's words}
        names: dict[str, set[str]] = {}  # folded self-name -> the keys of the bodies it may name
        for body in bodies:
            for noun in self_names(body.pref):
                names.setdefault(fold(noun), set()).add(body.key)
                m = re.search(rf"\b(?:the|this|our)\s+({re.escape(noun)})(?![\w-])", text, re.I)
                if m:
                    claims.setdefault(fold(noun), {}).setdefault(body.key, f"the {m.group(1)}")
        own = {}
        for key, held in claims.items():
            if len(held) == 1 or (publisher is not None and publisher.key in held):
                body = next(iter(held)) if len(held) == 1 else publisher.key
                own[key] = (held[body], body)
        if own:
            registry.own[r.id] = own
        # the same rule for the names the report may never write: one body, or the publisher of several
        unwritten = {noun: next(iter(keys)) if len(keys) == 1 else publisher.key for noun, keys in names.items()
                     if len(keys) == 1 or (publisher is not None and publisher.key in keys)}
        if unwritten:
            registry.own_names[r.id] = unwritten


def _own_short_names(registry: Registry, reports: list[Report]) -> None:
    """Let "the Inquiry" name the inquiry (review, commission) whose own report calls itself so, where no other
    report of the corpus writes the bare word outside a longer name: then the short name can mean only it."""
    bodies = {}
    for r in reports:
        body = registry.resolve(HOUSE.sub("", r.publisher)) if r.publisher else None
        head = next((w for w in (body.pref.split() if body else []) if w in BODY_HEADS), None)
        if head and body.kind in AGENCY_KINDS:
            bodies[r.id] = (body, head)
    if not bodies:
        return
    texts = {r.id: "\n".join(p.text for p in r.passages) for r in reports}
    names = Matcher(registry)

    def bare(text: str, word: str) -> bool:
        """Whether text writes word on its own, not as the end of a longer name the registry knows."""
        spans = [(m.start, m.end) for m in names.find(text)] if word in text else []
        return any(not any(a <= m.start() < b for a, b in spans)
                   for m in re.finditer(rf"(?<![\w-]){word}(?![\w-])", text))

    for rid, (body, head) in bodies.items():
        if not re.search(rf"\b(?:[Tt]he|[Tt]his)\s+{head}\b", texts[rid]):
            continue
        if any(bare(text, head) for other, text in texts.items() if other != rid):
            continue
        registry.alias(body, head)


_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Professor")


def _short_person_names(registry: Registry, reports: list[Report]) -> None:
    """Let a surname alone ("Rowley"), a rank and surname ("Assistant Commissioner Rowley") and an office
    ("the Assistant Commissioner", "the Deputy Children’s Commissioner") name a person, where only one person
    of the corpus has that surname or holds that office, and only reports that person appears in use it."""
    people = [e for e in registry if e.kind == "person"]
    texts = {r.id: "\n".join(p.text for p in r.passages) for r in reports}
    # A surname that is also an ordinary word ("Green", "Ward") is no name on its own.
    words = {w for text in texts.values() for w in re.findall(r"(?<![\w’'-])[a-z]+(?![\w-])", text)}

    def only_in(form: str, person: Entity) -> bool:
        """Whether every report that uses form is one the person appears in."""
        return all(rid in person.reports for rid, text in texts.items() if form in text and _present(text, form))

    def unique(values: dict[str, set[str]]) -> dict[str, set[str]]:
        """Each person's values that no other person has."""
        held: dict[str, int] = {}
        for vs in values.values():
            for v in vs:
                held[v] = held.get(v, 0) + 1
        return {k: {v for v in vs if held[v] == 1} for k, vs in values.items()}

    # A peer's territorial designation is no surname: "Oxford" of Lord May of Oxford names a city.
    surnames = unique({e.key: {surname(e.pref)} for e in people if len(e.pref.split()) >= 2
                       and not (_PEERAGE.match(e.pref) and " of " in e.pref)})
    # An office is a bare title ("Deputy Children’s Commissioner"), not a role that names a body ("Chair of the
    # London Safeguarding Children Board"): that one must stay a mention of the board.
    names = Matcher(registry)
    # A person's styles ("Rt Hon", "Professor Sir") are no office: only a rank or a role is.
    offices = unique({e.key: {o for x in (e.title, e.role) if x and 2 <= len((o := clean_name(x)).split()) <= 5
                              and "," not in o and not names.find(o)
                              and not (titles_of(o) and set(titles_of(o)) <= set(HONORIFICS))} for e in people})
    for e in people:
        forms = sorted(offices.get(e.key, ()))
        for last in sorted(surnames.get(e.key, ())):
            if len(last) > 3 and last.split()[-1][0].isupper() and last.lower() not in words:
                # "Sir Williams" is no form of Sir Wyn Williams: a knight's or dame's title goes with the first name
                rank = " ".join(t for t in titles_of(e.title) if t not in ("Sir", "Dame"))  # "Professor" of "Professor Sir"
                forms += [last] + ([f"{rank} {last}"] if rank else [])
                # "Mr Creswell" for Carl Creswell, where a report he appears in writes it
                forms += [f for h in _HONORIFICS if (f := f"{h} {last}") != f"{rank} {last}"
                          and any(_present(texts[rid], f) for rid in e.reports if rid in texts)]
        for form in forms:
            if only_in(form, e) and registry.resolve(form) is None:
                registry.alias(e, form)


# --- mentions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    """An entity named in a text, by character span."""

    key: str
    start: int
    end: int
    form: str


class Matcher:
    """Finds entity mentions in text: proper names case-sensitively, topics and lower-case forms case-blind.

    With any_case (for questions, which people type as they like) names of two words or more and acronyms
    of three capitals or more are also found in any case ("multi-agency safeguarding hub", "mash"), except
    an acronym that is an ordinary word of the corpus (lower_words: the words its texts use in lower case,
    so "who" never names WHO)."""

    def __init__(self, registry: Registry, any_case: bool = False, lower_words: Iterable[str] = ()) -> None:
        self.registry = registry
        exact: dict[str, str] = {}
        blind: dict[str, str] = {}
        lower_words = set(lower_words)
        for e in registry:
            if not e.mentionable:
                continue
            for form in sorted(e.forms()):
                if len(form) < 2 or form.lower() in {"the", "met"} and form != "Met":
                    continue
                # A topic's acronym keeps its case: "IT" (Income Tax) is no "it".
                if (e.kind == "topic" and not _ACRONYM.match(form)) or form[0].islower() or form.startswith("the "):
                    blind.setdefault(form.lower().translate(_APOS), e.key)
                else:
                    exact.setdefault(form, e.key)
                    if "’" in form:
                        exact.setdefault(form.replace("’", "'"), e.key)
        if any_case:
            for form, key in list(exact.items()):
                low = form.lower().translate(_APOS)
                if " " in form.strip() or (len(form) >= 3 and form.isupper() and low not in lower_words):
                    blind.setdefault(low, key)
        self._exact = exact
        self._blind = blind
        self._rx_exact = self._compile(exact, 0)
        self._rx_blind = self._compile(blind, re.I)

    @staticmethod
    def _compile(forms: dict[str, str], flags: int):
        if not forms:
            return None
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # A plural or possessive names the same thing: "CAITs", "hubs", "the Met’s", "Boards’", "businesses".
        return re.compile(r"(?<![\w’'-])(?:" + alts + r")(?:s|es|’s|'s|s’)?(?![\w-])", flags)

    def _key(self, form: str, table: dict[str, str], blind: bool) -> str | None:
        probe = form.lower().translate(_APOS) if blind else form
        for cand in (probe, re.sub(r"(’s|'s|s’|s)$", "", probe), re.sub(r"es$", "", probe)):
            if cand in table:
                return table[cand]
        return None

    def find(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in text, longest first, in order of position."""
        found: list[Mention] = []
        for rx, table, blind in ((self._rx_exact, self._exact, False), (self._rx_blind, self._blind, True)):
            if rx is None:
                continue
            for m in rx.finditer(text):
                key = self._key(m.group(0), table, blind)
                if key:
                    found.append(Mention(key, m.start(), m.end(), m.group(0)))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out

    def entities(self, text: str) -> list[Entity]:
        """The entities text names, each once, in order of first mention."""
        keys = dict.fromkeys(m.key for m in self.find(text))
        return [self.registry.get(k) for k in keys if k in self.registry.entities]
