"""A near miss of the typed kind: the passages speak of just what is asked, but without the figure
asked for ("The State Bank shall allocate a certain percentage of its annual loan amount
…"), and the sentence that does give a figure is about something else ("60 to 70 percent of the
industrial products needed by farmers"). Quoting that figure would answer another question; the
answer is a refusal that shows the sentence which speaks of the thing asked.

Judged by how many of the question's words (less the archive's frame) each sentence itself
speaks of, in any form or by a synonym: the chosen sentences against the closest sentences of
another kind.
"""

from __future__ import annotations

from qa.answering.candidates import Candidate
from qa.answering.coverage import Coverage, question_words
from qa.query import Query
from qa.thesaurus import Thesaurus

# The closest sentences of another kind looked at, and how many more of the question's words one
# must speak of than the chosen sentences do, and what share of them it must hold. Set once and
# checked on dev (one near miss more refused, nothing lost); not swept.
LOOK_AT, MORE_WORDS, HELD_SHARE = 5, 3, 0.5


def _covered(words: list[str], text: str, thesaurus: Thesaurus | None) -> int:
    cover = Coverage(text, thesaurus)
    return sum(bool(cover.accounts_for(w)) for w in words)


def speaks_of_it_without(query: Query, chosen: list[Candidate], ranked: list[Candidate],
                         thesaurus: Thesaurus | None, frame: frozenset[str]) -> Candidate | None:
    """The sentence that speaks of what a figure question asks but gives none, when the
    chosen sentences speak of much less of it; None otherwise."""
    # Only figures: a date is often written apart from what it dates (a speech's date in the list
    # of sources, a dispatch's dateline), a figure beside what it counts. And not a question that
    # places its subject by another event or time ("the conference whose report the Central
    # Committee endorsed in June 1954"): a sentence about that event holds many of its words
    # without being what is asked.
    if query.wants != "number" or query.lang != "en" or not chosen or query.time.spans:
        return None
    # Every content word, ordinary ones too ("State", "Bank", "annual"): the comparison is between
    # sentences, not a judgement that one word is missing.
    words = [w for w in question_words(query.text) if w.isascii() and w.lower() not in frame]
    if len(words) < 3:
        return None
    said = _covered(words, " ".join(c.text for c in chosen if c.lang == "en"), thesaurus)
    ids = {id(c) for c in chosen}
    for c in [c for c in ranked if id(c) not in ids and c.lang == "en"][:LOOK_AT]:
        held = _covered(words, c.text, thesaurus)
        if held >= said + MORE_WORDS and held >= HELD_SHARE * len(words):
            return c
    return None
