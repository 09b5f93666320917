"""Selection: which of the ranked sentences make the answer."""

from __future__ import annotations

import re

from qa.answering.candidates import HEADING_GAP, HEADING_ITEM, Candidate, follows, overlaps, same_text

# Below this a best sentence does not answer; the closest passages become related reading.
MIN_SCORE = 0.34
# A sentence joins the best one when it scores this share of it (more readily when it directly
# follows it and so finishes its thought).
COMPANION_SHARE, FOLLOWER_SHARE = 0.85, 0.75
# A list item scoring at least this share of its list's opening answers in its place (chosen on dev).
POINT_SHARE = 0.95
# A sentence going on about the same things as the one before it ("They were given …").
_GOES_ON = re.compile(r"\s*(?:they|these|those|at the same time|in addition|moreover|furthermore|also)\b"
                      r"|\s*(?:同时|此外|另外|他们|这些)", re.IGNORECASE)
_ANNOUNCES = re.compile(r"[:：]\s*[(（]1[)）]")  # "… offered several points: (1) …"
# A sentence opening the next item of a list ("(5) Manufacture …", "（二）") starts a new thought.
_NEW_ITEM = re.compile(r"\s*(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[)）]|\d{1,2}[.、]\s"
                       r"|[一二三四五六七八九十]{1,2}、)")


def select(eligible: list[Candidate], max_sentences: int) -> list[Candidate]:
    """The answer's sentences: the best one, the sentence finishing its thought, and companions
    scoring nearly as well, up to `max_sentences`."""
    best = eligible[0]
    # A list's opening ("Liu Shaoqi offered several points: (1) …") announces points; a point
    # of it scoring nearly as well is the answer, and the opening says whose it is.
    point = next((c for c in eligible[1:] if c.lead and c.lead == best.text
                  and _ANNOUNCES.search(best.text) and c.score >= POINT_SHARE * best.score), None)
    if point is not None:
        return _under_headings([point, best], eligible)
    chosen = [best]
    # The sentence finishing the best one's thought takes the first place beside it, before
    # companions from elsewhere fill the answer.
    after = [c for c in eligible[1:] if follows(c, best) and not _NEW_ITEM.match(c.text)]
    for c in after + [c for c in eligible[1:] if c not in after]:
        if len(chosen) >= max_sentences:
            break
        # The sentence right after the best one often finishes its thought ("Liu Shaoqi offered
        # several points: (1) ..." → "Nationalizing ... is a matter of principle"); one that
        # goes on about the same things ("They were given …", "At the same time …") right after
        # a sentence already quoted does too.
        bar = FOLLOWER_SHARE if follows(c, best) else COMPANION_SHARE
        if _GOES_ON.match(c.text) and any(follows(c, o) for o in chosen):
            bar = 0.0
        if c.score < max(MIN_SCORE, bar * best.score) or c.lang != best.lang:
            continue
        if any(overlaps(c, o) or same_text(c, o) for o in chosen):
            continue
        chosen.append(c)
    return _under_headings(chosen, eligible)


def _under_headings(chosen: list[Candidate], eligible: list[Candidate]) -> list[Candidate]:
    """An item that only names its topic ("(2) On the form of production organization.") is
    answered by the sentence under it, though that opens a paragraph of its own: it is quoted
    next."""
    out = []
    for c in chosen:
        out.append(c)
        if not HEADING_ITEM.match(c.text):
            continue
        under = sorted((e for e in eligible if e.article_id == c.article_id and e.lang == c.lang
                        and 0 <= e.start - c.end <= HEADING_GAP), key=lambda e: e.start)
        if under and not any(overlaps(under[0], o) for o in chosen):
            out.append(under[0])
    return out
