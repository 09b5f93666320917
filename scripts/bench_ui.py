"""Web UI figures: time from `python app.py` to a served page, and the answer time a user sees in
the browser (Enter pressed → cited answer shown), in Debian's headless Chromium.

    .venv/bin/python scripts/bench_ui.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "How many people were organized into handicraft production cooperatives by the end of 1954?",
    "一九五五年手工业生产合作社社员要发展到多少人？",
    "What did Liu Shaoqi say about nationalizing handicraft production cooperatives?",
    "What did Mao Zedong say about handicraft cooperatives?",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, env: dict | None = None) -> tuple[subprocess.Popen, float]:
    """`python app.py` on `port`, and the seconds until it served a page."""
    t0 = time.perf_counter()
    env = dict(env if env is not None else os.environ, QA_PORT=str(port))
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py")], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}", timeout=2) as r:
                if r.status == 200:
                    return proc, time.perf_counter() - t0
        except OSError:
            time.sleep(0.05)
        if proc.poll() is not None:
            sys.exit("the app exited before serving a page")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    starts = []
    for _ in range(args.runs):
        proc, seconds = start(free_port())
        starts.append(seconds)
        proc.terminate()
        proc.wait()
    print(f"python app.py → page served: median {statistics.median(starts):.2f} s over {args.runs} starts "
          f"({', '.join(f'{s:.2f}' for s in starts)})")

    from playwright.sync_api import sync_playwright

    port = free_port()
    proc, _ = start(port)
    profile = Path(tempfile.mkdtemp(prefix="chromium-"))
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(
                str(profile), executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync"])
            page = ctx.new_page()
            page.goto(f"http://127.0.0.1:{port}")
            page.wait_for_selector("#question textarea")
            for q in QUESTIONS:
                n = page.locator("#chat .qa-answer, #chat .qa-refusal").count()
                t0 = time.perf_counter()
                page.fill("#question textarea", q)
                page.press("#question textarea", "Enter")
                page.wait_for_function(
                    "n => document.querySelectorAll('#chat .qa-answer, #chat .qa-refusal').length > n", arg=n)
                print(f"answer seen in the browser: {time.perf_counter() - t0:.2f} s  {q}")
            ctx.close()
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
