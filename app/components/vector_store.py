"""Vector store: Chroma, embedded (PersistentClient) or a `chroma run` server (HttpClient).

Sigap always passes its own vectors; Chroma's default embedder, which downloads a model, is never used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from app.components.embedding import Vectors
from app.errors import VectorStoreError
from app.settings import VectorStoreSettings

Metadata = Mapping[str, str | int | float | bool]


@dataclass(frozen=True)
class VectorHit:
    chunk_id: str
    similarity: float


class VectorStore(Protocol):
    """Nearest-neighbour search over chunk vectors, keyed by chunk id."""

    def add(
        self, ids: Sequence[str], vectors: Vectors, documents: Sequence[str], metadatas: Sequence[Metadata]
    ) -> None:
        """Store vectors (an id already present is overwritten)."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Forget these ids (unknown ids are ignored)."""
        ...

    def ids(self) -> set[str]:
        """Every id in the store."""
        ...

    def search(self, vector: Vectors, k: int) -> list[VectorHit]:
        """The ``k`` nearest chunks by cosine similarity, best first."""
        ...

    def vectors(self, ids: Sequence[str]) -> dict[str, Vectors]:
        """The stored vectors of these ids (unknown ids are left out)."""
        ...


CHROMA_EF_CONSTRUCTION = 100  # Chroma's own default build breadth


def collection_name(prefix: str, embedder_fingerprint: str, ef_construction: int = CHROMA_EF_CONSTRUCTION) -> str:
    """One collection per embedding model and settings, and per HNSW build breadth: a model change never
    mixes vector spaces, and a graph is rebuilt rather than kept when it was built differently. At Chroma's
    default breadth the name is the one collections had before the breadth was a setting (no rebuild)."""
    key = embedder_fingerprint
    if ef_construction != CHROMA_EF_CONSTRUCTION:
        key += f"|hnsw:{ef_construction}"
    return f"{prefix}_{hashlib.sha1(key.encode()).hexdigest()[:12]}"


class ChromaVectorStore:
    """A Chroma collection with cosine distance and caller-supplied vectors."""

    _MAX_BATCH = 4000  # below Chroma's max batch size on every backend

    def __init__(self, client: Any, name: str, settings: VectorStoreSettings) -> None:
        """Open (or create) collection ``name``; ``settings`` give the search breadth it is set to, even when it
        exists already, and the build breadth it gets when it is created."""
        self._client = client
        self.name = name
        configuration = {
            "hnsw": {"space": "cosine", "ef_construction": settings.ef_construction, "ef_search": settings.ef_search}
        }
        try:
            self._collection = client.get_or_create_collection(
                name=name, embedding_function=None, configuration=configuration
            )
            # an existing collection keeps the configuration it was created with; search breadth can change
            if (self._collection.configuration.get("hnsw") or {}).get("ef_search") != settings.ef_search:
                self._collection.modify(configuration={"hnsw": {"ef_search": settings.ef_search}})
                self._collection = client.get_collection(name=name)
        except Exception as exc:  # chromadb raises many unrelated types; translate them once here
            raise VectorStoreError(f"Cannot open the Chroma collection {name!r}: {exc}") from exc

    def add(
        self, ids: Sequence[str], vectors: Vectors, documents: Sequence[str], metadatas: Sequence[Metadata]
    ) -> None:
        try:
            for part in self._batches(len(ids)):
                self._collection.upsert(
                    ids=list(ids[part]),
                    embeddings=vectors[part],
                    documents=list(documents[part]),
                    metadatas=[dict(m) for m in metadatas[part]],
                )
        except Exception as exc:
            raise VectorStoreError(f"Cannot write to Chroma collection {self.name!r}: {exc}") from exc

    def delete(self, ids: Sequence[str]) -> None:
        try:
            for part in self._batches(len(ids)):
                self._collection.delete(ids=list(ids[part]))
        except Exception as exc:
            raise VectorStoreError(f"Cannot delete from Chroma collection {self.name!r}: {exc}") from exc

    def _batches(self, count: int) -> Iterator[slice]:
        """Slices of at most ``_MAX_BATCH`` rows covering ``count`` (Chroma refuses larger batches)."""
        for start in range(0, count, self._MAX_BATCH):
            yield slice(start, start + self._MAX_BATCH)

    def ids(self) -> set[str]:
        try:
            return set(self._collection.get(include=[])["ids"])
        except Exception as exc:
            raise VectorStoreError(f"Cannot read Chroma collection {self.name!r}: {exc}") from exc

    def search(self, vector: Vectors, k: int) -> list[VectorHit]:
        try:
            result = self._collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        except Exception as exc:
            raise VectorStoreError(f"Cannot query Chroma collection {self.name!r}: {exc}") from exc
        ids, distances = result["ids"][0], (result["distances"] or [[]])[0]
        return [VectorHit(chunk_id, 1.0 - float(distance)) for chunk_id, distance in zip(ids, distances, strict=True)]

    def vectors(self, ids: Sequence[str]) -> dict[str, Vectors]:
        found: dict[str, Vectors] = {}
        try:
            for part in self._batches(len(ids)):
                batch = self._collection.get(ids=list(ids[part]), include=["embeddings"])
                for chunk_id, vector in zip(batch["ids"], batch["embeddings"], strict=True):
                    found[chunk_id] = np.asarray(vector, dtype=np.float32)
        except Exception as exc:
            raise VectorStoreError(f"Cannot read vectors from Chroma collection {self.name!r}: {exc}") from exc
        return found


def open_chroma(settings: VectorStoreSettings, chroma_dir: Path) -> Any:
    """Connect to Chroma as the settings say.

    Raises:
        VectorStoreError: the folder cannot be opened or the server cannot be reached.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.mode == "server":
            return chromadb.HttpClient(
                host=settings.host, port=settings.port, ssl=settings.ssl, settings=chroma_settings
            )
        chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(chroma_dir), settings=chroma_settings)
    except Exception as exc:
        where = f"{settings.host}:{settings.port}" if settings.mode == "server" else str(chroma_dir)
        raise VectorStoreError(
            f"Cannot open Chroma ({settings.mode}) at {where}: {exc}. "
            "Check vector_store settings; for server mode start it with `chroma run`."
        ) from exc


def drop_collection(client: Any, name: str) -> None:
    """Delete a collection if it exists (used after a model change made it obsolete)."""
    try:
        client.delete_collection(name)
    except Exception:  # already gone: nothing to clean up
        return
