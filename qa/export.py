"""A conversation written out for a historian's notes: Markdown with each quote as a footnote
(title, date, file, offsets), and its sources as BibLaTeX, RIS and CSL-JSON beside it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from qa.citing import Reference, render
from qa.records import Answer, Article


def markdown(answers: list[Answer], title: str = "Handicraft QA conversation") -> str:
    """Each question and answer; the answer's [n] become footnotes numbered through the whole
    conversation, each giving the quote and where it stands."""
    lines, notes, k = [f"# {title}", ""], [], 0
    for a in answers:
        lines.append(f"**Q:** {a.question}")
        lines.append("")
        number = {}
        for c in a.citations:
            k += 1
            number[c.n] = k
            where = f"{c.title}, {c.date or 'undated'}, {c.source}, chars {c.start}–{c.end}"
            notes.append(f"[^{k}]: “{' '.join(c.quote.split())}” — {where}.")
        text = re.sub(r"\[(\d+)\]", lambda m, number=number: f"[^{number[int(m.group(1))]}]"
                      if int(m.group(1)) in number else m.group(0), a.answer)
        lines.append(("*" + text + "*") if a.refused else text)
        lines.append("")
        if a.notice:
            lines += [f"*({a.notice})*", ""]
        for d in a.disagreements:
            # Each differing figure footnoted like a quote: where it stands is what a reader checks.
            said = []
            for c in d.claims:
                k += 1
                where = f"{c.title}, {c.date or 'undated'}, {c.source}, chars {c.start}–{c.end}"
                notes.append(f"[^{k}]: “{' '.join(c.quote.split())}” — {where}.")
                said.append(f"{c.value} ({c.title}, {c.date or 'undated'})[^{k}]")
            lines += [f"> **Sources differ** ({d.what}): " + "; ".join(said), ""]
    return "\n".join(lines + notes) + "\n"


def write(path: Path, answers: list[Answer], article: Callable[[str], Article]) -> list[Path]:
    """PATH (Markdown) and, beside it, PATH's stem .bib, .ris and .json with the sources cited.
    Nothing existing is overwritten silently: the caller names the file."""
    path = Path(path)
    sources = list(dict.fromkeys(c.source for a in answers for c in a.citations))
    refs = [Reference.of(article(s)) for s in sources]
    written = [path]
    path.write_text(markdown(answers), encoding="utf-8")
    for suffix, fmt in ((".bib", "biblatex"), (".ris", "ris"), (".json", "csl-json")):
        target = path.with_suffix(suffix)
        target.write_text(render(refs, fmt) if refs else "", encoding="utf-8")
        written.append(target)
    return written
