"""Sources that differ: figures the answer's articles give differently are shown side by side,
dated and quoted, and said to differ; figures that agree (or one article's two languages) never
are."""

import pytest

from qa.disagreements import differ, find, notice
from qa.records import Chunk, Citation, Passage

S000, S001, S002 = "000_7eb432e2a4747e6b.txt", "001_9fe5e06e1cbca207.txt", "002_d9706caa106fad3f.txt"


def _check_quotes(answer, seed_text):
    for d in answer.disagreements:
        for c in d.claims:
            assert seed_text[c.source][c.start:c.end] == c.quote
            assert c.value in c.quote or c.lang == "zh"
        assert [c.date for c in d.claims] == sorted(c.date for c in d.claims)


def _by_what(answer):
    return {d.what: {c.source: c.value for c in d.claims} for d in answer.disagreements}


def test_members_by_the_end_of_1954_differ(pipeline, seed_text):
    a = pipeline.ask("How many people were in handicraft cooperatives by the end of 1954?")
    assert not a.refused and a.citations[0].source == S001
    found = _by_what(a)
    assert found["members, 1954"] == {S002: "more than 900,000", S001: "more than 1.1 million"}
    members = next(d for d in a.disagreements if d.what == "members, 1954")
    assert [c.date for c in members.claims] == ["1953-11-20", "1955-01-09"]
    _check_quotes(a, seed_text)
    assert "The sources differ" in a.notice and "1953-11-20" in a.notice and "1955-01-09" in a.notice
    assert a.to_dict()["disagreements"][0]["claims"][0]["quote"]


def test_output_value_for_1954_differs(pipeline, seed_text):
    a = pipeline.ask("What was the total output value of handicraft cooperatives in 1954?")
    assert not a.refused
    assert _by_what(a)["output value, 1954"] == {S002: "more than 10 trillion yuan", S001: "12 trillion yuan"}
    _check_quotes(a, seed_text)
    assert "more than 10 trillion yuan" in a.notice and "12 trillion yuan" in a.notice


def test_chinese_question_says_so_in_chinese(pipeline, seed_text):
    a = pipeline.ask("一九五四年底手工业生产合作社有多少人？")
    assert _by_what(a)["members, 1954"] == {S002: "more than 900,000", S001: "一百一十多万人"}
    _check_quotes(a, seed_text)
    assert "各文章的数字不一致" in a.notice


@pytest.mark.parametrize("question", [
    "一九五五年手工业生产合作社社员要发展到多少人？",  # 001's English and Chinese: the same 2 million
    "How many members were planned for 1957?",  # only 002 gives 1957's figures
    "When did the Fourth National Handicraft Work Conference conclude?",
    # 000 and 002 both date it June 22:
    "When did the Central Committee issue its instructions on the Third conference report?",
    "How many handicraft production cooperatives were there at the end of 1953?",
])
def test_no_disagreement_where_sources_agree_or_one_speaks(pipeline, question):
    a = pipeline.ask(question)
    assert not a.refused, a.answer
    assert a.disagreements == [] and "differ" not in a.notice and "不一致" not in a.notice
    assert a.to_dict()["disagreements"] == []


def _passage(article: str, date: str, text: str, lang: str = "en") -> Passage:
    chunk = Chunk(f"{article}#0", article, f"Title of {article}", date, None, lang, 0, len(text), text, 0)
    return Passage(chunk, 1.0, 1)


def _cite(p: Passage) -> Citation:
    ch = p.chunk
    return Citation(1, ch.article_id, ch.title, ch.date, ch.text, 0, len(ch.text), ch.lang)


A = ("By the end of 1954, the number of people organized into handicraft production cooperatives "
     "nationwide will be more than 1.1 million.")


def test_the_same_figure_written_otherwise_is_no_disagreement():
    a = _passage("a.txt", "1955-01-09", A)
    b = _passage("b.txt", "1953-11-20", "By the end of 1954, the number of people organized into handicraft "
                 "production cooperatives nationwide will be 1,100,000.")
    assert find([_cite(a)], [a, b]) == []
    assert not differ(1.1e6, 1_100_000) and not differ(2e6, 1.96e6)  # rounded: one figure


def test_a_different_figure_for_the_same_thing_is_one():
    a = _passage("a.txt", "1955-01-09", A)
    b = _passage("b.txt", "1953-11-20", "By the end of 1954, the number of people organized into handicraft "
                 "production cooperatives nationwide will be 900,000.")
    (d,) = find([_cite(a)], [a, b])
    assert d.what == "members, 1954"
    assert [(c.source, c.value, c.date) for c in d.claims] == [
        ("b.txt", "900,000", "1953-11-20"), ("a.txt", "more than 1.1 million", "1955-01-09")]
    assert "“900,000” in Title of b.txt (1953-11-20)" in notice([d], "en")


def test_a_different_year_or_measure_or_the_same_article_is_no_disagreement():
    a = _passage("a.txt", "1955-01-09", A)
    other_year = _passage("b.txt", "1953-11-20", "By the end of 1955, the number of people organized into "
                          "handicraft production cooperatives nationwide will be 900,000.")
    other_measure = _passage("c.txt", "1953-11-20", "By the end of 1954, the output value of handicraft "
                             "production cooperatives nationwide will be 900,000 yuan.")
    same_article = _passage("a.txt", "1955-01-09", A.replace("more than 1.1 million", "900,000"))
    unrelated = _passage("d.txt", "1953-11-20", "In 1954, 900,000 people attended the fairs.")
    ratio = _passage("e.txt", "1953-11-20", "By the end of 1954, the number of people organized into "
                     "handicraft production cooperatives nationwide will be 3.69 times that of 1953.")
    for p in (other_year, other_measure, same_article, unrelated, ratio):
        assert find([_cite(a)], [a, p]) == [], p.chunk.text


def test_far_apart_figures_are_taken_for_different_units():
    # 10 trillion old yuan were 1 billion new yuan: the records write both.
    assert not differ(12e12, 1e9) and differ(12e12, 10e12)


def test_the_ui_shows_a_sources_differ_box(pipeline):
    from qa.render import answer_html

    a = pipeline.ask("How many people were in handicraft cooperatives by the end of 1954?")
    page = answer_html(a, {})
    assert 'class="sources-differ"' in page and "Sources differ" in page
    assert "1953-11-20" in page and "more than 900,000" in page
    from qa.export import markdown

    md = markdown([a])
    assert "**Sources differ** (members, 1954)" in md and "chars 15390" in md


# --- days a meeting opened or closed -------------------------------------------------------------
CLOSED = "The Fourth National Handicraft Work Conference concluded on January 5th."


def test_a_different_day_for_the_same_side_of_the_same_meeting_is_one():
    a = _passage("a.txt", "1955-01-09", CLOSED)
    b = _passage("b.txt", "1955-02-01", "The Fourth National Handicraft Work Conference, which opened "
                 "in December, closed on January 7, 1955, in Beijing.")
    (d,) = find([_cite(a)], [a, b])
    assert d.kind == "date" and d.what == "closing of the Fourth National Handicraft Work Conference"
    assert [(c.source, c.value, c.date) for c in d.claims] == [
        ("a.txt", "January 5th", "1955-01-09"), ("b.txt", "January 7, 1955", "1955-02-01")]
    for c in d.claims:
        assert c.quote[c.quote.index(c.value):].startswith(c.value)
    assert "“January 7, 1955” in Title of b.txt (1955-02-01)" in notice([d], "en")
    assert d.to_dict()["kind"] == "date"


def test_chinese_days_that_differ_are_said_to_differ_in_chinese():
    a = _passage("a.txt", "1955-01-09", "全国第四次手工业工作会议已在一月五日闭幕。", "zh")
    b = _passage("b.txt", "1955-02-01", "全国第四次手工业工作会议于一月七日闭幕。", "zh")
    (d,) = find([_cite(a)], [a, b])
    assert d.what == "第四次手工业工作会议闭幕"
    assert [c.value for c in d.claims] == ["一月五日", "一月七日"]
    assert notice([d], "zh").startswith("各文章的日期不一致——第四次手工业工作会议闭幕日期：")


@pytest.mark.parametrize("other", [
    # the same day, written otherwise or without its month
    "The Fourth National Handicraft Work Conference closed on 5 January 1955.",
    "The Fourth National Handicraft Work Conference concluded on the 5th.",
    # the other side of the meeting
    "The Fourth National Handicraft Work Conference opened on December 21, 1954.",
    # another meeting: another ordinal, or the same ordinal of another series
    "The Fifth National Handicraft Work Conference concluded on January 7th.",
    "The Fourth National Handicraft Production Cooperative Conference concluded on January 7th.",
    # a meeting named by its ordinal alone could be any; a sentence naming two cannot say whose day
    "The Fourth conference concluded on January 7th.",
    "The Fourth National Handicraft Work Conference, like the Third National Handicraft Production "
    "Cooperative Conference, concluded on January 7th.",
    # a day with no side written beside it: the day a report was made
    "On January 7th the Fourth National Handicraft Work Conference heard a report by Bai Rubing.",
])
def test_no_date_disagreement_where_days_agree_or_are_of_other_things(other):
    a = _passage("a.txt", "1955-01-09", CLOSED)
    b = _passage("b.txt", "1955-02-01", other)
    assert find([_cite(a)], [a, b]) == [], other


def test_the_seeds_give_no_meeting_two_days():
    """Every sentence of the five seeds against every other: their days for meetings agree."""
    from pathlib import Path

    from qa.corpus import parse_article
    from qa.disagreements import _days_in
    from qa.event_dates import differ as days_differ
    from qa.event_dates import same_event

    from .conftest import SEEDS

    dated = []
    for f in sorted(Path(SEEDS).glob("*.txt")):
        art = parse_article(f.name, str(f), f.read_bytes())
        for sec in art.sections:
            dated += _days_in(art.text[sec.start:sec.end], sec.start, f.name, art.title, art.date, sec.lang)
    assert len(dated) >= 4  # the Third's range, the Fourth's and the Fifth's closing
    for i, (d, cl) in enumerate(dated):
        assert cl.value in cl.quote
        for e, other in dated[i + 1:]:
            if cl.source != other.source and cl.lang == other.lang and same_event(d, e):
                assert not days_differ(d, e), (cl.quote, other.quote)
