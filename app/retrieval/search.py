"""Hybrid search: dense + keyword candidates, grouped per entry (found once, by its best chunk), fused."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.components.embedding import Vectors
from app.retrieval.live_index import LiveIndex
from app.settings import RetrievalSettings
from ingest.catalog import StoredChunk, StoredEntry


@dataclass(frozen=True)
class EntryHit:
    """One knowledge entry found for a query, with the evidence behind its rank."""

    stored: StoredEntry
    score: float
    dense: float  # best cosine similarity of its chunks (0 when only keyword search found it)
    keyword: float  # best BM25 score of its chunks (0 when only dense search found it)
    dense_rank: int | None  # 1-based rank among entries, dense side
    keyword_rank: int | None
    chunk_id: str
    chunk_text: str

    @property
    def doc_id(self) -> str:
        return self.stored.entry.doc_id


def hybrid_search(
    index: LiveIndex, query: str, settings: RetrievalSettings, *, query_vector: Vectors | None = None
) -> list[EntryHit]:
    """The best ``settings.top_k`` entries for ``query``, best first."""
    snap = index.snapshot
    vector = query_vector if query_vector is not None else index.embedder.embed_query(query)
    dense = _best_per_entry(snap.chunks, [(h.chunk_id, h.similarity) for h in index.dense(vector, settings.candidates)])
    keyword = _best_per_entry(snap.chunks, [(h.chunk_id, h.score) for h in index.keyword(query, settings.candidates)])
    dense_ranks = {doc: rank for rank, doc in enumerate(dense, start=1)}
    keyword_ranks = {doc: rank for rank, doc in enumerate(keyword, start=1)}
    top_keyword = max((score for _, score in keyword.values()), default=0.0) or 1.0
    hits: list[EntryHit] = []
    for doc_id in dense.keys() | keyword.keys():
        if doc_id not in snap.entries:
            continue
        d_rank, k_rank = dense_ranks.get(doc_id), keyword_ranks.get(doc_id)
        d_chunk, d_score = dense.get(doc_id, ("", 0.0))
        k_chunk, k_score = keyword.get(doc_id, ("", 0.0))
        if settings.fusion == "rrf":
            score = _rrf(d_rank, settings.dense_weight, settings.rrf_k) + _rrf(
                k_rank, settings.keyword_weight, settings.rrf_k
            )
        else:
            score = settings.dense_weight * d_score + settings.keyword_weight * k_score / top_keyword
        chunk_id = d_chunk or k_chunk
        hits.append(
            EntryHit(
                snap.entries[doc_id], score, d_score, k_score, d_rank, k_rank, chunk_id, snap.chunks[chunk_id].text
            )
        )
    hits.sort(key=lambda h: (-h.score, -h.dense))
    return hits[: settings.top_k]


def _best_per_entry(chunks: Mapping[str, StoredChunk], ranked: list[tuple[str, float]]) -> dict[str, tuple[str, float]]:
    """Keep each entry's best chunk; insertion order follows the retriever's ranking."""
    best: dict[str, tuple[str, float]] = {}
    for chunk_id, score in ranked:
        chunk = chunks.get(chunk_id)
        if chunk is not None and chunk.doc_id not in best:
            best[chunk.doc_id] = (chunk_id, score)
    return best


def _rrf(rank: int | None, weight: float, k: int) -> float:
    return 0.0 if rank is None else weight / (k + rank)
