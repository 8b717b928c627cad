"""Handoff cases: opening with full context, the agents' queue, atomic claims, and state transitions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

import pytest

from app.errors import CaseStateError, NotFoundError
from app.store import CaseDetails, Contact, SqlConversationStore
from tests.app.store.conftest import FakeClock, StoreFactory

T = TypeVar("T")
RACE_ROUNDS = 25


def _conversation_with_question(store: SqlConversationStore, question: str = "paket saya hilang") -> str:
    conversation, _ = store.start_conversation("id")
    store.add_message(conversation.id, "customer", question)
    return conversation.id


def test_opening_a_case_keeps_the_full_context(store: SqlConversationStore) -> None:
    conversation_id = _conversation_with_question(store)
    details = CaseDetails(
        confidence=0.41,
        category="pengiriman",
        sentiment="negative",
        summary="Paket belum sampai sejak 5 hari.",
        draft_answer="Mohon maaf, kami cek ke kurir…",
        sources=[{"doc_id": "lacak-paket", "score": 0.41}],
        contact=Contact(name="Sari", phone="+62 812 0000 0000"),
        contact_channel="callback",
        callback_window="besok 09:00–12:00",
    )
    case = store.open_case(conversation_id, "low_confidence", details)
    assert store.conversation(conversation_id).status == "waiting_agent"
    assert store.case(case.id) == case
    assert (case.status, case.priority, case.lang, case.reason) == ("waiting", 0, "id", "low_confidence")
    assert case.sources == [{"doc_id": "lacak-paket", "score": 0.41}]
    assert case.contact == Contact(name="Sari", phone="+62 812 0000 0000")
    assert (case.summary, case.draft_answer, case.callback_window) == (
        details.summary,
        details.draft_answer,
        "besok 09:00–12:00",
    )
    assert len(case.id) >= 16 and store.current_case(conversation_id) == case


def test_customer_info_is_merged_into_the_case(store: SqlConversationStore) -> None:
    case = store.open_case(
        _conversation_with_question(store), "customer_button", CaseDetails(contact=Contact(name="Sari"))
    )
    updated = store.add_customer_info_to_case(
        case.id, contact=Contact(email="sari@example.com"), contact_channel="email", callback_window="sore"
    )
    assert updated.contact == Contact(name="Sari", email="sari@example.com")
    assert (updated.contact_channel, updated.callback_window) == ("email", "sore")
    with pytest.raises(ValueError, match="contact_channel must be one of live, callback, email"):
        store.add_customer_info_to_case(case.id, contact_channel="fax")  # type: ignore[arg-type]


def test_a_second_handoff_reuses_the_open_case_and_raises_its_priority(store: SqlConversationStore) -> None:
    conversation_id = _conversation_with_question(store)
    first = store.open_case(conversation_id, "low_confidence")
    again = store.open_case(conversation_id, "frustration")
    assert again.id == first.id and again.priority == 20
    assert store.queue() == [again]


def test_concurrent_handoffs_from_two_instances_make_one_case(make_store: StoreFactory) -> None:
    one, other = make_store(), make_store()
    for round_number in range(1, 6):
        conversation_id = _conversation_with_question(one)
        first, second = _race(
            partial(one.open_case, conversation_id, "frustration"),
            partial(other.open_case, conversation_id, "sensitive"),
        )
        assert first.id == second.id
        assert len(one.queue()) == round_number
        assert one.case(first.id).priority == 30  # the higher of the two


def test_the_queue_puts_priority_first_then_the_longest_waiting(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(clock)
    opened = {}
    for reason, minute in [
        ("low_confidence", 0),
        ("frustration", 1),
        ("human_request", 2),
        ("sensitive", 3),
        ("frustration", 4),
        ("low_confidence", 5),
    ]:
        clock.advance(minutes=1)
        opened[(reason, minute)] = store.open_case(_conversation_with_question(store), reason).id  # type: ignore[arg-type]
    custom = store.open_case(_conversation_with_question(store), "low_confidence", priority=99)
    expected = [
        custom.id,
        opened[("sensitive", 3)],
        opened[("frustration", 1)],
        opened[("frustration", 4)],
        opened[("human_request", 2)],
        opened[("low_confidence", 0)],
        opened[("low_confidence", 5)],
    ]
    assert [case.id for case in store.queue()] == expected
    assert store.claim_case(opened[("sensitive", 3)], "budi")
    assert [case.id for case in store.queue(["waiting"])] == [i for i in expected if i != opened[("sensitive", 3)]]
    assert [case.id for case in store.queue(["claimed"])] == [opened[("sensitive", 3)]]


def test_exactly_one_of_two_agents_claiming_at_once_wins(make_store: StoreFactory) -> None:
    console_a, console_b = make_store(), make_store()  # two engines: separate connections, like two instances
    for _ in range(RACE_ROUNDS):
        case = console_a.open_case(_conversation_with_question(console_a), "human_request")
        won_a, won_b = _race(
            partial(console_a.claim_case, case.id, "ani"), partial(console_b.claim_case, case.id, "budi")
        )
        assert won_a != won_b, "exactly one agent must win the claim"
        claimed = console_b.case(case.id)
        assert claimed.status == "claimed" and claimed.claimed_by == ("ani" if won_a else "budi")
        assert claimed.claimed_at is not None
        assert console_a.conversation(case.conversation_id).status == "with_agent"


def test_the_agent_reply_reaches_the_polling_customer(store: SqlConversationStore) -> None:
    conversation, token = store.start_conversation("id")
    question = store.add_message(conversation.id, "customer", "refund saya belum masuk")
    case = store.open_case(conversation.id, "human_request")
    with pytest.raises(CaseStateError, match="budi must claim it before replying"):
        store.agent_reply(case.id, "budi", "Halo")
    assert store.claim_case(case.id, "budi")
    with pytest.raises(CaseStateError, match="claimed by budi: ani must claim it"):
        store.agent_reply(case.id, "ani", "Halo")
    reply = store.agent_reply(case.id, "budi", "Halo Kak, saya Budi. Saya cek dulu ya.")
    assert (reply.role, reply.agent_name) == ("agent", "budi")
    assert store.customer_messages_since(conversation.id, token, question.id) == [reply]


def test_return_to_bot_and_resolve_close_the_case(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(clock)
    returned = store.open_case(_conversation_with_question(store), "low_confidence")
    assert store.claim_case(returned.id, "ani")
    clock.advance(minutes=3)
    back = store.return_to_bot(returned.id, "ani")
    assert (back.status, back.resolved_by, back.resolved_at) == ("returned_to_bot", "ani", clock.now)
    assert store.conversation(back.conversation_id).status == "bot"

    resolved = store.open_case(_conversation_with_question(store), "sensitive")
    done = store.resolve_case(resolved.id, "budi", "Refund diproses manual.")  # a waiting case can be solved directly
    assert (done.status, done.resolved_by, done.resolution_note) == ("resolved", "budi", "Refund diproses manual.")
    assert done.claimed_by is None
    assert store.conversation(done.conversation_id).status == "closed"
    assert store.queue() == []


def test_illegal_transitions_raise_a_clear_error(store: SqlConversationStore) -> None:
    case = store.open_case(_conversation_with_question(store), "human_request")
    store.resolve_case(case.id, "budi", "selesai")
    with pytest.raises(CaseStateError, match=r"cannot be resolved: it is already resolved \(by budi"):
        store.resolve_case(case.id, "ani", "lagi")
    with pytest.raises(CaseStateError, match="cannot be returned to the bot: it is already resolved"):
        store.return_to_bot(case.id, "ani")
    with pytest.raises(CaseStateError, match="open a new case"):
        store.add_customer_info_to_case(case.id, contact=Contact(phone="0812"))
    with pytest.raises(CaseStateError):
        store.agent_reply(case.id, "budi", "halo?")
    assert store.claim_case(case.id, "ani") is False
    assert store.case(case.id).status == "resolved"


def test_unknown_cases_are_not_found(store: SqlConversationStore) -> None:
    for action in (
        lambda: store.claim_case("nope", "ani"),
        lambda: store.resolve_case("nope", "ani"),
        lambda: store.return_to_bot("nope", "ani"),
        lambda: store.agent_reply("nope", "ani", "x"),
        lambda: store.case("nope"),
    ):
        with pytest.raises(NotFoundError, match="No handoff case 'nope'"):
            action()
    with pytest.raises(NotFoundError):
        store.open_case("missing", "human_request")


def _race(first: Callable[[], T], second: Callable[[], T]) -> tuple[T, T]:
    """Run both at the same moment on two threads."""
    start = threading.Barrier(2)

    def at_once(action: Callable[[], T]) -> T:
        start.wait()
        return action()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(at_once, first), pool.submit(at_once, second)]
        return futures[0].result(timeout=60), futures[1].result(timeout=60)
