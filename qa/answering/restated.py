"""The same statement in two articles, quoted in the reader's language.

An archive often holds one text twice: a conference record reprints, in a translation of its own,
the instructions a newspaper printed in Chinese with an English translation beside it. A Chinese
question then finds the English-only record's wording first (its English words match what the
glossary makes of the question), though the newspaper says the same thing in Chinese. The reader
asked in Chinese; the article that has it in Chinese answers, and its English stays beside it as
the parallel passage.
"""

from __future__ import annotations

from qa.answering.candidates import Candidate
from qa.language import word_forms

# Content-word overlap (Dice over light stems) above which two English sentences are taken for two
# translations of one statement: the pair that motivated it shares 0.6; sentences of one topic
# that say different things share about 0.2–0.35.
RESTATES = 0.5
# How far below the best sentence the reader's-language one may score and still take its place.
MARGIN = 0.15
_STOP = frozenset("the a an of and or to in on at for by with be is are was were should also can may "
                  "that this it its their as from".split())


def restates(a: str, b: str) -> bool:
    fa, fb = word_forms(a) - _STOP, word_forms(b) - _STOP
    if not fa or not fb:
        return False
    return 2 * len(fa & fb) / (len(fa) + len(fb)) >= RESTATES


def in_reader_language(query_lang: str, cands: list[Candidate]) -> None:
    """Raise the reader's-language sentence whose translation restates the best sentence, when
    the best one is in the other language and comes from another article, to the best's score."""
    if not cands:
        return
    best = max(cands, key=lambda c: c.score)
    if best.lang == query_lang:
        return
    for c in sorted(cands, key=lambda c: c.score, reverse=True):
        if c.score < best.score - MARGIN:
            return
        if c.lang == query_lang and c.article_id != best.article_id and c.parallel is not None \
                and restates(c.parallel.quote, best.text):
            c.score = best.score + 1e-6
            return
