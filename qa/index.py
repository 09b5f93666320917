"""The persisted index: a Chroma collection (vectors, chunk texts, metadata), the keyword index
beside it, and a manifest. The manifest is written last, atomically: it is the commit point, so
an interrupted ingest never leaves an index that claims what it does not hold."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import Config
from qa.errors import IndexCorruptError, IndexMissingError, QAError
from qa.extract import layout
from qa.records import Article, Chunk, Page
from qa.writelock import swap_folder

FORMAT = 1
MANIFEST = "manifest.json"
KEYWORD_DIR = "keyword"
TEXTS_DIR = "texts"
PAGES_SUFFIX = ".pages.json"  # beside an extracted text: its pages and word boxes
CHROMA_DIR = "chroma"
SENTENCES = "-sentences"
UNDATED_FROM, UNDATED_TO = 99_999_999, 0  # fail every date filter


def date_int(iso: str | None, default: int) -> int:
    """A date as a number for Chroma's filters (19550109). A partial date ("1955", "1955-03")
    stands for its whole span: its first day as a lower bound, its last as an upper one (the
    default says which: UNDATED_FROM is a lower bound's)."""
    if not iso:
        return default
    digits = iso.replace("-", "")
    if len(digits) < 8:
        digits += ("0101" if default == UNDATED_FROM else "1231")[len(digits) - 4:]
    return int(digits)


def chunk_metadata(chunk: Chunk, heading: str) -> dict[str, Any]:
    return {
        "article_id": chunk.article_id, "title": chunk.title, "heading": heading,
        "date": chunk.date or "", "date_end": chunk.date_end or "",
        "date_from": date_int(chunk.date, UNDATED_FROM),
        "date_to": date_int(chunk.date_end or chunk.date, UNDATED_TO),
        "lang": chunk.lang, "start": chunk.start, "end": chunk.end, "ordinal": chunk.ordinal,
    }


def chunk_from(node_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        id=node_id, article_id=meta["article_id"], title=meta["title"],
        date=meta.get("date") or None, date_end=meta.get("date_end") or None,
        lang=meta["lang"], start=int(meta["start"]), end=int(meta["end"]), text=text,
        ordinal=int(meta.get("ordinal", 0)),
    )


@dataclass
class Manifest:
    embed_model: str
    dim: int
    articles: dict[str, dict[str, Any]]
    chunks: int = 0
    updated: float = 0.0
    # (the `updated` stamp it was computed at, the century): derived, recomputed when it changes.
    _century: tuple[float | None, int | None] = field(default=(None, None), init=False, repr=False,
                                                      compare=False)

    @classmethod
    def empty(cls, embed_model: str, dim: int) -> Manifest:
        return cls(embed_model=embed_model, dim=dim, articles={})

    @classmethod
    def read(cls, index_dir: Path) -> Manifest:
        path = index_dir / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}")
            return cls(embed_model=data["embed_model"], dim=int(data["dim"]),
                       articles=dict(data["articles"]), chunks=int(data["chunks"]),
                       updated=float(data.get("updated", 0)))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise IndexCorruptError(
                f"the index at {index_dir} is unreadable ({MANIFEST}: {e}); rebuild it with "
                f"`qa ingest --rebuild PATH...`") from None

    def century(self) -> int | None:
        """The century most of the archive's dated articles are in (19 for 1953–1956): what a
        reader's two-digit year ("'55") means in it. None for an undated archive."""
        if self._century[0] != self.updated:
            counts = Counter(d[:2] for a in self.articles.values() if (d := a.get("date")))
            self._century = (self.updated, int(counts.most_common(1)[0][0]) if counts else None)
        return self._century[1]

    def write(self, index_dir: Path) -> None:
        self.updated = time.time()
        data = {"format": FORMAT, "embed_model": self.embed_model, "dim": self.dim,
                "chunks": self.chunks, "updated": self.updated, "articles": self.articles}
        tmp = index_dir / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, index_dir / MANIFEST)


def index_exists(index_dir: Path) -> bool:
    return (index_dir / MANIFEST).exists()


class Store:
    """Opens (or creates) the index; reads and writes chunks. One process writes at a time."""

    def __init__(self, config: Config, index_dir: Path, manifest: Manifest, create: bool) -> None:
        self.config = config
        self.index_dir = index_dir
        self.manifest = manifest
        self.collection = _open_collection(config, index_dir, create)
        # One vector per answer sentence (passage-encoded) with its parallel span in the other
        # language: answering scores sentences without encoding them again.
        self.sentences = _open_collection(config, index_dir, create, config.collection + SENTENCES)
        self._vector_store = None
        self._keyword = None
        self._pages: dict[str, list[Page]] = {}

    @classmethod
    def open(cls, config: Config, index_dir: Path | None = None) -> Store:
        from qa.shelf import mirror

        index_dir = index_dir or config.index_dir
        if index_dir == config.index_dir:
            mirror(config)
        if not index_exists(index_dir):
            raise IndexMissingError(
                f"no index at {index_dir}; build one with `qa ingest [PATH...]` "
                f"(with no PATH it ingests {config.seeds_dir})")
        store = cls(config, index_dir, Manifest.read(index_dir), create=False)
        store.check()
        return store

    @classmethod
    def create(cls, config: Config, index_dir: Path, embed_model: str, dim: int) -> Store:
        index_dir.mkdir(parents=True, exist_ok=True)
        return cls(config, index_dir, Manifest.empty(embed_model, dim), create=True)

    def check(self) -> None:
        """The collection must hold exactly what the manifest says."""
        try:
            count = self.collection.count()
        except Exception as e:  # chromadb raises many kinds on a damaged store
            raise IndexCorruptError(f"the vector store in {self.index_dir} is unreadable ({e}); "
                                    f"rebuild it with `qa ingest --rebuild PATH...`") from None
        if count != self.manifest.chunks:
            raise IndexCorruptError(
                f"the index at {self.index_dir} is incomplete ({count} chunks stored, "
                f"{self.manifest.chunks} expected; was an ingest interrupted?); run `qa ingest` "
                f"again with the same paths to repair it")

    @property
    def vector_store(self):
        """The collection as llama-index's vector store, made when first asked for: `qa remove`
        never needs it, and importing llama-index is most of its second."""
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.collection)
        return self._vector_store

    # --- reading ------------------------------------------------------------------------------
    def keyword(self, top_k: int | None = None):
        """The keyword index, loaded once and shared; `top_k` sets how many hits it returns
        (None leaves that as it is: a reader of its postings must not change it for others)."""
        from qa.keyword import KeywordRetriever

        if self._keyword is None:
            try:
                self._keyword = KeywordRetriever.load(self.index_dir / KEYWORD_DIR,
                                                      top_k or self.config.fetch_k)
            except Exception as e:  # bm25s raises OSError, ValueError, JSON errors...
                raise IndexCorruptError(
                    f"the keyword index in {self.index_dir} is unreadable ({type(e).__name__}); "
                    f"rebuild it with `qa ingest --rebuild PATH...`") from None
            if self._keyword.size != self.manifest.chunks:
                raise IndexCorruptError(
                    f"the keyword index in {self.index_dir} is out of step with the vectors; run "
                    f"`qa ingest` again to repair it")
        if top_k is not None:
            self._keyword.similarity_top_k = top_k
        return self._keyword

    def all_chunks(self, batch: int = 1000) -> list[tuple[str, str, dict[str, Any]]]:
        out = []
        offset = 0
        while True:
            got = self.collection.get(include=["documents", "metadatas"], limit=batch,
                                      offset=offset)
            ids = got["ids"]
            if not ids:
                break
            out.extend(zip(ids, got["documents"], got["metadatas"], strict=True))
            offset += len(ids)
        return out


    def sentence_rows(self, keys: list[str]) -> dict[str, tuple[Any, dict[str, Any]]]:
        """Stored sentence vectors and metadata by key (`sentence_key`); absent keys are left out."""
        if not keys:
            return {}
        got = self.sentences.get(ids=list(dict.fromkeys(keys)), include=["embeddings", "metadatas"])
        return {i: (v, m) for i, v, m in zip(got["ids"], got["embeddings"], got["metadatas"], strict=True)}

    def language_direction(self, sample: int = 2000) -> np.ndarray | None:
        """Mean Chinese vector minus mean English vector over sentences aligned with their
        translation (a sample): a question's cosine with it is how much more it favours a
        sentence's Chinese than its English, the same content. None without bilingual articles."""
        got = self.sentences.get(where={"$and": [{"lang": "zh"}, {"parallel_start": {"$gte": 0}}]},
                                 include=["embeddings", "metadatas"], limit=sample)
        if not got["ids"]:
            return None
        keys = [sentence_key(m["article_id"], m["parallel_start"], m["parallel_end"])
                for m in got["metadatas"]]
        zh = dict(zip(keys, got["embeddings"], strict=True))
        en = self.sentences.get(ids=list(dict.fromkeys(keys)), include=["embeddings"])
        pairs = [(zh[k], v) for k, v in zip(en["ids"], en["embeddings"], strict=True) if k in zh]
        if not pairs:
            return None
        return np.mean([np.asarray(a) - np.asarray(b) for a, b in pairs], axis=0)

    def article(self, article_id: str) -> Article:
        """The article as it was ingested: its stored text is what every offset and quote
        refers to, even after its file was edited, moved or deleted."""
        from qa.corpus import UnreadableFile, parse_article

        entry, data = self._stored(article_id)
        try:
            article = parse_article(article_id, entry["path"], data)
        except UnreadableFile as e:
            raise QAError(f"the text of {article_id} cannot be read: {e}") from None
        return dataclasses.replace(article, sha256=entry["sha256"], pages=self.pages(article_id),
                                   file_sha256=entry.get("file_sha256"))

    def pages(self, article_id: str) -> list[Page]:
        """A paged file's pages (qa.extract): each one's span of the text and its words' boxes;
        [] for a text file. Read once per article."""
        entry = self.manifest.articles.get(article_id)
        if entry is None or not entry.get("pages"):
            return []
        key = entry["sha256"]
        if key not in self._pages:
            f = self.index_dir / TEXTS_DIR / f"{key}{PAGES_SUFFIX}"
            try:
                self._pages[key] = layout.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, IndexError) as e:
                raise QAError(f"the pages of {article_id} cannot be read ({f}: {e}); run "
                              f"`qa ingest --rebuild` to extract them again") from None
        return self._pages[key]

    def text(self, article_id: str) -> str:
        """The article's stored text alone (what `article(...).text` is), without reading its
        header and sections: search reads thousands of them."""
        from qa.corpus import UnreadableFile, decode

        entry, data = self._stored(article_id)
        try:
            return decode(entry["path"], data)
        except UnreadableFile as e:
            raise QAError(f"the text of {article_id} cannot be read: {e}") from None

    def _stored(self, article_id: str) -> tuple[dict, bytes]:
        from qa.corpus import UnreadableFile, read_bounded

        entry = self.manifest.articles.get(article_id)
        if entry is None:
            raise QAError(f"no article {article_id!r} in the index")
        stored = self.index_dir / TEXTS_DIR / f"{entry['sha256']}.txt"
        try:
            if stored.exists():
                return entry, stored.read_bytes()
            # An index built before texts were kept: its file, only while unchanged.
            data = read_bounded(Path(entry["path"]), self.config.max_file_bytes)
        except UnreadableFile as e:
            raise QAError(f"the text of {article_id} cannot be read: {e}") from None
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise QAError(f"the text of {article_id} cannot be read: {entry['path']}: changed since it "
                          f"was ingested; run `qa ingest` again to index what it says now")
        return entry, data

    def publication(self, article_id: str) -> str | None:
        """The newspaper or journal the article names. Indexes built before the manifest kept it
        read it from the stored text, once per article."""
        entry = self.manifest.articles[article_id]
        if "publication" not in entry:
            try:
                entry["publication"] = self.article(article_id).publication
            except QAError:
                entry["publication"] = None
        return entry["publication"]

    # --- writing ------------------------------------------------------------------------------
    def save_text(self, article: Article) -> None:
        """Keep the article's text with the index, named by the file's content hash."""
        folder = self.index_dir / TEXTS_DIR
        folder.mkdir(exist_ok=True)
        path = folder / f"{article.sha256}.txt"
        if not path.exists():
            tmp = folder / f".{article.sha256}.{os.getpid()}.tmp"
            tmp.write_bytes(article.text.encode("utf-8"))  # bytes: no newline translation
            os.replace(tmp, path)
        if article.pages:
            pages = folder / f"{article.sha256}{PAGES_SUFFIX}"
            tmp = folder / f".{article.sha256}.{os.getpid()}.pages.tmp"
            tmp.write_text(layout.dumps(article.pages), encoding="utf-8")
            os.replace(tmp, pages)

    def drop_unused_texts(self) -> None:
        """Texts no article in the (committed) manifest refers to: replaced or removed ones."""
        folder = self.index_dir / TEXTS_DIR
        if not folder.exists():
            return
        used = {f"{e['sha256']}{end}" for e in self.manifest.articles.values()
                for end in (".txt", PAGES_SUFFIX)}
        for f in folder.iterdir():
            if f.name not in used:
                f.unlink(missing_ok=True)

    def delete_article(self, article_id: str) -> None:
        self.collection.delete(where={"article_id": article_id})
        self.sentences.delete(where={"article_id": article_id})

    def add_sentences(self, ids: list[str], vectors: Any, metadatas: list[dict[str, Any]]) -> None:
        for i in range(0, len(ids), 500):
            self.sentences.upsert(ids=ids[i:i + 500], embeddings=vectors[i:i + 500],
                                  metadatas=metadatas[i:i + 500])

    def add_nodes(self, nodes: list) -> None:
        self.vector_store.add(nodes)

    def rebuild_keyword(self, changed: Iterable[str] | None = None) -> int:
        """Re-index the stored chunks for keyword search; written beside, then swapped in.
        `changed`: the only articles added, changed or removed since the keyword index was last
        written. The other chunks are then taken from that index with their tokens, not read from
        the vector store and tokenized again (bm25s cannot add or drop a document, but indexing
        known tokens is quick). Without it, or without a usable earlier index, every stored chunk
        is read."""
        from llama_index.core.schema import TextNode

        from qa.keyword import KeywordRetriever

        ocred = {aid for aid, e in self.manifest.articles.items() if e.get("ocr")}
        nodes, texts, ocr, words = [], [], [], []
        kept, rows, before = (self._unchanged_keyword_rows(set(changed)) if changed is not None
                              else (None, None, 0))
        if kept is not None and not rows and len(kept) == before == self.collection.count():
            return before  # nothing added, changed or dropped: the index stands as it is (with
            # the rows of articles removed earlier still hidden, qa.tombstones)
        if kept is None:
            rows = self.all_chunks()
        else:
            for row, text, known in kept:
                nodes.append(row)
                texts.append(text)
                ocr.append(row.get("article_id") in ocred)
                words.append(known)
        if kept is not None and len(kept) + len(rows) != self.collection.count():
            return self.rebuild_keyword()  # out of step with the vectors: read them all
        for node_id, text, meta in rows:
            clean = {k: v for k, v in meta.items() if not k.startswith("_") and k not in
                     ("document_id", "doc_id", "ref_doc_id")}
            nodes.append(TextNode(id_=node_id, text=text, metadata=clean))
            texts.append(f"{meta.get('heading', '')}\n{text}")
            ocr.append(meta.get("article_id") in ocred)
            words.append(None)
        final = self.index_dir / KEYWORD_DIR
        tmp = self.index_dir / f".{KEYWORD_DIR}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        if nodes:
            tmp.mkdir(parents=True)
            KeywordRetriever.build(nodes, texts, ocr=ocr, words=words).save(tmp)
        if nodes:
            swap_folder(tmp, final)
        else:  # every article removed: no keyword index
            shutil.rmtree(final, ignore_errors=True)
        self._keyword = None
        return len(nodes)

    def _unchanged_keyword_rows(self, changed: set[str]):
        """The earlier keyword index's rows of articles still in the manifest and not changed,
        each with its text and tokens, the stored chunks of the changed articles, and how many
        live rows that index held (qa.tombstones: not its removed ones); (None, None, 0) when it is
        missing, unreadable, or saved without its tokens."""
        from qa.keyword import KeywordRetriever

        path = self.index_dir / KEYWORD_DIR
        try:
            old = KeywordRetriever.load(path)
        except Exception:  # an unreadable index is rebuilt from the vector store
            return None, None, 0
        words = KeywordRetriever.saved_words(path)
        if words is None or len(words) != len(old.corpus):
            return None, None, 0
        kept = []
        for row, known in zip(old.corpus, words, strict=True):
            article_id = row.get("article_id")
            if article_id in self.manifest.articles and article_id not in changed:
                content = json.loads(row["_node_content"])["text"] if "_node_content" in row else ""
                kept.append((row, f"{row.get('heading', '')}\n{content}", known))
        fresh = [a for a in changed if a in self.manifest.articles]
        rows = []
        for i in range(0, len(fresh), 100):  # Chroma's `$in` with a bounded list
            got = self.collection.get(where={"article_id": {"$in": fresh[i:i + 100]}},
                                      include=["documents", "metadatas"])
            rows.extend(zip(got["ids"], got["documents"], got["metadatas"], strict=True))
        return kept, rows, old.size

    def commit(self) -> None:
        """Write the manifest (the commit point), let go of texts no article refers to any more,
        and, with a Chroma server, publish the folder there for every other process (qa.shelf)."""
        self.manifest.chunks = self.collection.count()
        self.manifest.write(self.index_dir)
        self.drop_unused_texts()
        if self.config.chroma_server:
            from qa.shelf import Shelf

            Shelf(self.config).push(self.index_dir)

    def close(self) -> None:
        _release(self.config, self.index_dir)


def sentence_key(article_id: str, start: int, end: int) -> str:
    return f"{article_id}@{start}-{end}"


def chroma_client(config: Config, index_dir: Path):
    """The Chroma server named by the config, or the embedded store in the index folder."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    logging.getLogger("chromadb").setLevel(logging.ERROR)
    if config.chroma_server:
        host, _, port = config.chroma_server.rpartition(":")
        if not host or not port.isdigit():
            raise QAError(f"QA_CHROMA_SERVER must be host:port, not {config.chroma_server!r}")
        return chromadb.HttpClient(host=host, port=int(port), settings=settings)
    return chromadb.PersistentClient(path=str(index_dir / CHROMA_DIR), settings=settings)


def _open_collection(config: Config, index_dir: Path, create: bool, name: str | None = None):
    try:
        client = chroma_client(config, index_dir)
        name = name or config.collection
        if create:
            return client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"},
                                                   embedding_function=None)
        if name != config.collection:  # an index built before sentence vectors gains them
            try:
                # Opened read-only when it exists: get_or_create writes, and a reader writing
                # while another process searches made that search's results vary.
                return client.get_collection(name, embedding_function=None)
            except Exception:  # chromadb raises NotFoundError or ValueError by version
                return client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"},
                                                       embedding_function=None)
        return client.get_collection(name, embedding_function=None)
    except QAError:
        raise
    except Exception as e:  # chromadb raises many kinds on a damaged or absent store
        where = config.chroma_server or str(index_dir / CHROMA_DIR)
        raise IndexCorruptError(
            f"the vector store at {where} cannot be opened ({type(e).__name__}: "
            f"{str(e).splitlines()[0] if str(e) else ''}); rebuild it with "
            f"`qa ingest --rebuild PATH...`") from None


def _release(config: Config, index_dir: Path) -> None:
    """Drop chromadb's per-path client cache so a folder can be moved or reopened."""
    if config.chroma_server:
        return
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:  # an internal API: losing the cache clear only costs a reopen
        pass
