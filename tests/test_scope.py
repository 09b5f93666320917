"""Scope: a question (or a search) asked only of the articles chosen by id, language or
publication, through the resolver, the pipeline and the `qa` command."""

import json

import pytest

from qa.errors import QAError
from qa.scope import Scope, publications

from .conftest import SEEDS, run_qa

RECORD = "002_d9706caa106fad3f.txt"  # the conference record: English only
ACTING = "Who was the acting director listed in the record of the 3rd National Conference of Handicraft?"

ARTICLES = {
    "a.txt": {"languages": ["en", "zh"], "publication": "People's Daily"},
    "b.txt": {"languages": ["en"], "publication": "Guangming Daily"},
    "c.txt": {"languages": ["zh"], "publication": "people's daily"},
    "d.txt": {"languages": ["en"], "publication": None},
}


def _pub(article_id: str) -> str | None:
    return ARTICLES[article_id]["publication"]


def test_a_language_keeps_the_articles_with_text_in_it():
    assert Scope.of(languages=["zh"]).resolve(ARTICLES, _pub) == {"a.txt", "c.txt"}
    assert Scope.of(languages=["English"]).resolve(ARTICLES, _pub) == {"a.txt", "b.txt", "d.txt"}
    # Both languages is every article: the scope is then "every article", not a list of them.
    assert Scope.of(languages=["en", "中文"]).resolve(ARTICLES, _pub) == frozenset()


def test_a_publication_is_matched_in_any_case_and_filters_combine():
    assert Scope.of(publications=["PEOPLE'S DAILY"]).resolve(ARTICLES, _pub) == {"a.txt", "c.txt"}
    both = Scope.of(languages=["en"], publications=["People's Daily"])
    assert both.resolve(ARTICLES, _pub) == {"a.txt"}
    chosen = Scope.of(sources=["b.txt", "c.txt"], publications=["people's daily"])
    assert chosen.resolve(ARTICLES, _pub) == {"c.txt"}
    assert publications(ARTICLES, _pub) == ["Guangming Daily", "People's Daily"]


def test_a_scope_that_leaves_nothing_or_names_nothing_known_is_a_one_line_error():
    with pytest.raises(QAError, match="no article in the index is in Chinese, from Guangming Daily"):
        Scope.of(languages=["zh"], publications=["Guangming Daily"]).resolve(ARTICLES, _pub)
    with pytest.raises(QAError, match="no article 'x.txt' in the index"):
        Scope.of(sources=["x.txt"]).resolve(ARTICLES, _pub)
    with pytest.raises(QAError, match="unknown language 'fr'"):
        Scope.of(languages=["fr"])


def test_chinese_scope_keeps_the_english_only_record_out(pipeline):
    everything = pipeline.ask(ACTING)
    assert "Cheng Zihua" in everything.answer and everything.citations[0].source == RECORD
    assert everything.scope["languages"] is None and everything.scope["sources"] is None

    answer = pipeline.ask(ACTING, languages=["zh"])
    assert RECORD not in {c.source for c in answer.citations} and "Cheng Zihua" not in answer.answer
    assert answer.scope["languages"] == ["zh"]
    assert answer.scope["sources"] == sorted(a for a in pipeline.store.manifest.articles if a != RECORD)


def test_an_index_without_publications_in_its_manifest_reads_them_from_the_stored_texts(pipeline):
    entry = pipeline.store.manifest.articles[RECORD]
    kept = entry.pop("publication", None)
    try:
        assert pipeline.store.publication(RECORD) is None  # the seeds name no newspaper
        assert "publication" in entry  # read once, then kept
    finally:
        entry["publication"] = kept


def test_the_command_line_scopes_by_publication_and_language(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "daily.txt").write_text(
        "Title: Tianjin Cooperatives Grow\nDate: 1955-04-02\nPublication: Tianjin Daily\n\n"
        "The Tianjin weaving cooperative had 412 members in March 1955.\n", encoding="utf-8")
    (docs / "bulletin.txt").write_text(
        "Title: Weaving Bulletin\nDate: 1955-05-10\nPublication: Handicraft Bulletin\n\n"
        "The Tianjin weaving cooperative had 530 members in April 1955.\n", encoding="utf-8")
    env = {"QA_INDEX_DIR": str(tmp_path / "idx"), "QA_SEEDS_DIR": str(SEEDS)}
    p = run_qa("ingest", str(docs), "--quiet", env=env)
    assert p.returncode == 0, p.stderr
    q = "How many members did the Tianjin weaving cooperative have?"
    p = run_qa("ask", q, "--publication", "tianjin daily", "--json", env=env)
    obj = json.loads(p.stdout)
    assert "412" in obj["answer"] and "530" not in obj["answer"]
    assert {c["source"] for c in obj["citations"]} == {"daily.txt"}
    assert obj["scope"]["sources"] == ["daily.txt"] and obj["scope"]["publications"] == ["tianjin daily"]
    p = run_qa("search", "Tianjin", "--publication", "Handicraft Bulletin", "--json", env=env)
    assert {h["source"] for h in json.loads(p.stdout)["hits"]} == {"bulletin.txt"}
    p = run_qa("ask", q, "--lang", "zh", env=env)
    assert p.returncode == 2 and p.stderr.strip() == "error: no article in the index is in Chinese"
    assert "Traceback" not in p.stderr
