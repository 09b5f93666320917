"""`qa search`: exact words and phrases in context, counted against the texts themselves."""

import json
import os
import re
import subprocess

from qa.index import Store
from qa.search import search, terms_of

from .conftest import QA_BIN, SEEDS, run_qa


def test_terms_are_quoted_phrases_then_words():
    assert terms_of('"active leadership" Liu “steady advance” 合作社') == [
        "active leadership", "steady advance", "Liu", "合作社"]


def test_a_phrase_a_chinese_word_and_a_date_filter(config, pipeline, seed_text):
    store = Store.open(config)
    try:
        phrase = search(store, '"handicraft production cooperatives"')
        expected = sum(len(re.findall(r"(?<![A-Za-z])handicraft\s+production\s+cooperatives(?![A-Za-z])",
                                      t, re.IGNORECASE)) for t in seed_text.values())
        assert phrase.total == expected > 10
        for h in phrase.hits:
            assert seed_text[h.source][h.start:h.end] == h.match
            assert h.match.lower().split() == ["handicraft", "production", "cooperatives"]
        zh = search(store, "合作社")
        assert zh.total == sum(t.count("合作社") for t in seed_text.values())
        assert sum(zh.per_year.values()) == zh.total
        dated = search(store, "合作社", since="1955", until="1955-12")
        in_1955 = [n for n, t in seed_text.items() if n.startswith(("001", "003"))]
        assert dated.total == sum(seed_text[n].count("合作社") for n in in_1955)
        assert set(dated.per_year) == {"1955"}
        both = search(store, '"Liu Shaoqi" nationalizing')
        assert both.articles == 1 and {h.source for h in both.hits} == {"002_d9706caa106fad3f.txt"}
        assert search(store, "zzzqx").total == 0
        limited = search(store, "合作社", limit=3)
        assert len(limited.hits) == 3 and limited.total == zh.total
    finally:
        store.close()


def test_qa_search_cli(index_dir, pipeline):
    env = {"QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(SEEDS)}
    p = run_qa("search", '"active leadership, steady advance"', "--json", env=env)
    obj = json.loads(p.stdout)
    assert p.returncode == 0 and obj["total"] == 1 and obj["hits"][0]["source"] == "002_d9706caa106fad3f.txt"
    p = run_qa("search", "合作社", "--source", "001_9fe5e06e1cbca207.txt", "--limit", "2", env=env)
    assert p.returncode == 0 and "[合作社]" in p.stdout and "per year: 1955" in p.stdout
    assert p.stdout.count("001_9fe5e06e1cbca207.txt") == 2
    p = run_qa("search", "x", "--since", "spring", env=env)
    assert p.returncode == 2 and "not a date" in p.stderr


def test_a_search_leaves_the_shared_keyword_index_as_the_answerer_set_it(pipeline):
    store = pipeline.store
    before = store.keyword().similarity_top_k
    search(store, "合作社")
    assert store.keyword().similarity_top_k == before == pipeline.config.fetch_k


def test_a_reader_that_stops_reading_is_no_error(index_dir, pipeline):
    # `qa search … | head -1`: the pipe closes while the hits are still being written.
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env["QA_INDEX_DIR"] = str(index_dir)
    p = subprocess.Popen([QA_BIN, "search", "cooperative", "--limit", "500"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "hits in" in p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    p.wait(timeout=120)
    assert "error" not in err.lower(), err


def test_keyword_search_matches_ocr_misreadings_only_in_ocr_text():
    """An OCR'd chunk printing "cooperatlve" is found by "cooperative"; a clean chunk's words are
    never stretched, and an index without OCR'd text searches exactly as before."""
    from llama_index.core.schema import QueryBundle, TextNode

    from qa.keyword import KeywordRetriever

    texts = ["The Fuzhou lacquer cooperatlve had 321 members in 1956.",  # OCR'd, misread
             "The Beijing cloisonne workshop had 80 workers.",
             "A cooperative of weavers in Suzhou grew quickly."]
    nodes = [TextNode(id_=f"n{i}", text=t, metadata={"article_id": f"a{i}"}) for i, t in enumerate(texts)]
    with_ocr = KeywordRetriever.build(nodes, texts, ocr=[True, False, False])
    # Words a dictionary knows ("lacquer", "members") are never taken for misreadings.
    assert with_ocr.ocr_words == {"cooperatlve": "cooperatlv"}
    hits = [n.node.node_id for n in with_ocr.retrieve(QueryBundle("the cooperative"))]
    assert sorted(hits) == ["n0", "n2"]
    # "workshop" is printed in a clean chunk: never matched to misreadings, and "plan" is too short.
    assert with_ocr.misread("workshop plan") == []
    clean = KeywordRetriever.build(nodes, texts)
    assert clean.ocr_words == {} and clean.misread("cooperative") == []
    assert [n.node.node_id for n in clean.retrieve(QueryBundle("which cooperative?"))] == ["n2"]
