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
from dataclasses import replace

from qa.answering.candidates import Candidate
from qa.corpus import HEADER_FIELD
from qa.sentences import is_reference

# How many of the best-ranked articles are tried for a header (the best one may be a record with none).
PUBLICATION_TRIES = 2
_PAGE_Q = re.compile(r"\bpage\b|第几版|哪一版|哪个版|版面", re.IGNORECASE)


def header_lines(question: str, best: Candidate, text: str) -> list[Candidate]:
    """The header line (the page line for a page question, else the date line) of the article
    `best` comes from, as candidates quoting it; empty when the article has no such header."""
    wanted = "Page" if _PAGE_Q.search(question) else "Date"
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        m = HEADER_FIELD.match(stripped)
        if not m:
            if stripped:
                break  # the header is the run of Field: lines at the top
            pos += len(line)
            continue
        if m.group(1) == wanted and m.group(2).strip():
            start = pos + line.index(stripped)
            out.append(_quoting(best, start, stripped))
        pos += len(line)
    return out


def source_lines(best: Candidate, text: str) -> list[Candidate]:
    """The line citing the source of the article `best` comes from, as a candidate quoting it."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and is_reference(stripped):
            start = pos + line.index(stripped)
            return [_quoting(best, start, stripped)]
        pos += len(line)
    return []


def _quoting(best: Candidate, start: int, line: str) -> Candidate:
    return replace(best, start=start, end=start + len(line), text=line, lang="en", context="",
                   context_start=None, parallel=None, lead="", following="")
