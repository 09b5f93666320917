"""When the passages do not hold what the question asks: each check names one way an answer can
be missing, and returns the reason (or "" when it holds).

Checks before choosing (the question pins something no passage has): a name no article holds, a
year no passage concerns, a conference no article is about. Checks after choosing (the chosen
sentences are of the wrong kind): only the other side of the event is given (the closing date
for the opening, the target for the outcome); no place is named; a word of the question that
names something specific is nowhere in them, in any form or synonym. Those about people (the
person asked about, a post, its holder) are in qa.answering.persons.
"""

from __future__ import annotations

import re

from qa.about import without_set_aside
from qa.answering.archive_counts import ArchiveCounts
from qa.answering.candidates import Candidate
from qa.answering.coverage import Coverage, question_words
from qa.answering.kinds import gives_modality, gives_phase, has_type
from qa.glossary import Glossary
from qa.language import (
    NUMBER_WORDS,
    is_cjk,
    light_stem,
    tokenize,
    years,
    zh_place_names,
    zh_years_to_arabic,
)
from qa.query import Query
from qa.records import Passage
from qa.thesaurus import Thesaurus

# Below this Zipf frequency (wordfreq: 3 ≈ once per million words) a word names something
# specific; "came" or "expect" are rare in a small archive but say nothing by their absence.
SPECIFIC_ZIPF = 4.5
# The same when a why-question's premise is checked against the quoted sentence alone: about
# once in 60,000 English words; Chinese words, as jieba cuts them, run about ten times more
# frequent for the same weight ("减少" 5.2, "decrease" 4.2). Chosen on the dev split.
SENTENCE_SPECIFIC_ZIPF = {"en": 4.2, "zh": 5.2}
# Adverbs of degree say how much, not what: "expand greatly" is asked of "vigorously expand". An
# answer need not repeat one. (Adverbs of time and manner, "temporarily", "immediately", can carry
# a premise and stay checked.)
INTENSIFIERS = frozenset(
    "greatly vigorously considerably substantially significantly strongly highly widely largely "
    "hugely vastly massively enormously markedly notably sharply energetically intensively "
    "extensively much very really particularly especially".split())
_PHASE_WORD = {"start": "opening", "end": "closing"}
_MODALITY_WORD = {"plan": "the target", "actual": "the outcome"}


def specific(word: str, lang: str, narrow: bool = False) -> bool:
    """`narrow`: the evidence is one sentence, not a passage, so only words that carry the
    premise (rarer than SENTENCE_SPECIFIC_ZIPF) must be in it, not ordinary linking words."""
    from wordfreq import zipf_frequency

    lang = "zh" if lang == "zh" else "en"
    bar = SENTENCE_SPECIFIC_ZIPF[lang] if narrow else SPECIFIC_ZIPF
    return zipf_frequency(word, lang) < bar


# The archive's languages: named in a question, they say which text is meant, not what it is about.
LANGUAGE_NAMES = frozenset({"english", "chinese"})
# Words that compare two figures: a side of a comparison need not account for them.
COMPARING = frozenset("""
exceed exceeded exceeds surpass surpassed outstrip outstripped outnumber outnumbered short fall fell
fallen beat beaten overtake overtook compare compared
""".split())


def unknown_name(query: Query, known_terms) -> str:
    """A capitalised name in an English question that no article contains anywhere."""
    if query.lang != "en":
        return ""
    # Words that only date the question ("New Year's Day 1956") are accounted for by their dates.
    words = re.findall(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*)", undated(query))
    for w in words:
        if w.lower() in LANGUAGE_NAMES:
            continue  # the language of a text, not a thing it speaks of ("the English translation")
        toks = tokenize(w)
        if toks and not any(t in known_terms for t in toks):
            return w
    return ""


def unknown_place(query: Query, known_terms, glossary: Glossary | None) -> str:
    """A place a Chinese question names that no article mentions, in Chinese or as the English
    texts spell it ("北京" nowhere, nor "Beijing"; "湖南" is in "Hunan embroidery")."""
    if query.lang != "zh":
        return ""
    for place in zh_place_names(query.text):
        if place in known_terms:
            continue
        spelled: set[str] = set()
        if glossary is not None:
            spelled = {"".join(r.split()) for r in glossary.romanized(place)}
            spelled |= set(glossary.english_terms(place))
        if not any((toks := tokenize(s)) and all(t in known_terms for t in toks) for s in spelled):
            return place
    return ""


def missing_years(query: Query, passages: list[Passage]) -> str:
    found: set[str] = set()
    for p in passages:
        found |= years(p.chunk.text) | p.chunk.date_years
    missing = query.years - found
    return f"none of the passages found concerns {', '.join(sorted(missing))}" if missing else ""


def wrong_side(query: Query, eligible: list[Candidate]) -> tuple[str, list[Candidate]]:
    """Only the neighbour of what is asked: the closing date for the opening, the target for the
    outcome, in the article the answer would come from. Returns the reason and the neighbouring
    sentences (quoted as related reading)."""
    if not eligible:
        return "", []
    eligible = [c for c in eligible if c.article_id == eligible[0].article_id]
    if query.phase:
        fitting = [c for c in eligible if gives_phase(query.phase, c.text)]
        other = "end" if query.phase == "start" else "start"
        neighbours = [c for c in eligible if gives_phase(other, c.text)]
        if not fitting and neighbours:
            return (f"they give the {_PHASE_WORD[other]} date, not the {_PHASE_WORD[query.phase]} date",
                    neighbours)
        # A date asked for one side of an event comes from a sentence that says which side it is:
        # a date beside no opening or closing word dates something else (a report, a dispatch).
        if query.wants == "date" and not fitting:
            return f"they give no {_PHASE_WORD[query.phase]} date", eligible[:3]
    if asks_side_of_figure(query):
        top = eligible[:3]
        fitting = [c for c in top if fits_side(query, c)]
        if top and not fitting:
            other = "plan" if query.modality == "actual" else "actual"
            return f"they give {_MODALITY_WORD[other]}, not {_MODALITY_WORD[query.modality]}", top
    return "", []


def fits_side(query: Query, c: Candidate) -> bool:
    """The sentence gives the side asked (target or outcome), and of the year asked: an outcome
    of another year ("by the end of 1954 ... 1.1 million", asked about 1955) is not the one asked."""
    return gives_modality(query.modality, c.text + " " + c.context, c.article_year, query.text) \
        and not (query.years and years(c.text) and not query.years & years(c.text))


def asks_side_of_figure(query: Query) -> bool:
    """A figure asked as a target or an outcome: "how many were actually organized?", or "did
    they in fact reach the planned 5 million?", which names the figure and asks if it was met."""
    figure_asked = query.wants == "fact" and has_type("number", _LAPSE.sub(" ", query.text))
    return bool(query.modality) and (query.wants == "number" or figure_asked)


# A lapse of time that places the event asked ("set two years later", "a year after that",
# "两年后"): it dates the question, it is not a figure the question asks.
_LAPSE = re.compile(r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
                    r"(?:years?|months?|weeks?|days?)\s+(?:later|earlier|after|before|afterwards|on)\b"
                    r"|[一二两三四五六七八九十\d]+(?:年|个月|周|天)(?:后|以后|之后|前|以前|之前)",
                    re.IGNORECASE)


def no_place(query: Query, eligible: list[Candidate]) -> str:
    if query.wants == "place" and not any(has_type("place", c.text) for c in eligible[:5]):
        return "no place is named for this"
    return ""


def frame_kin(word: str, frame: frozenset[str], thesaurus: Thesaurus | None) -> bool:
    """The word names the archive's own subject in other words: a synonym of it is a compound of
    a frame word ("craftsmen", "artisans": "handicraftsman", of "handicraft"). An answer need not
    repeat it, as it need not repeat "handicraft". The word's own spelling does not count:
    "nationalize" is no kin of "national"."""
    if thesaurus is None or not frame:
        return False
    stems = {light_stem(s) for s in thesaurus.synonyms(word) if s.isalpha()}
    return any(s.startswith(f) and len(s) > len(f) + 2 for s in stems for f in frame if len(f) >= _FRAME_STEM)


# A frame stem this long can head a compound ("handicraft"); "the", "rd" cannot.
_FRAME_STEM = 6


def uncovered_word(query: Query, chosen: list[Candidate], counts: ArchiveCounts, thesaurus: Thesaurus | None,
                   frame: frozenset[str] = frozenset()) -> str:
    """A word of the question that names something specific (it is in few of the chunks counted:
    those of the articles the question reached) but that the answer's passages speak of in no
    form and by no synonym: the answer is about something else ("the Fifth conference" found,
    "nationalize" not). Only passages in the question's language can be read word for word."""
    same = [c for c in chosen if c.lang == query.lang]
    if not same:
        return ""
    # The article's date is evidence too: "in January 1955" is said by a paper of 1955-01-09.
    # A reason is the reason for what the quoted sentence says: a why-question's words must be
    # in it (or the sentence before), not anywhere in its passage, or a premise the article
    # never states ("why did they abandon ...") borrows a reason given for something else.
    # Otherwise the passage is evidence, and the rest of the quoted sentence's paragraph where a
    # chunk boundary cut it.
    reason = query.wants == "reason"
    evidence = "\n".join((c.text if reason else c.passage.chunk.text + "\n" + c.following) + "\n"
                         + c.passage.chunk.title + "\n" + c.context + "\n" + c.lead + "\n"
                         + _date_words(c.passage.chunk.date) for c in same)
    cover = Coverage(evidence, thesaurus)
    # A meeting's opening or closing that only dates another act ("闭幕后") or says which meeting
    # is meant ("一月初闭幕的那次会议") is accounted for by the date it resolved to.
    asked = re.sub(r"(?:闭幕|开幕|召开|举行)(?:的)?(?:前|后|之前|之后)"
                   r"|(?:闭幕|开幕|召开|举行)的(?=那|这|[\u4e00-\u9fff]{0,8}?(?:会议|大会|座谈会))",
                   " ", without_set_aside(undated(query)))
    for word in question_words(asked):
        if is_cjk(word) != (query.lang == "zh"):
            continue
        if cover.accounts_for(word) or not specific(word, query.lang, narrow=query.wants == "reason"):
            continue
        # A side of a comparison ("did the Fourth's estimate exceed the Third's target?") gives
        # its own figure; the comparing is the whole question's.
        if query.compared and word.lower() in COMPARING:
            continue
        if not is_cjk(word) and (frame_kin(word, frame, thesaurus) or word.lower() in INTENSIFIERS):
            continue
        df = counts.token_df(word) if is_cjk(word) else counts.form_df(word)
        if 0 < df <= counts.rare_df or (query.wants == "reason" and df == 0 and counts.n):
            return word
    return ""


_SPELLED = {w: str(n) for w, n in NUMBER_WORDS.items() if w != "one"}
_FIGURE = re.compile(r"\b(?:\d[\d,.]*|" + "|".join(_SPELLED) + r")\b", re.IGNORECASE)


def _figures(text: str) -> set[str]:
    """The counts a text states, spelled or in digits ("five years" and "5 years" alike); "one"
    is left out, being as often a pronoun ("one of the bodies")."""
    return {_SPELLED.get(f.lower(), f.replace(",", "").rstrip(".")) for f in _FIGURE.findall(text)}


def unstated_figure(query: Query, chosen: list[Candidate]) -> str:
    """A why-question presupposes what it asks the reason for, figures and time included ("allow
    five more years", "held only in mid-1954"): a reason quoted for the same act with another
    figure or in another year is the reason for something else. Each year and count of the
    question must be in the quoted sentences, the sentence before them, or their article's date."""
    if query.wants != "reason" or not chosen:
        return ""
    text = " ".join(c.text + " " + c.context for c in chosen)
    have = years(text) | {y for c in chosen for y in c.passage.chunk.date_years}
    missing = query.years - have
    if missing:
        return min(missing)
    if query.lang == "en":
        asked = _FIGURE.findall(undated(query))
        stated = _figures(text)
        for f in asked:
            if _figures(f) - stated - have:
                return f
    return ""


def untranslated_word(query: Query, chosen: list[Candidate], counts: ArchiveCounts,
                      glossary: Glossary | None) -> str:
    """The same check across languages: a Chinese question answered only from English sentences,
    read through the dictionary. A specific word of the question none of whose translations the
    answer's passages use ("减少", decrease, asked why a number fell when it grew) means the
    answer is about something else. Words the dictionary lacks are not judged."""
    # Only a why-question's premise is checked: a translation word for word is too unsure for the
    # rest ("社员" asked, "workers participating in cooperatives" answered).
    if glossary is None or query.lang != "zh" or query.wants != "reason" or not chosen \
            or any(c.lang == query.lang for c in chosen):
        return ""
    evidence = "\n".join(c.text + "\n" + c.context for c in chosen)
    tokens = set(tokenize(evidence))
    for word in question_words(without_set_aside(undated(query))):
        if not is_cjk(word) or not specific(word, "zh", narrow=True):
            continue
        english = glossary.english_terms(word)
        if english and not english & tokens and counts.token_df(word) <= counts.rare_df:
            return word
    return ""


def unrelated_translation(query: Query, chosen: list[Candidate], glossary: Glossary | None,
                          thesaurus: Thesaurus | None, frame: frozenset[str] = frozenset()) -> str:
    """An English question answered from Chinese sentences alone (an article with no English
    text) cannot be read word for word, but it can through the dictionary: when not one of the
    question's specific words translates any word of the quoted sentences, they speak of
    something else, however close the cross-language cosine put them (it runs compressed: an
    unrelated Chinese sentence scores near a related one). One shared word suffices, since the
    dictionary misses many paraphrases; the first specific word is named as missing."""
    if glossary is None or query.lang != "en" or not chosen or any(c.lang == "en" for c in chosen):
        return ""
    evidence = "\n".join(c.text + "\n" + c.context for c in chosen)
    english = set().union(*(glossary.english_terms(w) for w in set(tokenize(evidence)) if is_cjk(w)))
    asked = [w for w in question_words(without_set_aside(undated(query)))
             if not is_cjk(w) and specific(w, "en") and w.lower() not in INTENSIFIERS
             and not frame_kin(w, frame, thesaurus)]
    if not asked or any(set(tokenize(w)) & english for w in asked):
        return ""
    return asked[0]


def undated(query: Query) -> str:
    """The question less the words that only date it ("the conference that closed just after New
    Year"): those are accounted for by the dates they resolved to."""
    asked = zh_years_to_arabic(query.text)
    for span in query.time.spans:
        asked = asked.replace(span, " ")
    return asked


def _date_words(iso: str | None) -> str:
    import calendar

    if not iso or len(iso) < 7 or not iso[5:7].isdigit():
        return ""
    return f"{calendar.month_name[int(iso[5:7])]} {iso[:4]}"


def refusal_text(lang: str, reason: str, related: int, since: str | None = None,
                 until: str | None = None, scoped: int = 0) -> str:
    """The refusal, saying so when a date filter kept articles out of the search: "the articles
    do not say" is then only true of the articles in the range."""
    marks = " ".join(f"[{i}]" for i in range(1, related + 1))
    if lang == "zh":
        text = "这些文章中没有这个问题的答案。"
        if since or until:
            text += f"（只检索了{since or '最早'}至{until or '最晚'}的文章：日期筛选已开启。）"
        if scoped:
            text += f"（只检索了所选的{scoped}篇文章。）"
        return text + (f"相关段落：{marks}" if related else "")
    text = f"The articles do not say: {reason}."
    if since or until:
        span = (f"from {since} to {until}" if since and until else f"from {since} on" if since
                else f"up to {until}")
        text += f" (Only articles dated {span} were searched: a date filter is on.)"
    if scoped:
        text += (" (Only the article chosen was searched.)" if scoped == 1
                 else f" (Only the {scoped} articles chosen were searched.)")
    return text + (f" Related reading: {marks}" if related else "")
