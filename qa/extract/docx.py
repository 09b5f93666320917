"""Word files → paragraphs and the document's core properties, through python-docx.

Not llama-index's DocxReader: it gives the text alone (docx2txt), and a historian's
transcription names its title and author in the file's properties. The properties' created and
modified dates are the transcription's, not the article's: they never date an article."""

from __future__ import annotations

import zipfile

from qa.corpus import UnreadableFile


def extract(path: str, label: str) -> tuple[str, dict[str, str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise UnreadableFile(f"{label}: not a readable Word (.docx) file ({e})") from None
    paras = []
    for block in document.iter_inner_content():  # paragraphs and tables in the document's order
        if hasattr(block, "rows"):
            paras.extend(" | ".join(c.text.strip() for c in row.cells) for row in block.rows)
        else:
            paras.append(block.text.strip())
    text = "\n\n".join(p for p in paras if p)
    if not text:
        raise UnreadableFile(f"{label}: the Word file has no text")
    props = document.core_properties
    meta = {}
    if props.title:
        meta["title"] = props.title.strip()
    if props.author:
        meta["author"] = props.author.strip()
    return text, meta
