"""The index's files kept on the Chroma server beside its vectors, so that every process using
the server answers from the same ones: the manifest, the keyword index, the stored article texts
and pages, the word tables.

With `QA_CHROMA_SERVER` the index folder is each process's copy of what the server holds. A writer
(`qa ingest`, `qa remove`, an upload) brings its copy up to date, writes, then publishes it; a
reader brings its copy up to date when it opens the index and whenever the server's listing
changes (the app checks once a question).

On the server the files are a Chroma collection of their own, `<collection>-files`: each file's
bytes once, named by their hash (base64 in the record's document, split in parts), and one record,
HEAD, listing what the index holds (each file's path and hash). HEAD is written last: it is the
commit point, as the manifest is in a folder. Chroma has no key-value store, and an index served
by Chroma should need nothing else (no shared disk, no second server); a record per file part
is what its API offers for that.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

from filelock import FileLock, Timeout

from qa.config import Config
from qa.corpus import sha256_file
from qa.errors import QAError
from qa.writelock import PULL, side_folder, swap_folder

HEAD = "HEAD"
LISTING = ".shelf.json"  # in the local copy: the listing it was last brought up to (or published as)
LOCAL = ("chroma",)  # the embedded store's folder: never shared (a server holds the vectors)
PART = 4 << 20  # characters of base64 per record: well under what an HTTP request should carry
SUFFIX = "-files"


def _shared(relpath: str) -> bool:
    parts = relpath.split("/")
    return parts[0] not in LOCAL and not any(p.startswith(".") for p in parts)


def shared_paths(index_dir: Path) -> list[str]:
    """Every shared file in the folder, by path relative to it."""
    return [rel for path in sorted(index_dir.rglob("*"))
            if path.is_file() and _shared(rel := path.relative_to(index_dir).as_posix())]


def local_listing(index_dir: Path) -> dict[str, str]:
    """Every shared file in the folder with its hash (each read: a listing written before may not
    match files a writer killed midway left)."""
    return {rel: sha256_file(index_dir / rel) for rel in shared_paths(index_dir)}


class Shelf:
    """The files collection on one Chroma server."""

    def __init__(self, config: Config) -> None:
        from qa.index import chroma_client

        self.where = config.chroma_server
        try:
            self.collection = chroma_client(config, config.index_dir).get_or_create_collection(
                config.collection + SUFFIX, embedding_function=None)
        except QAError:
            raise
        except Exception as e:  # chromadb raises many kinds for a server it cannot reach
            raise QAError(f"the Chroma server at {self.where} cannot be reached ({type(e).__name__}: "
                          f"{str(e).splitlines()[0] if str(e) else ''})") from None

    # --- reading --------------------------------------------------------------------------------
    def head(self) -> dict | None:
        """The published listing ({"generation", "files": {path: sha}}), or None before any."""
        got = self.collection.get(ids=[HEAD], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def generation(self) -> str | None:
        got = self.collection.get(ids=[HEAD], include=["metadatas"])
        return got["metadatas"][0]["generation"] if got["ids"] else None

    def _blob(self, sha: str) -> bytes:
        got = self.collection.get(where={"blob": sha}, include=["documents", "metadatas"])
        parts = sorted(zip(got["metadatas"], got["documents"], strict=True), key=lambda p: p[0]["part"])
        if not parts or len(parts) != parts[0][0]["parts"]:
            raise QAError(f"the Chroma server at {self.where} lacks part of a file ({sha[:12]}); was "
                          f"a publish interrupted? Run `qa ingest` again to repair it")
        data = base64.b64decode("".join(doc for _, doc in parts))
        if hashlib.sha256(data).hexdigest() != sha:
            raise QAError(f"a file on the Chroma server at {self.where} is damaged ({sha[:12]}); "
                          f"run `qa ingest --rebuild` to write it again")
        return data

    def pull(self, index_dir: Path) -> bool:
        """Bring the folder up to what the server lists: fetch the files whose hash differs, move
        them in (the keyword folder whole, the manifest last), drop shared files it no longer
        lists. Nothing when it already matches, or before anything was published (a folder from
        before the shelf is then published by its next write). Returns whether it changed."""
        head = self.head()
        if head is None:
            return False
        if _read_listing(index_dir).get("generation") == head["generation"]:
            return False
        files: dict[str, str] = head["files"]
        have = local_listing(index_dir) if index_dir.exists() else {}
        changed = {rel for rel, sha in files.items() if have.get(rel) != sha}
        # A folder read as a whole (the keyword index) is swapped whole when any file of it
        # changed, its unchanged files copied beside the new; texts, each named by its content,
        # are only ever added: the thousands unchanged are not touched.
        whole = {rel.split("/", 1)[0] for rel in changed if "/" in rel} - {"texts"}
        staged = changed | {rel for rel in files if rel.split("/", 1)[0] in whole}
        stage = side_folder(index_dir, PULL)
        shutil.rmtree(stage, ignore_errors=True)
        try:
            for rel in sorted(staged):
                target = stage / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                if rel in changed:
                    target.write_bytes(self._blob(files[rel]))
                else:
                    shutil.copyfile(index_dir / rel, target)
            index_dir.mkdir(parents=True, exist_ok=True)
            _move_in(stage, index_dir, files)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        _write_listing(index_dir, head)
        return True

    # --- writing --------------------------------------------------------------------------------
    def push(self, index_dir: Path) -> str:
        """Publish the folder: the files the server lacks, then HEAD; then drop the blobs neither
        the new nor the previous listing names (a reader may still be fetching the previous)."""
        files = local_listing(index_dir)
        previous = self.head()
        stored = set(m["blob"] for m in self.collection.get(where={"part": 0}, include=["metadatas"])
                     ["metadatas"])
        for rel, sha in files.items():
            if sha not in stored:
                self._put(sha, (index_dir / rel).read_bytes())
                stored.add(sha)
        generation = f"{time.time():.6f}-{os.getpid()}"
        head = {"generation": generation, "files": files}
        self.collection.upsert(ids=[HEAD], documents=[json.dumps(head)], embeddings=[[0.0]],
                               metadatas=[{"generation": generation}])
        keep = set(files.values()) | set((previous or {}).get("files", {}).values())
        gone = [sha for sha in stored if sha not in keep]
        for i in range(0, len(gone), 100):
            self.collection.delete(where={"blob": {"$in": gone[i:i + 100]}})
        _write_listing(index_dir, head)
        return generation

    def _put(self, sha: str, data: bytes) -> None:
        text = base64.b64encode(data).decode("ascii")
        n = max(1, -(-len(text) // PART))
        # Parts after the first go in first: a blob is listed as stored once its part 0 is there.
        for part in [*range(1, n), 0]:
            self.collection.upsert(ids=[f"{sha}#{part}"], documents=[text[part * PART:(part + 1) * PART]],
                                   embeddings=[[0.0]], metadatas=[{"blob": sha, "part": part, "parts": n}])


def _move_in(stage: Path, index_dir: Path, files: dict[str, str]) -> None:
    """Staged files into the folder: texts one by one (named by their content, so a reader never
    sees one half-written), the keyword folder swapped whole, the manifest last; shared files no
    longer listed are dropped."""
    for top in sorted((p.name for p in stage.iterdir()) if stage.exists() else [],
                      key=lambda t: t == "manifest.json"):
        src, dst = stage / top, index_dir / top
        if src.is_dir() and top != "texts":
            swap_folder(src, dst)
        elif src.is_dir():
            dst.mkdir(exist_ok=True)
            for f in src.iterdir():
                os.replace(f, dst / f.name)
        else:
            os.replace(src, dst)
    for rel in set(shared_paths(index_dir)) - set(files):
        (index_dir / rel).unlink(missing_ok=True)


def _read_listing(index_dir: Path) -> dict:
    try:
        return json.loads((index_dir / LISTING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_listing(index_dir: Path, head: dict) -> None:
    tmp = index_dir / f"{LISTING}.tmp"
    tmp.write_text(json.dumps(head), encoding="utf-8")
    os.replace(tmp, index_dir / LISTING)


def mirror(config: Config, locked: bool = False) -> bool:
    """With a Chroma server, bring the index folder up to what the server holds (nothing for an
    embedded index). `locked`: the caller, a writer, holds the index's lock. Otherwise a writer on
    this machine holding it is left alone: what it publishes is what the folder will hold.
    Returns whether the folder changed."""
    if not config.chroma_server:
        return False
    if locked:
        return Shelf(config).pull(config.index_dir)
    from qa.writelock import lock_path

    config.index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(config.index_dir.absolute())))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return False
    try:
        return Shelf(config).pull(config.index_dir)
    finally:
        lock.release()
