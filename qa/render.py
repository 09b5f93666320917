"""Answers, sources and articles as HTML for the web UI.

Everything from an article is escaped; the HTML is one line (no blank lines), so the chat's
markdown renderer passes it through as a single HTML block.
"""

from __future__ import annotations

import html
import re

from qa.citing import Reference, chicago_bibliography, chicago_note
from qa.citing import render as render_refs
from qa.language import is_cjk, tokenize
from qa.records import Answer, Article, Citation, Passage, Section

_TOKEN = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*|\d+(?:[.,]\d+)*|[\u3400-\u9fff]+|\s+|.", re.S)


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def highlight(text: str, terms: set[str]) -> str:
    """The text, escaped, with the words it shares with the question in <mark class="hit">."""
    out = []
    for tok in _TOKEN.findall(text):
        if tok.strip() and terms:
            if is_cjk(tok):
                out.append(_highlight_cjk(tok, terms))
                continue
            if set(tokenize(tok)) & terms:
                out.append(f'<mark class="hit">{html.escape(tok)}</mark>')
                continue
        out.append(_esc(tok))
    return "".join(out)


def _highlight_cjk(run: str, terms: set[str]) -> str:
    # Longest question words first, marked where they occur in the run.
    words = sorted((t for t in terms if is_cjk(t) and len(t) >= 2 and t in run), key=len, reverse=True)
    if not words:
        return html.escape(run)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    pos, out = 0, []
    for m in pattern.finditer(run):
        out.append(html.escape(run[pos:m.start()]))
        out.append(f'<mark class="hit">{html.escape(m.group(0))}</mark>')
        pos = m.end()
    out.append(html.escape(run[pos:]))
    return "".join(out)


def article_body(article: Article, start: int | None = None, end: int | None = None) -> str:
    """The article's text, escaped, with [start, end) in <mark class="passage">. Its header
    lines (Title:, Date:, "Original:") are left out, for the view's heading gives them; an
    article in two languages is shown as two columns, the original beside the translation."""
    text = article.text
    sections = article.sections or [Section(lang="en", start=0, end=len(text))]
    if start is None or end is None or not 0 <= start < end <= len(text):
        start = end = None
    cols = "".join(f'<div class="section" lang="{sec.lang}">{_marked(text, sec.start, sec.end, start, end)}'
                   f"</div>" for sec in sections)
    two = " two" if len(sections) > 1 else ""
    return f'<div class="article-text{two}">{cols}</div>'


def _marked(text: str, a: int, b: int, start: int | None, end: int | None) -> str:
    if start is None or end is None or end <= a or start >= b:
        return _esc(text[a:b])
    s, e = max(a, start), min(b, end)
    return f'{_esc(text[a:s])}<mark class="passage">{_esc(text[s:e])}</mark>{_esc(text[e:b])}'


def card(c: Citation, terms: set[str], article: Article | None) -> str:
    head = (f'<div class="card-head"><span class="n">[{c.n}]</span> '
            f'<span class="title">{html.escape(c.title)}</span></div>'
            f'<div class="card-meta"><span class="date">{html.escape(_date_label(c, article))}</span>'
            f' · <span class="file">{html.escape(c.source)}</span>{_where(c)}'
            f' · chars {c.start}–{c.end}</div>')
    quoted = highlight(" ".join(c.quote.split()), terms)
    quote = f'<blockquote class="quote" lang="{c.lang}">{quoted}</blockquote>'
    if c.parallel is not None:  # the passage and its translation in the same article, side by side
        other = highlight(" ".join(c.parallel.quote.split()), terms)
        quote = (f'<div class="parallel">{quote}<blockquote class="quote translation" '
                 f'lang="{c.parallel.lang}" title="chars {c.parallel.start}–{c.parallel.end}">{other}'
                 f'</blockquote></div>')
    body = ""
    if article is not None:
        body = (f'{page_box(c, article)}'
                f'<details class="article"><summary>Read the whole article, passage highlighted</summary>'
                f'{article_body(article, c.start, c.end)}</details>{cite_box(Reference.of(article))}')
    return f'<div class="card" data-source="{html.escape(c.source)}" data-n="{c.n}">{head}{quote}{body}</div>'


def _where(c: Citation) -> str:
    """The page of a PDF or scan, and how sure OCR was of the quoted words (a low figure: check
    the quote against the page)."""
    out = f' · <span class="page">p. {c.page}</span>' if c.page else ""
    if c.ocr_confidence is not None:
        out += (f' · <span class="ocr" title="mean OCR confidence of the quoted words">'
                f'OCR {c.ocr_confidence:.0f}%</span>')
    return out


def page_box(c: Citation, article: Article) -> str:
    """The cited page itself, the quoted words boxed (qa.page_image); why not, when it cannot be."""
    if not c.page:
        return ""
    from qa.page_image import PageUnavailable, data_uri

    try:
        image = (f'<img class="page-image" alt="page {c.page} of {html.escape(c.source)}, the quote boxed" '
                 f'src="{data_uri(article, c.start, c.end)}">')
    except (PageUnavailable, OSError) as e:
        image = f'<div class="page-missing">{html.escape(str(e))}</div>'
    return (f'<details class="page"><summary>See page {c.page} of the original, the quote boxed</summary>'
            f'{image}</details>')


def _date_label(c: Citation, article: Article | None) -> str:
    """The article's whole date: a conference record's range, not only its first day."""
    if article is not None and article.date == c.date:
        return article.date_label
    return c.date or "undated"


_CITE_FORMS = (("Chicago note", chicago_note), ("Chicago bibliography", chicago_bibliography),
               ("BibLaTeX", lambda r: render_refs([r], "biblatex").strip()),
               ("RIS", lambda r: render_refs([r], "ris").strip()),
               ("CSL-JSON", lambda r: render_refs([r], "csl-json").strip()))


def cite_box(ref: Reference) -> str:
    """"Cite": the article in each form, each with a copy button (the page's script copies the
    text of the <pre> beside it)."""
    forms = "".join(f'<div class="cite-form cite-{name.lower().replace(" ", "-")}"><div class="cite-head">'
                    f'{html.escape(name)} <button type="button" class="copy-cite">Copy</button></div>'
                    f'<pre>{html.escape(make(ref)).replace(chr(10), "&#10;")}</pre></div>'
                    for name, make in _CITE_FORMS)
    return f'<details class="cite"><summary>Cite</summary>{forms}</details>'


def answer_text(answer: Answer) -> str:
    """The answer with its [n] markers as superscripts, escaped."""
    parts = re.split(r"(\[\d+\])", answer.answer)
    return "".join(f'<sup class="cite">{p}</sup>' if re.fullmatch(r"\[\d+\]", p) else html.escape(p)
                   for p in parts)


def answer_html(answer: Answer, articles: dict[str, Article | None]) -> str:
    """The chat message for an answer: its text, then one card per citation. A refusal is styled
    apart, its cards headed as related reading."""
    terms = set(tokenize(answer.question))
    kind = "refusal" if answer.refused else "answer"
    label = "Related reading" if answer.refused else "Sources"
    cards = "".join(card(c, terms, articles.get(c.source)) for c in answer.citations)
    notice = f'<div class="qa-notice">{html.escape(answer.notice)}</div>' if answer.notice else ""
    return (f'<div class="qa-{kind}" data-mode="{answer.mode}">'
            f'<div class="qa-text">{answer_text(answer)}</div>{notice}{dropped(answer)}'
            f'<div class="cards-label">{label}</div>{differ_box(answer, terms)}'
            f'<div class="cards">{cards}</div></div>')


def differ_box(answer: Answer, terms: set[str]) -> str:
    """"Sources differ": each figure the articles give differently, with its article's date and
    title and the sentence it stands in, set above the source cards so that no figure reads as
    the only one."""
    if not answer.disagreements:
        return ""
    groups = []
    for d in answer.disagreements:
        items = "".join(f'<li data-source="{html.escape(c.source)}"><span class="value">'
                        f'{html.escape(c.value)}</span> · <span class="date">'
                        f'{html.escape(c.date or "undated")}</span> · '
                        f'<span class="title">{html.escape(c.title)}</span><span class="card-meta"> · '
                        f'{html.escape(c.source)} · chars {c.start}–{c.end}</span><blockquote class="quote" '
                        f'lang="{c.lang}">{highlight(" ".join(c.quote.split()), terms)}</blockquote></li>'
                        for c in d.claims)
        groups.append(f'<div class="differ-what">{html.escape(d.what)}</div><ul>{items}</ul>')
    return f'<div class="sources-differ"><div class="differ-head">Sources differ</div>{"".join(groups)}</div>'



def dropped(answer: Answer) -> str:
    """The generated sentences the support checker refused, and why: shown, never asserted."""
    gone = [v for v in answer.verdicts if not v.kept]
    if not gone:
        return ""
    items = "".join(f'<li><s>{html.escape(v.sentence)}</s> '
                    f'<span class="why">— {html.escape(v.reason)}</span></li>' for v in gone)
    return (f'<details class="dropped"><summary>{len(gone)} generated sentence{"s" if len(gone) > 1 else ""} '
            f'dropped: not supported by the passages cited</summary><ul>{items}</ul></details>')


def passages_table(passages: list[Passage]) -> str:
    """The retrieved passages with their fused score and the rank each retriever gave them."""
    if not passages:
        return '<p class="muted">No passages yet.</p>'
    rows = []
    # Best first: the fused score is what the answerer was handed them by.
    for p in sorted(passages, key=lambda p: -p.score):
        ch = p.chunk
        snippet = " ".join(ch.text.split())
        snippet = snippet[:220] + ("…" if len(snippet) > 220 else "")
        rows.append(f"<tr><td>{p.rank}</td><td>{p.score:.4f}</td><td>{p.dense_rank or '–'} / "
                    f"{p.bm25_rank or '–'}</td><td><b>{html.escape(ch.title)}</b><br><small>"
                    f"{html.escape(ch.date or 'undated')} · {html.escape(ch.id)}</small><br>"
                    f"{html.escape(snippet)}</td></tr>")
    # Four columns, the passage under its article: the table sits in a narrow side column.
    return ('<table class="passages"><thead><tr><th>#</th><th>fused score</th><th>dense / BM25 rank</th>'
            '<th>article and passage</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")


def search_html(result, articles: dict[str, Article | None]) -> str:
    """Keyword-in-context lines, the words found marked; each opens its article at the hit."""
    if not result.terms:
        return '<p class="muted">Type words, or a "quoted phrase".</p>'
    shown = " + ".join(f"“{html.escape(t)}”" for t in result.terms)
    head = (f'<p class="search-summary">{result.total} hit{"s" * (result.total != 1)} in {result.articles} '
            f'article{"s" * (result.articles != 1)} for {shown}'
            + (f" (the first {len(result.hits)} listed)" if result.total > len(result.hits) else "") + "</p>")
    rows = []
    for h in result.hits:
        art = articles.get(h.source)
        opened = (f'<details class="article"><summary>Open the article at this hit</summary>'
                  f'{article_body(art, h.start, h.end)}</details>' if art is not None else "")
        rows.append(f'<div class="kwic" data-source="{html.escape(h.source)}"><div class="kwic-meta">'
                    f'<span class="date">{html.escape(h.date or "undated")}</span> · '
                    f'<span class="title">{html.escape(h.title)}</span> · {html.escape(h.source)}</div>'
                    f'<div class="kwic-line">{html.escape(h.before)}<mark class="hit">{html.escape(h.match)}'
                    f'</mark>{html.escape(h.after)}</div>{opened}</div>')
    return head + "".join(rows)
