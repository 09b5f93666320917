"""What a question is about and what it sets aside.

"What did the symposium propose regarding the supply of raw materials?" asks about raw-material
supply: a sentence that answers speaks of it. "What other issues did it look at besides production
and sales?" sets production and sales aside: a sentence about them alone answers nothing new, and
the answer need not mention them.
"""

from __future__ import annotations

import re

from qa.language import content_terms

_BESIDES = re.compile(r"\b(?:besides|apart from|aside from|other than|in addition to|except(?:\s+for)?)\s+"
                      r"(?P<en>[^,.;:?]+)|除了?(?P<zh>[^，。？?]{1,20}?)(?:以外|之外|外)", re.IGNORECASE)


# Asked for more of the same kind ("what other issues", "what else", "还研究了什么"): a contrast
# ("apart from the ordinary delegates, which leaders") asks something else, which a sentence may
# give beside the thing set aside.
_MORE_OF_KIND = re.compile(r"\b(?:other|else|further|more)\b|还|其他|其它|另外", re.IGNORECASE)


def _set_aside(question: str) -> re.Match | None:
    m = _BESIDES.search(question)
    return m if m and _MORE_OF_KIND.search(question[:m.start()] + question[m.end():]) else None


def set_aside_terms(question: str) -> frozenset[str]:
    m = _set_aside(question)
    return frozenset(content_terms(m.group("en") or m.group("zh"))) if m else frozenset()


_TOPIC_Q = re.compile(
    r"\b(?:regarding|concerning|with regard to|in terms of|on the (?:question|issue|matter|subject) of)\s+"
    r"(?P<en>(?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)(?=\s*(?:[?,.;]|$))"
    r"|(?:对于?|关于)(?P<zh>[^，。？?]{2,14}?)(?:方面)?(?:提出|作出|做出|有|规定|的意见|的要求)",
    re.IGNORECASE)


def topic_terms(question: str) -> frozenset[str]:
    m = _TOPIC_Q.search(question)
    return frozenset(content_terms(m.group("en") or m.group("zh"))) if m else frozenset()


def without_set_aside(question: str) -> str:
    """The question less what it sets aside: the answer need not speak of that."""
    m = _set_aside(question)
    return question[:m.start()] + " " + question[m.end():] if m else question
