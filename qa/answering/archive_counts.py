"""How many chunks hold a word: in the whole archive, or in the part of it a question reached.

The premise check asks whether a question's specific word, missing from the answer's passages,
is something the archive speaks of elsewhere: then the question is about something else. "Rare"
and "elsewhere" are relative to the articles the question is among. In five articles on one
subject, that is the whole archive. In ten thousand on every subject, nearly every word is held
somewhere (a dictionary defines "characterise"), and a word that frames the subject
("cooperativization") is rare among them all: counted over the whole archive, ordinary words of a
question became reasons to refuse it. Counted over the articles its retrieval reached, a word
weighs in a large archive as it does in a small one. (A word that only an unrelated article
holds still counts when the question's own word reaches that article: the keyword search finds
a rare word wherever it is.)
"""

from __future__ import annotations

import numpy as np

from qa.language import light_stem

# A word in at most this share of the chunks counted names something specific to a few passages.
RARE_SHARE = 0.04


class ArchiveCounts:
    """Counts over the whole archive, as the keyword index holds them."""

    def __init__(self, doc_freq: dict[str, int], form_freq: dict[str, int], n_docs: int) -> None:
        self._df, self._forms, self.n = doc_freq, form_freq, n_docs

    @property
    def rare_df(self) -> int:
        return max(2, int(RARE_SHARE * self.n))

    def token_df(self, token: str) -> int:
        """Chunks holding a search token (a Chinese word as jieba cuts it)."""
        return self._df.get(token, 0)

    def form_df(self, word: str) -> int:
        """Chunks holding an English word in any of its light-stemmed forms."""
        return self._forms.get(light_stem(word), 0)


class ReachedCounts(ArchiveCounts):
    """Counts over the chunks of the articles a question's retrieval reached."""

    def __init__(self, keyword, articles: frozenset[str]) -> None:
        self._keyword = keyword
        self._rows = np.flatnonzero(np.isin(keyword.article_ids(), sorted(articles)))
        self.n = len(self._rows)

    def token_df(self, token: str) -> int:
        return int(np.isin(self._keyword.chunks_with(token), self._rows).sum())

    def form_df(self, word: str) -> int:
        stem = light_stem(word)
        return sum(stem in self._keyword.forms_of(int(i)) for i in self._rows)


def counts_for(reached: frozenset[str], keyword, whole: ArchiveCounts, articles: int) -> ArchiveCounts:
    """The reached articles' counts; the whole archive's (of `articles` articles) when retrieval
    said nothing of what it reached, or reached every article."""
    if keyword is None or not reached or len(reached) >= articles:
        return whole
    return ReachedCounts(keyword, reached)
