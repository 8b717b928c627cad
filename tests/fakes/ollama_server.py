"""A fake Ollama server over real HTTP on 127.0.0.1, speaking Ollama's documented REST API.

Only what Sigap uses: ``GET /api/tags`` (the pulled models), ``POST /api/chat`` streamed as NDJSON (one
``message`` piece per line, then a ``done: true`` line with ``done_reason`` and the timing counters) or, with
``"stream": false``, one JSON object; an unknown model is a 404 ``{"error": ...}`` as Ollama sends it.

``behaviour`` is switched per test: ``normal`` streams ``reply``; ``hang`` accepts the connection and never
answers; ``stall`` sends the first piece and then nothing, without closing; ``garbage`` answers 200 with lines
that are not JSON; ``error`` answers HTTP 500 ``{"error": ...}``. ``hang`` applies to ``/api/tags`` too.
A server that is down is a port nobody listens on: :func:`tests.processes.free_port`.

    with run_fake_ollama() as ollama:
        settings = LLMSettings(ollama_host=ollama.url)
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Behaviour = Literal["normal", "hang", "stall", "garbage", "error"]

DEFAULT_MODEL = "qwen2.5:3b-instruct"
DEFAULT_REPLY = ("Refund ", "diproses ", "3–7 hari ", "kerja.")
ERROR_TEXT = "llama runner process has terminated: exit status 2"
HOLD_S = 60.0  # longest a hanging or stalled answer is held open (the fixture releases it sooner)


@dataclass
class FakeOllama:
    """The running fake: its URL, what it will do, and what it was asked."""

    url: str
    behaviour: Behaviour = "normal"
    reply: tuple[str, ...] = DEFAULT_REPLY
    models: tuple[str, ...] = (DEFAULT_MODEL,)
    piece_delay_s: float = 0.0
    chat_requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def messages(self, index: int = -1) -> list[dict[str, Any]]:
        """The chat messages of a received ``/api/chat`` request (the last one by default)."""
        messages: list[dict[str, Any]] = self.chat_requests[index]["messages"]
        return messages


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _piece(model: str, content: str) -> dict[str, Any]:
    return {"model": model, "created_at": _now(), "message": {"role": "assistant", "content": content}, "done": False}


def _final(model: str, content: str, pieces: int) -> dict[str, Any]:
    return {
        "model": model,
        "created_at": _now(),
        "message": {"role": "assistant", "content": content},
        "done_reason": "stop",
        "done": True,
        "total_duration": 912_000_000,
        "load_duration": 12_000_000,
        "prompt_eval_count": 42,
        "prompt_eval_duration": 150_000_000,
        "eval_count": pieces,
        "eval_duration": 750_000_000,
    }


def _tag(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "model": name,
        "modified_at": "2025-05-01T08:00:00.000000Z",
        "size": 1_929_912_432,
        "digest": "0" * 64,
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": "qwen2",
            "families": ["qwen2"],
            "parameter_size": "3.1B",
            "quantization_level": "Q4_K_M",
        },
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # Ollama streams with chunked transfer encoding
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        return

    @property
    def fake(self) -> FakeOllama:
        return self.server.fake

    def do_GET(self) -> None:
        if self.fake.behaviour == "hang":
            self._hold()
        elif self.path == "/api/tags":
            self._send_json(200, {"models": [_tag(name) for name in self.fake.models]})
        elif self.path == "/":
            self._send(200, b"Ollama is running", "text/plain; charset=utf-8")
        else:
            self._send(404, b"404 page not found", "text/plain")

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.fake.behaviour == "hang":  # on any path: a stuck server does not route
            self._hold()
            return
        if self.path != "/api/chat":
            self._send(404, b"404 page not found", "text/plain")
            return
        self.fake.chat_requests.append(body)
        model = str(body.get("model", ""))
        behaviour = self.fake.behaviour
        if behaviour == "error":
            self._send_json(500, {"error": ERROR_TEXT})
        elif model not in self.fake.models and f"{model}:latest" not in self.fake.models:
            self._send_json(404, {"error": f'model "{model}" not found, try pulling it first'})
        elif behaviour == "garbage":
            self._stream_lines([b"<html>Bad Gateway</html>", b"this is not JSON"])
        elif body.get("stream", True) is False:
            self._send_json(200, _final(model, "".join(self.fake.reply), len(self.fake.reply)))
        else:
            self._stream_reply(model, stall=behaviour == "stall")

    def _stream_reply(self, model: str, *, stall: bool) -> None:
        self._start_chunked()
        for piece in self.fake.reply:
            self._chunk(json.dumps(_piece(model, piece)).encode() + b"\n")
            if stall:
                self._hold()
                return
            if self.fake.piece_delay_s and self.fake.release.wait(self.fake.piece_delay_s):
                return
        self._chunk(json.dumps(_final(model, "", len(self.fake.reply))).encode() + b"\n")
        self._chunk(b"")

    def _stream_lines(self, lines: list[bytes]) -> None:
        self._start_chunked()
        for line in lines:
            self._chunk(line + b"\n")
        self._chunk(b"")

    def _start_chunked(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hold(self) -> None:
        """Keep the connection open, saying nothing, until the fixture ends."""
        self.fake.release.wait(HOLD_S)
        self.close_connection = True

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as tests provoke
            super().handle()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeOllama) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


@contextlib.contextmanager
def run_fake_ollama(
    *, reply: tuple[str, ...] = DEFAULT_REPLY, models: tuple[str, ...] = (DEFAULT_MODEL,)
) -> Iterator[FakeOllama]:
    """Serve a fake Ollama on a free 127.0.0.1 port in a thread; stop it (and release held answers) on exit."""
    fake = FakeOllama(url="", reply=reply, models=models)
    server = _Server(fake)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fake-ollama", daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
