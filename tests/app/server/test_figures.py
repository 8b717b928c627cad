"""The dashboard's figures: the period, the rates, the cards and the CSV export."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.server import figures
from app.server.gaps import GapGroup
from app.store.records import DailyAverage, DashboardReport, SourceUse

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)  # 09:00 in Jakarta


def report(**changes: object) -> DashboardReport:
    values: dict[str, object] = {
        "start": datetime(2025, 3, 1, tzinfo=UTC),
        "end": NOW,
        "conversations": 20,
        "handed_off_conversations": 5,
        "cases_by_reason": {"low_confidence": 3, "human_request": 2},
        "thumbs_up": 6,
        "thumbs_down": 2,
        "csat_average": 4.5,
        "ces_average": 6.0,
        "csat_by_day": [DailyAverage(date(2025, 3, 3), 4.5, 2)],
        "ces_by_day": [DailyAverage(date(2025, 3, 3), 6.0, 2)],
        "latency_p50_ms": 23.4,
        "latency_p95_ms": 51.0,
        "top_sources": [SourceUse("refund-lama", 9)],
        "flagged_questions": [],
    }
    return DashboardReport(**(values | changes))  # type: ignore[arg-type]


def test_preset_periods_end_now_and_start_at_local_midnight() -> None:
    period = figures.period_for("7", None, None, JAKARTA, NOW)
    assert (period.first_day, period.last_day) == (date(2025, 3, 4), date(2025, 3, 10))
    assert period.start == datetime(2025, 3, 3, 17, 0, tzinfo=UTC) and period.end == NOW


def test_custom_dates_include_the_last_day() -> None:
    period = figures.period_for("custom", "2025-03-01", "2025-03-02", JAKARTA, NOW)
    assert period.start == datetime(2025, 2, 28, 17, 0, tzinfo=UTC)
    assert period.end == datetime(2025, 3, 2, 17, 0, tzinfo=UTC)
    for start, end in [("2025-03-02", "2025-03-01"), (None, "2025-03-01"), ("", "")]:
        with pytest.raises(ValueError):
            figures.period_for("custom", start, end, JAKARTA, NOW)


def test_rates_and_cards() -> None:
    assert figures.rates(report()) == (0.75, 0.25)
    assert figures.rates(report(conversations=0, handed_off_conversations=0)) == (None, None)
    assert figures.thumbs_ratio(report()) == 0.75
    cards = figures.kpi_html(report(), "en")
    for shown in (
        "Conversations",
        ">20<",
        ">75%<",
        "15 of 20",
        ">25%<",
        "+6 / −2",
        ">4.50<",
        ">6.00<",
        "23 ms / 51 ms",
    ):
        assert shown in cards
    assert "–" in figures.kpi_html(report(csat_average=None, latency_p50_ms=None), "id")


def test_chart_tables() -> None:
    reasons = figures.reasons_frame(report(), "id")
    assert reasons.to_dict("records") == [{"reason": "bot ragu", "cases": 3}, {"reason": "minta agen", "cases": 2}]
    assert figures.trend_frame(report())["metric"].tolist() == ["CSAT", "CES"]
    assert figures.sources_frame(report(), {"refund-lama": "Berapa lama refund?"}).to_dict("records") == [
        {"entry": "refund-lama", "title": "Berapa lama refund?", "answers": 9}
    ]


def test_csv_export(tmp_path: Path) -> None:
    gap = GapGroup("kartu kredit luar negeri?", 3, ["kartu kredit luar negeri?"], Counter(low_confidence=3), ["c"])
    period = figures.period_for("7", None, None, JAKARTA, NOW)
    path = figures.write_csv(report(), [gap], period, tmp_path / "exports")
    assert path.name == "sigap-dashboard-2025-03-04-2025-03-10.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[0] == ["section", "key", "value"]
    assert ["totals", "containment_rate", "0.75"] in rows
    assert ["handoffs_by_reason", "low_confidence", "3"] in rows
    assert ["csat_by_day", "2025-03-03", "4.5"] in rows
    assert ["top_sources", "refund-lama", "9"] in rows
    assert ["knowledge_gaps", "kartu kredit luar negeri?", "3"] in rows
