"""Scanned pages → words with boxes and confidences, through Tesseract (Debian's tesseract-ocr
with its eng, chi_sim and chi_tra data). pytesseract runs the binary; nothing reaches the network.

Not llama-index's ImageReader: it returns a page's text alone, and a citation needs each word's
box (to mark the quote on the page) and confidence (to say how sure the reading is)."""

from __future__ import annotations

import re
import shutil
from functools import lru_cache

from qa.corpus import UnreadableFile
from qa.extract.layout import Line, Paragraph, Token, into_paragraphs

# Tesseract's page-segmentation "fully automatic" mode, with its LSTM engine: columns and
# paragraphs of a newspaper page are found without being told.
_CONFIG = "--oem 1 --psm 3"
# A mark Tesseract rates under this (0–100) and reads as no letter, digit or character is a
# speck or a ruled line, not text. A word with letters is kept however unsure Tesseract is:
# dropping it would silently cut the page's text (its confidence goes into the citation).
MIN_MARK_CONF = 30.0
_LETTER = re.compile(r"[^\W_]")


class OCRUnavailable(UnreadableFile):
    """Tesseract or a language's data is missing: scans cannot be read on this machine (the
    file is skipped with this reason; the others go in)."""


@lru_cache(maxsize=1)
def _installed() -> frozenset[str]:
    import pytesseract

    if shutil.which("tesseract") is None:
        raise OCRUnavailable("scanned pages need Tesseract: install Debian's tesseract-ocr with "
                             "tesseract-ocr-eng, tesseract-ocr-chi-sim and tesseract-ocr-chi-tra "
                             "(`make install-ocr`)")
    return frozenset(pytesseract.get_languages(config=""))


def check(langs: str) -> str:
    """The languages asked for, as Tesseract names them ("eng+chi_sim"), all installed."""
    have = _installed()
    missing = [lang for lang in langs.split("+") if lang not in have]
    if missing:
        raise OCRUnavailable(f"Tesseract has no data for {', '.join(missing)} (installed: "
                             f"{', '.join(sorted(have - {'osd'}))}); install tesseract-ocr-"
                             f"{missing[0].replace('_', '-')} or set QA_OCR_LANGS")
    return langs


def read_image(image, langs: str) -> list[Paragraph]:
    """The page's paragraphs of words, each word with its box as fractions of the image and
    Tesseract's confidence."""
    import pytesseract

    check(langs)
    image = image.convert("L") if image.mode not in ("L", "RGB") else image
    w, h = image.size
    data = pytesseract.image_to_data(image, lang=langs, config=_CONFIG,
                                     output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], Line] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0 or (conf < MIN_MARK_CONF and not _LETTER.search(text)):
            continue
        x, y, bw, bh = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(Token(text, (x / w, y / h, (x + bw) / w, (y + bh) / h), conf))
    # Tesseract's own paragraphs first; within each, lines are also parted by the gaps between them.
    by_par: dict[tuple[int, int], list[Line]] = {}
    for (block, par, _), line in sorted(lines.items()):
        by_par.setdefault((block, par), []).append(line)
    return [p for ls in by_par.values() for p in into_paragraphs(ls)]
