"""Metrics of an eval run, as pure functions (hand-checked in tests: a wrong metric is worse than none)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseOutcome:
    """What the engine did with one case, reduced to what the metrics need."""

    case_id: str
    expects_handoff: bool
    predicted_handoff: bool
    confidence: float
    gold_rank: int | None  # 1-based rank of the first gold entry; None when not retrieved or no gold
    has_gold: bool
    answered_correctly: bool  # answered, a gold source cited, every answer_contains string present
    reason_expected: str | None
    reason_predicted: str | None
    latency_ms: float
    lang: str
    tags: tuple[str, ...]

    @property
    def decided_right(self) -> bool:
        """The headline decision was right: handed off when it should be, otherwise answered rightly."""
        return self.predicted_handoff if self.expects_handoff else self.answered_correctly

    @property
    def should_answer_and_could(self) -> bool:
        """The label confidence is calibrated against: answering would be right (rank-1 gold, not a handoff)."""
        return not self.expects_handoff and self.gold_rank == 1


def hit_at(ranks: Sequence[int | None], k: int) -> float:
    return _mean([1.0 if r is not None and r <= k else 0.0 for r in ranks])


def mrr(ranks: Sequence[int | None]) -> float:
    return _mean([1.0 / r if r else 0.0 for r in ranks])


def precision_recall_f1(expected: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(e and p for e, p in zip(expected, predicted, strict=True))
    fp = sum(p and not e for e, p in zip(expected, predicted, strict=True))
    fn = sum(e and not p for e, p in zip(expected, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else math.nan  # undefined: nothing was handed off
    recall = tp / (tp + fn) if tp + fn else math.nan  # undefined: nothing should have been
    if math.isnan(precision) or math.isnan(recall):
        return precision, recall, math.nan
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def auroc(scores: Sequence[float], positives: Sequence[bool]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    pos = [s for s, p in zip(scores, positives, strict=True) if p]
    neg = [s for s, p in zip(scores, positives, strict=True) if not p]
    if not pos or not neg:
        return math.nan
    ranked = sorted((s, i) for i, s in enumerate(list(pos) + list(neg)))
    ranks = [0.0] * len(ranked)
    i = 0
    while i < len(ranked):  # average ranks over ties
        j = i
        while j + 1 < len(ranked) and ranked[j + 1][0] == ranked[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[ranked[k][1]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = sum(ranks[: len(pos)])
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> float:
    """Σ over equal-width bins of (bin share) × |accuracy − mean confidence|."""
    if not confidences:
        return math.nan
    return sum(
        b["count"] / len(confidences) * abs(b["accuracy"] - b["confidence"])
        for b in reliability_bins(confidences, correct, bins)
    )


def reliability_bins(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> list[dict[str, float]]:
    """Per non-empty equal-width bin: its bounds, mean confidence, accuracy and count (the last bin holds 1.0)."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [
            (c, ok)
            for c, ok in zip(confidences, correct, strict=True)
            if (low <= c < high) or (b == bins - 1 and c == 1.0)
        ]
        if members:
            rows.append(
                {
                    "low": low,
                    "high": high,
                    "confidence": sum(c for c, _ in members) / len(members),
                    "accuracy": sum(ok for _, ok in members) / len(members),
                    "count": len(members),
                }
            )
    return rows


def coverage_accuracy(confidences: Sequence[float], correct: Sequence[bool]) -> list[dict[str, float]]:
    """As the threshold rises: the share of cases answered and the accuracy on those."""
    order = sorted(zip(confidences, correct, strict=True), key=lambda pair: -pair[0])
    curve, right = [], 0
    for n, (confidence, ok) in enumerate(order, start=1):
        right += ok
        curve.append({"threshold": confidence, "coverage": n / len(order), "accuracy": right / n})
    return curve


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(outcomes: Sequence[CaseOutcome]) -> dict[str, float]:
    """The headline metrics, keyed as `sigap eval --json` writes them."""
    ranked = [o.gold_rank for o in outcomes if o.has_gold]
    expected = [o.expects_handoff for o in outcomes]
    predicted = [o.predicted_handoff for o in outcomes]
    precision, recall, f1 = precision_recall_f1(expected, predicted)
    confidences = [o.confidence for o in outcomes]
    labels = [o.should_answer_and_could for o in outcomes]
    answerable = [o for o in outcomes if o.has_gold]
    latencies = [o.latency_ms for o in outcomes]
    both_handoff = [o for o in outcomes if o.expects_handoff and o.predicted_handoff]
    return {
        "retrieval.hit_at_1": hit_at(ranked, 1),
        "retrieval.hit_at_5": hit_at(ranked, 5),
        "retrieval.mrr": mrr(ranked),
        "answer.accuracy": _mean([1.0 if o.answered_correctly else 0.0 for o in answerable]),
        "handoff.precision": precision,
        "handoff.recall": recall,
        "handoff.f1": f1,
        "handoff.auroc": auroc(confidences, [not e for e in expected]),
        "handoff.reason_accuracy": _mean(
            [1.0 if o.reason_expected == o.reason_predicted else 0.0 for o in both_handoff]
        ),
        "calibration.ece": expected_calibration_error(confidences, labels),
        "latency.p50_ms": percentile(latencies, 50),
        "latency.p95_ms": percentile(latencies, 95),
        "cases": float(len(outcomes)),
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan
