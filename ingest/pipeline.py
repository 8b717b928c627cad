"""`sigap ingest`: knowledge/ → validated, redacted chunks → Chroma + keyword index + catalog.

Order of work (see :mod:`ingest.catalog` for why it is crash-safe):
plan → embed changed chunks in batches and add them to Chroma → build the keyword index in a new
folder → switch the catalog in one transaction → remove vectors, folders and collections no longer
referenced. A second run on unchanged knowledge reads and hashes the files and stops there.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np

from app.components.embedding import Embedder, Vectors, create_embedder, embedding_fingerprint
from app.components.keyword_index import KeywordIndex
from app.components.text import TEXT_SCHEME
from app.components.vector_store import ChromaVectorStore, collection_name, drop_collection, open_chroma
from app.errors import ConfigError
from app.settings import Settings
from ingest.catalog import Catalog, StoredChunk
from ingest.plan import Plan, PlanSettings, make_plan
from ingest.redact import Redactor
from ingest.report import IngestReport

PIPELINE_VERSION = "1"
QUESTION_PARTS = frozenset({"question", "variant", "problem"})  # embedded like queries (question meets question)
Progress = Callable[[int, int], None]


def pipeline_fingerprint(settings: Settings) -> str:
    """Everything that shapes chunk texts: a change re-parses every file (unchanged entries stay)."""
    shape = {
        "version": PIPELINE_VERSION,
        "chunk_chars": settings.ingest.chunk_chars,
        "chunk_overlap": settings.ingest.chunk_overlap,
        "redaction": settings.redaction.model_dump(),
    }
    return hashlib.sha1(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def run_ingest(
    settings: Settings,
    *,
    check: bool = False,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring the index in line with the knowledge folder (``check``: validate only, write nothing).

    Raises:
        ConfigError: the knowledge folder does not exist or a redaction pattern is invalid.
        EmbeddingError, VectorStoreError: the model or Chroma failed; the previous index stays live.
    """
    started = time.perf_counter()
    root = settings.ingest.knowledge_dir
    if not root.is_dir():
        raise ConfigError(f"Knowledge folder {root} does not exist: create it or set ingest.knowledge_dir.")
    redactor = _redactor(settings)
    catalog_exists = settings.catalog_path.exists()
    catalog = Catalog(settings.catalog_path) if catalog_exists or not check else None
    try:
        plan = make_plan(_plan_settings(settings), catalog, lambda text: redactor.redact(text).text)
        if check or catalog is None:
            return IngestReport.from_plan(plan, time.perf_counter() - started, checked_only=True)
        embedded = _apply(plan, settings, catalog, embedder, progress)
        return IngestReport.from_plan(plan, time.perf_counter() - started, embedded_chunks=embedded)
    finally:
        if catalog is not None:
            catalog.close()


def _apply(
    plan: Plan, settings: Settings, catalog: Catalog, embedder: Embedder | None, progress: Progress | None
) -> int:
    meta = catalog.meta()
    fingerprint = embedding_fingerprint(settings.embedding)
    collection = collection_name(
        settings.vector_store.collection_prefix, fingerprint, settings.vector_store.ef_construction
    )
    keyword_config = json.dumps({"stem": settings.ingest.stemming, "text": TEXT_SCHEME})
    keyword_dir = meta.get("keyword_dir", "")
    rebuild = meta.get("embedder") != fingerprint or meta.get("collection") != collection
    keyword_stale = (
        rebuild
        or plan.changed
        or plan.removed
        or meta.get("keyword") != keyword_config
        or not (settings.data_dir / keyword_dir).is_dir()
    )
    files_changed = {f.path: f.digest for f in plan.files} != {f.path: f.digest for f in catalog.files().values()}
    if not (keyword_stale or files_changed or meta.get("pipeline") != pipeline_fingerprint(settings)):
        return 0
    client = open_chroma(settings.vector_store, settings.chroma_dir)
    store = ChromaVectorStore(client, collection, settings.vector_store)
    live_chunks = _live_chunks(plan, catalog)
    to_embed = [c for doc_id in (plan.entries if rebuild else plan.changed) for c in live_chunks[doc_id]]
    if to_embed:
        _embed_into(store, to_embed, plan, embedder or create_embedder(settings.embedding), settings, progress)
    if keyword_stale:
        keyword_dir = f"keyword/{uuid.uuid4().hex[:12]}"
        live = [c for chunks in live_chunks.values() for c in chunks]
        KeywordIndex.build([c.chunk_id for c in live], [c.text for c in live], stem=settings.ingest.stemming).save(
            settings.data_dir / keyword_dir
        )
    with catalog.switch() as writer:
        writer.remove_entries(plan.removed)
        for doc_id in plan.entries if rebuild else plan.changed:
            writer.put_entry(plan.entries[doc_id], live_chunks[doc_id])
        writer.update_entries([plan.entries[doc_id] for doc_id in plan.unchanged])
        writer.replace_files(plan.files)
        writer.set_meta(
            {
                "embedder": fingerprint,
                "collection": collection,
                "keyword": keyword_config,
                "keyword_dir": keyword_dir,
                "pipeline": pipeline_fingerprint(settings),
                "generation": uuid.uuid4().hex,
                "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
    live_ids = {c.chunk_id for chunks in live_chunks.values() for c in chunks}
    _collect_garbage(settings, client, store, live_ids, keyword_dir, old_collection=meta.get("collection"))
    return len(to_embed)


def _live_chunks(plan: Plan, catalog: Catalog) -> dict[str, list[StoredChunk]]:
    """Chunks of every entry of the next live state: new ones from the plan, the others from the catalog."""
    live: dict[str, list[StoredChunk]] = {doc_id: [] for doc_id in plan.entries}
    for chunk in catalog.chunks():
        if chunk.doc_id in live and chunk.doc_id not in plan.chunks:
            live[chunk.doc_id].append(chunk)
    live.update(plan.chunks)
    return live


def _embed_into(
    store: ChromaVectorStore,
    chunks: list[StoredChunk],
    plan: Plan,
    embedder: Embedder,
    settings: Settings,
    progress: Progress | None,
) -> None:
    batch = settings.embedding.batch_size
    for start in range(0, len(chunks), batch):
        part = chunks[start : start + batch]
        vectors = _embed_chunks(embedder, part)
        store.add([c.chunk_id for c in part], vectors, [c.text for c in part], [_metadata(c, plan) for c in part])
        if progress:
            progress(min(start + batch, len(chunks)), len(chunks))


def _embed_chunks(embedder: Embedder, chunks: list[StoredChunk]) -> Vectors:
    """Questions are embedded like queries, everything else as passages; rows keep the chunks' order."""
    questions = [i for i, c in enumerate(chunks) if c.part in QUESTION_PARTS]
    passages = [i for i, c in enumerate(chunks) if c.part not in QUESTION_PARTS]
    blocks = []
    if questions:
        blocks.append(embedder.embed_questions([chunks[i].text for i in questions]))
    if passages:
        blocks.append(embedder.embed_passages([chunks[i].text for i in passages]))
    vectors: Vectors = np.concatenate(blocks)[np.argsort(questions + passages)]
    return vectors


def _metadata(chunk: StoredChunk, plan: Plan) -> dict[str, str]:
    stored = plan.entries[chunk.doc_id]
    entry = stored.entry
    return {
        "doc_id": entry.doc_id,
        "kind": entry.kind,
        "part": chunk.part,
        "source": entry.source,
        "category": entry.category,
        "lang": entry.lang,
        "hash": stored.entry_hash,
        "updated_at": stored.updated_at,
    }


def _collect_garbage(
    settings: Settings,
    client: object,
    store: ChromaVectorStore,
    live: set[str],
    keyword_dir: str,
    old_collection: str | None,
) -> None:
    """Remove what the new catalog no longer refers to (also leftovers of a killed run)."""
    stale = sorted(store.ids() - live)
    if stale:
        store.delete(stale)
    if old_collection and old_collection != store.name:
        drop_collection(client, old_collection)
    keyword_root = settings.data_dir / "keyword"
    for folder in keyword_root.iterdir() if keyword_root.is_dir() else []:
        if f"keyword/{folder.name}" != keyword_dir:
            shutil.rmtree(folder, ignore_errors=True)


def _plan_settings(settings: Settings) -> PlanSettings:
    return PlanSettings(
        knowledge_dir=settings.ingest.knowledge_dir,
        max_file_bytes=settings.ingest.max_file_bytes,
        chunk_chars=settings.ingest.chunk_chars,
        chunk_overlap=settings.ingest.chunk_overlap,
        pipeline=pipeline_fingerprint(settings),
    )


def _redactor(settings: Settings) -> Redactor:
    try:
        return Redactor(
            order_id_patterns=settings.redaction.order_id_patterns,
            tracking_patterns=settings.redaction.tracking_patterns,
            allow=settings.redaction.allow,
        )
    except ValueError as exc:
        raise ConfigError(f"redaction settings: {exc}") from exc
