"""Retrieval and answers on the real seed index: right articles, verbatim quotes, refusals."""

import re

import pytest

from qa.query import analyse

RETRIEVAL = [
    ("How many people were organized into handicraft cooperatives by the end of 1954?", "001"),
    ("When did the Fourth National Handicraft Work Conference conclude?", "001"),
    ("How many delegates attended the third national conference?", "002"),
    ("What did the Fifth conference decide about completing cooperativization?", "003"),
    ("Which industries should speed up cooperativization?", "003"),
    ("Who became director of the Standing Committee of the preparatory committee?", "001"),
    ("What did the symposium say about repair and service trades?", "004"),
    ("What should Party committees above the provincial level designate?", "000"),
    ("How many handicraft production cooperatives existed at the end of 1953?", "002"),
    ("What did Liu Shaoqi say about nationalizing cooperatives?", "002"),
    ("Which Soviet expert gave a special report?", "001"),
    ("What was the planned membership for 1957?", "002"),
    ("When did the CCP Central Committee issue its instructions on the Third conference report?", "000"),
    ("Which crafts are famous abroad, such as ivory carving and cloisonné?", "002"),
    ("How should bicycle spray painting and electric welding be organized?", "004"),
    ("第五次手工业生产合作会议在哪一天闭幕？", "003"),
    ("一九五五年手工业生产合作社社员要发展到多少人？", "001"),
    ("座谈会对修理和服务性行业的生产形式有什么意见？", "004"),
    ("中央须设立什么机构？", "000"),
]


@pytest.mark.parametrize("question,gold", RETRIEVAL)
def test_right_article_in_top_3(pipeline, question, gold):
    passages = pipeline.retriever.retrieve(analyse(question), 5)
    assert gold in [p.chunk.article_id[:3] for p in passages[:3]]


def test_date_filters_keep_to_the_range(pipeline):
    q = analyse("handicraft cooperatives conference", since="1955-06", until="1956")
    got = {p.chunk.article_id[:3] for p in pipeline.retriever.retrieve(q, 10)}
    assert got and got <= {"003", "004"}
    q = analyse("handicraft cooperatives conference", until="1953-12-31")
    assert {p.chunk.article_id[:3] for p in pipeline.retriever.retrieve(q, 10)} == {"002"}


def test_named_conference_wins_over_others(pipeline):
    for question, gold in [("What tasks did the Fifth conference set?", "003"),
                           ("What tasks did the Fourth conference set?", "001")]:
        assert pipeline.retriever.retrieve(analyse(question), 3)[0].chunk.article_id[:3] == gold


ANSWERS = [
    ("How many people were organized into handicraft cooperatives by the end of 1954?", ["1.1 million"]),
    ("When did the Fourth National Handicraft Work Conference conclude?", ["January 5"]),
    ("How many delegates attended the third national conference?", ["160"]),
    ("How many handicraft production cooperatives were there at the end of 1953?", ["4,806"]),
    ("Who was made director of the Standing Committee?", ["Bai Rubing"]),
    ("What was the planned membership for 1957?", ["5 million"]),
    ("Which Soviet expert gave a special report at the Fourth conference?", ["Yevseyev"]),
    ("When did the Fifth National Handicraft Production Cooperative Conference conclude?", ["28th"]),
    ("How many handicraft workers were there in China according to the report?", ["19.3 million"]),
    ("一九五五年手工业生产合作社社员要发展到多少人？", ["二百万"]),
    ("谁担任常务委员会主任？", ["白如冰"]),
    ("中央须设立什么机构？", ["手工业管理局"]),
]


@pytest.mark.parametrize("question,expected", ANSWERS)
def test_answers_hold_the_fact_with_valid_citations(pipeline, seed_text, question, expected):
    a = pipeline.ask(question)
    assert not a.refused, a.answer
    assert all(e in a.answer for e in expected), a.answer
    _check_citations(a, seed_text)
    if re.search(r"[\u4e00-\u9fff]", question):
        assert all(c.lang == "zh" for c in a.citations)


UNANSWERABLE = [
    "How many members did handicraft cooperatives have at the end of 1956?",
    "What did Mao Zedong say at the Fourth conference?",
    "What did the Sixth National Handicraft Conference decide?",
    "What was the output value of handicraft cooperatives in 1960?",
    "How many tractors were produced by handicraft cooperatives?",
    "What is the capital of France?",
]


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_refuses_what_the_articles_do_not_say(pipeline, seed_text, question):
    a = pipeline.ask(question)
    assert a.refused, a.answer
    assert a.answer.startswith("The articles do not say")
    assert a.citations, "a refusal lists the closest passages as related reading"
    _check_citations(a, seed_text)


def test_no_number_in_an_answer_that_its_citation_lacks(pipeline):
    for question, _ in ANSWERS:
        a = pipeline.ask(question)
        for sentence, n in re.findall(r"(.*?)\s?\[(\d+)\]", a.answer):
            quote = a.citations[int(n) - 1].quote
            for num in re.findall(r"\d[\d,.]*\d|\d", sentence):
                assert num in quote, (num, sentence, quote)


def _check_citations(answer, seed_text):
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}
    for c in answer.citations:
        assert seed_text[c.source][c.start:c.end] == c.quote
        assert c.date and c.title


def test_overlapping_sentences_are_quoted_once_as_one_span(seed_text):
    from qa.answering import citations_for
    from qa.answering.candidates import Candidate
    from qa.records import Chunk, Passage

    name = "001_9fe5e06e1cbca207.txt"
    text = seed_text[name]
    a0 = text.index("The Fourth National Handicraft Work Conference")
    a1 = text.index(".", a0) + 1
    b0 = a0 + 10
    b1 = text.index(".", a1 + 1) + 1
    chunk = Chunk("c", name, "T", "1955-01-09", None, "en", 0, len(text), text, 0)
    cand = [Candidate(Passage(chunk, 1.0, 1), a0, a1, text[a0:a1]),
            Candidate(Passage(chunk, 1.0, 1), b0, b1, text[b0:b1])]
    cites = citations_for(cand)
    assert len(cites) == 1 and (cites[0].start, cites[0].end) == (a0, b1)
    assert cites[0].quote == text[a0:b1]


def test_a_refusal_under_a_date_filter_says_the_filter_is_on(pipeline):
    a = pipeline.ask("How many members were planned for the end of 1954?", since="1956")
    assert a.refused and "(Only articles dated from 1956 on were searched: a date filter is on.)" in a.answer
    zh = pipeline.ask("一九五四年底社员计划发展到多少人？", until="1953-06")
    assert zh.refused and "日期筛选已开启" in zh.answer
    unfiltered = pipeline.ask("What did Mao Zedong say about handicraft cooperatives?")
    assert unfiltered.refused and "date filter" not in unfiltered.answer


def test_a_words_rarity_is_counted_over_the_articles_a_question_reached(pipeline):
    from qa.answering.archive_counts import ReachedCounts, counts_for

    keyword = pipeline.retriever.keyword
    whole = pipeline.answerer.counts
    symposium, record = "004_41011bc0f67b91ba.txt", "002_d9706caa106fad3f.txt"
    # Every article reached: the whole archive's counts, as before.
    n = len(pipeline.store.manifest.articles)
    assert counts_for(frozenset(pipeline.store.manifest.articles), keyword, whole, n) is whole
    assert counts_for(frozenset(), keyword, whole, n) is whole
    one = counts_for(frozenset({symposium}), keyword, whole, n)
    assert isinstance(one, ReachedCounts) and 0 < one.n < whole.n
    assert one.n == pipeline.store.manifest.articles[symposium]["chunks"]
    # "nationalize" is the record's word (Liu Shaoqi): none of the symposium's chunks hold it.
    assert whole.form_df("nationalizing") > 0 and one.form_df("nationalizing") == 0
    both = counts_for(frozenset({symposium, record}), keyword, whole, n)
    assert both.form_df("nationalizing") == whole.form_df("nationalizing")
    # A word that frames the symposium's article is common there, whatever else the archive holds.
    assert one.form_df("symposium") / one.n > whole.form_df("symposium") / whole.n
    assert one.token_df("座谈会") > 0 and one.token_df("座谈会") <= whole.token_df("座谈会")
    # Retrieval says which articles it reached.
    from qa.query import analyse

    q = analyse("What did the 1956 urban symposium say about raw material supply?", None, None,
                pipeline.store.manifest.articles)
    q.vector = pipeline.embedder.embed_query(q.text)
    found = pipeline.retriever.retrieve(q, 7, q.vector)
    assert {p.chunk.article_id for p in found} <= q.reached and symposium in q.reached


def test_an_english_question_answered_from_chinese_alone_shares_a_word_through_the_dictionary(pipeline):
    from types import SimpleNamespace

    from qa.answering.refusal import unrelated_translation
    from qa.query import analyse

    def said(text: str, lang: str = "zh") -> SimpleNamespace:
        return SimpleNamespace(text=text, context="", lang=lang)

    glossary, thesaurus = pipeline.answerer.glossary, pipeline.answerer.thesaurus
    q = analyse("How many handicraftsmen were expelled from the cooperatives?", None, None,
                pipeline.store.manifest.articles)
    unrelated = [said("在默认的 Debian 系统中，有6个可切换的字符控制台。")]
    assert unrelated_translation(q, unrelated, glossary, thesaurus) == "handicraftsmen"
    related = [said("有三百名手工业者被开除出合作社。")]
    assert unrelated_translation(q, related, glossary, thesaurus) == ""
    # An English sentence among them is read word for word by the other checks; a Chinese
    # question is not this check's.
    mixed = unrelated + [said("The weather was mild.", "en")]
    assert unrelated_translation(q, mixed, glossary, thesaurus) == ""
    zh = analyse("有多少手工业者被开除？", None, None, pipeline.store.manifest.articles)
    assert unrelated_translation(zh, unrelated, glossary, thesaurus) == ""


def test_a_count_names_its_noun_with_modifiers_before_the_first_preposition():
    from qa.answering.kinds import counts

    assert counts("the number of handicraft workers participating in various forms will grow to 900,000",
                  "worker")
    # What a preposition hangs on the counted noun is not what is counted.
    assert not counts("the number of members of handicraft production cooperatives should be 2 million",
                      "cooperative")
    assert not counts("the number of people organized into handicraft production cooperatives is 1.1 million",
                      "cooperative")


def test_a_figure_asked_of_the_year_after_a_conference_is_that_plans_count(pipeline):
    a = pipeline.ask("For the year following the Third conference, how many organized handicraft workers "
                     "did that conference's plan aim for?")
    assert not a.refused and "900,000" in a.answer


@pytest.mark.parametrize("question", [
    "The national handicraft work conference that ended just after New Year 1955 was which one in the "
    "series?",
    "Which conference ended just after New Year 1955?",
])
def test_asked_which_meeting_the_answer_names_it_first(pipeline, question):
    from qa.aspects import asks_meeting

    assert asks_meeting(question)
    a = pipeline.ask(question)
    assert not a.refused and a.answer.startswith("The Fourth National Handicraft Work Conference")


def test_a_question_asking_the_wording_in_chinese_is_answered_in_the_chinese_text(pipeline):
    from qa.recital import wording_asked

    assert wording_asked("Give the names, as written in Chinese, of the standing committee members.") == "zh"
    # What the question quotes in English is not what it asks for.
    assert wording_asked("What is the original Chinese wording of the policy rendered in English as "
                         "'active leadership, steady progress'?") == "zh"
    a = pipeline.ask("Give the names, as written in Chinese, of the three people named among the standing "
                     "committee members of the preparatory committee in January 1955.")
    assert not a.refused and all(n in a.answer for n in ("白如冰", "郑洁", "赵品三"))


def test_that_timetable_in_a_later_part_is_the_one_the_part_before_asked_of(pipeline):
    from qa.multipart import Part, standalone

    first = Part("When did the 1953 plan expect the organizational task of handicraft cooperativization "
                 "to be completed?")
    later = standalone(Part("how did the Fifth conference change that timetable?"), first, "", [])
    assert later.startswith("how did the Fifth conference change that timetable (")
    assert "organizational task" in later
    a = pipeline.ask("When did the 1953 plan expect the organizational task of handicraft cooperativization "
                     "to be completed, and how did the Fifth conference change that timetable?")
    assert "second five-year plan" in a.answer and "First Five-Year Plan" in a.answer


def test_a_year_naming_a_document_does_not_pull_sentences_that_mention_it(pipeline):
    # "the 1954 Party directive" names a document; the Fourth conference's article (dated 1955) says
    # the same, and a sentence of it that mentions 1954 is not the better answer for that.
    a = pipeline.ask("Both the 1954 Party directive and the Fourth conference told local Party committees "
                     "and governments to treat handicrafts as an important component of what?")
    assert not a.refused and "local industry" in a.answer


def test_no_figure_about_something_else_when_a_sentence_speaks_of_the_thing_without_one(pipeline):
    # The record says the State Bank is to set aside "a certain percentage" of its loans: no figure.
    a = pipeline.ask("What percentage of its annual lending was the State Bank to reserve for handicraft "
                     "cooperatives under the 1953 recommendations?")
    assert a.refused and "State Bank" in a.citations[0].quote
    # A figure beside what it counts is still given.
    a = pipeline.ask("How many handicraft production cooperatives were there at the end of 1953?")
    assert not a.refused and "4,806" in a.answer
