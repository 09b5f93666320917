"""Does a sentence hold the kind of thing a question asks for: a figure (of the thing counted), a
date, a person, a place, a reason; and which side of an event (opening or closing, plan or
outcome) it gives."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from qa.answering.coverage import RATIO_FIGURE
from qa.aspects import (
    gives_reason,
    modality,
    names_body,
    names_meeting,
    names_place,
    names_trade,
    phases,
    shared_estimate,
)
from qa.language import COMMON_CAPS, EN_STOPWORDS, ORG_WORDS, _posseg, is_cjk, person_names, tokenize
from qa.thesaurus import lemma_table

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|percent|"
    r"doubled|half|twice|times)\b|[一二三四五六七八九十百千万亿两]+(?:万|亿|人|个|倍|元|%)|百分之",
    re.IGNORECASE)
_DATE = re.compile(
    # Month names are matched in their capitalised form only: "may" is the modal verb.
    r"\b1[89]\d\d\b|\b(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}|"
    r"[一二三四五六七八九十〇]+[年月日]|\d+[年月日]|[二三]十[一二三四五六七八九]?日"
    # Planning periods are how these articles date a goal: "during the First Five-Year Plan".
    r"|five-year plan|\bFYP\b|五年计划|\b(?:one|two|three|four|five) years\b", re.IGNORECASE)
# A role word; personal names themselves are found by language.person_names.
_PERSON = re.compile(
    r"\b(?:director|chairman|chairmen|expert|minister|secretary|member|members|delegates?)\b"
    # 委员 is a committee member; 委员会 is the committee.
    r"|主任|主席|专家|委员(?!会)|部长|局长|同志", re.IGNORECASE)
_YEAR_OR_DATE = re.compile(
    r"\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2}|(?<!\d)1[89]\d\d(?!\d)|[一二三四五六七八九〇]{4}年|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}\b|^\(?\d{1,2}[.)]\s|^[IVX]+\.\s|\(\d{1,2}\)"
    r"|\d{1,2}日|[一二三四五六七八九十]{1,3}日")


# How fine a date is asked: "in what month" is not answered by "during the First Five-Year Plan",
# nor "on what date" by "in 1955".
_GRAIN_Q = {
    # Both ends of a sitting ("从哪天开到哪天", "from what date to what date"): one date is half
    # the answer, and a date beside another act ("六月二十二日…发出指示") none of it.
    "range": re.compile(r"从(?:哪一?天|什么时候|几月几日).{0,6}?到(?:哪一?天|什么时候|几月几日)"
                        r"|\bfrom (?:what|which) (?:date|day) to (?:what|which)\b|\bfrom when to when\b"
                        r"|\bbetween (?:what|which) dates\b|\b(?:what|which) (?:dates|days) did\b.{0,80}\b"
                        r"(?:open and close|begin and end|start and end|run)\b", re.IGNORECASE),
    "day": re.compile(r"\b(?:what|which) (?:exact )?(?:date|day)\b|哪一?天|几号|几日|哪日|日期",
                      re.IGNORECASE),
    "month": re.compile(r"\b(?:what|which) month\b|几月|哪个月|哪一个月", re.IGNORECASE),
    "year": re.compile(r"\b(?:what|which) year\b|哪一?年|几几年", re.IGNORECASE),
    # "How long?" asks a span of time, not a date: "at the end of 1953" does not answer it.
    "span": re.compile(r"\bhow long\b|多长时间|多久|多少年|几年时间", re.IGNORECASE),
}
_GRAIN_S = {
    "day": re.compile(r"\b(?-i:January|February|March|April|May|June|July|August|September|October|November|"
                      r"December)\s+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2}|"
                      r"[一二三四五六七八九十\d]{1,3}日", re.IGNORECASE),
    "month": re.compile(r"\b(?-i:January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)\b|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2}|[一二三四五六七八九十\d]{1,2}月"),
    "year": re.compile(r"(?<!\d)1[89]\d\d(?!\d)|[一二三四五六七八九〇]{4}年"),
    "span": re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a)\s+"
                       r"(?:years?|months?|weeks?|days?)\b|"
                       r"(?<![一二三四五六七八九〇\d])[一二三四五六七八九十两\d]{1,2}(?:个月|年|周|天)(?![底初末计])"),
}


def asked_grain(question: str) -> str | None:
    """"day", "month" or "year" when a date question names how fine a date it asks; "span" for
    a length of time."""
    return next((g for g, rx in _GRAIN_Q.items() if rx.search(question)), None)


def gives_grain(grain: str, text: str, question: str = "") -> bool:
    text = _without_dateline(text, question)
    if grain == "range":
        return len(_GRAIN_S["day"].findall(text)) >= 2
    # A length of time is stated by its two ends too ("from November 20 to December 17").
    if grain == "span" and len(_GRAIN_S["day"].findall(text)) >= 2:
        return True
    return bool(_GRAIN_S[grain].search(text))


def _without_dateline(text: str, question: str) -> str:
    """The sentence less its dateline, unless the question asks about the report itself."""
    if question and not _ABOUT_DOCUMENT.search(question):
        return _DATELINE.sub(" ", text)
    return text


# A dispatch's dateline ("Xinhua News Agency, March 28th:", "新华社三十日讯") and a document's
# date label ("Date: 1954-6-22") date the report, not what it reports: the founding, opening or
# meeting asked about. They answer only a question about the report or document itself.
_DATELINE = re.compile(
    r"\b(?:[A-Z][\w]*\s+){1,4}News Agency,\s+[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?\s*[:：–—-]|"
    r"新华社[一二三四五六七八九十\d]{1,3}日(?:讯|电)|\bDate:\s*[\d-]+")
_ABOUT_DOCUMENT = re.compile(
    r"\b(?:report(?:s|ed|ing)?|dispatch\w*|news|announc\w*|publish\w*|issu\w*|releas\w*|instruct\w*|"
    r"directives?|forward\w*|Xinhua|dated|articles?|papers?|documents?|notices?)\b|"
    r"报道|发出|发表|新华社|指示|转发|消息|文件|报告", re.IGNORECASE)


# A title is quoted: “…”, "…", 《…》, or a record's link text [….](#).
_TITLE = re.compile(r"“[^”]{4,}”|\"[^\"]{4,}\"|《[^》]{2,}》|\[[^\]]{4,}\]\(")
# A record's list of works names each author by surname alone before the title (`Liu "On the
# problems of handicraft producers' cooperatives," December 8, 1953`): that surname is a person,
# unless it is a word ("The", "Report") or a body's word.
_BEFORE_TITLE = re.compile(r"(?:^|[\n:;])\s*([A-Z][a-z]{1,9})\s+(?:\"[^\"]{4,}\"|“[^”]{4,}”)")
_NOT_AUTHORS = EN_STOPWORDS | ORG_WORDS | COMMON_CAPS | frozenset(
    "report reports speech speeches article articles resolution instructions draft document documents "
    "title titles".split())


def _author_of_title(text: str) -> bool:
    return any(m.group(1).lower() not in _NOT_AUTHORS for m in _BEFORE_TITLE.finditer(text))


# A question after a share: "what share of the goods", "how large a proportion", "百分之几".
_RATIO_Q = re.compile(r"\b(?:what|which|how (?:high|large|big|great|small))\s+(?:an?\s+)?(?:share|proportion|"
                      r"percentage|fraction|portion|ratio)\b|\bwhat percent\b"
                      r"|百分之几|百分之多少|多大比例|多少比例|占[^，。？]{0,12}?(?:多少|几成)",
                      re.IGNORECASE)


def has_type(wants: str, text: str, question: str = "", frame: frozenset[str] = frozenset()) -> bool:
    """Does the sentence hold what the question asks for? A year is a date, not a figure; a body
    is one the question does not already name, outside a quoted title."""
    if wants == "number":
        # A share asked is a share given ("60 to 70 percent", "2.26 times"), not a count.
        if question and _RATIO_Q.search(question) and not RATIO_FIGURE.search(text):
            return False
        # Years, days of the month and list markers ("(1)", "2.") are not the figures asked for.
        return bool(_NUMBER.search(_YEAR_OR_DATE.sub(" ", text)))
    if wants == "date":
        return bool(_DATE.search(_without_dateline(text, question)))
    if wants == "person":
        return bool(person_names(text) or _PERSON.search(text) or _author_of_title(text))
    if wants == "place":
        return names_place(text)
    if wants == "body":
        return names_body(_TITLE.sub(" ", text), question)
    if wants == "trade":
        return names_trade(text, question, frame)
    if wants == "meeting":
        return names_meeting(text, question)
    if wants == "reason":
        return gives_reason(text)
    if wants == "title":
        return bool(_TITLE.search(text))
    return True


def gives_phase(phase: str, text: str) -> bool:
    return phase in phases(text)


def gives_modality(wanted: str, text: str, article_year: int | None, question: str = "") -> bool:
    # Asked for the expected figure, a sentence giving an estimate answers; asked for the outcome,
    # an estimate in the question is the plan it is compared against.
    return modality(text, article_year) == wanted or (wanted == "plan" and shared_estimate(question, text))


_CRAFTSPEOPLE = {"craftsmen", "handicraftsmen", "artisan", "worker", "member", "peopl", "人"}
_KIN = {"peopl": {"peopl", "person", "member", "worker", "handicraftsmen", "人"},
        # A cooperative's members are the workers in it ("workers participating in cooperatives").
        "member": {"member", "peopl", "worker", "人"}, "person": {"peopl", "person", "member"},
        # Craftsmen, artisans and handicraftsmen are one people, counted as the workers or members
        # the cooperatives organized ("how many craftsmen belonged to the co-ops?": "300,000 members").
        **{w: _CRAFTSPEOPLE for w in ("craftsmen", "handicraftsmen", "artisan")}}


def kin_of(terms: frozenset[str]) -> set[str]:
    """The counted nouns and their kin: what a count of them may be worded as."""
    return set(terms).union(*(_KIN.get(t, set()) for t in terms))
# The counted noun may carry modifiers ("the number of handicraft workers participating in ..."):
# the words up to the first preposition, at most four, name what is counted.
_NUMBER_OF = re.compile(r"\bnumber of (?:the )?((?:(?!(?:of|in|into|among|with|for|to|by|from|per|at|on)\b)"
                        r"[a-z-]+\s*){1,4})", re.IGNORECASE)
_FIGURE = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-[a-z]+)?|"
           r"hundred|thousand|million|billion|trillion)")


def mentions(text: str, focus: str) -> bool:
    """Does the sentence name the thing a "how many X" question counts (or its plural, kin)?"""
    toks = set(tokenize(text))
    wanted = _KIN.get(focus, {focus})
    return any(t.startswith(w) or w.startswith(t) and len(t) >= 4 for t in toks for w in wanted)


def counts(text: str, focus: str) -> bool:
    """The figure must count the thing asked about: "4,806 handicraft production cooperatives" or
    "the number of people ... 1.1 million"; "the number of members ..." does not answer "how many
    cooperatives"."""
    if any(mentions(m.group(1), focus) for m in _NUMBER_OF.finditer(text)):
        return True
    # The figure counts the noun it stands before ("4,806 handicraft production cooperatives"), not
    # one a preposition hangs on it ("3 main forms of cooperation among ... artisans").
    # "How many people" is answered by a count of members or workers: the counted noun's kin.
    heads = "|".join(re.escape(w) for w in sorted(_KIN.get(focus, {focus})) if w.isascii())
    attached = re.compile(rf"\b{_FIGURE}\s+(?:(?!(?:of|among|with|in|for|to|by|from|per)\b)[\w()-]+\s+)"
                          rf"{{0,4}}?((?:{heads})\w*)", re.IGNORECASE)
    return bool(attached.search(text))



# Verbs that ask when a meeting met ("when was it held?"): its opening or closing date answers.
_MEETING_EN = frozenset(
    "hold convene meet take sit last gather attend open close conclude end begin start".split())
_MEETING_ZH = frozenset("召开 举行 开幕 闭幕 结束 开会 举办 进行 出席 参加".split())


@lru_cache(maxsize=256)
def event_verbs(question: str) -> tuple[str, ...]:
    """The acts a date question asks the date of ("founded", "成立"), besides a meeting's sitting."""
    if is_cjk(question):
        return tuple(w for w, flag in _posseg().cut(question)
                if flag == "v" and len(w) >= 2 and w not in _MEETING_ZH)
    # A light verb's complement that names the act in a noun ("came into being"): the act is a
    # founding, which a sentence holding a meeting or another act does not date.
    out = ["established"] if _INTO_BEING.search(question) else []
    for w in re.findall(r"[A-Za-z]+", question):
        pos = lemma_table(w.lower())
        # A participle ("completed", "finished") is listed as an adjective too, and is the act.
        verb = set(pos) == {"VERB"} or set(pos) == {"VERB", "ADJ"} and w.lower().endswith("ed")
        if verb and pos["VERB"][0] not in _MEETING_EN and pos["VERB"][0] not in _AUXILIARY:
            out.append(w)
    return tuple(out)


_INTO_BEING = re.compile(r"\b(?:come|comes|came|coming|brought|bring|brings)\s+into\s+(?:being|existence)\b",
                         re.IGNORECASE)
# Auxiliaries, and light verbs whose complement names the act ("come into being", "get started").
_AUXILIARY = frozenset(
    "be do have will shall can may must would should could come go get make put become".split())


def dates_other_event(verbs: tuple[str, ...], text: str, accounts_for: Callable[[str], str],
                      names_asked: bool = False) -> bool:
    """The date is another act's, not the one asked ("founded"), which the sentence does not
    speak of: it is written beside a meeting's opening or closing ("concluded on the 28th"), or
    the sentence is a list entry ("Liu, "On the problems ...", December 8, 1953"), which dates only
    the item it names, and names no one the question does."""
    if not verbs or all(accounts_for(v) for v in verbs):
        return False
    # Asked when it was reported ("新华社哪天报道了…？"), the dispatch's dateline is that date.
    if _ABOUT_DOCUMENT.search(" ".join(verbs)) and _DATELINE.search(text):
        return False
    return bool(phases(text)) or _dates_a_sitting(text) or (not names_asked and _is_entry(text))


def _dates_a_sitting(text: str) -> bool:
    """The sentence reports a meeting held or convened ("held the Third conference from November
    20 to December 17"): its date is the sitting's, not a deadline or another act's."""
    if is_cjk(text):
        return any(p.word in _SITTING_ZH for p in _posseg().cut(without_titles(text)))
    for w in re.findall(r"[A-Za-z]+", without_titles(text)):
        pos = lemma_table(w.lower())
        if set(pos) == {"VERB"} and pos["VERB"][0] in _MEETING_VERBS_SAT:
            return True
    return False


# The verbs that report a sitting itself (not "end", "take" or "start", which date much else).
_MEETING_VERBS_SAT = frozenset("hold convene meet gather sit".split())
_SITTING_ZH = frozenset("召开 举行 开会 举办".split())


# Kinds of meeting: a symposium (座谈会) is not a conference (会议, 大会), though both are meetings.
_MEETING_KINDS = (("symposium", re.compile(r"\b(?:symposi(?:um|a)|forums?)\b|座谈会", re.IGNORECASE)),
                  ("conference", re.compile(r"\b(?:conferences?|congress(?:es)?)\b|(?<!座谈)会议|大会",
                                            re.IGNORECASE)))


def meeting_kinds(text: str) -> set[str]:
    """The kinds of meeting a text names."""
    return {kind for kind, pattern in _MEETING_KINDS if pattern.search(text)}


def without_titles(text: str) -> str:
    """The sentence less the titles it quotes: a title's words ("Help the handicraftsmen
    organize") name a speech, not an act the sentence reports."""
    return _TITLE.sub(" ", text)


def _is_entry(text: str) -> bool:
    """A line with no verb but in the titles it quotes: an entry of a list or a record's field
    ("Type of Meeting: ...")."""
    text = without_titles(text)
    if is_cjk(text):
        return not any(flag.startswith("v") for _, flag in _posseg().cut(text))
    return not any("VERB" in pos and "NOUN" not in pos
                   for pos in (lemma_table(w.lower()) for w in re.findall(r"[A-Za-z]+", text)))


# Acts that put something forward first, as against deciding or carrying it out.
_ORIGINATED = re.compile(r"\b(?:propos(?:e|ed|al|ing)|suggest(?:ed|ion)?|initiat(?:e|ed|ive)|"
                         r"originat(?:e|ed)|put forward|came up with|first raised|advocat(?:e|ed))\b"
                         r"|提出|倡议|建议|首先提", re.IGNORECASE)
# The question asks who did it ("who first proposed", "which body suggested"), not what was put
# forward ("which organs were suggested?").
_WHO_ORIGINATED = re.compile(r"\b(?:who\s+|which\s+(?:[\w-]+\s+){1,3}?)(?:first\s+|originally\s+)?"
                             r"(?:propos|suggest|initiat|originat|put forward|came up with|raised|advocat)"
                             r"|谁[^，。？]{0,4}(?:提出|倡议|建议)|(?:提出|倡议|建议)[^，。？]{0,16}的是谁",
                             re.IGNORECASE)


def asks_who_originated(question: str) -> bool:
    """The question asks who first put something forward (proposed, suggested, initiated)."""
    return bool(_WHO_ORIGINATED.search(question))


def reports_origin(text: str) -> bool:
    """The text reports something being put forward, not only its adoption."""
    return bool(_ORIGINATED.search(text))
