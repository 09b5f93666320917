"""An article as a reference a historian can put in a footnote or a reference manager: Chicago
notes-bibliography (note and bibliography forms), CSL-JSON, RIS and biblatex.

The machine formats are written by their own libraries where one exists (RIS by `rispy`,
biblatex by `bibtexparser`); CSL-JSON is plain JSON. Chicago is written here: the only offline
CSL processor (citeproc-py) ships no Chicago style, and a newspaper article's note and
bibliography entry are two short, fixed patterns (The Chicago Manual of Style, 17th ed.,
14.89-14.93). Where the article has a Chinese original, its Chinese title leads and the English
title stands beside it in brackets, as Chicago gives translated titles (14.98).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from qa.records import Article

FORMATS = ("chicago", "csl-json", "ris", "biblatex")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


@dataclass
class Reference:
    """What a reference to one article needs; absent fields are None, never guessed."""

    id: str
    title: str  # the English title (or the only one)
    title_zh: str | None
    date: str | None  # ISO
    date_end: str | None
    page: str | None
    author: str | None
    publication: str | None
    language: str  # the original's: zh when the article holds a Chinese text

    @classmethod
    def of(cls, article: Article) -> Reference:
        return cls(id=article.id, title=article.title, title_zh=article.title_zh, date=article.date,
                   date_end=article.date_end if article.date_end != article.date else None,
                   page=article.page, author=article.author, publication=article.publication,
                   language="zh" if "zh" in article.languages else (article.languages or ["en"])[0])

    @property
    def key(self) -> str:
        """A citation key: the file name's letters and digits, and the year."""
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", self.id)
        return re.sub(r"[^A-Za-z0-9]+", "_", stem).strip("_") or "article"

    def display_title(self) -> str:
        return f"{self.title_zh} [{self.title}]" if self.title_zh else self.title


def render(refs: list[Reference], fmt: str) -> str:
    """The references in one format, as the text of a file of that format. For Chicago, one note
    a reference as given (one a citation: note n is the answer's [n]), then the bibliography;
    the other formats list each article once."""
    if fmt != "chicago":
        refs = list({r.id: r for r in refs}.values())
    if fmt == "chicago":
        notes = "\n".join(f"{i}. {chicago_note(r)}" for i, r in enumerate(refs, 1))
        unique = {r.id: r for r in refs}.values()
        entries = "\n".join(chicago_bibliography(r) for r in sorted(unique, key=_bibliography_order))
        return f"{notes}\n\nBibliography\n\n{entries}\n"
    if fmt == "csl-json":
        return json.dumps([csl_json(r) for r in refs], ensure_ascii=False, indent=1) + "\n"
    if fmt == "ris":
        return ris(refs)
    if fmt == "biblatex":
        return biblatex(refs)
    raise ValueError(f"unknown citation format {fmt!r} (one of {', '.join(FORMATS)})")


# --- Chicago ----------------------------------------------------------------------------------
def _long_date(iso: str) -> str:
    if len(iso) < 10:  # a partial date: "1955", "March 1955"
        return iso if len(iso) == 4 else f"{_MONTHS[int(iso[5:7]) - 1]} {iso[:4]}"
    d = date.fromisoformat(iso)
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _date_words(r: Reference) -> str:
    if not r.date:
        return "n.d."
    if not r.date_end:
        return _long_date(r.date)
    if len(r.date) < 10 or len(r.date_end) < 10:
        return f"{_long_date(r.date)}–{_long_date(r.date_end)}"
    a, b = date.fromisoformat(r.date), date.fromisoformat(r.date_end)
    if a.year == b.year:
        return f"{_MONTHS[a.month - 1]} {a.day}–{_MONTHS[b.month - 1]} {b.day}, {b.year}"
    return f"{_long_date(r.date)}–{_long_date(r.date_end)}"


def chicago_note(r: Reference) -> str:
    """Note form: Author, "Title," *Paper*, Month Day, Year, page."""
    parts = [f"{r.author},"] if r.author else []
    parts.append(f"“{r.display_title()},”")
    where = [f"*{r.publication}*"] if r.publication else []
    where.append(_date_words(r))
    if r.page:
        where.append(r.page)
    return " ".join(parts) + " " + ", ".join(where) + "."


def chicago_bibliography(r: Reference) -> str:
    """Bibliography form: Author. "Title." *Paper*, Month Day, Year. An unsigned article is
    listed by its paper when the paper is known (14.93), else by its title."""
    title = f"“{r.display_title()}.”"
    when = _date_words(r)
    if r.author:
        head = f"{r.author}. {title}"
        return f"{head} *{r.publication}*, {when}." if r.publication else f"{head} {when}."
    if r.publication:
        return f"*{r.publication}*. {title} {when}."
    return f"{title} {when}."


def _bibliography_order(r: Reference) -> str:
    # An author's name is given as the file gives it, never inverted: "Li Wei" may be family
    # name first already, and a wrong guess would misname the person.
    return r.author or r.publication or r.display_title()


# --- machine formats --------------------------------------------------------------------------
def _parts(iso: str) -> list[int]:
    return [int(x) for x in iso.split("-")]


def csl_json(r: Reference) -> dict:
    item = {"id": r.key, "type": "article-newspaper", "title": r.display_title(), "language": r.language}
    if r.publication:
        item["container-title"] = r.publication
    if r.date:
        item["issued"] = {"date-parts": [_parts(r.date)] + ([_parts(r.date_end)] if r.date_end else [])}
    if r.page:
        item["page"] = r.page
    if r.author:
        item["author"] = [{"literal": r.author}]
    return item


def ris(refs: list[Reference]) -> str:
    import rispy

    class PlainWriter(rispy.RisWriter):
        def set_header(self, count):  # rispy numbers entries ("1."): not part of RIS
            return ""

    entries = []
    for r in refs:
        e = {"type_of_reference": "NEWS", "title": r.title_zh or r.title, "language": r.language,
             "id": r.key}
        if r.title_zh:
            e["translated_title"] = r.title
        if r.publication:
            e["secondary_title"] = r.publication
        if r.date:
            e["date"] = r.date.replace("-", "/") + "/"
            e["year"] = r.date[:4]
        if r.page:
            e["start_page"] = r.page
        if r.author:
            e["authors"] = [r.author]
        entries.append(e)
    return rispy.dumps(entries, implementation=PlainWriter)


_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)


def biblatex(refs: list[Reference]) -> str:
    import bibtexparser
    from bibtexparser import model

    library = bibtexparser.Library()
    for r in refs:
        fields = [("entrysubtype", "newspaper"), ("title", r.title_zh or r.title)]
        if r.title_zh:
            fields.append(("titleaddon", f"[{r.title}]"))
        if r.author:
            fields.append(("author", "{" + r.author + "}"))  # braced: a name, not to be parsed
        if r.publication:
            fields.append(("journaltitle", r.publication))
        if r.date:
            fields.append(("date", r.date + (f"/{r.date_end}" if r.date_end else "")))
        if r.page:
            fields.append(("pages", r.page))
        fields.append(("langid", {"zh": "chinese", "en": "english"}.get(r.language, r.language)))
        escaped = [model.Field(k, v if k in ("author", "date") else _tex(v)) for k, v in fields]
        library.add(model.Entry("article", r.key, escaped))
    return bibtexparser.write_string(library)
