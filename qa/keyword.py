"""The keyword (BM25) index: llama-index's BM25Retriever, fed our own tokens.

The library's tokenizer is English-only (a run of Chinese characters becomes one token), so this
subclass indexes and queries with `qa.language.tokenize` and keeps everything else — bm25s
scoring, persistence, node conversion — from the library.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle
from llama_index.core.vector_stores.utils import metadata_dict_to_node, node_to_metadata_dict
from llama_index.retrievers.bm25 import BM25Retriever

from qa import tombstones
from qa.language import query_tokens, tokenize, word_forms

# Light-stemmed words per chunk. "forms-2": British and American spellings read as one (qa.spelling);
# an index written before that keeps "forms.json", whose forms are read again from its chunks.
FORMS, OLD_FORMS = "forms-2.json", "forms.json"
# Each chunk's search tokens and light-stemmed forms, in the corpus's order: an update re-indexes
# the unchanged chunks from these instead of reading and tokenizing every stored chunk again.
WORDS = "chunk-words.json"
# Words found only in OCR'd chunks (qa.extract.ocr): misreadings ("cooperatlve") among them.
OCR_WORDS = "ocr-words.json"
# A question's word also matches an OCR-only word this many edits away (Damerau-Levenshtein):
# one for a word of 5-8 letters, two from 9 on. Shorter words are left alone: one edit turns
# too many short words into others ("plan", "plant").
OCR_MIN_LETTERS, OCR_LONG_WORD = 5, 9


def _form_freq(texts) -> dict[str, int]:
    return dict(Counter(f for t in texts for f in word_forms(t)))


_PRINTED = re.compile(r"[A-Za-z]+")


def _ocr_only_words(texts: list[str], ocr: list[bool]) -> dict[str, str]:
    """What may be OCR misreadings: words printed in OCR'd texts, in no other, and in no English
    word list (wordfreq's); each with its search token. A real word is never taken for a
    misreading of its neighbour ("nations" of "national"): in an archive of scans only, every
    word is printed only in OCR'd text."""
    from wordfreq import zipf_frequency

    clean = {w.lower() for t, o in zip(texts, ocr, strict=True) if not o for w in _PRINTED.findall(t)}
    words = {w.lower() for t, o in zip(texts, ocr, strict=True) if o for w in _PRINTED.findall(t)}
    out = {}
    for w in sorted(words - clean):
        if len(w) < OCR_MIN_LETTERS - 1 or zipf_frequency(w, "en") > 0:  # one edit from 5 letters
            continue
        toks = tokenize(w)
        if len(toks) == 1:
            out[w] = toks[0]
    return out


class KeywordRetriever(BM25Retriever):
    def __init__(self, existing_bm25: bm25s.BM25, similarity_top_k: int = 30, **kwargs) -> None:
        # A small index holds fewer chunks than k: llama-index would then print a warning on every
        # start. Hits are capped at the corpus size anyway (_retrieve).
        docs = int(existing_bm25.scores.get("num_docs") or 0)
        super().__init__(existing_bm25=existing_bm25, similarity_top_k=min(similarity_top_k, docs or 1),
                         skip_stemming=True, **kwargs)
        self.mask: np.ndarray | None = None  # per-query corpus filter (dates), 1 keeps a chunk
        # Chunks holding each gently stemmed English word: BM25's stems conflate "nationalize"
        # with "national", which the answerer's premise check must keep apart.
        self.form_freq: dict[str, int] = {}
        self.ocr_words: dict[str, str] = {}  # an OCR-only word as printed → its search token
        # Each chunk's (tokens, forms), saved with an index this process builds.
        self.words: list[tuple[list[str], list[str]]] | None = None
        self._printed: list[str] | None = None  # the OCR-only words, listed once
        self._forms_of: dict[int, frozenset[str]] = {}  # chunk → its forms, made when asked
        # Rows of articles removed since the index was written (qa.tombstones): never returned or
        # counted. None: every row is live.
        self.dead: np.ndarray | None = None

    @classmethod
    def build(cls, nodes: list[BaseNode | dict], texts: list[str], similarity_top_k: int = 30,
              ocr: list[bool] | None = None, words: list[tuple[list[str], list[str]] | None] | None = None
              ) -> KeywordRetriever:
        """Index `texts` (what is searched: heading and chunk) for `nodes` (what is returned: a
        node, or a row of an earlier keyword index's corpus); `ocr` says which texts were read by
        OCR; `words` gives a text's tokens and forms where they are known already."""
        known = words or [None] * len(texts)
        words = [w if w is not None else (tokenize(t) or ["\u2205"], sorted(word_forms(t)))
                 for w, t in zip(known, texts, strict=True)]
        bm25 = bm25s.BM25()
        bm25.index([w[0] for w in words], show_progress=False)
        bm25.corpus = [n if isinstance(n, dict) else node_to_metadata_dict(n) | {"node_id": n.node_id}
                       for n in nodes]
        made = cls(existing_bm25=bm25, similarity_top_k=similarity_top_k)
        made.form_freq = dict(Counter(f for w in words for f in w[1]))
        made.words = words
        if ocr and any(ocr):
            made.ocr_words = _ocr_only_words(texts, ocr)
        return made

    def save(self, path: Path) -> None:
        self.persist(str(path), show_progress=False)
        (path / FORMS).write_text(json.dumps(self.form_freq, ensure_ascii=False), encoding="utf-8")
        if self.words is not None:
            (path / WORDS).write_text(json.dumps(self.words, ensure_ascii=False), encoding="utf-8")
        if self.ocr_words:
            (path / OCR_WORDS).write_text(json.dumps(self.ocr_words), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, similarity_top_k: int = 30) -> KeywordRetriever:
        bm25 = bm25s.BM25.load(str(path), load_corpus=True, show_progress=False)
        made = cls(existing_bm25=bm25, similarity_top_k=similarity_top_k)
        if (path / OCR_WORDS).exists():
            made.ocr_words = json.loads((path / OCR_WORDS).read_text(encoding="utf-8"))
        forms = path / FORMS  # (an index built before either file answers without them)
        if forms.exists():
            made.form_freq = json.loads(forms.read_text(encoding="utf-8"))
        elif (path / OLD_FORMS).exists():
            made.form_freq = _form_freq(f"{c.get('heading', '')}\n{json.loads(c['_node_content'])['text']}"
                                        for c in made.corpus if "_node_content" in c)
        made._hide(tombstones.read(path))
        return made

    def _hide(self, removed: dict[str, int]) -> None:
        """Hide the rows of removed articles, and take their words out of the word counts."""
        if not removed:
            return
        ids = np.array([c.get("article_id", "") for c in self.corpus])
        dead = np.isin(ids, sorted(removed))
        if not dead.any():
            return
        for i in np.flatnonzero(dead):
            for form in self.forms_of(int(i)):
                left = self.form_freq.get(form, 0) - 1
                if left > 0:
                    self.form_freq[form] = left
                else:
                    self.form_freq.pop(form, None)
        self.dead = dead

    def misread(self, question: str) -> list[str]:
        """Search tokens of the OCR-only words the question's words may have been misread as:
        OCR'd chunks that print "cooperatlve" match "cooperative" as a clean chunk holding it
        would. Words are compared as printed (a stemmer cuts a misreading differently). Only words
        no clean chunk holds are candidates: an index without OCR'd text searches as before."""
        if not self.ocr_words:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein

        if self._printed is None:
            self._printed = list(self.ocr_words)
        out: list[str] = []
        for w in dict.fromkeys(w.lower() for w in _PRINTED.findall(question)):
            if len(w) < OCR_MIN_LETTERS:
                continue
            edits = 1 if len(w) < OCR_LONG_WORD else 2
            out += [self.ocr_words[m] for m, _, _ in process.extract(
                w, self._printed, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=5)]
        return out

    @staticmethod
    def saved_words(path: Path) -> list[tuple[list[str], list[str]]] | None:
        """The tokens and forms saved with an index, by corpus row; None when it has none."""
        try:
            return [tuple(w) for w in json.loads((path / WORDS).read_text(encoding="utf-8"))]
        except (OSError, ValueError):
            return None

    @property
    def size(self) -> int:
        """Chunks indexed, not counting removed ones (rows of the corpus: `len(corpus)`)."""
        return len(self.corpus) - (int(self.dead.sum()) if self.dead is not None else 0)

    def article_ids(self) -> np.ndarray:
        """The article of each chunk, by chunk index (computed once); "" for a removed one."""
        if getattr(self, "_article_ids", None) is None:
            ids = np.array([c.get("article_id", "") for c in self.corpus])
            if self.dead is not None:
                ids[self.dead] = ""
            self._article_ids = ids
        return self._article_ids

    def chunks_with(self, token: str) -> np.ndarray:
        """The chunks holding a search token, by chunk index (bm25s keeps a column per token)."""
        col = self.bm25.vocab_dict.get(token)
        indptr = self.bm25.scores["indptr"]
        if col is None or col + 1 >= len(indptr):
            return np.zeros(0, dtype=np.int64)
        rows = np.asarray(self.bm25.scores["indices"][indptr[col]:indptr[col + 1]])
        return rows if self.dead is None else rows[~self.dead[rows]]

    def forms_of(self, i: int) -> frozenset[str]:
        """The light-stemmed English words of chunk i (heading and text, as form_freq counts
        them), made when first asked for."""
        if i not in self._forms_of:
            c = self.corpus[i]
            text = json.loads(c["_node_content"])["text"] if "_node_content" in c else ""
            self._forms_of[i] = frozenset(word_forms(f"{c.get('heading', '')}\n{text}"))
        return self._forms_of[i]

    def doc_freq(self) -> tuple[dict[str, int], int]:
        """How many chunks hold each token (bm25s keeps a column per token), and how many chunks."""
        indptr = self.bm25.scores["indptr"]
        counts = np.diff(indptr)
        if self.dead is not None:  # each removed row's tokens, column by column
            columns = np.repeat(np.arange(len(counts)), counts)
            counts = counts - np.bincount(columns[self.dead[np.asarray(self.bm25.scores["indices"])]],
                                          minlength=len(counts))
        return {t: int(counts[i]) for t, i in self.bm25.vocab_dict.items()
                if i < len(counts) and counts[i] > 0}, self.size

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        tokens = query_tokens(query_bundle.query_str)
        if not tokens or not self.corpus:
            return []
        tokens += self.misread(query_bundle.query_str)
        k = min(self.similarity_top_k, len(self.corpus))
        mask = self.mask
        if self.dead is not None:
            mask = (mask if mask is not None else np.ones(len(self.corpus), dtype=np.float32)) * ~self.dead
        indexes, scores = self.bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        out = []
        for idx, score in zip(indexes[0], scores[0], strict=True):
            if score <= 0:
                continue
            # bm25s hands back the stored document itself when it holds the corpus.
            node = metadata_dict_to_node(idx if isinstance(idx, dict) else self.corpus[int(idx)])
            out.append(NodeWithScore(node=node, score=float(score)))
        return out
