"""The meeting a sentence means by "the meeting".

A report names its meeting once, in its opening ("The Fourth National Handicraft Work Conference
concluded on January 5th"), and then says "the meeting" ("The meeting finally decided to establish
the Preparatory Committee"). Quoted alone, such a sentence does not answer "at which conference
was it decided …?": the article's sentence that names the meeting is quoted before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from qa.answering.candidates import Candidate, attach_vectors, candidates, overlaps
from qa.antecedents import ASKS_MEETING, find_conferences
from qa.aspects import asks_meeting
from qa.embedding import Embedder
from qa.index import Store
from qa.records import Passage

# The meeting referred to, not named: "the meeting", "the conference", "会议", "大会".
_BY_REFERENCE = re.compile(r"\b[Tt]he\s+(?:meeting|conference|symposium)\b|(?<![次届])(?:会议|大会)")


# A record's item with no subject ("- Determined the policy of …", "Decided to …"): the meeting
# the record is of is the one that acted.
_SUBJECTLESS_ACT = re.compile(r"^\s*(?:[-•*]\s*)?(?:Determined|Decided|Adopted|Approved|Passed|Resolved|"
                              r"Proposed|Discussed|Studied|Reviewed|Summarized|Called for|Put forward|"
                              r"Pointed out)\b")
# Asked to name the meeting besides what it did: "Name the policy and the conference that
# determined it." Kept here, not in `asks_meeting`: there the meeting is the thing asked and
# sentences are scored for it; here it is only named beside the answer.
_NAME_IT = re.compile(r"\b(?:name|identify|give|state)\b[^?.]{0,60}?\bthe\s+(?:[\w-]+\s+){0,2}?"
                      r"(?:conference|meeting|symposium)s?\s+(?:that|which|where|at which)\b", re.IGNORECASE)


def refers_to_meeting(text: str) -> bool:
    return bool(_BY_REFERENCE.search(text))


def names_a_meeting(text: str) -> bool:
    return bool(find_conferences(text))


def _means_unnamed_meeting(text: str) -> bool:
    """The sentence speaks of its meeting ("the meeting", or a subjectless record item) without
    naming it."""
    return (refers_to_meeting(text) or bool(_SUBJECTLESS_ACT.match(text))) and not names_a_meeting(text)


def name_the_meeting(question: str, chosen: list[Candidate],
                     opening: Callable[[str, str], Passage | None],
                     embedder: Embedder, store: Store | None) -> Candidate | None:
    """When the question asks which meeting and an answer sentence only refers to "the meeting",
    the sentence of its article's opening that names it is put before it in `chosen` (and
    returned)."""
    if not ASKS_MEETING.search(question) and not asks_meeting(question) and not _NAME_IT.search(question):
        return None
    at = next((i for i, c in enumerate(chosen) if _means_unnamed_meeting(c.text)), None)
    if at is None:
        return None
    referring = chosen[at]
    # Chosen already, after sentences that only say "the meeting": the name asked comes first.
    later = next((c for c in chosen[at + 1:]
                  if names_a_meeting(c.text) and c.article_id == referring.article_id), None)
    if later is not None:
        chosen.remove(later)
        chosen.insert(at, later)
        return later
    passage = opening(referring.article_id, referring.lang)
    if passage is None:
        return None
    before = [c for c in candidates([passage]) if c.lang == referring.lang and c.start < referring.start]
    named = next((c for c in before if names_a_meeting(c.text)), None)
    if named is None or any(overlaps(named, c) for c in chosen):
        return None
    attach_vectors([named], embedder, store)  # its parallel passage, as for any quoted sentence
    named.names_meeting = True
    chosen.insert(at, named)
    return named
