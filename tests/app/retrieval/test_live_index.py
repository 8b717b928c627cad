"""The live index: only committed generations, picked up by running readers without a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import app.retrieval.live_index as live_index
from app.errors import IndexNotReadyError
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import CountingEmbedder, faq_md


def test_no_index_yet_says_what_to_do(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    with pytest.raises(IndexNotReadyError, match="sigap ingest"):
        _ = LiveIndex(make_settings(small_kb), counting).snapshot


def test_a_running_reader_picks_up_a_new_generation(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)
    index = LiveIndex(settings, counting)
    assert "hapus-akun" not in index.snapshot.entries
    (small_kb / "faq/akun/hapus-akun.md").write_text(faq_md("hapus-akun", "Cara hapus akun?", "Ajukan di Pengaturan."))
    run_ingest(settings, embedder=counting)  # e.g. another process, or an agent's promote-to-FAQ
    monkeypatch.setattr(live_index, "REFRESH_EVERY_S", 0.0)
    assert "hapus-akun" in index.snapshot.entries
    assert hybrid_search(index, "gimana cara menghapus akun", settings.retrieval)[0].doc_id == "hapus-akun"


def test_index_built_with_another_model_is_refused(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)

    class OtherModel(CountingEmbedder):
        @property
        def fingerprint(self) -> str:
            return "st:other-model"

    with pytest.raises(IndexNotReadyError, match="rebuild"):
        _ = LiveIndex(settings, OtherModel(counting.inner)).snapshot
