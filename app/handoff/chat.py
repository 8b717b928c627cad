"""The customer side of Sigap: one chat turn at a time, recorded, answered or handed to a human.

The chat widget calls only this service. Every customer message and every reply is recorded; while a
case waits for (or is handled by) an agent the bot stays quiet and only acknowledges. When the engine
decides to hand off, or the customer presses *Hubungi agen*, a case opens with the whole context, support
is notified in the background, and the customer is told honestly what happens next: a queue position
and expected wait in business hours, a choice of callback or e-mail outside them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from app.answer.messages import ERROR
from app.answer.models import Answer
from app.components.language import detect_lang
from app.errors import ContactError
from app.handoff import messages as say
from app.handoff.contact import check_email, clean_name, clean_window, normalise_phone
from app.handoff.context import (
    CategoryLookup,
    answer_meta,
    case_details,
    case_event,
    customer_texts,
    engine_history,
)
from app.handoff.hours import BusinessHours, honest_minutes, say_minutes
from app.handoff.models import ChatEvent, ChatSession, Delta, Final, HandoffOffer
from app.notify.base import Notifier
from app.notify.factory import notify_all_in_background
from app.settings import Settings
from app.store.records import (
    CaseReason,
    Channel,
    Contact,
    ContactChannel,
    Feedback,
    FeedbackKind,
    HandoffCase,
    Message,
    Transcript,
)
from app.store.store import ConversationStore, utcnow

log = logging.getLogger(__name__)

LANG_SAMPLE_CHARS = 1000  # enough text to tell the language of an over-long message
LAST_MESSAGE_ID = 2**31 - 1  # above any message id: reading "messages after it" only checks the token
ALL_WAITING = 10_000  # how far down the queue a customer's position is looked for


class ReplyEngine(Protocol):
    """What the chat needs from :class:`app.answer.engine.AnswerEngine`."""

    def stream(self, message: str, history: Sequence[dict[str, str]] = ()) -> Iterator[str | Answer]: ...


Summarizer = Callable[[Sequence[str], str], "str | None"]  # (customer messages, lang) -> summary


class ChatService:
    """Runs customer chats over the answer engine and the conversation store.

    Methods raise StoreError when the database fails, NotFoundError (a StoreError) for a wrong session
    token, and ContactError for unusable contact details; the engine's own failures never escape.
    """

    def __init__(
        self,
        engine: ReplyEngine,
        store: ConversationStore,
        notifiers: Sequence[Notifier],
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        category_of: CategoryLookup | None = None,
        summarize: Summarizer | None = None,
    ) -> None:
        """``category_of`` maps a knowledge id to its category (see ``context.lookup_category``);
        ``summarize`` words the case summary with an LLM when one is available (None: extractive).

        Raises:
            ConfigError: the business hours in ``settings.handoff`` are invalid.
        """
        self._engine = engine
        self._store = store
        self._notifiers = list(notifiers)
        self._settings = settings.handoff
        self._hours = BusinessHours.from_settings(settings.handoff)
        self._clock = clock
        self._category_of = category_of
        self._summarize = summarize

    def start(self, lang: str = "id", channel: Channel = "web") -> ChatSession:
        """A new conversation; keep the session (its token is the customer's only key to it)."""
        conversation, token = self._store.start_conversation(lang, channel)
        return ChatSession(conversation.id, token, lang)

    def send(self, session: ChatSession, text: str) -> Iterator[ChatEvent]:
        """Record the customer's message and stream the reply: Delta events, then one Final.

        Nothing for an empty message. While an agent case is open, the message joins it instead.
        """
        message = text.strip()
        if not message:
            return
        transcript = self._store.transcript_for_customer(session.conversation_id, session.token)
        lang = detect_lang(message[:LANG_SAMPLE_CHARS], default=_lang(session.lang))
        if len(message) > self._settings.max_message_chars:
            yield self._refuse_long(session, message, lang)
            return
        case = self._store.current_case(session.conversation_id)
        if case is not None:
            yield self._join_case(session, message, case, lang)
            return
        self._store.add_message(session.conversation_id, "customer", message)
        answer = None
        try:
            shown = ""
            for piece in self._engine.stream(message, engine_history(transcript.messages)):
                if isinstance(piece, Answer):
                    answer = piece
                else:
                    shown += piece
                    yield Delta(shown)
            if answer is None:
                raise RuntimeError("the answer engine ended without a final Answer")
        except Exception:  # the customer gets a polite sentence; the traceback goes to the log only
            log.exception("The answer engine failed in conversation %s", session.conversation_id)
            yield self._bot_notice(session, say.pick(ERROR, lang), "error")
            return
        if answer.decision == "handoff":
            yield self._hand_off(session, answer)
        else:
            reply = self._store.add_message(session.conversation_id, "bot", answer.text, meta=answer_meta(answer))
            yield Final(answer.text, answer, reply.id)

    def request_agent(self, session: ChatSession) -> HandoffOffer:
        """The *Hubungi agen / Talk to an agent* button: open (or reuse) a case and say what happens next."""
        transcript = self._store.transcript_for_customer(session.conversation_id, session.token)
        lang = _customer_lang(transcript, session)
        existing = self._store.current_case(session.conversation_id)
        if existing is not None and existing.status == "claimed":
            text = say.pick(say.ALREADY_WITH_AGENT, lang).format(agent=existing.claimed_by or "")
            meta = {"kind": "offer", "case_id": existing.id}
            note = self._store.add_message(session.conversation_id, "bot", text, meta=meta)
            in_hours = self._hours.is_open(self._clock())
            return HandoffOffer(existing, text, in_hours, ("live",), self._hours.describe(lang), message_id=note.id)
        if existing is not None:
            return self._offer(session, existing, say.pick(say.ALREADY_QUEUED, lang), lang, {}, notify=False)
        case = self._open_case(session, "customer_button", None)
        return self._offer(session, case, say.pick(say.OFFER_INTRO, lang), lang, {}, notify=True)

    def choose_channel(
        self,
        session: ChatSession,
        channel: ContactChannel,
        *,
        name: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        callback_window: str | None = None,
    ) -> HandoffCase:
        """How the customer wants to be reached: live chat, a callback or an e-mail. Stored with the case only.

        Raises:
            ContactError: an unknown channel, a missing or invalid phone or e-mail, or live chat out of hours.
        """
        self._verify(session)
        in_hours = self._hours.is_open(self._clock())
        contact, window = self._checked_contact(channel, in_hours, name, phone, email, callback_window)
        case = self._store.current_case(session.conversation_id) or self.request_agent(session).case
        updated = self._store.add_customer_info_to_case(
            case.id, contact=contact, contact_channel=channel, callback_window=window
        )
        text = say.channel_confirmation(channel, in_hours, updated.lang)
        self._store.add_message(session.conversation_id, "bot", text, meta={"kind": "channel", "case_id": case.id})
        return updated

    def poll(self, session: ChatSession, after_message_id: int) -> list[Message]:
        """What the widget has not shown yet: agent replies and notices after ``after_message_id``."""
        since = self._store.customer_messages_since(session.conversation_id, session.token, after_message_id)
        return [message for message in since if message.role != "customer"]

    def feedback(
        self,
        session: ChatSession,
        kind: FeedbackKind,
        value: int,
        message_id: int | None = None,
        reason: str | None = None,
    ) -> Feedback:
        """Record a thumbs (±1 on a reply), CSAT (1–5) or CES (1–7) rating.

        Raises:
            ValueError: a value outside its kind's range.
        """
        self._verify(session)
        return self._store.add_feedback(
            session.conversation_id, kind, value, message_id=message_id, reason=(reason or "").strip() or None
        )

    def _hand_off(self, session: ChatSession, answer: Answer) -> Final:
        reason: CaseReason = answer.reason or "low_confidence"
        case = self._open_case(session, reason, answer)
        offer = self._offer(session, case, answer.text, answer.lang, answer_meta(answer), notify=True)
        assert offer.message_id is not None
        return Final(offer.text, answer, offer.message_id, case, offer)

    def _open_case(self, session: ChatSession, reason: CaseReason, answer: Answer | None) -> HandoffCase:
        transcript = self._store.transcript(session.conversation_id)
        details = case_details(transcript, answer, reason, self._category_of)
        if self._summarize is not None:
            worded = self._summarize(customer_texts(transcript.messages), details.lang or session.lang)
            details = replace(details, summary=worded or details.summary)
        return self._store.open_case(session.conversation_id, reason, details)

    def _offer(
        self, session: ChatSession, case: HandoffCase, intro: str, lang: str, meta: dict[str, Any], *, notify: bool
    ) -> HandoffOffer:
        """Word what happens next, record it, and (for a new case) notify support."""
        now = self._clock()
        hours = self._hours.describe(lang)
        if self._hours.is_open(now):
            position = self._position(case)
            wait = honest_minutes(position * self._settings.minutes_per_case)
            notice = say.queue_notice(position, say_minutes(wait, lang), lang)
            offer = HandoffOffer(case, "", True, ("live", "callback", "email"), hours, position, wait)
        else:
            opening = self._hours.next_opening(now)
            when = self._hours.describe_opening(opening, now, lang) if opening else None
            notice = say.closed_notice(hours, when, lang)
            offer = HandoffOffer(case, "", False, ("callback", "email"), hours)
        text = f"{intro}\n\n{notice}"
        meta = {**meta, "kind": "offer", "case_id": case.id}
        recorded = self._store.add_message(session.conversation_id, "bot", text, meta=meta)
        if notify and self._notifiers:
            event = case_event(case, self._store.transcript(session.conversation_id), self._settings.agent_url)
            notify_all_in_background(self._notifiers, event)
        return replace(offer, text=text, message_id=recorded.id)

    def _position(self, case: HandoffCase) -> int:
        """1 for the next case an agent will take (the queue's order: priority, then waiting time)."""
        waiting = [queued.id for queued in self._store.queue(("waiting",), limit=ALL_WAITING)]
        return waiting.index(case.id) + 1 if case.id in waiting else len(waiting) + 1

    def _join_case(self, session: ChatSession, message: str, case: HandoffCase, lang: str) -> Final:
        """While waiting for or talking to an agent: the message goes to the case; the bot only acknowledges."""
        self._store.add_message(session.conversation_id, "customer", message, meta={"case_id": case.id})
        if case.status == "claimed":
            text = say.with_agent_ack(case.claimed_by, lang)
        else:
            text = say.pick(say.WAITING_ACK, lang)
        return self._bot_notice(session, text, "ack", case)

    def _refuse_long(self, session: ChatSession, message: str, lang: str) -> Final:
        limit = self._settings.max_message_chars
        meta = {"refused": "too_long", "chars": len(message)}
        self._store.add_message(session.conversation_id, "customer", message[:limit] + "…", meta=meta)
        return self._bot_notice(session, say.too_long(len(message), limit, lang), "refusal")

    def _bot_notice(self, session: ChatSession, text: str, kind: str, case: HandoffCase | None = None) -> Final:
        meta: dict[str, Any] = {"kind": kind} | ({"case_id": case.id} if case else {})
        recorded = self._store.add_message(session.conversation_id, "bot", text, meta=meta)
        return Final(text, None, recorded.id, case)

    def _checked_contact(
        self,
        channel: str,
        in_hours: bool,
        name: str | None,
        phone: str | None,
        email: str | None,
        window: str | None,
    ) -> tuple[Contact, str | None]:
        if channel not in get_args(ContactChannel):
            raise ContactError("channel", say.pick(say.UNKNOWN_CHANNEL, "id"), say.pick(say.UNKNOWN_CHANNEL, "en"))
        if channel == "live" and not in_hours:
            raise ContactError(
                "channel",
                say.pick(say.LIVE_CLOSED, "id").format(hours=self._hours.describe("id")),
                say.pick(say.LIVE_CLOSED, "en").format(hours=self._hours.describe("en")),
            )
        given_phone = phone if phone and phone.strip() else None
        given_email = email if email and email.strip() else None
        contact = Contact(
            name=clean_name(name),
            phone=normalise_phone(given_phone or "") if given_phone or channel == "callback" else None,
            email=check_email(given_email or "") if given_email or channel == "email" else None,
        )
        return contact, clean_window(window) if channel == "callback" else None

    def _verify(self, session: ChatSession) -> None:
        """Raises NotFoundError unless the session's token opens its conversation."""
        self._store.customer_messages_since(session.conversation_id, session.token, LAST_MESSAGE_ID)


def _lang(lang: str) -> Literal["id", "en"]:
    return "en" if lang == "en" else "id"


def _customer_lang(transcript: Transcript, session: ChatSession) -> str:
    """The language of the customer's latest message, else the session's."""
    latest = next((m.content for m in reversed(transcript.messages) if m.role == "customer"), "")
    return detect_lang(latest[:LANG_SAMPLE_CHARS], default=_lang(session.lang)) if latest else session.lang


if TYPE_CHECKING:  # mypy proves that the real engine fits the protocol
    from app.answer.engine import AnswerEngine

    def _implements(engine: AnswerEngine) -> ReplyEngine:
        return engine
