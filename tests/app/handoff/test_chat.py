"""The customer chat over the real engine and a real SQLite store: answers, handoffs, waiting, failures."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from app.answer.messages import ERROR
from app.answer.models import Answer
from app.errors import NotFoundError
from app.handoff import AgentService, ChatService, Delta
from app.handoff.models import ChatSession
from app.settings import Settings
from app.store import SqlConversationStore
from app.store.records import DEFAULT_PRIORITY
from tests.app.handoff.conftest import OUT_OF_HOURS, TRIGGERS, ChatFactory, FakeClock, final_of, say, settings_with


def test_an_answer_streams_then_is_recorded_with_its_evidence(chat: ChatService, store: SqlConversationStore) -> None:
    session = chat.start("id")
    events = list(chat.send(session, "Berapa lama proses refund?"))
    final = final_of(events)
    assert isinstance(events[0], Delta) and events[0].text_so_far
    assert final.answer is not None and final.answer.decision == "answer" and final.case is None
    assert "3–7 hari kerja" in final.reply_text
    customer, bot = store.transcript(session.conversation_id).messages
    assert (customer.role, customer.content) == ("customer", "Berapa lama proses refund?")
    assert (bot.id, bot.role, bot.content) == (final.message_id, "bot", final.reply_text)
    assert bot.meta["decision"] == "answer" and bot.meta["generator"] == "extractive"
    assert bot.meta["sources"][0]["doc_id"] == "refund-lama" and bot.meta["sources"][0]["score"] > 0
    assert bot.meta["confidence"] > 0.5 and bot.meta["latency_ms"] > 0
    assert "retrieved" not in bot.meta and "features" not in bot.meta  # bulky internals stay out


def test_the_engine_reads_the_stored_history(chat: ChatService, store: SqlConversationStore) -> None:
    session = chat.start("en")
    assert say(chat, session, "How long does a refund take?").case is None
    final = say(chat, session, "How long does a refund take?")  # the same question again: the customer is stuck
    assert final.answer is not None and final.answer.reason == "frustration" and final.case is not None


def test_empty_messages_produce_nothing_and_record_nothing(chat: ChatService, store: SqlConversationStore) -> None:
    session = chat.start()
    assert list(chat.send(session, "   \n\t ")) == []
    assert store.transcript(session.conversation_id).messages == []


@pytest.mark.parametrize("reason", list(TRIGGERS))
def test_each_trigger_opens_a_case_with_the_full_context(
    reason: str, chat: ChatService, store: SqlConversationStore
) -> None:
    session = chat.start("id")
    assert say(chat, session, "Berapa lama proses refund?").case is None
    final = say(chat, session, TRIGGERS[reason])
    assert final.answer is not None and final.answer.decision == "handoff" and final.answer.reason == reason
    case = final.case
    assert case is not None and case.reason == reason and case.status == "waiting"
    assert case.priority == DEFAULT_PRIORITY[reason]
    assert case.confidence == round(final.answer.confidence, 4)
    assert case.draft_answer == final.answer.draft and case.draft_answer
    assert [s["doc_id"] for s in case.sources] == [s.doc_id for s in final.answer.sources]
    assert all(isinstance(s["score"], float) for s in case.sources)
    assert case.category in {"pengembalian-refund", "pengiriman", "akun"}
    assert case.summary is not None and case.summary.startswith("Berapa lama proses refund? … ")
    assert TRIGGERS[reason] in case.summary
    assert case.sentiment == ("negatif" if reason == "frustration" else "netral")
    assert case.lang == "id"
    transcript = store.transcript(session.conversation_id)
    assert transcript.conversation.status == "waiting_agent"
    assert [m.role for m in transcript.messages] == ["customer", "bot", "customer", "bot"]
    assert transcript.messages[-1].meta["case_id"] == case.id
    assert transcript.messages[-1].meta["reason"] == reason


def test_the_button_opens_a_case_with_the_same_context(chat: ChatService, store: SqlConversationStore) -> None:
    session = chat.start("id")
    assert say(chat, session, "Bagaimana cara melacak paket saya?").case is None
    offer = chat.request_agent(session)
    case = offer.case
    assert case.reason == "customer_button" and case.priority == DEFAULT_PRIORITY["customer_button"]
    assert case.summary == "Bagaimana cara melacak paket saya?" and case.sentiment == "netral"
    assert case.confidence is None and case.draft_answer is None  # the bot was not unsure: the customer asked
    assert offer.in_hours and offer.position == 1 and offer.wait_minutes == 4
    assert "antrean nomor 1" in offer.text and "sekitar 4 menit" in offer.text
    assert store.transcript(session.conversation_id).messages[-1].content == offer.text
    again = chat.request_agent(session)  # pressing it twice keeps one case
    assert again.case.id == case.id and "sudah ada di antrean" in again.text


def test_queue_position_and_honest_wait_in_business_hours(chat: ChatService, clock: FakeClock) -> None:
    first, second = chat.start("id"), chat.start("en")
    say(chat, first, "mau bicara dengan cs")
    clock.advance(minutes=1)
    final = say(chat, second, "I want to talk to a human agent please")
    assert final.offer is not None and final.offer.in_hours and final.offer.channels[0] == "live"
    assert (final.offer.position, final.offer.wait_minutes) == (2, 8)
    assert "You are number 2 in the queue; the expected wait is about 8 minutes." in final.reply_text
    assert "no contact details are needed" in final.reply_text
    assert final.reply_text.startswith(final.answer.text if final.answer else "?")  # the engine's notice comes first


def test_outside_business_hours_a_callback_or_email_is_offered(
    make_chat: ChatFactory, clock: FakeClock, kb_settings: Settings
) -> None:
    clock.set(OUT_OF_HOURS)  # 23:00 in Jakarta
    chat = make_chat()
    final = say(chat, chat.start("id"), "mau bicara dengan cs")
    assert final.offer is not None and not final.offer.in_hours and final.offer.position is None
    assert final.offer.channels == ("callback", "email")
    assert "setiap hari 08:00–21:00 WIB" in final.reply_text and "besok pukul 08:00 WIB" in final.reply_text
    assert "ditelepon balik" in final.reply_text and "e-mail" in final.reply_text and "antrean" not in final.reply_text
    weekdays = make_chat(settings=settings_with(kb_settings, business_days=[0, 1, 2, 3, 4]))
    clock.set(OUT_OF_HOURS.replace(day=7))  # Friday night: next opening is Monday
    offer = weekdays.request_agent(weekdays.start("en"))
    assert "Monday–Friday 08:00–21:00 WIB (next: Monday at 08:00 WIB)" in offer.text
    assert "call back" in offer.text and "e-mail" in offer.text


def test_messages_while_waiting_join_the_case_and_get_an_honest_acknowledgement(
    chat: ChatService, store: SqlConversationStore
) -> None:
    session = chat.start("id")
    case = say(chat, session, "mau bicara dengan cs").case
    assert case is not None
    final = say(chat, session, "Berapa lama proses refund?")  # the bot could answer this, but an agent is coming
    assert final.answer is None and final.case is not None and final.case.id == case.id
    assert (
        final.reply_text
        == "Pesan Anda sudah kami tambahkan ke percakapan ini. Agen akan membacanya saat menangani kasus Anda."
    )
    last_two = store.transcript(session.conversation_id).messages[-2:]
    assert (last_two[0].role, last_two[0].meta["case_id"]) == ("customer", case.id)
    assert (last_two[1].role, last_two[1].meta["kind"]) == ("bot", "ack")
    assert store.claim_case(case.id, "sari")
    english = say(chat, session, "Are you there?")
    assert english.reply_text == "Your message has been passed to sari."


def test_an_over_long_message_is_refused_politely_and_recorded(
    make_chat: ChatFactory, kb_settings: Settings, store: SqlConversationStore
) -> None:
    chat = make_chat(settings=settings_with(kb_settings, max_message_chars=100))
    session = chat.start("id")
    final = say(chat, session, "refund saya belum masuk " * 10)
    assert (
        final.answer is None
        and "terlalu panjang (239 karakter)" in final.reply_text
        and "100 karakter" in final.reply_text
    )
    customer, bot = store.transcript(session.conversation_id).messages
    assert customer.meta == {"refused": "too_long", "chars": 239} and len(customer.content) == 101
    assert bot.content == final.reply_text
    english = say(chat, session, "my refund has not arrived yet " * 5)
    assert english.reply_text.startswith("Sorry, your message is too long (149 characters)")


class BrokenEngine:
    """The real engine's first piece, then a crash (a bug, a dead index)."""

    def stream(self, message: str, history: Sequence[dict[str, str]] = ()) -> Iterator[str | Answer]:
        yield "Refund "
        raise RuntimeError("index file vanished")


def test_an_engine_failure_gives_the_polite_error_and_keeps_the_record(
    make_chat: ChatFactory, store: SqlConversationStore, caplog: pytest.LogCaptureFixture
) -> None:
    chat = make_chat(engine_=BrokenEngine())
    session = chat.start("en")
    events = list(chat.send(session, "How long does a refund take?"))
    final = final_of(events)
    assert events[0] == Delta("Refund ") and final.reply_text == ERROR["en"] and final.answer is None
    customer, bot = store.transcript(session.conversation_id).messages
    assert customer.content == "How long does a refund take?" and (bot.content, bot.meta) == (
        ERROR["en"],
        {"kind": "error"},
    )
    assert "index file vanished" in caplog.text and "Traceback" not in final.reply_text


def test_agent_replies_reach_only_the_customer_holding_the_token(
    chat: ChatService, agents: AgentService, store: SqlConversationStore
) -> None:
    session, other = chat.start("id"), chat.start("id")
    say(chat, other, "Berapa lama proses refund?")
    final = say(chat, session, "mau bicara dengan cs")
    assert final.case is not None and agents.claim(final.case.id, "sari")
    reply = agents.reply(final.case.id, "sari", "Halo, saya Sari. Ada yang bisa dibantu?")
    polled = chat.poll(session, final.message_id)
    assert [(m.id, m.role, m.agent_name, m.content) for m in polled] == [
        (reply.id, "agent", "sari", "Halo, saya Sari. Ada yang bisa dibantu?")
    ]
    assert chat.poll(session, reply.id) == []
    assert all(m.role != "agent" for m in chat.poll(other, 0))
    stolen = ChatSession(session.conversation_id, other.token, "id")
    with pytest.raises(NotFoundError):
        chat.poll(stolen, 0)
    with pytest.raises(NotFoundError):
        list(chat.send(stolen, "halo"))


def test_feedback_is_recorded_for_the_session(chat: ChatService, store: SqlConversationStore) -> None:
    session = chat.start("id")
    final = say(chat, session, "Berapa lama proses refund?")
    thumbs = chat.feedback(session, "thumbs", -1, message_id=final.message_id, reason="  kurang jelas ")
    csat = chat.feedback(session, "csat", 5)
    assert (thumbs.value, thumbs.message_id, thumbs.reason) == (-1, final.message_id, "kurang jelas")
    assert (csat.kind, csat.value) == ("csat", 5)
    with pytest.raises(ValueError, match="csat"):
        chat.feedback(session, "csat", 9)
    with pytest.raises(NotFoundError):
        chat.feedback(ChatSession(session.conversation_id, "wrong", "id"), "csat", 4)
