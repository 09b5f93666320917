"""Questions in several parts, answered part by part.

A question can ask two things ("Which adviser addressed the conference, and what was his
subject?", "…是多少？相当于前一年的多少倍？") or compare two sides ("How did the 1954 target compare
with the 1957 one?", "the Third conference's plan and the Fourth's estimate"). Each part is
answered on its own, with one cited quote for each; year and conference sides are assembled in
date order. A later part that leans on an earlier one ("his subject") is read against it the
way a follow-up is read in a conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.answering.coverage import question_words
from qa.antecedents import ASKS_MEETING, answered_body, find_conferences, find_orgs
from qa.aspects import asks_body
from qa.followup import Turn, leans_on_previous, rewrite, subject_words
from qa.language import conference_ordinals, detect_lang, is_cjk, years, zh_years_to_arabic

# Where a question turns to its next part: a second question mark, or ", and what/how many/...".
_SECOND_QUESTION = re.compile(r"(?<=[?？])\s*(?=\S)")
# The next question may open with a preposition ("…, and by when according to the Fifth?", "…, and
# at which conference had it been decided?").
_AND_WH = re.compile(r"[,;]\s*(?:and|but)\s+(?=(?:(?:by|in|on|at|for|from|to|with|of|under|since|until|"
                     r"after|before|during)\s+)?(?:what|which|who|whom|when|where|how|why|did|was|were)\b)",
                     re.IGNORECASE)
_ZH_PARTS = re.compile(r"(?<=[？?])|，(?=(?:又|还|并且|以及|另外)?(?:是)?(?:多少|哪|谁|什么时候|何时|几))")
# A comparison or enumeration over the sides it names.
_COMPARES = re.compile(r"\b(?:compar\w*|than|versus|vs\.?|differ\w*|change[sd]?|grow|grew|rise|rose|"
                       r"both|each|respectively|between|and|from)\b|比较|相比|分别|和|与|及|以及|对比|变化",
                       re.IGNORECASE)


@dataclass
class Part:
    text: str
    years: set[str] = field(default_factory=set)  # the side's year, when the parts are years
    ordinals: set[int] = field(default_factory=set)  # the side's conference
    leans: bool = False  # read against the part before it
    side: bool = False  # one side of a comparison


# "Which came first: A or B?" asks the date of each.
_WHICH_FIRST = re.compile(r"\bwhich (?:came|was|happened|occurred) (?:first|earlier|later|last)\b[:,]?\s*"
                          r"(?P<a>.+?),?\s+or\s+(?P<b>[^?]+)", re.IGNORECASE)


# "Compare (contrast) A with B", "How did A compare with B?": each side is asked on its own.
_COMPARE_SIDES = (
    re.compile(r"^\s*(?:compare|contrast)\s+(?P<a>.+?)\s+(?:with|to|against|and)\s+(?P<b>.+?)\s*[.?]?\s*$",
               re.IGNORECASE),
    re.compile(r"^\s*how (?:did|does|do|was|were|is|are) (?P<a>.+?) (?:compare|measure up) "
               r"(?:with|to|against) (?P<b>.+?)\s*[.?]?\s*$", re.IGNORECASE),
)
_THAT_YEAR = re.compile(r"\b(?:that|the same) year\b", re.IGNORECASE)
# A comparison after a statement of its first side: "The Third conference planned a membership
# for 1954; how did that plan compare with the Fourth conference's estimate?": "that plan" is
# what the statement said, which is asked as it stands.
_STATED_THEN_COMPARED = re.compile(
    r"^(?P<lead>[^;.?]{12,}?)\s*[;.]\s*(?:and\s+|so\s+)?how (?:did|does|do|was|were|is|are) (?P<a>.+?) "
    r"(?:compare|measure up|stack up) (?:with|to|against) (?P<b>.+?)\s*[.?]?\s*$", re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:it|this|that|these|those|(?:that|this|the|these|those)\s+(?:[\w-]+\s+)?"
                      r"(?:plan|target|goal|figure|number|estimate|total|aim|forecast|projection)s?)$",
                      re.IGNORECASE)


def split(question: str) -> list[Part]:
    """The parts of a question; one part when it asks one thing about one side."""
    m = _WHICH_FIRST.search(question)
    if m:
        return [Part(f"What was the date of {m.group(x).strip()}?") for x in ("a", "b")]
    sides = _sides(question)
    if sides:
        return sides
    lead = _with_lead(question)
    if lead:
        return lead
    bridged = _bridge(question)
    if bridged:
        return bridged
    # "… Name the convening bodies for each.", "Please give both figures.": the question is asked
    # of each year or conference it names, whatever its sentences.
    if _DISTRIBUTIVE.search(question) and (sides := _named_sides(question)):
        return sides
    texts = _clauses(question)
    if len(texts) > 1:
        texts = texts[:1] + [_ellipsis(t, texts[0]) for t in texts[1:]]
        return [Part(t, leans=i > 0 and leans_on_previous(t)) for i, t in enumerate(texts)]
    if not _COMPARES.search(question):
        return [Part(question)]
    return _named_sides(question) or [Part(question)]


_DISTRIBUTIVE = re.compile(r"\b(?:for each|each (?:of them|one|side|uses?|used|gave|gives|said|says)|"
                           r"for both|both (?:figures|numbers|dates|of them|bodies|sides|wordings?)|"
                           r"respectively)\b|分别|各自", re.IGNORECASE)


def _named_sides(question: str) -> list[Part]:
    """The question asked of each year it names, or else of each conference."""
    named_years = sorted(years(question))
    if len(named_years) >= 2:
        return [Part(question, years={y}) for y in named_years]
    ords = sorted(conference_ordinals(_as_conferences(question)))
    if len(ords) >= 2:
        return [Part(question, ordinals={n}) for n in ords]
    return []


# A question may open with what it is about. A topic before a colon ("The Preparatory Committee
# that co-convened the 1956 symposium: how many members did it have when it was set up?") is what
# "it" means; its own description (the 1956 symposium) only identifies it, so it is not the time
# asked about. A statement before the question ("Zhu De took part in both the Third and the Fourth
# conferences. Give the title of his speech at the Third and the office he held at the Fourth.")
# stays with each part as its context, and names what a bare "the Third" is the third of.
_TOPIC = re.compile(r"^(?P<head>(?:the\s+)?[A-Z][\w'-]*(?:\s+(?!that\b|which\b|who\b)[\w'-]+){0,8}?)"
                    r"\s+(?:that|which|who)\s+[^:?]{4,}?:\s+(?P<rest>(?:what|which|who|when|how|in|on|at|by)\b.+)$")
_STATEMENT = re.compile(r"^(?P<lead>[^?:;]{12,}?[.;])\s+(?P<rest>(?:give|name|state|list|provide)\b.+)$",
                        re.IGNORECASE)


def _with_lead(question: str) -> list[Part]:
    q = question.strip()
    m = _TOPIC.match(q)
    if m:
        head = re.sub(r"^The\b", "the", m.group("head"))
        rest = _IT.sub(lambda i: f"{head}'s" if i.group(0).lower() == "its" else head, m.group("rest"),
                       count=1)
        return split(rest[0].upper() + rest[1:])
    m = _STATEMENT.match(q)
    if not m:
        return []
    lead, rest = m.group("lead"), m.group("rest")
    meeting = _MEETING.search(lead)
    if meeting:
        rest = _BARE_ORDINAL.sub(lambda b: f"{b.group(0)} {meeting.group(1).lower()}", rest)
    parts = _both(rest)
    for part in parts:
        part.text = f"{lead} {part.text}"
    return parts


# A body named by what it did elsewhere: "Who headed the standing committee of the preparatory
# body that, together with the Central Handicraft Administration, convened the 1956 symposium?".
# Which body that is comes first (from the article on the symposium), then the question is asked
# of it by name (from wherever that body is written about).
_BRIDGE = re.compile(
    r"\b(?P<desc>(?:the|a|one of the)\s+(?P<noun>(?:[\w-]+\s+){0,2}?(?:body|bodies|organi[sz]ations?|"
    r"committees?|agenc(?:y|ies)|organi[sz]ers?)))\s+(?:that|which)\s*,?\s*"
    r"(?:(?:together|jointly|along)\s+with\s+(?P<with>[^,]+?),\s*)?"
    r"(?P<act>(?:(?:had\s+)?(?:jointly|also)\s+)?(?:co-?)?(?:convened|sponsored|organi[sz]ed|held|called)\s+"
    r"(?:both\s+)?the\s+[^,?]+?)(?=\s*(?:[,?]|\bhad\b|\bwas\b|\bwere\b|$))", re.IGNORECASE)


_ASKS_IT = re.compile(r"^\s*(?:please\s+)?(?:name|give|list|identify|state|tell me|(?:what|which|who)\s+"
                     r"(?:is|was|were|are))\s*$", re.IGNORECASE)


def _bridge(question: str) -> list[Part]:
    m = _BRIDGE.search(question)
    # "Name the body that convened the Fifth conference": the body is what is asked, not a step.
    if not m or _ASKS_IT.match(question[:m.start()]):
        return []
    besides = f"Besides {m.group('with').strip()}, which" if m.group("with") else "Which"
    first = f"{besides} {m.group('noun').strip()} {m.group('act').strip()}?"
    then = (question[:m.start()] + "that body" + question[m.end():]).strip()
    return [Part(first), Part(then[0].upper() + then[1:], leans=True)]


# "Give A and B", where each names its own year or conference: two things asked.
_ASK_BOTH = re.compile(r"^\s*(?:please\s+)?(?:give|name|state|list|quote|provide|report|tell me)\s+"
                       r"(?P<a>.+?)\s*,?\s+and\s+(?P<b>(?:also\s+)?the\s+.+?)\s*[.?]?\s*$", re.IGNORECASE)


def _both(question: str) -> list[Part]:
    m = _ASK_BOTH.match(question)
    if not m:
        return []
    a, b = m.group("a").strip(" ,"), re.sub(r"^also\s+", "", m.group("b").strip(" ,"))
    marks = [years(x) or conference_ordinals(_as_conferences(x)) for x in (a, b)]
    if not all(marks):
        return []
    # "the goal for 1957" after "the membership goal for 1955" is the membership goal.
    head = re.match(r"the\s+([a-z-]+)\b", b, re.IGNORECASE)
    fuller = head and re.search(r"\b((?:(?!(?:the|a|an|of|for|by|at|in)\b)[a-z-]+\s+){1,2}"
                                + re.escape(head.group(1)) + r")\b", a, re.IGNORECASE)
    if fuller:
        b = "the " + fuller.group(1) + b[head.end():]
    return [_side(_as_question(a), a), _side(_as_question(b), b)]


def _sides(question: str) -> list[Part]:
    """The two sides of a comparison, each as a question of its own; "that year" in the second
    is the year the first names."""
    both = _both(question)
    if both:
        return both
    m = _STATED_THEN_COMPARED.match(question.strip())
    if m and _ANAPHOR.match(m.group("a").strip()):
        lead, b = m.group("lead").strip(" ,"), m.group("b").strip(" ,")
        return [_side(lead + "?", lead), _side(_as_question(b), b)]
    for pattern in _COMPARE_SIDES:
        m = pattern.match(question)
        if not m:
            continue
        a, b = m.group("a"), m.group("b")
        if pattern is _COMPARE_SIDES[0]:  # the verb's object holds both sides: split it at its surest join
            a, b = _joined_sides(question[m.start("a"):m.end("b")]) or (a, b)
        a, b = a.strip(" ,"), b.strip(" ,")
        a_years = years(a)
        if len(a_years) == 1:
            b = _THAT_YEAR.sub(next(iter(a_years)), b)
        return [_side(_as_question(a), a), _side(_as_question(b), b)]
    return []


def _side(question: str, side: str) -> Part:
    """One side of a comparison, asked on its own, pinned to the year and conference it names."""
    return Part(question, years=years(side), ordinals=conference_ordinals(_as_conferences(side)), side=True)


# A clause that names only its side, after a wh-phrase ("by when according to the Fifth?", "and in
# which year for the Fourth?"): the wh-phrase is the earlier clause's, the side is new.
_WH_PHRASE = re.compile(r"^(?:and\s+)?(?:(?:by|in|on|at|for|from|to|of|since|until)\s+)?(?:what|which|when|"
                        r"how\s+(?:many|much|long)|who|whom|where)(?:\s+(?:year|date|day|month|time|figure))?\s+",
                        re.IGNORECASE)
_BARE_ORDINAL = re.compile(r"\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
                           r"\b(?!\s+(?:[\w-]+\s+){0,4}?(?:conference|meeting|symposium|congress))",
                           re.IGNORECASE)
_MEETING = re.compile(r"\b(conference|meeting|symposium|congress)(?:s|es)?\b", re.IGNORECASE)


def _ellipsis(clause: str, first: str) -> str:
    """An elliptical later clause, written as a follow-up the rewrite completes from the first
    one ("and according to the Fifth conference?"); any other clause as it is."""
    if is_cjk(clause) or not _WH_PHRASE.match(clause):
        return clause
    rest = _WH_PHRASE.sub("", clause, count=1)
    if question_words(_BARE_ORDINAL.sub(" ", rest)) or not (years(rest) or _BARE_ORDINAL.search(rest)):
        return clause
    meeting = _MEETING.search(first)
    if meeting:  # "the Fifth" is the Fifth of what the first clause named
        rest = _BARE_ORDINAL.sub(lambda m: f"{m.group(0)} {meeting.group(1).lower()}", rest)
    return "and " + rest


# What joins the two sides, the surest first: "to" and "and" also occur inside a side ("advice on
# when to concentrate production with the symposium's guidance").
_JOINS = (" with ", " against ", " to ", " and ")


def _joined_sides(text: str) -> tuple[str, str] | None:
    for join in _JOINS:
        i = text.lower().find(join)
        if i > 0:
            return text[:i], text[i + len(join):]
    return None


def _as_question(side: str) -> str:
    if re.match(r"(?:what|which|who|how|when|where)\b", side, re.IGNORECASE):
        return side[0].upper() + side[1:] + "?"
    return f"What was {side}?"


# "按英文原文列一下。", "List them in English.": a clause that only says in what form to answer
# (a language, the original wording, a list) asks nothing of its own.
_FORM = re.compile(r"\b(?:in|into)\s+(?:English|Chinese|pinyin)\b|\boriginal\b|\bverbatim\b|"
                   r"英文|中文|原文|拼音|列(?:一下|出来|出|举)", re.IGNORECASE)
_ASKS = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how|did|does|do|was|were|is|are)\b"
                   r"|[哪谁几吗呢]|什么|多少|怎么|为何", re.IGNORECASE)


def _only_form(clause: str) -> bool:
    return bool(_FORM.search(clause)) and not _ASKS.search(clause)


def _clauses(question: str) -> list[str]:
    q = question.strip()
    if detect_lang(q) == "zh":
        parts = [p.strip("，, ") for p in _ZH_PARTS.split(q)]
    else:
        parts = []
        for piece in _SECOND_QUESTION.split(q):
            parts += [p.strip(" ,;") for p in _AND_WH.split(piece)]
    parts = [p for i, p in enumerate(parts) if len(p) >= 4 and not (i and _only_form(p))]
    if len(parts) < 2:
        return [q]
    return [p if p.endswith(("?", "？")) else p + ("？" if detect_lang(p) == "zh" else "?") for p in parts]


# "that timetable", "this target", "the same figures": a common noun pointed back at, which is the
# thing the part before asked of (a named body or meeting is pointed at by qa.followup).
_POINTED = re.compile(r"\b(?:that|this|those|these|the\s+same)\s+(?P<noun>timetable|schedule|deadline|target|"
                      r"goal|aim|figure|number|total|plan|task|policy|timeline|date|estimate|forecast|"
                      r"projection|requirement|demand|proposal|method|approach|practice|arrangement)s?\b",
                      re.IGNORECASE)


def points_at_asked(text: str) -> str:
    """The common noun a clause points back at with "that" ("that timetable"), or ""."""
    m = _POINTED.search(text)
    return m.group("noun").lower() if m else ""


def standalone(part: Part, previous: Part | None, previous_answer: str, previous_articles: list[str]) -> str:
    """A later clause made stand-alone from the one before it ("what was the subject of his
    talk?" after "Which adviser addressed the Fourth conference?")."""
    if previous is None:
        return part.text
    pointed = points_at_asked(part.text)
    if pointed and pointed not in previous.text.lower():
        # "that timetable" is the one the part before asked of: its words, less its wh-words.
        asked = re.sub(r"^(?:(?:when|what|which|who|how|why|where|did|does|do|was|were|is|are|had|has|"
                       r"many|much|long)\s+)+", "", subject_words(previous.text), flags=re.IGNORECASE)
        return f"{part.text.rstrip('?？ ')} ({asked})?"
    if not part.leans:
        return part.text
    # After "which body …?", "it", "its" and "that body" are the body the answer gave.
    # "that body" before "its" before "it", which can be an expletive ("had it been decided").
    m = next((m for p in _BODY_POINTERS if (m := p.search(part.text))), None)
    body = m is not None and asks_body(previous.text) and answered_body(previous.text, previous_answer)
    if body:
        said = f"{body}'s" if m.group(0).lower() == "its" else body
        if _PLURAL_BODY.search(m.group(0)):
            said = _plural(body)
        return part.text[:m.start()] + said + part.text[m.end():]
    # After "which meeting …?" or "what was it called?" of a meeting, "it" is the one the answer
    # named ("… another national meeting. What was it called, and what issue did it focus on?").
    meeting = _NAMES_MEETING.search(previous.text) and find_conferences(previous_answer)
    if meeting and _IT.search(part.text):
        name = meeting[0]
        return _IT.sub(lambda m: f"{name}'s" if m.group(0).lower() == "its" else name, part.text, count=1)
    thing = _asked_thing(previous.text)
    if thing and _IT.search(part.text):
        # Resolved here: the rewrite would read "the plan" as pointing back to a conference.
        out = _IT.sub(lambda m: f"the {thing}'s" if m.group(0).lower() == "its" else f"the {thing}",
                      part.text, count=1)
    else:
        out = rewrite(part.text, Turn(previous.text, previous_answer, previous_articles))
    # "What was his speech there called?": there is the meeting the clause before named last
    # ("had he also addressed the 1953 conference").
    there = _THERE.search(out) and _meetings_in(previous.text)
    if there and not conference_ordinals(_as_conferences(out)) and not years(out):
        out = out.rstrip("?？ ") + f" ({there[-1]})?"
    # A clause that names no conference or year of its own is about the first one's; not one
    # whose actor is a body of its own ("and on what date had the Central Committee instructed
    # provinces to set them up?"), which acted elsewhere.
    elif not conference_ordinals(_as_conferences(out)) and not years(out) \
            and conference_ordinals(_as_conferences(previous.text)) \
            and not names_own_body(out, previous.text):
        out = out.rstrip("?？ ") + _anchor_of(previous.text)
    # Nor of a year: "Did they reach the planned 5 million in 1957? What was the real total?"
    # asks 1957's total.
    elif not years(zh_years_to_arabic(out)) and (asked := years(zh_years_to_arabic(previous.text))):
        when = sorted(asked)[-1]
        out = out.rstrip("?？ ") + (f"（{when}年）？" if is_cjk(out) else f" in {when}?")
    return out


# "bodies of that kind", "such bureaus": the kind of body the answer gave, counted or listed.
def _plural(name: str) -> str:
    return name[:-1] + "ies" if name.endswith("y") else name if name.endswith("s") else name + "s"


_BODY_NOUN = r"(?:bod(?:y|ies)|organi[sz]ations?|agenc(?:y|ies)|bureaus?|organs?)"
_BODY_KIND = re.compile(rf"\b{_BODY_NOUN}\s+of\s+(?:that|this|the same)\s+(?:kind|type|sort)\b"
                        rf"|\bsuch\s+{_BODY_NOUN}\b", re.IGNORECASE)
_PLURAL_BODY = re.compile(r"\b(?:bodies|organi[sz]ations|agencies|bureaus|organs)\b", re.IGNORECASE)
_BODY_POINTERS = (_BODY_KIND,
                  re.compile(r"\b(?:that|this|the same|the)\s+(?:body|organi[sz]ation|committee|agency|"
                             r"bureau)\b", re.IGNORECASE),
                  re.compile(r"\bits\b", re.IGNORECASE), re.compile(r"\bit\b", re.IGNORECASE))


# "What policy did the Third conference lay down, and how did the Fourth judge its
# implementation?": in a later part, "it" is the thing the earlier part asked for, when that is a
# thing (a person, conference or body asked for is the previous answer's, found by the rewrite).
_ASKS_THING = re.compile(r"^\s*(?:what|which)\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)
_IT = re.compile(r"\b(?:its|it)\b", re.IGNORECASE)
# A clause asking which meeting it was, or a meeting's name.
_NAMES_MEETING = re.compile(ASKS_MEETING.pattern + r"|\b(?:conference|meeting|symposium|congress)\b[^?]*?"
                            r"\bwhat (?:was|is) (?:it|that|this|its name) (?:called|named)?\b"
                            r"|\bwhat (?:was|is) (?:the name|the title) of (?:the|that|this) "
                            r"(?:conference|meeting|symposium|congress)\b", re.IGNORECASE)
_NOT_THING = re.compile(r"^(?:kind|sort|type|kinds|person|people|official|leader|man|woman|body|"
                        r"organi[sz]ation|agency|bureau|committee|conference|meeting|symposium|"
                        r"year|month|day|date|time|number|figure|article|paper|report|was|were|is|"
                        r"are|did|does|do|had|has|have)$", re.IGNORECASE)


def _asked_thing(question: str) -> str:
    m = _ASKS_THING.match(question)
    if not m or _NOT_THING.match(m.group("noun")):
        return ""
    return m.group("noun").lower()


_THERE = re.compile(r"\bthere\b(?!\s+(?:was|were|is|are|been|be)\b)"
                    r"|\bat (?:it|that (?:meeting|conference))\b", re.IGNORECASE)
_ORDINAL_MEETING = (r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|\d(?:st|nd|rd|th))\s+"
                    r"(?:[\w-]+\s+){0,6}?(?:conference|meeting|symposium)")
_MEETING_NAMED = re.compile(rf"{_ORDINAL_MEETING}|(?:the\s+)?1[89]\d\d\s+(?:[\w-]+\s+){{0,3}}?"
                            r"(?:conference|meeting|symposium)", re.IGNORECASE)


def _meetings_in(text: str) -> list[str]:
    """The meetings a clause names by ordinal or year, in order."""
    return [m.group(0) for m in _MEETING_NAMED.finditer(text)]


def names_own_body(clause: str, before: str) -> bool:
    """The clause names a body the clause before it does not ("… and when had the Central Committee …")."""
    return any(org.lower() not in before.lower() for org in find_orgs(clause))


def _anchor_of(text: str) -> str:
    m = re.search(_ORDINAL_MEETING, text, re.IGNORECASE)
    if m:
        return f" ({m.group(0)})?"
    m = re.search(r"第[一二三四五六七八九十]次[^，。？?]{0,16}?(?:会议|大会|座谈会)", text)
    return f"（{m.group(0)}）？" if m else "?"


def _as_conferences(text: str) -> str:
    return re.sub(r"\b(one|ones)\b", "conference", zh_years_to_arabic(text), flags=re.IGNORECASE)


_DATED_AFTER = re.compile(r"^\s*,?\s*(?:of|in|held in|closing in|that closed in)?\s*(?:[A-Z][a-z]+\s+)?"
                          r"(1[89]\d\d)\b")


def dated_within(ordinals: set[int], years: set[str], question: str) -> set[int]:
    """"The Fifth conference of December 1955 and the symposium of March 1956", asked of 1956,
    is not asked of the Fifth conference; "according to the Third conference's record, in 1954
    and 1955" still is."""
    keep = set(ordinals)
    for phrase in find_conferences(question):
        at = question.find(phrase)
        m = _DATED_AFTER.match(question[at + len(phrase):])
        if m and m.group(1) not in years:
            keep -= conference_ordinals(phrase)
    return keep
