"""One writer at a time per index: an OS file lock beside the index folder.

Two ingests on one index used to run side by side, and one deleted the other's articles as
orphans (or, on a new index, swapped its own build over the other's). Every writer (`qa ingest`,
the app's upload) now holds this lock for the whole write. It is `filelock`'s `fcntl.flock` lock,
which the operating system releases when the holder dies, so a killed ingest never blocks the
next one. The lock file sits beside the index, not in it, because a first build or a rebuild
moves a whole new folder into the index's place.

With a Chroma server the vectors live on the server and writers may be on other machines; this
lock then only orders the writers of one machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

# Folders a writer makes beside the index and removes when it ends: a killed one leaves them.
BUILDING = "building"
OLD = "old"
PULL = "pull"  # a copy fetched from a Chroma server (qa.shelf), before it is moved in


def lock_path(index_dir: Path) -> Path:
    return index_dir.parent / f".{index_dir.name}.lock"


def side_folder(index_dir: Path, kind: str, pid: int | None = None) -> Path:
    """A writer's work folder beside the index, named for its process."""
    return index_dir.parent / f".{index_dir.name}.{kind}-{pid or os.getpid()}"


@contextmanager
def writing(index_dir: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the index's writer lock; if another writer has it, say so once and wait."""
    index_dir = Path(index_dir).absolute()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(index_dir)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting:
            waiting(f"another process is writing to the index at {index_dir}; waiting for it "
                    f"to finish")
        lock.acquire()
    try:
        remove_stale(index_dir)
        yield
    finally:
        lock.release()


def remove_stale(index_dir: Path) -> list[Path]:
    """Work folders left beside the index by writers that died (killed mid-build)."""
    removed = []
    for kind in (BUILDING, OLD, PULL):
        for folder in index_dir.parent.glob(f".{index_dir.name}.{kind}-*"):
            pid = folder.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def swap_folder(new: Path, dest: Path, old: Path | None = None) -> None:
    """Put the folder `new` in the place of `dest` (if any): the old one is moved aside, then
    removed, so a reader sees the old folder or the new one, never a mix. `old`: where it is put
    aside (default: beside it, `.NAME.old`)."""
    old = old or dest.parent / f".{dest.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(new, dest)
    shutil.rmtree(old, ignore_errors=True)
