"""The Library tab: the archive by year, every article (read in full, the original beside its
translation), and uploads; and the lists the Ask tab chooses articles and years from."""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import gradio as gr

from qa.errors import QAError
from qa.extract import SUFFIXES
from qa.library import Library
from qa.records import date_label
from qa.render import article_body


def archive_years(library: Library):
    import pandas as pd

    years = Counter((a.get("date") or "undated")[:4] for a in library.articles())
    return pd.DataFrame({"year": sorted(years), "articles": [years[y] for y in sorted(years)]})


def year_span(index) -> tuple[int, int]:
    """The years a selection on the timeline covers: a brushed range of the x axis (two values)
    or one bar."""
    values = index if isinstance(index, (list, tuple)) else [index]
    nums = [float(v) for v in values if str(v).replace(".", "", 1).isdigit()]
    if not nums:
        raise gr.Error("select a dated year")
    import math

    return math.ceil(min(nums) - 0.5), math.floor(max(nums) + 0.5)


def scope_choices(library: Library) -> list[tuple[str, str]]:
    """Each article as "date · title" (shown) and its id (the value)."""
    return [(f"{_dates(a)} · {a['title'][:90]}", a["id"]) for a in library.articles()]


def publication_choices(library: Library) -> list[tuple[str, str]]:
    """"Any publication" and each publication the articles name."""
    return [("Any publication", "")] + [(p, p) for p in library.publications()]


LANGUAGE_CHOICES = [("Any language", ""), ("English", "en"), ("Chinese 中文", "zh")]


def library_rows(library: Library) -> list[list]:
    return [[a["title"], _dates(a), ", ".join(a.get("languages", [])), a.get("chunks", 0),
             a["id"]] for a in library.articles()]


def _dates(entry: dict) -> str:
    return date_label(entry.get("date"), entry.get("date_end"))


def library_tab(library: Library) -> dict:
    """The tab's parts the page wires to the Ask tab: the table, the article being read, the
    button that adds it to the questions' scope, and its removal (which leaves the scope too)."""
    gr.Markdown("Every article in the index. Select a row to read it in full; to ask only it (or it "
                "and others), add it to the Ask tab's “Only these articles”.")
    table = gr.Dataframe(value=library_rows(library), interactive=False, wrap=True, elem_id="articles",
                         headers=["title", "date", "languages", "chunks", "file"],
                         column_widths=["44%", "20%", "10%", "8%", "18%"])
    reading = gr.State("")  # the id of the article shown below the table
    with gr.Row():
        choose = gr.Button("Add to “Only these articles” (Ask tab)", size="sm", elem_id="scope-add",
                           interactive=False)
        unchoose = gr.Button("Ask every article again", size="sm", elem_id="scope-clear")
        drop = gr.Button("Remove from the library…", size="sm", elem_id="remove", interactive=False)
    # Removing asks first: it cannot be undone but by adding the file again.
    with gr.Row(visible=False, elem_id="remove-confirm") as confirm_row:
        confirm_said = gr.Markdown()
        confirm = gr.Button("Remove it", size="sm", variant="stop", elem_id="remove-yes")
        cancel = gr.Button("Keep it", size="sm", elem_id="remove-no")
    chosen = gr.Markdown(elem_id="scope-status")
    viewer = gr.HTML('<p class="muted">No article selected.</p>', elem_id="library-article")
    with gr.Row():
        files = gr.File(label="Add documents (text, PDF, web page, Word, scanned page)",
                        file_count="multiple", type="filepath", file_types=sorted(SUFFIXES),
                        elem_id="upload")
        with gr.Column(scale=0, min_width=220):
            replace_box = gr.Checkbox(False, label="Replace articles of the same name",
                                      info="Off: a file named like an article already here is "
                                           "added under a name of its own", elem_id="replace")
            add = gr.Button("Add to the library", variant="primary", elem_id="add")
    status = gr.Markdown(elem_id="upload-status")

    def show(evt: gr.SelectData, rows):
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        article_id = str(rows.iloc[row, 4] if hasattr(rows, "iloc") else rows[row][4])
        try:
            art = library.article(article_id)
        except QAError as e:
            return (f"<p><b>Error:</b> {html.escape(str(e))}</p>", "", gr.update(interactive=False),
                    gr.update(interactive=False), gr.update(visible=False))
        title = art.title + (f" · {art.title_zh}" if art.title_zh else "")
        meta = [art.date_label, f"by {art.author}" if art.author else "",
                f"from {art.publication}" if art.publication else "",
                f"page {art.page}" if art.page else "", art.id]
        meta_line = html.escape(" · ".join(m for m in meta if m))
        body = f'<h3>{html.escape(title)}</h3><p class="muted">{meta_line}</p>{article_body(art)}'
        return (body, article_id, gr.update(interactive=True), gr.update(interactive=True),
                gr.update(visible=False))

    def ask_first(article_id: str):
        if not article_id:
            return gr.update(visible=False), ""
        title = next((a["title"] for a in library.articles() if a["id"] == article_id), article_id)
        return gr.update(visible=True), (f"Remove “{html.escape(title)}” ({html.escape(article_id)}) "
                                         f"from the index? Its file stays on disk; adding it again brings "
                                         f"it back.")

    def removed(article_id: str, scope: list[str] | None):
        try:
            library.remove([article_id])
            said = f"**Removed:** {article_id} — no answer will quote it now."
        except QAError as e:
            said = f"**Not removed:** {e}"
        scope = [a for a in (scope or []) if a != article_id]
        return (said, library_rows(library), '<p class="muted">No article selected.</p>', "",
                gr.update(interactive=False), gr.update(interactive=False), gr.update(visible=False),
                gr.update(choices=scope_choices(library), value=scope))


    def upload(paths: list[str] | None, replace: bool, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        if not paths:
            return "Choose files first (text, PDF, web page, Word or scanned page).", gr.skip(), gr.skip()
        progress(0, desc="Checking files")
        result = library.add([Path(p) for p in paths], replace=bool(replace))
        lines = []
        if result.added:
            lines.append(f"**Added:** {', '.join(result.added)} — answerable now. ({result.summary})")
        if result.unchanged:
            lines.append(f"**Already in the library, unchanged:** {', '.join(result.unchanged)}")
        for r in result.refused:
            lines.append(f"**Refused:** {r}")
        for n in result.notices:
            lines.append(f"**Note:** {n}")
        if not result.added:
            lines.append("Nothing in the index changed.")
        return "\n\n".join(lines), library_rows(library), None

    table.select(show, [table], [viewer, reading, choose, drop, confirm_row], api_visibility="private")
    add.click(upload, [files, replace_box], [status, table, files], api_visibility="private")
    drop.click(ask_first, [reading], [confirm_row, confirm_said], api_visibility="private")
    cancel.click(lambda: gr.update(visible=False), None, confirm_row, api_visibility="private")
    return {"table": table, "reading": reading, "choose": choose, "unchoose": unchoose, "chosen": chosen,
            "confirm": confirm, "removed": removed, "status": status, "viewer": viewer, "drop": drop,
            "confirm_row": confirm_row}


def add_to_scope(library: Library, article_id: str, scope: list[str] | None) -> tuple[list[str], str]:
    """The article read in the Library joins the articles the questions may use."""
    scope = list(scope or [])
    if article_id and article_id not in scope:
        scope.append(article_id)
    return scope, scope_said(library, scope)


def scope_said(library: Library, scope: list[str] | None) -> str:
    if not scope:
        return "Questions use every article."
    titles = {a["id"]: a["title"] for a in library.articles()}
    named = "; ".join(f"“{titles.get(a, a)}”" for a in scope)
    return (f"Questions on the Ask tab now use only {len(scope)} article{'s' * (len(scope) > 1)}: "
            f"{html.escape(named)}")
