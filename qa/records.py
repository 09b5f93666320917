"""The core records that flow through the pipeline: files → articles → chunks → answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A span of one language inside an article's file text."""

    lang: str  # "en" or "zh"
    start: int
    end: int


@dataclass
class Word:
    """A printed word on a page: where it is in the canonical text, and where on the page."""

    start: int  # offsets in the canonical text
    end: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the page
    conf: float | None = None  # OCR word confidence 0–100; None for a text layer


@dataclass
class Page:
    number: int  # 1-based: the PDF page, or the image's number in its file
    start: int
    end: int
    ocr: bool = False
    words: list[Word] = field(default_factory=list)

    def shifted(self, by: int) -> Page:
        return Page(self.number, self.start + by, self.end + by, self.ocr,
                    [Word(w.start + by, w.end + by, w.box, w.conf) for w in self.words])


@dataclass
class Article:
    id: str  # the file name
    path: str
    text: str  # the whole file, decoded; every offset points into it
    sha256: str
    title: str
    date: str | None  # ISO; None when undated
    date_end: str | None = None  # the last day of a date range (a conference's dates)
    page: str | None = None
    author: str | None = None
    publication: str | None = None  # the newspaper or journal, when the file names it
    title_zh: str | None = None
    sections: list[Section] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # read, but with a warning (a bad date)
    # Paged files (PDFs, scans): each page's span of the text and its words' boxes (qa.extract).
    pages: list[Page] = field(default_factory=list)
    file_sha256: str | None = None  # the file's own bytes, when `sha256` also covers its metadata

    @property
    def languages(self) -> list[str]:
        return sorted({s.lang for s in self.sections})

    @property
    def date_label(self) -> str:
        return date_label(self.date, self.date_end)


@dataclass
class Chunk:
    id: str
    article_id: str
    title: str
    date: str | None
    date_end: str | None
    lang: str
    start: int
    end: int
    text: str
    ordinal: int

    @property
    def date_years(self) -> set[str]:
        """The years the article's date (or date range) covers."""
        if not self.date:
            return set()
        return {str(y) for y in range(int(self.date[:4]), int((self.date_end or self.date)[:4]) + 1)}

    def embed_text(self, heading: str) -> str:
        """What the embedder and BM25 read: the article heading gives every chunk its context."""
        return f"{heading}\n{self.text}"


@dataclass
class Passage:
    """A retrieved chunk with its fused score and rank."""

    chunk: Chunk
    score: float
    rank: int
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass
class Parallel:
    """The same passage in the article's other language: quote is file_text[start:end]."""

    quote: str
    start: int
    end: int
    lang: str
    page: int | None = None


@dataclass
class Citation:
    n: int
    source: str
    title: str
    date: str | None
    quote: str
    start: int
    end: int
    lang: str
    parallel: Parallel | None = None
    # Paged files only (PDFs, scans): the page the quote begins on (1-based), and the mean OCR
    # confidence (0–100) of the quoted words when the page was OCR'd.
    page: int | None = None
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Verdict:
    """What the support checker decided about one generated sentence."""

    sentence: str
    citations: list[int]  # the passage numbers the model cited
    kept: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    """One article's figure for a thing, as it writes it: value is the figure's own words ("more
    than 1.1 million", "十二万亿元"), quote its sentence, exactly file_text[start:end]."""

    value: str
    source: str
    title: str
    date: str | None
    quote: str
    start: int
    end: int
    lang: str


@dataclass
class Disagreement:
    """Articles that give different figures for the same thing (what: "members, 1954") or
    different days for one side of a meeting (kind "date", what: "closing of the Fourth National
    Handicraft Work Conference"), each claim dated and quoted, oldest first (qa.disagreements
    finds them). Kept here beside the other records of the JSON contract, which Answer holds."""

    what: str
    claims: list[Claim]
    kind: str = "figure"  # or "date"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    citations: list[Citation]
    timings_ms: dict[str, float]
    # Not in the JSON contract: why a refusal was made, and the passages the answer was chosen from.
    reason: str = ""
    passages: list[Passage] = field(default_factory=list)
    # "extractive", "generative", or "extractive-fallback" (the model's sentences all failed, or
    # the model itself did); the verdict on each generated sentence; a note for the reader.
    mode: str = "extractive"
    verdicts: list[Verdict] = field(default_factory=list)
    notice: str = ""
    # What the answer could draw on: {"sources": [ids] or None for all, "since", "until"}.
    scope: dict[str, Any] | None = None
    # Figures the answer's articles give differently (an empty list when they agree or only one
    # speaks); qa.disagreements.
    disagreements: list[Disagreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The public `qa ask --json` contract."""
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "mode": self.mode,
            "verdicts": [v.to_dict() for v in self.verdicts],
            "notice": self.notice or None,
            "scope": self.scope,
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


def date_label(date: str | None, date_end: str | None = None) -> str:
    """"1955-01-09", a range "1953-11-20 – 1953-12-17", or "undated"."""
    if not date:
        return "undated"
    if date_end and date_end != date:
        return f"{date} – {date_end}"
    return date
