"""What a notification carries (:class:`CaseEvent`) and the one interface every notifier implements.

A notifier tells support that a handoff case opened. It must never lose the case or break the
customer's chat, so :meth:`Notifier.notify` does not raise: it returns a :class:`NotifyResult`, and
logs a failure with the case id only (no names, phone numbers or message text in logs).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

CASE_OPENED = "case.opened"


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _new_event_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, kw_only=True)
class CaseEvent:
    """Something happened to a handoff case (e.g. ``case.opened``); sent to support as is.

    ``event_id`` is unique per event and stays the same however often the event is re-sent, so a
    receiver can drop duplicates. ``contact`` may hold ``name``, ``phone`` and ``email``;
    each ``transcript`` item has ``role``, ``content`` and ``created_at``.
    """

    event: str
    case_id: str
    conversation_id: str
    reason: str
    priority: str
    lang: str
    summary: str
    channel: str
    agent_url: str
    contact: Mapping[str, str] = field(default_factory=dict)
    transcript: Sequence[Mapping[str, str]] = field(default_factory=tuple)
    created_at: str = field(default_factory=_now_iso)
    event_id: str = field(default_factory=_new_event_id)

    def as_dict(self) -> dict[str, Any]:
        """The event as plain JSON-ready data; ``event_id`` is sent as ``id``."""
        return {
            "id": self.event_id,
            "event": self.event,
            "created_at": self.created_at,
            "case_id": self.case_id,
            "conversation_id": self.conversation_id,
            "reason": self.reason,
            "priority": self.priority,
            "lang": self.lang,
            "summary": self.summary,
            "channel": self.channel,
            "contact": dict(self.contact),
            "agent_url": self.agent_url,
            "transcript": [dict(message) for message in self.transcript],
        }

    def to_json(self) -> str:
        """Compact JSON, ASCII only (non-ASCII text is ``\\u`` escaped) so the signed bytes are unambiguous."""
        return json.dumps(self.as_dict(), ensure_ascii=True, separators=(",", ":"))


@dataclass(frozen=True)
class NotifyResult:
    """How one notifier fared: ``error`` says why it was not delivered (never personal data)."""

    delivered: bool
    attempts: int
    error: str | None = None


@runtime_checkable
class Notifier(Protocol):
    """Tells support about a case. Implementations never raise: failures come back in the result."""

    def notify(self, event: CaseEvent) -> NotifyResult: ...
