"""Questions about the previous answer itself: which article it comes from ("Which article says
that?", "出处是哪篇文章？"), or whether what it quotes is a plan or an outcome ("Was that the
target or what was achieved?"). They are answered from that answer's own citations, not by a new
search: a search for "which article says that" finds nothing, and a new passage would not be the
one the reader is asking about.

The source is shown by quoting the article's own heading (its Title/Date lines, or a record's
first dated line), so that every sentence of the answer is still a verbatim, cited quote; the
plan-or-outcome reading goes in the notice, beside the re-quoted passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from qa.aspects import modality
from qa.records import Citation, Parallel
from qa.sentences import split_sentences

_SOURCE_Q = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:article|source|paper|report|document|piece|text|record|"
    r"newspaper|publication)s?\b|\bwhere\s+(?:does|did|is|was)\s+(?:that|this|it)\s+(?:come\s+from|"
    r"said|stated|reported)|\b(?:what|which)(?:'s| is| was) the source\b|\bsource\?|\bcitation\?"
    r"|哪篇|哪一篇|出处|来源|哪份|哪个文件|哪条报道"
    # "When was that said?": when the article that said it is dated, which its heading gives.
    r"|\bwhen\s+(?:was|were)\s+(?:that|this|it|those|these)\s+(?:said|stated|written|reported|published|"
    r"issued|announced)\b|\bwhen\s+did\s+(?:they|he|she|it)\s+say\s+(?:that|this|so)\b"
    r"|(?:这|那)(?:是|些话是)?(?:什么时候|何时)(?:说|提出|发表|报道|发出)的",
    re.IGNORECASE)
_PLANNED = (r"\b(?:plan|planned|target|goal|aim|projection|projected|forecast|estimate|estimated|intended|"
            r"expected)\b")
_ACHIEVED = (r"\b(?:result|outcome|actual|achieved|reached|attained|reality|real|final|tally|count|"
             r"recorded|record)\b")
_KIND_Q = re.compile(
    rf"{_PLANNED}.{{0,40}}\b(?:or|vs\.?|versus)\b.{{0,40}}{_ACHIEVED}"
    rf"|{_ACHIEVED}.{{0,40}}\b(?:or|vs\.?|versus)\b.{{0,40}}{_PLANNED}"
    r"|(?:计划|目标|指标|预计|规划|估计|预测).{0,12}(?:还是|或者|或是).{0,12}(?:实现|实际|结果|完成|达到|统计)"
    r"|(?:实现|实际|结果|完成|达到|统计).{0,12}(?:还是|或者|或是).{0,12}(?:计划|目标|指标|估计|预计|预测)",
    re.IGNORECASE)
# A question about the answer points back at it; a new question names its own subject.
_POINTS_BACK = re.compile(r"\b(?:that|this|it|those|these|they|them|so|the figures?|the numbers?|"
                          r"the (?:chinese |english )?original(?=\s+(?:say|says|read|reads)\b|\s*[?？]|\s*$))"
                          r"\b"
                          r"|这|那|这些|那些|它|其|上述", re.IGNORECASE)


_BARE = 16  # characters: a question this short with no pointing word still asks about the answer


# "Did they actually get there?", "这个目标最后实现了吗？": was the previous answer's target met?
_MET_Q = re.compile(
    # ("Where did it meet?" asks a place: met/meet count only with what was met.)
    # Only a yes-no question: "what were cities that had reached that goal told to do?" asks
    # something new.
    r"^\W*(?:(?:and|so|but|then)\s+)?(?:did|was|were|has|have|had)\b.{0,40}\b(?:reach(?:ed)?|achieve[ds]?|attain(?:ed)?|fulfil(?:l?ed)?|"
    r"(?:met|meet)\s+(?:it|that|this|the|its|their)|realized?|accomplish(?:ed)?|get there|got there|"
    r"make it|made it)\b"
    r"|(?:实现|完成|达到)了(?:吗|没有)|(?:实现|完成|达到)(?:了)?没有|是否(?:实现|完成|达到)|实际(?:上)?达到了多少|实际完成了多少",
    re.IGNORECASE)


def asks_about_answer(question: str) -> str:
    """'source', 'kind', 'outcome' (was the target it gave met?) or '' for a question about the
    previous answer itself."""
    q = question.strip()
    # "What was the source of raw materials?" names its own subject; "Source?" and "出处是哪篇文章？"
    # are too short to.
    if len(q) > 160 or not _POINTS_BACK.search(q) and len(q) > _BARE:
        return ""
    if _SOURCE_Q.search(q):
        return "source"
    if _KIND_Q.search(q):
        return "kind"
    if _MET_Q.search(q):
        return "outcome"
    if _ORIGINAL_Q.search(q):
        return "original"
    if _WHY_THOSE.search(q):
        return "reason"
    return ""


# "Why those trades?", "Why were those trades singled out?", "为什么是这些行业？": why the things
# the answer just named. A sentence that names them often gives the reason in a clause of its own
# ("industries closely related to agricultural production, such as metal products …").
_WHY_THOSE = re.compile(r"^\W*(?:and\s+|but\s+)?why\b[^?？]{0,40}?\b(?:those|these|such|them)\b"
                        r"|为什么[^？?]{0,10}?(?:这些|那些|它们)", re.IGNORECASE)
_REASON_IN = re.compile(r"\b(?:closely related to|because|since|in order to|so as to|so that|due to|owing to|"
                        r"given that|as they|which (?:are|were|have|had))\b|因为|由于|为了|有密切关系|以便",
                        re.IGNORECASE)


def reasons_in(quoted: list[Citation]) -> list[Citation]:
    """The quoted passages that give a reason within themselves."""
    return [c for c in quoted if _REASON_IN.search(c.quote)]


# "这段话的中文原文是怎么写的？", "What does the Chinese original say?": the passage just quoted, in
# the article's other language.
_ORIGINAL_Q = re.compile(r"原文|(?:中文|英文)(?:版|本|译文|原话)|译文|"
                         r"\b(?:chinese|english)\s+(?:original|version|wording|translation)\b|"
                         r"\boriginal\s+(?:chinese|english|wording|language)\b|"
                         r"\bthe original(?=\s+(?:say|says|read|reads|look)\b|\s*[?？]|\s*$)|"
                         r"^\W*(?:and\s+|what about\s+)?in\s+(?:chinese|english)\s*[?？]?\s*$", re.IGNORECASE)
_CHINESE = re.compile(r"中文|汉语|\bchinese\b", re.IGNORECASE)
_ENGLISH = re.compile(r"英文|英语|\benglish\b", re.IGNORECASE)


def wanted_language(question: str, quoted: list[Citation]) -> str:
    """The language a question after "the original" wants: the one it names, else the other
    language of what was quoted."""
    if _CHINESE.search(question):
        return "zh"
    if _ENGLISH.search(question):
        return "en"
    return "en" if quoted and quoted[0].lang == "zh" else "zh"


def heading(text: str) -> tuple[str, int, int] | None:
    """An article's own heading in its text, as (quote, start, end): the Title…Date header
    lines, or, for a record without one, its first line that dates it."""
    m = re.match(r"\s*(Title:.*(?:\n(?:Author|Date):.*)*)", text)
    if m:
        quote = m.group(1).rstrip()
        return quote, m.start(1), m.start(1) + len(quote)
    for s, e in split_sentences(text):
        if re.search(r"\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}|\b1[89]\d\d\b", text[s:e]):
            return text[s:e], s, e
    return None


# How each quote reads (qa.aspects.modality: a plan when it says so or speaks of a year not yet
# over when written; else an outcome, which an "estimated" figure still is).
_KIND_SAID = ({"plan": "states a plan or target", "actual": "reports a result (or an estimate of one)"},
              {"plan": "是计划或目标", "actual": "是结果（或对结果的估计）"})


def recite(kind: str, previous: list[Citation], text_of: Callable[[str], str | None], lang: str,
           question: str = "") -> tuple[str, list[Citation], str, bool]:
    """The answer text, its citations, a notice and whether it is a refusal, built from the
    previous answer's citations. `text_of` gives an article's stored text (None if unreadable)."""
    if kind == "original":
        return _in_other_language(previous, lang, wanted_language(question, previous))
    if kind == "reason":
        previous = reasons_in(previous)
    cites: list[Citation] = []
    parts: list[str] = []

    def cite(c: Citation) -> None:
        n = len(cites) + 1
        cites.append(Citation(n=n, source=c.source, title=c.title, date=c.date, quote=c.quote,
                              start=c.start, end=c.end, lang=c.lang, parallel=c.parallel))
        parts.append(f"{' '.join(c.quote.split())} [{n}]")

    notice = ""
    if kind == "source":
        for source in dict.fromkeys(c.source for c in previous):
            text = text_of(source)
            head = heading(text) if text is not None else None
            first = next(c for c in previous if c.source == source)
            if head is not None:
                quote, start, end = head
                cite(Citation(n=0, source=source, title=first.title, date=first.date,
                              quote=quote, start=start, end=end, lang="en"))
            for c in previous:
                if c.source == source:
                    cite(c)
    else:
        said = []
        for c in previous:
            cite(c)
            year = int(c.date[:4]) if c.date and c.date[:4].isdigit() else None
            said.append(f"[{len(cites)}] {_KIND_SAID[lang == 'zh'][modality(c.quote, year)]}")
        notice = ("；" if lang == "zh" else "; ").join(said) + ("。" if lang == "zh" else ".")
    return " ".join(parts), cites, notice, False


_LANGUAGE_NAME = {"zh": ("Chinese", "中文"), "en": ("English", "英文")}

# A question of its own asking for the wording in one of the archive's languages ("What Chinese
# expression does the original use for …?", "How does the Chinese original put it?", "…的英文译文").
_WORDING_ASKED = re.compile(
    r"\b(?P<en>chinese|english)\s+(?:original|version|text|wording|expression|term|word|phrase|characters?|"
    r"translation|name)s?\b|\boriginal\s+(?P<en2>chinese|english)\b"
    r"|\bin\s+(?P<en3>chinese|english)\s*[?？]\s*$|(?P<zh>中文|英文)(?:原文|说法|表述|译文|怎么说|怎么写)"
    # "the names, as written in Chinese", "how is that put in the Chinese headline?"
    # ("rendered in English as 'active leadership'" says what the question quotes, not what it asks.)
    r"|\b(?:written|spelt|spelled|rendered|given|put|phrased|worded|printed)\s+in\s+(?:the\s+)?"
    r"(?P<en4>chinese|english)\b(?![^?？]{0,20}?\bas\b)",
    re.IGNORECASE)


def wording_asked(question: str) -> str:
    """The language whose wording a question asks for ("zh", "en"), or ""."""
    # The last one named is asked for: "The English translation says …; how does the Chinese
    # original put it?"
    found = list(_WORDING_ASKED.finditer(question))
    if not found:
        return ""
    m = found[-1]
    said = (m.group("en") or m.group("en2") or m.group("en3") or m.group("en4") or m.group("zh")).lower()
    return "zh" if said in ("chinese", "中文") else "en"


def in_wanted_language(question: str, lang: str, cites: list[Citation]
                       ) -> tuple[str, list[Citation], bool] | None:
    """An answer to a question asking for the wording in the other language, quoted from its
    articles' parallel text (None when it is already in that language, or not asked)."""
    wanted = wording_asked(question)
    if not wanted or not cites or all(c.lang == wanted for c in cites):
        return None
    text, out, _, refused = _in_other_language(cites, lang, wanted)
    return text, out, refused


def _in_other_language(previous: list[Citation], lang: str, wanted: str
                       ) -> tuple[str, list[Citation], str, bool]:
    """Each quoted passage as its article gives it in the wanted language (the aligned parallel
    passage); where an article has no such text, a refusal that says so, with the quotes as the
    related reading. Nothing is translated: only the article's own text is quoted."""
    cites: list[Citation] = []
    for c in previous:
        if c.lang == wanted:
            cites.append(replace(c, n=len(cites) + 1))
        elif c.parallel is not None and c.parallel.lang == wanted:
            p = c.parallel
            cites.append(replace(c, n=len(cites) + 1, quote=p.quote, start=p.start, end=p.end, lang=p.lang,
                                 parallel=Parallel(c.quote, c.start, c.end, c.lang)))
    if cites:
        return " ".join(f"{' '.join(c.quote.split())} [{c.n}]" for c in cites), cites, "", False
    related = [replace(c, n=i) for i, c in enumerate(previous, 1)]
    marks = " ".join(f"[{c.n}]" for c in related)
    en, zh = _LANGUAGE_NAME[wanted]
    if lang == "zh":
        text = f"这些文章没有给出这段话的{zh}原文：所引文章只有另一种语言。相关段落：{marks}"
    else:
        text = f"The articles do not give this passage in {en}: the article quoted has no {en} text. " \
               f"Related reading: {marks}"
    return text, related, "", True
