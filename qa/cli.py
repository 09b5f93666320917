"""The `qa` command: ask, chat, ingest, remove, info, models (eval and search in their own modules).
Errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import qa  # noqa: F401  (sets the offline environment before anything else loads)
from qa.citing import FORMATS
from qa.cli_eval import EVAL_DIR, cmd_eval
from qa.cli_search import cmd_search
from qa.config import PROJECT_ROOT, Config
from qa.errors import QAError
from qa.scope import Scope


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", dest="index_dir", metavar="DIR",
                        help="index folder (QA_INDEX_DIR; default: index/ in the project)")
    common.add_argument("--seeds", dest="seeds_dir", metavar="DIR",
                        help="default corpus, ingested when no index exists (QA_SEEDS_DIR)")
    common.add_argument("--model", dest="embed_model", metavar="NAME_OR_PATH",
                        help="embedding model (QA_EMBED_MODEL; default: the bundled "
                             "multilingual-e5-small; or all-MiniLM-L6-v2, a sentence-transformers "
                             "folder or a cached hub name)")
    common.add_argument("--chroma-server", dest="chroma_server", metavar="HOST:PORT",
                        help="use a Chroma server instead of the embedded store (QA_CHROMA_SERVER)")
    common.add_argument("--threads", type=int, metavar="N", help="torch threads (QA_THREADS)")
    common.add_argument("--device", metavar="DEVICE",
                        help="where a sentence-transformers model encodes: cpu, cuda or auto "
                             "(QA_DEVICE; default auto: a CUDA GPU when torch sees one)")
    common.add_argument("--llm", metavar="BACKEND", help="generative mode: llamacpp:<path.gguf>, "
                        "ollama:<model> or openai:<model> (QA_LLM; default: none, extractive)")
    common.add_argument("--llm-base-url", dest="llm_base_url", metavar="URL",
                        help="server of the ollama/openai backend (QA_LLM_BASE_URL)")
    common.add_argument("--llm-timeout", dest="llm_timeout", type=int, metavar="SECONDS",
                        help="give the extractive answer when the model takes longer (QA_LLM_TIMEOUT; 60)")

    asking = argparse.ArgumentParser(add_help=False)
    asking.add_argument("-k", dest="top_k", type=int, metavar="N",
                        help="passages to answer from (QA_TOP_K; default 7)")
    asking.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE")
    asking.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE")
    asking.add_argument("--source", dest="sources", action="append", default=[], metavar="ID",
                        help="only this article (its id: the file name, as `qa info --articles` lists "
                             "them); repeat for several")
    asking.add_argument("--lang", dest="languages", action="append", default=[], metavar="LANG",
                        help="only articles with text in LANG (en or zh; an article with both is in "
                             "both); repeat for several")
    asking.add_argument("--publication", dest="publications", action="append", default=[], metavar="NAME",
                        help="only articles from the newspaper or journal NAME (as their Publication: "
                             "line gives it, any case); repeat for several")

    p = _Parser(prog="qa", description="Grounded, cited answers from dated articles.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    a = sub.add_parser("ask", parents=[common, asking], help="answer one question")
    a.add_argument("question", help="the question, in English or Chinese")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.add_argument("--cite", choices=FORMATS, metavar="FORMAT",
                   help="print the answer's sources as references instead: " + ", ".join(FORMATS)
                        + " (chicago: note n for the answer's [n], then the bibliography)")
    c = sub.add_parser("chat", parents=[common, asking], help="a conversation on the terminal")
    c.add_argument("--json", action="store_true",
                   help="read one question a line from standard input; print one `qa ask --json` "
                        "object a line, with understood_as (the stand-alone question answered)")
    c.add_argument("--export", type=Path, metavar="FILE",
                   help="at the end, write the conversation to FILE (Markdown, quotes as footnotes) "
                        "and its sources beside it (FILE's name with .bib, .ris, .json)")
    i = sub.add_parser("ingest", parents=[common], help="add files and folders to the index")
    i.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="files or folders: text, PDF, web pages, Word, scanned pages (default: the seeds "
                        "folder); a metadata.csv in a folder describes its files")
    i.add_argument("--rebuild", action="store_true", help="start a new index from these paths")
    i.add_argument("--replace", action="store_true",
                   help="a file named like an article from another file replaces that article "
                        "(without it, the file is added under a name of its own)")
    i.add_argument("--prune", action="store_true",
                   help="remove the articles whose files were in these folders and are gone")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    r = sub.add_parser("remove", parents=[common], help="remove articles from the index")
    r.add_argument("article_ids", nargs="+", metavar="ID",
                   help="an article's id (its file name, as `qa info --articles` lists them)")
    s = sub.add_parser("search", parents=[common], help="exact words and phrases, in context, by date")
    s.add_argument("query", help='words (each must occur) and "quoted phrases", English or Chinese')
    s.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE")
    s.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE")
    s.add_argument("--source", dest="sources", action="append", default=[], metavar="ID",
                   help="only this article; repeat for several")
    s.add_argument("--lang", dest="languages", action="append", default=[], metavar="LANG",
                   help="only articles with text in LANG (en or zh); repeat for several")
    s.add_argument("--publication", dest="publications", action="append", default=[], metavar="NAME",
                   help="only articles from the publication NAME; repeat for several")
    s.add_argument("--limit", type=int, default=200, metavar="N", help="hits to list (default 200)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    f = sub.add_parser("info", parents=[common], help="what the index holds")
    f.add_argument("--json", action="store_true", help="print one JSON object")
    f.add_argument("--articles", action="store_true",
                   help="also list every article: its id, date and title (with --json: \"article_list\")")
    m = sub.add_parser("models", help="get a language model for the generative mode")
    m.add_argument("name", choices=["qwen"],
                   help="qwen: Qwen2.5-Coder-1.5B-Instruct GGUF, from its PyPI parts")
    m.add_argument("--out", type=Path, metavar="FILE",
                   default=PROJECT_ROOT / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
                   help="where to write the model (default: models/ in the project)")
    m.add_argument("--no-install", dest="install", action="store_false",
                   help="only assemble already-installed parts")
    e = sub.add_parser("eval", parents=[common], help="the grounding evaluation: answer a question set, "
                       "score it, write a report")
    e.add_argument("--questions", type=Path, action="append", metavar="FILE",
                   help="JSON lines: id, question, category, answerable, sources, must_include; may be "
                        "given more than once (default: eval/dev.jsonl and eval/test.jsonl, and the "
                        "dialogues of both splits)")
    e.add_argument("--dialogues", type=Path, action="append", metavar="FILE",
                   help="JSON lines of conversations {id, turns: [questions]}, scored turn by turn as "
                        "`qa chat` answers them; may be given more than once")
    e.add_argument("--output", type=Path, default=EVAL_DIR / "out", metavar="DIR",
                   help="folder for <set>.answers.jsonl: one `qa ask --json` object per question, plus "
                        "id, latency_ms, retrieved (and understood_as for dialogue turns)")
    e.add_argument("--report", type=Path, default=EVAL_DIR / "out", metavar="DIR",
                   help="folder for REPORT.md and chart.png (default: eval/out)")
    e.add_argument("--thresholds", type=Path, default=EVAL_DIR / "thresholds.json", metavar="FILE",
                   help="minimum per metric and set, for --check (default: eval/thresholds.json)")
    e.add_argument("--check", action="store_true", help="exit 1 when a metric is below its threshold")
    e.add_argument("--quiet", action="store_true", help="no progress bar")
    e.add_argument("--sample", type=int, default=0, metavar="N",
                   help="at most N questions (and N conversations) of each set, drawn by category "
                        "in proportion, seeded: for long runs such as the generative mode")
    e.add_argument("--mode", choices=["extractive", "generative"], default=None,
                   help="extractive (no language model) or generative (needs --llm or QA_LLM); default: "
                        "generative when a language model is set")
    return p


def config_from(args: argparse.Namespace) -> Config:
    keys = ("index_dir", "seeds_dir", "embed_model", "chroma_server", "threads", "device", "top_k", "llm",
            "llm_base_url", "llm_timeout")
    return Config.from_env(**{k: getattr(args, k, None) for k in keys})


class _Parser(argparse.ArgumentParser):
    """argparse's errors as one line, and a hint where a question was taken for an option."""

    def error(self, message: str):  # type: ignore[override]
        hint = ""
        if self.prog.endswith((" ask", " chat")) and ("unrecognized" in message or "required" in message):
            hint = ' (a question that starts with "-" goes after --: qa ask -- "-1?")'
        self.exit(2, f"error: {message}{hint}\n")


# An option is -x or --word; any other argument starting with "-" ("-1?", "-what?") is a question.
_OPTION = re.compile(r"--?[A-Za-z][\w-]*(=.*)?")


def _questions_apart(argv: list[str]) -> list[str]:
    """`qa ask "-1?"`: argparse takes any argument starting with "-" for an option; one that
    cannot be an option is a question, and is given as one."""
    if not argv or argv[0] != "ask" or "--" in argv:
        return argv
    rest = [a for a in argv[1:] if a.startswith("-") and not _OPTION.fullmatch(a)]
    if len(rest) != 1:
        return argv
    return [a for a in argv if a is not rest[0]] + ["--", rest[0]]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(_questions_apart(argv))
    try:
        config = config_from(args)
        return COMMANDS[args.command](args, config)
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped reading (`qa search … | head`): nothing is wrong, nothing more to say.
        # Python's own advice: point stdout at /dev/null so the exit flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as e:  # the promise is one line, never a traceback
        if os.environ.get("QA_DEBUG"):
            raise
        first = str(e).splitlines()[0] if str(e) else ""
        print(f"error: unexpected {type(e).__name__}: {first} (QA_DEBUG=1 shows details)",
              file=sys.stderr)
        return 1


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    from qa.pipeline import Pipeline, check_dates, check_question

    check_question(args.question, config)  # fail on bad input before loading any model
    check_dates(args.since, args.until)
    Scope.of(args.sources, args.languages, args.publications)
    pipeline = Pipeline.load(config)
    answer = pipeline.ask(args.question, args.top_k, args.since, args.until, sources=args.sources,
                          languages=args.languages, publications=args.publications)
    if args.cite:
        from qa.citing import Reference, render

        if answer.refused:
            print("refused: these are the related reading's sources", file=sys.stderr)
        print(render([Reference.of(pipeline.store.article(c.source)) for c in answer.citations], args.cite),
              end="")
        return 0
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        print(format_answer(answer))
    return 0


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    from qa.conversation import Conversation
    from qa.pipeline import Pipeline, check_dates

    check_dates(args.since, args.until)
    Scope.of(args.sources, args.languages, args.publications)  # a bad language fails before any model loads
    if args.export:
        taken = [p for p in (args.export, *(args.export.with_suffix(x) for x in (".bib", ".ris", ".json")))
                 if p.exists()]
        if taken:
            raise QAError(f"{taken[0]} exists; --export never replaces a file: name another")
    pipeline = Pipeline.load(config)
    conv = Conversation(century=pipeline.century)
    try:
        return _chat_json(pipeline, conv, args) if args.json else _chat_text(pipeline, conv, args)
    finally:
        if args.export:
            from qa.export import write

            written = write(args.export, conv.transcript, pipeline.store.article)
            print(f"conversation written to {', '.join(str(p) for p in written)}", file=sys.stderr)


def _chat_text(pipeline, conv, args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        print("Ask about the articles (empty line or Ctrl-D to leave).")
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            if interactive:
                break
            continue
        if not interactive:  # piped: the output reads as a transcript, each answer under its question
            print(f"> {line.strip()}")
        understood = conv.understand(line, pipeline.llm)
        if understood.text != line.strip():
            # Set apart from what was typed (and, piped, from the next question).
            print(f"   ↳ understood as: {understood.text}")
        try:
            answer = None
            for item in pipeline.ask_stream(understood.text, args.top_k, sources=args.sources,
                                            languages=args.languages, publications=args.publications,
                                            **understood.asking(args.since, args.until)):
                if isinstance(item, str):  # the model writing; the checked answer follows
                    print(item, end="", flush=True)
                else:
                    answer = item
        except QAError as e:
            print(f"error: {e}", file=sys.stderr)
            continue
        conv.remember(answer)
        if pipeline.llm is not None and answer.mode != "extractive":
            print("\n\n— checked —")
        print(format_answer(answer))
        print()
    return 0


def _chat_json(pipeline, conv, args: argparse.Namespace) -> int:
    """One question a line in, one JSON object a line out; a bad line gets an object with its
    error (and exit code 2 at the end), the conversation goes on."""
    failed = False
    for line in sys.stdin:
        if not line.strip():
            continue
        understood = conv.understand(line, pipeline.llm)
        try:
            answer = pipeline.ask(understood.text, args.top_k, sources=args.sources,
                                  languages=args.languages, publications=args.publications,
                                  **understood.asking(args.since, args.until))
        except QAError as e:
            failed = True
            print(json.dumps({"question": line.strip(), "understood_as": understood.text,
                              "error": str(e)}, ensure_ascii=False), flush=True)
            continue
        conv.remember(answer)
        obj = answer.to_dict()
        obj["question"] = line.strip()
        obj["understood_as"] = understood.text
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    return 2 if failed else 0


def cmd_ingest(args: argparse.Namespace, config: Config) -> int:
    from qa.embedding import load_embedder
    from qa.ingest import ingest

    paths = args.paths or [config.seeds_dir]
    report = ingest(config, load_embedder(config), paths, rebuild=args.rebuild,
                    progress=not args.quiet, replace=args.replace, prune=args.prune)
    for article_id in report.removed_ids:
        print(f"removed {article_id}: its file is gone")
    print(report.summary())
    return 1 if report.skipped else 0


def cmd_remove(args: argparse.Namespace, config: Config) -> int:
    from qa.removal import remove

    removed = remove(config, args.article_ids)
    print(f"removed {len(removed)} article{'s' if len(removed) != 1 else ''}: {', '.join(removed)}")
    return 0


def cmd_info(args: argparse.Namespace, config: Config) -> int:
    from qa.index import Store

    store = Store.open(config)
    info = index_info(store.manifest, config)
    listed = [{"id": k, "date": v.get("date"), "title": v.get("title", ""), "path": v.get("path")}
              for k, v in sorted(store.manifest.articles.items())] if args.articles else []
    store.close()
    if args.json:
        print(json.dumps({**info, "article_list": listed} if args.articles else info, ensure_ascii=False))
        return 0
    print(f"index:     {info['index']}")
    print(f"articles:  {info['articles']}")
    print(f"chunks:    {info['chunks']}")
    print(f"dates:     {info['date_range'][0] or '-'} to {info['date_range'][1] or '-'}"
          + (f" ({info['undated']} undated)" if info["undated"] else ""))
    print("languages: " + ", ".join(f"{k} ({v} articles)" for k, v in info["languages"].items()))
    print(f"model:     {info['embedding_model']} ({info['dim']} dimensions)")
    if args.articles:
        for a in listed:
            print(f"{a['id']}\t{a['date'] or 'undated'}\t{a['title']}")
    return 0


def cmd_models(args: argparse.Namespace, config: Config) -> int:
    from qa.models import qwen

    qwen(args.out, install=args.install)
    return 0


def index_info(manifest, config: Config) -> dict:
    arts = manifest.articles.values()
    starts = sorted(a["date"] for a in arts if a.get("date"))
    ends = sorted((a.get("date_end") or a["date"]) for a in arts if a.get("date"))
    langs: dict[str, int] = {}
    for a in arts:
        for lang in a.get("languages", []):
            langs[lang] = langs.get(lang, 0) + 1
    return {
        "index": str(config.chroma_server or config.index_dir),
        "articles": len(manifest.articles), "chunks": manifest.chunks,
        "date_range": [starts[0] if starts else None, ends[-1] if ends else None],
        "undated": sum(1 for a in arts if not a.get("date")),
        "languages": dict(sorted(langs.items())),
        "embedding_model": manifest.embed_model, "dim": manifest.dim,
    }


def format_answer(answer) -> str:
    lines = [answer.answer, ""]
    if answer.notice:
        lines[1:1] = [f"({answer.notice})", ""]
    lines.append("Related reading:" if answer.refused else "Sources:")
    for c in answer.citations:
        where = f"p. {c.page}, " if c.page else ""
        where += f"OCR {c.ocr_confidence:.0f}%, " if c.ocr_confidence is not None else ""
        lines.append(f"  [{c.n}] {c.title} ({c.date or 'undated'}), {c.source} "
                     f"{where}chars {c.start}-{c.end}")
        if answer.refused:  # related reading: its passages are not in the answer's text
            lines.append(f"      “{' '.join(c.quote.split())}”")
        if c.parallel is not None:
            lines.append(f"      ↔ ({c.parallel.lang}, chars {c.parallel.start}-{c.parallel.end}) "
                         f"“{' '.join(c.parallel.quote.split())}”")
    for d in answer.disagreements:
        # Each figure where it stands: the notice above names them, this says where to read them.
        lines.append(f"Sources differ ({d.what}):")
        for c in d.claims:
            lines.append(f"  {c.value} — {c.title} ({c.date or 'undated'}), {c.source} "
                         f"chars {c.start}-{c.end}")
            lines.append(f"      “{' '.join(c.quote.split())}”")
    dropped = [v for v in answer.verdicts if not v.kept]
    if dropped:
        lines.append("Dropped (not supported by the passages they cite):")
        lines.extend(f"  ✗ {v.sentence}  — {v.reason}" for v in dropped)
    return "\n".join(lines)


COMMANDS = {"ask": cmd_ask, "chat": cmd_chat, "search": cmd_search, "ingest": cmd_ingest,
            "remove": cmd_remove, "info": cmd_info, "eval": cmd_eval, "models": cmd_models}

if __name__ == "__main__":
    sys.exit(main())
