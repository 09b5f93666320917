"""PDFs, web pages, Word files and scanned pages, made from the seeds by the tests, ingested into
a real index and asked about: the answer, its page, its exact quote at its offsets, the metadata."""

from __future__ import annotations

import shutil

import pytest

from qa.config import Config
from qa.index import Store
from qa.ingest import ingest

from . import documents as docs
from .conftest import SEEDS, run_qa


def _ocr_missing() -> bool:
    if shutil.which("tesseract") is None:
        return True
    import pytesseract

    return not {"eng", "chi_sim"} <= set(pytesseract.get_languages(config=""))


ocr_missing = _ocr_missing()
needs_ocr = pytest.mark.skipif(ocr_missing, reason="Tesseract with its eng and chi_sim data is not "
                                                   "installed (make installs Debian's tesseract-ocr)")


def _seed(name: str) -> tuple[list[str], list[str]]:
    """A seed's English paragraphs (after its header) and its Chinese ones (after Original:)."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    en, _, zh = text.partition("Original:")
    english = [p for p in docs.paragraphs(en) if not p.startswith(("Title:", "Author:", "Date:", "Page:"))
               and len(p) > 80]
    chinese = [ln.strip() for ln in zh.splitlines() if len(ln.strip()) > 40]
    return english, chinese


@pytest.fixture(scope="module")
def archive(tmp_path_factory, embedder):
    """One folder of every format, with a metadata table for some of them, ingested."""
    folder = tmp_path_factory.mktemp("archive")
    en001, zh001 = _seed("001_9fe5e06e1cbca207.txt")
    en004, _ = _seed("004_41011bc0f67b91ba.txt")
    en000, _ = _seed("000_7eb432e2a4747e6b.txt")
    docs.text_pdf(en001, folder / "fourth.pdf", title="Handicraft conference sets this year's tasks",
                  author="Xinhua", per_page=3)
    docs.web_page(en004, folder / "symposium.html", "Urban handicraft transformation symposium",
                  "1956-03-20", "People's Daily Online")
    docs.word_file(en000, folder / "instructions.docx", title="Working title of the transcription",
                   author="A. Archivist")
    if not ocr_missing:
        docs.scan(zh001[:3], folder / "renmin-p1.png")
        docs.scanned_pdf(docs.scan(en001[-2:], folder / "scan-src.png", seed=3), folder / "scanned.pdf")
        (folder / "scan-src.png").unlink()
    (folder / "metadata.csv").write_text(
        "file,title,date,publication,page,language\n"
        "renmin-p1.png,全国手工业工作会议确定今年生产任务,1955-01-09,People's Daily,1,zh\n"
        "instructions.docx,CC instructions on the Third conference report,1954-06,,,\n",
        encoding="utf-8")
    config = Config.from_env(env={}, index_dir=folder.parent / "archive-index", seeds_dir=SEEDS,
                             cache_dir=folder.parent / "cache")
    report = ingest(config, embedder, [folder], progress=False)
    store = Store.open(config)
    from qa.pipeline import Pipeline

    pipeline = Pipeline(config, embedder, store)
    yield {"config": config, "report": report, "store": store, "pipeline": pipeline, "folder": folder,
           "en001": en001, "zh001": zh001}
    store.close()


def _check_quotes(answer, store):
    for c in answer.citations:
        assert store.article(c.source).text[c.start:c.end] == c.quote


def test_every_format_is_ingested(archive):
    assert archive["report"].skipped == []
    names = set(archive["store"].manifest.articles)
    assert {"fourth.pdf", "symposium.html", "instructions.docx"} <= names
    if not ocr_missing:
        assert {"renmin-p1.png", "scanned.pdf"} <= names


def test_pdf_answer_cites_its_page_and_its_metadata(archive):
    store, pipeline = archive["store"], archive["pipeline"]
    article = store.article("fourth.pdf")
    assert article.title == "Handicraft conference sets this year's tasks" and article.author == "Xinhua"
    assert [p.number for p in article.pages] == [1, 2] and not any(p.ocr for p in article.pages)
    answer = pipeline.ask("Who were appointed director and deputy director of the Standing Committee?",
                          sources=["fourth.pdf"])
    assert not answer.refused
    _check_quotes(answer, store)
    cite = next(c for c in answer.citations if "Bai Rubing" in c.quote)
    # The last paragraphs are on the second page.
    assert cite.page == 2 and cite.ocr_confidence is None
    assert article.pages[1].start <= cite.start < article.pages[1].end


def test_web_page_keeps_the_article_not_the_navigation(archive):
    store = archive["store"]
    article = store.article("symposium.html")
    assert article.date == "1956-03-20" and article.publication == "People's Daily Online"
    assert article.title == "Urban handicraft transformation symposium"
    for chrome in ("Subscribe to our newsletter", "Most read", "Copyright 2024", "Section 3"):
        assert chrome not in article.text
    # The headline is the header's title, not a sentence of the body to be quoted.
    assert article.text.count("Urban handicraft transformation symposium") == 1
    answer = archive["pipeline"].ask("What did the symposium say about taking materials locally?",
                                     sources=["symposium.html"])
    assert not answer.refused and answer.citations[0].page is None
    _check_quotes(answer, store)


def test_metadata_table_comes_before_the_files_own_properties(archive):
    article = archive["store"].article("instructions.docx")
    # The table's title wins over the Word file's; its partial date stays partial; the author,
    # which the table leaves empty, comes from the file.
    assert article.title == "CC instructions on the Third conference report"
    assert article.date == "1954-06" and article.author == "A. Archivist"
    answer = archive["pipeline"].ask("On what date did the Central Committee issue its instructions?",
                                     sources=["instructions.docx"])
    assert not answer.refused and "June 22" in " ".join(c.quote for c in answer.citations)


@needs_ocr
def test_scanned_chinese_page_answers_a_chinese_question(archive):
    store = archive["store"]
    article = store.article("renmin-p1.png")
    assert article.date == "1955-01-09" and article.languages == ["zh"]
    assert article.pages[0].ocr and article.publication == "People's Daily"
    answer = archive["pipeline"].ask("会议期间谁到会作了重要指示？", sources=["renmin-p1.png"])
    assert not answer.refused
    _check_quotes(answer, store)
    cite = answer.citations[0]
    assert "朱德" in cite.quote and cite.page == 1
    assert cite.ocr_confidence is not None and 50 < cite.ocr_confidence <= 100


@needs_ocr
def test_ocr_reads_the_rendered_page_closely(archive):
    """Character accuracy of OCR on a rendered seed page, against the seed's own text."""
    import difflib

    got = "".join(archive["store"].article("renmin-p1.png").text.split("\n\n", 1)[1].split())
    want = "".join("".join(archive["zh001"][:3]).split())
    assert difflib.SequenceMatcher(None, want, got, autojunk=False).ratio() > 0.9


@needs_ocr
def test_pdf_page_without_a_text_layer_is_read_by_ocr(archive):
    article = archive["store"].article("scanned.pdf")
    assert article.pages and all(p.ocr for p in article.pages)
    assert "Bai Rubing" in article.text


@needs_ocr
def test_page_image_boxes_the_quoted_words(archive):
    from qa.page_image import render

    article = archive["store"].article("renmin-p1.png")
    start = article.text.index("朱德")
    page = article.pages[0]
    boxed = render(article, start, start + 2, width=900)
    plain = render(article, page.start, page.start, width=900)  # no words: nothing boxed
    word = next(w for w in page.words if w.start <= start < w.end)
    x, y = int((word.box[0] + word.box[2]) / 2 * 900), int((word.box[1] + word.box[3]) / 2 * boxed.height)
    # Inside the quoted word's box the page is tinted; elsewhere it is as printed.
    assert boxed.getpixel((x, y)) != plain.getpixel((x, y))
    assert boxed.getpixel((5, 5)) == plain.getpixel((5, 5))


def test_bad_documents_each_get_a_reason_and_the_good_ones_go_in(tmp_path, embedder):
    folder = tmp_path / "mixed"
    folder.mkdir()
    en001, _ = _seed("001_9fe5e06e1cbca207.txt")
    docs.text_pdf(en001[:2], folder / "good.pdf")
    docs.encrypted_pdf(en001[:1], folder / "locked.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated")
    (folder / "fake.docx").write_bytes(b"not a zip at all")
    (folder / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    from PIL import Image

    Image.new("L", (120, 80), 255).save(folder / "icon.png")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a jpeg")
    result = run_qa("ingest", "--index", str(tmp_path / "idx"), str(folder),
                    env={"QA_CACHE_DIR": str(tmp_path / "cache")})
    err = result.stderr
    assert result.returncode == 1, err  # something was skipped: said, and the exit code says so
    for reason in ("locked.pdf: an encrypted PDF", "broken.pdf: not a readable PDF",
                   "fake.docx: not a readable Word", "empty.html: no article text",
                   "icon.png: a 120×80 image is too small", "photo.jpg: not a readable image"):
        assert reason in err, reason
    assert "Traceback" not in err
    assert "1 added" in result.stdout + err and "6 skipped" in result.stdout + err


@needs_ocr
def test_a_blank_scan_has_no_recognisable_text(tmp_path):
    from PIL import Image

    from qa.corpus import UnreadableFile
    from qa.extract import Extractor

    Image.new("L", (1600, 2200), 250).save(tmp_path / "blank.tif")
    with pytest.raises(UnreadableFile, match="blank.tif: no recognisable text"):
        Extractor().read(tmp_path / "blank.tif")


@needs_ocr
def test_a_long_scan_resumes_where_it_was_interrupted(tmp_path, monkeypatch):
    """Pages OCR'd before an interruption are not read again."""
    from PIL import Image

    from qa.extract import Extractor, ocr

    en001, _ = _seed("001_9fe5e06e1cbca207.txt")
    pages = [Image.open(docs.scan([p[:160]], tmp_path / f"p{i}.png", seed=i)).convert("RGB")
             for i, p in enumerate(en001[:3])]
    pages[0].save(tmp_path / "long.pdf", "PDF", resolution=200, save_all=True, append_images=pages[1:])
    real, calls = ocr.read_image, []

    def counting(image, langs, stop_at=None):
        calls.append(1)
        if stop_at is not None and len(calls) == stop_at:
            raise KeyboardInterrupt
        return real(image, langs)

    monkeypatch.setattr(ocr, "read_image", lambda im, langs: counting(im, langs, stop_at=3))
    seen: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        Extractor(cache_dir=tmp_path / "cache", progress=seen.append).read(tmp_path / "long.pdf")
    assert seen[:2] == [f"{tmp_path / 'long.pdf'}: page 1 of 3", f"{tmp_path / 'long.pdf'}: page 2 of 3"]
    calls.clear()
    monkeypatch.setattr(ocr, "read_image", lambda im, langs: counting(im, langs))
    article = Extractor(cache_dir=tmp_path / "cache").read(tmp_path / "long.pdf")
    assert len(calls) == 1 and [p.number for p in article.pages] == [1, 2, 3]


def test_library_upload_takes_the_good_documents_of_a_mixed_batch(tmp_path, config, pipeline, embedder):
    from qa.library import Library

    work = tmp_path / "lib"
    shutil.copytree(config.index_dir, work / "index")
    cfg = Config.from_env(env={}, index_dir=work / "index", seeds_dir=SEEDS, uploads_dir=work / "uploads",
                          cache_dir=tmp_path / "cache")
    from qa.pipeline import Pipeline

    lib = Library(cfg, Pipeline.load(cfg, log=lambda _: None, embedder=embedder))
    en004, _ = _seed("004_41011bc0f67b91ba.txt")
    good = docs.word_file(en004[:3], tmp_path / "notes.docx", title="Symposium notes")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    result = lib.add([good, bad], progress=False)
    assert result.added == ["notes.docx"]
    assert any(r.startswith("scan.pdf: not a readable PDF") for r in result.refused)
    assert lib.article("notes.docx").title == "Symposium notes"
    lib.close()


def test_a_sentence_across_a_page_break_stays_one_sentence(tmp_path):
    """Print breaks lines and pages inside sentences; the canonical text does not, and each word
    still knows its page."""
    from qa.extract import Extractor
    from qa.extract.layout import page_at
    from qa.sentences import split_sentences

    filler = [f"Paragraph {i} of the county report on the lacquer trade, which ran to many pages "
              f"and named every workshop." for i in range(10)]
    long = ("The Fuzhou lacquerware cooperative, founded in the spring of 1955 by forty households "
            "from three streets, grew to 321 members by the end of 1956 and sent its wares to "
            "eleven provinces and to foreign countries. ") * 14
    indented = "    This paragraph is indented, as Chinese papers indent theirs."
    docs.text_pdf([*filler, long, indented], tmp_path / "report.pdf", per_page=100)
    article = Extractor().read(tmp_path / "report.pdf")
    assert len(article.pages) == 2
    text = article.text
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences.count(long.split(". ")[0] + ".") == 14  # whole, though a page breaks one
    assert "\n" not in long.strip()
    cut = next(w for w in article.pages[1].words)  # the first word printed on page 2
    assert page_at(article.pages, cut.start, cut.end).number == 2
    assert text[cut.start - 1] == " " and text[:cut.start].rstrip()[-1] != "."  # carried on
    assert "\n\nThis paragraph is indented" in text


def test_metadata_tables_in_csv_and_json_and_a_bad_one(tmp_path):
    from qa.corpus import UnreadableFile
    from qa.extract.metadata import Metadata, read_table

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "metadata.json").write_text(
        '{"scan 1.png": {"Title": "Page one", "Newspaper": "Renmin Ribao", "date": "1955"}}',
        encoding="utf-8")
    assert read_table(tmp_path / "a" / "metadata.json") == {
        "scan 1.png": {"title": "Page one", "publication": "Renmin Ribao", "date": "1955"}}
    (tmp_path / "a" / "sub").mkdir()
    found = Metadata().row(tmp_path / "a" / "sub" / "scan 1.png")  # the table of a folder above
    assert found["title"] == "Page one"
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "metadata.csv").write_text("name,title\nx.pdf,X\n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="no `file` column"):
        read_table(tmp_path / "b" / "metadata.csv")
    meta = Metadata()
    assert meta.row(tmp_path / "b" / "x.pdf") == {} and "no `file` column" in meta.problems[0]


def test_a_chinese_web_page_saved_as_gbk_is_read_by_its_declared_charset(tmp_path):
    from qa.extract import Extractor

    _, zh001 = _seed("001_9fe5e06e1cbca207.txt")
    body = "".join(f"<p>{p}</p>" for p in zh001[:3])
    page = (f'<html><head><meta charset="gbk"><title>人民日报</title>'
            f'<meta property="article:published_time" content="1955-01-09"></head>'
            f"<body><nav>首页 新闻 订阅</nav><article><h1>全国手工业工作会议确定今年生产任务</h1>{body}"
            f"</article></body></html>")
    (tmp_path / "renmin.html").write_bytes(page.encode("gbk"))
    article = Extractor().read(tmp_path / "renmin.html")
    assert article.title == "全国手工业工作会议确定今年生产任务" and article.date == "1955-01-09"
    assert "耶夫绥也夫" in article.text and article.languages == ["zh"] and "订阅" not in article.text


def test_page_image_says_when_the_original_moved_or_changed(tmp_path):
    from qa.extract import Extractor
    from qa.page_image import PageUnavailable, render

    en001, _ = _seed("001_9fe5e06e1cbca207.txt")
    pdf = docs.text_pdf(en001[:2], tmp_path / "notes.pdf")
    article = Extractor().read(pdf)
    start = article.pages[0].start
    assert render(article, start, start + 10).width == 900
    docs.text_pdf(en001[2:4], pdf)  # the file is replaced by another text
    with pytest.raises(PageUnavailable, match="has changed since it was ingested"):
        render(article, start, start + 10)
    pdf.unlink()
    with pytest.raises(PageUnavailable, match="no longer at"):
        render(article, start, start + 10)
