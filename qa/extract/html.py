"""Saved web pages → the article's text and its metadata, through trafilatura (the page's
navigation, footers and comments are left out)."""

from __future__ import annotations

import re

from qa.corpus import UnreadableFile

# htmldate, which trafilatura asks for the date, ignores dates before 1995 unless told, and its
# "extensive search" takes any year on the page (a footer's "© 2024") for the article's date.
_DATES = {"min_date": "1600-01-01", "original_date": True, "extensive_search": False}


def extract(html: str, label: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, date_extraction_params=_DATES)
    found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (found.get("text") or "").strip()
    if not text:
        raise UnreadableFile(f"{label}: no article text found in the web page")
    # trafilatura ends each paragraph with one newline; the sentence splitter and the chunker
    # read paragraphs as the seeds write them, parted by a blank line.
    text = re.sub(r"\n+", "\n\n", text)
    meta = {k: str(found[src]).strip() for k, src in
            (("title", "title"), ("date", "date"), ("author", "author"), ("publication", "sitename"))
            if found.get(src)}
    return text, meta
