"""The evaluation report: REPORT.md (failing questions first, then the tables) and a PNG chart."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from qa.evaluation import Evaluation

CHART = "chart.png"


def _fmt(value: float | int | None, name: str = "") -> str:
    if value is None:
        return "–"
    if "latency" in name:
        return f"{value:,.0f}"
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


_OVERVIEW = ("hit@3", "correctness", "refusal precision", "refusal recall", "false premise not asserted",
             "quote validity", "citation recall", "latency p50 (ms)", "latency p95 (ms)")


def write_report(evaluations: list[tuple[str, Evaluation]], out_dir: Path, title: str,
                 thresholds: dict | None = None) -> Path:
    """One report for every set evaluated (the dev and test splits, their dialogues): an overview,
    the share passed by category side by side, then each set's metrics and failures."""
    from qa.evaluation import thresholds_for

    out_dir.mkdir(parents=True, exist_ok=True)
    write_chart(evaluations, out_dir / CHART)
    names = [n for n, _ in evaluations]
    lines = [f"# {title}", "",
             f"Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `qa eval`; every answer came from the "
             "same code path as `qa ask` (dialogue turns: as `qa chat` understands them). Tune on the "
             "dev split only; the test split is read to report.", "",
             "| set | questions | passed | " + " | ".join(_OVERVIEW) + " |",
             "|---|---|---|" + "---|" * len(_OVERVIEW)]
    for name, ev in evaluations:
        table = ev.table()
        lines.append(f"| {name} | {len(ev.questions)} | **{ev.pass_rate:.3f}** | "
                     + " | ".join(_fmt(table.get(k), k) for k in _OVERVIEW) + " |")
    cats: dict[str, dict[str, tuple[int, float]]] = {}
    for name, ev in evaluations:
        for cat, row in ev.by_category().items():
            cats.setdefault(cat, {})[name] = (int(row["questions"]), float(row["passed"]))
    lines += ["", "## Passed by category", "",
              "“passed”: the category's outcome (a correct answer; a refusal; a false premise refused or "
              "corrected) with every citation valid and every sentence supported.", "",
              "| category | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for cat, per in cats.items():
        lines.append(f"| {cat} | " + " | ".join(
            f"{per[n][1]:.2f} ({round(per[n][1] * per[n][0])}/{per[n][0]})" if n in per else "–"
            for n in names) + " |")
    lines += ["", f"![Passed by category and set]({CHART})", ""]
    for name, ev in evaluations:
        lines += _set_section(name, ev, thresholds_for(thresholds, name) if thresholds else None)
    path = out_dir / "REPORT.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _set_section(name: str, ev: Evaluation, thresholds: dict | None) -> list[str]:
    failures = ev.failures()
    lines = [f"## {name}: {len(ev.questions) - len(failures)} of {len(ev.questions)} passed", "",
             "| metric | value | n | gate | definition |", "|---|---|---|---|---|"]
    bound = (thresholds or {}).get("passed", {})
    lines.append(f"| passed | {ev.pass_rate:.3f} | {len(ev.questions)} | "
                 f"{'≥ ' + str(bound['min']) if 'min' in bound else ''} | share of questions passed |")
    for m, r in zip(ev.metrics, ev.results, strict=True):
        bound = (thresholds or {}).get(r.name, {})
        gate = f"≥ {bound['min']}" if "min" in bound else (f"≤ {bound['max']}" if "max" in bound else "")
        lines.append(f"| {r.name} | {_fmt(r.value, r.name)} | {r.n} | {gate} | {m.definition} |")
    lines += ["", f"### {name}: failing questions ({len(failures)})", ""]
    if not failures:
        lines += ["None.", ""]
    for q in failures:
        row = ev.rows[q.id]
        expected = ("a refusal" if not q.answerable and not q.must_include else
                    ("a refusal, or " if not q.answerable else "")
                    + " and ".join("one of " + " / ".join(f"“{a}”" for a in g) for g in q.must_include))
        lines += [f"#### {q.id} ({q.category})", "", f"- **Question:** {q.question}"]
        if row.get("understood_as") and row["understood_as"] != q.question:
            lines.append(f"- **Understood as:** {row['understood_as']}")
        lines += [f"- **Expected:** {expected}" + (f" from {', '.join(q.sources)}" if q.sources else ""),
                  f"- **Answer{' (refused)' if row['refused'] else ''}:** {_cell(row['answer'])}"]
        for c in row["citations"]:
            lines.append(f"  - [{c['n']}] {c['title']} ({c['date'] or 'undated'}), {c['source']} "
                         f"{c['start']}–{c['end']}: “{_cell(c['quote'])}”")
        cr = ev.result("citation recall").per_question.get(q.id)
        if cr is not None and cr < 1:
            lines.append(f"  - citation recall {cr:.2f}: a sentence is not supported by what it cites")
        lines.append("")
    return lines


def write_chart(evaluations: list[tuple[str, Evaluation]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display; the chart is a file
    import matplotlib.pyplot as plt
    import numpy as np

    cats: list[str] = []
    for _, ev in evaluations:
        cats += [c for c in ev.by_category() if c not in cats]
    x = np.arange(len(cats))
    width = 0.8 / max(len(evaluations), 1)
    colors = ["#3b6ea5", "#e69138", "#6aa84f", "#a64d79", "#888888"]
    fig, ax = plt.subplots(figsize=(11, 4), dpi=110)
    for i, (name, ev) in enumerate(evaluations):
        by = ev.by_category()
        vals = [float(by[c]["passed"]) if c in by else 0.0 for c in cats]
        ax.bar(x + (i - (len(evaluations) - 1) / 2) * width, vals, width, label=name,
               color=colors[i % len(colors)])
    ax.set_xticks(x, [c.replace("_", " ") for c in cats], rotation=25, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share passed")
    ax.set_title("Grounding evaluation: passed by category and set")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=len(evaluations), fontsize=8,
              frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
