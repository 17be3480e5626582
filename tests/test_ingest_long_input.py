"""Long lines and long note sequences: the linear joiner keeps its output, and notes past 999 are found."""
from __future__ import annotations

import random
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from ingest import recommendations, structure
from ingest.joiner import join_lines
from ingest.layout import Line
from ingest.parse import parse_report
from ingest.store import ingest_file, report_to_json

from conftest import HC_TXT

_WORD_HYPHEN = re.compile(r"[\w’']-$")


def _reference_join(lines, source, cut=None):
    """The character-at-a-time joiner that join_lines replaced (quadratic, kept here as the oracle)."""
    cut = sorted(cut or [])
    chars, offsets, ci = [], [], 0
    for line in lines:
        if line.blank:
            continue
        if chars:
            if not _WORD_HYPHEN.search("".join(chars[-2:])) and chars[-1] != " ":
                chars.append(" ")
                offsets.append(line.start - 1)
        pos = line.start
        while pos < line.end:
            while ci < len(cut) and cut[ci][1] <= pos:
                ci += 1
            if ci < len(cut) and cut[ci][0] <= pos < cut[ci][1]:
                pos = cut[ci][1]
                continue
            ch = source[pos]
            if ch.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(pos)
            else:
                chars.append(ch)
                offsets.append(pos)
            pos += 1
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    text, out_text, out_offsets = "".join(chars), [], []
    for i, ch in enumerate(text):
        if ch == " " and i + 1 < len(text) and text[i + 1] in ",.;:" and i > 0 \
                and any(offsets[i - 1] < s < offsets[i + 1] for s, _ in cut):
            continue
        out_text.append(ch)
        out_offsets.append(offsets[i])
    return "".join(out_text), out_offsets


@pytest.mark.parametrize("which", ["bundled", "hc179"])
def test_ingest_json_is_unchanged_by_the_linear_joiner(la_path, which, monkeypatch):
    path = la_path if which == "bundled" else HC_TXT
    now = report_to_json(ingest_file(path))

    def reference(lines, source, cut=None):
        from ingest.joiner import Joined

        return Joined(*_reference_join(lines, source, cut))

    monkeypatch.setattr(structure, "join_lines", reference)
    monkeypatch.setattr(recommendations, "join_lines", reference)
    before = report_to_json(ingest_file(path))
    assert now == before  # every passage's text and offsets, every id, byte for byte


def test_joiner_agrees_with_the_reference_on_awkward_input():
    rnd = random.Random(7)
    alphabet = ["a", "b", "-", " ", ".", ",", ";", ":", "\t", "\u00a0", "\u3000", "\u2028", "’", "'", "1", "\n",
                "é", "\U0001F600"]
    for _ in range(3000):
        source = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        points = sorted(rnd.sample(range(len(source) + 1), min(len(source) + 1, rnd.randint(0, 8))))
        lines = [Line(source[a:b].strip(), a, b, 1, blank=rnd.random() < 0.1)
                 for a, b in zip(points[::2], points[1::2])]
        cut = [(a, min(len(source), a + rnd.randint(1, 3))) for a in
               (rnd.randint(0, len(source)) for _ in range(rnd.randint(0, 4)))]
        cut = [(a, b) for a, b in cut if b > a]
        joined = join_lines(lines, source, cut)
        assert (joined.text, joined.offsets) == _reference_join(lines, source, cut), (source, lines, cut)


def test_a_one_line_report_of_a_megabyte_is_parsed_whole():
    sentence = "The committee heard evidence from the police about safeguarding children in 2014. "
    text = sentence * (1_000_000 // len(sentence))
    report = parse_report(text, "one-line.txt")
    joined = " ".join(p.text for p in report.passages)
    assert joined.count("safeguarding children") == text.count("safeguarding children")
    assert all(text[p.start:p.end].startswith(p.text[:40]) for p in report.passages)


def _endnote_report(n: int) -> str:
    body = []
    for i in range(1, n + 1):
        body.append(f"Paragraph {i} states that finding number {i} was reported to the committee{i}.")
        body.append("")
    notes = [f"{i} Written evidence submitted by witness {i}, 1 March 2014" for i in range(1, n + 1)]
    return "\n".join(["Introduction", "", *body, "End Notes", "", *notes]) + "\n"


def test_more_than_999_end_notes(tmp_path):
    report = parse_report(_endnote_report(1200), "many-notes.txt")
    assert [m.number for m in report.markers] == list(range(1, 1201))
    assert [n.number for n in report.notes] == list(range(1, 1201))
    assert all(n.status != "missing" for n in report.notes)
    assert report.notes[998].text == "Written evidence submitted by witness 999, 1 March 2014"
    assert report.notes[999].text == "Written evidence submitted by witness 1000, 1 March 2014"
    assert report.notes[1199].text == "Written evidence submitted by witness 1200, 1 March 2014"
    assert not [w for w in report.warnings if w.code in ("markers-skipped", "notes-missing")]


def _footnote_report(n: int, per_page: int = 3) -> str:
    pages = []
    for first in range(1, n + 1, per_page):
        numbers = range(first, min(n, first + per_page - 1) + 1)
        lines = [f"The committee examined point {i} of the inquiry in some detail here{i}." for i in numbers]
        lines += [f"{i} Oral evidence session {i}, taken before the Committee" for i in numbers]
        pages.append("\n".join(lines))
    return "\f".join(pages) + "\n"


def test_more_than_999_footnotes():
    report = parse_report(_footnote_report(1200), "many-footnotes.txt")
    assert [n.number for n in report.notes] == list(range(1, 1201))
    assert [m.number for m in report.markers] == list(range(1, 1201))
    assert report.notes[1099].text == "Oral evidence session 1100, taken before the Committee"


_ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "no", "st", "vs", "etc", "cf", "prof", "sir", "al", "para",
                  "paras", "p", "pp"}
_BOUNDARY = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9•])|\n+(?=•)")


def _reference_sentences(text):
    """The sentence splitter before it skipped to suspect full stops (it searched every whole sentence)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        head = text[start:m.start()].rstrip("”’\"')]")
        last_word = re.search(r"(\w+(?:\.\w+)*)\.$", head)
        if last_word and last_word.group(1).lower() in _ABBREVIATIONS:
            continue
        if re.search(r"\b[A-Z]\.$", head):
            continue
        spans.append((start, m.start() + (len(m.group(0)) - len(m.group(0).lstrip("”’\"')]")))))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def test_sentence_spans_agree_with_the_reference(la_report, hc_report):
    from ingest.sentences import sentence_spans

    for p in la_report.passages + hc_report.passages:
        assert sentence_spans(p.text) == _reference_sentences(p.text), p.id
    rnd = random.Random(11)
    tokens = ["e.g.", "i.e.", "Dr.", "DR.", "K.", "U.S.", "pp.", "No.", "x.e.g.", "a..e.g.", "word", "x" * 70,
              "a.b.c.d." * 12, "”" * 70, "The", "A", ".", "!", "? ", " ", "\n", "\n•", "“", "”.", ".”", "2", "etc."]
    for _ in range(5000):
        text = "".join(rnd.choice(tokens) + rnd.choice(["", " ", ". ", "\n"]) for _ in range(rnd.randint(0, 30)))
        assert sentence_spans(text) == _reference_sentences(text), text


def test_a_meeting_is_found_after_a_long_run_of_capitalised_words():
    """A note of 200,000 characters of capitalised words before "…, Safeguarding Working Group, 13 February 2014":
    the pattern that let a meeting's name be any run of words before the meeting word was tried again from every
    capital (80,000 characters took 17.6 s a search; this note would take minutes). The meeting is still the
    words back to the comma, and a run with no meeting word names none."""
    from ingest.sources import parse_sources

    run = "Alpha Beta Gamma " * 12_000
    sources = parse_sources(run + ", Safeguarding Working Group, 13 February 2014, transcript", [])
    assert [(s.kind, s.meeting, s.date) for s in sources] == [
        ("transcript", "Safeguarding Working Group", "2014-02-13")]
    assert [s.meeting for s in parse_sources(run + "Working Group, 13 February 2014, transcript", [])] == [
        run + "Working Group"]  # no comma before it: the name runs from the first capital, as the pattern had it
    assert [s.meeting for s in parse_sources(run + ", transcript of 13 February 2014", [])] == [None]


def test_meeting_names_agree_with_the_pattern_they_replaced():
    """The meeting found from its end is the one the regular expression found, on 100,000 random short notes."""
    from ingest.dates import MONTHS
    from ingest.sources.meetings import meeting

    pattern = re.compile(r"([A-Z][\w’' ]*(?:Working Group|Committee|Panel|hearing|meeting|Board))\s*,\s*"
                         rf"(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})")
    rnd = random.Random(3)
    words = ["Working Group", "Committee", "Panel", "hearing", "meeting", "Board", ",", " ", "\n", "\t", "13",
             "February", "May", "Safe", "x", "é", "Écoles", "’", "'", "_", "DCS", "Keith", "(", ".", "–", "and",
             "CBoard"]
    for _ in range(100_000):
        note = "".join(rnd.choice(words) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 14)))
        m = pattern.search(note)
        assert meeting(note) == (m.group(1) if m else None), note


_SYLLABLES = ["an", "bel", "cor", "dan", "el", "fer", "gan", "hol", "ith", "jor", "kel", "lam", "mor", "nel", "or",
              "pet", "quin", "ros", "sam", "tor", "ul", "van", "wil", "yor", "zel"]


def _made_up_names(count: int, seed: int, apart: bool = False) -> list[str]:
    """Distinct first-and-surname pairs of made-up words; apart: no two that similar_names takes for one person."""
    from ingest.people import NameIndex

    rnd = random.Random(seed)
    index = NameIndex()
    names: dict[str, None] = {}
    while len(names) < count:
        first, last = ("".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize() for _ in "ab")
        if not apart or index.first(f"{first} {last}") is None:
            names[f"{first} {last}"] = None
            index.add(f"{first} {last}", True)
    return list(names)


def _with_witnesses(names: list[str], said: bool = False) -> str:
    """HC 179 with these witnesses added to its list, one session each (said: each also named in a sentence of
    the introduction, "… told us that …")."""
    entries = "\n\n".join(f"{name}, Director, {name.split()[1]} Heritage Trust\n\nQ{600 + 2 * i}–{601 + 2 * i}"
                          for i, name in enumerate(names))
    text = Path(HC_TXT).read_text(encoding="utf-8")
    text = text.replace("Q401–511\n", "Q401–511\n\n" + entries + "\n", 1)
    if said:
        sentences = " ".join(f"{name} told us that the trust mattered." for name in names)
        text = text.replace("\nIntroduction\n\n1.  ", f"\nIntroduction\n\n{sentences}\n\n1.  ", 1)
    return text


def test_a_witness_list_of_two_thousand_is_read_whole():
    """HC 179 with 2,000 more witnesses, one session each: every listed witness is a person with the post and body
    the list gives. Comparing each name with every other (to merge one person's forms), each person with every
    word pair of the text, and compiling a pattern per name form for every sentence made this take 45 s (1,000
    witnesses: 18.7 s; then 3.7 s and 1.4 s, and with the surname index 1.7 s and 1.5 s, under load)."""
    names = _made_up_names(2_000, 11, apart=True)
    report = parse_report(_with_witnesses(names), "hc179-long-witness-list.txt")
    by_name = {form: p for p in report.people for form in (p.name, *p.aliases)}
    missing = [n for n in names if n not in by_name]
    assert not missing
    assert {(by_name[n].role, by_name[n].organisation) for n in names[:3]} == {
        ("Director", f"{n.split()[1]} Heritage Trust") for n in names[:3]}
    assert len({by_name[n].id for n in names}) == len(names)  # no two made-up witnesses taken for one


def test_name_index_and_forms_pattern_agree_with_the_scans_they_replaced():
    """The first similar name found through the index, and the first person a sentence names found by one
    pattern, are those the scans over every name found, on random names with near misses."""
    from ingest.people import NameIndex, similar_names
    from ingest.statements import _first_named

    rnd = random.Random(5)
    base = _made_up_names(60, 3)
    near = [n[:-1] for n in base[:20]] + [n + "e" for n in base[20:40]] + [n.split()[0][:3] + " " + n.split()[1]
                                                                           for n in base[40:]]
    pool = base + near + ["Cher", "Ann  Lee", "Ann Lee-Smith", "Ann O’Lee"]
    for _ in range(300):
        listed = rnd.sample(pool, 40)
        index = NameIndex()
        for i, n in enumerate(listed):
            index.add(n, i)
        for probe in rnd.sample(pool, 20):
            assert index.first(probe) == next((i for i, n in enumerate(listed) if similar_names(n, probe)), None)
        forms = sorted(((n, i) for i, n in enumerate(listed)), key=lambda x: -len(x[0]))
        head = " ".join(rnd.sample(pool, 4)) + " and " + rnd.choice(pool) + "-x"
        best = None
        for form, person in forms:
            m = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", head)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), person)
        assert _first_named(head, forms) == (best[1] if best else None), head


def _far_apart_names(count: int, seed: int) -> list[str]:
    """Made-up names of three syllables a word, no two of whose surnames may be one misspelt (as most of a real
    list's are not)."""
    from ingest.people import SurnameIndex

    rnd = random.Random(seed)
    surnames = SurnameIndex()
    names: list[str] = []
    while len(names) < count:
        first, last = ("".join(rnd.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in "ab")
        if not surnames.near(last):
            surnames.add(last)
            names.append(f"{first} {last}")
    return names


def test_witness_names_are_compared_in_proportion_to_the_list(monkeypatch):
    """HC 179 with 400, then 800 more witnesses, each also named in a sentence ("… told us that …"): the name
    comparisons (similar_names) and the speakers' forms read grow in proportion to the list. Each name was compared
    with every listed name of a surname of its initial and a like length, each person with every word pair of the
    text whose second word was so, and each note with every person; each clause's speaker was sought by reading
    every name form: 107,607 and 244,692 comparisons, 340,488 and 994,107 forms read. Now a name is compared only
    with those whose surnames may be one misspelt, which these are not."""
    from ingest import statements
    from ingest.sources import listed
    from ingest.people import resolve, similar_names

    asked: list[tuple[str, str]] = []

    def counted(a, b):
        asked.append((a, b))
        return similar_names(a, b)

    class CountedForms(statements._Forms):
        read = 0

        def __iter__(self):
            for pair in super().__iter__():
                CountedForms.read += 1
                yield pair

    monkeypatch.setattr(resolve, "similar_names", counted)
    monkeypatch.setattr(listed, "similar_names", counted)
    monkeypatch.setattr(statements, "_Forms", CountedForms)
    names = _far_apart_names(800, 13)
    compared, read = {}, {}
    for n in (400, 800):
        asked.clear()
        CountedForms.read = 0
        report = parse_report(_with_witnesses(names[:n], said=True), "hc179-witnesses-who-spoke.txt")
        compared[n], read[n] = len(asked), CountedForms.read
        by_name = {p.name: p for p in report.people}
        assert all(by_name[name].organisation == f"{name.split()[1]} Heritage Trust" for name in names[:n])
        spoke = {s.speaker for s in report.statements if s.content.startswith("the trust mattered")}
        assert spoke == {by_name[name].id for name in names[:n]}  # each witness said what their sentence says
    # a few comparisons a witness: their name in the list and in their sentence
    assert all(compared[n] <= 3 * n for n in compared) and compared[800] <= 2.2 * compared[400], compared
    assert read[800] <= 2.2 * read[400], read


def test_the_surname_index_finds_every_surname_similar_names_may_take():
    """SurnameIndex.near gives every indexed surname that similar_names' surname test (same initial, lengths
    within 0.7, a ratio of 0.85 either way round) passes, on random near misses, short and long (over 15
    letters, which are compared by length)."""
    from ingest.people import SurnameIndex

    rnd = random.Random(21)
    letters = "aabeeilnorstACKS-’ "

    def misspelt(word: str) -> str:
        for _ in range(rnd.randint(0, 3)):
            at = rnd.randrange(len(word) + 1)
            word = rnd.choice([word[:at] + rnd.choice(letters) + word[at:], word[:at] + word[at + 1:],
                               word[:at] + rnd.choice(letters) + word[at + 1:]])
        return word or "x"

    bases = ["".join(rnd.choice(letters) for _ in range(rnd.randint(1, 24))) for _ in range(60)]
    words = sorted({misspelt(b) for b in bases for _ in range(8)})
    index = SurnameIndex()
    for w in words:
        index.add(w)
    for probe in words + [misspelt(b) for b in bases]:
        may = {w for w in words if w[0] == probe[0] and min(len(w), len(probe)) >= 0.7 * max(len(w), len(probe))
               and max(SequenceMatcher(None, w, probe).ratio(), SequenceMatcher(None, probe, w).ratio()) >= 0.85}
        assert may <= index.near(probe), (probe, may - index.near(probe))
        assert all(w[0] == probe[0] for w in index.near(probe))


def test_speakers_and_note_people_are_found_as_the_scans_over_every_form_found_them():
    """A clause's speaker by the end of its head, the person an "According to" names, the one person of a surname,
    and the listed person a note names: found by looking their forms up, they are those the scans over every
    form (or person) found, on random names with near misses."""
    from ingest.model import Person
    from ingest.people import similar_names, split_title, titles_of
    from ingest.sources.listed import ListedPeople, person_in
    from ingest.statements import _POSTNOMINALS, _Forms, _honoured, _match_person, _subject

    def subject_before(head, forms):
        """The speaker a head names by the end of one of their forms, as _subject read every form for it."""
        bare = _POSTNOMINALS.sub("", head)
        for form, person in forms:
            for h in dict.fromkeys((head, bare)):
                if h.endswith(form) and (len(h) == len(form) or not h[-len(form) - 1].isalnum()):
                    return person.id, person.name, "person"
        return None

    def match_before(who, forms):
        return next((p for f, p in forms if who == f or who.endswith(" " + f) or who.startswith(f + ",")), None)

    def person_in_before(text, people):
        head = re.sub(r"^Letter from\s+", "", re.split(r",", text, maxsplit=1)[0].strip())
        title, bare = split_title(head)
        for p in people:
            forms = {p.name, *p.aliases}
            if head in forms or bare in forms or any(similar_names(bare, f) for f in forms if " " in bare):
                return p
            if title and bare == p.name.split()[-1] and (p.title == title or title in titles_of(p.title)):
                return p
        return None

    rnd = random.Random(8)
    base = _made_up_names(40, 4)
    pool = base + [n[:-1] for n in base[:10]] + [n.split()[0] + " " + n.split()[1] + "e" for n in base[10:20]]
    titles = [None, "Dr", "Professor", "Mr", "Assistant Commissioner"]
    for _ in range(200):
        listed = rnd.sample(pool, 25)
        people = [Person(f"r/person/{i}", n, [f"{t} {n}" for t in [rnd.choice(titles)] if t], title=rnd.choice(titles))
                  for i, n in enumerate(listed)]
        people += [Person("r/person/0", listed[0], [])]  # one id twice: the first person keeps it
        forms = _Forms(sorted(((f, p) for p in people for f in {p.name, *p.aliases}), key=lambda x: -len(x[0])))
        listed_people = ListedPeople(people)  # as attach_sources makes it, once for every note
        for _ in range(20):
            name = rnd.choice(pool)
            head = rnd.choice(["", "As ", "In 2014, ", "X"]) + rnd.choice(["", "Dr ", "Mr ", "Professor "]) + \
                rnd.choice([name, name.split()[1], name + " MP", name[1:], name + ", Director"])
            before = subject_before(head, forms)
            person = forms.ending(head, _POSTNOMINALS.sub("", head))
            assert (person and (person.id, person.name, "person")) == before, head
            if before is not None:  # else _subject goes on to titles and surnames (_honoured, below)
                assert _subject(head, forms, None, people_only=True) == before, head
            assert _match_person(head, forms) == match_before(head, forms), head
            assert person_in(head, listed_people) == person_in_before(head, people), head
            surname = name.split()[1]
            known = {p.id: p for _, p in forms if p.name.split()[-1] == surname}
            expected = (next(iter(known.values())).id if len(known) == 1 else None)
            found = _honoured(f"Dr {surname}", forms)
            assert (found[0] if found else None) == expected, surname


def test_similar_names_tests_cheaply_first_and_answers_as_before():
    """The initial and length tests before the ratios change no answer: the rule as it was, on random pairs."""
    from ingest.people.names import similar_names
    from name_oracles import plain_similar_names as before

    rnd = random.Random(9)
    letters = "aabeeilnorstACKS -’"
    words = ["Katherine", "Catherine", "Kate", "Chris", "Christopher", "Smith", "Smyth", "Smithe", "Sm", "Lee"]
    for _ in range(100_000):
        a, b = ("".join(rnd.choice(letters) for _ in range(rnd.randint(0, 14))) if rnd.random() < 0.5
                else " ".join(rnd.sample(words, rnd.randint(1, 3))) for _ in "ab")
        assert similar_names(a, b) == before(a, b), (a, b)


def test_a_three_million_character_sentence_is_cut_into_passages_in_linear_time():
    """A paragraph of 3,000,000 characters with no sentence end: cut at word boundaries into passages of at most
    MAX_PASSAGE characters, each mapped back to its own source characters. Slicing off the rest of the sentence
    after each cut copied it again each time (2,000,000 characters took 17.6 s, under load)."""
    from ingest.joiner import Joined

    text = " ".join(f"w{i % 997}" for i in range(600_000))[:3_000_000].strip()
    chunks = structure._split(Joined(text, list(range(len(text)))))
    assert max(len(c.text) for c in chunks) <= structure.MAX_PASSAGE
    assert " ".join(c.text for c in chunks) == text  # every cut is at a space, which no passage keeps
    assert all(c.offsets == list(range(c.offsets[0], c.offsets[0] + len(c.text))) and text[c.offsets[0]:][:20]
               == c.text[:20] for c in chunks)
