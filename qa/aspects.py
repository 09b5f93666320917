"""Which side of an event a text speaks of: its opening or its closing, a plan or an outcome; and
whether it names a place or gives a reason.

A question about a conference's opening is not answered by the day it closed, nor a question
about what was achieved by the target that was set: the answer must be of the kind asked, and
when the articles hold only the neighbour, the answerer says so. These are the word classes that
mark each side, in English and Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.antecedents import ZH_WHICH_MEETING, find_conferences
from qa.language import _ORDINAL_WORDS, conference_ordinals, is_cjk, years

_START = re.compile(
    # "convened by the Bureau" names who held it, not when it opened.
    r"\b(?:open(?:s|ed|ing)?|beg[ia]n(?:s|ning)?|start(?:s|ed|ing)?|convene[sd]?(?!\s+(?:jointly\s+)?by\b)|convening|"
    r"commence[sd]?|inaugurat\w*|kick(?:ed)? off|got under way)\b|开幕|开始|召开|开会", re.IGNORECASE)
_END = re.compile(
    r"\b(?:clos(?:e|es|ed|ing)|conclud(?:e|es|ed|ing)|end(?:s|ed|ing)?|finish(?:es|ed|ing)?|"
    r"wound up|wind up|adjourn\w*|wrap(?:ped)? up)\b|闭幕|结束|閉幕", re.IGNORECASE)
# A span "from November 20 to December 17", "20-11-1953 – 17-12-1953": both ends are given.
_RANGE = re.compile(r"\bfrom\b[^.;]{0,40}?\bto\b|\d{1,2}-\d{1,2}-\d{4}\s*[–-]\s*\d{1,2}-\d{1,2}-\d{4}|"
                    r"\bDates of Meeting\b|从[^。；]{0,20}?到", re.IGNORECASE)

_PLAN_Q = re.compile(
    r"\b(?:plan(?:s|ned|ning)?|target(?:s|ed)?|goals?|aims?|aimed|projected|envisag\w*|"
    r"intended|quotas?|set out to|was to|were to|supposed to)\b|计划|目标|指标|预计|要求.{0,6}(?:达到|发展)",
    re.IGNORECASE)
_ACTUAL_Q = re.compile(
    r"\b(?:actual(?:ly)?|achieved|attained|realized|in fact|in reality|real|really|turned out|"
    r"ended up|result(?:ed)?|outcome)\b|实际|实际上|完成了|达到了|结果", re.IGNORECASE)
# In a sentence: the marks of a plan or target ("should", "will reach", "要发展到").
_PLAN_S = re.compile(
    r"\b(?:plan(?:s|ned)?|target|goal|should|shall|strive|is to|are to|will|would|expected to)\b|"
    r"计划|要|应|将|争取|指标", re.IGNORECASE)
_EXPLICIT_PLAN_S = re.compile(r"\b(?:plan(?:s|ned)?|target|goal)\b|计划|指标", re.IGNORECASE)

# "which ethnic minority regions": a place noun may follow a word or two that narrow it (not a
# verb or a determiner: "what should cities do", "what were those cities told").
_PLACE_Q = re.compile(r"^\s*where\b|\b(?:which|what) (?:(?!(?:was|were|is|are|did|do|does|should|would|could|"
                      r"can|will|had|has|have|the|those|these|that|this|such|of|about|in|for|with|to|from)\b)"
                      r"[a-z-]+ ){0,2}(?:city|cities|towns?|places?|venues?|"
                      r"locations?|provinces?|regions?|counties|county|municipalit(?:y|ies)|buildings?|halls?)\b|"
                      r"哪里|哪(?:个|些)[\u4e00-\u9fff]{0,6}?(?:城市|地区|省|县|地方)|什么地方|何地|在哪(?:里|儿)|在哪(?![个些一])",
                      re.IGNORECASE)
_PLACE_S = re.compile(r"\b(?:in|at)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b|"
                      r"在[\u4e00-\u9fff]{2,3}(?:市|省|县|自治区)|在北京|在上海|在天津")
# Not a place a question asks (a city, province, region or venue): months, bodies named like
# places, and the country as a whole ("in China" answers no "which regions?").
_NOT_PLACE = re.compile(r"^(?:in|at)\s+(?:the\s+)?(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|The|This|That|In|Attendance|Conference|"
                        r"Central|National|Soviet|All|China|People's Republic)\b")

_WHY_Q = re.compile(r"^\s*(?:and\s+)?(?:why|how come|for what reason|what (?:was|were) the reasons?)\b|"
                    # "题为什么" is "titled what", "称为什么" "called what": 为 belongs to the verb.
                    r"(?<![题称名改作成选定视认列])为什么|为何|什么原因|原因是什么", re.IGNORECASE)
_REASON_S = re.compile(
    r"\b(?:because|since|so as to|in order to|so that|due to|owing to|reason|for the purpose|to meet|"
    r"to supplement|to satisfy|aim(?:s|ed)? (?:at|to)|therefore|thus|hence|as a result)\b|"
    r"因为|由于|为了|以便|因此|所以|为着|以满足|以补充|目的", re.IGNORECASE)


# "by the end of 1954", "年底" date a figure; they ask for no side of an event.
_TIME_PHRASE = re.compile(r"\b(?:by|at|towards?|until|before|after|from)?\s*the (?:end|close|start|beginning|"
                          r"opening) of (?:the )?(?:year|\d{4}|19|20|first|second|plan|period|month)\w*|"
                          r"\bend-of-year\b|\byear-end\b|年底|年末|年初|底", re.IGNORECASE)


# "the meeting that closed just before New Year 1956": a side of an event placed in time picks
# out the event; the question then asks something else of it ("by when was the task finished").
_IDENTIFYING = re.compile(r"\b(?:that|which)\s+(?:had\s+)?(?:opened|began|started|convened|met|closed|"
                          r"concluded|ended|finished|wound up|adjourned|wrapped up)\s+"
                          r"(?:just\s+|shortly\s+|right\s+)?(?:before|after|in|on|at|around)\b",
                          re.IGNORECASE)


# "About six months after the Third conference ended, on what day ...", "会议结束大约半年以后":
# a side of an event followed or preceded by a relation in time anchors another act's date;
# the question asks the day of that act, not the event's closing.
_ANCHORING = re.compile(r"\b(?:after|before|following)\s+(?:[\w'-]+\s+){0,10}?"
                        r"(?:opened|began|started|convened|closed|concluded|ended|finished|"
                        r"wound up|adjourned|wrapped up)\b|"
                        r"(?:闭幕|开幕|召开|举行|结束|开始)(?:的)?[^，。？；,?]{0,8}?(?:以后|之后|以前|之前|后|前)",
                        re.IGNORECASE)


# "By when was the task to be finished?" asks a deadline, not the closing of an event.
_DEADLINE = re.compile(r"\bby (?:when|what (?:date|time|year|point))\b|\bdeadline\b"
                       r"|到什么时候|什么时候以前|何时以前", re.IGNORECASE)


def asked_phase(question: str) -> str | None:
    """'start' or 'end' when the question asks for one side of an event ("when did it open?")."""
    if _DEADLINE.search(question):
        return None
    question = _ANCHORING.sub(" ", _IDENTIFYING.sub(" ", _TIME_PHRASE.sub(" ", question)))
    start, end = bool(_START.search(question)), bool(_END.search(question))
    if start == end:
        return None
    return "start" if start else "end"


def phases(text: str) -> set[str]:
    """The sides of an event a sentence gives: a range gives both."""
    if _RANGE.search(text):
        return {"start", "end"}
    marks = [("start", m) for m in _START.finditer(text)] + [("end", m) for m in _END.finditer(text)]
    # A date belongs to the side of the event written next to it: "jointly convened by the
    # Bureau ..., concluded on the 28th" dates the closing only; "convened by" names who held it.
    days = list(_DAY.finditer(text))
    dated = {side for side, m in marks for d in days if _gap(m, d) <= _NEAR[is_cjk(text)]}
    return dated or {side for side, _ in marks}


# A day of the month: "January 5th", "the 28th", "December 8", "一月五日", "二十八日", "28日".
_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?\b|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b|"
    r"[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|[一二三四五六七八九十]{1,3}日|\d{1,2}日",
    re.IGNORECASE)
# Characters allowed between a side word and its date (English words, Chinese characters).
_NEAR = {False: 25, True: 6}


def _gap(a: re.Match, b: re.Match) -> int:
    return max(a.start(), b.start()) - min(a.end(), b.end())


def asked_modality(question: str) -> str | None:
    """'plan' when the question asks for a target, 'actual' for what was achieved; else None."""
    plan, actual = bool(_PLAN_Q.search(question)), bool(_ACTUAL_Q.search(question))
    # "Did they in fact reach the planned 5 million?": a plan named as an attribute is the
    # premise, the outcome is what is asked.
    if plan and actual and not _PLAN_Q.search(_ATTRIBUTIVE_PLAN.sub(" ", question)):
        return "actual"
    if plan == actual:
        return None
    return "plan" if plan else "actual"


_ATTRIBUTIVE_PLAN = re.compile(r"\b(?:the|its|their|this|that|a)\s+(?:planned|projected|intended|targeted)\b|"
                               r"\b(?:the|its|their|this|that)\s+(?:plan(?:ned)?|target|goal)\s+(?:of|for)\b|"
                               r"计划(?:中)?的|预定的", re.IGNORECASE)


_PAST_Q = re.compile(r"\b(?:did|was|were|had)\b|了", re.IGNORECASE)


def leaning_modality(question: str) -> str | None:
    """A question in the past tense that names no plan ("How many members did cooperatives have
    at the end of 1954?") leans to the outcome: a preference when ranking, never a refusal."""
    if asked_modality(question) is None and not _PLAN_Q.search(question) and _PAST_Q.search(question):
        return "actual"
    return None


def modality(text: str, article_year: int | None) -> str:
    """'plan' or 'actual' for a sentence: a plan when it says so ("planned", "target"), or when
    it speaks of a year not yet over when the article was written in the future tense ("in 1955
    ... should develop to 2 million", in a paper of January 1955); an outcome when the year it
    speaks of was past ("by the end of 1954 ... will be more than 1.1 million", the same paper)."""
    if _EXPLICIT_PLAN_S.search(text):
        return "plan"
    named = [int(y) for y in years(text)]
    if named and article_year is not None:
        if max(named) < article_year:
            return "actual"
        return "plan" if _PLAN_S.search(text) else "actual"
    return "plan" if _PLAN_S.search(text) else "actual"


# An estimate ("it is estimated that by the end of 1954", "预计") is a target until the year is
# over and an outcome after: a question that asks for the expected figure in a hedge of its own
# is answered by a sentence that hedges too, whichever side its tense puts it on.
_ESTIMATE = re.compile(r"\b(?:estimat\w*|expected|projected|anticipated|forecast)\b|预计|估计", re.IGNORECASE)


def shared_estimate(question: str, text: str) -> bool:
    return bool(_ESTIMATE.search(question) and _ESTIMATE.search(text))


# A question after an organisation: which body, ministry, agency, department ("哪个机构"). An
# office a person holds ("the office he held when he attended", "what office is he given in the
# report") is a post, not a body.
_BODY_Q = re.compile(
    r"\b(?:which|what) (?:[\w-]+ ){0,2}?(?:organi[sz]ations?|bod(?:y|ies)|ministr(?:y|ies)|agenc(?:y|ies)|"
    r"departments?|institutions?|committees?(?!\s+(?:members?|posts?))|offices?(?!\s+(?:[\w'-]+\s+){0,3}?(?:held|hold|holds|occupied|given|had|has|have))|bureaus?|"
    r"authorit(?:y|ies)|organs?)\b|"
    # The organisation noun must head the phrase: "什么样的生产组织方式" asks a manner (方式).
    r"(?:哪个|哪些|什么)[^，。？、]{0,12}?(?:机构|部门|单位|组织|机关)"
    r"(?!方式|形式|方法|办法|工作|问题|制度|原则|结构|起来|化)", re.IGNORECASE)
# A body named in a sentence: a noun phrase headed by an organisation noun ("the Industry and
# Commerce Section", "local supply and marketing cooperative federations", "中央手工业管理局").
_BODY_S = re.compile(
    r"((?:[\w'-]+\s+){0,4})(?:bureaus?|administrations?|committees?|federations?|councils?|ministr(?:y|ies)|"
    r"departments?|associations?|commissions?|offices?|cooperatives?|co-operatives?|agenc(?:y|ies)|"
    r"party|government|unions?|sections?|leagues?|organi[sz]ations?|institutions?|enterprises?|"
    r"groups?|systems?|organs?)\b|"
    r"([\u4e00-\u9fff]{2,12}?)(?:管理局|委员会|部门|联合总社|联合社|联社|合作社|机构|单位|政府|党委|科|局|部|处|厅|小组)",
    re.IGNORECASE)


def asks_body(question: str) -> bool:
    return bool(_BODY_Q.search(question))


def names_body(text: str, question: str) -> bool:
    """The sentence names an organisation the question does not already name: a body phrase with
    a word (or, in Chinese, characters) the question lacks."""
    asked = set(re.findall(r"[a-z]+", question.lower()))
    return any(_new_to(m.group(0), question, asked) for m in _BODY_S.finditer(text))


_FILLER = frozenset("the a an of and or in on at to by for its their this that these those with".split())


def _new_to(phrase: str, question: str, asked: set[str] | frozenset[str]) -> bool:
    """A phrase with a word (in Chinese, as a whole) the question does not have."""
    if is_cjk(phrase):
        return phrase not in question
    return bool(set(re.findall(r"[a-z]+", phrase.lower())) - asked - _FILLER)


# A question after a meeting itself: "which national meeting ended at the close of 1955?", "what
# national meeting came after the Fifth?", "哪次会议". The meeting noun heads the asked phrase; in
# "what did the Fifth conference say" it is the subject, and something else is asked (where
# qa.antecedents.ASKS_MEETING, which finds the meeting a conversation turns to, takes both).
_MEETING_Q = re.compile(
    r"\b(?:which|what)\s+(?:(?:is|was)\s+the\s+)?(?:(?!did\b|does\b|do\b|had\b|has\b|was\b|is\b|the\b)"
    r"[\w-]+\s+){0,3}?(?:conference|meeting|symposium|congress)s?\b(?!['’]s)"
    r"(?!\s+(?:reports?|documents?|resolutions?|decisions?|records?|proceedings|speech(?:es)?)\b)"
    rf"|{ZH_WHICH_MEETING}",
    re.IGNORECASE)


# "The conference that ended after New Year 1955 was which one in the series?": its place in a
# numbered series is its name ("the Fourth"), asked with the meeting as the subject.
_SERIES_Q = re.compile(
    r"\b(?:which|what)\s+(?:one|number)\s+(?:in|of)\s+the\s+series\b|\bwhich\s+in\s+the\s+series\b"
    r"|\b(?:conference|meeting|symposium|congress)\b[^?]{0,80}?\b(?:was|is)\s+which(?:\s+one)?\s*[?(]"
    r"|第几次|第几届", re.IGNORECASE)


def asks_meeting(question: str) -> bool:
    return bool(_MEETING_Q.search(question) or _SERIES_Q.search(question))


@lru_cache(maxsize=256)
def _meetings_asked(question: str) -> tuple[frozenset[str], frozenset[int]]:
    # Read once per question, not once per candidate sentence. "the Fifth" names the Fifth
    # conference even without the noun.
    return frozenset(re.findall(r"[a-z]+|\d+", question.lower())), frozenset(conference_ordinals(question) | {
        n for w, n in _ORDINAL_WORDS.items() if re.search(rf"\b{w}\b", question, re.IGNORECASE)})


def names_meeting(text: str, question: str) -> bool:
    """The sentence names a meeting the question does not already name."""
    asked, asked_ordinals = _meetings_asked(question)
    for phrase in find_conferences(text):
        ordinals = conference_ordinals(phrase)
        # One named by its ordinal is the question's own when the question names that ordinal.
        if (not ordinals <= asked_ordinals) if ordinals else _new_to(phrase, question, asked):
            return True
    return False


# A question after a kind of trade: "which trades", "in which industries", "哪些行业".
_TRADE_Q = re.compile(
    r"\b(?:which|what) (?:kinds? of |types? of |sorts? of )?(?:(?!of\b)[\w-]+ ){0,2}?(?:trades|industries|"
    r"sectors|occupations|professions)\b|哪些[^，。？]{0,6}?(?:行业|行当)|什么(?:行业|行当)", re.IGNORECASE)
# A trade named in a sentence: a trade noun after a word of its own ("repair and service
# industries", "metal products ... and other industries", "修理和服务性的行业").
_TRADE_S = re.compile(r"((?:[\w'-]+\s+){1,4})(?:trades?|industry|industries|sectors?|occupations?|"
                      r"professions?)\b"
                      r"|([\u4e00-\u9fff、]{2,16}?)(?:的)?(?:行业|行当)", re.IGNORECASE)


# Trades listed after their noun: "in industries closely related to ..., such as metal products".
_TRADE_LIST = re.compile(r"\b(?:trades?|industry|industries|sectors?)\b[^.;]{0,100}?"
                         r"\b(?:such as|like|including|namely)\s+\w+", re.IGNORECASE)


def asks_trade(question: str) -> bool:
    return bool(_TRADE_Q.search(question))


def names_trade(text: str, question: str, frame: frozenset[str] = frozenset()) -> bool:
    """The sentence names a trade the question does not already name, nor the archive's frame
    (`frame`: words of most passages, "the handicraft industry" in a handicraft archive)."""
    asked = {w[:5] for w in re.findall(r"[a-z]+", question.lower())} | {w[:5] for w in frame}
    if _TRADE_LIST.search(text):
        return True
    for m in _TRADE_S.finditer(text):
        if m.group(2):
            if m.group(2).strip("、") not in question:
                return True
        elif {w[:5] for w in _modifiers(m.group(1))} - asked:
            return True
    return False


# Words that modify a noun without naming a kind of it: "various industries", "other trades".
_QUANTIFIERS = frozenset("various all other some many several different each every certain such "
                         "any most both".split())


def _modifiers(before: str) -> list[str]:
    """The words right before a noun, back to the first article, preposition or quantifier."""
    out = []
    for w in reversed(re.findall(r"[a-z'-]+", before.lower())):
        if w in _FILLER or w in _QUANTIFIERS:
            break
        out.append(w)
    return out


# "Where should the focus of work be put?", "工作重点应放在哪里？": where an effort goes is what it
# is spent on, not a place.
_FIGURATIVE_PLACE = re.compile(
    r"\bwhere\b[^?]{0,100}\b(?:put|place[sd]?|lay|laid|direct(?:ed)?|shift(?:ed)?)\s+(?:[\w-]+\s+){0,3}"
    r"(?:focus|emphasis|priority|priorities|attention|efforts?|stress|weight)\b|"
    r"\bwhere\b[^?]{0,100}\b(?:focus|emphasis|priority|priorities|attention|efforts?|stress)\s+"
    r"(?:[\w-]+\s+){0,4}(?:be|lie|go)\b|"
    r"(?:重点|重心|注意力|精力|中心)[\u4e00-\u9fff]{0,6}哪(?:里|儿)", re.IGNORECASE)


# "Where's that background from?", "where does this information come from?": where a text comes
# from is its source (a book, a record), not a place.
_SOURCE_OF_TEXT = re.compile(
    r"\bwhere(?:'s|’s|\s+(?:is|was|are|were|does|did|do))\s+(?:(?:the|that|this|these|those|its|their|your)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:background|information|info|record|text|account|quotes?|quotations?|passages?|"
    r"notes?|material|data|figures?|numbers?|article|story|summary)\b(?:\s+[\w'-]+){0,6}?"
    r"\s+(?:come\s+|coming\s+|taken\s+)?from\s*[?？.]?\s*$",
    re.IGNORECASE)
_SOURCE_Q = re.compile(r"\b(?:sources?|works?|books?|cit(?:e|es|ed|ing)|quot(?:e|es|ed|ing)|authors?|"
                       r"references?|bibliograph\w*)\b|引自|引用|著作|作者|出处|来源|哪本书|书名",
                       re.IGNORECASE)


def asks_source_of_text(question: str) -> bool:
    return bool(_SOURCE_OF_TEXT.search(question))


def asks_source(question: str) -> bool:
    """The question asks where a text comes from: a source, a book, an author, a citation."""
    return bool(_SOURCE_Q.search(question) or _SOURCE_OF_TEXT.search(question))


def _place_q(question: str) -> re.Match | None:
    if _FIGURATIVE_PLACE.search(question) or _SOURCE_OF_TEXT.search(question):
        return None
    return _PLACE_Q.search(question)


def asks_place(question: str) -> bool:
    return _place_q(question) is not None


def place_asked_at(question: str) -> int:
    """Where in the question the place is asked (-1: it is not), so that a figure named after it
    ("which province had the largest number of ...") qualifies the place instead of being asked."""
    m = _place_q(question)
    return m.start() if m else -1


def names_place(text: str) -> bool:
    """"in Beijing", "在上海市": not "in the Cooperation Organization", a body named like a place."""
    return any(not _NOT_PLACE.match(m.group(0)) and not _BODY_WORDS & set(m.group(0).lower().split())
               for m in _PLACE_S.finditer(text))


_BODY_WORDS = frozenset("""
organization organisation organizations cooperation cooperative cooperatives committee bureau
federation administration conference council union association department ministry party
government symposium meeting congress league group office section
""".split())


def asks_reason(question: str) -> bool:
    return bool(_WHY_Q.search(question))


def gives_reason(text: str) -> bool:
    return bool(_REASON_S.search(text))


# "When did the paper carry the story?", "on which page did it appear?", "哪天见报？", "第几版？":
# the article itself as a publication, not what it reports.
_PUBLICATION_Q = re.compile(
    r"\b(?:paper|newspaper|daily|press)\b[^?]{0,60}?\b(?:run|ran|carr(?:y|ied)|print(?:ed)?|publish(?:ed)?|"
    r"appear(?:ed)?|came out|come out)\b"
    r"|\b(?:run|ran|carr(?:y|ied)|print(?:ed)?|publish(?:ed)?|appear(?:ed)?)\b[^?]{0,40}?\b(?:in|by) the "
    r"(?:paper|newspaper|press)\b"
    r"|\b(?:which|what) page\b|\bon (?:which|what) page\b"
    # Not 发表 ("朱德哪天发表讲话" is his speech) nor 发 (a news agency's dispatch has its own day).
    r"|(?:哪天|哪一天|什么时候|何时|几号|哪年哪月)[^？?]{0,12}?(?:刊登|刊载|刊出|见报|登载|登出)|第几版|哪一版|哪个版|什么版面",
    re.IGNORECASE)


def asks_publication(question: str) -> bool:
    return bool(_PUBLICATION_Q.search(question))
