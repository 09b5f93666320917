"""Language facts about text: which language, its search tokens, the years and ordinals it names.

Hand-written because no library here does these for both English and Chinese at once: BM25
tokenizers split English only (a run of Chinese characters becomes one token), and Chinese years
are written in Chinese numerals (一九五五年) that must match their Arabic form.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from qa.spelling import one_spelling

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
_CJK_RUN = re.compile(f"[{CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")

_ZH_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_ZH_YEAR = re.compile("[〇○零一二三四五六七八九]{4}(?=年)")
_YEAR = re.compile(r"(?<!\d)(?<!\d[.,])(1[89]\d\d|20\d\d)(?!\d|[.,]\d)")

EN_STOPWORDS = frozenset("""
a an and are as at be been but by did do does for from had has have how i in into is it its
of on or that the their them there these they this those to was were what when where which who
whom whose why will with would shall should can could about after before during than then so
such any all also more most other some our we you your he she his her if not no nor only own
same too very just over under again further once here both each few many much between above
below up down out off until while because against through am being having doing me my myself
according say said tell told give given article articles
""".split())

ZH_STOPWORDS = frozenset("""
的 了 和 是 在 有 与 及 或 对 为 把 被 从 到 由 等 这 那 之 其 也 都 就 而 并 将 以 于 中 上 下
吗 呢 吧 啊 么 什么 哪 哪些 哪个 多少 怎么 怎样 如何 为什么 谁 几 是否 年 个 次 该 这次 那次
""".split())


def is_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


def detect_lang(text: str) -> str:
    """'zh' when Chinese characters make up a real share of the letters, else 'en'."""
    cjk = len(_CJK_RE.findall(text))
    latin = sum(len(w) for w in re.findall(r"[A-Za-z]+", text))
    return "zh" if cjk and cjk * 3 >= latin else "en"


def zh_years_to_arabic(text: str) -> str:
    """一九五五年 → 1955年, so that a year matches whichever way it is written."""
    return _ZH_YEAR.sub(lambda m: "".join(_ZH_DIGITS[c] for c in m.group(0)), text)


# Counts spelled out, as the articles and questions write small ones ("five years", "two bodies").
NUMBER_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)}


def years(text: str) -> set[str]:
    """The years (1800–2099) a text names, in Arabic or Chinese numerals."""
    return set(_YEAR.findall(zh_years_to_arabic(text)))


def year_positions(text: str) -> list[tuple[int, str]]:
    """Each year a text names with where it stands (一九五四 becomes 1954 in place: the same
    length, so positions hold)."""
    return [(m.start(), m.group(1)) for m in _YEAR.finditer(zh_years_to_arabic(text))]


_YEAR_END = re.compile(r"\b(?:end|close) of (?:the year )?(1[89]\d\d|20\d\d)\b"
                       r"|(1[89]\d\d|20\d\d)\s*年(?:的)?(?:年)?(?:底|末)", re.IGNORECASE)  # 1953年年底 too


def year_ends(text: str) -> set[str]:
    """The years whose end a text dates something at ("by the end of 1954", "一九五三年底")."""
    return {a or b for a, b in _YEAR_END.findall(zh_years_to_arabic(text))}


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _normalise_number(tok: str) -> str:
    return tok.replace(",", "")


def tokenize(text: str) -> list[str]:
    """Search tokens for BM25: stemmed English words without stopwords, numbers as written
    (thousands separators dropped), Chinese words by jieba's search mode (words and their parts)."""
    text = zh_years_to_arabic(text)
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        out.extend(_latin_tokens(text[pos : m.start()]))
        out.extend(_zh_tokens(m.group(0)))
        pos = m.end()
    out.extend(_latin_tokens(text[pos:]))
    return out


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


# A reader's short forms of the archive's words: "co-op", "co-ops" for cooperative(s); and the
# hyphen of British "co-operative", "co-operativisation".
_SHORT_FORMS = re.compile(r"\b([Cc])o-?op(s?)\b")
_CO_HYPHEN = re.compile(r"\b([Cc])o-(?=op)")


def expand_short_forms(text: str) -> str:
    return _CO_HYPHEN.sub(r"\1o", _SHORT_FORMS.sub(r"\1ooperative\2", text))


# A reader's short forms of dates: a year cut to its last two digits ("'55", "Dec '55") and a
# month cut to three or four letters before a day or a year ("Dec 1955", "Jan. 5").
_SHORT_YEAR = re.compile(r"(?<![\w'’])['’](\d\d)\b")
_SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?=\s*(?:\d|['’]\d))",
                          re.IGNORECASE)
_MONTH_OF = {m[:3]: m.capitalize() for m in MONTHS}


def expand_short_dates(text: str, century: int | None) -> str:
    """Dates written short, written out: a two-digit year is that year of `century` (the
    archive's: its articles' dates say which; None leaves them as written), an abbreviated
    month is the month."""
    text = _SHORT_MONTH.sub(lambda m: _MONTH_OF[m.group(1)[:3].lower()], text)
    if century is None:
        return text
    return _SHORT_YEAR.sub(lambda m: f"{century}{m.group(1)}", text)


def _latin_tokens(text: str) -> list[str]:
    words = [one_spelling(w.lower()) for w in _LATIN_WORD.findall(expand_short_forms(text))]
    keep = [w for w in words if w not in EN_STOPWORDS and (len(w) > 1 or w.isdigit())]
    alpha = [w for w in keep if w.isalpha()]
    stems = dict(zip(alpha, _stemmer().stemWords(alpha), strict=True)) if alpha else {}
    return [stems.get(w, _normalise_number(w)) for w in keep]


def query_tokens(text: str) -> list[str]:
    """A question's search tokens: `tokenize`, plus each word it spells another way as written
    (an index built before both spellings were read as one holds that form)."""
    words = (w.lower() for w in _LATIN_WORD.findall(text))
    respelled = [w for w in words if w.isalpha() and one_spelling(w) != w]
    return tokenize(text) + (_stemmer().stemWords(respelled) if respelled else [])


def _zh_tokens(run: str) -> list[str]:
    toks = [t for t in _jieba().lcut_for_search(run) if t.strip() and t not in ZH_STOPWORDS]
    # Single characters carry meaning in Chinese (社, 局); keep them, but jieba's words first.
    return toks


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def light_stem(word: str) -> str:
    """A gentle English stem (plural and tense endings only): unlike the search stemmer it keeps
    "nationalize" apart from "national"."""
    w = one_spelling(word.lower().removesuffix("'s"))
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith(("ss", "us", "is"))):
            w = w[: len(w) - len(suf)] + rep
            break
    return w.removesuffix("e") if len(w) > 4 else w


def english_words(text: str) -> list[str]:
    return _WORD.findall(text)


def word_forms(text: str) -> set[str]:
    """The distinct light stems of a text's English words."""
    return {light_stem(w) for w in _WORD.findall(expand_short_forms(text))}


def content_terms(text: str) -> list[str]:
    """The distinct search tokens of a question, in order: what an answer should share with it."""
    seen: dict[str, None] = {}
    for t in tokenize(text):
        seen.setdefault(t, None)
    return list(seen)


# --- conference ordinals -------------------------------------------------------------------------
_ORDINAL_WORDS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}
_ZH_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
               "十": 10}
_EN_ORDINAL_CONF = re.compile(
    r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b((?:[\s-]+[\w()'-]+){0,7}?)[\s-]+"
    r"(conference|meeting|congress|symposium|session)s?\b",
    re.IGNORECASE,
)
_ORDINAL_WORD = re.compile(r"\b(?:" + "|".join(_ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_ZH_ORDINAL_CONF = re.compile(r"第([一二三四五六七八九十])次[^，。；！？]{0,20}?(会议|大会|座谈会)")


def without_conferences(text: str) -> str:
    """The text less the conferences it names by ordinal ("the Third National ... Conference",
    "第三次…会议")."""
    return _ZH_ORDINAL_CONF.sub(" ", _EN_ORDINAL_CONF.sub(" ", text))


def conference_phrases(text: str) -> list[str]:
    """The words that name a conference by its ordinal ("the Third National Conference", "第三次…会议")."""
    en = [m.group(0) for m in _EN_ORDINAL_CONF.finditer(text)
          if not re.search(r"plan|year", m.group(2), re.I)]
    return en + [m.group(0) for m in _ZH_ORDINAL_CONF.finditer(text)]


def conference_ordinals(text: str) -> set[int]:
    """Ordinals of the conferences a text names: 'the Fifth National ... Conference', '第五次...会议'."""
    # Matched from every ordinal, not left to right: coordinated ordinals share one head noun
    # ("the Third and (the) Fifth conferences"), and a plan's ordinal ("the First Five-Year Plan
    # and the Third conference") must not swallow the conference's.
    found = set()
    for w in _ORDINAL_WORD.finditer(text):
        m = _EN_ORDINAL_CONF.match(text, w.start())
        if m and not re.search(r"plan|year", m.group(2), re.IGNORECASE):
            found.add(_ORDINAL_WORDS[m.group(1).lower()])
    found |= {_ZH_ORDINAL[m.group(1)] for m in _ZH_ORDINAL_CONF.finditer(text)}
    return found


# --- personal names ------------------------------------------------------------------------------
NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Za-z]+)*(?:\s+[A-Z][a-z]+(?:[-'][A-Za-z]+)*)*")

# Words a newspaper capitalises in titles and at sentence starts that are not names.
COMMON_CAPS = frozenset("""
regarding concerning meanwhile however therefore thus in during since although while after
before under among besides because finally first second third fourth fifth also it there
""".split())


def person_name(run: str) -> str | None:
    """A capitalised run that reads as a personal name (two or three short words, no role word)."""
    words = run.split()
    if not 2 <= len(words) <= 3 or any(w.lower() in EN_STOPWORDS or w.lower() in COMMON_CAPS for w in words):
        return None
    if any(len(w) > 8 or w.lower() in ORG_WORDS for w in words):
        return None
    return run


# Words of organisation names, which are capitalised like personal names.
ORG_WORDS = frozenset("""
conference committee bureau federation republic china chinese chairman director vice deputy
national central agency news party council union people's congress ministry state soviet
cooperative cooperatives production association section sections department departments office
bureaus commerce industry administration management government symposium
""".split())




def _opening_word(run: str) -> str:
    """A run less a word capitalised only because it opens the sentence ("Did Liu Shaoqi",
    "And Zhu De")."""
    first, _, rest = run.partition(" ")
    return rest if rest and first.lower() in EN_STOPWORDS else run


# A title capitalised before a name is not part of it: "Vice Chairman Zhu De" is Zhu De.
_TITLES_AHEAD = re.compile(r"^(?:(?:Vice|Deputy|Acting|Chairman|Director|Premier|Comrade|Minister|Secretary|"
                           r"General|Professor|Expert)\s+)+(?=[A-Z])")

# A single capitalised word is a name when a role introduces it: "expert Yevseyev", "Comrade Liu".
_ROLE_THEN_NAME = re.compile(r"\b(?i:expert|comrade|director|chairman|minister|secretary|professor|adviser|"
                             r"advisor|specialist|Mr|Mrs|Dr)\.?\s+([A-Z][a-z]{2,}(?:-[A-Za-z]+)?)\b(?!\s+[A-Z])")


def person_names(text: str) -> list[str]:
    """Runs of capitalised words that read as personal names (Zhu De, Bai Rubing), and single
    names a role introduces (expert Yevseyev)."""
    # A possessive is not part of the name: "Liu Shaoqi's take" is Liu Shaoqi's.
    runs = [n for m in NAME_RUN.finditer(text)
            if (n := person_name(_TITLES_AHEAD.sub("", _opening_word(re.sub(r"'s$", "", m.group(0))))))]
    single = [m.group(1) for m in _ROLE_THEN_NAME.finditer(text)
              if m.group(1)[0].isupper() and m.group(1).lower() not in ORG_WORDS | COMMON_CAPS
              and not any(m.group(1) in r for r in runs)]
    return runs + single


@lru_cache(maxsize=1)
def _posseg():
    _jieba()
    import jieba.posseg

    return jieba.posseg


def zh_place_names(text: str) -> list[str]:
    """Chinese place names (jieba's ns tag), in order of first mention."""
    if not is_cjk(text):
        return []
    return list(dict.fromkeys(w for w, flag in _posseg().cut(text)
                              if flag == "ns" and len(w) >= 2 and not _LEVEL_ONLY.fullmatch(w)))


# jieba glues the locative that closes a phrase ("指示里", "报告中") onto a bare administrative
# level that follows ("县一级") and tags the pair a place: a level names no place.
_LEVEL_ONLY = re.compile(r"[里中内上]?[省市县区乡镇村]")


def zh_person_names(text: str) -> list[str]:
    """Chinese personal names (jieba's nr tag), in order of first mention."""
    if not is_cjk(text):
        return []
    seen: dict[str, None] = {}
    for w, flag in _posseg().cut(text):
        if flag == "nr" and len(w) >= 2:
            seen.setdefault(w, None)
    return list(seen)
