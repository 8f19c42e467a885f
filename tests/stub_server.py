"""A stdlib stub of an OpenAI-compatible server on 127.0.0.1: scripted replies and a record of every request.

    with StubServer(models=["stub-model"]) as server:
        server.enqueue(Reply("Bonjour."), Reply(status=503))
        ...                                  # point a backend at server.url (http://127.0.0.1:PORT/v1)
        server.requests[-1].body["prompt"]   # what it was sent

Serves GET /v1/models, POST /v1/completions and /v1/chat/completions (JSON, or server-sent events when the
body has "stream": true), and, as llama.cpp's server does, GET /props and POST /tokenize; or, as
llama-cpp-python's server does, POST /extras/tokenize (which adds a BOS token, id 2). A completion request
naming a model the stub does not list gets a 404, as vLLM and OpenAI answer.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

BOS = 2


@dataclass
class Reply:
    """One scripted answer to a completion request."""

    text: str = "Réponse du modèle."
    finish_reason: str = "stop"
    prompt_tokens: int | None = 7  # None: no usage in the reply
    completion_tokens: int | None = None  # None: the words in text
    cached_tokens: int | None = None  # usage.prompt_tokens_details.cached_tokens
    pieces: list[str] | None = None  # streamed chunks; None: text cut after each space
    status: int = 200  # anything else: an OpenAI-style error with message
    message: str = "stub error"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    drop_after: int | None = None  # streaming: close the connection after this many chunks, unfinished
    stream_error: str | None = None  # streaming: after the chunks, an error event with this message

    def chunks(self) -> list[str]:
        if self.pieces is not None:
            return self.pieces
        words = self.text.split(" ")
        return [w + " " for w in words[:-1]] + [words[-1]] if self.text else []


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: Any


def stub_tokens(text: str) -> list[int]:
    """Deterministic ids, one per whitespace word."""
    return [100 + sum(map(ord, word)) % 30000 for word in text.split()]


class StubServer:
    """Scripted OpenAI-compatible server in a thread; `requests` records what it was sent, in order."""

    def __init__(self, models: tuple[str, ...] | list[str] = ("stub-model",), *,
                 tokenizer: Literal["llama.cpp", "llama-cpp-python", None] = "llama.cpp",
                 n_ctx: int | None = None, model_meta: dict[str, Any] | None = None,
                 api_key: str | None = None) -> None:
        self.models = list(models)
        self.tokenizer = tokenizer
        self.n_ctx = n_ctx  # served at /props when set
        self.model_meta = model_meta or {}  # extra fields of every /v1/models entry
        self.api_key = api_key  # when set, completion requests need "Authorization: Bearer <key>"
        self.replies: deque[Reply] = deque()
        self.requests: list[Request] = []
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def posts(self, path: str = "/v1/completions") -> list[Request]:
        return [r for r in self.requests if r.method == "POST" and r.path == path]

    def start(self) -> StubServer:
        handler = type("Handler", (_Handler,), {"stub": self})
        self._httpd = _Server(("127.0.0.1", self.port), handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="stub-openai",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: later connections are refused, as with a server that is down."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a timeout test) is expected; anything else is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    stub: StubServer
    protocol_version = "HTTP/1.0"  # one request per connection; a stream ends when the connection closes

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
        pass

    def do_GET(self) -> None:
        self._record(None)
        if self.path == "/v1/models":
            data = [{"id": m, "object": "model", "owned_by": "stub", **self.stub.model_meta}
                    for m in self.stub.models]
            self._json(200, {"object": "list", "data": data})
        elif self.path == "/props" and self.stub.n_ctx:
            self._json(200, {"default_generation_settings": {"n_ctx": self.stub.n_ctx}})
        else:
            self._json(404, {"detail": "Not Found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = raw.decode("utf-8", "replace")
        self._record(body)
        if self.path in ("/v1/completions", "/v1/chat/completions"):
            self._complete(body)
        elif self.path == "/tokenize" and self.stub.tokenizer == "llama.cpp" and "content" in body:
            self._json(200, {"tokens": stub_tokens(body["content"])})
        elif self.path == "/extras/tokenize" and self.stub.tokenizer == "llama-cpp-python":
            self._json(200, {"tokens": [BOS, *stub_tokens(body["input"])]})
        else:
            self._json(404, {"detail": "Not Found"})

    def _record(self, body: Any) -> None:
        headers = {key.lower(): value for key, value in self.headers.items()}
        self.stub.requests.append(Request(self.command, self.path, headers, body))

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._json(status, {"error": {"message": message, "type": "stub_error", "code": status}}, headers)

    def _complete(self, body: dict[str, Any]) -> None:
        stub = self.stub
        if stub.api_key and self.headers.get("Authorization") != f"Bearer {stub.api_key}":
            return self._error(401, "Invalid API key.")
        if body.get("model") not in stub.models:
            return self._error(404, f"The model `{body.get('model')}` does not exist.")
        reply = stub.replies.popleft() if stub.replies else Reply()
        time.sleep(reply.delay)
        if reply.status != 200:
            return self._error(reply.status, reply.message, reply.headers)
        chat = self.path.endswith("/chat/completions")
        if body.get("stream"):
            return self._stream(body, reply, chat)
        choice: dict[str, Any] = {"index": 0, "finish_reason": reply.finish_reason, "logprobs": None}
        if chat:
            choice["message"] = {"role": "assistant", "content": reply.text}
        else:
            choice["text"] = reply.text
        payload = _envelope(body, chat, stream=False) | {"choices": [choice]}
        if reply.prompt_tokens is not None:
            payload["usage"] = _usage(reply)
        self._json(200, payload, reply.headers)

    def _stream(self, body: dict[str, Any], reply: Reply, chat: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        head = _envelope(body, chat, stream=True)

        def event(payload: Any) -> None:
            self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
            self.wfile.flush()

        def choice(piece: str, finish: str | None) -> dict[str, Any]:
            key, value = ("delta", {"content": piece} if piece else {}) if chat else ("text", piece)
            return head | {"choices": [{"index": 0, key: value, "finish_reason": finish, "logprobs": None}]}

        if chat:
            event(head | {"choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]})
        for sent, piece in enumerate(reply.chunks()):
            if reply.drop_after is not None and sent >= reply.drop_after:
                return  # the connection closes with the handler: no finish_reason, no [DONE]
            event(choice(piece, None))
        if reply.stream_error is not None:
            event({"error": {"message": reply.stream_error, "type": "server_error", "code": 500}})
            return
        event(choice("", reply.finish_reason))
        wants_usage = (body.get("stream_options") or {}).get("include_usage")
        if wants_usage and reply.prompt_tokens is not None:
            event(head | {"choices": [], "usage": _usage(reply)})
        self.wfile.write(b"data: [DONE]\n\n")


def _envelope(body: dict[str, Any], chat: bool, *, stream: bool) -> dict[str, Any]:
    kind = ("chat.completion.chunk" if stream else "chat.completion") if chat else "text_completion"
    return {"id": "cmpl-stub", "object": kind, "created": 0, "model": body.get("model")}


def _usage(reply: Reply) -> dict[str, Any]:
    completion = reply.completion_tokens
    if completion is None:
        completion = len(reply.text.split())
    usage: dict[str, Any] = {"prompt_tokens": reply.prompt_tokens, "completion_tokens": completion,
                             "total_tokens": (reply.prompt_tokens or 0) + completion}
    if reply.cached_tokens is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": reply.cached_tokens}
    return usage
