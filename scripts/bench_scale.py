"""Ten thousand articles, measured: prints a table and writes JSON; asserts nothing.

Makes the benchmark archive (scripts/make_archive.py) with 100 articles held back (--add), then measures:
  - `qa ingest` of the archive: wall time, articles/s, chunks/s, and the ratio to the embedder's
    own throughput on a sample of the same chunks (and on the chunks with their sentences: the
    ingest embeds every quotable sentence too, for the answerer);
  - a second ingest of the unchanged archive; adding the 100 held back, beside their own embedding
    time; `qa remove` of one article (process start to exit);
  - the index's size on disk and the ingest's peak memory (its resident set);
  - the app's start: process start to a served page, and to the first answer through its API;
  - warm answers, p50/p95 over 50 dev questions asked in one process after a warm-up;
  - the dev questions answered inside the archive against the seeds alone (correctness).

    .venv/bin/python scripts/bench_scale.py [--articles 10000] [--chinese 600] [--model NAME]
        [--work DIR] [--json FILE] [--questions N] [--add N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
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
from scripts.bench_ui import free_port, start  # noqa: E402
from scripts.make_archive import make  # noqa: E402

QA = str(Path(sys.executable).parent / "qa")
HELD_BACK = 100
RAW_SAMPLE = 600  # chunks embedded directly, for the embedder's own throughput


def run(args: list[str], env: dict) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory (MiB) and output of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"error: {' '.join(args[:3])} failed ({proc.returncode}): {out.strip()[-400:]}")
    return wall, usage.ru_maxrss // 1024, out


def raw_throughput(config: Config, files: list[Path]) -> dict:
    """The embedder alone on chunks of these files, as the ingest cuts them; and on the same
    chunks with their quotable sentences."""
    from qa.chunking import chunk_article, heading
    from qa.corpus import read_article
    from qa.embedding import load_embedder
    from qa.ingest import answer_sentences

    embedder = load_embedder(config)
    chunks, sentences = [], []
    for f in files:
        article = read_article(f)
        for c in chunk_article(article, embedder.count_tokens, config.chunk_tokens):
            chunks.append(c.embed_text(heading(article, c.lang)))
            sentences.extend(article.text[s:e] for s, e in answer_sentences(c))
        if len(chunks) >= RAW_SAMPLE:
            break
    embedder.embed_passages(chunks[:8])  # warm
    t = time.perf_counter()
    for i in range(0, len(chunks), 256):
        embedder.embed_passages(chunks[i:i + 256])
    chunk_s = time.perf_counter() - t
    t = time.perf_counter()
    for i in range(0, len(sentences), 256):
        embedder.embed_passages(sentences[i:i + 256])
    sentence_s = time.perf_counter() - t
    return {"chunks": len(chunks), "sentences": len(sentences), "chunks_per_s": len(chunks) / chunk_s,
            "chunks_with_sentences_per_s": len(chunks) / (chunk_s + sentence_s)}


def disk_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def app_start(env: dict, question: str) -> dict:
    """Process start to a served page, and to the first answer through the app's API."""
    from gradio_client import Client

    port = free_port()
    t0 = time.perf_counter()
    proc, page = start(port, env)
    try:
        Client(f"http://127.0.0.1:{port}", verbose=False).predict(question, "", "", 7, api_name="/ask")
        return {"page_s": page, "first_answer_s": time.perf_counter() - t0}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def warm_answers(config: Config, questions: list[str]) -> dict:
    from qa.pipeline import Pipeline

    pipeline = Pipeline.load(config, log=lambda _: None)
    pipeline.ask(questions[0])
    times = []
    for q in questions:
        t = time.perf_counter()
        pipeline.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    pipeline.close()
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "n": len(times)}


def correctness(env: dict, out: Path, sample: int | None) -> float:
    args = [QA, "eval", "--questions", str(ROOT / "eval" / "dev.jsonl"), "--output", str(out),
            "--report", str(out), "--quiet"] + (["--sample", str(sample)] if sample else [])
    _, _, text = run(args, env)
    m = re.search(r"^\s*correctness\s+([\d.]+)", text, re.MULTILINE)
    return float(m.group(1)) if m else float("nan")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10_000, help="English articles (default 10000)")
    p.add_argument("--chinese", type=int, default=600, help="Chinese articles (default 600)")
    p.add_argument("--model", default=None,
                   help="embedding model (default: QA_EMBED_MODEL or the bundled one)")
    p.add_argument("--work", type=Path, help="folder for the archive and indexes (default: a temporary one)")
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--questions", type=int, default=None,
                   help="dev questions for the correctness comparison (default: all)")
    p.add_argument("--add", type=int, default=HELD_BACK,
                   help=f"articles held back and added to the built index (default {HELD_BACK})")
    args = p.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    archive, extra = work / "archive", work / "extra"
    index, seeds_index = work / "index", work / "seeds-index"
    for d in (archive, extra, index, seeds_index):
        shutil.rmtree(d, ignore_errors=True)
    counts = make(archive, args.articles + args.add, args.chinese, seed=11)
    extra.mkdir()
    for f in sorted((archive / "en").glob("*.txt"))[-args.add:]:
        f.rename(extra / f.name)
    n_articles = sum(1 for _ in archive.rglob("*.txt"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update(QA_INDEX_DIR=str(index), HF_HUB_OFFLINE="1")
    if args.model:
        env["QA_EMBED_MODEL"] = args.model
    config = Config.from_env(env=env)
    fig: dict = {"articles": n_articles, "words_en": counts["words"], "chars_zh": counts["chars_zh"],
                 "model": config.embed_model}

    raw = raw_throughput(config, sorted(archive.rglob("*.txt")))
    fig["raw"] = raw
    wall, mem, out = run([QA, "ingest", str(archive), "--quiet"], env)
    chunks = json.loads((index / "manifest.json").read_text())["chunks"]
    fig["ingest"] = {"wall_s": wall, "articles_per_s": n_articles / wall, "chunks": chunks,
                     "chunks_per_s": chunks / wall, "peak_mib": mem, "summary": out.strip().splitlines()[-1]}
    fig["ingest"]["ratio_to_raw_chunks"] = fig["ingest"]["chunks_per_s"] / raw["chunks_per_s"]
    fig["ingest"]["ratio_to_raw_chunks_and_sentences"] = (fig["ingest"]["chunks_per_s"]
                                                           / raw["chunks_with_sentences_per_s"])
    fig["index_mib"] = disk_mib(index)
    fig["reingest_unchanged_s"], _, _ = run([QA, "ingest", str(archive), "--quiet"], env)
    extra_raw = raw_throughput(config, sorted(extra.glob("*.txt")))
    fig["add"] = {"articles": args.add, "wall_s": run([QA, "ingest", str(extra), "--quiet"], env)[0],
                      "own_embedding_s": extra_raw["chunks"] / extra_raw["chunks_with_sentences_per_s"]}
    fig["remove_one_s"], _, _ = run([QA, "remove", "en00001.txt"], env)
    questions = [json.loads(line)["question"] for line in (ROOT / "eval" / "dev.jsonl").open()][:50]
    fig["app"] = app_start(env, questions[0])
    fig["warm"] = warm_answers(config, questions)
    seeds_env = {**env, "QA_INDEX_DIR": str(seeds_index)}
    run([QA, "ingest", str(archive / "seeds"), "--quiet"], seeds_env)
    fig["correctness"] = {"archive": correctness(env, work / "eval-archive", args.questions),
                          "seeds_alone": correctness(seeds_env, work / "eval-seeds", args.questions)}

    rows = [
        ("articles (English words, Chinese characters)",
         f"{n_articles:,} ({counts['words']:,}; {counts['chars_zh']:,})"),
        ("embedding model", config.embed_model),
        ("raw embedder: chunks/s (with their sentences)",
         f"{raw['chunks_per_s']:.1f} ({raw['chunks_with_sentences_per_s']:.1f})"),
        ("ingest: wall, articles/s, chunks/s",
         f"{wall:.0f} s, {fig['ingest']['articles_per_s']:.1f}, {fig['ingest']['chunks_per_s']:.1f}"),
        ("ingest ÷ raw (chunks; chunks with sentences)",
         f"{fig['ingest']['ratio_to_raw_chunks']:.2f}; "
         f"{fig['ingest']['ratio_to_raw_chunks_and_sentences']:.2f}"),
        ("ingest peak memory", f"{mem:,} MiB"),
        ("index on disk", f"{fig['index_mib']:.0f} MiB"),
        ("second ingest, unchanged", f"{fig['reingest_unchanged_s']:.1f} s"),
        (f"add {args.add} articles (their own embedding)",
         f"{fig['add']['wall_s']:.1f} s ({fig['add']['own_embedding_s']:.1f} s)"),
        ("qa remove one article", f"{fig['remove_one_s']:.1f} s"),
        ("app start: page, first answer",
         f"{fig['app']['page_s']:.1f} s, {fig['app']['first_answer_s']:.1f} s"),
        ("warm answer p50 / p95", f"{fig['warm']['p50_ms']:.0f} / {fig['warm']['p95_ms']:.0f} ms"),
        ("dev correctness: archive vs seeds alone",
         f"{fig['correctness']['archive']:.3f} vs {fig['correctness']['seeds_alone']:.3f}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(fig, indent=1, ensure_ascii=False), encoding="utf-8")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
