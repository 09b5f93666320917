"""What a turn of a conversation is about: the persons, conferences, bodies and roles it names,
and the one a follow-up's pronoun then means (the person an answer to "who …?" named, the
conference or body a question names first)."""

from __future__ import annotations

import re

from qa.language import COMMON_CAPS, EN_STOPWORDS, ORG_WORDS, detect_lang, person_names, zh_person_names

_CONFERENCE = re.compile(
    r"\b(?:[Tt]he\s+)?(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|"
    r"[4-9]th)\s+(?:[A-Z][\w-]*\s+|(?i:national|handicraft|work|production|cooperative)\s+){0,7}"
    r"(?i:conference|meeting|symposium|congress)\b"
    r"|\b(?:[Tt]he\s+)?(?i:first|second|third|fourth|fifth|sixth|1st|2nd|3rd|[4-6]th)\s+one\b"
    r"|\b(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+){1,7}(?:Conference|Meeting|Symposium|Congress)\b"
    r"|第[一二三四五六七八九十]次[^，。？?]{0,16}?(?:会议|大会|座谈会)"
    # A national meeting named in Chinese without an ordinal: "全国城市手工业改造工作座谈会".
    r"|全国(?!第)[\u4e00-\u9fff]{2,16}?(?:会议|大会|座谈会)"
    # A symposium named in common words: "the 1956 urban handicraft symposium", "the symposium".
    r"|\b[Tt]he\s+(?:1[89]\d\d\s+)?(?:(?!the\b)[a-z-]+\s+){0,4}?(?i:symposium)\b")
# Which meeting, in Chinese: "哪次会议", "什么会议", and the bare 会 of speech ("哪个会", "什么会"),
# not 会议's 会 nor "会不会".
ZH_WHICH_MEETING = (r"哪(?:一)?次[^，。？?]{0,10}?(?:会议|大会|座谈会)|什么会议"
                    r"|(?:哪个|哪一个|什么)(?:会|座谈会)(?=[？?，。]|$)")
# A question asking which meeting: its answer names the meeting the conversation is then about.
ASKS_MEETING = re.compile(r"\b(?:which|what)\s+(?:(?:is|was)\s+the\s+)?(?:[\w-]+\s+){0,3}?"
                          rf"(?:conference|meeting|symposium|congress)s?\b|{ZH_WHICH_MEETING}",
                          re.IGNORECASE)
_ORG = re.compile(r"\b(?:the\s+)?(?:[A-Z][\w'-]*\s+(?:of\s+(?:the\s+)?)?){1,8}"
                  r"(?:Committee|Bureau|Federation|Administration|Council|Department|Agency|Union|"
                  r"Association|Cooperatives?|Party|Bank)\b")
_ROLE = re.compile(r"\b(?:(?:acting|deputy|vice)[\s-])?(?:director|chairman|vice-chairman|head|secretary|"
                   r"minister|expert|member)s?\b|副?主任|副?主席|专家|委员", re.IGNORECASE)
_MONTHS = frozenset("january february march april may june july august september october november "
                    "december".split())


def find_persons(text: str) -> list[str]:
    # "Liu Shaoqi's view": the person is Liu Shaoqi (person_names leaves the possessive out).
    return person_names(text) + zh_person_names(text)


# "The second one you mentioned", "the third of them", "其中第二位": an item of a list an earlier
# answer gave, counted in the order given ("Attendance: 160 delegates Liu Shaoqi, Zhu De, Deng
# Zihui"). A bare "the second one" is a conference's ordinal (_CONFERENCE), not this.
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
        "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_LISTED = re.compile(
    r"\bthe\s+(?P<nth>first|second|third|fourth|fifth|last)\s+(?:"
    r"(?:one|person|name|leader|official)s?\s+(?:that\s+)?(?:you|it|the answer)\s+(?:just\s+)?"
    r"(?:mentioned|named|listed|gave)"
    r"|of\s+(?:them|those|these)(?:\s+(?:people|leaders|names|officials))?"
    r"|(?:person|leader|official|name)(?:\s+(?:on the list|listed|named|mentioned))?)\b"
    r"|(?:其中)?第(?P<zh>[一二三四五])位"
    # "the first one's talk": a bare "one" points into the list of the answer just given only,
    # and only at a person (_PERSONAL); "when did the second one open?" is a conference's ordinal.
    r"|\bthe\s+(?P<bare>first|second|third|fourth|fifth|last)\s+one\b(?!\s+of\b)", re.IGNORECASE)
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him)\b|\bone['’]s\s+(?:talk|speech|report|address|remarks|words|"
                       r"post|title|position|office|role)\b", re.IGNORECASE)


# "召开这个座谈会的两个机构", "the two bodies that convened it", "those organisers": the bodies an
# earlier answer named as convening its meeting ("…管理局和…筹备委员会召开的…座谈会", "convened by
# the Central Handicraft Administration and the Preparatory Committee of …").
_CONVENERS_Q = re.compile(
    r"(?:召开|主办|举办|联合召开)[^，。？?]{0,12}?的(?:这)?(?:两|二|几)个(?:机构|单位|部门|组织)|这两个(?:机构|单位|部门)"
    r"|\bthe\s+(?:two\s+)?(?:bodies|organi[sz]ations|organi[sz]ers|agencies|institutions)\s+(?:that|which|who)\s+"
    r"(?:jointly\s+)?(?:convened|organi[sz]ed|called|held|ran)\s+(?:it|that|this|the\s+\w+)\b"
    r"|\b(?:those|these|the)\s+(?:two\s+)?(?:convening\s+bodies|organi[sz]ers|convenors|conveners)\b",
    re.IGNORECASE)
_CONVENERS_S = re.compile(r"([^，。：:；;]{4,80}?)(?:联合)?(?:召开|主办)的"
                          r"|\bconvened\s+(?:jointly\s+)?by\s+(.+?)(?=,|\.|\s+(?:studied|concluded|was|were|on)\b)",
                          re.IGNORECASE)


def conveners_referent(q: str, answers: list[str]) -> str:
    """`q` with the bodies that convened the meeting of the most recent answer naming them put in
    place of its reference to them."""
    m = _CONVENERS_Q.search(q)
    if not m:
        return q
    for answer in reversed(answers):
        named = _CONVENERS_S.search(re.sub(r"\[\d+\]", "", answer))
        if named:
            bodies = (named.group(1) or named.group(2)).strip()
            bodies = re.sub(r"^.*?讯\s*", "", bodies)  # "据新华社28日讯　…": the dispatch line is not a body
            return q[:m.start()] + bodies + q[m.end():]
    return q


def listed_referent(q: str, answers: list[str]) -> str:
    """`q` with an item of an earlier answer's list named in place of its place in it: the most
    recent answer (of `answers`, oldest first) naming enough persons."""
    m = _LISTED.search(q)
    if not m or m.group("bare") and not _PERSONAL.search(q):
        return q
    n = _NTH[(m.group("nth") or m.group("zh") or m.group("bare")).lower()]
    for answer in reversed(answers[-1:] if m.group("bare") else answers):
        persons = list(dict.fromkeys(find_persons(answer)))
        if len(persons) >= max(n, 2):
            return q[:m.start()] + persons[n - 1 if n > 0 else -1] + q[m.end():]
    return q


def find_roles(text: str) -> list[str]:
    return [m.group(0) for m in _ROLE.finditer(text)]


def find_conferences(text: str) -> list[str]:
    return [m.group(0) for m in _CONFERENCE.finditer(text)]


def find_orgs(text: str) -> list[str]:
    return [m.group(0).strip() for m in _ORG.finditer(text)]


def last_person(question: str, answer: str) -> str | None:
    """The person the previous turn was about: named in its question, else the first name its
    answer gave that the question did not (a "who" question's answer)."""
    named = find_persons(question)
    if named:
        return named[0]
    answer = re.sub(r"\[\d+\]", "", answer)
    # A name the question gives by surname alone ("What did Liu say …?") is the full name the
    # answer spells out ("Liu Shaoqi offered …"): that person, not another name of the answer.
    for full in find_persons(answer):
        if " " in full and re.search(rf"\b{re.escape(full.split()[0])}\b(?!\s+{re.escape(full.split()[1])})",
                                     question):
            return full
    names = [n for n in dict.fromkeys(find_persons(answer) + _single_names(answer))
             if n not in question and not any(n in full and n != full for full in find_persons(answer))]
    if not names:
        return None
    # The name in the clause that says most of what was asked ("Zhu De attended and gave
    # important instructions; Yevseyev gave a special report", asked who gave instructions), then
    # the one said nearest the question's own words.
    asked = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", question) if w.lower() not in EN_STOPWORDS}
    anchors = [m.start() for w in asked for m in re.finditer(rf"\b{re.escape(w)}", answer, re.IGNORECASE)]
    if not anchors:
        return names[0]
    clauses = re.split(r"(?<=[;；.!?。])\s*", answer)

    # The relation asked is in the question's common words; its capitalised ones name the setting
    # ("the Fourth National Handicraft Work Conference"), said of everyone in the answer alike.
    relation = {w for w in re.findall(r"\b[a-z]{4,}\b", question) if w not in EN_STOPWORDS}

    def said_with(name: str) -> int:
        clause = next((c for c in clauses if name in c), "")
        return sum(bool(re.search(rf"\b{re.escape(w)}", clause, re.IGNORECASE)) for w in relation)

    return min(names, key=lambda n: (-said_with(n), min(abs(answer.find(n) - a) for a in anchors)))


def _single_names(text: str) -> list[str]:
    """One-word names an answer gives ("Soviet expert Yevseyev"): capitalised, not opening a
    sentence, not a word of organisation names or a common capitalised word."""
    out = []
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{3,})\b", text):
        w = m.group(1)
        if w.lower() not in ORG_WORDS and w.lower() not in COMMON_CAPS and w.lower() not in EN_STOPWORDS \
                and w.lower() not in _MONTHS and not _dictionary_word(w):
            out.append(w)
    return out


def subject_thing(question: str) -> str | None:
    """The conference or body a question is about: the one it names first. A conference named
    later, inside a modifier ("its instruction on the report of the Third ... Conference"), is
    not what "it" then means."""
    named = [(m.start(), m.group(0)) for m in _CONFERENCE.finditer(question)]
    named += [(m.start(), m.group(0).strip()) for m in _ORG.finditer(question)]
    if not named:
        return None
    at, first = min(named, key=lambda n: (n[0], -len(n[1])))  # at one place, the longer name
    # A Chinese question names its topic first ("全国第五次…会议是由…"); one named later only
    # qualifies the thing asked about ("中共中央关于第三次…会议报告的那份指示").
    if detect_lang(question) == "zh" and at > 2:
        return None
    return re.sub(r"^the\s+", "the ", first, flags=re.IGNORECASE)


def _dictionary_word(word: str) -> bool:
    """An English word ("Handicraft") rather than a name ("Yevseyev")."""
    from qa.thesaurus import lemma_table

    return bool(lemma_table(word.lower()))


# Words that make a name a body's, not which body ("the", "Committee", "Bureau"), with what a
# question says around it ("which", "besides").
_GENERIC_ORG = ORG_WORDS | frozenset("the of and body bodies organization organisation bank which what "
                                     "besides other".split())


def answered_body(question: str, answer: str) -> str | None:
    """The body an answer gives to "which body …?": one the question did not name itself
    ("Besides the Central Handicraft Administration, which body convened it?"), preferring one the
    question describes ("which preparatory body") and then one named after the act asked
    ("convened by …"), not the news agency reporting it."""
    answer = re.sub(r"\[\d+\]", "", answer)
    asked = {w.lower() for w in re.findall(r"[A-Za-z-]+", question)}
    # What the question says of the body in its own common words ("which preparatory body").
    describing = set(re.findall(r"\b[a-z][a-z-]+\b", question)) - EN_STOPWORDS
    bodies = []
    for m in _ORG.finditer(answer):
        if re.match(r"\s+(?:Conference|Meeting|Symposium|Congress)\b", answer[m.end():]):
            continue  # "the Fifth National Handicraft Production Cooperative Conference" is a meeting
        words = {w.lower() for w in re.findall(r"[A-Za-z-]+", m.group(0))} - _GENERIC_ORG
        if words and not words <= asked:
            bodies.append((m.start(), m.group(0).strip(), words))
    if not bodies:
        return None
    described = [b for b in bodies if b[2] & describing]
    if described:
        return described[0][1]
    acts = [m.start() for w in asked - EN_STOPWORDS if len(w) >= 5
            for m in re.finditer(rf"\b{re.escape(w)}", answer, re.IGNORECASE)]
    after = [b for b in bodies if acts and b[0] > min(acts)]
    return (after or bodies)[0][1]
