"""Articles → chunks: sentence-aware windows that fit what the embedder reads."""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.records import Article, Chunk
from qa.sentences import split_sentences

TokenCounter = Callable[[str], int]


def approx_tokens(text: str) -> int:
    """A word-piece estimate for when no tokenizer is at hand: Chinese characters count one each."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    words = len(re.findall(r"[A-Za-z0-9]+", text))
    return cjk + int(words * 1.35) + 2


def heading(article: Article, lang: str) -> str:
    """The line prepended to each chunk for embedding and keyword search."""
    title = article.title_zh if lang == "zh" and article.title_zh else article.title
    return f"{title} ({article.date_label})"


def chunk_article(
    article: Article, count_tokens: TokenCounter = approx_tokens, max_tokens: int = 200
) -> list[Chunk]:
    """Greedy sentence packing per language section, one sentence of overlap between chunks."""
    chunks: list[Chunk] = []
    for section in article.sections:
        budget = max(32, max_tokens - count_tokens(heading(article, section.lang)))
        whole = split_sentences(article.text, section.start, section.end, long_at_semicolons=False)
        spans = _fit(article.text, whole, count_tokens, budget)
        sizes = [count_tokens(article.text[s:e]) for s, e in spans]
        i = 0
        while i < len(spans):
            j, used = i, 0
            while j < len(spans) and (j == i or used + sizes[j] <= budget):
                used += sizes[j]
                j += 1
            start, end = spans[i][0], spans[j - 1][1]
            chunks.append(Chunk(
                id=f"{article.id}#{section.lang}{len(chunks):04d}", article_id=article.id,
                title=article.title, date=article.date, date_end=article.date_end,
                lang=section.lang, start=start, end=end, text=article.text[start:end],
                ordinal=len(chunks),
            ))
            if j >= len(spans):
                break
            # Overlap by one sentence so an answer spanning a boundary is still whole in one chunk,
            # unless that sentence is so long it would crowd out the next chunk.
            i = j - 1 if j - 1 > i and sizes[j - 1] <= budget // 3 else j
    return chunks


def _fit(text: str, spans: list[tuple[int, int]], count: TokenCounter,
         budget: int) -> list[tuple[int, int]]:
    """Cut any sentence longer than the budget at word (or character) boundaries."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if count(text[s:e]) <= budget:
            out.append((s, e))
            continue
        pieces = list(re.finditer(r"\S+\s*", text[s:e]))
        cur = s
        acc = 0
        for p in pieces:
            n = count(p.group(0))
            if acc and acc + n > budget:
                out.append((cur, _rstrip(text, cur, s + p.start())))
                cur, acc = s + p.start(), 0
            if n > budget:  # an unbroken run (Chinese): cut by characters
                for k in range(s + p.start(), s + p.end(), budget):
                    out.append((k, min(k + budget, s + p.end())))
                cur, acc = s + p.end(), 0
                continue
            acc += n
        if cur < e:
            out.append((cur, e))
    return [(a, b) for a, b in out if b > a]


def _rstrip(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1].isspace():
        e -= 1
    return e
