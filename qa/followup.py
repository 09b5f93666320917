"""A follow-up question read against the previous turn, and made stand-alone.

Without a language model a follow-up is read by the kind of thing it leans on:
- a new year or conference ("and in 1957?", "the Fourth one?") replaces the previous one, and
  one named relative to it ("that same year", "the previous conference") is resolved first;
- a pronoun ("what was his title?", "on which day did it close?") is replaced by the previous
  turn's subject of that kind: a person for he/his, a conference or body for it/its;
- an elliptical fragment ("and Liu Shaoqi?", "what about manufacturing trades?", "and their
  membership?") replaces the part of the previous question of the same kind (a name, a role, the
  thing counted, a noun with the same head);
- a bare "why?" or "when?" asks it of the previous question.
A rewrite is never glued text: when no rule applies the follow-up stands as asked (the
conversation then steers its search to the articles the previous answer cited).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.antecedents import find_conferences, find_orgs, find_persons, find_roles, last_person, subject_thing
from qa.language import (
    EN_STOPWORDS,
    conference_ordinals,
    detect_lang,
    person_names,
    years,
    zh_person_names,
    zh_years_to_arabic,
)
from qa.pronouns import PERSON_PRONOUN, THING_PRONOUN, resolve_pronouns
from qa.query import COUNTED_AS
from qa.turnconference import (
    EN_ORD,
    EN_ORD_NUM,
    as_conference,
    relative_conference,
    replace_ordinal,
    resolve_relative,
)
from qa.turntime import SAME_TIME, relative_year, retime, time_of

_LEAD = re.compile(r"^\s*(?:and what about|and how about|what about|how about|what of|and also|and|"
                   r"same for|but|also|then|那么|那|还有|而)\s*[,，]?\s*", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^\s*(?:and|but|also|what about|how about|what of|same for|then|那么|那|还有|而)"
                        r"(?:\b|(?=[\u4e00-\u9fff]))", re.IGNORECASE)
# Words that point back without naming anything ("those present", "there", "当时"): the
# question stands as asked, steered to what the conversation was about.
_DEICTIC = re.compile(r"\b(?:those|these|there|here|then|the same|such|of (?:that|this) (?:kind|type|sort))\b"
                      r"|当时|那里|这些|那些|上述|其中", re.IGNORECASE)
# "that" or "this" standing for what was just said: "How does that compare …?", "Is this a target?".
_DEMONSTRATIVE = re.compile(r"\b(?:does|did|do|is|was|were|are|has|had|how|why|when)\s+(?:that|this)\b"
                            r"(?!\s+(?:conference|meeting|symposium|year|report|article|plan|body|committee)\b)"
                            r"|\b(?:that|this)\s*[?？]\s*$", re.IGNORECASE)


def asks_in_own_words(q: str) -> bool:
    """The follow-up is a question of its own (a question word or auxiliary after any "and" or
    "what about"), not a phrase to be read into the previous one ("And their output value?")."""
    return bool(_OWN_QUESTION.match(_LEAD.sub("", q)))


def points_back(q: str) -> bool:
    """"that" or "this" stands for what was just said."""
    return bool(_DEMONSTRATIVE.search(q))


# "that central bureau", "this agency": a demonstrative before a body's name points at the body,
# not at the figure or words just quoted.
_AT_BODY = re.compile(r"\b(?:that|this)\s+(?:(?:central|national|provincial|local|preparatory|standing)\s+)?"
                      r"(?:bureau|agency|organi[sz]ation|federation|administration|department|section|union|"
                      r"committee)\b", re.IGNORECASE)


def points_at_body(q: str) -> bool:
    return bool(_AT_BODY.search(q))


_EXISTENTIAL = re.compile(r"^\s*(?:any|anything|anyone|anybody|none|no|nothing|nobody)\b|^\s*有没有|^\s*有无",
                          re.IGNORECASE)
_PLURAL_PRONOUN = re.compile(r"\b(they|them|their|theirs)\b|他们的|他们", re.IGNORECASE)
# A question of its own may open with a phrase of time or place: "For 1955, what membership ...?"
_OWN_QUESTION = re.compile(r"^\s*(?:[^,?，？]{1,40}[,，]\s*)?"
                           r"(?:(?:on|in|at|by|from|for|to|under|during|since)\s+)?"
                           r"(who|whom|whose|what|when|where|why|how|which|did|does|do|was|were|is|"
                           r"are|can|could|list|name|describe|explain|谁|什么|哪|为什么|怎么|多少)",
                           re.IGNORECASE)
_BARE_WH = re.compile(r"^\s*(?:and\s+)?(why|when|where|how|who|为什么|何时|什么时候)\s*[?？]?\s*$",
                      re.IGNORECASE)
# The asking part of a question, up to its auxiliary: "On which day", "How many members".
_WH_WORD = re.compile(r"^\s*(?:(?:on|in|at|by|from|for|to)\s+)?(?:what|which|who|whom|when|where|why|"
                      r"how(?:\s+many|\s+much)?)\b(?:\s+(?!did|does|do|was|were|is|are|will|would|had|"
                      r"has|have|should|could)[\w-]+){0,2}(?=\s+(?:did|does|do|was|were|is|are|will|would|"
                      r"had|has|have|should|could)\b)", re.IGNORECASE)
_ASKED_NOUN = re.compile(r"^\s*(?:what|which)\s+(?P<noun>(?:[a-z-]+\s+){0,2}?[a-z-]+)\s+"
                         r"(?=(?:did|does|do|was|were|is|are|had|has|have|will|would|should)\b)",
                         re.IGNORECASE)
_COUNTED_NOUN = re.compile(r"^\s*how many\s+(?P<noun>(?:[a-z-]+\s+){0,3}?[a-z-]+)\s+"
                           r"(?=(?:were|was|did|do|does|are|is|had|has|have|will|would|should)\b)",
                           re.IGNORECASE)


@dataclass
class Turn:
    """A turn as understood, with what its answer cited: what the next one is read against."""

    question: str  # stand-alone
    answer: str = ""
    articles: list[str] = field(default_factory=list)  # what its answer cited
    citations: list = field(default_factory=list)  # the answer's citations, for questions about it
    topic: str = ""  # the conference or body the conversation is about, as last named
    recital: bool = False  # a question about the previous answer: it keeps that answer
    # The time the turn is about ("by the end of 1954", "in 1955"), named or carried from the turn
    # before: "how many times the 1953 level is that?" is still about 1954.
    when: str = ""
    # The person the conversation is about, as last named in an understood question: "he" three
    # turns on is still him when the turns between named no one ("And about mechanization?").
    person: str = ""
    # The question this turn was read with (`Understood.context`), and whether it was a fragment
    # left as asked ("What percentage?"): such a turn passes on the question it followed, not its
    # own few words.
    context: str = ""
    as_asked: bool = False
    # The articles cited since the conversation last asked a question of its own, latest first:
    # a follow-up is about what its thread has been reading, not only what the last answer
    # happened to quote (an answer quoting a record's summary of a document does not move the
    # thread off the document itself).
    thread: list[str] = field(default_factory=list)


def leans_on_previous(q: str) -> bool:
    """A follow-up: it opens with "and"/"what about", uses a pronoun, is a bare wh-word, or is a
    fragment with no question word of its own, or names a conference relative to another ("the
    next conference")."""
    if _FOLLOW_UP.search(q) or _BARE_WH.match(q):
        return True
    if PERSON_PRONOUN.search(q) or THING_PRONOUN.search(q) or _PLURAL_PRONOUN.search(q) \
            or _DEICTIC.search(q) or SAME_TIME.search(q) or relative_conference(q) \
            or points_back(q) or relative_year(q):
        return True
    if re.search(r"[\u4e00-\u9fff]", q):
        return len(q) <= 12 and q.rstrip("？?").endswith("呢") or len(q) <= 8 and not names_topic(q)
    return len(q.split()) <= 5 and (not _OWN_QUESTION.match(q) or not names_topic(q))


_ZH_TOPIC = re.compile(r"[\u4e00-\u9fff]{2,}(?:会议|座谈会|局|委员会|筹委会|联社|总社|协会)|中央|"
                       r"第[一二三四五六七八九十]次")


def names_topic(q: str) -> bool:
    """A short question ("Who was the director?", "谁当主任？") that names no conference, body,
    person or year of its own asks about the one the conversation is on."""
    if years(q) or conference_ordinals(as_conference(q)):
        return True
    if re.search(r"[\u4e00-\u9fff]", q):
        return bool(_ZH_TOPIC.search(q) or zh_person_names(q))
    return bool(find_orgs(q) or person_names(q))


def rewrite(q: str, prev: Turn) -> str:
    """The follow-up made stand-alone from the previous turn: time and conferences named relative
    to the previous question are resolved; then the first rule that applies."""
    # With no year said yet, the time is that of the articles the last answer quoted, unless the
    # follow-up names its own conference ("the Third conference a year earlier"): the year is
    # that conference's.
    cited = "" if conference_ordinals(as_conference(q)) else _cited_time(prev)
    retimed = retime(q, prev.when or time_of(prev.question) or cited) or q
    resolved = resolve_relative(retimed, prev.question, prev.topic)
    for rule in (_new_time_or_conference, _bare_wh, _pronouns, _ellipsis, _zh_topic):
        out = rule(resolved, prev)
        if out:
            return out
    return resolved


def _cited_time(prev: Turn) -> str:
    dated = sorted(d for c in prev.citations if (d := getattr(c, "date", None)))
    return f"in {dated[-1][:4]}" if dated else ""


# --- the rules -----------------------------------------------------------------------------------
def _new_time_or_conference(q: str, prev: Turn) -> str | None:
    """'and in 1957?', 'the Fourth one?', '那一九五五年呢？': the previous question, re-timed."""
    if _OWN_QUESTION.match(_LEAD.sub("", q)) and not _FOLLOW_UP.search(q):
        return None
    rest = _strip_time_and_conference(_LEAD.sub("", q))
    if rest:  # more than a new time or conference: another rule's work
        return None
    new_years, new_ords = years(q), conference_ordinals(as_conference(q))
    if not new_years and not new_ords:
        return None
    if detect_lang(q) != detect_lang(prev.question):
        return None  # asked in the other language: it stays in its own words, read with the last
    out = prev.question
    if new_years:
        old = years(out)
        if old:
            out = zh_years_to_arabic(out)
            for y in old:
                out = out.replace(y, sorted(new_years)[0])
        elif detect_lang(out) == "zh":  # said in the previous question's language, never glued
            out = out.rstrip("?？ ") + f"（{'、'.join(sorted(new_years))}年）？"
        else:
            out = out.rstrip("?？ ") + f" in {' and '.join(sorted(new_years))}?"
    if new_ords:
        if not conference_ordinals(as_conference(out)):
            return None  # "And the Fourth conference?" after a question naming none: asked as it is
        out = replace_ordinal(out, sorted(new_ords)[0])
    return out


def _bare_wh(q: str, prev: Turn) -> str | None:
    """'Why?' or 'When?' after 'What did the Fifth conference decide?' asks it of that."""
    m = _BARE_WH.match(q)
    if not m:
        return None
    wh = m.group(1)
    if detect_lang(prev.question) == "zh":
        return prev.question.rstrip("？?") + ("，为什么？" if wh in ("why", "为什么") else f"，{wh}？")
    if re.match(r"^\s*how\s+(?:many|much)\b", prev.question, re.IGNORECASE):
        return None  # "why did cooperatives have?" would lose what was counted
    body = _WH_WORD.sub("", prev.question).strip()
    if not body or body == prev.question.strip():
        return None
    return f"{wh.capitalize()} {body}"


def _pronouns(q: str, prev: Turn) -> str | None:
    out = resolve_pronouns(q, prev.question, prev.answer, prev.person, prev.topic)
    return _tidy(out) if out else None


def _ellipsis(q: str, prev: Turn) -> str | None:
    """'and Liu Shaoqi?', 'and the deputy director?', 'what about manufacturing trades?': the
    previous question with the part of the same kind replaced."""
    frag = _LEAD.sub("", q).strip().rstrip("?？.。 ")
    # A question of its own after "and" ("And how many delegates came to the Fourth one?") asks
    # something new: it is not a part to put into the previous question.
    if not frag or _OWN_QUESTION.match(frag) and (not _FOLLOW_UP.search(q) or len(frag.split()) >= 4):
        return None
    # A fragment in the other language cannot be put into the previous question's words; it
    # stays as asked, and the conversation steers its search.
    if detect_lang(frag) != detect_lang(prev.question):
        return None
    # "Any exceptions within those trades?": a fragment asking whether something exists, or
    # pointing back at the previous answer's things, is a question of its own about them, not a
    # part to put into the previous question.
    if _EXISTENTIAL.match(frag) or _DEICTIC.search(frag):
        return None
    frag = re.sub(r"^(?:the|their|its|his|her)\s+", "", frag, flags=re.IGNORECASE)
    base = prev.question
    # A phrase opening with a preposition ("and about mechanization?") takes the place of the
    # previous question's phrase with that preposition ("… say about nationalizing …?").
    if (m := _PREP_PHRASE.match(frag)) and not years(frag):
        old_phrase = re.search(rf"\b{m.group(1)}\s+[^,;?？]+", base, re.IGNORECASE)
        if old_phrase:
            return base[:old_phrase.start()] + frag + base[old_phrase.end():]
    for finder in (find_persons, find_roles, find_conferences, find_orgs):
        new = finder(frag)
        old = finder(base)
        if new and old:
            out = base.replace(old[0], new[0], 1)
            if finder is find_persons and " " in old[0]:
                # The person may be named by surname too ("Liu's talk … did Liu Shaoqi give it?"):
                # "And Zhu De's?" asks it all of him.
                surname = old[0].split()[0]
                out = re.sub(rf"\b{re.escape(surname)}\b(?!\s+{re.escape(old[0].split()[1])})", new[0], out)
            return out
    # The thing counted: "How many cooperatives were there at the end of 1953?" + "And their
    # membership?" → "How many members were there at the end of 1953?" (a membership is counted
    # in members).
    m = _COUNTED_NOUN.match(base)
    if m and not find_persons(frag) and len(frag.split()) <= 3 and frag.replace(" ", "").isalpha():
        counted = COUNTED_AS.get(frag.lower(), frag)
        return base[:m.start("noun")] + counted + base[m.end("noun"):]
    # The thing asked about: "What membership did the Third conference plan?" + "and the output
    # value?" → "What output value did the Third conference plan?".
    m = _ASKED_NOUN.match(base)
    if m and not find_persons(frag) and len(frag.split()) <= 4 and frag.split()[-1].isalpha() \
            and not any(_same_word(w, frag.split()[-1]) for w in base.split()):
        return base[:m.start("noun")] + frag + base[m.end("noun"):]
    # A noun with the same head word: "manufacturing trades" for "repair and service trades".
    head = frag.split()[-1].lower() if frag.split() else ""
    words = base.split()
    for i, w in enumerate(words):
        if head and _same_word(w, head):
            j = i
            while j > 0 and words[j - 1].lower() not in EN_STOPWORDS and not _WH_WORD.match(words[j - 1]):
                j -= 1
            return " ".join(words[:j] + frag.split() + words[i + 1:])
    if new_person := find_persons(frag):
        person = last_person(prev.question, prev.answer)
        if person and person in base:
            return base.replace(person, new_person[0], 1)
    return None


_PREP_PHRASE = re.compile(r"^(about|regarding|concerning|on|for|towards?)\s+\S", re.IGNORECASE)


def _zh_topic(q: str, prev: Turn) -> str | None:
    """'哪天闭幕的？' after a turn about the Fifth conference: Chinese puts the topic first, so the
    conversation's topic is put before a question that names none."""
    # Only a question of its own ("哪天闭幕的？"); "那专区和县呢？" is an ellipsis of the last one.
    if detect_lang(q) != "zh" or names_topic(q) or not re.search(r"谁|什么|哪|几|多少|怎|为何|吗", q) \
            or q.rstrip("？?").endswith("呢"):
        return None
    # A meeting the last answer named when asked which one it was is the topic now, not the
    # meeting the question named to place it ("第五次会议之后大约三个月…哪个会？").
    own = subject_thing(prev.question)
    topic = prev.topic if prev.topic and prev.topic not in prev.question else (own or prev.topic)
    if not topic or detect_lang(topic) != "zh":
        return None
    return topic + _LEAD.sub("", q)


# --- what a turn is about ------------------------------------------------------------------------
def _tidy(text: str) -> str:
    text = re.sub(r"\b(the|The) the\b", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def _same_word(a: str, b: str) -> bool:
    a = a.lower().strip("?,.;:")
    return a == b or a.rstrip("s") == b.rstrip("s")


def subject_words(question: str) -> str:
    """What a question is about, less the time and conference it was asked of."""
    return " ".join(_strip_time_and_conference(question).split())


def _strip_time_and_conference(text: str) -> str:
    text = zh_years_to_arabic(text)
    text = re.sub(r"\b(?:in|for|by|of|the end of|at the end of|during|going by|according to|as reported by|"
                  r"per)\b|\b1[89]\d\d\b|\d{4}年|年底|底|呢|"
                  r"\b(?:the\s+)?(?:" + "|".join(EN_ORD + EN_ORD_NUM) + r")\b(?:\s+one)?|"
                  r"(?:national\s+)?(?:conference|meeting|one)s?\b|第[一二三四五六七八九十]次(?:会议)?|"
                  r"[?？,，.。]", " ", text, flags=re.IGNORECASE)
    return text.strip()
