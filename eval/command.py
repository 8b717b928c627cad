"""`sigap eval`: run an eval set (or a public benchmark) through the chat's engine and report."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answer.confidence import Calibration, fit_logistic
from app.answer.engine import AnswerEngine
from app.components.embedding import Embedder, create_embedder
from app.errors import ConfigError
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from eval.cases import EvalCase
from eval.metrics import summarize
from eval.runner import CaseRun, breakdown, run_cases
from ingest.pipeline import run_ingest

Progress = Callable[[int, int], None]
# L2 penalty of the confidence model, chosen by 5-fold cross-validated log-loss on the train split
# (0.1: 0.406, 1: 0.397, 5: 0.392, 20: 0.405).
CALIBRATION_L2 = 5.0


@dataclass
class EvalResult:
    metrics: dict[str, float]
    breakdown: dict[str, dict[str, dict[str, float]]]
    runs: list[CaseRun]

    def as_dict(self) -> dict[str, Any]:
        return {**self.metrics, "breakdown": self.breakdown}


@contextlib.contextmanager
def engine_for(
    settings: Settings, knowledge: Path | None, embedder: Embedder | None = None, calibration: Calibration | None = None
) -> Iterator[AnswerEngine]:
    """An engine over ``knowledge`` indexed into a temporary folder, or over the live index (brought up to date)."""
    embedder = embedder or create_embedder(settings.embedding)
    with tempfile.TemporaryDirectory(prefix="sigap-eval-") as tmp:
        if knowledge is not None:
            if not knowledge.is_dir():
                raise ConfigError(f"--knowledge {knowledge} is not a folder")
            settings = settings.model_copy(
                update={
                    "data_dir": Path(tmp),
                    "ingest": settings.ingest.model_copy(update={"knowledge_dir": knowledge}),
                }
            )
        report = run_ingest(settings, embedder=embedder)
        if report.errors and not report.added + report.unchanged + report.updated:
            raise ConfigError(f"Nothing could be indexed from {settings.ingest.knowledge_dir}: {report.errors[0]}")
        yield AnswerEngine(settings, LiveIndex(settings, embedder), calibration=calibration)


def evaluate(engine: AnswerEngine, cases: Sequence[EvalCase], progress: Progress | None = None) -> EvalResult:
    runs = run_cases(engine, cases, progress)
    outcomes = [r.outcome for r in runs]
    return EvalResult(summarize(outcomes), breakdown(runs), runs)


def calibrate(
    engine: AnswerEngine,
    train: Sequence[EvalCase],
    progress: Progress | None = None,
    *,
    in_scope: bool = False,
    accuracy_floor: float | None = None,
) -> Calibration:
    """Fit confidence on the train split and choose the threshold there (never on test).

    Cases whose handoff comes from a rule (human request, frustration, sensitive, or a past ticket that no
    FAQ covers as the best match) say nothing about how confidence should grow with retrieval signals and
    are left out; the label is "answering would be right" (gold entry ranked first), or with ``in_scope``
    "the knowledge covers the question" (for out-of-scope detection, where a near miss is still in scope).
    With ``accuracy_floor``, the threshold is the highest one that still answers at least that share of the
    answerable cases rightly (catch as many out-of-scope questions as that operating point allows).
    """
    runs = [
        r
        for r in run_cases(engine, train, progress)
        if r.case.handoff_reason in (None, "low_confidence") and not r.answer.past_ticket
    ]
    labels = [int(not r.case.expects_handoff if in_scope else r.outcome.should_answer_and_could) for r in runs]
    if len(set(labels)) < 2:
        raise ConfigError("Calibration needs train cases that should be answered and cases that should not.")
    rows = [r.answer.features for r in runs]
    weights, bias = fit_logistic(rows, labels, l2=CALIBRATION_L2)
    fitted = Calibration(weights=weights, bias=bias, fitted_on=f"{len(runs)} train cases")
    scores = [fitted.confidence(row) for row in rows]
    if accuracy_floor is None:
        fitted.threshold = best_threshold(scores, labels)
    else:
        right = [r.outcome.should_answer_and_could for r in runs]
        answerable = [not r.case.expects_handoff for r in runs]
        fitted.threshold = threshold_keeping_accuracy(scores, right, answerable, accuracy_floor)
    return fitted


def threshold_keeping_accuracy(
    scores: Sequence[float], right: Sequence[bool], answerable: Sequence[bool], floor: float
) -> float:
    """The highest threshold at which answered-and-right cases are still ``floor`` of the answerable ones."""
    total = max(1, sum(answerable))
    for threshold in sorted({round(s, 4) for s in scores}, reverse=True):
        kept = sum(1 for s, ok in zip(scores, right, strict=True) if ok and s >= threshold)
        if kept / total >= floor:
            return threshold
    return 0.0


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold with the most right decisions (answer iff label 1); ties go to the lower threshold."""
    candidates = sorted({round(s, 4) for s in scores} | {0.5})

    def right(threshold: float) -> int:
        return sum((s >= threshold) == bool(y) for s, y in zip(scores, labels, strict=True))

    return max(candidates, key=lambda t: (right(t), -t))
