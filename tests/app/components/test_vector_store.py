"""The embedded Chroma adapter: writes, reads and deletes larger than one Chroma batch go through in parts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.components.vector_store import ChromaVectorStore, open_chroma
from app.settings import VectorStoreSettings


def test_batches_larger_than_chroma_accepts_are_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChromaVectorStore, "_MAX_BATCH", 2)  # five rows: three batches of 2, 2 and 1
    store = ChromaVectorStore(open_chroma(VectorStoreSettings(), tmp_path / "chroma"), "parts")
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(5, 4)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"c{i}" for i in range(5)]
    store.add(ids, vectors, [f"teks {i}" for i in range(5)], [{"n": i} for i in range(5)])
    assert store.ids() == set(ids)
    found = store.vectors([*ids, "unknown"])
    assert set(found) == set(ids)
    for i, chunk_id in enumerate(ids):
        assert found[chunk_id] == pytest.approx(vectors[i], abs=1e-6)
    store.delete(ids[:3])
    assert store.ids() == {"c3", "c4"}
