"""A word table in SQLite beside the index (synonyms, translations): written once beside its
place and moved in, read through one read-only connection per thread."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


def write_table(path: Path, table: str, columns: tuple[str, str], rows: Iterable[tuple[str, str]]) -> None:
    """A two-column table (key, value) at `path`; a reader never sees it half written."""
    key, value = columns
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.execute(f"CREATE TABLE {table} ({key} TEXT PRIMARY KEY, {value} TEXT NOT NULL)")
    con.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
    con.commit()
    con.close()
    os.replace(tmp, path)


def install(path: Path, build: Callable[[Path], bool], cache_dir: Path | None) -> None:
    """Put the table at `path`: from the cache when it was built there before, else built into
    the cache first (when it can be written) so the next index gets it at once. The table is
    linked, or copied across file systems, and moved in whole."""
    cached = cache_dir / path.name if cache_dir is not None else None
    if cached is not None and not cached.exists():
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            build(cached)
        except (OSError, sqlite3.Error):  # a read-only or full cache: the index gets its own table
            cached = None
    if cached is None or not cached.exists():
        build(path)
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(cached, tmp)
    except OSError:
        shutil.copyfile(cached, tmp)
    os.replace(tmp, path)


class WordTable:
    """Read-only look-ups; an absent file reads as empty (the answerer then goes without)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._local = threading.local()  # one connection per thread (the UI answers in several)

    def _con(self) -> sqlite3.Connection | None:
        if self.path is None or not self.path.exists():
            return None
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                                    check_same_thread=False)
        return con
