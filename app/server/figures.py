"""The dashboard's figures from a :class:`~app.server.insights.DashboardView`: the period, the headline
numbers, the chart tables and the CSV export. Pure functions (no Gradio), so they are easy to test.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

import pandas as pd

from app.server.gaps import GapGroup
from app.server.i18n import t
from app.store.records import DashboardReport

PRESET_DAYS = ("7", "30", "90")
MAX_GAP_EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC, and the local dates it covers (for the page and the CSV)."""

    start: datetime
    end: datetime
    first_day: date
    last_day: date


def period_for(choice: str, start: object, end: object, zone: tzinfo, now: datetime) -> Period:
    """The last 7/30/90 days up to ``now``, or the local dates ``start``..``end`` (both included).

    Raises:
        ValueError: custom dates that are missing, unreadable, or end before they start.
    """
    if choice in PRESET_DAYS:
        last_day = now.astimezone(zone).date()
        first_day = last_day - timedelta(days=int(choice) - 1)
        return Period(_local_midnight(first_day, zone), now.astimezone(UTC), first_day, last_day)
    first_day, last_day = _as_date(start), _as_date(end)
    if last_day < first_day:
        raise ValueError(f"The period ends ({last_day}) before it starts ({first_day}).")
    return Period(
        _local_midnight(first_day, zone), _local_midnight(last_day + timedelta(days=1), zone), first_day, last_day
    )


def rates(report: DashboardReport) -> tuple[float | None, float | None]:
    """(containment, handoff rate): shares of the period's conversations solved by the bot / handed off."""
    if not report.conversations:
        return None, None
    handed = min(report.handed_off_conversations, report.conversations)
    return (report.conversations - handed) / report.conversations, handed / report.conversations


def thumbs_ratio(report: DashboardReport) -> float | None:
    rated = report.thumbs_up + report.thumbs_down
    return report.thumbs_up / rated if rated else None


def kpi_html(report: DashboardReport, lang: str) -> str:
    """The headline numbers as cards (a responsive grid; numbers only, nothing user-written)."""
    containment, handoff = rates(report)
    handed = min(report.handed_off_conversations, report.conversations)
    up_ratio = thumbs_ratio(report)
    csat_count = sum(day.count for day in report.csat_by_day)
    ces_count = sum(day.count for day in report.ces_by_day)
    cards = [
        ("kpi_conversations", str(report.conversations), ""),
        (
            "kpi_containment",
            _pct(containment),
            t(lang, "kpi_of", part=report.conversations - handed, whole=report.conversations),
        ),
        ("kpi_handoff", _pct(handoff), t(lang, "kpi_of", part=handed, whole=report.conversations)),
        ("kpi_thumbs", _pct(up_ratio), f"+{report.thumbs_up} / −{report.thumbs_down}"),
        ("kpi_csat", _avg(report.csat_average), t(lang, "kpi_ratings", count=csat_count)),
        ("kpi_ces", _avg(report.ces_average), t(lang, "kpi_ratings", count=ces_count)),
        ("kpi_latency", f"{_ms(report.latency_p50_ms)} / {_ms(report.latency_p95_ms)}", ""),
    ]
    body = "".join(
        f"<div class='sigap-kpi' id='kpi-{key[4:]}'><div class='sigap-kpi-label'>{html.escape(t(lang, key))}</div>"
        f"<div class='sigap-kpi-value'>{html.escape(value)}</div>"
        f"<div class='sigap-kpi-note'>{html.escape(note)}</div></div>"
        for key, value, note in cards
    )
    return f"<div class='sigap-kpis'>{body}</div>"


def reasons_frame(report: DashboardReport, lang: str) -> pd.DataFrame:
    rows = sorted(report.cases_by_reason.items(), key=lambda item: -item[1])
    return pd.DataFrame([(t(lang, f"reason_{reason}"), count) for reason, count in rows], columns=["reason", "cases"])


def trend_frame(report: DashboardReport) -> pd.DataFrame:
    rows = [(pd.Timestamp(d.day), d.average, "CSAT") for d in report.csat_by_day]
    rows += [(pd.Timestamp(d.day), d.average, "CES") for d in report.ces_by_day]
    return pd.DataFrame(rows, columns=["day", "average", "metric"])


def sources_frame(report: DashboardReport, titles: dict[str, str]) -> pd.DataFrame:
    rows = [(use.doc_id, titles.get(use.doc_id, use.doc_id), use.answers) for use in report.top_sources]
    return pd.DataFrame(rows, columns=["entry", "title", "answers"])


def gaps_frame(gaps: list[GapGroup], lang: str) -> pd.DataFrame:
    columns = [t(lang, key) for key in ("col_count", "col_question", "col_examples", "col_why")]
    rows = [
        (
            group.count,
            group.question,
            " · ".join(example for example in group.examples if example != group.question)[:400],
            ", ".join(f"{t(lang, f'why_{why}')} ({n})" for why, n in group.reasons.most_common()),
        )
        for group in gaps
    ]
    return pd.DataFrame(rows, columns=columns)


def write_csv(report: DashboardReport, gaps: list[GapGroup], period: Period, folder: Path) -> Path:
    """The period's figures as one long CSV (section, key, value), for spreadsheets."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"sigap-dashboard-{period.first_day}-{period.last_day}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["section", "key", "value"])
        writer.writerows(_csv_rows(report, gaps, period))
    return path


def _csv_rows(report: DashboardReport, gaps: list[GapGroup], period: Period) -> Iterator[tuple[str, str, object]]:
    containment, handoff = rates(report)
    yield from [
        ("period", "first_day", period.first_day.isoformat()),
        ("period", "last_day", period.last_day.isoformat()),
        ("totals", "conversations", report.conversations),
        ("totals", "handed_off_conversations", report.handed_off_conversations),
        ("totals", "containment_rate", _num(containment)),
        ("totals", "handoff_rate", _num(handoff)),
        ("feedback", "thumbs_up", report.thumbs_up),
        ("feedback", "thumbs_down", report.thumbs_down),
        ("feedback", "thumbs_up_ratio", _num(thumbs_ratio(report))),
        ("feedback", "csat_average", _num(report.csat_average)),
        ("feedback", "ces_average", _num(report.ces_average)),
        ("latency", "p50_ms", _num(report.latency_p50_ms)),
        ("latency", "p95_ms", _num(report.latency_p95_ms)),
    ]
    yield from (("handoffs_by_reason", reason, count) for reason, count in sorted(report.cases_by_reason.items()))
    yield from (("csat_by_day", d.day.isoformat(), round(d.average, 3)) for d in report.csat_by_day)
    yield from (("ces_by_day", d.day.isoformat(), round(d.average, 3)) for d in report.ces_by_day)
    yield from (("top_sources", use.doc_id, use.answers) for use in report.top_sources)
    yield from (("knowledge_gaps", group.question, group.count) for group in gaps)


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC).date()
    if isinstance(value, str) and value.strip():
        return date.fromisoformat(value.strip()[:10])
    raise ValueError(f"Pick both dates of the period. Currently, a date is {value!r}.")


def _local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _avg(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def _num(value: float | None) -> object:
    return "" if value is None else round(value, 4)
