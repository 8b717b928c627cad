"""Assemble Sigap from settings: the one place where components are wired together."""

from __future__ import annotations

from app.answer.engine import AnswerEngine
from app.components.embedding import Embedder, create_embedder
from app.retrieval.live_index import LiveIndex
from app.settings import Settings


def build_engine(settings: Settings, embedder: Embedder | None = None) -> AnswerEngine:
    """The answer engine over the live index (the index must have been ingested)."""
    return AnswerEngine(settings, LiveIndex(settings, embedder or create_embedder(settings.embedding)))
