"""A sentence announcing a list ("the following three forms … are appropriate.") is answered with
the list's items, found paragraphs after it."""

from __future__ import annotations

import pytest

from qa.answering.candidates import Candidate
from qa.answering.listing import ANNOUNCES, announced_count, list_items
from qa.records import Chunk, Passage


def _passage(text: str, start: int = 0) -> Passage:
    chunk = Chunk(id="c", article_id="a", title="t", date=None, date_end=None, lang="en", start=start,
                  end=start + len(text), text=text, ordinal=0)
    return Passage(chunk=chunk, score=0.0, rank=0)


def _sentence(text: str, start: int = 0) -> Candidate:
    return Candidate(_passage(text, start), start, start + len(text), text)


@pytest.mark.parametrize("text, count", [
    ("Based on experience, the following three forms of organizing are appropriate.", 3),
    ("To run a cooperative well, the following principles must be observed:", None),
    ("合作的形式有以下三种：", 3),
])
def test_an_announcement_and_its_count(text, count):
    assert ANNOUNCES.search(text)
    assert announced_count(text) == count


@pytest.mark.parametrize("text", [
    "The reform was fully introduced following the third national conference held in 1953.",
    "The following year the federation was founded, and it met in Beijing.",
])
def test_following_as_a_preposition_announces_nothing(text):
    assert not ANNOUNCES.search(text)


def test_the_items_are_the_numbered_openings_in_order_up_to_the_count():
    head = _sentence("The following two forms are appropriate.")
    body = ("\n\n(1) Groups are the low form. They buy together.\n\nIn addition, some groups share tools."
            "\n\n(2) Cooperatives are the high form. They own their tools.\n\n(3) Not a form at all.")
    items = list_items(head, [_passage(body, head.end)])
    assert [c.text for c in items] == ["(1) Groups are the low form.", "(2) Cooperatives are the high form."]


def test_no_item_one_no_list():
    head = _sentence("The following forms are appropriate.")
    assert list_items(head, [_passage("\n\n(2) Cooperatives are the high form.", head.end)]) == []


def test_the_forms_a_report_lists_are_quoted_item_by_item(pipeline, seed_text):
    a = pipeline.ask("What three forms of handicraft cooperation did the Third National Conference identify?")
    assert not a.refused
    quotes = [c.quote for c in a.citations]
    assert "the following three forms" in quotes[0]
    assert [q[:3] for q in quotes[1:4]] == ["(1)", "(2)", "(3)"]
    assert "production group" in quotes[1] and "supply and marketing production cooperatives" in quotes[2]
    for c in a.citations:
        assert seed_text[c.source][c.start:c.end] == c.quote
