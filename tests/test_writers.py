"""Writers of one index, as users run them: two ingests at once, a killed build. Nothing is lost
and nothing is left behind."""

import os
import shutil
import signal
import subprocess
import sys
import time

from qa.config import Config
from qa.index import Store
from qa.writelock import writing

from .conftest import QA_BIN, SEEDS


def _folder(tmp_path, name, seeds):
    src = tmp_path / name
    src.mkdir()
    for s in seeds:
        shutil.copy(SEEDS / s, src / s)
    return src


def _notes(tmp_path, name, titles):
    """Short dated articles: what the lock guards does not depend on their length, and embedding
    whole seeds made these tests the suite's slowest."""
    src = tmp_path / name
    src.mkdir()
    for i, title in enumerate(titles):
        (src / f"{title.lower().replace(' ', '_')}.txt").write_text(
            f"Title: {title}\nDate: 1955-0{i + 1}-1{i}\n\n"
            f"The {title.lower()} met in 1955 and reported its work.\n",
            encoding="utf-8")
    return src


def _popen(*args, index):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env["QA_INDEX_DIR"] = str(index)
    return subprocess.Popen([QA_BIN, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _articles(index):
    store = Store.open(Config.from_env(env={}, index_dir=index))
    try:
        return sorted(store.manifest.articles)
    finally:
        store.close()


def test_two_ingests_at_once_both_keep_their_articles(tmp_path):
    a = _notes(tmp_path, "a", ["Tanners Cooperative", "Weavers Cooperative"])
    b = _notes(tmp_path, "b", ["Smiths Cooperative", "Potters Cooperative"])
    index = tmp_path / "idx"
    procs = [_popen("ingest", str(f), "--quiet", index=index) for f in (a, b)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _articles(index) == sorted(os.listdir(a) + os.listdir(b))
    # and on the index that now exists, two updates at once
    c = _notes(tmp_path, "c", ["Carpenters Cooperative"])
    d = tmp_path / "d"
    d.mkdir()
    (d / "note.txt").write_text("A note\n\nThe cooperative met in May 1956.\n", encoding="utf-8")
    procs = [_popen("ingest", str(f), "--quiet", index=index) for f in (c, d)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert _articles(index) == sorted(os.listdir(a) + os.listdir(b) + os.listdir(c) + ["note.txt"])
    Store.open(Config.from_env(env={}, index_dir=index)).close()  # complete: vectors match


def test_a_second_writer_waits_for_the_first(tmp_path):
    src = _notes(tmp_path, "a", ["Tanners Cooperative"])
    index = tmp_path / "idx"
    with writing(index):
        p = _popen("ingest", str(src), "--quiet", index=index)
        time.sleep(8)  # long enough for the embedder to load and the ingest to reach the lock
        assert p.poll() is None and not index.exists()
    out, err = p.communicate(timeout=600)
    assert p.returncode == 0 and "waiting for it to finish" in err
    assert _articles(index) == ["tanners_cooperative.txt"]


def test_a_killed_first_build_leaves_nothing_after_the_next_run(tmp_path):
    src = _folder(tmp_path, "a", ["001_9fe5e06e1cbca207.txt", "003_efffe6ba8053c025.txt"])
    index = tmp_path / "idx"
    p = _popen("ingest", str(src), "--quiet", index=index)
    building = tmp_path / f".idx.building-{p.pid}"
    deadline = time.time() + 120
    while not building.exists() and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    assert building.exists(), "the build folder never appeared"
    time.sleep(0.5)
    p.send_signal(signal.SIGKILL)
    p.wait()
    assert building.exists() and not index.exists()
    again = subprocess.run([QA_BIN, "ingest", str(src), "--quiet"], capture_output=True, text=True,
                           env={**{k: v for k, v in os.environ.items() if not k.startswith("QA_")},
                                "QA_INDEX_DIR": str(index)}, timeout=600)
    assert again.returncode == 0, again.stderr
    assert not list(tmp_path.glob(".idx.building-*")) and not list(tmp_path.glob(".idx.old-*"))
    assert len(_articles(index)) == 2


def test_the_lock_is_released_when_its_holder_dies(tmp_path):
    index = tmp_path / "idx"
    code = ("import sys, time; from pathlib import Path; from qa.writelock import writing\n"
            f"with writing(Path({str(index)!r})):\n    print('held', flush=True); time.sleep(600)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    t0 = time.monotonic()
    with writing(index):
        assert time.monotonic() - t0 < 5
