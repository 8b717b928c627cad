"""`sigap serve` on a fresh data folder: ingests first, then answers over the JSON API; the agent pages are locked."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.processes import free_port, serving


@pytest.fixture
def served(small_kb: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
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
    url = f"http://127.0.0.1:{port}/"
    with serving(command, url, tmp_path / "serve.log", env=env):
        yield url


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
