"""Citations → where they are printed: the page of a PDF or scan a quote begins on, and how sure
OCR was of the quoted words. Text files have no pages; their citations say none."""

from __future__ import annotations

from qa.extract.layout import mean_confidence, page_at
from qa.index import Store
from qa.records import Citation


def locate(citations: list[Citation], store: Store) -> None:
    for c in citations:
        if c.source not in store.manifest.articles:
            continue
        pages = store.pages(c.source)
        if not pages:
            continue
        page = page_at(pages, c.start, c.end)
        c.page = page.number if page else None
        c.ocr_confidence = mean_confidence(pages, c.start, c.end)
        if c.parallel is not None:
            other = page_at(pages, c.parallel.start, c.parallel.end)
            c.parallel.page = other.number if other else None
