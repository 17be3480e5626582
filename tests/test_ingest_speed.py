"""The faster lookups give what the plain scans they replaced gave: each is checked against that scan (kept here
as the oracle) on random input, and the windowed marker reading on whole reports' JSON."""
from __future__ import annotations

import random

import pytest

from ingest import structure
from ingest.model import Person
from ingest.people import similar_names, titles_of
from ingest.people.resolve import _name_runs
from ingest.sources.listed import ListedPeople, person_in
from ingest.statements import _Forms, _subject
from ingest.store import ingest_file, report_to_json
from name_oracles import plain_similar_names

from conftest import HC_TXT, corpus_file

_FIRST = ["Anne", "Ann", "Chris", "Christopher", "Sam", "Samuel", "Jo", "John", "Mark", "Marc", "Helen", "Helena"]
_LAST = ["Milton", "Milten", "Hodges", "Hodge", "Rowley", "Rowly", "Bailey", "Baily", "Ward", "Wardle", "O'Neill",
         "Smith-Jones", "Smith"]
_TITLES = ["", "Dr ", "Mr ", "Ms ", "Professor ", "Sir ", "AC "]


def _name(rnd: random.Random) -> str:
    return " ".join(rnd.choice(_FIRST + _LAST) for _ in range(rnd.randint(1, 3)))


def test_similar_names_agrees_with_the_ratios_computed_outright():
    rnd = random.Random(3)
    letters = "abcdeilmnorstuy "
    pairs = [(_name(rnd), _name(rnd)) for _ in range(3000)]
    # misspellings: a letter or two changed, dropped or added
    for _ in range(3000):
        a = _name(rnd)
        b = list(a)
        for _ in range(rnd.randint(1, 2)):
            b.insert(rnd.randint(0, len(b)), rnd.choice(letters))
        pairs.append((a, "".join(b)))
    assert any(similar_names(a, b) for a, b in pairs) and not all(similar_names(a, b) for a, b in pairs)
    for a, b in pairs:
        assert similar_names(a, b) == plain_similar_names(a, b), (a, b)


def _subject_person_before(head: str, bare: str, forms: list) -> object:
    """The person the old loop gave: the first form in the list's order that ends head or bare as a word."""
    for form, person in forms:
        for h in dict.fromkeys((head, bare)):
            if h.endswith(form) and (len(h) == len(form) or not h[-len(form) - 1].isalnum()):
                return person
    return None


def test_a_speaker_found_by_the_tails_of_the_head_is_the_one_the_forms_loop_found():
    rnd = random.Random(5)
    for _ in range(300):
        people = [Person(f"r/person/{i}", _name(rnd), []) for i in range(rnd.randint(0, 6))]
        for p in people:
            p.aliases = [rnd.choice(_TITLES) + p.name.split()[-1] for _ in range(rnd.randint(0, 2))]
        pairs = sorted(((f, p) for p in people for f in {p.name, *p.aliases}), key=lambda x: -len(x[0]))
        forms = _Forms(pairs)
        for _ in range(20):
            head = rnd.choice(["", "In relation to this, ", "The view of ", "x"]) + rnd.choice(_TITLES) + _name(rnd)
            bare = head + rnd.choice(["", " MP", " QC"])
            assert forms.ending(head, bare) is _subject_person_before(head, bare, pairs), (head, pairs)


def test_a_speaker_with_letters_after_the_name_found_from_a_plain_list():
    """_subject takes the plain (form, person) list a caller may give, as before."""
    milton = Person("r/person/anne-milton", "Anne Milton", aliases=["Ms Anne Milton"])
    forms = [(f, milton) for f in ("Ms Anne Milton", "Anne Milton")]
    assert _subject("Rather, Ms Anne Milton MP", forms, None) == (milton.id, "Anne Milton", "person")
    assert _subject("Rather, JoAnne Milton", forms, None, people_only=True) is None  # "Anne Milton" ends a longer word


def _person_in_before(head: str, title: str | None, bare: str, people: list) -> object:
    """person_in's loop as it was, after the head is read: every form of every person tried."""
    for p in people:
        forms = {p.name, *p.aliases}
        if head in forms or bare in forms or any(similar_names(bare, f) for f in forms if " " in bare):
            return p
        surname = p.name.split()[-1]
        if title and bare == surname and (p.title == title or title in titles_of(p.title)):
            return p
    return None


def test_a_notes_person_looked_up_by_initial_is_the_one_every_form_gave():
    from ingest.people import split_title

    rnd = random.Random(11)
    found = 0
    for _ in range(200):
        people = [Person(f"r/person/{i}", _name(rnd), [], title=rnd.choice([None, "Dr", "Professor"]))
                  for i in range(rnd.randint(0, 8))]
        for p in people:  # other first names, and other names, of the same surname's initial
            p.aliases = [f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}" for _ in range(rnd.randint(0, 3))]
        indexed = ListedPeople(people)
        for _ in range(20):
            known = rnd.choice([f for p in people for f in (p.name, *p.aliases)] or ["x"])
            head = (rnd.choice(_TITLES) + rnd.choice([_name(rnd), known, known[:-1], known + "e"])).strip()
            title, bare = split_title(head)
            want = _person_in_before(head, title, bare, people)
            found += want is not None
            assert person_in(f"{head}, oral evidence", indexed) is want, (head, people)
            assert person_in(f"{head}, oral evidence", people) is want  # a plain list, as other callers give
    assert found > 50


def test_name_runs_are_those_the_pattern_found_from_every_character():
    import re

    from ingest.people.names import _ABBREV_TO_RANK, _NAME_WORD, RANKS

    abbrevs = list(_ABBREV_TO_RANK) + list(RANKS)
    title_alt = "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
    before = re.compile(rf"(?:\b(?:{title_alt})\s+)?\b({_NAME_WORD})(?:\s+({_NAME_WORD}))?")
    rnd = random.Random(2)
    words = ["the", "AC", "Rowley", "Dr", "Anne", "milton", "Lord", "Krebs", "and", "Professor", "Sir", "Mc", "é",
             "Ch", "Supt", "O'Neill", "-", ",", "Baroness", "Det", "1", "Mrs"]
    for _ in range(2000):
        text = "".join(rnd.choice(words) + rnd.choice([" ", "  ", "\n", ""]) for _ in range(rnd.randint(0, 12)))
        want = [(m.group(0), m.group(1), m.group(2)) for m in before.finditer(text)]
        assert _name_runs(text) == want, text


def test_the_marker_window_holds_every_marker_that_can_reach_into_the_span():
    from ingest.markers import Candidate

    rnd = random.Random(9)
    for _ in range(300):
        starts = sorted(rnd.sample(range(200), rnd.randint(0, 30)))
        markers = [Candidate(n, a, a + rnd.randint(1, 4), 1, 2) for n, a in enumerate(starts, 1)]
        index = structure.MarkerIndex(rnd.sample(markers, len(markers)))  # in any order
        lo, hi = sorted(rnd.sample(range(210), 2))
        near = index.within(lo, hi)
        assert [m.start for m in near] == sorted(m.start for m in near)
        assert {m.number for m in markers if m.end >= lo - 1 and m.start < hi} <= {m.number for m in near}


@pytest.mark.parametrize("which", ["bundled", "hc179"])
def test_passages_reading_the_markers_of_their_own_span_give_the_same_report(la_path, which, monkeypatch):
    """Windowing the markers changes no passage, note link or offset: the JSON is the one every marker gave."""
    path = la_path if which == "bundled" else corpus_file(HC_TXT)
    now = report_to_json(ingest_file(path))
    monkeypatch.setattr(structure.MarkerIndex, "within", lambda self, lo, hi: self.markers)
    assert report_to_json(ingest_file(path)) == now
