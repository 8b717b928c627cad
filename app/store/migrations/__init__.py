"""Alembic migrations of the conversation store (run by ``app.store.database.upgrade_to_head``)."""
