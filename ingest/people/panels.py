"""Witness panels listed by the questions they answered, and written-evidence lists by code, read across
line and page breaks (House of Lords style)."""
from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate

from ..model import Appearance, Person
from .entries import _joint_bodies, _panel_entries, _tidy, _unsplit, _written_people


# House of Lords style: "* (QQ 1–50) Dr David Halpern, Head of the Behavioural Insights Team, Cabinet Office, …"
_PANEL = re.compile(r"\*{0,2}\s*\(QQ?\s*(\d+)\s*[–-]\s*(\d+)\)\s*(.+?)\s*(?=\*{0,2}\s*\(QQ?\s*\d|Written evidence\b|$)")
# … and as they are listed today, the questions after the names: "* Name, Role, Body QQ 1–10" ("**": and written)
_PANEL_AFTER = re.compile(r"(?:^|(?<=\s))\*{1,2}\s*([^*]+?)\s+QQ?\s*(\d+)\s*[–-]\s*(\d+)\b")


# what each panel pattern below needs: a question number ("Q 12", "QQ 1–50")
_ANY_QUESTION = re.compile(r"Q\s*\d")


def _question_panels(blocks, found: list[Person], sec, add_org, source: str) -> None:
    """Witness panels listed by the questions they answered. The section's text is read as one run, since a
    panel's names wrap across lines and pages; a panel of bodies alone gives organisations."""
    if not _ANY_QUESTION.search(" ".join(ln.text for b in blocks for ln in b.lines)):
        return  # every way of listing panels gives each its questions ("QQ 1–50"): a section of none lists none
    pieces = [_tidy(" ".join(ln.text for ln in b.lines)) for b in blocks]
    text = " ".join(pieces)
    # where each paragraph ends in text: a block followed by a blank line in the source
    ends = [at for at, b, after in zip(accumulate(len(p) + 1 for p in pieces), blocks, blocks[1:])
            if re.search(r"\n[ \t\f]*\n", source[b.end:after.start])]
    panels = _ranges_apart([(m.group(1), m.group(2), m.start(3), m.end(3)) for m in _PANEL.finditer(text)], text, ends)
    if len(panels) < 2:
        # House of Lords lists of today: "** Peter Denton, Chief Executive, Homes England QQ 11–20"
        panels = [(m.group(2), m.group(3), m.group(1)) for m in _PANEL_AFTER.finditer(text)]
    if len(panels) < 2:
        panels = _column_panels(text)
    if len(panels) < 2:  # one stray "(QQ 1–5)" is a citation, not a list of witnesses
        return
    first = blocks[0]
    words = Counter(re.findall(r"[^\W\d_]+", source))
    for low, high, entry_text in panels:
        entry_text = _unsplit(entry_text, words, source)
        questions = f"Q{low}–{high}"
        for entry in _panel_entries(entry_text):
            if entry["name"] is None:  # a body that gave evidence in its own name
                add_org(entry["organisation"], "oral evidence", first.start, blocks[-1].end, detail=questions)
                continue
            for body in entry.get("held", []):
                add_org(body, "witness organisation", first.start, blocks[-1].end)
            found.append(Person("", entry["name"], [], title=entry["title"], role=entry["role"],
                                organisation=entry["organisation"], groups=["witness"],
                                appearances=[Appearance(None, "oral evidence", entry["role"], entry["organisation"],
                                                        questions)],
                                start=first.start, end=blocks[-1].end, page=first.page))
    for code, _, entry_text in _written_by_code(text, ends):
        # marks of the entries after it, and a page number after them, as pdftotext sets a column of marks
        entry_text = re.sub(r"(?:\s*\*)+(?:\s+\d{1,3})?\s*$", "", _RUNNING_HEAD.sub("", entry_text))
        entry_text = _unsplit(entry_text, words, source).strip(" *")
        given = _written_people(entry_text)
        for e in given:
            found.append(Person("", e["name"], [], title=e["title"], role=e["role"], organisation=e["organisation"],
                                groups=["written evidence"], start=first.start, end=blocks[-1].end, page=first.page))
        for body in ([] if given else _joint_bodies(re.sub(r"\s*\([a-z][^()]*\)$", "", entry_text))):
            add_org(body, "written evidence", first.start, blocks[-1].end, code=code)


# A written-evidence list that gives each entry its code first, as the House of Lords lists them in order of receipt
# ("* (BC 2) Professor Gregory Maio, …"): an entry runs to the next code
_BY_CODE = re.compile(r"\*{0,2}\s*\(([A-Z]{1,4}\s?\d{1,4})\)\s*(.*?)\s*(?=\*{0,2}\s*\([A-Z]{1,4}\s?\d{1,4}\)|$)")
# a running header pypdf sets into the text: two words or more in capitals, then the page number ("Sustrans
# BEHAVIOUR CHANGE 77"); one ("NHS 24", "Unit B2") is a name's
_RUNNING_HEAD = re.compile(r"\s+[A-Z]{2,}(?:\s+[A-Z]{2,})+\s+\d{1,3}\b")


def _written_by_code(text: str, ends: list[int]) -> list[tuple[str, str, str]]:
    """(code, code, entry) of each entry of a written-evidence list by code after the "Written evidence" heading;
    codes set in a column apart from their entries (pdfminer.six) are paired as question ranges are."""
    heading = re.search(r"\bWritten evidence\b", text)
    if heading is None:
        return []
    # the list in order of receipt ends where the same list in alphabetical order begins (its codes after the names)
    alphabetical = re.compile(r"\b[Aa]lphabetical\b").search(text, heading.end())
    coded = [(m.group(1), m.group(1), m.start(2), m.end(2))
             for m in _BY_CODE.finditer(text, heading.end(), alphabetical.start() if alphabetical else len(text))]
    return [e for e in _ranges_apart(coded, text, ends) if e[2].strip(" *")] if len(coded) >= 2 else []


def _ranges_apart(panels: list[tuple[str, str, int, int]], text: str, ends: list[int]) -> list[tuple[str, str, str]]:
    """Panels as (first question, last, entry). pdfminer.six may set a run of panels' question ranges as a column
    before their entries ("(QQ 1–50) * (QQ 51–85) * (QQ 86–138)", then three paragraphs): ranges with no entry,
    then an entry of as many paragraphs (ends: where each ends in text, at a blank line) as the run has ranges:
    the n-th range takes the n-th paragraph.
    When the counts differ nothing is guessed, and the ranges alone name no one."""
    def named(entry: str) -> bool:
        return bool(re.sub(r"[*\s]", "", entry))

    out: list[tuple[str, str, str]] = []
    run: list[tuple[str, str]] = []
    for low, high, start, end in panels:
        entry = text[start:end]
        if not named(entry):
            run.append((low, high))
            continue
        if run:
            cuts = [start, *(e for e in ends if start < e < end), end]
            paragraphs = [p for p in (text[a:b].strip(" *") for a, b in zip(cuts, cuts[1:])) if named(p)]
            if len(paragraphs) == len(run) + 1:
                out += [(lo, hi, p) for (lo, hi), p in zip([*run, (low, high)], paragraphs)]
                run = []
                continue
            out += [(lo, hi, "") for lo, hi in run]
            run = []
        out.append((low, high, entry))
    return out + [(lo, hi, "") for lo, hi in run]


def _column_panels(text: str) -> list[tuple[str, str, str]]:
    """Marked entries whose question ranges an extraction set after them all, as pdfminer.six writes a column
    ("* Name, Role, Body ** Name, Role, Body QQ 1–10 QQ 11–20"): the n-th range is the n-th entry's, when
    the ranges are as many as the entries."""
    entries = [m.group(1) for m in re.finditer(r"(?:^|(?<=\s))\*{1,2}\s*([^*]+)", text)
               if m.group(1)[:1].isupper()]  # "marked with ** gave both …" explains the marks
    ranges = [r for e in entries for r in _BARE_RANGE.findall(e)]
    if len(ranges) != len(entries):
        return []
    return [(low, high, _BARE_RANGE.sub("", e).strip()) for (low, high), e in zip(ranges, entries)]


_BARE_RANGE = re.compile(r"(?<!\()\bQQ?\s*(\d+)\s*[–-]\s*(\d+)\b(?!\))")
