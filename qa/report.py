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


def write_report(ev: Evaluation, out_dir: Path, title: str, thresholds: dict | None = None) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_chart(ev, out_dir / CHART)
    failures = ev.failures()
    table = ev.table()
    lines = [f"# {title}", "",
             f"{len(ev.questions)} questions, {len(ev.questions) - len(failures)} passed, "
             f"{len(failures)} failed. Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by "
             "`qa eval`; every answer came from the same code path as `qa ask`.", "",
             "Headline: " + ", ".join(f"{k} **{_fmt(table[k], k)}**" for k in
                                      ("hit@3", "correctness", "citation recall", "refusal recall")
                                      if k in table) + ".", ""]

    lines += [f"## Failing questions ({len(failures)})", ""]
    if not failures:
        lines += ["None.", ""]
    for q in failures:
        row = ev.rows[q.id]
        expected = ("a refusal" if not q.answerable and not q.must_include else
                    ("a refusal, or " if not q.answerable else "")
                    + " and ".join("one of " + " / ".join(f"“{a}”" for a in g) for g in q.must_include))
        lines += [f"### {q.id} ({q.category})", "",
                  f"- **Question:** {q.question}",
                  f"- **Expected:** {expected}" + (f" from {', '.join(q.sources)}" if q.sources else ""),
                  f"- **Answer{' (refused)' if row['refused'] else ''}:** {_cell(row['answer'])}"]
        for c in row["citations"]:
            lines.append(f"  - [{c['n']}] {c['title']} ({c['date'] or 'undated'}), {c['source']} "
                         f"{c['start']}–{c['end']}: “{_cell(c['quote'])}”")
        cr = ev.result("citation recall").per_question.get(q.id)
        if cr is not None and cr < 1:
            lines.append(f"  - citation recall {cr:.2f}: a sentence is not supported by what it cites")
        lines.append("")

    lines += ["## Metrics", "", "| metric | value | n | gate | definition |", "|---|---|---|---|---|"]
    for m, r in zip(ev.metrics, ev.results, strict=True):
        bound = (thresholds or {}).get(r.name, {})
        gate = f"≥ {bound['min']}" if "min" in bound else (f"≤ {bound['max']}" if "max" in bound else "")
        lines.append(f"| {r.name} | {_fmt(r.value, r.name)} | {r.n} | {gate} | {m.definition} |")
    lines += ["", "## By category", "",
              "“passed”: the category's outcome (a correct answer; a refusal; a false premise refused or "
              "corrected) with every citation valid and every sentence supported.", "",
              "| category | questions | passed | hit@3 | citation recall | citation precision |",
              "|---|---|---|---|---|---|"]
    for cat, row in ev.by_category().items():
        lines.append(f"| {cat} | {row['questions']} | {_fmt(row['passed'])} | {_fmt(row['hit@3'])} | "
                     f"{_fmt(row['citation recall'])} | {_fmt(row['citation precision'])} |")
    lines += ["", f"![Passed, citation recall and precision by category]({CHART})", ""]
    path = out_dir / "REPORT.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_chart(ev: Evaluation, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display; the chart is a file
    import matplotlib.pyplot as plt
    import numpy as np

    cats = ev.by_category()
    names = list(cats)
    series = [("passed", "#3b6ea5", "correct (passed)"), ("citation recall", "#6aa84f", "citation recall"),
              ("citation precision", "#e69138", "citation precision")]
    x = np.arange(len(names))
    width = 0.26
    fig, ax = plt.subplots(figsize=(9, 4), dpi=110)
    for i, (key, color, label) in enumerate(series):
        vals = [cats[c][key] if cats[c][key] is not None else 0.0 for c in names]
        bars = ax.bar(x + (i - 1) * width, vals, width, label=label, color=color)
        for b, c in zip(bars, names, strict=True):
            if cats[c][key] is None:  # refused answers have no sentences to cite
                ax.text(b.get_x() + b.get_width() / 2, 0.02, "n/a", ha="center", fontsize=7, rotation=90)
    ax.set_xticks(x, [n.replace("_", " ") for n in names], rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share")
    ax.set_title("Grounding evaluation by category")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
