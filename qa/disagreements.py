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

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from qa.grounding import facts, same_number
from qa.language import EN_STOPWORDS, content_terms, year_positions
from qa.records import Citation, Claim, Disagreement, Passage
from qa.sentences import quotable, split_sentences, substantive

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
# How many words after a figure may name its unit ("4,806 handicraft production cooperatives").
UNIT_REACH = 4

# --- measures -------------------------------------------------------------------------------------
# What a figure counts, by the unit after it or the noun heading its clause. English words are
# matched whole and in any case; Chinese units are the character after the figure.
_EN_MEASURES = {
    "members": re.compile(r"members?|membership|people|persons?|workers?|(?:handi)?craftsm[ae]n|artisans?"
                          r"|labou?rers?|employees?", re.IGNORECASE),
    "output value": re.compile(r"yuan|value|output|gdp", re.IGNORECASE),
    "cooperatives": re.compile(r"(?:co-?operatives?|co-ops?|hpcs?)", re.IGNORECASE),
}
_ZH_UNITS = {"人": "members", "名": "members", "元": "output value"}
_ZH_NOUNS = {"members": re.compile(r"社员|人数|职工|手工业者|工人|成员"),
             "output value": re.compile(r"产值|总值|价值"),
             "cooperatives": re.compile(r"合作社|社数")}
# The measure's name in a Chinese notice.
_ZH_LABEL = {"members": "人数", "output value": "产值", "cooperatives": "合作社数"}

_EN_FIGURE = re.compile(
    r"(?:\b(?:more than|over|about|around|nearly|almost|approximately|some|at least|less than|fewer than)"
    r"\s+)?(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:thousand|million|billion|trillion)\b)?",
    re.IGNORECASE)
_ZH_NUMERAL = "0-9.零〇一二两三四五六七八九十百千万亿点"
_ZH_FIGURE = re.compile(rf"[{_ZH_NUMERAL}]+(?:[多余](?:万亿|亿|万)?)?")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]*|[^\sA-Za-z]")
_EN_RATIO_AFTER = re.compile(r"\s*(?:times\b|percent\b|per cent\b|%|-?fold\b)", re.IGNORECASE)
# "increased by 10,000", "an increase of 10,000": a change, not the level a count reached.
_EN_CHANGE_BEFORE = re.compile(r"\b(?:by|(?:increase|rise|growth|decrease|drop|fall) of)\s+$", re.IGNORECASE)
_ZH_RATIO_AFTER = re.compile(r"^(?:倍|%|％|成)")
_ZH_CHANGE_BEFORE = re.compile(r"(?:百分之|增加了?|增长了?|减少了?|提高了?)$")
_ZH_DATE_AFTER = re.compile(r"^(?:年|月|日|号|次|届|期)")
_ZH_TAIL = re.compile(r"^(?:左右|以上|以下)")
_CLAUSE_MARK = re.compile(r"[,;:，；：]")
# A clause with one of these compares: its year is a base ("3.69 times that of 1953"), not the
# time a figure is set in.
_COMPARING = re.compile(r"\btimes\b|percent|per cent|%|％|-?fold\b|compared (?:with|to)"
                        r"|倍|百分之|比(?!较)|相当于", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure a sentence gives: what it counts, the year it is set in, the content words of
    its clause, and the claim it is shown as."""

    value: float
    measure: str
    year: str
    terms: frozenset[str]
    lang: str
    claim: Claim


# --- reading figures ------------------------------------------------------------------------------
def figures(sentence: str, lang: str, where: Claim, lead: str = "") -> list[Figure]:
    """The figures of one sentence with a measure and a year. `where` is the sentence as a claim
    (source, title, date, quote and offsets); each figure's claim is it with the figure's words.
    `lead`: the pieces of the same sentence before it, when it was cut at a semicolon ("In 1955,
    members ... about 2 million; the total output value ... 20 trillion yuan"): the year they
    set still holds."""
    if lang == "zh":
        found = _zh_mentions(sentence)
    else:
        found = _en_mentions(sentence)
    known = facts(sentence, lang).numbers  # what the checker reads here (no dates, list marks)
    frames = _frames(sentence)
    out = []
    for start, end, value, measure, text in found:
        if not any(same_number(value, k) for k in known):
            continue
        year = _year_of(sentence, start, frames) or _last_year(lead)
        if year is None:
            continue
        clause = sentence[_clause_start(sentence, start):_clause_end(sentence, end)]
        terms = frozenset(t for t in content_terms(clause) if not re.fullmatch(r"[\d.]+", t))
        claim = Claim(text, where.source, where.title, where.date, where.quote, where.start, where.end,
                      where.lang)
        out.append(Figure(value, measure, year, terms, lang, claim))
    return out


def _value(text: str, lang: str) -> float | None:
    """The one number grounding reads in a figure's words, or None."""
    nums = facts(text, lang).numbers
    return next(iter(nums)) if len(nums) == 1 else None


def _en_mentions(s: str) -> Iterator[tuple[int, int, float, str, str]]:
    """(start, end, value, measure, words) of each English figure with a measure."""
    for m in _EN_FIGURE.finditer(s):
        if _EN_RATIO_AFTER.match(s, m.end()) or _EN_CHANGE_BEFORE.search(s[:m.start()]):
            continue
        value = _value(m.group(0), "en")
        if value is None:
            continue
        measure, unit_end = _en_unit(s, m.end())
        if measure is None and unit_end is None:  # nothing after it: its clause names the measure
            measure = _en_head(s[_clause_start(s, m.start()):m.start()])
        if measure is not None:
            yield m.start(), m.end(), value, measure, s[m.start():unit_end or m.end()]


def _en_unit(s: str, pos: int) -> tuple[str | None, int | None]:
    """The measure named by the words right after a figure, and where its unit ends. (None, None)
    when a stopword or punctuation follows at once (the figure stands alone); (None, pos) when
    words follow but none is a measure (a unit of its own, unknown here: tons, households)."""
    words = 0
    for w in _EN_WORD.finditer(s, pos):
        token = w.group(0)
        if not token[0].isalpha() or token.lower() in EN_STOPWORDS:
            break
        for name, pattern in _EN_MEASURES.items():
            if pattern.fullmatch(token):
                return name, w.end()
        words += 1
        if words >= UNIT_REACH:
            break
    return (None, None) if words == 0 else (None, pos)


def _en_head(segment: str) -> str | None:
    """The measure the clause before a figure is about: its first measure word, which in "the
    members of HPCs would increase to" or "the number of people organized into cooperatives will
    be" is the head the figure counts."""
    best: tuple[int, str] | None = None
    for name, pattern in _EN_MEASURES.items():
        m = re.search(rf"\b(?:{pattern.pattern})\b", segment, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def _zh_mentions(s: str) -> Iterator[tuple[int, int, float, str, str]]:
    """(start, end, value, measure, words) of each Chinese figure with a measure: the unit after
    it (人, 元, 个…社), or else the last measure noun before it in its clause (the head of
    "合作社（组）的人数")."""
    for m in _ZH_FIGURE.finditer(s):
        after = s[m.end():]
        if _ZH_RATIO_AFTER.match(after) or _ZH_DATE_AFTER.match(after) \
                or _ZH_CHANGE_BEFORE.search(s[:m.start()]):
            continue
        measure, end = _ZH_UNITS.get(after[:1]), m.end() + 1
        if measure is None and after[:1] == "个" and "社" in after[1:9]:
            measure = "cooperatives"
        if measure is None:
            end = m.end()
            heads = [(h.end(), name) for name, pattern in _ZH_NOUNS.items()
                     for h in pattern.finditer(s, _clause_start(s, m.start()), m.start())]
            measure = max(heads)[1] if heads else None
        if measure is None:
            continue
        tail = _ZH_TAIL.match(s[end:])
        words = s[m.start():end + (tail.end() if tail else 0)]
        value = _value(s[m.start():end] if end > m.end() else s[m.start():m.end()] + "人", "zh")
        if value is not None:
            yield m.start(), end, value, measure, words


def _frames(s: str) -> list[tuple[int, str]]:
    """The years a sentence sets things in, with their positions: every year outside a clause
    that compares. (一九五四 becomes 1954 in place: the same length, so positions hold.)"""
    return [(pos, year) for pos, year in year_positions(s)
            if not _COMPARING.search(s[_clause_start(s, pos):_clause_end(s, pos + 4)])]


def _year_of(s: str, pos: int, frames: list[tuple[int, str]]) -> str | None:
    """The year a figure is set in: the last one set before it in the sentence ("by the end of
    1954, ... 1.1 million, ... 12 trillion yuan"), else the first after it in its own clause."""
    before = [y for p, y in frames if p < pos]
    if before:
        return before[-1]
    end = _clause_end(s, pos)
    after = [y for p, y in frames if pos < p < end]
    return after[0] if after else None


def _last_year(lead: str) -> str | None:
    frames = _frames(lead)
    return frames[-1][1] if frames else None


def _lead(text: str, pos: int) -> str:
    """The pieces of a sentence cut at semicolons before text[pos:]: from the last full stop or
    line end before pos, when what comes right before pos ends with a semicolon."""
    before = text[:pos].rstrip()
    if not before.endswith((";", "；")):
        return ""
    ends = [m.end() for m in re.finditer(r"[.。！？!?](?=\s)|[。！？]|\n", before)]
    return before[ends[-1] if ends else 0:]


def _clause_start(s: str, pos: int) -> int:
    marks = [m.end() for m in _CLAUSE_MARK.finditer(s, 0, pos)]
    return marks[-1] if marks else 0


def _clause_end(s: str, pos: int) -> int:
    m = _CLAUSE_MARK.search(s, pos)
    return m.start() if m else len(s)


# --- where the figures are ------------------------------------------------------------------------
def _sentences(text: str, offset: int) -> Iterator[tuple[int, int, str, str]]:
    """The quotable sentences of text (which starts at `offset` in its file), cut as the answerer
    cuts them, so each is exactly file_text[start:end]; with each, its lead (`_lead`)."""
    for s, e in split_sentences(text):
        sent = text[s:e]
        if not substantive(sent):
            continue
        qs, qe = quotable(sent)
        yield offset + s + qs, offset + s + qe, sent[qs:qe], _lead(text, s)


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
            return _lead(ch.text, pos - ch.start)
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
    return [Disagreement(f"{measure}, {year}",
                         sorted((h.claim for h in group), key=lambda c: (c.date or "", c.source, c.start)))
            for (measure, year), group in groups.items()]


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
            measure, year = d.what.split(", ")
            said = "；".join(f"《{c.title}》（{c.date}）作“{c.value}”" for c in d.claims)
            parts.append(f"{year}年{_ZH_LABEL.get(measure, measure)}：{said}")
        return "各文章的数字不一致——" + "。".join(parts) + "。"
    parts = [f"{d.what}: " + "; ".join(f"“{c.value}” in {c.title} ({c.date})" for c in d.claims)
             for d in found]
    return "The sources differ — " + ". ".join(parts) + "."
