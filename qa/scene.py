"""The scene a question is set in, apart from what it asks.

A question may set a scene before asking ("In the spring after the Fifth conference, a symposium
met. Which trades …?") and names the event it asks about ("at the Third national conference", "the
December 1955 meeting"). Those words find the source; in the event's own article, where every
sentence restates its name, they do not say which sentence answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.language import conference_phrases, content_terms, tokenize
from qa.timeref import TimeRef

# An asking sentence with fewer content words than this ("What is that phrase?") leans on the
# scene for what it asks: the scene's words then count in full.
_OWN_TERMS = 3


def scene_words(whole: str, asking: str) -> frozenset[str]:
    """The words only of the statements a question opens with, when it asks in a sentence of its own."""
    own = set(content_terms(asking))
    if asking == whole or len(own) < _OWN_TERMS:
        return frozenset()
    return frozenset(content_terms(whole)) - own


# A time span next to the noun of a meeting dates that meeting ("the December 1955 conference",
# "the meeting held in March 1956").
_MEETING = r"(?:conference|meeting|symposium|congress|session|会议|大会|座谈会)"


def event_words(question: str, time: TimeRef) -> frozenset[str]:
    """The words that name the event a question is set in: a conference by its ordinal, a time
    span or year next to the noun of a meeting."""
    words = {t for phrase in conference_phrases(question) for t in tokenize(phrase)}
    for span in [*time.spans, *re.findall(r"\b1[89]\d\d\b", question)]:
        near = re.compile(rf"{re.escape(span)}\W+(?:\w+\W+){{0,2}}?{_MEETING}|{_MEETING}\W+(?:\w+\W+){{0,3}}?"
                          rf"{re.escape(span)}", re.IGNORECASE)
        if near.search(question):
            words |= set(tokenize(span))
    return frozenset(words)


@lru_cache(maxsize=65536)
def _title_terms(title: str, title_zh: str) -> frozenset[str]:
    # Every question reads every title: an archive's titles are tokenized once, not per question.
    return frozenset(tokenize(title)) | frozenset(tokenize(title_zh))


# An article is the one a question names when the question shares this many of its title's words.
_TITLE_SHARED = 3


def event_focus(question: str, event: frozenset[str], articles: dict[str, dict], time: TimeRef,
                 ordinals: set[int]) -> dict:
    """The articles a question names its event by (ordinal, date, three title words) and the
    question less the words naming it (`focus_text`, `titled`); empty when it names none."""
    named = set(event)
    titled = set(time.articles) | {a for a, e in articles.items() if ordinals & set(e.get("ordinals") or ())}
    q_terms = set(content_terms(question))
    for aid, entry in articles.items():
        shared = q_terms & _title_terms(entry.get("title") or "", entry.get("title_zh") or "")
        if len(shared) >= _TITLE_SHARED:
            named |= shared
            titled.add(aid)
    if not titled or not named:
        return {}
    kept = [w for w in question.split() if not set(tokenize(w)) or not set(tokenize(w)) <= named]
    if len(set(content_terms(" ".join(kept)))) < 2 or len(kept) == len(question.split()):
        return {}
    return {"focus_text": " ".join(kept), "titled": frozenset(titled)}
