"""Text helpers shared by the index, the ranking and the evaluation: folding, tokens, numbers and dates."""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from ingest.fold import fold_text  # noqa: F401  (the one fold of running text, for qa as for the graph)
from ingest.vocabulary import NUMBER_WORD


# English stop words plus the words every question carries; kept small so 'not', 'no' and numbers survive.
STOPWORDS = frozenset("""
a an the and or but if of at by for with about against between into through during before after above below to
from up down in out on off over under again further then once here there all any both each few more most other
some such own same so than too very s t can will just don should now is are was were be been being have has had
having do does did doing i me my we our ours you your he him his she her it its they them their what which who
whom this that these those am would could also how when where why whose
""".split())

_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word."""
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words and numbers of text, apostrophes folded ('Met’s' gives 'met')."""
    folded = fold_text(text).replace("'s ", " ").replace("'", "")
    return [w.rstrip(".,") for w in _WORD.findall(folded)]


def tokens(text: str) -> list[str]:
    """Stemmed content words: the BM25 vocabulary."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{_MONTHS}) (?:\d{{4}})\b|\b(?:19|20)\d\d(?:-\d\d)?\b|\bby the end of the year\b"
                  rf"|\bwithin (?:the next )?\d+ months\b", re.I)
NUMBER = re.compile(rf"\b\d[\d,]*(?:\.\d+)?(?: per cent|%)?|\b(?:{NUMBER_WORD}|hundreds|thousands|"
                    r"half|one-third|third|quarter)\b", re.I)


def has_date(text: str) -> bool:
    """Whether text names a date, a year or a deadline."""
    return bool(DATE.search(text))


def count_quantities(text: str) -> int:
    """How many numbers and quantities text states, leaving out bare years."""
    return sum(1 for m in NUMBER.finditer(text) if not re.fullmatch(r"(?:19|20)\d\d", m.group(0)))


# A sum of money as reports write it: "£1.2 million", "$300", "20,000 pounds".
MONEY = re.compile(r"[£$€]\s?\d|\b\d[\d,.]*\s?(?:million |billion |m |bn )?(?:pounds|euros|dollars)\b", re.I)
_MONEY_NOUN = r"(?:salary|salaries|wages?|pay|budgets?|costs?|spending|expenditure|funding|price|fees?|income)"
# 'What is the (Met's annual) budget …', 'What (annual) salary does …': the words before the money noun qualify it.
_PRICED_PHRASE = re.compile(rf"^(?:what|how much) (?:is|was|are|were|will be)\b.*?\b(?:the|its|their|his|her|a|an)"
                            rf" ((?:[a-z-]+ ){{0,2}}{_MONEY_NOUN})\b"
                            rf"|^(?:what|which) ((?:[a-z-]+ ){{0,2}}{_MONEY_NOUN})"
                            rf" (?:does|do|did|is|was|will|would|has)\b")
_PRICED_VERB = re.compile(r"^how much\b.*\b(?:cost|costs|spend|spends|spent|pay|pays|paid|earn|earns|earned|fund|"
                          r"funded|money)\b")


def plain(text: str) -> str:
    """Lower case, straight apostrophes, possessives off: "Children’s" and "children's" are "children"."""
    return re.sub(r"'s\b", "", fold_text(text))


def priced_words(question: str) -> list[str] | None:
    """The words of what a question asks the price of ('What is the Met's annual budget …' gives [annual,
    budget]; 'How much did Operation Limelight cost?' gives []); None when it asks for no sum of money."""
    q = plain(question)  # possessives off, as the not-found rules read questions
    m = _PRICED_PHRASE.match(q)
    if m:  # 'What is the annual budget …' or 'What annual budget does …'
        return [w for w in (m.group(1) or m.group(2)).split() if w not in STOPWORDS]
    return [] if _PRICED_VERB.match(q) else None


def count_money(text: str) -> int:
    """How many sums of money text states."""
    return len(MONEY.findall(text))
