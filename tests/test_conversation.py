from types import SimpleNamespace

from qa.conversation import Conversation, Turn, rewrite


def test_follow_ups_take_the_previous_question():
    c = Conversation()
    assert c.resolve("How many members did cooperatives have in 1954?") == \
        "How many members did cooperatives have in 1954?"
    assert c.resolve("and in 1955?") == "How many members did cooperatives have in 1955?"
    assert c.resolve("Who attended the Third conference?") == "Who attended the Third conference?"
    assert c.resolve("What about the Fifth conference?") == "Who attended the Fifth conference?"
    c2 = Conversation()
    c2.resolve("一九五四年底组织起来的人数有多少？")
    assert c2.resolve("那一九五五年呢？") == "1955年底组织起来的人数有多少？"


def test_and_another_noun_after_a_count_asks_the_count_of_it():
    c = Conversation()
    c.resolve("How many cooperatives were there in 1954?")
    assert c.resolve("And their membership?") == "How many members were there in 1954?"
    c.resolve("How many cooperatives were there in 1954?")
    assert c.resolve("and the supply cooperatives?") == "How many supply cooperatives were there in 1954?"


def test_a_first_question_is_left_alone():
    assert Conversation().resolve("and in 1955?") == "and in 1955?"


def test_a_question_about_the_previous_answer_is_recognised():
    from qa.recital import asks_about_answer

    for q in ("Which article says that?", "Which source gives those figures?", "Where does that come from?",
              "出处是哪篇文章？", "Source?", "When was that said?", "这是什么时候说的？"):
        assert asks_about_answer(q) == "source", q
    for q in ("Was that a target or an outcome?", "Is this the plan or what was achieved?",
              "Is that a final tally or a projection?", "这些是计划指标，还是已经实现的数字？",
              "这是实际统计还是估计？"):
        assert asks_about_answer(q) == "kind", q
    for q in ("Did they actually get there?", "这个目标最后实现了吗？", "Was it reached in the end?"):
        assert asks_about_answer(q) == "outcome", q
    for q in ("Where did it meet?", "What was the source of raw materials for the cooperatives?",
              "Which article of the 1954 directive concerns large cities?",
              "How did the 1954 plan compare with the outcome reported in 1955?"):
        assert asks_about_answer(q) == "", q


def test_a_possessive_name_carries_over_without_its_ending():
    from qa.conversation import Conversation

    c = Conversation()
    c.understand("What was Liu Shaoqi's view on nationalizing cooperatives?")
    assert "'s" not in c.resolve("他当时担任什么职务？")


def test_a_new_question_mentioning_a_goal_reached_is_not_about_the_answer():
    from qa.recital import asks_about_answer

    assert asks_about_answer("And was that target reached?") == "outcome"
    assert asks_about_answer("What were the cities that had reached that goal told to do next?") == ""


def test_the_same_year_is_the_previous_questions_time():
    from qa.conversation import Turn, rewrite

    prev = Turn("According to the conference that closed in January 1955, how many people had joined "
                "cooperatives by the end of 1954?")
    assert rewrite("What had the Third conference aimed for in that same year?", prev) == \
        "What had the Third conference aimed for by the end of 1954?"
    assert rewrite("第三次会议计划同年发展到多少人？", prev) == "第三次会议计划1954年底发展到多少人？"


def test_a_question_opening_with_a_time_is_its_own():
    from qa.conversation import Turn, rewrite

    prev = Turn("What had the Third conference aimed for by the end of 1954?")
    q = "And for 1955, what membership did the Fourth conference set out to reach?"
    assert rewrite(q, prev) == q


def test_a_conference_or_year_named_relative_to_the_last_question():
    from qa.conversation import Turn, rewrite

    prev = Turn("How many cooperatives were there at the end of 1953, according to the Third conference's "
                "report?")
    assert rewrite("And a year later, going by the following national conference?", prev) == \
        "How many cooperatives were there at the end of 1954, according to the Fourth conference's report?"
    prev = Turn("According to the Fourth conference, how many people had joined by the close of 1954?")
    assert rewrite("And what had the previous conference planned for that same point in time?", prev) == \
        "And what had the Third conference planned by the end of 1954?"


def test_a_pronoun_after_a_name_in_the_follow_up_is_that_name():
    from qa.followup import Turn, rewrite

    prev = Turn("What was Liu Shaoqi's view on nationalizing cooperatives?", "Liu Shaoqi said ... [1]")
    assert rewrite("What about Zhu De: when did he speak, and on what theme?", prev) == \
        "When did Zhu De speak, and on what theme?"
    assert rewrite("And Zhu De, what did he say?", prev) == "What did Zhu De say?"
    assert rewrite("What was his title?", prev) == "What was Liu Shaoqi's title?"


def test_he_after_a_who_question_is_the_person_said_to_do_what_was_asked():
    from qa.followup import Turn, rewrite

    # Two people in the answer, each in a clause of his own: "he" is the one whose clause says
    # what the question asked (gave instructions), not the one nearest a shared word ("gave").
    prev = Turn("Which leader gave instructions at the Fourth Conference?",
                "During the meeting, Vice Chairman Zhu De attended and gave important instructions; "
                "Soviet expert Yevseyev gave a special report on Cooperative Planning. [1]")
    assert rewrite("Had he spoken at the Third conference too?", prev) == \
        "Had Zhu De spoken at the Third conference too?"


def test_a_fragment_asking_whether_any_exist_is_not_glued_into_the_last_question():
    from qa.followup import Turn, rewrite

    prev = Turn("Which kinds of trades did it regard as suited to scattered work?", "Repair trades [1]")
    assert rewrite("Any exceptions within those trades?", prev) == "Any exceptions within those trades?"
    assert rewrite("What about manufacturing trades?", prev) == \
        "Which kinds of manufacturing trades did it regard as suited to scattered work?"


def test_which_article_after_a_refusal_is_about_the_last_answer_given(pipeline):
    c = Conversation()
    first = pipeline.ask(c.understand("Which kinds of trades did the 1956 urban symposium find suited to "
                                      "decentralized production?").text)
    c.remember(first)
    refused = pipeline.ask(c.understand("And who chaired the symposium of 1958?").text)
    assert refused.refused
    c.remember(refused)
    u = c.understand("Which article reports all this?")
    assert u.about == "source" and {x.source for x in u.recite} == {x.source for x in first.citations}


def test_the_original_of_a_quote_is_its_articles_parallel_passage():
    from qa.recital import asks_about_answer, recite
    from qa.records import Citation, Parallel

    for q in ("这段话的中文原文是怎么写的？", "What does the Chinese original say?", "And in English?",
              "英文译文呢？"):
        assert asks_about_answer(q) == "original", q
    for q in ("What is the original source of raw materials for cooperatives?",
              "What was the name of the fund in Chinese?"):
        assert asks_about_answer(q) == "", q
    both = Citation(1, "a.txt", "T", "1955-01-09", "It closed on January 5.", 10, 33, "en",
                    Parallel("一月五日闭幕。", 100, 107, "zh"))
    text, cites, _, refused = recite("original", [both], lambda _: None, "zh", "中文原文是什么？")
    assert not refused and cites[0].quote == "一月五日闭幕。"
    assert (cites[0].start, cites[0].lang) == (100, "zh")
    assert cites[0].parallel.quote == "It closed on January 5." and "[1]" in text
    english_only = Citation(1, "b.txt", "R", "1953-11-20", "Such as ivory carving.", 5, 27, "en")
    text, cites, _, refused = recite("original", [english_only], lambda _: None, "zh",
                                     "这段话的中文原文是怎么写的？")
    assert refused and "中文" in text and cites[0].quote == "Such as ivory carving."


def test_a_thing_named_in_the_other_language_is_put_in_only_by_its_ordinal():
    from qa.followup import Turn, rewrite

    prev = Turn("全国第五次手工业生产合作会议认为哪些行业的合作化速度应当加快？", "…")
    assert rewrite("What technical aim was to go along with it?", prev) == \
        "What technical aim was to go along with the Fifth conference?"
    prev = Turn("中央手工业管理局是什么时候成立的？", "…")
    assert rewrite("Who headed it?", prev) == "Who headed it?"
    prev = Turn("When did the Fifth National Handicraft Production Cooperative Conference close?", "…")
    assert rewrite("Who convened it?", prev) == "Who convened the Fifth National Handicraft Production " \
        "Cooperative Conference?"


def test_that_issue_asked_of_another_event_carries_the_last_questions_words():
    c = Conversation()
    c.understand("What foreign example did the 1953 report hold up for protecting special crafts?")
    u = c.understand("Did the 1956 urban symposium take up that issue again?")
    # Another event: not steered to the last answer's articles, but the issue is searched for.
    assert u.articles == [] and "protecting special crafts" in u.context and "1953" not in u.context


def test_na_nian_is_the_previous_questions_year():
    from qa.followup import Turn, rewrite

    prev = Turn("一九五三年年底，全国共有多少个手工业生产合作社？", "At the end of 1953 … [1]")
    assert "1953" in rewrite("那年产值是多少？", prev)
    assert "1953" not in rewrite("那年代的手工业怎样？", prev)


def test_a_year_named_as_a_baseline_does_not_move_the_conversation():
    c = Conversation()
    c.resolve("What total output value was projected for 1954?")
    # "the 1953 level" measures the 1954 figure: the turn is still about 1954.
    assert c.resolve("how many times the 1953 level is that?") == "how many times the 1953 level is that?"
    assert c.resolve("and the output target for the following year?") == "and the output target in 1955?"
    assert c.resolve("what rise in productivity was demanded that year?") == \
        "what rise in productivity was demanded in 1955?"


def test_this_one_is_the_conference_last_named():
    c = Conversation()
    c.resolve("Which bodies convened the Fifth National Handicraft Production Cooperative Conference?")
    assert c.resolve("How many delegates attended this one?") == \
        "How many delegates attended the Fifth National Handicraft Production Cooperative Conference?"


def test_a_conference_named_relative_to_the_one_under_discussion_is_a_follow_up():
    # No pronoun, but "the next conference" leans on the conversation's conference, though the
    # turn just before named none.
    c = Conversation()
    c.resolve("According to the Third National Handicraft conference report, what should the State Bank do?")
    c.resolve("And the tax authorities?")
    assert c.resolve("Did the next conference say anything about tax bureaus?") == \
        "Did the Fourth conference say anything about tax bureaus?"
    assert c.resolve("那次会议哪天闭幕？") == "第四次会议哪天闭幕？"


def test_a_fragment_passes_on_the_question_it_was_read_with():
    c = Conversation()
    first = "According to the Third National Handicraft conference report, what should the State Bank do?"
    c.understand(first)
    assert c.understand("What percentage?").context == first
    assert c.understand("And the tax authorities?").context == first
    # A follow-up with words of its own is what the next one is read with.
    c.understand("Whose report were those instructions endorsing?")
    assert c.understand("And the bureau?").context == "Whose report were those instructions endorsing?"


def test_a_year_named_relative_to_the_last_turns_alone():
    from qa.turntime import relative_year, retime

    assert retime("How does that compare with the year before?", "by the end of 1954") == \
        "How does that compare with the end of 1953?"
    assert retime("What happened the year after?", "in 1954") == "What happened in 1955?"
    # Anchored to something else, it is not the last turn's year.
    assert not relative_year("What happened the year before the Third conference?")


def test_that_standing_for_what_was_just_said_is_a_follow_up():
    from qa.followup import leans_on_previous

    assert leans_on_previous("How does that compare with 1953?")
    assert leans_on_previous("Is this a target?")
    assert not leans_on_previous("Why did the Third conference say that cooperatives need no nationalizing?")


def test_a_follow_up_in_the_other_language_is_not_glued_into_the_last_question():
    c = Conversation()
    c.resolve("How many cooperatives were there at the end of 1953, according to the Third conference?")
    c.resolve("那社员有多少人？")
    out = c.resolve("And a year later, going by the following national conference?")
    assert out == "And by the end of 1954, going by the Fourth conference?"


def test_that_compared_with_another_year_stays_with_the_answer_just_given(pipeline):
    c = Conversation()
    for q in ("According to the Fourth conference, how many people had been organized into cooperatives "
              "by the end of 1954?", "And the output value?"):
        u = c.understand(q)
        c.remember(pipeline.ask(u.text, prefer=u.articles, context=u.context))
    u = c.understand("How does that compare with the year before?")
    assert u.articles == ["001_9fe5e06e1cbca207.txt"], u
    a = pipeline.ask(u.text, prefer=u.articles, context=u.context)
    assert "2.26 times" in a.answer, a.answer


def test_a_surname_in_the_question_is_the_full_name_the_answer_gives():
    from qa.antecedents import last_person

    answer = ("Liu Shaoqi offered several points regarding the development of handicraft production "
              "cooperatives: (1) On the change of production relations. [1]")
    assert last_person("What did Liu say about nationalizing the cooperatives?", answer) == "Liu Shaoqi"


def test_that_committee_is_never_the_conference_that_set_it_up():
    t = Turn("What new body did the Fourth National Handicraft Work Conference decide to set up?",
             topic="the Fourth National Handicraft Work Conference")
    assert rewrite("Which later meetings did that committee help convene?", t) == \
        "Which later meetings did that committee help convene?"
    assert rewrite("When did that conference close?", t) == \
        "When did the Fourth National Handicraft Work Conference close?"


def test_the_conference_with_its_own_modifier_is_not_a_pronoun():
    t = Turn("Which document had called for such bureaus?", topic="the Fourth conference")
    q = "Who had proposed such bureaus at the conference the year before the instructions?"
    assert rewrite(q, t) == q


def test_the_year_after_that_is_the_year_after_the_last_turns():
    c = Conversation()
    c.resolve("How many members did handicraft production cooperatives have at the end of 1953?")
    c.resolve("And a year later?")
    assert c.understand("Is that an actual count?").context
    u = c.understand("What was the target for the year after that?")
    assert "1955" in u.text and u.context.startswith("How many members"), u


def test_it_after_a_verb_of_stance_is_what_was_said_not_the_meeting():
    t = Turn("Had Liu Shaoqi taken a more cautious line two years earlier?", topic="the Fifth conference",
             person="Liu Shaoqi")
    assert rewrite("Under what conditions did he accept it?", t) == \
        "Under what conditions did Liu Shaoqi accept it?"
    assert rewrite("When did it close?", t) == "When did the Fifth conference close?"


def test_later_events_are_looked_for_in_articles_dated_after_the_last_answer(pipeline):
    c = Conversation()
    u = c.understand("What did the Fourth National Handicraft Work Conference decide to establish?")
    first = pipeline.ask(u.text)
    c.remember(first)
    assert {x.date for x in first.citations} == {"1955-01-09"}
    u = c.understand("Which national meetings did that committee convene afterwards?")
    assert u.dates(None, None) == ("1955-01-10", None) and u.articles == []
    a = pipeline.ask(u.text, **u.asking())
    assert not a.refused and all(x.date > "1955-01-09" for x in a.citations), a.answer
    assert "Fifth" in a.answer or "Symposium" in a.answer, a.answer
    # The user's own range is kept where it is narrower; a clause's own 以前 is not "earlier".
    assert u.dates("1955-06-01", "1956-12-31") == ("1955-06-01", "1956-12-31")
    assert c.understand("在生产联合社建立以前，由谁暂时负责领导？").dates(None, None) == (None, None)


def test_why_those_is_answered_by_the_reason_inside_the_sentence_just_quoted(pipeline):
    from qa.recital import asks_about_answer

    assert asks_about_answer("Why these industries?") == "reason"
    assert asks_about_answer("为什么是这些行业？") == "reason"
    assert asks_about_answer("Why did the Fifth conference want faster cooperativization?") == ""
    c = Conversation()
    u = c.understand("Which industries did the Fifth National Handicraft Production Cooperative Conference "
                     "want cooperativized faster?")
    c.remember(pipeline.ask(u.text))
    u = c.understand("Why these industries?")
    assert u.about == "reason"
    a = pipeline.ask(u.text, **u.asking())
    assert not a.refused and "closely related to agricultural production" in a.answer, a.answer


def test_it_after_a_question_about_a_symposium_named_in_common_words_is_that_symposium():
    t = Turn("Did the 1956 urban handicraft symposium also take up the protection of special crafts?",
             topic="the Third National Handicraft conference")
    assert rewrite("What exactly did it propose?", t) == \
        "What exactly did the 1956 urban handicraft symposium propose?"


def test_the_later_conference_after_a_detour_to_an_earlier_time_is_the_one_discussed():
    c = Conversation()
    c.resolve("What did the Fifth conference say about technical transformation of handicrafts?")
    c.resolve("Had Liu Shaoqi taken a more cautious line two years earlier?")
    assert "Fifth" in c.resolve("What service for farmers did the later conference want expanded?")
    # Named relative to the conference just asked about, it is the next one.
    c = Conversation()
    c.resolve("When did the Third conference close?")
    assert "Fourth" in c.resolve("What did the next conference decide?")


def test_that_body_asked_of_a_year_of_its_own_is_not_steered_to_the_last_answer():
    from qa.followup import points_at_body

    assert points_at_body("Had that central bureau been set up by the end of 1955?")
    assert not points_at_body("How does that compare with the year before?")
    c = Conversation()
    c.resolve("What new agency did the Central Committee's directive say the central government had to "
              "create?")
    c.turns[-1].articles = ["000_7eb432e2a4747e6b.txt"]
    assert c.understand("Had that central bureau been set up by the end of 1955?").articles == []
    # Without a year of its own it stays with the last answer's articles.
    c.turns[-1].articles = ["000_7eb432e2a4747e6b.txt"]
    assert c.understand("When was that bureau actually founded?").articles == ["000_7eb432e2a4747e6b.txt"]


def test_a_question_naming_nothing_of_its_own_leans_to_the_conversations_articles(pipeline):
    c = Conversation()
    u = c.understand("At the 1956 national symposium on transforming urban handicrafts, what principle was "
                     "supposed to decide whether a cooperative produced centrally or in dispersed form?")
    c.remember(pipeline.ask(u.text, **u.asking()))
    # Not a follow-up (it would stand alone), so not steered; but it names no time, meeting, body
    # or person, and is most likely asked of the symposium.
    u = c.understand("Which trades were thought suitable for concentration, and under what conditions?")
    assert u.articles == [] and u.lean == ["004_41011bc0f67b91ba.txt"]
    a = pipeline.ask(u.text, **u.asking())
    assert not a.refused and "manufacturing industries" in a.answer, a.answer
    # One that names its own conference asks of that, wherever it is reported.
    assert c.understand("What did the Fifth conference decide about technology?").lean == []


def test_a_fragment_asking_whether_none_exist_is_not_glued_into_the_last_question():
    t = Turn("Which repair trades were thought suitable for concentration, and under what conditions?")
    for q in ("No exceptions at all?", "Nothing else?", "Any exceptions?"):
        assert rewrite(q, t) == q


def test_it_after_a_clause_naming_a_work_is_that_work():
    t = Turn("Which senior leaders were among the delegates of the Third National Conference?",
             answer="Attendance: 160 delegates Liu Shaoqi, Zhu De, Deng Zihui",
             topic="the Third National Conference")
    # Not "what day did Liu Shaoqi give the Third National Conference?".
    assert rewrite("What was the title of Liu's talk, and what day did he give it?", t) == \
        "What was the title of Liu's talk, and what day did Liu Shaoqi give it?"
    assert rewrite("When did it close?", t) == "When did the Third National Conference close?"


def test_another_person_asked_the_same_is_put_for_every_mention_of_the_last():
    t = Turn("What was the title of Liu's talk, and what day did Liu Shaoqi give it?")
    assert rewrite("And Zhu De's?", t) == \
        "What was the title of Zhu De's talk, and what day did Zhu De give it?"


def test_an_item_of_an_earlier_answers_list_is_named_by_its_place_in_it(pipeline):
    from qa.antecedents import listed_referent

    listed = "Attendance: 160 delegates Liu Shaoqi, Zhu De, Deng Zihui [1]"
    assert listed_referent("What did the second one you mentioned speak on?", [listed]) == \
        "What did Zhu De speak on?"
    assert listed_referent("Did the third of them give a speech?", [listed, "Zhu De spoke. [1]"]) == \
        "Did Deng Zihui give a speech?"
    assert listed_referent("其中第一位讲了什么？", [listed]) == "Liu Shaoqi讲了什么？"
    # A bare "the second one" is a conference's ordinal; a list of one is no list.
    assert listed_referent("When did the second one open?", [listed]) == "When did the second one open?"
    # Unless it is a person's: his talk, his post. Then only the answer just given is its list.
    assert listed_referent("What was the first one's talk called, and when did he give it?", [listed]) == \
        "What was Liu Shaoqi's talk called, and when did he give it?"
    assert listed_referent("What was the first one's talk called?", [listed, "Zhu De spoke. [1]"]) == \
        "What was the first one's talk called?"
    assert listed_referent("What did the first one you mentioned say?", ["Zhu De spoke. [1]"]) == \
        "What did the first one you mentioned say?"
    c = Conversation()
    for q in ("When was the Third National Conference on Handicraft Production Cooperation held?",
              "Which senior leaders attended it?"):
        u = c.understand(q)
        c.remember(pipeline.ask(u.text, **u.asking()))
    u = c.understand("What did the second one you mentioned speak on, and when?")
    assert u.rewritten and u.text == "What did Zhu De speak on, and when?"
    a = pipeline.ask(u.text, **u.asking())
    assert "Help the handicraftsmen organize" in a.answer and "December 4" in a.answer, a.answer


def test_the_later_one_is_one_of_two_meetings_an_answer_spoke_of_not_a_later_event(pipeline):
    c = Conversation()
    u = c.understand("Which of these national handicraft conferences did Zhu De take part in?")
    first = pipeline.ask(u.text, **u.asking())
    c.remember(first)
    assert {x.date[:4] for x in first.citations} >= {"1953", "1955"}, first.answer
    u = c.understand("What was his title at the later one?")
    assert [a[:3] for a in u.articles] == ["001"] and u.dates(None, None) == (None, None)
    a = pipeline.ask(u.text, **u.asking())
    c.remember(a)
    assert "Vice Chairman" in a.answer, a.answer
    # Two turns on, "the earlier one" is still one of the two that answer spoke of.
    u = c.understand("And the title of his speech at the earlier one?")
    assert [a[:3] for a in u.articles] == ["002"]
    assert "Help the handicraftsmen organize" in pipeline.ask(u.text, **u.asking()).answer


def test_a_part_of_a_year_without_the_year_is_the_conversations_year():
    from qa.turntime import part_of_year, retime

    assert retime("不对，我是说年底那次会议，它定了什么大目标？", "in 1955") == \
        "不对，我是说1955年底那次会议，它定了什么大目标？"
    assert retime("What about the meeting at the end of the year?", "in 1955") == \
        "What about the meeting at the end of 1955?"
    assert not part_of_year("1954年底有多少人？") and not part_of_year("当年底呢？")


def test_a_correction_is_asked_of_the_one_meant_not_the_last_answers(pipeline):
    """"不对，我是说年底那次会议" after an answer from the January 1955 report: the meeting at the
    end of 1955 is meant, so the answer comes from its article, and the correction's own words
    ("不对，我是说") are not searched for."""
    c = Conversation()
    u = c.understand("1955年初那次全国手工业会议给当年定了什么指标？")
    a = pipeline.ask(u.text, **u.asking())
    c.remember(a)
    assert "二百万" in a.answer and "二十多万亿" in a.answer  # 指标: the figures set
    u = c.understand("不对，我是说年底那次会议，它定了什么大目标？")
    assert u.text == "1955年底那次会议，它定了什么大目标？" and u.articles == []
    a = pipeline.ask(u.text, **u.asking())
    c.remember(a)
    assert "第一个五年计划" in a.answer, a.answer
    u = c.understand("它哪天闭幕？")
    assert "二十八日" in pipeline.ask(u.text, **u.asking()).answer


def test_the_bodies_that_convened_the_last_answers_meeting_are_named(pipeline):
    from qa.antecedents import conveners_referent

    said = ("Xinhua News Agency, March 28th: The National Urban Handicraft Transformation Work Symposium, "
            "convened by the Central Handicraft Administration and the Preparatory Committee of the "
            "All-China Handicraft Production Cooperative Joint Federation, studied several major issues [1]")
    assert conveners_referent("Had the two bodies that convened it met together before?", [said]) == (
        "Had the Central Handicraft Administration and the Preparatory Committee of the All-China Handicraft "
        "Production Cooperative Joint Federation met together before?")
    assert conveners_referent("Who chaired it?", [said]) == "Who chaired it?"
    c = Conversation()
    for q, expected in (("新华社哪天报道了全国城市手工业改造工作座谈会？", "28日"),
                        ("召开这个座谈会的两个机构，之前还联合召开过哪次会议？", "第五次手工业生产合作会议"),
                        ("When did that one close?", "28th")):
        u = c.understand(q)
        a = pipeline.ask(u.text, **u.asking())
        c.remember(a)
        assert expected in a.answer, (u.text, a.answer)


def test_where_the_text_just_quoted_comes_from_is_its_source_line(pipeline):
    """The source line is seldom among the passages a follow-up's words retrieve: it is read from
    the article the conversation is on."""
    c = Conversation()
    for q in ("In the background notes on the 1953 meeting, did people have to pay to join an HPC?",
              "what happened to their tools?", "how were they paid?", "where's that background from?"):
        u = c.understand(q)
        a = pipeline.ask(u.text, **u.asking())
        c.remember(a)
    assert a.citations[0].quote == "Contemporary Chinese Economy.Gang Gong 2012", a.answer


def _answered(*sources: str) -> SimpleNamespace:
    return SimpleNamespace(refused=False, answer="…", citations=[SimpleNamespace(source=s, date="1954-07-13")
                                                                for s in sources])


def test_a_follow_up_is_steered_to_every_article_its_thread_cited_not_only_the_last_answers():
    c = Conversation()
    c.understand("When did the Central Committee issue its instructions on the Third conference's report?")
    c.remember(_answered("002_record.txt", "000_instructions.txt"))
    # The answer to the follow-up quoted only the record's summary of the instructions...
    both = {"002_record.txt", "000_instructions.txt"}
    assert set(c.understand("Whose report was it endorsing?").articles) == both
    c.remember(_answered("002_record.txt"))
    # ...which does not move the thread off the instructions themselves.
    u = c.understand("What did it say the central government had to set up?")
    assert set(u.articles) == both
    c.remember(_answered("000_instructions.txt"))
    # A question about the answer keeps the thread; one of its own starts another.
    c.understand("Which article says so?")
    assert set(c.understand("And at county level?").articles) == both
    c.remember(_answered("000_instructions.txt"))
    c.understand("What did the Fifth conference decide about technology?")
    c.remember(_answered("003_fifth.txt"))
    assert c.understand("And about raw materials?").articles == ["003_fifth.txt"]
