"""The support checker on crafted claim/passage pairs, supported and not."""

import pytest

from qa.grounding import SupportChecker, facts

EN_1954 = (
    "It is estimated that by the end of 1954, the number of people organized into handicraft production "
    "cooperatives (groups) nationwide will be more than 1.1 million, equivalent to 3.69 times that of 1953, "
    "and the total output value will reach 12 trillion yuan, equivalent to 2.26 times that of 1953. So far, "
    "there are twelve provincial (municipal) handicraft administration bureaus and fifty-five provincial "
    "(municipal) and province-administered city federations (or federation preparatory committees)."
)
EN_COMMITTEE = (
    "The meeting finally decided to establish the Preparatory Committee of the All-China Federation of "
    "Handicraft Production Cooperatives, with Bai Rubing, Zheng Jie, and Zhao Pinsan as nine standing "
    "committee members. It was also decided that Bai Rubing and Zheng Jie would be the director and deputy "
    "director of the Standing Committee, respectively."
)
EN_1953 = (
    "At the end of 1953, there were 4,806 handicraft production cooperatives with 300,000 members and an "
    "annual GDP of 5.2 trillion yuan. In 1954, the number of handicraft workers participating in various "
    "forms of handicraft cooperative organizations will grow to more than 900,000, and the total value of "
    "products will increase to more than 10 trillion yuan."
)
EN_DATES = (
    "The CCP Central Committee issued instructions to Party committees at all levels on June 22 regarding "
    "the \"Report on the Third National Handicraft Production Cooperative Conference.\""
)
ZH_1954 = (
    "预计到一九五四年底全国组织起来的手工业生产合作社（组）的人数有一百一十多万人，相当于一九五三年的三点六九倍，"
    "生产总值达十二万亿元，相当于一九五三年的二点二六倍。"
)
ZH_COMMITTEE = (
    "会议最后决定成立中华全国手工业生产合作社联合总社筹备委员会，由白如冰、郑洁、赵品三等九人担任常务委员。"
    "并决定以白如冰、郑洁为常务委员会正、副主任。"
)


@pytest.fixture(scope="module")
def checker():
    return SupportChecker()


SUPPORTED = [
    ("By the end of 1954 more than 1.1 million people were organized into cooperatives.", EN_1954),
    ("By the end of 1954 more than 1,100,000 people were organized into handicraft cooperatives.", EN_1954),
    ("Output value in 1954 was expected to reach 12 trillion yuan, 2.26 times that of 1953.", EN_1954),
    ("There were twelve provincial handicraft administration bureaus.", EN_1954),
    ("There were 55 provincial and city federations.", EN_1954),
    ("Zheng Jie would be deputy director of the Standing Committee.", EN_COMMITTEE),
    ("Bai Rubing would be the director of the Standing Committee [1].", EN_COMMITTEE),
    ("The Preparatory Committee had nine standing committee members.", EN_COMMITTEE),
    ("At the end of 1953 there were 4,806 handicraft production cooperatives with 300,000 members.", EN_1953),
    ("The instructions were issued on June 22.", EN_DATES),
    ("到一九五四年底，手工业生产合作社的人数有一百一十多万人。", ZH_1954),
    ("1954年底手工业生产合作社的人数有110多万人，生产总值达12万亿元。", ZH_1954),
    ("会议决定以郑洁为常务委员会副主任。", ZH_COMMITTEE),
]

UNSUPPORTED = [
    # a year swapped
    ("By the end of 1955 more than 1.1 million people were organized into cooperatives.", EN_1954, "1955"),
    ("At the end of 1957 there were 4,806 handicraft production cooperatives.", EN_1953, "1957"),
    # a number swapped (the 1953 plan's 900,000 for 1954's achieved 1.1 million)
    ("By the end of 1954 more than 900,000 people were organized into cooperatives.", EN_1954, "900,000"),
    ("By the end of 1954 more than 1.1 million people were organized into cooperatives.", EN_1953,
     "1,100,000"),
    # old yuan trillions are not new yuan billions
    ("In 1954 total output value reached 12 billion yuan.", EN_1954, "12,000,000,000"),
    # a role swapped
    ("Zheng Jie would be the director of the Standing Committee.", EN_COMMITTEE, "Zheng Jie as director"),
    ("Bai Rubing would be deputy director of the Standing Committee.", EN_COMMITTEE,
     "Bai Rubing as deputy director"),
    # a name that is not there
    ("Liu Shaoqi would be the director of the Standing Committee.", EN_COMMITTEE, "Liu Shaoqi"),
    # a date swapped
    ("The instructions were issued on June 12.", EN_DATES, "6/12"),
    # Chinese: a number swapped, a year swapped, a role swapped
    ("到一九五四年底，手工业生产合作社的人数有九十多万人。", ZH_1954, "900,000"),
    ("到一九五五年底，手工业生产合作社的人数有一百一十多万人。", ZH_1954, "1955"),
    ("会议决定以郑洁为常务委员会主任。", ZH_COMMITTEE, "郑洁 as 主任"),
]


@pytest.mark.parametrize(("claim", "passage"), SUPPORTED)
def test_supported(checker, claim, passage):
    result = checker.check(claim, passage)
    assert result.supported, result.reason


@pytest.mark.parametrize(("claim", "passage", "missing"), UNSUPPORTED)
def test_unsupported_names_what_is_missing(checker, claim, passage, missing):
    result = checker.check(claim, passage)
    assert not result.supported
    assert missing in result.missing, result.reason


def test_facts_read_every_notation():
    en = facts(EN_1954)
    assert {1_100_000, 3.69, 12e12, 2.26, 12, 55} <= set(en.numbers)
    assert en.years == {"1953", "1954"}
    zh = facts(ZH_1954)
    assert {1_100_000, 3.69, 12e12, 2.26} <= set(zh.numbers)
    assert zh.years == {"1953", "1954"}
    assert facts("中共中央在六月二十二日向各级党委发出指示").dates == {(6, 22)}
    assert facts("Dates of Meeting: 20-11-1953 – 17-12-1953").dates == {(11, 20), (12, 17)}


def test_list_markers_and_years_are_not_figures():
    f = facts("(1) On the change of production relations in 1953. 2. Leadership.")
    assert f.numbers == frozenset()
    assert f.years == {"1953"}


def test_words_that_agree_but_facts_that_do_not():
    # Same words, a negation added: not support.
    result = SupportChecker().check("Good cooperatives should be nationalized casually.",
                                    "Good cooperatives should not be nationalized casually.")
    assert not result.supported
    assert "negation" in result.reason


def test_unrelated_sentence_is_not_supported(checker):
    result = checker.check("The symposium studied the pricing of production materials.", EN_COMMITTEE)
    assert not result.supported


def test_paraphrase_is_supported_by_meaning(embedder):
    checker = SupportChecker(embedder)
    passage = ("Repair and service industries are generally suitable for decentralized production: for those "
               "with fixed production sites and storefronts, the original service points should be retained.")
    result = checker.check("Repair trades were judged best suited to decentralized production.", passage)
    assert result.supported, result.reason


def test_cross_language_compares_figures_only(checker):
    assert checker.check("By the end of 1954 more than 1.1 million people had joined.", ZH_1954).supported
    assert not checker.check("By the end of 1954 more than 900,000 people had joined.", ZH_1954).supported
