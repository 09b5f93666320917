"""The generative mode against a real local HTTP server speaking the OpenAI protocol (streamed):
crafted answers, and verification that drops exactly what it should."""

from dataclasses import replace

import pytest

from qa.errors import QAError
from qa.generate import statements
from qa.llm import LLMError, make_llm, parse_spec
from qa.pipeline import Pipeline

from .conftest import run_qa

Q_1954 = "How many people were organized into handicraft production cooperatives by the end of 1954?"
Q_1955 = "How many members were handicraft production cooperatives to have in 1955?"
SWAPPED_YEAR = ("In 1955 cooperative membership was to reach about 2 million [@2 million]. "
                "In 1957 the total output value was to exceed 20 trillion yuan [@20 trillion].")


@pytest.fixture(scope="module")
def stub(llm_stub):
    return llm_stub


@pytest.fixture(scope="module")
def gen(config, embedder, pipeline, stub):
    cfg = replace(config, llm="openai:stub-model", llm_base_url=stub.url, llm_timeout=3)
    p = Pipeline(cfg, embedder, pipeline.store, make_llm(cfg))
    return p


def test_a_supported_answer_is_kept_with_exact_quotes(gen, stub, seed_text):
    stub.answers["end of 1954"] = ("By the end of 1954, more than 1.1 million people had been organized "
                                   "into handicraft production cooperatives [@1.1 million]. That was 3.69 "
                                   "times the 1953 figure [@3.69 times].")
    items = list(gen.ask_stream(Q_1954))
    deltas, answer = items[:-1], items[-1]
    assert len(deltas) > 5 and all(isinstance(d, str) for d in deltas)  # streamed
    assert answer.mode == "generative" and not answer.refused
    assert "1.1 million" in answer.answer and "3.69" in answer.answer
    assert [v.kept for v in answer.verdicts] == [True, True]
    assert answer.citations and "[1]" in answer.answer
    for c in answer.citations:
        assert seed_text[c.source][c.start:c.end] == c.quote
    assert stub.requests[-1]["stream"] is True
    prompt = stub.requests[-1]["messages"][-1]["content"]
    assert "[1] " in prompt and "(1955-01-09)" in prompt and Q_1954 in prompt


def test_a_swapped_year_is_dropped_and_the_rest_kept(gen, stub):
    stub.answers["to have in 1955"] = SWAPPED_YEAR
    answer = gen.ask(Q_1955)
    assert answer.mode == "generative"
    kept = [v for v in answer.verdicts if v.kept]
    dropped = [v for v in answer.verdicts if not v.kept]
    assert len(kept) == 1 and "2 million" in kept[0].sentence
    assert len(dropped) == 1 and "1957" in dropped[0].sentence and "1957" in dropped[0].reason
    assert "1957" not in answer.answer and "2 million" in answer.answer


def test_citing_a_passage_not_given_and_no_citation_are_dropped(gen, stub):
    stub.answers["Conference conclude"] = ("The Fourth conference concluded on January 5 [9].\n\n"
                                           "It was a great success.")
    answer = gen.ask("When did the Fourth National Handicraft Work Conference conclude?")
    reasons = [v.reason for v in answer.verdicts]
    assert [v.kept for v in answer.verdicts] == [False, False]
    assert "cites passage [9], which was not given" in reasons[0] and reasons[1] == "no citation"
    # Nothing survived: the extractive answer, said so.
    assert answer.mode == "extractive-fallback" and "January 5" in answer.answer
    assert "no generated sentence passed the check" in answer.notice


def test_a_swapped_number_alone_falls_back(gen, stub):
    stub.answers["at the end of 1953"] = "At the end of 1953 there were 4,860 cooperatives [@4,806]."
    answer = gen.ask("How many handicraft production cooperatives were there at the end of 1953?")
    assert answer.mode == "extractive-fallback"
    assert answer.verdicts[0].kept is False and "4,860" in answer.verdicts[0].reason
    assert "4,806" in answer.answer and "4,860" not in answer.answer


def test_refusals_do_not_reach_the_model(gen, stub):
    n = len(stub.requests)
    answer = gen.ask("What did Mao Zedong say about handicraft cooperatives?")
    assert answer.refused and answer.mode == "extractive" and len(stub.requests) == n


@pytest.mark.parametrize(("kind", "message"), [("!500", "the language model failed"),
                                                ("!garbage", "the language model failed"),
                                                ("!slow", "the language model failed")])
def test_a_failing_backend_gives_the_extractive_answer(gen, stub, kind, message):
    stub.answers["Fifth National Handicraft"] = kind
    answer = gen.ask("When did the Fifth National Handicraft Production Cooperative Conference close?")
    assert answer.mode == "extractive-fallback" and message in answer.notice
    assert "28th" in answer.answer


def test_a_backend_that_is_down(config, embedder, pipeline):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = replace(config, llm="openai:m", llm_base_url=f"http://127.0.0.1:{port}/v1", llm_timeout=3)
    answer = Pipeline(cfg, embedder, pipeline.store, make_llm(cfg)).ask(Q_1954)
    assert answer.mode == "extractive-fallback" and "Connection" in answer.notice
    assert "1.1 million" in answer.answer


def test_statements_split_and_markers():
    assert statements("A first [1]. A second.[2][3] Tail") == [
        ("A first.", [1]), ("A second.", [2, 3]), ("Tail", [])]
    assert statements("第一句[1]。第二句。【2】") == [("第一句。", [1]), ("第二句。", [2])]
    # A citation closing a run of sentences covers the uncited ones before it, in its paragraph.
    assert statements("One. Two [2].\n\nThree. Four.") == [("One.", [2]), ("Two.", [2]), ("Three.", []),
                                                          ("Four.", [])]
    assert statements("Both [1, 2].") == [("Both.", [1, 2])]


def test_bad_backend_settings_are_one_line_errors(config, tmp_path):
    with pytest.raises(QAError, match="must be one of"):
        parse_spec("gpt4")
    with pytest.raises(LLMError, match="no GGUF model file"):
        make_llm(replace(config, llm=f"llamacpp:{tmp_path / 'none.gguf'}"))
    with pytest.raises(QAError, match="base URL"):
        make_llm(replace(config, llm="openai:m", llm_base_url=""))


def test_cli_json_shows_mode_and_verdicts(stub, pipeline, index_dir):
    stub.answers["to have in 1955"] = SWAPPED_YEAR
    env = {"QA_INDEX_DIR": str(index_dir), "QA_LLM": "openai:stub", "QA_LLM_BASE_URL": stub.url}
    import json

    p = run_qa("ask", Q_1955, "--json", env=env)
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["mode"] == "generative"
    assert [v["kept"] for v in obj["verdicts"]] == [True, False]
    p = run_qa("ask", Q_1955, env=env)
    assert "Dropped" in p.stdout and "1957" in p.stdout
    p = run_qa("ask", Q_1955, env={**env, "QA_LLM": "llamacpp:/no/such.gguf"})
    assert p.returncode == 5 and p.stderr.startswith("error: no GGUF model file")


def test_follow_ups_are_condensed_by_the_model(stub, gen):
    from qa.conversation import Conversation

    conv = Conversation()
    conv.resolve("How many members were handicraft production cooperatives to have in 1955?", gen.llm)
    stub.answers["<Standalone question>"] = "How many members were planned for 1957 by the Third conference?"
    assert conv.resolve("and what about 1957?", gen.llm) == \
        "How many members were planned for 1957 by the Third conference?"
    # A rewrite that invents a year is not trusted: the heuristic answers instead.
    stub.answers["<Standalone question>"] = "How many members were there in 1960?"
    assert conv.resolve("and in 1956?", gen.llm) == \
        "How many members were planned for 1956 by the Third conference?"
    # A question that stands alone is not sent to the model.
    n = len(stub.requests)
    assert conv.resolve("Who was Zheng Jie?", gen.llm) == "Who was Zheng Jie?"
    assert len(stub.requests) == n
    del stub.answers["<Standalone question>"]


def test_the_web_ui_streams_checks_and_shows_what_was_dropped(app_server_llm, stub):
    from gradio_client import Client

    stub.answers["to have in 1955"] = SWAPPED_YEAR
    c = Client(app_server_llm["url"], verbose=False)
    mode = "language model (openai:stub-model)"
    history, _, _ = c.predict(Q_1955, [], "", "", 5, mode, api_name="/chat")
    final = history[-1]["content"]
    final = final if isinstance(final, str) else "".join(p.get("text", "") for p in final)
    assert 'data-mode="generative"' in final and "2 million" in final
    assert "1 generated sentence dropped" in final and "<s>In 1957" in final
    history, _, _ = c.predict(Q_1955, [], "", "", 5, "quotes (extractive)", api_name="/chat")
    final = history[-1]["content"]
    final = final if isinstance(final, str) else "".join(p.get("text", "") for p in final)
    assert 'data-mode="extractive"' in final


def test_the_app_can_switch_its_language_model(config, embedder, pipeline, stub):
    from qa.library import Library

    lib = Library(config, Pipeline(config, embedder, pipeline.store))
    assert lib.llm is None
    with pytest.raises(QAError, match="must be one of"):
        lib.use_llm("gpt-4")
    assert lib.llm is None and lib.config.llm == ""
    lib.use_llm("openai:stub-model", stub.url)
    assert lib.llm is not None and lib.ask(Q_1954).mode in ("generative", "extractive-fallback")
    lib.use_llm("")
    assert lib.llm is None and lib.ask(Q_1954).mode == "extractive"


def test_qa_chat_streams_then_shows_the_checked_answer(stub, pipeline, index_dir):
    stub.answers["to have in 1955"] = SWAPPED_YEAR
    env = {"QA_INDEX_DIR": str(index_dir), "QA_LLM": "openai:stub", "QA_LLM_BASE_URL": stub.url}
    p = run_qa("chat", env=env, input=Q_1955 + "\n")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    # The model's own words first (its [n] markers as it wrote them), then the checked answer.
    assert out.index("In 1957 the total output value") < out.index("— checked —")
    checked = out[out.index("— checked —"):]
    assert "2 million" in checked and "Dropped" in checked and "✗ In 1957" in checked


def test_the_ollama_backend_speaks_its_protocol(config, embedder, pipeline, stub):
    stub.answers["to have in 1955"] = SWAPPED_YEAR
    cfg = replace(config, llm="ollama:qwen2.5", llm_base_url=stub.url.removesuffix("/v1"),
                  llm_timeout=5)
    items = list(Pipeline(cfg, embedder, pipeline.store, make_llm(cfg)).ask_stream(Q_1955))
    answer = items[-1]
    assert len(items) > 3 and answer.mode == "generative", answer.notice
    assert [v.kept for v in answer.verdicts] == [True, False]
    assert stub.requests[-1]["model"] == "qwen2.5"
