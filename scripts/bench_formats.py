"""Archives' formats, measured: prints a table and writes JSON; asserts nothing.

Each of the five seeds is rendered as a text PDF, a saved web page, a Word file, a multi-page
scanned TIFF and a scanned PDF (no text layer), as tests/documents.py makes them, with a
metadata.csv giving what each seed's header gives (an archive's usual description). For each
format: extraction time per page, character accuracy of the extracted text against the seed's own
(for OCR, what Tesseract read), and the dev questions answered over an index of that format alone,
beside the same questions over the seeds as text.

    .venv/bin/python scripts/bench_formats.py [--formats pdf,html,docx,tiff,scanpdf] [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import qa  # noqa: E402,F401
from qa.config import Config  # noqa: E402
from qa.corpus import header_fields  # noqa: E402
from qa.evaluation import load_questions  # noqa: E402
from qa.extract import Extractor  # noqa: E402
from qa.metrics import includes_all  # noqa: E402
from tests import documents as docs  # noqa: E402

SUFFIX = {"txt": ".txt", "pdf": ".pdf", "html": ".html", "docx": ".docx", "tiff": ".tiff", "scanpdf": ".pdf",
          "worn": ".tiff"}


def render(fmt: str, seed: Path, out: Path) -> tuple[Path, dict[str, str], str]:
    """The seed in `fmt`, its metadata row, and the body text it was made from."""
    text = seed.read_text(encoding="utf-8")
    fields, body_start = header_fields(text)
    row = {f.name.lower(): f.value for f in fields if f.name in ("Title", "Date", "Page", "Publication")}
    body = text[body_start:].strip()
    # Every line is a paragraph: the seeds' Chinese originals part paragraphs by a newline alone.
    paras = [ln.strip() for ln in body.splitlines() if ln.strip()]
    target = out / (seed.stem + SUFFIX[fmt])
    if fmt == "txt":
        target.write_text(body, encoding="utf-8")
    elif fmt == "pdf":
        docs.text_pdf(paras, target)
    elif fmt == "html":
        docs.web_page(paras, target, row.get("title", seed.stem), row.get("date"), "Archive")
    elif fmt == "docx":
        docs.word_file(paras, target)
    elif fmt in ("tiff", "scanpdf"):
        docs.scan(paras, target, lines_per_page=40)
    elif fmt == "worn":  # small type, blurred and compressed: OCR misreads words
        docs.scan(paras, target, lines_per_page=40, width=880, font_px=17, blur=1.0, jpeg=25)
    return target, row, body


def accuracy(want: str, got: str) -> float:
    """1 − (character edits ÷ characters), whitespace ignored: the OCR measure of character accuracy."""
    a, b = "".join(want.split()), "".join(got.split())
    edits = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
                difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal")
    return max(0.0, 1 - edits / max(len(a), 1))


def run(fmt: str, work: Path, questions: list, embedder) -> dict:
    from qa.ingest import ingest
    from qa.pipeline import Pipeline

    folder = work / fmt
    folder.mkdir()
    rows, bodies = [], {}
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        target, row, body = render(fmt, seed, folder)
        bodies[target.name] = (seed.name, body)
        if row:
            rows.append({"file": target.name, **row})
    with (folder / "metadata.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["file", "title", "date", "page", "publication"])
        w.writeheader()
        w.writerows(rows)
    # Timed here, OCR'd once: the ingest below reads the pages this pass kept in the cache.
    extractor = Extractor(cache_dir=work / "cache")
    pages = seconds = 0.0
    accs = []
    for name, (_, body) in bodies.items():
        t0 = time.perf_counter()
        article = extractor.read(folder / name)
        seconds += time.perf_counter() - t0
        pages += max(len(article.pages), 1)
        accs.append(accuracy(body, article.text[article.sections[0].start:] if article.sections else ""))
    config = Config.from_env(env={}, index_dir=work / f"{fmt}-index", seeds_dir=ROOT / "seeds",
                             cache_dir=work / "cache")
    ingest(config, embedder, [folder], progress=False)
    pipeline = Pipeline(config, embedder, __import__("qa.index", fromlist=["Store"]).Store.open(config))
    ids = {seed: name for name, (seed, _) in bodies.items()}
    out = {"format": fmt, "files": len(bodies), "pages": int(pages),
           "s_per_page": round(seconds / max(pages, 1), 3), "char_accuracy": round(sum(accs) / len(accs), 4),
           "questions": len(questions)}
    out["answered_right"], out["gold_retrieved"] = _ask_all(pipeline, questions, ids)
    if pipeline.store.keyword().ocr_words:  # the same questions without matching OCR misreadings
        from qa.keyword import KeywordRetriever

        keep = KeywordRetriever.misread
        KeywordRetriever.misread = lambda self, tokens: []
        exact = _ask_all(pipeline, questions, ids)
        out["answered_right_exact_words"], out["gold_retrieved_exact_words"] = exact
        KeywordRetriever.misread = keep
    pipeline.close()
    return out


def _ask_all(pipeline, questions: list, ids: dict[str, str]) -> tuple[int, int]:
    """Questions answered right, and answerable ones whose article was among the passages."""
    right = found = 0
    for q in questions:
        a = pipeline.ask(q.question)
        gold = {ids.get(s) for s in q.sources}
        if q.answerable:
            ok = not a.refused and includes_all(a.answer, q.must_include)
            ok = ok and any(c.source in gold for c in a.citations)
            found += any(p.chunk.article_id in gold for p in a.passages)
        else:
            ok = a.refused
        right += ok
    return right, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--formats", default="txt,pdf,html,docx,tiff,scanpdf,worn")
    ap.add_argument("--questions", default=str(ROOT / "eval" / "dev.jsonl"))
    ap.add_argument("--sample", type=int, default=0, help="only the first N questions")
    ap.add_argument("--json", default="")
    args = ap.parse_args()
    from qa.embedding import load_embedder

    questions = [q for q in load_questions(Path(args.questions)) if len(q.sources) <= 1]
    if args.sample:
        questions = questions[:args.sample]
    embedder = load_embedder(Config.from_env())
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            r = run(fmt, Path(tmp), questions, embedder)
            results.append(r)
            print(f"{r['format']:8} {r['files']} files {r['pages']:3} pages  {r['s_per_page']:7.3f} s/page  "
                  f"char accuracy {r['char_accuracy']:.4f}  "
                  f"answered right {r['answered_right']}/{r['questions']}  gold article retrieved "
                  f"{r['gold_retrieved']}"
                  + (f"  (exact words only: {r['answered_right_exact_words']}, "
                     f"{r['gold_retrieved_exact_words']})" if "answered_right_exact_words" in r else ""),
                  flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
