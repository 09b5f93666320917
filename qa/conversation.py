"""Follow-up questions in a conversation, made stand-alone.

Without a language model: "And in 1955?" after "How many members did the cooperatives have in
1954?" becomes the earlier question with the year replaced; "What about the Fifth conference?"
replaces the conference. With one, the model rewrites the follow-up from the history (llama-index's
condense-question prompt), and the rewrite is kept only if it invents no year or number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.language import conference_ordinals, years, zh_years_to_arabic

_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|what about|how about|what of|and what about|and how about|same for|"
    r"then|那么|那|还有|而|再问)\b", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:and what about|and how about|what about|how about|what of|and|same for|"
                   r"but|also|then|那么|那|还有|而)\s*", re.IGNORECASE)
_REFERS = re.compile(r"\b(it|its|they|them|their|that|this|those|these|he|she|his|her)\b|它|他们|她|他|这|那",
                     re.IGNORECASE)
_OWN_QUESTION = re.compile(r"^\s*(who|whom|whose|what|when|where|why|how|which|did|does|do|was|were|is|"
                           r"are|can|could|list|name|describe|explain)\b", re.IGNORECASE)
_EN_ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
           "tenth")
_EN_ORD_NUM = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")
_ZH_ORD = "一二三四五六七八九十"


@dataclass
class Conversation:
    history: list[str] = field(default_factory=list)  # stand-alone questions, oldest first

    def resolve(self, question: str, llm=None) -> str:
        """The stand-alone form of `question`, remembered for the next turn. The model (a
        llama-index LLM) is passed per call, not kept: a conversation is copied per session."""
        q = question.strip()
        standalone = (self._condense(q, llm) if llm is not None else None) or self._rewrite(q)
        self.history.append(standalone)
        return standalone

    def _condense(self, q: str, llm) -> str | None:
        if not self.history or not (_is_follow_up(q) or _REFERS.search(q)):
            return None
        from llama_index.core.chat_engine.condense_question import DEFAULT_TEMPLATE

        history = "\n".join(f"Human: {h}" for h in self.history[-4:])
        try:
            text = llm.complete(DEFAULT_TEMPLATE.format(chat_history=history, question=q)).text
        except Exception:  # a failing model leaves the heuristic to do the work
            return None
        lines = text.strip().strip('"“”').splitlines()
        out = lines[0].strip() if lines else ""
        known = years(q) | {y for h in self.history for y in years(h)}
        numbers = set(re.findall(r"\d[\d,.]*", zh_years_to_arabic(out)))
        allowed = set(re.findall(r"\d[\d,.]*", zh_years_to_arabic(" ".join([q, *self.history]))))
        if not out or len(out) > 400 or not years(out) <= known or not numbers <= allowed:
            return None
        return out

    def _rewrite(self, q: str) -> str:
        if not self.history or not _is_follow_up(q):
            return q
        prev = self.history[-1]
        new_years, new_ords = years(q), conference_ordinals(_as_conference(q))
        out = prev
        if new_years:
            old = years(prev)
            if old:
                for y in old:
                    out = zh_years_to_arabic(out).replace(y, sorted(new_years)[0])
            else:
                out = out.rstrip("?？ ") + f" in {' and '.join(sorted(new_years))}?"
        if new_ords:
            n = sorted(new_ords)[0]
            out = _replace_ordinal(out, n)
        if new_years or new_ords:
            return out
        rest = _LEAD.sub("", q).strip(" ?？")
        return f"{prev.rstrip('?？ ')}: {rest}?" if rest else prev


def _is_follow_up(q: str) -> bool:
    if _FOLLOW_UP.search(q):
        return True
    # A fragment ("In 1955?", "第五次呢？") leans on the previous turn; a short question with its
    # own question word ("Who attended the Third conference?") stands alone.
    if re.search(r"[\u4e00-\u9fff]", q):
        fragment = len(q) <= 12 and q.rstrip("？?").endswith("呢")
    else:
        fragment = len(q.split()) <= 5 and not _OWN_QUESTION.match(q)
    return fragment and bool(years(q) or conference_ordinals(_as_conference(q)))


def _as_conference(q: str) -> str:
    return re.sub(r"\b(one)\b", "conference", q, flags=re.IGNORECASE) + " conference"


def _replace_ordinal(text: str, n: int) -> str:
    def en(m: re.Match) -> str:
        word = m.group(0)
        new = _EN_ORD[n - 1] if word.lower() in _EN_ORD else _EN_ORD_NUM[n - 1]
        return new.capitalize() if word[0].isupper() else new

    pattern = r"\b(" + "|".join(_EN_ORD + _EN_ORD_NUM) + r")\b(?!\s+five-year)"
    text = re.sub(pattern, en, text, count=1, flags=re.IGNORECASE)
    return re.sub(r"第[一二三四五六七八九十]次", f"第{_ZH_ORD[n - 1]}次", text, count=1)
