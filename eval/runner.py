"""Run eval cases through the same engine the chat uses, and turn each reply into a :class:`CaseOutcome`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from app.answer.engine import AnswerEngine
from app.answer.models import Answer
from eval.cases import EvalCase
from eval.metrics import CaseOutcome, summarize

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CaseRun:
    case: EvalCase
    answer: Answer
    outcome: CaseOutcome


def answer_ranking(answer: Answer) -> list[str]:
    """The entries a reply could be based on, best first (linked tickets already score as their FAQ entry;
    the tickets left are unlinked and answer nothing)."""
    return [item.doc_id for item in answer.retrieved if item.kind != "ticket"]


def outcome_of(case: EvalCase, answer: Answer) -> CaseOutcome:
    """Score one reply against its case."""
    ranking = answer_ranking(answer)
    gold_rank = next((i for i, doc_id in enumerate(ranking, start=1) if doc_id in case.doc_ids), None)
    lead = answer.sources[0].doc_id if answer.sources else None
    answered_correctly = (
        answer.decision == "answer"
        and lead in case.doc_ids
        and all(needle.lower() in answer.text.lower() for needle in case.answer_contains)
    )
    return CaseOutcome(
        case_id=case.id,
        expects_handoff=case.expects_handoff,
        predicted_handoff=answer.decision == "handoff",
        confidence=answer.confidence,
        gold_rank=gold_rank if case.doc_ids else None,
        has_gold=bool(case.doc_ids),
        answered_correctly=answered_correctly,
        reason_expected=case.handoff_reason,
        reason_predicted=answer.reason,
        latency_ms=answer.latency_ms,
        lang=case.lang,
        tags=case.tags,
    )


def run_cases(engine: AnswerEngine, cases: Sequence[EvalCase], progress: Progress | None = None) -> list[CaseRun]:
    runs = []
    for n, case in enumerate(cases, start=1):
        answer = engine.answer(case.question, case.turns)
        runs.append(CaseRun(case, answer, outcome_of(case, answer)))
        if progress:
            progress(n, len(cases))
    return runs


def breakdown(runs: Iterable[CaseRun]) -> dict[str, dict[str, dict[str, float]]]:
    """Headline metrics per tag and per language."""
    by_tag: dict[str, list[CaseOutcome]] = {}
    by_lang: dict[str, list[CaseOutcome]] = {}
    for run in runs:
        for tag in run.case.tags:
            by_tag.setdefault(tag, []).append(run.outcome)
        by_lang.setdefault(run.case.lang, []).append(run.outcome)
    return {
        "tags": {tag: summarize(outcomes) for tag, outcomes in sorted(by_tag.items())},
        "langs": {lang: summarize(outcomes) for lang, outcomes in sorted(by_lang.items())},
    }
