"""British and American spellings read as one word: "labour" is "labor", "organisation"
"organization", "centre" "center", "analyse" "analyze", "programme" "program".

An archive written in one (a British newspaper, an American translation) is asked in the other.
Each word is mapped to one form on both sides of every comparison (the keyword index and the
question, a sentence and the question), so a word the rules map that has no other spelling
("devour" → "devor") is changed on both sides alike and still matches only itself.
"""

from __future__ import annotations

import re

# Endings after a stem of at least three letters, so that "hour", "four", "tour", "rise" and
# "wise" are left alone.
_RULES = [
    (re.compile(r"^([a-z]{3,})our(s|ed|ing|er|ers|ite|ites|able|ful|less)?$"), r"\1or\2"),
    (re.compile(r"^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$"), r"\1iz\2"),
    (re.compile(r"^([a-z]{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^([a-z]{3,})tre(s|d)?$"), r"\1ter\2"),
    (re.compile(r"^programme(s|d)?$"), r"program\1"),
]


def one_spelling(word: str) -> str:
    """The form both spellings of a lower-case English word are read as."""
    for pattern, repl in _RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word
