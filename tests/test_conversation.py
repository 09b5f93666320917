from qa.conversation import Conversation


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


def test_a_first_question_is_left_alone():
    assert Conversation().resolve("and in 1955?") == "and in 1955?"
