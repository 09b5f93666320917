"""The `qa` command as a user runs it: JSON contract, info, ingest, bad input, offline."""

import json
import re
import shutil
import textwrap

import pytest

from .conftest import SEEDS, run_qa


@pytest.fixture(scope="module")
def env(pipeline, index_dir):
    return {"QA_INDEX_DIR": str(index_dir), "QA_SEEDS_DIR": str(SEEDS)}


def _no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


def test_ask_json_contract(env, seed_text):
    p = run_qa("ask", "When did the Fourth National Handicraft Work Conference conclude?", "--json",
               env=env)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) == {"question", "answer", "refused", "citations", "timings_ms", "mode", "verdicts",
                        "notice", "scope", "disagreements"}
    assert obj["disagreements"] == []  # one article speaks: nothing differs
    assert obj["scope"] == {"sources": None, "since": None, "until": None, "languages": None,
                            "publications": None}
    assert obj["refused"] is False and "January 5" in obj["answer"]
    assert obj["mode"] == "extractive" and obj["verdicts"] == [] and obj["notice"] is None
    assert set(obj["timings_ms"]) == {"retrieve", "answer", "total"}
    for c in obj["citations"]:
        # `page` and `ocr_confidence` came with PDFs and scans (issue 10): added keys, null for a
        # text file; every key a reader of the contract had is still there.
        assert set(c) == {"n", "source", "title", "date", "quote", "start", "end", "lang", "parallel",
                          "page", "ocr_confidence"}
        assert c["page"] is None and c["ocr_confidence"] is None
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["date"]) and c["lang"] in ("en", "zh")
        assert seed_text[c["source"]][c["start"]:c["end"]] == c["quote"]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", obj["answer"])} == {c["n"] for c in obj["citations"]}


def test_ask_text_with_filters_and_refusal(env):
    p = run_qa("ask", "How many members were planned for 1957?", "-k", "3", "--until", "1954", env=env)
    assert p.returncode == 0 and "5 million" in p.stdout and "Sources:" in p.stdout
    answer, sources = p.stdout.split("Sources:")
    assert "5 million" not in sources  # the quote is in the answer: the source list names it
    assert re.search(r"\[1\] .+ \(\d{4}-\d\d-\d\d\), \S+ chars \d+-\d+", sources)
    p = run_qa("ask", "What did the Sixth National Handicraft Conference decide?", "--json", env=env)
    obj = json.loads(p.stdout)
    assert obj["refused"] is True and obj["citations"]


def test_info(env):
    p = run_qa("info", "--json", env=env)
    info = json.loads(p.stdout)
    assert info["articles"] == 5 and info["chunks"] > 100
    assert info["date_range"] == ["1953-11-20", "1956-03-29"]
    assert info["languages"] == {"en": 5, "zh": 4} and info["embedding_model"] == "multilingual-e5-small"


def test_chat_understands_follow_ups(env):
    p = run_qa("chat", env=env, input="How many members did cooperatives have at the end of 1953?\n"
                                      "and in 1954?\n")
    assert p.returncode == 0, p.stderr
    assert "> and in 1954?\n   ↳ understood as: How many members did cooperatives have at the end of 1954?" \
        in p.stdout
    assert "300,000" in p.stdout and "1.1 million" in p.stdout


@pytest.mark.parametrize("question,message", [("", "empty"), ("   ", "empty"),
                                              ("x" * 100_000, "too long"), ("1", "not a question"),
                                              ("]|_3?'6.$<!|%]", "not a question"),
                                              ("-1?", "not a question")])
def test_bad_questions(env, question, message):
    p = run_qa("ask", question, env=env)
    assert p.returncode == 2 and message in p.stderr and len(p.stderr.strip().splitlines()) == 1
    _no_traceback(p)


def test_bad_dates(env):
    p = run_qa("ask", "When?", "--since", "last spring", env=env)
    assert p.returncode == 2 and "not a date" in p.stderr
    _no_traceback(p)
    # checked before any model loads: a missing model would otherwise be the error
    for command in ("ask", "chat"):
        args = [command, "When?"] if command == "ask" else [command]
        p = run_qa(*args, "--until", "1955-02-30", env={**env, "QA_EMBED_MODEL": "/no/such/model"},
                   input="")
        assert p.returncode == 2 and "not a date" in p.stderr, (command, p.stderr)


def test_a_question_may_start_with_a_dash(env):
    p = run_qa("ask", "-who offered points on nationalizing cooperatives?", "-k", "4", env=env)
    assert p.returncode == 0 and "Liu Shaoqi" in p.stdout, p.stderr
    p = run_qa("ask", "--jsno", "When?", env=env)
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1


def test_ingest_cli_summary_and_bad_files(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    shutil.copy(SEEDS / "003_efffe6ba8053c025.txt", src)
    (src / "blob.txt").write_bytes(b"\x00\x01\x02")
    env = {"QA_INDEX_DIR": str(tmp_path / "idx")}
    p = run_qa("ingest", str(src), env=env)
    assert p.returncode == 1, p.stderr  # something was skipped
    assert "binary" in p.stderr
    last = p.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"1 articles, \d+ chunks in the index \(1 added, 0 changed, 0 unchanged, "
                        r"1 skipped\) in [\d.]+ s", last)
    p2 = run_qa("ingest", str(src / "003_efffe6ba8053c025.txt"), "--quiet", env=env)
    assert p2.returncode == 0 and "(0 added, 0 changed, 1 unchanged, 0 skipped)" in p2.stdout


def test_missing_index_without_seeds(tmp_path):
    p = run_qa("ask", "Who?", env={"QA_INDEX_DIR": str(tmp_path / "none"),
                                   "QA_SEEDS_DIR": str(tmp_path / "noseeds")})
    assert p.returncode == 3 and "qa ingest" in p.stderr
    _no_traceback(p)


def test_missing_index_is_built_from_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "001_9fe5e06e1cbca207.txt", seeds)
    p = run_qa("ask", "When did the Fourth National Handicraft Work Conference conclude?",
               env={"QA_INDEX_DIR": str(tmp_path / "idx"), "QA_SEEDS_DIR": str(seeds)})
    assert p.returncode == 0 and "January 5" in p.stdout and "building it from" in p.stderr


@pytest.fixture
def corruptible(tmp_path, index_dir):
    copy = tmp_path / "idx"
    shutil.copytree(index_dir, copy)
    return copy


def test_corrupt_manifest(corruptible):
    (corruptible / "manifest.json").write_text("{not json", encoding="utf-8")
    p = run_qa("ask", "Who?", env={"QA_INDEX_DIR": str(corruptible)})
    assert p.returncode == 3 and "--rebuild" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    _no_traceback(p)


def test_corrupt_vector_store(corruptible):
    for f in (corruptible / "chroma").rglob("*.sqlite3"):
        f.write_bytes(b"garbage" * 100)
    p = run_qa("ask", "Who?", env={"QA_INDEX_DIR": str(corruptible)})
    assert p.returncode == 3 and "rebuild" in p.stderr
    _no_traceback(p)


def test_corrupt_keyword_index(corruptible):
    shutil.rmtree(corruptible / "keyword")
    p = run_qa("ask", "Who?", env={"QA_INDEX_DIR": str(corruptible)})
    assert p.returncode == 3 and "keyword index" in p.stderr
    _no_traceback(p)


@pytest.mark.parametrize("model,message", [("/no/such/model", "does not exist"),
                                           ("BAAI/bge-small-en-v1.5", "offline")])
def test_bad_model(env, model, message):
    p = run_qa("ask", "Who?", env={**env, "QA_EMBED_MODEL": model}, timeout=120)
    assert p.returncode == 4 and message in p.stderr
    _no_traceback(p)


def test_no_network_is_touched(env, tmp_path):
    """Every socket connect to the outside fails and is reported; the CLI must never try one."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(textwrap.dedent("""
        import socket, sys
        _connect = socket.socket.connect
        def guarded(self, address, *a, **k):
            if self.family in (socket.AF_INET, socket.AF_INET6):
                sys.stderr.write(f"NETWORK ATTEMPT {address}\\n")
                raise OSError("network blocked by test")
            return _connect(self, address, *a, **k)
        socket.socket.connect = guarded
    """))
    clean = {"PYTHONPATH": str(site), **env}
    # Nothing in the environment tells the libraries to stay offline: the program must.
    p = run_qa("ask", "How many delegates attended the third national conference?", "--json",
               env=clean)
    assert p.returncode == 0, p.stderr
    assert "NETWORK ATTEMPT" not in p.stderr
    assert "160" in json.loads(p.stdout)["answer"]
    p = run_qa("ingest", str(SEEDS / "004_41011bc0f67b91ba.txt"), "--quiet",
               env={**clean, "QA_INDEX_DIR": str(tmp_path / "idx")})
    assert p.returncode == 0 and "NETWORK ATTEMPT" not in p.stderr


def test_source_scopes_the_answer(env):
    q = "How many members were planned for 1955?"
    p = run_qa("ask", q, "--source", "003_efffe6ba8053c025.txt", "--json", env=env)
    obj = json.loads(p.stdout)
    assert obj["refused"] and obj["scope"]["sources"] == ["003_efffe6ba8053c025.txt"]
    p = run_qa("ask", q, "--source", "001_9fe5e06e1cbca207.txt", "--source", "003_efffe6ba8053c025.txt",
               "--json", env=env)
    obj = json.loads(p.stdout)
    assert not obj["refused"] and "2 million" in obj["answer"]
    assert {c["source"] for c in obj["citations"]} <= {"001_9fe5e06e1cbca207.txt", "003_efffe6ba8053c025.txt"}
    p = run_qa("ask", q, "--source", "nope.txt", env=env)
    assert p.returncode == 2 and "no article 'nope.txt'" in p.stderr
