"""The answer's facts and sentences: rows grouped by report, items in the report's order, lists in words."""
from __future__ import annotations

import re

from ..relations import HEAD_RULES, PREDICATES

from .patterns import _PLURAL


# How a fact's relation reads between its subject and object ("Recommendation 1 is addressed to MOPAC").
RELATION_WORDS = {**{name: labels[0] for name, labels in PREDICATES.items()}, "addressedTo": "is addressed to",
                  "concerns": "concerns", "deadline": "sets the deadline", "mentions": "mentions",
                  "gaveEvidenceOn": "gave evidence on", "witnessIn": "gave evidence to the body of", "standsFor": "stands for", "creator": "was written by",
                  "spokeAbout": "spoke about", "text": "reads"}


# org:headOf is a body's chair where the rule that found it reads a chair ("Chair of …", "chaired by"), else its
# head ("Head of BIT", "Detective Chief Superintendent responsible for SOECA": HEAD_RULES), which a reader should not
# read as chairing. The rule decides, not the quote's words: "Head of the Chair's Office" heads.
_HEADS = ("heads", "head")


def head_words(rows: list[dict]) -> tuple[str, str] | None:
    """("heads", "head") when a rule that reads a head made some of these headOf rows' claims, else None (they chair)."""
    return _HEADS if any(HEAD_RULES & set(r.get("rules") or ()) for r in rows) else None


def _fact(subject: str, relation: str, obj: str, row: dict, titles: dict) -> dict:
    evidence = {"passage": row.get("evidence") if not row.get("note") else None,
                "note": int(row["note"]) if row.get("note") else None,
                "page": int(row["page"]) if row.get("page") else None, "quote": row.get("exact")}
    if row.get("heading"):  # a recommendation concerns the topic its heading names: the heading is the evidence
        evidence["heading"] = row["heading"]
    label = RELATION_WORDS.get(relation, relation)
    if relation == "headOf" and head_words([row]):
        label = _HEADS[0]
    return {"subject": subject, "relation": relation, "relation_label": label,
            "object": obj, "evidence": evidence,
            "report": row.get("report"), "report_title": titles.get(row.get("report") or "")}


def _evidence(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["evidence"] for r in rows if r.get("evidence") and not r.get("note")))


def _numbers_named(listed: str) -> list[str]:
    """"1 and 7" as [1, 7]; "1 to 3" as [1, 2, 3] (whole numbers only: "8.2 to 8.5" gives its two ends)."""
    out: list[str] = []
    for part in re.split(r"\s*(?:,|and|&|or)\s*", listed):
        ends = re.split(r"\s*(?:to|-|–)\s*", part)
        if len(ends) == 2 and all(e.isdigit() for e in ends) and 0 < int(ends[1]) - int(ends[0]) < 50:
            out += [str(n) for n in range(int(ends[0]), int(ends[1]) + 1)]
        else:
            out += [e for e in ends if e]
    return list(dict.fromkeys(out))


def _group_by(rows: list[dict], key) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def _group(rows: list[dict]) -> dict[str, list[dict]]:
    return _group_by(rows, lambda r: r.get("report") or "")


def _once(rows: list[dict], key: str) -> list[dict]:
    return list({r[key]: r for r in reversed(rows)}.values())[::-1]


def _once_each(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    """The first row of each combination of these keys' values, in order."""
    return list({tuple(r[k] for k in keys): r for r in reversed(rows)}.values())[::-1]


def _by_report(rows: list[dict], key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        names = out.setdefault(r.get("report") or "", [])
        if r[key] not in names:
            names.append(r[key])
    return out


def _sentence(relation: str, end: str, named: str, found: dict[str, list[str]], titles: dict,
              named_in: dict[str, str] | None = None, verbs: tuple[str, str] | None = None) -> str:
    """"Recommendations 1, 2, 7 and 8 are addressed to MOPAC." for each report the facts come from; named_in gives
    the entity's name in a report where the question's name for it is no name of its own ("the sub-committee");
    verbs the relation's (singular, plural) verb where the facts call for another than its label (head_words)."""
    parts = []
    whole = named
    for rid, names in found.items():
        named = (named_in or {}).get(rid, whole)
        recs = all(n.startswith("Recommendation ") for n in names)
        listed = _numbered([n.split(" ", 1)[1] for n in names]) if recs else join_words(names)
        many = len(names) > 1
        if end == "object":
            singular, plural = verbs or _PLURAL.get(relation, (PREDICATES.get(relation, (relation,))[0],) * 2)
            verb = plural if many else singular
            tail = " to account" if relation == "holdsToAccount" else ""
            parts.append(f"{listed} {verb} {named}{tail}{_in_report(rid, titles)}")
        else:
            label = verbs[0] if verbs else PREDICATES.get(relation, (relation, relation))[0]
            if relation == "holdsToAccount":  # "MOPAC holds the Met to account", not "holds to account … to account"
                label, tail = label.removesuffix(" to account"), " to account"
            else:
                tail = ""
            parts.append(f"{named} {label} {listed}{tail}{_in_report(rid, titles)}")
    return "; ".join(parts) + "."


def _in_report(rid: str, titles: dict) -> str:
    return f" (in {titles[rid]})" if rid in titles and len(titles) > 1 else ""


def _numbered(numbers: list[str]) -> str:
    """Recommendation 7, or Recommendations 1, 2, 7 and 8 (in the report's order, not the alphabet's: 2 before 10)."""
    return f"Recommendation{'s' if len(numbers) > 1 else ''} {join_words(sorted(numbers, key=number_order))}"


def number_order(label: str) -> tuple:
    """A sort key that orders the numbers in a label as numbers: "8.2" before "8.10", "2" before "10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.findall(r"\d+|\D+", label))


def join_words(items, conjunction: str = "and") -> str:
    """Items as a sentence lists them: "A", "A and B", "A, B and C" (or "or" for the conjunction)."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
