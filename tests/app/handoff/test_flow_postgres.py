"""One whole conversation on PostgreSQL, with the chat and the console as two separate instances."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.handoff import AgentService
from app.settings import Settings
from app.store import SqlConversationStore
from tests.app.handoff.conftest import AGENTS, ChatFactory, say


@pytest.mark.server
def test_answer_handoff_claim_reply_poll_resolve_on_postgresql(
    pg_store: Callable[[], SqlConversationStore], make_chat: ChatFactory, kb_settings: Settings
) -> None:
    chat = make_chat(store_=pg_store())
    console = AgentService(pg_store(), kb_settings, kb_settings.ingest.knowledge_dir, lambda: None)
    session = chat.start("id")
    assert say(chat, session, "Bagaimana cara melacak paket saya?").answer is not None
    final = say(chat, session, "paketnya belum sampai juga, mau bicara dengan cs")
    assert final.case is not None and final.offer is not None and final.offer.position == 1
    agent = console.authenticate("sari", AGENTS["sari"])
    assert agent is not None
    assert [case.id for case in console.queue()] == [final.case.id]
    view = console.case_view(final.case.id)
    assert view.case.category == "pengiriman" and view.case.sources and view.case.draft_answer
    assert len(view.transcript.messages) == 4
    assert console.claim(final.case.id, agent.name)
    waiting = say(chat, session, "Halo?")
    assert waiting.reply_text == "Pesan Anda sudah diteruskan ke sari."
    reply = console.reply(final.case.id, agent.name, "Halo, paket Anda sedang transit di Surabaya.")
    assert [m.content for m in chat.poll(session, waiting.message_id)] == [reply.content]
    closed = console.resolve(final.case.id, agent.name, "Kurir terlambat; pelanggan diberi info resi.")
    assert closed.status == "resolved" and console.queue() == []
    chat.feedback(session, "csat", 5)
