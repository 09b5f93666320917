"""Articles out of the index: by id (`qa remove`, the Library's "Remove"), or because their files
are gone (`qa ingest --prune`).

Nothing else changes: every other article keeps its chunks, sentence vectors, stored text and
manifest entry. The keyword index hides the removed articles' chunks (qa.tombstones): bm25s
cannot delete a document from its postings, and indexing all the others again takes half a minute
in a ten-thousand-article archive. Past TOMBSTONE_SHARE of its rows, it is indexed again instead,
from the others' saved tokens.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from qa import tombstones
from qa.config import Config
from qa.errors import QAError
from qa.index import KEYWORD_DIR, Store
from qa.shelf import mirror
from qa.writelock import writing


def remove(config: Config, article_ids: Iterable[str],
           warn: Callable[[str], None] | None = None) -> list[str]:
    """Remove these articles; an id the index does not hold is an error and nothing is removed.
    Returns the ids removed."""
    warn = warn or (lambda msg: print(f"warning: {msg}", file=sys.stderr))
    wanted = list(dict.fromkeys(article_ids))
    with writing(config.index_dir, waiting=warn):
        mirror(config, locked=True)  # with a Chroma server: start from what it holds
        store = Store.open(config)
        try:
            unknown = [a for a in wanted if a not in store.manifest.articles]
            if unknown:
                raise QAError(f"not in the index: {', '.join(unknown)} (`qa info --articles` lists the "
                              f"articles' ids); nothing was removed")
            live = store.manifest.chunks
            removing = {a: int(store.manifest.articles[a].get("chunks", 0)) for a in wanted}
            drop(store, wanted)
            keyword_dir = store.index_dir / KEYWORD_DIR
            if tombstones.fits(keyword_dir, live, removing):
                tombstones.add(keyword_dir, removing)
            else:
                store.rebuild_keyword(wanted)
            store.commit()
        finally:
            store.close()
    return wanted


def drop(store: Store, article_ids: Iterable[str]) -> None:
    """Delete the articles' chunks and sentences and their manifest entries (committed by the
    caller, with the keyword index)."""
    for article_id in article_ids:
        store.delete_article(article_id)
        del store.manifest.articles[article_id]


def missing_files(store: Store, folders: Iterable[Path]) -> list[str]:
    """The articles whose files lay inside one of these folders and are gone. Only the folders
    given: an article from another folder, or uploaded, is not this ingest's to judge."""
    roots = [Path(f).resolve() for f in folders if Path(f).is_dir()]
    gone = []
    for article_id, entry in store.manifest.articles.items():
        path = Path(entry["path"])
        if any(path.is_relative_to(root) for root in roots) and not path.exists():
            gone.append(article_id)
    return gone
