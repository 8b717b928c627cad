"""The agent console's service: queue, claim (raced on PostgreSQL), reply, return to the bot, resolve."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.errors import CaseStateError
from app.handoff import AgentService, ChatService
from app.settings import Settings
from app.store import SqlConversationStore
from tests.app.handoff.conftest import ChatFactory, FakeClock, say


def test_the_queue_and_a_case_view_give_the_agent_everything(
    chat: ChatService, agents: AgentService, clock: FakeClock
) -> None:
    calm, upset = chat.start("id"), chat.start("id")
    say(chat, calm, "mau bicara dengan cs")
    clock.advance(minutes=2)
    say(chat, upset, "akun saya dibobol orang, saldo hilang")
    queue = agents.queue()
    assert [case.reason for case in queue] == ["sensitive", "human_request"]  # the urgent one first
    view = agents.case_view(queue[0].id)
    assert view.case == queue[0]
    assert view.transcript.messages[0].content == "akun saya dibobol orang, saldo hilang"


def test_reply_needs_a_claim_and_a_text(chat: ChatService, agents: AgentService) -> None:
    session = chat.start("id")
    case = say(chat, session, "mau bicara dengan cs").case
    assert case is not None
    with pytest.raises(CaseStateError, match="must claim it"):
        agents.reply(case.id, "sari", "Halo")
    assert agents.claim(case.id, "sari") and not agents.claim(case.id, "budi")
    with pytest.raises(ValueError, match="empty"):
        agents.reply(case.id, "sari", "   ")
    with pytest.raises(CaseStateError):
        agents.reply(case.id, "budi", "Halo dari Budi")


def test_return_to_bot_then_the_bot_answers_again(
    chat: ChatService, agents: AgentService, store: SqlConversationStore
) -> None:
    session = chat.start("id")
    final = say(chat, session, "mau bicara dengan cs")
    assert final.case is not None and agents.claim(final.case.id, "sari")
    agents.reply(final.case.id, "sari", "Pesanan Anda sudah kami cek, semuanya aman.")
    returned = agents.return_to_bot(final.case.id, "sari")
    assert returned.status == "returned_to_bot" and store.current_case(session.conversation_id) is None
    notice = chat.poll(session, final.message_id)[-1]
    assert notice.role == "system" and "kembali ke asisten otomatis" in notice.content
    answer = say(chat, session, "Bagaimana cara melacak paket saya?")
    assert answer.answer is not None and answer.answer.decision == "answer"
    assert answer.answer.sources[0].doc_id == "lacak-paket"
    with pytest.raises(CaseStateError):
        agents.return_to_bot(final.case.id, "sari")


def test_resolve_keeps_the_note_and_closes_the_conversation(
    chat: ChatService, agents: AgentService, store: SqlConversationStore
) -> None:
    session = chat.start("en")
    final = say(chat, session, "I want to talk to a human agent please")
    assert final.case is not None and agents.claim(final.case.id, "budi")
    resolved = agents.resolve(final.case.id, "budi", "  Refund re-sent manually; customer confirmed. ")
    assert (resolved.status, resolved.resolved_by) == ("resolved", "budi")
    assert resolved.resolution_note == "Refund re-sent manually; customer confirmed."
    assert store.conversation(session.conversation_id).status == "closed"
    assert chat.poll(session, final.message_id)[-1].content.startswith("The agent has marked this conversation")
    again = say(chat, session, "How long does a refund take?")  # writing again reopens it with the bot
    assert again.answer is not None and again.answer.decision == "answer"


@pytest.mark.server
def test_exactly_one_of_two_agents_racing_for_a_case_wins(
    pg_store: Callable[[], SqlConversationStore], make_chat: ChatFactory, kb_settings: Settings
) -> None:
    chat = make_chat(store_=pg_store())
    case = say(chat, chat.start("id"), "mau bicara dengan cs").case
    assert case is not None
    consoles = [AgentService(pg_store(), kb_settings, kb_settings.ingest.knowledge_dir, lambda: None) for _ in "ab"]
    start = threading.Barrier(2)

    def claim(console: AgentService, agent: str) -> bool:
        start.wait()
        return console.claim(case.id, agent)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(claim, consoles, ["sari", "budi"]))
    assert sorted(results) == [False, True]
    winner = ["sari", "budi"][results.index(True)]
    assert consoles[0].case_view(case.id).case.claimed_by == winner
