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
    from ingest.sources import _meeting

    pattern = re.compile(r"([A-Z][\w’' ]*(?:Working Group|Committee|Panel|hearing|meeting|Board))\s*,\s*"
                         rf"(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})")
    rnd = random.Random(3)
    words = ["Working Group", "Committee", "Panel", "hearing", "meeting", "Board", ",", " ", "\n", "\t", "13",
             "February", "May", "Safe", "x", "é", "Écoles", "’", "'", "_", "DCS", "Keith", "(", ".", "–", "and",
             "CBoard"]
    for _ in range(100_000):
        note = "".join(rnd.choice(words) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 14)))
        m = pattern.search(note)
        assert _meeting(note) == (m.group(1) if m else None), note


def _made_up_names(count: int, seed: int, apart: bool = False) -> list[str]:
    """Distinct first-and-surname pairs of made-up words; apart: no two that similar_names takes for one person."""
    from ingest.people import NameIndex

    rnd = random.Random(seed)
    index = NameIndex()
    syllables = ["an", "bel", "cor", "dan", "el", "fer", "gan", "hol", "ith", "jor", "kel", "lam", "mor", "nel", "or",
                 "pet", "quin", "ros", "sam", "tor", "ul", "van", "wil", "yor", "zel"]
    names: dict[str, None] = {}
    while len(names) < count:
        first, last = ("".join(rnd.choice(syllables) for _ in range(rnd.randint(2, 3))).capitalize() for _ in "ab")
        if not apart or index.first(f"{first} {last}") is None:
            names[f"{first} {last}"] = None
            index.add(f"{first} {last}", True)
    return list(names)


def test_a_witness_list_of_two_thousand_is_read_whole():
    """HC 179 with 2,000 more witnesses, one session each: every listed witness is a person with the post and body
    the list gives. Comparing each name with every other (to merge one person's forms), each person with every
    word pair of the text, and compiling a pattern per name form for every sentence made this take 45 s (1,000
    witnesses: 18.7 s; now 3.7 s and 1.4 s, under load)."""
    names = _made_up_names(2_000, 11, apart=True)
    entries = "\n\n".join(f"{name}, Director, {name.split()[1]} Heritage Trust\n\nQ{600 + 2 * i}–{601 + 2 * i}"
                          for i, name in enumerate(names))
    text = Path(HC_TXT).read_text(encoding="utf-8")
    text = text.replace("Q401–511\n", "Q401–511\n\n" + entries + "\n", 1)
    report = parse_report(text, "hc179-long-witness-list.txt")
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


def test_similar_names_tests_cheaply_first_and_answers_as_before():
    """The initial and length tests before the ratios change no answer: the rule as it was, on random pairs."""
    from ingest.people.names import _short_form, similar_names

    def before(a, b):
        fa, _, sa = a.partition(" ")
        fb, _, sb = b.partition(" ")
        if a == b:
            return True
        if not sa or not sb:
            return False
        if sa == sb and _short_form(fa, fb):
            return True
        first_ok = fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.8
        return first_ok and SequenceMatcher(None, sa, sb).ratio() >= 0.85 and sa[:1] == sb[:1]

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
