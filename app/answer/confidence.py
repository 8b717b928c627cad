"""Confidence that an automatic answer is right, from measurable retrieval signals, calibrated.

Signals: the best dense similarity, its margin over the runner-up entry, the lead of the best entry's fused
score (all the search's evidence at once) over the runner-up's, the best keyword score,
whether dense and keyword search agree on the best entry, how much of the question's wording the
knowledge knows, how typical the question is of the way an entry is asked (its density), and how close it is
to questions already known to be out of the knowledge's reach (:mod:`app.answer.unanswerable`). A
logistic model maps them to a probability; it is fitted on the eval set's *train* split
(``sigap eval --calibrate``) and shipped in ``calibration.json`` next to this file, with the
answer/handoff threshold chosen on that split too. Another embedder has other similarities and needs its own
file (``answer.calibration``; the accurate profile's is ``calibration-embeddinggemma.json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from app.components.logistic import fit_logistic_regression, sigmoid
from app.errors import ConfigError
from app.retrieval.search import EntryHit, typicality

FEATURES = (
    "dense_top",
    "dense_margin",
    "score_margin",
    "keyword_top",
    "agreement",
    "keyword_found",
    "coverage",
    "known",
    "typicality",
    "unanswerable",
)
DEFAULT_PATH = Path(__file__).with_name("calibration.json")


def retrieval_features(
    hits: Sequence[EntryHit], coverage: float = 0.0, known: float = 0.0, unanswerable: float = 0.0
) -> dict[str, float]:
    """The signals behind confidence, for the ranked entries of one query.

    ``coverage``: share of the query's content words found in the best entry (see LiveIndex.coverage);
    ``known``: share found anywhere in the knowledge ("mobil bekas" at a shop that sells neither);
    ``unanswerable``: likeness to the known out-of-scope questions (:func:`app.answer.unanswerable.likeness`).
    """
    if not hits:
        return dict.fromkeys(FEATURES, 0.0)
    top = hits[0]
    runner_up = max((h.dense for h in hits[1:]), default=0.0)
    best_keyword = max(hits, key=lambda h: h.keyword)
    agreement = 1.0 if top.keyword_rank == 1 and top.dense_rank == 1 else 0.5 if top.keyword_rank else 0.0
    return {
        "dense_top": top.dense,
        "dense_margin": max(0.0, top.dense - runner_up),
        "score_margin": top.score - hits[1].score if len(hits) > 1 else top.score,
        "keyword_top": best_keyword.keyword / (best_keyword.keyword + 5.0),  # squash: BM25 is unbounded
        "agreement": agreement,
        "keyword_found": 1.0 if top.keyword > 0 else 0.0,
        "coverage": coverage,
        "known": known,
        "typicality": max(-10.0, typicality(hits)),  # clipped: one absurd question must not swamp the rest
        "unanswerable": unanswerable,
    }


@dataclass
class Calibration:
    """A logistic model over :data:`FEATURES`, the threshold below which Sigap hands off, and the out-of-scope
    questions behind the ``unanswerable`` feature."""

    weights: dict[str, float] = field(
        default_factory=lambda: {
            "dense_top": 40.0,
            "dense_margin": 30.0,
            "keyword_top": 2.0,
            "agreement": 1.0,
            "keyword_found": 0.5,
        }
    )
    bias: float = -34.0
    threshold: float = 0.5
    fitted_on: str = "hand-set default (run `sigap eval --calibrate`)"
    unanswerable_examples: list[str] = field(default_factory=list)

    def confidence(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * features.get(name, 0.0) for name in FEATURES)
        return float(sigmoid(z))

    @classmethod
    def load(cls, path: Path | None = None) -> Calibration:
        """The calibration saved in ``path`` (None: the shipped file, or the hand-set default without it).

        Raises:
            ConfigError: a file named is missing, or a file does not hold a calibration.
        """
        if path is None and not DEFAULT_PATH.exists():
            return cls()
        path = path or DEFAULT_PATH
        if not path.exists():
            raise ConfigError(f"answer.calibration: {path} does not exist. Fit it with `sigap eval --calibrate`.")
        try:
            return cls(**json.loads(path.read_text()))
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"answer.calibration: {path} does not hold a calibration ({exc}).") from exc

    def save(self, path: Path | None = None) -> None:
        """Write it to ``path`` (None: the shipped file)."""
        (path or DEFAULT_PATH).write_text(json.dumps(asdict(self), indent=2) + "\n")


def fit_logistic(
    rows: Sequence[dict[str, float]], labels: Sequence[int], l2: float = 0.1, iterations: int = 50
) -> tuple[dict[str, float], float]:
    """Fit weights and bias by Newton's method with a small L2 penalty (features are standardised inside)."""
    x = np.array([[row[name] for name in FEATURES] for row in rows], dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    standardised, intercept = fit_logistic_regression((x - mean) / scale, np.asarray(labels), l2, iterations=iterations)
    weights = standardised / scale
    bias = float(intercept - (weights * mean).sum())
    return {name: float(w) for name, w in zip(FEATURES, weights, strict=True)}, bias
