"""The engine re-orders retrieved entries with a configured re-ranker (a scripted one: the order is the test)."""

from __future__ import annotations

from collections.abc import Sequence

from app.answer.engine import AnswerEngine
from app.answer.llm_choice import LLMChoice
from app.retrieval.live_index import LiveIndex
from app.settings import Settings


class PreferEntry:
    """Scores passages that mention ``needle`` highest (a deterministic stand-in for a cross-encoder)."""

    def __init__(self, needle: str) -> None:
        self.needle = needle
        self.calls: list[tuple[str, int]] = []

    def scores(self, query: str, passages: Sequence[str]) -> list[float]:
        self.calls.append((query, len(passages)))
        return [1.0 if self.needle in p else 0.0 for p in passages]


def test_reranker_reorders_the_hits(demo_settings: Settings, demo_index: LiveIndex) -> None:
    question = "berapa lama refund diproses?"
    plain = AnswerEngine(demo_settings, demo_index, llm=LLMChoice(demo_settings.llm)).answer(question)
    runner_up = plain.retrieved[1].doc_id
    title = demo_index.snapshot.entries[runner_up].entry.title
    reranker = PreferEntry(title)
    engine = AnswerEngine(demo_settings, demo_index, llm=LLMChoice(demo_settings.llm), reranker=reranker)
    reranked = engine.answer(question)
    assert reranker.calls and reranker.calls[0][0] == question
    assert reranked.retrieved[0].doc_id == runner_up
