"""What the handoff services hand to the chat widget and the agent console: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass

from app.answer.models import Answer
from app.store.records import ContactChannel, HandoffCase, Transcript


@dataclass(frozen=True)
class ChatSession:
    """One customer's chat: the widget keeps it (the token is the customer's secret, shown only once)."""

    conversation_id: str
    token: str
    lang: str


@dataclass(frozen=True)
class HandoffOffer:
    """What the customer is told when a case opens, and the choices the widget should show.

    In business hours: live chat (no contact details needed) with the queue ``position`` and the expected
    ``wait_minutes``. Outside them: a callback or an e-mail follow-up, with the ``opening_hours``.
    """

    case: HandoffCase
    text: str  # the whole notice as recorded in the conversation
    in_hours: bool
    channels: tuple[ContactChannel, ...]
    opening_hours: str
    position: int | None = None
    wait_minutes: int | None = None
    message_id: int | None = None  # the recorded bot message carrying ``text``


@dataclass(frozen=True)
class Delta:
    """The reply so far, while it streams (replace what is shown; the :class:`Final` text wins)."""

    text_so_far: str


@dataclass(frozen=True)
class Final:
    """The complete, recorded reply. ``answer`` is None when the bot did not answer (waiting, refusal, error)."""

    reply_text: str
    answer: Answer | None
    message_id: int
    case: HandoffCase | None = None
    offer: HandoffOffer | None = None


ChatEvent = Delta | Final


@dataclass(frozen=True)
class CaseView:
    """One case as the agent console shows it: the case's context and the whole conversation."""

    case: HandoffCase
    transcript: Transcript
