"""The days articles give for a meeting's opening and closing, read so that two articles dating
the same side of the same meeting differently are shown side by side (qa.disagreements).

As with figures, each test leans to silence, because a false "the sources differ" misleads more
than a missed one:

- the sentence names exactly one meeting with an ordinal ("the Fourth National Handicraft Work
  Conference", "第四次全国手工业工作会议"); a meeting named without one ("the conference") could be
  any, and a sentence naming two cannot say whose day it gives;
- the side is written in the day's own clause ("concluded on the 28th", "十二月二十八日闭幕"), or
  the clause is a range ("from November 20 to December 17": the first day opens, the last
  closes);
- the day is read by the grounding checker (`facts(...).dates`); a day without its month ("the
  28th") agrees with that day of any month, and a year is compared only when both give one.

Two days are of the same event when the meetings have the same ordinal and one name's own words
(less the ordinal, "national" and the meeting word) hold the other's: "3rd National Conference of
Handicraft" is the "Third National Handicraft Production Cooperative Conference", but the "Fourth
National Handicraft Work Conference" is not a "Fourth ... Production Cooperative Conference".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.antecedents import find_conferences
from qa.aspects import phases
from qa.grounding import facts
from qa.language import MONTHS, conference_ordinals, light_stem, years

# Letters of a word that name its family ("coopera", "product"): seven keeps "work" apart from
# "worker"-less names and "cooperation" with "cooperative".
STEM = 7

_MONTH = "|".join(MONTHS)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ZH_NUM = "一二三四五六七八九十〇零0-9"
# A day as articles write it, with the year when it stands beside the day.
_DAY = re.compile(
    rf"\b(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b(?:,?\s+{_YEAR}\b)?"
    rf"|\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b|\b\d{{1,2}}-\d{{1,2}}-{_YEAR}\b"
    rf"|(?:[{_ZH_NUM}]{{4}}年)?(?:[{_ZH_NUM}]{{1,2}}月)?[{_ZH_NUM}]{{1,3}}日",
    re.IGNORECASE)
# Clause marks; a comma before a year ("January 5, 1955") does not end the day's clause.
_CLAUSE = re.compile(rf"[;:，；：]|,(?!\s*{_YEAR}\b)")
# Words of a meeting's name that say nothing of which meeting it is.
_GENERIC = re.compile(r"\b(?:the|of|on|for|national|all-china|conference|meeting|congress|symposium|session|"
                      r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|"
                      r"[4-9]th)\b|第[一二三四五六七八九十]次|全国|会议|大会|座谈会", re.IGNORECASE)


@dataclass(frozen=True)
class EventDay:
    """One side of one meeting and the day a sentence gives it: ordinal, the name's own words and
    the name as written, side ("start" or "end"), (month or 0, day), year or None, and where in
    the sentence the day is written."""

    ordinal: int
    name: frozenset[str] | str
    label: str
    side: str
    day: tuple[int, int]
    year: str | None
    start: int
    end: int


def event_days(sentence: str, lang: str) -> list[EventDay]:
    """The sides of a meeting the sentence dates (none unless it names one meeting by ordinal)."""
    ordinals = conference_ordinals(sentence)
    labels = [_with_subject(sentence, n) for n in find_conferences(sentence) if conference_ordinals(n)]
    named = {_own_words(n, lang) for n in labels}
    if len(ordinals) != 1 or len(named) != 1 or not next(iter(named)):
        return []  # no meeting, two, or one named by its ordinal alone ("the Third conference")
    ordinal, name, label = next(iter(ordinals)), named.pop(), re.sub(r"^[Tt]he\s+", "", labels[0].strip())
    out = []
    clauses: dict[tuple[int, int], list[tuple[int, int, tuple[int, int], str | None]]] = {}
    for m in _DAY.finditer(sentence):
        read = facts(m.group(0), lang).dates
        if len(read) != 1:
            continue
        found = years(m.group(0))
        clauses.setdefault(_clause(sentence, m.start()), []).append(
            (m.start(), m.end(), next(iter(read)), next(iter(found)) if len(found) == 1 else None))
    for (cs, ce), days in clauses.items():
        sides = phases(sentence[cs:ce])
        if sides == {"start", "end"} and len(days) == 2:
            pairs = zip(("start", "end"), days, strict=True)
        elif len(sides) == 1 and len(days) == 1:
            pairs = [(next(iter(sides)), days[0])]
        else:
            continue
        out += [EventDay(ordinal, name, label, side, day, year, s, e) for side, (s, e, day, year) in pairs]
    return out


def same_event(a: EventDay, b: EventDay) -> bool:
    if a.ordinal != b.ordinal or a.side != b.side:
        return False
    if isinstance(a.name, str) or isinstance(b.name, str):  # Chinese: one name holds the other
        return isinstance(a.name, str) and isinstance(b.name, str) and (a.name in b.name or b.name in a.name)
    return a.name <= b.name or b.name <= a.name


def what(d: EventDay, lang: str) -> str:
    """The side and the meeting, in the sentence's language: "closing of the Fourth National
    Handicraft Work Conference", "第四次手工业工作会议闭幕"."""
    if lang == "zh":
        return d.label + ("开幕" if d.side == "start" else "闭幕")
    return ("opening" if d.side == "start" else "closing") + " of the " + d.label


def differ(a: EventDay, b: EventDay) -> bool:
    """Two days for one side of one meeting that cannot be the same day."""
    (am, ad), (bm, bd) = a.day, b.day
    return ad != bd or bool(am and bm and am != bm) or bool(a.year and b.year and a.year != b.year)


def _with_subject(sentence: str, name: str) -> str:
    """A name with the subject written after it: "the Third National Conference" "on Handicraft
    Production Cooperation"."""
    at = sentence.find(name)
    tail = _SUBJECT.match(sentence, at + len(name)) if at >= 0 else None
    return name + (tail.group(0) if tail else "")


_SUBJECT = re.compile(r"\s+(?:on|of|for)\s+(?:[A-Z][\w-]*\s*)+")


def _own_words(name: str, lang: str) -> frozenset[str] | str:
    rest = _GENERIC.sub(" ", name)
    if lang == "zh":
        return re.sub(r"\s+", "", rest)
    # A word's first letters stand for its family: one meeting's name is translated "Cooperative"
    # in one article and "Cooperation" in another.
    return frozenset(light_stem(w.lower())[:STEM] for w in re.findall(r"[A-Za-z]+", rest))


def _clause(s: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _CLAUSE.finditer(s, 0, pos)]
    after = _CLAUSE.search(s, pos)
    return (starts[-1] if starts else 0), (after.start() if after else len(s))
