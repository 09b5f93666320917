"""Evaluation metrics, one class per metric, each defined in one sentence.

Every metric reads the same inputs — the eval questions and the answer rows `qa eval` writes
(the `qa ask --json` object plus id, latency_ms and the ranked sources retrieved) — and returns
its value plus a per-question verdict, so a report can break it down by category and a test can
call it on hand-made rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.corpus import UnreadableFile, read_article
from qa.grounding import SupportChecker


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    category: str
    answerable: bool
    sources: list[str]
    must_include: list[list[str]]

    @property
    def false_premise(self) -> bool:
        return self.category.replace("-", "_").replace(" ", "_").lower() == "false_premise"


@dataclass
class MetricResult:
    name: str
    value: float | None  # None when no question applies
    n: int  # how many questions (or sentences, citations) it was computed over
    per_question: dict[str, float] = field(default_factory=dict)


class Metric:
    name: str = ""
    definition: str = ""

    def compute(self, questions: list[EvalQuestion], rows: dict[str, dict]) -> MetricResult:
        scores = {q.id: s for q in questions if (s := self.score(q, rows[q.id])) is not None}
        value = float(np.mean(list(scores.values()))) if scores else None
        return MetricResult(self.name, value, len(scores), scores)

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        """This question's score in [0, 1], or None when the metric does not apply to it."""
        raise NotImplementedError


def includes_all(text: str, must_include: list[list[str]]) -> bool:
    """At least one alternative of every group occurs in the text (case-insensitive)."""
    low = text.lower()
    return all(any(alt.lower() in low for alt in group) for group in must_include)


def gold_rank(q: EvalQuestion, row: dict) -> int | None:
    """1-based rank of the first retrieved passage from a gold article."""
    for i, src in enumerate(row.get("retrieved", []), 1):
        if src in q.sources:
            return i
    return None


# --- retrieval ----------------------------------------------------------------------------------
class HitAtK(Metric):
    def __init__(self, k: int) -> None:
        self.k = k
        self.name = f"hit@{k}"
        self.definition = (f"Share of answerable questions with a passage from a gold article among the "
                           f"top {k} retrieved.")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if not (q.answerable and q.sources):
            return None
        r = gold_rank(q, row)
        return float(r is not None and r <= self.k)


class MRR(Metric):
    name = "MRR"
    definition = ("Mean over answerable questions of 1/rank of the first passage from a gold article "
                  "(0 if none).")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if not (q.answerable and q.sources):
            return None
        r = gold_rank(q, row)
        return 1.0 / r if r else 0.0


# --- answers ------------------------------------------------------------------------------------
class Correctness(Metric):
    name = "correctness"
    definition = ("Share of answerable questions answered (not refused) with at least one alternative "
                  "of every must_include group in the answer text.")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if not q.answerable:
            return None
        return float(not row["refused"] and includes_all(row["answer"], q.must_include))


class RefusalPrecision(Metric):
    name = "refusal precision"
    definition = "Share of refusals that were made on questions the articles cannot answer."

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        return float(not q.answerable) if row["refused"] else None


class RefusalRecall(Metric):
    name = "refusal recall"
    definition = "Share of questions the articles cannot answer (false premises included) that were refused."

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        return None if q.answerable else float(row["refused"])


class PremiseNotAsserted(Metric):
    name = "false premise not asserted"
    definition = ("Share of false-premise questions that were refused, or answered with the correcting "
                  "passage (its must_include groups, when given).")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if not q.false_premise:
            return None
        if row["refused"]:
            return 1.0
        return float(bool(q.must_include) and includes_all(row["answer"], q.must_include))


# --- citations (ALCE) ---------------------------------------------------------------------------
_CITED_SENTENCE = re.compile(r"(.+?)((?:\s*\[\d+\])+)", re.S)


def cited_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """The answer's statements, each with the citation numbers that follow it; text after the
    last marker is a statement with no citation."""
    out, pos = [], 0
    for m in _CITED_SENTENCE.finditer(answer):
        text = m.group(1).strip()
        if text:
            out.append((text, [int(n) for n in re.findall(r"\d+", m.group(2))]))
        pos = m.end()
    tail = answer[pos:].strip()
    if re.search(r"\w", tail):
        out.append((tail, []))
    return out


class _CitationMetric(Metric):
    """Shared by ALCE's recall and precision: both judge answered questions sentence by sentence."""

    def __init__(self, checker: SupportChecker) -> None:
        self.checker = checker

    def _statements(self, row: dict) -> list[tuple[str, list[str]]]:
        quotes = {c["n"]: c["quote"] for c in row["citations"]}
        return [(s, [quotes[n] for n in ns if n in quotes]) for s, ns in cited_sentences(row["answer"])]

    def _supported(self, sentence: str, quotes: list[str]) -> bool:
        return bool(quotes) and self.checker.check(sentence, "\n".join(quotes)).supported


class CitationRecall(_CitationMetric):
    name = "citation recall"
    definition = ("Share of answer sentences (of non-refused answers) that the passages they cite, "
                  "together, support.")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if row["refused"]:
            return None
        st = self._statements(row)
        return float(np.mean([self._supported(s, qs) for s, qs in st])) if st else 0.0


class CitationPrecision(_CitationMetric):
    name = "citation precision"
    definition = ("Share of citations that support their sentence alone, or that the sentence's support "
                  "needs (ALCE: removing it breaks support).")

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        if row["refused"]:
            return None
        verdicts = []
        for s, qs in self._statements(row):
            together = self._supported(s, qs)
            for i, quote in enumerate(qs):
                alone = self._supported(s, [quote])
                rest = qs[:i] + qs[i + 1:]
                needed = together and not self._supported(s, rest)
                verdicts.append(alone or needed)
        return float(np.mean(verdicts)) if verdicts else None


class QuoteValidity(Metric):
    name = "quote validity"
    definition = "Share of citations whose quote is found verbatim at its offsets in its source file."

    def __init__(self, source_paths: dict[str, str]) -> None:
        self.source_paths = source_paths
        self._texts: dict[str, str | None] = {}

    def _text(self, source: str) -> str | None:
        if source not in self._texts:
            path = self.source_paths.get(source)
            try:
                self._texts[source] = read_article(Path(path)).text if path else None
            except UnreadableFile:
                self._texts[source] = None
        return self._texts[source]

    def score(self, q: EvalQuestion, row: dict) -> float | None:
        cites = row["citations"]
        if not cites:
            return None
        ok = [(t := self._text(c["source"])) is not None and t[c["start"]:c["end"]] == c["quote"]
              for c in cites]
        return float(np.mean(ok))


class Latency(Metric):
    def __init__(self, percentile: int) -> None:
        self.percentile = percentile
        self.name = f"latency p{percentile} (ms)"
        self.definition = f"The {percentile}th percentile of the time to answer one question, end to end."

    def compute(self, questions: list[EvalQuestion], rows: dict[str, dict]) -> MetricResult:
        lat = {q.id: rows[q.id]["latency_ms"] for q in questions}
        value = float(np.percentile(list(lat.values()), self.percentile)) if lat else None
        return MetricResult(self.name, value, len(lat), lat)


def default_metrics(checker: SupportChecker, source_paths: dict[str, str]) -> list[Metric]:
    return [HitAtK(1), HitAtK(3), HitAtK(5), MRR(), Correctness(), CitationRecall(checker),
            CitationPrecision(checker), QuoteValidity(source_paths), RefusalPrecision(), RefusalRecall(),
            PremiseNotAsserted(), Latency(50), Latency(95)]


def as_row(answer: dict[str, Any], qid: str, latency_ms: float, retrieved: list[str]) -> dict[str, Any]:
    """One line of `qa eval` output: the `qa ask --json` object plus id, latency and retrieval."""
    return {"id": qid, **answer, "latency_ms": round(latency_ms, 1), "retrieved": retrieved}
