"""A conversation: each turn understood as a stand-alone question (qa.followup reads a
follow-up against the previous turn), and what the conversation is about: the articles the
previous answer cited are carried over, and retrieval is steered to them. A question about the
previous answer itself ("which article says that?") is answered from its citations (qa.recital).

With a model, the model rewrites the follow-up from the history (llama-index's condense-question
prompt), and the rewrite is kept only if it invents no year or number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from qa.antecedents import (
    ASKS_MEETING,
    conveners_referent,
    find_conferences,
    find_persons,
    listed_referent,
    subject_thing,
)
from qa.followup import (
    Turn,
    asks_in_own_words,
    leans_on_previous,
    names_topic,
    points_at_body,
    points_back,
    rewrite,
    subject_words,
)
from qa.language import (
    conference_ordinals,
    detect_lang,
    expand_short_dates,
    is_cjk,
    years,
    zh_years_to_arabic,
)
from qa.recital import asks_about_answer, reasons_in
from qa.timeref import places_meeting, relative_to_event
from qa.turnconference import as_conference, relative_conference
from qa.turntime import part_of_year, relative_year, time_of

__all__ = ["Conversation", "Turn", "Understood", "leans_on_previous", "rewrite"]


# A follow-up left as asked in at most this many words ("What percentage?", "And the tax
# authorities?"), or Chinese characters ("那专区和县一级呢？"), is a fragment: the next turn is read
# with what it was read with.
FRAGMENT_WORDS, FRAGMENT_CHARS = 4, 10


# Events after (or before) the ones just discussed: "which later meetings", "afterwards", "之前".
# A Chinese 以前 closing a clause of its own ("在生产联合社建立以前") is that clause's time.
# A year or conference named relative to the last ("a year later", "the next conference") is
# resolved by qa.followup instead.
_LATER_EVENTS = re.compile(r"\b(?:later|subsequent|afterwards|thereafter|since then|after that)\b"
                           r"|后来|此后|(?:^|(?<=[，,。？?\s]))(?:之后|以后)", re.IGNORECASE)
_EARLIER_EVENTS = re.compile(r"\b(?:earlier|previously|beforehand|before that|prior to that)\b"
                             r"|此前|先前|(?:^|(?<=[，,。？?\s]))(?:之前|以前)", re.IGNORECASE)
_COUNTED_TIME = re.compile(r"\b(?:a|one|two|three|four|five|several|a few|\d+)\s+"
                           r"(?:years?|months?|weeks?|days?)\s+(?:later|earlier|afterwards)\b"
                           r"|[一二三四五六七八九十几两\d]+(?:年|个月|天)(?:后|前|以后|以前|之后|之前)",
                           re.IGNORECASE)


def _beyond(q: str, prev: Turn | None) -> tuple[str | None, str | None]:
    """The day after the last answer's latest article, for a turn asking about later events (or
    the day before its earliest, for earlier ones); None when it asks neither."""
    dated = sorted(d for c in (prev.citations if prev is not None else []) if (d := _day(c.date)))
    if not dated or _COUNTED_TIME.search(q) or relative_year(q) or relative_conference(q) or years(q):
        return None, None
    if _LATER_EVENTS.search(q):
        return str(dated[-1] + timedelta(days=1)), None
    if _EARLIER_EVENTS.search(q):
        return None, str(dated[0] - timedelta(days=1))
    return None, None


# "The later one", "the earlier meeting", "后一次会议": one of two events an answer spoke of, by
# date, not events after (or before) them.
_ONE_OF_THEM = re.compile(r"\bthe\s+(?P<en>later|earlier|latter|former)\s+(?:one|meeting|conference)\b"
                          r"|(?P<zh>后一次|前一次)(?:会议)?", re.IGNORECASE)


def _one_of_them(q: str, turns: list[Turn]) -> list[str]:
    """The article of the later (or earlier) of the dated articles of the most recent answer that
    cited more than one date."""
    m = _ONE_OF_THEM.search(q)
    if not m:
        return []
    for turn in reversed(turns):
        dated = sorted({(c.date, c.source) for c in turn.citations if c.date})
        if len({d for d, _ in dated}) >= 2:
            later = (m.group("en") or m.group("zh")).lower() in ("later", "latter", "后一次")
            return [dated[-1][1] if later else dated[0][1]]
    return []


def _day(iso: str | None) -> date | None:
    """An article's date as a day; None for a partial one ("1955", "1955-01"), which bounds
    nothing exactly."""
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


# A figure is of a time: a phrase asking one is asked of the conversation's.
_FIGURE_PHRASE = re.compile(r"\b(?:value|output|members?|membership|number|figures?|totals?|percent(?:age)?|"
                            r"how many|how much|count)\b", re.IGNORECASE)


def _fragment(q: str) -> bool:
    return len(q) <= FRAGMENT_CHARS if is_cjk(q) else len(q.split()) <= FRAGMENT_WORDS


# "不对，我是说年底那次会议，它定了什么目标？", "No, I meant the December meeting: what did it
# decide?": a correction's preamble says the last answer was about the wrong one; its words are
# not what is asked, and a question following it is asked as it stands.
_CORRECTION = re.compile(r"^\s*(?:(?:no|nope|sorry|wait|actually)\s*[,，.!]*\s*)*(?:I\s+meant|I\s+mean|"
                         r"I\s+was\s+asking\s+about|I'm\s+asking\s+about)\s+"
                         r"|^\s*(?:不对|不是|错了)?[，,。！!]?\s*(?:我是说|我说的是|我指的是|我问的是)",
                         re.IGNORECASE)


def _without_correction(q: str) -> str:
    rest = _CORRECTION.sub("", q, count=1)
    return rest if rest != q and rest.rstrip().endswith(("?", "？")) else q


# A noun of discussion pointed back at: the issue of the last question, whatever event it is
# now asked of.
_SAME_ISSUE = re.compile(r"\b(?:that|this|the same|those|these|such)\s+(?:issues?|questions?|matters?|"
                         r"problems?|topics?|subjects?|points?|policy|policies|measures?|proposals?|ideas?)\b"
                         r"|这个问题|这一问题|这些问题|同样的问题|这项|这一点", re.IGNORECASE)


@dataclass
class Understood:
    """What a turn was taken to ask: the stand-alone question, and the articles the conversation
    is about (retrieval is steered to them)."""

    text: str
    articles: list[str] = field(default_factory=list)
    rewritten: bool = False
    context: str = ""  # the question it follows, searched for with it
    # A question about the previous answer itself ("which article says that?"): what it asks
    # ("source" or "kind") and that answer's citations, which answer it. For any other
    # follow-up left as asked (no rule made it stand-alone), the citations just read, where a
    # further figure of the same sentence is looked for first ("And their membership?").
    about: str = ""
    recite: list = field(default_factory=list)
    # "Which later meetings did that committee convene?": only articles dated after those the last
    # answer quoted (or before, for "earlier"), as ISO dates; narrowed with the user's own range.
    after: str | None = None
    before: str | None = None
    # A question that names no year, conference, body or person of its own, and is not read as a
    # follow-up: the articles the conversation is on, which retrieval leans to (not steered).
    lean: list[str] = field(default_factory=list)

    def dates(self, since: str | None, until: str | None) -> tuple[str | None, str | None]:
        """The user's date range narrowed to the one this turn names relative to the last answer."""
        since = max(d for d in (since, self.after) if d) if since or self.after else None
        until = min(d for d in (until, self.before) if d) if until or self.before else None
        return since, until

    def asking(self, since: str | None = None, until: str | None = None) -> dict:
        """The keyword arguments of `Pipeline.ask` for this turn, within the user's date range: one
        place, so the CLI, the UI and the eval ask a turn the same way."""
        since, until = self.dates(since, until)
        return {"since": since, "until": until, "prefer": self.articles, "context": self.context,
                "about": self.about, "recite": self.recite, "lean": self.lean}


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)
    # Every answer in order (each holds the question as understood): what an export writes out.
    transcript: list = field(default_factory=list)
    # The archive's century, for a two-digit year ("and in '55?"): Pipeline.century.
    century: int | None = None

    @property
    def history(self) -> list[str]:
        return [t.question for t in self.turns]

    def understand(self, question: str, llm=None) -> Understood:
        """The stand-alone form of `question`, and the articles to steer to; the turn is recorded
        (its answer is added by `remember`). The model (a llama-index LLM) is passed per call, not
        kept: a conversation is copied per session."""
        q = expand_short_dates(question.strip(), self.century)
        prev = self.turns[-1] if self.turns else None
        # "Which article reports all this?" after a refusal is about the last answer given: a
        # refusal's related reading is not what anyone was told.
        answered = next((t for t in reversed(self.turns) if t.citations), None)
        about = asks_about_answer(q) if answered is not None else ""
        if about == "outcome" and not prev.citations:
            about = ""  # a target's outcome is asked of the target just given, not of older ones
        elif about == "reason" and not reasons_in(answered.citations):
            about = ""  # no reason inside what was quoted: asked as a question, steered to it
        elif about:
            prev = answered
        if about == "outcome":
            # "Did they actually get there?" is the previous question asked for its outcome,
            # wherever that is reported (not only in the articles that gave the target).
            self.turns.append(Turn(prev.question, topic=prev.topic, when=prev.when, person=prev.person))
            return Understood(prev.question, [], prev.question != q, "", about)
        if about:
            # The turn keeps the previous one's subject and answer: a further follow-up
            # ("and in 1955?") still reads against them.
            self.turns.append(Turn(prev.question, prev.answer, list(prev.articles), list(prev.citations),
                                   prev.topic, recital=True, when=prev.when, person=prev.person,
                                   thread=list(prev.thread) or list(prev.articles)))
            return Understood(q, list(prev.articles), False, "", about, list(prev.citations))
        asked = q
        q = _without_correction(q)
        # "The second one you mentioned": named, from the earlier answer's list.
        q = listed_referent(q, [t.answer for t in self.turns if t.answer])
        q = conveners_referent(q, [t.answer for t in self.turns if t.answer])
        text = q
        leans = prev is not None and leans_on_previous(q)
        if leans:
            # A turn that only pointed back at its answer ("How does that compare with the year
            # before?") is no question to ask again of another year or body: the question it was
            # read with is.
            pointer = bool(prev.context) and points_back(prev.question)
            base = replace(prev, question=prev.context) if pointer else prev
            if not base.citations and answered is not None:
                # After a refusal, time is still counted from the last answer's articles.
                base = replace(base, citations=answered.citations)
            text = (self._condense(q, llm) if llm is not None else None) or rewrite(q, base)
        # "And their annual output value?" names no time: a figure asked in a phrase is of the
        # time the conversation is at ("by the end of 1953"), said in its own words.
        as_asked = leans and text == q
        own = text  # what the turn itself names, before the conversation's time is added
        if as_asked and _FIGURE_PHRASE.search(q) and not asks_in_own_words(q) and "," not in q and prev.when \
                and not years(q) and detect_lang(q) == "en":
            text = f"{q.rstrip(' ?？')} {prev.when}?"
        named = find_persons(text)
        self.turns.append(Turn(text, topic=subject_thing(text) or (prev.topic if prev else ""),
                               when=time_of(text, prev.when if prev else ""),
                               person=named[0] if named else (prev.person if prev else "")))
        # A follow-up that names its own year or conference ("and in 1955?") moves to wherever
        # that is reported; any other one stays with the articles the conversation was using.
        # The year or conference may be named relative to the last one ("the previous conference",
        # "a year later"): what counts is whether the understood question names new ones.
        before = prev.question if prev is not None else ""
        ordinals = conference_ordinals(as_conference(text)) - conference_ordinals(as_conference(before))
        retimed = bool(years(q) or conference_ordinals(as_conference(q)) or years(own) - years(before)
                       or ordinals or places_meeting(q) or part_of_year(q))
        # "How does that compare with the year before?" names a year, but "that" is the answer
        # just given: the conversation stays with its articles. "Had that central bureau been set
        # up by the end of 1955?" asks of the body in a year of its own: wherever that is reported.
        answer_then = points_back(q) and not ordinals and not points_at_body(q)
        follows = leans and prev is not None and (not retimed or answer_then)
        # "The later one" of two meetings an answer spoke of is steered to that one's article; any
        # other turn about later or earlier events is not steered to the last answer's articles.
        chosen = _one_of_them(q, self.turns[:-1])
        after, before = _beyond(q, prev) if not chosen else (None, None)
        beyond = bool(after or before)
        follows = follows and not beyond
        # "Did the 1956 symposium take up that issue again?": another event, but the issue is the
        # last question's; its words (less its time and conference) are searched for too.
        # A follow-up that was left as asked ("What percentage?") carries what it was read with.
        said = prev.context if prev is not None and prev.as_asked and prev.context else (
            prev.question if prev is not None else "")
        carried = said if follows else (
            subject_words(prev.question) if prev is not None and _SAME_ISSUE.search(q) and not beyond else "")
        self.turns[-1].context = carried
        # So does one that only points back at the answer ("Is that an actual count?").
        self.turns[-1].as_asked = as_asked and (_fragment(q) or points_back(q))
        # "Which trades were thought suitable for concentration?" after a turn on the 1956
        # symposium asks it of the symposium, most likely; but it is a question of its own.
        lean = list(prev.articles) if prev is not None and not follows and not beyond \
            and not names_topic(q) else []
        self.turns[-1].thread = list(prev.thread) if follows else []
        steer = list(dict.fromkeys([*prev.articles, *prev.thread])) if follows else []
        return Understood(text, chosen or steer, text != asked, carried,
                          recite=list(prev.citations) if follows and as_asked else [],
                          after=after, before=before, lean=lean)

    def remember(self, answer) -> None:
        """The answer of the last understood turn: its subject and cited articles carry over."""
        if answer is not None:
            self.transcript.append(answer)
        if not self.turns or self.turns[-1].recital:
            return
        turn = self.turns[-1]
        turn.answer = "" if answer.refused else answer.answer
        # "Which is the earliest conference described?": the meeting the answer names is what the
        # conversation is now about ("And the next one?").
        # A meeting the question names only to place the one asked ("哪个会 about three months
        # after the Fifth") is not the one the answer names.
        asked = find_conferences(turn.question)
        named = [m for m in find_conferences(turn.answer) if m not in asked] \
            if ASKS_MEETING.search(turn.question) else []
        if named and (not asked or places_meeting(turn.question) or relative_to_event(turn.question)):
            turn.topic = named[0]
        # A refusal's related reading is still what the question was about.
        turn.articles = list(dict.fromkeys(c.source for c in answer.citations))
        turn.thread = list(dict.fromkeys([*turn.articles, *turn.thread]))
        turn.citations = [] if answer.refused else list(answer.citations)

    def resolve(self, question: str, llm=None) -> str:
        return self.understand(question, llm).text

    def _condense(self, q: str, llm) -> str | None:
        from llama_index.core.chat_engine.condense_question import DEFAULT_TEMPLATE

        history = "\n".join(f"Human: {h}" for h in self.history[-4:])
        try:
            text = llm.complete(DEFAULT_TEMPLATE.format(chat_history=history, question=q)).text
        except Exception:  # a failing model leaves the rules to do the work
            return None
        lines = text.strip().strip('"“”').splitlines()
        out = lines[0].strip() if lines else ""
        known = years(q) | {y for h in self.history for y in years(h)}
        numbers = set(re.findall(r"\d[\d,.]*", zh_years_to_arabic(out)))
        allowed = set(re.findall(r"\d[\d,.]*", zh_years_to_arabic(" ".join([q, *self.history]))))
        if not out or len(out) > 400 or not years(out) <= known or not numbers <= allowed:
            return None
        return out
