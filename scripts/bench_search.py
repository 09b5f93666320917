"""`qa search` at archive scale: prints figures, asserts nothing.

Builds an archive of N synthetic dated articles (default 10,000; fixed seed) whose sentences are
the seeds' own, recombined (English-only articles, and one in five Chinese-only), ingests it with
`qa ingest` as a user would, then times searches through the same code as `qa search`: a rare
phrase, a common word, a stopword (no postings: every article's text is read), a Chinese word, and
a date range. Each search runs once cold (first in the process) and then warm (median of 5).

    .venv/bin/python scripts/bench_search.py [--articles N] [--keep DIR] [--model all-MiniLM-L6-v2]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qa  # noqa: E402,F401
from qa.config import Config  # noqa: E402
from qa.corpus import parse_article  # noqa: E402
from qa.sentences import split_sentences, substantive  # noqa: E402

QA = str(Path(sys.executable).parent / "qa")
SEARCHES = [
    ("rare phrase", '"active leadership, steady advance"', None, None),
    ("common word", "cooperatives", None, None),
    ("two words", "handicraft members", None, None),
    ("stopword", "the", None, None),
    ("Chinese word", "合作社", None, None),
    ("common word, 1954 only", "cooperatives", "1954", "1954"),
]


def seed_sentences() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"en": [], "zh": []}
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        art = parse_article(f.name, str(f), f.read_bytes())
        for sec in art.sections:
            text = art.text[sec.start:sec.end]
            out[sec.lang] += [text[s:e].strip() for s, e in split_sentences(text) if substantive(text[s:e])]
    return out


def make_archive(folder: Path, n: int, seed: int = 1953) -> int:
    rng = random.Random(seed)
    pool = seed_sentences()
    words = 0
    for i in range(n):
        lang = "zh" if i % 5 == 4 else "en"
        body = rng.sample(pool[lang], k=min(len(pool[lang]), rng.randint(6, 14)))
        date = f"{rng.randint(1950, 1965)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        joiner = "\n\n" if lang == "en" else "\n"
        text = f"Title: Archive article {i:05d}\nDate: {date}\n\n" + joiner.join(body)
        words += len(text.split()) if lang == "en" else len(text) // 2
        (folder / f"a{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
    return words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="build the index here and keep it (default: a temp folder)")
    ap.add_argument("--model", help="embedding model for the ingest (QA_EMBED_MODEL; search does not use "
                                    "it: all-MiniLM-L6-v2 builds the archive faster)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        docs, index = base / "archive", base / "index"
        if not (index / "manifest.json").exists():
            docs.mkdir(parents=True, exist_ok=True)
            t = time.perf_counter()
            words = make_archive(docs, args.articles)
            print(f"archive: {args.articles} articles, about {words:,} words, written in "
                  f"{time.perf_counter() - t:.1f} s")
            env = {**os.environ, "QA_INDEX_DIR": str(index)}
            if args.model:
                env["QA_EMBED_MODEL"] = args.model
            t = time.perf_counter()
            out = subprocess.run([QA, "ingest", str(docs), "--quiet"], env=env, capture_output=True,
                                 text=True)
            print(f"qa ingest: {time.perf_counter() - t:.0f} s [{out.stdout.strip() or out.stderr.strip()}]")
        from qa.index import Store
        from qa.search import search

        t = time.perf_counter()
        store = Store.open(Config.from_env(index_dir=index))
        print(f"open the index: {time.perf_counter() - t:.2f} s "
              f"({len(store.manifest.articles)} articles)")
        print(f"{'search':<24} {'hits':>7} {'articles':>8} {'cold ms':>8} {'warm ms':>8}")
        for name, query, since, until in SEARCHES:
            t = time.perf_counter()
            result = search(store, query, since, until)
            cold = (time.perf_counter() - t) * 1000
            warm = []
            for _ in range(5):
                t = time.perf_counter()
                search(store, query, since, until)
                warm.append((time.perf_counter() - t) * 1000)
            print(f"{name:<24} {result.total:>7} {result.articles:>8} {cold:>8.0f} "
                  f"{statistics.median(warm):>8.0f}")


if __name__ == "__main__":
    main()
