"""The schema comes from the shipped Alembic migrations, upgrades are idempotent, and SQLite is tuned."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.errors import ConfigError, StoreError
from app.settings import Settings
from app.store import create_store
from app.store.database import (
    alembic_config,
    create_engine_from_url,
    database_url,
    head_revision,
    schema_revision,
    upgrade_to_head,
)
from app.store.models import Base
from tests.app.store.conftest import StoreFactory

TABLES = {"conversations", "messages", "cases", "feedback", "alembic_version"}


def test_migrations_create_the_schema_of_the_models(make_store: StoreFactory) -> None:
    store = make_store()
    assert set(inspect(store.engine).get_table_names()) == TABLES
    assert schema_revision(store.engine) == head_revision() == "0001"
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], "models and migrations disagree: add a migration"


def test_upgrading_again_is_idempotent_and_keeps_data(make_store: StoreFactory) -> None:
    first = make_store()
    conversation, _ = first.start_conversation("id")
    upgrade_to_head(first.engine)
    second = make_store()  # a second start-up against the same database
    assert schema_revision(second.engine) == "0001"
    assert second.conversation(conversation.id) == conversation


def test_a_database_at_an_older_revision_is_upgraded(make_store: StoreFactory, store_settings: Settings) -> None:
    store = make_store()
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert schema_revision(store.engine) is None
    assert "conversations" not in inspect(store.engine).get_table_names()
    store.close()
    upgraded = make_store()
    assert schema_revision(upgraded.engine) == "0001"
    upgraded.start_conversation("en", "api")


def test_a_database_from_a_newer_sigap_is_refused_clearly(make_store: StoreFactory) -> None:
    store = make_store()
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer Sigap"):
        upgrade_to_head(store.engine)


def test_sqlite_uses_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    store = create_store(settings)
    try:
        assert (tmp_path / "data" / "sigap.sqlite").is_file()
        assert database_url(settings).endswith("/data/sigap.sqlite")
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15_000
    finally:
        store.close()


def test_a_malformed_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="postgresql\\+psycopg://"):
        create_engine_from_url("not a url")
    with pytest.raises(ConfigError, match="not a usable database URL"):
        create_engine_from_url("nosuchdb://host/db")


def test_an_unreachable_server_is_a_store_error_without_the_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://sigap:s3cret@127.0.0.1:1/sigap?connect_timeout=2"
    with pytest.raises(StoreError, match=r"Check store\.url") as raised:
        create_store(Settings(data_dir=tmp_path, store={"url": url}))
    assert "s3cret" not in str(raised.value)
