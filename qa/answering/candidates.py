"""Passages → candidate sentences: every quotable sentence of the retrieved passages, with the
sentence before it (its context), its stored vector and the span of its translation."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa.embedding import Embedder
from qa.index import Store, sentence_key
from qa.language import is_cjk
from qa.records import Parallel, Passage
from qa.sentences import OPENS_LIST, sentence_lead, split_sentences, substantive


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
    # The sentence that opened the numbered list this one is an item of ("Liu Shaoqi offered
    # several points: (1) …" for "(3) Blindly pursuing …"), when it was retrieved.
    lead: str = ""
    dense: float = 0.0  # cosine with the question
    lexical: float = 0.0  # share of the question's words it holds
    # The sentence after, in the same paragraph, when retrieved: a paragraph a chunk boundary cut
    # still says what it says ("… gave a special report." | "The representatives discussed …").
    following: str = ""
    names_meeting: bool = False  # quoted only to name the meeting a later sentence calls "the meeting"
    # The pieces of its sentence before it, when the sentence was cut at semicolons ("In 1955,
    # members … 2 million; the output value …; the labor productivity … 10%"): the time they set
    # is this piece's time too.
    frame: str = ""

    @property
    def article_id(self) -> str:
        return self.passage.chunk.article_id

    @property
    def article_year(self) -> int | None:
        d = self.passage.chunk.date
        return int(d[:4]) if d else None


def candidates(passages: list[Passage]) -> list[Candidate]:
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
                                 context_start=ch.start + ctx[0] if ctx else None,
                                 frame=sentence_lead(ch.text, s)))
    _attach_following(out)
    return out


# Characters between two sentences of one paragraph in different chunks: the space the chunker
# dropped. A paragraph break is two newlines.
_CHUNK_SEAM = 1


def _attach_following(cands: list[Candidate]) -> None:
    at = {(c.article_id, c.start): c for c in cands}
    for c in cands:
        for gap in range(_CHUNK_SEAM + 1):
            nxt = at.get((c.article_id, c.end + gap))
            if nxt is None or nxt.lang != c.lang:
                continue
            if nxt.passage.chunk.id == c.passage.chunk.id and not follows(nxt, c):
                continue
            c.following = nxt.text
            break


def attach_vectors(cands: list[Candidate], embedder: Embedder, store: Store | None) -> np.ndarray:
    """Each candidate's vector, as stored at ingest (with its parallel span); sentences an older
    index lacks are encoded now."""
    keys = [sentence_key(c.article_id, c.start, c.end) for c in cands]
    rows = store.sentence_rows(keys) if store is not None else {}
    out = np.zeros((len(cands), embedder.dim), dtype=np.float32)
    missing = []
    for i, (c, k) in enumerate(zip(cands, keys, strict=True)):
        if k not in rows:
            missing.append(i)
            continue
        vec, meta = rows[k]
        out[i] = vec
        if int(meta.get("parallel_start", -1)) >= 0:
            c.parallel = Parallel(quote=meta.get("parallel_text", ""), start=int(meta["parallel_start"]),
                                  end=int(meta["parallel_end"]), lang="zh" if c.lang == "en" else "en")
    if missing:
        out[missing] = embedder.embed_passages([cands[i].text for i in missing])
    return out


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def follows(c: Candidate, prev: Candidate) -> bool:
    """c is the next sentence after prev in the same paragraph."""
    ch = prev.passage.chunk
    if c.passage.chunk.id != ch.id or c.start < prev.end:
        return False
    gap = ch.text[prev.end - ch.start: c.start - ch.start]
    return len(gap) <= 3 and "\n" not in gap


def same_text(a: Candidate, b: Candidate) -> bool:
    return " ".join(a.text.split()) == " ".join(b.text.split())


def best_per_passage(ranked: list[Candidate], n: int) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[str] = set()
    for c in ranked:
        if c.passage.chunk.id in seen or any(overlaps(c, o) for o in out):
            continue
        seen.add(c.passage.chunk.id)
        out.append(c)
        if len(out) == n:
            break
    return out


# An item that only names its topic: "(2) On the form of production organization.", "（二）关于供销问题".
HEADING_ITEM = re.compile(r"^\s*[(（]\s*\d{1,2}\s*[)）]\s*(?:On|Regarding|About|Concerning)\b[^.;:]{0,80}"
                          r"[.:]?\s*$|^\s*[(（]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]\s*关于[^。；]{0,30}[。：]?\s*$")
HEADING_GAP = 4  # characters between a heading item and the sentence under it: a paragraph break
_ITEM = re.compile(r"^\s*[(（](\d{1,2})[)）]")
LIST_SPAN = 2000  # characters from a list's opening to its later items, at most


def attach_leads(cands: list[Candidate]) -> None:
    """Each numbered item "(3) …" gets the sentence that opened its list: the nearest earlier
    candidate of the same article and language holding "(1)", within LIST_SPAN. Only retrieved
    passages are read, so a list whose opening was not retrieved keeps none."""
    firsts = sorted((c for c in cands if OPENS_LIST.search(c.text)), key=lambda c: c.start)
    for c in cands:
        m = _ITEM.match(c.text)
        if not m or int(m.group(1)) < 2:
            continue
        before = [f for f in firsts if f.article_id == c.article_id and f.lang == c.lang
                  and f.start < c.start <= f.start + LIST_SPAN]
        if before:
            c.lead = before[-1].text
    # The sentence under an item that only names its topic ("(2) On the form of production
    # organization." ¶ "Concentrated production during peak seasons …") is that item's.
    for c in cands:
        if c.lead and HEADING_ITEM.match(c.text):
            for u in cands:
                if u.article_id == c.article_id and u.lang == c.lang and 0 <= u.start - c.end <= HEADING_GAP \
                        and not u.lead:
                    u.lead = c.lead
