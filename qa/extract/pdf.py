"""PDF → pages of words, from the text layer; a page without one is rendered and OCR'd.

pypdfium2 (PDFium's bindings) rather than llama-index's PDFReader (pypdf): the reader gives a
page's text but not where each character sits, and a citation's page image needs the quoted
words' boxes; PDFium gives both from one parse, and renders the page for OCR and for display."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from qa.corpus import UnreadableFile
from qa.extract.layout import Line, Paragraph, Token, into_paragraphs, wide

# A page with an image and fewer letters than this in its text layer is a scan (at most a stamp
# or a page number was typed onto it): it is OCR'd. A page of a few typed words and no image is
# the end of a text, read as it is.
MIN_TEXT_CHARS = 20
OCR_DPI = 300


def open_pdf(data: bytes, label: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        why = str(e).lower()
        if "password" in why:
            raise UnreadableFile(f"{label}: an encrypted PDF (it needs a password); save an "
                                 f"unprotected copy to ingest it") from None
        raise UnreadableFile(f"{label}: not a readable PDF ({str(e).rstrip('.')})") from None


def metadata(pdf) -> dict[str, str]:
    """The document information dictionary's title, author and creation date."""
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - a damaged info dictionary is no reason to refuse the text
        return {}
    out = {}
    if info.get("Title"):
        out["title"] = info["Title"]
    if info.get("Author"):
        out["author"] = info["Author"]
    return out


def text_layer(page) -> list[Paragraph]:
    """The page's words in reading order, grouped into lines and paragraphs."""
    w, h = page.get_size()
    tp = page.get_textpage()
    n = tp.count_chars()
    text = tp.get_text_range(0, n) if n else ""
    lines: list[Line] = []
    line: Line = []
    word, box, spaced = "", None, False

    def flush() -> None:
        nonlocal word, box, spaced
        if word:
            line.append(Token(word, box, None, spaced))
        word, box, spaced = "", None, False

    for i, ch in enumerate(text[:n]):
        if ch in "\r\n":
            flush()
            if ch == "\n" and line:
                lines.append(line)
                line = []
            continue
        if ch.isspace():
            flush()
            spaced = True
            continue
        ch = "-" if ch == "\x02" else ch  # PDFium marks a hyphen at a line's end so
        if not ch.isprintable():
            continue
        left, bottom, right, top = tp.get_charbox(i)
        cbox = (left / w, 1 - top / h, right / w, 1 - bottom / h)
        if word and (wide(ch) or wide(word[-1])):
            flush()  # each Chinese character is a word of its own: a quote can begin at any
        if not word:
            word, box = ch, cbox
        else:
            word += ch
            box = (min(box[0], cbox[0]), min(box[1], cbox[1]), max(box[2], cbox[2]), max(box[3], cbox[3]))
    flush()
    if line:
        lines.append(line)
    tp.close()
    return into_paragraphs(lines)


def pages(pdf, ocr: Callable[[object, int], list[Paragraph]] | None,
          ) -> Iterator[tuple[int, list[Paragraph], bool]]:
    """(page number, paragraphs, whether OCR read them) for every page, in order. `ocr` reads a
    rendered page image; None: a page without a text layer yields no paragraphs."""
    for i in range(len(pdf)):
        page = pdf[i]
        try:
            paras = text_layer(page)
            letters = sum(len(t.text) for p in paras for ln in p for t in ln)
            if letters >= MIN_TEXT_CHARS or ocr is None or not _has_image(page):
                yield i + 1, paras, False
                continue
            image = page.render(scale=OCR_DPI / 72).to_pil()
            yield i + 1, ocr(image, i + 1), True
        finally:
            page.close()


def _has_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for o in page.get_objects(max_depth=2))


def render(source: Path, number: int, width: int = 1000):
    """Page `number` (1-based) of the PDF at `source` as an image `width` pixels wide (PDFium
    reads the pages it needs from the file, not the whole file)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        page = pdf[number - 1]
        return page.render(scale=width / page.get_size()[0]).to_pil()
    finally:
        pdf.close()
