"""`sigap eval`: run an eval set (or a public benchmark) through the chat's engine and report."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.answer.confidence import Calibration, fit_logistic
from app.answer.engine import AnswerEngine
from app.answer.signals import question_part, read_signals
from app.answer.unanswerable import leave_one_out
from app.components.embedding import Embedder, create_embedder
from app.errors import ConfigError
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from eval.cases import EvalCase
from eval.metrics import precision_recall_f1, summarize
from eval.runner import CaseRun, breakdown, run_cases
from ingest.pipeline import run_ingest

Progress = Callable[[int, int], None]
# L2 penalty of the confidence model, chosen by 5-fold cross-validated log-loss on the train split
# (0.1: 0.406, 1: 0.397, 5: 0.392, 20: 0.405).
CALIBRATION_L2 = 5.0
# How far either side of a threshold its headline metrics are averaged when choosing it (see headline_threshold).
THRESHOLD_WINDOW = 0.05


@dataclass
class EvalResult:
    metrics: dict[str, float]
    breakdown: dict[str, dict[str, dict[str, float]]]
    runs: list[CaseRun]

    def as_dict(self) -> dict[str, Any]:
        return {**self.metrics, "breakdown": self.breakdown, "per_case": [_case_row(run) for run in self.runs]}


def _case_row(run: CaseRun) -> dict[str, Any]:
    """One case's outcome, for `sigap eval --compare` (ids and decisions only: never the question's text)."""
    answer, outcome = run.answer, run.outcome
    return {
        "id": outcome.case_id,
        "right": outcome.decided_right,
        "decision": answer.decision,
        "reason": answer.reason,
        "confidence": round(answer.confidence, 4),
        "gold_rank": outcome.gold_rank,
        "top": [item.doc_id for item in answer.retrieved[:3]],
    }


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
    learn_unanswerable: bool = True,
) -> Calibration:
    """Fit confidence on the train split and choose the threshold there (never on test).

    Cases whose handoff comes from a rule (human request, frustration, sensitive, or a past ticket that no
    FAQ covers as the best match) say nothing about how confidence should grow with retrieval signals and
    are left out; the label is "answering would be right" (gold entry ranked first), or with ``in_scope``
    "the knowledge covers the question" (for out-of-scope detection, where a near miss is still in scope).
    The threshold is the one with the best answer accuracy + handoff F1 over all the train cases (see
    :func:`headline_threshold`); with ``accuracy_floor``, the highest one that still answers at least that share
    of the answerable cases rightly (catch as many out-of-scope questions as that operating point allows).
    With ``learn_unanswerable``, the train cases out of the knowledge's reach (handoff for low confidence) become
    the calibration's known out-of-scope questions (:mod:`app.answer.unanswerable`); each train case is fitted
    with its likeness to them with itself left out, as a new question would meet them.
    """
    every = run_cases(engine, train, progress)
    examples: list[str] = []
    if learn_unanswerable:
        examples, features = _unanswerable_features(engine, every)
    else:
        features = [dict(r.answer.features, unanswerable=0.0) for r in every]
    # rule handoffs say nothing of how confidence should grow with retrieval signals
    ruled = [r.case.handoff_reason not in (None, "low_confidence") or r.answer.past_ticket for r in every]
    chosen = [i for i, by_rule in enumerate(ruled) if not by_rule]
    runs = [every[i] for i in chosen]
    labels = [int(not r.case.expects_handoff if in_scope else r.outcome.should_answer_and_could) for r in runs]
    if len(set(labels)) < 2:
        raise ConfigError("Calibration needs train cases that should be answered and cases that should not.")
    rows = [features[i] for i in chosen]
    weights, bias = fit_logistic(rows, labels, l2=CALIBRATION_L2)
    fitted = Calibration(
        weights=weights, bias=bias, fitted_on=f"{len(runs)} train cases", unanswerable_examples=examples
    )
    if accuracy_floor is None:
        scored = zip(every, features, strict=True)
        fitted.threshold = headline_threshold([_at_threshold(fitted, run, row) for run, row in scored])
    else:
        scores = [fitted.confidence(row) for row in rows]
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


@dataclass(frozen=True)
class ThresholdCase:
    """What one train case needs to be scored at any threshold."""

    confidence: float  # by the newly fitted model
    decided_by_rule: bool  # handed off whatever the threshold (human request, sensitive, frustration, past ticket)
    expects_handoff: bool
    has_gold: bool
    right_if_answered: bool  # a gold entry first and every expected phrase in the reply


def _unanswerable_features(engine: AnswerEngine, runs: Sequence[CaseRun]) -> tuple[list[str], list[dict[str, float]]]:
    """The train cases out of the knowledge's reach (their searched message), and every case's features with
    ``unanswerable`` as it would be if that case were not among them (leave one out)."""
    messages = [question_part(r.case.question, read_signals(r.case.question, r.case.turns)) for r in runs]
    present = [i for i, m in enumerate(messages) if m.strip()]
    is_example = [runs[i].case.handoff_reason == "low_confidence" for i in present]
    vectors = engine.index.embedder.embed_questions([messages[i] for i in present])
    held_out = dict(zip(present, leave_one_out(vectors, is_example), strict=True))
    features = [dict(r.answer.features, unanswerable=held_out.get(i, 0.0)) for i, r in enumerate(runs)]
    examples = [messages[i] for i, example in zip(present, is_example, strict=True) if example]
    return examples, features


def _at_threshold(calibration: Calibration, run: CaseRun, features: dict[str, float]) -> ThresholdCase:
    answer, case = run.answer, run.case
    ruled = answer.decision == "handoff" and (answer.reason != "low_confidence" or answer.past_ticket)
    right = run.outcome.gold_rank == 1 and (run.outcome.answered_correctly or answer.decision == "handoff")
    return ThresholdCase(
        calibration.confidence(features) if answer.features else 0.0,
        ruled,
        case.expects_handoff,
        bool(case.doc_ids),
        right,
    )


def headline_threshold(cases: Sequence[ThresholdCase], window: float = THRESHOLD_WINDOW) -> float:
    """The threshold (in steps of 0.01) with the best answer accuracy + handoff F1 (the gate's headline
    decisions) over all the cases, rule handoffs included, averaged over the thresholds within ``window`` of it:
    the middle of a plateau, not its edge, where a few cases more or less tip the balance. Ties go to the lower
    threshold. A case handed off for low confidence when it was run counts as right if answered when its gold
    entry was ranked first (its reply was not written)."""
    answerable = max(1, sum(c.has_gold for c in cases))

    def headline(threshold: float) -> float:
        predicted = [c.decided_by_rule or c.confidence < threshold for c in cases]
        _, _, f1 = precision_recall_f1([c.expects_handoff for c in cases], predicted)
        answered = zip(cases, predicted, strict=True)
        right = sum(1 for c, handoff in answered if c.has_gold and not handoff and c.right_if_answered)
        return right / answerable + f1

    grid = [step / 100 for step in range(1, 100)]
    value = {t: headline(t) for t in grid}
    smoothed = {t: float(np.mean([value[u] for u in grid if abs(u - t) <= window + 1e-9])) for t in grid}
    return max(grid, key=lambda t: (round(smoothed[t], 9), -t))
