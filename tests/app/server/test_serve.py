"""`sigap serve` on a fresh data folder: ingests first, then answers over the JSON API; the agent pages are locked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(small_kb: Path, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-c",
        "from app.cli import main; main()",
        "serve",
        "--knowledge",
        str(small_kb),
        "--data-dir",
        str(tmp_path / "data"),
        "--port",
        str(port),
    ]
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("sigap serve did not come up: " + (tmp_path / "serve.log").read_text())
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.server
@pytest.mark.slow
def test_serve_ingests_on_first_start_and_answers_with_source(served: str, tmp_path: Path) -> None:
    assert (tmp_path / "data" / "catalog.sqlite").exists()  # the index was built on start
    started = httpx.post(f"{served}api/v1/conversations", json={"lang": "id"}, timeout=30).json()
    reply = httpx.post(
        f"{served}api/v1/conversations/{started['conversation_id']}/messages",
        json={"token": started["token"], "text": "refund saya kapan masuk ya?"},
        timeout=60,
    ).json()
    assert "3–7 hari kerja" in reply["text"]
    assert reply["sources"][0]["doc_id"] == "refund-lama"  # its source is cited
    assert (tmp_path / "data" / "sigap.sqlite").exists()  # and the conversation recorded
    for page in ("agent", "dashboard"):
        assert httpx.get(f"{served}{page}/config", timeout=30).status_code == 401
