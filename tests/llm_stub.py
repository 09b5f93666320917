"""A real local HTTP server that speaks the OpenAI chat-completions protocol (plain and streamed
as server-sent events) and Ollama's /api/chat (streamed JSON lines), and answers with crafted
texts: the stand-in for a remote model server."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubLLM:
    def __init__(self) -> None:
        # question substring → answer text, or one of "!slow", "!500", "!garbage"
        self.answers: dict[str, str] = {}
        self.default = "The passages do not say."
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.delay = 0.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(body)
                stub.paths.append(self.path)
                if self.path.endswith("/api/show"):  # Ollama's model card, asked for first
                    card = {"modelfile": "", "parameters": "", "template": "{{ .Prompt }}",
                            "details": {"family": "qwen2", "parameter_size": "1.5B"},
                            "model_info": {"general.architecture": "qwen2", "qwen2.context_length": 32768},
                            "capabilities": ["completion"]}
                    self._send(200, "application/json", json.dumps(card).encode())
                    return
                ollama = self.path.endswith("/api/chat")
                if not (ollama or self.path.endswith("/chat/completions")):
                    self.send_error(404)
                    return
                question = body["messages"][-1]["content"].rsplit("Question:", 1)[-1].strip()
                # The longest key found in the question wins: tests add keys as they go.
                keys = sorted((k for k in stub.answers if k in question), key=len, reverse=True)
                text = stub.answers[keys[0]] if keys else stub.default
                if text == "!500":
                    self.send_error(500, "model crashed")
                    return
                if text == "!garbage":
                    self._send(200, "application/json", b"<html>not json</html>")
                    return
                if text == "!slow":
                    time.sleep(5)
                    text = "Too late. [1]"
                text = _resolve(text, body["messages"][-1]["content"])
                if ollama:
                    self._ollama(body, text)
                elif body.get("stream"):
                    self._stream(body, text)
                else:
                    self._send(200, "application/json", json.dumps(_completion(body, text)).encode())

            def _send(self, code: int, ctype: str, data: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _ollama(self, body: dict, text: str) -> None:
                """Ollama's /api/chat: one JSON object a line, the last with done: true."""
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                pieces = text.split(" ") if body.get("stream", True) else [text]
                for i, w in enumerate(pieces):
                    piece = w if i == 0 else " " + w
                    line = {"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z",
                            "message": {"role": "assistant", "content": piece}, "done": False}
                    self.wfile.write(json.dumps(line).encode() + b"\n")
                    self.wfile.flush()
                end = {"model": body.get("model"), "created_at": "2026-01-01T00:00:00Z",
                       "message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop",
                       "total_duration": 1, "prompt_eval_count": 1, "eval_count": 1}
                self.wfile.write(json.dumps(end).encode() + b"\n")
                self.wfile.flush()

            def _stream(self, body: dict, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                words = text.split(" ")
                for i, w in enumerate(words):
                    piece = w if i == 0 else " " + w
                    self.wfile.write(b"data: " + json.dumps(_chunk(body, piece)).encode() + b"\n\n")
                    self.wfile.flush()
                    if stub.delay:
                        time.sleep(stub.delay)
                self.wfile.write(b"data: " + json.dumps(_chunk(body, None, "stop")).encode() + b"\n\n")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _resolve(text: str, prompt: str) -> str:
    """"[@1.1 million]" becomes the number of the prompt's passage that holds "1.1 million", so a
    crafted answer cites the right passage whatever the retrieval order."""
    import re

    blocks = {int(m.group(1)): m.group(2) for m in re.finditer(r"^\[(\d+)\] (.*?)(?=^\[\d+\] |\Z)", prompt,
                                                                re.M | re.S)}

    def find(m: re.Match) -> str:
        hit = next((n for n, b in sorted(blocks.items()) if m.group(1) in b), 0)
        return f"[{hit}]"

    return re.sub(r"\[@([^\]]+)\]", find, text)


def _completion(body: dict, text: str) -> dict:
    return {"id": "cmpl-stub", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def _chunk(body: dict, piece: str | None, finish: str | None = None) -> dict:
    delta = {"content": piece} if piece is not None else {}
    return {"id": "cmpl-stub", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
