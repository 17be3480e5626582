"""Unit tests of the QA building blocks: folding, tokens, the embedding cache, entities, query analysis, metrics."""
from __future__ import annotations

import numpy as np
import pytest

from qa.cache import EmbeddingCache
from qa.encoder import Encoder, HashingEncoder
from qa.errors import BadQuestionSet, EmptyQuestion
from qa.evaluate import Question, answers, load_questions, score
from qa.query import question_types
from qa.text import count_quantities, fold_text, has_date, tokens


class CountingEncoder(HashingEncoder):
    """A hashing encoder that records every text it is asked to embed."""

    def __init__(self):
        super().__init__(64)
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


def test_fold_matches_the_contract():
    assert fold_text("The Met’s  “response”\n– led") == 'the met\'s "response" - led'
    assert fold_text("A—B") == fold_text("a-b")


def test_tokens_stem_and_drop_stop_words():
    assert tokens("The officers were abstracted") == ["offic", "abstract"]
    assert "2,268" in tokens("there were 2,268 sanction detections")


def test_dates_and_quantities():
    assert has_date("SOECA was established in June 2013")
    assert has_date("within 12 months")
    assert not has_date("the police officer is not senior enough")
    assert count_quantities("from 26 in 2012 to 69 in 2013") == 2  # years are not quantities
    assert count_quantities("over 1,000 officers") == 1


def test_hashing_encoder_is_a_deterministic_unit_encoder():
    enc = HashingEncoder(128)
    assert isinstance(enc, Encoder)
    a, b = enc.encode(["officers abstracted", "officer abstraction"]), enc.encode(["officers abstracted"])
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert np.array_equal(a[0], b[0])
    assert a[0] @ a[1] > 0.9  # shared five-letter prefixes


def test_cache_embeds_unchanged_text_once(tmp_path):
    enc = CountingEncoder()
    first = EmbeddingCache(enc, tmp_path).embed(["alpha text", "beta text", "alpha text"])
    assert sorted(enc.seen) == ["alpha text", "beta text"]  # each once (shortest first: see the next test)
    again = EmbeddingCache(enc, tmp_path)  # a new process, the same cache folder
    second = again.embed(["beta text", "alpha text"])
    assert len(enc.seen) == 2 and again.encoded == 0
    assert np.array_equal(second[1], first[0])
    again.embed(["gamma text"])
    assert enc.seen[-1] == "gamma text" and again.encoded == 1
    assert not list(tmp_path.glob("*.tmp"))  # atomic writes leave no temporary files


def test_cache_embeds_shortest_first_and_answers_in_order(tmp_path):
    enc = CountingEncoder()
    texts = ["a much longer text than the others", "short", "a medium text", "short"]
    vectors = EmbeddingCache(enc, tmp_path).embed(texts)
    assert enc.seen == ["short", "a medium text", "a much longer text than the others"]  # batches of one length
    assert np.array_equal(vectors, HashingEncoder(64).encode(texts))  # each vector on its own text


def test_cache_is_keyed_by_model(tmp_path):
    EmbeddingCache(HashingEncoder(64), tmp_path).embed(["some text"])
    other = CountingEncoder()
    other.name = "another-model"
    EmbeddingCache(other, tmp_path).embed(["some text"])
    assert other.seen == ["some text"]
    assert len(list(tmp_path.glob("embeddings-*.npz"))) == 2


def test_damaged_cache_is_rebuilt_not_trusted(tmp_path):
    enc = CountingEncoder()
    cache = EmbeddingCache(enc, tmp_path)
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"not a numpy file")
    assert cache.embed(["text"]).shape == (1, 64)
    assert enc.seen == ["text"]


def test_questions_find_the_registrys_entities_by_every_name(london, tmp_path):
    """The index links questions to the graph's entities: aliases, surnames, offices, names typed in lower case."""
    from qa.index import CorpusIndex

    ix = CorpusIndex([london], HashingEncoder(64), tmp_path)
    matcher = ix.question_matcher
    rowley = ix.registry.resolve("Mark Rowley").key
    for text in ["AC Rowley told us", "Assistant Commissioner Mark Rowley", "what did Rowley say",
                 "according to the Assistant Commissioner"]:
        assert rowley in {e.key for e in matcher.entities(text)}, text
    assert ix.registry.resolve("Malcolm Ward") in matcher.entities("Malcom Ward reported")
    assert [e.label for e in matcher.entities("the multi-agency safeguarding hubs")] == ["MASH"]
    assert [e.label for e in matcher.entities("what is mash?")] == ["MASH"]
    assert not matcher.entities("the weather was fine")
    # Passages are matched as the graph matches its mentions: names as written.
    assert not ix.matcher.entities("the multi-agency safeguarding hubs")


def test_question_types():
    assert "who" in question_types("Who chaired the Safeguarding Working Group?")
    assert "when" in question_types("When was SOECA set up?")
    assert "quantity" in question_types("How many officers were abstracted?")
    assert "said" in question_types("What did AC Rowley say about MASH?")
    assert "reason" in question_types("Why have allegations gone up?")
    assert "define" in question_types("What does IDVA stand for?")
    assert "recommendation" in question_types("What did the committee recommend on training?")
    assert "said" not in question_types("Which case led more people to report abuse?")


def test_answers_folds_and_limits_length():
    assert answers("The Met’s response – led by “Project Azure”", ["the met's response - led by \"project azure\""])
    assert not answers("x" * 1201 + " gold", ["gold"])
    assert not answers("nothing here", ["gold"])


def test_score_counts_hits_rank_and_not_found():
    qs = [Question("a", "q", ["gold"]), Question("b", "q", ["gold"]), Question("c", "q", [])]
    ranked = [["gold here", "x"], ["x", "x", "gold"], ["x"]]
    s = score("m", qs, ranked, found=[True, True, False])
    assert (s.hit1, s.hit3, s.hit5) == (0.5, 1.0, 1.0)
    assert s.mrr10 == pytest.approx((1 + 1 / 3) / 2)
    assert s.unanswerable_caught == "1/1" and s.answerable_refused == "0/2"
    refused = score("m", qs, ranked, found=[False, True, False])
    assert refused.hit1 == 0.0 and refused.answerable_refused == "1/2"


def test_load_questions_rejects_bad_lines(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "question": "q"}\n')
    with pytest.raises(BadQuestionSet):
        load_questions(bad)
    with pytest.raises(BadQuestionSet):
        load_questions(tmp_path / "missing.jsonl")


def test_empty_question_is_refused(london, tmp_path):
    from qa.index import CorpusIndex
    from qa.query import analyse

    ix = CorpusIndex([london], HashingEncoder(64), cache_dir=tmp_path)
    with pytest.raises(EmptyQuestion):
        analyse("  ?! ", ix)


def test_not_found_floor_is_the_measured_one_per_encoder():
    from qa.notfound import MEASURED_FLOORS, NotFoundPolicy

    assert NotFoundPolicy.for_encoder(HashingEncoder()).min_cosine == MEASURED_FLOORS["hashing-"]
    unknown = HashingEncoder()
    unknown.name = "some-other-model"
    assert NotFoundPolicy.for_encoder(unknown).min_cosine < 0  # no floor guessed for an unmeasured model


@pytest.mark.parametrize("question, words", [
    ("How many FGM prosecutions were brought in 2013?", ["prosecutions"]),  # the acronym only qualifies
    ("How many staff work in SOECA?", ["staff", "work"]),
    ("How many child abuse investigation teams does SOECA have?", ["child", "abuse", "investigation", "teams"]),
    ("How many children’s homes are there?", ["children", "homes"]),  # possessive, curly apostrophe
    ("How many MPs sat on the committee?", ["mps", "sat"]),
    # a name of capitalised words qualifies the noun, as an acronym does: investigators are counted
    ("How many Post Office investigators have been charged?", ["investigators"]),
    ("How many Members sat on the committee?", ["members", "sat"]),  # one capitalised word may be the noun
    # a plural that ends a name is the noun (review: "exist" alone was counted, and the question refused)
    ("How many Local Safeguarding Children Boards exist in London?", ["boards", "exist"]),
    ("How many Multi-Agency Safeguarding Hubs operate in London?", ["hubs", "operate"]),
    ("How many times did the Safeguarding Working Group meet?", []),  # answered "twice", "on three occasions"
    ("What is the budget of the Fire Brigade?", []),
    ("how many?", []),
])
def test_what_a_how_many_question_counts(question, words):
    from qa.notfound import counted_words
    assert counted_words(question) == words


def test_counts_are_numbers_number_words_and_no_but_not_years():
    from qa.notfound import _numbers
    from qa.text import plain
    text = plain("There were 9,972 allegations in 2013-14, no prosecutions and thirteen children’s homes.")
    assert [text[i:].split()[0] for i in _numbers(text, set())] == ["9,972", "thirteen", "no"]
    assert _numbers("in 2012 and 2013", set()) == [] and _numbers("32 boards", {"32"}) == []


def test_set_scores_count_every_item_and_nothing_else(tmp_path):
    from qa.evaluate import load_questions, score_sets

    path = tmp_path / "lists.jsonl"
    path.write_text('{"id": "a", "question": "Which recommendations are addressed to MOPAC?", '
                    '"gold_set": ["Recommendation 1", "Recommendation 2"]}\n'
                    '{"id": "b", "question": "What did MOPAC replace?", '
                    '"gold_set": [["Metropolitan Police Authority", "MPA"]]}\n', encoding="utf-8")
    questions = load_questions(path)
    assert [q.gold for q in questions] == [[], []] and "gold_set" in questions[0].extra
    perfect = score_sets(questions, [["recommendation 1", "Recommendation 2"], ["MPA"]])
    assert (perfect.complete, perfect.precision, perfect.recall, perfect.misses) == (2, 1.0, 1.0, [])
    # one item short, one item too many: neither question is complete
    partial = score_sets(questions, [["Recommendation 1"], ["MPA", "MOPAC"]])
    assert partial.complete == 0 and partial.misses == ["a", "b"]
    assert partial.precision == pytest.approx((1.0 + 0.5) / 2) and partial.recall == pytest.approx((0.5 + 1.0) / 2)
    # a passage answer names no set
    assert score_sets(questions, [[], []]).recall == 0.0


def test_a_gold_item_tied_to_a_report_is_met_only_there(tmp_path):
    """"Recommendation 1" of the inquiry is not "Recommendation 1" of another report: a tied gold item needs
    the (report, label) pair; an untied one is met in any report."""
    from qa.errors import BadQuestionSet
    from qa.evaluate import load_questions, score_sets

    path = tmp_path / "lists.jsonl"
    path.write_text('{"id": "a", "question": "Which recommendations of the inquiry set deadlines?", "gold_set": '
                    '[{"report": "po", "item": "Recommendation 1"}, {"report": "po", "item": ["Rec 19", '
                    '"Recommendation 19"]}]}\n{"id": "b", "question": "Who works for DEFRA?", '
                    '"gold_set": ["Gemma Harper"]}\n', encoding="utf-8")
    questions = load_questions(path)
    right = score_sets(questions, [[("po", "Recommendation 1"), ("po", "Recommendation 19")],
                                   [("hc", "Gemma Harper"), ("hl", "Gemma Harper")]])
    assert (right.complete, right.precision, right.recall) == (2, 1.0, 1.0)
    wrong = score_sets(questions[:1], [[("hc", "Recommendation 1"), ("po", "Recommendation 19")]])
    assert wrong.complete == 0 and wrong.recall == 0.5 and wrong.precision == 0.5
    assert score_sets(questions[:1], [["Recommendation 1", "Recommendation 19"]]).recall == 0.0  # no report said
    path.write_text('{"id": "c", "question": "?", "gold_set": [{"report": "po"}]}\n', encoding="utf-8")
    with pytest.raises(BadQuestionSet, match="report"):
        load_questions(path)


def test_derived_arrays_agree_with_loops_over_the_corpus(london, tmp_path):
    """The per-question shortcuts of qa/derived.py give what the loops they replaced gave: the first best sentence
    of each passage (ties included), each passage's sentences, the rankable passages, the entity matches."""
    from qa.index import CorpusIndex

    ix = CorpusIndex([london], HashingEncoder(64), tmp_path)
    d = ix.derived
    rng = np.random.default_rng(7)
    values = rng.integers(0, 3, len(ix.sentences)).astype(np.float32)  # few values: many ties
    expected = np.full(len(ix.passages), -1)
    for j in range(len(ix.sentences)):
        p = ix.sentence_passage[j]
        if expected[p] < 0 or values[j] > values[expected[p]]:
            expected[p] = j
    assert d.best_by_passage(values).tolist() == expected.tolist()
    top = [5, 0, 40]
    assert d.sentences_of(top).tolist() == [j for j, s in enumerate(ix.sentences) if s.passage in top]
    keep = rng.random(len(ix.passages)) < 0.7
    assert ix.repeat_of, "the bundled report restates its recommendations"
    rankable = [i for i in range(len(ix.passages)) if keep[i] and not (i in ix.repeat_of and keep[ix.repeat_of[i]])]
    assert np.flatnonzero(d.rankable(keep)).tolist() == rankable
    assert d.reports_within(keep) == {london.id}
    for key, hits in d.entity_passages.items():
        assert set(hits.tolist()) >= {i for i, inf in enumerate(ix.info) if key in inf.entities}
    for i, p in enumerate(ix.passages):
        assert ix.info[i].entities == {m.key for m in ix.matcher.find(p.text)}


def test_a_witness_list_entry_never_answers_what_someone_said(london, tmp_path):
    """The bundled report's lists of members, guests, written evidence and site visits (pp.31-32) are list entries;
    asked what a listed witness said, the answer's passages are the ones that quote or cite her, not her entry."""
    from qa.index import CorpusIndex
    from qa.service import QA

    ix = CorpusIndex([london], HashingEncoder(64), tmp_path)
    listed = {ix.passages[i].id.rsplit("-", 1)[1] for i, inf in enumerate(ix.info) if inf.listing}
    assert {"p0112", "p0113", "p0115"} <= listed  # "13 March 2014 • Cheryl Coppell, Chair of …"
    assert not ix.derived.bare_listing[[i for i, inf in enumerate(ix.info) if inf.statements]].any()
    qa = QA.from_index(ix)
    for question in ["What did Cheryl Coppell say?", "What did Helen Bailey tell the working group?"]:
        cited = [p["id"].rsplit("-", 1)[1] for p in qa.ask(question, k=3)["passages"]]
        assert "p0113" not in cited, (question, cited)
    # asked who was listed, the list is still what answers
    assert qa.ask("Which guests attended the meeting on 13 March 2014?", k=3)["passages"][0]["id"][-5:] in {"p0112", "p0113"}


def test_a_gold_item_of_a_report_not_loaded_is_not_asked_for(tmp_path):
    """A question that names no report ("Which recommendations set a deadline?") is answered from every report
    loaded: its gold set ties each item to its report, and only the loaded reports' items are asked for."""
    from qa.evaluate import load_questions, score_sets

    path = tmp_path / "lists.jsonl"
    path.write_text('{"id": "a", "question": "Which recommendations set a deadline?", "gold_set": '
                    '[{"report": "met", "item": "Recommendation 3"}, {"report": "po", "item": "Recommendation 1"}]}\n',
                    encoding="utf-8")
    questions = load_questions(path)
    alone = score_sets(questions, [[("met", "Recommendation 3")]], loaded={"met"})
    assert (alone.complete, alone.precision, alone.recall) == (1, 1.0, 1.0)
    both = [[("met", "Recommendation 3"), ("po", "Recommendation 1")]]
    assert score_sets(questions, both, loaded={"met", "po"}).complete == 1
    # with both loaded, the answer that names one report's item alone is short
    assert score_sets(questions, [[("met", "Recommendation 3")]], loaded={"met", "po"}).recall == 0.5
    # an answer naming an item of a report the gold does not ask for is not complete
    assert score_sets(questions, both, loaded={"met"}).precision == 0.5
    # with neither report loaded the question is none of theirs: not counted, whatever the answer
    none = score_sets(questions, [[]], loaded={"hc"})
    assert (none.questions, none.complete, none.misses) == (0, 0, [])
