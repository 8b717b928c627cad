"""The tables of the conversation store (SQLAlchemy 2.0 typed ORM).

The schema itself is created by the Alembic migrations in ``app/store/migrations``; a test checks
that these models and the migrations agree. Rows turn into :mod:`app.store.records` dataclasses with
``to_record()`` before they leave a session.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import JSON, DateTime, Dialect, Float, ForeignKey, Index, Integer, MetaData, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.store import records


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite itself stores naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"Timestamps must be timezone-aware, got the naive {value.isoformat()}: use UTC.")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONDocument = JSON().with_variant(JSONB(), "postgresql")
OPEN_CASE_CONDITION = "status IN ('waiting', 'claimed')"


class Base(DeclarativeBase):
    # Named constraints, so later migrations (SQLite rebuilds tables to alter them) can refer to them.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class ConversationRow(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    customer_token_hash: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def to_record(self) -> records.Conversation:
        return records.Conversation(
            id=self.id,
            lang=self.lang,
            channel=cast(records.Channel, self.channel),
            status=cast(records.ConversationStatus, self.status),
            created_at=self.created_at,
            updated_at=self.updated_at,
        )


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_id_id", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    agent_name: Mapped[str | None] = mapped_column(String(120))
    meta: Mapped[dict[str, Any]] = mapped_column(JSONDocument)

    def to_record(self) -> records.Message:
        return records.Message(
            id=self.id,
            conversation_id=self.conversation_id,
            role=cast(records.Role, self.role),
            content=self.content,
            created_at=self.created_at,
            agent_name=self.agent_name,
            meta=dict(self.meta or {}),
        )


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_queue", "status", "priority", "created_at"),
        # At most one open case per conversation, even with several Sigap instances opening at once.
        Index(
            "uq_cases_one_open_per_conversation",
            "conversation_id",
            unique=True,
            sqlite_where=text(OPEN_CASE_CONDITION),
            postgresql_where=text(OPEN_CASE_CONDITION),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float)
    category: Mapped[str | None] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(8))
    sentiment: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str | None] = mapped_column(Text)
    draft_answer: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    contact: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    contact_channel: Mapped[str | None] = mapped_column(String(16))
    callback_window: Mapped[str | None] = mapped_column(String(200))
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(120))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_note: Mapped[str | None] = mapped_column(Text)

    def to_record(self) -> records.HandoffCase:
        contact = self.contact or {}
        return records.HandoffCase(
            id=self.id,
            conversation_id=self.conversation_id,
            status=cast(records.CaseStatus, self.status),
            priority=self.priority,
            reason=cast(records.CaseReason, self.reason),
            lang=self.lang,
            created_at=self.created_at,
            confidence=self.confidence,
            category=self.category,
            sentiment=self.sentiment,
            summary=self.summary,
            draft_answer=self.draft_answer,
            sources=list(self.sources or []),
            contact=records.Contact(contact.get("name"), contact.get("phone"), contact.get("email")),
            contact_channel=cast(records.ContactChannel | None, self.contact_channel),
            callback_window=self.callback_window,
            claimed_by=self.claimed_by,
            claimed_at=self.claimed_at,
            resolved_by=self.resolved_by,
            resolved_at=self.resolved_at,
            resolution_note=self.resolution_note,
        )


class FeedbackRow(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def to_record(self) -> records.Feedback:
        return records.Feedback(
            id=self.id,
            conversation_id=self.conversation_id,
            kind=cast(records.FeedbackKind, self.kind),
            value=self.value,
            created_at=self.created_at,
            message_id=self.message_id,
            reason=self.reason,
        )
