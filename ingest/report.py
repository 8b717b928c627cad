"""What an ingestion did, as counts for the summary table and ``--json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.model import KnowledgeError
from ingest.plan import Plan


@dataclass
class IngestReport:
    """Counts are of entries; ``rejected`` counts rejected entries or files (one per error location)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rejected: int = 0
    kept: int = 0
    embedded_chunks: int = 0
    seconds: float = 0.0
    checked_only: bool = False
    errors: list[KnowledgeError] = field(default_factory=list)
    warnings: list[KnowledgeError] = field(default_factory=list)

    @classmethod
    def from_plan(
        cls, plan: Plan, seconds: float, *, embedded_chunks: int = 0, checked_only: bool = False
    ) -> IngestReport:
        return cls(
            added=len(plan.added),
            updated=len(plan.updated),
            removed=len(plan.removed),
            unchanged=len(plan.unchanged),
            rejected=plan.rejected,
            kept=len(plan.kept),
            embedded_chunks=embedded_chunks,
            seconds=seconds,
            checked_only=checked_only,
            errors=sorted(plan.errors, key=lambda e: (e.path, e.line)),
            warnings=sorted(plan.warnings, key=lambda e: (e.path, e.line)),
        )

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [e.as_dict() for e in self.warnings],
            "kept_from_rejected_files": self.kept,
            "embedded_chunks": self.embedded_chunks,
            "seconds": round(self.seconds, 3),
            "checked_only": self.checked_only,
        }
