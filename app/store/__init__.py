"""The conversation store: conversations, messages, handoff cases and feedback (SQLite or PostgreSQL)."""

from app.store.database import create_store
from app.store.records import (
    CaseDetails,
    Contact,
    Conversation,
    DashboardReport,
    Feedback,
    HandoffCase,
    Message,
    Transcript,
)
from app.store.store import ConversationStore, SqlConversationStore

__all__ = [
    "CaseDetails",
    "Contact",
    "Conversation",
    "ConversationStore",
    "DashboardReport",
    "Feedback",
    "HandoffCase",
    "Message",
    "SqlConversationStore",
    "Transcript",
    "create_store",
]
