"""`qa remove` and `qa ingest --prune` on real Chroma stores: the articles named (or whose files
are gone) leave every part of the index; nothing else changes."""

import json
import shutil

import pytest

from qa.config import Config
from qa.errors import QAError
from qa.index import Store
from qa.ingest import ingest
from qa.removal import remove

from .conftest import SEEDS, run_qa

KEPT, GONE = "001_9fe5e06e1cbca207.txt", "004_41011bc0f67b91ba.txt"


@pytest.fixture
def two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(SEEDS / KEPT, a / KEPT)
    shutil.copy(SEEDS / GONE, a / GONE)
    shutil.copy(SEEDS / "003_efffe6ba8053c025.txt", b / "003_efffe6ba8053c025.txt")
    return a, b


def _state(cfg) -> dict:
    """Everything the index holds, per article: chunk ids, sentence ids, manifest entry, text."""
    store = Store.open(cfg)
    out = {}
    for article_id, entry in store.manifest.articles.items():
        out[article_id] = (
            sorted(store.collection.get(where={"article_id": article_id})["ids"]),
            sorted(store.sentences.get(where={"article_id": article_id})["ids"]),
            entry, store.text(article_id))
    keyword = {str(a) for a in store.keyword(5).article_ids()}
    files = sorted(p.name for p in (cfg.index_dir / "texts").iterdir())
    store.close()
    return {"articles": out, "keyword": keyword, "texts": files}


def test_remove_takes_the_article_out_of_every_part_and_leaves_the_rest(tmp_path, embedder, two_folders):
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, list(two_folders), progress=False)
    before = _state(cfg)
    assert remove(cfg, [GONE]) == [GONE]
    after = _state(cfg)
    assert set(after["articles"]) == set(before["articles"]) - {GONE}
    for article_id, held in after["articles"].items():
        assert held == before["articles"][article_id]  # chunks, sentences, entry, text: untouched
    assert GONE not in after["keyword"] and after["keyword"] == set(after["articles"])
    assert not any(name.startswith(before["articles"][GONE][2]["sha256"]) for name in after["texts"])
    store = Store.open(cfg)  # the counts agree: the index opens as whole
    assert store.keyword(5).size == store.manifest.chunks == store.collection.count()
    store.close()


def test_removing_an_unknown_id_removes_nothing_and_says_which(tmp_path, embedder, two_folders):
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [two_folders[0]], progress=False)
    before = _state(cfg)
    with pytest.raises(QAError, match="not in the index: nope.txt"):
        remove(cfg, [KEPT, "nope.txt"])
    assert _state(cfg) == before


def test_prune_drops_only_articles_whose_files_in_the_given_folders_are_gone(tmp_path, embedder,
                                                                            two_folders):
    a, b = two_folders
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [a, b], progress=False)
    before = _state(cfg)
    (a / GONE).unlink()
    (b / "003_efffe6ba8053c025.txt").unlink()  # gone too, but folder b is not being ingested
    plain = ingest(cfg, embedder, [a], progress=False)
    assert plain.removed_ids == [] and _state(cfg) == before  # without --prune, nothing leaves
    pruned = ingest(cfg, embedder, [a], progress=False, prune=True)
    assert pruned.removed_ids == [GONE] and "1 removed" in pruned.summary()
    after = _state(cfg)
    assert set(after["articles"]) == {KEPT, "003_efffe6ba8053c025.txt"}
    assert all(after["articles"][k] == before["articles"][k] for k in after["articles"])


def test_qa_remove_and_info_articles_from_the_command_line(tmp_path, embedder, two_folders):
    env = {"QA_INDEX_DIR": str(tmp_path / "idx")}
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [two_folders[0]], progress=False)
    listed = json.loads(run_qa("info", "--articles", "--json", env=env).stdout)["article_list"]
    assert [a["id"] for a in listed] == [KEPT, GONE]
    done = run_qa("remove", GONE, env=env)
    assert done.returncode == 0 and f"removed 1 article: {GONE}" in done.stdout
    bad = run_qa("remove", GONE, env=env)
    assert bad.returncode != 0 and bad.stderr.strip().count("\n") == 0 and "not in the index" in bad.stderr
    assert "Traceback" not in bad.stderr
    shown = run_qa("info", "--articles", env=env).stdout
    assert KEPT in shown and GONE not in shown


def test_an_update_reindexes_keywords_from_saved_tokens_as_a_full_rebuild_would(tmp_path, embedder,
                                                                                two_folders, monkeypatch):
    from llama_index.core.schema import QueryBundle

    a, b = two_folders
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [a], progress=False)
    read = []
    monkeypatch.setattr(Store, "all_chunks", lambda self, batch=1000: read.append(1) or [])
    ingest(cfg, embedder, [b], progress=False)  # one more article: the others from saved tokens
    remove(cfg, [GONE])
    assert read == []  # no update read every stored chunk again
    monkeypatch.undo()
    store = Store.open(cfg)
    updated = store.keyword(10)
    hits = {q: [(n.node.node_id, round(n.score, 5)) for n in updated.retrieve(QueryBundle(q))]
            for q in ("handicraft cooperative members 1955", "第五次 手工业 合作化", "Fourth conference")}
    forms, size = dict(updated.form_freq), updated.size
    store.rebuild_keyword()  # from every stored chunk
    store._keyword = None
    full = store.keyword(10)
    assert size == full.size == store.collection.count() and forms == full.form_freq
    for q, got in hits.items():
        assert got == [(n.node.node_id, round(n.score, 5)) for n in full.retrieve(QueryBundle(q))], q
    store.close()


def test_a_removal_within_the_share_hides_the_article_and_counts_as_a_rebuild_would(
        tmp_path, embedder, two_folders, monkeypatch):
    """In a large archive a removal lists the article beside the keyword index instead of
    indexing every other chunk again (qa.tombstones); searches and word counts must not see it."""
    from llama_index.core.schema import QueryBundle

    from qa import tombstones

    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, list(two_folders), progress=False)
    keyword_dir = cfg.index_dir / "keyword"
    monkeypatch.setattr(tombstones, "TOMBSTONE_SHARE", 1.0)
    before = _state(cfg)
    remove(cfg, [GONE])
    assert tombstones.read(keyword_dir) == {GONE: before["articles"][GONE][2]["chunks"]}
    after = _state(cfg)
    assert set(after["keyword"]) - {""} == set(after["articles"])
    assert all(after["articles"][k] == before["articles"][k] for k in after["articles"])

    store = Store.open(cfg)
    hidden = store.keyword(50)
    assert hidden.size == store.manifest.chunks == store.collection.count() < len(hidden.corpus)
    hits = hidden.retrieve(QueryBundle("handicraft cooperatives 1955 conference"))
    assert hits and all(h.node.metadata["article_id"] != GONE for h in hits)
    counts = (hidden.doc_freq(), dict(hidden.form_freq))
    store.rebuild_keyword()  # everything read again from the vector store: what the counts must be
    rebuilt = store.keyword(50)
    assert rebuilt.dead is None and len(rebuilt.corpus) == rebuilt.size
    assert counts == (rebuilt.doc_freq(), dict(rebuilt.form_freq))
    store.close()


def test_removed_rows_stay_hidden_until_an_ingest_writes_the_keyword_index(
        tmp_path, embedder, two_folders, monkeypatch):
    from qa import tombstones

    a, b = two_folders
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [a, b], progress=False)
    keyword_dir = cfg.index_dir / "keyword"
    remove(cfg, [KEPT])  # a small index: one article is past the share, so it is indexed again
    assert tombstones.read(keyword_dir) == {}
    monkeypatch.setattr(tombstones, "TOMBSTONE_SHARE", 1.0)
    remove(cfg, [GONE])
    assert list(tombstones.read(keyword_dir)) == [GONE]
    ingest(cfg, embedder, [b], progress=False)  # unchanged: nothing to write, still hidden
    assert list(tombstones.read(keyword_dir)) == [GONE]
    store = Store.open(cfg)
    assert set(store.keyword(5).article_ids()) == {"", "003_efffe6ba8053c025.txt"}
    store.close()
    shutil.copy(SEEDS / "002_d9706caa106fad3f.txt", b)
    ingest(cfg, embedder, [b], progress=False)  # a change: the index is written without them
    assert tombstones.read(keyword_dir) == {}
    store = Store.open(cfg)
    keyword = store.keyword(5)
    assert keyword.dead is None and keyword.size == len(keyword.corpus) == store.manifest.chunks
    assert set(keyword.article_ids()) == set(store.manifest.articles)
    store.close()
