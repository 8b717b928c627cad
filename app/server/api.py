"""The JSON API for other channels (a mobile app, WhatsApp bridge, load tests): the same chat service as the
widget, so every message is recorded and handed off the same way.

    POST /api/v1/conversations                       {"lang": "id"}          → {conversation_id, token}
    POST /api/v1/conversations/{id}/messages         {"token", "text"}       → the complete reply
    GET  /api/v1/conversations/{id}/messages?token=&after=                   → newer messages (agent replies)
    POST /api/v1/conversations/{id}/agent            {"token"}               → a handoff case and what happens next
    POST /api/v1/conversations/{id}/feedback         {"token", "kind", "value", "message_id"?, "reason"?}

A wrong token answers 404, exactly like an unknown conversation (a guessed id tells nothing).
The OpenAPI description is served at /api/docs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel, Field

from app.errors import NotFoundError
from app.handoff import ChatEvent, ChatService, ChatSession, Final
from app.store.records import FeedbackKind, HandoffCase, Message

T = TypeVar("T")
PREFIX = "/api/v1"
MAX_TEXT_CHARS = 100_000  # far above handoff.max_message_chars: the chat refuses long ones politely itself


class StartRequest(BaseModel):
    lang: Literal["id", "en"] = Field("id", description="The customer's language until they write.")


class Started(BaseModel):
    conversation_id: str
    token: str = Field(description="The customer's secret key to this conversation: send it with every call.")


class SendRequest(BaseModel):
    token: str
    text: str = Field(max_length=MAX_TEXT_CHARS, description="The customer's message.")


class TokenRequest(BaseModel):
    token: str


class SourceOut(BaseModel):
    doc_id: str
    title: str
    kind: str
    score: float
    excerpt: str


class Reply(BaseModel):
    text: str = Field(description="The reply as recorded (an answer, a handoff notice, or an acknowledgement).")
    decision: Literal["answer", "handoff"] | None = Field(
        description="None when the bot did not answer: the case is with an agent, the message was refused, ..."
    )
    reason: str | None
    confidence: float | None
    lang: str | None
    sources: list[SourceOut]
    message_id: int
    case_id: str | None


class MessageOut(BaseModel):
    id: int
    role: Literal["bot", "agent", "system"]
    text: str
    agent_name: str | None
    created_at: datetime


class NewMessages(BaseModel):
    messages: list[MessageOut]


class CaseOut(BaseModel):
    case_id: str
    status: str
    text: str = Field(description="What the customer is told: queue position and wait, or opening hours.")
    in_hours: bool
    channels: list[str]
    position: int | None
    wait_minutes: int | None


class FeedbackRequest(BaseModel):
    token: str
    kind: FeedbackKind
    value: int = Field(description="thumbs: 1 or -1; csat: 1–5; ces: 1–7.")
    message_id: int | None = None
    reason: str | None = Field(None, max_length=1000)


class Recorded(BaseModel):
    id: int


def api_router(chat: ChatService) -> APIRouter:
    """The API's routes over ``chat``."""
    router = APIRouter(prefix=PREFIX, tags=["conversations"])

    @router.post("/conversations", status_code=status.HTTP_201_CREATED)
    def start(body: StartRequest | None = None) -> Started:
        """Start a conversation; keep the token, it is shown only here."""
        session = chat.start(body.lang if body else "id", channel="api")
        return Started(conversation_id=session.conversation_id, token=session.token)

    @router.post("/conversations/{conversation_id}/messages")
    def send(conversation_id: str, body: SendRequest) -> Reply:
        """Send the customer's message; the complete reply comes back (recorded, handed off when needed)."""
        if not body.text.strip():
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "text is empty: send the customer's message.")
        final = _final(chat.send(_session(conversation_id, body.token), body.text))
        return _reply(final)

    @router.get("/conversations/{conversation_id}/messages")
    def poll(
        conversation_id: str,
        token: Annotated[str, Query()],
        after: Annotated[int, Query(ge=0, description="The last message id the client has.")] = 0,
    ) -> NewMessages:
        """Bot, agent and system messages after ``after`` (agent replies arrive this way)."""
        messages = _guarded(lambda: chat.poll(_session(conversation_id, token), after))
        return NewMessages(messages=[_message(m) for m in messages])

    @router.post("/conversations/{conversation_id}/agent")
    def request_agent(conversation_id: str, body: TokenRequest) -> CaseOut:
        """The customer asks for a person: a case opens (or the open one is reused)."""
        offer = _guarded(lambda: chat.request_agent(_session(conversation_id, body.token)))
        return CaseOut(
            case_id=offer.case.id,
            status=offer.case.status,
            text=offer.text,
            in_hours=offer.in_hours,
            channels=list(offer.channels),
            position=offer.position,
            wait_minutes=offer.wait_minutes,
        )

    @router.post("/conversations/{conversation_id}/feedback", status_code=status.HTTP_201_CREATED)
    def feedback(conversation_id: str, body: FeedbackRequest) -> Recorded:
        """Rate a reply (thumbs) or the whole conversation (CSAT, CES)."""
        session = _session(conversation_id, body.token)
        try:
            recorded = _guarded(
                lambda: chat.feedback(session, body.kind, body.value, message_id=body.message_id, reason=body.reason)
            )
        except ValueError as exc:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
        return Recorded(id=recorded.id)

    def _final(events: Iterator[ChatEvent]) -> Final:
        finals = [event for event in _guarded(lambda: list(events)) if isinstance(event, Final)]
        return finals[-1]

    return router


def _session(conversation_id: str, token: str) -> ChatSession:
    return ChatSession(conversation_id, token, "id")


def _guarded(call: Callable[[], T]) -> T:
    """Run ``call``; a wrong token or unknown conversation becomes 404."""
    try:
        return call()
    except NotFoundError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such conversation, or the token does not open it.") from exc


def _reply(final: Final) -> Reply:
    answer = final.answer
    case: HandoffCase | None = final.case
    return Reply(
        text=final.reply_text,
        decision=answer.decision if answer else None,
        reason=answer.reason if answer else None,
        confidence=round(answer.confidence, 4) if answer else None,
        lang=answer.lang if answer else None,
        sources=[
            SourceOut(doc_id=s.doc_id, title=s.title, kind=s.kind, score=s.score, excerpt=s.excerpt)
            for s in (answer.sources if answer and answer.decision == "answer" else [])
        ],
        message_id=final.message_id,
        case_id=case.id if case else None,
    )


def _message(message: Message) -> MessageOut:
    role: Literal["bot", "agent", "system"] = "bot" if message.role == "customer" else message.role
    return MessageOut(
        id=message.id, role=role, text=message.content, agent_name=message.agent_name, created_at=message.created_at
    )
