"""What a count counts: the act as much as the noun; and the act a yes/no question asks about.

"How many handicraftsmen were expelled?" is not answered by how many were organized, nor "how many
people attended the symposium?" by how many joined cooperatives. The figure's noun is checked by
the kinds of sentence (qa.answering.kinds); this checks its verb.
"""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.coverage import Coverage
from qa.language import light_stem
from qa.query import Query
from qa.thesaurus import Thesaurus

# A passive count: "how many handicraftsmen were expelled".
_COUNT_PREDICATE = re.compile(
    r"\bhow many\s+(?:[\w-]+\s+){1,4}?(?:were|was|had been|have been|got|get)\s+(?:[a-z]+ly\s+)?"
    r"(?P<v1>[a-z]+(?:ed|en))\b(?:\s+(?:or|and)\s+(?P<v2>[a-z]+(?:ed|en))\b)?", re.IGNORECASE)


# The same for attendance: "how many people attended the symposium" is not answered by how many
# people were organized. Attending is said in a few words of one family; the thesaurus cannot be
# asked, as it lists "end" for "attend" and any sentence would account for it.
_COUNT_ATTENDING = re.compile(r"\bhow many\s+(?:[\w-]+\s+){1,3}?(?:attended|took part|participated|"
                              r"were present)\b", re.IGNORECASE)
_ATTENDING = re.compile(r"\b(?:attend|present\b|took part|take part|delegat|representativ)"
                        r"|出席|参加|代表", re.IGNORECASE)


def uncounted_act(query: Query, chosen: list[Candidate], form_freq: dict[str, int],
                  thesaurus: Thesaurus | None) -> str:
    """The act a count is of, when the answer does not speak of it in any form or synonym and no
    article of the archive does either; attendance whenever the answer does not speak of it."""
    if query.wants != "number" or query.lang != "en" or not chosen:
        return ""
    cover = Coverage("\n".join(c.text + "\n" + c.context for c in chosen), thesaurus)
    attending = _COUNT_ATTENDING.search(query.text)
    if attending and not any(_ATTENDING.search(c.text + "\n" + c.context) for c in chosen):
        return attending.group(0).split()[-1]
    m = _COUNT_PREDICATE.search(query.text)
    if not m:
        return ""
    for verb in filter(None, (m.group("v1"), m.group("v2"))):
        if not cover.accounts_for(verb) and form_freq.get(light_stem(verb.lower()), 0) == 0:
            return verb
    return ""


# A yes/no question about an act: "Were those drafts formally adopted?", "Was the plan fulfilled?".
_ASKED_ACT = re.compile(r"^\s*(?:and\s+)?(?:were|was|had|has|have|is|are)\s+(?:[\w'-]+\s+){1,6}?"
                        r"(?:(?:formally|actually|ever|really|also|finally|officially|eventually|still|being)\s+)*"
                        r"(?P<verb>[a-z]{3,}(?:ed|en))\b", re.IGNORECASE)


def unstated_act(query: Query, chosen: list[Candidate], thesaurus: Thesaurus | None) -> str:
    """Asked whether something was done ("Were they adopted?"), the quoted sentences must say it
    was, in some form or synonym: a sentence saying the drafts were discussed does not say they
    were adopted. Only the quoted sentences (and the one before each) count, not their passages."""
    if query.lang != "en" or not chosen:
        return ""
    m = _ASKED_ACT.match(query.text)
    if not m:
        return ""
    verb = m.group("verb")
    cover = Coverage("\n".join(c.text + "\n" + c.context + "\n" + c.following for c in chosen), thesaurus)
    return "" if cover.accounts_for(verb) else verb


# A figure of a kind a total is not: an average, or a rate per month, week or day ("the average
# monthly wage"; not "daily life"). Each family: its words in a question, before a quantity, and
# the words a sentence giving such a figure uses.
_QUANTITY = (r"(?:[\s-]+[\w-]+){0,2}?[\s-]+(?:wages?|income|incomes|pay|salar(?:y|ies)|earnings|output|"
             r"production|value|membership|number|prices?|costs?|rates?|growth|loans?|profits?|revenue|"
             r"dividends?)\b")
_ZH_QUANTITY = r"[\u4e00-\u9fff]{0,4}?(?:工资|收入|产值|产量|人数|数量|价格|利润|分红|增长)"


def _asked(words: str, zh: str) -> re.Pattern:
    return re.compile(rf"\b(?:{words}){_QUANTITY}|(?:{zh}){_ZH_QUANTITY}", re.IGNORECASE)


_STATISTICS = (
    (_asked("average|median|mean", "平均|均值"),
     re.compile(r"\b(?:average|averaged|median|mean|per (?:person|head|member|capita))\b|平均|人均",
                re.IGNORECASE)),
    (_asked("monthly", "月均|每月|每个月"),
     re.compile(r"\b(?:monthly|per month|a month|each month|every month)\b|月均|每月|每个月|月工资",
                re.IGNORECASE)),
    (_asked("weekly|daily", "每周|每天|日均"),
     re.compile(r"\b(?:weekly|per week|a week|daily|per day|a day|each day|every day)\b|每周|每天|日均|每日",
                re.IGNORECASE)),
)


def unstated_statistic(query: Query, chosen: list[Candidate]) -> str:
    """Asked an average or a monthly (weekly, daily) figure, the quoted sentences must give one:
    a total for the year ("an annual GDP of 5.2 trillion yuan", "300,000 members") is not the
    average monthly wage of a member."""
    text = "\n".join(c.text + "\n" + c.context for c in chosen)
    for asked, given in _STATISTICS:
        m = asked.search(query.text)
        if m and not given.search(text):
            return m.group(0).split()[0]
    return ""



# A people named in a count's question ("how many artisans belonged to Soviet producer
# cooperatives?", "Japanese", "Korean"): the population whose count is asked.
_PEOPLE = re.compile(r"(?<=[\s(“\"])(Soviet|[A-Z][a-z]+(?:ian|ese|ish|ean))\b")


def uncounted_population(query: Query, chosen: list[Candidate]) -> str:
    """A count is of the people the question names: one the figure's sentence does not say
    ("Soviet") makes the figure another population's, though its passage mentions that people
    elsewhere ("the Soviet expert Yevseyev")."""
    if query.wants != "number" or query.lang != "en" or not chosen:
        return ""
    said = " ".join(c.text + " " + c.context for c in chosen if c.lang == "en").lower()
    asked = query.text
    for name in query.names:
        asked = asked.replace(name, " ")
    for m in _PEOPLE.finditer(asked):
        if said and m.group(1).lower() not in said:
            return m.group(1)
    return ""
