"""One language's nearest rows of a mixed-language collection, without Chroma's metadata filter
where it costs more than it saves.

Chroma (embedded) applies a `where` filter by collecting every matching row's id from its
metadata store before the vector search: a filter matching most of a large collection costs time
in proportion to the collection (on 12,700 sentences, "lang = en" made a query 126 ms instead of
10; at 10,000 articles it dominated a warm answer). A language that holds most rows is found as
well by searching without the filter, a few times wider, and keeping that language's hits; the
filtered search remains for a minority language, for a too narrow result, and whenever other
filters apply. The result is the same rows either way: the nearest `n` of the language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

Hit = TypeVar("Hit")

# Searched unfiltered when the language holds at least this share of the rows; the search is
# widened by the inverse share times WIDEN, so that a mixed pool still yields n of the language.
MAJORITY = 0.5
WIDEN = 1.5


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
