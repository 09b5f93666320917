"""Articles removed from the keyword index without indexing the rest again.

bm25s cannot drop a document, and indexing every other chunk again grows with the archive: with
ten thousand articles it took about half a minute, so `qa remove` of one article did too. A removal
instead lists the article here, beside the keyword index; the index then hides its chunks from
every search and count (qa.keyword), and the next ingest that writes the keyword index leaves them
out for good.

Until then BM25's word weights (inverse document frequency, average chunk length) still count the
removed chunks, as Lucene's do for deleted documents until its segments merge. `TOMBSTONE_SHARE`
bounds that: once the removed chunks would pass that share of the index, the removal indexes the
rest again instead. The counts the answerer reads (how many chunks hold a word) are exact at once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FILE = "removed.json"  # in the keyword index's folder: {article id: its chunks}
# At most this share of the keyword index's rows may be removed ones: a word's weight then moves
# by at most log(1/0.95) ≈ 0.05 of its value (in a 10,000-article archive, about 500 articles).
# Below a few hundred chunks (a small archive) one removal passes it, and the index is rebuilt,
# which is then quick.
TOMBSTONE_SHARE = 0.05


def read(keyword_dir: Path) -> dict[str, int]:
    """The removed articles listed beside a keyword index, with their chunk counts."""
    try:
        return json.loads((keyword_dir / FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def fits(keyword_dir: Path, live_chunks: int, removing: dict[str, int]) -> bool:
    """Whether these removals may be listed rather than indexed again: the keyword index exists
    and its removed rows stay within TOMBSTONE_SHARE."""
    if not keyword_dir.is_dir():
        return False
    removed = sum(read(keyword_dir).values()) + sum(removing.values())
    rows = live_chunks + sum(read(keyword_dir).values())
    return rows > 0 and removed <= TOMBSTONE_SHARE * rows


def add(keyword_dir: Path, removing: dict[str, int]) -> None:
    """List these articles as removed (written beside, then swapped in: a reader sees the old list
    or the new one)."""
    listed = read(keyword_dir) | removing
    tmp = keyword_dir / f".{FILE}.tmp"
    tmp.write_text(json.dumps(listed, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, keyword_dir / FILE)
