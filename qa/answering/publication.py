"""Lines about the article itself: when and where it appeared, and where its text comes from.

"When did the paper carry the story?", "on which page did it appear?", "哪天见报？", "第几版？"
ask about the article as a publication, not about what it reports: no sentence of its body says
so, but its header does ("Date: 1954-07-13", "Page: 1"). "Where's that background from?" asks the
line citing the article's source ("Contemporary Chinese Economy.Gang Gong 2012"), which a search
with the question's words seldom retrieves. Either line is quoted, at its offsets, like any
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from qa.answering.candidates import Candidate
from qa.aspects import asks_publication, asks_source_of_text
from qa.corpus import header_fields
from qa.sentences import is_reference

# How many of the best-ranked articles are tried (the best one may be a record with no header).
PUBLICATION_TRIES = 2
_PAGE_Q = re.compile(r"\bpage\b|第几版|哪一版|哪个版|版面", re.IGNORECASE)


def about_the_article(question: str, ranked: list[Candidate], prefer: Iterable[str],
                      article_text: Callable[[str], str]) -> list[Candidate]:
    """The header or source line answering a question about the article itself, from the best-ranked
    article that has one (a conversation's own articles first: a record without a header was
    never "carried" by a paper); empty for any other question."""
    publication = asks_publication(question)
    if not publication and not asks_source_of_text(question):
        return []
    prefer = set(prefer)
    first: dict[str, Candidate] = {}
    for c in sorted(ranked, key=lambda c: c.article_id not in prefer):
        first.setdefault(c.article_id, c)
    for best in list(first.values())[:PUBLICATION_TRIES]:
        text = article_text(best.article_id)
        lines = header_lines(question, best, text) if publication else source_lines(best, text)
        if lines:
            return lines
    return []


def header_lines(question: str, best: Candidate, text: str) -> list[Candidate]:
    """The header line (the page line for a page question, else the date line) of the article
    `best` comes from, as candidates quoting it; empty when the article has no such header."""
    wanted = "Page" if _PAGE_Q.search(question) else "Date"
    return [_quoting(best, f.start, text[f.start:f.end]) for f in header_fields(text)[0]
            if f.name == wanted and f.value]


def source_lines(best: Candidate, text: str) -> list[Candidate]:
    """The line citing the source of the article `best` comes from, as a candidate quoting it."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and is_reference(stripped):
            return [_quoting(best, pos + line.index(stripped), stripped)]
        pos += len(line)
    return []


def _quoting(best: Candidate, start: int, line: str) -> Candidate:
    return replace(best, start=start, end=start + len(line), text=line, lang="en", context="",
                   context_start=None, parallel=None, lead="", following="")
