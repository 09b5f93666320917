"""References for footnotes and reference managers, on all five seeds: each machine format is
parsed back by its own parser (rispy, bibtexparser, citeproc-py), Chicago is compared as text."""

import json

import pytest

from qa.citing import FORMATS, Reference, chicago_bibliography, chicago_note, render
from qa.corpus import parse_article, read_article

from .conftest import SEEDS, run_qa

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def refs():
    return [Reference.of(read_article(SEEDS / name)) for name in SEED_FILES]


def test_ris_parses_back(refs):
    import rispy

    entries = rispy.loads(render(refs, "ris"))
    assert len(entries) == 5
    for r, e in zip(refs, entries, strict=True):
        assert e["type_of_reference"] == "NEWS"
        assert e["title"] == (r.title_zh or r.title)
        assert e.get("translated_title") == (r.title if r.title_zh else None)
        assert e["date"] == r.date.replace("-", "/") + "/" and e["year"] == r.date[:4]
        assert e["language"] == r.language and e.get("start_page") == r.page


def test_biblatex_parses_back(refs):
    import bibtexparser

    lib = bibtexparser.parse_string(render(refs, "biblatex"))
    assert not lib.failed_blocks and len(lib.entries) == 5
    by_key = {e.key: e.fields_dict for e in lib.entries}
    record = by_key["002_d9706caa106fad3f"]
    assert record["entrysubtype"].value == "newspaper" and record["date"].value == "1953-11-20/1953-12-17"
    assert record["langid"].value == "english" and "pages" not in record
    s1 = by_key["001_9fe5e06e1cbca207"]
    assert s1["title"].value == "全国手工业工作会议确定今年生产任务"
    assert s1["titleaddon"].value == ("[National Handicraft Work Conference Defines This Year's "
                                      "Production Tasks]")
    assert s1["date"].value == "1955-01-09" and s1["pages"].value == "1"


def test_csl_json_is_read_by_a_csl_processor(refs):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(render(refs, "csl-json"))
    assert {i["type"] for i in items} == {"article-newspaper"}
    assert items[2]["issued"] == {"date-parts": [[1953, 11, 20], [1953, 12, 17]]}
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for i in items:
        bib.register(Citation([CitationItem(i["id"])]))
    text = "\n".join(str(b) for b in bib.bibliography())
    assert "National Handicraft Work Conference Defines This Year's Production Tasks" in text
    assert "(1955)" in text and "9 January, p. 1" in text
    assert "20 November–17 December" in text  # the record's dates read as a range


def test_chicago_note_and_bibliography(refs):
    s1 = next(r for r in refs if r.id == "001_9fe5e06e1cbca207.txt")
    assert chicago_note(s1) == ("“全国手工业工作会议确定今年生产任务 [National Handicraft Work "
                                "Conference Defines This Year's Production Tasks],” January 9, 1955, 1.")
    record = next(r for r in refs if r.id == "002_d9706caa106fad3f.txt")
    assert chicago_note(record) == ("“3rd National Conference of Handicraft (conference record),” "
                                    "November 20–December 17, 1953.")
    signed = Reference.of(parse_article("x.txt", "/x.txt", (
        b"Title: Lacquer Makers Join Up\nAuthor: Li Wei\nPublication: People's Daily\nDate: 1956-03-03\n"
        b"Page: 2\n\nThe lacquer makers of Fuzhou joined a cooperative.\n")))
    assert chicago_note(signed) == "Li Wei, “Lacquer Makers Join Up,” *People's Daily*, March 3, 1956, 2."
    assert chicago_bibliography(signed) == ("Li Wei. “Lacquer Makers Join Up.” *People's Daily*, "
                                            "March 3, 1956.")
    text = render(refs + refs[:1], "chicago")
    assert text.count("\n6. ") == 1 and text.split("Bibliography")[1].count("“") == 5  # one entry an article


def test_qa_ask_cite_prints_the_answers_sources(pipeline, index_dir):
    import rispy

    env = {"QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(SEEDS)}
    p = run_qa("ask", "When did the Fourth National Handicraft Work Conference conclude?", "--cite", "ris",
               env=env)
    assert p.returncode == 0, p.stderr
    entries = rispy.loads(p.stdout)
    assert entries and entries[0]["title"] == "全国手工业工作会议确定今年生产任务"
    p = run_qa("ask", "When?", "--cite", "mla", env=env)
    assert p.returncode == 2 and "invalid choice" in p.stderr
    assert all(f in p.stderr for f in FORMATS)


def test_a_conversation_is_exported_with_its_quotes_as_footnotes(pipeline, index_dir, tmp_path):
    import bibtexparser
    import rispy

    env = {"QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(SEEDS)}
    out = tmp_path / "notes.md"
    p = run_qa("chat", "--export", str(out), env=env,
               input="When did the Fourth National Handicraft Work Conference conclude?\n"
                     "Who reported at the Third conference?\n")
    assert p.returncode == 0, p.stderr
    md = out.read_text(encoding="utf-8")
    assert md.count("**Q:**") == 2 and "[^1]" in md and "\n[^1]: “" in md and "January 5" in md
    notes = [line for line in md.splitlines() if line.startswith("[^")]
    assert all("chars " in n for n in notes)
    assert not bibtexparser.parse_string((tmp_path / "notes.bib").read_text(encoding="utf-8")).failed_blocks
    sources = {e["id"] for e in rispy.loads((tmp_path / "notes.ris").read_text(encoding="utf-8"))}
    assert "001_9fe5e06e1cbca207" in sources
    assert json.loads((tmp_path / "notes.json").read_text(encoding="utf-8"))
    again = run_qa("chat", "--export", str(out), env=env, input="When?\n")
    assert again.returncode == 2 and "exists" in again.stderr and out.read_text(encoding="utf-8") == md
