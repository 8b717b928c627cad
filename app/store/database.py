"""Opening the conversation store: the engine (SQLite file or PostgreSQL URL) and its migrations.

SQLite (the default, ``<data_dir>/sigap.sqlite``) runs in WAL mode with foreign keys on and a busy
timeout; write transactions take the write lock up front (``BEGIN IMMEDIATE``), so concurrent writers
wait their turn instead of failing. The schema is created and upgraded by the Alembic migrations shipped
in ``app/store/migrations`` — no ``alembic.ini`` needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from app.errors import ConfigError, StoreError
from app.settings import Settings
from app.store.store import WRITE_OPTION, SqlConversationStore, utcnow

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_FILE = "sigap.sqlite"
SQLITE_BUSY_TIMEOUT_MS = 15_000
# Several instances starting at once against one PostgreSQL database migrate one after the other.
MIGRATION_LOCK_KEY = 0x5167A9


def create_store(settings: Settings, *, clock: Callable[[], datetime] = utcnow) -> SqlConversationStore:
    """Open the configured store and bring its schema up to date.

    Raises:
        ConfigError: store.url is not a usable database URL.  StoreError: the database cannot be reached or migrated.
    """
    engine = create_engine_from_url(database_url(settings))
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return SqlConversationStore(engine, clock=clock)


def database_url(settings: Settings) -> str:
    """``store.url``, or the SQLite file in the data directory when it is empty."""
    if settings.store.url:
        return settings.store.url
    return URL.create("sqlite", database=str(settings.data_dir / SQLITE_FILE)).render_as_string()


def create_engine_from_url(url: str) -> Engine:
    """An engine for ``url``; SQLite engines get Sigap's pragmas and transaction handling.

    Raises:
        ConfigError: the URL cannot be parsed or names a driver that is not installed.
    """
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise ConfigError(
            f"store.url={_safe(url)!r} is not a usable database URL ({exc}). Leave it empty for SQLite, "
            "or use postgresql+psycopg://user:password@host:5432/database."
        ) from exc


def upgrade_to_head(engine: Engine) -> None:
    """Create the schema, or upgrade an older one, to the newest migration. Running it again changes nothing.

    Raises:
        StoreError: the database cannot be reached, or was written by a newer Sigap.
    """
    config = alembic_config()
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"Cannot migrate the conversation store {where}: {exc}. "
            "A database written by a newer Sigap version needs that version (or a fresh database)."
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(
            f"Cannot open the conversation store {where}: {exc}. Check store.url and that the database is running."
        ) from exc


def schema_revision(engine: Engine) -> str | None:
    """The database's migration revision (None: no schema yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration shipped with this Sigap."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "app/store/migrations/versions has no migration"
    return head


def alembic_config() -> Config:
    """An Alembic configuration pointing at the shipped migrations (pass a connection in ``attributes``)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3 would emit its own deferred BEGIN; _sqlite_begin emits the right one instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough in WAL mode, much faster
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A deferred transaction that reads and then writes fails at once ("database is locked") when another
    # connection wrote in between; taking the write lock first makes it wait busy_timeout instead.
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url
