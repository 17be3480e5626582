"""Blocks: headings, paragraphs and list items, in reading order, from the laid-out lines."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout, Line
from .numbering import LETTERED_PART, PARAGRAPH_NUMBER
from .people import is_person_name, peer_title, split_title
from .vocabulary import DANGLING_WORDS, NUMBER_WORDS

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_LINE = re.compile(rf"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)?\s*\d{{1,2}}\s+({MONTHS})\s+\d{{4}}$")
_DATED = re.compile(rf"^\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?\b")
_FRONT = re.compile(r"^((?:Chair(?:man)?[’']s |Ministerial )?[Ff]oreword|Preface|Summary|Executive [Ss]ummary|Contents|Introduction|Terms of reference)$")
# A closing list, as each House titles it: "Conclusions and recommendations" (Commons), "Summary of conclusions
# and recommendations" (Lords), "Recommendations and conclusions", "Summary of recommendations"; and what follows a
# signed report ("Postscript", "Afterword")
_BACK = re.compile(r"^((?:(?:Summary|List) of )?(?:[Cc]onclusions and [Rr]ecommendations|[Rr]ecommendations and "
                   r"[Cc]onclusions|[Rr]ecommendations)|Formal [Mm]inutes|Witnesses|Published written evidence"
                   r"|List of Reports from the Committee.*|Glossary|End ?[Nn]otes|Endnotes|References|Bibliography"
                   r"|Postscript|Afterword|Epilogue)$")
_CHAPTER = re.compile(r"^(\d{1,2})\.?\s+([A-Z][^.:;]{2,90})$")
_APPENDIX = re.compile(r"^(Appendix|Annexe?|APPENDIX|ANNEXE?)\s+(\d{1,2}|[A-Z])\b\s*[:.–—-]?\s*(.*)$")
_CHAPTER_NUMBER_ALONE = re.compile(r"^(\d{1,2})$")
_PARAGRAPH_OPENING = re.compile(rf"^{PARAGRAPH_NUMBER}\.?\s+[A-Z“‘\"]")  # "3. NHS England …", "1.2 The town …"
# A chapter's number by its word, in figures or words: "Chapter 2", "Part One", "PART TWO" (audit reports)
_NUMBER_NAMES = [w.title() for w in NUMBER_WORDS[:20]]
_CHAPTER_NUMBER = rf"\d{{1,3}}|{'|'.join(_NUMBER_NAMES)}|{'|'.join(w.upper() for w in _NUMBER_NAMES)}"
# House of Lords and inquiry style: "CHAPTER 8: CONCLUSIONS AND RECOMMENDATIONS", "Chapter 2 – Definitions"
_CHAPTER_WORD = re.compile(
    rf"^(?:CHAPTER|Chapter|SECTION|Section|PART|Part)\s+({_CHAPTER_NUMBER})\s*[:.–—-]?\s+([A-Z][^.;]{{2,90}})$")
# … and alone on its line, its title on the next ("Part One" / "The school estate")
_CHAPTER_WORD_ALONE = re.compile(rf"^(?:CHAPTER|Chapter|SECTION|Section|PART|Part)\s+({_CHAPTER_NUMBER})$")
# "Recommendation 3", and as inquiries head them, with a title: "Recommendation 12: Sharing complaints"
# (a title is a name, not the start of a sentence: "Recommendation 3: The Board shall, as part of its" is text)
_RECOMMENDATION = re.compile(r"^Recommendation\s+(\d{1,3})(?:\s*[:.–—-]\s+(?P<title>[A-Z][^.,;:!?]{0,80}))?$")
_SENTENCE_VERB = re.compile(r"\b(?:shall|should|must|will|is|are|be)\b")
# A list item: a bullet, or a lettered or numbered-in-roman sub-part as recommendations set them: "(a) …", "(iv) …"
_BULLET = re.compile(rf"^(?:[•\u2022\u25cf\u25aa\u2023\uf0b7\u2013-]|{LETTERED_PART})\s+")
# A wrapped title ends with a word that cannot end one.
_DANGLING = re.compile(rf"\b(?:{'|'.join(DANGLING_WORDS)})$", re.I)
_TERMINAL = re.compile(r"[.,;:!?\"”’)]$|\d$")


@dataclass
class Block:
    """A run of lines that reads as one unit."""

    kind: str  # heading | paragraph | item | recommendation-heading
    lines: list[Line]
    level: int = 0
    section_kind: str | None = None
    number: str | None = None
    title: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        """Source offset of the first character."""
        return self.lines[0].start

    @property
    def end(self) -> int:
        """Source offset after the last character."""
        return self.lines[-1].end

    @property
    def page(self) -> int:
        """The page the block starts on."""
        return self.lines[0].page


def top_level_heading(text: str) -> tuple[str, str | None, str] | None:
    """(kind, number, title) when a line is a chapter-level heading, else None."""
    text = text.strip()
    if _FRONT.match(text):
        return ("front", None, text)
    if _BACK.match(text) or (text.isupper() and _BACK.match(text.capitalize())):
        return ("back", None, text.capitalize() if text.isupper() else text)
    m = _APPENDIX.match(text)
    if m:
        if text.isupper():  # "APPENDIX 2: LIST OF WITNESSES" reads as the contents page prints it
            text = f"{m.group(1).title()} {m.group(2)}: {m.group(3).capitalize()}" if m.group(3) else text.title()
        return ("appendix", f"{m.group(1).title()} {m.group(2)}", text)
    m = _CHAPTER.match(text) or _CHAPTER_WORD.match(text)
    if m and _DATED.match(text):
        return None  # "12 January 2023   Jane Doe, …": a table's row that opens with a date, not chapter 12
    if m and not _TERMINAL.search(text.rstrip()) and len(text.split()) <= 14:
        title = m.group(2).strip()
        number = m.group(1) if m.group(1).isdigit() else str(_NUMBER_NAMES.index(m.group(1).title()) + 1)
        return ("chapter", number, title.title() if title.isupper() else title)
    return None


def _is_subheading(line: Line, nxt: Line | None, opening: str | None = None) -> bool:
    """A short title-cased line over running text, read on the next line or in ``opening``, the start of the
    paragraph under it (its wrapped lines joined), so the width its lines are wrapped at does not decide it."""
    text = line.text
    if len(text) > 55 or len(text.split()) > 9 or not text[0].isupper():
        return False
    if _TERMINAL.search(text) or _DATE_LINE.match(text) or _RECOMMENDATION.match(text) or _BULLET.match(text):
        return False
    if ", " in text or ". " in text or "  " in text or re.search(r"[a-z]\d", text):
        return False
    if peer_title(split_title(text)[0]) and is_person_name(text):
        return False  # "Lord Young of Cookham", "Baroness Blake of Leeds": a member list's entry, title-cased as a heading is
    if nxt is None:
        return False
    first = nxt.text[:1]
    if not (first.isupper() or first.isdigit() or first in "“\"‘"):
        return False
    return any(_running_text(below, text) for below in {nxt.text, opening or nxt.text})


def _running_text(below: str, title: str) -> bool:
    """Text longer than the title with a quarter of its longer words in lower case: running text, not another
    title-cased line (a signature block)."""
    words = [w for w in below.split() if len(w) > 3]
    lower = sum(1 for w in words if w[0].islower())
    return len(below) > len(title) and bool(words) and lower / len(words) >= 0.25


def build_blocks(layout: Layout, lines: list[Line], contents_titles: set[str] | None = None) -> list[Block]:
    """Group body lines into heading, paragraph and list-item blocks."""
    blocks: list[Block] = []
    current: list[Line] = []
    current_kind = "paragraph"

    def flush():
        nonlocal current, current_kind
        if current:
            blocks.append(Block(current_kind, current))
        current, current_kind = [], "paragraph"

    usable = [ln for ln in lines if not ln.furniture]
    # a line's place in usable, by identity: list.index compared lines field by field from the start
    at = {id(ln): k for k, ln in enumerate(usable)}
    inferred = _inferred_breaks(layout, usable)
    i = 0
    prev_break = True  # start of text counts as a break
    last_body: Line | None = None  # the last line of running text or list (headings excluded)
    while i < len(usable):
        line = usable[i]
        if line.blank:
            is_break = (not layout.double_spaced) or _raw_is_space(line)
            if is_break:
                flush()
                prev_break = True
            i += 1
            continue
        if id(line) in inferred and current:
            flush()
            prev_break = True
        nxt = _next_text(usable, i)
        # Chapter-level headings: in the page-start style they open a page; elsewhere they
        # stand alone after a break. A wrapped title takes its next line.
        heading = top_level_heading(line.text)
        alone = _CHAPTER_NUMBER_ALONE.match(line.text) or _CHAPTER_WORD_ALONE.match(line.text)
        if heading is None and alone and nxt is not None:
            combined = top_level_heading(f"{line.text}{':' if _CHAPTER_WORD_ALONE.match(line.text) else ''} {nxt.text}")
            if combined and combined[0] == "chapter" and _in_contents(combined[2], contents_titles):
                flush()
                j = at[id(nxt)]
                blocks.append(Block("heading", [line, nxt], level=1, section_kind="chapter",
                                    number=combined[1], title=combined[2]))
                i = j + 1
                prev_break = True
                continue
        if heading and heading[0] == "chapter" and contents_titles is None and _runs_on(line, nxt, usable, i):
            heading = None  # "1. The Department shall publish a response to these …" / "months of …": a paragraph
        # A line that is all a named section's title ("Conclusions and recommendations", "Formal minutes") after
        # a sentence's end starts that section, though the text marks no break (pypdf writes no blank lines).
        # So does a chapter heading by its word ("Chapter 2: Supply").
        named_after_sentence = bool(heading and (heading[0] in ("front", "back") or _CHAPTER_WORD.match(line.text))
                                    and current
                                    and re.search(r"(?:[.:?!”\")]|[^\W\d_][.)]\d{1,4}|\bQ\d+\s*[–-]\s*\d+)$",
                                                  current[-1].text))  # (a witness entry ends on its questions)
        allowed = bool(heading) and _heading_allowed(layout, line, prev_break or named_after_sentence, heading,
                                                     contents_titles)
        if allowed:
            title_lines = [line]
            title = heading[2]
            capitals = line.text.isupper()
            # A wrapped title goes on: after a word that cannot end it, in lower case, or in capitals
            # under a title in capitals ("CHAPTER 2: DEFINITIONS, …" / "OF BEHAVIOUR CHANGE INTERVENTIONS").
            while nxt is not None and (_DANGLING.search(title) or nxt.text[:1].islower()
                                       or capitals and nxt.text.isupper() and top_level_heading(nxt.text) is None) \
                    and len(nxt.text) < 60 and not _TERMINAL.search(nxt.text):
                title_lines.append(nxt)
                title = f"{title} {nxt.text}"
                nxt = _next_text(usable, at[id(nxt)])
            # A numbered line of six words or more that still ends on a word no title ends on ("by", "the"), the next
            # line no title's rest, is a paragraph's first line ("4. The Committee calls on NHS Education for
            # Scotland to fund more places by" / "April 2026. …")
            if heading[0] == "chapter" and _DANGLING.search(title) and nxt is not None and len(title.split()) >= 6:
                allowed, nxt = False, _next_text(usable, i)
        if allowed:
            flush()
            if capitals and heading[0] == "chapter":
                title = _title_case(title)
            elif capitals and len(title_lines) > 1:  # an appendix title in capitals, read whole
                title = top_level_heading(" ".join(ln.text for ln in title_lines))[2]
            if heading[0] == "front" and any(b.kind == "heading" and b.level == 1 and b.section_kind in ("chapter", "back")
                                             for b in blocks):
                # "Introduction" after the chapters: a sub-heading of a closing list that follows the chapters
                blocks.append(Block("heading", title_lines, level=2, section_kind="subsection", title=_clean_title(title)))
            else:
                blocks.append(Block("heading", title_lines, level=1, section_kind=heading[0], number=heading[1],
                                    title=_clean_title(title)))
            i = at[id(title_lines[-1])] + 1
            prev_break, last_body = True, None
            continue
        m = _RECOMMENDATION.match(line.text)
        if m and m.group("title") and (_SENTENCE_VERB.search(m.group("title"))
                                       or (nxt is not None and nxt.text[:1].islower())):
            m = None  # the recommendation's own words, run on from its number, not a heading
        if m:
            flush()
            blocks.append(Block("recommendation-heading", [line], number=m.group(1), title=line.text))
            i += 1
            prev_break = True
            continue
        if contents_titles and _norm(line.text) in contents_titles and len(line.text) < 80 and (
                prev_break or not current or id(line) in inferred
                or re.search(r"[.:?!”\")]$", current[-1].text)):
            # A title the contents page lists is a heading wherever it stands alone.
            flush()
            blocks.append(Block("heading", [line], level=2, section_kind="subsection", title=line.text))
            i += 1
            prev_break, last_body = True, None
            continue
        # A line after "…in the Chair:" or among other short lines is a list entry, not a heading.
        lone = blocks[-1] if blocks and not current else None
        in_list = last_body is not None and (last_body.text.endswith(":") or (
            lone is not None and lone.kind == "paragraph" and len(lone.lines) == 1 and lone.lines[0] is last_body
            and len(last_body.text) < 40 and not _TERMINAL.search(last_body.text))) or (
            lone is not None and _short_line_run(blocks, usable, i) >= 2)
        # With no blank lines (pypdf, or an extraction that drops them), a sub-heading stands between a sentence's
        # end and a numbered paragraph: "… by the end of 2023. (Paragraph 5)" / "Retention" / "3. NHS England …"
        between = bool(current) and bool(re.search(r"[.?!”\")]$", current[-1].text)) and nxt is not None \
            and _PARAGRAPH_OPENING.match(nxt.text) is not None and _is_subheading(line, nxt, _opening(usable, nxt, at))
        if between or prev_break and not current and not in_list and _is_subheading(line, nxt, _opening(usable, nxt, at)) \
                and (_subheading_shape(layout, usable, i) or (nxt is not None and id(nxt) in inferred)):
            flush()
            blocks.append(Block("heading", [line], level=2, section_kind="subsection", title=line.text))
            i += 1
            prev_break, last_body = True, None
            continue
        if current_kind == "item" and line.page_start and not line.text[:1].islower():
            flush()  # a list does not run on over a page break into the next paragraph
        if _BULLET.match(line.text) or (layout.double_spaced and line.indent == 1 and not line.page_start):
            flush()
            current_kind = "item"
        current.append(line)
        last_body = line
        prev_break = False
        i += 1
    flush()
    return _split_tables(_merge_across_pages(blocks))


_CURRENCY = "£$€¥"


def _runs_on(line: Line, nxt: Line | None, usable: list[Line], i: int) -> bool:
    """A numbered line of many words whose sentence runs on, in lower case or with an amount ("cost" / "£2 billion."),
    on the very next line: a numbered paragraph, not a chapter title (what a contents page would settle, when there
    is none).
    A long title wraps too ("2 The role of local authorities … in the inspection" / "of hospital wards"):
    its last line is short, ends with no punctuation and stands before a break, where a paragraph's
    sentence ends with a full stop or goes on to more lines."""
    if not (nxt is not None and i + 1 < len(usable) and usable[i + 1] is nxt
            and (nxt.text[:1].islower() or nxt.text[:1] in _CURRENCY) and not _CHAPTER_WORD.match(line.text)
            and len(line.text.split()) > 8):
        return False
    after = usable[i + 2] if i + 2 < len(usable) else None
    title_end = after is None or after.blank or after.page != nxt.page
    return not (title_end and len(nxt.text) < 60 and not _TERMINAL.search(nxt.text))


def _short_line_run(blocks: list[Block], usable: list[Line], i: int) -> int:
    """How many one-line paragraphs with no end punctuation run straight (no blank line) up to line i:
    the rows of a list ("Lord Broers   Baroness Perry of Southwark", one row a line), whose next row
    is a row too, not a heading."""
    run, at = 0, i
    for b in reversed(blocks):
        if not (b.kind == "paragraph" and len(b.lines) == 1 and at > 0 and usable[at - 1] is b.lines[0]
                and not _TERMINAL.search(b.lines[0].text)):
            break
        run += 1
        at -= 1
    return run


def _merge_across_pages(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a page break (with footnotes and headers in between), or a break the layout put in a
    sentence (a change of type, a gap in a quoted minute), cut in two."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and b.kind == "paragraph" and (_continues(prev, b) or b.lines[0].page > prev.lines[-1].page
                and (b.lines[0].text[:1].islower()
                     or prev.kind == "paragraph" and not re.search(r"[.!?:”\"]$", prev.lines[-1].text)
                     # a numbered paragraph ("2.3 New hedges …", "14. The …") starts its own block
                     and not re.match(r"\d{1,2}(?:\.\d{1,3})*\.?\s+[A-Z“\"‘]", b.lines[0].text))):
            prev.lines.extend(b.lines)
            continue
        out.append(b)
    return out


# A sentence cannot end on a word cut by a hyphen, or run on in lower case after no end punctuation.
_WORD_CUT = re.compile(r"[^\W\d_]-$")
_OPEN_END = re.compile(r"[.!?:;”\"’)\]]$")
# What may open a block in lower case: a list label ("a.", "b)", "(iv)", "ii.").
_LOWER_LABEL = re.compile(r"^\(?[a-z]{1,4}[.)]\s")
# Ends that lead on though they close with a stop or bracket: "e.g.", "i.e.", a list label left alone ("(i)").
_LEADS_ON = re.compile(r"\b(?:e\.g|i\.e|cf|viz)\.$|^\(?(?:[a-z]|[ivx]{1,4}|\d{1,3})[.)]$")


def _continues(prev: Block, b: Block) -> bool:
    """Whether paragraph b, on any page, is the rest of the sentence prev's text block left open: prev ends on a
    hyphen-cut word, or without end punctuation while b goes on in lower case (not a list label)."""
    if prev.kind not in ("paragraph", "item"):
        return False
    last, first = prev.lines[-1].text.rstrip(), b.lines[0].text.lstrip()
    if not first[:1].islower() or _LOWER_LABEL.match(first):
        return False
    return bool(_WORD_CUT.search(last) or _LEADS_ON.search(last)) or not _OPEN_END.search(last)


_TWO_COLUMNS = re.compile(r"^\S+(?:\s\S+)?\s{2,}\S")


def _is_row(text: str) -> bool:
    """Two columns set apart by a wide gap ("HSS    Horizon Shortfall Scheme"), not a justified line
    whose every gap is wide ("In  HSS  the  Post  Office  shall", as pdfminer.six writes one)."""
    return bool(_TWO_COLUMNS.match(text)) and len(re.findall(r"\S\s{2,}\S", text)) <= 3


def _split_tables(blocks: list[Block]) -> list[Block]:
    """A paragraph whose every line is a two-column row (a glossary) becomes one item per row."""
    out = []
    for b in blocks:
        if b.kind == "paragraph" and len(b.lines) >= 3 and sum(_is_row(ln.text) for ln in b.lines) >= len(b.lines) - 1:
            out.extend(Block("item", [ln]) for ln in b.lines)
        else:
            out.append(b)
    return out


_NUMBERED_PARAGRAPH = re.compile(rf"^{PARAGRAPH_NUMBER}\.\s+[A-Z“\"‘]")  # "12. The …", "4.311. Ms …"
# "1.2 The town …": a paragraph numbered by chapter with no stop after its number, after a sentence's end (a line
# that opens "2.5 Million" after one that does not end a sentence is a wrapped line)
_DOTTED_PARAGRAPH = re.compile(r"^\d{1,3}\.\d{1,3}\s+[A-Z“\"‘]")


# "Recommendation 1. The Welsh Government should …", "Conclusion 3. …": an entry as Senedd reports number them
_LABELLED_ENTRY = re.compile(r"^(?:Recommendation|Conclusion)\s+\d{1,3}[.:]\s+[A-Z“‘\"]")
_SENTENCE_END = re.compile(r"(?:[.:?!”\"]|(?<=[^\W\d_)’”])[.:?!”\"]\d{1,4})$")


def _ends_entry(prev: Line, line: Line, nxt: Line | None) -> bool:
    """Whether a line of a few words and no comma ends the comma-separated entry above it, whose last name the line
    broke ("Julie Morgan MS, Deputy Minister for Social Services, Welsh" / "Government"), rather than heading what
    follows it ("Steve Brine, in the Chair" / "Witnesses" / "The following witnesses gave evidence …")."""
    return (", " in prev.text and ", " not in line.text and len(line.text.split()) <= 3
            and not _is_subheading(line, nxt))


def _inferred_breaks(layout: Layout, usable: list[Line]) -> set[int]:
    """Lines that start a paragraph though no blank line says so (pypdf output has none).

    A numbered paragraph ("12. The …") starts one; so does a line after a short line that
    ends a sentence, and any line after a short line with no end punctuation (a heading), unless the line only ends
    the entry above it.
    """
    if layout.double_spaced:
        return set()
    texts = [ln for ln in usable if not ln.blank]
    if not texts:
        return set()
    widths = sorted(len(ln.text) for ln in texts)
    typical = widths[int(len(widths) * 0.75)]
    out: set[int] = set()
    prev = None
    in_item = False  # the lines since a bulleted entry opened, with no break since
    for i, ln in enumerate(usable):
        if ln.blank:
            prev, in_item = None, False
            continue
        if prev is not None:
            short = len(prev.text) < 0.8 * typical
            # a sentence's end, its note marker glued on ("powers.6") or not
            if _NUMBERED_PARAGRAPH.match(ln.text) or _LABELLED_ENTRY.match(ln.text) or (
                    _DOTTED_PARAGRAPH.match(ln.text) and _SENTENCE_END.search(prev.text)) or (
                    short and _SENTENCE_END.search(prev.text)) or (
                    short and not _TERMINAL.search(prev.text) and ln.text[:1].isupper() and len(prev.text) < 60
                    and not _ends_entry(prev, ln, _next_text(usable, i))):
                out.add(id(ln))
            # A bulleted entry ends on its short line: what follows with no bullet, not in lower case, is the next
            # paragraph ("• Priya Shah AM (Green)" / "The Committee held two public meetings. …"). A date alone on
            # its line heads the entries under it, apart from the line before and after it ("… attended the
            # meetings:" / "13 February 2019" / "• Jane Okafor, …").
            elif (in_item and short and not ln.text[:1].islower() and not _BULLET.match(ln.text)) \
                    or (_DATE_LINE.match(ln.text) and re.search(r"[:.)]$", prev.text)) \
                    or (_DATE_LINE.match(prev.text) and not ln.text[:1].islower()):
                out.add(id(ln))
        if _BULLET.match(ln.text):
            in_item = True
        elif id(ln) in out:
            in_item = False
        prev = ln
    return out


def _heading_allowed(layout: Layout, line: Line, prev_break: bool, heading, contents_titles) -> bool:
    kind = heading[0]
    if kind == "chapter" and contents_titles is not None:
        # "CHAPTER 2: …" is a heading by its own word; "8. Legislative action …" may be a numbered paragraph
        # whose opening words a contents entry shares, so only the first may match a title it only starts.
        return _in_contents(heading[2], contents_titles, wrapped=bool(_CHAPTER_WORD.match(line.text)))
    if not layout.form_feeds and layout.double_spaced:
        # The London Assembly layout starts every chapter-level heading on a new page.
        return line.page_start
    return prev_break or line.page_start


def _in_contents(title: str, contents_titles: set[str] | None, wrapped: bool = False) -> bool:
    if contents_titles is None:
        return True
    title = _norm(title)
    if title in contents_titles:
        return True
    # A title wrapped differently on the contents page than in the text: one starts the other.
    return wrapped and len(title.split()) >= 2 and any(len(c) >= 12 and (c.startswith(title) or title.startswith(c))
                                           for c in contents_titles)


_SMALL_WORDS = {"and", "of", "the", "to", "in", "on", "for", "a", "an", "by", "at", "or", "with", "from"}


def _title_case(text: str) -> str:
    """A title set in capitals, as the contents page prints it: 'Definitions, Categorisation and the Ethics'."""
    words = text.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _subheading_shape(layout: Layout, usable: list[Line], i: int) -> bool:
    """A sub-heading is followed by its paragraph: directly when double spaced, after a break otherwise."""
    j = i + 1
    saw_break = False
    while j < len(usable) and usable[j].blank:
        if not layout.double_spaced or _raw_is_space(usable[j]):
            saw_break = True
        j += 1
    if j >= len(usable):
        return False
    return (not saw_break) if layout.double_spaced else saw_break


_FULL_LINE = 50  # characters: a line this long that stops mid-sentence was wrapped (as layout.py reads one)
_OPENING = 100  # characters: more than any title, fewer than most lines of running text; a wider line is cut


def _opening(usable: list[Line], nxt: Line | None, at: dict[int, int]) -> str | None:
    """The first characters of the paragraph that starts at nxt, its wrapped lines joined (a full line that ends with
    no stop goes on below it): the same words however the extraction wrapped them."""
    if nxt is None:
        return None
    parts, k = [nxt.text], at[id(nxt)] + 1
    while (k < len(usable) and not usable[k].blank and len(parts[-1]) >= _FULL_LINE and not _TERMINAL.search(parts[-1])
           and sum(len(x) + 1 for x in parts) < _OPENING):
        parts.append(usable[k].text)
        k += 1
    joined = " ".join(parts)
    return joined if len(joined) <= _OPENING else joined[:_OPENING].rsplit(" ", 1)[0]


def _next_text(usable: list[Line], i: int) -> Line | None:
    """The first line after usable[i] with text, or None (walked by index: a slice of the rest copied the
    whole list on every line, time the lines squared)."""
    for k in range(i + 1, len(usable)):
        if not usable[k].blank:
            return usable[k]
    return None


def _raw_is_space(line: Line) -> bool:
    return line.blank and line.indent > 0


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()


def norm_title(title: str) -> str:
    """Normalised form of a title, for matching against a contents list."""
    return _norm(title)
