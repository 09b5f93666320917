"""Files → articles: read a file, find its title, date and language sections.

Seed articles carry a header (Title:, Author:, Date:, Page:) and, after an "Original:" line, the
Chinese original. Conference records carry "Dates of Meeting:" / "Type of Meeting:" fields
instead. Any other .txt/.md file is an article too: its title is its first line.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from qa.errors import QAError
from qa.language import detect_lang
from qa.records import Article, Section

TEXT_SUFFIXES = {".txt", ".md"}
HEADER_FIELD = re.compile(r"^(Title|Author|Date|Page|Publication|Newspaper):[ \t]*(.*)$")
_ORIGINAL = re.compile(r"^Original:\s*$", re.MULTILINE)
_HR = re.compile(r"^\s*<hr\s*/?>\s*$", re.MULTILINE)
_FIELD = re.compile(r"^(Dates? of Meeting|Type of Meeting):\s*\n\s*\n?(.+)$", re.MULTILINE)
_ZH_TITLE = re.compile(r"^#{1,6}\s*(.+)$", re.MULTILINE)
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(),
    start=1)}


class UnreadableFile(QAError):
    """A file that cannot be ingested; ingest skips it with this message."""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """A file's hash, read in blocks (model files and keyword indexes run to hundreds of MB)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


def iter_files(paths: Iterable[Path], suffixes: Iterable[str] = TEXT_SUFFIXES) -> Iterator[Path]:
    """The files named, and the files of the given kinds under the folders named, in a stable
    order."""
    suffixes = set(suffixes)
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in suffixes and not f.name.startswith("."):
                    yield f
        else:
            yield p


def read_article(path: Path, max_bytes: int = 20_000_000) -> Article:
    """Parse one file; raise UnreadableFile with a one-line reason when it is not usable text."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnreadableFile(f"{path}: not a .txt or .md file")
    return parse_article(path.name, str(path.resolve()), read_bounded(path, max_bytes), label=str(path))


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes. A FIFO, a device (a `.txt` link to
    /dev/zero) or a socket is refused before a byte is read: it could block forever or never end.
    The file is opened first and then checked, so it cannot be swapped in between."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO opens at once, without a writer
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such file") from None
    except OSError as e:
        raise UnreadableFile(f"{path}: cannot be read ({e.strerror or e})") from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
                    or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file")
            raise UnreadableFile(f"{path}: not a regular file ({kind})")
        try:
            data = f.read(max_bytes + 1)
        except OSError as e:
            raise UnreadableFile(f"{path}: cannot be read ({e.strerror or e})") from None
    if len(data) > max_bytes:
        raise UnreadableFile(f"{path}: too large (over {max_bytes:,} bytes, the limit)")
    return data


# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(name: str, data: bytes) -> str:
    """The text of a file: UTF-8, or UTF-16/32 when a byte-order mark says so (Windows tools
    write those). A lone CR (old Mac line ends) becomes LF: one character for one, so every
    offset still points at the same place in the file, and lines are lines everywhere."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        head = data[:8192]
        if len(head) > 8 and (head[1::2].count(0) > 0.9 * len(head) // 2
                              or head[0::2].count(0) > 0.9 * len(head) // 2):
            raise UnreadableFile(f"{name}: UTF-16 text without a byte-order mark; save it as UTF-8 "
                                 f"(or UTF-16 with the mark)")
        raise UnreadableFile(f"{name}: binary file, not text")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{name}: not {(encoding or 'utf-8').upper().replace('-SIG', '')} "
                             f"text") from None
    if "\x00" in text[:8192]:
        raise UnreadableFile(f"{name}: binary file, not text")
    return re.sub(r"\r(?!\n)", "\n", text)


def parse_article(name: str, path: str, data: bytes, label: str | None = None) -> Article:
    """`name` is the article's id; `label` names the file in messages (the path as given)."""
    label = label or name
    text = decode(label, data)
    if not text.strip():
        raise UnreadableFile(f"{label}: empty file")

    problems: list[str] = []
    header, body_start = _parse_header(text)
    title = header.get("Title") or ""
    date_iso, date_end = _parse_range(header.get("Date", ""), label, "Date", problems)

    fields = {m.group(1).lower(): m.group(2).strip() for m in _FIELD.finditer(text)}
    if fields:
        # A conference record: its title and dates come from its own fields, where no header (an
        # extracted file's, qa.extract) gives them.
        kind = fields.get("type of meeting", "")
        if not header.get("Title"):
            title = f"{kind} (conference record)" if kind else title
        if "Date" not in header:
            field_name = "Dates of Meeting" if "dates of meeting" in fields else "Date of Meeting"
            date_iso, date_end = _parse_range(
                fields.get("dates of meeting") or fields.get("date of meeting", ""), label, field_name,
                problems)

    sections, title_zh = _sections(text, body_start)
    if not title:
        title = _first_line(text[body_start:]) or Path(name).stem
    return Article(
        id=name, path=path, text=text, sha256=sha256_bytes(data), title=title[:300],
        date=date_iso, date_end=date_end, page=header.get("Page") or None,
        author=header.get("Author") or None, title_zh=title_zh,
        publication=header.get("Publication") or header.get("Newspaper") or None, sections=sections,
        problems=problems,
    )


class HeaderField(NamedTuple):
    name: str  # "Date", "Page", …
    value: str
    start: int  # the line's offsets in the text, less its surrounding blanks
    end: int


def header_fields(text: str) -> tuple[list[HeaderField], int]:
    """The header's Field: lines and where the body starts (0 without a header). The header is the
    run of Field: lines at the top, blank lines among them allowed."""
    fields: list[HeaderField] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        m = HEADER_FIELD.match(stripped)
        if m:
            start = pos + line.index(stripped)
            fields.append(HeaderField(m.group(1), m.group(2).strip(), start, start + len(stripped)))
        elif stripped:
            break
        pos += len(line)
    return fields, (pos if fields else 0)


def _parse_header(text: str) -> tuple[dict[str, str], int]:
    """The first of each field wins: an extracted file's header (qa.extract) is written before
    any header its text begins with, from sources trusted more."""
    fields, body_start = header_fields(text)
    out: dict[str, str] = {}
    for f in fields:
        out.setdefault(f.name, f.value)
    return out, body_start


def _sections(text: str, body_start: int) -> tuple[list[Section], str | None]:
    orig = _ORIGINAL.search(text, body_start)
    if not orig:
        runs = _language_runs(text, body_start)
        sections = [s for s in (_section(text, lang, a, b) for lang, a, b in runs) if s.end > s.start]
        return sections, None  # a header with no body: none
    en_end = orig.start()
    rules = list(_HR.finditer(text, body_start, orig.start()))
    if rules:
        en_end = rules[-1].start()
    sections = [_section(text, "en", body_start, en_end),
                _section(text, detect_lang(text[orig.end():]), orig.end(), len(text))]
    zh_title = _ZH_TITLE.search(text, orig.end())
    title_zh = re.sub(r"\s+", " ", zh_title.group(1)).strip() if zh_title else None
    return [s for s in sections if s.end > s.start], title_zh


# A paragraph this short (a date line, "第1版") has no language of its own: it goes with the run
# it sits in.
_MIN_PARAGRAPH_LETTERS = 20


def _language_runs(text: str, start: int) -> list[tuple[str, int, int]]:
    """A text with no "Original:" line, as runs of paragraphs in one language: an English
    article followed by its Chinese original (or the other way) is two sections, as when the
    line is there. A text in one language is one run."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text[start:])]
    runs: list[list] = []
    for a, b in paras:
        a, b = a + start, b + start
        chunk = text[a:b]
        letters = len(re.findall(r"[A-Za-z\u3400-\u9fff]", chunk))
        lang = detect_lang(chunk) if letters >= _MIN_PARAGRAPH_LETTERS else None
        if runs and (lang is None or lang == runs[-1][0] or runs[-1][0] is None):
            runs[-1][0] = runs[-1][0] or lang
            runs[-1][2] = b
        else:
            runs.append([lang, a, b])
    if not runs:
        return [(detect_lang(text[start:]), start, len(text))]
    runs[0][1] = start
    runs[-1][2] = len(text)
    for i in range(1, len(runs)):  # the blank lines between two runs go with the first
        runs[i - 1][2] = runs[i][1]
    return [(lang or detect_lang(text[a:b]), a, b) for lang, a, b in runs]


def _section(text: str, lang: str, s: int, e: int) -> Section:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Section(lang=lang, start=s, end=e)


# A title taken from the text is its first line, up to its first sentence's end when that is
# this long: an untitled scan's first line is often a whole paragraph.
TITLE_CHARS = 120


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            if len(line) <= TITLE_CHARS:
                return line
            end = re.search(r"[.!?。！？](?=\s|$)|[。！？]", line[:TITLE_CHARS])
            if end:
                return line[:end.end()]
            cut = line[:TITLE_CHARS].rsplit(" ", 1)[0] if " " in line[:TITLE_CHARS] else line[:TITLE_CHARS]
            return cut.rstrip(",;:，；：") + "…"
    return ""


def _checked_date(raw: str, label: str, field_name: str, problems: list[str]) -> str | None:
    """The field's date; a date that cannot be read, or that no calendar has (1955-02-30), is
    stored as undated and said so, naming the file and the field."""
    parts = _date_parts(raw)
    iso = _iso(*parts) if parts else None
    if raw.strip() and iso is None:
        why = "no such day" if parts else "not a date that can be read"
        problems.append(f"{label}: {field_name} {raw.strip()!r} is {why}; the article is stored as undated")
    return iso


def _date_parts(raw: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) as written, whether or not the calendar has that day; month and day
    are None where the date is partial ("1955", "1955-03", "March 1955"). None when the text is
    not in a date format read here."""
    raw = raw.strip()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", raw)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    if m:
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", raw)
    if m and m.group(1).lower() in _MONTHS:
        return int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})", raw)
    if m:
        return int(m.group(1)), int(m.group(2)), None
    m = re.fullmatch(r"([A-Za-z]+)\.?,?\s+(\d{4})", raw)
    if m and m.group(1).lower() in _MONTHS:
        return int(m.group(2)), _MONTHS[m.group(1).lower()], None
    m = re.fullmatch(r"(\d{4})", raw)
    if m:
        return int(m.group(1)), None, None
    return None


def _parse_range(raw: str, label: str, field_name: str,
                 problems: list[str]) -> tuple[str | None, str | None]:
    parts = re.split(r"\s*[–—-]{1,2}\s+|\s+to\s+", raw.strip())
    start = _checked_date(parts[0], label, field_name, problems) if parts else None
    end = _checked_date(parts[-1], label, field_name, problems) if len(parts) > 1 else None
    return start, end


def _iso(y: int, m: int | None, d: int | None) -> str | None:
    """ISO 8601, partial where the date is: "1955", "1955-03", "1955-03-09"."""
    try:
        full = date(y, m or 1, d or 1)
    except ValueError:
        return None
    return full.isoformat()[:4 if m is None else 7 if d is None else 10]
