"""Handicraft QA web UI: `python app.py` serves it on http://127.0.0.1:7860.

Host and port come from --host/--port or QA_HOST/QA_PORT. Only a loopback address is used
unless another is named explicitly; the app is never shared through a public link.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
import time

import qa  # noqa: F401  (offline environment and telemetry off, before gradio is imported)
from qa.config import Config
from qa.errors import QAError


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="app.py", description="Handicraft QA web UI")
    p.add_argument("--host", help="address to listen on (QA_HOST; default 127.0.0.1). Anything but a "
                                  "loopback address exposes the app to your network")
    p.add_argument("--port", type=int, help="port (QA_PORT; default 7860)")
    p.add_argument("--index", dest="index_dir", metavar="DIR", help="index folder (QA_INDEX_DIR)")
    p.add_argument("--seeds", dest="seeds_dir", metavar="DIR", help="default corpus (QA_SEEDS_DIR)")
    p.add_argument("--uploads", dest="uploads_dir", metavar="DIR",
                   help="where uploaded documents are kept (QA_UPLOADS_DIR; default library/)")
    p.add_argument("--model", dest="embed_model", metavar="NAME_OR_PATH",
                   help="embedding model (QA_EMBED_MODEL)")
    p.add_argument("--llm", metavar="BACKEND", help="write answers with a language model: "
                   "llamacpp:<path.gguf>, ollama:<model> or openai:<model> (QA_LLM; default: none, quotes)")
    p.add_argument("--llm-base-url", dest="llm_base_url", metavar="URL", help="its server (QA_LLM_BASE_URL)")
    p.add_argument("--llm-timeout", dest="llm_timeout", type=int, metavar="SECONDS",
                   help="quotes instead when the model takes longer (QA_LLM_TIMEOUT; 60)")
    p.add_argument("--chroma-server", dest="chroma_server", metavar="HOST:PORT",
                   help="use a Chroma server instead of the embedded store (QA_CHROMA_SERVER)")
    p.add_argument("--device", metavar="DEVICE",
                   help="where a sentence-transformers model encodes: cpu, cuda or auto (QA_DEVICE)")
    return p.parse_args(argv)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str]) -> int:
    t0 = time.perf_counter()
    args = parse(argv)
    try:
        keys = ("host", "port", "index_dir", "seeds_dir", "uploads_dir", "embed_model", "llm", "llm_base_url",
                "llm_timeout", "chroma_server", "device")
        config = Config.from_env(**{k: getattr(args, k) for k in keys})
        if not 1 <= config.port <= 65535:
            raise QAError(f"the port must be between 1 and 65535, not {config.port}")
        from qa.extract import DOCUMENT_BYTES_FACTOR
        from qa.library import Library
        from qa.ui import CSS, HEAD, build

        library = Library.load(config)
        demo = build(library)
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    if not _is_loopback(config.host):
        print(f"warning: listening on {config.host}: anyone who can reach this machine can use the app",
              file=sys.stderr)
    demo.queue(default_concurrency_limit=4)
    print(f"Handicraft QA: http://{config.host}:{config.port} (ready in {time.perf_counter() - t0:.1f} s)",
          flush=True)
    try:
        demo.launch(server_name=config.host, server_port=config.port, share=False, css=CSS, head=HEAD,
                    max_file_size=config.max_file_bytes * DOCUMENT_BYTES_FACTOR,
                    footer_links=["api"], quiet=True,
                    allowed_paths=[], show_error=True)
    except OSError as e:
        print(f"error: cannot listen on {config.host}:{config.port} ({e})", file=sys.stderr)
        return 2
    finally:
        library.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    sys.exit(main(sys.argv[1:]))
