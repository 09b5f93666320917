"""A premise the articles state the other way round.

"Why did the symposium want repair trades merged into centralized workshops?" presupposes what the
symposium said of repair trades; the article says they "are generally suitable for decentralized
production". A why-question answered with some other reason would grant the premise. When a
close sentence speaks of the same thing with the opposite word and no close sentence with the
question's own, the question is refused and that sentence quoted as what the articles say.

Opposites come from two sources: negating prefixes ("centralized"/"decentralized") and a short
table of the directions policy is stated in (faster/slower, more/less, together/apart, for good/
for now). A thesaurus of synonyms cannot give them, and a wrong opposite would refuse a fair
question, so the table is kept to pairs that cannot be read as the same act.
"""

from __future__ import annotations

import re

from qa.answering.candidates import Candidate
from qa.answering.coverage import question_words
from qa.language import is_cjk, light_stem
from qa.query import Query

# Each row: word stems of one direction, then of the other.
_DIRECTIONS = (
    (("accelerat", "speed up", "sped up", "speeding up", "quicken", "hasten", "加快", "加速"),
     ("slow", "decelerat", "放慢", "减慢", "放缓")),
    (("centraliz", "centralis", "concentrat", "merg", "pull together", "pulled together", "集中"),
     ("decentraliz", "decentralis", "dispers", "scatter", "分散")),
    (("permanent", "for good", "长期", "永久"), ("temporar", "for now", "暂时", "暂由")),
    (("increas", "rais", "expand", "enlarg", "增加", "扩大", "提高"),
     ("decreas", "reduc", "lower", "shrink", "cut back", "减少", "缩小", "降低")),
    (("strengthen", "加强"), ("weaken", "削弱")),
    (("allow", "permit", "encourag", "允许", "鼓励"), ("forbid", "prohibit", "ban ", "banned", "禁止")),
)
# A close sentence shares at least this many of the question's other specific words: it speaks of
# the same thing (repair and service trades), not of anything said with the opposite word.
MIN_SHARED = 2
# How far down the ranked sentences the opposite is looked for (those the answerer reconsiders).
LOOK = 8


def _direction(text: str) -> set[int]:
    """Which side of each row the text takes: +row+1 for the first, -(row+1) for the other."""
    low = text.lower()
    sides = set()
    for i, (one, other) in enumerate(_DIRECTIONS):
        has_other = any(_has(low, s) for s in other)
        # "decentralized" holds "centraliz": a word of the other side is not also one of the first.
        stripped = low
        for s in other:
            stripped = stripped.replace(s, " ")
        if any(_has(stripped, s) for s in one):
            sides.add(i + 1)
        if has_other:
            sides.add(-(i + 1))
    return sides


def _has(text: str, stem: str) -> bool:
    if re.search(r"[\u4e00-\u9fff]", stem):
        return stem in text
    return re.search(rf"\b{re.escape(stem)}", text) is not None


def reversed_premise(query: Query, ranked: list[Candidate], frame: frozenset[str] = frozenset()
                     ) -> Candidate | None:
    """The opposite of the why-question's premise, when the closest sentence that speaks of the
    same thing (sharing MIN_SHARED of the question's other words) says it the other way round.
    `frame`: the archive's own words ("handicraft"), which say nothing of what a sentence is about."""
    if query.wants != "reason":
        return None
    asked = _direction(query.text)
    if not asked:
        return None
    topic = {light_stem(w.lower()) for w in question_words(query.text) if not _direction(w)} - frame
    for c in ranked[:LOOK]:
        said = _direction(c.text)
        # A sentence with both sides of a row ("centralized and decentralized") weighs them.
        if not said or any(-d in said for d in said):
            continue
        if len(topic & {light_stem(w.lower()) for w in question_words(c.text)}) < MIN_SHARED:
            continue
        return c if {-d for d in asked} & said and not said & asked else None
    return None


_MONTH_DAY = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b1[89]\d\d\b")


def misdated(query: Query, ranked: list[Candidate], frame: frozenset[str] = frozenset()
             ) -> tuple[Candidate, str] | None:
    """A question that dates an event by day and year ("held from November 20 to December 17,
    1954") where the closest sentence on the same thing gives the same days in another year:
    the premise is misdated. The sentence and its year; None when a close sentence gives the
    question's year, or none gives the days."""
    asked_years = set(_YEAR.findall(query.text))
    days = {(m.group(1).lower(), int(m.group(2))) for m in _MONTH_DAY.finditer(query.text)}
    if len(asked_years) != 1 or not days:
        return None
    topic = {light_stem(w.lower()) for w in question_words(query.text)
             if not _MONTH_DAY.match(f"{w} 1") and not w.isdigit()} - frame
    for c in ranked[:LOOK]:
        shared_days = days & {(m.group(1).lower(), int(m.group(2))) for m in _MONTH_DAY.finditer(c.text)}
        if not shared_days:
            continue
        given = set(_YEAR.findall(c.text)) or _in_papers_year(shared_days, c.passage.chunk.date)
        if not given or given & asked_years:
            return None
        if len(topic & {light_stem(w.lower()) for w in question_words(c.text)}) >= MIN_SHARED:
            return c, sorted(given)[0]
    return None


_MONTHS = ("january february march april may june july august september october november "
           "december").split()


def _in_papers_year(days: set[tuple[str, int]], dated: str | None) -> set[str]:
    """A day a newspaper gives without a year is in the paper's year, or the year before when its
    month comes after the paper's ("on June 22" in a paper of 13 July 1954 is 1954)."""
    if not dated or len(dated) < 7:
        return set()
    year, month = int(dated[:4]), int(dated[5:7])
    return {str(year - 1 if _MONTHS.index(m) + 1 > month else year) for m, _ in days}


# A post put before a name as a title: "Premier Zhu De", "Chairman Liu Shaoqi", "总理朱德".
_TITLE_EN = (r"(?:(?:Vice|Deputy|Acting)[\s-])?(?:Premier|Chairman|Chairwoman|President|Minister|Director|"
             r"Secretary|Chief|Head|Expert|Adviser|Advisor)")
_TITLE_ZH = r"副?(?:总理|主席|部长|局长|主任|书记|专家|顾问)"
_TITLED = re.compile(rf"\b({_TITLE_EN})\s+(?=[A-Z])|({_TITLE_ZH})(?=[\u4e00-\u9fff]{{2,3}})", re.IGNORECASE)
_POST = re.compile(rf"\b{_TITLE_EN}\b|{_TITLE_ZH}", re.IGNORECASE)
# How far before a name (characters) a sentence gives his post: "Vice Chairman of the People's
# Republic of China, Zhu De"; after it, an appositive: "Cheng Zihua, acting director".
POST_BEFORE, POST_AFTER = 60, 25


def mistitled(query: Query, ranked: list[Candidate]) -> tuple[Candidate, str, str, str] | None:
    """A question that gives a person a title ("What did Premier Zhu De say?", "朱德总理") where the
    sentences naming him give him another post ("Vice Chairman … Zhu De"): the premise is wrong.
    The sentence, the name, the post it gives and the title asked; None when no sentence gives him
    a post (a title the articles do not contradict is not judged)."""
    for name, title in _titles(query):
        asked = _post_key(title)
        for c in ranked[:LOOK * 2]:
            at = c.text.find(name)
            if at < 0:
                continue
            end = at + len(name)
            near = c.text[max(0, at - POST_BEFORE):at] + " " + c.text[end:end + POST_AFTER]
            given = [p.group(0) for p in _POST.finditer(near)]
            if given and asked not in {_post_key(g) for g in given}:
                return c, name, given[0], title
    return None


def _titles(query: Query) -> list[tuple[str, str]]:
    """(name, title) for each name the question puts a title before (or, in Chinese, after)."""
    out = []
    for m in _TITLED.finditer(query.text):
        name = next((n for n in query.names if query.text.startswith(n, m.end())), None)
        if name is not None:
            out.append((name, m.group(1) or m.group(2)))
    for n in query.names:
        at = query.text.find(n)
        after = re.match(_TITLE_ZH, query.text[at + len(n):]) if at >= 0 and is_cjk(n) else None
        if after:
            out.append((n, after.group(0)))
    return out


def _post_key(post: str) -> str:
    return " ".join(post.lower().replace("-", " ").split())
