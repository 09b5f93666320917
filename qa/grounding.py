"""Is this sentence supported by that passage? The support checker that guards every answer.

No NLI model can be had offline here, so support is decided from what can be checked exactly,
then from agreement:

1. Hard facts. Every number (in any notation: 1.1 million, 1,100,000, 一百一十多万), year,
   day of a month, name and name–role pairing (director vs deputy director) in the claim must
   occur together in one window of one to three consecutive sentences of the passage.
2. Agreement. In that window, the claim's content words must be covered (stemmed, IDF-free) or
   its embedding must be close; a negation in one and not the other breaks support.

Number parsing leans on libraries (cn2an for Chinese numerals, text2num for English number
words); the scale words, dates, names and roles are hand-written because no library reads both
languages' newspaper conventions ("110多万", "the 28th", "正、副主任", "..., respectively").
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.language import (
    COMMON_CAPS,
    EN_STOPWORDS,
    NAME_RUN,
    content_terms,
    detect_lang,
    person_name,
    years,
    zh_person_names,
)
from qa.sentences import split_sentences

if TYPE_CHECKING:
    from qa.embedding import Embedder

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_RE = "|".join(_MONTHS)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ZH_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}

_EN_DATE_MD = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_EN_DATE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b", re.IGNORECASE)
_EN_DAY = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})-(\d{1,2})-(1[89]\d\d|20\d\d)\b")
_ZH_DATE = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})日")
# List markers: (1), （1）, and "2." opening a line or following a sentence.
_ENUM = re.compile(r"\(\d{1,2}\)|（\d{1,2}）|(?:^|(?<=[.;:]\s))\s*\d{1,2}\.\s+(?=[A-Z])", re.MULTILINE)
_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion)\b)?(\s*%)?")
_SCALED = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)\b",
                     re.IGNORECASE)
_ZH_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(多|余)?(万亿|亿|万)?")
_ZH_MEASURE = re.compile(r"^(?:多|余)?(?:万亿|亿|万)?(?:人|个|倍|名|家|元|项|种|位|%|左右)")
_YEAR_RE = re.compile(r"^(1[89]\d\d|20\d\d)$")
_NEGATION_EN = re.compile(r"\b(?:not|no|never|nor|neither|without|cannot|n't)\b", re.IGNORECASE)
_NEGATION_ZH = re.compile(r"不|没有|未|无|非|勿|别")

# Roles, longest first so that "deputy director" is not read as "director".
_EN_ROLES = ("acting director", "deputy director", "vice director", "vice chairman", "vice-chairman",
             "vice premier", "standing committee member", "director", "chairman", "premier",
             "secretary", "president")
_ZH_ROLES = ("副主任", "代主任", "副主席", "副局长", "副总理", "常务委员(?!会)",
             "主任", "主席", "局长", "总理")


@dataclass(frozen=True)
class Facts:
    """What in a text must be matched exactly by whatever is said to support it."""

    numbers: frozenset[float] = frozenset()
    years: frozenset[str] = frozenset()
    dates: frozenset[tuple[int, int]] = frozenset()  # (month or 0 when unknown, day)
    names: frozenset[str] = frozenset()
    roles: frozenset[tuple[str, str]] = frozenset()  # (name, role)
    negated: bool = False


@dataclass
class Support:
    supported: bool
    reason: str
    missing: list[str] = field(default_factory=list)
    window: str = ""
    overlap: float = 0.0
    cosine: float | None = None


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if n == int(n) else f"{n:g}"


# --- extraction ------------------------------------------------------------------------------------
def facts(text: str, lang: str | None = None) -> Facts:
    """The numbers, years, dates, names, roles and negation in a text (English or Chinese)."""
    lang = lang or detect_lang(text)
    if lang == "zh":
        return _zh_facts(text)
    return _en_facts(text)


def _scaled(raw: str, scale: str | None) -> float:
    return float(raw.replace(",", "")) * (_SCALE[scale.lower()] if scale else 1)


@lru_cache(maxsize=1)
def _alpha2digit():
    from text_to_num import alpha2digit

    return alpha2digit


def _en_facts(text: str) -> Facts:
    dates: set[tuple[int, int]] = set()
    found_years = set(years(text))
    work = text
    for m in _NUMERIC_DATE.finditer(text):  # 20-11-1953 in the conference record
        dates.add((int(m.group(2)), int(m.group(1))))
    work = _NUMERIC_DATE.sub(" ", work)
    for m in _EN_DATE_MD.finditer(work):
        dates.add((_MONTHS[m.group(1).lower()], int(m.group(2))))
    work = _EN_DATE_MD.sub(" ", work)
    for m in _EN_DATE_DM.finditer(work):
        dates.add((_MONTHS[m.group(2).lower()], int(m.group(1))))
    work = _EN_DATE_DM.sub(" ", work)
    for m in _EN_DAY.finditer(work):
        dates.add((0, int(m.group(1))))
    work = _EN_DAY.sub(" ", work)
    work = _ENUM.sub(" ", work)
    # Scaled figures first: text2num would read "1.1 million" as "1.1 1000000".
    work = _SCALED.sub(lambda m: f" {_scaled(m.group(1), m.group(2)):.0f} ", work)
    work = _alpha2digit()(work, "en")  # "fifty-five" → 55; "one of" stays a word
    numbers: set[float] = set()
    for m in _EN_NUMBER.finditer(work):
        raw, scale, pct = m.group(1), m.group(2), m.group(3)
        if _YEAR_RE.match(raw) and not scale and not pct:
            continue  # a year, counted in found_years
        numbers.add(_scaled(raw, scale))
    names = _en_names(text)
    return Facts(frozenset(numbers), frozenset(found_years), frozenset(dates), frozenset(names),
                 frozenset(_en_roles(text)), bool(_NEGATION_EN.search(text)))


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an

    return cn2an


def _zh_to_digits(text: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns about every numeral-like word it leaves
        return _cn2an().transform(text, "cn2an")


def _zh_facts(text: str) -> Facts:
    digits = _zh_to_digits(text)
    found_years = set(years(text)) | set(re.findall(r"(1[89]\d\d|20\d\d)年", digits))
    dates = {(int(m.group(1) or 0), int(m.group(2))) for m in _ZH_DATE.finditer(digits)}
    work = _ZH_DATE.sub(" ", digits)
    work = re.sub(r"(1[89]\d\d|20\d\d)年", " ", work)
    work = _ENUM.sub(" ", work)
    numbers: set[float] = set()
    for m in _ZH_NUMBER.finditer(work):
        raw, scale = m.group(1), m.group(3)
        value = float(raw) * (_ZH_SCALE[scale] if scale else 1)
        # cn2an also turns 一定, 统一 into digits: a bare small integer counts only before a
        # measure word (九人, 3.69倍).
        if value < 10 and value == int(value) and not scale and not _ZH_MEASURE.match(work[m.end():]):
            continue
        numbers.add(value)
    return Facts(frozenset(numbers), frozenset(found_years), frozenset(dates),
                 frozenset(zh_person_names(text)),
                 frozenset(_zh_roles(text)), bool(_NEGATION_ZH.search(text)))


def _en_names(text: str) -> set[str]:
    """Capitalised word runs, minus words that are only capitalised for starting a sentence or
    a heading (their lower-case form is a common word)."""
    out = set()
    for m in NAME_RUN.finditer(text):
        words = m.group(0).split()
        while words and (words[0].lower() in EN_STOPWORDS or words[0].lower() in COMMON_CAPS):
            words = words[1:]
        if words and not (len(words) == 1 and words[0].lower() in _MONTHS):
            out.add(" ".join(words))
    return out


def _en_roles(text: str) -> set[tuple[str, str]]:
    """(name, role) pairs: lists paired by 'respectively', otherwise each name with the nearest
    role in its sentence."""
    pairs: set[tuple[str, str]] = set()
    for s, e in split_sentences(text):
        sent = text[s:e]
        roles = _find_roles(sent, _EN_ROLES, ignore_case=True)
        if not roles:
            continue
        names = [(m.start(), n) for m in NAME_RUN.finditer(sent) for n in [person_name(m.group(0))] if n]
        pairs |= _pair(names, roles, bool(re.search(r"\brespectively\b", sent)))
    return pairs


def _pair(names: list[tuple[int, str]], roles: list[tuple[int, str]], respectively: bool
          ) -> set[tuple[str, str]]:
    """Two equal lists said to go "respectively" pair in order; otherwise each name takes the
    nearest role."""
    if respectively and len(names) == len(roles):
        return {(n, r) for (_, n), (_, r) in zip(names, roles, strict=True)}
    return {(n, min(roles, key=lambda pr: abs(pr[0] - pos))[1]) for pos, n in names}


def _zh_roles(text: str) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for s, e in split_sentences(text):
        sent = text[s:e]
        # 正、副主任 names two roles at once: the director and the deputy.
        sent_roles = re.sub(r"正、副(主任|主席|局长)", lambda m: f"{m.group(1)}、副{m.group(1)}", sent)
        roles = _find_roles(sent_roles, _ZH_ROLES, ignore_case=False)
        if not roles:
            continue
        names = [(sent_roles.find(n), n) for n in zh_person_names(sent_roles)]
        pairs |= _pair(names, roles, "分别" in sent or "正、副" in sent)
    return pairs


def _find_roles(sent: str, roles: tuple[str, ...], ignore_case: bool) -> list[tuple[int, str]]:
    """Non-overlapping role mentions with their positions, longest role first at each place."""
    hay = sent.lower() if ignore_case else sent
    taken = [False] * len(hay)
    found = []
    for role in roles:
        for m in re.finditer(role if not ignore_case else re.escape(role), hay):
            if not any(taken[m.start():m.end()]):
                found.append((m.start(), m.group(0).replace("vice-", "vice ")))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    return sorted(found)


# --- checking -------------------------------------------------------------------------------------
class SupportChecker:
    """Decides whether a claim is supported by a passage.

    `embedder` is optional: without it, agreement is judged on word coverage alone (tests of the
    hard facts run without a model)."""

    def __init__(self, embedder: Embedder | None = None, min_overlap: float = 0.5,
                 min_cosine: float = 0.62, window: int = 3) -> None:
        self.embedder = embedder
        self.min_overlap = min_overlap
        self.min_cosine = min_cosine
        self.window = window

    def check(self, claim: str, passage: str) -> Support:
        claim = _strip_markers(claim)
        lang_c, lang_p = detect_lang(claim), detect_lang(passage)
        want = facts(claim, lang_c)
        windows = self._windows(passage)
        if not windows:
            return Support(False, "empty passage")
        if lang_c != lang_p:
            # Across languages only numbers, years and dates can be compared.
            want = Facts(want.numbers, want.years, want.dates)
            if not (want.numbers or want.years or want.dates):
                return Support(False, "claim and passage are in different languages; nothing to compare")
        best_missing: list[str] | None = None
        fitting: list[tuple[str, Facts]] = []  # windows that hold every hard fact
        for text in windows:
            have = facts(text, lang_p)
            missing = _missing(want, have, text, same_lang=lang_c == lang_p)
            if not missing:
                if lang_c != lang_p:
                    return Support(True, "numbers, years and dates match across languages", window=text)
                fitting.append((text, have))
            elif best_missing is None or len(missing) < len(best_missing):
                best_missing = missing
        if not fitting:
            assert best_missing is not None
            return Support(False, "not in the passage: " + ", ".join(best_missing), missing=best_missing)
        # Judge agreement on the window that shares most words with the claim (the smallest
        # such window: windows come smallest first).
        terms = set(content_terms(claim))
        best, have = max(fitting, key=lambda w: _overlap(terms, w[0]))
        return self._agreement(claim, terms, best, lang_c, want, have)

    def _windows(self, passage: str) -> list[str]:
        """Sentence windows, smallest first, so the tightest evidence is the one judged."""
        spans = split_sentences(passage)
        out = []
        for size in range(1, self.window + 1):
            for i in range(0, max(1, len(spans) - size + 1)):
                group = spans[i:i + size]
                if group:
                    out.append(passage[group[0][0]:group[-1][1]])
        return out

    def _agreement(self, claim: str, terms: set[str], window: str, lang: str, want: Facts, have: Facts
                   ) -> Support:
        if want.negated != have.negated:
            return Support(False, "negation differs between claim and passage", window=window)
        overlap = _overlap(terms, window)
        cosine = None
        if overlap >= self.min_overlap:
            return Support(True, f"facts match; {overlap:.0%} of its words are in the passage",
                           window=window, overlap=overlap)
        if self.embedder is not None and lang == "en":
            vecs = self.embedder.embed_sentences([claim, window])
            cosine = float(vecs[0] @ vecs[1])
            if cosine >= self.min_cosine:
                return Support(True, f"facts match; meaning agrees (cosine {cosine:.2f})",
                               window=window, overlap=overlap, cosine=cosine)
        return Support(False, f"too little agreement ({overlap:.0%} of its words"
                       + (f", cosine {cosine:.2f})" if cosine is not None else ")"),
                       window=window, overlap=overlap, cosine=cosine)


def _overlap(terms: set[str], window: str) -> float:
    return len(terms & set(content_terms(window))) / len(terms) if terms else 1.0


def _missing(want: Facts, have: Facts, text: str, same_lang: bool) -> list[str]:
    missing = [_fmt(n) for n in sorted(want.numbers) if not any(_close(n, h) for h in have.numbers)]
    missing += sorted(want.years - have.years)
    for m, d in sorted(want.dates):
        if not any(d == hd and (not m or not hm or m == hm) for hm, hd in have.dates):
            missing.append(f"{m}/{d}" if m else f"day {d}")
    if same_lang:
        missing += [n for n in sorted(want.names) if not _name_in(n, text)]
        for name, role in sorted(want.roles):
            if (name, role) not in have.roles:
                missing.append(f"{name} as {role}")
    return missing


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def same_number(a: float, b: float) -> bool:
    """Two readings of one figure (1.1 million, 1,100,000, 一百一十多万): the checker's own test,
    for whoever compares figures it extracted (qa.disagreements)."""
    return _close(a, b)


def _name_in(name: str, text: str) -> bool:
    if name.lower() in text.lower():
        return True
    # "Zhu De" is also supported by a passage that has both of its words capitalised.
    return all(re.search(rf"\b{re.escape(w)}\b", text) for w in name.split()) and " " in name


def _strip_markers(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text).strip()
