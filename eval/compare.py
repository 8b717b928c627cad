"""`sigap eval --compare OLD.json`: what changed since an earlier run — each metric, and which cases flipped.

Both sides are `sigap eval --json` files (the new one is the run just made). A case is *right* when its headline
decision was: handed off when it should have been, otherwise answered from a gold entry with every
``answer_contains`` string. Only case ids and outcomes are compared, never the questions' texts.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from app.errors import ConfigError

# Metrics where lower is better; counts are neither; every other metric compared is better higher.
LOWER_IS_BETTER = frozenset({"calibration.ece", "latency.p50_ms", "latency.p95_ms"})
NEITHER = frozenset({"cases"})


@dataclass
class MetricChange:
    name: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def better(self) -> bool | None:
        """True when the change is an improvement, False when a regression, None when unchanged or unknown."""
        delta = self.delta
        if delta is None or self.name in NEITHER or math.isclose(delta, 0.0, abs_tol=1e-12):
            return None
        return (delta < 0) if self.name in LOWER_IS_BETTER else (delta > 0)


@dataclass
class Comparison:
    metrics: list[MetricChange]
    now_right: list[str] = field(default_factory=list)  # wrong before, right now
    now_wrong: list[str] = field(default_factory=list)  # right before, wrong now
    only_old: list[str] = field(default_factory=list)  # cases the earlier run had and this one has not
    only_new: list[str] = field(default_factory=list)
    per_case: bool = True  # False: the earlier file has no per-case outcomes (written before they were kept)


def load_run(path: Path) -> dict[str, Any]:
    """A `sigap eval --json` file, or a clear error saying what is wrong with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"--compare {path}: no such file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"--compare {path}: not a `sigap eval --json` file ({exc})") from exc
    if not isinstance(data, dict) or "cases" not in data:
        raise ConfigError(f"--compare {path}: not a `sigap eval --json` file (it has no 'cases' metric)")
    return data


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    """Metric by metric (the numeric top-level keys both runs have, in the new run's order), then case by case."""
    names = [k for k, v in new.items() if k in old and _metric(v) and _metric(old[k]) and (v, old[k]) != (None, None)]
    metrics = [MetricChange(name, _value(old[name]), _value(new[name])) for name in names]
    if "per_case" not in old or "per_case" not in new:
        return Comparison(metrics, per_case=False)
    before = {row["id"]: bool(row["right"]) for row in old["per_case"]}
    after = {row["id"]: bool(row["right"]) for row in new["per_case"]}
    common = [case_id for case_id in after if case_id in before]
    return Comparison(
        metrics,
        now_right=[c for c in common if after[c] and not before[c]],
        now_wrong=[c for c in common if before[c] and not after[c]],
        only_old=[c for c in before if c not in after],
        only_new=[c for c in after if c not in before],
    )


def _metric(value: object) -> bool:
    """A metric's value: a number, or null (not measured in that run)."""
    return value is None or _number(value)


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value(value: object) -> float | None:
    return float(value) if _number(value) and not math.isnan(float(value)) else None
