"""Passages → answer: the extractive answerer picks the sentences that answer the question.

No language model: every sentence of an answer is a verbatim sentence of an article, followed
by its citation marker, so no number or date can appear that its cited passage does not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa.config import Config
from qa.embedding import Embedder
from qa.index import Store, sentence_key
from qa.language import (
    _ORDINAL_WORDS,
    EN_STOPWORDS,
    ZH_STOPWORDS,
    _jieba,
    english_words,
    is_cjk,
    light_stem,
    person_names,
    tokenize,
    word_forms,
    years,
)
from qa.query import Query
from qa.records import Citation, Parallel, Passage
from qa.sentences import split_sentences, substantive

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|percent|"
    r"doubled|half|twice|times)\b|[一二三四五六七八九十百千万亿两]+(?:万|亿|人|个|倍|元|%)|百分之",
    re.IGNORECASE)
_DATE = re.compile(
    r"\b1[89]\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2}|"
    r"[一二三四五六七八九十〇]+[年月日]|\d+[年月日]|[二三]十[一二三四五六七八九]?日"
    # Planning periods are how these articles date a goal: "during the First Five-Year Plan".
    r"|five-year plan|\bFYP\b|五年计划|\b(?:one|two|three|four|five) years\b", re.IGNORECASE)
# A role word; personal names themselves are found by language.person_names.
_PERSON = re.compile(
    r"\b(?:director|chairman|chairmen|expert|minister|secretary|member|members|delegates?)\b"
    r"|主任|主席|专家|委员|部长|同志", re.IGNORECASE)

_YEAR_OR_DATE = re.compile(
    r"\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{1,2}-\d{1,2}|(?<!\d)1[89]\d\d(?!\d)|[一二三四五六七八九〇]{4}年|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+\d{1,2}\b|^\(?\d{1,2}[.)]\s|^[IVX]+\.\s|\(\d{1,2}\)"
    r"|\d{1,2}日|[一二三四五六七八九十]{1,3}日")

# Below this a best sentence does not answer; the closest passages become related reading.
# Calibrated on questions written from the seed articles, answerable and not (eval/).
MIN_SCORE = 0.34
RARE_SHARE = 0.04
# Below this Zipf frequency (wordfreq: 3 ≈ once per million words) a word names something
# specific; "came" or "expect" are rare in a small archive but say nothing by their absence.
SPECIFIC_ZIPF = 4.5

_WHY = re.compile(r"^\s*(?:why|how come)\b|为什么|为何", re.IGNORECASE)
# Verbs any question may use in its own words; their absence from a passage says nothing.
_GENERIC = frozenset("""
call called calls say said says tell told ask asked want wanted mention mentioned make made take
took give gave get got happen happened describe described explain explained according article
articles passage report reported list listed name named also actual actually exactly main kind
kinds type types way ways thing things part role reason reasons result results decide decided
date dated day days year years month months time times compare compared comparison differ
difference change changed total overall
""".split())
def _date_words(iso: str | None) -> str:
    import calendar

    if not iso or len(iso) < 7 or not iso[5:7].isdigit():
        return ""
    return f"{calendar.month_name[int(iso[5:7])]} {iso[:4]}"


def specific(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "zh" if lang == "zh" else "en") < SPECIFIC_ZIPF


def question_words(question: str) -> list[tuple[str, str]]:
    """The question's own words that an answer must account for, with their light stems: no
    stopwords, generic verbs, numbers, years or conference ordinals. Chinese: jieba words of two
    or more characters."""

    if is_cjk(question):
        words = [w for w in _jieba().lcut(question) if len(w) >= 2 and is_cjk(w) and w not in ZH_STOPWORDS]
        return [(w, w) for w in dict.fromkeys(words)]
    out = []
    for w in dict.fromkeys(english_words(question)):
        low = w.lower()
        if low in EN_STOPWORDS or low in _GENERIC or low in _ORDINAL_WORDS or len(low) < 3:
            continue
        out.append((w, light_stem(w)))
    return out


@dataclass
class Candidate:
    passage: Passage
    start: int  # absolute offsets in the article's file
    end: int
    text: str
    score: float = 0.0
    lang: str = "en"
    # The sentence before, in the same paragraph: where "In 1955," or a speaker's name often is.
    context: str = ""
    context_start: int | None = None
    parallel: Parallel | None = None  # its translation, in the same file


@dataclass
class Draft:
    """What the answerer decided: sentences to say, or a refusal with its reason."""

    chosen: list[Candidate]
    refused: bool
    reason: str
    related: list[Candidate]


class ExtractiveAnswerer:
    def __init__(self, config: Config, embedder: Embedder, doc_freq: dict[str, int],
                 form_freq: dict[str, int], n_docs: int, articles: dict[str, dict],
                 store: Store | None = None) -> None:
        self.config = config
        self.embedder = embedder
        self.store = store
        self.df = doc_freq  # chunks holding each search token of the index (Chinese words too)
        self.form_df = form_freq  # chunks holding each light-stemmed English word
        self.known_terms = doc_freq.keys()  # every search token in the index: names it never holds
        # A word in at most this many chunks names something specific.
        self.rare_df = max(2, int(RARE_SHARE * n_docs))
        self.articles = articles  # manifest facts per article: the conferences each one names

    def draft(self, query: Query, passages: list[Passage]) -> Draft:
        cands = self._candidates(passages)
        if not cands:
            return Draft([], True, "no passage matches the question", [])
        self._score(query, cands)
        ranked = sorted(cands, key=lambda c: c.score, reverse=True)
        related = _best_per_passage(ranked, 3)

        unknown = self._unknown_names(query)
        if unknown:
            return Draft([], True, f"none of the articles mentions {unknown}", related)
        missing_years = query.years - self._corpus_years(passages)
        if missing_years:
            return Draft([], True, f"none of the passages found concerns "
                         f"{', '.join(sorted(missing_years))}", related)
        if query.ordinals and not any(self._ordinal_ok(query, p) for p in passages):
            return Draft([], True, "no article found concerns that conference", related)

        eligible = [c for c in ranked if self._satisfies(query, c)]
        if not eligible or eligible[0].score < MIN_SCORE:
            why = {"number": "no figure for this", "date": "no date for this",
                   "person": "no name for this"}.get(query.wants, "no answer to this")
            return Draft([], True, f"the closest passages give {why}", related)
        best = eligible[0]
        chosen = [best]
        for c in eligible[1:]:
            if len(chosen) >= self.config.max_answer_sentences:
                break
            # The sentence right after the best one often finishes its thought ("Liu Shaoqi offered
            # several points: (1) ..." → "Nationalizing ... is a matter of principle").
            bar = 0.75 if _follows(c, best) else 0.85
            if c.score < max(MIN_SCORE, bar * best.score) or c.lang != best.lang:
                continue
            if any(_overlaps(c, o) or _same_text(c, o) for o in chosen):
                continue
            chosen.append(c)
        missing = self._uncovered(query, chosen)
        if missing:
            return Draft([], True, f"the passages that answer the rest of the question do not "
                         f"mention “{missing}”", related)
        return Draft([_with_context(query, c) for c in chosen], False, "", related)

    # --- candidates and scores -----------------------------------------------------------------
    def _candidates(self, passages: list[Passage]) -> list[Candidate]:
        seen: set[tuple[str, int, int]] = set()
        out = []
        for p in passages:
            ch = p.chunk
            prev: tuple[int, int] | None = None
            for s, e in split_sentences(ch.text):
                start, end = ch.start + s, ch.start + e
                key = (ch.article_id, start, end)
                text = ch.text[s:e]
                ctx = prev if prev and "\n" not in ch.text[prev[1]:s] else None
                prev = (s, e)
                if key in seen or not substantive(text):
                    continue
                seen.add(key)
                out.append(Candidate(p, start, end, text, lang="zh" if is_cjk(text) else "en",
                                     context=ch.text[ctx[0]:ctx[1]] if ctx else "",
                                     context_start=ch.start + ctx[0] if ctx else None))
        return out

    def vectors(self, cands: list[Candidate]) -> np.ndarray:
        """Each candidate's vector: stored at ingest (with its parallel span), else encoded now."""
        keys = [sentence_key(c.passage.chunk.article_id, c.start, c.end) for c in cands]
        rows = self.store.sentence_rows(keys) if self.store is not None else {}
        out = np.zeros((len(cands), self.embedder.dim), dtype=np.float32)
        missing = []
        for i, (c, k) in enumerate(zip(cands, keys, strict=True)):
            if k in rows:
                vec, meta = rows[k]
                out[i] = vec
                if meta.get("parallel_start", -1) >= 0:
                    c.parallel = Parallel(quote=meta["parallel_text"], start=int(meta["parallel_start"]),
                                          end=int(meta["parallel_end"]),
                                          lang="zh" if c.lang == "en" else "en")
            else:
                missing.append(i)
        if missing:
            out[missing] = self.embedder.embed_passages([cands[i].text for i in missing])
        return out

    def _score(self, query: Query, cands: list[Candidate]) -> None:
        q_terms = set(query.terms)
        qvec = query.vector if query.vector is not None else self.embedder.embed_query(query.text)
        dense = self.vectors(cands) @ qvec
        any_ordinal = query.ordinals and any(self._ordinal_ok(query, c.passage) for c in cands)
        titles: dict[str, set[str]] = {}  # tokenized once per article title
        for c, d in zip(cands, dense, strict=True):
            s_terms = set(tokenize(c.text))
            # Words of the article's title are said by the article as a whole; a sentence that
            # only repeats them ("the Fifth ... Conference") answers less than one that adds to them.
            title = titles.get(c.passage.chunk.title)
            if title is None:
                title = titles[c.passage.chunk.title] = set(tokenize(c.passage.chunk.title))
            lex = _weighted_overlap(q_terms, s_terms, title)
            if c.context:
                rest = q_terms - s_terms
                lex += 0.4 * _weighted_overlap(rest, set(tokenize(c.context)) - s_terms, title) * (
                    len(rest) / max(len(q_terms), 1))
            if query.lang == "zh":
                score = 0.2 * float(d) + 0.8 * lex
            else:
                score = 0.55 * float(d) + 0.45 * lex
            score += self._type_fit(query, c.text)
            if query.years:
                if query.years & (years(c.text) | years(c.context)):
                    score += 0.1
                elif not query.years & c.passage.chunk.date_years:
                    score -= 0.15
            if any_ordinal:
                score += 0.08 if self._ordinal_ok(query, c.passage) else -0.15
            if c.lang != query.lang:
                score -= 0.1
            score += 0.03 / c.passage.rank
            c.score = score

    @staticmethod
    def _type_fit(query: Query, text: str) -> float:
        if query.wants == "fact":
            return 0.0
        return 0.1 if has_type(query.wants, text) else -0.12

    def _satisfies(self, query: Query, c: Candidate) -> bool:
        """A figure must be a figure of the thing counted; a figure or date asked for a named
        year must come from that year's passage."""
        if query.wants in ("number", "date") and not has_type(query.wants, c.text):
            return False
        if query.focus and not (_mentions(c.text, query.focus) and _counts(c.text, query.focus)):
            return False
        if query.years and query.wants in ("number", "date"):
            return bool(query.years & (years(c.text) | years(c.context) | c.passage.chunk.date_years))
        return True

    # --- refusal checks ------------------------------------------------------------------------
    def _uncovered(self, query: Query, chosen: list[Candidate]) -> str:
        """A word of the question that names something specific (it is in few chunks of the index)
        but that the answer's passages never use: the answer is about something else ("the Fifth
        conference" found, "nationalize" not). A why-question also rests on its words: one that no
        article uses at all cannot be granted."""
        # The article's date is evidence too: "in January 1955" is said by a paper of 1955-01-09.
        evidence = "\n".join(c.passage.chunk.text + "\n" + c.passage.chunk.title + "\n" + c.context + "\n"
                             + _date_words(c.passage.chunk.date) for c in chosen)
        have = word_forms(evidence)
        why = bool(_WHY.search(query.text))
        for word, form in question_words(query.text):
            if query.lang == "zh" or is_cjk(word):
                if word in evidence:
                    continue
                df = self.df.get(word, 0)
            else:
                # "attended" is accounted for by "Attendance": a shared stem is enough.
                if form in have or any(h.startswith(form) for h in have if len(form) >= 5):
                    continue
                df = self.form_df.get(form, 0)
            if not specific(word, query.lang):
                continue
            if 0 < df <= self.rare_df or (why and df == 0 and self.form_df):
                return word
        return ""

    def _unknown_names(self, query: Query) -> str:
        """A capitalised name in an English question that no article contains anywhere."""
        if query.lang != "en":
            return ""
        words = re.findall(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*)", query.text)
        for w in words:
            toks = tokenize(w)
            if toks and not any(t in self.known_terms for t in toks):
                return w
        return ""

    def _corpus_years(self, passages: list[Passage]) -> set[str]:
        found: set[str] = set()
        for p in passages:
            found |= years(p.chunk.text) | p.chunk.date_years
        return found

    def _ordinal_ok(self, query: Query, p: Passage) -> bool:
        entry = self.articles.get(p.chunk.article_id, {})
        return bool(query.ordinals & set(entry.get("ordinals", [])))


def _with_context(query: Query, c: Candidate) -> Candidate:
    """Quote the sentence before as well when the year or name the question asks about is only
    there ("In 1955, ... about 2 million; the total output value should be ..."). The quote stays
    one exact span of the file."""
    if c.context_start is None:
        return c
    names = {w for w, _ in question_words(query.text) if w[:1].isupper()}
    needs = (query.years & years(c.context)) - years(c.text) or {
        n for n in names if n in c.context and n not in c.text}
    if not needs:
        return c
    ch = c.passage.chunk
    text = ch.text[c.context_start - ch.start: c.end - ch.start]
    return Candidate(c.passage, c.context_start, c.end, text, c.score, c.lang, parallel=c.parallel)


def has_type(wants: str, text: str) -> bool:
    """Does the sentence hold what the question asks for? A year is a date, not a figure."""
    if wants == "number":
        # Years, days of the month and list markers ("(1)", "2.") are not the figures asked for.
        return bool(_NUMBER.search(_YEAR_OR_DATE.sub(" ", text)))
    if wants == "date":
        return bool(_DATE.search(text))
    if wants == "person":
        return bool(person_names(text) or _PERSON.search(text))
    return True


def citations_for(cands: list[Candidate], start_n: int = 1) -> list[Citation]:
    return [
        Citation(n=start_n + i, source=c.passage.chunk.article_id, title=c.passage.chunk.title,
                 date=c.passage.chunk.date, quote=c.text, start=c.start, end=c.end, lang=c.lang,
                 parallel=c.parallel)
        for i, c in enumerate(cands)
    ]


_KIN = {"peopl": {"peopl", "person", "member", "worker", "handicraftsmen", "人"},
        "member": {"member", "peopl", "人"}, "person": {"peopl", "person", "member"}}


def _mentions(text: str, focus: str) -> bool:
    """Does the sentence name the thing a "how many X" question counts (or its plural, kin)?"""
    toks = set(tokenize(text))
    wanted = _KIN.get(focus, {focus})
    return any(t.startswith(w) or w.startswith(t) and len(t) >= 4 for t in toks for w in wanted)


_NUMBER_OF = re.compile(r"\bnumber of (?:the )?([a-z-]+)", re.IGNORECASE)


_FIGURE = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty(?:-[a-z]+)?|"
           r"hundred|thousand|million|billion|trillion)")


def _counts(text: str, focus: str) -> bool:
    """The figure must count the thing asked about: "4,806 handicraft production cooperatives" or
    "the number of people ... 1.1 million"; "the number of members ..." does not answer "how many
    cooperatives"."""
    if any(_mentions(m.group(1), focus) for m in _NUMBER_OF.finditer(text)):
        return True
    attached = re.compile(rf"\b{_FIGURE}\s+(?:[\w()-]+\s+){{0,5}}?({re.escape(focus)}\w*)", re.IGNORECASE)
    return bool(attached.search(text))


def _weighted_overlap(q: set[str], s: set[str], discount: set[str] = frozenset()) -> float:
    if not q:
        return 0.0
    # Numbers and rarer (longer) words say more about a match than short common ones; words the
    # title already says (discount) say less.
    def w(t: str) -> float:
        base = 2.0 if t[:1].isdigit() else (1.0 + min(len(t), 8) / 8)
        return base * (0.4 if t in discount else 1.0)

    return sum(w(t) for t in q if t in s) / sum(w(t) for t in q)


def _overlaps(a: Candidate, b: Candidate) -> bool:
    same = a.passage.chunk.article_id == b.passage.chunk.article_id
    return same and a.start < b.end and b.start < a.end


def _follows(c: Candidate, prev: Candidate) -> bool:
    """c is the next sentence after prev in the same paragraph."""
    ch = prev.passage.chunk
    if c.passage.chunk.id != ch.id or c.start < prev.end:
        return False
    gap = ch.text[prev.end - ch.start: c.start - ch.start]
    return len(gap) <= 3 and "\n" not in gap


def _same_text(a: Candidate, b: Candidate) -> bool:
    return " ".join(a.text.split()) == " ".join(b.text.split())


def _best_per_passage(ranked: list[Candidate], n: int) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[str] = set()
    for c in ranked:
        if c.passage.chunk.id in seen or any(_overlaps(c, o) for o in out):
            continue
        seen.add(c.passage.chunk.id)
        out.append(c)
        if len(out) == n:
            break
    return out


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

