"""Read-side queries for the manager's dashboard over a period [start, end) (UTC).

Counts run in SQL; averages per day and latency percentiles are computed here from the period's
values, which keeps the queries the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from app.store.models import CaseRow, ConversationRow, FeedbackRow, MessageRow
from app.store.records import DailyAverage, DashboardReport, FlaggedQuestion, SourceUse

TOP_SOURCES = 10
FLAGGED_LIMIT = 200


def build_report(session: Session, start: datetime, end: datetime) -> DashboardReport:
    """Every dashboard number for [start, end)."""
    thumbs_up, thumbs_down = _thumbs(session, start, end)
    csat = _ratings(session, "csat", start, end)
    ces = _ratings(session, "ces", start, end)
    latencies = _latencies(session, start, end)
    return DashboardReport(
        start=start,
        end=end,
        conversations=_count(session, select(func.count(ConversationRow.id)), ConversationRow.created_at, start, end),
        handed_off_conversations=_count(
            session, select(func.count(func.distinct(CaseRow.conversation_id))), CaseRow.created_at, start, end
        ),
        cases_by_reason=_cases_by_reason(session, start, end),
        thumbs_up=thumbs_up,
        thumbs_down=thumbs_down,
        csat_average=_mean([value for _, value in csat]),
        ces_average=_mean([value for _, value in ces]),
        csat_by_day=_by_day(csat),
        ces_by_day=_by_day(ces),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
        top_sources=_top_sources(session, start, end),
        flagged_questions=_flagged_questions(session, start, end),
    )


def percentile(sorted_values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (always one of the observed values); None without values."""
    if not sorted_values:
        return None
    rank = math.ceil(pct / 100 * len(sorted_values))
    return sorted_values[max(rank, 1) - 1]


def _in_period(column: InstrumentedAttribute[datetime], start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _count(
    session: Session, query: Any, column: InstrumentedAttribute[datetime], start: datetime, end: datetime
) -> int:
    return int(session.scalar(query.where(_in_period(column, start, end))) or 0)


def _cases_by_reason(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    query = (
        select(CaseRow.reason, func.count(CaseRow.id))
        .where(_in_period(CaseRow.created_at, start, end))
        .group_by(CaseRow.reason)
    )
    return {reason: int(count) for reason, count in session.execute(query)}


def _thumbs(session: Session, start: datetime, end: datetime) -> tuple[int, int]:
    query = select(
        func.coalesce(func.sum(case((FeedbackRow.value > 0, 1), else_=0)), 0),
        func.coalesce(func.sum(case((FeedbackRow.value < 0, 1), else_=0)), 0),
    ).where(FeedbackRow.kind == "thumbs", _in_period(FeedbackRow.created_at, start, end))
    up, down = session.execute(query).one()
    return int(up), int(down)


def _ratings(session: Session, kind: str, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    query = (
        select(FeedbackRow.created_at, FeedbackRow.value)
        .where(FeedbackRow.kind == kind, _in_period(FeedbackRow.created_at, start, end))
        .order_by(FeedbackRow.created_at)
    )
    return [(created_at, value) for created_at, value in session.execute(query)]


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _by_day(ratings: Sequence[tuple[datetime, int]]) -> list[DailyAverage]:
    days: dict[date, list[int]] = defaultdict(list)
    for created_at, value in ratings:
        days[created_at.date()].append(value)
    return [DailyAverage(day, sum(values) / len(values), len(values)) for day, values in sorted(days.items())]


def _latencies(session: Session, start: datetime, end: datetime) -> list[float]:
    latency = MessageRow.meta["latency_ms"].as_float()
    query = (
        select(latency)
        .where(MessageRow.role == "bot", _in_period(MessageRow.created_at, start, end), latency.is_not(None))
        .order_by(latency)
    )
    return [float(value) for value in session.scalars(query)]


def _top_sources(session: Session, start: datetime, end: datetime) -> list[SourceUse]:
    """Knowledge entries answers were built from: the first (lead) source of each bot answer."""
    lead = MessageRow.meta[("sources", 0, "doc_id")].as_string()
    answers = func.count(MessageRow.id)
    query = (
        select(lead, answers)
        .where(
            MessageRow.role == "bot",
            _in_period(MessageRow.created_at, start, end),
            MessageRow.meta["decision"].as_string() == "answer",
            lead.is_not(None),
        )
        .group_by(lead)
        .order_by(answers.desc(), lead)
        .limit(TOP_SOURCES)
    )
    return [SourceUse(doc_id, int(count)) for doc_id, count in session.execute(query)]


def _flagged_questions(session: Session, start: datetime, end: datetime) -> list[FlaggedQuestion]:
    """Customer questions behind low-confidence handoffs and thumbs-down answers, oldest first."""
    earlier = aliased(MessageRow)
    before_case = (
        select(func.max(earlier.id))
        .where(
            earlier.conversation_id == CaseRow.conversation_id,
            earlier.role == "customer",
            earlier.created_at <= CaseRow.created_at,
        )
        .correlate(CaseRow)
        .scalar_subquery()
    )
    unsure = (
        _question_columns()
        .join(CaseRow, CaseRow.conversation_id == MessageRow.conversation_id)
        .where(
            CaseRow.reason == "low_confidence",
            _in_period(CaseRow.created_at, start, end),
            MessageRow.id == before_case,
        )
    )
    # The question answered by the rated message; without a rated message, the last one before the rating.
    before_rating = (
        select(func.max(earlier.id))
        .where(
            earlier.conversation_id == FeedbackRow.conversation_id,
            earlier.role == "customer",
            or_(
                and_(FeedbackRow.message_id.is_not(None), earlier.id < FeedbackRow.message_id),
                and_(FeedbackRow.message_id.is_(None), earlier.created_at <= FeedbackRow.created_at),
            ),
        )
        .correlate(FeedbackRow)
        .scalar_subquery()
    )
    disliked = (
        _question_columns()
        .join(FeedbackRow, FeedbackRow.conversation_id == MessageRow.conversation_id)
        .where(
            FeedbackRow.kind == "thumbs",
            FeedbackRow.value < 0,
            _in_period(FeedbackRow.created_at, start, end),
            MessageRow.id == before_rating,
        )
    )
    flagged = [
        FlaggedQuestion(text, conversation, asked, "low_confidence")
        for text, conversation, asked in session.execute(unsure)
    ]
    flagged += [
        FlaggedQuestion(text, conversation, asked, "thumbs_down")
        for text, conversation, asked in session.execute(disliked)
    ]
    flagged.sort(key=lambda question: (question.asked_at, question.conversation_id, question.why))
    return flagged[:FLAGGED_LIMIT]


def _question_columns() -> Any:
    return select(MessageRow.content, MessageRow.conversation_id, MessageRow.created_at).select_from(MessageRow)
