"""One index, several processes, as a team runs it: two app processes answering from one index
while `qa ingest` and `qa remove` run beside them, on the embedded store (one machine, one folder)
and on a real `chroma run` server (each process with a folder of its own: what the server shares
besides the vectors, it shares through itself). Every write is answered by both apps without a
restart."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import SEEDS, _start_app, _stop, free_port, run_qa

NOTE = ("Title: The Fuzhou Lacquerware Cooperative\nDate: 1956-03-02\n\n"
        "The Fuzhou lacquerware cooperative had 312 members in March 1956, and its bodiless lacquer "
        "vases were sent to the Leipzig fair.\n")
NOTE_Q = "How many members did the Fuzhou lacquerware cooperative have?"
SEED_Q = "When did the Fourth National Handicraft Work Conference conclude?"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path.parent / "chroma.log").open("w")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(path),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("`chroma run` did not start")
            time.sleep(0.2)
    yield f"127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def _ask(client, question: str) -> dict:
    return client.predict(question, "", "", 5, api_name="/ask")


@pytest.mark.parametrize("mode", ["embedded", "server"])
def test_two_apps_answer_what_the_cli_writes_without_a_restart(mode, tmp_path, request):
    from gradio_client import Client

    env = {"QA_SEEDS_DIR": str(SEEDS)}
    if mode == "server":
        env["QA_CHROMA_SERVER"] = request.getfixturevalue("chroma_server")
        dirs = [tmp_path / "writer", tmp_path / "app1", tmp_path / "app2"]  # as on three machines
        got = run_qa("ingest", str(SEEDS), "--quiet", env={**env, "QA_INDEX_DIR": str(dirs[0])})
        assert got.returncode == 0, got.stderr
    else:  # one folder on one machine: a copy of the session's index of the seeds
        request.getfixturevalue("pipeline")
        shutil.copytree(request.getfixturevalue("index_dir"), tmp_path / "index")
        dirs = [tmp_path / "index"] * 3

    apps = []
    try:
        for i, folder in enumerate(dirs[1:]):
            work = tmp_path / f"app{i + 1}-work"
            work.mkdir()
            apps.append(_start_app(None, work, {**env, "QA_INDEX_DIR": str(folder)}))
        clients = [Client(info["url"], verbose=False) for _, _, info in apps]
        for c in clients:
            answer = _ask(c, SEED_Q)
            assert "January 5" in answer["answer"], answer
            assert _ask(c, NOTE_Q)["refused"]

        notes = tmp_path / "notes"
        notes.mkdir()
        (notes / "fuzhou_lacquer.txt").write_text(NOTE, encoding="utf-8")
        got = run_qa("ingest", str(notes), "--quiet", env={**env, "QA_INDEX_DIR": str(dirs[0])})
        assert got.returncode == 0, got.stderr
        for c in clients:
            answer = _ask(c, NOTE_Q)
            assert not answer["refused"] and "312" in answer["answer"], answer
            assert [x["source"] for x in answer["citations"]] == ["fuzhou_lacquer.txt"]

        got = run_qa("remove", "fuzhou_lacquer.txt", env={**env, "QA_INDEX_DIR": str(dirs[0])})
        assert got.returncode == 0, got.stderr
        for c in clients:
            assert _ask(c, NOTE_Q)["refused"]
            assert "January 5" in _ask(c, SEED_Q)["answer"]
    finally:
        for proc, log, _ in apps:
            _stop(proc, log)


def test_shelf_copies_a_folder_through_the_server_in_parts(chroma_server, tmp_path, monkeypatch):
    """What one process publishes another fetches byte for byte, however many parts a file takes;
    a file the index no longer lists leaves every copy, and the server keeps only the blobs of the
    last two listings (a reader may be fetching the one before)."""
    from qa import shelf
    from qa.config import Config

    monkeypatch.setattr(shelf, "PART", 16)  # every file in several records
    writer, reader = tmp_path / "writer", tmp_path / "reader"
    (writer / "texts").mkdir(parents=True)
    (writer / "keyword").mkdir()
    (writer / "chroma").mkdir()  # the embedded store's folder: never shared
    (writer / "manifest.json").write_text('{"articles": {"a": 1}}')
    (writer / "texts" / "a.txt").write_bytes("手工业 cooperatives, 1955\n".encode() * 5)
    (writer / "keyword" / "params.index.json").write_text('{"k1": 1.5}')
    (writer / "chroma" / "x.bin").write_bytes(b"\0" * 10)
    config = Config.from_env(env={}, index_dir=writer, chroma_server=chroma_server,
                             collection="shelf-test")
    box = shelf.Shelf(config)
    first = box.push(writer)
    assert box.generation() == first
    assert box.pull(reader) and not box.pull(reader)  # the second finds it up to date
    assert shelf.local_listing(reader) == shelf.local_listing(writer)
    assert not (reader / "chroma").exists()
    assert (reader / "texts" / "a.txt").read_bytes() == (writer / "texts" / "a.txt").read_bytes()

    (writer / "texts" / "a.txt").unlink()
    (writer / "texts" / "b.txt").write_text("the Fifth conference closed on the 28th")
    box.push(writer)
    assert box.pull(reader)
    assert sorted(p.name for p in (reader / "texts").iterdir()) == ["b.txt"]
    old = hashlib.sha256("手工业 cooperatives, 1955\n".encode() * 5).hexdigest()
    assert box.collection.get(where={"blob": old})["ids"]  # the listing before still has it
    (writer / "manifest.json").write_text('{"articles": {"b": 1}}')
    box.push(writer)
    assert not box.collection.get(where={"blob": old})["ids"]


def test_a_pull_moves_only_what_changed(chroma_server, tmp_path):
    """Thousands of stored texts are not copied again when one article is added: a file the copy
    already holds stays as it is (the same inode), the keyword folder is swapped whole."""
    from qa import shelf
    from qa.config import Config

    writer, reader = tmp_path / "writer", tmp_path / "reader"
    (writer / "texts").mkdir(parents=True)
    (writer / "keyword").mkdir()
    for i in range(3):
        (writer / "texts" / f"t{i}.txt").write_text(f"text {i}")
    (writer / "keyword" / "a.npy").write_text("one")
    (writer / "manifest.json").write_text("{}")
    config = Config.from_env(env={}, index_dir=writer, chroma_server=chroma_server, collection="pull-test")
    box = shelf.Shelf(config)
    box.push(writer)
    box.pull(reader)
    kept = (reader / "texts" / "t0.txt").stat().st_ino
    (writer / "texts" / "t3.txt").write_text("text 3")
    (writer / "keyword" / "a.npy").write_text("two")
    box.push(writer)
    assert box.pull(reader)
    assert (reader / "texts" / "t0.txt").stat().st_ino == kept
    assert (reader / "texts" / "t3.txt").read_text() == "text 3"
    assert (reader / "keyword" / "a.npy").read_text() == "two"
