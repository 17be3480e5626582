"""An approximate nearest-neighbour index over the passage and sentence vectors, for ranking a large corpus.

It only proposes: the vectors nearest the question (and those farthest from it, for the lowest cosine that min-max
scaling needs) come from a faiss HNSW graph over 8-bit copies of the vectors, and every cosine the ranking uses is
then computed exactly from the stored float32 vectors (qa.retrieve). What the graph misses is the only
approximation: when it returns the true nearest and farthest vectors, the ranking is the exact one.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

# The fewest sentences an index needs for a ranking to use the ANN index (the ANN_FROM_SENTENCES setting); a build
# with this many writes the ANN index into its folder. Below it every cosine is computed (the same answers, byte for
# byte); measured crossover: see the README, "Scale: where it stands".
ANN_FROM_SENTENCES = 50_000
# Vectors asked of the graph each way (nearest and farthest), and the search breadth (faiss efSearch) it is asked with;
# the far side is asked again for twice as many, up to SEARCH_MAX_K, while the lowest cosine is not certain.
SEARCH_K = 64
SEARCH_MAX_K = 1024
# HNSW's links per vector and its breadth while building (faiss's M and efConstruction).
LINKS = 32
BUILD_BREADTH = 80
FILE = "ann.faiss"
GROUPS = "ann.npz"


def _faiss():
    import faiss  # imported on first use: a corpus below the threshold never loads it

    return faiss


class DenseANN:
    """A faiss HNSW index (inner product, 8-bit scalar quantised) over the distinct vectors among the passage vectors
    then the sentence vectors. A vector id below n_passages is a passage, the others sentence id - n_passages; the
    graph holds each distinct vector once (a text repeated, in a report or across reports, has one vector: many
    equal points spoil an HNSW graph's links, and its search then misses them), and members[starts[j]:starts[j+1]]
    are the vector ids of its j-th point."""

    def __init__(self, index, n_passages: int, members: np.ndarray | None = None, starts: np.ndarray | None = None):
        # members/starts None: the index holds every vector once, in order (as an exhaustive index given whole).
        self.index = index
        self.n_passages = n_passages
        self.members, self.starts = members, starts

    @classmethod
    def build(cls, passage_vectors: np.ndarray, sentence_vectors: np.ndarray) -> "DenseANN":
        """The index over these vectors' distinct values (in order of first use), built on one thread (faiss's
        parallel insertion is not deterministic: one thread gives the same graph for the same vectors)."""
        faiss = _faiss()
        vectors = np.ascontiguousarray(np.concatenate([passage_vectors, sentence_vectors]), dtype=np.float32)
        rows = vectors.view(np.dtype((np.void, vectors.dtype.itemsize * vectors.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))  # distinct vectors in order of first use
        point = rank[inverse.ravel()]
        members = np.argsort(point, kind="stable").astype(np.int64)
        starts = np.searchsorted(point[members], np.arange(len(first) + 1)).astype(np.int64)
        distinct = vectors[members[starts[:-1]]]
        index = faiss.IndexHNSWSQ(vectors.shape[1], faiss.ScalarQuantizer.QT_8bit, LINKS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = BUILD_BREADTH
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            index.train(distinct)
            index.add(distinct)
        finally:
            faiss.omp_set_num_threads(threads)
        return cls(index, len(passage_vectors), members, starts)

    @property
    def n_vectors(self) -> int:
        """How many passage and sentence vectors the index stands for."""
        return self.index.ntotal if self.members is None else len(self.members)

    def save(self, folder: str | os.PathLike) -> None:
        """Write the graph as folder/ann.faiss and its points' vector ids as folder/ann.npz."""
        folder = Path(folder)
        _faiss().write_index(self.index, str(folder / FILE))
        np.savez(folder / GROUPS, n_passages=self.n_passages, members=self.members, starts=self.starts)

    @classmethod
    def load(cls, folder: str | os.PathLike, n_vectors: int) -> "DenseANN | None":
        """The index saved in folder, or None when there is none or it does not stand for n_vectors vectors."""
        folder = Path(folder)
        if not (folder / FILE).exists() or not (folder / GROUPS).exists():
            return None
        with np.load(folder / GROUPS) as groups:
            n_passages, members, starts = int(groups["n_passages"]), groups["members"], groups["starts"]
        index = _faiss().read_index(str(folder / FILE))
        if len(members) != n_vectors or len(starts) != index.ntotal + 1:
            return None
        return cls(index, n_passages, members, starts)

    def search(self, vector: np.ndarray, k: int) -> np.ndarray:
        """The vector ids of the k points (or all, when fewer) the graph finds with the largest inner product with
        vector, by its 8-bit estimate (the caller computes the exact products), with every vector equal to one of
        them. One thread: a server's workers share the cores."""
        faiss = _faiss()
        k = min(k, self.index.ntotal)
        if faiss.omp_get_max_threads() != 1:
            faiss.omp_set_num_threads(1)
        # The breadth per call (not on the shared index): threads of one worker search at once.
        params = faiss.SearchParametersHNSW(efSearch=max(k, 16)) if hasattr(self.index, "hnsw") else None
        _, ids = self.index.search(np.ascontiguousarray(vector, dtype=np.float32)[None, :], k, params=params)
        points = ids[0][ids[0] >= 0]
        if self.members is None:
            return points
        lengths = self.starts[points + 1] - self.starts[points]
        ends = np.cumsum(lengths)
        return self.members[np.repeat(self.starts[points] - (ends - lengths), lengths) + np.arange(ends[-1] if len(ends) else 0)]


def _products(vectors: np.ndarray, rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """vectors[rows] @ vector, on this thread: a BLAS product would split these few rows over threads, whose
    start and wait cost ten times the product on a busy machine (2.2 against 0.2 ms of CPU for 4,096 rows). Sums
    may differ from the whole product's in the last bit."""
    return np.vecdot(vectors[rows], vector)


class ExactCosines:
    """A question's exact cosines with the passages (and their sentences) a ranking has looked at so far: NaN for
    the others. dense is what the ranking's dense score is: the larger of a passage's cosine and its best
    sentence's (qa.retrieve.Weights.dense "max")."""

    def __init__(self, index, vector: np.ndarray):
        n, m = len(index.passages), len(index.sentences)
        self._index, self._vector = index, vector
        self.passage = np.full(n, np.nan, dtype=np.float32)
        self.sentence = np.full(m, np.nan, dtype=np.float32)
        self.best = np.full(n, np.nan, dtype=np.float32)  # its closest sentence's cosine (-1 for no sentence)
        self.dense = np.full(n, np.nan, dtype=np.float32)
        self.known = np.zeros(n, dtype=bool)

    def ensure(self, passages: np.ndarray) -> np.ndarray:
        """Compute the cosines of these passages and of all their sentences; returns those not known before."""
        new = np.unique(passages)
        new = new[~self.known[new]]
        if not len(new):
            return new
        ix, v = self._index, self._vector
        self.passage[new] = _products(ix.passage_vectors, new, v)
        rows, starts, ends = ix.derived.runs(new)
        best = np.full(len(new), -1.0, dtype=np.float32)
        if len(rows):
            cos = _products(ix.sentence_vectors, rows, v)
            self.sentence[rows] = cos
            filled = ends > starts
            best[filled] = np.maximum(best[filled], np.maximum.reduceat(cos, starts[filled]))
        self.best[new] = best
        self.dense[new] = np.maximum(self.passage[new], best)
        self.known[new] = True
        return new

    def ensure_ids(self, ids: np.ndarray, n_passages: int) -> None:
        """Compute the cosines of the passages these ANN ids (DenseANN) are, or hold."""
        ix = self._index
        self.ensure(np.concatenate([ids[ids < n_passages], ix.sentence_passage[ids[ids >= n_passages] - n_passages]]))

    def values(self, ids: np.ndarray, n_passages: int) -> np.ndarray:
        """The exact cosines of these ANN ids (their passages made known first)."""
        is_passage = ids < n_passages
        return np.where(is_passage, self.passage[np.where(is_passage, ids, 0)],
                        self.sentence[np.where(is_passage, 0, ids - n_passages)])
