"""Confidence signals, checked by hand on made-up hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.answer.confidence import FEATURES, Calibration, retrieval_features
from app.errors import ConfigError
from app.retrieval.search import EntryHit
from ingest.catalog import StoredEntry
from ingest.model import Entry


def hit(doc_id: str, score: float, dense: float, keyword: float = 0.0, dense_rank: int = 1) -> EntryHit:
    entry = Entry(doc_id, "faq", "faq.md", 1, doc_id, "answer")
    return EntryHit(
        StoredEntry(entry, "hash", "2026-01-01"),
        score,
        dense,
        keyword,
        dense_rank,
        1 if keyword else None,
        f"{doc_id}#0",
        doc_id,
        density=1.5,
    )


def test_features_of_ranked_hits() -> None:
    hits = [hit("a", 0.80, 0.90, keyword=5.0), hit("b", 0.65, 0.93, dense_rank=2), hit("c", 0.40, 0.70, dense_rank=3)]
    features = retrieval_features(hits, coverage=0.5, known=0.75, unanswerable=0.6)
    assert features["dense_top"] == 0.90
    assert features["dense_margin"] == 0.0  # a runner-up can be closer by dense similarity alone
    assert features["score_margin"] == pytest.approx(0.15)  # but the fused score says how far ahead the top is
    assert features["keyword_top"] == pytest.approx(5.0 / 10.0)
    assert features["agreement"] == 1.0
    assert features["typicality"] == -1.5
    assert (features["coverage"], features["known"], features["unanswerable"]) == (0.5, 0.75, 0.6)


def test_a_single_hit_leads_by_its_whole_score_and_no_hit_gives_zeros() -> None:
    assert retrieval_features([hit("a", 0.7, 0.8)])["score_margin"] == 0.7
    assert retrieval_features([]) == dict.fromkeys(FEATURES, 0.0)


def test_a_wider_lead_means_more_confidence() -> None:
    calibration = Calibration(weights={"score_margin": 20.0}, bias=-2.0)
    close = retrieval_features([hit("a", 0.80, 0.9), hit("b", 0.79, 0.9, dense_rank=2)])
    clear = retrieval_features([hit("a", 0.80, 0.9), hit("b", 0.50, 0.9, dense_rank=2)])
    assert calibration.confidence(close) < 0.5 < calibration.confidence(clear)


def test_a_calibration_saved_anywhere_loads_back(tmp_path: Path) -> None:
    fitted = Calibration(
        weights={"dense_top": 3.0, "unanswerable": -4.0},
        bias=-1.5,
        threshold=0.42,
        fitted_on="7 train cases",
        unanswerable_examples=["siapa ceo rimbun?"],
    )
    fitted.save(tmp_path / "calibration-other.json")
    assert Calibration.load(tmp_path / "calibration-other.json") == fitted


def test_a_missing_or_foreign_calibration_file_is_an_error_that_names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"answer.calibration: .*nowhere.json does not exist"):
        Calibration.load(tmp_path / "nowhere.json")
    (tmp_path / "thresholds.json").write_text('{"hit_at_1": 0.9}')
    with pytest.raises(ConfigError, match=r"thresholds.json does not hold a calibration"):
        Calibration.load(tmp_path / "thresholds.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ConfigError, match=r"broken.json does not hold a calibration"):
        Calibration.load(tmp_path / "broken.json")
