"""Sentence spans with character offsets, for English and Chinese.

Hand-written because the chunker, the answerer and the citation checker all need the exact
offsets of each sentence in the source file, Chinese split on 。！？；, and the record layout of
these files ("Label:" lines followed by their value) kept together; the library splitters
(nltk punkt, llama-index SentenceSplitter) give neither offsets for both languages nor that.
"""

from __future__ import annotations

import re

from qa.language import is_cjk

# Split after . ! ? (and any closing quote/bracket) when whitespace and a plausible sentence
# start follow, but not after common abbreviations or single initials.
_EN_BOUNDARY = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["“‘'(\[]?[A-Z0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Vol|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct"
    r"|Nov|Dec|Inc|Ltd|Co|Gen|Col|Prof|U\.S|U\.K)|\b[A-Z])\.$"
)
_ZH_BOUNDARY = re.compile(r"(?<=[。！？；!?])[”’」』）)]*")
_SEMICOLON = re.compile(r"(?<=;)\s+")
_PARA = re.compile(r"\n")
LONG_SENTENCE = 320  # characters; a longer English sentence is also split at its semicolons
# A numbered list opens with "(1)" and goes on with "(2)", "(3)" …: retrieval follows it into later
# passages, the answerer gives its items the opening's speaker.
OPENS_LIST = re.compile(r"[(（]1[)）]")
LATER_ITEM = re.compile(r"[(（](?:[2-9]|1[0-9])[)）]")


def split_sentences(text: str, start: int = 0, end: int | None = None,
                    long_at_semicolons: bool = True) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in text[start:end], trimmed of white space.

    With long_at_semicolons, an English sentence over LONG_SENTENCE characters is cut at its
    semicolons. That cut depends on the whole sentence, so a chunker must pack whole sentences
    (long_at_semicolons=False): a chunk starting mid-sentence would split it differently, and
    the same words would be quoted under two overlapping spans."""
    end = len(text) if end is None else end
    lines = _split_at(_PARA, text, start, end)
    lines = _join_labels(text, lines)
    spans: list[tuple[int, int]] = []
    for s, e in lines:
        spans.extend(_split_line(text, s, e, long_at_semicolons))
    return [sp for sp in spans if _has_words(text[sp[0] : sp[1]])]


def _split_at(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed, non-empty spans of text[start:end] between the matches of pattern."""
    out = []
    pos = start
    for m in pattern.finditer(text, start, end):
        out.append(_trim(text, pos, m.start()))
        pos = m.end()
    out.append(_trim(text, pos, end))
    return [(s, e) for s, e in out if e > s]


def _join_labels(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'Attendance:' alone on a line belongs with the value on the next one."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        if line.endswith(":") and len(line) <= 40 and i + 1 < len(lines):
            ns, ne = lines[i + 1]
            if ne - ns <= 400 and not text[ns:ne].endswith(":"):
                out.append((s, ne))
                i += 2
                continue
        out.append((s, e))
        i += 1
    return out


def _split_line(text: str, s: int, e: int, long_at_semicolons: bool) -> list[tuple[int, int]]:
    line = text[s:e]
    cuts = [0]
    for m in _ZH_BOUNDARY.finditer(line):
        if m.end() < len(line):
            cuts.append(m.end())
    for m in _EN_BOUNDARY.finditer(line):
        if not _ABBREV.search(line[: m.start()].rstrip("\"'”’)]")):
            cuts.append(m.end())
    cuts = sorted(set(cuts)) + [len(line)]
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        ts, te = _trim(text, s + a, s + b)
        if te <= ts:
            continue
        if long_at_semicolons and te - ts > LONG_SENTENCE:
            spans.extend(_split_at(_SEMICOLON, text, ts, te))
        else:
            spans.append((ts, te))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _has_words(s: str) -> bool:
    return bool(re.search(r"[A-Za-z0-9\u4e00-\u9fff]", s))


# A line citing a source ("Contemporary Chinese Economy.Gang Gong 2012"): capitalised title and
# author words and a year, no statement.
_TITLE_WORD = r"(?:[A-Z][\w'’-]*|of|the|and|in|on|for|to|a|an)"
_REFERENCE = re.compile(rf"^{_TITLE_WORD}(?:[\s.,]+{_TITLE_WORD}){{1,14}}[\s.,]+(?:1[5-9]|20)\d\d\.?$")


def is_reference(text: str) -> bool:
    return bool(_REFERENCE.match(text.strip()))


def sentence_lead(text: str, pos: int) -> str:
    """The pieces of a sentence cut at semicolons before text[pos:]: from the last full stop or
    line end before pos, when what comes right before pos ends with a semicolon."""
    before = text[:pos].rstrip()
    if not before.endswith((";", "；")):
        return ""
    ends = [m.end() for m in re.finditer(r"[.。！？!?](?=\s)|[。！？]|\n", before)]
    return before[ends[-1] if ends else 0:]


def substantive(text: str) -> bool:
    """A sentence worth quoting: not a markdown heading, a headline or a stray label."""
    if text.startswith("###"):
        return False
    if is_cjk(text):
        # A short line without an end mark is a headline repeated above the Chinese text.
        if len(text) < 40 and not re.search(r"[。！？；：]$", text):
            return False
        return len(re.findall(r"[\u4e00-\u9fff]", text)) >= 6
    return len(re.findall(r"[A-Za-z]+", text)) >= 3


# What a quote should not begin or end with: a label line that introduces a list ("Other
# Decisions and/or Actions:"), the list item's marker ("- "), a clause's closing ";" or ",".
_LEAD_LABEL = re.compile(r"[^\n]{1,80}:[ \t]*\n\s*(?=[-*•·][ \t])")
_LEAD_MARKER = re.compile(r"[-*•·][ \t]+")
_TRAIL = re.compile(r"\s*[;；,，:：]\s*$")


def quotable(text: str) -> tuple[int, int]:
    """The part of a sentence to quote, as offsets into it: the sentence less list debris at its
    start and a dangling ';' or ',' at its end (the sentence was cut at a semicolon). The words
    quoted are still exactly the file's, only fewer of them."""
    s, e = 0, len(text)
    m = _LEAD_LABEL.match(text)
    if m:
        s = m.end()
    m = _LEAD_MARKER.match(text, s)
    if m:
        s = m.end()
    m = _TRAIL.search(text, s)
    if m and m.start() > s:
        e = m.start()
    return (s, e) if _has_words(text[s:e]) else (0, len(text))
