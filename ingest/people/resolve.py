"""One person across the forms of name the lists and the text use: entries merged, mentions found, the
canonical spelling chosen; and the witnesses an inquiry's evidence references name."""
from __future__ import annotations

import re
from collections import Counter

from ..model import Appearance, Person
from .names import (RANKS, _ABBREV_TO_RANK, _NAME_WORD, SurnameIndex, abbreviated, person_id, similar_names,
                    split_title, titles_of)


class NameIndex:
    """Names in the order added, each found again by similar_names without comparing it with every other: two
    names it calls one person are equal, or have surnames (the text after the first space) that SurnameIndex
    finds for each other, so only those are compared. Comparing every name with every other, and then every
    name with those of a surname of its initial and a like length, made lists of thousands of witnesses grow as
    the square of their length."""

    def __init__(self):
        self._exact: dict[str, tuple[int, object]] = {}
        self._by_surname: dict[str, list[tuple[int, str, object]]] = {}
        self._surnames = SurnameIndex()
        self._count = 0

    def add(self, name: str, value) -> None:
        """Index value under name."""
        self._exact.setdefault(name, (self._count, value))
        surname = name.partition(" ")[2]
        if surname:
            self._by_surname.setdefault(surname, []).append((self._count, name, value))
            self._surnames.add(surname)
        self._count += 1

    def first(self, name: str):
        """The value of the first name added that similar_names(that name, name) holds for, or None."""
        best = self._exact.get(name)
        surname = name.partition(" ")[2]
        near = self._surnames.near(surname) if surname else ()
        for at, other, value in sorted(e for s in near for e in self._by_surname[s]):  # in the order added
            if best is not None and at >= best[0]:
                break
            if similar_names(other, name):
                best = (at, value)
                break
        return best[1] if best else None


def _resolve(rid: str, found: list[Person], source: str, report) -> list[Person]:
    """Merge entries for one person and collect every name form the text uses for them."""
    merged: list[Person] = []
    index = NameIndex()
    for p in found:
        same = index.first(p.name)
        if same is None:
            merged.append(p)
            index.add(p.name, p)
            continue
        same.aliases.append(p.name)
        same.title = same.title or p.title
        same.role = same.role or p.role
        same.organisation = same.organisation or p.organisation
        same.party = same.party or p.party
        same.chair = same.chair or p.chair
        if same.chair and same.role == "Member":  # listed twice, once as the chair
            same.role = "Chair"
        same.groups += [g for g in p.groups if g not in same.groups]
        same.appearances += p.appearances
    runs = _Runs(_name_runs(source) if merged else [])  # scanned once for everyone, and not at all for no one
    for p in merged:
        forms = Counter()
        variants = {p.name, *p.aliases}
        for form in _mentions(runs, p, variants):
            forms[form] += 1
        spellings = Counter()
        for form, n in forms.items():
            # a justified line's wide spaces ("David  Halpern", as pdfminer.six writes them) spell no other name
            bare = " ".join(split_title(form)[1].split())
            if " " in bare:
                spellings[bare] += n
        for v in variants:
            spellings[v] += 1  # the lists count once
        canonical = max(spellings, key=lambda s: (spellings[s], s == p.name))
        names = {p.name, *p.aliases, *forms}
        if p.title:
            names.add(f"{p.title} {canonical}")
            abbr = abbreviated(p.title)
            if abbr:
                names.add(f"{abbr} {canonical}")
        names = {re.sub(r"\s+", " ", n).strip() for n in names}
        # "Commissioner Mark Rowley" is only the tail of "Assistant Commissioner Mark Rowley".
        names = {n for n in names if not any(o != n and o.endswith(" " + n) and split_title(n)[0] for o in names)}
        p.name = canonical
        p.aliases = sorted(n for n in names if n != canonical)
        p.id = person_id(rid, canonical)
    return merged


def _name_runs(source: str) -> list[tuple[str, str, str | None]]:
    """Every capitalised word, or pair of them, with any rank before it: (whole match, first, second)."""
    abbrevs = list(_ABBREV_TO_RANK) + list(RANKS)
    title_alt = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    # a run starts with a capital or a rank's first letter: tested first, so the ranks are not tried at every
    # character of the report
    starts = "".join(sorted({a[0] for a in abbrevs} | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
    pattern = re.compile(rf"(?=[{re.escape(starts)}])(?:\b(?:{title_alt})\s+)?\b({_NAME_WORD})(?:\s+({_NAME_WORD}))?")
    return [(m.group(0), m.group(1), m.group(2)) for m in pattern.finditer(source)]


class _Runs:
    """The text's runs (_name_runs) as _mentions looks them up: a pair by its second word, a single word by itself,
    and the pairs' second words in a SurnameIndex; so each person reads only the pairs whose second word may be
    their surname misspelt, not every pair of a like second word (which made the time grow as the people times
    the text: quadratic in a list's length)."""

    def __init__(self, runs: list[tuple[str, str, str | None]]) -> None:
        self.runs = runs
        self.pairs: dict[str, list[int]] = {}
        self.singles: dict[str, list[int]] = {}
        for i, (_, first, second) in enumerate(runs):
            if second:
                self.pairs.setdefault(second, []).append(i)
            else:
                self.singles.setdefault(first, []).append(i)
        self.seconds = SurnameIndex()
        for second in self.pairs:
            self.seconds.add(second)


def _mentions(runs: _Runs, person: Person, variants: set[str]) -> list[str]:
    """Every form in the text that names this person: full names, misspellings, rank plus surname."""
    out = []
    surnames = {v.split()[-1] for v in variants}
    # pairs whose second word may be a surname of theirs misspelt (as similar_names reads a name: the text after
    # the first space), keeping its initial and its length within two; a surname alone is itself
    seconds = {s for v in variants if (rest := v.partition(" ")[2]) for s in runs.seconds.near(rest)
               if any(s[:1] == sn[:1] and abs(len(s) - len(sn)) <= 2 for sn in surnames)}
    at = [i for s in seconds for i in runs.pairs[s]]
    at += [i for sn in surnames for i in runs.singles.get(sn, ())] if person.title else []
    same: dict[str, bool] = {}  # a pair of words -> whether it names the person (a text repeats its names)
    for whole, first, second in (runs.runs[i] for i in sorted(at)):
        if second:
            pair = f"{first} {second}"
            if pair not in same:
                same[pair] = any(similar_names(pair, v) for v in variants)
            if same[pair]:
                out.append(whole if whole.split()[0] != first else f"{first} {second}")
        elif person.title and first in surnames and whole != first:
            # "AC Rowley": a rank (or its abbreviation) before the surname alone
            title = whole[: whole.rfind(first)].strip()
            if title and _ABBREV_TO_RANK.get(title, title) in titles_of(person.title):
                out.append(whole[: whole.rfind(first) + len(first)])
    return out


def add_cited_witnesses(report) -> None:
    """People an inquiry's evidence references name ("Transcript, 04/11/2024, Simon Recaldin [INQ…]",
    "Carl Creswell 1st [WITN…]", "Alan Bates, Day 2, p. 34"): witnesses the report lists nowhere else, with the days they gave evidence.
    Each such source then points at its person."""
    index = None  # the people by name, made when a source first needs it
    for note in report.notes:
        for src in note.sources:
            if src.person or not src.person_name or not (src.code or src.transcripts) \
                    or src.kind not in ("transcript", "written evidence"):
                continue
            title, name = split_title(src.person_name)
            honours = re.search(r"(\s+(MP|KC|QC|MSP|AM|KCB|CB|CBE|OBE|MBE|DBE|KBE|FRS))+$", name)
            name = name[:honours.start()] if honours else name
            if index is None:
                index = NameIndex()
                for p in report.people:
                    index.add(p.name, p)
            person = index.first(name)  # the first listed person of this name, or one misspelt
            if person is None:
                person = Person(person_id(report.id, name), name, [], title=title, groups=["witness"],
                                start=note.start, end=note.end, page=note.page)
                report.people.append(person)
                index.add(name, person)
            if src.person_name != person.name and src.person_name not in person.aliases:
                person.aliases.append(src.person_name)
            if "witness" not in person.groups:
                person.groups.append("witness")
            src.person = person.id
            if src.kind == "transcript" and src.date and src.date not in {a.date for a in person.appearances}:
                person.appearances.append(Appearance(src.date, None))
    for person in report.people:
        person.appearances.sort(key=lambda a: a.date or "")
