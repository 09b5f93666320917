"""Handicraft QA entry point: `python app.py`.

The web UI is the next piece of work; until it lands this builds the index when missing and
answers an example question on the terminal, through the same pipeline the CLI uses.
"""

from __future__ import annotations

import sys

import qa  # noqa: F401  (offline environment first)
from qa.cli import format_answer
from qa.config import Config
from qa.errors import QAError

EXAMPLE = "How many people were organized into handicraft production cooperatives by the end of 1954?"


def main(argv: list[str]) -> int:
    question = " ".join(argv) or EXAMPLE
    try:
        from qa.pipeline import Pipeline

        pipeline = Pipeline.load(Config.from_env())
        print(f"Q: {question}\n")
        print(format_answer(pipeline.ask(question)))
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    print("\nAsk your own: .venv/bin/qa ask \"...\"   or a conversation: .venv/bin/qa chat")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
