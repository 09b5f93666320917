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
from qa.render import answer_html, passages_table
from qa.ui_library import (
    LANGUAGE_CHOICES,
    add_to_scope,
    archive_years,
    library_rows,
    library_tab,
    publication_choices,
    scope_choices,
    scope_said,
    year_span,
)
from qa.ui_search import search_tab
from qa.ui_style import CSS, HEAD, SHOW_ANSWER  # noqa: F401  (CSS and HEAD: app.py takes them from here)

EXAMPLES = [
    "How many people were organized into handicraft production cooperatives by the end of 1954?",
    "When did the Fourth National Handicraft Work Conference conclude?",
    "What did Liu Shaoqi say about nationalizing handicraft production cooperatives?",
    "一九五五年手工业生产合作社社员要发展到多少人？",
    "第五次手工业生产合作会议确定在什么时期基本完成手工业合作化？",
]

def build(library: Library) -> gr.Blocks:
    with gr.Blocks(title="Handicraft QA") as demo:
        gr.Markdown("## Handicraft QA\nAsk about the articles, in English or Chinese. Every answer "
                    "quotes the articles and cites each passage; when they do not say, it tells you.")
        with gr.Tab("Ask"):
            ask_parts = _ask_tab(library)
            scope = ask_parts["scope"]
        with gr.Tab("Search"):
            search_tab(library)
        with gr.Tab("Library") as library_page:
            years = gr.BarPlot(archive_years(library), x="year", y="articles", height=180, y_lim=[0, None],
                               title="The archive by year: select a year to ask within it",
                               elem_id="archive-years")
            shelf = library_tab(library)
            table = shelf["table"]

        def ask_within(evt: gr.SelectData):
            """A year chosen on the timeline becomes the date filter of the questions."""
            first, last = year_span(evt.index)
            return f"{first}", f"{last}"

        years.select(ask_within, None, [ask_parts["since"], ask_parts["until"]], api_visibility="private")
        library_page.select(lambda: archive_years(library), None, years, api_visibility="private")
        # The lists are read whenever they are shown (a reload, a new session, an ingest by
        # another process): never the ones the app started with.
        library_page.select(lambda: library_rows(library), None, table, api_visibility="private")
        # An article read in the Library joins the questions' scope; the Ask tab's list shows it.
        shelf["choose"].click(lambda a, s: add_to_scope(library, a, s), [shelf["reading"], scope],
                              [scope, shelf["chosen"]], api_visibility="private")
        # A removed article leaves the questions' scope with the index.
        shelf["confirm"].click(shelf["removed"], [shelf["reading"], scope],
                               [shelf["status"], table, shelf["viewer"], shelf["reading"], shelf["choose"],
                                shelf["drop"], shelf["confirm_row"], scope], api_visibility="private")
        shelf["unchoose"].click(lambda: ([], scope_said(library, [])), None, [scope, shelf["chosen"]],
                                api_visibility="private")

        def lists():
            pubs = publication_choices(library)
            return (library_rows(library), gr.update(choices=scope_choices(library)),
                    gr.update(choices=pubs, visible=len(pubs) > 1))

        demo.load(lists, None, [table, scope, ask_parts["publication"]], api_visibility="private")
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
            scope = gr.Dropdown(scope_choices(library), value=[], multiselect=True, elem_id="scope",
                                label="Only these articles", info="None chosen: every article. Or choose "
                                                                  "them in the Library.")
            with gr.Row():
                language = gr.Dropdown(LANGUAGE_CHOICES, value="", label="Language", elem_id="scope-lang",
                                       info="Articles with text in it", min_width=110)
                pubs = publication_choices(library)
                publication = gr.Dropdown(pubs, value="", label="Publication", elem_id="scope-pub",
                                          visible=len(pubs) > 1, min_width=110)
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

    inputs = [box, chat, conv, since, until, k, mode, scope, language, publication]
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

    def ask(question: str, since_v: str = "", until_v: str = "", k_v: int = 5,
            sources: list[str] | None = None, language: str = "", publication: str = "") -> dict:
        """One question, answered exactly as `qa ask --json` answers it (with the app's model, if any),
        within the articles chosen by id, language (en, zh) and publication (none: every article)."""
        try:
            return library.ask(question, int(k_v), since_v or None, until_v or None, sources=sources or (),
                               languages=[language] if language else (),
                               publications=[publication] if publication else ()).to_dict()
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
    return {"scope": scope, "since": since, "until": until, "publication": publication}


def respond_with(library: Library):
    """The chat's answer function: the question as understood, the answer streamed, then the
    answer with its source cards. Every stage is escaped here, not left to Gradio's sanitizer:
    documents (and questions) may hold HTML, and a partial message is HTML too."""

    def respond(message: str, history: list, conversation: Conversation, since_v: str, until_v: str,
                k_v: float, mode_v: str = "", scope_v: list[str] | None = None, lang_v: str = "",
                pub_v: str = ""):
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield history, conversation, gr.skip(), ""
            return
        use_llm = bool(mode_v) and mode_v.startswith("language model")
        conversation.century = library.pipeline.century  # the archive's, as it is now
        understood = conversation.understand(message, library.llm if use_llm else None)
        question = understood.text
        shown = (html.escape(message) if question == message
                 else f"{html.escape(message)}\n\n*(understood as: {html.escape(question)})*")
        history += [{"role": "user", "content": shown}, {"role": "assistant", "content": "…"}]
        yield history, conversation, gr.skip(), ""
        answer, written = None, ""
        try:
            for item in library.ask_stream(question, int(k_v), use_llm=use_llm, sources=scope_v or (),
                                           languages=[lang_v] if lang_v else (),
                                           publications=[pub_v] if pub_v else (),
                                           **understood.asking(since_v.strip() or None,
                                                               until_v.strip() or None)):
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


