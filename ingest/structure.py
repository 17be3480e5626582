"""Sections as a tree and citable passages, from blocks."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .blocks import Block
from .ids import slugify
from .joiner import Joined, join_lines
from .markers import Candidate
from .model import Passage, Section
from .numbering import LETTERED_PART, PARAGRAPH_NUMBER
from .sentences import sentence_spans

MAX_PASSAGE = 1200
_PARAGRAPH_NUMBER = re.compile(rf"{PARAGRAPH_NUMBER}\.")
_LETTERED = re.compile(rf"{LETTERED_PART}\s")


@dataclass
class RecommendationBlock:
    """A 'Recommendation N' heading and its bullets, as found in the text."""

    number: int
    heading: Block
    items: list[Block]
    section: str
    passage_ids: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # passage ids in the same section before it


@dataclass
class Structure:
    """What the block pass yields."""

    sections: list[Section]
    passages: list[Passage]
    joined: dict[str, Joined]  # passage id -> its reader text with source offsets
    recommendations: list[RecommendationBlock]
    section_blocks: dict[str, list[Block]]
    # passage id -> the passage it continues, where one paragraph was split into several
    continues: dict[str, str] = field(default_factory=dict)


def build_structure(report_id: str, blocks: list[Block], source: str, markers: list[Candidate],
                    page_of, body_end: int) -> Structure:
    """Turn blocks into sections, passages and recommendation blocks."""
    sections: list[Section] = []
    passages: list[Passage] = []
    joined: dict[str, Joined] = {}
    continues: dict[str, str] = {}
    recs: list[RecommendationBlock] = []
    section_blocks: dict[str, list[Block]] = {}
    top: Section | None = None
    current: Section | None = None
    used_ids: set[str] = set()
    index = MarkerIndex(markers)

    def new_section(title: str, level: int, kind: str, number: str | None, block: Block | None, start: int):
        nonlocal top, current
        parent = top.id if (level == 2 and top is not None) else None
        base = slugify(f"{number} {title}" if number and kind != "appendix" else title, 50)
        sid = f"{report_id}/{(parent.split('/', 1)[1] + '/') if parent else ''}{base}"
        n = 2
        while sid in used_ids:
            sid = f"{report_id}/{(parent.split('/', 1)[1] + '/') if parent else ''}{base}-{n}"
            n += 1
        used_ids.add(sid)
        sec = Section(sid, title, level, kind, number, parent, start, start, page_of(start))
        sections.append(sec)
        section_blocks[sid] = []
        if level == 1:
            top = sec
        current = sec
        return sec

    pending: list[Block] = []  # paragraph/item blocks waiting to become passages
    open_rec: RecommendationBlock | None = None

    def emit(kind: str = "auto"):
        nonlocal pending
        if not pending:
            return []
        ids = _make_passages(report_id, pending, source, index, current, passages, joined, kind, page_of)
        continues.update(zip(ids[1:], ids))
        pending = []
        return ids

    for block in blocks:
        if current is None and block.kind != "heading":
            new_section("Front matter", 1, "front", None, None, block.start)
        if block.kind == "heading":
            emit_pending(open_rec, emit)
            open_rec = None
            title = block.title or block.lines[0].text
            if block.level == 1:
                new_section(title if block.section_kind != "appendix" or not block.number else
                            _appendix_title(block), 1, block.section_kind, block.number, block, block.start)
            else:
                if top is None:
                    new_section("Front matter", 1, "front", None, None, block.start)
                new_section(title, 2, "subsection", None, block, block.start)
            continue
        section_blocks[current.id].append(block)
        if block.kind == "recommendation-heading":
            emit_pending(open_rec, emit)
            open_rec = RecommendationBlock(int(block.number), block, [], current.id,
                                           before=[p.id for p in passages if p.section == current.id])
            recs.append(open_rec)
            pending = [block]
            continue
        if open_rec is not None:
            # its bullets, or the paragraph that states it ("Recommendation 3" / "The Trust shall …")
            if block.kind == "item" or (block.kind == "paragraph" and not open_rec.items):
                open_rec.items.append(block)
                pending.append(block)
                continue
            emit_pending(open_rec, emit)
            open_rec = None
        if block.kind == "item":
            pending.append(block)
            continue
        # A lead-in ending with a colon gathers the list items (and short lines such as
        # meeting dates) that follow it.
        if pending and _ends_with_colon(pending[0]) and len(_block_text(block)) < 40:
            pending.append(block)
            continue
        emit()
        pending = [block]
    emit_pending(open_rec, emit)
    # Each section ends where the next one starts; the last ends at the body's end.
    ordered = sorted(sections, key=lambda s: s.start)
    for i, sec in enumerate(ordered):
        later = [s.start for s in ordered[i + 1:] if s.level <= sec.level or s.parent != sec.id]
        sec.end = min(later) if later else body_end
    return Structure(sections, passages, joined, recs, section_blocks, continues)


def emit_pending(open_rec, emit):
    """Flush pending blocks; as a recommendation passage when a recommendation is open."""
    ids = emit("recommendation" if open_rec is not None else "auto")
    if open_rec is not None:
        open_rec.passage_ids.extend(ids)


def _appendix_title(block: Block) -> str:
    return block.title


def _block_text(block: Block) -> str:
    return " ".join(ln.text for ln in block.lines)


def _ends_with_colon(block: Block) -> bool:
    return block.lines[-1].text.rstrip().endswith(":")


class MarkerIndex:
    """The markers in source order, so a run of blocks takes only those in its own span (every passage
    reading every marker of the report was time the passages times the markers)."""

    def __init__(self, markers: list[Candidate]):
        self.markers = sorted(markers, key=lambda m: m.start)
        self.starts = [m.start for m in self.markers]
        self.longest = max((m.end - m.start for m in self.markers), default=0)

    def within(self, lo: int, hi: int) -> list[Candidate]:
        """Every marker that starts in [lo, hi), and some just before lo that may reach into it."""
        return self.markers[bisect.bisect_left(self.starts, lo - self.longest - 1):bisect.bisect_left(self.starts, hi)]


def _make_passages(report_id, blocks: list[Block], source: str, index: MarkerIndex, section: Section,
                   passages: list[Passage], joined: dict[str, Joined], kind: str, page_of) -> list[str]:
    """Join blocks (a paragraph, or a lead-in and its list) into one or more passages."""
    lines = [ln for b in blocks for ln in b.lines]
    # a line's text lies in [start - 1, end) (the space before it included): markers outside its blocks' span
    # change nothing in the joined text
    near = index.within(min(ln.start for ln in lines) - 1, max(ln.end for ln in lines) + 1) if lines else []
    marker_spans = [(m.start, m.end) for m in near]
    parts: list[Joined] = []
    for b in blocks:
        j = join_lines(b.lines, source, marker_spans)
        if b.kind == "item" and not j.text.startswith("•") and not _LETTERED.match(j.text):  # "(a) …" is marked
            j = Joined("• " + j.text, [j.offsets[0], j.offsets[0]] + j.offsets)
        parts.append(j)
    # joined once at the end: a string grown part by part is copied each time (a list of thousands of items)
    texts: list[str] = []
    offsets: list[int] = []
    for j in parts:
        if offsets:  # some text before this part (a text and its offsets are of one length)
            texts.append("\n")
            offsets.append(offsets[-1])
        texts.append(j.text)
        offsets.extend(j.offsets)
    whole = Joined("".join(texts), offsets)
    if kind != "recommendation":
        kind = "list" if any(b.kind == "item" for b in blocks) else "paragraph"
    chunks = [c for c in _split(whole) if c.text.strip()]
    # A marker follows the words it cites, so it belongs to the chunk it sits in or, when it closes
    # the chunk (markers are taken out of the reader text), the chunk before it: every marker from a
    # chunk's start up to the next chunk's start, the last chunk taking those up to the blocks' end.
    bounds = [c.offsets[0] for c in chunks[1:]] + [max(b.end for b in blocks)]
    firsts = [blocks[0].start] + [c.offsets[0] for c in chunks[1:]]
    markers = index.within(min(firsts), max(bounds)) if chunks else []
    ids = []
    for chunk, bound in zip(chunks, bounds):
        start, end = chunk.offsets[0], chunk.offsets[-1] + 1
        pid = f"{report_id}-p{len(passages) + 1:04d}"
        first = blocks[0].start if not ids else start
        own = [m for m in markers if first <= m.start < bound]
        for m in own:
            m.passage = pid
        passages.append(Passage(pid, chunk.text, section.id, page_of(start), page_of(end - 1), start, end,
                                sorted({m.number for m in own}), kind, len(passages) + 1))
        joined[pid] = chunk
        ids.append(pid)
    return ids


def _split(whole: Joined) -> list[Joined]:
    """Split text longer than MAX_PASSAGE at sentence boundaries into near-equal chunks."""
    if len(whole.text) <= MAX_PASSAGE:
        return [whole]
    spans = sentence_spans(whole.text)
    # a paragraph's number ("17.") stays with its first sentence: a passage never ends on it
    for k in range(len(spans) - 2, -1, -1):
        if _PARAGRAPH_NUMBER.fullmatch(whole.text[spans[k][0]:spans[k][1]]):
            spans[k:k + 2] = [(spans[k][0], spans[k + 1][1])]
    n_chunks = -(-len(whole.text) // MAX_PASSAGE)
    target = len(whole.text) / n_chunks
    chunks, start, last_end = [], 0, 0
    for i, (s, e) in enumerate(spans):
        if e - start > MAX_PASSAGE and last_end > start:
            chunks.append((start, last_end))
            start = s
        elif e - start >= target and len(chunks) < n_chunks - 1:
            chunks.append((start, e))
            start = spans[i + 1][0] if i + 1 < len(spans) else e
        last_end = e
    if start < len(whole.text):
        chunks.append((start, len(whole.text)))
    out = []
    for s, e in chunks:
        # A single sentence longer than the limit is cut at a word boundary, after the quote it
        # opens where there is one, so a speaker's name stays with the start of what they said. The cuts move
        # along the text (_word_cut reads MAX_PASSAGE characters); slicing off the rest each time was quadratic.
        while e - s > MAX_PASSAGE:
            cut = _word_cut(whole.text[s:s + MAX_PASSAGE])
            out.append(whole.slice(s, s + cut))
            s += cut + 1
        out.append(_strip(whole.slice(s, e)))
    return [_strip(p) for p in out]


def _word_cut(text: str) -> int:
    """Where to cut an over-long sentence: a clause or word boundary, never before its first quote mark."""
    opening = text.find("“", 0, MAX_PASSAGE)
    floor = opening + 1 if opening > 0 else 0
    for mark in ("; ", ", ", " "):
        cut = text.rfind(mark, floor, MAX_PASSAGE)
        if cut > max(floor, MAX_PASSAGE // 3):
            return cut + len(mark) - 1
    return MAX_PASSAGE


def _strip(j: Joined) -> Joined:
    s, e = 0, len(j.text)
    while s < e and j.text[s].isspace():
        s += 1
    while e > s and j.text[e - 1].isspace():
        e -= 1
    return j.slice(s, e)
