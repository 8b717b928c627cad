"""Metrics on tiny examples whose values were worked out by hand."""

from __future__ import annotations

import math

import pytest

from eval.metrics import (
    CaseOutcome,
    auroc,
    coverage_accuracy,
    expected_calibration_error,
    hit_at,
    mrr,
    percentile,
    precision_recall_f1,
    reliability_bins,
    summarize,
)


def test_hit_at_k_and_mrr() -> None:
    ranks = [1, 3, None, 2]
    assert hit_at(ranks, 1) == 0.25
    assert hit_at(ranks, 3) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)


def test_precision_recall_f1() -> None:
    expected = [True, True, False, False, True]
    predicted = [True, False, True, False, True]
    # tp=2, fp=1, fn=1
    assert precision_recall_f1(expected, predicted) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert all(math.isnan(v) for v in precision_recall_f1([False], [False]))  # undefined, not zero
    assert precision_recall_f1([True], [False])[1:] == (0.0, pytest.approx(math.nan, nan_ok=True))


def test_auroc_hand_checked() -> None:
    # positives 0.9, 0.4; negatives 0.5, 0.1: pairs (0.9>0.5, 0.9>0.1, 0.4<0.5, 0.4>0.1) = 3/4
    assert auroc([0.9, 0.5, 0.4, 0.1], [True, False, True, False]) == 0.75
    assert auroc([0.5, 0.5], [True, False]) == 0.5  # a tie counts half
    assert auroc([1.0, 0.0], [True, False]) == 1.0
    assert math.isnan(auroc([0.3], [True]))


def test_expected_calibration_error() -> None:
    # bin [0.9,1.0]: conf 0.95 ×2, accuracy 0.5 → 0.45; bin [0.1,0.2): conf 0.15 ×2, accuracy 0 → 0.15
    ece = expected_calibration_error([0.95, 0.95, 0.15, 0.15], [True, False, False, False])
    assert ece == pytest.approx(0.5 * 0.45 + 0.5 * 0.15)
    assert expected_calibration_error([1.0, 0.0], [True, False]) == 0.0
    bins = reliability_bins([0.95, 0.95, 0.15, 0.15], [True, False, False, False])
    assert [(b["count"], b["accuracy"]) for b in bins] == [(2, 0.0), (2, 0.5)]


def test_coverage_accuracy_curve() -> None:
    curve = coverage_accuracy([0.9, 0.2, 0.6], [True, False, False])
    assert [(p["coverage"], p["accuracy"]) for p in curve] == [(1 / 3, 1.0), (2 / 3, 0.5), (1.0, 1 / 3)]


def test_percentile_interpolates() -> None:
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([10, 20, 30, 40], 95) == pytest.approx(38.5)


def _outcome(**kw: object) -> CaseOutcome:
    base: dict[str, object] = dict(
        case_id="c",
        expects_handoff=False,
        predicted_handoff=False,
        confidence=0.9,
        gold_rank=1,
        has_gold=True,
        answered_correctly=True,
        reason_expected=None,
        reason_predicted=None,
        latency_ms=10.0,
        lang="id",
        tags=(),
    )
    base.update(kw)
    return CaseOutcome(**base)  # type: ignore[arg-type]


def test_summarize_keys_and_values() -> None:
    outcomes = [
        _outcome(),
        _outcome(gold_rank=2, answered_correctly=False, confidence=0.6, latency_ms=30.0),
        _outcome(
            expects_handoff=True,
            predicted_handoff=True,
            has_gold=False,
            gold_rank=None,
            answered_correctly=False,
            confidence=0.1,
            reason_expected="human_request",
            reason_predicted="human_request",
            latency_ms=20.0,
        ),
    ]
    metrics = summarize(outcomes)
    assert set(metrics) >= {
        "retrieval.hit_at_1",
        "retrieval.hit_at_5",
        "retrieval.mrr",
        "answer.accuracy",
        "handoff.precision",
        "handoff.recall",
        "handoff.f1",
        "handoff.auroc",
        "calibration.ece",
        "latency.p50_ms",
        "latency.p95_ms",
        "cases",
    }
    assert metrics["retrieval.hit_at_1"] == 0.5 and metrics["retrieval.mrr"] == 0.75
    assert metrics["answer.accuracy"] == 0.5
    assert (metrics["handoff.precision"], metrics["handoff.recall"], metrics["handoff.f1"]) == (1.0, 1.0, 1.0)
    assert metrics["handoff.auroc"] == 1.0  # both answer cases score above the handoff case
    assert metrics["latency.p50_ms"] == 20.0 and metrics["cases"] == 3
    # confidences 0.9 (right), 0.6 (wrong: gold at rank 2), 0.1 (handoff: answering would be wrong)
    assert metrics["calibration.ece"] == pytest.approx((0.1 + 0.6 + 0.1) / 3)
