"""The agent side of the handoff: log in, see the queue, take a case, reply, close it, grow the FAQ.

The agent console calls only this service. Claims are atomic in the store, so two agents clicking
*Ambil* at once never both get the case. A solved case can become a draft FAQ entry that the bot
uses from the next message on (after ``reindex``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.answer.signals import read_signals
from app.errors import ConfigError
from app.handoff import messages as say
from app.handoff.models import CaseView
from app.handoff.passwords import hash_password, parse_hash, verify_password
from app.handoff.promote import index_new_draft, write_faq_draft
from app.settings import AgentAccount, Settings
from app.store.records import HandoffCase, Message, Transcript
from app.store.store import ConversationStore
from ingest.redact import Redactor

log = logging.getLogger(__name__)

MAX_REPLY_CHARS = 10_000


class AgentService:
    """What the agent console does, over the conversation store and the knowledge folder."""

    def __init__(
        self,
        store: ConversationStore,
        settings: Settings,
        knowledge_dir: Path,
        reindex: Callable[[], object],
    ) -> None:
        """``reindex`` brings the live index up to date with ``knowledge_dir`` (e.g. ingest, then refresh).

        Raises:
            ConfigError: an agent account's password hash is malformed (make it with `sigap agent-hash`).
        """
        broken = [account.name for account in settings.agents if parse_hash(account.password_hash) is None]
        if broken:
            raise ConfigError(
                f"The password hash of agent(s) {', '.join(broken)} is not a scrypt hash: "
                "make one with `sigap agent-hash` and put it in password_hash."
            )
        self._store = store
        self._accounts = {account.name: account for account in settings.agents}
        self._knowledge_dir = knowledge_dir
        self._reindex = reindex
        redaction = settings.redaction
        self._redactor = Redactor(
            order_id_patterns=redaction.order_id_patterns,
            tracking_patterns=redaction.tracking_patterns,
            allow=redaction.allow,
        )
        # Checked against when the name is unknown, so a login takes as long whether or not the name exists.
        self._decoy_hash = hash_password("decoy-password-never-matches")

    def authenticate(self, name: str, password: str) -> AgentAccount | None:
        """The account when ``name`` and ``password`` match one in the settings, else None."""
        account = self._accounts.get(name.strip())
        matches = verify_password(password, account.password_hash if account else self._decoy_hash)
        return account if account is not None and matches else None

    def queue(self) -> list[HandoffCase]:
        """Open cases (waiting, then claimed), highest priority first, then longest waiting first."""
        return self._store.queue()

    def case_view(self, case_id: str) -> CaseView:
        """The case's context and the whole conversation.

        Raises:
            NotFoundError: no such case.
        """
        case = self._store.case(case_id)
        return CaseView(case, self._store.transcript(case.conversation_id))

    def claim(self, case_id: str, agent: str) -> bool:
        """Take a waiting case; False when another agent was first."""
        return self._store.claim_case(case_id, agent)

    def reply(self, case_id: str, agent: str, text: str) -> Message:
        """Send a reply to the customer (their widget polls for it).

        Raises:
            ValueError: an empty or over-long reply.  CaseStateError: ``agent`` has not claimed the case.
        """
        reply = text.strip()
        if not reply:
            raise ValueError("The reply is empty: write something for the customer.")
        if len(reply) > MAX_REPLY_CHARS:
            raise ValueError(f"The reply has {len(reply)} characters; split it into messages of {MAX_REPLY_CHARS}.")
        return self._store.agent_reply(case_id, agent, reply)

    def return_to_bot(self, case_id: str, agent: str) -> HandoffCase:
        """Hand the conversation back to the bot, and tell the customer so.

        Raises:
            CaseStateError: the case is already closed.
        """
        case = self._store.return_to_bot(case_id, agent)
        self._tell_customer(case, say.RETURNED_TO_BOT, "returned_to_bot")
        return case

    def resolve(self, case_id: str, agent: str, note: str = "") -> HandoffCase:
        """Close the case as solved, with the agent's note for colleagues; the customer is told.

        Raises:
            CaseStateError: the case is already closed.
        """
        case = self._store.resolve_case(case_id, agent, note.strip())
        self._tell_customer(case, say.RESOLVED, "resolved")
        return case

    def promote_to_faq(
        self,
        case_id: str,
        agent: str,
        *,
        question: str,
        answer: str,
        category: str,
        lang: str,
        variants: tuple[str, ...] | list[str] = (),
        include_customer_question: bool = True,
    ) -> Path:
        """Write a draft FAQ entry from a case, then reindex so the bot answers it from now on.

        The customer's own wording joins the variants (personal data redacted) unless
        ``include_customer_question`` is False.

        Raises:
            NotFoundError: no such case.  HandoffError: the entry is incomplete or cannot be written.
        """
        case = self._store.case(case_id)
        transcript = self._store.transcript(case.conversation_id)
        asked = [customer_question(transcript, case)] if include_customer_question else []
        path = write_faq_draft(
            self._knowledge_dir,
            question=question,
            answer=answer,
            category=category,
            lang=lang,
            variants=[*variants, *(text for text in asked if text)],
            source_case=case.id,
            redactor=self._redactor,
        )
        log.info("Agent %s promoted case %s to the FAQ draft %s", agent, case_id, path.name)
        return index_new_draft(path, self._reindex)

    def _tell_customer(self, case: HandoffCase, texts: dict[str, str], kind: str) -> None:
        text = say.pick(texts, case.lang)
        self._store.add_message(case.conversation_id, "system", text, meta={"kind": kind, "case_id": case.id})


def customer_question(transcript: Transcript, case: HandoffCase) -> str:
    """The customer's question behind the case: their last message before it opened that is not just a
    request for a person ("" when there is none)."""
    texts = [
        m.content
        for m in transcript.messages
        if m.role == "customer" and not m.meta.get("refused") and m.created_at <= case.created_at
    ] or [m.content for m in transcript.messages if m.role == "customer"][:1]
    questions = [text for text in texts if not read_signals(text).human_request]
    return (questions or [""])[-1]
