"""The one answering code path: question → retrieval → answer → citations. The CLI, the web UI
and the evaluation suite all call `Pipeline.ask`."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from qa import disagreements, recital
from qa.answering import Draft, ExtractiveAnswerer, citations_for, normalise_space
from qa.answering.candidates import overlaps
from qa.answering.listing import list_the_items
from qa.answering.naming import name_the_meeting
from qa.answering.refusal import refusal_text
from qa.aspects import asks_body
from qa.config import Config
from qa.embedding import Embedder, load_embedder
from qa.errors import IndexMissingError, QAError
from qa.glossary import FILE as GLOSSARY_FILE
from qa.glossary import Glossary
from qa.glossary import build as build_glossary
from qa.index import Store, index_exists
from qa.language import detect_lang, expand_short_dates, without_conferences
from qa.locating import locate
from qa.multipart import dated_within, names_own_body, split, standalone
from qa.query import Query, analyse
from qa.records import Answer, Citation, Passage
from qa.retrieval import Retriever, parse_day
from qa.scope import Scope
from qa.shelf import mirror
from qa.thesaurus import FILE as THESAURUS_FILE
from qa.thesaurus import Thesaurus
from qa.thesaurus import build as build_thesaurus


def _lexicon(path: Path, build: Callable[[Path], bool]) -> Path:
    """A word table beside the index (synonyms, translations), built once when missing: an
    index made before it was added."""
    if not path.exists():
        try:
            build(path)
        except OSError:  # a read-only index: answer without it
            pass
    return path


def check_question(question: str, config: Config) -> str:
    q = (question or "").strip()
    if not q:
        raise QAError("the question is empty")
    if len(q) > config.max_question_chars:
        raise QAError(f"the question is too long ({len(q):,} characters; the limit is "
                      f"{config.max_question_chars:,})")
    if not any(ch.isalpha() for ch in q):
        # Digits and punctuation alone ("1", "]|_3?'6") ask nothing: answering them would quote
        # whatever passage happens to rank first, with the confidence of an answer.
        raise QAError(f"not a question: {q[:40]!r} has no words (only digits and punctuation)")
    return q


def check_dates(since: str | None, until: str | None) -> None:
    """A bad --since/--until fails here, before any model loads."""
    parse_day(since)
    parse_day(until, end=True)


class Pipeline:
    """Models and index loaded once; `ask` is safe to call for many questions in turn."""

    def __init__(self, config: Config, embedder: Embedder, store: Store, llm=None) -> None:
        from qa.generate import Verifier
        from qa.grounding import SupportChecker

        self.config = config
        self.embedder = embedder
        self.store = store
        self.llm = llm  # a llama-index LLM for the generative mode, or None
        self.verifier = Verifier(SupportChecker(embedder))
        where = store.index_dir
        glossary = Glossary(_lexicon(where / GLOSSARY_FILE, build_glossary))
        self.retriever = Retriever(config, store, embedder, glossary)
        keyword = self.retriever.keyword
        df, n = keyword.doc_freq()
        self.answerer = ExtractiveAnswerer(config, embedder, df, keyword.form_freq, n,
                                           store.manifest.articles, store,
                                           Thesaurus(_lexicon(where / THESAURUS_FILE, build_thesaurus)),
                                           glossary, keyword)

    @classmethod
    def load(cls, config: Config, log: Callable[[str], None] | None = None,
             embedder: Embedder | None = None, llm=None) -> Pipeline:
        """Load the model and open the index, building it from the seeds when it is missing; with
        QA_LLM set, load the language model too (a bad setting fails here, before any question)."""
        from qa.llm import make_llm

        log = log or (lambda msg: print(msg, file=sys.stderr))
        llm = llm if llm is not None else make_llm(config)
        embedder = embedder or load_embedder(config)
        mirror(config)  # with a Chroma server: the files it holds besides the vectors
        if not index_exists(config.index_dir):
            if not config.seeds_dir.is_dir():
                raise IndexMissingError(
                    f"no index at {config.index_dir} and no seeds folder at {config.seeds_dir}; "
                    f"build one with `qa ingest PATH...`")
            from qa.ingest import ingest

            log(f"no index at {config.index_dir}: building it from {config.seeds_dir} ...")
            report = ingest(config, embedder, [config.seeds_dir], progress=False, warn=log)
            log(f"built: {report.summary()}")
        return cls(config, embedder, Store.open(config), llm)

    def ask(self, question: str, top_k: int | None = None, since: str | None = None,
            until: str | None = None, use_llm: bool = True, prefer: Iterable[str] = (),
            context: str = "", about: str = "", recite: list[Citation] | None = None,
            sources: Iterable[str] = (), lean: Iterable[str] = (), languages: Iterable[str] = (),
            publications: Iterable[str] = ()) -> Answer:
        answer = None
        for item in self.ask_stream(question, top_k, since, until, use_llm, prefer, context, about, recite,
                                    sources=sources, lean=lean, languages=languages,
                                    publications=publications):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def ask_stream(self, question: str, top_k: int | None = None, since: str | None = None,
                   until: str | None = None, use_llm: bool = True, prefer: Iterable[str] = (),
                   context: str = "", about: str = "", recite: list[Citation] | None = None,
                   sources: Iterable[str] = (), lean: Iterable[str] = (), languages: Iterable[str] = (),
                   publications: Iterable[str] = ()) -> Iterator[str | Answer]:
        """The model's text as it is written (generative mode only), then the checked Answer.
        `prefer`: articles a conversation is about (retrieval leans to them); `context`: the
        question a follow-up follows, searched for with it (the answer is chosen for the question).
        `about` ("source", "kind" or "original") with `recite`: a question about the previous answer, answered
        from its citations (qa.recital); "outcome": the question asked again for what was achieved.
        `sources`, `languages`, `publications`: the only articles the answer may use (its scope,
        qa.scope); none: every article."""
        t0 = time.perf_counter()
        asked = check_question(question, self.config)
        q = expand_short_dates(asked, self.century)
        chosen = Scope.of(sources, languages, publications)
        scope = self.check_scope(chosen)
        if about in ("source", "kind", "original", "reason") and recite:
            text, cites, notice, refused = recital.recite(about, recite, self._stored_text,
                                                          detect_lang(q), q)
            t1 = time.perf_counter()
            locate(cites, self.store)
            yield Answer(question=asked, answer=text, refused=refused, citations=cites, notice=notice,
                         timings_ms={"retrieve": 0.0, "answer": (t1 - t0) * 1000, "total": (t1 - t0) * 1000})
            return
        since = since if since is not None else self.config.since
        until = until if until is not None else self.config.until
        check_dates(since, until)  # a bad date fails before any work
        top_k = top_k or self.config.top_k
        if not 1 <= top_k <= 50:
            raise QAError(f"-k must be between 1 and 50, not {top_k}")
        read = frozenset((c.source, c.start, c.end) for c in recite or ()) if not about else frozenset()
        query, passages, draft, gaps, retrieving = self._draft(q, since, until, top_k, frozenset(prefer),
                                                               context, outcome=about == "outcome",
                                                               read=read, scope=scope, lean=frozenset(lean))
        t1 = t0 + retrieving
        answer = _extractive(q, query, draft, passages)
        if not draft.refused and (worded := recital.in_wanted_language(q, query.lang, answer.citations)):
            answer.answer, answer.citations, answer.refused = worded
        notes = gaps + [_source_language_note(query, draft, self.store.manifest.articles)]
        answer.notice = " ".join(n for n in notes if n)
        # A refusal stands: the checks that refuse (unknown names, years, conferences, premises)
        # hold whoever would write the answer.
        if self.llm is not None and use_llm and not draft.refused:
            answer = yield from self._generate(q, query, passages, answer)
        if not answer.refused:
            # Figures the answer's articles give differently are shown side by side, never one
            # of them silently; said in the question's language, beside any other notice.
            answer.disagreements = disagreements.find(answer.citations, answer.passages)
            said = disagreements.notice(answer.disagreements, query.lang)
            answer.notice = " ".join(n for n in (answer.notice, said) if n)
        t2 = time.perf_counter()
        # Retrieval is timed per part of the question; the rest (analysis, answering, checks) is
        # the answer's.
        answer.timings_ms = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000,
                             "total": (t2 - t0) * 1000}
        answer.scope = {"sources": sorted(scope) or None, "since": since, "until": until,
                        "languages": sorted(chosen.languages) or None,
                        "publications": sorted(chosen.publications) or None}
        answer.question = asked  # as the reader wrote it ("Dec '55"), not as it was read
        locate(answer.citations, self.store)
        yield answer

    @property
    def century(self) -> int | None:
        """What a reader's two-digit year ("'55") means here (Manifest.century)."""
        return self.store.manifest.century()

    def check_scope(self, scope: Scope) -> frozenset[str]:
        """The ids of the articles in scope (empty: every article); an unknown id, or a scope no
        article is in, is an error."""
        return scope.resolve(self.store.manifest.articles, self.store.publication)

    def _draft(self, q: str, since: str | None, until: str | None, top_k: int, prefer: frozenset[str],
               context: str = "", outcome: bool = False, read: frozenset = frozenset(),
               scope: frozenset[str] = frozenset(), lean: frozenset[str] = frozenset()
               ) -> tuple[Query, list[Passage], Draft, list[str], float]:
        """Retrieve and draft an answer for each part of the question (one for most questions);
        the parts' sentences are joined, and what a part could not find becomes a notice.
        `outcome`: the question is asked for what was achieved, whatever its own words say (a
        follow-up asking whether the previous answer's target was met)."""
        parts = split(q)
        results = []
        retrieving = 0.0
        prev_part, prev_draft, prev_query = None, None, None
        for part in parts:
            text = (standalone(part, prev_part, _said(prev_draft), _cited(prev_draft)) if prev_draft
                    else part.text)
            articles = self.store.manifest.articles
            query = analyse(text, since, until, articles)
            query.sources = scope
            query.lean = lean
            query.compared = sum(p.text == part.text for p in parts) > 1
            if part.years:
                query.years = set(part.years)
                if not part.ordinals:  # a side by year drops a conference the question dates otherwise
                    query.ordinals = dated_within(query.ordinals, part.years, text)
                # Nor is a time the question names for another side this side's ("the 1953 and the
                # January 1955 meetings": January 1955 dates the other one).
                query.time = replace(query.time, articles={
                    a for a in query.time.articles if articles.get(a, {}).get("date", "")[:4] in part.years})
            if part.ordinals:
                query.ordinals = set(part.ordinals)
            if outcome:
                _ask_for_outcome(query, text)
            # In the archive's terms when the question used others ("output per head").
            query.vector = self.embedder.embed_query(query.search_text or text)
            if query.focus_text:
                query.focus_vector = self.embedder.embed_query(query.focus_text)
            if context and len(results) == 0:
                query.search_text = f"{query.search_text or text} {context}"
                query.read = read
            # A later part that names a conference of its own ("and how did the Fourth judge its
            # implementation?") is about that conference's articles, not the earlier part's.
            # So is one that moves to a year of its own ("…, and how many a year later?").
            own_conference = prev_query is not None and (
                bool(query.ordinals) and not query.ordinals <= prev_query.ordinals
                or bool(query.years) and not query.years <= prev_query.years)
            # Nor is one about the body an earlier part asked for ("which body convened it, and at
            # which conference was it set up?"): that body is written about elsewhere.
            about_answer = prev_part is not None and asks_body(prev_part.text)
            # Nor one naming a year the articles the earlier part cited are not of ("had he also
            # addressed the 1953 conference, and what was his speech there called?", after an
            # answer from 1955).
            cited_years = {d[:4] for a in _cited(prev_draft) for key in ("date", "date_end")
                           if (d := articles.get(a, {}).get(key))}
            elsewhen = bool(query.years) and bool(cited_years) and not query.years & cited_years
            # Nor one whose actor is a body of its own, which acted elsewhere.
            own_body = prev_part is not None and names_own_body(part.text, prev_part.text)
            steered = part.leans and not (own_conference or about_answer or elsewhen or own_body)
            steer = prefer | frozenset(_cited(prev_draft)) if steered else prefer
            query.prefer = steer
            started = time.perf_counter()
            search_vec = self.embedder.embed_query(query.search_text) if query.search_text else query.vector
            passages = self.retriever.retrieve(query, top_k, search_vec, steer)
            retrieving += time.perf_counter() - started
            draft = self.answerer.draft(query, passages)
            if not draft.refused:
                list_the_items(draft.chosen, self.retriever.following, self.embedder, self.store)
                # Any part's sentences are named when the question asks the meeting in another part
                # ("Which policy was determined …? Name the policy and the conference.").
                name_the_meeting(text if len(parts) == 1 else q, draft.chosen, self.retriever.opening,
                                 self.embedder, self.store)
            results.append((part, query, passages, draft))
            prev_part, prev_draft, prev_query = part, draft, query
        if len(results) == 1:
            _, query, passages, draft = results[0]
            return query, passages, draft, [], retrieving
        # A comparison with a side no article holds (an unknown country, a year not covered)
        # cannot be made: the whole question is refused for it.
        for part, _, part_passages, part_draft in results:
            if part.side and part_draft.absent:
                whole = analyse(q, since, until, self.store.manifest.articles)
                return whole, part_passages, part_draft, [], retrieving
        answered = [r for r in results if not r[3].refused]
        first_query = analyse(q, since, until, self.store.manifest.articles)
        all_passages = _unique_passages([p for r in results for p in r[2]])
        if not answered:
            return first_query, all_passages, results[0][3], [], retrieving
        if any(r[0].years or r[0].ordinals for r in answered):  # sides: in date order
            answered.sort(key=lambda r: min((c.passage.chunk.date or "9999") for c in r[3].chosen))
        chosen: list = []
        for r in answered:
            taken = 0  # the best quote of each part and the one finishing it
            for c in r[3].chosen:
                if taken == 2:
                    break
                if not any(overlaps(c, o) for o in chosen):
                    chosen.append(c)
                taken += not c.names_meeting
        gaps = [f"Not found for “{_label(r[0])}”: {r[3].reason}." for r in results if r[3].refused]
        return first_query, all_passages, Draft(chosen, False, "", []), gaps, retrieving

    def _generate(self, q: str, query: Query, passages: list[Passage], fallback: Answer
                  ) -> Generator[str, None, Answer]:
        from qa.generate import build_messages, stream_text

        text, deadline = "", time.perf_counter() + self.config.llm_timeout
        try:
            for delta in stream_text(self.llm, build_messages(q, query.lang, passages)):
                text += delta
                yield delta
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"no complete answer within {self.config.llm_timeout} s")
            if not text.strip():
                raise ValueError("it returned no text")
        except Exception as e:  # backends raise many kinds: connection, timeout, protocol
            fallback.mode = "extractive-fallback"
            fallback.notice = f"the language model failed ({_one_line(e)}); this is the extractive answer"
            return fallback
        checked = self.verifier.check(text, passages, query.lang)
        if checked.citations:
            return Answer(question=q, answer=checked.text, refused=False, citations=checked.citations,
                          timings_ms={}, passages=passages, mode="generative", verdicts=checked.verdicts)
        fallback.mode = "extractive-fallback"
        fallback.verdicts = checked.verdicts
        if checked.declined:
            why = "the language model said the passages do not hold the answer"
        elif checked.verdicts:
            why = "no generated sentence passed the check"
        else:
            why = "the language model wrote no sentence that could be checked"
        fallback.notice = why + "; this is the extractive answer"
        return fallback

    def _stored_text(self, article_id: str) -> str | None:
        try:
            return self.store.article(article_id).text
        except QAError:
            return None

    def close(self) -> None:
        self.store.close()


def _extractive(q: str, query: Query, draft: Draft, passages: list[Passage]) -> Answer:
    if draft.refused:
        cites = citations_for(draft.related)
        text = refusal_text(query.lang, draft.reason, len(cites), query.since, query.until,
                            len(query.sources))
    else:
        cites = citations_for(draft.chosen)
        sep = "" if query.lang == "zh" and draft.chosen[0].lang == "zh" else " "
        text = sep.join(f"{normalise_space(n.quote)} [{n.n}]" for n in cites)
    return Answer(question=q, answer=text, refused=draft.refused, citations=cites, timings_ms={},
                  reason=draft.reason, passages=passages)


def _source_language_note(query: Query, draft: Draft, articles: dict[str, dict]) -> str:
    """A question answered from articles that exist only in the other language says so, in the
    question's language."""
    if draft.refused:
        return ""
    other = [c for c in draft.chosen if c.lang != query.lang
             and query.lang not in articles.get(c.article_id, {}).get("languages", [c.lang])]
    if not other:
        return ""
    if query.lang == "zh":
        return "出处只有英文原文，以上引文为英文。"
    return "The source exists only in Chinese; the quotes above are in Chinese."


def _ask_for_outcome(query: Query, text: str) -> None:
    """The question asked for what was achieved, whatever its own words say."""
    # A target met or not is a figure reached: the answer must be one, of the outcome. The
    # conference that set the target is not where its outcome is reported.
    query.modality, query.leaning, query.ordinals = "actual", None, set()
    query.wants = "number" if query.wants == "fact" else query.wants
    # Searched for without the conference and the plan words, which pull to the passage that set
    # the target.
    query.search_text = " ".join(_PLANNING.sub(" ", without_conferences(text)).split()) or text


_PLANNING = re.compile(r"\b(?:plan(?:ned|s)?|target(?:ed|s)?|aim(?:ed|s)?|set out to|goals?)\b"
                       r"|计划|目标|指标|规划",
                       re.IGNORECASE)


def _said(draft: Draft | None) -> str:
    return "" if draft is None or draft.refused else " ".join(c.text for c in draft.chosen)


def _cited(draft: Draft | None) -> list[str]:
    return [] if draft is None or draft.refused else list(dict.fromkeys(c.article_id for c in draft.chosen))


def _label(part) -> str:
    if part.years:
        return ", ".join(sorted(part.years))
    if part.ordinals:
        return "conference " + ", ".join(str(n) for n in sorted(part.ordinals))
    return part.text


def _unique_passages(passages: list[Passage]) -> list[Passage]:
    seen: set[str] = set()
    out = []
    for p in passages:
        if p.chunk.id not in seen:
            seen.add(p.chunk.id)
            out.append(p)
    return out


def _one_line(e: Exception) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {msg}"[:200] if msg else type(e).__name__
