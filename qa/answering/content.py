"""An act reported without what it said, and issues reported without which.

"What exactly were Zhu De's instructions?" asks what a speech, proposal or instruction said. A
sentence reporting only that it was given ("Zhu De attended and gave important instructions",
"…and put forward suggestions for handling them", 作了重要指示, 提出了处理意见) holds every word
of the question and none of the answer: when the quoted sentence about that act is such a report,
the articles do not say, and the report is related reading. Likewise "which issue did it study?"
is not answered by "studied several major issues": that there were some, not which.
"""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.language import tokenize
from qa.query import Query

# The question asks for what was said, not whether something was: "what exactly", "the specific
# content", "concrete measures", "in detail", 具体, 详细, 内容.
_ASKS_CONTENT = re.compile(r"\b(?:what exactly|exactly what|specific(?:ally)?|concrete(?:ly)?|in detail|"
                           r"details?\s+of|the (?:content|substance|gist) of)\b|具体|详细|内容",
                           re.IGNORECASE)
# An act of saying with a bare generic object and nothing after it: no title, no "on …", no
# colon, no clause saying what.
_REPORTED_ONLY = re.compile(
    r"\b(?:gave|made|delivered|put forward|proposed|offered|issued|raised)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:instructions|suggestions|opinions|solutions|proposals|views|remarks|speech|directives)"
    r"(?:\s+for\s+(?:handling|dealing with|solving|resolving)\s+(?:them|it|these|those))?\s*(?:[.;,]|$)|"
    r"作了?(?:重要)?(?:指示|讲话|报告)(?=[，。；]|$)|提出了?(?:处理|解决)?(?:的)?意见(?=[，。；]|$)",
    re.IGNORECASE)


def unstated_content(query: Query, chosen: list[Candidate], frame: frozenset[str]) -> bool:
    """Asked what an act said, and the quoted sentence about that act (the one naming the person
    asked about, else sharing most of the question's words beyond the archive's frame) only
    reports that it was done."""
    if not chosen or not _ASKS_CONTENT.search(query.text):
        return False
    asked = set(tokenize(query.text)) - frame

    def about_the_act(c: Candidate) -> tuple[bool, int]:
        return any(n in c.text for n in query.names), len(asked & set(tokenize(c.text)))

    return bool(_REPORTED_ONLY.search(max(chosen, key=about_the_act).text))


# "What was the main issue the symposium studied?" asks which issue; "studied several major issues
# currently existing in …" says that there were some, not which: it answers no such question.
_ASKS_ISSUE = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|were|are)\s+the\s+)?"
                         r"(?:(?:main|major|chief|key|central|principal|specific)\s+)?"
                         r"(?:issues?|questions?|problems?|topics?|matters?)\b|什么问题|哪些问题|哪个问题|哪一个问题",
                         re.IGNORECASE)
_ISSUES_UNNAMED = re.compile(
    r"\b(?:studied|discussed|examined|considered|raised|reviewed)\s+"
    r"(?:several|some|a number of|many|various)\s+(?:[\w-]+\s+){0,2}?(?:issues|problems|questions|matters)\b"
    r"(?!\s*(?:[:：]|such as|including|namely))|"
    r"研究了[^。；，]{0,20}?(?:一些|若干|几个)[^。；，]{0,8}?问题", re.IGNORECASE)


def names_no_issue(question: str, text: str) -> bool:
    """Asked which issue, the sentence only says that issues were taken up."""
    return bool(_ASKS_ISSUE.search(question)) and bool(_ISSUES_UNNAMED.search(text))
