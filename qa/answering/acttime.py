"""Time named by a person's act: "the talk given four days after Zhu De's speech", "did anyone
speak a few days before Liu Shaoqi?".

The act's date is in the passages, not in the index's article dates: the record lists each speech
with its day ("Zhu De [Help the handicraftsmen …] December 4, 1953"). The sentence naming the
person with a day is the anchor; the sentences dated within the span named from it answer, and
are preferred to those about the person whose act only dates the question.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from qa.answering.candidates import Candidate
from qa.language import MONTHS, NUMBER_WORDS

# "four days after Zhu De's speech", "a few days before Liu Shaoqi", "a week after him".
_RELATIVE_ACT = re.compile(
    r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    r"(?P<unit>days?|weeks?)\s+(?P<dir>after|before|earlier than|later than)\s+"
    r"(?P<who>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})", re.IGNORECASE)
_DAY = re.compile(r"\b(?P<m>" + "|".join(MONTHS) + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                  r"(?P<y>1[89]\d\d)\b", re.IGNORECASE)
# "A few" days is read as up to this many.
FEW_DAYS = 10
# Sentences dated in the span score this much more; the anchor's own sentence this much less.
SPAN_BONUS = 0.15


def _days(text: str) -> list[date]:
    out = []
    for m in _DAY.finditer(text):
        try:
            out.append(date(int(m.group("y")), MONTHS.index(m.group("m").lower()) + 1, int(m.group("d"))))
        except ValueError:
            continue
    return out


def prefer_span(question: str, cands: list[Candidate]) -> tuple[str, list[Candidate]]:
    """Re-score `cands` in place for a question dating what it asks by a person's act: the person
    (who only dates what is asked, and need not be in the answer) when the act's day was found,
    and the sentences dated in the span, which say what was done then."""
    m = _RELATIVE_ACT.search(question)
    if not m:
        return "", []
    who = m.group("who").split()[0]
    anchors = [c for c in cands if re.search(rf"\b{re.escape(who)}\b", c.text) and _days(c.text)]
    if not anchors:
        return "", []
    anchor = _days(anchors[0].text)[0]
    n = m.group("n").lower()
    count = FEW_DAYS if n in ("a few", "several") else NUMBER_WORDS.get(n, 1) if not n.isdigit() else int(n)
    span = timedelta(days=count * (7 if m.group("unit").lower().startswith("week") else 1))
    later = m.group("dir").lower() in ("after", "later than")
    day = timedelta(days=1)
    lo, hi = (anchor + day, anchor + span) if later else (anchor - span, anchor - day)
    in_span = []
    for c in cands:
        if any(lo <= d <= hi for d in _days(c.text)):
            c.score += SPAN_BONUS
            in_span.append(c)
        elif re.search(rf"\b{re.escape(who)}\b", c.text):
            c.score -= SPAN_BONUS  # about the person whose act only dates the question
    return m.group("who"), in_span
