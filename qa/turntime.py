"""The time a conversation turn is about, and a follow-up re-timed from it.

"in that same year", "同年", "the following year", "a year earlier": a follow-up may name its time
relative to the turn before. Each turn keeps the time it is about ("by the end of 1954", "in
1955"): named in it, or carried from the turn before when it names a year only as the measure of
another ("how many times the 1953 level is that?" is still about 1954).
"""

from __future__ import annotations

import re

from qa.language import detect_lang, year_ends, years, zh_years_to_arabic

SAME_TIME = re.compile(r"\b(?:(?:in|for|by|at)\s+)?(?:that|the)\s+(?:very\s+)?same\s+(?:year|time|"
                       r"point in time|date|moment)\b|\b(?:(?:in|for|by|during)\s+)?that\s+year\b(?!['’]s)"
                       r"|同一年|同年|当年|那一年|那年(?!代)",
                       re.IGNORECASE)


# "The year after" alone is the year after the last turn's; "the year before the Third conference"
# names its own anchor.
# "That" standing alone ("the year after that?") is the last turn's time, and is part of the phrase.
_ANCHORED = (r"(?:\s+(?:that|this)(?=\s*[?？.,;!]|\s*$))?"
             r"(?!\s+(?:the|a|an|that|this|its|his|their)\b|\s+(?-i:[A-Z\d]))")
# "A little over a year later" is still the year after.
_ABOUT = r"(?:(?:a little|just|slightly)\s+(?:over|more than)\s+|about\s+|some\s+|roughly\s+)?"
_LATER_YEAR = re.compile(rf"\b{_ABOUT}(?:a|one) year (?:later|on|after(?:wards)?)\b"
                         r"|\bthe year after(?:wards)?\b" + _ANCHORED
                         + r"|\b(?:(?:in|for|by|during)\s+)?the (?:following|next|subsequent) year\b(?!['’]s)"
                         r"|第二年|次年|一年后|一年以后", re.IGNORECASE)
_EARLIER_YEAR = re.compile(rf"\b{_ABOUT}(?:a|one) year (?:earlier|before)\b"
                           r"|\bthe year before\b" + _ANCHORED
                           + r"|\b(?:(?:in|for|by|during)\s+)?the (?:previous|preceding|prior) year"
                           r"\b(?!['’]s)"
                           r"|前一年|上一年|一年前", re.IGNORECASE)


# "年底那次会议", "the meeting at the end of the year": a part of a year named without the year is
# of the year the conversation is at.
_PART_OF_YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九十当同那今明去前后本上下])年(?:底|末|初|中)"
                           r"|(?<=\bthe )(?:end|close|start|beginning|middle) of the year\b", re.IGNORECASE)


def part_of_year(q: str) -> bool:
    """The question names a part of a year without saying which year ("年底那次会议")."""
    return bool(_PART_OF_YEAR.search(q))


def relative_year(q: str) -> bool:
    """The question names a year relative to the last one ("a year later", "the year before")."""
    return bool(_LATER_YEAR.search(q) or _EARLIER_YEAR.search(q))


def retime(q: str, when: str) -> str | None:
    """'in that same year', '同年', 'a year later': the time the previous turn was about (`when`:
    "by the end of 1954"), or the year after or before it, put in its place."""
    found = next(((m, shift) for pattern, shift in ((SAME_TIME, 0), (_LATER_YEAR, 1), (_EARLIER_YEAR, -1))
                  if (m := pattern.search(q))), None)
    part = _PART_OF_YEAR.search(q)
    if found is None and part is None:
        return None
    m, shift = found if found is not None else (part, 0)
    # A year's end first, else its last year.
    ends, asked = year_ends(when), years(zh_years_to_arabic(when))
    if not ends and not asked:
        return None
    end = bool(ends)
    year = int(sorted(ends)[0] if ends else sorted(asked)[-1]) + shift
    if found is None:  # the part named stays; the year is put to it
        year_part = m.group(0)
        if detect_lang(q) == "zh":
            return f"{q[:m.start()]}{year}{year_part}{q[m.end():]}"
        return f"{q[:m.start()]}{year_part.removesuffix('the year')}{year}{q[m.end():]}"
    if detect_lang(q) == "zh":
        return q[:m.start()] + (f"{year}年底" if end else f"{year}年") + q[m.end():]
    phrase = f"by the end of {year}" if end else f"in {year}"
    before = q[:m.start()]
    after_preposition = re.search(r"\b(?:with|than|to|from|in|by|for|at|on|of|since|until)\s*$", before,
                                  re.IGNORECASE)
    if after_preposition and not re.match(r"(?:in|for|by|at|during)\s", m.group(0), re.IGNORECASE):
        phrase = f"the end of {year}" if end else str(year)  # "compare with the year before"
    return re.sub(r"\s+([?？.,])", r"\1", f"{q[:m.start()].rstrip()} {phrase} {q[m.end():].lstrip()}").strip()


# A year named as the measure of another ("the 1953 level", "times that of 1953", "compared with
# 1953"): the turn is still about the year measured.
_BASELINE = re.compile(r"\b(?:the\s+)?(?P<y1>1[89]\d\d)(?:['’]s)?\s+(?:level|figure|total|mark)\b"
                       r"|\b(?:than|over|compared\s+(?:with|to)|relative\s+to|that\s+of|those\s+of)\s+(?:in\s+)?"
                       r"(?:the\s+)?(?:end\s+of\s+)?(?P<y2>1[89]\d\d)\b", re.IGNORECASE)


def time_of(question: str, carried: str = "") -> str:
    """The time a turn is about, as words another turn can be re-timed by: its year's end or its
    last year not named only as a baseline; else `carried`, the previous turn's."""
    text = zh_years_to_arabic(question)
    base = {m.group("y1") or m.group("y2") for m in _BASELINE.finditer(text)}
    ends = sorted(year_ends(text) - base)
    if ends:
        return f"by the end of {ends[0]}"
    asked = sorted(years(text) - base)
    if asked:
        return f"in {asked[-1]}"
    return carried
