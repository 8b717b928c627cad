"""Starter questions, the dashboard view and FAQ drafts from knowledge gaps."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from app.errors import HandoffError
from app.server.insights import Insights
from app.server.services import Services
from app.settings import Settings
from app.store.store import utcnow

pytestmark = pytest.mark.slow  # the real model and index


def test_starters_are_the_most_asked_faq_entries(services: Services) -> None:
    starters = services.insights.starter_questions("id")
    assert starters[0] == "Bagaimana cara melacak paket saya?"  # three past tickets link to it
    assert set(starters[1:]) == {"Berapa lama proses refund?", "Saya lupa kata sandi, bagaimana masuk?"}
    assert services.insights.starter_questions("en", limit=1) == ["Bagaimana cara melacak paket saya?"]


def test_the_dashboard_view_groups_flagged_questions_and_names_sources(services: Services) -> None:
    session = services.chat.start("id")
    events = list(services.chat.send(session, "refund saya kapan masuk ya?"))
    answered = events[-1]
    services.chat.feedback(session, "thumbs", -1, message_id=answered.message_id)  # type: ignore[union-attr]
    for question in ("apakah toko menjual pizza di jupiter?", "jual pizza margherita di jupiter nggak?"):
        list(services.chat.send(services.chat.start("id"), question))

    view = services.insights.dashboard(utcnow() - timedelta(days=1), utcnow() + timedelta(minutes=1))
    assert view.report.conversations == 3 and view.report.handed_off_conversations == 2
    assert view.titles == {"refund-lama": "Berapa lama proses refund?"}
    assert [(g.question, g.count) for g in view.gaps] == [
        ("apakah toko menjual pizza di jupiter?", 2),
        ("refund saya kapan masuk ya?", 1),
    ]


def insights_over_copy(settings: Settings, tmp_path: Path, reindex: object) -> tuple[Insights, Path]:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(settings.ingest.knowledge_dir, knowledge)
    copied = settings.model_copy(update={"ingest": settings.ingest.model_copy(update={"knowledge_dir": knowledge})})
    return Insights(copied, None, None, reindex), knowledge  # type: ignore[arg-type]


def test_a_gap_becomes_a_draft_faq_and_the_index_is_refreshed(server_settings: Settings, tmp_path: Path) -> None:
    reindexed: list[bool] = []
    insights, knowledge = insights_over_copy(server_settings, tmp_path, lambda: reindexed.append(True))
    path = insights.draft_faq(
        question="Bisa bayar pakai kartu kredit luar negeri?",
        answer="Bisa, untuk kartu Visa dan Mastercard.",
        category="pembayaran",
        lang="id",
        variants=["kartu kredit luar negeri bisa?", "email saya budi@contoh.com"],
        origin="dashboard:conv-1",
    )
    assert path.parent == knowledge / "faq" / "pembayaran" and reindexed == [True]
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["source_case"] == "dashboard:conv-1" and front["draft"] is True
    assert front["variants"] == ["kartu kredit luar negeri bisa?", "email saya [EMAIL]"]


def test_a_failed_reindex_is_reported_with_the_written_file(server_settings: Settings, tmp_path: Path) -> None:
    def broken() -> None:
        raise RuntimeError("disk full")

    insights, _ = insights_over_copy(server_settings, tmp_path, broken)
    with pytest.raises(HandoffError, match="was written but the index was not updated"):
        insights.draft_faq(question="Q baru?", answer="A.", category="umum", lang="id", variants=[], origin="x")
    with pytest.raises(HandoffError, match="answer is empty"):
        insights.draft_faq(question="Q?", answer=" ", category="umum", lang="id", variants=[], origin="x")
