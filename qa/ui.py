"""The Gradio web UI: a chat that shows its sources, and the library of articles.

It answers through `Library.ask`, which is `Pipeline.ask` — the CLI's code path. Per-session
state (the conversation, for follow-ups) lives in gr.State; the one shared object, the Library,
is read under a lock and replaced only by an upload.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from pathlib import Path

import gradio as gr

from qa.conversation import Conversation
from qa.errors import QAError
from qa.library import Library
from qa.records import Article
from qa.render import answer_html, article_body, passages_table, search_html

EXAMPLES = [
    "How many people were organized into handicraft production cooperatives by the end of 1954?",
    "When did the Fourth National Handicraft Work Conference conclude?",
    "What did Liu Shaoqi say about nationalizing handicraft production cooperatives?",
    "一九五五年手工业生产合作社社员要发展到多少人？",
    "第五次手工业生产合作会议确定在什么时期基本完成手工业合作化？",
]

# Chinese needs a font that has it: these are the usual ones (Debian: fonts-noto-cjk; macOS:
# PingFang; Windows: Microsoft YaHei); nothing is downloaded.
CJK_SANS = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei'"
CJK_SERIF = "'Noto Serif CJK SC', 'Noto Serif SC', 'Source Han Serif SC', 'Songti SC', 'SimSun'"

CSS = """
body, .gradio-container { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, CJK_SANS, sans-serif; }
.qa-text { font-size: 1.02rem; line-height: 1.55; }
.qa-text sup.cite { color: #8a4b08; font-weight: 600; }
.qa-refusal .qa-text { color: #7a2e0e; font-style: italic; border-left: 4px solid #d97706;
  padding-left: .6rem; }
.cards-label { margin: .7rem 0 .3rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .06em;
  color: #6b7280; }
.qa-refusal .cards-label { color: #b45309; }
.card { border: 1px solid #e5e0d5; background: #fffdf8; border-radius: 8px; padding: .55rem .7rem;
  margin-bottom: .5rem; }
.qa-refusal .card { background: #fbf7ef; border-style: dashed; }
.card-head .n { color: #8a4b08; font-weight: 700; }
.card-head .title { font-weight: 600; }
.card-meta { font-size: .8rem; color: #6b7280; }
.card blockquote.quote { margin: .4rem 0; padding-left: .6rem; border-left: 3px solid #c9b88f;
  font-family: Georgia, CJK_SERIF, serif; }
.card .parallel { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
.card blockquote.translation { border-left-color: #9ca3af; color: #374151; }
mark.hit { background: #fde68a; padding: 0 1px; }
mark.passage { background: #fef3c7; outline: 2px solid #f59e0b; }
details.article summary, details.cite summary { cursor: pointer; color: #1d4ed8; font-size: .85rem; }
details.cite pre { white-space: pre-wrap; font-size: .78rem; background: #f8f6f0; padding: .3rem .5rem;
  margin: .2rem 0 .5rem; }
.cite-head { font-size: .8rem; color: #6b7280; }
button.copy-cite { font-size: .75rem; border: 1px solid #d1d5db; border-radius: 4px; padding: 0 .4rem;
  margin-left: .4rem; background: #fff; cursor: pointer; }
.qa-notice { font-size: .85rem; color: #92400e; margin-top: .3rem; }
details.dropped { font-size: .85rem; color: #6b7280; margin-top: .3rem; }
details.dropped .why { color: #b91c1c; }
.article-text { max-height: 22rem; overflow-y: auto; white-space: normal;
  font-family: Georgia, CJK_SERIF, serif; font-size: .9rem; line-height: 1.5; border-top: 1px solid #eee;
  margin-top: .4rem; padding-top: .4rem; }
.article-text.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
#library-article .article-text { max-height: 40rem; }
#passages { overflow-x: auto !important; max-width: 100%; }
.search-summary { font-weight: 600; }
.kwic { border-bottom: 1px solid #eee; padding: .35rem 0; }
.kwic-meta { font-size: .8rem; color: #6b7280; }
.kwic-line { font-family: Georgia, CJK_SERIF, serif; }
table.passages { font-size: .8rem; border-collapse: collapse; width: 100%; }
table.passages td, table.passages th { border-bottom: 1px solid #eee; padding: .25rem .4rem;
  vertical-align: top; }
/* A phone: the chat leaves room for the question box on the first screen; cards stack. */
@media (max-width: 640px) {
  #chat { height: 52vh !important; max-height: 52vh !important; }
  .card .parallel, .article-text.two { grid-template-columns: 1fr; }
}
""".replace("CJK_SANS", CJK_SANS).replace("CJK_SERIF", CJK_SERIF)

# After an answer: its first line in view (its cards below it), not the last card.
# Run after the chat has drawn the final message (and its own scroll to the bottom is done).
SHOW_ANSWER = """() => { setTimeout(() => {
  const all = document.querySelectorAll('#chat .qa-answer, #chat .qa-refusal');
  const last = all[all.length - 1];
  if (!last) return;
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 2
                  && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  if (!box) { last.scrollIntoView({block: 'start'}); return; }
  // A little of the question above stays visible: the answer is read under what it answers.
  box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 56;
}, 250); }"""

# Opening a source card's article brings its highlighted passage into view; a card's "Copy"
# puts the reference beside it on the clipboard (and says so on the button).
HEAD = """<script>
document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('button.copy-cite');
  if (!b) return;
  var text = b.closest('.cite-form').querySelector('pre').textContent;
  var done = function () {
    b.textContent = 'Copied';
    setTimeout(function () { b.textContent = 'Copy'; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    var t = document.createElement('textarea'); t.value = text; document.body.appendChild(t);
    t.select(); document.execCommand('copy'); t.remove(); done();
  }
}, true);
document.addEventListener('toggle', function (e) {
  var d = e.target;
  if (!d.matches || !d.matches('details.article') || !d.open) return;
  var m = d.querySelector('mark.passage');
  if (m) m.scrollIntoView({block: 'center'});
}, true);
</script>"""


def build(library: Library) -> gr.Blocks:
    with gr.Blocks(title="Handicraft QA") as demo:
        gr.Markdown("## Handicraft QA\nAsk about the articles, in English or Chinese. Every answer "
                    "quotes the articles and cites each passage; when they do not say, it tells you.")
        with gr.Tab("Ask"):
            ask_parts = _ask_tab(library)
            scope = ask_parts["scope"]
        with gr.Tab("Search"):
            _search_tab(library)
        with gr.Tab("Library") as library_tab:
            years = gr.BarPlot(_archive_years(library), x="year", y="articles", height=180, y_lim=[0, None],
                               title="The archive by year: select a year to ask within it",
                               elem_id="archive-years")
            table = _library_tab(library)

        def ask_within(evt: gr.SelectData):
            """A year chosen on the timeline becomes the date filter of the questions."""
            first, last = _year_span(evt.index)
            return f"{first}", f"{last}"

        years.select(ask_within, None, [ask_parts["since"], ask_parts["until"]], api_visibility="private")
        library_tab.select(lambda: _archive_years(library), None, years, api_visibility="private")
        # The lists are read whenever they are shown (a reload, a new session, an ingest by
        # another process): never the ones the app started with.
        library_tab.select(lambda: _library_rows(library), None, table, api_visibility="private")
        demo.load(lambda: (_library_rows(library), gr.update(choices=_scope_choices(library))), None,
                  [table, scope], api_visibility="private")
    return demo


def _ask_tab(library: Library) -> dict:
    conv = gr.State(Conversation())  # deep-copied for every session
    with gr.Row():
        with gr.Column(scale=3):
            # No autoscroll: it would leave the chat at the last source card, the answer above
            # it out of sight; SHOW_ANSWER brings the answer's first line into view instead.
            chat = gr.Chatbot(label="Conversation", height=640, elem_id="chat", buttons=["copy"],
                              autoscroll=False, examples=[{"text": q} for q in EXAMPLES],
                              placeholder="Ask a question, or pick an example.")
            with gr.Row():
                box = gr.Textbox(placeholder="e.g. How many members were planned for 1957?", show_label=False,
                                 scale=5, elem_id="question", max_lines=4)
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            with gr.Row():
                clear = gr.Button("New conversation", size="sm")
                export = gr.Button("Export conversation", size="sm", elem_id="export")
            exported = gr.File(label="The conversation (Markdown, quotes as footnotes) and its sources",
                               file_count="multiple", visible=False, elem_id="exported")
        with gr.Column(scale=1, min_width=240):
            since = gr.Textbox(label="From date", placeholder="YYYY, YYYY-MM or YYYY-MM-DD", elem_id="since")
            until = gr.Textbox(label="To date", placeholder="YYYY, YYYY-MM or YYYY-MM-DD", elem_id="until")
            scope = gr.Dropdown(_scope_choices(library), value=[], multiselect=True, elem_id="scope",
                                label="Only these articles", info="None chosen: every article.")
            k = gr.Slider(1, 20, value=library.config.top_k, step=1, label="Passages to answer from",
                          elem_id="k")
            modes = ["quotes (extractive)"]
            if library.llm:
                modes.append(f"language model ({library.config.llm})")
            mode = gr.Radio(modes, value=modes[-1], label="Answer with", elem_id="mode",
                            interactive=len(modes) > 1,
                            info=None if library.llm else "Start the app with --llm (or QA_LLM) to write "
                                                          "answers with a language model.")
            over_time = gr.BarPlot(x="year", y="passages", title="Passages found, by article year",
                                   height=180, y_lim=[0, None], elem_id="over-time")
            with gr.Accordion("Retrieved passages (why this answer)", open=False):
                passages = gr.HTML(passages_table([]), elem_id="passages")
            with gr.Accordion("Language model (for everyone using this app)", open=False):
                llm_spec = gr.Textbox(value=library.config.llm, label="Backend", elem_id="llm",
                                      placeholder="llamacpp:/path/model.gguf · ollama:qwen2.5 · openai:model")
                llm_url = gr.Textbox(value=library.config.llm_base_url, label="Server URL (ollama, openai)",
                                     elem_id="llm-url")
                use = gr.Button("Use", size="sm", elem_id="use-llm")
                llm_status = gr.Markdown()

    def switch(spec: str, url: str):
        try:
            library.use_llm(spec, url)
        except QAError as e:
            return f"**Error:** {e}", gr.skip()
        choices = ["quotes (extractive)"] + ([f"language model ({spec.strip()})"] if spec.strip() else [])
        said = f"Answers are now written by `{spec.strip()}`." if spec.strip() else "Answers are quotes now."
        return said, gr.update(choices=choices, value=choices[-1], interactive=len(choices) > 1)

    use.click(switch, [llm_spec, llm_url], [llm_status, mode], api_visibility="private")

    respond = respond_with(library)

    inputs = [box, chat, conv, since, until, k, mode, scope]
    outputs = [chat, conv, passages, box]
    def timeline(conversation: Conversation):
        """The last answer's passages counted by their article's year: where the topic runs."""
        import pandas as pd

        last = conversation.transcript[-1] if conversation.transcript else None
        years = Counter((p.chunk.date or "undated")[:4] for p in (last.passages if last else []))
        return pd.DataFrame({"year": sorted(years), "passages": [years[y] for y in sorted(years)]})

    for event in (box.submit(respond, inputs, outputs, api_name="chat"),
                  send.click(respond, inputs, outputs, api_visibility="private")):
        event.then(None, None, None, js=SHOW_ANSWER).then(timeline, [conv], [over_time],
                                                           api_visibility="private")
    def pick(evt: gr.SelectData) -> str:
        return evt.value["text"]

    chat.example_select(pick, None, box, api_visibility="private").then(
        respond, inputs, outputs, api_visibility="private").then(None, None, None, js=SHOW_ANSWER).then(
        timeline, [conv], [over_time], api_visibility="private")
    clear.click(lambda: ([], Conversation(), passages_table([])), None, [chat, conv, passages],
                api_visibility="private")

    def ask(question: str, since_v: str = "", until_v: str = "", k_v: int = 5) -> dict:
        """One question, answered exactly as `qa ask --json` answers it (with the app's model, if any)."""
        try:
            return library.ask(question, int(k_v), since_v or None, until_v or None).to_dict()
        except QAError as e:
            raise gr.Error(str(e)) from None

    def export_conversation(conversation: Conversation):
        import tempfile

        from qa.export import write

        if not conversation.transcript:
            return gr.update(value=None, visible=False)
        folder = Path(tempfile.mkdtemp(prefix="qa-export-"))
        paths = write(folder / "conversation.md", conversation.transcript, library.article)
        return gr.update(value=[str(p) for p in paths], visible=True)

    export.click(export_conversation, [conv], [exported], api_visibility="private")
    gr.api(ask, api_name="ask")
    return {"scope": scope, "since": since, "until": until}


def respond_with(library: Library):
    """The chat's answer function: the question as understood, the answer streamed, then the
    answer with its source cards. Every stage is escaped here, not left to Gradio's sanitizer:
    documents (and questions) may hold HTML, and a partial message is HTML too."""

    def respond(message: str, history: list, conversation: Conversation, since_v: str, until_v: str,
                k_v: float, mode_v: str = "", scope_v: list[str] | None = None):
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield history, conversation, gr.skip(), ""
            return
        use_llm = bool(mode_v) and mode_v.startswith("language model")
        understood = conversation.understand(message, library.llm if use_llm else None)
        question = understood.text
        shown = (html.escape(message) if question == message
                 else f"{html.escape(message)}\n\n*(understood as: {html.escape(question)})*")
        history += [{"role": "user", "content": shown}, {"role": "assistant", "content": "…"}]
        yield history, conversation, gr.skip(), ""
        answer, written = None, ""
        try:
            for item in library.ask_stream(question, int(k_v), since_v.strip() or None,
                                           until_v.strip() or None, use_llm, understood.articles,
                                           understood.context, understood.about, understood.recite,
                                           sources=scope_v or ()):
                if isinstance(item, str):  # the model writing: shown as it comes, checked at the end
                    written += item
                    history[-1] = {"role": "assistant", "content": html.escape(written) + " …"}
                    yield history, conversation, gr.skip(), ""
                else:
                    answer = item
        except QAError as e:
            history[-1] = {"role": "assistant", "content": f"**Error:** {html.escape(str(e))}"}
            yield history, conversation, gr.skip(), ""
            return
        conversation.remember(answer)
        if not written:
            # The extractive answer is ready at once: show it a few words at a time.
            words = re.split(r"(\s+)", answer.answer)
            for i in range(0, len(words), 6):
                history[-1] = {"role": "assistant", "content": html.escape("".join(words[: i + 6]))}
                yield history, conversation, gr.skip(), ""
                time.sleep(0.03)
        history[-1] = {"role": "assistant", "content": answer_html(answer, _articles(library, answer))}
        yield history, conversation, passages_table(answer.passages), ""

    return respond


def _articles(library: Library, answer) -> dict[str, Article | None]:
    out: dict[str, Article | None] = {}
    for c in answer.citations:
        if c.source not in out:
            try:
                out[c.source] = library.article(c.source)
            except QAError:
                out[c.source] = None  # the card still shows its quote
    return out


def _search_tab(library: Library) -> None:
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


def _archive_years(library: Library):
    import pandas as pd

    years = Counter((a.get("date") or "undated")[:4] for a in library.articles())
    return pd.DataFrame({"year": sorted(years), "articles": [years[y] for y in sorted(years)]})


def _year_span(index) -> tuple[int, int]:
    """The years a selection on the timeline covers: a brushed range of the x axis (two values)
    or one bar."""
    values = index if isinstance(index, (list, tuple)) else [index]
    nums = [float(v) for v in values if str(v).replace(".", "", 1).isdigit()]
    if not nums:
        raise gr.Error("select a dated year")
    import math

    return math.ceil(min(nums) - 0.5), math.floor(max(nums) + 0.5)


def _scope_choices(library: Library) -> list[tuple[str, str]]:
    """Each article as "date · title" (shown) and its id (the value)."""
    return [(f"{_dates(a)} · {a['title'][:90]}", a["id"]) for a in library.articles()]


def _dates(entry: dict) -> str:
    start, end = entry.get("date"), entry.get("date_end")
    return f"{start} – {end}" if start and end and end != start else start or "undated"


def _library_rows(library: Library) -> list[list]:
    return [[a["title"], _dates(a), ", ".join(a.get("languages", [])), a.get("chunks", 0),
             a["id"]] for a in library.articles()]


def _library_tab(library: Library) -> gr.Dataframe:
    gr.Markdown("Every article in the index. Select a row to read it in full.")
    table = gr.Dataframe(value=_library_rows(library), interactive=False, wrap=True, elem_id="articles",
                         headers=["title", "date", "languages", "chunks", "file"],
                         column_widths=["44%", "20%", "10%", "8%", "18%"])
    viewer = gr.HTML('<p class="muted">No article selected.</p>', elem_id="library-article")
    with gr.Row():
        files = gr.File(label="Add documents (.txt or .md)", file_count="multiple", type="filepath",
                        file_types=[".txt", ".md"], elem_id="upload")
        with gr.Column(scale=0, min_width=220):
            replace_box = gr.Checkbox(False, label="Replace articles of the same name",
                                      info="Off: a file named like an article already here is "
                                           "added under a name of its own", elem_id="replace")
            add = gr.Button("Add to the library", variant="primary", elem_id="add")
    status = gr.Markdown(elem_id="upload-status")

    def show(evt: gr.SelectData, rows) -> str:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        article_id = rows.iloc[row, 4] if hasattr(rows, "iloc") else rows[row][4]
        try:
            art = library.article(str(article_id))
        except QAError as e:
            return f"<p><b>Error:</b> {html.escape(str(e))}</p>"
        title = art.title + (f" · {art.title_zh}" if art.title_zh else "")
        meta = [art.date_label, f"by {art.author}" if art.author else "",
                f"page {art.page}" if art.page else "", art.id]
        meta_line = html.escape(" · ".join(m for m in meta if m))
        return f'<h3>{html.escape(title)}</h3><p class="muted">{meta_line}</p>{article_body(art)}'


    def upload(paths: list[str] | None, replace: bool, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        if not paths:
            return "Choose .txt or .md files first.", gr.skip(), gr.skip()
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
        return "\n\n".join(lines), _library_rows(library), None

    table.select(show, [table], viewer, api_visibility="private")
    add.click(upload, [files, replace_box], [status, table, files], api_visibility="private")
    return table
