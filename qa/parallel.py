"""Parallel text: which sentences of an article's Chinese original translate which English ones.

Written here because no offline library aligns sentences by multilingual embeddings (vecalign and
bleualign need their own models or a translation system). The method is theirs: a monotonic
dynamic programme over "beads" (1–1, 1–2, 2–1, 1–3, 3–1, 1–0, 0–1 sentences), so a translation
that splits or merges sentences still aligns.

Raw cosines of multilingual-e5 are compressed (a translation pair scores 0.85–0.95, two unrelated
sentences of the same article 0.78–0.84), so a fixed cut-off lets an off-by-one alignment cost
almost nothing. Scores are therefore margin-normalised (Artetxe & Schwenk 2019): a pair counts
by how far its cosine stands above each side's typical similarity to its nearest other sentences,
and a bead earns the margins of all the pairs it links.
"""

from __future__ import annotations

import numpy as np

# How many nearest neighbours make a sentence's "typical" similarity (the margin's baseline).
NEIGHBOURS = 4
# Each extra pair a merged bead links costs this: translations mostly keep sentence boundaries,
# and a sentence barely above its typical similarity should stay out of a merge.
MERGE_COST = 0.005
# Far from the diagonal, a look-alike sentence (a headline, a repeated formula) loses.
DRIFT = 0.05
# Fewer sentences than this give no usable estimate of a language's mean direction.
CENTRE_MIN = 4
_BEADS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1))


def _baseline(sim: np.ndarray, axis: int) -> np.ndarray:
    k = min(NEIGHBOURS, sim.shape[axis])
    part = -np.sort(-sim, axis=axis)
    part = part[:k] if axis == 0 else part[:, :k]
    return part.mean(axis=axis)


def _centred(v: np.ndarray) -> np.ndarray:
    """Vectors less their language's mean direction, renormalised. All sentences of one language
    share a large common component; left in, the mean of two neighbours scores higher against a
    translation than either alone, and merged beads win where 1–1 is right."""
    if len(v) < CENTRE_MIN:
        return v
    c = v - v.mean(axis=0)
    return c / (np.linalg.norm(c, axis=1, keepdims=True) + 1e-9)


def align(a: np.ndarray, b: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Beads (rows of a, rows of b) covering both in order; a and b are normalised vectors."""
    n, m = len(a), len(b)
    if not n or not m:
        return [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
    a, b = _centred(a), _centred(b)
    sim = a @ b.T
    margin = sim - (_baseline(sim, 1)[:, None] + _baseline(sim, 0)[None, :]) / 2
    best = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i, j] == -np.inf:
                continue
            for di, dj in _BEADS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                gain = 0.0  # an unaligned sentence gains nothing
                if di and dj:
                    gain = _bead_gain(margin, i, ni, j, nj)
                if best[i, j] + gain > best[ni, nj]:
                    best[ni, nj] = best[i, j] + gain
                    back[(ni, nj)] = (i, j)
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[(i, j)]
        beads.append((list(range(pi, i)), list(range(pj, j))))
        i, j = pi, pj
    return beads[::-1]


def _bead_gain(margin: np.ndarray, i: int, ni: int, j: int, nj: int) -> float:
    """A bead earns the margins of every pair it links: a sentence joins a merge only when it
    is itself closer to the other side than is typical, so a merge cannot absorb a neighbour."""
    n, m = margin.shape
    drift = abs((i + ni) / (2 * n) - (j + nj) / (2 * m))
    pairs = (ni - i) * (nj - j)
    return float(margin[i:ni, j:nj].sum()) - DRIFT * drift * pairs - MERGE_COST * (pairs - 1)


def counterparts(spans_a: list[tuple[int, int]], vecs_a: np.ndarray, spans_b: list[tuple[int, int]],
                 vecs_b: np.ndarray) -> tuple[dict[tuple[int, int], tuple[int, int]],
                                              dict[tuple[int, int], tuple[int, int]]]:
    """For each sentence span of either side, the span of the other side it translates (the
    whole bead's extent), when it has one."""
    a_to_b: dict[tuple[int, int], tuple[int, int]] = {}
    b_to_a: dict[tuple[int, int], tuple[int, int]] = {}
    for ia, ib in align(vecs_a, vecs_b):
        if not ia or not ib:
            continue
        span_a = (spans_a[ia[0]][0], spans_a[ia[-1]][1])
        span_b = (spans_b[ib[0]][0], spans_b[ib[-1]][1])
        for k in ia:
            a_to_b[spans_a[k]] = span_b
        for k in ib:
            b_to_a[spans_b[k]] = span_a
    return a_to_b, b_to_a
