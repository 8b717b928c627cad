"""The case context built from a transcript: extractive summary and the customer's mood."""

from __future__ import annotations

from datetime import UTC, datetime

from app.answer.models import Answer, Source
from app.handoff.context import case_details, engine_history, sentiment, summarise
from app.store.records import Conversation, Message, Transcript


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


def test_the_case_category_is_the_first_source_that_has_one() -> None:
    # a handoff decided by a past ticket lists the ticket first; tickets have no category, the FAQ after it has
    at = datetime(2025, 3, 3, tzinfo=UTC)
    transcript = Transcript(
        Conversation("c", "id", "web", "waiting_agent", at, at), _messages(("customer", "kwitansi?"))
    )
    sources = [Source("TKT-1", "Kwitansi bermaterai", "ticket", 0.94), Source("bayar-invoice", "Invoice", "faq", 0.96)]
    answer = Answer("Saya sambungkan ke agen.", "handoff", 0.05, "id", "rules", sources, "low_confidence")
    categories = {"bayar-invoice": "pembayaran"}.get
    details = case_details(transcript, answer, "low_confidence", categories)
    assert details.category == "pembayaran"
    assert [s["doc_id"] for s in details.sources] == ["TKT-1", "bayar-invoice"]
    assert case_details(transcript, None, "human_request", categories).category is None
    assert case_details(transcript, answer, "low_confidence", None).category is None
