"""What an archive says of its files: a `metadata.csv` (or `metadata.json`) in the ingested
folder, one row per file. Columns (all but `file` optional, any order, case ignored):

    file         the file's path from the folder holding the table (or its bare name)
    title        the article's title
    date         1955-01-09, 1955-01, 1955 (partial dates stay partial), or a range
                 "1953-11-20 to 1953-12-17"
    publication  the newspaper or journal (`newspaper` is read as the same)
    page         the page it was printed on
    author
    language     en, zh (or eng, chi_sim, chi_tra): the language(s) scanned pages are read in

A JSON table is a list of such objects, or an object keyed by file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from qa.corpus import UnreadableFile, decode, read_bounded

NAMES = ("metadata.csv", "metadata.json")
COLUMNS = ("title", "date", "publication", "page", "author", "language")
_ALIASES = {"newspaper": "publication", "filename": "file", "path": "file", "lang": "language"}


class Metadata:
    """The tables found above a set of files, read once each."""

    def __init__(self) -> None:
        self._tables: dict[Path, dict[str, dict[str, str]] | None] = {}
        self.problems: list[str] = []

    def row(self, path: Path) -> dict[str, str]:
        """The fields the nearest table (in the file's folder or a folder above it) gives the
        file; {} when none does."""
        path = path.resolve()
        for folder in path.parents:
            table = self._table(folder)
            if table is None:
                continue
            rel = path.relative_to(folder).as_posix()
            found = table.get(rel) or table.get(path.name)
            if found is not None:
                return found
        return {}

    def _table(self, folder: Path) -> dict[str, dict[str, str]] | None:
        if folder not in self._tables:
            self._tables[folder] = None
            for name in NAMES:
                f = folder / name
                if f.is_file():
                    try:
                        self._tables[folder] = read_table(f)
                    except UnreadableFile as e:
                        self.problems.append(f"{e}; the files it describes are read without it")
                    break
        return self._tables[folder]


def read_table(f: Path) -> dict[str, dict[str, str]]:
    text = decode(str(f), read_bounded(f, 50_000_000))
    if f.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise UnreadableFile(f"{f}: not valid JSON (line {e.lineno}: {e.msg})") from None
        rows = ([dict(v, file=k) for k, v in data.items() if isinstance(v, dict)]
                if isinstance(data, dict) else data)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise UnreadableFile(f"{f}: expected a list of objects, one per file")
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        r = {_ALIASES.get(str(k).strip().lower(), str(k).strip().lower()): str(v).strip()
             for k, v in r.items() if k is not None and v is not None}
        if "file" not in r:
            raise UnreadableFile(f"{f}: no `file` column (it names the file each row describes)")
        if r["file"]:
            out[r["file"].lstrip("./")] = {k: v for k, v in r.items() if k in COLUMNS and v}
    return out
