"""Names a report defines: "Name (ACR)", "ACR (Name)", "“Department” means …", and which of them are the
report's own words rather than a quotation's."""
from __future__ import annotations

import re
from .names import CONNECTORS, _ACRONYM, _present, fold




_CODE = re.compile(r"^[A-Z]{2,}\d{3,}$")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
# "the HSS Panel Recommendations Review Committee (the “Review Committee”)", "… Board (“the Advisory Board”)": a
# quoted short name of two words or more in brackets
_QUOTED_SHORT = re.compile(r"(?:the\s+)?[“\"‘]\s*(?:the\s+)?(?P<short>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){1,5})\s*[”\"’]")
_CAP_TOKEN = re.compile(r"^[A-Z][\w’'&.-]*,?$|^[A-Z0-9]{2,},?$")


# A defined term: "“Department” means the Department of Business and Trade and any predecessor department",
# "In this report “the Act” refers to the Data Protection Act 2018". Inquiries and statutes define their short
# names so; the definiens must be a capitalised name ("“the Minister” means any Minister of …" names a role).
_MEANS = re.compile(
    r"[“\"‘]((?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4})[”\"’]\s+"
    r"(?:means|refers to|is used to (?:mean|refer to))\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'&-]*\s+(?:(?:of|for|and|the|on|in)\s+)*){0,7}[A-Z][\w’'&-]*(?<![’']s)(?:\s+\d{4})?)"
    # the name ends the clause: "“Subpostmaster” refers to the Post Office’s agents" names no body
    r"(?=\s*(?:[,.;:()]|$|and\b|or\b|from\b|as\b))")


def _name_before(text: str, end: int) -> str:
    """The capitalised name that ends at end ("... the Specialist Crime Directorate"), or ''."""
    tokens = text[:end].split()
    name: list[str] = []
    for tok in reversed(tokens):
        bare = tok.strip("“”\"")
        if _CAP_TOKEN.match(bare) or (name and bare.lower() in CONNECTORS - {"the"}):
            name.insert(0, bare)
            if len(name) > 9:
                break
            continue
        break
    while name and name[0].lower() in CONNECTORS:
        name.pop(0)
    return " ".join(name).rstrip(",").removesuffix("’s").removesuffix("'s")


def _initials_fit(name: str, acronym: str) -> bool:
    """Whether an acronym could stand for name: same first letter, or a digit-bearing code (SCO5)."""
    if any(c.isdigit() for c in acronym):
        return True
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in CONNECTORS]
    return bool(words) and words[0][0].upper() == acronym[0].upper() and len(words) >= 2


def _shortens(name: str, short: str) -> bool:
    """Whether short is made of fewer of name's words, in their order, and ends with its head noun ("Review
    Committee" of "HSS Panel Recommendations Review Committee"; not "the Post Office" of "Post Office Counters
    Limited", which the report may use for the company's later names as well)."""
    words, rest = fold(name).split(), iter(fold(name).split())
    part = fold(short).split()
    return len(part) < len(words) and part[-1] == words[-1] and all(w in rest for w in part)


def definitions(text: str) -> list[tuple[str, str]]:
    """(name, short form) pairs a text defines: "Name (ACR)", "ACR (Name)", "rape command (SCO2)", "(the Met)",
    "“Department” means the Department of …"."""
    out = []
    for m in _PAREN.finditer(text):
        # "the Horizon Shortfall Scheme (“HSS”)": an inquiry quotes the short name it defines
        inner = m.group(1).strip().strip("“”‘’\"'").strip()
        before = text[:m.start()].rstrip()
        if re.fullmatch(r"the [A-Z]\w+", inner):  # "Metropolitan Police Service (the Met)"
            name = _name_before(before, len(before))
            if name:
                out.append((name, inner[4:]))
            continue
        quoted = _QUOTED_SHORT.fullmatch(m.group(1).strip())
        if quoted:
            # a short form of the name right before the brackets: its words are some of the name's, in order,
            # so "the board of directors of the Post Office (the “Post Office Board”)" defines no short name
            name, short = _name_before(before, len(before)), quoted.group("short")
            if name and _shortens(name, short):
                out.append((name, short))
            continue
        if _CODE.match(inner):
            continue  # a written-evidence code such as EIM0020, not a short name
        if _ACRONYM.match(inner) and len(inner) <= 10:
            name = _name_before(before, len(before))
            # "the Cabinet Office’s Behavioural Insights Team (BIT)": the owner before the possessive is no part
            # of the name, unless the initials say it is ("Mayor’s Office for Policing and Crime (MOPAC)").
            owned = re.split(r"\S+[’']s\s+", name)[-1]
            if name and not _initials_fit(name, inner) and owned != name and _initials_fit(owned, inner):
                name = owned
            low = re.search(r"(?<![\w’'])((?:[a-z’'-]+\s+){0,3}(?:command|team|teams|unit|units|hub|hubs))$", before)
            if name and _initials_fit(name, inner) and name != inner:
                out.append((name, inner))
            elif low:
                words = low.group(1).split()
                # Drop determiners and possessives: "its child abuse command" is "child abuse command".
                while words and (words[0] in ("the", "a", "an", "its", "their", "his", "her") or words[0].endswith(("’s", "'s"))):
                    words.pop(0)
                if len(words) >= 2:
                    out.append((" ".join(words), inner))
            continue
        acr = re.search(r"([A-Z][A-Za-z0-9]{1,9})$", before)
        if acr and _ACRONYM.match(acr.group(1)) and re.match(r"[A-Z]", inner) and len(inner.split()) >= 2:
            if inner[0].upper() == acr.group(1)[0] and len(inner) <= 70:
                after = text[m.end():m.end() + 12]
                tail = re.match(r"\s+(command|team|unit|hub)\b", after)  # "SOECA (Sexual Offences ...) command"
                out.append((inner + (" " + tail.group(1).capitalize() if tail else ""), acr.group(1)))
    for m in _MEANS.finditer(text):
        short, name = re.sub(r"^the\s+", "", m.group(1)), m.group(2)
        if len(name.split()) >= 2 and fold(name) != fold(short):
            out.append((name, short))
    return out


# a “…” run of this many words or more is a quotation; shorter ones are names or terms (“HSS”, “full and fair”)
QUOTATION_WORDS = 6
MAX_QUOTED_TEXTS = 6  # a quotation left open runs on through at most this many texts (passages) after it
_QUOTED_RUN = re.compile(r"“[^“”]*”|\"[^\"]*\"")
_NUMBERED_PARAGRAPH = re.compile(r"^\s*\d{1,3}(?:\.\d{1,3})*\.?\s")  # "4.51. As foreshadowed …": the report's words


def own_words(text: str, inside: bool = False) -> tuple[str, bool]:
    """The text with its quotations blanked (same length): what the report says in its own words; and whether a
    quotation is still open at its end. A quotation is a run between quotation marks of QUOTATION_WORDS words or
    more, an opening mark left open to the end of the text, or, when the text begins inside a quotation (inside),
    the words up to the first closing mark."""
    out = list(text)

    def blank(start: int, end: int) -> None:
        out[start:end] = re.sub(r"\S", " ", text[start:end])

    for m in _QUOTED_RUN.finditer(text):
        if len(m.group(0).split()) >= QUOTATION_WORDS:
            blank(m.start(), m.end())
    first_open, first_close = text.find("“"), text.find("”")
    if inside and first_close < 0:
        return " " * len(text) if text else text, True
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        blank(0, first_close + 1)  # a quotation begun before this text ends here
    last_open = text.rfind("“")
    still_open = last_open >= 0 and text.find("”", last_open) < 0
    if still_open:
        blank(last_open, len(text))
    return "".join(out), still_open


def own_texts(texts: list[str]) -> list[str]:
    """Texts in the report's order in their own words (see own_words): a quotation left open at the end of one
    runs on into the next, up to MAX_QUOTED_TEXTS of them, and never into a numbered paragraph."""
    out, inside, carried = [], False, 0
    for text in texts:
        inside = inside and carried < MAX_QUOTED_TEXTS and not _NUMBERED_PARAGRAPH.match(text)
        words, still_open = own_words(text, inside)
        carried = carried + 1 if inside and still_open else 0
        inside = still_open
        out.append(words)
    return out


def _report_definitions(texts: list[str], notes: list[str]) -> list[tuple[str, str]]:
    """The (name, short form) pairs a report's passages and notes define. A definition made inside a quotation
    ("… exempt from Income Tax (IT) …" in a passage the report quotes) is the quoted writer's: it is the report's
    too only when the report defines the short form nowhere in its own words and never uses it there ("the Horizon
    IT Inquiry"), where it may stand for something else."""
    raw = texts + notes
    own_text = own_texts(texts) + own_texts(notes)  # a note does not continue a passage's quotation
    own = [definitions(text) for text in own_text]
    defined = {short for found in own for _, short in found}
    used = "\n".join(own_text)
    out = []
    for text, found in zip(raw, own):  # in the texts' order, as before: the first definition of a name names it
        out += found + [(name, short) for name, short in definitions(text) if (name, short) not in found
                        and short not in defined and not _present(used, short)]
    return out
