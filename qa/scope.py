"""Which articles a question (or a search) may use: chosen by id, by language, by publication.

A scope is resolved against the manifest into a set of article ids, which retrieval already
filters by; the date range stays the separate since/until filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from qa.errors import QAError

# What a reader may type for a language, mapped to the codes articles carry.
LANGUAGES = {"en": "en", "english": "en", "英文": "en", "英语": "en",
             "zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh"}
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}


@dataclass(frozen=True)
class Scope:
    sources: frozenset[str] = frozenset()  # article ids; none: every article
    languages: frozenset[str] = frozenset()  # "en", "zh": articles with text in any of them
    publications: frozenset[str] = frozenset()  # as the articles name them (any case)

    @classmethod
    def of(cls, sources: Iterable[str] = (), languages: Iterable[str] = (),
           publications: Iterable[str] = ()) -> Scope:
        """From what a reader typed: blanks dropped, a language named in words accepted."""
        return cls(sources=_clean(sources), languages=frozenset(language_code(x) for x in _clean(languages)),
                   publications=_clean(publications))

    def __bool__(self) -> bool:
        return bool(self.sources or self.languages or self.publications)

    def resolve(self, articles: Mapping[str, dict], publication_of: Callable[[str], str | None]
                ) -> frozenset[str]:
        """The ids of the articles in scope; empty when the scope is every article. A scope that
        leaves no article is an error: a question asked of nothing would only be refused."""
        unknown = sorted(self.sources - set(articles))
        if unknown:
            raise QAError(f"no article {unknown[0]!r} in the index (see `qa info --articles` or the "
                          f"Library for article ids)")
        if not (self.languages or self.publications):
            return self.sources
        wanted = {p.casefold() for p in self.publications}
        kept = frozenset(
            a for a, entry in articles.items()
            if (not self.sources or a in self.sources)
            and (not self.languages or self.languages & set(entry.get("languages", ())))
            and (not wanted or (publication_of(a) or "").casefold() in wanted))
        if not kept:
            raise QAError(f"no article in the index is {self.describe()}")
        return kept if kept != frozenset(articles) else frozenset()

    def describe(self) -> str:
        """The filters in words, for an error or a notice: "in Chinese, from People's Daily"."""
        said = []
        if self.sources:
            said.append(f"among the {len(self.sources)} chosen" if len(self.sources) > 1
                        else f"the one chosen ({next(iter(self.sources))})")
        if self.languages:
            said.append("in " + " or ".join(LANGUAGE_NAMES[x] for x in sorted(self.languages)))
        if self.publications:
            said.append("from " + " or ".join(sorted(self.publications)))
        return ", ".join(said)


def language_code(name: str) -> str:
    code = LANGUAGES.get(name.strip().casefold())
    if code is None:
        raise QAError(f"unknown language {name!r}: use en (English) or zh (Chinese)")
    return code


def publications(articles: Mapping[str, dict], publication_of: Callable[[str], str | None]) -> list[str]:
    """Every publication the articles name, once each (the first spelling met), sorted."""
    seen: dict[str, str] = {}
    for a in articles:
        if p := publication_of(a):
            seen.setdefault(p.casefold(), p)
    return sorted(seen.values(), key=str.casefold)


def _clean(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip() for v in values if v and v.strip())
