"""One language's nearest rows of a mixed-language collection, without Chroma's metadata filter
where it costs more than it saves.

Chroma (embedded) applies a `where` filter by collecting every matching row's id from its
metadata store before the vector search: a filter matching most of a large collection costs time
in proportion to the collection (on 12,700 sentences, "lang = en" made a query 126 ms instead of
10; at 10,000 articles it dominated a warm answer). A language that holds most rows is found as
well by searching without the filter, a few times wider, and keeping that language's hits; the
filtered search remains for a minority language, for a too narrow result, and whenever other
filters apply. The result is the same rows either way: the nearest `n` of the language.

The filter costs as much for a language holding few rows (the ids are still gathered from the
whole metadata store: 390 ms a query on 250,000 rows, 5% of them Chinese), so such a language's
rows are held in memory, read once, and searched exactly (`Held`): a few milliseconds.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

Hit = TypeVar("Hit")

# Searched unfiltered when the language holds at least this share of the rows; the search is
# widened by the inverse share times WIDEN, so that a mixed pool still yields n of the language.
MAJORITY = 0.5
WIDEN = 1.5
# A language with at most this many rows is held in memory (a 384-dimension model: 77 MB).
HELD_MAX = 50_000


@dataclass
class Held:
    """One language's rows of a collection, in memory: ids, unit vectors, metadatas, texts."""

    ids: list[str]
    vectors: np.ndarray
    metadatas: list[dict[str, Any]]
    documents: list[str]

    def nearest(self, query: Sequence[float], n: int) -> list[tuple[int, float]]:
        """The n rows nearest the query by cosine, nearest first: (row, cosine distance)."""
        if not self.ids or n <= 0:
            return []
        q = np.asarray(query, dtype=np.float32)
        distance = 1.0 - self.vectors @ (q / (np.linalg.norm(q) or 1.0))
        k = min(n, len(distance))
        top = np.argpartition(distance, k - 1)[:k]
        top = top[np.argsort(distance[top], kind="stable")]
        return [(int(i), float(distance[i])) for i in top]


def hold(collection: Any, lang: str) -> Held:
    """Read one language's rows of a Chroma collection (one filtered read, once)."""
    got = collection.get(where={"lang": lang}, include=["embeddings", "metadatas", "documents"])
    vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return Held(list(got["ids"]), vectors / np.where(norms == 0, 1.0, norms), list(got["metadatas"]),
                list(got["documents"] or [""] * len(got["ids"])))


class HeldLanguages:
    """The minority languages' rows of each collection, read on first use and kept. A majority
    language is never held: its filtered search is only the rare fallback, and reading its rows
    would cost more (1.3 s for 12,000 sentences) than many such searches."""

    def __init__(self) -> None:
        self._held: dict[tuple[str, str], Held] = {}
        self._lock = threading.Lock()

    def rows(self, collection: Any, lang: str, share: float, rows: int) -> Held | None:
        if share >= MAJORITY or share * rows > HELD_MAX:
            return None
        key = (collection.name, lang)
        with self._lock:
            if key not in self._held:
                self._held[key] = hold(collection, lang)
            return self._held[key]


def nearest_in_language(search: Callable[[int, bool], Sequence[Hit]], lang_of: Callable[[Hit], str],
                        lang: str, n: int, share: float, rows: int) -> list[Hit]:
    """The nearest `n` hits in `lang`. `search(k, filtered)` returns the nearest k rows, of the
    language only when `filtered`; `share` is the language's share of the `rows` rows searched."""
    if n <= 0 or rows <= 0:
        return []
    if share >= MAJORITY:
        wide = min(rows, math.ceil(n / share * WIDEN))
        got = search(wide, False)
        own = [h for h in got if lang_of(h) == lang]
        # Enough of the language, or every row was returned: the language's nearest n are these.
        if len(own) >= n or len(got) >= rows:
            return own[:n]
    return list(search(n, True))
