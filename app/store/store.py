"""The conversation store: every conversation, its messages, handoff cases and feedback.

:class:`ConversationStore` is what the rest of Sigap depends on; :class:`SqlConversationStore` implements
it with SQLAlchemy on SQLite or PostgreSQL. Case transitions are conditional ``UPDATE … WHERE status IN
(…)`` statements checked by their row count, so two agents (or two Sigap instances) never both win.

    waiting ──claim──▶ claimed ──resolve──▶ resolved
       │                  │
       └──────────────────┴──return_to_bot──▶ returned_to_bot      (waiting can also be resolved directly)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, cast, get_args

from sqlalchemy import CursorResult, Engine, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import CaseStateError, StoreError
from app.store import dashboard, rows
from app.store.models import CaseRow, FeedbackRow
from app.store.records import (
    DEFAULT_PRIORITY,
    OPEN_CASE_STATUSES,
    CaseDetails,
    CaseReason,
    CaseStatus,
    Channel,
    Contact,
    ContactChannel,
    Conversation,
    DashboardReport,
    Feedback,
    FeedbackKind,
    HandoffCase,
    Message,
    Role,
    Transcript,
)

# Execution option marking a write transaction: on SQLite it begins with BEGIN IMMEDIATE (see database.py).
WRITE_OPTION = "sigap_write"


def utcnow() -> datetime:
    return datetime.now(UTC)


class ConversationStore(Protocol):
    """Records conversations and runs the human-handoff queue. Raises StoreError subclasses only."""

    def start_conversation(self, lang: str, channel: Channel = "web") -> tuple[Conversation, str]:
        """A new conversation and the customer's secret session token (shown once, stored hashed)."""
        ...

    def add_message(
        self,
        conversation_id: str,
        role: Role,
        content: str,
        *,
        agent_name: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Message: ...

    def conversation(self, conversation_id: str) -> Conversation: ...

    def transcript(self, conversation_id: str) -> Transcript:
        """The whole conversation, for agents."""
        ...

    def transcript_for_customer(self, conversation_id: str, token: str) -> Transcript:
        """The whole conversation, only for the customer holding its token (else NotFoundError)."""
        ...

    def messages_since(self, conversation_id: str, after_message_id: int) -> list[Message]: ...

    def customer_messages_since(self, conversation_id: str, token: str, after_message_id: int) -> list[Message]: ...

    def open_case(
        self,
        conversation_id: str,
        reason: CaseReason,
        details: CaseDetails = CaseDetails(),  # noqa: B008 (frozen, so a shared default is safe)
        *,
        priority: int | None = None,
    ) -> HandoffCase:
        """Put the conversation in the agents' queue (status ``waiting_agent``)."""
        ...

    def add_customer_info_to_case(
        self,
        case_id: str,
        *,
        contact: Contact | None = None,
        contact_channel: ContactChannel | None = None,
        callback_window: str | None = None,
    ) -> HandoffCase: ...

    def case(self, case_id: str) -> HandoffCase: ...

    def current_case(self, conversation_id: str) -> HandoffCase | None:
        """The conversation's open (waiting or claimed) case, if any."""
        ...

    def queue(self, statuses: Sequence[CaseStatus] = OPEN_CASE_STATUSES, limit: int = 200) -> list[HandoffCase]: ...

    def claim_case(self, case_id: str, agent: str) -> bool: ...

    def agent_reply(self, case_id: str, agent: str, text: str) -> Message: ...

    def return_to_bot(self, case_id: str, agent: str) -> HandoffCase: ...

    def resolve_case(self, case_id: str, agent: str, note: str = "") -> HandoffCase: ...

    def add_feedback(
        self,
        conversation_id: str,
        kind: FeedbackKind,
        value: int,
        *,
        message_id: int | None = None,
        reason: str | None = None,
    ) -> Feedback: ...

    def dashboard(self, start: datetime, end: datetime) -> DashboardReport: ...


class SqlConversationStore:
    """The conversation store on a SQLAlchemy engine (build it with ``app.store.create_store``)."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self._clock = clock
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        self._where = engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def start_conversation(self, lang: str, channel: Channel = "web") -> tuple[Conversation, str]:
        rows.require("channel", channel, get_args(Channel))
        row, token = rows.new_conversation(lang, channel, self._clock())
        with self._session("start a conversation", write=True) as session:
            session.add(row)
        return row.to_record(), token

    def conversation(self, conversation_id: str) -> Conversation:
        """Raises: NotFoundError."""
        with self._session("read a conversation") as session:
            return rows.conversation_row(session, conversation_id).to_record()

    def add_message(
        self,
        conversation_id: str,
        role: Role,
        content: str,
        *,
        agent_name: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Message:
        """Record one turn. A customer writing into a closed conversation reopens it with the bot.

        Raises:
            NotFoundError: no such conversation.
        """
        rows.require("role", role, get_args(Role))
        with self._session("record a message", write=True) as session:
            conversation = rows.conversation_row(session, conversation_id, lock=True)
            if role == "customer" and conversation.status == "closed":
                conversation.status = "bot"
            return rows.insert_message(session, conversation, self._clock(), role, content, agent_name, meta)

    def transcript(self, conversation_id: str) -> Transcript:
        with self._session("read a transcript") as session:
            conversation = rows.conversation_row(session, conversation_id)
            return Transcript(conversation.to_record(), rows.messages(session, conversation_id, after=0))

    def transcript_for_customer(self, conversation_id: str, token: str) -> Transcript:
        with self._session("read a transcript") as session:
            conversation = rows.customer_conversation_row(session, conversation_id, token)
            return Transcript(conversation.to_record(), rows.messages(session, conversation_id, after=0))

    def messages_since(self, conversation_id: str, after_message_id: int) -> list[Message]:
        """Messages with an id above ``after_message_id``, oldest first (0: all of them)."""
        with self._session("read new messages") as session:
            rows.conversation_row(session, conversation_id)
            return rows.messages(session, conversation_id, after=after_message_id)

    def customer_messages_since(self, conversation_id: str, token: str, after_message_id: int) -> list[Message]:
        """What the customer widget polls for (live agent replies); refuses a wrong token."""
        with self._session("read new messages") as session:
            rows.customer_conversation_row(session, conversation_id, token)
            return rows.messages(session, conversation_id, after=after_message_id)

    def open_case(
        self,
        conversation_id: str,
        reason: CaseReason,
        details: CaseDetails = CaseDetails(),  # noqa: B008 (frozen, so a shared default is safe)
        *,
        priority: int | None = None,
    ) -> HandoffCase:
        """Hand the conversation to the agents' queue; its status becomes ``waiting_agent``.

        ``priority`` defaults by reason (see DEFAULT_PRIORITY). A conversation whose case is still open
        keeps that case, its priority raised when the new one is higher.

        Raises:
            NotFoundError: no such conversation.
        """
        rows.require("reason", reason, get_args(CaseReason))
        if details.contact_channel is not None:
            rows.require("contact_channel", details.contact_channel, get_args(ContactChannel))
        priority = DEFAULT_PRIORITY[reason] if priority is None else priority
        now = self._clock()
        with self._session("open a handoff case", write=True) as session:
            conversation = rows.conversation_row(session, conversation_id)
            return rows.open_or_reuse_case(session, conversation, reason, priority, now, details).to_record()

    def add_customer_info_to_case(
        self,
        case_id: str,
        *,
        contact: Contact | None = None,
        contact_channel: ContactChannel | None = None,
        callback_window: str | None = None,
    ) -> HandoffCase:
        """Add how the customer wants to be reached (parts left None keep their earlier value).

        Raises:
            NotFoundError: no such case.  CaseStateError: the case is already closed.
        """
        if contact_channel is not None:
            rows.require("contact_channel", contact_channel, get_args(ContactChannel))
        with self._session("update a handoff case", write=True) as session:
            row = rows.case_row(session, case_id, lock=True)
            if row.status not in OPEN_CASE_STATUSES:
                raise CaseStateError(f"Case {case_id} is {row.status}: open a new case to reach the customer again.")
            row.contact = {**(row.contact or {}), **rows.contact_fields(contact)}
            row.contact_channel = contact_channel or row.contact_channel
            row.callback_window = callback_window or row.callback_window
            return row.to_record()

    def case(self, case_id: str) -> HandoffCase:
        """Raises: NotFoundError."""
        with self._session("read a handoff case") as session:
            return rows.case_row(session, case_id).to_record()

    def current_case(self, conversation_id: str) -> HandoffCase | None:
        """The conversation's open (waiting or claimed) case, if any."""
        with self._session("read a handoff case") as session:
            row = rows.open_case_row(session, conversation_id)
            return row.to_record() if row else None

    def queue(self, statuses: Sequence[CaseStatus] = OPEN_CASE_STATUSES, limit: int = 200) -> list[HandoffCase]:
        """Cases in these statuses, highest priority first, then longest waiting first."""
        for status in statuses:
            rows.require("status", status, get_args(CaseStatus))
        query = (
            select(CaseRow)
            .where(CaseRow.status.in_(statuses))
            .order_by(CaseRow.priority.desc(), CaseRow.created_at, CaseRow.id)
            .limit(limit)
        )
        with self._session("read the agents' queue") as session:
            return [row.to_record() for row in session.scalars(query)]

    def claim_case(self, case_id: str, agent: str) -> bool:
        """Take a waiting case. False when it is no longer waiting (another agent was first).

        Raises:
            NotFoundError: no such case.
        """
        now = self._clock()
        claim = (
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.status == "waiting")
            .values(status="claimed", claimed_by=agent, claimed_at=now)
        )
        with self._session("claim a handoff case", write=True) as session:
            claimed = cast(CursorResult[Any], session.execute(claim)).rowcount == 1
            row = rows.case_row(session, case_id)
            if claimed:
                rows.set_conversation_status(session, row.conversation_id, "with_agent", now)
            return claimed

    def agent_reply(self, case_id: str, agent: str, text: str) -> Message:
        """Record the claiming agent's reply in the conversation (the customer widget polls for it).

        Raises:
            NotFoundError: no such case.  CaseStateError: the case is not claimed by ``agent``.
        """
        with self._session("record an agent reply", write=True) as session:
            row = rows.case_row(session, case_id, lock=True)
            if row.status != "claimed" or row.claimed_by != agent:
                holder = f" by {row.claimed_by}" if row.claimed_by else ""
                raise CaseStateError(f"Case {case_id} is {row.status}{holder}: {agent} must claim it before replying.")
            conversation = rows.conversation_row(session, row.conversation_id, lock=True)
            return rows.insert_message(session, conversation, self._clock(), "agent", text, agent, None)

    def return_to_bot(self, case_id: str, agent: str) -> HandoffCase:
        """Close the case and let the bot answer the conversation again.

        Raises:
            NotFoundError: no such case.  CaseStateError: the case is already closed.
        """
        values = {"status": "returned_to_bot", "resolved_by": agent}
        return self._close_case(case_id, values, conversation_status="bot", verb="returned to the bot")

    def resolve_case(self, case_id: str, agent: str, note: str = "") -> HandoffCase:
        """Close the case as solved by ``agent``; the conversation is closed too.

        Raises:
            NotFoundError: no such case.  CaseStateError: the case is already closed.
        """
        values = {"status": "resolved", "resolved_by": agent, "resolution_note": note}
        return self._close_case(case_id, values, conversation_status="closed", verb="resolved")

    def add_feedback(
        self,
        conversation_id: str,
        kind: FeedbackKind,
        value: int,
        *,
        message_id: int | None = None,
        reason: str | None = None,
    ) -> Feedback:
        """Record a thumbs (±1, on a message), CSAT (1–5) or CES (1–7) rating.

        Raises:
            ValueError: a value outside its kind's range.  NotFoundError: unknown conversation or message.
        """
        rows.require_feedback_value(kind, value)
        row = FeedbackRow(conversation_id=conversation_id, message_id=message_id, kind=kind, value=value, reason=reason)
        row.created_at = self._clock()
        with self._session("record feedback", write=True) as session:
            rows.conversation_row(session, conversation_id)
            if message_id is not None:
                rows.message_row(session, conversation_id, message_id)
            session.add(row)
            session.flush()
            return row.to_record()

    def dashboard(self, start: datetime, end: datetime) -> DashboardReport:
        """The manager's numbers for the period [start, end)."""
        if end <= start:
            raise ValueError(f"The period must end after it starts. Currently, start={start} and end={end}.")
        with self._session("compute the dashboard") as session:
            return dashboard.build_report(session, start, end)

    @contextmanager
    def _session(self, action: str, *, write: bool = False) -> Iterator[Session]:
        factory = self._writes if write else self._reads
        try:
            with factory.begin() as session:
                yield session
        except OperationalError as exc:
            raise StoreError(
                f"Could not {action}: the database {self._where} is unreachable or locked ({exc.orig}). "
                "Check store.url and that the database server is running."
            ) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"Could not {action} in {self._where}: {exc}") from exc

    def _close_case(self, case_id: str, values: dict[str, Any], *, conversation_status: str, verb: str) -> HandoffCase:
        now = self._clock()
        close = (
            update(CaseRow)
            .where(CaseRow.id == case_id, CaseRow.status.in_(OPEN_CASE_STATUSES))
            .values(resolved_at=now, **values)
        )
        with self._session(f"close handoff case {case_id}", write=True) as session:
            closed = cast(CursorResult[Any], session.execute(close)).rowcount == 1
            row = rows.case_row(session, case_id)
            if not closed:
                raise CaseStateError(
                    f"Case {case_id} cannot be {verb}: it is already {row.status} "
                    f"(by {row.resolved_by} at {row.resolved_at}). Open a new case if the customer needs help again."
                )
            rows.set_conversation_status(session, row.conversation_id, conversation_status, now)
            return row.to_record()


if TYPE_CHECKING:  # mypy proves that the SQL store implements the protocol

    def _implements(store: SqlConversationStore) -> ConversationStore:
        return store
