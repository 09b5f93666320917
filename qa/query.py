"""What a question asks for and what it pins down: language, years, conferences, answer type, the
side of an event (opening or closing, plan or outcome), the people it names, and time it names
indirectly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from qa.about import set_aside_terms, topic_terms
from qa.aspects import (
    asked_modality,
    asked_phase,
    asks_body,
    asks_meeting,
    asks_place,
    asks_reason,
    asks_trade,
    leaning_modality,
    place_asked_at,
)
from qa.language import (
    conference_ordinals,
    content_terms,
    detect_lang,
    expand_short_forms,
    person_names,
    years,
    zh_person_names,
    zh_years_to_arabic,
)
from qa.pronouns import PERSON_PRONOUN
from qa.scene import event_focus, event_words, scene_words
from qa.thesaurus import lemma_table
from qa.timeref import TimeRef, resolve

_NUMBER_Q = re.compile(
    r"\bhow (many|much|large|big|high|long a)\b|\b(?:what|which) (?:[\w-]+ )?(?:(?:rate|fee|price|cost|"
    # A noun of size asks for a figure: "what membership", "what total", "what size"; a noun of
    # money in the plural too ("what tax rates", "what wages"), not a tier ("which levels").
    r"amount|sum|wage|salary)s?|level|membership|size|total|count|scale|headcount)\b|"
    r"\bnumber of\b|\bwhat (?:was|is|were) the (?:(?:real|actual|final|overall) )?(?:total|number|"
    r"output|value|amount|percentage|share)\b|\bhow many times\b|\bwhat percentage\b|"
    # A ratio noun asks for a figure too: "what proportion of the goods", "what fraction".
    r"\bwhat (?:total |annual )?(?:output|value|amount|number|percentage|share|figure|target|proportion|"
    r"fraction|ratio|portion)\b|"
    r"\b(?:output value|total value|gross value|annual output)\b|"
    # A target of a measure is a figure: "the membership goal for 1955", "the output target".
    r"\b(?:membership|output|enrol(?:l)?ment|headcount)\s+(?:goal|target|figure|quota|plan)s?\b|"
    # "What did output actually come to?": a verb of amounting asks for a figure.
    r"\bwhat\s+did\s+[\w\s'-]{1,40}?\s+(?:come|amount|add\s+up|run)\s+to\b"
    r"|\bwhat\s+did\s+[\w\s'-]{1,40}?\s+(?:total|number)\b|"
    # An indicator or quota (指标) is a planned figure: "给当年定了什么指标" asks the figures set.
    r"\b(?:what|which) (?:[\w-]+ )?quotas?\b|"
    r"多少|几个|几次|几倍|数量|人数|总值|产值|规模|比例|比重|百分之几|几成|指标", re.IGNORECASE)
# "At what level were bureaus to be set up?": a tier of government or organisation, not a figure.
_TIER_Q = re.compile(r"\b(?:at|on|from|to)\s+(?:what|which)\s+(?:administrative\s+|government\s+)?levels?\b"
                     r"|\b(?:what|which)\s+levels?\s+of\s+(?:government|administration|the\s+party|party|"
                     r"organi[sz]ation|leadership)\b|哪一?级|什么级别|哪些级别", re.IGNORECASE)
# "When ..." asks for a date; "what happens to X when they join" does not.
_DATE_Q = re.compile(r"(?:^\W*|[,;]\s*|\band\s+|\bby\s+|\bsince\s+|\buntil\s+)when\b"
                     r"|\b(?:what|which) (?:(?:exact|precise|specific|particular|calendar)\s+)?"
                     r"(?:year|date|day|month)s?\b"
                     r"|\bon what date\b|\bhow long\b|什么时候|何时|哪一年|哪年|哪天|几月|日期|哪一天"
                     # "在哪个五年计划期间": a period asked, not a place.
                     r"|哪(?:个|一个)[\u4e00-\u9fff]{0,8}?(?:期间|时期|时候|阶段)",
                     re.IGNORECASE)
# "Who was to lead them?", "who convened it?": a body as often as a person holds such a charge,
# so no kind is required of the answer.
_WHO_LEADS = re.compile(r"\bwho(?:m)?\b(?![^?]{0,60}\b(?:director|chairman|head|secretary|minister|expert|"
                        r"adviser|advisor|speaker|person|official)s?\b)[^?]{0,60}?\b(?:lead|leading|led|"
                        r"in charge|responsible|convene[ds]?|convening|sponsor(?:ed|s)?|host(?:ed|s)?|"
                        r"supervis(?:e|ed|es|ing)|oversee|oversaw|manag(?:e|ed|es|ing)|run|ran|guide[ds]?|"
                        r"guiding)\b"
                        # 由谁领导 / 谁负责: whoever leads or convenes may be a body.
                        r"|谁(?![^？?]{0,12}(?:主任|主席|局长|部长|专家|书记))[^？?]{0,12}?"
                        r"(?:领导|负责|主持|召开|召集|主管|管理|主办)", re.IGNORECASE)
# "What did Chairman Liu say?" puts a title before a name: it asks what he said, not who.
_WHO_Q = re.compile(r"\bwho\b|\bwhom\b|\bwhose\b|\b(?:which|what) "
                    r"(?:(?!(?:did|does|do|was|were|is|are|had|has)\b)[\w-]+ )?(?:person|people|official|"
                    r"leader|"
                    r"expert|adviser|advisor|specialist|director|chairman|vice-chairman|head|speaker|minister|"
                    r"secretary|delegate|representative|individual)s?\b"
                    r"|\bname the\b|谁|哪位|何人", re.IGNORECASE)

# The title of a speech, report or document (not a person's title, which is a post).
_TITLE_Q = re.compile(
    r"\btitle of (?:the |his |her |their |that |this )?(?:[\w'’-]+ ){0,3}(?:speech|report|talk|address|"
    r"article|document|lecture|paper)\b|\b(?:speech|report|talk|address|lecture|paper)\s+(?:was\s+)?"
    r"(?:titled|entitled|called)\b|(?:what|how) was (?:it|the \w+) (?:titled|entitled)\b|"
    r"(?:讲话|报告|发言|文章|文件)(?:的)?(?:题目|标题)|题为什么|题目是什么", re.IGNORECASE)


@dataclass
class Query:
    text: str
    lang: str
    years: set[str] = field(default_factory=set)
    ordinals: set[int] = field(default_factory=set)
    wants: str = "fact"  # "number", "date", "person", "place", "body", "trade", "reason", "title"
    # or "fact"
    focus: str = ""  # the stemmed noun a "how many X" question counts
    terms: list[str] = field(default_factory=list)
    # Years that only say which document or meeting is asked about ("the 1953 report"): a sentence
    # of an article of that date holds them, for word overlap.
    document_years: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()  # the articles it may be answered from; empty: all
    since: str | None = None
    until: str | None = None
    vector: Any = None  # the question's embedding, computed once for retrieval and scoring
    phase: str | None = None  # "start" or "end": which side of an event a date question asks
    modality: str | None = None  # "plan" or "actual": a target or what was achieved
    leaning: str | None = None  # the modality a past-tense question leans to (ranking only)
    names: list[str] = field(default_factory=list)  # people the question names
    time: TimeRef = field(default_factory=TimeRef)  # time named indirectly, resolved
    # Words only of the scene a question sets before asking: they find the source, not the
    # sentence that answers.
    scene: frozenset[str] = frozenset()
    # Words that name the event the question is set in ("at the Third national conference in
    # 1953", "the December 1955 meeting"): in the sentences of that event's own article they say
    # where, not what, and so count like the title's words. A record's opening lines name the event
    # and nothing else, and would otherwise outrank the sentence that answers.
    event_words: frozenset[str] = frozenset()
    # The question less the words that name its event or its article (title words): what it asks
    # of that event, compared by meaning with the event's own sentences ("the main issue it
    # concentrated on"), which all restate the event's name. `titled`: those articles.
    focus_text: str = ""
    focus_vector: Any = None
    titled: frozenset[str] = frozenset()
    prefer: frozenset[str] = frozenset()  # articles a conversation is about (a follow-up)
    # The articles a conversation is on, for a question in it that names nothing of its own: a
    # lean in ranking, unlike `prefer` (a follow-up's articles, which come first).
    lean: frozenset[str] = frozenset()
    # The articles retrieval reached for it (every candidate of every pool): the part of the
    # archive its words are weighed in (qa.answering.archive_counts).
    reached: frozenset[str] = frozenset()
    compared: bool = False  # one side of a comparison the question was split into
    # What the question sets aside ("besides production and sales", "除了供产销以外"): a sentence
    # about it answers nothing new, unless it sets it aside too ("in addition to X, Y", "also").
    excluded: frozenset[str] = frozenset()
    # What the question asks about, named after "regarding", "on the issue of", "对…提出": a
    # sentence that answers speaks of it.
    topic: frozenset[str] = frozenset()
    # The spans (article, start, end) the previous answer quoted, for a follow-up: the reader asks
    # on from what he just read.
    read: frozenset[tuple[str, int, int]] = frozenset()
    # What retrieval searches for, when more than the question: a follow-up with the question it
    # follows ("What was his title?" finds little on its own).
    search_text: str = ""


def analyse(question: str, since: str | None = None, until: str | None = None,
            articles: dict[str, dict] | None = None) -> Query:
    """`articles` (the index manifest) resolves time named by events ("the year after the Third
    conference"). When a question first states something and then asks ("The Third conference
    planned 900,000. How many were actually organized?"), what it asks for, and the conference
    and years it pins, come from the asking sentence; the statement only lends its words."""
    whole = question
    question = _asking_sentence(question)
    asked = _LEAD_CLAUSE.sub("", question)
    wants = "fact"
    if _TITLE_Q.search(asked):
        wants = "title"
    elif asks_reason(asked):
        wants = "reason"
    elif (figure := _NUMBER_Q.search(asked)) and not -1 < place_asked_at(asked) < figure.start() \
            and not _TIER_Q.search(asked):
        wants = "number"
    elif _DATE_Q.search(asked):
        wants = "date"
    elif asks_place(asked):
        wants = "place"
    elif asks_body(asked):
        wants = "body"
    elif asks_meeting(asked):
        wants = "meeting"
    elif asks_trade(asked):
        wants = "trade"
    elif _WHO_Q.search(asked) and not _WHO_LEADS.search(asked):
        wants = "person"
    time = resolve(question, articles or {})
    if question != whole:
        # A scene set before the question ("In the spring after the Fifth conference, a symposium
        # met. Which trades …?") dates the source as surely; its years and conferences still do
        # not pin the asking sentence.
        time.articles |= resolve(whole, articles or {}).articles
    # A year inside a season that straddles two years ("just before New Year 1956") dates a window,
    # which the resolved articles stand for: it is not a year the answer must concern.
    dated, dated_whole = zh_years_to_arabic(question), zh_years_to_arabic(whole)
    for span in time.dating_only:
        dated, dated_whole = dated.replace(span, " "), dated_whole.replace(span, " ")
    named = years(dated) or years(dated_whole)
    # A conference named only to date another ("three months after the Fifth conference closed")
    # is not the one asked about.
    about = _without(question, time.anchors)
    art = in_archive_terms(whole)
    event = event_words(about, time)
    excluded = set_aside_terms(question)
    topic = topic_terms(question)
    return Query(text=whole, lang=detect_lang(whole), years=named | time.years,
                 ordinals=conference_ordinals(_with_conference(about)) | time.ordinals, wants=wants,
                 focus=_focus(question) if wants == "number" else "",
                 terms=content_terms(art), excluded=excluded, topic=topic,
                 document_years=_document_years(art, wants),
                 since=since, until=until,
                 search_text=art if art != whole else "",
                 scene=scene_words(whole, question), event_words=event,
                 **event_focus(whole, event, articles or {}, time,
                                conference_ordinals(_with_conference(about)) | time.ordinals),
                 phase=asked_phase(question) if wants == "date" else None,
                 modality=asked_modality(question), leaning=leaning_modality(question),
                 names=_names(question, whole, time.spans), time=time)


# A year that dates the document or meeting asked about ("the 1953 report", "那份1953年的会议报告")
# says which one it is: every sentence of an article of that date is of it, whether or not it
# repeats the year. Not when a date or figure is asked, which the year may qualify.
_DOCUMENT_YEAR = re.compile(
    r"\b(1[89]\d\d)(?:'s)?\s+(?:[\w-]+\s+){0,2}?(?:report|conference|meeting|directive|instructions?|"
    r"symposium|record|session)s?\b|(1[89]\d\d)年的?[\u4e00-\u9fff]{0,4}?(?:会议|报告|指示|座谈会)",
    re.IGNORECASE)


def _document_years(text: str, wants: str) -> frozenset[str]:
    if wants in ("number", "date"):
        return frozenset()
    return frozenset(y for m in _DOCUMENT_YEAR.finditer(zh_years_to_arabic(text)) for y in m.groups() if y)


def _names(question: str, whole: str, spans: list[str]) -> list[str]:
    """The people the asking sentence names; for its pronoun, those the statement before it named
    ("Zhu De appears in more than one article. In what capacity did he take part …?")."""
    names = person_names(_without(question, spans)) + zh_person_names(question)
    if not names and question != whole and PERSON_PRONOUN.search(question):
        lead = whole[: whole.find(question)] if question in whole else ""
        names = person_names(lead) + zh_person_names(lead)
    return names


_HOW_MANY = re.compile(r"\bhow (?:many|much)\s+((?:[a-z'-]+\s*){1,6})", re.IGNORECASE)
# Where the counted noun phrase ends: a verb, an auxiliary or a preposition.
_NP_END = frozenset("""
were was are is did do does had have has will would should could can in at by of for from on to
with among during before after under between that which who per than
""".split())


# "How large was the entrance fee", "how large an entrance fee did they pay", "at what interest
# rate": the thing whose size is asked.
_SIZE_OF = re.compile(r"\bhow (?:large|big|high)\s+(?:(?:was|were|is|are)\s+(?:the|a|an|its|their)|a|an)\s+"
                      r"((?:[a-z-]+\s+){0,2}?[a-z-]+?)(?=\s+(?:that|which|of|for|a|an|the|to|on|in|at|paid|"
                      r"had|did)\b|[?.,]|$)"
                      r"|\b(?:what|which)\s+((?:[a-z-]+\s+)?(?:rate|fee|price|cost|wage|salary|membership)s?)\b",
                      re.IGNORECASE)


def _without(text: str, spans: list[str]) -> str:
    for span in spans:
        text = text.replace(span, " ")
    return text


def _verb_only(word: str) -> bool:
    """A word that can only be a verb ("took", "belonged"): it ends the counted noun phrase."""
    pos = lemma_table(word.lower())
    if not pos:
        return word.lower().endswith("ed")
    return "NOUN" not in pos and "ADJ" not in pos


def _may_be_noun(word: str) -> bool:
    """Whether the dictionary lists the word as a noun (a word it does not list may be one)."""
    pos = lemma_table(word.lower())
    return not pos or "NOUN" in pos


# A clause that sets the scene before the question proper ("And when state commerce places
# orders, how were contracts signed?", "If a member left, what did he get back?"): its "when"
# asks no date. What the question asks for is read after it; its time and conference still count.
_LEAD_CLAUSE = re.compile(r"^\W*(?:and\s+|but\s+)?(?:when|whenever|if|once)\b[^,?，？]{3,},\s*"
                          r"(?=(?:how|what|which|who|whom|whose|where|why|did|do|does|was|were|is|"
                          r"are|could|should|would|can)\b)", re.IGNORECASE)


# A question may open with another question that states its premise ("Did they in fact reach
# the planned 5 million? What was the real total?"): the last one asks.
_SENTENCE_END = re.compile(r"(?<=[.!。！?？])\s*")


def _asking_sentence(question: str) -> str:
    """The last sentence when a question opens with statements; else the whole question."""
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    if len(parts) > 1 and parts[-1].rstrip().endswith(("?", "？")) and len(parts[-1]) >= 10:
        return parts[-1]
    return question


_ZH_HOW_MANY = re.compile(r"多少(?:名|个|位|家|种|人|项|次)?(?P<np>[\u4e00-\u9fff]{1,12})")


# jieba's tags that may head a counted noun phrase besides n*: a verbal noun (生产), an
# abbreviation (供销社), a set phrase (合作社 is tagged l).
_NOUNISH = ("vn", "j", "l")
_MEASURES = frozenset("人 个 名 位 元 次 项 家 种".split())  # a unit, not the thing counted
_HOW_MANY_OF = frozenset("人数 数量 数目 总数".split())  # "the number of" what comes before
# Nouns that say what kind of figure is asked (a target, a plan), not what it counts.
# jieba tags 一共 as an abbreviation (j): the adverbs of totalling are skipped too.
_FRAME_NOUNS = frozenset("目标 指标 计划 规划 任务 数字 情况 结果 一共 总共 共计 合计".split())


def _zh_focus(question: str) -> str:
    """The noun a Chinese "多少X" counts: the last noun of the phrase after 多少 (and its measure
    word), by jieba's part-of-speech tags ("多少名代表出席" → 代表)."""
    from qa.language import _posseg

    m = _ZH_HOW_MANY.search(question) or re.search("多少", question)
    if not m:
        return ""
    head = ""
    for word, flag in _posseg().cut(m.groupdict().get("np") or ""):
        if flag.startswith("n") or flag in _NOUNISH:
            head = word
        elif head:
            break
    if head and head not in _MEASURES:
        return head
    head = ""
    # The counted noun may come first: "代表共有多少人", "平均月工资大约是多少元": the last noun
    # of the clause before 多少 (人数/数量 say only "how many", not what).
    before = re.split(r"[，。、；,]", question[: m.start()])[-1]
    # "发展到多少" (grow to how many): a verb of change before 多少 counts nothing itself.
    words = list(_posseg().cut(before))
    complement = False  # after 到, a verbal noun (发展, tagged vn) is the verb it completes
    while words and (words[-1].word in ("到", "至", "为", "了") or words[-1].flag == "v"
                     or complement and words[-1].flag == "vn"):
        complement = words.pop().word in ("到", "至", "为", "了")
    before = "".join(w.word for w in words)
    if re.search("[和与及]|分别", before):  # two things counted: no one noun must be in the answer
        return ""
    for word, flag in _posseg().cut(before):
        if word in _HOW_MANY_OF:
            break  # "社员人数": the noun before 人数 is the one counted
        if (flag.startswith("n") or flag in _NOUNISH) and word not in _FRAME_NOUNS:
            head = word
    return head


# "How many of them were women?": a part of a whole, named after the verb, is what is counted.
_PART_OF = re.compile(r"\bhow many of\s+(?:them|those|these|the\s+[\w\s-]{1,40}?|their\s+[\w\s-]{1,40}?)\s+"
                      r"(?:were|was|are|is)\s+(?:a\s+|an\s+)?([a-z-]+)\s*[?？.]?\s*$", re.IGNORECASE)


# "What did output actually come to?": the thing whose amount is asked.
_AMOUNT_OF = re.compile(r"\bwhat\s+did\s+(?:the\s+|their\s+|its\s+)?([\w'-]+(?:\s+[\w'-]+){0,3}?)\s+"
                        r"(?:actually\s+|really\s+|finally\s+|in\s+fact\s+|eventually\s+)?"
                        r"(?:come|amount|add\s+up|run)\s+to\b", re.IGNORECASE)


def _counted(phrase: str) -> str:
    """The search token of a phrase's head noun, as what a sentence counts (members for a
    membership)."""
    terms = content_terms(phrase)
    return _COUNT_OF.get(terms[-1], terms[-1]) if terms else ""


def _focus(question: str) -> str:
    if detect_lang(question) == "zh":
        return _zh_focus(question)
    question = expand_short_forms(question)
    amount = _AMOUNT_OF.search(question)
    if amount:
        return _counted(amount.group(1))
    part = _PART_OF.search(question)
    if part and _may_be_noun(part.group(1)):
        return _counted(part.group(1))
    m = _HOW_MANY.search(question) or _SIZE_OF.search(question)
    if not m:
        return ""
    words = next(g for g in m.groups() if g).split()
    # "how many of those cadres": the partitive names the counted noun after it.
    while words and words[0].lower() in ("of", "the", "those", "these", "them", "its", "their"):
        words = words[1:]
    phrase: list[str] = []
    for w in words:
        if w.lower() in _NP_END or phrase and _verb_only(w):
            break
        # A word that is never a noun after the noun modifies the count, not the noun ("how
        # many people nationwide", "how many cooperatives altogether").
        if any(_may_be_noun(x) for x in phrase) and not _may_be_noun(w):
            break
        phrase.append(w)
    terms = content_terms(phrase[-1]) if phrase else []
    head = terms[-1] if terms else ""
    # A membership is a count of members: the members are what a sentence counts.
    head = _COUNT_OF.get(head, head)
    return "" if head in _RATIO_NOUNS else head


# Economic terms a question may say in several words where the archive uses a term of art: no
# single-word synonym links "output per worker" to "labor productivity", or "turning
# cooperatives into state enterprises" to "nationalizing" them. The question is searched for and
# scored with the term in place of those words (its own text is what the answer is judged on).
_TERM_OF_ART = (
    (re.compile(r"\b(?:output|production|produce)\s+(?:per|for each|of each)\s+(?:worker|head|person|member|"
                r"capita|man|labou?rer)\b|\bper[- ]capita (?:output|production)\b|\bworker productivity\b"
                r"|\bproductivity of (?:each|the|their) (?:workers?|members?)\b|人均产量|人均产值",
                re.IGNORECASE),
     "labor productivity", "劳动生产率"),
    (re.compile(r"\b(?:turn(?:s|ed|ing)?|convert(?:s|ed|ing)?|transform(?:s|ed|ing)?|mak(?:e|es|ing)|made)\b"
                r"(?P<what>[^?.]{0,50}?)\binto\s+(?:a\s+)?state(?:-owned|\s+owned|-run|\s+run)?\s+"
                r"(?:enterprises?|firms?|factories|concerns|businesses|property)\b"
                r"|\bstate (?:takeover|ownership)\b|转为国营|收归国有|变为国营", re.IGNORECASE),
     "nationalizing", "国营"),
    # A provisional arrangement: "until the federations existed" is the articles' "before the
    # establishment of the federations", "on an interim basis" their "temporarily".
    (re.compile(r"\buntil\s+(?P<what>(?!(?:he|she|it|they|we|you|i|one)\b)[^?.,]{3,60}?)\s+"
                r"(?:(?:had\s+been|have\s+been|were|was|are|is)\s+)?"
                r"(?:existed|exist|set\s+up|formed|established|founded|created)\b", re.IGNORECASE),
     "before the establishment of", "成立以前"),
    (re.compile(r"\b(?:on\s+an\s+interim\s+basis|in\s+the\s+interim|for\s+the\s+time\s+being|provisionally|"
                r"in\s+the\s+meantime)\b", re.IGNORECASE),
     "temporarily", "暂时"),
)


def in_archive_terms(question: str) -> str:
    """The question with what it says in other words put in the archive's terms ("output per
    head" → "labor productivity"); the question itself when it has no such phrase."""
    zh = detect_lang(question) == "zh"

    def term(m: re.Match, en: str, cn: str) -> str:
        what = m.groupdict().get("what") or ""
        return f"{cn if zh else en} {what}".rstrip()

    for pattern, en, cn in _TERM_OF_ART:
        question = pattern.sub(lambda m, en=en, cn=cn: term(m, en, cn), question)
    return re.sub(r"[ \t]{2,}", " ", question)


# What a collective noun counts: a membership is counted in members.
COUNTED_AS = {"membership": "members", "memberships": "members", "headcount": "people",
              "workforce": "workers"}
_COUNT_OF = {content_terms(k)[0]: content_terms(v)[0] for k, v in COUNTED_AS.items()}
# Nouns of a ratio say what kind of figure is asked ("how high a share"), answered by "30
# percent" or "2.26 times": they count nothing a sentence must name.
_RATIO_NOUNS = frozenset(content_terms("share proportion percentage fraction portion ratio part"))


def _with_conference(question: str) -> str:
    """'the fifth one' names a conference as surely as 'the Fifth conference'."""
    return re.sub(r"\b(one)\b", "conference", question, flags=re.IGNORECASE)
