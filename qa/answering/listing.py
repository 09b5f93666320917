"""The items of a list a quoted sentence announces.

"Based on the experience of the past four years, the following three forms of organizing handicraft
cooperative are appropriate." says nothing by itself: the forms are the paragraphs after it, each
opening "(1) …", "(2) …", often chunks away and rarely worded like the question. When the best
sentence announces a list, the answer is the announcement and the opening sentence of each item,
in order, in place of companions from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.answering.candidates import Candidate, attach_vectors, candidates
from qa.embedding import Embedder
from qa.index import Store
from qa.records import Passage

# A sentence ending on what it announces: "the following three forms … are appropriate.",
# "the following principles must be observed:", "as follows:", "有以下几种形式：".
# "The following year …" is a time, not an announcement.
ANNOUNCES = re.compile(r"\bthe following\b(?!\s+(?:years?|months?|weeks?|days?|spring|summer|autumn|winter)"
                       r"\b)[^.;:(（]*[.:]\s*$|\bas follows\s*[.:]\s*$"
                       r"|(?:如下|以下|下列)[^。；;(（]*[：:。]\s*$", re.IGNORECASE)
_COUNT = re.compile(r"\bthe following\s+(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b"
                    r"|(?:以下|下列)([两二三四五六七八九十]|\d{1,2})[种条项个点]", re.IGNORECASE)
_NUMBER = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_NUMBER.update({c: i for i, c in enumerate("〇一二三四五六七八九十")})
_NUMBER["两"] = 2
# Without a count, a list is read up to this many items: an announcement's list, not a chapter.
MAX_ITEMS = 6
# How far after the announcement its items are looked for: items are paragraphs of their own,
# and the three forms of the Third conference's report span some 4,500 characters.
SPAN_CHARS = 8000


def announced_count(text: str) -> int | None:
    m = _COUNT.search(text)
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return int(word) if word.isdigit() else _NUMBER.get(word)


def _item(n: int) -> re.Pattern:
    """An item numbered n: "(2) …", "（二）…", "2. …", "二、…"."""
    zh = "〇一二三四五六七八九十"[n] if n <= 10 else str(n)
    return re.compile(rf"^\s*(?:[(（]\s*(?:{n}|{zh})\s*[)）]|{n}[.、]\s|{zh}、)")


def list_items(announcement: Candidate, following: list[Passage]) -> list[Candidate]:
    """The opening sentence of each item of the list `announcement` announces, found in the
    passages after it, in order; empty when no item (1) follows it."""
    count = announced_count(announcement.text)
    after = sorted((c for c in candidates(following)
                    if c.article_id == announcement.article_id and c.lang == announcement.lang
                    and c.start >= announcement.end), key=lambda c: c.start)
    items: list[Candidate] = []
    for c in after:
        n = len(items) + 1
        if n > (count or MAX_ITEMS):
            break
        if _item(n).match(c.text):
            items.append(c)
        elif _item(1).match(c.text) and items:
            break  # another list begins
        elif not items and c.start - announcement.end > SPAN_CHARS // 4:
            break  # what follows is not the list announced
    return items


def list_the_items(chosen: list[Candidate], following: Callable[[str, str, int, int], list[Passage]],
                   embedder: Embedder, store: Store | None) -> list[Candidate]:
    """When the best sentence announces a list, `chosen` becomes it and the list's items (in
    place); the items are returned."""
    if not chosen or not ANNOUNCES.search(chosen[0].text):
        return []
    head = chosen[0]
    items = list_items(head, following(head.article_id, head.lang, head.end, SPAN_CHARS))
    if not items:
        return []
    attach_vectors(items, embedder, store)  # their parallel passages, as for any quoted sentence
    chosen[:] = [head, *items]
    return items
