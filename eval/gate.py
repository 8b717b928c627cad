"""The regression gate: `eval/thresholds.toml` holds the minimum (or maximum) of each headline metric."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

from app.errors import ConfigError

DEFAULT_THRESHOLDS = Path(__file__).with_name("thresholds.toml")
LOWER_IS_BETTER = ("calibration.ece", "latency.p50_ms", "latency.p95_ms")


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> dict[str, float]:
    """``{metric: bound}``: a minimum for most metrics, a maximum for ECE and latencies.

    Raises:
        ConfigError: the file is missing or malformed.
    """
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the eval thresholds {path}: {exc}") from exc
    flat: dict[str, float] = {}
    for section, values in data.items():
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: expected [section] tables such as [retrieval], got {section} = {values!r}")
        for name, bound in values.items():
            flat[f"{section}.{name}"] = float(bound)
    return flat


def gate_failures(metrics: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """One line per metric on the wrong side of its bound (a missing or NaN metric fails too)."""
    failures = []
    for name, bound in sorted(thresholds.items()):
        value = metrics.get(name, math.nan)
        if math.isnan(value):
            failures.append(f"{name}: not measured (bound {bound})")
        elif name in LOWER_IS_BETTER and value > bound:
            failures.append(f"{name}: {value:.4f} is above the maximum {bound}")
        elif name not in LOWER_IS_BETTER and value < bound:
            failures.append(f"{name}: {value:.4f} is below the minimum {bound}")
    return failures
