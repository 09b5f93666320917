"""The figures a sentence gives, each with what it counts (people, yuan of output, cooperatives)
and the year it is set in, read by the support checker's own extraction (`qa.grounding.facts`):
1.1 million, 1,100,000 and 一百一十多万 are one figure here exactly as they are to the checker.

A figure whose unit is none of the measures, a ratio ("3.69 times", "三点六九倍") or a change ("an
increase of 10,000") is left out, and so is one set in no year or only compared with a year ("3.69
times that of 1953"). qa.disagreements compares what is read here across articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qa.grounding import facts, same_number
from qa.language import EN_STOPWORDS, content_terms, year_positions
from qa.records import Claim

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


def _clause_start(s: str, pos: int) -> int:
    marks = [m.end() for m in _CLAUSE_MARK.finditer(s, 0, pos)]
    return marks[-1] if marks else 0


def _clause_end(s: str, pos: int) -> int:
    m = _CLAUSE_MARK.search(s, pos)
    return m.start() if m else len(s)
