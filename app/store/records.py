"""What the conversation store hands out: plain frozen dataclasses, never ORM rows tied to a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Channel = Literal["web", "api"]
ConversationStatus = Literal["bot", "waiting_agent", "with_agent", "closed"]
Role = Literal["customer", "bot", "agent", "system"]
CaseStatus = Literal["waiting", "claimed", "resolved", "returned_to_bot"]
CaseReason = Literal["low_confidence", "human_request", "frustration", "sensitive", "customer_button"]
ContactChannel = Literal["live", "callback", "email"]
FeedbackKind = Literal["thumbs", "csat", "ces"]
FlagReason = Literal["low_confidence", "thumbs_down"]

OPEN_CASE_STATUSES: tuple[CaseStatus, ...] = ("waiting", "claimed")

# Higher first in the agents' queue: an upset customer or a sensitive topic (fraud, a lost payment)
# should not wait behind a question the bot merely could not place.
DEFAULT_PRIORITY: dict[CaseReason, int] = {
    "sensitive": 30,
    "frustration": 20,
    "human_request": 10,
    "customer_button": 10,
    "low_confidence": 0,
}

# Inclusive value range of each feedback kind: thumbs ±1, CSAT 1–5, CES 1–7.
FEEDBACK_RANGES: dict[FeedbackKind, tuple[int, int]] = {"thumbs": (-1, 1), "csat": (1, 5), "ces": (1, 7)}


@dataclass(frozen=True)
class Conversation:
    id: str
    lang: str
    channel: Channel
    status: ConversationStatus
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Message:
    """One turn. ``meta`` of a bot answer: confidence, decision, reason, sources, generator, latency_ms."""

    id: int
    conversation_id: str
    role: Role
    content: str
    created_at: datetime
    agent_name: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Transcript:
    conversation: Conversation
    messages: list[Message]


@dataclass(frozen=True)
class Contact:
    """How the customer wants to be reached back (every part optional)."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class CaseDetails:
    """What the handoff step knows when it opens a case, so the agent never asks the customer to repeat."""

    lang: str | None = None  # None: the conversation's language
    confidence: float | None = None
    category: str | None = None
    sentiment: str | None = None
    summary: str | None = None
    draft_answer: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    contact: Contact = field(default_factory=Contact)
    contact_channel: ContactChannel | None = None
    callback_window: str | None = None


@dataclass(frozen=True)
class HandoffCase:
    """A conversation waiting for, or handled by, a human agent, with what the agent needs to know."""

    id: str
    conversation_id: str
    status: CaseStatus
    priority: int
    reason: CaseReason
    lang: str
    created_at: datetime
    confidence: float | None = None
    category: str | None = None
    sentiment: str | None = None
    summary: str | None = None
    draft_answer: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    contact: Contact = field(default_factory=Contact)
    contact_channel: ContactChannel | None = None
    callback_window: str | None = None
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution_note: str | None = None


@dataclass(frozen=True)
class Feedback:
    id: int
    conversation_id: str
    kind: FeedbackKind
    value: int
    created_at: datetime
    message_id: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DailyAverage:
    day: date
    average: float
    count: int


@dataclass(frozen=True)
class SourceUse:
    doc_id: str
    answers: int


@dataclass(frozen=True)
class FlaggedQuestion:
    """A customer question the bot did not handle well: it handed off unsure, or the answer got a thumbs-down."""

    text: str
    conversation_id: str
    asked_at: datetime
    why: FlagReason


@dataclass(frozen=True)
class DashboardReport:
    """The manager's numbers for the period [start, end) (UTC)."""

    start: datetime
    end: datetime
    conversations: int
    handed_off_conversations: int
    cases_by_reason: dict[str, int]
    thumbs_up: int
    thumbs_down: int
    csat_average: float | None
    ces_average: float | None
    csat_by_day: list[DailyAverage]
    ces_by_day: list[DailyAverage]
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    top_sources: list[SourceUse]
    flagged_questions: list[FlaggedQuestion]
