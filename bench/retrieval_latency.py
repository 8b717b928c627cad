"""Retrieval latency (embed the query + hybrid search, no LLM) at 1k, 10k and 100k chunks.

    python -m bench.retrieval_latency [--sizes 1000 10000 100000] [--queries 300]

Each size is a synthetic knowledge base in the real formats, ingested by the real pipeline into a real
Chroma collection and BM25 index. Embedding 100k passages with the CPU model would take ~30 minutes
and does not change search cost, so passages get real model vectors from a pool of 2,000 embedded texts,
each perturbed and re-normalised (distinct vectors, realistic distribution). Queries are always embedded
by the real model, and searched through the same code the chat uses (LiveIndex + hybrid_search).
Targets (issue 3): p95 ≤ 50 ms at 10k chunks, ≤ 150 ms at 100k.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from app.components.embedding import Embedder, Vectors, create_embedder
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from bench.synthetic import ASKS, OBJECTS, TOPICS, write_synthetic
from ingest.pipeline import run_ingest

ROOT = Path(__file__).resolve().parent.parent
CHUNKS_PER_ENTRY = 3  # question, one variant, question + answer (see ingest/chunking.py)


class PooledEmbedder:
    """Real model vectors for a pool of texts; other passages get a perturbed pool vector (benchmark only)."""

    def __init__(self, model: Embedder, pool_texts: Sequence[str]) -> None:
        self._model = model
        self._pool = model.embed_passages(list(pool_texts))
        self._rng = np.random.default_rng(0)

    @property
    def fingerprint(self) -> str:
        return self._model.fingerprint

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        picks = [int(hashlib.md5(t.encode()).hexdigest(), 16) % len(self._pool) for t in texts]
        vectors = self._pool[picks] + 0.03 * self._rng.standard_normal((len(texts), self._pool.shape[1]))
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)

    def embed_questions(self, texts: Sequence[str]) -> Vectors:
        return self.embed_passages(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._model.embed_query(text)


def queries(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{rng.choice(ASKS).lower()} {rng.choice(TOPICS)[1]} {rng.choice(TOPICS)[2]} {rng.choice(OBJECTS)} gmn"
        for _ in range(count)
    ]


def measure(size: int, model: Embedder, count: int, work: Path) -> dict[str, float]:
    knowledge = write_synthetic(work / "knowledge", size // CHUNKS_PER_ENTRY)
    settings = Settings(data_dir=work / "data", ingest={"knowledge_dir": knowledge}, llm={"mode": "extractive"})
    pool = queries(2000, seed=3)
    embedder: Embedder = PooledEmbedder(model, pool) if size > 2000 else model
    run_ingest(settings, embedder=embedder)
    index = LiveIndex(settings, embedder)
    chunks = len(index.snapshot.chunks)
    for question in queries(20, seed=5):  # warm-up: first-use caches (stemmer, lingua, HNSW pages)
        hybrid_search(index, question, settings.retrieval)
    timings = []
    for question in queries(count):
        started = time.perf_counter()
        hybrid_search(index, question, settings.retrieval)
        timings.append((time.perf_counter() - started) * 1000)
    cut = statistics.quantiles(timings, n=100)
    return {"chunks": chunks, "queries": count, "p50_ms": round(cut[49], 1), "p95_ms": round(cut[94], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/retrieval_latency.json")
    args = parser.parse_args()
    model = create_embedder(Settings().embedding)  # as the server builds it (BLAS threads limited too)
    results: dict[str, object] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            results[str(size)] = measure(size, model, args.queries, Path(tmp))
        print(size, results[str(size)], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    args.out.write_text(json.dumps({**previous, **results}, indent=2) + "\n")  # keep sizes not re-measured


if __name__ == "__main__":
    main()
