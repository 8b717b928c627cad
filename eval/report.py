"""A human-readable eval report: one self-contained HTML page with inline SVG charts.

Metrics table, per-language and per-tag breakdowns, a reliability diagram, a coverage–accuracy
curve, and the worst failures with what was retrieved.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path

from eval.metrics import coverage_accuracy, reliability_bins
from eval.runner import CaseRun, answer_ranking

W, H, PAD = 360, 260, 36


def write_report(
    folder: Path,
    metrics: dict[str, float],
    breakdown: dict[str, dict[str, dict[str, float]]],
    runs: Sequence[CaseRun],
    title: str,
) -> Path:
    """Write ``folder/index.html`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    confidences = [r.outcome.confidence for r in runs]
    labels = [r.outcome.should_answer_and_could for r in runs]
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        "<h2>Headline metrics</h2>",
        _table({"all": metrics}),
        "<h2>Per language</h2>",
        _table(breakdown["langs"]),
        "<h2>Per tag</h2>",
        _table(breakdown["tags"]),
        "<h2>Calibration</h2><div class='charts'>",
        _reliability_svg(reliability_bins(confidences, labels)),
        _coverage_svg(coverage_accuracy(confidences, labels)),
        "</div>",
        "<h2>Worst failures</h2>",
        _failures(runs),
    ]
    page = (
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>" + html.escape(title) + "</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px}"
        "table{border-collapse:collapse;font-size:.85rem;margin-bottom:1rem}td,th{border:1px solid #ccc;"
        "padding:.2rem .4rem;text-align:right}th:first-child,td:first-child{text-align:left}"
        ".charts{display:flex;gap:2rem;flex-wrap:wrap}.fail{border-left:3px solid #c33;padding-left:.6rem;"
        "margin:.8rem 0}code{background:#f4f4f4}</style><body>" + "\n".join(parts) + "</body></html>"
    )
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _table(rows: dict[str, dict[str, float]]) -> str:
    if not rows:
        return "<p>none</p>"
    columns = list(next(iter(rows.values())))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["", *columns])
    body = "".join(
        "<tr><td>" + html.escape(name) + "</td>" + "".join(f"<td>{_fmt(v)}</td>" for v in values.values()) + "</tr>"
        for name, values in rows.items()
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _fmt(value: float) -> str:
    return "–" if math.isnan(value) else (f"{value:.0f}" if value >= 10 else f"{value:.3f}")


def _xy(x: float, y: float) -> tuple[float, float]:
    return PAD + x * (W - 2 * PAD), H - PAD - y * (H - 2 * PAD)


def _frame(title: str, x_label: str, y_label: str, inner: str) -> str:
    x0, y0 = _xy(0, 0)
    x1, y1 = _xy(1, 1)
    return (
        f"<svg width='{W}' height='{H}' role='img' aria-label='{html.escape(title)}'>"
        f"<text x='{W / 2}' y='16' text-anchor='middle' font-size='13'>{html.escape(title)}</text>"
        f"<rect x='{x0}' y='{y1}' width='{x1 - x0}' height='{y0 - y1}' fill='none' stroke='#999'/>"
        f"<text x='{W / 2}' y='{H - 6}' text-anchor='middle' font-size='11'>{x_label}</text>"
        f"<text x='10' y='{H / 2}' font-size='11' transform='rotate(-90 10 {H / 2})' text-anchor='middle'>"
        f"{y_label}</text>{inner}</svg>"
    )


def _reliability_svg(bins: list[dict[str, float]]) -> str:
    diagonal = "<line x1='{}' y1='{}' x2='{}' y2='{}' stroke='#bbb' stroke-dasharray='4'/>".format(
        *_xy(0, 0), *_xy(1, 1)
    )
    bars = []
    for b in bins:
        x0, y0 = _xy(b["low"], 0)
        x1, y1 = _xy(b["high"], b["accuracy"])
        bars.append(
            f"<rect x='{x0 + 1}' y='{y1}' width='{x1 - x0 - 2}' height='{y0 - y1}' fill='#4a7'>"
            f"<title>n={b['count']:.0f} conf={b['confidence']:.2f} acc={b['accuracy']:.2f}</title></rect>"
        )
    return _frame("Reliability diagram", "confidence", "accuracy", diagonal + "".join(bars))


def _coverage_svg(curve: list[dict[str, float]]) -> str:
    points = " ".join("{:.1f},{:.1f}".format(*_xy(p["coverage"], p["accuracy"])) for p in curve)
    line = f"<polyline points='{points}' fill='none' stroke='#36c' stroke-width='2'/>"
    return _frame("Coverage vs accuracy", "answer rate (coverage)", "accuracy of answers", line)


def _failures(runs: Sequence[CaseRun], limit: int = 25) -> str:
    failed = [r for r in runs if _failed(r)]
    failed.sort(key=lambda r: -abs(r.outcome.confidence - (1.0 if r.outcome.should_answer_and_could else 0.0)))
    items = []
    for run in failed[:limit]:
        case, answer = run.case, run.answer
        expected = f"handoff ({case.handoff_reason})" if case.expects_handoff else ", ".join(case.doc_ids)
        got = f"{answer.decision} ({answer.reason})" if answer.reason else answer.decision
        retrieved = ", ".join(answer_ranking(answer)[:5])
        items.append(
            f"<div class='fail'><b>{html.escape(case.id)}</b> <code>{html.escape(case.question)}</code><br>"
            f"expected <b>{html.escape(expected)}</b>, got <b>{html.escape(got)}</b> "
            f"(confidence {answer.confidence:.2f})<br>retrieved: {html.escape(retrieved)}</div>"
        )
    return "".join(items) or "<p>No failures.</p>"


def _failed(run: CaseRun) -> bool:
    o = run.outcome
    if o.expects_handoff:
        return not o.predicted_handoff or o.reason_expected != o.reason_predicted
    return not o.answered_correctly
