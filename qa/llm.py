"""Language-model backends for the generative mode, through llama-index's LLM integrations.

One setting names the backend (`--llm` / `QA_LLM`):
  llamacpp:<path.gguf>   a local GGUF file (llama-cpp-python; optional extra `.[llamacpp]`)
  ollama:<model>         an Ollama server (QA_LLM_BASE_URL, default http://127.0.0.1:11434)
  openai:<model>         any OpenAI-compatible server (QA_LLM_BASE_URL; key from QA_LLM_API_KEY
                         or OPENAI_API_KEY)
Empty means no language model: the extractive answerer, as always.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from qa.errors import QAError

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

    from qa.config import Config

KINDS = ("llamacpp", "ollama", "openai")


class LLMError(QAError):
    """The language model is unusable: missing, down, too slow, or it answered garbage."""

    exit_code = 5


def parse_spec(spec: str) -> tuple[str, str]:
    kind, sep, name = spec.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not name.strip():
        raise QAError(f"QA_LLM must be one of llamacpp:<path.gguf>, ollama:<model>, openai:<model>; "
                      f"not {spec!r}")
    return kind, name.strip()


def _need(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise LLMError(f"this backend needs the {module} package: pip install '{extra}'")


def chatml(messages) -> str:
    """ChatML, the chat format of Qwen2.5 and SmolLM2 GGUF files."""
    parts = [f"<|im_start|>{m.role.value}\n{m.content}<|im_end|>\n" for m in messages]
    return "".join(parts) + "<|im_start|>assistant\n"


def make_llm(config: Config) -> LLM | None:
    """The configured backend, or None for the extractive mode. Nothing is fetched from a hub."""
    if not config.llm:
        return None
    kind, name = parse_spec(config.llm)
    timeout = float(config.llm_timeout)
    if kind == "llamacpp":
        path = Path(name).expanduser()
        if not path.is_file():
            raise LLMError(f"no GGUF model file at {path} (for the bundled Qwen2.5-Coder-1.5B: "
                           f"`qa models qwen` fetches it into models/)")
        _need("llama_cpp", "handicraft-qa[llamacpp]")
        _need("llama_index.llms.llama_cpp", "llama-index-llms-llama-cpp")
        from llama_index.llms.llama_cpp import LlamaCPP

        # model_path always: without it the wrapper downloads a default model.
        return LlamaCPP(model_path=str(path), temperature=0.0, max_new_tokens=config.llm_max_tokens,
                        context_window=4096, messages_to_prompt=chatml,
                        completion_to_prompt=lambda text: chatml_from_text(text),
                        model_kwargs={"n_threads": config.threads or None, "verbose": False}, verbose=False)
    if kind == "ollama":
        _need("llama_index.llms.ollama", "llama-index-llms-ollama")
        from llama_index.llms.ollama import Ollama

        return Ollama(model=name, base_url=config.llm_base_url or "http://127.0.0.1:11434",
                      request_timeout=timeout, temperature=0.0)
    _need("llama_index.llms.openai_like", "llama-index-llms-openai-like")
    from llama_index.llms.openai_like import OpenAILike

    if not config.llm_base_url:
        raise QAError("openai:<model> needs the server's base URL: --llm-base-url or QA_LLM_BASE_URL "
                      "(for example http://127.0.0.1:8000/v1)")
    key = os.environ.get("QA_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY") or "none"
    return OpenAILike(model=name, api_base=config.llm_base_url, api_key=key, timeout=timeout, max_retries=0,
                      temperature=0.0, max_tokens=config.llm_max_tokens, is_chat_model=True,
                      context_window=8192)


def chatml_from_text(text: str) -> str:
    from llama_index.core.llms import ChatMessage

    return chatml([ChatMessage(role="user", content=text)])
