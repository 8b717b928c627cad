"""The case context built from a transcript: extractive summary and the customer's mood."""

from __future__ import annotations

from datetime import UTC, datetime

from app.handoff.context import engine_history, sentiment, summarise
from app.store.records import Message


def _messages(*turns: tuple[str, str], meta: dict[str, str] | None = None) -> list[Message]:
    at = datetime(2025, 3, 3, tzinfo=UTC)
    return [Message(i + 1, "c", role, text, at, meta=dict(meta or {})) for i, (role, text) in enumerate(turns)]  # type: ignore[arg-type]


def test_the_summary_is_the_first_and_latest_customer_message_trimmed() -> None:
    long = "refund saya belum masuk " * 30
    summary = summarise(_messages(("customer", long), ("bot", "Refund diproses 3–7 hari."), ("customer", "kapan?")))
    first, last = summary.split(" … ")
    assert len(first) <= 240 and first.endswith("…") and last == "kapan?"
    assert summarise(_messages(("customer", "halo"))) == "halo" and summarise([]) == ""


def test_sentiment_reads_the_latest_customer_messages() -> None:
    assert sentiment(_messages(("customer", "Bagaimana cara melacak paket?"))) == "netral"
    assert sentiment(_messages(("customer", "paket saya belum sampai dari kemarin"))) == "agak negatif"
    assert sentiment(_messages(("customer", "PARAH, KALIAN PAYAH BANGET!!!"))) == "negatif"
    assert sentiment(_messages(("customer", "halo")), reason="frustration") == "negatif"


def test_notices_stay_out_of_the_engine_history() -> None:
    turns = _messages(("customer", "refund?"), ("bot", "Refund diproses 3–7 hari."), ("system", "Agen bergabung"))
    notice = _messages(("bot", "Pesan Anda sudah kami tambahkan"), meta={"kind": "ack"})
    assert engine_history([*turns, *notice]) == [
        {"role": "user", "content": "refund?"},
        {"role": "assistant", "content": "Refund diproses 3–7 hari."},
    ]
