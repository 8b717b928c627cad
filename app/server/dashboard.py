"""The manager's dashboard at ``/dashboard`` (behind the agents' login).

A period (last 7/30/90 days or chosen dates), the headline numbers (conversations, containment, handoff
rate, thumbs, CSAT, CES, answer latency), charts, the knowledge gaps with a "new FAQ entry" form, and a
CSV export. Thin: refreshing calls ``Insights.dashboard`` once; saving a FAQ calls ``Insights.draft_faq``.
"""

from __future__ import annotations

import logging
import math
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import gradio as gr
import pandas as pd

from app.components.language import detect_lang
from app.errors import HandoffError, StoreError
from app.server import figures
from app.server.faq_form import faq_form
from app.server.gaps import GapGroup
from app.server.i18n import LANG_NAMES, LANGS, lang_of, t
from app.server.insights import Insights
from app.server.labels import Text, Translated

log = logging.getLogger(__name__)

MIN_BAR_TOP = 4
Updates = dict[Any, Any]
TREND_TEXTS = {"label": "chart_trend", "x_title": "axis_day", "y_title": "axis_average", "color_title": "axis_metric"}


def build_dashboard(insights: Insights, timezone: str, export_dir: Path | None = None) -> gr.Blocks:
    """The dashboard; CSV exports are written under ``export_dir`` (a temporary folder by default)."""
    return Dashboard(insights, timezone, export_dir or Path(tempfile.mkdtemp(prefix="sigap-exports-"))).page


class Dashboard:
    """The dashboard's components (``_layout_*``), callbacks (``on_*``) and wiring (``_wire``)."""

    def __init__(self, insights: Insights, timezone: str, exports: Path) -> None:
        self.insights = insights
        self.zone = ZoneInfo(timezone)
        self.exports = exports
        self.tr = Translated()
        self.page = gr.Blocks(title=t("id", "dashboard_title"), analytics_enabled=False, fill_width=True)
        with self.page:
            self.lang = gr.State("id")
            self.gaps_state = gr.State([])
            self._layout_period()
            self._layout_figures()
            self._layout_gaps()
            self.export = self.tr.add(gr.DownloadButton, {"label": "export"}, elem_id="export")
            self._wire()

    def _layout_period(self) -> None:
        tr = self.tr
        with gr.Row(equal_height=True):
            tr.add(gr.Markdown, {"value": "dashboard_heading"})
            choices = [(LANG_NAMES[code], code) for code in LANGS]
            self.lang_radio = gr.Radio(
                choices, value="id", label=t("id", "lang_label"), elem_id="lang", scale=0, min_width=340
            )
        with gr.Row():
            texts: dict[str, Text] = {"label": "period_label", "choices": _period_choices}
            self.period = tr.add(gr.Radio, texts, value="30", elem_id="period", scale=3, min_width=300)
            dates = {"include_time": False, "type": "string", "visible": False}
            self.start = tr.add(gr.DateTime, {"label": "start_label"}, elem_id="start", **dates)
            self.end = tr.add(gr.DateTime, {"label": "end_label"}, elem_id="end", **dates)
            self.refresh = tr.add(gr.Button, {"value": "refresh"}, variant="primary", elem_id="refresh", min_width=110)
        self.period_note = gr.Markdown(elem_id="period-note")

    def _layout_figures(self) -> None:
        tr = self.tr
        self.kpis = gr.HTML(elem_id="kpis")
        counts: dict[str, Any] = {"y_lim": [0, None], "y_axis_format": "d", "min_width": 300}
        with gr.Row():
            reasons_texts = {"label": "chart_reasons", "x_title": "axis_reason", "y_title": "axis_cases"}
            self.reasons = tr.add(gr.BarPlot, reasons_texts, x="reason", y="cases", elem_id="chart-reasons", **counts)
            trend: dict[str, Any] = {"x": "day", "y": "average", "color": "metric", "y_lim": [1, 7]}
            with gr.Column(min_width=300):
                # A line needs two days; a single day's averages are drawn as points.
                self.trend = tr.add(gr.LinePlot, TREND_TEXTS, elem_id="chart-trend", **trend)
                self.trend_points = tr.add(
                    gr.ScatterPlot, TREND_TEXTS, elem_id="chart-trend-points", visible=False, **trend
                )
        sources_texts = {"label": "chart_sources", "x_title": "axis_entry", "y_title": "axis_answers"}
        self.sources = tr.add(
            gr.BarPlot,
            sources_texts,
            x="entry",
            y="answers",
            tooltip=["title", "answers"],
            sort="-y",
            elem_id="chart-sources",
            **counts,
        )

    def _layout_gaps(self) -> None:
        tr = self.tr
        tr.add(gr.Markdown, {"value": lambda lang: f"{t(lang, 'gaps_heading')}\n{t(lang, 'gaps_intro')}"})
        self.gaps_note = gr.Markdown(elem_id="gaps-note")
        self.gaps_table = gr.Dataframe(interactive=False, wrap=True, elem_id="gaps", visible=False)
        with gr.Group(visible=False) as self.gap_form:
            self.gap_pick = tr.add(gr.Dropdown, {"label": "gap_pick"}, choices=[], elem_id="gap-pick")
            self.question, self.answer, self.category, self.entry_lang, self.save = faq_form(tr, "gap")
            self.save_status = gr.Markdown(elem_id="gap-status", padding=True)

    def _wire(self) -> None:
        outputs = [self.period_note, self.kpis, self.reasons, self.trend, self.trend_points, self.sources]
        outputs += [self.gaps_note, self.gaps_table, self.gap_form, self.gap_pick, self.gaps_state, self.export]
        inputs = [self.period, self.start, self.end, self.lang]
        refresh: dict[str, Any] = {"fn": self.on_refresh, "inputs": inputs, "outputs": outputs}
        translated = [*self.tr.components, self.lang]
        self.page.load(self.on_load, None, [*translated, self.lang_radio]).then(**refresh)
        self.lang_radio.change(self.on_lang, [self.lang_radio], translated).then(**refresh)
        self.period.input(**refresh)
        self.period.change(_custom_dates, [self.period], [self.start, self.end])
        self.refresh.click(**refresh)
        form = [self.question, self.answer, self.category, self.entry_lang]
        self.gap_pick.change(self.on_pick, [self.gap_pick, self.gaps_state], [*form, self.save_status])
        self.save.click(self.on_save, [self.gap_pick, *form, self.gaps_state, self.lang], [self.save_status])

    def on_load(self, request: gr.Request) -> Updates:
        chosen = lang_of(request.query_params.get("lang", "id"))
        return {**self.on_lang(chosen), self.lang_radio: chosen}

    def on_lang(self, lang: str) -> Updates:
        chosen = lang_of(lang)
        return {**dict(zip(self.tr.components, self.tr.updates(chosen), strict=True)), self.lang: chosen}

    def on_refresh(self, choice: str, first: object, last: object, lang: str) -> Updates:
        """Every figure of the chosen period, and its CSV file behind the download button."""
        if choice == "custom" and not (first and last):
            return {self.period_note: t(lang, "period_pick_dates")}
        try:
            period = figures.period_for(choice, first, last, self.zone, datetime.now(self.zone))
        except ValueError:
            return {self.period_note: t(lang, "period_invalid")}
        view = self.insights.dashboard(period.start, period.end)
        report, gaps = view.report, view.gaps
        return {
            self.period_note: t(lang, "period_shown", start=period.first_day, end=period.last_day),
            self.kpis: figures.kpi_html(report, lang),
            self.reasons: _bars(figures.reasons_frame(report, lang), "cases"),
            **self._trend(figures.trend_frame(report)),
            self.sources: _bars(figures.sources_frame(report, view.titles), "answers"),
            self.gaps_note: "" if gaps else t(lang, "gaps_none"),
            self.gaps_table: gr.update(value=figures.gaps_frame(gaps, lang), visible=bool(gaps)),
            self.gap_form: gr.update(visible=bool(gaps)),
            self.gap_pick: gr.update(choices=_gap_choices(gaps), value=None),
            self.gaps_state: [_gap_record(group) for group in gaps],
            self.export: str(figures.write_csv(report, gaps, period, self.exports)),
        }

    def _trend(self, frame: pd.DataFrame) -> Updates:
        as_line = frame["day"].nunique() != 1  # no ratings: the line chart's empty axes
        return {
            self.trend: gr.update(value=frame if as_line else None, visible=as_line),
            self.trend_points: gr.update(value=None if as_line else frame, visible=not as_line),
        }

    def on_pick(self, index: int | None, groups: list[dict[str, Any]]) -> Updates:
        """Prefill the new FAQ entry with the group's question (the answer is the manager's to write)."""
        if index is None or not 0 <= index < len(groups):
            return {self.save_status: gr.skip()}
        question = groups[index]["question"]
        return {
            self.question: question,
            self.answer: "",
            self.category: "",
            self.entry_lang: detect_lang(question),
            self.save_status: "",
        }

    def on_save(
        self,
        index: int | None,
        question: str,
        answer: str,
        category: str,
        entry_lang: str,
        groups: list[dict[str, Any]],
        lang: str,
    ) -> str:
        """Write the draft entry; the group's other wordings become its variants."""
        group = groups[index] if index is not None and 0 <= index < len(groups) else None
        variants = [text for text in group["examples"] if text != question] if group else []
        origin = f"dashboard:{group['conversation_ids'][0]}" if group else "dashboard"
        try:
            path = self.insights.draft_faq(
                question=question, answer=answer, category=category, lang=entry_lang, variants=variants, origin=origin
            )
        except (HandoffError, StoreError) as exc:
            return t(lang, "action_failed", error=str(exc))
        return t(lang, "promote_done", path=path.name)


def _custom_dates(choice: str) -> list[Any]:
    return [gr.update(visible=choice == "custom")] * 2


def _bars(frame: pd.DataFrame, column: str) -> Any:
    """Counts from zero, with room above the highest bar (whole-number ticks even for tiny counts)."""
    top = int(frame[column].max()) if len(frame) else 0
    return gr.update(value=frame, y_lim=[0, max(MIN_BAR_TOP, math.ceil(top * 1.15))])


def _period_choices(lang: str) -> list[tuple[str, str]]:
    return [(t(lang, f"period_{days}"), days) for days in figures.PRESET_DAYS] + [(t(lang, "period_custom"), "custom")]


def _gap_choices(gaps: list[GapGroup]) -> list[tuple[str, int]]:
    return [(f"{group.count}× {group.question[:90]}", index) for index, group in enumerate(gaps)]


def _gap_record(group: GapGroup) -> dict[str, Any]:
    return {"question": group.question, "examples": list(group.examples), "conversation_ids": group.conversation_ids}
