"""Row-level steps of the store's operations, each run inside the caller's session."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from typing import Any, get_args

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import NotFoundError, StoreError
from app.store.models import CaseRow, ConversationRow, MessageRow
from app.store.records import (
    FEEDBACK_RANGES,
    OPEN_CASE_STATUSES,
    CaseDetails,
    CaseReason,
    Contact,
    FeedbackKind,
    Message,
    Role,
)


def new_conversation(lang: str, channel: str, now: datetime) -> tuple[ConversationRow, str]:
    """A conversation row and the customer's secret token (only its SHA-256 is stored)."""
    token = secrets.token_urlsafe(32)
    row = ConversationRow(
        id=uuid.uuid4().hex,
        customer_token_hash=token_hash(token),
        lang=lang,
        channel=channel,
        status="bot",
        created_at=now,
        updated_at=now,
    )
    return row, token


def new_case(
    conversation: ConversationRow, reason: CaseReason, priority: int, now: datetime, details: CaseDetails
) -> CaseRow:
    return CaseRow(
        id=secrets.token_urlsafe(12),
        conversation_id=conversation.id,
        status="waiting",
        priority=priority,
        reason=reason,
        lang=details.lang or conversation.lang,
        confidence=details.confidence,
        category=details.category,
        sentiment=details.sentiment,
        summary=details.summary,
        draft_answer=details.draft_answer,
        sources=[dict(source) for source in details.sources],
        contact=contact_fields(details.contact),
        contact_channel=details.contact_channel,
        callback_window=details.callback_window,
        created_at=now,
    )


def contact_fields(contact: Contact | None) -> dict[str, str]:
    return {k: v for k, v in asdict(contact or Contact()).items() if v is not None}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def require(name: str, value: str, allowed: Iterable[str]) -> None:
    choices = tuple(allowed)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}. Currently, {name} is {value!r}.")


def conversation_row(session: Session, conversation_id: str, *, lock: bool = False) -> ConversationRow:
    row = session.get(ConversationRow, conversation_id, with_for_update=lock)
    if row is None:
        raise NotFoundError(f"No conversation {conversation_id!r}: start a new one.")
    return row


def customer_conversation_row(session: Session, conversation_id: str, token: str) -> ConversationRow:
    row = session.get(ConversationRow, conversation_id)
    if row is None or not hmac.compare_digest(row.customer_token_hash, token_hash(token)):
        raise NotFoundError(f"No conversation {conversation_id!r} for this chat session: start a new one.")
    return row


def case_row(session: Session, case_id: str, *, lock: bool = False) -> CaseRow:
    row = session.get(CaseRow, case_id, with_for_update=lock, populate_existing=True)
    if row is None:
        raise NotFoundError(f"No handoff case {case_id!r}: it may have been mistyped; see the queue.")
    return row


def open_case_row(session: Session, conversation_id: str, *, lock: bool = False) -> CaseRow | None:
    query = select(CaseRow).where(CaseRow.conversation_id == conversation_id, CaseRow.status.in_(OPEN_CASE_STATUSES))
    return session.scalar(query.with_for_update() if lock else query)


def open_or_reuse_case(
    session: Session,
    conversation: ConversationRow,
    reason: CaseReason,
    priority: int,
    now: datetime,
    details: CaseDetails,
) -> CaseRow:
    """A new waiting case, or the conversation's open one with its priority raised to ``priority``.

    Rows are locked case first, conversation second, like claims and replies do, so that PostgreSQL never
    deadlocks; two instances opening at once are kept to one case by the unique index on open cases.
    """
    case = open_case_row(session, conversation.id, lock=True)
    if case is None:
        case = new_case(conversation, reason, priority, now, details)
        try:
            with session.begin_nested():
                session.add(case)
        except IntegrityError:  # another instance opened one a moment ago
            case = open_case_row(session, conversation.id, lock=True)
            if case is None:
                raise StoreError(f"Could not open a case for conversation {conversation.id}: try again.") from None
        else:
            set_conversation_status(session, conversation.id, "waiting_agent", now)
            return case
    case.priority = max(case.priority, priority)
    set_conversation_status(session, conversation.id, None, now)
    return case


def message_row(session: Session, conversation_id: str, message_id: int) -> MessageRow:
    row = session.get(MessageRow, message_id)
    if row is None or row.conversation_id != conversation_id:
        raise NotFoundError(f"No message {message_id} in conversation {conversation_id}.")
    return row


def require_feedback_value(kind: FeedbackKind, value: int) -> None:
    require("kind", kind, get_args(FeedbackKind))
    low, high = FEEDBACK_RANGES[kind]
    if not low <= value <= high or (kind == "thumbs" and value == 0):
        raise ValueError(f"A {kind} value must be in {low}..{high} (thumbs: -1 or 1). Currently, value is {value}.")


def set_conversation_status(session: Session, conversation_id: str, status: str | None, now: datetime) -> None:
    """Set the status (None: keep it) and bump updated_at."""
    values: dict[str, Any] = {"updated_at": now} if status is None else {"status": status, "updated_at": now}
    session.execute(update(ConversationRow).where(ConversationRow.id == conversation_id).values(**values))


def messages(session: Session, conversation_id: str, *, after: int) -> list[Message]:
    query = (
        select(MessageRow)
        .where(MessageRow.conversation_id == conversation_id, MessageRow.id > after)
        .order_by(MessageRow.id)
    )
    return [row.to_record() for row in session.scalars(query)]


def insert_message(
    session: Session,
    conversation: ConversationRow,
    now: datetime,
    role: Role,
    content: str,
    agent_name: str | None,
    meta: dict[str, Any] | None,
) -> Message:
    """Append a message to the conversation (and bump its updated_at)."""
    conversation.updated_at = now
    row = MessageRow(
        conversation_id=conversation.id,
        role=role,
        content=content,
        created_at=now,
        agent_name=agent_name,
        meta=dict(meta or {}),
    )
    session.add(row)
    session.flush()  # assigns the id
    return row.to_record()
