"""Sources that differ: when the articles behind an answer give different figures for the same
thing (more than 1.1 million members by the end of 1954 in one, more than 900,000 in another),
the answer shows both, each dated and quoted, and says the sources differ: never one silently.

No model reads the figures: each is read by the support checker's own extraction
(`qa.grounding.facts`), so 1.1 million, 1,100,000 and 一百一十多万 are one figure here exactly as
they are one figure to the checker. Two figures are taken to be about the same thing only when
every test below holds, because a false "the sources differ" misleads a reader more than a
missed one does (each test leans to silence):

- they stand in different articles with different dates (an article's English and Chinese are
  one source: parallel text never disagrees with itself);
- they count the same measure (people, yuan of output, cooperatives), read from the unit after
  the figure or else the noun that heads its clause; a figure whose unit is none of these, or a
  ratio ("3.69 times", "10 percent", "三点六九倍"), is left alone;
- they are set in the same year ("by the end of 1954", "一九五四年底"), never a year they are only
  compared with ("3.69 times that of 1953"); a figure with no year in its sentence is left alone;
- their clauses share enough content words;
- they are not one figure rounded or written another way, nor so far apart that a unit or a
  scope must differ rather than the count (the 1955 currency reform made 10 trillion old yuan
  1 billion new yuan: the records write both).

This sits after the answer: it reads the answer's citations and the passages it was chosen from
and never changes what was chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from qa import event_dates
from qa.event_dates import EventDay, event_days, same_event
from qa.figures import Figure, figures
from qa.grounding import same_number
from qa.records import Citation, Claim, Disagreement, Passage
from qa.sentences import quotable, sentence_lead, split_sentences, substantive

# --- thresholds -----------------------------------------------------------------------------------
# Content words two figures' clauses must share. Three, because nearly every sentence of a
# handicraft archive says "handicraft" and "cooperative": two words in common says little more
# than that both are about the archive's subject.
MIN_SHARED_TERMS = 3
# ... and at least this share of the shorter clause's words, so a long clause does not match
# everything by its size alone.
MIN_SHARED_SHARE = 0.3
# Figures within 5% of each other are one figure rounded differently ("about 2 million" and
# "1.96 million"), not a disagreement; the checker's exact closeness alone would call them two.
ROUNDING = 0.05
# Figures more than three times apart are more likely different units or scopes (old and new
# yuan, a province and the nation, a year's intake and the total) than two counts of one thing.
MAX_RATIO = 3.0

# The measure's name in a Chinese notice.
_ZH_LABEL = {"members": "人数", "output value": "产值", "cooperatives": "合作社数"}


# --- where the figures are ------------------------------------------------------------------------
def _sentences(text: str, offset: int) -> Iterator[tuple[int, int, str, str]]:
    """The quotable sentences of text (which starts at `offset` in its file), cut as the answerer
    cuts them, so each is exactly file_text[start:end]; with each, its lead (`sentences.sentence_lead`)."""
    for s, e in split_sentences(text):
        sent = text[s:e]
        if not substantive(sent):
            continue
        qs, qe = quotable(sent)
        yield offset + s + qs, offset + s + qe, sent[qs:qe], sentence_lead(text, s)


def _cited(c: Citation, passages: list[Passage]) -> tuple[list[Figure], list[Figure]]:
    """A citation's figures as quoted, and as its translation in the same article gives them, each
    translated figure shown by the quoted figure of the same value (else by the translation's own
    sentence)."""
    own = [f for start, end, sent, lead in _sentences(c.quote, c.start)
           for f in figures(sent, c.lang, Claim("", c.source, c.title, c.date, sent, start, end, c.lang),
                            lead or _lead_in(passages, c.source, start))]
    translated: list[Figure] = []
    if c.parallel is not None:
        p = c.parallel
        for start, end, sent, lead in _sentences(p.quote, p.start):
            where = Claim("", c.source, c.title, c.date, sent, start, end, p.lang)
            for f in figures(sent, p.lang, where, lead or _lead_in(passages, c.source, start)):
                twin = next((o for o in own if same_number(o.value, f.value)), None)
                translated.append(Figure(f.value, f.measure, f.year, f.terms, f.lang,
                                         twin.claim if twin else f.claim))
    return own, translated


def _lead_in(passages: list[Passage], source: str, pos: int) -> str:
    """A quote's lead, from the retrieved chunk it stands in (a quote alone does not hold it)."""
    for p in passages:
        ch = p.chunk
        if ch.article_id == source and ch.start <= pos < ch.end:
            return sentence_lead(ch.text, pos - ch.start)
    return ""


def _retrieved(passages: Iterable[Passage]) -> Iterator[Figure]:
    seen: set[tuple[str, int, int]] = set()
    for p in passages:
        ch = p.chunk
        for f in _chunk_figures(ch.article_id, ch.start, ch.text, ch.title, ch.date, ch.lang):
            key = (ch.article_id, f.claim.start, f.claim.end, f.value)
            if key not in seen:
                seen.add(key)
                yield f


@lru_cache(maxsize=4096)
def _chunk_figures(article_id: str, offset: int, text: str, title: str, date: str | None,
                   lang: str) -> tuple[Figure, ...]:
    """A chunk's figures, read once: the same chunks come back question after question, and
    reading their numbers was a fifth of an answer's time. A chunk is of one language."""
    out: list[Figure] = []
    for start, end, sent, lead in _sentences(text, offset):
        out += figures(sent, lang, Claim("", article_id, title, date, sent, start, end, lang), lead)
    return tuple(out)


# --- the comparison -------------------------------------------------------------------------------
def differ(a: float, b: float) -> bool:
    """Two figures for one thing that disagree: not one figure written otherwise or rounded, and
    not so far apart that they must count different things."""
    low, high = sorted((abs(a), abs(b)))
    if same_number(a, b) or high - low <= ROUNDING * high:
        return False
    return low > 0 and high / low <= MAX_RATIO


def _same_thing(f: Figure, g: Figure) -> bool:
    if f.claim.source == g.claim.source or not f.claim.date or not g.claim.date \
            or f.claim.date == g.claim.date:
        return False  # one article (or its translation), or sources that cannot be told apart in time
    if f.lang != g.lang or f.measure != g.measure or f.year != g.year:
        return False
    shared = f.terms & g.terms
    return (len(shared) >= MIN_SHARED_TERMS
            and len(shared) >= MIN_SHARED_SHARE * min(len(f.terms), len(g.terms)))


def find(citations: list[Citation], passages: list[Passage]) -> list[Disagreement]:
    """Figures, then days, that the answer quotes and another article gives differently."""
    return _figures_differ(citations, passages) + _days_differ(citations, passages)


def _figures_differ(citations: list[Citation], passages: list[Passage]) -> list[Disagreement]:
    """Every figure the answer quotes that another article, of another date, gives differently for
    the same measure and year: one Disagreement per measure and year, its claims oldest first."""
    quoted: list[Figure] = []
    own_quoted: list[Figure] = []
    for c in citations:
        own, translated = _cited(c, passages)
        quoted += own + translated
        own_quoted += own
    if not quoted:  # no figure quoted, none to differ over
        return []
    # A cited sentence counts as retrieved even if its passage fell out of the list.
    others: list[Figure] = list(_retrieved(passages)) + own_quoted
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in quoted:
        for g in others:
            if _same_thing(f, g) and differ(f.value, g.value):
                group = groups.setdefault((f.measure, f.year), [])
                group += [h for h in (f, g) if not _repeats(group, h)]
    return [Disagreement(f"{measure}, {year}", _oldest_first(h.claim for h in group))
            for (measure, year), group in groups.items()]


# --- days -----------------------------------------------------------------------------------------
Dated = tuple[EventDay, Claim]


def _days_differ(citations: list[Citation], passages: list[Passage]) -> list[Disagreement]:
    """Every side of a meeting (its opening, its closing) the answer quotes a day for that another
    article, of another date, gives another day: one Disagreement per side of a meeting (the tests
    are qa.event_dates'); its claims oldest first."""
    quoted = [x for c in citations for x in _cited_days(c)]
    if not quoted:
        return []
    seen = {(cl.source, cl.start, d.start) for d, cl in quoted}
    others = quoted + [x for p in passages
                       for x in _chunk_days(p.chunk.article_id, p.chunk.start, p.chunk.text, p.chunk.title,
                                            p.chunk.date, p.chunk.lang)
                       if (x[1].source, x[1].start, x[0].start) not in seen]
    groups: dict[str, list[Dated]] = {}
    for d, cl in quoted:
        for e, other in others:
            if _apart(cl, other) and cl.lang == other.lang and same_event(d, e) and event_dates.differ(d, e):
                group = groups.setdefault(event_dates.what(d, cl.lang), [])
                group += [x for x in ((d, cl), (e, other))
                          if not any(y.source == x[1].source and not event_dates.differ(z, x[0])
                                     for z, y in group)]
    return [Disagreement(what, _oldest_first(cl for _, cl in group), kind="date")
            for what, group in groups.items()]


def _oldest_first(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.date or "", c.source, c.start))


def _apart(a: Claim, b: Claim) -> bool:
    """Two articles told apart in time: not one article (or its translation), both dated, not the
    same day."""
    return a.source != b.source and bool(a.date and b.date) and a.date != b.date


def _cited_days(c: Citation) -> list[Dated]:
    """The days a citation's quote (and its translation) give the sides of a meeting."""
    quotes = [(c.quote, c.start, c.lang)] + ([(c.parallel.quote, c.parallel.start, c.parallel.lang)]
                                             if c.parallel is not None else [])
    return [x for text, offset, lang in quotes
            for x in _days_in(text, offset, c.source, c.title, c.date, lang)]


@lru_cache(maxsize=4096)
def _chunk_days(article_id: str, offset: int, text: str, title: str, date: str | None,
                lang: str) -> tuple[Dated, ...]:
    return tuple(_days_in(text, offset, article_id, title, date, lang))


def _days_in(text: str, offset: int, source: str, title: str, date: str | None, lang: str) -> list[Dated]:
    return [(d, Claim(sent[d.start:d.end], source, title, date, sent, start, end, lang))
            for start, end, sent, _ in _sentences(text, offset) for d in event_days(sent, lang)]


def _repeats(group: list[Figure], f: Figure) -> bool:
    """An article giving the same figure twice (or in both its languages) is one claim."""
    return any(g.claim.source == f.claim.source and same_number(g.value, f.value) for g in group)


def notice(found: list[Disagreement], lang: str) -> str:
    """The sentence that says the sources differ, each figure with its article and date, in the
    question's language; empty when none do."""
    if not found:
        return ""
    if lang == "zh":
        parts = []
        for d in found:
            said = "；".join(f"《{c.title}》（{c.date}）作“{c.value}”" for c in d.claims)
            if d.kind == "date":
                parts.append(f"{d.what}日期：{said}")
                continue
            measure, year = d.what.split(", ")
            parts.append(f"{year}年{_ZH_LABEL.get(measure, measure)}：{said}")
        said_what = "日期" if all(d.kind == "date" for d in found) else "数字"
        return f"各文章的{said_what}不一致——" + "。".join(parts) + "。"
    parts = [f"{d.what}: " + "; ".join(f"“{c.value}” in {c.title} ({c.date})" for c in d.claims)
             for d in found]
    return "The sources differ — " + ". ".join(parts) + "."
