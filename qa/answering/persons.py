"""Refusals about people: the person asked about, the post asked and the body it is in, the holder
of a post, anyone or anyone else. Each is a reason the chosen sentences do not answer, or "".
"""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate, follows
from qa.answering.kinds import has_type
from qa.glossary import Glossary
from qa.language import is_cjk, light_stem, person_names, zh_person_names
from qa.query import Query


def person_absent(query: Query, chosen: list[Candidate], glossary: Glossary | None = None) -> str:
    """The question is about a person the answer's passages never name (who attended, who spoke
    at a meeting where he was not). A Chinese name is read in an English passage in pinyin; an
    English name in a Chinese passage cannot be read, and is not judged."""
    same = [c for c in chosen if c.lang == query.lang]
    if same:
        evidence = " ".join(c.passage.chunk.text + " " + c.context + " " + c.lead for c in same)
        spelled = {name: {name} for name in query.names}
    elif query.lang == "zh" and glossary is not None and chosen:
        evidence = " ".join(c.passage.chunk.text + " " + c.context + " " + c.lead for c in chosen)
        spelled = {name: {f.title() for f in glossary.romanized(name)} for name in query.names}
    else:
        return ""
    for name, forms in spelled.items():
        if is_cjk(name) != (query.lang == "zh"):
            # Written in the other script ("the expert written 耶夫绥也夫", in an English question;
            # "Liu Shaoqi在…", in a Chinese one): read where that script is, the chosen sentences
            # in it and the translations of the others; with none, not judged.
            other = _in_script(chosen, is_cjk(name))
            if other and not names_in(name, other):
                return f"the passages about this do not mention {name}"
        elif forms and not any(names_in(f, evidence) for f in forms):
            return f"the passages about this do not mention {name}"
    return ""


def _in_script(chosen: list[Candidate], cjk: bool) -> str:
    texts = [c.text + " " + c.context for c in chosen if (c.lang == "zh") == cjk]
    texts += [c.parallel.quote for c in chosen if c.parallel is not None and (c.parallel.lang == "zh") == cjk]
    return " ".join(texts)


# A question after someone's post ("What position did X hold in the Y Bureau?", "X在Y担任什么职务").
_POST_Q = re.compile(r"\b(?:position|post|title|role|office|job|rank|capacity)\b|职务|职位|担任|身份",
                     re.IGNORECASE)
_BODY_EN = re.compile(
    r"\b(?:in|of|at|on|within|inside)\s+(?:the\s+)?((?:[A-Z][\w'-]*\s+){0,6}?(?:Bureau|Administration|"
    r"Committee|Federation|Council|Ministry|Department|Association|Commission|Office|Cooperatives?))\b")
_BODY_ZH = re.compile(r"在([\u4e00-\u9fff]{2,18}?(?:局|委员会|筹委会|联社|总社|部|协会|联合社|"
                      r"中央|国务院|政府|党委))")


def asks_post(query: Query) -> bool:
    """The question asks what post someone held ("what position", "担任什么职务")."""
    return bool(_POST_Q.search(query.text))


def post_elsewhere(query: Query, chosen: list[Candidate]) -> str:
    """Asked a person's post in one body, the sentences naming him give his post in another
    (director of a committee, asked about a bureau): the body must be named where he is."""
    if not query.names or not _POST_Q.search(query.text):
        return ""
    m = _BODY_EN.search(query.text) if query.lang == "en" else _BODY_ZH.search(query.text)
    if not m:
        return ""
    body = m.group(1)
    about = [c for c in chosen if any(names_in(n, c.text + " " + c.context) for n in query.names)]
    if not about:
        return ""
    if any(_body_in(body, c.text + " " + c.context) for c in about):
        return ""
    return f"they name {query.names[0]}'s post in another body, not in {body}"


def names_in(name: str, text: str) -> bool:
    """The person is named in the text, by any part of his name ("Liu" for Liu Shaoqi, as the
    record's list of speeches has it)."""
    # A Latin part is a whole word: "De" of Zhu De is not in "December".
    return any(re.search(rf"\b{re.escape(part)}\b", text) if part.isascii() else part in text
               for part in name.split() if len(part) >= 2)


def _body_in(body: str, text: str) -> bool:
    if is_cjk(body):
        return body in text
    words = {light_stem(w) for w in re.findall(r"[A-Za-z]+", body) if w[0].isupper()} - {"the"}
    return words <= {light_stem(w) for w in re.findall(r"[A-Za-z]+", text)}


# A question after the holder of a post or the doer of an act ("who headed the bureau?", "who led
# that criticism?", "局长是谁？"): only a named person answers it; a sentence saying the post was
# created, or the act done, names no one.
_HOLDER_Q = re.compile(
    r"\bwho\b[^?]*\b(?:head(?:ed|s)?|led|leads?|chair(?:ed|s)?|direct(?:ed|s)?|appointed|named|in charge|"
    r"presid(?:ed|es)|signed|first (?:head|director|chairman|chief))\b"
    r"|\bwho\s+(?:was|were|is|became)\s+(?:the\s+)?(?:first\s+)?(?:head|director|chairman|chief|leader|"
    r"president|secretary|minister)\b"
    r"|(?:局长|主任|主席|部长|领导人|负责人|首长)(?:是谁|为谁)|谁(?:担任|出任|任|当|领导|主持|签署|签发)",
    re.IGNORECASE)


def no_holder(query: Query, chosen: list[Candidate]) -> str:
    # The best sentence, or the one finishing its thought, must name him; a companion from
    # elsewhere naming someone else does not answer.
    own = [c for c in chosen if c is chosen[0] or follows(c, chosen[0])]
    holder = query.wants == "person" and _HOLDER_Q.search(query.text)
    named = [c for c in own if person_names(c.text) or zh_person_names(c.text)]
    if (holder or _ANYONE_Q.search(query.text)) and not named:
        return "no one is named for this"
    # "Who headed the central bureau?": the post must be one in a body the sentence names; a name
    # with a bare post ("Cheng Zihua, acting director.") holds it anywhere.
    if holder and _OF_BODY.search(query.text) and not any(has_type("body", c.text + " " + c.context)
                                                          for c in named):
        return "no one is named as holding a post in that body"
    return ""


_OF_BODY = re.compile(r"\b(?:bureau|administration|committee|federation|council|ministry|department|"
                      r"association|commission|office)\b|局|委员会|联社|总社|部|协会", re.IGNORECASE)


# Whether anyone of a kind did something ("Did any national leader speak at the Fifth conference?",
# "有没有国家领导人到会讲话？"): only a sentence naming someone says yes.
_ANYONE_Q = re.compile(r"^\s*(?:did|was|were|had)\s+(?:anyone|anybody|any\s+(?:[\w-]+\s+)?(?:leader|official|"
                       r"expert|person|speaker|minister|delegate)s?)\b"
                       r"|有没有[^，。？]{0,8}?(?:领导人|人|专家|官员|代表)", re.IGNORECASE)


# "Besides Bai Rubing, Zheng Jie and Zhao Pinsan, who were the others?": the answer must name someone
# the question does not; a sentence naming only them repeats the question.
_BESIDES = re.compile(r"\b(?:besides|apart from|other than|aside from|except(?:\s+for)?)\b"
                      r"|\bthe (?:other|rest)\b|除(?:了)?[^，。？]{1,40}?(?:以外|之外)|其余|其他人"
                      r"|除了[^，。？]{1,40}?[，,]|另外[一二三四五六七八九十几两\d]*(?:位|人|名)",
                      re.IGNORECASE)


def no_one_else(query: Query, chosen: list[Candidate]) -> str:
    if query.wants != "person" or not _BESIDES.search(query.text):
        return ""
    named = {n for c in chosen for n in person_names(c.text) + zh_person_names(c.text)}
    if named and all(n in query.text for n in named):
        return "the passages name no one besides those the question names"
    return ""
