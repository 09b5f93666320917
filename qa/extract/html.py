"""Saved web pages → the article's text and its metadata, through trafilatura (the page's
navigation, footers and comments are left out)."""

from __future__ import annotations

import re

from qa.corpus import UnreadableFile

# htmldate, which trafilatura asks for the date, ignores dates before 1995 unless told, and its
# "extensive search" takes any year on the page (a footer's "© 2024") for the article's date.
_DATES = {"min_date": "1600-01-01", "original_date": True, "extensive_search": False}


# What the fallback extractors find on a page with no article (a menu's "Home"), not an article.
MIN_FALLBACK_WORDS = 25


def extract(html: bytes | str, label: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    def run(**how) -> dict:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True, date_extraction_params=_DATES, **how)
        return doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})

    # Precise first: the article's own text. Only when that finds nothing, trafilatura's
    # fallbacks (readability, jusText), which also take what a page with no article holds.
    found = run(fast=True, favor_precision=True)
    if not (found.get("text") or "").strip():
        found = run()
        if len((found.get("text") or "").split()) < MIN_FALLBACK_WORDS:
            found = {}
    text = (found.get("text") or "").strip()
    if not text:
        raise UnreadableFile(f"{label}: no article text found in the web page")
    # trafilatura ends each paragraph with one newline; the sentence splitter and the chunker
    # read paragraphs as the seeds write them, parted by a blank line.
    text = re.sub(r"\n+", "\n\n", text)
    # The headline trafilatura repeats as the text's first line is the article's title, which
    # the header holds: in the body it would be quoted as if the article said it in a sentence.
    first, _, rest = text.partition("\n\n")
    if rest and found.get("title") and " ".join(first.split()) == " ".join(str(found["title"]).split()):
        text = rest
    meta = {k: str(found[src]).strip() for k, src in
            (("title", "title"), ("date", "date"), ("author", "author"), ("publication", "sitename"))
            if found.get(src)}
    return text, meta
