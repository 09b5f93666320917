"""Fuzzing, bounded for CI: odd file bytes and odd questions never give a traceback, an invalid
quote, or a citation marker without its citation. QA_FUZZ_LONG=1 runs twenty times as many."""

import os
import random
import re

import pytest

from qa.corpus import UnreadableFile, parse_article
from qa.errors import QAError

SCALE = 20 if os.environ.get("QA_FUZZ_LONG") else 1
PIECES = ["Title: ", "Date: ", "1955-02-30", "\r", "\n", "\r\n", "Original:", "<hr />", "\ufeff", "\x00",
          "合作社", "社员", "。", "；", "; ", "- ", "Dates of Meeting:\n\n", "1953-11-20 -- 1953-12-17",
          "Type of Meeting:\n\n", "### ", "cooperative", " ", "1954", "<script>", "\u200b", "é"]


def _random_text(rng: random.Random) -> bytes:
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
    kind = rng.random()
    if kind < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    if kind < 0.2:
        return text.encode("utf-16")
    if kind < 0.25:
        return text.encode("utf-16-le")  # no byte-order mark
    return text.encode("utf-8", "surrogatepass")


def test_odd_file_bytes_are_read_or_refused_with_a_reason():
    rng = random.Random(13)
    for _ in range(300 * SCALE):
        data = _random_text(rng)
        try:
            a = parse_article("f.txt", "/x/f.txt", data)
        except UnreadableFile as e:
            assert str(e).startswith("f.txt: ") and "\n" not in str(e)
            continue
        assert a.text.strip() and "\r" not in a.text.replace("\r\n", "")
        for sec in a.sections:
            assert 0 <= sec.start < sec.end <= len(a.text)
        assert a.date is None or re.fullmatch(r"\d{4}-\d\d-\d\d", a.date)


QUESTION_PIECES = ["How many", "members", "1954", "?", "？", "第三次", "会议", "-", "--json", "Liu Shaoqi",
                   "and in 1955", " ", "'", '"', "<b>", "\\", "%", "$", "…", "\t", "who", "the Sixth",
                   "合作社", "1", "[1]", "did it close", "社员有多少人"]


@pytest.mark.parametrize("seed", [1, 2])
def test_odd_questions_get_an_answer_with_valid_quotes_or_a_one_line_error(pipeline, seed_text, seed):
    rng = random.Random(seed)
    for _ in range(40 * SCALE):
        q = "".join(rng.choice(QUESTION_PIECES) for _ in range(rng.randint(0, 8)))
        try:
            a = pipeline.ask(q)
        except QAError as e:
            assert "\n" not in str(e)
            continue
        marks = {int(n) for n in re.findall(r"\[(\d+)\]", a.answer)}
        numbers = {c.n for c in a.citations}
        assert marks <= numbers, (q, a.answer)
        for c in a.citations:
            assert seed_text[c.source][c.start:c.end] == c.quote, q
            if c.parallel is not None:
                assert seed_text[c.source][c.parallel.start:c.parallel.end] == c.parallel.quote
        spans = [(c.source, c.start, c.end) for c in a.citations if not a.refused]
        for i, (s, a0, a1) in enumerate(spans):
            assert not any(s == t and a0 < b1 and b0 < a1 for t, b0, b1 in spans[i + 1:]), q
