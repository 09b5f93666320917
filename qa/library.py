"""The library a long-running app serves: one pipeline shared by every session, the articles it
holds, and adding documents while others ask.

Questions run concurrently under a shared lock; adding documents takes it exclusively, then swaps
in a pipeline opened on the updated index (the embedder is reused, never reloaded); so does
removing articles.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from qa.config import Config
from qa.corpus import UnreadableFile, sha256_bytes
from qa.embedding import Embedder
from qa.extract import Extractor
from qa.index import MANIFEST
from qa.pipeline import Pipeline
from qa.records import Answer, Article


class ReadWriteLock:
    """Many readers or one writer. Hand-written: the standard library has no such lock, and this
    is the whole of what is needed (writers wait for readers to leave; new readers wait for a
    waiting writer, so an upload is not starved by a stream of questions)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._writers_waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass
class UploadResult:
    added: list[str]  # new or changed articles, now in the index
    unchanged: list[str]  # already in the index with the same content
    refused: list[str]  # one line each: the file and why
    summary: str
    notices: list[str] = field(default_factory=list)  # taken in, but the user should know (renamed)


class Library:
    def __init__(self, config: Config, pipeline: Pipeline) -> None:
        self.config = config
        self.pipeline = pipeline
        self.embedder: Embedder = pipeline.embedder
        self.lock = ReadWriteLock()
        self._shelf = None
        self._stamp = self._manifest_stamp()

    @classmethod
    def load(cls, config: Config, log: Callable[[str], None] | None = None) -> Library:
        return cls(config, Pipeline.load(config, log=log))

    # --- keeping up with other writers --------------------------------------------------------
    def _manifest_stamp(self) -> tuple[int, int] | str | None:
        """What changes when a writer commits: the manifest file, or with a Chroma server the
        generation it lists as published (qa.shelf)."""
        if self.config.chroma_server:
            from qa.shelf import Shelf

            if self._shelf is None:
                self._shelf = Shelf(self.config)
            return self._shelf.generation()
        try:
            st = (self.config.index_dir / MANIFEST).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_ino

    def refresh(self) -> bool:
        """Open the index anew when another process (`qa ingest`) has committed to it since: the
        manifest is the commit point, so a changed manifest means a new index to answer from.
        One stat a question (with a Chroma server, one request for its published generation);
        the reload takes the write lock, like an upload."""
        stamp = self._manifest_stamp()
        if stamp is None or stamp == self._stamp:
            return False
        with self.lock.write():
            if stamp == self._stamp:  # another thread got here first
                return False
            self.pipeline.close()
            self.pipeline = Pipeline.load(self.config, embedder=self.embedder, log=lambda _: None,
                                          llm=self.pipeline.llm)
            self._stamp = stamp
        return True

    # --- reading -------------------------------------------------------------------------------
    def ask(self, question: str, top_k: int | None = None, since: str | None = None,
            until: str | None = None, sources: Iterable[str] = (), languages: Iterable[str] = (),
            publications: Iterable[str] = ()) -> Answer:
        self.refresh()
        with self.lock.read():
            return self.pipeline.ask(question, top_k, since, until, sources=sources, languages=languages,
                                     publications=publications)

    def ask_stream(self, question: str, top_k: int | None = None, since: str | None = None,
                   until: str | None = None, use_llm: bool = True, prefer: Iterable[str] = (),
                   context: str = "", about: str = "", recite: list | None = None,
                   sources: Iterable[str] = (), lean: Iterable[str] = (), languages: Iterable[str] = (),
                   publications: Iterable[str] = ()) -> Iterator[str | Answer]:
        self.refresh()
        with self.lock.read():
            yield from self.pipeline.ask_stream(question, top_k, since, until, use_llm, prefer, context,
                                                about, recite, sources=sources, lean=lean,
                                                languages=languages, publications=publications)

    @property
    def llm(self):
        return self.pipeline.llm

    def use_llm(self, spec: str, base_url: str = "") -> None:
        """Switch the language model for everyone using this app ("" = extractive). A bad setting
        raises a one-line error and changes nothing."""
        from qa.llm import make_llm

        config = replace(self.config, llm=spec.strip(),
                         llm_base_url=base_url.strip() or self.config.llm_base_url)
        llm = make_llm(config)
        with self.lock.write():
            self.config = config
            self.pipeline.config = config
            self.pipeline.llm = llm

    def articles(self) -> list[dict]:
        """Every article in the index, oldest first (undated last)."""
        self.refresh()
        with self.lock.read():
            items = [{"id": k, **v} for k, v in self.pipeline.store.manifest.articles.items()]
        return sorted(items, key=lambda a: (a.get("date") is None, a.get("date") or "", a["id"]))

    def publications(self) -> list[str]:
        """The publications the articles name, for choosing a scope."""
        from qa.scope import publications

        self.refresh()
        with self.lock.read():
            store = self.pipeline.store
            return publications(store.manifest.articles, store.publication)

    def article(self, article_id: str) -> Article:
        """The article as the index holds it (what its quotes point into), not its file now."""
        with self.lock.read():
            return self.pipeline.store.article(article_id)

    # --- adding --------------------------------------------------------------------------------
    def add(self, files: list[Path], progress: bool = True, replace: bool = False) -> UploadResult:
        """Check every file first; refuse the unusable ones, each with its reason, copy the good
        ones into the uploads folder (so the index points at files that stay) and ingest them.
        A file named like one uploaded before, or like an article already in the index, never
        replaces it unless `replace` says so: it is kept and indexed under a name of its own,
        and the result says which."""
        from qa.ingest import ingest

        refused, good, notices = [], [], []
        # OCR'd pages are kept in the cache while checking: the ingest reads them from there.
        extractor = Extractor(self.config.ocr_langs, self.config.cache_dir, self.config.max_file_bytes)
        for f in files:
            try:
                article = extractor.read(f)  # what cannot be read is refused here, with its reason
                good.append((f, article.file_sha256 or article.sha256))
            except UnreadableFile as e:
                refused.append(str(e).replace(str(f.parent) + "/", ""))
        if not good:
            return UploadResult([], [], refused, "nothing added", notices)
        dest = self.config.uploads_dir
        dest.mkdir(parents=True, exist_ok=True)
        kept = []
        for f, sha in good:
            target = dest / f.name
            if target.exists() and not replace and sha256_bytes(target.read_bytes()) != sha:
                target = _free_name(dest, f.name)
                notices.append(f"{f.name}: a different file of that name was uploaded before and "
                               f"is kept; this one is saved as {target.name}")
            shutil.copyfile(f, target)
            kept.append(target)
        with self._writing():
            report = ingest(self.config, self.embedder, kept, progress=progress, replace=replace,
                            warn=lambda m: notices.append(m.replace(str(dest) + "/", "")))
        refused += [s.replace(str(dest) + "/", "") for s in report.skipped]
        notices = [n for n in notices if not n.startswith("skipped ")]
        return UploadResult(report.changed_ids, report.unchanged_ids, refused, report.summary(), notices)

    # --- removing ------------------------------------------------------------------------------
    def remove(self, article_ids: list[str]) -> list[str]:
        """Take articles out of the index (their files, and uploaded copies, stay on disk). An id
        the index does not hold is a one-line error and nothing is removed."""
        from qa.removal import remove

        with self._writing():
            return remove(self.config, article_ids, warn=lambda _: None)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Questions wait while the index is written; chromadb shares one client per folder, so
        the pipeline's is let go before the write opens its own, and a fresh pipeline is opened
        on the result (whether the write succeeded or not)."""
        with self.lock.write():
            self.pipeline.close()
            try:
                yield
            finally:
                self.pipeline = Pipeline.load(self.config, embedder=self.embedder, log=lambda _: None,
                                              llm=self.pipeline.llm)
                self._stamp = self._manifest_stamp()

    def close(self) -> None:
        self.pipeline.close()


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while (folder / f"{stem}-{n}{suffix}").exists():
        n += 1
    return folder / f"{stem}-{n}{suffix}"
