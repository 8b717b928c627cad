"""Conversations and messages: roundtrip, customer tokens, polling for new messages."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from app.errors import NotFoundError
from app.store import SqlConversationStore
from tests.app.store.conftest import FakeClock, StoreFactory

BOT_META = {
    "decision": "answer",
    "confidence": 0.87,
    "reason": None,
    "generator": "extractive",
    "latency_ms": 42.5,
    "sources": [
        {"doc_id": "refund-lama", "title": "Berapa lama proses refund?", "kind": "faq", "score": 0.91},
        {"doc_id": "lacak-paket", "title": "Lacak paket", "kind": "faq", "score": 0.4},
    ],
}


def test_a_conversation_and_its_messages_roundtrip(store: SqlConversationStore) -> None:
    conversation, token = store.start_conversation("id")
    assert (conversation.lang, conversation.channel, conversation.status) == ("id", "web", "bot")
    assert len(conversation.id) == 32 and len(token) >= 40
    question = store.add_message(conversation.id, "customer", "Berapa lama refund? 🙏")
    answer = store.add_message(conversation.id, "bot", "Refund diproses 3–7 hari kerja.", meta=BOT_META)

    transcript = store.transcript(conversation.id)
    assert transcript.messages == [question, answer]
    assert transcript.messages[1].meta == BOT_META
    assert transcript.messages[0].content == "Berapa lama refund? 🙏"
    assert question.id < answer.id
    assert all(message.created_at.tzinfo is UTC for message in transcript.messages)
    assert transcript.conversation.updated_at == answer.created_at


def test_only_the_token_hash_is_stored(store: SqlConversationStore) -> None:
    _, token = store.start_conversation("en", "api")
    with store.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT customer_token_hash FROM conversations").scalar_one()
    assert token not in stored and len(stored) == 64


def test_a_customer_sees_only_their_own_conversation(store: SqlConversationStore) -> None:
    mine, my_token = store.start_conversation("id")
    theirs, their_token = store.start_conversation("id")
    store.add_message(mine.id, "customer", "pesanan saya")
    store.add_message(theirs.id, "customer", "nomor HP saya 0812…")

    assert [m.content for m in store.transcript_for_customer(mine.id, my_token).messages] == ["pesanan saya"]
    for conversation_id, token in [(mine.id, "tebakan"), (mine.id, their_token), (theirs.id, my_token), ("nope", "x")]:
        with pytest.raises(NotFoundError, match="start a new one"):
            store.transcript_for_customer(conversation_id, token)
        with pytest.raises(NotFoundError):
            store.customer_messages_since(conversation_id, token, 0)


def test_messages_since_returns_only_newer_messages(store: SqlConversationStore) -> None:
    conversation, token = store.start_conversation("id")
    first = store.add_message(conversation.id, "customer", "halo")
    second = store.add_message(conversation.id, "bot", "Halo! Ada yang bisa dibantu?")
    assert store.messages_since(conversation.id, 0) == [first, second]
    assert store.messages_since(conversation.id, first.id) == [second]
    assert store.customer_messages_since(conversation.id, token, second.id) == []


def test_unknown_conversations_and_bad_values_are_clear_errors(store: SqlConversationStore) -> None:
    with pytest.raises(NotFoundError, match="No conversation 'missing'"):
        store.add_message("missing", "customer", "halo")
    with pytest.raises(NotFoundError):
        store.messages_since("missing", 0)
    conversation, _ = store.start_conversation("id")
    with pytest.raises(
        ValueError, match=r"role must be one of customer, bot, agent, system\. Currently, role is 'admin'"
    ):
        store.add_message(conversation.id, "admin", "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="channel must be one of web, api"):
        store.start_conversation("id", "sms")  # type: ignore[arg-type]


def test_timestamps_come_from_the_clock_in_utc(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(clock)
    conversation, _ = store.start_conversation("id")
    clock.advance(minutes=5)
    message = store.add_message(conversation.id, "customer", "halo")
    assert conversation.created_at == clock.now - timedelta(minutes=5)
    assert message.created_at == clock.now
    assert store.conversation(conversation.id).updated_at == clock.now


def test_a_customer_writing_again_reopens_a_closed_conversation(store: SqlConversationStore) -> None:
    conversation, _ = store.start_conversation("id")
    store.add_message(conversation.id, "customer", "saya mau bicara dengan agen")
    case = store.open_case(conversation.id, "human_request")
    store.resolve_case(case.id, "budi", "dijawab lewat telepon")
    assert store.conversation(conversation.id).status == "closed"
    store.add_message(conversation.id, "customer", "satu pertanyaan lagi")
    assert store.conversation(conversation.id).status == "bot"
