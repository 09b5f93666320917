"""Benchmarks for the closing note: prints figures, asserts nothing.

  cold `qa ask` wall time (process start to answer), warm in-process answer time (p50/p95 over
  the dev questions, each asked once after a warm-up), `qa ingest` time for the seeds, retrieval
  top-3 hit rate on the test questions.
"""

from __future__ import annotations

import os
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
from qa.query import analyse  # noqa: E402
from tests.test_answers import ANSWERS, RETRIEVAL  # noqa: E402

QA = str(Path(sys.executable).parent / "qa")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QA_INDEX_DIR": f"{tmp}/idx", "QA_SEEDS_DIR": str(ROOT / "seeds")}
        t = time.perf_counter()
        out = subprocess.run([QA, "ingest", "--quiet"], env=env, capture_output=True, text=True)
        ingest_wall = time.perf_counter() - t
        print(f"qa ingest seeds (process wall, incl. model load): {ingest_wall:.1f} s "
              f"[{out.stdout.strip()}]")

        colds = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([QA, "ask", RETRIEVAL[0][0], "--json"], env=env, capture_output=True)
            colds.append(time.perf_counter() - t)
        print(f"cold qa ask (process start to answer): median {statistics.median(colds):.2f} s "
              f"over 3 runs ({', '.join(f'{c:.2f}' for c in colds)})")

        from qa.pipeline import Pipeline

        t = time.perf_counter()
        pipeline = Pipeline.load(Config.from_env(index_dir=Path(f"{tmp}/idx")))
        print(f"in-process load (model + index): {time.perf_counter() - t:.2f} s")
        import json

        questions = [json.loads(line)["question"] for line in
                     (ROOT / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        for q in [q for q, _ in ANSWERS][:5]:  # warm-up: lazy tables (lemmas, thesaurus, jieba)
            pipeline.ask(q)
        times = []
        for q in questions:
            t = time.perf_counter()
            pipeline.ask(q)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        print(f"warm answer, {len(times)} questions: p50 {statistics.median(times):.0f} ms, "
              f"p95 {p95:.0f} ms")

        hits = sum(gold in [p.chunk.article_id[:3] for p in
                            pipeline.retriever.retrieve(analyse(q), 5)[:3]] for q, gold in RETRIEVAL)
        print(f"retrieval top-3 hit rate: {hits}/{len(RETRIEVAL)} = {hits / len(RETRIEVAL):.0%}")
        pipeline.close()


if __name__ == "__main__":
    main()
