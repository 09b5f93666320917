"""Parallel text: which sentences of an article's Chinese original translate which English ones.

Written here because no offline library aligns sentences by multilingual embeddings (vecalign and
bleualign need their own models or a translation system). The method is theirs: a monotonic
dynamic programme over "beads" (1–1, 1–2, 2–1, 1–0, 0–1 sentences), scoring a bead by the cosine
of the mean vectors on each side, so a translation that splits or merges sentences still aligns.
"""

from __future__ import annotations

import numpy as np

# A pair of sentences aligns when its cosine is above this (multilingual-e5: an English sentence
# and its Chinese translation score about 0.85–0.95, unrelated sentences of one article 0.75–0.8).
SKIP = 0.8
DRIFT = 0.2
_BEADS = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


def align(a: np.ndarray, b: np.ndarray) -> list[tuple[list[int], list[int]]]:
    """Beads (rows of a, rows of b) covering both in order; a and b are normalised vectors."""
    n, m = len(a), len(b)
    if not n or not m:
        return [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
    sim = a @ b.T
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
                    if di + dj == 2:
                        c = float(sim[i, j])
                    else:
                        va, vb = a[i:ni].mean(axis=0), b[j:nj].mean(axis=0)
                        c = float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb) + 1e-9))
                    # A translation keeps the order and roughly the place of what it renders:
                    # far from the diagonal, a look-alike sentence (a headline) loses.
                    drift = abs((i + ni) / (2 * n) - (j + nj) / (2 * m))
                    gain = (c - SKIP - DRIFT * drift) * (di + dj) / 2
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
