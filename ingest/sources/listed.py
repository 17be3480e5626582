"""The listed people a note names: looked up by their name forms, with the date of a witness's appearance."""
from __future__ import annotations

import re

from ..model import Person
from ..people import SurnameIndex, similar_names, split_title, titles_of


class ListedPeople(list):
    """The listed people, with their name forms looked up by text, so that a note's person is found without
    reading every person (which grew as the notes times the people)."""

    def __init__(self, people: list[Person]) -> None:
        super().__init__(people)
        self.by_form: dict[str, int] = {}  # a form -> the first person's place in the list
        self.by_surname: dict[str, list[int]] = {}
        self.rests: dict[str, list[tuple[int, str]]] = {}  # a form's text after its first space -> (place, form)
        self.surnames = SurnameIndex()
        for i, p in enumerate(self):
            for form in {p.name, *p.aliases}:
                self.by_form.setdefault(form, i)
                rest = form.partition(" ")[2]
                if rest:
                    self.rests.setdefault(rest, []).append((i, form))
                    self.surnames.add(rest)
            self.by_surname.setdefault((p.name.split() or [""])[-1], []).append(i)

    def first(self, head: str, title: str | None, bare: str) -> Person | None:
        """The first person who is head or bare in one of their forms, or bare misspelt (similar_names), or bare
        as a surname after a title of theirs."""
        found = [self.by_form[t] for t in (head, bare) if t in self.by_form]
        near = self.surnames.near(bare.partition(" ")[2]) if " " in bare else ()
        for i, form in sorted(e for s in near for e in self.rests[s]):  # in the list's order
            if found and i >= min(found):
                break
            if similar_names(bare, form):
                found.append(i)
                break
        for i in self.by_surname.get(bare, ()) if title else ():
            if self[i].title == title or title in titles_of(self[i].title):
                found.append(i)
                break
        return self[min(found)] if found else None


def person_in(text: str, people: list[Person]) -> Person | None:
    """The listed person a note names first, in any of their forms."""
    head = re.split(r",", text, maxsplit=1)[0].strip()
    head = re.sub(r"^Letter from\s+", "", head)
    title, bare = split_title(head)
    return (people if isinstance(people, ListedPeople) else ListedPeople(people)).first(head, title, bare)


def named_person(text: str) -> str | None:
    """A name a note opens with ("Sir Jane Hill, …", "Letter from Jane Hill to …"), when it is not a body's."""
    m = re.match(r"^(?:Letter from\s+)?((?:(?:Sir|Dame|Dr|Professor|Lord|Baroness)\s+)+)?([A-Z][a-z]+(?:\s+[A-Z][a-z\-]+(?:-[A-Z][a-z]+)?){1,2})\b(?=,|\s+to\b|\s+speaking)", text)
    if not m:
        return None
    name = m.group(2)
    if re.search(r"\b(Department|Office|Mayor|Metropolitan|London|Royal|University|Children)\b", name):
        return None
    return name


def witness_named(text: str, people: list[Person]) -> bool:
    """A short note that opens with a listed witness's name, then only their role and organisation."""
    person = person_in(text, people)
    return bool(person and person.appearances and len(text) < 160 and not re.search(r"[.;:]\s", text))


def appearance_date(person: Person, month_day: str | None) -> str | None:
    """The date of the witness's appearance that a year-less date ("13 February") or a lost one points to."""
    dates = sorted({a.date for a in person.appearances if a.date and len(a.date) == 10})
    if month_day:
        dates = [d for d in dates if d.endswith(month_day)]
    # only when it is the one appearance that fits: a guess between two sessions is no date
    return dates[0] if len(dates) == 1 else None
