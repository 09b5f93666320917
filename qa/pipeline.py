"""The one answering code path: question → retrieval → answer → citations. The CLI, the web UI
and the evaluation suite all call `Pipeline.ask`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from qa.answer import ExtractiveAnswerer, citations_for, normalise_space
from qa.config import Config
from qa.embedding import Embedder
from qa.errors import IndexMissingError, QAError
from qa.index import Store, index_exists
from qa.query import analyse
from qa.records import Answer
from qa.retrieval import Retriever, parse_day


def check_question(question: str, config: Config) -> str:
    q = (question or "").strip()
    if not q:
        raise QAError("the question is empty")
    if len(q) > config.max_question_chars:
        raise QAError(f"the question is too long ({len(q):,} characters; the limit is "
                      f"{config.max_question_chars:,})")
    return q


class Pipeline:
    """Models and index loaded once; `ask` is safe to call for many questions in turn."""

    def __init__(self, config: Config, embedder: Embedder, store: Store) -> None:
        self.config = config
        self.embedder = embedder
        self.store = store
        self.retriever = Retriever(config, store, embedder)
        keyword = self.retriever.keyword
        df, n = keyword.doc_freq()
        self.answerer = ExtractiveAnswerer(config, embedder, df, keyword.form_freq, n,
                                           store.manifest.articles)

    @classmethod
    def load(cls, config: Config, log: Callable[[str], None] | None = None,
             embedder: Embedder | None = None) -> Pipeline:
        """Load the model and open the index, building it from the seeds when it is missing."""
        log = log or (lambda msg: print(msg, file=sys.stderr))
        embedder = embedder or Embedder(config)
        if not index_exists(config.index_dir):
            if not config.seeds_dir.is_dir():
                raise IndexMissingError(
                    f"no index at {config.index_dir} and no seeds folder at {config.seeds_dir}; "
                    f"build one with `qa ingest PATH...`")
            from qa.ingest import ingest

            log(f"no index at {config.index_dir}: building it from {config.seeds_dir} ...")
            report = ingest(config, embedder, [config.seeds_dir], progress=False, warn=log)
            log(f"built: {report.summary()}")
        return cls(config, embedder, Store.open(config))

    def ask(self, question: str, top_k: int | None = None, since: str | None = None,
            until: str | None = None) -> Answer:
        t0 = time.perf_counter()
        q = check_question(question, self.config)
        since = since if since is not None else self.config.since
        until = until if until is not None else self.config.until
        parse_day(since), parse_day(until, end=True)  # a bad date fails before any work
        top_k = top_k or self.config.top_k
        if not 1 <= top_k <= 50:
            raise QAError(f"-k must be between 1 and 50, not {top_k}")
        query = analyse(q, since, until)
        passages = self.retriever.retrieve(query, top_k)
        t1 = time.perf_counter()
        draft = self.answerer.draft(query, passages)
        if draft.refused:
            cites = citations_for(draft.related)
            text = _refusal(query.lang, draft.reason, len(cites))
        else:
            cites = citations_for(draft.chosen)
            sep = "" if query.lang == "zh" and draft.chosen[0].lang == "zh" else " "
            text = sep.join(f"{normalise_space(c.text)} [{n.n}]" for c, n in
                            zip(draft.chosen, cites, strict=True))
        t2 = time.perf_counter()
        return Answer(question=q, answer=text, refused=draft.refused, citations=cites,
                      timings_ms={"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
                                  "total": (t2 - t0) * 1000},
                      reason=draft.reason, passages=passages)

    def close(self) -> None:
        self.store.close()


def _refusal(lang: str, reason: str, related: int) -> str:
    marks = " ".join(f"[{i}]" for i in range(1, related + 1))
    if lang == "zh":
        text = "这些文章中没有这个问题的答案。"
        return text + (f"相关段落：{marks}" if related else "")
    text = f"The articles do not say: {reason}."
    return text + (f" Related reading: {marks}" if related else "")
