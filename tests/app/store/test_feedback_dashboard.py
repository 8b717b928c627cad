"""Feedback and the manager dashboard, checked by hand on a small made-up week-end of conversations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from app.errors import NotFoundError
from app.store import SqlConversationStore
from app.store.dashboard import percentile
from app.store.records import DailyAverage, FlaggedQuestion, SourceUse
from tests.app.store.conftest import FakeClock, StoreFactory

START = datetime(2025, 3, 1, tzinfo=UTC)
END = datetime(2025, 3, 3, tzinfo=UTC)


def _bot(decision: str, latency_ms: float, doc_ids: list[str], reason: str | None = None) -> dict[str, Any]:
    sources = [{"doc_id": doc_id, "score": 0.9 - 0.1 * rank} for rank, doc_id in enumerate(doc_ids)]
    return {"decision": decision, "reason": reason, "latency_ms": latency_ms, "sources": sources, "confidence": 0.5}


def test_feedback_is_recorded_and_validated(store: SqlConversationStore) -> None:
    conversation, _ = store.start_conversation("id")
    answer = store.add_message(conversation.id, "bot", "Refund 3–7 hari kerja.")
    thumbs = store.add_feedback(conversation.id, "thumbs", -1, message_id=answer.id, reason="tidak menjawab")
    assert (thumbs.kind, thumbs.value, thumbs.message_id, thumbs.reason) == ("thumbs", -1, answer.id, "tidak menjawab")
    assert store.add_feedback(conversation.id, "csat", 5).value == 5
    assert store.add_feedback(conversation.id, "ces", 7).value == 7
    for kind, value in [("thumbs", 0), ("thumbs", 2), ("csat", 0), ("csat", 6), ("ces", 8)]:
        with pytest.raises(ValueError, match=f"Currently, value is {value}"):
            store.add_feedback(conversation.id, kind, value)  # type: ignore[arg-type]
    other, _ = store.start_conversation("id")
    with pytest.raises(NotFoundError, match=f"No message {answer.id} in conversation {other.id}"):
        store.add_feedback(other.id, "thumbs", 1, message_id=answer.id)
    with pytest.raises(NotFoundError):
        store.add_feedback("missing", "csat", 4)


def _fill(store: SqlConversationStore, clock: FakeClock) -> dict[str, str]:
    """Six conversations around the period [1 March, 3 March) UTC; returns their ids by letter."""

    def at(moment: datetime) -> None:
        clock.set(moment)

    ids: dict[str, str] = {}
    at(datetime(2025, 2, 28, 23, 0, tzinfo=UTC))  # A: entirely before the period
    ids["A"] = store.start_conversation("id")[0].id
    store.add_message(ids["A"], "customer", "kemarin")
    store.add_message(ids["A"], "bot", "?", meta=_bot("handoff", 900, [], "low_confidence"))
    a_case = store.open_case(ids["A"], "low_confidence")

    at(START)  # B: starts exactly at the start (included); a good answer
    ids["B"] = store.start_conversation("id")[0].id
    store.add_message(ids["B"], "customer", "Berapa lama refund?")
    at(START + timedelta(seconds=1))
    b_answer = store.add_message(ids["B"], "bot", "3–7 hari.", meta=_bot("answer", 100, ["refund-lama", "lacak-paket"]))
    at(START + timedelta(minutes=1))
    store.add_feedback(ids["B"], "thumbs", 1, message_id=b_answer.id)
    store.add_feedback(ids["B"], "csat", 5)

    at(datetime(2025, 3, 1, 10, 0, tzinfo=UTC))  # C: the bot is unsure and hands off
    ids["C"] = store.start_conversation("en")[0].id
    store.add_message(ids["C"], "customer", "my parcel is lost")
    at(datetime(2025, 3, 1, 10, 0, 1, tzinfo=UTC))
    store.add_message(
        ids["C"], "bot", "Passing you to an agent.", meta=_bot("handoff", 300, ["lacak-paket"], "low_confidence")
    )
    store.open_case(ids["C"], "low_confidence")
    at(datetime(2025, 3, 1, 10, 30, tzinfo=UTC))
    store.add_feedback(ids["C"], "csat", 3)

    at(datetime(2025, 3, 2, 8, 0, tzinfo=UTC))  # D: a disliked answer, then a request for a human
    ids["D"] = store.start_conversation("id")[0].id
    store.add_message(ids["D"], "customer", "refund belum masuk")
    at(datetime(2025, 3, 2, 8, 0, 1, tzinfo=UTC))
    d_answer = store.add_message(ids["D"], "bot", "3–7 hari.", meta=_bot("answer", 200, ["refund-lama"]))
    at(datetime(2025, 3, 2, 8, 1, tzinfo=UTC))
    store.add_message(ids["D"], "customer", "saya mau bicara dengan orang")
    store.add_feedback(ids["D"], "thumbs", -1, message_id=d_answer.id, reason="sudah lewat 7 hari")
    at(datetime(2025, 3, 2, 8, 2, tzinfo=UTC))
    store.add_message(ids["D"], "bot", "Baik, saya hubungkan.", meta=_bot("handoff", 50, [], "human_request"))
    store.open_case(ids["D"], "human_request")
    at(datetime(2025, 3, 2, 8, 30, tzinfo=UTC))
    store.add_feedback(ids["D"], "ces", 6)
    store.add_feedback(ids["D"], "csat", 2)

    at(END - timedelta(seconds=1))  # E: starts inside, answered and rated only at or after the end
    ids["E"] = store.start_conversation("id")[0].id
    store.add_message(ids["E"], "customer", "lupa sandi")
    at(END)
    store.add_message(ids["E"], "bot", "Pilih Lupa Kata Sandi.", meta=_bot("answer", 400, ["lupa-sandi"]))
    at(END + timedelta(seconds=1))
    store.add_feedback(ids["E"], "ces", 2)

    at(END)  # F: starts exactly at the end (excluded)
    ids["F"] = store.start_conversation("id")[0].id
    store.add_message(ids["F"], "customer", "halo")
    store.add_feedback(ids["F"], "thumbs", -1)
    at(END + timedelta(hours=1))
    store.resolve_case(a_case.id, "budi", "late")
    return ids


def test_the_dashboard_numbers_match_a_hand_count(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(clock)
    ids = _fill(store, clock)
    report = store.dashboard(START, END)

    assert report.conversations == 4  # B, C, D, E
    assert report.handed_off_conversations == 2  # C, D
    assert report.cases_by_reason == {"low_confidence": 1, "human_request": 1}
    assert (report.thumbs_up, report.thumbs_down) == (1, 1)
    assert report.csat_average == pytest.approx(10 / 3)  # 5, 3, 2
    assert report.ces_average == 6.0  # E's 2 came after the end
    assert report.csat_by_day == [DailyAverage(date(2025, 3, 1), 4.0, 2), DailyAverage(date(2025, 3, 2), 2.0, 1)]
    assert report.ces_by_day == [DailyAverage(date(2025, 3, 2), 6.0, 1)]
    assert (report.latency_p50_ms, report.latency_p95_ms) == (100.0, 300.0)  # of 50, 100, 200, 300
    assert report.top_sources == [SourceUse("refund-lama", 2)]  # lead sources of B and D; C was a handoff
    assert report.flagged_questions == [
        FlaggedQuestion("my parcel is lost", ids["C"], datetime(2025, 3, 1, 10, 0, tzinfo=UTC), "low_confidence"),
        FlaggedQuestion("refund belum masuk", ids["D"], datetime(2025, 3, 2, 8, 0, tzinfo=UTC), "thumbs_down"),
    ]


def test_the_period_may_be_given_in_any_timezone(make_store: StoreFactory, clock: FakeClock) -> None:
    store = make_store(clock)
    _fill(store, clock)
    jakarta = timezone(timedelta(hours=7))
    in_wib = store.dashboard(START.astimezone(jakarta), END.astimezone(jakarta))
    assert in_wib.conversations == 4 and in_wib.thumbs_down == 1
    later = store.dashboard(END, END + timedelta(days=1))
    assert (later.conversations, later.thumbs_down, later.ces_average) == (1, 1, 2.0)
    assert later.top_sources == [SourceUse("lupa-sandi", 1)]
    assert [q.text for q in later.flagged_questions] == ["halo"]


def test_an_empty_period_has_zeros_and_no_averages(store: SqlConversationStore) -> None:
    report = store.dashboard(START, END)
    assert (report.conversations, report.handed_off_conversations, report.thumbs_up, report.thumbs_down) == (0, 0, 0, 0)
    assert (report.csat_average, report.ces_average, report.latency_p50_ms) == (None, None, None)
    assert report.cases_by_reason == {} and report.top_sources == [] and report.flagged_questions == []
    with pytest.raises(ValueError, match="must end after it starts"):
        store.dashboard(END, START)


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (10.0, 19.0, 20.0)
    assert percentile([7.0], 95) == 7.0 and percentile([], 50) is None
