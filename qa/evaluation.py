"""The grounding evaluation: run every question through `Pipeline.ask` (the `qa ask` path), score
the answers, and gate them against committed thresholds."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa.errors import QAError
from qa.grounding import SupportChecker
from qa.metrics import (
    EvalQuestion,
    Metric,
    MetricResult,
    PremiseNotAsserted,
    as_row,
    default_metrics,
    includes_all,
)

if TYPE_CHECKING:
    from qa.pipeline import Pipeline

REQUIRED = ("id", "question", "category", "answerable")


def _question(obj: dict, where: str) -> EvalQuestion:
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        raise QAError(f"{where}: missing {', '.join(missing)}")
    must = obj.get("must_include", [])
    if not (isinstance(must, list) and all(isinstance(g, list) and g and
                                           all(isinstance(a, str) for a in g) for g in must)):
        raise QAError(f"{where}: must_include must be a list of non-empty lists of strings")
    return EvalQuestion(str(obj["id"]), str(obj["question"]), str(obj["category"]), bool(obj["answerable"]),
                        [str(s) for s in obj.get("sources", [])], must)


def _json_lines(path: Path, kind: str) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; a file or line that is not JSON objects is a
    one-line error naming it."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise QAError(f"{path}: no such {kind} file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise QAError(f"{path}: cannot be read as UTF-8 text ({e.__class__.__name__})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise QAError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise QAError(f"{path}:{n}: expected a JSON object")
        yield n, obj


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read the JSON-lines eval set; any malformed line is a one-line error naming it."""
    out: list[EvalQuestion] = []
    seen: set[str] = set()
    for n, obj in _json_lines(path, "questions"):
        q = _question(obj, f"{path}:{n}")
        if q.id in seen:
            raise QAError(f"{path}:{n}: duplicate id {q.id!r}")
        seen.add(q.id)
        out.append(q)
    if not out:
        raise QAError(f"{path}: no questions")
    return out


def sample(items: list, n: int, key=lambda item: getattr(item, "category", "")) -> list:
    """At most n items, drawn by category in proportion (seeded, so a run can be repeated): a
    long run, such as the generative mode on a laptop, measured on a fair share of each kind."""
    import random

    if n <= 0 or n >= len(items):
        return items
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    rng = random.Random(0)
    picked = []
    for _, group in sorted(groups.items()):
        share = max(1, round(n * len(group) / len(items)))
        picked += rng.sample(group, min(share, len(group)))
    order = {id(item): i for i, item in enumerate(items)}
    return sorted(picked[:n], key=lambda item: order[id(item)])


@dataclass
class Dialogue:
    id: str
    turns: list[EvalQuestion]  # turn ids are "<dialogue id>#<n>", n from 1


def load_dialogues(path: Path) -> list[Dialogue]:
    """JSON lines of {"id", "turns": [question objects without ids]}; a malformed line is a
    one-line error naming it."""
    out: list[Dialogue] = []
    for n, obj in _json_lines(path, "dialogues"):
        if "id" not in obj or not isinstance(obj.get("turns"), list) or not obj["turns"]:
            raise QAError(f"{path}:{n}: expected {{\"id\", \"turns\": [...]}} with at least one turn")
        turns = []
        for i, t in enumerate(obj["turns"], 1):
            if not isinstance(t, dict):
                raise QAError(f"{path}:{n}: turn {i} is not a JSON object")
            turn = {"category": "followup" if i > 1 else "first", **t, "id": f"{obj['id']}#{i}"}
            turns.append(_question(turn, f"{path}:{n}: turn {i}"))
        out.append(Dialogue(str(obj["id"]), turns))
    if not out:
        raise QAError(f"{path}: no dialogues")
    return out


def run_dialogues(pipeline: Pipeline, dialogues: list[Dialogue],
                  progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Each conversation turn by turn, as `qa chat --json` answers it: the follow-up is
    understood against the conversation, then asked through `Pipeline.ask`."""
    from qa.conversation import Conversation

    rows = []
    total = sum(len(d.turns) for d in dialogues)
    done = 0
    for d in dialogues:
        conv = Conversation(century=pipeline.century)
        for q in d.turns:
            t0 = time.perf_counter()
            understood = conv.understand(q.question, pipeline.llm)
            row = _ask(pipeline, q, t0, understood.text,
                       understood.asking(pipeline.config.since, pipeline.config.until))
            row["understood_as"] = understood.text
            if "_answer" in row:
                conv.remember(row.pop("_answer"))
            rows.append(row)
            done += 1
            if progress:
                progress(done, total)
    return rows


def _ask(pipeline: Pipeline, q: EvalQuestion, t0: float, text: str | None = None,
         asking: dict | None = None) -> dict:
    """One question (or one understood turn, with the arguments it is asked with) as an eval row."""
    try:
        answer = pipeline.ask(text or q.question, None, **(asking or {}))
        obj, retrieved = answer.to_dict(), [p.chunk.article_id for p in answer.passages]
    except QAError as e:
        obj = {"question": q.question, "answer": f"error: {e}", "refused": True, "citations": [],
               "timings_ms": {}}
        retrieved, answer = [], None
    row = as_row(obj, q.id, (time.perf_counter() - t0) * 1000, retrieved)
    if answer is not None:
        row["_answer"] = answer
    return row


def run(pipeline: Pipeline, questions: list[EvalQuestion],
        progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Answer every question as `qa ask --json` would; a question the pipeline rejects (empty,
    too long) is recorded as a refusal with its error, not fatal."""
    rows = []
    for i, q in enumerate(questions, 1):
        row = _ask(pipeline, q, time.perf_counter())
        row.pop("_answer", None)
        rows.append(row)
        if progress:
            progress(i, len(questions))
    return rows


@dataclass
class Evaluation:
    questions: list[EvalQuestion]
    rows: dict[str, dict]
    metrics: list[Metric]
    results: list[MetricResult]

    def result(self, name: str) -> MetricResult:
        return next(r for r in self.results if r.name == name)

    def table(self) -> dict[str, float | None]:
        return {r.name: r.value for r in self.results}

    @property
    def pass_rate(self) -> float:
        return (len(self.questions) - len(self.failures())) / max(len(self.questions), 1)

    def passed(self, q: EvalQuestion) -> bool:
        """Did this question come out right: the category's outcome, every citation valid and
        every answer sentence supported?"""
        row = self.rows[q.id]
        if q.false_premise:
            ok = bool(PremiseNotAsserted().score(q, row))
        elif not q.answerable:
            ok = row["refused"]
        else:
            ok = not row["refused"] and includes_all(row["answer"], q.must_include)
        for name in ("citation recall", "quote validity"):
            v = self.result(name).per_question.get(q.id)
            ok = ok and (v is None or v == 1.0)
        return ok

    def by_category(self) -> dict[str, dict[str, float | int | None]]:
        cats: dict[str, list[EvalQuestion]] = {}
        for q in self.questions:
            cats.setdefault(q.category, []).append(q)
        out = {}
        for cat, qs in cats.items():
            row: dict[str, float | int | None] = {"questions": len(qs),
                                                  "passed": sum(self.passed(q) for q in qs) / len(qs)}
            for name in ("hit@3", "citation recall", "citation precision"):
                vals = [v for q in qs if (v := self.result(name).per_question.get(q.id)) is not None]
                row[name] = sum(vals) / len(vals) if vals else None
            out[cat] = row
        return out

    def failures(self) -> list[EvalQuestion]:
        return [q for q in self.questions if not self.passed(q)]


def evaluate(questions: list[EvalQuestion], rows: list[dict], checker: SupportChecker,
             source_paths: dict[str, str]) -> Evaluation:
    by_id = {r["id"]: r for r in rows}
    metrics = default_metrics(checker, source_paths)
    results = [m.compute(questions, by_id) for m in metrics]
    return Evaluation(questions, by_id, metrics, results)


def thresholds_for(thresholds: dict[str, dict], name: str) -> dict[str, dict[str, float]]:
    """The gate of one set: its own section ({"dev": {"metric": {"min": ...}}}), else the
    metrics given at the top level for every set."""
    if name in thresholds:
        return thresholds[name]
    return {k: v for k, v in thresholds.items() if "min" in v or "max" in v}


def check(evaluation: Evaluation, thresholds: dict[str, dict[str, float]]) -> list[str]:
    """Each metric below its minimum (or above its maximum), as a line; empty when all pass."""
    table = {**evaluation.table(), "passed": evaluation.pass_rate}
    problems = []
    for name, value in table.items():
        bound = thresholds.get(name)
        if not bound or value is None:
            continue
        if "min" in bound and value < bound["min"]:
            problems.append(f"{name} {value:.3f} is below its minimum {bound['min']}")
        if "max" in bound and value > bound["max"]:
            problems.append(f"{name} {value:.1f} is above its maximum {bound['max']}")
    unknown = sorted(set(thresholds) - set(table))
    if unknown:
        problems.append(f"thresholds name unknown metrics: {', '.join(unknown)}")
    return problems


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QAError(f"{path}: no such thresholds file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise QAError(f"{path}: not a JSON thresholds file ({e.__class__.__name__})") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for k, v in data.items()
                                             if not k.startswith("_")):
        raise QAError(f'{path}: expected {{"metric": {{"min": value}}, ...}}')
    return {k: v for k, v in data.items() if not k.startswith("_")}

