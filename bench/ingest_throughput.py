"""Ingestion throughput vs raw encode throughput, and the time of a no-change re-run.

    python -m bench.ingest_throughput [--entries 10000 (0: skip)] [--skip-demo] [--out bench/results/ingest.json]

For each knowledge base (the shipped demo, and a synthetic one of --entries FAQ entries):
1. raw: the embedding model alone encodes exactly the chunk texts the pipeline will embed, in the same batches;
2. pipeline: `run_ingest` from an empty data folder (load, validate, redact, chunk, embed, Chroma, BM25, catalog);
3. re-run: `run_ingest` again with nothing changed.
Targets (issue 2): pipeline ≥ 0.8 × raw chunks/s; no-change re-run of 10,000 entries < 3 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from app.components.embedding import create_embedder
from app.settings import Settings
from bench.synthetic import write_synthetic
from ingest.pipeline import _plan_settings, _redactor, run_ingest
from ingest.plan import make_plan

ROOT = Path(__file__).resolve().parent.parent


def measure(knowledge: Path, work: Path) -> dict[str, Any]:
    settings = Settings(data_dir=work / "data", ingest={"knowledge_dir": knowledge})
    embedder = create_embedder(settings.embedding)
    redactor = _redactor(settings)
    plan = make_plan(_plan_settings(settings), None, lambda text: redactor.redact(text).text)
    texts = [c.text for chunks in plan.chunks.values() for c in chunks]
    batch = settings.embedding.batch_size

    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), batch):
        embedder.embed_passages(texts[start : start + batch])
    raw_seconds, raw_cpu = time.perf_counter() - started, time.process_time() - cpu

    cpu = time.process_time()
    report = run_ingest(settings, embedder=embedder)
    pipeline_cpu = time.process_time() - cpu
    rerun = run_ingest(settings, embedder=embedder)
    raw_rate = len(texts) / raw_seconds
    pipeline_rate = report.embedded_chunks / report.seconds
    return {
        "entries": len(plan.entries),
        "chunks": len(texts),
        "raw_encode_chunks_per_s": round(raw_rate, 1),
        "pipeline_chunks_per_s": round(pipeline_rate, 1),
        "pipeline_vs_raw": round(pipeline_rate / raw_rate, 3),
        # CPU seconds are less sensitive to other load on the machine than wall-clock seconds
        "pipeline_vs_raw_cpu": round((report.embedded_chunks / pipeline_cpu) / (len(texts) / raw_cpu), 3),
        "pipeline_seconds": round(report.seconds, 2),
        "no_change_rerun_seconds": round(rerun.seconds, 3),
        "rerun_embedded_chunks": rerun.embedded_chunks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/ingest.json")
    args = parser.parse_args()
    results: dict[str, Any] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_demo:
            results["demo"] = measure(ROOT / "knowledge", work / "demo")
            print("demo", results["demo"], flush=True)
        if args.entries:
            synthetic = write_synthetic(work / "synthetic-knowledge", args.entries)
            results[f"synthetic_{args.entries}"] = measure(synthetic, work / "synthetic")
            print(f"synthetic {args.entries}", results[f"synthetic_{args.entries}"], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    args.out.write_text(json.dumps({**previous, **results}, indent=2) + "\n")  # keep sizes not re-measured


if __name__ == "__main__":
    main()
