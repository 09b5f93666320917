"""The web UI's library (shared pipeline, uploads) and its HTML rendering, without a browser."""

import shutil
import threading
from dataclasses import replace

import pytest

from qa.errors import QAError
from qa.library import Library, ReadWriteLock
from qa.pipeline import Pipeline
from qa.records import Answer, Article, Citation
from qa.render import answer_html, article_body, highlight

from .conftest import SEEDS


@pytest.fixture(scope="module")
def library(config, embedder, pipeline, index_dir, tmp_path_factory):
    work = tmp_path_factory.mktemp("library")
    shutil.copytree(index_dir, work / "index")
    cfg = replace(config, index_dir=work / "index", uploads_dir=work / "uploads", max_file_bytes=10_000)
    lib = Library(cfg, Pipeline.load(cfg, embedder=embedder, log=lambda _: None))
    yield lib
    lib.close()


def test_bad_uploads_are_refused_and_nothing_changes(library, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.md"
    latin.write_bytes("Caf\xe9 cooperatives".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 5_000, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    sheet = tmp_path / "holdings.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    before = dict(library.pipeline.store.manifest.articles)
    result = library.add([empty, binary, latin, huge, pdf, sheet])
    assert result.added == [] and result.unchanged == []
    reasons = "\n".join(result.refused)
    for expected in ("empty.txt: empty file", "photo.txt: binary file", "latin.md: not UTF-8",
                     "huge.txt: too large", "report.pdf: not a readable PDF",
                     "holdings.xlsx: not a file type that can be read"):
        assert expected in reasons
    assert library.pipeline.store.manifest.articles == before
    assert not library.config.uploads_dir.exists() or not any(library.config.uploads_dir.iterdir())


def test_an_upload_is_answerable_right_after_and_not_added_twice(library, tmp_path):
    doc = tmp_path / "kiln_notes.txt"
    doc.write_text("Title: Jingdezhen Kiln Cooperative Notes\nDate: 1956-05-04\n\n"
                   "The Jingdezhen kiln cooperative fired 7,340 porcelain bowls in April 1956.\n",
                   encoding="utf-8")
    result = library.add([doc])
    assert result.added == ["kiln_notes.txt"] and not result.refused
    assert (library.config.uploads_dir / "kiln_notes.txt").exists()
    answer = library.ask("How many porcelain bowls did the Jingdezhen kiln cooperative fire?")
    assert not answer.refused and "7,340" in answer.answer
    assert answer.citations[0].title == "Jingdezhen Kiln Cooperative Notes"
    assert any(a["id"] == "kiln_notes.txt" for a in library.articles())
    assert library.article("kiln_notes.txt").date == "1956-05-04"
    again = library.add([doc])
    assert again.added == [] and again.unchanged == ["kiln_notes.txt"]


def test_questions_keep_working_while_an_upload_runs(library, tmp_path):
    doc = tmp_path / "brush_notes.txt"
    doc.write_text("Title: Brush Makers\nDate: 1956-06-01\n\nThe brush makers' group had 58 members.\n",
                   encoding="utf-8")
    errors, answers = [], []

    def ask_many():
        try:
            for _ in range(5):
                q = "When did the Fourth National Handicraft Work Conference conclude?"
                answers.append(library.ask(q))
        except Exception as e:  # any error here is the failure this test looks for
            errors.append(e)

    threads = [threading.Thread(target=ask_many) for _ in range(3)]
    for t in threads:
        t.start()
    library.add([doc])
    for t in threads:
        t.join()
    assert not errors
    assert len(answers) == 15 and all("January 5" in a.answer for a in answers)


def test_read_write_lock_excludes_writers_from_readers():
    lock = ReadWriteLock()
    events = []
    with lock.read():
        t = threading.Thread(target=lambda: (lock.write().__enter__(), events.append("wrote")))
        t.start()
        t.join(timeout=0.2)
        assert events == []  # the writer waits for the reader
    t.join(timeout=2)
    assert events == ["wrote"]


def test_highlight_escapes_and_marks_question_words():
    from qa.language import tokenize

    terms = set(tokenize("How did cooperatives grow?"))
    out = highlight("Cooperatives <script>alert(1)</script> grew", terms)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<mark class="hit">Cooperatives</mark>' in out and '<mark class="hit">grew</mark>' not in out
    zh = highlight("一九五五年手工业生产合作社社员要发展到二百万人左右",
                   set(tokenize("社员要发展到多少人？")))
    assert '<mark class="hit">社员</mark>' in zh


def test_article_body_marks_exactly_the_cited_span(seed_text):
    from qa.corpus import read_article

    art = read_article(SEEDS / "001_9fe5e06e1cbca207.txt")
    start = art.text.index("It is estimated")
    html = article_body(art, start, start + 40)
    assert '<mark class="passage">It is estimated that by the end of 1954,</mark>' in html
    assert "<br>" in html and "\n" not in html


def test_refusal_renders_apart_from_an_answer():
    c = Citation(1, "x.txt", "A <b>title</b>", "1955-01-09", "a quote", 0, 7, "en")
    art = Article("x.txt", "/x.txt", "a quote and more", "0", "A title", "1955-01-09")
    refused = Answer("q?", "The articles do not say: nothing. Related reading: [1]", True, [c], {})
    refusal = answer_html(refused, {"x.txt": art})
    answer = answer_html(Answer("q?", "a quote [1]", False, [c], {}), {"x.txt": None})
    assert 'class="qa-refusal"' in refusal and "Related reading" in refusal and "details" in refusal
    assert 'class="qa-answer"' in answer and ">Sources<" in answer and "details" not in answer
    assert "&lt;b&gt;title&lt;/b&gt;" in answer and '<sup class="cite">[1]</sup>' in answer


def test_an_upload_named_like_an_article_never_replaces_it(library, tmp_path):
    seed = "000_7eb432e2a4747e6b.txt"
    before = dict(library.pipeline.store.manifest.articles[seed])
    impostor = tmp_path / seed
    impostor.write_text("Title: A reader's note\nDate: 1957-01-02\n\nThe lacquer cooperative "
                        "of Fuzhou had 212 members.\n", encoding="utf-8")
    result = library.add([impostor])
    new_id = "000_7eb432e2a4747e6b-2.txt"
    assert result.added == [new_id] and any(seed in n and new_id in n for n in result.notices)
    assert library.pipeline.store.manifest.articles[seed] == before  # the seed is untouched
    assert library.article(seed).title == before["title"]
    assert "212" in library.ask("How many members did the Fuzhou lacquer cooperative have?").answer

    # a second, different upload of the same name keeps the first upload's file and article
    impostor.write_text("Title: Another note\nDate: 1957-02-03\n\nThe bamboo cooperative of "
                        "Yiyang had 87 members.\n", encoding="utf-8")
    second = library.add([impostor])
    assert second.added and second.added[0] not in (seed, new_id)
    assert (library.config.uploads_dir / seed).read_text(encoding="utf-8").count("212") == 1
    assert library.article(new_id).title == "A reader's note"

    # replacing is asked for explicitly
    impostor.write_text("Title: A corrected note\nDate: 1957-01-02\n\nThe lacquer cooperative "
                        "of Fuzhou had 213 members.\n", encoding="utf-8")
    third = library.add([impostor], replace=True)
    assert third.added == [seed] and library.article(seed).title == "A corrected note"


def test_an_ingest_by_another_process_is_answered_without_restart(library, tmp_path):
    """`qa ingest` run beside the app: the app answers from it at the next question, and the
    article keeps the text it was ingested with when its file is edited afterwards."""
    from .conftest import run_qa

    doc = tmp_path / "rope_notes.txt"
    original = ("Title: Rope Makers' Cooperative Notes\nDate: 1956-06-01\n\n"
                "The Changsha rope makers' cooperative twisted 918 coils of hemp rope in May 1956.\n")
    doc.write_text(original, encoding="utf-8")
    before = library.ask("How many coils of hemp rope did the Changsha rope makers twist?")
    assert "918" not in before.answer
    p = run_qa("ingest", str(doc), "--quiet", env={"QA_INDEX_DIR": str(library.config.index_dir)})
    assert p.returncode == 0, p.stderr
    after = library.ask("How many coils of hemp rope did the Changsha rope makers twist?")
    assert not after.refused and "918" in after.answer
    assert any(a["id"] == "rope_notes.txt" for a in library.articles())

    doc.write_text(original.replace("918", "1,500").replace("hemp", "jute"), encoding="utf-8")
    again = library.ask("How many coils of hemp rope did the Changsha rope makers twist?")
    cite = next(c for c in again.citations if c.source == "rope_notes.txt")
    stored = library.article("rope_notes.txt").text
    assert stored == original and stored[cite.start:cite.end] == cite.quote and "918" in cite.quote


def test_html_in_a_document_is_escaped_at_every_stage_of_the_stream(library, tmp_path):
    from qa.conversation import Conversation
    from qa.ui import respond_with

    doc = tmp_path / "tinsmiths.txt"
    doc.write_text("Title: Tinsmiths <b>notes</b>\nDate: 1956-07-01\n\nThe Wuhan tinsmiths' "
                   "cooperative <script>alert('x')</script> made 4,120 <img src=x onerror=alert(1)> "
                   "kettles in June 1956.\n", encoding="utf-8")
    assert library.add([doc]).added == ["tinsmiths.txt"]
    respond = respond_with(library)
    stages = list(respond("How many kettles did the Wuhan <i>tinsmiths</i> cooperative make?", [],
                          Conversation(), "", "", 5, ""))
    assert len(stages) > 3
    final = stages[-1][0][-1]["content"]
    assert "4,120" in final
    for history, *_ in stages:
        for message in history:
            content = message["content"]
            assert "<script" not in content and "<img" not in content and "<i>" not in content, content


def test_a_question_within_a_chosen_scope(library):
    from qa.conversation import Conversation
    from qa.ui import respond_with

    scope = ["003_efffe6ba8053c025.txt"]
    a = library.ask("How many members were planned for 1955?", sources=scope)
    assert a.refused and "(Only the article chosen was searched.)" in a.answer
    assert {c.source for c in a.citations} <= set(scope)
    assert {p.chunk.article_id for p in a.passages} <= set(scope)
    assert a.to_dict()["scope"] == {"sources": scope, "since": None, "until": None, "languages": None,
                                    "publications": None}
    whole = library.ask("How many members were planned for 1955?")
    assert not whole.refused and whole.to_dict()["scope"]["sources"] is None
    stages = list(respond_with(library)("When did the conference close?", [], Conversation(), "", "", 5, "",
                                        scope))
    assert "28" in stages[-1][0][-1]["content"] and "001_9fe5e06e1cbca207" not in stages[-1][0][-1]["content"]
    with pytest.raises(QAError, match="no article 'nope.txt'"):
        library.ask("When?", sources=["nope.txt"])
