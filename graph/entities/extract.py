"""One report's entities into the registry, from every source in order (see the package's docstring), then
the merges of names a report spells two ways."""
from __future__ import annotations

import re

from ingest.model import Report
from ingest.vocabulary import LEGISLATURES
from ingest.people import MEMBER_LIST, titles_of

from .. import lexicon
from .definitions import _report_definitions
from .names import (_ACRONYM, _APOS, _GENERIC_TITLE, _present, cited_title, clean_name, fold, head_kind,
                    looks_like_person, may_occur, occurs, words_of)
from .registry import Entity, Registry


_HEADED_NAME = re.compile(
    r"\b(?:local\s+)?(?:[A-Z][\w’'&-]*,?\s+(?:(?:of|for|and|the|on|in|against|&)\s+)*){1,7}"
    r"(?P<head>[A-Z][a-z]+)(?:\s+\d{4})?"
    r"(?:\s+(?:on|for|of)(?:\s+(?:[A-Z][\w’'-]*|and|of|the|to))+)?")
_JOINED = re.compile(r"[\w-]")  # what joins a word to the next: "the hub" is no mention in "the hub-and-spoke model"
_OPERATION = re.compile(r"\b(Operation|Project)\s+([A-Z][a-z]+)\b")


_QUOTED_TITLE = re.compile(r"“((?:[A-Z][\w’'-]*\s+)(?:(?:[A-Z][\w’'-]*|to|of|and|the|in|for)\s+){1,8}[A-Z][\w’'-]*)”")


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

    vocabulary = words_of(whole)
    for kind, name, aliases in lexicon.KNOWN_NAMES:
        used = [f for f in [name, *aliases] if not f.startswith("the ") and may_occur(f, vocabulary)
                and _present(whole, f)]
        if used:
            registry.add(kind, name, aliases, origin="reference", report=rid)
    for place in lexicon.PLACES:
        if may_occur(place, vocabulary) and _present(whole, place):
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
                # (only a name of two words may be a longer one's short form: the registry is read for no other)
                longer = [e for e in registry if e.kind in ("unit", "organisation") and len(e.pref.split()) > 2
                          and fold(e.pref).split()[0] == fold(part).split()[0]
                          and fold(e.pref).split()[-1] == fold(part).split()[-1]] if len(part.split()) == 2 else []
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
HOUSE = re.compile(rf"^(?:{'|'.join(sorted(LEGISLATURES, key=len, reverse=True))})\s+(?=\S)")


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
    spelled: dict[str, str] = {}  # entity key -> its folded name with acronyms spelled out (a merge changes no name)

    def spell(e: Entity) -> str:
        """The folded name with acronyms spelled out."""
        if e.key not in spelled:
            spelled[e.key] = " ".join(expand.get(w, w) for w in fold(e.pref).split())
        return spelled[e.key]

    # First the same title spelled two ways, then a short title inside exactly one longer one. Each title is found
    # by its spelling, or by each run of its first or last words, not by comparing every title with every other.
    for same in (True, False):
        pubs = sorted((e for e in registry if e.kind == "publication"), key=lambda e: len(spell(e)))
        holders: dict[str, list[Entity]] = {}
        for e in pubs:
            words = spell(e).split(" ")
            runs = [spell(e)] if same else \
                [" ".join(words[:k]) for k in range(1, len(words))] + [" ".join(words[k:]) for k in range(1, len(words))]
            for run in dict.fromkeys(runs):
                holders.setdefault(run, []).append(e)
        for short in pubs:
            if short.key not in registry.entities:
                continue
            longer = [e for e in holders.get(spell(short), ()) if e is not short and e.key in registry.entities]
            if len(longer) == 1:
                registry.merge(short, longer[0])


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
        for i, j in _one_word_apart([fold(e.pref).split() for e in group]):
            a, b = group[i], group[j]
            if a.key not in registry.entities or b.key not in registry.entities:
                continue
            keep, drop = sorted((a, b), key=lambda e: (not (e.reports - {rid}), -text.count(e.pref)))
            registry.merge(drop, keep)


def _one_word_apart(names: list[list[str]]) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, in that order, of names (each a list of words) whose words, read side by side as
    far as the shorter goes, differ in exactly one place, by a misspelt word. Rather than every pair, only names that
    agree everywhere else (the first m words less the one at p, for m the shorter's length) are compared."""
    lengths = sorted({len(n) for n in names})
    shared: dict[tuple, list[int]] = {}
    for i, words in enumerate(names):
        for m in lengths:
            if m > len(words):
                break
            for p in range(m):
                shared.setdefault((m, p, *words[:p], *words[p + 1:m]), []).append(i)
    found: set[tuple[int, int]] = set()
    for (m, *_), members in shared.items():
        for i in members:
            if len(names[i]) == m:  # one of a pair is as long as the words compared
                found.update((min(i, j), max(i, j)) for j in members if j != i)
    out = []
    for i, j in sorted(found):
        pairs = [(x, y) for x, y in zip(names[i], names[j]) if x != y]
        if len(pairs) == 1 and _misspelt_word(*pairs[0]):
            out.append((i, j))
    return out


def _definite_heads(registry: Registry, text: str) -> None:
    """Let "the hub" name MASH and "the London Board" the London Safeguarding Children Board, where the
    report uses that form and only one entity could be meant."""
    low = text.lower().translate(_APOS)
    vocabulary = words_of(low)
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
            if may_occur(wanted, vocabulary) and occurs(low, wanted, _JOINED):
                registry.alias(e, form)
