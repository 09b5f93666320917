"""Shared fixtures: the real embedding model and a real index of the seeds, built once a session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import qa  # noqa: F401
from qa.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QA_BIN = str(Path(sys.executable).parent / "qa")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("index") / "index"


@pytest.fixture(scope="session")
def config(index_dir) -> Config:
    return Config.from_env(env={}, index_dir=index_dir, seeds_dir=SEEDS)


@pytest.fixture(scope="session")
def embedder(config):
    from qa.embedding import load_embedder

    return load_embedder(config)


@pytest.fixture(scope="session")
def pipeline(config, embedder):
    from qa.pipeline import Pipeline

    p = Pipeline.load(config, log=lambda _: None, embedder=embedder)
    yield p
    p.close()


@pytest.fixture(scope="session")
def seed_text():
    return {p.name: p.read_bytes().decode("utf-8-sig") for p in SEEDS.iterdir()}


def run_qa(*args: str, env: dict | None = None, input: str | None = None, timeout: int = 300):
    """Run the installed `qa` console script as a user would."""
    from qa.offline import OFFLINE_ENV

    # Neither QA_* settings nor the offline variables leak in from this process: the program
    # must set the offline variables itself.
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith("QA_") and k not in OFFLINE_ENV}
    full_env.update(env or {})
    return subprocess.run([QA_BIN, *args], capture_output=True, text=True, env=full_env,
                          input=input, timeout=timeout)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_app(index_dir: Path | None, work: Path, extra_env: dict | None = None):
    """`python app.py` on a free loopback port, serving a copy of the index (uploads change it);
    with no index_dir, what `extra_env` names (a Chroma server, an index it shares)."""
    import shutil
    import time
    import urllib.request

    if index_dir is not None:
        shutil.copytree(index_dir, work / "index")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    env.update({"QA_INDEX_DIR": str(work / "index"), "QA_SEEDS_DIR": str(SEEDS),
                "QA_UPLOADS_DIR": str(work / "uploads"), "QA_PORT": str(port), **(extra_env or {})})
    log = (work / "app.log").open("w")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError("the app did not start: " + (work / "app.log").read_text())
        time.sleep(0.25)
    info = {"url": url, "port": port, "startup_s": time.perf_counter() - t0, "log": work / "app.log",
            "uploads": work / "uploads", "index": work / "index"}
    return proc, log, info


def _stop(proc, log) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def app_server(pipeline, index_dir, tmp_path_factory):
    proc, log, info = _start_app(index_dir, tmp_path_factory.mktemp("app"))
    yield info
    _stop(proc, log)


@pytest.fixture(scope="session")
def llm_stub():
    from .llm_stub import StubLLM

    stub = StubLLM()
    yield stub
    stub.close()


@pytest.fixture(scope="session")
def app_server_llm(pipeline, index_dir, tmp_path_factory, llm_stub):
    """The app with a language model: the OpenAI-protocol stub."""
    proc, log, info = _start_app(index_dir, tmp_path_factory.mktemp("app-llm"),
                                 {"QA_LLM": "openai:stub-model", "QA_LLM_BASE_URL": llm_stub.url})
    yield info
    _stop(proc, log)
