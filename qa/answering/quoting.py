"""The chosen sentences as quotes: each with the sentence before it where the question needs it,
overlapping sentences of one article merged into one span, and each quote trimmed of list debris
(`quotable`) into a citation. Every quote stays exactly `text[start:end]` of its file."""

from __future__ import annotations

import re
from dataclasses import replace

from qa.answering.candidates import Candidate, overlaps
from qa.answering.kinds import has_type
from qa.language import years
from qa.query import Query
from qa.records import Citation, Parallel
from qa.sentences import quotable


def in_context(query: Query, chosen: list[Candidate]) -> list[Candidate]:
    """Each sentence with the one before it where it needs it, unless that one is already quoted
    on its own: one passage is never quoted twice under overlapping spans."""
    out = []
    for c in chosen:
        wide = _with_context(query, c)
        out.append(c if any(overlaps(wide, o) for o in chosen if o is not c) else wide)
    return out


def with_speaker(query: Query, chosen: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    """Asked who said something, a list item that says it ("(3) Blindly pursuing
    semi-mechanization … is a hasty and rash move") names no one: the list's opening, which names
    its speaker ("Liu Shaoqi offered several points: (1) …"), is quoted before it."""
    if query.wants != "person":
        return chosen
    out: list[Candidate] = []
    for c in chosen:
        if c.lead and not has_type("person", c.text):
            opening = next((o for o in cands if o.text == c.lead and o.article_id == c.article_id
                            and o.lang == c.lang), None)
            if opening is not None and not any(o is opening or overlaps(o, opening) for o in chosen + out):
                out.append(opening)
        out.append(c)
    return out


def _with_context(query: Query, c: Candidate) -> Candidate:
    """Quote the sentence before as well when the year or name the question asks about is only
    there ("In 1955, ... about 2 million; the total output value should be ..."). The quote stays
    one exact span of the file."""
    if c.context_start is None:
        return c
    names = set(query.names)
    needs = (query.years & years(c.context)) - years(c.text) or {
        n for n in names if n in c.context and n not in c.text}
    if not needs:
        return c
    ch = c.passage.chunk
    text = ch.text[c.context_start - ch.start: c.end - ch.start]
    return Candidate(c.passage, c.context_start, c.end, text, c.score, c.lang, parallel=c.parallel,
                     dense=c.dense, lexical=c.lexical)


def citations_for(cands: list[Candidate], start_n: int = 1) -> list[Citation]:
    """One citation a sentence, each quoting the sentence less its list debris (`quotable`).
    Sentences that overlap in one article are quoted once, as one span: the same words under
    [1] and [2] would read as two sources agreeing."""
    out = []
    for i, c in enumerate(_merge_overlaps(cands)):
        s, e = quotable(c.text)
        parallel = c.parallel
        if parallel is not None:
            ps, pe = quotable(parallel.quote)
            parallel = Parallel(parallel.quote[ps:pe], parallel.start + ps, parallel.start + pe,
                                parallel.lang)
        out.append(Citation(n=start_n + i, source=c.article_id, title=c.passage.chunk.title,
                            date=c.passage.chunk.date, quote=c.text[s:e], start=c.start + s,
                            end=c.start + e, lang=c.lang, parallel=parallel))
    return out


def _merge_overlaps(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        same = next((o for o in out if o.article_id == c.article_id and o.start < c.end
                     and c.start < o.end), None)
        if same is None:
            out.append(c)
            continue
        first, last = (same, c) if same.start <= c.start else (c, same)
        text = first.text + last.text[first.end - last.start:] if last.end > first.end else first.text
        merged = replace(same, start=first.start, end=max(first.end, last.end), text=text,
                         parallel=same.parallel if same.parallel == c.parallel else None)
        out[out.index(same)] = merged
    return out


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
