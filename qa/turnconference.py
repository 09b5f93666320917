"""The conference a follow-up names: by ordinal ("the Fourth one", "那第四次呢"), or relative to the
one the conversation was on ("the next conference", "上一次会议")."""

from __future__ import annotations

import re

from qa.language import conference_ordinals

EN_ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
EN_ORD_NUM = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")
ZH_ORD = "一二三四五六七八九十"


_RELATIVE_CONF = re.compile(
    r"\b(?P<en>previous|preceding|prior|earlier|last|next|following|subsequent|later)\s+"
    r"(?:(?:national|handicraft|work|production|cooperative)\s+){0,4}(?:conference|meeting)\b"
    # In a conversation about conferences: "the next one", "the one after that".
    r"|\b(?P<one>next|previous|following|preceding)\s+one\b|\bthe\s+one\s+(?P<rel>after|before)\s+(?:that|it)\b"
    r"|(?P<zh>上一次|前一次|上次|下一次|后一次|下次)(?:全国)?(?:手工业)?(?:会议)?", re.IGNORECASE)
_EARLIER = ("previous", "preceding", "prior", "earlier", "last", "上一次", "前一次", "上次")


def relative_conference(q: str) -> bool:
    """The question names a conference relative to the last one ("the next conference")."""
    return bool(_RELATIVE_CONF.search(q))


def resolve_relative(q: str, prev_question: str, prev_topic: str) -> str:
    """'the previous national conference', '下一次会议': the conference before or after the one
    the previous question named."""
    m = _RELATIVE_CONF.search(q)
    asked = conference_ordinals(as_conference(prev_question))
    named = asked or conference_ordinals(prev_topic)
    if not m or len(named) != 1:
        return q
    word = (m.group("en") or m.group("one") or m.group("zh") or "").lower() or (
        "previous" if m.group("rel").lower() == "before" else "next")
    n = next(iter(named)) + (-1 if word in _EARLIER else 1)
    # "The later conference" after turns that left the conference under discussion for an earlier
    # time ("had Liu taken a more cautious line two years earlier?") is that conference again: a
    # comparative picks one of the two the conversation spoke of, not the one after it.
    if not asked and word in ("later", "earlier"):
        n = next(iter(named))
    if not 1 <= n <= len(EN_ORD):
        return q
    name = f"第{ZH_ORD[n - 1]}次会议" if m.group("zh") else f"{EN_ORD[n - 1].capitalize()} conference"
    return q[:m.start()] + name + q[m.end():]


def as_conference(q: str) -> str:
    """'the Fourth one', '那第四次呢' in a conversation about conferences name a conference."""
    q = re.sub(r"(第[一二三四五六七八九十]次)(?!会议|全国|手工业)", r"\1会议", q)
    return re.sub(r"\b(one)\b", "conference", q, flags=re.IGNORECASE) + " conference"


def replace_ordinal(text: str, n: int) -> str:
    def en(m: re.Match) -> str:
        word = m.group(0)
        new = EN_ORD[n - 1] if word.lower() in EN_ORD else EN_ORD_NUM[n - 1]
        return new.capitalize() if word[0].isupper() else new

    pattern = r"\b(" + "|".join(EN_ORD + EN_ORD_NUM) + r")\b(?!\s+five-year)"
    text = re.sub(pattern, en, text, count=1, flags=re.IGNORECASE)
    return re.sub(r"第[一二三四五六七八九十]次", f"第{ZH_ORD[n - 1]}次", text, count=1)
