"""Files → articles: read a file, find its title, date and language sections.

Seed articles carry a header (Title:, Author:, Date:, Page:) and, after an "Original:" line, the
Chinese original. Conference records carry "Dates of Meeting:" / "Type of Meeting:" fields
instead. Any other .txt/.md file is an article too: its title is its first line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from qa.errors import QAError
from qa.language import detect_lang
from qa.records import Article, Section

TEXT_SUFFIXES = {".txt", ".md"}
_HEADER = re.compile(r"^(Title|Author|Date|Page):[ \t]*(.*)$")
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


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the .txt/.md files under the folders named, in a stable order."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield p


def read_article(path: Path, max_bytes: int = 20_000_000) -> Article:
    """Parse one file; raise UnreadableFile with a one-line reason when it is not usable text."""
    if not path.exists():
        raise UnreadableFile(f"{path}: no such file")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise UnreadableFile(f"{path}: not a .txt or .md file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableFile(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableFile(f"{path}: cannot be read ({e.strerror or e})") from None
    return parse_article(path.name, str(path.resolve()), data)


def parse_article(name: str, path: str, data: bytes) -> Article:
    if b"\x00" in data[:8192]:
        raise UnreadableFile(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{name}: not UTF-8 text") from None
    if not text.strip():
        raise UnreadableFile(f"{name}: empty file")

    header, body_start = _parse_header(text)
    title = header.get("Title") or ""
    date_iso = _parse_date(header.get("Date", ""))
    date_end = None

    fields = {m.group(1).lower(): m.group(2).strip() for m in _FIELD.finditer(text)}
    if not header and fields:
        # A conference record: its title and dates come from its own fields.
        kind = fields.get("type of meeting", "")
        title = f"{kind} (conference record)" if kind else ""
        date_iso, date_end = _parse_range(fields.get("dates of meeting") or fields.get("date of meeting", ""))

    sections, title_zh = _sections(text, body_start)
    if not title:
        title = _first_line(text) or Path(name).stem
    return Article(
        id=name, path=path, text=text, sha256=sha256_bytes(data), title=title[:300],
        date=date_iso, date_end=date_end, page=header.get("Page") or None,
        author=header.get("Author") or None, title_zh=title_zh, sections=sections,
    )


def _parse_header(text: str) -> tuple[dict[str, str], int]:
    header: dict[str, str] = {}
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        m = _HEADER.match(stripped)
        if m:
            header[m.group(1)] = m.group(2).strip()
        elif stripped or header:
            # The header is the run of Field: lines at the top (blank lines before it allowed).
            if stripped:
                break
        pos += len(line)
    return (header, pos) if header else ({}, 0)


def _sections(text: str, body_start: int) -> tuple[list[Section], str | None]:
    orig = _ORIGINAL.search(text, body_start)
    if not orig:
        lang = detect_lang(text[body_start:])
        return [_section(text, lang, body_start, len(text))], None
    en_end = orig.start()
    rules = list(_HR.finditer(text, body_start, orig.start()))
    if rules:
        en_end = rules[-1].start()
    sections = [_section(text, "en", body_start, en_end),
                _section(text, detect_lang(text[orig.end():]), orig.end(), len(text))]
    zh_title = _ZH_TITLE.search(text, orig.end())
    title_zh = re.sub(r"\s+", " ", zh_title.group(1)).strip() if zh_title else None
    return [s for s in sections if s.end > s.start], title_zh


def _section(text: str, lang: str, s: int, e: int) -> Section:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Section(lang=lang, start=s, end=e)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


def _parse_date(raw: str) -> str | None:
    """ISO date from '1954-07-13', '13-07-1954', '1954/7/13' or 'July 13, 1954'; None otherwise."""
    raw = raw.strip()
    if not raw:
        return None
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", raw)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", raw)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", raw)
    if m and m.group(1).lower() in _MONTHS:
        return _iso(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = re.fullmatch(r"(\d{4})", raw)
    if m:
        return _iso(int(m.group(1)), 1, 1)
    return None


def _parse_range(raw: str) -> tuple[str | None, str | None]:
    parts = re.split(r"\s*[–—-]{1,2}\s+|\s+to\s+", raw.strip())
    start = _parse_date(parts[0]) if parts else None
    end = _parse_date(parts[-1]) if len(parts) > 1 else None
    return start, end


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None
