"""What reaches the Chatbot: customers' words as literal text, replies with their sources."""

from __future__ import annotations

from datetime import UTC, datetime

from app.answer.models import Answer, Source
from app.handoff import Final
from app.server.render import customer_text, polled_markdown, reply_markdown, sources_html
from app.store.records import Message

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "**tebal** _miring_ `kode` $$x$$",
]


def test_customer_text_has_no_markup_left() -> None:
    for attack in ATTACKS:
        shown = customer_text(attack)
        assert "<" not in shown and ">" not in shown
        assert "](" not in shown and "**" not in shown and "$$" not in shown
    assert customer_text("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"


def answer_final(*scores: float) -> Final:
    sources = [Source(f"faq-{n}", f"Judul <{n}>", "faq", score, f"Kutipan {n} " * 5) for n, score in enumerate(scores)]
    answer = Answer("Refund diproses **3–7 hari kerja**.", "answer", 0.9, "id", "extractive", sources)
    return Final(answer.text, answer, 7)


def test_a_reply_keeps_its_markdown_and_lists_close_sources_with_excerpts() -> None:
    shown = reply_markdown(answer_final(0.95, 0.94, 0.80), "id")
    assert shown.startswith("Refund diproses **3–7 hari kerja**.")
    assert "<strong>Sumber</strong>" in shown
    assert "<summary>Judul &lt;0&gt; · <code>faq-0</code></summary>" in shown
    assert "faq-1" in shown and "faq-2" not in shown  # 0.80 is far below the answering entry
    assert shown.count("<details") == 2 and "Kutipan 0" in shown


def test_a_handoff_or_notice_has_no_sources() -> None:
    final = answer_final(0.9)
    assert final.answer is not None
    final.answer.decision = "handoff"
    assert "<details" not in reply_markdown(final, "id")
    assert reply_markdown(Final("<b>Tunggu</b>", None, 3), "en") == "&lt;b&gt;Tunggu&lt;/b&gt;"


def test_sources_title_in_english() -> None:
    assert "<strong>Sources</strong>" in sources_html([Source("a", "A", "faq", 1.0, "x")], "en")


def test_agent_messages_name_the_agent() -> None:
    message = Message(5, "c", "agent", "Halo <b>", datetime(2025, 3, 3, tzinfo=UTC), agent_name="sari")
    assert polled_markdown(message, "id") == "**sari · agen**\n\nHalo &lt;b&gt;"
    notice = Message(6, "c", "system", "Kasus selesai.", datetime(2025, 3, 3, tzinfo=UTC))
    assert polled_markdown(notice, "en") == "<em>Kasus selesai.</em>"
