"""Search, not ask: exact words and phrases in the archive, as keyword-in-context lines.

The persisted keyword index finds the chunks that may hold a phrase (the postings of its
tokens, read straight from bm25s's token columns, so nothing is scored or rebuilt); each
candidate article's stored text is then scanned for the exact words, which gives every hit's
offsets. English matches whole words, ignoring case; Chinese matches the characters as written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from qa.index import UNDATED_FROM, UNDATED_TO, Store, date_int
from qa.language import is_cjk, tokenize
from qa.retrieval import parse_day

CONTEXT = 60  # characters each side of a hit
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|「([^」]+)」")


@dataclass
class Hit:
    source: str
    title: str
    date: str | None
    start: int  # the match is text[start:end] of the article's stored text
    end: int
    match: str
    before: str
    after: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # every hit, also those past the limit
    articles: int = 0
    per_year: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"query": self.query, "terms": self.terms, "total": self.total, "articles": self.articles,
                "per_year": self.per_year, "hits": [h.to_dict() for h in self.hits]}


def terms_of(query: str) -> list[str]:
    """Quoted phrases as they are, then the other words one by one."""
    phrases = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(query)]
    rest = _QUOTED.sub(" ", query)
    words = [w for w in re.split(r"\s+", rest) if w.strip(".,;:!?，。；：！？")]
    return [p.strip() for p in phrases if p.strip()] + [w.strip(".,;:!?，。；：！？") for w in words]


def _pattern(term: str) -> re.Pattern:
    if is_cjk(term) or not term.isascii():
        return re.compile(re.escape(term))
    body = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


def search(store: Store, query: str, since: str | None = None, until: str | None = None,
           sources: frozenset[str] = frozenset(), limit: int = 200) -> SearchResult:
    """Every occurrence of the query's terms in the articles that hold all of them, oldest first."""
    terms = terms_of(query)
    result = SearchResult(query=query, terms=terms)
    if not terms:
        return result
    lo, hi = parse_day(since), parse_day(until, end=True)
    articles = store.manifest.articles
    candidates = _candidate_articles(store, terms)
    chosen = []
    for article_id in sorted(candidates if candidates is not None else articles):
        entry = articles.get(article_id)
        if entry is None or (sources and article_id not in sources):
            continue
        # As the retriever filters chunks: an undated article fails every date filter.
        start = date_int(entry.get("date"), UNDATED_FROM)
        end = date_int(entry.get("date_end") or entry.get("date"), UNDATED_TO)
        if (lo is not None and end < lo) or (hi is not None and start > hi):
            continue
        chosen.append(article_id)
    patterns = [_pattern(t) for t in terms]
    years: Counter[str] = Counter()
    # Every hit is counted; only those listed are cut out with their context (a common word
    # hits hundreds of thousands of times in a large archive).
    found: list[tuple[bool, str, str, int, int]] = []
    texts: dict[str, str] = {}
    for article_id in chosen:
        text = store.text(article_id)
        spans = [[m.span() for m in p.finditer(text)] for p in patterns]
        if not all(spans):  # every term, or the article is not a match
            continue
        date = articles[article_id].get("date")
        result.articles += 1
        texts[article_id] = text
        years[(date or "undated")[:4]] += sum(len(sp) for sp in spans)
        found += [(date is None, date or "", article_id, s, e) for term_spans in spans for s, e in term_spans]
    found.sort()
    result.total = len(found)
    for _, _, article_id, s, e in found[:limit]:
        text, entry = texts[article_id], articles[article_id]
        before, after = text[max(0, s - CONTEXT):s], text[e:e + CONTEXT]
        result.hits.append(Hit(article_id, entry["title"], entry.get("date"), s, e, text[s:e],
                               _context(before, left=True), _context(after)))
    result.per_year = dict(sorted(years.items()))
    return result


def _context(text: str, left: bool = False) -> str:
    text = " ".join(text.split())
    return ("…" + text if left else text + "…") if text else ""


def _candidate_articles(store: Store, terms: list[str]) -> set[str] | None:
    """Articles that may hold every term, from the keyword index's postings; None: all of them
    (a term with no searchable token, such as a stopword, is checked in the text alone)."""
    keyword = store.keyword()
    scores, vocab = keyword.bm25.scores, keyword.bm25.vocab_dict
    indptr, indices = scores["indptr"], scores["indices"]
    chunk_article = keyword.article_ids()
    result: set[str] | None = None
    for term in terms:
        tokens = [t for t in dict.fromkeys(tokenize(term)) if t in vocab]
        if not tokens:
            if tokenize(term):
                return set()  # a word the index has never seen: no article holds it
            continue
        per_token = [{chunk_article[int(i)] for i in indices[indptr[vocab[t]]:indptr[vocab[t] + 1]]}
                     for t in tokens]
        if is_cjk(term) or not term.isascii():
            # Chinese is segmented in context (jieba): any of its words may be how it was cut.
            arts = set().union(*per_token)
        else:
            # English stems are the same wherever a word is: the article holds every one (a
            # phrase may run across two chunks, so this is asked of articles, not chunks).
            arts = set.intersection(*per_token)
        result = arts if result is None else result & arts
    return result
