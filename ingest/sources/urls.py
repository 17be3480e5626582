"""URLs in notes, and the report's listed URLs matched to the sources whose notes they clearly belong to."""
from __future__ import annotations

import re

URL = re.compile(r"(https?://\S+|www\.\S+)")
_URL_DATE = re.compile(r"(\d{1,2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{4})")
_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "is", "are", "be", "as", "at", "by", "with",
         "from", "http", "https", "www", "com", "co", "uk", "org", "gov", "html", "htm", "pdf", "news", "site",
         "documents", "default", "files", "sites", "key", "issues"}


def url_tokens(url: str) -> set[str]:
    """Words in a URL's path, for matching it to a note's title."""
    path = re.sub(r"^https?://[^/]+", "", url)
    return {t for t in re.split(r"[^a-z]+", path.lower()) if len(t) > 2 and t not in _STOP}


def text_tokens(text: str) -> set[str]:
    """Words in a note, for matching URLs."""
    return {t for t in re.split(r"[^a-z]+", text.lower().replace("-", "")) if len(t) > 2 and t not in _STOP} | \
        {t for t in re.split(r"[^a-z]+", text.lower()) if len(t) > 2 and t not in _STOP}


def attach_urls(report, urls: list[tuple[str, int, int]]) -> None:
    """Give each listed URL to the sources it clearly matches: a dated transcript URL to the oral evidence of
    that day, any other to the notes that hold most of its words."""
    distinct = list(dict.fromkeys(u for u, _, _ in urls))
    sources = [(n, s) for n in report.notes for s in n.sources]
    for url in distinct:
        m = _URL_DATE.search(url)
        if m and "transcript" in url.lower():
            month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].index(m.group(2)) + 1
            iso = f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
            for note, s in sources:
                # the transcript of a meeting records the oral evidence given there
                if s.kind in ("transcript", "oral evidence") and s.date == iso and not s.url:
                    s.url = url
            continue
        tokens = url_tokens(url)
        if len(tokens) < 2:
            continue
        scored = []
        for note, s in sources:
            overlap = len(tokens & text_tokens(note.text or ""))
            scored.append((overlap / len(tokens), overlap, note.number, s))
        scored.sort(key=lambda x: (-x[0], -x[1]))
        # Clear: most of the URL's words are in one note's title, and more than in any other.
        if scored and scored[0][0] >= 0.6 and scored[0][1] >= 2:
            best = scored[0][0]
            for ratio, _, _, s in scored:
                if ratio == best and not s.url:
                    s.url = url
