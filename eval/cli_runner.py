"""What `sigap eval` does, behind the thin CLI command: progress, table, JSON, report, gate."""

from __future__ import annotations

import json
import math
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from app.answer.confidence import Calibration
from app.errors import ConfigError
from app.settings import Settings
from eval.cases import load_cases
from eval.command import EvalResult, engine_for, evaluate
from eval.command import calibrate as fit_calibration
from eval.compare import Comparison, compare, load_run
from eval.gate import gate_failures, load_thresholds
from eval.report import write_report


def run_eval_command(
    settings: Settings,
    *,
    knowledge: Path | None,
    cases: Path,
    split: str,
    benchmark: str | None,
    json_out: Path | None,
    report: Path | None,
    gate: bool,
    thresholds: Path,
    calibrate: bool,
    console: Console,
    err: Console,
    compare_to: Path | None = None,
) -> int:
    """Run the evaluation the options ask for; returns the exit status."""
    earlier = load_run(compare_to) if compare_to else None  # a bad file is reported before the run, not after
    if benchmark and earlier is not None:
        raise ConfigError("--compare works with eval sets, not with --benchmark")
    if benchmark:
        from eval.benchmarks import run_benchmark

        metrics = run_benchmark(benchmark, settings, progress_console=err)
        _print_metrics(console, f"Benchmark {benchmark}", metrics)
        if json_out:
            json_out.write_text(json.dumps(without_nan(metrics), indent=2) + "\n")
        return 0
    if split not in ("test", "train", "all"):
        raise ConfigError(f"--split must be test, train or all, not {split!r}")
    splits = ("train", "test") if split == "all" else (split,)
    target = settings.answer.calibration
    # a calibration about to be fitted into a new file cannot be loaded first: start from the hand-set one
    starting = Calibration() if calibrate and target is not None and not target.exists() else None
    with engine_for(settings, knowledge, calibration=starting) as engine, _bar(err) as bar:
        if calibrate:
            task = bar.add_task("Calibrating on train", total=None)
            fitted = fit_calibration(
                engine, load_cases(cases, ("train",)), lambda d, t: bar.update(task, completed=d, total=t)
            )
            fitted.save(target)
            engine.calibration = fitted
            err.print(f"Calibration saved: threshold {fitted.threshold:.3f}, fitted on {fitted.fitted_on}.")
        selected = load_cases(cases, splits)
        task = bar.add_task(f"Evaluating {split}", total=len(selected))
        result = evaluate(engine, selected, lambda d, t: bar.update(task, completed=d, total=t))
    _print_metrics(console, f"Eval ({split} split, {len(selected)} cases)", result.metrics)
    written = _as_json(result.as_dict())  # the run as its --json file holds it, for the file and the comparison
    _write_outputs(result, written, json_out, report, f"Sigap eval — {split} split")
    if earlier is not None and compare_to is not None:
        _print_comparison(console, compare_to, compare(earlier, written))
    if gate:
        failures = gate_failures(result.metrics, load_thresholds(thresholds))
        for failure in failures:
            err.print(f"[red]gate[/red] {failure}", markup=True, highlight=False)
        if failures:
            return 1
        err.print("[green]gate passed[/green]", markup=True)
    return 0


def _write_outputs(
    result: EvalResult, written: dict[str, object], json_out: Path | None, report: Path | None, title: str
) -> None:
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(written, indent=2) + "\n")
    if report:
        write_report(report, result.metrics, result.breakdown, result.runs, title)


def _as_json(value: dict[str, object]) -> dict[str, object]:
    """The run as its --json file holds it (NaN written as null): what is written, and what --compare reads."""
    cleaned = without_nan(value)
    assert isinstance(cleaned, dict)
    return cleaned


def _print_comparison(console: Console, path: Path, comparison: Comparison) -> None:
    table = Table(title=f"Compared with {path}")
    table.add_column("metric")
    for column in ("before", "now", "change"):
        table.add_column(column, justify="right")
    for change in comparison.metrics:
        delta = change.delta
        colour = {True: "green", False: "red", None: "dim"}[change.better]
        shown = "–" if delta is None else f"[{colour}]{delta:+.4g}[/{colour}]"
        table.add_row(change.name, _fmt(change.old), _fmt(change.new), shown)
    console.print(table)
    if not comparison.per_case:
        console.print(f"{path} has no per-case outcomes: only the metrics are compared.")
        return
    for label, ids in (
        ("now right", comparison.now_right),
        ("now wrong", comparison.now_wrong),
        ("only before", comparison.only_old),
        ("only now", comparison.only_new),
    ):
        if ids:
            console.print(f"{label} ({len(ids)}): {', '.join(ids)}", highlight=False)
    if not (comparison.now_right or comparison.now_wrong):
        console.print("No case changed between right and wrong.")


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.4g}"


def without_nan(value: object) -> object:
    """JSON has no NaN: a metric that could not be measured is written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    return value


def _print_metrics(console: Console, title: str, metrics: dict[str, float]) -> None:
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in metrics.items():
        table.add_row(name, "–" if isinstance(value, float) and math.isnan(value) else f"{value:.4g}")
    console.print(table)


def _bar(err: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
