"""Real servers on 127.0.0.1 for the notifier tests: an HTTP receiver that records and a port nobody serves."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from app.notify import CASE_OPENED, CaseEvent


@dataclass(frozen=True)
class Reply:
    """What the receiver answers to one request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    at: float  # time.monotonic() when the request arrived


class Receiver:
    """A real webhook receiver: answers with ``replies`` in order (then 200) and records every request."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/sigap"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def _next(self, headers: dict[str, str], body: bytes) -> Reply:
        with self._lock:
            self.requests.append(Received(headers, body, time.monotonic()))
            return self.replies.pop(0) if self.replies else Reply()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                reply = receiver._next(dict(self.headers.items()), body)
                time.sleep(reply.delay_s)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Callable[..., Receiver]]:
    """``receiver(Reply(503), Reply(200))`` starts a receiver; all are stopped after the test."""
    started: list[Receiver] = []

    def start(*replies: Reply) -> Receiver:
        started.append(Receiver(list(replies)))
        return started[-1]

    yield start
    for one in started:
        one.close()


@pytest.fixture
def dead_port() -> int:
    """A port on 127.0.0.1 with nobody listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections but never says a word (a hung server)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def make_event(**overrides: Any) -> CaseEvent:
    """A realistic ``case.opened`` event; any field can be overridden."""
    fields: dict[str, Any] = {
        "event": CASE_OPENED,
        "case_id": "case-7f3a",
        "conversation_id": "conv-91b2",
        "reason": "human_request",
        "priority": "high",
        "lang": "id",
        "summary": "Pelanggan menunggu refund 10 hari — belum masuk ke rekening.",
        "channel": "whatsapp",
        "agent_url": "https://support.example.com/console/cases/case-7f3a",
        "contact": {"name": "Siti Rahayu", "phone": "+62 812-3456-7890", "email": "siti@example.co.id"},
        "transcript": [
            {"role": "user", "content": "refund sy blm masuk udh 10 hari", "created_at": "2025-01-06T09:00:00+00:00"},
            {
                "role": "assistant",
                "content": "Refund diproses 3–7 hari kerja.",
                "created_at": "2025-01-06T09:00:02+00:00",
            },
            {"role": "user", "content": "mau bicara dengan orang", "created_at": "2025-01-06T09:01:00+00:00"},
        ],
    }
    return CaseEvent(**{**fields, **overrides})
