"""Alembic environment of the conversation store.

Sigap runs it through ``app.store.database.upgrade_to_head``, which passes an open connection in
``config.attributes["connection"]``. A developer can also point Alembic at a database with the
``sqlalchemy.url`` option (e.g. to write the next revision with ``alembic revision --autogenerate``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.store.models import Base


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by rebuilding them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("No database to migrate: set sqlalchemy.url, or call app.store.database.upgrade_to_head().")
    from app.store.database import create_engine_from_url

    engine = create_engine_from_url(url)
    try:
        with engine.begin() as own_connection:
            _run(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("Sigap's migrations run online only: call app.store.database.upgrade_to_head().")
_run_online()
