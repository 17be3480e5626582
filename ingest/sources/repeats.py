"""Notes that repeat an earlier note's sources: "Ibid." and "op. cit.", at their own places."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Source
from ..transcripts import places_in

# "Ibid." and its English forms: the Commons' "As above" (HC 179 has 23), "idem".
_IBID = re.compile(r"^(?:ibid|ibidem|idem|as above)\b\.?", re.I)
_OP_CIT = re.compile(r"^(.{2,80}?),?\s+op\.?\s*cit\b", re.I)


def repeated(text: str, cited: list) -> list[Source]:
    """"Ibid." repeats the last note's sources; "Laming, op. cit." the last that names Laming."""
    if _IBID.match(text):
        # the note just before, whatever it names: an older note's source would be a wrong citation
        if not cited:
            return []
        return _at_own_place([replace(s, label=text, kind_basis="ibid") for s in cited[-1].sources], text)
    m = _OP_CIT.match(text)
    if m:
        who = m.group(1).strip()
        for earlier in reversed(cited):
            if earlier.sources and who in (earlier.text or ""):
                return _at_own_place([replace(s, label=text, kind_basis="op. cit.") for s in earlier.sources],
                                     text[m.end():])
    return []


def _at_own_place(sources: list[Source], text: str) -> list[Source]:
    """"Ibid at [126/4] to [130/4]" repeats a transcript at another place: when the note repeated cites a transcript
    first, that transcript takes the places the note gives (its day kept unless the note gives one); a note that
    gives none keeps the places. A pinpoint after a note that cites a witness statement first ("[87/188]" is its
    page and paragraph) is that statement's, and moves no transcript."""
    first = sources[0] if sources and sources[0].kind == "transcript" else None
    day = first.transcripts[0].day if first and first.transcripts else None
    places = places_in(text, day) if first else []
    if first is not None and places and places[0].page is not None:
        first.transcripts = places
    for s in sources:
        if s is not first or not places or places[0].page is None:
            s.transcripts = [replace(p) for p in s.transcripts]  # its own copies: the two notes' places are apart
    return sources
