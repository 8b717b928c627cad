"""Optional cross-encoder re-ranking of the best retrieved entries (sentence-transformers `CrossEncoder`).

Off by default: no trained cross-encoder ships in a PyPI package, and the machine has no hub access.
Configure `retrieval.reranker_model` with a local folder (or a cached hub name) to turn it on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.errors import EmbeddingError, MissingDependencyError


class Reranker(Protocol):
    """Scores (query, passage) pairs; higher means more relevant."""

    def scores(self, query: str, passages: Sequence[str]) -> list[float]: ...


class CrossEncoderReranker:
    """A sentence-transformers cross-encoder on the CPU."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:
            raise MissingDependencyError("sentence-transformers", "st", "retrieval.reranker_model") from exc
        try:
            self._model = CrossEncoder(model, num_labels=1, device="cpu")
        except (OSError, ValueError) as exc:
            raise EmbeddingError(f"Cannot load the cross-encoder {model!r}: {exc}. Give a local model folder.") from exc

    def scores(self, query: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        return [float(s) for s in self._model.predict([(query, p) for p in passages], show_progress_bar=False)]


def create_reranker(model: str) -> Reranker | None:
    """None when no model is configured (the default)."""
    return CrossEncoderReranker(model) if model else None
