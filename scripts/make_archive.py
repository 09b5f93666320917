"""A benchmark archive of dated articles, made reproducibly from text installed offline.

English: the Collaborative International Dictionary of English (Debian package `dict-gcide`), the
1913 Webster's Revised Unabridged Dictionary (public domain) with its definitions and quotations:
millions of words of real English prose. Consecutive entries are gathered into articles of
150–450 words. Chinese: the Chinese fortunes (Debian package `fortunes-zh`): sayings, short prose
and classical poems, gathered into articles of 200–800 characters. `make archive-data` installs
both.

Each article gets a seed-style header (Title, Date, Publication) with a date drawn from a fixed
seed over 1900–1999, so the archive spans decades; the five seeds are copied in beside them
(their dates, 1953–1956, sit among the distractors'). The same arguments and package versions make
the same archive, byte for byte.

    .venv/bin/python scripts/make_archive.py OUT [--articles 10000] [--chinese 1000] [--seed 11]
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import shutil
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GCIDE = Path("/usr/share/dictd/gcide.dict.dz")
FORTUNES_ZH = Path("/usr/share/games/fortunes/chinese")
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(1999, 12, 31)

# A dictionary entry opens with its headword and a pronunciation between backslashes.
_HEADWORD = re.compile(r"^(?P<word>[A-Z][^\\\n]{0,60}?)\s+\\[^\\\n]*\\")
# Source marks and pronunciation keys: noise to a reader of the prose.
_MARKS = re.compile(r"\[(?:1913 Webster|WordNet 1\.5|PJC|Century Dict\.|Webster 1913 Suppl\.)[^\]]*\]\s*")
_PRONUNCIATION = re.compile(r"\\[^\\\n]*\\,?")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def english_entries() -> Iterator[tuple[str, str]]:
    """(headword, text) of each dictionary entry, in the dictionary's order."""
    with gzip.open(GCIDE, "rt", encoding="utf-8", errors="replace") as f:
        body = f.read()
    start = body.find("\nA \\")  # the front matter (licence, credits) ends at the first entry
    word, lines = None, []
    for line in body[start:].splitlines():
        m = _HEADWORD.match(line)
        if m and word is not None and lines:
            yield word, _clean(lines)
            lines = []
        if m:
            word = m.group("word").strip()
        if word is not None:
            lines.append(line)
    if word is not None and lines:
        yield word, _clean(lines)


def _clean(lines: list[str]) -> str:
    text = " ".join(ln.strip() for ln in lines if ln.strip())
    text = _PRONUNCIATION.sub("", _MARKS.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


def chinese_entries() -> Iterator[str]:
    """Each Chinese fortune, without its colour codes and its attribution line."""
    raw = FORTUNES_ZH.read_text(encoding="utf-8", errors="replace")
    for block in raw.split("\n%\n"):
        text = _ANSI.sub("", block)
        kept = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("--")]
        joined = "\n".join(kept)
        if len(re.findall(r"[\u4e00-\u9fff]", joined)) >= 20:
            yield joined


def _day(rng: random.Random) -> str:
    return str(FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1)))


def _write(path: Path, title: str, day: str, publication: str, body: str) -> None:
    path.write_text(f"Title: {title}\nDate: {day}\nPublication: {publication}\n\n{body}\n", encoding="utf-8")


def make(out: Path, articles: int, chinese: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    (out / "en").mkdir(parents=True)
    (out / "zh").mkdir()
    counts = {"en": 0, "zh": 0, "seeds": 0, "words": 0, "chars_zh": 0}
    entries = english_entries()
    while counts["en"] < articles:
        want = rng.randint(150, 450)
        group, words = [], 0
        for word, text in entries:
            group.append((word, text))
            words += len(text.split())
            if words >= want:
                break
        if not group:
            break  # the dictionary is used up
        body = "\n\n".join(text for _, text in group)
        title = f"Notes on “{group[0][0]}”" + (f" to “{group[-1][0]}”" if len(group) > 1 else "")
        counts["en"] += 1
        counts["words"] += words
        _write(out / "en" / f"en{counts['en']:05d}.txt", title, _day(rng),
               "Webster's Revised Unabridged Dictionary (1913), GCIDE", body)
    fortunes = chinese_entries()
    while counts["zh"] < chinese:
        want = rng.randint(200, 800)
        group, size = [], 0
        for text in fortunes:
            group.append(text)
            size += len(text)
            if size >= want:
                break
        if not group:
            break
        counts["zh"] += 1
        counts["chars_zh"] += size
        title = group[0].splitlines()[0][:30]
        _write(out / "zh" / f"zh{counts['zh']:05d}.txt", title, _day(rng), "Debian 中文 fortunes",
               "\n\n".join(group))
    (out / "seeds").mkdir()
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(f, out / "seeds" / f.name)
        counts["seeds"] += 1
    return counts


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="a new folder for the archive")
    p.add_argument("--articles", type=int, default=10_000, help="English articles (default 10000)")
    p.add_argument("--chinese", type=int, default=1_000, help="Chinese articles (default 1000)")
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args(argv)
    for need, package in ((GCIDE, "dict-gcide"), (FORTUNES_ZH, "fortunes-zh")):
        if not need.exists():
            print(f"error: {need} is missing: install the Debian package {package} (`make archive-data`)",
                  file=sys.stderr)
            return 2
    if args.out.exists() and any(args.out.iterdir()):
        print(f"error: {args.out} is not empty; the archive is made in a new folder", file=sys.stderr)
        return 2
    counts = make(args.out, args.articles, args.chinese, args.seed)
    print(f"{counts['en']} English articles ({counts['words']:,} words), {counts['zh']} Chinese "
          f"({counts['chars_zh']:,} characters) and {counts['seeds']} seeds in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
