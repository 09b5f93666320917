"""The Search tab: exact words and phrases in context (qa.search), hits per year as a chart, each
hit opening its article at the hit."""

from __future__ import annotations

import html

import gradio as gr

from qa.errors import QAError
from qa.library import Library
from qa.render import search_html


def search_tab(library: Library) -> None:
    gr.Markdown('Exact words and "quoted phrases", in English or Chinese; every hit in its context, '
                "oldest first, with how often per year.")
    with gr.Row():
        query = gr.Textbox(placeholder='e.g. "active leadership" or 合作社', show_label=False, scale=4,
                           elem_id="search-query")
        since = gr.Textbox(placeholder="from YYYY[-MM[-DD]]", show_label=False, scale=1,
                           elem_id="search-since")
        until = gr.Textbox(placeholder="to YYYY[-MM[-DD]]", show_label=False, scale=1,
                           elem_id="search-until")
        go = gr.Button("Search", variant="primary", scale=1, elem_id="search-go")
    per_year = gr.BarPlot(x="year", y="hits", title="Hits per year", height=220, elem_id="search-years",
                          y_lim=[0, None])
    hits = gr.HTML(elem_id="search-hits")

    def run(q: str, since_v: str, until_v: str):
        import pandas as pd

        from qa.search import search

        try:
            library.refresh()
            with library.lock.read():
                store = library.pipeline.store
                result = search(store, q or "", since_v.strip() or None, until_v.strip() or None)
                arts = {s: store.article(s) for s in dict.fromkeys(h.source for h in result.hits[:50])}
        except QAError as e:
            return gr.skip(), f"<p><b>Error:</b> {html.escape(str(e))}</p>"
        frame = pd.DataFrame({"year": list(result.per_year), "hits": list(result.per_year.values())})
        return frame, search_html(result, arts)

    for trigger in (query.submit, go.click):
        trigger(run, [query, since, until], [per_year, hits], api_visibility="private")
