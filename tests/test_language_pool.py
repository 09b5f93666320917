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
