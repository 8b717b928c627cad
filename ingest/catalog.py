"""The catalog: a small SQLite database that says what the live index is.

It records every knowledge file (digest, entries, errors), every entry (with the data the answer
engine shows) and every chunk, plus which Chroma collection and keyword index belong to them.
The catalog is the index's *commit point*: an ingestion writes vectors and the keyword index first,
then switches the catalog in one transaction, then removes what is no longer referenced. A run killed
at any moment leaves the previous catalog, and everything it refers to, intact.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.model import Entry, KnowledgeError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, digest TEXT NOT NULL, pipeline TEXT NOT NULL,
    doc_ids TEXT NOT NULL, errors TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    doc_id TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
    title TEXT NOT NULL, category TEXT NOT NULL, lang TEXT NOT NULL, entry_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, part TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
"""


@dataclass(frozen=True)
class FileRecord:
    path: str
    digest: str
    pipeline: str
    doc_ids: tuple[str, ...]
    errors: tuple[KnowledgeError, ...]


@dataclass(frozen=True)
class StoredEntry:
    """An entry as the catalog keeps it: the (redacted) entry, its hash and when it last changed."""

    entry: Entry
    entry_hash: str
    updated_at: str


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    doc_id: str
    part: str
    text: str


class Catalog:
    """Read and switch the catalog database at ``path``."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def files(self) -> dict[str, FileRecord]:
        rows = self._db.execute("SELECT path, digest, pipeline, doc_ids, errors FROM files").fetchall()
        return {
            path: FileRecord(
                path,
                digest,
                pipeline,
                tuple(json.loads(doc_ids)),
                tuple(KnowledgeError(**error) for error in json.loads(errors)),
            )
            for path, digest, pipeline, doc_ids, errors in rows
        }

    def entries(self) -> dict[str, StoredEntry]:
        rows = self._db.execute("SELECT payload, entry_hash, updated_at FROM entries").fetchall()
        return {
            entry.doc_id: StoredEntry(entry, entry_hash, updated_at)
            for payload, entry_hash, updated_at in rows
            for entry in [entry_from_json(payload)]
        }

    def chunks(self) -> list[StoredChunk]:
        rows = self._db.execute("SELECT chunk_id, doc_id, part, text FROM chunks ORDER BY rowid").fetchall()
        return [StoredChunk(*row) for row in rows]

    def chunk_ids_of(self, doc_ids: Iterable[str]) -> list[str]:
        ids = list(doc_ids)
        found: list[str] = []
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            query = f"SELECT chunk_id FROM chunks WHERE doc_id IN ({marks})"
            found += [row[0] for row in self._db.execute(query, batch)]
        return found

    @contextmanager
    def switch(self) -> Iterator[CatalogWriter]:
        """One transaction: everything written inside becomes live together, or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield CatalogWriter(self._db)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


class CatalogWriter:
    """Writes inside :meth:`Catalog.switch`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def set_meta(self, values: dict[str, str]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def replace_files(self, records: Iterable[FileRecord]) -> None:
        self._db.execute("DELETE FROM files")
        self._db.executemany(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
            (
                (
                    r.path,
                    r.digest,
                    r.pipeline,
                    json.dumps(r.doc_ids),
                    json.dumps([e.as_dict() for e in r.errors]),
                )
                for r in records
            ),
        )

    def remove_entries(self, doc_ids: Iterable[str]) -> None:
        ids = [(doc_id,) for doc_id in doc_ids]
        self._db.executemany("DELETE FROM entries WHERE doc_id = ?", ids)
        self._db.executemany("DELETE FROM chunks WHERE doc_id = ?", ids)

    def put_entry(self, stored: StoredEntry, chunks: Iterable[StoredChunk]) -> None:
        e = stored.entry
        self._db.execute(
            "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.doc_id,
                e.kind,
                e.source,
                e.line,
                e.title,
                e.category,
                e.lang,
                stored.entry_hash,
                stored.updated_at,
                entry_to_json(e),
            ),
        )
        self._db.execute("DELETE FROM chunks WHERE doc_id = ?", (e.doc_id,))
        self._db.executemany(
            "INSERT INTO chunks VALUES (?, ?, ?, ?)", ((c.chunk_id, c.doc_id, c.part, c.text) for c in chunks)
        )

    def update_entries(self, stored: Iterable[StoredEntry]) -> None:
        """Refresh unchanged entries' recorded position (their chunks stay as they are)."""
        self._db.executemany(
            "UPDATE entries SET line = ?, payload = ? WHERE doc_id = ?",
            ((s.entry.line, entry_to_json(s.entry), s.entry.doc_id) for s in stored),
        )


def entry_to_json(entry: Entry) -> str:
    return json.dumps(entry.__dict__, ensure_ascii=False, sort_keys=True)


def entry_from_json(payload: str) -> Entry:
    data = json.loads(payload)
    data["tags"] = tuple(data["tags"])
    data["variants"] = tuple(data["variants"])
    return Entry(**data)
