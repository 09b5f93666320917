"""Generative answers: a language model writes from numbered passages, and every sentence it writes
reaches the reader only if the support checker accepts it against the passages it cites.

Small models invent numbers and dates; nothing here trusts them. A sentence with no citation, a
citation to a passage that was not given, or a number, date or name its passages do not hold is
dropped, and the verdict says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from qa.grounding import SupportChecker
from qa.records import Citation, Passage, Verdict
from qa.sentences import split_sentences

SYSTEM_EN = (
    "You answer questions about historical newspaper articles using ONLY the numbered passages given. "
    "End every sentence with the number of the passage it comes from in square brackets, like [2]. "
    "Copy numbers, dates and names exactly as the passages write them. If the passages do not contain "
    "the answer, say: \"The passages do not say.\" Answer in English, in one to three sentences.\n"
    "Example: \"The conference closed on March 3, 1954 [2]. It set a target of 40,000 members [1].\""
)
SYSTEM_ZH = (
    "你只根据下面编号的段落回答关于历史报刊文章的问题。每句话末尾用方括号标出它依据的段落编号，例如[2]。"
    "数字、日期和人名必须照段落原文写。如果段落中没有答案，就说：“这些段落没有说。”用中文回答，一到三句话。\n"
    "例如：“会议在三月三日闭幕[2]。会议提出社员要发展到四万人[1]。”"
)
_MARKER = re.compile(r"[\[【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]")
_DECLINE = re.compile(r"passages do not say|do not contain|not mentioned|no information|段落没有|没有提到"
                      r"|没有说", re.IGNORECASE)


def build_messages(question: str, lang: str, passages: list[Passage]):
    from llama_index.core.llms import ChatMessage

    blocks = []
    for i, p in enumerate(passages, 1):
        ch = p.chunk
        blocks.append(f"[{i}] {ch.title} ({ch.date or 'undated'})\n{' '.join(ch.text.split())}")
    user = "Passages:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}"
    user += "\n\n" + ("请回答，每句话末尾用方括号标出段落编号。" if lang == "zh" else
                      "Answer the question, ending every sentence with its passage number in square "
                      "brackets.")
    return [ChatMessage(role="system", content=SYSTEM_ZH if lang == "zh" else SYSTEM_EN),
            ChatMessage(role="user", content=user)]


@dataclass
class Checked:
    """A generated answer after verification."""

    text: str  # the kept sentences, renumbered
    citations: list[Citation]
    verdicts: list[Verdict]
    declined: bool  # the model said the passages do not hold the answer


def statements(text: str) -> list[tuple[str, list[int]]]:
    """The generated text as sentences, each with the passage numbers it cites. A marker right
    after a sentence end belongs to that sentence."""
    text = text.strip()
    # "… 1955. [2] Next" → keep "[2]" with the sentence before it.
    text = re.sub(r"([.!?。！？])\s*((?:[\[【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]】]\s*)+)", r" \2\1 ", text)
    out: list[tuple[str, list[int]]] = []
    paragraph: list[int] = []  # indexes in out of the current paragraph's sentences
    prev_end = 0
    for s, e in split_sentences(text):
        if "\n\n" in text[prev_end:s]:
            paragraph = []
        prev_end = e
        sent = text[s:e].strip()
        nums = [int(n) for group in _MARKER.findall(sent) for n in re.split(r"[,，、]", group)]
        clean = " ".join(_MARKER.sub(" ", sent).split())
        clean = re.sub(r"\s+([.,;:!?。，；：！？])", r"\1", clean)
        if not re.search(r"\w", clean):
            continue
        nums = list(dict.fromkeys(nums))
        if nums:
            # Models often cite once at the end of a run of sentences: the uncited sentences
            # before it in the paragraph take that citation (and are checked against it).
            for i in paragraph:
                if not out[i][1]:
                    out[i] = (out[i][0], nums)
        paragraph.append(len(out))
        out.append((clean, nums))
    return out


class Verifier:
    def __init__(self, checker: SupportChecker) -> None:
        self.checker = checker

    def check(self, text: str, passages: list[Passage], lang: str) -> Checked:
        verdicts: list[Verdict] = []
        kept: list[tuple[str, list[Citation]]] = []
        quotes: dict[tuple[str, int, int], Citation] = {}
        for sentence, nums in statements(text):
            bad = [n for n in nums if not 1 <= n <= len(passages)]
            if not nums:
                verdicts.append(Verdict(sentence, nums, False, "no citation"))
                continue
            if bad:
                missing = ", ".join(f"[{n}]" for n in bad)
                why = f"cites passage {missing}, which was not given"
                verdicts.append(Verdict(sentence, nums, False, why))
                continue
            cited = [passages[n - 1] for n in nums]
            support = self.checker.check(sentence, "\n".join(p.chunk.text for p in cited))
            if not support.supported:
                verdicts.append(Verdict(sentence, nums, False, support.reason))
                continue
            cites = []
            for p in cited:
                c = _quote(p, support.window, lang)
                cites.append(quotes.setdefault((c.source, c.start, c.end), c))
            verdicts.append(Verdict(sentence, nums, True, support.reason))
            kept.append((sentence, cites))
        # Number citations in order of first use.
        order: dict[tuple[str, int, int], int] = {}
        for _, cites in kept:
            for c in cites:
                order.setdefault((c.source, c.start, c.end), len(order) + 1)
        citations = []
        for key, n in order.items():
            c = quotes[key]
            citations.append(Citation(n, c.source, c.title, c.date, c.quote, c.start, c.end, c.lang))
        sep = "" if lang == "zh" else " "
        parts = []
        for sentence, cites in kept:
            marks = "".join(f"[{order[(c.source, c.start, c.end)]}]" for c in cites)
            parts.append(f"{sentence} {marks}")
        declined = not kept and bool(_DECLINE.search(text))
        return Checked(sep.join(parts), citations, verdicts, declined)


def _quote(p: Passage, window: str, lang: str) -> Citation:
    """The exact span of the passage that supports the sentence: the checker's window when it lies
    in this chunk, else the whole chunk."""
    ch = p.chunk
    pos = ch.text.find(window) if window else -1
    if pos >= 0:
        start, text = ch.start + pos, window
    else:
        start, text = ch.start, ch.text
    return Citation(0, ch.article_id, ch.title, ch.date, text, start, start + len(text), ch.lang)


def stream_text(llm, messages) -> Iterator[str]:
    """The model's answer, delta by delta."""
    for chunk in llm.stream_chat(messages):
        delta = chunk.delta or ""
        if delta:
            yield delta
