"""Time named indirectly, resolved through the articles' own dates.

"The year after the Third conference", "three months after the Fifth conference", "the meeting at
the end of 1955", "just before New Year 1956", "一九五五年底召开的会议": a question may date what it
asks by an event or a season instead of a year. The event's date is the date of the article about
it (its title names the conference); a season or "end of" a year is a window of months. The result
is the years the question is about and the articles dated in the window it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from qa.language import _ORDINAL_WORDS, MONTHS, NUMBER_WORDS, conference_ordinals, zh_years_to_arabic

_NUM = {**NUMBER_WORDS, "a": 1, "an": 1, "half a": 0.5, "several": 3, "a few": 2}
_ZH_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "半": 0.5}
_ORD = r"(?:first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)"
_EVENT = (rf"(?:the\s+)?{_ORD}\s+(?:[\w-]+\s+){{0,6}}?(?:conference|meeting|symposium|congress)"
          r"|第[一二三四五六七八九十]次[^，。？?]{0,16}?(?:会议|大会|座谈会)")
# How far and which way: "three months after", "…三个月后".
_AMOUNT = (r"\b(?:(?P<n>\d+|half a|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
           r"\s+)?(?P<unit>years?|months?|weeks?|days?)\s+"
           r"(?P<dir>after|before|later than|earlier than|following|preceding|prior to)\s+")
_ZH_AMOUNT = (r"(?P<zn>[一二两三四五六七八九十半]+)(?:个)?(?P<zunit>年|月|天|日)"
              r"(?P<dir2>之后|以后|后|之前|以前|前)")
# Chinese may put the direction first: "第五次会议之后大约三个月" is "第五次会议大约三个月之后".
_DIRECTION_FIRST = re.compile(r"(?P<dir>之后|以后|之前|以前)(?P<amount>(?:大约|大概|约|差不多|将近)?"
                              r"[一二两三四五六七八九十半]+(?:个)?(?:年|月|天|日))")
_RELATIVE = re.compile(
    rf"{_AMOUNT}(?P<event>{_EVENT})|(?P<event2>{_EVENT})[^，。？?]{{0,6}}?{_ZH_AMOUNT}", re.IGNORECASE)
# A calendar day as an anchor: "three days before New Year's Day 1956", "a month after June 22, 1954".
_DAY_ANCHOR = (r"new year(?:'s|’s)?(?:\s+day)?(?:\s+of)?\s+(?P<ny>1[89]\d\d)"
               r"|(?P<dm>january|february|march|april|may|june|july|august|september|october|november|december)"
               r"\s+(?P<dd>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<dy>1[89]\d\d)")
_RELATIVE_DAY = re.compile(
    rf"{_AMOUNT}(?:the\s+)?(?:{_DAY_ANCHOR})|(?P<zny>1[89]\d\d)年元旦{_ZH_AMOUNT}", re.IGNORECASE)
# A season placed by an event: "in the spring following the Fifth conference".
_SEASON_AFTER = re.compile(
    rf"\b(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?P<dir>following|after|before|preceding)"
    rf"\s+(?P<event>{_EVENT})", re.IGNORECASE)
# A conference named by its neighbour: "the next conference after the Fourth", "第四次…会议之后召开的下一次".
_NEIGHBOUR = re.compile(
    rf"\b(?P<which>next|following|subsequent|previous|preceding|prior)\s+(?:[\w-]+\s+){{0,5}}?"
    rf"(?:conference|meeting)\s+(?P<dir>after|following|before|preceding)\s+(?P<event>{_EVENT})"
    rf"|(?P<event2>{_EVENT})(?:闭幕)?(?P<dir2>之后|以后|后|之前|以前|前)(?:召开)?的?(?P<zwhich>下一次|下次|上一次|上次|前一次)",
    re.IGNORECASE)
# A meeting placed by its neighbour in time: "what national meeting came after the Fifth?", "the
# conference held before the Fifth conference". Whatever its kind (a symposium may follow a
# conference), it is the meeting of the nearest article dated on that side of the named one.
_MEETING_BESIDE = re.compile(
    rf"\b(?:conference|meeting|symposium|congress)s?\s+(?:[\w-]+\s+){{0,3}}?(?P<dir>after|following|before|preceding)"
    rf"\s+(?P<event>(?:the\s+)?{_ORD}(?:\s+(?:[\w-]+\s+){{0,6}}?(?:conference|meeting|symposium|congress)|\s+one)?)\b",
    re.IGNORECASE)
# "the year (in which) the Fourth conference met", "the year of the Third conference".
_SAME_YEAR = re.compile(rf"\bthe year (?:in which |when |that |of )?(?P<event>{_EVENT})", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(MONTHS, 1)}
_SEASON = re.compile(
    r"\b(?P<which>end|close|beginning|start|middle|early|late|mid|winter|spring|summer|autumn|fall|"
    r"new year|turn)(?:[\s-]+of)?(?:\s+the)?(?:\s+year)?\s*(?P<year>1[89]\d\d)\b"
    r"|\b(?P<month>" + "|".join(_MONTHS) + r")(?:\s+of)?\s+(?P<myear>1[89]\d\d)\b"
    r"|(?P<zyear>1[89]\d\d)年(?P<zwhich>底|末|初|春|夏|秋|冬|上半年|下半年)"
    r"|(?P<zy2>1[89]\d\d)年(?P<zmonth>[一二三四五六七八九十]{1,2}|\d{1,2})月",
    re.IGNORECASE)
_ZH_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
# Windows (first month, last month, year offset of the last month) of the seasons of year Y.
_WINDOWS = {"end": (10, 12, 0), "close": (10, 12, 0), "late": (9, 12, 0), "beginning": (1, 3, 0),
            "start": (1, 3, 0), "early": (1, 4, 0), "middle": (5, 8, 0), "mid": (5, 8, 0),
            "winter": (12, 2, 1), "spring": (3, 5, 0), "summer": (6, 8, 0), "autumn": (9, 11, 0),
            "fall": (9, 11, 0), "new year": (12, 1, 0), "turn": (12, 1, 0),
            "底": (10, 12, 0), "末": (10, 12, 0), "初": (1, 3, 0), "春": (3, 5, 0), "夏": (6, 8, 0),
            "秋": (9, 11, 0), "冬": (12, 2, 1), "上半年": (1, 6, 0), "下半年": (7, 12, 0)}


@dataclass
class TimeRef:
    years: set[str] = field(default_factory=set)  # the years the question is about
    articles: set[str] = field(default_factory=set)  # articles dated in the window it names
    said: list[str] = field(default_factory=list)  # how each was read, for the reader
    spans: list[str] = field(default_factory=list)  # the words of the question that named the time
    # Words whose year only dates: a season that straddles two years ("New Year 1956", "the
    # winter of 1953"), a day that anchors another ("three days before New Year's Day 1956").
    # Their year names a window, not a year the answer must concern.
    dating_only: list[str] = field(default_factory=list)
    # The conferences the question is about, where it names one by its neighbour ("the next
    # conference after the Fourth" is the Fifth).
    ordinals: set[int] = field(default_factory=set)
    # Words that name an event only to date another ("three months after the Fifth conference
    # closed"): its ordinal is not the conference the question is about.
    anchors: list[str] = field(default_factory=list)


def resolve(question: str, articles: dict[str, dict]) -> TimeRef:
    """The years and articles a question names by events and seasons. `articles` is the index
    manifest: id → {"title", "date", "date_end", ...}."""
    text = _amount_first(question)
    out = TimeRef()
    for m in _RELATIVE.finditer(text):
        event = m.group("event") or m.group("event2")
        anchor = _event_date(event, articles, closing=_says_closing(text))
        if anchor is None:
            continue
        out.anchors.append(event)
        _shift(out, articles, m.group(0), anchor, *_amount(m), counted=bool(m.group("n") or m.group("zn")))
    for m in _RELATIVE_DAY.finditer(text):
        anchor = _day_anchor(m)
        if anchor is None:
            continue
        _shift(out, articles, m.group(0), anchor, *_amount(m))
        out.dating_only.append(m.group(0))
    for m in _SEASON_AFTER.finditer(text):
        anchor = _event_date(m.group("event"), articles, closing=_says_closing(text))
        if anchor is None:
            continue
        after = m.group("dir").lower() in ("following", "after")
        window = _season_near(m.group("season").lower(), anchor, after)
        out.articles |= _dated_within(articles, *window)
        out.said.append(f"{m.group(0).strip()} = {window[0]:%Y-%m} to {window[1]:%Y-%m}")
        out.spans.append(m.group(0))
        out.anchors.append(m.group("event"))
    for m in _NEIGHBOUR.finditer(text):
        event = m.group("event") or m.group("event2")
        named = conference_ordinals(event)
        if len(named) != 1:
            continue
        later = ((m.group("dir") or "").lower() in ("after", "following")
                 or m.group("dir2") in ("之后", "以后", "后"))
        n = next(iter(named)) + (1 if later else -1)
        if n >= 1:
            out.ordinals.add(n)
            out.anchors.append(event)
            out.said.append(f"{m.group(0).strip()} = conference {n}")
    for m in _MEETING_BESIDE.finditer(text):
        if any(n.start() < m.end() and m.start() < n.end() for n in _NEIGHBOUR.finditer(text)):
            continue  # "the next conference after the Fourth": the Fifth, by its ordinal
        _beside(m, articles, out)
    for m in _SAME_YEAR.finditer(text):
        anchor = _event_date(m.group("event"), articles)
        if anchor is not None:
            out.years.add(str(anchor.year))
            out.said.append(f"{m.group(0).strip()} = {anchor.year}")
    _document_of(text, articles, out)
    _superlative(text, articles, out)
    _calendar_days(text, articles, out)
    for m in _SEASON.finditer(text):
        if any(m.group(0) in span for span in out.dating_only):
            continue  # part of a day already read as a date that only identifies ("22 June 1954")
        window = _season_window(m)
        if window:
            # Nothing dated in the window: what happened then is in the papers of the weeks after
            # ("the June 1954 instructions", printed 13 July).
            out.articles |= _dated_within(articles, *window) or _dated_within(
                articles, window[0], window[1] + _REPORTED_WITHIN)
            out.said.append(f"{m.group(0).strip()} = {window[0]:%Y-%m} to {window[1]:%Y-%m}")
            out.spans.append(m.group(0))
            if window[0].year != window[1].year:
                out.dating_only.append(m.group(0))
    return out


# A conference named by a dated document about it: "the conference whose report the Central
# Committee endorsed on 22 June 1954", "the conference the June 1954 instructions concerned".
_DOCUMENT = re.compile(r"\b(?:reports?|instructions?|directives?|resolutions?|endorse[ds]?|approv(?:ed|al)|"
                       r"forward(?:ed|s)?)\b|指示|报告|批转|批准", re.IGNORECASE)
_UNNAMED_MEETING = re.compile(r"\b(?:conference|meeting)\b|会议", re.IGNORECASE)
_DOC_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<m>" + "|".join(_MONTHS) + r")(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?)?"
    r"(?:\s+of)?\s+(?P<y>1[89]\d\d)\b|(?P<zy>1[89]\d\d)年(?P<zm>\d{1,2})月(?:(?P<zd>\d{1,2})日)?",
    re.IGNORECASE)
# A paper reports a dated act within weeks (the 22 June 1954 instructions, printed 13 July).
_REPORTED_WITHIN = timedelta(days=45)


def _document_of(text: str, articles: dict[str, dict], out: TimeRef) -> None:
    """An unnumbered conference known by a dated document about it is the conference of the
    article that reported that document; the date then only identifies it (its year is not the
    conference's). Only when every article so dated is about one and the same conference."""
    if conference_ordinals(text) or not _DOCUMENT.search(text) or not _UNNAMED_MEETING.search(text):
        return
    for m in _DOC_DATE.finditer(text):
        y = int(m.group("y") or m.group("zy"))
        mo = _MONTHS[m.group("m").lower()] if m.group("m") else int(m.group("zm"))
        day = m.group("d1") or m.group("d2") or m.group("zd")
        if not 1 <= mo <= 12:
            continue
        lo = date(y, mo, int(day)) if day and 1 <= int(day) <= 31 else date(y, mo, 1)
        hi = lo if day else _month_end(y, mo)
        reporting = _dated_within(articles, lo, hi + _REPORTED_WITHIN)
        about = {tuple(articles[a].get("ordinals") or ()) for a in reporting}
        if len(about) == 1 and len(next(iter(about))) == 1:
            n = next(iter(about))[0]
            out.ordinals.add(n)
            out.said.append(f"the conference of the {m.group(0).strip()} document = conference {n}")
            out.spans.append(m.group(0))
            out.dating_only.append(m.group(0))


# A day named outright ("January 5, 1955", "5 January 1955") or by its place in the year ("the
# fifth day of 1955", "the last day of 1953").
_NTH_WORDS = "|".join(w for w in _ORDINAL_WORDS if w.isalpha())  # "first" … "tenth"
_CALENDAR_DAY = re.compile(
    r"\b(?:the\s+)?(?P<nth>" + _NTH_WORDS + r"|\d{1,2}(?:st|nd|rd|th))\s+day\s+of\s+(?:the\s+year\s+)?"
    r"(?P<ny>1[89]\d\d)\b|\b(?:the\s+)?(?P<last>last|final)\s+day\s+of\s+(?:the\s+year\s+)?(?P<ly>1[89]\d\d)\b"
    r"|\b(?P<d1>\d{1,2})\s+(?P<m1>" + "|".join(_MONTHS) + r")\s*,?\s+(?P<y1>1[89]\d\d)\b"
    r"|\b(?P<m2>" + "|".join(_MONTHS) + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(?P<y2>1[89]\d\d)\b"
    r"|(?P<zy>1[89]\d\d)年(?P<zm>\d{1,2})月(?P<zd>\d{1,2})日",
    re.IGNORECASE)


# The day is when the event happened ("the conference that ended on …"): its year dates the event,
# not what is asked about it.
_EVENT_ON = re.compile(r"\b(?:ended|closed|concluded|opened|began|started|met|convened|held|issued|adjourned|"
                       r"wrapped up|finished|signed|published|dated)\s+(?:on|by)?\s*$", re.IGNORECASE)


def _calendar_days(text: str, articles: dict[str, dict], out: TimeRef) -> None:
    """A day an event fell on dates the articles that cover it or report it within weeks: the
    conference "that ended on the fifth day of 1955" is the one an article of 9 January reports.
    Days already read as anchors or as a document's date are left to those readings."""
    taken = [*out.spans, *out.dating_only]
    for m in _CALENDAR_DAY.finditer(text):
        if any(m.group(0) in span for span in taken):
            continue
        day = _calendar_day(m)
        if day is None:
            continue
        found = _dated_within(articles, day, day + _REPORTED_WITHIN)
        if found:
            out.articles |= found
            out.said.append(f"{m.group(0).strip()} = {day:%Y-%m-%d}")
            out.spans.append(m.group(0))
            if _EVENT_ON.search(text[:m.start()]):
                out.dating_only.append(m.group(0))


def _calendar_day(m: re.Match) -> date | None:
    try:
        if m.group("nth"):
            raw = m.group("nth").lower()
            n = _ORDINAL_WORDS.get(raw) or int(re.sub(r"\D", "", raw))
            return date(int(m.group("ny")), 1, 1) + timedelta(days=n - 1)
        if m.group("last"):
            return date(int(m.group("ly")), 12, 31)
        if m.group("d1"):
            return date(int(m.group("y1")), _MONTHS[m.group("m1").lower()], int(m.group("d1")))
        if m.group("d2"):
            return date(int(m.group("y2")), _MONTHS[m.group("m2").lower()], int(m.group("d2")))
        return date(int(m.group("zy")), int(m.group("zm")), int(m.group("zd")))
    except ValueError:
        return None


def _amount(m: re.Match) -> tuple[float, str, int]:
    """How far and which way a relative expression moves: (count, unit, +1 after / -1 before)."""
    if m.group("unit"):
        raw = (m.group("n") or "one").lower()
        n = _NUM.get(raw, int(raw) if raw.isdigit() else 1)
        unit = m.group("unit").lower().rstrip("s")
        sign = 1 if m.group("dir").lower() in ("after", "later than", "following") else -1
    else:
        n = _ZH_NUM.get(m.group("zn"), 1)
        unit = {"年": "year", "月": "month", "天": "day", "日": "day"}[m.group("zunit")]
        sign = 1 if m.group("dir2") in ("之后", "以后", "后") else -1
    return n, unit, sign


def _shift(out: TimeRef, articles: dict[str, dict], said: str, anchor: date, n: float, unit: str,
           sign: int, counted: bool = False) -> None:
    """Record the year or the window of articles `n` units from `anchor`."""
    # Half a year, or a count of years measured from a dated event ("roughly a year before the
    # Fourth conference ended", "两年后"): a stretch of months from its day, not the calendar
    # year ("the year after the Third conference" names no count and is the calendar year).
    if unit == "year" and (n != int(n) or counted):
        unit, n = "month", n * 12
    if unit == "year":
        year = anchor.year + sign * int(max(n, 1))
        out.years.add(str(year))
        out.said.append(f"{said.strip()} = {year}")
    else:
        days = {"month": 30.5, "week": 7, "day": 1}[unit] * n
        target = anchor + timedelta(days=sign * days)
        slack = max(20, days * 0.35)
        lo, hi = target - timedelta(days=slack), target + timedelta(days=slack)
        out.articles |= _dated_within(articles, lo, hi)
        out.said.append(f"{said.strip()} ≈ {target:%Y-%m}")
    out.spans.append(said)


def _day_anchor(m: re.Match) -> date | None:
    if m.group("ny") or m.group("zny"):
        return date(int(m.group("ny") or m.group("zny")), 1, 1)
    if m.group("dm"):
        try:
            return date(int(m.group("dy")), _MONTHS[m.group("dm").lower()], int(m.group("dd")))
        except ValueError:
            return None
    return None


def _season_near(season: str, anchor: date, after: bool) -> tuple[date, date]:
    """The window of the first `season` after (or last before) `anchor`."""
    first, last, carry = _WINDOWS[season]
    for offset in ((0, 1, 2) if after else (0, -1, -2)):
        y = anchor.year + offset
        lo, hi = date(y, first, 1), _month_end(y + carry, last)
        if (after and lo > anchor) or (not after and hi < anchor):
            return lo, hi
    return lo, hi


# A meeting named by its place in time: "the earliest conference described", "the latest meeting
# reported", "最早的一次会议". "First" is a conference's own ordinal ("the First National
# Conference"), and "the last conference" may be the previous one, unless the question says it
# ranks what the articles describe.
_SUPERLATIVE = re.compile(
    r"\b(?P<which>earliest|latest|most recent|last|final|first)\s+(?:[\w-]+\s+){0,4}?"
    r"(?P<kind>conference|meeting|symposium)s?\b"
    r"|(?P<zwhich>最早|最近|最后|最晚)(?:的)?(?:一次)?[^，。？?]{0,10}?(?P<zkind>会议|座谈会)", re.IGNORECASE)
_RANKS_ARTICLES = re.compile(r"\b(?:described|reported|mentioned|covered|recorded|in (?:these|the) "
                             r"(?:articles|archive|sources|records))\b", re.IGNORECASE)
_MEETING_TITLE = {"conference": r"\bconference\b|(?<!座谈)会议", "symposium": r"\bsymposium\b|座谈会",
                  "meeting": r"\b(?:conference|meeting|symposium)\b|会议|座谈会"}


def _superlative(text: str, articles: dict[str, dict], out: TimeRef) -> None:
    """The earliest or latest meeting of a kind is the one whose article, titled with it, is
    dated first or last."""
    m = _SUPERLATIVE.search(text)
    ambiguous = m is not None and (m.group("which") or "").lower() in ("first", "last")
    if m is None or ambiguous and not _RANKS_ARTICLES.search(text):
        return  # "the First conference" is its name; "the last conference" may be the one before
    which = (m.group("which") or m.group("zwhich")).lower()
    kind = (m.group("kind") or "").lower() or ("symposium" if m.group("zkind") == "座谈会" else "conference")
    dated = sorted((d, aid) for aid, entry in articles.items()
                   if (d := _day(entry.get("date"))) and re.search(
                       _MEETING_TITLE[kind], f"{entry.get('title') or ''} {entry.get('title_zh') or ''}",
                       re.IGNORECASE))
    if not dated:
        return
    day, aid = dated[0] if which in ("earliest", "first", "最早") else dated[-1]
    entry = articles[aid]
    out.articles.add(aid)
    out.ordinals |= conference_ordinals(f"{entry.get('title') or ''} {entry.get('title_zh') or ''}")
    out.said.append(f"{m.group(0).strip()} = {entry.get('title') or aid} ({day:%Y-%m-%d})")
    out.spans.append(m.group(0))


def _amount_first(question: str) -> str:
    """The question with Arabic years and every Chinese amount of time before its direction."""
    return _DIRECTION_FIRST.sub(r"\g<amount>\g<dir>", zh_years_to_arabic(question))


def relative_to_event(question: str) -> bool:
    """The question places its time by a named event ("about three months after the Fifth
    conference", "第五次会议之后大约三个月", "the spring following the Fifth conference")."""
    text = _amount_first(question)
    return bool(_RELATIVE.search(text) or _SEASON_AFTER.search(text))


def places_meeting(question: str) -> bool:
    """The question names a meeting by its neighbour in time ("the meeting after the Fifth")."""
    return bool(_MEETING_BESIDE.search(question))


def _beside(m: re.Match, articles: dict[str, dict], out: TimeRef) -> None:
    event = m.group("event")
    named = event if re.search(r"conference|meeting|symposium|congress", event, re.IGNORECASE) \
        else f"{event} conference"
    ordinals = conference_ordinals(named)
    anchor = _conference_date(ordinals, articles) if len(ordinals) == 1 else None
    if anchor is None:
        return
    later = m.group("dir").lower() in ("after", "following")
    out.anchors.append(event)
    out.spans.append(m.group(0))
    # The conference of the next ordinal, when the archive has it; else the meeting of the
    # nearest article on that side (the symposium after the Fifth conference).
    n = next(iter(ordinals)) + (1 if later else -1)
    if n >= 1 and _conference_date({n}, articles) is not None:
        out.ordinals.add(n)
        out.said.append(f"{m.group(0).strip()} = conference {n}")
        return
    dated = {d for e in articles.values() if (d := _day(e.get("date")))}
    days = sorted((d for d in dated if (d > anchor if later else d < anchor)), reverse=not later)
    if days:
        out.articles |= _dated_within(articles, days[0], days[0])
        out.said.append(f"{m.group(0).strip()} = {days[0]:%Y-%m-%d}")


def _says_closing(text: str) -> bool:
    return bool(re.search(r"\b(?:closed|ended|concluded|close|end)\b|闭幕|结束", text, re.IGNORECASE))


def _event_date(event: str, articles: dict[str, dict], closing: bool = False) -> date | None:
    """The date of the article about the conference (its closing date when asked): the one whose
    title names it, else the one that names no other conference."""
    wanted = conference_ordinals(re.sub(r"\b(one)\b", "conference", event, flags=re.IGNORECASE))
    return _conference_date(wanted, articles, closing) if wanted else None


def _conference_date(wanted: set[int], articles: dict[str, dict], closing: bool = False) -> date | None:
    """The date of the article about the conference of those ordinals; None when none is."""
    titled, only = [], []
    for entry in articles.values():
        if not entry.get("date"):
            continue
        iso = (entry.get("date_end") or entry["date"]) if closing else entry["date"]
        title = (entry.get("title") or "") + " " + (entry.get("title_zh") or "")
        if wanted & conference_ordinals(title):
            titled.append(_day(iso))
        elif set(entry.get("ordinals", [])) == wanted:
            only.append(_day(iso))
    dated = [d for d in (titled or only) if d]
    return min(dated) if dated else None


def _season_window(m: re.Match) -> tuple[date, date] | None:
    if m.group("month"):
        y, mo = int(m.group("myear")), _MONTHS[m.group("month").lower()]
        return date(y, mo, 1), _month_end(y, mo)
    if m.group("zmonth"):
        y, raw = int(m.group("zy2")), m.group("zmonth")
        mo = int(raw) if raw.isdigit() else _ZH_MONTH.get(raw, 0)
        return (date(y, mo, 1), _month_end(y, mo)) if 1 <= mo <= 12 else None
    which = (m.group("which") or m.group("zwhich") or "").lower()
    y = int(m.group("year") or m.group("zyear"))
    first, last, carry = _WINDOWS.get(which, (1, 12, 0))
    if which in ("new year", "turn"):  # New Year 1956 is the turn of 1955 into 1956
        return date(y - 1, 12, 1), _month_end(y, 1)
    return date(y, first, 1), _month_end(y + carry, last)


def _dated_within(articles: dict[str, dict], lo: date, hi: date) -> set[str]:
    out = set()
    for aid, entry in articles.items():
        start = _day(entry.get("date"))
        end = _day(entry.get("date_end")) or start
        if start and start <= hi and end >= lo:
            out.add(aid)
    return out


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = iso.split("-")
    try:
        month = int(parts[1]) if len(parts) > 1 else 1
        return date(int(parts[0]), month, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))
