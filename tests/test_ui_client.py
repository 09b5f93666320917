"""The web UI's endpoints driven with gradio_client: the same answers as `qa ask`, follow-ups that
use the conversation, and several sessions asking at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest

S1 = "001_9fe5e06e1cbca207.txt"


@pytest.fixture(scope="module")
def client(app_server):
    from gradio_client import Client

    return Client(app_server["url"], verbose=False)


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def test_ask_endpoint_is_the_cli_contract(client, pipeline):
    q = "When did the Fourth National Handicraft Work Conference conclude?"
    got = client.predict(q, "", "", 5, api_name="/ask")
    assert set(got) == {"question", "answer", "refused", "citations", "timings_ms", "mode", "verdicts",
                        "notice", "scope", "disagreements"}
    want = pipeline.ask(q).to_dict()
    assert got["answer"] == want["answer"] and "January 5" in got["answer"]
    assert [c["source"] for c in got["citations"]] == [c["source"] for c in want["citations"]]


def test_ask_endpoint_takes_a_scope(client):
    q = "Who was the acting director listed in the record of the 3rd National Conference of Handicraft?"
    got = client.predict(q, "", "", 5, [], "zh", "", api_name="/ask")
    assert got["scope"]["languages"] == ["zh"] and "002_d9706caa106fad3f.txt" not in got["scope"]["sources"]
    assert "Cheng Zihua" not in got["answer"]
    got = client.predict(q, "", "", 5, ["002_d9706caa106fad3f.txt"], "", "", api_name="/ask")
    assert "Cheng Zihua" in got["answer"] and got["scope"]["sources"] == ["002_d9706caa106fad3f.txt"]


def test_ask_endpoint_rejects_bad_input(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="empty"):
        client.predict("   ", "", "", 5, api_name="/ask")
    with pytest.raises(AppError, match="not a date"):
        client.predict("What was planned?", "1955-13", "", 5, api_name="/ask")


def test_chat_follow_up_uses_the_conversation(app_server, pipeline):
    from gradio_client import Client

    c = Client(app_server["url"], verbose=False)  # its own session, its own conversation
    history, passages, box = c.predict("How many members were handicraft production cooperatives to have "
                                       "in 1955?", [], "", "", 5, api_name="/chat")
    assert box == "" and "2 million" in _text(history[-1]) and S1 in passages
    history, _, _ = c.predict("and in 1957?", history, "", "", 5, api_name="/chat")
    asked = _text(history[-2])
    assert "understood as" in asked and "1957" in asked
    assert "5 million" in _text(history[-1])


def test_date_filter_and_k_reach_the_pipeline(client):
    got = client.predict("How many members were planned for 1957?", "", "1954", 3, api_name="/ask")
    assert all(c["date"] <= "1954-12-31" for c in got["citations"])
    assert len(got["citations"]) <= 3


QUESTIONS = [
    ("How many people were organized into handicraft production cooperatives by the end of 1954?", "",
     "1.1 million"),
    ("How many handicraft production cooperatives were there at the end of 1953?", "", "4,806"),
    ("一九五五年手工业生产合作社社员要发展到多少人？", "", "二百万"),
    ("When did the Fifth National Handicraft Production Cooperative Conference close?", "1955", "28th"),
    ("What did Mao Zedong say about handicraft cooperatives?", "", "The articles do not say"),
    ("Which Soviet expert gave a special report at the Fourth National Handicraft Work Conference?", "1955",
     "Yevseyev"),
]


def test_several_sessions_at_once(app_server):
    from gradio_client import Client

    def one(item):
        question, since, expect = item
        c = Client(app_server["url"], verbose=False)
        history, _, _ = c.predict(question, [], since, "", 5, api_name="/chat")
        return expect, _text(history[-1])

    with ThreadPoolExecutor(max_workers=len(QUESTIONS)) as pool:
        results = list(pool.map(one, QUESTIONS * 2))
    for expect, text in results:
        assert expect in text
