"""Ingest on real Chroma stores in temporary folders: idempotent, replaces changed files."""

import shutil

import pytest

from qa.config import Config
from qa.errors import QAError
from qa.index import Store
from qa.ingest import ingest

from .conftest import SEEDS


@pytest.fixture
def small_corpus(tmp_path):
    src = tmp_path / "corpus"
    src.mkdir()
    for name in ("001_9fe5e06e1cbca207.txt", "003_efffe6ba8053c025.txt"):
        shutil.copy(SEEDS / name, src / name)
    return src


def _ids(cfg):
    store = Store.open(cfg)
    ids = sorted(store.collection.get()["ids"])
    store.close()
    return ids


def test_ingest_twice_changes_nothing_and_changed_files_replace_their_chunks(tmp_path, embedder,
                                                                              small_corpus):
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    first = ingest(cfg, embedder, [small_corpus], progress=False)
    assert (first.added, first.articles) == (2, 2) and first.chunks > 10
    ids = _ids(cfg)
    again = ingest(cfg, embedder, [small_corpus], progress=False)
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 2, first.chunks)
    assert _ids(cfg) == ids

    f = small_corpus / "003_efffe6ba8053c025.txt"
    f.write_text(f.read_text(encoding="utf-8").split("<hr />")[0], encoding="utf-8")  # drop the Chinese
    changed = ingest(cfg, embedder, [small_corpus], progress=False)
    assert (changed.updated, changed.unchanged) == (1, 1) and changed.chunks < first.chunks
    store = Store.open(cfg)
    langs = {m["lang"] for m in store.collection.get(where={"article_id": f.name})["metadatas"]}
    assert langs == {"en"} and store.keyword(5).size == changed.chunks
    store.close()


def test_bad_files_are_skipped_and_the_rest_ingested(tmp_path, embedder, small_corpus):
    (small_corpus / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    (small_corpus / "latin1.md").write_bytes("caf\xe9".encode("latin-1"))
    warnings = []
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    report = ingest(cfg, embedder, [small_corpus, tmp_path / "missing.txt"], progress=False,
                    warn=warnings.append)
    assert report.added == 2 and len(report.skipped) == 3 and len(warnings) == 3
    assert any("binary" in w for w in warnings) and any("UTF-8" in w for w in warnings)


def test_an_index_built_with_another_model_is_not_mixed(tmp_path, embedder, small_corpus):
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [small_corpus], progress=False)
    embedder_name = embedder.name
    try:
        embedder.name = "some/other-model"
        with pytest.raises(QAError, match="--rebuild"):
            ingest(cfg, embedder, [small_corpus], progress=False)
    finally:
        embedder.name = embedder_name


def test_interrupted_first_build_leaves_no_index(tmp_path, embedder, small_corpus, monkeypatch):
    import qa.ingest as ing

    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ing, "_drop_orphans", boom)
    with pytest.raises(KeyboardInterrupt):
        ingest(cfg, embedder, [small_corpus], progress=False)
    assert not (tmp_path / "idx").exists()
    assert not list(tmp_path.glob(".idx.building-*"))


def test_a_named_sentence_transformers_model_is_the_same_interface(tmp_path, embedder, small_corpus):
    """A model a user names runs on sentence-transformers behind the same Embedder; changing the
    model needs --rebuild, and the ingest says so."""
    from qa.embedding import SentenceTransformerEmbedder, load_embedder
    from qa.pipeline import Pipeline

    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx", embed_model="all-MiniLM-L6-v2")
    minilm = load_embedder(cfg)
    assert isinstance(minilm, SentenceTransformerEmbedder) and minilm.dim == 384
    ingest(cfg, minilm, [small_corpus], progress=False)
    pipeline = Pipeline.load(cfg, embedder=minilm, log=lambda _: None)
    a = pipeline.ask("When did the Fourth National Handicraft Work Conference conclude?")
    pipeline.close()
    assert not a.refused and "January 5" in a.answer
    with pytest.raises(QAError, match="--rebuild"):
        ingest(Config.from_env(env={}, index_dir=tmp_path / "idx"), embedder, [small_corpus], progress=False)


def test_a_file_named_like_another_files_article_gets_its_own_id(tmp_path, embedder, small_corpus):
    cfg = Config.from_env(env={}, index_dir=tmp_path / "idx")
    ingest(cfg, embedder, [small_corpus], progress=False)
    name = "003_efffe6ba8053c025.txt"
    other = tmp_path / "other"
    other.mkdir()
    (other / name).write_text("Title: Notes\nDate: 1955-02-30\n\nThe felt cooperative had 45 members.\n",
                              encoding="utf-8")
    warnings = []
    report = ingest(cfg, embedder, [other], progress=False, warn=warnings.append)
    new_id = "003_efffe6ba8053c025-2.txt"
    assert report.changed_ids == [new_id] and report.unchanged == 0
    assert any("already in the index" in w and new_id in w for w in warnings)
    assert any("Date '1955-02-30' is no such day" in w and str(other / name) in w for w in warnings)
    store = Store.open(cfg)
    arts = store.manifest.articles
    assert arts[name]["path"] == str((small_corpus / name).resolve()) and arts[new_id]["title"] == "Notes"
    store.close()
    again = ingest(cfg, embedder, [other, small_corpus], progress=False, warn=lambda _: None)
    assert again.unchanged == 3 and again.articles == 3  # the same file keeps the id it was given
    replaced = ingest(cfg, embedder, [other / name], progress=False, replace=True, warn=lambda _: None)
    assert replaced.changed_ids == [name] and replaced.articles == 2  # it leaves the name it had
    store = Store.open(cfg)
    assert store.manifest.articles[name]["title"] == "Notes"
    assert not store.collection.get(where={"article_id": new_id})["ids"]
    store.close()


def test_the_device_is_chosen_for_sentence_transformers_and_a_missing_gpu_is_said():
    import torch

    from qa.embedding import load_embedder

    with pytest.raises(QAError, match="cpu, cuda"):
        Config.from_env(env={"QA_DEVICE": "gpu"})
    assert Config.from_env(env={"QA_DEVICE": " CUDA:1 "}).device == "cuda:1"
    auto = load_embedder(Config.from_env(env={}, embed_model="all-MiniLM-L6-v2"))
    assert auto.model.device.type == ("cuda" if torch.cuda.is_available() else "cpu")
    cpu = load_embedder(Config.from_env(env={"QA_DEVICE": "cpu"}, embed_model="all-MiniLM-L6-v2"))
    assert cpu.model.device.type == "cpu"
    # The bundled default runs on its own CPU engine: asked for a GPU, it says so.
    with pytest.raises(QAError, match="own CPU engine"):
        load_embedder(Config.from_env(env={"QA_DEVICE": "cuda"}))
    if not torch.cuda.is_available():
        with pytest.raises(QAError, match="no CUDA GPU"):
            load_embedder(Config.from_env(env={"QA_DEVICE": "cuda"}, embed_model="all-MiniLM-L6-v2"))


def test_a_bad_device_is_one_line_from_the_command_line():
    from .conftest import run_qa

    p = run_qa("info", "--device", "tpu")
    assert p.returncode != 0 and p.stderr.strip().startswith("error:") and "\n" not in p.stderr.strip()
    assert "Traceback" not in p.stderr
