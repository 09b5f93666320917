"""`qa eval`: the question and dialogue sets through the `qa ask` path, scored, reported, and
checked against the gate."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from qa.config import PROJECT_ROOT, Config
from qa.errors import QAError

EVAL_DIR = PROJECT_ROOT / "eval"


def cmd_eval(args: argparse.Namespace, config: Config) -> int:
    from qa.evaluation import (
        check,
        evaluate,
        load_dialogues,
        load_questions,
        load_thresholds,
        run,
        run_dialogues,
        sample,
        thresholds_for,
    )
    from qa.grounding import SupportChecker
    from qa.pipeline import Pipeline
    from qa.report import write_report

    question_files = args.questions or ([] if args.dialogues else
                                        [EVAL_DIR / "dev.jsonl", EVAL_DIR / "test.jsonl"])
    dialogue_files = args.dialogues or ([] if args.questions else
                                        [EVAL_DIR / "dialogues-dev.jsonl", EVAL_DIR / "dialogues-test.jsonl"])
    # Bad input fails before any model loads.
    sets = [(p.stem, "questions", sample(load_questions(p), args.sample)) for p in question_files]
    sets += [(p.stem, "dialogues", sample(load_dialogues(p), args.sample, key=lambda d: ""))
             for p in dialogue_files]
    thresholds = load_thresholds(args.thresholds) if args.check else None
    if args.mode == "extractive":
        config = replace(config, llm="")
    elif args.mode == "generative" and not config.llm:
        raise QAError("--mode generative needs a language model: --llm BACKEND or QA_LLM")
    pipeline = Pipeline.load(config)
    paths = {k: v["path"] for k, v in pipeline.store.manifest.articles.items()}
    checker = SupportChecker(pipeline.embedder)
    args.output.mkdir(parents=True, exist_ok=True)
    evaluations = []
    for name, kind, items in sets:
        questions = items if kind == "questions" else [t for d in items for t in d.turns]
        bar = None
        if not args.quiet:
            from tqdm import tqdm

            bar = tqdm(total=len(questions), desc=name, unit="q", file=sys.stderr)
        step = (lambda i, n, b=bar: b.update(1)) if bar else None
        rows = run(pipeline, items, progress=step) if kind == "questions" else \
            run_dialogues(pipeline, items, progress=step)
        if bar:
            bar.close()
        with (args.output / f"{name}.answers.jsonl").open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        evaluations.append((name, evaluate(questions, rows, checker, paths)))
    mode = f"generative, {config.llm}" if config.llm else "extractive"
    gate = thresholds or _quiet_thresholds(args.thresholds)
    report = write_report(evaluations, args.report, f"Grounding evaluation ({mode})", gate)
    problems = []
    for name, ev in evaluations:
        print(f"{name}: {len(ev.questions) - len(ev.failures())} of {len(ev.questions)} passed")
        width = max(len(r.name) for r in ev.results)
        for r in ev.results:
            value = "-" if r.value is None else (
                f"{r.value:,.0f}" if "latency" in r.name else f"{r.value:.3f}")
            print(f"  {r.name:<{width}}  {value:>8}  (n={r.n})")
        if thresholds is not None:
            problems += [f"{name}: {line}" for line in check(ev, thresholds_for(thresholds, name))]
    print(f"answers: {args.output}; report: {report}")
    if thresholds is not None:
        for line in problems:
            print(f"below threshold: {line}", file=sys.stderr)
        if problems:
            return 1
        print(f"all metrics meet {args.thresholds}")
    return 0


def _quiet_thresholds(path: Path) -> dict | None:
    """The gate's values for the report, when a thresholds file is there; never an error."""
    from qa.evaluation import load_thresholds

    try:
        return load_thresholds(path)
    except QAError:
        return None
