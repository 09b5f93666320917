"""Word tables that depend on no archive are built once, in the cache, and linked into each index."""

import os

from qa.wordtable import WordTable, install, write_table


class _Counting:
    """A table builder that counts its runs (the real ones take seconds: thesaurus, glossary)."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, path) -> bool:
        self.runs += 1
        write_table(path, "syn", ("head", "words"), [("abroad", "foreign")])
        return True


def _read(path) -> list:
    con = WordTable(path)._con()
    return con.execute("SELECT head, words FROM syn").fetchall()


def test_a_table_is_built_once_in_the_cache_and_given_to_every_index(tmp_path):
    build = _Counting()
    cache = tmp_path / "cache"
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        install(tmp_path / name / "t.sqlite", build, cache)
        assert _read(tmp_path / name / "t.sqlite") == [("abroad", "foreign")]
    assert build.runs == 1 and (cache / "t.sqlite").exists()
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_an_unwritable_cache_still_gives_the_index_its_table(tmp_path):
    build = _Counting()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    (tmp_path / "idx").mkdir()
    install(tmp_path / "idx" / "t.sqlite", build, blocked / "cache")
    assert _read(tmp_path / "idx" / "t.sqlite") == [("abroad", "foreign")]
    assert build.runs == 1 and blocked.read_text() == "not a folder"


def test_no_cache_builds_in_the_index(tmp_path):
    build = _Counting()
    install(tmp_path / "t.sqlite", build, None)
    assert build.runs == 1 and os.path.exists(tmp_path / "t.sqlite")
