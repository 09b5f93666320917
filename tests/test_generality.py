"""Crafted cases for each kind of question the answerer must handle in general, on the real seed
index: paraphrase, cross-language, parallel text, the side of an event, comparisons, time named
indirectly, follow-ups and `qa chat --json`."""

from __future__ import annotations

import json
import re

import pytest

from qa.answering.coverage import Coverage
from qa.conversation import Conversation, Turn, rewrite
from qa.multipart import split, standalone
from qa.query import analyse
from qa.thesaurus import Thesaurus
from qa.timeref import resolve
from tests.conftest import run_qa


def _ok_citations(answer, seed_text):
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} == {c.n for c in answer.citations}
    spans = sorted((c.source, c.start, c.end) for c in answer.citations)
    for (a, _, e1), (b, s2, _) in zip(spans, spans[1:], strict=False):
        assert a != b or e1 <= s2, "one passage quoted under two overlapping spans"
    for c in answer.citations:
        assert seed_text[c.source][c.start:c.end] == c.quote
        if c.parallel is not None:
            assert seed_text[c.source][c.parallel.start:c.parallel.end] == c.parallel.quote
            assert c.parallel.lang != c.lang


# --- paraphrase --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def thesaurus(pipeline):
    return pipeline.answerer.thesaurus


@pytest.mark.parametrize("word,evidence", [
    ("membership", "the members of HPCs would increase"),
    ("delegates", "The representatives conducted group discussions"),
    ("craftsmen", "Help the handicraftsmen organize"),
    ("producers'", "handicraft producer cooperatives"),
    ("guided", "under the leadership of the Party, which will lead the work"),
    ("employer", "the boss of the workshop"),
    ("attended", "Attendance: 160 delegates"),
    ("exceed", "12 trillion yuan, equivalent to 2.26 times that of 1953"),  # a comparison by a ratio
    ("farmers", "vigorously expand agricultural tool repair"),  # the synonym's agent noun
    ("HPC", "the number of people organized into handicraft production cooperatives"),  # initials
])
def test_a_paraphrase_is_accounted_for(thesaurus, word, evidence):
    assert Coverage(evidence, thesaurus).accounts_for(word)


@pytest.mark.parametrize("word,evidence", [
    ("nationalize", "the national conference of handicraft cooperatives"),
    ("abandon", "continue to implement the policy"),
    ("reject", "the report is correct"),
    ("tractors", "hand tools and farm implements"),
    ("exceed", "the total output value should be more than 20 trillion yuan"),  # no ratio
    ("HPC", "handicraft workers and the cooperatives of other trades"),  # initials not in a run
    ("CPC", "the Party committees at all levels"),
])
def test_a_different_word_is_not(thesaurus, word, evidence):
    assert not Coverage(evidence, thesaurus).accounts_for(word)


def test_the_thesaurus_is_built_beside_the_index(pipeline):
    assert isinstance(pipeline.answerer.thesaurus, Thesaurus)
    assert pipeline.answerer.thesaurus.synonym_in("delegates", {"representative"}) == "representative"


@pytest.mark.parametrize("question,expected", [
    ("How many delegates took part in the Third National Conference of Handicraft?", "160"),
    # "Delegates" is said in the sentence after the answer, across a chunk boundary.
    ("Which Soviet adviser lectured the delegates of the Fourth national handicraft meeting on planning in "
     "socialist and handicraft cooperatives?",
     "Yevseyev"),
    ("Besides better technology and quality, what kind of service to farmers did the Fifth conference "
     "want handicraft cooperatives to greatly expand?", "agricultural tool repair"),
    ("What membership was planned for the handicraft cooperatives by 1957?", "5 million"),
    ("Which adviser from the USSR gave a special report at the Fourth conference?", "Yevseyev"),
    # Words for the archive's own subject ("handicraftsman"): an answer need not repeat them.
    ("In cities where the artisans had basically been organized into cooperatives, what work were they "
     "to shift to?", "rectification"),
    ("Which craftsmen's trades did the 1956 symposium say were generally suitable for dispersed "
     "production?", "Repair and service"),
    # The record abbreviates what the question spells out ("HPCs").
    ("By what percentage did the number of handicraft production cooperatives increase in 1954?",
     "10 percent"),
])
def test_paraphrased_questions_are_answered(pipeline, seed_text, question, expected):
    a = pipeline.ask(question)
    assert not a.refused and expected in a.answer, a.answer
    _ok_citations(a, seed_text)


@pytest.mark.parametrize("question", [
    "Why did the Fifth conference decide to nationalize all handicraft cooperatives?",
    "What did Mao Zedong say at the Fourth conference?",
    "How many handicraft cooperatives were there at the end of 1956?",
    "How large was the entrance fee a handicraftsman had to pay on joining a cooperative?",
    # The post is created in the articles; no one is named to it.
    "Who was appointed the first head of the Central Handicraft Administration Bureau after the 1954 "
    "directive?",
    # A count of an act no article speaks of, though the people counted are everywhere.
    "How many handicraftsmen were punished or expelled for refusing to join a cooperative?",
])
def test_what_the_articles_do_not_hold_is_still_refused(pipeline, question):
    assert pipeline.ask(question).refused


# --- cross-language and parallel text ----------------------------------------------------------
def test_a_chinese_question_reaches_the_english_only_record(pipeline, seed_text):
    a = pipeline.ask("第三次全国手工业会议一共有多少名代表出席？")
    assert not a.refused, a.answer
    assert "160" in a.answer
    assert a.citations[0].source.startswith("002") and a.citations[0].lang == "en"
    assert "英文" in a.notice  # says, in Chinese, that the source is in English
    _ok_citations(a, seed_text)


@pytest.mark.parametrize("question, expected", [
    # The English-only record's passages are a pool of their own, and a pool of a few passages
    # can miss a line of its list of speeches or officers.
    ("朱德在第三次会议上的讲话是哪一天发表的？", "December 4, 1953"),
    ("第三次会议的记录里谁是代理主任？", "Cheng Zihua"),
])
def test_a_chinese_question_reaches_a_line_of_the_english_only_record(pipeline, question, expected):
    a = pipeline.ask(question)
    assert not a.refused and expected in a.answer, a.answer


def test_an_english_quote_carries_its_chinese_original(pipeline, seed_text):
    a = pipeline.ask("How many people were organized into handicraft cooperatives by the end of 1954?")
    c = a.citations[0]
    assert c.source.startswith("001") and c.parallel is not None
    assert c.parallel.lang == "zh" and "一百一十多万" in c.parallel.quote
    _ok_citations(a, seed_text)
    assert a.to_dict()["citations"][0]["parallel"]["start"] == c.parallel.start


@pytest.mark.parametrize("english,chinese", [
    # A task list the Chinese splits at every ；and the English only inside a long sentence:
    # each figure must sit beside its own translation, not its neighbour's.
    ("about 2 million", "二百万人左右"),
    ("more than 20 trillion yuan", "二十多万亿元"),
    ("increase by about 10%", "百分之十左右"),
    ("concluded on January 5th", "一月五日闭幕"),
    ("Bai Rubing and Zheng Jie would be", "白如冰、郑洁为常务委员会"),
])
def test_sentences_align_with_their_own_translation(pipeline, seed_text, english, chinese):
    article = "001_9fe5e06e1cbca207.txt"
    text = seed_text[article]
    rows = pipeline.store.sentences.get(where={"$and": [{"lang": "en"}, {"article_id": article}]},
                                        include=["metadatas"])["metadatas"]
    [row] = [m for m in rows if english in text[m["start"]:m["end"]]]
    assert chinese in row["parallel_text"], (text[row["start"]:row["end"]], row["parallel_text"])
    assert text[row["parallel_start"]:row["parallel_end"]] == row["parallel_text"]


def test_quotable_sentences_never_overlap(pipeline):
    """Chunks overlap; the sentences they offer must not, or one passage is quoted under two
    different spans and aligned twice."""
    rows = pipeline.store.sentences.get(include=["metadatas"])["metadatas"]
    by_article: dict[str, list[tuple[int, int]]] = {}
    for m in rows:
        by_article.setdefault(m["article_id"], []).append((m["start"], m["end"]))
    for spans in by_article.values():
        spans.sort()
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2


def test_each_language_is_searched_as_its_own_pool(pipeline):
    from qa.query import analyse

    passages = pipeline.retriever.retrieve(analyse("刘少奇对手工业生产合作社国营化有什么看法？"), 5)
    assert any(p.chunk.article_id.startswith("002") and p.chunk.lang == "en" for p in passages)


def test_the_glossary_translates_chinese_words(pipeline):
    glossary = pipeline.answerer.glossary
    assert {"abroad", "foreign"} <= glossary.english("国外")
    assert "deleg" in glossary.english_terms("代表")  # as search tokens, to meet a sentence's
    assert glossary.english("不是一个词语") == frozenset()
    # A verb glossed at length is still that verb: 代理 "to act on behalf of sb ..." is "acting".
    assert "act" in glossary.english_terms("代理")


def test_a_quoted_post_is_found_through_the_verb_it_glosses(pipeline, seed_text):
    a = pipeline.ask("第三次全国手工业会议的记录中，被注明为“代理主任”的是谁？")
    assert not a.refused and a.citations[0].quote == "Cheng Zihua, acting director."


def test_one_statement_in_two_articles_is_quoted_in_the_readers_language(pipeline, seed_text):
    """The English-only record reprints the instructions the newspaper printed in Chinese: a
    Chinese question is answered from the Chinese, its English beside it."""
    a = pipeline.ask("指示里县一级党委由谁负责手工业？")
    assert not a.refused and "指定一个委员" in a.answer
    assert a.citations[0].source.startswith("000") and a.citations[0].lang == "zh"
    assert "committee member" in a.citations[0].parallel.quote
    _ok_citations(a, seed_text)


def test_a_chinese_question_is_answered_by_an_english_sentence_it_translates(pipeline, seed_text):
    a = pipeline.ask("1953年底手工业生产合作社的年产值是多少？")
    assert not a.refused and "5.2 trillion" in a.answer and a.citations[0].source.startswith("002")
    _ok_citations(a, seed_text)


def test_a_chunk_is_found_by_its_best_sentence(pipeline):
    """The chunk holding the one sentence that answers ranks low by its own vector (it says four
    things); its sentence's vector finds it."""
    from qa.query import analyse

    q = analyse("What size of membership was planned for handicraft cooperatives in 1955?")
    passages = pipeline.retriever.retrieve(q, 5)
    assert any("about 2 million" in p.chunk.text for p in passages)
    assert "2 million" in pipeline.ask(q.text).answer


# --- the side of an event ----------------------------------------------------------------------
@pytest.mark.parametrize("question", [
    "第三次全国手工业生产合作会议结束大约半年以后，中共中央就这次会议的报告向各级党委发出了指示，具体是哪一天？",
    "About six months after the Third conference ended, the Central Committee issued instructions "
    "on its report. On what day?",
])
def test_a_closing_that_only_anchors_another_acts_date_is_not_asked(question):
    from qa.aspects import asked_phase

    assert asked_phase(question) is None
    assert asked_phase("第三次全国手工业生产合作会议哪天结束？") == "end"


def test_the_day_of_an_act_dated_from_a_meetings_close(pipeline, seed_text):
    a = pipeline.ask("第三次全国手工业生产合作会议结束大约半年以后，"
                     "中共中央就这次会议的报告向各级党委发出了指示，具体是哪一天？")
    assert not a.refused and "六月二十二日" in a.answer
    _ok_citations(a, seed_text)


def test_a_locative_glued_to_an_administrative_level_names_no_place():
    from qa.language import zh_place_names

    assert "里县" not in zh_place_names("指示里县一级党委由谁负责手工业？")
    assert "湖南" in zh_place_names("湖南的刺绣有名吗？")


def test_asked_the_opening_date_given_only_the_closing_date(pipeline):
    a = pipeline.ask("When did the Fourth National Handicraft Work Conference open?")
    assert a.refused and "closing date" in a.answer
    assert any("January 5" in c.quote for c in a.citations)  # the neighbour, as related reading


@pytest.mark.parametrize("question", [
    "When did the urban handicraft symposium open?",
    "全国城市手工业改造工作座谈会是哪一天开幕的？",
])
def test_a_symposiums_date_is_not_a_conferences(pipeline, question):
    # The symposium's article gives no date of its own; the conference record's dates are
    # another event's.
    a = pipeline.ask(question)
    assert a.refused, a.answer


def test_who_proposed_is_not_who_decided(pipeline):
    # The article says only that the meeting decided to set the committee up.
    assert pipeline.ask("At the Fourth conference, who proposed that the Preparatory Committee be "
                        "established?").refused
    # What was suggested (not who suggested it) is answered.
    a = pipeline.ask("Which working departments of Party committees above the provincial level were "
                     "suggested for leading handicraft work?")
    assert not a.refused and "urban work department" in a.answer, a.answer


def test_asked_the_closing_date(pipeline):
    a = pipeline.ask("On what day did the Fourth National Handicraft Work Conference close?")
    assert not a.refused and "January 5" in a.answer


def test_asked_the_outcome_given_only_the_target(pipeline):
    a = pipeline.ask("How many members did handicraft cooperatives actually have in 1955?")
    assert a.refused and "target" in a.answer


def test_asked_the_target(pipeline):
    a = pipeline.ask("What membership target was set for handicraft cooperatives in 1955?")
    assert not a.refused and "2 million" in a.answer


def test_a_date_beside_no_opening_word_is_not_the_opening(pipeline):
    # "jointly convened by ... closed on the 28th": the date is the closing's, in either language.
    for q in ("全国第五次手工业生产合作会议哪天开幕？",
              "On what day was the Fifth National Handicraft Production Cooperative Conference opened?"):
        assert pipeline.ask(q).refused, q


def test_a_post_in_another_body_does_not_answer(pipeline):
    a = pipeline.ask("What post did Bai Rubing hold in the Central Handicraft Bureau?")
    assert a.refused and "another body" in a.answer
    a = pipeline.ask("What post was Bai Rubing given on the Preparatory Committee?")
    assert not a.refused and "director" in a.answer
    # His state post is not his post in the Party; a sentence that does not name him is neither.
    a = pipeline.ask("第四次全国手工业工作会议期间，朱德在中共中央担任什么职务？")
    assert a.refused, a.answer


def test_a_chinese_name_is_read_in_pinyin_in_an_english_only_record(pipeline):
    assert pipeline.answerer.glossary.romanized("白如冰") == {"bai rubing"}
    assert "zhu de" in pipeline.answerer.glossary.romanized("朱德")
    # The date of his speech comes from the record line that names him, in English.
    a = pipeline.ask("第三次全国手工业生产合作会议期间，朱德是哪一天讲话的？")
    assert not a.refused and "December 4, 1953" in a.answer, a.answer


def test_how_many_people_is_answered_by_a_count_of_members(pipeline):
    a = pipeline.ask("How many people sat on the standing committee of the preparatory committee set up at "
                     "the Fourth conference?")
    assert not a.refused and re.search(r"\bnine\b|九人", a.answer), a.answer


def test_which_expert_is_answered_only_by_a_sentence_calling_someone_an_expert(pipeline):
    # The Soviet expert reported to the Fourth conference; the Third's record names other speakers.
    a = pipeline.ask("Which Soviet expert gave a special report at the Third National Conference on "
                     "Handicraft Production Cooperation?")
    assert a.refused, a.answer
    a = pipeline.ask("Which Soviet adviser gave a special report at the Fourth national handicraft "
                     "conference?")
    assert not a.refused and "Yevseyev" in a.answer, a.answer
    # Read where that script is, the other way round too: a Latin name in a Chinese question that
    # no quoted sentence nor its translation holds is still refused.
    assert pipeline.ask("Liu Shaoqi在第四次手工业工作会议上讲话了吗？").refused
    # A role word that only modifies ("which specialist cadres"), or a title before a name
    # ("What did Chairman Liu Shaoqi say"), asks for no one by that role.
    from qa.answering import _WHICH_ROLE

    assert not _WHICH_ROLE.search("Which specialist cadres did the conference want trained?")
    assert not _WHICH_ROLE.search("What did Chairman Liu Shaoqi say about blindly pursuing mechanization?")


def test_a_holder_of_a_post_in_a_body_is_named_with_that_body(pipeline):
    # "Cheng Zihua, acting director." gives a post in no body the sentence names.
    a = pipeline.ask("中央手工业管理局第一任局长是谁？")
    assert a.refused, a.answer
    a = pipeline.ask("Who was the director of the Standing Committee of the preparatory committee?")
    assert not a.refused and "Bai Rubing" in a.answer, a.answer


def test_a_line_citing_the_records_source_answers_only_about_the_source(pipeline):
    from qa.sentences import is_reference

    assert is_reference("Contemporary Chinese Economy.Gang Gong 2012")
    assert not is_reference("Dates of Meeting: 20-11-1953 – 17-12-1953") and not is_reference("December 1953")
    a = pipeline.ask("Who headed the central handicraft bureau once it was created?")
    assert "Gang Gong" not in a.answer, a.answer
    a = pipeline.ask("第三次全国手工业会议记录中关于城市手工业者社会主义改造的那段说明"
                     "引自哪部著作？作者是谁？")
    assert "Gang Gong" in a.answer, a.answer


def test_a_co_op_is_a_cooperative(pipeline):
    from qa.language import tokenize

    assert tokenize("co-ops") == tokenize("Co-op") == tokenize("cooperatives")
    a = pipeline.ask("How many handicraft production co-ops were there at the end of 1953?")
    assert not a.refused and "4,806" in a.answer, a.answer


def test_a_count_of_craftsmen_is_answered_by_the_members_they_were(pipeline):
    a = pipeline.ask("How many craftsmen belonged to handicraft production co-ops at the close of 1953?")
    assert not a.refused and "300,000 members" in a.answer, a.answer


def test_a_count_of_another_peoples_cooperatives_is_not_answered_by_ours(pipeline):
    # The passages mention a Soviet expert; no sentence counts Soviet cooperatives' members.
    a = pipeline.ask("How many artisans belonged to Soviet producer cooperatives at the time?")
    assert a.refused and "Soviet" in a.reason, a.answer


def test_a_figure_at_another_years_end_is_not_the_one_asked(pipeline):
    # "by the end of 1954 ... 3.69 times that of 1953" names 1953 only as the baseline.
    a = pipeline.ask("How many handicraft production cooperatives were there at the end of 1953?")
    assert not a.refused and "4,806" in a.answer and "3.69" not in a.answer


def test_a_chinese_why_question_is_checked_through_the_dictionary(pipeline):
    # Only the English record speaks of 1953's members; it gives no fall ("减少": decrease,
    # reduce), so its reasons for other things do not answer.
    assert pipeline.ask("一九五三年底手工业生产合作社的社员为什么减少了一半？").refused
    a = pipeline.ask("第三次会议为什么要求把手工业者组织起来？")
    assert not a.refused and a.citations[0].source.startswith("002")


def test_a_title_is_the_one_given_in_the_clause_naming_the_person(pipeline):
    a = pipeline.ask("What was the title of Liu Shaoqi's speech?")
    assert not a.refused and "On the problems" in a.answer and "Help the handicraftsmen" not in a.answer
    # At the Fourth conference Zhu De "gave important instructions"; the quoted title in that
    # sentence is Yevseyev's report.
    assert pipeline.ask("What was the title of Zhu De's speech at the Fourth conference?").refused


def test_a_why_question_whose_premise_no_sentence_states(pipeline):
    assert pipeline.ask("Why did the Fourth conference abolish the handicraft cooperatives?").refused


def test_a_why_question_presupposes_its_figures(pipeline):
    # The Fifth conference gave two years; a reason quoted without "three" answers another act.
    a = pipeline.ask("Why did the Fifth conference give the cities three more years to finish "
                     "cooperativization?")
    assert a.refused and "three" in a.answer, a.answer
    # A year the quoted sentence's article is dated in is stated by it.
    assert not pipeline.ask("Why did the Central Committee in 1954 say handicrafts must be developed "
                            "alongside heavy industry?").refused


def test_a_meeting_named_by_when_it_closed_needs_no_sentence_saying_closed(pipeline):
    # "一月初闭幕的那次会议" says which meeting; the answer is about what it decided.
    a = pipeline.ask("一九五五年一月初闭幕的那次会议，决定由谁担任常务委员会副主任？")
    assert not a.refused and "郑洁" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "What post did Liu Shaoqi hold?",  # the record has him attend and speak, never his post
    "刘少奇当时担任什么职务？",
    "Liu Shaoqi担任什么职务？",  # a Latin name in a Chinese question is read as it is spelled
])
def test_a_post_asked_needs_a_post_beside_the_name(pipeline, question):
    assert pipeline.ask(question).refused


def test_a_post_given_beside_the_name_answers(pipeline):
    a = pipeline.ask("What post did Zhu De hold?")
    assert not a.refused and "Vice Chairman" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "What did Liu Shaoqi say about blindly pursuing mechanization?",
    "What did Liu Shaoqi think of mechanization?",
])
def test_an_item_of_a_speakers_numbered_list_is_his(pipeline, question):
    # "Liu Shaoqi offered several points …: (1) …" opens a list whose third item, two paragraphs
    # and one chunk later, never names him.
    a = pipeline.ask(question)
    assert not a.refused and "hasty and rash" in a.answer, a.answer


def test_a_list_item_takes_the_nearest_earlier_opening():
    from qa.answering.candidates import Candidate, attach_leads
    from qa.records import Chunk, Passage

    chunk = Chunk(id="c", article_id="a", title="t", date=None, date_end=None, lang="en",
                  start=0, end=100, text="", ordinal=0)
    p = Passage(chunk=chunk, score=1.0, rank=1)
    first = Candidate(p, 0, 40, "Liu offered points: (1) On relations.")
    other = Candidate(p, 500, 540, "The report listed: (1) On supply.")
    item = Candidate(p, 600, 640, "(3) Blind pursuit is rash.")
    far = Candidate(p, 5000, 5040, "(2) Too far from any opening.")
    attach_leads([first, other, item, far])
    assert item.lead == other.text and far.lead == ""


def test_a_place_no_article_names(pipeline):
    assert pipeline.ask("In which city was the Fifth National Handicraft Production Cooperative "
                        "Conference held?").refused
    # "哪些少数民族地区": a place asked with modifiers between "which" and "regions".
    assert pipeline.ask("哪些少数民族地区最早建立了手工业生产合作社？").refused


def test_a_body_asked_needs_a_sentence_naming_one(pipeline):
    # The record lists "Cheng Zihua, acting director." and no body: asked whose director he was,
    # that line does not answer; asked who convened the symposium, a sentence naming bodies does.
    a = pipeline.ask("Cheng Zihua was acting director of which body?")
    assert a.refused, a.answer
    a = pipeline.ask("Which organisations called the 1956 urban handicraft symposium?")
    assert not a.refused and "Central Handicraft Administration" in a.answer, a.answer
    a = pipeline.ask("联合社建立以前，由哪个机构暂时负责领导手工业生产合作社？")
    assert not a.refused and "供销合作社联合社" in a.answer, a.answer


def test_a_single_name_a_role_introduces_is_a_person():
    from qa.language import person_names

    assert person_names("Soviet expert Yevseyev gave a special report") == ["Yevseyev"]
    assert person_names("The Director of the Bureau spoke") == []
    # A possessive is not part of the name.
    assert person_names("What was Liu Shaoqi's take on it?") == ["Liu Shaoqi"]


def test_the_size_asked_of_a_thing_names_the_thing():
    from qa.query import _focus

    assert _focus("How large an entrance fee did a new member pay?") == "fee"
    # A ratio noun says what kind of figure is asked, not what it counts.
    assert _focus("How high a share of output came from cooperatives?") == ""


def test_a_word_after_the_counted_noun_that_is_never_a_noun_modifies_the_count():
    from qa.query import _focus

    assert _focus("How many workers nationwide had joined by then?") == "worker"
    assert _focus("How many cooperatives altogether were set up?") == "cooper"
    # Before the noun, an adjective is part of what is counted.
    assert _focus("How many large cooperatives existed?") == "cooper"


def test_an_estimate_asked_is_answered_by_an_estimate(pipeline):
    # "预计到一九五四年底 …" estimates a year already over when the paper was written.
    a = pipeline.ask("预计一九五四年底手工业生产合作社（组）的人数会是一九五三年的几倍？")
    assert not a.refused and "三点六九倍" in a.answer, a.answer


def test_both_ends_of_a_sitting_asked_need_two_dates():
    from qa.answering.kinds import asked_grain, gives_grain

    assert asked_grain("第四次会议是从哪天开到哪天的？") == "range"
    assert asked_grain("On which days did the Fifth conference open and close?") == "range"
    assert gives_grain("range", "held from November 20 to December 17, 1953")
    assert not gives_grain("range", "中共中央在六月二十二日向各级党委发出指示")


def test_an_organisation_noun_asks_a_body_only_when_it_heads_the_phrase():
    from qa.aspects import asks_body

    assert asks_body("在生产联合社建立以前，由哪个机构负责领导？")
    assert not asks_body("修理行业一般适合采用什么样的生产组织方式？")  # a manner, not a body


def test_a_when_clause_that_sets_the_scene_asks_no_date():
    from qa.query import analyse

    assert analyse("When a member leaves the cooperative, what happens to his shares?").wants == "fact"
    assert analyse("And when the Fourth conference closed, how many members were there?").wants == "number"
    assert analyse("When was the preparatory committee set up, and who led it?").wants == "date"


def test_may_is_a_month_only_when_capitalised():
    from qa.answering.kinds import has_type

    assert not has_type("date", "counties may set up sections")
    assert has_type("date", "it met in May")


def test_a_date_must_be_of_the_act_and_grain_asked(pipeline):
    from qa.answering.kinds import event_verbs, has_type

    # "Come into being" asks a founding, though its verb is a light one and its act a noun.
    assert event_verbs("When did the bureau come into being?")
    assert not event_verbs("When did the conference open?")
    # A dispatch's dateline dates the report, not the meeting or founding it reports.
    line = "Xinhua News Agency, March 28th: The symposium studied several major issues."
    assert not has_type("date", line, "When was the symposium established?")
    assert has_type("date", line, "On what date did Xinhua report the symposium?")
    # No article says when the central bureau came into being: not the closing date of a
    # conference it convened, not a planning period, not a dispatch date.
    for q in ("In which month did the Central Handicraft Administration Bureau come into being?",
              "On what day was the All-China Federation of Handicraft Production Cooperatives founded?"):
        assert pipeline.ask(q).refused, q
    a = pipeline.ask("On what date did the Fourth National Handicraft Work Conference end?")
    assert not a.refused and "January 5" in a.answer


def test_a_trade_asked_needs_a_sentence_naming_one(pipeline):
    from qa.aspects import names_trade

    q = "Which trades did the urban symposium find suited to scattered production?"
    assert names_trade("Repair and service industries are generally suited to decentralized production.", q)
    assert not names_trade("The symposium studied the cooperative transformation of urban handicrafts.", q)
    assert not names_trade("The reform of urban artisans (or the handicraft industry) began.", q,
                           frozenset({"handicraft"}))
    assert names_trade("in industries closely related to people's lives, such as metal products", q)
    a = pipeline.ask("Which trades did the March 1956 symposium consider generally fit for dispersed "
                     "production?")
    assert not a.refused and "Repair and service" in a.answer, a.answer


def test_a_place_asked_before_a_figure_is_asked_with_modifiers():
    # "which province had the largest number of ...": the figure qualifies the place asked.
    assert analyse("Which county had organized the largest number of cooperatives by 1954?").wants == "place"
    assert analyse("In which coastal frontier provinces were the first groups set up?").wants == "place"
    assert analyse("What number of cities had bureaus?").wants == "number"
    # Verbs, determiners and prepositions between "what" and "cities" do not make a place asked.
    assert analyse("What were those cities told to turn to?").wants != "place"
    assert analyse("What about cities where the work is basically done?").wants != "place"


def test_where_an_effort_is_put_is_no_place(pipeline):
    from qa.aspects import asks_place

    assert not asks_place("Where should the emphasis of the work lie?")
    assert asks_place("Where was the conference that focused on repair trades held?")
    a = pipeline.ask("1956年3月报道的那次城市手工业座谈会认为，"
                     "已基本实现手工业合作化的城市接下来工作重点应放在哪里？")
    assert not a.refused and "整顿巩固和提高" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "What concrete measures for protecting special crafts did the 1956 urban handicraft symposium propose?",
    "朱德在第四次全国手工业工作会议上所作指示的具体内容是什么？",
])
def test_what_an_act_said_is_not_answered_by_a_report_that_it_was_given(pipeline, question):
    # "…and the protection of special crafts, and put forward suggestions for handling them";
    # "朱德到会作了重要指示": the act is reported, what it said is not.
    a = pipeline.ask(question)
    assert a.refused, a.answer


def test_what_an_act_said_is_answered_where_the_articles_give_it(pipeline):
    a = pipeline.ask("What exactly did Liu Shaoqi say about nationalizing the cooperatives?")
    assert not a.refused and "matter of principle" in a.answer, a.answer


def test_a_body_named_like_a_place_is_not_a_place():
    from qa.aspects import names_place

    assert not names_place("He should be allowed to participate in the Cooperation Organization.")
    assert names_place("The conference was held in Beijing.")


def test_a_length_of_time_asked_needs_one_stated():
    from qa.answering.kinds import asked_grain, gives_grain

    assert asked_grain("How long did the reorganization take?") == "span"
    assert not gives_grain("span", "At the end of 1953, there were 4,806 cooperatives.")
    assert gives_grain("span", "The task would take three years.")
    assert not gives_grain("span", "一九五三年底") and gives_grain("span", "用三年时间")


def test_whether_a_planned_figure_was_reached_asks_the_outcome(pipeline):
    from qa.aspects import asked_modality

    assert asked_modality("Did the cooperatives in fact reach the planned 5 million members?") == "actual"
    assert asked_modality("What was the planned membership for 1957?") == "plan"
    # The record gives 1957's 5 million only as a plan.
    a = pipeline.ask("Was the planned membership of 5 million in 1957 actually reached?")
    assert a.refused and "target" in a.answer, a.answer


# --- comparisons and multi-part questions -------------------------------------------------------
def test_a_later_part_asks_within_the_earlier_parts_year():
    from qa.multipart import split, standalone

    first, second = split("Was the 1957 target of 5 million members met? What was the real figure?")
    assert standalone(second, first, "", []).endswith("in 1957?")


def test_a_later_parts_it_is_the_thing_the_earlier_part_asked_for():
    from qa.multipart import split, standalone

    parts = split("What plan did the Third conference adopt, and how did the Fourth judge its results?")
    assert standalone(parts[1], parts[0], "", []).startswith("how did the Fourth judge the plan's results")
    # A person or body asked for is the earlier answer's: left to the rewrite.
    parts = split("Which body convened it, and who led its committee?")
    assert "body's" not in standalone(parts[1], parts[0], "", [])


def test_bodies_of_that_kind_are_the_kind_the_earlier_answer_gave(pipeline):
    parts = split("The 1954 directive required the centre to set up what administrative body for "
                  "handicrafts, and how many provincial-level bodies of that kind existed by the "
                  "Fourth conference?")
    assert parts[1].leans
    said = "The central government must establish a Handicraft Administration Bureau, provinces ... [1]"
    out = standalone(parts[1], parts[0], said, [])
    assert "provincial-level Handicraft Administration Bureaus existed" in out
    a = pipeline.ask(" ".join(p.text for p in parts))
    assert "Handicraft Administration Bureau" in a.answer and "twelve provincial" in a.answer, a.answer


def test_a_later_part_naming_its_own_conference_is_answered_from_that_conference(pipeline):
    a = pipeline.ask("What policy did the Third conference determine for the transformation of "
                     "handicrafts, and how did the Fourth conference judge its implementation?")
    assert "active leadership, steady advance" in a.answer and "basically implemented" in a.answer, a.answer


def test_parts_of_a_question():
    assert len(split("Which adviser addressed the Fourth conference, and what was his subject?")) == 2
    assert [p.years for p in split("How did the 1954 target compare with the 1957 target?")] == [
        {"1954"}, {"1957"}]
    assert len(split("第三次会议计划一九五七年发展到多少人？第四次会议规定一九五五年要发展到多少人？")) == 2
    assert len(split("When did the Fourth conference close?")) == 1
    # Each side of a comparison is asked on its own; "that year" is the year the first side names.
    compared = split("Compare the output value at the end of 1953 with the target for 1955.")
    assert [p.text for p in compared] == [
        "What was the output value at the end of 1953?", "What was the target for 1955?"]
    sides = split("How did the 1954 target compare with what was organized by the end of that year?")
    assert sides[1].text == "What was organized by the end of 1954?" and sides[1].years == {"1954"}
    # "Contrast A with B": "to" inside a side ("when to concentrate") does not join the sides.
    contrast = split("Contrast Liu Shaoqi's 1953 advice on when to concentrate production with the 1956 "
                     "symposium's guidance for repair trades.")
    assert [p.text for p in contrast] == [
        "What was Liu Shaoqi's 1953 advice on when to concentrate production?",
        "What was the 1956 symposium's guidance for repair trades?"]


def test_give_a_and_b_asks_each_side():
    # "Give A and B", each with its own year: two figures asked; "the goal" is the membership goal.
    parts = split("Give the membership goal for 1955 set by the Fourth conference and the goal for 1957 set "
                  "at the Third conference.")
    assert [(p.text, p.years) for p in parts] == [
        ("What was the membership goal for 1955 set by the Fourth conference?", {"1955"}),
        ("What was the membership goal for 1957 set at the Third conference?", {"1957"})]
    assert len(split("Name the body that convened the Fifth conference and the date it closed.")) == 1


def test_an_adverb_of_degree_is_not_a_premise(pipeline, seed_text):
    a = pipeline.ask("Which repair service did the Fifth conference want cooperatives to widen greatly?")
    assert not a.refused and "agricultural tool repair" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_premise_the_articles_state_the_other_way_round_is_refused(pipeline):
    a = pipeline.ask("Why did the symposium want every repair and service trade merged into centralized "
                     "workshops?")
    assert a.refused and "opposite" in a.answer, a.answer
    assert "decentralized production" in a.citations[0].quote
    a = pipeline.ask("Why did the Fifth conference want cooperativization slowed down in the leather and "
                     "paper-making trades?")
    assert a.refused and "accelerated" in a.citations[0].quote, a.answer
    # Said the question's way, the premise stands.
    a = pipeline.ask("Why did the symposium want manufacturing trades concentrated for production?")
    assert not a.refused and "concentrated for production" in a.answer, a.answer


def test_the_direction_a_sentence_states():
    from qa.answering.premise import _direction

    assert _direction("generally suitable for decentralized production") == {-2}
    assert _direction("can be appropriately centralized") == {2}
    assert _direction("the speed should be accelerated") == {1}
    assert _direction("centralized and decentralized production") == {2, -2}
    assert _direction("the delegates discussed the plan") == set()


def test_a_count_of_those_attending_needs_a_sentence_about_attending(pipeline):
    a = pipeline.ask("How many people attended the National Urban Handicraft Transformation Work Symposium?")
    assert a.refused, a.answer
    a = pipeline.ask("How many delegates attended the Third conference?")
    assert not a.refused and "160" in a.answer, a.answer


def test_days_given_in_another_year_are_a_misdated_premise(pipeline):
    a = pipeline.ask("What was decided at the Third National Conference on Handicraft Production "
                     "Cooperation, held from November 20 to December 17, 1955?")
    assert a.refused and "1953" in a.answer and "1953" in a.citations[0].quote, a.answer
    a = pipeline.ask("What did the Central Committee instruct Party committees on June 22, 1954?")
    assert not a.refused and "June 22" in a.answer, a.answer


def test_a_day_without_a_year_is_in_the_papers_year():
    from qa.answering.premise import _in_papers_year

    assert _in_papers_year({("june", 22)}, "1954-07-13") == {"1954"}
    assert _in_papers_year({("december", 28)}, "1955-01-09") == {"1954"}
    assert _in_papers_year({("june", 22)}, None) == set()


def test_a_speakers_later_points_are_his_though_they_never_name_him(pipeline, seed_text):
    # The list Liu Shaoqi opens with "(1)" goes on in later passages; "(2) On the form of
    # production organization." is answered by the paragraph under it.
    a = pipeline.ask("What form of production did Liu Shaoqi recommend for busy periods in 1953?")
    assert not a.refused and "peak seasons" in a.answer, a.answer
    _ok_citations(a, seed_text)
    # The point answers before the opening that announced it: a part of a longer question keeps it.
    a = pipeline.ask("What form of production did Liu Shaoqi recommend for busy periods, and on what "
                     "principles did the 1956 symposium say production should be organized?")
    assert "peak seasons" in a.answer and "benefiting production" in a.answer, a.answer


def test_a_heading_or_field_line_is_not_what_a_document_says():
    from qa.answering.scoring import is_heading

    assert is_heading("Type of Meeting: 3rd National Conference of Handicraft")
    assert is_heading("Report of the All-China Federation of Cooperatives on the Third National Handicraft "
                      "Production Cooperation Conference")
    assert is_heading("The Central Committee forwarded the instructions on the Report Date: 1954-6-22")
    assert not is_heading("The Fourth National Handicraft Work Conference concluded on January 5th.")
    assert not is_heading("会议最后决定成立筹备委员会")


def test_a_heading_does_not_answer_what_the_document_says(pipeline):
    a = pipeline.ask("第三次会议确定了哪几种手工业合作的主要形式？")
    assert not a.refused and "supply and marketing producer groups" in a.answer, a.answer


def test_an_exact_day_asks_a_date():
    from qa.query import analyse

    assert analyse("On what exact day were the instructions sent?", None, None, {}).wants == "date"


def test_asked_when_it_was_reported_the_dispatch_dateline_answers(pipeline):
    a = pipeline.ask("新华社哪天报道了全国城市手工业改造工作座谈会？")
    assert not a.refused and "28日讯" in a.answer, a.answer
    # Asked when the symposium met, the dateline is not its date.
    assert pipeline.ask("全国城市手工业改造工作座谈会是哪天召开的？").refused


def test_asked_who_else_a_sentence_naming_only_those_asked_does_not_answer(pipeline):
    a = pipeline.ask("Apart from Bai Rubing, Zheng Jie and Zhao Pinsan, who sat on the standing committee of "
                     "the Preparatory Committee?")
    assert a.refused, a.answer
    # Someone the question does not name answers it.
    a = pipeline.ask("Besides Zhu De, which leaders attended the Third conference?")
    assert not a.refused and "Liu Shaoqi" in a.answer, a.answer


def test_a_question_opening_with_what_it_is_about():
    # A topic before a colon is what "it" means; the year describing it is not the time asked.
    first, second = split("The Preparatory Committee that co-convened the 1956 symposium: how many standing "
                          "committee members did it have, and who was deputy director of its Standing "
                          "Committee?")
    assert first.text == "How many standing committee members did the Preparatory Committee have?"
    assert not first.years and second.leans
    # A statement before "Give A and B" stays with each part and says what "the Third" is.
    parts = split("Zhu De attended both the Third and the Fourth conferences. Give the title of his speech "
                  "at the Third and the office he held when he attended the Fourth.")
    assert [p.ordinals for p in parts] == [{3}, {4}]
    assert all(p.text.startswith("Zhu De attended both") for p in parts)


def test_an_office_a_person_held_is_a_post_not_a_body(pipeline, seed_text):
    a = pipeline.ask("Zhu De attended both the Third and the Fourth conferences. Give the title of his "
                     "speech at the Third and the office he held when he attended the Fourth.")
    assert not a.refused and "Help the handicraftsmen organize" in a.answer, a.answer
    assert "Vice Chairman" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_body_named_by_what_it_did_elsewhere_is_found_first():
    first, then = split("Who led the standing committee of the preparatory body that, together with the "
                        "Central Handicraft Administration, convened the 1956 symposium?")
    assert first.text == ("Besides the Central Handicraft Administration, which preparatory body convened "
                          "the 1956 symposium?")
    assert then.leans and then.text == "Who led the standing committee of that body?"


def test_the_body_an_answer_gives_is_the_one_the_question_did_not_name():
    from qa.antecedents import answered_body

    said = ("Xinhua News Agency, March 28th: The National Urban Handicraft Transformation Work Symposium, "
            "convened by the Central Handicraft Administration and the Preparatory Committee of the "
            "All-China Handicraft Production Cooperative Joint Federation, studied several issues. [1]")
    other = "the Preparatory Committee of the All-China Handicraft Production Cooperative Joint Federation"
    besides = "Besides the Central Handicraft Administration, which body convened it?"
    assert answered_body(besides, said) == other
    assert answered_body("Which preparatory body convened the symposium?", said) == other
    # Not the news agency reporting it: the first body after the act asked.
    first = answered_body("Which bodies convened the symposium?", said)
    assert first == "the Central Handicraft Administration"


def test_a_sentence_saying_the_meeting_is_quoted_with_the_one_naming_it(pipeline, seed_text):
    a = pipeline.ask("At which national conference was the decision taken to establish the Preparatory "
                     "Committee of the All-China Federation of Handicraft Production Cooperatives?")
    assert not a.refused and "Fourth National Handicraft Work Conference" in a.answer, a.answer
    assert a.answer.index("Fourth National") < a.answer.index("The meeting finally decided"), a.answer
    _ok_citations(a, seed_text)


def test_a_question_about_the_body_an_earlier_part_found(pipeline, seed_text):
    a = pipeline.ask("Who led the standing committee of the preparatory body that, together with the "
                     "Central Handicraft Administration, convened the 1956 symposium?")
    assert not a.refused and "Bai Rubing" in a.answer and "Preparatory Committee" in a.answer, a.answer
    a = pipeline.ask("Besides the Central Handicraft Bureau, which body convened the Fifth conference, and "
                     "at which conference had it been decided to set that body up?")
    assert "Fourth National Handicraft Work Conference" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_later_part_moving_to_a_year_of_its_own_is_not_held_to_the_first_parts_article(pipeline, seed_text):
    a = pipeline.ask("Comparing the two years: what annual output value did cooperatives record at the end "
                     "of 1953, and what total output value was expected for them by the end of 1954?")
    assert "5.2 trillion" in a.answer and "12 trillion" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_for_each_asks_the_question_of_each_year_named():
    from qa.multipart import dated_within

    q = ("Were the Fifth conference of December 1955 and the urban symposium of March 1956 convened by "
         "the same organizers? Name the convening bodies for each.")
    assert [p.years for p in split(q)] == [{"1955"}, {"1956"}]
    # Asked of 1956, the Fifth conference (dated 1955 by the question) is not what is asked about;
    # a conference named as the source stays.
    assert dated_within({5}, {"1956"}, q) == set() and dated_within({5}, {"1955"}, q) == {5}
    assert dated_within({3}, {"1955"}, "According to the Third conference's record, how did it grow in "
                                        "1954 and 1955 respectively?") == {3}


def test_each_side_named_is_answered(pipeline, seed_text):
    a = pipeline.ask("Were the Fifth conference of December 1955 and the urban symposium of March 1956 "
                     "convened by the same bodies? Name the convening bodies for each.")
    assert "Central Handicraft Bureau" in a.answer, a.answer
    assert "Central Handicraft Administration" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_target_of_a_measure_asks_a_figure(pipeline, seed_text):
    a = pipeline.ask("Give the membership goal for 1955 set by the Fourth conference and the goal for 1957 "
                     "set at the Third conference.")
    assert not a.refused and "2 million" in a.answer and "5 million" in a.answer, a.answer
    _ok_citations(a, seed_text)


@pytest.mark.parametrize("question, second", [
    # The later clause names only its side after a wh-phrase: it asks the first clause's question.
    ("By when was cooperativization to be basically completed according to the Third conference, and by "
     "when according to the Fifth?",
     "By when was cooperativization to be basically completed according to the Fifth conference?"),
    ("How many members did the Third conference plan for 1957, and how many for 1954?",
     "How many members did the Third conference plan for 1954?"),
    ("Who convened the 1956 symposium, and at which conference had that body been set up?", None),
])
def test_an_elliptical_second_clause_asks_the_first_of_its_side(question, second):
    first, part = split(question)
    if second is None:
        assert part.text == "at which conference had that body been set up?"
    else:
        assert part.leans and standalone(part, first, "", []) == second


def test_a_deadline_is_not_answered_by_the_dates_a_meeting_sat(pipeline, seed_text):
    a = pipeline.ask("By when did the Third conference want handicraft cooperativization basically "
                     "completed?")
    assert not a.refused and "second five-year plan" in a.answer.lower(), a.answer
    assert "November 20 to December 17" not in a.answer
    _ok_citations(a, seed_text)


def test_a_comparison_with_a_side_no_article_holds_is_refused(pipeline):
    a = pipeline.ask("How did Poland's handicraft cooperatives compare with China's in 1954?")
    assert a.refused and "Poland" in a.answer


def test_a_comparison_quotes_each_side_in_date_order(pipeline, seed_text):
    a = pipeline.ask("How did the membership planned for 1954 compare with the membership planned for 1957?")
    assert not a.refused
    assert re.search(r"900,000|900 thousand", a.answer) and "5 million" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_two_part_question_answers_both(pipeline):
    a = pipeline.ask("Which Soviet expert gave a special report at the Fourth conference, and what was "
                     "the subject of his report?")
    assert "Yevseyev" in a.answer and "Soviet Socialist Planning" in a.answer


# --- time named indirectly ----------------------------------------------------------------------
def test_time_named_by_events_and_seasons(pipeline):
    arts = pipeline.store.manifest.articles
    assert resolve("the year after the Third conference", arts).years == {"1954"}
    assert {a[:3] for a in resolve("the meeting held just before New Year 1956", arts).articles} == {"003"}
    assert {a[:3] for a in resolve("the symposium three months after the Fifth conference", arts).articles} \
        == {"004"}
    assert {a[:3] for a in resolve("一九五五年底召开的会议", arts).articles} == {"003"}
    assert resolve("the year in which the Fourth conference met", arts).years == {"1955"}
    # A count of years from a dated event is a stretch of months from its day, not a calendar
    # year: a year before the Fourth conference closed (1955-01-05) is the Third's winter of 1953.
    before = resolve("the meeting held a year before the Fourth conference ended", arts)
    assert before.years == set() and {a[:3] for a in before.articles} == {"002"}
    # A calendar day as the anchor; its year dates the window, not the answer.
    assert {a[:3] for a in resolve("the conference that closed three days before New Year's Day 1956",
                                   arts).articles} == {"003"}
    # A season placed by an event, and a conference named by its neighbour.
    assert {a[:3] for a in resolve("in the spring following the Fifth conference", arts).articles} == {"004"}
    assert resolve("the next conference after the Fourth national conference", arts).ordinals == {5}
    assert resolve("第四次全国手工业工作会议之后召开的下一次全国会议", arts).ordinals == {5}
    # A day named outright or by its place in the year dates the article that reports it within
    # weeks; when the event fell on it, its year only dates.
    fifth = resolve("the conference that ended on the fifth day of 1955", arts)
    assert {a[:3] for a in fifth.articles} == {"001"} and fifth.dating_only == ["the fifth day of 1955"]
    assert {a[:3] for a in resolve("the meeting that closed on 28 December 1955", arts).articles} == {"003"}
    assert resolve("the meeting that closed on 5 January 1957", arts).articles == set()
    # A month no article is dated in: the papers of the weeks after report it.
    june = resolve("the Central Committee's June 1954 instructions", arts)
    assert {a[:3] for a in june.articles} == {"000"}
    assert resolve("the meeting of May 1957", arts).articles == set()


def test_a_conference_that_only_dates_the_question_is_not_the_one_asked(pipeline):
    arts = pipeline.store.manifest.articles
    q = analyse("What did the symposium held three months after the Fifth conference ask of large cities?",
                articles=arts)
    assert q.ordinals == set() and {a[:3] for a in q.time.articles} == {"004"}
    assert "1956" not in analyse("一九五六年元旦三天前闭幕的会议讨论了什么？", articles=arts).years


@pytest.mark.parametrize("question, article, ordinals", [
    ("Which is the earliest national handicraft conference described in these articles?", "002", {3}),
    ("What did the latest conference decide?", "003", {5}),
    ("What did the latest meeting decide?", "004", set()),  # a symposium is a meeting
    ("最早的一次会议是哪一次？", "002", {3}),
    ("What did the first conference described here decide?", "002", {3}),
])
def test_a_meeting_named_by_its_place_in_time(pipeline, question, article, ordinals):
    t = resolve(question, pipeline.store.manifest.articles)
    assert [a[:3] for a in t.articles] == [article] and t.ordinals == ordinals


@pytest.mark.parametrize("question", ["What did the First conference decide?",
                                      "What did the last conference decide?"])
def test_a_first_or_last_conference_is_a_superlative_only_among_the_articles(pipeline, question):
    assert not resolve(question, pipeline.store.manifest.articles).articles


def test_time_named_by_a_persons_act_is_counted_from_the_day_the_passages_give_it(pipeline):
    # The record lists Zhu De's speech on December 4 and Liu Shaoqi's on December 8, 1953.
    a = pipeline.ask("Give the title of the talk delivered at the Third conference four days after Zhu De's "
                     "speech.")
    assert not a.refused and a.citations[0].quote.startswith("Liu"), a.answer
    a = pipeline.ask("Did anyone speak a few days before Liu Shaoqi?")
    assert not a.refused and "Zhu De" in a.citations[0].quote, a.answer
    # Asked by a role ("another leader"), the record's line naming the speaker by surname before
    # his title answers: what was done in the span comes before what is only similar.
    a = pipeline.ask("Four days after Zhu De addressed the Third Conference, another leader gave a speech "
                     "there. Who was it and what was the title?")
    assert not a.refused and a.citations[0].quote.startswith('Liu "On the problems'), a.answer


def test_a_surname_before_a_title_in_a_record_is_its_author():
    from qa.answering.kinds import has_type

    assert has_type("person", 'Liu "On the problems of handicraft producers\' cooperatives," December 8')
    assert not has_type("person", 'The "Report on the Third National Conference" was adopted.')
    assert not has_type("person", 'Report "On the problems of handicraft producers"')


def test_who_said_what_a_list_item_says_is_answered_with_the_lists_speaker(pipeline):
    # "(3) Blindly pursuing semi-mechanization … is a hasty and rash move" names no one; the list it
    # belongs to opens "Liu Shaoqi offered several points: (1) …".
    a = pipeline.ask("Who had warned against blind mechanization in 1953?")
    assert not a.refused and "Liu Shaoqi" in a.answer and "hasty and rash" in a.answer, a.answer
    assert a.answer.index("Liu Shaoqi") < a.answer.index("hasty and rash"), a.answer


def test_an_indirect_time_is_answered_from_its_article(pipeline):
    a = pipeline.ask("What membership was planned for the year after the Third conference?")
    assert not a.refused and re.search(r"900,000|900 thousand", a.answer), a.answer
    a = pipeline.ask("On which day did the conference held just before New Year 1956 close?")
    assert not a.refused and "28th" in a.answer, a.answer
    # The anchor's words ("New Year's Day") are no name the articles must hold.
    a = pipeline.ask("Which specialist cadres did the conference that closed three days before New Year's "
                     "Day 1956 want trained in large numbers?")
    assert not a.refused and re.search(r"accounting|会计", a.answer), a.answer


# --- follow-ups ---------------------------------------------------------------------------------
@pytest.mark.parametrize("previous,answer,follow_up,expected", [
    ("On what date did Zhu De address the Third conference?", "", "and Liu Shaoqi?",
     "On what date did Liu Shaoqi address the Third conference?"),
    ("Who gave a special report at the Fourth National Handicraft Work Conference?",
     "During the meeting, Zhu De attended; Soviet expert Yevseyev gave a special report [1]",
     "What was his title?", "What was Yevseyev's title?"),
    ("When did the Fourth National Handicraft Work Conference open?", "", "on which day did it close?",
     "On which day did the Fourth National Handicraft Work Conference close?"),
    ("Which trades were suited to decentralized production?", "", "what about manufacturing trades?",
     "Which manufacturing trades were suited to decentralized production?"),
    ("Who was the director of the Standing Committee?", "", "and the deputy director?",
     "Who was the deputy director of the Standing Committee?"),
    ("What did the Fifth conference decide?", "", "Why?", "Why did the Fifth conference decide?"),
    ("How many members did cooperatives have in 1954?", "", "and in 1955?",
     "How many members did cooperatives have in 1955?"),
    ("What membership did the Third conference plan for 1957?", "", "And the output value?",
     "What output value did the Third conference plan for 1957?"),
    # A phrase with a preposition takes the place of the previous question's phrase with it.
    ("What did Liu Shaoqi say about nationalizing handicraft cooperatives?", "", "And about mechanization?",
     "What did Liu Shaoqi say about mechanization?"),
    ("What did the 1956 symposium recommend for manufacturing trades?", "", "and for repair trades?",
     "What did the 1956 symposium recommend for repair trades?"),
    ("What did the Fifth one decide?", "", "它在哪一天闭幕？", "第五次会议在哪一天闭幕？"),
    # A question of its own after "and" stays as asked: it is not a part of the previous one.
    ("And on which day did the Third National Handicraft Conference close?", "",
     "And how many delegates came to the Fourth one?", "And how many delegates came to the Fourth one?"),
    # A fragment in the other language is never glued into the previous question's words.
    ("Which trades were suited to decentralized production?", "", "那制造性的行业呢？", "那制造性的行业呢？"),
    # In Chinese the topic comes first: a conference named inside a modifier is not what 它 means.
    ("中共中央关于第三次全国手工业生产合作会议报告的那份指示，是哪一天发出的？", "",
     "它要求中央设立什么机构？", "它要求中央设立什么机构？"),
    # ... and in English "it" is what the previous question names first.
    ("When did the CCP Central Committee issue its instruction on the report of the Third National "
     "Handicraft Production Cooperative Conference?", "",
     "What did it require the central government to set up?",
     "What did the CCP Central Committee require the central government to set up?"),
    # A Chinese question that names no topic takes the conversation's, put first.
    ("第四次全国手工业工作会议最后决定成立什么机构？", "", "谁当主任？",
     "第四次全国手工业工作会议谁当主任？"),
    ("全国第五次手工业生产合作会议哪天闭幕的？", "", "那第四次呢？",
     "全国第四次手工业生产合作会议哪天闭幕的？"),
    # "the symposium" is no conference: said after a turn about one, it names another meeting.
    ("What did the Fifth National Handicraft Production Cooperative Conference say about technical "
     "transformation?", "", "And what did the symposium a few months after the Fifth conference say about "
     "over-concentration?", "And what did the symposium a few months after the Fifth conference say about "
     "over-concentration?"),
    # A pronoun opening a clause, or asked to be identified, is the thing the question names itself.
    ("On what date did the CCP Central Committee issue its instructions on the report of the Third "
     "conference?", "", "Who headed the central bureau once it was created?",
     "Who headed the central bureau once it was created?"),
    ("On what date did the CCP Central Committee issue its instructions on the report of the Third "
     "conference?", "", "Whose report was it?", "Whose report was it?"),
])
def test_follow_up_forms(previous, answer, follow_up, expected):
    assert rewrite(follow_up, Turn(previous, answer)) == expected


def test_a_short_question_naming_no_topic_leans_on_the_conversation():
    from qa.conversation import leans_on_previous

    assert leans_on_previous("Who was the director?") and leans_on_previous("谁当主任？")
    assert not leans_on_previous("Who was the director of the Standing Committee?")
    assert not leans_on_previous("第四次会议在哪天闭幕？")


def test_no_glued_questions():
    c = Conversation()
    c.understand("On what date did Zhu De address the Third conference?")
    out = c.understand("and something else entirely?").text
    assert ":" not in out


def test_he_is_still_the_person_named_turns_before(pipeline):
    # The turn between names no one; "he" (他) two turns on is still Liu Shaoqi.
    c = Conversation()
    for q in ("What did Liu Shaoqi say about nationalizing handicraft production cooperatives?",
              "And about blind mechanization?"):
        c.remember(pipeline.ask(c.understand(q).text))
    assert "Liu Shaoqi" in c.understand("At what level did he want handicraft bureaus set up?").text
    c.remember(pipeline.ask(c.turns[-1].question))
    assert "Liu Shaoqi" in c.understand("他是哪一天讲的？").text


def test_a_new_year_after_a_turn_that_pointed_back_asks_the_question_before_it(pipeline):
    c = Conversation()
    first = ("According to the Fourth National Handicraft Work Conference, how many people had been "
             "organized into handicraft production cooperatives by the end of 1954?")
    for q in (first, "How does that compare with the year before?"):
        u = c.understand(q)
        c.remember(pipeline.ask(u.text, prefer=u.articles, context=u.context))
    assert c.understand("And in 1956?").text == first.replace("1954", "1956")


def test_the_meeting_an_answer_named_is_the_one_the_next_one_follows(pipeline):
    c = Conversation()
    u = c.understand("Which is the earliest national handicraft conference described in these articles?")
    c.remember(pipeline.ask(u.text))
    assert "third" in c.turns[-1].topic.lower()
    u = c.understand("And the next one?")
    assert "Fourth conference" in u.text
    c.remember(pipeline.ask(u.text))
    assert "Fifth conference" in c.understand("The one after that?").text


def test_a_figure_asked_in_a_phrase_is_of_the_conversations_time(pipeline):
    c = Conversation()
    u = c.understand("1953年底全国有多少个手工业生产合作社？")
    c.remember(pipeline.ask(u.text))
    u = c.understand("And their annual output value?")
    assert u.text == "And their annual output value by the end of 1953?" and u.articles
    a = pipeline.ask(u.text, prefer=u.articles, context=u.context, recite=u.recite)
    assert "5.2 trillion yuan" in a.answer, a.answer
    # A phrase asking no figure is left as asked.
    assert c.understand("Any exceptions?").text == "Any exceptions?"


def test_a_year_later_counts_from_the_last_answers_articles_when_no_year_was_said(pipeline):
    c = Conversation()
    u = c.understand("Who was named director of the standing committee of the preparatory committee for the "
                     "All-China Federation of Handicraft Production Cooperatives?")
    c.remember(pipeline.ask(u.text))  # quoted from the report of January 1955
    u = c.understand("Which foreign country did he visit?")
    c.remember(pipeline.ask(u.text, prefer=u.articles, context=u.context))  # refused: no year of its own
    u = c.understand("A little over a year later, in March, which national meeting did that preparatory "
                     "committee co-convene?")
    assert u.text.startswith("in 1956, in March") and not u.articles, u.text
    a = pipeline.ask(u.text, prefer=u.articles, context=u.context)
    assert "National Urban Handicraft Transformation Work Symposium" in a.answer, a.answer
    # A follow-up naming its own conference counts from that conference, not from the articles.
    assert "1954" not in c.understand("Had Zhu De also spoken at the Third conference a year earlier?").text


def test_a_follow_up_is_steered_to_the_cited_articles(pipeline):
    c = Conversation()
    first = c.understand("When did the Fifth National Handicraft Production Cooperative Conference close?")
    c.remember(pipeline.ask(first.text))
    again = c.understand("Who convened it?")
    assert again.articles and again.articles[0].startswith("003")
    a = pipeline.ask(again.text, prefer=again.articles)
    assert "Central Handicraft Bureau" in a.answer


def test_a_fragment_follow_up_reads_on_from_the_quoted_passage(pipeline):
    c = Conversation()
    first = c.understand("Which trades did the March 1956 symposium consider generally fit for dispersed "
                         "production?")
    c.remember(pipeline.ask(first.text))
    again = c.understand("Were there exceptions?")
    assert again.text == "Were there exceptions?" and again.recite  # left as asked, with what was read
    a = pipeline.ask(again.text, prefer=again.articles, context=again.context, recite=again.recite)
    assert not a.refused and "clocks and watches" in a.answer, a.answer
    # Asked for more of what was just read, the sentence after it goes on from it.
    c = Conversation()
    first = c.understand("According to the March 1956 urban handicraft transformation symposium, should "
                         "repair and service trades be concentrated or kept dispersed?")
    c.remember(pipeline.ask(first.text))
    again = c.understand("Any exceptions?")
    a = pipeline.ask(again.text, prefer=again.articles, context=again.context, recite=again.recite)
    assert not a.refused and "clocks and watches" in a.answer, a.answer


def test_chat_json_through_a_subprocess(index_dir):
    lines = "\n".join(["Who gave a special report at the Fourth National Handicraft Work Conference?",
                       "What was his title?", "On which day did the conference close?", ""])
    r = run_qa("chat", "--json", "--index", str(index_dir), input=lines)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[1]["understood_as"] == "What was Yevseyev's title?"
    assert "January 5" in rows[2]["answer"]
    assert {"question", "answer", "refused", "citations", "understood_as"} <= rows[0].keys()


def test_which_article_and_plan_or_result_are_answered_from_the_previous_answer(pipeline):
    conv = Conversation()
    first = conv.understand("What membership was set for handicraft cooperatives for 1955?")
    a = pipeline.ask(first.text, prefer=first.articles, context=first.context)
    conv.remember(a)
    assert not a.refused and "2 million" in a.answer, a.answer
    source = conv.understand("Which article says that?")
    b = pipeline.ask(source.text, about=source.about, recite=source.recite)
    # The article's own heading, quoted and cited, then the same passages again.
    assert "1955-01-09" in b.answer and "2 million" in b.answer, b.answer
    assert all(c.quote in open(pipeline.store.manifest.articles[c.source]["path"], encoding="utf-8-sig")
               .read()[c.start:c.end] for c in b.citations)
    kind = conv.understand("Was that a target or the result?")
    c = pipeline.ask(kind.text, about=kind.about, recite=kind.recite)
    assert "plan or target" in c.notice and "2 million" in c.answer, c.notice
    # The conversation is still about the membership: a further follow-up reads against it.
    assert conv.understand("and in 1954?").text != "and in 1954?"


@pytest.mark.parametrize("question,focus", [
    ("第三次会议的代表一共有多少人？", "代表"),  # the counted noun before 多少, the unit after it
    ("社员的工资大约是多少元？", "工资"),
    ("一九五五年社员人数是多少？", "社员"),  # "the number of" 社员
    ("一九五五年的社员人数目标是多少？", "社员"),  # a target is the kind of figure, not the thing
    ("社员人数和生产总值分别是多少？", ""),  # two things counted
    ("一九五三年底有多少个手工业生产合作社？", "合作社"),  # jieba tags 合作社 as a set phrase
    ("一九五四年计划发展到多少人？", ""),  # 发展到: a verb of change counts nothing
    ("社员人数达到多少？", "社员"),
])
def test_a_chinese_count_names_the_thing_counted(question, focus):
    assert analyse(question).focus == focus


def test_an_outcome_of_another_year_is_not_the_outcome_asked(pipeline):
    # 1955's membership is given only as a target; the 1954 outcome beside it is another year's.
    a = pipeline.ask("How many members had the cooperatives in fact reached by the close of 1955?")
    assert a.refused, a.answer


def test_a_search_settled_on_one_article_reads_its_other_passages(pipeline):
    # The article's opening matches any question about the symposium; the answer sits in a long
    # paragraph the first passages do not include.
    a = pipeline.ask("Which kinds of trades did the 1956 symposium find generally suited to decentralized "
                     "production?")
    assert not a.refused and "Repair and service" in a.answer, a.answer
    assert len(a.passages) > pipeline.config.top_k


def test_convened_by_names_who_held_it_not_when_it_opened(pipeline):
    from qa.aspects import phases

    assert "start" not in phases("March 28th: The symposium, convened by the Bureau, studied issues.")
    assert "start" in phases("The conference convened on November 20.")
    a = pipeline.ask("On what day did the 1956 urban handicraft symposium open?")
    assert a.refused, a.answer


def test_a_chinese_count_is_read_in_an_english_sentence_through_the_dictionary(pipeline):
    # 工资 (wages) is counted; the English record's figures count members and forms, not wages.
    a = pipeline.ask("手工业生产合作社社员每月的工资是多少元？")
    assert a.refused, a.answer


def test_what_a_person_said_comes_from_a_sentence_where_he_speaks(pipeline):
    # The record lists Deng Zihui among those attending; it gives no words of his.
    a = pipeline.ask("What did Deng Zihui tell the delegates of the Third conference?")
    assert a.refused, a.answer
    a = pipeline.ask("What did Liu Shaoqi say about nationalizing handicraft cooperatives?")
    assert not a.refused and "Liu" in a.answer, a.answer


def test_was_the_target_met_asks_the_previous_question_for_its_outcome(pipeline):
    conv = Conversation()
    first = conv.understand("What membership was planned for 1957?")
    a = pipeline.ask(first.text)
    conv.remember(a)
    assert not a.refused and "5 million" in a.answer, a.answer
    met = conv.understand("Did they actually get there?")
    assert met.about == "outcome" and met.text == first.text
    b = pipeline.ask(met.text, about=met.about)
    # No article reports 1957's membership: the target is all there is, and the answer says so.
    assert b.refused and "target" in b.answer, b.answer


def test_a_conference_known_by_a_dated_document_about_it():
    from qa.timeref import resolve

    # The paper printed the 22 June instructions on 13 July: an article within weeks of the
    # document's date, about one conference, names the conference meant.
    arts = {"a": {"date": "1954-07-13", "ordinals": [3]}, "b": {"date": "1955-01-09", "ordinals": [4]},
            "c": {"date": "1956-03-29", "ordinals": []}}
    t = resolve("When did the conference whose report the Central Committee endorsed on 22 June 1954 open?",
                arts)
    assert t.ordinals == {3} and "22 June 1954" in t.dating_only
    # No document, or a conference named outright: nothing to resolve.
    assert resolve("What did the conference of June 1954 decide?", arts).ordinals == set()
    assert not resolve("When was the report on the Fourth conference approved in June 1954?", arts).ordinals
    # A date no article follows within weeks names no conference.
    assert resolve("Which conference did the March 1956 report describe?", arts).ordinals == set()


def test_the_date_of_a_conference_known_by_its_report(pipeline):
    a = pipeline.ask("中共中央1954年6月22日批转的报告所涉及的会议是哪天闭幕的？")
    assert not a.refused and "December 17" in a.answer, a.answer


def test_a_side_of_an_event_that_picks_the_event_out_is_not_asked():
    from qa.aspects import asked_phase

    assert asked_phase("When did the conference that closed on January 5 open?") == "start"
    assert asked_phase("The meeting that wound up just before New Year 1956: what did it decide?") is None
    # "by when … finished" asks a deadline, not when an event closed.
    assert asked_phase("By when was the organisational task to be basically finished?") is None
    assert asked_phase("When did the conference end?") == "end"


def test_the_sentence_finishing_the_best_ones_thought_comes_first(pipeline):
    # "… took various special measures to protect …" is finished by the next sentence ("a special
    # resolution to discharge these craftsmen from the army"), which must not lose its place to
    # companions from other passages.
    a = pipeline.ask("What measures did the Soviet party and government take to protect folk "
                     "handicraftsmen in the hardest war years?")
    assert not a.refused and "discharge these craftsmen" in a.answer, a.answer


def test_a_new_list_item_does_not_finish_the_sentence_before_it():
    from qa.answering.selection import _NEW_ITEM

    assert _NEW_ITEM.match("(5) Manufacture all kinds of arts and crafts.")
    assert _NEW_ITEM.match("（二）组织形式") and _NEW_ITEM.match("二、关于领导")
    assert not _NEW_ITEM.match("Nationalizing cooperatives is a matter of principle.")


def test_a_term_of_art_said_in_other_words():
    from qa.query import in_archive_terms

    assert in_archive_terms("How much was output per worker to rise?") == \
        "How much was labor productivity to rise?"
    assert in_archive_terms("Did he favour turning the co-ops into state enterprises?") == \
        "Did he favour nationalizing the co-ops?"
    assert in_archive_terms("人均产量要提高多少？") == "劳动生产率要提高多少？"
    assert in_archive_terms("How many workers were there per cooperative?") == \
        "How many workers were there per cooperative?"


def test_a_paraphrased_term_of_art_finds_its_sentence(pipeline):
    a = pipeline.ask("In 1955, by about how much was the output per head of existing co-op members to rise?")
    assert not a.refused and "10%" in a.answer, a.answer
    a = pipeline.ask("What did Liu Shaoqi think of converting good cooperatives into state-run enterprises?")
    assert not a.refused and "nationaliz" in a.answer.lower(), a.answer


def test_a_provisional_arrangement_said_in_other_words():
    from qa.query import in_archive_terms

    assert in_archive_terms("Until federations were set up, who led the co-ops on an interim basis?") == \
        "before the establishment of federations, who led the co-ops temporarily?"
    # "until he was …" names no body to be established.
    assert in_archive_terms("How long did he train until he was admitted?") == \
        "How long did he train until he was admitted?"


def test_who_holds_a_charge_may_be_a_body():
    # "Who was to lead them?" is answered by a body as often as a person: no person is required.
    assert analyse("Who was to lead the cooperatives before their federations existed?").wants == "fact"
    assert analyse("Who convened the 1956 symposium?").wants == "fact"
    assert analyse("Who was appointed director of the standing committee?").wants == "person"
    assert analyse("Who led the standing committee as its director?").wants == "person"


def test_an_interim_leader_that_is_a_body(pipeline):
    a = pipeline.ask("Until production federations had been formed, who was to lead the cooperatives "
                     "for the time being, according to the 1954 instructions?")
    assert not a.refused and "supply and marketing cooperative federations" in a.answer, a.answer


def test_a_years_end_said_with_the_year_repeated():
    from qa.language import year_ends

    # "一九五三年年底" repeats 年 before 年底; it dates the end of 1953 as "一九五三年底" does.
    assert year_ends("一九五三年年底，全国共有多少个手工业生产合作社？") == {"1953"}
    assert year_ends("预计到一九五四年底全国组织起来的人数，相当于一九五三年的三点六九倍") == {"1954"}


def test_a_part_of_a_whole_is_what_is_counted(pipeline):
    assert analyse("How many of the handicraft workers were women?").focus == "women"
    assert analyse("How many of them were apprentices?").focus == "apprentic"
    assert analyse("How many of them were organized?").focus == ""
    # The articles count handicraft workers, never the women among them.
    assert pipeline.ask("Of the handicraft workers the 1953 report counted, how many of them were "
                        "women?").refused


def test_what_a_figure_came_to_asks_that_figure():
    q = analyse("And what did output actually come to in 1955?")
    assert (q.wants, q.focus, q.modality) == ("number", "output", "actual")
    assert analyse("What did the membership amount to by 1955?").focus == "member"
    assert analyse("What did the conference decide?").wants == "fact"


def test_a_word_opening_the_question_is_not_part_of_a_name():
    from qa.language import person_names

    assert person_names("Did Liu Shaoqi see mechanization the same way?") == ["Liu Shaoqi"]
    assert person_names("And Zhu De, what did he say?") == ["Zhu De"]
    assert person_names("What Did The Conference Decide") == []


def test_a_place_a_chinese_question_names_that_no_article_mentions(pipeline):
    from qa.answering.refusal import unknown_place

    known, glossary = pipeline.answerer.known_terms, pipeline.answerer.glossary
    # Shanghai is in no article, in Chinese or in English.
    assert unknown_place(analyse("上海有多少手工业生产合作社？"), known, glossary) == "上海"
    assert pipeline.ask("上海有多少手工业生产合作社？").refused
    # Hunan is named only in the English record ("Hunan embroidery"): not an unknown place.
    assert unknown_place(analyse("报告说湖南刺绣在国外怎么样？"), known, glossary) == ""
    a = pipeline.ask("报告说湖南刺绣在国外怎么样？")
    assert not a.refused and "Hunan embroidery" in a.answer, a.answer


def test_office_names_are_not_personal_names():
    from qa.language import person_names
    assert person_names("managed by the Industry and Commerce Section of the local government") == []
    assert person_names("Bai Rubing and Zheng Jie would be the director and deputy director") == \
        ["Bai Rubing", "Zheng Jie"]


def test_what_is_asked_of_a_named_event_is_read_apart_from_its_name(pipeline):
    arts = pipeline.store.manifest.articles
    q = analyse("What guiding policy did the Third national conference lay down for the transformation?",
                articles=arts)
    assert "002" in {a[:3] for a in q.titled}
    assert "Third" not in q.focus_text and "policy" in q.focus_text
    assert analyse("How many members were there in 1954?", articles=arts).focus_text == ""


def test_a_side_by_year_is_not_dated_by_the_time_named_for_the_other_side(pipeline):
    # "January 1955" dates the Fourth conference's article; the 1953 side is the 1953 record's.
    a = pipeline.ask("Which senior leader attended both the 1953 conference and the one that ended in "
                     "January 1955?")
    assert {c.source[:3] for c in a.citations if "Zhu De" in c.quote} == {"001", "002"}, a.answer


def test_a_pronoun_of_the_asking_sentence_is_the_person_the_statement_named():
    q = analyse("Zhu De took part in both meetings. What post did he hold at the second?")
    assert q.names == ["Zhu De"]
    assert analyse("What post did he hold?").names == []


def test_a_year_naming_the_document_asked_about_is_not_asked_of_its_sentences(pipeline):
    assert analyse("What did the 1953 report list as crafts famous abroad?").document_years == {"1953"}
    assert analyse("How many members were there in 1953?").document_years == frozenset()
    # The 1953 record's sentence listing the crafts does not repeat the year; the ones that do
    # (its opening, its 1953 figures) say nothing of the crafts.
    a = pipeline.ask("那份1953年的会议报告举了哪些中国特种手工艺作为驰名国外的例子？")
    assert not a.refused and "ivory carving" in a.citations[0].quote, a.answer


def test_who_leads_in_chinese_may_be_a_body(pipeline):
    assert analyse("在生产联合社建立以前，由谁暂时负责领导？").wants != "person"
    assert analyse("谁担任主任？").wants == "person"
    a = pipeline.ask("按那份1954年中央指示的安排，在各级手工业生产合作社联合社还没建起来的时候，"
                     "由谁临时领导这些合作社？")
    assert not a.refused and "供销合作社联合社负责领导" in a.answer, a.answer


def test_a_noun_of_money_in_the_plural_asks_for_a_figure_of_it(pipeline):
    q = analyse("What tax rates were applied to handicraft production cooperatives in 1954?")
    assert (q.wants, q.focus) == ("number", "rate")
    assert analyse("For which administrative levels were plans to be drawn up?").wants != "number"
    # The 1954 membership figures are no tax rates.
    assert pipeline.ask("What tax rates were applied to handicraft production cooperatives in 1954?").refused


def test_it_after_a_clause_asking_which_meeting_is_the_meeting_the_answer_named():
    parts = split("In the spring after the Fifth national handicraft conference, the same two bodies "
                  "convened another national meeting. What was it called, and what issue did it focus on?")
    said = "Xinhua News Agency, March 28th: The National Urban Handicraft Transformation Work Symposium, …"
    assert len(parts) == 2 and standalone(parts[1], parts[0], said, []) == \
        "what issue did The National Urban Handicraft Transformation Work Symposium focus on?"


def test_which_issue_is_not_answered_by_a_report_that_issues_were_studied(pipeline):
    from qa.answering.content import names_no_issue

    dateline = ("The National Urban Handicraft Transformation Work Symposium … studied several major issues "
                "currently existing in the cooperative transformation of urban handicrafts")
    assert names_no_issue("What was the main question the symposium studied?", dateline)
    assert not names_no_issue("Who convened the symposium?", dateline)
    a = pipeline.ask("What was the main question studied by the National Urban Handicraft Transformation "
                     "Work Symposium reported in March 1956?")
    assert not a.refused and "centralized and decentralized production" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "Besides Bai Rubing, Zheng Jie and Zhao Pinsan, who were the other standing committee members?",
    "筹备委员会的九名常务委员中，除了白如冰、郑洁和赵品三，另外六位是谁？",
])
def test_the_others_besides_those_named_are_not_answered_by_naming_them_again(pipeline, question):
    a = pipeline.ask(question)
    assert a.refused, a.answer


def test_whether_someone_spoke_is_not_answered_by_the_list_of_those_who_attended(pipeline):
    # The 1953 record lists Deng Zihui among those attending, and speeches only by Zhu De and Liu.
    assert pipeline.ask("Did Deng Zihui give a speech at the Third conference? What did he argue?").refused
    a = pipeline.ask("Did Zhu De give a speech at the Third conference?")
    assert not a.refused and "Help the handicraftsmen organize" in a.answer, a.answer


def test_a_ratio_noun_asks_for_a_figure(pipeline):
    for q in ("Roughly what proportion of the manufactured goods that peasants needed came from handicrafts?",
              "What fraction of the goods was made by hand?", "手工业产品占农民所需工业品的比例是多少？"):
        assert analyse(q).wants == "number", q
    a = pipeline.ask("According to the Third Conference report, roughly what proportion of the manufactured "
                     "goods that peasants required came from handicraft production?")
    assert not a.refused and "60 to 70 percent" in a.citations[0].quote, a.answer


def test_a_tier_of_government_is_no_figure():
    assert analyse("At what level were handicraft administration bureaus to be set up?").wants != "number"
    assert analyse("What level of output was planned for 1955?").wants == "number"


def test_a_comparison_after_a_statement_of_its_first_side_asks_each_side():
    parts = split("The Third conference planned a certain membership for the end of 1954; how did that plan "
                  "compare with the Fourth conference's estimate of actual membership at the end of 1954?")
    assert [p.ordinals for p in parts] == [{3}, {4}]
    assert parts[1].text == \
        "What was the Fourth conference's estimate of actual membership at the end of 1954?"


def test_membership_is_spoken_of_as_the_people_organized():
    assert Coverage("the number of people organized into cooperatives will be more than 1.1 million",
                    None).accounts_for("membership")
    assert not Coverage("the output value will reach 12 trillion yuan", None).accounts_for("membership")


def test_a_question_asking_for_the_wording_in_the_other_language_quotes_the_parallel_text(pipeline,
                                                                                          seed_text):
    from qa.recital import wording_asked

    assert wording_asked("The English translation says X. How does the Chinese original put it?") == "zh"
    assert wording_asked("这句话的英文译文是什么？") == "en"
    assert wording_asked("Which Chinese handicrafts were famous abroad?") == ""
    a = pipeline.ask("In the Chinese original of the January 1955 report, how are Bai Rubing, Zheng Jie and "
                     "Zhao Pinsan said to serve as nine standing committee members?")
    assert not a.refused and "等九人" in a.answer, a.answer
    assert all(c.lang == "zh" for c in a.citations)
    _ok_citations(a, seed_text)
    # An article with no Chinese text cannot give its Chinese wording: refused, saying so.
    a = pipeline.ask("What Chinese expression does the 1953 record use for ivory carving?")
    assert a.refused and "Chinese" in a.answer, a.answer


@pytest.mark.parametrize("question", [
    "What did Premier Zhu De tell the Fourth National Handicraft Work Conference?",
    "朱德总理在第四次全国手工业工作会议上作了什么指示？",
])
def test_a_title_the_articles_contradict_is_a_false_premise(pipeline, question):
    a = pipeline.ask(question)
    assert a.refused, a.answer


def test_a_title_the_articles_give_or_do_not_contradict_is_answered(pipeline):
    assert "Zhu De" in pipeline.ask("What did Vice Chairman Zhu De do at the Fourth National Handicraft "
                                    "Work Conference?").answer
    a = pipeline.ask("What did Chairman Liu Shaoqi say about blindly pursuing mechanization?")
    assert not a.refused and "hasty and rash" in a.answer, a.answer


def test_a_side_of_a_comparison_needs_its_figure_not_the_comparing_word(pipeline, seed_text):
    a = pipeline.ask("Did the number of people organized by the end of 1954, as estimated at the Fourth "
                     "conference, exceed the 1954 membership goal of the Third conference? Give both "
                     "numbers.")
    assert not a.refused and "1.1 million" in a.answer and "900" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_yes_no_question_needs_a_sentence_stating_its_act(pipeline):
    # The drafts were discussed, never said to be adopted.
    assert pipeline.ask("Were the draft articles of association formally adopted at the Fifth "
                        "conference?").refused
    a = pipeline.ask("Was a preparatory committee of the national federation set up at the Fourth "
                     "conference?")
    assert not a.refused and "Preparatory Committee" in a.answer, a.answer


@pytest.mark.parametrize("question,refused", [
    ("有没有国家领导人出席第五次全国手工业生产合作会议并讲话？", True),
    ("Did any national leader address the Fifth National Handicraft Production Cooperative "
     "Conference?", True),
    ("Did any national leader attend the Fourth National Handicraft Work Conference?", False),
])
def test_whether_anyone_did_it_is_answered_only_by_a_sentence_naming_someone(pipeline, question, refused):
    a = pipeline.ask(question)
    assert a.refused == refused, a.answer


@pytest.mark.parametrize("question,refused", [
    ("What was the average monthly pay of a handicraft cooperative member in 1954?", True),
    ("1953年底手工业生产合作社社员的平均收入是多少？", True),
    # "daily life" is no rate, and a total is what was asked.
    ("Which trades tied to farming, daily life and national construction did the Fifth conference want "
     "cooperativized faster?", False),
    ("What annual output value did the handicraft cooperatives have at the end of 1953?", False),
])
def test_an_average_or_monthly_figure_needs_a_sentence_giving_one(pipeline, question, refused):
    a = pipeline.ask(question)
    assert a.refused == refused, a.answer


def test_a_sentence_continuing_the_one_before_is_read_with_it(pipeline, seed_text):
    # "Such as ivory carving, … Jingdezhen porcelain, etc., have all become well-known abroad." has
    # no subject of its own: "special handicrafts" is in the sentence before.
    a = pipeline.ask("Which Chinese specialty crafts does the report cite as having won a reputation in "
                     "foreign countries?")
    assert not a.refused and "ivory carving" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_sentence_going_on_about_the_same_things_is_quoted_after_it(pipeline, seed_text):
    # "… discharge these craftsmen from the army …" | "They were given a lot of preferential treatment …"
    a = pipeline.ask("What special measures did the Soviet government take for folk craftsmen during the "
                     "hardest years of the Great Patriotic War?")
    assert not a.refused and "army" in a.answer and "preferential treatment" in a.answer, a.answer
    _ok_citations(a, seed_text)


def test_a_question_naming_one_kind_of_meeting_is_answered_from_its_record(pipeline, seed_text):
    # The symposium's own article, not the 1953 conference record that speaks of raw materials too.
    a = pipeline.ask("Which trait of handicrafts in obtaining raw materials did the urban transformation "
                     "symposium want cooperatives to make use of?")
    assert not a.refused and "taking materials locally" in a.answer, a.answer
    assert {c.source for c in a.citations} == {"004_41011bc0f67b91ba.txt"}
    _ok_citations(a, seed_text)


@pytest.mark.parametrize("question, articles, ordinals", [
    # No Sixth conference in the archive: the meeting of the next article, whatever its kind.
    ("What national handicraft meeting came after the Fifth?", {"004"}, set()),
    ("Which meeting was held after the Fifth conference?", {"004"}, set()),
    # The conference of the neighbouring ordinal when the archive has it.
    ("Which conference came before the Fifth one?", set(), {4}),
    ("What was the next conference after the Fourth?", set(), {5}),
])
def test_a_meeting_named_by_its_neighbour_in_time(pipeline, question, articles, ordinals):
    t = resolve(question, pipeline.store.manifest.articles)
    assert {a[:3] for a in t.articles} == articles and t.ordinals == ordinals, t.said


def test_which_meeting_is_answered_by_a_sentence_naming_a_meeting(pipeline):
    arts = pipeline.store.manifest.articles
    closing = "Which national handicraft meeting ended right at the close of 1955?"
    assert analyse(closing, articles=arts).wants == "meeting"
    for q in ("What did the Fifth conference want to put in place?", "What was the Fourth conference's "
              "estimate of actual membership at the end of 1954?", "On what date did the meeting open?"):
        assert analyse(q, articles=arts).wants != "meeting", q
    # "The meeting reviewed … the plan for 1955" (January 1955) mentions the year; the meeting
    # that closed at the end of 1955 is the Fifth.
    a = pipeline.ask(closing)
    assert "Fifth National Handicraft Production Cooperative Conference" in a.answer.split("[1]")[0], a.answer
    a = pipeline.ask("What national handicraft meeting came after the Fifth?")
    assert "National Urban Handicraft Transformation Work Symposium" in a.answer, a.answer


def test_a_follow_up_placing_a_meeting_by_its_neighbour_names_a_time_of_its_own(pipeline):
    c = Conversation()
    for q in ("Which is the earliest national handicraft conference described here?",
              "Then what national meeting came after the fifth, according to these articles?"):
        u = c.understand(q)
        a = pipeline.ask(u.text, **u.asking())
        c.remember(a)
    assert u.articles == [], u.articles
    assert "National Urban Handicraft Transformation Work Symposium" in a.answer, a.answer


def test_a_length_of_time_is_stated_by_its_two_ends_too(pipeline):
    from qa.answering.kinds import asked_grain, gives_grain

    assert asked_grain("Who spoke, and from when to when did it run?") == "range"
    assert gives_grain("span", "It was held from November 20 to December 17, 1953.")
    assert not gives_grain("span", "It was held on November 20, 1953.")
    a = pipeline.ask("How long did the Third National Conference on Handicraft Production Cooperation last?")
    assert "November 20 to December 17" in a.answer.split("[1]")[0], a.answer


def test_a_share_asked_is_answered_by_a_share_not_a_count(pipeline):
    from qa.answering.kinds import has_type

    q = "What share of the manufactured goods peasants needed came from handicrafts, per the 1953 report?"
    assert has_type("number", "They account for 60 to 70 percent of the goods.", q)
    assert not has_type("number", "There were 4,806 cooperatives with 300,000 members.", q)
    assert has_type("number", "There were 4,806 cooperatives.", "How many cooperatives were there?")
    assert "60 to 70 percent" in pipeline.ask(q).answer.split("[1]")[0]


def test_there_in_a_later_clause_is_the_meeting_the_clause_before_named_last(pipeline):
    q = ("The PRC Vice Chairman who gave instructions at the Fourth national handicraft meeting — had he "
         "also addressed the 1953 conference, and what was his speech there called?")
    first, second = split(q)
    said = "During the meeting, Vice Chairman of the People's Republic of China, Zhu De, attended. [1]"
    assert standalone(second, first, said, ["001"]) == \
        "What was Zhu De's speech there called (the 1953 conference)?"
    # The 1953 side is not steered to the 1955 article the first clause was answered from.
    assert "Help the handicraftsmen organize" in pipeline.ask(q).answer


def test_a_later_clause_whose_actor_is_a_body_of_its_own_is_not_about_the_first_clauses_meeting(pipeline):
    q = ("How many provincial-level handicraft administration bureaus existed by the time of the Fourth "
         "conference, and on what date had the Central Committee instructed provinces to set them up?")
    first, second = split(q)
    said = "So far, there are twelve provincial handicraft administration bureaus. [1]"
    out = standalone(second, first, said, ["001"])
    assert "Fourth" not in out, out
    a = pipeline.ask(q)
    assert "twelve" in a.answer and ("June 22" in a.answer or "1954-6-22" in a.answer), a.answer


def test_an_office_a_person_is_given_is_a_post_not_a_body(pipeline):
    from qa.aspects import asks_body

    assert not asks_body("What office is Zhu De given in the report on the Fourth conference?")
    assert asks_body("Which office convened the symposium?")
    q = ("Zhu De turns up at both the Third and the Fourth conference. What was the title of his 1953 "
         "speech, and what office is he given in the report on the Fourth conference?")
    a = pipeline.ask(q)
    assert "Help the handicraftsmen organize" in a.answer and "Vice Chairman" in a.answer, a.answer


# --- a meeting placed in time, in Chinese ------------------------------------------------------
def test_a_chinese_time_may_put_the_direction_before_the_amount(pipeline):
    from qa.timeref import relative_to_event

    t = resolve("第五次会议之后大约三个月开了什么会？", pipeline.answerer.articles)
    assert t.articles == {"004_41011bc0f67b91ba.txt"}, t
    assert relative_to_event("第五次会议之后大约三个月开了什么会？")


def test_which_meeting_placed_in_time_is_the_one_its_dated_article_reports(pipeline, seed_text):
    """"哪个会" asks a meeting; one placed three months after the Fifth conference is the one the
    article of that time reports, not a conference another article names."""
    a = pipeline.ask("第五次会议之后大约三个月，新华社报道了哪个会？")
    assert not a.refused and "全国城市手工业改造工作座谈会" in a.answer, a.answer
    assert a.citations[0].source.startswith("004")
    _ok_citations(a, seed_text)


def test_the_meeting_an_answer_names_is_what_the_conversation_turns_to(pipeline):
    c = Conversation()
    for q in ("第五次会议之后大约三个月，Xinhua 报道了哪个会？", "报道是几号发的？"):
        u = c.understand(q)
        a = pipeline.ask(u.text, **u.asking())
        c.remember(a)
    assert u.text.startswith("全国城市手工业改造工作座谈会"), u.text
    assert "28日" in a.answer


# --- what a question sets aside ----------------------------------------------------------------
def test_asked_what_else_besides_something_is_not_answered_by_that_thing(pipeline):
    for q in ("What other issues did the urban handicraft symposium look at besides production and sales?",
              "Besides production and sales, what other questions did the March 1956 symposium study?"):
        a = pipeline.ask(q)
        assert "pricing of production materials" in a.answer.split("[1]")[0], a.answer
    # A contrast asks something else, which a sentence may give beside what is set aside.
    a = pipeline.ask("Apart from the ordinary delegates, which three top leaders appear on the attendance "
                     "list of the Third national handicraft conference?")
    assert "Liu Shaoqi" in a.answer


def test_a_clause_that_only_says_how_to_answer_is_no_part_of_its_own(pipeline):
    assert len(split("第三次会议报告点名了哪些出名的特种手工艺？按英文原文列一下。")) == 1
    assert len(split("Which crafts did the report name? List them in English.")) == 1
    assert len(split("Which crafts did the report name? And who attended?")) == 2
    a = pipeline.ask("第三次会议报告点名了哪些出名的特种手工艺？按英文原文列一下。")
    assert "cloisonné" in a.answer and "Jingdezhen porcelain" in a.answer, a.answer


def test_where_a_text_comes_from_is_its_source_not_a_place(pipeline, seed_text):
    from qa.answering.coverage import question_words
    from qa.aspects import asks_place

    assert asks_place("Where did the delegates come from?")
    assert not asks_place("Where's that background from?")
    # A contraction of a function word is that word, not a word the passages must hold.
    assert question_words("where's that background from? Why didn't they?") == ["background"]
    for q in ("Where's the background on the 1953 handicraft conference from?",
              "Where does the information about the 1953 conference come from?"):
        a = pipeline.ask(q)
        assert not a.refused, a.answer
        assert a.citations[0].quote == "Contemporary Chinese Economy.Gang Gong 2012", a.answer
        _ok_citations(a, seed_text)


def test_the_topic_a_question_asks_about_is_what_the_answer_speaks_of(pipeline):
    """"Regarding the supply of raw materials", "对…原料供应提出了什么意见": a sentence opening on
    that topic ("In terms of raw material supply, …", "在原料供应方面，…") answers, not one that
    only shares the meeting's words ("the symposium … put forward opinions")."""
    from qa.about import topic_terms

    assert {"原料", "供应"} <= topic_terms("1956年的座谈会对手工业合作社的原料供应提出了什么意见？")
    a = pipeline.ask("What did the 1956 symposium propose regarding the supply of raw materials?")
    assert a.citations[0].quote.startswith("In terms of raw material supply"), a.answer
    a = pipeline.ask("1956年的座谈会对手工业合作社的原料供应提出了什么意见？")
    assert "自行采购" in a.answer, a.answer


def test_when_and_where_the_paper_carried_an_item_is_its_header(pipeline, seed_text):
    """"When did the newspaper report on it run?": no sentence of the article says so; its header
    does, and that line is quoted at its offsets like any sentence."""
    from qa.aspects import asks_publication

    assert asks_publication("On which page of the paper did that item appear?")
    assert asks_publication("这篇报道是哪天见报的？")
    assert not asks_publication("第三次全国手工业会议期间，朱德是在哪一天发表讲话的？")  # his speech
    assert not asks_publication("新华社是哪天发的消息？")  # the agency's dispatch has its own day
    c = Conversation()
    first = ("On what date did the CCP Central Committee issue its instructions on the report of the "
             "Third National Handicraft Production Cooperative Conference?")
    for q, expected in ((first, "June 22"),
                        ("When did the newspaper report on it run?", "Date: 1954-07-13"),
                        ("On which page of the paper did that item appear?", "Page: 1")):
        u = c.understand(q)
        a = pipeline.ask(u.text, **u.asking())
        c.remember(a)
        assert expected in a.answer, (q, a.answer)
        _ok_citations(a, seed_text)


@pytest.mark.parametrize("short, written", [
    ("the Dec '55 conference", "the December 1955 conference"),
    ("and in '55?", "and in 1955?"),
    ("end-'53 baseline", "end-1953 baseline"),
    ("Jan. 5, 1955", "January 5, 1955"),
    ("Sept 1955", "September 1955"),
    ("don't they know?", "don't they know?"),  # an apostrophe inside a word is no year
    ("in May 1955", "in May 1955"),
])
def test_dates_written_short_are_read_in_the_archives_century(short, written):
    from qa.language import expand_short_dates

    assert expand_short_dates(short, 19) == written
    assert expand_short_dates("in '55", None) == "in '55"  # an undated archive: no century to read it in


def test_a_question_and_a_follow_up_with_short_dates(pipeline):
    from qa.conversation import Conversation

    assert pipeline.century == 19
    q = "What thinking did the Dec '55 conference criticize?"
    a = pipeline.ask(q)
    assert not a.refused and a.citations[0].source == "003_efffe6ba8053c025.txt", a.answer
    assert a.question == q  # the JSON keeps the question as it was written
    c = Conversation(century=pipeline.century)
    u = c.understand("How many members were planned for the end of 1954?")
    c.remember(pipeline.ask(u.text, **u.asking()))
    assert "1955" in c.understand("and for '55?").text


def test_a_clause_cut_at_a_semicolon_keeps_the_year_its_sentence_set(pipeline):
    """'In 1955, members …; the output value …; the labor productivity … 10%': the last clause
    is of 1955 too, though it does not say so itself."""
    a = pipeline.ask("How much were the original members to raise their labour productivity in 1955?")
    assert not a.refused and "10%" in a.citations[0].quote, a.answer


@pytest.mark.parametrize("word, other", [("labour", "labor"), ("organisation", "organization"),
                                         ("centre", "center"), ("analysed", "analyzed"),
                                         ("programmes", "programs"), ("co-operative", "cooperative")])
def test_british_and_american_spellings_are_one_word(word, other):
    from qa.language import tokenize, word_forms

    assert tokenize(word) == tokenize(other) and word_forms(word) == word_forms(other)
    assert tokenize("hour") != tokenize("hor") and tokenize("rise") == ["rise"]


def test_a_name_written_in_the_other_script_is_not_looked_for_in_this_ones_passages(pipeline):
    """An English question may name someone as the Chinese text writes him: English passages
    cannot hold that spelling, so their silence does not refuse the question."""
    a = pipeline.ask("In the Chinese report of the Fourth national conference a Soviet expert is written as "
                     "耶夫绥也夫. What was the subject of his special report?")
    assert not a.refused and "Yevseyev" in a.answer, a.answer
    # Read where that script is, the other way round too: a Latin name in a Chinese question that
    # no quoted sentence nor its translation holds is still refused.
    assert pipeline.ask("Liu Shaoqi在第四次手工业工作会议上讲话了吗？").refused


def test_a_lapse_of_time_that_places_the_event_is_not_a_figure_asked(pipeline):
    """ "Two years after the Third" says when the goal was set; the question asks a goal, not a
    figure, so a sentence is not required to be a plan's figure ("… the First Five-Year Plan")."""
    a = pipeline.ask("What goal for mechanizing handicrafts did the Fifth conference set two years after "
                     "the Third?")
    assert not a.refused and "semi-mechanized" in a.answer, a.answer


def test_a_records_subjectless_item_is_quoted_with_the_meeting_it_is_of(pipeline):
    """A record lists what its meeting did without a subject ("- Determined the policy of …"):
    asked to name the conference too, the answer quotes a sentence naming it."""
    a = pipeline.ask("What policy on transforming handicrafts was determined in late 1953? Name the policy "
                     "and the conference that determined it.")
    assert not a.refused and "active leadership" in a.answer, a.answer
    assert re.search(r"\b(?:third|3rd)\b", a.answer, re.IGNORECASE), a.answer
