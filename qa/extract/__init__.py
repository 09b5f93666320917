"""Files → one canonical text per article, whatever the file's format.

Text files are read as they are. PDFs, web pages, Word files and scanned pages are extracted
(qa.extract.pdf, .html, .docx, .ocr) into a text that begins with a header of what is known of the
article (Title:, Date:, Publication:, Author:, Page:, as the seeds write it), in this order of
trust: the folder's metadata table (qa.extract.metadata), the file's own properties, then the
text itself. That text is stored with the index and is what chunks, offsets and quotes refer to;
the pages (where each lies in the text, and its words' boxes) are stored beside it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from qa.corpus import TEXT_SUFFIXES, UnreadableFile, decode, parse_article, read_bounded
from qa.extract.layout import Paragraph, TextBuilder, dump_paragraphs, load_paragraphs, runs_on
from qa.extract.metadata import Metadata
from qa.records import Article, Page

PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm"}
DOCX_SUFFIXES = {".docx"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | IMAGE_SUFFIXES
# A scan or a long PDF is far larger than its text: the limit on text files, many times over.
DOCUMENT_BYTES_FACTOR = 25
# An image smaller than this on its shorter side cannot hold a readable printed page.
MIN_PAGE_PIXELS = 300
_HEADER_ORDER = (("title", "Title"), ("date", "Date"), ("publication", "Publication"),
                 ("author", "Author"), ("page", "Page"))
_LANGS = {"en": "eng", "eng": "eng", "english": "eng", "zh": "chi_sim+chi_tra", "chi": "chi_sim+chi_tra",
          "chinese": "chi_sim+chi_tra", "zh-hans": "chi_sim", "chi_sim": "chi_sim",
          "zh-hant": "chi_tra", "chi_tra": "chi_tra"}


def describe() -> str:
    return ", ".join(sorted(SUFFIXES))


class Extractor:
    """Reads files of every supported format into Articles. `ocr_langs`: Tesseract's languages
    for scans whose metadata names none; `cache_dir`: where OCR'd pages are kept while a long
    file is read, so an interrupted ingest resumes where it stopped."""

    def __init__(self, ocr_langs: str = "eng+chi_sim", cache_dir: Path | None = None,
                 max_bytes: int = 20_000_000, progress: Callable[[str], None] | None = None) -> None:
        self.ocr_langs = ocr_langs
        self.cache_dir = cache_dir
        self.max_bytes = max_bytes
        self.metadata = Metadata()
        self.progress = progress

    def read(self, path: Path) -> Article:
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise UnreadableFile(f"{path}: not a file type that can be read (one of {describe()})")
        row = self.metadata.row(path)
        limit = self.max_bytes * (1 if suffix in TEXT_SUFFIXES else DOCUMENT_BYTES_FACTOR)
        data = read_bounded(path, limit)
        if not data.strip():
            raise UnreadableFile(f"{path}: empty file")
        label = str(path)
        file_sha = hashlib.sha256(data).hexdigest()
        # The metadata row is part of what the article is: editing the table re-reads the file.
        sha = hashlib.sha256(data + json.dumps(row, sort_keys=True).encode()).hexdigest() if row else file_sha
        if suffix in TEXT_SUFFIXES:
            if not row:
                return parse_article(path.name, str(path.resolve()), data, label=label)
            body, meta, pages = decode(label, data), {}, []
        elif suffix in HTML_SUFFIXES:
            from qa.extract import html

            # The page's bytes: trafilatura reads its declared charset (a Chinese page saved
            # as GBK is no UTF-8 text).
            body, meta = html.extract(data, label)
            pages = []
        elif suffix in DOCX_SUFFIXES:
            from qa.extract import docx

            body, meta = docx.extract(str(path), label)
            pages = []
        else:
            from qa.extract.ocr import OCRUnavailable

            try:
                if suffix in PDF_SUFFIXES:
                    body, meta, pages = self._pdf(data, label, file_sha, row)
                else:
                    body, meta, pages = self._image(path, label, file_sha, row)
            except OCRUnavailable as e:
                raise UnreadableFile(f"{label}: {e}") from None
        text, shift = compose({**meta, **row}, body)
        article = parse_article(path.name, str(path.resolve()), text.encode("utf-8"), label=label)
        return dataclasses.replace(article, sha256=sha, file_sha256=file_sha,
                                   pages=[p.shifted(shift) for p in pages])

    # --- paged formats -------------------------------------------------------------------------
    def _langs(self, row: dict[str, str]) -> str:
        """Tesseract's languages for the file's `language` column ("en, zh"), else the default."""
        langs: dict[str, None] = {}
        for name in re.split(r"[+,;/ ]+", row.get("language", "").lower()):
            langs.update(dict.fromkeys(filter(None, _LANGS.get(name, "").split("+"))))
        return "+".join(langs) or self.ocr_langs

    def _pdf(self, data: bytes, label: str, file_sha: str,
             row: dict[str, str]) -> tuple[str, dict[str, str], list[Page]]:
        from qa.extract import ocr, pdf

        doc = pdf.open_pdf(data, label)
        try:
            meta = pdf.metadata(doc)
            langs = self._langs(row)
            count = len(doc)
            cache = self._cache(file_sha, langs)

            def read_scan(image, number: int) -> list[Paragraph]:  # noqa: ANN001
                return self._cached(cache, number, lambda: ocr.read_image(image, ocr.check(langs)))

            pages = pdf.pages(doc, read_scan)
            body, laid = self._lay_out(pages, count, label)
        finally:
            doc.close()
        return body, meta, laid

    def _image(self, path: Path, label: str, file_sha: str,
               row: dict[str, str]) -> tuple[str, dict[str, str], list[Page]]:
        from PIL import Image, ImageSequence, UnidentifiedImageError

        from qa.extract import ocr

        langs = ocr.check(self._langs(row))
        try:
            image = Image.open(path)
            frames = [f.copy() for f in ImageSequence.Iterator(image)]  # a TIFF holds many pages
        except (UnidentifiedImageError, OSError, SyntaxError) as e:
            raise UnreadableFile(f"{label}: not a readable image ({e})") from None
        small = [i + 1 for i, f in enumerate(frames) if min(f.size) < MIN_PAGE_PIXELS]
        if len(small) == len(frames):
            w, h = frames[0].size
            raise UnreadableFile(f"{label}: a {w}×{h} image is too small to be a scanned page "
                                 f"(at least {MIN_PAGE_PIXELS} pixels a side)")
        cache = self._cache(file_sha, langs)
        pages = ((i + 1, self._cached(cache, i + 1, lambda f=f: ocr.read_image(f, langs)), True)
                 for i, f in enumerate(frames) if i + 1 not in small)
        body, laid = self._lay_out(pages, len(frames), label)
        return body, {}, laid

    def _lay_out(self, pages, count: int, label: str) -> tuple[str, list[Page]]:
        """Pages one after the other, parted by a blank line; each page's words keep their boxes."""
        builder = TextBuilder()
        laid: list[Page] = []
        last: list[Paragraph] = []
        for number, paragraphs, ocred in pages:
            if self.progress and count > 1:
                self.progress(f"{label}: page {number} of {count}")
            start, before = builder.pos, len(builder.words)
            builder.paragraphs(paragraphs, continues=not builder.ends_sentence()
                               and runs_on(last, paragraphs))
            last = paragraphs or last
            words = builder.words[before:]
            # The page begins at its first word: the blank line or space before it is not on it.
            laid.append(Page(number, words[0].start if words else start, builder.pos, ocred, words))
        body = builder.text()
        if not body.strip():
            what = "no recognisable text on its page(s)" if any(p.ocr for p in laid) else "no text"
            raise UnreadableFile(f"{label}: {what}")
        return body, laid

    def _cache(self, file_sha: str, langs: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / "ocr" / f"{file_sha}-{langs}"

    def _cached(self, folder: Path | None, number: int,
                read: Callable[[], list[Paragraph]]) -> list[Paragraph]:
        if folder is None:
            return read()
        f = folder / f"page-{number:05d}.json"
        if f.exists():
            try:
                return load_paragraphs(f.read_text())
            except (ValueError, IndexError, TypeError):
                pass  # a page cut off mid-write: read again
        paras = read()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = f.with_suffix(".tmp")
        tmp.write_text(dump_paragraphs(paras))
        tmp.replace(f)
        return paras


def compose(fields: dict[str, str], body: str) -> tuple[str, int]:
    """The canonical text: a header of the known fields, a blank line, the body; and where the
    body begins. The header's first field of a name wins, so these come before any header the
    body itself begins with."""
    lines = []
    for key, name in _HEADER_ORDER:
        value = re.sub(r"\s+", " ", fields.get(key, "")).strip()
        if value:
            lines.append(f"{name}: {value}")
    head = "\n".join(lines) + "\n\n" if lines else ""
    return head + body, len(head)
