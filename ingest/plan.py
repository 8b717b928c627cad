"""Decide what an ingestion must change: compare the knowledge folder with the live catalog.

Rules that keep agents' work safe:
* a file whose bytes and pipeline settings are unchanged is not parsed again (its entries are reused);
* an entry is re-embedded only when its redacted content changed (content hash);
* entries disappear only when their file is deleted or when their file parsed cleanly without them:
  a file with an error keeps its previous entries live until it is fixed;
* of two entries with the same id, the one already live wins, otherwise the first in path order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from ingest.catalog import Catalog, FileRecord, StoredChunk, StoredEntry
from ingest.chunking import chunk_entry
from ingest.loader import discover, parse_source, read_source
from ingest.model import Entry, KnowledgeError, ParsedFile

Redact = Callable[[str], str]


@dataclass
class Plan:
    """The next live state, and how it differs from the current one."""

    entries: dict[str, StoredEntry] = field(default_factory=dict)
    chunks: dict[str, list[StoredChunk]] = field(default_factory=dict)  # of added and updated entries only
    files: list[FileRecord] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    errors: list[KnowledgeError] = field(default_factory=list)
    warnings: list[KnowledgeError] = field(default_factory=list)

    @property
    def changed(self) -> list[str]:
        return self.added + self.updated

    @property
    def rejected(self) -> int:
        return len({(error.path, error.line) for error in self.errors})


@dataclass(frozen=True)
class PlanSettings:
    knowledge_dir: Path
    max_file_bytes: int
    chunk_chars: int
    chunk_overlap: int
    pipeline: str  # fingerprint of everything that shapes chunks (chunking, redaction, version)


def make_plan(settings: PlanSettings, catalog: Catalog | None, redact: Redact) -> Plan:
    """Read the knowledge folder and work out the next live state."""
    old_files = catalog.files() if catalog else {}
    old_entries = catalog.entries() if catalog else {}
    plan = Plan()
    candidates: list[Entry] = []
    troubled: set[str] = set()
    reused: set[str] = set()
    for path in discover(settings.knowledge_dir):
        source = read_source(settings.knowledge_dir, path, settings.max_file_bytes)
        if isinstance(source, KnowledgeError):
            plan.errors.append(source)
            troubled.add(source.path)
            continue
        old = old_files.get(source.path)
        if old and old.digest == source.digest and old.pipeline == settings.pipeline:
            parsed = ParsedFile([old_entries[i].entry for i in old.doc_ids if i in old_entries], list(old.errors))
            reused.update(old.doc_ids)
        else:
            parsed = _redacted(parse_source(source), redact)
        plan.errors += parsed.errors
        troubled.update(error.path for error in parsed.errors)
        candidates += parsed.entries
        plan.files.append(
            FileRecord(
                source.path,
                source.digest,
                settings.pipeline,
                tuple(e.doc_id for e in parsed.entries),
                tuple(parsed.errors),
            )
        )
    winners = _resolve_duplicates(candidates, old_entries, plan.errors, troubled)
    _diff(plan, winners, old_entries, settings, troubled, reused)
    _check_links(plan)
    return plan


def _redacted(parsed: ParsedFile, redact: Redact) -> ParsedFile:
    entries = [
        replace(
            e,
            title=redact(e.title),
            body=redact(e.body),
            resolution=redact(e.resolution),
            variants=tuple(redact(v) for v in e.variants),
        )
        for e in parsed.entries
    ]
    # error messages quote bad values, which may hold personal data too
    errors = [replace(error, message=redact(error.message)) for error in parsed.errors]
    return ParsedFile(entries, errors)


def _resolve_duplicates(
    candidates: list[Entry], old: dict[str, StoredEntry], errors: list[KnowledgeError], troubled: set[str]
) -> dict[str, Entry]:
    by_id: dict[str, list[Entry]] = {}
    for entry in candidates:
        by_id.setdefault(entry.doc_id, []).append(entry)
    winners: dict[str, Entry] = {}
    for doc_id, group in by_id.items():
        live_source = old[doc_id].entry.source if doc_id in old else None
        winner = next((e for e in group if e.source == live_source), group[0])
        winners[doc_id] = winner
        for loser in group:
            if loser is not winner:
                errors.append(
                    KnowledgeError(
                        loser.source,
                        loser.line,
                        f"duplicate id {doc_id!r}: already used by {winner.source}:{winner.line}; "
                        "give this entry another id",
                    )
                )
                troubled.add(loser.source)
    return winners


def _diff(
    plan: Plan,
    winners: dict[str, Entry],
    old: dict[str, StoredEntry],
    settings: PlanSettings,
    troubled: set[str],
    reused: set[str],
) -> None:
    """Sort entries into added / updated / unchanged / removed / kept; chunk only what may have changed."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for doc_id, entry in winners.items():
        previous = old.get(doc_id)
        if previous and doc_id in reused and previous.entry.source == entry.source:
            plan.unchanged.append(doc_id)  # its file is byte-identical and the pipeline the same
            plan.entries[doc_id] = previous
            continue
        pieces = chunk_entry(entry, settings.chunk_chars, settings.chunk_overlap)
        entry_hash = content_hash(entry, pieces)
        if previous and previous.entry_hash == entry_hash:
            plan.unchanged.append(doc_id)
            plan.entries[doc_id] = replace(previous, entry=entry)  # its line may have moved
            continue
        (plan.updated if previous else plan.added).append(doc_id)
        plan.entries[doc_id] = StoredEntry(entry, entry_hash, now)
        plan.chunks[doc_id] = [
            StoredChunk(f"{doc_id}::{entry_hash[:16]}::{n}", doc_id, part, text)
            for n, (part, text) in enumerate(pieces)
        ]
    for doc_id, previous in old.items():
        if doc_id in winners:
            continue
        if previous.entry.source in troubled:
            plan.kept.append(doc_id)
            plan.entries[doc_id] = previous
        else:
            plan.removed.append(doc_id)


def _check_links(plan: Plan) -> None:
    for stored in plan.entries.values():
        entry = stored.entry
        if entry.faq_id and entry.faq_id not in plan.entries:
            plan.warnings.append(
                KnowledgeError(entry.source, entry.line, f"faq_id {entry.faq_id!r} matches no FAQ entry")
            )
        if entry.translation_of:
            original = plan.entries.get(entry.translation_of)
            if original is None or original.entry.kind != "faq":
                plan.warnings.append(
                    KnowledgeError(
                        entry.source, entry.line, f"translation_of {entry.translation_of!r} matches no FAQ entry"
                    )
                )


LATER_FIELDS = frozenset({"translation_of"})  # Entry fields newer than the first catalogs


def content_hash(entry: Entry, pieces: list[tuple[str, str]]) -> str:
    """Hash of everything an entry contributes to the index (text, chunks and metadata).

    The line number is left out: adding a ticket above another must not re-embed the one below. Fields
    added to :class:`Entry` later count only when set, so an upgrade does not re-embed unchanged knowledge.
    """
    fields = sorted((k, v) for k, v in entry.__dict__.items() if k != "line" and (v or k not in LATER_FIELDS))
    payload = json.dumps([fields, pieces], ensure_ascii=False, default=list)
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()
