"""Does the evidence account for each word of the question, by meaning rather than spelling?

A question word counts as accounted for when the evidence holds it in another inflection
("delegates"/"delegate"), a word of its family ("membership"/"members", "producers'"/"producer"),
a compound that contains it ("craftsmen" in "handicraftsmen"), or a synonym the thesaurus lists
("delegates"/"representatives", "guided"/"lead", "employer"/"boss"). What is left is a word the
answer really does not speak to; the refusal step decides whether it matters.
"""

from __future__ import annotations

import re

from qa.language import (
    _ORDINAL_WORDS,
    EN_STOPWORDS,
    ZH_STOPWORDS,
    _jieba,
    english_words,
    is_cjk,
    light_stem,
)
from qa.thesaurus import Thesaurus, forms, lemmas

# Verbs and nouns any question may use in its own words; their absence from a passage says nothing.
GENERIC = frozenset("""
call called calls say said says tell told ask asked want wanted mention mentioned make made take
took give gave get got happen happened describe described explain explained according article
articles passage report reported list listed name named also actual actually exactly main kind
kinds type types way ways thing things part role reason reasons result results decide decided
date dated day days year years month months time times compare compared comparison differ
difference change changed total overall roughly approximately about figure figures
""".split())
# Derivational endings that keep a word's meaning ("membership" is about members); "-ize" and
# "-al" are not among them: "nationalize" is not "national".
_DERIVATION = ("ship", "ness", "ment", "ation", "ions", "ion", "ers", "er", "ors", "or", "ing", "ery",
               "ly", "ity", "ies", "y")
_ZH_ORDINAL = re.compile(r"^第[一二三四五六七八九十]+[次届]?$|^[一二三四五六七八九〇]{4}年?$|^\d+年?$")
_COMPARATIVE = frozenset("""
exceed exceeded exceeds surpass surpassed outstrip outstripped outnumber outnumbered greater larger
bigger higher grow grew grown growth increase increased rise rose risen factor multiple
""".split())
RATIO_FIGURE = re.compile(r"\b(?:times|percent|per cent|doubled|tripled|trebled|twice|thrice|fold)\b"
                    r"|%|倍|百分之|翻", re.IGNORECASE)
# Agent-noun endings: "agriculturalist" is one who does what "agricultural" is of.
_AGENT = ("ist", "ian", "ists", "ians")
_AGENT_STEM = 7  # "agricultural", "artisan"; shorter stems ("art" of "artist") name another thing
_MIN_STEM = 5  # a shared beginning this long ties a family ("attend"/"attendance")
# A cooperative's membership is the people in it: "the number of people organized into
# cooperatives", "handicraft workers participating in cooperative organizations" speak of it.
_MEMBERS_AS_PEOPLE = re.compile(r"\b(?:people|persons|workers|handicraftsmen|craftsmen|artisans)\s+"
                                r"(?:organi[sz]ed|participating|taking part|enrolled|who joined|joined)\b",
                                re.IGNORECASE)


# Conjunctions and adverbs a Chinese question frames itself with: they name nothing an answer
# must speak of.
_ZH_FUNCTION = frozenset("""
既然 虽然 但是 可是 因为 所以 而且 并且 然而 还是 已经 曾经 仍然 依然 当时 那么 这样 那样 为何
何时 是不是 有没有 到底 究竟 其实 只是 就是 还要 也要 一定 确实
""".split()) | frozenset("""
点名 提到 提及 说到 谈到 说明 介绍 列举 列出 报道 记载 描述 称为 叫做 根据 按照
""".split())  # the Chinese of GENERIC's "mention", "name", "report", "list", "according"


def question_words(question: str) -> list[str]:
    """The question's own words that an answer must account for: no stopwords, generic words,
    numbers, years or conference ordinals. Chinese: jieba words of two or more characters."""
    if is_cjk(question):
        words = [w for w in _jieba().lcut(question)
                 if len(w) >= 2 and is_cjk(w) and w not in ZH_STOPWORDS and w not in _ZH_FUNCTION
                 and not _ZH_ORDINAL.match(w)]
        return list(dict.fromkeys(words))
    out = []
    for w in dict.fromkeys(english_words(question)):
        low = w.lower()
        # A contraction of a function word ("where's", "what's", "didn't") is that word.
        base = re.sub(r"(?:['’](?:s|re|ve|ll|d)|n['’]t)$", "", low)
        if base != low and (base in EN_STOPWORDS or base in GENERIC):
            continue
        if low in EN_STOPWORDS or low in GENERIC or low in _ORDINAL_WORDS or len(low) < 3:
            continue
        out.append(w)
    return out


_ABBREVIATION = re.compile(r"([A-Z]{3,6})s?")


class Coverage:
    """Which question words a piece of evidence accounts for."""

    def __init__(self, evidence: str, thesaurus: Thesaurus | None) -> None:
        self.text = evidence
        self.low = evidence.lower()
        words = {w.lower() for w in english_words(evidence)}
        self.lemmas: set[str] = set()
        for w in words:
            self.lemmas |= forms(w)
        self.stems = {_root(x) for x in self.lemmas}
        self.thesaurus = thesaurus
        self._zh_heads: set[str] | None = None

    def accounts_for(self, word: str) -> str:
        """How the evidence accounts for `word` ("" when it does not): the word itself, a form,
        a family member or a synonym."""
        if is_cjk(word):
            return self._zh(word)
        if forms(word) & self.lemmas:
            return word
        # A comparison ("by what factor did output exceed 1953's?") is spoken to by a ratio:
        # "2.26 times that of 1953", "increased by 10 percent", "doubled".
        if word.lower() in _COMPARATIVE and RATIO_FIGURE.search(self.text):
            return word
        root = _root(word.lower())
        if root in ("member", "memb") and _MEMBERS_AS_PEOPLE.search(self.text):
            return "people"
        if len(root) >= _MIN_STEM and any(s.startswith(root) or _derived(root, s) for s in self.stems):
            return root
        # A compound holds its head: "craftsmen" in "handicraftsmen", "co-op" in "co-operatives".
        low = word.lower().strip("'")
        if len(low) >= _MIN_STEM and low in self.low:
            return low
        # A word made with a scope suffix says its base: "nationwide" is said by "national".
        base = re.sub(r"-?(?:wide|long)$", "", low)
        if base != low and len(base) >= _MIN_STEM and self.accounts_for(base):
            return base
        if lemmas(word) & self.lemmas:  # an irregular form ("craftsmen", "took")
            return word
        if (spelled := self._abbreviated(word)):
            return spelled
        if self.thesaurus is None:
            return ""
        return self.thesaurus.synonym_in(word, self.lemmas) or self._synonym_agent(word)

    def _abbreviated(self, word: str) -> str:
        """An abbreviation is said by the words it stands for: "HPC" by "handicraft production
        cooperatives". Three letters at least: two initials are spelled by chance too often."""
        m = _ABBREVIATION.fullmatch(word)
        if not m:
            return ""
        spelled = re.search(r"\b" + r"[\w'-]*\s+".join(m.group(1)) + r"\w*", self.text, re.IGNORECASE)
        return spelled.group(0) if spelled else ""

    def _synonym_agent(self, word: str) -> str:
        """A synonym that is the agent noun of a word the evidence uses, the same thing in another
        part of speech: "farmers" lists "agriculturalist", said by "agricultural tool repair";
        "craftsmen" lists "artisan", said by "artisanal"."""
        for syn in self.thesaurus.synonyms(word):
            for suf in _AGENT:
                stem = syn[: -len(suf)] if syn.endswith(suf) else ""
                if len(stem) >= _AGENT_STEM and (stem in self.lemmas or stem + "al" in self.lemmas):
                    return stem
        return ""

    def _zh(self, word: str) -> str:
        if word in self.text:
            return word
        # Chinese compounds put their head last: 原料 and 材料 are both materials.
        if len(word) == 2 and self._zh_heads is None:
            self._zh_heads = {w for w in _jieba().lcut(self.text) if len(w) == 2 and is_cjk(w)}
        if len(word) == 2 and any(w[1] == word[1] and w != word for w in self._zh_heads or ()):
            return word[1]
        # 手工业者 is accounted for by 手工业: a word less its last (or first) character.
        if len(word) >= 3 and (word[:-1] in self.text or word[1:] in self.text):
            return word[:-1] if word[:-1] in self.text else word[1:]
        # An abbreviation keeps a character of each part, in order: 筹委会 is 筹备委员会, 供销社
        # 供销合作社.
        if len(word) >= 3:
            m = re.search("".join(f"{re.escape(ch)}[\u4e00-\u9fff]{{0,2}}?" for ch in word[:-1])
                          + re.escape(word[-1]), self.text)
            if m and len(m.group(0)) <= 2 * len(word):
                return m.group(0)
        return ""


def _derived(longer: str, stem: str) -> bool:
    """`longer` is `stem` with a meaning-keeping ending ("organization" from "organ" is not)."""
    return len(stem) >= _MIN_STEM and longer.startswith(stem) and longer[len(stem):] in _DERIVATION


def _root(word: str) -> str:
    w = light_stem(word.lower().strip("'’"))
    for suf in _DERIVATION:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w
