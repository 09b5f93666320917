"""Passages → answer: the extractive answerer, in named steps.

1. candidates: every quotable sentence of the passages, with its context and stored vector;
2. scoring: meaning, shared words, and whether it holds what is asked;
3. refusal checks before choosing: a name, year or conference the passages do not hold; a
   premise a close sentence states the other way round or in another year (premise);
4. selection: the best sentence of the kind asked, and the sentences that finish its thought;
5. refusal checks after choosing: the wrong person, the other side of the event, no place, a
   specific word the answer speaks of in no form, a count of another act (counting);
6. quoting: the chosen sentences as exact quotes and citations (quoting).

No language model: every sentence of an answer is a verbatim sentence of an article, followed by
its citation marker, so no number or date can appear that its cited passage does not hold.
Multi-part questions are split and assembled one level up (qa.multipart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from qa.answering import persons, refusal
from qa.answering.acttime import prefer_span
from qa.answering.archive_counts import ArchiveCounts, counts_for
from qa.answering.candidates import (
    Candidate,
    attach_leads,
    attach_vectors,
    best_per_passage,
    candidates,
)
from qa.answering.content import names_no_issue, unstated_content
from qa.answering.counting import uncounted_act, uncounted_population, unstated_act, unstated_statistic
from qa.answering.coverage import Coverage
from qa.answering.kinds import (
    asked_grain,
    asks_who_originated,
    counts,
    dates_other_event,
    event_verbs,
    gives_grain,
    gives_phase,
    has_type,
    kin_of,
    meeting_kinds,
    mentions,
    reports_origin,
    without_titles,
)
from qa.answering.premise import misdated, mistitled, reversed_premise
from qa.answering.publication import about_the_article
from qa.answering.quoting import citations_for, in_context, normalise_space, with_speaker
from qa.answering.restated import in_reader_language
from qa.answering.scoring import ordinal_ok, score
from qa.answering.selection import MIN_SCORE, select
from qa.answering.untyped import speaks_of_it_without
from qa.aspects import asks_source
from qa.config import Config
from qa.embedding import Embedder
from qa.glossary import Glossary
from qa.index import Store
from qa.language import conference_ordinals, person_names, tokenize, years, zh_person_names
from qa.query import Query
from qa.records import Passage
from qa.sentences import is_reference
from qa.thesaurus import Thesaurus

__all__ = ["Candidate", "Draft", "ExtractiveAnswerer", "citations_for", "normalise_space"]

# A word in at least this share of the passages is the archive's frame, not a name of one thing.
FRAME_SHARE = 0.5
# When the best sentence leaves a specific word of the question unaccounted for, the next ones
# (up to this many, scoring at least this share of the best) are tried before refusing. A
# record's title lines match any question about its event and fill the first places. Chosen on
# dev: (5, 0.8) → (8, 0.8), (12, 0.8), (8, 0.75), (8, 0.7): 461, 462, 462, 463, 463 of 526.
RECONSIDER, RECONSIDER_SHARE = 8, 0.75


@dataclass
class Draft:
    """What the answerer decided: sentences to say, or a refusal with its reason."""

    chosen: list[Candidate]
    refused: bool
    reason: str
    related: list[Candidate]
    # Refused because the question names what no article holds (a person, a year, a conference):
    # a comparison with such a side cannot be made at all.
    absent: bool = False


class ExtractiveAnswerer:
    def __init__(self, config: Config, embedder: Embedder, doc_freq: dict[str, int],
                 form_freq: dict[str, int], n_docs: int, articles: dict[str, dict],
                 store: Store | None = None, thesaurus: Thesaurus | None = None,
                 glossary: Glossary | None = None, keyword=None) -> None:
        self.config = config
        self.embedder = embedder
        self.store = store
        self.df = doc_freq  # chunks holding each search token of the index (Chinese words too)
        self.form_df = form_freq  # chunks holding each light-stemmed English word
        self.known_terms = doc_freq.keys()  # every search token in the index: names it never holds
        self.counts = ArchiveCounts(doc_freq, form_freq, n_docs)
        self.keyword = keyword  # for counts over the articles a question reached
        self.n_docs = n_docs
        self.articles = articles  # manifest facts per article: the conferences each one names
        self.thesaurus = thesaurus
        self.glossary = glossary  # Chinese words → English ones, for English-only passages
        # Words of at least half the passages: the archive's frame ("handicraft", "production"),
        # which names no one trade or body.
        self.frame = frozenset(w for w, df in form_freq.items() if df >= FRAME_SHARE * n_docs)

    def draft(self, query: Query, passages: list[Passage]) -> Draft:
        cands = candidates(passages)
        attach_leads(cands)
        if not cands:
            return Draft([], True, "no passage matches the question", [])
        if query.vector is None:
            query.vector = self.embedder.embed_query(query.text)
        score(query, cands, attach_vectors(cands, self.embedder, self.store), self.articles,
              self.glossary, self._language_gap(query), (self.df, self.n_docs))
        in_reader_language(query.lang, cands)
        anchor, in_span = prefer_span(query.text, cands)
        if anchor:
            # "four days after Zhu De's speech" dates what is asked: the answer need not name him.
            query.names = [n for n in query.names if n.split()[0] not in anchor]
        # What was done in that span is what is asked ("who spoke four days after Zhu De?"): a
        # close sentence dated in it comes before any undated one, however similar.
        first = {id(c) for c in in_span if c.score >= MIN_SCORE}
        ranked = sorted(cands, key=lambda c: (id(c) in first, c.score), reverse=True)
        related = best_per_passage(ranked, 3)
        # Asked when or on which page the article itself appeared, or where its text comes from.
        store = self.store
        lines = about_the_article(query.text, ranked, query.prefer, lambda a: store.article(a).text) \
            if store is not None else []
        if lines:
            return Draft(lines, False, "", related)

        unknown = refusal.unknown_name(query, self.known_terms) \
            or refusal.unknown_place(query, self.known_terms, self.glossary)
        before = (unknown and f"none of the articles mentions {unknown}") \
            or refusal.missing_years(query, passages) \
            or ("no article found concerns that conference" if query.ordinals and not any(
                ordinal_ok(query, c, self.articles) for c in cands) else "")
        if before:
            return Draft([], True, before, related, absent=True)

        # A why-question whose premise a close sentence states the other way round.
        opposite = reversed_premise(query, ranked, self.frame)
        if opposite is not None:
            return Draft([], True, "the closest passage says the opposite ([1])", [opposite] + [
                c for c in related if c is not opposite][:2])
        dated = misdated(query, ranked, self.frame)
        if dated is not None:
            return Draft([], True, f"the articles give those days in {dated[1]}, not another year ([1])",
                         [dated[0]] + [c for c in related if c is not dated[0]][:2])

        titled = mistitled(query, ranked)
        if titled is not None:
            return Draft([], True, f"the articles give {titled[1]} as {titled[2]}, not {titled[3]} ([1])",
                         [titled[0]] + [c for c in related if c is not titled[0]][:2])

        eligible = [c for c in ranked if self._satisfies(query, c)]
        # A question naming a conference is answered from the articles about it, when any was
        # found: a reason or figure from another conference's record would answer another event.
        if query.ordinals and any(ordinal_ok(query, c, self.articles) for c in cands):
            eligible = [c for c in eligible if ordinal_ok(query, c, self.articles)]
        # So is one naming one kind of meeting ("the urban handicraft symposium"): a sentence from
        # the record of another kind (a conference) answers for another event.
        # A meeting that only dates the question ("the spring after the Fifth conference") is not it.
        named = meeting_kinds(refusal.undated(query))
        if len(named) == 1 and not query.ordinals and not conference_ordinals(query.text):
            of_kind = [c for c in eligible if named & meeting_kinds(c.passage.chunk.title)]
            if of_kind and of_kind[0].score >= MIN_SCORE:
                eligible = of_kind
        # A follow-up is answered from the articles its conversation was using whenever they
        # hold a close answer ("谁当主任？" after a turn about the Fourth conference's committee).
        steered = [c for c in eligible if c.article_id in query.prefer]
        if steered and steered[0].score >= MIN_SCORE:
            eligible = steered
        if not eligible or eligible[0].score < MIN_SCORE:
            return Draft([], True, f"the closest passages give {_what(query)}", related)
        side, neighbours = refusal.wrong_side(query, eligible)
        if side:
            return Draft([], True, side, best_per_passage(neighbours, 3))
        # Asked the outcome (or the target) of a figure, the answer is a sentence giving that
        # side whenever one is close, not the best-scored sentence giving the other.
        if refusal.asks_side_of_figure(query):
            eligible = [c for c in eligible if refusal.fits_side(query, c)] or eligible
        # The same for a date asked of one side of an event (when it opened, when it closed): a
        # sentence dating something else (the report on it, a later instruction) does not answer.
        if query.phase and query.wants == "date":
            eligible = [c for c in eligible if gives_phase(query.phase, c.text)] or eligible
        place = refusal.no_place(query, eligible)
        if place:
            return Draft([], True, place, related)

        # The best sentence that speaks to every specific word of the question; a refusal only
        # when none of the close candidates does.
        first_reason = ""
        counts = None
        for start in eligible[:RECONSIDER]:
            if start.score < max(MIN_SCORE, RECONSIDER_SHARE * eligible[0].score):
                break
            counts = counts or counts_for(query.reached, self.keyword, self.counts, len(self.articles))
            chosen = select([start] + [c for c in eligible if c is not start],
                            self.config.max_answer_sentences)
            reason = persons.person_absent(query, chosen, self.glossary) \
                or persons.post_elsewhere(query, chosen) or persons.no_holder(query, chosen) \
                or persons.no_one_else(query, chosen) \
                or _word_reason(refusal.uncovered_word(query, chosen, counts, self.thesaurus, self.frame)) \
                or _word_reason(refusal.untranslated_word(query, chosen, counts, self.glossary)) \
                or _word_reason(refusal.unrelated_translation(query, chosen, self.glossary, self.thesaurus,
                                                              self.frame)) \
                or _word_reason(refusal.unstated_figure(query, chosen)) \
                or _word_reason(uncounted_act(query, chosen, self.form_df, self.thesaurus)) \
                or _word_reason(unstated_act(query, chosen, self.thesaurus)) \
                or _word_reason(unstated_statistic(query, chosen)) \
                or _word_reason(uncounted_population(query, chosen)) \
                or (UNSTATED_CONTENT if unstated_content(query, chosen, self.frame) else "")
            near = None if reason else speaks_of_it_without(query, chosen, ranked, self.thesaurus, self.frame)
            if near is not None:
                return Draft([], True, f"the closest passages give {_what(query)} ([1] speaks of it but "
                                       f"gives none)", [near] + [c for c in related if c is not near][:2])
            if not reason:
                return Draft(in_context(query, with_speaker(query, chosen, cands)), False, "", related)
            first_reason = first_reason or reason
        return Draft([], True, first_reason, related)

    @cached_property
    def _direction(self) -> np.ndarray | None:
        """Chinese minus English over aligned sentences of the index (read on first use)."""
        return self.store.language_direction() if self.store is not None else None

    def _language_gap(self, query: Query) -> float:
        return 0.0 if self._direction is None else float(query.vector @ self._direction)

    def _satisfies(self, query: Query, c: Candidate) -> bool:
        """A figure must be a figure of the thing counted; a figure or date asked for a named
        year must come from that year's passage; a place asked is named in the sentence itself."""
        typed = ("number", "date", "title", "place")
        if query.wants in typed and not has_type(query.wants, c.text, query.text):
            return False
        # "Who was the bureau's first director?" asks for a holder of a post: a sentence naming
        # no person and no post-holder does not answer it ("who convened it?" may be a body).
        if query.wants == "person" and _ROLE_ASKED.search(query.text) and c.lang == query.lang \
                and not has_type("person", f"{c.lead} {c.text} {c.context}"):
            return False
        # "Which Soviet expert gave a report?" is answered by a sentence calling someone that (an
        # adviser is an expert too): a sentence naming someone else answers about another person.
        role = _WHICH_ROLE.search(query.text) if query.lang == "en" else None
        if role and c.lang == "en" and not re.search(_called(role.group("role")), c.text + " " + c.context,
                                                      re.IGNORECASE):
            return False
        if names_no_issue(query.text, c.text):
            return False
        # A line citing the record's source says where it comes from, not what happened; its
        # author is no one the record speaks of. It answers only a question about the source.
        if is_reference(c.text) and not asks_source(query.text):
            return False
        # A named person's post ("他当时担任什么职务？", "what office did Liu hold?") is a post word
        # in a sentence naming him: one where he only speaks or attends gives none.
        if query.names and query.wants != "title" and persons.asks_post(query) and (
                not _POST_WORD.search(c.text) or not _names_asked_person(query, c, self.glossary)):
            return False
        # A date or place of someone's act, the body he served, his post or his words come from a
        # sentence that names him:
        # "During the meeting, Zhu De attended" has no date, and the closing date beside it is
        # not his; the meeting's agenda is not what he said. A title is his
        # when his name is in the same clause ("Zhu De attended; Yevseyev gave a report on
        # "..."" gives Yevseyev's title, not Zhu De's).
        if (query.wants in ("date", "body", "place") or _OF_PERSON.search(query.text)) and query.names \
                and not _names_asked_person(query, c, self.glossary):
            return False
        # What a named person said comes from a sentence where he speaks (a speech, a report,
        # points offered), not from a list of those who attended.
        if query.names and _WORDS_OF.search(query.text) and not (
                _names_asked_person(query, c, self.glossary)
                and _SPEAKS.search(c.text + " " + c.context + " " + c.lead)):
            return False
        if query.wants == "title" and query.names and c.lang == query.lang and not any(
                persons.names_in(n, clause) and has_type("title", clause)
                for clause in re.split(r"[;；]", c.text) for n in query.names):
            return False
        # A why-question is answered by a reason ("in order to supplement ...", "因为"): a sentence
        # that only restates the decision does not answer it, and may grant a false premise.
        if query.wants == "reason" and not has_type("reason", c.text + " " + c.context):
            return False
        # "In what month?" is not answered by a planning period, "on what date?" by a year alone;
        # the year may be in the sentence before, a length of time ("how long?") is in the one
        # saying what lasted.
        grain = asked_grain(query.text) if query.wants == "date" else None
        dated = c.text if grain == "span" else f"{c.text} {c.context}"
        if grain and not gives_grain(grain, dated, query.text):
            return False
        # Who first put something forward is not who adopted it: "who proposed the policy?" is
        # not answered by "Determined the policy ...", which names the decision.
        if query.wants in ("person", "body") and c.lang == query.lang and asks_who_originated(query.text) \
                and not reports_origin(c.text + " " + c.context):
            return False
        # A date asked of one kind of meeting (a symposium) is not one written of another kind (a
        # conference): it dates another event. A sentence naming no meeting ("Dates of Meeting:
        # ...") is of its article's.
        if query.wants == "date" and (asked := meeting_kinds(query.text)):
            named = meeting_kinds(c.text) or meeting_kinds(c.passage.chunk.title)
            if named and not asked & named:
                return False
        # "When was the federation founded?" is not answered by "the conference ... concluded on
        # the 28th": that date is the meeting's.
        acts = event_verbs(query.text) if query.wants == "date" and not query.phase else ()
        if acts and c.lang == query.lang and dates_other_event(
                acts, c.text, Coverage(without_titles(c.text + " " + c.context), self.thesaurus).accounts_for,
                bool(query.names) and _names_asked_person(query, c, self.glossary)):
            return False
        # "Of which organisation was he acting director?" is not answered by "Cheng Zihua, acting
        # director.", nor "which trades?" by a sentence on production at large: the sentence must
        # name a body (a trade) besides those the question names.
        if query.wants in ("body", "trade") and not has_type(query.wants, c.text, query.text, self.frame):
            return False
        if query.focus and c.lang == query.lang == "en" and not (
                mentions(c.text, query.focus) and counts(c.text, query.focus)):
            return False
        if query.focus and c.lang == query.lang == "zh" and query.focus not in c.text:
            return False
        # Across languages the counted noun is read through the dictionary (工资: wages, pay).
        if query.focus and query.lang == "zh" and c.lang == "en" and self.glossary is not None:
            gloss = self.glossary.english_terms
            # A compound is often translated part by part (工业品: "manufactured goods" in the
            # dictionary, "industrial products" in the record): its head is read as well.
            f = query.focus
            head = (gloss(f[-2:]) or gloss(f[-1:])) if len(f) > 2 else frozenset()
            rendered = gloss(f) | head or gloss(f[-2:])
            if rendered and not kin_of(rendered) & set(tokenize(c.text)):
                return False
        if query.years and query.wants in ("number", "date"):
            return bool(query.years & (years(c.text) | years(c.context) | c.passage.chunk.date_years))
        return True


# A question after what a named person said, and the words of a sentence in which one speaks.
_WORDS_OF = re.compile(r"\b[Ww]hat\s+(?:did|does|had)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:say|said|tell|"
                       r"propose|argue|stress|suggest|emphasi[sz]e|speak|talk)\b|说了什么|讲了什么|谈了什么|讲话(?:的)?内容"
                       # Whether he spoke at all ("Did Deng Zihui give a speech as well?") is answered
                       # by a sentence where he speaks too, not by the list of those who attended.
                       r"|\b[Dd]id\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:also\s+)?(?:give|deliver|make)\s+"
                       r"(?:a|an|any)\s+(?:speech|talk|report|address)\b")
_SPEAKS = re.compile(r"\b(?:said|says|speech|speeches|spoke|report(?:ed)?|point(?:s|ed out)|offered|stressed|"
                     r"emphasi[sz]ed|instructions?|proposed|suggested|argued|remarks?)\b|讲话|指出|指示|报告|提出|强调",
                     re.IGNORECASE)
# A question after the post a named person held, not after the event he was at.
_OF_PERSON = re.compile(r"\b(?:post|position|title|office|role)\b|职务|职位|担任", re.IGNORECASE)


def _names_asked_person(query: Query, c: Candidate, glossary: Glossary | None) -> bool:
    """The sentence names a person the question names: in the sentence, in its aligned
    translation, or, for a Chinese name in an English-only article, spelled in pinyin ("朱德" is
    "Zhu De"). A sentence where the name cannot be read must name someone at least."""
    text = c.text + " " + c.context + " " + c.lead
    # A name the question spells in Latin letters ("Liu Shaoqi担任什么职务？") is read as it is.
    if c.lang == query.lang or c.lang == "en" and all(n.isascii() for n in query.names):
        return any(persons.names_in(n, text) for n in query.names)
    if c.parallel is not None:
        return any(persons.names_in(n, c.parallel.quote) for n in query.names)
    spelled = [glossary.romanized(n) for n in query.names] if glossary is not None else []
    if any(spelled):
        # By any part, as an English name is read: the record's list of speeches has "Liu".
        return any(persons.names_in(s.title(), text) for forms in spelled for s in forms)
    return bool(person_names(text) or zh_person_names(text))


# The posts a sentence can give a person; not "delegates" or "members", which say he attended.
_POST_WORD = re.compile(r"\b(?:(?:vice|deputy)[\s-])?(?:director|chairman|minister|secretary|head|chief|"
                        r"president|premier|expert|adviser|advisor)s?\b|主任|主席|部长|局长|书记|专家|总理|"
                        r"常务委员|顾问", re.IGNORECASE)
# "Which (Soviet) expert", "which director": the post or calling of the person asked for.
# The role heads its phrase, a verb after it: "which specialist cadres" asks for cadres.
_AUX = r"(?:did|does|do|was|were|is|are|had|has|have|will|would|could|should)"
_WHICH_ROLE = re.compile(rf"\b(?:which|what)\s+(?:(?!{_AUX}\b)[A-Za-z-]+\s+)?(?P<role>experts?|advis[eo]rs?|"
                         rf"specialists?|directors?|chairm[ae]n|ministers?|secretar(?:y|ies))\b"
                         rf"(?=\s+(?:{_AUX}|gave|spoke|made|led|took|held|told|said|\w+ed)\b)", re.IGNORECASE)


def _called(role: str) -> str:
    """What a sentence may call the person a role asks for: its word in either number, and for an
    expert any word of that calling."""
    role = role.lower()
    if re.match(r"expert|advis|specialist", role):
        return r"\b(?:expert|advis[eo]r|specialist|consultant)"
    return r"\b" + re.sub(r"(?:ies|y|en|an|s)$", "", role)


_ROLE_ASKED = re.compile(r"\b(?:director|chairman|head|minister|secretary|chief|leader|president)\b|"
                         r"主任|主席|局长|部长|领导人|负责人", re.IGNORECASE)


def _what(query: Query) -> str:
    return {"number": "no figure for this", "date": "no date for this", "person": "no name for this",
            "place": "no place for this", "title": "no title for this",
            "body": "no organisation for this", "trade": "no trade for this",
            }.get(query.wants, "no answer to this")


UNSTATED_CONTENT = "the articles report that it was given, not what it said"


def _word_reason(word: str) -> str:
    return f"the passages that answer the rest of the question do not mention “{word}”" if word else ""
