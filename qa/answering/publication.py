"""When and where an article itself appeared: its header's date and page.

"When did the paper carry the story?", "on which page did it appear?", "哪天见报？", "第几版？"
ask about the article as a publication, not about what it reports: no sentence of its body says
so, but its header does ("Date: 1954-07-13", "Page: 1"), and that line is quoted, at its offsets,
like any sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answering.candidates import Candidate
from qa.corpus import HEADER_FIELD

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
            out.append(replace(best, start=start, end=start + len(stripped), text=stripped, lang="en",
                               context="", context_start=None, parallel=None, lead="", following=""))
        pos += len(line)
    return out
