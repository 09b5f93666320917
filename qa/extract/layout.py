"""Pages of an extracted article: where each page's text lies in the canonical text, and the
boxes of its words (from a PDF's text layer or from OCR), so a citation can name its page and a
page image can show the quoted words boxed.

Boxes are fractions of the page's width and height (0–1, origin top left): a page rendered at any
size can be boxed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from qa.language import CJK
from qa.records import Page, Word


def dumps(pages: list[Page]) -> str:
    return json.dumps([{"n": p.number, "start": p.start, "end": p.end, "ocr": p.ocr,
                        "words": [[w.start, w.end, *(round(b, 5) for b in w.box), w.conf]
                                  for w in p.words]} for p in pages])


def loads(text: str) -> list[Page]:
    return [Page(d["n"], d["start"], d["end"], d["ocr"],
                 [Word(w[0], w[1], (w[2], w[3], w[4], w[5]), w[6]) for w in d["words"]])
            for d in json.loads(text)]


def dump_paragraphs(paragraphs: list[Paragraph]) -> str:
    """A page's words as read (the OCR cache keeps them so)."""
    return json.dumps([[[[t.text, t.box, t.conf, t.spaced] for t in line] for line in para]
                       for para in paragraphs])


def load_paragraphs(text: str) -> list[Paragraph]:
    return [[[Token(t[0], tuple(t[1]), t[2], t[3]) for t in line] for line in para]
            for para in json.loads(text)]


def page_at(pages: list[Page], start: int, end: int) -> Page | None:
    """The page a span begins on (a quote across a page break is cited to its first page)."""
    for p in pages:
        if p.start <= start < max(p.end, p.start + 1) or (p.start <= start and end <= p.end):
            return p
    return None


def words_in(page: Page, start: int, end: int) -> list[Word]:
    return [w for w in page.words if w.start < end and start < w.end]


def mean_confidence(pages: list[Page], start: int, end: int) -> float | None:
    """The mean OCR confidence of the words a span covers; None when none of them was OCR'd."""
    confs = [w.conf for p in pages if p.ocr for w in words_in(p, start, end) if w.conf is not None]
    return round(sum(confs) / len(confs), 1) if confs else None


@dataclass
class Token:
    """A word as an extractor found it. `spaced`: whether the source put a space before it on
    its line; None where the source does not say (OCR: Chinese is read a character a time)."""

    text: str
    box: tuple[float, float, float, float]
    conf: float | None = None
    spaced: bool | None = None


Line = list[Token]
Paragraph = list[Line]

_WIDE = re.compile(f"[{CJK}\u2e80-\u33ff\uff00-\uffef]")


def wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation: printed without spaces between them."""
    return bool(ch) and bool(_WIDE.match(ch))


SENTENCE_ENDS = frozenset(".!?:;。！？；：\"”’)）」』")


class TextBuilder:
    """One page's (or file's) text assembled word by word, remembering where each word went.
    Lines of a paragraph are joined into one line: the sentence splitter ends a sentence at a
    newline, and a printed line break is not one."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.words: list[Word] = []

    def text(self) -> str:
        return "".join(self.parts)

    def ends_sentence(self) -> bool:
        """Whether the text so far ends a sentence (or is empty): a page that begins otherwise
        carries the last page's sentence on."""
        last = self._last()
        return not last or last in SENTENCE_ENDS

    def _last(self) -> str:
        return self.parts[-1][-1] if self.parts and self.parts[-1] else ""

    def raw(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def paragraphs(self, paragraphs: list[Paragraph], continues: bool = False) -> None:
        """Append paragraphs. `continues`: the first goes on the last paragraph so far (a
        sentence carried over from the page before)."""
        for p, para in enumerate(paragraphs):
            joined = continues and p == 0 and bool(self.parts)
            if self.parts and not joined:
                self.raw("\n\n")
            for n, line in enumerate(para):
                for i, tok in enumerate(line):
                    if n or i or joined:
                        self._join(tok, line_break=i == 0)
                    self.words.append(Word(self.pos, self.pos + len(tok.text), tok.box, tok.conf))
                    self.raw(tok.text)

    def _join(self, tok: Token, line_break: bool) -> None:
        prev, nxt = self._last(), tok.text[:1]
        if not line_break and tok.spaced is not None:
            if tok.spaced:
                self.raw(" ")
            return
        if wide(prev) or wide(nxt):
            return
        if line_break and prev == "-" and nxt.islower():
            return  # a word hyphenated at a line's end is not spaced apart
        self.raw(" ")


def into_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Lines in reading order → paragraphs, as print marks them: a step down from the last line
    over half again the usual one; a line indented from the usual left edge (Chinese papers
    indent two characters, English ones an em); a line after one that stops well short of the
    column's right edge; a line that is not below the last (a new column)."""
    lines = [ln for ln in lines if ln]
    tops = [min(t.box[1] for t in ln) for ln in lines]
    lefts = [min(t.box[0] for t in ln) for ln in lines]
    rights = [max(t.box[2] for t in ln) for ln in lines]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    # The usual step is the median one, but no more than a line's own height with its leading:
    # where every line is a paragraph of its own (a record's fields, a list), the median step
    # is already a paragraph's.
    height = _median([max(t.box[3] - t.box[1] for t in ln) for ln in lines])
    usual = min(_median(steps), LEADING * height) if steps else 0.0
    left, right = _median(lefts), _edge(rights)
    out: list[Paragraph] = []
    for i, ln in enumerate(lines):
        step = tops[i] - tops[i - 1] if i else 0.0
        starts = (not out or step <= 0 or step > usual * 1.5 or lefts[i] - left > INDENT
                  or right - rights[i - 1] > SHORT_LINE)
        if starts:
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


# As fractions of the page's width: an em's indent at 11 pt on A4 is about 0.02, and a
# paragraph's last line usually stops a fifth or more short of the column's edge.
INDENT = 0.015
SHORT_LINE = 0.15
# Type is set with its line's height and some more between lines: 1.2-1.5 times.
LEADING = 1.4


def _median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2] if xs else 0.0


def _edge(rights: list[float]) -> float:
    """The column's right edge: where nearly all lines end (a page of short lines, fields or a
    list, has a median far inside it)."""
    return sorted(rights)[int(len(rights) * 0.9)] if rights else 0.0


def runs_on(page: list[Paragraph], following: list[Paragraph]) -> bool:
    """Whether the last paragraph of a page goes on at the top of the next: its last line runs
    to the column's edge and the next page's first line is not indented (the sentence itself is
    checked by the caller)."""
    if not page or not following:
        return False
    lines = [ln for para in page for ln in para]
    nxt = [ln for para in following for ln in para]
    last_right = max(t.box[2] for t in lines[-1])
    first_left = min(t.box[0] for t in nxt[0])
    # The column's edge from both pages: a page of a few short lines does not show it.
    edge = _edge([max(t.box[2] for t in ln) for ln in lines + nxt])
    return (edge - last_right <= SHORT_LINE
            and first_left - _median([min(t.box[0] for t in ln) for ln in nxt]) <= INDENT)
