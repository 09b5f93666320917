from pathlib import Path

import pytest

from qa.chunking import chunk_article
from qa.corpus import UnreadableFile, iter_files, parse_article, read_article
from qa.language import conference_ordinals, tokenize, years
from qa.sentences import split_sentences

from .conftest import SEEDS

EXPECTED = {
    "000_7eb432e2a4747e6b.txt": ("The CCP Central Committee Issues Instructions to Party Committees at "
                                 "All Levels to Strengthen Leadership over Handicraft Work",
                                 "1954-07-13", None),
    "001_9fe5e06e1cbca207.txt": ("National Handicraft Work Conference Defines This Year's Production Tasks",
                                 "1955-01-09", None),
    "002_d9706caa106fad3f.txt": ("3rd National Conference of Handicraft (conference record)",
                                 "1953-11-20", "1953-12-17"),
    "003_efffe6ba8053c025.txt": ("The Fifth National Handicraft Production Cooperative Conference "
                                 "Determined to Basically Complete Handicraft Cooperativization in Two Years",
                                 "1955-12-31", None),
    "004_41011bc0f67b91ba.txt": ("National Urban Handicraft Transformation Work Symposium Studies the "
                                 "Organization and Production Issues of Handicraft Cooperatives",
                                 "1956-03-29", None),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_title_and_date(name):
    a = read_article(SEEDS / name)
    title, date, date_end = EXPECTED[name]
    assert (a.id, a.title, a.date, a.date_end) == (name, title, date, date_end)


def test_seed_sections_split_english_from_chinese_original():
    a = read_article(SEEDS / "001_9fe5e06e1cbca207.txt")
    assert [s.lang for s in a.sections] == ["en", "zh"]
    en, zh = a.sections
    assert a.text[en.start:].startswith("The Fourth National Handicraft Work Conference")
    assert "<hr" not in a.text[en.start:en.end] and "Original:" not in a.text[en.start:en.end]
    assert "全国手工业工作会议确定今年生产任务" in a.text[zh.start:zh.end]
    assert a.title_zh == "全国手工业工作会议确定今年生产任务"
    assert a.page == "1"
    record = read_article(SEEDS / "002_d9706caa106fad3f.txt")
    assert [s.lang for s in record.sections] == ["en"] and record.date_label == "1953-11-20 – 1953-12-17"


def test_user_file_without_header(tmp_path):
    f = tmp_path / "notes.md"
    f.write_text("# Pottery cooperatives in Jingdezhen\n\nThey grew quickly.\n", encoding="utf-8")
    a = read_article(f)
    assert a.title == "Pottery cooperatives in Jingdezhen"
    assert a.date is None and a.date_label == "undated"
    g = tmp_path / "empty_title.txt"
    g.write_text("Date: March 3, 1956\n\nSome text here about lacquerware.\n", encoding="utf-8")
    b = read_article(g)
    # A header without a title: the title is the body's first line, not a header field's.
    assert b.date == "1956-03-03" and b.title == "Some text here about lacquerware."


def test_partial_dates_stay_partial(tmp_path):
    """An archive often knows only the year or the month: it is not made the first of January."""
    for written, iso in (("1955", "1955"), ("1955-03", "1955-03"), ("March 1955", "1955-03"),
                         ("1953-11-20 to 1953-12-17", "1953-11-20")):
        f = tmp_path / "a.txt"
        f.write_text(f"Title: T\nDate: {written}\n\nBody text.\n", encoding="utf-8")
        assert read_article(f).date == iso, written
    assert read_article(f).date_end == "1953-12-17"


@pytest.mark.parametrize("data,reason", [
    (b"\x00\x01\x02binary", "binary"),
    (b"\xfa\xfb not utf8", "not UTF-8"),
    ("Title: x\n".encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
    (b"   \n\n", "empty"),
])
def test_unreadable_content(data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        parse_article("bad.txt", "/x/bad.txt", data)


def test_folder_walk_takes_text_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("y")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    assert [p.name for p in iter_files([tmp_path])] == ["a.txt", "b.md"]


def test_chinese_sentences_split_on_full_stops_and_semicolons():
    text = "第一句。第二句！第三句？第四句；第五句"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "第一句。", "第二句！", "第三句？", "第四句；", "第五句"]


def test_english_sentences_keep_decimals_and_labels():
    text = "Dates of Meeting:\n\n20-11-1953 – 17-12-1953\n\nIt grew 3.69 times. Output rose to 1.1 million."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Dates of Meeting:\n\n20-11-1953 – 17-12-1953", "It grew 3.69 times.",
                     "Output rose to 1.1 million."]


def test_chunks_fit_the_embedder_and_point_at_the_file(embedder):
    for path in iter_files([SEEDS]):
        a = read_article(path)
        chunks = chunk_article(a, embedder.count_tokens, 200)
        assert chunks and {c.lang for c in chunks} == set(a.languages)
        for c in chunks:
            assert a.text[c.start:c.end] == c.text
            assert embedder.count_tokens(c.embed_text(c.title)) <= embedder.max_tokens
        assert len({c.id for c in chunks}) == len(chunks)


def test_chinese_tokenization_and_years():
    toks = tokenize("一九五五年手工业生产合作社社员要发展到二百万人左右")
    assert "1955" in toks and "手工业" in toks and "合作社" in toks
    assert years("一九五四年底") == {"1954"} and years("by the end of 1954, the") == {"1954"}
    assert years("1,954 people") == set()
    assert conference_ordinals("the Fifth National Handicraft Production Cooperative Conference") == {5}
    assert conference_ordinals("全国第五次手工业生产合作会议") == {5}
    assert conference_ordinals("during the First Five-Year Plan period") == set()
    # Ordinals coordinated before one head noun each name a conference; a plan's ordinal does not
    # swallow the conference named after it.
    assert conference_ordinals("The Third and the Fifth conferences set different time frames") == {3, 5}
    assert conference_ordinals("the Third and Fifth national conferences") == {3, 5}
    assert conference_ordinals("the First Five-Year Plan and the third conference") == {3}


def test_seed_files_are_the_shared_ones():
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if shared.is_dir():
        for f in shared.iterdir():
            assert (SEEDS / f.name).read_bytes() == f.read_bytes()


def test_odd_files_are_refused_before_a_byte_is_read(tmp_path):
    """A FIFO would block forever and a link to /dev/zero would never end: only regular files
    are read, and never more than the limit."""
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile, match="pipe.txt: not a regular file \\(a named pipe\\)"):
        read_article(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    with pytest.raises(UnreadableFile, match="not a regular file \\(a device\\)"):
        read_article(zero)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(UnreadableFile, match="too large"):
        read_article(big, max_bytes=4000)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    raw = (SEEDS / "001_9fe5e06e1cbca207.txt").read_text(encoding="utf-8")
    data = raw.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f = tmp_path / "seed.txt"
    f.write_bytes(data)
    a = read_article(f)
    assert a.text == raw.lstrip("\ufeff") and a.date == "1955-01-09"
    assert [s.lang for s in a.sections] == ["en", "zh"]


def test_old_mac_line_ends_keep_the_header_and_the_language_split(tmp_path):
    raw = (SEEDS / "001_9fe5e06e1cbca207.txt").read_text(encoding="utf-8").replace("\n", "\r")
    f = tmp_path / "mac.txt"
    f.write_bytes(raw.encode("utf-8"))
    a = read_article(f)
    assert len(a.text) == len(raw) and "\r" not in a.text  # one for one: offsets hold
    assert a.date == "1955-01-09" and [s.lang for s in a.sections] == ["en", "zh"]
    assert a.title_zh == "全国手工业工作会议确定今年生产任务"


@pytest.mark.parametrize("raw,why", [("1955-13-45", "no such day"), ("1955-02-30", "no such day"),
                                     ("February 30, 1955", "no such day"),
                                     ("sometime in spring", "not a date that can be read")])
def test_an_impossible_date_is_stored_undated_and_said(tmp_path, raw, why):
    f = tmp_path / "bad_date.txt"
    f.write_text(f"Title: A note\nDate: {raw}\n\nSome text.\n", encoding="utf-8")
    a = read_article(f)
    assert a.date is None
    assert a.problems == [f"{f}: Date {raw!r} is {why}; the article is stored as undated"]


@pytest.mark.parametrize("sentence,quote", [
    ("Other Decisions and/or Actions:\n\n- planned that by the end of 1954, the members would grow.",
     "planned that by the end of 1954, the members would grow."),
    ("- 3 main forms of cooperation among artisans", "3 main forms of cooperation among artisans"),
    ("the total output value should be more than 20 trillion yuan;",
     "the total output value should be more than 20 trillion yuan"),
    ("一九五五年社员要发展到二百万人左右；", "一九五五年社员要发展到二百万人左右"),
    ("Attendance: 300 delegates.", "Attendance: 300 delegates."),
    ("(1) On the change of production relations.", "(1) On the change of production relations."),
])
def test_a_quote_leaves_out_list_debris_and_a_dangling_semicolon(sentence, quote):
    from qa.sentences import quotable

    s, e = quotable(sentence)
    assert sentence[s:e] == quote


def test_the_record_list_items_are_quoted_without_their_heading(pipeline, seed_text):
    a = pipeline.ask("How many members were planned for the end of 1954 at the Third conference?")
    assert not a.refused
    for c in a.citations:
        text = seed_text[c.source]
        assert text[c.start:c.end] == c.quote
        assert not c.quote.startswith(("Other Decisions", "- ")) and not c.quote.endswith(";")
        assert c.quote in a.answer.replace("\n", " ") or " ".join(c.quote.split()) in a.answer


def test_a_conference_record_with_a_header_keeps_its_meeting_dates(tmp_path):
    """An extracted record (a web page of it) gains a header with its title but no date: the
    record's own "Dates of Meeting" still date it."""
    record = (SEEDS / "002_d9706caa106fad3f.txt").read_text(encoding="utf-8")
    f = tmp_path / "record.txt"
    f.write_text("Title: Third conference, as saved from the web\n\n" + record, encoding="utf-8")
    a = read_article(f)
    assert a.title == "Third conference, as saved from the web"
    assert (a.date, a.date_end) == ("1953-11-20", "1953-12-17")


def test_english_then_chinese_without_an_original_line_are_two_sections(tmp_path):
    """A transcription or an extracted page rarely has the seeds' "Original:" line: the runs of
    paragraphs in each language are the sections; a short date line goes with its run."""
    en = "The Fourth National Handicraft Work Conference concluded on January 5th after ten days."
    zh = "全国第四次手工业工作会议已在一月五日闭幕。会议检查了一九五四年手工业生产合作社组织发展的情况。"
    f = tmp_path / "both.txt"
    f.write_text(f"Title: Both\n\n{en}\n\n1955-01-09\n\n{zh}\n\n{zh}\n", encoding="utf-8")
    a = read_article(f)
    assert [s.lang for s in a.sections] == ["en", "zh"]
    assert a.text[a.sections[0].start:a.sections[0].end] == f"{en}\n\n1955-01-09"
    assert a.text[a.sections[1].start:a.sections[1].end] == f"{zh}\n\n{zh}"
    one = tmp_path / "one.txt"
    one.write_text(f"{en}\n\n{en}\n", encoding="utf-8")
    assert [s.lang for s in read_article(one).sections] == ["en"]


def test_a_title_from_a_long_first_line_is_its_first_sentence(tmp_path):
    """An untitled scan's first line is often a paragraph: the title is its first sentence, or
    its first words marked as cut."""
    f = tmp_path / "scan.txt"
    first = "【本报讯】全国第四次手工业工作会议已在一月五日闭幕。"
    f.write_text(first + "会议检查了组织发展的情况，" * 12 + "\n", encoding="utf-8")
    assert read_article(f).title == "【本报讯】全国第四次手工业工作会议已在一月五日闭幕。"
    g = tmp_path / "long.txt"
    g.write_text("word " * 60 + "\n", encoding="utf-8")
    title = read_article(g).title
    assert title == " ".join(["word"] * 24) + "…"  # cut between words, within 120 characters
