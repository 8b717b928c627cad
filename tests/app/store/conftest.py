"""Store fixtures: every store test runs against SQLite and against a real PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.settings import Settings
from app.store import SqlConversationStore, create_store
from app.store.store import utcnow
from tests.app.store.pg_server import PostgresServer, require_bin_dir, start_server

StoreFactory = Callable[..., SqlConversationStore]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway cluster for the whole run (fails, or skips with SIGAP_SKIP_POSTGRES=1, without it)."""
    server = start_server(require_bin_dir())
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.server)])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for an empty database: SQLite in tmp_path (store.url empty), or a new PostgreSQL database."""
    if request.param == "sqlite":
        return Settings(data_dir=tmp_path / "data")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(f"sigap_{uuid.uuid4().hex[:12]}")
    return Settings(data_dir=tmp_path / "data", store={"url": url})


@pytest.fixture
def make_store(store_settings: Settings) -> Iterator[StoreFactory]:
    """Opens stores on the test's database, each with its own engine (like separate Sigap instances)."""
    opened: list[SqlConversationStore] = []

    def build(clock: Callable[[], datetime] = utcnow) -> SqlConversationStore:
        store = create_store(store_settings, clock=clock)
        opened.append(store)
        return store

    yield build
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> SqlConversationStore:
    return make_store()


class FakeClock:
    """A settable clock, so tests can place events at exact times."""

    def __init__(self, start: datetime = datetime(2025, 3, 1, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
