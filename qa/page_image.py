"""A cited page as a picture, the quoted words boxed: the reader checks the quote against the
original page. Drawn from the original file (a PDF page rendered by PDFium, or the scanned image),
when it is still where it was ingested from and unchanged; the boxes are the words' own (from the
PDF's text layer or from OCR), stored with the index."""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache
from pathlib import Path

from qa.extract.layout import page_at, words_in
from qa.records import Article

WIDTH = 900  # pixels: a page's column of newsprint stays legible in a source card
_FILL, _EDGE = (255, 214, 0, 90), (220, 30, 30, 255)


class PageUnavailable(Exception):
    """Why no page can be shown (the original moved or changed; a text file has no pages)."""


def render(article: Article, start: int, end: int, width: int = WIDTH):
    """The page the span begins on, `width` pixels wide, the span's words boxed (a PIL image)."""
    from PIL import Image, ImageDraw

    if not article.pages:
        raise PageUnavailable(f"{article.id} is a text file: it has no pages")
    page = page_at(article.pages, start, end)
    if page is None:
        raise PageUnavailable(f"{article.id} has no page at character {start}")
    original = _original(article)
    if original.suffix.lower() == ".pdf":
        from qa.extract.pdf import render as render_pdf

        image = render_pdf(original, page.number, width)
    else:
        with Image.open(original) as im:
            im.seek(page.number - 1)
            image = im.convert("RGB")
        image = image.resize((width, round(image.height * width / image.width)))
    image = image.convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    w, h = image.size
    for word in words_in(page, start, end):
        x0, y0, x1, y1 = word.box
        draw.rectangle((x0 * w - 2, y0 * h - 2, x1 * w + 2, y1 * h + 2), fill=_FILL, outline=_EDGE, width=2)
    return Image.alpha_composite(image, overlay).convert("RGB")


def data_uri(article: Article, start: int, end: int, width: int = WIDTH) -> str:
    """The boxed page as a JPEG data URI, for a source card (no route to serve it from)."""
    buf = io.BytesIO()
    render(article, start, end, width).save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _original(article: Article) -> Path:
    path = Path(article.path)
    if not path.is_file():
        raise PageUnavailable(f"the original file is no longer at {path}")
    st = path.stat()
    if article.file_sha256 and _sha256(str(path), st.st_mtime_ns, st.st_size) != article.file_sha256:
        raise PageUnavailable(f"{path} has changed since it was ingested: its pages no longer match")
    return path


@lru_cache(maxsize=256)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    """A file's hash, once per version of it (its time and size): a long scan is not read whole
    for every card that shows one of its pages."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
