"""Documents made from the seeds, as archives hold them: a PDF with a text layer, a scanned page
(an image with some noise and skew, and a PDF of it without a text layer), a saved web page with
navigation and a dated meta tag, a Word file. Made by the tests, never downloaded."""

from __future__ import annotations

import random
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def text_pdf(paras: list[str], path: Path, title: str = "", author: str = "",
             per_page: int = 6) -> Path:
    """A PDF with a text layer, `per_page` paragraphs a page, in Noto Sans CJK (it has Latin too)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", "", str(CJK_FONT))
    pdf.set_font("noto", size=11)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for i, para in enumerate(paras):
        if i % per_page == 0:
            pdf.add_page()
        pdf.multi_cell(0, 6, para)
        pdf.ln(5)
    pdf.output(str(path))
    return path


def scan(paras: list[str], path: Path, seed: int = 7, skew: float = 0.6, width: int = 1700,
         font_px: int = 34, lines_per_page: int = 0, blur: float = 0.0, jpeg: int = 0) -> Path:
    """A scanned-looking page: the paragraphs drawn in black on off-white at about 200 dpi, with
    speckle noise and a slight skew. PNG, JPEG or TIFF by the path's suffix. With
    `lines_per_page`, as many pages as it takes, in one multi-page TIFF or PDF. A worn page:
    a small `font_px`, some `blur` (pixels) and `jpeg` compression artefacts (quality 1-95)."""
    from PIL import ImageFont

    font = ImageFont.truetype(str(CJK_FONT), font_px)
    margin, line_h = 90, int(font_px * 1.45)
    lines: list[str] = []
    for para in paras:
        lines.extend(_wrap(para, font, width - 2 * margin))
        lines.append("")
    per = lines_per_page or len(lines)
    pages = [_worn(_page(lines[i:i + per], font, width, margin, line_h, random.Random(seed + i), skew),
                   blur, jpeg) for i in range(0, len(lines), per)]
    if len(pages) == 1:
        pages[0].save(path)
    else:
        pages[0].save(path, save_all=True, append_images=pages[1:],
                      **({"resolution": 200} if path.suffix.lower() == ".pdf" else {}))
    return path


def _worn(page, blur: float, jpeg: int):
    import io

    from PIL import Image, ImageFilter

    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    if jpeg:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=jpeg)
        page = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return page


def _page(lines: list[str], font, width: int, margin: int, line_h: int, rng: random.Random,
          skew: float):
    from PIL import Image, ImageDraw

    height = max(2 * margin + line_h * len(lines), 1200)
    page = Image.new("L", (width, height), 244)
    draw = ImageDraw.Draw(page)
    for n, line in enumerate(lines):
        draw.text((margin, margin + n * line_h), line, font=font, fill=18)
    for _ in range(width * height // 900):  # specks of dust and paper grain
        x, y = rng.randrange(width), rng.randrange(height)
        draw.point((x, y), fill=rng.choice((90, 140, 200)))
    return page.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=244)


def scanned_pdf(image: Path, path: Path) -> Path:
    """A PDF whose only page is the image: no text layer, as a scanner writes it."""
    from PIL import Image

    Image.open(image).convert("RGB").save(path, "PDF", resolution=200)
    return path


def _wrap(para: str, font, width: int) -> list[str]:
    out, line = [], ""
    tokens = list(para) if any("\u4e00" <= c <= "\u9fff" for c in para) else para.split(" ")
    sep = "" if len(tokens) == len(para) else " "
    for tok in tokens:
        trial = f"{line}{sep}{tok}" if line else tok
        if font.getlength(trial) > width and line:
            out.append(line)
            line = tok
        else:
            line = trial
    if line:
        out.append(line)
    return out


def web_page(paras: list[str], path: Path, title: str, published: str | None, site: str) -> Path:
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(1, 8))
    body = "".join(f"<p>{p}</p>" for p in paras)
    path.write_text(f"""<!doctype html><html><head><meta charset="utf-8"><title>{site} | {title}</title>
{f'<meta property="article:published_time" content="{published}T08:00:00+08:00">' if published else ""}
<meta property="og:site_name" content="{site}"></head>
<body><header><nav><ul>{nav}</ul><a href="/subscribe">Subscribe to our newsletter</a></nav></header>
<main><article><h1>{title}</h1>{body}</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Weather: rain expected in the north</a></li></ul></aside>
<footer>Copyright 2024 {site}. All rights reserved. Contact us</footer></body></html>""",
                    encoding="utf-8")
    return path


def word_file(paras: list[str], path: Path, title: str = "", author: str = "") -> Path:
    import docx

    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    if title:
        d.core_properties.title = title
    if author:
        d.core_properties.author = author
    d.save(str(path))
    return path


def encrypted_pdf(paras: list[str], path: Path, password: str = "secret") -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", "", str(CJK_FONT))
    pdf.set_font("noto", size=11)
    pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    for para in paras:
        pdf.multi_cell(0, 6, para)
    pdf.output(str(path))
    return path
