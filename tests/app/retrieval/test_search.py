"""Hybrid search's fusion: how much an entry's use of the question's words adds to its score."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.retrieval import live_index
from app.retrieval.live_index import LiveIndex
from app.retrieval.search import hybrid_search
from app.settings import Settings
from ingest.pipeline import run_ingest
from tests.conftest import SMALL_KB, CountingEmbedder, write_files


@pytest.fixture
def index_and_settings(
    tmp_path: Path, make_settings: Callable[..., Settings], counting: CountingEmbedder
) -> tuple[LiveIndex, Settings]:
    settings = make_settings(write_files(tmp_path / "knowledge", SMALL_KB), retrieval={"coverage_weight": 0.0})
    run_ingest(settings, embedder=counting)
    return LiveIndex(settings, counting), settings


def test_coverage_is_the_share_of_the_question_words_an_entry_uses_anywhere(
    index_and_settings: tuple[LiveIndex, Settings],
) -> None:
    index, _ = index_and_settings
    # "diproses", "hari", "kerja" are only in refund-lama's answer, "refund" in its question too
    question = "refund diproses berapa hari kerja"  # "berapa" is a stop word
    assert index.coverages(question, ["refund-lama", "lacak-paket"]) == {"refund-lama": 1.0, "lacak-paket": 0.0}
    # "paket" and "lacak" are lacak-paket's; "refund" refund-lama's; "zebra" nobody's
    mixed = "lacak paket refund zebra"
    assert index.coverages(mixed, ["lacak-paket", "refund-lama"]) == {"lacak-paket": 0.5, "refund-lama": 0.25}
    assert index.coverage(mixed, "lacak-paket") == 0.5
    assert index.known_share(mixed) == 0.75
    assert index.coverages("apa ya", ["refund-lama"]) == {"refund-lama": 0.0}  # stop words only


def test_coverage_weighs_on_the_fused_score_as_far_as_the_knowledge_knows_the_question(
    index_and_settings: tuple[LiveIndex, Settings],
) -> None:
    index, settings = index_and_settings
    for question, known in (("refund diproses berapa hari kerja", 1.0), ("lacak paket refund zebra", 0.75)):
        plain = {h.doc_id: h.score for h in hybrid_search(index, question, settings.retrieval)}
        weighted = hybrid_search(index, question, settings.retrieval.model_copy(update={"coverage_weight": 0.5}))
        assert {h.doc_id for h in weighted} == set(plain)
        coverage = index.coverages(question, plain)
        for hit in weighted:
            assert hit.score - plain[hit.doc_id] == pytest.approx(0.5 * known * coverage[hit.doc_id])
        assert [h.score for h in weighted] == sorted((h.score for h in weighted), reverse=True)
        # only entries that can still reach the top k are read: the best one is the same with k = 1
        alone = settings.retrieval.model_copy(update={"coverage_weight": 0.5, "top_k": 1})
        assert [(h.doc_id, h.score) for h in hybrid_search(index, question, alone)] == [
            (weighted[0].doc_id, weighted[0].score)
        ]
    # with rank fusion there is no score to add to
    rrf = settings.retrieval.model_copy(update={"fusion": "rrf", "coverage_weight": 0.5})
    question = "refund diproses berapa hari kerja"
    assert [h.score for h in hybrid_search(index, question, rrf)] == [
        h.score for h in hybrid_search(index, question, rrf.model_copy(update={"coverage_weight": 0.0}))
    ]


def test_the_words_of_at_most_a_bounded_number_of_entries_are_kept(
    index_and_settings: tuple[LiveIndex, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, _ = index_and_settings
    monkeypatch.setattr(live_index, "VOCABULARY_CACHE", 2)
    question = "lacak paket refund zebra"
    expected = {"lacak-paket": 0.5, "refund-lama": 0.25, "lupa-sandi": 0.0}
    for _ in range(2):  # answers stay right while the cache is emptied and filled again
        assert index.coverages(question, expected) == expected
        generation, cached = index._vocabularies
        assert generation == index.snapshot.generation and 1 <= len(cached) <= 2
