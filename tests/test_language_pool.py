"""A language's nearest rows found without Chroma's filter are the rows the filtered search finds."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A real Chroma collection of 3,000 rows, nine in ten English, in clusters (as sentences of a
    language sit near each other under a multilingual model)."""
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(tmp_path_factory.mktemp("chroma")),
                                       settings=Settings(anonymized_telemetry=False))
    coll = client.get_or_create_collection("mixed", metadata={"hnsw:space": "cosine"},
                                           embedding_function=None)
    rng = np.random.default_rng(7)
    centre = {"en": rng.standard_normal(32), "zh": rng.standard_normal(32)}
    langs = ["zh" if i % 10 == 0 else "en" for i in range(3000)]
    vectors = np.array([centre[lang] + rng.standard_normal(32) for lang in langs])
    for i in range(0, 3000, 500):
        coll.add(ids=[f"r{j}" for j in range(i, i + 500)], embeddings=vectors[i:i + 500].tolist(),
                 metadatas=[{"lang": langs[j]} for j in range(i, i + 500)])
    return coll, centre, rng


def _search(coll, vector, lang):
    def search(k: int, filtered: bool):
        got = coll.query(query_embeddings=[vector], n_results=k, where={"lang": lang} if filtered else None,
                         include=["metadatas", "distances"])
        return list(zip(got["ids"][0], got["metadatas"][0], strict=True))
    return search


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_language_nearest_rows_are_those_the_filter_finds(mixed, lang):
    from qa.language_pool import nearest_in_language

    coll, centre, rng = mixed
    share = 0.9 if lang == "en" else 0.1
    calls = []
    for _ in range(20):
        # Questions near either language's rows: an English one searching Chinese rows too.
        vector = (centre[rng.choice(["en", "zh"])] + rng.standard_normal(32)).tolist()
        search = _search(coll, vector, lang)

        def counted(k, filtered, search=search):
            calls.append(filtered)
            return search(k, filtered)

        got = nearest_in_language(counted, lambda h: h[1]["lang"], lang, 60, share, 3000)
        assert [h[0] for h in got] == [h[0] for h in search(60, True)]
    # The majority language was searched without the filter, and mostly needed nothing more; the
    # minority one always with it.
    if lang == "en":
        assert calls.count(False) == 20 and calls.count(True) <= 10
    else:
        assert calls == [True] * 20


def test_a_collection_smaller_than_the_widened_search_is_searched_once(mixed):
    from qa.language_pool import nearest_in_language

    seen = []

    def search(k, filtered):
        seen.append((k, filtered))
        return [("a", "en"), ("b", "zh"), ("c", "en")]

    assert nearest_in_language(search, lambda h: h[1], "en", 5, 0.6, 3) == [("a", "en"), ("c", "en")]
    assert seen == [(3, False)]


def test_a_language_held_in_memory_gives_the_rows_the_filter_finds(mixed):
    from qa.language_pool import hold

    coll, centre, rng = mixed
    held = hold(coll, "zh")
    assert len(held.ids) == 300 and {m["lang"] for m in held.metadatas} == {"zh"}
    for _ in range(10):
        vector = (centre[rng.choice(["en", "zh"])] + rng.standard_normal(32)).tolist()
        got = coll.query(query_embeddings=[vector], n_results=40, where={"lang": "zh"}, include=["distances"])
        nearest = held.nearest(vector, 40)
        assert [held.ids[i] for i, _ in nearest] == got["ids"][0]
        assert np.allclose([d for _, d in nearest], got["distances"][0], atol=1e-4)
