"""What a follow-up's pronoun stands for, and the follow-up with it put in its words.

"What was his title?" is about the person the previous turn named (in its question, else the one
its answer gave); "when did it close?" about the conference or body it was on. A pronoun stays as
asked where it means something else: what was said ("did he accept it?"), a thing the question
names itself ("once it was created"), or a thing of another kind than the conversation's ("the
symposium" after a conference).
"""

from __future__ import annotations

import re

from qa.antecedents import find_conferences, find_persons, last_person, subject_thing
from qa.language import conference_ordinals, detect_lang
from qa.turnconference import EN_ORD, ZH_ORD, as_conference

__all__ = ["PERSON_PRONOUN", "THING_PRONOUN", "resolve_pronouns"]

PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b|他的|她的|他(?!们)|她(?!们)", re.IGNORECASE)
THING_PRONOUN = re.compile(
    r"\b(it|its|itself)\b|\b(?:this|that|the same|the)\s+(?:conference|meeting|symposium|body|"
    r"committee|plan|report|article|record|one)\b(?!\s+(?:of|on|in|for|held|that|which|where|at|from|before|"
    r"after|during|the\s+(?:year|month|day)|(?:a|an|one|two|three|a\s+few|several|some|\d+)\s+(?:years?|months?|"
    r"weeks?|days?))\b)|"
    r"它的|它|这次会议|该会议|这个会议|那次会议|会上", re.IGNORECASE)
# "it" after a verb of stance ("did he accept it?", "who opposed it?") is what was proposed or
# said, never the meeting it was said at: it is left as asked.
_STANCE_ON_IT = re.compile(r"\b(?:accept|support|oppose|agree\s+with|approve|endorse|reject|favou?r|"
                           r"critici[sz]e|welcome|back|resist|object\s+to|disagree\s+with|adopt|implement)"
                           r"(?:s|d|ed|ing)?\s+it\b",
                           re.IGNORECASE)
# A noun after the demonstrative says what kind of thing it points at: "that committee" is a body,
# never the conference that set it up; "that conference" is never a body, nor "the symposium" a
# conference (a symposium is a meeting of its own kind; "the meeting" may be either).
_KIND = {"committee": "body", "body": "body", "conference": "conference", "meeting": "meeting",
         "symposium": "symposium"}
# A pronoun opening a clause of the question ("who headed the central bureau once it was created?")
# stands for a thing the question has just named, not one of the conversation.
_CLAUSE_PRONOUN = re.compile(r"\b(?:once|after|when|before|until|since|because|if|as soon as)\s+"
                             r"(?:it|they)\b", re.IGNORECASE)
# "Whose report was it?", "Which body was that?": the pronoun is the thing the question's own noun
# names, asked to be identified; put in the conversation's subject it would ask nonsense.
_IDENTIFIES = re.compile(r"^\s*(?:whose|which|what)\s+(?:[\w-]+\s+){1,3}?(?:was|is|were|are)\s+"
                         r"(?:it|that|this)\s*[?？.]?\s*$", re.IGNORECASE)
_NAMED_THING = re.compile(r"\b(?:the|that|this)\s+(?:[\w-]+\s+){0,3}?(?:bureau|committee|federation|"
                          r"conference|meeting|symposium|body|department|association|plan|report|instructions?|"
                          r"cooperatives?|union|section|agency|office)s?\b", re.IGNORECASE)


def resolve_pronouns(q: str, question: str, answer: str = "", person: str = "",
                     topic: str = "") -> str | None:
    """he/his → the person the previous turn was about (named in its `question`, else in its
    `answer`, else the conversation's `person`); it/its → its conference or body (`topic` when the
    question names none). None when no pronoun was put in the follow-up's words."""
    out, changed = q, False
    # "What about Zhu De: when did he speak?": a pronoun after a name in the follow-up itself
    # is that name's.
    if PERSON_PRONOUN.search(q):
        own = _named_before_pronoun(q)
        person = own or last_person(question, answer) or person or None
        if own:
            # "What about Zhu De: when did he …?" is the question after the colon, about him.
            out = _OWN_LEAD.sub("", out)
        if person:
            out = _replace_person_pronoun(out, person)
            changed = True
    # "they" may be the people, the bodies or the papers of the previous turn: it is left as
    # asked (retrieval is steered to the articles that turn cited).
    if (m := THING_PRONOUN.search(out)) and not _STANCE_ON_IT.search(out) and not _own_antecedent(out):
        thing = subject_thing(question) or topic
        said = m.group(0).split()[-1].lower()
        if thing and said in _KIND and not _same_kind(_KIND[said], _kind_of(thing)):
            thing = None  # left as asked: the conversation steers its search
        if thing:
            out = _replace_thing_pronoun(out, thing)
            changed = True
    return out if changed else None


def _kind_of(thing: str) -> str:
    if re.search(r"座谈会|\bsymposium\b", thing, re.IGNORECASE):
        return "symposium"
    return "conference" if find_conferences(thing) or re.search(r"会议|\bmeeting\b", thing, re.IGNORECASE) \
        else "body"


def _same_kind(said: str, thing: str) -> bool:
    return said == thing or said == "meeting" and thing in ("conference", "symposium")


# "What was the title of Liu's talk, and what day did he give it?": a clause after "and" goes on
# about the work the first one named; "it" is that talk, not the conference.
_WORK_THEN_IT = re.compile(r"\b(?:talk|speech|address|lecture|remarks|report|paper|article|instructions?|"
                           r"directive|resolution|proposal)s?\b[^?]*?(?:,\s*|\s)and\b[^?]*?\b(?:it|its)\b",
                           re.IGNORECASE)


def _own_antecedent(q: str) -> bool:
    """Whether the pronoun stands for a thing the question names itself: one opening a clause
    after it, a work the clause before named, or the one a "whose report was it?" asks to
    identify."""
    if _IDENTIFIES.match(q) or _WORK_THEN_IT.search(q):
        return True
    m = _CLAUSE_PRONOUN.search(q)
    return bool(m and _NAMED_THING.search(q[: m.start()]))


_OWN_LEAD = re.compile(r"^\s*(?:and|but|now|what about|how about)\b[^:：,，—?？]{1,40}[:：,，—]\s*(?=\S)",
                       re.IGNORECASE)


def _named_before_pronoun(q: str) -> str | None:
    """The person a follow-up names before its pronoun ("What about Zhu De: when did he …")."""
    m = PERSON_PRONOUN.search(q)
    # "And Zhu De, what did he say?": the opening word is not part of the name.
    before = re.sub(r"^\s*(?:and|but|now|what about|how about)\s+", "", q[: m.start()] if m else "",
                    flags=re.IGNORECASE)
    named = find_persons(before) if m else []
    return named[-1] if named else None


def _replace_person_pronoun(text: str, person: str) -> str:
    def sub(m: re.Match) -> str:
        w = m.group(0)
        if w in ("他的", "她的"):
            return f"{person}的"
        if w in ("他", "她"):
            return person
        return f"{person}'s" if w.lower() in ("his", "hers") else person

    return PERSON_PRONOUN.sub(sub, text, count=2)


def _replace_thing_pronoun(text: str, thing: str) -> str:
    zh = detect_lang(text) == "zh"
    if zh:  # in a Chinese question the topic is named in Chinese, or the question stays as asked
        ords = conference_ordinals(as_conference(thing))
        if not ords:
            return text
        thing = f"第{ZH_ORD[min(ords) - 1]}次会议"
    elif detect_lang(thing) == "zh":
        # An English question names a conference asked of in Chinese by its ordinal; anything
        # else named in Chinese cannot be put into its words, and it stays as asked.
        ords = conference_ordinals(as_conference(thing))
        if not ords:
            return text
        thing = f"the {EN_ORD[min(ords) - 1].title()} conference"

    def sub(m: re.Match) -> str:
        w = m.group(0)
        if re.fullmatch(r"[\u4e00-\u9fff]+", w):
            return thing + ("的" if w.endswith("的") else "")
        low = w.lower()
        if low in ("its", "their", "theirs"):
            return f"{thing}'s"
        return thing

    return THING_PRONOUN.sub(sub, text, count=1)
