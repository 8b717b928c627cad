"""The live index as the answer engine sees it: what the catalog says is committed, nothing else.

Vectors that a killed ingestion added but never committed are in Chroma but not in the catalog;
they are filtered out here, so a half-finished run can never leak into answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.components.embedding import Embedder, Vectors
from app.components.keyword_index import KeywordHit, KeywordIndex
from app.components.spelling import Speller
from app.components.vector_store import ChromaVectorStore, VectorHit, open_chroma
from app.errors import IndexNotReadyError
from app.retrieval.classifier import EntryClassifier
from app.retrieval.density import EntryDensity
from app.settings import Settings
from ingest.catalog import Catalog, StoredChunk, StoredEntry


@dataclass(frozen=True)
class AskedVectors:
    """The question-like chunks of one generation (questions, variants, linked tickets' problems) and their vectors."""

    owners: list[str]  # the entry each chunk is a way of asking (a linked ticket's problem asks its FAQ's)
    parts: list[str]  # "question", "variant" or "problem"
    texts: list[str]
    vectors: np.ndarray  # one row per chunk


@dataclass(frozen=True)
class Snapshot:
    """One committed generation of the index, loaded in memory."""

    generation: str
    entries: dict[str, StoredEntry]
    chunks: dict[str, StoredChunk]
    store: ChromaVectorStore
    keyword: KeywordIndex
    chunks_of: dict[str, list[StoredChunk]]
    linked_tickets: dict[str, set[str]]  # FAQ id -> the tickets that link to it
    translations: dict[str, dict[str, str]]  # FAQ id -> {lang: FAQ id} of it and its translations
    asked: AskedVectors | None  # the vectors of the ways the entries are asked; None when nothing is
    density: EntryDensity | None  # how the entries are asked; None when no entry is asked more than one way

    def in_language(self, doc_id: str, lang: str | None) -> str:
        """The translation of an FAQ entry written in ``lang`` (the entry itself when it has none)."""
        return self.translations.get(doc_id, {}).get(lang or "", doc_id)

    def family(self, doc_id: str) -> set[str]:
        """The entry and its translations."""
        return {doc_id, *self.translations.get(doc_id, {}).values()}


REFRESH_EVERY_S = 5.0  # how often a running instance looks for a newer committed generation
VOCABULARY_CACHE = 5_000  # entries whose words are kept for coverage (the demo's: about 9 KB each)


class LiveIndex:
    """Reads the committed index; a newer ingestion (by this or another process) is picked up within seconds."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self._settings = settings
        self.embedder = embedder
        self._client: Any = None
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._vocabularies: tuple[str, dict[str, frozenset[str]]] = ("", {})  # generation, entry -> words
        self._speller: tuple[str, Speller] | None = None
        self._classifier: tuple[str, EntryClassifier | None] | None = None
        self._fitting = threading.Lock()
        self._checked_at = 0.0

    @property
    def snapshot(self) -> Snapshot:
        """The loaded generation (loading it on first use).

        Raises:
            IndexNotReadyError: nothing has been ingested yet.
        """
        if self._snapshot is None or time.monotonic() - self._checked_at > REFRESH_EVERY_S:
            self.refresh()
        assert self._snapshot is not None
        return self._snapshot

    def refresh(self) -> bool:
        """Load the newest committed generation if it changed; True when something was loaded."""
        with self._lock:
            if not self._settings.catalog_path.exists():
                raise IndexNotReadyError("No index yet: run `sigap ingest` (or `sigap serve`, which ingests).")
            self._checked_at = time.monotonic()
            catalog = Catalog(self._settings.catalog_path)
            try:
                meta = catalog.meta()
                if not meta.get("generation"):
                    raise IndexNotReadyError("The index was never completed: run `sigap ingest`.")
                if self._snapshot and self._snapshot.generation == meta["generation"]:
                    return False
                self._snapshot = self._load(catalog, meta)
                return True
            finally:
                catalog.close()

    def _load(self, catalog: Catalog, meta: dict[str, str]) -> Snapshot:
        if self.embedder.fingerprint != meta["embedder"]:
            raise IndexNotReadyError(
                f"The index was built with {meta['embedder']} but the embedder is {self.embedder.fingerprint}: "
                "run `sigap ingest` to rebuild it."
            )
        if self._client is None:
            self._client = open_chroma(self._settings.vector_store, self._settings.chroma_dir)
        entries, chunks = catalog.entries(), catalog.chunks()
        chunks_of: dict[str, list[StoredChunk]] = {}
        for chunk in chunks:
            chunks_of.setdefault(chunk.doc_id, []).append(chunk)
        linked: dict[str, set[str]] = {}
        for stored in entries.values():
            if stored.entry.kind == "ticket" and stored.entry.faq_id:
                linked.setdefault(stored.entry.faq_id, set()).add(stored.entry.doc_id)
        store = ChromaVectorStore(self._client, meta["collection"], self._settings.vector_store)
        asked = _asked_vectors(store, entries, chunks)
        return Snapshot(
            generation=meta["generation"],
            translations=_translations(entries),
            entries=entries,
            chunks={c.chunk_id: c for c in chunks},
            store=store,
            keyword=KeywordIndex.load(self._settings.data_dir / meta["keyword_dir"]),
            chunks_of=chunks_of,
            linked_tickets=linked,
            asked=asked,
            density=(
                EntryDensity.fit(asked.vectors, asked.owners, self._settings.retrieval.density_shrinkage)
                if asked
                else None
            ),
        )

    def coverage(self, query: str, doc_id: str) -> float:
        """Share of the query's content words that the entry (its chunks and linked tickets) also uses.

        Out-of-scope questions often sound like an entry but carry words no entry has ("kado", "supplier").
        """
        return self.coverages(query, [doc_id])[doc_id]

    def coverages(self, query: str, doc_ids: Iterable[str]) -> dict[str, float]:
        """:meth:`coverage` of several entries, the query read once."""
        snap = self.snapshot
        words = set(snap.keyword.tokens(self.speller.correct(query)))
        if not words:
            return dict.fromkeys(doc_ids, 0.0)
        return {doc: len(words & self._vocabulary(snap, doc)) / len(words) for doc in doc_ids}

    def known_share(self, query: str) -> float:
        """Share of the query's words (misspellings mended) that the knowledge uses anywhere."""
        return self.snapshot.keyword.known_share(self.speller.correct(query))

    def _vocabulary(self, snap: Snapshot, doc_id: str) -> frozenset[str]:
        """The words an entry uses (with its translations and linked tickets), cached for the generation
        and at most VOCABULARY_CACHE entries at a time, so a large knowledge base cannot fill the memory."""
        generation, cache = self._vocabularies
        if generation != snap.generation or len(cache) >= VOCABULARY_CACHE:
            cache = {}
            self._vocabularies = (snap.generation, cache)
        words = cache.get(doc_id)
        if words is None:
            twins = snap.family(doc_id)
            owners = twins | {ticket for twin in twins for ticket in snap.linked_tickets.get(twin, set())}
            texts = [c.text for owner in owners for c in snap.chunks_of.get(owner, [])]
            words = cache[doc_id] = frozenset(t for text in texts for t in snap.keyword.tokens(text))
        return words

    @property
    def classifier(self) -> EntryClassifier | None:
        """Which entry a question asks (see :mod:`app.retrieval.classifier`), fitted once per generation on
        first use (seconds for a few thousand ways of asking: warm-up does it before customers ask, and only
        when ``retrieval.classifier_weight`` makes search use it); None when fewer than two entries are asked."""
        snap = self.snapshot
        with self._fitting:
            if self._classifier is None or self._classifier[0] != snap.generation:
                asked, l2 = snap.asked, self._settings.retrieval.classifier_l2
                fitted = EntryClassifier.fit(asked.vectors, asked.owners, l2) if asked is not None else None
                self._classifier = (snap.generation, fitted)
            return self._classifier[1]

    @property
    def speller(self) -> Speller:
        """Spelling correction towards the words of the knowledge (customers' own words in tickets excluded)."""
        snap = self.snapshot
        if self._speller is None or self._speller[0] != snap.generation:
            texts = (c.text for c in snap.chunks.values() if c.part != "problem")
            self._speller = (snap.generation, Speller.from_texts(texts))
        return self._speller[1]

    def dense(self, vector: Vectors, k: int) -> list[VectorHit]:
        """Nearest committed chunks (uncommitted leftovers filtered out)."""
        snap = self.snapshot
        hits = snap.store.search(vector, min(k, max(len(snap.chunks), 1)) + 8)
        return [hit for hit in hits if hit.chunk_id in snap.chunks][:k]

    def keyword(self, query: str, k: int) -> list[KeywordHit]:
        """Best committed chunks by BM25."""
        return self.snapshot.keyword.search(query, k)


def _asked_vectors(
    store: ChromaVectorStore, entries: dict[str, StoredEntry], chunks: list[StoredChunk]
) -> AskedVectors | None:
    """The question-like chunks of this generation with their stored vectors (see :class:`AskedVectors`)."""
    asked = sorted((c.chunk_id, owner, c) for c in chunks if (owner := _asked_for(entries, c)))
    found = store.vectors([chunk_id for chunk_id, _, _ in asked])
    kept = [(owner, chunk, found[chunk_id]) for chunk_id, owner, chunk in asked if chunk_id in found]
    if not kept:
        return None
    return AskedVectors(
        owners=[owner for owner, _, _ in kept],
        parts=[chunk.part for _, chunk, _ in kept],
        texts=[chunk.text for _, chunk, _ in kept],
        vectors=np.stack([vector for _, _, vector in kept]),
    )


def _asked_for(entries: dict[str, StoredEntry], chunk: StoredChunk) -> str | None:
    """The entry a question-like chunk is a way of asking (a linked ticket's problem asks its FAQ's)."""
    if chunk.part in ("question", "variant"):
        return chunk.doc_id
    if chunk.part == "problem":
        entry = entries[chunk.doc_id].entry
        return entry.faq_id if entry.faq_id in entries else entry.doc_id
    return None


def _translations(entries: dict[str, StoredEntry]) -> dict[str, dict[str, str]]:
    """Each FAQ entry that has translations -> its whole family by language (``translation_of`` links)."""
    families: dict[str, dict[str, str]] = {}
    for stored in entries.values():
        entry = stored.entry
        original = entries.get(entry.translation_of)
        if entry.kind == "faq" and original is not None and original.entry.kind == "faq":
            family = families.setdefault(original.entry.doc_id, {original.entry.lang: original.entry.doc_id})
            family.setdefault(entry.lang, entry.doc_id)
    return {doc_id: family for family in families.values() for doc_id in family.values()}
