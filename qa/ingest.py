"""Files → index: parse, chunk, embed and store; unchanged files are skipped by content hash."""

from __future__ import annotations

import dataclasses
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from qa.chunking import chunk_article, heading
from qa.config import Config
from qa.corpus import UnreadableFile, iter_files
from qa.embedding import Embedder
from qa.errors import QAError
from qa.extract import SUFFIXES, Extractor
from qa.glossary import FILE as GLOSSARY_FILE
from qa.glossary import build as build_glossary
from qa.index import Store, chunk_metadata, index_exists, sentence_key
from qa.language import conference_ordinals, years
from qa.parallel import counterparts
from qa.records import Article, Chunk
from qa.removal import drop, missing_files
from qa.sentences import split_sentences, substantive
from qa.shelf import mirror
from qa.thesaurus import FILE as THESAURUS_FILE
from qa.thesaurus import build as build_thesaurus
from qa.wordtable import install as install_table
from qa.writelock import BUILDING, OLD, side_folder, swap_folder, writing

EMBED_BATCH = 256


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)  # added or changed, by their id
    unchanged_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)  # pruned: their files are gone
    articles: int = 0
    chunks: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.chunks} chunks in the index "
                f"({self.added} added, {self.updated} changed, {self.unchanged} unchanged, "
                f"{len(self.skipped)} skipped"
                + (f", {len(self.removed_ids)} removed" if self.removed_ids else "")
                + f") in {self.seconds:.1f} s")


def ingest(config: Config, embedder: Embedder, paths: Iterable[Path], rebuild: bool = False,
           progress: bool = True, warn: Callable[[str], None] | None = None,
           replace: bool = False, prune: bool = False) -> IngestReport:
    """Add files and folders to the index at config.index_dir, creating it when missing.

    A new (or rebuilt) index is built in a sibling folder and moved into place at the end, so an
    interrupted first build leaves nothing behind; an update in place commits by its manifest.
    The whole write holds the index's writer lock: a second writer waits for the first.
    A file named like an article from another file is added under a name of its own, unless
    `replace` says it replaces that article. `prune`: articles whose files lay in one of the
    folders given and are gone are removed.
    """
    warn = warn or (lambda msg: print(f"warning: {msg}", file=sys.stderr))
    with writing(config.index_dir, waiting=warn):
        return _ingest(config, embedder, list(paths), rebuild, progress, warn, replace, prune)


def _ingest(config: Config, embedder: Embedder, paths: list[Path], rebuild: bool, progress: bool,
            warn: Callable[[str], None], replace: bool, prune: bool = False) -> IngestReport:
    t0 = time.perf_counter()
    report = IngestReport()
    for p in paths:
        if not p.exists():
            report.skipped.append(f"{p}: no such file or folder")
            warn(report.skipped[-1])
    files = list(iter_files((p for p in paths if p.exists()), SUFFIXES))

    target = config.index_dir
    mirror(config, locked=True)  # with a Chroma server: start from what it holds
    fresh = rebuild or not index_exists(target)
    if fresh and not config.chroma_server:
        work = side_folder(target, BUILDING)
        shutil.rmtree(work, ignore_errors=True)
        store = Store.create(config, work, embedder.name, embedder.dim)
    elif fresh:
        store = Store.create(config, target, embedder.name, embedder.dim)
        if rebuild:  # a server's collection cannot be built aside: empty it in place
            store.collection.delete(where={"article_id": {"$ne": ""}})
            store.sentences.delete(where={"article_id": {"$ne": ""}})
    else:
        store = _open_for_update(config, embedder)

    try:
        _ingest_files(store, embedder, config, files, report, progress, warn, replace)
        if prune:
            report.removed_ids = missing_files(store, paths)
            drop(store, report.removed_ids)
        _drop_orphans(store)
        store.rebuild_keyword(None if fresh else report.changed_ids)
        # Word tables for the answerer (synonyms; Chinese → English), built once.
        for name, build in ((THESAURUS_FILE, build_thesaurus), (GLOSSARY_FILE, build_glossary)):
            if not (store.index_dir / name).exists():
                install_table(store.index_dir / name, build, config.cache_dir)
        store.commit()
        report.articles = len(store.manifest.articles)
        report.chunks = store.manifest.chunks
    except BaseException:
        store.close()
        if fresh and store.index_dir != target:
            shutil.rmtree(store.index_dir, ignore_errors=True)
        raise
    store.close()
    if fresh and store.index_dir != target:
        _swap_in(store.index_dir, target)
    report.seconds = time.perf_counter() - t0
    return report


def _open_for_update(config: Config, embedder: Embedder) -> Store:
    from qa.errors import IndexCorruptError
    from qa.index import Manifest

    manifest = Manifest.read(config.index_dir)
    if manifest.embed_model != embedder.name:
        raise QAError(
            f"the index at {config.index_dir} was built with the embedding model "
            f"{manifest.embed_model!r}, not {embedder.name!r}; use `qa ingest --rebuild PATH...` "
            f"to re-embed everything with the new model")
    store = Store(config, config.index_dir, manifest, create=False)
    try:
        store.check()
    except IndexCorruptError:
        pass  # an interrupted ingest: this run repairs it (changed articles are redone, orphans go)
    return store


def _ingest_files(store: Store, embedder: Embedder, config: Config, files: list[Path],
                  report: IngestReport, progress: bool, warn: Callable[[str], None],
                  replace: bool) -> None:
    from tqdm import tqdm

    pending: list[tuple[Chunk, str]] = []
    by_path = {entry["path"]: article_id for article_id, entry in store.manifest.articles.items()}
    bar = tqdm(files, desc="ingest", unit="file", disable=not progress or not files,
               file=sys.stderr, leave=False)
    extractor = Extractor(config.ocr_langs, config.cache_dir, config.max_file_bytes,
                          progress=(lambda msg: bar.set_postfix_str(msg[-60:])) if progress else None)
    for path in bar:
        try:
            article = extractor.read(path)
        except UnreadableFile as e:
            report.skipped.append(str(e))
            warn(f"skipped {e}")
            continue
        finally:
            for problem in extractor.metadata.problems:
                warn(problem)
            extractor.metadata.problems.clear()
        for problem in article.problems:
            warn(problem)
        was = by_path.get(article.path)
        article = _identify(article, store.manifest.articles, by_path, replace, warn, path)
        if was and was != article.id:  # replacing: the file leaves the name it was given before
            drop(store, [was])
        by_path[article.path] = article.id
        entry = store.manifest.articles.get(article.id)
        if entry and entry["sha256"] == article.sha256:
            report.unchanged += 1
            report.unchanged_ids.append(article.id)
            continue
        if entry and entry["path"] != article.path:
            warn(f"{path} replaces the article {article.id} (from {entry['path']}), as asked")
        chunks = chunk_article(article, embedder.count_tokens, config.chunk_tokens)
        if not chunks:
            report.skipped.append(f"{path}: no text to index")
            warn(f"skipped {report.skipped[-1]}")
            continue
        store.delete_article(article.id)
        store.save_text(article)
        _index_sentences(store, embedder, article, chunks)
        pending.extend((c, heading(article, c.lang)) for c in chunks)
        store.manifest.articles[article.id] = _manifest_entry(article, len(chunks))
        report.changed_ids.append(article.id)
        if entry:
            report.updated += 1
        else:
            report.added += 1
        if len(pending) >= EMBED_BATCH:
            _flush(store, embedder, pending)
    _flush(store, embedder, pending)
    bar.close()


def _identify(article: Article, known: dict[str, dict], by_path: dict[str, str], replace: bool,
              warn: Callable[[str], None], label: Path) -> Article:
    """The id a file has in the index. A file keeps the id it was given (found by its path);
    a new file is known by its name, unless an article from another file already has that name:
    then it gets a name of its own (`name-2.txt`) and the user is told, for a same-named file
    must never silently replace another article. `replace` makes a file take its own name,
    replacing the article of that name."""
    if replace:
        return article
    if article.path in by_path:
        return dataclasses.replace(article, id=by_path[article.path])
    taken = known.get(article.id)
    if taken is None or replace:
        return article
    stem, dot, ext = article.id.rpartition(".")
    stem, ext = (stem, dot + ext) if stem else (article.id, "")
    n = 2
    while f"{stem}-{n}{ext}" in known:
        n += 1
    new_id = f"{stem}-{n}{ext}"
    warn(f"{label}: an article named {article.id} is already in the index (from {taken['path']}); "
         f"this file is added as {new_id} (replacing that article must be asked for: "
         f"`qa ingest --replace`, or \"Replace\" in the Library)")
    return dataclasses.replace(article, id=new_id)


def _flush(store: Store, embedder: Embedder, pending: list[tuple[Chunk, str]]) -> None:
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    if not pending:
        return
    vectors = embedder.embed_passages([c.embed_text(h) for c, h in pending])
    nodes = []
    for (chunk, head), vec in zip(pending, vectors, strict=True):
        node = TextNode(id_=chunk.id, text=chunk.text, metadata=chunk_metadata(chunk, head),
                        embedding=vec.tolist())
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=chunk.article_id)
        nodes.append(node)
    store.add_nodes(nodes)
    pending.clear()


def answer_sentences(chunk: Chunk) -> list[tuple[int, int]]:
    """The sentences the answerer may quote from a chunk, as absolute offsets in the file."""
    return [(chunk.start + s, chunk.start + e) for s, e in split_sentences(chunk.text)
            if substantive(chunk.text[s:e])]


def _index_sentences(store: Store, embedder: Embedder, article: Article, chunks: list[Chunk]) -> None:
    """Embed every quotable sentence once, and link each to its translation when the article
    holds both languages."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in chunks:
        spans.setdefault(c.lang, []).extend(answer_sentences(c))
    spans = {lang: sorted(set(v)) for lang, v in spans.items()}
    vecs = {lang: embedder.embed_passages([article.text[s:e] for s, e in v]) for lang, v in spans.items()}
    other: dict[tuple[int, int], tuple[int, int]] = {}
    if "en" in spans and "zh" in spans:
        en_zh, zh_en = counterparts(spans["en"], vecs["en"], spans["zh"], vecs["zh"])
        other = en_zh | zh_en
    ids, rows, metas = [], [], []
    for lang, v in spans.items():
        for (s, e), vec in zip(v, vecs[lang], strict=True):
            ps, pe = other.get((s, e), (-1, -1))
            ids.append(sentence_key(article.id, s, e))
            rows.append(vec.tolist())
            metas.append({"article_id": article.id, "lang": lang, "start": s, "end": e,
                          "parallel_start": ps, "parallel_end": pe,
                          "parallel_text": article.text[ps:pe] if ps >= 0 else ""})
    if ids:
        store.add_sentences(ids, rows, metas)


def _manifest_entry(article: Article, chunks: int) -> dict:
    return {
        "path": article.path, "sha256": article.sha256, "title": article.title,
        "title_zh": article.title_zh, "date": article.date, "date_end": article.date_end,
        "languages": article.languages, "chunks": chunks, "publication": article.publication,
        "file_sha256": article.file_sha256 or article.sha256, "pages": len(article.pages),
        "ocr": any(p.ocr for p in article.pages),
        # What questions may pin an article by: conferences it names and years it mentions.
        "ordinals": sorted(conference_ordinals(article.title + "\n" + article.text)),
        "years": sorted(years(article.text)),
    }


def _drop_orphans(store: Store) -> None:
    """Chunks of articles the manifest does not list: left by an interrupted run."""
    known = list(store.manifest.articles)
    if store.collection.count() == sum(a["chunks"] for a in store.manifest.articles.values()):
        return
    where = {"article_id": {"$nin": known}} if known else {"article_id": {"$ne": ""}}
    store.collection.delete(where=where)
    store.sentences.delete(where=where)


def _swap_in(built: Path, target: Path) -> None:
    swap_folder(built, target, side_folder(target, OLD))
